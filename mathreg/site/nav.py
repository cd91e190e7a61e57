"""The site's navigation, from the topic registry (:mod:`mathreg.topics`).

``mkdocs.yml`` reads it with a YAML tag, ``nav: !!python/object/apply:mathreg.site.nav.build_nav
[]``: MkDocs 1.6 and Zensical both load ``mkdocs.yml`` with PyYAML's full ``yaml.Loader``, which
calls the function while it reads the file. No hook and no generated config is needed, and the
one ``mkdocs.yml`` serves both builders.

Examples
--------
>>> pages(nav())[:3]
['index.md', 'bias-variance.md', 'likelihood.md']
>>> nav()[-1]["Reference"][1]
{'API reference': 'api.md'}
"""

from __future__ import annotations

import sys
from typing import Any

# The pages around the topics: (title, page) entries, or (section, entries) for a section.
FRONT: tuple[tuple[str, Any], ...] = (("Overview", "index.md"),)
BACK: tuple[tuple[str, Any], ...] = (
    ("Errata", "errata.md"),
    (
        "Reference",
        (
            ("Notation", "notation.md"),
            ("API reference", "api.md"),
            ("The same thing in PyTorch", "pytorch.md"),
            ("Run it yourself", "run-it-yourself.md"),
            ("Write a checked derivation", "write-a-derivation.md"),
        ),
    ),
)


def _entry(title: str, target: Any) -> dict[str, Any]:
    if isinstance(target, str):
        return {title: target}
    return {title: [_entry(*item) for item in target]}


def nav() -> list[dict[str, Any]]:
    """The ``nav`` of ``mkdocs.yml``: the front pages, one section per topic section (in the
    order the registry first names them), then the back pages."""
    from mathreg.topics import TOPICS

    sections: dict[str, list[tuple[str, str]]] = {}
    for topic in TOPICS:
        sections.setdefault(topic.section, []).append((topic.title, topic.page))
    middle = tuple((section, tuple(entries)) for section, entries in sections.items())
    return [_entry(*item) for item in (*FRONT, *middle, *BACK)]


def pages(items: list[dict[str, Any]]) -> list[str]:
    """The Markdown files of a ``nav``, in order."""
    found: list[str] = []
    for item in items:
        for target in item.values():
            found += pages(target) if isinstance(target, list) else [target]
    return found


def build_nav() -> list[dict[str, Any]]:
    """:func:`nav`, computed from freshly imported sources; what ``mkdocs.yml`` calls.

    ``mkdocs serve`` rereads ``mkdocs.yml`` before every rebuild (it watches ``mathreg/``), but
    keeps one Python process: without this, pages executing code would run the package as it
    was when the server started. So the ``mathreg`` modules are forgotten first, and the
    rebuild imports the edited code. MathJax's V8 context (:mod:`mathreg.site.mathjax`), which
    holds no project code, is kept. Only a builder calls this; tests and tools call :func:`nav`.
    """
    keep = {"mathreg.site.mathjax"}
    for name in [m for m in sys.modules if m == "mathreg" or m.startswith("mathreg.")]:
        if name not in keep:
            del sys.modules[name]
    from mathreg.site.nav import nav as fresh_nav

    return fresh_nav()
