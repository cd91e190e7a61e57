r"""The MAP estimate of a coin's bias under a Beta prior: a derivation a reader can check.

    python -m mathreg check examples/beta_bernoulli_map.py

k heads and t tails of a coin with bias θ, and a Beta(a, b) prior on θ, give the posterior

    p(θ | data) ∝ θᵏ (1 − θ)ᵗ · θᵃ⁻¹ (1 − θ)ᵇ⁻¹ = θᴬ (1 − θ)ᴮ,   A = k + a − 1,  B = t + b − 1.

Its maximiser is θ̂ = A/(A + B) = (k + a − 1)/(k + t + a + b − 2) when A, B > 0.

The engine proves an optimum by the sign of the derivative over (0, ∞) (the rule
``first-derivative test``), and θ lives in (0, 1). So the search is written over the odds
r = θ/(1 − θ), which runs over (0, ∞) as θ runs over (0, 1), increasingly: θ = r/(1 + r).
The posterior is maximised at the odds r̂ = A/B, that is at θ̂ = r̂/(1 + r̂) = A/(A + B).
That last conversion, and the choice to search over the odds, are in the premise and this
paragraph, not checked by a rule.
"""

import sympy as sp

from mathreg.ledger import Assumption
from mathreg.notation import ArgMax, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import Equal, FirstDerivativeTest, Monotone, Premise, Substitute

r = sp.Symbol("r", positive=True)  # the odds θ/(1 − θ)
A = sp.Symbol("A", positive=True)  # the posterior's exponents, positive: the mode is inside
B = sp.Symbol("B", positive=True)
k = sp.Symbol("k", integer=True, nonnegative=True)  # heads
t = sp.Symbol("t", integer=True, nonnegative=True)  # tails
a = sp.Symbol("a", positive=True)  # the Beta prior's parameters
b = sp.Symbol("b", positive=True)
r_hat = named_symbol("rhat", r"\hat r")
u = sp.Symbol("u", positive=True)

theta = r / (1 + r)

#: The exponents are positive: with a, b ≥ 1 and at least one head and one tail, for instance.
INSIDE = (
    Assumption(k + a - 1 > 0, "A = k + a − 1 > 0: the mode is not at θ = 0"),
    Assumption(t + b - 1 > 0, "B = t + b − 1 > 0: the mode is not at θ = 1"),
)


def map_odds() -> Derivation:
    """The MAP odds of a Bernoulli with a Beta prior: r̂ = (k + a − 1)/(t + b − 1)."""
    return Derivation(
        name="beta-bernoulli-map",
        title="The MAP estimate of a coin's bias under a Beta prior",
        equations=(),
        steps=(
            Step(
                sp.Eq(r_hat, ArgMax(sp.Mul(theta**A, (1 - theta) ** B, evaluate=False), r)),
                Premise(),
                "The posterior θᴬ(1 − θ)ᴮ (up to a constant), maximised over the odds r, with "
                "θ = r/(1 + r).",
            ),
            Step(
                sp.Eq(r_hat, ArgMax(theta**A * (1 / (1 + r)) ** B, r)),
                Equal("together"),
                "1 − r/(1 + r) = 1/(1 + r).",
            ),
            Step(
                sp.Eq(r_hat, ArgMax(A * sp.log(r) - (A + B) * sp.log(1 + r), r)),
                Monotone(sp.Lambda(u, sp.log(u)), ["expand_log"]),
                "Take logarithms: log is increasing and the objective is positive.",
            ),
            Step(
                sp.Eq(r_hat, A / B),
                FirstDerivativeTest(),
                "The derivative A/r − (A + B)/(1 + r) = (A − Br)/(r(1 + r)) is positive below "
                "A/B and negative above it.",
            ),
            Step(
                sp.Eq(r_hat, (k + a - 1) / (t + b - 1)),
                Substitute({A: k + a - 1, B: t + b - 1}),
                "The exponents of the posterior: heads plus a − 1, tails plus b − 1. As a "
                "probability, θ̂ = r̂/(1 + r̂) = (k + a − 1)/(k + t + a + b − 2).",
            ),
        ),
        summary=(
            "A Beta(a, b) prior acts like a − 1 extra heads and b − 1 extra tails: the MAP odds "
            "are (k + a − 1)/(t + b − 1)."
        ),
        given=INSIDE,
    )
