r"""Bernoulli log-likelihood and binary cross-entropy, eqs. (3), (5) and (10) of the note.

Labels are hard labels, :math:`y_i \in \{0, 1\}` (bool, integer or float arrays), exactly as in
the note's Bernoulli likelihood (3). Soft labels in (0, 1) are rejected with a ``ValueError``:
the derivation does not cover them, and the commonest way to produce one is to pass the
predictions where the labels belong.

Every entry of ``y`` is one example, so :math:`m` is ``y.size``; ``y`` and the predictions
must have the same shape (no broadcasting).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v
from mathreg.numeric import fast, textbook

__all__ = [
    "bernoulli_log_likelihood",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
]


def _labels_and_probabilities(y: ArrayLike, y_hat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    y_hat = v.probability_array(y_hat, "y_hat")
    y = v.label_array(y, "y")
    v.same_shape(y, y_hat, "y", "y_hat")
    return y, y_hat


def bernoulli_log_likelihood(y: ArrayLike, y_hat: ArrayLike) -> float:
    r"""Log-likelihood of hard labels under predicted probabilities, eq. (3).

    .. math::

        \log P(Y \mid \theta, X) = \sum_{i=1}^{m}
            \big[y_i \log \hat y_i + (1 - y_i) \log(1 - \hat y_i)\big]

    with the convention :math:`0 \log 0 = 0`.

    Parameters
    ----------
    y : array_like of {0, 1}
        Labels (bool, integer or float), any shape; each entry is one example.
    y_hat : array_like of float32 or float64
        Predicted probabilities :math:`\hat y_i = P(y_i = 1 \mid \theta, x_i)` in [0, 1], same
        shape as ``y``.

    Returns
    -------
    float
        The log-likelihood, :math:`\le 0`. It is ``-inf`` when some label has predicted
        probability exactly 0 (the exact value; nothing is clipped).

    Raises
    ------
    TypeError
        If ``y_hat`` is not a float32/float64 array or ``y`` is not bool/integer/float.
    ValueError
        If the shapes differ, ``y`` has a value other than 0 or 1, ``y_hat`` is outside
        [0, 1], or either contains NaN or inf.

    Examples
    --------
    >>> import numpy as np
    >>> round(bernoulli_log_likelihood([1, 0], np.array([0.8, 0.25])), 6)  # log .8 + log .75
    -0.510826
    >>> bernoulli_log_likelihood([1, 0], np.array([1.0, 0.0]))  # certain and right
    0.0
    >>> bernoulli_log_likelihood([1], np.array([0.0]))  # certain and wrong
    -inf
    """
    y, y_hat = _labels_and_probabilities(y, y_hat)
    return textbook.bernoulli_log_likelihood(y, y_hat)


def binary_cross_entropy(y: ArrayLike, y_hat: ArrayLike) -> float:
    r"""Mean binary cross-entropy from probabilities: eq. (5) divided by :math:`m`, as in (10).

    .. math::

        L(y, \hat y) = -\frac{1}{m} \sum_{i=1}^{m}
            \big[y_i \log \hat y_i + (1 - y_i) \log(1 - \hat y_i)\big]

    with :math:`0 \log 0 = 0`. Predictions of exactly 0 or 1 are handled exactly: a right
    certain prediction costs 0, a wrong one costs ``inf``. Nothing is clipped, because a clipped
    loss is a finite, wrong number. To train, prefer :func:`binary_cross_entropy_with_logits`,
    which never needs :math:`\hat y` and stays finite for every finite logit.

    Parameters
    ----------
    y : array_like of {0, 1}
        Labels (bool, integer or float), any shape; each entry is one example.
    y_hat : array_like of float32 or float64
        Predicted probabilities in [0, 1], same shape as ``y``.

    Returns
    -------
    float
        The mean loss, :math:`\ge 0`, possibly ``inf``.

    Raises
    ------
    TypeError
        If ``y_hat`` is not a float32/float64 array or ``y`` is not bool/integer/float.
    ValueError
        If the shapes differ, ``y`` has a value other than 0 or 1, ``y_hat`` is outside
        [0, 1], or either contains NaN or inf.

    Examples
    --------
    >>> import numpy as np
    >>> round(binary_cross_entropy([1, 0], np.array([0.8, 0.25])), 6)  # -(log .8 + log .75)/2
    0.255413
    >>> binary_cross_entropy([1, 1], np.array([0.5, 0.0]))
    inf
    """
    y, y_hat = _labels_and_probabilities(y, y_hat)
    return textbook.binary_cross_entropy(y, y_hat)


def binary_cross_entropy_with_logits(y: ArrayLike, z: ArrayLike) -> float:
    r"""Mean binary cross-entropy from logits :math:`z`, with :math:`\hat y = \sigma(z)`.

    Substituting :math:`\hat y = 1/(1 + e^{-z})` in eq. (5) and dividing by :math:`m` gives, per
    example, :math:`\log(1 + e^{z}) - y z`, which is evaluated in the form that never
    overflows and never loses the small term:

    .. math::

        L(y, z) = \frac{1}{m} \sum_{i=1}^{m}
            \max(z_i, 0) - z_i y_i + \log\left(1 + e^{-|z_i|}\right)

    For example :math:`y = 0, z = 1000` gives exactly 1000, where the naive
    :math:`-\log(1 - \sigma(z))` gives ``inf``. The terms are those of
    :func:`mathreg.numeric.textbook.binary_cross_entropy_with_logits`, bit for bit, summed block
    by block in float64 (:mod:`mathreg.numeric.fast`): the mean agrees with the textbook's to
    rounding, and in float32 it is more accurate.

    Parameters
    ----------
    y : array_like of {0, 1}
        Labels (bool, integer or float), any shape; each entry is one example.
    z : array_like of float32 or float64
        Finite logits, same shape as ``y``.

    Returns
    -------
    float
        The mean loss, finite and :math:`\ge 0`.

    Raises
    ------
    TypeError
        If ``z`` is not a float32/float64 array or ``y`` is not bool/integer/float.
    ValueError
        If the shapes differ, ``y`` has a value other than 0 or 1, or either contains NaN or
        inf.

    Examples
    --------
    >>> import numpy as np
    >>> binary_cross_entropy_with_logits([0, 1], np.array([1000.0, -1000.0]))
    1000.0
    >>> binary_cross_entropy_with_logits([1], np.array([1000.0]))
    0.0
    >>> round(binary_cross_entropy_with_logits([1, 0], np.array([0.0, 0.0])), 6)  # log 2
    0.693147
    """
    z = v.float_array(z, "z", scan=False)  # the kernel checks the values as it reads them
    y = v.label_array(y, "y", scan=False)
    v.same_shape(y, z, "y", "z")
    return v.run_checked(
        fast.binary_cross_entropy_with_logits,
        (y, z),
        lambda: v.float_array(z, "z"),
        lambda: v.label_array(y, "y"),
    )
