"""The overfitting set-up shared by the L2, dropout and weight experiments.

Eighty points of two overlapping moons are too few for a 2-64-64-1 ReLU network trained by
full-batch gradient descent: without regularization it separates the training points, noise
included, and its validation cross-entropy is several times its training cross-entropy.
Everything is seeded from one integer: the data, the initial weights (the same at every point of
a sweep, so that the swept value is the only difference) and the dropout masks. A sweep runs
on several seeds (:func:`sweep`), so that a difference between two swept values can be told
apart from the differences between data sets.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from mathreg.experiments._data import child_generators, two_moons
from mathreg.experiments._result import Progress, wrap
from mathreg.numeric import MLP

LAYER_SIZES = (2, 64, 64, 1)
N_TRAIN = 80
N_VALIDATION = 2000
NOISE = 0.35
LR = 0.3
N_STEPS = 1500


@dataclass(frozen=True, eq=False)
class Problem:
    """Training and validation data, and the seeds for the weights and the dropout masks."""

    X_train: np.ndarray
    Y_train: np.ndarray
    X_val: np.ndarray
    Y_val: np.ndarray
    init_seed: np.random.SeedSequence
    dropout_seed: np.random.SeedSequence

    @classmethod
    def make(cls, seed: int) -> Problem:
        data_seed, init_seed, dropout_seed = child_generators(seed, 3)
        rng = np.random.default_rng(data_seed)
        X_train, Y_train = two_moons(N_TRAIN, NOISE, rng)
        X_val, Y_val = two_moons(N_VALIDATION, NOISE, rng)
        return cls(X_train, Y_train, X_val, Y_val, init_seed, dropout_seed)

    def fit(self, *, lam: float = 0.0, keep_prob: float = 1.0) -> MLP:
        """A freshly initialised network trained with this ``lam`` and ``keep_prob``."""
        net = MLP(LAYER_SIZES, np.random.default_rng(self.init_seed))
        return net.fit(
            self.X_train,
            self.Y_train,
            lr=LR,
            n_steps=N_STEPS,
            lam=lam,
            keep_prob=keep_prob,
            rng=np.random.default_rng(self.dropout_seed),
        )

    def losses(self, net: MLP) -> tuple[float, float]:
        """Mean cross-entropy (the data loss, without penalty) on train and on validation."""
        return net.loss(self.X_train, self.Y_train), net.loss(self.X_val, self.Y_val)


def sweep(
    setting: str, values: Sequence[float], seeds: Sequence[int], progress: Progress | None
) -> tuple[tuple[tuple[float, ...], ...], tuple[tuple[float, ...], ...]]:
    """Train once per value of ``setting`` (``"lam"`` or ``"keep_prob"``) on each seed's
    problem; the losses, ``train[s][k]`` for ``seeds[s]`` at ``values[k]``.

    ``progress`` wraps the values: each step of the progress bar is one value on every seed.
    """
    problems = [Problem.make(seed) for seed in seeds]
    train = [[0.0] * len(values) for _ in seeds]
    validation = [[0.0] * len(values) for _ in seeds]
    for k, value in enumerate(wrap(values, progress)):
        for s, problem in enumerate(problems):
            train[s][k], validation[s][k] = problem.losses(problem.fit(**{setting: value}))
    return tuple(map(tuple, train)), tuple(map(tuple, validation))
