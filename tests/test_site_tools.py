"""Unit tests of the site's page helpers and docstring converter in mathreg.site (no site
build needed)."""

from __future__ import annotations

import re

import pytest

from mathreg.site import griffe_rst
from mathreg.site import pagekit as _pagekit
from mathreg.topics import TOPICS


@pytest.fixture(scope="module")
def rst():
    return griffe_rst


@pytest.fixture(scope="module")
def pagekit():
    return _pagekit


def test_inline_math_and_roles(rst):
    text = "Returns :math:`\\lambda/m` times :func:`~mathreg.numeric.l2_gradient` of :class:`W`."
    assert rst.rst_to_markdown(text) == "Returns $\\lambda/m$ times `l2_gradient()` of `W`."


def test_math_directive_becomes_a_display_block(rst):
    text = "Before.\n\n.. math::\n\n    a = b\n    + c\n\nAfter.\n"
    assert rst.rst_to_markdown(text) == "Before.\n\n$$\na = b\n+ c\n$$\n\nAfter."


def test_indented_math_directive_keeps_its_indentation(rst):
    text = "x : float\n    The value\n\n    .. math::\n\n        x^2\n\ny : int"
    out = rst.rst_to_markdown(text)
    assert "    $$\n    x^2\n    $$" in out
    assert out.endswith("y : int")


def test_derivation_markdown_wraps_the_engine_output(pagekit):
    from mathreg.render import derivation_markdown
    from mathreg.symbolic import DERIVATIONS

    derivation = DERIVATIONS["map"]()
    out = pagekit.derivation_markdown(derivation)
    assert out.startswith('<div class="mr-derivation" markdown="1">')
    assert derivation_markdown(derivation, pagekit.page_layout()) in out


def test_the_page_layout_measures_with_mathjax(pagekit):
    """The widths are MathJax's, in ex: a longer formula is wider, and a tag adds width."""
    width = pagekit.formula_width
    assert 0 < width("x", True) < width("x + y", True) < width("x + y + z", True)
    assert width(r"x \tag{3}", True) > width("x", True) + 2
    layout = pagekit.page_layout()
    assert layout.narrow < layout.wide


def test_source_lines_refuses_missing_markers(pagekit):
    def f():
        a = 1  # first
        return a  # last

    assert "a = 1  # first\nreturn a  # last" in pagekit.source_lines(f, "# first", "# last")
    with pytest.raises(LookupError):
        pagekit.source_lines(f, "# nowhere", "# last")


def test_source_shortens_the_docstring(pagekit):
    def g(x):
        """Double :math:`x`.

        A long explanation.
        """
        return 2 * x

    out = pagekit.source(g)
    assert '"""Double x."""' in out and "long explanation" not in out
    assert out.startswith("```python\n") and out.endswith("```\n")


def test_simple_table_becomes_a_markdown_table(rst):
    text = (
        "Intro.\n\n"
        "=====  ===================\n"
        "rule   meaning\n"
        "=====  ===================\n"
        "equal  the same\n"
        "mono   strictly monotone,\n"
        "       continued\n"
        "=====  ===================\n\n"
        "After."
    )
    assert rst.rst_to_markdown(text) == (
        "Intro.\n\n| rule | meaning |\n|---|---|\n| equal | the same |\n"
        "| mono | strictly monotone, continued |\n\nAfter."
    )


def test_rst_section_titles_become_bold_but_numpydoc_sections_stay(rst):
    text = "Intro.\n\nThe mask\n--------\nText.\n\nExamples\n--------\n>>> 1\n1"
    assert rst.rst_to_markdown(text) == (
        "Intro.\n\n**The mask**\n\nText.\n\nExamples\n--------\n>>> 1\n1"
    )


def test_doctests_outside_examples_are_fenced(rst):
    text = "Intro.\n\n>>> f(1)\n2\n\nExamples\n--------\n>>> f(2)\n4"
    assert rst.rst_to_markdown(text) == (
        "Intro.\n\n```pycon\n>>> f(1)\n2\n```\n\nExamples\n--------\n>>> f(2)\n4"
    )


def test_overview_table_lists_every_topic_in_order(pagekit):
    table = pagekit.overview_table().splitlines()
    assert table[0] == "| page | note's equations | the result in one line |"
    rows = table[2:]
    links = [row.split("](")[1].split(")")[0] for row in rows]
    assert links == [t.page.removesuffix(".md") + "/" for t in TOPICS]
    assert "| [L2 from a Gaussian prior](l2-prior/) | (8)–(11) |" in table[5]
    assert "| [Bias and variance](bias-variance/) | [R1] |" in rows[0]


def test_terminal_hides_the_duration_so_builds_are_reproducible(pagekit):
    out = pagekit.terminal("check", "map")
    assert out.splitlines()[-4].endswith("1 derivations, … s")
    assert not re.search(r"\d s\n", out)
