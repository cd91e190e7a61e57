r"""The note's formulas as NumPy code: one function per equation, each beside its derivative.

Read these to see what is computed. Each function is its equation, line for line: every
operator makes a new array, and nothing is checked, because a check would hide the formula.
The arguments must be valid (what each function's parameters say): the functions of the same
names in :mod:`mathreg.numeric` check them, raise for bad input, and compute the same thing,
faster where it matters (:mod:`mathreg.numeric.fast`). The tests check that the two agree: bit
for bit where the operations are the same, to rounding where a sum is added in another order.
The one exception is the dropout mask, which :func:`mathreg.numeric.dropout_forward` draws from
raw random bits: the same distribution, another sample.

A forward step and its derivative sit side by side, as in micrograd's ``engine.py``: the
penalty (11) and its gradient (12), dropout and its backward pass (15); the derivative of each
activation and loss is noted beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = [
    "bernoulli_log_likelihood",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "dropout_backward",
    "dropout_forward",
    "l2_gradient",
    "l2_penalty",
    "relu",
    "sgd_step",
    "sigmoid",
]


# -- activations --------------------------------------------------------------------------------


def relu(z: np.ndarray) -> np.ndarray:
    r"""The rectified linear unit, relu(z) = max(z, 0), elementwise.

    Its derivative, what the backward pass multiplies by, is :math:`\mathbb{1}[z > 0]` (taken
    as 0 at :math:`z = 0`).

    Parameters
    ----------
    z : numpy.ndarray of float32 or float64
        Pre-activations.

    Returns
    -------
    numpy.ndarray
        Same shape and dtype.
    """
    return np.maximum(z, 0)  # d/dz: 1[z > 0]


def sigmoid(z: np.ndarray) -> np.ndarray:
    r"""The logistic function σ(z) = 1 / (1 + exp(-z)), in a form that never overflows.

    .. math::

        \sigma(z) =
        \begin{cases}
            1 / (1 + e^{-|z|}) & z \ge 0 \\
            e^{-|z|} / (1 + e^{-|z|}) & z < 0
        \end{cases}
        \qquad \sigma'(z) = \sigma(z) \left(1 - \sigma(z)\right)

    Parameters
    ----------
    z : numpy.ndarray of float32 or float64
        Finite logits.

    Returns
    -------
    numpy.ndarray
        :math:`\sigma(z) \in [0, 1]`, same shape and dtype.
    """
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))  # d/dz: sigmoid(z) * (1 - sigmoid(z))


# -- the likelihood and the cross-entropy, eqs. (3), (5) and (10) -------------------------------


def bernoulli_log_likelihood(y: np.ndarray, y_hat: np.ndarray) -> float:
    r"""The log-likelihood of hard labels under predicted probabilities, eq. (3).

    .. math::

        \log P(Y \mid \theta, X) = \sum_{i=1}^{m}
            \big[y_i \log \hat y_i + (1 - y_i) \log(1 - \hat y_i)\big]

    with :math:`0 \log 0 = 0`: each example keeps exactly one of the two terms, so the other is
    never evaluated. A label given probability 0 contributes :math:`\log 0 = -\infty`, the
    exact value.

    Parameters
    ----------
    y : numpy.ndarray of {0, 1}
        Labels, one per example.
    y_hat : numpy.ndarray of float32 or float64
        :math:`\hat y_i = P(y_i = 1 \mid \theta, x_i)` in [0, 1], same shape.

    Returns
    -------
    float
        :math:`\le 0`, possibly ``-inf``.
    """
    with np.errstate(divide="ignore"):  # log 0 = -inf is the value, not an error
        terms = np.where(y == 1, np.log(y_hat), np.log1p(-y_hat))  # the term each example keeps
    return float(np.sum(terms))


def binary_cross_entropy(y: np.ndarray, y_hat: np.ndarray) -> float:
    r"""The mean binary cross-entropy: eq. (5), the negative log-likelihood, divided by m.

    .. math::

        L(y, \hat y) = -\frac{1}{m} \sum_{i=1}^{m}
            \big[y_i \log \hat y_i + (1 - y_i) \log(1 - \hat y_i)\big],
        \qquad
        \frac{\partial L}{\partial \hat y_i} = \frac{\hat y_i - y_i}{m \, \hat y_i (1 - \hat y_i)}

    Parameters
    ----------
    y : numpy.ndarray of {0, 1}
        Labels, one per example (:math:`m` = ``y.size``).
    y_hat : numpy.ndarray of float32 or float64
        Predicted probabilities in [0, 1], same shape.

    Returns
    -------
    float
        :math:`\ge 0`, possibly ``inf``.
    """
    return -bernoulli_log_likelihood(y, y_hat) / y.size


def binary_cross_entropy_with_logits(y: np.ndarray, z: np.ndarray) -> float:
    r"""The mean binary cross-entropy (10) at ŷ = σ(z), computed from the logits z.

    Per example, :math:`-y \log \sigma(z) - (1 - y) \log(1 - \sigma(z)) = \log(1 + e^{z}) - y z`,
    written in the form that never overflows:

    .. math::

        L(y, z) = \frac{1}{m} \sum_{i=1}^{m}
            \max(z_i, 0) - z_i y_i + \log\left(1 + e^{-|z_i|}\right),
        \qquad \frac{\partial L}{\partial z_i} = \frac{\sigma(z_i) - y_i}{m}

    Parameters
    ----------
    y : numpy.ndarray of {0, 1}
        Labels, one per example (:math:`m` = ``y.size``).
    z : numpy.ndarray of float32 or float64
        Finite logits, same shape.

    Returns
    -------
    float
        Finite and :math:`\ge 0`.
    """
    y = y.astype(z.dtype)
    terms = np.maximum(z, 0) - z * y + np.log1p(np.exp(-np.abs(z)))
    return float(np.mean(terms))  # d/dz: (sigmoid(z) - y) / m


# -- the L2 penalty and weight decay, eqs. (11)-(13) --------------------------------------------


def l2_penalty(weights: Sequence[np.ndarray], lam: float, m: int) -> float:
    r"""The L2 penalty of eq. (11): λ/(2m) times the sum of the squared weights.

    .. math::

        R(W^{(1)}, \dots, W^{(L)}) = \frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{(l)} \rVert_F^2

    The squares are added in float64, also for float32 weights (whose squares are exact there).
    Its gradient in :math:`W^{(l)}` is :func:`l2_gradient`.

    Parameters
    ----------
    weights : sequence of numpy.ndarray of float32 or float64
        The layers' weight matrices.
    lam : float
        :math:`\lambda \ge 0`.
    m : int
        The number of examples, :math:`m \ge 1`.

    Returns
    -------
    float
    """
    squared_norms = sum(float(np.sum(np.square(W, dtype=np.float64))) for W in weights)
    return lam / (2 * m) * squared_norms  # d/dW: lam / m * W, l2_gradient


def l2_gradient(W: np.ndarray, lam: float, m: int) -> np.ndarray:
    r"""The gradient of the L2 penalty in one weight matrix, the penalty's part of eq. (12).

    .. math::

        \frac{\partial}{\partial W^{(l)}} \frac{\lambda}{2m} \sum_{k} \lVert W^{(k)} \rVert_F^2
        = \frac{\lambda}{m} W^{(l)}

    Parameters
    ----------
    W : numpy.ndarray of float32 or float64
        One layer's weights.
    lam : float
        :math:`\lambda \ge 0`.
    m : int
        The number of examples, :math:`m \ge 1`.

    Returns
    -------
    numpy.ndarray
        Same shape and dtype as ``W``.
    """
    return (lam / m) * W


def sgd_step(W: np.ndarray, grad: np.ndarray, lr: float, lam: float, m: int) -> np.ndarray:
    r"""One gradient-descent step on the L2-regularized cost: weight decay, eq. (13).

    .. math::

        W \leftarrow \left(1 - \frac{\alpha\lambda}{m}\right) W - \alpha \operatorname{back}(W)

    which is :math:`W - \alpha \left(\operatorname{back}(W) + \frac{\lambda}{m} W\right)`, a step
    along the gradient (12).

    Parameters
    ----------
    W : numpy.ndarray of float32 or float64
        The weights.
    grad : numpy.ndarray, same shape and dtype
        :math:`\operatorname{back}(W)`, the gradient of the data loss alone.
    lr : float
        The learning rate :math:`\alpha > 0`.
    lam : float
        :math:`\lambda \ge 0` (0: plain gradient descent).
    m : int
        The number of examples, :math:`m \ge 1`.

    Returns
    -------
    numpy.ndarray
        The new weights, a new array.
    """
    return (1.0 - lr * lam / m) * W - lr * grad


# -- inverted dropout, eq. (15) -----------------------------------------------------------------


def dropout_forward(
    A: np.ndarray, keep_prob: float, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    r"""Inverted dropout: keep each unit with probability keep_prob, rescale the kept ones.

    .. math::

        D_{jk} = \mathbb{1}\left[U_{jk} < \text{keep\_prob}\right], \quad
        U_{jk} \sim \mathcal{U}(0, 1), \qquad
        \text{output} = \frac{A \circ D}{\text{keep\_prob}}

    so that :math:`\mathbb{E}[\text{output}] = A`. The backward pass, :func:`dropout_backward`,
    multiplies by the same :math:`D / \text{keep\_prob}`.

    Parameters
    ----------
    A : numpy.ndarray of float32 or float64
        Activations, each entry one unit of one example.
    keep_prob : float
        The probability of keeping a unit, in (0, 1].
    rng : numpy.random.Generator
        Draws :math:`U`.

    Returns
    -------
    output : numpy.ndarray
        Same shape and dtype as ``A``.
    D : numpy.ndarray of bool
        The mask: True where the unit is kept.
    """
    U = rng.random(A.shape, dtype=A.dtype)
    D = U < keep_prob
    return A * D / keep_prob, D  # d/dA: D / keep_prob, elementwise


def dropout_backward(dA: np.ndarray, D: np.ndarray, keep_prob: float) -> np.ndarray:
    r"""Backpropagation through dropout, eq. (15): the forward pass's mask and rescaling again.

    .. math::

        dA^{(l)} \leftarrow \frac{dA^{(l)} \circ D^{(l)}}{\text{keep\_prob}}

    Parameters
    ----------
    dA : numpy.ndarray of float32 or float64
        The gradient in the dropout's output.
    D : numpy.ndarray of bool, or of 0/1 floats
        The mask :func:`dropout_forward` returned, same shape.
    keep_prob : float
        The forward pass's keep probability, in (0, 1].

    Returns
    -------
    numpy.ndarray
        The gradient in the dropout's input, same shape and dtype as ``dA``.
    """
    D = D.astype(dA.dtype, copy=False)  # 0/1 in dA's dtype (a float64 mask must not promote)
    return dA * D / keep_prob


# -- beyond the note: Adam and AdamW, softmax, Gaussian noise -----------------------------------
# (issue 14: the "In practice" topics; kept together so that other additions merge apart)

__all__ += [
    "adam_decay_factor",
    "adam_step",
    "gaussian_negative_log_likelihood",
    "mean_squared_error",
    "noise_variance",
    "softmax",
    "softmax_cross_entropy_gradient",
    "softmax_cross_entropy_with_logits",
]


def adam_step(
    W: np.ndarray,
    grad: np.ndarray,
    state: tuple[int, np.ndarray, np.ndarray],
    lr: float,
    lam: float,
    m: int,
    decoupled: bool,
    beta1: float,
    beta2: float,
    eps: float,
) -> tuple[np.ndarray, tuple[int, np.ndarray, np.ndarray]]:
    r"""One step of Adam with an L2 term in the gradient, or of AdamW with decoupled decay.

    .. math::

        g \leftarrow \operatorname{back}(W) + \tfrac{\lambda}{m} W \ \text{(Adam + L2)}
        \quad\text{or}\quad
        W \leftarrow \big(1 - \tfrac{\alpha\lambda}{m}\big) W \ \text{(AdamW)}

    .. math::

        t \leftarrow t + 1, \quad
        m_1 \leftarrow \beta_1 m_1 + (1 - \beta_1) g, \quad
        m_2 \leftarrow \beta_2 m_2 + (1 - \beta_2) g^2

    .. math::

        \hat m = \frac{m_1}{1 - \beta_1^t}, \quad \hat v = \frac{m_2}{1 - \beta_2^t}, \quad
        W \leftarrow W - \alpha \frac{\hat m}{\sqrt{\hat v} + \epsilon}

    Parameters
    ----------
    W, grad : numpy.ndarray of float32 or float64
        The weights and :math:`\operatorname{back}(W)`, the data loss's gradient.
    state : (int, numpy.ndarray, numpy.ndarray)
        :math:`(t, m_1, m_2)`: steps taken and the two moment averages; ``(0, 0, 0)`` to start.
    lr, lam, m, decoupled, beta1, beta2, eps
        :math:`\alpha > 0`, :math:`\lambda \ge 0`, :math:`m \ge 1`, AdamW or Adam + L2,
        :math:`\beta_1, \beta_2 \in [0, 1)`, :math:`\epsilon > 0`.

    Returns
    -------
    (numpy.ndarray, (int, numpy.ndarray, numpy.ndarray))
        The new weights and the new state, new arrays.
    """
    step, exp_avg, exp_avg_sq = state
    if decoupled:
        W = (1.0 - lr * lam / m) * W  # AdamW: the decay, whatever the gradient
    else:
        grad = grad + (lam / m) * W  # Adam + L2: the penalty's gradient joins the data's, (12)
    step = step + 1
    exp_avg = beta1 * exp_avg + (1 - beta1) * grad
    exp_avg_sq = beta2 * exp_avg_sq + (1 - beta2) * grad**2
    m_hat = exp_avg / (1 - beta1**step)  # bias-corrected moments
    v_hat = exp_avg_sq / (1 - beta2**step)
    return W - lr * m_hat / (np.sqrt(v_hat) + eps), (step, exp_avg, exp_avg_sq)


def adam_decay_factor(
    v_hat: np.ndarray, lr: float, lam: float, m: int, decoupled: bool, eps: float
) -> np.ndarray:
    r"""The factor each weight is multiplied by through the penalty, per coordinate, [R12].

    .. math::

        1 - \frac{\alpha\lambda/m}{\sqrt{\hat v} + \epsilon} \ \text{(Adam + L2)},
        \qquad 1 - \frac{\alpha\lambda}{m} \ \text{(AdamW, every coordinate)}

    Parameters
    ----------
    v_hat : numpy.ndarray of float32 or float64
        The bias-corrected second moment :math:`\hat v \ge 0`.
    lr, lam, m, decoupled, eps
        As in :func:`adam_step`.

    Returns
    -------
    numpy.ndarray
        Same shape and dtype as ``v_hat``.
    """
    if decoupled:
        return np.full_like(v_hat, 1.0 - lr * lam / m)
    return 1.0 - (lr * lam / m) / (np.sqrt(v_hat) + eps)


def softmax(Z: np.ndarray) -> np.ndarray:
    r"""The softmax of each column of logits, :math:`p_k = e^{z_k} / \sum_l e^{z_l}`.

    Subtracting each column's largest logit first changes nothing (numerator and denominator
    are both multiplied by :math:`e^{-\max_l z_l}`) and keeps every exponential in (0, 1].

    Parameters
    ----------
    Z : numpy.ndarray of float32 or float64
        Logits, shape (K, m): classes × examples.

    Returns
    -------
    numpy.ndarray
        Probabilities, same shape and dtype; each column sums to 1.
    """
    E = np.exp(Z - Z.max(axis=0))  # the largest entry of each column is e^0 = 1
    return E / E.sum(axis=0)


def softmax_cross_entropy_with_logits(Y: np.ndarray, Z: np.ndarray) -> float:
    r"""The mean cross-entropy of one-hot labels under the softmax of the logits, [R16].

    .. math::

        L = \frac1m \sum_{i=1}^m \Big( -\sum_k y_{ki} z_{ki} + \log \sum_l e^{z_{li}} \Big),
        \qquad \frac{\partial L}{\partial z_{ki}} = \frac{p_{ki} - y_{ki}}{m}

    with the log-sum-exp evaluated after subtracting each column's largest logit, whose
    :math:`e^0 = 1` is then added by ``log1p``: :math:`\log\sum_l e^{z_l - \max z} =
    \operatorname{log1p}\big(\sum_{l \ne \arg\max} e^{z_l - \max z}\big)`, exact also when the
    sum is tiny (a confident, right prediction).

    Parameters
    ----------
    Y : numpy.ndarray
        One-hot labels, shape (K, m), in the dtype of ``Z``.
    Z : numpy.ndarray of float32 or float64
        Logits, shape (K, m).

    Returns
    -------
    float
    """
    m = Z.shape[1]
    shifted = Z - Z.max(axis=0)  # the largest logit of each column becomes 0
    E = np.exp(shifted)
    E[Z.argmax(axis=0), np.arange(m)] = 0  # its e^0 = 1 is added by log1p below
    log_p = shifted - np.log1p(E.sum(axis=0))  # log softmax: every entry <= 0
    return float(-np.sum(Y * log_p) / m)  # d/dZ: (softmax(Z) - Y) / m


def softmax_cross_entropy_gradient(Y: np.ndarray, Z: np.ndarray) -> np.ndarray:
    r"""The gradient of :func:`softmax_cross_entropy_with_logits` in the logits, [R16].

    .. math::

        \frac{\partial L}{\partial Z} = \frac{\operatorname{softmax}(Z) - Y}{m}

    Parameters
    ----------
    Y, Z : numpy.ndarray
        As in :func:`softmax_cross_entropy_with_logits`.

    Returns
    -------
    numpy.ndarray
        Shape (K, m), the dtype of ``Z``.
    """
    return (softmax(Z) - Y) / Z.shape[1]


def mean_squared_error(y: np.ndarray, y_hat: np.ndarray) -> float:
    r"""The mean squared error :math:`\frac1m \sum_i (y_i - \hat y_i)^2`, [R14].

    Parameters
    ----------
    y, y_hat : numpy.ndarray of float32 or float64
        Targets and predictions, same shape.

    Returns
    -------
    float
    """
    return float(np.mean((y - y_hat) ** 2))


def gaussian_negative_log_likelihood(y: np.ndarray, y_hat: np.ndarray, variance: float) -> float:
    r"""The mean negative log-likelihood of targets :math:`y_i \sim \mathcal N(\hat y_i, \sigma^2)`.

    .. math::

        -\frac1m \log \prod_{i=1}^m \frac{1}{\sqrt{2\pi\sigma^2}}
            e^{-(y_i - \hat y_i)^2 / (2\sigma^2)}
        = \frac12 \log(2\pi\sigma^2) + \frac{1}{2\sigma^2} \cdot \frac1m \sum_i (y_i - \hat y_i)^2

    For a fixed :math:`\sigma^2` it is the mean squared error, scaled and shifted: the same
    minimiser, [R14].

    Parameters
    ----------
    y, y_hat : numpy.ndarray of float32 or float64
        Targets and predictions, same shape.
    variance : float
        :math:`\sigma^2 > 0`.

    Returns
    -------
    float
    """
    return float(0.5 * np.log(2 * np.pi * variance) + mean_squared_error(y, y_hat) / (2 * variance))


def noise_variance(y: np.ndarray, y_hat: np.ndarray, n_params: int) -> float:
    r"""The noise variance estimated from the residuals, :math:`S / (m - p)`, [R15].

    .. math::

        \hat\sigma^2 = \frac{1}{m - p} \sum_{i=1}^m (y_i - \hat y_i)^2

    :math:`p = 0` gives the maximum-likelihood estimate, the mean squared residual [R15];
    :math:`p` = the number of fitted parameters of a linear model gives the unbiased one.

    Parameters
    ----------
    y, y_hat : numpy.ndarray of float32 or float64
        Targets and predictions, same shape, :math:`m` entries.
    n_params : int
        :math:`p`, with :math:`0 \le p < m`.

    Returns
    -------
    float
    """
    return float(np.sum((y - y_hat) ** 2) / (y.size - n_params))
