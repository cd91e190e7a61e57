r"""Inverted dropout on a linear model's inputs: the average over masks, and training with it.

One data set of ``M`` examples with ``D`` inputs of very different scales is fixed. Top: the
squared error :math:`\lVert y - (R\circ X/p)w\rVert^2` at fixed weights, averaged over more and
more random masks :math:`R` (``keep_prob`` :math:`p = 0.5`), converges to
:func:`mathreg.numeric.expected_dropout_loss` [R7]; the dotted funnel is two standard errors.
Bottom: gradient descent with a fresh mask at every step (dropout training, ``STEPS`` steps,
the iterates of the second half averaged) against the minimiser of [R7]'s expected loss, the
*adaptive* ridge solution :math:`(X^TX + \frac{1-p}{p}\operatorname{diag}(X^TX))^{-1}X^Ty`,
which is ridge regression with :math:`\lambda = (1-p)/p` on the inputs scaled to unit column
norm (:func:`mathreg.numeric.ridge_fit`); and against plain ridge with the same average
penalty, which shrinks every weight alike. Each replicate draws its own masks.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments._linear import (
    REPLICATES,
    colour,
    column_figure,
    finish,
    legible,
    mean_sd,
    replicate_generators,
)
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap
from mathreg.numeric import expected_dropout_loss, ridge_fit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

M, D = 40, 4
SCALES = np.array([0.25, 1.0, 2.0, 4.0])  # the inputs' standard deviations
W_TRUE = np.array([4.0, 1.0, 0.5, 0.25])  # every input contributes about the same
KEEP_PROB = 0.5
MASKS = 10_000  # for the Monte Carlo average
CHECKPOINTS = (10, 30, 100, 300, 1000, 3000, 10_000)
STEPS = 10_000  # of dropout training


def _data() -> tuple[np.ndarray, np.ndarray]:
    """The fixed data set (its own seed: the replicates differ only in the masks)."""
    rng = np.random.default_rng(2013)
    X = rng.standard_normal((M, D)) * SCALES
    return X, X @ W_TRUE + 0.5 * rng.standard_normal(M)


def adaptive_ridge(X: np.ndarray, y: np.ndarray, keep_prob: float) -> np.ndarray:
    """The minimiser of [R7]'s expected loss: ridge with λ = (1 − p)/p on unit-norm columns."""
    norms = np.linalg.norm(X, axis=0)  # ‖x⁽ʲ⁾‖
    return ridge_fit(X / norms, y, (1 - keep_prob) / keep_prob) / norms


def dropout_training(
    X: np.ndarray, y: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> np.ndarray:
    """Gradient descent on ½‖y − (R∘X/p)w‖² with a fresh mask R every step; the average of the
    second half of the iterates (which removes most of the steps' noise)."""
    lr = 0.2 * keep_prob / np.linalg.norm(X, 2) ** 2
    w, total = np.zeros(X.shape[1]), np.zeros(X.shape[1])
    for step in range(STEPS):
        dropped = X * (rng.random(X.shape) < keep_prob) / keep_prob  # inverted dropout
        w = w - lr * dropped.T @ (dropped @ w - y)
        if step >= STEPS // 2:
            total += w
    return total / (STEPS - STEPS // 2)


@dataclass(frozen=True, eq=False)
class MasksResult:
    """The running Monte Carlo averages, and the weights of each training method.

    Attributes
    ----------
    title : str
    expected : float
        [R7] at the least-squares weights.
    running : numpy.ndarray
        Shape (replicates, MASKS): the average squared error over the first 1, 2, … masks.
    spread : numpy.ndarray
        Shape (replicates,): the standard deviation of the squared error over the masks.
    trained : numpy.ndarray
        Shape (replicates, D): dropout-trained weights.
    adaptive, plain, least_squares : numpy.ndarray
        Shape (D,): the adaptive ridge solution, plain ridge with the same average penalty, and
        least squares.
    """

    title: str
    expected: float
    running: np.ndarray
    spread: np.ndarray
    trained: np.ndarray
    adaptive: np.ndarray
    plain: np.ndarray
    least_squares: np.ndarray

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result, for an exact comparison of two runs."""
        return [self.running, self.spread, self.trained, self.adaptive, self.plain]

    @property
    def relative_distance(self) -> np.ndarray:
        """‖w_dropout − w_adaptive‖ / ‖w_adaptive‖, per replicate."""
        return np.linalg.norm(self.trained - self.adaptive, axis=1) / np.linalg.norm(self.adaptive)

    def table(self) -> str:
        """The Monte Carlo average at the checkpoints, then the weights."""
        rows = [("masks", "average loss", "- expected [R7]", "in standard errors")]
        for n in CHECKPOINTS:
            average = self.running[:, n - 1]
            z = (average - self.expected) / (self.spread / np.sqrt(n))
            rows.append(
                (f"{n}", mean_sd(average, 2), mean_sd(average - self.expected, 2),
                 f"max {np.max(np.abs(z)):.1f}")
            )  # fmt: skip
        weights = [("weight", "input scale", "least squares", "dropout-trained", "adaptive [R7]",
                    "plain ridge")]  # fmt: skip
        for j in range(D):
            weights.append(
                (
                    f"w{j + 1}",
                    f"{SCALES[j]:g}",
                    f"{self.least_squares[j]:.4f}",
                    mean_sd(self.trained[:, j]),
                    f"{self.adaptive[j]:.4f}",
                    f"{self.plain[j]:.4f}",
                )
            )
        return "\n".join(
            [
                f"expected_dropout_loss at the least-squares weights, keep_prob = {KEEP_PROB}: "
                f"{self.expected:.2f}",
                format_table(rows),
                "",
                format_table(weights),
                f"|w_dropout - w_adaptive| / |w_adaptive|: {mean_sd(self.relative_distance)} "
                f"({STEPS} steps, {REPLICATES} replicates)",
            ]
        )

    @legible
    def figure(self) -> Figure:
        """The running average against the number of masks; the weights of each method."""
        fig, (top, bottom) = column_figure(2)
        n = np.arange(1, self.running.shape[1] + 1)
        for r, running in enumerate(self.running):
            label = "average over the masks (one line per replicate)" if r == 0 else None
            top.plot(n, running, color=colour(0), lw=0.8, alpha=0.7, label=label)
        top.axhline(self.expected, color="k", lw=1.2, label="expected_dropout_loss [R7]")
        funnel = 2 * np.mean(self.spread) / np.sqrt(n)
        top.plot(n, self.expected + funnel, "k:", lw=1, label="± 2 standard errors")
        top.plot(n, self.expected - funnel, "k:", lw=1)
        top.set_xscale("log")
        top.set_ylim(self.expected - 4 * np.mean(self.spread) / np.sqrt(10),
                     self.expected + 4 * np.mean(self.spread) / np.sqrt(10))  # fmt: skip
        finish(top, title=self.title, xlabel="number of masks (log scale)",
               ylabel="‖y − (R∘X/p)w‖²")  # fmt: skip
        x = np.arange(D)
        bottom.bar(x - 0.3, self.least_squares, 0.2, color="0.75", label="least squares")
        bottom.bar(x - 0.1, self.adaptive, 0.2, color=colour(0), label="adaptive ridge [R7]")
        bottom.errorbar(
            x - 0.1, self.trained.mean(axis=0),
            yerr=[self.trained.mean(axis=0) - self.trained.min(axis=0),
                  self.trained.max(axis=0) - self.trained.mean(axis=0)],
            fmt="o", color="k", ms=4, capsize=3, label="dropout-trained (range)",
        )  # fmt: skip
        bottom.bar(
            x + 0.1, self.plain, 0.2, color=colour(1), label="plain ridge, same mean penalty"
        )
        bottom.set_xticks(x, [f"w{j + 1}\ninput sd {s:g}" for j, s in enumerate(SCALES)])
        finish(bottom, title=f"weights after dropout training, keep_prob = {KEEP_PROB}",
               xlabel="", ylabel="weight")  # fmt: skip
        return fig


def run(*, seed: int = 0, progress: Progress | None = None) -> MasksResult:
    """Input dropout on a linear model: the average over masks is [R7]; training finds its minimum.

    Parameters
    ----------
    seed : int, optional
        Seeds the masks of the replicates (default 0); the data set is fixed.
    progress : callable, optional
        Wraps the loop over the replicates, e.g. ``tqdm.tqdm``.

    Returns
    -------
    MasksResult

    Examples
    --------
    >>> result = run(seed=0)
    >>> bool(result.relative_distance.max() < 0.02)   # dropout training ≈ adaptive ridge
    True
    """
    seed = check_run_arguments(seed, progress)
    X, y = _data()
    w = ridge_fit(X, y, 0.0)
    running, spread, trained = [], [], []
    for rng in wrap(replicate_generators(seed), progress):
        masks = rng.random((MASKS, M, D)) < KEEP_PROB
        losses = np.sum((y - (masks * X / KEEP_PROB) @ w) ** 2, axis=1)
        running.append(np.cumsum(losses) / np.arange(1, MASKS + 1))
        spread.append(losses.std())
        trained.append(dropout_training(X, y, KEEP_PROB, rng))
    penalty = (1 - KEEP_PROB) / KEEP_PROB
    return MasksResult(
        title=f"Averaging over dropout masks [R7], keep_prob = {KEEP_PROB}",
        expected=expected_dropout_loss(X, y, w, KEEP_PROB),
        running=np.stack(running),
        spread=np.array(spread),
        trained=np.stack(trained),
        adaptive=adaptive_ridge(X, y, KEEP_PROB),
        plain=ridge_fit(X, y, penalty * np.mean(np.sum(X**2, axis=0))),
        least_squares=w,
    )
