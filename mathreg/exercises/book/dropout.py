r"""Exercises on (inverted) dropout."""

import sympy as sp

from mathreg.exercises.book._names import KEEP, A
from mathreg.exercises.record import Exercise, Mistake, Name

a, keep = A.symbol, KEEP.symbol
q = sp.Symbol("q", positive=True)

EXERCISES = (
    Exercise(
        name="dropout-forgot-to-divide",
        topic="dropout",
        title="Forgetting to divide",
        statement=r"A forward pass applies the mask, \(\tilde A = A \cdot D\) with "
        r"\(D \sim \mathrm{Bernoulli}(\text{keep\_prob})\), but forgets to divide by "
        r"\(\text{keep\_prob}\). What is \(\mathbb{E}[\tilde A]\)?",
        hint=r"\(\mathbb{E}[D] = \text{keep\_prob}\) and \(A\) is a fixed number.",
        solution=r"\(\mathbb{E}[A D] = A\,\mathbb{E}[D] = \text{keep\_prob}\cdot A\): every "
        r"activation is shrunk on average, and at test time (no mask) the next layer would see "
        r"larger inputs than in training. Dividing by \(\text{keep\_prob}\) restores "
        r"\(\mathbb{E}[\tilde A] = A\).",
        names=(KEEP, A),
        answer=keep * a,
        typed="keep_prob*A",
        mistakes=(Mistake(a, "that is with the division by keep_prob"),),
    ),
    Exercise(
        name="dropout-scale-from-drop-rate",
        topic="dropout",
        title="Scaling from the drop probability",
        statement=r"Some libraries take the probability \(q\) of *dropping* a unit. By what "
        r"factor does inverted dropout multiply the units it keeps?",
        hint=r"The probability of keeping a unit is \(1 - q\).",
        solution=r"Inverted dropout divides by the keep probability, \(1 - q\): it multiplies "
        r"the kept units by \(\frac{1}{1 - q}\) (PyTorch's `nn.Dropout(p=q)` does exactly "
        r"this).",
        names=(Name(q, r"\(q \in (0, 1)\), the probability of dropping a unit"),),
        answer=1 / (1 - q),
        typed="1/(1 - q)",
        mistakes=(
            Mistake(1 / q, "q is the probability of dropping; divide by the keep probability"),
            Mistake(1 - q, "inverted dropout divides by the keep probability, 1 − q"),
        ),
    ),
    Exercise(
        name="dropout-variance",
        topic="dropout",
        title="The variance dropout adds",
        statement=r"With inverted dropout, \(\tilde A = A \cdot D / \text{keep\_prob}\) and "
        r"\(D \sim \mathrm{Bernoulli}(\text{keep\_prob})\). What is "
        r"\(\operatorname{Var}[\tilde A]\)?",
        hint=r"\(D^2 = D\), so \(\mathbb{E}[\tilde A^2] = A^2/\text{keep\_prob}\); and "
        r"\(\operatorname{Var}[X] = \mathbb{E}[X^2] - \mathbb{E}[X]^2\).",
        solution=r"\(\mathbb{E}[\tilde A^2] = \frac{A^2\,\mathbb{E}[D^2]}{\text{keep\_prob}^2}"
        r" = \frac{A^2}{\text{keep\_prob}}\) and \(\mathbb{E}[\tilde A] = A\), so "
        r"\(\operatorname{Var}[\tilde A] = A^2\,\frac{1 - \text{keep\_prob}}"
        r"{\text{keep\_prob}}\): no noise for \(\text{keep\_prob} = 1\), more as it falls. "
        r"`examples/dropout_mean.py` proves the second moment with the engine.",
        names=(A, KEEP),
        answer=a**2 * (1 - keep) / keep,
        typed="A^2*(1 - keep_prob)/keep_prob",
        mistakes=(
            Mistake(
                a**2 * keep * (1 - keep),
                "that is Var[A·D]; dividing by keep_prob divides the variance by keep_prob²",
            ),
        ),
    ),
)
