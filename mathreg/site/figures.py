"""``python -m mathreg figures DIR``: draw the site's figures from the registered experiments.

Contract (see ``mathreg/experiments/__init__.py``): ``EXPERIMENTS[name]`` is
``run(*, seed=0, progress=None)`` returning a result with ``.title``, ``.table()`` (plain text)
and ``.figure()`` (a matplotlib Figure); ``save_figure(fig, path)`` writes it reproducibly.

For every experiment this writes, into ``DIR`` (``docs/figures/``, gitignored):

- ``<name>.svg``: the figure, seed 0, byte-for-byte reproducible (no date, fixed SVG ids);
- ``<name>-narrow.svg``: for a result that has a ``narrow_figure()`` (panels one above the
  other), the figure for a phone's column, which a page offers in a ``<picture>``;
- ``<name>.md``: the numbers behind it, for a page to include with
  ``--8<-- "docs/figures/<name>.md"``.

The experiments are independent and run in parallel worker processes (one per core); the
figures are drawn afterwards in this process. A file is only rewritten when its bytes change,
so ``mkdocs serve`` does not rebuild in a loop. The drawing is cached on disk
(``DIR/.digest``) under a digest of the ``mathreg`` sources and the numeric library versions,
so a rebuild after an edit to a page does not rerun the experiments; ``fresh=True``
(``--fresh``) ignores the cache.
"""

from __future__ import annotations

import functools
import hashlib
import operator
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

DIGEST_FILE = ".digest"


def sources_digest() -> str:
    """A digest of every ``mathreg`` source file and of the NumPy and matplotlib versions."""
    import matplotlib
    import numpy

    import mathreg

    package = Path(mathreg.__file__).resolve().parent
    h = hashlib.sha256()
    h.update(f"numpy {numpy.__version__} matplotlib {matplotlib.__version__}".encode())
    for path in sorted(package.rglob("*.py")):
        h.update(str(path.relative_to(package)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _numbers_markdown(result) -> str:
    """The experiment's table, folded under its figure."""
    lines = result.table().rstrip().splitlines()
    body = "\n".join("        " + line for line in lines)
    return f'??? abstract "The numbers behind this figure"\n\n    ```text\n{body}\n    ```\n'


def draw_all() -> tuple[dict[str, bytes], str]:
    """Run every experiment; return ``({file name: bytes}, a one-line report)``."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from mathreg.experiments import EXPERIMENTS, save_figure

    names = list(EXPERIMENTS)
    runs = [functools.partial(EXPERIMENTS[name], seed=0, progress=None) for name in names]
    workers = max(1, min(len(names), os.cpu_count() or 1))
    started = time.perf_counter()
    if workers > 1:
        # "spawn": a clean interpreter per worker, whatever the parent process holds
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = dict(zip(names, pool.map(operator.call, runs), strict=True))
    else:
        results = {name: run() for name, run in zip(names, runs, strict=True)}
    elapsed = time.perf_counter() - started
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            result = results[name]
            out[f"{name}.svg"] = save_figure(
                result.figure(), Path(tmp) / f"{name}.svg"
            ).read_bytes()
            if hasattr(result, "narrow_figure"):
                out[f"{name}-narrow.svg"] = save_figure(
                    result.narrow_figure(), Path(tmp) / f"{name}-narrow.svg"
                ).read_bytes()
            out[f"{name}.md"] = _numbers_markdown(result).encode()
    return out, f"{len(names)} experiments ran in {elapsed:.1f} s ({workers} processes)"


def _from_disk(directory: Path, digest: str) -> dict[str, bytes] | None:
    stamp = directory / DIGEST_FILE
    if not stamp.is_file():
        return None
    lines = stamp.read_text(encoding="utf-8").split()
    if not lines or lines[0] != digest:
        return None
    names = lines[1:]
    if not names or not all((directory / name).is_file() for name in names):
        return None
    return {name: (directory / name).read_bytes() for name in names}


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` atomically, unless the file already holds exactly that."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def write_figures(directory: Path, *, fresh: bool = False) -> Iterator[str]:
    """Draw the figures into ``directory`` unless its cache is current; yield report lines."""
    digest = sources_digest()
    drawn = None if fresh else _from_disk(directory, digest)
    if drawn is None:
        drawn, report = draw_all()
        yield report
    else:
        yield f"figures in {directory} are current (the mathreg sources are unchanged)"
    stamp = directory / DIGEST_FILE
    if stamp.is_file():  # files this command wrote last time, for an experiment since removed
        for name in set(stamp.read_text(encoding="utf-8").split()[1:]) - set(drawn):
            (directory / name).unlink(missing_ok=True)
    changed = [name for name, data in drawn.items() if write_if_changed(directory / name, data)]
    write_if_changed(
        directory / DIGEST_FILE, (digest + "\n" + "\n".join(sorted(drawn)) + "\n").encode()
    )
    yield f"{len(changed)} of {len(drawn)} files written to {directory}"
