"""The fifth adversarial review's attacks on the engine, kept as tests.

``review5/attacks.py`` holds what the engine got wrong at 53888d2: derivations it accepted
although a step is false, or whose ledger hides what a step rests on; ``review5/rejected.py``
holds valid controls of the same shapes that must keep checking.

Attacks still open (``OPEN``) are marked ``xfail(strict=True)``: the suite stays green, and a
fix flips the test (then remove the entry).
"""

from __future__ import annotations

import pytest
from review5 import attacks, rejected

from mathreg.proof import DerivationError

#: attacks still open, with the reason (removed from here when fixed)
OPEN: dict[int, str] = {}
NUMBERS = sorted(int(n.split("_")[1]) for n in dir(attacks) if n.startswith("attack_"))


def _mark(number):
    if number in OPEN:
        return pytest.param(
            number, marks=pytest.mark.xfail(strict=True, reason=OPEN[number]), id=str(number)
        )
    return pytest.param(number, id=str(number))


@pytest.mark.parametrize("number", [_mark(n) for n in NUMBERS])
def test_the_attack_is_rejected(number):
    with pytest.raises((DerivationError, TypeError, ValueError)):
        getattr(attacks, f"attack_{number}")().check()


CONTROLS = sorted(int(n.split("_")[1]) for n in dir(rejected) if n.startswith("control_"))


@pytest.mark.parametrize("number", CONTROLS)
def test_a_true_derivation_of_the_same_shape_still_checks(number):
    rejected.__dict__[f"control_{number}"]().check()
