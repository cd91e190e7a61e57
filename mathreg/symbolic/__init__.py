"""The lecture note's derivations, each a checkable :class:`~mathreg.proof.Derivation`.

``DERIVATIONS`` maps a name to a zero-argument function that builds the derivation, in the
book's order. It is built from the topic registry (:data:`mathreg.topics.TOPICS`): a new
derivation is registered there, with its topic, not here.

Examples
--------
>>> from mathreg.topics import TOPICS
>>> list(DERIVATIONS) == [d.name for topic in TOPICS for d in topic.derivations]
True
>>> DERIVATIONS["weight-decay"]().check()
"""

from collections.abc import Callable

from mathreg.proof import Derivation
from mathreg.topics import TOPICS

__all__ = ["DERIVATIONS"]


def _registry() -> dict[str, Callable[[], Derivation]]:
    registry: dict[str, Callable[[], Derivation]] = {}
    for topic in TOPICS:
        for entry in topic.derivations:
            if entry.name in registry:
                raise ValueError(f"derivation {entry.name!r} is registered twice")
            registry[entry.name] = entry.load()
    return registry


DERIVATIONS: dict[str, Callable[[], Derivation]] = _registry()
