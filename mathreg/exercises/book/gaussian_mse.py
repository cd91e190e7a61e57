r"""Exercises on squared error from Gaussian noise."""

import sympy as sp

from mathreg.exercises.book._names import SIGMA, Y
from mathreg.exercises.record import Exercise, Mistake, Name

sigma, y = SIGMA.symbol, Y.symbol
yhat = sp.Symbol("yhat", real=True)
S = sp.Symbol("S", positive=True)
n = sp.Symbol("n", integer=True, positive=True)
YHAT = Name(yhat, r"\(\hat y\), the prediction", ("ŷ",))
NOISE = Name(sigma, r"\(\sigma > 0\), the noise's standard deviation", ("σ",))

EXERCISES = (
    Exercise(
        name="gaussian-nll",
        topic="gaussian-mse",
        title="The Gaussian negative log-likelihood",
        statement=r"A label is \(y \sim \mathcal N(\hat y, \sigma^2)\). What is "
        r"\(-\log p(y)\)? (`pi` is \(\pi\).)",
        hint=r"\(p(y) = \frac{1}{\sqrt{2\pi\sigma^2}}\exp\left(-\frac{(y - \hat y)^2}"
        r"{2\sigma^2}\right)\).",
        solution=r"\(-\log p(y) = \frac{(y - \hat y)^2}{2\sigma^2} + \frac12\log(2\pi\sigma^2)"
        r"\): for a fixed \(\sigma\), minimising it is minimising the squared error.",
        names=(Y, YHAT, NOISE),
        answer=(y - yhat) ** 2 / (2 * sigma**2) + sp.log(2 * sp.pi * sigma**2) / 2,
        typed="(y - yhat)^2/(2*sigma^2) + log(2*pi*sigma^2)/2",
        mistakes=(
            Mistake(
                (y - yhat) ** 2 / (2 * sigma**2),
                "the normalising term ½log(2πσ²) is missing: it matters when σ is learned",
            ),
        ),
        rewrites=("expand_log", "cancel"),
    ),
    Exercise(
        name="gaussian-variance-mle",
        topic="gaussian-mse",
        title="The maximum-likelihood noise variance",
        statement=r"\(n\) residuals have the sum of squares \(S = \sum_i (y_i - \hat y_i)^2\). "
        r"What is the maximum-likelihood estimate of \(\sigma^2\)?",
        hint=r"Minimise \(\frac{S}{2\sigma^2} + \frac n2\log\sigma^2\) over \(\sigma^2\).",
        solution=r"The derivative in \(\sigma^2\) is \(-\frac{S}{2\sigma^4} + "
        r"\frac{n}{2\sigma^2}\), zero at \(\hat\sigma^2 = S/n\): the mean squared residual.",
        names=(
            Name(S, r"\(S > 0\), the sum of squared residuals"),
            Name(n, r"\(n\), the number of residuals"),
        ),
        answer=S / n,
        typed="S/n",
        mistakes=(
            Mistake(S / (n - 1), "that is the unbiased estimate; maximum likelihood divides by n"),
        ),
    ),
    Exercise(
        name="gaussian-mse-gradient",
        topic="gaussian-mse",
        title="The gradient in the prediction",
        statement=r"What is the derivative of \(\frac{(y - \hat y)^2}{2\sigma^2}\) with respect "
        r"to \(\hat y\)?",
        hint=r"The chain rule gives a factor \(-1\).",
        solution=r"\(\frac{\hat y - y}{\sigma^2}\): the residual, scaled by the precision.",
        names=(Y, YHAT, NOISE),
        answer=(yhat - y) / sigma**2,
        typed="(yhat - y)/sigma^2",
    ),
)
