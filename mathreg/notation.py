r"""SymPy objects for the note's notation that SymPy lacks.

Each prints the way a textbook writes it (LaTeX for the site, Unicode for the terminal) and
knows how to *unfold* into plain SymPy, so that a rule's check works on ordinary expressions:

- :class:`ArgMax`, :class:`ArgMin`: :math:`\arg\max_\theta f(\theta)`, an optimisation problem;
- :class:`Propto`: the statement :math:`a \propto b`;
- :class:`Pr`: a probability or density such as :math:`P(\mathcal{D} \mid \theta)`, positive;
- :class:`Scalar`: a :math:`1 \times 1` matrix expression such as :math:`\theta^T \theta` used
  as a number;
- :class:`FrobeniusSq`: :math:`\lVert W \rVert_F^2`, which unfolds to
  :math:`\operatorname{tr}(W^T W)`;
- :class:`Back`: :math:`\operatorname{back}(W)`, the gradient of the data loss that
  backpropagation computes, kept opaque;
- :class:`Exp`: :math:`\exp(x)` written with ``\exp``, for long exponents, unfolding to
  SymPy's ``exp``.
"""

from __future__ import annotations

import functools

import sympy as sp
from sympy.printing.pretty.stringpict import prettyForm, stringPict

__all__ = [
    "ArgMax",
    "ArgMin",
    "ArgOpt",
    "Back",
    "Exp",
    "Expect",
    "FrobeniusSq",
    "Gradient",
    "Pr",
    "Propto",
    "Scalar",
    "Var",
    "for_calculus",
    "named_matrix",
    "named_symbol",
    "real_matrices",
    "unfold",
]


def _pretty_call(printer, head: str, *args) -> prettyForm:
    """Pretty-print ``head(args…)`` with SymPy's 2-D printer."""
    inner = printer._print_seq(args, delimiter=", ")
    return prettyForm(*stringPict.next(prettyForm(head), inner.parens()))


class ArgOpt(sp.Expr):
    """An optimisation problem: the argument that maximises or minimises an objective.

    Parameters
    ----------
    objective : sympy.Expr
        The function of the parameters to optimise.
    *params : sympy.Basic
        The parameters optimised over (symbols, indexed bases or matrix symbols).
    """

    is_commutative = True
    sense: str = ""

    def __new__(cls, objective, *params):
        if not params:
            raise TypeError(f"{cls.__name__} needs at least one parameter to optimise over")
        return sp.Expr.__new__(cls, sp.sympify(objective), *params)

    @property
    def objective(self) -> sp.Expr:
        """The expression being optimised."""
        return self.args[0]

    @property
    def params(self) -> tuple[sp.Basic, ...]:
        """The parameters optimised over."""
        return self.args[1:]

    def _latex(self, printer) -> str:
        params = ", ".join(printer._print(p) for p in self.params)
        body = printer._print(self.objective)
        return rf"\mathop{{\mathrm{{arg\,{self.sense}}}}}\limits_{{{params}}} \left[ {body} \right]"

    def _sympystr(self, printer) -> str:
        params = ", ".join(printer._print(p) for p in self.params)
        return f"arg{self.sense}_{{{params}}}[{printer._print(self.objective)}]"

    def _pretty(self, printer) -> prettyForm:
        params = ", ".join(sp.pretty(p, use_unicode=True) for p in self.params)
        body = printer._print(self.objective)
        body = prettyForm(*body.parens("[", "]"))
        head = prettyForm(*stringPict.stack(f"arg{self.sense}", params))
        head.baseline = 0
        return prettyForm(*stringPict.next(head, " ", body))


class ArgMax(ArgOpt):
    r""":math:`\arg\max_\theta f(\theta)`."""

    sense = "max"


class ArgMin(ArgOpt):
    r""":math:`\arg\min_\theta f(\theta)`."""

    sense = "min"


class Propto(sp.Basic):
    r"""The statement :math:`\mathrm{lhs} \propto \mathrm{rhs}` as functions of ``params``.

    ``Propto(lhs, rhs, theta)`` says that ``lhs / rhs`` is a positive factor that does not
    depend on :math:`\theta`. It prints as :math:`\mathrm{lhs} \underset{\theta}{\propto}
    \mathrm{rhs}`; the parameters are part of the statement, so that a later step cannot
    maximise over something else.
    """

    def __new__(cls, lhs, rhs, *params):
        return sp.Basic.__new__(cls, sp.sympify(lhs), sp.sympify(rhs), *params)

    @property
    def lhs(self) -> sp.Expr:
        """Left-hand side."""
        return self.args[0]

    @property
    def rhs(self) -> sp.Expr:
        """Right-hand side."""
        return self.args[1]

    @property
    def params(self) -> tuple[sp.Basic, ...]:
        """The variables in which the two sides are proportional."""
        return self.args[2:]

    def _latex(self, printer) -> str:
        params = ", ".join(printer._print(p) for p in self.params)
        sign = rf"\underset{{{params}}}{{\propto}}" if params else r"\propto"
        return rf"{printer._print(self.lhs)} {sign} {printer._print(self.rhs)}"

    def _sympystr(self, printer) -> str:
        params = ", ".join(printer._print(p) for p in self.params)
        sign = f"∝_{{{params}}}" if params else "∝"
        return f"{printer._print(self.lhs)} {sign} {printer._print(self.rhs)}"

    def _pretty(self, printer) -> prettyForm:
        params = ", ".join(sp.sstr(p) for p in self.params)
        sign = f" ∝ (in {params}) " if params else " ∝ "
        return prettyForm(
            *stringPict.next(printer._print(self.lhs), sign, printer._print(self.rhs))
        )


class Pr(sp.Function):
    r"""A probability or density :math:`P(\text{event} \mid \text{given}, \dots)`.

    ``Pr(D, theta)`` prints as :math:`P(\mathcal{D} \mid \theta)` and ``Pr(theta)`` as
    :math:`P(\theta)`. It is declared positive: the derivations only take logarithms of
    probabilities of data that was observed, and of densities that are positive everywhere.
    """

    is_positive = True
    is_finite = True

    def _latex(self, printer, exp=None) -> str:
        event = printer._print(self.args[0])
        given = ", ".join(printer._print(a) for a in self.args[1:])
        text = rf"P\left({event} \mid {given}\right)" if given else rf"P\left({event}\right)"
        return rf"{text}^{{{exp}}}" if exp else text

    def _sympystr(self, printer) -> str:
        event = self.args[0]
        if isinstance(event, sp.Eq):
            event = f"{printer._print(event.lhs)} = {printer._print(event.rhs)}"
        else:
            event = printer._print(event)
        given = ", ".join(printer._print(a) for a in self.args[1:])
        return f"P({event} | {given})" if given else f"P({event})"

    def _pretty(self, printer) -> prettyForm:
        def text(arg):
            return sp.pretty(arg, use_unicode=True)

        event, given = text(self.args[0]), ", ".join(text(a) for a in self.args[1:])
        return prettyForm(f"P({event} | {given})" if given else f"P({event})")


class Scalar(sp.Function):
    r"""A :math:`1 \times 1` matrix expression used as a number, e.g. :math:`\theta^T\theta`.

    It prints as its matrix expression and unfolds to the single entry, which SymPy writes as a
    sum over indices for a symbolic dimension.
    """

    nargs = 1
    is_commutative = True  # a number, although its argument is a (1 x 1) matrix expression

    @classmethod
    def eval(cls, arg):
        if not (isinstance(arg, sp.MatrixExpr) and tuple(arg.shape) == (1, 1)):
            shape = getattr(arg, "shape", "no shape")
            raise TypeError(f"Scalar needs a 1 x 1 matrix expression, got one of shape {shape}")

    def _eval_is_extended_real(self) -> bool:
        return True  # the book's matrices are real (the ledger says so where it is used)

    def _eval_is_finite(self) -> bool:
        return True  # a sum of products of real entries

    def doit(self, **hints) -> sp.Expr:
        return _scalar_entry(self.args[0])

    def _latex(self, printer, exp=None) -> str:
        text = printer._print(self.args[0])
        return rf"\left({text}\right)^{{{exp}}}" if exp else text

    def _sympystr(self, printer) -> str:
        return printer._print(self.args[0])

    def _pretty(self, printer) -> prettyForm:
        return printer._print(self.args[0])


class FrobeniusSq(sp.Function):
    r"""The squared Frobenius norm :math:`\lVert W \rVert_F^2 = \operatorname{tr}(W^T W)`."""

    nargs = 1

    def _eval_is_nonnegative(self) -> bool:
        return True

    def _eval_is_extended_real(self) -> bool:
        return True

    def doit(self, **hints) -> sp.Expr:
        W = self.args[0]
        return sp.Trace(W.T * W) if isinstance(W, sp.MatrixExpr) else self

    def _latex(self, printer, exp=None) -> str:
        text = rf"\left\lVert {printer._print(self.args[0])} \right\rVert_F^{{2}}"
        return rf"\left({text}\right)^{{{exp}}}" if exp else text

    def _sympystr(self, printer) -> str:
        return f"‖{printer._print(self.args[0])}‖_F²"

    def _pretty(self, printer) -> prettyForm:
        return prettyForm(sp.sstr(self))


class Back(sp.MatrixExpr):
    r""":math:`\operatorname{back}(W)`: the data loss's gradient in :math:`W`, from backprop.

    It has the shape of ``W``. It stands for :math:`\partial L_{\text{data}} / \partial W`,
    which the derivations never need in closed form.
    """

    def __new__(cls, W):
        return sp.MatrixExpr.__new__(cls, W)

    @property
    def shape(self) -> tuple:
        return self.args[0].shape

    def _entry(self, i, j, **kwargs):
        raise TypeError("back(W) is opaque: it has no closed-form entries")

    def _latex(self, printer) -> str:
        return rf"\operatorname{{back}}\left({printer._print(self.args[0])}\right)"

    def _sympystr(self, printer) -> str:
        return f"back({printer._print(self.args[0])})"

    def _pretty(self, printer) -> prettyForm:
        return prettyForm(sp.sstr(self))


class Gradient(sp.MatrixExpr):
    r""":math:`\partial L/\partial Y`: the gradient of a scalar :math:`L` at a matrix :math:`Y`.

    It has the shape of ``Y`` and is kept opaque: a premise ``Eq(dY, Gradient(L, Y))`` names
    the gradient arriving from above, which the chain rule then pulls back.
    """

    def __new__(cls, loss, at):
        return sp.MatrixExpr.__new__(cls, loss, at)

    @property
    def shape(self) -> tuple:
        return self.args[1].shape

    def _entry(self, i, j, **kwargs):
        raise TypeError("a gradient named by Gradient is opaque: it has no closed-form entries")

    def _latex(self, printer) -> str:
        loss, at = (printer._print(a) for a in self.args)
        return rf"\frac{{\partial {loss}}}{{\partial {at}}}"

    def _sympystr(self, printer) -> str:
        return f"∂{printer._print(self.args[0])}/∂{printer._print(self.args[1])}"

    def _pretty(self, printer) -> prettyForm:
        return prettyForm(sp.sstr(self))


class Expect(sp.Expr):
    r""":math:`\mathbb E[X]`, the expectation of a quantity, kept unevaluated.

    ``sympy.stats.Expectation`` of a name that is not itself a random symbol (a mask entry
    :math:`D_{ij}` defined from a uniform draw) evaluates to the name; this object keeps the
    expectation written, so that a rule can put the name's definition in and evaluate it.
    """

    is_commutative = True

    def __new__(cls, arg):
        return sp.Expr.__new__(cls, sp.sympify(arg))

    def _latex(self, printer, exp=None) -> str:
        text = rf"\mathbb{{E}}\left[{printer._print(self.args[0])}\right]"
        return rf"{text}^{{{exp}}}" if exp else text

    def _sympystr(self, printer) -> str:
        return f"E[{printer._print(self.args[0])}]"

    def _pretty(self, printer) -> prettyForm:
        return prettyForm(sp.sstr(self))


class Var(sp.Expr):
    r""":math:`\operatorname{Var}[X] = \mathbb E[X^2] - \mathbb E[X]^2`, kept unevaluated."""

    is_commutative = True

    def __new__(cls, arg):
        return sp.Expr.__new__(cls, sp.sympify(arg))

    def _latex(self, printer, exp=None) -> str:
        text = rf"\operatorname{{Var}}\left[{printer._print(self.args[0])}\right]"
        return rf"{text}^{{{exp}}}" if exp else text

    def _sympystr(self, printer) -> str:
        return f"Var[{printer._print(self.args[0])}]"

    def _pretty(self, printer) -> prettyForm:
        return prettyForm(sp.sstr(self))


class Exp(sp.Function):
    r""":math:`\exp(x)`, printed as ``\exp(...)`` rather than :math:`e^{x}` (readable for long
    exponents); it unfolds to SymPy's ``exp``."""

    nargs = 1

    def _eval_is_positive(self) -> bool | None:
        arg = self.args[0]
        # exp of a real number is positive; exp(-oo) = 0 is not (statements hold no infinity)
        return bool(arg.is_extended_real and arg.is_finite is not False) or None

    def _eval_is_extended_real(self) -> bool | None:
        return self.args[0].is_extended_real

    def doit(self, **hints) -> sp.Expr:
        return sp.exp(self.args[0].doit(**hints) if hints.get("deep", True) else self.args[0])

    def _latex(self, printer, exp=None) -> str:
        text = rf"\exp\left({printer._print(self.args[0])}\right)"
        return rf"{text}^{{{exp}}}" if exp else text


def named_symbol(text: str, latex: str, **assumptions) -> sp.Symbol:
    r"""A symbol printed as ``latex`` on the page and as ``text`` in the terminal.

    Examples
    --------
    >>> J = named_symbol("J", r"J(\theta)")
    >>> print(sp.latex(2 * J), str(2 * J))
    2 J(\theta) 2*J
    """
    cls = type(
        f"Symbol_{text}",
        (sp.Symbol,),
        {
            "_latex": lambda self, printer, exp=None: (
                latex if exp is None else f"{{{latex}}}^{{{exp}}}"
            )
        },
    )
    return cls(text, **assumptions)


def named_matrix(text: str, latex: str, rows: sp.Expr, cols: sp.Expr) -> sp.MatrixSymbol:
    r"""A matrix symbol printed as ``latex`` on the page and as ``text`` in the terminal.

    The LaTeX is braced, so that a superscript such as a transpose cannot collide with one
    inside the name.

    Examples
    --------
    >>> W = named_matrix("W", r"W^{(l)}", 3, 2)
    >>> print(sp.latex(W.T))
    \left({W^{(l)}}\right)^{T}
    """
    braced = f"{{{latex}}}"
    cls = type(
        f"Matrix_{text}",
        (sp.MatrixSymbol,),
        {
            "_latex": lambda self, printer: braced,
            "_sympystr": lambda self, printer: text,
            "_pretty": lambda self, printer: prettyForm(text),
        },
    )
    return cls(text, rows, cols)


@functools.lru_cache(maxsize=1024)
def _scalar_entry(matrix: sp.MatrixExpr) -> sp.Expr:
    """The single entry of a 1 x 1 matrix expression (a sum over indices for symbolic sizes).

    The book's matrices are real: their entries become real indexed symbols, so that SymPy
    may use it (log(exp(-xᵀx)) = -xᵀx); the ledger lists that assumption where a step relies
    on it. Cached: writing out the entry is the slowest part of comparing two statements.
    """
    entry = matrix[0, 0].doit()
    return entry.replace(
        lambda e: isinstance(e, sp.matrices.expressions.matexpr.MatrixElement),
        lambda e: sp.IndexedBase(f"{e.parent}", real=True)[e.i, e.j],
    )


def for_calculus(expr: sp.Basic) -> sp.Basic:
    """The display-only objects replaced by what matrix calculus differentiates:
    ``Scalar(M)`` by the 1 x 1 matrix ``M``, ``FrobeniusSq(W)`` by ``Trace(W.T*W)``, ``Exp``
    by ``exp``. Unlike :func:`unfold`, matrices stay matrices, so SymPy sees that θᵀθ depends
    on θ."""
    expr = expr.replace(lambda e: isinstance(e, Scalar), lambda e: e.args[0])
    return expr.replace(lambda e: isinstance(e, (FrobeniusSq, Exp)), lambda e: e.doit(deep=False))


def real_matrices(expr: sp.Basic) -> list[sp.MatrixSymbol]:
    """The matrix symbols whose entries ``expr`` uses as real numbers (in a ``Scalar``, or
    one entry at a time)."""
    found = set()
    for node in sp.preorder_traversal(expr):
        if isinstance(node, Scalar):
            found |= node.args[0].atoms(sp.MatrixSymbol)
        if isinstance(node, sp.matrices.expressions.matexpr.MatrixElement) and isinstance(
            node.parent, sp.MatrixSymbol
        ):
            found.add(node.parent)
    return sorted(found, key=str)


def unfold(expr: sp.Basic) -> sp.Basic:
    """Replace the display-only objects (``Scalar``, ``FrobeniusSq``, ``Exp``) by plain SymPy.

    Parameters
    ----------
    expr : sympy.Basic
        Any expression.

    Returns
    -------
    sympy.Basic
        The same value written without this module's wrappers (``Pr`` and ``Back`` stay: they
        are opaque on purpose).

    Examples
    --------
    >>> W = sp.MatrixSymbol("W", 2, 3)
    >>> unfold(FrobeniusSq(W))
    Trace(W.T*W)

    An entry of a matrix symbol becomes a real indexed symbol, as in :class:`Scalar` (the
    book's matrices are real; the ledger says so where a step uses it).
    """
    unfolded = expr.replace(
        lambda e: isinstance(e, (Scalar, FrobeniusSq, Exp)), lambda e: e.doit(deep=False)
    )
    return unfolded.replace(
        lambda e: (
            isinstance(e, sp.matrices.expressions.matexpr.MatrixElement)
            and isinstance(e.parent, sp.MatrixSymbol)
        ),
        lambda e: sp.IndexedBase(f"{e.parent}", real=True)[e.i, e.j],
    )
