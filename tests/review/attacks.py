"""Red-team attacks on the mathreg derivation engine (commit 60bbb96).

Each ``attack_<n>()`` builds a :class:`mathreg.proof.Derivation` and returns it. On commit
60bbb96, ``d.check()`` does **not** raise for any of them, although some derived step
(step >= 2) does not follow from the previous one plus what is declared in ``given`` and shown by
``d.ledger().text()``. A fixed engine should make every one of these raise::

    import pytest
    from mathreg.proof import DerivationError
    @pytest.mark.parametrize("attack", ALL_ATTACKS)
    def test_attack_rejected(attack):
        with pytest.raises(DerivationError):
            attack().check()

Run ``PYTHONPATH=/work/wt/redteam python /tmp/redteam/run.py`` to see the verdicts.

Severity tags in the docstrings:
  [A] a mathematically false conclusion from a true (or merely assumed) premise;
  [B] the ledger misstates what the proof rests on (an assumption used silently, or an
      unchecked input shown as checked/proved);
  [C] display: two distinct names (or a name and an expression) print alike, so the page shows
      a false step although the symbols differ.
"""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Definition, KnownDerivative, Law, Lemma
from mathreg.notation import ArgMax, ArgMin, Exp, Expect, Gradient, Propto, Scalar, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    ApplyToBoth,
    ChainRule,
    Differentiate,
    Equal,
    Evaluate,
    Linearity,
    Maximise,
    Monotone,
    Premise,
    Proportional,
    Solve,
    Substitute,
    SubstituteInto,
    UpToConstant,
)


def _d(name, steps, given=()):
    return Derivation(name, name, (), tuple(steps), given=tuple(given))


# =============================================================================================
# Equal
# =============================================================================================


def attack_1():
    """[A] Equal("doit") trusts sympy.stats: P(U < c) = 0 for U ~ Uniform(0, 1).

    SymPy 1.14 evaluates ``Probability(U < c).doit()`` to 0 for a symbolic c; the true value is
    Min(1, Max(0, c)). ``Evaluate`` guards against exactly this (CDF shortcut + exact
    cross-check), but the ``doit`` rewrite of Equal/Substitute/UpToConstant runs sympy.stats
    with no cross-check and no Oracle entry in the ledger.
    Hole: external oracle reached through a rewrite (algebra.py REWRITES["doit"]).
    """
    c, p = sp.symbols("c p")
    U = stats.Uniform("U", 0, 1)
    return _d(
        "atk1",
        [
            Step(sp.Eq(p, stats.Probability(U < c)), Premise(), "p is the probability that U < c"),
            Step(sp.Eq(p, 0), Equal("doit"), "evaluate"),
        ],
    )


def attack_2():
    """[A] Canonical renaming forgets that an inner limit may refer to an outer index.

    ``Sum(f, (i, 1, j), (j, 1, n))`` (inner limit j is the outer index) and
    ``Sum(f, (i, 1, j), (k, 1, n))`` (j free, outer index k) get the same canonical form,
    because ``_rename_bound`` renames an index only in the limits *after* it, while SymPy's
    limits are innermost-first. Step 2 claims sum_{j<=n} sum_{i<=j} a_i = n * sum_{i<=j} a_i.
    Hole: summation-index renaming (algebra.py _rename_bound).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    i, j, k = sp.symbols("i j k", integer=True)
    a = sp.IndexedBase("a")
    S = sp.Symbol("S")
    return _d(
        "atk2",
        [
            Step(sp.Eq(S, sp.Sum(a[i], (i, 1, j), (j, 1, n))), Premise(), "a double sum"),
            Step(sp.Eq(S, sp.Sum(a[i], (i, 1, j), (k, 1, n))), Equal(), "rename the outer index"),
        ],
    )


def attack_3():
    """[A] Index capture by a Dummy: the canonical bound index is not a private name.

    ``_bound_index`` returns ``Dummy("k0_0", dummy_index=10**6, ...)``; a statement may contain
    that very Dummy as a free symbol K. After renaming i -> K, ``a[i + K]`` becomes ``a[2*K]``,
    so sum_i a_{i+K} (K free) is "equal" to sum_i a_{2i}.
    Hole: index capture in canonical comparison (algebra.py _bound_index/_rename_bound).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    i = sp.Symbol("i", integer=True)
    a = sp.IndexedBase("a")
    K = sp.Dummy("k0_0", dummy_index=10**6, integer=True)
    S = sp.Symbol("S")
    return _d(
        "atk3",
        [
            Step(sp.Eq(S, sp.Sum(a[i + K], (i, 1, n))), Premise(), "a shifted sum"),
            Step(sp.Eq(S, sp.Sum(a[2 * i], (i, 1, n))), Equal(), "?"),
        ],
    )


def attack_4():
    """[C/A] Limit trick: an empty sum is given a nonzero value (Karr convention).

    ``_split_sum`` pulls x out and evaluates ``Sum(1, (i, n+2, n)).doit()`` = -1 (SymPy's
    Karr convention), so sum_{i=n+2}^{n} x = -x is accepted. With the usual convention an
    empty sum is 0 (and domain.py's own ``_positive`` treats such a sum as empty).
    Hole: limit tricks in canonical comparison (algebra.py _split_sum).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    i = sp.Symbol("i", integer=True)
    x, S = sp.symbols("x S")
    return _d(
        "atk4",
        [
            Step(sp.Eq(S, sp.Sum(x, (i, n + 2, n))), Premise(), "an empty sum"),
            Step(sp.Eq(S, -x), Equal(), "?"),
        ],
    )


def attack_5():
    """[A/C] Shape trick: ``Scalar`` of a 2x2 matrix is silently its (0, 0) entry.

    ``Scalar`` is documented as "a 1x1 matrix expression used as a number", but nothing checks
    the shape; ``Scalar.doit`` takes entry [0, 0]. So "w = A" and "w = A + [[0,1],[1,1]]" are
    "equal" (the added matrix has a 0 in the corner), and both ill-typed statements pass.
    Hole: matrix shape (notation.py Scalar.doit).
    """
    A = sp.MatrixSymbol("A", 2, 2)
    B = sp.ImmutableMatrix([[0, 1], [1, 1]])
    w = sp.Symbol("w")
    return _d(
        "atk5",
        [
            Step(sp.Eq(w, Scalar(A)), Premise(), "w is A as a number"),
            Step(sp.Eq(w, Scalar(A + B)), Equal(), "?"),
        ],
    )


def attack_6():
    """[B] Equal() uses the symbols' positivity to split a logarithm; the ledger lists nothing.

    ``canonical`` calls ``sp.expand`` (log=True, power_base=True), which splits log(x*y) for
    positive symbols. The step is true, but the ledger shows only the premise: the positivity
    of x and y that the check relied on is not listed (``_structure`` keeps only Assumption
    entries, and Equal's ``rewrite_support`` is empty without named rewrites).
    Hole: assumption used but not shown (algebra.py canonical; proof.py _structure).
    """
    x, y = sp.symbols("x y", positive=True)
    z = sp.Symbol("z")
    return _d(
        "atk6",
        [
            Step(sp.Eq(z, sp.log(x * y)), Premise(), ""),
            Step(sp.Eq(z, sp.log(x) + sp.log(y)), Equal(), "log of a product (no rewrite named)"),
        ],
    )


def attack_7():
    """[B] ``Scalar`` silently assumes real matrices: log(exp(x^T x)) = x^T x.

    ``Scalar.doit`` rewrites matrix entries as ``IndexedBase(..., real=True)``, so SymPy
    cancels log(exp(.)); for a complex X this is false. The realness of X is not a symbol
    assumption (MatrixSymbols carry none) and is not in the ledger.
    Hole: assumption used but not declared (notation.py Scalar.doit).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    X = sp.MatrixSymbol("X", n, 1)
    y = sp.Symbol("y")
    return _d(
        "atk7",
        [
            Step(sp.Eq(y, sp.log(Exp(Scalar(X.T * X)))), Premise(), ""),
            Step(sp.Eq(y, Scalar(X.T * X)), Equal(), "log of exp"),
        ],
    )


# =============================================================================================
# Substitute
# =============================================================================================


def attack_8():
    """[A] Two pairs of one mapping define the same fresh name: y = x - z  =>  y = 0.

    ``{x: t, z: t}``: each pair is judged against the context *before* the step, so t is fresh
    for both and each pair is accepted as a "definition" (t := x and t := z). The simultaneous
    xreplace merges x and z.
    Hole: fresh-name trick (rules/algebraic.py Substitute._justify / introduces).
    """
    x, y, z, t = sp.symbols("x y z t")
    return _d(
        "atk8",
        [
            Step(sp.Eq(y, x - z), Premise(), ""),
            Step(sp.Eq(y, 0), Substitute({x: t, z: t}), "name both t"),
        ],
    )


def attack_9():
    """[A] Instantiation outside the symbol's domain: w**2 "is nonnegative" for imaginary w.

    The premise holds for every s >= 0 (e.g. F = Abs). Instantiating s := w**2 with w
    imaginary (w**2 < 0; SymPy itself knows it is negative) is accepted because
    ``domain._nonnegative`` returns True for any even power. F(w^2) = w^2 is false for F = Abs.
    Hole: instantiation tricks / domain (domain.py _nonnegative, even-power branch).
    """
    F = sp.Function("F")
    s = sp.Symbol("s", nonnegative=True)
    w = sp.Symbol("w", imaginary=True)
    return _d(
        "atk9",
        [
            Step(sp.Eq(F(s), s), Premise(), "F(s) = s for s >= 0, e.g. F = Abs"),
            Step(sp.Eq(F(w**2), w**2), Substitute({s: w**2}), "special case s = w^2"),
        ],
    )


def attack_10():
    """[A] A "fresh name" that is a random variable: E[D] = 1/2 for D = x.

    Substitute accepts ``x -> U`` as the *definition* of a new name U := x because U is
    fresh; but U is a RandomSymbol carrying Uniform(0, 1). Evaluate then computes E[D] = 1/2
    although D = x is a constant (E[D] = x).
    Hole: fresh-name trick / hidden semantics (rules/algebraic.py Substitute._justify).
    """
    x = sp.Symbol("x")
    Dn = sp.Symbol("Dd")
    U = stats.Uniform("U", 0, 1)
    return _d(
        "atk10",
        [
            Step(sp.Eq(Dn, x), Premise(), "D is the number x"),
            Step(sp.Eq(Dn, U), Substitute({x: U}), "call it U"),
            Step(sp.Eq(Expect(Dn), sp.S.Half), Evaluate(), "?"),
        ],
    )


def attack_11():
    """[A] Instantiating the name a premise defines: "5 = argmax_theta -(theta-1)^2".

    The premise defines thetahat. It is not a ``Definition`` entry, so ``_instantiation``
    treats it as a free symbol and accepts thetahat := 5. Step 2 is a closed false statement
    (the argmax is 1).
    Hole: instantiation of a symbol that is tied to others (rules/algebraic.py _instantiation).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    return _d(
        "atk11",
        [
            Step(sp.Eq(that, ArgMax(-((th - 1) ** 2), th)), Premise(), "the estimate"),
            Step(sp.Eq(5, ArgMax(-((th - 1) ** 2), th)), Substitute({that: 5}), "special case"),
        ],
    )


def attack_12():
    """[B] A Lemma's "proof" is any callable; the ledger says "proved in general".

    ``Lemma(Eq(x**2, 2*x), proof=lambda s: None, general=True)`` is cited for x^2 -> 2x.
    The check only runs the callable; the ledger prints "(proved in general: ...)".
    Hole: rule input that is really an assumption shown as checked (ledger.py Lemma,
    rules/algebraic.py Substitute._justify).
    """
    x, y = sp.symbols("x y")
    lemma = Lemma(
        sp.Eq(x**2, 2 * x, evaluate=False),
        proof=lambda s: None,
        scope="trivial",
        general=True,
        name="squares",
    )
    return _d(
        "atk12",
        [
            Step(sp.Eq(y, x**2), Premise(), ""),
            Step(sp.Eq(y, 2 * x), Substitute({x**2: 2 * x}, lemma=lemma), "by the lemma"),
        ],
    )


# =============================================================================================
# SubstituteInto
# =============================================================================================


def attack_13():
    """[A] Capture: the previous right-hand side x_i is put under the law's sum over i.

    Premise: G names the i-th entry x_i (i free). Law (assumed): S = sum_{i=1}^n G = n G.
    Correct use: S = n x_i. The engine substitutes under the binder and accepts
    S = sum_i x_i (x = (1, 2), i = 1: n G = 2 but the sum is 3). Substitute's definition
    branch refuses a bound index escaping; the opposite direction (capture) is not checked.
    Hole: summation-index capture (rules/algebraic.py SubstituteInto._check).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    i = sp.Symbol("i", integer=True)
    x = sp.IndexedBase("x")
    G, S = sp.symbols("G S")
    law = Law(sp.Eq(S, sp.Sum(G, (i, 1, n))), "S is n copies of G")
    return _d(
        "atk13",
        [
            Step(sp.Eq(G, x[i]), Premise(), "G is the i-th entry"),
            Step(sp.Eq(S, sp.Sum(x[i], (i, 1, n))), SubstituteInto(law), "?"),
        ],
    )


def attack_14():
    """[B] An Entry subclass lies in the ledger: an assumed law shown as "checked".

    Rules are checked by exact type, entries by ``isinstance``: a ``Law`` subclass overriding
    ``describe`` makes the page say "result of derivation `map`, checked" for an assumed
    (and here, wrong: the update should subtract) gradient-descent law.
    Hole: subclassing (rules/algebraic.py SubstituteInto.__post_init__ require_type).
    """

    class CheckedLaw(Law):
        def describe(self, fmt="text"):
            return f"{sp.sstr(self.statement)}: {self.source} (result of derivation `map`, checked)"

    W_new, W, G, alpha = sp.symbols("W_new W G alpha")
    law = CheckedLaw(sp.Eq(W_new, W + alpha * G), "the gradient-descent update")
    return _d(
        "atk14",
        [
            Step(sp.Eq(G, 2 * W), Premise(), ""),
            Step(sp.Eq(W_new, W + 2 * alpha * W), SubstituteInto(law), ""),
        ],
    )


# =============================================================================================
# ApplyToBoth
# =============================================================================================


def attack_15():
    """[A] ApplyToBoth with an operator that is not a function of the value: J = x^2 => J = 0.

    ``Lambda(u, Subs(u, x, 0))`` is accepted as "a function"; applied to both sides it
    evaluates J at x = 0 (J is a name, unchanged) and x^2 at 0. The result J = 0 is false.
    Hole: map that depends on the variables of the statement (rules/algebraic.py ApplyToBoth).
    """
    J, x, u = sp.symbols("J x u")
    return _d(
        "atk15",
        [
            Step(sp.Eq(J, x**2), Premise(), "J := x^2"),
            Step(sp.Eq(J, 0), ApplyToBoth(sp.Lambda(u, sp.Subs(u, x, 0)), ["doit"]), "?"),
        ],
    )


def attack_16():
    """[A] ApplyToBoth with d/dx: J = x^2  =>  0 = 2x  =>  x = 0.

    ``Lambda(u, Derivative(u, x))`` differentiates the defined name J as a constant (0).
    Hole: map that is not a function of the value (rules/algebraic.py ApplyToBoth).
    """
    J, x, u = sp.symbols("J x u")
    return _d(
        "atk16",
        [
            Step(sp.Eq(J, x**2), Premise(), "J := x^2"),
            Step(sp.Eq(0, 2 * x), ApplyToBoth(sp.Lambda(u, sp.Derivative(u, x)), ["doit"]), "?"),
            Step(sp.Eq(x, 0), Solve(x), "?"),
        ],
    )


def attack_17():
    """[A] Capture by the function's own binder: G = x_i  =>  n G = sum_i x_i.

    ``Lambda(u, Sum(u, (i, 1, n)))`` applied to x_i (i free) captures i (Lambda.__call__ uses
    xreplace). Same hole as attack 13, through ApplyToBoth.
    Hole: summation-index capture (rules/algebraic.py ApplyToBoth._check).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    i = sp.Symbol("i", integer=True)
    x = sp.IndexedBase("x")
    G, u = sp.symbols("G u")
    return _d(
        "atk17",
        [
            Step(sp.Eq(G, x[i]), Premise(), "G is the i-th entry"),
            Step(
                sp.Eq(n * G, sp.Sum(x[i], (i, 1, n))),
                ApplyToBoth(sp.Lambda(u, sp.Sum(u, (i, 1, n))), ["doit"]),
                "?",
            ),
        ],
    )


def attack_18():
    """[A] A declared fact contradicting the symbol's own assumption is used: log(-x), x > 0.

    ``Assumption(x < 0)`` for a *positive* symbol x is not noticed; ``mask`` wraps -x as
    positive, so log(-x) is "defined" and ApplyToBoth(log) passes with -x "positive".
    Hole: assumption contradicting a symbol's declared assumptions (domain.py mask,
    context.py signed).
    """
    x = sp.Symbol("x", positive=True)
    y = sp.Symbol("y")
    u = sp.Symbol("u", positive=True)
    return _d(
        "atk18",
        [
            Step(sp.Eq(y, -x), Premise(), ""),
            Step(sp.Eq(sp.log(y), sp.log(-x)), ApplyToBoth(sp.Lambda(u, sp.log(u))), "take logs"),
        ],
        given=[Assumption(sp.Lt(x, 0, evaluate=False), "x < 0"), Assumption(y > 0, "y > 0")],
    )


# =============================================================================================
# Solve
# =============================================================================================


def attack_19():
    """[A] Solve lets a bound index escape: sum_i a_i = S  =>  a_i = S/n.

    Solving for ``a[i]`` replaces a[i] *inside* the sum (xreplace ignores binding), so the
    "linear equation" is n u = S. Only the mean is S/n.
    Hole: summation-index escape (rules/algebraic.py Solve._check, the xreplace).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    i = sp.Symbol("i", integer=True)
    a = sp.IndexedBase("a")
    S = sp.Symbol("S")
    return _d(
        "atk19",
        [
            Step(sp.Eq(sp.Sum(a[i], (i, 1, n)), S), Premise(), "the total is S"),
            Step(sp.Eq(a[i], S / n), Solve(a[i]), "?"),
        ],
    )


def attack_20():
    """[A] Solve picks one branch of a Piecewise equation with two solutions.

    f(x) = x for x < 0, x - 5 otherwise; f(x) = -1 has x = -1 and x = 4. SymPy's derivative of
    the Piecewise is the constant 1 (the jump is ignored), so the equation looks linear and
    x = 4 is accepted as "the unique solution".
    Hole: Piecewise auto-evaluation / branch choice (rules/algebraic.py Solve linearity test).
    """
    x = sp.Symbol("x", real=True)
    return _d(
        "atk20",
        [
            Step(sp.Eq(sp.Piecewise((x, x < 0), (x - 5, True)), -1), Premise(), ""),
            Step(sp.Eq(x, 4), Solve(x), "?"),
        ],
    )


def attack_21():
    """[A] Division by zero: prod_{i>=1} 1/2 (= 0) is "provably positive". 0*x = 0 => x = 0.

    ``domain._positive`` declares a Product positive when its factor is, ignoring infinite
    limits; the infinite product of 1/2 is 0.
    Hole: division by something that may be zero (domain.py _positive, Product branch).
    """
    i = sp.Symbol("i", integer=True)
    x = sp.Symbol("x")
    return _d(
        "atk21",
        [
            Step(sp.Eq(sp.Product(sp.S.Half, (i, 1, sp.oo)) * x, 0), Premise(), "0 * x = 0"),
            Step(sp.Eq(x, 0), Solve(x), "?"),
        ],
    )


def attack_22():
    """[A] Division by zero: ``Exp(-oo)`` (= 0) is "positive". 0*x = 0 => x = 0.

    ``notation.Exp._eval_is_positive`` returns ``is_extended_real`` of its argument, which is
    True for -oo; exp(-oo) = 0.
    Hole: zoo/oo tricks, division by zero (notation.py Exp; domain.py is_nonzero).
    """
    x = sp.Symbol("x")
    return _d(
        "atk22",
        [
            Step(sp.Eq(Exp(-sp.oo) * x, 0), Premise(), "0 * x = 0"),
            Step(sp.Eq(x, 0), Solve(x), "?"),
        ],
    )


# =============================================================================================
# Maximise
# =============================================================================================


def attack_23():
    """[A] The estimate's own assumptions are never checked: thetahat (positive) = argmax = -1.

    Maximise accepts a fresh estimate declared positive although the argmax is -1; the next
    step uses that positivity (Abs(thetahat) auto-simplifies to thetahat) to conclude
    thetahat = |argmax| = 1, contradicting step 2.
    Hole: wrong left-hand side / symbol assumptions (rules/optimisation.py Maximise._check;
    same for Differentiate/ChainRule gradient names).
    """
    th = sp.Symbol("theta", real=True)
    tp = sp.Symbol("thetahat", positive=True)
    L, v = sp.symbols("L v")
    f = -((th + 1) ** 2)
    return _d(
        "atk23",
        [
            Step(sp.Eq(L, f), Premise(), ""),
            Step(sp.Eq(tp, ArgMax(f, th)), Maximise(tp, [th]), "the maximiser"),
            Step(sp.Eq(tp, sp.Abs(ArgMax(f, th))), ApplyToBoth(sp.Lambda(v, sp.Abs(v))), "?"),
        ],
    )


# =============================================================================================
# Monotone
# =============================================================================================


def attack_24():
    """[A] Monotone accepts a g with a downward jump (its derivative is 1 wherever it exists).

    g(u) = u for u < 0, u - 5 for u >= 0. argmax_theta -theta^2 = {0}; g(-theta^2) has
    supremum 0 not attained (g(0) = -5), so its argmax is empty.
    Hole: Piecewise auto-evaluation (rules/optimisation.py Monotone: sign of sp.diff only).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    u = sp.Symbol("u", real=True)
    g = sp.Lambda(u, sp.Piecewise((u, u < 0), (u - 5, True)))
    f = -(th**2)
    return _d(
        "atk24",
        [
            Step(sp.Eq(that, ArgMax(f, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMax(g(f), th)), Monotone(g), "?"),
        ],
    )


def attack_25():
    """[A] Monotone accepts tan, which has poles: g'(u) = 1 + tan(u)^2 is "positive".

    ``undefined`` does not know tan's poles and ``_nonnegative`` calls tan(u)^2 nonnegative.
    f = -3 theta^2/(1 + theta^2) ranges over (-3, 0] and crosses -pi/2, where tan(f) -> +inf:
    argmax tan(f) is empty, argmax f = {0}.
    Hole: division by something that may be zero (domain.py undefined misses tan/cot/...).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    u = sp.Symbol("u", real=True)
    f = -3 * th**2 / (1 + th**2)
    return _d(
        "atk25",
        [
            Step(sp.Eq(that, ArgMax(f, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMax(sp.tan(f), th)), Monotone(sp.Lambda(u, sp.tan(u))), "?"),
        ],
    )


def attack_26():
    """[A] g's variable is positive by an *implied* assumption (prime), never transferred.

    u = Symbol("u", prime=True) is positive, so g(u) = u^2 has g' = 2u > 0; but
    ``declared_assumptions`` only reads the literal keys positive/nonnegative/..., finds none,
    and checks nothing about the objective. argmax -theta^2 = {0}; argmax theta^4 is empty.
    (Symbol("u", real=True, nonpositive=False) works the same way.)
    Hole: domain of the monotone map (rules/base.py declared_assumptions/_SIGN_KEYS).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    u = sp.Symbol("u", prime=True)
    f = -(th**2)
    return _d(
        "atk26",
        [
            Step(sp.Eq(that, ArgMax(f, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMax(f**2, th)), Monotone(sp.Lambda(u, u**2)), "?"),
        ],
    )


def attack_27():
    """[A] g's variable is positive by a declared Assumption(u > 0): monotone, objective unchecked.

    The slope 2u is positive thanks to the declared fact, but ``satisfies`` only checks
    assumptions carried by the symbol u, so the objective -theta^2 (<= 0) is never required
    to be positive. The ledger shows "u > 0" as if it were what the proof rests on.
    Hole: domain of the monotone map (rules/optimisation.py Monotone._check; base.py satisfies).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    u = sp.Symbol("u")
    f = -(th**2)
    return _d(
        "atk27",
        [
            Step(sp.Eq(that, ArgMax(f, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMax(f**2, th)), Monotone(sp.Lambda(u, u**2)), "?"),
        ],
        given=[Assumption(u > 0, "where g is increasing")],
    )


def attack_28():
    """[A] Monotone with g = Subs(u, x, 0): slope 1, but it rewrites the objective's x.

    g does not mention theta, has derivative 1, yet g(f) substitutes x = 0 inside f:
    argmax_theta -(theta - x)^2 = {x} becomes argmax_theta -theta^2 = {0}.
    Hole: map that depends on the problem's variables (rules/optimisation.py Monotone).
    """
    th = sp.Symbol("theta", real=True)
    x = sp.Symbol("x", real=True)
    that = sp.Symbol("thetahat")
    u = sp.Symbol("u")
    return _d(
        "atk28",
        [
            Step(sp.Eq(that, ArgMax(-((th - x) ** 2), th)), Premise(), ""),
            Step(
                sp.Eq(that, ArgMax(-(th**2), th)),
                Monotone(sp.Lambda(u, sp.Subs(u, x, 0)), ["doit"]),
                "?",
            ),
        ],
    )


def attack_29():
    """[A] argmax f = argmax g for any f, g, by scaling with Exp(-oo) (= 0, "positive").

    Step 2 multiplies by Exp(-oo) (Exp(-oo) is "positive"), step 3 is Equal because both
    objectives unfold to 0, step 4 divides by Exp(-oo) (a "positive" base, so 1/Exp(-oo) is
    "defined"). Result: argmax -theta^2 (= 0) = argmax -(theta - 5)^2 (= 5).
    Hole: zoo/oo tricks, division by zero (notation.py Exp._eval_is_positive; domain.py).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    u = sp.Symbol("u")
    e0 = Exp(-sp.oo)
    f, g = -(th**2), -((th - 5) ** 2)
    return _d(
        "atk29",
        [
            Step(sp.Eq(that, ArgMax(f, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMax(e0 * f, th)), Monotone(sp.Lambda(u, e0 * u)), "positive scale"),
            Step(sp.Eq(that, ArgMax(e0 * g, th)), Equal(), "?"),
            Step(sp.Eq(that, ArgMax(g, th)), Monotone(sp.Lambda(u, u / e0)), "undo the scale"),
        ],
    )


def attack_30():
    """[B] A Function class declared positive is used silently (log of it); ledger is empty.

    ``class F(Function): is_positive = True``: the check that the objective is positive
    succeeds, but ``facts_used`` only reports Symbol/IndexedBase/Pr atoms, so the ledger
    lists no assumption at all for step 2.
    Hole: assumption used but not shown (domain.py facts_used/_sign_atoms).
    """

    class F(sp.Function):
        is_positive = True

    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    u = sp.Symbol("u", positive=True)
    return _d(
        "atk30",
        [
            Step(sp.Eq(that, ArgMax(F(th), th)), Premise(), ""),
            Step(sp.Eq(that, ArgMax(sp.log(F(th)), th)), Monotone(sp.Lambda(u, sp.log(u))), ""),
        ],
    )


# =============================================================================================
# UpToConstant (and the "no two names print alike" check)
# =============================================================================================


def attack_31():
    """[C] Homoglyph: Symbol("θ") and Symbol("theta") print the same on the page and terminal.

    ``printed_names`` compares sstr ("θ" vs "theta") and latex ("θ" vs "\\theta"); both render
    as θ (and ``sp.pretty`` gives θ for both), so the page shows
    argmin_θ [θ² + (θ-1)²] = argmin_θ θ².
    Hole: two symbols that print alike (context.py printed_names).
    """
    th = sp.Symbol("theta", real=True)
    th2 = sp.Symbol("θ", real=True)
    that = sp.Symbol("thetahat")
    return _d(
        "atk31",
        [
            Step(sp.Eq(that, ArgMin(th**2 + (th2 - 1) ** 2, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMin(th**2, th)), UpToConstant(), "drop the constant"),
        ],
    )


def attack_32():
    """[C] A symbol named "g(theta)" prints as an application of g to theta and is dropped.

    The page shows argmin_θ [θ² + g(θ)] = argmin_θ θ²; the "g(θ)" is one opaque symbol.
    Hole: names that print like expressions (context.py printed_names).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    g = sp.Symbol("g(theta)")
    return _d(
        "atk32",
        [
            Step(sp.Eq(that, ArgMin(th**2 + g, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMin(th**2, th)), UpToConstant(), ""),
        ],
    )


def attack_33():
    """[C] The project's own ``named_symbol("q", r"{\\theta}")`` renders as θ on the page.

    LaTeX strings are compared literally ("{\\theta}" != "\\theta").
    Hole: two symbols that print alike (context.py printed_names).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    q = named_symbol("q", r"{\theta}", real=True)
    return _d(
        "atk33",
        [
            Step(sp.Eq(that, ArgMin(th**2 + (q - 1) ** 2, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMin(th**2, th)), UpToConstant(), ""),
        ],
    )


def attack_34():
    """[C] A Function class that prints exactly like θ (sstr "theta", LaTeX "\\theta").

    ``printed_names`` of a function class is only its ``__name__`` ("Theta"), never how its
    applications print. The page and terminal show argmin_θ [(θ-1)² + θ] = argmin_θ (θ-1)².
    Hole: two names that print alike (context.py printed_names for types).
    """
    from sympy.printing.pretty.stringpict import prettyForm

    class Theta(sp.Function):
        nargs = 1

        def _latex(self, printer, exp=None):
            return r"\theta"

        def _sympystr(self, printer):
            return "theta"

        def _pretty(self, printer):
            return prettyForm("θ")

    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    c = sp.Symbol("c")
    return _d(
        "atk34",
        [
            Step(sp.Eq(that, ArgMin((th - 1) ** 2 + Theta(c), th)), Premise(), ""),
            Step(sp.Eq(that, ArgMin((th - 1) ** 2, th)), UpToConstant(), ""),
        ],
    )


def attack_35():
    """[A] UpToConstant drops +oo: argmax[-theta^2 + oo] (every theta) -> argmax -theta^2 ({0}).

    The "constant" oo is free of theta but not finite; adding it flattens the objective.
    Hole: zoo/nan/oo (rules/optimisation.py UpToConstant; domain.py undefined ignores oo).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    return _d(
        "atk35",
        [
            Step(sp.Eq(that, ArgMax(-(th**2) + sp.oo, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMax(-(th**2), th)), UpToConstant(), "?"),
        ],
    )


def attack_36():
    """[A] UpToConstant drops zoo*c (complex infinity) from an objective.

    Variant of attack 35 with ``zoo``: the statement with zoo passes ``undefined``.
    Hole: zoo/nan/oo (domain.py undefined; rules/optimisation.py UpToConstant).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    c = sp.Symbol("c")
    return _d(
        "atk36",
        [
            Step(sp.Eq(that, ArgMax(-(th**2) + sp.zoo * c, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMax(-(th**2), th)), UpToConstant(), "?"),
        ],
    )


def attack_37():
    """[A] UpToConstant("doit") drops P(U < theta), which sympy.stats evaluates to 0.

    True objective on [0, 1]: theta - (theta - 1/2)^2, maximised at theta = 1; after dropping
    the "constant" the argmax is 1/2.
    Hole: external oracle through the doit rewrite (algebra.py REWRITES["doit"]).
    """
    th = sp.Symbol("theta", real=True)
    that = sp.Symbol("thetahat")
    U = stats.Uniform("U", 0, 1)
    return _d(
        "atk37",
        [
            Step(
                sp.Eq(that, ArgMax(stats.Probability(U < th) - (th - sp.S.Half) ** 2, th)),
                Premise(),
                "",
            ),
            Step(sp.Eq(that, ArgMax(-((th - sp.S.Half) ** 2), th)), UpToConstant(["doit"]), "?"),
        ],
    )


# =============================================================================================
# Proportional
# =============================================================================================


def attack_38():
    """[A] Proportional with ratio prod_{i>=1} 1/2 (= 0), "provably positive": L ≡ 0 ∝ e^{-θ²}.

    Hole: division by zero / infinite products (domain.py _positive, Product branch;
    rules/optimisation.py Proportional uses is_positive on the ratio).
    """
    th = sp.Symbol("theta", real=True)
    i = sp.Symbol("i", integer=True)
    L = sp.Function("L")(th)
    g = sp.exp(-(th**2))
    return _d(
        "atk38",
        [
            Step(sp.Eq(L, sp.Product(sp.S.Half, (i, 1, sp.oo)) * g), Premise(), "L is 0"),
            Step(Propto(L, g, th), Proportional(), "?"),
        ],
    )


# =============================================================================================
# Differentiate
# =============================================================================================


def attack_39():
    """[A] Differentiate after an instantiation: J = x^2, x := 3, so "dJ/dx = 0".

    Step 2 is the special case x = 3 (J = 9). Differentiate only checks that x does not occur
    in the previous statement, not that J's equation holds for every x.
    Hole: hidden dependence / instantiation (rules/calculus.py Differentiate._check).
    """
    J, g, x = sp.symbols("J g x")
    return _d(
        "atk39",
        [
            Step(sp.Eq(J, x**2), Premise(), "J := x^2"),
            Step(sp.Eq(J, 9), Substitute({x: 3}), "at x = 3"),
            Step(sp.Eq(g, 0), Differentiate(x, gradient=g), "?"),
        ],
    )


def attack_40():
    """[A] Hidden dependence through a random variable's distribution: J = E[Z], Z ~ N(x, 1).

    J = x so dJ/dx = 1; SymPy differentiates E[Z] as a constant (RandomSymbol.free_symbols is
    {Z}), and ``hidden_dependence`` skips the target itself, which ``names`` finds only inside
    the distribution.
    Hole: hidden dependence (context.py hidden_dependence; rules/calculus.py).
    """
    J, g, x = sp.symbols("J g x")
    Z = stats.Normal("Z", x, 1)
    return _d(
        "atk40",
        [
            Step(sp.Eq(J, Expect(Z)), Premise(), "J = E[Z] = x"),
            Step(sp.Eq(g, 0), Differentiate(x, gradient=g), "?"),
        ],
    )


def attack_41():
    """[B/A] A KnownDerivative with a wrong value SymPy could check: d(x^2)/dx = 3x.

    The value is never compared with ``sp.diff`` even though the term is closed-form; the
    ledger lists it as a "known derivative" (not as assumed), contrary to its docstring.
    Hole: rule input that is an assumption shown as known (rules/calculus.py; ledger.py).
    """
    J, g, x = sp.symbols("J g x")
    return _d(
        "atk41",
        [
            Step(sp.Eq(J, x**2), Premise(), ""),
            Step(
                sp.Eq(g, 3 * x),
                Differentiate(x, known=[KnownDerivative(x**2, x, 3 * x, "")], gradient=g),
                "?",
            ),
        ],
    )


def attack_42():
    """[A] Differentiating in x_i a sum over the same i: d/dx_i sum_i x_i^2 = 2 sum_i x_i.

    SymPy returns ``Sum(2*x[i], (i, 1, n))`` (the free i of the variable is captured by the
    bound i); the true derivative is 2 x_i.
    Hole: summation-index capture (rules/calculus.py Differentiate, sp.diff).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    i = sp.Symbol("i", integer=True)
    x = sp.IndexedBase("x")
    J = sp.Symbol("J")
    expr = sp.Sum(x[i] ** 2, (i, 1, n))
    return _d(
        "atk42",
        [
            Step(sp.Eq(J, expr), Premise(), ""),
            Step(
                sp.Eq(sp.Derivative(J, x[i]), sp.Sum(2 * x[i], (i, 1, n))), Differentiate(x[i]), "?"
            ),
        ],
    )


def attack_43():
    """[A] Implicit definition: J = x + J/2 (so J = 2x) gives "dJ/dx = 1" (true: 2).

    Differentiate checks that J does not contain x, not that the right-hand side is free of J.
    Hole: hidden dependence through a named quantity (rules/calculus.py Differentiate).
    """
    J, g, x = sp.symbols("J g x")
    return _d(
        "atk43",
        [
            Step(sp.Eq(J, x + J / 2), Premise(), "so J = 2x"),
            Step(sp.Eq(g, 1), Differentiate(x, gradient=g), "?"),
        ],
    )


def attack_44():
    """[A] The L2 penalty's gradient is zero: d(theta^T theta / 2)/d theta = 0.

    ``unfold`` turns Scalar(theta^T theta) into a Sum over a *new* IndexedBase "theta", which
    SymPy does not recognise as the MatrixSymbol theta; the derivative is ZeroMatrix.
    True gradient: theta.
    Hole: hidden dependence via notation unfolding (notation.py Scalar.doit; calculus.py).
    """
    d = sp.Symbol("d", integer=True, positive=True)
    T = sp.MatrixSymbol("theta", d, 1)
    g = sp.MatrixSymbol("g", d, 1)
    J = sp.Symbol("J")
    return _d(
        "atk44",
        [
            Step(sp.Eq(J, Scalar(T.T * T) / 2), Premise(), "half the squared norm"),
            Step(sp.Eq(g, sp.ZeroMatrix(d, 1)), Differentiate(T, gradient=g), "?"),
        ],
    )


def attack_45():
    """[A] d/dW sum_{pq} W_pq^2 = 0 (SymPy's matrix calculus; true gradient 2W).

    Hole: external oracle (sp.diff on a Sum of matrix entries) trusted without cross-check
    (rules/calculus.py Differentiate).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    p, q = sp.symbols("p q", integer=True)
    W = sp.MatrixSymbol("W", n, n)
    G = sp.MatrixSymbol("G", n, n)
    J = sp.Symbol("J")
    return _d(
        "atk45",
        [
            Step(sp.Eq(J, sp.Sum(W[p, q] ** 2, (p, 0, n - 1), (q, 0, n - 1))), Premise(), ""),
            Step(sp.Eq(G, sp.ZeroMatrix(n, n)), Differentiate(W, gradient=G), "?"),
        ],
    )


# =============================================================================================
# ChainRule
# =============================================================================================


def attack_46():
    """[A] Freshness ignores rule inputs: the gradient is named M, the map's own matrix.

    ChainRule through Y := X M with gradient name M: M is "fresh" (no earlier *statement*
    mentions it), so the step "M = G M^T" is accepted and M is now both the map's matrix and
    dL/dX. dL/dX = G M^T, so the claim M = dL/dX is false for a general M.
    Hole: fresh-name trick (context.py is_fresh only sees statements and given entries).
    """
    N = sp.Symbol("N", integer=True, positive=True)
    X, Y, M, G = (sp.MatrixSymbol(s, N, N) for s in ("X", "Y", "M", "G"))
    L = sp.Symbol("L")
    return _d(
        "atk46",
        [
            Step(sp.Eq(G, Gradient(L, Y)), Premise(), "the gradient from above"),
            Step(sp.Eq(M, G * M.T), ChainRule(Definition(Y, X * M, "a linear map"), X, M), "?"),
        ],
    )


def attack_47():
    """[B] A given ``Definition(..., gradient_of=Y)`` makes any G "the gradient"; the ledger
    hides it.

    The engine uses ``gradient_of`` to accept the chain rule from G, but
    ``Definition.describe`` does not print ``gradient_of``: the ledger shows "G: a data matrix".
    Here G = Y (no loss at all) and the result is announced as "the gradient of the loss at X".
    Hole: assumption used but not shown (ledger.py Definition.describe; context.py gradient_of).
    """
    N = sp.Symbol("N", integer=True, positive=True)
    X, Y, M, G, dX = (sp.MatrixSymbol(s, N, N) for s in ("X", "Y", "M", "G", "dX"))
    return _d(
        "atk47",
        [
            Step(sp.Eq(G, Y), Premise(), "G is just Y"),
            Step(sp.Eq(dX, G * M.T), ChainRule(Definition(Y, X * M, "map"), X, dX), "?"),
        ],
        given=[Definition(G, None, "a data matrix", gradient_of=Y)],
    )


def attack_48():
    """[A] ChainRule's map contradicts the declared definition of the same name.

    Given Z := W A + b, ChainRule through an inline "Z := 2A" is accepted: dA = 2 dZ instead of
    W^T dZ. The map is never compared with the declared definition of Z.
    Hole: rule input that is really an assumption (rules/calculus.py ChainRule._check).
    """
    N = sp.Symbol("N", integer=True, positive=True)
    A, W, b, Z, dZ, dA = (sp.MatrixSymbol(s, N, N) for s in ("A", "W", "b", "Z", "dZ", "dA"))
    L = sp.Symbol("L")
    return _d(
        "atk48",
        [
            Step(sp.Eq(dZ, Gradient(L, Z)), Premise(), ""),
            Step(sp.Eq(dA, 2 * dZ), ChainRule(Definition(Z, 2 * A, "another map"), A, dA), "?"),
        ],
        given=[Definition(Z, W * A + b, "the layer")],
    )


# =============================================================================================
# Evaluate, Linearity
# =============================================================================================


def attack_49():
    """[A] Evaluate treats a name defined as a random variable as a constant.

    M := U (declared) is the same uniform draw, so E[D M] = E[1{U<kp} U] = kp^2/2; the engine
    confirms kp*M (random!) because ``is_random`` only knows names that were the left-hand side
    of an earlier statement, and ``require(not random_symbols(claimed))`` only sees RandomSymbols.
    Hole: hidden dependence through a named quantity (context.py _random_names/is_random).
    """
    kp = sp.Symbol("keep_prob", positive=True)
    U = stats.Uniform("U", 0, 1)
    Dm, M = sp.symbols("Dm M")
    return _d(
        "atk49",
        [
            Step(sp.Eq(Dm, sp.Piecewise((1, U < kp), (0, True))), Premise(), "the mask"),
            Step(sp.Eq(Expect(Dm * M), kp * M), Evaluate(), "?"),
        ],
        given=[Assumption(kp <= 1, "a probability"), Definition(M, U, "the same uniform draw")],
    )


def attack_50():
    """[A] Linearity pulls a random factor out of an expectation: E[U W] = W/2 with W := U.

    True: E[U^2] = 1/3. The claimed value W/2 is itself random. W's randomness is declared
    in ``given`` but Linearity consults only earlier statements.
    Hole: hidden dependence through a named quantity (rules/probability.py Linearity;
    context.py is_random).
    """
    U = stats.Uniform("U", 0, 1)
    W = sp.Symbol("W")
    return _d(
        "atk50",
        [
            Step(sp.Eq(Expect(U), sp.S.Half), Premise(), "true"),
            Step(sp.Eq(Expect(U * W), W / 2), Linearity(), "?"),
        ],
        given=[Definition(W, U, "the same draw")],
    )


# =============================================================================================
# Structure
# =============================================================================================


def attack_51():
    """[A] Mutation after check: ``steps`` may be a list; verdicts are cached.

    ``Derivation`` neither converts ``steps`` (or ``given``) to a tuple nor invalidates the
    ``cached_property`` of verdicts. After a first successful check, a false step
    y = x^2 + 1 is appended; ``check()`` keeps passing and ``d.result`` is the false statement.
    Hole: mutating objects after construction (proof.py Derivation.__post_init__/_verdicts).
    """
    x, y = sp.symbols("x y")
    steps = [
        Step(sp.Eq(y, (x + 1) ** 2), Premise(), ""),
        Step(sp.Eq(y, x**2 + 2 * x + 1), Equal(), "expand"),
    ]
    d = Derivation("atk51", "atk51", (), steps)
    d.check()
    steps.append(Step(sp.Eq(y, x**2 + 1), Equal(), "drop 2x"))
    return d


ALL_ATTACKS = [globals()[f"attack_{k}"] for k in range(1, 52)]
