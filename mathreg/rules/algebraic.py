r"""Rules that rewrite a statement: premise, equality, substitution, functions, solving."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import sympy as sp

from mathreg.algebra import difference, is_zero_form, statement_difference
from mathreg.context import Context, head, names
from mathreg.domain import facts_used, is_nonnegative, is_nonzero, is_positive, undefined
from mathreg.ledger import (
    Definition,
    Entry,
    Instantiation,
    Law,
    Lemma,
    PremiseEntry,
    math,
)
from mathreg.notation import unfold as unfold_all
from mathreg.rules.base import (
    Rule,
    RuleViolation,
    bound_names,
    check_rewrites,
    elementary,
    form_of,
    mentions,
    require,
    require_type,
    rewrite_support,
    same,
    satisfies,
    shape_of,
)

__all__ = [
    "ApplyToBoth",
    "Equal",
    "Premise",
    "Rearrange",
    "Solve",
    "Substitute",
    "SubstituteInto",
]


@dataclass(frozen=True)
class Premise(Rule):
    """The starting assumption of a derivation: nothing is checked, and the ledger says so.

    Only the first step may be a premise (:class:`~mathreg.proof.Derivation` enforces it).
    """

    name = "premise"

    def _check(self, previous, current, context):
        require(previous is None, "a premise is allowed only as the first step")
        return (PremiseEntry(current),)

    def describe(self, fmt="text"):
        return "premise (assumed, not derived)"


@dataclass(frozen=True, init=False)
class Equal(Rule):
    """The statement equals the previous one, every part compared, using only the named
    rewrites.

    Parameters
    ----------
    *rewrites : str
        Names from :data:`mathreg.algebra.REWRITES` (e.g. ``"expand_log"``), applied before
        the canonical comparison; those that need signs use only proved or declared facts.
    """

    rewrites: tuple[str, ...]
    name = "equal"

    def __init__(self, *rewrites: str):
        object.__setattr__(self, "rewrites", check_rewrites(rewrites))

    def _check(self, previous, current, context):
        same(previous, current, self.rewrites, context)
        return rewrite_support(self.rewrites, (previous, current), context)

    def describe(self, fmt="text"):
        return f"equal ({', '.join(self.rewrites)})" if self.rewrites else "equal"


def _not_under_a_binder(old: sp.Basic, new: sp.Basic, previous: sp.Basic) -> None:
    """A declared definition or equation speaks of the free names it mentions (x_k for one
    k): used where a sum or integral binds one of them, it would speak of every value."""
    # every kind of bound name: a sum's index, and an argmin's matrix or indexed parameter
    bound = {head(b) or b for b in bound_names(previous)}
    inside = (_free_names(old) | _free_names(new)) & bound
    require(
        not inside,
        f"replacing {sp.sstr(old)} by {sp.sstr(new)} would act on "
        f"{', '.join(map(str, inside))}, which a sum or integral binds here",
    )


def _free_names(expr: sp.Basic) -> set:
    """The names of ``expr`` that it does not bind itself (a sum's own index is not free)."""
    return names(expr) - {head(b) or b for b in bound_names(expr)}


def _is_new_name(new: sp.Basic, context: Context) -> bool:
    """A plain new name: a symbol, matrix symbol or indexed symbol not used before (not a
    random variable, not a function application, not a number)."""
    plain = isinstance(new, (sp.Symbol, sp.MatrixSymbol, sp.Indexed)) and not isinstance(
        new, sp.Dummy
    )
    return plain and context.is_fresh(new)


_LEMMA_VERDICTS: dict[tuple, str | None] = {}


def _lemma_verdict(lemma: Lemma) -> str | None:
    """The lemma's own check, run once per statement and proof function."""
    key = (lemma.statement, lemma.proof)
    if key not in _LEMMA_VERDICTS:
        _LEMMA_VERDICTS[key] = lemma.proof(lemma.statement)
    return _LEMMA_VERDICTS[key]


def _as_pairs(mapping: Mapping | Sequence) -> tuple[tuple[sp.Basic, sp.Basic], ...]:
    items = mapping.items() if isinstance(mapping, Mapping) else mapping
    return tuple((sp.sympify(old), sp.sympify(new)) for old, new in items)


@dataclass(frozen=True)
class Substitute(Rule):
    r"""The previous statement with ``old`` replaced by ``new``, for each pair of a mapping.

    A replacement is accepted only as one of six things, and the ledger says which:

    - an **unfolding**: ``old`` is a name the derivation defines as ``new``;
    - a **declared equation**: ``old = new`` is one of the derivation's assumptions;
    - a **definition**: ``new`` is a new name for ``old`` (:math:`\hat y_i` for
      :math:`P(y_i = 1 \mid \theta, x_i)`); what ``old`` depends on, the name depends on;
    - an **instantiation**: ``old`` is a free symbol of the statement (not a parameter being
      optimised, not a summation index, not a defined name) and ``new`` satisfies its
      declared assumptions; what follows is that special case;
    - an **identity**: ``old`` and ``new`` are proved equal by the rewrites;
    - a **lemma**: ``lemma`` states exactly ``old = new`` and its own check passes.

    Parameters
    ----------
    mapping : mapping or sequence of pairs
        ``{old: new}``.
    rewrites : sequence of str
        Rewrites allowed when comparing the substituted statement with the step.
    lemma : Lemma, optional
        The cited lemma for a replacement that is none of the first three.
    """

    mapping: tuple[tuple[sp.Basic, sp.Basic], ...]
    rewrites: tuple[str, ...] = ()
    lemma: Lemma | None = None
    name = "substitute"

    def __post_init__(self):
        object.__setattr__(self, "mapping", _as_pairs(self.mapping))
        object.__setattr__(self, "rewrites", check_rewrites(self.rewrites))
        require_type(self.lemma, (Lemma, type(None)), "lemma")

    def _check(self, previous, current, context):
        require(previous is not None, "there is no previous statement to substitute into")
        support: list[Entry] = []
        for k, (old, new) in enumerate(self.mapping):
            require(
                mentions(previous, old),
                f"{sp.sstr(old)} does not occur in the previous statement",
            )
            others = [e for j, pair in enumerate(self.mapping) if j != k for e in pair]
            clash = [e for e in others if head(new) is not None and mentions(e, new)]
            require(
                not clash,
                f"{sp.sstr(new)} appears in another replacement of the same step: one "
                "replacement at a time",
            )
            support.extend(self._justify(old, new, previous, context))
        substituted = previous.xreplace(dict(self.mapping))
        same(substituted, current, self.rewrites, context)
        support.extend(rewrite_support(self.rewrites, (substituted, current), context))
        return support

    def _justify(self, old, new, previous, context) -> tuple[Entry, ...]:
        """Why replacing ``old`` by ``new`` is allowed, or a violation."""
        for definition in context.definitions():
            if definition.name == old and definition.value == new:
                _not_under_a_binder(old, new, previous)
                return (definition,)  # a name replaced by what it was defined as
        for assumption in context.assumptions():
            fact = assumption.fact
            if isinstance(fact, sp.Eq) and (fact.lhs, fact.rhs) in ((old, new), (new, old)):
                _not_under_a_binder(old, new, previous)
                return (assumption,)  # a declared equation used as written
        if _is_new_name(new, context):
            return (self._definition(old, new, previous, context),)
        bound = bound_names(previous)
        if isinstance(old, (sp.Symbol, sp.MatrixSymbol)) and old not in bound:
            return (self._instantiation(old, new, previous, context),)
        if self.lemma is not None and self.lemma.statement == sp.Eq(old, new, evaluate=False):
            reason = _lemma_verdict(self.lemma)
            require(reason is None, f"the lemma's own check fails: {reason}")
            return (self.lemma,)
        try:
            proved = is_zero_form(difference(old, new, self.rewrites, context))
        except (TypeError, sp.ShapeError):
            proved = False
        if proved:
            return ()
        lemma = (
            f"; the cited lemma states {sp.sstr(self.lemma.statement)}, not this replacement"
            if self.lemma is not None
            else ""
        )
        raise RuleViolation(
            f"replacing {sp.sstr(old)} by {sp.sstr(new)} is not a definition of a new name, "
            f"not an instantiation of a free symbol, not a proved identity and not a cited "
            f"lemma{lemma}"
        )

    @staticmethod
    def _definition(old, new, previous, context=None) -> Definition:
        indices = {
            limit[0]
            for n in sp.preorder_traversal(previous)
            if isinstance(n, (sp.Sum, sp.Product))
            for limit in n.limits
        }
        escaped = sorted(str(i) for i in indices if old.has(i) and not new.has(i))
        require(
            not escaped,
            f"the new name {sp.sstr(new)} drops the summation index {', '.join(escaped)} "
            f"that {sp.sstr(old)} depends on",
        )
        require(
            shape_of(old) == shape_of(new),
            f"{sp.sstr(new)} and {sp.sstr(old)} have different shapes",
        )
        if context is not None:
            missing = satisfies(old, head(new), context)
            require(
                not missing,
                f"{sp.sstr(new)} is declared {', '.join(missing)}, which {sp.sstr(old)} is not "
                "proved to be",
            )
        return Definition(new, old, "a new name", depends_on=(old,))

    @staticmethod
    def _instantiation(old, new, previous, context) -> Instantiation:
        require(
            not context.is_random(new),
            f"{sp.sstr(new)} is random: a special case needs a fixed value",
        )
        require(
            not context.is_random(old),
            f"{sp.sstr(old)} is random: it cannot be given one value",
        )
        for assumption in context.assumptions():
            fact = assumption.fact
            if isinstance(fact, (sp.Eq, sp.Ne)) and fact.has(old):
                gap = difference(fact.lhs.xreplace({old: new}), fact.rhs.xreplace({old: new}))
                holds = is_zero_form(gap) if isinstance(fact, sp.Eq) else is_nonzero(gap, context)
                require(
                    holds,
                    f"{sp.sstr(new)} does not satisfy the declared {sp.sstr(fact)}",
                )
        require(
            head(old) not in context.defined_names(),
            f"{sp.sstr(old)} is a defined name; it cannot be given another value",
        )
        require(
            context.reach(old) == {old},
            f"{sp.sstr(old)} is tied to other quantities by a declared part or definition",
        )
        require(
            shape_of(old) == shape_of(new),
            f"{sp.sstr(new)} does not have the shape of {sp.sstr(old)}",
        )
        clash = sorted(
            str(n)
            for n in names(new) & names(previous)
            if not (isinstance(n, sp.Symbol) and n.is_integer)
        )
        require(
            not clash,
            f"the value of {sp.sstr(old)} uses {', '.join(clash)}, already in the statement: "
            "a special case may only use new names and sizes",
        )
        require(
            not (names(new) & bound_names(previous)),
            f"the value of {sp.sstr(old)} would capture a bound name",
        )
        missing = satisfies(new, old, context)
        require(
            not missing,
            f"{sp.sstr(new)} is not proved {', '.join(missing)}, as {sp.sstr(old)} is declared",
        )
        for fact, _ in context.predicates():
            if fact.has(old):
                holds = sp.ask(fact.xreplace({old: new}))
                require(
                    bool(holds),
                    f"{sp.sstr(new)} does not satisfy the declared {sp.sstr(fact)}",
                )
        for sign, sub, assumption in context.signed():
            if sub.has(old):
                check = is_positive if sign == "positive" else is_nonnegative
                require(
                    check(sub.xreplace({old: new}), context),
                    f"{sp.sstr(new)} does not satisfy the declared {sp.sstr(assumption.fact)}",
                )
        return Instantiation(old, new)

    def introduces(self, previous, current, context):
        if previous is None:
            return ()
        out: list[Entry] = []
        for old, new in self.mapping:
            if _is_new_name(new, context):
                out.append(self._definition(old, new, previous))
            elif isinstance(old, (sp.Symbol, sp.MatrixSymbol)):
                out.append(Instantiation(old, new))  # later steps must not vary it
        return tuple(out)

    def describe(self, fmt="text"):
        pairs = ", ".join(
            f"{math(old, fmt)} → {math(new, fmt)}"
            if fmt == "text"
            else f"{math(old, fmt)} $\\to$ {math(new, fmt)}"
            for old, new in self.mapping
        )
        if self.lemma is None:
            return f"substitute {pairs}"
        how = "proved" if self.lemma.general else "**checked for concrete cases only**"
        return f"substitute {pairs} by the lemma “{self.lemma.name or 'cited'}” ({how})"


@dataclass(frozen=True)
class SubstituteInto(Rule):
    r"""The previous equation :math:`a = b` used inside a law: every :math:`a` in the law
    becomes :math:`b`.

    The law is a typed :class:`~mathreg.ledger.Law` (another derivation's result, checked
    again, or a definition of a method, shown as assumed). The placeholder is the previous
    left-hand side, which must occur in the law and must not be one of its bound names.

    Parameters
    ----------
    law : Law
        The statement to substitute into.
    rewrites : sequence of str
        Rewrites allowed in the comparison.
    """

    law: Law
    rewrites: tuple[str, ...] = ()
    name = "substitute into"

    def __post_init__(self):
        require_type(self.law, (Law,), "law")
        object.__setattr__(self, "rewrites", check_rewrites(self.rewrites))

    def _check(self, previous, current, context):
        require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        placeholder = previous.lhs
        statement = self.law.statement
        require(
            statement.has(placeholder),
            f"the law does not contain the previous left-hand side {sp.sstr(placeholder)}",
        )
        require(
            head(placeholder) is None or head(placeholder) not in bound_names(statement),
            f"{sp.sstr(placeholder)} is bound in the law; it cannot be replaced",
        )
        # the previous equation holds for every value of the names it shares with the
        # placeholder (log P(θ) = ... for every θ); any other bound name would be captured
        captured = (_free_names(previous.rhs) - names(placeholder)) & {
            head(b) or b for b in bound_names(statement)
        }
        require(
            not captured,
            f"putting {sp.sstr(previous.rhs)} into the law would capture "
            f"{', '.join(map(str, captured))}, which the law binds",
        )
        _confirm_law(self.law)
        expected = statement.xreplace({placeholder: previous.rhs})
        same(expected, current, self.rewrites, context)
        return (self.law, *rewrite_support(self.rewrites, (expected, current), context))

    def describe(self, fmt="text"):
        return f"substitute into {self.law.source}"


_CONFIRMED: dict[str, sp.Basic] = {}


def _confirm_law(law: Law) -> None:
    """A law that cites a derivation must be that derivation's result, and it must check."""
    if law.derivation is None:
        return
    from mathreg.symbolic import DERIVATIONS

    if law.derivation not in DERIVATIONS:
        raise RuleViolation(f"the law cites an unknown derivation {law.derivation!r}")
    if law.derivation not in _CONFIRMED:
        cited = DERIVATIONS[law.derivation]()
        failures = [v for v in cited.verdicts() if not v.ok]
        if failures:
            raise RuleViolation(
                f"the cited derivation {law.derivation!r} fails at step {failures[0].number}"
            )
        _CONFIRMED[law.derivation] = cited.result
    reason = statement_difference(_CONFIRMED[law.derivation], law.statement)
    require(
        reason is None,
        f"the law is not the result of derivation {law.derivation!r}: {reason}",
    )


@dataclass(frozen=True)
class ApplyToBoth(Rule):
    """A function applied to both sides of the previous equation.

    Both sides must lie in the function's domain: they satisfy every assumption declared on
    its variable (``u`` positive for a logarithm), and the function's own expression is
    defined there (no division by something that may be 0).

    Parameters
    ----------
    function : sympy.Lambda
        The function, e.g. ``Lambda(u, log(u))`` with ``u`` positive.
    rewrites : sequence of str
        Rewrites allowed in the comparison.
    """

    function: sp.Lambda
    rewrites: tuple[str, ...] = ()
    name = "apply to both"

    def __post_init__(self):
        require_type(self.function, (sp.Lambda,), "function")
        object.__setattr__(self, "rewrites", check_rewrites(self.rewrites))

    def _check(self, previous, current, context):
        require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        require(isinstance(current, sp.Eq), f"the step must be an equation, got {form_of(current)}")
        (u,) = self.function.variables
        problem = elementary(self.function, context)
        require(problem is None, problem or "")
        problem = undefined(self.function.expr, context)
        require(problem is None, f"the function is not defined everywhere on its domain: {problem}")
        support: list[Entry] = []
        for side, value in (("left", previous.lhs), ("right", previous.rhs)):
            missing = satisfies(value, u, context)
            require(
                not missing,
                f"the {side}-hand side {sp.sstr(value)} is not proved {', '.join(missing)}, "
                f"as the function's variable {u} must be",
            )
            support.extend(facts_used(value, context))
        expected = sp.Eq(self.function(previous.lhs), self.function(previous.rhs), evaluate=False)
        same(expected, current, self.rewrites, context)
        support.extend(rewrite_support(self.rewrites, (expected, current), context))
        return tuple(dict.fromkeys(support))

    def describe(self, fmt="text"):
        u = self.function.variables[0]
        return (
            f"apply {math(self.function.expr, fmt)} to both sides (as a function of {math(u, fmt)})"
        )


@dataclass(frozen=True)
class Solve(Rule):
    r"""Solve the previous equation for ``unknown`` when it is linear in it.

    The equation is :math:`A\,u + b = 0` with :math:`A` and :math:`b` free of :math:`u`; the
    solution :math:`u = -A^{-1} b` is unique and is accepted only when :math:`A` is provably
    nonzero (a number) or invertible (a matrix: positive definite by the cited ``invertible``
    lemma or by a declared assumption). No other equations are solved: a nonlinear one has
    branches to choose from.

    Parameters
    ----------
    unknown : sympy.Basic
        What to solve for (a symbol, a named quantity or a matrix symbol).
    invertible : Lemma, optional
        For a matrix unknown: a lemma stating ``Q.positive_definite(A)`` for the coefficient.
    """

    unknown: sp.Basic
    invertible: Lemma | None = None
    name = "solve"

    def __post_init__(self):
        require_type(self.invertible, (Lemma, type(None)), "invertible")

    def _check(self, previous, current, context):
        require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        if isinstance(self.unknown, sp.MatrixExpr):
            return self._matrix(previous, current, context)
        u = sp.Dummy("u")
        bound = bound_names(previous)
        require(
            not (self.unknown.free_symbols & bound),
            f"{sp.sstr(self.unknown)} is bound by a sum or product in the equation",
        )
        equation = (previous.lhs - previous.rhs).xreplace({self.unknown: u})
        require(equation.has(u), f"the equation does not contain {sp.sstr(self.unknown)}")
        try:
            polynomial = sp.Poly(sp.expand(equation), u)
        except sp.PolynomialError:
            polynomial = None
        require(
            polynomial is not None and polynomial.degree() == 1,
            f"the equation is not a polynomial of degree 1 in {sp.sstr(self.unknown)}",
        )
        hidden = context.hidden_dependence(equation, self.unknown)
        require(
            not hidden,
            f"{', '.join(map(str, hidden))} may depend on {sp.sstr(self.unknown)}",
        )
        coefficient = sp.expand(sp.diff(equation, u))
        require(
            not coefficient.has(u),
            f"the equation is not linear in {sp.sstr(self.unknown)}: only linear equations "
            "have a unique solution without choosing a branch",
        )
        require(
            is_nonzero(coefficient, context),
            f"solving divides by {sp.sstr(coefficient)}, which is not provably nonzero",
        )
        solution = -equation.xreplace({u: 0}) / coefficient
        same(sp.Eq(self.unknown, solution, evaluate=False), current, ("cancel",), context)
        return facts_used(coefficient, context)

    def _matrix(self, previous, current, context):
        u = self.unknown
        equation = previous.lhs - previous.rhs
        require(equation.has(u), f"the equation does not contain {sp.sstr(u)}")
        hidden = context.hidden_dependence(equation, u)
        require(not hidden, f"{', '.join(map(str, hidden))} may depend on {sp.sstr(u)}")
        coefficient = sp.diff(equation, u)
        require(
            not coefficient.has(u),
            f"the equation is not linear in {sp.sstr(u)}",
        )
        rest = equation.xreplace({u: sp.ZeroMatrix(*u.shape)}).doit()
        require(
            is_zero_form(difference(equation, coefficient * u + rest)),
            f"the equation is not of the form A {sp.sstr(u)} + b = 0",
        )
        support: list[Entry] = []
        definite = sp.Q.positive_definite(coefficient)
        declared = [a for fact, a in context.predicates() if fact == definite]
        if declared:
            support.extend(declared)
        else:
            require(
                self.invertible is not None,
                f"cannot show {sp.sstr(coefficient)} invertible: cite a lemma that it is "
                "positive definite",
            )
            stated = self.invertible.statement
            require(
                isinstance(stated, sp.AppliedPredicate)
                and stated.function == sp.Q.positive_definite
                and is_zero_form(difference(stated.arguments[0], coefficient)),
                f"the cited lemma states {sp.sstr(stated)}, not that "
                f"{sp.sstr(coefficient)} is positive definite",
            )
            reason = _lemma_verdict(self.invertible)
            require(reason is None, f"the lemma's own check fails: {reason}")
            support.append(self.invertible)
        solution = coefficient.I * (-rest)
        same(sp.Eq(u, solution, evaluate=False), current, (), context)
        return tuple(support)

    def describe(self, fmt="text"):
        return f"solve for {math(self.unknown, fmt)}"


@dataclass(frozen=True)
class Rearrange(Rule):
    r"""The previous equation rearranged: :math:`a = b` becomes :math:`c = d` when
    :math:`a - b = k\,(c - d)` for a factor :math:`k` that is provably nonzero and free of the
    unknowns (moving terms across, multiplying through).

    The result is an equation, not a definition: its left-hand side names nothing, so a rule
    that needs a definition (:class:`~mathreg.rules.Differentiate`) will not take it.

    Parameters
    ----------
    rewrites : sequence of str
        Rewrites allowed when comparing.
    """

    rewrites: tuple[str, ...] = ()
    name = "rearrange"

    def __post_init__(self):
        object.__setattr__(self, "rewrites", check_rewrites(self.rewrites))

    def _check(self, previous, current, context):
        require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        require(isinstance(current, sp.Eq), f"the step must be an equation, got {form_of(current)}")
        before = previous.lhs - previous.rhs
        after = current.lhs - current.rhs
        require(
            shape_of(previous.lhs) == shape_of(current.lhs),
            "the two equations are not of the same shape",
        )
        if shape_of(previous.lhs) is None:
            factor = sp.cancel(sp.expand(unfold_all(before)) / sp.expand(unfold_all(after)))
        else:
            factor = next(
                (
                    k
                    for k in (sp.S.One, sp.S.NegativeOne)
                    if is_zero_form(difference(before, k * after, self.rewrites, context))
                ),
                None,
            )
            require(factor is not None, "the equations differ by more than a sign")
        require(
            is_nonzero(factor, context) and undefined(factor, context) is None,
            f"the equations differ by the factor {sp.sstr(factor)}, not provably nonzero",
        )
        scalar_rewrites = ("cancel",) if shape_of(previous.lhs) is None else ()
        require(
            is_zero_form(
                difference(before, factor * after, (*scalar_rewrites, *self.rewrites), context)
            ),
            f"{sp.sstr(before)} = 0 is not a multiple of {sp.sstr(after)} = 0",
        )
        return (
            *facts_used(factor, context),
            *rewrite_support(self.rewrites, (previous, current), context),
        )

    def describe(self, fmt="text"):
        return "rearrange the equation"
