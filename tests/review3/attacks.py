"""Third red-team round: attacks on the mathreg derivation engine at commit 19a0ffb.

Each ``attack_<n>()`` builds a :class:`mathreg.proof.Derivation` and returns it. On 19a0ffb,
``d.check()`` does **not** raise for any of them, yet a derived step does not follow from the
previous one plus what ``given`` declares and the ledger shows.

Severity tags, as in the earlier rounds:
  [A] a mathematically false conclusion from true premises and true declared inputs;
  [B] the ledger hides something a step rests on;
  [C] display: the page shows a false-looking step (two things print alike).
"""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Definition, Law, Random
from mathreg.notation import ArgMax, ArgMin, Expect, FrobeniusSq, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    ByCases,
    ConvexMinimum,
    Differentiate,
    Equal,
    Evaluate,
    FirstDerivativeTest,
    Induction,
    Linearity,
    Premise,
    Rearrange,
    Series,
    Solve,
    Stationary,
    Substitute,
    SubstituteInto,
)


def _d(name, steps, given=()):
    return Derivation(
        name, name, (), tuple(Step(e, r, "attack") for e, r in steps), given=tuple(given)
    )


# --- ledger: symbol assumptions ---------------------------------------------------------------


def attack_1():
    """[B] Dividing by a symbol declared *negative*: the ledger does not say x < 0.

    ``facts_used`` reports only the keys positive/nonnegative/real of a symbol's declared
    assumptions. Rearrange divides x·y = x·z by x, which ``is_nonzero`` accepts because x was
    created with ``negative=True``; the ledger shows only the premise. (The same for
    ``nonzero=True``, ``nonpositive=True``, ``odd=True``: see attack 2.)
    Hole class: a symbol assumption smuggled via Symbol construction (domain.py facts_used).
    """
    x = sp.Symbol("x", negative=True)
    y, z = sp.symbols("y z")
    return _d("r3a1", [(sp.Eq(x * y, x * z), Premise()), (sp.Eq(y, z), Rearrange())])


def attack_2():
    """[B] Solve divides by a symbol declared ``nonzero=True``; the ledger omits q ≠ 0.

    Hole class: a symbol assumption smuggled via Symbol construction (domain.py facts_used).
    """
    q = sp.Symbol("q", nonzero=True)
    y = sp.Symbol("y")
    return _d("r3a2", [(sp.Eq(q * y, 1), Premise()), (sp.Eq(y, 1 / q), Solve(y))])


def attack_3():
    """[B] A Symbol subclass with a class-level ``is_positive = True``: divided by, not listed.

    ``facts_used`` reads ``_assumptions_orig`` (the keyword arguments), which a class-level
    assumption never reaches, so Rearrange's division by p leaves no trace in the ledger.
    Hole class: symbol assumption smuggled via a Symbol subclass (domain.py facts_used).
    """

    class P(sp.Symbol):
        is_positive = True

    p = P("p")
    y, z = sp.symbols("y z")
    return _d("r3a3", [(sp.Eq(p * y, p * z), Premise()), (sp.Eq(y, z), Rearrange())])


# --- Induction --------------------------------------------------------------------------------


def attack_4():
    """[A] Induction on an index declared ``even=True``: the recursion is given for even τ only.

    τ = Symbol(integer, even, nonnegative) passes "a nonnegative integer that starts at 0".
    The premise w[τ+1] = w[τ] + 1 then only links w1 to w0, w3 to w2, ...; w = (0, 1, 100,
    101, ...) satisfies it, yet the step concludes w[τ] = τ (w2 = 2). The ledger says only
    "τ is nonnegative".
    Hole class: Induction with a wrong range (rules/cases.py Induction: symbol assumptions).
    """
    tau = sp.Symbol("tau", even=True, nonnegative=True)
    w = sp.IndexedBase("w", real=True)
    return _d(
        "r3a4",
        [(sp.Eq(w[tau + 1], w[tau] + 1), Premise()), (sp.Eq(w[tau], tau), Induction(tau))],
        [Assumption(sp.Eq(w[0], 0), "the sequence starts at 0")],
    )


def attack_5():
    """[A] Induction ignores a declared restriction that is not an inequality: τ ≠ 1.

    Only ``a > b``/``a >= b`` facts about τ are refused. With ``Ne(tau, 1)`` declared the
    recursion does not link w2 to w1, so w = (0, 1, 7, 8, ...) satisfies everything declared,
    yet w[τ] = τ is concluded. (``Q.even(tau)`` is accepted the same way.)
    Hole class: Induction with a wrong range (rules/cases.py Induction: declared facts).
    """
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    w = sp.IndexedBase("w", real=True)
    return _d(
        "r3a5",
        [(sp.Eq(w[tau + 1], w[tau] + 1), Premise()), (sp.Eq(w[tau], tau), Induction(tau))],
        [
            Assumption(sp.Eq(w[0], 0), "the sequence starts at 0"),
            Assumption(sp.Ne(tau, 1), "the recursion holds except at tau = 1"),
        ],
    )


# --- FirstDerivativeTest, ConvexMinimum, Stationary -------------------------------------------


def attack_6():
    """[A] FirstDerivativeTest ignores a jump: argmax is 1 (value 9), claimed 2 (value 0).

    f(s) = −(s−2)² + 10·[s ≤ 1]. SymPy differentiates the Piecewise piece by piece
    (−2(s−2) on both pieces), so the sign test sees a smooth function rising to 2 and falling
    after; f(1) = 9 > f(2) = 0. No NON_SMOOTH check in the rule.
    Hole class: Piecewise kinks (rules/cases.py FirstDerivativeTest).
    """
    s = sp.Symbol("s", positive=True)
    shat = sp.Symbol("shat")
    f = -((s - 2) ** 2) + sp.Piecewise((10, s <= 1), (0, True))
    return _d(
        "r3a6",
        [(sp.Eq(shat, ArgMax(f, s)), Premise()), (sp.Eq(shat, 2), FirstDerivativeTest())],
    )


def attack_7():
    """[A] FirstDerivativeTest ignores dependence hidden behind a defined name: argmax "= 1".

    G := −(s−3)² is declared; the objective G − (s−1)² is maximised at s = 2, but SymPy
    differentiates G as a constant, so the slope −2(s−1) changes sign at 1.
    Hole class: derivative through hidden dependence (rules/cases.py FirstDerivativeTest).
    """
    s = sp.Symbol("s", positive=True)
    shat, G = sp.symbols("shat G")
    return _d(
        "r3a7",
        [
            (sp.Eq(shat, ArgMax(G - (s - 1) ** 2, s)), Premise()),
            (sp.Eq(shat, 1), FirstDerivativeTest()),
        ],
        [Definition(G, -((s - 3) ** 2), "a penalty")],
    )


def attack_8():
    """[A] ConvexMinimum skips every term that does not *show* w: argmin "= 1", truly 2.

    ``_strictly_convex_parts`` and ``_one_sided`` drop terms free of w as written; G := (w−3)²
    is declared, so G + (w−1)² is minimised at 2.
    Hole class: hidden dependence (rules/cases.py ConvexMinimum).
    """
    w = sp.Symbol("w", real=True)
    lam = sp.Symbol("lam", real=True)
    what, G = sp.symbols("what G")
    return _d(
        "r3a8",
        [
            (sp.Eq(what, ArgMin(G + (w - 1) ** 2, w)), Premise()),
            (sp.Eq(what, 1), ConvexMinimum(lam)),
        ],
        [Definition(G, (w - 3) ** 2, "a penalty")],
    )


def attack_9():
    """[A] ConvexMinimum does not require a real objective: the real minimiser "is" μ.

    μ has no assumptions (complex); (w − μ)² is not real-valued and has no minimum over real
    w, yet ŵ = μ is accepted, and ŵ is real while μ need not be. Nothing in the ledger says μ
    is real. (Stationary accepts the same: 2(ŵ − μ) = 0 from J = (w − μ)².)
    Hole class: an assumption used but not declared (rules/cases.py ConvexMinimum,
    rules/calculus.py Stationary).
    """
    w = sp.Symbol("w", real=True)
    lam = sp.Symbol("lam", real=True)
    mu, what = sp.symbols("mu what")
    return _d(
        "r3a9",
        [(sp.Eq(what, ArgMin((w - mu) ** 2, w)), Premise()), (sp.Eq(what, mu), ConvexMinimum(lam))],
    )


def attack_10():
    """[A] ``arg`` jumps (π for x < 0, 0 for x > 0) but is not in NON_SMOOTH: a wrong argmin.

    J = (x−1)² − 10·arg(x)/π: SymPy's derivative of arg(x) for real x is 0, so the gradient is
    2(x−1), the Hessian 2, and Stationary concludes x̂ = 1 with J(1) = 0; but J(−0.1) ≈ −8.8.
    Hole class: kinks/jumps (rules/base.py NON_SMOOTH; Differentiate, Stationary).
    """
    x = sp.Symbol("x", real=True)
    J, g, xh = sp.symbols("J g xh")
    return _d(
        "r3a10",
        [
            (sp.Eq(J, (x - 1) ** 2 - 10 * sp.arg(x) / sp.pi), Premise()),
            (sp.Eq(g, 2 * (x - 1)), Differentiate(x, gradient=g)),
            (sp.Eq(2 * (xh - 1), 0), Stationary(xh)),
        ],
    )


def attack_11():
    """[A] A kink hidden in an integrand: d/dx ∫₀ˣ sign(s) ds = sign(x), also at x = 0.

    J = |x| written as an integral; the kink check looks for NON_SMOOTH nodes that contain x,
    and sign(s) contains only the bound s. At x = 0, J has no derivative, yet the step claims
    it is sign(0) = 0.
    Hole class: kinks (rules/calculus.py Differentiate).
    """
    x = sp.Symbol("x", real=True)
    s = sp.Symbol("s", real=True)
    J = sp.Symbol("J")
    return _d(
        "r3a11",
        [
            (sp.Eq(J, sp.Integral(sp.sign(s), (s, 0, x))), Premise()),
            (sp.Eq(sp.Derivative(J, x), sp.sign(x)), Differentiate(x)),
        ],
    )


# --- ByCases ----------------------------------------------------------------------------------


def attack_12():
    """[A] ByCases with a breakpoint that need not be real: |x − a| = (x − a)·sign(x − a).

    a has no assumptions. The one breakpoint x = a needs no ordering, so nothing asks whether
    it is real; the probes x = a − t and a + t make both sides t. For a = i and x = 0 the left
    side is 1 and the right side (−i)·sign(−i) = −1.
    Hole class: an assumption used but not declared (intervals.py regions).
    """
    x = sp.Symbol("x", real=True)
    a, L = sp.symbols("a L")
    return _d(
        "r3a12",
        [
            (sp.Eq(L, sp.Abs(x - a)), Premise()),
            (sp.Eq(L, (x - a) * sp.sign(x - a)), ByCases(x)),
        ],
    )


# --- Series -----------------------------------------------------------------------------------


def attack_13():
    """[A] An O-term hides the dependence on y: L = y x² gives "∂L/∂y = 0".

    Series(x) gives L = O(x²) (true, y real). Differentiate(y) treats O(x²) as free of y (it
    does not show y) and contributes 0; the true derivative is x².
    Hole class: Series/limits with hidden dependence (rules/calculus.py Differentiate).
    """
    x = sp.Symbol("x", positive=True)
    y = sp.Symbol("y", real=True)
    L = sp.Symbol("L")
    return _d(
        "r3a13",
        [
            (sp.Eq(L, y * x**2), Premise()),
            (sp.Eq(L, sp.O(x**2)), Series(x)),
            (sp.Eq(sp.Derivative(L, y), 0), Differentiate(y)),
        ],
    )


# --- expectations -----------------------------------------------------------------------------


def attack_14():
    """[A] A name equal to a declared-random quantity by an earlier step is treated as constant.

    X is declared random; step 1 says Y = X. ``Context._random_names`` follows Definitions
    and sympy.stats variables, not earlier equations with declared-random names, so
    E[Y] = Y and step 2 (equivalent to X = E[X]) is accepted; the ledger then asserts
    "Y not random", which the premise and the declaration contradict.
    Hole class: expectation of a quantity wrongly taken as non-random (context.py).
    """
    X, Y = sp.symbols("X Y", real=True)
    return _d(
        "r3a14",
        [(sp.Eq(Y, X), Premise()), (sp.Eq(Y, X + Expect(Y) - Y), Linearity())],
        [Random(X, "the noise")],
    )


def attack_15():
    """[B] A function application is pulled out of an expectation, and the ledger does not say
    it is treated as non-random: E[h(t)·X] = h(t)·E[X].

    The "not random" line lists only symbols, indexed and matrix names (here t), never h(t);
    if h is a random process the step is false.
    Hole class: ledger omission (rules/probability.py Linearity).
    """
    X = sp.Symbol("X", real=True)
    t = sp.Symbol("t", real=True)
    h = sp.Function("h", real=True)
    R = sp.Symbol("R")
    return _d(
        "r3a15",
        [(sp.Eq(R, Expect(h(t) * X)), Premise()), (sp.Eq(R, h(t) * Expect(X)), Linearity())],
        [Random(X, "the noise")],
    )


def attack_16():
    """[A] A declared moment E[ε_j] = 1 is matched as a pattern, although j is declared 2.

    ``_match`` treats every index symbol of a declared moment as "for every index", so
    E[ε₁] = 1 follows from E[ε_j] = 1 and j = 2.
    Hole class: moments of the wrong quantity (expectation.py _match).
    """
    eps = sp.IndexedBase("eps", real=True)
    j = sp.Symbol("j", integer=True)
    R = sp.Symbol("R")
    return _d(
        "r3a16",
        [(sp.Eq(R, Expect(eps[1])), Premise()), (sp.Eq(R, 1), Linearity())],
        [
            Random(eps, "the noise"),
            Assumption(sp.Eq(Expect(eps[j]), 1), "the j-th noise term has mean 1"),
            Assumption(sp.Eq(j, 2), "j is the second observation"),
        ],
    )


def attack_17():
    """[A/B] Evaluate confirms P(−U < c) = 0 "for every c < 0" at c = −1 and c = −3/2 only.

    sympy.stats returns 0 for P(−U < c); the exact cross-check runs at the admissible
    candidates, which for c < 0 are −1 and −3/2 (two points are enough to pass). At c = −1/2
    the probability is 1/2. The ledger also omits the declared c < 0 that chose the points.
    Hole class: Evaluate's finite cross-check; ledger omission (rules/probability.py).
    """
    U = stats.Uniform("U", 0, 1)
    c = sp.Symbol("c", real=True)
    V = sp.Symbol("V")
    return _d(
        "r3a17",
        [(sp.Eq(V, -U), Premise()), (sp.Eq(stats.Probability(V < c), 0), Evaluate())],
        [Assumption(c < 0, "a negative threshold")],
    )


# --- structure --------------------------------------------------------------------------------


def attack_18():
    """[A] A checked derivation is changed afterwards with ``object.__setattr__``.

    The verdicts are a ``cached_property``: after ``check()``, replacing a (frozen) Step's
    statement by a false one leaves the cached verdicts in place, so ``check()`` and
    ``ledger()`` still pass: (x + 1)² = x² + 1.
    Hole class: mutating frozen dataclasses (proof.py Derivation._verdicts).
    """
    x, y = sp.symbols("x y")
    d = _d("r3a18", [(sp.Eq(y, (x + 1) ** 2), Premise()), (sp.Eq(y, x**2 + 2 * x + 1), Equal())])
    d.check()
    object.__setattr__(d.steps[1], "expr", sp.Eq(y, x**2 + 1))
    return d


# --- names and display ------------------------------------------------------------------------


def attack_19():
    """[C] A symbol x_1 and the entry x[1] both print x₁: the page shows ∂J/∂x₁ = 1 for
    J = x₁² + x₁.

    Only names are compared; the Indexed entry x[1] is recorded as its base x, and the
    symbol as "x_1", although both are typeset x_{1}.
    Hole class: name collisions (context.py printed_forms).
    """
    xb = sp.IndexedBase("x", real=True)
    x1 = sp.Symbol("x_1", real=True)
    J = sp.Symbol("J")
    return _d(
        "r3a19",
        [
            (sp.Eq(J, xb[1] ** 2 + x1), Premise()),
            (sp.Eq(sp.Derivative(J, x1), 1), Differentiate(x1)),
        ],
    )


def attack_20():
    """[C] A symbol f and a function f: f·(y + 1) and f(y + 1) are both typeset f(y+1).

    The page shows L = f(y+1) − f(y) followed by L = f y + f − f(y), i.e. f(y + 1) = f y + f
    for a function f. Function classes are not compared with symbols (nor two function
    classes named alike with each other).
    Hole class: name collisions (context.py printed_forms).
    """
    fs = sp.Symbol("f")
    F = sp.Function("f")
    y, L = sp.symbols("y L")
    return _d(
        "r3a20",
        [
            (sp.Eq(L, fs * (y + 1) - F(y)), Premise()),
            (sp.Eq(L, fs * y + fs - F(y)), Equal()),
        ],
    )


def attack_21():
    """[C] ``named_symbol("q", "-x")`` is typeset −x: the page shows J = x − x and ∂J/∂x = 1.

    The identifier check reads the symbol's name ("q"), never how the LaTeX prints it; its
    form "-x" collides with no other name's.
    Hole class: names that print like expressions (context.py ill_formed/printed_forms).
    """
    x = sp.Symbol("x", real=True)
    q = named_symbol("q", "-x")
    J = sp.Symbol("J")
    return _d(
        "r3a21",
        [(sp.Eq(J, x + q), Premise()), (sp.Eq(sp.Derivative(J, x), 1), Differentiate(x))],
    )


# --- sums, doit, substitution -----------------------------------------------------------------


def attack_22():
    """[A] A sum up to a non-integer limit: Σ_{t=1}^{n} 1 = n for a positive real n.

    ``_reversed_range`` checks that the range does not run backwards, not that the limits
    are integers; SymPy's count n − 1 + 1 is then used. For n = 5/2 the sum has two terms.
    (Σ_{t=0}^{1/2} c = 3c/2 is accepted the same way.)
    Hole class: sums with symbolic limits (domain.py undefined / algebra.py _split_sum).
    """
    t = sp.Symbol("t", integer=True)
    n = sp.Symbol("n", positive=True)
    L = sp.Symbol("L")
    return _d("r3a22", [(sp.Eq(L, sp.Sum(1, (t, 1, n))), Premise()), (sp.Eq(L, n), Equal())])


def attack_23():
    """[A] Equal("doit") drops a substitution: J'(0) = J'(x).

    ``_double_doit`` hides each Derivative behind a Dummy that contains no x, so
    Subs(Dummy, x, 0).doit() is the Dummy and the substitution is lost (see attack 24 for a
    summation index).
    Hole class: Subs/binders around kept nodes (algebra.py _double_doit).
    """
    x = sp.Symbol("x", real=True)
    J = sp.Function("J", real=True)
    L = sp.Symbol("L")
    return _d(
        "r3a23",
        [
            (sp.Eq(L, sp.Subs(sp.Derivative(J(x), x), x, 0)), Premise()),
            (sp.Eq(L, sp.Derivative(J(x), x)), Equal("doit")),
        ],
    )


def attack_24():
    """[A] Equal("doit") lets a summation index escape from a kept Derivative.

    Σ_{k=1}^{3} d/dx J(kx) becomes 3·d/dx J(kx), with k free.
    Hole class: index capture (algebra.py _double_doit).
    """
    x = sp.Symbol("x", real=True)
    k = sp.Symbol("k", integer=True)
    J = sp.Function("J", real=True)
    L = sp.Symbol("L")
    return _d(
        "r3a24",
        [
            (sp.Eq(L, sp.Sum(sp.Derivative(J(k * x), x), (k, 1, 3))), Premise()),
            (sp.Eq(L, 3 * sp.Derivative(J(k * x), x)), Equal("doit")),
        ],
    )


def attack_25():
    """[A] A declared equation is substituted under a matrix binder: e = argmin_W ‖W − 2W‖².

    ``_not_under_a_binder`` keeps only the *Symbol* bound names, so the parameter W (a
    MatrixSymbol bound by the argmin) is captured when C = 2W (W the current weights) is
    used: the minimiser C becomes 0.
    Hole class: capture by a non-Symbol binder (rules/algebraic.py _not_under_a_binder).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    W = sp.MatrixSymbol("W", n, n)
    C = sp.MatrixSymbol("C", n, n)
    e = sp.Symbol("e")
    return _d(
        "r3a25",
        [
            (sp.Eq(e, ArgMin(FrobeniusSq(W - C), W)), Premise()),
            (sp.Eq(e, ArgMin(FrobeniusSq(W - 2 * W), W)), Substitute({C: 2 * W})),
        ],
        [Assumption(sp.Eq(C, 2 * W), "C is twice the current weights")],
    )


def attack_26():
    """[A] SubstituteInto captures the parameter w of an argmin over an indexed vector.

    The capture check keeps only Symbol bound names, so c = 2·w₁ (w the current weights)
    put into the law ŵ = argmin_w (w₁ − c)² gives argmin_w (w₁ − 2w₁)² (minimiser w₁ = 0).
    Hole class: capture by a non-Symbol binder (rules/algebraic.py SubstituteInto).
    """
    w = sp.IndexedBase("w", real=True)
    c = sp.Symbol("c", real=True)
    wh = sp.Symbol("wh")
    law = Law(sp.Eq(wh, ArgMin((w[1] - c) ** 2, w)), "the nearest vector")
    return _d(
        "r3a26",
        [
            (sp.Eq(c, 2 * w[1]), Premise()),
            (sp.Eq(wh, ArgMin((w[1] - 2 * w[1]) ** 2, w)), SubstituteInto(law)),
        ],
    )
