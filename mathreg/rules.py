r"""The rules that link one step of a derivation to the next, each with a check that can fail.

Every rule has a ``name`` (shown beside the step), a :meth:`Rule.describe` for the reader, and
a :meth:`Rule.check` that raises :class:`RuleViolation` with a reason when the new statement
does not follow from the previous one.

==================== ==========================================================================
rule                 what its check proves
==================== ==========================================================================
``premise``          nothing: the starting assumption, allowed only as the first step
``equal``            the statements are equal after named rewrites (``expand_log`` …)
``substitute``       the statement is the previous one with a declared substitution applied
``substitute into``  the previous right-hand side put in place of a placeholder in a law
``apply to both``    a function applied to both sides of the previous equation
``maximise``         the argmax of the previous right-hand side (positive-proportional too)
``monotone``         objective ↦ g(objective) with g strictly monotone; decreasing g swaps
                     max and min
``up to a constant`` the objectives differ by something free of the parameters
``proportional``     the right-hand sides' ratio is positive and free of the parameters
``solve``            the equation solved for a named unknown, with SymPy's ``solve``
``differentiate``    the derivative of the previous right-hand side in a variable
``chain rule``       a gradient pulled back through a map, :math:`\partial L/\partial X`
``evaluate``         a probability or expectation computed by ``sympy.stats``
==================== ==========================================================================
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence

import sympy as sp
from sympy import stats

from mathreg.algebra import canonical, difference, statement_difference
from mathreg.notation import ArgMax, ArgMin, ArgOpt, Propto, unfold

__all__ = [
    "ApplyToBoth",
    "ChainRule",
    "Differentiate",
    "Equal",
    "Evaluate",
    "Maximise",
    "Monotone",
    "Premise",
    "Proportional",
    "Rule",
    "RuleViolation",
    "Solve",
    "Substitute",
    "SubstituteInto",
    "UpToConstant",
]


class RuleViolation(Exception):
    """Raised by :meth:`Rule.check`: the step does not follow by this rule."""


def _math(expr: sp.Basic | str, fmt: str) -> str:
    """An expression inline, as ``$latex$`` for the page or plain text for the terminal."""
    if isinstance(expr, str):
        return expr
    if fmt == "latex":
        return f"${sp.latex(expr, order='none')}$"
    if isinstance(expr, sp.Eq):
        return f"{_math(expr.lhs, fmt)} = {_math(expr.rhs, fmt)}"
    text = sp.pretty(expr, use_unicode=True, wrap_line=False)
    return sp.sstr(expr) if "\n" in text else text


def _require(condition: bool, reason: str) -> None:
    if not condition:
        raise RuleViolation(reason)


def _same(expected: sp.Basic, actual: sp.Basic, rewrites: Sequence[str]) -> None:
    reason = statement_difference(expected, actual, rewrites)
    if reason is not None:
        raise RuleViolation(reason)


def _objective_of(statement: sp.Basic) -> ArgOpt:
    """The optimisation problem in ``argmax[...]`` or ``theta_hat = argmax[...]``."""
    if isinstance(statement, sp.Eq) and isinstance(statement.rhs, ArgOpt):
        return statement.rhs
    if isinstance(statement, ArgOpt):
        return statement
    raise RuleViolation(f"expected an optimisation problem (argmax/argmin), got {statement}")


def _depends_on(expr: sp.Basic, params: Sequence[sp.Basic]) -> bool:
    return any(expr.has(p) for p in params)


class Rule(ABC):
    """How a statement follows from the previous one; :meth:`check` proves it or raises."""

    name: str = ""

    @abstractmethod
    def check(self, previous: sp.Basic | None, current: sp.Basic) -> None:
        """Raise :class:`RuleViolation` unless ``current`` follows from ``previous``."""

    def describe(self, fmt: str = "text") -> str:
        """What the rule did, for the reader (``fmt`` is ``"text"`` or ``"latex"``)."""
        return self.name


class Premise(Rule):
    """The starting assumption of a derivation. Only the first step may be a premise."""

    name = "premise"

    def check(self, previous, current):
        _require(previous is None, "a premise is allowed only as the first step")

    def describe(self, fmt="text"):
        return "premise (assumed, not derived)"


class Equal(Rule):
    """The statement equals the previous one, using only the named rewrites.

    Parameters
    ----------
    *rewrites : str
        Names from :data:`mathreg.algebra.REWRITES` (e.g. ``"expand_log"``), applied before
        the canonical comparison.
    """

    name = "equal"

    def __init__(self, *rewrites: str):
        self.rewrites = rewrites

    def check(self, previous, current):
        _same(previous, current, self.rewrites)

    def describe(self, fmt="text"):
        return f"equal ({', '.join(self.rewrites)})" if self.rewrites else "equal"


class Substitute(Rule):
    """The previous statement with declared substitutions applied.

    Parameters
    ----------
    mapping : Mapping
        ``{old: new}``: what is replaced by what.
    rewrites : sequence of str
        Rewrites allowed when comparing the substituted statement with the step.
    lemma : callable, optional
        A check of the substitution itself (e.g. that a pmf is right on both labels): it
        returns ``None`` when it holds, or the reason it does not.
    lemma_scope : str
        What the lemma's check covers, shown to the reader (e.g. "proved for symbolic shapes;
        stacking checked for 2 and 3 layers"), so a concrete-size check is never presented
        as a general proof.
    """

    name = "substitute"

    def __init__(
        self,
        mapping: Mapping[sp.Basic, sp.Basic],
        rewrites: Sequence[str] = (),
        lemma: Callable[[], str | None] | None = None,
        lemma_scope: str = "",
    ):
        self.mapping = dict(mapping)
        self.rewrites = tuple(rewrites)
        self.lemma = lemma
        self.lemma_scope = lemma_scope

    def check(self, previous, current):
        if self.lemma is not None:
            reason = self.lemma()
            _require(reason is None, f"the substitution itself does not hold: {reason}")
        _same(previous.xreplace(self.mapping), current, self.rewrites)

    def describe(self, fmt="text"):
        pairs = ", ".join(
            _math(sp.Eq(old, new, evaluate=False), fmt) for old, new in self.mapping.items()
        )
        scope = f" (lemma: {self.lemma_scope})" if self.lemma_scope else ""
        return f"substitute {pairs}{scope}"


class SubstituteInto(Rule):
    """The previous right-hand side put in place of ``placeholder`` in ``law``.

    Parameters
    ----------
    law : sympy.Basic
        A statement proved elsewhere or a definition (e.g. the gradient-descent update).
    placeholder : sympy.Basic
        What in ``law`` the previous right-hand side replaces.
    source : str
        Where the law comes from, for the reader.
    rewrites : sequence of str
        Rewrites allowed in the comparison.
    """

    name = "substitute into"

    def __init__(
        self, law: sp.Basic, placeholder: sp.Basic, source: str, rewrites: Sequence[str] = ()
    ):
        self.law = law
        self.placeholder = placeholder
        self.source = source
        self.rewrites = tuple(rewrites)

    def check(self, previous, current):
        _require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        _same(self.law.xreplace({self.placeholder: previous.rhs}), current, self.rewrites)

    def describe(self, fmt="text"):
        return f"substitute into {self.source}: {_math(self.law, fmt)}"


class ApplyToBoth(Rule):
    """A function applied to both sides of the previous equation.

    Parameters
    ----------
    function : sympy.Lambda
        The function, e.g. ``Lambda(u, log(u))``.
    rewrites : sequence of str
        Rewrites allowed in the comparison.
    """

    name = "apply to both"

    def __init__(self, function: sp.Lambda, rewrites: Sequence[str] = ()):
        self.function = function
        self.rewrites = tuple(rewrites)

    def check(self, previous, current):
        _require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        expected = sp.Eq(self.function(previous.lhs), self.function(previous.rhs), evaluate=False)
        _same(expected, current, self.rewrites)

    def describe(self, fmt="text"):
        u = self.function.variables[0]
        return f"apply {_math(self.function.expr, fmt)} to both sides (as a function of {u})"


class Maximise(Rule):
    r"""Maximise the right-hand side of the previous statement over the parameters.

    From :math:`L(\theta) = f(\theta)` or :math:`L(\theta) \propto f(\theta)` (positive factor
    free of :math:`\theta`, checked by :class:`Proportional`) it gives
    :math:`\hat\theta = \arg\max_\theta f(\theta)`.

    Parameters
    ----------
    estimate : sympy.Symbol
        The name of the maximiser, e.g. :math:`\hat\theta_{\mathrm{MAP}}`.
    params : sequence of sympy.Basic
        The parameters.
    """

    name = "maximise"

    def __init__(self, estimate: sp.Basic, params: Sequence[sp.Basic]):
        self.estimate = estimate
        self.params = tuple(params)

    def check(self, previous, current):
        _require(
            isinstance(previous, (sp.Eq, Propto)),
            "the previous step must be an equation or a proportionality",
        )
        expected = sp.Eq(self.estimate, ArgMax(previous.rhs, *self.params), evaluate=False)
        _same(expected, current, ())

    def describe(self, fmt="text"):
        params = ", ".join(_math(p, fmt) for p in self.params)
        return f"maximise over {params}"


class Monotone(Rule):
    r"""Replace the objective :math:`f` by :math:`g(f)` for a strictly monotone :math:`g`.

    The argmax (argmin) of :math:`g \circ f` is that of :math:`f` when :math:`g` is strictly
    increasing; a strictly decreasing :math:`g` turns an argmax into an argmin. The check
    proves the sign of :math:`g'` on :math:`g`'s domain (with the domain's assumptions carried
    by :math:`g`'s variable), that the objective lies in that domain when the domain is
    :math:`u > 0`, and that the new objective is :math:`g(f)`.

    Parameters
    ----------
    function : sympy.Lambda
        :math:`g`, e.g. ``Lambda(u, log(u))`` with ``u`` positive.
    rewrites : sequence of str
        Rewrites allowed when comparing the new objective with :math:`g(f)`.
    """

    name = "monotone"

    def __init__(self, function: sp.Lambda, rewrites: Sequence[str] = ()):
        self.function = function
        self.rewrites = tuple(rewrites)

    def check(self, previous, current):
        before, after = _objective_of(previous), _objective_of(current)
        u = self.function.variables[0]
        slope = sp.diff(self.function.expr, u)
        if slope.is_positive:
            expected_kind = type(before)
        elif slope.is_negative:
            expected_kind = ArgMin if isinstance(before, ArgMax) else ArgMax
        else:
            raise RuleViolation(
                f"cannot show that g(u) = {self.function.expr} is strictly monotone: "
                f"g'(u) = {slope} has no provable sign"
            )
        if u.is_positive:
            _require(
                _provably_positive(before.objective),
                f"g is defined for u > 0 but the objective {before.objective} "
                "is not provably positive",
            )
        _require(
            type(after) is expected_kind,
            f"g is strictly {'in' if slope.is_positive else 'de'}creasing, so the problem must "
            f"stay an arg{expected_kind.sense}, got arg{after.sense}",
        )
        _require(before.params == after.params, "the parameters must not change")
        expected = expected_kind(self.function(before.objective), *before.params)
        _same(expected, after, self.rewrites)

    def describe(self, fmt="text"):
        u = self.function.variables[0]
        if fmt == "latex":
            g = f"${sp.latex(u)} \\mapsto {sp.latex(self.function.expr)}$"
        else:
            g = f"{u} ↦ {sp.sstr(self.function.expr)}"
        return f"strictly monotone map {g}"


def _provably_positive(expr: sp.Basic) -> bool:
    """Positivity that SymPy's assumptions miss for products and sums of positive terms."""
    if expr.is_positive:
        return True
    if isinstance(expr, sp.Product):
        return _provably_positive(expr.function)
    if isinstance(expr, (sp.Mul, sp.Add)):
        return all(_provably_positive(arg) for arg in expr.args)
    if isinstance(expr, sp.Pow):
        return _provably_positive(expr.base) and bool(expr.exp.is_extended_real)
    return False


class UpToConstant(Rule):
    r"""The objective changes by a term that does not depend on the parameters.

    Adding a constant in :math:`\theta` moves no optimum. The check computes the difference
    of the two objectives in canonical form and proves it free of every parameter.

    Parameters
    ----------
    params : sequence of sympy.Basic
        The parameters the difference must not depend on.
    rewrites : sequence of str
        Rewrites applied to the difference.
    """

    name = "up to a constant"

    def __init__(self, params: Sequence[sp.Basic], rewrites: Sequence[str] = ()):
        self.params = tuple(params)
        self.rewrites = tuple(rewrites)

    def check(self, previous, current):
        before, after = _objective_of(previous), _objective_of(current)
        _require(type(before) is type(after), "an argmax must stay an argmax (argmin: argmin)")
        _require(before.params == after.params, "the parameters must not change")
        if isinstance(previous, sp.Eq):
            _require(
                isinstance(current, sp.Eq) and current.lhs == previous.lhs,
                f"the estimate must stay {previous.lhs}",
            )
        constant = difference(before.objective, after.objective, self.rewrites)
        _require(
            not _depends_on(constant, self.params),
            f"the objectives differ by {sp.sstr(constant)}, which depends on "
            f"{', '.join(map(str, self.params))}",
        )

    def describe(self, fmt="text"):
        params = ", ".join(_math(p, fmt) for p in self.params)
        return f"drop a term constant in {params}"


class Proportional(Rule):
    r"""The right-hand side changes by a positive factor free of the parameters.

    Gives :math:`L \propto g` from :math:`L = f` (or :math:`L \propto f`) when :math:`f/g` is
    positive and free of every parameter.

    Parameters
    ----------
    params : sequence of sympy.Basic
        The parameters.
    """

    name = "proportional"

    def __init__(self, params: Sequence[sp.Basic]):
        self.params = tuple(params)

    def check(self, previous, current):
        _require(
            isinstance(previous, (sp.Eq, Propto)) and isinstance(current, Propto),
            "expected an equation or proportionality followed by a proportionality",
        )
        _require(current.lhs == previous.lhs, f"the left-hand side must stay {previous.lhs}")
        ratio = sp.powsimp(sp.cancel(unfold(previous.rhs) / unfold(current.rhs)))
        _require(
            not _depends_on(ratio, self.params),
            f"the ratio {sp.sstr(ratio)} depends on {', '.join(map(str, self.params))}",
        )
        _require(bool(ratio.is_positive), f"the ratio {sp.sstr(ratio)} is not provably positive")

    def describe(self, fmt="text"):
        params = ", ".join(_math(p, fmt) for p in self.params)
        return f"drop a positive factor free of {params}"


class Solve(Rule):
    """The previous equation solved for ``unknown`` with SymPy's ``solve`` (unique solution).

    Parameters
    ----------
    unknown : sympy.Basic
        What to solve for.
    """

    name = "solve"

    def __init__(self, unknown: sp.Basic):
        self.unknown = unknown

    def check(self, previous, current):
        _require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        solutions = sp.solve(previous, self.unknown, dict=False)
        _require(len(solutions) == 1, f"expected one solution, SymPy found {solutions}")
        _same(sp.Eq(self.unknown, solutions[0], evaluate=False), current, ())

    def describe(self, fmt="text"):
        return f"solve for {_math(self.unknown, fmt)}"


class Differentiate(Rule):
    r"""Differentiate the previous right-hand side in ``variable``.

    The previous step is :math:`J = f`; this step must be
    :math:`\partial J / \partial x = \partial f / \partial x`. The derivative of each term is
    computed by SymPy (matrix calculus for a matrix variable of symbolic shape), except for
    terms listed in ``known``, whose derivative is a named quantity (e.g. the data loss's
    gradient :math:`\operatorname{back}(W)`); differentiation is linear, so terms are handled
    one at a time.

    Parameters
    ----------
    variable : sympy.Basic
        The variable (a symbol or a ``MatrixSymbol``).
    known : Mapping, optional
        ``{term: its derivative}`` for terms SymPy cannot differentiate.
    gradient : sympy.Basic, optional
        The name of the derivative, the step's left-hand side (a matrix symbol for a matrix
        variable); by default ``Derivative(J, variable)``.
    """

    name = "differentiate"

    def __init__(
        self,
        variable: sp.Basic,
        known: Mapping[sp.Basic, sp.Basic] | None = None,
        gradient: sp.Basic | None = None,
    ):
        self.variable = variable
        self.known = dict(known or {})
        self.gradient = gradient

    def check(self, previous, current):
        _require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        expected_lhs = self.gradient or sp.Derivative(previous.lhs, self.variable)
        _require(
            isinstance(current, sp.Eq) and current.lhs == expected_lhs,
            f"the left-hand side must be {expected_lhs}",
        )
        terms = sp.Add.make_args(sp.expand(previous.rhs))
        pieces = []
        for term in terms:
            if term in self.known:
                pieces.append(self.known[term])
            else:
                hidden = [k for k in self.known if term.has(k)]
                if hidden:
                    raise RuleViolation(f"the term {term} contains {hidden[0]} inside it")
                pieces.append(sp.diff(unfold(term), self.variable))
        expected = sp.Add(*[p for p in pieces if p != 0]) if len(pieces) > 1 else pieces[0]
        _same(expected, current.rhs, ())

    def describe(self, fmt="text"):
        known = "; ".join(
            f"{_math(sp.Derivative(term, self.variable), fmt)} is {_math(value, fmt)}"
            for term, value in self.known.items()
        )
        text = f"differentiate in {_math(self.variable, fmt)}"
        return f"{text} ({known})" if known else text


class ChainRule(Rule):
    r"""Pull a gradient back through a map :math:`Y = f(X)`, given :math:`\partial L/\partial Y`.

    For a scalar loss :math:`L` that depends on :math:`X` only through :math:`Y = f(X)`, the
    chain rule says :math:`\partial L/\partial X_{ij} = \sum_{kl} G_{kl}\,
    \partial Y_{kl}/\partial X_{ij}`, which is the derivative of
    :math:`\operatorname{tr}(G^T f(X))` in :math:`X` with :math:`G` held fixed. The check
    computes that derivative with SymPy's matrix calculus (symbolic shapes) and compares.

    Parameters
    ----------
    through : sympy.Eq
        The map, ``Eq(Y, f(X))``.
    variable : sympy.MatrixSymbol
        :math:`X`.
    upstream : sympy.MatrixSymbol
        :math:`G = \partial L/\partial Y`, the gradient arriving from above.
    gradient : sympy.MatrixSymbol
        The name of :math:`\partial L/\partial X`, the left-hand side of the step.
    """

    name = "chain rule"

    def __init__(self, through: sp.Eq, variable: sp.Basic, upstream: sp.Basic, gradient: sp.Basic):
        self.through = through
        self.variable = variable
        self.upstream = upstream
        self.gradient = gradient

    def check(self, previous, current):
        _require(
            isinstance(current, sp.Eq) and current.lhs == self.gradient,
            f"the step must be an equation for {self.gradient}",
        )
        pulled_back = sp.diff(sp.Trace(self.upstream.T * self.through.rhs), self.variable)
        _same(pulled_back, current.rhs, ())

    def describe(self, fmt="text"):
        return (
            f"chain rule through {_math(self.through, fmt)} with "
            f"{_math(self.upstream, fmt)} held fixed"
        )


def _evaluate(quantity: stats.Probability | stats.Expectation) -> sp.Expr:
    """``quantity.doit()``, except P(U < c) for one random variable, taken from its CDF.

    SymPy 1.14 returns 0 for ``P(U < c)`` with a symbolic ``c`` (it should be a Piecewise);
    the cumulative distribution function gives the right answer, P(U < c) = F_U(c) for a
    continuous U.
    """
    condition = quantity.args[0]
    if (
        isinstance(quantity, stats.Probability)
        and isinstance(condition, (sp.StrictLessThan, sp.LessThan))
        and isinstance(condition.lhs, stats.rv.RandomSymbol)
        and not stats.rv.random_symbols(condition.rhs)
    ):
        return stats.cdf(condition.lhs)(condition.rhs)
    return quantity.doit()


class Evaluate(Rule):
    r"""A probability or expectation on the left-hand side, computed by ``sympy.stats``.

    The step is ``Eq(Probability(...) or Expectation(...), value)``; the check evaluates the
    left-hand side with ``.doit()``, refines it under the stated assumptions and compares with
    the value.

    Parameters
    ----------
    assumptions : sympy.Boolean
        Facts used to refine the result, e.g. ``Q.le(keep_prob, 1)``.
    random_variables : str
        How the variables are distributed, for the reader.
    """

    name = "evaluate"

    def __init__(self, assumptions: sp.Basic, random_variables: str):
        self.assumptions = assumptions
        self.random_variables = random_variables

    def check(self, previous, current):
        _require(
            isinstance(current, sp.Eq)
            and isinstance(current.lhs, (stats.Probability, stats.Expectation)),
            "the step must be Eq(P(...) or E[...], value)",
        )
        value = sp.refine(_evaluate(current.lhs), self.assumptions)
        _require(
            canonical(value - current.rhs) == 0,
            f"sympy.stats gives {sp.sstr(value)}, not {sp.sstr(current.rhs)}",
        )

    def describe(self, fmt="text"):
        return f"compute with sympy.stats, {self.random_variables}"
