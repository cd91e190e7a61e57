"""Third red-team round: attempts the engine already rejects (kept as regression tests).

Each ``rejected_<n>()`` returns a :class:`mathreg.proof.Derivation` whose last step is false
(or not proved by its rule); ``check()`` must raise.
"""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Definition, Independent, Lemma, Random
from mathreg.lemmas import gram_plus_ridge_is_positive_definite
from mathreg.notation import ArgMax, Expect
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    Differentiate,
    Equal,
    Evaluate,
    Induction,
    Linearity,
    Premise,
    Proportional,
    Rearrange,
    Series,
    Solve,
    Stationary,
)


def _d(name, steps, given=()):
    return Derivation(
        name, name, (), tuple(Step(e, r, "attempt") for e, r in steps), given=tuple(given)
    )


def rejected_1():
    """Float vs Rational: 1/3 = 0.333333333333333 (the difference is kept as a Float)."""
    L = sp.Symbol("L")
    return _d(
        "r3r1",
        [
            (sp.Eq(L, sp.Rational(1, 3)), Premise()),
            (sp.Eq(L, sp.Float("0.333333333333333")), Equal()),
        ],
    )


def rejected_2():
    """Float rounding: x + 10**16 + 1 = x + 1.0e16."""
    x, L = sp.symbols("x L")
    return _d(
        "r3r2",
        [(sp.Eq(L, x + 10**16 + 1), Premise()), (sp.Eq(L, x + sp.Float(10**16)), Equal())],
    )


def rejected_3():
    """A Symbol subclass whose derivative in x is 7: Differentiate uses its own ``has``."""
    x = sp.Symbol("x", real=True)
    J = sp.Symbol("J")

    class Z(sp.Symbol):
        def _eval_derivative(self, s):
            return sp.Integer(7) if s == x else sp.Integer(0)

        @property
        def free_symbols(self):
            return {self, x}

    z = Z("z")
    return _d(
        "r3r3",
        [
            (sp.Eq(J, x**2 + z * x), Premise()),
            (sp.Eq(sp.Derivative(J, x), 2 * x + z + 7 * x), Differentiate(x)),
        ],
    )


def rejected_4():
    """A KroneckerDelta jump at x = 0: its derivative stays unevaluated, so "1" is refused."""
    x = sp.Symbol("x", real=True)
    J = sp.Symbol("J")
    return _d(
        "r3r4",
        [
            (sp.Eq(J, x + sp.KroneckerDelta(x, 0)), Premise()),
            (sp.Eq(sp.Derivative(J, x), 1), Differentiate(x)),
        ],
    )


def rejected_5():
    """Stationary in an entry w_j of a vector inside Σ_k w_k: the gradient xreplace would miss
    w_j inside the sum; refused because the Hessian Σ_k δ_jk is not settled."""
    n = sp.Symbol("n", integer=True, positive=True)
    j, k = sp.symbols("j k", integer=True)
    w = sp.IndexedBase("w", real=True)
    J, g, est = sp.symbols("J g what")
    total = sp.Sum(w[k], (k, 1, n))
    return _d(
        "r3r5",
        [
            (sp.Eq(J, total**2 / 2), Premise()),
            (sp.Eq(g, total), Differentiate(w[j], gradient=g)),
            (sp.Eq(total, 0), Stationary(est)),
        ],
        [Assumption(j >= 1, "in range"), Assumption(j <= n, "in range")],
    )


def rejected_6():
    """Series of x + x³ sin(1/x²) to O(x²) (its derivative is not 1 + O(x)): SymPy cannot
    expand it, so the step fails."""
    x = sp.Symbol("x", positive=True)
    L = sp.Symbol("L")
    return _d(
        "r3r6",
        [
            (sp.Eq(L, x + x**3 * sp.sin(1 / x**2)), Premise()),
            (sp.Eq(L, x + sp.O(x**2)), Series(x)),
        ],
    )


def rejected_7():
    """Rearrange drops an O-term: L = x + O(x²) to L = x."""
    x = sp.Symbol("x", positive=True)
    L = sp.Symbol("L")
    return _d(
        "r3r7",
        [
            (sp.Eq(L, x + x**2), Premise()),
            (sp.Eq(L, x + sp.O(x**2)), Series(x)),
            (sp.Eq(L, x), Rearrange()),
        ],
    )


def rejected_8():
    """Evaluate: P(U² < c) = 0 for c > 0 (sympy.stats says 0; the exact check at c = 1/4
    finds 1/2)."""
    U = stats.Uniform("U", 0, 1)
    c = sp.Symbol("c", real=True)
    V = sp.Symbol("V")
    return _d(
        "r3r8",
        [(sp.Eq(V, U**2), Premise()), (sp.Eq(stats.Probability(V < c), 0), Evaluate())],
        [Assumption(c > 0, "a positive threshold")],
    )


def rejected_9():
    """Solve divides by a coefficient declared zero: a = 0 declared, a y = 1 solved for y."""
    a, y = sp.symbols("a y")
    return _d(
        "r3r9",
        [(sp.Eq(a * y, 1), Premise()), (sp.Eq(y, 1 / a), Solve(y))],
        [Assumption(sp.Eq(a, 0), "a vanishes")],
    )


def rejected_10():
    """Induction with a wrong base case: w_0 = 1 declared, w_τ = τ claimed."""
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    w = sp.IndexedBase("w", real=True)
    return _d(
        "r3r10",
        [(sp.Eq(w[tau + 1], w[tau] + 1), Premise()), (sp.Eq(w[tau], tau), Induction(tau))],
        [Assumption(sp.Eq(w[0], 1), "the sequence starts at 1")],
    )


def rejected_11():
    """Proportional drops a factor G that depends on θ through its declared definition."""
    th = sp.Symbol("theta", real=True)
    L, G = sp.symbols("L G", positive=True)
    from mathreg.notation import Propto

    return _d(
        "r3r11",
        [
            (sp.Eq(L, G * sp.exp(-(th**2))), Premise()),
            (Propto(L, sp.exp(-(th**2)), th), Proportional()),
        ],
        [Definition(G, sp.exp(th), "a factor that moves with theta")],
    )


def rejected_12():
    """Two names that print alike: ``lamda`` and ``lambda`` are both typeset λ."""
    a = sp.Symbol("lambda")
    b = sp.Symbol("lamda")
    L = sp.Symbol("L")
    return _d("r3r12", [(sp.Eq(L, a - b), Premise()), (sp.Eq(L + b, a), Rearrange())])


def rejected_13():
    """A Wild named x prints like the symbol x."""
    x = sp.Symbol("x")
    wx = sp.Wild("x")
    L = sp.Symbol("L")
    return _d("r3r13", [(sp.Eq(L, x - wx), Premise()), (sp.Eq(L + wx, x), Rearrange())])


def rejected_14():
    """The ridge lemma cited for Xᵀ Y + λI (not a Gram matrix) to solve a matrix equation
    (refused: the product with u is not recognised as A u + b, and the lemma check fails too)."""
    m, d = sp.symbols("m d", integer=True, positive=True)
    X = sp.MatrixSymbol("X", m, d)
    Y = sp.MatrixSymbol("Y", m, d)
    b = sp.MatrixSymbol("b", d, 1)
    u = sp.MatrixSymbol("u", d, 1)
    lam = sp.Symbol("lambda", positive=True)
    A = X.T * Y + lam * sp.Identity(d)
    lemma = Lemma(sp.Q.positive_definite(A), gram_plus_ridge_is_positive_definite, "symbolic", True)
    return _d(
        "r3r14",
        [(sp.Eq(A * u, b), Premise()), (sp.Eq(u, A.I * b), Solve(u, invertible=lemma))],
    )


def rejected_15():
    """Linearity: E[X Z] split along Independent((X,), (Y,)) with Z := X + Y."""
    X, Y, Z, R = sp.symbols("X Y Z R", real=True)
    return _d(
        "r3r15",
        [(sp.Eq(R, Expect(X * Z)), Premise()), (sp.Eq(R, Expect(X) * Expect(Z)), Linearity())],
        [
            Random(X, "noise"),
            Random(Y, "noise"),
            Definition(Z, X + Y, "the sum"),
            Independent((X,), (Y,), "independent draws"),
        ],
    )


def rejected_16():
    """Maximise over θ with the estimate already used in the objective (not fresh)."""
    from mathreg.rules import Maximise

    th = sp.Symbol("theta", real=True)
    L, that = sp.symbols("L thetahat", real=True)
    return _d(
        "r3r16",
        [
            (sp.Eq(L, -((th - that) ** 2)), Premise()),
            (sp.Eq(that, ArgMax(-((th - that) ** 2), th)), Maximise(that, [th])),
        ],
    )


# --- valid controls: true derivations of the attacks' shapes, which must keep checking --------


def control_1():
    """Induction on an index declared only a nonnegative integer (the shape of attacks 4-5)."""
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    w = sp.IndexedBase("w", real=True)
    return _d(
        "r3c1",
        [(sp.Eq(w[tau + 1], w[tau] + 1), Premise()), (sp.Eq(w[tau], tau), Induction(tau))],
        [Assumption(sp.Eq(w[0], 0), "the sequence starts at 0")],
    )


def control_2():
    """FirstDerivativeTest on a smooth objective with every dependence written out (attacks
    6-7): argmax_s [−(s−3)² − (s−1)²] = 2."""
    from mathreg.rules import FirstDerivativeTest

    s = sp.Symbol("s", positive=True)
    shat = sp.Symbol("shat")
    return _d(
        "r3c2",
        [
            (sp.Eq(shat, ArgMax(-((s - 3) ** 2) - (s - 1) ** 2, s)), Premise()),
            (sp.Eq(shat, 2), FirstDerivativeTest()),
        ],
    )


def control_3():
    """ConvexMinimum with a real shift (attacks 8-9): argmin_w (w − μ)² = μ for real μ."""
    from mathreg.notation import ArgMin
    from mathreg.rules import ConvexMinimum

    w = sp.Symbol("w", real=True)
    mu = sp.Symbol("mu", real=True)
    lam = sp.Symbol("lam", real=True)
    what = sp.Symbol("what")
    return _d(
        "r3c3",
        [(sp.Eq(what, ArgMin((w - mu) ** 2, w)), Premise()), (sp.Eq(what, mu), ConvexMinimum(lam))],
    )


def control_4():
    """Stationary for a smooth quadratic (attack 10's shape): J = (x − 1)², x̂ = 1."""
    x = sp.Symbol("x", real=True)
    J, g, xh = sp.symbols("J g xh")
    return _d(
        "r3c4",
        [
            (sp.Eq(J, (x - 1) ** 2), Premise()),
            (sp.Eq(g, 2 * (x - 1)), Differentiate(x, gradient=g)),
            (sp.Eq(2 * (xh - 1), 0), Stationary(xh)),
        ],
    )


def control_5():
    """A sum up to a positive integer n counts n terms (attack 22's shape)."""
    t = sp.Symbol("t", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    L = sp.Symbol("L")
    return _d("r3c5", [(sp.Eq(L, sp.Sum(1, (t, 1, n))), Premise()), (sp.Eq(L, n), Equal())])


def control_6():
    """Equal("doit") on a substitution into an explicit expression (attack 23's shape):
    Subs(x², x, 3) = 9."""
    x = sp.Symbol("x", real=True)
    L = sp.Symbol("L")
    return _d(
        "r3c6",
        [(sp.Eq(L, sp.Subs(x**2, x, 3)), Premise()), (sp.Eq(L, 9), Equal("doit"))],
    )


def control_7():
    """ByCases with a real breakpoint (attack 12's shape): |x − a| = (x − a) sign(x − a)."""
    from mathreg.rules import ByCases

    x = sp.Symbol("x", real=True)
    a = sp.Symbol("a", real=True)
    L = sp.Symbol("L")
    return _d(
        "r3c7",
        [
            (sp.Eq(L, sp.Abs(x - a)), Premise()),
            (sp.Eq(L, (x - a) * sp.sign(x - a)), ByCases(x)),
        ],
    )


def control_8():
    """Linearity with a constant factor (attacks 14-15's shape): E[c X] = c E[X], with c
    listed as not random."""
    X, c, R = sp.symbols("X c R", real=True)
    return _d(
        "r3c8",
        [(sp.Eq(R, Expect(c * X)), Premise()), (sp.Eq(R, c * Expect(X)), Linearity())],
        [Random(X, "the noise")],
    )
