"""The note's derivations check, and every corrupted step is caught at its own index."""

from __future__ import annotations

import pytest
import sympy as sp

from mathreg.notation import ArgOpt, Propto
from mathreg.proof import Derivation, DerivationError, Step
from mathreg.rules import Equal, Premise
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
        covered |= set(d.equations)
    assert covered == NOTE_EQUATIONS


def test_only_the_first_step_is_a_premise(derivation):
    assert isinstance(derivation.steps[0].rule, Premise)
    assert not any(isinstance(s.rule, Premise) for s in derivation.steps[1:])


# --- corruption ----------------------------------------------------------------------------


def _main(statement: sp.Basic) -> tuple[sp.Basic, callable]:
    """The part of a statement a corruption changes, and how to put a new one back."""
    if isinstance(statement, (sp.Eq, Propto)):
        rhs = statement.rhs
        kind = type(statement)
        if isinstance(rhs, ArgOpt):
            return (
                rhs.objective,
                lambda new: (
                    kind(statement.lhs, type(rhs)(new, *rhs.params), evaluate=False)
                    if kind is sp.Eq
                    else kind(statement.lhs, type(rhs)(new, *rhs.params))
                ),
            )
        if kind is sp.Eq:
            return rhs, lambda new: sp.Eq(statement.lhs, new, evaluate=False)
        return rhs, lambda new: Propto(statement.lhs, new)
    if isinstance(statement, ArgOpt):
        return statement.objective, lambda new: type(statement)(new, *statement.params)
    return statement, lambda new: new


def _drop_a_term(expr: sp.Basic) -> sp.Basic | None:
    """Drop the last term of the first sum of two or more terms (pre-order), if any."""
    for node in sp.preorder_traversal(expr):
        if isinstance(node, (sp.Add, sp.MatAdd)) and len(node.args) >= 2:
            return expr.xreplace({node: node.func(*node.args[:-1])})
    return None


def corruptions(statement: sp.Basic) -> dict[str, sp.Basic]:
    """A changed coefficient, a dropped term and a flipped sign, where each applies."""
    main, rebuild = _main(statement)
    # a ∝ statement stays true under any positive constant factor, so there the corruption
    # changes an exponent instead
    changed = main**2 if isinstance(statement, Propto) else 3 * main
    out = {"changed coefficient": rebuild(changed), "flipped sign": rebuild(-main)}
    dropped = _drop_a_term(main)
    if dropped is not None and dropped != main:
        out["dropped term"] = rebuild(dropped)
    return out


CASES = [
    (name, index, kind)
    for name, build in DERIVATIONS.items()
    for index, step in enumerate(build().steps)
    if index > 0
    for kind in corruptions(step.expr)
]


@pytest.mark.parametrize(
    ("name", "index", "kind"), CASES, ids=[f"{n}-{i}-{k}" for n, i, k in CASES]
)
def test_a_corrupted_step_fails_at_its_index(name, index, kind):
    original = DERIVATIONS[name]()
    corrupted = corruptions(original.steps[index].expr)[kind]
    with pytest.raises(DerivationError) as caught:
        original.with_step(index, corrupted).check()
    assert caught.value.step_index == index, str(caught.value)
    assert f"step {index}" in str(caught.value)


def test_every_step_has_at_least_two_corruptions():
    for name, build in DERIVATIONS.items():
        for index, step in enumerate(build().steps[1:], start=1):
            assert len(corruptions(step.expr)) >= 2, (name, index)


def test_classic_slip_decay_factor_with_a_2():
    from mathreg.notation import Back
    from mathreg.symbolic.weight_decay import W, W_new

    slip = sp.Eq(W_new, (1 - alpha * lam / (2 * m)) * W - alpha * Back(W), evaluate=False)
    with pytest.raises(DerivationError) as caught:
        DERIVATIONS["weight-decay"]().with_step(3, slip).check()
    assert caught.value.step_index == 3
    assert "alpha*lambda/(2*m)" in str(caught.value)


def test_classic_slip_missing_bracket_in_cross_entropy():
    from mathreg.notation import ArgMin
    from mathreg.symbolic.likelihood import y_hat
    from mathreg.symbolic.symbols import i, n, theta, theta_ml, y

    unbracketed = -sp.Sum(y[i] * sp.log(y_hat[i]), (i, 1, n)) + (1 - y[i]) * sp.log(1 - y_hat[i])
    slip = sp.Eq(theta_ml, ArgMin(unbracketed, theta))
    with pytest.raises(DerivationError) as caught:
        DERIVATIONS["cross-entropy"]().with_step(6, slip).check()
    assert caught.value.step_index == 6


def test_with_step_rejects_a_bad_index_and_leaves_the_original():
    d = DERIVATIONS["map"]()
    with pytest.raises(IndexError, match="step index must be in"):
        d.with_step(len(d.steps), sp.S.One)
    d.with_step(1, sp.S.One)
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
