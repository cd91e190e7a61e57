r"""Exercises on likelihood and cross-entropy."""

import sympy as sp

from mathreg.exercises.book._names import Y
from mathreg.exercises.record import Exercise, Function, Mistake, Name

yhat = sp.Symbol("yhat", positive=True)
z = sp.Symbol("z", real=True)
y = Y.symbol
YHAT = Name(yhat, r"\(\hat y \in (0, 1)\), the predicted probability of label 1", ("ŷ",))
Z = Name(z, r"\(z\), the logit, a real number (\(\hat y = \sigma(z)\))")
SIGMOID = Function(
    "sigmoid", sp.Lambda(sp.Symbol("u"), 1 / (1 + sp.exp(-sp.Symbol("u")))), r"\(1/(1+e^{-u})\)"
)
LOSS = r"\(\ell = -\left[y \log \hat y + (1 - y)\log(1 - \hat y)\right]\)"

EXERCISES = (
    Exercise(
        name="bce-derivative",
        topic="likelihood",
        title="The derivative of cross-entropy",
        statement=f"The loss of one example is {LOSS}. What is "
        r"\(\partial \ell / \partial \hat y\)?",
        hint=r"Differentiate the two terms separately; the derivative of \(\log(1 - \hat y)\) "
        r"is \(-1/(1 - \hat y)\).",
        solution=r"The first term gives \(-y/\hat y\). The second is \(-(1-y)\log(1-\hat y)\); "
        r"by the chain rule its derivative is \(-(1-y)\cdot\frac{-1}{1-\hat y} = "
        r"\frac{1-y}{1-\hat y}\). Together, over a common denominator: "
        r"\(\frac{\partial \ell}{\partial \hat y} = -\frac{y}{\hat y} + \frac{1-y}{1-\hat y} "
        r"= \frac{\hat y - y}{\hat y(1 - \hat y)}\).",
        names=(YHAT, Y),
        answer=-y / yhat + (1 - y) / (1 - yhat),
        typed="-y/yhat + (1 - y)/(1 - yhat)",
        mistakes=(
            Mistake(
                -y / yhat - (1 - y) / (1 - yhat),
                r"the second term's sign: the derivative of log(1 − ŷ) is −1/(1 − ŷ), and the "
                "loss has a minus in front",
            ),
        ),
    ),
    Exercise(
        name="bce-logit-gradient",
        topic="likelihood",
        title="The gradient with respect to the logit",
        statement=f"The loss of one example is {LOSS}, with \\(\\hat y = \\sigma(z) = "
        r"1/(1 + e^{-z})\). What is \(\partial \ell / \partial z\)? You may write "
        r"`sigmoid(z)`.",
        hint=r"Chain rule: \(\frac{\partial \ell}{\partial z} = \frac{\partial \ell}{\partial "
        r"\hat y}\frac{d\hat y}{dz}\), and \(\sigma'(z) = \sigma(z)(1 - \sigma(z))\).",
        solution=r"From the previous exercise, \(\frac{\partial \ell}{\partial \hat y} = "
        r"\frac{\hat y - y}{\hat y(1 - \hat y)}\), and \(\frac{d\hat y}{dz} = \hat y(1 - \hat "
        r"y)\). The product is \(\hat y - y = \sigma(z) - y\): the prediction minus the label. "
        r"This is why a sigmoid output and cross-entropy are used together, and why "
        r"`binary_cross_entropy_with_logits` is the stable way to compute them.",
        names=(Z, Y),
        functions=(SIGMOID,),
        answer=1 / (1 + sp.exp(-z)) - y,
        typed="sigmoid(z) - y",
    ),
    Exercise(
        name="bce-value",
        topic="likelihood",
        title="One example's loss",
        statement=f"The loss of one example is {LOSS}. What is it for the label \\(y = 1\\) "
        r"and the prediction \(\hat y = 1/4\)?",
        hint=r"With \(y = 1\) only the first term is left.",
        solution=r"\(\ell = -\log(1/4) = \log 4 \approx 1.386\). A confident wrong prediction "
        r"(\(\hat y\) near 0 for a label 1) costs without bound: \(-\log \hat y \to \infty\).",
        names=(),
        answer=sp.log(4),
        typed="log(4)",
        mistakes=(Mistake(sp.log(sp.Rational(4, 3)), "that is the loss for the label y = 0"),),
        rewrites=("expand_log", "cancel"),
    ),
)
