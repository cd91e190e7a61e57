"""The second adversarial review's attacks on the engine, kept as tests.

``review2/attacks.py`` holds 33 derivations that the engine accepted after the first review's
fixes, mostly through the rules added since (expectation algebra, cases, induction, stationary
points); ``review2/rejected.py`` holds the attempts it found rejected. Four of the attacks
([B] in their docstrings) concern the ledger: their steps are true given what they declare,
and the test is that the ledger now shows what they rest on.
"""

from __future__ import annotations

import pytest
from review2 import attacks, rejected

from mathreg.proof import DerivationError

LEDGER_ONLY = {
    5: "N not random",  # an integer-valued quantity treated as a constant
    8: "a < b",  # a declared fact that a sign decision used
    18: "as good as an assumption",  # a lemma checked by code outside the book's checks
    19: "entries of X are real",  # the positive-definite lemma needs real matrices
}
FALSE = [n for n in range(1, 34) if n not in LEDGER_ONLY]


@pytest.mark.parametrize("number", FALSE)
def test_the_reviewed_attack_is_rejected(number):
    with pytest.raises((DerivationError, TypeError)):
        getattr(attacks, f"attack_{number}")().check()


@pytest.mark.parametrize("number", sorted(LEDGER_ONLY))
def test_the_ledger_shows_what_the_reviewed_step_rests_on(number):
    derivation = getattr(attacks, f"attack_{number}")()
    assert LEDGER_ONLY[number] in derivation.ledger().text()


#: The review's attempt 30 is a true derivation whose ledger put a fact against the wrong
#: steps; it must check, with the fact now listed against the step that used it.
TRUE_ATTEMPT = 30
CONTROLS = sorted(
    int(name.split("_")[1])
    for name in dir(rejected)
    if name.startswith("rejected_") and name != f"rejected_{TRUE_ATTEMPT}"
)


def test_a_fact_is_listed_against_the_step_that_used_it():
    derivation = rejected.rejected_30()
    derivation.check()
    (line,) = [line for line in derivation.ledger().lines if "a > b" in line.entry.describe()]
    assert 3 in line.steps


@pytest.mark.parametrize("number", CONTROLS)
def test_what_the_review_saw_rejected_stays_rejected(number):
    with pytest.raises((DerivationError, TypeError, ValueError)):
        getattr(rejected, f"rejected_{number}")().check()
