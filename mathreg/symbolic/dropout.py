r"""Inverted dropout: why divide by keep_prob, and the backward pass, eqs. (14)–(15).

The expectations are computed by ``sympy.stats``; the backward pass is the chain rule through
:math:`Z^{(l+1)} = W^{(l+1)}\tilde A^{(l)} + b^{(l+1)}` and through
:math:`\tilde A^{(l)} = A^{(l)} \circ D^{(l)} / \text{keep\_prob}`, computed by SymPy's matrix
calculus for symbolic shapes.
"""

import sympy as sp
from sympy import stats

from mathreg.notation import named_matrix, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import ChainRule, Evaluate, Premise
from mathreg.symbolic.symbols import keep_prob, n_examples, n_in, n_out

__all__ = ["backward", "dropout", "forward"]

#: :math:`U_{ij} \sim \mathcal U(0, 1)`, the uniform draw behind one mask entry.
U = stats.Uniform("U", 0, 1)
#: :math:`D_{ij} \sim \text{Bernoulli}(\text{keep\_prob})`, one mask entry.
D_entry = stats.Bernoulli("D", keep_prob)
mask_entry = named_symbol("D_ij", "D_{ij}")
#: One activation :math:`A_{ij}`, a real number.
a = named_symbol("A_ij", "A_{ij}", real=True)

# layer l has n_in units, layer l+1 has n_out; n_examples columns (one per example)
A = named_matrix("A", "A^{(l)}", n_in, n_examples)
A_dropped = named_matrix("Ã", r"\tilde{A}^{(l)}", n_in, n_examples)
D = named_matrix("D", "D^{(l)}", n_in, n_examples)
W_next = named_matrix("W", "W^{(l+1)}", n_out, n_in)
b_next = named_matrix("b", "b^{(l+1)}", n_out, n_examples)
Z_next = named_matrix("Z", "Z^{(l+1)}", n_out, n_examples)
dZ_next = named_matrix("dZ", "dZ^{(l+1)}", n_out, n_examples)
dA_dropped = named_matrix("dÃ", r"d\tilde{A}^{(l)}", n_in, n_examples)
dA = named_matrix("dA", "dA^{(l)}", n_in, n_examples)

_ENTRY_ASSUMPTIONS = sp.Q.le(keep_prob, 1)


def forward() -> sp.MatrixExpr:
    r""":math:`\tilde A^{(l)} = A^{(l)} \circ D^{(l)} / \text{keep\_prob}`, inverted dropout."""
    return sp.HadamardProduct(A, D) / keep_prob


def backward() -> sp.MatrixExpr:
    r"""Eq. (15): :math:`dA^{(l)} = d\tilde A^{(l)} \circ D^{(l)} / \text{keep\_prob}`."""
    return sp.HadamardProduct(dA_dropped, D) / keep_prob


def dropout() -> Derivation:
    """Eqs. (14)–(15) and the 1/keep_prob rescaling of inverted dropout."""
    uniform = "U ~ Uniform(0, 1), 0 < keep_prob ≤ 1"
    bernoulli = "D ~ Bernoulli(keep_prob)"
    steps = (
        Step(
            sp.Eq(mask_entry, sp.Piecewise((1, U < keep_prob), (0, True))),
            Premise(),
            "Each entry of the mask, independently for every unit and every example: draw "
            "U from Uniform(0, 1) and keep the unit when U < keep_prob.",
        ),
        Step(
            sp.Eq(stats.Probability(U < keep_prob), keep_prob),
            Evaluate(_ENTRY_ASSUMPTIONS, uniform),
            "So a unit is kept with probability exactly keep_prob: D_ij is Bernoulli(keep_prob).",
        ),
        Step(
            sp.Eq(stats.Expectation(a * D_entry), keep_prob * a),
            Evaluate(_ENTRY_ASSUMPTIONS, bernoulli),
            "Masking alone shrinks every activation on average, to keep_prob times its value.",
        ),
        Step(
            sp.Eq(stats.Expectation(a * D_entry / keep_prob), a),
            Evaluate(_ENTRY_ASSUMPTIONS, bernoulli),
            "Dividing the kept activations by keep_prob (inverted dropout) restores the "
            "expected value: the next layer sees, on average, the activations it will see at "
            "test time, when nothing is dropped and nothing is rescaled.",
        ),
        Step(
            sp.Eq(dA_dropped, W_next.T * dZ_next),
            ChainRule(sp.Eq(Z_next, W_next * A_dropped + b_next), A_dropped, dZ_next, dA_dropped),
            "Backward through the next layer's linear map. This is the note's (14); it is the "
            "gradient at the dropped-out activations Ã⁽ˡ⁾, which the note also calls dA⁽ˡ⁾.",
            eq=14,
        ),
        Step(
            sp.Eq(dA, backward()),
            ChainRule(sp.Eq(A_dropped, forward()), A, dA_dropped, dA),
            "Backward through the mask: each Ã_ij depends only on A_ij, with slope D_ij/keep_prob, "
            "so the backward pass applies the same mask and the same rescaling.",
            eq=15,
        ),
    )
    return Derivation(
        name="dropout",
        title="Inverted dropout: the rescaling and the backward pass",
        equations=(14, 15),
        steps=steps,
        summary=(
            "A mask entry is 1 with probability keep_prob; dividing by keep_prob keeps every "
            "activation's expected value, and the backward pass multiplies the incoming "
            "gradient by the same mask and the same 1/keep_prob."
        ),
    )
