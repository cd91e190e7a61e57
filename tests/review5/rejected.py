"""Fifth red-team round: valid derivations of the attacks' shapes, which must keep checking.

Each ``control_<n>()`` returns a :class:`mathreg.proof.Derivation` that is true and whose
ledger shows what it rests on.
"""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Definition, Random
from mathreg.notation import ArgMax, Expect
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    Differentiate,
    Equal,
    Evaluate,
    FirstDerivativeTest,
    Linearity,
    Premise,
    Series,
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
