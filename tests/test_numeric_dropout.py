"""Inverted dropout: keep rate, unbiasedness, determinism, and the backward pass (15).

The statistical tests use fixed seeds, so they are deterministic; their bounds are also chosen
so that a correct implementation would fail them with a tiny probability under *any* seed
(stated at each test), i.e. they are not tuned to the seed.
"""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathreg.numeric import dropout_backward, dropout_forward


def test_keep_prob_one_is_the_identity():
    A = np.random.default_rng(0).normal(size=(5, 7))
    out, mask = dropout_forward(A, keep_prob=1.0, rng=np.random.default_rng(1))
    assert np.all(mask == 1.0)
    np.testing.assert_array_equal(out, A)
    assert not np.shares_memory(out, A)
    np.testing.assert_array_equal(dropout_backward(A, mask, 1.0), A)


@pytest.mark.parametrize("keep_prob", [0.1, 0.5, 0.8, 0.95])
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_keep_rate_matches_keep_prob(keep_prob, dtype):
    # n = 10^6 Bernoulli(keep_prob) draws: the kept fraction has standard deviation
    # sqrt(p (1 - p) / n) <= 5e-4; a 6-sigma bound fails with probability < 2e-9 under any seed.
    n = 1000 * 1000
    A = np.ones((1000, 1000), dtype)
    _, mask = dropout_forward(A, keep_prob, np.random.default_rng(12345))
    sigma = math.sqrt(keep_prob * (1 - keep_prob) / n)
    assert abs(mask.mean(dtype=np.float64) - keep_prob) < 6 * sigma


@pytest.mark.parametrize("keep_prob", [0.3, 0.8])
def test_output_is_unbiased_over_many_masks(keep_prob):
    # E[A o D / keep_prob] = A. Over N masks, each entry's sample mean has standard deviation
    # |A_jk| sqrt((1 - p) / (p N)); we require every one of the 600 entries within 5.5 of
    # those standard deviations (normal approximation: a correct implementation fails with
    # probability < 600 * 4e-8 ≈ 2e-5 under any seed).
    rng = np.random.default_rng(2024)
    A = rng.uniform(0.5, 2.0, (20, 30)) * rng.choice([-1.0, 1.0], (20, 30))
    N = 4000
    total = np.zeros_like(A)
    for _ in range(N):
        out, _ = dropout_forward(A, keep_prob, rng)
        total += out
    z = (total / N - A) / (np.abs(A) * math.sqrt((1 - keep_prob) / (keep_prob * N)))
    assert np.max(np.abs(z)) < 5.5
    # and the scores look standard normal, not merely bounded (mean and spread of 600 values)
    assert abs(z.mean()) < 5 / math.sqrt(z.size)
    assert 0.85 < z.std() < 1.15


def test_kept_units_are_rescaled_and_dropped_units_are_zero():
    A = np.random.default_rng(0).normal(size=(50, 40))
    out, mask = dropout_forward(A, 0.25, np.random.default_rng(3))
    np.testing.assert_array_equal(out[mask == 1], A[mask == 1] / 0.25)
    assert np.all(out[mask == 0] == 0)
    assert mask.dtype == np.bool_ and set(np.unique(mask)) == {False, True}


def test_each_example_drops_different_units():
    # activations are (features, examples): the columns get independent masks
    _, mask = dropout_forward(np.ones((64, 32)), 0.5, np.random.default_rng(0))
    assert len({mask[:, i].tobytes() for i in range(32)}) == 32


def test_mask_is_u_less_than_keep_prob_from_the_given_generator():
    # the note's recipe, literally: D = 1[U < keep_prob], where the first 8 binary digits of
    # unit i's U are byte i of the generator's 64-bit words (mathreg.numeric.fast explains the
    # digit-by-digit draw; tests/test_fast.py also covers the rare ties that need more digits)
    A = np.ones((3, 4))
    words = np.random.default_rng(7).integers(0, 2**64, size=2, dtype=np.uint64)
    first_digits = words.view(np.uint8)[: A.size].reshape(A.shape)
    assert not np.any(first_digits == math.floor(0.6 * 256))  # no tie here: 8 digits decide
    _, mask = dropout_forward(A, 0.6, np.random.default_rng(7))
    np.testing.assert_array_equal(mask, (first_digits + 1) / 256 <= 0.6)


def test_deterministic_for_a_generator_state():
    A = np.arange(12.0).reshape(3, 4)
    a = dropout_forward(A, 0.5, np.random.default_rng(42))
    b = dropout_forward(A, 0.5, np.random.default_rng(42))
    np.testing.assert_array_equal(a[0], b[0])
    np.testing.assert_array_equal(a[1], b[1])
    rng = np.random.default_rng(42)
    first, second = dropout_forward(A, 0.5, rng)[1], dropout_forward(A, 0.5, rng)[1]
    assert not np.array_equal(first, second)  # the generator advances between calls


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_dtype_is_kept(dtype):
    A = np.ones((4, 5), dtype)
    out, mask = dropout_forward(A, 0.5, np.random.default_rng(0))
    assert out.dtype == dtype and mask.dtype == np.bool_
    assert dropout_backward(A, mask, 0.5).dtype == dtype
    assert dropout_backward(A, mask.astype(dtype), 0.5).dtype == dtype  # 0/1 floats work too


def test_backward_by_hand():
    dA = np.array([[1.0, 1.0], [2.0, -2.0]])
    mask = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert dropout_backward(dA, mask, 0.5).tolist() == [[2.0, 0.0], [0.0, -4.0]]


@given(
    hnp.arrays(np.float64, hnp.array_shapes(max_dims=3, max_side=6), elements=st.floats(-5, 5)),
    st.floats(0.05, 1.0),
    st.integers(0, 2**32 - 1),
)
@settings(max_examples=50, deadline=None)
def test_backward_is_the_adjoint_of_forward(A, keep_prob, seed):
    # with the mask fixed, forward is linear in A: <forward(A), G> = <A, backward(G)>, which is
    # exactly the statement that backward gives the gradient of <forward(A), G> in A
    out, mask = dropout_forward(A, keep_prob, np.random.default_rng(seed))
    G = np.cos(np.arange(A.size, dtype=float)).reshape(A.shape)
    lhs = float(np.sum(out * G))
    rhs = float(np.sum(A * dropout_backward(G, mask, keep_prob)))
    assert lhs == pytest.approx(rhs, rel=1e-12, abs=1e-12)
