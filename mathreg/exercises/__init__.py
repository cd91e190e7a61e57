r"""Exercises whose answers are checked: records, a safe reader of answers, and a judge.

Each topic page ends with a few exercises (:data:`EXERCISES`, from
:mod:`mathreg.exercises.book`). A reader types an answer as a formula,
``python -m mathreg exercise check l1-gradient "lam/m*sign(W)"``; it is read without being
run (:mod:`mathreg.exercises.answer`), compared with the right answer by the engine's
canonical comparison, and a wrong answer is told how it is wrong where that can be proved
(:mod:`mathreg.exercises.judge`).

Examples
--------
>>> exercise = EXERCISES["decay-factor-without-half"]
>>> exercise.topic, exercise.typed
('weight-decay', '1 - 2*alpha*lam/m')
>>> judge(exercise, "1 - alpha*lam/m").reason
"that is the factor with the 1/2; without it the penalty's gradient is (2λ/m)W"
>>> judge(exercise, "1 - 2*alpha*lam*W/m").reason
'it depends on W, but the answer does not'
"""

from mathreg.exercises.answer import AnswerError, read_answer
from mathreg.exercises.book import collect
from mathreg.exercises.judge import Verdict, judge
from mathreg.exercises.record import Exercise, Function, Mistake, Name
from mathreg.exercises.text import plain

__all__ = [
    "EXERCISES",
    "AnswerError",
    "Exercise",
    "Function",
    "Mistake",
    "Name",
    "Verdict",
    "exercises_for",
    "judge",
    "plain",
    "read_answer",
]

#: Every exercise, by name, in the order of the topics.
EXERCISES: dict[str, Exercise] = collect()


def exercises_for(topic_key: str) -> tuple[Exercise, ...]:
    """The exercises of one topic, in order."""
    return tuple(e for e in EXERCISES.values() if e.topic == topic_key)
