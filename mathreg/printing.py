r"""How the book typesets an expression: SymPy's LaTeX, with two things written as a reader
writes them.

- A sum's or product's bounds put the number last: :math:`\sum_{j=0}^{d-1}`, where SymPy,
  asked to keep the order of a statement's terms (``order="none"``), writes ``-1 + d``.
- A matrix predicate reads as a relation: :math:`A \succ 0` for ``Q.positive_definite(A)``,
  where SymPy writes :math:`Q_{positive\_definite}(A)`.
- A name ending in ``_star`` is starred: ``w_star`` is :math:`w^*`, not :math:`w_{star}`.

Only the display changes; the expression a rule checks is never rewritten.

Examples
--------
>>> import sympy as sp
>>> j, d = sp.symbols("j d", integer=True)
>>> latex(sp.Sum(sp.Indexed("x", j), (j, 0, d - 1)))
'\\sum_{j=0}^{d - 1} {x}_{j}'
>>> A = sp.MatrixSymbol("A", 2, 2)
>>> latex(sp.Q.positive_definite(A))
'A \\succ 0'
>>> latex(sp.Symbol("w_star") + sp.Symbol("theta_star"))
'\\theta^{*} + w^{*}'
"""

from __future__ import annotations

import sympy as sp
from sympy.printing.latex import LatexPrinter

__all__ = ["BookLatexPrinter", "for_display", "latex"]

#: predicates on one matrix written as a relation to 0
_RELATIONS = {"positive_definite": r"\succ 0", "positive_semidefinite": r"\succeq 0"}


def _number_last(bound: sp.Basic) -> sp.Basic:
    if not isinstance(bound, sp.Add):
        return bound
    numbers = [a for a in bound.args if a.is_Number]
    others = [a for a in bound.args if not a.is_Number]
    if not numbers or not others:
        return bound
    return sp.Add(*others, *numbers, evaluate=False)


def for_display(expr: sp.Basic) -> sp.Basic:
    """``expr`` with every sum's and product's bounds written number last (display only)."""

    def tidy(node: sp.Basic) -> sp.Basic:
        limits = [(i, _number_last(lo), _number_last(hi)) for i, lo, hi in node.limits]
        return node.func(node.function, *limits)

    return expr.replace(lambda node: isinstance(node, (sp.Sum, sp.Product)), tidy)


class BookLatexPrinter(LatexPrinter):
    """SymPy's LaTeX printer with the terms in the order they are stored (``order="none"``)
    and matrix predicates written as relations."""

    def __init__(self, settings: dict | None = None):
        super().__init__({"order": "none", **(settings or {})})

    def _print_Symbol(self, expr: sp.Symbol, style: str = "plain") -> str:
        base = expr.name.removesuffix("_star")
        if base != expr.name and base.isidentifier():
            return f"{super()._print_Symbol(sp.Symbol(base), style)}^{{*}}"
        return super()._print_Symbol(expr, style)

    def _print_AppliedPredicate(self, expr) -> str:
        relation = _RELATIONS.get(expr.function.name)
        if relation is not None and len(expr.arguments) == 1:
            return f"{self._print(expr.arguments[0])} {relation}"
        return super()._print_AppliedPredicate(expr)


def latex(expr: sp.Basic) -> str:
    """``expr`` in LaTeX as the book typesets it."""
    return BookLatexPrinter().doprint(for_display(expr))
