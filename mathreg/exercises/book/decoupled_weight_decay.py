r"""Exercises on weight decay in Adam (L2 versus decoupled weight decay)."""

import sympy as sp

from mathreg.exercises.book._names import ALPHA, LAM
from mathreg.exercises.record import Exercise, Mistake, Name

alpha, lam = ALPHA.symbol, LAM.symbol
c = sp.Symbol("c", positive=True)
vhat = sp.Symbol("vhat", nonnegative=True)
eps = sp.Symbol("eps", positive=True)
L2 = Name(c, r"\(c > 0\), the L2 coefficient in the loss \(f(w) + \frac c2 w^2\)")
VHAT = Name(vhat, r"\(\hat v \ge 0\), Adam's second-moment estimate for this coordinate")
EPS = Name(eps, r"\(\epsilon > 0\), Adam's small constant", ("epsilon",))

EXERCISES = (
    Exercise(
        name="sgd-l2-decay",
        topic="decoupled-weight-decay",
        title="L2 in plain gradient descent",
        statement=r"Plain gradient descent with learning rate \(\alpha\) on "
        r"\(f(w) + \frac c2 w^2\) multiplies \(w\) by a factor before the step "
        r"\(-\alpha f'(w)\). What is it?",
        hint=r"The gradient is \(f'(w) + cw\).",
        solution=r"\(w - \alpha(f'(w) + cw) = (1 - \alpha c)w - \alpha f'(w)\): the factor is "
        r"\(1 - \alpha c\), weight decay with rate \(c\).",
        names=(ALPHA, L2),
        answer=1 - alpha * c,
        typed="1 - alpha*c",
    ),
    Exercise(
        name="adam-l2-decay",
        topic="decoupled-weight-decay",
        title="L2 in Adam",
        statement=r"Adam divides each coordinate's step by \(\sqrt{\hat v} + \epsilon\). On "
        r"its first step, with the gradient \(g + cw\) of \(f(w) + \frac c2 w^2\), by what "
        r"factor is \(w\) decayed?",
        hint=r"The L2 term contributes \(-\alpha\frac{cw}{\sqrt{\hat v} + \epsilon}\) to the "
        r"step.",
        solution=r"\(1 - \frac{\alpha c}{\sqrt{\hat v} + \epsilon}\): coordinates with large "
        r"gradients (large \(\hat v\)) are decayed less, which is why L2 in Adam is not "
        r"weight decay.",
        names=(ALPHA, L2, VHAT, EPS),
        answer=1 - alpha * c / (sp.sqrt(vhat) + eps),
        typed="1 - alpha*c/(sqrt(vhat) + eps)",
        mistakes=(Mistake(1 - alpha * c, "that is plain gradient descent's factor"),),
    ),
    Exercise(
        name="adamw-matching-l2",
        topic="decoupled-weight-decay",
        title="The L2 that matches AdamW",
        statement=r"AdamW decays every weight by \(1 - \alpha\lambda\). Which L2 coefficient "
        r"\(c\) would give one coordinate the same factor under Adam, "
        r"\(1 - \frac{\alpha c}{\sqrt{\hat v} + \epsilon}\)?",
        hint=r"Solve \(\frac{\alpha c}{\sqrt{\hat v} + \epsilon} = \alpha\lambda\) for \(c\).",
        solution=r"\(c = \lambda(\sqrt{\hat v} + \epsilon)\): it depends on the coordinate's "
        r"\(\hat v\), so no single L2 coefficient reproduces AdamW.",
        names=(LAM, VHAT, EPS, ALPHA),
        answer=lam * (sp.sqrt(vhat) + eps),
        typed="lam*(sqrt(vhat) + eps)",
        mistakes=(Mistake(lam / (sp.sqrt(vhat) + eps), "upside down: multiply by √v̂ + ε"),),
    ),
)
