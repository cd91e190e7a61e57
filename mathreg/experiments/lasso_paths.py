r"""The lasso against ridge: L1 sets coefficients exactly to zero, L2 only shrinks them.

``REPLICATES`` data sets of ``M`` examples with ``D`` correlated inputs (correlation
:math:`0.5^{|j-k|}`) and a sparse truth (three of eight weights nonzero), :math:`\sigma = 1`,
are fitted by :func:`mathreg.numeric.lasso_fit` (coordinate descent, each update the
soft-threshold [R5]) and :func:`mathreg.numeric.ridge_fit` over a range of penalty strengths.
The lasso's strength is given as a fraction of :math:`\lambda_{\max} = \lVert X^Ty\rVert_\infty`,
from which on its solution is zero; ridge's runs over the same range of shrinkage. The bottom
panel counts the coefficients that are exactly zero.
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
from mathreg.numeric import lasso_fit, ridge_fit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

M, D = 50, 8
RHO = 0.5
NOISE = 1.0
W_TRUE = np.array([3.0, -2.0, 0.0, 0.0, 1.5, 0.0, 0.0, 0.0])
FRACTIONS = tuple(float(x) for x in np.logspace(-3, 0.1, 32))  # λ / λ_max, up to 1.26
RIDGE_LAMS = tuple(float(x) for x in np.logspace(-1, 5, 32))
SHOWN = (0, 10, 20, 25, 31)


@dataclass(frozen=True, eq=False)
class LassoPathsResult:
    """Lasso and ridge coefficients across their penalty strengths, for every replicate.

    Attributes
    ----------
    title : str
    fractions : tuple of float
        The lasso's λ as a fraction of :math:`\\lambda_{\\max} = \\lVert X^Ty\\rVert_\\infty`.
    ridge_lams : tuple of float
    lasso, ridge : numpy.ndarray
        Shape (replicates, strengths, D): the coefficients.
    """

    title: str
    fractions: tuple[float, ...]
    ridge_lams: tuple[float, ...]
    lasso: np.ndarray
    ridge: np.ndarray

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result, for an exact comparison of two runs."""
        return [self.lasso, self.ridge]

    @property
    def lasso_zeros(self) -> np.ndarray:
        """How many lasso coefficients are exactly 0, shape (replicates, strengths)."""
        return np.sum(self.lasso == 0, axis=2)

    @property
    def ridge_zeros(self) -> np.ndarray:
        """How many ridge coefficients are exactly 0, shape (replicates, strengths)."""
        return np.sum(self.ridge == 0, axis=2)

    @property
    def truth_found(self) -> np.ndarray:
        """Whether the lasso's nonzero coefficients are exactly the true ones, per replicate
        and strength."""
        return np.all((self.lasso != 0) == (W_TRUE != 0), axis=2)

    def table(self) -> str:
        """Zeros among the D coefficients (mean ± sd over the data sets) at a few strengths."""
        rows = [("lam / lam_max", "lasso: zeros", "nonzero = the true three")]
        for k in SHOWN:
            rows.append(
                (
                    f"{self.fractions[k]:.3g}",
                    mean_sd(self.lasso_zeros[:, k], 1),
                    f"{int(self.truth_found[:, k].sum())} of {REPLICATES}",
                )
            )
        smallest = float(np.min(np.abs(self.ridge)))
        return "\n".join(
            [
                format_table(rows),
                f"ridge, lam from {self.ridge_lams[0]:g} to {self.ridge_lams[-1]:g}: "
                f"{int(self.ridge_zeros.max())} zeros; its smallest |coefficient| is "
                f"{smallest:.1e}",
                f"{REPLICATES} data sets of {M} x {D}, true weights {W_TRUE.tolist()}",
            ]
        )

    @legible
    def figure(self) -> Figure:
        """Lasso paths, ridge paths (data set 1) and the number of exact zeros."""
        fig, (top, middle, bottom) = column_figure(3, height=3.0)
        for j in range(D):
            top.plot(self.fractions, self.lasso[0, :, j], color=colour(j), label=f"w{j + 1}")
            middle.plot(self.ridge_lams, self.ridge[0, :, j], color=colour(j))
        top.set_xscale("log")
        finish(
            top, title="lasso: ½‖y − Xw‖² + λ‖w‖₁ (one data set)",
            xlabel="λ / λ_max (log scale)", ylabel="coefficient",
        )  # fmt: skip
        top.legend(fontsize="small", ncols=4, loc="lower right")
        middle.set_xscale("log")
        finish(
            middle, title="ridge: ½‖y − Xw‖² + ½λ‖w‖² (same data)",
            xlabel="λ (log scale)", ylabel="coefficient", legend=False,
        )  # fmt: skip
        band(bottom, self.fractions, self.lasso_zeros, color=colour(0), label="lasso", marker="o")
        bottom.axhline(0, color=colour(1), lw=2, label="ridge, at every λ of the middle panel")
        bottom.axhline(np.sum(W_TRUE == 0), color="0.5", ls=":", lw=1, label="zeros in the truth")
        bottom.set_xscale("log")
        finish(
            bottom, title=f"weights exactly 0 ({REPLICATES} data sets)",
            xlabel="λ / λ_max (log scale)", ylabel=f"zeros (of {D})",
        )  # fmt: skip
        bottom.legend(fontsize="small", loc="upper left")
        return fig


def _paths(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    X = correlated_inputs(M, D, RHO, rng)
    y = X @ W_TRUE + NOISE * rng.standard_normal(M)
    lam_max = float(np.max(np.abs(X.T @ y)))  # from here on the lasso's solution is 0
    lasso = np.stack([lasso_fit(X, y, fraction * lam_max) for fraction in FRACTIONS])
    ridge = np.stack([ridge_fit(X, y, lam) for lam in RIDGE_LAMS])
    return lasso, ridge


def run(*, seed: int = 0, progress: Progress | None = None) -> LassoPathsResult:
    """Lasso vs ridge paths: the lasso's coefficients reach exactly zero, ridge's never do.

    Parameters
    ----------
    seed : int, optional
        Seeds the data sets (default 0).
    progress : callable, optional
        Wraps the loop over the data sets, e.g. ``tqdm.tqdm``.

    Returns
    -------
    LassoPathsResult

    Examples
    --------
    >>> result = run(seed=0)
    >>> bool(result.lasso_zeros.max() == 8 and result.ridge_zeros.max() == 0)
    True
    """
    seed = check_run_arguments(seed, progress)
    runs = [_paths(rng) for rng in wrap(replicate_generators(seed), progress)]
    lasso, ridge = (np.stack(parts) for parts in zip(*runs, strict=True))
    return LassoPathsResult(
        title="Lasso vs ridge",
        fractions=FRACTIONS,
        ridge_lams=RIDGE_LAMS,
        lasso=lasso,
        ridge=ridge,
    )
