"""The fast kernels of ``mathreg.numeric.fast`` against the textbook formulas they replace.

Elementwise results must be *identical* (same operations, same rounding); sums may differ only
by rounding (stated tolerances); the dropout mask is a different sample than the textbook's,
so it is checked against the recipe it implements (U's binary digits read from the generator)
and its keep rate against ``keep_prob`` with a stated statistical bound. Nothing here is timed.
"""

import math
import tracemalloc
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mathreg.numeric import _validation as v
from mathreg.numeric import (
    binary_cross_entropy_with_logits,
    dropout_backward,
    dropout_forward,
    dropout_mask,
    fast,
    l2_penalty,
    sgd_step,
    sgd_step_,
    textbook,
)
from mathreg.numeric._validation import _all_finite, _all_zero_or_one

DTYPES = [np.float32, np.float64]
#: more elements than fast.PARALLEL_MIN (so the threaded path runs), not a multiple of BLOCK
BIG = fast.PARALLEL_MIN + 3 * fast.BLOCK + 5


def identical(a: np.ndarray, b: np.ndarray) -> bool:
    """Same shape, dtype and bits (so -0.0 and 0.0 differ, unlike ``np.array_equal``)."""
    return (
        a.shape == b.shape
        and a.dtype == b.dtype
        and np.ascontiguousarray(a).tobytes() == (np.ascontiguousarray(b).tobytes())
    )


@pytest.fixture(params=[1, 2], ids=["1 thread", "2 threads"])
def threads(request, monkeypatch):
    monkeypatch.setattr(fast, "THREADS", request.param)
    return request.param


def arrays(shape, dtype, seed=0):
    rng = np.random.default_rng(seed)
    A = rng.standard_normal(shape).astype(dtype)
    A.flat[:: max(1, A.size // 7)] = -0.0  # signed zeros must survive too
    return A


# -- dropout ------------------------------------------------------------------------------------


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(), (1,), (7, 9), (3, 5, 11), (BIG,)])
@pytest.mark.parametrize("keep_prob", [0.1, 0.5, 0.8, 1.0])
def test_forward_is_the_textbook_formula_for_its_mask(dtype, shape, keep_prob, threads):
    A = arrays(shape, dtype)
    A_before = A.copy()
    out, mask = dropout_forward(A, keep_prob, np.random.default_rng(3))
    assert mask.dtype == np.bool_
    assert identical(out, A * mask / keep_prob)  # the textbook line, with this mask
    assert identical(A, A_before)


@pytest.mark.parametrize("dtype", DTYPES)
def test_forward_and_backward_accept_non_contiguous_arrays(dtype):
    A = arrays((40, 30), dtype).T  # Fortran-ordered view
    out, mask = dropout_forward(A, 0.7, np.random.default_rng(1))
    assert identical(out, np.ascontiguousarray(A * mask / 0.7))
    G = arrays((30, 80), dtype, seed=2)[:, ::2]
    assert np.array_equal(dropout_backward(G, mask, 0.7), G * mask / 0.7)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("mask_dtype", [bool, np.float32, np.float64])
@pytest.mark.parametrize("size", [13, BIG])
def test_backward_is_the_textbook_formula(dtype, mask_dtype, size, threads):
    dA = arrays((size,), dtype)
    mask = (np.random.default_rng(5).random(size) < 0.6).astype(mask_dtype)
    before = dA.copy(), mask.copy()
    got = dropout_backward(dA, mask, 0.6)
    assert identical(got, textbook.dropout_backward(dA, mask, 0.6))
    assert identical(dA, before[0]) and identical(mask, before[1])


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(), (7, 9), (BIG,)])
@pytest.mark.parametrize("keep_prob", [0.3, 0.8, 1.0])
def test_forward_is_the_public_mask_applied(dtype, shape, keep_prob, threads):
    # the MLP draws its masks with dropout_mask and applies them itself: the same mask, from the
    # same draws, as dropout_forward's, and the same output
    A = arrays(shape, dtype)
    rng_forward, rng_mask = np.random.default_rng(8), np.random.default_rng(8)
    out, mask = dropout_forward(A, keep_prob, rng_forward)
    D = dropout_mask(shape, keep_prob, rng_mask)
    assert identical(mask, D) and identical(out, A * D / keep_prob)
    assert rng_forward.bit_generator.state == rng_mask.bit_generator.state  # the same draws


def _mask_from_the_recipe(seed: int, n: int, keep_prob: float) -> np.ndarray:
    """D = 1[U < keep_prob] with U's digits read from the generator, by exact arithmetic."""
    rng = np.random.default_rng(seed)
    words = rng.integers(0, 2**64, size=-(-n // 8), dtype=np.uint64)
    first = words.view(np.uint8)[:n].astype(np.int64)  # U's first 8 binary digits
    k = Fraction(keep_prob)
    t = math.floor(k * 256)
    keep = (first + 1) * 256 <= t * 256  # U < (r + 1)/256 <= k: decided by 8 digits
    ties = np.flatnonzero(first == t)
    more = rng.integers(0, 2**64, size=ties.size, dtype=np.uint64)  # U's next 64 digits
    for i, w in zip(ties, more.tolist(), strict=True):
        keep[i] = Fraction(t * 2**64 + w, 2**72) < k  # U (to 72 digits) < keep_prob
    return keep, ties.size


@pytest.mark.parametrize("keep_prob", [0.8, 0.3 + 1 / 512, 1 / 3])
@pytest.mark.parametrize("n", [BIG, 20_000], ids=["threaded blocks", "one block"])
def test_mask_is_u_less_than_keep_prob_digit_by_digit(keep_prob, n, threads):
    _, mask = dropout_forward(np.ones(n), keep_prob, np.random.default_rng(11))
    expected, n_ties = _mask_from_the_recipe(11, n, keep_prob)
    assert n_ties > n / 512  # about n / 256 units needed more than 8 digits
    np.testing.assert_array_equal(mask == 1, expected)


def test_mask_needs_its_ties_resolved():
    # the recipe's step 3 matters: with 2^20 units about 4096 are undecided after 8 digits, and
    # about keep_prob*256 - t of them (here half) are kept; a mask that dropped every tie
    # would differ from the recipe
    keep_prob = 0.5 + 0.5 / 256
    n = 1 << 20
    first = np.random.default_rng(4).integers(0, 2**64, size=n // 8, dtype=np.uint64).view(np.uint8)
    ties = first == math.floor(keep_prob * 256)
    mask = fast.dropout_mask((n,), keep_prob, np.random.default_rng(4))
    kept_ties = mask[ties].mean()
    # ~4096 ties, each kept with probability 1/2: sd 0.008; 6 sd
    assert abs(kept_ties - 0.5) < 0.05


def test_mask_does_not_depend_on_dtype_threads_or_block_size(monkeypatch):
    n = BIG
    masks = []
    for dtype, threads, block in [
        (np.float64, 1, fast.BLOCK),
        (np.float32, 2, fast.BLOCK),
        (np.float64, 3, 1 << 10),
        (np.float32, 1, 1 << 21),  # all in one block: the kernel's path without a loop
    ]:
        monkeypatch.setattr(fast, "THREADS", threads)
        monkeypatch.setattr(fast, "BLOCK", block)
        (_, mask), _ = fast.dropout_forward(np.ones(n, dtype), 0.8, np.random.default_rng(9))
        masks.append(mask)
    assert all(np.array_equal(masks[0], other) for other in masks[1:])


@given(st.floats(2.0**-20, 1.0, exclude_max=True))
@settings(max_examples=200, deadline=None)
def test_keep_probability_is_exactly_keep_prob(keep_prob):
    # P(D = 1) = t / 2^8 + (1 / 2^8) * t_tie / 2^64 (see mathreg.numeric.fast)
    t, t_tie = fast.keep_thresholds(keep_prob)
    assert Fraction(t * 2**64 + t_tie, 2**72) == Fraction(keep_prob)


@given(st.floats(2.0**-1074, 2.0**-20, exclude_max=True))
@settings(max_examples=50, deadline=None)
def test_keep_probability_of_tiny_keep_probs_is_within_2_to_the_minus_72(keep_prob):
    t, t_tie = fast.keep_thresholds(keep_prob)
    assert 0 <= Fraction(t * 2**64 + t_tie, 2**72) - Fraction(keep_prob) <= Fraction(1, 2**72)


@pytest.mark.parametrize("keep_prob", [0.8, 0.1, 0.999, 2.0**-7, 1 / 3])
def test_keep_rate_matches_keep_prob(keep_prob):
    # n = 2^22 independent units: the kept fraction has sd sqrt(p (1 - p) / n); a correct
    # sampler lands outside 6 sd with probability < 2e-9 under any seed
    n = 1 << 22
    mask = fast.dropout_mask((n,), keep_prob, np.random.default_rng(2026))
    sd = math.sqrt(keep_prob * (1 - keep_prob) / n)
    assert abs(mask.mean(dtype=np.float64) - keep_prob) < 6 * sd


def test_keep_prob_one_draws_nothing_and_copies():
    A = arrays((5, 6), np.float32)
    rng = np.random.default_rng(0)
    state = rng.bit_generator.state
    out, mask = dropout_forward(A, 1.0, rng)
    assert rng.bit_generator.state == state
    assert identical(out, A) and not np.shares_memory(out, A) and np.all(mask == 1)


def test_textbook_forward_is_kept_and_agrees_in_distribution():
    A = np.full((500, 400), 2.0)
    out, mask = textbook.dropout_forward(A, 0.8, np.random.default_rng(0))
    assert identical(out, A * mask / 0.8)
    fast_mask = dropout_forward(A, 0.8, np.random.default_rng(0))[1]
    sd = math.sqrt(0.8 * 0.2 / A.size)
    assert abs(mask.mean() - fast_mask.mean()) < 6 * math.sqrt(2) * sd


# -- binary cross-entropy from logits -----------------------------------------------------------


def _labels_and_logits(n, dtype, label_dtype, seed=0):
    rng = np.random.default_rng(seed)
    z = (rng.standard_normal(n) * rng.choice([0.1, 3.0, 40.0], n)).astype(dtype)
    y = (rng.random(n) < 0.5).astype(label_dtype)
    return y, z


@pytest.mark.parametrize(
    ("label_dtype", "n"),
    [(d, n) for d in [bool, np.int64, np.uint8, np.float32, np.float64] for n in (1, 1000)]
    + [(np.float64, BIG)],
)
def test_bce_equals_the_textbook_in_float64(label_dtype, n, threads):
    y, z = _labels_and_logits(n, np.float64, label_dtype)
    got = binary_cross_entropy_with_logits(y, z)
    want = textbook.binary_cross_entropy_with_logits(y, z)
    assert got == pytest.approx(want, rel=2e-15)
    # and at least as close to the exactly rounded mean of the same terms
    yf = y.astype(np.float64)
    terms = np.maximum(z, 0) - z * yf + np.log1p(np.exp(-np.abs(z)))
    exact = math.fsum(terms.tolist()) / n
    assert abs(got - exact) <= abs(want - exact) + 2 * math.ulp(exact)


@pytest.mark.parametrize("n", [1000, BIG])
def test_bce_in_float32_has_the_textbook_terms_and_a_float64_sum(n, threads):
    y, z = _labels_and_logits(n, np.float32, np.float32)
    got = binary_cross_entropy_with_logits(y, z)
    terms = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))  # float32 terms
    assert got == pytest.approx(math.fsum(terms.astype(np.float64).tolist()) / n, rel=1e-15)
    # the textbook's np.mean adds in float32: within its own rounding error
    assert got == pytest.approx(textbook.binary_cross_entropy_with_logits(y, z), rel=1e-5)


@pytest.mark.parametrize("dtype", DTYPES)
def test_bce_is_finite_and_exact_at_huge_logits(dtype):
    z = np.array([1000.0, -1000.0, 1000.0, -1000.0], dtype)
    assert binary_cross_entropy_with_logits(np.array([0, 1, 1, 0]), z) == 500.0
    assert binary_cross_entropy_with_logits(np.array([1, 0, 1, 0]), z) == 0.0
    big = np.full(BIG, 1000.0, dtype)
    assert binary_cross_entropy_with_logits(np.zeros(BIG), big) == 1000.0


def test_bce_does_not_modify_its_inputs_and_accepts_views():
    y, z = _labels_and_logits(4000, np.float64, np.float64)
    y2, z2 = y.reshape(40, 100).T, z.reshape(40, 100).T
    before = y2.copy(), z2.copy()
    got = binary_cross_entropy_with_logits(y2, z2)
    assert got == pytest.approx(textbook.binary_cross_entropy_with_logits(y2, z2), rel=2e-15)
    assert identical(y2, before[0]) and identical(z2, before[1])


# -- L2 penalty and the weight-decay step -------------------------------------------------------


@pytest.mark.parametrize("dtype", DTYPES)
def test_penalty_equals_the_textbook(dtype, threads):
    rng = np.random.default_rng(0)
    layers = [rng.standard_normal(s).astype(dtype) * 3 for s in [(1, 1), (37, 23), (BIG // 64, 64)]]
    layers.append(rng.standard_normal((64, 50)).astype(dtype).T)  # a non-contiguous one
    got = l2_penalty(layers, lam=0.7, m=13)
    assert got == pytest.approx(textbook.l2_penalty(layers, 0.7, 13), rel=1e-14)
    exact = math.fsum(float(x) ** 2 for W in layers for x in W.ravel().tolist())
    assert got == pytest.approx(0.7 / 26 * exact, rel=1e-14)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("lam", [0.0, 0.5])
@pytest.mark.parametrize("shape", [(3,), (257, 129), (BIG,)])
def test_sgd_step_equals_the_textbook(dtype, lam, shape, threads):
    W, grad = arrays(shape, dtype), arrays(shape, dtype, seed=1)
    before = W.copy(), grad.copy()
    got = sgd_step(W, grad, lr=0.1, lam=lam, m=7)
    assert identical(got, textbook.sgd_step(W, grad, 0.1, lam, 7))
    assert identical(W, before[0]) and identical(grad, before[1])
    assert not np.shares_memory(got, W)


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("shape", [(3,), (257, 129), (BIG,)])
def test_sgd_step_in_place_equals_the_textbook(dtype, shape, threads):
    W, grad = arrays(shape, dtype), arrays(shape, dtype, seed=1)
    expected = textbook.sgd_step(W, grad, 0.1, 0.5, 7)
    before = grad.copy()
    assert sgd_step_(W, grad, lr=0.1, lam=0.5, m=7) is None
    assert identical(W, expected) and identical(grad, before)


def test_sgd_step_in_place_writes_a_block_only_when_it_is_finite(threads):
    n = 3 * fast.BLOCK + 5
    W, grad = arrays((n,), np.float64), arrays((n,), np.float64, seed=1)
    expected = textbook.sgd_step(W, grad, 0.1, 0.5, 7)
    bad = 2 * fast.BLOCK + 1  # in the third block
    W[bad] = np.nan
    before = W.copy()
    with pytest.raises(ValueError, match="W must contain only finite values"):
        sgd_step_(W, grad, lr=0.1, lam=0.5, m=7)
    assert identical(W[: 2 * fast.BLOCK], expected[: 2 * fast.BLOCK])  # blocks before: new
    assert identical(W[2 * fast.BLOCK :], before[2 * fast.BLOCK :])  # from the bad one: old


def test_sgd_step_in_place_on_threads_leaves_each_entry_old_or_new(monkeypatch):
    monkeypatch.setattr(fast, "THREADS", 2)
    W, grad = arrays((BIG,), np.float32), arrays((BIG,), np.float32, seed=1)
    expected = textbook.sgd_step(W, grad, 0.1, 0.5, 7)
    grad[BIG // 4] = np.inf  # in the first thread's part
    before = W.copy()
    with pytest.raises(ValueError, match="grad must contain only finite values"):
        sgd_step_(W, grad, lr=0.1, lam=0.5, m=7)
    new = W == expected
    assert np.all(new | (W == before)) and not new.all() and new[-1]  # the 2nd part finished
    assert W[BIG // 4] == before[BIG // 4]


def test_sgd_step_in_place_names_a_bad_grad():
    W, grad = np.ones(4), np.array([0.0, 0.0, np.inf, 0.0])
    with pytest.raises(ValueError, match="grad must contain only finite values"):
        sgd_step_(W, grad, lr=0.1, lam=0.0, m=1)


@pytest.mark.parametrize("in_place", [False, True])
def test_sgd_step_overflow_follows_the_callers_errstate(in_place):
    def step(W, grad):
        if not in_place:
            return sgd_step(W, grad, lr=10.0, lam=0.0, m=1)
        sgd_step_(W, grad, lr=10.0, lam=0.0, m=1)
        return W

    W, grad = np.array([1.0, 2.0]), np.array([0.0, -1e308])
    with np.errstate(over="raise"), pytest.raises(FloatingPointError, match="overflow"):
        step(W, grad)
    W = np.array([1.0, 2.0])
    with pytest.warns(RuntimeWarning, match="overflow"):
        got = step(W, grad)
    assert (got is W) == in_place and got[0] == 1.0 and got[1] == np.inf


def test_sgd_step_of_views():
    W = arrays((30, 40), np.float64).T
    grad = arrays((60, 40), np.float64)[::2].T
    assert np.array_equal(sgd_step(W, grad, 0.3, 2.0, 5), textbook.sgd_step(W, grad, 0.3, 2.0, 5))


def test_worker_threads_honour_the_callers_errstate(monkeypatch):
    # MLP.fit turns overflow into FloatingPointError with np.errstate; the worker threads of a
    # large kernel must see that setting too (the overflow here is in the second half)
    monkeypatch.setattr(fast, "THREADS", 2)
    W = np.zeros(BIG)
    grad = np.zeros(BIG)
    grad[-1] = 1e308
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        sgd_step(W, grad, lr=10.0, lam=0.0, m=1)


# -- memory: at most one temporary the size of the input ----------------------------------------


def _peak_extra(f, *args):
    """Bytes allocated at the peak of ``f(*args)`` beyond what it returns."""
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        result = f(*args)
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    outputs = result if isinstance(result, tuple) else (result,)
    return peak - sum(x.nbytes for x in outputs if isinstance(x, np.ndarray))


@pytest.mark.parametrize("dtype", DTYPES)
def test_kernels_allocate_at_most_one_input_sized_temporary(dtype):
    n = BIG
    A, G = arrays((n,), dtype), arrays((n,), dtype, seed=1)
    y = (np.random.default_rng(0).random(n) < 0.5).astype(dtype)
    rng = np.random.default_rng(0)
    mask = dropout_forward(A, 0.8, rng)[1]
    assert _peak_extra(dropout_forward, A, 0.8, rng) <= A.nbytes
    assert _peak_extra(dropout_backward, G, mask, 0.8) <= G.nbytes + mask.nbytes
    assert _peak_extra(binary_cross_entropy_with_logits, y, A) <= A.nbytes + y.nbytes
    assert _peak_extra(l2_penalty, [A, G], 0.1, 10) <= A.nbytes + G.nbytes
    assert _peak_extra(sgd_step, A, G, 0.1, 0.1, 10) <= A.nbytes + G.nbytes
    # the textbook line of the loss makes four full-size temporaries (what the kernel saves)
    assert _peak_extra(textbook.binary_cross_entropy_with_logits, y, A) >= 3 * A.nbytes


# -- the quick argument checks ------------------------------------------------------------------

SPECIAL = [0.0, -0.0, 1.0, -1.0, 0.5, 1e-310, 3e38, 1e200, np.inf, -np.inf, np.nan]


@given(
    st.lists(st.sampled_from(SPECIAL), min_size=1, max_size=12),
    st.sampled_from(DTYPES),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_quick_finiteness_check_is_exact(values, dtype, transpose):
    with np.errstate(over="ignore"):
        arr = np.array(values, dtype)
    arr = np.stack([arr, arr[::-1]]).T if transpose else arr  # also an F-ordered 2-D array
    assert _all_finite(arr) == bool(np.isfinite(arr).all())


@given(
    st.lists(st.sampled_from([0, 1, 2, -1, 255, 0.5, -0.0, np.nan, np.inf]), min_size=1),
    st.sampled_from([bool, np.int8, np.int64, np.uint8, np.uint64, np.float32, np.float64]),
)
@settings(max_examples=300, deadline=None)
def test_quick_label_check_never_accepts_a_bad_label(values, dtype):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # casting nan/inf/-1 to integers warns
        arr = np.array(values).astype(dtype)
    assert _all_zero_or_one(arr) == bool(((arr == 0) | (arr == 1)).all())


@pytest.mark.parametrize(
    "bit_generator",
    [np.random.PCG64, np.random.PCG64DXSM, np.random.Philox, np.random.SFC64, np.random.MT19937],
)
def test_random_words_are_the_generators_uint64_draws(bit_generator):
    # the mask's documented stream is rng.integers(0, 2**64, dtype=np.uint64), whatever the
    # bit generator (random_raw is used where it is the same thing, and MT19937's is not)
    a, b = np.random.Generator(bit_generator(5)), np.random.Generator(bit_generator(5))
    for n in (1, 7, 4096):
        assert np.array_equal(fast._words(a, n), b.integers(0, 2**64, size=n, dtype=np.uint64))
    mask = fast.dropout_mask((1 << 16,), 0.25, a)
    sd = math.sqrt(0.25 * 0.75 / mask.size)
    assert abs(mask.mean() - 0.25) < 6 * sd


# -- values checked inside the kernels: same errors, no stray warnings -------------------------


@pytest.mark.parametrize("n", [10, BIG])
def test_a_kernel_computes_the_same_with_and_without_its_check(n, threads):
    A, G = arrays((n,), np.float64), arrays((n,), np.float64, seed=1)
    mask, y = A > 0, (G > 0).astype(np.float64)
    calls = {
        "dropout_forward": lambda check: fast.dropout_forward(
            A, 0.7, np.random.default_rng(1), check=check
        ),
        "dropout_backward": lambda check: fast.dropout_backward(G, mask, 0.7, check=check),
        "bce": lambda check: fast.binary_cross_entropy_with_logits(y, A, check=check),
        "l2_penalty": lambda check: fast.l2_penalty([A, G], 0.3, 5, check=check),
        "sgd_step": lambda check: fast.sgd_step(A, G, 0.1, 0.3, 5, check=check),
    }
    for name, call in calls.items():
        (checked, ok), (unchecked, also_ok) = call(True), call(False)
        assert ok and also_ok, name
        assert _bits(checked) == _bits(unchecked), name


def _bits(result) -> list[bytes]:
    parts = result if isinstance(result, tuple) else (result,)
    return [np.asarray(part).tobytes() for part in parts]


def test_run_checked_rescans_and_runs_again_only_after_a_failed_check():
    calls, rescans = [], []

    def kernel(x, *, check):
        calls.append(check)
        return 2 * x, not (check and x < 0)  # "a bad value" when negative

    assert v.run_checked(kernel, (3,), lambda: rescans.append("x")) == 6
    assert calls == [True] and rescans == []  # one checked run, no scan
    calls.clear()
    got = v.run_checked(kernel, (-3,), lambda: rescans.append("x"), lambda: rescans.append("y"))
    assert got == -6 and calls == [True, False] and rescans == ["x", "y"]  # valid: run again

    def scan():
        raise ValueError("x must be positive")

    calls.clear()
    with pytest.raises(ValueError, match="x must be positive"):
        v.run_checked(kernel, (-3,), scan)
    assert calls == [True]  # the scan raised: no second run


def _bad(n, dtype, value, where):
    x = np.ones(n, dtype)
    x[where] = value
    return x


@pytest.mark.parametrize("n", [10, BIG])
@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_non_finite_inputs_raise_the_usual_errors_and_nothing_else(n, value, threads):
    where = n - 2  # in the last part when threaded
    ones = np.ones(n)
    mask = np.zeros(n)  # inf * 0 is NaN: the kernel must not warn about it
    cases = [
        (lambda: dropout_backward(_bad(n, np.float64, value, where), mask, 0.5), "dA"),
        (lambda: binary_cross_entropy_with_logits(ones, _bad(n, np.float64, value, where)), "z"),
        (lambda: sgd_step(_bad(n, np.float64, value, where), ones, 0.1, 0.1, 5), "W"),
        (lambda: sgd_step(ones, _bad(n, np.float32, value, where).astype(float), 1, 0, 5), "grad"),
        (lambda: l2_penalty([ones, _bad(n, np.float32, value, where)], 0.1, 5), r"weights\[1\]"),
    ]
    for call, name in cases:
        with warnings.catch_warnings(), np.errstate(all="raise"):
            warnings.simplefilter("error")
            with pytest.raises(ValueError, match=f"^{name} must contain only finite values"):
                call()


@pytest.mark.parametrize("n", [10, BIG])
@pytest.mark.parametrize("value", [0.5, 2.0, -1.0, np.nan, np.inf, 1e-300])
def test_masks_and_labels_other_than_0_and_1_raise_the_usual_errors(n, value, threads):
    where = n - 2
    G = np.ones(n)
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^mask must contain only 0 and 1"):
            dropout_backward(G, _bad(n, np.float64, value, where), 0.5)
        message = r"^y must contain only (finite values|labels)"
        with pytest.raises(ValueError, match=message):
            binary_cross_entropy_with_logits(_bad(n, np.float64, value, where), G)
    with pytest.raises(ValueError, match=r"^y must contain only labels in \{0, 1\}, got 2"):
        binary_cross_entropy_with_logits(_bad(n, np.int64, 2, where), G)


@pytest.mark.parametrize("n", [7, BIG])
def test_valid_inputs_whose_result_overflows_follow_the_callers_errstate(n):
    W = np.full(n, 1e308)
    grad = np.full(n, -1e308)
    with np.errstate(over="ignore"):
        assert np.all(sgd_step(W, grad, lr=10.0, lam=0.0, m=1) == np.inf)
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        sgd_step(W, grad, lr=10.0, lam=0.0, m=1)
    dA = np.full(n, 3e38, np.float32)
    with np.errstate(over="ignore"):
        assert np.all(dropout_backward(dA, np.ones(n), 0.5) == np.inf)
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        dropout_backward(dA, np.ones(n), 0.5)


@pytest.mark.parametrize("n", [10, BIG])
@pytest.mark.parametrize("keep_prob", [0.5, 1.0])
@pytest.mark.parametrize("value", [np.nan, np.inf])
def test_forward_with_a_non_finite_input_raises_and_leaves_the_generator_alone(
    n, keep_prob, value, threads
):
    A = _bad(n, np.float64, value, n - 2)
    rng = np.random.default_rng(0)
    state = rng.bit_generator.state
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"^A must contain only finite values"):
            dropout_forward(A, keep_prob, rng)
    assert rng.bit_generator.state == state


def test_forward_overflow_of_valid_input_follows_the_callers_errstate():
    A = np.full(9, 3e38, np.float32)
    with np.errstate(over="ignore"):
        out, mask = dropout_forward(A, 0.5, np.random.default_rng(0))
    assert np.all(out[mask == 1] == np.inf)
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        dropout_forward(A, 0.5, np.random.default_rng(0))


def test_sums_that_pass_the_largest_float_on_the_way():
    # math.fsum raises OverflowError once its running total passes the largest float; the
    # kernels' totals may do so where the penalty is inf or the mean is finite
    huge = np.array([1e154])  # its square is 1e308: two of them add up past the largest float
    assert l2_penalty([huge, huge], lam=1.0, m=1) == math.inf
    assert textbook.l2_penalty([huge, huge], 1.0, 1) == math.inf
    z = np.full(2 * fast.BLOCK, 1.5e308 / fast.BLOCK)  # each block's terms add up to 1.5e308
    assert binary_cross_entropy_with_logits(np.zeros(z.size), z) == z[0]  # the exact mean
