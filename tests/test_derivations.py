"""The note's derivations check, and every corrupted step is caught at its own index."""

from __future__ import annotations

from collections import Counter

import pytest
import sympy as sp
from corruption import corruptions

from mathreg.algebra import statement_difference
from mathreg.context import Context, names
from mathreg.notation import Expect, Var
from mathreg.proof import Derivation, DerivationError, Step
from mathreg.rules import Equal, Linearity, Premise, RuleViolation
from mathreg.symbolic import DERIVATIONS
from mathreg.symbolic.symbols import alpha, lam, m
from mathreg.topics import TOPICS

NOTE_EQUATIONS = set(range(1, 16))


@pytest.fixture(scope="module", params=list(DERIVATIONS))
def derivation(request) -> Derivation:
    return DERIVATIONS[request.param]()


def test_registry_names_and_order():
    assert list(DERIVATIONS) == [d.name for topic in TOPICS for d in topic.derivations]


def test_every_derivation_checks(derivation):
    derivation.check()
    assert all(v.ok for v in derivation.verdicts())


def test_equation_numbers_cover_the_note():
    covered = set()
    for build in DERIVATIONS.values():
        d = build()
        tagged = {s.eq for s in d.steps if s.eq is not None}
        assert tagged <= set(d.equations), f"{d.name} tags equations it does not declare"
        covered |= {e for e in d.equations if isinstance(e, int)}
    assert covered == NOTE_EQUATIONS


def test_only_the_first_step_is_a_premise(derivation):
    assert isinstance(derivation.steps[0].rule, Premise)
    assert not any(isinstance(s.rule, Premise) for s in derivation.steps[1:])


def test_every_declared_input_is_used(derivation):
    """No dead assumption: each declared assumption, law or lemma is relied on by a step."""
    used = {line.entry for line in derivation.ledger().lines}
    for entry in derivation.given:
        assert entry in used, (derivation.name, entry)


# --- corruption ----------------------------------------------------------------------------


def _pool(derivation: Derivation) -> set:
    """The names a corruption may swap a name for: those of the derivation."""
    pool = set()
    for step in derivation.steps:
        pool |= {
            n
            for n in names(step.expr)
            if isinstance(n, (sp.Symbol, sp.MatrixSymbol, sp.IndexedBase))
        }
    return pool


def _corrupted(name: str) -> list[tuple[int, str, sp.Basic]]:
    derivation = DERIVATIONS[name]()
    pool = _pool(derivation)
    out = []
    for number, step in enumerate(derivation.steps[1:], start=2):
        seen = set()
        for kind, corrupted in corruptions(step.expr, pool):
            if corrupted in seen or corrupted == step.expr:
                continue
            seen.add(corrupted)
            out.append((number, kind, corrupted))
    return out


def _equivalent(derivation: Derivation, number: int, corrupted: sp.Basic) -> bool:
    """Whether a corrupted statement says the same as the original: equal as written, or,
    for statements about expectations, equal given the derivation's declared moments and
    independence (a changed coefficient of a term that is 0 by those facts is still true)."""
    original = derivation.steps[number - 1].expr
    if statement_difference(original, corrupted) is None:
        return True
    if not any(isinstance(n, (Expect, Var)) for n in sp.preorder_traversal(original)):
        return False
    if not (isinstance(corrupted, sp.Eq) and corrupted.lhs == original.lhs):
        return False
    context = Context(derivation.given, tuple(s.expr for s in derivation.steps[:number]))
    try:
        Linearity().check(original, corrupted, context)
    except RuleViolation:
        return False
    return True


@pytest.mark.parametrize("name", list(DERIVATIONS))
def test_every_single_node_corruption_of_a_derived_step_is_rejected(name):
    """Every corruption of every derived step (see ``tests/corruption.py``) fails at that step
    or the next, unless it leaves the statement equal to the original."""
    derivation = DERIVATIONS[name]()
    kinds, accepted, equivalent = Counter(), [], 0
    for number, kind, corrupted in _corrupted(name):
        if _equivalent(derivation, number, corrupted):
            equivalent += 1  # the same statement written another way: nothing to reject
            continue
        kinds[kind] += 1
        window = {number, number + 1} & set(range(1, len(derivation.steps) + 1))
        verdicts = derivation.with_step(number, corrupted).verdicts(window)
        if all(v.ok for v in verdicts):
            accepted.append(f"step {number}, {kind}: {sp.sstr(corrupted)}")
    assert not accepted, "accepted corruptions:\n" + "\n".join(accepted)
    # the enumeration is not a token: each derived step gets several kinds of corruption
    assert len(kinds) >= 3 and "name" in kinds, kinds
    assert sum(kinds.values()) >= 4 * (len(derivation.steps) - 1), kinds


def test_the_corruptions_cover_every_operation():
    kinds = {kind for name in DERIVATIONS for _, kind, _ in _corrupted(name)}
    assert kinds >= {
        "number",
        "dropped term",
        "dropped factor",
        "sign",
        "exponent",
        "argmax/argmin",
        "name",
        "limit",
    }


def test_classic_slip_decay_factor_with_a_2():
    from mathreg.notation import Back
    from mathreg.symbolic.weight_decay import W, W_new

    slip = sp.Eq(W_new, (1 - alpha * lam / (2 * m)) * W - alpha * Back(W), evaluate=False)
    with pytest.raises(DerivationError) as caught:
        DERIVATIONS["weight-decay"]().with_step(4, slip).check()
    assert caught.value.number == 4
    assert "alpha*lambda/(2*m)" in str(caught.value)


def test_classic_slip_missing_bracket_in_cross_entropy():
    from mathreg.notation import ArgMin
    from mathreg.symbolic.likelihood import y_hat
    from mathreg.symbolic.symbols import i, n, theta, theta_ml, y

    unbracketed = -sp.Sum(y[i] * sp.log(y_hat[i]), (i, 1, n)) + (1 - y[i]) * sp.log(1 - y_hat[i])
    slip = sp.Eq(theta_ml, ArgMin(unbracketed, theta))
    with pytest.raises(DerivationError) as caught:
        DERIVATIONS["cross-entropy"]().with_step(7, slip).check()
    assert caught.value.number == 7


def test_with_step_rejects_a_bad_number_and_leaves_the_original():
    d = DERIVATIONS["map"]()
    with pytest.raises(IndexError, match="step number must be in"):
        d.with_step(len(d.steps) + 1, sp.S.One)
    with pytest.raises(IndexError, match="step number must be in"):
        d.with_step(0, sp.S.One)
    d.with_step(2, sp.S.One)
    d.check()


def test_derivation_must_start_with_a_premise():
    x = sp.Symbol("x")
    with pytest.raises(ValueError, match="must start from a Premise"):
        Derivation("bad", "bad", (), (Step(sp.Eq(x, x), Equal(), "no premise"),))
    with pytest.raises(ValueError, match="has no steps"):
        Derivation("bad", "bad", (), ())


def test_result_is_the_last_statement(derivation):
    assert derivation.result == derivation.steps[-1].expr


def test_the_whole_check_is_fast():
    import time

    started = time.perf_counter()
    for build in DERIVATIONS.values():
        build().check()
    # generous bound: a regression to simplify() everywhere would take minutes
    assert time.perf_counter() - started < 30
