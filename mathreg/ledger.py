r"""What a proof rests on: the typed inputs a derivation declares, and the ledger that lists them.

A check may use only the previous statement and what is written down here. Each input is a
typed, immutable object that the checks consult and that the page and the terminal show:

==================== =========================================================================
entry                what it is
==================== =========================================================================
``Premise``          the statement a derivation starts from: assumed, never checked
``Definition``       a new name for a quantity (``ŷᵢ := P(yᵢ = 1 | θ, xᵢ)``), or a named
                     quantity described in words
``Part``             a block of the parameters (``W⁽ˡ⁾`` is part of ``θ``): whatever depends
                     on one depends on the other
``Law``              a statement proved elsewhere (another derivation's result, checked again)
                     or a definition of an algorithm (the gradient-descent update)
``KnownDerivative``  a derivative that is named rather than computed (``back(W)``)
``Lemma``            a side fact with its own check and its scope: proved in general, or
                     checked for concrete sizes only
``Assumption``       a fact assumed about the quantities (``0 < ŷᵢ < 1``, ``keep_prob ≤ 1``,
                     ``Σ`` positive definite)
``SymbolFact``       an assumption carried by a symbol (``σ > 0``, ``n`` a positive integer)
``Rewrite``          a rewrite whose validity needs facts (``log(ab) = log a + log b`` for
                     positive ``a``, ``b``), with the facts
``Instantiation``    a free symbol replaced by a value: what follows is that special case
``Oracle``           a value computed by an external tool (``sympy.stats``), and how it was
                     cross-checked
==================== =========================================================================

The first seven are declared by whoever writes the derivation; the rest are produced by the
checks as they rely on them. :meth:`mathreg.proof.Derivation.ledger` collects them all, with
the steps that used each one.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

import sympy as sp

from mathreg.printing import latex

__all__ = [
    "ENTRY_TYPES",
    "Assumption",
    "Definition",
    "Entry",
    "Independent",
    "Instantiation",
    "KnownDerivative",
    "Law",
    "Ledger",
    "LedgerLine",
    "Lemma",
    "Oracle",
    "Part",
    "PremiseEntry",
    "Random",
    "Rewrite",
    "SymbolFact",
    "math",
]


def math(expr: sp.Basic | str, fmt: str) -> str:
    """An expression inline: ``$latex$`` for the page (``fmt="latex"``), Unicode for a terminal."""
    if isinstance(expr, str):
        return expr
    if fmt == "latex":
        return f"${latex(expr)}$"
    if isinstance(expr, sp.Eq):
        return f"{math(expr.lhs, fmt)} = {math(expr.rhs, fmt)}"
    text = sp.pretty(expr, use_unicode=True, wrap_line=False, order="none")
    return sp.sstr(expr, order="none") if "\n" in text else text


class Entry(ABC):
    """One thing a proof rests on. Subclasses are frozen dataclasses."""

    #: how the ledger groups it, in this order
    KINDS: ClassVar[tuple[str, ...]] = (
        "premise",
        "definition",
        "law",
        "known derivative",
        "lemma",
        "assumption",
        "rewrite",
        "instantiation",
        "oracle",
    )
    kind: ClassVar[str] = ""

    @abstractmethod
    def describe(self, fmt: str = "text") -> str:
        """One line for the reader (``fmt`` is ``"text"`` or ``"latex"``)."""

    def expressions(self) -> tuple[sp.Basic, ...]:
        """The SymPy objects this entry holds (for the check that no two names print alike)."""
        return ()


@dataclass(frozen=True)
class PremiseEntry(Entry):
    """The first statement of a derivation: assumed, not derived."""

    statement: sp.Basic
    why: str = ""
    kind: ClassVar[str] = "premise"

    def describe(self, fmt="text"):
        return f"{math(self.statement, fmt)} (assumed)"

    def expressions(self):
        return (self.statement,)


@dataclass(frozen=True)
class Definition(Entry):
    r"""A name for a quantity: ``name`` := ``value``, or a quantity described in words.

    Parameters
    ----------
    name : sympy.Basic
        The name (a symbol, a matrix symbol, an indexed symbol or an opaque object such as
        :math:`\operatorname{back}(W)`).
    value : sympy.Basic or None
        What it stands for; ``None`` when the quantity is only described in ``why``.
    why : str
        What the name means.
    gradient_of : sympy.Basic or None
        When the name is a gradient :math:`\partial L/\partial Y`, the quantity :math:`Y`.
    depends_on : tuple of sympy.Basic
        What the named quantity depends on (filled in when a name is introduced for an
        expression, so that hiding a parameter behind a name cannot make it disappear).
    """

    name: sp.Basic
    value: sp.Basic | None = None
    why: str = ""
    gradient_of: sp.Basic | None = None
    depends_on: tuple[sp.Basic, ...] = ()
    kind: ClassVar[str] = "definition"

    def describe(self, fmt="text"):
        head = math(self.name, fmt)
        if self.value is not None:
            sign = r"$\coloneqq$" if fmt == "latex" else ":="
            head = f"{head} {sign} {math(self.value, fmt)}"
        if self.gradient_of is not None:
            head += f" (the gradient of the loss at {math(self.gradient_of, fmt)})"
        return f"{head}: {self.why}" if self.why else head

    def expressions(self):
        return tuple(e for e in (self.name, self.value, self.gradient_of) if e is not None)


@dataclass(frozen=True)
class Part(Entry):
    r"""``part`` is a block of ``whole`` (:math:`W^{(l)}` of :math:`\theta`).

    Whatever depends on one depends on the other, so a check that asks "does this term depend
    on :math:`W^{(l)}`?" sees the dependence hidden in :math:`P(\mathcal D \mid \theta)`.
    ``part`` may be a function class (``LayerWeights``), meaning each of its applications.
    """

    part: sp.Basic | type
    whole: sp.Basic
    why: str = ""
    kind: ClassVar[str] = "definition"

    def describe(self, fmt="text"):
        part = self.part.__name__ if isinstance(self.part, type) else math(self.part, fmt)
        if isinstance(self.part, type) and fmt == "latex":
            part = f"`{part}`"
        return f"{part} is part of {math(self.whole, fmt)}" + (f": {self.why}" if self.why else "")

    def expressions(self):
        return (self.whole,) if isinstance(self.part, type) else (self.part, self.whole)


@dataclass(frozen=True)
class Law(Entry):
    """A statement used as known: another derivation's result, or a definition of a method.

    Parameters
    ----------
    statement : sympy.Basic
        The law, e.g. the gradient-descent update
        :math:`W_{new} = W - \\alpha\\,\\partial J/\\partial W`.
    source : str
        Where it comes from, for the reader.
    derivation : str or None
        When the law is the result of a derivation in :data:`mathreg.symbolic.DERIVATIONS`, its
        name: the check then builds that derivation, checks it and compares its result with
        ``statement``, so the law is proved, not assumed.
    """

    statement: sp.Basic
    source: str
    derivation: str | None = None
    kind: ClassVar[str] = "law"

    def describe(self, fmt="text"):
        how = f"result of derivation `{self.derivation}`, checked" if self.derivation else "assumed"
        return f"{math(self.statement, fmt)}: {self.source} ({how})"

    def expressions(self):
        return (self.statement,)


@dataclass(frozen=True)
class KnownDerivative(Entry):
    r"""The derivative of ``term`` in ``variable`` is ``value``, named rather than computed.

    When ``value`` is an opaque name such as :math:`\operatorname{back}(W)`, this defines it;
    otherwise it is an assumed derivative, and the ledger says so.
    """

    term: sp.Basic
    variable: sp.Basic
    value: sp.Basic
    why: str = ""
    kind: ClassVar[str] = "known derivative"

    def describe(self, fmt="text"):
        derivative = sp.Derivative(self.term, self.variable, evaluate=False)
        line = f"{math(derivative, fmt)} = {math(self.value, fmt)}"
        return f"{line}: {self.why}" if self.why else line

    def expressions(self):
        return (self.term, self.variable, self.value)


@dataclass(frozen=True)
class Lemma(Entry):
    """A side fact with a check of its own, and the scope of that check.

    Parameters
    ----------
    statement : sympy.Eq
        What the lemma says; a rule that cites it checks that it says exactly what the step
        uses.
    proof : callable
        ``proof(statement)`` returns ``None`` when the check passes, otherwise the reason.
    scope : str
        What the check covers, e.g. "proved for symbolic shapes" or "checked for 2 and 3
        layers of concrete shapes".
    general : bool
        ``True`` when the check proves the statement in general; ``False`` when it only
        checks cases (concrete sizes, finitely many values), which the page then says.
    """

    statement: sp.Basic
    proof: Callable[[sp.Basic], str | None] = field(compare=False)
    scope: str
    general: bool
    name: str = ""
    kind: ClassVar[str] = "lemma"

    def describe(self, fmt="text"):
        from mathreg.lemmas import LEMMA_CHECKS

        if self.proof not in LEMMA_CHECKS:
            how = "assumed"
        else:
            how = "proved in general" if self.general else "checked for concrete cases only"
        label = f"{self.name}: " if self.name else ""
        return f"{label}{math(self.statement, fmt)} ({how}: {self.scope}; {self.checked_by()})"

    def checked_by(self) -> str:
        """Which code checks the lemma: one of the book's registered lemma checks, or other
        code, which the reader must review (it is then as good as an assumption)."""
        from mathreg.lemmas import LEMMA_CHECKS

        module = getattr(self.proof, "__module__", "") or ""
        name = f"{module}.{getattr(self.proof, '__qualname__', repr(self.proof))}"
        if self.proof in LEMMA_CHECKS:
            return f"checked by {name}"
        return (
            f"checked by code outside mathreg's lemma checks ({name}), not reviewed with the "
            "book: as good as an assumption"
        )

    def expressions(self):
        return (self.statement,)


@dataclass(frozen=True)
class Assumption(Entry):
    r"""A fact assumed about the quantities of a derivation.

    Parameters
    ----------
    fact : sympy.Basic or str
        A relation (``1 - yhat[i] > 0``, ``keep_prob <= 1``), a predicate
        (``Q.positive_definite(Sigma)``), or a fact in words that no check decides (shown,
        never used by a check).
    why : str
        Why it holds in the setting of the derivation.
    """

    fact: sp.Basic | str
    why: str = ""
    kind: ClassVar[str] = "assumption"

    def describe(self, fmt="text"):
        return f"{math(self.fact, fmt)}: {self.why}" if self.why else math(self.fact, fmt)

    def expressions(self):
        return (self.fact,) if isinstance(self.fact, sp.Basic) else ()


@dataclass(frozen=True)
class Random(Entry):
    """``name`` is a random quantity (noise, a model fitted to a random training set).

    Expectations treat every name that is neither declared random nor defined from a random
    variable as a constant; the ledger lists both.
    """

    name: sp.Basic
    why: str = ""
    kind: ClassVar[str] = "assumption"

    def describe(self, fmt="text"):
        return f"{math(self.name, fmt)} is random" + (f": {self.why}" if self.why else "")

    def expressions(self):
        return (self.name,)


@dataclass(frozen=True)
class Independent(Entry):
    r"""The random quantities in ``first`` are independent of those in ``second`` (jointly),
    so that :math:`\mathbb E[XY] = \mathbb E[X]\,\mathbb E[Y]` for X built from the first and
    Y from the second."""

    first: tuple[sp.Basic, ...]
    second: tuple[sp.Basic, ...]
    why: str = ""
    kind: ClassVar[str] = "assumption"

    def describe(self, fmt="text"):
        left = ", ".join(math(e, fmt) for e in self.first)
        right = ", ".join(math(e, fmt) for e in self.second)
        return f"{left} independent of {right}" + (f": {self.why}" if self.why else "")

    def expressions(self):
        return (*self.first, *self.second)


@dataclass(frozen=True)
class SymbolFact(Entry):
    """An assumption a symbol carries (``sigma`` positive), recorded when a check used it."""

    atom: sp.Basic
    facts: tuple[str, ...]
    kind: ClassVar[str] = "assumption"

    def describe(self, fmt="text"):
        return f"{math(self.atom, fmt)} is {' and '.join(self.facts)} (declared with the symbol)"


@dataclass(frozen=True)
class Rewrite(Entry):
    """A rewrite that is valid only under some facts, with the facts it needed."""

    name: str
    facts: tuple[str, ...]
    kind: ClassVar[str] = "rewrite"

    def describe(self, fmt="text"):
        return f"`{self.name}` valid because {', '.join(self.facts)}"


@dataclass(frozen=True)
class Instantiation(Entry):
    """A free symbol given a value: the steps that follow are that special case."""

    symbol: sp.Basic
    value: sp.Basic
    kind: ClassVar[str] = "instantiation"

    def describe(self, fmt="text"):
        return (
            f"{math(self.symbol, fmt)} = {math(self.value, fmt)} (a special case of what precedes)"
        )


@dataclass(frozen=True)
class Oracle(Entry):
    """A value an external tool computed, and how the check confirmed it another way."""

    tool: str
    claim: sp.Basic
    cross_check: str
    kind: ClassVar[str] = "oracle"

    def describe(self, fmt="text"):
        return f"{math(self.claim, fmt)} computed by {self.tool}; {self.cross_check}"


@dataclass(frozen=True)
class LedgerLine:
    """One entry of a ledger and the steps (numbered from 1) that rest on it."""

    entry: Entry
    steps: tuple[int, ...]


@dataclass(frozen=True)
class Ledger:
    """Everything a derivation rests on, grouped by kind, each with the steps that use it."""

    lines: tuple[LedgerLine, ...]

    @classmethod
    def collect(cls, used: Sequence[tuple[int, Sequence[Entry]]]) -> Ledger:
        """Merge ``(step number, entries)`` pairs: one line per distinct entry."""
        steps: dict[Entry, list[int]] = {}
        for number, entries in used:
            for entry in entries:
                numbers = steps.setdefault(entry, [])
                if number not in numbers:
                    numbers.append(number)
        order = {kind: k for k, kind in enumerate(Entry.KINDS)}
        groups: dict[tuple, list[LedgerLine]] = {}
        for entry, numbers in steps.items():
            line = LedgerLine(entry, tuple(sorted(numbers)))
            groups.setdefault((order[entry.kind], line.steps), []).append(line)
        # grouped by kind, then by first use, then alphabetically: the same ledger whatever
        # order the checks met the entries in (two builds of a page must be identical); the
        # text is written only to order entries that tie, which is most of a ledger's cost
        lines = []
        for key in sorted(groups):
            tied = groups[key]
            lines += sorted(tied, key=lambda line: line.entry.describe()) if len(tied) > 1 else tied
        return cls(tuple(lines))

    def of_kind(self, kind: str) -> tuple[LedgerLine, ...]:
        """The lines of one kind (see :attr:`Entry.KINDS`)."""
        return tuple(line for line in self.lines if line.entry.kind == kind)

    def text(self) -> str:
        """The ledger for a terminal: one line per entry, grouped by kind."""
        out = ["What this proof rests on:"]
        for kind in Entry.KINDS:
            for line in self.of_kind(kind):
                steps = ", ".join(map(str, line.steps))
                out.append(f"  {kind}: {line.entry.describe('text')}  [step {steps}]")
        return "\n".join(out)


#: The entry types a derivation may declare or a rule may hold (exactly these: a subclass
#: could describe itself as something it is not).
ENTRY_TYPES: tuple[type[Entry], ...] = (
    Definition,
    Part,
    Law,
    KnownDerivative,
    Lemma,
    Assumption,
    Random,
    Independent,
)
