r"""One small checked derivation for each rule of the engine, for the page "Write a checked
derivation".

:data:`EXAMPLES` maps every rule type of :data:`mathreg.rules.RULE_TYPES` to a function that
builds a derivation whose last step uses that rule. The page shows each function's source, and
the tests check every example and that every rule has one, so the list can never drift from
the engine.

Examples
--------
>>> from mathreg.rules import RULE_TYPES
>>> list(EXAMPLES) == list(RULE_TYPES)
True
>>> EXAMPLES[RULE_TYPES[1]]().check()
"""

from __future__ import annotations

from collections.abc import Callable

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Definition, Law
from mathreg.notation import ArgMax, ArgMin, Expect, Gradient, Pr, Propto
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    ApplyToBoth,
    ByCases,
    ChainRule,
    ConvexMinimum,
    Differentiate,
    Equal,
    Evaluate,
    FirstDerivativeTest,
    Induction,
    Linearity,
    Maximise,
    Monotone,
    Premise,
    Proportional,
    Rearrange,
    Rule,
    Series,
    Solve,
    Stationary,
    Substitute,
    SubstituteInto,
    UpToConstant,
)

__all__ = ["EXAMPLES"]

x = sp.Symbol("x", real=True)
y, J, g = sp.symbols("y J g")
k = sp.Symbol("k", positive=True)
theta = sp.Symbol("theta", real=True)
estimate = sp.Symbol("thetahat")


def _derivation(rule: str, *steps: Step, given=()) -> Derivation:
    return Derivation(rule, f"An example of the rule {rule}", (), steps, given=given)


def premise() -> Derivation:
    """The first step: assumed, not checked."""
    return _derivation("premise", Step(sp.Eq(y, (x + 1) ** 2), Premise(), "Given."))


def equal() -> Derivation:
    """Expand a square."""
    return _derivation(
        "equal",
        Step(sp.Eq(y, (x + 1) ** 2), Premise(), "Given."),
        Step(sp.Eq(y, x**2 + 2 * x + 1), Equal(), "Expand."),
    )


def substitute() -> Derivation:
    """A special case: a free symbol given a value."""
    a, b = sp.symbols("a b")
    return _derivation(
        "substitute",
        Step(sp.Eq(y, a * x + b), Premise(), "A line."),
        Step(sp.Eq(y, 2 * x + b), Substitute({a: 2}), "The line of slope 2."),
    )


def substitute_into() -> Derivation:
    """Put a gradient into the gradient-descent update (a law, shown as assumed)."""
    x_new, lr = sp.Symbol("x_new"), sp.Symbol("alpha", positive=True)
    update = Law(sp.Eq(x_new, x - lr * g), "one step of gradient descent")
    return _derivation(
        "substitute into",
        Step(sp.Eq(g, 2 * x), Premise(), "The gradient of x²."),
        Step(sp.Eq(x_new, x - 2 * lr * x), SubstituteInto(update), "One step."),
    )


def apply_to_both() -> Derivation:
    """Take logarithms of both sides (both are positive)."""
    u, h = sp.Symbol("u", positive=True), sp.Symbol("h", positive=True)
    return _derivation(
        "apply to both",
        Step(sp.Eq(k, 2 * h), Premise(), "Given."),
        Step(
            sp.Eq(sp.log(k), sp.log(2) + sp.log(h)),
            ApplyToBoth(sp.Lambda(u, sp.log(u)), ["expand_log"]),
            "Logarithms.",
        ),
    )


def rearrange() -> Derivation:
    """Move a term across and divide by 2."""
    return _derivation(
        "rearrange",
        Step(sp.Eq(2 * y + 1, x), Premise(), "Given."),
        Step(sp.Eq(y, (x - 1) / 2), Rearrange(), "Isolate y."),
    )


def solve() -> Derivation:
    """Solve a linear equation whose coefficient is provably nonzero."""
    return _derivation(
        "solve",
        Step(sp.Eq(k * y, x), Premise(), "Given, with k > 0."),
        Step(sp.Eq(y, x / k), Solve(y), "Divide by k."),
    )


def maximise() -> Derivation:
    """Name the maximiser of a defined quantity."""
    return _derivation(
        "maximise",
        Step(sp.Eq(J, -((theta - 1) ** 2)), Premise(), "An objective."),
        Step(
            sp.Eq(estimate, ArgMax(-((theta - 1) ** 2), theta)),
            Maximise(estimate, [theta]),
            "Its maximiser.",
        ),
    )


def monotone() -> Derivation:
    """Take the logarithm of a positive objective: the maximiser does not move."""
    u = sp.Symbol("u", positive=True)
    return _derivation(
        "monotone",
        Step(sp.Eq(estimate, ArgMax(Pr(theta), theta)), Premise(), "A most probable θ."),
        Step(
            sp.Eq(estimate, ArgMax(sp.log(Pr(theta)), theta)),
            Monotone(sp.Lambda(u, sp.log(u))),
            "log is increasing.",
        ),
    )


def up_to_constant() -> Derivation:
    """Drop a term that does not depend on the parameter."""
    return _derivation(
        "up to a constant",
        Step(sp.Eq(estimate, ArgMin(theta**2 + 3, theta)), Premise(), "A minimiser."),
        Step(sp.Eq(estimate, ArgMin(theta**2, theta)), UpToConstant(), "Drop the 3."),
    )


def proportional() -> Derivation:
    """Bayes' rule without the evidence, which does not depend on θ."""
    posterior = Pr(theta, x)
    return _derivation(
        "proportional",
        Step(sp.Eq(posterior, Pr(x, theta) * Pr(theta) / Pr(x)), Premise(), "Bayes' rule."),
        Step(Propto(posterior, Pr(x, theta) * Pr(theta), theta), Proportional(), "Drop P(x)."),
    )


def differentiate() -> Derivation:
    """Differentiate a defined quantity; the gradient gets a new name."""
    return _derivation(
        "differentiate",
        Step(sp.Eq(J, x**3 + k * x), Premise(), "A definition."),
        Step(sp.Eq(g, 3 * x**2 + k), Differentiate(x, gradient=g), "Its derivative."),
    )


def chain_rule() -> Derivation:
    """Pull a gradient back through a linear layer Z = WA + b, for symbolic shapes."""
    r, s, t = sp.symbols("r s t", integer=True, positive=True)
    A, dA = sp.MatrixSymbol("A", s, t), sp.MatrixSymbol("dA", s, t)
    W, b = sp.MatrixSymbol("W", r, s), sp.MatrixSymbol("b", r, t)
    Z, dZ = sp.MatrixSymbol("Z", r, t), sp.MatrixSymbol("dZ", r, t)
    layer = Definition(Z, W * A + b, "a linear layer")
    return _derivation(
        "chain rule",
        Step(sp.Eq(dZ, Gradient(sp.Symbol("L"), Z)), Premise(), "The gradient at Z."),
        Step(sp.Eq(dA, W.T * dZ), ChainRule(layer, A, dA), "Back through the layer."),
    )


def stationary() -> Derivation:
    """A convex quadratic is minimal where its derivative vanishes."""
    w, w_hat = sp.Symbol("w", real=True), sp.Symbol("what")
    return _derivation(
        "stationary point",
        Step(sp.Eq(J, (w - 3) ** 2 / 2 + k * w**2 / 2), Premise(), "A ridge-like objective."),
        Step(sp.Eq(g, w - 3 + k * w), Differentiate(w, gradient=g), "Its derivative."),
        Step(sp.Eq(w_hat - 3 + k * w_hat, 0), Stationary(w_hat), "Zero at the minimiser."),
    )


def series() -> Derivation:
    """Expand near 0; the remainder is confirmed by a limit."""
    f = sp.Symbol("f")
    return _derivation(
        "series",
        Step(sp.Eq(f, sp.exp(k)), Premise(), "Given."),
        Step(sp.Eq(f, 1 + k + sp.O(k**2)), Series(k), "First order in a small k."),
    )


def evaluate() -> Derivation:
    """The mean of a Bernoulli mask built from a uniform draw, confirmed exactly."""
    U, D = stats.Uniform("U", 0, 1), sp.Symbol("D")
    return _derivation(
        "evaluate",
        Step(sp.Eq(D, sp.Piecewise((1, U < k), (0, True))), Premise(), "Keep when U < k."),
        Step(sp.Eq(Expect(D), k), Evaluate(), "Kept with probability k."),
        given=(Assumption(k <= 1, "k is a probability"),),
    )


def linearity() -> Derivation:
    """From a known mean, the mean of an affine function of it."""
    U, D = stats.Uniform("U", 0, 1), sp.Symbol("D")
    return _derivation(
        "linearity of expectation",
        Step(sp.Eq(D, sp.Piecewise((1, U < k), (0, True))), Premise(), "Keep when U < k."),
        Step(sp.Eq(Expect(D), k), Evaluate(), "Kept with probability k."),
        Step(sp.Eq(Expect(x * D / k + 3), x + 3), Linearity(), "Rescale and shift."),
        given=(Assumption(k <= 1, "k is a probability"),),
    )


def by_cases() -> Derivation:
    """A piecewise identity, checked on each side of 0."""
    return _derivation(
        "by cases",
        Step(sp.Eq(y, sp.Max(x, 0) + sp.Max(-x, 0)), Premise(), "Positive and negative parts."),
        Step(sp.Eq(y, sp.Abs(x)), ByCases(x), "They add up to |x|."),
    )


def convex_minimum() -> Derivation:
    """The minimiser of a strictly convex function of one variable."""
    w, v = sp.Symbol("w", real=True), sp.Symbol("v", real=True)
    w_hat = sp.Symbol("what")
    return _derivation(
        "convex minimum",
        Step(sp.Eq(w_hat, ArgMin((w - v) ** 2, w)), Premise(), "A squared distance."),
        Step(sp.Eq(w_hat, v), ConvexMinimum(v), "It is smallest at v."),
    )


def first_derivative_test() -> Derivation:
    """The maximiser over s > 0, from the sign of the derivative."""
    s, s_hat = sp.Symbol("s", positive=True), sp.Symbol("shat")
    return _derivation(
        "first-derivative test",
        Step(sp.Eq(s_hat, ArgMax(sp.log(s) - s, s)), Premise(), "An objective on s > 0."),
        Step(sp.Eq(s_hat, 1), FirstDerivativeTest(), "1/s − 1 changes sign at 1."),
    )


def induction() -> Derivation:
    """A recursion's closed form, from a declared starting value."""
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    w = sp.IndexedBase("w")
    return _derivation(
        "induction",
        Step(sp.Eq(w[tau + 1], 2 * w[tau]), Premise(), "Doubling."),
        Step(sp.Eq(w[tau], 2**tau), Induction(tau), "From w₀ = 1."),
        given=(Assumption(sp.Eq(w[0], 1), "the start"),),
    )


#: Each rule type of the engine → a function building a derivation whose last step uses it.
EXAMPLES: dict[type[Rule], Callable[[], Derivation]] = {
    Premise: premise,
    Equal: equal,
    Substitute: substitute,
    SubstituteInto: substitute_into,
    ApplyToBoth: apply_to_both,
    Rearrange: rearrange,
    Solve: solve,
    Maximise: maximise,
    Monotone: monotone,
    UpToConstant: up_to_constant,
    Proportional: proportional,
    Differentiate: differentiate,
    ChainRule: chain_rule,
    Stationary: stationary,
    Series: series,
    Evaluate: evaluate,
    Linearity: linearity,
    ByCases: by_cases,
    ConvexMinimum: convex_minimum,
    FirstDerivativeTest: first_derivative_test,
    Induction: induction,
}
