"""Fifth red-team round: attacks on the mathreg engine at commit 53888d2.

Each ``attack_<n>()`` builds a :class:`mathreg.proof.Derivation` and returns it. On 53888d2,
``d.check()`` does **not** raise for any of them, yet a derived step is false, or rests on
something the ledger does not show.

Severity tags, as in the earlier rounds:
  [A] a mathematically false conclusion from true premises and true declared inputs;
  [B] the ledger hides something a step rests on.
"""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Definition, Random
from mathreg.notation import ArgMax, Expect
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    Differentiate,
    Equal,
    Evaluate,
    FirstDerivativeTest,
    Induction,
    Linearity,
    Premise,
    Series,
    Stationary,
)


def _d(name, steps, given=()):
    return Derivation(
        name, name, (), tuple(Step(e, r, "attack") for e, r in steps), given=tuple(given)
    )


e = sp.IndexedBase("e", real=True)
i = sp.Symbol("i", integer=True)
n = sp.Symbol("n", integer=True, positive=True)
R = sp.Symbol("R")


def attack_1():
    """[A] E[Σ_{i=1}^{n} eᵢ] = E[Σ_{i=n+1}^{2n} eᵢ]: the moments of two different ranges
    of a random family are "equal".

    An unknown moment was a ``Symbol`` named ``E[e[_i]]``: under the sum it no longer held
    the index (Σᵢ E[eᵢ] became n times one number), and every range of the same length gave
    the same n·E[e[_i]].
    Hole class: a moment's printed name stands in for its monomial (expectation.py Moment).
    """
    return _d(
        "r5a1",
        [
            (sp.Eq(R, Expect(sp.Sum(e[i], (i, 1, n)))), Premise()),
            (sp.Eq(R, Expect(sp.Sum(e[i], (i, n + 1, 2 * n)))), Linearity()),
        ],
        [Random(e, "a family of random quantities, not identically distributed")],
    )


def attack_2():
    """[A] P(2U < c) = 0 "for every c < 1/10", U uniform on [0, 1]: false on (0, 1/10).

    sympy.stats gives 0 for P(2U < c); the exact cross-check ran at the admissible
    candidates, which below 1/10 are all negative (−1/2, −3/2, −1/4), where the probability
    is 0. Finitely many points cannot confirm a value for every admissible c.
    Hole class: Evaluate's finite cross-check (rules/probability.py).
    """
    U = stats.Uniform("U", 0, 1)
    c, V = sp.Symbol("c", real=True), sp.Symbol("V")
    return _d(
        "r5a2",
        [(sp.Eq(V, 2 * U), Premise()), (sp.Eq(stats.Probability(V < c), 0), Evaluate())],
        [Assumption(c < sp.Rational(1, 10), "a small threshold")],
    )


def attack_3():
    """[B] (xz)ⁿ = xⁿzⁿ for an integer n: true, but only because n is an integer (at n = 1/2,
    x = z = −1 it reads 1 = −1), and the ledger said nothing about n.

    ``facts_used`` reports the strongest *sign* fact of a symbol and never ``integer``; the
    rewrite's support looked only at powers with a non-integer exponent.
    Hole class: an integer assumption used silently (rules/base.py, domain.py).
    """
    x, y, z = sp.symbols("x y z")
    k = sp.Symbol("k", integer=True, positive=True)
    return _d(
        "r5a3",
        [(sp.Eq(y, (x * z) ** k), Premise()), (sp.Eq(y, x**k * z**k), Equal("expand_power_base"))],
    )


def attack_4():
    """[B] y = x + sin(πm) gives y = x for an integer m: SymPy drops sin(πm) from its
    assumption, and the ledger did not show that m is an integer.

    Hole class: an integer assumption used silently (rules/base.py).
    """
    x, y = sp.symbols("x y")
    m = sp.Symbol("m", integer=True)
    return _d(
        "r5a4",
        [(sp.Eq(y, x + sp.sin(sp.pi * m, evaluate=False)), Premise()), (sp.Eq(y, x), Equal())],
    )


def attack_5():
    """[A] L = y·x with y := 1/x² declared: Series gives "L = O(x)", but L = 1/x.

    Series expands with SymPy's ``series`` and ``limit``, which take y as a constant; the rule
    did not ask whether a name in the expression depends on x, as the other calculus rules do.
    Hole class: hidden dependence (rules/calculus.py Series).
    """
    x = sp.Symbol("x", positive=True)
    y, L = sp.Symbol("y", real=True), sp.Symbol("L")
    return _d(
        "r5a5",
        [(sp.Eq(L, y * x), Premise()), (sp.Eq(L, sp.O(x)), Series(x))],
        [Definition(y, 1 / x**2, "a name that depends on x")],
    )


def attack_6():
    """[A] J = (x − 1)² + 10·atan(tan x): SymPy's derivative of atan(tan x) is 1, so the
    gradient is 2(x − 1) + 10, the Hessian 2, and Stationary gives x̂ = −4; but atan(tan x) is
    a sawtooth that jumps by −π where cos x = 0 (J(−4) ≈ 16.4, J(−π/2 + 0.01) ≈ −9.1).

    ``undefined`` knew divisions, logarithms and powers, not tan's poles: a statement with
    tan x for every real x passed as "defined everywhere".
    Hole class: poles of tan, cot, sec, csc (domain.py undefined).
    """
    x = sp.Symbol("x", real=True)
    J, g, xh = sp.symbols("J g xh")
    return _d(
        "r5a6",
        [
            (sp.Eq(J, (x - 1) ** 2 + 10 * sp.atan(sp.tan(x))), Premise()),
            (sp.Eq(g, 2 * (x - 1) + 10), Differentiate(x, gradient=g)),
            (sp.Eq(2 * (xh - 1) + 10, 0), Stationary(xh)),
        ],
    )


def attack_7():
    """[A] f(s) = −(s − 1)² + 10·atan(tan s) over s > 0: FirstDerivativeTest gives argmax 6
    (slope 12 − 2s); f(6) ≈ −27.8, while f → 15.4 as s → π/2 from below.

    Hole class: poles of tan (domain.py undefined; rules/cases.py FirstDerivativeTest).
    """
    s = sp.Symbol("s", positive=True)
    shat = sp.Symbol("shat")
    f = -((s - 1) ** 2) + 10 * sp.atan(sp.tan(s))
    return _d(
        "r5a7",
        [(sp.Eq(shat, ArgMax(f, s)), Premise()), (sp.Eq(shat, 6), FirstDerivativeTest())],
    )


def attack_8():
    """[A] d/dx acot(x) = −1/(1 + x²) for every real x: SymPy's acot(x) is atan(1/x), which
    jumps from −π/2 to π/2 at x = 0, where it has no derivative.

    Hole class: jumps missing from NON_SMOOTH (rules/base.py; Differentiate).
    """
    x = sp.Symbol("x", real=True)
    J, g = sp.symbols("J g")
    return _d(
        "r5a8",
        [
            (sp.Eq(J, sp.acot(x)), Premise()),
            (sp.Eq(g, -1 / (1 + x**2)), Differentiate(x, gradient=g)),
        ],
    )


def attack_9():
    """[A] The recursion w_{τ+1} = Σ_{τ=0}^{1} w_τ − w_τ "has the closed form w_τ = 0" with
    w₀ = 0; but at τ = 0 it reads w₁ = w₀ + w₁ − w₀, which leaves w₁ free (0, 5, 0, 5, ... is
    a solution).

    Induction replaced every w[τ] by the closed form, also the ones under a sum that binds τ:
    those are w₀ and w₁, a term the induction hypothesis does not give at τ = 0.
    Hole class: a bound index shadowing the induction variable (rules/cases.py Induction).
    """
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    w = sp.IndexedBase("w")
    return _d(
        "r5a9",
        [
            (sp.Eq(w[tau + 1], sp.Sum(w[tau], (tau, 0, 1)) - w[tau]), Premise()),
            (sp.Eq(w[tau], 0), Induction(tau)),
        ],
        [Assumption(sp.Eq(w[0], 0), "the start")],
    )
