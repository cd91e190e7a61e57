r"""Dropout narrows the train/validation gap: a sweep over ``keep_prob``.

The overfitting network of :mod:`mathreg.experiments._overfit` is trained with inverted dropout
on both hidden layers (each unit of each example kept with probability ``keep_prob``, kept units
scaled by 1/keep_prob, backward pass (15)), for ``keep_prob`` from 1 (no dropout) down to 0.2.
Losses are measured without dropout, as the network is used after training. Each value is
trained on :data:`~mathreg.experiments._result.N_SEEDS` seeds.
"""

from __future__ import annotations

from mathreg.experiments import _overfit
from mathreg.experiments._result import Progress, SweepResult, check_run_arguments, seeds_from

KEEP_PROBS = (1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2)


def run(*, seed: int = 0, progress: Progress | None = None) -> SweepResult:
    """Dropout keep_prob vs. train/validation cross-entropy of an overfitting MLP.

    Parameters
    ----------
    seed : int, optional
        The first seed (default 0); each seed draws the data, the initial weights and the
        dropout masks.
    progress : callable, optional
        Wraps the sweep over keep_prob, e.g. ``tqdm.tqdm``.

    Returns
    -------
    SweepResult
        Mean binary cross-entropy at each keep_prob (1, no dropout, first), on each seed.
    """
    seeds = seeds_from(check_run_arguments(seed, progress))
    train, validation = _overfit.sweep("keep_prob", KEEP_PROBS, seeds, progress)
    return SweepResult(
        title="Dropout keep_prob vs. cross-entropy (2-64-64-1 MLP, 80 points)",
        parameter="keep_prob",
        axis_label="keep_prob (dropout grows to the right)",
        loss="mean binary cross-entropy",
        values=KEEP_PROBS,
        seeds=seeds,
        train_runs=train,
        validation_runs=validation,
        reverse_x=True,
    )
