r"""Exercises on L1 regularization and soft-thresholding."""

import sympy as sp

from mathreg.exercises.book._names import LAM, M, W
from mathreg.exercises.record import Exercise, Mistake, Name

lam, m, w = LAM.symbol, M.symbol, W.symbol
w_star = sp.Symbol("w_star", real=True)
alpha, h = sp.symbols("alpha h", positive=True)

EXERCISES = (
    Exercise(
        name="l1-gradient",
        topic="l1",
        title="The L1 penalty's gradient",
        statement=r"What is the derivative of \(\frac{\lambda}{m}\lVert W\rVert_1\) with "
        r"respect to one entry \(W \ne 0\) of the weights? You may use `sign(W)`.",
        hint=r"\(\lVert W\rVert_1\) is the sum of the absolute values of the entries, and "
        r"\(\frac{d}{dw}|w| = \operatorname{sign}(w)\) for \(w \ne 0\).",
        solution=r"\(\frac{\lambda}{m}\operatorname{sign}(W)\): a constant push towards 0, "
        r"whatever the size of the weight (L2 pushes in proportion to it). At \(W = 0\) there "
        r"is no derivative, only a subgradient, which is why L1 can set weights exactly to 0.",
        names=(LAM, M, W),
        answer=lam * sp.sign(w) / m,
        typed="lam/m*sign(W)",
        mistakes=(
            Mistake(
                lam * w / m,
                "that is the gradient of the L2 penalty (λ/2m)‖W‖²; the derivative of |w| is "
                "sign(w)",
            ),
        ),
    ),
    Exercise(
        name="soft-threshold-three",
        topic="l1",
        title="Soft-thresholding a number",
        statement=r"What is the soft-threshold of \(w^* = 3\) with \(\alpha/h = 1\), that is "
        r"\(\operatorname{sign}(w^*)\max(|w^*| - \alpha/h, 0)\)?",
        hint=r"\(|w^*| - \alpha/h = 2 > 0\).",
        solution=r"\(\operatorname{sign}(3)\max(3 - 1, 0) = 2\): the weight is moved towards "
        r"0 by \(\alpha/h = 1\). A weight with \(|w^*| \le 1\) would become exactly 0.",
        names=(),
        answer=sp.Integer(2),
        typed="2",
        mistakes=(Mistake(sp.Integer(3), "that is w* itself: L1 shrinks it by α/h"),),
    ),
    Exercise(
        name="soft-threshold-large",
        topic="l1",
        title="The L1 minimiser of a large weight",
        statement=r"For one weight, minimise \(\frac h2 (w - w^*)^2 + \alpha |w|\) when "
        r"\(w^* > \alpha/h\). What is the minimiser \(\hat w\)?",
        hint=r"The minimiser is positive; there \(|w| = w\), so set "
        r"\(h(w - w^*) + \alpha = 0\).",
        solution=r"\(\hat w = w^* - \frac{\alpha}{h}\): positive because \(w^* > \alpha/h\). "
        r"L1 moves every large weight by the same amount, where L2 would scale it.",
        names=(
            Name(w_star, r"\(w^*\), the unpenalised optimum (a real number)"),
            Name(alpha, r"\(\alpha > 0\), the penalty's strength", ("α",)),
            Name(h, r"\(h > 0\), the curvature"),
        ),
        answer=w_star - alpha / h,
        typed="w_star - alpha/h",
        mistakes=(Mistake(w_star, "that is the unpenalised optimum: L1 moves it by α/h"),),
    ),
)
