"""Losses, eqs. (3), (5), (10): hand-computed values, exact edge cases, stability for big logits."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathreg.numeric import (
    bernoulli_log_likelihood,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    sigmoid,
)

FAST = settings(max_examples=60, deadline=None)


@pytest.fixture(autouse=True)
def _warnings_are_errors():
    """No RuntimeWarning (overflow, divide by zero, invalid) may escape from these losses."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        yield


def test_log_likelihood_by_hand():
    # y = [dog, dog, cat] with P(dog) = 0.9, 0.6, 0.3: log .9 + log .6 + log .7
    expected = math.log(0.9) + math.log(0.6) + math.log(0.7)
    got = bernoulli_log_likelihood([1, 1, 0], np.array([0.9, 0.6, 0.3]))
    assert got == pytest.approx(expected, rel=1e-15)


def test_log_likelihood_is_log_of_product_of_probabilities():
    # eq. (1) then (3): the log of the product of P(y_i | x_i) is the sum in (3)
    y = np.array([1, 0, 0, 1, 0])
    y_hat = np.array([0.7, 0.2, 0.4, 0.99, 0.5])
    product = np.prod(np.where(y == 1, y_hat, 1 - y_hat))
    assert bernoulli_log_likelihood(y, y_hat) == pytest.approx(math.log(product), rel=1e-14)


def test_bce_by_hand_is_mean_over_examples():
    expected = -(math.log(0.8) + math.log(0.75)) / 2
    assert binary_cross_entropy([1, 0], np.array([0.8, 0.25])) == pytest.approx(expected, rel=1e-15)


@given(
    hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(0.0, 1.0)),
    st.randoms(use_true_random=False),
)
@FAST
def test_bce_is_minus_log_likelihood_over_m(y_hat, random):
    y = np.array([random.randint(0, 1) for _ in range(y_hat.size)])
    ll = bernoulli_log_likelihood(y, y_hat)
    bce = binary_cross_entropy(y, y_hat)
    if math.isinf(ll):
        assert ll == -math.inf and bce == math.inf
    else:
        assert bce == pytest.approx(-ll / y.size, rel=1e-12, abs=1e-300)


def test_certain_and_right_costs_exactly_zero():
    # 0 log 0 = 0: y = 1 with y_hat = 1 and y = 0 with y_hat = 0 are free, with no warning
    assert binary_cross_entropy([1, 0], np.array([1.0, 0.0])) == 0.0
    assert bernoulli_log_likelihood([1, 0], np.array([1.0, 0.0])) == 0.0


@pytest.mark.parametrize(("y", "y_hat"), [([1], [0.0]), ([0], [1.0]), ([1, 0], [0.5, 1.0])])
def test_certain_and_wrong_costs_inf_not_a_clipped_number(y, y_hat):
    assert binary_cross_entropy(y, np.array(y_hat)) == math.inf
    assert bernoulli_log_likelihood(y, np.array(y_hat)) == -math.inf


EXTREMES = [(0, 1000.0, 1000.0), (1, -1000.0, 1000.0), (1, 1000.0, 0.0), (0, -1000.0, 0.0)]
HUGE = [(0, 1e300, 1e300), (1, -1e300, 1e300)]  # beyond float32's range


@pytest.mark.parametrize(
    ("y", "z", "expected", "dtype"),
    [(*case, np.float64) for case in EXTREMES + HUGE] + [(*case, np.float32) for case in EXTREMES],
)
def test_logits_are_stable_and_exact_at_extremes(y, z, expected, dtype):
    got = binary_cross_entropy_with_logits(np.array([y]), np.array([z], dtype=dtype))
    assert math.isfinite(got)
    assert got == expected


def test_logits_mean_of_extremes():
    got = binary_cross_entropy_with_logits([0, 1, 1, 0], np.array([1000.0, -1000.0, 1000.0, 0.0]))
    assert got == pytest.approx((1000 + 1000 + 0 + math.log(2)) / 4, rel=1e-15)


def test_naive_formula_fails_where_the_stable_one_does_not():
    # why the stable form exists: -log(1 - sigmoid(1000)) is -log(0) = inf in floating point
    with np.errstate(divide="ignore"):
        naive = -np.log(1 - 1 / (1 + np.exp(-1000.0)))
    assert naive == np.inf
    assert binary_cross_entropy_with_logits([0], np.array([1000.0])) == 1000.0


@given(
    hnp.arrays(np.float64, st.integers(1, 30), elements=st.floats(-10.0, 10.0)),
    st.randoms(use_true_random=False),
)
@FAST
def test_logits_agree_with_probabilities(z, random):
    # BCE(y, z) = BCE(y, sigmoid(z)) where the probability form is accurate (|z| <= 10)
    y = np.array([random.randint(0, 1) for _ in range(z.size)])
    assert binary_cross_entropy_with_logits(y, z) == pytest.approx(
        binary_cross_entropy(y, sigmoid(z)), rel=1e-9, abs=1e-12
    )


@given(hnp.arrays(np.float64, st.integers(1, 20), elements=st.floats(-1e6, 1e6)))
@FAST
def test_logits_loss_is_finite_and_nonnegative_for_any_finite_z(z):
    for y in (np.zeros(z.size, int), np.ones(z.size, int)):
        loss = binary_cross_entropy_with_logits(y, z)
        assert math.isfinite(loss) and loss >= 0


@pytest.mark.parametrize(
    "y",
    [np.array([True, False]), np.array([1, 0]), np.array([1.0, 0.0]), np.array([1, 0], np.uint8)],
)
def test_labels_may_be_bool_int_or_float(y):
    assert binary_cross_entropy(y, np.array([0.8, 0.25])) == pytest.approx(0.2554128118829953)
    assert binary_cross_entropy_with_logits(y, np.array([2.0, -1.0])) == pytest.approx(
        (math.log1p(math.exp(-2.0)) + math.log1p(math.exp(-1.0))) / 2
    )


def test_soft_labels_are_rejected():
    # decision: hard labels only, as in the Bernoulli likelihood (3); see the module docstring
    with pytest.raises(ValueError, match=r"y must contain only labels in \{0, 1\}, got 0\.3"):
        binary_cross_entropy(np.array([0.3]), np.array([0.3]))


def test_float32_matches_float64():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 1000)
    z = rng.normal(0, 5, 1000)
    y_hat = sigmoid(z)
    assert binary_cross_entropy_with_logits(y, z.astype(np.float32)) == pytest.approx(
        binary_cross_entropy_with_logits(y, z), rel=1e-5
    )
    assert binary_cross_entropy(y, y_hat.astype(np.float32)) == pytest.approx(
        binary_cross_entropy(y, y_hat), rel=1e-4
    )


def test_any_shape_every_entry_an_example():
    y = np.array([[1, 0, 1]])
    y_hat = np.array([[0.9, 0.1, 0.8]])
    assert binary_cross_entropy(y, y_hat) == pytest.approx(
        binary_cross_entropy(y.ravel(), y_hat.ravel())
    )
    assert binary_cross_entropy(1, np.float64(0.5)) == pytest.approx(math.log(2))


def test_losses_return_python_floats():
    assert type(binary_cross_entropy([1], np.array([0.5], np.float32))) is float
    assert type(binary_cross_entropy_with_logits([1], np.array([0.5], np.float32))) is float
    assert type(bernoulli_log_likelihood([1], np.array([0.5]))) is float
