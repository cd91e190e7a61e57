r"""Gradient descent on least squares from w = 0, whose path early stopping cuts short, [R8].

Linear models take ``X`` of shape (m, d), one row per example, and ``y`` of shape (m,). The
loss is the *sum* :math:`\frac12\lVert y - Xw\rVert^2`, whose Hessian is :math:`X^TX`; the
step size must be below :math:`2/\mu_{\max}`, :math:`\mu_{\max}` the largest eigenvalue of
:math:`X^TX`, for the iteration to converge.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v

__all__ = ["gradient_descent_path"]


def _gradient_descent(X: np.ndarray, y: np.ndarray, lr: float, steps: int) -> np.ndarray:
    """w₀ = 0 and w_{τ+1} = w_τ − ε Xᵀ(X w_τ − y): gradient descent on ½‖y − Xw‖²."""
    path = np.zeros((steps + 1, X.shape[1]))
    for tau in range(steps):
        path[tau + 1] = path[tau] - lr * X.T @ (X @ path[tau] - y)
    return path


def gradient_descent_path(X: ArrayLike, y: ArrayLike, lr: float, steps: int) -> np.ndarray:
    r"""Every iterate of gradient descent on :math:`\frac12\lVert y - Xw\rVert^2` from
    :math:`w_0 = 0`.

    .. math::

        w_0 = 0, \qquad w_{\tau+1} = w_\tau - \varepsilon\, X^T(Xw_\tau - y).

    In the eigenbasis of :math:`X^TX = Q\Lambda Q^T` every coordinate moves on its own, and
    [R8] gives it in closed form: :math:`Q^Tw_\tau = [I - (I - \varepsilon\Lambda)^\tau]
    Q^Tw^*`, with :math:`w^*` the least-squares solution (of least norm). Stopping at step
    :math:`\tau` acts like ridge regression with :math:`\lambda \approx 1/(\tau\varepsilon)`
    ([R9], [R10]). A step :math:`\varepsilon \ge 2/\mu_{\max}` would make the coordinate
    along the top eigenvector grow (or oscillate) without end, so it is refused.

    Parameters
    ----------
    X : array_like of float32 or float64, shape (m, d)
        The inputs, one row per example.
    y : array_like, shape (m,), same dtype as X
        The targets.
    lr : float
        The step size :math:`\varepsilon`, with :math:`0 < \varepsilon < 2/\mu_{\max}`.
    steps : int
        The number of steps :math:`\tau \ge 0`.

    Returns
    -------
    numpy.ndarray, shape (steps + 1, d)
        Row :math:`\tau` is :math:`w_\tau` (row 0 is zeros), computed in float64, returned in
        the dtype of ``X``.

    Raises
    ------
    TypeError
        If ``X`` or ``y`` is not float32/float64, their dtypes differ, ``lr`` is not a real
        number, or ``steps`` is not an integer.
    ValueError
        If ``X`` is not 2-D, ``y`` is not of shape (m,), an array is empty or holds NaN/inf,
        ``lr <= 0`` or ``lr >= 2/μ_max``, or ``steps < 0``.

    References
    ----------
    Goodfellow et al. (2016), §7.8, eqs. (7.33)–(7.40); Bishop (2006), §5.5.2.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[2.0, 0.0], [0.0, 1.0]])    # XᵀX = diag(4, 1); w* = (1, 1)
    >>> y = np.array([2.0, 1.0])
    >>> gradient_descent_path(X, y, lr=0.125, steps=2)  # each step: 1 − εμ = 1/2 and 7/8
    array([[0.     , 0.     ],
           [0.5    , 0.125  ],
           [0.75   , 0.234375]])
    """
    X, y = v.linear_data(X, y)
    lr = v.positive(lr, "lr")
    steps = v.nonnegative_int(steps, "steps")
    X64, y64 = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    mu_max = float(np.linalg.norm(X64, 2)) ** 2  # the largest eigenvalue of XᵀX
    if lr * mu_max >= 2:
        raise ValueError(
            f"lr must be < 2/μ_max = {2 / mu_max:.6g}, with μ_max = {mu_max:.6g} the largest "
            f"eigenvalue of XᵀX (beyond it gradient descent diverges), got {lr!r}"
        )
    return _gradient_descent(X64, y64, lr, steps).astype(X.dtype, copy=False)
