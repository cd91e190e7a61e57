r"""Rendering a derivation for the page (Markdown, LaTeX) and for the terminal (text).

Every rendering checks the derivation as it goes and shows each step's verdict, so a page or
a terminal never shows a step as proved that the checker rejects.

The prose of a derivation (a step's justification, the summary, what a ledger entry says)
writes its mathematics as inline LaTeX between ``$`` signs: the page typesets it, the terminal
writes it in Unicode (:mod:`mathreg.unicode_math`).

On the page, formulas cannot wrap like text. Given a :class:`Layout` (how wide a formula is,
and how wide the columns are), :func:`derivation_markdown` breaks a long statement over lines
(:mod:`mathreg.linebreak`) and, when a statement does not fit a phone's column, writes it
twice: broken to fit a wide column with its equation number as a tag, and broken to fit a
phone's column with the number under it. The site's stylesheet shows one or the other; the
search indexes only the first.
"""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import sympy as sp

from mathreg.ledger import Entry, Rewrite
from mathreg.linebreak import break_lines
from mathreg.printing import for_display, latex
from mathreg.topics import equations_label
from mathreg.unicode_math import unicode_prose

if TYPE_CHECKING:
    from mathreg.proof import Derivation

__all__ = [
    "Layout",
    "derivation_latex",
    "derivation_markdown",
    "derivation_text",
    "display_markdown",
    "equations_label",
    "inline_pieces",
    "ledger_markdown",
    "prose_markdown",
]

CHECKED, FAILED, ASSUMED = "✓", "✗", "○"


@dataclass(frozen=True)
class Layout:
    """How wide formulas are and how wide they may be, for a page that cannot scroll them.

    Attributes
    ----------
    width : callable
        ``width(tex, display)``: the width of a formula given as LaTeX, in ``ex``.
    narrow : float
        The widest a line of a display formula may be on a phone, in ``ex``.
    wide : float
        The widest a display formula may be, equation number included, on a wide screen.
    inline : float
        The widest an inline formula may be before it is cut where TeX would break a line
        (after a relation or a binary operator), so that the text around it can wrap.
    """

    width: Callable[[str, bool], float]
    narrow: float
    wide: float
    inline: float

    def display(self, tex: str) -> float:
        """The width of a display formula."""
        return self.width(tex, True)


def equations_phrase(equations: tuple[int | str, ...]) -> str:
    """Whose equations a derivation proves, as words: the note's, the book's, or none.

    Examples
    --------
    >>> equations_phrase((8, 9, 10, 11))
    "the note's (8)–(11)"
    >>> equations_phrase((14, "R3"))
    "the note's (14); the book's [R3]"
    >>> equations_phrase(("R1",))
    "the book's [R1]"
    >>> equations_phrase(())
    ''
    """
    note = tuple(n for n in equations if isinstance(n, int))
    own = tuple(n for n in equations if isinstance(n, str))
    parts = [f"the note's {equations_label(note)}"] * bool(note)
    parts += [f"the book's {equations_label(own)}"] * bool(own)
    return "; ".join(parts)


def _tag(eq: int | str | None) -> str:
    if eq is None:
        return ""
    return rf" \tag{{{eq}}}" if isinstance(eq, int) else rf" \tag*{{[{eq}]}}"


_MARKDOWN_SPECIAL = {"*": "&#42;", "_": "&#95;", "`": "&#96;", "$": "&#36;", "\\": "&#92;"}
_INLINE_MATH = re.compile(r"\$([^$]+)\$")


def _plain(text: str) -> str:
    """Plain text (SymPy output, prose) made literal for Markdown: ``2*x*y`` stays as is."""
    return "".join(_MARKDOWN_SPECIAL.get(ch, ch) for ch in html.escape(text, quote=False))


def prose_markdown(text: str, layout: Layout | None = None, *, markup: bool = False) -> str:
    r"""Prose with inline ``$…$`` LaTeX, for a page: the formulas typeset, the rest literal.

    Parameters
    ----------
    text : str
        The prose.
    layout : Layout, optional
        With a layout, an inline formula wider than ``layout.inline`` is cut after its
        relations and binary operators, where TeX would break a line of text.
    markup : bool
        Whether the text outside the formulas is Markdown (the engine's descriptions of its
        rules and ledger entries use ``**bold**`` and ``code``); by default it is plain
        text, written literally.

    Examples
    --------
    >>> print(prose_markdown(r"multiplied by $1 - \frac{\alpha\lambda}{m}$, *not* by 2"))
    multiplied by $1 - \frac{\alpha\lambda}{m}$, &#42;not&#42; by 2
    """
    out, at = [], 0
    for match in _INLINE_MATH.finditer(text):
        before = text[at : match.start()]
        out.append(before if markup else _plain(before))
        out.append(" ".join(f"${piece}$" for piece in inline_pieces(match.group(1), layout)))
        at = match.end()
    rest = text[at:]
    out.append(rest if markup else _plain(rest))
    return "".join(out)


# Where TeX may break a line inside an inline formula: after a relation or a binary operator
# at the formula's top level (not inside braces or \left…\right).
_BREAK_AFTER = re.compile(
    r"\\(?:to|le|ge|ne|leq|geq|neq|approx|propto|coloneqq|mapsto|in|cdot|times|circ|pm)"
    r"(?![A-Za-z])|[=+\-<>]"
)


def inline_pieces(tex: str, layout: Layout | None) -> list[str]:
    """``tex`` whole, or cut into formulas that each fit ``layout.inline``: after relations
    and binary operators at the formula's top level, and, where a piece is still too wide,
    between the factors of a product."""
    if layout is None or layout.width(tex, False) <= layout.inline:
        return [tex]
    operators, _ = _top_level_cuts(tex)
    pieces = _fill(tex, operators, layout)
    out = []
    for piece in pieces:
        if layout.width(piece, False) <= layout.inline:
            out.append(piece)
        else:
            _, inner = _top_level_cuts(piece)
            out.extend(_fill(piece, inner, layout))
    return out


def _top_level_cuts(tex: str) -> tuple[list[int], list[int]]:
    """Where ``tex`` may be cut, outside braces and ``\\left … \\right``: after a relation or
    a binary operator, and at a space between two factors."""
    operators, factors, depth, k = [], [], 0, 0
    while k < len(tex):
        char = tex[k]
        if char == "\\":
            name = re.match(r"\\([A-Za-z]+|.)", tex[k:]).group(1)
            if name == "left":
                depth += 1
            elif name == "right":
                depth -= 1
            elif depth == 0 and _BREAK_AFTER.match(tex, k) and tex[:k].strip():
                operators.append(k + 1 + len(name))
            k += 1 + len(name)
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
        elif depth == 0 and char in "=+-<>" and tex[:k].strip():
            if tex[:k].rstrip()[-1] not in "=+-<>({[,^_":  # a sign, not an operator
                operators.append(k + 1)
        elif depth == 0 and char == " " and tex[:k].strip() and tex[k + 1 :].strip():
            before, after = tex[:k].rstrip()[-1], tex[k + 1 :].lstrip()[0]
            if before not in "=+-<>({[,^_&" and after not in "=+-<>)}],^_&":
                factors.append(k)
        k += 1
    return operators, factors


def _fill(tex: str, cuts: list[int], layout: Layout) -> list[str]:
    """The pieces between ``cuts``, joined again as long as they fit ``layout.inline``."""
    pieces: list[str] = []
    start = 0
    for cut in [*cuts, len(tex)]:
        candidate = tex[start:cut].strip()
        if pieces and layout.width(f"{pieces[-1]} {candidate}", False) <= layout.inline:
            pieces[-1] = f"{pieces[-1]} {candidate}"
        elif candidate:
            pieces.append(candidate)
        start = cut
    return pieces


def _verdict_badge(number: int, ok: bool) -> str:
    if not ok:
        return f'<span class="mr-verdict mr-fail">{FAILED} rejected</span>'
    if number == 1:
        title = "assumed, not checked"
        return f'<span class="mr-verdict mr-assumed" title="{title}">{ASSUMED} assumed</span>'
    return f'<span class="mr-verdict mr-ok" title="checked">{CHECKED} checked</span>'


def _display(tex: str, kind: str = "") -> list[str]:
    """A display formula as Markdown lines; ``kind`` (``wide``, ``narrow``) is read by the
    site's typesetter (:mod:`mathreg.site.mathsvg`) from a first line ``%mr:kind``."""
    return ["$$", *([f"%mr:{kind}"] if kind else []), *tex.splitlines(), "$$", ""]


def _statement_lines(expr: sp.Basic, eq: int | str | None, layout: Layout | None) -> list[str]:
    """The statement as display math: one formula, or a wide and a narrow one."""
    expr = for_display(expr)
    one_line = latex(expr)
    tag = _tag(eq)
    if layout is None or layout.display(one_line + tag) <= layout.narrow:
        return _display(one_line + tag)
    tag_width = layout.display(one_line + tag) - layout.display(one_line)
    wide = break_lines(expr, layout.display, layout.wide - tag_width)
    narrow = break_lines(expr, layout.display, layout.narrow)
    out = _display(wide + tag, "wide") + _display(narrow, "narrow")
    if eq is not None:
        out += [f'<span class="mr-eqno">{equations_label((eq,))}</span>', ""]
    return out


def display_markdown(expr: sp.Basic, layout: Layout | None = None) -> str:
    """A statement as display math for a page: one formula, or, when it is too wide for a
    phone, a wide and a narrow one (see :class:`Layout`)."""
    return "\n".join(_statement_lines(expr, None, layout))


def derivation_markdown(
    derivation: Derivation,
    layout: Layout | None = None,
    *,
    explain: Mapping[int, str] | None = None,
) -> str:
    """A numbered list of display-math steps, each with rule, justification and verdict,
    followed by the ledger (what the proof rests on).

    Equation numbers appear as ``\\tag{n}`` (the note's) or ``\\tag*{[Rn]}`` (the book's).
    The premise is marked *assumed*, never *checked*. Each list item holds its display
    formula, a blank line, then the rule, the justification and the verdict indented by four
    spaces, as Python-Markdown needs to keep them in the item.

    Parameters
    ----------
    derivation : Derivation
        The derivation; it is checked here.
    layout : Layout, optional
        The page's columns (see :class:`Layout`); without one, every statement is one line.
    explain : mapping of int to str, optional
        For a step the checker rejects, what to show under it instead of the checker's
        message: Markdown with typeset formulas (such as
        :meth:`mathreg.symbolic.errata.Rejection.markdown`). The message itself is plain text
        in SymPy's notation; without an explanation it is shown as it is, wrapped.
    """
    explain = explain or {}
    verdicts = derivation.verdicts()
    lines = []
    if derivation.summary:
        lines += [prose_markdown(derivation.summary, layout), ""]
    for step, verdict in zip(derivation.steps, verdicts, strict=True):
        rule = prose_markdown(step.rule.describe("latex"), layout, markup=True)
        statement = _statement_lines(step.expr, step.eq, layout)
        lines += ["1. " + statement[0], *(f"    {line}" if line else "" for line in statement[1:])]
        text = f"    **{rule}.** {prose_markdown(step.why, layout)} "
        text += _verdict_badge(verdict.number, verdict.ok)
        lines += [text, ""]
        if not verdict.ok:
            reason = explain.get(verdict.number)
            if reason is None:
                reason = f'<code class="mr-reason">{_plain(verdict.reason)}</code>'
            lines += [f"    {line}" if line else "" for line in reason.splitlines()] + [""]
    checked = sum(v.ok for v in verdicts[1:])
    lines.append(
        f"*The premise is assumed; {checked} of {len(verdicts) - 1} derived steps checked by "
        "SymPy when this page was built.*"
    )
    lines += ["", ledger_markdown(derivation, layout)]
    return "\n".join(lines) + "\n"


def ledger_markdown(derivation: Derivation, layout: Layout | None = None) -> str:
    """The ledger as a collapsible box: "What this proof rests on", grouped by kind."""
    ledger = derivation.ledger()
    # A rewrite lists the facts it needed as text; each fact is also an entry of the ledger,
    # which can describe itself typeset.
    typeset = {line.entry.describe("text"): line.entry.describe("latex") for line in ledger.lines}
    rows = ['??? info "What this proof rests on"', ""]
    for kind in Entry.KINDS:
        for line in ledger.of_kind(kind):
            steps = ", ".join(map(str, line.steps))
            label = "step" if len(line.steps) == 1 else "steps"
            if isinstance(line.entry, Rewrite):
                facts = ", ".join(typeset.get(fact, _plain(fact)) for fact in line.entry.facts)
                described = f"`{line.entry.name}` valid because {facts}"
            else:
                described = line.entry.describe("latex")
            entry = prose_markdown(described, layout, markup=True)
            rows.append(f"    - **{kind}** ({label} {steps}): {entry}")
    return "\n".join(rows) + "\n"


def derivation_latex(derivation: Derivation) -> str:
    r"""The derivation as a LaTeX ``align`` environment, one line per step.

    Each line carries the note's equation number as ``\tag`` (or ``\notag``) and the rule's
    name as a comment column.
    """
    rows = []
    for step in derivation.steps:
        tag = _tag(step.eq) if step.eq is not None else r" \notag"
        rows.append(rf"  {latex(step.expr)} && \text{{{step.rule.name}}}{tag}")
    header = (
        f"% {derivation.title}: {equations_phrase(derivation.equations) or 'no equation numbers'}"
    )
    return "\n".join([header, r"\begin{align}", " \\\\\n".join(rows), r"\end{align}"]) + "\n"


def derivation_text(derivation: Derivation) -> str:
    """The derivation for a terminal: SymPy's pretty printer, one block per step, and the
    prose's formulas in Unicode."""
    verdicts = derivation.verdicts()
    out = [
        f"{derivation.title}  "
        f"[{'; '.join(filter(None, (derivation.name, equations_phrase(derivation.equations))))}]",
        "",
    ]
    for step, verdict in zip(derivation.steps, verdicts, strict=True):
        mark = _text_mark(verdict.number, verdict.ok, verdict.reason)
        eq = f"  {equations_label((step.eq,))}" if step.eq is not None else ""
        rule = unicode_prose(step.rule.describe("text"))
        out.append(f"[{verdict.number}] {rule}{eq}  {mark}")
        out.append(
            textwrap.indent(
                sp.pretty(step.expr, use_unicode=True, wrap_line=False, order="none"), "    "
            )
        )
        out.append(textwrap.indent(textwrap.fill(unicode_prose(step.why), 92), "    "))
        out.append("")
    out.append(unicode_prose(derivation.ledger().text()))
    return "\n".join(out) + "\n"


def _text_mark(number: int, ok: bool, reason: str) -> str:
    """The verdict in a terminal: ✓, ✗ with the reason, or ○ assumed for the premise."""
    if not ok:
        return f"{FAILED} {reason}"
    return f"{ASSUMED} assumed" if number == 1 else CHECKED
