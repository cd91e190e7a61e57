"""Deciding that two expressions are equal, with named, targeted rewrites.

A rule's check ends here: it hands two statements and the rewrites it is allowed to use, and
gets back ``None`` (proved equal) or a sentence saying what differs. The canonical form is
``expand`` plus two things SymPy does not do on its own: sums are split term by term with the
factors that do not depend on the index pulled out, and bound summation indices are renamed
by position, so that :math:`\\sum_i a_i - \\sum_j a_j` is recognised as zero.

No rewrite runs with ``force=True``: a logarithm or a power is split only where SymPy proves
it valid, from the symbols' assumptions and from the facts about subexpressions that a
derivation declares (:func:`mathreg.domain.mask` hands those to SymPy). ``simplify`` is not
offered: it is slow, may fail to return 0, and is not a named, targeted rewrite.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import sympy as sp

from mathreg.context import Context
from mathreg.domain import mask, unmask
from mathreg.notation import ArgOpt, Propto, unfold

__all__ = [
    "REWRITES",
    "canonical",
    "difference",
    "expand_plain",
    "is_zero",
    "is_zero_form",
    "statement_difference",
]


def _expand_log(expr: sp.Basic) -> sp.Basic:
    # No force: a logarithm is split only where SymPy can prove its argument's factors
    # positive, from symbol assumptions and from the facts a derivation declares (masked in
    # by :func:`mathreg.domain.mask` before the rewrite runs).
    return sp.expand_log(expr, force=False)


def _expand_power_base(expr: sp.Basic) -> sp.Basic:
    # (ab)^c = a^c b^c and (a^b)^c = a^(bc), only where SymPy can prove them (positive
    # bases, or integer exponents): no force.
    return sp.expand_power_base(sp.powdenest(expr), force=False)


_KEPT_BY_DOIT = (sp.Derivative, sp.Integral, sp.Limit)


def _double_doit(expr: sp.Basic) -> sp.Basic:
    # Matrix expressions sometimes need two passes, e.g. det(sigma^2 I) -> sigma^(2d) det(I).
    # Derivatives, integrals, limits, sums with symbolic limits and every sympy.stats object
    # are kept as written: SymPy would take a name's derivative as 0 (it cannot see what the
    # name depends on), its closed forms for sums are unchecked, and sympy.stats is wrong on
    # some probabilities; the rules that evaluate them (Differentiate, Evaluate) check it.
    hidden: dict[sp.Basic, sp.Basic] = {}

    def kept(node: sp.Basic) -> bool:
        if isinstance(node, _KEPT_BY_DOIT):
            return True
        if (type(node).__module__ or "").startswith("sympy.stats"):
            return True  # every sympy.stats object: only Evaluate evaluates them, and checks
        if isinstance(node, (sp.Sum, sp.Product)):
            # a closed form for a sum with symbolic limits is SymPy's word alone
            return any(low.free_symbols or high.free_symbols for _, low, high in node.limits)
        return False

    def collect(node: sp.Basic) -> None:
        # outermost first: a substitution or a sum around a kept node is kept whole, since
        # the kept node may use its variable (Subs(J'(x), x, 0) is not J'(x))
        around = isinstance(node, (sp.Subs, sp.Sum, sp.Product, sp.Lambda)) and any(
            kept(n) for n in sp.preorder_traversal(node)
        )
        if kept(node) or around:
            hidden.setdefault(node, sp.Dummy("kept", commutative=node.is_commutative))
            return
        for arg in node.args:
            if isinstance(arg, sp.Basic):
                collect(arg)

    collect(expr)
    masked = expr.xreplace(hidden)
    done = masked.doit().doit()
    return done.xreplace({dummy: node for node, dummy in hidden.items()})


REWRITES: dict[str, Callable[[sp.Basic], sp.Basic]] = {
    "doit": _double_doit,
    "expand_log": _expand_log,
    "expand_power_base": _expand_power_base,
    "cancel": sp.cancel,
    "together": sp.together,
    "powsimp": sp.powsimp,
}


def expand_plain(expr: sp.Basic) -> sp.Basic:
    """``expand`` without its sign-dependent hints: splitting log(ab) or (ab)^c is the job of
    the named rewrites, which report the facts they use."""
    return sp.expand(expr, log=False, power_base=False)


def _split_sum(s: sp.Sum) -> sp.Expr:
    """Write a sum as a combination of sums of monomials, constants pulled out."""
    indices = {limit[0] for limit in s.limits}
    total = sp.S.Zero
    for term in sp.Add.make_args(expand_plain(s.function)):
        coefficient, dependent = term.as_independent(*indices, as_Add=False)
        piece = sp.Sum(dependent, *s.limits)
        total += coefficient * (piece.doit() if dependent == 1 else piece)
    return total


def _hadamard(product: sp.HadamardProduct) -> sp.MatrixExpr:
    """Pull scalar factors out of a Hadamard product: (cA)∘B = c(A∘B)."""
    coefficient, matrices = sp.S.One, []
    for factor in product.args:
        c, matrix = factor.as_coeff_mmul()
        coefficient *= c
        matrices.append(matrix.doit() if isinstance(matrix, sp.MatMul) else matrix)
    return coefficient * sp.HadamardProduct(*sorted(matrices, key=sp.default_sort_key))


def _bound_index(old: sp.Symbol, depth: int, position: int) -> sp.Dummy:
    """The canonical name of a summation index: an integer ``Dummy`` fixed by nesting depth
    and position. A ``Dummy`` equals no ``Symbol``, so a free symbol that happens to share the
    name can never be captured."""
    return sp.Dummy(
        f"k{depth}_{position}", dummy_index=10**6 + 100 * depth + position, integer=True
    )


def _rename_bound(expr: sp.Basic, depth: int = 0) -> sp.Basic:
    """Rename summation indices by nesting depth and position (alpha-renaming).

    SymPy lists the limits innermost first: in ``Sum(f, (i, 1, j), (j, 1, n))`` the sum over
    ``j`` is outside, so its index may appear in the limits listed before it. An index is
    renamed in the summand and in those inner limits, never elsewhere.
    """
    if isinstance(expr, (sp.Sum, sp.Product)):
        limits = [tuple(limit) for limit in expr.limits]
        indices = {limit[0] for limit in limits}
        independent = not any(
            (low.free_symbols | high.free_symbols) & indices for _, low, high in limits
        )
        if independent and 1 < len(limits) <= 4:
            # a finite sum over independent ranges does not depend on their order: take the
            # order whose renamed form sorts first, so that equal sums become identical
            forms = [
                _rename_in_order(expr, [limits[k] for k in order], depth)
                for order in itertools.permutations(range(len(limits)))
            ]
            return min(forms, key=sp.default_sort_key)
        return _rename_in_order(expr, limits, depth)
    if not expr.args or isinstance(expr, (sp.MatrixExpr, sp.Indexed)):
        return expr
    return expr.func(*[_rename_bound(arg, depth) for arg in expr.args])


def rename_indices(
    body: sp.Basic, limits: Sequence[tuple], fresh: Callable[[sp.Symbol, int], sp.Symbol]
) -> tuple[sp.Basic, list[tuple]]:
    """A sum's summand and limits with the k-th index (innermost first, as SymPy lists them)
    renamed to ``fresh(index, k)``: in the summand and in the limits listed before it, which
    are inside its scope, never in its own limits or further out."""
    limits = [tuple(limit) for limit in limits]
    for k in range(len(limits)):
        index = limits[k][0]
        new = fresh(index, k)
        body = body.xreplace({index: new})
        for inner in range(k + 1):
            name, low, high = limits[inner]
            limits[inner] = (
                new if inner == k else name,
                low if inner == k else low.xreplace({index: new}),
                high if inner == k else high.xreplace({index: new}),
            )
    return body, limits


def _rename_in_order(expr: sp.Basic, limits: list, depth: int) -> sp.Basic:
    """``expr`` (a sum or product) with ``limits`` renamed by position."""
    body, limits = rename_indices(
        expr.function, limits, lambda index, k: _bound_index(index, depth, k)
    )
    renamed = [
        (name, _rename_bound(low, depth), _rename_bound(high, depth)) for name, low, high in limits
    ]
    return expr.func(_rename_bound(body, depth + 1), *renamed)


def canonical(expr: sp.Basic) -> sp.Basic:
    """A canonical form in which equal expressions usually become identical.

    Parameters
    ----------
    expr : sympy.Basic
        A scalar or matrix expression.

    Returns
    -------
    sympy.Basic
        ``expr`` unfolded (see :func:`mathreg.notation.unfold`), expanded, with sums split
        and their indices renamed.

    Examples
    --------
    >>> i, j = sp.symbols("i j", integer=True)
    >>> n = sp.Symbol("n", integer=True, positive=True)
    >>> a = sp.IndexedBase("a")
    >>> canonical(sp.Sum(2 * a[i], (i, 1, n)) - 2 * sp.Sum(a[j], (j, 1, n)))
    0
    """
    expr = expand_plain(unfold(expr))
    if isinstance(expr, sp.MatrixExpr):
        return expand_plain(expr.replace(lambda e: isinstance(e, sp.HadamardProduct), _hadamard))
    expr = expr.replace(lambda e: isinstance(e, sp.Sum), _split_sum)
    return expand_plain(_rename_bound(expr))


def difference(
    a: sp.Basic, b: sp.Basic, rewrites: Sequence[str] = (), context: Context | None = None
) -> sp.Basic:
    """Canonical form of ``a - b`` after the named rewrites; 0 when they are proved equal.

    The rewrites may use the facts that ``context`` declares about subexpressions.

    Raises
    ------
    ValueError
        If a rewrite name is unknown.
    """
    unknown = [name for name in rewrites if name not in REWRITES]
    if unknown:
        raise ValueError(f"unknown rewrite {unknown[0]!r}; valid rewrites: {sorted(REWRITES)}")
    diff = mask(unfold(a) - unfold(b), context) if rewrites else unfold(a) - unfold(b)
    for name in rewrites:
        diff = REWRITES[name](diff)
    return unmask(canonical(diff))


def is_zero(expr: sp.Basic, rewrites: Sequence[str] = ()) -> bool:
    """Whether ``expr`` is proved to be 0 by the named rewrites and :func:`canonical`.

    Examples
    --------
    >>> x, y = sp.symbols("x y")  # no sign known: log(xy) stays whole (x = y = -1)
    >>> is_zero(sp.log(x * y) - sp.log(x) - sp.log(y), ["expand_log"])
    False
    >>> g, h = sp.symbols("g h", positive=True)  # the rewrite must be named, even then
    >>> is_zero(sp.log(g * h) - sp.log(g) - sp.log(h))
    False
    >>> is_zero(sp.log(g * h) - sp.log(g) - sp.log(h), ["expand_log"])
    True
    """
    return is_zero_form(difference(expr, sp.S.Zero, rewrites))


def is_zero_form(form: sp.Basic) -> bool:
    """Whether a canonical form is zero (the number 0 or a zero matrix)."""
    return form == 0 or isinstance(form, sp.ZeroMatrix)


def statement_difference(
    a: sp.Basic, b: sp.Basic, rewrites: Sequence[str] = (), context: Context | None = None
) -> str | None:
    """Compare two statements of the same form; ``None`` when equal, else what differs.

    Statements are equations (``sympy.Eq``), proportionalities (:class:`Propto`),
    optimisation problems (:class:`ArgMax`/:class:`ArgMin`) or plain expressions. Equations
    and proportionalities are compared side by side, optimisation problems by sense, parameters
    and objective.

    Examples
    --------
    >>> x = sp.Symbol("x")
    >>> statement_difference(sp.Eq(x, (x + 1) ** 2), sp.Eq(x, x**2 + 2 * x + 1)) is None
    True
    >>> statement_difference(sp.Eq(x, 2 * x), sp.Eq(x, 3 * x))
    'right-hand side: the step has 3*x where the rule gives 2*x (difference x)'
    """
    if type(a) is not type(b) and not (_is_plain(a) and _is_plain(b)):
        return f"expected a statement of the form {_form(a)}, got {_form(b)}"
    if isinstance(a, Propto) and a.params != b.params:
        return f"proportional in {b.params}, expected {a.params}"
    if isinstance(a, (sp.Eq, Propto)):
        for side, name in (("lhs", "left-hand side"), ("rhs", "right-hand side")):
            reason = statement_difference(getattr(a, side), getattr(b, side), rewrites, context)
            if reason is not None:
                return f"{name}: {reason}"
        return None
    if isinstance(a, ArgOpt):
        if a.params != b.params:
            return f"optimises over {b.params}, expected {a.params}"
        reason = statement_difference(a.objective, b.objective, rewrites, context)
        return None if reason is None else f"objective: {reason}"
    try:
        form = difference(b, a, rewrites, context)
    except (TypeError, sp.ShapeError) as error:
        return f"the two sides cannot be compared ({error})"
    if is_zero_form(form):
        return None
    return (
        f"the step has {sp.sstr(b)} where the rule gives {sp.sstr(a)} (difference {sp.sstr(form)})"
    )


def _is_plain(expr: sp.Basic) -> bool:
    return not isinstance(expr, (sp.Eq, Propto, ArgOpt))


def _form(expr: sp.Basic) -> str:
    names = {sp.Eq: "an equation", Propto: "a proportionality"}
    for kind, name in names.items():
        if isinstance(expr, kind):
            return name
    if isinstance(expr, ArgOpt):
        return f"arg{expr.sense}"
    return "an expression"
