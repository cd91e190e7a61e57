"""Rendering a derivation for the page (Markdown, LaTeX) and for the terminal (text).

Every rendering checks the derivation as it goes and shows each step's verdict, so a page or
a terminal never shows a step as proved that the checker rejects.
"""

from __future__ import annotations

import html
import textwrap
from typing import TYPE_CHECKING

import sympy as sp

from mathreg.ledger import Entry

if TYPE_CHECKING:
    from mathreg.proof import Derivation

__all__ = [
    "derivation_latex",
    "derivation_markdown",
    "derivation_text",
    "equations_label",
    "ledger_markdown",
]

CHECKED, FAILED, ASSUMED = "✓", "✗", "○"


def equations_label(equations: tuple[int | str, ...]) -> str:
    """The equations as a short label: ``(8)–(11)``, ``(12), (13)``, ``[R1]`` or ``—``.

    The note's equations are integers, shown in parentheses; the book's own numbers are
    strings, shown in brackets so that they cannot be mistaken for the note's.

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
    note = [n for n in equations if isinstance(n, int)]
    own = [n for n in equations if isinstance(n, str)]
    parts = []
    if note:
        if note == list(range(note[0], note[-1] + 1)) and len(note) > 1:
            parts.append(f"({note[0]})–({note[-1]})")
        else:
            parts.append(", ".join(f"({n})" for n in note))
    parts.extend(f"[{n}]" for n in own)
    return ", ".join(parts)


def _tag(eq: int | str | None) -> str:
    if eq is None:
        return ""
    return rf" \tag{{{eq}}}" if isinstance(eq, int) else rf" \tag*{{[{eq}]}}"


_MARKDOWN_SPECIAL = {"*": "&#42;", "_": "&#95;", "`": "&#96;", "$": "&#36;", "\\": "&#92;"}


def _plain(text: str) -> str:
    """Plain text (SymPy output, prose) made literal for Markdown: ``2*x*y`` stays as is."""
    return "".join(_MARKDOWN_SPECIAL.get(ch, ch) for ch in html.escape(text, quote=False))


def _mark(number: int, ok: bool, reason: str) -> str:
    if not ok:
        return f'<span class="mr-verdict mr-fail">{FAILED} failed: {_plain(reason)}</span>'
    if number == 1:
        title = "assumed, not checked"
        return f'<span class="mr-verdict mr-assumed" title="{title}">{ASSUMED} assumed</span>'
    return f'<span class="mr-verdict mr-ok" title="checked">{CHECKED} checked</span>'


def derivation_markdown(derivation: Derivation) -> str:
    """A numbered list of display-math steps, each with rule, justification and verdict,
    followed by the ledger (what the proof rests on).

    Equation numbers appear as ``\\tag{n}`` (the note's) or ``\\tag*{[Rn]}`` (the book's).
    The premise is marked *assumed*, never *checked*. Each list item holds its display
    formula, a blank line, then the rule, the justification and the verdict indented by four
    spaces, as Python-Markdown needs to keep them in the item.
    """
    verdicts = derivation.verdicts()
    lines = []
    if derivation.summary:
        lines += [_plain(derivation.summary), ""]
    for step, verdict in zip(derivation.steps, verdicts, strict=True):
        rule = step.rule.describe("latex")
        lines += [
            "1. $$",
            f"    {sp.latex(step.expr, order='none')}{_tag(step.eq)}",
            "    $$",
            "",
            f"    **{rule}.** {_plain(step.why)} "
            + _mark(verdict.number, verdict.ok, verdict.reason),
            "",
        ]
    checked = sum(v.ok for v in verdicts[1:])
    lines.append(
        f"*The premise is assumed; {checked} of {len(verdicts) - 1} derived steps checked by "
        "SymPy when this page was built.*"
    )
    lines += ["", ledger_markdown(derivation)]
    return "\n".join(lines) + "\n"


def ledger_markdown(derivation: Derivation) -> str:
    """The ledger as a collapsible box: "What this proof rests on", grouped by kind."""
    ledger = derivation.ledger()
    rows = ['??? info "What this proof rests on"', ""]
    for kind in Entry.KINDS:
        for line in ledger.of_kind(kind):
            steps = ", ".join(map(str, line.steps))
            label = "step" if len(line.steps) == 1 else "steps"
            rows.append(f"    - **{kind}** ({label} {steps}): {line.entry.describe('latex')}")
    return "\n".join(rows) + "\n"


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
    for step, verdict in zip(derivation.steps, verdicts, strict=True):
        mark = _text_mark(verdict.number, verdict.ok, verdict.reason)
        eq = f"  {equations_label((step.eq,))}" if step.eq is not None else ""
        out.append(f"[{verdict.number}] {step.rule.describe('text')}{eq}  {mark}")
        out.append(
            textwrap.indent(
                sp.pretty(step.expr, use_unicode=True, wrap_line=False, order="none"), "    "
            )
        )
        out.append(textwrap.indent(textwrap.fill(step.why, 92), "    "))
        out.append("")
    out.append(derivation.ledger().text())
    return "\n".join(out) + "\n"


def _text_mark(number: int, ok: bool, reason: str) -> str:
    """The verdict in a terminal: ✓, ✗ with the reason, or ○ assumed for the premise."""
    if not ok:
        return f"{FAILED} {reason}"
    return f"{ASSUMED} assumed" if number == 1 else CHECKED
