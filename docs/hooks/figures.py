"""MkDocs hook: draw the site's figures from :mod:`mathreg.experiments` at build time.

Contract (see ``mathreg/experiments/__init__.py``): ``EXPERIMENTS[name]`` is
``run(*, seed=0, progress=None)`` returning a result with ``.title``, ``.table()`` (plain text)
and ``.figure()`` (a matplotlib Figure); ``save_figure(fig, path)`` writes it reproducibly.

For every experiment this hook writes, into ``docs/figures/`` (gitignored):

- ``<name>.svg``: the figure, seed 0, byte-for-byte reproducible (no date, fixed SVG ids);
- ``<name>.md``: the numbers behind it, for a page to include with
  ``--8<-- "docs/figures/<name>.md"``.

The experiments are independent and run in parallel worker processes (one per core); the
figures are drawn afterwards in this process. A file is only rewritten when its bytes change,
so ``mkdocs serve`` does not rebuild in a loop. Results are cached (in the process, and on disk
in ``docs/figures/.digest``) under a digest of the ``mathreg`` sources, this hook and the
numeric library versions, so rebuilding after an edit to a page does not rerun the
experiments. ``MATHREG_FIGURES=fresh`` ignores the cache
(the reproducibility test uses it to draw the figures again).
"""

from __future__ import annotations

import functools
import hashlib
import logging
import operator
import os
import tempfile
import time
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.figures")

DIGEST_FILE = ".digest"
_CACHE: dict[str, dict[str, bytes]] = {}


def _digest(package_dir: Path) -> str:
    import matplotlib
    import numpy

    h = hashlib.sha256()
    h.update(f"numpy {numpy.__version__} matplotlib {matplotlib.__version__}".encode())
    h.update(Path(__file__).read_bytes())
    for path in sorted(package_dir.rglob("*.py")):
        h.update(str(path.relative_to(package_dir)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def _numbers_markdown(result) -> str:
    """The experiment's table, folded under its figure."""
    lines = result.table().rstrip().splitlines()
    body = "\n".join("        " + line for line in lines)
    return f'??? abstract "The numbers behind this figure"\n\n    ```text\n{body}\n    ```\n'


def render_all(fresh: bool = False) -> dict[str, bytes]:
    """Run every experiment (or reuse the cache); return ``{file name: bytes}``.

    The experiments are independent, so they run in parallel worker processes (one per
    core, at most one per experiment); the figures are then drawn here, one after the other.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    import mathreg
    from mathreg.experiments import EXPERIMENTS, save_figure

    digest = _digest(Path(mathreg.__file__).resolve().parent)
    if not fresh and digest in _CACHE:
        return _CACHE[digest]
    names = sorted(EXPERIMENTS)
    runs = [functools.partial(EXPERIMENTS[name], seed=0, progress=None) for name in names]
    workers = max(1, min(len(names), os.cpu_count() or 1))
    t0 = time.perf_counter()
    if workers > 1:
        # "spawn": a clean interpreter per worker, safe inside `mkdocs serve`'s threads
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            results = dict(zip(names, pool.map(operator.call, runs), strict=True))
    else:
        results = {name: run() for name, run in zip(names, runs, strict=True)}
    log.info(
        "%d experiments ran in %.2f s (%d processes)", len(names), time.perf_counter() - t0, workers
    )
    out: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            result = results[name]
            out[f"{name}.svg"] = save_figure(
                result.figure(), Path(tmp) / f"{name}.svg"
            ).read_bytes()
            out[f"{name}.md"] = _numbers_markdown(result).encode()
    _CACHE.clear()
    _CACHE[digest] = out
    return out


def _from_disk(figures_dir: Path, digest: str) -> dict[str, bytes] | None:
    stamp = figures_dir / DIGEST_FILE
    if not stamp.is_file():
        return None
    lines = stamp.read_text(encoding="utf-8").split()
    if not lines or lines[0] != digest:
        return None
    names = lines[1:]
    if not names or not all((figures_dir / name).is_file() for name in names):
        return None
    return {name: (figures_dir / name).read_bytes() for name in names}


def write_if_changed(path: Path, data: bytes) -> bool:
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return True


def on_pre_build(config, **kwargs):
    figures_dir = Path(config["docs_dir"]) / "figures"
    fresh = os.environ.get("MATHREG_FIGURES") == "fresh"
    try:
        import mathreg

        digest = _digest(Path(mathreg.__file__).resolve().parent)
        rendered = None if fresh else _CACHE.get(digest) or _from_disk(figures_dir, digest)
        if rendered is None:
            rendered = render_all(fresh=True)
        else:
            log.info("figures unchanged since the last build (mathreg sources digest matches)")
    except ImportError as error:
        # A warning, not a crash: `mkdocs build --strict` still fails, after reporting
        # every other problem too.
        log.warning("figures not drawn: mathreg.experiments is unavailable (%s)", error)
        return
    for name, data in rendered.items():
        write_if_changed(figures_dir / name, data)
    write_if_changed(
        figures_dir / DIGEST_FILE, (digest + "\n" + "\n".join(sorted(rendered)) + "\n").encode()
    )
