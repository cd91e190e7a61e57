r"""What a rule's check may consult besides the two statements it links.

A :class:`Context` is built by :class:`~mathreg.proof.Derivation` for each step from the
derivation's declared inputs (:mod:`mathreg.ledger`) and the statements before the step. It
answers the questions a sound check has to ask and that SymPy alone answers wrongly:

- *Is this name fresh?* A step that names a new quantity (an estimate, a gradient) must not
  reuse a name already in use.
- *Does this expression depend on that variable?* SymPy only sees what is written:
  :math:`\hat y_i` or :math:`P(\mathcal D \mid \theta)` do not contain :math:`W^{(l)}`, yet
  they depend on it. Dependence here follows the declared :class:`~mathreg.ledger.Part` and
  :class:`~mathreg.ledger.Definition` entries as well.
- *Which subexpressions are declared positive?* (:class:`~mathreg.ledger.Assumption`)
- *Which names are gradients, and of what? Which quantities are random?*

It also finds the names of an expression, for the check that no two distinct names print
alike.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Iterator, Sequence

import sympy as sp
from sympy.stats import Expectation, Probability
from sympy.stats.rv import RandomSymbol

from mathreg.ledger import Assumption, Definition, Entry, Independent, Lemma, Part, Random

__all__ = [
    "Context",
    "contradicted",
    "forget_assumptions",
    "head",
    "ill_formed",
    "names",
    "printed_forms",
]


def _display_only() -> tuple[type, ...]:
    from mathreg.notation import Exp, FrobeniusSq, Scalar

    return (Exp, FrobeniusSq, Scalar)


def head(node: sp.Basic) -> sp.Basic | type | None:
    """The name a node stands for: a symbol, a matrix symbol, an indexed base, a random
    variable or a named function class; ``None`` for anything else."""
    if isinstance(node, sp.Indexed):
        return node.base
    if isinstance(node, (sp.Symbol, sp.MatrixSymbol, sp.IndexedBase, RandomSymbol)):
        return node
    if isinstance(node, sp.core.function.AppliedUndef) or (
        isinstance(node, sp.Function) and not (type(node).__module__ or "").startswith("sympy")
    ):
        return type(node)
    return None


def _walk(expr: sp.Basic, bound: frozenset = frozenset()) -> Iterator[sp.Basic | type]:
    """Every name in ``expr``; the variables of a ``Lambda`` are bound and skipped."""
    if isinstance(expr, sp.Lambda):
        yield from _walk(expr.expr, bound | set(expr.variables))
        return
    name = head(expr)
    if name is not None and name not in bound:
        yield name
    if isinstance(expr, RandomSymbol):
        yield from _walk(sp.Tuple(*expr.pspace.distribution.args), bound)
        return
    if isinstance(expr, (sp.Symbol, sp.IndexedBase)):
        return
    if isinstance(expr, sp.Indexed):
        for index in expr.indices:
            yield from _walk(index, bound)
        return
    if isinstance(expr, sp.MatrixSymbol):
        for size in expr.shape:
            yield from _walk(sp.sympify(size), bound)
        return
    for arg in expr.args:
        if isinstance(arg, sp.Basic):
            yield from _walk(arg, bound)


def names(expr: sp.Basic) -> set:
    """The names in an expression (see :func:`head`), without the variables of a ``Lambda``.

    Examples
    --------
    >>> y, i = sp.IndexedBase("y"), sp.Symbol("i")
    >>> sorted(map(str, names(sp.Sum(y[i] ** 2, (i, 1, 3)))))
    ['i', 'y']
    """
    return set(_names(expr))


@functools.lru_cache(maxsize=4096)
def _names(expr: sp.Basic) -> frozenset:
    return frozenset(_walk(expr))


_IDENTIFIER = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")  # ASCII: no homoglyph of another letter
_LATEX_NOISE = re.compile(
    r"\\(left|right|displaystyle|textstyle|mathit|mathnormal|mathrm|mathsf|mathbf|boldsymbol"
    r"|operatorname|text)\b|\\[,;:!]|\\quad|\\qquad|[{}\s]"
)


def _normal(text: str) -> str:
    """A printed form without the braces, spaces and sizing that do not change how it looks."""
    return _LATEX_NOISE.sub("", text)


@functools.lru_cache(maxsize=4096)
def _forms(node: sp.Basic) -> frozenset[str]:
    forms = {
        _normal(sp.sstr(node)),
        _normal(sp.pretty(node, use_unicode=True, wrap_line=False)),
        _normal(sp.latex(node)),
    }
    if _custom_latex(node):  # "x^2" or "f(w)" also shows the name x or f
        lead = _LEAD.match(_LAYER.sub("", sp.latex(node)))
        if lead is not None:
            forms.add(_normal(lead.group(1)))
    return frozenset(forms)


#: a layer label such as ^{(l)} or ^{(l+1)}: part of a name, not a power
_LAYER = re.compile(r"\^\{\([^{}]*\)\}")
#: what a name's LaTeX shows before an argument list or a power: f in f(w), x in x^2
_LEAD = re.compile(r"^(.+?)\s*[(^]")
#: subscripts, superscripts and text: labels, whose content may be anything
_LABELS = re.compile(r"\\(?:text|mathrm)\{[^{}]*\}|[_^](?:\{(?:[^{}]|\{[^{}]*\})*\}|\\?\w)")
#: a derivative's name, ∂J/∂w or d/dx, which is a name and not a division
_DERIVATIVE_NAME = re.compile(
    r"\\frac\{(?:\\partial|d)[A-Za-z\\\s]*\}\{(?:\\partial|d)[A-Za-z\\\s]+\}"
)
#: what makes LaTeX read as an expression rather than a name
_OPERATION = re.compile(
    r"[-+=<>*/,;!|\d]|\\(?:cdot|times|pm|mp|div|le|ge|leq|geq|ne|neq|circ|sum|prod|int"
    r"|log|ln|exp|sqrt|frac|over|left|right|lVert|rVert|Vert)(?![A-Za-z])"
)


#: what a book's named symbol may define for itself: how it is printed
_DISPLAY_METHODS = frozenset({"_latex", "_sympystr", "_pretty"})


def _own_code(cls: type) -> str | None:
    """The method a class of a statement's node defines for itself, unless the class is
    SymPy's or the book's own (found under its name in its module) or an unknown function
    ``sp.Function("f")`` carrying only assumptions; ``None`` when it brings no code."""
    module = sys.modules.get(cls.__module__ or "")
    genuine = module is not None and getattr(module, cls.__name__, None) is cls
    if genuine and cls.__module__.split(".")[0] in ("sympy", "mathreg"):
        return None
    for klass in cls.__mro__:
        if (klass.__module__ or "").split(".")[0] == "sympy" and _is_genuine(klass):
            break
        for key, value in vars(klass).items():
            if key in _DISPLAY_METHODS:
                continue
            # a special method counts too: __eq__ and __hash__ that lie make SymPy merge two
            # different names (x - z becomes 0), __getattribute__ can answer anything
            if callable(value) or isinstance(value, (property, staticmethod, classmethod)):
                return key
    return None


def _is_genuine(cls: type) -> bool:
    module = sys.modules.get(cls.__module__ or "")
    return module is not None and getattr(module, cls.__name__, None) is cls


def _custom_latex(name: sp.Basic) -> bool:
    """Whether a symbol or matrix symbol was given its own LaTeX (``named_symbol``)."""
    if isinstance(name, sp.Symbol) and not isinstance(name, (sp.Dummy, RandomSymbol)):
        return sp.latex(name) != sp.latex(sp.Symbol(name.name))
    if isinstance(name, sp.MatrixSymbol):
        return sp.latex(name) != sp.latex(sp.MatrixSymbol(name.name, *name.shape))
    return False


def _reads_as_an_operation(latex: str) -> str | None:
    """The operation a name's LaTeX shows outside its labels (``-`` in ``-x``), if any."""
    bare = _DERIVATIVE_NAME.sub("D", _LABELS.sub("", _LAYER.sub("", latex)))
    found = _OPERATION.search(bare)
    return None if found is None else found.group(0)


def printed_forms(expr: sp.Basic) -> list[tuple[sp.Basic | type, frozenset[str]]]:
    """Each name in ``expr`` and each application of a named function, with how it prints
    (text, Unicode and LaTeX, without braces and spaces), for the check that no two distinct
    ones look alike on a page or in a terminal."""
    out: list[tuple[sp.Basic | type, frozenset[str]]] = []
    for name in names(expr):
        if isinstance(name, type):  # a function's bare name clashes with a symbol's
            out.append((name, frozenset({name.__name__, _normal(sp.latex(name))})))
            continue
        out.append((name, _forms(name)))
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Indexed) or (
            isinstance(head(node), type) and not isinstance(node, _display_only())
        ):  # an entry x[1] prints as x_1, a symbol's name may too
            out.append((node, _forms(node)))
    return out


def ill_formed(expr: sp.Basic) -> str | None:
    """Why ``expr`` cannot be a statement: a ``Dummy`` (the comparison's own names), an
    infinity or ``nan``, or a name that is not an identifier (it could print like an
    expression); ``None`` when it is fine."""
    for node in sp.preorder_traversal(expr):
        if isinstance(node, sp.Dummy):
            return f"{node} is a SymPy Dummy: statements use named symbols only"
        code = _own_code(type(node))
        if code is not None:
            return (
                f"{type(node).__name__} brings its own code ({code}), which SymPy would trust "
                "for derivatives, signs or simplification; use sp.Function(name) for an "
                "unknown function, sp.Symbol for a name, or write the formula out"
            )
        if node in (sp.oo, -sp.oo, sp.zoo, sp.nan) or isinstance(node, sp.core.numbers.Infinity):
            return f"{node} is not a finite number"
    for name in names(expr):
        if isinstance(name, (sp.Symbol, sp.MatrixSymbol)) and not isinstance(name, RandomSymbol):
            text = name.name
        elif isinstance(name, sp.IndexedBase):
            text = str(name.label)
        else:
            continue
        if not _IDENTIFIER.match(text):
            return (
                f"the name {text!r} is not an ASCII identifier (letters, digits and _): it "
                "could print like an expression or like another letter"
            )
        if isinstance(name, (sp.Symbol, sp.MatrixSymbol)) and sp.sstr(name) != text:
            return f"the name {text!r} prints as {sp.sstr(name)!r} in the terminal"
        if _custom_latex(name):
            operation = _reads_as_an_operation(sp.latex(name))
            if operation is not None:
                return (
                    f"the name {text!r} is typeset as {sp.latex(name)!r}, which shows "
                    f"{operation!r} outside a subscript: a name must not print like an "
                    "expression"
                )
    return None


def forget_assumptions(expr: sp.Basic) -> None:
    r"""Drop what the compound nodes of ``expr`` have cached about their own signs.

    SymPy keeps the answers of assumption queries on the object (``_assumptions``), and a
    cached object is shared by every expression that builds it again: code that wrote
    ``positive`` there would make SymPy divide by :math:`c - 1` or split
    :math:`\log (c-1)^2`, while the ledger, which reads the symbols, shows nothing. Each node
    gets back the facts it was built with (its class's, or for an entry ``x[i]`` its base's);
    SymPy derives the rest again when asked. A symbol's own facts are its declaration, which
    the ledger reads, and are kept.
    """

    todo, seen = [expr], set()
    while todo:  # without recursion: a statement may be nested thousands deep
        node = todo.pop()
        if not isinstance(node, sp.Basic) or id(node) in seen:
            continue
        seen.add(id(node))
        todo.extend(node.args)
        if isinstance(node, (sp.Symbol, sp.IndexedBase)):
            continue
        if isinstance(node, sp.Indexed) and isinstance(node.base, sp.IndexedBase):
            built = dict(node.base.assumptions0)  # as sympy.Indexed builds it
            sp.IndexedBase._set_assumptions(node, built)
            continue
        default = getattr(type(node), "default_assumptions", None)
        if default is not None and node._assumptions is not default:
            object.__setattr__(node, "_assumptions", default)


def contradicted(entries: Sequence[Entry]) -> str | None:
    """A declared fact that the symbols' own assumptions refute, as a sentence."""
    from mathreg.domain import is_nonnegative, is_positive

    for entry in entries:
        if not isinstance(entry, Assumption):
            continue
        part = _positive_part(entry.fact) if isinstance(entry.fact, sp.Basic) else None
        if part is None:
            continue
        sign, expr = part
        refuted = is_nonnegative(-expr) if sign == "positive" else is_positive(-expr)
        if refuted:
            return (
                f"the declared fact {sp.sstr(entry.fact)} contradicts the assumptions its "
                "symbols were created with"
            )
    return None


def _positive_part(fact: sp.Basic) -> tuple[str, sp.Basic] | None:
    """``("positive", a - b)`` for ``a > b``, ``("nonnegative", a - b)`` for ``a >= b``."""
    if isinstance(fact, sp.StrictGreaterThan):
        return "positive", fact.lhs - fact.rhs
    if isinstance(fact, sp.StrictLessThan):
        return "positive", fact.rhs - fact.lhs
    if isinstance(fact, sp.GreaterThan):
        return "nonnegative", fact.lhs - fact.rhs
    if isinstance(fact, sp.LessThan):
        return "nonnegative", fact.rhs - fact.lhs
    return None


class Context:
    """The declared inputs and earlier statements a check may use (immutable).

    Parameters
    ----------
    given : sequence of Entry
        The derivation's declared inputs.
    earlier : sequence of sympy.Basic
        The statements before the step being checked (the previous one last).
    introduced : sequence of Entry
        Definitions introduced by the rules of earlier steps (an estimate, a gradient, a new
        name).
    """

    __slots__ = ("_edges", "_noted", "_random", "_seen", "earlier", "given", "introduced")

    def __init__(
        self,
        given: Sequence[Entry] = (),
        earlier: Sequence[sp.Basic] = (),
        introduced: Sequence[Entry] = (),
    ):
        set_ = object.__setattr__
        set_(self, "_noted", [])  # the declared facts that sign decisions used
        set_(self, "given", tuple(given))
        set_(self, "earlier", tuple(earlier))
        set_(self, "introduced", tuple(introduced))
        seen: set = set()
        for statement in self.earlier:
            seen |= names(statement)
        for entry in self.entries:
            for expr in entry.expressions():
                seen |= names(expr)
            if isinstance(entry, Part) and isinstance(entry.part, type):
                seen.add(entry.part)
        set_(self, "_seen", frozenset(seen))
        set_(self, "_edges", self._dependence_edges())
        set_(self, "_random", self._random_names())

    def __setattr__(self, key, value):
        raise AttributeError("a Context is immutable")

    def note(self, entry: Entry) -> None:
        """Record that a decision used a declared fact (for the ledger)."""
        if entry not in self._noted:
            self._noted.append(entry)

    def noted(self) -> tuple[Entry, ...]:
        """The declared facts that decisions with this context used."""
        return tuple(self._noted)

    @property
    def entries(self) -> tuple[Entry, ...]:
        """Declared and introduced entries together."""
        return self.given + self.introduced

    # --- names ---------------------------------------------------------------------------

    def is_fresh(self, name: sp.Basic) -> bool:
        """Whether ``name`` is a name not used by any earlier statement or declared input."""
        return head(name) is not None and head(name) not in self._seen

    @property
    def seen(self) -> frozenset:
        """Every name used so far (earlier statements and declared inputs)."""
        return self._seen

    def definitions(self) -> tuple[Definition, ...]:
        """The declared and introduced definitions."""
        return tuple(e for e in self.entries if isinstance(e, Definition))

    def defined_names(self) -> set:
        """The heads of every defined name."""
        return {head(d.name) for d in self.definitions() if head(d.name) is not None}

    def gradient_of(self, name: sp.Basic) -> sp.Basic | None:
        """What ``name`` is the gradient of, when a definition says so."""
        for definition in self.definitions():
            if definition.name == name and definition.gradient_of is not None:
                return definition.gradient_of
        from mathreg.notation import Gradient

        for statement in self.earlier[:1]:  # a premise G = dL/dY names a gradient too
            if (
                isinstance(statement, sp.Eq)
                and statement.lhs == name
                and isinstance(statement.rhs, Gradient)
            ):
                return statement.rhs.args[1]
        return None

    # --- dependence ----------------------------------------------------------------------

    def _dependence_edges(self) -> dict:
        edges: dict = {}

        def link(a, b):
            edges.setdefault(a, set()).add(b)

        for entry in self.entries:
            if isinstance(entry, Part):
                whole = head(entry.whole)
                link(entry.part, whole)
                link(whole, entry.part)
            elif isinstance(entry, Definition):
                name = head(entry.name)
                for target in entry.depends_on:
                    for other in names(target) | {head(target)}:
                        if other is not None:
                            link(name, other)
                if entry.value is not None:
                    for other in names(entry.value):
                        link(name, other)
        for statement in self.earlier:
            # an earlier equation `name = expression` makes the name depend on what the
            # expression does: J = x**2 means J depends on x, which SymPy cannot see
            if isinstance(statement, sp.Eq) and head(statement.lhs) is not None:
                # a function application (P(θ | D)) is keyed by itself, not by its class
                key = (
                    statement.lhs if isinstance(head(statement.lhs), type) else head(statement.lhs)
                )
                for other in names(statement.rhs):
                    link(key, other)
        return edges

    def reach(self, name: sp.Basic | type) -> set:
        """Every name that ``name`` depends on, following declared parts and definitions."""
        seen, todo = {name}, [name]
        while todo:
            for other in self._edges.get(todo.pop(), ()):
                if other not in seen:
                    seen.add(other)
                    todo.append(other)
        return seen

    def _keys(self, expr: sp.Basic) -> set:
        """The names in ``expr`` and its function applications (which may have edges of
        their own)."""
        applications = {
            node for node in sp.preorder_traversal(expr) if isinstance(head(node), type)
        }
        return names(expr) | applications

    def depends(self, expr: sp.Basic, variable: sp.Basic) -> bool:
        """Whether ``expr`` depends on ``variable``, written or hidden behind a name."""
        target = head(variable) if head(variable) is not None else variable
        if expr.has(variable):
            return True
        return any(target in self.reach(key) for key in self._keys(expr))

    def hidden_dependence(self, expr: sp.Basic, variable: sp.Basic) -> list:
        """The names in ``expr`` through which it depends on ``variable`` without showing it
        (SymPy would differentiate them as constants)."""
        target = head(variable) if head(variable) is not None else variable
        return sorted(
            (
                key
                for key in self._keys(expr)
                if key != target and target in self.reach(key) - {key}
            ),
            key=str,
        )

    def depends_on_any(self, expr: sp.Basic, variables: Iterable[sp.Basic]) -> list:
        """The variables among ``variables`` that ``expr`` depends on."""
        return [v for v in variables if self.depends(expr, v)]

    # --- facts ---------------------------------------------------------------------------

    def assumptions(self) -> tuple[Assumption, ...]:
        """The declared assumptions."""
        return tuple(e for e in self.entries if isinstance(e, Assumption))

    def signed(self) -> tuple[tuple[str, sp.Basic, Assumption], ...]:
        """``(sign, subexpression, assumption)`` for each declared ``a > b`` / ``a >= b``,
        with the subexpression ``a - b``, and the same after every definition introduced
        since (a fact about :math:`1 - P(y_i = 1)` is a fact about :math:`1 - \\hat y_i` once
        :math:`\\hat y_i` names that probability)."""
        out = []
        renames = {d.value: d.name for d in self.definitions() if d.value is not None}
        for assumption in self.assumptions():
            part = _positive_part(assumption.fact)
            if part is None:
                continue
            sign, expr = part
            out.append((sign, sp.expand(expr), assumption))
            if renames:
                renamed = sp.expand(expr.xreplace(renames))
                if renamed != sp.expand(expr):
                    out.append((sign, renamed, assumption))
        return tuple(out)

    def predicates(self) -> tuple[tuple[sp.Basic, Entry], ...]:
        """The declared or proved predicates (``Q.positive_definite(Sigma)``), each with the
        assumption or lemma it comes from."""
        declared = [
            (a.fact, a) for a in self.assumptions() if isinstance(a.fact, sp.AppliedPredicate)
        ]
        proved = [
            (e.statement, e)
            for e in self.entries
            if isinstance(e, Lemma) and isinstance(e.statement, sp.AppliedPredicate)
        ]
        return tuple(declared + proved)

    # --- randomness ----------------------------------------------------------------------

    def _random_names(self) -> frozenset:
        random: set = {head(e.name) for e in self.entries if isinstance(e, Random)}
        changed = True
        while changed:  # a name defined from random quantities is random
            changed = False
            for d in self.definitions():
                if d.value is None or head(d.name) in random:
                    continue
                if _has_random(d.value) or names(d.value) & random:
                    random.add(head(d.name))
                    changed = True
            # an earlier equation `Y = X` with X random makes Y random too (what is inside
            # an expectation is not: R = E[X] is a number)
            for statement in self.earlier:
                if not isinstance(statement, sp.Eq) or isinstance(
                    statement.lhs, (Expectation, Probability)
                ):
                    continue
                key = head(statement.lhs) or statement.lhs
                if key in random:
                    continue
                outside = _outside_expectations(statement.rhs)
                if _has_random(statement.rhs) or names(outside) & random:
                    random.add(key)
                    changed = True
        return frozenset(random)

    def random_names(self) -> frozenset:
        """The names declared random or defined from random variables."""
        return self._random

    def independence(self) -> tuple[Independent, ...]:
        """The declared independence statements."""
        return tuple(e for e in self.entries if isinstance(e, Independent))

    def is_random(self, expr: sp.Basic) -> bool:
        """Whether ``expr`` involves a random variable or a name defined from one."""
        if _has_random(expr):
            return True
        return any(name in self._random for name in names(expr))

    def random_definition(self, name: sp.Basic) -> sp.Basic | None:
        """The right-hand side that defined the random quantity ``name``, if any."""
        for statement in self.earlier:
            if (
                isinstance(statement, sp.Eq)
                and statement.lhs == name
                and _has_random(statement.rhs)
            ):
                return statement.rhs
        return None


def _outside_expectations(expr: sp.Basic) -> sp.Basic:
    """``expr`` with every expectation, variance and probability replaced by 0."""
    from mathreg.notation import Expect, Var

    return expr.replace(
        lambda e: isinstance(e, (Expect, Var, Expectation, Probability)), lambda e: sp.S.Zero
    )


def _has_random(expr: sp.Basic) -> bool:
    return any(isinstance(node, RandomSymbol) for node in sp.preorder_traversal(expr))
