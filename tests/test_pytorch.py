"""The same thing in PyTorch: every row of the page docs/pytorch.md, checked against torch.

Each test runs our function and PyTorch's on the same numbers (float64, so that the two
differ only by rounding) and compares them: several steps of ``adam_step`` against
``torch.optim.Adam``/``AdamW``, ``sgd_step`` against ``SGD(weight_decay=λ/m)``, dropout's keep
rate and scaling against ``nn.Dropout(p=1 − keep_prob)``, the losses against torch's, and the
(features, examples) layout against ``nn.Linear`` on (batch, features).

PyTorch is the optional extra ``bench`` (``make bench-deps`` installs it). Without it the module
is skipped with a message, unless ``MATHREG_REQUIRE_TORCH=1`` (set by ``.ci/run``): then it
fails, so that CI always runs these tests.
"""

from __future__ import annotations

import os

import numpy as np
import pytest

from mathreg import numeric

REQUIRED = os.environ.get("MATHREG_REQUIRE_TORCH") == "1"

try:
    import torch
    import torch.nn.functional as F
except ImportError:  # pragma: no cover - depends on the environment
    message = (
        "PyTorch agreement tests not run: torch is not installed (the optional extra 'bench'; "
        "`make bench-deps` installs it)"
    )
    if REQUIRED:
        raise ImportError(message + "; MATHREG_REQUIRE_TORCH=1 makes them mandatory") from None
    pytest.skip(message, allow_module_level=True)

torch.set_num_threads(1)
RTOL = 1e-12  # float64 on both sides: only rounding differs


def tensor(a: np.ndarray, *, grad: bool = False) -> torch.Tensor:
    return torch.tensor(a, dtype=torch.float64, requires_grad=grad)


# --- optimizers: λ/m is weight_decay ------------------------------------------------------------


@pytest.mark.parametrize("decoupled", [False, True], ids=["Adam", "AdamW"])
@pytest.mark.parametrize(
    ("lr", "lam", "m", "betas", "eps"),
    [
        (1e-3, 0.0, 1, (0.9, 0.999), 1e-8),
        (1e-2, 5.0, 50, (0.9, 0.999), 1e-8),
        (0.1, 0.3, 1, (0.5, 0.9), 1e-3),
    ],
)
def test_adam_step_is_torch_adam_and_adamw_over_several_steps(decoupled, lr, lam, m, betas, eps):
    """adam_step(lam, m, decoupled=False) is Adam(weight_decay=lam/m); decoupled=True is
    AdamW(weight_decay=lam/m): ten steps with new gradients each time, state carried along."""
    rng = np.random.default_rng(42)
    W = rng.normal(size=(4, 3))
    grads = [rng.normal(size=W.shape) * np.logspace(-3, 1, 3) for _ in range(10)]
    p = tensor(W, grad=True)
    optimizer = (torch.optim.AdamW if decoupled else torch.optim.Adam)(
        [p], lr=lr, betas=betas, eps=eps, weight_decay=lam / m
    )
    state = None
    for g in grads:
        W, state = numeric.adam_step(
            W, g, state, lr, lam, m, decoupled=decoupled, beta1=betas[0], beta2=betas[1], eps=eps
        )
        p.grad = tensor(g)
        optimizer.step()
        np.testing.assert_allclose(W, p.detach().numpy(), rtol=RTOL, atol=1e-15)
    torch_state = optimizer.state[p]
    assert state.step == int(torch_state["step"])
    np.testing.assert_allclose(state.exp_avg, torch_state["exp_avg"].numpy(), rtol=RTOL)
    np.testing.assert_allclose(state.exp_avg_sq, torch_state["exp_avg_sq"].numpy(), rtol=RTOL)


def test_adam_and_adamw_differ_exactly_where_the_page_says():
    """With the same λ/m, Adam's L2 and AdamW's decay give different weights (else the page's
    point would be moot), and torch agrees on both."""
    rng = np.random.default_rng(1)
    W, g = rng.normal(size=5), rng.normal(size=5) * np.logspace(-2, 2, 5)
    l2, _ = numeric.adam_step(W, g, None, 0.1, lam=1.0, m=2)
    decoupled, _ = numeric.adam_step(W, g, None, 0.1, lam=1.0, m=2, decoupled=True)
    assert np.max(np.abs(l2 - decoupled)) > 1e-3


@pytest.mark.parametrize(("lr", "lam", "m"), [(0.1, 0.0, 1), (0.05, 3.0, 30), (0.5, 1.0, 4)])
def test_sgd_step_is_torch_sgd_with_weight_decay(lr, lam, m):
    """sgd_step(lam, m) is SGD(weight_decay=lam/m), eq. (13), for several steps."""
    rng = np.random.default_rng(7)
    W = rng.normal(size=(3, 5))
    p = tensor(W, grad=True)
    optimizer = torch.optim.SGD([p], lr=lr, weight_decay=lam / m)
    for _ in range(5):
        g = rng.normal(size=W.shape)
        W = numeric.sgd_step(W, g, lr, lam, m)
        p.grad = tensor(g)
        optimizer.step()
        np.testing.assert_allclose(W, p.detach().numpy(), rtol=RTOL, atol=1e-15)


# --- dropout: keep_prob = 1 − p ---------------------------------------------------------------


@pytest.mark.parametrize("keep_prob", [0.2, 0.5, 0.8])
def test_dropout_keeps_and_scales_as_nn_dropout_with_p_one_minus_keep_prob(keep_prob):
    """The two draw different masks (different generators) but the same thing: each unit kept
    with probability keep_prob (within 6 standard errors on 10^6 units), kept units multiplied
    by 1/keep_prob, dropped ones 0; in eval mode nn.Dropout is the identity, as our network
    without dropout."""
    A = np.random.default_rng(3).uniform(0.5, 2.0, size=(1000, 1000))
    ours, mask = numeric.dropout_forward(A, keep_prob, np.random.default_rng(4))
    layer = torch.nn.Dropout(p=1 - keep_prob)
    torch.manual_seed(5)
    theirs = layer(tensor(A)).numpy()
    sigma = np.sqrt(keep_prob * (1 - keep_prob) / A.size)
    for kept in (mask, theirs != 0):
        assert abs(kept.mean() - keep_prob) < 6 * sigma
    np.testing.assert_allclose(ours[mask], A[mask] / keep_prob, rtol=1e-15)
    np.testing.assert_allclose(theirs[theirs != 0], A[theirs != 0] / keep_prob, rtol=1e-15)
    assert not ours[~mask].any()
    np.testing.assert_array_equal(layer.eval()(tensor(A)).numpy(), A)


def test_dropout_backward_is_autograd_through_nn_dropout():
    """Eq. (15): torch's gradient through its dropout, with its mask, is our backward with
    that mask."""
    rng = np.random.default_rng(8)
    A, dA = rng.normal(size=(6, 7)), rng.normal(size=(6, 7))
    x = tensor(A, grad=True)
    torch.manual_seed(9)
    out = torch.nn.Dropout(p=0.4)(x)
    out.backward(tensor(dA))
    mask = out.detach().numpy() != 0
    ours = numeric.dropout_backward(dA, mask, keep_prob=0.6)
    np.testing.assert_allclose(ours, x.grad.numpy(), rtol=1e-15)


# --- losses -----------------------------------------------------------------------------------


def test_bce_with_logits_is_bcewithlogitsloss_even_far_out():
    rng = np.random.default_rng(10)
    z = np.concatenate([rng.normal(scale=5, size=200), [-800.0, 800.0, 1e4, -1e4, 0.0]])
    y = rng.integers(0, 2, z.size)
    ours = numeric.binary_cross_entropy_with_logits(y, z)
    theirs = torch.nn.BCEWithLogitsLoss()(tensor(z), tensor(y.astype(float))).item()
    assert ours == pytest.approx(theirs, rel=RTOL)
    assert ours == pytest.approx(F.binary_cross_entropy_with_logits(tensor(z),
                                                                    tensor(y.astype(float))).item(),
                                 rel=RTOL)  # fmt: skip


@pytest.mark.parametrize("scale", [1.0, 30.0, 1e4])
def test_softmax_cross_entropy_is_cross_entropy_on_the_transposed_logits(scale):
    """Our logits are (K, m), torch's (batch, classes) = Z.T; labels as indices or one-hot
    (torch's class-probability targets); the mean over examples; the gradient p − y."""
    rng = np.random.default_rng(11)
    K, m = 4, 9
    Z = rng.normal(size=(K, m)) * scale
    labels = rng.integers(0, K, m)
    logits = tensor(Z.T.copy(), grad=True)
    loss = F.cross_entropy(logits, torch.tensor(labels))
    loss.backward()
    assert numeric.softmax_cross_entropy_with_logits(labels, Z) == pytest.approx(
        loss.item(), rel=RTOL, abs=1e-12
    )
    one_hot = np.eye(K)[:, labels]
    soft_target = F.cross_entropy(tensor(Z.T.copy()), tensor(one_hot.T.copy())).item()
    assert numeric.softmax_cross_entropy_with_logits(one_hot, Z) == pytest.approx(
        soft_target, rel=RTOL, abs=1e-12
    )
    np.testing.assert_allclose(
        numeric.softmax_cross_entropy_gradient(labels, Z), logits.grad.numpy().T, rtol=1e-10,
        atol=1e-15,
    )  # fmt: skip
    np.testing.assert_allclose(
        numeric.softmax(Z), torch.softmax(tensor(Z), dim=0).numpy(), rtol=1e-12, atol=1e-300
    )


def test_mean_squared_error_and_the_gaussian_likelihood_are_torchs():
    rng = np.random.default_rng(12)
    y, y_hat = rng.normal(size=50), rng.normal(size=50)
    assert numeric.mean_squared_error(y, y_hat) == pytest.approx(
        F.mse_loss(tensor(y_hat), tensor(y)).item(), rel=RTOL
    )
    for variance in (0.01, 1.0, 7.5):
        theirs = F.gaussian_nll_loss(
            tensor(y_hat), tensor(y), torch.full((50,), variance, dtype=torch.float64), full=True
        ).item()
        assert numeric.gaussian_negative_log_likelihood(y, y_hat, variance) == pytest.approx(
            theirs, rel=RTOL
        )


# --- layout: (features, examples) vs (batch, features) --------------------------------------


def test_mlp_layout_is_nn_linear_on_the_transpose():
    """Our W⁽ˡ⁾ of shape (n_out, n_in) is nn.Linear's weight as it is; our activations are
    (features, examples), torch's (batch, features): the same numbers, transposed. The backward
    pass (12) with λ gives autograd's gradient of the cost (11)."""
    rng = np.random.default_rng(13)
    net = numeric.MLP([3, 5, 4, 1], rng)
    X, Y = rng.normal(size=(3, 8)), rng.integers(0, 2, (1, 8))
    layers = []
    for W, b in zip(net.weights, net.biases, strict=True):
        linear = torch.nn.Linear(W.shape[1], W.shape[0], dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(tensor(W))
            linear.bias.copy_(tensor(b[:, 0]))
        layers += [linear, torch.nn.ReLU()]
    model = torch.nn.Sequential(*layers[:-1])  # no ReLU after the output layer
    logits = model(tensor(X.T.copy()))  # (batch, 1)
    cache = net.forward(X)
    np.testing.assert_allclose(cache.logits, logits.detach().numpy().T, rtol=1e-12)
    lam, m = 0.7, X.shape[1]
    penalty = lam / (2 * m) * sum((layer.weight**2).sum() for layer in layers[::2])
    cost = F.binary_cross_entropy_with_logits(logits[:, 0], tensor(Y[0].astype(float))) + penalty
    cost.backward()
    grads = net.backward(cache, Y, lam=lam)
    for ours, layer in zip(grads.dW, layers[::2], strict=True):
        np.testing.assert_allclose(ours, layer.weight.grad.numpy(), rtol=1e-10, atol=1e-14)
    assert net.cost(cache, Y, lam=lam) == pytest.approx(cost.item(), rel=RTOL)
