"""Results over several seeds: a mean line with the band from the lowest to the highest run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def draw_band(
    ax: Axes,
    x: Sequence[float],
    runs: np.ndarray,
    *,
    color: str,
    label: str,
    marker: str = "o",
    linestyle: str = "-",
) -> None:
    """The mean over the last axis of ``runs`` (one column per seed) as a line with markers,
    and the band between the lowest and the highest run, in the same colour."""
    runs = np.asarray(runs, dtype=float)
    ax.plot(x, runs.mean(axis=-1), marker=marker, ls=linestyle, color=color, label=label)
    ax.fill_between(x, runs.min(axis=-1), runs.max(axis=-1), color=color, alpha=0.2, lw=0)


def mean_and_range(runs: np.ndarray) -> str:
    """``mean [lowest, highest]`` of a 1-D array of runs, for the tables."""
    runs = np.asarray(runs, dtype=float)
    return f"{runs.mean():.3f} [{runs.min():.3f}, {runs.max():.3f}]"
