r"""Exercises on Bayes' rule and the MAP estimate."""

import sympy as sp

from mathreg.exercises.book._names import SIGMA
from mathreg.exercises.record import Exercise, Mistake, Name

theta = sp.Symbol("theta", real=True)
b = sp.Symbol("b", positive=True)
heads, tails = sp.symbols("k t", integer=True, nonnegative=True)
a_prior, b_prior = sp.symbols("a b", positive=True)
sigma = SIGMA.symbol
THETA = Name(theta, r"\(\theta\), the parameter (a real number)", ("θ",))
SCALE = Name(b, r"\(b > 0\), the prior's scale")

EXERCISES = (
    Exercise(
        name="map-gaussian-penalty",
        topic="bayes-map",
        title="A Gaussian prior's penalty",
        statement=r"One parameter \(\theta\) has the prior \(\mathcal N(0, \sigma^2)\). The MAP "
        r"objective adds \(-\log p(\theta)\) to the negative log-likelihood. Without the terms "
        r"that do not depend on \(\theta\), what is \(-\log p(\theta)\)?",
        hint=r"\(p(\theta) = \frac{1}{\sqrt{2\pi}\sigma} e^{-\theta^2/(2\sigma^2)}\).",
        solution=r"\(-\log p(\theta) = \log(\sqrt{2\pi}\sigma) + \frac{\theta^2}{2\sigma^2}\); "
        r"the first term does not depend on \(\theta\), so the penalty is "
        r"\(\frac{\theta^2}{2\sigma^2}\): an L2 penalty of strength \(1/\sigma^2\).",
        names=(THETA, SIGMA),
        answer=theta**2 / (2 * sigma**2),
        typed="theta^2/(2*sigma^2)",
    ),
    Exercise(
        name="map-laplace-penalty",
        topic="bayes-map",
        title="A Laplace prior's penalty",
        statement=r"One parameter \(\theta\) has the Laplace prior \(p(\theta) = \frac{1}{2b}"
        r"e^{-|\theta|/b}\). Without the terms that do not depend on \(\theta\), what is "
        r"\(-\log p(\theta)\)?",
        hint=r"The logarithm undoes the exponential; \(\log(2b)\) does not depend on "
        r"\(\theta\).",
        solution=r"\(-\log p(\theta) = \log(2b) + |\theta|/b\), so the penalty is "
        r"\(|\theta|/b\): an L1 penalty of strength \(1/b\) (the L1 page derives it for every "
        r"parameter).",
        names=(THETA, SCALE),
        answer=sp.Abs(theta) / b,
        typed="abs(theta)/b",
        mistakes=(Mistake(theta / b, "|θ|, not θ: the Laplace density is symmetric around 0"),),
    ),
    Exercise(
        name="map-beta-bernoulli",
        topic="bayes-map",
        title="A coin with a Beta prior",
        statement=r"A coin with bias \(\theta\) shows \(k\) heads and \(t\) tails; the prior "
        r"on \(\theta\) is \(\mathrm{Beta}(a, b)\), with density proportional to "
        r"\(\theta^{a-1}(1-\theta)^{b-1}\). Assuming \(k + a > 1\) and \(t + b > 1\), what is "
        r"the MAP estimate \(\hat\theta\)?",
        hint=r"The posterior is proportional to \(\theta^{k+a-1}(1-\theta)^{t+b-1}\); set the "
        r"derivative of its logarithm to 0.",
        solution=r"The log-posterior is \((k+a-1)\log\theta + (t+b-1)\log(1-\theta)\) plus a "
        r"constant. Its derivative \(\frac{k+a-1}{\theta} - \frac{t+b-1}{1-\theta}\) is "
        r"positive, then negative, and vanishes at \(\hat\theta = "
        r"\frac{k+a-1}{k+t+a+b-2}\). The prior counts as \(a-1\) extra heads and \(b-1\) extra "
        r"tails. `examples/beta_bernoulli_map.py` proves it with the engine.",
        names=(
            Name(heads, r"\(k\), the number of heads"),
            Name(tails, r"\(t\), the number of tails"),
            Name(a_prior, r"\(a > 0\), the prior's first parameter"),
            Name(b_prior, r"\(b > 0\), the prior's second parameter"),
        ),
        answer=(heads + a_prior - 1) / (heads + tails + a_prior + b_prior - 2),
        typed="(k + a - 1)/(k + t + a + b - 2)",
        mistakes=(
            Mistake(
                (heads + a_prior) / (heads + tails + a_prior + b_prior),
                "that is the posterior mean; the MAP estimate is the posterior's mode",
            ),
            Mistake(
                heads / (heads + tails),
                "that is the maximum-likelihood estimate: the prior is missing",
            ),
        ),
    ),
)
