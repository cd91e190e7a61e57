r"""Exercises on ridge regression."""

import sympy as sp

from mathreg.exercises.book._names import LAM, WEIGHT, X, Y
from mathreg.exercises.record import Exercise, Mistake, Name

lam, w, x, y = LAM.symbol, WEIGHT.symbol, X.symbol, Y.symbol
sxx = sp.Symbol("Sxx", positive=True)
sxy = sp.Symbol("Sxy", real=True)

EXERCISES = (
    Exercise(
        name="ridge-gradient-without-halves",
        topic="ridge",
        title="The gradient without the halves",
        statement=r"One example and one feature: \(J(w) = (y - xw)^2 + \lambda w^2\), without "
        r"the \(\frac12\) factors. What is \(dJ/dw\)?",
        hint=r"The derivative of \((y - xw)^2\) is \(2(y - xw)\cdot(-x)\).",
        solution=r"\(\frac{dJ}{dw} = -2x(y - xw) + 2\lambda w\): twice the gradient with the "
        r"halves, \(x(xw - y) + \lambda w\). The minimiser is the same; the halves only make "
        r"the formulas tidier.",
        names=(WEIGHT, X, Y, LAM),
        answer=-2 * x * (y - x * w) + 2 * lam * w,
        typed="-2*x*(y - x*w) + 2*lam*w",
        mistakes=(
            Mistake(
                -x * (y - x * w) + lam * w,
                "that is the gradient of the objective with the halves; without them each "
                "term doubles",
            ),
        ),
    ),
    Exercise(
        name="ridge-one-feature",
        topic="ridge",
        title="Ridge with one feature",
        statement=r"With one feature, \(J(w) = \frac12\sum_i (y_i - x_i w)^2 + \frac\lambda2 "
        r"w^2\). Write \(S_{xx} = \sum_i x_i^2\) and \(S_{xy} = \sum_i x_i y_i\). What is the "
        r"minimiser \(\hat w\)?",
        hint=r"Set the derivative \(w S_{xx} - S_{xy} + \lambda w\) to 0.",
        solution=r"\(\hat w = \frac{S_{xy}}{S_{xx} + \lambda}\): the least-squares answer "
        r"\(S_{xy}/S_{xx}\) with \(\lambda\) added to the denominator, the one-feature case "
        r"of \((X^TX + \lambda\mathbb I)^{-1} X^Ty\).",
        names=(
            Name(sxx, r"\(S_{xx} = \sum_i x_i^2 > 0\)"),
            Name(sxy, r"\(S_{xy} = \sum_i x_i y_i\)"),
            LAM,
        ),
        answer=sxy / (sxx + lam),
        typed="Sxy/(Sxx + lam)",
        mistakes=(Mistake(sxy / sxx, "that is least squares, without the penalty"),),
    ),
    Exercise(
        name="ridge-effective-parameters",
        topic="ridge",
        title="The effective number of parameters",
        statement=r"\(X^TX\) has the eigenvalues 1 and 3, and \(\lambda = 1\). Ridge keeps "
        r"the fraction \(\mu/(\mu + \lambda)\) of each eigen-direction; the sum of these "
        r"fractions is the effective number of parameters. What is it?",
        hint=r"Add \(\frac{1}{1+1}\) and \(\frac{3}{3+1}\).",
        solution=r"\(\frac12 + \frac34 = \frac54\): fewer than the 2 parameters of least "
        r"squares. The direction the data determine poorly (\(\mu = 1\)) is shrunk most.",
        names=(),
        answer=sp.Rational(5, 4),
        typed="5/4",
    ),
)
