r"""The gradient of the ridge objective: the derivation built on the page "Write a checked
derivation".

    python -m mathreg check examples/ridge_gradient.py

For data X (m examples, d features), labels y and weights w, the ridge objective
J(w) = ½‖y − Xw‖² + (λ/2)‖w‖² has the gradient Xᵀ(Xw − y) + λw, for every m and d.
"""

import sympy as sp

from mathreg.proof import Derivation, Step
from mathreg.rules import Differentiate, Equal, Premise

m = sp.Symbol("m", integer=True, positive=True)  # examples
d = sp.Symbol("d", integer=True, positive=True)  # features
lam = sp.Symbol("lambda", positive=True)  # the penalty's strength
X = sp.MatrixSymbol("X", m, d)
y = sp.MatrixSymbol("y", m, 1)
w = sp.MatrixSymbol("w", d, 1)
J = sp.MatrixSymbol("J", 1, 1)  # the objective, a 1×1 matrix
g = sp.MatrixSymbol("g", d, 1)  # a new name for its gradient

residual = y - X * w
objective = sp.MatAdd(
    sp.MatMul(sp.Rational(1, 2), residual.T, residual, evaluate=False),
    sp.MatMul(lam / 2, w.T, w, evaluate=False),
    evaluate=False,
)


def ridge_gradient() -> Derivation:
    """The gradient of ½‖y − Xw‖² + (λ/2)‖w‖² is Xᵀ(Xw − y) + λw."""
    return Derivation(
        name="ridge-gradient",
        title="The gradient of the ridge objective",
        equations=(),
        steps=(
            Step(sp.Eq(J, objective), Premise(), "The ridge objective."),
            Step(
                sp.Eq(g, X.T * (X * w - y) + lam * w),
                Differentiate(w, gradient=g),
                "Matrix calculus, for every m and d: the squared residual gives Xᵀ(Xw − y), "
                "the penalty λw.",
            ),
            Step(
                sp.Eq(g, (X.T * X + lam * sp.Identity(d)) * w - X.T * y),
                Equal(),
                "Collect the terms in w: the gradient vanishes where (XᵀX + λI)w = Xᵀy.",
            ),
        ),
        summary="The ridge gradient is Xᵀ(Xw − y) + λw = (XᵀX + λI)w − Xᵀy.",
    )
