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


# --- beyond the note, "In practice" (issue 14) --------------------------------------------------
# [R11]-[R13] per coordinate, elementwise on arrays; [R14]-[R15] for n examples; [R16]-[R17].

cached_mse = cache(proved.mean_squared_error)
cached_gaussian_nll = cache(proved.gaussian_negative_log_likelihood)
cached_noise_variance = cache(proved.noise_variance)
cached_softmax_loss = cache(proved.softmax_cross_entropy)
cached_softmax_gradient = cache(proved.softmax_cross_entropy_gradient)
proved_sgd_l2 = cache(proved.sgd_l2_update)
proved_adam_l2 = cache(proved.adam_l2_update)
proved_adam_factor = cache(proved.adam_l2_decay_factor)
proved_adamw_match = cache(proved.adamw_matching_l2)
proved_two_classes = cache(proved.two_class_cross_entropy)

adam_hyper = st.fixed_dictionaries(
    {
        "lam": st.floats(0, 10),
        "m": st.integers(1, 100),
        "lr": st.floats(1e-4, 0.1),
        "eps": st.sampled_from([1e-8, 1e-3, 0.1]),
    }
)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data(), h=hyper)
def test_r11_sgd_with_l2_is_decay_then_step(shape, dtype, data, h):
    """sgd_step(λ, m) is [R11] with λ′ = λ/m: decay by 1 − αλ′, then the plain step."""
    W, back = data.draw(finite(dtype, shape)), data.draw(finite(dtype, shape))
    expected = proved_sgd_l2()(W.astype(float), back.astype(float), h["lr"], h["lam"] / h["m"])
    got = numeric.sgd_step(W, back, h["lr"], h["lam"], h["m"])
    np.testing.assert_allclose(
        got, expected, rtol=RTOL[dtype], atol=max(ATOL[dtype], 1e-5 * (dtype == np.float32))
    )


@pytest.mark.parametrize("shape", SHAPES)
@given(data=st.data(), h=adam_hyper)
def test_r12_adam_with_l2_on_the_first_step_is_the_proved_update(shape, data, h):
    """adam_step(decoupled=False) from a fresh state is [R12] with v̂ = (g + λ′w)², λ′ = λ/m."""
    W, back = data.draw(finite(np.float64, shape)), data.draw(finite(np.float64, shape))
    lam_l2 = h["lam"] / h["m"]
    expected = proved_adam_l2()(W, back, h["lr"], lam_l2, h["eps"])
    got, state = numeric.adam_step(W, back, None, h["lr"], h["lam"], h["m"], eps=h["eps"])
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12 * h["lr"])
    # and its decay factor is [R12]'s coefficient of w, with the state's v̂
    factor = numeric.adam_decay_factor(state, h["lr"], h["lam"], h["m"], eps=h["eps"])
    proved_factor = proved_adam_factor()(h["lr"], lam_l2, (back + lam_l2 * W) ** 2, h["eps"])
    np.testing.assert_allclose(factor, proved_factor, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("shape", SHAPES)
@given(data=st.data(), h=adam_hyper)
def test_adamw_first_step_is_decay_then_the_proved_plain_step(shape, data, h):
    """adam_step(decoupled=True): [R12] with λ′ = 0 (plain Adam) on weights decayed by 1 − αλ/m,
    the decay AdamW applies whatever v̂ ([R13]'s premise)."""
    W, back = data.draw(finite(np.float64, shape)), data.draw(finite(np.float64, shape))
    decayed = (1 - h["lr"] * h["lam"] / h["m"]) * W
    expected = proved_adam_l2()(decayed, back, h["lr"], 0.0, h["eps"])
    got, state = numeric.adam_step(
        W, back, None, h["lr"], h["lam"], h["m"], decoupled=True, eps=h["eps"]
    )
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12 * h["lr"])
    factor = numeric.adam_decay_factor(
        state, h["lr"], h["lam"], h["m"], decoupled=True, eps=h["eps"]
    )
    np.testing.assert_array_equal(factor, np.full(shape, 1 - h["lr"] * h["lam"] / h["m"]))


def test_r13_only_a_per_coordinate_l2_strength_matches_adamw():
    """After several steps (v̂ a running average): Adam + L2 with [R13]'s λ′ᵢ = λ(√v̂ᵢ + ϵ)
    decays coordinate i as AdamW does; one λ′ for all cannot, since the v̂ᵢ differ."""
    rng = np.random.default_rng(13)
    W = rng.normal(size=(4, 5))
    state = None
    for _ in range(7):  # gradients of very different sizes per coordinate
        W, state = numeric.adam_step(W, rng.normal(size=W.shape) * np.logspace(-3, 2, 5), state,
                                     lr=1e-3)  # fmt: skip
    lr, lam, eps = 1e-3, 0.05, 1e-8
    v_hat = state.v_hat()
    adamw = numeric.adam_decay_factor(state, lr, lam, decoupled=True, eps=eps)
    matching = proved_adamw_match()(lam, v_hat, eps)  # λ′ per coordinate
    per_coordinate = np.vectorize(
        lambda lam_l2, i: numeric.adam_decay_factor(state, lr, lam_l2, eps=eps).flat[i]
    )(matching.ravel(), np.arange(W.size)).reshape(W.shape)
    np.testing.assert_allclose(per_coordinate, adamw, rtol=1e-12)
    # any single λ′ (here the median of the matching ones) decays the coordinates unequally
    single = numeric.adam_decay_factor(state, lr, float(np.median(matching)), eps=eps)
    assert np.ptp(1 - single) > 10 * np.min(1 - single)
    np.testing.assert_allclose(
        single, proved_adam_factor()(lr, float(np.median(matching)), v_hat, eps), rtol=1e-12
    )


@pytest.mark.parametrize("size", [1, 2, 5])
@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data(), variance=st.floats(1e-3, 1e3))
def test_r14_gaussian_likelihood_and_mean_squared_error_are_the_proved_ones(
    size, dtype, data, variance
):
    y, y_hat = data.draw(finite(dtype, size)), data.draw(finite(dtype, size))
    y64, y_hat64 = y.astype(float), y_hat.astype(float)
    assert numeric.mean_squared_error(y, y_hat) == pytest.approx(
        cached_mse(size)(y64, y_hat64), rel=RTOL[dtype], abs=1e-12
    )
    assert numeric.gaussian_negative_log_likelihood(y, y_hat, variance) == pytest.approx(
        cached_gaussian_nll(size)(y64, y_hat64, variance), rel=RTOL[dtype], abs=1e-12
    )


def test_r14_the_likelihoods_maximiser_is_the_least_squares_fit_for_every_sigma():
    """A line fitted by least squares is a stationary point of the Gaussian NLL (numerical
    gradient 0) for several σ², and a nearby line is worse for each of them."""
    rng = np.random.default_rng(14)
    x = rng.uniform(-1, 1, 30)
    y = 0.5 - 2.0 * x + 0.3 * rng.normal(size=30)
    design = np.stack([np.ones_like(x), x], axis=1)
    theta, *_ = np.linalg.lstsq(design, y, rcond=None)
    for variance in (0.01, 0.09, 4.0):

        def nll(t, variance=variance):
            return numeric.gaussian_negative_log_likelihood(y, design @ t, variance)

        assert np.max(np.abs(numerical_gradient(nll, theta))) < 1e-7
        assert nll(theta + np.array([0.0, 0.01])) > nll(theta)
        assert nll(theta - np.array([0.01, 0.0])) > nll(theta)


@pytest.mark.parametrize("size", [1, 3, 6])
@given(data=st.data())
def test_r15_noise_variance_is_the_proved_estimate_and_the_likelihoods_peak(size, data):
    y, y_hat = data.draw(finite(np.float64, size)), data.draw(finite(np.float64, size))
    estimate = numeric.noise_variance(y, y_hat)
    assert estimate == pytest.approx(cached_noise_variance(size)(y, y_hat), rel=1e-12, abs=1e-300)
    if estimate > 1e-6:  # the NLL in σ² is smallest there: a little either side is worse
        nll = numeric.gaussian_negative_log_likelihood
        at = nll(y, y_hat, estimate)
        assert nll(y, y_hat, estimate * 1.01) > at and nll(y, y_hat, estimate / 1.01) > at


@pytest.mark.parametrize("classes", [2, 3, 5])
@given(data=st.data(), scale=st.sampled_from([1.0, 30.0, 1e4]))
def test_r16_softmax_cross_entropy_is_the_proved_loss_even_for_huge_logits(classes, data, scale):
    """The mean loss over examples vs the proved per-example loss in 50-digit arithmetic, for
    logits up to 1e4 in size: finite, and exact to float64 rounding."""
    import mpmath

    m = data.draw(st.integers(1, 4))
    Z = data.draw(finite(np.float64, (classes, m), bound=1.0)) * scale
    labels = np.array(data.draw(st.lists(st.integers(0, classes - 1), min_size=m, max_size=m)))
    one_hot = np.eye(classes)[:, labels]
    with mpmath.workdps(50):
        expected = (
            sum(
                cached_softmax_loss(classes)(one_hot[:, i], [mpmath.mpf(z) for z in Z[:, i]])
                for i in range(m)
            )
            / m
        )
    got = numeric.softmax_cross_entropy_with_logits(labels, Z)
    assert np.isfinite(got)
    assert got == pytest.approx(float(expected), rel=1e-12, abs=1e-12 * scale)
    assert numeric.softmax_cross_entropy_with_logits(one_hot, Z) == got


@pytest.mark.parametrize("classes", [2, 3, 5])
@given(data=st.data())
def test_r16_the_gradient_is_p_minus_y(classes, data):
    """softmax_cross_entropy_gradient = the proved (p − y)/m = a central-difference gradient."""
    m = data.draw(st.integers(1, 3))
    Z = data.draw(finite(np.float64, (classes, m), bound=5.0))
    labels = np.array(data.draw(st.lists(st.integers(0, classes - 1), min_size=m, max_size=m)))
    one_hot = np.eye(classes)[:, labels]
    got = numeric.softmax_cross_entropy_gradient(labels, Z)
    proved_gradient = (
        np.stack(
            [cached_softmax_gradient(classes)(one_hot[:, i], Z[:, i]) for i in range(m)], axis=1
        )
        / m
    )
    np.testing.assert_allclose(got, proved_gradient, rtol=1e-12, atol=1e-15)
    numerical = numerical_gradient(
        lambda z: numeric.softmax_cross_entropy_with_logits(labels, z), Z
    )
    assert relative_error(numerical, got) < 1e-6
    np.testing.assert_allclose(numeric.softmax(Z) - one_hot, m * got, rtol=1e-12, atol=1e-15)


@given(z=st.lists(st.floats(-1e4, 1e4), min_size=2, max_size=2), label=st.sampled_from([0, 1]))
def test_r17_two_classes_are_the_notes_bce_of_the_logit_difference(z, label):
    """K = 2: softmax cross-entropy = BCE-with-logits of z₁ − z₂ for the label y₁ = [class 0]
    = the proved [R17] in arbitrary precision."""
    import mpmath

    Z = np.array(z).reshape(2, 1)
    y1 = 1 - label  # y₁ = 1 exactly when the example is of the first class
    got = numeric.softmax_cross_entropy_with_logits(np.array([label]), Z)
    bce = numeric.binary_cross_entropy_with_logits(np.array([y1]), np.array([z[0] - z[1]]))
    # 1 − σ(z₁ − z₂) is as small as e^−2e4: keep digits past it
    with mpmath.workdps(50 + int(abs(z[0] - z[1]) / 2.3)):
        expected = float(proved_two_classes()(y1, mpmath.mpf(z[0]), mpmath.mpf(z[1])))
    assert got == pytest.approx(bce, rel=1e-12, abs=1e-300)
    assert got == pytest.approx(expected, rel=1e-12, abs=1e-300)
    sigma = numeric.sigmoid(np.array([z[0] - z[1]]))[0]
    assert numeric.softmax(Z)[0, 0] == pytest.approx(sigma, rel=1e-12, abs=1e-300)


# --- the linear models, [R1]-[R9] --------------------------------------------------------------
# Random data from a seeded generator (not hypothesis): the linear algebra's accuracy depends on
# the conditioning, which arbitrary hypothesis arrays do not control. float32 inputs are
# computed in float64 and rounded once, so they agree with the float64 value at rtol 1e-6.

LINEAR_SHAPES = [(1, 1), (4, 2), (7, 3), (3, 5)]  # (m, d); the last has fewer rows than columns
LINEAR_RTOL = {np.float64: 1e-9, np.float32: 1e-6}
LAMS = [0.01, 1.0, 30.0]


def linear_data(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    m, d = shape
    X = rng.normal(size=(m, d)) * rng.uniform(0.5, 2.0, size=d)  # columns of different scales
    return X.astype(dtype), rng.normal(size=m).astype(dtype), rng.normal(size=d).astype(dtype)


def eigen(X):
    """XᵀX = QΛQᵀ by numpy.linalg.eigh, eigenvalues largest first (not ridge_shrinkage's SVD)."""
    mu, Q = np.linalg.eigh(X.T.astype(float) @ X.astype(float))
    return np.clip(mu[::-1], 0, None), Q[:, ::-1]


@pytest.mark.parametrize("shape", [(2, 1), (50, 3), (400, 7)])
@pytest.mark.parametrize("dtype", DTYPES)
def test_bias_variance_terms_are_the_proved_terms(shape, dtype):
    """Noise, bias² and variance are [R1]'s three terms at the empirical distribution of the
    fits: E[f̂] and Var[f̂] the mean and variance over the K fits at each input."""
    K, n = shape
    rng = np.random.default_rng(K)
    f = rng.normal(size=n).astype(dtype)
    predictions = (f + 0.5 + rng.normal(size=(K, n))).astype(dtype)
    y = (f + 0.3 * rng.normal(size=(K, n))).astype(dtype)
    terms = numeric.bias_variance_decomposition(predictions, f, y)
    p, f64, y64 = predictions.astype(float), f.astype(float), y.astype(float)
    sigma = np.sqrt(np.mean((y64 - f64) ** 2, axis=0))  # the test noise's spread at each input
    noise, bias, variance = proved.bias_variance_terms()(f64, p.mean(axis=0), p.var(axis=0), sigma)
    rtol = RTOL[dtype] * 100
    assert terms.noise == pytest.approx(noise.mean(), rel=rtol)
    assert terms.bias_squared == pytest.approx(bias.mean(), rel=rtol)
    assert terms.variance == pytest.approx(variance.mean(), rel=rtol)


@pytest.mark.parametrize(("K", "L", "n"), [(2, 2, 1), (5, 4, 3), (30, 20, 8)])
def test_test_error_is_the_proved_sum_when_the_noise_is_exactly_independent(K, L, n):
    """[R1] as an identity: pair each of K fits with each of L noise draws (noise independent
    of the fit, and of mean exactly 0 at every input), and the measured test error is exactly
    the proved noise + bias² + variance, not only in expectation."""
    rng = np.random.default_rng(K + L)
    f = rng.normal(size=n)
    fits = f + 0.7 + rng.normal(size=(K, n))
    eps = rng.normal(size=(L, n))
    eps -= eps.mean(axis=0)  # E[ε] = 0 over the L draws
    predictions = np.repeat(fits, L, axis=0)  # every fit with every noise draw
    y = f + np.tile(eps, (K, 1))
    terms = numeric.bias_variance_decomposition(predictions, f, y)
    sigma = np.sqrt(np.mean(eps**2, axis=0))
    noise, bias, variance = proved.bias_variance_terms()(
        f, fits.mean(axis=0), fits.var(axis=0), sigma
    )
    assert terms.test_error == pytest.approx(np.mean(noise + bias + variance), rel=1e-12)
    assert abs(terms.discrepancy) < 1e-12 * terms.test_error
    # the same fits with noise that is *not* independent of them: the identity breaks
    dependent = numeric.bias_variance_decomposition(predictions, f, f + (predictions - f) * 0.1)
    assert abs(dependent.discrepancy) > 1e-3


cached_ridge_solution = cache(proved.ridge_solution)


@pytest.mark.parametrize("shape", LINEAR_SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("lam", LAMS)
def test_ridge_fit_is_the_proved_solution(shape, dtype, lam):
    """ridge_fit solves the system; [R2] lambdified forms the inverse: the same weights."""
    X, y, _ = linear_data(shape, dtype)
    w = numeric.ridge_fit(X, y, lam)
    assert w.dtype == dtype and w.shape == (shape[1],)
    expected = cached_ridge_solution(*shape)(X.astype(float), y.astype(float), lam)
    np.testing.assert_allclose(w, expected, rtol=LINEAR_RTOL[dtype], atol=1e-12)


@pytest.mark.parametrize("shape", LINEAR_SHAPES)
@pytest.mark.parametrize("lam", [0.0, *LAMS])
def test_ridge_fit_is_the_svd_solution(shape, lam):
    """An independent solution: with X = USVᵀ, ŵ = V diag(s / (s² + λ)) Uᵀy; for λ = 0 (X of
    full column rank) the least-squares solution of numpy.linalg.lstsq."""
    X, y, _ = linear_data(shape, np.float64, seed=1)
    if lam == 0 and shape[0] < shape[1]:
        with pytest.raises(ValueError, match=r"lam must be > 0 when X has rank 3 < d = 5"):
            numeric.ridge_fit(X, y, lam)
        return
    U, s, Vt = np.linalg.svd(X, full_matrices=False)
    expected = Vt.T @ (s / (s**2 + lam) * (U.T @ y))
    np.testing.assert_allclose(numeric.ridge_fit(X, y, lam), expected, rtol=1e-9, atol=1e-12)
    if lam == 0:
        lstsq, *_ = np.linalg.lstsq(X, y, rcond=None)
        np.testing.assert_allclose(numeric.ridge_fit(X, y, 0.0), lstsq, rtol=1e-9)


@pytest.mark.parametrize("shape", LINEAR_SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("lam", LAMS)
def test_ridge_shrinkage_is_the_proved_fraction_per_direction(shape, dtype, lam):
    """ridge_shrinkage (from X's singular values) is [R3]'s μ/(μ + λ) at the eigenvalues of XᵀX
    (from numpy.linalg.eigh), and their sum the trace of the hat matrix X(XᵀX + λI)⁻¹Xᵀ."""
    X, _, _ = linear_data(shape, dtype)
    factors = numeric.ridge_shrinkage(X, lam)
    assert factors.dtype == dtype
    mu, _ = eigen(X)
    expected = proved.ridge_direction()(mu, lam, 1.0)
    np.testing.assert_allclose(factors, expected, rtol=LINEAR_RTOL[dtype], atol=1e-12)
    X64 = X.astype(float)
    hat = X64 @ np.linalg.solve(X64.T @ X64 + lam * np.eye(shape[1]), X64.T)
    assert float(factors.sum()) == pytest.approx(np.trace(hat), rel=LINEAR_RTOL[dtype])


@pytest.mark.parametrize("shape", [s for s in LINEAR_SHAPES if s[0] >= s[1]])
@pytest.mark.parametrize("lam", LAMS)
def test_ridge_fit_shrinks_each_eigen_direction_as_proved(shape, lam):
    """Qᵀŵ is [R3] applied to each coordinate Qᵀw* of the least-squares solution."""
    X, y, _ = linear_data(shape, np.float64, seed=2)
    mu, Q = eigen(X)
    w_star = numeric.ridge_fit(X, y, 0.0)
    expected = proved.ridge_direction()(mu, lam, Q.T @ w_star)
    np.testing.assert_allclose(Q.T @ numeric.ridge_fit(X, y, lam), expected, rtol=1e-8, atol=1e-12)


cached_soft = cache(proved.soft_threshold)


@pytest.mark.parametrize("shape", [(1,), (7,), (3, 4)])
@pytest.mark.parametrize("dtype", DTYPES)
@given(data=st.data(), alpha=st.floats(1e-3, 5.0), h=st.floats(0.1, 10.0))
def test_soft_threshold_is_the_proved_minimiser(shape, dtype, data, alpha, h):
    w = data.draw(finite(dtype, shape))
    t = alpha / h
    w[..., 0] = dtype(t)  # an entry exactly at the threshold, where [R5] switches case
    expected = cached_soft()(w.astype(float), alpha, h)
    got = numeric.soft_threshold(w, t)
    assert got.dtype == dtype
    np.testing.assert_allclose(got, expected, rtol=RTOL[dtype], atol=4 * t * np.finfo(dtype).eps)
    assert np.all((got == 0) == (np.abs(w) <= dtype(t)))  # exact zeros, exactly where proved


@pytest.mark.parametrize("shape", [(3, 1), (6, 3), (10, 4)])
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("lam", [0.05, 0.5, 3.0])
def test_lasso_fit_is_the_proved_soft_threshold_on_orthogonal_columns(shape, dtype, lam):
    """With orthogonal columns (XᵀX = diag(h)) the lasso separates into d problems of [R5]:
    ŵⱼ = sign(wⱼ*) max(|wⱼ*| − λ/hⱼ, 0), wⱼ* = (Xᵀy)ⱼ / hⱼ."""
    m, d = shape
    rng = np.random.default_rng(m)
    Q, _ = np.linalg.qr(rng.normal(size=(m, d)))
    X = (Q * rng.uniform(0.5, 3.0, size=d)).astype(dtype)
    y = rng.normal(size=m).astype(dtype)
    X64 = X.astype(float)
    h = np.sum(X64**2, axis=0)
    expected = cached_soft()(X64.T @ y.astype(float) / h, lam, h)
    got = numeric.lasso_fit(X, y, lam)
    assert got.dtype == dtype
    np.testing.assert_allclose(got, expected, rtol=max(LINEAR_RTOL[dtype], 1e-6), atol=1e-6)
    assert np.all((got == 0) == (expected == 0))


def lasso_by_enumeration(X, y, lam):
    """The exact lasso solution for small d, found without iterating: for every support and
    sign pattern s, solve X_Sᵀ X_S w_S = X_Sᵀy − λs, and keep the one candidate that satisfies
    the optimality conditions (signs as assumed, |x_jᵀr| ≤ λ off the support)."""
    import itertools

    d = X.shape[1]
    for signs in itertools.product((-1, 0, 1), repeat=d):
        s = np.array(signs, dtype=float)
        S = s != 0
        w = np.zeros(d)
        if S.any():
            XS = X[:, S]
            w[S] = np.linalg.solve(XS.T @ XS, XS.T @ y - lam * s[S])
            if np.any(np.sign(w[S]) != s[S]):
                continue
        correlation = X.T @ (y - X @ w)
        if np.all(np.abs(correlation[~S]) <= lam * (1 + 1e-12)):
            return w
    raise AssertionError("no sign pattern satisfies the lasso's optimality conditions")


@pytest.mark.parametrize("shape", [(5, 2), (20, 3), (30, 4)])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_lasso_fit_is_the_exact_solution_and_meets_its_optimality_conditions(shape, seed):
    rng = np.random.default_rng(seed)
    m, d = shape
    X = rng.normal(size=(m, d)) @ rng.normal(size=(d, d))  # correlated columns
    y = X @ np.array([2.0, 0.0, -1.0, 0.5])[:d] + rng.normal(size=m)
    lam = 0.2 * np.max(np.abs(X.T @ y))
    w = numeric.lasso_fit(X, y, lam, tol=1e-14)
    np.testing.assert_allclose(w, lasso_by_enumeration(X, y, lam), rtol=1e-5, atol=1e-7)
    # the subgradient (KKT) conditions, read off the output alone
    correlation = X.T @ (y - X @ w)
    on = w != 0
    np.testing.assert_allclose(correlation[on], lam * np.sign(w[on]), rtol=1e-5)
    assert np.all(np.abs(correlation[~on]) <= lam * (1 + 1e-6))


cached_noisy = cache(proved.noisy_example_loss)


@pytest.mark.parametrize("shape", LINEAR_SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("sigma", [0.0, 0.3, 2.0])
def test_expected_noisy_loss_is_the_proved_loss_summed_over_examples(shape, dtype, sigma):
    """[R6] is proved for one example; the numeric loss is its sum over the m examples."""
    X, y, w = linear_data(shape, dtype)
    per_example = cached_noisy(shape[1])
    rows = zip(X.astype(float), y.astype(float), strict=True)
    expected = sum(per_example(x, t, w.astype(float), sigma) for x, t in rows)
    assert numeric.expected_noisy_loss(X, y, w, sigma) == pytest.approx(
        expected, rel=LINEAR_RTOL[dtype]
    )


cached_dropout_loss = cache(proved.dropout_linear_loss)


@pytest.mark.parametrize("shape", LINEAR_SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("keep_prob", [0.1, 0.5, 0.9, 1.0])
def test_expected_dropout_loss_is_the_proved_loss(shape, dtype, keep_prob):
    X, y, w = linear_data(shape, dtype)
    expected = cached_dropout_loss(*shape)(
        X.astype(float), y.astype(float), w.astype(float), keep_prob
    )
    assert numeric.expected_dropout_loss(X, y, w, keep_prob) == pytest.approx(
        expected, rel=LINEAR_RTOL[dtype]
    )


@pytest.mark.parametrize("shape", LINEAR_SHAPES)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("fraction", [0.1, 0.9, 1.5, 1.99])
def test_gradient_descent_path_is_the_proved_closed_form_per_direction(shape, dtype, fraction):
    """Projected on the eigenvectors of XᵀX, every iterate is [R8]: (1 − (1 − εμ)^τ) w*, with w*
    the least-squares solution of least norm (its part along μ = 0 is 0, and so is the
    path's). Step sizes up to 1.99/μ_max, where the top direction overshoots and oscillates."""
    X, y, _ = linear_data(shape, dtype)
    mu, Q = eigen(X)
    lr = fraction / mu[0]
    steps = 40
    path = numeric.gradient_descent_path(X, y, lr, steps)
    assert path.shape == (steps + 1, shape[1]) and path.dtype == dtype
    w_star, *_ = np.linalg.lstsq(X.astype(float), y.astype(float), rcond=None)
    tau = np.arange(steps + 1)[:, None]
    expected = proved.gradient_descent_direction()(lr, mu, Q.T @ w_star, tau)
    scale = np.max(np.abs(Q.T @ w_star))
    np.testing.assert_allclose(
        path.astype(float) @ Q, expected, rtol=0, atol=LINEAR_RTOL[dtype] * 1e3 * scale
    )


@pytest.mark.parametrize("shape", [(4, 2), (7, 3)])
@pytest.mark.parametrize("tau", [1, 5, 50])
def test_ridge_with_the_proved_strength_keeps_what_early_stopping_keeps(shape, tau):
    """[R9]: with λᵢ = μᵢc/(1 − c), c = (1 − εμᵢ)^τ, ridge keeps along direction i exactly the
    fraction 1 − c that τ steps of gradient descent have covered (for εμ < 1)."""
    X, _, _ = linear_data(shape, np.float64)
    mu, _ = eigen(X)
    lr = 0.5 / mu[0]
    strength = proved.early_stopping_strength()(lr, mu, tau)
    covered = 1 - (1 - lr * mu) ** tau
    for i, lam in enumerate(strength):
        assert numeric.ridge_shrinkage(X, lam)[i] == pytest.approx(covered[i], rel=1e-10)
