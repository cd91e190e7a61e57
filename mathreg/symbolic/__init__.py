"""The lecture note's derivations, each a checkable :class:`~mathreg.proof.Derivation`.

``DERIVATIONS`` maps a name to a zero-argument function that builds the derivation, in the
note's order.

Examples
--------
>>> list(DERIVATIONS)
['cross-entropy', 'map', 'l2', 'weight-decay', 'dropout', 'dropout-backward',
 'bias-variance', 'ridge', 'ridge-direction', 'l1', 'soft-threshold',
 'noise-injection', 'dropout-linear', 'early-stopping', 'early-stopping-lambda', 'sgd-l2',
 'adam-l2', 'adamw-match', 'gaussian-mse', 'gaussian-variance', 'softmax-cross-entropy',
 'softmax-two-classes']
>>> DERIVATIONS["weight-decay"]().check()
"""

from collections.abc import Callable

from mathreg.proof import Derivation
from mathreg.symbolic.bayes import map_estimate
from mathreg.symbolic.bias_variance import bias_variance
from mathreg.symbolic.decoupled_weight_decay import adam_l2, adamw_match, sgd_l2
from mathreg.symbolic.dropout import dropout, dropout_backward
from mathreg.symbolic.dropout_linear import dropout_linear
from mathreg.symbolic.early_stopping import early_stopping, early_stopping_lambda
from mathreg.symbolic.gaussian_mse import gaussian_mse, gaussian_variance
from mathreg.symbolic.l1 import l1_from_prior, soft_threshold
from mathreg.symbolic.l2 import l2_from_prior
from mathreg.symbolic.likelihood import cross_entropy
from mathreg.symbolic.noise_injection import noise_injection
from mathreg.symbolic.ridge import ridge, ridge_direction
from mathreg.symbolic.softmax import softmax_cross_entropy, softmax_two_classes
from mathreg.symbolic.weight_decay import weight_decay

__all__ = ["DERIVATIONS"]

DERIVATIONS: dict[str, Callable[[], Derivation]] = {
    "cross-entropy": cross_entropy,
    "map": map_estimate,
    "l2": l2_from_prior,
    "weight-decay": weight_decay,
    "dropout": dropout,
    "dropout-backward": dropout_backward,
    "bias-variance": bias_variance,
    "ridge": ridge,
    "ridge-direction": ridge_direction,
    "l1": l1_from_prior,
    "soft-threshold": soft_threshold,
    "noise-injection": noise_injection,
    "dropout-linear": dropout_linear,
    "early-stopping": early_stopping,
    "early-stopping-lambda": early_stopping_lambda,
    "sgd-l2": sgd_l2,
    "adam-l2": adam_l2,
    "adamw-match": adamw_match,
    "gaussian-mse": gaussian_mse,
    "gaussian-variance": gaussian_variance,
    "softmax-cross-entropy": softmax_cross_entropy,
    "softmax-two-classes": softmax_two_classes,
}
