r"""Exercises on noise injected into the inputs."""

import sympy as sp

from mathreg.exercises.book._names import SIGMA, WEIGHT, X, Y
from mathreg.exercises.record import Exercise, Mistake, Name

sigma, w, x, y = SIGMA.symbol, WEIGHT.symbol, X.symbol, Y.symbol
s = sp.Symbol("s", positive=True)
NOISE = Name(sigma, r"\(\sigma > 0\), the noise's standard deviation", ("σ",))

EXERCISES = (
    Exercise(
        name="noise-one-input",
        topic="noise-injection",
        title="Noise on one input",
        statement=r"A model \(xw\) with one input is trained on \(x + \varepsilon\), with "
        r"\(\mathbb{E}[\varepsilon] = 0\) and \(\operatorname{Var}[\varepsilon] = \sigma^2\). "
        r"What is \(\mathbb{E}\left[(y - (x + \varepsilon)w)^2\right]\)?",
        hint=r"Write \(y - (x+\varepsilon)w = (y - xw) - \varepsilon w\) and expand the "
        r"square.",
        solution=r"Expanding the square gives \((y - xw)^2 - 2(y - xw)w\,\varepsilon + "
        r"w^2\varepsilon^2\). In expectation the middle term vanishes, since "
        r"\(\mathbb{E}[\varepsilon] = 0\), and \(w^2\,\mathbb{E}[\varepsilon^2] = \sigma^2 w^2\). "
        r"What remains is \((y - xw)^2 + \sigma^2 w^2\): the clean error plus an L2 penalty of "
        r"strength \(\sigma^2\).",
        names=(X, Y, WEIGHT, NOISE),
        answer=(y - x * w) ** 2 + sigma**2 * w**2,
        typed="(y - x*w)^2 + sigma^2*w^2",
    ),
    Exercise(
        name="noise-strength-from-deviation",
        topic="noise-injection",
        title="The strength from the noise level",
        statement=r"Noise of standard deviation \(s\) is added to each input of a linear "
        r"model. In expectation the squared error gains a penalty \(c\lVert w\rVert^2\). What "
        r"is \(c\)?",
        hint="The penalty's strength is the noise's variance.",
        solution=r"\(c = s^2\), the variance: noise with standard deviation 0.1 is an L2 "
        r"penalty of strength 0.01.",
        names=(Name(s, r"\(s > 0\), the noise's standard deviation"),),
        answer=s**2,
        typed="s^2",
        mistakes=(Mistake(s, "c is the variance, the square of the standard deviation"),),
    ),
    Exercise(
        name="noise-multiplicative",
        topic="noise-injection",
        title="Multiplicative noise",
        statement=r"The input is multiplied by noise instead: the model sees "
        r"\(x(1 + \varepsilon)\), with \(\mathbb{E}[\varepsilon] = 0\) and "
        r"\(\operatorname{Var}[\varepsilon] = \sigma^2\). What is "
        r"\(\mathbb{E}\left[(y - x(1 + \varepsilon)w)^2\right]\)?",
        hint=r"Now the noise term is \(x\varepsilon w\).",
        solution=r"\((y - xw)^2 + \sigma^2 x^2 w^2\): the penalty on \(w\) grows with the "
        r"input's size \(x^2\). This is Gaussian dropout, and the dropout-as-a-penalty page "
        r"finds the same shape for Bernoulli masks.",
        names=(X, Y, WEIGHT, NOISE),
        answer=(y - x * w) ** 2 + sigma**2 * x**2 * w**2,
        typed="(y - x*w)^2 + sigma^2*x^2*w^2",
        mistakes=(
            Mistake(
                (y - x * w) ** 2 + sigma**2 * w**2,
                "that is additive noise; here the noise is multiplied by x",
            ),
        ),
    ),
)
