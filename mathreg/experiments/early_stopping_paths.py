r"""Early stopping against ridge: gradient descent stopped at step :math:`\tau` and ridge with
:math:`\lambda = 1/(\tau\varepsilon)` [R10].

``REPLICATES`` data sets of ``M`` examples with ``D`` correlated inputs (correlation
:math:`0.7^{|j-k|}`) are fitted by gradient descent on :math:`\frac12\lVert y - Xw\rVert^2`
from :math:`w = 0` with step :math:`\varepsilon = 0.5/\mu_{\max}`
(:func:`mathreg.numeric.gradient_descent_path`), and by ridge regression with the strength
that [R10] matches to each step, :math:`\lambda = 1/(\tau\varepsilon)`. Top: the two paths for
one data set. Bottom: how far apart they are, relative to the least-squares solution, and the
largest difference between the fractions of :math:`w^*` they keep along one eigenvector,
:math:`1 - (1 - \varepsilon\mu)^\tau` [R8] against :math:`\mu/(\mu + \lambda)` [R3]. The match
is exact only to first order: the fractions agree when :math:`\tau\varepsilon\mu` is small or
large, and differ by about 0.2 in between (up to 0.28 along the top direction, where the step is
large, :math:`\varepsilon\mu = 0.5`).
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
    correlated_inputs,
    finish,
    legend_below,
    legible,
    mean_sd,
    replicate_generators,
)
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap
from mathreg.numeric import gradient_descent_path, ridge_fit, ridge_shrinkage

if TYPE_CHECKING:
    from matplotlib.figure import Figure

M, D = 50, 5
RHO = 0.7
W_TRUE = np.array([1.5, -1.0, 0.8, 0.0, 0.5])
STEP_FRACTION = 0.5  # ε = 0.5 / μ_max: every direction has 0 < εμ < 1
STEPS = 3000
SHOWN = (1, 10, 100, 1000, 3000)
TAUS = tuple(sorted({int(t) for t in np.round(np.logspace(0, np.log10(STEPS), 30))} | set(SHOWN)))


@dataclass(frozen=True, eq=False)
class EarlyStoppingResult:
    """Gradient-descent and matched ridge weights at each τ of ``TAUS``, for every replicate.

    Attributes
    ----------
    title : str
    taus : tuple of int
    lrs : numpy.ndarray
        Shape (replicates,): the step ε of each data set.
    descent, ridge : numpy.ndarray
        Shape (replicates, len(taus), D): :math:`w_\\tau` and ridge's :math:`\\hat w` at
        :math:`\\lambda = 1/(\\tau\\varepsilon)`.
    least_squares : numpy.ndarray
        Shape (replicates, D): :math:`w^*`.
    fraction_gap : numpy.ndarray
        Shape (replicates, len(taus)): the largest difference over the eigen-directions between
        the fractions of :math:`w^*` kept by gradient descent and by ridge.
    """

    title: str
    taus: tuple[int, ...]
    lrs: np.ndarray
    descent: np.ndarray
    ridge: np.ndarray
    least_squares: np.ndarray
    fraction_gap: np.ndarray

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result, for an exact comparison of two runs."""
        return [self.lrs, self.descent, self.ridge, self.least_squares, self.fraction_gap]

    @property
    def distance(self) -> np.ndarray:
        """‖w_τ − ŵ(1/(τε))‖ / ‖w*‖, shape (replicates, len(taus))."""
        return (
            np.linalg.norm(self.descent - self.ridge, axis=2)
            / np.linalg.norm(self.least_squares, axis=1)[:, None]
        )

    def table(self) -> str:
        """At a few τ: the matched λ, the distance between the two solutions and the largest
        difference in the kept fraction (mean ± sd over the data sets)."""
        rows = [("tau", "lam = 1/(tau eps)", "|w_tau - w_ridge| / |w*|", "kept fraction: max diff")]
        for tau in SHOWN:
            k = self.taus.index(tau)
            rows.append(
                (
                    f"{tau}",
                    mean_sd(1 / (tau * self.lrs), 3),
                    mean_sd(self.distance[:, k]),
                    mean_sd(self.fraction_gap[:, k], 3),
                )
            )
        return "\n".join(
            [
                format_table(rows),
                f"largest distance over tau: {mean_sd(self.distance.max(axis=1))}; largest "
                f"kept-fraction difference: {mean_sd(self.fraction_gap.max(axis=1), 3)}",
                f"{REPLICATES} data sets of {M} x {D}, eps = {STEP_FRACTION}/mu_max",
            ]
        )

    @legible
    def figure(self) -> Figure:
        """The two paths for data set 1; their distance and kept-fraction gap over τ."""
        fig, (top, bottom) = column_figure(2)
        for j in range(D):
            top.plot(self.taus, self.descent[0, :, j], "-", color=colour(j), label=f"w{j + 1}")
            top.plot(self.taus, self.ridge[0, :, j], "--", color=colour(j))
        top.plot([], [], "k-", label="gradient descent, step τ")
        top.plot([], [], "k--", label="ridge, λ = 1/(τε)")
        top.set_xscale("log")
        finish(top, title=self.title, xlabel="τ, steps of gradient descent (log scale)",
               ylabel="weight")  # fmt: skip
        legend_below(top, ncols=4)
        band(bottom, self.taus, self.distance, color=colour(0), marker="o",
             label="‖w_τ − ŵ_ridge‖ / ‖w*‖")  # fmt: skip
        band(bottom, self.taus, self.fraction_gap, color=colour(3), marker="s",
             label="largest gap in a kept fraction")  # fmt: skip
        bottom.set_xscale("log")
        finish(bottom, title="early stopping ≈ ridge, to first order",
               xlabel="τ (log scale)", ylabel="difference")  # fmt: skip
        bottom.legend(fontsize="small", loc="upper right")
        return fig


def _compare(rng: np.random.Generator) -> tuple[float, np.ndarray, ...]:
    X = correlated_inputs(M, D, RHO, rng)
    y = X @ W_TRUE + rng.standard_normal(M)
    mu = np.linalg.eigvalsh(X.T @ X)[::-1]
    lr = STEP_FRACTION / mu[0]
    path = gradient_descent_path(X, y, lr, STEPS)
    descent = path[list(TAUS)]
    ridge = np.stack([ridge_fit(X, y, 1 / (tau * lr)) for tau in TAUS])
    kept_by_descent = 1 - (1 - lr * mu[None, :]) ** np.array(TAUS)[:, None]  # [R8]
    kept_by_ridge = np.stack([ridge_shrinkage(X, 1 / (tau * lr)) for tau in TAUS])  # [R3]
    gap = np.max(np.abs(kept_by_descent - kept_by_ridge), axis=1)
    return lr, descent, ridge, ridge_fit(X, y, 0.0), gap


def run(*, seed: int = 0, progress: Progress | None = None) -> EarlyStoppingResult:
    """Early stopping at step τ against ridge with λ = 1/(τε): close, to first order.

    Parameters
    ----------
    seed : int, optional
        Seeds the data sets (default 0).
    progress : callable, optional
        Wraps the loop over the data sets, e.g. ``tqdm.tqdm``.

    Returns
    -------
    EarlyStoppingResult

    Examples
    --------
    >>> result = run(seed=0)
    >>> bool(0.1 < result.fraction_gap.max() < 0.3)   # first order: close, not equal
    True
    """
    seed = check_run_arguments(seed, progress)
    runs = [_compare(rng) for rng in wrap(replicate_generators(seed), progress)]
    lrs, descent, ridge, least_squares, gap = (np.stack(p) for p in zip(*runs, strict=True))
    return EarlyStoppingResult(
        title="Early stopping vs ridge with λ = 1/(τε) [R10]",
        taus=TAUS,
        lrs=lrs,
        descent=descent,
        ridge=ridge,
        least_squares=least_squares,
        fraction_gap=gap,
    )
