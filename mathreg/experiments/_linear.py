"""What the linear-model experiments share: data, replicate seeds, bands and tall figures.

Each experiment is repeated on ``REPLICATES`` independent draws (of the data, of the noise or
of the masks, whatever the experiment is about), all derived from its one ``seed``; a figure
draws the mean over the replicates as a line and their range as a band, and a table gives
mean ± standard deviation. Figures are one column of panels, legible on a phone.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from mathreg.experiments._data import child_generators

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: How many independent replicates every linear-model experiment runs.
REPLICATES = 5
#: The base font size of the figures (matplotlib's default is 10): they are read on phones too.
FONT_SIZE = 11.5
#: The figures' colours, :func:`colour` 0, 1, …: the Okabe–Ito palette, which readers with any
#: common colour-vision deficiency can tell apart, then a grey.
PALETTE = ("#0072B2", "#E69F00", "#D55E00", "#009E73", "#56B4E9", "#CC79A7", "#F0E442", "#999999")


def colour(k: int) -> str:
    """The k-th colour of :data:`PALETTE` (cyclically)."""
    return PALETTE[k % len(PALETTE)]


F = TypeVar("F", bound=Callable)


def legible(draw: F) -> F:
    """Run a ``figure()`` method with the base font :data:`FONT_SIZE` (matplotlib's settings
    are restored afterwards)."""

    @functools.wraps(draw)
    def wrapper(*args, **kwargs):
        import matplotlib

        with matplotlib.rc_context({"font.size": FONT_SIZE}):
            return draw(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def replicate_generators(seed: int, n: int = REPLICATES) -> list[np.random.Generator]:
    """``n`` independent generators derived from ``seed``, one per replicate."""
    return [np.random.default_rng(s) for s in child_generators(seed, n)]


def correlated_inputs(m: int, d: int, rho: float, rng: np.random.Generator) -> np.ndarray:
    """``m`` rows of ``d`` Gaussian inputs whose correlation is ``rho**|j - k|`` (shape (m, d)).

    Correlated inputs spread the eigenvalues of XᵀX, so that ridge, lasso and early stopping
    treat the directions visibly differently.
    """
    j = np.arange(d)
    covariance = rho ** np.abs(j[:, None] - j[None, :])
    return rng.standard_normal((m, d)) @ np.linalg.cholesky(covariance).T


def column_figure(rows: int, *, width: float = 5.6, height: float = 3.3) -> tuple[Figure, list]:
    """A figure of ``rows`` panels stacked in one column (no pyplot), and its axes."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height * rows), layout="constrained")
    FigureCanvasAgg(fig)
    return fig, list(fig.subplots(rows, 1, squeeze=False)[:, 0])


def band(
    ax: Axes,
    x: Sequence[float],
    values: np.ndarray,
    *,
    color: str,
    label: str | None,
    style: str = "-",
    marker: str | None = None,
) -> None:
    """The mean over the replicates (``values`` of shape (replicates, len(x))) as a line, and
    their range as a shaded band."""
    values = np.asarray(values, dtype=float)
    ax.fill_between(x, values.min(axis=0), values.max(axis=0), color=color, alpha=0.2, lw=0)
    ax.plot(x, values.mean(axis=0), style, color=color, marker=marker, ms=4, label=label)


def mean_sd(values: Sequence[float], digits: int = 4) -> str:
    """``mean ± sd`` over the replicates, with ``digits`` decimals."""
    values = np.asarray(values, dtype=float)
    return f"{values.mean():.{digits}f} ± {values.std(ddof=1):.{digits}f}"


def finish(ax: Axes, *, title: str, xlabel: str, ylabel: str, legend: bool = True) -> None:
    """Title, labels, a light grid and a small legend."""
    ax.set_title(title, fontsize="medium")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.grid(True, which="major", alpha=0.3)
    if legend:
        ax.legend(fontsize="small")


def legend_below(ax: Axes, *, ncols: int = 2) -> None:
    """The axes' legend under its x-axis label, where it covers no data."""
    ax.legend(fontsize="small", ncols=ncols, loc="upper center", bbox_to_anchor=(0.5, -0.2))
