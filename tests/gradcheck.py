r"""Gradient checking by central differences (a test helper): is backprop's gradient the cost's?

.. math::

    \frac{\partial J}{\partial \theta_k} \approx
    \frac{J(\theta + \varepsilon e_k) - J(\theta - \varepsilon e_k)}{2\varepsilon},
    \qquad
    \text{relative error} = \frac{\lVert g_{\text{num}} - g_{\text{ana}} \rVert_2}
                                 {\lVert g_{\text{num}} \rVert_2 + \lVert g_{\text{ana}} \rVert_2}

The truncation error of the central difference is :math:`O(\varepsilon^2)` and the rounding
error :math:`O(u/\varepsilon)` for unit roundoff :math:`u`, so checks run in float64
(:math:`u \approx 10^{-16}`, :math:`\varepsilon = 10^{-6}`): a correct gradient then gives a
relative error around :math:`10^{-9}` or below, a wrong one around :math:`10^{-2}` or above.
Dropout is random, so the check draws the masks once and keeps them fixed: with a fixed mask
the cost is a deterministic function of the parameters.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v
from mathreg.numeric.mlp import MLP

__all__ = ["mlp_gradient_check", "numerical_gradient", "relative_error"]

#: :func:`mlp_gradient_check` warns when a hidden pre-activation is closer than this many
#: ``eps`` to ReLU's kink at 0, where a central difference is not a derivative.
KINK_MARGIN = 100.0


def _float64_array(x: ArrayLike, name: str) -> np.ndarray:
    arr = v.float_array(x, name)
    if arr.dtype != np.float64:
        raise TypeError(
            f"{name} must be float64 for a gradient check (float32 rounding swamps the "
            f"central difference), got {arr.dtype}"
        )
    return arr


def numerical_gradient(
    f: Callable[[np.ndarray], float], x: ArrayLike, eps: float = 1e-6
) -> np.ndarray:
    r"""Central-difference estimate of the gradient of a scalar function at ``x``.

    .. math::

        g_k = \frac{f(x + \varepsilon e_k) - f(x - \varepsilon e_k)}{2\varepsilon}

    Parameters
    ----------
    f : callable
        ``f(x)`` returns a float for an array shaped like ``x``. It is called with a
        perturbed copy of ``x``; ``x`` itself is never modified.
    x : array_like of float64
        The point, any shape.
    eps : float, optional
        Step :math:`\varepsilon > 0` (default :math:`10^{-6}`).

    Returns
    -------
    numpy.ndarray
        float64, same shape as ``x``; :math:`2 \cdot` ``x.size`` calls of ``f``.

    Raises
    ------
    TypeError
        If ``f`` is not callable, ``x`` is not float64 or ``eps`` is not a real number.
    ValueError
        If ``x`` is empty or holds NaN/inf, or ``eps`` is not a finite number > 0.

    Examples
    --------
    >>> import numpy as np
    >>> g = numerical_gradient(lambda x: float(np.sum(x**3)), np.array([1.0, -2.0]))
    >>> np.round(g, 6).tolist()  # 3 x^2
    [3.0, 12.0]
    """
    if not callable(f):
        raise TypeError(f"f must be callable, got {type(f).__name__}")
    x = _float64_array(x, "x")
    eps = v.positive(eps, "eps")
    xp = x.copy()
    g = np.empty_like(xp)
    for k in np.ndindex(xp.shape):
        original = xp[k]
        xp[k] = original + eps
        f_plus = float(f(xp))
        xp[k] = original - eps
        f_minus = float(f(xp))
        xp[k] = original
        g[k] = (f_plus - f_minus) / (2 * eps)
    return g


def relative_error(g_num: ArrayLike, g_ana: ArrayLike) -> float:
    r"""Relative distance between two gradients, scale-free and symmetric.

    .. math::

        \frac{\lVert g_{\text{num}} - g_{\text{ana}} \rVert_2}
             {\lVert g_{\text{num}} \rVert_2 + \lVert g_{\text{ana}} \rVert_2}

    It is 0 when both are zero and 1 when one of them is zero and the other is not.

    Parameters
    ----------
    g_num, g_ana : array_like of float32 or float64
        Same shape.

    Returns
    -------
    float
        In [0, 1].

    Raises
    ------
    TypeError
        If an argument is not float32/float64.
    ValueError
        If the shapes differ, or an argument is empty or holds NaN/inf.

    Examples
    --------
    >>> import numpy as np
    >>> relative_error(np.array([1.0, 0.0]), np.array([1.0, 0.0]))
    0.0
    >>> relative_error(np.array([3.0, 4.0]), np.array([0.0, 0.0]))
    1.0
    """
    a = v.float_array(g_num, "g_num")
    b = v.float_array(g_ana, "g_ana")
    v.same_shape(a, b, "g_num", "g_ana")
    denominator = float(np.linalg.norm(a) + np.linalg.norm(b))
    return 0.0 if denominator == 0.0 else float(np.linalg.norm(a - b)) / denominator


def mlp_gradient_check(
    net: MLP,
    X: ArrayLike,
    Y: ArrayLike,
    *,
    lam: float = 0.0,
    keep_prob: float = 1.0,
    rng: np.random.Generator | None = None,
    eps: float = 1e-6,
) -> float:
    r"""Compare :meth:`MLP.backward` with central differences of :meth:`MLP.cost`.

    One forward pass fixes the dropout masks :math:`D^{(l)}`; every parameter entry of every
    :math:`W^{(l)}` and :math:`b^{(l)}` is then perturbed by :math:`\pm\varepsilon` and the cost
    :math:`J` (BCE plus :math:`\frac{\lambda}{2m}\sum_l \lVert W^{(l)} \rVert_F^2`) recomputed with
    those same masks. The analytic gradient is :meth:`MLP.backward`'s ``dW`` (eq. 12, with
    eqs. 14 and 15 inside) and ``db``.

    Parameters
    ----------
    net : MLP
        A float64 model; it is not modified.
    X : array_like of float32 or float64
        Inputs, shape :math:`(n_0, m)`.
    Y : array_like of {0, 1}
        Labels, shape (1, m) or (m,).
    lam : float, optional
        :math:`\lambda \ge 0` (default 0).
    keep_prob : float, optional
        Dropout keep probability in (0, 1] (default 1).
    rng : numpy.random.Generator, optional
        Draws the masks once; required when ``keep_prob < 1``.
    eps : float, optional
        Central-difference step (default :math:`10^{-6}`).

    Returns
    -------
    float
        The relative error over all parameters together.

    Warns
    -----
    RuntimeWarning
        When a hidden pre-activation :math:`Z^{(l)}` lies within ``KINK_MARGIN * eps`` of 0:
        ReLU has a kink there, the central difference can straddle it, and a large error is
        then no evidence of a bug. With zero biases and dropout this happens whenever all of
        an example's inputs to a layer are dropped (:math:`Z = b = 0`); give the model nonzero
        biases (e.g. with :meth:`MLP.from_params`).

    Raises
    ------
    TypeError
        If ``net`` is not a float64 :class:`~mathreg.numeric.MLP`, or another argument has the
        wrong type (as for :meth:`MLP.forward`).
    ValueError
        As for :meth:`MLP.forward` and :meth:`MLP.backward`.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> net = MLP([3, 5, 4, 1], rng)
    >>> X, Y = rng.standard_normal((3, 6)), rng.integers(0, 2, (1, 6))
    >>> mlp_gradient_check(net, X, Y, lam=0.7, keep_prob=0.8, rng=rng) < 1e-7
    True
    """
    if not isinstance(net, MLP):
        raise TypeError(f"net must be an MLP, got {type(net).__name__}")
    if net.dtype != np.float64:
        raise TypeError(f"net must have float64 parameters for a gradient check, got {net.dtype}")
    cache = net.forward(X, keep_prob, rng)
    grads = net.backward(cache, Y, lam)
    eps = v.positive(eps, "eps")
    nearest = min((float(np.min(np.abs(Z))) for Z in cache.Z[:-1]), default=np.inf)
    if nearest < KINK_MARGIN * eps:
        warnings.warn(
            f"a hidden pre-activation is {nearest:.3g} from the ReLU kink at 0 (eps={eps:g}): "
            "the central difference may straddle the kink and report a large error that is "
            "not a bug (with zero biases and dropout, an example whose inputs to a layer are all "
            "dropped has Z = b = 0 exactly; use nonzero biases)",
            RuntimeWarning,
            stacklevel=2,
        )
    X, masks = cache.A[0], cache.masks
    params = [*net.weights, *net.biases]
    n_weights = len(net.weights)

    def cost_with(index: int, value: np.ndarray) -> float:
        perturbed = params.copy()
        perturbed[index] = value
        trial = MLP.from_params(perturbed[:n_weights], perturbed[n_weights:])
        return trial.cost(trial.forward(X, keep_prob, masks=masks), Y, lam)

    numeric = [
        numerical_gradient(lambda p, i=i: cost_with(i, p), p, eps) for i, p in enumerate(params)
    ]
    analytic = [*grads.dW, *grads.db]
    return relative_error(
        np.concatenate([g.ravel() for g in numeric]), np.concatenate([g.ravel() for g in analytic])
    )
