r"""L1 regularization, eq. [R5]: soft-thresholding, and the lasso solved by coordinate descent.

Linear models take ``X`` of shape (m, d), one row per example, and ``y`` of shape (m,); no
intercept is fitted. The lasso minimises :math:`\frac12\lVert y - Xw\rVert^2 + \lambda\lVert
w\rVert_1`; along one coordinate, with the others fixed, that is the one-weight problem of
[R5], so each update is a soft-threshold and sets the weight *exactly* to zero when the data
do not pay for it.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v

__all__ = ["ConvergenceError", "lasso_fit", "soft_threshold"]


class ConvergenceError(RuntimeError):
    """An iterative solver reached its iteration cap before its stated tolerance.

    Raised instead of returning an answer that is not known to be accurate.
    """


def _soft_threshold(w: np.ndarray, t: float) -> np.ndarray:
    """sign(w) · max(|w| − t, 0), eq. [R5] with t = α/h."""
    return np.sign(w) * np.maximum(np.abs(w) - t, 0.0)


def _duality_gap(X: np.ndarray, y: np.ndarray, w: np.ndarray, lam: float) -> float:
    """P(w) − D(θ) ≥ P(w) − min P for the lasso objective P and a feasible dual point θ."""
    r = y - X @ w  # the residual
    primal = 0.5 * r @ r + lam * np.sum(np.abs(w))  # P(w) = ½‖y − Xw‖² + λ‖w‖₁
    correlation = np.max(np.abs(X.T @ r))  # θ = s·r must satisfy ‖Xᵀθ‖∞ ≤ λ
    theta = r * min(1.0, lam / correlation) if correlation > 0 else r
    dual = theta @ y - 0.5 * theta @ theta  # D(θ) = ½‖y‖² − ½‖y − θ‖² ≤ min P
    return float(primal - dual)


def _lasso_coordinate_descent(
    X: np.ndarray, y: np.ndarray, lam: float, tol: float, max_sweeps: int
) -> np.ndarray:
    """Minimise ½‖y − Xw‖² + λ‖w‖₁ one coordinate at a time, each by soft-thresholding [R5]."""
    h = np.sum(X**2, axis=0)  # the curvature along coordinate j: ‖x⁽ʲ⁾‖²
    w = np.zeros(X.shape[1])
    r = y.copy()  # the residual y − Xw
    target = tol * 0.5 * (y @ y)  # tol times the objective at w = 0
    for _ in range(max_sweeps):
        for j in np.flatnonzero(h):  # a zero column leaves its weight at 0
            w_star = w[j] + X[:, j] @ r / h[j]  # the best w_j without the penalty
            w_j = _soft_threshold(w_star, lam / h[j])  # [R5] with α = λ, h = ‖x⁽ʲ⁾‖²
            r -= (w_j - w[j]) * X[:, j]
            w[j] = w_j
        gap = _duality_gap(X, y, w, lam)
        if gap <= target:
            return w
    raise ConvergenceError(
        f"lasso_fit did not converge in max_sweeps = {max_sweeps} sweeps: the duality gap is "
        f"{gap:.3g}, above tol · ½‖y‖² = {target:.3g}; raise max_sweeps or tol"
    )


def soft_threshold(w: ArrayLike, t: float) -> np.ndarray:
    r"""Soft-thresholding, eq. [R5]: shrink every entry towards 0 by ``t``, stopping at 0.

    .. math::

        S_t(w) = \operatorname{sign}(w)\,\max(|w| - t,\, 0)
        = \arg\min_v \tfrac12 (v - w)^2 + t\,|v|

    is the minimiser of a quadratic plus an L1 penalty: [R5] with :math:`w^*` = ``w`` and
    :math:`\alpha/h` = ``t``. Entries with :math:`|w| \le t` become exactly 0.

    Parameters
    ----------
    w : array_like of float32 or float64
        The unpenalised values, any shape.
    t : float
        The threshold :math:`t \ge 0`.

    Returns
    -------
    numpy.ndarray
        A new array, the shape and dtype of ``w`` (zeros are +0.0).

    Raises
    ------
    TypeError
        If ``w`` is not float32/float64 or ``t`` is not a real number.
    ValueError
        If ``w`` is empty or holds NaN/inf, or ``t`` is negative or not finite.

    References
    ----------
    Goodfellow et al. (2016), §7.1.2, eq. (7.22); Bishop (2006), §3.1.4.

    Examples
    --------
    >>> import numpy as np
    >>> soft_threshold(np.array([-3.0, -0.5, 0.0, 0.2, 2.5]), t=1.0)
    array([-2. ,  0. ,  0. ,  0. ,  1.5])
    """
    w = v.float_array(w, "w")
    t = v.nonnegative(t, "t")
    return _soft_threshold(w, t) + w.dtype.type(0)  # + 0 turns the −0.0 of sign(w)·0 into 0.0


def lasso_fit(
    X: ArrayLike, y: ArrayLike, lam: float, *, tol: float = 1e-10, max_sweeps: int = 10_000
) -> np.ndarray:
    r"""The lasso: least squares with an L1 penalty, by cyclic coordinate descent.

    .. math::

        \hat w = \arg\min_w P(w), \qquad
        P(w) = \tfrac12\lVert y - Xw\rVert^2 + \lambda \lVert w\rVert_1 .

    With the other weights fixed, :math:`P` along coordinate :math:`j` is
    :math:`\frac h2 (w_j - w_j^*)^2 + \lambda |w_j|` plus a constant, with
    :math:`h = \lVert x^{(j)}\rVert^2` (the column's squared norm) and :math:`w_j^*` the best
    :math:`w_j` without the penalty; its minimiser is the soft-threshold of [R5],
    :math:`\operatorname{sign}(w_j^*)\max(|w_j^*| - \lambda/h, 0)`. Sweeps over
    :math:`j = 1, \dots, d` repeat until the duality gap certifies
    :math:`P(w) - \min P \le \text{tol}\cdot P(0)`, with :math:`P(0) = \frac12\lVert y\rVert^2`.
    Weights the data do not pay for are exactly 0.

    Parameters
    ----------
    X : array_like of float32 or float64, shape (m, d)
        The inputs, one row per example (no intercept is fitted).
    y : array_like, shape (m,), same dtype as X
        The targets.
    lam : float
        The penalty strength :math:`\lambda > 0` (for :math:`\lambda = 0`, least squares, use
        :func:`ridge_fit` with ``lam=0``). From :math:`\lambda \ge \lVert X^Ty\rVert_\infty`
        on, the solution is 0.
    tol : float, optional
        The accuracy, relative to :math:`P(0)`, certified by the duality gap (default 1e-10).
    max_sweeps : int, optional
        The cap on the number of sweeps over the coordinates (default 10 000).

    Returns
    -------
    numpy.ndarray, shape (d,)
        :math:`\hat w`, computed in float64, returned in the dtype of ``X``.

    Raises
    ------
    TypeError
        If ``X`` or ``y`` is not float32/float64, their dtypes differ, ``lam`` or ``tol`` is
        not a real number, or ``max_sweeps`` is not an integer.
    ValueError
        If ``X`` is not 2-D, ``y`` is not of shape (m,), an array is empty or holds NaN/inf,
        ``lam <= 0``, ``tol`` is not in (0, 1), or ``max_sweeps < 1``.
    ConvergenceError
        If the duality gap is still above the tolerance after ``max_sweeps`` sweeps.

    References
    ----------
    Tibshirani, "Regression shrinkage and selection via the lasso", *JRSS B* 58 (1996);
    Friedman, Hastie and Tibshirani, "Regularization paths for generalized linear models via
    coordinate descent", *J. Stat. Softw.* 33 (2010); Goodfellow et al. (2016), §7.1.2.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.eye(3)                         # orthonormal columns: [R5] coordinate by coordinate
    >>> y = np.array([3.0, -0.5, 1.0])
    >>> lasso_fit(X, y, lam=1.0)
    array([2., 0., 0.])
    >>> bool(np.all(lasso_fit(X, y, lam=3.0) == 0))   # λ ≥ max|Xᵀy| = 3: all weights are 0
    True
    """
    X, y = v.linear_data(X, y)
    lam = v.positive(lam, "lam")
    tol = v.positive(tol, "tol")
    if not tol < 1:
        raise ValueError(f"tol must be in (0, 1), got {tol!r}")
    max_sweeps = v.positive_int(max_sweeps, "max_sweeps")
    X64, y64 = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    w = _lasso_coordinate_descent(X64, y64, lam, tol, max_sweeps)
    return (w + 0.0).astype(X.dtype, copy=False)  # + 0.0: no −0.0 from a soft-threshold
