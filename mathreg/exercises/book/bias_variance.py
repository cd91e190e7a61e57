r"""Exercises on the bias-variance decomposition."""

import sympy as sp

from mathreg.exercises.book._names import SIGMA
from mathreg.exercises.record import Exercise, Name

sigma = SIGMA.symbol
f, c, s = sp.symbols("f c s", real=True)
v = sp.Symbol("v", positive=True)
k = sp.Symbol("k", integer=True, positive=True)
F = Name(f, r"\(f = f(x)\), the true value at the input")
V = Name(v, r"\(v > 0\), a variance")
NOISE = Name(sigma, r"\(\sigma > 0\), the noise's standard deviation", ("σ",))

EXERCISES = (
    Exercise(
        name="bv-constant-model",
        topic="bias-variance",
        title="A model that ignores the data",
        statement=r"A model always predicts the same number \(c\), whatever its training set. "
        r"The label is \(y = f + \varepsilon\) with \(\mathbb{E}[\varepsilon] = 0\) and "
        r"\(\operatorname{Var}[\varepsilon] = \sigma^2\). What is its expected squared error "
        r"\(\mathbb{E}[(y - c)^2]\)?",
        hint="Its variance is 0; the noise and the bias remain.",
        solution=r"The decomposition gives \(\sigma^2 + (f - c)^2 + 0\): no variance (the "
        r"prediction never changes), a bias \(f - c\), and the noise, which no model removes.",
        names=(NOISE, F, Name(c, r"\(c\), the constant prediction")),
        answer=sigma**2 + (f - c) ** 2,
        typed="sigma^2 + (f - c)^2",
    ),
    Exercise(
        name="bv-average-of-models",
        topic="bias-variance",
        title="Averaging models",
        statement=r"\(k\) models are trained on independent training sets; each prediction "
        r"has variance \(v\). What is the variance of their average?",
        hint=r"For independent predictions, \(\operatorname{Var}[\sum_i \hat f_i] = \sum_i "
        r"\operatorname{Var}[\hat f_i]\); and for any random \(Z\), "
        r"\(\operatorname{Var}[Z/k] = \operatorname{Var}[Z]/k^2\).",
        solution=r"\(\operatorname{Var}\left[\frac1k\sum_i \hat f_i\right] = \frac{1}{k^2} "
        r"\cdot k v = \frac{v}{k}\). Averaging leaves the bias unchanged and divides the "
        r"variance: the idea behind bagging.",
        names=(V, Name(k, r"\(k\), the number of models")),
        answer=v / k,
        typed="v/k",
    ),
    Exercise(
        name="bv-shrunk-estimate",
        topic="bias-variance",
        title="Shrinking trades bias for variance",
        statement=r"An estimate \(g\) of \(f\) is unbiased (\(\mathbb{E}[g] = f\)) with "
        r"variance \(v\). We use \(s\,g\) instead, for a number \(s\). What is "
        r"\(\mathbb{E}[(f - s\,g)^2]\)?",
        hint=r"Squared bias plus variance: the bias is \(\mathbb{E}[s\,g] - f = (s - 1)f\) "
        r"and the variance is \(s^2 v\).",
        solution=r"\(\mathbb{E}[s g] = s f\), so the bias is \((s - 1)f\), and "
        r"\(\operatorname{Var}[s g] = s^2 v\): the error is \((1-s)^2 f^2 + s^2 v\). For "
        r"\(s\) a little below 1 the variance falls faster than the squared bias grows: this "
        r"is what shrinkage (ridge, weight decay) buys.",
        names=(Name(s, r"\(s\), the shrinking factor"), F, V),
        answer=(1 - s) ** 2 * f**2 + s**2 * v,
        typed="(1 - s)^2*f^2 + s^2*v",
    ),
)
