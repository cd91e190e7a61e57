r"""L2 regularization narrows the train/validation gap: a sweep over :math:`\lambda`.

The overfitting network of :mod:`mathreg.experiments._overfit` is trained with the cost (11),
:math:`J = \text{BCE} + \frac{\lambda}{2m}\sum_l \lVert W^{(l)} \rVert_F^2`, by the
weight-decay step (13), for :math:`\lambda = 0` and log-spaced :math:`\lambda` from
:math:`10^{-2}` to 30. Reported losses are the data loss alone (mean binary
cross-entropy, no penalty), so train and validation are comparable across :math:`\lambda`.
Each value is trained on :data:`~mathreg.experiments._result.N_SEEDS` seeds.
"""

from __future__ import annotations

from mathreg.experiments import _overfit
from mathreg.experiments._result import Progress, SweepResult, check_run_arguments, seeds_from

LAMS = (0.0, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0)


def run(*, seed: int = 0, progress: Progress | None = None) -> SweepResult:
    """L2 strength λ vs. train/validation cross-entropy of an overfitting MLP.

    Parameters
    ----------
    seed : int, optional
        The first seed (default 0); each seed draws the data and the initial weights.
    progress : callable, optional
        Wraps the sweep over λ, e.g. ``tqdm.tqdm``.

    Returns
    -------
    SweepResult
        Mean binary cross-entropy at each λ (λ = 0 first), on each seed.
    """
    seeds = seeds_from(check_run_arguments(seed, progress))
    train, validation = _overfit.sweep("lam", LAMS, seeds, progress)
    return SweepResult(
        title="L2 strength λ vs. cross-entropy (2-64-64-1 MLP, 80 points)",
        parameter="lam",
        axis_label="λ (L2 strength, log scale)",
        loss="mean binary cross-entropy",
        values=LAMS,
        seeds=seeds,
        train_runs=train,
        validation_runs=validation,
        xscale="log",
        symbol="λ",
    )
