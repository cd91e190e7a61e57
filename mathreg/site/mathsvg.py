r"""Python-Markdown extension: every formula typeset to SVG while the page is converted.

``pymdownx.arithmatex`` (generic mode) finds the formulas and wraps each in
``<span class="arithmatex">\(…\)</span>`` or ``<div class="arithmatex">\[…\]</div>``; this
extension's postprocessor, which runs last, replaces the TeX inside each wrapper with MathJax's
SVG and hidden MathML (:mod:`mathreg.site.mathjax`). It is listed under ``markdown_extensions``
in ``mkdocs.yml``, so every Markdown conversion runs it, whoever asks for one: MkDocs and
Zensical for a page, markdown-exec for the output of an executed block, mkdocstrings for a
docstring, and ``mkdocs serve`` on every rebuild. Readers download no math JavaScript, and the
search index, built from the converted pages, holds no TeX.

The glyph shapes (SVG paths) are stored once per page: the formulas refer to them by id, and
each conversion ends with one hidden ``<svg class="mr-glyphs">`` holding every glyph its
output refers to, plus MathJax's small stylesheet for SVG output (without it, equation tags
are clipped). A conversion that embeds another's output (a page around an executed block)
removes the inner block and writes one for the whole, so a page holds each glyph once.

Search: the site's search indexes the hidden MathML, with a space between its symbols so that
each symbol is a word (a search for λ finds λ), followed by the names of the formula's Greek
letters in a ``hidden`` span (a search for "lambda" finds λ too); screen readers read the
MathML and skip the span.

Phones: a display formula whose TeX starts with a line ``%mr:wide`` or ``%mr:narrow`` (written by
:func:`mathreg.render.derivation_markdown` for a statement too wide for a phone) gets the class
``mr-wide`` or ``mr-narrow``, which the stylesheet shows on wide screens or on phones only; the
narrow copy is marked ``data-search-exclude``, so that the search indexes each formula once.

A formula MathJax cannot read is not left as TeX: it becomes a visible error
(``data-mathreg-tex-error``), a warning is logged, and ``python -m mathreg.site.check`` fails
the build.

Examples
--------
>>> import markdown
>>> html = markdown.markdown(
...     r"Let \(\lambda \ge 0\).", extensions=["pymdownx.arithmatex", MathSvgExtension()],
...     extension_configs={"pymdownx.arithmatex": {"generic": True}})
>>> '<span class="arithmatex"><mjx-container class="MathJax" jax="SVG"' in html
True
>>> "\\lambda" in html, html.count('<path id="MJX-TEX-I-1D706"')
(False, 1)
"""

from __future__ import annotations

import html
import logging
import re

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

from mathreg.site.mathjax import TeXError, mathjax

__all__ = ["MathSvgExtension", "makeExtension"]

log = logging.getLogger("mkdocs.mathreg.mathsvg")

FORMULA = re.compile(
    r'<(?P<tag>span|div) class="arithmatex">\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])\s*</(?P=tag)>",
    re.S,
)
# The layout a display formula asks for (see the module's docstring), on its first line.
LAYOUT = re.compile(r"\A\s*%mr:(?P<kind>wide|narrow)[ \t]*\n")
ASSISTIVE = re.compile(r"(<mjx-assistive-mml[^>]*>)(.*?)(</mjx-assistive-mml>)", re.S)
GREEK = re.compile(
    r"\\(?:var)?(alpha|beta|gamma|delta|epsilon|zeta|eta|theta|iota|kappa|lambda|mu|nu|xi|pi"
    r"|rho|sigma|tau|upsilon|phi|chi|psi|omega)(?![A-Za-z])",
    re.I,
)
GLYPH_REF = re.compile(r'xlink:href="#(MJX-[^"]+)"')
# What a conversion appends; an embedding conversion removes it and appends its own.
SUPPORT = re.compile(r'<style class="mr-mathjax">.*?</style><svg class="mr-glyphs".*?</svg>', re.S)


class MathSvgPostprocessor(Postprocessor):
    """Typeset the arithmatex wrappers of the converted HTML; store the glyphs once."""

    def run(self, text: str) -> str:
        if 'class="arithmatex"' not in text and 'class="mr-glyphs"' not in text:
            return text
        engine = mathjax()
        with engine.lock:
            text = FORMULA.sub(lambda match: self._typeset(engine, match), text)
            text = SUPPORT.sub("", text)
            ids = list(dict.fromkeys(GLYPH_REF.findall(text)))
            if not ids:
                return text
            return (
                f'{text}<style class="mr-mathjax">{engine.stylesheet}</style>'
                '<svg class="mr-glyphs" xmlns="http://www.w3.org/2000/svg" aria-hidden="true"'
                f' style="display: none"><defs>{engine.glyphs(sorted(ids))}</defs></svg>'
            )

    @staticmethod
    def _typeset(engine, match: re.Match[str]) -> str:
        display = match.group("display") is not None
        tex = html.unescape(match.group("display") if display else match.group("inline"))
        tag = match.group("tag")
        wrapper = f'<{tag} class="arithmatex"'
        layout = LAYOUT.match(tex) if display else None
        if layout:
            tex = tex[layout.end() :]
            wrapper = f'<{tag} class="arithmatex mr-{layout.group("kind")}"'
            if layout.group("kind") == "narrow":
                wrapper += " data-search-exclude"
        try:
            svg = engine.typeset(tex.strip(), display=display)
        except TeXError as error:
            log.warning("%s", error)
            message = html.escape(str(error))
            return f'{wrapper} data-mathreg-tex-error="{message}">{message}</{tag}>'
        # whitespace between MathML elements means nothing to MathML; to the search it
        # separates the symbols
        svg = ASSISTIVE.sub(
            lambda m: m.group(1) + re.sub(r">(?=<)", "> ", m.group(2)) + m.group(3), svg
        )
        names = " ".join(dict.fromkeys(name.lower() for name in GREEK.findall(tex)))
        words = f'<span class="mr-math-words" hidden>{names}</span>' if names else ""
        return f"{wrapper}>{svg}{words}</{tag}>"


class MathSvgExtension(Extension):
    """Register :class:`MathSvgPostprocessor` after every other postprocessor."""

    def extendMarkdown(self, md: Markdown) -> None:
        # priority 1: after raw HTML (30) is put back, so executed blocks and docstrings,
        # which arrive as raw HTML, are seen with the page
        md.postprocessors.register(MathSvgPostprocessor(md), "mathreg-math-svg", 1)


def makeExtension(**kwargs) -> MathSvgExtension:
    """Entry point for ``markdown_extensions: [mathreg.site.mathsvg]``."""
    return MathSvgExtension(**kwargs)
