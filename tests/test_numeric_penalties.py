"""L2 penalty (11), its gradient (12) and the weight-decay step (13)."""

import numpy as np
import pytest
from gradcheck import numerical_gradient
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathreg.numeric import l2_gradient, l2_penalty, sgd_step

FAST = settings(max_examples=40, deadline=None)
FLOATS = st.floats(-10.0, 10.0)
MATRICES = hnp.arrays(
    np.float64, hnp.array_shapes(min_dims=1, max_dims=2, max_side=5), elements=FLOATS
)
LAM = st.floats(0.0, 100.0)
M = st.integers(1, 1000)


def test_penalty_by_hand():
    W1 = np.array([[1.0, 2.0], [0.0, -2.0]])  # squared Frobenius norm 9
    W2 = np.array([[3.0, 0.0, 0.0]])  # 9
    assert l2_penalty([W1, W2], lam=0.5, m=3) == 0.5 / 6 * 18
    assert l2_penalty((W1, W2), lam=0.5, m=3) == 0.5 / 6 * 18
    assert l2_penalty(W1, lam=0.5, m=3) == 0.5 / 6 * 9


def test_penalty_of_a_vector_is_theta_transpose_theta():
    # eq. (10): lam / (2m) theta^T theta
    theta = np.array([1.0, -2.0, 0.5])
    assert l2_penalty(theta, lam=3.0, m=4) == pytest.approx(3.0 / 8 * float(theta @ theta))


def test_penalty_is_zero_without_regularization():
    assert l2_penalty([np.ones((3, 3))], lam=0.0, m=5) == 0.0


def test_penalty_sums_over_layers():
    rng = np.random.default_rng(0)
    layers = [rng.normal(size=s) for s in [(4, 3), (5, 4), (1, 5)]]
    total = l2_penalty(layers, lam=0.7, m=11)
    assert total == pytest.approx(sum(l2_penalty(W, lam=0.7, m=11) for W in layers), rel=1e-14)


def test_penalty_accumulates_float32_in_float64():
    W = np.full((1000, 1000), 0.1, np.float32)
    assert l2_penalty(W, lam=2.0, m=1) == pytest.approx(
        float(np.float32(0.1)) ** 2 * 1e6, rel=1e-12
    )


def test_gradient_by_hand():
    assert l2_gradient(np.array([[2.0, -4.0]]), lam=0.5, m=2).tolist() == [[0.5, -1.0]]


@given(MATRICES, LAM, M)
@FAST
def test_gradient_is_the_derivative_of_the_penalty(W, lam, m):
    numeric = numerical_gradient(lambda x: l2_penalty(x, lam, m), W, eps=1e-4)
    # the penalty is quadratic: the central difference is exact up to rounding
    np.testing.assert_allclose(l2_gradient(W, lam, m), numeric, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_gradient_keeps_dtype(dtype):
    assert l2_gradient(np.ones((2, 2), dtype), lam=np.float64(0.3), m=np.int64(7)).dtype == dtype


def test_step_by_hand():
    W, back = np.array([1.0, -2.0]), np.array([0.5, 0.5])
    assert sgd_step(W, back, lr=0.5, lam=0.0, m=4).tolist() == [0.75, -2.25]
    assert sgd_step(W, back, lr=0.5, lam=2.0, m=4).tolist() == [0.5, -1.75]


@given(MATRICES, st.floats(1e-4, 1.0), M)
@FAST
def test_step_without_regularization_is_plain_gradient_descent(W, lr, m):
    grad = np.cos(W)
    np.testing.assert_array_equal(sgd_step(W, grad, lr, 0.0, m), W - lr * grad)


@given(MATRICES, st.floats(1e-4, 1.0), LAM, M)
@FAST
def test_weight_decay_form_equals_gradient_of_the_cost(W, lr, lam, m):
    # (13) is (12) regrouped: (1 - lr lam / m) W - lr back(W) = W - lr (back(W) + (lam/m) W)
    back = np.sin(3 * W)
    np.testing.assert_allclose(
        sgd_step(W, back, lr, lam, m),
        W - lr * (back + l2_gradient(W, lam, m)),
        rtol=1e-12,
        atol=1e-12,
    )


def test_step_decays_weights_when_there_is_no_data_gradient():
    W = np.array([[4.0, -8.0]])
    shrunk = sgd_step(W, np.zeros_like(W), lr=0.1, lam=5.0, m=10)
    np.testing.assert_allclose(
        shrunk, 0.95 * W
    )  # factor 1 - alpha lam / m, not 1 - alpha lam / (2m)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_step_keeps_dtype_and_returns_a_new_array(dtype):
    W = np.ones((3, 2), dtype)
    grad = np.full((3, 2), 0.5, dtype)
    out = sgd_step(W, grad, lr=np.float64(0.1), lam=np.float64(1.0), m=np.int64(3))
    assert out.dtype == dtype
    assert out is not W and not np.shares_memory(out, W)
