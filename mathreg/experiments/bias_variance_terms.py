r"""The bias–variance decomposition [R1], measured: noise + bias² + variance = test error.

A polynomial is fitted by ridge regression (:func:`mathreg.numeric.ridge_fit`) to each of
``FITS`` independent training sets of ``N_TRAIN`` points :math:`y = \sin(\pi x) + \varepsilon`,
:math:`\sigma = 0.3`, and evaluated at ``N_TEST`` evenly spaced test inputs, each with a fresh
noisy label. :func:`mathreg.numeric.bias_variance_decomposition` turns the fits into noise,
squared bias and variance, next to the measured test error, across the penalty strength
:math:`\lambda` (degree 9) and across the degree (:math:`\lambda = 10^{-4}`). The sum of the
three terms differs from the test error only by the sample's cross term, whose expectation
[R1] proves to be zero; the table gives it in units of its standard error. The whole
experiment is repeated on ``REPLICATES`` independent sets of training sets and test labels.
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
from mathreg.numeric import bias_variance_decomposition, ridge_fit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

N_TRAIN = 20
N_TEST = 50
FITS = 200  # training sets per replicate
NOISE = 0.3
DEGREE = 9  # for the sweep over λ
LAM_FOR_DEGREES = 1e-4  # for the sweep over the degree
LAMS = tuple(float(f"{x:.1g}") for x in np.logspace(-4, 2, 13))
DEGREES = tuple(range(1, 13))
TERMS = ("bias_squared", "variance", "noise", "test_error")


def truth(x: np.ndarray) -> np.ndarray:
    """The function behind the data, :math:`f(x) = \\sin(\\pi x)`."""
    return np.sin(np.pi * x)


def _features(x: np.ndarray, degree: int) -> np.ndarray:
    # Legendre polynomials P_0..P_degree: the monomials' models, better conditioned
    return np.polynomial.legendre.legvander(x, degree)


@dataclass(frozen=True, eq=False)
class TermsResult:
    """The decomposition at every setting of both sweeps, for every replicate.

    Attributes
    ----------
    title : str
    lams, degrees : tuple
        The swept values.
    by_lam, by_degree : numpy.ndarray
        Shape (replicates, settings, 5): bias², variance, noise, test error, and the standard
        error of the cross term (the Monte Carlo accuracy of test error = sum).
    """

    title: str
    lams: tuple[float, ...]
    degrees: tuple[int, ...]
    by_lam: np.ndarray
    by_degree: np.ndarray

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result, for an exact comparison of two runs."""
        return [self.by_lam, self.by_degree]

    @staticmethod
    def _discrepancy(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        total = values[..., 0] + values[..., 1] + values[..., 2]
        discrepancy = values[..., 3] - total
        return discrepancy, discrepancy / values[..., 4]

    @property
    def worst_z(self) -> float:
        """The largest |test error − sum| in standard errors, over every setting and replicate."""
        z = [self._discrepancy(v)[1] for v in (self.by_lam, self.by_degree)]
        return float(max(np.max(np.abs(zs)) for zs in z))

    @property
    def worst_relative(self) -> float:
        """The largest |test error − sum| relative to the test error."""
        return float(
            max(
                np.max(np.abs(self._discrepancy(v)[0]) / v[..., 3])
                for v in (self.by_lam, self.by_degree)
            )
        )

    def table(self) -> str:
        """Per setting: the terms and the test error (means over the replicates), and the
        discrepancy test error − sum (mean ± sd) with its largest size in standard errors."""
        header = ("bias²", "variance", "noise", "sum", "test error", "test − sum", "max |z|")
        lines = []
        for label, values, settings in (
            ("lam (degree 9)", self.by_lam, self.lams),
            ("degree (lam = 1e-4)", self.by_degree, self.degrees),
        ):
            rows = [(label, *header)]
            discrepancy, z = self._discrepancy(values)
            for k, setting in enumerate(settings):
                mean = values[:, k, :4].mean(axis=0)
                rows.append(
                    (
                        f"{setting:g}",
                        *(f"{x:.4f}" for x in mean[:3]),
                        f"{mean[:3].sum():.4f}",
                        f"{mean[3]:.4f}",
                        mean_sd(discrepancy[:, k]),
                        f"{np.max(np.abs(z[:, k])):.1f}",
                    )
                )
            lines += [format_table(rows), ""]
        lines.append(
            f"{REPLICATES} replicates of {FITS} training sets x {N_TEST} test inputs; "
            f"|test error - sum| is at most {self.worst_z:.1f} standard errors "
            f"({100 * self.worst_relative:.2f}% of the test error)"
        )
        return "\n".join(lines)

    @legible
    def figure(self) -> Figure:
        """Bias², variance, noise, their sum and the measured test error, against λ and
        against the degree; bands are the range over the replicates."""
        fig, axes = column_figure(2)
        for ax, values, settings, xlabel, scale in (
            (axes[0], self.by_lam, self.lams, "λ (degree 9, log scale)", "log"),
            (axes[1], self.by_degree, self.degrees, "degree (λ = 10⁻⁴)", "linear"),
        ):
            for index, (name, color) in enumerate(
                (("bias²", colour(0)), ("variance", colour(1)), ("noise σ²", colour(3)))
            ):
                band(ax, settings, values[:, :, index], color=color, label=name)
            total = values[:, :, 0] + values[:, :, 1] + values[:, :, 2]
            band(ax, settings, total, color="k", label="bias² + variance + noise", style="--")
            ax.plot(
                settings, values[:, :, 3].mean(axis=0), "o", color=colour(2), ms=5, mfc="none",
                label="measured test error",
            )  # fmt: skip
            ax.set_xscale(scale)
            ax.set_yscale("log")
            finish(ax, title="", xlabel=xlabel, ylabel="squared error")
        legend_below(axes[0])
        axes[0].set_title(self.title, fontsize="medium")
        axes[1].set_title(f"[R1] against the degree, λ = {LAM_FOR_DEGREES:g}", fontsize="medium")
        axes[1].get_legend().remove()
        return fig


def _decompose(rng: np.random.Generator, settings: list[tuple[int, float]]) -> np.ndarray:
    """One replicate: the terms and the cross term's standard error at each (degree, λ)."""
    x_train = rng.uniform(-1.0, 1.0, (FITS, N_TRAIN))
    y_train = truth(x_train) + NOISE * rng.standard_normal((FITS, N_TRAIN))
    x_test = np.linspace(-1.0, 1.0, N_TEST)
    f = truth(x_test)
    y_test = f + NOISE * rng.standard_normal((FITS, N_TEST))  # independent of the fits
    out = np.empty((len(settings), 5))
    for s, (degree, lam) in enumerate(settings):
        test_features = _features(x_test, degree)
        predictions = np.stack(
            [
                test_features @ ridge_fit(_features(x, degree), y, lam)
                for x, y in zip(x_train, y_train, strict=True)
            ]
        )
        terms = bias_variance_decomposition(predictions, f, y_test)
        cross = 2 * (y_test - f) * (f - predictions)  # what makes test error and sum differ
        standard_error = cross.std() / np.sqrt(cross.size)
        out[s] = [*(getattr(terms, name) for name in TERMS), standard_error]
    return out


def run(*, seed: int = 0, progress: Progress | None = None) -> TermsResult:
    """Bias², variance and noise add up to the measured test error, across λ and degree.

    Parameters
    ----------
    seed : int, optional
        Seeds the replicates (default 0).
    progress : callable, optional
        Wraps the loop over the replicates, e.g. ``tqdm.tqdm``.

    Returns
    -------
    TermsResult

    Examples
    --------
    >>> result = run(seed=0)
    >>> result.worst_z < 4                  # test error = sum, to Monte Carlo accuracy
    True
    """
    seed = check_run_arguments(seed, progress)
    settings = [(DEGREE, lam) for lam in LAMS] + [(deg, LAM_FOR_DEGREES) for deg in DEGREES]
    runs = [_decompose(rng, settings) for rng in wrap(replicate_generators(seed), progress)]
    values = np.stack(runs)
    return TermsResult(
        title=f"[R1] against λ: {FITS} fits of {N_TRAIN} points, degree {DEGREE}",
        lams=LAMS,
        degrees=DEGREES,
        by_lam=values[:, : len(LAMS)],
        by_degree=values[:, len(LAMS) :],
    )
