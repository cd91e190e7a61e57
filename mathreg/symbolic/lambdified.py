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
