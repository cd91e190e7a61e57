"""Unit tests of the site's build helpers in docs/hooks/ (no site build needed)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

HOOKS = Path(__file__).resolve().parents[1] / "docs" / "hooks"


def load(name: str):
    spec = importlib.util.spec_from_file_location(f"site_hooks_{name}", HOOKS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rst():
    return load("griffe_rst_math")


@pytest.fixture(scope="module")
def pagekit():
    return load("pagekit")


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
    from mathreg.symbolic import DERIVATIONS

    derivation = DERIVATIONS["map"]()
    out = pagekit.derivation_markdown(derivation)
    assert out.startswith('<div class="mr-derivation" markdown="1">')
    assert derivation.to_markdown() in out


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
