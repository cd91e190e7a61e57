"""Attempts that the engine (commit ae76577) rejects correctly: controls for the report."""

import sympy as sp
from sympy import stats

import mathreg.lemmas
from mathreg.ledger import Assumption, Definition, Independent, KnownDerivative, Lemma, Random
from mathreg.notation import ArgMin, Expect, Var, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    ByCases,
    ConvexMinimum,
    Differentiate,
    Equal,
    Evaluate,
    Induction,
    Linearity,
    Premise,
    Rearrange,
    Solve,
    Stationary,
    Substitute,
    UpToConstant,
)


def _d(name, steps, given=()):
    return Derivation(name, name, (), tuple(steps), given=tuple(given))


def rejected_1():
    """Linearity: E[eps_i eps_j] = E[eps_i] E[eps_j] with symbolic i, j (i = j possible)."""
    eps = sp.IndexedBase("eps", real=True)
    i, j = sp.symbols("i j", integer=True)
    R = sp.Symbol("R")
    given = (Random(eps), Independent((eps[i],), (eps[j],)), Assumption(sp.Eq(Expect(eps[i]), 0)))
    return _d(
        "r1",
        [
            Step(sp.Eq(R, Expect(eps[i] * eps[j])), Premise(), ""),
            Step(sp.Eq(R, 0), Linearity(), ""),
        ],
        given,
    )


def rejected_2():
    """Linearity: overlap with a symbolic index (the index symbol joins the factor's heads)."""
    eps = sp.IndexedBase("eps", real=True)
    i, j = sp.symbols("i j", integer=True)
    Z, R = sp.Symbol("Z", real=True), sp.Symbol("R")
    given = (
        Random(eps),
        Definition(Z, eps[i]),
        Independent((eps[i],), (eps[j],)),
        Assumption(sp.Eq(Expect(eps[i]), 0)),
    )
    return _d(
        "r2",
        [Step(sp.Eq(R, Expect(eps[i] * Z)), Premise(), ""), Step(sp.Eq(R, 0), Linearity(), "")],
        given,
    )


def rejected_3():
    """Linearity: E[XY] = E[X]E[Y] without declared independence."""
    X, Y, R = sp.symbols("X Y R", real=True)
    return _d(
        "r3",
        [
            Step(sp.Eq(R, Expect(X * Y)), Premise(), ""),
            Step(sp.Eq(R, Expect(X) * Expect(Y)), Linearity(), ""),
        ],
        (Random(X), Random(Y)),
    )


def rejected_4():
    """Linearity: Z := X + Y is not covered by Independent((X,), (Y,))."""
    X, Y, Z, R = sp.symbols("X Y Z R", real=True)
    given = (Random(X), Random(Y), Definition(Z, X + Y), Independent((X,), (Y,)))
    return _d(
        "r4",
        [
            Step(sp.Eq(R, Expect(Z * X)), Premise(), ""),
            Step(sp.Eq(R, Expect(Z) * Expect(X)), Linearity(), ""),
        ],
        given,
    )


def rejected_5():
    """Linearity: E[exp(eps)] = exp(E[eps]) (not a polynomial)."""
    eps, R = sp.Symbol("eps", real=True), sp.Symbol("R")
    return _d(
        "r5",
        [
            Step(sp.Eq(R, Expect(sp.exp(eps))), Premise(), ""),
            Step(sp.Eq(R, sp.exp(Expect(eps))), Linearity(), ""),
        ],
        (Random(eps),),
    )


def rejected_6():
    """Linearity: a random matrix entry (Poly refuses the non-commutative generator)."""
    W, R = sp.MatrixSymbol("W", 2, 2), sp.Symbol("R")
    return _d(
        "r6",
        [Step(sp.Eq(R, Var(W[0, 0])), Premise(), ""), Step(sp.Eq(R, 0), Linearity(), "")],
        (Random(W),),
    )


def rejected_7():
    """ByCases: |x-a| + |x-b| as a piecewise that needs a < b, declared: the sign reasoning cannot settle."""
    x, a, b = sp.symbols("x a b", real=True)
    L = sp.Symbol("L")
    pw = sp.Piecewise((a + b - 2 * x, x < a), (b - a, x < b), (2 * x - a - b, True))
    return _d(
        "r7",
        [
            Step(sp.Eq(L, sp.Abs(x - a) + sp.Abs(x - b)), Premise(), ""),
            Step(sp.Eq(L, pw), ByCases(x), ""),
        ],
        (Assumption(a < b),),
    )


def rejected_8():
    """ByCases: Heaviside(x, 1) = 1/2 (the breakpoint x = 0 is evaluated exactly)."""
    x, L = sp.Symbol("x", real=True), sp.Symbol("L")
    return _d(
        "r8",
        [
            Step(
                sp.Eq(L, sp.Heaviside(x, 1) - sp.Heaviside(x, 1) + sp.Heaviside(x - x, 1)),
                Premise(),
                "",
            ),
            Step(sp.Eq(L, sp.Rational(1, 2)), ByCases(x), ""),
        ],
    )


def rejected_9():
    """ByCases: |x - a| = x - a with a of unknown sign."""
    x, a, L = sp.Symbol("x", real=True), sp.Symbol("a", real=True), sp.Symbol("L")
    return _d(
        "r9", [Step(sp.Eq(L, sp.Abs(x - a)), Premise(), ""), Step(sp.Eq(L, x - a), ByCases(x), "")]
    )


def rejected_10():
    """ConvexMinimum: a concave square -(w-1)^2."""
    w, lam, wh = sp.Symbol("w", real=True), sp.Symbol("lam", real=True), sp.Symbol("what")
    return _d(
        "r10",
        [
            Step(sp.Eq(wh, ArgMin(-((w - 1) ** 2) + w**2 / 2, w)), Premise(), ""),
            Step(sp.Eq(wh, 2), ConvexMinimum(lam), ""),
        ],
    )


def rejected_11():
    """ConvexMinimum: a concave kink through Min(w, 0)."""
    w, lam, wh = sp.Symbol("w", real=True), sp.Symbol("lam", real=True), sp.Symbol("what")
    return _d(
        "r11",
        [
            Step(sp.Eq(wh, ArgMin((w - 1) ** 2 + 10 * sp.Min(w, 0), w)), Premise(), ""),
            Step(sp.Eq(wh, 1), ConvexMinimum(lam), ""),
        ],
    )


def rejected_12():
    """ConvexMinimum: a wrong minimiser at a kink: 2|w| + (w-1)^2 has its minimum at 0, not 1."""
    w, lam, wh = sp.Symbol("w", real=True), sp.Symbol("lam", real=True), sp.Symbol("what")
    return _d(
        "r12",
        [
            Step(sp.Eq(wh, ArgMin(2 * sp.Abs(w) + (w - 1) ** 2, w)), Premise(), ""),
            Step(sp.Eq(wh, 1), ConvexMinimum(lam), ""),
        ],
    )


def rejected_13():
    """ConvexMinimum: a soft threshold claimed with the wrong sign of lam (lam > 0 declared)."""
    w, lam, wh = sp.Symbol("w", real=True), sp.Symbol("lam", positive=True), sp.Symbol("what")
    z = sp.Symbol("z", real=True)
    wrong = sp.Piecewise((z + lam, z > lam), (z - lam, z < -lam), (0, True))
    return _d(
        "r13",
        [
            Step(sp.Eq(wh, ArgMin((w - z) ** 2 / 2 + lam * sp.Abs(w), w)), Premise(), ""),
            Step(sp.Eq(wh, wrong), ConvexMinimum(z), ""),
        ],
    )


def rejected_14():
    """ConvexMinimum: a floor term (its second derivative stays unevaluated)."""
    w, lam, wh = sp.Symbol("w", real=True), sp.Symbol("lam", real=True), sp.Symbol("what")
    return _d(
        "r14",
        [
            Step(sp.Eq(wh, ArgMin((w - 1) ** 2 + 10 * sp.floor(w), w)), Premise(), ""),
            Step(sp.Eq(wh, 1), ConvexMinimum(lam), ""),
        ],
    )


def rejected_15():
    """Induction: the recursion uses w[tau - 1] directly."""
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    w = sp.IndexedBase("w")
    return _d(
        "r15",
        [
            Step(sp.Eq(w[tau + 1], w[tau] + w[tau - 1]), Premise(), ""),
            Step(sp.Eq(w[tau], 1), Induction(tau), ""),
        ],
        (Assumption(sp.Eq(w[0], 1)),),
    )


def rejected_16():
    """Induction: an index not declared nonnegative."""
    tau = sp.Symbol("tau", integer=True)
    w = sp.IndexedBase("w")
    return _d(
        "r16",
        [
            Step(sp.Eq(w[tau + 1], w[tau] + 1), Premise(), ""),
            Step(sp.Eq(w[tau], tau), Induction(tau), ""),
        ],
        (Assumption(sp.Eq(w[0], 0)),),
    )


def rejected_17():
    """Induction: the recursion reaches other indices through a Sum over k."""
    tau = sp.Symbol("tau", integer=True, nonnegative=True)
    k = sp.Symbol("k", integer=True)
    w = sp.IndexedBase("w")
    return _d(
        "r17",
        [
            Step(sp.Eq(w[tau + 1], sp.Sum(w[k], (k, 0, tau))), Premise(), ""),
            Step(sp.Eq(w[tau], 2**tau), Induction(tau), ""),
        ],
        (Assumption(sp.Eq(w[0], 1)),),
    )


def rejected_18():
    """Stationary: a quartic (the Hessian depends on w)."""
    w = sp.Symbol("w", real=True)
    J, g, wh = sp.symbols("J g what")
    return _d(
        "r18",
        [
            Step(sp.Eq(J, w**4 - w), Premise(), ""),
            Step(sp.Eq(g, 4 * w**3 - 1), Differentiate(w, gradient=g), ""),
            Step(sp.Eq(4 * wh**3 - 1, 0), Stationary(wh), ""),
        ],
    )


def rejected_19():
    """Stationary: a second derivative of unknown sign (a w^2)."""
    w, a = sp.Symbol("w", real=True), sp.Symbol("a", real=True)
    J, g, wh = sp.symbols("J g what")
    return _d(
        "r19",
        [
            Step(sp.Eq(J, a * w**2 - 2 * w), Premise(), ""),
            Step(sp.Eq(g, 2 * a * w - 2), Differentiate(w, gradient=g), ""),
            Step(sp.Eq(2 * a * wh - 2, 0), Stationary(wh), ""),
        ],
    )


def rejected_20():
    """Matrix Solve: X^T X w = X^T y solved without a lemma."""
    m, d = sp.symbols("m d", integer=True, positive=True)
    X, y, w = sp.MatrixSymbol("X", m, d), sp.MatrixSymbol("y", m, 1), sp.MatrixSymbol("w", d, 1)
    return _d(
        "r20",
        [
            Step(sp.Eq(X.T * X * w, X.T * y), Premise(), ""),
            Step(sp.Eq(w, (X.T * X).I * X.T * y), Solve(w), ""),
        ],
    )


def rejected_21():
    """Matrix Solve: the book's gram lemma cited for X^T X alone (no ridge): its check fails."""
    m, d = sp.symbols("m d", integer=True, positive=True)
    X, y, w = sp.MatrixSymbol("X", m, d), sp.MatrixSymbol("y", m, 1), sp.MatrixSymbol("w", d, 1)
    lem = Lemma(
        sp.Q.positive_definite(X.T * X),
        mathreg.lemmas.gram_plus_ridge_is_positive_definite,
        "symbolic",
        True,
    )
    return _d(
        "r21",
        [
            Step(sp.Eq(X.T * X * w, X.T * y), Premise(), ""),
            Step(sp.Eq(w, (X.T * X).I * X.T * y), Solve(w, invertible=lem), ""),
        ],
    )


def rejected_22():
    """Rearrange: dividing x(x-1) = 0 by x, which may be 0."""
    x = sp.Symbol("x", real=True)
    return _d(
        "r22", [Step(sp.Eq(x * (x - 1), 0), Premise(), ""), Step(sp.Eq(x - 1, 0), Rearrange(), "")]
    )


def rejected_23():
    """Rearrange: cancelling a matrix factor A X = A Y into X = Y."""
    A, X, Y = (sp.MatrixSymbol(s, 2, 2) for s in "AXY")
    return _d("r23", [Step(sp.Eq(A * X, A * Y), Premise(), ""), Step(sp.Eq(X, Y), Rearrange(), "")])


def rejected_24():
    """Rearrange: from a tautology to x = 3 (factor 0)."""
    x = sp.Symbol("x", real=True)
    return _d(
        "r24",
        [Step(sp.Eq(x * (x + 1), x**2 + x), Premise(), ""), Step(sp.Eq(x, 3), Rearrange(), "")],
    )


def rejected_25():
    """Solve: the unknown inside a Sum, with a Piecewise whose derivative merges to a constant."""
    x, i = sp.Symbol("x", real=True), sp.Symbol("i", integer=True)
    pw = sp.Piecewise((x + 10, x < 0), (x, True))
    return _d(
        "r25",
        [Step(sp.Eq(x + sp.Sum(pw, (i, 1, 1)), 4), Premise(), ""), Step(sp.Eq(x, 2), Solve(x), "")],
    )


def rejected_26():
    """Evaluate: P(3U > c) = min(1, max(0, 3-c))/3 with c unconstrained (exact check at c = 1/4 catches it)."""
    c = sp.Symbol("c")
    U = stats.Uniform("U", 0, 1)
    D = sp.Symbol("D")
    return _d(
        "r26",
        [
            Step(sp.Eq(D, 3 * U), Premise(), ""),
            Step(
                sp.Eq(
                    stats.Probability(D > c),
                    sp.Min(1, sp.Max(0, 3 - c)) / 3 - sp.Min(1, sp.Max(0, -c)) / 3,
                ),
                Evaluate(),
                "",
            ),
        ],
    )


def rejected_27():
    """Equal("doit"): stats.CentralMoment is not masked, but SymPy's value happens to be right here."""
    c = sp.Symbol("c", negative=True)
    U = stats.Uniform("U", 0, 1)
    v = sp.Symbol("v")
    ind = sp.Piecewise((1, 2 * U < c), (0, True))
    return _d(
        "r27",
        [
            Step(sp.Eq(v, stats.CentralMoment(ind, 2)), Premise(), ""),
            Step(sp.Eq(v, c**2 / 4), Equal("doit"), ""),
        ],
    )


def rejected_28():
    """Differentiate: a KnownDerivative without hidden dependence and a wrong value is compared and refused."""
    w = sp.Symbol("w", real=True)
    J, g = sp.symbols("J g")
    kd = KnownDerivative(w**2, w, 3 * w)
    return _d(
        "r28",
        [
            Step(sp.Eq(J, w**2), Premise(), ""),
            Step(sp.Eq(g, 3 * w), Differentiate(w, known=(kd,), gradient=g), ""),
        ],
    )


def rejected_29():
    """Names: theta next to a named symbol printed {\\theta} (braces are normalised away)."""
    th = sp.Symbol("theta", real=True)
    q = named_symbol("q", r"{\theta}", real=True)
    return _d(
        "r29",
        [
            Step(ArgMin(th**2 + (q - 1) ** 2, th), Premise(), ""),
            Step(ArgMin(th**2, th), UpToConstant(), ""),
        ],
    )


def rejected_30():
    """Stationary: the Hessian's positivity rests on a > b; written factored in the gradient, the
    ledger lists it (for steps 1-2, not for step 3 that uses it: misattributed, not omitted)."""
    w = sp.Symbol("w", real=True)
    a, b = sp.symbols("a b", real=True)
    h = sp.Symbol("h", positive=True)
    J, g, wh = sp.symbols("J g what")
    return _d(
        "r30",
        [
            Step(sp.Eq(J, h * (a - b) * w**2 - 2 * w), Premise(), ""),
            Step(sp.Eq(g, 2 * h * (a - b) * w - 2), Differentiate(w, gradient=g), ""),
            Step(sp.Eq(2 * h * a * wh - 2 * h * b * wh - 2, 0), Stationary(wh), ""),
        ],
        (Assumption(a > b),),
    )


def rejected_31():
    """Substitute: instantiating a summation index bound in the statement."""
    x = sp.IndexedBase("x")
    k = sp.Symbol("k", integer=True)
    n = sp.Symbol("n", integer=True, positive=True)
    S = sp.Symbol("S")
    return _d(
        "r31",
        [
            Step(sp.Eq(S, sp.Sum(x[k], (k, 1, n))), Premise(), ""),
            Step(sp.Eq(S, sp.Sum(x[1], (k, 1, n))), Substitute({k: 1}), ""),
        ],
    )


REJECTED = [globals()[f"rejected_{k}"] for k in range(1, 32)]
