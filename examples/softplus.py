"""The derivative of softplus is the sigmoid: a derivation a reader can check.

    python -m mathreg check examples/softplus.py

softplus(x) = log(1 + eˣ) is a smooth version of max(0, x). Its derivative, computed by SymPy
and compared with the sigmoid 1/(1 + e⁻ˣ) by the engine, is why softplus is the log-partition
function of logistic regression.
"""

import sympy as sp

from mathreg.notation import named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import Differentiate, Equal, Premise

x = sp.Symbol("x", real=True)  # real: eˣ > 0, so log(1 + eˣ) is defined
softplus_x = named_symbol("s", r"\operatorname{softplus}(x)")
slope = named_symbol("ds", r"\frac{d}{dx}\operatorname{softplus}(x)")


def softplus() -> Derivation:
    """The derivative of log(1 + eˣ) is 1/(1 + e⁻ˣ)."""
    return Derivation(
        name="softplus",
        title="The derivative of softplus is the sigmoid",
        equations=(),
        steps=(
            Step(
                sp.Eq(softplus_x, sp.log(1 + sp.exp(x))),
                Premise(),
                "The definition of softplus.",
            ),
            Step(
                sp.Eq(slope, sp.exp(x) / (1 + sp.exp(x))),
                Differentiate(x, gradient=slope),
                "The chain rule, computed by SymPy: the derivative of log(u) is u'/u.",
            ),
            Step(
                sp.Eq(slope, 1 / (1 + sp.exp(-x))),
                Equal("cancel"),
                "Divide the numerator and the denominator by eˣ: the sigmoid of x.",
            ),
        ),
        summary="The slope of softplus at x is the sigmoid of x, a number in (0, 1).",
    )
