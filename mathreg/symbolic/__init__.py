"""The lecture note's derivations, each a checkable :class:`~mathreg.proof.Derivation`.

``DERIVATIONS`` maps a name to a zero-argument function that builds the derivation, in the
note's order.

Examples
--------
>>> list(DERIVATIONS)
['cross-entropy', 'map', 'l2', 'weight-decay', 'dropout', 'dropout-backward',
 'bias-variance', 'ridge']
>>> DERIVATIONS["weight-decay"]().check()
"""

from collections.abc import Callable

from mathreg.proof import Derivation
from mathreg.symbolic.bayes import map_estimate
from mathreg.symbolic.bias_variance import bias_variance
from mathreg.symbolic.dropout import dropout, dropout_backward
from mathreg.symbolic.l2 import l2_from_prior
from mathreg.symbolic.likelihood import cross_entropy
from mathreg.symbolic.ridge import ridge
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
}
