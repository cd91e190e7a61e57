r"""Rules about optimisation problems: naming a maximiser, and the changes of objective that
move no optimum (a strictly monotone map, an added constant, a positive factor)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from mathreg.algebra import difference
from mathreg.domain import facts_used, is_nonzero, is_positive, is_real, undefined
from mathreg.ledger import Definition, math
from mathreg.notation import ArgMax, ArgMin, Propto, unfold
from mathreg.rules.base import (
    Rule,
    RuleViolation,
    check_rewrites,
    declared_assumptions,
    elementary,
    form_of,
    require,
    require_fresh,
    require_params,
    require_type,
    rewrite_support,
    same,
    same_estimate,
    satisfies,
)

__all__ = ["Maximise", "Monotone", "Proportional", "UpToConstant"]


@dataclass(frozen=True, init=False)
class Maximise(Rule):
    r"""Name the maximiser of the previous right-hand side over the parameters.

    From :math:`L = f(\theta)`, or :math:`L \propto f(\theta)` in :math:`\theta` (a positive
    factor free of :math:`\theta`, checked by :class:`Proportional`), it gives
    :math:`\hat\theta = \arg\max_\theta f(\theta)`. The estimate must be a new name; the
    objective must be real and depend on every parameter; a proportionality must be in the
    same parameters.

    Parameters
    ----------
    estimate : sympy.Symbol
        The name of the maximiser, e.g. :math:`\hat\theta_{\mathrm{MAP}}`.
    params : sequence of sympy.Basic
        The parameters.
    """

    estimate: sp.Basic
    params: tuple[sp.Basic, ...]
    name = "maximise"

    def __init__(self, estimate: sp.Basic, params: Sequence[sp.Basic]):
        object.__setattr__(self, "estimate", estimate)
        object.__setattr__(self, "params", tuple(params))

    def _check(self, previous, current, context):
        require(
            isinstance(previous, (sp.Eq, Propto)),
            f"the previous step must be an equation or a proportionality, got {form_of(previous)}",
        )
        if isinstance(previous, Propto):
            require(
                previous.params == self.params,
                f"the proportionality holds in {previous.params}, not in {self.params}",
            )
        objective = previous.rhs
        require_params(objective, self.params, context, "objective")
        require(
            is_real(objective, context), f"the objective {sp.sstr(objective)} is not provably real"
        )
        require_fresh(self.estimate, context, "the estimate", self.params)
        expected = sp.Eq(self.estimate, ArgMax(objective, *self.params), evaluate=False)
        same(expected, current, (), context)
        return (*self.introduces(previous, current, context), *facts_used(objective, context))

    def introduces(self, previous, current, context):
        if not isinstance(previous, (sp.Eq, Propto)):
            return ()
        return (
            Definition(
                self.estimate,
                ArgMax(previous.rhs, *self.params),
                "the maximiser",
                depends_on=(previous.rhs,),
            ),
        )

    def describe(self, fmt="text"):
        params = ", ".join(math(p, fmt) for p in self.params)
        return f"maximise over {params}"


@dataclass(frozen=True)
class Monotone(Rule):
    r"""Replace the objective :math:`f` by :math:`g(f)` for a strictly monotone :math:`g`.

    The argmax (argmin) of :math:`g \circ f` is that of :math:`f` when :math:`g` is strictly
    increasing on the values :math:`f` takes; a strictly decreasing :math:`g` turns an argmax
    into an argmin. The check proves: the sign of :math:`g'` under the assumptions of
    :math:`g`'s variable; that the objective is real and satisfies every assumption declared
    on that variable (so :math:`g` is monotone where the objective lives); that :math:`g` is
    defined there; that :math:`g` does not involve the parameters; that the estimate and the
    parameters do not change; and that the new objective is :math:`g(f)`.

    Parameters
    ----------
    function : sympy.Lambda
        :math:`g`, e.g. ``Lambda(u, log(u))`` with ``u`` positive.
    rewrites : sequence of str
        Rewrites allowed when comparing the new objective with :math:`g(f)`.
    """

    function: sp.Lambda
    rewrites: tuple[str, ...] = ()
    name = "monotone"

    def __post_init__(self):
        require_type(self.function, (sp.Lambda,), "function")
        object.__setattr__(self, "rewrites", check_rewrites(self.rewrites))

    def _check(self, previous, current, context):
        before, after = same_estimate(previous, current)
        (u,) = self.function.variables
        g = self.function.expr
        problem = elementary(self.function, context)
        require(problem is None, problem or "")
        tied = context.depends_on_any(g, before.params)
        require(
            not tied,
            f"g(u) = {sp.sstr(g)} depends on the parameter {sp.sstr(tied[0]) if tied else ''}",
        )
        problem = undefined(g, context)
        require(problem is None, f"g is not defined on its whole domain: {problem}")
        slope = sp.diff(g, u)
        if is_positive(slope, context):
            kind = type(before)
        elif is_positive(-slope, context):
            kind = ArgMin if isinstance(before, ArgMax) else ArgMax
        else:
            raise RuleViolation(
                f"cannot show that g(u) = {sp.sstr(g)} is strictly monotone: "
                f"g'(u) = {sp.sstr(slope)} has no provable sign"
            )
        objective = before.objective
        require(
            is_real(objective, context), f"the objective {sp.sstr(objective)} is not provably real"
        )
        missing = satisfies(objective, u, context)
        require(
            not missing,
            f"g is monotone for {u} {' and '.join(missing)}, but the objective "
            f"{sp.sstr(objective)} is not proved {' and '.join(missing)}",
        )
        require(
            type(after) is kind,
            f"g is strictly {'in' if kind is type(before) else 'de'}creasing, so the problem must "
            f"be an arg{kind.sense}, got arg{after.sense}",
        )
        same(kind(self.function(objective), *before.params), after, self.rewrites, context)
        support = [f for f in facts_used(slope, context) if getattr(f, "atom", None) != u]
        if declared_assumptions(u):
            support.extend(facts_used(objective, context))
        support.extend(rewrite_support(self.rewrites, (objective, after.objective), context))
        return tuple(dict.fromkeys(support))

    def describe(self, fmt="text"):
        u = self.function.variables[0]
        if fmt == "latex":
            g = f"${sp.latex(u)} \\mapsto {sp.latex(self.function.expr)}$"
        else:
            g = f"{u} ↦ {sp.sstr(self.function.expr)}"
        return f"strictly monotone map {g}"


@dataclass(frozen=True)
class UpToConstant(Rule):
    r"""The objective changes by a term that does not depend on the parameters.

    Adding a constant in :math:`\theta` moves no optimum. The parameters are the problem's
    own; the check computes the difference of the two objectives in canonical form and
    proves it free of every parameter, including through named quantities that depend on
    them (:math:`\hat y_i`, :math:`W^{(l)}`); every parameter must still appear in the new
    objective.

    Parameters
    ----------
    rewrites : sequence of str
        Rewrites applied to the difference.
    """

    rewrites: tuple[str, ...] = ()
    name = "up to a constant"

    def __post_init__(self):
        object.__setattr__(self, "rewrites", check_rewrites(self.rewrites))

    def _check(self, previous, current, context):
        before, after = same_estimate(previous, current)
        require(type(before) is type(after), "an argmax must stay an argmax (an argmin an argmin)")
        require_params(after.objective, after.params, context, "new objective")
        constant = difference(before.objective, after.objective, self.rewrites, context)
        tied = context.depends_on_any(constant, before.params)
        require(
            not tied,
            f"the objectives differ by {sp.sstr(constant)}, which depends on "
            f"{', '.join(map(sp.sstr, tied))}",
        )
        return rewrite_support(self.rewrites, (before.objective, after.objective), context)

    def describe(self, fmt="text"):
        return "drop a term constant in the parameters"


@dataclass(frozen=True)
class Proportional(Rule):
    r"""The right-hand side changes by a positive factor free of the parameters.

    Gives :math:`L \propto g` in :math:`\theta` from :math:`L = f` (or :math:`L \propto f` in
    the same :math:`\theta`) when :math:`f/g` is provably positive and free of every parameter,
    hidden dependence included. The parameters are those the new statement names; the
    left-hand side must depend on each of them, so that an unrelated variable cannot be
    named.
    """

    name = "proportional"

    def _check(self, previous, current, context):
        require(
            isinstance(previous, (sp.Eq, Propto)) and isinstance(current, Propto),
            "expected an equation or proportionality followed by a proportionality",
        )
        require(
            current.lhs == previous.lhs,
            f"the left-hand side must stay {sp.sstr(previous.lhs)}",
        )
        params = current.params
        require(len(params) > 0, "the proportionality must say in which parameters it holds")
        if isinstance(previous, Propto):
            require(previous.params == params, "the parameters must not change")
        require_params(current.lhs, params, context, "left-hand side")
        ratio = sp.powsimp(sp.cancel(unfold(previous.rhs) / unfold(current.rhs)))
        tied = context.depends_on_any(ratio, params)
        require(
            not tied,
            f"the ratio {sp.sstr(ratio)} depends on {', '.join(map(sp.sstr, tied))}",
        )
        require(
            is_nonzero(current.rhs, context),
            f"the new right-hand side {sp.sstr(current.rhs)} is not provably nonzero",
        )
        require(is_positive(ratio, context), f"the ratio {sp.sstr(ratio)} is not provably positive")
        return facts_used(ratio, context)

    def describe(self, fmt="text"):
        return "drop a positive factor free of the parameters"
