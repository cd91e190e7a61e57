r"""What regularization does to the decision boundary of the overfitting network.

The network of :mod:`mathreg.experiments._overfit` is trained three times from the same initial
weights: without regularization, with L2 (:math:`\lambda = 1`) and with dropout
(``keep_prob = 0.5``), the values with the lowest median validation loss in the ``l2-sweep``
and ``dropout-sweep`` experiments (for dropout, ``keep_prob`` from 0.7 to 0.2 is within the
noise of that best). Unregularized, the boundary bends around individual noisy training
points; both regularizers give a smoother boundary and less confident predictions away from
the data. The pictures are the first seed's; the losses are also given over every seed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments import _overfit
from mathreg.experiments._plotting import BLUE, VERMILLION, new_figure
from mathreg.experiments._result import (
    Progress,
    check_run_arguments,
    format_table,
    seeds_from,
    wrap,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: (label, lam, keep_prob) of each model.
MODELS = (
    ("no regularization", 0.0, 1.0),
    ("L2, λ = 1", 1.0, 1.0),
    ("dropout, keep_prob = 0.5", 0.0, 0.5),
)
GRID = 121  # points per axis of the probability map


@dataclass(frozen=True, eq=False)
class BoundariesResult:
    """Each model's predicted probability on a grid (first seed), the training data, and the
    losses on every seed.

    Attributes
    ----------
    title : str
    labels : tuple of str
        One per model.
    grid : numpy.ndarray
        The grid coordinates, shape (GRID,), used on both axes; it covers the training points.
    probabilities : tuple of numpy.ndarray
        :math:`P(y = 1 \\mid x)` of each model on the grid, shape (GRID, GRID), rows along the
        second feature, for the first seed.
    X_train, Y_train : numpy.ndarray
        The first seed's training points (2, m) and labels (1, m).
    seeds : tuple of int
    train_runs, validation_runs : tuple of tuple of float
        Mean binary cross-entropy, ``train_runs[k][s]`` for model ``k`` on ``seeds[s]``.
    """

    title: str
    labels: tuple[str, ...]
    grid: np.ndarray
    probabilities: tuple[np.ndarray, ...]
    X_train: np.ndarray
    Y_train: np.ndarray
    seeds: tuple[int, ...]
    train_runs: tuple[tuple[float, ...], ...]
    validation_runs: tuple[tuple[float, ...], ...]

    @property
    def train(self) -> tuple[float, ...]:
        """Each model's training cross-entropy on the first seed (the one drawn)."""
        return tuple(runs[0] for runs in self.train_runs)

    @property
    def validation(self) -> tuple[float, ...]:
        """Each model's validation cross-entropy on the first seed (the one drawn)."""
        return tuple(runs[0] for runs in self.validation_runs)

    def table(self) -> str:
        """Each model's cross-entropy: the seed drawn, then the median and range over all."""
        rows = [("model", "train", "validation", "median", "(min", "max)")]
        for label, train, validation in zip(
            self.labels, self.train_runs, self.validation_runs, strict=True
        ):
            rows.append(
                (
                    label,
                    f"{train[0]:.4f}",
                    f"{validation[0]:.4f}",
                    f"{np.median(validation):.4f}",
                    f"{min(validation):.4f}",
                    f"{max(validation):.4f}",
                )
            )
        n = len(self.seeds)
        note = (
            f"mean binary cross-entropy; train and validation: seed {self.seeds[0]}, drawn; "
            f"median, min, max: validation over seeds {self.seeds[0]}–{self.seeds[-1]} ({n})"
        )
        return format_table(rows, label_column=True) + "\n" + note

    def figure(self) -> Figure:
        """One panel per model, side by side: probability map, the 0.5 boundary and the
        training points."""
        fig, axes = new_figure(ncols=len(self.labels), figsize=(11.0, 4.8))
        self._draw(axes)
        fig.suptitle(self.title)
        return fig

    def narrow_figure(self) -> Figure:
        """The same panels one above the other, for a phone's column."""
        fig, axes = new_figure(nrows=len(self.labels), figsize=(4.4, 12.8))
        self._draw(axes)
        fig.suptitle(self.title.replace(" (", "\n("))
        return fig

    def _draw(self, axes: list[Axes]) -> None:
        y = self.Y_train.ravel()
        for ax, label, P, t, v in zip(
            axes, self.labels, self.probabilities, self.train, self.validation, strict=True
        ):
            ax.contourf(self.grid, self.grid, P, levels=np.linspace(0, 1, 11), cmap="RdBu_r")
            ax.contour(self.grid, self.grid, P, levels=[0.5], colors="k", linewidths=1.5)
            for cls, marker, color in ((0, "o", BLUE), (1, "^", VERMILLION)):
                pts = self.X_train[:, y == cls]
                ax.scatter(
                    pts[0],
                    pts[1],
                    marker=marker,
                    c=color,
                    edgecolors="k",
                    linewidths=0.6,
                    s=24,
                    label=f"training point, class {cls}",
                )
            ax.set_title(
                f"{label}\ncross-entropy: train {t:.3f}, validation {v:.3f}", fontsize="medium"
            )
            ax.set_xlabel("$x_1$")
            ax.set_ylabel("$x_2$")
            ax.set_aspect("equal")
        axes[0].legend(fontsize="small", loc="lower left")


def run(*, seed: int = 0, progress: Progress | None = None) -> BoundariesResult:
    """Decision boundaries of the overfitting MLP without regularization, with L2, with dropout.

    Parameters
    ----------
    seed : int, optional
        The first seed (default 0), whose data and boundaries are drawn; the losses are also
        computed on the seeds after it.
    progress : callable, optional
        Wraps the loop over the three models, e.g. ``tqdm.tqdm``.

    Returns
    -------
    BoundariesResult
    """
    seeds = seeds_from(check_run_arguments(seed, progress))
    problems = [_overfit.Problem.make(s) for s in seeds]
    drawn = problems[0]
    half_width = np.ceil(4 * np.abs(drawn.X_train).max()) / 4 + 0.25  # all points inside
    grid = np.linspace(-half_width, half_width, GRID)
    g1, g2 = np.meshgrid(grid, grid)
    points = np.stack([g1.ravel(), g2.ravel()])
    probabilities, train, validation = [], [], []
    for _label, lam, keep_prob in wrap(MODELS, progress):
        nets = [problem.fit(lam=lam, keep_prob=keep_prob) for problem in problems]
        P = nets[0].predict_proba(points).reshape(GRID, GRID)
        P.flags.writeable = False
        probabilities.append(P)
        losses = [problem.losses(net) for problem, net in zip(problems, nets, strict=True)]
        train.append(tuple(t for t, _ in losses))
        validation.append(tuple(v for _, v in losses))
    return BoundariesResult(
        title="Decision boundaries (2-64-64-1 MLP, 80 noisy training points)",
        labels=tuple(label for label, _, _ in MODELS),
        grid=grid,
        probabilities=tuple(probabilities),
        X_train=drawn.X_train,
        Y_train=drawn.Y_train,
        seeds=seeds,
        train_runs=tuple(train),
        validation_runs=tuple(validation),
    )
