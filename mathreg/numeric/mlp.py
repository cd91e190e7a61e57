r"""A small multilayer perceptron for binary labels, written like the note's equations.

Shapes follow the note: layer :math:`l` has weights :math:`W^{(l)}` of shape
:math:`(n_l, n_{l-1})` and bias :math:`b^{(l)}` of shape :math:`(n_l, 1)`; activations have
shape (features, examples), so :math:`A^{(0)} = X` is :math:`(n_0, m)`. Hidden layers use ReLU,
the output layer one sigmoid unit, and the loss is the binary cross-entropy computed from the
logits (:func:`~mathreg.numeric.binary_cross_entropy_with_logits`). The cost is eq. (11):

.. math::

    J = -\frac{1}{m} \log P(Y \mid \theta, X)
        + \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{(l)} \rVert_F^2

Forward pass, for :math:`l = 1, \dots, L`:

.. math::

    Z^{(l)} = W^{(l)} A^{(l-1)} + b^{(l)}, \qquad
    A^{(l)} = \operatorname{relu}(Z^{(l)}) \circ D^{(l)} / \text{keep\_prob} \ (l < L), \qquad
    \hat Y = A^{(L)} = \sigma(Z^{(L)})

Backward pass, with :math:`dZ^{(l)} = \partial J / \partial Z^{(l)}` (data loss only), starting
from :math:`dZ^{(L)} = \tfrac{1}{m}(A^{(L)} - Y)`:

.. math::

    \operatorname{back}(W^{(l)}) = dZ^{(l)} (A^{(l-1)})^T, \quad
    db^{(l)} = \textstyle\sum_{i} dZ^{(l)}_{:, i} = dZ^{(l)} \mathbf{1}, \quad
    dA^{(l-1)} = (W^{(l)})^T dZ^{(l)} \ (14), \quad
    dA^{(l-1)} \leftarrow dA^{(l-1)} \circ D^{(l-1)} / \text{keep\_prob} \ (15), \quad
    dZ^{(l-1)} = dA^{(l-1)} \circ \mathbb{1}[Z^{(l-1)} > 0]

and the cost's gradient (12) adds :math:`(\lambda/m) W^{(l)}`. Training applies (13),
:func:`mathreg.numeric.textbook.sgd_step`. Biases are not regularized.

The methods below are these lines, in this order, with the formulas of
:mod:`mathreg.numeric.textbook` and the dropout mask of :func:`~mathreg.numeric.dropout_mask`.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

from mathreg.numeric import _validation as v
from mathreg.numeric import textbook
from mathreg.numeric.dropout import dropout_mask
from mathreg.numeric.losses import binary_cross_entropy_with_logits
from mathreg.numeric.penalties import l2_penalty

__all__ = ["MLP", "ForwardCache", "Gradients"]


@dataclass(frozen=True)
class ForwardCache:
    r"""What the forward pass keeps for the backward pass.

    Attributes
    ----------
    A : tuple of numpy.ndarray
        :math:`A^{(0)} = X, A^{(1)}, \dots, A^{(L)} = \hat Y`; hidden activations are stored
        *after* dropout.
    Z : tuple of numpy.ndarray
        :math:`Z^{(1)}, \dots, Z^{(L)}` (``Z[l - 1]`` is :math:`Z^{(l)}`); ``Z[-1]`` holds the
        logits.
    masks : tuple of numpy.ndarray or None
        The dropout masks :math:`D^{(1)}, \dots, D^{(L-1)}` of the hidden layers (bool, True =
        kept), or ``None`` entries when ``keep_prob`` is 1.
    keep_prob : float
        The keep probability used.
    """

    A: tuple[np.ndarray, ...]
    Z: tuple[np.ndarray, ...]
    masks: tuple[np.ndarray | None, ...]
    keep_prob: float

    @property
    def m(self) -> int:
        """Number of examples (columns of :math:`X`)."""
        return self.A[0].shape[1]

    @property
    def logits(self) -> np.ndarray:
        r""":math:`Z^{(L)}`, shape (1, m)."""
        return self.Z[-1]

    @property
    def probabilities(self) -> np.ndarray:
        r""":math:`\hat Y = \sigma(Z^{(L)})`, shape (1, m)."""
        return self.A[-1]


@dataclass(frozen=True)
class Gradients:
    r"""Gradients of the cost :math:`J` in every parameter, from :meth:`MLP.backward`.

    Attributes
    ----------
    dW : tuple of numpy.ndarray
        :math:`\partial J / \partial W^{(l)} = \operatorname{back}(W^{(l)}) +
        (\lambda/m) W^{(l)}`, eq. (12), for :math:`l = 1, \dots, L`. Computed on first use:
        training needs only ``back``.
    back : tuple of numpy.ndarray
        :math:`\operatorname{back}(W^{(l)})`: the data loss's part only, what
        :func:`~mathreg.numeric.sgd_step` takes.
    db : tuple of numpy.ndarray
        :math:`\partial J / \partial b^{(l)}` (no penalty on biases).
    lam : float
        The :math:`\lambda` they were computed with.
    m : int
        The number of examples they were computed on.
    weights : tuple of numpy.ndarray
        The :math:`W^{(l)}` they were computed at.
    """

    back: tuple[np.ndarray, ...]
    db: tuple[np.ndarray, ...]
    lam: float
    m: int
    weights: tuple[np.ndarray, ...] = field(repr=False, compare=False)

    @cached_property
    def dW(self) -> tuple[np.ndarray, ...]:
        return tuple(
            g + textbook.l2_gradient(W, self.lam, self.m)
            for g, W in zip(self.back, self.weights, strict=True)
        )  # eq. (12)


class MLP:
    r"""ReLU hidden layers, one sigmoid output, binary cross-entropy; L2 and dropout switchable.

    Parameters
    ----------
    layer_sizes : sequence of int
        :math:`(n_0, n_1, \dots, n_L)`: input features, hidden widths, and :math:`n_L = 1`.
    rng : numpy.random.Generator
        Draws the initial weights (He initialization,
        :math:`W^{(l)}_{jk} \sim \mathcal{N}(0, 2 / n_{l-1})`); biases start at 0.
    dtype : float32 or float64, optional
        Floating type of the parameters and of every computation (default float64).

    Attributes
    ----------
    weights : tuple of numpy.ndarray
        :math:`W^{(1)}, \dots, W^{(L)}`, shapes :math:`(n_l, n_{l-1})`.
    biases : tuple of numpy.ndarray
        :math:`b^{(1)}, \dots, b^{(L)}`, shapes :math:`(n_l, 1)`.

    Notes
    -----
    :meth:`step` and :meth:`fit` update the model by replacing its ``weights`` and ``biases``
    tuples with new arrays (eq. (13), :func:`mathreg.numeric.textbook.sgd_step`); arrays handed
    out before are never written to.

    Examples
    --------
    Fit XOR, the classic problem a linear model cannot solve:

    >>> import numpy as np
    >>> X = np.array([[0.0, 0.0, 1.0, 1.0], [0.0, 1.0, 0.0, 1.0]])
    >>> Y = np.array([[0, 1, 1, 0]])
    >>> net = MLP([2, 8, 1], rng=np.random.default_rng(0))
    >>> _ = net.fit(X, Y, lr=0.5, n_steps=2000)
    >>> np.round(net.predict_proba(X)).tolist()
    [[0.0, 1.0, 1.0, 0.0]]
    >>> net.loss(X, Y) < 0.05
    True

    One step by hand, with L2 and dropout:

    >>> rng = np.random.default_rng(1)
    >>> cache = net.forward(X, keep_prob=0.8, rng=rng)
    >>> grads = net.backward(cache, Y, lam=0.1)
    >>> [g.shape for g in grads.dW]
    [(8, 2), (1, 8)]
    >>> net.step(grads, lr=0.5)
    """

    def __init__(
        self,
        layer_sizes: Sequence[int],
        rng: np.random.Generator,
        *,
        dtype: DTypeLike = np.float64,
    ) -> None:
        sizes = _layer_sizes(layer_sizes)
        rng = v.generator(rng)
        dtype = _float_dtype(dtype)
        self.weights: tuple[np.ndarray, ...] = tuple(
            (rng.standard_normal((n_out, n_in)) * np.sqrt(2.0 / n_in)).astype(dtype)
            for n_in, n_out in itertools.pairwise(sizes)
        )
        self.biases: tuple[np.ndarray, ...] = tuple(np.zeros((n, 1), dtype) for n in sizes[1:])

    @classmethod
    def from_params(cls, weights: Sequence[ArrayLike], biases: Sequence[ArrayLike]) -> MLP:
        r"""A model with the given parameters (copied), e.g. to evaluate a perturbed one.

        Parameters
        ----------
        weights : sequence of array_like
            :math:`W^{(l)}` of shapes :math:`(n_l, n_{l-1})`, all float32 or all float64.
        biases : sequence of array_like
            :math:`b^{(l)}` of shapes :math:`(n_l, 1)`, same dtype.

        Returns
        -------
        MLP

        Raises
        ------
        TypeError
            If a parameter is not float32/float64 or the dtypes differ.
        ValueError
            If the shapes do not chain, the last layer has more than one unit, or a
            parameter holds NaN/inf.

        Examples
        --------
        >>> import numpy as np
        >>> weights = [np.ones((3, 2)), np.ones((1, 3))]
        >>> biases = [np.zeros((3, 1)), np.zeros((1, 1))]
        >>> net = MLP.from_params(weights, biases)
        >>> net.layer_sizes
        (2, 3, 1)
        """
        W = [v.float_array(w, f"weights[{i}]", min_ndim=2) for i, w in enumerate(weights)]
        b = [v.float_array(c, f"biases[{i}]", min_ndim=2) for i, c in enumerate(biases)]
        if len(W) == 0 or len(W) != len(b):
            raise ValueError(
                "weights and biases must be non-empty sequences of the same length, "
                f"got {len(W)} and {len(b)}"
            )
        for i, (w, c) in enumerate(zip(W, b, strict=True)):
            v.same_dtype(W[0], w, "weights[0]", f"weights[{i}]")
            v.same_dtype(W[0], c, "weights[0]", f"biases[{i}]")
            if w.ndim != 2 or c.shape != (w.shape[0], 1):
                raise ValueError(
                    f"weights[{i}] must be 2-D (n_out, n_in) and biases[{i}] of shape (n_out, 1), "
                    f"got {w.shape} and {c.shape}"
                )
            if i > 0 and w.shape[1] != W[i - 1].shape[0]:
                raise ValueError(
                    f"weights[{i}] must have {W[i - 1].shape[0]} columns to follow "
                    f"weights[{i - 1}] of shape {W[i - 1].shape}, got shape {w.shape}"
                )
        if W[-1].shape[0] != 1:
            raise ValueError(
                f"the last layer must have 1 unit, got weights[-1] of shape {W[-1].shape}"
            )
        net = cls.__new__(cls)
        net.weights = tuple(w.copy() for w in W)
        net.biases = tuple(c.copy() for c in b)
        return net

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        r""":math:`(n_0, n_1, \dots, n_L)`."""
        return (self.weights[0].shape[1], *(W.shape[0] for W in self.weights))

    @property
    def dtype(self) -> np.dtype:
        """The parameters' floating type."""
        return self.weights[0].dtype

    # -- forward ------------------------------------------------------------------------------

    def forward(
        self,
        X: ArrayLike,
        keep_prob: float = 1.0,
        rng: np.random.Generator | None = None,
        *,
        masks: Sequence[ArrayLike | None] | None = None,
    ) -> ForwardCache:
        r"""Forward pass with optional inverted dropout on the hidden activations.

        Parameters
        ----------
        X : array_like of float32 or float64
            Inputs :math:`A^{(0)}`, shape :math:`(n_0, m)`; cast to the model's dtype.
        keep_prob : float, optional
            Keep probability of the hidden units, in (0, 1]; 1 (default) switches dropout off.
        rng : numpy.random.Generator, optional
            Draws the dropout masks; required when ``keep_prob < 1`` and ``masks`` is not given.
        masks : sequence of array_like, optional
            Fixed masks :math:`D^{(1)}, \dots, D^{(L-1)}` to use instead of drawing new ones
            (e.g. ``cache.masks`` of an earlier pass, for a gradient check).

        Returns
        -------
        ForwardCache

        Raises
        ------
        TypeError
            If ``X`` is not float32/float64, ``keep_prob`` is not a real number, or ``rng`` is
            not a :class:`numpy.random.Generator` when one is needed.
        ValueError
            If ``X`` is not 2-D with :math:`n_0` rows or holds NaN/inf, ``keep_prob`` is not in
            (0, 1], or the masks do not match the hidden layers' shapes.

        Examples
        --------
        >>> import numpy as np
        >>> net = MLP([3, 4, 1], rng=np.random.default_rng(0))
        >>> cache = net.forward(np.zeros((3, 5)), keep_prob=0.5, rng=np.random.default_rng(1))
        >>> cache.logits.shape, cache.masks[0].shape
        ((1, 5), (4, 5))
        """
        X = self._inputs(X)
        keep_prob = v.keep_probability(keep_prob)
        if masks is not None:
            masks = self._masks(masks, X.shape[1])
        elif keep_prob < 1.0:
            rng = v.generator(rng)
        return self._forward(X, keep_prob, rng, masks)

    def _forward(
        self,
        X: np.ndarray,
        keep_prob: float,
        rng: np.random.Generator | None,
        masks: list[np.ndarray] | None,
    ) -> ForwardCache:
        L = len(self.weights)
        A, As, Zs, Ds = X, [X], [], []
        for l, (W, b) in enumerate(zip(self.weights, self.biases, strict=True), start=1):  # noqa: E741
            Z = W @ A + b  # Z^(l) = W^(l) A^(l-1) + b^(l)
            if l < L:
                A = textbook.relu(Z)
                D = None if masks is None else masks[l - 1]
                if D is None and keep_prob < 1.0:
                    D = dropout_mask(A.shape, keep_prob, rng)  # D^(l) = 1[U < keep_prob]
                if D is not None:
                    A = A * D / keep_prob  # inverted dropout: A^(l) o D^(l) / keep_prob
                Ds.append(D)
            else:
                A = textbook.sigmoid(Z)  # Y_hat = A^(L) = sigma(Z^(L))
            Zs.append(Z)
            As.append(A)
        return ForwardCache(A=tuple(As), Z=tuple(Zs), masks=tuple(Ds), keep_prob=keep_prob)

    def cost(self, cache: ForwardCache, Y: ArrayLike, lam: float = 0.0) -> float:
        r"""The cost :math:`J` of eq. (11) for a forward pass: mean BCE plus the L2 penalty.

        .. math::

            J = \frac{1}{m} \sum_{i=1}^{m} \operatorname{BCE}(y_i, z^{(L)}_i)
                + \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{(l)} \rVert_F^2

        Parameters
        ----------
        cache : ForwardCache
            From :meth:`forward` (with whatever dropout it applied).
        Y : array_like of {0, 1}
            Labels, shape (1, m) or (m,).
        lam : float, optional
            :math:`\lambda \ge 0` (default 0: no penalty).

        Returns
        -------
        float

        Examples
        --------
        >>> import numpy as np
        >>> net = MLP.from_params([np.zeros((1, 2))], [np.zeros((1, 1))])
        >>> round(net.cost(net.forward(np.ones((2, 4))), [1, 0, 1, 0]), 6)  # log 2
        0.693147
        """
        _check_cache(cache)
        Y = self._labels(Y, cache.m)
        m = cache.m
        return binary_cross_entropy_with_logits(Y, cache.logits) + l2_penalty(self.weights, lam, m)

    def loss(self, X: ArrayLike, Y: ArrayLike, lam: float = 0.0) -> float:
        r"""The cost :math:`J` on ``(X, Y)`` without dropout (evaluation mode).

        Parameters
        ----------
        X : array_like of float32 or float64
            Inputs, shape :math:`(n_0, m)`.
        Y : array_like of {0, 1}
            Labels, shape (1, m) or (m,).
        lam : float, optional
            :math:`\lambda \ge 0` (default 0: the data loss alone, the mean BCE).

        Returns
        -------
        float

        Examples
        --------
        >>> import numpy as np
        >>> net = MLP.from_params([np.array([[1.0, -1.0]])], [np.zeros((1, 1))])
        >>> round(net.loss(np.zeros((2, 3)), [0, 1, 1], lam=3.0), 6)  # log 2 + 3/(2*3) * 2
        1.693147
        """
        return self.cost(self.forward(X), Y, lam)

    def predict_proba(self, X: ArrayLike) -> np.ndarray:
        r""":math:`\hat Y = \sigma(Z^{(L)})`, the predicted :math:`P(y = 1 \mid x)`, no dropout.

        Parameters
        ----------
        X : array_like of float32 or float64
            Inputs, shape :math:`(n_0, m)`.

        Returns
        -------
        numpy.ndarray
            Shape (1, m), in the model's dtype.

        Examples
        --------
        >>> import numpy as np
        >>> net = MLP.from_params([np.array([[2.0]])], [np.zeros((1, 1))])
        >>> net.predict_proba(np.array([[0.0, 1000.0]])).tolist()
        [[0.5, 1.0]]
        """
        return self.forward(X).probabilities

    # -- backward -----------------------------------------------------------------------------

    def backward(self, cache: ForwardCache, Y: ArrayLike, lam: float = 0.0) -> Gradients:
        r"""Backpropagation through the cached forward pass, eqs. (12), (14) and (15).

        Parameters
        ----------
        cache : ForwardCache
            From :meth:`forward` on this model's current parameters.
        Y : array_like of {0, 1}
            Labels, shape (1, m) or (m,).
        lam : float, optional
            :math:`\lambda \ge 0` for the penalty's part :math:`(\lambda/m) W` of (12).

        Returns
        -------
        Gradients
            ``dW`` (the full gradient (12)), ``back`` (the data loss's part), ``db``.

        Examples
        --------
        >>> import numpy as np
        >>> net = MLP.from_params([np.array([[1.0, 2.0]])], [np.zeros((1, 1))])
        >>> X, Y = np.array([[1.0], [0.0]]), np.array([[1]])
        >>> grads = net.backward(net.forward(X), Y, lam=1.0)
        >>> np.round(grads.back[0], 4).tolist()  # (sigmoid(1) - 1) * x
        [[-0.2689, 0.0]]
        >>> np.round(grads.dW[0], 4).tolist()    # + (lam / m) W
        [[0.7311, 2.0]]
        """
        _check_cache(cache)
        if [Z.shape[0] for Z in cache.Z] != list(self.layer_sizes[1:]):
            raise ValueError(
                "cache must come from a forward pass of this model (layer sizes differ)"
            )
        Y = self._labels(Y, cache.m)
        lam = v.nonnegative(lam, "lam")
        return self._backward(cache, Y, lam)

    def _backward(self, cache: ForwardCache, Y: np.ndarray, lam: float) -> Gradients:
        m, L = cache.m, len(self.weights)
        A, Z, D, keep_prob = cache.A, cache.Z, cache.masks, cache.keep_prob
        back, db = [None] * L, [None] * L
        ones = np.ones((m, 1), Y.dtype)
        dZ = (A[L] - Y) / m  # dJ/dZ^(L): sigmoid and mean cross-entropy together
        for l in range(L, 0, -1):  # noqa: E741
            back[l - 1] = dZ @ A[l - 1].T  # back(W^(l)) = dZ^(l) A^(l-1)^T
            db[l - 1] = dZ @ ones  # db^(l) = dZ^(l) 1, the sum over the examples
            if l > 1:
                # np.dot, not @: on the output layer (n_L = 1) this is an outer product, which
                # np.dot computes about 4x faster than @ does, with the same bits
                dA = np.dot(self.weights[l - 1].T, dZ)  # eq. (14)
                if D[l - 2] is not None:
                    dA = dA * D[l - 2] / keep_prob  # eq. (15)
                dZ = dA * (Z[l - 2] > 0)  # relu'(Z^(l-1)) = 1[Z^(l-1) > 0]
        # dW (eq. 12) = back + (lam / m) W is computed on first use: a step needs only back
        return Gradients(back=tuple(back), db=tuple(db), lam=lam, m=m, weights=self.weights)

    def step(self, grads: Gradients, lr: float) -> None:
        r"""One gradient-descent step, eq. (13), as :func:`~mathreg.numeric.sgd_step` computes it.

        .. math::

            W^{(l)} \leftarrow \left(1 - \frac{\alpha\lambda}{m}\right) W^{(l)}
                - \alpha \operatorname{back}(W^{(l)}), \qquad
            b^{(l)} \leftarrow b^{(l)} - \alpha\, db^{(l)}

        with the :math:`\lambda` and :math:`m` that ``grads`` was computed with. Replaces
        ``weights`` and ``biases`` by new arrays.

        Parameters
        ----------
        grads : Gradients
            From :meth:`backward` on this model.
        lr : float
            Learning rate :math:`\alpha > 0`.

        Raises
        ------
        TypeError
            If ``grads`` is not :class:`Gradients` or ``lr`` is not a real number.
        ValueError
            If ``lr <= 0`` or is not finite, or ``grads`` does not match this model's layers.
        FloatingPointError
            If a new parameter would be NaN or inf: the training diverged. The model is left
            unchanged.

        Examples
        --------
        >>> import numpy as np
        >>> net = MLP.from_params([np.array([[1.0, 2.0]])], [np.zeros((1, 1))])
        >>> grads = net.backward(net.forward(np.zeros((2, 1))), [1], lam=1.0)
        >>> net.step(grads, lr=0.5)  # decay 1 - 0.5 * 1 / 1 = 0.5, back(W) = 0 at X = 0
        >>> net.weights[0].tolist(), net.biases[0].tolist()  # db = sigmoid(0) - 1 = -0.5
        ([[0.5, 1.0]], [[0.25]])
        """
        if not isinstance(grads, Gradients):
            raise TypeError(
                f"grads must be Gradients from MLP.backward, got {type(grads).__name__}"
            )
        lr = v.positive(lr, "lr")
        for name, params, grad in (
            ("weights", self.weights, grads.back),
            ("biases", self.biases, grads.db),
        ):
            got, want = [(g.shape, g.dtype) for g in grad], [(p.shape, p.dtype) for p in params]
            if got != want:
                raise ValueError(
                    f"grads must come from backward on this model: the {name} gradients' "
                    f"(shape, dtype) are {_describe(got)}, the {name}' {_describe(want)}"
                )
        try:
            self._step(grads, lr)
        except FloatingPointError as error:
            raise FloatingPointError(
                f"{error} in this step: the training diverged; try a smaller lr (lr={lr})"
            ) from None

    def _step(self, grads: Gradients, lr: float) -> None:
        # eq. (13) for the weights, a plain step for the biases (lam = 0: not penalised); the
        # parameters are this model's, so a NaN or inf in a result means divergence
        with np.errstate(all="ignore"):  # checked below, naming the parameter
            weights = tuple(
                _finite(textbook.sgd_step(W, g, lr, grads.lam, grads.m), f"weights[{i}]")
                for i, (W, g) in enumerate(zip(self.weights, grads.back, strict=True))
            )
            biases = tuple(
                _finite(textbook.sgd_step(b, g, lr, 0.0, grads.m), f"biases[{i}]")
                for i, (b, g) in enumerate(zip(self.biases, grads.db, strict=True))
            )
        self.weights, self.biases = weights, biases

    def fit(
        self,
        X: ArrayLike,
        Y: ArrayLike,
        *,
        lr: float,
        n_steps: int,
        lam: float = 0.0,
        keep_prob: float = 1.0,
        rng: np.random.Generator | None = None,
        batch_size: int | None = None,
    ) -> MLP:
        r"""Train: ``n_steps`` of forward, backward and :meth:`step`, on all data or minibatches.

        Each step is :meth:`step` on that step's examples, with :math:`m` their number (so the
        weight decay is :math:`1 - \alpha\lambda/m` for the batch's :math:`m`).

        Parameters
        ----------
        X : array_like of float32 or float64
            Training inputs, shape :math:`(n_0, m)`.
        Y : array_like of {0, 1}
            Training labels, shape (1, m) or (m,).
        lr : float
            Learning rate :math:`\alpha > 0`.
        n_steps : int
            Number of steps, :math:`\ge 1`.
        lam : float, optional
            L2 strength :math:`\lambda \ge 0` (default 0).
        keep_prob : float, optional
            Dropout keep probability in (0, 1] (default 1: no dropout).
        rng : numpy.random.Generator, optional
            Draws the dropout masks; required when ``keep_prob < 1``.
        batch_size : int, optional
            Examples per step, in :math:`[1, m]`. By default all :math:`m`: full-batch gradient
            descent. Otherwise minibatch SGD: step :math:`k` takes the next ``batch_size``
            columns of ``X`` in order, back to the first column after the last, and a pass
            over the data ends with a shorter batch when ``batch_size`` does not divide
            :math:`m`. Shuffle the columns of ``X`` beforehand for a random order.

        Returns
        -------
        MLP
            ``self``, trained in place.

        Raises
        ------
        TypeError, ValueError
            For bad arguments, as in :meth:`forward` and :meth:`backward`.
        FloatingPointError
            If the training diverges (an overflow or NaN), naming the step.

        Examples
        --------
        One pass over 10 examples in batches of 4 is 3 steps, on 4, 4 and 2 examples:

        >>> import numpy as np
        >>> rng = np.random.default_rng(0)
        >>> X, Y = rng.standard_normal((3, 10)), rng.integers(0, 2, (1, 10))
        >>> net = MLP([3, 4, 1], rng).fit(X, Y, lr=0.1, n_steps=3, batch_size=4)
        """
        X = self._inputs(X)
        m = X.shape[1]
        Y = self._labels(Y, m)
        batch = m if batch_size is None else v.positive_int(batch_size, "batch_size")
        if batch > m:
            raise ValueError(
                f"batch_size must be at most the number of examples m = {m}, got {batch}"
            )
        n_steps = v.positive_int(n_steps, "n_steps")
        lr = v.positive(lr, "lr")
        lam = v.nonnegative(lam, "lam")
        keep_prob = v.keep_probability(keep_prob)
        if keep_prob < 1.0:
            rng = v.generator(rng)
        starts = itertools.cycle(range(0, m, batch))  # endless: n_steps decides when to stop
        with np.errstate(over="raise", invalid="raise"):
            for k, start in zip(range(n_steps), starts, strict=False):
                Xb, Yb = X[:, start : start + batch], Y[:, start : start + batch]  # views
                try:
                    cache = self._forward(Xb, keep_prob, rng, None)
                    self._step(self._backward(cache, Yb, lam), lr)
                except FloatingPointError as error:
                    raise FloatingPointError(
                        f"training diverged at step {k} ({error}); try a smaller lr "
                        f"(lr={lr}, lam={lam}, keep_prob={keep_prob})"
                    ) from error
        return self

    # -- argument checks ----------------------------------------------------------------------

    def _inputs(self, X: ArrayLike) -> np.ndarray:
        X = v.float_array(X, "X", min_ndim=2)
        n0 = self.weights[0].shape[1]
        if X.ndim != 2 or X.shape[0] != n0:
            raise ValueError(
                f"X must have shape ({n0}, m): features in rows, examples in columns, got {X.shape}"
            )
        return X.astype(self.dtype, copy=False)

    def _labels(self, Y: ArrayLike, m: int) -> np.ndarray:
        Y = v.label_array(Y, "Y")
        if Y.shape not in ((1, m), (m,)):
            raise ValueError(f"Y must have shape (1, {m}) or ({m},) to match X, got {Y.shape}")
        return Y.reshape(1, m).astype(self.dtype)

    def _masks(self, masks: Sequence[ArrayLike | None], m: int) -> list[np.ndarray]:
        hidden = [(W.shape[0], m) for W in self.weights[:-1]]
        if len(masks) != len(hidden):
            raise ValueError(
                f"masks must hold {len(hidden)} masks, one per hidden layer, got {len(masks)}"
            )
        out = []
        for i, (D, shape) in enumerate(zip(masks, hidden, strict=True)):
            D = np.ones(shape, bool) if D is None else v.binary_mask_array(D, f"masks[{i}]")
            if D.shape != shape:
                raise ValueError(f"masks[{i}] must have shape {shape}, got {D.shape}")
            out.append(D.astype(bool, copy=False))  # 0/1 values: exact
        return out


def _finite(new: np.ndarray, name: str) -> np.ndarray:
    if not np.isfinite(new).all():
        raise FloatingPointError(f"{name} became NaN or inf")
    return new


def _describe(pairs: list[tuple[tuple[int, ...], np.dtype]]) -> str:
    return "[" + ", ".join(f"({shape}, {dtype})" for shape, dtype in pairs) + "]"


def _check_cache(cache: object) -> None:
    if not isinstance(cache, ForwardCache):
        raise TypeError(
            f"cache must be a ForwardCache from MLP.forward, got {type(cache).__name__}"
        )


def _layer_sizes(layer_sizes: Sequence[int]) -> tuple[int, ...]:
    if not isinstance(layer_sizes, Sequence) or isinstance(layer_sizes, (str, bytes)):
        raise TypeError(
            f"layer_sizes must be a sequence of integers, got {type(layer_sizes).__name__}"
        )
    if len(layer_sizes) < 2:
        raise ValueError(
            "layer_sizes must list at least the input size and the output size, "
            f"got {layer_sizes!r}"
        )
    sizes = tuple(v.positive_int(n, f"layer_sizes[{i}]") for i, n in enumerate(layer_sizes))
    if sizes[-1] != 1:
        raise ValueError(
            f"layer_sizes[-1] must be 1 (one sigmoid output for binary labels), got {sizes[-1]}"
        )
    return sizes


def _float_dtype(dtype: DTypeLike) -> np.dtype:
    try:
        dt = np.dtype(dtype)
    except TypeError as error:
        raise TypeError(f"dtype must be float32 or float64, got {dtype!r}") from error
    if dt not in v.FLOAT_DTYPES:
        raise TypeError(f"dtype must be float32 or float64, got {dt}")
    return dt
