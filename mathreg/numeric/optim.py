r"""One step of gradient descent on the L2-regularized cost: weight decay, eq. (13)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v
from mathreg.numeric import fast

__all__ = ["sgd_step", "sgd_step_"]


def sgd_step(W: ArrayLike, grad: ArrayLike, lr: float, lam: float, m: int) -> np.ndarray:
    r"""One (stochastic) gradient descent step with L2 regularization, eq. (13).

    With the cost's gradient (12), :math:`\partial J/\partial W = \operatorname{back}(W) +
    (\lambda/m) W`, the step :math:`W - \alpha\,\partial J/\partial W` regroups as

    .. math::

        W \leftarrow \left(1 - \frac{\alpha\lambda}{m}\right) W - \alpha \operatorname{back}(W)

    so L2 regularization *decays* the weights by the factor :math:`1 - \alpha\lambda/m` before
    the usual step. (The note's text after (13) writes the factor as
    :math:`1 - \alpha\lambda/(2m)`; (13) itself, and this function, have :math:`\alpha\lambda/m`.)
    With ``lam = 0`` this is plain gradient descent. The result is
    :func:`mathreg.numeric.textbook.sgd_step`'s, bit for bit; :func:`sgd_step_` updates ``W``
    in place instead.

    Parameters
    ----------
    W : array_like of float32 or float64
        Current weights.
    grad : array_like, same shape and dtype as W
        :math:`\operatorname{back}(W)`: the gradient of the *data* loss only, without the
        penalty's :math:`(\lambda/m) W` (this function adds it).
    lr : float
        Learning rate :math:`\alpha > 0`.
    lam : float
        Regularization strength :math:`\lambda \ge 0`.
    m : int
        Number of training examples, :math:`m \ge 1`.

    Returns
    -------
    numpy.ndarray
        The new weights, a new array with the shape and dtype of ``W`` (which is unchanged).

    Raises
    ------
    TypeError
        If ``W`` or ``grad`` is not float32/float64, their dtypes differ, ``lr`` or ``lam`` is
        not a real number, or ``m`` is not an integer.
    ValueError
        If the shapes differ, an array is empty or holds NaN/inf, ``lr <= 0`` or is not finite,
        ``lam < 0`` or ``m < 1``.

    Examples
    --------
    >>> import numpy as np
    >>> W, back = np.array([1.0, -2.0]), np.array([0.5, 0.5])
    >>> sgd_step(W, back, lr=0.5, lam=0.0, m=4).tolist()  # plain step: W - 0.5 * back
    [0.75, -2.25]
    >>> sgd_step(W, back, lr=0.5, lam=2.0, m=4).tolist()  # decay 1 - 0.5 * 2 / 4 = 0.75
    [0.5, -1.75]
    """
    W = v.float_array(W, "W", scan=False)  # the kernel checks the values as it reads them
    grad = v.float_array(grad, "grad", scan=False)
    v.same_shape(W, grad, "W", "grad")
    v.same_dtype(W, grad, "W", "grad")
    lr = v.positive(lr, "lr")
    lam = v.nonnegative(lam, "lam")
    m = v.positive_int(m, "m")
    return v.run_checked(
        fast.sgd_step,
        (W, grad, lr, lam, m),
        lambda: v.float_array(W, "W"),
        lambda: v.float_array(grad, "grad"),
    )


def sgd_step_(W: np.ndarray, grad: ArrayLike, lr: float, lam: float, m: int) -> None:
    r""":func:`sgd_step` in place: writes the new weights into ``W``, as an optimizer does.

    .. math::

        W \leftarrow \left(1 - \frac{\alpha\lambda}{m}\right) W - \alpha \operatorname{back}(W)

    The new values are :func:`sgd_step`'s, bit for bit, but no new array is allocated: on the
    benchmark's 10.5M parameters this is about 10% faster, with almost no extra memory.

    Parameters
    ----------
    W : numpy.ndarray of float32 or float64
        The weights, updated in place: a writeable, C-contiguous array.
    grad : array_like, same shape and dtype as W
        :math:`\operatorname{back}(W)`, the gradient of the data loss only; it must not share
        memory with ``W``.
    lr : float
        Learning rate :math:`\alpha > 0`.
    lam : float
        Regularization strength :math:`\lambda \ge 0`.
    m : int
        Number of training examples, :math:`m \ge 1`.

    Returns
    -------
    None
        ``W`` holds the result.

    Raises
    ------
    TypeError
        If ``W`` is not a :class:`numpy.ndarray`, ``W`` or ``grad`` is not float32/float64,
        their dtypes differ, ``lr`` or ``lam`` is not a real number, or ``m`` is not an integer.
    ValueError
        If ``W`` is not C-contiguous or not writeable, ``grad`` shares memory with it, the
        shapes differ, an array is empty or holds NaN/inf, ``lr <= 0`` or is not finite,
        ``lam < 0`` or ``m < 1``. The values are checked as the step goes, block by block,
        and a block is written only once its new values are all finite: after an error for
        a NaN/inf, ``W`` holds new values in some blocks and old ones elsewhere.

    Examples
    --------
    >>> import numpy as np
    >>> W, back = np.array([1.0, -2.0]), np.array([0.5, 0.5])
    >>> sgd_step_(W, back, lr=0.5, lam=2.0, m=4)
    >>> W.tolist()  # decay 1 - 0.5 * 2 / 4 = 0.75
    [0.5, -1.75]
    """
    grad = v.float_array(grad, "grad", scan=False)  # the kernel checks the values
    W = v.writable_array(W, "W", apart_from={"grad": grad})
    v.same_shape(W, grad, "W", "grad")
    v.same_dtype(W, grad, "W", "grad")
    lr = v.positive(lr, "lr")
    lam = v.nonnegative(lam, "lam")
    m = v.positive_int(m, "m")
    unwritten = fast.sgd_step_(W, grad, lr, lam, m)
    if unwritten:  # a NaN/inf in grad, or in W where it is unwritten, raises; else overflow
        v.float_array(grad, "grad")
        flat, flat_grad = W.reshape(-1), grad.reshape(-1)
        for start, stop in unwritten:
            v.float_array(flat[start:stop], "W")
        for start, stop in unwritten:  # NumPy's own overflow handling, under the caller's errstate
            part = flat[start:stop]
            part[...], _ = fast.sgd_step(part, flat_grad[start:stop], lr, lam, m)
