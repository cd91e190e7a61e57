"""MkDocs hook: serve MathJax 3 from the pip package, never from a CDN.

``django-static-mathjax`` (pinned in pyproject.toml) ships the MathJax 3.2.2 distribution.
After each build this hook copies the parts the site needs into ``site/assets/mathjax/``:
the ``tex-svg-full.js`` combined component (TeX input with every extension, including
``ams`` for equation tags, and SVG output, whose glyphs are paths inside the script, so no
web font is ever fetched) plus the lazily loaded helpers it may request (menu, a11y,
speech). The CHTML output and its web fonts are deliberately left out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

ENTRY = "tex-svg-full.js"
# Lazily loaded by tex-svg-full.js (context menu, accessibility, speech rule engine).
EXTRA = ("ui", "a11y", "sre", "input", "adaptors", "output/svg", "output/svg.js")


def source_dir() -> Path:
    """The ``es5`` directory of the installed MathJax distribution."""
    import mathjax  # the django-static-mathjax package

    root = Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"
    if not (root / ENTRY).is_file():
        raise FileNotFoundError(f"MathJax entry point {ENTRY} not found in {root}")
    return root


def copy_mathjax(dest: Path) -> None:
    src = source_dir()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(src / ENTRY, dest / ENTRY)
    for rel in EXTRA:
        s, d = src / rel, dest / rel
        if s.is_dir():
            shutil.copytree(s, d, dirs_exist_ok=True)
        else:
            d.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(s, d)
    license_file = src.parent / "LICENSE"
    if license_file.is_file():
        shutil.copy2(license_file, dest / "LICENSE")


def on_post_build(config, **kwargs):
    copy_mathjax(Path(config["site_dir"]) / "assets" / "mathjax")
