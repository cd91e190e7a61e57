r"""``python -m mathreg.site.check SITE``: what every build must satisfy, read from its HTML.

Run by ``make`` after each builder, so a failure stops the build whoever built the site
(MkDocs fails ``--strict`` on a failed executed block; Zensical 0.0.73 does not). A page fails
when it shows

- a failed executed block: markdown-exec puts the traceback of a block that raised (say a
  ``DerivationError`` from ``derivation.check()``) on the page, in frames named
  ``<code block: …>``; no other traceback may appear either, except in a Python console
  example (``pycon``), where a doctest shows one on purpose;
- a formula that was not typeset (an ``arithmatex`` wrapper without MathJax's SVG in it, or
  one marked ``data-mathreg-tex-error``), or TeX in the text a reader or the search sees;
- a MathJax script: the math is typeset when the site is built, never in the reader's browser;
- a link to a page or file of the site that does not exist (a link printed by an executed
  block is not rewritten by the builder, so ``page.md`` would reach no page).

Exit status 0 with a one-line summary (pages, typeset formulas), or 1 with one line per problem.

Examples
--------
>>> page = '<p>Let <span class="arithmatex"><mjx-container class="MathJax"></mjx-container>'
>>> problems_in_page(page + "</span>.</p>")
[]
>>> problems_in_page('<span class="arithmatex">\\(x\\)</span>')
['1 formula(s) not typeset', "TeX in the text: '\\\\(x\\\\)'"]
>>> problems_in_page('<pre>  File "&lt;code block: n3&gt;", line 2</pre>')
['a failed executed block (a traceback from markdown-exec)']
"""

from __future__ import annotations

import html
import json
import re
import sys
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

__all__ = ["Report", "inspect", "main", "problems_in_page"]

EXEC_FAILURE = "<code block: "  # markdown-exec's file name for an executed block's frames
TRACEBACK = "Traceback (most recent call last)"
TEX = re.compile(r"\\[(\[]|\\[)\]]|\$\$|\\(?:frac|begin|end|tag|mathrm|mathbb|lambda|theta)\b")
WRAPPER = re.compile(r'<(span|div) class="arithmatex[^"]*"[^>]*>(?!<mjx-container)')
TEX_ERROR = re.compile(r'data-mathreg-tex-error="([^"]*)"')
CONTAINER = re.compile(r'<mjx-container class="MathJax"')
MATHJAX_SCRIPT = re.compile(r"<script[^>]+src=\"[^\"]*(?:mathjax|tex-svg|tex-mml|tex-chtml)", re.I)
PYCON_BLOCK = re.compile(r'<div class="language-pycon highlight">.*?</pre>', re.S)
HREF = re.compile(r'<a [^>]*href="([^"#?]+)[^"]*"')


class _Text(HTMLParser):
    """The text a reader sees as prose: outside code, scripts, styles, SVG and MathML."""

    HIDDEN = frozenset({"pre", "code", "script", "style", "svg", "math", "textarea"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.chunks: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self.depth += 1

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if not self.depth:
            self.chunks.append(data)


def broken_links(page: str, where: Path, site: Path) -> list[str]:
    """The links of a page (at ``where`` in ``site``) to files of the site that do not exist."""
    broken = []
    for href in dict.fromkeys(HREF.findall(page)):
        if re.match(r"[a-z][a-z0-9+.-]*:|//", href):  # another scheme or host: not ours
            continue
        base = site if href.startswith("/") else where.parent  # 404.html links from the root
        target = (base / html.unescape(href).lstrip("/")).resolve()
        if href.endswith("/") or target.is_dir():
            target = target / "index.html"
        if not target.is_relative_to(site.resolve()) or not target.is_file():
            broken.append(href)
    return broken


def problems_in_page(page: str) -> list[str]:
    """What is wrong with one page's HTML (empty when nothing is)."""
    problems = []
    text = html.unescape(re.sub(r"<[^>]+>", "", page))
    if EXEC_FAILURE in text:
        problems.append("a failed executed block (a traceback from markdown-exec)")
    elif TRACEBACK in html.unescape(re.sub(r"<[^>]+>", "", PYCON_BLOCK.sub("", page))):
        problems.append("a traceback outside a Python console example")
    untypeset = len(WRAPPER.findall(page))
    if untypeset:
        problems.append(f"{untypeset} formula(s) not typeset")
    problems += [f"TeX error: {html.unescape(m)}" for m in TEX_ERROR.findall(page)]
    if MATHJAX_SCRIPT.search(page):
        problems.append("loads a MathJax script")
    prose = _Text()
    prose.feed(page)
    raw = TEX.search("".join(prose.chunks))
    if raw:
        at = raw.start()
        snippet = "".join(prose.chunks)[max(0, at - 30) : at + 30]
        problems.append(f"TeX in the text: {snippet.strip()!r}")
    return problems


@dataclass
class Report:
    """What :func:`inspect` found in a built site."""

    pages: list[str] = field(default_factory=list)  # HTML files, relative, sorted
    formulas: dict[str, int] = field(default_factory=dict)  # typeset formulas per page
    problems: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Typeset formulas in the whole site."""
        return sum(self.formulas.values())


def _search_texts(site: Path) -> list[tuple[str, str]]:
    """(location, text) of every entry of the search index, whichever builder wrote it."""
    entries = []
    for index in (site / "search" / "search_index.json", site / "search.json"):
        if index.is_file():
            data = json.loads(index.read_text(encoding="utf-8"))
            docs = data.get("docs", data.get("items", [])) if isinstance(data, dict) else data
            for doc in docs:
                if isinstance(doc, dict):
                    where = str(doc.get("location", doc.get("url", "?")))
                    entries.append((where, f"{doc.get('title', '')} {doc.get('text', '')}"))
    return entries


def inspect(site: Path) -> Report:
    """Check every HTML page and the search index of the site built in ``site``."""
    report = Report()
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        page = path.read_text(encoding="utf-8")
        report.pages.append(rel)
        report.formulas[rel] = len(CONTAINER.findall(page))
        report.problems += [f"{rel}: {problem}" for problem in problems_in_page(page)]
        report.problems += [f"{rel}: broken link {href}" for href in broken_links(page, path, site)]
    if not report.pages:
        report.problems.append(f"{site}: no HTML pages")
    for where, text in _search_texts(site):  # code shown as code may hold TeX; prose not
        prose = re.sub(r"<(pre|code)>.*?</\1>", "", text, flags=re.S)
        raw = TEX.search(html.unescape(re.sub(r"<[^>]+>", "", prose)))
        if raw:
            report.problems.append(f"search index, {where}: TeX {raw.group(0)!r}")
    return report


def main(argv: list[str] | None = None) -> int:
    """Check the site in ``argv[0]``; print the summary or the problems; return 0 or 1."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m mathreg.site.check SITE_DIR", file=sys.stderr)
        return 2
    site = Path(args[0])
    report = inspect(site)
    if report.problems:
        print(f"{site}: the built site has problems:", file=sys.stderr)
        for problem in report.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{site}: {len(report.pages)} pages, {report.total} formulas typeset, no failed block")
    return 0


if __name__ == "__main__":
    sys.exit(main())
