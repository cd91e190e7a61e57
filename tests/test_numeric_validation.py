"""Bad input, one case per test: the error type, and a message naming the argument and range.

Also: no function modifies its inputs unless its name ends in ``_`` (they are made read-only,
and compared after), and ``sgd_step_`` writes only into ``W``.
"""

import numpy as np
import pytest
from gradcheck import mlp_gradient_check, numerical_gradient, relative_error

from mathreg.numeric import (
    MLP,
    AdamState,
    ForwardCache,
    adam_decay_factor,
    adam_step,
    bernoulli_log_likelihood,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
    cross_validate,
    dropout_backward,
    dropout_forward,
    dropout_mask,
    gaussian_negative_log_likelihood,
    l2_gradient,
    l2_penalty,
    mean_squared_error,
    noise_variance,
    relu,
    sgd_step,
    sgd_step_,
    sigmoid,
    softmax,
    softmax_cross_entropy_gradient,
    softmax_cross_entropy_with_logits,
    textbook,
)

P = np.array([0.2, 0.7])  # valid probabilities
Y = np.array([0, 1])  # valid labels
W = np.ones((2, 3))
G = np.full((2, 3), 0.5)
RNG = np.random.default_rng  # a fresh generator per call site


def net():
    return MLP([2, 3, 1], RNG(0))


X2 = np.ones((2, 5))
Y5 = np.array([[0, 1, 0, 1, 1]])

# (id, call, exception, regex the message must match)
CASES = [
    # --- binary_cross_entropy / bernoulli_log_likelihood -------------------------------------
    (
        "bce-shape",
        lambda: binary_cross_entropy(Y, np.array([0.5])),
        ValueError,
        r"y and y_hat must have the same shape, got \(2,\) and \(1,\)",
    ),
    (
        "bce-prob-above-1",
        lambda: binary_cross_entropy(Y, np.array([0.5, 1.5])),
        ValueError,
        r"y_hat must contain probabilities in \[0, 1\], got 1\.5",
    ),
    (
        "bce-prob-below-0",
        lambda: binary_cross_entropy(Y, np.array([-0.1, 0.5])),
        ValueError,
        r"y_hat must contain probabilities in \[0, 1\], got -0\.1",
    ),
    (
        "bce-prob-nan",
        lambda: binary_cross_entropy(Y, np.array([np.nan, 0.5])),
        ValueError,
        r"y_hat must contain only finite values",
    ),
    (
        "bce-prob-inf",
        lambda: binary_cross_entropy(Y, np.array([np.inf, 0.5])),
        ValueError,
        r"y_hat must contain only finite values",
    ),
    (
        "bce-label-2",
        lambda: binary_cross_entropy(np.array([0, 2]), P),
        ValueError,
        r"y must contain only labels in \{0, 1\}, got 2",
    ),
    (
        "bce-label-negative",
        lambda: binary_cross_entropy(np.array([-1, 0]), P),
        ValueError,
        r"y must contain only labels in \{0, 1\}, got -1",
    ),
    (
        "bce-label-soft",
        lambda: binary_cross_entropy(np.array([0.5, 1.0]), P),
        ValueError,
        r"y must contain only labels in \{0, 1\}, got 0\.5",
    ),
    (
        "bce-label-nan",
        lambda: binary_cross_entropy(np.array([np.nan, 1.0]), P),
        ValueError,
        r"y must contain only finite values",
    ),
    (
        "bce-prob-int",
        lambda: binary_cross_entropy(Y, np.array([0, 1])),
        TypeError,
        r"y_hat must be a float32 or float64 array, got dtype int64",
    ),
    (
        "bce-prob-bool",
        lambda: binary_cross_entropy(Y, np.array([False, True])),
        TypeError,
        r"y_hat must be a float32 or float64 array, got dtype bool",
    ),
    (
        "bce-prob-complex",
        lambda: binary_cross_entropy(Y, P + 0j),
        TypeError,
        r"y_hat must be a float32 or float64 array, got dtype complex128",
    ),
    (
        "bce-prob-object",
        lambda: binary_cross_entropy(Y, np.array([0.2, None])),
        TypeError,
        r"y_hat must be a float32 or float64 array, got dtype object",
    ),
    (
        "bce-prob-float16",
        lambda: binary_cross_entropy(Y, P.astype(np.float16)),
        TypeError,
        r"y_hat must be a float32 or float64 array, got dtype float16",
    ),
    (
        "bce-label-complex",
        lambda: binary_cross_entropy(Y + 0j, P),
        TypeError,
        r"y must hold labels 0 and 1 as a bool, integer or float array, got dtype complex128",
    ),
    (
        "bce-label-object",
        lambda: binary_cross_entropy(np.array([0, None]), P),
        TypeError,
        r"y must hold labels 0 and 1 .* got dtype object",
    ),
    (
        "bce-label-str",
        lambda: binary_cross_entropy(np.array(["0", "1"]), P),
        TypeError,
        r"y must hold labels 0 and 1 .* got dtype <U1",
    ),
    (
        "bce-empty",
        lambda: binary_cross_entropy(np.array([], int), np.array([])),
        ValueError,
        r"y_hat must not be empty",
    ),
    (
        "loglik-prob-above-1",
        lambda: bernoulli_log_likelihood(Y, np.array([0.5, 2.0])),
        ValueError,
        r"y_hat must contain probabilities in \[0, 1\], got 2\.0",
    ),
    (
        "loglik-shape",
        lambda: bernoulli_log_likelihood(np.array([[0, 1]]), P),
        ValueError,
        r"y and y_hat must have the same shape, got \(1, 2\) and \(2,\)",
    ),
    # --- binary_cross_entropy_with_logits -----------------------------------------------------
    (
        "logits-shape",
        lambda: binary_cross_entropy_with_logits(Y, np.zeros(3)),
        ValueError,
        r"y and z must have the same shape, got \(2,\) and \(3,\)",
    ),
    (
        "logits-inf",
        lambda: binary_cross_entropy_with_logits(Y, np.array([np.inf, 0.0])),
        ValueError,
        r"z must contain only finite values",
    ),
    (
        "logits-nan",
        lambda: binary_cross_entropy_with_logits(Y, np.array([np.nan, 0.0])),
        ValueError,
        r"z must contain only finite values",
    ),
    (
        "logits-int",
        lambda: binary_cross_entropy_with_logits(Y, np.array([3, -2])),
        TypeError,
        r"z must be a float32 or float64 array, got dtype int64",
    ),
    (
        "logits-label-2",
        lambda: binary_cross_entropy_with_logits(np.array([2, 0]), np.zeros(2)),
        ValueError,
        r"y must contain only labels in \{0, 1\}, got 2",
    ),
    # --- l2_penalty / l2_gradient --------------------------------------------------------------
    (
        "l2-lam-negative",
        lambda: l2_penalty(W, lam=-1.0, m=3),
        ValueError,
        r"lam must be a finite number >= 0, got -1\.0",
    ),
    (
        "l2-lam-nan",
        lambda: l2_penalty(W, lam=float("nan"), m=3),
        ValueError,
        r"lam must be a finite number >= 0, got nan",
    ),
    (
        "l2-lam-inf",
        lambda: l2_penalty(W, lam=float("inf"), m=3),
        ValueError,
        r"lam must be a finite number >= 0, got inf",
    ),
    (
        "l2-lam-str",
        lambda: l2_penalty(W, lam="0.1", m=3),
        TypeError,
        r"lam must be a real number >= 0, got '0\.1' \(str\)",
    ),
    (
        "l2-lam-bool",
        lambda: l2_penalty(W, lam=True, m=3),
        TypeError,
        r"lam must be a real number >= 0, got True \(bool\)",
    ),
    (
        "l2-lam-array",
        lambda: l2_penalty(W, lam=np.array([0.1, 0.2]), m=3),
        TypeError,
        r"lam must be a real number >= 0",
    ),
    (
        "l2-m-zero",
        lambda: l2_penalty(W, lam=1.0, m=0),
        ValueError,
        r"m must be an integer >= 1, got 0",
    ),
    (
        "l2-m-negative",
        lambda: l2_penalty(W, lam=1.0, m=-3),
        ValueError,
        r"m must be an integer >= 1, got -3",
    ),
    (
        "l2-m-fraction",
        lambda: l2_penalty(W, lam=1.0, m=2.5),
        TypeError,
        r"m must be an integer >= 1, got 2\.5 \(float\)",
    ),
    (
        "l2-m-float",
        lambda: l2_penalty(W, lam=1.0, m=3.0),
        TypeError,
        r"m must be an integer >= 1, got 3\.0 \(float\)",
    ),
    (
        "l2-m-bool",
        lambda: l2_penalty(W, lam=1.0, m=True),
        TypeError,
        r"m must be an integer >= 1, got True \(bool\)",
    ),
    (
        "l2-empty-list",
        lambda: l2_penalty([], lam=1.0, m=3),
        ValueError,
        r"weights must contain at least one array, got an empty list",
    ),
    (
        "l2-int-matrix",
        lambda: l2_penalty([W, np.ones((2, 2), int)], lam=1.0, m=3),
        TypeError,
        r"weights\[1\] must be a float32 or float64 array, got dtype int64",
    ),
    (
        "l2-nan",
        lambda: l2_penalty([W, np.array([[np.nan]])], lam=1.0, m=3),
        ValueError,
        r"weights\[1\] must contain only finite values",
    ),
    (
        "l2-list-of-numbers",
        lambda: l2_penalty([1.0, 2.0], lam=1.0, m=3),
        ValueError,
        r"weights\[0\] must be an array with at least one dimension",
    ),
    (
        "l2grad-int",
        lambda: l2_gradient(np.ones((2, 2), int), lam=1.0, m=3),
        TypeError,
        r"W must be a float32 or float64 array, got dtype int64",
    ),
    (
        "l2grad-lam-negative",
        lambda: l2_gradient(W, lam=-0.5, m=3),
        ValueError,
        r"lam must be a finite number >= 0, got -0\.5",
    ),
    (
        "l2grad-m-zero",
        lambda: l2_gradient(W, lam=0.5, m=0),
        ValueError,
        r"m must be an integer >= 1, got 0",
    ),
    # --- sgd_step ---------------------------------------------------------------------------
    (
        "sgd-shape",
        lambda: sgd_step(W, np.ones((3, 2)), lr=0.1, lam=0.0, m=1),
        ValueError,
        r"W and grad must have the same shape, got \(2, 3\) and \(3, 2\)",
    ),
    (
        "sgd-dtype",
        lambda: sgd_step(W, G.astype(np.float32), lr=0.1, lam=0.0, m=1),
        TypeError,
        r"grad must have the same dtype as W \(float64\), got float32",
    ),
    (
        "sgd-lr-zero",
        lambda: sgd_step(W, G, lr=0.0, lam=0.0, m=1),
        ValueError,
        r"lr must be a finite number > 0, got 0\.0",
    ),
    (
        "sgd-lr-negative",
        lambda: sgd_step(W, G, lr=-0.1, lam=0.0, m=1),
        ValueError,
        r"lr must be a finite number > 0, got -0\.1",
    ),
    (
        "sgd-lr-nan",
        lambda: sgd_step(W, G, lr=float("nan"), lam=0.0, m=1),
        ValueError,
        r"lr must be a finite number > 0, got nan",
    ),
    (
        "sgd-lr-inf",
        lambda: sgd_step(W, G, lr=float("inf"), lam=0.0, m=1),
        ValueError,
        r"lr must be a finite number > 0, got inf",
    ),
    (
        "sgd-lr-none",
        lambda: sgd_step(W, G, lr=None, lam=0.0, m=1),
        TypeError,
        r"lr must be a real number > 0, got None \(NoneType\)",
    ),
    (
        "sgd-lam-negative",
        lambda: sgd_step(W, G, lr=0.1, lam=-1, m=1),
        ValueError,
        r"lam must be a finite number >= 0, got -1\.0",
    ),
    (
        "sgd-m-zero",
        lambda: sgd_step(W, G, lr=0.1, lam=0.0, m=0),
        ValueError,
        r"m must be an integer >= 1, got 0",
    ),
    (
        "sgd-grad-inf",
        lambda: sgd_step(W, G * np.inf, lr=0.1, lam=0.0, m=1),
        ValueError,
        r"grad must contain only finite values",
    ),
    (
        "sgd-W-int",
        lambda: sgd_step(np.ones((2, 3), int), G, lr=0.1, lam=0.0, m=1),
        TypeError,
        r"W must be a float32 or float64 array, got dtype int64",
    ),
    # --- sgd_step_, in place -----------------------------------------------------------------
    (
        "sgd_-W-list",
        lambda: sgd_step_([0.0] * 6, G, lr=0.1, lam=0.0, m=1),
        TypeError,
        r"W must be a numpy.ndarray \(it is updated in place\), got list",
    ),
    (
        "sgd_-W-int",
        lambda: sgd_step_(np.ones((2, 3), int), G, lr=0.1, lam=0.0, m=1),
        TypeError,
        r"W must be a float32 or float64 array, got dtype int64",
    ),
    (
        "sgd_-shape",
        lambda: sgd_step_(np.empty((3, 2)), G, lr=0.1, lam=0.0, m=1),
        ValueError,
        r"W and grad must have the same shape, got \(3, 2\) and \(2, 3\)",
    ),
    (
        "sgd_-dtype",
        lambda: sgd_step_(np.empty((2, 3), np.float32), G, lr=0.1, lam=0.0, m=1),
        TypeError,
        r"grad must have the same dtype as W \(float32\), got float64",
    ),
    (
        "sgd_-W-strided",
        lambda: sgd_step_(np.empty((3, 2)).T, G, lr=0.1, lam=0.0, m=1),
        ValueError,
        r"W must be C-contiguous, got strides \(8, 16\)",
    ),
    (
        "sgd_-W-read-only",
        lambda: sgd_step_(frozen(np.empty((2, 3)))[0], G, lr=0.1, lam=0.0, m=1),
        ValueError,
        r"W must be writeable, got a read-only array",
    ),
    (
        "sgd_-grad-is-W",
        lambda: sgd_step_(W2 := np.ones((2, 3)), W2, lr=0.1, lam=0.0, m=1),
        ValueError,
        r"grad must share no memory with W",
    ),
    (
        "sgd_-grad-overlaps-W",
        lambda: sgd_step_(
            (x := np.zeros(7))[:6].reshape(2, 3), x[1:].reshape(2, 3), lr=0.1, lam=0.0, m=1
        ),
        ValueError,
        r"grad must share no memory with W",
    ),
    (
        "sgd_-lr-zero",
        lambda: sgd_step_(np.ones((2, 3)), G, lr=0.0, lam=0.0, m=1),
        ValueError,
        r"lr must be a finite number > 0, got 0\.0",
    ),
    (
        "sgd_-lam-negative",
        lambda: sgd_step_(np.ones((2, 3)), G, lr=0.1, lam=-1, m=1),
        ValueError,
        r"lam must be a finite number >= 0, got -1\.0",
    ),
    (
        "sgd_-m-zero",
        lambda: sgd_step_(np.ones((2, 3)), G, lr=0.1, lam=0.0, m=0),
        ValueError,
        r"m must be an integer >= 1, got 0",
    ),
    (
        "sgd_-grad-nan",
        lambda: sgd_step_(np.ones((2, 3)), G * np.nan, lr=0.1, lam=0.0, m=1),
        ValueError,
        r"grad must contain only finite values",
    ),
    (
        "sgd_-W-inf",
        lambda: sgd_step_(np.full((2, 3), np.inf), G, lr=0.1, lam=0.0, m=1),
        ValueError,
        r"W must contain only finite values",
    ),
    # --- dropout ------------------------------------------------------------------------------
    (
        "mask-shape-float",
        lambda: dropout_mask((2, 3.0), 0.5, RNG(0)),
        TypeError,
        r"shape must be an integer or a tuple of integers, got \(2, 3\.0\) \(tuple\)",
    ),
    (
        "mask-shape-list",
        lambda: dropout_mask([2, 3], 0.5, RNG(0)),
        TypeError,
        r"shape must be an integer or a tuple of integers, got \[2, 3\] \(list\)",
    ),
    (
        "mask-shape-zero",
        lambda: dropout_mask((2, 0), 0.5, RNG(0)),
        ValueError,
        r"shape must have every dimension >= 1, got \(2, 0\)",
    ),
    (
        "mask-shape-negative",
        lambda: dropout_mask(-3, 0.5, RNG(0)),
        ValueError,
        r"shape must have every dimension >= 1, got -3",
    ),
    (
        "mask-keep-zero",
        lambda: dropout_mask((2, 3), 0.0, RNG(0)),
        ValueError,
        r"keep_prob must be in \(0, 1\], got 0\.0",
    ),
    (
        "mask-rng-seed",
        lambda: dropout_mask((2, 3), 0.5, 0),
        TypeError,
        r"rng must be a numpy.random.Generator",
    ),
    (
        "dropout-keep-above-1",
        lambda: dropout_forward(W, 1.5, RNG(0)),
        ValueError,
        r"keep_prob must be in \(0, 1\], got 1\.5",
    ),
    (
        "dropout-keep-zero",
        lambda: dropout_forward(W, 0.0, RNG(0)),
        ValueError,
        r"keep_prob must be in \(0, 1\], got 0\.0",
    ),
    (
        "dropout-keep-negative",
        lambda: dropout_forward(W, -0.2, RNG(0)),
        ValueError,
        r"keep_prob must be in \(0, 1\], got -0\.2",
    ),
    (
        "dropout-keep-nan",
        lambda: dropout_forward(W, float("nan"), RNG(0)),
        ValueError,
        r"keep_prob must be in \(0, 1\], got nan",
    ),
    (
        "dropout-keep-str",
        lambda: dropout_forward(W, "0.5", RNG(0)),
        TypeError,
        r"keep_prob must be a real number in \(0, 1\], got '0\.5' \(str\)",
    ),
    (
        "dropout-rng-seed",
        lambda: dropout_forward(W, 0.5, 0),
        TypeError,
        r"rng must be a numpy.random.Generator \(e.g. numpy.random.default_rng\(0\)\), got int",
    ),
    (
        "dropout-rng-legacy",
        lambda: dropout_forward(W, 0.5, np.random.RandomState(0)),
        TypeError,
        r"rng must be a numpy.random.Generator .* got RandomState",
    ),
    (
        "dropout-rng-none",
        lambda: dropout_forward(W, 0.5, None),
        TypeError,
        r"rng must be a numpy.random.Generator .* got NoneType",
    ),
    (
        "dropout-A-int",
        lambda: dropout_forward(np.ones((2, 2), int), 0.5, RNG(0)),
        TypeError,
        r"A must be a float32 or float64 array, got dtype int64",
    ),
    (
        "dropout-A-nan",
        lambda: dropout_forward(np.array([[np.nan]]), 0.5, RNG(0)),
        ValueError,
        r"A must contain only finite values",
    ),
    (
        "dropout-back-shape",
        lambda: dropout_backward(W, np.ones((3, 2)), 0.5),
        ValueError,
        r"dA and mask must have the same shape, got \(2, 3\) and \(3, 2\)",
    ),
    (
        "dropout-back-mask-values",
        lambda: dropout_backward(W, np.full((2, 3), 2.0), 0.5),
        ValueError,
        r"mask must contain only 0 and 1, got 2\.0",
    ),
    (
        "dropout-back-mask-int",
        lambda: dropout_backward(W, np.ones((2, 3), int), 0.5),
        TypeError,
        r"mask must be a bool, float32 or float64 array, got dtype int64",
    ),
    (
        "dropout-back-keep",
        lambda: dropout_backward(W, np.ones((2, 3)), 2),
        ValueError,
        r"keep_prob must be in \(0, 1\], got 2\.0",
    ),
    (
        "dropout-back-dA-inf",
        lambda: dropout_backward(W * np.inf, np.ones((2, 3)), 0.5),
        ValueError,
        r"dA must contain only finite values",
    ),
    # --- activations --------------------------------------------------------------------------
    (
        "sigmoid-int",
        lambda: sigmoid(np.array([1, 2])),
        TypeError,
        r"z must be a float32 or float64 array, got dtype int64",
    ),
    ("relu-nan", lambda: relu(np.array([np.nan])), ValueError, r"z must contain only finite"),
    # --- MLP --------------------------------------------------------------------------------
    (
        "mlp-sizes-short",
        lambda: MLP([2], RNG(0)),
        ValueError,
        r"layer_sizes must list at least the input size and the output size, got \[2\]",
    ),
    (
        "mlp-sizes-output",
        lambda: MLP([2, 3, 2], RNG(0)),
        ValueError,
        r"layer_sizes\[-1\] must be 1 \(one sigmoid output for binary labels\), got 2",
    ),
    (
        "mlp-sizes-zero",
        lambda: MLP([2, 0, 1], RNG(0)),
        ValueError,
        r"layer_sizes\[1\] must be an integer >= 1, got 0",
    ),
    (
        "mlp-sizes-float",
        lambda: MLP([2, 3.5, 1], RNG(0)),
        TypeError,
        r"layer_sizes\[1\] must be an integer >= 1, got 3\.5 \(float\)",
    ),
    (
        "mlp-sizes-str",
        lambda: MLP("231", RNG(0)),
        TypeError,
        r"layer_sizes must be a sequence of integers, got str",
    ),
    (
        "mlp-rng",
        lambda: MLP([2, 3, 1], 42),
        TypeError,
        r"rng must be a numpy.random.Generator .* got int",
    ),
    (
        "mlp-dtype",
        lambda: MLP([2, 3, 1], RNG(0), dtype=np.int32),
        TypeError,
        r"dtype must be float32 or float64, got int32",
    ),
    (
        "mlp-X-rows",
        lambda: net().forward(np.ones((3, 5))),
        ValueError,
        r"X must have shape \(2, m\): features in rows, examples in columns, got \(3, 5\)",
    ),
    (
        "mlp-X-1d",
        lambda: net().forward(np.ones(2)),
        ValueError,
        r"X must have at least 2 dimension\(s\), got shape \(2,\)",
    ),
    (
        "mlp-X-int",
        lambda: net().forward(np.ones((2, 5), int)),
        TypeError,
        r"X must be a float32 or float64 array, got dtype int64",
    ),
    (
        "mlp-X-nan",
        lambda: net().forward(X2 * np.nan),
        ValueError,
        r"X must contain only finite values",
    ),
    (
        "mlp-keep-above-1",
        lambda: net().forward(X2, keep_prob=1.2, rng=RNG(0)),
        ValueError,
        r"keep_prob must be in \(0, 1\], got 1\.2",
    ),
    (
        "mlp-dropout-without-rng",
        lambda: net().forward(X2, keep_prob=0.5),
        TypeError,
        r"rng must be a numpy.random.Generator .* got NoneType",
    ),
    (
        "mlp-masks-count",
        lambda: net().forward(X2, 0.5, masks=[]),
        ValueError,
        r"masks must hold 1 masks, one per hidden layer, got 0",
    ),
    (
        "mlp-masks-shape",
        lambda: net().forward(X2, 0.5, masks=[np.ones((3, 4))]),
        ValueError,
        r"masks\[0\] must have shape \(3, 5\), got \(3, 4\)",
    ),
    (
        "mlp-Y-shape",
        lambda: net().backward(net().forward(X2), np.array([[0, 1]])),
        ValueError,
        r"Y must have shape \(1, 5\) or \(5,\) to match X, got \(1, 2\)",
    ),
    (
        "mlp-Y-label",
        lambda: net().backward(net().forward(X2), Y5 * 2),
        ValueError,
        r"Y must contain only labels in \{0, 1\}, got 2",
    ),
    (
        "mlp-lam-negative",
        lambda: net().backward(net().forward(X2), Y5, lam=-1),
        ValueError,
        r"lam must be a finite number >= 0, got -1\.0",
    ),
    (
        "mlp-cache-type",
        lambda: net().backward({"A": X2}, Y5),
        TypeError,
        r"cache must be a ForwardCache from MLP.forward, got dict",
    ),
    (
        "mlp-cost-cache-type",
        lambda: net().cost(None, Y5),
        TypeError,
        r"cache must be a ForwardCache from MLP.forward, got NoneType",
    ),
    (
        "mlp-cache-other-model",
        lambda: net().backward(MLP([2, 4, 1], RNG(0)).forward(X2), Y5),
        ValueError,
        r"cache must come from a forward pass of this model",
    ),
    (
        "mlp-step-grads-type",
        lambda: net().step([np.ones((3, 2))], lr=0.1),
        TypeError,
        r"grads must be Gradients from MLP.backward, got list",
    ),
    (
        "mlp-step-lr-zero",
        lambda: (n := net()).step(n.backward(n.forward(X2), Y5), lr=0.0),
        ValueError,
        r"lr must be a finite number > 0, got 0\.0",
    ),
    (
        "mlp-fit-steps-zero",
        lambda: net().fit(X2, Y5, lr=0.1, n_steps=0),
        ValueError,
        r"n_steps must be an integer >= 1, got 0",
    ),
    (
        "mlp-fit-lr-inf",
        lambda: net().fit(X2, Y5, lr=float("inf"), n_steps=1),
        ValueError,
        r"lr must be a finite number > 0, got inf",
    ),
    (
        "mlp-fit-dropout-without-rng",
        lambda: net().fit(X2, Y5, lr=0.1, n_steps=1, keep_prob=0.5),
        TypeError,
        r"rng must be a numpy.random.Generator",
    ),
    (
        "mlp-fit-batch-zero",
        lambda: net().fit(X2, Y5, lr=0.1, n_steps=1, batch_size=0),
        ValueError,
        r"batch_size must be an integer >= 1, got 0",
    ),
    (
        "mlp-fit-batch-float",
        lambda: net().fit(X2, Y5, lr=0.1, n_steps=1, batch_size=2.0),
        TypeError,
        r"batch_size must be an integer",
    ),
    (
        "mlp-fit-batch-too-big",
        lambda: net().fit(X2, Y5, lr=0.1, n_steps=1, batch_size=6),
        ValueError,
        r"batch_size must be at most the number of examples m = 5, got 6",
    ),
    (
        "mlp-params-chain",
        lambda: MLP.from_params(
            [np.ones((3, 2)), np.ones((1, 4))], [np.ones((3, 1)), np.ones((1, 1))]
        ),
        ValueError,
        r"weights\[1\] must have 3 columns to follow weights\[0\] of shape \(3, 2\)",
    ),
    (
        "mlp-params-dtypes",
        lambda: MLP.from_params([np.ones((1, 2))], [np.ones((1, 1), np.float32)]),
        TypeError,
        r"biases\[0\] must have the same dtype as weights\[0\] \(float64\), got float32",
    ),
    (
        "mlp-params-bias-shape",
        lambda: MLP.from_params([np.ones((1, 2))], [np.ones((2, 1))]),
        ValueError,
        r"biases\[0\] of shape \(n_out, 1\), got \(1, 2\) and \(2, 1\)",
    ),
    (
        "mlp-params-output",
        lambda: MLP.from_params([np.ones((2, 2))], [np.ones((2, 1))]),
        ValueError,
        r"the last layer must have 1 unit",
    ),
    # --- gradient check ---------------------------------------------------------------------
    (
        "numgrad-f",
        lambda: numerical_gradient(3.0, np.ones(2)),
        TypeError,
        r"f must be callable, got float",
    ),
    (
        "numgrad-float32",
        lambda: numerical_gradient(np.sum, np.ones(2, np.float32)),
        TypeError,
        r"x must be float64 for a gradient check .* got float32",
    ),
    (
        "numgrad-eps",
        lambda: numerical_gradient(np.sum, np.ones(2), eps=0.0),
        ValueError,
        r"eps must be a finite number > 0, got 0\.0",
    ),
    (
        "relerr-shape",
        lambda: relative_error(np.ones(2), np.ones(3)),
        ValueError,
        r"g_num and g_ana must have the same shape, got \(2,\) and \(3,\)",
    ),
    (
        "gradcheck-net-type",
        lambda: mlp_gradient_check("net", X2, Y5),
        TypeError,
        r"net must be an MLP, got str",
    ),
    (
        "gradcheck-float32",
        lambda: mlp_gradient_check(MLP([2, 3, 1], RNG(0), dtype=np.float32), X2, Y5),
        TypeError,
        r"net must have float64 parameters for a gradient check, got float32",
    ),
]

# --- beyond the note, "In practice" (issue 14): adam_step, softmax, Gaussian, cross-validation ----
ST = AdamState(1, np.zeros((2, 3)), np.ones((2, 3)))  # a valid state for W's shape
Z3 = np.zeros((3, 2))  # logits: 3 classes, 2 examples
YG, PG = np.array([1.0, 2.0, 3.0]), np.array([1.5, 2.0, 2.0])  # targets, predictions


def _cv(**changes):
    args = {
        "fit": lambda X, y, c: c,
        "score": lambda c, X, y: 0.0,
        "X": np.zeros((6, 2)),
        "y": np.zeros(6),
        "params": [{"c": 1.0}],
        "k": 3,
        "rng": RNG(0),
    }
    args.update(changes)
    return cross_validate(**args)


CASES += [
    # --- adam_step / adam_decay_factor ------------------------------------------------------
    ("adam-shape", lambda: adam_step(W, np.ones((3, 2)), None, 0.1), ValueError,
     r"W and grad must have the same shape, got \(2, 3\) and \(3, 2\)"),
    ("adam-dtype", lambda: adam_step(W, G.astype(np.float32), None, 0.1), TypeError,
     r"grad must have the same dtype as W \(float64\), got float32"),
    ("adam-W-int", lambda: adam_step(np.ones((2, 3), int), G, None, 0.1), TypeError,
     r"W must be a float32 or float64 array, got dtype int64"),
    ("adam-grad-nan", lambda: adam_step(W, G * np.nan, None, 0.1), ValueError,
     r"grad must contain only finite values"),
    ("adam-lr-zero", lambda: adam_step(W, G, None, 0.0), ValueError,
     r"lr must be a finite number > 0, got 0\.0"),
    ("adam-lam-negative", lambda: adam_step(W, G, None, 0.1, lam=-1.0), ValueError,
     r"lam must be a finite number >= 0, got -1\.0"),
    ("adam-m-zero", lambda: adam_step(W, G, None, 0.1, m=0), ValueError,
     r"m must be an integer >= 1, got 0"),
    ("adam-m-float", lambda: adam_step(W, G, None, 0.1, m=2.0), TypeError,
     r"m must be an integer >= 1, got 2\.0 \(float\)"),
    ("adam-beta1-one", lambda: adam_step(W, G, None, 0.1, beta1=1.0), ValueError,
     r"beta1 must be in \[0, 1\), got 1\.0"),
    ("adam-beta2-negative", lambda: adam_step(W, G, None, 0.1, beta2=-0.1), ValueError,
     r"beta2 must be in \[0, 1\), got -0\.1"),
    ("adam-beta2-str", lambda: adam_step(W, G, None, 0.1, beta2="0.9"), TypeError,
     r"beta2 must be a real number in \[0, 1\), got '0\.9' \(str\)"),
    ("adam-eps-zero", lambda: adam_step(W, G, None, 0.1, eps=0.0), ValueError,
     r"eps must be a finite number > 0, got 0\.0"),
    ("adam-decoupled-str", lambda: adam_step(W, G, None, 0.1, decoupled="yes"), TypeError,
     r"decoupled must be True or False, got 'yes'"),
    ("adam-state-tuple", lambda: adam_step(W, G, (1, W, W), 0.1), TypeError,
     r"state must be None \(a fresh optimizer\) or the AdamState of the previous step, "
     r"got tuple"),
    ("adam-state-shape", lambda: adam_step(W, G, AdamState(1, np.zeros(6), np.ones(6)), 0.1),
     ValueError, r"W and state.exp_avg must have the same shape, got \(2, 3\) and \(6,\)"),
    ("adam-state-dtype",
     lambda: adam_step(W, G, AdamState(1, ST.exp_avg.astype(np.float32), ST.exp_avg_sq), 0.1),
     TypeError, r"state.exp_avg must have the same dtype as W \(float64\), got float32"),
    ("adam-state-step-zero", lambda: adam_step(W, G, ST._replace(step=0), 0.1), ValueError,
     r"state.step must be an integer >= 1, got 0"),
    ("adam-state-negative-v",
     lambda: adam_step(W, G, ST._replace(exp_avg_sq=-np.ones((2, 3))), 0.1), ValueError,
     r"state.exp_avg_sq must be >= 0"),
    ("adam-state-nan", lambda: adam_step(W, G, ST._replace(exp_avg=W * np.nan), 0.1),
     ValueError, r"state.exp_avg must contain only finite values"),
    ("decay-state-none", lambda: adam_decay_factor(None, 0.1), TypeError,
     r"state must be None .* got NoneType"),
    ("decay-lr-negative", lambda: adam_decay_factor(ST, -0.1), ValueError,
     r"lr must be a finite number > 0, got -0\.1"),
    ("decay-beta2-one", lambda: adam_decay_factor(ST, 0.1, beta2=1.0), ValueError,
     r"beta2 must be in \[0, 1\), got 1\.0"),
    ("decay-eps-inf", lambda: adam_decay_factor(ST, 0.1, eps=float("inf")), ValueError,
     r"eps must be a finite number > 0, got inf"),
    # --- softmax ---------------------------------------------------------------------------
    ("softmax-1d", lambda: softmax(np.zeros(3)), ValueError,
     r"Z must be 2-D with shape \(K, m\), classes × examples, got shape \(3,\)"),
    ("softmax-int", lambda: softmax(np.zeros((3, 2), int)), TypeError,
     r"Z must be a float32 or float64 array, got dtype int64"),
    ("softmax-inf", lambda: softmax(np.array([[np.inf], [0.0]])), ValueError,
     r"Z must contain only finite values"),
    ("sce-label-too-big", lambda: softmax_cross_entropy_with_logits([0, 3], Z3), ValueError,
     r"Y must hold class labels in \[0, 3\), got 3 at example 1"),
    ("sce-label-negative", lambda: softmax_cross_entropy_with_logits([-1, 0], Z3), ValueError,
     r"Y must hold class labels in \[0, 3\), got -1 at example 0"),
    ("sce-label-float", lambda: softmax_cross_entropy_with_logits([0.0, 1.0], Z3), TypeError,
     r"Y of shape \(m,\) must hold integer class labels, got dtype float64"),
    ("sce-label-count", lambda: softmax_cross_entropy_with_logits([0, 1, 2], Z3), ValueError,
     r"Y must have shape \(2,\) to match Z of shape \(3, 2\), got \(3,\)"),
    ("sce-onehot-shape", lambda: softmax_cross_entropy_with_logits(np.eye(2), Z3), ValueError,
     r"Y must be integer labels of shape \(2,\) or one-hot of shape \(3, 2\), got shape \(2, 2\)"),
    ("sce-onehot-two-ones",
     lambda: softmax_cross_entropy_with_logits([[1, 0], [1, 1], [0, 0]], Z3), ValueError,
     r"Y must be one-hot: every column must sum to 1, column 0 sums to 2"),
    ("sce-onehot-empty-column",
     lambda: softmax_cross_entropy_with_logits([[1, 0], [0, 0], [0, 0]], Z3), ValueError,
     r"Y must be one-hot: every column must sum to 1, column 1 sums to 0"),
    ("sce-onehot-soft",
     lambda: softmax_cross_entropy_with_logits([[0.5, 0], [0.5, 1], [0, 0]], Z3), ValueError,
     r"Y must be one-hot: entries 0 or 1, got 0\.5"),
    ("sce-onehot-nan",
     lambda: softmax_cross_entropy_with_logits([[np.nan, 0], [0, 1], [1, 0]], Z3), ValueError,
     r"Y must contain only finite values"),
    ("sce-label-str", lambda: softmax_cross_entropy_with_logits(np.array(["a", "b"]), Z3),
     TypeError, r"Y must be integer labels or a one-hot bool/integer/float array, got dtype <U1"),
    ("sce-grad-label", lambda: softmax_cross_entropy_gradient([5, 0], Z3), ValueError,
     r"Y must hold class labels in \[0, 3\), got 5 at example 0"),
    # --- Gaussian ---------------------------------------------------------------------------
    ("mse-shape", lambda: mean_squared_error(YG, PG[:2]), ValueError,
     r"y and y_hat must have the same shape, got \(3,\) and \(2,\)"),
    ("mse-int", lambda: mean_squared_error(np.array([1, 2, 3]), PG), TypeError,
     r"y must be a float32 or float64 array, got dtype int64"),
    ("mse-dtype", lambda: mean_squared_error(YG, PG.astype(np.float32)), TypeError,
     r"y_hat must have the same dtype as y \(float64\), got float32"),
    ("mse-nan", lambda: mean_squared_error(YG, PG * np.nan), ValueError,
     r"y_hat must contain only finite values"),
    ("nll-variance-zero", lambda: gaussian_negative_log_likelihood(YG, PG, 0.0), ValueError,
     r"variance must be a finite number > 0, got 0\.0"),
    ("nll-variance-str", lambda: gaussian_negative_log_likelihood(YG, PG, "1"), TypeError,
     r"variance must be a real number > 0, got '1' \(str\)"),
    ("noise-params-m", lambda: noise_variance(YG, PG, n_params=3), ValueError,
     r"n_params must be in \[0, m\) = \[0, 3\) for m = 3 examples, got 3"),
    ("noise-params-negative", lambda: noise_variance(YG, PG, n_params=-1), ValueError,
     r"n_params must be in \[0, m\) = \[0, 3\) for m = 3 examples, got -1"),
    ("noise-params-float", lambda: noise_variance(YG, PG, n_params=1.0), TypeError,
     r"n_params must be an integer in \[0, 3\), got 1\.0 \(float\)"),
    # --- cross-validation -------------------------------------------------------------------
    ("cv-fit", lambda: _cv(fit=None), TypeError, r"fit must be callable, got NoneType"),
    ("cv-score", lambda: _cv(score=1.0), TypeError, r"score must be callable, got float"),
    ("cv-X-int", lambda: _cv(X=np.zeros((6, 2), int)), TypeError,
     r"X must be a float32 or float64 array, got dtype int64"),
    ("cv-examples", lambda: _cv(y=np.zeros(5)), ValueError,
     r"X and y must hold the same number of examples: X has 6 along axis 0, y has 5"),
    ("cv-axis", lambda: _cv(axis=2), ValueError, r"axis must be an axis of X \(ndim 2\), got 2"),
    ("cv-axis-float", lambda: _cv(axis=1.0), TypeError, r"axis must be an integer, got 1\.0"),
    ("cv-params-empty", lambda: _cv(params=[]), ValueError,
     r"params must hold at least one setting, got an empty sequence"),
    ("cv-params-dict", lambda: _cv(params={"c": 1.0}), TypeError,
     r"params must be a sequence of settings, each a mapping of fit's keyword arguments, "
     r"got dict"),
    ("cv-params-number", lambda: _cv(params=[1.0]), TypeError,
     r"params\[0\] must be a mapping of fit's keyword arguments, got float"),
    ("cv-k-one", lambda: _cv(k=1), ValueError, r"k must be in \[2, m\] = \[2, 6\]"),
    ("cv-k-too-many", lambda: _cv(k=7), ValueError, r"k must be in \[2, m\] = \[2, 6\]"),
    ("cv-k-float", lambda: _cv(k=3.0), TypeError, r"k must be an integer >= 1, got 3\.0"),
    ("cv-rng", lambda: _cv(rng=0), TypeError, r"rng must be a numpy.random.Generator"),
    ("cv-score-nan", lambda: _cv(score=lambda c, X, y: float("nan")), ValueError,
     r"score must return a finite number, got nan for params\[0\] on fold 0"),
    ("cv-score-array", lambda: _cv(score=lambda c, X, y: np.zeros(2)), TypeError,
     r"score must return a real number, got array\(\[0\., 0\.\]\) \(ndarray\) "
     r"for params\[0\] on fold 0"),
    ("cv-simpler", lambda: _cv().one_standard_error("lam"), TypeError,
     r"simpler must be callable, got str"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "error", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


def test_case_ids_are_unique():
    assert len({c[0] for c in CASES}) == len(CASES)


# --- no mutation ------------------------------------------------------------------------------


def frozen(*arrays):
    """Read-only copies: an in-place write raises, and the originals stay for comparison."""
    out = []
    for a in arrays:
        b = np.array(a, copy=True)
        b.flags.writeable = False
        out.append(b)
    return out


def assert_unchanged(arrays, copies):
    for a, c in zip(arrays, copies, strict=True):
        np.testing.assert_array_equal(a, c)


def test_no_function_modifies_its_inputs():
    rng = np.random.default_rng(0)
    y, y_hat, z = frozen(rng.integers(0, 2, 8), rng.uniform(0, 1, 8), rng.normal(0, 50, 8))
    A, dA, Wm, Gm = frozen(*(rng.normal(size=(4, 6)) for _ in range(4)))
    mask = frozen(rng.integers(0, 2, (4, 6)).astype(float))[0]
    inputs = [y, y_hat, z, A, dA, Wm, Gm, mask]
    copies = [a.copy() for a in inputs]

    bernoulli_log_likelihood(y, y_hat)
    binary_cross_entropy(y, y_hat)
    binary_cross_entropy_with_logits(y, z)
    l2_penalty([Wm, Gm], 0.5, 3)
    l2_gradient(Wm, 0.5, 3)
    sgd_step(Wm, Gm, 0.1, 0.5, 3)
    target = Wm.copy()
    sgd_step_(target, Gm, 0.1, 0.5, 3)  # writes into target only
    assert not np.array_equal(target, Wm)
    dropout_forward(A, 0.5, rng)
    dropout_forward(A, 1.0, rng)
    dropout_backward(dA, mask, 0.5)
    sigmoid(z)
    relu(z)
    relative_error(Wm, Gm)
    numerical_gradient(lambda x: float(np.sum(x**2)), Wm)
    assert_unchanged(inputs, copies)


def test_no_textbook_formula_modifies_its_inputs():
    rng = np.random.default_rng(0)
    y, y_hat, z = frozen(rng.integers(0, 2, 8), rng.uniform(0, 1, 8), rng.normal(0, 50, 8))
    A, dA, Wm, Gm = frozen(*(rng.normal(size=(4, 6)) for _ in range(4)))
    mask = frozen(rng.integers(0, 2, (4, 6)).astype(float))[0]
    inputs = [y, y_hat, z, A, dA, Wm, Gm, mask]
    copies = [a.copy() for a in inputs]
    calls = {
        "relu": lambda: textbook.relu(z),
        "sigmoid": lambda: textbook.sigmoid(z),
        "bernoulli_log_likelihood": lambda: textbook.bernoulli_log_likelihood(y, y_hat),
        "binary_cross_entropy": lambda: textbook.binary_cross_entropy(y, y_hat),
        "binary_cross_entropy_with_logits": lambda: textbook.binary_cross_entropy_with_logits(y, z),
        "l2_penalty": lambda: textbook.l2_penalty([Wm, Gm], 0.5, 3),
        "l2_gradient": lambda: textbook.l2_gradient(Wm, 0.5, 3),
        "sgd_step": lambda: textbook.sgd_step(Wm, Gm, 0.1, 0.5, 3),
        "dropout_forward": lambda: textbook.dropout_forward(A, 0.5, rng),
        "dropout_backward": lambda: textbook.dropout_backward(dA, mask, 0.5),
    }
    Z, Y1 = frozen(rng.normal(size=(3, 6)), np.eye(3)[:, rng.integers(0, 3, 6)])
    state = tuple(frozen(np.zeros((4, 6)), np.ones((4, 6))))
    inputs += [Z, Y1, *state]
    copies += [Z.copy(), Y1.copy(), *(a.copy() for a in state)]
    calls |= {  # beyond the note (issue 14)
        "adam_step": lambda: textbook.adam_step(Wm, Gm, (3, *state), 0.1, 0.5, 3, False, 0.9,
                                                0.999, 1e-8),
        "adam_decay_factor": lambda: textbook.adam_decay_factor(state[1], 0.1, 0.5, 3, False, 1e-8),
        "softmax": lambda: textbook.softmax(Z),
        "softmax_cross_entropy_with_logits": lambda: textbook.softmax_cross_entropy_with_logits(
            Y1, Z
        ),
        "softmax_cross_entropy_gradient": lambda: textbook.softmax_cross_entropy_gradient(Y1, Z),
        "mean_squared_error": lambda: textbook.mean_squared_error(z, y_hat),
        "gaussian_negative_log_likelihood": lambda: textbook.gaussian_negative_log_likelihood(
            z, y_hat, 2.0
        ),
        "noise_variance": lambda: textbook.noise_variance(z, y_hat, 1),
    }  # fmt: skip
    assert sorted(calls) == sorted(textbook.__all__)  # every formula, none forgotten
    for call in calls.values():
        call()
    assert_unchanged(inputs, copies)


def test_mlp_does_not_modify_data_or_handed_out_parameters():
    rng = np.random.default_rng(0)
    X, Yb = frozen(rng.normal(size=(2, 7)), rng.integers(0, 2, (1, 7)))
    model = MLP([2, 5, 1], np.random.default_rng(1))
    weights = model.weights
    copies = [a.copy() for a in (X, Yb, *weights)]
    cache = model.forward(X, 0.5, rng)
    assert isinstance(cache, ForwardCache)
    model.step(model.backward(cache, Yb, lam=0.3), lr=0.1)
    model.fit(X, Yb, lr=0.1, n_steps=3, lam=0.1, keep_prob=0.8, rng=rng)
    model.loss(X, Yb, lam=0.1)
    model.predict_proba(X)
    MLP.from_params(model.weights, model.biases)
    mlp_gradient_check(model, X, Yb, lam=0.1)
    assert_unchanged([X, Yb, *weights], copies)
    assert not any(np.array_equal(a, b) for a, b in zip(weights, model.weights, strict=True))


def test_the_practice_functions_do_not_modify_their_inputs():
    """adam_step, adam_decay_factor, softmax, the Gaussian losses and cross_validate (issue
    14): inputs read-only, compared after."""
    rng = np.random.default_rng(0)
    Wm, Gm, Z, X = frozen(*(rng.normal(size=s) for s in [(4, 6), (4, 6), (3, 6), (6, 2)]))
    labels, Y1 = frozen(rng.integers(0, 3, 6), np.eye(3)[:, rng.integers(0, 3, 6)])
    y = frozen(rng.normal(size=6))[0]
    inputs = [Wm, Gm, Z, X, labels, Y1, y]
    copies = [a.copy() for a in inputs]
    _, state = adam_step(Wm, Gm, None, 0.1, 0.5, 3)
    state = AdamState(state.step, *frozen(state.exp_avg, state.exp_avg_sq))
    state_copies = [state.exp_avg.copy(), state.exp_avg_sq.copy()]
    for decoupled in (False, True):
        adam_step(Wm, Gm, state, 0.1, 0.5, 3, decoupled=decoupled)
        adam_decay_factor(state, 0.1, 0.5, 3, decoupled=decoupled)
    softmax(Z)
    for Y in (labels, Y1):
        softmax_cross_entropy_with_logits(Y, Z)
        softmax_cross_entropy_gradient(Y, Z)
    mean_squared_error(y, Gm[0])
    gaussian_negative_log_likelihood(y, Gm[0], 2.0)
    noise_variance(y, Gm[0], 2)
    cross_validate(lambda X, y, c: c, lambda c, X, y: float(np.sum(X) + c), X, y, [{"c": 1.0}],
                   3, rng)  # fmt: skip
    assert_unchanged([*inputs, state.exp_avg, state.exp_avg_sq], [*copies, *state_copies])
