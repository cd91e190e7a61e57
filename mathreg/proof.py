r"""The derivation engine: a derivation is a chain of statements, each linked by a checked rule.

A :class:`Derivation` is a title, the equation numbers it covers, the inputs it declares
(:mod:`mathreg.ledger`: definitions, parts, laws, assumptions) and an ordered tuple of
:class:`Step`. A step is a SymPy statement plus the :class:`~mathreg.rules.Rule` that produces
it from the previous step, and a one-line justification for the reader. Steps are numbered
from 1, everywhere.

:meth:`Derivation.check` checks every step; the first failure raises
:class:`DerivationError` naming the step, the rule and what differed. Besides each rule's own
check, every step must pass three checks of the derivation as a whole:

- only the first step is a premise, and only the engine's own rule types are used;
- no two distinct names print alike (a ``theta`` that is not the parameter :math:`\theta`);
- the statement is defined wherever its assumptions allow: no division by something that
  may be 0, no logarithm of something that may be non-positive.

:meth:`Derivation.ledger` lists what the proof rests on: the premise (assumed, never
checked), and every definition, law, lemma, assumption, rewrite, instantiation and external
computation the checks relied on, with the steps that used each.

Examples
--------
>>> import sympy as sp
>>> from mathreg.rules import Equal, Premise
>>> x, y = sp.symbols("x y")
>>> square = Derivation(
...     name="square",
...     title="Expanding a square",
...     equations=(),
...     steps=(
...         Step(sp.Eq(y, (x + 1) ** 2), Premise(), "what we start from"),
...         Step(sp.Eq(y, x**2 + 2 * x + 1), Equal(), "expand the square"),
...     ),
... )
>>> square.check()
>>> square.with_step(2, sp.Eq(y, x**2 + x + 1)).check()
Traceback (most recent call last):
...
mathreg.proof.DerivationError: step 2 (equal) fails: right-hand side: ...
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field, fields, is_dataclass, replace

import sympy as sp

from mathreg.context import (
    Context,
    contradicted,
    forget_assumptions,
    ill_formed,
    printed_forms,
)
from mathreg.domain import definedness_facts, facts_used, undefined
from mathreg.ledger import ENTRY_TYPES, Assumption, Entry, Ledger, Lemma
from mathreg.notation import real_matrices
from mathreg.rules import RULE_TYPES, Premise, Rule, RuleViolation

__all__ = ["Derivation", "DerivationError", "Step", "StepVerdict"]


class DerivationError(Exception):
    """A step of a derivation does not follow from the previous one by its rule.

    Attributes
    ----------
    number : int
        The failing step's number, counted from 1 as on the page and in the terminal.
    step_index : int
        The same step's index in :attr:`Derivation.steps` (``number - 1``).
    rule : str
        The name of the rule whose check failed.
    reason : str
        What the check found.
    """

    def __init__(self, number: int, step: Step, reason: str):
        self.number = number
        self.step_index = number - 1
        self.step = step
        self.rule = step.rule.name
        self.reason = reason
        super().__init__(
            f"step {number} ({self.rule}) fails: {reason}\n"
            f"  statement: {sp.sstr(step.expr)}\n"
            f"  justification: {step.why}"
        )


@dataclass(frozen=True)
class Step:
    """One statement of a derivation and the rule that links it to the previous one.

    Parameters
    ----------
    expr : sympy.Basic
        The statement: ``sympy.Eq``, :class:`~mathreg.notation.Propto`, an
        :class:`~mathreg.notation.ArgMax`/:class:`~mathreg.notation.ArgMin`, or an expression.
    rule : Rule
        How this statement follows from the previous one.
    why : str
        One line for the reader (may contain inline LaTeX between ``$`` signs).
    eq : int, str or None
        The equation number: the lecture note's (an int, 1–15) or the book's own (a string
        such as ``"R1"``).
    """

    expr: sp.Basic
    rule: Rule
    why: str
    eq: int | str | None = None


@dataclass(frozen=True)
class StepVerdict:
    """The outcome of checking one step.

    Attributes
    ----------
    number : int
        The step's number, from 1.
    ok : bool
        Whether the step follows.
    reason : str
        What failed, when it did not.
    support : tuple of Entry
        What the check relied on (for the ledger).
    """

    number: int
    ok: bool
    reason: str = ""
    support: tuple[Entry, ...] = ()


@dataclass(frozen=True)
class Derivation:
    """A checked chain of steps.

    Parameters
    ----------
    name : str
        Registry name, e.g. ``"l2"``.
    title : str
        Human title.
    equations : tuple of int or str
        The equation numbers the derivation covers (the note's are ints, the book's own are
        strings such as ``"R1"``).
    steps : tuple of Step
        The chain; the first step's rule must be :class:`~mathreg.rules.Premise`.
    summary : str
        One paragraph for the reader: what is proved and what it means.
    given : tuple of Entry
        The declared inputs the checks may use: definitions, parts of the parameters, laws,
        assumptions (:mod:`mathreg.ledger`).
    """

    name: str
    title: str
    equations: tuple[int | str, ...]
    steps: tuple[Step, ...]
    summary: str = field(default="")
    given: tuple[Entry, ...] = field(default=())

    def __post_init__(self) -> None:
        # tuples, so that nothing can be appended after a check (the verdicts are cached)
        object.__setattr__(self, "steps", tuple(self.steps))
        object.__setattr__(self, "given", tuple(self.given))
        object.__setattr__(self, "equations", tuple(self.equations))
        if not self.steps:
            raise ValueError(f"derivation {self.name!r} has no steps")
        for number, step in enumerate(self.steps, start=1):
            if type(step) is not Step:
                raise TypeError(f"step {number} must be a Step, got {type(step).__name__}")
        if type(self.steps[0].rule) is not Premise:
            raise ValueError(f"derivation {self.name!r} must start from a Premise step")
        for entry in self.given:
            if type(entry) not in ENTRY_TYPES:
                raise TypeError(
                    f"given must hold the ledger's own entry types, got {type(entry).__name__}"
                )

    @property
    def result(self) -> sp.Basic:
        """The statement of the last step: what the derivation proves."""
        return self.steps[-1].expr

    def verdicts(self, numbers: Collection[int] | None = None) -> tuple[StepVerdict, ...]:
        """Check every step and report each verdict; never raises.

        Each step is checked against the previous statement as written, so one wrong step
        is reported once, not propagated. Any exception inside a check is a failed verdict.

        Parameters
        ----------
        numbers : collection of int, optional
            Check only these steps (numbered from 1) and return only their verdicts; the
            steps before them still contribute the names they introduce.
        """
        if numbers is None:
            return self._verdicts
        return self._run(set(numbers))

    @property
    def _verdicts(self) -> tuple[StepVerdict, ...]:
        # cached with what was checked: a step, rule or input changed afterwards (a frozen
        # dataclass can still be changed with object.__setattr__) is checked again
        key = self._fingerprint()
        cached = self.__dict__.get("_cached_verdicts")
        if cached is None or cached[0] != key:
            cached = (key, self._run(None))
            object.__setattr__(self, "_cached_verdicts", cached)
        return cached[1]

    def _fingerprint(self) -> tuple:
        """Everything a verdict depends on, by value."""

        def state(obj) -> tuple:
            if is_dataclass(obj):
                return (type(obj), tuple(getattr(obj, f.name) for f in fields(obj)))
            return (type(obj), id(obj), tuple(getattr(obj, "__dict__", {}).items()))

        return (
            tuple((type(s), s.expr, state(s.rule)) for s in self.steps),
            tuple(state(e) for e in self.given),
        )

    def _run(self, only: set[int] | None) -> tuple[StepVerdict, ...]:
        # what SymPy cached on the objects about their signs is asked again, not believed
        for step in self.steps:
            inputs = step.rule.inputs() if type(step.rule) in RULE_TYPES else ()
            for source in (step.expr, *inputs):
                if isinstance(source, sp.Basic):
                    forget_assumptions(source)
        for entry in self.given:
            for source in entry.expressions():
                if isinstance(source, sp.Basic):
                    forget_assumptions(source)
        verdicts = []
        introduced: list[Entry] = []
        names_so_far: dict[str, object] = {}
        last = len(self.steps) if only is None else max(only, default=0)
        for number, step in enumerate(self.steps[:last], start=1):
            try:
                verdict, adds = self._verdict(
                    number, step, introduced, names_so_far, only is None or number in only
                )
            except RuleViolation as violation:
                verdict, adds = StepVerdict(number, False, str(violation)), ()
            except Exception as error:
                reason = f"the check raised {type(error).__name__}: {str(error)[:300]}"
                verdict, adds = StepVerdict(number, False, reason), ()
            if only is None or number in only:
                verdicts.append(verdict)
            introduced.extend(adds)
        return tuple(verdicts)

    def _verdict(
        self,
        number: int,
        step: Step,
        introduced: list[Entry],
        names_so_far: dict,
        checked: bool,
    ) -> tuple[StepVerdict | None, tuple[Entry, ...]]:
        """Check one step; return its verdict and the definitions it introduces."""
        earlier = tuple(s.expr for s in self.steps[: number - 1])
        context = Context(self.given, earlier, introduced)
        previous = earlier[-1] if earlier else None
        try:
            adds = tuple(step.rule.introduces(previous, step.expr, context))
        except Exception:
            adds = ()
        if type(step.rule) not in RULE_TYPES:
            raise RuleViolation(
                f"{type(step.rule).__name__} is not one of the engine's rules "
                f"({', '.join(r.__name__ for r in RULE_TYPES)})"
            )
        self._register_names(number, step, names_so_far)
        if not checked:
            return None, adds
        if number > 1 and isinstance(step.rule, Premise):
            raise RuleViolation("a premise is allowed only as the first step")
        support = (*step.rule.check(previous, step.expr, context), *context.noted())
        # a lemma the step proved (a matrix is positive definite) holds from here on
        adds = (*adds, *(e for e in support if isinstance(e, Lemma)))
        context = Context(self.given, (*earlier, step.expr), (*introduced, *adds))
        problem = undefined(step.expr, context)
        if problem is not None:
            raise RuleViolation(f"the statement is not defined everywhere: {problem}")
        facts = [e for e in facts_used(step.expr, context) if isinstance(e, Assumption)]
        facts.extend(definedness_facts(step.expr, context))
        facts.extend(context.noted())
        for lemma in (e for e in support if isinstance(e, Lemma)):
            matrices = sorted(lemma.statement.atoms(sp.MatrixSymbol), key=str)
            if matrices:  # a positive-definiteness lemma speaks of real matrices
                facts.append(
                    Assumption(
                        f"the entries of {', '.join(map(sp.sstr, matrices))} are real",
                        f"the lemma “{lemma.name}” holds for real matrices",
                    )
                )
        real = real_matrices(step.expr)
        if real:
            facts.append(
                Assumption(
                    f"the entries of {', '.join(map(sp.sstr, real))} are real",
                    "the book's vectors and matrices are real; a number θᵀθ relies on it",
                )
            )
        return StepVerdict(number, True, "", (*support, *facts)), adds

    def _register_names(self, number: int, step: Step, names_so_far: dict) -> None:
        """Record the step's names; refuse what could make a page show a false step: two
        distinct names (or a name and a function application) that print alike, a name that
        is not an identifier, a SymPy ``Dummy``, and infinities."""
        sources = [step.expr, *step.rule.inputs()]
        if number == 1:
            sources += [e for entry in self.given for e in entry.expressions()]
            contradiction = contradicted(self.given)
            if contradiction is not None:
                raise RuleViolation(contradiction)
        for source in sources:
            problem = ill_formed(source)
            if problem is not None:
                raise RuleViolation(problem)
            for name, forms in printed_forms(source):
                for printed in forms:
                    other = names_so_far.setdefault(printed, name)
                    if other != name:
                        raise RuleViolation(
                            f"two different names print as {printed!r}: {_kind(other)} and "
                            f"{_kind(name)}"
                        )

    def check(self) -> None:
        """Check every step; raise :class:`DerivationError` at the first that fails."""
        for verdict in self.verdicts():
            if not verdict.ok:
                raise DerivationError(
                    verdict.number, self.steps[verdict.number - 1], verdict.reason
                )

    def ledger(self) -> Ledger:
        """What the proof rests on: the premise and everything the checks relied on.

        Declared definitions and parts are listed even where no check consulted them, since
        they say what the names mean.
        """
        used = [(v.number, v.support) for v in self.verdicts() if v.ok]
        declared = [e for e in self.given if e.kind == "definition"]
        return Ledger.collect([*used, (1, declared)] if declared else used)

    def with_step(self, number: int, expr: sp.Basic) -> Derivation:
        """A copy with the statement of step ``number`` (counted from 1) replaced.

        Raises
        ------
        IndexError
            If ``number`` is not between 1 and the number of steps.
        """
        if not isinstance(number, int) or not 1 <= number <= len(self.steps):
            raise IndexError(f"step number must be in [1, {len(self.steps)}], got {number}")
        steps = list(self.steps)
        steps[number - 1] = replace(steps[number - 1], expr=sp.sympify(expr))
        return replace(self, steps=tuple(steps))

    def to_latex(self) -> str:
        """The derivation as a LaTeX ``align`` block: one line per step."""
        from mathreg.render import derivation_latex

        return derivation_latex(self)

    def to_markdown(self) -> str:
        """The derivation as Markdown: a numbered list of display-math steps with verdicts."""
        from mathreg.render import derivation_markdown

        return derivation_markdown(self)

    def __str__(self) -> str:
        from mathreg.render import derivation_text

        return derivation_text(self)


def _kind(name) -> str:
    if isinstance(name, type):
        return f"the function {name.__name__}"
    assumptions = getattr(name, "assumptions0", {})
    facts = [k for k in ("positive", "integer", "real") if assumptions.get(k)]
    extra = f" ({', '.join(facts)})" if facts else ""
    return f"{type(name).__name__} {sp.sstr(name)}{extra}"
