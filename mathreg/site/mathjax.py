"""TeX to SVG with MathJax 3, run in V8 inside this process: no Node.js, no browser, no network.

The MathJax 3.2.2 distribution comes from the pip package ``django-static-mathjax`` (pinned in
``pyproject.toml``); V8 comes from the ``mini-racer`` wheel. Six of MathJax's ``es5`` components
are evaluated in a fresh V8 context (``core``, ``loader``, the lite DOM adaptor, TeX input with
every extension, SVG output with its TeX font, and assistive MathML), and formulas are converted
with MathJax's own document API, exactly as the browser build of MathJax would typeset them.

Each formula becomes an ``<mjx-container>`` holding

- an SVG picture (hidden from screen readers) whose glyphs are ``<use>`` references to paths
  that the page holds once (MathJax's "global" font cache): see :meth:`MathJax.glyphs`;
- the same formula as MathML, visually hidden, which screen readers read and the site's search
  indexes (so a search for λ finds the pages that use it).

Examples
--------
>>> engine = mathjax()
>>> svg = engine.typeset(r"\\lambda \\ge 0", display=False)
>>> svg.startswith('<mjx-container class="MathJax" jax="SVG"')
True
>>> "<mi>λ</mi>" in svg, 'xlink:href="#MJX-TEX-I-1D706"' in svg
(True, True)
>>> print(engine.glyphs(["MJX-TEX-N-30"]))  # doctest: +ELLIPSIS
<path id="MJX-TEX-N-30" d="M96 585Q152 666 249 666Q297 666 345 640T423 548Q460 465 460 320Q460 ...
"""

from __future__ import annotations

import atexit
import functools
import json
import queue
import re
import threading
from concurrent.futures import Future
from pathlib import Path

__all__ = ["MathJax", "TeXError", "mathjax"]

COMPONENTS = (
    "core.js",
    "loader.js",
    "adaptors/liteDOM.js",
    "input/tex-full.js",
    "output/svg.js",
    "output/svg/fonts/tex.js",
    "a11y/assistive-mml.js",
)

# Runs once per V8 context, after the components. ``tags: "ams"`` renders \tag{n};
# ``tex.reset()`` before each formula makes every formula independent of the ones before it.
_SETUP = """
const adaptor = MathJax._.adaptors.liteAdaptor.liteAdaptor();
const handler = MathJax._.handlers.html_ts.RegisterHTMLHandler(adaptor);
MathJax._.a11y["assistive-mml"].AssistiveMmlHandler(handler);
const tex = new MathJax._.input.tex_ts.TeX({
  // every package but "noundefined", which would print an unknown macro in red, not fail
  packages: MathJax._.input.tex.AllPackages.AllPackages.filter((name) => name !== "noundefined"),
  tags: "ams",
  formatError: (jax, error) => { throw error; },
});
const svg = new MathJax._.output.svg_ts.SVG({
  fontCache: "global",
  font: new MathJax._.output.svg.fonts.tex_ts.TeXFont(),
});
const doc = MathJax._.mathjax.mathjax.document("", {InputJax: tex, OutputJax: svg});
globalThis.mathregTypeset = function (source, display) {
  tex.reset();
  try {
    return JSON.stringify({html: adaptor.outerHTML(doc.convert(source, {display: display}))});
  } catch (error) {
    return JSON.stringify({error: String(error.message || error)});
  }
};
globalThis.mathregGlyphs = function () {
  const glyphs = adaptor.innerHTML(svg.fontCache.getCache());
  svg.fontCache.clearCache();
  return glyphs;
};
globalThis.mathregStyleSheet = function () {
  return adaptor.textContent(doc.documentStyleSheet());
};
"""

_GLYPH = re.compile(r'<path id="(?P<id>[^"]+)"[^>]*></path>')


class TeXError(ValueError):
    """MathJax could not read a formula; the message quotes the formula and MathJax's reason."""


def distribution() -> Path:
    """The ``es5`` folder of the MathJax distribution that ``django-static-mathjax`` installs."""
    import mathjax  # the django-static-mathjax package

    root = Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"
    missing = [name for name in COMPONENTS if not (root / name).is_file()]
    if missing:
        raise FileNotFoundError(f"MathJax components {missing} not found in {root}")
    return root


class MathJax:
    """A V8 context holding MathJax, ready to typeset TeX to SVG.

    Use :func:`mathjax`, which makes one per process: mini-racer crashes when a second
    context is created from another thread. The context lives in a thread of its own, which
    creates it, runs every call on it and frees it at exit: a context freed from another
    thread than its creator's, or never freed, crashes or hangs the interpreter at exit, and
    builders call Markdown extensions from threads of their own (Zensical does). Callers that
    need several calls to be consecutive (the glyphs of one page) hold :attr:`lock`.
    """

    def __init__(self) -> None:
        self._requests: queue.SimpleQueue = queue.SimpleQueue()
        started: Future[None] = Future()
        self._thread = threading.Thread(
            target=self._serve, args=(started,), name="mathjax-v8", daemon=True
        )
        self._thread.start()
        started.result()  # raises what loading MathJax raised
        self._typeset: dict[tuple[str, bool], str] = {}
        self._glyphs: dict[str, str] = {}  # id -> <path id=… d=…></path>
        self.lock = threading.RLock()
        atexit.register(self.close)

    def _serve(self, started: Future[None]) -> None:
        from py_mini_racer import MiniRacer

        try:
            v8 = MiniRacer()
            root = distribution()
            # The components register themselves into a global MathJax object; the loader
            # only needs to know it will never fetch anything. Each script ends in a number:
            # a JS object handle returned to Python and alive when the context is freed
            # crashes the interpreter.
            v8.eval("globalThis.MathJax = {loader: {paths: {mathjax: '.'}, source: {}}};0")
            for name in COMPONENTS:
                v8.eval((root / name).read_text(encoding="utf-8") + "\n;0")
            v8.eval(_SETUP + "\n;0")
        except BaseException as error:
            started.set_exception(error)
            return
        started.set_result(None)
        try:
            while (request := self._requests.get()) is not None:
                function, args, result = request
                try:
                    result.set_result(v8.call(function, *args))
                except BaseException as error:
                    result.set_exception(error)
        finally:
            v8.close()

    def _call(self, function: str, *args: object) -> str:
        if not self._thread.is_alive():
            raise RuntimeError("MathJax's V8 context is closed")
        result: Future[str] = Future()
        self._requests.put((function, args, result))
        return result.result()

    def close(self) -> None:
        """Free the V8 context (also done at exit)."""
        if self._thread.is_alive():
            self._requests.put(None)
            self._thread.join()

    def typeset(self, tex: str, *, display: bool) -> str:
        """The formula as an ``<mjx-container>`` element (HTML); raises :class:`TeXError`.

        Its glyphs are references (``<use xlink:href="#MJX-TEX-I-1D706">``, an italic λ) to
        paths that :meth:`glyphs` returns. The same formula is typeset once per process.
        """
        key = (tex, display)
        with self.lock:
            if key in self._typeset:
                return self._typeset[key]
            result = json.loads(self._call("mathregTypeset", tex, display))
            if "error" in result:
                raise TeXError(f"MathJax cannot typeset {tex!r}: {result['error']}")
            for match in _GLYPH.finditer(self._call("mathregGlyphs")):
                self._glyphs[match.group("id")] = match.group(0)
            self._typeset[key] = result["html"]
            return result["html"]

    def glyphs(self, ids) -> str:
        """The ``<path>`` elements of the glyphs with these ids, in the order given."""
        return "".join(self._glyphs[glyph] for glyph in ids)

    @functools.cached_property
    def stylesheet(self) -> str:
        """MathJax's CSS for its SVG output and assistive MathML, whitespace collapsed."""
        css = self._call("mathregStyleSheet")
        return re.sub(r"\s*([{};:,>])\s*", r"\1", re.sub(r"\s+", " ", css)).strip()


_INSTANCE: MathJax | None = None
_INSTANCE_LOCK = threading.Lock()


def mathjax() -> MathJax:
    """The process's MathJax, created on first use (about 0.2 s)."""
    global _INSTANCE
    with _INSTANCE_LOCK:
        if _INSTANCE is None:
            _INSTANCE = MathJax()
        return _INSTANCE
