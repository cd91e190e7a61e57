r"""Gaussian noise on real-valued targets: the squared error and the noise variance, [R14]–[R15].

If each target is the model's prediction plus independent noise :math:`\mathcal N(0, \sigma^2)`,
the mean negative log-likelihood is the mean squared error scaled by :math:`1/(2\sigma^2)` and
shifted by :math:`\frac12\log(2\pi\sigma^2)`: for any :math:`\sigma` its minimiser is the least-
squares fit ([R14]), and with the predictions fixed its minimiser in :math:`\sigma^2` is the
mean squared residual ([R15]). Targets and predictions are real arrays of the same shape; each
entry is one example.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v
from mathreg.numeric import textbook

__all__ = ["gaussian_negative_log_likelihood", "mean_squared_error", "noise_variance"]


def _targets_and_predictions(y: ArrayLike, y_hat: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    y = v.float_array(y, "y")
    y_hat = v.float_array(y_hat, "y_hat")
    v.same_shape(y, y_hat, "y", "y_hat")
    v.same_dtype(y, y_hat, "y", "y_hat")
    return y, y_hat


def mean_squared_error(y: ArrayLike, y_hat: ArrayLike) -> float:
    r"""The mean squared error, the loss that Gaussian noise makes maximum likelihood minimise.

    .. math::

        \operatorname{MSE}(y, \hat y) = \frac1m \sum_{i=1}^m (y_i - \hat y_i)^2

    By [R14], the parameters that minimise it are the maximum-likelihood parameters under
    :math:`y_i \sim \mathcal N(\hat y_i, \sigma^2)`, whatever :math:`\sigma`. Computed by
    :func:`mathreg.numeric.textbook.mean_squared_error`. Reference: Bishop, *Pattern
    Recognition and Machine Learning* (2006), §3.1.1.

    Parameters
    ----------
    y : array_like of float32 or float64
        Targets, any shape; each entry is one example.
    y_hat : array_like, same shape and dtype as y
        Predictions.

    Returns
    -------
    float
        :math:`\ge 0`.

    Raises
    ------
    TypeError
        If an array is not float32/float64 or the dtypes differ.
    ValueError
        If the shapes differ, or an array is empty or holds NaN/inf.

    Examples
    --------
    >>> import numpy as np
    >>> mean_squared_error(np.array([1.0, 2.0, 4.0]), np.array([1.0, 3.0, 2.0]))  # (0+1+4)/3
    1.6666666666666667
    """
    return textbook.mean_squared_error(*_targets_and_predictions(y, y_hat))


def gaussian_negative_log_likelihood(y: ArrayLike, y_hat: ArrayLike, variance: float) -> float:
    r"""The mean negative log-likelihood of the targets under Gaussian noise of ``variance``.

    .. math::

        -\frac1m \log \prod_{i=1}^m \mathcal N\big(y_i;\, \hat y_i, \sigma^2\big)
        = \frac12 \log\big(2\pi\sigma^2\big) + \frac{\operatorname{MSE}(y, \hat y)}{2\sigma^2}

    For a fixed :math:`\sigma^2` this is an increasing affine function of the mean squared
    error, so both have the same minimiser ([R14]); over :math:`\sigma^2`, with the predictions
    fixed, it is smallest at :func:`noise_variance` ([R15]). Computed by
    :func:`mathreg.numeric.textbook.gaussian_negative_log_likelihood`. PyTorch:
    ``torch.nn.functional.gaussian_nll_loss(y_hat, y, var, full=True)``.

    Parameters
    ----------
    y : array_like of float32 or float64
        Targets, any shape; each entry is one example.
    y_hat : array_like, same shape and dtype as y
        Predictions, the means of the Gaussians.
    variance : float
        The noise variance :math:`\sigma^2 > 0`.

    Returns
    -------
    float

    Raises
    ------
    TypeError
        If an array is not float32/float64, the dtypes differ, or ``variance`` is not a real
        number.
    ValueError
        If the shapes differ, an array is empty or holds NaN/inf, or ``variance <= 0``.

    Examples
    --------
    >>> import numpy as np
    >>> y, y_hat = np.array([0.0, 2.0]), np.array([1.0, 1.0])        # MSE = 1
    >>> nll = gaussian_negative_log_likelihood(y, y_hat, variance=1.0)
    >>> bool(np.isclose(nll, 0.5 * np.log(2 * np.pi) + 0.5))
    True
    """
    y, y_hat = _targets_and_predictions(y, y_hat)
    variance = v.positive(variance, "variance")
    return textbook.gaussian_negative_log_likelihood(y, y_hat, variance)


def noise_variance(y: ArrayLike, y_hat: ArrayLike, n_params: int = 0) -> float:
    r"""The noise variance estimated from the residuals: the maximum-likelihood :math:`S/m` [R15].

    .. math::

        \hat\sigma^2 = \frac{1}{m - p} \sum_{i=1}^m (y_i - \hat y_i)^2

    With ``n_params`` :math:`p = 0` (the default) this is the maximum-likelihood estimate, the
    mean squared residual :math:`S/m` of [R15]. It is biased low: a fitted model has bent
    towards its own training noise, and for a linear model with :math:`p` parameters that
    contains the truth :math:`\mathbb E[S] = (m - p)\sigma^2`, so :math:`p` = the number of
    parameters gives the unbiased estimate (Bishop 2006, §1.2.4 and §3.1.1). Computed by
    :func:`mathreg.numeric.textbook.noise_variance`.

    Parameters
    ----------
    y : array_like of float32 or float64
        Targets, any shape; :math:`m` = ``y.size``.
    y_hat : array_like, same shape and dtype as y
        The fitted model's predictions.
    n_params : int, optional
        :math:`p`, an integer with :math:`0 \le p < m` (default 0).

    Returns
    -------
    float
        :math:`\ge 0`.

    Raises
    ------
    TypeError
        If an array is not float32/float64, the dtypes differ, or ``n_params`` is not an
        integer.
    ValueError
        If the shapes differ, an array is empty or holds NaN/inf, or ``n_params`` is not in
        [0, m).

    Examples
    --------
    >>> import numpy as np
    >>> y, y_hat = np.array([1.0, 2.0, 4.0]), np.array([1.0, 3.0, 2.0])  # S = 5
    >>> noise_variance(y, y_hat), noise_variance(y, y_hat, n_params=1)  # S/3, S/2
    (1.6666666666666667, 2.5)
    """
    y, y_hat = _targets_and_predictions(y, y_hat)
    if isinstance(n_params, (bool, np.bool_)) or not isinstance(n_params, numbers.Integral):
        raise TypeError(
            f"n_params must be an integer in [0, {y.size}), got {n_params!r} "
            f"({type(n_params).__name__})"
        )
    if not 0 <= n_params < y.size:
        raise ValueError(
            f"n_params must be in [0, m) = [0, {y.size}) for m = {y.size} examples, got {n_params}"
        )
    return textbook.noise_variance(y, y_hat, int(n_params))
