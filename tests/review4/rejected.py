"""Fourth red-team round: valid derivations of the attacks' shapes, which must keep checking.

Each ``control_<n>()`` returns a :class:`mathreg.proof.Derivation` that is true and whose
ledger shows what it rests on; ``CONTROL_ANSWERS`` are typed answers that must still be read.
"""

import sympy as sp

from mathreg.proof import Derivation, Step
from mathreg.rules import Equal, Premise, Solve


def _d(name, steps, given=()):
    return Derivation(
        name, name, (), tuple(Step(e, r, "control") for e, r in steps), given=tuple(given)
    )


def control_1():
    """A Symbol subclass that brings no code is a plain name (attack 1's shape)."""

    class Z(sp.Symbol):
        pass

    x, y, z = sp.Symbol("x"), sp.Symbol("y"), Z("z")
    return _d(
        "r4c1", [(sp.Eq(y, (x + z) ** 2), Premise()), (sp.Eq(y, x**2 + 2 * x * z + z**2), Equal())]
    )


def control_2():
    """Solve divides by c + 1 for a c declared positive (attack 2's shape)."""
    a, c = sp.Symbol("a"), sp.Symbol("c", positive=True)
    return _d("r4c2", [(sp.Eq((c + 1) * a, 1), Premise()), (sp.Eq(a, 1 / (c + 1)), Solve(a))])


def control_3():
    """log((c + 1)²) = 2 log(c + 1) for a c declared positive (attack 3's shape)."""
    c, y = sp.Symbol("c", positive=True), sp.Symbol("y")
    return _d(
        "r4c3",
        [
            (sp.Eq(y, sp.log((c + 1) ** 2)), Premise()),
            (sp.Eq(y, 2 * sp.log(c + 1)), Equal("expand_log")),
        ],
    )


def control_5():
    """1/x₁ for an indexed name declared positive (attack 5's shape)."""
    xs, w = sp.IndexedBase("x", positive=True), sp.Symbol("w")
    return _d("r4c5", [(sp.Eq(w, 1 / xs[1]), Premise()), (sp.Eq(w, xs[1] ** -1), Equal())])


#: answers to ``l1-gradient`` of the attacks' shapes that must be read and judged right
CONTROL_ANSWERS = (
    "lam/m*sign(W) + exp(2*log(lam))*0",
    "exp(log(lam))/m*sign(W)",
    "lam/m*sign(W) + exp(144*log(2))*0",
)
