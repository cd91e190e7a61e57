"""Fifth red-team round: attacks on the mathreg engine at commit 53888d2.

Each ``attack_<n>()`` builds a :class:`mathreg.proof.Derivation` and returns it. On 53888d2,
``d.check()`` does **not** raise for any of them, yet a derived step is false, or rests on
something the ledger does not show.

Severity tags, as in the earlier rounds:
  [A] a mathematically false conclusion from true premises and true declared inputs;
  [B] the ledger hides something a step rests on.
"""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Random
from mathreg.notation import Expect
from mathreg.proof import Derivation, Step
from mathreg.rules import Evaluate, Linearity, Premise


def _d(name, steps, given=()):
    return Derivation(
        name, name, (), tuple(Step(e, r, "attack") for e, r in steps), given=tuple(given)
    )


e = sp.IndexedBase("e", real=True)
i = sp.Symbol("i", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
R = sp.Symbol("R")


def attack_1():
    """[A] E[Σ_{i=1}^{n} eᵢ] = E[Σ_{i=n+1}^{2n} eᵢ]: the moments of two different ranges
    of a random family are "equal".

    An unknown moment was a ``Symbol`` named ``E[e[_i]]``: under the sum it no longer held
    the index (Σᵢ E[eᵢ] became n times one number), and every range of the same length gave
    the same n·E[e[_i]].
    Hole class: a moment's printed name stands in for its monomial (expectation.py Moment).
    """
    return _d(
        "r5a1",
        [
            (sp.Eq(R, Expect(sp.Sum(e[i], (i, 1, n)))), Premise()),
            (sp.Eq(R, Expect(sp.Sum(e[i], (i, n + 1, 2 * n)))), Linearity()),
        ],
        [Random(e, "a family of random quantities, not identically distributed")],
    )


def attack_2():
    """[A] P(2U < c) = 0 "for every c < 1/10", U uniform on [0, 1]: false on (0, 1/10).

    sympy.stats gives 0 for P(2U < c); the exact cross-check ran at the admissible
    candidates, which below 1/10 are all negative (−1/2, −3/2, −1/4), where the probability
    is 0. Finitely many points cannot confirm a value for every admissible c.
    Hole class: Evaluate's finite cross-check (rules/probability.py).
    """
    U = stats.Uniform("U", 0, 1)
    c, V = sp.Symbol("c", real=True), sp.Symbol("V")
    return _d(
        "r5a2",
        [(sp.Eq(V, 2 * U), Premise()), (sp.Eq(stats.Probability(V < c), 0), Evaluate())],
        [Assumption(c < sp.Rational(1, 10), "a small threshold")],
    )
