r"""Deciding statements about piecewise expressions of one real variable, interval by interval.

An expression built from ``Abs``, ``sign``, ``Max``, ``Min`` and ``Piecewise`` is smooth
between its *breakpoints*: the values of the variable where an argument of ``Abs``/``sign``
changes sign, where the two sides of a ``Max``/``Min`` meet, where a ``Piecewise`` condition
flips. When every breakpoint is linear in the variable and the breakpoints can be put in a
provable order, the real line splits into finitely many open intervals and the breakpoints
themselves. On an open interval the variable is written with a new positive symbol
:math:`t`,

.. math::
    x = b_1 - t,\qquad x = b_i + (b_{i+1} - b_i)\,\frac{t}{1 + t},\qquad x = b_k + t,

which covers the interval exactly as :math:`t` ranges over :math:`(0, \infty)`; SymPy then
settles every ``Abs``, ``Max`` and condition from signs alone. A statement that holds on every
interval and at every breakpoint holds for every real value of the variable. Anything that
cannot be settled this way is reported, never guessed.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import sympy as sp

from mathreg.context import Context
from mathreg.domain import is_nonnegative, is_positive, is_real, mask, unmask

__all__ = ["Region", "breakpoints", "everywhere", "regions", "settle", "sign_of"]

_KINKED = (sp.Abs, sp.sign, sp.Heaviside)


def sign_of(expr: sp.Expr, context: Context | None) -> int | None:
    """1, -1 or 0 when the sign of ``expr`` is provable, else ``None``."""
    expr = sp.cancel(sp.together(sp.expand(expr)))
    if expr == 0:
        return 0
    if is_positive(expr, context):
        return 1
    if is_positive(-expr, context):
        return -1
    return None


def _zeros(expr: sp.Expr, variable: sp.Symbol, context: Context | None = None) -> list[sp.Expr]:
    """The values of ``variable`` where ``expr`` is zero: one root when ``expr`` is linear in
    it; for a piecewise-linear ``expr`` (one with ``Abs``, ``Max``, ...), the roots of each
    linear piece that provably lie inside that piece's interval."""
    expr = sp.expand(expr)
    if not expr.has(variable):
        return []
    if expr.has(*_KINKED, sp.Max, sp.Min, sp.Piecewise):
        inner = breakpoints(expr, variable, context)
        roots = []
        ordered = _ordered(inner, context)
        bounds = [None, *ordered, None]
        for low, high in itertools.pairwise(bounds):
            probe = _inside(low, high)
            local = settle(expr.xreplace({variable: probe}), context)
            if local.has(*_KINKED, sp.Max, sp.Min, sp.Piecewise):
                raise ValueError(f"cannot find where {sp.sstr(expr)} is zero")
            piece = settle_on(expr, variable, low, high, context)
            for root in _zeros(piece, variable, context):
                above = low is None or sign_of(root - low, context) == 1
                below = high is None or sign_of(high - root, context) == 1
                outside = (low is not None and sign_of(root - low, context) in (-1, 0)) or (
                    high is not None and sign_of(high - root, context) in (-1, 0)
                )
                if above and below:
                    roots.append(root)
                elif not outside:
                    raise ValueError(f"cannot tell whether {sp.sstr(root)} is a breakpoint")
        roots += [p for p in ordered if sign_of(expr.xreplace({variable: p}), context) == 0]
        return roots
    slope = sp.diff(expr, variable)
    if slope.has(variable):
        raise ValueError(f"{sp.sstr(expr)} is not linear in {variable}")
    if sign_of(slope, None) is None or slope == 0:
        raise ValueError(f"the slope {sp.sstr(slope)} of {sp.sstr(expr)} may be 0")
    return [sp.expand(-expr.subs(variable, 0) / slope)]


def _inside(low: sp.Expr | None, high: sp.Expr | None) -> sp.Expr:
    t = sp.Dummy("t", positive=True)
    if low is None and high is None:
        return t - 1 / t
    if low is None:
        return high - t
    if high is None:
        return low + t
    return low + (high - low) * t / (1 + t)


def settle_on(
    expr: sp.Basic,
    variable: sp.Symbol,
    low: sp.Expr | None,
    high: sp.Expr | None,
    context: Context | None,
) -> sp.Basic:
    """``expr`` on the open interval (low, high) of ``variable``, with its kinks settled, as
    an expression in ``variable`` again."""
    probe = _inside(low, high)
    (t,) = probe.atoms(sp.Dummy)
    settled = settle(expr.xreplace({variable: probe}), context)
    inverse = sp.solve(sp.Eq(probe, variable), t)
    if len(inverse) != 1:
        raise ValueError("cannot map the interval back to the variable")
    return sp.cancel(settled.xreplace({t: inverse[0]}))


def breakpoints(
    expr: sp.Basic, variable: sp.Symbol, context: Context | None = None
) -> list[sp.Expr]:
    """The points where ``expr`` may change its formula (unordered, without repeats).

    Raises
    ------
    ValueError
        If a breakpoint is not a linear function of the variable's argument.
    """
    points: list[sp.Expr] = []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, _KINKED):
            points += _zeros(node.args[0], variable, context)
        elif isinstance(node, (sp.Max, sp.Min)):
            args = node.args
            for a in range(len(args)):
                for b in range(a + 1, len(args)):
                    points += _zeros(args[a] - args[b], variable, context)
        elif isinstance(node, sp.Piecewise):
            for _, condition in node.args:
                for relation in condition.atoms(sp.Rel):
                    points += _zeros(relation.lhs - relation.rhs, variable, context)
    unique: list[sp.Expr] = []
    for p in points:
        if not any(sp.expand(p - q) == 0 for q in unique):
            unique.append(p)
    return unique


def _ordered(points: list[sp.Expr], context: Context | None) -> list[sp.Expr]:
    """The breakpoints in increasing order, each comparison proved."""

    def before(a: sp.Expr, b: sp.Expr) -> bool:
        return sign_of(b - a, context) == 1

    ordered: list[sp.Expr] = []
    for p in points:
        place = 0
        while place < len(ordered) and before(ordered[place], p):
            place += 1
        ordered.insert(place, p)
    for a, b in itertools.pairwise(ordered):
        if not before(a, b):
            raise ValueError(
                f"cannot prove the order of the breakpoints {sp.sstr(a)} and {sp.sstr(b)}"
            )
    return ordered


class Region:
    """One piece of the real line: an open interval, written with a positive ``t``, or a
    breakpoint."""

    def __init__(self, label: str, value: sp.Expr):
        self.label = label
        self.value = value

    def __repr__(self) -> str:  # pragma: no cover - for debugging
        return f"Region({self.label})"


def regions(points: list[sp.Expr], variable: sp.Symbol, context: Context | None) -> list[Region]:
    """The open intervals between the ordered breakpoints, and the breakpoints."""
    t = sp.Dummy("t", positive=True)
    for p in points:
        if not is_real(p, context):
            raise ValueError(f"the breakpoint {sp.sstr(p)} is not provably real")
    ordered = _ordered(points, context)
    if not ordered:
        return [Region(f"every real {variable}", t - 1 / t)]  # t - 1/t covers the real line
    out = [Region(f"{variable} < {sp.sstr(ordered[0])}", ordered[0] - t)]
    for a, b in itertools.pairwise(ordered):
        out.append(Region(f"{sp.sstr(a)} < {variable} < {sp.sstr(b)}", a + (b - a) * t / (1 + t)))
    out.append(Region(f"{variable} > {sp.sstr(ordered[-1])}", ordered[-1] + t))
    out += [Region(f"{variable} = {sp.sstr(p)}", p) for p in ordered]
    return out


def settle(expr: sp.Basic, context: Context | None) -> sp.Basic:
    """``expr`` with its ``Abs``, ``sign``, ``Max``, ``Min`` and ``Piecewise`` evaluated from
    the signs SymPy can prove (with the declared facts); what cannot be settled stays."""
    masked = mask(expr, context)
    settled = masked.replace(
        lambda e: isinstance(e, (*_KINKED, sp.Max, sp.Min, sp.Piecewise)),
        lambda e: _settle_node(e, context),
    )
    return unmask(settled)


def _settle_node(node: sp.Basic, context: Context | None) -> sp.Basic:
    if isinstance(node, (sp.Abs, sp.sign, sp.Heaviside)):
        sign = sign_of(node.args[0], context)
        if sign is None:
            return node
        if isinstance(node, sp.Abs):
            return sign * node.args[0]
        if isinstance(node, sp.sign):
            return sp.Integer(sign)
        return node.func(sp.Integer(sign), *node.args[1:])  # Heaviside keeps its value at 0
    if isinstance(node, (sp.Max, sp.Min)):
        a, *rest = node.args
        for b in rest:
            sign = sign_of(a - b, context)
            if sign is None:
                return node
            a = a if (sign >= 0) == isinstance(node, sp.Max) else b
        return a
    if isinstance(node, sp.Piecewise):
        for value, condition in node.args:
            verdict = _decide(condition, context)
            if verdict is None:
                return node
            if verdict:
                return value
        return sp.nan
    return node


def _decide(condition: sp.Basic, context: Context | None) -> bool | None:
    """True, False, or None when the sign reasoning cannot decide ``condition``."""
    if condition in (sp.true, True):
        return True
    if condition in (sp.false, False):
        return False
    if isinstance(condition, (sp.GreaterThan, sp.LessThan)):
        gap = condition.lhs - condition.rhs
        if isinstance(condition, sp.LessThan):
            gap = -gap  # a <= b is b - a >= 0
        sign = sign_of(gap, context)
        if sign in (0, 1) or is_nonnegative(sp.cancel(sp.together(sp.expand(gap))), context):
            return True
        if sign == -1:
            return False
        return None
    if isinstance(condition, sp.Rel):
        sign = sign_of(condition.lhs - condition.rhs, context)
        if sign is None:
            return None
        positive, negative, zero = sign == 1, sign == -1, sign == 0
        if isinstance(condition, sp.StrictGreaterThan):
            return True if positive else False if (negative or zero) else None
        if isinstance(condition, sp.GreaterThan):
            return True if (positive or zero) else False if negative else None
        if isinstance(condition, sp.StrictLessThan):
            return True if negative else False if (positive or zero) else None
        if isinstance(condition, sp.LessThan):
            return True if (negative or zero) else False if positive else None
        if isinstance(condition, sp.Eq):
            return True if zero else False if (positive or negative) else None
        if isinstance(condition, sp.Ne):
            return False if zero else True if (positive or negative) else None
    if isinstance(condition, (sp.And, sp.Or)):
        parts = [_decide(arg, context) for arg in condition.args]
        if isinstance(condition, sp.And):
            return False if False in parts else None if None in parts else True
        return True if True in parts else None if None in parts else False
    if isinstance(condition, sp.Not):
        inner = _decide(condition.args[0], context)
        return None if inner is None else not inner
    return None


def everywhere(
    expr: sp.Basic,
    variable: sp.Symbol,
    holds: Callable[[sp.Basic], bool],
    context: Context | None,
    where: sp.Basic = sp.true,
) -> str | None:
    """Check ``holds`` on ``expr`` for every value of ``variable`` where the condition
    ``where`` is true; ``None``, or the region where it fails.

    ``expr`` is settled in each region before ``holds`` sees it.
    """
    try:
        points = breakpoints(sp.Tuple(expr, sp.Piecewise((0, where), (1, True))), variable, context)
        pieces = regions(points, variable, context)
    except ValueError as error:
        return str(error)
    for region in pieces:
        inside = _decide(settle(where.xreplace({variable: region.value}), context), context)
        if inside is None:
            return f"for {region.label} the sign reasoning cannot decide {sp.sstr(where)}"
        if not inside:
            continue
        local = settle(expr.xreplace({variable: region.value}), context)
        if local.has(*_KINKED, sp.Max, sp.Min, sp.Piecewise):
            return f"for {region.label} the sign reasoning cannot settle {sp.sstr(local)}"
        if not holds(local):
            return f"it fails for {region.label}"
    return None
