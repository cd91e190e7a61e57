r"""Gaussian noise on the labels: maximum likelihood is least squares, and its noise estimate.

For labels :math:`y_i \sim \mathcal N(\hat y_i, \sigma^2)`, independent, with
:math:`\hat y_i = f(x_i; \theta)` the model's prediction, two derivations:

- ``gaussian-mse``: the maximum-likelihood parameters minimise the mean squared error
  :math:`\frac1n\sum_i (y_i - \hat y_i)^2`, whatever :math:`\sigma`;
- ``gaussian-variance``: with the predictions fixed, the maximum-likelihood noise variance
  is the mean squared residual, :math:`\hat\sigma^2 = \frac1n\sum_i (y_i - \hat y_i)^2`.
"""

import sympy as sp

from mathreg.ledger import Definition
from mathreg.notation import ArgMax, ArgMin, Exp, Pr, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import (
    Equal,
    FirstDerivativeTest,
    Maximise,
    Monotone,
    Premise,
    UpToConstant,
)
from mathreg.symbolic.symbols import X, Y, i, n, theta

__all__ = ["gaussian_mse", "gaussian_variance", "mean_squared_error"]

y = sp.IndexedBase("y", real=True)
prediction = sp.IndexedBase("f", real=True)  # f(x_i; θ), the model's prediction
sigma = sp.Symbol("sigma", positive=True)
theta_ml = named_symbol("thetahat_ML", r"\hat\theta_{\mathrm{ML}}")
variance = sp.Symbol("s", positive=True)  # σ², as the variable of the second derivation
variance_ml = named_symbol("shat", r"\hat\sigma^2")
residuals = named_symbol("S", r"S", positive=True)

PREDICTIONS = Definition(
    prediction,
    None,
    r"the model's prediction $f(x_i; \theta)$, a function of $\theta$",
    depends_on=(theta,),
)


def mean_squared_error() -> sp.Expr:
    r""":math:`\frac1n \sum_i (y_i - \hat y_i)^2`."""
    return sp.Sum((y[i] - prediction[i]) ** 2, (i, 1, n)) / n


def _density(var: sp.Expr) -> sp.Expr:
    """The Gaussian density of label i, with variance ``var``."""
    return sp.Mul(
        sp.Pow(2 * sp.pi * var, sp.Rational(-1, 2)),
        Exp(-((y[i] - prediction[i]) ** 2) / (2 * var)),
        evaluate=False,
    )


def gaussian_mse() -> Derivation:
    """[R14]: with Gaussian label noise, maximum likelihood minimises the mean squared error."""
    log_density = -sp.log(2 * sp.pi * sigma**2) / 2 - (y[i] - prediction[i]) ** 2 / (2 * sigma**2)
    u = sp.Symbol("u", positive=True)
    steps = (
        Step(
            sp.Eq(Pr(Y, theta, X), sp.Product(_density(sigma**2), (i, 1, n))),
            Premise(),
            r"Each label is the prediction plus Gaussian noise of variance $\sigma^2$, "
            "independently: the likelihood is the product of the $n$ Gaussian densities.",
        ),
        Step(
            sp.Eq(theta_ml, ArgMax(sp.Product(_density(sigma**2), (i, 1, n)), theta)),
            Maximise(theta_ml, [theta]),
            "Maximum likelihood: the parameters under which the labels are most probable.",
        ),
        Step(
            sp.Eq(theta_ml, ArgMax(sp.log(sp.Product(_density(sigma**2), (i, 1, n))), theta)),
            Monotone(sp.Lambda(u, sp.log(u))),
            r"$\log$ is strictly increasing and the likelihood is positive.",
        ),
        Step(
            sp.Eq(theta_ml, ArgMax(sp.Sum(log_density, (i, 1, n)), theta)),
            Equal("expand_log"),
            "The log of the product is the sum of the log-densities.",
        ),
        Step(
            sp.Eq(
                theta_ml,
                ArgMax(-sp.Sum((y[i] - prediction[i]) ** 2, (i, 1, n)) / (2 * sigma**2), theta),
            ),
            UpToConstant(),
            r"$-\frac{n}{2}\log(2\pi\sigma^2)$ does not depend on $\theta$.",
        ),
        Step(
            sp.Eq(theta_ml, ArgMin(mean_squared_error(), theta)),
            Monotone(sp.Lambda(sp.Symbol("v"), -2 * sigma**2 * sp.Symbol("v") / n)),
            r"Multiply by $-2\sigma^2/n < 0$: the maximiser of the log-likelihood is the "
            r"minimiser of the mean squared error. $\sigma$ has dropped out.",
            eq="R14",
        ),
    )
    return Derivation(
        name="gaussian-mse",
        title="Gaussian noise: maximum likelihood is least squares",
        equations=("R14",),
        steps=steps,
        summary=(
            "If each label is the model's prediction plus independent Gaussian noise, the "
            "maximum-likelihood parameters minimise the mean squared error, whatever the "
            "noise level: this is where the squared loss comes from."
        ),
        given=(PREDICTIONS,),
    )


def gaussian_variance() -> Derivation:
    """[R15]: the maximum-likelihood noise variance is the mean squared residual."""
    log_likelihood = -n * sp.log(2 * sp.pi * variance) / 2 - residuals / (2 * variance)
    return Derivation(
        name="gaussian-variance",
        title="The maximum-likelihood noise variance",
        equations=("R15",),
        steps=(
            Step(
                sp.Eq(variance_ml, ArgMax(log_likelihood, variance)),
                Premise(),
                "With the predictions fixed at the fitted ones, the log-likelihood as a function "
                r"of the variance $s = \sigma^2$, where $S = \sum_i (y_i - \hat y_i)^2 > 0$ is "
                "the sum of squared residuals.",
            ),
            Step(
                sp.Eq(variance_ml, residuals / n),
                FirstDerivativeTest(),
                r"The derivative $-\frac{n}{2s} + \frac{S}{2s^2} = \frac{S - ns}{2s^2}$ is "
                "positive below $S/n$ and negative above: the likelihood peaks at the mean "
                "squared residual.",
                eq="R15",
            ),
        ),
        summary=(
            "The maximum-likelihood estimate of the noise variance is the mean squared "
            "residual $S/n$."
        ),
        given=(
            Definition(
                residuals, None, r"$\sum_i (y_i - \hat y_i)^2$, the sum of squared residuals, > 0"
            ),
        ),
    )
