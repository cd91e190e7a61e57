"""Griffe extension: turn the reStructuredText bits of numpydoc docstrings into Markdown.

The package's docstrings are numpydoc, written for ``help()`` and Sphinx: they use
``:math:`...```, ``.. math::`` blocks and cross-reference roles such as ``:func:`name```.
mkdocstrings renders docstrings as Markdown, where those would show up raw. This extension
rewrites them, on the API pages only, into what ``pymdownx.arithmatex`` and Markdown
understand. It is a griffe extension, listed by import path under the python handler's
``extensions`` option in ``mkdocs.yml`` (not an MkDocs hook), so MkDocs and Zensical, which
both run mkdocstrings, both apply it:

- ``:math:`x``` becomes ``$x$`` (a long one several formulas, cut after a relation or an
  operator, so that the text around it can wrap on a phone);
- a ``.. math::`` directive with its indented body becomes a ``$$ … $$`` display block;
- ``:func:`~a.b.f``` becomes ```f()``` (code), other roles likewise without the ``()``;
- a reST "simple table" (columns framed by ``====  ====`` lines) becomes a Markdown table;
- a doctest outside an ``Examples`` section (which Markdown would read as nested quotes)
  becomes a fenced ``pycon`` block;
- a reST section title other than numpydoc's own (``Parameters``, ``Examples``, …) becomes a
  bold line, instead of a Markdown heading that would break the page's outline.

The source files are not modified.
"""

from __future__ import annotations

import re
import textwrap

import griffe

MATH_ROLE = re.compile(r":math:`([^`]+)`")
XREF_ROLE = re.compile(
    r":(?:py:)?(?P<role>func|meth|class|mod|attr|data|obj|exc|const|ref|term):`(?P<target>[^`]+)`"
)
MATH_DIRECTIVE = re.compile(r"^(?P<indent>[ \t]*)\.\. math::[ \t]*(?P<inline>.*)$")
TABLE_BORDER = re.compile(r"^(?P<indent>[ \t]*)=+(?: +=+)+[ \t]*$")


def _columns(border: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"=+", border)]


def _cells(line: str, columns: list[tuple[int, int]]) -> list[str]:
    cells = []
    for k, (start, _end) in enumerate(columns):
        stop = None if k == len(columns) - 1 else columns[k + 1][0]
        cells.append(line[start:stop].strip())
    return cells


def _simple_tables(text: str) -> str:
    """reST simple tables (border, header, border, rows, border) as Markdown tables."""
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        top = TABLE_BORDER.match(lines[i])
        borders = (
            [
                k
                for k in range(i, len(lines))
                if TABLE_BORDER.match(lines[k]) and lines[k] == lines[i]
            ][:3]
            if top
            else []
        )
        if len(borders) < 3 or borders[1] != i + 2:
            out.append(lines[i])
            i += 1
            continue
        indent = top.group("indent")
        columns = _columns(lines[i])
        header = _cells(lines[i + 1], columns)
        rows: list[list[str]] = []
        for line in lines[borders[1] + 1 : borders[2]]:
            if not line.strip():
                continue
            cells = _cells(line, columns)
            if rows and not cells[0]:  # continuation of the previous row
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
            else:
                rows.append(cells)
        out.append(indent + "| " + " | ".join(header) + " |")
        out.append(indent + "|" + "---|" * len(columns))
        out.extend(indent + "| " + " | ".join(row) + " |" for row in rows)
        i = borders[2] + 1
    return "\n".join(out)


def _xref(match: re.Match[str]) -> str:
    target = match.group("target").strip()
    label = re.match(r"^(.*?)\s*<[^>]+>$", target)  # :ref:`text <label>`
    if label:
        target = label.group(1)
    if target.startswith("~"):
        target = target[1:].rsplit(".", 1)[-1]
    if match.group("role") in {"func", "meth"} and not target.endswith(")"):
        target += "()"
    return f"`{target}`"


def _math_blocks(text: str) -> str:
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        match = MATH_DIRECTIVE.match(lines[i])
        if not match:
            out.append(lines[i])
            i += 1
            continue
        indent = match.group("indent")
        body = [match.group("inline")] if match.group("inline").strip() else []
        i += 1
        while i < len(lines):
            line = lines[i]
            if line.strip() and len(line) - len(line.lstrip()) <= len(indent):
                break
            body.append(line)
            i += 1
        # keep trailing blank lines outside the block
        trailing = 0
        while body and not body[-1].strip():
            body.pop()
            trailing += 1
        formula = textwrap.dedent("\n".join(body)).strip("\n")
        out.append(f"{indent}$$")
        out.extend(f"{indent}{row}" if row else "" for row in formula.splitlines())
        out.append(f"{indent}$$")
        out.extend([""] * trailing)
    return "\n".join(out)


NUMPYDOC_SECTIONS = {
    "parameters", "other parameters", "returns", "yields", "receives", "raises", "warns",
    "warnings", "attributes", "methods", "see also", "notes", "references", "examples",
    "functions", "classes", "modules", "deprecated", "type aliases", "type parameters",
}  # fmt: skip
UNDERLINE = re.compile(r"^[ \t]*([-=~^])\1{2,}[ \t]*$")


def _section_titles(text: str) -> str:
    lines = text.splitlines()
    out: list[str] = []
    i = 0
    while i < len(lines):
        title = lines[i].strip()
        if (
            i + 1 < len(lines)
            and title
            and UNDERLINE.match(lines[i + 1])
            and len(lines[i + 1].strip()) >= len(title)
            and title.lower() not in NUMPYDOC_SECTIONS
            and not TABLE_BORDER.match(lines[i + 1])
        ):
            out += [f"**{title}**", ""]
            i += 2
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)


def _doctest_blocks(text: str) -> str:
    """Fence ``>>>`` paragraphs outside the Examples section (griffe handles that one)."""
    lines = text.splitlines()
    out: list[str] = []
    in_examples = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and line.strip() and UNDERLINE.match(lines[i + 1]):
            in_examples = line.strip().lower() == "examples"
        if not in_examples and line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i][len(indent) :] if lines[i].startswith(indent) else lines[i])
                i += 1
            out += [f"{indent}```pycon", *(indent + b for b in block), f"{indent}```"]
            continue
        out.append(line)
        i += 1
    return "\n".join(out)


def rst_to_markdown(text: str) -> str:
    """Rewrite the reST math and cross-reference roles of a docstring as Markdown."""
    text = _doctest_blocks(_simple_tables(_math_blocks(text)))
    text = _section_titles(text)
    text = MATH_ROLE.sub(_inline_math, text)
    return XREF_ROLE.sub(_xref, text)


def _inline_math(match: re.Match[str]) -> str:
    from mathreg.render import inline_pieces
    from mathreg.site.pagekit import page_layout

    return " ".join(f"${piece}$" for piece in inline_pieces(match.group(1), page_layout()))


class RstMathToMarkdown(griffe.Extension):
    """Apply :func:`rst_to_markdown` to every docstring griffe loads."""

    def on_object(self, *, obj: griffe.Object, **kwargs) -> None:
        if obj.docstring is not None:
            obj.docstring.value = rst_to_markdown(obj.docstring.value)
