r"""Softmax and the multi-class cross-entropy from logits, [R16]–[R17].

Logits have shape (K, m): one row per class, one column per example, the layout of the network
pages' activations. Labels are one-hot columns (K, m) or integer class indices of shape (m,)
in [0, K). The loss is the mean over examples; its gradient in the logits is
:math:`(\operatorname{softmax}(Z) - Y)/m`, the multi-class form of the binary
:math:`(\sigma(z) - y)/m`.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v
from mathreg.numeric import textbook

__all__ = ["softmax", "softmax_cross_entropy_gradient", "softmax_cross_entropy_with_logits"]


def _logits(Z: ArrayLike) -> np.ndarray:
    Z = v.float_array(Z, "Z")
    if Z.ndim != 2:
        raise ValueError(
            f"Z must be 2-D with shape (K, m), classes × examples, got shape {Z.shape} "
            "(one example is Z[:, None])"
        )
    return Z


def _one_hot(Y: ArrayLike, Z: np.ndarray) -> np.ndarray:
    """``Y`` as one-hot columns in ``Z``'s dtype: from (K, m) one-hot or (m,) integer labels."""
    K, m = Z.shape
    Y = np.asarray(Y)
    if Y.dtype.kind not in "biuf":
        raise TypeError(
            f"Y must be integer labels or a one-hot bool/integer/float array, got dtype {Y.dtype}"
        )
    if Y.ndim == 1:
        if Y.dtype.kind not in "iu":
            raise TypeError(f"Y of shape (m,) must hold integer class labels, got dtype {Y.dtype}")
        if Y.shape != (m,):
            raise ValueError(
                f"Y must have shape ({m},) to match Z of shape {Z.shape}, got {Y.shape}"
            )
        bad = (Y < 0) | (Y >= K)
        if bad.any():
            raise ValueError(
                f"Y must hold class labels in [0, {K}), got {Y[bad][0].item()} "
                f"at example {int(np.flatnonzero(bad)[0])}"
            )
        one_hot = np.zeros((K, m), Z.dtype)
        one_hot[Y, np.arange(m)] = 1
        return one_hot
    if Y.shape != Z.shape:
        raise ValueError(
            f"Y must be integer labels of shape ({m},) or one-hot of shape {Z.shape}, "
            f"got shape {Y.shape}"
        )
    if Y.dtype.kind == "f" and not np.isfinite(Y).all():
        raise ValueError("Y must contain only finite values (no NaN or inf)")
    bad = (Y != 0) & (Y != 1)
    if bad.any():
        raise ValueError(f"Y must be one-hot: entries 0 or 1, got {Y[bad][0].item()!r}")
    sums = np.count_nonzero(Y, axis=0)
    if (sums != 1).any():
        column = int(np.flatnonzero(sums != 1)[0])
        raise ValueError(
            f"Y must be one-hot: every column must sum to 1, column {column} sums to "
            f"{int(sums[column])}"
        )
    return Y.astype(Z.dtype, copy=False)


def softmax(Z: ArrayLike) -> np.ndarray:
    r"""The softmax of each column of logits: class probabilities for each example.

    .. math::

        p_{ki} = \frac{e^{z_{ki}}}{\sum_{l=1}^K e^{z_{li}}}
               = \frac{e^{z_{ki} - \max_l z_{li}}}{\sum_{l=1}^K e^{z_{li} - \max_l z_{li}}}

    The second form, the one computed, never overflows: every exponential is in (0, 1] and the
    denominator is at least 1. With two classes, :math:`p_1 = \sigma(z_1 - z_2)` ([R17]).
    Computed by :func:`mathreg.numeric.textbook.softmax`. Reference: Goodfellow, Bengio &
    Courville, *Deep Learning* (2016), §6.2.2.3.

    Parameters
    ----------
    Z : array_like of float32 or float64
        Finite logits, shape (K, m): classes × examples.

    Returns
    -------
    numpy.ndarray
        Probabilities in [0, 1], a new array with the shape and dtype of ``Z``; each column
        sums to 1 (to rounding).

    Raises
    ------
    TypeError
        If ``Z`` is not float32/float64.
    ValueError
        If ``Z`` is not 2-D, is empty or holds NaN/inf.

    Examples
    --------
    >>> import numpy as np
    >>> softmax(np.array([[0.0, 1e4], [np.log(3), -1e4]])).round(6).tolist()
    [[0.25, 1.0], [0.75, 0.0]]
    """
    return textbook.softmax(_logits(Z))


def softmax_cross_entropy_with_logits(Y: ArrayLike, Z: ArrayLike) -> float:
    r"""The mean multi-class cross-entropy of labels ``Y`` under the softmax of logits ``Z``.

    The negative log of the categorical likelihood :math:`\prod_k p_k^{y_k}` per example,
    averaged; by [R16]

    .. math::

        L = \frac1m \sum_{i=1}^m \Big( -\sum_{k=1}^K y_{ki} z_{ki}
            + \log \sum_{l=1}^K e^{z_{li}} \Big),
        \qquad \frac{\partial L}{\partial Z} = \frac{\operatorname{softmax}(Z) - Y}{m}

    The log-sum-exp is taken after subtracting each column's largest logit, so the loss is
    finite and exact to rounding for every finite logit (|z| up to 1e4 is tested against
    50-digit arithmetic); nothing is clipped. With two classes it is the binary cross-entropy
    of :math:`\sigma(z_1 - z_2)` ([R17]). Computed by
    :func:`mathreg.numeric.textbook.softmax_cross_entropy_with_logits`. PyTorch:
    ``torch.nn.functional.cross_entropy(Z.T, labels)``.

    Parameters
    ----------
    Y : array_like
        Integer class labels of shape (m,), each in [0, K); or one-hot labels of shape (K, m)
        (bool, integer or float 0/1, each column summing to 1).
    Z : array_like of float32 or float64
        Finite logits, shape (K, m): classes × examples.

    Returns
    -------
    float
        The mean loss, :math:`\ge 0`.

    Raises
    ------
    TypeError
        If ``Z`` is not float32/float64, ``Y`` of shape (m,) is not an integer array, or ``Y``
        is not a bool/integer/float array.
    ValueError
        If ``Z`` is not 2-D or holds NaN/inf, ``Y`` has the wrong shape, a label is outside
        [0, K), or a one-hot column has an entry other than 0 and 1 or does not sum to 1.

    Examples
    --------
    >>> import numpy as np
    >>> Z = np.array([[2.0, -1e4], [0.0, 1e4], [0.0, 0.0]])   # 3 classes, 2 examples
    >>> round(softmax_cross_entropy_with_logits([0, 1], Z), 6)   # (log(e^2 + 2) - 2 + 0) / 2
    0.119772
    >>> round(softmax_cross_entropy_with_logits([[1, 0], [0, 1], [0, 0]], Z), 6)  # one-hot
    0.119772
    """
    Z = _logits(Z)
    return textbook.softmax_cross_entropy_with_logits(_one_hot(Y, Z), Z)


def softmax_cross_entropy_gradient(Y: ArrayLike, Z: ArrayLike) -> np.ndarray:
    r"""The gradient of :func:`softmax_cross_entropy_with_logits` in the logits: [R16].

    .. math::

        \frac{\partial L}{\partial z_{ki}} = \frac{p_{ki} - y_{ki}}{m},
        \qquad p = \operatorname{softmax}(Z)

    the prediction minus the label, divided by the number of examples. Computed by
    :func:`mathreg.numeric.textbook.softmax_cross_entropy_gradient`.

    Parameters
    ----------
    Y : array_like
        Labels, as in :func:`softmax_cross_entropy_with_logits`.
    Z : array_like of float32 or float64
        Finite logits, shape (K, m).

    Returns
    -------
    numpy.ndarray
        Shape (K, m), the dtype of ``Z``; each column sums to 0.

    Raises
    ------
    TypeError, ValueError
        As :func:`softmax_cross_entropy_with_logits`.

    Examples
    --------
    >>> import numpy as np
    >>> Z = np.array([[0.0], [np.log(3)]])                    # p = (1/4, 3/4)
    >>> softmax_cross_entropy_gradient([0], Z).round(6).tolist()   # p - y
    [[-0.75], [0.75]]
    """
    Z = _logits(Z)
    return textbook.softmax_cross_entropy_gradient(_one_hot(Y, Z), Z)
