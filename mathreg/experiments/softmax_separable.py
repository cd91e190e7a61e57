r"""Softmax regression on separable data: without L2 the weights grow forever; with it, not.

Thirty points of three overlapping Gaussian classes in 20 dimensions (ten per class) are
linearly separable by chance, although the classes overlap. A linear softmax classifier
:math:`Z = WX + b` is trained by full-batch gradient descent on the mean cross-entropy, whose
gradient in the logits is :math:`(P - Y)/m` ([R16]), plus the L2 penalty
:math:`\frac{\lambda}{2m}\lVert W\rVert_F^2`. On separable data :math:`P - Y` never vanishes
while the training points are classified with finite confidence: for :math:`\lambda = 0` the
loss has no minimiser, and gradient descent keeps growing :math:`\lVert W\rVert_F` (slowly, like
the logarithm of the number of steps) and grows more confident, also on new points it gets
wrong. With :math:`\lambda > 0` the norm levels off. Repeated for :data:`N_SEEDS` data sets;
the validation set has 3000 points.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments._data import child_generators
from mathreg.experiments._plotting import panels
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap
from mathreg.experiments._spread import draw_band, mean_and_range
from mathreg.numeric import softmax_cross_entropy_gradient, softmax_cross_entropy_with_logits

if TYPE_CHECKING:
    from matplotlib.figure import Figure

K = 3  # classes
D = 20  # features
N_PER_CLASS = 10
N_VALIDATION = 3000
SEPARATION = 2.0  # distance of each class mean from the origin, in noise standard deviations
LAMS = (0.0, 0.3, 3.0)
LR = 1.0
N_STEPS = 2000
CHECKPOINTS = (10, 30, 100, 300, 1000, 2000)
N_SEEDS = 5


def blobs(n: int, means: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points per class around ``means`` (K, D), unit noise: X (D, K n), labels (K n,)."""
    labels = np.repeat(np.arange(means.shape[0]), n)
    X = means[labels].T + rng.standard_normal((means.shape[1], labels.size))
    return X, labels


def fit(X, labels, lam, *, record=None):
    """Gradient descent on the L2-regularized mean cross-entropy; ``record(step, W, b)`` at
    each checkpoint."""
    m = X.shape[1]
    W, b = np.zeros((K, X.shape[0])), np.zeros((K, 1))
    for step in range(1, N_STEPS + 1):
        dZ = softmax_cross_entropy_gradient(labels, W @ X + b)  # (P - Y) / m, [R16]
        W = W - LR * (dZ @ X.T + (lam / m) * W)
        b = b - LR * dZ.sum(axis=1, keepdims=True)
        if record is not None and step in CHECKPOINTS:
            record(step, W, b)
    return W, b


@dataclass(frozen=True, eq=False)
class SeparableResult:
    """Weight norm and losses at each checkpoint, per λ and seed.

    Attributes
    ----------
    title : str
    lams : tuple of float
    steps : tuple of int
        The checkpoints.
    norm, train, validation : numpy.ndarray
        Shape (len(lams), len(steps), seeds): :math:`\\lVert W\\rVert_F`, and the mean
        cross-entropy on the training and the validation points.
    """

    title: str
    lams: tuple[float, ...]
    steps: tuple[int, ...]
    norm: np.ndarray
    train: np.ndarray
    validation: np.ndarray

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result (for exact comparison of two runs)."""
        return [self.norm, self.train, self.validation]

    def table(self) -> str:
        """Norm and losses per λ and checkpoint, mean [lowest, highest] over the seeds."""
        rows = [("lam", "step", "||W||_F", "train CE", "validation CE")]
        for i, lam in enumerate(self.lams):
            for j, step in enumerate(self.steps):
                rows.append((f"{lam:g}", str(step), mean_and_range(self.norm[i, j]),
                             mean_and_range(self.train[i, j]),
                             mean_and_range(self.validation[i, j])))  # fmt: skip
        return format_table(rows) + (
            f"\nmean [lowest, highest] over {self.norm.shape[-1]} data sets of "
            f"{K * N_PER_CLASS} points"
        )

    def figure(self) -> Figure:
        """‖W‖_F and the validation cross-entropy against the number of steps, per λ."""
        return panels(self._draw, 2, (9.6, 3.8), self.title)

    def narrow_figure(self) -> Figure:
        """The same panels one above the other, for a phone's column."""
        return panels(self._draw, 2, (4.8, 7.4), self.title, stacked=True)

    def _draw(self, axes) -> None:
        ax_norm, ax_val = axes
        x = np.asarray(self.steps)
        for i, lam in enumerate(self.lams):
            draw_band(ax_norm, x, self.norm[i], color=f"C{i}", label=f"λ = {lam:g}")
            draw_band(ax_val, x, self.validation[i], color=f"C{i}", label=f"λ = {lam:g}")
        ax_norm.set(xscale="log", xlabel="gradient-descent steps (log scale)", ylabel="‖W‖_F",
                    title="Weight norm")  # fmt: skip
        ax_val.set(xscale="log", xlabel="gradient-descent steps (log scale)",
                   ylabel="validation cross-entropy", title="Validation loss")  # fmt: skip
        for ax in (ax_norm, ax_val):
            ax.legend(fontsize="small")
            ax.grid(True, which="major", alpha=0.3)


def run(*, seed: int = 0, progress: Progress | None = None) -> SeparableResult:
    """Softmax regression on separable data: weight norm and validation loss, with/without L2.

    Parameters
    ----------
    seed : int, optional
        Seeds the data sets (default 0).
    progress : callable, optional
        Wraps the sweep over λ, e.g. ``tqdm.tqdm``.

    Returns
    -------
    SeparableResult
    """
    seed = check_run_arguments(seed, progress)
    data = []
    for data_seed in child_generators(seed, N_SEEDS):
        rng = np.random.default_rng(data_seed)
        directions = rng.standard_normal((K, D))
        means = SEPARATION * directions / np.linalg.norm(directions, axis=1, keepdims=True)
        data.append((*blobs(N_PER_CLASS, means, rng), *blobs(N_VALIDATION // K, means, rng)))
    shape = (len(LAMS), len(CHECKPOINTS), N_SEEDS)
    norm, train, validation = np.empty(shape), np.empty(shape), np.empty(shape)
    for i, lam in enumerate(wrap(LAMS, progress)):
        for s, (X, labels, X_val, labels_val) in enumerate(data):

            def record(step, W, b, i=i, s=s, X=X, labels=labels, X_val=X_val, lv=labels_val):
                j = CHECKPOINTS.index(step)
                norm[i, j, s] = np.linalg.norm(W)
                train[i, j, s] = softmax_cross_entropy_with_logits(labels, W @ X + b)
                validation[i, j, s] = softmax_cross_entropy_with_logits(lv, W @ X_val + b)

            fit(X, labels, lam, record=record)
    for array in (norm, train, validation):
        array.flags.writeable = False
    return SeparableResult(
        title=f"Softmax regression, {K} classes, {K * N_PER_CLASS} points in {D} dimensions",
        lams=LAMS,
        steps=CHECKPOINTS,
        norm=norm,
        train=train,
        validation=validation,
    )
