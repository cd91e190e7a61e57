r"""The MLP's activations: ReLU for hidden layers, the logistic sigmoid for the output."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from mathreg.numeric import _validation as v
from mathreg.numeric import textbook

__all__ = ["relu", "sigmoid"]


def sigmoid(z: ArrayLike) -> np.ndarray:
    r"""The logistic function, evaluated without overflow for any finite ``z``.

    .. math::

        \sigma(z) = \frac{1}{1 + e^{-z}} =
        \begin{cases}
            1 / (1 + e^{-|z|}) & z \ge 0 \\
            e^{-|z|} / (1 + e^{-|z|}) & z < 0
        \end{cases}

    Parameters
    ----------
    z : array_like of float32 or float64
        Finite logits, any shape.

    Returns
    -------
    numpy.ndarray
        :math:`\sigma(z) \in [0, 1]`, a new array with the shape and dtype of ``z``.

    Raises
    ------
    TypeError
        If ``z`` is not float32/float64.
    ValueError
        If ``z`` is empty or holds NaN/inf.

    Examples
    --------
    >>> import numpy as np
    >>> sigmoid(np.array([-1000.0, 0.0, 1000.0])).tolist()
    [0.0, 0.5, 1.0]
    """
    return textbook.sigmoid(v.float_array(z, "z"))


def relu(z: ArrayLike) -> np.ndarray:
    r"""The rectified linear unit, :math:`\operatorname{relu}(z) = \max(z, 0)`, elementwise.

    Its derivative, used in the backward pass, is :math:`\mathbb{1}[z > 0]` (taken as 0 at
    :math:`z = 0`).

    Parameters
    ----------
    z : array_like of float32 or float64
        Pre-activations, any shape.

    Returns
    -------
    numpy.ndarray
        A new array with the shape and dtype of ``z``.

    Raises
    ------
    TypeError
        If ``z`` is not float32/float64.
    ValueError
        If ``z`` is empty or holds NaN/inf.

    Examples
    --------
    >>> import numpy as np
    >>> relu(np.array([-2.0, 0.0, 3.0])).tolist()
    [0.0, 0.0, 3.0]
    """
    return textbook.relu(v.float_array(z, "z"))
