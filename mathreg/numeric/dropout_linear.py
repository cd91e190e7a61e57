r"""Inverted dropout on the inputs of a linear model, eq. [R7]: its expected squared error.

Linear models take ``X`` of shape (m, d), one row per example, ``y`` of shape (m,) and weights
``w`` of shape (d,). As in the rest of the book, ``keep_prob`` is the probability of *keeping*
an input, and the kept inputs are divided by it (inverted dropout).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v

__all__ = ["expected_dropout_loss"]


def _expected_dropout_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, keep_prob: float) -> float:
    """‖y − Xw‖² + ((1 − p)/p) Σⱼ wⱼ² ‖x⁽ʲ⁾‖², eq. [R7] with p = keep_prob."""
    column_norms = np.sum(X**2, axis=0)  # ‖x⁽ʲ⁾‖²: input j's squared norm over the examples
    penalty = (1 - keep_prob) / keep_prob * np.sum(w**2 * column_norms)
    return float(np.sum((y - X @ w) ** 2) + penalty)


def expected_dropout_loss(X: ArrayLike, y: ArrayLike, w: ArrayLike, keep_prob: float) -> float:
    r"""The squared error of a linear model under inverted input dropout, averaged over the
    masks, eq. [R7].

    Every input :math:`X_{ij}` is kept with probability :math:`p` = ``keep_prob``,
    independently, and the kept ones are divided by :math:`p` (:math:`R_{ij} \in \{0, 1\}`):

    .. math::

        \mathbb E_R \sum_{i=1}^m \Big(y_i - \sum_{j=1}^d \frac{R_{ij}}{p} X_{ij} w_j\Big)^2
        = \lVert y - Xw\rVert^2 + \frac{1-p}{p} \sum_{j=1}^d w_j^2 \lVert x^{(j)}\rVert^2 ,

    with :math:`x^{(j)}` the j-th column of ``X``: ridge regression in which each weight's
    penalty grows with the squared norm of its input. (Without the division by :math:`p`,
    Srivastava et al. 2014, §9.1, find :math:`\lVert y - pXw\rVert^2 + p(1-p)\lVert\Gamma
    w\rVert^2`, :math:`\Gamma = \operatorname{diag}(X^TX)^{1/2}`: the same penalty for the
    rescaled weights :math:`pw`.)

    Parameters
    ----------
    X : array_like of float32 or float64, shape (m, d)
        The inputs, one row per example.
    y : array_like, shape (m,), same dtype as X
        The targets.
    w : array_like, shape (d,), same dtype as X
        The weights.
    keep_prob : float
        The probability of keeping an input, in (0, 1]; 1 is no dropout.

    Returns
    -------
    float
        The expected sum of squared errors, computed in float64.

    Raises
    ------
    TypeError
        If an array is not float32/float64, the dtypes differ, or ``keep_prob`` is not a real
        number.
    ValueError
        If ``X`` is not 2-D, ``y`` is not of shape (m,) or ``w`` of shape (d,), an array is
        empty or holds NaN/inf, or ``keep_prob`` is not in (0, 1].

    References
    ----------
    Srivastava, Hinton, Krizhevsky, Sutskever and Salakhutdinov, "Dropout: a simple way to
    prevent neural networks from overfitting", *JMLR* 15 (2014), §9.1; Wager, Wang and Liang,
    "Dropout training as adaptive regularization", *NeurIPS* (2013).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 2.0], [0.0, 2.0]])     # column norms ‖x⁽¹⁾‖² = 1, ‖x⁽²⁾‖² = 8
    >>> y = np.array([3.0, 2.0])
    >>> w = np.array([1.0, 1.0])                   # residuals 0 and 0
    >>> expected_dropout_loss(X, y, w, keep_prob=1.0)
    0.0
    >>> expected_dropout_loss(X, y, w, keep_prob=0.5)  # (0.5 / 0.5) · (1 · 1 + 1 · 8)
    9.0
    """
    X, y = v.linear_data(X, y)
    w = v.weight_vector(w, X)
    keep_prob = v.keep_probability(keep_prob)
    as64 = [np.asarray(a, dtype=np.float64) for a in (X, y, w)]
    return _expected_dropout_loss(*as64, keep_prob)
