r"""L1 regularization: a Laplace prior, and the soft-thresholding it leads to.

Two derivations. ``l1`` follows the L2 derivation with a Laplace prior
:math:`p(\theta_j) = \frac{1}{2b} e^{-|\theta_j|/b}` on each of the :math:`d` parameters: the
MAP objective becomes the mean negative log-likelihood plus :math:`\frac{\lambda}{m}
\sum_j |\theta_j|`, with :math:`\lambda = 1/b`. ``soft-threshold`` solves the one-dimensional
problem that every L1 method meets,
:math:`\arg\min_w \tfrac h2 (w - w^*)^2 + \alpha |w| = \operatorname{sign}(w^*)
\max(|w^*| - \alpha/h, 0)`, case by case: where the minimiser is positive, negative, and the
subgradient condition at zero.
"""

import sympy as sp

from mathreg.ledger import Law
from mathreg.notation import ArgMin, Exp
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    ApplyToBoth,
    ByCases,
    ConvexMinimum,
    Monotone,
    Premise,
    Substitute,
    SubstituteInto,
    UpToConstant,
)
from mathreg.symbolic.bayes import map_objective
from mathreg.symbolic.symbols import d, lam, likelihood, m, prior, theta, theta_map

__all__ = ["l1_from_prior", "laplace_prior", "soft_threshold", "soft_threshold_value"]

j = sp.Symbol("j", integer=True)
b = sp.Symbol("b", positive=True)
#: One parameter, :math:`\theta_j` (the j-th entry of θ).
entry = theta[j, 0]

#: The MAP objective, the result of the ``map`` derivation.
MAP_OBJECTIVE = Law(
    sp.Eq(theta_map, ArgMin(map_objective(), theta)), "the MAP objective", derivation="map"
)


def laplace_prior() -> sp.Expr:
    r""":math:`\prod_j \frac{1}{2b} \exp(-|\theta_j| / b)`: independent Laplace priors."""
    density = sp.Mul(sp.Pow(2 * b, -1), Exp(-sp.Abs(entry) / b), evaluate=False)
    return sp.Product(density, (j, 0, d - 1))


def l1_from_prior() -> Derivation:
    """[R4]: a Laplace prior turns the MAP objective into the L1-regularized cost."""
    nll = -sp.log(likelihood)
    l1 = sp.Sum(sp.Abs(entry), (j, 0, d - 1))
    u = sp.Symbol("u", positive=True)
    steps = (
        Step(
            sp.Eq(prior, laplace_prior()),
            Premise(),
            "Prior belief about the $d$ parameters: independent, each Laplace with mean 0 "
            "and scale $b$. It has a sharp peak at 0 and heavier tails than a Gaussian.",
        ),
        Step(
            sp.Eq(
                sp.log(prior),
                sp.Sum(-sp.log(2 * b) - sp.Abs(entry) / b, (j, 0, d - 1)),
            ),
            ApplyToBoth(sp.Lambda(u, sp.log(u)), ["expand_log"]),
            r"Take logarithms: a sum over the parameters of a constant minus "
            r"$\lvert\theta_j\rvert/b$.",
        ),
        Step(
            sp.Eq(
                theta_map,
                ArgMin(
                    sp.Add(nll, l1 / b, d * sp.log(2 * b), evaluate=False),
                    theta,
                ),
            ),
            SubstituteInto(MAP_OBJECTIVE, ["expand_log"]),
            r"Put the log-prior into the MAP objective "
            r"$-\log P(\mathcal D \mid \theta) - \log P(\theta)$.",
        ),
        Step(
            sp.Eq(theta_map, ArgMin(sp.Add(nll, l1 / b, evaluate=False), theta)),
            UpToConstant(),
            r"$d \log(2b)$ does not depend on $\theta$.",
        ),
        Step(
            sp.Eq(theta_map, ArgMin(sp.Add(nll / m, l1 / (m * b), evaluate=False), theta)),
            Monotone(sp.Lambda(sp.Symbol("v"), sp.Symbol("v") / m)),
            "Divide by the number of examples $m > 0$: the data term is the mean loss.",
        ),
        Step(
            sp.Eq(theta_map, ArgMin(sp.Add(nll / m, lam / m * l1, evaluate=False), theta)),
            Substitute({b: 1 / lam}),
            r"Name the strength $\lambda = 1/b$: a narrower prior (small $b$) is a stronger "
            r"penalty, as $\lambda = 1/\sigma^2$ was for the Gaussian.",
            eq="R4",
        ),
    )
    return Derivation(
        name="l1",
        title="L1 regularization from a Laplace prior",
        equations=("R4",),
        steps=steps,
        summary=(
            "With independent Laplace priors of scale $b$, the MAP objective is the mean "
            r"negative log-likelihood plus $\frac{\lambda}{m}$ times the sum of absolute values "
            r"of the parameters, with $\lambda = 1/b$."
        ),
    )


h = sp.Symbol("h", positive=True)
alpha = sp.Symbol("alpha", positive=True)
w = sp.Symbol("w", real=True)
w_star = sp.Symbol("w_star", real=True)
w_hat = sp.Symbol("what")


def soft_threshold_value() -> sp.Expr:
    r""":math:`\operatorname{sign}(w^*)\max(|w^*| - \alpha/h, 0)`."""
    return sp.sign(w_star) * sp.Max(sp.Abs(w_star) - alpha / h, 0)


def soft_threshold() -> Derivation:
    """[R5]: the minimiser of a quadratic plus α|w| is the soft-thresholded unpenalised one."""
    threshold = alpha / h
    objective = sp.Add(
        sp.Mul(h / 2, (w - w_star) ** 2, evaluate=False), alpha * sp.Abs(w), evaluate=False
    )
    by_cases = sp.Piecewise(
        (w_star - threshold, w_star > threshold),
        (w_star + threshold, w_star < -threshold),
        (0, True),
    )
    steps = (
        Step(
            sp.Eq(w_hat, ArgMin(objective, w)),
            Premise(),
            "One weight, a quadratic loss around its unpenalised optimum $w^*$ with curvature "
            r"$h > 0$, and an L1 penalty of strength $\alpha > 0$ (the separable case of "
            "Goodfellow et al. §7.1.2).",
        ),
        Step(
            sp.Eq(w_hat, by_cases),
            ConvexMinimum(w_star),
            "The objective is strictly convex, so its minimiser is the one point where 0 lies "
            r"between the left and right derivatives. For $w > 0$ that is "
            r"$h(w - w^*) + \alpha = 0$, so $w = w^* - \alpha/h$, valid when $w^* > \alpha/h$; "
            r"for $w < 0$, $w = w^* + \alpha/h$ when $w^* < -\alpha/h$; otherwise at the kink "
            r"$w = 0$ the subgradient condition $\lvert w^* \rvert \le \alpha/h$ holds.",
        ),
        Step(
            sp.Eq(w_hat, soft_threshold_value()),
            ByCases(w_star),
            r"The three cases in one formula: shrink $\lvert w^* \rvert$ by $\alpha/h$, and "
            "stop at zero.",
            eq="R5",
        ),
    )
    return Derivation(
        name="soft-threshold",
        title="Soft-thresholding: the minimiser with an L1 penalty",
        equations=("R5",),
        steps=steps,
        summary=(
            r"An L1 penalty shrinks every weight towards zero by the same amount $\alpha/h$, "
            r"and sets it exactly to zero when its unpenalised value is within $\alpha/h$ of "
            "zero: this is why L1 gives sparse solutions and L2 does not."
        ),
    )
