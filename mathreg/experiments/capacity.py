r"""Underfitting and overfitting as capacity grows: polynomial fits to a few noisy points.

Fifteen points :math:`y = \sin(\pi x) + \varepsilon` are fitted by least squares with
polynomials of degree 0 to 12. The training error can only go down as the degree grows (each
model contains the previous one); the validation error first falls (less bias: the model can
bend like the sine) and then rises (more variance: it bends through the noise), the U-shape of
section 2 of the note. Near degree 14 the polynomial would interpolate all fifteen points.
Each degree is fitted on :data:`~mathreg.experiments._result.N_SEEDS` seeds, each its own data.
"""

from __future__ import annotations

import numpy as np

from mathreg.experiments._data import child_generators, noisy_sine
from mathreg.experiments._result import (
    Progress,
    SweepResult,
    check_run_arguments,
    seeds_from,
    wrap,
)

N_TRAIN = 15
N_VALIDATION = 500
NOISE = 0.3
DEGREES = tuple(range(13))


def _design(x: np.ndarray, degree: int) -> np.ndarray:
    # Legendre polynomials P_0..P_degree on [-1, 1]: the same models as monomials, but a
    # well-conditioned least-squares problem even at degree 12.
    return np.polynomial.legendre.legvander(x, degree)


def run(*, seed: int = 0, progress: Progress | None = None) -> SweepResult:
    """Polynomial degree vs. train/validation error: underfitting, then overfitting.

    Parameters
    ----------
    seed : int, optional
        The first seed (default 0); each seed draws its own data.
    progress : callable, optional
        Wraps the sweep over degrees, e.g. ``tqdm.tqdm``.

    Returns
    -------
    SweepResult
        Mean squared errors at each degree, on each seed.

    Examples
    --------
    >>> result = run(seed=0)
    >>> result.train[0] > result.train[-1]    # more capacity always fits the data better
    True
    >>> 0 < result.best < DEGREES[-1]          # ... but validation prefers a middle degree
    True
    """
    seeds = seeds_from(check_run_arguments(seed, progress))
    data = []
    for s in seeds:
        (data_seed,) = child_generators(s, 1)
        rng = np.random.default_rng(data_seed)
        data.append((*noisy_sine(N_TRAIN, NOISE, rng), *noisy_sine(N_VALIDATION, NOISE, rng)))
    train = [[0.0] * len(DEGREES) for _ in seeds]
    validation = [[0.0] * len(DEGREES) for _ in seeds]
    for k, degree in enumerate(wrap(DEGREES, progress)):
        for s, (x_train, y_train, x_val, y_val) in enumerate(data):
            coef, *_ = np.linalg.lstsq(_design(x_train, degree), y_train, rcond=None)
            train[s][k] = float(np.mean((_design(x_train, degree) @ coef - y_train) ** 2))
            validation[s][k] = float(np.mean((_design(x_val, degree) @ coef - y_val) ** 2))
    return SweepResult(
        title="Polynomial degree vs. squared error (15 noisy points)",
        parameter="degree",
        axis_label="polynomial degree (capacity)",
        loss="mean squared error",
        values=DEGREES,
        seeds=seeds,
        train_runs=tuple(map(tuple, train)),
        validation_runs=tuple(map(tuple, validation)),
        yscale="log",
    )
