r"""The bias–variance decomposition [R1], measured from models refitted on many training sets.

A model is fitted on :math:`K` independent training sets and each fit is evaluated at the same
:math:`n` test inputs :math:`x_i`, where the true function :math:`f(x_i)` is known and a fresh
noisy test label is drawn for every fit. Expectations over training sets and test noise are
then averages over the :math:`K` fits, and the terms are averaged over the test inputs.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v

__all__ = ["BiasVariance", "bias_variance_decomposition"]


class BiasVariance(NamedTuple):
    """The terms of [R1] and the measured test error, each averaged over the test inputs."""

    noise: float
    """The mean of :math:`(y - f(x))^2`: the noise variance :math:`\\sigma^2`, measured."""
    bias_squared: float
    """The mean over the inputs of :math:`(f(x) - \\mathbb E[\\hat f(x)])^2`."""
    variance: float
    """The mean over the inputs of :math:`\\mathbb E[(\\hat f(x) - \\mathbb E[\\hat f(x)])^2]`."""
    test_error: float
    """The mean of :math:`(y - \\hat f(x))^2`: the left-hand side of [R1], measured."""

    @property
    def total(self) -> float:
        """Noise plus squared bias plus variance: the right-hand side of [R1]."""
        return self.noise + self.bias_squared + self.variance

    @property
    def discrepancy(self) -> float:
        """Test error minus :attr:`total`: the sample's cross term, zero in expectation."""
        return self.test_error - self.total


def _decomposition(predictions: np.ndarray, f: np.ndarray, y: np.ndarray) -> BiasVariance:
    """The terms of [R1], with expectations over the fits (axis 0) taken as averages."""
    mean_prediction = np.mean(predictions, axis=0)  # E[f̂(x)] at each test input
    return BiasVariance(
        noise=float(np.mean((y - f) ** 2)),  # E[ε²] = σ²
        bias_squared=float(np.mean((f - mean_prediction) ** 2)),  # (f − E[f̂])²
        variance=float(np.mean((predictions - mean_prediction) ** 2)),  # E[(f̂ − E[f̂])²]
        test_error=float(np.mean((y - predictions) ** 2)),  # E[(y − f̂)²]
    )


def bias_variance_decomposition(predictions: ArrayLike, f: ArrayLike, y: ArrayLike) -> BiasVariance:
    r"""Noise, squared bias and variance of a model refitted on many training sets, [R1],
    next to its measured test error.

    With :math:`\hat f_k` the model fitted on the k-th of :math:`K` training sets,
    :math:`\bar f(x) = \frac1K\sum_k \hat f_k(x)` and :math:`y_{ki} = f(x_i) +
    \varepsilon_{ki}` a test label drawn independently of training set k,

    .. math::

        \underbrace{\frac{1}{Kn}\sum_{k,i} (y_{ki} - \hat f_k(x_i))^2}_{\text{test error}}
        \approx
        \underbrace{\frac{1}{Kn}\sum_{k,i} \varepsilon_{ki}^2}_{\text{noise}}
        + \underbrace{\frac1n \sum_i (f(x_i) - \bar f(x_i))^2}_{\text{bias}^2}
        + \underbrace{\frac{1}{Kn}\sum_{k,i} (\hat f_k(x_i) - \bar f(x_i))^2}_{\text{variance}}.

    [R1] states the equality for the expectations. For the averages of one sample the two
    sides differ by :math:`\frac{2}{Kn}\sum_{k,i}\varepsilon_{ki}(f(x_i) - \hat f_k(x_i))`, the
    cross term whose expectation [R1] shows to be 0 (the noise has mean 0 and is independent of
    the fit): :attr:`BiasVariance.discrepancy` is that term, and shrinks like
    :math:`1/\sqrt{Kn}`.

    Parameters
    ----------
    predictions : array_like of float32 or float64, shape (K, n)
        Row k: the model fitted on training set k, evaluated at the n test inputs.
    f : array_like, shape (n,), same dtype
        The true function at the test inputs.
    y : array_like, shape (K, n), same dtype
        Test labels: ``y[k]`` drawn at the test inputs independently of training set k.

    Returns
    -------
    BiasVariance
        ``(noise, bias_squared, variance, test_error)`` as floats, each averaged over the
        test inputs, with the properties ``total`` and ``discrepancy``.

    Raises
    ------
    TypeError
        If an array is not float32/float64 or the dtypes differ.
    ValueError
        If ``predictions`` is not 2-D, ``f`` is not of shape (n,) or ``y`` of shape (K, n),
        or an array is empty or holds NaN/inf.

    References
    ----------
    Geman, Bienenstock and Doursat, "Neural networks and the bias/variance dilemma", *Neural
    Computation* 4 (1992); Bishop (2006), §3.2; Goodfellow et al. (2016), §5.4.4.

    Examples
    --------
    >>> import numpy as np
    >>> predictions = np.array([[1.0, 2.0], [3.0, 2.0]])  # two fits, two test inputs
    >>> f = np.array([1.0, 1.0])
    >>> y = np.array([[1.5, 0.5], [0.5, 1.5]])             # noise ±0.5
    >>> terms = bias_variance_decomposition(predictions, f, y)
    >>> terms
    BiasVariance(noise=0.25, bias_squared=1.0, variance=0.5, test_error=2.25)
    >>> terms.total, terms.discrepancy
    (1.75, 0.5)
    >>> float(2 * np.mean((y - f) * (f - predictions)))  # this sample's cross term
    0.5
    """
    predictions = v.float_array(predictions, "predictions")
    if predictions.ndim != 2:
        raise ValueError(
            f"predictions must be a 2-D array of shape (K, n), one row per fitted model, got "
            f"shape {predictions.shape}"
        )
    n = predictions.shape[1]
    f = v.float_array(f, "f")
    if f.shape != (n,):
        raise ValueError(
            f"f must have shape (n,) = ({n},), one value per test input, got shape {f.shape}"
        )
    y = v.float_array(y, "y")
    v.same_shape(predictions, y, "predictions", "y")
    v.same_dtype(predictions, f, "predictions", "f")
    v.same_dtype(predictions, y, "predictions", "y")
    as64 = [np.asarray(a, dtype=np.float64) for a in (predictions, f, y)]
    return _decomposition(*as64)
