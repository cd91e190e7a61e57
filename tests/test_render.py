"""Rendering shows every step, the note's equation tags and each step's verdict."""

import re

import pytest
import sympy as sp

from mathreg.symbolic import DERIVATIONS


@pytest.mark.parametrize("name", list(DERIVATIONS))
def test_markdown_numbered_steps_with_tags_and_verdicts(name):
    d = DERIVATIONS[name]()
    md = d.to_markdown()
    assert md.count("1. $$") == len(d.steps)
    for step in d.steps:
        if isinstance(step.eq, int):
            assert rf"\tag{{{step.eq}}}" in md
        elif step.eq is not None:  # the book's own numbers, in brackets
            assert rf"\tag*{{[{step.eq}]}}" in md
    assert md.count("✓ checked") == len(d.steps) - 1
    assert md.count("○ assumed") == 1 and md.index("○ assumed") < md.index("✓ checked")
    assert "failed" not in md
    assert f"{len(d.steps) - 1} of {len(d.steps) - 1} derived steps checked" in md
    assert "What this proof rests on" in md


def test_markdown_keeps_text_inside_each_list_item():
    """Python-Markdown needs a blank line after the closing $$ and the text indented 4 spaces."""
    md = DERIVATIONS["map"]().to_markdown()
    assert md.count("    $$\n\n    **") == len(DERIVATIONS["map"]().steps)


def test_markdown_shows_a_failed_step():
    d = DERIVATIONS["weight-decay"]()
    broken = d.with_step(2, sp.Eq(d.steps[1].expr.lhs, d.steps[1].expr.rhs * 2, evaluate=False))
    md = broken.to_markdown()
    assert "✗ failed" in md
    assert "&#42;" in md and "*W" not in md  # SymPy's 2*W is literal text, not emphasis
    # step 2 is wrong, and step 3 no longer follows from what step 2 now says
    assert [v.number for v in broken.verdicts() if not v.ok] == [2, 3]
    assert f"{len(d.steps) - 3} of {len(d.steps) - 1} derived steps checked" in md


@pytest.mark.parametrize("name", list(DERIVATIONS))
def test_latex_is_one_align_with_tags(name):
    d = DERIVATIONS[name]()
    tex = d.to_latex()
    assert tex.count(r"\begin{align}") == 1 and tex.count(r"\end{align}") == 1
    assert len(re.findall(r"\\tag\*?\{\[?\w+\]?\}|\\notag", tex)) == len(d.steps)


@pytest.mark.parametrize("name", list(DERIVATIONS))
def test_text_has_every_step_and_no_latex(name):
    d = DERIVATIONS[name]()
    text = str(d)
    for number in range(1, len(d.steps) + 1):
        assert f"[{number}]" in text
    assert "\n[0]" not in text  # no step numbered 0
    assert "\\frac" not in text and "\\left" not in text
    assert text.count("✓") == len(d.steps) - 1 and "○ assumed" in text
    assert "What this proof rests on:" in text
