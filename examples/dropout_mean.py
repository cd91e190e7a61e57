"""Inverted dropout keeps the expected activation: two derivations a reader can check.

    python -m mathreg check examples/dropout_mean.py

A unit's activation A is kept when its mask entry D ~ Bernoulli(keep_prob) is 1, and the
kept value is divided by keep_prob. The expectation of the output is A again; its second
moment is A²/keep_prob, so its variance is A²(1 − keep_prob)/keep_prob.

This file lists its derivations in a ``DERIVATIONS`` mapping, name → function; the other
examples mark them with ``-> Derivation`` instead.
"""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption
from mathreg.notation import Expect, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import Evaluate, Premise

keep_prob = named_symbol("keep_prob", r"\text{keep\_prob}", positive=True)
A = sp.Symbol("A", real=True)  # the activation before dropout: a fixed number
D = stats.Bernoulli("D", keep_prob)  # the mask entry: 1 with probability keep_prob
A_tilde = named_symbol("A_tilde", r"\tilde A")

#: keep_prob is a probability (its symbol already says it is positive).
PROBABILITY = Assumption(keep_prob <= 1, "keep_prob is a probability")


def _forward() -> Step:
    return Step(
        sp.Eq(A_tilde, A * D / keep_prob),
        Premise(),
        "Inverted dropout's forward pass for one unit: mask, then divide by keep_prob.",
    )


def mean() -> Derivation:
    """E[Ã] = A."""
    return Derivation(
        name="dropout-mean",
        title="Inverted dropout keeps the expected activation",
        equations=(),
        steps=(
            _forward(),
            Step(
                sp.Eq(Expect(A_tilde), A),
                Evaluate(),
                "E[D] = keep_prob, so E[A·D/keep_prob] = A: the division undoes the masking "
                "on average.",
            ),
        ),
        given=(PROBABILITY,),
    )


def second_moment() -> Derivation:
    """E[Ã²] = A²/keep_prob."""
    return Derivation(
        name="dropout-second-moment",
        title="The second moment of inverted dropout's output",
        equations=(),
        steps=(
            _forward(),
            Step(
                sp.Eq(Expect(A_tilde**2), A**2 / keep_prob),
                Evaluate(),
                "D² = D for a 0/1 mask, so E[Ã²] = A²·keep_prob/keep_prob² = A²/keep_prob.",
            ),
        ),
        given=(PROBABILITY,),
    )


DERIVATIONS = {"mean": mean, "second-moment": second_moment}
