r"""Maximum likelihood of Bernoulli labels is minimum binary cross-entropy, eqs. (1)–(5).

Proved for a general number :math:`n` of examples (``Product``/``Sum`` over :math:`i`), not
only for the note's five images.
"""

import sympy as sp

from mathreg.ledger import Assumption, Lemma
from mathreg.lemmas import lemma_check
from mathreg.notation import ArgMax, ArgMin, Pr
from mathreg.proof import Derivation, Step
from mathreg.rules import Equal, Maximise, Monotone, Premise, Substitute
from mathreg.symbolic.symbols import X, Y, i, n, theta, theta_ml, x, y, y_hat

__all__ = [
    "BERNOULLI_PMF",
    "bernoulli_log_term",
    "bernoulli_pmf_lemma",
    "cross_entropy",
    "mean_bce",
    "p_label",
    "p_one",
]

#: :math:`P(y_i \mid \theta, x_i)`, the model's probability of the observed label.
p_label = Pr(y[i], theta, x[i])
#: :math:`P(y_i = 1 \mid \theta, x_i)`, the model's probability of label 1.
p_one = Pr(sp.Eq(y[i], 1), theta, x[i])

_u = sp.Symbol("u", positive=True)
_LOG = sp.Lambda(_u, sp.log(_u))
_NEGATE = sp.Lambda(sp.Symbol("u"), -sp.Symbol("u"))
_MEAN = sp.Lambda(sp.Symbol("u"), sp.Symbol("u") / n)


def _sum(summand: sp.Expr) -> sp.Sum:
    return sp.Sum(summand, (i, 1, n))


def bernoulli_log_term(p: sp.Expr) -> sp.Expr:
    r""":math:`y_i \log p + (1 - y_i)\log(1 - p)`, kept in the textbook's order for display."""
    return sp.Add(
        sp.Mul(y[i], sp.log(p), evaluate=False),
        sp.Mul(1 - y[i], sp.log(1 - p), evaluate=False),
        evaluate=False,
    )


@lemma_check
def bernoulli_pmf_lemma(statement: sp.Basic) -> str | None:
    r"""Check :math:`P(y \mid \cdot) = p^{y} (1-p)^{1-y}` with :math:`p = P(y = 1 \mid \cdot)`
    on both labels :math:`y \in \{0, 1\}`.

    The label model says :math:`P(y = 1 \mid \cdot) = p` and :math:`P(y = 0 \mid \cdot) = 1 - p`;
    the check puts each label into the right-hand side (with :math:`p` held fixed) and
    compares. Two labels are all there are, so checking both is a proof.

    Parameters
    ----------
    statement : sympy.Eq
        ``Eq(Pr(y, *given), p**y * (1 - p)**(1 - y))`` with ``p = Pr(Eq(y, 1), *given)``.

    Returns
    -------
    str or None
        ``None`` when the formula gives :math:`p` for :math:`y = 1` and :math:`1 - p` for
        :math:`y = 0`; otherwise what is wrong.

    Examples
    --------
    >>> bernoulli_pmf_lemma(BERNOULLI_PMF.statement) is None
    True
    >>> label = y[i]
    >>> p = Pr(sp.Eq(label, 1), theta, x[i])
    >>> bernoulli_pmf_lemma(sp.Eq(Pr(label, theta, x[i]), p ** (1 - label) * (1 - p) ** label))
    'for y = 1 it gives 1 - P(y[i] = 1 | theta, x[i]), not P(y[i] = 1 | theta, x[i])'
    """
    if not (isinstance(statement, sp.Eq) and isinstance(statement.lhs, Pr)):
        return "the statement must be Eq(P(y | ...), ...)"
    label, *given = statement.lhs.args
    p = Pr(sp.Eq(label, 1), *given)
    held = sp.Dummy("p")
    formula = statement.rhs.xreplace({p: held})
    for value, expected in ((1, held), (0, 1 - held)):
        got = formula.xreplace({label: value})
        if sp.expand(got - expected) != 0:
            shown = sp.sstr(expected.xreplace({held: p}))
            return f"for y = {value} it gives {sp.sstr(got.xreplace({held: p}))}, not {shown}"
    return None


def mean_bce(size: sp.Expr = n) -> sp.Expr:
    r"""Mean binary cross-entropy :math:`-\frac1n\sum_i [y_i\log\hat y_i+(1-y_i)\log(1-\hat y_i)]`.

    Parameters
    ----------
    size : sympy.Expr
        Number of examples (symbolic :math:`n` by default; an integer for concrete checks).

    Examples
    --------
    >>> bce = mean_bce(2).doit()
    >>> half, quarter = sp.Rational(1, 2), sp.Rational(1, 4)
    >>> value = bce.subs({y[1]: 1, y[2]: 0, y_hat[1]: half, y_hat[2]: quarter})
    >>> float(value)  # -(log 1/2 + log 3/4) / 2
    0.4904146265058631
    """
    return -sp.Sum(bernoulli_log_term(y_hat[i]), (i, 1, size)) / size


#: The probability of an observed label written with the Bernoulli formula (a lemma).
BERNOULLI_PMF = Lemma(
    statement=sp.Eq(p_label, p_one ** y[i] * (1 - p_one) ** (1 - y[i]), evaluate=False),
    proof=bernoulli_pmf_lemma,
    scope=r"both labels $y_i \in \{0, 1\}$, given "
    r"$P(y_i = 0 \mid \cdot) = 1 - P(y_i = 1 \mid \cdot)$",
    general=True,
    name="Bernoulli probability of a label",
)

#: The model's probability of label 1 is below 1, so log(1 - P(y_i = 1)) is defined.
BELOW_ONE = Assumption(
    p_one < 1,
    "the model's probability of label 1 is below 1 (a sigmoid's output lies in $(0, 1)$)",
)


def cross_entropy() -> Derivation:
    """Eqs. (1)–(5): maximising the likelihood of Bernoulli labels minimises cross-entropy."""
    bernoulli = BERNOULLI_PMF.statement.rhs
    log_likelihood_3 = _sum(bernoulli_log_term(p_one))
    bce_sum = _sum(bernoulli_log_term(y_hat[i]))
    steps = (
        Step(
            sp.Eq(Pr(Y, theta, X), sp.Product(p_label, (i, 1, n))),
            Premise(),
            "The $n$ labels are independent given $\\theta$ and the inputs, so the likelihood "
            "of the data set is the product of the per-example probabilities.",
            eq=1,
        ),
        Step(
            sp.Eq(theta_ml, ArgMax(sp.Product(p_label, (i, 1, n)), theta)),
            Maximise(theta_ml, [theta]),
            "Maximum likelihood: choose the parameters under which the observed labels are "
            "most probable. We want the maximiser ($\\arg\\max$), not the maximum value.",
            eq=2,
        ),
        Step(
            sp.Eq(theta_ml, ArgMax(sp.log(sp.Product(p_label, (i, 1, n))), theta)),
            Monotone(_LOG),
            "$\\log$ is strictly increasing on $(0, \\infty)$ and the likelihood is positive, so "
            "the maximiser does not move.",
        ),
        Step(
            sp.Eq(theta_ml, ArgMax(_sum(sp.log(p_label)), theta)),
            Equal("expand_log"),
            "The log of a product is the sum of the logs (every factor is positive).",
        ),
        Step(
            sp.Eq(theta_ml, ArgMax(log_likelihood_3, theta)),
            Substitute({p_label: bernoulli}, ["expand_log"], lemma=BERNOULLI_PMF),
            r"A label $y_i \in \{0, 1\}$ has the Bernoulli probability "
            r"$p^{y_i} (1 - p)^{1 - y_i}$ with $p = P(y_i = 1 \mid \theta, x_i)$; the log turns "
            "the powers into the weights $y_i$ and $1 - y_i$. This is the log-likelihood.",
            eq=3,
        ),
        Step(
            sp.Eq(theta_ml, ArgMin(-log_likelihood_3, theta)),
            Monotone(_NEGATE),
            "Maximising a function is minimising its negative. Note the brackets: the minus "
            "sign applies to the whole sum.",
            eq=4,
        ),
        Step(
            sp.Eq(theta_ml, ArgMin(-bce_sum, theta)),
            Substitute({p_one: y_hat[i]}),
            "Name the network's output $\\hat y_i = P(y_i = 1 \\mid \\theta, x_i)$, a probability "
            "in $(0, 1)$: the objective is the binary cross-entropy summed over the examples.",
            eq=5,
        ),
        Step(
            sp.Eq(theta_ml, ArgMin(mean_bce(), theta)),
            Monotone(_MEAN),
            "Dividing by the number of examples $n > 0$ changes nothing about the minimiser "
            "and gives the mean cross-entropy that training code reports (the cost of eq. (10)).",
        ),
    )
    return Derivation(
        name="cross-entropy",
        title="Maximum likelihood is minimum binary cross-entropy",
        equations=(1, 2, 3, 4, 5),
        steps=steps,
        summary=(
            "For any number $n$ of independent examples with labels in $\\{0, 1\\}$, the "
            "parameters that maximise the likelihood are exactly those that minimise the binary "
            "cross-entropy of the predictions $\\hat y_i$."
        ),
        given=(BELOW_ONE,),
    )
