"""Each rule's check on a true and on a false case: every check must be able to fail."""

import pytest
import sympy as sp
from sympy import stats

from mathreg.algebra import canonical, is_zero, statement_difference
from mathreg.notation import ArgMax, ArgMin, Back, FrobeniusSq, Pr, Propto, Scalar
from mathreg.rules import (
    ApplyToBoth,
    ChainRule,
    Differentiate,
    Equal,
    Evaluate,
    Maximise,
    Monotone,
    Premise,
    Proportional,
    RuleViolation,
    Solve,
    Substitute,
    SubstituteInto,
    UpToConstant,
)

x, y, c = sp.symbols("x y c")
u_pos = sp.Symbol("u", positive=True)
u = sp.Symbol("u")
theta = sp.Symbol("theta")
est = sp.Symbol("thetahat")
k = sp.Symbol("k", positive=True)
n = sp.Symbol("n", integer=True, positive=True)
i = sp.Symbol("i", integer=True)
a = sp.IndexedBase("a")
p = sp.IndexedBase("p", positive=True)
r, s, t = sp.symbols("r s t", integer=True, positive=True)


def holds(rule, previous, current):
    rule.check(previous, current)


def fails(rule, previous, current, match=None):
    with pytest.raises(RuleViolation, match=match):
        rule.check(previous, current)


# --- premise -------------------------------------------------------------------------------


def test_premise_only_first():
    holds(Premise(), None, sp.Eq(x, 1))
    fails(Premise(), sp.Eq(x, 1), sp.Eq(x, 2), "only as the first step")


# --- equal ---------------------------------------------------------------------------------


def test_equal_true_and_false():
    holds(Equal(), sp.Eq(y, (x + 1) ** 2), sp.Eq(y, x**2 + 2 * x + 1))
    fails(Equal(), sp.Eq(y, (x + 1) ** 2), sp.Eq(y, x**2 + x + 1), "right-hand side")
    fails(Equal(), sp.Eq(y, x), sp.Eq(c, x), "left-hand side")


def test_equal_needs_the_named_rewrite():
    before, after = sp.Eq(y, sp.log(x * c)), sp.Eq(y, sp.log(x) + sp.log(c))
    fails(Equal(), before, after)
    holds(Equal("expand_log"), before, after)


def test_equal_unknown_rewrite_is_a_value_error():
    with pytest.raises(ValueError, match="unknown rewrite 'magic'"):
        Equal("magic").check(sp.Eq(y, x), sp.Eq(y, x))


def test_equal_rejects_a_different_form():
    fails(Equal(), sp.Eq(y, x), Propto(y, x), "form")


def test_equal_sums_with_renamed_index():
    j = sp.Symbol("j", integer=True)
    before = sp.Eq(y, sp.Sum(2 * a[i] + 1, (i, 1, n)))
    holds(Equal(), before, sp.Eq(y, 2 * sp.Sum(a[j], (j, 1, n)) + n))
    fails(Equal(), before, sp.Eq(y, 2 * sp.Sum(a[j], (j, 1, n))))
    fails(Equal(), before, sp.Eq(y, 2 * sp.Sum(a[j], (j, 1, n - 1)) + n))


def test_equal_matrices():
    W, B = sp.MatrixSymbol("W", r, s), sp.MatrixSymbol("B", r, s)
    holds(
        Equal(),
        sp.Eq(y, W - k * (B + W), evaluate=False),
        sp.Eq(y, (1 - k) * W - k * B, evaluate=False),
    )
    fails(
        Equal(),
        sp.Eq(y, W - k * (B + W), evaluate=False),
        sp.Eq(y, (1 - k / 2) * W - k * B, evaluate=False),
    )


# --- substitute ----------------------------------------------------------------------------


def test_substitute_true_false_and_lemma():
    rule = Substitute({c: 2 * x})
    holds(rule, sp.Eq(y, c + 1), sp.Eq(y, 2 * x + 1))
    fails(rule, sp.Eq(y, c + 1), sp.Eq(y, 3 * x + 1))
    broken = Substitute({c: 2 * x}, lemma=lambda: "c is not 2x")
    fails(broken, sp.Eq(y, c + 1), sp.Eq(y, 2 * x + 1), "substitution itself")


def test_substitute_inside_a_sum():
    rule = Substitute({a[i]: p[i] ** 2}, ["expand_log"])
    before = sp.Eq(y, sp.Sum(sp.log(a[i]), (i, 1, n)))
    holds(rule, before, sp.Eq(y, sp.Sum(2 * sp.log(p[i]), (i, 1, n))))
    fails(rule, before, sp.Eq(y, sp.Sum(sp.log(p[i]), (i, 1, n))))


def test_substitute_into():
    G = sp.Symbol("G")
    rule = SubstituteInto(sp.Eq(c, x - k * G), G, "update")
    holds(rule, sp.Eq(y, 2 * x), sp.Eq(c, x - 2 * k * x))
    fails(rule, sp.Eq(y, 2 * x), sp.Eq(c, x + 2 * k * x))
    fails(rule, 2 * x, sp.Eq(c, x - 2 * k * x), "must be an equation")


def test_apply_to_both():
    rule = ApplyToBoth(sp.Lambda(u_pos, sp.log(u_pos)), ["expand_log"])
    holds(rule, sp.Eq(k, 2 * u_pos), sp.Eq(sp.log(k), sp.log(2) + sp.log(u_pos)))
    fails(rule, sp.Eq(k, 2 * u_pos), sp.Eq(sp.log(k), sp.log(u_pos)))


# --- optimisation --------------------------------------------------------------------------


def test_maximise():
    rule = Maximise(est, [theta])
    f = Pr(theta) * Pr(x, theta)
    holds(rule, Propto(y, f), sp.Eq(est, ArgMax(f, theta)))
    fails(rule, Propto(y, f), sp.Eq(est, ArgMin(f, theta)))
    fails(rule, Propto(y, f), sp.Eq(est, ArgMax(Pr(theta), theta)))


def test_monotone_log_needs_a_positive_objective():
    rule = Monotone(sp.Lambda(u_pos, sp.log(u_pos)))
    holds(rule, ArgMax(Pr(theta), theta), ArgMax(sp.log(Pr(theta)), theta))
    fails(rule, ArgMax(theta**3, theta), ArgMax(sp.log(theta**3), theta), "not provably positive")
    product = sp.Product(Pr(a[i], theta), (i, 1, n))
    holds(rule, ArgMax(product, theta), ArgMax(sp.log(product), theta))


def test_monotone_negation_swaps_max_and_min():
    rule = Monotone(sp.Lambda(u, -u))
    holds(rule, ArgMax(sp.sin(theta), theta), ArgMin(-sp.sin(theta), theta))
    fails(rule, ArgMax(sp.sin(theta), theta), ArgMax(-sp.sin(theta), theta), "argmin")
    fails(rule, ArgMax(sp.sin(theta), theta), ArgMin(sp.sin(theta), theta))


def test_monotone_rejects_a_map_of_unknown_sign():
    fails(
        Monotone(sp.Lambda(u, u**2)),
        ArgMin(theta, theta),
        ArgMin(theta**2, theta),
        "strictly monotone",
    )


def test_monotone_positive_scale():
    rule = Monotone(sp.Lambda(u, u / n))
    holds(rule, ArgMin(theta**2 + c, theta), ArgMin(theta**2 / n + c / n, theta))
    fails(rule, ArgMin(theta**2 + c, theta), ArgMin(theta**2 / n + c, theta))


def test_up_to_constant():
    rule = UpToConstant([theta])
    before = sp.Eq(est, ArgMin(theta**2 + sp.log(2 * sp.pi * k), theta))
    holds(rule, before, sp.Eq(est, ArgMin(theta**2, theta)))
    fails(rule, before, sp.Eq(est, ArgMin(sp.log(2 * sp.pi * k), theta)), "depends on theta")
    fails(rule, before, sp.Eq(c, ArgMin(theta**2, theta)), "estimate must stay")
    fails(rule, before, sp.Eq(est, ArgMax(theta**2, theta)))


def test_proportional():
    rule = Proportional([theta])
    before = sp.Eq(y, Pr(x, theta) * Pr(theta) / Pr(x))
    holds(rule, before, Propto(y, Pr(x, theta) * Pr(theta)))
    fails(rule, before, Propto(y, Pr(x, theta)), "depends on theta")
    fails(rule, before, Propto(y, -Pr(x, theta) * Pr(theta) / Pr(x)), "not provably positive")
    fails(rule, before, Propto(c, Pr(x, theta) * Pr(theta)), "left-hand side")


def test_solve():
    rule = Solve(y)
    holds(rule, sp.Eq(y * k, x), sp.Eq(y, x / k))
    fails(rule, sp.Eq(y * k, x), sp.Eq(y, x * k))
    fails(rule, sp.Eq(y**2, x), sp.Eq(y, sp.sqrt(x)), "one solution")


# --- calculus ------------------------------------------------------------------------------


def test_differentiate_matrix_penalty_of_symbolic_shape():
    W = sp.MatrixSymbol("W", r, s)
    G = sp.MatrixSymbol("G", r, s)
    J = sp.Symbol("J")
    data = -sp.log(Pr(x, theta)) / n
    rule = Differentiate(W, known={data: Back(W)}, gradient=G)
    before = sp.Eq(J, data + k / (2 * n) * FrobeniusSq(W) + c)
    holds(rule, before, sp.Eq(G, Back(W) + (k / n) * W, evaluate=False))
    fails(rule, before, sp.Eq(G, Back(W) + (k / (2 * n)) * W, evaluate=False))
    fails(rule, before, sp.Eq(G, (k / n) * W, evaluate=False))
    fails(rule, before, sp.Eq(J, Back(W) + (k / n) * W, evaluate=False), "left-hand side")


def test_differentiate_rejects_a_hidden_known_term():
    J = sp.Symbol("J")
    rule = Differentiate(x, known={sp.log(x): 1 / x})
    fails(
        rule, sp.Eq(J, sp.log(x) ** 2), sp.Eq(sp.Derivative(J, x), 2 * sp.log(x) / x), "inside it"
    )
    holds(rule, sp.Eq(J, sp.log(x) + x**2), sp.Eq(sp.Derivative(J, x), 1 / x + 2 * x))


def test_chain_rule_linear_layer_and_mask():
    A, dA = sp.MatrixSymbol("A", s, t), sp.MatrixSymbol("dA", s, t)
    W, b = sp.MatrixSymbol("W", r, s), sp.MatrixSymbol("b", r, t)
    Z, dZ = sp.MatrixSymbol("Z", r, t), sp.MatrixSymbol("dZ", r, t)
    rule = ChainRule(sp.Eq(Z, W * A + b), A, dZ, dA)
    holds(rule, None, sp.Eq(dA, W.T * dZ))
    fails(rule, None, sp.Eq(dA, 2 * W.T * dZ))
    M, out = sp.MatrixSymbol("M", s, t), sp.MatrixSymbol("Out", s, t)
    dOut = sp.MatrixSymbol("dOut", s, t)
    mask = ChainRule(sp.Eq(out, sp.HadamardProduct(A, M) / k), A, dOut, dA)
    holds(mask, None, sp.Eq(dA, sp.HadamardProduct(dOut, M) / k))
    fails(mask, None, sp.Eq(dA, sp.HadamardProduct(dOut, M)))


def test_evaluate_probability_and_expectation():
    U = stats.Uniform("U", 0, 1)
    rule = Evaluate(sp.Q.le(k, 1), "U uniform")
    holds(rule, None, sp.Eq(stats.Probability(U < k), k))
    fails(rule, None, sp.Eq(stats.Probability(U < k), 1 - k), "sympy.stats gives")
    D = stats.Bernoulli("D", k)
    holds(rule, None, sp.Eq(stats.Expectation(x * D / k), x))
    fails(rule, None, sp.Eq(stats.Expectation(x * D), x))
    fails(rule, None, sp.Eq(x, x), "must be Eq")


# --- the algebra underneath ----------------------------------------------------------------


def test_canonical_and_is_zero():
    j = sp.Symbol("j", integer=True)
    assert canonical(sp.Sum(a[i], (i, 1, n)) - sp.Sum(a[j], (j, 1, n))) == 0
    assert canonical(sp.Sum(a[i], (i, 1, n)) - sp.Sum(a[j], (j, 0, n))) != 0
    assert not is_zero(sp.log(x * c) - sp.log(x) - sp.log(c))
    assert is_zero(sp.log(x * c) - sp.log(x) - sp.log(c), ["expand_log"])


def test_scalar_unfolds_for_symbolic_dimension():
    d = sp.Symbol("d", integer=True, positive=True)
    th = sp.MatrixSymbol("th", d, 1)
    j = sp.Symbol("j", integer=True)
    assert is_zero(Scalar(th.T * th) - sp.Sum(th[j, 0] ** 2, (j, 0, d - 1)))
    assert not is_zero(Scalar(th.T * th) - sp.Sum(th[j, 0] ** 2, (j, 1, d)))


def test_statement_difference_reports_the_side():
    assert statement_difference(sp.Eq(x, 1), sp.Eq(x, 1)) is None
    assert statement_difference(sp.Eq(x, 1), sp.Eq(x, 2)).startswith("right-hand side")
    assert "optimises over" in statement_difference(ArgMax(x, x), ArgMax(x, y))
