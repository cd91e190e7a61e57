r"""Dropout on the inputs of linear regression is a data-dependent L2 penalty in expectation.

Each input :math:`X_{ij}` of example :math:`i` is kept with probability :math:`p` and, in the
inverted scaling the book uses, divided by :math:`p` (Srivastava et al. 2014, §9.1, state the
non-inverted version). The expected squared error over the masks is

.. math::
    \mathbb E_R \sum_i \Big(y_i - \sum_j \tfrac{R_{ij}}{p} X_{ij} w_j\Big)^2
    = \sum_i \Big(y_i - \sum_j X_{ij} w_j\Big)^2
      + \frac{1-p}{p} \sum_j w_j^2 \sum_i X_{ij}^2 ,

ridge regression in which each weight is penalised by the squared norm of its input column.
Proved for symbolic numbers of examples :math:`m` and inputs :math:`d`.
"""

import sympy as sp

from mathreg.ledger import Assumption, Random
from mathreg.notation import Expect, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import Linearity, Premise

__all__ = ["dropout_linear", "dropout_penalty"]

m = sp.Symbol("m", integer=True, positive=True)
d = sp.Symbol("d", integer=True, positive=True)
i, j, k = sp.symbols("i j k", integer=True)
X = sp.IndexedBase("X", real=True)
y = sp.IndexedBase("y", real=True)
w = sp.IndexedBase("w", real=True)
R = sp.IndexedBase("R", real=True)
keep_prob = sp.Symbol("p", positive=True)
loss = named_symbol("L", r"\mathcal{L}_R")

GIVEN = (
    Random(R, "the dropout masks, one entry per input of each example"),
    Assumption(sp.Eq(Expect(R[i, j]), keep_prob), "each input is kept with probability $p$"),
    Assumption(
        sp.Eq(
            Expect(R[i, j] * R[i, k]),
            keep_prob**2 + keep_prob * (1 - keep_prob) * sp.KroneckerDelta(j, k),
        ),
        "mask entries are 0 or 1 (so $R^2 = R$), independent across the inputs of an example",
    ),
)


def dropout_penalty() -> sp.Expr:
    r""":math:`\frac{1-p}{p}\sum_j w_j^2 \sum_i X_{ij}^2`."""
    column = sp.Sum(X[i, j] ** 2, (i, 1, m))
    return sp.Mul(
        (1 - keep_prob) / keep_prob, sp.Sum(w[j] ** 2 * column, (j, 1, d)), evaluate=False
    )


def dropout_linear() -> Derivation:
    """[R7]: input dropout with inverted scaling is ridge with penalty ((1-p)/p)Σⱼ wⱼ²‖x⁽ʲ⁾‖²."""
    dropped = sp.Sum(R[i, j] / keep_prob * X[i, j] * w[j], (j, 1, d))
    clean = sp.Sum(X[i, j] * w[j], (j, 1, d))
    steps = (
        Step(
            sp.Eq(loss, Expect(sp.Sum((y[i] - dropped) ** 2, (i, 1, m)))),
            Premise(),
            "The squared error of a linear model over $m$ examples when each input is dropped "
            "with probability $1 - p$ and the kept ones are divided by $p$ (inverted dropout), "
            "averaged over the masks $R$.",
        ),
        Step(
            sp.Eq(
                loss,
                sp.Add(
                    sp.Sum((y[i] - clean) ** 2, (i, 1, m)),
                    dropout_penalty(),
                    evaluate=False,
                ),
            ),
            Linearity(),
            r"Expand each square: $\mathbb E[R_{ij}/p] = 1$ keeps the mean prediction, and "
            r"$\mathbb E[R_{ij} R_{ik}]/p^2 = 1 + \frac{1 - p}{p}\delta_{jk}$ adds the variance "
            "of each kept input.",
            eq="R7",
        ),
    )
    return Derivation(
        name="dropout-linear",
        title="Dropout on the inputs of linear regression is an adaptive L2 penalty",
        equations=("R7",),
        steps=steps,
        summary=(
            "In expectation over the masks, inverted input dropout trains a linear model on "
            r"the clean squared error plus "
            r"$\frac{1 - p}{p} \sum_j w_j^2 \lVert x^{(j)} \rVert^2$: ridge regression whose "
            "penalty on each weight grows with the scale of its input and with the drop rate."
        ),
        given=GIVEN,
    )
