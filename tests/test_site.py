"""The site builds strictly, is complete, works offline and is reproducible.

These tests run ``mkdocs build --strict`` (through the ``built_site`` fixture in
``tests/conftest.py``) and inspect the output; the browser test (tests/test_browser.py)
then checks what a reader actually sees.
"""

from __future__ import annotations

import filecmp
import json
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar
from urllib.parse import urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]

LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def page_html_path(site: Path, page: str) -> Path:
    return site / ("index.html" if page == "index.md" else page.removesuffix(".md") + "/index.html")


def test_every_page_in_the_nav_is_built(built_site: Path, site_pages: list[str]):
    assert len(site_pages) >= 11, site_pages
    for page in site_pages:
        assert page_html_path(built_site, page).is_file(), f"{page} was not built"


def test_pages_follow_the_note_order(site_pages: list[str]):
    expected = [
        "index.md",
        "bias-variance.md",
        "likelihood.md",
        "bayes-map.md",
        "l2-prior.md",
        "weight-decay.md",
        "dropout.md",
        "errata.md",
    ]
    assert site_pages[: len(expected)] == expected
    assert {"notation.md", "api.md", "run-it-yourself.md"} <= set(site_pages)
    on_disk = {p.name for p in (ROOT / "docs").glob("*.md")}
    assert on_disk == set(site_pages), "every page is in the nav, and every nav entry exists"


def test_mathjax_is_copied_from_the_pip_package(built_site: Path):
    import mathjax  # django-static-mathjax

    package = Path(mathjax.__file__).parent / "static" / "mathjax" / "es5" / "tex-svg-full.js"
    copied = built_site / "assets" / "mathjax" / "tex-svg-full.js"
    assert copied.is_file()
    assert filecmp.cmp(package, copied, shallow=False)
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/mathjax/tex-svg-full.js"' in html
    assert 'src="javascripts/mathjax.js"' in html
    # the configuration comes before the library
    assert html.index("javascripts/mathjax.js") < html.index("assets/mathjax/tex-svg-full.js")


def test_mathjax_is_not_committed():
    tracked = subprocess.run(
        ["git", "ls-files", "docs"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    assert not [
        path
        for path in tracked
        if "mathjax" in path and path.endswith(".js") and path != "docs/javascripts/mathjax.js"
    ]


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
        if tag == "img" and attrs.get("srcset"):
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
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["theme"]["font"] is False


def test_every_local_image_exists(built_site: Path):
    missing = []
    for path in built_site.rglob("*.html"):
        collector = _ResourceCollector()
        collector.feed(path.read_text(encoding="utf-8"))
        for tag, url in collector.urls:
            if tag != "img" or _is_remote(url) or url.startswith("data:"):
                continue
            target = (path.parent / urlparse(url).path).resolve()
            if not target.is_file():
                missing.append(f"{path.relative_to(built_site)}: {url}")
    assert not missing, missing


def _text_of(built_site: Path, page: str) -> str:
    return page_html_path(built_site, page).read_text(encoding="utf-8")


DERIVATION_PAGES = {
    "likelihood.md": (1, 2, 3, 4, 5),
    "bayes-map.md": (6, 7),
    "l2-prior.md": (8, 9, 10, 11),
    "weight-decay.md": (12, 13),
    "dropout.md": (14, 15),
}


@pytest.mark.parametrize("page", sorted(DERIVATION_PAGES))
def test_derivation_pages_show_checked_steps_and_the_notes_equation_numbers(built_site, page):
    html = _text_of(built_site, page)
    assert "mr-derivation" in html
    assert html.count("mr-verdict mr-ok") >= 2
    assert "mr-verdict mr-fail" not in html
    for n in DERIVATION_PAGES[page]:
        assert f"\\tag{{{n}}}" in html, f"equation ({n}) is not tagged on {page}"
    # the formulas were handed to MathJax, not left as Markdown dollars
    assert "$$" not in re.sub(r"<pre.*?</pre>|<code.*?</code>", "", html, flags=re.S)


def test_dropout_page_quotes_both_backward_equations_from_the_source(built_site: Path):
    # the page says (14) and (15) are consecutive lines of MLP.backward and quotes them
    code = re.sub(r"<[^>]+>", "", _text_of(built_site, "dropout.md"))
    quoted = code[code.index("self.weights[l - 1].T, dZ") :][:400]
    assert "# eq. (14)" in quoted and "# eq. (15)" in quoted
    assert "dA = dA * D[l - 2] / keep_prob  # eq. (15)" in quoted  # the equation, not a call


def test_figures_are_referenced_and_built(built_site: Path):
    html = _text_of(built_site, "bias-variance.md")
    figures = re.findall(r'<img[^>]+src="([^"]+\.svg)"', html)
    assert len(figures) >= 3, figures
    for src in figures:
        svg = (page_html_path(built_site, "bias-variance.md").parent / src).resolve()
        assert svg.is_file(), src
        assert svg.read_bytes().lstrip().startswith((b"<?xml", b"<svg"))


def test_figures_are_byte_identical_across_builds(built_site: Path, build_site, tmp_path: Path):
    """A build that reruns every experiment gives the same bytes as the session's build.

    (The session's build may reuse figures cached under the same source digest; those were
    themselves drawn by an earlier run of the experiments, so this compares two renders.)
    """
    second = build_site(tmp_path / "second", fresh_figures=True)
    first_figures = sorted(p.relative_to(built_site) for p in (built_site / "figures").glob("*"))
    assert len(first_figures) >= 4, f"too few figures were built: {first_figures}"
    second_figures = sorted(p.relative_to(second) for p in (second / "figures").glob("*"))
    assert first_figures == second_figures
    for rel in first_figures:
        assert (built_site / rel).read_bytes() == (second / rel).read_bytes(), f"{rel} differs"
        text = (built_site / rel).read_text(encoding="utf-8", errors="replace")
        assert "<dc:date>" not in text, f"{rel} carries a timestamp"


def test_api_page_documents_every_public_name(built_site: Path):
    import mathreg.experiments
    import mathreg.numeric
    import mathreg.proof
    import mathreg.symbolic

    html = _text_of(built_site, "api.md")
    for module in (mathreg.numeric, mathreg.proof, mathreg.symbolic, mathreg.experiments):
        for name in module.__all__:
            assert f'id="{module.__name__}.{name}"' in html, f"{module.__name__}.{name} missing"


def test_search_index_knows_the_key_terms(built_site: Path):
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] + " " + doc["title"] for doc in index["docs"]).lower()
    for term in ("dropout", "weight decay", "cross-entropy", "gaussian prior", "keep_prob"):
        assert term in text, term


@pytest.mark.parametrize("flags", [["--strict"], ["-q"]], ids=["strict", "quiet-not-strict"])
def test_a_failing_derivation_fails_the_build(tmp_path: Path, flags: list[str]):
    """A derivation that fails its check while a page is generated stops the build.

    markdown-exec turns an exception into a warning, which ``--strict`` turns into a failure;
    docs/hooks/exec_guard.py makes it a failure even without ``--strict`` and with ``-q``
    (which stops MkDocs from counting warnings). A minimal project with the site's
    markdown-exec configuration, that hook, and one page that checks a deliberately corrupted
    derivation.
    """
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            f"""\
            site_name: broken
            hooks:
              - {ROOT / "docs" / "hooks" / "exec_guard.py"}
            plugins:
              - markdown-exec:
                  languages: [python]
            markdown_extensions:
              - pymdownx.superfences
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "docs" / "index.md").write_text(
        textwrap.dedent(
            """\
            # Broken

            ```python exec="on"
            import sympy as sp
            from mathreg.symbolic import DERIVATIONS

            good = DERIVATIONS["l2"]()
            # the last equation of the derivation, with its right-hand side doubled
            i = max(k for k, step in enumerate(good.steps) if isinstance(step.expr, sp.Eq))
            statement = good.steps[i].expr
            bad = good.with_step(i, sp.Eq(statement.lhs, 2 * statement.rhs))
            bad.check()
            print(bad.to_markdown())
            ```
            """
        ),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *flags, "-d", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT), "NO_MKDOCS_2_WARNING": "1"},
        timeout=300,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "DerivationError" in output or "index.md" in output, output
