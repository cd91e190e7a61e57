r"""Inverted dropout: the forward mask with the :math:`1/\text{keep\_prob}` rescaling, and eq. (15).

The textbook version, written like the note's description, is
:func:`mathreg.numeric.textbook.dropout_forward`: draw :math:`U \sim \mathcal{U}(0, 1)` with the
shape of :math:`A`, keep the units where :math:`U < \text{keep\_prob}`, and rescale the kept
ones by :math:`1/\text{keep\_prob}` so that :math:`\mathbb{E}[\text{output}] = A`. The functions
here compute the same thing with the kernels of :mod:`mathreg.numeric.fast`, which draw
:math:`U` digit by digit from raw random bits (a unit is kept with probability exactly
``keep_prob``) and mask and rescale in one pass.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v
from mathreg.numeric import fast

__all__ = ["dropout_backward", "dropout_forward", "dropout_mask"]


def dropout_forward(
    A: ArrayLike, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    r"""Drop each unit of each example independently; rescale the kept ones by 1/keep_prob.

    .. math::

        D_{jk} = \mathbb{1}\left[U_{jk} < \text{keep\_prob}\right], \quad
        U_{jk} \sim \mathcal{U}(0, 1), \qquad
        \text{output} = \frac{A \circ D}{\text{keep\_prob}}

    so :math:`P(D_{jk} = 1) = \text{keep\_prob}` and
    :math:`\mathbb{E}[\text{output}] = A`. Each entry of :math:`A` (one unit of one example,
    activations having shape (features, examples)) gets its own draw: different examples drop
    different units. ``keep_prob = 1`` keeps every unit and returns a copy of ``A``.

    The mask is :func:`dropout_mask`'s: for the same generator state, ``dropout_forward(A,
    keep_prob, rng)`` is ``(A * D / keep_prob, D)`` with ``D = dropout_mask(A.shape, keep_prob,
    rng)``, bit for bit. It is not the same sample as ``rng.random(A.shape) < keep_prob`` (the
    textbook :func:`mathreg.numeric.textbook.dropout_forward`) for the same seed.

    Parameters
    ----------
    A : array_like of float32 or float64
        Activations :math:`A^{(l)}`, any shape (conventionally (features, examples)).
    keep_prob : float
        Probability of keeping a unit, in (0, 1].
    rng : numpy.random.Generator
        Source of the uniform draws; the result is a function of its state.

    Returns
    -------
    output : numpy.ndarray
        :math:`A \circ D / \text{keep\_prob}`, a new array with the shape and dtype of ``A``.
    mask : numpy.ndarray of bool
        :math:`D` with the shape of ``A``: True (1) where the unit is kept, False (0) where it
        is dropped. Pass it to :func:`dropout_backward`. (A bool array takes 1 byte per entry,
        a quarter or an eighth of a float one; ``mask.astype(A.dtype)`` gives the 0/1 floats.)

    Raises
    ------
    TypeError
        If ``A`` is not float32/float64, ``keep_prob`` is not a real number or ``rng`` is not a
        :class:`numpy.random.Generator`.
    ValueError
        If ``A`` is empty or holds NaN/inf, or ``keep_prob`` is not in (0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> A = np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    >>> out, mask = dropout_forward(A, keep_prob=0.5, rng=np.random.default_rng(4))
    >>> mask.astype(int).tolist()  # D: 1 = kept
    [[1, 1, 0], [0, 0, 1]]
    >>> out.tolist()  # dropped units are 0, kept ones are doubled
    [[2.0, 4.0, 0.0], [0.0, 0.0, 12.0]]
    """
    A = v.float_array(A, "A", scan=False)  # the kernel checks the values as it reads them
    keep_prob = v.keep_probability(keep_prob)
    rng = v.generator(rng)
    return v.run_checked(fast.dropout_forward, (A, keep_prob, rng), lambda: v.float_array(A, "A"))


def dropout_mask(
    shape: int | tuple[int, ...], keep_prob: float, rng: np.random.Generator
) -> np.ndarray:
    r"""The dropout mask alone: :math:`D = \mathbb{1}[U < \text{keep\_prob}]`, as bool.

    .. math::

        D_{jk} = \mathbb{1}\left[U_{jk} < \text{keep\_prob}\right], \quad
        U_{jk} \sim \mathcal{U}(0, 1)

    :math:`U` is drawn lazily from raw random bits (:func:`mathreg.numeric.fast.dropout_mask`):
    its first 8 binary digits decide :math:`U < \text{keep\_prob}` for 255 units in 256, and the
    rest get 64 more digits. So a unit is kept with probability exactly ``keep_prob`` (for any
    ``keep_prob`` :math:`\ge 2^{-20}`; within :math:`2^{-72}` below), and each unit costs about
    8 random bits instead of a float's 32 or 64. It is the mask :func:`dropout_forward` applies:
    the same draws, in the same order.

    Parameters
    ----------
    shape : int or tuple of int
        The shape of the activations (at least one unit).
    keep_prob : float
        Probability of keeping a unit, in (0, 1]; 1 keeps every unit and draws nothing.
    rng : numpy.random.Generator
        Source of the random bits; the mask is a function of its state.

    Returns
    -------
    numpy.ndarray of bool
        True (1) where the unit is kept, False (0) where it is dropped.

    Raises
    ------
    TypeError
        If ``shape`` is not an integer or a tuple of integers, ``keep_prob`` is not a real
        number or ``rng`` is not a :class:`numpy.random.Generator`.
    ValueError
        If ``shape`` has a dimension below 1, or ``keep_prob`` is not in (0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> D = dropout_mask((2, 3), keep_prob=0.5, rng=np.random.default_rng(4))
    >>> D.astype(int).tolist()  # the mask of dropout_forward's example
    [[1, 1, 0], [0, 0, 1]]
    """
    shape = v.shape_tuple(shape, "shape")
    keep_prob = v.keep_probability(keep_prob)
    rng = v.generator(rng)
    return fast.dropout_mask(shape, keep_prob, rng)


def dropout_backward(dA: ArrayLike, mask: ArrayLike, keep_prob: float) -> np.ndarray:
    r"""Backpropagate through dropout, eq. (15): mask the gradient and rescale it.

    The forward pass multiplied :math:`A` by the constant :math:`D/\text{keep\_prob}`, so the
    gradient flows back through the same factor:

    .. math::

        dA^{(l)} \leftarrow \frac{dA^{(l)} \circ D^{(l)}}{\text{keep\_prob}}

    where :math:`dA^{(l)} = (W^{(l+1)})^T dZ^{(l+1)}`, eq. (14). The result is
    :func:`mathreg.numeric.textbook.dropout_backward`'s, bit for bit.

    Parameters
    ----------
    dA : array_like of float32 or float64
        Gradient of the loss in the dropout layer's *output*.
    mask : array_like of {0, 1}
        The mask :math:`D` returned by :func:`dropout_forward` (bool), or the same as 0/1
        floats; same shape as ``dA``.
    keep_prob : float
        The keep probability used in the forward pass, in (0, 1].

    Returns
    -------
    numpy.ndarray
        Gradient in the dropout layer's input, a new array with the shape and dtype of ``dA``.

    Raises
    ------
    TypeError
        If ``dA`` is not float32/float64, ``mask`` is not bool/float32/float64 or ``keep_prob``
        is not a real number.
    ValueError
        If the shapes differ, ``mask`` holds a value other than 0 and 1, ``dA`` is empty or
        holds NaN/inf, or ``keep_prob`` is not in (0, 1].

    Examples
    --------
    >>> import numpy as np
    >>> dA = np.array([[1.0, 1.0], [2.0, -2.0]])
    >>> mask = np.array([[1.0, 0.0], [0.0, 1.0]])
    >>> dropout_backward(dA, mask, keep_prob=0.5).tolist()
    [[2.0, 0.0], [0.0, -4.0]]
    """
    dA = v.float_array(dA, "dA", scan=False)  # the kernel checks the values as it reads them
    mask = v.binary_mask_array(mask, "mask", scan=False)
    v.same_shape(dA, mask, "dA", "mask")
    keep_prob = v.keep_probability(keep_prob)
    return v.run_checked(
        fast.dropout_backward,
        (dA, mask, keep_prob),
        lambda: v.float_array(dA, "dA"),
        lambda: v.binary_mask_array(mask, "mask"),
    )
