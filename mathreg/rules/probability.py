r"""Rules about random quantities: evaluating an expectation or a probability, and linearity.

``sympy.stats`` computes expectations and probabilities symbolically, and SymPy 1.14 gets some
wrong (``P(U < c)`` comes back 0 for a uniform ``U`` and a symbolic ``c``). :class:`Evaluate`
therefore never takes its answer on trust: it confirms the value exactly, by integration or
enumeration, at several admissible values of the symbols, and the ledger says so.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import sympy as sp
from sympy import stats
from sympy.stats.crv import SingleContinuousPSpace
from sympy.stats.frv import SingleFinitePSpace
from sympy.stats.rv import RandomSymbol, pspace, random_symbols

from mathreg.algebra import canonical
from mathreg.context import Context
from mathreg.domain import facts_used
from mathreg.ledger import Assumption, Entry, Oracle
from mathreg.notation import Expect
from mathreg.rules.base import (
    Rule,
    RuleViolation,
    declared_assumptions,
    form_of,
    require,
    same,
    satisfies,
)

__all__ = ["Evaluate", "Linearity"]

#: Values tried for each symbol when a value is confirmed at admissible points.
CANDIDATES = tuple(
    sp.Rational(v) for v in ("1/4", "1/2", "3/4", "1", "2", "5/2", "-1", "-3/2", "1/3", "7")
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


def admissible_points(
    symbols: list[sp.Symbol], context: Context, count: int = POINTS
) -> list[dict]:
    """Up to ``count`` assignments of small exact numbers to ``symbols`` that satisfy every
    assumption the symbols carry and every declared fact about them."""
    choices = []
    for s in symbols:
        ok = (
            [v for v in CANDIDATES if not satisfies(v, s, context)]
            if declared_assumptions(s)
            else list(CANDIDATES)
        )
        if not ok:
            return []
        choices.append(ok)
    points = []
    for k in itertools.count():
        if k > 60 or len(points) == count:
            break
        point = {
            s: values[(k + j) % len(values)]
            for j, (s, values) in enumerate(zip(symbols, choices, strict=True))
        }
        facts = [a.fact for a in context.assumptions() if isinstance(a.fact, sp.Rel)]
        if all(_holds(f.xreplace(point)) for f in facts if f.free_symbols & set(point)):
            if point not in points:
                points.append(point)
    return points


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
    values of the symbols by enumerating or integrating the distributions itself.
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
        claimed = current.rhs
        require(not random_symbols(claimed), "the value must not be random")
        value = _symbolic(quantity)
        settled, used = _settle(value - claimed, context)
        if canonical(settled) != 0:
            raise RuleViolation(f"sympy.stats gives {sp.sstr(value)}, not {sp.sstr(claimed)}")
        free = sorted(
            (quantity.free_symbols | claimed.free_symbols) - set(random_symbols(quantity)),
            key=str,
        )
        free = [s for s in free if isinstance(s, sp.Symbol)]
        points = admissible_points(free, context) if free else [{}]
        require(points, "no admissible values to confirm the result at")
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
        oracle = Oracle(
            "sympy.stats",
            current,
            f"confirmed by exact {' and '.join(sorted(methods))} at {where}",
        )
        support: list[Entry] = [oracle, *used]
        for s in free:
            support.extend(facts_used(s, context))
        return tuple(dict.fromkeys(support))

    def describe(self, fmt="text"):
        return "evaluate with sympy.stats, confirmed exactly at admissible points"


def _show(point: dict) -> str:
    return ", ".join(f"{s} = {v}" for s, v in point.items())


@dataclass(frozen=True)
class Linearity(Rule):
    r"""Linearity of expectation, with the expectation the previous step found.

    The previous step is :math:`\mathbb E[R] = v`; this step is
    :math:`\mathbb E\big[\sum_k c_k R_k\big] = w` where every :math:`c_k` is free of random
    quantities. The check writes the inside as such a sum, replaces
    :math:`\mathbb E[c\,R] = c\,v` and :math:`\mathbb E[c] = c`, and compares with :math:`w`.
    Any other random term is refused: its expectation is not known here.
    """

    name = "linearity"

    def _check(self, previous, current, context):
        require(
            isinstance(previous, sp.Eq) and isinstance(previous.lhs, Expect),
            "the previous step must be an expectation E[R] = v",
        )
        require(
            isinstance(current, sp.Eq) and isinstance(current.lhs, Expect),
            f"the step must be an expectation E[...] = w, got {form_of(current)}",
        )
        known, value = previous.lhs.args[0], previous.rhs
        inside = sp.expand(current.lhs.args[0])
        random = sorted(
            (n for n in inside.free_symbols | set(random_symbols(inside)) if context.is_random(n)),
            key=str,
        )
        require(random, "the expectation is of a constant")
        expected = sp.S.Zero
        used_previous = False
        for term in sp.Add.make_args(inside):
            ratio = sp.cancel(term / known)
            if not any(ratio.has(r) for r in random) and sp.expand(ratio * known - term) == 0:
                expected += ratio * value  # E[c R] = c E[R]
                used_previous = True
            elif not any(term.has(r) for r in random):
                expected += term  # E[c] = c
            else:
                raise RuleViolation(
                    f"the expectation of {sp.sstr(term)} is not known from the previous step"
                )
        require(used_previous, f"the step does not use E[{sp.sstr(known)}] from the previous step")
        same(expected, current.rhs, (), context)
        return ()

    def describe(self, fmt="text"):
        return "linearity of expectation"
