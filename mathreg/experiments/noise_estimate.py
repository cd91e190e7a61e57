r"""What the maximum-likelihood noise variance [R15] says about a fit, as capacity grows.

Thirty points :math:`y = \sin(\pi x) + \varepsilon`, :math:`\varepsilon \sim \mathcal N(0,
\sigma^2)` with :math:`\sigma = 0.3` (the capacity experiment's data, twice as many points),
are fitted by least squares, which by [R14] is maximum likelihood under that noise, with
polynomials of degree 0 to 14, for :data:`N_SEEDS` draws of the data. For each fit: the
maximum-likelihood noise variance :math:`\hat\sigma^2 = S/n` ([R15], ``noise_variance(y,
y_hat)``), the estimate :math:`S/(n - p)` that divides by the :math:`n - p` degrees of freedom
left after fitting :math:`p` = degree + 1 coefficients, and the mean squared error on 500 new
points. The true :math:`\sigma^2 = 0.09` is known here, so each can be judged.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments._data import child_generators, noisy_sine
from mathreg.experiments._plotting import new_figure
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap
from mathreg.experiments._spread import draw_band, mean_and_range
from mathreg.numeric import mean_squared_error, noise_variance

if TYPE_CHECKING:
    from matplotlib.figure import Figure

N_TRAIN = 30
N_VALIDATION = 500
NOISE = 0.3
DEGREES = tuple(range(15))
N_SEEDS = 30


@dataclass(frozen=True, eq=False)
class NoiseResult:
    """Noise-variance estimates and validation error per degree, one column per seed.

    Attributes
    ----------
    title : str
    degrees : tuple of int
    ml, unbiased, validation : numpy.ndarray
        Shape (len(degrees), seeds): :math:`S/n`, :math:`S/(n - p)` and the validation MSE.
    true_variance : float
        :math:`\\sigma^2` of the noise that made the data.
    """

    title: str
    degrees: tuple[int, ...]
    ml: np.ndarray
    unbiased: np.ndarray
    validation: np.ndarray
    true_variance: float

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result (for exact comparison of two runs)."""
        return [self.ml, self.unbiased, self.validation]

    @property
    def best(self) -> int:
        """The degree with the lowest mean validation error."""
        return self.degrees[int(np.argmin(self.validation.mean(axis=1)))]

    def table(self) -> str:
        """Mean [lowest, highest] over the seeds of each estimate, per degree."""
        rows = [("degree", "S/n (ML, [R15])", "S/(n - p)", "validation MSE")]
        rows += [
            (str(d), *(mean_and_range(a[i]) for a in (self.ml, self.unbiased, self.validation)))
            for i, d in enumerate(self.degrees)
        ]
        i = self.degrees.index(self.best)
        return "\n".join(
            [
                format_table(rows),
                f"true noise variance {self.true_variance:g}; lowest mean validation MSE at "
                f"degree {self.best}, where S/n averages {self.ml[i].mean():.4f} and "
                f"S/(n - p) {self.unbiased[i].mean():.4f}",
                f"mean [lowest, highest] over {self.ml.shape[1]} draws of {N_TRAIN} points",
            ]
        )

    def figure(self) -> Figure:
        """The three estimates against the degree, with the true variance."""
        fig, (ax,) = new_figure()
        x = np.asarray(self.degrees)
        draw_band(ax, x, self.validation, color="C1", label="validation MSE", marker="s")
        draw_band(ax, x, self.unbiased, color="C2", label="S/(n − p)", marker="^")
        draw_band(ax, x, self.ml, color="C0", label="S/n, maximum likelihood [R15]")
        ax.axhline(self.true_variance, color="k", ls="--", lw=1, label="true σ² = 0.09")
        ax.set(yscale="log", xlabel="polynomial degree (p = degree + 1 coefficients)",
               ylabel="noise variance estimate / MSE", title=self.title)  # fmt: skip
        ax.legend(fontsize="small")
        ax.grid(True, which="major", alpha=0.3)
        return fig


def run(*, seed: int = 0, progress: Progress | None = None) -> NoiseResult:
    """Noise-variance estimates (S/n, S/(n − p)) and validation MSE against polynomial degree.

    Parameters
    ----------
    seed : int, optional
        Seeds the data sets (default 0).
    progress : callable, optional
        Wraps the sweep over degrees, e.g. ``tqdm.tqdm``.

    Returns
    -------
    NoiseResult
    """
    seed = check_run_arguments(seed, progress)
    data = []
    for data_seed in child_generators(seed, N_SEEDS):
        rng = np.random.default_rng(data_seed)
        data.append((*noisy_sine(N_TRAIN, NOISE, rng), *noisy_sine(N_VALIDATION, NOISE, rng)))
    shape = (len(DEGREES), N_SEEDS)
    ml, unbiased, validation = np.empty(shape), np.empty(shape), np.empty(shape)
    for i, degree in enumerate(wrap(DEGREES, progress)):
        for s, (x, y, x_val, y_val) in enumerate(data):
            design = np.polynomial.legendre.legvander(x, degree)
            coef, *_ = np.linalg.lstsq(design, y, rcond=None)  # least squares = ML, [R14]
            fitted = design @ coef
            ml[i, s] = noise_variance(y, fitted)
            unbiased[i, s] = noise_variance(y, fitted, n_params=degree + 1)
            predicted = np.polynomial.legendre.legvander(x_val, degree) @ coef
            validation[i, s] = mean_squared_error(y_val, predicted)
    for array in (ml, unbiased, validation):
        array.flags.writeable = False
    return NoiseResult(
        title=f"Noise variance from the residuals ({N_TRAIN} points, {N_SEEDS} draws)",
        degrees=DEGREES,
        ml=ml,
        unbiased=unbiased,
        validation=validation,
        true_variance=NOISE**2,
    )
