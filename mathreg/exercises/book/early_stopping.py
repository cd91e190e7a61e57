r"""Exercises on early stopping."""

import sympy as sp

from mathreg.exercises.record import Exercise, Mistake, Name

eps, mu = sp.symbols("epsilon mu", positive=True)
w_star = sp.Symbol("w_star", real=True)
EPS = Name(eps, r"\(\varepsilon > 0\), the step size", ("ε",))
MU = Name(mu, r"\(\mu > 0\), the curvature (an eigenvalue of the Hessian)", ("μ",))
STAR = Name(w_star, r"\(w^*\), the minimum")
RECURSION = (
    r"Gradient descent on \(\frac\mu2 (w - w^*)^2\) with step \(\varepsilon\) follows "
    r"\(w_{\tau+1} = w_\tau - \varepsilon\mu(w_\tau - w^*)\), from \(w_0 = 0\)."
)

EXERCISES = (
    Exercise(
        name="gd-first-step",
        topic="early-stopping",
        title="The first step",
        statement=RECURSION + r" What is \(w_1\)?",
        hint=r"Put \(w_0 = 0\) into the recursion.",
        solution=r"\(w_1 = 0 - \varepsilon\mu(0 - w^*) = \varepsilon\mu w^*\): the fraction "
        r"\(\varepsilon\mu\) of the way to the minimum.",
        names=(EPS, MU, STAR),
        answer=eps * mu * w_star,
        typed="epsilon*mu*w_star",
    ),
    Exercise(
        name="gd-two-steps",
        topic="early-stopping",
        title="Two steps",
        statement=RECURSION + r" What is \(w_2\)?",
        hint=r"The distance to the minimum, \(w^* - w_\tau\), is multiplied by "
        r"\(1 - \varepsilon\mu\) at each step.",
        solution=r"\(w^* - w_2 = (1 - \varepsilon\mu)^2 w^*\), so \(w_2 = \left(1 - "
        r"(1 - \varepsilon\mu)^2\right)w^* = \varepsilon\mu(2 - \varepsilon\mu)w^*\), the "
        r"closed form \((1 - (1-\varepsilon\mu)^\tau)w^*\) at \(\tau = 2\).",
        names=(EPS, MU, STAR),
        answer=(1 - (1 - eps * mu) ** 2) * w_star,
        typed="(1 - (1 - epsilon*mu)^2)*w_star",
        mistakes=(Mistake(2 * eps * mu * w_star, "the second step is shorter than the first"),),
    ),
    Exercise(
        name="early-stopping-strength",
        topic="early-stopping",
        title="The strength early stopping imitates",
        statement=r"To first order in a small step, stopping after \(\tau\) steps of size "
        r"\(\varepsilon\) acts like L2 with \(\lambda \approx 1/(\tau\varepsilon)\). What "
        r"\(\lambda\) do 100 steps of size 0.01 imitate?",
        hint=r"\(\tau\varepsilon = 1\).",
        solution=r"\(\lambda \approx \frac{1}{100 \cdot 0.01} = 1\). Training ten times longer "
        r"would imitate a penalty ten times weaker.",
        names=(),
        answer=sp.Integer(1),
        typed="1",
    ),
)
