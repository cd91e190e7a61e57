r"""Adam with an L2 term, and AdamW with decoupled weight decay (Loshchilov & Hutter, ICLR 2019).

Both take the same step, :func:`mathreg.numeric.textbook.adam_step`, and differ only in where
the regularization enters: Adam + L2 adds the penalty's gradient :math:`(\lambda/m) W` to the
data gradient, so it is divided by :math:`\sqrt{\hat v} + \epsilon` with the rest, coordinate by
coordinate ([R12]); AdamW multiplies the weights by :math:`1 - \alpha\lambda/m` outside the
adaptive step, the same factor for every coordinate, as plain gradient descent does ([R11]).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v
from mathreg.numeric import textbook

__all__ = ["AdamState", "adam_decay_factor", "adam_step"]


class AdamState(NamedTuple):
    r"""What Adam remembers between steps; the names are PyTorch's ``optimizer.state[p]`` keys.

    Attributes
    ----------
    step : int
        :math:`t`, the number of steps taken (:math:`\ge 1`).
    exp_avg : numpy.ndarray
        :math:`m_1`, the running average of the gradients (not bias-corrected).
    exp_avg_sq : numpy.ndarray
        :math:`m_2`, the running average of the squared gradients (not bias-corrected).
    """

    step: int
    exp_avg: np.ndarray
    exp_avg_sq: np.ndarray

    def v_hat(self, beta2: float = 0.999) -> np.ndarray:
        r"""The bias-corrected second moment :math:`\hat v = m_2 / (1 - \beta_2^t)`.

        Examples
        --------
        >>> import numpy as np
        >>> _, state = adam_step(np.zeros(2), np.array([3.0, -0.5]), None, lr=0.1)
        >>> state.v_hat().tolist()  # after one step, the squared gradient
        [9.0, 0.25]
        """
        beta2 = _beta(beta2, "beta2")
        return self.exp_avg_sq / (1 - beta2**self.step)


def _beta(x: object, name: str) -> float:
    value = v.real_scalar(x, name, "in [0, 1)")
    if not 0.0 <= value < 1.0:  # also rejects NaN
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return value


def _state(state: object, W: np.ndarray | None) -> tuple[int, np.ndarray, np.ndarray]:
    """The checked ``(t, m_1, m_2)`` of ``state``, shaped like ``W`` (when given)."""
    if state is None and W is not None:
        return 0, np.zeros_like(W), np.zeros_like(W)
    if not isinstance(state, AdamState):
        raise TypeError(
            "state must be None (a fresh optimizer) or the AdamState of the previous step, "
            f"got {type(state).__name__}"
        )
    step = v.positive_int(state.step, "state.step")
    exp_avg = v.float_array(state.exp_avg, "state.exp_avg")
    exp_avg_sq = v.float_array(state.exp_avg_sq, "state.exp_avg_sq")
    reference, name = (exp_avg, "state.exp_avg") if W is None else (W, "W")
    for arr, arr_name in ((exp_avg, "state.exp_avg"), (exp_avg_sq, "state.exp_avg_sq")):
        v.same_shape(reference, arr, name, arr_name)
        v.same_dtype(reference, arr, name, arr_name)
    if (exp_avg_sq < 0).any():
        raise ValueError("state.exp_avg_sq must be >= 0 (an average of squares)")
    return step, exp_avg, exp_avg_sq


def adam_step(
    W: ArrayLike,
    grad: ArrayLike,
    state: AdamState | None,
    lr: float,
    lam: float = 0.0,
    m: int = 1,
    *,
    decoupled: bool = False,
    beta1: float = 0.9,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> tuple[np.ndarray, AdamState]:
    r"""One Adam step with an L2 term (``decoupled=False``) or decoupled weight decay (AdamW).

    With :math:`g = \operatorname{back}(W)`, Adam + L2 adds the penalty's gradient,
    :math:`g \leftarrow g + \frac{\lambda}{m} W` (PyTorch's ``Adam(weight_decay=λ/m)``); AdamW
    first decays the weights, :math:`W \leftarrow (1 - \frac{\alpha\lambda}{m}) W` (PyTorch's
    ``AdamW(weight_decay=λ/m)``). Then, for both,

    .. math::

        t \leftarrow t + 1, \quad
        m_1 \leftarrow \beta_1 m_1 + (1 - \beta_1)\, g, \quad
        m_2 \leftarrow \beta_2 m_2 + (1 - \beta_2)\, g^2, \quad
        W \leftarrow W - \alpha\, \frac{m_1 / (1 - \beta_1^t)}{\sqrt{m_2 / (1 - \beta_2^t)}
            + \epsilon}

    On the first step this makes Adam + L2's decay factor
    :math:`1 - \frac{\alpha\lambda/m}{\sqrt{\hat v} + \epsilon}`, different for each coordinate
    ([R12]), and AdamW's :math:`1 - \frac{\alpha\lambda}{m}` for all ([R13]). The result is
    :func:`mathreg.numeric.textbook.adam_step`'s. Reference: Kingma & Ba, *Adam* (ICLR 2015);
    Loshchilov & Hutter, *Decoupled Weight Decay Regularization* (ICLR 2019), Algorithm 2.

    Parameters
    ----------
    W : array_like of float32 or float64
        The weights.
    grad : array_like, same shape and dtype as W
        :math:`\operatorname{back}(W)`, the gradient of the data loss alone.
    state : AdamState or None
        The state the previous step returned, or ``None`` to start a fresh optimizer.
    lr : float
        :math:`\alpha > 0`.
    lam : float, optional
        :math:`\lambda \ge 0` (default 0: plain Adam, and then both variants are the same).
    m : int, optional
        The number of examples, :math:`m \ge 1` (default 1: ``lam`` is then PyTorch's
        ``weight_decay`` itself).
    decoupled : bool, optional
        ``False`` (default): Adam + L2; ``True``: AdamW.
    beta1, beta2 : float, optional
        The moments' decay rates, in [0, 1) (defaults 0.9 and 0.999, as in PyTorch).
    eps : float, optional
        :math:`\epsilon > 0` (default 1e-8).

    Returns
    -------
    W_new : numpy.ndarray
        The new weights, a new array with the shape and dtype of ``W``.
    state_new : AdamState
        Pass it to the next step. ``W``, ``grad`` and ``state`` are not modified.

    Raises
    ------
    TypeError
        If an array is not float32/float64, the dtypes differ, ``state`` is not an
        :class:`AdamState` or ``None``, ``decoupled`` is not a bool, or a scalar has the wrong
        type.
    ValueError
        If the shapes differ, an array is empty or holds NaN/inf, ``state.exp_avg_sq`` has a
        negative entry, ``lr <= 0``, ``lam < 0``, ``m < 1``, ``beta1`` or ``beta2`` is not in
        [0, 1), or ``eps <= 0``.

    Examples
    --------
    The first step moves every coordinate by about ``lr``, whatever the gradient's size:

    >>> import numpy as np
    >>> W, grad = np.array([1.0, 1.0]), np.array([100.0, 0.01])
    >>> W1, state = adam_step(W, grad, None, lr=0.1)
    >>> W1.round(6).tolist(), state.step
    ([0.9, 0.9], 1)

    AdamW decays both weights by 1 - 0.1 * 2 / 4 = 0.95 first; Adam + L2 does not:

    >>> adam_step(W, grad, None, lr=0.1, lam=2.0, m=4, decoupled=True)[0].round(6).tolist()
    [0.85, 0.85]
    >>> adam_step(W, grad, None, lr=0.1, lam=2.0, m=4)[0].round(6).tolist()
    [0.9, 0.9]
    """
    W = v.float_array(W, "W")
    grad = v.float_array(grad, "grad")
    v.same_shape(W, grad, "W", "grad")
    v.same_dtype(W, grad, "W", "grad")
    checked = _state(state, W)
    lr = v.positive(lr, "lr")
    lam = v.nonnegative(lam, "lam")
    m = v.positive_int(m, "m")
    if not isinstance(decoupled, (bool, np.bool_)):
        raise TypeError(f"decoupled must be True or False, got {decoupled!r}")
    beta1, beta2 = _beta(beta1, "beta1"), _beta(beta2, "beta2")
    eps = v.positive(eps, "eps")
    W_new, (step, exp_avg, exp_avg_sq) = textbook.adam_step(
        W, grad, checked, lr, lam, m, bool(decoupled), beta1, beta2, eps
    )
    return W_new, AdamState(step, exp_avg, exp_avg_sq)


def adam_decay_factor(
    state: AdamState,
    lr: float,
    lam: float = 0.0,
    m: int = 1,
    *,
    decoupled: bool = False,
    beta2: float = 0.999,
    eps: float = 1e-8,
) -> np.ndarray:
    r"""The factor by which the penalty multiplies each weight in a step, coordinate by coordinate.

    .. math::

        \text{Adam + L2:}\ 1 - \frac{\alpha\lambda/m}{\sqrt{\hat v_i} + \epsilon}, \qquad
        \text{AdamW:}\ 1 - \frac{\alpha\lambda}{m}\ \text{for every } i

    with :math:`\hat v = m_2 / (1 - \beta_2^t)` from ``state``. On the first step, [R12] proves
    that Adam + L2's step is exactly this factor times :math:`W` minus the plain Adam step of the
    data gradient. On later steps :math:`\hat m` averages the penalty's gradients of earlier
    weights, so the factor describes the step's form with the current :math:`\hat v` (exact
    only while the weights change slowly over Adam's averaging window): a coordinate with a
    large :math:`\hat v` is decayed less, and the one :math:`\lambda'` that would match AdamW on
    coordinate :math:`i` is :math:`\lambda(\sqrt{\hat v_i} + \epsilon)`, [R13].

    Parameters
    ----------
    state : AdamState
        After a step (its :math:`\hat v`).
    lr, lam, m, decoupled, beta2, eps
        As in :func:`adam_step`.

    Returns
    -------
    numpy.ndarray
        Same shape and dtype as the state's arrays.

    Raises
    ------
    TypeError, ValueError
        As :func:`adam_step`, for the same arguments.

    Examples
    --------
    >>> import numpy as np
    >>> _, state = adam_step(np.ones(2), np.array([1.0, 0.001]), None, lr=0.1)
    >>> adam_decay_factor(state, lr=0.1, lam=0.01).round(4).tolist()  # large v̂: little decay
    [0.999, 0.0]
    >>> adam_decay_factor(state, lr=0.1, lam=0.01, decoupled=True).tolist()
    [0.999, 0.999]
    """
    checked = AdamState(*_state(state, None))
    lr = v.positive(lr, "lr")
    lam = v.nonnegative(lam, "lam")
    m = v.positive_int(m, "m")
    if not isinstance(decoupled, (bool, np.bool_)):
        raise TypeError(f"decoupled must be True or False, got {decoupled!r}")
    eps = v.positive(eps, "eps")
    return textbook.adam_decay_factor(checked.v_hat(beta2), lr, lam, m, bool(decoupled), eps)
