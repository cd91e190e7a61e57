r"""Ridge regression: the L2-penalised least-squares solution in closed form.

Minimising :math:`J(w) = \tfrac12\lVert y - Xw\rVert^2 + \tfrac\lambda2\lVert w\rVert^2` over
:math:`w \in \mathbb R^d`, for data :math:`X` of shape :math:`(m, d)` (rows are examples) and
:math:`y \in \mathbb R^m`, gives :math:`\hat w = (X^TX + \lambda I)^{-1}X^Ty`. The gradient is
computed by SymPy's matrix calculus for symbolic :math:`m` and :math:`d`; the Hessian
:math:`X^TX + \lambda I` is positive definite for :math:`\lambda > 0`, so the minimiser exists,
is unique, and is where the gradient vanishes.
"""

import sympy as sp

from mathreg.ledger import Lemma
from mathreg.lemmas import gram_plus_ridge_is_positive_definite
from mathreg.notation import ArgMin, named_matrix
from mathreg.proof import Derivation, Step
from mathreg.rules import ConvexMinimum, Differentiate, Premise, Rearrange, Solve, Stationary

__all__ = ["hessian", "ridge", "ridge_direction", "ridge_solution", "shrinkage"]

m = sp.Symbol("m", integer=True, positive=True)
d = sp.Symbol("d", integer=True, positive=True)
lam = sp.Symbol("lambda", positive=True)
X = named_matrix("X", "X", m, d)
y = named_matrix("y", "y", m, 1)
w = named_matrix("w", "w", d, 1)
w_hat = named_matrix("what", r"\hat w", d, 1)
gradient_name = named_matrix("g", r"\nabla J(w)", d, 1)
J = named_matrix("J", "J(w)", 1, 1)
identity = sp.Identity(d)


def hessian() -> sp.MatrixExpr:
    r""":math:`X^TX + \lambda I`, the Hessian of the ridge objective."""
    return sp.MatAdd(X.T * X, lam * identity, evaluate=False)


def ridge_solution() -> sp.MatrixExpr:
    r""":math:`(X^TX + \lambda I)^{-1} X^T y`."""
    return sp.MatMul(sp.Inverse(hessian()), X.T, y, evaluate=False)


#: The Hessian is positive definite for λ > 0.
DEFINITE = Lemma(
    statement=sp.Q.positive_definite(X.T * X + lam * identity),
    proof=gram_plus_ridge_is_positive_definite,
    scope=r"$X^TX$ is positive semidefinite ($v^TX^TXv = \lVert Xv \rVert^2 \ge 0$) and "
    r"$\lambda \mathbb I$ positive definite for $\lambda > 0$",
    general=True,
    name="XᵀX + λI is positive definite",
)


def ridge() -> Derivation:
    """[R2]: the minimiser of the ridge objective is (XᵀX + λI)⁻¹Xᵀy."""
    residual = y - X * w
    steps = (
        Step(
            sp.Eq(
                J,
                sp.MatAdd(
                    sp.MatMul(sp.Rational(1, 2), residual.T, residual, evaluate=False),
                    sp.MatMul(lam / 2, w.T, w, evaluate=False),
                    evaluate=False,
                ),
            ),
            Premise(),
            r"The ridge objective: half the squared residual plus $\frac{\lambda}{2}$ times "
            "the squared norm of the weights (no intercept).",
        ),
        Step(
            sp.Eq(gradient_name, sp.MatAdd(X.T * (X * w - y), lam * w, evaluate=False)),
            Differentiate(w, gradient=gradient_name),
            "The gradient, by matrix calculus for any $m$ and $d$: the least-squares part "
            r"gives $X^T(Xw - y)$, the penalty $\lambda w$.",
        ),
        Step(
            sp.Eq(
                sp.MatAdd(X.T * (X * w_hat - y), lam * w_hat, evaluate=False), sp.ZeroMatrix(d, 1)
            ),
            Stationary(w_hat, hessian=DEFINITE),
            r"The Hessian $X^TX + \lambda \mathbb I$ does not depend on $w$ and is positive "
            r"definite for $\lambda > 0$: $J$ is a strictly convex quadratic, so its minimiser "
            r"$\hat w$ exists, is unique, and is where the gradient vanishes.",
        ),
        Step(
            sp.Eq(sp.MatMul(hessian(), w_hat, evaluate=False), X.T * y),
            Rearrange(),
            r"Collect the terms in $\hat w$: the normal equations of ridge regression.",
        ),
        Step(
            sp.Eq(w_hat, ridge_solution()),
            Solve(w_hat, invertible=DEFINITE),
            r"$X^TX + \lambda \mathbb I$ is invertible (positive definite), so the solution is "
            "unique. In code one solves this linear system; one never forms the inverse.",
            eq="R2",
        ),
    )
    return Derivation(
        name="ridge",
        title="Ridge regression in closed form",
        equations=("R2",),
        steps=steps,
        summary=(
            r"For every $\lambda > 0$ the ridge objective has exactly one minimiser, "
            r"$\hat w = (X^TX + \lambda \mathbb I)^{-1} X^T y$, for any number of examples $m$ "
            "and features $d$."
        ),
    )


mu = sp.Symbol("mu", positive=True)
w_star = sp.Symbol("w_star", real=True)
v = sp.Symbol("v", real=True)
v_hat = sp.Symbol("vhat")


def shrinkage() -> sp.Expr:
    r""":math:`\frac{\mu}{\mu + \lambda} w^*`: the ridge solution along an eigen-direction."""
    return sp.Mul(mu / (mu + lam), w_star, evaluate=False)


def ridge_direction() -> Derivation:
    """[R3]: along an eigen-direction of curvature μ, ridge keeps the fraction μ/(μ + λ)."""
    objective = sp.Add(
        sp.Mul(mu / 2, (v - w_star) ** 2, evaluate=False),
        sp.Mul(lam / 2, v**2, evaluate=False),
        evaluate=False,
    )
    return Derivation(
        name="ridge-direction",
        title="Ridge shrinks each eigen-direction by μ/(μ + λ)",
        equations=("R3",),
        steps=(
            Step(
                sp.Eq(v_hat, ArgMin(objective, v)),
                Premise(),
                r"Write the least-squares loss in the eigenbasis of $X^TX = Q \Lambda Q^T$: it "
                r"is a sum over directions of $\frac{\mu}{2}(v - w^*)^2$, with $v$ and $w^*$ the "
                "coordinates of $w$ and of the least-squares solution along an eigenvector, and "
                r"$\mu$ its eigenvalue. The penalty "
                r"$\frac{\lambda}{2}\lVert w \rVert^2 = \frac{\lambda}{2}\sum v^2$ splits the "
                "same way ($Q$ is orthogonal), so each direction is a problem of its own.",
            ),
            Step(
                sp.Eq(v_hat, shrinkage()),
                ConvexMinimum(w_star),
                r"A strictly convex quadratic: its derivative $\mu(v - w^*) + \lambda v$ "
                r"vanishes at $v = \frac{\mu}{\mu + \lambda} w^*$.",
                eq="R3",
            ),
        ),
        summary=(
            r"Along an eigen-direction of $X^TX$ with eigenvalue $\mu$, ridge keeps the "
            r"fraction $\frac{\mu}{\mu + \lambda}$ of the least-squares solution: directions the "
            r"data determine well (large $\mu$) are kept, poorly determined ones (small $\mu$) "
            r"are shrunk towards zero. Summed over the directions, "
            r"$\sum_i \frac{\mu_i}{\mu_i + \lambda}$ is the effective number of parameters."
        ),
    )
