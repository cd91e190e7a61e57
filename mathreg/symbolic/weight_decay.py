r"""The gradient of the L2-regularized cost and the weight-decay update, eqs. (12)–(13).

The matrix derivative is computed by SymPy's matrix calculus for a weight matrix of symbolic
shape :math:`n_\text{out} \times n_\text{in}`, so it holds for every layer size.
"""

import sympy as sp

from mathreg.ledger import Definition, KnownDerivative, Law, Part
from mathreg.notation import Back, FrobeniusSq, named_matrix, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import Differentiate, Equal, Premise, SubstituteInto
from mathreg.symbolic.symbols import alpha, lam, likelihood, m, n_in, n_out, theta

__all__ = ["W", "W_new", "decay_update", "gradient", "weight_decay"]

#: :math:`W^{(l)}`, the weight matrix of one layer, shape ``(n_out, n_in)``.
W = named_matrix("W", r"W^{(l)}", n_out, n_in)
#: The weights after one gradient step.
W_new = named_matrix("W_new", r"W^{(l)}_{\text{new}}", n_out, n_in)
#: :math:`\partial J/\partial W^{(l)}` as a matrix, the placeholder of the update rule.
grad_J = named_matrix("dJdW", r"\frac{\partial J}{\partial W^{(l)}}", n_out, n_in)
J = named_symbol("J", r"J(\theta)")
#: The other layers' share of the penalty: it does not involve :math:`W^{(l)}`.
other_layers = named_symbol("R_other", r"\Omega_{k \ne l}", nonnegative=True)


def _minus(scalar: sp.Expr, matrix: sp.MatrixExpr) -> sp.MatMul:
    """``-scalar * matrix``, built so that it prints as a subtraction."""
    return sp.MatMul(-1, scalar, matrix, evaluate=False)


def gradient() -> sp.MatrixExpr:
    r"""Eq. (12), :math:`\partial J/\partial W = \operatorname{back}(W) + \frac{\lambda}{m} W`."""
    return sp.MatAdd(Back(W), (lam / m) * W, evaluate=False)


def decay_update() -> sp.MatrixExpr:
    r"""Eq. (13): :math:`(1 - \alpha\lambda/m)\,W^{(l)} - \alpha \operatorname{back}(W^{(l)})`."""
    return sp.MatAdd((1 - alpha * lam / m) * W, _minus(alpha, Back(W)), evaluate=False)


#: The data term of the cost (11): the mean negative log-likelihood.
data_term = -sp.log(likelihood) / m

#: back(W) names the data term's gradient, which backpropagation computes.
BACKPROP = KnownDerivative(
    data_term,
    W,
    Back(W),
    r"$\operatorname{back}(W^{(l)})$ names the data term's gradient, which backpropagation "
    "computes",
)

#: One step of gradient descent, the method whose update (13) is.
GRADIENT_DESCENT = Law(
    sp.Eq(W_new, sp.MatAdd(W, _minus(alpha, grad_J), evaluate=False), evaluate=False),
    r"the gradient-descent update with learning rate $\alpha$ (the method's definition)",
)

GIVEN = (
    Part(W, theta, r"$W^{(l)}$ is one block of the parameters $\theta$"),
    Definition(
        other_layers,
        None,
        r"the other layers' share of the penalty, "
        r"$\Omega_{k \ne l} = \sum_{k \ne l} \lVert W^{(k)} \rVert_F^2$; it does not "
        r"involve $W^{(l)}$",
    ),
)


def weight_decay() -> Derivation:
    """Eqs. (12)–(13): differentiate the per-layer cost (11), then take one gradient step."""
    steps = (
        Step(
            sp.Eq(
                J,
                sp.Add(
                    data_term,
                    sp.Mul(lam / (2 * m), FrobeniusSq(W) + other_layers, evaluate=False),
                    evaluate=False,
                ),
            ),
            Premise(),
            "The cost (11), with the penalty of layer $l$ split from the other layers' share, "
            r"which does not involve $W^{(l)}$.",
        ),
        Step(
            sp.Eq(grad_J, gradient(), evaluate=False),
            Differentiate(W, known=[BACKPROP], gradient=grad_J),
            "The data term's gradient is what backpropagation computes, "
            r"$\operatorname{back}(W^{(l)})$. SymPy differentiates the penalty: "
            r"$\partial \operatorname{tr}(W^TW)/\partial W = 2W$, so "
            r"$\frac{\lambda}{2m} \cdot 2W = \frac{\lambda}{m} W$.",
            eq=12,
        ),
        Step(
            sp.Eq(W_new, sp.MatAdd(W, _minus(alpha, gradient()), evaluate=False), evaluate=False),
            SubstituteInto(GRADIENT_DESCENT),
            r"One step of gradient descent with learning rate $\alpha$ moves against the "
            "gradient.",
        ),
        Step(
            sp.Eq(W_new, decay_update(), evaluate=False),
            Equal(),
            r"Collect the terms in $W^{(l)}$: before the usual step, the weights are "
            r"multiplied by $1 - \frac{\alpha\lambda}{m}$, a number just below 1 when "
            r"$\frac{\alpha\lambda}{m}$ is small. This shrinking is why L2 is called weight decay.",
            eq=13,
        ),
    )
    return Derivation(
        name="weight-decay",
        title="The gradient of the L2 penalty and the weight-decay update",
        equations=(12, 13),
        steps=steps,
        summary=(
            r"The L2 penalty adds $\frac{\lambda}{m} W^{(l)}$ to each layer's gradient, so "
            "every gradient step first scales the weights by the decay factor "
            r"$1 - \frac{\alpha\lambda}{m}$ and then takes the plain step "
            r"$-\alpha \operatorname{back}(W^{(l)})$."
        ),
        given=GIVEN,
    )
