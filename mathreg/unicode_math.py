r"""Inline LaTeX as Unicode text, for the terminal.

The book's prose (a step's justification, a derivation's summary, what a ledger entry says)
writes its mathematics as inline LaTeX between ``$`` signs, so that the site typesets it. A
terminal cannot typeset: :func:`unicode_prose` writes the same formulas with Unicode letters,
scripts and symbols, the way the terminal's pretty-printed statements already look.

Only the LaTeX the book's prose uses is known; anything else raises :class:`ValueError`, so a
new macro in a justification is noticed by the tests instead of reaching a reader's terminal
as a backslash.

Examples
--------
>>> print(unicode_prose(r"the decay factor $1 - \frac{\alpha\lambda}{m}$"))
the decay factor 1 − αλ/m
>>> print(unicode_math(r"\lVert W^{(l)} \rVert_F^2 = \operatorname{tr}(W^{(l)T} W^{(l)})"))
‖W⁽ˡ⁾‖_F² = tr(W⁽ˡ⁾ᵀW⁽ˡ⁾)
>>> print(unicode_math(r"\hat y_i = P(y_i = 1 \mid \theta, x_i)"))
ŷᵢ = P(yᵢ = 1 ∣ θ, xᵢ)
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["unicode_math", "unicode_prose"]

GREEK = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ϵ", "varepsilon": "ε",
    "zeta": "ζ", "eta": "η", "theta": "θ", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
    "xi": "ξ", "pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "phi": "ϕ", "varphi": "φ",
    "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
    "Lambda": "Λ", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
}  # fmt: skip
SYMBOLS = {
    "cdot": "·", "circ": "∘", "times": "×", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "ne": "≠", "neq": "≠", "approx": "≈", "to": "→", "mapsto": "↦", "leftarrow": "←",
    "in": "∈", "notin": "∉", "infty": "∞", "partial": "∂", "nabla": "∇", "sum": "Σ",
    "prod": "∏", "mid": "∣", "propto": "∝", "pm": "±", "ldots": "…", "dots": "…",
    "cdots": "⋯", "lVert": "‖", "rVert": "‖", "|": "‖", "lvert": "|", "rvert": "|",
    "langle": "⟨", "rangle": "⟩", "sim": "~", "coloneqq": "≔", "top": "ᵀ", "{": "{",
    "}": "}", "_": "_", "%": "%", "&": "&", "#": "#", "$": "$", "quad": " ", "qquad": " ",
    ",": "", ";": "", ":": "", "!": "", " ": "", "log": "log", "exp": "exp", "max": "max",
    "min": "min", "arg": "arg", "det": "det", "tr": "tr", "sin": "sin", "cos": "cos",
    "tanh": "tanh", "lim": "lim", "iff": "⟺", "implies": "⟹", "forall": "∀", "exists": "∃",
    "ell": "ℓ", "emptyset": "∅", "subset": "⊂", "cup": "∪", "cap": "∩", "neg": "¬",
}  # fmt: skip
SIZES = {"left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr",
         "biggl", "biggr", "Biggl", "Biggr", "displaystyle", "limits"}  # fmt: skip
ACCENTS = {"hat": "\u0302", "widehat": "\u0302", "tilde": "\u0303", "widetilde": "\u0303",
           "bar": "\u0304", "overline": "\u0305", "dot": "\u0307", "vec": "\u20d7"}  # fmt: skip
FONTS = {
    "mathbb": dict(zip("ERNZQI1", "𝔼ℝℕℤℚ𝕀𝟙", strict=True)),
    "mathcal": dict(zip("DNLEOR", "𝒟𝒩ℒℰ𝒪ℛ", strict=True)),
}
RELATIONS = set("=<>≤≥≠≈→↦←∈∉∝≔∣~⟺⟹⊂")
BINARY = set("+−±·∘×∪∩")
OPERATORS = {"log", "exp", "max", "min", "arg", "det", "tr", "sin", "cos", "tanh", "lim",
             "sum", "prod"}  # fmt: skip
_WORD_SPACE = "\u00a0"  # a space inside \text{…}, which the spacing rules leave alone
_GAP = "\u2063"  # after a named operator: a space if its argument follows without a bracket
TEXT = {"text", "mathrm", "operatorname", "textrm", "mathit", "textit", "mathbf", "boldsymbol"}
FRACTIONS = {"frac", "tfrac", "dfrac"}
SUPERSCRIPT = dict(
    zip(
        "0123456789+-−=()nilTkjabcdefghmoprstuvwxyz′",
        "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱˡᵀᵏʲᵃᵇᶜᵈᵉᶠᵍʰᵐᵒᵖʳˢᵗᵘᵛʷˣʸᶻ′",
        strict=True,
    )
)
SUBSCRIPT = dict(
    zip("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ", strict=True)
)
_TOKEN = re.compile(r"\\([A-Za-z]+|.)|(\s+)|(.)", re.S)
_MATH = re.compile(r"\$([^$]+)\$")


def unicode_prose(text: str) -> str:
    """``text`` with every ``$…$`` formula written in Unicode (see :func:`unicode_math`)."""
    return _MATH.sub(lambda match: unicode_math(match.group(1)), text)


def unicode_math(tex: str) -> str:
    """One inline formula, LaTeX to Unicode.

    Spaces in the LaTeX are ignored, as TeX ignores them; relations (``=``, ``≤``, ``→``) and
    binary operators (``+``, ``−``) are spaced, as TeX spaces them.

    Raises
    ------
    ValueError
        For a macro this module does not know, or unbalanced braces.
    """
    tokens = [(m.group(1), m.group(2), m.group(3)) for m in _TOKEN.finditer(tex)]
    text = _spaced(_Parser(tokens, tex).sequence(stop=None)).replace(_WORD_SPACE, " ")
    return unicodedata.normalize("NFC", text)  # ŷ as one character where Unicode has it


_ARGUMENT_START = re.compile(r"[^\W_]|[√∂∇𝔼𝒟𝒩ℒℰ𝟙−‖]")


def _resolve_gaps(text: str) -> str:
    """After a named operator (and its scripts), a space when a bare argument follows:
    ``log x``, ``max_θ log P``; none before a bracket or at the end: ``log(x)``."""
    out = []
    for k, char in enumerate(text):
        if char != _GAP:
            out.append(char)
            continue
        after = text[k + 1 : k + 2]
        before = "".join(out)[-1:]
        if after and _ARGUMENT_START.match(after) and before and before not in "( [{‖−+±·":
            out.append(" ")
    return "".join(out)


def _spaced(text: str) -> str:
    """TeX's spacing, roughly: around relations, around binary operators that follow an
    operand, after commas, and after a named operator followed by its argument."""
    out: list[str] = []
    previous = ""  # the last character written that is not a space
    for char in text:
        if char == " ":
            continue
        if char == _GAP:
            out.append(char)
            continue
        if char in RELATIONS:
            out.append(f" {char} ")
        elif char in BINARY and previous and previous not in RELATIONS | BINARY | set("(,[{"):
            out.append(f" {char} ")
        elif char == ",":
            out.append(", ")
        else:
            out.append(char)
        previous = char
    joined = _resolve_gaps("".join(out))
    return re.sub(r" {2,}", " ", joined).strip()


class _Parser:
    def __init__(self, tokens: list[tuple[str | None, str | None, str | None]], tex: str):
        self.tokens = tokens
        self.at = 0
        self.tex = tex

    def error(self, message: str) -> ValueError:
        return ValueError(f"{message} in the formula {self.tex!r}")

    def peek(self):
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self):
        token = self.peek()
        if token is None:
            raise self.error("unexpected end")
        self.at += 1
        return token

    def sequence(self, stop: str | None) -> str:
        out = []
        while (token := self.peek()) is not None:
            char = token[2]
            if stop is not None and char == stop:
                self.at += 1
                return "".join(out)
            if char == "}":
                raise self.error("unbalanced }")
            out.append(self.atom())
        if stop is not None:
            raise self.error("missing }")
        return "".join(out)

    def argument(self) -> str:
        """The next argument: a braced group or a single token."""
        while (token := self.peek()) is not None and token[1]:  # skip spaces
            self.at += 1
        if self.peek() is None:
            raise self.error("missing argument")
        if self.peek()[2] == "{":
            self.at += 1
            return self.sequence("}")
        return self.atom()

    def raw_group(self) -> str:
        """A braced group's text as written (for \\text, \\operatorname)."""
        if self.take()[2] != "{":
            raise self.error("expected {")
        depth, out = 1, []
        while True:
            command, space, char = self.take()
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if not depth:
                    return "".join(out)
            out.append(
                command
                if command in ("_", "{", "}", "%", "&", "$")
                else (f"\\{command}" if command else space or char)
            )

    def atom(self) -> str:
        command, space, char = self.take()
        if space:
            return ""
        if char is not None:
            if char == "{":
                return self.sequence("}")
            if char in "^_":
                return self.script(char)
            if char == "-":
                return "−"
            if char == "'":
                return "′"
            if char == "~":
                return ""
            return char
        return self.command(command)

    def command(self, name: str) -> str:
        if name in OPERATORS:  # with its limits or scripts: Σ_(k ≠ l), max_θ
            scripts = []
            while (token := self.peek()) is not None and (token[2] in ("_", "^") or token[1]):
                self.at += 1
                if token[2]:
                    scripts.append(self.script(token[2]))
            return f"{_GAP}{SYMBOLS[name]}{''.join(scripts)}{_GAP}"
        if name in GREEK:
            return GREEK[name]
        if name in SYMBOLS:
            return SYMBOLS[name]
        if name in SIZES:
            token = self.peek()
            if token is not None and token[0] is None and token[2] in ".":
                self.at += 1
                return ""
            return ""
        if name in ACCENTS:
            base = self.argument()
            return base[:1] + ACCENTS[name] + base[1:] if base else ""
        if name in FONTS:
            letters = self.argument()
            return "".join(FONTS[name].get(c, c) for c in letters)
        if name in TEXT:
            text = self.raw_group() if self.peek_brace() else self.argument()
            return text.replace(" ", _WORD_SPACE)
        if name in FRACTIONS:
            top, bottom = self.argument(), self.argument()
            return f"{_wrap(top, denominator=False)}/{_wrap(bottom, denominator=True)}"
        if name == "sqrt":
            return "√" + _wrap(self.argument(), denominator=True)
        raise self.error(f"unknown macro \\{name}")

    def peek_brace(self) -> bool:
        token = self.peek()
        return token is not None and token[2] == "{"

    def script(self, kind: str) -> str:
        body = self.argument()
        table = SUPERSCRIPT if kind == "^" else SUBSCRIPT
        if body and all(c in table for c in body):
            return "".join(table[c] for c in body)
        if re.fullmatch(r"\w+", body):
            return kind + body
        return f"{kind}({body})"


def _wrap(text: str, *, denominator: bool) -> str:
    """Parentheses around a numerator with a sum in it, or a denominator of more than one
    symbol: ``αλ/m``, ``(1 + x)/2``, ``λ/(2m)``."""
    plain = text.strip()
    symbol = r"(?:\d+(?:\.\d+)?|[^\W\d_][\u0300-\u036f\u20d7]*[₀-₉ₐ-ₜᵢ-ᵥ⁰-⁹ᵀ′]*)"
    if re.fullmatch(symbol, plain) or re.fullmatch(r"\(.*\)", plain):
        return plain
    if not denominator and not re.search(r"[+−=/ ,]", plain):
        return plain
    return f"({plain})"
