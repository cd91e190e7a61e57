r"""Exercises on L2 regularization from a Gaussian prior."""

import sympy as sp

from mathreg.exercises.book._names import LAM, SIGMA, M, W
from mathreg.exercises.record import Exercise, Mistake

lam, m, sigma, w = LAM.symbol, M.symbol, SIGMA.symbol, W.symbol
PENALTY = r"\(\frac{\lambda}{2m}\lVert W\rVert_F^2\)"

EXERCISES = (
    Exercise(
        name="l2-strength-from-variance",
        topic="l2",
        title="The strength a prior implies",
        statement=r"The weights have the prior \(\mathcal N(0, \sigma^2 I)\). The MAP "
        r"objective, divided by \(m\), is the mean loss plus " + PENALTY + r". What is "
        r"\(\lambda\)?",
        hint=r"The log-prior is \(-\frac{\lVert W\rVert_F^2}{2\sigma^2}\) plus a constant; "
        r"divide it by \(m\) and compare.",
        solution=r"\(-\log p(W) = \frac{\lVert W\rVert_F^2}{2\sigma^2} + \text{const}\); "
        r"divided by \(m\) it is \(\frac{1}{2m\sigma^2}\lVert W\rVert_F^2\), so "
        r"\(\lambda = 1/\sigma^2\), the prior's precision. A narrow prior (small "
        r"\(\sigma\)) is a strong penalty.",
        names=(SIGMA, M),
        answer=1 / sigma**2,
        typed="1/sigma^2",
        mistakes=(Mistake(sigma**2, "that is the prior's variance; λ is its precision, 1/σ²"),),
    ),
    Exercise(
        name="l2-penalty-gradient",
        topic="l2",
        title="The penalty's gradient",
        statement=r"What is the derivative of " + PENALTY + r" with respect to one entry "
        r"\(W\) of the weights? (Write \(W\) for the entry.)",
        hint=r"\(\lVert W\rVert_F^2\) is the sum of the squared entries; only one of them "
        r"depends on this entry.",
        solution=r"The entry appears once, as \(W^2\), whose derivative is \(2W\); so the "
        r"derivative is \(\frac{\lambda}{2m}\cdot 2W = \frac{\lambda}{m}W\). The 1/2 in the "
        r"penalty is there to cancel this 2.",
        names=(LAM, M, W),
        answer=lam * w / m,
        typed="lam/m*W",
        mistakes=(
            Mistake(
                lam * w / (2 * m),
                "the derivative of W² is 2W: the 2 cancels the 1/2 of the penalty",
            ),
        ),
    ),
    Exercise(
        name="l2-penalty-value",
        topic="l2",
        title="The penalty of a small layer",
        statement=r"A layer has the weights \(W = [3\ \ 4]\) (one row, two columns). What is "
        + PENALTY
        + r" for \(\lambda = 2\) and \(m = 5\)?",
        hint=r"\(\lVert W\rVert_F^2 = 3^2 + 4^2\).",
        solution=r"\(\lVert W\rVert_F^2 = 25\) and \(\frac{\lambda}{2m} = \frac{2}{10}\), so "
        r"the penalty is \(5\). `mathreg.numeric.l2_penalty(np.array([[3.0, 4.0]]), lam=2.0, "
        r"m=5)` gives the same.",
        names=(),
        answer=sp.Integer(5),
        typed="5",
        mistakes=(Mistake(sp.Integer(10), "that is (λ/m)‖W‖²: the penalty has λ/(2m)"),),
    ),
)
