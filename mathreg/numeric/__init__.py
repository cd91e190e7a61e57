r"""NumPy implementations of the note's results, one module per idea.

- ``textbook``: the note's formulas as code, one function per equation, unchecked: what the
  pages show, and what the functions below are tested against;
- ``losses``: Bernoulli log-likelihood (3), binary cross-entropy (5)/(10), stable BCE from
  logits;
- ``penalties``: the L2 penalty (11) and its gradient, the penalty's part of (12);
- ``optim``: one gradient-descent step with weight decay (13), into a new array or in place;
- ``dropout``: inverted dropout, its mask, forward and backward (15);
- ``activations``: ReLU and a stable sigmoid;
- ``mlp``: a small MLP with forward, backward (14)-(15), cost and training;
- ``adam``, ``multiclass``, ``gaussian``, ``model_selection`` (beyond the note, "In practice"):
  Adam + L2 and AdamW, softmax cross-entropy, the Gaussian likelihood's squared error and noise
  variance, k-fold cross-validation;
- ``bias_variance``: the bias–variance decomposition [R1], measured over refitted models;
- ``ridge``: ridge regression [R2] and its shrinkage per eigen-direction [R3];
- ``lasso``: soft-thresholding [R5] and the lasso by coordinate descent;
- ``noise_injection``: the expected squared error under input noise [R6];
- ``dropout_linear``: the expected squared error under inverted input dropout [R7];
- ``early_stopping``: the gradient-descent path whose early stop acts like ridge [R8];
- ``fast``: the kernels behind the public functions of ``losses``, ``penalties``, ``optim`` and
  ``dropout``: the textbook's formulas in fewer passes over memory, tested equal to them.

Each public function checks its arguments, then computes its ``textbook`` formula, or the
``fast`` kernel tested equal to it.

Conventions (the site's Notation page lists them all): ``m`` examples, ``lam`` for
:math:`\lambda`, ``lr`` for :math:`\alpha`, ``keep_prob`` the probability of *keeping* a unit;
weights have shape (n_out, n_in) and activations (features, examples). The linear models
(ridge, lasso, noise, dropout and early stopping on a linear model) instead take ``X`` of shape
(m, d), one row per example, as regression texts and scikit-learn do, ``y`` of shape (m,) and
weights ``w`` of shape (d,). Functions return new
arrays and never modify their inputs, but those whose name ends in ``_`` (:func:`sgd_step_`),
which update their first argument in place; randomness comes from an explicit
:class:`numpy.random.Generator`.
Every public function checks its arguments and raises ``TypeError``/``ValueError`` naming the
argument and its valid range.
"""

from mathreg.numeric.activations import relu, sigmoid
from mathreg.numeric.adam import AdamState, adam_decay_factor, adam_step
from mathreg.numeric.bias_variance import BiasVariance, bias_variance_decomposition
from mathreg.numeric.dropout import dropout_backward, dropout_forward, dropout_mask
from mathreg.numeric.dropout_linear import expected_dropout_loss
from mathreg.numeric.early_stopping import gradient_descent_path
from mathreg.numeric.gaussian import (
    gaussian_negative_log_likelihood,
    mean_squared_error,
    noise_variance,
)
from mathreg.numeric.lasso import ConvergenceError, lasso_fit, soft_threshold
from mathreg.numeric.losses import (
    bernoulli_log_likelihood,
    binary_cross_entropy,
    binary_cross_entropy_with_logits,
)
from mathreg.numeric.mlp import MLP, ForwardCache, Gradients
from mathreg.numeric.model_selection import CrossValidation, cross_validate, k_folds
from mathreg.numeric.multiclass import (
    softmax,
    softmax_cross_entropy_gradient,
    softmax_cross_entropy_with_logits,
)
from mathreg.numeric.noise_injection import expected_noisy_loss
from mathreg.numeric.optim import sgd_step, sgd_step_
from mathreg.numeric.penalties import l2_gradient, l2_penalty
from mathreg.numeric.ridge import ridge_fit, ridge_shrinkage

__all__ = [
    "MLP",
    "BiasVariance",
    "ConvergenceError",
    "ForwardCache",
    "Gradients",
    "bernoulli_log_likelihood",
    "bias_variance_decomposition",
    "binary_cross_entropy",
    "binary_cross_entropy_with_logits",
    "dropout_backward",
    "dropout_forward",
    "dropout_mask",
    "expected_dropout_loss",
    "expected_noisy_loss",
    "gradient_descent_path",
    "l2_gradient",
    "l2_penalty",
    "lasso_fit",
    "relu",
    "ridge_fit",
    "ridge_shrinkage",
    "sgd_step",
    "sgd_step_",
    "sigmoid",
    "soft_threshold",
]
# beyond the note, "In practice" (issue 14)
__all__ += [
    "AdamState",
    "CrossValidation",
    "adam_decay_factor",
    "adam_step",
    "cross_validate",
    "gaussian_negative_log_likelihood",
    "k_folds",
    "mean_squared_error",
    "noise_variance",
    "softmax",
    "softmax_cross_entropy_gradient",
    "softmax_cross_entropy_with_logits",
]
