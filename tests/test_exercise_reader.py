"""Reading a typed answer: the grammar, and everything that is refused, case by case.

Nothing a reader types is run as Python: the answer reader is a tokenizer and a parser over a
fixed grammar, tested here to accept formulas and to refuse, with a one-line reason, anything
else (names it does not know, attribute access, strings, lambdas, brackets), and to refuse
long, deeply nested or explosive input before anything expands it.
"""

from __future__ import annotations

import builtins
import time

import pytest
import sympy as sp

from mathreg.exercises import EXERCISES, judge
from mathreg.exercises.answer import (
    MAX_DEPTH,
    MAX_LENGTH,
    AnswerError,
    read_answer,
)

lam = sp.Symbol("lam", positive=True)
m = sp.Symbol("m", integer=True, positive=True)
W = sp.Symbol("W", real=True)
NAMES = {"lam": lam, "lambda": lam, "λ": lam, "m": m, "W": W}


def read(text: str) -> sp.Expr:
    return read_answer(text, NAMES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("lam/m*sign(W)", lam * sp.sign(W) / m),
        ("λ/m * sign(W)", lam * sp.sign(W) / m),
        ("lambda / m * sign( W )", lam * sp.sign(W) / m),
        ("2^3", sp.Integer(8)),
        ("2**3", sp.Integer(8)),
        ("2^3^2", sp.Integer(512)),  # right-associative, as in mathematics
        ("-2^2", sp.Integer(-4)),  # the power binds tighter than the sign
        ("2^-1", sp.Rational(1, 2)),
        ("--W", W),
        ("+W", W),
        ("1 - 2 - 3", sp.Integer(-4)),  # left-associative
        ("8/4/2", sp.Integer(1)),
        ("0.99", sp.Rational(99, 100)),  # exactly, not a float
        (".5 + 1.", sp.Rational(3, 2)),
        ("(W + 1)*(W - 1)", (W + 1) * (W - 1)),
        ("abs(W) + Abs(W)", 2 * sp.Abs(W)),
        ("max(W, 0, lam) - Max(W, 0, lam)", sp.Integer(0)),
        ("min(W, 1)", sp.Min(W, 1)),
        ("sqrt(m)", sp.sqrt(m)),
        ("exp(log(lam))", lam),
        ("pi", sp.pi),
    ],
)
def test_formulas_are_read(text, expected):
    assert sp.simplify(read(text) - expected) == 0
    assert read(text) == expected or sp.expand(read(text) - expected) == 0


REFUSED = {
    "__import__": "unknown name '__import__' at position 1",
    "__import__('os').system('true')": "quotes (strings) are not allowed (position 12)",
    "os.system": "a dot (attribute access) is not allowed (position 3)",
    "W.T": "a dot (attribute access) is not allowed",
    "W.__class__": "a dot (attribute access) is not allowed",
    "lambda x: x": "':' is not allowed (no lambdas, no slices)",
    "'W'": "quotes (strings) are not allowed (position 1)",
    '"W"': "quotes (strings) are not allowed",
    "W[0]": "brackets are not allowed: group with ( )",
    "{W}": "braces are not allowed",
    "W = 1": "write the answer as an expression, without '='",
    "W; m": "';' is not allowed: one expression only",
    "x": "unknown name 'x' at position 1; names: lam, m, W; functions: abs, exp, log",
    "eval(W)": "unknown name 'eval' at position 1",
    "sympify(W)": "unknown name 'sympify' at position 1",
    "exec": "unknown name 'exec'",
    "Symbol(W)": "unknown name 'Symbol'",
    "W @ W": "the character '@' is not allowed",
    "W % 2": "the character '%' is not allowed",
    "W & m": "the character '&' is not allowed",
    "`W`": "the character '`' is not allowed",
    "2lam": "missing operator between '2' and 'lam' at position 2 (write 2*lam)",
    "W (m)": "W is not a function: write W*(...)",
    "2 (m)": "missing operator between '2' and '('",
    "lam(W)": "lam is not a function: write lam*(...)",
    "log": "log is a function: write log(...)",
    "log(W, 2)": "log takes 1 arguments, got 2",
    "max(W)": "max takes 2 to 8 arguments, got 1",
    "1e-3": "scientific notation is not read",
    "": "the answer is empty",
    "   ": "the answer is empty",
    "W +": "the answer ends too early",
    "(W": "expected ')' at the end",
    "W)": "unexpected ')' at position 2",
    "1/0": "division by zero at position 2",
    "1/(W - W)": "division by zero",
    "0^-1": "0 to the power -1",
    "log(0)": "the answer is not finite",
    "9^9^9": "the exponent 387420489 at position 2 is too large",
    "W^100": "the exponent 100 at position 2 is too large",
    "2^(1/1000)": "the exponent 1/1000 at position 2 is too large",
    "1234567890123": "has more than 12 digits",
    "(W + m + lam)^12 * (W + m + lam + 1)^12": "expands to more than 400 terms",
    "((((999999999999^12)^12)^12)^12)^12": "would have more than 400 digits",
    "999999999999^12^1 * 999999999999^12 * 999999999999^12": "a number of more than 400 digits",
    "((((W^12)^12)^12)^12)^12": "a power above 144 (powers of powers multiply their exponents)",
}


@pytest.mark.parametrize("text", REFUSED, ids=[repr(t) for t in REFUSED])
def test_anything_else_is_refused_with_a_reason(text):
    with pytest.raises(AnswerError) as caught:
        read(text)
    message = str(caught.value)
    assert REFUSED[text] in message, message
    assert "\n" not in message


def test_long_input_is_refused_before_it_is_read():
    text = "W+" * (MAX_LENGTH // 2) + "W"
    with pytest.raises(AnswerError, match=f"longer than {MAX_LENGTH} characters"):
        read(text)
    assert read("W+" * (MAX_LENGTH // 2 - 1) + "W") == (MAX_LENGTH // 2) * W


def test_deep_nesting_is_refused_before_it_is_read():
    deep = "(" * (MAX_DEPTH + 1) + "W" + ")" * (MAX_DEPTH + 1)
    with pytest.raises(AnswerError, match=f"nested more than {MAX_DEPTH} levels"):
        read(deep)
    assert read("(" * MAX_DEPTH + "W" + ")" * MAX_DEPTH) == W


@pytest.mark.parametrize(
    "text",
    ["-" * (MAX_DEPTH + 1) + "W", "exp(" * (MAX_DEPTH + 1) + "W" + ")" * (MAX_DEPTH + 1)],
    ids=["signs", "calls"],
)
def test_deep_nesting_without_parentheses_is_refused(text):
    with pytest.raises(AnswerError, match="nested more than"):
        read(text[:MAX_LENGTH])


def test_unreadable_input_fails_fast():
    started = time.perf_counter()
    explosive = "(W+m+lam)^12*(W-m+lam)^12*(W+m-lam)^12"
    for text in ["(" * 5000, "9^" * 140 + "9", "-" * 290 + "W", explosive]:
        with pytest.raises(AnswerError):
            read(text)
    assert time.perf_counter() - started < 2


def test_nothing_is_evaluated_as_python(monkeypatch):
    """No answer's text reaches eval or exec (SymPy itself execs code templates of its own,
    so those calls are let through when they do not hold the answer), parse_expr, or
    sympify's string path (which ends in eval)."""
    import sys

    answers = {exercise.typed for exercise in EXERCISES.values()}
    answers |= {"2*lam/m*sign(W)", "lam/m*sign(W) + W", "__import__"}
    answers = {a for a in answers if len(a) >= 6}  # "5" is in any code template

    def guarded(builtin):
        def call(code, *args, **kwargs):
            if isinstance(code, str) and any(answer in code for answer in answers):
                raise AssertionError(f"an answer reached {builtin.__name__}")
            return builtin(code, *args, **kwargs)

        return call

    def forbidden(*args, **kwargs):
        raise AssertionError("an answer reached parse_expr")

    sympify_module = sys.modules["sympy.core.sympify"]
    original = sympify_module.sympify

    def no_text(a, *args, **kwargs):
        if isinstance(a, str):
            raise AssertionError("an answer reached sympify")
        return original(a, *args, **kwargs)

    monkeypatch.setattr(builtins, "eval", guarded(builtins.eval))
    monkeypatch.setattr(builtins, "exec", guarded(builtins.exec))
    monkeypatch.setattr(sympify_module, "sympify", no_text)
    monkeypatch.setattr(sp, "sympify", no_text)
    monkeypatch.setattr(sp.parsing.sympy_parser, "parse_expr", forbidden)
    for exercise in EXERCISES.values():
        assert judge(exercise, exercise.typed).right
    exercise = EXERCISES["l1-gradient"]
    assert not judge(exercise, "2*lam/m*sign(W)").right
    assert not judge(exercise, "lam/m*sign(W) + W").right
    with pytest.raises(AnswerError):
        judge(exercise, "__import__")


def test_an_exercise_reads_only_its_own_names():
    exercise = EXERCISES["decay-factor-value"]  # a value: no names at all
    with pytest.raises(AnswerError, match="unknown name 'lam'"):
        judge(exercise, "1 - lam")
    assert judge(exercise, "1 - 0.1*5/50").right
