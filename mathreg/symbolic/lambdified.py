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

from mathreg.notation import Back, Expect, FrobeniusSq, Var, unfold
from mathreg.symbolic import bias_variance as bias_variance_module
from mathreg.symbolic import dropout_linear as dropout_linear_module
from mathreg.symbolic import early_stopping as early_stopping_module
from mathreg.symbolic import l1 as l1_module
from mathreg.symbolic import noise_injection as noise_module
from mathreg.symbolic import ridge as ridge_module
from mathreg.symbolic.dropout import A, D, dA_dropped, dropout
from mathreg.symbolic.dropout import dropout_backward as backward_derivation
from mathreg.symbolic.l2 import LayerWeights, l2_from_prior
from mathreg.symbolic.likelihood import cross_entropy
from mathreg.symbolic.symbols import alpha, keep_prob, lam, likelihood, m, n, y, y_hat
from mathreg.symbolic.weight_decay import W, weight_decay

__all__ = [
    "bias_variance_terms",
    "dropout_backward",
    "dropout_forward",
    "dropout_linear_loss",
    "early_stopping_strength",
    "gradient_descent_direction",
    "keep_rate",
    "l2_penalty",
    "mean_cross_entropy",
    "noisy_example_loss",
    "ridge_direction",
    "ridge_solution",
    "soft_threshold",
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


# -- the linear models, [R1]-[R10] ---------------------------------------------------------------
# Their derivations index examples and inputs from 1 (x[1], ..., x[d]) and sizes are symbols:
# each function below puts concrete sizes in, expands the finite sums, and gives every entry a
# plain symbol of its own before lambdifying.


def _numbered(base: sp.IndexedBase, *sizes: int) -> list:
    """The entries ``base[1]``… (or ``base[i, j]``) of an indexed name, in row-major order."""
    ranges = [range(1, n + 1) for n in sizes]
    if len(sizes) == 1:
        return [base[i] for i in ranges[0]]
    return [base[i, j] for i in ranges[0] for j in ranges[1]]


def _plain(entries: list, name: str) -> tuple[list[sp.Symbol], dict]:
    """A plain symbol ``name_k`` for each indexed entry, and the replacement that puts them in
    (the names must differ between calls: symbols of one name are one symbol)."""
    symbols = [sp.Symbol(f"{name}_{k}", real=True) for k in range(len(entries))]
    return symbols, dict(zip(entries, symbols, strict=True))


def bias_variance_terms() -> Callable[..., tuple[np.ndarray, np.ndarray, np.ndarray]]:
    r"""[R1], the result of ``bias-variance``: ``f(f, mean, variance, sigma)`` returns its three
    terms, the noise :math:`\sigma^2`, the squared bias :math:`(f - \mathbb E[\hat f])^2` and
    the variance, for :math:`\mathbb E[\hat f]` = ``mean`` and :math:`\operatorname{Var}[\hat f]`
    = ``variance`` (numbers, or arrays with one entry per test input).
    """
    B = bias_variance_module
    mean, variance = sp.Symbol("mean", real=True), sp.Symbol("variance", nonnegative=True)
    rhs = B.bias_variance().result.rhs.xreplace({Expect(B.f_hat): mean, Var(B.f_hat): variance})
    args = [B.f, mean, variance, B.sigma]
    terms = sp.Add.make_args(rhs)
    noise = [sp.lambdify(args, t, "numpy") for t in terms if t.has(B.sigma)]
    bias = [sp.lambdify(args, t, "numpy") for t in terms if t.has(mean)]
    var = [sp.lambdify(args, t, "numpy") for t in terms if t == variance]
    assert len(terms) == 3 and len(noise) == len(bias) == len(var) == 1, "[R1]: three terms"

    def evaluate(f, mean_value, variance_value, sigma):
        shape = np.broadcast(f, mean_value, variance_value, sigma).shape
        return tuple(
            np.broadcast_to(np.asarray(term(f, mean_value, variance_value, sigma), float), shape)
            for (term,) in (noise, bias, var)
        )

    return evaluate


def ridge_solution(m_value: int, d_value: int) -> Callable[..., np.ndarray]:
    r"""[R2], the result of ``ridge``, :math:`(X^TX + \lambda I)^{-1}X^Ty` for ``m_value``
    examples and ``d_value`` features: ``f(X, y, lam)`` with ``X`` (m, d) and ``y`` (m,).

    The matrix expression is lambdified as it stands, so NumPy forms the inverse: an
    independent route from :func:`mathreg.numeric.ridge_fit`, which solves the system.
    """
    R = ridge_module
    sizes = {R.m: m_value, R.d: d_value}
    X_, y_ = R.X.xreplace(sizes), R.y.xreplace(sizes)
    f = sp.lambdify([X_, y_, R.lam], R.ridge().result.rhs.xreplace(sizes), "numpy")
    return lambda X, y, lam: np.asarray(f(X, np.reshape(y, (-1, 1)), lam), dtype=float).ravel()


def ridge_direction() -> Callable[..., np.ndarray]:
    r"""[R3], the result of ``ridge-direction``: ``f(mu, lam, w_star)`` is
    :math:`\frac{\mu}{\mu + \lambda} w^*`, elementwise."""
    R = ridge_module
    return sp.lambdify([R.mu, R.lam, R.w_star], R.ridge_direction().result.rhs, "numpy")


def soft_threshold() -> Callable[..., np.ndarray]:
    r"""[R5], the result of ``soft-threshold``: ``f(w_star, alpha, h)`` is
    :math:`\operatorname{sign}(w^*)\max(|w^*| - \alpha/h, 0)`, elementwise."""
    L = l1_module
    return sp.lambdify([L.w_star, L.alpha, L.h], L.soft_threshold().result.rhs, "numpy")


def noisy_example_loss(d_value: int) -> Callable[..., float]:
    r"""[R6], the result of ``noise-injection`` for ``d_value`` inputs: ``f(x, y, w, sigma)``
    is :math:`(y - x^Tw)^2 + \sigma^2\lVert w\rVert^2` for one example ``x`` (d,), ``y``."""
    N = noise_module
    expr = N.noise_injection().result.rhs.xreplace({N.d: d_value}).doit()
    xs, to_x = _plain(_numbered(N.x, d_value), "x")
    ws, to_w = _plain(_numbered(N.w, d_value), "w")
    f = sp.lambdify([xs, N.y, ws, N.sigma], expr.xreplace(to_x | to_w), "numpy")
    return lambda x, y, w, sigma: float(f(list(np.ravel(x)), y, list(np.ravel(w)), sigma))


def dropout_linear_loss(m_value: int, d_value: int) -> Callable[..., float]:
    r"""[R7], the result of ``dropout-linear`` for ``m_value`` examples and ``d_value``
    inputs: ``f(X, y, w, keep_prob)`` with ``X`` (m, d), ``y`` (m,), ``w`` (d,)."""
    D = dropout_linear_module
    expr = D.dropout_linear().result.rhs.xreplace({D.m: m_value, D.d: d_value}).doit()
    Xs, to_X = _plain(_numbered(D.X, m_value, d_value), "X")
    ys, to_y = _plain(_numbered(D.y, m_value), "y")
    ws, to_w = _plain(_numbered(D.w, d_value), "w")
    f = sp.lambdify([Xs, ys, ws, D.keep_prob], expr.xreplace(to_X | to_y | to_w), "numpy")
    return lambda X, y, w, keep_prob: float(
        f(list(np.ravel(X)), list(np.ravel(y)), list(np.ravel(w)), keep_prob)
    )


def gradient_descent_direction() -> Callable[..., np.ndarray]:
    r"""[R8], the result of ``early-stopping``: ``f(lr, mu, w_star, tau)`` is
    :math:`(1 - (1 - \varepsilon\mu)^\tau)\,w^*`, elementwise."""
    E = early_stopping_module
    closed_form = E.early_stopping().result.rhs
    return sp.lambdify([E.step, E.mu, E.w_star, E.tau], closed_form, "numpy")


def early_stopping_strength() -> Callable[..., np.ndarray]:
    r"""[R9], step 3 of ``early-stopping-lambda``: ``f(lr, mu, tau)`` is the ridge strength
    :math:`\lambda = \mu c/(1 - c)`, :math:`c = (1 - \varepsilon\mu)^\tau`, that keeps the
    same part of :math:`w^*` along direction :math:`\mu` as :math:`\tau` steps of size
    :math:`\varepsilon` (for :math:`0 < \varepsilon\mu < 1`, :math:`\tau \ge 1`)."""
    E = early_stopping_module
    (step,) = [s for s in E.early_stopping_lambda().steps if s.eq == "R9"]
    return sp.lambdify([E.step, E.mu, E.steps_taken], step.expr.rhs, "numpy")
