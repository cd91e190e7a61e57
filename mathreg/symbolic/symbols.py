r"""The symbols the derivations share, with their assumptions (see the Notation page).

Sizes are symbolic, so a proof holds for every size: :math:`n` examples in the likelihood,
:math:`m` in the cost (the note uses both names; they count the same examples), :math:`d`
parameters, and weight matrices of shape :math:`(n_\text{out}, n_\text{in})`.
"""

import sympy as sp

from mathreg.notation import Pr, named_symbol


class _DataSet(sp.Symbol):
    """The data set, printed :math:`\\mathcal{D}` on the page and ``D`` in the terminal."""

    def _latex(self, printer) -> str:
        return r"\mathcal{D}"


# sizes
n = sp.Symbol("n", integer=True, positive=True)  # examples in the likelihood (1)-(5)
m = sp.Symbol("m", integer=True, positive=True)  # examples in the cost (10)-(13)
d = sp.Symbol("d", integer=True, positive=True)  # number of parameters
n_out = sp.Symbol("n_out", integer=True, positive=True)
n_in = sp.Symbol("n_in", integer=True, positive=True)
n_examples = sp.Symbol("n_ex", integer=True, positive=True)  # columns of an activation matrix
L = sp.Symbol("L", integer=True, positive=True)  # number of layers
i = sp.Symbol("i", integer=True)  # example index
l = sp.Symbol("l", integer=True)  # noqa: E741  (layer index, as in the note)

# data and parameters
D = _DataSet("D")  # the data set
X, Y = sp.symbols("X Y")  # inputs and labels of the whole data set
x = sp.IndexedBase("x")  # input of example i
y = sp.IndexedBase("y", real=True)  # label of example i, in {0, 1}
y_hat = sp.IndexedBase("yhat", positive=True)  # ŷ_i = P(y_i = 1 | θ, x_i), in (0, 1)
theta = sp.MatrixSymbol("theta", d, 1)  # all parameters, stacked in one column

# hyperparameters and constants (all positive)
lam = sp.Symbol("lambda", positive=True)  # regularization strength λ
sigma = sp.Symbol("sigma", positive=True)  # prior standard deviation σ
alpha = sp.Symbol("alpha", positive=True)  # learning rate α (``lr`` in the code)
keep_prob = named_symbol(
    "keep_prob", r"\text{keep\_prob}", positive=True
)  # probability of keeping a unit

# estimates
theta_ml = sp.Symbol("thetahat_ML")
theta_map = sp.Symbol("thetahat_MAP")

# probabilities used throughout
likelihood = Pr(D, theta)  # P(D | θ)
prior = Pr(theta)  # P(θ)
posterior = Pr(theta, D)  # P(θ | D)
evidence = Pr(D)  # P(D)
