"""Fifth red-team round: valid derivations of the attacks' shapes, which must keep checking.

Each ``control_<n>()`` returns a :class:`mathreg.proof.Derivation` that is true and whose
ledger shows what it rests on.
"""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Definition, Independent, Random
from mathreg.notation import ArgMax, ArgMin, Expect, Var
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    ByCases,
    ConvexMinimum,
    Differentiate,
    Equal,
    Evaluate,
    FirstDerivativeTest,
    Induction,
    Linearity,
    Monotone,
    Premise,
    Series,
    Solve,
    Stationary,
)


def _d(name, steps, given=()):
    return Derivation(
        name, name, (), tuple(Step(e, r, "control") for e, r in steps), given=tuple(given)
    )


e = sp.IndexedBase("e", real=True)
i, j = sp.Symbol("i", integer=True), sp.Symbol("j", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
R = sp.Symbol("R")


def control_1():
    """E[Σᵢ eᵢ] = Σⱼ E[eⱼ] (attack 1's shape: the index renamed, the range kept), and with
    a declared E[eⱼ] = 0 for every j, E[Σᵢ eᵢ] = 0."""
    return _d(
        "r5c1",
        [
            (sp.Eq(R, Expect(sp.Sum(e[i], (i, 1, n)))), Premise()),
            (sp.Eq(R, sp.Sum(Expect(e[j]), (j, 1, n))), Linearity()),
            (sp.Eq(R, 0), Linearity()),
        ],
        [Random(e, "noise"), Assumption(sp.Eq(Expect(e[j]), 0), "mean zero")],
    )


def control_2():
    """P(2U < c) = 0 for every c ≤ 0 (attack 2's shape, true)."""
    U = stats.Uniform("U", 0, 1)
    c, V = sp.Symbol("c", real=True), sp.Symbol("V")
    return _d(
        "r5c2",
        [(sp.Eq(V, 2 * U), Premise()), (sp.Eq(stats.Probability(V < c), 0), Evaluate())],
        [Assumption(c <= 0, "a nonpositive threshold")],
    )


def control_3():
    """P(U < c) = c for 0 < c ≤ 1: a value that depends on c, confirmed for every c."""
    U = stats.Uniform("U", 0, 1)
    c, V = sp.Symbol("c", positive=True), sp.Symbol("V")
    return _d(
        "r5c3",
        [(sp.Eq(V, U), Premise()), (sp.Eq(stats.Probability(V < c), c), Evaluate())],
        [Assumption(c <= 1, "a threshold inside the range")],
    )


def control_4():
    """(xz)² = x²z² (attack 3's shape with a numeric exponent: no integer symbol to list)."""
    x, y, z = sp.symbols("x y z")
    return _d("r5c4", [(sp.Eq(y, (x * z) ** 2), Premise()), (sp.Eq(y, x**2 * z**2), Equal())])


def control_5():
    """L = y·x + x·eˣ with y := 3 (free of x) is y·x + x + x² + O(x³) (attack 5's shape)."""
    x = sp.Symbol("x", positive=True)
    y, L = sp.Symbol("y", real=True), sp.Symbol("L")
    return _d(
        "r5c5",
        [
            (sp.Eq(L, y * x + x * sp.exp(x)), Premise()),
            (sp.Eq(L, y * x + x + x**2 + sp.O(x**3)), Series(x)),
        ],
        [Definition(y, sp.Integer(3), "a constant")],
    )


def control_6():
    """J = (x − 1)² + c·x with c = 10·tanh(1): the minimiser 1 − c/2 (attack 6's shape)."""
    x = sp.Symbol("x", real=True)
    J, g, xh = sp.symbols("J g xh")
    c = 10 * sp.tanh(1)
    return _d(
        "r5c6",
        [
            (sp.Eq(J, (x - 1) ** 2 + c * x), Premise()),
            (sp.Eq(g, 2 * (x - 1) + c), Differentiate(x, gradient=g)),
            (sp.Eq(2 * (xh - 1) + c, 0), Stationary(xh)),
        ],
    )


def control_7():
    """f(s) = −(s − 1)² + 10s over s > 0 has its maximum at 6 (attack 7's shape)."""
    s = sp.Symbol("s", positive=True)
    shat = sp.Symbol("shat")
    return _d(
        "r5c7",
        [
            (sp.Eq(shat, ArgMax(-((s - 1) ** 2) + 10 * s, s)), Premise()),
            (sp.Eq(shat, 6), FirstDerivativeTest()),
        ],
    )


def control_8():
    """d/dx atan(x) = 1/(1 + x²), and d/dx tanh(x) = 1 − tanh²(x) (attack 8's shape)."""
    x = sp.Symbol("x", real=True)
    J, g = sp.symbols("J g")
    return _d(
        "r5c8",
        [
            (sp.Eq(J, sp.atan(x)), Premise()),
            (sp.Eq(g, 1 / (1 + x**2)), Differentiate(x, gradient=g)),
        ],
    )


def control_9():
    """tan at a number away from its poles is defined (attack 6's pole check is not a ban)."""
    x, y = sp.symbols("x y")
    return _d(
        "r5c9",
        [
            (sp.Eq(y, sp.tan(sp.Rational(1, 3)) * x), Premise()),
            (sp.Eq(y, x * sp.tan(sp.Rational(1, 3))), Equal()),
        ],
    )


def control_10():
    """|x| = x for x ≥ 0, else −x for x ≤ 1: the conditions overlap on [0, 1], and a
    Piecewise takes the first that holds, so this is |x| everywhere."""
    x, L = sp.Symbol("x", real=True), sp.Symbol("L")
    return _d(
        "r5c10",
        [
            (sp.Eq(L, sp.Abs(x)), Premise()),
            (sp.Eq(L, sp.Piecewise((x, x >= 0), (-x, x <= 1))), ByCases(x)),
        ],
    )


def control_11():
    """w_{τ+1} = 2 w_τ + 1 with w₀ = 0 has w_τ = 2^τ − 1 (attack 9's shape, τ free)."""
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    w = sp.IndexedBase("w")
    return _d(
        "r5c11",
        [
            (sp.Eq(w[tau + 1], 2 * w[tau] + 1), Premise()),
            (sp.Eq(w[tau], 2**tau - 1), Induction(tau)),
        ],
        [Assumption(sp.Eq(w[0], 0), "the start")],
    )


# --- false steps of the brief's shapes that the engine already refused at 53888d2 ------------

X, Y = sp.Symbol("X", real=True), sp.Symbol("Y", real=True)


def rejected_1():
    """E[eˣ] = e^{E[X]}: an expectation of a nonlinear function (not a polynomial)."""
    return _d(
        "r5r1",
        [(sp.Eq(R, Expect(sp.exp(X))), Premise()), (sp.Eq(R, sp.exp(Expect(X))), Linearity())],
        [Random(X, "random")],
    )


def rejected_2():
    """Var[X + Y] = Var[X] + Var[Y] with no independence declared (the covariance dropped)."""
    return _d(
        "r5r2",
        [(sp.Eq(R, Var(X + Y)), Premise()), (sp.Eq(R, Var(X) + Var(Y)), Linearity())],
        [Random(X, "random"), Random(Y, "random")],
    )


def rejected_3():
    """E[eᵢeⱼ] = E[eᵢ]E[eⱼ] from "e independent of e" (meant for i ≠ j, used where i may be j)."""
    return _d(
        "r5r3",
        [
            (sp.Eq(R, Expect(e[i] * e[j])), Premise()),
            (sp.Eq(R, Expect(e[i]) * Expect(e[j])), Linearity()),
        ],
        [Random(e, "noise"), Independent((e,), (e,), "the entries are independent")],
    )


def rejected_4():
    """Var[Σᵢ eᵢ] = Σᵢ Var[eᵢ] with no independence (the same index in both factors)."""
    return _d(
        "r5r4",
        [
            (sp.Eq(R, Var(sp.Sum(e[i], (i, 1, n)))), Premise()),
            (sp.Eq(R, sp.Sum(Var(e[i]), (i, 1, n))), Linearity()),
        ],
        [Random(e, "noise")],
    )


def rejected_5():
    """E[U] = 1/2 + (c − 1/2)(c + 1/2)(c − 2): zero at the first candidate points."""
    U = stats.Uniform("U", 0, 1)
    c, V = sp.Symbol("c", real=True), sp.Symbol("V")
    bump = (c - sp.Rational(1, 2)) * (c + sp.Rational(1, 2)) * (c - 2)
    return _d(
        "r5r5",
        [(sp.Eq(V, U), Premise()), (sp.Eq(Expect(V), sp.Rational(1, 2) + bump), Evaluate())],
    )


def rejected_6():
    """E[U] = 1/2 + sin(2πc): zero at every candidate that is a multiple of 1/2."""
    U = stats.Uniform("U", 0, 1)
    c, V = sp.Symbol("c", real=True), sp.Symbol("V")
    return _d(
        "r5r6",
        [
            (sp.Eq(V, U), Premise()),
            (sp.Eq(Expect(V), sp.Rational(1, 2) + sp.sin(2 * sp.pi * c)), Evaluate()),
        ],
    )


def rejected_7():
    """E[U] = 1/2 + c·10⁻⁴⁰: a tiny term that a floating-point comparison would miss."""
    U = stats.Uniform("U", 0, 1)
    c, V = sp.Symbol("c", real=True), sp.Symbol("V")
    return _d(
        "r5r7",
        [
            (sp.Eq(V, U), Premise()),
            (sp.Eq(Expect(V), sp.Rational(1, 2) + c * sp.Rational(1, 10**40)), Evaluate()),
        ],
    )


def rejected_8():
    """Solve (a − b)x = 1 for x: divides by a − b, which may be 0."""
    a, b, x = sp.symbols("a b x")
    return _d("r5r8", [(sp.Eq((a - b) * x, 1), Premise()), (sp.Eq(x, 1 / (a - b)), Solve(x))])


def rejected_9():
    """A closed form by induction with no declared starting value."""
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    w = sp.IndexedBase("w")
    return _d(
        "r5r9",
        [(sp.Eq(w[tau + 1], 2 * w[tau]), Premise()), (sp.Eq(w[tau], 2**tau), Induction(tau))],
    )


def rejected_10():
    """|x| = x for x > 0, −x for x < 0: the case x = 0 is missing (the Piecewise is nan)."""
    x, L = sp.Symbol("x", real=True), sp.Symbol("L")
    return _d(
        "r5r10",
        [
            (sp.Eq(L, sp.Abs(x)), Premise()),
            (sp.Eq(L, sp.Piecewise((x, x > 0), (-x, x < 0))), ByCases(x)),
        ],
    )


def rejected_11():
    """A stationary point that is a maximum: J = −(x − 1)² "is minimised" at 1."""
    x = sp.Symbol("x", real=True)
    J, g, xh = sp.symbols("J g xh")
    return _d(
        "r5r11",
        [
            (sp.Eq(J, -((x - 1) ** 2)), Premise()),
            (sp.Eq(g, -2 * (x - 1)), Differentiate(x, gradient=g)),
            (sp.Eq(-2 * (xh - 1), 0), Stationary(xh)),
        ],
    )


def rejected_12():
    """A non-convex objective (w − λ)² − 3|w| claimed convex, minimiser λ."""
    w, lam, wh = sp.Symbol("w", real=True), sp.Symbol("lam", real=True), sp.Symbol("wh")
    return _d(
        "r5r12",
        [
            (sp.Eq(wh, ArgMin((w - lam) ** 2 - 3 * sp.Abs(w), w)), Premise()),
            (sp.Eq(wh, lam), ConvexMinimum(lam)),
        ],
    )


def rejected_13():
    """Monotone with g(u) = u², which is not monotone on the reals."""
    th, est, u = sp.Symbol("theta", real=True), sp.Symbol("th"), sp.Symbol("u", real=True)
    f = 1 - (th - 1) ** 2
    return _d(
        "r5r13",
        [
            (sp.Eq(est, ArgMax(f, th)), Premise()),
            (sp.Eq(est, ArgMax(f**2, th)), Monotone(sp.Lambda(u, u**2))),
        ],
    )
