"""What every rule shares: the :class:`Rule` interface, the failure it raises, and the checks
that several rules make (same statement, a fresh name, an unchanged left-hand side)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import fields
from typing import ClassVar

import sympy as sp

from mathreg.algebra import REWRITES, statement_difference
from mathreg.context import Context, head, names
from mathreg.domain import facts_used, is_nonnegative, is_nonzero, is_positive, is_real
from mathreg.ledger import Entry, Rewrite, SymbolFact
from mathreg.notation import ArgOpt, Propto

__all__ = ["Rule", "RuleViolation"]


class RuleViolation(Exception):
    """Raised by :meth:`Rule.check`: the step does not follow by this rule."""


class Rule(ABC):
    """How a statement follows from the previous one; :meth:`check` proves it or raises.

    Every rule is an immutable dataclass: what it shows on the page is what it checked.
    """

    name: ClassVar[str] = ""

    def check(
        self, previous: sp.Basic | None, current: sp.Basic, context: Context | None = None
    ) -> tuple[Entry, ...]:
        """Raise :class:`RuleViolation` unless ``current`` follows from ``previous``.

        Parameters
        ----------
        previous : sympy.Basic or None
            The previous statement (``None`` before the first step).
        current : sympy.Basic
            The statement to check.
        context : Context, optional
            The derivation's declared inputs and earlier statements; by default only the
            previous statement is known.

        Returns
        -------
        tuple of Entry
            What the check relied on, for the ledger.
        """
        if context is None:
            context = Context(earlier=() if previous is None else (previous,))
        support = tuple(self._check(previous, current, context))
        if previous is not None:
            support += integer_facts((previous, current))
        return tuple(dict.fromkeys(support))

    @abstractmethod
    def _check(
        self, previous: sp.Basic | None, current: sp.Basic, context: Context
    ) -> Sequence[Entry]:
        """The check itself (see :meth:`check`)."""

    def introduces(
        self, previous: sp.Basic | None, current: sp.Basic, context: Context
    ) -> tuple[Entry, ...]:
        """Definitions this step adds for the steps after it (a new estimate, a gradient)."""
        return ()

    def describe(self, fmt: str = "text") -> str:
        """What the rule did, for the reader (``fmt`` is ``"text"`` or ``"latex"``)."""
        return self.name

    def inputs(self) -> tuple[sp.Basic, ...]:
        """The SymPy objects the rule holds (for the check that no two names print alike)."""
        out: list[sp.Basic] = []
        for f in fields(self):  # every rule is a dataclass
            value = getattr(self, f.name)
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, tuple):
                    out.extend(x for x in item if isinstance(x, sp.Basic))
                elif isinstance(item, sp.Basic):
                    out.append(item)
                elif isinstance(item, Entry):
                    out.extend(item.expressions())
        return tuple(out)


# --- helpers the rules share ------------------------------------------------------------------

#: functions whose value SymPy rewrites when an argument is an integer (sin(πn) = 0,
#: floor(n) = n, n! as a product): an integer symbol inside one is a fact a step may rest on
_INTEGER_SENSITIVE = (
    sp.functions.elementary.trigonometric.TrigonometricFunction,
    sp.exp,
    sp.floor,
    sp.ceiling,
    sp.frac,
    sp.Mod,
    sp.factorial,
    sp.binomial,
    sp.gamma,
)
#: the integer kinds a symbol may be declared with, strongest first
_INTEGER_FACTS = ("prime", "even", "odd", "integer")


def integer_facts(statements: Sequence[sp.Basic]) -> tuple[Entry, ...]:
    """The integer assumptions a step can rest on without any sign fact showing it.

    SymPy uses a symbol's integrality silently: (xz)ⁿ = xⁿzⁿ, xⁿ/xⁿ⁻¹ = x and (−1)²ⁿ = 1 for
    an integer n, sin(πn) = 0, floor(n) = n. A symbol (or an indexed name's base) declared
    integer, even, odd or prime that stands in an exponent or in the argument of such a
    function, and that no sum or integral binds there, is listed as a fact the step used
    (listed whether or not the rewriting needed it: never hidden)."""
    out: list[Entry] = []
    for statement in statements:
        bound = bound_names(statement)
        for node in sp.preorder_traversal(statement):
            if isinstance(node, sp.Pow):
                places: tuple = (node.exp,)
            elif isinstance(node, _INTEGER_SENSITIVE):
                places = node.args
            else:
                continue
            for place in places:
                for name in _value_names(place):
                    if name in bound:
                        continue
                    kinds = [k for k in _INTEGER_FACTS if getattr(name, f"is_{k}", None)]
                    if kinds:
                        out.append(SymbolFact(name, tuple(kinds[:1])))
    return tuple(dict.fromkeys(out))


def _value_names(expr: sp.Basic):
    """The symbols and indexed bases whose values ``expr`` uses: not the indices of an entry
    (x_j's value need not be an integer because j is), nor matrix shapes."""
    if isinstance(expr, (sp.Symbol, sp.IndexedBase)):
        yield expr
    elif isinstance(expr, sp.Indexed):
        yield expr.base
    elif not isinstance(expr, sp.MatrixSymbol):
        for arg in expr.args:
            if isinstance(arg, sp.Basic):
                yield from _value_names(arg)


def require(condition: bool, reason: str) -> None:
    """Raise :class:`RuleViolation` with ``reason`` unless ``condition`` holds."""
    if not condition:
        raise RuleViolation(reason)


def same(expected: sp.Basic, actual: sp.Basic, rewrites: Sequence[str], context: Context) -> None:
    """Raise unless the two statements are equal, every part compared."""
    reason = statement_difference(expected, actual, rewrites, context)
    if reason is not None:
        raise RuleViolation(reason)


def check_rewrites(rewrites: Sequence[str]) -> tuple[str, ...]:
    """Validate rewrite names early, with the list of valid ones."""
    rewrites = tuple(rewrites)
    for name in rewrites:
        if name not in REWRITES:
            raise ValueError(f"unknown rewrite {name!r}; valid rewrites: {sorted(REWRITES)}")
    return rewrites


def rewrite_support(
    rewrites: Sequence[str], statements: Sequence[sp.Basic], context: Context
) -> tuple[Entry, ...]:
    """The facts that the sign-dependent rewrites relied on, for the ledger.

    ``expand_log`` splits :math:`\\log(ab)` only for positive factors, and
    ``expand_power_base`` splits :math:`(ab)^c` only for positive bases: the facts are the
    signs of the logarithms' arguments and of the bases of fractional powers.
    """
    out: list[Entry] = []
    for rewrite in rewrites:
        if rewrite == "expand_log":
            parts = [
                node.args[0]
                for s in statements
                for node in sp.preorder_traversal(s)
                if isinstance(node, sp.log)
            ]
        elif rewrite == "expand_power_base":
            parts = [
                node.base
                for s in statements
                for node in sp.preorder_traversal(s)
                if isinstance(node, sp.Pow) and not node.exp.is_integer
            ]
        else:
            continue
        facts: list[Entry] = []
        for part in parts:
            facts.extend(facts_used(part, context))
        facts = list(dict.fromkeys(facts))
        if facts:
            out.append(Rewrite(rewrite, tuple(f.describe("text") for f in facts)))
            out.extend(facts)
    return tuple(dict.fromkeys(out))


def split_problem(statement: sp.Basic) -> tuple[sp.Basic | None, ArgOpt]:
    """``(estimate, problem)`` for ``estimate = argmax[...]``; ``(None, problem)`` for a bare
    ``argmax[...]``."""
    if isinstance(statement, sp.Eq) and isinstance(statement.rhs, ArgOpt):
        return statement.lhs, statement.rhs
    if isinstance(statement, ArgOpt):
        return None, statement
    raise RuleViolation(
        f"expected an optimisation problem (argmax/argmin), got {sp.sstr(statement)}"
    )


def same_estimate(previous: sp.Basic, current: sp.Basic) -> tuple[ArgOpt, ArgOpt]:
    """The two problems, after checking that the step keeps the previous left-hand side (or
    stays a bare problem) and optimises over the same parameters."""
    before_name, before = split_problem(previous)
    after_name, after = split_problem(current)
    if before_name is None:
        require(after_name is None, "a bare optimisation problem cannot acquire a name here")
    else:
        require(
            after_name == before_name,
            f"the left-hand side must stay {sp.sstr(before_name)}, got {sp.sstr(after_name)}",
        )
    require(
        before.params == after.params,
        f"the parameters must not change: {before.params} became {after.params}",
    )
    return before, after


def require_params(
    objective: sp.Basic, params: Sequence[sp.Basic], context: Context, where: str
) -> None:
    """Each parameter is a name and the objective depends on it (none vanished by renaming)."""
    require(len(params) > 0, f"{where} needs at least one parameter")
    for p in params:
        require(head(p) is not None, f"the parameter {sp.sstr(p)} is not a name")
        require(
            context.depends(objective, p),
            f"the {where} does not depend on the parameter {sp.sstr(p)}",
        )


def require_fresh(
    name: sp.Basic, context: Context, what: str, inputs: Sequence[sp.Basic] = ()
) -> None:
    """``name`` is a name (symbol, matrix symbol, indexed symbol) used neither before nor in
    the rule's own ``inputs``."""
    require(
        isinstance(name, (sp.Symbol, sp.MatrixSymbol, sp.Indexed)),
        f"{what} must be a name (a symbol), got {sp.sstr(name)}",
    )
    used = set().union(*(names(e) for e in inputs)) if inputs else set()
    require(
        context.is_fresh(name) and head(name) not in used,
        f"{what} {sp.sstr(name)} must be a new name; it is already used",
    )
    require(
        not declared_assumptions(head(name)),
        f"{what} {sp.sstr(name)} must carry no assumptions: nothing proves them",
    )


_SIGN_KEYS = (
    "positive",
    "nonnegative",
    "negative",
    "nonpositive",
    "nonzero",
    "real",
    "integer",
    "rational",
    "even",
    "odd",
    "prime",
)


def declared_assumptions(symbol: sp.Basic) -> dict[str, bool]:
    """The sign and type assumptions of a symbol (or indexed base), including those its
    declared ones imply (a prime is positive) and those its class sets (``is_positive =
    True`` on a subclass)."""
    closure = getattr(symbol, "assumptions0", {}) or {}
    return {
        k: True for k in _SIGN_KEYS if closure.get(k) or getattr(symbol, f"is_{k}", None) is True
    }


def require_type(value, types, argument: str) -> None:
    """A ``TypeError`` naming the argument when ``value`` has the wrong type. Ledger entries
    must be of exactly the named type: a subclass could describe itself as something else."""
    exact = isinstance(value, Entry) and type(value) not in types
    if exact or not isinstance(value, types):
        names_ = " or ".join(t.__name__ for t in types if t is not type(None))
        raise TypeError(f"{argument} must be a {names_}, got {type(value).__name__}")


def satisfies(expr: sp.Basic, symbol: sp.Basic, context: Context) -> list[str]:
    """The assumptions declared on ``symbol`` that ``expr`` is not proved to satisfy."""
    missing = []
    declared = declared_assumptions(symbol)
    checks = {
        "positive": is_positive,
        "nonnegative": is_nonnegative,
        "nonzero": is_nonzero,
        "real": is_real,
        "negative": lambda e, c: is_positive(-e, c),
        "nonpositive": lambda e, c: is_nonnegative(-e, c),
    }
    for key in declared:
        if key in checks:
            ok = checks[key](expr, context)
        else:
            ok = bool(getattr(expr, f"is_{key}", False))
        if not ok:
            missing.append(key)
    return missing


def bound_names(statement: sp.Basic) -> set:
    """Names bound in a statement: indices of sums, products and integrals, optimisation
    parameters, and the variables of lambdas, substitutions and derivatives."""
    bound = set()
    for node in sp.preorder_traversal(statement):
        if isinstance(node, (sp.Sum, sp.Product, sp.Integral)):
            bound |= {limit[0] for limit in node.limits}
        elif isinstance(node, ArgOpt):
            bound |= {head(p) for p in node.params}
        elif isinstance(node, sp.Lambda):
            bound |= set(node.variables)
        elif isinstance(node, (sp.Subs, sp.Derivative)):
            bound |= set(node.variables)
    return bound


def form_of(statement: sp.Basic) -> str:
    """A short description of a statement's form, for messages."""
    if isinstance(statement, sp.Eq):
        return "an equation"
    if isinstance(statement, Propto):
        return "a proportionality"
    if isinstance(statement, ArgOpt):
        return f"an arg{statement.sense}"
    return "an expression"


def shape_of(expr: sp.Basic) -> tuple | None:
    """The shape of a matrix expression; ``None`` for a scalar (an indexed entry included)."""
    return expr.shape if isinstance(expr, sp.MatrixExpr) else None


def mentions(statement: sp.Basic, name: sp.Basic) -> bool:
    """Whether ``statement`` contains ``name`` (by structure, or by head for indexed names)."""
    return statement.has(name) or head(name) in names(statement)


#: What a function in ``apply to both`` or ``monotone`` may be built from: arithmetic,
#: powers, exponentials, logarithms and absolute values (and the matrix operations of the
#: same kind). No derivative, substitution, sum or piecewise definition: those are not
#: functions of the value alone, or have jumps.
_ELEMENTARY = (
    sp.Add,
    sp.Mul,
    sp.Pow,
    sp.log,
    sp.exp,
    sp.Abs,
    sp.Symbol,
    sp.Number,
    sp.NumberSymbol,
    sp.MatrixSymbol,
    sp.MatAdd,
    sp.MatMul,
    sp.Inverse,
    sp.Transpose,
    sp.Identity,
    sp.ZeroMatrix,
    sp.HadamardProduct,
)


def elementary(function: sp.Lambda, context: Context) -> str | None:
    """Why ``function`` is not an elementary function of its variable alone, or ``None``.

    Besides its form (which binds no name, so it cannot capture one), its variable must not
    be the subject of a declared fact: the domain is declared on the symbol itself.
    """
    from mathreg.notation import Exp

    (u,) = function.variables
    for node in sp.preorder_traversal(function.expr):
        if not isinstance(node, (*_ELEMENTARY, Exp)):
            return (
                f"{type(node).__name__} is not allowed in a function here: only arithmetic, "
                "powers, exp, log and Abs of the variable"
            )
    for _, sub, assumption in context.signed():
        if sub.has(u):
            return (
                f"the declared fact {sp.sstr(assumption.fact)} is about the function's variable "
                f"{u}: declare its domain on the symbol"
            )
    return None


#: Functions whose derivative SymPy writes as if they had no jump or kink.
NON_SMOOTH = (
    sp.Piecewise,
    sp.Heaviside,
    sp.sign,
    sp.Abs,
    sp.floor,
    sp.ceiling,
    sp.frac,
    sp.Mod,
    sp.Max,
    sp.Min,
    sp.DiracDelta,
    sp.arg,  # jumps from pi to 0 at 0 on the real line; SymPy's derivative there is 0
    sp.atan2,
    sp.acot,  # acot(x) = atan(1/x): jumps from -pi/2 to pi/2 at 0, derivative -1/(1 + x^2)
)


def require_free_variable(variable: sp.Basic, context: Context) -> None:
    """An optimisation variable ranges over all reals (or all matrices): no sign assumption
    on its symbol and no declared fact about it restricts the domain."""
    restricted = set(declared_assumptions(variable)) - {"real"}
    require(
        not restricted,
        f"{sp.sstr(variable)} is declared {', '.join(sorted(restricted))}: the optimum over "
        "a restricted domain is not where the derivative vanishes",
    )
    for _, sub, assumption in context.signed():
        require(
            not sub.has(variable),
            f"the declared fact {sp.sstr(assumption.fact)} restricts {sp.sstr(variable)}",
        )
