r"""Bayes' rule and the maximum a posteriori (MAP) objective, eqs. (6)–(7)."""

import sympy as sp

from mathreg.notation import ArgMax, ArgMin, Propto
from mathreg.proof import Derivation, Step
from mathreg.rules import Equal, Maximise, Monotone, Premise, Proportional, Solve
from mathreg.symbolic.symbols import evidence, likelihood, posterior, prior, theta, theta_map

__all__ = ["map_estimate", "map_objective"]

_u = sp.Symbol("u", positive=True)


def _product(*factors: sp.Expr) -> sp.Expr:
    """A product kept in the order written, for display (checks compare canonical forms)."""
    return sp.Mul(*factors, evaluate=False)


def map_objective() -> sp.Expr:
    r"""The MAP objective to minimise, :math:`-\log P(\mathcal D\mid\theta) - \log P(\theta)`.

    Examples
    --------
    >>> print(map_objective())
    -log(P(theta)) - log(P(D | theta))
    """
    return sp.Add(-sp.log(likelihood), -sp.log(prior), evaluate=False)


def map_estimate() -> Derivation:
    """Eqs. (6)–(7): from the product rule to the MAP objective."""
    steps = (
        Step(
            sp.Eq(_product(posterior, evidence), _product(likelihood, prior)),
            Premise(),
            r"The product rule, written both ways: $P(\theta, \mathcal D) = "
            r"P(\theta \mid \mathcal D)\, P(\mathcal D) = P(\mathcal D \mid \theta)\, P(\theta)$. "
            r"The evidence $P(\mathcal D)$ is positive, since the data was observed.",
        ),
        Step(
            sp.Eq(posterior, _product(likelihood, prior, sp.Pow(evidence, -1))),
            Solve(posterior),
            r"Divide by $P(\mathcal D)$: Bayes' rule for the parameters given the data (the "
            "note states it for generic $x$, $y$).",
            eq=6,
        ),
        Step(
            Propto(posterior, _product(likelihood, prior), theta),
            Proportional(),
            r"$P(\mathcal D)$ does not depend on $\theta$: as a function of $\theta$, the "
            "posterior is the likelihood times the prior, up to a positive constant.",
            eq=7,
        ),
        Step(
            sp.Eq(theta_map, ArgMax(_product(likelihood, prior), theta)),
            Maximise(theta_map, [theta]),
            r"The MAP estimate is the most probable $\theta$ after seeing the data; a positive "
            r"factor free of $\theta$ does not move the maximiser, so we may drop $P(\mathcal D)$.",
        ),
        Step(
            sp.Eq(theta_map, ArgMax(sp.log(_product(likelihood, prior)), theta)),
            Monotone(sp.Lambda(_u, sp.log(_u))),
            r"$\log$ is strictly increasing and the product is positive.",
        ),
        Step(
            sp.Eq(
                theta_map, ArgMax(sp.Add(sp.log(likelihood), sp.log(prior), evaluate=False), theta)
            ),
            Equal("expand_log"),
            "The log of a product is a sum: the log-likelihood plus the log-prior.",
        ),
        Step(
            sp.Eq(theta_map, ArgMin(map_objective(), theta)),
            Monotone(sp.Lambda(sp.Symbol("u"), -sp.Symbol("u"))),
            "Maximising is minimising the negative: the MAP objective is the negative "
            "log-likelihood plus the negative log-prior. The prior acts as a penalty.",
        ),
    )
    return Derivation(
        name="map",
        title="Bayes' rule and the MAP objective",
        equations=(6, 7),
        steps=steps,
        summary=(
            "Maximum a posteriori estimation minimises the negative log-likelihood plus the "
            "negative log-prior: a prior on the parameters becomes a penalty in the cost."
        ),
    )
