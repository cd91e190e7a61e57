r"""The derivations' results as NumPy functions, for checking the numeric code against them.

Each function here takes a *proved* result (``DERIVATIONS[name]().result`` or a proved step),
instantiates its symbolic sizes with concrete ones, and turns it into a NumPy function with
``sympy.lambdify``. Nothing is retyped by hand: if a derivation changes, these change with it.

Examples
--------
>>> import numpy as np
>>> from mathreg.numeric import sgd_step
>>> update = weight_decay_update((2, 3))
>>> rng = np.random.default_rng(0)
>>> W, grad = rng.normal(size=(2, 3)), rng.normal(size=(2, 3))
>>> bool(np.allclose(update(W, grad, lr=0.1, lam=0.5, m=10), sgd_step(W, grad, 0.1, 0.5, 10)))
True
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import sympy as sp

from mathreg.notation import Back, FrobeniusSq, unfold
from mathreg.symbolic.dropout import A, D, dA_dropped, dropout
from mathreg.symbolic.dropout import dropout_backward as backward_derivation
from mathreg.symbolic.l2 import LayerWeights, l2_from_prior
from mathreg.symbolic.likelihood import cross_entropy
from mathreg.symbolic.symbols import alpha, keep_prob, lam, likelihood, m, n, y, y_hat
from mathreg.symbolic.weight_decay import W, weight_decay

__all__ = [
    "dropout_backward",
    "dropout_forward",
    "keep_rate",
    "l2_penalty",
    "mean_cross_entropy",
    "weight_decay_gradient",
    "weight_decay_update",
]


def _entries(name: str, shape: tuple[int, int]) -> sp.Matrix:
    rows, cols = shape
    return sp.Matrix(rows, cols, lambda r, c: sp.Symbol(f"{name}_{r}_{c}"))


def _flat(matrix: sp.Matrix) -> list[sp.Symbol]:
    return list(matrix)


def _explicit(expr: sp.Basic, replacements: dict) -> sp.Matrix:
    return sp.Matrix(unfold(expr).xreplace(replacements).doit())


def mean_cross_entropy(size: int, modules: str = "numpy") -> Callable[..., float]:
    r"""The objective of the ``cross-entropy`` derivation for ``size`` examples.

    Returns ``f(y, y_hat)``, :math:`-\frac1n\sum_i [y_i\log\hat y_i + (1-y_i)\log(1-\hat y_i)]`.
    With ``modules="mpmath"`` it evaluates in mpmath's arbitrary precision (pass ``mpf``
    values) and returns the ``mpf``.
    """
    objective = cross_entropy().result.rhs.objective
    explicit = objective.xreplace({n: size}).doit()
    ys = [y[k] for k in range(1, size + 1)]
    ps = [y_hat[k] for k in range(1, size + 1)]
    f = sp.lambdify([ys, ps], explicit, modules)
    if modules == "mpmath":
        return lambda labels, probs: f(list(labels), list(probs))
    return lambda labels, probs: float(f(list(labels), list(probs)))


def l2_penalty(shapes: Sequence[tuple[int, int]]) -> Callable[..., float]:
    r"""The penalty of eq. (11), from the ``l2`` derivation's result, for layers of ``shapes``.

    Returns ``f(weights, lam, m)`` with ``weights`` a list of arrays of those shapes.
    """
    objective = l2_from_prior().result.rhs.objective
    penalty = objective - (-sp.log(likelihood) / m)
    layers = [_entries(f"W{k}", shape) for k, shape in enumerate(shapes)]
    total = sum(((w.T * w).trace() for w in layers), sp.S.Zero)
    penalty = penalty.replace(
        lambda e: isinstance(e, sp.Sum) and e.function.has(LayerWeights), lambda e: total
    )
    assert not penalty.has(FrobeniusSq), "the penalty must be fully instantiated"
    symbols = [s for w in layers for s in _flat(w)]
    f = sp.lambdify([symbols, lam, m], penalty, "numpy")

    def evaluate(weights: Sequence[np.ndarray], lam_value: float, m_value: int) -> float:
        values = [float(v) for w in weights for v in np.asarray(w).ravel()]
        return float(f(values, lam_value, m_value))

    return evaluate


def weight_decay_gradient(shape: tuple[int, int]) -> Callable[..., np.ndarray]:
    r"""Eq. (12), from the ``weight-decay`` derivation: ``f(W, back, lam, m)``."""
    gradient = weight_decay().steps[1].expr.rhs
    Wm, Bm = _entries("W", shape), _entries("B", shape)
    explicit = _explicit(gradient, {Back(W): Bm, W: Wm})
    f = sp.lambdify([_flat(Wm), _flat(Bm), lam, m], explicit, "numpy")
    return lambda W_, back, lam_value, m_value: np.asarray(
        f(np.ravel(W_), np.ravel(back), lam_value, m_value), dtype=float
    ).reshape(shape)


def weight_decay_update(shape: tuple[int, int]) -> Callable[..., np.ndarray]:
    r"""Eq. (13), the result of ``weight-decay``: ``f(W, back, lr, lam, m)``."""
    update = weight_decay().result.rhs
    Wm, Bm = _entries("W", shape), _entries("B", shape)
    explicit = _explicit(update, {Back(W): Bm, W: Wm})
    f = sp.lambdify([_flat(Wm), _flat(Bm), alpha, lam, m], explicit, "numpy")

    def evaluate(W_, back, lr, lam, m):
        values = f(np.ravel(W_), np.ravel(back), lr, lam, m)
        return np.asarray(values, dtype=float).reshape(shape)

    return evaluate


def dropout_forward(shape: tuple[int, int]) -> Callable[..., np.ndarray]:
    r"""Inverted dropout :math:`A \circ D / \text{keep\_prob}`: ``f(A, mask, keep_prob)``."""
    from mathreg.symbolic.dropout import forward

    Am, Dm = _entries("A", shape), _entries("D", shape)
    explicit = _explicit(forward(), {A: Am, D: Dm})
    f = sp.lambdify([_flat(Am), _flat(Dm), keep_prob], explicit, "numpy")
    return lambda A_, mask, kp: np.asarray(
        f(np.ravel(A_), np.ravel(mask), kp), dtype=float
    ).reshape(shape)


def dropout_backward(shape: tuple[int, int]) -> Callable[..., np.ndarray]:
    r"""Eq. (15), the result of ``dropout``: ``f(dA_tilde, mask, keep_prob)``."""
    backward = backward_derivation().result.rhs
    Gm, Dm = _entries("G", shape), _entries("D", shape)
    explicit = _explicit(backward, {dA_dropped: Gm, D: Dm})
    f = sp.lambdify([_flat(Gm), _flat(Dm), keep_prob], explicit, "numpy")
    return lambda dA_tilde, mask, kp: np.asarray(
        f(np.ravel(dA_tilde), np.ravel(mask), kp), dtype=float
    ).reshape(shape)


def keep_rate() -> Callable[[float], float]:
    r"""The probability of keeping a unit, proved in ``dropout`` step 2.

    :math:`\mathbb E[D_{ij}] = P(U_{ij} < k) = k`.
    """
    rate = dropout().steps[1].expr.rhs
    f = sp.lambdify([keep_prob], rate, "numpy")
    return lambda kp: float(f(kp))


# -- beyond the note, "In practice" (issue 14): optimizers, Gaussian noise, softmax -------------

__all__ += [
    "adam_l2_decay_factor",
    "adam_l2_update",
    "adamw_matching_l2",
    "gaussian_negative_log_likelihood",
    "mean_squared_error",
    "noise_variance",
    "sgd_l2_update",
    "softmax_cross_entropy",
    "softmax_cross_entropy_gradient",
    "two_class_cross_entropy",
]


def sgd_l2_update() -> Callable[..., np.ndarray]:
    r"""[R11], the result of ``sgd-l2``: ``f(w, g, lr, lam_l2)``, elementwise on arrays.

    :math:`w_{\text{new}} = (1 - \alpha\lambda')w - \alpha g`.
    """
    from mathreg.symbolic import decoupled_weight_decay as dwd

    f = sp.lambdify([dwd.w, dwd.g, dwd.lr, dwd.l2], dwd.sgd_l2().result.rhs, "numpy")
    return lambda w, g, lr, lam_l2: np.asarray(f(w, g, lr, lam_l2), dtype=float)


def _first_step(derivation) -> dict:
    """The derivation's definitions of the first step's moments (m̂, v̂ in terms of g, w)."""
    return {e.name: e.value for e in derivation.given if e.kind == "definition"}


def adam_l2_update() -> Callable[..., np.ndarray]:
    r"""[R12], the result of ``adam-l2`` on the first step: ``f(w, g, lr, lam_l2, eps)``.

    :math:`w_{\text{new}} = (1 - \frac{\alpha\lambda'}{\sqrt{\hat v} + \epsilon})w -
    \frac{\alpha g}{\sqrt{\hat v} + \epsilon}` with :math:`\hat v = (g + \lambda' w)^2`, the
    derivation's own definition of the first step's second moment.
    """
    from mathreg.symbolic import decoupled_weight_decay as dwd

    derivation = dwd.adam_l2()
    update = derivation.result.rhs.xreplace({dwd.v_hat: _first_step(derivation)[dwd.v_hat]})
    f = sp.lambdify([dwd.w, dwd.g, dwd.lr, dwd.l2, dwd.adam_eps], update, "numpy")
    return lambda w, g, lr, lam_l2, eps: np.asarray(f(w, g, lr, lam_l2, eps), dtype=float)


def adam_l2_decay_factor() -> Callable[..., np.ndarray]:
    r"""[R12]'s decay factor, the coefficient of :math:`w`: ``f(lr, lam_l2, v_hat, eps)``.

    :math:`1 - \alpha\lambda'/(\sqrt{\hat v} + \epsilon)`, read off the result before
    :math:`\hat v` is written out (the result is linear in :math:`w` for a given
    :math:`\hat v`).
    """
    from mathreg.symbolic import decoupled_weight_decay as dwd

    factor = sp.expand(dwd.adam_l2().result.rhs).coeff(dwd.w)
    assert not factor.has(dwd.w) and not factor.has(dwd.g), "the factor is w's coefficient"
    f = sp.lambdify([dwd.lr, dwd.l2, dwd.v_hat, dwd.adam_eps], factor, "numpy")
    return lambda lr, lam_l2, v_hat, eps: np.asarray(f(lr, lam_l2, v_hat, eps), dtype=float)


def adamw_matching_l2() -> Callable[..., np.ndarray]:
    r"""[R13], the result of ``adamw-match``: ``f(lam, v_hat, eps)``, the L2 strength
    :math:`\lambda' = \lambda(\sqrt{\hat v} + \epsilon)` that decays a coordinate as AdamW's
    :math:`\lambda` does."""
    from mathreg.symbolic import decoupled_weight_decay as dwd

    f = sp.lambdify([dwd.lam, dwd.v_hat, dwd.adam_eps], dwd.adamw_match().result.rhs, "numpy")
    return lambda lam, v_hat, eps: np.asarray(f(lam, v_hat, eps), dtype=float)


def _gaussian_arrays(size: int):
    from mathreg.symbolic import gaussian_mse as gm

    return gm, [gm.y[k] for k in range(1, size + 1)], [gm.prediction[k] for k in range(1, size + 1)]


def mean_squared_error(size: int) -> Callable[..., float]:
    r"""[R14], the objective of ``gaussian-mse``'s result for ``size`` examples:
    ``f(y, y_hat)`` = :math:`\frac1n\sum_i (y_i - \hat y_i)^2`."""
    gm, ys, fs = _gaussian_arrays(size)
    objective = gm.gaussian_mse().result.rhs.objective.xreplace({gm.n: size}).doit()
    f = sp.lambdify([ys, fs], objective, "numpy")
    return lambda y, y_hat: float(f(list(y), list(y_hat)))


def gaussian_negative_log_likelihood(size: int) -> Callable[..., float]:
    r"""``gaussian-mse`` step 4, the log-likelihood as a sum of log-densities, negated and
    divided by ``size``: ``f(y, y_hat, variance)``."""
    gm, ys, fs = _gaussian_arrays(size)
    log_likelihood = gm.gaussian_mse().steps[3].expr.rhs.objective
    s = sp.Symbol("s", positive=True)
    nll = (-log_likelihood / gm.n).xreplace({gm.n: size, gm.sigma: sp.sqrt(s)}).doit()
    f = sp.lambdify([ys, fs, s], nll, "numpy")
    return lambda y, y_hat, variance: float(f(list(y), list(y_hat), variance))


def noise_variance(size: int) -> Callable[..., float]:
    r"""[R15], the result of ``gaussian-variance``, :math:`\hat\sigma^2 = S/n`, with the sum of
    squared residuals :math:`S` written out as the ``gaussian-mse`` module defines it:
    ``f(y, y_hat)``."""
    gm, ys, fs = _gaussian_arrays(size)
    squared_residuals = sp.Sum((gm.y[gm.i] - gm.prediction[gm.i]) ** 2, (gm.i, 1, gm.n))
    assert sp.simplify(squared_residuals / gm.n - gm.mean_squared_error()) == 0
    estimate = gm.gaussian_variance().result.rhs.xreplace({gm.residuals: squared_residuals})
    f = sp.lambdify([ys, fs], estimate.xreplace({gm.n: size}).doit(), "numpy")
    return lambda y, y_hat: float(f(list(y), list(y_hat)))


def _softmax_arrays(classes: int):
    from mathreg.symbolic import softmax as sm

    return (
        sm,
        [sm.z[c] for c in range(1, classes + 1)],
        [sm.y[c] for c in range(1, classes + 1)],
    )


def softmax_cross_entropy(classes: int) -> Callable[..., float]:
    r"""``softmax-cross-entropy`` step 3, one example's loss
    :math:`-\sum_k y_k z_k + \log\sum_l e^{z_l}` for ``classes`` classes: ``f(y, z)``."""
    sm, zs, ys = _softmax_arrays(classes)
    loss = sm.softmax_cross_entropy().steps[2].expr.rhs.xreplace({sm.K: classes}).doit()
    f = sp.lambdify([ys, zs], loss, "mpmath")
    return lambda y, z: f(list(y), list(z))


def softmax_cross_entropy_gradient(classes: int) -> Callable[..., np.ndarray]:
    r"""[R16], the result of ``softmax-cross-entropy``, for every class :math:`j`:
    ``f(y, z)`` = :math:`(p_j - y_j)_j`, one example's gradient in its logits."""
    sm, zs, ys = _softmax_arrays(classes)
    gradient = sm.softmax_cross_entropy().result.rhs
    components = [gradient.xreplace({sm.j: c, sm.K: classes}).doit() for c in range(1, classes + 1)]
    f = sp.lambdify([ys, zs], components, "numpy")
    return lambda y, z: np.asarray(f(list(y), list(z)), dtype=float)


def two_class_cross_entropy() -> Callable[..., float]:
    r"""[R17], the result of ``softmax-two-classes``: ``f(y1, z1, z2)``, the binary
    cross-entropy of the label :math:`y_1` under :math:`\sigma(z_1 - z_2)`; evaluated with
    mpmath (pass ``mpf`` values)."""
    from mathreg.symbolic import softmax as sm

    return sp.lambdify([sm.y1, sm.z1, sm.z2], sm.softmax_two_classes().result.rhs, "mpmath")
