"""The site builds strictly, is complete, works offline, carries finished math, and is
reproducible.

These tests build the site as ``make build`` does (the ``built_site`` fixture in
``tests/conftest.py``) and inspect the output; the pages they expect come from the topic
registry (:mod:`mathreg.topics`). The browser test (tests/test_browser.py) then checks what a
reader actually sees; tests/test_site_builders.py compares MkDocs with Zensical.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse

import pytest

from mathreg.site.nav import BACK, FRONT, nav
from mathreg.topics import TOPICS

ROOT = Path(__file__).resolve().parents[1]

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def page_html_path(site: Path, page: str) -> Path:
    return site / ("index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html")


def test_every_page_in_the_nav_is_built(built_site: Path, site_pages: list[str]):
    assert len(site_pages) >= 11, site_pages
    for page in site_pages:
        assert page_html_path(built_site, page).is_file(), f"{page} was not built"


def _flat(items) -> list[str]:
    return [
        p for _, target in items for p in ([target] if isinstance(target, str) else _flat(target))
    ]


def test_the_nav_is_the_registry_in_order(site_pages: list[str]):
    """Front pages, the topics in the registry's order, back pages: nothing typed by hand."""
    assert site_pages == _flat(FRONT) + [topic.page for topic in TOPICS] + _flat(BACK)
    assert len(site_pages) == len(set(site_pages)), "a page is listed twice"
    on_disk = {p.name for p in (ROOT / "docs").glob("*.md")}
    assert on_disk == set(site_pages), "every page is in the nav, and every nav entry exists"


def test_the_nav_sections_are_the_registrys():
    sections = [next(iter(item)) for item in nav()]
    expected = list(dict.fromkeys(topic.section for topic in TOPICS))
    assert [s for s in sections if s in expected] == expected


def test_no_page_loads_math_javascript(built_site: Path):
    offenders = []
    for path in sorted(built_site.rglob("*.html")):
        for tag, url in _resources(path):
            if tag == "script" and re.search(r"mathjax|katex|tex-(svg|mml|chtml)", url, re.I):
                offenders.append(f"{path.relative_to(built_site)}: {url}")
    assert not offenders, offenders
    assert not list(built_site.rglob("*mathjax*.js")), "a MathJax script was copied to the site"
    assert not list(built_site.rglob("tex-*.js"))


def test_math_javascript_is_not_committed():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [path for path in tracked if "mathjax" in path.lower() and path.endswith(".js")]


def test_every_formula_is_svg_with_a_text_alternative(built_site: Path):
    html = _text_of(built_site, "l2-prior.md")
    containers = re.findall(
        r'<mjx-container class="MathJax" jax="SVG".*?</mjx-container>', html, re.S
    )
    assert len(containers) >= 20
    for container in containers:
        assert "<svg" in container and 'aria-hidden="true"' in container
        assert "<mjx-assistive-mml" in container and "<math" in container
    # the glyphs are stored once per page, and every reference finds its glyph
    assert html.count('class="mr-glyphs"') == 1 and html.count('class="mr-mathjax"') == 1
    defined = re.findall(r'<path id="(MJX-[^"]+)"', html)
    assert len(defined) == len(set(defined))
    assert set(re.findall(r'xlink:href="#(MJX-[^"]+)"', html)) == set(defined)


def test_no_canonical_url_points_to_the_development_server(built_site: Path):
    """Without MATHREG_SITE_URL (the publication address) pages declare no canonical URL, and
    nothing in the site's metadata points to the development server."""
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<link rel="canonical"' not in html, path
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "127.0.0.1" not in sitemap and "<loc>" not in sitemap


def test_two_builds_of_one_commit_are_byte_identical(built_site: Path, build_site, tmp_path: Path):
    second = build_site(tmp_path / "second")
    first_files = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    second_files = sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert first_files == second_files
    differ = [
        rel for rel in first_files if (built_site / rel).read_bytes() != (second / rel).read_bytes()
    ]
    assert not differ, f"files differ between two builds: {differ}"


class _ResourceCollector(HTMLParser):
    """Every URL the page would *load* (not plain links a reader may click)."""

    LOADING: ClassVar[dict[str, str]] = {
        "script": "src",
        "img": "src",
        "iframe": "src",
        "source": "src",
        "audio": "src",
        "video": "src",
        "embed": "src",
        "track": "src",
        "object": "data",
        "input": "src",
    }

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.inline_styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in self.LOADING and attrs.get(self.LOADING[tag]):
            self.urls.append((tag, attrs[self.LOADING[tag]]))
        if tag in ("img", "source") and attrs.get("srcset"):  # <picture>: a phone's figure
            self.urls.append((tag, attrs["srcset"]))
        if tag == "link" and attrs.get("href"):
            rel = (attrs.get("rel") or "").lower()
            # canonical/prev/next are navigation metadata, not fetched resources
            if not ({"canonical", "prev", "next"} & set(rel.split())):
                self.urls.append((f"link[{rel}]", attrs["href"]))
        if attrs.get("style"):
            self.inline_styles.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_styles.append(data)


CSS_REMOTE = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"]?)\s*(?:https?:)?//""", re.I)


def _is_remote(url: str) -> bool:
    parsed = urlparse(url.strip())
    if parsed.scheme in ("http", "https") or url.strip().startswith("//"):
        return (parsed.hostname or "") not in LOCAL_HOSTS
    return False


def _resources(path: Path) -> list[tuple[str, str]]:
    collector = _ResourceCollector()
    collector.feed(path.read_text(encoding="utf-8"))
    return collector.urls


def test_no_remote_scripts_styles_fonts_or_images(built_site: Path):
    offenders = []
    html_files = sorted(built_site.rglob("*.html"))
    assert html_files
    for path in html_files:
        collector = _ResourceCollector()
        collector.feed(path.read_text(encoding="utf-8"))
        for tag, url in collector.urls:
            if any(_is_remote(part.split()[0]) for part in url.split(",") if part.strip()):
                offenders.append(f"{path.relative_to(built_site)}: <{tag}> {url}")
        for style in collector.inline_styles:
            if CSS_REMOTE.search(style):
                offenders.append(f"{path.relative_to(built_site)}: inline style loads {style!r}")
    for css in sorted(built_site.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        for match in CSS_REMOTE.finditer(text):
            offenders.append(f"{css.relative_to(built_site)}: {text[match.start() :][:80]}")
    assert not offenders, "remote resources:\n" + "\n".join(offenders)


def test_no_web_fonts_at_all(built_site: Path):
    fonts = [
        p
        for p in built_site.rglob("*")
        if p.suffix.lower() in {".woff", ".woff2", ".ttf", ".otf", ".eot"}
    ]
    assert not fonts, fonts
    for css in built_site.rglob("*.css"):
        assert "@font-face" not in css.read_text(encoding="utf-8"), css
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"^  font: false\b", config, re.M), "theme.font must stay false"


def test_every_local_image_exists(built_site: Path):
    missing = []
    for path in built_site.rglob("*.html"):
        collector = _ResourceCollector()
        collector.feed(path.read_text(encoding="utf-8"))
        for tag, url in collector.urls:
            if tag not in ("img", "source") or _is_remote(url) or url.startswith("data:"):
                continue
            target = (path.parent / urlparse(url).path).resolve()
            if not target.is_file():
                missing.append(f"{path.relative_to(built_site)}: {url}")
    assert not missing, missing


def _text_of(built_site: Path, page: str) -> str:
    return page_html_path(built_site, page).read_text(encoding="utf-8")


DERIVATION_PAGES = {topic.page: topic.equations for topic in TOPICS if topic.derivations}


@pytest.mark.parametrize("page", sorted(DERIVATION_PAGES))
def test_derivation_pages_show_checked_steps_and_the_notes_equation_numbers(built_site, page):
    html = _text_of(built_site, page)
    assert "mr-derivation" in html
    assert html.count("mr-verdict mr-assumed") >= 1  # each derivation's premise
    assert html.count("mr-verdict mr-ok") >= 1
    assert "mr-verdict mr-fail" not in html
    for n in DERIVATION_PAGES[page]:
        label = f"({n})" if isinstance(n, int) else f"[{n}]"
        # a \tag{n} typeset: the tag is the label of a labelled row of the formula's MathML
        tagged = rf"<mlabeledtr>\s*<mtd>\s*<mtext>{re.escape(label)}</mtext>"
        assert re.search(tagged, html), f"equation {label} is not tagged on {page}"
    # no formula was left as TeX
    assert "$$" not in re.sub(r"<pre.*?</pre>|<code.*?</code>", "", html, flags=re.S)
    assert "\\tag{" not in html


def test_dropout_page_quotes_both_backward_equations_from_the_source(built_site: Path):
    # the page says (14) and (15) are consecutive lines of MLP.backward and quotes them
    code = re.sub(r"<[^>]+>", "", _text_of(built_site, "dropout.md"))
    quoted = code[code.index("self.weights[l - 1].T, dZ") :][:400]
    assert "# eq. (14)" in quoted and "# eq. (15)" in quoted
    assert "dA = dA * D[l - 2] / keep_prob  # eq. (15)" in quoted  # the equation, not a call


FIGURES = [(topic.page, experiment) for topic in TOPICS for experiment in topic.experiments]
# the experiments whose result also draws its panels one above the other, for a phone
NARROW = {"boundaries", "adam-adamw", "cv-network", "cv-ridge", "softmax-separable"}


@pytest.mark.parametrize(("page", "experiment"), FIGURES, ids=[e.name for _, e in FIGURES])
def test_each_registered_figure_is_on_its_topics_page(built_site: Path, page, experiment):
    html = _text_of(built_site, page)
    figures = re.findall(r'<img[^>]+src="([^"]+\.svg)"', html)
    assert any(src.endswith(experiment.figure) for src in figures), (experiment.figure, figures)
    svg = built_site / experiment.figure
    assert svg.is_file(), experiment.figure
    assert svg.read_bytes().lstrip().startswith((b"<?xml", b"<svg"))
    assert b"<dc:date>" not in svg.read_bytes(), f"{experiment.figure} carries a timestamp"


def test_figures_are_byte_identical_when_drawn_again(built_site: Path, tmp_path: Path):
    """``python -m mathreg figures --fresh`` reruns every experiment: the same bytes as the
    figures of the session's build (which may come from the cache, itself an earlier run)."""
    result = subprocess.run(
        [sys.executable, "-m", "mathreg", "figures", str(tmp_path), "--fresh"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    drawn = sorted(p.name for p in tmp_path.glob("*.svg"))
    # each experiment's figure, and a phone's version where the result offers one
    narrow = sorted(f"{e.name}-narrow.svg" for _, e in FIGURES if e.name in NARROW)
    assert drawn == sorted([f"{e.name}.svg" for _, e in FIGURES] + narrow)
    assert drawn == sorted(p.name for p in (built_site / "figures").glob("*.svg"))
    for name in drawn:
        assert (tmp_path / name).read_bytes() == (built_site / "figures" / name).read_bytes(), name


def test_api_page_documents_every_public_name(built_site: Path):
    import mathreg.experiments
    import mathreg.numeric
    import mathreg.proof
    import mathreg.symbolic

    html = _text_of(built_site, "api.md")
    for module in (mathreg.numeric, mathreg.proof, mathreg.symbolic, mathreg.experiments):
        for name in module.__all__:
            assert f'id="{module.__name__}.{name}"' in html, f"{module.__name__}.{name} missing"


def test_api_page_lists_the_registrys_functions_first_in_the_books_order(built_site: Path):
    html = _text_of(built_site, "api.md")
    registered = list(dict.fromkeys(a.numeric for topic in TOPICS for a in topic.agreements))
    positions = [html.index(f'id="mathreg.numeric.{name}"') for name in registered]
    assert positions == sorted(positions)


def _search_index(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_search_index_knows_the_key_terms(built_site: Path):
    text = " ".join(doc["text"] + " " + doc["title"] for doc in _search_index(built_site)).lower()
    for term in ("dropout", "weight decay", "cross-entropy", "gaussian prior", "keep_prob"):
        assert term in text, term


def test_search_finds_formulas_by_their_symbols_and_holds_no_tex(built_site: Path):
    docs = {doc["location"]: doc["text"] for doc in _search_index(built_site)}
    l2 = " ".join(text for location, text in docs.items() if location.startswith("l2-prior/"))
    assert " λ " in l2 and "lambda" in l2 and " σ " in l2 and "sigma" in l2
    everything = " ".join(docs.values())
    prose = re.sub(r"<(pre|code)>.*?</\1>", "", everything, flags=re.S)
    assert not re.search(r"\\(frac|lambda|theta|mathrm|tag)\b|\\\(|\$\$", prose)


def test_api_source_listings_stay_out_of_the_search_index(built_site: Path):
    api = _text_of(built_site, "api.md")
    assert api.count("data-search-exclude") >= 10 and "Source code in" in api
    api_text = " ".join(
        doc["text"] for doc in _search_index(built_site) if doc["location"].startswith("api/")
    )
    assert "Source code in" not in api_text
    assert "def l2_penalty(" not in api_text
