r"""Long statements broken over lines, where a textbook would break them.

A display formula cannot wrap like text: on a phone a long statement is wider than its column.
:func:`break_lines` prints a SymPy statement as SymPy's LaTeX printer does and, when a line is
wider than the column, cuts it at the places a textbook uses, outermost first:

- after the relation (``=``, ``\propto``);
- between the terms of a sum (``a + b - c``);
- inside brackets that enclose a breakable part, such as the objective of an
  :math:`\arg\min` or the summand of :math:`\sum` (``\left[ … \right]`` becomes a pair of
  fixed-size ``\Biggl[ … \Biggr]``, since ``\left`` and ``\right`` cannot span lines);
- between the parts of a product whose factor is breakable: :math:`-\frac1n` and the sum
  it multiplies.

The lines are set left-aligned in an ``aligned`` environment, the continuation lines indented.
How wide a line is, in ``ex``, is for the caller to say (``width``): the site asks MathJax,
which typesets the formulas. Nothing is rewritten but the layout: joined again, the pieces are
SymPy's own LaTeX of each part.

Examples
--------
>>> import sympy as sp
>>> a, b, c, x = sp.symbols("a b c x")
>>> statement = sp.Eq(x, a + b + c)
>>> print(break_lines(statement, width=len, budget=100))  # fits: SymPy's LaTeX unchanged
x = a + b + c
>>> print(break_lines(statement, width=len, budget=9))
\begin{aligned}
&x = a + b \\
&\quad {}+ c
\end{aligned}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp
from sympy.printing.latex import LatexPrinter

from mathreg.printing import BookLatexPrinter

__all__ = ["break_lines", "lines"]

#: What continuation lines start with: an indent, and an empty group so that a leading
#: ``+`` or ``-`` is spaced as the binary operator it is.
INDENT = r"\quad {}"

_TALL = re.compile(r"\\(?:sum|prod|frac|int|begin)\b|\\left")
_DELIMITERS = (
    (r"\left(", r"\right)", "(", ")"),
    (r"\left[", r"\right]", "[", "]"),
    (r"\left\{", r"\right\}", r"\{", r"\}"),
)


@dataclass(eq=False)
class _Unit:
    """A piece of a formula, kept on one line unless it has parts to break into.

    ``parts`` are the pieces the unit may be broken into (joined with spaces they print the
    same formula, with fixed-size brackets where ``\\left``/``\\right`` were); ``glue`` says
    that the piece stays on the line of the previous one (a closing bracket does); ``lead``
    is written before the piece when it starts a line (``\\times`` for a factor).
    """

    tex: str
    parts: list[_Unit] = field(default_factory=list)
    glue: bool = False
    lead: str = ""


class _Printer(BookLatexPrinter):
    """SymPy's LaTeX printer as :func:`sympy.latex` is called for a statement, and whether a
    fraction that must be broken may be written with its long numerator broken off."""

    def __init__(self, *, fractions: bool):
        super().__init__({"order": "none"})
        self.fractions = fractions


def _sized(open_tex: str, close_tex: str, inside: str) -> tuple[str, str]:
    size = "Bigg" if _TALL.search(inside) else "big"
    return rf"\{size}l{open_tex}", rf"\{size}r{close_tex}"


def _unit(expr: sp.Basic, printer: LatexPrinter) -> _Unit:
    """``expr`` as a unit, with the parts it may break into."""
    tex = printer._print(expr)
    return _Unit(tex, _parts(expr, tex, printer))


def _parts(expr: sp.Basic, tex: str, printer: LatexPrinter) -> list[_Unit]:
    if isinstance(expr, sp.Add):  # Add and MatAdd, as LatexPrinter._print_Add prints them
        parts = []
        for k, term in enumerate(printer._as_ordered_terms(expr)):
            sign = ""
            if k and term.could_extract_minus_sign():
                sign, term = "- ", -term
            elif k:
                sign = "+ "
            inner = _unit(term, printer)
            if printer._needs_add_brackets(term):
                inner = _bracketed(inner, r"\left(", r"\right)", "(", ")")
            parts.append(_prefixed(sign, inner))
        return parts if _joins_to(parts, tex) else []
    if isinstance(expr, sp.Mul):
        return _mul_parts(expr, tex, printer)
    return _wrapper_parts(expr, tex, printer)


def _prefixed(prefix: str, unit: _Unit) -> _Unit:
    """``prefix`` in front of ``unit`` (a sign, or the head of a sum)."""
    if not prefix:
        return unit
    parts = list(unit.parts)
    if parts:
        parts[0] = _prefixed(prefix, parts[0])
    return _Unit(prefix + unit.tex, parts, unit.glue)


def _bracketed(inner: _Unit, left: str, right: str, open_tex: str, close_tex: str) -> _Unit:
    tex = f"{left}{inner.tex}{right}"
    if not inner.parts:
        return _Unit(tex)
    opening, closing = _sized(open_tex, close_tex, inner.tex)
    parts = [_Unit(opening), *inner.parts, _Unit(closing, glue=True)]
    return _Unit(tex, parts)


def _wrapper_parts(expr: sp.Basic, tex: str, printer: LatexPrinter) -> list[_Unit]:
    """A node printed as ``head \\left( child \\right) tail`` (a sum's summand, an arg min's
    objective, a function's argument), or as ``head child`` (a sum of a product); the last
    such child is the one broken."""
    children = [a for a in expr.args if isinstance(a, sp.Basic) and not a.is_Atom]
    for child in reversed(children):
        inner = _unit(child, printer)
        if not inner.parts:
            continue
        for left, right, open_tex, close_tex in _DELIMITERS:
            for before, after in (("", ""), ("", " "), (" ", ""), (" ", " ")):
                enclosed = f"{left}{before}{inner.tex}{after}{right}"
                if tex.count(enclosed) == 1:
                    head, tail = tex.split(enclosed)
                    if head.endswith("{") and tail.startswith("}") and _unbalanced(head):
                        head, tail = head[:-1], tail[1:]  # \\log{\\left(x\\right)}
                    opening, closing = _sized(open_tex, close_tex, inner.tex)
                    return [
                        _Unit(f"{head}{opening}"),
                        *inner.parts,
                        _Unit(f"{closing}{tail}", glue=True),
                    ]
        if tex.endswith(inner.tex) and tex.count(inner.tex) == 1:
            return [_prefixed(tex[: -len(inner.tex)], inner)]
    return []


def _unbalanced(tex: str) -> bool:
    return tex.count("{") - tex.count("\\{") != tex.count("}") - tex.count("\\}")


def _mul_parts(expr: sp.Mul, tex: str, printer: LatexPrinter) -> list[_Unit]:
    """A product, as SymPy prints it.

    Written ``A B`` with ``B`` the last factor that is a function's value or can be broken,
    and ``A`` more than a number: two pieces, and a line that starts with ``B`` starts with
    :math:`\\times` (:math:`(1 - y_i) \\times \\log(\\dots)`). Otherwise the break is inside
    the factor (:math:`2\\,\\mathbb{E}[\\dots]`). A fraction whose numerator holds the factor,
    :math:`-\\frac{\\sum \\dots}{n}`, is broken as SymPy writes it when asked to break long
    fractions off (``long_frac_ratio``): :math:`-\\frac{1}{n} \\sum \\dots`.
    """
    factors = list(expr.args)
    units = [_unit(f, printer) for f in factors]
    split = [k for k, f in enumerate(factors) if units[k].parts or _applied(f)]
    if split:
        inner = units[split[-1]]
        if printer._needs_mul_brackets(factors[split[-1]], first=False, last=True):
            inner = _bracketed(inner, r"\left(", r"\right)", "(", ")")
        head = tex[: -len(inner.tex)].rstrip() if tex.endswith(" " + inner.tex) else ""
        if head and not re.fullmatch(r"-?\s*[\d.]*", head):
            return [_Unit(head), _Unit(inner.tex, inner.parts, lead=r"\times ")]
    parts = _wrapper_parts(expr, tex, printer)
    if parts:
        return parts
    if not getattr(printer, "fractions", False):
        return []
    broken_off = BookLatexPrinter({"long_frac_ratio": 0})._print(expr)
    return _wrapper_parts(expr, broken_off, printer) if broken_off != tex else []


def _applied(expr: sp.Basic) -> bool:
    """A function's value, such as :math:`\\exp(x)` or :math:`\\operatorname{sign}(x)`."""
    return isinstance(expr, (sp.Function, sp.Sum, sp.Product)) and not expr.is_Atom


def _joins_to(parts: list[_Unit], tex: str) -> bool:
    return " ".join(p.tex for p in parts).replace("  ", " ") == tex.replace("  ", " ")


def _statement(expr: sp.Basic, printer: LatexPrinter) -> _Unit:
    """A statement: for a relation, the left-hand side with the relation, then the right."""
    tex = printer._print(expr)
    sides = getattr(expr, "lhs", None), getattr(expr, "rhs", None)
    if sides[0] is None or sides[1] is None:
        return _Unit(tex, _parts(expr, tex, printer))
    left, right = (printer._print(side) for side in sides)
    if not (tex.startswith(left) and tex.endswith(right)):
        return _Unit(tex)
    relation = tex[len(left) : len(tex) - len(right)]
    rhs = _unit(sides[1], printer)
    head = _Unit(left + relation.rstrip())
    return _Unit(tex, [head, *(rhs.parts or [rhs])])


def lines(
    expr: sp.Basic, width: Callable[[str], float], budget: float, *, fractions: bool = True
) -> list[str]:
    """The statement's LaTeX as lines no wider than ``budget`` where it can be broken.

    Parameters
    ----------
    expr : sympy.Basic
        The statement (``Eq``, :class:`~mathreg.notation.Propto`, or an expression).
    width : callable
        The width of a line of display math given as LaTeX (any unit, the budget's).
    budget : float
        The widest a line may be. A line is wider only when a piece that cannot be broken is
        (a long factor that is not a sum), or by the brackets that close it.
    fractions : bool
        Whether a fraction whose numerator must be broken may be written as SymPy writes it
        with ``long_frac_ratio=0``: :math:`-\\frac{1}{n} \\sum \\dots` for
        :math:`-\\frac{\\sum \\dots}{n}`. Without it, such a fraction stays whole, and the
        pieces are exactly SymPy's LaTeX of the statement.

    Returns
    -------
    list of str
        One string per line; continuation lines start with :data:`INDENT`.
    """
    units = [_statement(expr, _Printer(fractions=fractions))]
    parent: dict[int, _Unit] = {}
    while True:
        packed = _pack(units, width, budget)
        for k, line in enumerate(packed):
            if width(_line_tex(line, first=k == 0)) <= budget:
                continue
            expandable = [unit for unit in line if unit.parts]
            if expandable:
                wide = max(expandable, key=lambda unit: width(unit.tex))
                at = units.index(wide)
                for part in wide.parts:
                    parent[id(part)] = wide
                units[at : at + 1] = wide.parts
                break
        else:
            packed = _collapse(packed, parent, width, budget)
            return [_line_tex(line, first=k == 0) for k, line in enumerate(packed)]


def _collapse(
    packed: list[list[_Unit]],
    parent: dict[int, _Unit],
    width: Callable[[str], float],
    budget: float,
) -> list[list[_Unit]]:
    """Undo the breaks that ended on one line: a unit whose parts all share a line is written
    whole again (with its ``\\left``/``\\right`` brackets), if the line still fits."""
    changed = True
    while changed:
        changed = False
        for number, line in enumerate(packed):
            for k, unit in enumerate(line):
                whole = parent.get(id(unit))
                n = len(whole.parts) if whole else 0
                if not (whole and whole.parts[0] is unit and line[k : k + n] == whole.parts):
                    continue
                joined = [*line[:k], whole, *line[k + n :]]
                before = width(_line_tex(line, first=number == 0))
                if width(_line_tex(joined, first=number == 0)) <= max(budget, before):
                    line[:] = joined
                    changed = True
                    break
    return packed


def _pack(units: list[_Unit], width: Callable[[str], float], budget: float) -> list[list[_Unit]]:
    """Fill lines greedily with blocks: a unit and the glued units after it (its closing
    brackets) always share a line."""
    blocks: list[list[_Unit]] = []
    for unit in units:
        if unit.glue and blocks:
            blocks[-1].append(unit)
        else:
            blocks.append([unit])
    packed: list[list[_Unit]] = []
    for block in blocks:
        if packed and width(_line_tex([*packed[-1], *block], first=len(packed) == 1)) <= budget:
            packed[-1].extend(block)
        else:
            packed.append(list(block))
    return packed


def _line_tex(line: list[_Unit], *, first: bool) -> str:
    tex = " ".join(unit.tex for unit in line)
    if first:
        return tex
    return f"{INDENT}{line[0].lead}{tex}"


def break_lines(
    expr: sp.Basic, width: Callable[[str], float], budget: float, *, fractions: bool = True
) -> str:
    """The statement as one line of LaTeX, or as an ``aligned`` block of lines that fit.

    See :func:`lines` for the arguments.
    """
    out = lines(expr, width, budget, fractions=fractions)
    if len(out) == 1:
        return out[0]
    body = " \\\\\n".join(f"&{line}" for line in out)
    return f"\\begin{{aligned}}\n{body}\n\\end{{aligned}}"
