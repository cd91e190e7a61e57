"""Second red-team round: attacks on the mathreg derivation engine at commit ae76577.

Each ``attack_<n>()`` builds a :class:`mathreg.proof.Derivation` and returns it. On ae76577,
``d.check()`` does **not** raise for any of them, yet a derived step (step >= 2) does not follow
from the previous step plus what ``given`` declares and the ledger shows. A fixed engine should
make each raise::

    import pytest
    from mathreg.proof import DerivationError
    @pytest.mark.parametrize("attack", ALL_ATTACKS)
    def test_attack_rejected(attack):
        with pytest.raises(DerivationError):
            attack().check()

Run: ``cd /work/wt/redteam2 && PYTHONPATH=/work/wt/redteam2 /work/main/.venv/bin/python
/tmp/redteam2/run.py /tmp/redteam2/attacks.py [-v]`` (``-v`` prints each ledger).

Severity tags:
  [A] a mathematically false conclusion (from true premises and true declared inputs);
  [B] the ledger misstates what the proof rests on (a fact used silently, or an unchecked
      input shown as proved or checked);
  [C] display: two distinct names print alike on the page, so the page shows a false step.
"""

import sympy as sp
from sympy import stats

import mathreg.domain
import mathreg.lemmas
from mathreg.ledger import (
    Assumption,
    Definition,
    Independent,
    KnownDerivative,
    Law,
    Lemma,
    Random,
)
from mathreg.notation import ArgMax, ArgMin, Expect, Gradient, Scalar, Var, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    ApplyToBoth,
    ByCases,
    ChainRule,
    ConvexMinimum,
    Differentiate,
    Equal,
    Evaluate,
    Induction,
    Linearity,
    Maximise,
    Monotone,
    Premise,
    Solve,
    Stationary,
    Substitute,
    SubstituteInto,
    UpToConstant,
)


def _d(name, steps, given=()):
    return Derivation(name, name, (), tuple(steps), given=tuple(given))


# =============================================================================================
# Linearity (mathreg/expectation.py)
# =============================================================================================


def attack_1():
    """[A] Overlapping independence groups make `_split` drop a factor: E[ε₁·Z] = E[ε₁]² = 0.

    Declared (all true for i.i.d. noise): ε is random, ε₁ is independent of ε₂, E[ε₁] = 0, and
    Z := ε₁. Then E[ε₁·Z] = E[ε₁²] = Var ε₁ > 0. The two groups of
    ``Independent((eps[1],), (eps[2],))`` have the same head ``eps``, so the factor ε₁ lands in
    *both* ``left`` and ``right``; Z lands in neither; ``len(left) + len(right) == 2 ==
    len(factors)`` passes, and the monomial is split into E[ε₁]·E[ε₁]: Z is dropped.
    Hole: expectation.py:85-93 (`_split` counts, it does not partition).
    """
    eps = sp.IndexedBase("eps", real=True)
    Z = sp.Symbol("Z", real=True)
    R = sp.Symbol("R")
    given = (
        Random(eps, "the noise"),
        Definition(Z, eps[1], "the first noise term, kept under another name"),
        Independent((eps[1],), (eps[2],), "the noise terms are independent"),
        Assumption(sp.Eq(Expect(eps[1]), 0), "the noise has mean zero"),
    )
    return _d(
        "a1",
        [
            Step(sp.Eq(R, Expect(eps[1] * Z)), Premise(), "R is E[ε₁ Z] = E[ε₁²]"),
            Step(sp.Eq(R, 0), Linearity(), "independence and mean zero"),
        ],
        given,
    )


def attack_2():
    """[A] A declared-random function application is treated as a constant: Var[f̂(x)] = 0.

    ``Random(fhat(x))`` puts the *class* fhat among the random names, but `_atoms_of` keeps only
    Symbol/Indexed/MatrixSymbol nodes, so fhat(x) is never an atom; E[f̂(x)²] = f̂(x)² and
    E[f̂(x)] = f̂(x), hence Var = 0. The ledger even says "fhat(x) is random".
    Hole: expectation.py:58-66 (`_atoms_of`), expectation.py:98-100 (no atom → E[c] = c).
    """
    x = sp.Symbol("x", real=True)
    fhat = sp.Function("fhat", real=True)
    R = sp.Symbol("R")
    return _d(
        "a2",
        [
            Step(sp.Eq(R, Var(fhat(x))), Premise(), "the variance of the fitted model at x"),
            Step(sp.Eq(R, 0), Linearity(), "linearity"),
        ],
        (Random(fhat(x), "the model is fitted to a random training set"),),
    )


def attack_3():
    """[A] Random names inside a Sum are invisible to the polynomial: Var[Σᵢ εᵢ] = 0.

    The atom is eps[i] with i bound by the Sum; ``sp.Poly(Sum(eps[i], ...)**2, eps[i])`` takes
    the whole Sum as a *coefficient* (its free symbols do not include eps[i]), so E[S²] = S² and
    E[S]² = S². The ledger says "eps is random".
    Hole: expectation.py:101 (Poly coefficients are not checked to be free of random names).
    """
    eps = sp.IndexedBase("eps", real=True)
    i = sp.Symbol("i", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    R = sp.Symbol("R")
    return _d(
        "a3",
        [
            Step(
                sp.Eq(R, Var(sp.Sum(eps[i], (i, 1, n)))),
                Premise(),
                "the variance of the total noise",
            ),
            Step(sp.Eq(R, 0), Linearity(), "linearity"),
        ],
        (Random(eps, "the noise"),),
    )


def attack_4():
    """[A] Moments are created real: Im E[ε] = 0 for a complex ε.

    ``Moment`` is ``Symbol(..., real=True)`` (expectation.py:38), so ``im(E[ε])`` normalises to
    0 although ε was declared with no realness (ε = i with probability 1 gives Im E[ε] = 1).
    Nothing in the ledger says the random quantities are real. (Variant: |E[ε]|² = E[ε]².)
    Hole: expectation.py:38.
    """
    eps = sp.Symbol("eps")
    R = sp.Symbol("R")
    return _d(
        "a4",
        [
            Step(sp.Eq(R, sp.im(Expect(eps))), Premise(), "the imaginary part of the mean"),
            Step(sp.Eq(R, 0), Linearity(), "linearity"),
        ],
        (Random(eps, "a complex-valued noise"),),
    )


def attack_5():
    """[B] An integer-valued quantity is treated as a constant without the ledger saying so.

    Linearity promises that "the ledger lists ... the names treated as random and as constant",
    but the constant list skips integer Symbols (probability.py:350). N, "the number of heads
    in ten fair coin tosses", gets Var[N] = 0 (true value 5/2) and no "N not random" line.
    Hole: rules/probability.py:344-353.
    """
    N = sp.Symbol("N", integer=True, nonnegative=True)
    R = sp.Symbol("R")
    return _d(
        "a5",
        [
            Step(sp.Eq(R, Var(N)), Premise(), "the variance of the count"),
            Step(sp.Eq(R, 0), Linearity(), "linearity"),
        ],
        (Definition(N, None, "the number of heads in ten fair coin tosses"),),
    )


def attack_6():
    """[B] Linearity's normal form is a plain ``sp.expand``: log(xy) is split silently.

    R4 of the first round made ``canonical`` call expand(log=False, power_base=False) so that a
    log or power split needs a named rewrite and lists the positivity it uses. `normal_form`
    (expectation.py:150) and `_expectation` (:101) call ``sp.expand`` with the default hints, so
    Linearity proves E[ε log(xy)] = E[ε](log x + log y) and the ledger omits "x, y positive".
    Hole: expectation.py:101 and :150.
    """
    eps = sp.Symbol("eps", real=True)
    x, y = sp.symbols("x y", positive=True)
    R = sp.Symbol("R")
    return _d(
        "a6",
        [
            Step(sp.Eq(R, Expect(eps * sp.log(x * y))), Premise(), "p"),
            Step(sp.Eq(R, Expect(eps) * (sp.log(x) + sp.log(y))), Linearity(), "linearity"),
        ],
        (Random(eps, "noise"),),
    )


# =============================================================================================
# ByCases (mathreg/intervals.py, rules/cases.py)
# =============================================================================================


def attack_7():
    """[A] ByCases drops Heaviside's second argument: H(0, 1) = 1 is settled to 1/2.

    The argument (x+1)² − x² − 2x − 1 is identically 0 but not literally 0, so Heaviside(·, 1)
    stays unevaluated; `_settle_node` proves the sign 0 and returns ``node.func(0)`` =
    Heaviside(0) = 1/2, discarding H0 = 1. True value: 1 for every x.
    Hole: intervals.py:210.
    """
    x = sp.Symbol("x", real=True)
    L = sp.Symbol("L")
    return _d(
        "a7",
        [
            Step(sp.Eq(L, sp.Heaviside((x + 1) ** 2 - x**2 - 2 * x - 1, 1)), Premise(), "p"),
            Step(sp.Eq(L, sp.Rational(1, 2)), ByCases(x), "by cases"),
        ],
    )


def attack_8():
    """[B] ByCases settles max(a, b) = b with the declared a < b, and the ledger omits a < b.

    `mask` uses the fact to sign a − b, but ByCases reports ``facts_used(gap)``, which lists a
    declared fact only when its expression b − a occurs literally in the gap (it does not:
    the gap is Max(a, b) − b). If a > b the step is false.
    Hole: rules/cases.py:52 (and domain.py:289-295); the same in ConvexMinimum (cases.py:172).
    """
    x, a, b = sp.symbols("x a b", real=True)
    L = sp.Symbol("L")
    return _d(
        "a8",
        [
            Step(sp.Eq(L, sp.Max(a, b)), Premise(), "p"),
            Step(sp.Eq(L, b), ByCases(x), "b is the larger"),
        ],
        (Assumption(a < b, "a is below b"),),
    )


# =============================================================================================
# ConvexMinimum (rules/cases.py)
# =============================================================================================


def attack_9():
    """[A] A Piecewise with a jump passes the convexity test as "linear": argmin = 1, truly 0.

    f(w) = (w−1)² + [−10 if w ≤ 0]. `_strictly_convex_parts` accepts any term whose second
    derivative SymPy says is 0; SymPy differentiates a Piecewise piece by piece, ignoring the
    jump. f(1) = 0 but f(0) = −9, so the minimiser is 0.
    Hole: rules/cases.py:76 (and `_one_sided` uses sp.diff of the Piecewise, :98-104).
    """
    w = sp.Symbol("w", real=True)
    lam = sp.Symbol("lam", real=True)
    wh = sp.Symbol("what")
    f = (w - 1) ** 2 + sp.Piecewise((0, w > 0), (-10, True))
    return _d(
        "a9",
        [
            Step(sp.Eq(wh, ArgMin(f, w)), Premise(), "p"),
            Step(sp.Eq(wh, 1), ConvexMinimum(lam), "optimality condition"),
        ],
    )


def attack_10():
    """[A] ConvexMinimum recognises the problem by its class *name*: a "min value" becomes a minimiser.

    The premise m = min_w[(w−1)² + 3] (= 3) uses a user class named ``ArgMin`` that prints as
    min. `type(problem).__name__ == "ArgMin"` accepts it and the step concludes m = 1.
    Hole: rules/cases.py:131-134 (no isinstance check against notation.ArgMin).
    """

    class ArgMin(sp.Function):
        nargs = 2

        @property
        def params(self):
            return (self.args[1],)

        @property
        def objective(self):
            return self.args[0]

        def _sympystr(self, printer):
            return f"min_{{{printer._print(self.args[1])}}}[{printer._print(self.args[0])}]"

        def _latex(self, printer, exp=None):
            return rf"\min_{{{printer._print(self.args[1])}}}\left[{printer._print(self.args[0])}\right]"

    w = sp.Symbol("w", real=True)
    lam = sp.Symbol("lam", real=True)
    m = sp.Symbol("m")
    return _d(
        "a10",
        [
            Step(sp.Eq(m, ArgMin((w - 1) ** 2 + 3, w)), Premise(), "m is the smallest value"),
            Step(sp.Eq(m, 1), ConvexMinimum(lam), "optimality condition"),
        ],
    )


def attack_11():
    """[A] ConvexMinimum ignores the optimisation variable's domain: argmin over w > 0 "is" −1.

    w is declared positive, so argmin_w (w+1)² is a problem over (0, ∞), which has no minimiser
    (and certainly not −1, which is outside the domain). The check only asks ``w.is_real``.
    The ledger even lists "w is positive".
    Hole: rules/cases.py:137.
    """
    w = sp.Symbol("w", positive=True)
    lam = sp.Symbol("lam", real=True)
    wh = sp.Symbol("what")
    return _d(
        "a11",
        [
            Step(sp.Eq(wh, ArgMin((w + 1) ** 2, w)), Premise(), "p"),
            Step(sp.Eq(wh, -1), ConvexMinimum(lam), "optimality condition"),
        ],
    )


# =============================================================================================
# Induction (rules/cases.py)
# =============================================================================================


def attack_12():
    """[A] Induction ignores dependence on the index hidden behind a declared name.

    c := τ (declared). The recursion w_{τ+1} = w_τ + c with w₀ = 1 gives w_τ = 1 + τ(τ−1)/2;
    the check treats c as a constant and accepts w_τ = 1 + τc = 1 + τ². (Same with a name for
    w_{τ−1}: a second-order recursion passes as first-order.)
    Hole: rules/cases.py:221-239 (no `context.depends(..., tau)` / sequence check through names).
    """
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    w = sp.IndexedBase("w")
    c = sp.Symbol("c")
    given = (Definition(c, tau, "the step number"), Assumption(sp.Eq(w[0], 1), "start at 1"))
    return _d(
        "a12",
        [
            Step(sp.Eq(w[tau + 1], w[tau] + c), Premise(), "add the step number"),
            Step(sp.Eq(w[tau], 1 + tau * c), Induction(tau), "induction"),
        ],
        given,
    )


def attack_13():
    """[A] Induction with τ declared *positive*: the recursion is given only from τ = 1, yet the
    base case is taken at 0.

    w_{τ+1} = w_τ + 1 for τ ≥ 1 and w₀ = 0 leave w₁ free (w = 0, 5, 6, 7, …), so w_τ = τ is
    false. The check requires only ``tau.is_nonnegative`` (a positive τ passes); the ledger
    says "τ is positive".
    Hole: rules/cases.py:199-202.
    """
    tau = sp.Symbol("tau", integer=True, positive=True)
    w = sp.IndexedBase("w")
    return _d(
        "a13",
        [
            Step(sp.Eq(w[tau + 1], w[tau] + 1), Premise(), "the update, for each step τ ≥ 1"),
            Step(sp.Eq(w[tau], tau), Induction(tau), "induction"),
        ],
        (Assumption(sp.Eq(w[0], 0), "start at 0"),),
    )


def attack_14():
    """[A] Induction ignores a declared restriction τ ≥ 1 of the recursion's range.

    As attack 13, with τ a nonnegative integer and the declared fact τ ≥ 1 (which the ledger
    does not even list: the check never reads it).
    Hole: rules/cases.py:199-202 (declared facts about τ are not consulted).
    """
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    w = sp.IndexedBase("w")
    return _d(
        "a14",
        [
            Step(sp.Eq(w[tau + 1], w[tau] + 1), Premise(), "the update"),
            Step(sp.Eq(w[tau], tau), Induction(tau), "induction"),
        ],
        (
            Assumption(sp.Eq(w[0], 0), "start at 0"),
            Assumption(tau >= 1, "the update runs from step 1 on"),
        ),
    )


# =============================================================================================
# Stationary (rules/calculus.py)
# =============================================================================================


def attack_15():
    """[A] Differentiate and Stationary accept a J with a jump: argmin "= 3", truly 1.

    J = (w−3)² for w > 1 and (w−3)² − 100 for w ≤ 1. SymPy's derivative of the Piecewise merges
    both pieces into 2w − 6 (so step 2 already claims a derivative at the jump w = 1), the
    Hessian is 2, and the stationary point is w = 3 with J = 0; but J(1) = −96.
    Hole: rules/calculus.py:230 (sp.diff of a Piecewise) and :404-409 (Hessian from sp.diff).
    """
    w = sp.Symbol("w", real=True)
    J, g, wh = sp.symbols("J g what")
    f = sp.Piecewise(((w - 3) ** 2, w > 1), ((w - 3) ** 2 - 100, True))
    return _d(
        "a15",
        [
            Step(sp.Eq(J, f), Premise(), "p"),
            Step(sp.Eq(g, 2 * w - 6), Differentiate(w, gradient=g), "differentiate"),
            Step(sp.Eq(2 * wh - 6, 0), Stationary(wh), "gradient zero"),
            Step(sp.Eq(wh, 3), Solve(wh), "solve"),
        ],
    )


def attack_16():
    """[A] Stationary's "constant Hessian" ignores dependence hidden behind a name.

    J = (w−1)² + h with h := w⁴/4; the (true) known derivative dh/dw = k with k := w³. The
    gradient 2w − 2 + k has SymPy-Hessian 2 (k is a "constant"), so J is taken as a quadratic
    and the minimiser "solves" 2ŵ − 2 + k = 0, i.e. ŵ = 1 − w³/2: a function of the free
    variable w, while the true minimiser is the number ŵ ≈ 0.771 (root of 2ŵ − 2 + ŵ³).
    Hole: rules/calculus.py:404-409 (no `context.hidden_dependence(gradient, w)`).
    """
    w = sp.Symbol("w", real=True)
    J, g, wh, h, k = sp.symbols("J g what h k")
    given = (Definition(h, w**4 / 4, "a quartic penalty"), Definition(k, w**3, "its slope"))
    kd = KnownDerivative(h, w, k, "d(w⁴/4)/dw = w³")
    return _d(
        "a16",
        [
            Step(sp.Eq(J, (w - 1) ** 2 + h), Premise(), "p"),
            Step(sp.Eq(g, 2 * w - 2 + k), Differentiate(w, known=(kd,), gradient=g), "d"),
            Step(sp.Eq(2 * wh - 2 + k, 0), Stationary(wh), "gradient zero"),
            Step(sp.Eq(wh, 1 - k / 2), Solve(wh), "solve"),
        ],
        given,
    )


def attack_17():
    """[A] Stationary ignores the variable's domain: the minimiser over w > 0 "is" −1.

    As attack 11 for Stationary: w is declared positive, J = (w+1)² has no minimiser on
    (0, ∞), and the derivation concludes ŵ = −1.
    Hole: rules/calculus.py:397-437 (no check that the stationary point lies in w's domain,
    nor that w is unconstrained).
    """
    w = sp.Symbol("w", positive=True)
    J, g, wh = sp.symbols("J g what")
    return _d(
        "a17",
        [
            Step(sp.Eq(J, (w + 1) ** 2), Premise(), "p"),
            Step(sp.Eq(g, 2 * w + 2), Differentiate(w, gradient=g), "d"),
            Step(sp.Eq(2 * wh + 2, 0), Stationary(wh), "gradient zero"),
            Step(sp.Eq(wh, -1), Solve(wh), "solve"),
        ],
    )


# =============================================================================================
# Lemmas and matrix Solve
# =============================================================================================


def attack_18():
    """[B] Any function from a mathreg module is shown as the lemma's vetted proof.

    ``Lemma(Q.positive_definite(XᵀX), proof=mathreg.domain.undefined, general=True)``: `undefined`
    returns None (no undefined part), so the "check passes", and `Lemma.checked_by` labels it
    "proved in general … checked by mathreg.domain.undefined" (module starts with "mathreg.").
    XᵀX is singular when m < d, so w = (XᵀX)⁻¹Xᵀy is undefined there. (A user function with
    ``__module__ = "mathreg.lemmas"`` is labelled the same way.)
    Hole: ledger.py:266-272 (`checked_by`); rules/algebraic.py:546 and calculus.py:432 run any callable.
    """
    m, d = sp.symbols("m d", integer=True, positive=True)
    X = sp.MatrixSymbol("X", m, d)
    y = sp.MatrixSymbol("y", m, 1)
    w = sp.MatrixSymbol("w", d, 1)
    lemma = Lemma(
        sp.Q.positive_definite(X.T * X),
        mathreg.domain.undefined,
        "proved for symbolic shapes",
        True,
        "gram",
    )
    return _d(
        "a18",
        [
            Step(sp.Eq(X.T * X * w, X.T * y), Premise(), "normal equations"),
            Step(sp.Eq(w, (X.T * X).I * X.T * y), Solve(w, invertible=lemma), "solve"),
        ],
    )


def attack_19():
    """[B] The ridge lemma needs real entries; without a Scalar in the statement the ledger omits it.

    `gram_plus_ridge_is_positive_definite` treats XᵀX as positive semidefinite, true only for real
    X (for X = [i], λ = 1: XᵀX + λI = 0). proof.py adds "the entries of … are real" only for
    matrices inside a `Scalar`; this Solve uses none, so the ledger shows the lemma "proved in
    general" and no realness.
    Hole: lemmas.py:16-25 and proof.py:260-267.
    """
    m, d = sp.symbols("m d", integer=True, positive=True)
    lam = sp.Symbol("lam", positive=True)
    X = sp.MatrixSymbol("X", m, d)
    y = sp.MatrixSymbol("y", m, 1)
    w = sp.MatrixSymbol("w", d, 1)
    A = X.T * X + lam * sp.Identity(d)
    lemma = Lemma(
        sp.Q.positive_definite(A),
        mathreg.lemmas.gram_plus_ridge_is_positive_definite,
        "proved for symbolic shapes",
        True,
        "ridge",
    )
    return _d(
        "a19",
        [
            Step(sp.Eq(A * w, X.T * y), Premise(), "ridge normal equations"),
            Step(sp.Eq(w, A.I * X.T * y), Solve(w, invertible=lemma), "solve"),
        ],
    )


# =============================================================================================
# Substitute / SubstituteInto
# =============================================================================================


def attack_20():
    """[A] A declared equation is substituted under a binder: "x_k = 0" turns Σ_k x_k into 0.

    The declared x_k = 0 is about one entry k (k free); the premise sums over a bound k. The
    declared-equation branch returns before any capture check and `xreplace` rewrites the
    bound occurrence. (Same with an Integral: c = t substituted into ∫₀¹ c t dt.)
    Hole: rules/algebraic.py:180-183 and :170 (plain xreplace, no binder check).
    """
    x = sp.IndexedBase("x")
    k = sp.Symbol("k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    S = sp.Symbol("S")
    return _d(
        "a20",
        [
            Step(sp.Eq(S, sp.Sum(x[k], (k, 1, n))), Premise(), "S is the total"),
            Step(sp.Eq(S, 0), Substitute({x[k]: 0}), "entry k is zero"),
        ],
        (Assumption(sp.Eq(x[k], 0), "entry k is zero"),),
    )


def attack_21():
    """[A] Unfolding a declared definition captures its free index: Σ_k c = n·x_k becomes Σ_k x_k.

    c := x_k (the k-th entry, k free). The premise S = Σ_{k=1}^n c = n·x_k; unfolding c inside
    the sum over k gives Σ_k x_k.
    Hole: rules/algebraic.py:177-179 (the unfolding branch has no capture check).
    """
    x = sp.IndexedBase("x")
    k = sp.Symbol("k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    S, c = sp.symbols("S c")
    return _d(
        "a21",
        [
            Step(sp.Eq(S, sp.Sum(c, (k, 1, n))), Premise(), "n copies of c"),
            Step(sp.Eq(S, sp.Sum(x[k], (k, 1, n))), Substitute({c: x[k]}), "unfold c"),
        ],
        (Definition(c, x[k], "the k-th entry"),),
    )


def attack_22():
    """[A] An instantiation ignores a declared equation about the symbol: a = 2 declared, a := 3.

    `_instantiation` checks the declared >, ≥ facts and predicates, not equations (nor ≠). From
    y = a + 1 with a = 2 it derives y = 4; the ledger shows only "a = 3 (a special case)", not
    the declared a = 2 that makes the special case impossible.
    Hole: rules/algebraic.py:274-289.
    """
    a = sp.Symbol("a", real=True)
    y = sp.Symbol("y")
    return _d(
        "a22",
        [
            Step(sp.Eq(y, a + 1), Premise(), "p"),
            Step(sp.Eq(y, 4), Substitute({a: 3}), "special case"),
        ],
        (Assumption(sp.Eq(a, 2), "a is two"),),
    )


def attack_23():
    """[A] A random name is "instantiated" by a constant: E[ε] = 0 declared, yet R = E[ε] = 1.

    `_instantiation` refuses a random *value* but not a random *name*: ε := 1 turns R = E[ε] into
    R = E[1] = 1. The ledger lists neither "ε is random" nor "E[ε] = 0".
    Hole: rules/algebraic.py:239-242.
    """
    eps = sp.Symbol("eps", real=True)
    R = sp.Symbol("R")
    return _d(
        "a23",
        [
            Step(sp.Eq(R, Expect(eps)), Premise(), "the mean noise"),
            Step(sp.Eq(R, Expect(1)), Substitute({eps: 1}), "special case"),
            Step(sp.Eq(R, 1), Linearity(), "E[1] = 1"),
        ],
        (Random(eps, "noise"), Assumption(sp.Eq(Expect(eps), 0), "mean zero")),
    )


def attack_24():
    """[A] SubstituteInto captures a name bound by an Integral: A = ∫₀¹ c t dt with c = t gives 1/3.

    `bound_names` knows Sum, Product and argmax parameters, not Integral (or Lambda) variables,
    so the capture check of R7 passes. Correct result: A = t/2.
    Hole: rules/base.py:268-276 (`bound_names`), used at rules/algebraic.py:349-357.
    """
    t, c, A = sp.symbols("t c A", real=True)
    law = Law(sp.Eq(A, sp.Integral(c * t, (t, 0, 1))), "the area under the line of slope c")
    return _d(
        "a24",
        [
            Step(sp.Eq(c, t), Premise(), "the slope is the current time t"),
            Step(sp.Eq(A, sp.Integral(t * t, (t, 0, 1))), SubstituteInto(law), "put the slope in"),
        ],
    )


# =============================================================================================
# Evaluate, doit
# =============================================================================================


def attack_25():
    """[A] Evaluate's exact cross-check uses three fixed points that miss where sympy.stats is wrong.

    D = 3U, U ~ Uniform(0, 1), c > 1 declared. SymPy gives P(D > c) = min(1, max(0, 3−c))/3,
    which is right for c ≥ 2 and wrong on (1, 2) (at c = 3/2: 1/3 instead of 1/2). The
    admissible points are the first three CANDIDATES with c > 1: 2, 5/2, 7, all where SymPy is
    right. The ledger says "confirmed by exact integration at c = 2; 5/2; 7".
    Hole: rules/probability.py:38-41 and :114-141 (a fixed, small, predictable point set).
    """
    c = sp.Symbol("c")
    U = stats.Uniform("U", 0, 1)
    D = sp.Symbol("D")
    return _d(
        "a25",
        [
            Step(sp.Eq(D, 3 * U), Premise(), "three times a uniform draw"),
            Step(
                sp.Eq(stats.Probability(D > c), sp.Min(1, sp.Max(0, 3 - c)) / 3),
                Evaluate(),
                "evaluate",
            ),
        ],
        (Assumption(c > 1, "the threshold is above 1"),),
    )


def attack_26():
    """[A] Equal("doit") trusts SymPy's closed-form summation: Σₖ (−1)ᵏ k² C(n,k) "= 0".

    For n ≥ 1 the sum is 0 only from n = 3 on: n = 1 gives −1, n = 2 gives 2. SymPy's summation
    is an external oracle; the `doit` rewrite masks sympy.stats, derivatives, integrals and
    limits, but not Sum/Product, and the ledger records no oracle.
    Hole: algebra.py:50-64 (`_double_doit`).
    """
    n = sp.Symbol("n", integer=True, positive=True)
    k = sp.Symbol("k", integer=True)
    S = sp.Symbol("S")
    return _d(
        "a26",
        [
            Step(sp.Eq(S, sp.Sum((-1) ** k * k**2 * sp.binomial(n, k), (k, 0, n))), Premise(), "p"),
            Step(sp.Eq(S, 0), Equal("doit"), "evaluate the sum"),
        ],
    )


# =============================================================================================
# Differentiate (known derivatives), ChainRule
# =============================================================================================


def attack_27():
    """[B] A known derivative of a term with hidden dependence is accepted with any value.

    h := w² is declared, so dh/dw = 2w is computable, yet `KnownDerivative(h, w, 5)` is taken on
    trust because h "has hidden dependence"; the ledger shows it as a plain "known derivative"
    (not "assumed"), contradicting the declared definition next to it. R4's fix asked for
    "accept only an opaque, fresh value" in that case.
    Hole: rules/calculus.py:197-205.
    """
    w = sp.Symbol("w", real=True)
    J, g, h = sp.symbols("J g h")
    kd = KnownDerivative(h, w, sp.Integer(5), "its slope")
    return _d(
        "a27",
        [
            Step(sp.Eq(J, h), Premise(), "p"),
            Step(sp.Eq(g, 5), Differentiate(w, known=(kd,), gradient=g), "differentiate"),
        ],
        (Definition(h, w**2, "a square"),),
    )


def attack_28():
    """[A/B] A known matrix derivative is "checked" against SymPy's matrix calculus, which R17
    showed wrong for sums of entries: ∇_w (Σ_p w_p² + cᵀw) = c (truly 2w + c).

    The computed pieces are confirmed entry by entry, the known ones only against
    ``sp.diff`` (which gives 0 for Σ_p w_p²). The ledger's oracle line ("confirmed entry by entry")
    covers the step.
    Hole: rules/calculus.py:197-205 (no `confirm_matrix_derivative` for known derivatives).
    """
    d = sp.Symbol("d", integer=True, positive=True)
    w = sp.MatrixSymbol("w", d, 1)
    c = sp.MatrixSymbol("c", d, 1)
    G = sp.MatrixSymbol("G", d, 1)
    p = sp.Symbol("p", integer=True)
    J = sp.Symbol("J")
    norm = sp.Sum(w[p, 0] ** 2, (p, 0, d - 1))
    kd = KnownDerivative(norm, w, sp.ZeroMatrix(d, 1), "the squared norm's gradient")
    return _d(
        "a28",
        [
            Step(sp.Eq(J, norm + Scalar(c.T * w)), Premise(), "p"),
            Step(sp.Eq(G, c), Differentiate(w, known=(kd,), gradient=G), "differentiate"),
        ],
    )


def attack_29():
    """[A] ChainRule trusts SymPy's matrix calculus unconfirmed: ∂L/∂X = 0 for Y = (Σ X_pq)·B.

    The pull-back d tr(Gᵀ f(X))/dX is taken from ``sp.diff`` (calculus.py:335) with no
    entry-by-entry confirmation; SymPy differentiates the sum of entries to 0. Truly
    ∂L/∂X = tr(GᵀB)·𝟙.
    Hole: rules/calculus.py:335.
    """
    m, n = sp.symbols("m n", integer=True, positive=True)
    p, q = sp.symbols("p q", integer=True)
    X = sp.MatrixSymbol("X", m, n)
    B = sp.MatrixSymbol("B", m, n)
    Y = sp.MatrixSymbol("Y", m, n)
    G = sp.MatrixSymbol("G", m, n)
    H = sp.MatrixSymbol("H", m, n)
    L = sp.Symbol("L")
    total = sp.Sum(X[p, q], (p, 0, m - 1), (q, 0, n - 1))
    through = Definition(Y, total * B, "B scaled by the sum of X's entries")
    return _d(
        "a29",
        [
            Step(sp.Eq(G, Gradient(L, Y)), Premise(), "the gradient arriving at Y"),
            Step(sp.Eq(H, sp.ZeroMatrix(m, n)), ChainRule(through, X, H), "pull back"),
        ],
    )


# =============================================================================================
# Assumptions carried by a Symbol subclass (rules/base.py declared_assumptions, domain.facts_used)
# =============================================================================================


class PositiveSymbol(sp.Symbol):
    """A symbol that is positive by its class (``is_positive = True``), not by a keyword."""

    is_positive = True


def attack_30():
    """[A] Monotone's domain check is blind to class-level assumptions: argmin(θ²−1) = argmin(θ²−1)².

    u is positive by its class, so SymPy signs g'(u) = 2u > 0, but `declared_assumptions(u)`
    reads ``assumptions0`` (keyword assumptions only) and finds none, so the objective θ² − 1
    (negative near 0) is never required to be positive. argmin(θ² − 1) = 0, argmin (θ²−1)² = ±1.
    The R9 fix is bypassed. Hole: rules/base.py:230-235; domain.py:283-288 (ledger silent too).
    """
    th = sp.Symbol("theta", real=True)
    u = PositiveSymbol("u")
    est = sp.Symbol("thetahat")
    return _d(
        "a30",
        [
            Step(sp.Eq(est, ArgMin(th**2 - 1, th)), Premise(), "p"),
            Step(sp.Eq(est, ArgMin((th**2 - 1) ** 2, th)), Monotone(sp.Lambda(u, u**2)), "square"),
        ],
    )


def attack_31():
    """[A] An introduced name may carry class-level assumptions: θ̂ "positive" = argmax −(θ+1)².

    R13's fix (`require_fresh` refuses assumptions) reads ``assumptions0`` and misses
    ``is_positive = True`` on the class. θ̂ := argmax = −1, but |θ̂| = θ̂ by its positivity, so the
    derivation states θ̂ = |argmax …| = 1. The ledger mentions no positivity of θ̂.
    Hole: rules/base.py:209-212 and :230-235.
    """
    th = sp.Symbol("theta", real=True)
    est = PositiveSymbol("thetahat")
    L = sp.Symbol("L")
    u = sp.Symbol("u")
    objective = -((th + 1) ** 2)
    return _d(
        "a31",
        [
            Step(sp.Eq(L, objective), Premise(), "p"),
            Step(sp.Eq(est, ArgMax(objective, th)), Maximise(est, (th,)), "name the maximiser"),
            Step(
                sp.Eq(est, sp.Abs(ArgMax(objective, th))),
                ApplyToBoth(sp.Lambda(u, sp.Abs(u))),
                "abs",
            ),
        ],
    )


# =============================================================================================
# Names that print alike (context.py printed_forms / ill_formed)
# =============================================================================================


def attack_32():
    """[C] A Cyrillic homoglyph: argmin_x[x² + (х−1)²] = argmin_x x² (х is U+0445).

    `_IDENTIFIER` accepts any Unicode letter and the printed forms are compared as strings, so
    "x" and "х" differ, although every page shows them identically.
    Hole: context.py:92 and :101-106.
    """
    x = sp.Symbol("x", real=True)
    x_cyrillic = sp.Symbol("\u0445", real=True)
    return _d(
        "a32",
        [
            Step(ArgMin(x**2 + (x_cyrillic - 1) ** 2, x), Premise(), "p"),
            Step(ArgMin(x**2, x), UpToConstant(), "drop the constant"),
        ],
    )


def attack_33():
    """[C] A LaTeX synonym: ``\\mathit{\\theta}`` renders as θ, like the parameter theta.

    `_normal` strips braces, spaces, \\left, \\right, \\, and \\! only; \\mathit, \\mathnormal,
    \\displaystyle, \\; or a raw "θ" all escape it. The page shows argmin_θ[θ² + (θ−1)²] =
    argmin_θ θ².
    Hole: context.py:93-98.
    """
    th = sp.Symbol("theta", real=True)
    q = named_symbol("q", r"\mathit{\theta}", real=True)
    return _d(
        "a33",
        [
            Step(ArgMin(th**2 + (q - 1) ** 2, th), Premise(), "p"),
            Step(ArgMin(th**2, th), UpToConstant(), "drop the constant"),
        ],
    )


ALL_ATTACKS = [globals()[f"attack_{k}"] for k in range(1, 34)]
