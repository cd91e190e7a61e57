"""Rendering a derivation for the page (Markdown, LaTeX) and for the terminal (text).

Every rendering checks the derivation as it goes and shows each step's verdict, so a page or
a terminal never shows a step as proved that the checker rejects.
"""

from __future__ import annotations

import html
import textwrap
from typing import TYPE_CHECKING

import sympy as sp

if TYPE_CHECKING:
    from mathreg.proof import Derivation

__all__ = ["derivation_latex", "derivation_markdown", "derivation_text", "equations_label"]

CHECKED, FAILED = "✓", "✗"


def equations_label(equations: tuple[int, ...]) -> str:
    """The note's equations as a short label: ``(8)–(11)``, ``(12), (13)`` or ``—``.

    Examples
    --------
    >>> equations_label((8, 9, 10, 11))
    '(8)–(11)'
    >>> equations_label((12, 13))
    '(12)–(13)'
    >>> equations_label(())
    '—'
    """
    if not equations:
        return "—"
    if list(equations) == list(range(equations[0], equations[-1] + 1)) and len(equations) > 1:
        return f"({equations[0]})–({equations[-1]})"
    return ", ".join(f"({n})" for n in equations)


def _tag(eq: int | None) -> str:
    return rf" \tag{{{eq}}}" if eq is not None else ""


_MARKDOWN_SPECIAL = {"*": "&#42;", "_": "&#95;", "`": "&#96;", "$": "&#36;", "\\": "&#92;"}


def _plain(text: str) -> str:
    """Plain text (SymPy output, prose) made literal for Markdown: ``2*x*y`` stays as is."""
    return "".join(_MARKDOWN_SPECIAL.get(ch, ch) for ch in html.escape(text, quote=False))


def derivation_markdown(derivation: Derivation) -> str:
    """A numbered list of display-math steps, each with rule, justification and verdict.

    The note's equation numbers appear as ``\\tag{n}``, rendered by MathJax beside the step.
    Each list item holds its display formula, a blank line, then the rule, the justification
    and the verdict indented by four spaces, as Python-Markdown needs to keep them in the item.
    """
    verdicts = derivation.verdicts()
    lines = []
    if derivation.summary:
        lines += [_plain(derivation.summary), ""]
    for step, verdict in zip(derivation.steps, verdicts, strict=True):
        if verdict.ok:
            mark = f'<span class="mr-verdict mr-ok" title="checked">{CHECKED} checked</span>'
        else:
            reason = _plain(verdict.reason)
            mark = f'<span class="mr-verdict mr-fail">{FAILED} failed: {reason}</span>'
        rule = step.rule.describe("latex")
        lines += [
            "1. $$",
            f"    {sp.latex(step.expr, order='none')}{_tag(step.eq)}",
            "    $$",
            "",
            f"    **{rule}.** {_plain(step.why)} {mark}",
            "",
        ]
    total = sum(v.ok for v in verdicts)
    lines.append(f"*{total} of {len(verdicts)} steps checked by SymPy when this page was built.*")
    return "\n".join(lines) + "\n"


def derivation_latex(derivation: Derivation) -> str:
    r"""The derivation as a LaTeX ``align`` environment, one line per step.

    Each line carries the note's equation number as ``\tag`` (or ``\notag``) and the rule's
    name as a comment column.
    """
    rows = []
    for step in derivation.steps:
        tag = _tag(step.eq) if step.eq is not None else r" \notag"
        rows.append(rf"  {sp.latex(step.expr, order='none')} && \text{{{step.rule.name}}}{tag}")
    header = f"% {derivation.title}: the note's equations {equations_label(derivation.equations)}"
    return "\n".join([header, r"\begin{align}", " \\\\\n".join(rows), r"\end{align}"]) + "\n"


def derivation_text(derivation: Derivation) -> str:
    """The derivation for a terminal: SymPy's pretty printer, one block per step."""
    verdicts = derivation.verdicts()
    out = [
        f"{derivation.title}  [{derivation.name}; the note's "
        f"{equations_label(derivation.equations)}]",
        "",
    ]
    for index, (step, verdict) in enumerate(zip(derivation.steps, verdicts, strict=True)):
        mark = CHECKED if verdict.ok else f"{FAILED} {verdict.reason}"
        eq = f"  ({step.eq})" if step.eq is not None else ""
        out.append(f"[{index}] {step.rule.describe('text')}{eq}  {mark}")
        out.append(
            textwrap.indent(
                sp.pretty(step.expr, use_unicode=True, wrap_line=False, order="none"), "    "
            )
        )
        out.append(textwrap.indent(textwrap.fill(step.why, 92), "    "))
        out.append("")
    return "\n".join(out)
