"""What a reader sees: every page of the built site in Debian's Chromium, through Playwright.

The built site is served on 127.0.0.1 (an ephemeral port, in a thread). Every page must arrive
with its math already typeset (SVG drawn at build time: no raw TeX in the text, no formula
collapsed to nothing) and load no MathJax script; it must load every image, log no console
error, and request nothing from any host but 127.0.0.1 (other requests are recorded and
aborted). The built-in search must find the key terms and symbols (λ, lambda, keep_prob, …) on
the right pages. Screenshots of every page, light and dark, go to ``$MATHREG_SHOTS_DIR``
(default ``/tmp/mathreg-shots``) for a human to look at.

Without ``/usr/bin/chromium`` the module is skipped with a message, unless
``MATHREG_REQUIRE_BROWSER=1`` (set by ``.ci/run``): then it fails.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
SHOTS = Path(os.environ.get("MATHREG_SHOTS_DIR", "/tmp/mathreg-shots"))
REQUIRED = os.environ.get("MATHREG_REQUIRE_BROWSER") == "1"
RAW_TEX = ("$$", "\\frac", "\\begin", "\\tag", "\\(", "\\[", "\\mathrm", "\\theta")


def _unavailable(reason: str):
    message = f"browser test not run: {reason}"
    if REQUIRED:
        pytest.fail(message + " (MATHREG_REQUIRE_BROWSER=1 makes this mandatory)", pytrace=False)
    pytest.skip(message + "; install Chromium (apt-get install chromium) to run it")


@pytest.fixture(scope="module")
def site_url(built_site: Path):
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Quiet, directory=str(built_site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - playwright is pinned in the test extra
        _unavailable(f"playwright is not importable ({error})")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


class Watcher:
    """Records what a browser context requests and logs; blocks every non-local request."""

    def __init__(self, context):
        self.requests: list[str] = []
        self.foreign: list[str] = []
        self.errors: list[str] = []
        context.route("**/*", self._route)

    def _route(self, route):
        url = route.request.url
        self.requests.append(url)
        parsed = urlparse(url)
        if parsed.scheme in ("data", "blob", "about"):
            route.continue_()
        elif parsed.hostname != "127.0.0.1":
            self.foreign.append(url)
            route.abort()
        else:
            route.continue_()

    def attach(self, page):
        page.on(
            "console",
            lambda msg: (
                self.errors.append(f"console.{msg.type}: {msg.text}")
                if msg.type == "error"
                else None
            ),
        )
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on(
            "requestfailed",
            lambda request: self.errors.append(
                f"request failed: {request.url} ({request.failure})"
            ),
        )
        page.on(
            "response",
            lambda response: (
                self.errors.append(f"HTTP {response.status}: {response.url}")
                if response.status >= 400
                else None
            ),
        )
        return page


@pytest.fixture(scope="module", params=["light", "dark"])
def scheme_context(request, browser):
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme=request.param
    )
    watcher = Watcher(context)
    yield request.param, context, watcher
    context.close()


MATH_SCRIPTS = """() => Array.from(document.scripts)
  .map((s) => s.src).filter((src) => /mathjax|katex|tex-(svg|mml|chtml)/i.test(src))"""


PAGE_REPORT = """() => {
  const article = document.querySelector("article.md-content__inner");
  const clone = article.cloneNode(true);
  clone.querySelectorAll("pre, code, mjx-container, script, style, .highlight")
       .forEach((e) => e.remove());
  const images = Array.from(document.images).map((img) => ({
    src: img.getAttribute("src"), ok: img.complete && img.naturalWidth > 0,
  }));
  return {
    text: clone.textContent,
    containers: article.querySelectorAll("mjx-container").length,
    arithmatex: article.querySelectorAll(".arithmatex").length,
    untypeset: article.querySelectorAll(".arithmatex:not(:has(mjx-container))").length,
    mathErrors: Array.from(article.querySelectorAll(
                     "[data-mjx-error], [data-mathreg-tex-error], [data-mml-node=merror]"))
                     .map((e) => e.getAttribute("data-mathreg-tex-error") || e.textContent),
    mathScripts: Array.from(document.scripts).map((s) => s.src)
                      .filter((src) => /mathjax|katex|tex-(svg|mml|chtml)/i.test(src)),
    collapsed: Array.from(article.querySelectorAll("mjx-container > svg"))
                    .filter((svg) => svg.getBoundingClientRect().width < 4).length,
    images,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


def test_every_page_renders_offline(scheme_context, site_url, site_pages, page_url):
    scheme, context, watcher = scheme_context
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = watcher.attach(context.new_page())
    problems: list[str] = []
    for name in site_pages:
        page.goto(site_url + page_url(name), wait_until="load")
        page.wait_for_function(
            "() => Array.from(document.images).every((img) => img.complete)", timeout=20_000
        )
        report = page.evaluate(PAGE_REPORT)
        page.screenshot(
            path=str(SHOTS / f"{name.removesuffix('.md')}-{scheme}.png"), full_page=True
        )

        if report["arithmatex"] and not report["containers"]:
            problems.append(f"{name}: no typeset formula")
        if report["mathScripts"]:
            problems.append(f"{name}: loads a math script {report['mathScripts']}")
        if report["untypeset"]:
            problems.append(f"{name}: {report['untypeset']} formulas left untypeset")
        if report["mathErrors"]:
            problems.append(f"{name}: MathJax errors {report['mathErrors']}")
        if report["collapsed"]:
            problems.append(f"{name}: {report['collapsed']} formulas rendered with no width")
        for raw in RAW_TEX:
            if raw in report["text"]:
                at = report["text"].index(raw)
                problems.append(
                    f"{name}: raw {raw!r} in text: …{report['text'][at - 40 : at + 40]}…"
                )
        for image in report["images"]:
            if not image["ok"]:
                problems.append(f"{name}: image not loaded: {image['src']}")
        if report["overflow"] > 0:
            problems.append(f"{name}: page scrolls sideways by {report['overflow']} px")
    page.close()
    problems += watcher.errors
    problems += [f"request to a foreign host: {url}" for url in watcher.foreign]
    assert not problems, "\n".join(problems)
    assert all(
        urlparse(url).hostname == "127.0.0.1"
        for url in watcher.requests
        if urlparse(url).scheme in ("http", "https")
    )
    requested_math = [url for url in watcher.requests if re.search(r"mathjax|tex-svg", url, re.I)]
    assert not requested_math, requested_math


def test_formulas_keep_their_size_on_a_phone(browser, site_url, page_url):
    """Material sizes display math to min-content on small screens; with SVG output that once
    collapsed formulas to nothing. On a phone-sized viewport every formula must keep its
    width (a wide one scrolls inside its box) and the page must not scroll sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    watcher = Watcher(context)
    page = watcher.attach(context.new_page())
    problems = []
    for name in ("likelihood.md", "l2-prior.md", "dropout.md", "errata.md"):
        page.goto(site_url + page_url(name), wait_until="load")
        report = page.evaluate(PAGE_REPORT)
        if report["collapsed"]:
            problems.append(f"{name}: {report['collapsed']} formulas collapsed")
        scrolls = page.evaluate(
            "() => window.scrollX === 0 && (window.scrollTo(200, window.scrollY), window.scrollX)"
        )
        if scrolls:
            problems.append(f"{name}: the page scrolls sideways on a phone")
    context.close()
    assert not problems, problems
    assert not watcher.errors, watcher.errors
    assert not watcher.foreign, watcher.foreign


def test_every_page_has_typeset_math_where_it_has_math(built_site, site_pages, page_url):
    """A cheap static complement: the pages that should carry math do carry formulas."""
    for name in site_pages:
        html = (built_site / page_url(name) / "index.html").read_text(encoding="utf-8")
        if name not in ("run-it-yourself.md",):
            assert 'class="arithmatex"' in html, f"{name} has no formula at all"


def search(page, query: str) -> list[tuple[str, str]]:
    """Type ``query`` into the search box; return the results as (page path, text)."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=20)
    box.press("End")  # a key the search reacts to, also after a non-ASCII character
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.wait_for_timeout(300)  # let the result list settle after the last keystroke
    results = []
    for item in page.locator(".md-search-result__item").all():
        href = item.locator("a").first.get_attribute("href") or ""
        results.append((urlparse(href).path, item.inner_text()))
    return results


# query -> the page that must come first, or (page, how many results it may follow)
SEARCHES = {
    "dropout": "/dropout/",
    "weight decay": "/weight-decay/",
    "keep_prob": "/dropout/",
    "L2": "/l2-prior/",
    "lambda": "/l2-prior/",
    "λ": ("/l2-prior/", 3),
    "sigma": ("/l2-prior/", 2),
    "σ": ("/l2-prior/", 2),
}


def test_search_finds_terms_and_symbols_on_the_right_pages(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watcher = Watcher(context)
    page = watcher.attach(context.new_page())
    page.goto(site_url, wait_until="load")
    problems = []
    for query, expected in SEARCHES.items():
        target, within = (expected, 0) if isinstance(expected, str) else expected
        results = search(page, query)
        paths = [path for path, _ in results]
        if target not in paths[: within + 1]:
            problems.append(f"{query!r}: {target} not in the first {within + 1}: {paths}")
        for path, text in results:  # snippets show typeset symbols, never TeX
            if any(raw in text for raw in RAW_TEX):
                problems.append(f"{query!r}: TeX in the snippet of {path}: {text[:120]!r}")
    context.close()
    assert not problems, "\n".join(problems)
    assert not watcher.errors, watcher.errors
    assert not watcher.foreign, watcher.foreign


def test_a_page_reached_by_a_link_arrives_typeset(browser, site_url):
    """Math is in the HTML as served: following a link (the home page's overview table, which
    the registry generates) shows the next page's formulas at once, with nothing left to
    typeset and no script to wait for."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watcher = Watcher(context)
    page = watcher.attach(context.new_page())
    page.goto(site_url, wait_until="load")
    page.locator("article table a[href$='/dropout/']").click()
    page.wait_for_url("**/dropout/")
    page.wait_for_load_state("load")
    counts = page.evaluate(
        "() => [document.querySelectorAll('article .arithmatex').length, "
        "document.querySelectorAll('article .arithmatex > mjx-container > svg').length]"
    )
    assert counts[0] > 20 and counts[0] == counts[1], counts
    assert page.evaluate(MATH_SCRIPTS) == []
    assert not watcher.errors, watcher.errors
    assert not watcher.foreign, watcher.foreign
    context.close()
