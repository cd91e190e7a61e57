"""What a sweep experiment returns: its numbers over several seeds, a table and a figure."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

import numpy as np

from mathreg.experiments._plotting import TRAIN, VALIDATION, new_figure

if TYPE_CHECKING:
    from matplotlib.figure import Figure

T = TypeVar("T")

#: What the ``progress`` argument of every experiment looks like (``tqdm.tqdm`` fits).
Progress = Callable[[Iterable[T]], Iterable[T]]

#: How many seeds a sweep runs: ``seed``, ``seed + 1``, …; each draws its own data, initial
#: weights and dropout masks.
N_SEEDS = 5


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


def seeds_from(seed: int) -> tuple[int, ...]:
    """The seeds a sweep runs, from its first: ``seed``, …, ``seed + N_SEEDS - 1``."""
    return tuple(range(seed, seed + N_SEEDS))


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
    """Train and validation losses of one model fitted at each value of a swept setting, on
    several seeds.

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
    seeds : tuple of int
        The seeds, one run of the whole sweep each.
    train_runs, validation_runs : tuple of tuple of float
        The losses, ``train_runs[s][k]`` for seed ``seeds[s]`` at ``values[k]``, on the
        training and on the held-out validation set.
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
    seeds: tuple[int, ...]
    train_runs: tuple[tuple[float, ...], ...]
    validation_runs: tuple[tuple[float, ...], ...]
    xscale: str = "linear"
    yscale: str = "linear"
    reverse_x: bool = False
    symbol: str = ""

    @property
    def train(self) -> tuple[float, ...]:
        """The training loss at each value, the median over the seeds."""
        return tuple(float(x) for x in np.median(self.train_runs, axis=0))

    @property
    def validation(self) -> tuple[float, ...]:
        """The validation loss at each value, the median over the seeds (one seed whose
        polynomial explodes does not move it, as it would a mean)."""
        return tuple(float(x) for x in np.median(self.validation_runs, axis=0))

    @property
    def gap(self) -> tuple[float, ...]:
        """Validation minus train loss at each value, the median over the seeds: the
        overfitting."""
        runs = np.asarray(self.validation_runs) - np.asarray(self.train_runs)
        return tuple(float(x) for x in np.median(runs, axis=0))

    @property
    def best(self) -> float:
        """The swept value with the lowest median validation loss."""
        return self.values[int(np.argmin(self.validation))]

    @property
    def as_good_as_best(self) -> tuple[float, ...]:
        """The other values that are not worse than :attr:`best` on every seed.

        Each seed fits every value on the same data and from the same initial weights, so the
        comparison is paired: a value whose validation loss is above the best's on every seed
        is worse (with 5 seeds, a chance of 1 in 32 if the two were equally good); one that
        beats the best on some seed is within the seed-to-seed noise.
        """
        runs = np.asarray(self.validation_runs)
        best = self.values.index(self.best)
        return tuple(
            value
            for k, value in enumerate(self.values)
            if k != best and not np.all(runs[:, k] > runs[:, best])
        )

    def table(self) -> str:
        """The numbers as a plain-text table, one row per swept value: the medians over the
        seeds, the validation loss's range, and the best value with the ones as good."""
        runs = np.asarray(self.validation_runs)
        rows = [(self.parameter, "train", "validation", "(min", "max)", "gap")]
        rows += [
            (f"{x:g}", _fmt(t), _fmt(v), _fmt(low), _fmt(high), _fmt(g))
            for x, t, v, low, high, g in zip(
                self.values,
                self.train,
                self.validation,
                runs.min(axis=0),
                runs.max(axis=0),
                self.gap,
                strict=True,
            )
        ]
        best = self.values.index(self.best)
        lines = [
            format_table(rows),
            f"{self.loss}, median over seeds {self.seeds[0]}–{self.seeds[-1]} (min and max of "
            "the validation loss over the seeds)",
            f"lowest median validation loss at {self.parameter} = {self.best:g} "
            f"({_fmt(self.validation[best])})",
        ]
        close = ", ".join(f"{x:g}" for x in self.as_good_as_best)
        lines.append(
            f"not worse on every seed, so within the noise of the best: {close}"
            if close
            else "every other value is worse on every seed"
        )
        return "\n".join(lines)

    def figure(self) -> Figure:
        """Train and validation loss against the swept value: the median over the seeds as
        a line, their range as a band (matplotlib, no pyplot)."""
        fig, (ax,) = new_figure(figsize=(6.4, 4.6))
        x = np.asarray(self.values, dtype=float)
        shown = x > 0 if self.xscale == "log" else np.ones(x.shape, bool)
        symbol = self.symbol or self.parameter
        for name, runs, style in (
            ("train", self.train_runs, TRAIN),
            ("validation", self.validation_runs, VALIDATION),
        ):
            runs = np.asarray(runs)
            middle = np.median(runs, axis=0)
            ax.plot(x[shown], middle[shown], label=name, **style)
            ax.fill_between(
                x[shown],
                runs.min(axis=0)[shown],
                runs.max(axis=0)[shown],
                color=style["color"],
                alpha=0.18,
                linewidth=0,
            )
            for i in np.flatnonzero(~shown):
                ax.axhline(
                    middle[i], color=style["color"], ls="--", lw=1, label=f"{name}, {symbol} = 0"
                )
        if self.xscale != "log" or self.best > 0:
            ax.axvline(self.best, color="0.4", ls=":", lw=1, label="lowest validation loss")
        ax.set_xscale(self.xscale)
        ax.set_yscale(self.yscale)
        if self.reverse_x:
            ax.invert_xaxis()
        ax.set_xlabel(self.axis_label)
        ax.set_ylabel(self.loss)
        ax.set_title(self.title, fontsize="medium")
        n = len(self.seeds)
        fig.legend(
            loc="outside lower center",
            ncols=3,
            fontsize="small",
            title=f"lines: the median of {n} seeds; bands: their range",
            title_fontsize="small",
        )
        ax.grid(True, which="major", alpha=0.3)
        return fig
