r"""What regularization does to the decision boundary of the overfitting network.

The network of :mod:`mathreg.experiments._overfit` is trained three times from the same initial
weights: without regularization, with L2 (:math:`\lambda = 1`) and with dropout
(``keep_prob = 0.6``), values near the best of the ``l2-sweep`` and ``dropout-sweep``
experiments. Unregularized, the boundary bends around individual noisy training points; both
regularizers give a smoother boundary and less confident predictions away from the data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments import _overfit
from mathreg.experiments._plotting import new_figure
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: (label, lam, keep_prob) of each model.
MODELS = (
    ("no regularization", 0.0, 1.0),
    ("L2, λ = 1", 1.0, 1.0),
    ("dropout, keep_prob = 0.6", 0.0, 0.6),
)
GRID = 121  # points per axis of the probability map


@dataclass(frozen=True, eq=False)
class BoundariesResult:
    """Each model's predicted probability on a grid, the training data, and the losses.

    Attributes
    ----------
    title : str
    labels : tuple of str
        One per model.
    grid : numpy.ndarray
        The grid coordinates, shape (GRID,), used on both axes; it covers the training points.
    probabilities : tuple of numpy.ndarray
        :math:`P(y = 1 \\mid x)` of each model on the grid, shape (GRID, GRID), rows along the
        second feature.
    X_train, Y_train : numpy.ndarray
        The training points (2, m) and labels (1, m).
    train, validation : tuple of float
        Mean binary cross-entropy of each model.
    """

    title: str
    labels: tuple[str, ...]
    grid: np.ndarray
    probabilities: tuple[np.ndarray, ...]
    X_train: np.ndarray
    Y_train: np.ndarray
    train: tuple[float, ...]
    validation: tuple[float, ...]

    def table(self) -> str:
        """Train and validation cross-entropy of each model, as plain text."""
        rows = [("model", "train", "validation", "gap")]
        rows += [
            (label, f"{t:.4f}", f"{v:.4f}", f"{v - t:.4f}")
            for label, t, v in zip(self.labels, self.train, self.validation, strict=True)
        ]
        return format_table(rows, label_column=True)

    def figure(self) -> Figure:
        """One panel per model: probability map, the 0.5 boundary and the training points."""
        fig, axes = new_figure(ncols=len(self.labels), figsize=(11.0, 4.6))
        y = self.Y_train.ravel()
        for ax, label, P, t, v in zip(
            axes, self.labels, self.probabilities, self.train, self.validation, strict=True
        ):
            ax.contourf(self.grid, self.grid, P, levels=np.linspace(0, 1, 11), cmap="RdBu_r")
            ax.contour(self.grid, self.grid, P, levels=[0.5], colors="k", linewidths=1.5)
            for cls, marker, color in ((0, "o", "C0"), (1, "^", "C3")):
                pts = self.X_train[:, y == cls]
                ax.scatter(
                    pts[0],
                    pts[1],
                    marker=marker,
                    c=color,
                    edgecolors="k",
                    linewidths=0.5,
                    s=22,
                    label=f"train, class {cls}",
                )
            ax.set_title(f"{label}\ntrain {t:.3f}, validation {v:.3f}", fontsize="medium")
            ax.set_xlabel("$x_1$")
            ax.set_aspect("equal")
        axes[0].set_ylabel("$x_2$")
        axes[0].legend(fontsize="small", loc="lower left")
        fig.suptitle(self.title)
        return fig


def run(*, seed: int = 0, progress: Progress | None = None) -> BoundariesResult:
    """Decision boundaries of the overfitting MLP without regularization, with L2, with dropout.

    Parameters
    ----------
    seed : int, optional
        Seeds the data, the initial weights and the dropout masks (default 0).
    progress : callable, optional
        Wraps the loop over the three models, e.g. ``tqdm.tqdm``.

    Returns
    -------
    BoundariesResult
    """
    seed = check_run_arguments(seed, progress)
    problem = _overfit.Problem.make(seed)
    half_width = np.ceil(4 * np.abs(problem.X_train).max()) / 4 + 0.25  # all points inside
    grid = np.linspace(-half_width, half_width, GRID)
    g1, g2 = np.meshgrid(grid, grid)
    points = np.stack([g1.ravel(), g2.ravel()])
    probabilities, train, validation = [], [], []
    for _label, lam, keep_prob in wrap(MODELS, progress):
        net = problem.fit(lam=lam, keep_prob=keep_prob)
        P = net.predict_proba(points).reshape(GRID, GRID)
        P.flags.writeable = False
        probabilities.append(P)
        t, v = problem.losses(net)
        train.append(t)
        validation.append(v)
    return BoundariesResult(
        title="Decision boundaries (2-64-64-1 MLP, 80 noisy points)",
        labels=tuple(label for label, _, _ in MODELS),
        grid=grid,
        probabilities=tuple(probabilities),
        X_train=problem.X_train,
        Y_train=problem.Y_train,
        train=tuple(train),
        validation=tuple(validation),
    )
