r"""Noise on the inputs of linear regression is an L2 penalty in expectation (Bishop 1995).

Adding independent noise :math:`\varepsilon_j` with mean 0 and variance :math:`\sigma^2` to
each of the :math:`d` inputs of a linear model, the expected squared error at one example is

.. math::
    \mathbb E_\varepsilon\Big[\big(y - \textstyle\sum_j (x_j + \varepsilon_j) w_j\big)^2\Big]
    = \big(y - \textstyle\sum_j x_j w_j\big)^2 + \sigma^2 \textstyle\sum_j w_j^2,

the clean squared error plus an L2 penalty whose strength is the noise variance. Proved for a
symbolic number of inputs :math:`d` by linearity of expectation through the finite sums.
"""

import sympy as sp

from mathreg.ledger import Assumption, Random
from mathreg.notation import Expect, named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import Linearity, Premise

__all__ = ["noise_injection", "penalised_loss"]

d = sp.Symbol("d", integer=True, positive=True)
j = sp.Symbol("j", integer=True)
k = sp.Symbol("k", integer=True)
x = sp.IndexedBase("x", real=True)
w = sp.IndexedBase("w", real=True)
eps = sp.IndexedBase("epsilon", real=True)
y = sp.Symbol("y", real=True)
sigma = sp.Symbol("sigma", positive=True)
risk = named_symbol("R", r"\mathcal{E}_\varepsilon")

GIVEN = (
    Random(eps, "the noise added to the inputs"),
    Assumption(sp.Eq(Expect(eps[j]), 0), "the noise has mean zero"),
    Assumption(
        sp.Eq(Expect(eps[j] * eps[k]), sigma**2 * sp.KroneckerDelta(j, k)),
        r"independent noise on each input, with variance $\sigma^2$",
    ),
)


def penalised_loss() -> sp.Expr:
    r""":math:`(y - \sum_j x_j w_j)^2 + \sigma^2 \sum_j w_j^2`."""
    clean = y - sp.Sum(x[j] * w[j], (j, 1, d))
    return sp.Add(clean**2, sigma**2 * sp.Sum(w[j] ** 2, (j, 1, d)), evaluate=False)


def noise_injection() -> Derivation:
    """[R6]: input noise of variance σ² adds σ²‖w‖² to the expected squared error."""
    noisy = y - sp.Sum((x[j] + eps[j]) * w[j], (j, 1, d))
    clean = sp.Sum(x[j] * w[j], (j, 1, d))
    noise = sp.Sum(eps[j] * w[j], (j, 1, d))
    steps = (
        Step(
            sp.Eq(risk, Expect(noisy**2)),
            Premise(),
            "The squared error of a linear model at one example $(x, y)$, when each input "
            r"$x_j$ is perturbed by noise $\epsilon_j$, averaged over the noise.",
        ),
        Step(
            sp.Eq(
                risk,
                sp.Add(
                    (y - clean) ** 2,
                    sp.Mul(-2, y - clean, Expect(noise), evaluate=False),
                    Expect(noise**2),
                    evaluate=False,
                ),
            ),
            Linearity(),
            r"Split the prediction into its clean part and the noise's part "
            r"$\sum_j \epsilon_j w_j$, expand the square and take the expectation term by term.",
        ),
        Step(
            sp.Eq(risk, sp.Add((y - clean) ** 2, Expect(noise**2), evaluate=False)),
            Linearity(),
            "The noise has mean zero, so the cross term vanishes.",
        ),
        Step(
            sp.Eq(risk, penalised_loss()),
            Linearity(),
            r"$\mathbb E[(\sum_j \epsilon_j w_j)^2] = \sum_j \sum_k w_j w_k "
            r"\mathbb E[\epsilon_j \epsilon_k] = \sigma^2 \sum_j w_j^2$: independent inputs "
            "contribute only their variances.",
            eq="R6",
        ),
    )
    return Derivation(
        name="noise-injection",
        title="Input noise is L2 regularization in expectation",
        equations=("R6",),
        steps=steps,
        summary=(
            "Training a linear model on inputs perturbed by independent noise of variance "
            r"$\sigma^2$ minimises, on average, the clean squared error plus "
            r"$\sigma^2 \lVert w \rVert^2$: ridge regression with $\lambda$ tied to $\sigma^2$ "
            "(Bishop 1995)."
        ),
        given=GIVEN,
    )
