r"""Softmax and the multi-class cross-entropy: the loss, its gradient, and the two-class case.

For :math:`K` classes with logits :math:`z_k` and a one-hot label :math:`y`
(:math:`\sum_k y_k = 1`), the categorical likelihood :math:`\prod_k p_k^{y_k}` with
:math:`p = \operatorname{softmax}(z)` gives the cross-entropy
:math:`L = -\sum_k y_k \log p_k`. Two derivations:

- ``softmax-cross-entropy``: :math:`L = -\sum_k y_k z_k + \log\sum_l e^{z_l}` and
  :math:`\partial L/\partial z_j = p_j - y_j`, for a symbolic number of classes;
- ``softmax-two-classes``: with :math:`K = 2`, :math:`p_1 = \sigma(z_1 - z_2)` and :math:`L` is
  the note's binary cross-entropy (3)–(5) with :math:`\hat y = \sigma(z_1 - z_2)`.
"""

import sympy as sp

from mathreg.ledger import Assumption
from mathreg.notation import named_symbol
from mathreg.proof import Derivation, Step
from mathreg.rules import Differentiate, Equal, Premise, Substitute

__all__ = ["softmax_cross_entropy", "softmax_two_classes"]

K = sp.Symbol("K", integer=True, positive=True)
j, k, l = sp.symbols("j k l", integer=True)  # noqa: E741
z = sp.IndexedBase("z", real=True)
y = sp.IndexedBase("y", real=True)
loss = named_symbol("L", "L")
grad = named_symbol("g_j", r"\frac{\partial L}{\partial z_j}")


def _normaliser() -> sp.Expr:
    return sp.Sum(sp.exp(z[l]), (l, 1, K))


def softmax_cross_entropy() -> Derivation:
    """[R16]: the gradient of the softmax cross-entropy in the logits is p − y."""
    p = sp.exp(z[k]) / _normaliser()
    steps = (
        Step(
            sp.Eq(loss, -sp.Sum(y[k] * sp.log(p), (k, 1, K))),
            Premise(),
            r"The negative log of the categorical likelihood $\prod_k p_k^{y_k}$ of a one-hot "
            "label $y$, with $p$ the softmax of the logits $z$.",
        ),
        Step(
            sp.Eq(
                loss,
                sp.Add(
                    -sp.Sum(y[k] * z[k], (k, 1, K)),
                    sp.Sum(y[k], (k, 1, K)) * sp.log(_normaliser()),
                    evaluate=False,
                ),
            ),
            Equal("expand_log"),
            r"$\log p_k = z_k - \log \sum_l e^{z_l}$; the second part does not depend on $k$.",
        ),
        Step(
            sp.Eq(
                loss,
                sp.Add(-sp.Sum(y[k] * z[k], (k, 1, K)), sp.log(_normaliser()), evaluate=False),
            ),
            Substitute({sp.Sum(y[k], (k, 1, K)): 1}),
            "A one-hot label sums to 1.",
        ),
        Step(
            sp.Eq(grad, -y[j] + sp.exp(z[j]) / _normaliser()),
            Differentiate(z[j], gradient=grad),
            "Differentiate in the logit of class $j$: $-y_j$ from the first sum, and the "
            "softmax $p_j$ from the log-sum-exp. The gradient is $p - y$.",
            eq="R16",
        ),
    )
    return Derivation(
        name="softmax-cross-entropy",
        title="Softmax cross-entropy and its gradient",
        equations=("R16",),
        steps=steps,
        summary=(
            "For any number of classes, the cross-entropy of the softmax is "
            r"$-\sum_k y_k z_k + \log \sum_l e^{z_l}$, and its gradient in the logits is the "
            "prediction minus the label, $p - y$: the same simple form as the binary case."
        ),
        given=(
            Assumption(sp.Eq(sp.Sum(y[k], (k, 1, K)), 1), "a one-hot label sums to 1"),
            Assumption(j >= 1, r"$j$ is one of the classes $1, \dots, K$"),
            Assumption(j <= K, r"$j$ is one of the classes $1, \dots, K$"),
        ),
    )


y1, y2 = sp.symbols("y_1 y_2", real=True)
z1, z2 = sp.symbols("z_1 z_2", real=True)


def _sigmoid(a: sp.Expr) -> sp.Expr:
    return 1 / (1 + sp.exp(-a))


def softmax_two_classes() -> Derivation:
    """[R17]: with two classes, softmax cross-entropy is binary cross-entropy of σ(z₁ − z₂)."""
    total = sp.exp(z1) + sp.exp(z2)
    p1, p2 = sp.exp(z1) / total, sp.exp(z2) / total
    yhat = _sigmoid(z1 - z2)
    steps = (
        Step(
            sp.Eq(loss, -(y1 * sp.log(p1) + y2 * sp.log(p2))),
            Premise(),
            "The softmax cross-entropy with two classes.",
        ),
        Step(
            sp.Eq(loss, -(y1 * sp.log(p1) + (1 - y1) * sp.log(p2))),
            Substitute({y2: 1 - y1}),
            "A one-hot label over two classes: $y_2 = 1 - y_1$.",
        ),
        Step(
            sp.Eq(loss, -(y1 * sp.log(yhat) + (1 - y1) * sp.log(p2))),
            Substitute({p1: yhat}, ["cancel"]),
            r"Divide by $e^{z_1}$: $p_1 = \frac{1}{1 + e^{-(z_1 - z_2)}} = \sigma(z_1 - z_2)$, "
            "the sigmoid of the difference of the logits.",
        ),
        Step(
            sp.Eq(loss, -(y1 * sp.log(yhat) + (1 - y1) * sp.log(1 - yhat))),
            Substitute({p2: 1 - yhat}, ["cancel"]),
            "$p_2 = 1 - p_1$. This is the note's binary cross-entropy (3)–(5) for the label "
            r"$y_1$ and the prediction $\hat y = \sigma(z_1 - z_2)$.",
            eq="R17",
        ),
    )
    return Derivation(
        name="softmax-two-classes",
        title="Two classes: softmax cross-entropy is binary cross-entropy",
        equations=("R17",),
        steps=steps,
        summary=(
            "With two classes the softmax of the logits is the sigmoid of their difference, "
            "and the cross-entropy is the binary cross-entropy of the note: one logit "
            "$z_1 - z_2$ carries all the information."
        ),
        given=(Assumption(sp.Eq(y2, 1 - y1), "the two entries of a one-hot label sum to 1"),),
    )
