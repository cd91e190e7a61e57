r"""Rules of differential calculus: differentiating a defined quantity, and the chain rule."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import sympy as sp

from mathreg.algebra import difference, is_zero_form
from mathreg.context import head, names
from mathreg.domain import facts_used, is_positive, is_real
from mathreg.intervals import settle
from mathreg.ledger import (
    Assumption,
    Definition,
    Instantiation,
    KnownDerivative,
    Lemma,
    Oracle,
    math,
)
from mathreg.notation import ArgMin, Expect, Var, for_calculus
from mathreg.rules.base import (
    NON_SMOOTH,
    Rule,
    RuleViolation,
    bound_names,
    form_of,
    require,
    require_free_variable,
    require_fresh,
    require_type,
    same,
    shape_of,
)

__all__ = ["ChainRule", "Differentiate", "Series", "Stationary"]


_MATRIX_CALCULUS = Oracle(
    "SymPy's matrix calculus",
    "each matrix derivative",
    "confirmed entry by entry on explicit matrices of small concrete sizes",
)


def _unfold_definitions(expr: sp.Basic, context) -> sp.Basic:
    """``expr`` with every name that a definition gives a value replaced by that value."""
    values = {d.name: d.value for d in context.definitions() if d.value is not None}
    for _ in range(len(values) + 1):
        unfolded = expr.xreplace(values)
        if unfolded == expr:
            break
        expr = unfolded
    return expr


def _opaque_and_new(value: sp.Basic, context) -> bool:
    """A new symbol, or an application of a function of the book's (``back(W)``) that no
    earlier statement or declaration mentions."""
    if isinstance(value, (sp.Symbol, sp.MatrixSymbol)):
        return context.is_fresh(value)
    book_function = (type(value).__module__ or "").startswith("mathreg.")
    seen = any(statement.has(value) for statement in context.earlier) or any(
        expr.has(value) for entry in context.entries for expr in entry.expressions()
    )
    return book_function and not seen


def _random(term: sp.Basic) -> bool:
    from sympy.stats.rv import RandomSymbol

    return any(
        isinstance(node, (RandomSymbol, Expect, Var))
        or (type(node).__module__ or "").startswith("sympy.stats")
        for node in sp.preorder_traversal(term)
    )


def _explicit(expr: sp.Basic, sizes: dict, matrices: dict) -> sp.Basic:
    """``expr`` with sizes made concrete and each matrix symbol an explicit matrix."""
    concrete = expr.xreplace(sizes)
    concrete = concrete.xreplace({m.xreplace(sizes): matrices[m] for m in matrices})
    return sp.Matrix(concrete.doit()) if isinstance(concrete, sp.MatrixExpr) else concrete.doit()


def confirm_matrix_derivative(
    term: sp.Basic, variable: sp.MatrixSymbol, piece: sp.Basic
) -> str | None:
    """Confirm SymPy's derivative of ``term`` in a matrix ``variable`` entry by entry, on
    explicit matrices of small concrete sizes; ``None`` when it agrees, else the reason."""
    expr = for_calculus(term)
    symbols = expr.atoms(sp.MatrixSymbol) | piece.atoms(sp.MatrixSymbol) | {variable}
    shape_symbols = sorted(
        {s for m in symbols for size in m.shape for s in sp.sympify(size).free_symbols},
        key=str,
    )
    for offset in (2,):  # distinct sizes 2, 3, ... for the distinct size symbols
        sizes = {s: offset + k for k, s in enumerate(shape_symbols)}
        matrices = {
            m: sp.Matrix(
                *[int(n) for n in m.xreplace(sizes).shape],
                lambda i, j, name=m.name: sp.Symbol(f"{name}_{i}_{j}", real=True),
            )
            for m in symbols
        }
        try:
            value = _explicit(expr, sizes, matrices)
            if isinstance(value, sp.MatrixBase):
                if value.shape != (1, 1):
                    return f"{sp.sstr(term)} is not a number"
                value = value[0, 0]
            entries = matrices[variable]
            expected = entries.applyfunc(lambda e, f=value: sp.diff(f, e))
            claimed = _explicit(piece, sizes, matrices)
        except Exception as error:
            return f"cannot confirm the derivative of {sp.sstr(term)} entry by entry ({error})"
        if not isinstance(claimed, sp.MatrixBase) or claimed.shape != expected.shape:
            return f"SymPy's derivative of {sp.sstr(term)} has the wrong shape"
        if any(sp.expand(a - b) != 0 for a, b in zip(claimed, expected, strict=True)):
            return (
                f"SymPy's matrix calculus gives {sp.sstr(piece)} for the derivative of "
                f"{sp.sstr(term)}, which the entry-by-entry derivative refutes"
            )
    return None


def confirm_jacobian(
    vector: sp.MatrixExpr, variable: sp.MatrixSymbol, jacobian: sp.Basic
) -> str | None:
    """Confirm SymPy's derivative of a column ``vector`` in a column ``variable`` (its Jacobian,
    here a Hessian) entry by entry on explicit matrices of small concrete sizes."""
    symbols = vector.atoms(sp.MatrixSymbol) | jacobian.atoms(sp.MatrixSymbol) | {variable}
    shape_symbols = sorted(
        {s for m in symbols for size in m.shape for s in sp.sympify(size).free_symbols}, key=str
    )
    for offset in (2,):  # distinct sizes 2, 3, ... for the distinct size symbols
        sizes = {s: offset + k for k, s in enumerate(shape_symbols)}
        matrices = {
            m: sp.Matrix(
                *[int(n) for n in m.xreplace(sizes).shape],
                lambda i, j, name=m.name: sp.Symbol(f"{name}_{i}_{j}", real=True),
            )
            for m in symbols
        }
        try:
            values = _explicit(vector, sizes, matrices)
            entries = matrices[variable]
            expected = sp.Matrix(
                values.shape[0],
                entries.shape[0],
                lambda i, j, v=values, e=entries: sp.diff(v[i, 0], e[j, 0]),
            )
            claimed = _explicit(jacobian, sizes, matrices)
        except Exception as error:
            return f"cannot confirm the Hessian entry by entry ({error})"
        if claimed.shape != expected.shape or any(
            sp.expand(a - b) != 0 for a, b in zip(claimed, expected, strict=True)
        ):
            return f"SymPy's Hessian {sp.sstr(jacobian)} is refuted entry by entry"
    return None


@dataclass(frozen=True, init=False)
class Differentiate(Rule):
    r"""Differentiate the previous right-hand side in ``variable``.

    The previous step defines a name, :math:`J = f`; this step is
    :math:`\partial J / \partial x = \partial f / \partial x`, its left-hand side the new name
    ``gradient`` (fresh) or ``Derivative(J, x)``. Each term of :math:`f` is differentiated by
    SymPy (matrix calculus for a matrix variable of symbolic shape), except the terms whose
    derivative is given as a :class:`~mathreg.ledger.KnownDerivative`. A term that depends on
    :math:`x` only through a name (:math:`P(\mathcal D \mid \theta)` when :math:`W` is part of
    :math:`\theta`) is refused unless its derivative is given: SymPy would treat it as a
    constant.

    Parameters
    ----------
    variable : sympy.Basic
        The variable (a symbol or a ``MatrixSymbol``).
    known : sequence of KnownDerivative, optional
        Derivatives that are named rather than computed.
    gradient : sympy.Basic, optional
        A new name for the derivative (a matrix symbol of the variable's shape for a matrix
        variable).
    """

    variable: sp.Basic
    known: tuple[KnownDerivative, ...]
    gradient: sp.Basic | None
    name = "differentiate"

    def __init__(
        self,
        variable: sp.Basic,
        known: Sequence[KnownDerivative] = (),
        gradient: sp.Basic | None = None,
    ):
        for entry in known:
            require_type(entry, (KnownDerivative,), "known")
        object.__setattr__(self, "variable", variable)
        object.__setattr__(self, "known", tuple(known))
        object.__setattr__(self, "gradient", gradient)

    def _lhs(self, previous):
        return (
            self.gradient
            if self.gradient is not None
            else sp.Derivative(previous.lhs, self.variable)
        )

    def _check(self, previous, current, context):
        require(isinstance(previous, sp.Eq), "the previous step must be an equation J = f")
        require(isinstance(current, sp.Eq), f"the step must be an equation, got {form_of(current)}")
        defined = previous.lhs
        require(
            head(defined) is not None
            and not defined.has(self.variable)
            and head(defined) not in names(previous.rhs),
            f"the previous left-hand side {sp.sstr(defined)} must be a name defined by the "
            "right-hand side, for every value of the variable",
        )
        require(
            not (self.variable.free_symbols & bound_names(previous)),
            f"{sp.sstr(self.variable)} uses an index that a sum in the statement binds",
        )
        fixed = [e for e in context.introduced if isinstance(e, Instantiation)]
        fixed = [e for e in fixed if e.symbol == self.variable or e.symbol in names(self.variable)]
        require(
            not fixed,
            f"{sp.sstr(self.variable)} was given a value by an earlier step: the statement holds "
            "only there, and cannot be differentiated in it",
        )
        if self.gradient is not None:
            require_fresh(self.gradient, context, "the gradient's name", (self.variable,))
            require(
                shape_of(self.gradient) == shape_of(self.variable),
                f"the gradient {sp.sstr(self.gradient)} must have the shape of the variable",
            )
        expected_lhs = self._lhs(previous)
        require(
            current.lhs == expected_lhs,
            f"the left-hand side must be {sp.sstr(expected_lhs)}, got {sp.sstr(current.lhs)}",
        )
        for entry in self.known:
            require(
                entry.variable == self.variable,
                f"a known derivative is in {sp.sstr(entry.variable)}, not in "
                f"{sp.sstr(self.variable)}",
            )
            require(
                context.depends(entry.term, self.variable),
                f"{sp.sstr(entry.term)} does not depend on {sp.sstr(self.variable)}: its "
                "derivative is 0, not a named quantity",
            )
        known = {entry.term: entry for entry in self.known}
        used: list = []
        for entry in self.known:
            term = _unfold_definitions(entry.term, context)
            if not context.hidden_dependence(term, self.variable):
                # SymPy can differentiate this term itself: the named value must agree
                computed = sp.diff(for_calculus(term), self.variable)
                require(
                    is_zero_form(difference(computed, entry.value)),
                    f"the known derivative of {sp.sstr(entry.term)} is {sp.sstr(computed)}, "
                    f"not {sp.sstr(entry.value)}",
                )
                if shape_of(self.variable) is not None:
                    problem = confirm_matrix_derivative(term, self.variable, computed)
                    require(problem is None, problem or "")
            else:
                # only a new, opaque name can stand for a derivative SymPy cannot compute:
                # then it is a definition, not a claim about a value
                require(
                    _opaque_and_new(entry.value, context),
                    f"the derivative of {sp.sstr(entry.term)} cannot be computed here, so it "
                    f"may only be given a new name, not the value {sp.sstr(entry.value)}",
                )
        pieces = []
        expanded = sp.expand(previous.rhs)
        split = sp.MatAdd.make_args if isinstance(expanded, sp.MatrixExpr) else sp.Add.make_args
        for term in split(expanded):
            if term in known:
                pieces.append(known[term].value)
                used.append(known[term])
                continue
            inside = [k for k in known if term.has(k)]
            if inside:
                raise RuleViolation(f"the term {sp.sstr(term)} contains {sp.sstr(inside[0])}")
            hidden = context.hidden_dependence(term, self.variable)
            if hidden:
                raise RuleViolation(
                    f"the term {sp.sstr(term)} depends on {sp.sstr(self.variable)} through "
                    f"{', '.join(map(str, hidden))}, which SymPy would treat as a constant; "
                    "give its derivative as a known derivative"
                )
            kinked = [
                n
                for n in sp.preorder_traversal(term)
                if isinstance(n, NON_SMOOTH) and n.has(self.variable)
            ]
            # a kink of the integrand is a kink of the integral in its limits (∫₀ˣ sign = |x|)
            kinked += [
                n
                for integral in sp.preorder_traversal(term)
                if isinstance(integral, sp.Integral) and integral.has(self.variable)
                for n in sp.preorder_traversal(integral.function)
                if isinstance(n, NON_SMOOTH)
            ]
            if kinked:
                raise RuleViolation(
                    f"the term {sp.sstr(term)} has a jump or a kink in {sp.sstr(self.variable)}: "
                    "SymPy's derivative would ignore it"
                )
            if _random(term):
                raise RuleViolation(
                    f"the term {sp.sstr(term)} involves an expectation or a random variable: "
                    "its derivative needs more than SymPy's differentiation"
                )
            if term.has(sp.Order):
                raise RuleViolation(
                    f"the term {sp.sstr(term)} is an O(...) remainder: it stands for terms it "
                    "does not show, whose derivative is not known"
                )
            # an entry x[j] of an indexed quantity also hides in a sum over x[k]
            present = (
                term.has(self.variable.base)
                if isinstance(self.variable, sp.Indexed)
                else term.has(self.variable)
            )
            if present:  # a term free of the variable contributes 0
                piece = sp.diff(for_calculus(term), self.variable)
                if isinstance(self.variable, sp.Indexed):
                    # Σ_k δ_jk a_k = a_j for j in the range, which the declared facts give
                    piece = piece.replace(
                        lambda e: isinstance(e, sp.Sum) and e.has(sp.KroneckerDelta),
                        lambda e: e.doit(),
                    )
                    for condition in piece.atoms(sp.Rel):
                        used.extend(
                            f
                            for f in facts_used(condition.lhs - condition.rhs, context)
                            if isinstance(f, Assumption)
                        )
                    piece = settle(piece, context)
                if shape_of(self.variable) is not None:
                    problem = confirm_matrix_derivative(term, self.variable, piece)
                    require(problem is None, problem or "")
                    used.append(_MATRIX_CALCULUS)
                pieces.append(piece)
        pieces = [p for p in pieces if not is_zero_form(p)]
        expected = sum(pieces[1:], pieces[0]) if pieces else sp.S.Zero
        same(expected, current.rhs, (), context)
        return (*used, *self.introduces(previous, current, context))

    def introduces(self, previous, current, context):
        if self.gradient is None or not isinstance(previous, sp.Eq):
            return ()
        return (
            Definition(
                self.gradient,
                sp.Derivative(previous.lhs, self.variable, evaluate=False),
                "its gradient",
                depends_on=(previous.rhs,),
            ),
        )

    def describe(self, fmt="text"):
        return f"differentiate in {math(self.variable, fmt)}"


@dataclass(frozen=True)
class ChainRule(Rule):
    r"""Pull a gradient back through a map :math:`Y = f(X)`.

    The previous step's left-hand side :math:`G` must be known to be
    :math:`\partial L/\partial Y` (a premise :math:`G = \partial L/\partial Y`, or an earlier
    chain-rule step), and the map is a cited definition :math:`Y := f(X)`. For a scalar loss
    :math:`L` that depends on :math:`X` only through :math:`Y` (an assumption the ledger
    shows), :math:`\partial L/\partial X_{ij} = \sum_{kl} G_{kl}\,\partial Y_{kl}/\partial
    X_{ij}`, the derivative of :math:`\operatorname{tr}(G^T f(X))` in :math:`X` with
    :math:`G` held fixed; SymPy's matrix calculus computes it for symbolic shapes.

    Parameters
    ----------
    through : Definition
        The map, ``Definition(Y, f(X), ...)``.
    variable : sympy.MatrixSymbol
        :math:`X`.
    gradient : sympy.MatrixSymbol
        A new name for :math:`\partial L/\partial X`, the step's left-hand side.
    """

    through: Definition
    variable: sp.Basic
    gradient: sp.Basic
    name = "chain rule"

    def __post_init__(self):
        require_type(self.through, (Definition,), "through")
        if self.through.value is None:
            raise ValueError("through must define its name by a value: Definition(Y, f(X))")

    def _check(self, previous, current, context):
        require(isinstance(previous, sp.Eq), "the previous step must be an equation G = ...")
        upstream = previous.lhs
        output = self.through.name
        of = context.gradient_of(upstream)
        require(
            of == output,
            f"the previous left-hand side {sp.sstr(upstream)} is not known to be the gradient "
            f"of {sp.sstr(output)}"
            + (f" (it is the gradient of {sp.sstr(of)})" if of is not None else ""),
        )
        mapping = self.through.value
        for definition in context.definitions():
            if definition.name == output and definition.value is not None:
                require(
                    is_zero_form(difference(definition.value, mapping)),
                    f"{sp.sstr(output)} is already defined as {sp.sstr(definition.value)}, not "
                    f"{sp.sstr(mapping)}",
                )
        for statement in context.earlier:
            if isinstance(statement, sp.Eq) and statement.lhs == output:
                require(
                    is_zero_form(difference(statement.rhs, mapping)),
                    f"an earlier step says {sp.sstr(output)} = {sp.sstr(statement.rhs)}",
                )
        require(
            mapping.has(self.variable),
            f"the map {sp.sstr(mapping)} does not involve {sp.sstr(self.variable)}",
        )
        hidden = context.hidden_dependence(mapping, self.variable)
        require(
            not hidden,
            f"the map depends on {sp.sstr(self.variable)} also through "
            f"{', '.join(map(str, hidden))}",
        )
        require_fresh(
            self.gradient, context, "the gradient's name", (self.variable, mapping, output)
        )
        require(
            shape_of(self.gradient) == shape_of(self.variable),
            f"the gradient {sp.sstr(self.gradient)} must have the shape of the variable",
        )
        require(
            isinstance(current, sp.Eq) and current.lhs == self.gradient,
            f"the step must be an equation for {sp.sstr(self.gradient)}",
        )
        pulled_back = sp.diff(sp.Trace(upstream.T * mapping), self.variable)
        problem = confirm_matrix_derivative(
            sp.Trace(upstream.T * mapping), self.variable, pulled_back
        )
        require(problem is None, problem or "")
        same(pulled_back, current.rhs, (), context)
        only_through = Assumption(
            f"the loss depends on {sp.sstr(self.variable)} only through {sp.sstr(output)}",
            "the network is a chain of layers",
        )
        return (
            self.through,
            only_through,
            _MATRIX_CALCULUS,
            *self.introduces(previous, current, context),
        )

    def introduces(self, previous, current, context):
        return (
            Definition(
                self.gradient,
                None,
                f"the gradient of the loss at {sp.sstr(self.variable)}",
                gradient_of=self.variable,
            ),
        )

    def describe(self, fmt="text"):
        through = sp.Eq(self.through.name, self.through.value, evaluate=False)
        return f"chain rule through {math(through, fmt)}"


@dataclass(frozen=True)
class Stationary(Rule):
    r"""The minimiser of a quadratic with a positive-definite Hessian is where its gradient
    vanishes.

    The previous step is a gradient :math:`g = G(w)` that a :class:`Differentiate` step named,
    :math:`g = \partial J/\partial w` for a defined :math:`J`. The Hessian
    :math:`H = \partial G/\partial w` must not depend on :math:`w` (so :math:`J` is quadratic
    and a minimiser exists) and must be positive definite (a number provably positive, or a
    matrix by the cited lemma). Then :math:`\hat w = \arg\min_w J` exists, is unique, and is
    the one solution of :math:`G(\hat w) = 0`, which is this step.

    Parameters
    ----------
    estimate : sympy.Basic
        A new name for the minimiser (a matrix symbol of :math:`w`'s shape for a vector).
    hessian : Lemma, optional
        For a vector :math:`w`: a lemma stating ``Q.positive_definite(H)``.
    """

    estimate: sp.Basic
    hessian: Lemma | None = None
    name = "stationary point"

    def __post_init__(self):
        require_type(self.hessian, (Lemma, type(None)), "hessian")

    def _gradient_of(self, previous, context):
        """``(J, w, f)``: the defined quantity, the variable and J's definition."""
        for definition in context.definitions():
            value = definition.value
            if definition.name == previous.lhs and isinstance(value, sp.Derivative):
                (variable,) = value.variables
                defined = value.expr
                for statement in context.earlier:
                    if isinstance(statement, sp.Eq) and statement.lhs == defined:
                        return defined, variable, statement.rhs
        raise RuleViolation(
            f"{sp.sstr(previous.lhs)} is not a gradient named by a differentiate step"
        )

    def _check(self, previous, current, context):
        require(isinstance(previous, sp.Eq), "the previous step must be a gradient g = G(w)")
        require(isinstance(current, sp.Eq), f"the step must be an equation, got {form_of(current)}")
        _, w, _ = self._gradient_of(previous, context)
        gradient = previous.rhs
        require_free_variable(w, context)
        hidden = context.hidden_dependence(gradient, w)
        require(
            not hidden,
            f"the gradient depends on {sp.sstr(w)} also through {', '.join(map(str, hidden))}",
        )
        require(
            not any(isinstance(n, NON_SMOOTH) for n in sp.preorder_traversal(gradient)),
            "the gradient has a jump or a kink: the Hessian would miss it",
        )
        hessian = sp.diff(gradient, w)
        if isinstance(hessian, sp.Derivative) or hessian.has(w):
            raise RuleViolation(
                f"the Hessian {sp.sstr(hessian)} depends on {sp.sstr(w)}: only a quadratic "
                "is known to have its minimiser where the gradient vanishes"
            )
        require_fresh(self.estimate, context, "the minimiser's name", (w, gradient))
        require(
            shape_of(self.estimate) == shape_of(w),
            f"the minimiser {sp.sstr(self.estimate)} must have the shape of {sp.sstr(w)}",
        )
        support: list = []
        if shape_of(w) is None:
            require(
                is_real(gradient, context),
                f"the gradient {sp.sstr(gradient)} is not provably real: a complex objective "
                "has no minimiser",
            )
            require(
                is_positive(hessian, context),
                f"the second derivative {sp.sstr(hessian)} is not provably positive",
            )
            zero = sp.S.Zero
        else:
            require(self.hessian is not None, "cite a lemma that the Hessian is positive definite")
            problem = confirm_jacobian(gradient, w, hessian)
            require(problem is None, problem or "")
            support.append(_MATRIX_CALCULUS)
            stated = self.hessian.statement
            require(
                isinstance(stated, sp.AppliedPredicate)
                and stated.function == sp.Q.positive_definite
                and is_zero_form(difference(stated.arguments[0], hessian)),
                f"the cited lemma states {sp.sstr(stated)}, not that the Hessian "
                f"{sp.sstr(hessian)} is positive definite",
            )
            reason = self.hessian.proof(stated)
            require(reason is None, f"the lemma's own check fails: {reason}")
            support.append(self.hessian)
            zero = sp.ZeroMatrix(*shape_of(w))
        expected = sp.Eq(gradient.xreplace({w: self.estimate}), zero, evaluate=False)
        same(expected, current, (), context)
        return (*support, *self.introduces(previous, current, context))

    def introduces(self, previous, current, context):
        try:
            _, w, objective = self._gradient_of(previous, context)
        except RuleViolation:
            return ()
        return (Definition(self.estimate, ArgMin(objective, w), "the minimiser"),)

    def describe(self, fmt="text"):
        return "the minimiser of a convex quadratic is where the gradient vanishes"


@dataclass(frozen=True)
class Series(Rule):
    r"""The previous right-hand side expanded in powers of ``variable`` near 0.

    The step is :math:`L = B + O(x^n)`. SymPy's ``series`` gives the expansion, which must
    equal :math:`B`; the result is confirmed another way, by proving with ``limit`` that the
    remainder divided by :math:`x^n` stays bounded as :math:`x \to 0^+`.

    Parameters
    ----------
    variable : sympy.Symbol
        The small quantity, declared positive.
    """

    variable: sp.Symbol
    name = "series"

    def _check(self, previous, current, context):
        x = self.variable
        require(bool(x.is_positive), f"{x} must be declared positive (a small step, a rate)")
        require(isinstance(previous, sp.Eq), "the previous step must be an equation")
        require(isinstance(current, sp.Eq), f"the step must be an equation, got {form_of(current)}")
        require(
            current.lhs == previous.lhs, f"the left-hand side must stay {sp.sstr(previous.lhs)}"
        )
        orders = [o for o in sp.Add.make_args(current.rhs) if isinstance(o, sp.Order)]
        require(len(orders) == 1, "the step must end in one O(...) term")
        (order,) = orders
        require(
            order.variables == (x,) and order.point == (0,),
            f"the O(...) term must be in {x} near 0",
        )
        power = sp.Poly(order.expr, x).degree() if order.expr.has(x) else 0
        claimed = sp.Add(*[t for t in sp.Add.make_args(current.rhs) if t is not order])
        # SymPy expands in x alone: a name that depends on x (y := 1/x²) would be taken as a
        # constant, and y·x "is O(x)"
        hidden = context.hidden_dependence(previous.rhs, x) + context.hidden_dependence(claimed, x)
        require(
            not hidden,
            f"the expansion depends on {x} also through {', '.join(map(str, hidden))}",
        )
        expansion = sp.series(previous.rhs, x, 0, power).removeO()
        require(
            is_zero_form(difference(expansion, claimed)),
            f"the expansion up to {sp.sstr(order)} is {sp.sstr(expansion)}, not {sp.sstr(claimed)}",
        )
        bound = sp.limit((previous.rhs - claimed) / x**power, x, 0, "+")
        require(
            bound.is_finite is True,
            f"the remainder is not O({sp.sstr(x**power)}): divided by it, it tends to "
            f"{sp.sstr(bound)}",
        )
        return (
            Oracle(
                "SymPy's series",
                current,
                "confirmed: the remainder divided by the order's power has a finite limit",
            ),
        )

    def describe(self, fmt="text"):
        return f"expand in {math(self.variable, fmt)} near 0"
