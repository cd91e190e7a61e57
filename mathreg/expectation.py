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

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import sympy as sp

from mathreg.algebra import canonical, expand_plain, rename_indices
from mathreg.context import Context, head, names
from mathreg.ledger import Entry
from mathreg.notation import Expect, Var

__all__ = ["Moment", "MomentFacts", "collect_facts", "normal_form", "random_in"]


class Moment(sp.Function):
    """An expectation nothing more is known about, :math:`\\mathbb E[m]` for a monomial m.

    The monomial is its argument, not only its printed name: a moment under a sum depends on
    the sum's index (Σᵢ E[eᵢ] is not n times one number), and renaming the index renames it.
    No sign and no realness are assumed."""

    nargs = 1

    @property
    def monomial(self) -> sp.Expr:
        return self.args[0]

    def _sympystr(self, printer) -> str:
        return f"E[{printer._print(self.args[0])}]"

    def _latex(self, printer, exp=None) -> str:
        inner = rf"\mathbb{{E}}\left[{printer._print(self.args[0])}\right]"
        return inner if exp is None else rf"{inner}^{{{exp}}}"


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
        if _is_rv(node) or (head(node) is not None and head(node) in randoms):
            out.append(node)
    return sorted(set(out), key=sp.default_sort_key)


@dataclass
class MomentFacts:
    """Known values of moments, and the entries they come from (for the ledger)."""

    values: dict
    sources: dict
    #: index symbols that another declared fact constrains (``j = 2``): a moment stated with
    #: one of them is about that index only, not "for every index"
    fixed: frozenset = frozenset()

    @classmethod
    def none(cls) -> MomentFacts:
        return cls({}, {})


def _side(atom: sp.Basic, group: Sequence[sp.Basic]) -> bool:
    """Whether ``atom`` is one of ``group``, or an entry of an indexed name in it."""
    return any(atom == item or (head(atom) == item and item != atom) for item in group)


def _split(monomial: sp.Expr, context: Context, used: set) -> list[sp.Expr]:
    """Factor a monomial into parts that are independent, along declared independence.

    A factor goes to one side of a declaration only when every random atom in it belongs to
    that side and none to the other; the two sides must take every factor between them."""
    factors = sp.Mul.make_args(monomial)
    atoms = {f: _atoms_of(f, list(names(f))) for f in factors}
    for statement in context.independence():
        left, right = [], []
        for f in factors:
            in_first = [a for a in atoms[f] if _side(a, statement.first)]
            in_second = [a for a in atoms[f] if _side(a, statement.second)]
            if in_first and not in_second and len(in_first) == len(atoms[f]):
                left.append(f)
            elif in_second and not in_first and len(in_second) == len(atoms[f]):
                right.append(f)
            else:
                break
        else:
            if left and right:
                used.add(statement)
                return _split(sp.Mul(*left), context, used) + _split(sp.Mul(*right), context, used)
    return [monomial]


def _fresh_indices(s: sp.Sum) -> sp.Sum:
    """The same sum with new index names, renamed in the summand and in the inner limits
    (SymPy lists limits innermost first)."""
    body, limits = rename_indices(
        s.function, s.limits, lambda index, _: sp.Dummy(str(index), integer=True)
    )
    return sp.Sum(body, *limits)


def _flatten(expr: sp.Expr) -> list[tuple[sp.Expr, tuple]]:
    """``expr`` as terms ``(t, limits)`` with ``expr = Σ_terms Sum(t, *limits)`` and no sum
    left inside a ``t``: products and powers of finite sums become one sum over all their
    indices (renamed apart). Linearity then passes E[·] through each finite sum."""
    if isinstance(expr, sp.Add):
        return [term for arg in expr.args for term in _flatten(arg)]
    if isinstance(expr, sp.Sum):
        renamed = _fresh_indices(expr)
        return [(t, (*limits, *renamed.limits)) for t, limits in _flatten(renamed.function)]
    factors: list[sp.Expr] = []
    if isinstance(expr, sp.Mul):
        factors = list(expr.args)
    elif (
        isinstance(expr, sp.Pow) and expr.exp.is_Integer and expr.exp > 0 and expr.base.has(sp.Sum)
    ):
        factors = [expr.base] * int(expr.exp)
    if factors and any(f.has(sp.Sum) for f in factors):
        terms: list[tuple[sp.Expr, tuple]] = [(sp.S.One, ())]
        for factor in factors:
            parts = _flatten(factor)
            terms = [(a * b, (*la, *lb)) for a, la in terms for b, lb in parts]
        return terms
    return [(expr, ())]


def _match(key: sp.Expr, pattern: sp.Expr, fixed: frozenset = frozenset()) -> dict | None:
    """Indices that make the monomial ``pattern`` (with index symbols as unknowns) equal
    ``key``: both are products of indexed or plain random atoms.

    An index symbol is an unknown unless ``fixed`` holds it, and it binds only an index that
    has every assumption the symbol was created with (an ``even`` index binds 2, not 1)."""

    def factors(m):
        out = []
        for f in sp.Mul.make_args(m):
            base, power = (f.base, f.exp) if isinstance(f, sp.Pow) and f.exp.is_Integer else (f, 1)
            out += [base] * int(power)
        return out

    mine, theirs = factors(key), factors(pattern)
    if len(mine) != len(theirs):
        return None
    unknowns = {
        s
        for f in theirs
        if isinstance(f, sp.Indexed)
        for i in f.indices
        for s in i.free_symbols
        if s not in fixed
    }
    for order in itertools.permutations(range(len(mine))):
        binding: dict = {}
        for a, b in zip((mine[k] for k in order), theirs, strict=True):
            if isinstance(a, sp.Indexed) and isinstance(b, sp.Indexed) and a.base == b.base:
                if len(a.indices) != len(b.indices):
                    break
                ok = True
                for ia, ib in zip(a.indices, b.indices, strict=True):
                    if ib in unknowns:
                        if not _satisfies(ia, ib) or binding.setdefault(ib, ia) != ia:
                            ok = False
                            break
                    elif ia != ib:
                        ok = False
                        break
                if not ok:
                    break
            elif a != b:
                break
        else:
            return binding
    return None


def _satisfies(index: sp.Expr, unknown: sp.Symbol) -> bool:
    """Whether ``index`` provably has every assumption ``unknown`` was created with."""
    return all(
        getattr(index, f"is_{key}", None) == value for key, value in unknown.assumptions0.items()
    )


def _lookup(key: sp.Expr, facts: MomentFacts) -> tuple[sp.Expr, Entry] | None:
    """A known moment's value: stated for this monomial, or for a pattern with index symbols
    (E[ε_j ε_k] = σ² δ_jk covers every pair of entries)."""
    if key in facts.values:
        return facts.values[key], facts.sources[key]
    for pattern, value in facts.values.items():
        binding = _match(key, pattern, facts.fixed)
        if binding:
            return value.xreplace(binding), facts.sources[pattern]
    return None


def _monomials(expr: sp.Expr, atoms: Sequence[sp.Basic]) -> dict:
    """``expr`` as ``{monomial in the atoms: coefficient}``, written out term by term (SymPy's
    ``Poly`` would rewrite the coefficients, splitting logarithms on the way)."""
    out: dict = {}
    for term in sp.Add.make_args(expand_plain(expr)):
        coefficient, part = term.as_independent(*atoms, as_Add=False)
        for factor in sp.Mul.make_args(part):
            base, power = factor.as_base_exp()
            if part != 1 and not (base in atoms and power.is_Integer and power > 0):
                raise ValueError(
                    f"{sp.sstr(expr)} is not a polynomial in its random quantities "
                    f"({sp.sstr(factor)})"
                )
        out[part] = out.get(part, sp.S.Zero) + coefficient
    return out


def _moments(inner: sp.Expr, context: Context, facts: MomentFacts, used: set) -> sp.Expr:
    """E[inner] for ``inner`` free of sums: linearity over its monomials in the random
    atoms, independence, and the known moments."""
    randoms = random_in(inner, context)
    atoms = _atoms_of(inner, randoms)
    if not atoms:
        return inner  # E[c] = c
    total = sp.S.Zero
    for monomial, coefficient in _monomials(inner, atoms).items():
        hidden = [n for n in names(coefficient) if n in context.random_names() or _is_rv(n)]
        if hidden or any(_is_rv(node) for node in sp.preorder_traversal(coefficient)):
            raise ValueError(
                f"the coefficient {sp.sstr(coefficient)} still holds a random quantity"
            )
        if monomial == 1:
            total += coefficient
            continue
        value = sp.S.One
        for part in _split(monomial, context, used):
            key = sp.expand(part)
            known = _lookup(key, facts)
            if known is not None:
                used.add(known[1])
                value *= known[0]
            else:
                value *= Moment(key)
        total += coefficient * value
    return total


def _eliminate_delta(total: sp.Expr) -> sp.Expr:
    """Σ_k δ_jk g(k) = g(j) inside a sum over j and k with the same range."""

    def once(s: sp.Sum) -> sp.Expr:
        limits = list(s.limits)
        function = expand_plain(s.function)
        if isinstance(function, sp.Add):  # a sum of terms: each its own sum
            return sp.Add(*[sp.Sum(term, *limits) for term in function.args])
        factors = sp.Mul.make_args(function)
        for delta in [f for f in factors if isinstance(f, sp.KroneckerDelta)]:
            a, b = delta.args
            for k, (index, low, high) in enumerate(limits):
                other = b if index == a else a if index == b else None
                if other is None:
                    continue
                if not any(lim[0] == other and (lim[1], lim[2]) == (low, high) for lim in limits):
                    continue
                if any(lim[1].has(index) or lim[2].has(index) for lim in limits):
                    continue  # another range depends on the index: it cannot go
                body = (s.function / delta).xreplace({index: other})
                rest = [lim for j, lim in enumerate(limits) if j != k]
                return sp.Sum(expand_plain(body), *rest) if rest else body
        return s

    previous = None
    while previous != total:
        previous = total
        total = total.replace(lambda e: isinstance(e, sp.Sum), once)
    return total


def _expectation(inner: sp.Expr, context: Context, facts: MomentFacts, used: set) -> sp.Expr:
    total = sp.S.Zero
    for term, limits in _flatten(expand_plain(inner)):
        value = _moments(term, context, facts, used)
        total += sp.Sum(value, *limits) if limits else value
    return _eliminate_delta(total)


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
    # products of finite sums outside the expectations become single sums too, so that the
    # two sides of a step are written alike
    flat = sum(
        (sp.Sum(t, *limits) if limits else t for t, limits in _flatten(expand_plain(result))),
        sp.S.Zero,
    )
    return canonical(_eliminate_delta(flat)), used


def collect_facts(statements: Iterable[tuple[sp.Eq, Entry]], context: Context) -> MomentFacts:
    """Moment values from equations ``E[...] = v`` or ``Var[...] = v`` (in order).

    Each equation's left-hand side is brought to normal form with the facts found so far; it
    must then be linear in one unknown moment, whose value it gives.
    """
    statements = list(statements)
    moments = {source for _, source in statements}
    fixed = frozenset(
        symbol
        for assumption in context.assumptions()
        if assumption not in moments and isinstance(assumption.fact, sp.Basic)
        for symbol in assumption.fact.free_symbols
    )
    facts = MomentFacts({}, {}, fixed)
    for equation, source in statements:
        lhs, _ = normal_form(equation.lhs, context, facts)
        unknowns = sorted(lhs.atoms(Moment), key=str)
        if len(unknowns) != 1:
            continue
        (moment,) = unknowns
        unknown = sp.Dummy("m")
        linear = lhs.xreplace({moment: unknown})
        slope = sp.diff(linear, unknown)
        if slope.has(unknown) or not slope.is_nonzero:
            continue
        rest = sp.expand(linear - slope * unknown)
        value = sp.expand((equation.rhs - rest) / slope)
        facts.values[moment.monomial] = value
        facts.sources[moment.monomial] = source
    return facts
