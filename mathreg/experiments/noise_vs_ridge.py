r"""Training on noisy inputs against ridge regression with the matching :math:`\lambda = m\sigma^2`.

One data set of ``M`` examples with ``D`` inputs is fixed. "Training with input noise" is
least squares on ``COPIES`` copies of the data, each with fresh Gaussian noise of standard
deviation :math:`\sigma` added to every input: the exact minimiser of the noisy loss averaged
over those draws. By [R6] its expectation over the noise is
:func:`mathreg.numeric.expected_noisy_loss`, :math:`\lVert y - Xw\rVert^2 + m\sigma^2\lVert
w\rVert^2`, so as the number of copies grows the weights approach ridge regression with
:math:`\lambda = m\sigma^2`. Top: the weights for several :math:`\sigma`. Bottom: the distance
to the ridge weights as the number of copies grows, at :math:`\sigma = 0.5`. Each of the
``REPLICATES`` replicates draws its own noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments._linear import (
    REPLICATES,
    band,
    colour,
    column_figure,
    finish,
    legend_below,
    legible,
    mean_sd,
    replicate_generators,
)
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap
from mathreg.numeric import expected_noisy_loss, ridge_fit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

M, D = 30, 4
W_TRUE = np.array([1.5, -1.0, 0.5, 2.0])
SIGMAS = (0.0, 0.1, 0.2, 0.3, 0.5, 0.7, 1.0)
COPIES = 200  # noisy copies of the data for the top panel
COPIES_SWEEP = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
SIGMA_SWEEP = 0.5


def _data() -> tuple[np.ndarray, np.ndarray]:
    """The fixed data set (its own seed: the replicates differ only in the noise)."""
    rng = np.random.default_rng(2014)
    X = rng.standard_normal((M, D))
    return X, X @ W_TRUE + 0.5 * rng.standard_normal(M)


def train_with_noise(
    X: np.ndarray, y: np.ndarray, sigma: float, copies: int, rng: np.random.Generator
) -> tuple[np.ndarray, float]:
    """Least squares on ``copies`` noisy copies of the data; also the noisy loss at the matching
    ridge weights, averaged over the copies (which estimates [R6]'s expectation)."""
    noisy = np.tile(X, (copies, 1)) + sigma * rng.standard_normal((copies * X.shape[0], X.shape[1]))
    targets = np.tile(y, copies)
    w = ridge_fit(noisy, targets, 0.0)  # least squares: the minimiser of the sampled noisy loss
    w_ridge = ridge_fit(X, y, X.shape[0] * sigma**2)
    average_loss = float(np.sum((targets - noisy @ w_ridge) ** 2)) / copies
    return w, average_loss


@dataclass(frozen=True, eq=False)
class NoiseResult:
    """Noise-trained and ridge weights.

    Attributes
    ----------
    title : str
    sigmas : tuple of float
    noisy, ridge : numpy.ndarray
        Shapes (replicates, len(sigmas), D) and (len(sigmas), D): the weights trained on
        ``COPIES`` noisy copies, and ridge's with λ = mσ².
    copies : tuple of int
    distance : numpy.ndarray
        Shape (replicates, len(copies)): ‖w_noise − w_ridge‖ / ‖w_ridge‖ at σ = 0.5.
    average_loss : numpy.ndarray
        Shape (replicates, len(sigmas)): the noisy loss at the ridge weights averaged over the
        copies; ``expected`` is its expectation, :func:`mathreg.numeric.expected_noisy_loss`.
    expected : numpy.ndarray
        Shape (len(sigmas),).
    """

    title: str
    sigmas: tuple[float, ...]
    noisy: np.ndarray
    ridge: np.ndarray
    copies: tuple[int, ...]
    distance: np.ndarray
    average_loss: np.ndarray
    expected: np.ndarray

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result, for an exact comparison of two runs."""
        return [self.noisy, self.ridge, self.distance, self.average_loss, self.expected]

    def table(self) -> str:
        """Per σ: λ = mσ², the distance of the noise-trained weights to ridge's, and the
        averaged noisy loss against its expectation [R6]; then the distance against copies."""
        rows = [("sigma", "lam = m sigma²", "|w_noise - w_ridge| / |w_ridge|", "loss: sampled",
                 "expected [R6]")]  # fmt: skip
        relative = np.linalg.norm(self.noisy - self.ridge, axis=2) / np.linalg.norm(
            self.ridge, axis=1
        )
        for k, sigma in enumerate(self.sigmas):
            rows.append(
                (
                    f"{sigma:g}",
                    f"{M * sigma**2:g}",
                    mean_sd(relative[:, k]),
                    mean_sd(self.average_loss[:, k], 3),
                    f"{self.expected[k]:.3f}",
                )
            )
        sweep = [("copies", f"distance at sigma = {SIGMA_SWEEP}", "x sqrt(copies)")]
        for k, copies in enumerate(self.copies):
            sweep.append(
                (
                    f"{copies}",
                    mean_sd(self.distance[:, k]),
                    f"{np.mean(self.distance[:, k]) * np.sqrt(copies):.3f}",
                )
            )
        return "\n".join(
            [
                format_table(rows),
                f"({COPIES} noisy copies of {M} examples x {D} inputs, {REPLICATES} replicates)",
                "",
                format_table(sweep),
            ]
        )

    @legible
    def figure(self) -> Figure:
        """Weights against σ (ridge lines, noise-trained bands); distance against copies."""
        fig, (top, bottom) = column_figure(2)
        for j in range(D):
            top.plot(self.sigmas, self.ridge[:, j], "-", color=colour(j), lw=1.2)
            band(
                top, self.sigmas, self.noisy[:, :, j], color=colour(j), label=f"w{j + 1}",
                style="", marker="o",
            )  # fmt: skip
        top.plot([], [], "k-", lw=1.2, label="ridge, λ = mσ²")
        top.plot([], [], "ko", ms=4, label=f"trained on {COPIES} noisy copies")
        finish(top, title=self.title, xlabel="σ, the input noise's standard deviation",
               ylabel="weight")  # fmt: skip
        legend_below(top, ncols=3)
        band(
            bottom, self.copies, self.distance, color=colour(0), marker="o",
            label=f"‖w_noise − w_ridge‖ / ‖w_ridge‖, σ = {SIGMA_SWEEP}",
        )  # fmt: skip
        reference = np.mean(self.distance[:, 0]) / np.sqrt(np.asarray(self.copies, dtype=float))
        bottom.plot(self.copies, reference, "k:", lw=1, label="∝ 1/√copies")
        bottom.set_xscale("log")
        bottom.set_yscale("log")
        finish(
            bottom, title="more noisy copies, closer to ridge",
            xlabel="noisy copies of the data (log scale)", ylabel="relative distance",
        )  # fmt: skip
        return fig


def _replicate(rng: np.random.Generator, X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    trained = [train_with_noise(X, y, sigma, COPIES, rng) for sigma in SIGMAS]
    w_ridge = ridge_fit(X, y, M * SIGMA_SWEEP**2)
    distance = [
        np.linalg.norm(train_with_noise(X, y, SIGMA_SWEEP, copies, rng)[0] - w_ridge)
        / np.linalg.norm(w_ridge)
        for copies in COPIES_SWEEP
    ]
    return (
        np.stack([w for w, _ in trained]),
        np.array(distance),
        np.array([loss for _, loss in trained]),
    )


def run(*, seed: int = 0, progress: Progress | None = None) -> NoiseResult:
    """Least squares on noisy inputs approaches ridge with λ = mσ² as the copies grow.

    Parameters
    ----------
    seed : int, optional
        Seeds the noise of the replicates (default 0); the data set is fixed.
    progress : callable, optional
        Wraps the loop over the replicates, e.g. ``tqdm.tqdm``.

    Returns
    -------
    NoiseResult

    Examples
    --------
    >>> result = run(seed=0)
    >>> bool(result.distance[:, -1].max() < 0.05)   # 1000 copies: within 5% of ridge
    True
    """
    seed = check_run_arguments(seed, progress)
    X, y = _data()
    runs = [_replicate(rng, X, y) for rng in wrap(replicate_generators(seed), progress)]
    noisy, distance, average_loss = (np.stack(parts) for parts in zip(*runs, strict=True))
    ridge = np.stack([ridge_fit(X, y, M * sigma**2) for sigma in SIGMAS])
    expected = np.array(
        [expected_noisy_loss(X, y, w, sigma) for w, sigma in zip(ridge, SIGMAS, strict=True)]
    )
    return NoiseResult(
        title=f"Input noise vs ridge, λ = mσ² [R6] ({M} examples)",
        sigmas=SIGMAS,
        noisy=noisy,
        ridge=ridge,
        copies=COPIES_SWEEP,
        distance=distance,
        average_loss=average_loss,
        expected=expected,
    )
