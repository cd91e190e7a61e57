r"""Noise on the inputs of a linear model, eq. [R6]: its expected squared error in closed form.

Linear models take ``X`` of shape (m, d), one row per example, ``y`` of shape (m,) and weights
``w`` of shape (d,).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v

__all__ = ["expected_noisy_loss"]


def _expected_noisy_loss(X: np.ndarray, y: np.ndarray, w: np.ndarray, sigma: float) -> float:
    """Σᵢ (yᵢ − xᵢᵀw)² + m σ² ‖w‖²: eq. [R6] for each example, summed over the m examples."""
    m = X.shape[0]
    return float(np.sum((y - X @ w) ** 2) + m * sigma**2 * np.sum(w**2))


def expected_noisy_loss(X: ArrayLike, y: ArrayLike, w: ArrayLike, sigma: float) -> float:
    r"""The squared error of a linear model with Gaussian noise on its inputs, averaged over the
    noise, eq. [R6] summed over the examples.

    Each input of each example is perturbed by independent noise of mean 0 and standard
    deviation :math:`\sigma` (Gaussian, or any other distribution with these two moments):

    .. math::

        \mathbb E_\varepsilon \sum_{i=1}^m \big(y_i - (x_i + \varepsilon_i)^T w\big)^2
        = \lVert y - Xw\rVert^2 + m\,\sigma^2 \lVert w\rVert^2 .

    Training on noisy inputs therefore minimises, on average, the ridge objective
    :math:`\frac12\lVert y - Xw\rVert^2 + \frac\lambda2\lVert w\rVert^2` with
    :math:`\lambda = m\sigma^2` (:func:`ridge_fit`).

    Parameters
    ----------
    X : array_like of float32 or float64, shape (m, d)
        The clean inputs, one row per example.
    y : array_like, shape (m,), same dtype as X
        The targets.
    w : array_like, shape (d,), same dtype as X
        The weights.
    sigma : float
        The noise's standard deviation :math:`\sigma \ge 0`.

    Returns
    -------
    float
        The expected sum of squared errors, computed in float64.

    Raises
    ------
    TypeError
        If an array is not float32/float64, the dtypes differ, or ``sigma`` is not a real
        number.
    ValueError
        If ``X`` is not 2-D, ``y`` is not of shape (m,) or ``w`` of shape (d,), an array is
        empty or holds NaN/inf, or ``sigma`` is negative or not finite.

    References
    ----------
    Bishop, "Training with noise is equivalent to Tikhonov regularization", *Neural
    Computation* 7 (1995); Bishop (2006), §5.5.5; Goodfellow et al. (2016), §7.5.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 2.0], [0.0, 1.0]])
    >>> y = np.array([3.0, 2.0])
    >>> w = np.array([1.0, 1.0])
    >>> expected_noisy_loss(X, y, w, sigma=0.0)  # the clean squared error: 0² + 1²
    1.0
    >>> expected_noisy_loss(X, y, w, sigma=0.5)  # + m σ² ‖w‖² = 2 · 0.25 · 2
    2.0
    """
    X, y = v.linear_data(X, y)
    w = v.weight_vector(w, X)
    sigma = v.nonnegative(sigma, "sigma")
    as64 = [np.asarray(a, dtype=np.float64) for a in (X, y, w)]
    return _expected_noisy_loss(*as64, sigma)
