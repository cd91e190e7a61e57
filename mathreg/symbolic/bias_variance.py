r"""The bias–variance decomposition of the expected squared error at one input.

For a label :math:`y = f(x) + \varepsilon` with :math:`\mathbb E[\varepsilon] = 0`,
:math:`\operatorname{Var}[\varepsilon] = \sigma^2`, and :math:`\varepsilon` independent of the
model :math:`\hat f` fitted on a random training set,

.. math::
    \mathbb E\big[(y - \hat f(x))^2\big] = \sigma^2 + \big(f(x) - \mathbb E[\hat f(x)]\big)^2
    + \operatorname{Var}[\hat f(x)].

Every step is an instance of linearity of expectation and the declared independence
(:class:`~mathreg.rules.Linearity`); nothing else is used, and the ledger lists what is random,
what is constant and which moments are given.
"""

import sympy as sp

from mathreg.ledger import Assumption, Definition, Independent, Random
from mathreg.notation import Expect, Var, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import Linearity, Premise, Substitute

__all__ = ["bias_variance", "decomposition"]

#: :math:`f(x)`, the true function at the input: a fixed number.
f = named_symbol("f", "f(x)", real=True)
#: :math:`\hat f(x)`, the fitted model at the input: random through its training set.
f_hat = named_symbol("fhat", r"\hat f(x)", real=True)
#: :math:`\varepsilon`, the noise in the test label.
eps = named_symbol("eps", r"\varepsilon", real=True)
#: :math:`y`, the test label at the input.
y = named_symbol("y", "y", real=True)
#: :math:`\sigma^2`, the noise variance.
sigma = sp.Symbol("sigma", positive=True)
#: The expected squared error at the input, over training sets and noise.
risk = named_symbol("R", r"\mathcal{E}(x)")

GIVEN = (
    Definition(y, f + eps, "the test label: the true value plus noise"),
    Random(eps, "the noise in the test label"),
    Random(f_hat, "the model is fitted to a random training set"),
    Independent((eps,), (f_hat,), "the test noise is independent of the training set"),
    Assumption(sp.Eq(Expect(eps), 0), "the noise has mean zero"),
    Assumption(sp.Eq(Var(eps), sigma**2), r"the noise has variance $\sigma^2$"),
)


def decomposition() -> sp.Expr:
    r""":math:`\sigma^2 + (f(x) - \mathbb E[\hat f(x)])^2 + \operatorname{Var}[\hat f(x)]`:
    noise, squared bias, variance."""
    return sp.Add(sigma**2, (f - Expect(f_hat)) ** 2, Var(f_hat), evaluate=False)


def bias_variance() -> Derivation:
    """[R1]: the expected squared error is noise plus squared bias plus variance."""
    cross = sp.Mul(2, Expect(eps * (f - f_hat)), evaluate=False)
    steps = (
        Step(
            sp.Eq(risk, Expect((y - f_hat) ** 2)),
            Premise(),
            "The quantity of interest: the squared error of the model at $x$, averaged over "
            "the training sets the model could have been fitted to and over the test label's "
            "noise.",
        ),
        Step(
            sp.Eq(risk, Expect((f + eps - f_hat) ** 2)),
            Substitute({y: f + eps}),
            "Write the label as the true value plus noise.",
        ),
        Step(
            sp.Eq(risk, sp.Add(Expect(eps**2), cross, Expect((f - f_hat) ** 2), evaluate=False)),
            Linearity(),
            "Expand the square around the noise, and take the expectation term by term.",
        ),
        Step(
            sp.Eq(risk, sp.Add(Expect(eps**2), Expect((f - f_hat) ** 2), evaluate=False)),
            Linearity(),
            "The noise is independent of the fitted model, so the cross term is "
            r"$\mathbb E[\varepsilon]\, \mathbb E[f - \hat f] = 0$.",
        ),
        Step(
            sp.Eq(risk, sp.Add(sigma**2, Expect((f - f_hat) ** 2), evaluate=False)),
            Linearity(),
            r"$\mathbb E[\varepsilon^2] = \operatorname{Var}[\varepsilon] + "
            r"\mathbb E[\varepsilon]^2 = \sigma^2$: the noise no model can remove.",
        ),
        Step(
            sp.Eq(risk, decomposition()),
            Linearity(),
            r"Add and subtract $\mathbb E[\hat f]$ inside the square: the cross term vanishes "
            r"again, leaving the squared bias $(f - \mathbb E[\hat f])^2$ and the variance "
            r"$\mathbb E[(\hat f - \mathbb E[\hat f])^2]$.",
            eq="R1",
        ),
    )
    return Derivation(
        name="bias-variance",
        title="The bias–variance decomposition",
        equations=("R1",),
        steps=steps,
        summary=(
            "At any input, the expected squared error of a model fitted to random data is the "
            "noise variance, plus the squared bias of the average model, plus the variance of "
            "the model around that average."
        ),
        given=GIVEN,
    )
