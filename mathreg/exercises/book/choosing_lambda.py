r"""Exercises on choosing λ by cross-validation."""

import sympy as sp

from mathreg.exercises.book._names import M
from mathreg.exercises.record import Exercise, Mistake, Name

m = M.symbol
k = sp.Symbol("k", integer=True, positive=True)
n = sp.Symbol("n", integer=True, positive=True)
s = sp.Symbol("s", positive=True)
FOLDS = Name(k, r"\(k \ge 2\), the number of folds")

EXERCISES = (
    Exercise(
        name="cv-training-size",
        topic="choosing-lambda",
        title="How much data each fit sees",
        statement=r"\(k\)-fold cross-validation splits \(m\) examples into \(k\) folds of "
        r"equal size (say \(k\) divides \(m\)). Each model is fitted on all folds but one. How "
        r"many examples does one fit train on?",
        hint=r"One fold holds \(m/k\) examples.",
        solution=r"\(m - \frac mk = \frac{m(k-1)}{k}\). Each fit sees less data than the final "
        r"model, refitted on all \(m\), so the estimate leans pessimistic, and more so for "
        r"small \(k\).",
        names=(M, FOLDS),
        answer=m * (k - 1) / k,
        typed="m*(k - 1)/k",
        mistakes=(Mistake(m / k, "that is the size of the held-out fold, not of the fit"),),
    ),
    Exercise(
        name="cv-standard-error",
        topic="choosing-lambda",
        title="The standard error of a cross-validation estimate",
        statement=r"A setting's \(k\) fold scores have sample standard deviation \(s\). The "
        r"estimate is their mean. What standard error does the page put on it, the width used "
        r"by the one-standard-error rule?",
        hint=r"The standard deviation of a mean of \(k\) values is the values' spread divided "
        r"by \(\sqrt k\) (treating the folds as independent, which they only roughly are).",
        solution=r"\(s/\sqrt k\). The folds share most of their training data, so the true "
        r"uncertainty is larger; the rule uses this width as a rough guide, not a guarantee.",
        names=(Name(s, r"\(s > 0\), the sample standard deviation of the fold scores"), FOLDS),
        answer=s / sp.sqrt(k),
        typed="s/sqrt(k)",
        mistakes=(Mistake(s / k, "the spread shrinks with the square root of k, not k"),),
    ),
    Exercise(
        name="cv-number-of-fits",
        topic="choosing-lambda",
        title="The cost of a grid search",
        statement=r"You try \(n\) values of \(\lambda\) with \(k\)-fold cross-validation, "
        r"then refit the chosen one on all the data. How many models are fitted in all?",
        hint="Every value is fitted once per fold.",
        solution=r"\(nk + 1\): \(k\) fits for each of the \(n\) values, and the final refit. "
        r"This is why the experiments on the page keep their grids short.",
        names=(Name(n, r"\(n\), the number of values of \(\lambda\) tried"), FOLDS),
        answer=n * k + 1,
        typed="n*k + 1",
        mistakes=(Mistake(n * k, "and the final model, refitted on all the data?"),),
    ),
)
