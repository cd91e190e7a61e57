r"""The lecture note's mistakes, as data, each with the checker's verdict on the note's version.

Every :class:`Erratum` records what the note wrote, what is right, and why. Where a checker
applies, :meth:`Erratum.demonstrate` feeds the note's version to it and returns the checker's
rejection; if the checker ever *accepted* the note's version, it raises
:class:`ErratumNotCaught`, so a test notices. The site's errata page renders from
:data:`ERRATA`.

Examples
--------
>>> decay = next(e for e in ERRATA if e.key == "decay-factor")
>>> print(decay.demonstrate())
step 4 (equal) fails: ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy as sp

from mathreg.notation import ArgMax, ArgMin, Back, Expect, Propto
from mathreg.proof import Derivation, DerivationError, Step
from mathreg.rules import Equal, Premise, Proportional, Rule
from mathreg.symbolic.bayes import likelihood as data_likelihood
from mathreg.symbolic.dropout import D, a, dA, dropout, dropout_backward, mask_entry
from mathreg.symbolic.l2 import l2_from_prior, theta_sq
from mathreg.symbolic.likelihood import cross_entropy, p_label, p_one
from mathreg.symbolic.symbols import (
    alpha,
    d,
    evidence,
    i,
    keep_prob,
    lam,
    m,
    n,
    posterior,
    prior,
    sigma,
    theta,
    theta_map,
    theta_ml,
    y,
)
from mathreg.symbolic.weight_decay import W, W_new, weight_decay

__all__ = ["ERRATA", "Erratum", "ErratumNotCaught"]


class ErratumNotCaught(AssertionError):
    """The checker accepted the note's version of a step it should reject."""


@dataclass(frozen=True)
class Erratum:
    """One mistake in the note.

    Attributes
    ----------
    key : str
        Short identifier.
    title : str
        One line.
    equation : int or None
        The note's equation number, or ``None`` for prose.
    note_wrote : str
        The note's version (LaTeX).
    correct : str
        The corrected statement (LaTeX).
    why : str
        The explanation, in plain words.
    demonstrate : callable or None
        Runs the checker on the note's version and returns its verdict; ``None`` where the
        mistake is one of notation that no checker decides.
    """

    key: str
    title: str
    equation: int | None
    note_wrote: str
    correct: str
    why: str
    check: Callable[[], str] | None = None

    def demonstrate(self) -> str | None:
        """The checker's verdict on the note's version (``None`` if no checker applies).

        Raises
        ------
        ErratumNotCaught
            If the checker accepts the note's version.
        """
        return None if self.check is None else self.check()


def _rejected(derivation: Derivation, number: int) -> str:
    """Check ``derivation`` and return the first line of its rejection at step ``number``."""
    try:
        derivation.check()
    except DerivationError as error:
        if error.number != number:
            raise ErratumNotCaught(
                f"expected the checker to reject step {number}, it rejected step "
                f"{error.number}: {error}"
            ) from error
        return str(error).splitlines()[0]
    raise ErratumNotCaught(f"the checker accepted the note's version of step {number}")


def _replace_step(build: Callable[[], Derivation], number: int, expr: sp.Basic) -> Callable:
    return lambda: _rejected(build().with_step(number, expr), number)


def _claim(start: sp.Basic, claim: sp.Basic, rule: Rule, why: str) -> Callable[[], str]:
    """A two-step derivation: ``start`` (a correct statement), then the note's ``claim``."""

    def check() -> str:
        return _rejected(
            Derivation(
                name="erratum",
                title="the note's step",
                equations=(),
                steps=(Step(start, Premise(), "correct"), Step(claim, rule, why)),
            ),
            2,
        )

    return check


def _matrix_penalty_refused() -> str:
    """Try to build the note's (11), a scalar plus a matrix; SymPy refuses."""
    try:
        -sp.log(p_label) / m + lam / (2 * m) * (W.T * W)
    except TypeError as error:
        return f"SymPy refuses to add a number and a matrix: {error}"
    raise ErratumNotCaught("SymPy added a scalar and a matrix")


_p = p_label
_p1 = p_one
_nll = -sp.log(data_likelihood)

ERRATA: tuple[Erratum, ...] = (
    Erratum(
        key="argmax",
        title="Maximum likelihood looks for the maximiser, not the maximum",
        equation=2,
        note_wrote=r"\max_{\theta} P(D \mid \theta)",
        correct=r"\hat\theta_{ML} = \mathop{\mathrm{arg\,max}}\limits_{\theta} P(D \mid \theta)",
        why="max gives the largest value the likelihood reaches; training wants the parameters "
        "that reach it, the arg max. The derivation states the estimate as an arg max, which is "
        "what makes the later monotone transformations (log, negation) legitimate.",
    ),
    Erratum(
        key="product-range",
        title="The product runs over five images, the sum over n",
        equation=3,
        note_wrote=r"\log \prod_{i=1}^{5} P(Y_i \mid \theta, X_i) = "
        r"\sum_{i=1}^{n} \log P(Y_i \mid \theta, X_i)",
        correct=r"\log \prod_{i=1}^{n} P(y_i \mid \theta, x_i) = "
        r"\sum_{i=1}^{n} \log P(y_i \mid \theta, x_i)",
        why="Both sides must run over the same examples. The derivation uses n throughout, so "
        "it holds for any data set, and the note's five images are the case n = 5.",
        check=_claim(
            sp.Eq(sp.Symbol("LL"), sp.log(sp.Product(_p, (i, 1, 5)))),
            sp.Eq(sp.Symbol("LL"), sp.Sum(sp.log(_p), (i, 1, n))),
            Equal("expand_log"),
            "log of a product is a sum of logs",
        ),
    ),
    Erratum(
        key="label-probability",
        title="The log-likelihood needs P(y = 1), not P(y)",
        equation=3,
        note_wrote=r"Y_i \log P(Y_i \mid \cdot) + (1 - Y_i) \log\bigl(1 - P(Y_i \mid \cdot)\bigr)",
        correct=r"y_i \log P(y_i{=}1 \mid \cdot) + "
        r"(1 - y_i) \log\bigl(1 - P(y_i{=}1 \mid \cdot)\bigr)",
        why="P(y_i | θ, x_i) is the probability of the label that was observed, already 1 − p "
        "for a 0 label; the Bernoulli form p^y (1 − p)^(1 − y) needs p = P(y_i = 1 | θ, x_i). "
        "Written with P(y_i | …), a 0 label would contribute log(1 − (1 − p)) = log p.",
        check=_replace_step(
            cross_entropy,
            5,
            sp.Eq(
                theta_ml,
                ArgMax(sp.Sum(y[i] * sp.log(_p) + (1 - y[i]) * sp.log(1 - _p), (i, 1, n)), theta),
            ),
        ),
    ),
    Erratum(
        key="brackets",
        title="The minus sign must cover the whole sum",
        equation=4,
        note_wrote=r"-\sum_{i=1}^{n} Y_i \log P(\cdot) + (1 - Y_i) \log(1 - P(\cdot))",
        correct=r"-\sum_{i=1}^{n} \bigl[y_i \log P(\cdot) + (1 - y_i) \log(1 - P(\cdot))\bigr]",
        why="Without brackets the sum (and the minus sign) covers only the first term, and the "
        "second term is left with an index i that no sum binds. Equation (5) has the same "
        "missing brackets.",
        check=_replace_step(
            cross_entropy,
            6,
            sp.Eq(
                theta_ml,
                ArgMin(
                    -sp.Sum(y[i] * sp.log(_p1), (i, 1, n)) + (1 - y[i]) * sp.log(1 - _p1), theta
                ),
            ),
        ),
    ),
    Erratum(
        key="log-proportional",
        title="Logarithms of proportional quantities are not proportional",
        equation=None,
        note_wrote=r"\log P(\theta \mid D) \propto \log P(D \mid \theta) P(\theta)",
        correct=r"\log P(\theta \mid D) = \log P(D \mid \theta) + \log P(\theta) - \log P(D)",
        why="Proportionality is a constant factor; the log turns that factor into an additive "
        "constant, −log P(D). The right statement is an equality up to a term free of θ, which "
        "is all the argmax needs.",
        check=_claim(
            sp.Eq(sp.log(posterior), sp.log(data_likelihood * prior / evidence)),
            Propto(sp.log(posterior), sp.log(data_likelihood * prior), theta),
            Proportional(),
            "take logs of (7)",
        ),
    ),
    Erratum(
        key="gaussian-density",
        title="The Gaussian density needs |Σ|^(1/2) and Σ⁻¹",
        equation=8,
        note_wrote=r"-\tfrac12 (\theta - \mu)^T \Sigma (\theta - \mu)",
        correct=r"P(\theta) = \frac{1}{(2\pi)^{d/2} |\Sigma|^{1/2}} "
        r"\exp\!\left(-\tfrac12 (\theta-\mu)^T \Sigma^{-1} (\theta-\mu)\right)",
        why="Equation (8) is garbled in the note, and the log-prior below it uses Σ where the "
        "density has Σ⁻¹. With Σ = σ²I the two differ: the exponent is −θᵀθ/(2σ²), not "
        "−σ²θᵀθ/2, so a wider prior (larger σ) must mean a weaker penalty, not a stronger one.",
        check=_replace_step(
            l2_from_prior,
            2,
            sp.Eq(
                prior,
                sp.Pow(2 * sp.pi * sigma**2, -d / 2) * sp.exp(-(sigma**2) * theta_sq / 2),
            ),
        ),
    ),
    Erratum(
        key="lambda-origin",
        title="λ is the prior's precision, not a free addition",
        equation=10,
        note_wrote=r"\tfrac{1}{2m}\theta^T\theta \;\longrightarrow\; "
        r"\tfrac{\lambda}{2m}\theta^T\theta",
        correct=r"\tfrac{\lambda}{2m}\theta^T\theta \text{ with } \lambda = \tfrac{1}{\sigma^2},\ "
        r"\theta \sim \mathcal N(0, \sigma^2 I)",
        why="Dividing (9) by m gives 1/(2m), that is λ = 1, the prior N(0, I). Any other λ is "
        "a different prior, N(0, I/λ): the derivation keeps σ general and shows λ = 1/σ².",
        check=_claim(
            sp.Eq(theta_map, ArgMin((_nll + theta_sq / 2) / m, theta)),
            sp.Eq(theta_map, ArgMin(_nll / m + lam / (2 * m) * theta_sq, theta)),
            Equal(),
            "divide (9) by m",
        ),
    ),
    Erratum(
        key="matrix-penalty",
        title="The per-layer penalty is a number: the squared Frobenius norm",
        equation=11,
        note_wrote=r"\frac{\lambda}{2m} \sum_{l=1}^{L} (W^{(l)})^T W^{(l)}",
        correct=r"\frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{(l)} \rVert_F^2 = "
        r"\frac{\lambda}{2m} \sum_{l=1}^{L} \operatorname{tr}\bigl((W^{(l)})^T W^{(l)}\bigr)",
        why="(W⁽ˡ⁾)ᵀW⁽ˡ⁾ is an n_in × n_in matrix and cannot be added to the scalar loss. The "
        "sum of squared entries is its trace, the squared Frobenius norm.",
        check=_matrix_penalty_refused,
    ),
    Erratum(
        key="partial-derivative",
        title="A partial derivative is written with ∂",
        equation=12,
        note_wrote=r"\frac{\delta J}{\delta W^{(l)}}",
        correct=r"\frac{\partial J}{\partial W^{(l)}}",
        why="J depends on every layer's weights; its derivative in one of them is a partial "
        "derivative. δ usually denotes a variation or an error signal.",
    ),
    Erratum(
        key="decay-factor",
        title="The decay factor is 1 − αλ/m, not 1 − αλ/(2m)",
        equation=13,
        note_wrote=r"1 - \frac{\alpha\lambda}{2m}",
        correct=r"1 - \frac{\alpha\lambda}{m}",
        why="The 2 of λ/(2m) cancels against the 2 of d(w²)/dw = 2w: the gradient of the "
        "penalty is (λ/m)W, so the update multiplies W by 1 − αλ/m, as (13) itself says. The "
        "prose after (13) reintroduces the 2.",
        check=_replace_step(
            weight_decay,
            4,
            sp.Eq(
                W_new,
                (1 - alpha * lam / (2 * m)) * W - alpha * Back(W),
                evaluate=False,
            ),
        ),
    ),
    Erratum(
        key="forward-rescale",
        title="The forward pass must divide by keep_prob too",
        equation=None,
        note_wrote=r"A^{(l)} \ast D^{(l)}",
        correct=r"\tilde A^{(l)} = A^{(l)} \circ D^{(l)} / \text{keep\_prob}",
        why="The implementation paragraph applies the mask and stops. Masking alone makes the "
        "expected activation keep_prob · A, so the next layer sees smaller inputs in training "
        "than at test time; dividing by keep_prob restores E[Ã] = A. That is the reason for "
        "the rescaling (the note gives saturation as the reason).",
        check=_replace_step(
            dropout,
            3,
            sp.Eq(Expect(a * mask_entry), a),
        ),
    ),
    Erratum(
        key="dA-reused",
        title="(14) and (15) give two different quantities the same name",
        equation=15,
        note_wrote=r"dA^{(l)} = dA^{(l)} \circ D^{(l)} / \text{keep\_prob}",
        correct=r"dA^{(l)} = d\tilde A^{(l)} \circ D^{(l)} / \text{keep\_prob}",
        why="Read as code, (15) overwrites a variable; read as an equation it would force "
        "D/keep_prob = 1. The gradient from (14), dÃ = (W⁽ˡ⁺¹⁾)ᵀ dZ⁽ˡ⁺¹⁾, is the one at the "
        "dropped-out activations Ã; (15) pulls it back through the mask to A.",
        check=_replace_step(
            dropout_backward,
            3,
            sp.Eq(dA, sp.HadamardProduct(dA, D) / keep_prob),
        ),
    ),
)
