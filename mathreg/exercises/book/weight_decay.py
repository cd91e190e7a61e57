r"""Exercises on weight decay."""

import sympy as sp

from mathreg.exercises.book._names import ALPHA, LAM, M, W
from mathreg.exercises.record import Exercise, Mistake, Name

alpha, lam, m = ALPHA.symbol, LAM.symbol, M.symbol
k = sp.Symbol("k", integer=True, positive=True)

EXERCISES = (
    Exercise(
        name="decay-factor-without-half",
        topic="weight-decay",
        title="The decay factor without the 1/2",
        statement=r"Suppose the penalty is \(\frac{\lambda}{m}\lVert W\rVert_F^2\), without "
        r"the \(\frac12\). One step of gradient descent with learning rate \(\alpha\) "
        r"multiplies the weights by a factor before the usual step. What is it?",
        hint=r"The penalty's gradient is now \(\frac{2\lambda}{m}W\).",
        solution=r"\(W \leftarrow W - \alpha\left(\operatorname{back}(W) + "
        r"\frac{2\lambda}{m}W\right)\), that is \(W \leftarrow \left(1 - "
        r"\frac{2\alpha\lambda}{m}\right)W - \alpha\operatorname{back}(W)\). The factor is "
        r"\(1 - \frac{2\alpha\lambda}{m}\): the same decay as the book's penalty with twice "
        r"the \(\lambda\).",
        names=(ALPHA, LAM, M, W),
        answer=1 - 2 * alpha * lam / m,
        typed="1 - 2*alpha*lam/m",
        mistakes=(
            Mistake(
                1 - alpha * lam / m,
                "that is the factor with the 1/2; without it the penalty's gradient is (2λ/m)W",
            ),
        ),
    ),
    Exercise(
        name="decay-factor-value",
        topic="weight-decay",
        title="How much one step decays",
        statement=r"With the book's penalty \(\frac{\lambda}{2m}\lVert W\rVert_F^2\), "
        r"\(\alpha = 0.1\), \(\lambda = 5\) and \(m = 50\), by what factor does one step "
        r"multiply the weights before the usual step?",
        hint=r"The factor is \(1 - \frac{\alpha\lambda}{m}\).",
        solution=r"\(1 - \frac{0.1 \cdot 5}{50} = 1 - 0.01 = 0.99\): each step shrinks the "
        r"weights by 1% before the gradient of the loss moves them.",
        names=(),
        answer=sp.Rational(99, 100),
        typed="0.99",
        mistakes=(Mistake(sp.Rational(1, 100), "that is how much is taken off: 1 minus it"),),
    ),
    Exercise(
        name="decay-after-steps",
        topic="weight-decay",
        title="Decay over many steps",
        statement=r"Suppose the loss's gradient is 0 for a while, so that each step only "
        r"decays: \(W \leftarrow (1 - \frac{\alpha\lambda}{m})W\). After \(k\) such steps, the "
        r"weights are their starting value times what?",
        hint="The same factor, once per step.",
        solution=r"\(\left(1 - \frac{\alpha\lambda}{m}\right)^k\): the weights decay "
        r"geometrically towards 0, which is where the name weight decay comes from.",
        names=(Name(k, r"\(k\), the number of steps"), ALPHA, LAM, M),
        answer=(1 - alpha * lam / m) ** k,
        typed="(1 - alpha*lam/m)^k",
        mistakes=(Mistake(1 - k * alpha * lam / m, "that is only the first-order approximation"),),
        rewrites=("together", "cancel"),
    ),
)
