"""Shared fixtures.

Site fixtures (used by tests/test_site*.py and tests/test_browser.py): the site is built once
per test session the way ``make build`` builds it, into a temporary directory, never into the
working tree's ``site/``: the figures (``python -m mathreg figures docs/figures``, reused while
the sources are unchanged), ``mkdocs build --strict``, then the check of the built HTML
(:mod:`mathreg.site.check`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from mathreg.site.check import inspect
from mathreg.site.nav import nav, pages

ROOT = Path(__file__).resolve().parents[1]
FIGURES = ROOT / "docs" / "figures"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
ENV.pop("MATHREG_SITE_URL", None)  # the tests build the site as `make build` does
ENV.pop("MATHREG_SITE_DIR", None)


def run(*argv: str, cwd: Path = ROOT, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a command of the build; its output is kept for the failure message."""
    return subprocess.run(
        argv, cwd=cwd, capture_output=True, text=True, env=env or ENV, timeout=600, check=False
    )


def _succeed(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode != 0:
        pytest.fail(f"{what} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")


def draw_figures() -> None:
    """Step 1 of every build: the figures (cached under the sources' digest)."""
    _succeed(run(sys.executable, "-m", "mathreg", "figures", str(FIGURES)), "mathreg figures")


def build_with_mkdocs(site_dir: Path) -> Path:
    """``make build`` into ``site_dir``: figures, ``mkdocs build --strict``, the HTML check."""
    draw_figures()
    result = run(sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir))
    _succeed(result, "mkdocs build --strict")
    problems = inspect(site_dir).problems
    if problems:
        pytest.fail("the built site has problems:\n" + "\n".join(problems))
    return site_dir


def build_with_zensical(site_dir: Path) -> Path:
    """``make zensical`` into ``site_dir``: figures, ``zensical build --clean --strict``, the
    HTML check. Zensical writes only inside the project, so it builds into ``build/`` (ignored
    by git) and the result is moved."""
    draw_figures()
    inside = ROOT / "build" / f"zensical-{uuid.uuid4().hex[:8]}"
    try:
        result = run(
            sys.executable, "-m", "zensical", "build", "--clean", "--strict",
            env={**ENV, "MATHREG_SITE_DIR": str(inside.relative_to(ROOT))},
        )  # fmt: skip
        _succeed(result, "zensical build --strict")
        shutil.move(inside, site_dir)
    finally:
        shutil.rmtree(inside, ignore_errors=True)
    problems = inspect(site_dir).problems
    if problems:
        pytest.fail("the site Zensical built has problems:\n" + "\n".join(problems))
    return site_dir


@pytest.fixture(scope="session")
def site_pages() -> list[str]:
    """The Markdown pages of the nav, in order (``index.md``, ``bias-variance.md``, …)."""
    return pages(nav())


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per session as ``make build`` builds it."""
    return build_with_mkdocs(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture
def build_site():
    """A function that builds the site with MkDocs into a given directory."""
    return build_with_mkdocs


@pytest.fixture(scope="session")
def page_url():
    """Map a page (``dropout.md``) to its path in the built site (``dropout/``)."""

    def url(page: str) -> str:
        return "" if page == "index.md" else page.removesuffix(".md") + "/"

    return url
