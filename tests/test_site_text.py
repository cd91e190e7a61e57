"""What the pages and the docstrings write, read as text: no sum of the Bernoulli
log-likelihood without its brackets (the note's slip, errata "brackets"), and examples a reader
can copy one at a time."""

from __future__ import annotations

import ast
import doctest
import re
from pathlib import Path

import pytest

from mathreg.symbolic.errata import ERRATA

ROOT = Path(__file__).resolve().parents[1]

# --- sums: y log p + (1 - y) log(1 - p) is one summand, in brackets ---------------------------

_SUM = re.compile(r"\\sum|[Σ∑]")
_LIMIT = re.compile(r"\s*(?:\\limits|[_^](?:\{(?:[^{}]|\{[^{}]*\})*\}|\\[A-Za-z]+|.)|[ᵢⱼₖₗₘₙ])")
# where a formula (or the summand) ends
_END = re.compile(r"\$|\\\)|\\\]|\\\\|&|=|\\tag|\\qquad|\n\s*\n|:math:`|`")
_OPEN = "([{"
_CLOSE = ")]}"


def _top_level(text: str) -> str:
    """``text`` with the brackets and everything inside them blanked out, position for
    position."""
    depth, out = 0, []
    for char in text:
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(char)
            continue
        out.append(" ")
    return "".join(out)


def unbracketed_bernoulli_sums(text: str) -> list[str]:
    """The sums in ``text`` (LaTeX ``\\sum`` or Unicode ``Σ``) whose summand is
    ``y … log … + (1 − y) … log …`` without brackets around it: the sum (and a minus sign in
    front of it) then covers only the first term.

    Examples
    --------
    >>> unbracketed_bernoulli_sums(r"-\\sum_{i=1}^{m} y_i \\log p_i + (1 - y_i) \\log(1 - p_i)")
    ['\\\\sum_{i=1}^{m} y_i \\\\log p_i + (1 - y_i) \\\\log(1 - p_i)']
    >>> unbracketed_bernoulli_sums(r"-\\sum_{i=1}^{m} [y_i \\log p_i + (1 - y_i) \\log(1 - p_i)]")
    []
    >>> unbracketed_bernoulli_sums("−Σᵢ y log ŷ + (1 − y) log(1 − ŷ)")
    ['Σᵢ y log ŷ + (1 − y) log(1 − ŷ)']
    """
    found = []
    for match in _SUM.finditer(text):
        at = match.end()
        while limit := _LIMIT.match(text, at):
            at = limit.end()
        end = _END.search(text, at)
        summand = text[at : end.start() if end else len(text)]
        top = _top_level(summand)
        second_term = re.search(r"\+\s*\(\s*1\s*[-−]", summand)  # + (1 - y ...
        if second_term and top[second_term.start()] == "+" and summand.count("log") >= 2:
            found.append(text[match.start() : at] + summand.rstrip())
    return found


def _quotes_of_the_note() -> set[str]:
    """The errata's quotations of the note: they show its slip on purpose."""
    return {entry.note_wrote for entry in ERRATA}


def _python_strings(path: Path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value


SOURCES = sorted(ROOT.glob("mathreg/**/*.py")) + sorted(ROOT.glob("docs/*.md"))


def _case(path: Path):
    return pytest.param(path, id=path.relative_to(ROOT).as_posix())


@pytest.mark.parametrize("path", [_case(p) for p in SOURCES])
def test_no_sum_of_the_bernoulli_terms_without_brackets(path: Path):
    quotes = _quotes_of_the_note()
    if path.suffix == ".md":
        texts = [(0, path.read_text(encoding="utf-8"))]
    else:
        texts = [(line, s) for line, s in _python_strings(path) if s not in quotes]
    found = [f"line {line}: {hit!r}" for line, s in texts for hit in unbracketed_bernoulli_sums(s)]
    assert not found, "\n".join(found)


def test_the_errata_quote_the_slip_and_so_would_fail():
    """The check is not vacuous: the note's (4), as the errata quote it, is caught."""
    brackets = next(e for e in ERRATA if e.key == "brackets")
    assert unbracketed_bernoulli_sums(brackets.note_wrote)
    assert not unbracketed_bernoulli_sums(brackets.correct)


# --- examples a reader can copy ----------------------------------------------------------------

PYCON = re.compile(r"^```pycon\n(.*?)^```", re.M | re.S)
CONTINUES = re.compile(r"^>>> # continues ", re.M)


def _examples():
    for path in sorted(ROOT.glob("docs/*.md")):
        for number, match in enumerate(PYCON.finditer(path.read_text(encoding="utf-8")), 1):
            yield pytest.param(path, match.group(1), id=f"{path.stem}-{number}")


@pytest.mark.parametrize(("path", "example"), list(_examples()))
def test_each_console_example_runs_on_its_own(path: Path, example: str):
    """A reader copies one block (the copy button takes its code without prompts or output)
    and runs it in a fresh interpreter: it must not raise NameError because it relies on an
    earlier block. A block that does continue one says so on its first line
    (``>>> # continues …``) and is then run by the page's own doctest only."""
    if CONTINUES.match(example):
        pytest.skip("says which block it continues")
    parser = doctest.DocTestParser()
    test = parser.get_doctest(example, {}, path.stem, str(path), 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    out: list[str] = []
    runner.run(test, out=out.append)
    assert runner.failures == 0, "".join(out)
