"""Fifth red-team round: valid derivations of the attacks' shapes, which must keep checking.

Each ``control_<n>()`` returns a :class:`mathreg.proof.Derivation` that is true and whose
ledger shows what it rests on.
"""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Random
from mathreg.notation import Expect
from mathreg.proof import Derivation, Step
from mathreg.rules import Evaluate, Linearity, Premise


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
