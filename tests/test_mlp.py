"""The MLP: shapes, the gradient check, L2 and dropout inside it, float32, training."""

import inspect
import textwrap
import warnings

import numpy as np
import pytest
from gradcheck import mlp_gradient_check, relative_error

import mathreg.numeric.mlp as mlp_module
from mathreg.numeric import (
    MLP,
    ForwardCache,
    Gradients,
    binary_cross_entropy,
    dropout_forward,
    l2_penalty,
    sgd_step,
    textbook,
)

#: what the gradient check must reach in float64 with eps = 1e-6 (measured: ~1e-10 .. 1e-9)
GRADCHECK_TOLERANCE = 1e-7


def random_net(sizes, seed, dtype=np.float64):
    """A net with nonzero biases, so that no hidden pre-activation sits on ReLU's kink."""
    rng = np.random.default_rng(seed)
    net = MLP(sizes, rng, dtype=dtype)
    biases = [
        (rng.uniform(0.1, 0.5, b.shape) * rng.choice([-1.0, 1.0], b.shape)).astype(dtype)
        for b in net.biases
    ]
    return MLP.from_params(net.weights, biases)


def data(n_in, m, seed):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n_in, m)), rng.integers(0, 2, (1, m))


def test_shapes_follow_the_note():
    net = MLP([3, 5, 4, 1], np.random.default_rng(0))
    assert [W.shape for W in net.weights] == [(5, 3), (4, 5), (1, 4)]  # (n_out, n_in)
    assert [b.shape for b in net.biases] == [(5, 1), (4, 1), (1, 1)]
    X, Y = data(3, 7, 1)
    cache = net.forward(X, keep_prob=0.5, rng=np.random.default_rng(2))
    assert [A.shape for A in cache.A] == [(3, 7), (5, 7), (4, 7), (1, 7)]  # (features, examples)
    assert [Z.shape for Z in cache.Z] == [(5, 7), (4, 7), (1, 7)]
    assert [D.shape for D in cache.masks] == [(5, 7), (4, 7)]
    grads = net.backward(cache, Y, lam=0.1)
    assert [g.shape for g in grads.dW] == [W.shape for W in net.weights]
    assert [g.shape for g in grads.db] == [b.shape for b in net.biases]
    assert isinstance(cache, ForwardCache) and isinstance(grads, Gradients)


def test_he_initialisation_scale():
    net = MLP([400, 300, 1], np.random.default_rng(0))
    assert net.weights[0].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    assert all(np.all(b == 0) for b in net.biases)


@pytest.mark.parametrize(
    ("sizes", "lam", "keep_prob"),
    [
        ([4, 1], 0.0, 1.0),  # logistic regression
        ([4, 1], 0.3, 1.0),
        ([3, 5, 4, 1], 0.0, 1.0),
        ([3, 5, 4, 1], 0.7, 1.0),  # + L2, eq. (12)
        ([3, 5, 4, 1], 0.0, 0.8),  # + dropout, eqs. (14)-(15)
        ([3, 5, 4, 1], 0.7, 0.5),  # both
        ([2, 16, 16, 16, 1], 1.0, 0.7),
    ],
)
def test_gradient_check(sizes, lam, keep_prob):
    net = random_net(sizes, seed=0)
    X, Y = data(sizes[0], 9, seed=1)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no kink warning: the check is meaningful
        error = mlp_gradient_check(
            net, X, Y, lam=lam, keep_prob=keep_prob, rng=np.random.default_rng(2)
        )
    assert error < GRADCHECK_TOLERANCE


def _backward_with(old: str, new: str):
    """``MLP._backward`` with its line ``old`` replaced by ``new`` (the line must be there)."""
    source = textwrap.dedent(inspect.getsource(MLP._backward))
    assert source.count(old) == 1, f"{old!r} is not a line of MLP._backward"
    namespace = dict(vars(mlp_module))
    exec(source.replace(old, new), namespace)
    return namespace["_backward"]


def test_gradient_check_catches_a_missing_dropout_rescale(monkeypatch):
    # the check can fail: drop the 1/keep_prob of eq. (15), in MLP.backward's own line, and it
    # reports a large error
    broken = _backward_with("dA = dA * D[l - 2] / keep_prob", "dA = dA * D[l - 2]")
    monkeypatch.setattr(MLP, "_backward", broken)
    net = random_net([3, 5, 4, 1], seed=0)
    X, Y = data(3, 9, seed=1)
    assert mlp_gradient_check(net, X, Y, keep_prob=0.5, rng=np.random.default_rng(2)) > 1e-2


@pytest.mark.parametrize(
    ("line", "broken"),
    [
        ("dA = np.dot(self.weights[l - 1].T, dZ)", "dA = np.dot(self.weights[l - 1].T, 2 * dZ)"),
        ("dZ = dA * (Z[l - 2] > 0)", "dZ = dA * (Z[l - 2] >= -1)"),
        ("dZ = (A[L] - Y) / m", "dZ = A[L] - Y"),
    ],
    ids=["eq. (14)", "relu'", "dZ^(L)"],
)
def test_gradient_check_catches_a_wrong_backward_line(monkeypatch, line, broken):
    monkeypatch.setattr(MLP, "_backward", _backward_with(line, broken))
    net = random_net([3, 5, 4, 1], seed=0)
    X, Y = data(3, 9, seed=1)
    assert mlp_gradient_check(net, X, Y, keep_prob=0.5, rng=np.random.default_rng(2)) > 1e-2


def test_gradient_check_catches_a_missing_penalty_gradient():
    # back(W) alone is not dJ/dW when lam > 0: the (lam/m) W term of eq. (12) is needed
    net = random_net([3, 5, 1], seed=0)
    X, Y = data(3, 9, seed=1)
    grads = net.backward(net.forward(X), Y, lam=2.0)
    with_penalty = [g.copy() for g in grads.dW]
    assert not all(np.allclose(a, b) for a, b in zip(grads.back, with_penalty, strict=True))
    assert mlp_gradient_check(net, X, Y, lam=2.0) < GRADCHECK_TOLERANCE


def test_gradient_check_warns_at_the_relu_kink():
    # zero biases + dropout: an example whose inputs to a layer are all dropped has Z = 0
    net = MLP([2, 3, 3, 1], np.random.default_rng(0))
    X = np.ones((2, 40))
    Y = np.ones((1, 40), int)
    with pytest.warns(RuntimeWarning, match="ReLU kink"):
        mlp_gradient_check(net, X, Y, keep_prob=0.3, rng=np.random.default_rng(0))


def test_gradient_check_does_not_modify_the_net():
    net = random_net([3, 4, 1], seed=0)
    before = [p.copy() for p in (*net.weights, *net.biases)]
    mlp_gradient_check(net, *data(3, 5, 1), lam=0.5)
    for p, q in zip(before, (*net.weights, *net.biases), strict=True):
        np.testing.assert_array_equal(p, q)


def test_step_is_weight_decay_and_equals_a_step_along_the_full_gradient():
    net = random_net([3, 5, 1], seed=0)
    X, Y = data(3, 8, seed=1)
    grads = net.backward(net.forward(X), Y, lam=0.9)
    expected = [W - 0.1 * dW for W, dW in zip(net.weights, grads.dW, strict=True)]  # eq. (12)
    old = net.weights
    net.step(grads, lr=0.1)  # eq. (13) through sgd_step
    for W, E in zip(net.weights, expected, strict=True):
        np.testing.assert_allclose(W, E, rtol=1e-13, atol=1e-15)
    assert all(a is not b for a, b in zip(old, net.weights, strict=True))


def test_step_equals_sgd_step_bit_for_bit():
    net = random_net([3, 5, 1], seed=0)
    X, Y = data(3, 8, seed=1)
    grads = net.backward(net.forward(X), Y, lam=0.9)
    expected = [sgd_step(W, g, 0.1, 0.9, 8) for W, g in zip(net.weights, grads.back, strict=True)]
    expected += [sgd_step(b, g, 0.1, 0.0, 8) for b, g in zip(net.biases, grads.db, strict=True)]
    net.step(grads, lr=0.1)
    for got, want in zip((*net.weights, *net.biases), expected, strict=True):
        np.testing.assert_array_equal(got, want)


def test_step_rejects_gradients_of_another_model():
    net, other = random_net([3, 5, 1], seed=0), random_net([3, 4, 1], seed=0)
    X, Y = data(3, 8, seed=1)
    grads = other.backward(other.forward(X), Y)
    with pytest.raises(ValueError, match=r"grads must come from backward on this model.*weights"):
        net.step(grads, lr=0.1)
    as32 = MLP.from_params(
        [W.astype(np.float32) for W in net.weights], [b.astype(np.float32) for b in net.biases]
    )
    with pytest.raises(ValueError, match=r"float32.*float64|float64.*float32"):
        net.step(as32.backward(as32.forward(X), Y), lr=0.1)


def test_step_raises_when_a_parameter_becomes_nan_or_inf():
    net = random_net([3, 5, 1], seed=0)
    X, Y = data(3, 8, seed=1)
    grads = net.backward(net.forward(X), Y)
    huge = Gradients(
        back=tuple(np.full_like(g, 1e308) for g in grads.back),
        db=grads.db,
        lam=0.0,
        m=8,
        weights=net.weights,
    )
    before = [p.copy() for p in (*net.weights, *net.biases)]
    with pytest.raises(FloatingPointError, match=r"weights\[0\] became NaN or inf.*smaller lr"):
        net.step(huge, lr=1e10)
    for p, q in zip(before, (*net.weights, *net.biases), strict=True):
        np.testing.assert_array_equal(p, q)  # unchanged
    nan_bias = Gradients(
        back=grads.back, db=(grads.db[0] * np.nan, grads.db[1]), lam=0.0, m=8, weights=net.weights
    )
    with pytest.raises(FloatingPointError, match=r"biases\[0\] became NaN or inf"):
        random_net([3, 5, 1], seed=0).step(nan_bias, lr=0.1)


def test_loss_is_bce_of_the_predictions_plus_the_penalty():
    net = random_net([3, 6, 1], seed=0)
    X, Y = data(3, 10, seed=1)
    data_loss = binary_cross_entropy(Y, net.predict_proba(X))
    assert net.loss(X, Y) == pytest.approx(data_loss, rel=1e-12)
    assert net.loss(X, Y, lam=0.4) == pytest.approx(
        data_loss + l2_penalty(net.weights, 0.4, 10), rel=1e-12
    )


def test_labels_as_a_flat_vector_are_accepted():
    net = random_net([3, 4, 1], seed=0)
    X, Y = data(3, 5, seed=1)
    assert net.loss(X, Y.ravel()) == net.loss(X, Y)


def test_predictions_are_probabilities_even_for_huge_logits():
    net = MLP.from_params([np.array([[1.0]])], [np.zeros((1, 1))])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        P = net.predict_proba(np.array([[-1e4, -30.0, 0.0, 30.0, 1e4]]))
        assert net.loss(np.array([[-1e4, 1e4]]), [[1, 0]]) == pytest.approx(1e4)
    assert P.shape == (1, 5) and P[0, 0] == 0.0 and P[0, 2] == 0.5 and P[0, 4] == 1.0


def test_without_dropout_the_forward_pass_needs_no_generator():
    net = random_net([3, 4, 1], seed=0)
    cache = net.forward(data(3, 5, 1)[0])
    assert cache.masks == (None,) and cache.keep_prob == 1.0


def test_dropout_is_reproducible_and_fixed_masks_replay_a_pass():
    net = random_net([3, 8, 8, 1], seed=0)
    X, _ = data(3, 6, seed=1)
    a = net.forward(X, 0.5, np.random.default_rng(5))
    b = net.forward(X, 0.5, np.random.default_rng(5))
    np.testing.assert_array_equal(a.logits, b.logits)
    replay = net.forward(X, 0.5, masks=a.masks)
    np.testing.assert_array_equal(replay.logits, a.logits)
    assert not np.array_equal(net.forward(X).logits, a.logits)


def test_dropout_in_training_only():
    # the same net evaluated by loss()/predict_proba() never drops units
    net = random_net([3, 8, 1], seed=0)
    X, _ = data(3, 6, seed=1)
    np.testing.assert_array_equal(net.predict_proba(X), net.predict_proba(X))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_training_reduces_the_loss(dtype):
    X, Y = data(2, 64, seed=3)
    Y = (X[0] * X[1] > 0).astype(int)[np.newaxis]  # XOR of the signs
    net = MLP([2, 16, 16, 1], np.random.default_rng(0), dtype=dtype)
    before = net.loss(X, Y)
    net.fit(X, Y, lr=0.5, n_steps=300, lam=0.01, keep_prob=0.9, rng=np.random.default_rng(1))
    assert net.loss(X, Y) < 0.5 * before
    assert all(p.dtype == dtype for p in (*net.weights, *net.biases))


def test_float32_stays_float32_with_dropout():
    net = random_net([3, 6, 4, 1], seed=0, dtype=np.float32)
    X, Y = data(3, 10, seed=1)  # float64 inputs are cast to the model's dtype
    cache = net.forward(X, 0.7, np.random.default_rng(3))
    grads = net.backward(cache, Y, lam=0.5)
    arrays = [*cache.A, *cache.Z, *grads.dW, *grads.back, *grads.db]
    assert all(a.dtype == np.float32 for a in arrays)
    assert all(D.dtype == np.bool_ for D in cache.masks)


def test_float32_gradients_match_float64():
    net64 = random_net([3, 6, 4, 1], seed=0)
    net32 = MLP.from_params(
        [W.astype(np.float32) for W in net64.weights], [b.astype(np.float32) for b in net64.biases]
    )
    X, Y = data(3, 10, seed=1)
    g64 = net64.backward(net64.forward(X), Y, lam=0.5)
    g32 = net32.backward(net32.forward(X.astype(np.float32)), Y, lam=0.5)
    for a, b in zip(g32.dW + g32.db, g64.dW + g64.db, strict=True):
        assert relative_error(a.astype(np.float64), b) < 1e-6


def test_same_seed_same_net_and_training():
    X, Y = data(2, 20, seed=0)
    nets = [
        MLP([2, 8, 1], np.random.default_rng(9)).fit(
            X, Y, lr=0.3, n_steps=20, keep_prob=0.8, rng=np.random.default_rng(1)
        )
        for _ in range(2)
    ]
    for a, b in zip(nets[0].weights, nets[1].weights, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_minibatch_fit_is_the_loop_of_forward_backward_step_over_consecutive_batches(dtype):
    X, Y = data(3, 10, seed=0)
    fitted, by_hand = (random_net([3, 6, 4, 1], seed=1, dtype=dtype) for _ in range(2))
    fitted.fit(
        X, Y, lr=0.2, n_steps=7, lam=0.3, keep_prob=0.7, rng=np.random.default_rng(5), batch_size=4
    )
    rng = np.random.default_rng(5)
    for start in [0, 4, 8, 0, 4, 8, 0]:  # batches of 4, 4, 2 examples, then again
        Xb, Yb = X[:, start : start + 4], Y[:, start : start + 4]
        by_hand.step(by_hand.backward(by_hand.forward(Xb, 0.7, rng), Yb, lam=0.3), lr=0.2)
    for a, b in zip(
        (*fitted.weights, *fitted.biases), (*by_hand.weights, *by_hand.biases), strict=True
    ):
        np.testing.assert_array_equal(a, b)


def test_full_batch_fit_is_the_default():
    X, Y = data(3, 10, seed=0)
    nets = [random_net([3, 4, 1], seed=1) for _ in range(2)]
    nets[0].fit(X, Y, lr=0.2, n_steps=3, lam=0.3)
    nets[1].fit(X, Y, lr=0.2, n_steps=3, lam=0.3, batch_size=10)
    for a, b in zip(nets[0].weights, nets[1].weights, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_np_dot_is_the_matrix_product_bit_for_bit(dtype):
    # MLP.backward's eq. (14) is np.dot, faster than @ on an outer product; the bits are @'s
    rng = np.random.default_rng(0)
    a, b = rng.standard_normal((37, 1)).astype(dtype), rng.standard_normal((1, 23)).astype(dtype)
    a[::3], b[0, ::4] = 0.0, -0.0  # signed zeros too: a product of -0.0 is 0.0 in a @ b
    got, want = np.dot(a, b), a @ b
    np.testing.assert_array_equal(got, want)
    assert np.array_equal(np.signbit(got), np.signbit(want))
    c = rng.standard_normal((23, 5)).astype(dtype)
    d = np.asfortranarray(rng.standard_normal((5, 128)).astype(dtype))
    for x, y in [(b, c), (c, d), (d, d.T), (c.T, c), (a.T, a)]:  # the general case, transposes
        assert np.dot(x, y).tobytes() == (x @ y).tobytes()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_forward_and_backward_are_the_textbook_formulas(dtype):
    # the MLP's lines are the textbook's formulas, with dropout_forward's mask: rebuilt here
    # from those functions alone, the pass is the same, bit for bit
    net = random_net([3, 6, 4, 1], seed=0, dtype=dtype)
    X, Y = data(3, 7, seed=1)
    X, Y = X.astype(dtype), Y.astype(dtype)
    cache = net.forward(X, 0.7, np.random.default_rng(3))
    rng, A, masks = np.random.default_rng(3), X, []
    for l, (W, b) in enumerate(zip(net.weights, net.biases, strict=True), start=1):  # noqa: E741
        Z = W @ A + b
        if l < 3:
            A, D = dropout_forward(textbook.relu(Z), 0.7, rng)
            masks.append(D)
        else:
            A = textbook.sigmoid(Z)
        assert cache.Z[l - 1].tobytes() == Z.tobytes() and cache.A[l].tobytes() == A.tobytes()
    assert all(np.array_equal(a, b) for a, b in zip(cache.masks, masks, strict=True))
    grads = net.backward(cache, Y, lam=0.3)
    dZ = (cache.A[3] - Y) / 7
    for l in (3, 2, 1):  # noqa: E741
        assert grads.back[l - 1].tobytes() == (dZ @ cache.A[l - 1].T).tobytes()
        np.testing.assert_allclose(grads.db[l - 1], dZ.sum(axis=1, keepdims=True), rtol=1e-5)
        if l > 1:
            dA = textbook.dropout_backward(net.weights[l - 1].T @ dZ, masks[l - 2], 0.7)
            dZ = dA * (cache.Z[l - 2] > 0)
    new = [
        textbook.sgd_step(W, g, 0.1, 0.3, 7) for W, g in zip(net.weights, grads.back, strict=True)
    ]
    net.step(grads, lr=0.1)
    assert all(a.tobytes() == b.tobytes() for a, b in zip(net.weights, new, strict=True))


def test_one_example_per_batch_gives_the_gradient_of_that_example():
    net = random_net([3, 5, 4, 1], seed=0)
    X, Y = data(3, 1, seed=1)
    assert mlp_gradient_check(net, X, Y, lam=0.3) < GRADCHECK_TOLERANCE


def test_divergence_is_reported_not_hidden():
    X, Y = data(2, 20, seed=0)
    net = MLP([2, 8, 1], np.random.default_rng(0))
    with pytest.raises(FloatingPointError, match=r"training diverged at step \d+.*smaller lr"):
        net.fit(X * 1e3, Y, lr=1e150, n_steps=50)


def test_from_params_copies():
    W, b = np.ones((1, 2)), np.zeros((1, 1))
    net = MLP.from_params([W], [b])
    assert net.weights[0] is not W and net.layer_sizes == (2, 1) and net.dtype == np.float64
