"""The NumPy implementations agree with the proved results, on random inputs of several shapes.

Tolerances: float64 inputs agree to rtol 1e-12 (both sides do the same few operations);
float32 inputs are compared with the float64 symbolic value at rtol 1e-5 (a few float32
roundings); results in the subnormal range (below 1e-300 in float64, 1e-30 in float32) are
compared absolutely, since there a single rounding is a large relative error (hypothesis
found lam = 2.2e-313 giving a one-ulp difference). BCE from logits is compared with the proved
objective evaluated in 350-digit arithmetic at ŷ = σ(z), for |z| up to 700.
"""

from functools import cache

import numpy as np
import pytest
import sympy as sp
from gradcheck import numerical_gradient, relative_error
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from mathreg import numeric
from mathreg.symbolic import DERIVATIONS
from mathreg.symbolic import lambdified as proved

SHAPES = [(1, 1), (2, 3), (3, 2), (4, 4)]
DTYPES = [np.float64, np.float32]
RTOL = {np.float64: 1e-12, np.float32: 1e-5}
ATOL = {np.float64: 1e-300, np.float32: 1e-30}  # subnormal results lose relative precision
settings.register_profile("agreement", max_examples=25, deadline=None, derandomize=True)
settings.load_profile("agreement")

cached_bce = cache(proved.mean_cross_entropy)
cached_gradient = cache(proved.weight_decay_gradient)
cached_update = cache(proved.weight_decay_update)
cached_forward = cache(proved.dropout_forward)
cached_backward = cache(proved.dropout_backward)


def finite(dtype, shape, bound=10.0):
    return hnp.arrays(
        dtype, shape, elements=st.floats(-bound, bound, width=np.dtype(dtype).itemsize * 8)
    )


hyper = st.fixed_dictionaries(
    {
        "lam": st.floats(0, 10),
        "m": st.integers(1, 1000),
        "lr": st.floats(1e-4, 1.0),
    }
)


@pytest.mark.parametrize("size", [1, 2, 5])
@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data())
def test_binary_cross_entropy_is_the_proved_objective(size, dtype, data):
    labels = data.draw(hnp.arrays(dtype, size, elements=st.sampled_from([0.0, 1.0])))
    low, high = float(dtype(0.01)), float(dtype(0.99))  # exactly representable bounds
    probs = data.draw(
        hnp.arrays(dtype, size, elements=st.floats(low, high, width=8 * np.dtype(dtype).itemsize))
    )
    expected = cached_bce(size)(labels.astype(float), probs.astype(float))
    assert numeric.binary_cross_entropy(labels, probs) == pytest.approx(expected, rel=RTOL[dtype])
    assert numeric.bernoulli_log_likelihood(labels, probs) == pytest.approx(
        -size * expected, rel=RTOL[dtype]
    )


@pytest.mark.parametrize("size", [1, 3])
@given(z=st.lists(st.floats(-700, 700), min_size=3, max_size=3), y=st.sampled_from([0.0, 1.0]))
def test_bce_with_logits_is_the_proved_objective_of_sigmoid(size, z, y):
    """The proved objective at ŷ = σ(z), evaluated with 350 digits, vs the stable float64 code."""
    import mpmath

    logits = np.array(z[:size])
    with mpmath.workdps(350):  # 1 - σ(z) is as small as e^-700 ≈ 1e-304: keep digits past it
        probs = [1 / (1 + mpmath.exp(-mpmath.mpf(v))) for v in logits]
        expected = float(proved_bce_mp(size)([mpmath.mpf(y)] * size, probs))
    assert numeric.binary_cross_entropy_with_logits(np.full(size, y), logits) == pytest.approx(
        expected, rel=1e-12, abs=1e-300
    )


@cache
def proved_bce_mp(size):
    return proved.mean_cross_entropy(size, modules="mpmath")


@pytest.mark.parametrize("shapes", [[(2, 3)], [(3, 2), (1, 3)], [(4, 4), (2, 4), (1, 2)]])
@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data(), h=hyper)
def test_l2_penalty_is_the_proved_penalty(shapes, dtype, data, h):
    weights = [data.draw(finite(dtype, shape)) for shape in shapes]
    expected = proved_penalty(tuple(shapes))([w.astype(float) for w in weights], h["lam"], h["m"])
    assert numeric.l2_penalty(weights, h["lam"], h["m"]) == pytest.approx(
        expected, rel=RTOL[dtype], abs=1e-30
    )


@cache
def proved_penalty(shapes):
    return proved.l2_penalty(shapes)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data(), h=hyper)
def test_gradient_12_is_back_plus_l2_gradient(shape, dtype, data, h):
    W, back = data.draw(finite(dtype, shape)), data.draw(finite(dtype, shape))
    expected = cached_gradient(shape)(W.astype(float), back.astype(float), h["lam"], h["m"])
    got = back + numeric.l2_gradient(W, h["lam"], h["m"])
    np.testing.assert_allclose(
        got, expected, rtol=RTOL[dtype], atol=max(ATOL[dtype], 1e-6 * (dtype == np.float32))
    )


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data(), h=hyper)
def test_update_13_is_sgd_step(shape, dtype, data, h):
    W, back = data.draw(finite(dtype, shape)), data.draw(finite(dtype, shape))
    expected = cached_update(shape)(W.astype(float), back.astype(float), h["lr"], h["lam"], h["m"])
    got = numeric.sgd_step(W, back, h["lr"], h["lam"], h["m"])
    assert got.dtype == dtype
    np.testing.assert_allclose(
        got, expected, rtol=RTOL[dtype], atol=max(ATOL[dtype], 1e-5 * (dtype == np.float32))
    )


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data(), keep=st.floats(0.05, 1.0), seed=st.integers(0, 2**32 - 1))
def test_dropout_forward_and_backward_15_are_the_proved_maps(shape, dtype, data, keep, seed):
    A, dA_tilde = data.draw(finite(dtype, shape)), data.draw(finite(dtype, shape))
    out, mask = numeric.dropout_forward(A, keep, np.random.default_rng(seed))
    np.testing.assert_allclose(
        out,
        cached_forward(shape)(A.astype(float), mask.astype(float), keep),
        rtol=RTOL[dtype],
        atol=ATOL[dtype],
    )
    np.testing.assert_allclose(
        numeric.dropout_backward(dA_tilde, mask, keep),
        cached_backward(shape)(dA_tilde.astype(float), mask.astype(float), keep),
        rtol=RTOL[dtype],
        atol=ATOL[dtype],
    )


def test_keep_rate_matches_the_proved_probability():
    """P(D = 1) = keep_prob (proved); the empirical rate over 10^6 entries is within 6 sigma."""
    rate = proved.keep_rate()
    rng = np.random.default_rng(2026)
    for keep in (0.1, 0.5, 0.8, 0.95):
        _, mask = numeric.dropout_forward(np.ones((1000, 1000)), keep, rng)
        sigma = np.sqrt(keep * (1 - keep) / mask.size)
        assert abs(mask.mean() - rate(keep)) < 6 * sigma


def test_expected_dropout_output_is_the_activation():
    """E[A∘D/keep_prob] = A (proved): the mean over N masks is within 6 standard errors.

    Each entry's mean over N independent masks has standard deviation
    |A| sqrt((1 - k)/k) / sqrt(N); with 12 entries and a 6-sigma bound, a false alarm has
    probability below 1e-7 (and the seed is fixed).
    """
    rng = np.random.default_rng(7)
    A = rng.normal(size=(3, 4))
    keep, N = 0.7, 20_000
    total = np.zeros_like(A)
    for _ in range(N):
        out, _ = numeric.dropout_forward(A, keep, rng)
        total += out
    stderr = np.abs(A) * np.sqrt((1 - keep) / keep) / np.sqrt(N)
    assert np.all(np.abs(total / N - A) < 6 * stderr)
    # and without the 1/keep_prob rescaling the mean is keep_prob * A, as proved
    masked_only = total * keep / N
    assert np.all(np.abs(masked_only - keep * A) < 6 * stderr * keep)
    assert not np.allclose(masked_only, A, rtol=0.1)


def test_chain_rule_14_matches_a_numerical_gradient():
    """dÃ = Wᵀ dZ (proved) equals the central-difference gradient of sum(dZ ∘ (W Ã + b))."""
    step = DERIVATIONS["dropout-backward"]().steps[1].expr
    rng = np.random.default_rng(3)
    n_out, n_in, n_ex = 3, 4, 5
    W, b = rng.normal(size=(n_out, n_in)), rng.normal(size=(n_out, n_ex))
    dZ, A_tilde = rng.normal(size=(n_out, n_ex)), rng.normal(size=(n_in, n_ex))
    Wm, dZm = sp.Matrix(W), sp.Matrix(dZ)
    from mathreg.symbolic.dropout import W_next, dZ_next

    proved_value = np.array(step.rhs.xreplace({W_next: Wm, dZ_next: dZm}).doit(), dtype=float)
    numerical = numerical_gradient(lambda a: float(np.sum(dZ * (W @ a + b))), A_tilde)
    assert relative_error(numerical, proved_value) < 1e-8
