r"""Exercises on softmax cross-entropy."""

import sympy as sp

from mathreg.exercises.record import Exercise, Mistake, Name

K = sp.Symbol("K", integer=True, positive=True)
d = sp.Symbol("d", real=True)
pk = sp.Symbol("pk", positive=True)

EXERCISES = (
    Exercise(
        name="softmax-uniform-loss",
        topic="softmax-cross-entropy",
        title="The loss of an undecided model",
        statement=r"A model with \(K\) classes outputs equal logits, so every class gets the "
        r"probability \(1/K\). What is its cross-entropy loss on one example?",
        hint=r"The loss is \(-\log p_y\).",
        solution=r"\(-\log(1/K) = \log K\): about 2.30 for 10 classes. A freshly initialised "
        r"classifier should start near this value; much higher means a bug.",
        names=(Name(K, r"\(K\), the number of classes"),),
        answer=sp.log(K),
        typed="log(K)",
        rewrites=("expand_log", "cancel"),
    ),
    Exercise(
        name="softmax-two-classes",
        topic="softmax-cross-entropy",
        title="Two classes",
        statement=r"With two classes and logits \(z_1, z_2\), write the softmax probability of "
        r"class 1 as a function of \(d = z_1 - z_2\).",
        hint=r"Divide the numerator and the denominator of \(\frac{e^{z_1}}{e^{z_1} + "
        r"e^{z_2}}\) by \(e^{z_1}\).",
        solution=r"\(\frac{1}{1 + e^{-(z_1 - z_2)}} = \frac{1}{1 + e^{-d}}\), the sigmoid of "
        r"the difference: two-class softmax is logistic regression.",
        names=(Name(d, r"\(d = z_1 - z_2\), the difference of the logits"),),
        answer=1 / (1 + sp.exp(-d)),
        typed="1/(1 + exp(-d))",
    ),
    Exercise(
        name="softmax-gradient-true-class",
        topic="softmax-cross-entropy",
        title="The gradient at the true class",
        statement=r"The gradient of softmax cross-entropy with respect to the logits is "
        r"\(p - y\) for a one-hot label \(y\). What is its component for the true class \(k\), "
        r"in terms of the predicted probability \(p_k\)?",
        hint=r"For the true class, \(y_k = 1\).",
        solution=r"\(p_k - 1\): negative, so gradient descent raises the true class's logit, "
        r"the more the less probable the model finds it.",
        names=(Name(pk, r"\(p_k \in (0, 1)\), the predicted probability of the true class"),),
        answer=pk - 1,
        typed="pk - 1",
        mistakes=(Mistake(pk, "that is the component for another class, where y = 0"),),
    ),
)
