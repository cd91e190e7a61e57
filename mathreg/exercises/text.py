r"""An exercise's text for a terminal: the page's Markdown with its math in Unicode, and its
`code` and *emphasis* marks dropped.

The exercises are written once, for the page, with math between ``\(`` and ``\)``. A terminal
shows no typeset math, so :func:`plain` turns the small part of LaTeX the exercises use into
Unicode: Greek letters, relations, ``\frac``, ``\sqrt``, hats and tildes, sub- and
superscripts, norms. A command it does not know is an error, so an exercise can never show
raw TeX in the terminal (the tests convert every exercise).

Examples
--------
>>> plain(r"the gradient of \(\frac{\lambda}{m}\lVert W\rVert_1\)")
'the gradient of (λ/m)‖W‖₁'
>>> plain(r"\(\mathbb{E}[\tilde A] = \hat y^{2}\)")
'E[Ã] = ŷ²'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["plain"]

_SYMBOLS = {
    "alpha": "α",
    "beta": "β",
    "gamma": "γ",
    "delta": "δ",
    "epsilon": "ε",
    "varepsilon": "ε",
    "eta": "η",
    "theta": "θ",
    "lambda": "λ",
    "mu": "μ",
    "pi": "π",
    "sigma": "σ",
    "tau": "τ",
    "Sigma": "Σ",
    "sum": "Σ",
    "prod": "Π",
    "cdot": "·",
    "times": "×",
    "le": "≤",
    "leq": "≤",
    "ge": "≥",
    "geq": "≥",
    "ne": "≠",
    "neq": "≠",
    "approx": "≈",
    "to": "→",
    "mapsto": "↦",
    "in": "∈",
    "infty": "∞",
    "partial": "∂",
    "nabla": "∇",
    "lVert": "‖",
    "rVert": "‖",
    "|": "‖",
    "mid": "|",
    "ldots": "…",
    "dots": "…",
    "sim": "~",
    "ell": "ℓ",
    "leftarrow": "←",
    "rightarrow": "→",
    "pm": "±",
    "propto": "∝",
    "top": "ᵀ",
    "{": "{",
    "}": "}",
    "%": "%",
    "_": "_",
    ",": " ",
    " ": " ",
    ";": " ",
    ":": " ",
    "!": "",
    "quad": "  ",
    "qquad": "    ",
    "left": "",
    "right": "",
    "big": "",
    "Big": "",
}
_FUNCTIONS = {"log", "exp", "max", "min", "sin", "cos"}
_WRAPPERS = {
    "text",
    "mathrm",
    "operatorname",
    "mathbb",
    "mathbf",
    "mathit",
    "mathcal",
    "boldsymbol",
}
_ACCENTS = {"hat": "\u0302", "tilde": "\u0303", "bar": "\u0304"}
_SUPERSCRIPT = str.maketrans("0123456789+-=()nikTᵀ", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿⁱᵏᵀᵀ")
_SUBSCRIPT = str.maketrans("0123456789+-=()aeijklmnoprstux", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢⱼₖₗₘₙₒₚᵣₛₜᵤₓ")
_MARKUP = re.compile(r"`([^`]+)`|(?<![\w*])\*(\S[^*]*?)\*(?![\w*])")
_MATH = re.compile(r"\\\((.+?)\\\)|\\\[(.+?)\\\]", re.S)


def _group(tex: str, at: int) -> tuple[str, int]:
    """The argument starting at ``at``: a braced group or one character; and where it ends."""
    while at < len(tex) and tex[at] == " ":
        at += 1
    if at >= len(tex):
        raise ValueError("a command is missing its argument")
    if tex[at] != "{":
        if tex[at] == "\\":
            match = re.match(r"\\([A-Za-z]+|.)", tex[at:])
            return tex[at : at + match.end()], at + match.end()
        return tex[at], at + 1
    depth = 0
    for end in range(at, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[end], 0)
        if depth == 0:
            return tex[at + 1 : end], end + 1
    raise ValueError(f"unbalanced braces in {tex!r}")


_POWERS = "⁰¹²³⁴⁵⁶⁷⁸⁹ᵀ"
#: One factor: a number, one letter (with an accent, a subscript, a power), or a group.
_FACTOR = re.compile(
    rf"(?:\d+(?:\.\d+)?|[^\W\d_][\u0302-\u0304]?(?:_\w+)?|√?\([^()]*\))[{_POWERS}]*"
)
#: A product of factors, written without spaces or signs (αλ, (y − ŷ)², keep_prob).
_PRODUCT = re.compile(r"(?:\([^()]*\)|[^\s()+\-=])+")


def _factor(text: str) -> bool:
    """Whether ``text`` can stand after ``/`` or ``√`` without parentheses."""
    return _FACTOR.fullmatch(text) is not None or re.fullmatch(r"[A-Za-z]\w*", text) is not None


def _script(text: str, table: dict, mark: str) -> str:
    if all(ord(c) in table for c in text):
        return text.translate(table)
    return f"{mark}({text})" if len(text) > 1 else f"{mark}{text}"


def _math(tex: str) -> str:
    out, at = [], 0
    while at < len(tex):
        char = tex[at]
        if char == "\\":
            match = re.match(r"\\([A-Za-z]+|.)", tex[at:])
            command = match.group(1)
            at += match.end()
            rest = tex[at:].lstrip(" ")
            if command.isalpha() and rest[:1].isalpha():  # \lVert W → ‖W, \lambda = 2 → λ = 2
                at = len(tex) - len(rest)
            if command in ("frac", "tfrac", "dfrac"):
                top, at = _group(tex, at)
                bottom, at = _group(tex, at)
                top, bottom = _math(top), _math(bottom)
                top = top if _PRODUCT.fullmatch(top) else f"({top})"
                bottom = bottom if _factor(bottom) else f"({bottom})"
                rest = tex[at:].lstrip()
                alone = not rest or rest[0] in "+-=,.)]<>" or rest.startswith(("\\le", "\\ge"))
                out.append(f"{top}/{bottom}" if alone else f"({top}/{bottom})")
            elif command == "sqrt":
                inside, at = _group(tex, at)
                inside = _math(inside)
                out.append(f"√{inside}" if _factor(inside) else f"√({inside})")
            elif command in _ACCENTS:
                inside, at = _group(tex, at)
                inside = _math(inside)
                out.append(inside[:1] + _ACCENTS[command] + inside[1:])
            elif command in _WRAPPERS:
                inside, at = _group(tex, at)
                out.append(_math(inside))
            elif command in _FUNCTIONS:
                after = tex[at : at + 2]
                word = after[:1].isalnum() or (after[:1] == "\\" and after[1:].isalpha())
                out.append(command + (" " if word else ""))
            elif command in _SYMBOLS:
                out.append(_SYMBOLS[command])
            else:
                raise ValueError(f"no plain-text form for \\{command}")
        elif char in "^_":
            inside, at = _group(tex, at + 1)
            inside = _math(inside)
            table = _SUPERSCRIPT if char == "^" else _SUBSCRIPT
            out.append(_script(inside, table, char))
        elif char in "{}":
            at += 1
        else:
            out.append(char)
            at += 1
    return "".join(out)


def plain(text: str) -> str:
    """``text`` with every ``\\(...\\)`` and ``\\[...\\]`` formula written in Unicode.

    Raises
    ------
    ValueError
        When a formula uses a command this module has no plain form for.
    """
    converted = _MATH.sub(lambda match: _math(match.group(1) or match.group(2)).strip(), text)
    converted = _MARKUP.sub(
        lambda match: match.group(1) or match.group(2), converted
    )  # `code` and *emphasis* as plain words
    return unicodedata.normalize("NFC", converted)  # y + a combining hat: one letter, ŷ
