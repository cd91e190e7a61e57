"""Figures without pyplot, and byte-for-byte reproducible files.

Figures are made as :class:`matplotlib.figure.Figure` objects attached to an Agg canvas, never
through :mod:`matplotlib.pyplot`, so nothing is registered in pyplot's global figure list and no
GUI backend is touched. :func:`save_figure` writes SVG, PNG or PDF files that are identical
from one run to the next: no timestamps, and SVG element ids derived from a fixed salt.
"""

from __future__ import annotations

import os
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # matplotlib is imported lazily: listing experiments should be instant
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Salt for the ids matplotlib writes into SVG files (clip paths, glyphs).
SVG_HASHSALT = "mathreg"

#: The Okabe–Ito palette, which readers with any common colour-vision deficiency can tell
#: apart; every figure draws with it, and with markers or outlines besides colour.
BLUE, ORANGE, VERMILLION, GREEN, SKY, PURPLE = (
    "#0072B2",
    "#E69F00",
    "#D55E00",
    "#009E73",
    "#56B4E9",
    "#CC79A7",
)
#: How every figure draws training and validation losses.
TRAIN = {"color": BLUE, "marker": "o", "linestyle": "-"}
VALIDATION = {"color": VERMILLION, "marker": "s", "linestyle": "-"}

_NO_DATES = {
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "ModDate": None},
    "png": {"Software": None},
}


def new_figure(
    *, ncols: int = 1, nrows: int = 1, figsize: tuple[float, float] = (6.4, 4.0)
) -> tuple[Figure, list[Axes]]:
    """A figure on an Agg canvas (no pyplot) and its axes: ``ncols`` side by side, or
    ``nrows`` one above the other."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if ncols > 1 and nrows > 1:
        raise ValueError("a row or a column of axes, not a grid")
    fig = Figure(figsize=figsize, layout="constrained")
    FigureCanvasAgg(fig)
    axes = fig.subplots(nrows, ncols, squeeze=False)
    return fig, list(axes.ravel())


def panels(
    draw: Callable[[Sequence[Axes]], None],
    count: int,
    figsize: tuple[float, float],
    title: str | None = None,
    *,
    stacked: bool = False,
) -> Figure:
    """A figure of ``count`` panels drawn by ``draw(axes)``: side by side for a page's column,
    or ``stacked`` one above the other for a phone's, with the title wrapped to fit."""
    if stacked:
        fig, axes = new_figure(nrows=count, figsize=figsize)
    else:
        fig, axes = new_figure(ncols=count, figsize=figsize)
    draw(axes)
    if title is not None:
        fig.suptitle(textwrap.fill(title, 48) if stacked else title)
    return fig


def save_figure(fig: Figure, path: str | os.PathLike[str]) -> Path:
    """Write ``fig`` to ``path`` (``.svg``, ``.png`` or ``.pdf``) reproducibly.

    Two calls on equal figures write identical bytes: the file carries no date, and SVG ids are
    hashed with the fixed salt :data:`SVG_HASHSALT`. The salt is set only for the duration of
    the call (matplotlib's global ``rcParams`` are left as they were).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure, e.g. from an experiment result's ``.figure()``.
    path : str or os.PathLike
        Destination; its suffix picks the format. Parent directories are created.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValueError
        If the suffix is not ``.svg``, ``.png`` or ``.pdf``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> fig, (ax,) = new_figure()
    >>> _ = ax.plot([0, 1], [1, 0])
    >>> with tempfile.TemporaryDirectory() as d:
    ...     a = save_figure(fig, pathlib.Path(d) / "a.svg").read_bytes()
    ...     b = save_figure(fig, pathlib.Path(d) / "b.svg").read_bytes()
    >>> a == b
    True
    """
    import matplotlib

    path = Path(path)
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in _NO_DATES:
        raise ValueError(f"path must end in .svg, .png or .pdf, got {path.name!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASHSALT}):
        fig.savefig(path, format=fmt, metadata=_NO_DATES[fmt])
    return path
