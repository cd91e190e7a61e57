"""Small data sets made in code, seeded through an explicit generator."""

from __future__ import annotations

import numpy as np


def two_moons(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Two interleaving half circles with Gaussian noise: a 2-D, two-class problem.

    Returns ``X`` of shape (2, n), roughly standardised, and labels ``Y`` of shape (1, n) in
    {0, 1} (int64). Class 0 is the upper moon, class 1 the lower one; with ``noise`` around 0.3
    the classes overlap, so a model that separates the training points perfectly has learned
    the noise.
    """
    y = rng.integers(0, 2, n)
    t = rng.uniform(0.0, np.pi, n)
    x0 = np.where(y == 0, np.cos(t), 1.0 - np.cos(t))
    x1 = np.where(y == 0, np.sin(t), 0.5 - np.sin(t))
    X = np.stack([x0, x1]) + noise * rng.standard_normal((2, n))
    X = (X - np.array([[0.5], [0.25]])) / np.array([[0.85], [0.5]])
    return X, y[np.newaxis, :]


def noisy_sine(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """``n`` points ``x ~ U(-1, 1)``, ``y = sin(pi x) + noise * N(0, 1)`` (shapes (n,))."""
    x = rng.uniform(-1.0, 1.0, n)
    return x, np.sin(np.pi * x) + noise * rng.standard_normal(n)


def child_generators(seed: int, n: int) -> list[np.random.SeedSequence]:
    """``n`` independent seed sequences derived from ``seed`` (data, initial weights, dropout…).

    Sequences rather than generators, so that every point of a sweep can start a fresh generator
    from the same state: the swept value is then the only thing that differs.
    """
    return np.random.SeedSequence(seed).spawn(n)
