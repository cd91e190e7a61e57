"""MkDocs hook: make :mod:`mathreg` importable and fresh on every build.

Pages execute code from :mod:`mathreg` at build time (markdown-exec), so the project root
goes on ``sys.path`` (the build then works from a checkout even before ``pip install -e .``),
and so does ``docs/hooks/`` for the page helpers in ``pagekit.py``.

``mkdocs serve`` keeps one Python process alive, so without this hook an edit to a
derivation would not show up until the server is restarted. ``mkdocs.yml`` watches
``mathreg/``; before each build this drops the cached modules so the edited code is used.
"""

from __future__ import annotations

import sys
from pathlib import Path


def on_config(config, **kwargs):
    root = Path(config["config_file_path"]).resolve().parent
    # the project (for `import mathreg`) and the page helpers (for `import pagekit`)
    for path in (str(root / "docs" / "hooks"), str(root)):
        if path not in sys.path:
            sys.path.insert(0, path)
    return config


def on_pre_build(config, **kwargs):
    for name in [m for m in sys.modules if m == "mathreg" or m.startswith("mathreg.")]:
        del sys.modules[name]
