r"""Names that several topics' exercises share, with the assumptions that hold for them."""

import sympy as sp

from mathreg.exercises.record import Name

LAM = Name(
    sp.Symbol("lam", positive=True), r"\(\lambda > 0\), the penalty's strength", ("lambda", "λ")
)
M = Name(sp.Symbol("m", integer=True, positive=True), r"\(m\), the number of examples")
ALPHA = Name(sp.Symbol("alpha", positive=True), r"\(\alpha > 0\), the learning rate", ("α",))
W = Name(sp.Symbol("W", real=True), r"\(W\), one entry of the weight matrix (a real number)")
SIGMA = Name(sp.Symbol("sigma", positive=True), r"\(\sigma > 0\), a standard deviation", ("σ",))
KEEP = Name(
    sp.Symbol("keep_prob", positive=True),
    r"\(\text{keep\_prob} \in (0, 1]\), the probability of keeping a unit",
)
A = Name(sp.Symbol("A", real=True), r"\(A\), one activation before dropout (a real number)")
X = Name(sp.Symbol("x", real=True), r"\(x\), the input (a real number)")
Y = Name(sp.Symbol("y", real=True), r"\(y\), the label (a real number)")
WEIGHT = Name(sp.Symbol("w", real=True), r"\(w\), the weight (a real number)")
