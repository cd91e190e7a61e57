"""What a reader sees: every page of the built site in Debian's Chromium, through Playwright.

The built site is served on 127.0.0.1 (an ephemeral port, in a thread). Every page must have
its math typeset by the bundled MathJax (no raw TeX left in the text, no MathJax errors), load
every image, log no console error, and request nothing from any host but 127.0.0.1 (other
requests are recorded and aborted). The built-in search must find "dropout" and "weight
decay". Screenshots of every page, light and dark, go to ``$MATHREG_SHOTS_DIR`` (default
``/tmp/mathreg-shots``) for a human to look at.

Without ``/usr/bin/chromium`` the module is skipped with a message, unless
``MATHREG_REQUIRE_BROWSER=1`` (set by ``.ci/run``): then it fails.
"""

from __future__ import annotations

import functools
import http.server
import os
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


def wait_for_math(page) -> None:
    page.wait_for_function("() => window.mathregTypeset !== undefined", timeout=20_000)
    page.evaluate("() => window.mathregTypeset.then(() => true)")


PAGE_REPORT = """() => {
  const article = document.querySelector("article.md-content__inner");
  const clone = article.cloneNode(true);
  clone.querySelectorAll("pre, code, mjx-container, script, .highlight")
       .forEach((e) => e.remove());
  const images = Array.from(document.images).map((img) => ({
    src: img.getAttribute("src"), ok: img.complete && img.naturalWidth > 0,
  }));
  return {
    text: clone.textContent,
    containers: article.querySelectorAll("mjx-container").length,
    arithmatex: article.querySelectorAll(".arithmatex").length,
    untypeset: article.querySelectorAll(".arithmatex:not(:has(mjx-container))").length,
    mathErrors: Array.from(article.querySelectorAll("mjx-merror, [data-mjx-error]"))
                     .map((e) => e.getAttribute("data-mjx-error") || e.textContent),
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
        wait_for_math(page)
        page.wait_for_function(
            "() => Array.from(document.images).every((img) => img.complete)", timeout=20_000
        )
        report = page.evaluate(PAGE_REPORT)
        page.screenshot(
            path=str(SHOTS / f"{name.removesuffix('.md')}-{scheme}.png"), full_page=True
        )

        if report["arithmatex"] and not report["containers"]:
            problems.append(f"{name}: no MathJax output")
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
        wait_for_math(page)
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


def search(page, query: str) -> list[str]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=15_000)
    page.wait_for_timeout(300)  # let the result list settle after the last keystroke
    return page.locator(".md-search-result__item").all_inner_texts()


def test_search_finds_dropout_and_weight_decay(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watcher = Watcher(context)
    page = watcher.attach(context.new_page())
    page.goto(site_url, wait_until="load")
    wait_for_math(page)

    results = search(page, "dropout")
    assert any("dropout" in r.lower() for r in results), results
    assert any(r.lower().lstrip().startswith("dropout") for r in results), results

    results = search(page, "weight decay")
    assert any("weight decay" in r.lower() for r in results), results
    assert not watcher.errors, watcher.errors
    assert not watcher.foreign, watcher.foreign
    context.close()


def test_instant_navigation_typesets_the_new_page(browser, site_url):
    """Material swaps pages without a reload; MathJax must typeset each new page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watcher = Watcher(context)
    page = watcher.attach(context.new_page())
    page.goto(site_url, wait_until="load")
    wait_for_math(page)
    page.locator("nav.md-nav--primary a[href$='dropout/']").first.click()
    page.wait_for_url("**/dropout/")
    page.wait_for_function(
        "() => document.querySelectorAll('article .arithmatex').length > 0 && "
        "document.querySelectorAll('article .arithmatex:not(:has(mjx-container))').length === 0",
        timeout=20_000,
    )
    assert page.evaluate("() => performance.getEntriesByType('navigation').length") == 1
    assert not watcher.errors, watcher.errors
    assert not watcher.foreign, watcher.foreign
    context.close()
