"""The note's errata: each is well-formed and, where a checker applies, the checker rejects it."""

import pytest

from mathreg.symbolic.errata import ERRATA, Erratum, ErratumNotCaught

CHECKED = [e for e in ERRATA if e.check is not None]


def test_keys_unique_and_fields_filled():
    assert len({e.key for e in ERRATA}) == len(ERRATA)
    for e in ERRATA:
        assert e.title and e.note_wrote and e.correct and e.why
        assert e.equation is None or 1 <= e.equation <= 15


def test_most_errata_are_decided_by_a_checker():
    assert len(CHECKED) >= 9


@pytest.mark.parametrize("erratum", CHECKED, ids=[e.key for e in CHECKED])
def test_the_checker_rejects_the_notes_version(erratum):
    verdict = erratum.demonstrate()
    assert verdict and ("fails" in verdict or "refuses" in verdict)


def test_the_classic_slips_are_listed():
    keys = {e.key for e in ERRATA}
    assert {"decay-factor", "brackets", "gaussian-density", "matrix-penalty"} <= keys


def test_an_erratum_the_checker_accepts_is_reported():
    from mathreg.symbolic import DERIVATIONS
    from mathreg.symbolic.errata import _rejected

    d = DERIVATIONS["map"]()
    with pytest.raises(ErratumNotCaught, match="accepted"):
        _rejected(d.with_step(3, d.steps[2].expr), 3)
    fake = Erratum("x", "x", None, "a", "b", "c", check=lambda: _rejected(d, 2))
    with pytest.raises(ErratumNotCaught):
        fake.demonstrate()


def test_a_rejection_at_another_step_is_reported():
    import sympy as sp

    from mathreg.symbolic import DERIVATIONS
    from mathreg.symbolic.errata import _rejected

    d = DERIVATIONS["map"]()
    with pytest.raises(ErratumNotCaught, match="rejected step 2"):
        _rejected(d.with_step(2, sp.Eq(sp.Symbol("z"), 1)), 3)


def test_the_errata_page_and_the_checker_count_steps_alike():
    """The step number in an erratum's verdict is the number the derivation's page shows."""
    from mathreg.symbolic import DERIVATIONS

    decay = next(e for e in ERRATA if e.key == "decay-factor")
    assert decay.demonstrate().startswith("step 4 (equal)")
    page = DERIVATIONS["weight-decay"]().to_markdown()
    items = [line for line in page.splitlines() if line.startswith("1. $$")]
    assert len(items) == 4  # the page's fourth item is the checker's step 4
