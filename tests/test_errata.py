"""The note's errata: each is well-formed, of one kind, and where it is an error, the checker
rejects the note's version while the corrected one passes."""

import pytest
import sympy as sp

from mathreg.symbolic import DERIVATIONS
from mathreg.symbolic.errata import (
    ERRATA,
    KINDS,
    Erratum,
    ErratumNotCaught,
    Rejection,
    _Claim,
    _rejection_of,
    _ReplaceStep,
    _two_steps,
)

ERRORS = [e for e in ERRATA if e.kind == "error"]


def test_keys_unique_and_fields_filled():
    assert len({e.key for e in ERRATA}) == len(ERRATA)
    for e in ERRATA:
        assert e.title and e.where and e.note_wrote and e.correct and e.why
        assert e.kind in KINDS
        assert e.equation is None or 1 <= e.equation <= 15
        assert "$" not in e.title and "\\" not in e.title  # a heading: words, no formulas


def test_every_kind_is_on_the_page_and_errors_are_most():
    kinds = [e.kind for e in ERRATA]
    assert set(kinds) == set(KINDS)
    assert kinds.count("error") >= 8


def test_only_an_error_carries_a_check():
    with pytest.raises(ValueError, match="an error needs a check"):
        Erratum("x", "x", None, "(1)", "a", "b", "c")
    with pytest.raises(ValueError, match="only an error has one"):
        Erratum("x", "x", None, "(1)", "a", "b", "c", kind="clarification", check=lambda: None)
    with pytest.raises(ValueError, match="kind must be one of"):
        Erratum("x", "x", None, "(1)", "a", "b", "c", kind="typo")
    for e in ERRATA:
        assert (e.check is None) == (e.kind != "error"), e.key


@pytest.mark.parametrize("erratum", ERRORS, ids=[e.key for e in ERRORS])
def test_the_checker_rejects_the_notes_version(erratum):
    rejection = erratum.demonstrate()
    assert isinstance(rejection, Rejection)
    assert "fails" in rejection.message or "refuses" in rejection.message
    assert rejection.summary.count("$") % 2 == 0


@pytest.mark.parametrize(
    "erratum",
    [e for e in ERRORS if isinstance(e.check, (_Claim, _ReplaceStep))],
    ids=lambda e: e.key,
)
def test_what_the_errata_page_shows_as_right_passes_the_checker(erratum):
    """The formula shown as what the rule gives is one the engine accepts: the genuine step
    of the derivation, or for a claim of its own the corrected statement."""
    check = erratum.check
    if isinstance(check, _Claim):
        _two_steps(check.start, check.correct, check.rule, check.why).check()
    else:
        check.build().check()
        assert check.build().steps[check.number - 1].expr != check.expr


def test_the_page_shows_typeset_parts_and_their_difference_when_it_is_short():
    decay = next(e for e in ERRATA if e.key == "decay-factor").demonstrate()
    captions = [caption for caption, _ in decay.shown]
    assert captions[0].startswith("The note's version, right-hand side")
    assert "difference" in captions[-1]
    difference = decay.shown[-1][1]
    assert "alpha*lambda/(2*m)" in sp.sstr(difference)
    markdown = decay.markdown()
    assert (
        markdown.count("$$") == 2 * len(decay.shown) and "\\frac{\\alpha \\lambda}{2 m}" in markdown
    )


def test_the_classic_slips_are_listed():
    keys = {e.key for e in ERRATA}
    assert {"decay-factor", "brackets", "gaussian-density", "matrix-penalty"} <= keys


def test_what_the_note_says_plainly_is_a_clarification_not_an_error():
    """The note calls λ a tunable hyperparameter, and divides by keep_prob one paragraph
    before its implementation paragraph: neither is charged to it as an error."""
    kinds = {e.key: e.kind for e in ERRATA}
    assert kinds["lambda-origin"] == kinds["forward-rescale"] == "clarification"


def test_an_erratum_the_checker_accepts_is_reported():
    d = DERIVATIONS["map"]()
    with pytest.raises(ErratumNotCaught, match="accepted"):
        _rejection_of(d.with_step(3, d.steps[2].expr), 3)
    fake = Erratum(
        "x",
        "x",
        None,
        "(1)",
        "a",
        "b",
        "c",
        check=_ReplaceStep(DERIVATIONS["map"], 3, d.steps[2].expr),
    )
    with pytest.raises(ErratumNotCaught):
        fake.demonstrate()


def test_a_rejection_at_another_step_is_reported():
    d = DERIVATIONS["map"]()
    with pytest.raises(ErratumNotCaught, match="rejected step 2"):
        _rejection_of(d.with_step(2, sp.Eq(sp.Symbol("z"), 1)), 3)


def test_the_errata_page_and_the_checker_count_steps_alike():
    """The step number in an erratum's verdict is the number the derivation's page shows."""
    decay = next(e for e in ERRATA if e.key == "decay-factor")
    assert decay.demonstrate().message.startswith("step 4 (equal)")
    page = DERIVATIONS["weight-decay"]().to_markdown()
    items = [line for line in page.splitlines() if line.startswith("1. $$")]
    assert len(items) == 4  # the page's fourth item is the checker's step 4
