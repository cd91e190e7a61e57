r"""The derivation engine: a derivation is a chain of statements, each linked by a checked rule.

A :class:`Derivation` is a title, the lecture note's equation numbers it covers, and an ordered
tuple of :class:`Step`. A step is a SymPy statement (an equation, a proportionality, an
optimisation problem or an expression) plus the :class:`~mathreg.rules.Rule` that produces it
from the previous step, and a one-line justification for the reader. :meth:`Derivation.check`
runs every rule's check; the first one that fails raises :class:`DerivationError` naming the
step, the rule and what differed. There is no rule that is trusted without a check: the only
unchecked statement is the first, the premise, and it is labelled as such.

Examples
--------
>>> import sympy as sp
>>> from mathreg.rules import Equal, Premise
>>> x = sp.Symbol("x")
>>> square = Derivation(
...     name="square",
...     title="Expanding a square",
...     equations=(),
...     steps=(
...         Step(sp.Eq(x, (x + 1) ** 2), Premise(), "what we start from"),
...         Step(sp.Eq(x, x**2 + 2 * x + 1), Equal(), "expand the square"),
...     ),
... )
>>> square.check()
>>> square.with_step(1, sp.Eq(x, x**2 + x + 1)).check()
Traceback (most recent call last):
...
mathreg.proof.DerivationError: step 1 (equal) fails: right-hand side: ...
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import sympy as sp

from mathreg.rules import Premise, Rule, RuleViolation

__all__ = ["Derivation", "DerivationError", "Step", "StepVerdict"]


class DerivationError(Exception):
    """A step of a derivation does not follow from the previous one by its rule.

    Attributes
    ----------
    step_index : int
        Index of the failing step in :attr:`Derivation.steps` (0-based).
    rule : str
        The name of the rule whose check failed.
    reason : str
        What the check found.
    """

    def __init__(self, step_index: int, step: Step, reason: str):
        self.step_index = step_index
        self.step = step
        self.rule = step.rule.name
        self.reason = reason
        super().__init__(
            f"step {step_index} ({self.rule}) fails: {reason}\n"
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
    eq : int or None
        The lecture note's equation number when this step is one of its equations.
    """

    expr: sp.Basic
    rule: Rule
    why: str
    eq: int | None = None


@dataclass(frozen=True)
class StepVerdict:
    """The outcome of checking one step: ``ok`` and, when not, the reason."""

    index: int
    ok: bool
    reason: str = ""


@dataclass(frozen=True)
class Derivation:
    """A checked chain of steps.

    Parameters
    ----------
    name : str
        Registry name, e.g. ``"l2"``.
    title : str
        Human title.
    equations : tuple of int
        The note's equation numbers the derivation covers.
    steps : tuple of Step
        The chain; the first step's rule must be :class:`~mathreg.rules.Premise`.
    summary : str
        One paragraph for the reader: what is proved and what it means.
    """

    name: str
    title: str
    equations: tuple[int, ...]
    steps: tuple[Step, ...]
    summary: str = field(default="")

    def __post_init__(self) -> None:
        if not self.steps:
            raise ValueError(f"derivation {self.name!r} has no steps")
        if not isinstance(self.steps[0].rule, Premise):
            raise ValueError(f"derivation {self.name!r} must start from a Premise step")

    @property
    def result(self) -> sp.Basic:
        """The statement of the last step: what the derivation proves."""
        return self.steps[-1].expr

    def verdicts(self) -> tuple[StepVerdict, ...]:
        """Check every step independently and report each verdict (never raises).

        Each step is checked against the previous statement as written, so one wrong step
        is reported once, not propagated.
        """
        verdicts = []
        for index, step in enumerate(self.steps):
            previous = self.steps[index - 1].expr if index else None
            try:
                step.rule.check(previous, step.expr)
            except RuleViolation as violation:
                verdicts.append(StepVerdict(index, False, str(violation)))
            else:
                verdicts.append(StepVerdict(index, True))
        return tuple(verdicts)

    def check(self) -> None:
        """Check every step; raise :class:`DerivationError` at the first that fails."""
        for verdict in self.verdicts():
            if not verdict.ok:
                raise DerivationError(verdict.index, self.steps[verdict.index], verdict.reason)

    def with_step(self, index: int, expr: sp.Basic) -> Derivation:
        """A copy with the statement of step ``index`` replaced (its rule unchanged).

        Raises
        ------
        IndexError
            If ``index`` is not a valid step index.
        """
        if not -len(self.steps) <= index < len(self.steps):
            raise IndexError(f"step index must be in [0, {len(self.steps) - 1}], got {index}")
        steps = list(self.steps)
        steps[index] = replace(steps[index], expr=sp.sympify(expr))
        return replace(self, steps=tuple(steps))

    def to_latex(self) -> str:
        """The derivation as one LaTeX ``align*``-free block: one display line per step."""
        from mathreg.render import derivation_latex

        return derivation_latex(self)

    def to_markdown(self) -> str:
        """The derivation as Markdown: a numbered list of display-math steps with verdicts."""
        from mathreg.render import derivation_markdown

        return derivation_markdown(self)

    def __str__(self) -> str:
        from mathreg.render import derivation_text

        return derivation_text(self)
