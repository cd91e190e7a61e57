r"""Expectations of polynomials in random quantities: a normal form that decides equality.

Expectation is linear, :math:`\mathbb E[c] = c` for a constant, and
:math:`\mathbb E[XY] = \mathbb E[X]\,\mathbb E[Y]` when :math:`X` and :math:`Y` are independent.
:func:`normal_form` applies exactly these three facts, and the moments a derivation knows
(:math:`\mathbb E[\varepsilon] = 0`, :math:`\operatorname{Var}[\varepsilon] = \sigma^2`, or the
previous step's result), and nothing else:

1. :math:`\operatorname{Var}[X]` becomes :math:`\mathbb E[X^2] - \mathbb E[X]^2` (its definition);
2. the inside of every :math:`\mathbb E[\cdot]` is expanded into monomials in the random names,
   each with a coefficient free of them (a constant, by linearity);
3. a monomial splits into a product of expectations only along a declared independence;
4. what remains is an opaque *moment* :math:`\mathbb E[m]`, replaced by its value when a known
   fact gives one.

Two expressions with the same normal form are equal; nothing is assumed about a moment no fact
gives, so a false identity never reduces to the same form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sympy as sp

from mathreg.context import Context, head, names
from mathreg.ledger import Entry
from mathreg.notation import Expect, Var

__all__ = ["Moment", "MomentFacts", "collect_facts", "normal_form", "random_in"]


class Moment(sp.Symbol):
    """An expectation nothing more is known about, :math:`\\mathbb E[m]` for a monomial m."""

    def __new__(cls, monomial: sp.Expr):
        obj = super().__new__(cls, f"E[{sp.sstr(monomial)}]", real=True)
        obj.monomial = monomial
        return obj

    def __getnewargs__(self):
        return (self.monomial,)


def random_in(expr: sp.Basic, context: Context) -> list:
    """The random names (heads) in ``expr``: declared random or defined from random
    variables, and sympy.stats random symbols."""
    return sorted((n for n in names(expr) if n in context.random_names() or _is_rv(n)), key=str)


def _is_rv(name) -> bool:
    from sympy.stats.rv import RandomSymbol

    return isinstance(name, RandomSymbol)


def _atoms_of(expr: sp.Basic, randoms: Sequence) -> list[sp.Basic]:
    """The subexpressions of ``expr`` that stand for random names (symbols or indexed)."""
    out = []
    for node in sp.preorder_traversal(expr):
        if head(node) in randoms and isinstance(node, (sp.Symbol, sp.Indexed, sp.MatrixSymbol)):
            out.append(node)
        elif _is_rv(node):
            out.append(node)
    return sorted(set(out), key=sp.default_sort_key)


@dataclass
class MomentFacts:
    """Known values of moments, and the entries they come from (for the ledger)."""

    values: dict
    sources: dict

    @classmethod
    def none(cls) -> MomentFacts:
        return cls({}, {})


def _split(monomial: sp.Expr, context: Context, used: set) -> list[sp.Expr]:
    """Factor a monomial into parts that are independent, along declared independence."""
    factors = sp.Mul.make_args(monomial)
    heads = {f: {head(a) for a in _atoms_of(f, list(names(f)))} for f in factors}
    for statement in context.independence():
        first = {head(e) for e in statement.first}
        second = {head(e) for e in statement.second}
        left = [f for f in factors if heads[f] and heads[f] <= first]
        right = [f for f in factors if heads[f] and heads[f] <= second]
        if left and right and len(left) + len(right) == len(factors):
            used.add(statement)
            return _split(sp.Mul(*left), context, used) + _split(sp.Mul(*right), context, used)
    return [monomial]


def _expectation(inner: sp.Expr, context: Context, facts: MomentFacts, used: set) -> sp.Expr:
    randoms = random_in(inner, context)
    atoms = _atoms_of(inner, randoms)
    if not atoms:
        return inner  # E[c] = c
    polynomial = sp.Poly(sp.expand(inner), *atoms)
    total = sp.S.Zero
    for powers, coefficient in polynomial.terms():
        monomial = sp.Mul(*[a**p for a, p in zip(atoms, powers, strict=True)])
        if monomial == 1:
            total += coefficient
            continue
        value = sp.S.One
        for part in _split(monomial, context, used):
            key = sp.expand(part)
            if key in facts.values:
                used.add(facts.sources[key])
                value *= facts.values[key]
            else:
                value *= Moment(key)
        total += coefficient * value
    return total


def normal_form(
    expr: sp.Basic, context: Context, facts: MomentFacts | None = None
) -> tuple[sp.Expr, set]:
    """The normal form of ``expr`` and the entries (independence, facts) it used.

    Raises
    ------
    ValueError
        If the inside of an expectation is not a polynomial in its random quantities (then
        linearity alone does not decide it).
    """
    facts = facts or MomentFacts.none()
    used: set = set()
    expr = expr.replace(
        lambda e: isinstance(e, Var), lambda e: Expect(e.args[0] ** 2) - Expect(e.args[0]) ** 2
    )

    def evaluate(node: sp.Basic) -> sp.Basic:
        inner = _strip(node.args[0])
        try:
            return _expectation(inner, context, facts, used)
        except sp.PolynomialError as error:
            raise ValueError(
                f"E[{sp.sstr(inner)}] is not a polynomial in its random quantities"
            ) from error

    def _strip(inner: sp.Basic) -> sp.Basic:
        return inner.replace(lambda e: isinstance(e, Expect), evaluate)

    result = expr.replace(lambda e: isinstance(e, Expect), evaluate)
    return sp.expand(result), used


def collect_facts(statements: Iterable[tuple[sp.Eq, Entry]], context: Context) -> MomentFacts:
    """Moment values from equations ``E[...] = v`` or ``Var[...] = v`` (in order).

    Each equation's left-hand side is brought to normal form with the facts found so far; it
    must then be linear in one unknown moment, whose value it gives.
    """
    facts = MomentFacts.none()
    for equation, source in statements:
        lhs, _ = normal_form(equation.lhs, context, facts)
        unknowns = sorted(lhs.atoms(Moment), key=str)
        if len(unknowns) != 1:
            continue
        (moment,) = unknowns
        slope = sp.diff(lhs, moment)
        if slope.has(moment) or not slope.is_nonzero:
            continue
        rest = sp.expand(lhs - slope * moment)
        value = sp.expand((equation.rhs - rest) / slope)
        facts.values[moment.monomial] = value
        facts.sources[moment.monomial] = source
    return facts
