"""An independent adversarial review's attacks on the engine, kept as tests.

``review/attacks.py`` holds 51 false derivations that an earlier version of the engine
accepted, each with a docstring saying why its step is false and which hole it used;
``review/rejected.py`` holds 38 more that the review found rejected then. Every one must be
rejected now. Four of the attacks ([B] in their docstrings) are about the ledger rather than
the algebra: their steps are true, and the test is that the ledger now shows what they rest
on. Attack 51 mutated a derivation after a check; now a derivation copies its steps.
"""

from __future__ import annotations

import pytest
import sympy as sp
from review import attacks, rejected

from mathreg.proof import DerivationError

LEDGER_ONLY = {
    7: "are real",  # Scalar takes matrices to be real
    12: "as good as an assumption",  # a lemma checked by an arbitrary callable
    30: "is positive",  # a function class declared positive
    47: "the gradient of the loss at",  # a given definition naming a gradient
}
MUTATION = 51
FALSE = [n for n in range(1, 52) if n not in LEDGER_ONLY and n != MUTATION]
CONTROLS = [n for n in range(1, 39)]


@pytest.mark.parametrize("number", FALSE)
def test_the_reviewed_attack_is_rejected(number):
    """Rejected by the check, or already when it is built: a 2 x 2 matrix used as a number
    (attack 5) and a ledger entry of a home-made type (attack 14) are refused at once."""
    attack = getattr(attacks, f"attack_{number}")
    with pytest.raises((DerivationError, TypeError)):
        attack().check()


@pytest.mark.parametrize("number", sorted(LEDGER_ONLY))
def test_the_ledger_shows_what_the_reviewed_step_rests_on(number):
    derivation = getattr(attacks, f"attack_{number}")()
    assert LEDGER_ONLY[number] in derivation.ledger().text()


def test_a_derivation_cannot_change_after_a_check():
    derivation = attacks.attack_51()  # appends a false step to the list it was built from
    assert len(derivation.steps) == 2
    derivation.check()
    x, y = sp.symbols("x y")
    assert derivation.result == sp.Eq(y, x**2 + 2 * x + 1)


@pytest.mark.parametrize("number", CONTROLS)
def test_what_the_review_saw_rejected_stays_rejected(number):
    with pytest.raises(DerivationError):
        getattr(rejected, f"attack_{number}")().check()
