r"""Ridge regression, eqs. [R2] and [R3]: the L2-penalised least-squares fit and its shrinkage.

Linear models take ``X`` of shape (m, d), one row per example (as in regression texts and
scikit-learn; the networks' activations are (features, examples)), and ``y`` of shape (m,).
There is no intercept: centre ``X`` and ``y`` first, or add a column of ones (which is then
penalised too). The linear algebra is done in float64; results have the dtype of ``X``.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v

__all__ = ["ridge_fit", "ridge_shrinkage"]


def _ridge_solve(X: np.ndarray, y: np.ndarray, lam: float) -> np.ndarray:
    """Solve the normal equations (XᵀX + λI) ŵ = Xᵀy of eq. [R2] for ŵ."""
    d = X.shape[1]
    return np.linalg.solve(X.T @ X + lam * np.eye(d), X.T @ y)  # a solve, never an inverse


def _shrinkage_factors(X: np.ndarray, lam: float) -> np.ndarray:
    """μᵢ/(μᵢ + λ) of eq. [R3] for the eigenvalues μᵢ of XᵀX, largest first."""
    d = X.shape[1]
    s = np.linalg.svd(X, compute_uv=False)  # XᵀX = QΛQᵀ with Λ = diag(s²): μᵢ = sᵢ² ≥ 0,
    mu = np.zeros(d)  # and d − m more zeros when there are fewer examples than features
    mu[: s.size] = s**2
    return mu / (mu + lam)


def _require_full_column_rank(X: np.ndarray, what: str) -> None:
    """Raise unless the columns of ``X`` are linearly independent (rank d, to rounding)."""
    rank, d = int(np.linalg.matrix_rank(X)), X.shape[1]
    if rank < d:
        raise ValueError(
            f"lam must be > 0 when X has rank {rank} < d = {d}: with lam = 0 {what} "
            "(XᵀX is singular)"
        )


def ridge_fit(X: ArrayLike, y: ArrayLike, lam: float) -> np.ndarray:
    r"""The ridge regression weights, eq. [R2]: the minimiser of the L2-penalised squared error.

    .. math::

        \hat w = \arg\min_w \tfrac12\lVert y - Xw\rVert^2 + \tfrac\lambda2\lVert w\rVert^2
        = (X^TX + \lambda I)^{-1} X^T y

    computed by solving the linear system :math:`(X^TX + \lambda I)\hat w = X^Ty`; the inverse
    is never formed. For :math:`\lambda > 0` the system has exactly one solution whatever
    ``X``; for :math:`\lambda = 0` (least squares) only when the columns of ``X`` are linearly
    independent, and otherwise this raises rather than pick one of the many minimisers.
    For :math:`\lambda = 0` and an ill-conditioned ``X``, :func:`numpy.linalg.lstsq` is more
    accurate (the normal equations square the condition number).

    No intercept is fitted: centre ``X`` and ``y`` first if the data need one.

    Parameters
    ----------
    X : array_like of float32 or float64, shape (m, d)
        The inputs, one row per example.
    y : array_like, shape (m,), same dtype as X
        The targets.
    lam : float
        The penalty strength :math:`\lambda \ge 0`.

    Returns
    -------
    numpy.ndarray, shape (d,)
        :math:`\hat w`, computed in float64, returned in the dtype of ``X``.

    Raises
    ------
    TypeError
        If ``X`` or ``y`` is not float32/float64, their dtypes differ, or ``lam`` is not a
        real number.
    ValueError
        If ``X`` is not 2-D, ``y`` is not of shape (m,), an array is empty or holds NaN/inf,
        ``lam < 0``, or ``lam = 0`` while ``X`` has rank below d.

    References
    ----------
    Goodfellow, Bengio and Courville, *Deep Learning* (2016), §7.1.1; Bishop, *Pattern
    Recognition and Machine Learning* (2006), §3.1.4.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[1.0, 0.0], [0.0, 2.0], [0.0, 0.0]])
    >>> y = np.array([3.0, 4.0, 1.0])
    >>> ridge_fit(X, y, lam=0.0)           # least squares: 3 / 1 and 8 / 4
    array([3., 2.])
    >>> ridge_fit(X, y, lam=1.0)           # XᵀX + I = diag(2, 5): 3 / 2 and 8 / 5
    array([1.5, 1.6])
    """
    X, y = v.linear_data(X, y)
    lam = v.nonnegative(lam, "lam")
    X64, y64 = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    if lam == 0:
        _require_full_column_rank(X64, "the least-squares solution is not unique")
    return _ridge_solve(X64, y64, lam).astype(X.dtype, copy=False)


def ridge_shrinkage(X: ArrayLike, lam: float) -> np.ndarray:
    r"""The fraction ridge keeps along each eigen-direction of :math:`X^TX`, eq. [R3].

    With :math:`X^TX = Q\Lambda Q^T`, eigenvalues :math:`\mu_1 \ge \dots \ge \mu_d \ge 0`, the
    ridge solution is the least-squares one with its coordinate along the i-th eigenvector
    multiplied by

    .. math::

        \frac{\mu_i}{\mu_i + \lambda},

    close to 1 for directions the data determine well (:math:`\mu_i \gg \lambda`) and close to
    0 for poorly determined ones. Their sum, :math:`\sum_i \mu_i/(\mu_i + \lambda)`, is the
    effective number of parameters (Bishop §3.5.3). The eigenvalues are the squared singular
    values of ``X`` (and :math:`d - m` zeros when :math:`m < d`).

    Parameters
    ----------
    X : array_like of float32 or float64, shape (m, d)
        The inputs, one row per example.
    lam : float
        The penalty strength :math:`\lambda \ge 0`; 0 only when ``X`` has rank d (then every
        factor is 1).

    Returns
    -------
    numpy.ndarray, shape (d,)
        The factors in [0, 1], for the eigenvalues in decreasing order, in the dtype of ``X``.

    Raises
    ------
    TypeError
        If ``X`` is not float32/float64 or ``lam`` is not a real number.
    ValueError
        If ``X`` is not 2-D, is empty or holds NaN/inf, ``lam < 0``, or ``lam = 0`` while
        ``X`` has rank below d.

    References
    ----------
    Goodfellow et al. (2016), §7.1.1, eq. (7.13); Bishop (2006), §3.5.3, eq. (3.91).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.array([[3.0, 0.0], [0.0, 1.0]])    # XᵀX = diag(9, 1)
    >>> ridge_shrinkage(X, lam=1.0)               # 9 / 10 and 1 / 2
    array([0.9, 0.5])
    >>> float(ridge_shrinkage(X, lam=1.0).sum())  # the effective number of parameters
    1.4
    """
    X = v.design_matrix(X)
    lam = v.nonnegative(lam, "lam")
    X64 = np.asarray(X, dtype=np.float64)
    if lam == 0:
        _require_full_column_rank(X64, "a direction with eigenvalue 0 has no factor (0/0)")
    return _shrinkage_factors(X64, lam).astype(X.dtype, copy=False)
