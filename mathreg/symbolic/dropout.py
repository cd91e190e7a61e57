r"""Inverted dropout: why divide by keep_prob, and the backward pass, eqs. (14)–(15).

Two derivations. ``dropout`` starts from how a mask entry is drawn, :math:`D_{ij} = 1` when a
uniform draw :math:`U_{ij}` falls below keep_prob, and derives its expectation and the
expectation of the rescaled activation. ``dropout-backward`` pulls the gradient back through
:math:`Z^{(l+1)} = W^{(l+1)}\tilde A^{(l)} + b^{(l+1)}` and through
:math:`\tilde A^{(l)} = A^{(l)} \circ D^{(l)} / \text{keep\_prob}` with SymPy's matrix
calculus for symbolic shapes.
"""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Definition
from mathreg.notation import Expect, Gradient, named_matrix, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import ChainRule, Evaluate, Linearity, Premise
from mathreg.symbolic.symbols import keep_prob, n_examples, n_in, n_out

__all__ = ["backward", "dropout", "dropout_backward", "forward"]

#: :math:`U_{ij} \sim \mathcal U(0, 1)`, the uniform draw behind one mask entry.
U = stats.Uniform("U", 0, 1)
#: :math:`D_{ij}`, one mask entry: 1 when :math:`U_{ij} <` keep_prob, else 0.
mask_entry = named_symbol("D_ij", "D_{ij}")
#: One activation :math:`A_{ij}`, a real number.
a = named_symbol("A_ij", "A_{ij}", real=True)
#: The loss, a number.
loss = named_symbol("L", "L")

# layer l has n_in units, layer l+1 has n_out; n_examples columns (one per example)
A = named_matrix("A", "A^{(l)}", n_in, n_examples)
A_dropped = named_matrix("A_tilde", r"\tilde{A}^{(l)}", n_in, n_examples)
D = named_matrix("D", "D^{(l)}", n_in, n_examples)
W_next = named_matrix("W", "W^{(l+1)}", n_out, n_in)
b_next = named_matrix("b", "b^{(l+1)}", n_out, n_examples)
Z_next = named_matrix("Z", "Z^{(l+1)}", n_out, n_examples)
dZ_next = named_matrix("dZ", "dZ^{(l+1)}", n_out, n_examples)
dA_dropped = named_matrix("dA_tilde", r"d\tilde{A}^{(l)}", n_in, n_examples)
dA = named_matrix("dA", "dA^{(l)}", n_in, n_examples)

#: keep_prob is a probability: at most 1 (and positive, as its symbol says).
AT_MOST_ONE = Assumption(keep_prob <= 1, r"$\text{keep\_prob}$ is a probability")


def forward() -> sp.MatrixExpr:
    r""":math:`\tilde A^{(l)} = A^{(l)} \circ D^{(l)} / \text{keep\_prob}`, inverted dropout."""
    return sp.HadamardProduct(A, D) / keep_prob


def backward() -> sp.MatrixExpr:
    r"""Eq. (15): :math:`dA^{(l)} = d\tilde A^{(l)} \circ D^{(l)} / \text{keep\_prob}`."""
    return sp.HadamardProduct(dA_dropped, D) / keep_prob


def dropout() -> Derivation:
    """Why inverted dropout divides by keep_prob: the expectation of a mask entry and of the
    rescaled activation, from the uniform draw behind the mask."""
    steps = (
        Step(
            sp.Eq(mask_entry, sp.Piecewise((1, U < keep_prob), (0, True))),
            Premise(),
            "Each entry of the mask, independently for every unit and every example: draw "
            r"$U$ uniformly from $[0, 1)$ and keep the unit when $U < \text{keep\_prob}$.",
        ),
        Step(
            sp.Eq(Expect(mask_entry), keep_prob),
            Evaluate(),
            r"So a unit is kept with probability exactly $\text{keep\_prob}$: the mask entry "
            r"is a Bernoulli variable, and its mean is $\text{keep\_prob}$.",
        ),
        Step(
            sp.Eq(Expect(a * mask_entry), keep_prob * a),
            Linearity(),
            r"Masking alone shrinks every activation on average, to $\text{keep\_prob}$ times "
            "its value.",
        ),
        Step(
            sp.Eq(Expect(a * mask_entry / keep_prob), a),
            Linearity(),
            r"Dividing the kept activations by $\text{keep\_prob}$ (inverted dropout) restores "
            "the expected value: the next layer's input is, on average, the input it will get "
            "at test time, when nothing is dropped and nothing is rescaled.",
        ),
    )
    return Derivation(
        name="dropout",
        title="Inverted dropout: why divide by keep_prob",
        equations=(),
        steps=steps,
        summary=(
            r"A mask entry is 1 with probability $\text{keep\_prob}$, so masking alone scales "
            r"every activation's expected value by $\text{keep\_prob}$; dividing by "
            r"$\text{keep\_prob}$ restores it."
        ),
        given=(AT_MOST_ONE,),
    )


#: The next layer's pre-activation, as a function of the dropped-out activations.
NEXT_LAYER = Definition(Z_next, W_next * A_dropped + b_next, "the next layer's linear map")
#: Inverted dropout's forward pass.
FORWARD = Definition(A_dropped, forward(), "inverted dropout's forward pass")


def dropout_backward() -> Derivation:
    """Eqs. (14)–(15): the gradient pulled back through the next layer and through the mask."""
    steps = (
        Step(
            sp.Eq(dZ_next, Gradient(loss, Z_next)),
            Premise(),
            "Backpropagation hands each layer the gradient of the loss at its output: "
            r"$dZ^{(l+1)} = \partial L / \partial Z^{(l+1)}$.",
        ),
        Step(
            sp.Eq(dA_dropped, W_next.T * dZ_next),
            ChainRule(NEXT_LAYER, A_dropped, dA_dropped),
            "Backward through the next layer's linear map. This is the note's (14); it is the "
            r"gradient at the dropped-out activations $\tilde A^{(l)}$, which the note also "
            r"calls $dA^{(l)}$.",
            eq=14,
        ),
        Step(
            sp.Eq(dA, backward()),
            ChainRule(FORWARD, A, dA),
            r"Backward through the mask: each $\tilde A_{ij}$ depends only on $A_{ij}$, with "
            r"slope $D_{ij}/\text{keep\_prob}$, so the backward pass applies the same mask and "
            "the same rescaling.",
            eq=15,
        ),
    )
    return Derivation(
        name="dropout-backward",
        title="Inverted dropout: the backward pass",
        equations=(14, 15),
        steps=steps,
        summary=(
            "The backward pass multiplies the incoming gradient by the same mask and the same "
            r"$1/\text{keep\_prob}$ as the forward pass."
        ),
    )
