"""Griffe extension: the API page lists the topics' functions first, in the book's order.

The API page documents :mod:`mathreg.numeric` with ``members_order: __all__``. This extension
(listed by import path under the python handler's ``extensions`` in ``mkdocs.yml``, so both
MkDocs and Zensical apply it) reorders the package's exports as griffe sees them, for the
documentation only: first the numeric functions that the topic registry pairs with proved
results (:mod:`mathreg.topics`), topic by topic, then the rest of ``__all__`` in its order. A
new topic's functions thus appear on the API page without editing it. The module itself is
not changed.
"""

from __future__ import annotations

import griffe

from mathreg.topics import TOPICS

DOCUMENTED = "numeric"  # the subpackage of mathreg whose exports are reordered


def registry_order(exports: list[str]) -> list[str]:
    """``exports`` with the registry's numeric functions first, in the book's order.

    Examples
    --------
    >>> registry_order(["relu", "sgd_step", "l2_penalty", "binary_cross_entropy"])
    ['binary_cross_entropy', 'l2_penalty', 'sgd_step', 'relu']
    """
    registered = [a.numeric for topic in TOPICS for a in topic.agreements]
    first = [name for name in dict.fromkeys(registered) if name in exports]
    return first + [name for name in exports if name not in first]


class RegistryOrder(griffe.Extension):
    """Reorder ``mathreg.numeric``'s exports by :func:`registry_order` once it is loaded."""

    def on_package(self, *, pkg: griffe.Module, **kwargs) -> None:
        if pkg.name != "mathreg" or DOCUMENTED not in pkg.members:
            return
        module = pkg.members[DOCUMENTED]
        if module.exports is not None:
            module.exports = registry_order([str(name) for name in module.exports])
