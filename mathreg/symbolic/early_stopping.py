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
                r"One step of gradient descent with step $\varepsilon$ on "
                r"$\frac{\mu}{2}(w - w^*)^2$, the loss along one eigen-direction of the "
                r"Hessian (eigenvalue $\mu$) near its minimum $w^*$.",
            ),
            Step(
                sp.Eq(w[tau], gd_closed_form()),
                Induction(tau),
                r"By induction: at $\tau = 0$ it gives 0, the starting point; and one more step "
                r"multiplies the remaining distance to $w^*$ by $1 - \varepsilon\mu$.",
                eq="R8",
            ),
        ),
        summary=(
            r"After $\tau$ steps from zero, gradient descent has covered the fraction "
            r"$1 - (1 - \varepsilon\mu)^\tau$ of the way to the minimum along a direction of "
            r"curvature $\mu$: directions of high curvature are learned first."
        ),
        given=(Assumption(sp.Eq(w[0], 0), "gradient descent starts from $w = 0$"),),
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
                r"Early stopping after $\tau \ge 1$ steps and ridge with strength $\lambda$ "
                r"leave the same part of $w^*$ along direction $\mu$ when "
                r"$1 - (1 - \varepsilon\mu)^\tau = \frac{\mu}{\mu + \lambda}$, that is when "
                r"$(1 - \varepsilon\mu)^\tau = \frac{\lambda}{\mu + \lambda}$.",
            ),
            Step(
                sp.Eq(sp.Mul(c, mu + lam, evaluate=False), lam),
                Rearrange(),
                r"Multiply both sides by $\mu + \lambda > 0$.",
            ),
            Step(
                sp.Eq(lam, mu * c / (1 - c)),
                Solve(lam),
                r"Solve the linear equation for $\lambda$; its coefficient "
                r"$(1 - \varepsilon\mu)^\tau - 1$ is nonzero because a step of "
                r"$0 < \varepsilon\mu < 1$ shrinks the distance to $w^*$.",
                eq="R9",
            ),
            Step(
                sp.Eq(lam, 1 / (steps_taken * step) + sp.O(1, (step, 0))),
                Series(step),
                r"For a small step $\varepsilon$, $\lambda \approx 1/(\tau\varepsilon)$: the "
                "longer one trains, the weaker the equivalent penalty.",
                eq="R10",
            ),
        ),
        summary=(
            r"Stopping gradient descent after $\tau$ steps of size $\varepsilon$ acts, along "
            r"every direction, like an L2 penalty of strength $\lambda = \frac{\mu c}{1 - c}$ "
            r"with $c = (1 - \varepsilon\mu)^\tau$, which is $1/(\tau\varepsilon)$ to leading "
            "order in a small step."
        ),
        given=(
            Assumption(
                c < 1,
                r"$0 < \varepsilon\mu < 1$ and $\tau \ge 1$: each step moves towards $w^*$",
            ),
        ),
    )
