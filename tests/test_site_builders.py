"""One ``mkdocs.yml``, two builders: MkDocs and Zensical build the same site, and a failed block
fails either build.

The build is plain steps (figures, the builder, the check of the built HTML): no MkDocs hooks,
which Zensical never runs. ``make test`` runs the MkDocs half; the Zensical builds run where
``MATHREG_ZENSICAL=1`` (``make test-zensical``, which CI runs after ``make test``).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import ENV, ROOT, build_with_zensical, run

from mathreg.site.check import inspect, main

ZENSICAL = os.environ.get("MATHREG_ZENSICAL") == "1"
needs_zensical = pytest.mark.skipif(
    not ZENSICAL, reason="Zensical builds run in CI: `make test-zensical` (MATHREG_ZENSICAL=1)"
)


def test_mkdocs_yml_has_no_hooks():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert not re.search(r"^hooks\s*:", config, re.M)
    assert not (ROOT / "docs" / "hooks").exists()


BROKEN_PAGE = """\
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


def _broken_project(tmp_path: Path) -> Path:
    """A minimal project with the site's markdown-exec and math set-up and one page that
    checks a deliberately corrupted derivation."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(
        textwrap.dedent(
            """\
            site_name: broken
            plugins:
              - markdown-exec:
                  languages: [python]
            markdown_extensions:
              - pymdownx.superfences
              - pymdownx.arithmatex:
                  generic: true
              - mathreg.site.mathsvg
            """
        ),
        encoding="utf-8",
    )
    (tmp_path / "docs" / "index.md").write_text(BROKEN_PAGE, encoding="utf-8")
    return tmp_path


def _check(site: Path) -> subprocess.CompletedProcess:
    return run(sys.executable, "-m", "mathreg.site.check", str(site))


@pytest.mark.parametrize("flags", [["--strict"], ["-q"]], ids=["strict", "quiet-not-strict"])
def test_a_failing_block_fails_the_mkdocs_build(tmp_path: Path, flags: list[str]):
    """``mkdocs build --strict`` stops at markdown-exec's warning; without ``--strict`` (and
    with ``-q``, which hides warnings) MkDocs writes the page with the traceback, and the
    check of the built HTML fails: either way the build fails."""
    project = _broken_project(tmp_path)
    built = run(sys.executable, "-m", "mkdocs", "build", *flags, "-d", "out", cwd=project)
    output = built.stdout + built.stderr
    if "--strict" in flags:
        assert built.returncode != 0, output
        assert "DerivationError" in output, output
    else:
        assert built.returncode == 0, output  # MkDocs alone would publish it
        checked = _check(project / "out")
        assert checked.returncode == 1, checked.stdout + checked.stderr
        assert "index.html: a failed executed block" in checked.stderr


@needs_zensical
def test_a_failing_block_fails_the_zensical_build(tmp_path: Path):
    """``zensical build --strict`` (0.0.73) reports no issue for a failed block: the check of
    the built HTML is what fails the build."""
    project = _broken_project(tmp_path)
    env = {key: value for key, value in ENV.items() if key != "MATHREG_SITE_DIR"}
    built = run(sys.executable, "-m", "zensical", "build", "--strict", cwd=project, env=env)
    assert (project / "site" / "index.html").is_file(), built.stdout + built.stderr
    checked = _check(project / "site")
    assert checked.returncode == 1, checked.stdout + checked.stderr
    assert "index.html: a failed executed block" in checked.stderr


def test_the_check_passes_a_good_page_and_names_the_broken_one(tmp_path: Path, capsys):
    good = tmp_path / "good"
    good.mkdir()
    (good / "index.html").write_text("<p>Fine.</p>", encoding="utf-8")
    assert main([str(good)]) == 0
    assert "1 pages, 0 formulas typeset, no failed block" in capsys.readouterr().out
    (good / "page").mkdir()
    (good / "page" / "index.html").write_text(
        '<p>Raw <span class="arithmatex">\\(x\\)</span></p>', encoding="utf-8"
    )
    assert main([str(good)]) == 1
    assert "page/index.html: 1 formula(s) not typeset" in capsys.readouterr().err


def test_the_check_follows_every_link_of_the_site(tmp_path: Path, capsys):
    """A link an executed block prints is not rewritten by the builder: ``page.md`` must be
    caught, ``page/``, ``../``, ``/page/`` (from the root, as 404.html links) and anchors pass."""
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        '<a href="../">home</a> <a href="/page/#x">me</a> <a href="https://example.org/">out</a>',
        encoding="utf-8",
    )
    (tmp_path / "index.html").write_text(
        '<a href="page/">ok</a> <a href="page.md">source</a> <a href="#top">top</a>',
        encoding="utf-8",
    )
    assert main([str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "index.html: broken link page.md" in err
    assert err.count("broken link") == 1, err


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory) -> Path:
    if not ZENSICAL:
        pytest.skip("Zensical builds run in CI: `make test-zensical` (MATHREG_ZENSICAL=1)")
    return build_with_zensical(tmp_path_factory.mktemp("zensical") / "site")


@needs_zensical
def test_both_builders_make_the_same_pages_with_the_same_math(built_site: Path, zensical_site):
    mkdocs, zensical = inspect(built_site), inspect(zensical_site)
    assert not mkdocs.problems and not zensical.problems
    assert mkdocs.pages == zensical.pages
    assert mkdocs.formulas == zensical.formulas
    assert mkdocs.total == zensical.total > 500


@needs_zensical
def test_zensical_keeps_api_source_listings_out_of_its_search(zensical_site: Path):
    index = (zensical_site / "search.json").read_text(encoding="utf-8")
    assert "Source code in" not in index
    assert " λ " in index and "lambda" in index
