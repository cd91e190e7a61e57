"""What a reader sees: every page of the built site in Debian's Chromium, through Playwright.

The built site is served on 127.0.0.1 (an ephemeral port, in a thread). Every page, on a
desktop (1280 px) and a phone (390 px), light and dark, must arrive with its math already
typeset (SVG drawn at build time: no raw TeX in the text, no formula collapsed to nothing) and
load no MathJax script; it must load every image, log no console error, request nothing from
any host but 127.0.0.1 (other requests are recorded and aborted), and not scroll sideways. On a
phone, no formula of a derivation page is wider than its column and every equation number is
in view. The built-in search must put the page that introduces a term or symbol (λ, lambda,
keep_prob, …) first. Screenshots of every page at both widths, light and dark, with every
collapsed box opened, go to ``$MATHREG_SHOTS_DIR`` (default ``/tmp/mathreg-shots``) for a human
to look at.

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
RAW_TEX = (
    "$$", "\\frac", "\\begin", "\\tag", "\\(", "\\[", "\\mathrm", "\\theta", "\\lambda",
    "\\left", "\\mathbb", "\\hat", "\\text{", "\\sum",
)  # fmt: skip
WIDTHS = {"desktop": 1280, "phone": 390}


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

    def _failed(self, request):
        # ERR_ABORTED is the browser cancelling a request it no longer needs (the favicon of a
        # page it is leaving, or a foreign request this watcher aborted, which `foreign` holds):
        # not a failure of the site. A missing file is an HTTP error, recorded below.
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"request failed: {request.url} ({request.failure})")

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
        page.on("requestfailed", self._failed)
        page.on(
            "response",
            lambda response: (
                self.errors.append(f"HTTP {response.status}: {response.url}")
                if response.status >= 400
                else None
            ),
        )
        return page


@pytest.fixture(
    scope="module",
    params=[(w, s) for w in WIDTHS for s in ("light", "dark")],
    ids=lambda p: f"{p[0]}-{p[1]}",
)
def scheme_context(request, browser):
    width, scheme = request.param
    context = browser.new_context(
        viewport={"width": WIDTHS[width], "height": 900}, color_scheme=scheme
    )
    watcher = Watcher(context)
    yield f"{WIDTHS[width]}-{scheme}", context, watcher
    context.close()


# Open every collapsed box (the ledger, the numbers behind a figure, what the checker found),
# so that what is inside is measured and photographed too.
OPEN_BOXES = """() => document.querySelectorAll("article details").forEach((d) => d.open = true)"""

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
    // a formula shown (not the other width's copy, hidden by the stylesheet) but with no width
    collapsed: Array.from(article.querySelectorAll("mjx-container > svg"))
                    .filter((svg) => svg.closest(".mr-wide, .mr-narrow") === null
                                     || svg.getClientRects().length > 0)
                    .filter((svg) => svg.getBoundingClientRect().width < 4).length,
    // each formula written twice for two widths shows exactly one copy
    bothOrNeither: Array.from(article.querySelectorAll("div.mr-wide")).filter((wide) => {
        const narrow = wide.nextElementSibling;
        const shown = (e) => e !== null && e.getClientRects().length > 0;
        return !narrow || !narrow.classList.contains("mr-narrow")
               || shown(wide) === shown(narrow);
    }).length,
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
        # every request settled, so that leaving the page aborts none of them
        page.goto(site_url + page_url(name), wait_until="networkidle")
        page.wait_for_function(
            "() => Array.from(document.images).every((img) => img.complete)", timeout=20_000
        )
        page.evaluate(OPEN_BOXES)
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
        if report["bothOrNeither"]:
            problems.append(f"{name}: {report['bothOrNeither']} formulas shown twice or not at all")
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


def test_formulas_keep_their_size_on_a_phone(browser, site_url, page_url, site_pages):
    """Material sizes display math to min-content on small screens; with SVG output that once
    collapsed formulas to nothing. On a phone-sized viewport every formula must keep its
    width and no page may scroll sideways."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    watcher = Watcher(context)
    page = watcher.attach(context.new_page())
    problems = []
    for name in site_pages:
        page.goto(site_url + page_url(name), wait_until="load")
        page.evaluate(OPEN_BOXES)
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


# Every visible formula of the article with the box it must fit: its own display box, or for an
# inline formula the block of text it sits in; and every equation number in view, as a tag
# inside a visible formula or as the number printed under a narrow one.
PHONE_LAYOUT = r"""() => {
  const visible = (e) => e.getClientRects().length > 0
      && getComputedStyle(e).visibility !== "hidden";
  const article = document.querySelector("article.md-content__inner");
  const viewport = document.documentElement.clientWidth;
  const wide = [], tags = new Set(), shown = new Set();
  for (const c of article.querySelectorAll("mjx-container")) {
    const svg = c.querySelector(":scope > svg");
    const labels = Array.from(c.querySelectorAll("mlabeledtr > mtd:first-child"))
                        .map((t) => t.textContent.trim());
    labels.forEach((t) => tags.add(t));
    if (!svg || !visible(svg)) continue;
    const box = c.closest("div.arithmatex")
             || c.parentElement.closest("p, li, td, th, dd, figcaption, summary, div");
    const r = svg.getBoundingClientRect(), b = box.getBoundingClientRect();
    const text = (c.querySelector("mjx-assistive-mml") || c).textContent.replace(/\s+/g, " ");
    // a table scrolls sideways as a whole, in the theme's wrapper: there only the cell counts
    const inView = c.closest(".md-typeset__table") !== null
        || (r.right <= viewport + 1 && r.left >= -1);
    if (r.right > b.right + 1 || r.left < b.left - 1 || !inView) {
      wide.push({width: Math.round(r.width), box: Math.round(b.width),
                 derivation: !!c.closest(".mr-derivation"), text: text.slice(0, 60)});
    }
    for (const label of svg.querySelectorAll("svg[data-labels]")) {
      const l = label.getBoundingClientRect();
      if (l.width > 0 && l.left >= -1 && l.right <= viewport + 1) {
        labels.forEach((t) => shown.add(t));
      }
    }
  }
  for (const n of article.querySelectorAll(".mr-eqno")) {
    const r = n.getBoundingClientRect();
    if (visible(n) && r.left >= -1 && r.right <= viewport + 1) shown.add(n.textContent.trim());
  }
  return {wide, tags: Array.from(tags), shown: Array.from(shown),
          derivations: article.querySelectorAll(".mr-derivation").length};
}"""


def test_derivations_fit_a_phone_with_every_equation_number_in_view(
    browser, site_url, page_url, site_pages
):
    """At 390 px no formula of a derivation page (the derivations, their ledgers opened, and
    the page's own formulas) is wider than its column, so nothing is cut off or needs
    scrolling, and each equation number (13), [R1] is in view: as a tag when the formula fits
    with it, under the formula when it does not."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    watcher = Watcher(context)
    page = watcher.attach(context.new_page())
    problems, derivation_pages = [], 0
    for name in site_pages:
        page.goto(site_url + page_url(name), wait_until="load")
        page.evaluate(OPEN_BOXES)
        report = page.evaluate(PHONE_LAYOUT)
        if not report["derivations"]:
            continue
        derivation_pages += 1
        problems += [f"{name}: a formula {w['width']} px wide in a {w['box']} px column"
                     f"{' (derivation)' if w['derivation'] else ''}: {w['text']}"
                     for w in report["wide"]]  # fmt: skip
        missing = sorted(set(report["tags"]) - set(report["shown"]))
        if missing:
            problems.append(f"{name}: equation numbers out of view: {missing}")
    context.close()
    assert derivation_pages >= 10, derivation_pages
    assert not problems, "\n".join(problems)
    assert not watcher.errors, watcher.errors


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


# query -> the page that must come first: the page of the note that introduces the term or the
# symbol. Twenty pages use λ and α; the note's five topic pages carry a search boost in their
# front matter (``search: boost``), and the page that introduces a symbol names it in a heading.
SEARCHES = {
    "dropout": "/dropout/",
    "weight decay": "/weight-decay/",
    "keep_prob": "/dropout/",
    "L2": "/l2-prior/",
    "lambda": "/l2-prior/",
    "λ": "/l2-prior/",
    "sigma": "/l2-prior/",
    "σ": "/l2-prior/",
    "alpha": "/weight-decay/",
    "α": "/weight-decay/",
}


def test_search_finds_terms_and_symbols_on_the_right_pages(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    watcher = Watcher(context)
    page = watcher.attach(context.new_page())
    page.goto(site_url, wait_until="load")
    problems = []
    for query, target in SEARCHES.items():
        results = search(page, query)
        paths = [path for path, _ in results]
        if paths[:1] != [target]:
            problems.append(f"{query!r}: {target} does not come first: {paths}")
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
