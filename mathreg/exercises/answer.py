r"""Reading a typed answer as a formula, without running it: a tokenizer and a parser.

An answer such as ``lam/m * sign(W)`` is read into a SymPy expression by a small
recursive-descent parser over a fixed grammar; nothing the reader types is ever evaluated as
Python (no ``eval``, ``sympify`` or ``parse_expr``). What it accepts:

- numbers (``2``, ``0.99``, ``.5``; decimals are read exactly, ``0.99`` is 99/100);
- the names the exercise declares (and their aliases), and the constant ``pi``;
- ``+ - * / ( )``, powers as ``^`` or ``**``, unary minus;
- the functions ``log``, ``exp``, ``sqrt``, ``abs``, ``sign``, ``max``, ``min`` (also spelt
  ``Abs``, ``Max``, ``Min`` as SymPy prints them), and any the exercise declares.

Anything else is an :class:`AnswerError` naming what and where: an unknown name (such as
``__import__``), a dot (attribute access), quotes, brackets, ``=``, ``:`` (a lambda), a
missing operator (``2lam``), a division by zero. Input longer than :data:`MAX_LENGTH`
characters or nested deeper than :data:`MAX_DEPTH` is refused before it is parsed, and a
formula whose expansion would be too large is refused before any comparison expands it.

Examples
--------
>>> import sympy as sp
>>> lam, m, W = sp.Symbol("lam", positive=True), sp.Symbol("m"), sp.Symbol("W")
>>> names = {"lam": lam, "λ": lam, "m": m, "W": W}
>>> read_answer("lam/m * sign(W)", names)
lam*sign(W)/m
>>> read_answer("-2^2 + 0.5", names)
-7/2
>>> read_answer("__import__", names)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
mathreg.exercises.answer.AnswerError: unknown name '__import__' at position 1; names: lam, m, W; ...
>>> read_answer("W.T", names)
Traceback (most recent call last):
...
mathreg.exercises.answer.AnswerError: a dot (attribute access) is not allowed (position 2)
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import sympy as sp

__all__ = ["FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH", "AnswerError", "read_answer"]

#: The longest answer read, in characters.
MAX_LENGTH = 300
#: The deepest nesting of parentheses, function calls and signs.
MAX_DEPTH = 12
#: The largest integer exponent, in absolute value.
MAX_EXPONENT = 12
#: The most digits a number may have.
MAX_DIGITS = 12
#: The largest number of terms the answer may expand to.
MAX_TERMS = 400
#: The most digits a number may have once the answer is built (a power of a number, a product).
MAX_NUMBER_DIGITS = 400
#: The largest exponent once powers of powers are combined (``(x^12)^12`` is ``x^144``).
MAX_COMBINED_EXPONENT = MAX_EXPONENT**2

#: The functions every answer may use: name → (least, most arguments, SymPy function).
FUNCTIONS: dict[str, tuple[int, int, Callable[..., sp.Expr]]] = {
    "abs": (1, 1, sp.Abs),
    "exp": (1, 1, sp.exp),
    "log": (1, 1, sp.log),
    "max": (2, 8, sp.Max),
    "min": (2, 8, sp.Min),
    "sign": (1, 1, sp.sign),
    "sqrt": (1, 1, sp.sqrt),
}
#: SymPy's spellings of the same functions, so that what SymPy prints can be typed back.
_ALIASES = {"Abs": "abs", "Max": "max", "Min": "min"}
_CONSTANTS = {"pi": sp.pi}

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+\.?\d*|\.\d+)|(?P<name>[^\W\d]\w*)|(?P<op>\*\*|[-+*/^(),]))",
    re.UNICODE,
)
_WHY_NOT = {
    ".": "a dot (attribute access) is not allowed",
    "'": "quotes (strings) are not allowed",
    '"': "quotes (strings) are not allowed",
    "[": "brackets are not allowed: group with ( )",
    "]": "brackets are not allowed: group with ( )",
    "{": "braces are not allowed: group with ( )",
    "}": "braces are not allowed: group with ( )",
    "=": "write the answer as an expression, without '='",
    ":": "':' is not allowed (no lambdas, no slices)",
    ";": "';' is not allowed: one expression only",
}


class AnswerError(ValueError):
    """An answer that cannot be read: the message says what and where, in one line."""


@dataclass(frozen=True)
class _Token:
    kind: str  # "number", "name", "op" or "end"
    text: str
    position: int  # 1-based, as a reader counts characters


def _tokens(text: str) -> list[_Token]:
    tokens, at = [], 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None or match.end() == at:
            rest = text[at:].lstrip()
            if not rest:
                break
            where = len(text) - len(rest) + 1
            char = rest[0]
            why = _WHY_NOT.get(char, f"the character {char!r} is not allowed")
            raise AnswerError(f"{why} (position {where})")
        kind = match.lastgroup or "op"
        value = match.group(kind)
        tokens.append(_Token(kind, value, match.start(kind) + 1))
        at = match.end()
    tokens.append(_Token("end", "", len(text) + 1))
    return tokens


def _nesting(text: str) -> int:
    depth = deepest = 0
    for char in text:
        if char == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif char == ")":
            depth -= 1
    return deepest


class _Parser:
    """``expr := term (('+'|'-') term)*``; ``term := unary (('*'|'/') unary)*``;
    ``unary := ('+'|'-') unary | power``; ``power := atom (('^'|'**') unary)?``;
    ``atom := NUMBER | NAME | NAME '(' expr (',' expr)* ')' | '(' expr ')'``."""

    def __init__(self, text: str, names: Mapping[str, sp.Basic], functions: Mapping) -> None:
        self.tokens = _tokens(text)
        self.at = 0
        self.depth = 0
        self.names = names
        self.functions = functions

    @property
    def token(self) -> _Token:
        return self.tokens[self.at]

    def take(self) -> _Token:
        token = self.token
        self.at += 1
        return token

    def expect(self, text: str) -> None:
        if self.token.text != text:
            raise AnswerError(f"expected '{text}' {self._where()}")
        self.take()

    def _where(self) -> str:
        token = self.token
        if token.kind == "end":
            return "at the end"
        return f"at position {token.position}, found {token.text!r}"

    def _deeper(self) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise AnswerError(f"the answer is nested more than {MAX_DEPTH} levels deep")

    def answer(self) -> sp.Expr:
        if self.token.kind == "end":
            raise AnswerError("the answer is empty")
        value = self.expr()
        if self.token.kind != "end":
            previous = self.tokens[self.at - 1].text
            if re.fullmatch(r"[eE]\d*", self.token.text) and previous[-1:].isdigit():
                raise AnswerError(
                    f"scientific notation is not read (position {self.token.position}): write "
                    "a fraction, such as 1/1000 for 1e-3"
                )
            if self.token.kind in ("number", "name") or self.token.text == "(":
                raise AnswerError(
                    f"missing operator between {previous!r} and {self.token.text!r} at position "
                    f"{self.token.position} (write {previous}*{self.token.text})"
                )
            raise AnswerError(f"unexpected {self.token.text!r} at position {self.token.position}")
        return value

    def expr(self) -> sp.Expr:
        value = self.term()
        while self.token.text in ("+", "-"):
            sign = self.take().text
            other = self.term()
            value = value + other if sign == "+" else value - other
        return value

    def term(self) -> sp.Expr:
        value = self.unary()
        while self.token.text in ("*", "/"):
            operator = self.take()
            other = self.unary()
            if operator.text == "/":
                if other == 0:
                    raise AnswerError(f"division by zero at position {operator.position}")
                value = value / other
            else:
                value = value * other
        return value

    def unary(self) -> sp.Expr:
        if self.token.text in ("+", "-"):
            sign = self.take().text
            self._deeper()
            value = self.unary()
            self.depth -= 1
            return -value if sign == "-" else value
        return self.power()

    def power(self) -> sp.Expr:
        base = self.atom()
        if self.token.text in ("^", "**"):
            operator = self.take()
            self._deeper()
            exponent = self.unary()
            self.depth -= 1
            if exponent.is_Number and not (
                exponent.is_Rational and abs(exponent) <= MAX_EXPONENT and exponent.q <= 100
            ):
                raise AnswerError(
                    f"the exponent {exponent} at position {operator.position} is too large "
                    f"(at most {MAX_EXPONENT} in size)"
                )
            if base == 0 and (exponent.is_negative or exponent == 0):
                raise AnswerError(f"0 to the power {exponent} at position {operator.position}")
            if base.is_Rational and exponent.is_Number:
                digits = max(len(str(abs(base.p))), len(str(base.q))) * abs(exponent)
                if digits > MAX_NUMBER_DIGITS:
                    raise AnswerError(
                        f"the number at position {operator.position} would have more than "
                        f"{MAX_NUMBER_DIGITS} digits"
                    )
            return base**exponent
        return base

    def atom(self) -> sp.Expr:
        token = self.take()
        if token.kind == "number":
            digits = token.text.replace(".", "")
            if len(digits) > MAX_DIGITS:
                raise AnswerError(
                    f"the number at position {token.position} has more than {MAX_DIGITS} digits"
                )
            return sp.Rational(token.text)
        if token.text == "(":
            self._deeper()
            value = self.expr()
            self.expect(")")
            self.depth -= 1
            return value
        if token.kind == "name":
            if self.token.text == "(":
                return self.call(token)
            if token.text in self.names:
                return self.names[token.text]
            if token.text in _CONSTANTS:
                return _CONSTANTS[token.text]
            if token.text in self.functions or token.text in _ALIASES:
                raise AnswerError(f"{token.text} is a function: write {token.text}(...)")
            raise AnswerError(self._unknown(token))
        if token.kind == "end":
            raise AnswerError("the answer ends too early: a term is missing at the end")
        raise AnswerError(f"unexpected {token.text!r} at position {token.position}")

    def call(self, token: _Token) -> sp.Expr:
        name = _ALIASES.get(token.text, token.text)
        if name not in self.functions:
            if token.text in self.names:
                raise AnswerError(
                    f"{token.text} is not a function: write {token.text}*(...) at position "
                    f"{token.position}"
                )
            raise AnswerError(self._unknown(token))
        least, most, function = self.functions[name]
        self.expect("(")
        self._deeper()
        arguments = [self.expr()]
        while self.token.text == ",":
            self.take()
            arguments.append(self.expr())
        self.expect(")")
        self.depth -= 1
        if not least <= len(arguments) <= most:
            count = str(least) if least == most else f"{least} to {most}"
            raise AnswerError(f"{name} takes {count} arguments, got {len(arguments)}")
        if function is sp.exp:
            problem = _exponential_power(arguments[0])
            if problem is not None:
                raise AnswerError(f"{problem} (position {token.position})")
        return function(*arguments)

    def _unknown(self, token: _Token) -> str:
        names = ", ".join(dict.fromkeys(str(s) for s in self.names.values()))
        functions = ", ".join(sorted(self.functions))
        return (
            f"unknown name {token.text!r} at position {token.position}; names: {names}; "
            f"functions: {functions}"
        )


def _digits(number: int) -> int:
    """The decimal digits of an integer, without writing it out (Python refuses to write an
    integer of more than 4300 digits as text)."""
    return len(str(abs(number))) if abs(number).bit_length() < 4000 else MAX_NUMBER_DIGITS + 1


def _exponential_power(argument: sp.Expr) -> str | None:
    """Why ``exp(argument)`` is refused, or ``None``: SymPy turns ``exp(k*log(b))`` into
    ``b**k`` (and ``exp(x + k*log(b))`` into ``b**k*exp(x)``), so a large ``k`` would make
    it compute a power with billions of digits."""
    for term in sp.Add.make_args(argument):
        coefficient, rest = term.as_coeff_Mul()
        if rest.has(sp.log) and abs(coefficient) > MAX_COMBINED_EXPONENT:
            return (
                f"exp of {sp.sstr(coefficient)} times a logarithm is a power above "
                f"{MAX_COMBINED_EXPONENT}: write it shorter"
            )
    return None


def _expanded_size(expr: sp.Basic) -> int:
    """An upper bound on the number of terms ``expand`` can make of ``expr`` (capped)."""
    cap = 10 * MAX_TERMS
    if expr.is_Add:
        return min(cap, sum(_expanded_size(a) for a in expr.args))
    if expr.is_Mul:
        size = 1
        for factor in expr.args:
            size = min(cap, size * _expanded_size(factor))
        return size
    if expr.is_Pow and expr.exp.is_Integer:
        terms = _expanded_size(expr.base)
        power = abs(int(expr.exp))
        return min(cap, math.comb(terms + power - 1, power)) if terms > 1 else 1
    if expr.args:
        return min(cap, max(1, sum(_expanded_size(a) for a in expr.args)))
    return 1


def read_answer(
    text: str,
    names: Mapping[str, sp.Basic],
    functions: Mapping[str, tuple[int, int, Callable[..., sp.Expr]]] | None = None,
) -> sp.Expr:
    """Read ``text`` as a formula in ``names`` (spelling → SymPy symbol).

    Parameters
    ----------
    text : str
        What the reader typed.
    names : mapping of str to sympy.Basic
        The names the answer may use, each spelling mapped to its symbol.
    functions : mapping, optional
        The functions it may call, name → (least, most arguments, function); by default
        :data:`FUNCTIONS`.

    Returns
    -------
    sympy.Expr
        The formula, as SymPy builds it (no ``simplify``).

    Raises
    ------
    AnswerError
        When the text is too long or too deeply nested, is not a formula of the grammar, uses
        a name or function that is not allowed, divides by zero, or would expand to more than
        :data:`MAX_TERMS` terms.
    """
    if not isinstance(text, str):
        raise AnswerError(f"the answer must be text, got {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise AnswerError(f"the answer is longer than {MAX_LENGTH} characters")
    if _nesting(text) > MAX_DEPTH:
        raise AnswerError(f"the answer is nested more than {MAX_DEPTH} levels deep")
    parser = _Parser(text, names, FUNCTIONS if functions is None else functions)
    value = parser.answer()
    for node in sp.preorder_traversal(value):
        if node in (sp.zoo, sp.nan, sp.oo, -sp.oo):
            raise AnswerError("the answer is not finite (a division by zero or log(0)?)")
        if node.is_Rational and max(_digits(node.p), _digits(node.q)) > MAX_NUMBER_DIGITS:
            raise AnswerError(f"the answer holds a number of more than {MAX_NUMBER_DIGITS} digits")
        if node.is_Pow and node.exp.is_Number and abs(node.exp) > MAX_COMBINED_EXPONENT:
            raise AnswerError(
                f"the answer has a power above {MAX_COMBINED_EXPONENT} (powers of powers "
                "multiply their exponents)"
            )
    if _expanded_size(value) > MAX_TERMS:
        raise AnswerError(f"the answer expands to more than {MAX_TERMS} terms: write it shorter")
    return value
