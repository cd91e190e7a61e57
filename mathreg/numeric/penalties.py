r"""The L2 penalty of eq. (11) and its gradient, the penalty's part of eq. (12).

Only weight matrices are penalised (biases are not), as in the note: a zero-mean Gaussian prior
on the weights, eq. (8), becomes :math:`\frac{\lambda}{2m}\sum_l \lVert W^{(l)} \rVert_F^2`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v
from mathreg.numeric import fast, textbook

__all__ = ["l2_gradient", "l2_penalty"]


def l2_penalty(weights: ArrayLike | Sequence[ArrayLike], lam: float, m: int) -> float:
    r"""The L2 penalty of eq. (11): :math:`\lambda/(2m)` times the sum of squared weights.

    .. math::

        R(W^{(1)}, \dots, W^{(L)}) = \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{(l)} \rVert_F^2
        = \frac{\lambda}{2m} \sum_{l=1}^{L} \sum_{j,k} \left(W^{(l)}_{jk}\right)^2

    For a single parameter vector :math:`\theta` this is :math:`\frac{\lambda}{2m}\theta^T\theta`,
    eq. (10). The squares are added in float64 block by block (:mod:`mathreg.numeric.fast`);
    the result agrees with :func:`mathreg.numeric.textbook.l2_penalty` to rounding.

    Parameters
    ----------
    weights : array_like or sequence of array_like, float32 or float64
        One weight matrix, or a list/tuple of the layers' weight matrices (any shapes).
    lam : float
        Regularization strength :math:`\lambda \ge 0`.
    m : int
        Number of training examples, :math:`m \ge 1`.

    Returns
    -------
    float
        The penalty, :math:`\ge 0`; 0 when ``lam`` is 0.

    Raises
    ------
    TypeError
        If a weight array is not float32/float64, ``lam`` is not a real number or ``m`` is not
        an integer.
    ValueError
        If ``weights`` is empty or holds NaN/inf, ``lam < 0`` or ``m < 1``.

    Examples
    --------
    >>> import numpy as np
    >>> W1 = np.array([[1.0, 2.0], [0.0, -2.0]])  # ||W1||_F^2 = 9
    >>> W2 = np.array([[3.0, 0.0]])               # ||W2||_F^2 = 9
    >>> l2_penalty([W1, W2], lam=0.5, m=3)        # 0.5 / 6 * 18
    1.5
    >>> l2_penalty(W1, lam=2.0, m=9)
    1.0
    """
    arrays = v.array_sequence(weights, "weights", scan=False)  # the kernel checks the sum
    lam = v.nonnegative(lam, "lam")
    m = v.positive_int(m, "m")
    return v.run_checked(
        fast.l2_penalty, (arrays, lam, m), lambda: v.array_sequence(weights, "weights")
    )


def l2_gradient(W: ArrayLike, lam: float, m: int) -> np.ndarray:
    r"""Gradient of the L2 penalty in one weight matrix: :math:`(\lambda/m) W`, from eq. (12).

    .. math::

        \frac{\partial}{\partial W^{(l)}} \frac{\lambda}{2m} \sum_{k} \lVert W^{(k)} \rVert_F^2
        = \frac{\lambda}{m} W^{(l)}

    The full gradient of :math:`J` is :math:`\operatorname{back}(W^{(l)})` plus this.

    Parameters
    ----------
    W : array_like of float32 or float64
        One layer's weight matrix.
    lam : float
        Regularization strength :math:`\lambda \ge 0`.
    m : int
        Number of training examples, :math:`m \ge 1`.

    Returns
    -------
    numpy.ndarray
        A new array, same shape and dtype as ``W``.

    Raises
    ------
    TypeError
        If ``W`` is not float32/float64, ``lam`` is not a real number or ``m`` is not an
        integer.
    ValueError
        If ``W`` is empty or holds NaN/inf, ``lam < 0`` or ``m < 1``.

    Examples
    --------
    >>> import numpy as np
    >>> l2_gradient(np.array([[2.0, -4.0]]), lam=0.5, m=2).tolist()
    [[0.5, -1.0]]
    """
    W = v.float_array(W, "W")
    lam = v.nonnegative(lam, "lam")
    m = v.positive_int(m, "m")
    return textbook.l2_gradient(W, lam, m)
