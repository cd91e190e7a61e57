r"""Signs and domains: what may be divided by, taken the logarithm of, or rewritten.

SymPy answers ``is_positive`` from the assumptions carried by symbols. A derivation also
declares facts about *subexpressions* that no symbol can carry, such as
:math:`1 - \hat y_i > 0`; :func:`mask` wraps each declared subexpression in an object that
carries the sign, so that SymPy's own reasoning (``expand_log`` without ``force``, for
instance) can use the fact and nothing else. The wrapper keeps the subexpression as its
argument, so dependence on a summation index or on the parameters is not lost.

:func:`undefined` finds the parts of a statement that may be undefined: a division by
something not provably nonzero, a logarithm of something not provably positive, a fractional
power of something not provably nonnegative, the inverse of a matrix not declared invertible.
Every statement of a derivation must be defined everywhere its symbols' assumptions allow,
so that no step can divide by something that may be 0.

:func:`facts_used` lists, for the ledger, the assumptions an expression's sign rests on.
"""

from __future__ import annotations

import sympy as sp

from mathreg.context import Context
from mathreg.ledger import Assumption, Entry, SymbolFact

__all__ = [
    "definedness_facts",
    "facts_used",
    "is_nonnegative",
    "is_nonzero",
    "is_positive",
    "is_real",
    "mask",
    "undefined",
]


class _Positive(sp.Function):
    """A subexpression declared positive (see :func:`mask`)."""

    nargs = 1
    is_positive = True
    is_real = True
    is_finite = True


class _Nonnegative(sp.Function):
    """A subexpression declared nonnegative (see :func:`mask`)."""

    nargs = 1
    is_nonnegative = True
    is_real = True
    is_finite = True


def mask(expr: sp.Basic, context: Context | None) -> sp.Basic:
    """``expr`` with every subexpression the context declares positive (nonnegative) wrapped
    in an object that SymPy knows to be positive (nonnegative).

    Examples
    --------
    >>> from mathreg.ledger import Assumption
    >>> p = sp.Symbol("p", positive=True)
    >>> context = Context(given=[Assumption(p < 1, "a probability below 1")])
    >>> bool(mask(1 - p, context).is_positive)
    True
    """
    # a sum of positive terms over a proper range is positive, which SymPy's assumptions do
    # not see (log of a sum of exponentials then splits like any log); a product stays
    # visible, since expand_log turns the log of a product into a sum of logs
    expr = expr.replace(
        lambda e: isinstance(e, sp.Sum) and _positive(e, context),
        lambda e: _Positive(e),
    )
    if context is None:
        return expr
    replacements = {}
    sources = {}
    for sign, sub, assumption in context.signed():
        wrapper = _Positive if sign == "positive" else _Nonnegative
        replacements.setdefault(sub, wrapper(sub))
        sources.setdefault(sub, assumption)
    if not replacements:
        return expr
    negated = {sp.expand(-sub): -wrapped for sub, wrapped in replacements.items()}
    negated_sources = {sp.expand(-sub): source for sub, source in sources.items()}

    def known(e: sp.Basic) -> bool:
        if e in replacements or e in negated:
            return True
        return isinstance(e, sp.Add) and (sp.expand(e) in replacements or sp.expand(e) in negated)

    def wrap(e: sp.Basic) -> sp.Basic:
        for key in (e, sp.expand(e)):
            if key in replacements:
                context.note(sources[key])
                return replacements[key]
            if key in negated:
                context.note(negated_sources[key])
                return negated[key]  # -(a - b) is declared positive: a - b is negative
        return e

    return expr.replace(known, wrap)


def unmask(expr: sp.Basic) -> sp.Basic:
    """Undo :func:`mask`."""
    return expr.replace(lambda e: isinstance(e, (_Positive, _Nonnegative)), lambda e: e.args[0])


def _declared_definite(matrix: sp.Basic, context: Context | None) -> bool:
    if context is None:
        return False
    return any(
        fact.function in (sp.Q.positive_definite,) and _same_matrix(fact.arguments[0], matrix)
        for fact, _ in context.predicates()
    )


def _same_matrix(a: sp.Basic, b: sp.Basic) -> bool:
    if a == b:
        return True
    try:
        gap = sp.expand((a - b).doit())
    except (TypeError, sp.ShapeError):
        return False
    return gap == 0 or isinstance(gap, sp.ZeroMatrix)


def _positive(expr: sp.Basic, context: Context | None) -> bool:
    if expr.is_positive:
        return True
    if isinstance(expr, (sp.Sum, sp.Product)):
        finite = all(lo.is_finite and hi.is_finite for _, lo, hi in expr.limits)
        if not finite:
            return False  # an infinite product of positive factors may be 0
        if isinstance(expr, sp.Product):
            return _positive(expr.function, context)
        nonempty = all(bool((hi - lo).is_nonnegative) for _, lo, hi in expr.limits)
        return nonempty and _positive(expr.function, context)
    if isinstance(expr, sp.Mul):
        return all(_positive(arg, context) for arg in expr.args)
    if isinstance(expr, sp.Add):
        return all(_nonnegative(a, context) for a in expr.args) and any(
            _positive(a, context) for a in expr.args
        )
    if isinstance(expr, sp.Pow):
        return _positive(expr.base, context) and bool(expr.exp.is_extended_real)
    if isinstance(expr, sp.Determinant):
        return _declared_definite(expr.arg, context)
    return False


def _nonnegative(expr: sp.Basic, context: Context | None) -> bool:
    if expr.is_nonnegative or _positive(expr, context):
        return True
    if isinstance(expr, (sp.Mul, sp.Add)):
        return all(_nonnegative(arg, context) for arg in expr.args)
    if isinstance(expr, sp.Pow):
        even_real = bool(expr.exp.is_even) and bool(expr.base.is_extended_real)
        return even_real or (_nonnegative(expr.base, context) and bool(expr.exp.is_extended_real))
    return False


def is_positive(expr: sp.Basic, context: Context | None = None) -> bool:
    """Whether ``expr`` is provably positive, from symbol assumptions and declared facts.

    Products, sums and powers of positive terms count, which SymPy's assumptions miss for
    ``Product``/``Sum`` objects; so does a sum that is a positive fraction once put over a
    common denominator (1 - 1/(1 + e^-a) = e^-a/(1 + e^-a)).
    """
    masked = mask(expr, context)
    if _positive(masked, context):
        return True
    if isinstance(masked, sp.Add):
        return _positive(sp.factor_terms(sp.together(masked)), context)
    return False


def is_nonnegative(expr: sp.Basic, context: Context | None = None) -> bool:
    """Whether ``expr`` is provably nonnegative."""
    return _nonnegative(mask(expr, context), context)


def is_nonzero(expr: sp.Basic, context: Context | None = None) -> bool:
    """Whether ``expr`` is provably nonzero."""
    masked = mask(expr, context)
    if masked.is_nonzero or _positive(masked, context) or _positive(-masked, context):
        return True
    if isinstance(masked, sp.Mul):
        return all(is_nonzero(arg, context) for arg in masked.args)
    if isinstance(masked, sp.Pow):
        return is_nonzero(masked.base, context) and bool(masked.exp.is_finite)
    return False


def is_real(expr: sp.Basic, context: Context | None = None) -> bool:
    """Whether ``expr`` is provably real (finite or not)."""
    masked = mask(expr, context)
    if masked.is_extended_real:
        return True
    if isinstance(masked, (sp.Sum, sp.Product)):
        return is_real(masked.function, context)
    if isinstance(masked, (sp.Add, sp.Mul)):
        return all(is_real(arg, context) for arg in masked.args)
    if isinstance(masked, sp.Pow):
        return is_positive(masked.base, context) and is_real(masked.exp, context)
    if isinstance(masked, sp.log):
        return is_positive(masked.args[0], context)
    return False


def undefined(expr: sp.Basic, context: Context | None = None) -> str | None:
    """The first part of ``expr`` that may be undefined, as a sentence; ``None`` if none.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> undefined(1 / x)
    'it divides by x, which is not provably nonzero'
    >>> undefined(sp.log(x)) is None
    False
    >>> undefined(sp.log(sp.Symbol("s", positive=True))) is None
    True
    """
    problem = _reversed_range(expr, {})
    if problem is not None:
        return problem
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow):
            base, exp = node.base, node.exp
            if is_positive(base, context):
                continue
            if exp.is_integer:
                if exp.is_nonnegative or is_nonzero(base, context):
                    continue
                return f"it divides by {sp.sstr(base)}, which is not provably nonzero"
            if exp.is_positive and is_nonnegative(base, context):
                continue
            return f"it takes {sp.sstr(node)}, and {sp.sstr(base)} is not provably positive"
        if isinstance(node, sp.log) and not is_positive(node.args[0], context):
            return f"it takes log({sp.sstr(node.args[0])}), which is not provably positive"
        pole = _pole(node, context)
        if pole is not None:
            return pole
        if isinstance(node, sp.Inverse) and not _declared_definite(node.arg, context):
            return f"it inverts {sp.sstr(node.arg)}, which is not declared invertible"
    return None


#: functions with poles on the real line, as the quotient whose denominator must not vanish:
#: tan x = sin x / cos x has a pole (and atan(tan x) a jump) wherever cos x = 0
_QUOTIENTS = {
    sp.tan: sp.cos,
    sp.sec: sp.cos,
    sp.cot: sp.sin,
    sp.csc: sp.sin,
    sp.coth: sp.sinh,
    sp.csch: sp.sinh,
}
#: functions with poles at 0 and the negative integers: defined for a positive argument
_GAMMA_POLES = (sp.gamma, sp.loggamma, sp.digamma, sp.polygamma)


def _pole(node: sp.Basic, context: Context | None) -> str | None:
    """Why ``node``, a function with poles, may be taken at one of them; ``None`` if not."""
    for kind, denominator in _QUOTIENTS.items():
        if isinstance(node, kind) and node.is_finite is not True:
            bottom = denominator(node.args[0])
            if not is_nonzero(bottom, context):
                return (
                    f"it takes {sp.sstr(node)}, which has a pole where {sp.sstr(bottom)} = 0, "
                    "and that is not provably never the case"
                )
    if isinstance(node, _GAMMA_POLES) and node.is_finite is not True:
        argument = node.args[-1]
        if not is_positive(argument, context):
            return (
                f"it takes {sp.sstr(node)}, which has poles at 0 and the negative integers, "
                f"and {sp.sstr(argument)} is not provably positive"
            )
    return None


def definedness_facts(expr: sp.Basic, context: Context | None = None) -> tuple[Entry, ...]:
    """What makes ``expr`` defined, as :func:`undefined` decides it: the sign facts of every
    divisor, base of a fractional power and argument of a logarithm in it (so that the
    ledger lists "x is real" when :math:`\\log(1 + e^x)` is defined because of it)."""
    needed = []
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Pow):
            if node.base.is_number or (node.exp.is_integer and node.exp.is_nonnegative):
                continue
            needed.append(node.base)
        elif isinstance(node, sp.log) and not node.args[0].is_number:
            needed.append(node.args[0])
    entries = [entry for part in needed for entry in facts_used(part, context)]
    return tuple(dict.fromkeys(entries))


def _sign_atoms(expr: sp.Basic):
    """The nodes whose sign an expression's sign can rest on: symbols, indexed bases and
    probabilities, not looking inside probabilities, matrix shapes, indices or limits."""
    from mathreg.notation import Pr

    if isinstance(expr, Pr) or isinstance(expr, (sp.Symbol, sp.IndexedBase)):
        yield expr
        return
    from mathreg.notation import Exp, FrobeniusSq, Scalar

    if isinstance(expr, sp.Function) and not isinstance(expr, (Exp, FrobeniusSq, Scalar)):
        if not (type(expr).__module__ or "").startswith("sympy"):
            yield expr  # a function class of the book or the reader: its declared signs count
            return
    if isinstance(expr, sp.Indexed):
        yield expr.base
        return
    if isinstance(expr, (sp.MatrixSymbol, sp.Lambda)):
        return
    if isinstance(expr, (sp.Sum, sp.Product)):
        yield from _sign_atoms(expr.function)
        return
    for arg in expr.args:
        if isinstance(arg, sp.Basic):
            yield from _sign_atoms(arg)


def _reversed_range(expr: sp.Basic, lower: dict) -> str | None:
    """A sum or product whose range may run backwards (SymPy then uses Karr's convention,
    under which an 'empty' sum can be negative), as a sentence; ``None`` if every range is
    provably proper. ``lower`` maps the enclosing indices to their lower limits."""
    if isinstance(expr, (sp.Sum, sp.Product)):
        bounds = dict(lower)
        for index, low, high in reversed(expr.limits):  # outermost first
            if not (low.is_integer and high.is_integer):
                return (
                    f"the range {index} = {sp.sstr(low)} .. {sp.sstr(high)} has limits not "
                    "declared integers"
                )
            shift = {
                j: bounds[j] + sp.Dummy(f"t_{j}", integer=True, nonnegative=True)
                for j in (low.free_symbols | high.free_symbols) & set(bounds)
            }
            gap = sp.expand((high - low + 1).xreplace(shift))
            if not gap.is_nonnegative:
                return f"the range {index} = {sp.sstr(low)} .. {sp.sstr(high)} may run backwards"
            bounds[index] = low.xreplace(shift)
        return _reversed_range(expr.function, bounds)
    for arg in expr.args:
        if isinstance(arg, sp.Basic):
            problem = _reversed_range(arg, lower)
            if problem is not None:
                return problem
    return None


#: The sign facts a symbol may carry, strongest first: the ledger reports the first that holds.
_SYMBOL_FACTS = ("positive", "negative", "nonnegative", "nonpositive", "nonzero", "real")


def facts_used(expr: sp.Basic, context: Context | None = None) -> tuple[Entry, ...]:
    """The assumptions the sign of ``expr`` can rest on: symbol assumptions of its atoms,
    the positivity of probabilities in it, and the declared facts about its subexpressions."""
    from mathreg.notation import Pr

    entries: list[Entry] = []
    for node in dict.fromkeys(_sign_atoms(expr)):
        if isinstance(node, Pr):
            entries.append(SymbolFact(node, ("positive",)))
            continue
        if isinstance(node, sp.Function):
            facts = tuple(
                key
                for key in ("positive", "nonnegative", "real")
                if getattr(node, f"is_{key}", None)
            )
            if facts:
                entries.append(SymbolFact(node, facts[:1]))
            continue
        # what SymPy infers for the symbol: its keywords, what they imply (a prime is
        # positive) and what its class sets; the strongest sign fact is reported
        original = getattr(node, "_assumptions_orig", None)
        if original is None:
            original = getattr(node, "assumptions0", {}) or {}
        facts = tuple(
            key
            for key in _SYMBOL_FACTS
            if getattr(node, f"is_{key}", None) is True
            # realness only as declared: an integer index is real, which no sign rests on
            and (key != "real" or original.get("real") or "is_real" in vars(type(node)))
        )
        if facts:
            entries.append(SymbolFact(node, facts[:1]))
    if context is not None:
        signed = context.signed()
        if signed:
            nodes = [node for node in sp.preorder_traversal(expr) if isinstance(node, sp.Expr)]
            present = set(nodes) | {sp.expand(n) for n in nodes if isinstance(n, sp.Add)}
            for _, sub, assumption in signed:
                if sub in present:
                    entries.append(assumption)
        for fact, assumption in context.predicates():
            if expr.has(fact.arguments[0]):
                entries.append(assumption)
    return tuple(dict.fromkeys(entries))


def declared(entries: tuple[Entry, ...]) -> tuple[Assumption, ...]:
    """The declared assumptions among ``entries``."""
    return tuple(e for e in entries if isinstance(e, Assumption))
