r"""Choosing the ridge λ by 5-fold cross-validation: the estimate, its noise, and two rules.

Thirty points :math:`y = \sin(\pi x) + \varepsilon` (:math:`\sigma = 0.3`) are fitted with the
thirteen Legendre polynomials of degree 0 to 12 as features, by ridge regression: minimise
:math:`\frac12\lVert y - Xw\rVert^2 + \frac\lambda2\lVert w\rVert^2`, solved as
:math:`(X^TX + \lambda I)w = X^Ty`. For seed 0, :func:`mathreg.numeric.cross_validate` gives the
5-fold estimate of the mean squared error at each λ of :data:`LAMS`, with its standard error,
next to the error on 2000 new points that a real user never has. Then, for :data:`N_SEEDS`
draws of the data, λ is chosen by the lowest cross-validation estimate and by the
one-standard-error rule (the largest λ within one standard error of it), and each choice is
judged on the new points against the best λ of the grid in hindsight. The same is done for
the capacity experiment's choice of the polynomial *degree* (its 15 points, seed 0).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments import capacity
from mathreg.experiments._data import child_generators, noisy_sine
from mathreg.experiments._plotting import panels
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap
from mathreg.numeric import CrossValidation, cross_validate, mean_squared_error, ridge_fit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

N_TRAIN = 30
N_VALIDATION = 2000
NOISE = 0.3
DEGREE = 12
LAMS = tuple(float(x) for x in np.logspace(-6, 2, 17))
K = 5
N_SEEDS = 20
DEGREES = tuple(range(9))  # for the capacity experiment's 15 points (12 per training fold)


def features(x: np.ndarray, degree: int = DEGREE) -> np.ndarray:
    """The Legendre polynomials of degree 0 … ``degree`` at ``x``: shape (m, degree + 1)."""
    return np.polynomial.legendre.legvander(x, degree)


def squared_error(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    """The score: the mean squared error of the fitted weights on held-out points."""
    return mean_squared_error(y, X @ w)


def _least_squares(X: np.ndarray, y: np.ndarray, degree: int) -> np.ndarray:
    return np.linalg.lstsq(X[:, : degree + 1], y, rcond=None)[0]


def _degree_error(w: np.ndarray, X: np.ndarray, y: np.ndarray) -> float:
    return mean_squared_error(y, X[:, : w.size] @ w)


@dataclass(frozen=True, eq=False)
class RidgeCVResult:
    """The cross-validation of seed 0, and the choices over many seeds.

    Attributes
    ----------
    title : str
    lams : tuple of float
    cv : CrossValidation
        Seed 0: the fold scores of every λ.
    validation : numpy.ndarray
        Seed 0: the error on the new points of the fit on all 30 points, per λ.
    chosen : numpy.ndarray
        Shape (seeds, 3): the index of λ chosen by the lowest CV estimate, by the
        one-standard-error rule, and the best in hindsight.
    chosen_error : numpy.ndarray
        Shape (seeds, 3): the error on the new points of each choice.
    degree_cv : CrossValidation
        The capacity experiment's 15 points (seed 0): 5-fold CV over :data:`DEGREES`.
    capacity_best : int
        The capacity experiment's own best degree (on its 500 validation points).
    """

    title: str
    lams: tuple[float, ...]
    cv: CrossValidation
    validation: np.ndarray
    chosen: np.ndarray
    chosen_error: np.ndarray
    degree_cv: CrossValidation
    capacity_best: int

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result (for exact comparison of two runs)."""
        return [self.cv.scores, self.validation, self.chosen, self.chosen_error,
                self.degree_cv.scores]  # fmt: skip

    @property
    def one_se(self) -> int:
        """Seed 0: the index of the λ the one-standard-error rule picks."""
        return self.cv.one_standard_error(lambda s: s["lam"])

    def table(self) -> str:
        """Seed 0's CV estimates, the choices over the seeds, and the degree check."""
        cv = self.cv
        rows = [("lam", "CV MSE", "± std err", "new points", "")]
        for i, lam in enumerate(self.lams):
            mark = ("lowest CV" if i == cv.best else "") + (
                " 1-SE rule" if i == self.one_se else ""
            )
            rows.append((f"{lam:.2g}", f"{cv.mean[i]:.4f}", f"{cv.stderr[i]:.4f}",
                         f"{self.validation[i]:.4f}", mark))  # fmt: skip
        lams = np.asarray(self.lams)
        lines = [format_table(rows)]
        within = np.flatnonzero(cv.within_one_standard_error())
        lines.append(
            f"seed 0: lowest CV at lam = {lams[cv.best]:.2g} ({cv.mean[cv.best]:.4f} ± "
            f"{cv.stderr[cv.best]:.4f}); within one standard error: lam = "
            f"{lams[within[0]]:.2g} to {lams[within[-1]]:.2g}; best on new points: lam = "
            f"{lams[int(np.argmin(self.validation))]:.2g}"
        )
        for r, rule in enumerate(("lowest CV", "1-SE rule", "hindsight")):
            picks = lams[self.chosen[:, r]]
            lines.append(
                f"{N_SEEDS} seeds, {rule:9}: lam from {picks.min():.2g} to {picks.max():.2g} "
                f"(median {np.median(picks):.2g}); MSE on new points "
                f"{self.chosen_error[:, r].mean():.4f} (worst {self.chosen_error[:, r].max():.4f})"
            )
        d = self.degree_cv
        one_se_degree = d.one_standard_error(lambda s: -s["degree"])
        within_d = [DEGREES[i] for i in np.flatnonzero(d.within_one_standard_error())]
        lines.append(
            f"capacity experiment (15 points): its best degree {self.capacity_best}; 5-fold CV "
            f"lowest at degree {DEGREES[d.best]} ({d.mean[d.best]:.4f} ± {d.stderr[d.best]:.4f}), "
            f"1-SE rule degree {DEGREES[one_se_degree]}, within one standard error: degrees "
            + ", ".join(map(str, within_d))
        )
        return "\n".join(lines)

    def figure(self) -> Figure:
        """Seed 0's CV curve with error bars; the λ chosen over the seeds by each rule."""
        return panels(self._draw, 2, (10.0, 3.9))

    def narrow_figure(self) -> Figure:
        """The same panels one above the other, for a phone's column."""
        return panels(self._draw, 2, (4.8, 7.6), None, stacked=True)

    def _draw(self, axes) -> None:
        ax, ax_pick = axes
        lams, cv = np.asarray(self.lams), self.cv
        ax.errorbar(lams, cv.mean, yerr=cv.stderr, fmt="o-", color="C0", capsize=3,
                    label=f"{K}-fold CV, ± 1 standard error")  # fmt: skip
        ax.plot(lams, self.validation, "s-", color="C1", label="error on 2000 new points")
        band = cv.mean[cv.best] + cv.stderr[cv.best]
        ax.axhline(band, color="0.5", ls=":", lw=1, label="lowest CV + 1 standard error")
        ax.axvline(lams[cv.best], color="C0", ls="--", lw=1, label="lowest CV")
        ax.axvline(lams[self.one_se], color="C2", ls="-.", lw=1.5, label="1-SE rule")
        ax.set(xscale="log", yscale="log", xlabel="λ (log scale)", ylabel="mean squared error",
               title="Seed 0: the estimate and its noise")  # fmt: skip
        ax.legend(fontsize="x-small")
        for r, (rule, marker) in enumerate(zip(("lowest CV", "1-SE rule", "hindsight"), "o^s",
                                               strict=True)):  # fmt: skip
            picks = lams[self.chosen[:, r]]
            jitter = 1 + 0.04 * (r - 1)
            ax_pick.scatter(picks * jitter, self.chosen_error[:, r], marker=marker, color=f"C{r}",
                            alpha=0.7, label=rule)  # fmt: skip
        ax_pick.set(xscale="log", xlabel="chosen λ (log scale)", ylabel="MSE on new points",
                    title=f"{N_SEEDS} data sets: the λ each rule picks")  # fmt: skip
        ax_pick.legend(fontsize="x-small")
        for a in (ax, ax_pick):
            a.grid(True, which="major", alpha=0.3)


def run(*, seed: int = 0, progress: Progress | None = None) -> RidgeCVResult:
    """Ridge λ by 5-fold cross-validation: error bars, the 1-SE rule, many seeds.

    Parameters
    ----------
    seed : int, optional
        Seeds the data sets and the folds (default 0).
    progress : callable, optional
        Wraps the loop over the data sets, e.g. ``tqdm.tqdm``.

    Returns
    -------
    RidgeCVResult
    """
    seed = check_run_arguments(seed, progress)
    params = [{"lam": lam} for lam in LAMS]
    lams = np.asarray(LAMS)
    chosen = np.empty((N_SEEDS, 3), dtype=int)
    chosen_error = np.empty((N_SEEDS, 3))
    first_cv, first_validation = None, None
    for s, data_seed in enumerate(wrap(child_generators(seed, N_SEEDS), progress)):
        rng = np.random.default_rng(data_seed)
        x, y = noisy_sine(N_TRAIN, NOISE, rng)
        x_val, y_val = noisy_sine(N_VALIDATION, NOISE, rng)
        X, X_val = features(x), features(x_val)
        cv = cross_validate(ridge_fit, squared_error, X, y, params, K, rng)
        validation = np.array([squared_error(ridge_fit(X, y, lam), X_val, y_val) for lam in lams])
        chosen[s] = cv.best, cv.one_standard_error(lambda p: p["lam"]), int(np.argmin(validation))
        chosen_error[s] = validation[chosen[s]]
        if s == 0:
            first_cv, first_validation = cv, validation
    # the capacity experiment's data, as it draws them
    (data_seed,) = child_generators(seed, 1)
    rng = np.random.default_rng(data_seed)
    x, y = noisy_sine(capacity.N_TRAIN, capacity.NOISE, rng)
    degree_cv = cross_validate(
        _least_squares, _degree_error, features(x, DEGREES[-1]), y,
        [{"degree": d} for d in DEGREES], K, np.random.default_rng(child_generators(seed, 2)[1]),
    )  # fmt: skip
    capacity_best = int(capacity.run(seed=seed).best)
    for array in (first_validation, chosen, chosen_error):
        array.flags.writeable = False
    return RidgeCVResult(
        title="Choosing the ridge λ by cross-validation",
        lams=LAMS,
        cv=first_cv,
        validation=first_validation,
        chosen=chosen,
        chosen_error=chosen_error,
        degree_cv=degree_cv,
        capacity_best=capacity_best,
    )
