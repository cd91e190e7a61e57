r"""Deciding whether a typed answer is right, and saying how a wrong one is wrong.

The answer is read by :func:`mathreg.exercises.answer.read_answer` (never run as code) and
compared with the exercise's answer by the engine's own comparison,
:func:`mathreg.algebra.difference`: both are put in canonical form (expanded, with the
exercise's named rewrites, ``cancel`` by default) and the answer is right when the difference
is 0. There is no ``simplify``, and numbers never make an answer right: "right" means proved
equal for every value the names' assumptions allow. (A value at a point can prove an answer
*wrong*: see 7. below.)

A wrong answer gets the most specific reason that can be proved about it, in this order:

1. one of the exercise's known mistakes, with its own message;
2. it is not real (the logarithm or root of a negative number);
3. it uses a name the right answer does not use ("depends on W, but the answer does not");
4. it is a constant multiple of the right answer ("the sign is wrong", "off by a factor 2"),
   or a multiple by a product of names ("off by a factor m");
5. it differs by one term: a term missing, a term too many, or one term with the wrong
   coefficient (or sign);
6. it lacks a name the right answer uses;
7. a point where the two differ ("it differs from the right answer at W = 2, ..."), evaluated
   exactly, or in floating point with a margin far above its rounding errors where a value is
   irrational: a counterexample shows it wrong;
8. otherwise, that it is not shown equal: it agrees wherever it was tried (or could not be
   evaluated), so it may be right in a form the canonical comparison cannot reach.

Examples
--------
>>> from mathreg.exercises import EXERCISES
>>> judge(EXERCISES["l1-gradient"], "lam/m * sign(W)").right
True
>>> judge(EXERCISES["l1-gradient"], "2*lam/m * sign(W)").reason
'off by a factor 2: your answer is 2 times the right one'
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from mathreg.algebra import canonical, difference, is_zero_form
from mathreg.exercises.answer import FUNCTIONS, read_answer
from mathreg.exercises.record import Exercise

__all__ = ["Verdict", "equal", "judge", "read"]


@dataclass(frozen=True)
class Verdict:
    """The outcome of checking an answer.

    Attributes
    ----------
    right : bool
        Whether the answer is proved equal to the right one.
    reason : str
        Why not, when it is wrong ("" when right).
    answer : sympy.Expr
        The answer as read.
    """

    right: bool
    reason: str
    answer: sp.Expr


def _functions(exercise: Exercise) -> dict[str, tuple[int, int, Callable[..., sp.Expr]]]:
    functions = dict(FUNCTIONS)
    for function in exercise.functions:
        arity = len(function.definition.variables)
        functions[function.name] = (arity, arity, function.definition)
    return functions


def read(exercise: Exercise, text: str) -> sp.Expr:
    """Read ``text`` as an answer to ``exercise`` (see :func:`~mathreg.exercises.answer.
    read_answer`); raises :class:`~mathreg.exercises.answer.AnswerError`."""
    return read_answer(text, exercise.spellings(), _functions(exercise))


def equal(exercise: Exercise, a: sp.Expr, b: sp.Expr) -> bool:
    """Whether ``a`` and ``b`` are proved equal by the canonical form, then with the
    exercise's rewrites."""
    if is_zero_form(difference(a, b)):
        return True
    return bool(exercise.rewrites) and is_zero_form(difference(a, b, exercise.rewrites))


def judge(exercise: Exercise, text: str) -> Verdict:
    """Check a typed answer to ``exercise``.

    Raises
    ------
    mathreg.exercises.answer.AnswerError
        When the text cannot be read as an answer (see :func:`read`).
    """
    answer = read(exercise, text)
    if equal(exercise, answer, exercise.answer):
        return Verdict(True, "", answer)
    return Verdict(False, diagnose(exercise, answer), answer)


def _names(symbols) -> str:
    ordered = sorted(map(str, symbols))
    return ordered[0] if len(ordered) == 1 else ", ".join(ordered[:-1]) + " and " + ordered[-1]


def _is_monomial(expr: sp.Expr) -> bool:
    """A product of numbers and integer powers of names: no sum, no function."""
    return all(
        factor.is_Number
        or factor.is_Symbol
        or (factor.is_Pow and factor.base.is_Symbol and factor.exp.is_Integer)
        for factor in sp.Mul.make_args(expr)
    )


def diagnose(exercise: Exercise, answer: sp.Expr) -> str:
    """Why ``answer`` is not accepted, as specifically as can be proved (see the module
    docstring)."""
    right = exercise.answer
    for mistake in exercise.mistakes:
        if equal(exercise, answer, mistake.answer):
            return mistake.message
    if answer.has(sp.I) and not right.has(sp.I):
        return "it is not a real number (a logarithm or a root of a negative number?)"
    extra = answer.free_symbols - right.free_symbols
    if extra:
        return f"it depends on {_names(extra)}, but the answer does not"
    if is_zero_form(canonical(answer)):
        return "the answer is not 0"
    if not right.free_symbols:  # a value
        flipped = is_zero_form(canonical(answer + right))
        return "the sign is wrong" if flipped else "not the right value"
    missing = right.free_symbols - answer.free_symbols
    ratio = sp.cancel(answer / right)
    if ratio.is_Number:
        if ratio == -1:
            return "the sign is wrong"
        if ratio.is_negative:
            return f"the sign is wrong, and it is off by a factor {-ratio}"
        return f"off by a factor {ratio}: your answer is {ratio} times the right one"
    if _is_monomial(ratio) and not missing:
        return (
            f"off by a factor {sp.sstr(ratio)}: your answer is {sp.sstr(ratio)} times the right one"
        )
    reason = _by_terms(answer, right)
    if reason is not None:
        return reason
    if missing:
        return f"it should depend on {_names(missing)}"
    return _counterexample(exercise, answer)


def _by_terms(answer: sp.Expr, right: sp.Expr) -> str | None:
    """A reason found by comparing the two as sums of terms, when they differ by one term."""
    gap = canonical(answer - right)
    mine = sp.Add.make_args(canonical(answer))
    theirs = sp.Add.make_args(canonical(right))
    if len(sp.Add.make_args(gap)) != 1 or gap == 0:
        return None
    if gap in mine and gap not in theirs and _is_monomial(gap):
        return f"it has a term too many: {sp.sstr(gap)}"
    if -gap in theirs and -gap not in mine:
        inside = gap.free_symbols
        return f"it is missing a term{f' (one in {_names(inside)})' if inside else ' (a constant)'}"
    for term in mine:
        for target in theirs:
            factor = sp.cancel(term / target)
            if factor.is_Number and factor != 1 and is_zero_form(canonical(term - target - gap)):
                inside = target.free_symbols
                what = f"the term in {_names(inside)}" if inside else "the constant term"
                if factor == -1:
                    return f"{what} has the wrong sign"
                return f"{what} is off by a factor {factor}"
    return None


def _candidates(symbol: sp.Symbol) -> tuple[sp.Rational, ...]:
    """Exact values a symbol may take under its assumptions, three of them. Positive values
    lie in (0, 1), where probabilities and predictions live too."""
    if symbol.is_integer:
        if symbol.is_positive:
            return (sp.Integer(2), sp.Integer(3), sp.Integer(5))
        if symbol.is_nonnegative:
            return (sp.Integer(1), sp.Integer(2), sp.Integer(4))
        return (sp.Integer(2), sp.Integer(-3), sp.Integer(5))
    if symbol.is_positive:
        return (sp.Rational(1, 3), sp.Rational(2, 7), sp.Rational(3, 5))
    if symbol.is_nonnegative:
        return (sp.Rational(1, 4), sp.Rational(4, 9), sp.Integer(1))
    return (sp.Rational(1, 3), sp.Rational(-2, 7), sp.Rational(5, 2))


_FLOAT_FUNCTIONS = {
    sp.exp: math.exp,
    sp.log: math.log,
    sp.Abs: abs,
    sp.sign: lambda v: math.copysign(1.0, v) if v else 0.0,
    sp.Max: lambda *v: max(v),
    sp.Min: lambda *v: min(v),
}


def _number(expr: sp.Basic, point: dict, sizes: list[float]) -> float | complex:
    """``expr`` at ``point`` in floating point, computed node by node (no evalf, which can
    take minutes on a tower of exponentials; no generated code). ``sizes`` collects the
    magnitude of every intermediate value, which bounds the rounding error."""
    if expr.is_Symbol:
        value = float(point[expr])
    elif expr.is_Number or expr in (sp.pi, sp.E):
        value = float(expr)
    else:
        values = [_number(arg, point, sizes) for arg in expr.args]
        if expr.is_Add:
            value = math.fsum(values)
        elif expr.is_Mul:
            value = math.prod(values)
        elif expr.is_Pow:
            value = values[0] ** values[1]
        elif expr.func in _FLOAT_FUNCTIONS:
            value = _FLOAT_FUNCTIONS[expr.func](*values)
        else:
            raise TypeError(f"no floating-point value for {expr.func}")
    sizes.append(abs(value))
    return value


def _value(expr: sp.Expr, point: dict) -> tuple[float, float] | None:
    """``(value, largest intermediate magnitude)`` of ``expr`` at ``point`` in floating point,
    or ``None`` (overflow, a logarithm or a fractional power of a negative number, a function
    with no float form)."""
    sizes: list[float] = []
    try:
        value = _number(expr, point, sizes)
    except (ArithmeticError, ValueError, TypeError):
        return None
    if isinstance(value, complex) or not all(map(math.isfinite, sizes)):
        return None
    return value, max(sizes)


def _counterexample(exercise: Exercise, answer: sp.Expr) -> str:
    """A point where the two differ, which shows the answer wrong: exactly, or in floating
    point with a margin of 1e-9 of the largest intermediate value (rounding errors are far
    below it); otherwise an honest "not shown equal"."""
    right = exercise.answer
    symbols = sorted(answer.free_symbols | right.free_symbols, key=str)
    tables = [_candidates(s) for s in symbols]
    compared = 0
    for k in range(3):
        point = {s: t[(k + j) % 3] for j, (s, t) in enumerate(zip(symbols, tables, strict=True))}
        mine, theirs = answer.xreplace(point), right.xreplace(point)
        if mine.is_Rational and theirs.is_Rational:  # exact
            compared += 1
            if mine == theirs:
                continue
            shown = (sp.sstr(mine), sp.sstr(theirs))
        else:  # floating point, with a margin far above its rounding errors
            found = _value(answer, point), _value(right, point)
            if None in found:
                continue
            (a, size_a), (b, size_b) = found
            compared += 1
            if abs(a - b) <= 1e-9 * max(1.0, size_a, size_b):
                continue
            shown = (f"{a:.6g}", f"{b:.6g}")
        where = ", ".join(f"{s} = {v}" for s, v in point.items())
        return (
            f"it differs from the right answer at {where}: yours is {shown[0]}, the right one "
            f"{shown[1]}"
        )
    if not compared:
        return (
            "not shown equal to the right answer, and it could not be evaluated to compare "
            "(a number too large for floating point, or a logarithm or root of a negative one)"
        )
    return (
        "not shown equal to the right answer: the comparison expands and cancels fractions "
        "but does not simplify, and your answer agrees with the right one wherever it was "
        "tried, so it may be right in a form the comparison cannot reach: write it another way"
    )
