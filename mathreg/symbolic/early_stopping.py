r"""Early stopping: gradient descent stopped early acts like L2 regularization (Goodfellow §7.8).

Along one eigen-direction of the Hessian of a quadratic loss (eigenvalue :math:`\mu`, minimum
:math:`w^*`), gradient descent with step :math:`\varepsilon` from :math:`w_0 = 0` follows
:math:`w_{\tau+1} = w_\tau - \varepsilon\mu (w_\tau - w^*)`. Two derivations:

- ``early-stopping``: the closed form :math:`w_\tau = \big(1 - (1 - \varepsilon\mu)^\tau\big) w^*`,
  by induction on :math:`\tau`;
- ``early-stopping-lambda``: along the same direction ridge gives
  :math:`\frac{\mu}{\mu + \lambda} w^*` (derivation ``ridge-direction``); the two agree when
  :math:`(1 - \varepsilon\mu)^\tau = \lambda/(\mu + \lambda)`, that is
  :math:`\lambda = \mu c/(1 - c)` with :math:`c = (1 - \varepsilon\mu)^\tau`, and for a small
  step :math:`\lambda = \frac{1}{\tau\varepsilon} + O(1)`: stopping after :math:`\tau` steps is
  like a penalty of strength about :math:`1/(\tau\varepsilon)`.
"""

import sympy as sp

from mathreg.ledger import Assumption
from mathreg.proof import Derivation, Step
from mathreg.rules import Induction, Premise, Rearrange, Series, Solve

__all__ = ["early_stopping", "early_stopping_lambda", "gd_closed_form"]

tau = sp.Symbol("tau", integer=True, nonnegative=True)
steps_taken = sp.Symbol("tau", integer=True, positive=True)
step = sp.Symbol("epsilon", positive=True)
mu = sp.Symbol("mu", positive=True)
lam = sp.Symbol("lambda", positive=True)
w_star = sp.Symbol("w_star", real=True)
w = sp.IndexedBase("w", real=True)


def gd_closed_form() -> sp.Expr:
    r""":math:`\big(1 - (1 - \varepsilon\mu)^\tau\big) w^*`."""
    return sp.Mul(1 - (1 - step * mu) ** tau, w_star, evaluate=False)


def early_stopping() -> Derivation:
    """[R8]: τ steps of gradient descent from 0 reach (1 − (1 − εμ)^τ) w* along direction μ."""
    recursion = sp.Eq(w[tau + 1], w[tau] - sp.Mul(step * mu, w[tau] - w_star, evaluate=False))
    return Derivation(
        name="early-stopping",
        title="Gradient descent from zero, in closed form",
        equations=("R8",),
        steps=(
            Step(
                recursion,
                Premise(),
                "One step of gradient descent with step ε on ½μ(w − w*)², the loss along one "
                "eigen-direction of the Hessian (eigenvalue μ) near its minimum w*.",
            ),
            Step(
                sp.Eq(w[tau], gd_closed_form()),
                Induction(tau),
                "By induction: at τ = 0 it gives 0, the starting point; and one more step "
                "multiplies the remaining distance to w* by 1 − εμ.",
                eq="R8",
            ),
        ),
        summary=(
            "After τ steps from zero, gradient descent has covered the fraction "
            "1 − (1 − εμ)^τ of the way to the minimum along a direction of curvature μ: "
            "directions of high curvature are learned first."
        ),
        given=(Assumption(sp.Eq(w[0], 0), "gradient descent starts from w = 0"),),
    )


def early_stopping_lambda() -> Derivation:
    """[R9]–[R10]: the ridge strength that matches τ steps of early stopping."""
    c = (1 - step * mu) ** steps_taken
    return Derivation(
        name="early-stopping-lambda",
        title="The ridge strength that early stopping imitates",
        equations=("R9", "R10"),
        steps=(
            Step(
                sp.Eq(c, lam / (mu + lam)),
                Premise(),
                "Early stopping after τ ≥ 1 steps and ridge with strength λ leave the same "
                "part of w* along direction μ when 1 − (1 − εμ)^τ = μ/(μ + λ), that is when "
                "(1 − εμ)^τ = λ/(μ + λ).",
            ),
            Step(
                sp.Eq(sp.Mul(c, mu + lam, evaluate=False), lam),
                Rearrange(),
                "Multiply both sides by μ + λ > 0.",
            ),
            Step(
                sp.Eq(lam, mu * c / (1 - c)),
                Solve(lam),
                "Solve the linear equation for λ; its coefficient (1 − εμ)^τ − 1 is nonzero "
                "because a step of 0 < εμ < 1 shrinks the distance to w*.",
                eq="R9",
            ),
            Step(
                sp.Eq(lam, 1 / (steps_taken * step) + sp.O(1, (step, 0))),
                Series(step),
                "For a small step ε, λ ≈ 1/(τε): the longer one trains, the weaker the "
                "equivalent penalty.",
                eq="R10",
            ),
        ),
        summary=(
            "Stopping gradient descent after τ steps of size ε acts, along every direction, "
            "like an L2 penalty of strength λ = μc/(1 − c) with c = (1 − εμ)^τ, which is "
            "1/(τε) to leading order in a small step."
        ),
        given=(Assumption(c < 1, "0 < εμ < 1 and τ ≥ 1: each step moves towards w*"),),
    )
