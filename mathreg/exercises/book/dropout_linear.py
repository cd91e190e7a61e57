r"""Exercises on dropout seen as a penalty of a linear model."""

import sympy as sp

from mathreg.exercises.book._names import WEIGHT, X, Y
from mathreg.exercises.record import Exercise, Mistake, Name

w, x, y = WEIGHT.symbol, X.symbol, Y.symbol
p = sp.Symbol("p", positive=True)
KEEP = Name(p, r"\(p \in (0, 1]\), the probability of keeping an input")

EXERCISES = (
    Exercise(
        name="dropout-linear-factor",
        topic="dropout-linear",
        title="The penalty's factor",
        statement=r"With inverted dropout on the inputs, the penalty is "
        r"\(\frac{1-p}{p}\sum_j w_j^2 \sum_i X_{ij}^2\). What is the factor "
        r"\(\frac{1-p}{p}\) when 80% of the inputs are kept?",
        hint=r"\(p = 0.8\).",
        solution=r"\(\frac{0.2}{0.8} = \frac14\). Keeping half the inputs gives 1, keeping "
        r"all of them 0 (no dropout, no penalty).",
        names=(),
        answer=sp.Rational(1, 4),
        typed="1/4",
        mistakes=(Mistake(sp.Integer(4), "upside down: (1 − p)/p, not p/(1 − p)"),),
    ),
    Exercise(
        name="dropout-linear-one-input",
        topic="dropout-linear",
        title="One input, inverted dropout",
        statement=r"A model with one input sees \(\frac{R}{p}x\), where \(R \sim "
        r"\mathrm{Bernoulli}(p)\). What is \(\mathbb{E}\left[(y - \frac{R}{p}xw)^2\right]\)?",
        hint=r"\(\mathbb{E}[R/p] = 1\) and \(\mathbb{E}[R^2/p^2] = 1/p\).",
        solution=r"Expanding the square: \(y^2 - 2yxw\,\mathbb{E}[R/p] + "
        r"x^2w^2\,\mathbb{E}[R^2/p^2]\). With the two moments of the hint this is "
        r"\(y^2 - 2yxw + \frac{x^2w^2}{p}\), that is "
        r"\((y - xw)^2 + \frac{1-p}{p}x^2w^2\).",
        names=(X, Y, WEIGHT, KEEP),
        answer=(y - x * w) ** 2 + (1 - p) / p * x**2 * w**2,
        typed="(y - x*w)^2 + (1 - p)/p*x^2*w^2",
    ),
    Exercise(
        name="dropout-linear-not-inverted",
        topic="dropout-linear",
        title="One input, without rescaling",
        statement=r"The same model without the division: it sees \(Rx\), with \(R \sim "
        r"\mathrm{Bernoulli}(p)\). What is \(\mathbb{E}\left[(y - Rxw)^2\right]\)?",
        hint=r"\(\mathbb{E}[R] = \mathbb{E}[R^2] = p\).",
        solution=r"\(y^2 - 2pyxw + px^2w^2 = (y - pxw)^2 + p(1-p)x^2w^2\): the prediction is "
        r"shrunk by \(p\) on average (Srivastava et al. rescale the weights by \(p\) at test "
        r"time for this reason), and the penalty is \(p(1-p)x^2w^2\).",
        names=(X, Y, WEIGHT, KEEP),
        answer=(y - p * x * w) ** 2 + p * (1 - p) * x**2 * w**2,
        typed="(y - p*x*w)^2 + p*(1 - p)*x^2*w^2",
        mistakes=(
            Mistake(
                (y - x * w) ** 2 + (1 - p) / p * x**2 * w**2,
                "that is with the division by p (inverted dropout)",
            ),
        ),
    ),
)
