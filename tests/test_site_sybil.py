"""The examples on the pages are real tests: a wrong shown output fails ``make test``.

Runs pytest, in a subprocess, on a scratch directory holding a copy of ``docs/conftest.py``
(the site's Sybil set-up) and Markdown pages like the site's. A page whose example shows the
wrong output must fail; the same page with the right output must pass; the blocks that
markdown-exec runs at build time (```` ```python exec="on" ````) are left to the build.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from mathreg.topics import TOPICS

ROOT = Path(__file__).resolve().parents[1]

PAGE = """\
# A page

Some prose, then a console example:

```pycon
>>> import numpy as np
>>> from mathreg.numeric import l2_penalty
>>> l2_penalty(np.array([[3.0, 4.0]]), lam=2.0, m=5)
{shown}
```

A plain Python block runs too:

```python
total = 1 + 1
assert total == 2
```

A block executed by markdown-exec at build time is not collected here:

```python exec="on"
raise RuntimeError("never run by pytest")
```
"""


def run_pytest(directory: Path) -> subprocess.CompletedProcess:
    (directory / "pytest.ini").write_text("[pytest]\naddopts =\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(directory)],
        cwd=directory,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )


@pytest.fixture
def docs_copy(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(ROOT / "docs" / "conftest.py", docs / "conftest.py")
    return docs


def test_a_wrong_output_on_a_page_fails(docs_copy: Path):
    (docs_copy / "page.md").write_text(PAGE.format(shown="2.0"), encoding="utf-8")  # is 5.0
    result = run_pytest(docs_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Expected:\n    2.0\nGot:\n    5.0" in result.stdout, result.stdout
    assert "1 failed" in result.stdout, result.stdout


def test_the_right_output_passes_and_exec_blocks_are_not_collected(docs_copy: Path):
    (docs_copy / "page.md").write_text(PAGE.format(shown="5.0"), encoding="utf-8")
    result = run_pytest(docs_copy)
    assert result.returncode == 0, result.stdout + result.stderr
    # 3 console statements + 1 plain block; the exec="on" block would have raised
    assert "4 passed" in result.stdout, result.stdout


def test_an_exception_in_a_plain_python_block_fails(docs_copy: Path):
    (docs_copy / "page.md").write_text(
        textwrap.dedent(
            """\
            ```python
            assert 1 + 1 == 3, "arithmetic is broken"
            ```
            """
        ),
        encoding="utf-8",
    )
    result = run_pytest(docs_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "arithmetic is broken" in result.stdout


@pytest.mark.parametrize("page", [topic.page for topic in TOPICS if topic.derivations])
def test_the_site_pages_have_doctested_examples(page: str):
    """Every derivation page (from the topic registry) carries examples that the Sybil set-up
    will collect."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert "```pycon\n>>> " in text, f"{page} has no doctested example"
