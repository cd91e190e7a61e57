"""What a sweep experiment returns: its numbers, a plain-text table and a figure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from mathreg.experiments._plotting import new_figure, plot_train_validation

if TYPE_CHECKING:
    from matplotlib.figure import Figure

T = TypeVar("T")

#: What the ``progress`` argument of every experiment looks like (``tqdm.tqdm`` fits).
Progress = Callable[[Iterable[T]], Iterable[T]]


def check_run_arguments(seed: object, progress: object) -> int:
    """Validate ``run(seed=..., progress=...)``; return the seed."""
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"seed must be an integer >= 0, got {seed!r} ({type(seed).__name__})")
    if seed < 0:
        raise ValueError(f"seed must be an integer >= 0, got {seed}")
    if progress is not None and not callable(progress):
        raise TypeError(
            f"progress must be None or a callable wrapping an iterable (e.g. tqdm.tqdm), "
            f"got {type(progress).__name__}"
        )
    return int(seed)


def wrap(values: Sequence[T], progress: Progress | None) -> Iterable[T]:
    """``values`` as they are, or wrapped by ``progress`` (e.g. a progress bar)."""
    return values if progress is None else progress(values)


def format_table(rows: Sequence[Sequence[str]], *, label_column: bool = False) -> str:
    """Rows of cells as aligned plain text: numbers right-aligned, a label column left-aligned."""
    widths = [max(len(row[k]) for row in rows) for k in range(len(rows[0]))]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if label_column and k == 0 else cell.rjust(w)
            for k, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in rows
    )


def _fmt(x: float) -> str:
    return f"{x:.4f}"  # fixed decimals: aligned columns, and no 1e-16 for a zero gap


@dataclass(frozen=True)
class SweepResult:
    """Train and validation losses of one model fitted at each value of a swept setting.

    Attributes
    ----------
    title : str
        One line saying what the experiment shows.
    parameter : str
        Name of the swept setting as in the code (``"lam"``, ``"keep_prob"``, ``"degree"``).
    axis_label : str
        The x-axis label of the figure.
    loss : str
        What the losses are (the y-axis label).
    values : tuple of float
        The swept values, in sweep order.
    train, validation : tuple of float
        The losses at each value, on the training and on the held-out validation set.
    xscale : {"linear", "log"}
        For ``"log"``, a value of 0 cannot be placed on the axis and is drawn as horizontal
        reference lines instead.
    yscale : {"linear", "log"}
    reverse_x : bool
        Draw the x-axis decreasing (so that regularization grows to the right, as for
        ``keep_prob``).
    symbol : str
        How the figure's legend writes the parameter (default: ``parameter``).
    """

    title: str
    parameter: str
    axis_label: str
    loss: str
    values: tuple[float, ...]
    train: tuple[float, ...]
    validation: tuple[float, ...]
    xscale: str = "linear"
    yscale: str = "linear"
    reverse_x: bool = False
    symbol: str = ""

    @property
    def gap(self) -> tuple[float, ...]:
        """Validation minus train loss at each value: the overfitting."""
        return tuple(v - t for t, v in zip(self.train, self.validation, strict=True))

    @property
    def best(self) -> float:
        """The swept value with the lowest validation loss."""
        return self.values[int(np.argmin(self.validation))]

    def table(self) -> str:
        """The numbers as a plain-text table, one row per swept value, and the best value."""
        rows = [(self.parameter, "train", "validation", "gap")]
        rows += [
            (f"{x:g}", _fmt(t), _fmt(v), _fmt(g))
            for x, t, v, g in zip(self.values, self.train, self.validation, self.gap, strict=True)
        ]
        lines = [format_table(rows)]
        best = int(np.argmin(self.validation))
        lines.append(
            f"{self.loss}; lowest validation loss at {self.parameter} = {self.values[best]:g} "
            f"({_fmt(self.validation[best])})"
        )
        return "\n".join(lines)

    def figure(self) -> Figure:
        """Train and validation loss against the swept value (matplotlib, no pyplot)."""
        fig, (ax,) = new_figure()
        x = np.asarray(self.values, dtype=float)
        train = np.asarray(self.train)
        validation = np.asarray(self.validation)
        shown = x > 0 if self.xscale == "log" else np.ones(x.shape, bool)
        plot_train_validation(ax, x[shown], train[shown], validation[shown])
        symbol = self.symbol or self.parameter
        for i in np.flatnonzero(~shown):
            ax.axhline(train[i], color="C0", ls="--", lw=1, label=f"train, {symbol} = 0")
            ax.axhline(validation[i], color="C1", ls="--", lw=1, label=f"validation, {symbol} = 0")
        if self.xscale != "log" or self.best > 0:
            ax.axvline(self.best, color="0.6", ls=":", lw=1, label="lowest validation loss")
        ax.set_xscale(self.xscale)
        ax.set_yscale(self.yscale)
        if self.reverse_x:
            ax.invert_xaxis()
        ax.set_xlabel(self.axis_label)
        ax.set_ylabel(self.loss)
        ax.set_title(self.title)
        ax.legend(fontsize="small")
        ax.grid(True, which="major", alpha=0.3)
        return fig
