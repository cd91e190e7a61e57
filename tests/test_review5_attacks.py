"""The fifth adversarial review's attacks on the engine, kept as tests.

``review5/attacks.py`` holds what the engine got wrong at 53888d2: derivations it accepted
although a step is false, or whose ledger hides what a step rests on; ``review5/rejected.py``
holds valid controls of the same shapes that must keep checking, and false steps of the
brief's shapes that the engine already refused (kept so that they stay refused).

Attacks still open (``OPEN``) are marked ``xfail(strict=True)``: the suite stays green, and a
fix flips the test (then remove the entry).
"""

from __future__ import annotations

import pytest
from review5 import attacks, rejected

from mathreg.proof import DerivationError

#: [B] attacks: the steps are true given what they declare; the ledger must show the fact.
LEDGER_ONLY = {
    3: "k is integer",
    4: "m is integer",
}
#: attacks still open, with the reason (removed from here when fixed)
OPEN: dict[int, str] = {}
NUMBERS = sorted(int(n.split("_")[1]) for n in dir(attacks) if n.startswith("attack_"))
FALSE = [n for n in NUMBERS if n not in LEDGER_ONLY]


def _mark(number):
    if number in OPEN:
        return pytest.param(
            number, marks=pytest.mark.xfail(strict=True, reason=OPEN[number]), id=str(number)
        )
    return pytest.param(number, id=str(number))


@pytest.mark.parametrize("number", [_mark(n) for n in FALSE])
def test_the_attack_is_rejected(number):
    with pytest.raises((DerivationError, TypeError, ValueError)):
        getattr(attacks, f"attack_{number}")().check()


@pytest.mark.parametrize("number", [_mark(n) for n in sorted(LEDGER_ONLY)])
def test_the_ledger_shows_what_the_step_rests_on(number):
    derivation = getattr(attacks, f"attack_{number}")()
    derivation.check()
    assert LEDGER_ONLY[number] in derivation.ledger().text()


REJECTED = sorted(int(n.split("_")[1]) for n in dir(rejected) if n.startswith("rejected_"))


@pytest.mark.parametrize("number", REJECTED)
def test_what_the_review_saw_rejected_stays_rejected(number):
    with pytest.raises((DerivationError, TypeError, ValueError)):
        getattr(rejected, f"rejected_{number}")().check()


CONTROLS = sorted(int(n.split("_")[1]) for n in dir(rejected) if n.startswith("control_"))


@pytest.mark.parametrize("number", CONTROLS)
def test_a_true_derivation_of_the_same_shape_still_checks(number):
    getattr(rejected, f"control_{number}")().check()
