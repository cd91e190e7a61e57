r"""The book's exercises: one module per topic, named after the topic's key (``weight-decay``
→ ``weight_decay.py``), each defining a tuple ``EXERCISES`` of
:class:`~mathreg.exercises.record.Exercise`.

The modules are found from the topic registry (:data:`mathreg.topics.TOPICS`), in its order,
so adding an exercise is adding one record to its topic's module, and a new topic gets
exercises by adding its module here.
"""

from __future__ import annotations

import importlib

from mathreg.exercises.record import Exercise

__all__ = ["collect", "module_name"]


def module_name(topic_key: str) -> str:
    """The module holding a topic's exercises."""
    return f"{__name__}.{topic_key.replace('-', '_')}"


def collect() -> dict[str, Exercise]:
    """Every exercise, by name, in the registry's order of topics.

    Raises
    ------
    ValueError
        If two exercises share a name or an exercise sits in another topic's module.
    """
    from mathreg.topics import TOPICS

    registry: dict[str, Exercise] = {}
    for topic in TOPICS:
        name = module_name(topic.key)
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name == name:
                continue  # this topic has no exercises yet
            raise
        for exercise in module.EXERCISES:
            if exercise.topic != topic.key:
                raise ValueError(f"{exercise.name!r} is in {name} but names {exercise.topic!r}")
            if exercise.name in registry:
                raise ValueError(f"two exercises are named {exercise.name!r}")
            registry[exercise.name] = exercise
    return registry
