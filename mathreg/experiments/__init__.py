"""Small, seeded experiments behind the site's figures: underfitting, overfitting, and the cure.

Registry contract (used by ``python -m mathreg experiment NAME`` and by the site build):

``EXPERIMENTS[name]`` is a function ``run(*, seed=0, progress=None)`` returning a result with

- ``.title``: one line;
- ``.table()``: the numbers as plain text;
- ``.figure()``: a :class:`matplotlib.figure.Figure` (made without pyplot), to be written with
  :func:`save_figure` for byte-for-byte reproducible files.

``progress``, when given, wraps the iterable of swept values (``tqdm.tqdm`` fits). The first line
of each function's docstring is its one-line description. The same seed gives the same numbers.
A sweep runs on ``N_SEEDS`` seeds from ``seed`` on, and reports the median and range over them
(:class:`SweepResult`); a result may also offer ``.narrow_figure()``, its panels one above the
other for a phone.

``EXPERIMENTS`` is built from the topic registry (:data:`mathreg.topics.TOPICS`), in the book's
order: a new experiment is registered there, with the topic whose page shows its figure.

Examples
--------
>>> from mathreg.topics import TOPICS
>>> list(EXPERIMENTS) == [e.name for topic in TOPICS for e in topic.experiments]
True
>>> result = EXPERIMENTS["capacity"](seed=0)
>>> print(result.table().splitlines()[0])
degree   train  validation     (min           max)        gap
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from mathreg.experiments._plotting import save_figure
from mathreg.experiments._result import SweepResult
from mathreg.experiments.boundaries import BoundariesResult
from mathreg.experiments.weight_norms import WeightsResult
from mathreg.topics import TOPICS, load

if TYPE_CHECKING:  # matplotlib is imported only when a figure is drawn
    from matplotlib.figure import Figure


class Result(Protocol):
    """What every experiment returns."""

    @property
    def title(self) -> str: ...

    def table(self) -> str: ...

    def figure(self) -> Figure: ...


def _registry() -> dict[str, Callable[..., Result]]:
    registry: dict[str, Callable[..., Result]] = {}
    for topic in TOPICS:
        for experiment in topic.experiments:
            if experiment.name in registry:
                raise ValueError(f"experiment {experiment.name!r} is registered twice")
            registry[experiment.name] = load(experiment.run)
    return registry


EXPERIMENTS: dict[str, Callable[..., Result]] = _registry()

__all__ = [
    "EXPERIMENTS",
    "BoundariesResult",
    "Result",
    "SweepResult",
    "WeightsResult",
    "save_figure",
]
