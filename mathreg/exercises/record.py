r"""An exercise as data: statement, hint, solution, the names an answer may use, the answer.

One :class:`Exercise` record is all an exercise needs: its page renders it
(:func:`mathreg.site.pagekit.exercises_markdown`), ``python -m mathreg exercise`` shows and
checks it, and the tests try its answers. Texts are Markdown with math between ``\(`` and
``\)``; the terminal shows them in Unicode (:func:`mathreg.exercises.text.plain`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sympy as sp

from mathreg.algebra import REWRITES

__all__ = ["Exercise", "Function", "Mistake", "Name"]

_EXERCISE_NAME = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")


@dataclass(frozen=True)
class Name:
    """A name an answer may use.

    Parameters
    ----------
    symbol : sympy.Symbol
        The symbol, named by how it is typed (``lam``), with the assumptions that hold
        (``positive=True``); the comparison relies on them.
    meaning : str
        What it stands for, shown to the reader (Markdown, inline math allowed).
    aliases : tuple of str
        Other spellings accepted for it (``lambda``, ``λ``).
    """

    symbol: sp.Symbol
    meaning: str
    aliases: tuple[str, ...] = ()

    def spellings(self) -> tuple[str, ...]:
        """Every way to type this name, the symbol's own first."""
        return (self.symbol.name, *self.aliases)


@dataclass(frozen=True)
class Function:
    """A function an exercise lets its answers use, beyond the standard ones.

    Parameters
    ----------
    name : str
        How it is typed (``sigmoid``).
    definition : sympy.Lambda
        What it means, e.g. ``Lambda(z, 1/(1 + exp(-z)))``; an answer that uses it is
        compared with the definition put in.
    meaning : str
        One line for the reader.
    """

    name: str
    definition: sp.Lambda
    meaning: str


@dataclass(frozen=True)
class Mistake:
    """A wrong answer worth recognising, and what to tell the reader who gives it."""

    answer: sp.Expr
    message: str


@dataclass(frozen=True)
class Exercise:
    r"""One exercise of a topic page.

    Parameters
    ----------
    name : str
        Unique, lowercase words joined by hyphens (``l1-gradient``): what the command line
        takes.
    topic : str
        The key of its topic in :data:`mathreg.topics.TOPIC`; the exercise is rendered at the
        end of that topic's page.
    title : str
        A few words.
    statement, hint, solution : str
        Markdown with math between ``\(`` and ``\)``; the solution is worked, step by step.
    names : tuple of Name
        The names an answer may use. A name the right answer does not use is allowed (so the
        reader can be told that an answer should not depend on it).
    answer : sympy.Expr
        The right answer.
    typed : str
        The right answer as one types it; shown with the solution, and must be read as
        ``answer``.
    mistakes : tuple of Mistake
        Wrong answers to recognise, each with its message.
    functions : tuple of Function
        Functions beyond the standard ones (:data:`mathreg.exercises.answer.FUNCTIONS`).
    rewrites : tuple of str
        The named rewrites of :mod:`mathreg.algebra` the comparison may use, after the
        canonical form alone fails (``cancel`` by default: it puts a rational expression over
        a common denominator and cancels common factors).
    """

    name: str
    topic: str
    title: str
    statement: str
    hint: str
    solution: str
    names: tuple[Name, ...]
    answer: sp.Expr
    typed: str
    mistakes: tuple[Mistake, ...] = ()
    functions: tuple[Function, ...] = ()
    rewrites: tuple[str, ...] = ("cancel",)

    def __post_init__(self) -> None:
        from mathreg.exercises.answer import FUNCTIONS
        from mathreg.topics import TOPIC

        if not _EXERCISE_NAME.fullmatch(self.name):
            raise ValueError(f"exercise name {self.name!r}: lowercase words joined by hyphens")
        if self.topic not in TOPIC:
            raise ValueError(f"exercise {self.name!r}: no topic {self.topic!r} in the registry")
        for rewrite in self.rewrites:
            if rewrite not in REWRITES:
                raise ValueError(f"exercise {self.name!r}: unknown rewrite {rewrite!r}")
        spellings = [s for name in self.names for s in name.spellings()]
        taken = {*FUNCTIONS, *(f.name for f in self.functions), "pi", "Abs", "Max", "Min"}
        clashes = sorted({s for s in spellings if spellings.count(s) > 1 or s in taken})
        if clashes:
            raise ValueError(f"exercise {self.name!r}: ambiguous spellings {clashes}")
        symbols = {name.symbol for name in self.names}
        stray = self.answer.free_symbols - symbols
        if stray:
            raise ValueError(
                f"exercise {self.name!r}: the answer uses {sorted(map(str, stray))}, which are "
                "not among its names"
            )

    def spellings(self) -> dict[str, sp.Symbol]:
        """Every accepted spelling → its symbol."""
        return {spelling: name.symbol for name in self.names for spelling in name.spellings()}
