r"""Choosing λ (or keep_prob, or a degree) by k-fold cross-validation, with its noise.

The examples are shuffled once and cut into :math:`k` folds of nearly equal size; each setting
is fitted :math:`k` times, each time on all folds but one, and scored on the fold left out.
Every setting sees the same folds, so their scores are compared fold by fold. The result keeps
every score, so that a choice can be shown with its spread, and offers the two usual rules:
the lowest mean score, and the *one-standard-error rule* (Hastie, Tibshirani & Friedman,
*The Elements of Statistical Learning*, 2nd ed., §7.10): the simplest setting whose mean is
within one standard error of the lowest.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v

__all__ = ["CrossValidation", "cross_validate", "k_folds"]


@dataclass(frozen=True, eq=False)
class CrossValidation:
    r"""The scores of every setting on every fold, and the choices they support.

    Attributes
    ----------
    params : tuple of dict
        The settings, in the order given.
    scores : numpy.ndarray
        Shape (settings, k): ``scores[s, j]`` is setting ``s`` scored on fold ``j`` (lower is
        better). Read-only.
    """

    params: tuple[dict[str, Any], ...]
    scores: np.ndarray

    @property
    def k(self) -> int:
        """The number of folds."""
        return self.scores.shape[1]

    @property
    def mean(self) -> np.ndarray:
        r"""The cross-validation estimate of each setting: its mean score over the folds."""
        return self.scores.mean(axis=1)

    @property
    def std(self) -> np.ndarray:
        """The spread of each setting's fold scores (sample standard deviation, ddof = 1)."""
        return self.scores.std(axis=1, ddof=1)

    @property
    def stderr(self) -> np.ndarray:
        r"""The standard error of each mean, :math:`\mathrm{std}/\sqrt k`.

        It treats the folds' scores as independent, which they are not (the training sets
        overlap): a rough yardstick, the one the one-standard-error rule uses.
        """
        return self.std / math.sqrt(self.k)

    @property
    def best(self) -> int:
        """The index of the setting with the lowest mean score (the first, on a tie)."""
        return int(np.argmin(self.mean))

    def within_one_standard_error(self) -> np.ndarray:
        """Which settings' means are within one standard error of the lowest (bool, per
        setting)."""
        return self.mean <= self.mean[self.best] + self.stderr[self.best]

    def one_standard_error(self, simpler: Callable[[dict[str, Any]], float]) -> int:
        r"""The index of the simplest setting within one standard error of the best.

        Parameters
        ----------
        simpler : callable
            ``simpler(setting)`` grows as the model gets simpler: ``lambda s: s["lam"]`` for
            L2, ``lambda s: -s["keep_prob"]`` for dropout (any comparable values, tuples
            included).

        Returns
        -------
        int
            Among the settings whose mean is at most ``mean[best] + stderr[best]``, the one
            with the largest ``simpler(setting)`` (the first, on a tie).

        Examples
        --------
        >>> import numpy as np
        >>> cv = CrossValidation(
        ...     ({"lam": 0.1}, {"lam": 1.0}, {"lam": 10.0}),
        ...     np.array([[1.0, 1.2], [0.9, 1.1], [1.1, 1.3]]),
        ... )
        >>> cv.best, cv.stderr.round(2).tolist()
        (1, [0.1, 0.1, 0.1])
        >>> cv.one_standard_error(lambda s: s["lam"])  # 1.2 <= 1.0 + 0.1 is false
        1
        """
        if not callable(simpler):
            raise TypeError(f"simpler must be callable, got {type(simpler).__name__}")
        candidates = np.flatnonzero(self.within_one_standard_error())
        # max keeps the first of equal keys; keys may be tuples (compared in order)
        return int(max(candidates, key=lambda i: simpler(self.params[i])))


def k_folds(m: int, k: int, rng: np.random.Generator) -> list[np.ndarray]:
    """The examples ``0, …, m - 1`` shuffled by ``rng`` and cut into ``k`` nearly equal folds.

    Parameters
    ----------
    m : int
        The number of examples, :math:`m \\ge 2`.
    k : int
        The number of folds, :math:`2 \\le k \\le m`.
    rng : numpy.random.Generator
        Shuffles the examples.

    Returns
    -------
    list of numpy.ndarray
        ``k`` arrays of example indices, sizes differing by at most one, together each index
        exactly once.

    Raises
    ------
    TypeError
        If ``m`` or ``k`` is not an integer, or ``rng`` is not a Generator.
    ValueError
        If ``k`` is not in [2, m].

    Examples
    --------
    >>> import numpy as np
    >>> [f.tolist() for f in k_folds(5, 2, np.random.default_rng(0))]
    [[2, 4, 3], [0, 1]]
    """
    m = v.positive_int(m, "m")
    k = v.positive_int(k, "k")
    if not 2 <= k <= m:
        raise ValueError(
            f"k must be in [2, m] = [2, {m}] (a fold holds one example or more), got {k}"
        )
    rng = v.generator(rng)
    return np.array_split(rng.permutation(m), k)


def cross_validate(
    fit: Callable[..., Any],
    score: Callable[[Any, np.ndarray, np.ndarray], float],
    X: ArrayLike,
    y: ArrayLike,
    params: Sequence[Mapping[str, Any]],
    k: int,
    rng: np.random.Generator,
    *,
    axis: int = 0,
) -> CrossValidation:
    r"""k-fold cross-validation of every setting in ``params``: all scores, for mean and spread.

    For each setting :math:`s` and fold :math:`j`, with :math:`F_j` the fold's examples,

    .. math::

        \text{scores}_{sj} = \operatorname{score}\big(\operatorname{fit}(X_{-F_j}, y_{-F_j};
            s),\ X_{F_j}, y_{F_j}\big), \qquad
        \operatorname{CV}(s) = \frac1k \sum_{j=1}^k \text{scores}_{sj}

    Every setting is fitted on the same folds (:func:`k_folds`), so differences between
    settings are not differences between splits.

    Parameters
    ----------
    fit : callable
        ``fit(X_train, y_train, **setting)`` returns a fitted model (anything ``score`` takes).
    score : callable
        ``score(model, X_val, y_val)`` returns a finite real number, lower is better (a loss).
    X : array_like of float32 or float64
        The inputs, with the examples along ``axis``.
    y : array_like
        The targets or labels, with the examples along the last axis: shape (m,) as for the
        linear models, or (1, m) as for the network.
    params : sequence of mapping
        The settings, e.g. ``[{"lam": 0.1}, {"lam": 1.0}]``; at least one.
    k : int
        The number of folds, in [2, m].
    rng : numpy.random.Generator
        Shuffles the examples into folds.
    axis : int, optional
        The axis of ``X`` along which the examples run: 0 (default) for the linear models'
        (m, d) layout, 1 for the network's (features, m).

    Returns
    -------
    CrossValidation
        The scores, shape (settings, k), with their means, spreads and the choice rules.

    Raises
    ------
    TypeError
        If ``fit`` or ``score`` is not callable, ``X`` is not float32/float64, ``params`` is
        not a sequence of mappings, ``k`` or ``axis`` is not an integer, ``rng`` is not a
        Generator, or a score is not a real number.
    ValueError
        If ``X`` holds NaN/inf, ``axis`` is not an axis of ``X``, ``X`` and ``y`` hold different
        numbers of examples, ``params`` is empty, ``k`` is not in [2, m], or a score is NaN or
        infinite.

    Examples
    --------
    Choosing the constant that predicts ``y`` best (the mean) among three:

    >>> import numpy as np
    >>> X, y = np.zeros((6, 1)), np.array([0.8, 1.1, 1.0, 0.9, 1.2, 1.0])
    >>> def fit(X, y, c):
    ...     return c
    >>> def score(c, X, y):
    ...     return float(np.mean((y - c) ** 2))
    >>> cv = cross_validate(fit, score, X, y, [{"c": 0.0}, {"c": 1.0}, {"c": 2.0}], k=3,
    ...                     rng=np.random.default_rng(0))
    >>> cv.scores.shape, cv.params[cv.best]
    ((3, 3), {'c': 1.0})
    """
    for name, f in (("fit", fit), ("score", score)):
        if not callable(f):
            raise TypeError(f"{name} must be callable, got {type(f).__name__}")
    X = v.float_array(X, "X", min_ndim=1)
    if isinstance(axis, (bool, np.bool_)) or not isinstance(axis, numbers.Integral):
        raise TypeError(f"axis must be an integer, got {axis!r} ({type(axis).__name__})")
    if not -X.ndim <= axis < X.ndim:
        raise ValueError(f"axis must be an axis of X (ndim {X.ndim}), got {axis}")
    y = np.asarray(y)
    if y.ndim == 0 or y.size == 0:
        raise ValueError(
            f"y must hold one entry per example along its last axis, got shape {y.shape}"
        )
    m = X.shape[axis]
    if y.shape[-1] != m:
        raise ValueError(
            f"X and y must hold the same number of examples: X has {m} along axis {axis}, "
            f"y has {y.shape[-1]} along its last axis (shape {y.shape})"
        )
    if isinstance(params, (str, bytes, Mapping)) or not isinstance(params, Sequence):
        raise TypeError(
            "params must be a sequence of settings, each a mapping of fit's keyword "
            f"arguments, got {type(params).__name__}"
        )
    if len(params) == 0:
        raise ValueError("params must hold at least one setting, got an empty sequence")
    for i, setting in enumerate(params):
        if not isinstance(setting, Mapping):
            raise TypeError(
                f"params[{i}] must be a mapping of fit's keyword arguments, "
                f"got {type(setting).__name__}"
            )
    folds = k_folds(m, k, rng)
    scores = np.empty((len(params), len(folds)))
    for j, held_out in enumerate(folds):
        kept = np.setdiff1d(np.arange(m), held_out)  # sorted: training order as in the data
        X_train, X_val = np.take(X, kept, axis=axis), np.take(X, held_out, axis=axis)
        y_train, y_val = np.take(y, kept, axis=-1), np.take(y, held_out, axis=-1)
        for s, setting in enumerate(params):
            value = score(fit(X_train, y_train, **setting), X_val, y_val)
            scores[s, j] = _score_value(value, s, j)
    scores.flags.writeable = False
    return CrossValidation(tuple(dict(p) for p in params), scores)


def _score_value(value: object, s: int, j: int) -> float:
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise TypeError(
            f"score must return a real number, got {value!r} ({type(value).__name__}) "
            f"for params[{s}] on fold {j}"
        )
    if not math.isfinite(value):
        raise ValueError(
            f"score must return a finite number, got {value!r} for params[{s}] on fold {j}"
        )
    return float(value)
