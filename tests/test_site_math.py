"""Math typeset at build time (mathreg/site/mathjax.py, mathreg/site/mathsvg.py): SVG and
hidden MathML in the HTML, each glyph stored once per page, errors that fail the build."""

from __future__ import annotations

import logging
import re

import markdown
import pytest

from mathreg.site.check import problems_in_page
from mathreg.site.mathjax import TeXError, mathjax
from mathreg.site.mathsvg import MathSvgExtension

CONFIG = {"pymdownx.arithmatex": {"generic": True}}


def convert(text: str) -> str:
    return markdown.markdown(
        text, extensions=["pymdownx.arithmatex", MathSvgExtension()], extension_configs=CONFIG
    )


def glyph_ids(html: str) -> tuple[list[str], set[str]]:
    """(the glyphs the page defines, in order; the glyphs its formulas use)."""
    defined = re.findall(r'<path id="(MJX-[^"]+)"', html)
    used = set(re.findall(r'xlink:href="#(MJX-[^"]+)"', html))
    return defined, used


def test_inline_and_display_math_become_svg_and_mathml():
    html = convert(
        "Let \\(\\lambda \\ge 0\\) and\n\n\\[\nJ = \\frac{\\lambda}{2m} \\tag{10}\n\\]\n"
    )
    assert html.count("<mjx-container") == 2
    assert '<span class="arithmatex"><mjx-container' in html
    assert '<div class="arithmatex"><mjx-container' in html and 'display="true"' in html
    assert re.search(r"<mlabeledtr>\s*<mtd>\s*<mtext>\(10\)</mtext>", html), "the tag is lost"
    assert "\\lambda" not in html and "\\frac" not in html and "\\tag" not in html
    assert problems_in_page(html) == []


def test_each_glyph_is_stored_once_and_every_reference_resolves():
    html = convert("\\(\\lambda\\), \\(\\lambda^2\\) and \\(\\lambda + \\theta\\)")
    defined, used = glyph_ids(html)
    assert len(defined) == len(set(defined)) and set(defined) == used
    assert html.count('class="mr-glyphs"') == 1 and html.count('<style class="mr-mathjax">') == 1
    assert "display: none" in html.split('class="mr-glyphs"')[1][:200]


def test_a_page_around_converted_html_keeps_one_glyph_store():
    """An executed block's output or a docstring arrives already converted, with its own glyph
    store: the page around it ends with one store for both, each glyph once."""
    inner = convert("Inner \\(\\lambda \\sigma\\).")
    outer = convert(f"Outer \\(\\lambda \\alpha\\).\n\n<div>\n{inner}\n</div>\n")
    defined, used = glyph_ids(outer)
    assert outer.count('class="mr-glyphs"') == 1 and outer.count('class="mr-mathjax"') == 1
    assert len(defined) == len(set(defined)) and set(defined) == used
    assert {"MJX-TEX-I-1D706", "MJX-TEX-I-1D70E", "MJX-TEX-I-1D6FC"} <= used  # λ, σ, α


def test_search_gets_each_symbol_as_a_word_and_greek_letters_by_name():
    html = convert("\\(\\lambda \\ge 0\\)")
    mathml = re.search(r"<mjx-assistive-mml.*?</mjx-assistive-mml>", html, re.S).group(0)
    text = re.sub(r"<[^>]+>", "", mathml)
    assert text.split() == ["λ", "≥", "0"]
    assert '<span class="mr-math-words" hidden>lambda</span>' in html


def test_a_formula_mathjax_cannot_read_is_marked_logged_and_fails_the_check(caplog):
    with caplog.at_level(logging.WARNING, logger="mkdocs.mathreg.mathsvg"):
        html = convert("Broken \\(\\frac{1}{\\)")
    assert "data-mathreg-tex-error" in html and "Missing close brace" in html
    assert any("Missing close brace" in r.getMessage() for r in caplog.records)
    assert any(p.startswith("TeX error: MathJax cannot typeset") for p in problems_in_page(html))


def test_unknown_macros_are_errors_not_red_text():
    with pytest.raises(TeXError, match=r"Undefined control sequence \\nosuchmacro"):
        mathjax().typeset("\\nosuchmacro x", display=False)


def test_a_formula_does_not_depend_on_the_formulas_before_it():
    """Each formula is typeset afresh: automatic equation numbers restart at (1) in every
    formula, so the output of a page does not depend on the pages built before it."""
    engine = mathjax()
    first = engine.typeset("\\begin{align} a &= b \\end{align}", display=True)
    second = engine.typeset("\\begin{align} c &= d \\end{align}", display=True)
    for html in (first, second):
        assert re.search(r"<mtext>\(1\)</mtext>", html) and "(2)" not in html
    assert engine.typeset("\\begin{align} c &= d \\end{align}", display=True) == second
