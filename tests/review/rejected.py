"""Attacks that the engine correctly rejects (controls for the report)."""

import sympy as sp
from sympy import stats

from mathreg.ledger import Assumption, Definition, KnownDerivative, Law, Lemma, Part
from mathreg.notation import ArgMax, ArgMin, Exp, Expect, Pr, Propto
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


def D(steps, given=()):
    return Derivation("rej", "rejected", (), tuple(steps), given=tuple(given))


x, y, z, c = sp.symbols("x y z c")
n = sp.Symbol("n", integer=True, positive=True)
i = sp.Symbol("i", integer=True)
a = sp.IndexedBase("a")
th = sp.Symbol("theta", real=True)
that = sp.Symbol("thetahat")
u = sp.Symbol("u")
up = sp.Symbol("u", positive=True)
kp = sp.Symbol("keep_prob", positive=True)


def attack_1():  # premise mid-chain
    return D([Step(sp.Eq(y, x), Premise(), ""), Step(sp.Eq(y, 2 * x), Premise(), "")])


def attack_2():  # rule subclass
    class E2(Equal):
        def _check(self, p, c_, ctx):
            return ()

    return D([Step(sp.Eq(y, x), Premise(), ""), Step(sp.Eq(y, 2 * x), E2(), "")])


def attack_3():  # Monotone g depends on theta
    return D(
        [
            Step(sp.Eq(that, ArgMax(-(th**2), th)), Premise(), ""),
            Step(sp.Eq(that, ArgMax(-(th**3), th)), Monotone(sp.Lambda(u, u * th)), ""),
        ]
    )


def attack_4():  # log of a non-positive objective
    return D(
        [
            Step(sp.Eq(that, ArgMax(-(th**2), th)), Premise(), ""),
            Step(
                sp.Eq(that, ArgMax(sp.log(-(th**2)), th)), Monotone(sp.Lambda(up, sp.log(up))), ""
            ),
        ]
    )


def attack_5():  # UpToConstant drops a theta-dependent term hidden in a Part
    LW = sp.Function("LW")
    return D(
        [
            Step(sp.Eq(that, ArgMin(th**2 + LW(1) ** 2, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMin(th**2, th)), UpToConstant(), ""),
        ],
        given=[Part(LW, th, "block")],
    )


def attack_6():  # hidden dependence via a Substitute-introduced name
    q = sp.Symbol("q")
    return D(
        [
            Step(sp.Eq(that, ArgMin(th**2 + sp.exp(th), th)), Premise(), ""),
            Step(sp.Eq(that, ArgMin(th**2 + q, th)), Substitute({sp.exp(th): q}), ""),
            Step(sp.Eq(that, ArgMin(th**2, th)), UpToConstant(), ""),
        ]
    )


def attack_7():  # Solve divides by a maybe-zero symbol
    return D([Step(sp.Eq(z * x, y), Premise(), ""), Step(sp.Eq(x, y / z), Solve(x), "")])


def attack_8():  # Solve nonlinear
    return D([Step(sp.Eq(x**2, 4), Premise(), ""), Step(sp.Eq(x, 2), Solve(x), "")])


def attack_9():  # Maximise with a used name
    L = sp.Symbol("L")
    return D(
        [
            Step(sp.Eq(L, -(th**2)), Premise(), ""),
            Step(sp.Eq(L, ArgMax(-(th**2), th)), Maximise(L, [th]), ""),
        ]
    )


def attack_10():  # Differentiate gradient name in use
    J = sp.Symbol("J")
    return D(
        [
            Step(sp.Eq(J, x**2), Premise(), ""),
            Step(sp.Eq(J, 2 * x), Differentiate(x, gradient=J), ""),
        ]
    )


def attack_11():  # Differentiate hidden dependence through a Part
    J = sp.Symbol("J")
    w = sp.Symbol("w")
    return D(
        [
            Step(sp.Eq(J, w**2 + x**2), Premise(), ""),
            Step(sp.Eq(sp.Derivative(J, x), 2 * x), Differentiate(x), ""),
        ],
        given=[Part(w, x, "")],
    )


def attack_12():  # ChainRule from a non-gradient
    N = sp.Symbol("N", integer=True, positive=True)
    X, Y, G, dX = (sp.MatrixSymbol(s, N, N) for s in ("X", "Y", "G", "dX"))
    return D(
        [
            Step(sp.Eq(G, Y), Premise(), ""),
            Step(sp.Eq(dX, G), ChainRule(Definition(Y, X, ""), X, dX), ""),
        ]
    )


def attack_13():  # Evaluate trusting P(U<c)=0 directly
    U = stats.Uniform("U", 0, 1)
    Dm = sp.Symbol("Dm")
    return D(
        [
            Step(sp.Eq(Dm, U), Premise(), ""),
            Step(sp.Eq(stats.Probability(Dm < c), 0), Evaluate(), ""),
        ]
    )


def attack_14():  # Evaluate where sympy.stats is wrong (transformed uniform)
    U = stats.Uniform("U", 0, 1)
    Dm = sp.Symbol("Dm")
    return D(
        [
            Step(sp.Eq(Dm, 2 * U), Premise(), ""),
            Step(sp.Eq(stats.Probability(Dm < c), 0), Evaluate(), ""),
        ]
    )


def attack_15():  # Evaluate CDF trap for a discrete variable, strict inequality
    X = stats.Die("X", 6)
    Dm = sp.Symbol("Dm")
    return D(
        [
            Step(sp.Eq(Dm, X), Premise(), ""),
            Step(sp.Eq(stats.Probability(Dm < 3), sp.Rational(1, 2)), Evaluate(), ""),
        ]
    )


def attack_16():  # Linearity with E[D*D]
    U = stats.Uniform("U", 0, 1)
    Dm = sp.Symbol("Dm")
    return D(
        [
            Step(sp.Eq(Dm, sp.Piecewise((1, U < kp), (0, True))), Premise(), ""),
            Step(sp.Eq(Expect(Dm), kp), Evaluate(), ""),
            Step(sp.Eq(Expect(Dm * Dm), kp * Dm), Linearity(), ""),
        ],
        given=[Assumption(kp <= 1, "")],
    )


def attack_17():  # index capture by a free Symbol named like the canonical index
    K = sp.Symbol("k0_0", integer=True)
    S = sp.Symbol("S")
    return D(
        [
            Step(sp.Eq(S, sp.Sum(a[i + K], (i, 1, n))), Premise(), ""),
            Step(sp.Eq(S, sp.Sum(a[2 * i], (i, 1, n))), Equal(), ""),
        ]
    )


def attack_18():  # expand_log without signs
    return D(
        [
            Step(sp.Eq(z, sp.log(x * y)), Premise(), ""),
            Step(sp.Eq(z, sp.log(x) + sp.log(y)), Equal("expand_log"), ""),
        ]
    )


def attack_19():  # instantiate the optimisation parameter
    return D(
        [
            Step(sp.Eq(that, ArgMax(-(th**2), th)), Premise(), ""),
            Step(sp.Eq(that, ArgMax(0, th)), Substitute({th: 0}), ""),
        ]
    )


def attack_20():  # instantiation violating positivity
    sp_ = sp.Symbol("s", positive=True)
    return D(
        [
            Step(sp.Eq(y, sp.sqrt(sp_)), Premise(), ""),
            Step(sp.Eq(y, sp.sqrt(-1)), Substitute({sp_: -1}), ""),
        ]
    )


def attack_21():  # definition dropping a summation index
    q = sp.Symbol("q")
    S = sp.Symbol("S")
    return D(
        [
            Step(sp.Eq(S, sp.Sum(a[i], (i, 1, n))), Premise(), ""),
            Step(sp.Eq(S, sp.Sum(q, (i, 1, n))), Substitute({a[i]: q}), ""),
        ]
    )


def attack_22():  # ApplyToBoth log on non-positive sides
    return D(
        [
            Step(sp.Eq(y, x), Premise(), ""),
            Step(sp.Eq(sp.log(y), sp.log(x)), ApplyToBoth(sp.Lambda(up, sp.log(up))), ""),
        ]
    )


def attack_23():  # two names printing alike
    t2 = sp.Symbol("theta")
    return D(
        [
            Step(sp.Eq(that, ArgMin(th**2 + t2**2, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMin(th**2, th)), UpToConstant(), ""),
        ]
    )


def attack_24():  # Proportional, ratio depends on theta
    Lf = sp.Function("L")(th)
    return D(
        [
            Step(sp.Eq(Lf, th**2 * sp.exp(th)), Premise(), ""),
            Step(Propto(Lf, sp.exp(th), th), Proportional(), ""),
        ]
    )


def attack_25():  # SubstituteInto with a law that lacks the previous lhs
    W, Wn, G = sp.symbols("W W_new G")
    return D(
        [
            Step(sp.Eq(y, 2 * W), Premise(), ""),
            Step(sp.Eq(Wn, W - 2 * W), SubstituteInto(Law(sp.Eq(Wn, W - G), "gd")), ""),
        ]
    )


def attack_26():  # Law citing a derivation with a different statement
    tm = sp.Symbol("thetahat_MAP")
    T = sp.MatrixSymbol("theta", sp.Symbol("d", integer=True, positive=True), 1)
    law = Law(sp.Eq(tm, ArgMin(-sp.log(Pr(sp.Symbol("D"), T)), T)), "map", derivation="map")
    return D(
        [
            Step(sp.Eq(-sp.log(Pr(sp.Symbol("D"), T)), y), Premise(), ""),
            Step(sp.Eq(tm, ArgMin(y, T)), SubstituteInto(law), ""),
        ]
    )


def attack_27():  # Lemma that does not state the replacement
    lem = Lemma(sp.Eq(x**2, 4, evaluate=False), proof=lambda s: None, scope="", general=True)
    return D(
        [
            Step(sp.Eq(y, x**3), Premise(), ""),
            Step(sp.Eq(y, 8), Substitute({x**3: 8}, lemma=lem), ""),
        ]
    )


def attack_28():  # MatPow(A, -1) through ApplyToBoth
    A, X, Y, U = (sp.MatrixSymbol(s, n, n) for s in ("A", "X", "Y", "U"))
    Ai = sp.MatPow(A, -1)
    return D(
        [
            Step(sp.Eq(Y, A * X), Premise(), ""),
            Step(sp.Eq(Ai * Y, X), ApplyToBoth(sp.Lambda(U, Ai * U), ["doit"]), ""),
        ]
    )


def attack_29():  # Proportional with Exp(-oo)
    Lf = sp.Function("L")(th)
    return D(
        [
            Step(sp.Eq(Lf, Exp(-sp.oo) * sp.exp(-(th**2))), Premise(), ""),
            Step(Propto(Lf, sp.exp(-(th**2)), th), Proportional(), ""),
        ]
    )


def attack_30():  # Monotone with floor
    ur = sp.Symbol("u", real=True)
    return D(
        [
            Step(sp.Eq(that, ArgMax(-(th**2), th)), Premise(), ""),
            Step(
                sp.Eq(that, ArgMax(-(th**2) - 2 * sp.floor(-(th**2)), th)),
                Monotone(sp.Lambda(ur, ur - 2 * sp.floor(ur))),
                "",
            ),
        ]
    )


def attack_31():  # KnownDerivative of a term independent of the variable
    J = sp.Symbol("J")
    g = sp.Symbol("g")
    return D(
        [
            Step(sp.Eq(J, x**2 + y), Premise(), ""),
            Step(
                sp.Eq(g, 2 * x + 5),
                Differentiate(x, known=[KnownDerivative(y, x, 5)], gradient=g),
                "",
            ),
        ]
    )


def attack_32():  # Differentiate when the lhs involves the variable
    return D(
        [
            Step(sp.Eq(x * y, x**2), Premise(), ""),
            Step(sp.Eq(sp.Derivative(x * y, x), 2 * x), Differentiate(x), ""),
        ]
    )


def attack_33():  # Solve in a matrix unknown through X + X^T
    X, B = (sp.MatrixSymbol(s, n, n) for s in ("X", "B"))
    return D([Step(sp.Eq(X + X.T, B), Premise(), ""), Step(sp.Eq(X, B / 2), Solve(X), "")])


def attack_34():  # UpToConstant turning argmax into argmin
    return D(
        [
            Step(sp.Eq(that, ArgMax(-(th**2) + 1, th)), Premise(), ""),
            Step(sp.Eq(that, ArgMin(-(th**2), th)), UpToConstant(), ""),
        ]
    )


def attack_35():  # a bare argmax premise acquiring a name via Monotone
    return D(
        [
            Step(ArgMax(-(th**2), th), Premise(), ""),
            Step(sp.Eq(that, ArgMax(-(th**2), th)), Monotone(sp.Lambda(u, u)), ""),
        ]
    )


def attack_36():  # Proportional with empty params
    Lf = sp.Function("L")(th)
    return D(
        [
            Step(sp.Eq(Lf, 2 * sp.exp(th)), Premise(), ""),
            Step(Propto(Lf, sp.exp(th)), Proportional(), ""),
        ]
    )


def attack_37():  # Monotone with g = u - 10*Heaviside(u)
    ur = sp.Symbol("u", real=True)
    return D(
        [
            Step(sp.Eq(that, ArgMax(-(th**2), th)), Premise(), ""),
            Step(
                sp.Eq(that, ArgMax(-(th**2) - 10 * sp.Heaviside(-(th**2)), th)),
                Monotone(sp.Lambda(ur, ur - 10 * sp.Heaviside(ur))),
                "",
            ),
        ]
    )


def attack_38():  # Evaluate with a wrong claim that matches sympy nowhere
    U = stats.Uniform("U", 0, 1)
    Dm = sp.Symbol("Dm")
    return D(
        [
            Step(sp.Eq(Dm, sp.Piecewise((1, U < kp), (0, True))), Premise(), ""),
            Step(sp.Eq(Expect(Dm), kp), Evaluate(), ""),
        ]
    )  # no keep_prob <= 1 declared -> Min(1, kp)
