"""The overfitting set-up shared by the L2, dropout and weight experiments.

Eighty points of two overlapping moons are too few for a 2-64-64-1 ReLU network trained by
full-batch gradient descent: without regularization it separates the training points, noise
included, and its validation cross-entropy is several times its training cross-entropy.
Everything is seeded from one integer: the data, the initial weights (the same at every point of
a sweep, so that the swept value is the only difference) and the dropout masks.
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

    def sweep(
        self, setting: str, values: Sequence[float], progress: Progress | None
    ) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """Train once per value of ``setting`` (``"lam"`` or ``"keep_prob"``); the losses."""
        train, validation = [], []
        for value in wrap(values, progress):
            t, v = self.losses(self.fit(**{setting: value}))
            train.append(t)
            validation.append(v)
        return tuple(train), tuple(validation)

    def losses(self, net: MLP) -> tuple[float, float]:
        """Mean cross-entropy (the data loss, without penalty) on train and on validation."""
        return net.loss(self.X_train, self.Y_train), net.loss(self.X_val, self.Y_val)
