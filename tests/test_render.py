"""Rendering shows every step, the note's equation tags and each step's verdict; the prose's
formulas are typeset on the page and Unicode in the terminal; long statements are broken
over lines for a phone without changing what they say."""

import re

import pytest
import sympy as sp

from mathreg.linebreak import INDENT, break_lines, lines
from mathreg.printing import BookLatexPrinter, for_display, latex
from mathreg.render import Layout, derivation_markdown, prose_markdown
from mathreg.symbolic import DERIVATIONS
from mathreg.unicode_math import unicode_math, unicode_prose


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
    assert "rejected" not in md
    assert f"{len(d.steps) - 1} of {len(d.steps) - 1} derived steps checked" in md
    assert "What this proof rests on" in md


def test_markdown_keeps_text_inside_each_list_item():
    """Python-Markdown needs a blank line after the closing $$ and the text indented 4 spaces."""
    md = DERIVATIONS["map"]().to_markdown()
    assert md.count("    $$\n\n    **") == len(DERIVATIONS["map"]().steps)


def test_markdown_shows_a_rejected_step_and_the_reason():
    d = DERIVATIONS["weight-decay"]()
    broken = d.with_step(2, sp.Eq(d.steps[1].expr.lhs, d.steps[1].expr.rhs * 2, evaluate=False))
    md = broken.to_markdown()
    assert md.count("✗ rejected") == 2
    assert '<code class="mr-reason">' in md
    assert "&#42;" in md and "*W" not in md  # SymPy's 2*W is literal text, not emphasis
    # step 2 is wrong, and step 3 no longer follows from what step 2 now says
    assert [v.number for v in broken.verdicts() if not v.ok] == [2, 3]
    assert f"{len(d.steps) - 3} of {len(d.steps) - 1} derived steps checked" in md


def test_a_rejection_can_be_explained_in_typeset_words():
    d = DERIVATIONS["weight-decay"]()
    broken = d.with_step(4, sp.Eq(d.steps[3].expr.lhs, 2 * d.steps[3].expr.rhs, evaluate=False))
    md = derivation_markdown(broken, explain={4: r"off by a factor of $2$"})
    assert "\n    off by a factor of $2$\n" in md
    assert '<code class="mr-reason">' not in md


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
    assert "\\" not in text and "$" not in text  # the prose's formulas are Unicode
    assert text.count("✓") == len(d.steps) - 1 and "○ assumed" in text
    assert "What this proof rests on:" in text


# --- the prose: typeset on the page, Unicode in the terminal --------------------------------

PROSE = [
    (name, k, text)
    for name, build in DERIVATIONS.items()
    for d in [build()]
    for k, text in enumerate([d.summary, *(s.why for s in d.steps)])
]


@pytest.mark.parametrize(("name", "k", "text"), PROSE, ids=[f"{n}-{k}" for n, k, _ in PROSE])
def test_the_prose_writes_its_mathematics_as_latex(name, k, text):
    """Symbols, scripts and operators stand between $ signs, where the page typesets them;
    outside, the prose is words (a Greek letter or a superscript there would be plain text
    beside typeset formulas)."""
    outside = re.sub(r"\$[^$]*\$", "", text)
    assert not re.findall(r"[α-ωΣΠ²³⁽⁾ᵀ⁻₀-₉ᵢⱼ√∑∏‖≤≥≠→∂𝔼∈]|\^|_\w", outside), text
    assert text.count("$") % 2 == 0
    assert "\\" not in unicode_prose(text)  # every macro is one the terminal can write


def test_prose_on_the_page_keeps_math_and_escapes_the_rest():
    out = prose_markdown(r"the factor $1 - \frac{\alpha\lambda}{m}$, for x_1 *and* 2*y")
    assert r"$1 - \frac{\alpha\lambda}{m}$" in out
    assert "x&#95;1 &#42;and&#42; 2&#42;y" in out


def test_a_long_inline_formula_is_cut_where_tex_breaks_lines():
    layout = Layout(width=lambda tex, display: len(tex), narrow=40, wide=80, inline=8)
    out = prose_markdown("so $a + b = c - d \\cdot e$ holds", layout)
    assert out == "so $a + b =$ $c -$ $d \\cdot$ $e$ holds"
    inside = prose_markdown("so $\\left(a + b\\right) x$ holds", layout)
    assert inside == "so $\\left(a + b\\right)$ $x$ holds"  # never inside brackets


@pytest.mark.parametrize(
    ("tex", "text"),
    [
        (r"1 - \frac{\alpha\lambda}{m}", "1 − αλ/m"),
        (r"\frac{\lambda}{2m} W", "λ/(2m)W"),
        (r"\lVert W^{(l)} \rVert_F^2", "‖W⁽ˡ⁾‖_F²"),
        (r"\hat y_i = P(y_i = 1 \mid \theta, x_i)", "ŷᵢ = P(yᵢ = 1 ∣ θ, xᵢ)"),
        (r"\mathbb E[D_{ij}/\text{keep\_prob}] = 1", "𝔼[Dᵢⱼ/keep_prob] = 1"),
        (r"\hat\theta = \arg\max_\theta \log P", "θ̂ = arg max_θ log P"),
        (r"-\log(1 - \hat y)", "−log(1 − ŷ)"),
        (r"\sqrt{\hat v} + \epsilon", "√v̂ + ϵ"),
    ],
)
def test_unicode_for_the_terminal(tex, text):
    assert unicode_math(tex) == text


def test_an_unknown_macro_is_an_error_not_a_backslash_in_the_terminal():
    with pytest.raises(ValueError, match=r"unknown macro \\weird"):
        unicode_math(r"\weird x")
    with pytest.raises(ValueError, match="missing"):
        unicode_math(r"\frac{a}{b")


# --- long statements over lines -------------------------------------------------------------


def _width(tex: str) -> float:
    """A stand-in for MathJax: characters, ignoring the layout's own markup."""
    return len(re.sub(r"\\(?:Bigg|big)[lr]|\\left|\\right|\\quad \{\}|\\times ", "", tex))


def _same_formula(broken: str) -> str:
    """The broken LaTeX with the line breaks and bracket sizes undone (and braces, which
    group nothing visible: ``\\log{\\left(x\\right)}`` loses its braces when broken)."""
    text = re.sub(r"\\begin\{aligned\}\n&|\\\\\n&|\n\\end\{aligned\}", "", broken)
    text = text.replace(INDENT, "").replace(r"\times ", "")
    text = re.sub(r"\\(?:Bigg|big)l", r"\\left", text)
    text = re.sub(r"\\(?:Bigg|big)r", r"\\right", text)
    return _normal(text)


def _normal(tex: str) -> str:
    return re.sub(r"\s+|(?<!\\)[{}]", "", tex)


STEPS = [
    (name, k, step.expr)
    for name, build in DERIVATIONS.items()
    for k, step in enumerate(build().steps, start=1)
]


@pytest.mark.parametrize(("name", "k", "expr"), STEPS, ids=[f"{n}-{k}" for n, k, _ in STEPS])
def test_breaking_a_statement_changes_only_its_layout(name, k, expr):
    """Broken as far as it goes (a budget of one character), a statement is still its LaTeX
    as the book prints it (:mod:`mathreg.printing`), piece for piece: only line breaks,
    bracket sizes and the ``\\times`` that starts a line inside a product are added. (The one
    rewrite, a long fraction broken off as SymPy's ``long_frac_ratio`` does it, is checked on
    its own below.)"""
    expr = for_display(expr)
    tex = latex(expr)
    broken = break_lines(expr, width=_width, budget=1, fractions=False)
    assert _same_formula(broken) == _normal(tex)


def test_a_long_fraction_is_broken_off_as_sympy_does():
    from mathreg.symbolic.likelihood import mean_bce

    expr = mean_bce()
    broken = break_lines(expr, width=_width, budget=40)
    expected = BookLatexPrinter({"long_frac_ratio": 0}).doprint(expr)
    assert expected.startswith(r"- \frac{1}{n} \sum")
    assert _same_formula(broken) == _normal(expected)


def test_lines_are_cut_at_relations_and_terms_first():
    a, b, c, x = sp.symbols("a b c x")
    assert lines(sp.Eq(x, a + b + c), width=len, budget=100) == ["x = a + b + c"]
    assert lines(sp.Eq(x, a + b + c), width=len, budget=9) == ["x = a + b", INDENT + "+ c"]
    assert lines(sp.Eq(x, a - b), width=len, budget=6) == ["x = a", INDENT + "- b"]


def test_a_narrow_layout_writes_a_statement_twice_with_its_number_under_the_narrow_one():
    layout = Layout(width=lambda tex, display: _width(tex), narrow=60, wide=500, inline=60)
    md = derivation_markdown(DERIVATIONS["cross-entropy"](), layout)
    assert md.count("%mr:wide") == md.count("%mr:narrow") > 0
    assert '<span class="mr-eqno">(4)</span>' in md
    narrow_blocks = re.findall(r"%mr:narrow\n(.*?)\n    \$\$", md, re.S)
    assert narrow_blocks and all(r"\tag" not in block for block in narrow_blocks)
