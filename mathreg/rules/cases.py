r"""Rules that reason case by case over one real variable: a piecewise identity, and the
minimiser of a strictly convex function of one variable (with a kink)."""

from __future__ import annotations

from dataclasses import dataclass

import sympy as sp

from mathreg.algebra import canonical
from mathreg.domain import facts_used, is_nonnegative, is_positive, is_real
from mathreg.intervals import everywhere, sign_of
from mathreg.ledger import math
from mathreg.notation import ArgMin
from mathreg.rules.base import (
    NON_SMOOTH,
    Rule,
    RuleViolation,
    bound_names,
    declared_assumptions,
    form_of,
    require,
    require_free_variable,
)

__all__ = ["ByCases", "ConvexMinimum", "FirstDerivativeTest", "Induction"]


def _zero(expr: sp.Basic) -> bool:
    return canonical(sp.together(sp.expand(expr))) == 0


@dataclass(frozen=True)
class ByCases(Rule):
    r"""The right-hand side rewritten, checked separately on every interval of ``variable``.

    The previous step is :math:`L = A` and this one :math:`L = B`, where :math:`A` and
    :math:`B` are built from ``Abs``, ``sign``, ``Max``, ``Min`` and ``Piecewise`` with
    breakpoints linear in the variable. The check orders the breakpoints (each comparison
    proved from the assumptions), and proves :math:`A = B` on every open interval between them
    and at every breakpoint (see :mod:`mathreg.intervals`), which covers every real value.

    Parameters
    ----------
    variable : sympy.Symbol
        The real variable to split on.
    """

    variable: sp.Symbol
    name = "by cases"

    def _check(self, previous, current, context):
        require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        require(isinstance(current, sp.Eq), f"the step must be an equation, got {form_of(current)}")
        require(
            previous.lhs == current.lhs, f"the left-hand side must stay {sp.sstr(previous.lhs)}"
        )
        require(bool(self.variable.is_real), f"{self.variable} must be declared real")
        gap = previous.rhs - current.rhs
        where = everywhere(gap, self.variable, _zero, context)
        require(where is None, f"the two sides differ: {where}")
        return facts_used(gap, context)

    def describe(self, fmt="text"):
        return f"by cases on {math(self.variable, fmt)}"


def _strictly_convex_parts(objective: sp.Expr, w: sp.Symbol, context) -> tuple[bool, list[str]]:
    r"""Whether the objective is a sum of convex terms in ``w``, one of them strictly convex:
    :math:`c (a w + b)^2` with :math:`c \ge 0` (strict when :math:`c a^2 > 0`),
    :math:`c |a w + b|` with :math:`c \ge 0`, and terms linear in or free of :math:`w`."""
    strict = False
    problems = []
    for term in sp.Add.make_args(sp.expand_mul(objective, deep=False)):
        if not term.has(w):
            continue
        coefficient, core = term.as_independent(w, as_Add=False)
        if coefficient.has(w):
            problems.append(f"{sp.sstr(term)} is not of a recognised convex form")
        elif isinstance(core, sp.Pow) and core.exp == 2 and _affine(core.base, w):
            slope = sp.diff(core.base, w)
            if not is_nonnegative(coefficient, context):
                problems.append(f"{sp.sstr(term)} is not provably convex")
            strict = strict or is_positive(coefficient * slope**2, context)
        elif isinstance(core, sp.Abs) and _affine(core.args[0], w):
            if not is_nonnegative(coefficient, context):
                problems.append(f"{sp.sstr(term)} is not provably convex")
        elif _affine(term, w):
            continue
        else:
            problems.append(f"{sp.sstr(term)} is not of a recognised convex form")
    return strict and not problems, problems


def _affine(expr: sp.Expr, w: sp.Symbol) -> bool:
    """Whether ``expr`` is :math:`a w + b` with :math:`a, b` free of :math:`w`: a polynomial of
    degree at most 1 (a piecewise or kinked expression is not, whatever its derivative says)."""
    if any(isinstance(node, NON_SMOOTH) for node in sp.preorder_traversal(expr)):
        return False
    try:
        return sp.Poly(expr, w).degree() <= 1
    except sp.PolynomialError:
        return False


def _one_sided(objective: sp.Expr, w: sp.Symbol, side: int) -> sp.Expr:
    """The right (``side=1``) or left (``side=-1``) derivative of the objective in ``w``,
    as an expression with ``Piecewise`` for each kink ``|a w + b|``."""
    kinks = {}
    for node in sp.preorder_traversal(objective):
        if isinstance(node, sp.Abs) and node.has(w):
            inner = node.args[0]
            slope = sp.diff(inner, w)
            at_kink = side * sp.Abs(slope)
            kinks[node] = sp.Piecewise((slope * sp.sign(inner), sp.Ne(inner, 0)), (at_kink, True))
    derivative = sp.S.Zero
    for term in sp.Add.make_args(sp.expand_mul(objective, deep=False)):
        abs_nodes = [n for n in kinks if term.has(n)]
        if not abs_nodes:
            derivative += sp.diff(term, w)
            continue
        (node,) = abs_nodes
        coefficient = sp.cancel(term / node)
        derivative += coefficient * kinks[node]
    return derivative


@dataclass(frozen=True)
class ConvexMinimum(Rule):
    r"""The minimiser of a strictly convex function of one real variable, by its optimality
    condition, checked for every value of another real variable.

    The previous step is :math:`\hat w = \arg\min_w f(w)`; this one names the minimiser,
    :math:`\hat w = v`, where :math:`v` may be piecewise in ``over`` (:math:`w^*`). The check
    proves :math:`f` strictly convex (a sum of :math:`c(aw+b)^2`, :math:`c|aw+b|` with
    :math:`c \ge 0` and linear terms, one square strictly convex), so the minimiser is unique
    and is the point where the left derivative is :math:`\le 0` and the right derivative
    :math:`\ge 0` (for a kink, :math:`0` lies in the subdifferential). That condition is then
    proved at :math:`w = v` on every interval of ``over`` and at its breakpoints.

    Parameters
    ----------
    over : sympy.Symbol
        The real variable the minimiser is a function of.
    """

    over: sp.Symbol
    name = "convex minimum"

    def _check(self, previous, current, context):
        require(isinstance(current, sp.Eq), f"the step must be an equation, got {form_of(current)}")
        require(isinstance(previous, sp.Eq), "the previous step must name a minimiser")
        problem = previous.rhs
        require(type(problem) is ArgMin, "the previous step must be an arg min")
        require(len(problem.params) == 1, "only a minimiser over one variable is handled")
        (w,) = problem.params
        require(isinstance(w, sp.Symbol) and bool(w.is_real), f"{w} must be a real symbol")
        require_free_variable(w, context)
        require(bool(self.over.is_real), f"{self.over} must be declared real")
        require(
            current.lhs == previous.lhs,
            f"the left-hand side must stay {sp.sstr(previous.lhs)}",
        )
        require(not current.rhs.has(w), f"the minimiser must not contain {w}")
        objective = problem.objective
        hidden = context.hidden_dependence(objective, w)
        require(
            not hidden,
            f"the objective depends on {w} also through {', '.join(map(str, hidden))}",
        )
        require(
            is_real(objective, context), f"the objective {sp.sstr(objective)} is not provably real"
        )
        strict, problems = _strictly_convex_parts(objective, w, context)
        require(
            strict,
            "cannot show the objective strictly convex"
            + (f": {'; '.join(problems)}" if problems else ""),
        )
        value = current.rhs
        pieces = value.args if isinstance(value, sp.Piecewise) else ((value, sp.true),)
        earlier = sp.true
        for piece, condition in pieces:
            require(not piece.has(sp.Piecewise), "nested piecewise minimisers are not handled")
            region = sp.And(condition, sp.Not(earlier)) if earlier is not sp.true else condition
            for label, sign in (("left", -1), ("right", 1)):
                derivative = _one_sided(objective, w, sign).xreplace({w: piece})
                where = everywhere(
                    derivative,
                    self.over,
                    lambda local, s=sign: sign_of(s * local, context) in (0, 1),
                    context,
                    region,
                )
                if where is not None:
                    raise RuleViolation(
                        f"at the claimed minimiser {sp.sstr(piece)} the {label} derivative is "
                        f"not {'≤' if sign < 0 else '≥'} 0: {where}"
                    )
            earlier = sp.Or(earlier, condition) if earlier is not sp.true else condition
        return facts_used(objective, context)

    def describe(self, fmt="text"):
        return f"minimum of a strictly convex function, checked for every {math(self.over, fmt)}"


@dataclass(frozen=True)
class Induction(Rule):
    r"""A closed form for a recursion, proved by induction on ``index``.

    The previous step is the recursion :math:`w_{\tau+1} = F(w_\tau)`; this step is the
    closed form :math:`w_\tau = G(\tau)`. The check proves the base case
    :math:`G(0) = w_0` from a declared starting value (an :class:`~mathreg.ledger.Assumption`
    :math:`w_0 = \dots`) and the step :math:`G(\tau + 1) = F(G(\tau))`; ``index`` must be
    declared a nonnegative integer, so the closed form holds for every :math:`\tau \ge 0`.

    Parameters
    ----------
    index : sympy.Symbol
        The step counter :math:`\tau`.
    """

    index: sp.Symbol
    name = "induction"

    def _check(self, previous, current, context):
        tau = self.index
        require(
            bool(tau.is_integer) and bool(tau.is_nonnegative) and tau.is_positive is not True,
            f"{tau} must be declared a nonnegative integer, so that it starts at 0",
        )
        extra = set(declared_assumptions(tau)) - {"integer", "nonnegative", "real", "rational"}
        require(
            not extra,
            f"{tau} is declared {', '.join(sorted(extra))}: the recursion would not hold at "
            "every step from 0",
        )
        for assumption in context.assumptions():
            fact = assumption.fact
            require(
                not (isinstance(fact, sp.Basic) and fact.has(tau)),
                f"the declared fact {sp.sstr(fact)} restricts {tau}: the induction would not "
                "cover every step from 0",
            )
        require(isinstance(previous, sp.Eq), "the previous step must be the recursion")
        require(isinstance(current, sp.Eq), f"the step must be an equation, got {form_of(current)}")
        following = previous.lhs
        require(
            isinstance(following, sp.Indexed) and following.indices == (tau + 1,),
            f"the previous step must give {sp.sstr(tau)} + 1's value, w[{tau} + 1] = F(w[{tau}])",
        )
        sequence = following.base
        now = sequence[tau]
        for expr in (previous.rhs, current.rhs):
            # under a sum over τ, w[τ] is every term the sum runs over (future ones too),
            # not the one the induction hypothesis gives
            require(
                tau not in bound_names(expr),
                f"{sp.sstr(expr)} binds {tau} in a sum, product or integral: the induction "
                f"hypothesis is about {sp.sstr(now)} for the free {tau} only",
            )
        require(
            current.lhs == now,
            f"the closed form must be stated for {sp.sstr(now)}, got {sp.sstr(current.lhs)}",
        )
        others = [
            node
            for node in sp.preorder_traversal(previous.rhs)
            if isinstance(node, sp.Indexed) and node.base == sequence and node != now
        ]
        require(not others, f"the recursion may only use {sp.sstr(now)}, not {others}")
        closed = current.rhs
        require(not closed.has(sequence), "the closed form must not refer to the sequence")
        for expr in (previous.rhs, closed):
            hidden = [
                key
                for key in context.hidden_dependence(expr, tau)
                + context.hidden_dependence(expr, sequence)
                if key not in (sequence, tau)
            ]
            require(
                not hidden,
                f"{', '.join(map(str, hidden))} may depend on {tau} or on the sequence",
            )
        start = sequence[0]
        base = [
            a for a in context.assumptions() if isinstance(a.fact, sp.Eq) and a.fact.lhs == start
        ]
        require(base, f"no declared starting value {sp.sstr(start)} = ...")
        first = base[0]
        require(
            _zero(closed.xreplace({tau: 0}) - first.fact.rhs),
            f"the base case fails: at {tau} = 0 the closed form gives "
            f"{sp.sstr(closed.xreplace({tau: 0}))}, not {sp.sstr(first.fact.rhs)}",
        )
        stepped = previous.rhs.xreplace({now: closed})
        require(
            _zero(sp.expand(closed.xreplace({tau: tau + 1}) - stepped, power_exp=True)),
            "the inductive step fails: G(τ + 1) ≠ F(G(τ))",
        )
        return (first, *facts_used(tau, context))

    def describe(self, fmt="text"):
        return f"induction on {math(self.index, fmt)}"


@dataclass(frozen=True)
class FirstDerivativeTest(Rule):
    r"""The optimum of a function of one positive variable, by the sign of its derivative.

    The previous step is :math:`\hat s = \arg\max_{s} f(s)` (or arg min) over a variable
    declared positive; this one is :math:`\hat s = v` with :math:`v > 0` provably. The check
    proves :math:`f` differentiable on :math:`(0, \infty)`, and :math:`f'` positive on
    :math:`(0, v)` and negative on :math:`(v, \infty)` (the reverse for a minimum), so
    :math:`f` rises to :math:`v` and falls after it: :math:`v` is the one optimum.
    """

    name = "first-derivative test"

    def _check(self, previous, current, context):
        from mathreg.domain import undefined
        from mathreg.notation import ArgMax, ArgOpt

        require(isinstance(previous, sp.Eq), "the previous step must name an optimum")
        require(isinstance(current, sp.Eq), f"the step must be an equation, got {form_of(current)}")
        problem = previous.rhs
        require(isinstance(problem, ArgOpt), "the previous step must be an arg max or arg min")
        require(len(problem.params) == 1, "only an optimum over one variable is handled")
        (s,) = problem.params
        require(
            isinstance(s, sp.Symbol) and bool(s.is_positive),
            f"{s} must be a symbol declared positive: the domain is (0, ∞)",
        )
        require(
            current.lhs == previous.lhs, f"the left-hand side must stay {sp.sstr(previous.lhs)}"
        )
        value = current.rhs
        require(not value.has(s), f"the optimum must not contain {s}")
        require(
            not any(isinstance(n, NON_SMOOTH) for n in sp.preorder_traversal(problem.objective)),
            "the objective has a jump or a kink: the sign of SymPy's derivative would miss it",
        )
        hidden = context.hidden_dependence(problem.objective, s)
        require(
            not hidden,
            f"the objective depends on {s} also through {', '.join(map(str, hidden))}",
        )
        require(
            sign_of(value, context) == 1, f"the optimum {sp.sstr(value)} is not provably positive"
        )
        slope = sp.diff(problem.objective, s)
        problem_text = undefined(slope, context)
        require(problem_text is None, f"the derivative is not defined on (0, ∞): {problem_text}")
        t = sp.Dummy("t", positive=True)
        rising, falling = (1, -1) if isinstance(problem, ArgMax) else (-1, 1)
        below = sign_of(slope.xreplace({s: value * t / (1 + t)}), context)
        above = sign_of(slope.xreplace({s: value + t}), context)
        require(
            below == rising,
            f"the derivative is not provably {'positive' if rising > 0 else 'negative'} on "
            f"(0, {sp.sstr(value)})",
        )
        require(
            above == falling,
            f"the derivative is not provably {'negative' if falling < 0 else 'positive'} above "
            f"{sp.sstr(value)}",
        )
        return facts_used(slope, context)

    def describe(self, fmt="text"):
        return "the sign of the derivative: rising, then falling"
