r"""Rules about random quantities: evaluating an expectation or a probability, and linearity.

``sympy.stats`` computes expectations and probabilities symbolically, and SymPy 1.14 gets some
wrong (``P(U < c)`` comes back 0 for a uniform ``U`` and a symbolic ``c``). :class:`Evaluate`
therefore never takes its answer on trust: it confirms the value exactly, by integration or
enumeration, at several admissible values of the symbols, and the ledger says so.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp
from sympy import stats
from sympy.stats.crv import SingleContinuousPSpace
from sympy.stats.frv import SingleFinitePSpace
from sympy.stats.rv import RandomSymbol, pspace, random_symbols

from mathreg.algebra import canonical
from mathreg.context import Context, head, names
from mathreg.domain import facts_used, undefined
from mathreg.expectation import Moment, collect_facts, normal_form
from mathreg.intervals import breakpoints
from mathreg.ledger import Assumption, Entry, Oracle, Random
from mathreg.notation import Expect, Var
from mathreg.rules.base import (
    Rule,
    RuleViolation,
    declared_assumptions,
    form_of,
    require,
    satisfies,
)

__all__ = ["Evaluate", "Linearity"]

#: Values tried for each symbol when a value is confirmed at admissible points, in the
#: order tried: signs and sizes alternate, so that three admissible ones are spread out
#: (a value right for c < -1 only is caught at c = -1/2).
CANDIDATES = tuple(
    sp.Rational(v)
    for v in (
        "1/2",
        "-1/2",
        "2",
        "-3/2",
        "1/4",
        "-1/4",
        "3/4",
        "-3/4",
        "1",
        "-1",
        "5/2",
        "-2",
        "1/3",
        "-1/3",
        "7",
        "-7",
    )
)
POINTS = 3


def _cdf_value(quantity: stats.Probability) -> sp.Expr | None:
    """P(U < c) or P(U > c) from the CDF, for one *continuous* U and a non-random c."""
    condition = quantity.args[0]
    if not isinstance(
        condition, (sp.StrictLessThan, sp.LessThan, sp.StrictGreaterThan, sp.GreaterThan)
    ):
        return None
    variable, bound = condition.lhs, condition.rhs
    if not isinstance(variable, RandomSymbol) or random_symbols(bound):
        return None
    if not isinstance(pspace(variable), SingleContinuousPSpace):
        return None  # for a discrete variable P(X < c) and P(X <= c) differ
    below = stats.cdf(variable)(bound)
    return below if isinstance(condition, (sp.StrictLessThan, sp.LessThan)) else 1 - below


def _stats(quantity: sp.Basic) -> sp.Basic:
    """The ``sympy.stats`` object for a written expectation or probability."""
    if isinstance(quantity, Expect):
        return stats.Expectation(quantity.args[0])
    return quantity


def _symbolic(quantity: sp.Basic) -> sp.Expr:
    """The value ``sympy.stats`` gives (with the CDF for a continuous variable's tail)."""
    quantity = _stats(quantity)
    if isinstance(quantity, stats.Probability):
        value = _cdf_value(quantity)
        if value is not None:
            return value
    return quantity.doit()


def _integrand(quantity: sp.Basic) -> sp.Expr:
    """The expression whose expectation ``quantity`` is (an indicator for a probability)."""
    if isinstance(quantity, stats.Probability):
        return sp.Piecewise((1, quantity.args[0]), (0, True))
    return quantity.args[0]  # Expect or stats.Expectation


def _exact(expr: sp.Expr) -> tuple[sp.Expr, str]:
    """E[expr] for independent random symbols with numeric parameters, computed without
    ``sympy.stats``: a finite variable by enumerating its values, a continuous one by
    integrating its density over its support."""
    how = set()
    for variable in sorted(random_symbols(expr), key=str):
        space = pspace(variable)
        if isinstance(space, SingleFinitePSpace):
            table = stats.density(variable).dict
            expr = sum((p * expr.xreplace({variable: v}) for v, p in table.items()), sp.S.Zero)
            how.add("enumeration")
        elif isinstance(space, SingleContinuousPSpace):
            x = sp.Dummy("x", real=True)
            distribution = space.distribution
            support = distribution.set
            density = distribution.pdf(x)
            expr = sp.integrate(
                density * expr.xreplace({variable: x}), (x, support.inf, support.sup)
            )
            how.add("integration")
        else:
            raise RuleViolation(f"cannot confirm a value for {variable}: unsupported distribution")
    return sp.nsimplify(sp.simplify(expr)), " and ".join(sorted(how))


def _holds(fact: sp.Basic) -> bool:
    value = fact if isinstance(fact, sp.logic.boolalg.Boolean) else sp.sympify(fact)
    return value is sp.true


def _around(expressions: Sequence[sp.Basic], symbol: sp.Symbol) -> list[sp.Rational]:
    """Numbers on both sides of, and at, every numeric breakpoint of ``expressions`` in
    ``symbol`` (where a Piecewise, Min, Max or Abs changes formula), and between them."""
    points: set = set()
    for expr in expressions:
        try:
            found = breakpoints(expr, symbol)
        except ValueError:
            continue
        points |= {p for p in found if p.is_Rational}
    ordered = sorted(points)
    out = set(ordered)
    for p in ordered:
        out |= {p - sp.Rational(1, 7), p + sp.Rational(1, 7)}
    for a, b in itertools.pairwise(ordered):
        out.add((a + b) / 2)
    return sorted(out)


def admissible_points(
    symbols: list[sp.Symbol],
    context: Context,
    count: int = POINTS,
    expressions: Sequence[sp.Basic] = (),
) -> list[dict]:
    """Assignments of small exact numbers to ``symbols`` that satisfy every assumption the
    symbols carry and every declared fact about them: at least ``count``, and, for a single
    symbol, one on each side of every breakpoint of ``expressions`` (so that a value that is
    right on one interval and wrong on another cannot slip through)."""
    if len(symbols) == 1:
        extra = _around(expressions, symbols[0])
        count = max(count, len(extra) + POINTS)
    else:
        extra = []
    choices = []
    for s in symbols:
        pool = [*extra, *CANDIDATES] if len(symbols) == 1 else list(CANDIDATES)
        ok = (
            [v for v in dict.fromkeys(pool) if not satisfies(v, s, context)]
            if declared_assumptions(s)
            else list(dict.fromkeys(pool))
        )
        if not ok:
            return []
        choices.append(ok)
    points = []
    facts = [a.fact for a in choosing_facts(symbols, context)]
    for k in itertools.count():
        if k > 60 + 2 * count or len(points) == count:
            break
        point = {
            s: values[(k + j) % len(values)]
            for j, (s, values) in enumerate(zip(symbols, choices, strict=True))
        }
        if all(_holds(f.xreplace(point)) for f in facts):
            if point not in points:
                points.append(point)
    return points


def choosing_facts(symbols: Sequence[sp.Symbol], context: Context) -> list[Assumption]:
    """The declared relations about ``symbols`` that admissible points must satisfy (they
    choose the points, so a step confirmed at them rests on them)."""
    return [
        a
        for a in context.assumptions()
        if isinstance(a.fact, sp.Rel) and a.fact.free_symbols & set(symbols)
    ]


def _settle(expr: sp.Expr, context: Context) -> tuple[sp.Expr, list[Assumption]]:
    """``expr`` with each symbol bounded by a declared fact ``s <= c`` (``s >= c``) written as
    ``c - t`` (``c + t``) for a nonnegative ``t``, so that ``Min``/``Piecewise`` settle."""
    used = []
    for assumption in context.assumptions():
        fact = assumption.fact
        if not isinstance(fact, sp.Rel) or not isinstance(fact.lhs, sp.Symbol):
            continue
        if fact.lhs not in expr.free_symbols or fact.rhs.free_symbols:
            continue
        t = sp.Dummy("t", nonnegative=True)
        if isinstance(fact, (sp.LessThan, sp.StrictLessThan)):
            expr = expr.xreplace({fact.lhs: fact.rhs - t})
        elif isinstance(fact, (sp.GreaterThan, sp.StrictGreaterThan)):
            expr = expr.xreplace({fact.lhs: fact.rhs + t})
        else:
            continue
        used.append(assumption)
    return expr, used


@dataclass(frozen=True)
class Evaluate(Rule):
    r"""The expectation or probability of the random quantity the previous step defines.

    The previous step defines a quantity from random variables, :math:`D = f(U)`; this step
    is :math:`\mathbb E[g(D)] = v` or :math:`P(\dots) = v`. The check puts :math:`f(U)` in
    place of :math:`D`, asks ``sympy.stats`` for the value (the CDF for a tail probability of
    a continuous variable, where SymPy's direct answer is wrong), settles it under the
    declared bounds (``keep_prob <= 1``), and then confirms it exactly at three admissible
    values of the symbols by enumerating or integrating the distributions itself, and once
    more with the symbols kept, settled under the same bounds (points alone cannot confirm a
    value for every admissible value).
    """

    name = "evaluate"

    def _check(self, previous, current, context):
        require(
            isinstance(previous, sp.Eq) and bool(random_symbols(previous.rhs)),
            "the previous step must define a quantity from random variables",
        )
        require(
            isinstance(current, sp.Eq)
            and isinstance(current.lhs, (stats.Probability, stats.Expectation, Expect)),
            f"the step must be Eq(P(...) or E[...], value), got {form_of(current)}",
        )
        require(
            current.lhs.has(previous.lhs),
            f"the step does not use {sp.sstr(previous.lhs)}, which the previous step defines",
        )
        quantity = current.lhs.xreplace({previous.lhs: previous.rhs})
        quantity = _with_definitions(quantity, context)
        claimed = current.rhs
        require(
            not random_symbols(claimed) and not context.is_random(claimed),
            "the value must not be random",
        )
        value = _symbolic(quantity)
        settled, used = _settle(value - claimed, context)
        if canonical(settled) != 0:
            raise RuleViolation(f"sympy.stats gives {sp.sstr(value)}, not {sp.sstr(claimed)}")
        free = sorted(
            (quantity.free_symbols | claimed.free_symbols) - set(random_symbols(quantity)),
            key=str,
        )
        free = [s for s in free if isinstance(s, sp.Symbol)]
        points = admissible_points(free, context, POINTS, (value, claimed)) if free else [{}]
        require(
            len(points) >= (POINTS if free else 1),
            f"fewer than {POINTS} admissible values to confirm the result at",
        )
        methods = set()
        for point in points:
            exact, how = _exact(_integrand(quantity).xreplace(point))
            methods.add(how)
            target = claimed.xreplace(point)
            require(
                sp.simplify(exact - target) == 0,
                f"at {_show(point)} the expectation is {exact}, not {target}",
            )
        where = "; ".join(_show(p) for p in points) if free else "its numeric parameters"
        if free:
            # finitely many points cannot confirm a value for every admissible value of the
            # symbols (P(2U < c) = 0 holds at every candidate below 1/10, not on (0, 1/10)):
            # the same exact computation is also done with the symbols kept, and must settle
            # to the claimed value under the declared bounds
            general, _ = _exact(_integrand(quantity))
            remainder, settled_by = _settle(general - claimed, context)
            require(
                not remainder.has(sp.Integral) and canonical(remainder) == 0,
                f"the exact value {sp.sstr(general)} is not {sp.sstr(claimed)} for every "
                "admissible value of the symbols",
            )
            used = [*used, *settled_by]
            where += ", and for every admissible value"
        oracle = Oracle(
            "sympy.stats",
            current,
            f"confirmed by exact {' and '.join(sorted(methods))} at {where}",
        )
        support: list[Entry] = [oracle, *used, *choosing_facts(free, context)]
        for s in free:
            support.extend(facts_used(s, context))
        return tuple(dict.fromkeys(support))

    def describe(self, fmt="text"):
        return "evaluate with sympy.stats, confirmed exactly at admissible points"


def _with_definitions(quantity: sp.Basic, context: Context) -> sp.Basic:
    """``quantity`` with every random name replaced by what defines it, so that sympy.stats
    sees every random variable; a random name without a definition is refused."""
    values = {d.name: d.value for d in context.definitions() if d.value is not None}
    for statement in context.earlier:
        if isinstance(statement, sp.Eq) and random_symbols(statement.rhs):
            values.setdefault(statement.lhs, statement.rhs)
    for _ in range(len(values) + 1):
        pending = [n for n in quantity.free_symbols if n in context.random_names()]
        if not pending:
            return quantity
        known = {n: values[n] for n in pending if n in values}
        if not known:
            break
        quantity = quantity.xreplace(known)
    raise RuleViolation(
        f"{', '.join(map(str, pending))} is random, but no step or definition says how it is "
        "distributed"
    )


def _show(point: dict) -> str:
    return ", ".join(f"{s} = {v}" for s, v in point.items())


@dataclass(frozen=True)
class Linearity(Rule):
    r"""Linearity of expectation and independence, with the moments known so far.

    Two uses. When the step keeps the previous left-hand side, :math:`L = X` becomes
    :math:`L = Y` and the check proves :math:`X` and :math:`Y` equal. Otherwise the previous
    step is a known moment (:math:`\mathbb E[R] = v`) and the step is a new expectation
    :math:`\mathbb E[\dots] = w`, which the check proves from it. Either way both sides are
    brought to the normal form of :mod:`mathreg.expectation`: linearity, :math:`\mathbb E[c] =
    c` for what is not declared random, :math:`\mathbb E[XY] = \mathbb E[X]\,\mathbb E[Y]` only
    along declared independence, :math:`\operatorname{Var}[X] = \mathbb E[X^2] - \mathbb
    E[X]^2`, and the declared moments. The ledger lists the independence and moments used and
    the names treated as random and as constant.
    """

    name = "linearity of expectation"

    def _check(self, previous, current, context):
        try:
            return self._decide(previous, current, context)
        except ValueError as error:  # not a polynomial in the random quantities
            raise RuleViolation(str(error)) from error

    def _decide(self, previous, current, context):
        require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        require(isinstance(current, sp.Eq), f"the step must be an equation, got {form_of(current)}")
        declared = [
            (a.fact, a)
            for a in context.assumptions()
            if isinstance(a.fact, sp.Eq) and isinstance(a.fact.lhs, (Expect, Var))
        ]
        if current.lhs == previous.lhs:
            facts = collect_facts(declared, context)
            before, used = normal_form(previous.rhs, context, facts)
            after, used_after = normal_form(current.rhs, context, facts)
            used |= used_after
            require(
                _has_expectation(previous.rhs) or _has_expectation(current.rhs),
                "no expectation in the step: use the rule equal",
            )
        else:
            require(
                isinstance(previous.lhs, (Expect, Var)),
                "the previous step must be a moment E[R] = v, or keep the left-hand side",
            )
            require(
                _has_expectation(current.lhs),
                f"the step must state an expectation, got {sp.sstr(current.lhs)}",
            )
            facts = collect_facts(declared, context)
            before, used = normal_form(current.lhs, context, facts)
            after, used_after = normal_form(current.rhs, context, facts)
            known_lhs, used_prev = normal_form(previous.lhs, context, facts)
            used |= used_after | used_prev
            known = canonical(known_lhs - previous.rhs)
            goal = canonical(before - after)
            require(
                goal != 0 and known != 0,
                f"the step does not use {sp.sstr(previous.lhs)} from the previous step",
            )
            # the goal must be a constant multiple of the previous step's relation: then it
            # is zero because that relation is (a polynomial identity, no division by it)
            factor = sp.cancel(goal / known)
            require(
                not factor.atoms(Moment)
                and undefined(factor, context) is None
                and sp.expand(goal - factor * known) == 0,
                f"the step does not follow from {sp.sstr(previous)}: after linearity and "
                f"independence it says {sp.sstr(goal)} = 0",
            )
            before = after
        difference = canonical(before - after)
        if difference != 0:
            raise RuleViolation(
                f"the two sides differ by {sp.sstr(difference)} after linearity, independence "
                "and the known moments"
            )
        support: list[Entry] = [e for e in used if isinstance(e, Entry)]
        names_inside = set()
        applications = set()  # f(t) inside an expectation is a constant too, unless random
        for statement in (previous, current):
            for node in sp.preorder_traversal(statement):
                if isinstance(node, (Expect, Var)):
                    names_inside |= names(node.args[0])
                    applications |= {
                        a
                        for a in sp.preorder_traversal(node.args[0])
                        if isinstance(head(a), type)
                        and head(a) not in context.random_names()
                        and a not in context.random_names()
                    }
        random = sorted((n for n in names_inside if n in context.random_names()), key=str)
        summed = {
            limit[0]
            for statement in (previous, current)
            for node in sp.preorder_traversal(statement)
            if isinstance(node, (sp.Sum, sp.Product))
            for limit in node.limits
        }
        constant = sorted(
            (
                n
                for n in names_inside
                if isinstance(n, (sp.Symbol, sp.IndexedBase, sp.MatrixSymbol))
                and n not in context.random_names()
                and n not in summed
            ),
            key=str,
        )
        support.extend(e for e in context.entries if isinstance(e, Random) and e.name in random)
        constant += sorted(applications, key=sp.sstr)
        if constant:
            support.append(
                Assumption(
                    f"{', '.join(sp.sstr(n) for n in constant)} not random",
                    "no step declares them random, so expectations treat them as constants",
                )
            )
        return tuple(dict.fromkeys(support))

    def describe(self, fmt="text"):
        return "linearity of expectation and independence"


def _has_expectation(expr: sp.Basic) -> bool:
    return any(isinstance(node, (Expect, Var)) for node in sp.preorder_traversal(expr))
