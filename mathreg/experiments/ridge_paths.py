r"""Ridge regression [R2]–[R3]: the coefficient paths, and the shrinkage per eigen-direction.

``REPLICATES`` data sets of ``M`` examples with ``D`` correlated inputs (correlation
:math:`0.8^{|j-k|}`, so that the eigenvalues of :math:`X^TX` spread over two orders of
magnitude) and :math:`y = Xw_{\text{true}} + \varepsilon`, :math:`\sigma = 1`, are fitted by
:func:`mathreg.numeric.ridge_fit` for :math:`\lambda` from :math:`10^{-2}` to :math:`10^4`.
The top panel shows the coefficients shrinking to zero as :math:`\lambda` grows, and their
spread across data sets shrinking with them (less variance). The bottom panel measures the
fraction of the least-squares solution that ridge keeps along each eigenvector of
:math:`X^TX`, :math:`(Q^T\hat w_\lambda)_i / (Q^T\hat w_0)_i`, against the proved
:math:`\mu_i/(\mu_i + \lambda)` of :func:`mathreg.numeric.ridge_shrinkage`.
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
    legible,
    mean_sd,
    replicate_generators,
)
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap
from mathreg.numeric import ridge_fit, ridge_shrinkage

if TYPE_CHECKING:
    from matplotlib.figure import Figure

M, D = 40, 6
RHO = 0.8
NOISE = 1.0
W_TRUE = np.array([2.0, -1.5, 1.0, 0.5, -0.5, 0.25])
LAMS = tuple(float(x) for x in np.logspace(-2, 4, 25))
SHOWN = (0, 12, 18, 24)  # the rows of the table: λ = 0.01, 10, 316, 10⁴


@dataclass(frozen=True, eq=False)
class RidgePathsResult:
    """Ridge coefficients and shrinkage factors across λ, for every replicate.

    Attributes
    ----------
    title : str
    lams : tuple of float
    coefficients : numpy.ndarray
        Shape (replicates, len(lams), D): :math:`\\hat w_\\lambda`.
    factors : numpy.ndarray
        Shape (replicates, len(lams), D): :math:`\\mu_i/(\\mu_i + \\lambda)`, largest
        eigenvalue first, from :func:`mathreg.numeric.ridge_shrinkage`.
    measured : numpy.ndarray
        Shape (replicates, len(lams), D): :math:`(Q^T\\hat w_\\lambda)_i / (Q^T\\hat w_0)_i`.
    eigenvalues : numpy.ndarray
        Shape (replicates, D): the eigenvalues of :math:`X^TX`, largest first.
    """

    title: str
    lams: tuple[float, ...]
    coefficients: np.ndarray
    factors: np.ndarray
    measured: np.ndarray
    eigenvalues: np.ndarray

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result, for an exact comparison of two runs."""
        return [self.coefficients, self.factors, self.measured, self.eigenvalues]

    @property
    def effective_parameters(self) -> np.ndarray:
        """:math:`\\sum_i \\mu_i/(\\mu_i + \\lambda)`, shape (replicates, len(lams))."""
        return self.factors.sum(axis=2)

    @property
    def largest_mismatch(self) -> float:
        """The largest |measured − proved| shrinkage factor over every direction and λ."""
        return float(np.max(np.abs(self.measured - self.factors)))

    def table(self) -> str:
        """At a few λ: the norm of ŵ, the effective number of parameters, and each direction's
        factor (mean ± sd over the data sets)."""
        rows = [("lam", "||w||", "effective parameters", "factor, largest mu", "smallest mu")]
        norms = np.linalg.norm(self.coefficients, axis=2)
        for k in SHOWN:
            rows.append(
                (
                    f"{self.lams[k]:.3g}",
                    mean_sd(norms[:, k], 3),
                    mean_sd(self.effective_parameters[:, k], 3),
                    mean_sd(self.factors[:, k, 0], 3),
                    mean_sd(self.factors[:, k, -1], 3),
                )
            )
        mu = self.eigenvalues
        return "\n".join(
            [
                format_table(rows),
                f"eigenvalues of XᵀX: largest {mean_sd(mu[:, 0], 1)}, smallest "
                f"{mean_sd(mu[:, -1], 2)} ({REPLICATES} data sets of {M} x {D})",
                f"measured (Qᵀŵ)ᵢ/(Qᵀw*)ᵢ vs proved μᵢ/(μᵢ + λ): largest difference "
                f"{self.largest_mismatch:.1e}",
            ]
        )

    @legible
    def figure(self) -> Figure:
        """Coefficient paths against λ, and the shrinkage factor of each eigen-direction."""
        fig, (top, bottom) = column_figure(2)
        for j in range(D):
            band(top, self.lams, self.coefficients[:, :, j], color=colour(j), label=f"w{j + 1}")
            top.axhline(W_TRUE[j], color=colour(j), lw=0.8, ls=":")
        top.set_xscale("log")
        finish(top, title=self.title, xlabel="λ (log scale)", ylabel="coefficient")
        top.legend(fontsize="small", ncols=3, loc="upper right")
        for i in range(D):
            band(bottom, self.lams, self.factors[:, :, i], color=colour(i), label=None)
            bottom.plot(
                self.lams[::3], self.measured[0, ::3, i], "o", color=colour(i), ms=4, mfc="none"
            )
        bottom.plot([], [], "k-", label="μᵢ/(μᵢ + λ), one colour per eigenvalue")
        bottom.plot([], [], "ko", mfc="none", ms=4, label="measured on ŵ (data set 1)")
        bottom.set_xscale("log")
        finish(
            bottom, title="fraction kept per eigenvector: μᵢ/(μᵢ + λ) [R3]",
            xlabel="λ (log scale)", ylabel="μᵢ / (μᵢ + λ)",
        )  # fmt: skip
        bottom.legend(fontsize="small", loc="lower left")
        return fig


def _paths(rng: np.random.Generator) -> tuple[np.ndarray, ...]:
    """One data set: coefficients, proved factors, measured factors, eigenvalues."""
    X = correlated_inputs(M, D, RHO, rng)
    y = X @ W_TRUE + NOISE * rng.standard_normal(M)
    mu, Q = np.linalg.eigh(X.T @ X)
    mu, Q = mu[::-1], Q[:, ::-1]  # largest eigenvalue first, as ridge_shrinkage orders them
    along = Q.T @ ridge_fit(X, y, 0.0)  # the least-squares solution, per eigen-direction
    coefficients = np.stack([ridge_fit(X, y, lam) for lam in LAMS])
    factors = np.stack([ridge_shrinkage(X, lam) for lam in LAMS])
    return coefficients, factors, (coefficients @ Q) / along, mu


def run(*, seed: int = 0, progress: Progress | None = None) -> RidgePathsResult:
    """Ridge coefficient paths against λ, and the shrinkage μ/(μ + λ) per eigen-direction.

    Parameters
    ----------
    seed : int, optional
        Seeds the data sets (default 0).
    progress : callable, optional
        Wraps the loop over the data sets, e.g. ``tqdm.tqdm``.

    Returns
    -------
    RidgePathsResult

    Examples
    --------
    >>> result = run(seed=0)
    >>> result.largest_mismatch < 1e-8      # ridge_fit shrinks each direction as proved
    True
    """
    seed = check_run_arguments(seed, progress)
    runs = [_paths(rng) for rng in wrap(replicate_generators(seed), progress)]
    coefficients, factors, measured, mu = (np.stack(parts) for parts in zip(*runs, strict=True))
    return RidgePathsResult(
        title=f"Ridge paths [R2]: {REPLICATES} data sets, {D} correlated inputs",
        lams=LAMS,
        coefficients=coefficients,
        factors=factors,
        measured=measured,
        eigenvalues=mu,
    )
