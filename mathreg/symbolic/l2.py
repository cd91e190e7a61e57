r"""L2 regularization from a zero-mean Gaussian prior, eqs. (8)–(11).

The prior :math:`\theta \sim \mathcal N(0, \sigma^2 I_d)` is handled for a general dimension
:math:`d` (SymPy's matrix expressions of symbolic shape), and the derivation shows that the
regularization strength is the prior's precision, :math:`\lambda = 1/\sigma^2`; the note's
:math:`\mathcal N(0, I)` is the special case :math:`\lambda = 1`.
"""

import sympy as sp

from mathreg.algebra import canonical
from mathreg.ledger import Assumption, Law, Lemma, Part
from mathreg.lemmas import lemma_check
from mathreg.notation import ArgMin, Exp, FrobeniusSq, Scalar
from mathreg.proof import Derivation, Step
from mathreg.rules import ApplyToBoth, Monotone, Premise, Substitute, SubstituteInto, UpToConstant
from mathreg.symbolic.bayes import map_objective
from mathreg.symbolic.symbols import L, d, l, lam, likelihood, m, prior, sigma, theta, theta_map

__all__ = [
    "LAYER_STACKING",
    "LayerWeights",
    "gaussian_prior",
    "l2_penalty",
    "layer_stacking_lemma",
]

mu = sp.MatrixSymbol("mu", d, 1)
Sigma = sp.MatrixSymbol("Sigma", d, d)
#: :math:`\theta^T\theta`, the squared Euclidean norm of the parameter vector, as a number.
theta_sq = Scalar(theta.T * theta)


class LayerWeights(sp.Function):
    r""":math:`W^{(l)}`, the weight matrix of layer :math:`l` (shape :math:`n_l \times n_{l-1}`)."""

    nargs = 1

    def _latex(self, printer, exp=None) -> str:
        text = rf"W^{{({printer._print(self.args[0])})}}"
        return rf"\left({text}\right)^{{{exp}}}" if exp else text

    def _sympystr(self, printer) -> str:
        return f"W^({printer._print(self.args[0])})"


def l2_penalty(layers: sp.Expr = L) -> sp.Expr:
    r""":math:`\sum_{l=1}^{L} \lVert W^{(l)} \rVert_F^2`, the sum of the layers' squared norms."""
    return sp.Sum(FrobeniusSq(LayerWeights(l)), (l, 1, layers))


def gaussian_prior() -> sp.Expr:
    r"""Eq. (8): the density of :math:`\mathcal N(\mu, \Sigma)` at :math:`\theta \in \mathbb R^d`.

    .. math::
        P(\theta) = \frac{1}{(2\pi)^{d/2} |\Sigma|^{1/2}}
        \exp\!\left(-\tfrac12 (\theta-\mu)^T \Sigma^{-1} (\theta-\mu)\right)
    """
    normaliser = sp.Mul(sp.Pow(2 * sp.pi, d / 2), sp.sqrt(sp.Determinant(Sigma)), evaluate=False)
    centred = sp.MatAdd(theta, -mu, evaluate=False)  # (θ − μ), kept in that order for display
    quadratic = Scalar(sp.MatMul(sp.Transpose(centred), Sigma.I, centred, evaluate=False))
    half = sp.Mul(sp.Rational(-1, 2), quadratic, evaluate=False)
    return sp.Mul(sp.Pow(normaliser, -1), Exp(half), evaluate=False)


@lemma_check
def layer_stacking_lemma(
    statement: sp.Basic, shapes_list=(((2, 3), (1, 2)), ((3, 1), (2, 3), (1, 2)))
) -> str | None:
    r"""Check :math:`\theta^T\theta = \sum_l \lVert W^{(l)} \rVert_F^2` for stacked weights.

    Two facts are checked. For a weight matrix of symbolic shape,
    :math:`\lVert W \rVert_F^2 = \operatorname{tr}(W^T W) = \sum_{ij} W_{ij}^2`, the sum of
    squares of its entries (a general proof). Stacking the entries of every layer into one
    column :math:`\theta` then gives :math:`\theta^T\theta` equal to the sum over layers; that
    regrouping of a finite sum is checked on the concrete layer shapes in ``shapes_list``.

    Parameters
    ----------
    statement : sympy.Eq
        The lemma's statement, which must be :math:`\theta^T\theta = \sum_{l=1}^{L}
        \lVert W^{(l)}\rVert_F^2`.
    shapes_list : sequence
        The concrete stacks of layer shapes to check.

    Returns
    -------
    str or None
        ``None`` when both hold, otherwise the first failure.

    Examples
    --------
    >>> layer_stacking_lemma(LAYER_STACKING.statement) is None
    True
    """
    if statement != sp.Eq(theta_sq, l2_penalty(), evaluate=False):
        return "this check covers exactly θᵀθ = Σ_l ‖W⁽ˡ⁾‖²_F"
    rows, cols = sp.symbols("r c", integer=True, positive=True)
    W = sp.MatrixSymbol("W", rows, cols)
    j, k = sp.symbols("j k", integer=True)
    entries = sp.Sum(W[j, k] ** 2, (j, 0, rows - 1), (k, 0, cols - 1))
    if canonical(sp.Trace(W.T * W).rewrite(sp.Sum) - entries) != 0:
        return "tr(WᵀW) is not the sum of the squared entries of W"
    for shapes in shapes_list:
        layers = [
            sp.Matrix(r, c, lambda a, b, n=n: sp.Symbol(f"w{n}_{a}{b}"))
            for n, (r, c) in enumerate(shapes)
        ]
        stacked = sp.Matrix.vstack(*[w.reshape(w.rows * w.cols, 1) for w in layers])
        by_layer = sum((w.T * w).trace() for w in layers)
        if sp.expand((stacked.T * stacked)[0, 0] - by_layer) != 0:
            return f"stacking layers of shapes {shapes} does not give the sum of their norms"
    return None


#: θᵀθ is the sum of the layers' squared Frobenius norms (checked for concrete stacks).
LAYER_STACKING = Lemma(
    statement=sp.Eq(theta_sq, l2_penalty(), evaluate=False),
    proof=layer_stacking_lemma,
    scope=r"$\lVert W \rVert_F^2 = \sum_{j,k} W_{jk}^2$ proved for symbolic shapes; stacking "
    r"the layers into $\theta$ checked for 2 and 3 layers of concrete shapes",
    general=False,
    name="stacking the layers",
)

#: The MAP objective, the result of the ``map`` derivation (checked again where it is used).
MAP_OBJECTIVE = Law(
    sp.Eq(theta_map, ArgMin(map_objective(), theta)),
    "the MAP objective",
    derivation="map",
)

GIVEN = (
    Assumption(sp.Q.positive_definite(Sigma), "a covariance matrix is positive definite"),
    Part(LayerWeights, theta, r"the weight matrices $W^{(l)}$ are blocks of $\theta$"),
)


def l2_from_prior() -> Derivation:
    """Eqs. (8)–(11): the Gaussian prior turns the MAP objective into the L2-regularized cost."""
    n_log_prior = -(d / 2) * sp.log(2 * sp.pi * sigma**2) - theta_sq / (2 * sigma**2)
    nll = -sp.log(likelihood)
    u = sp.Symbol("u", positive=True)
    steps = (
        Step(
            sp.Eq(prior, gaussian_prior()),
            Premise(),
            r"Prior belief about the $d$ parameters: a multivariate Gaussian "
            r"$\mathcal N(\mu, \Sigma)$, with $\Sigma$ symmetric positive definite. The "
            r"normaliser has $\lvert\Sigma\rvert^{1/2}$ and the exponent $\Sigma^{-1}$.",
            eq=8,
        ),
        Step(
            sp.Eq(
                prior,
                sp.Mul(
                    sp.Pow(2 * sp.pi * sigma**2, -d / 2),
                    Exp(-theta_sq / (2 * sigma**2)),
                    evaluate=False,
                ),
            ),
            Substitute(
                {mu: sp.ZeroMatrix(d, 1), Sigma: sigma**2 * sp.Identity(d)},
                ["doit", "expand_power_base"],
            ),
            r"Zero mean and independent parameters with a common variance $\sigma^2$: "
            r"$\lvert\sigma^2 I\rvert = \sigma^{2d}$ and $(\sigma^2 I)^{-1} = I/\sigma^2$, for "
            "every dimension $d$.",
        ),
        Step(
            sp.Eq(sp.log(prior), n_log_prior),
            ApplyToBoth(sp.Lambda(u, sp.log(u)), ["expand_log"]),
            r"Take logarithms: the log-prior is a constant minus $\theta^T\theta/(2\sigma^2)$.",
        ),
        Step(
            sp.Eq(
                theta_map,
                ArgMin(
                    sp.Add(
                        nll,
                        theta_sq / (2 * sigma**2),
                        (d / 2) * sp.log(2 * sp.pi * sigma**2),
                        evaluate=False,
                    ),
                    theta,
                ),
            ),
            SubstituteInto(MAP_OBJECTIVE, ["expand_log"]),
            r"Put the log-prior into the MAP objective "
            r"$-\log P(\mathcal D \mid \theta) - \log P(\theta)$.",
        ),
        Step(
            sp.Eq(theta_map, ArgMin(sp.Add(nll, theta_sq / (2 * sigma**2), evaluate=False), theta)),
            UpToConstant(),
            r"$\frac{d}{2}\log(2\pi\sigma^2)$ does not depend on $\theta$, so it moves no "
            r"minimiser. With $\sigma = 1$ this is the note's (9).",
            eq=9,
        ),
        Step(
            sp.Eq(
                theta_map,
                ArgMin(sp.Add(nll / m, theta_sq / (2 * m * sigma**2), evaluate=False), theta),
            ),
            Monotone(sp.Lambda(sp.Symbol("v"), sp.Symbol("v") / m)),
            "Divide by the number of examples $m > 0$ (a positive scale moves no minimiser), "
            "so the data term is the mean loss.",
        ),
        Step(
            sp.Eq(
                theta_map, ArgMin(sp.Add(nll / m, lam / (2 * m) * theta_sq, evaluate=False), theta)
            ),
            Substitute({sigma: 1 / sp.sqrt(lam)}),
            r"Name the prior's precision $\lambda = 1/\sigma^2$: a narrower prior (small "
            r"$\sigma$) is a stronger penalty. The note's $\mathcal N(0, I)$ is $\lambda = 1$; "
            r"any other $\lambda$ is the prior $\mathcal N(0, I/\lambda)$.",
            eq=10,
        ),
        Step(
            sp.Eq(
                theta_map,
                ArgMin(sp.Add(nll / m, lam / (2 * m) * l2_penalty(), evaluate=False), theta),
            ),
            Substitute({theta_sq: l2_penalty()}, lemma=LAYER_STACKING),
            "In a network with $L$ layers the penalised parameters are the entries of the "
            r"weight matrices (biases get a flat prior and no penalty). $\theta^T\theta$ is then "
            r"the sum of the squared Frobenius norms "
            r"$\lVert W^{(l)} \rVert_F^2 = \operatorname{tr}(W^{(l)T} W^{(l)})$, a number, not "
            r"the matrix $W^{(l)T} W^{(l)}$.",
            eq=11,
        ),
    )
    return Derivation(
        name="l2",
        title="L2 regularization from a Gaussian prior",
        equations=(8, 9, 10, 11),
        steps=steps,
        summary=(
            r"With a zero-mean Gaussian prior of variance $\sigma^2$ on the weights, the MAP "
            r"objective is the mean negative log-likelihood plus $\frac{\lambda}{2m}$ times the "
            r"sum of squared weights, with $\lambda = 1/\sigma^2$: L2 regularization is a "
            r"Gaussian prior, and $\lambda$ its precision."
        ),
        given=GIVEN,
    )
