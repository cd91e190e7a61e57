"""Run the examples on the site's pages as tests (Sybil).

Every fenced ``pycon`` block, and every ``python`` block that starts with ``>>>``, in
``docs/*.md`` is a doctest: ``make test`` fails when a shown output is not what the code
prints. Plain ``python`` blocks (no prompt) are executed too, so they must run. Blocks with
options after the language, such as ``python exec="on"`` (executed by markdown-exec while
the site is built), are not collected here: the strict site build covers them.

Examples of one page share a namespace, top to bottom, like a reader's session.
"""

from __future__ import annotations

from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers.abstract.codeblock import PythonDocTestOrCodeBlockParser
from sybil.parsers.markdown import CodeBlockParser, PythonCodeBlockParser

# The figures' tables (written by `python -m mathreg figures`) are not examples.
collect_ignore_glob = ["figures/*"]

OPTIONFLAGS = NORMALIZE_WHITESPACE | ELLIPSIS


class PyconCodeBlockParser(PythonDocTestOrCodeBlockParser):
    """Doctests in ```` ```pycon ```` fences (a Python console session)."""

    @staticmethod
    def codeblock_parser_class(language, evaluator):
        return CodeBlockParser("pycon", evaluator)


def parsers():
    return [
        PythonCodeBlockParser(doctest_optionflags=OPTIONFLAGS),
        PyconCodeBlockParser(doctest_optionflags=OPTIONFLAGS),
    ]


pytest_collect_file = Sybil(parsers=parsers(), patterns=["*.md"]).pytest()
