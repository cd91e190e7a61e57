"""Shared fixtures.

Site fixtures (used by tests/test_site*.py and tests/test_browser.py): the site is built once
per test session with ``mkdocs build --strict`` into a temporary directory, never into the
working tree's ``site/``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]


def _nav_pages(nav) -> list[str]:
    pages: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            pages += _nav_pages(value)
        else:
            pages.append(value)
    return pages


def _build(site_dir: Path, *, fresh_figures: bool = False) -> Path:
    """``mkdocs build --strict`` of this repository into ``site_dir``; fail loudly with the log.

    ``fresh_figures`` reruns the experiments instead of reusing the figures cached under the
    sources' digest (see docs/hooks/figures.py).
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if fresh_figures:
        env["MATHREG_FIGURES"] = "fresh"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}")
    return site_dir


@pytest.fixture(scope="session")
def site_pages() -> list[str]:
    """The Markdown pages of the nav, in order (``index.md``, ``bias-variance.md``, …)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    return _nav_pages(config["nav"])


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The site, built once per session with ``mkdocs build --strict``."""
    return _build(tmp_path_factory.mktemp("site") / "site")


@pytest.fixture
def build_site():
    """A function that builds the site into a given directory (for reproducibility tests)."""
    return _build


@pytest.fixture(scope="session")
def page_url():
    """Map a page (``dropout.md``) to its path in the built site (``dropout/``)."""

    def url(page: str) -> str:
        return "" if page == "index.md" else page.removesuffix(".md") + "/"

    return url
