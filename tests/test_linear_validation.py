"""Bad input to the linear-model functions, one case per test: the error type, and a message
naming the argument and its valid range. Also: none of them modifies its inputs.

Linear models take X of shape (m, d) (rows are examples), y of shape (m,), w of shape (d,).
"""

import numpy as np
import pytest

from mathreg.numeric import (
    ConvergenceError,
    bias_variance_decomposition,
    expected_dropout_loss,
    expected_noisy_loss,
    gradient_descent_path,
    lasso_fit,
    ridge_fit,
    ridge_shrinkage,
    soft_threshold,
)

X = np.array([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])  # m = 3, d = 2; XᵀX = [[2, 1], [1, 5]]
Y = np.array([1.0, 2.0, 0.5])
W = np.array([0.5, -1.0])
RANK_ONE = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
NAN_X = np.array([[1.0, np.nan], [0.0, 2.0], [1.0, 1.0]])
LR_LIMIT = 2 / np.linalg.eigvalsh(X.T @ X).max()  # 2/μ_max ≈ 0.377
P = np.array([[1.0, 2.0], [3.0, 4.0]])  # two fits at two test inputs
F = np.array([1.0, 2.0])

# (id, call, exception, regex the message must match)
CASES = [
    # --- the data, as every linear-model function checks it (through ridge_fit) -------------
    (
        "X-1d",
        lambda: ridge_fit(Y, Y, 1.0),
        ValueError,
        r"X must be a 2-D array of shape \(m, d\), one row per example, got shape \(3,\)",
    ),
    (
        "X-3d",
        lambda: ridge_fit(X[None], Y, 1.0),
        ValueError,
        r"X must be a 2-D array .* got shape \(1, 3, 2\)",
    ),
    (
        "X-int",
        lambda: ridge_fit(X.astype(int), Y, 1.0),
        TypeError,
        r"X must be a float32 or float64 array, got dtype int64",
    ),
    ("X-nan", lambda: ridge_fit(NAN_X, Y, 1.0), ValueError, r"X must contain only finite values"),
    (
        "X-empty",
        lambda: ridge_fit(np.zeros((0, 2)), np.zeros(0), 1.0),
        ValueError,
        r"X must not be empty, got shape \(0, 2\)",
    ),
    (
        "X-transposed",
        lambda: ridge_fit(X.T, Y, 1.0),
        ValueError,
        r"y must have shape \(m,\) = \(2,\), one target per row of X, got shape \(3,\)",
    ),
    (
        "y-column",
        lambda: ridge_fit(X, Y[:, None], 1.0),
        ValueError,
        r"y must have shape \(m,\) = \(3,\), one target per row of X, got shape \(3, 1\)",
    ),
    (
        "y-mismatched-m",
        lambda: ridge_fit(X, Y[:2], 1.0),
        ValueError,
        r"y must have shape \(m,\) = \(3,\), .* got shape \(2,\)",
    ),
    (
        "y-inf",
        lambda: ridge_fit(X, np.array([1.0, np.inf, 0.0]), 1.0),
        ValueError,
        r"y must contain only finite values",
    ),
    (
        "y-dtype",
        lambda: ridge_fit(X, Y.astype(np.float32), 1.0),
        TypeError,
        r"y must have the same dtype as X \(float64\), got float32",
    ),
    (
        "y-bool",
        lambda: ridge_fit(X, Y > 1, 1.0),
        TypeError,
        r"y must be a float32 or float64 array, got dtype bool",
    ),
    # --- ridge_fit, ridge_shrinkage ------------------------------------------------------------
    (
        "ridge-lam-negative",
        lambda: ridge_fit(X, Y, -0.1),
        ValueError,
        r"lam must be a finite number >= 0, got -0\.1",
    ),
    (
        "ridge-lam-nan",
        lambda: ridge_fit(X, Y, float("nan")),
        ValueError,
        r"lam must be a finite number >= 0, got nan",
    ),
    (
        "ridge-lam-inf",
        lambda: ridge_fit(X, Y, float("inf")),
        ValueError,
        r"lam must be a finite number >= 0, got inf",
    ),
    (
        "ridge-lam-str",
        lambda: ridge_fit(X, Y, "1"),
        TypeError,
        r"lam must be a real number >= 0, got '1' \(str\)",
    ),
    (
        "ridge-lam-bool",
        lambda: ridge_fit(X, Y, True),
        TypeError,
        r"lam must be a real number >= 0, got True \(bool\)",
    ),
    (
        "ridge-lam-0-rank-deficient",
        lambda: ridge_fit(RANK_ONE, Y, 0.0),
        ValueError,
        r"lam must be > 0 when X has rank 1 < d = 2: "
        r"with lam = 0 the least-squares solution is not unique",
    ),
    (
        "ridge-lam-0-wide",
        lambda: ridge_fit(X.T, Y[:2], 0),
        ValueError,
        r"lam must be > 0 when X has rank 2 < d = 3",
    ),
    (
        "shrinkage-X-1d",
        lambda: ridge_shrinkage(Y, 1.0),
        ValueError,
        r"X must be a 2-D array of shape \(m, d\)",
    ),
    (
        "shrinkage-X-nan",
        lambda: ridge_shrinkage(NAN_X, 1.0),
        ValueError,
        r"X must contain only finite values",
    ),
    (
        "shrinkage-lam-negative",
        lambda: ridge_shrinkage(X, -1),
        ValueError,
        r"lam must be a finite number >= 0, got -1\.0",
    ),
    (
        "shrinkage-lam-0-rank-deficient",
        lambda: ridge_shrinkage(RANK_ONE, 0.0),
        ValueError,
        r"lam must be > 0 when X has rank 1 < d = 2: "
        r"with lam = 0 a direction with eigenvalue 0 has no factor",
    ),
    # --- soft_threshold, lasso_fit ---------------------------------------------------------------
    (
        "soft-t-negative",
        lambda: soft_threshold(W, -0.5),
        ValueError,
        r"t must be a finite number >= 0, got -0\.5",
    ),
    (
        "soft-t-nan",
        lambda: soft_threshold(W, float("nan")),
        ValueError,
        r"t must be a finite number >= 0, got nan",
    ),
    (
        "soft-t-array",
        lambda: soft_threshold(W, W),
        TypeError,
        r"t must be a real number >= 0, got array",
    ),
    (
        "soft-w-int",
        lambda: soft_threshold(np.array([1, 2]), 0.5),
        TypeError,
        r"w must be a float32 or float64 array, got dtype int64",
    ),
    (
        "soft-w-inf",
        lambda: soft_threshold(np.array([1.0, -np.inf]), 0.5),
        ValueError,
        r"w must contain only finite values",
    ),
    ("soft-w-empty", lambda: soft_threshold(np.zeros(0), 0.5), ValueError, r"w must not be empty"),
    (
        "lasso-lam-0",
        lambda: lasso_fit(X, Y, 0.0),
        ValueError,
        r"lam must be a finite number > 0, got 0\.0",
    ),
    (
        "lasso-lam-negative",
        lambda: lasso_fit(X, Y, -1.0),
        ValueError,
        r"lam must be a finite number > 0, got -1\.0",
    ),
    (
        "lasso-lam-inf",
        lambda: lasso_fit(X, Y, float("inf")),
        ValueError,
        r"lam must be a finite number > 0, got inf",
    ),
    (
        "lasso-y-mismatched-m",
        lambda: lasso_fit(X, np.ones(4), 1.0),
        ValueError,
        r"y must have shape \(m,\) = \(3,\), .* got shape \(4,\)",
    ),
    (
        "lasso-X-nan",
        lambda: lasso_fit(NAN_X, Y, 1.0),
        ValueError,
        r"X must contain only finite values",
    ),
    (
        "lasso-tol-0",
        lambda: lasso_fit(X, Y, 0.1, tol=0.0),
        ValueError,
        r"tol must be a finite number > 0, got 0\.0",
    ),
    (
        "lasso-tol-1",
        lambda: lasso_fit(X, Y, 0.1, tol=1.0),
        ValueError,
        r"tol must be in \(0, 1\), got 1\.0",
    ),
    (
        "lasso-max-sweeps-0",
        lambda: lasso_fit(X, Y, 0.1, max_sweeps=0),
        ValueError,
        r"max_sweeps must be an integer >= 1, got 0",
    ),
    (
        "lasso-max-sweeps-float",
        lambda: lasso_fit(X, Y, 0.1, max_sweeps=10.0),
        TypeError,
        r"max_sweeps must be an integer >= 1, got 10\.0 \(float\)",
    ),
    (
        "lasso-not-converged",
        lambda: lasso_fit(X, Y, 0.1, tol=1e-15, max_sweeps=1),
        ConvergenceError,
        r"lasso_fit did not converge in max_sweeps = 1 sweeps: the duality gap is .*, "
        r"above tol · ½‖y‖² = .*; raise max_sweeps or tol",
    ),
    # --- expected_noisy_loss, expected_dropout_loss ---------------------------------------------
    (
        "noisy-sigma-negative",
        lambda: expected_noisy_loss(X, Y, W, -0.1),
        ValueError,
        r"sigma must be a finite number >= 0, got -0\.1",
    ),
    (
        "noisy-sigma-nan",
        lambda: expected_noisy_loss(X, Y, W, float("nan")),
        ValueError,
        r"sigma must be a finite number >= 0, got nan",
    ),
    (
        "noisy-sigma-str",
        lambda: expected_noisy_loss(X, Y, W, "0.1"),
        TypeError,
        r"sigma must be a real number >= 0, got '0\.1' \(str\)",
    ),
    (
        "noisy-w-shape",
        lambda: expected_noisy_loss(X, Y, np.ones(3), 0.1),
        ValueError,
        r"w must have shape \(d,\) = \(2,\), one weight per column of X, got shape \(3,\)",
    ),
    (
        "noisy-w-column",
        lambda: expected_noisy_loss(X, Y, W[:, None], 0.1),
        ValueError,
        r"w must have shape \(d,\) = \(2,\), .* got shape \(2, 1\)",
    ),
    (
        "noisy-w-dtype",
        lambda: expected_noisy_loss(X, Y, W.astype(np.float32), 0.1),
        TypeError,
        r"w must have the same dtype as X \(float64\), got float32",
    ),
    (
        "noisy-w-nan",
        lambda: expected_noisy_loss(X, Y, np.array([np.nan, 1.0]), 0.1),
        ValueError,
        r"w must contain only finite values",
    ),
    (
        "noisy-y-mismatched-m",
        lambda: expected_noisy_loss(X, Y[:2], W, 0.1),
        ValueError,
        r"y must have shape \(m,\) = \(3,\)",
    ),
    (
        "dropout-keep-0",
        lambda: expected_dropout_loss(X, Y, W, 0.0),
        ValueError,
        r"keep_prob must be in \(0, 1\], got 0\.0",
    ),
    (
        "dropout-keep-above-1",
        lambda: expected_dropout_loss(X, Y, W, 1.5),
        ValueError,
        r"keep_prob must be in \(0, 1\], got 1\.5",
    ),
    (
        "dropout-keep-negative",
        lambda: expected_dropout_loss(X, Y, W, -0.5),
        ValueError,
        r"keep_prob must be in \(0, 1\], got -0\.5",
    ),
    (
        "dropout-keep-nan",
        lambda: expected_dropout_loss(X, Y, W, float("nan")),
        ValueError,
        r"keep_prob must be in \(0, 1\], got nan",
    ),
    (
        "dropout-keep-none",
        lambda: expected_dropout_loss(X, Y, W, None),
        TypeError,
        r"keep_prob must be a real number in \(0, 1\], got None \(NoneType\)",
    ),
    (
        "dropout-w-shape",
        lambda: expected_dropout_loss(X, Y, np.ones(1), 0.5),
        ValueError,
        r"w must have shape \(d,\) = \(2,\)",
    ),
    (
        "dropout-X-int",
        lambda: expected_dropout_loss(X.astype(np.int32), Y, W, 0.5),
        TypeError,
        r"X must be a float32 or float64 array, got dtype int32",
    ),
    # --- gradient_descent_path -----------------------------------------------------------------
    (
        "gd-lr-at-limit",
        lambda: gradient_descent_path(X, Y, LR_LIMIT, 3),
        ValueError,
        r"lr must be < 2/μ_max = 0\.377161, with μ_max = 5\.30278 the largest eigenvalue of XᵀX "
        r"\(beyond it gradient descent diverges\), got 0\.3",
    ),
    (
        "gd-lr-beyond",
        lambda: gradient_descent_path(X, Y, 1.0, 3),
        ValueError,
        r"lr must be < 2/μ_max = 0\.3\d*, .* got 1\.0",
    ),
    (
        "gd-lr-0",
        lambda: gradient_descent_path(X, Y, 0.0, 3),
        ValueError,
        r"lr must be a finite number > 0, got 0\.0",
    ),
    (
        "gd-lr-negative",
        lambda: gradient_descent_path(X, Y, -0.1, 3),
        ValueError,
        r"lr must be a finite number > 0, got -0\.1",
    ),
    (
        "gd-steps-negative",
        lambda: gradient_descent_path(X, Y, 0.1, -1),
        ValueError,
        r"steps must be an integer >= 0, got -1",
    ),
    (
        "gd-steps-float",
        lambda: gradient_descent_path(X, Y, 0.1, 3.0),
        TypeError,
        r"steps must be an integer >= 0, got 3\.0 \(float\)",
    ),
    (
        "gd-steps-bool",
        lambda: gradient_descent_path(X, Y, 0.1, True),
        TypeError,
        r"steps must be an integer >= 0, got True \(bool\)",
    ),
    (
        "gd-y-mismatched-m",
        lambda: gradient_descent_path(X, np.ones(2), 0.1, 3),
        ValueError,
        r"y must have shape \(m,\) = \(3,\)",
    ),
    # --- bias_variance_decomposition -----------------------------------------------------------
    (
        "bv-predictions-1d",
        lambda: bias_variance_decomposition(F, F, F),
        ValueError,
        r"predictions must be a 2-D array of shape \(K, n\), one row per fitted model, "
        r"got shape \(2,\)",
    ),
    (
        "bv-f-shape",
        lambda: bias_variance_decomposition(P, np.ones(3), P),
        ValueError,
        r"f must have shape \(n,\) = \(2,\), one value per test input, got shape \(3,\)",
    ),
    (
        "bv-y-shape",
        lambda: bias_variance_decomposition(P, F, P[:1]),
        ValueError,
        r"predictions and y must have the same shape, got \(2, 2\) and \(1, 2\)",
    ),
    (
        "bv-f-dtype",
        lambda: bias_variance_decomposition(P, F.astype(np.float32), P),
        TypeError,
        r"f must have the same dtype as predictions \(float64\), got float32",
    ),
    (
        "bv-y-nan",
        lambda: bias_variance_decomposition(P, F, np.full((2, 2), np.nan)),
        ValueError,
        r"y must contain only finite values",
    ),
    (
        "bv-predictions-int",
        lambda: bias_variance_decomposition(P.astype(int), F, P),
        TypeError,
        r"predictions must be a float32 or float64 array, got dtype int64",
    ),
]


@pytest.mark.parametrize(
    ("call", "error", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_case_ids_are_unique():
    assert len({c[0] for c in CASES}) == len(CASES)


def test_lr_just_below_the_limit_is_accepted():
    path = gradient_descent_path(X, Y, LR_LIMIT * (1 - 1e-9), 5)
    assert path.shape == (6, 2) and np.all(np.isfinite(path))


def test_no_function_modifies_its_inputs():
    arrays = [X.copy(), Y.copy(), W.copy(), P.copy(), F.copy()]
    for a in arrays:
        a.flags.writeable = False  # an in-place write raises
    Xr, Yr, Wr, Pr, Fr = arrays
    ridge_fit(Xr, Yr, 0.5)
    ridge_fit(Xr, Yr, 0.0)
    ridge_shrinkage(Xr, 0.5)
    soft_threshold(Wr, 0.2)
    lasso_fit(Xr, Yr, 0.3)
    expected_noisy_loss(Xr, Yr, Wr, 0.3)
    expected_dropout_loss(Xr, Yr, Wr, 0.7)
    gradient_descent_path(Xr, Yr, 0.1, 4)
    bias_variance_decomposition(Pr, Fr, Pr)
    for a, original in zip(arrays, [X, Y, W, P, F], strict=True):
        np.testing.assert_array_equal(a, original)
