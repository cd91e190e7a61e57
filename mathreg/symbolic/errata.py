r"""The lecture note's slips, as data, each with the checker's verdict on the note's version.

Every :class:`Erratum` records where the note says what, what is right, and why, and is one of
three kinds:

- ``"error"``: the note's statement is wrong, and a checker says so: :meth:`Erratum.demonstrate`
  feeds the note's version to the derivation engine (or to SymPy) and returns the
  :class:`Rejection`. If the checker ever *accepted* the note's version, it raises
  :class:`ErratumNotCaught`, so a test notices;
- ``"notation"``: a slip of notation that no checker decides (``max`` written for
  :math:`\arg\max`);
- ``"clarification"``: the note is right, but a passage read on its own says less than the note
  means; the entry says what the note means in full. No verdict: nothing is rejected.

The site's errata page renders from :data:`ERRATA`, one section per kind.

Examples
--------
>>> decay = next(e for e in ERRATA if e.key == "decay-factor")
>>> print(decay.demonstrate().message)
step 4 (equal) fails: ...
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import sympy as sp

from mathreg.notation import ArgMax, ArgMin, ArgOpt, Back, Propto
from mathreg.printing import latex
from mathreg.proof import Derivation, DerivationError, Step
from mathreg.render import Layout, display_markdown
from mathreg.rules import Equal, Premise, Proportional, Rule
from mathreg.symbolic.bayes import likelihood as data_likelihood
from mathreg.symbolic.dropout import D, dA, dropout_backward
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
    theta_ml,
    y,
)
from mathreg.symbolic.weight_decay import W, W_new, weight_decay

__all__ = ["ERRATA", "KINDS", "Erratum", "ErratumNotCaught", "Rejection"]

#: The kinds of entry, in the order the errata page shows them, with its section titles.
KINDS = {
    "error": "Errors the checker rejects",
    "notation": "Slips of notation",
    "clarification": "Clarifications",
}


class ErratumNotCaught(AssertionError):
    """The checker accepted the note's version of a step it should reject."""


@dataclass(frozen=True)
class Rejection:
    """What a checker said about the note's version.

    Attributes
    ----------
    message : str
        The checker's own words, first line (SymPy's notation, for a terminal).
    summary : str
        One sentence for the page, inline LaTeX between ``$`` signs.
    shown : tuple of (str, sympy.Basic)
        Formulas that show what differs, each with a caption: typeset on the page, each a
        display formula (long ones are broken over lines on a phone).
    """

    message: str
    summary: str
    shown: tuple[tuple[str, sp.Basic], ...] = ()

    def markdown(self, layout: Layout | None = None) -> str:
        """The rejection for a page: the summary, then each formula under its caption."""
        out = [self.summary, ""]
        for caption, expr in self.shown:
            out += [caption, "", display_markdown(expr, layout), ""]
        return "\n".join(out).rstrip() + "\n"


@dataclass(frozen=True)
class Erratum:
    """One place where the note slips, or says less than it means.

    Attributes
    ----------
    key : str
        Short identifier (the anchor on the errata page).
    title : str
        One line, in words (it is a heading: no formulas).
    equation : int or None
        The note's equation number the entry is about, or ``None`` for prose.
    where : str
        Where in the note, in words: ``"(2)"``, ``"the sentence after (13)"``.
    note_wrote : str
        What the note writes (LaTeX, the note's own notation).
    correct : str
        The corrected statement, or for a clarification the statement in full (LaTeX).
    why : str
        The explanation, prose with inline LaTeX between ``$`` signs.
    kind : str
        ``"error"``, ``"notation"`` or ``"clarification"`` (see :data:`KINDS`).
    check : callable or None
        For an error, runs the checker on the note's version and returns its
        :class:`Rejection`; ``None`` for the other kinds.
    """

    key: str
    title: str
    equation: int | None
    where: str
    note_wrote: str
    correct: str
    why: str
    kind: str = "error"
    check: Callable[[], Rejection] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {list(KINDS)}, got {self.kind!r}")
        if (self.kind == "error") != (self.check is not None):
            raise ValueError(
                f"erratum {self.key!r}: an error needs a check, and only an error has one"
            )

    def demonstrate(self) -> Rejection | None:
        """The checker's verdict on the note's version (``None`` if no checker applies).

        Raises
        ------
        ErratumNotCaught
            If the checker accepts the note's version.
        """
        return None if self.check is None else self.check()


def _rejection_of(derivation: Derivation, number: int) -> DerivationError:
    """Check ``derivation``; return its rejection, which must be at step ``number``."""
    try:
        derivation.check()
    except DerivationError as error:
        if error.number != number:
            raise ErratumNotCaught(
                f"expected the checker to reject step {number}, it rejected step "
                f"{error.number}: {error}"
            ) from error
        return error
    raise ErratumNotCaught(f"the checker accepted the note's version of step {number}")


def _differing(
    note: sp.Basic, proved: sp.Basic, where: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], sp.Basic, sp.Basic]:
    """The innermost parts of two statements of the same form that differ, and where they are:
    a side of an equation, the objective of an arg min."""
    if isinstance(note, (sp.Eq, Propto)) and type(note) is type(proved):
        for side, name in (("lhs", "left-hand side"), ("rhs", "right-hand side")):
            if getattr(note, side) != getattr(proved, side):
                return _differing(getattr(note, side), getattr(proved, side), (*where, name))
    if isinstance(note, ArgOpt) and type(note) is type(proved) and note.params == proved.params:
        return _differing(note.objective, proved.objective, (*where, "objective"))
    return where, note, proved


def _compared(message: str, lead: str, note: sp.Basic, proved: sp.Basic) -> Rejection:
    """A rejection that shows the part of the note's statement that differs from what the rule
    gives, and their difference when it is shorter than both."""
    where, note_part, proved_part = _differing(note, proved)
    place = " of the ".join(reversed(where)) if where else "statement"
    shown = [
        (f"The note's version, {place}:", note_part),
        ("What the rule gives:", proved_part),
    ]
    try:
        difference = sp.simplify(note_part - proved_part)
    except (TypeError, sp.ShapeError):
        difference = None
    if difference is not None and difference != 0:
        if len(sp.sstr(difference)) < min(len(sp.sstr(note_part)), len(sp.sstr(proved_part))):
            shown.append(("The difference, the note's version minus the rule's:", difference))
    return Rejection(message=message, summary=lead, shown=tuple(shown))


@dataclass(frozen=True)
class _ReplaceStep:
    """The note's ``expr`` as step ``number`` of the derivation that ``build`` makes."""

    build: Callable[[], Derivation]
    number: int
    expr: sp.Basic

    def __call__(self) -> Rejection:
        genuine = self.build()
        error = _rejection_of(genuine.with_step(self.number, self.expr), self.number)
        lead = (
            f"The engine rejects step {self.number} of the derivation *{genuine.title}* "
            f"(rule: {error.rule}) when it reads the note's version: the rule, applied to "
            f"step {self.number - 1}, does not give it. Step {self.number} as the derivation "
            "states it is what the rule gives, and it checks."
        )
        message = str(error).splitlines()[0]
        return _compared(message, lead, self.expr, genuine.steps[self.number - 1].expr)


@dataclass(frozen=True)
class _Claim:
    """A two-step derivation: ``start`` (a correct statement), then the note's ``claim`` by
    ``rule``; ``correct`` is what the rule gives instead (the tests check that it does)."""

    start: sp.Basic
    claim: sp.Basic
    rule: Rule
    why: str
    correct: sp.Basic

    def __call__(self) -> Rejection:
        error = _rejection_of(_two_steps(self.start, self.claim, self.rule, self.why), 2)
        lead = (
            f"From ${latex(self.start)}$, the engine's rule *{error.rule}* "
            "does not give the note's statement."
        )
        message = str(error).splitlines()[0]
        return _compared(message, lead, self.claim, self.correct)


def _two_steps(start: sp.Basic, claim: sp.Basic, rule: Rule, why: str) -> Derivation:
    return Derivation(
        name="erratum",
        title="the note's step",
        equations=(),
        steps=(Step(start, Premise(), "correct"), Step(claim, rule, why)),
    )


def _log_proportional() -> Rejection:
    """The note's :math:`\\log P(\\theta|D) \\propto \\log P(D|\\theta)P(\\theta)`, checked by the
    rule *proportional*, which asks for a positive ratio free of :math:`\\theta`."""
    start = sp.Eq(sp.log(posterior), sp.log(data_likelihood * prior / evidence))
    claim = Propto(sp.log(posterior), sp.log(data_likelihood * prior), theta)
    error = _rejection_of(_two_steps(start, claim, Proportional(), "take logs of (7)"), 2)
    ratio = sp.expand_log(start.rhs, force=True) / sp.expand_log(claim.rhs, force=True)
    return Rejection(
        message=str(error).splitlines()[0],
        summary=(
            "Two sides are proportional when their ratio is a positive constant free of "
            r"$\theta$. Taking logs of (7) gives the ratio below, which depends on $\theta$: "
            "the engine's rule *proportional* rejects the note's statement."
        ),
        shown=(("The ratio of the two sides:", ratio),),
    )


def _matrix_penalty_refused() -> Rejection:
    """Try to build the note's (11), a scalar plus a matrix; SymPy refuses."""
    try:
        -sp.log(p_label) / m + lam / (2 * m) * (W.T * W)
    except TypeError as error:
        return Rejection(
            message=f"SymPy refuses to add a number and a matrix: {error}",
            summary=(
                r"SymPy refuses to build the note's (11): the data term $-\frac{1}{m}\log P$ "
                r"is a number and $(W^{(l)})^T W^{(l)}$ an $n_\text{in} \times n_\text{in}$ "
                f"matrix, which cannot be added (“{error}”)."
            ),
        )
    raise ErratumNotCaught("SymPy added a scalar and a matrix")


_p = p_label
_p1 = p_one
_nll = -sp.log(data_likelihood)

ERRATA: tuple[Erratum, ...] = (
    Erratum(
        key="product-range",
        title="The product and the sum run over different examples",
        equation=3,
        where="the line before (3)",
        note_wrote=r"\begin{aligned}&\log \prod_{i=1}^{5} P(Y_i \mid \theta, X_i) \\"
        r"&\quad = \sum_{i=1}^{n} \log P(Y_i \mid \theta, X_i)\end{aligned}",
        correct=r"\begin{aligned}&\log \prod_{i=1}^{n} P(y_i \mid \theta, x_i) \\"
        r"&\quad = \sum_{i=1}^{n} \log P(y_i \mid \theta, x_i)\end{aligned}",
        why="Both sides must run over the same examples. The derivation uses $n$ throughout, "
        "so it holds for any data set; the note's five images are the case $n = 5$.",
        check=_Claim(
            sp.Eq(sp.Symbol("ell"), sp.log(sp.Product(_p, (i, 1, 5)))),
            sp.Eq(sp.Symbol("ell"), sp.Sum(sp.log(_p), (i, 1, n))),
            Equal("expand_log"),
            "log of a product is a sum of logs",
            correct=sp.Eq(sp.Symbol("ell"), sp.Sum(sp.log(_p), (i, 1, 5))),
        ),
    ),
    Erratum(
        key="label-probability",
        title="The log-likelihood needs the probability of label 1",
        equation=3,
        where="(3) and (4)",
        note_wrote=r"\begin{aligned}&Y_i \log P(Y_i \mid \theta, X_i) \\"
        r"&\quad + (1 - Y_i) \log\bigl(1 - P(Y_i \mid \theta, X_i)\bigr)\end{aligned}",
        correct=r"\begin{aligned}&y_i \log P(y_i{=}1 \mid \theta, x_i) \\"
        r"&\quad + (1 - y_i) \log\bigl(1 - P(y_i{=}1 \mid \theta, x_i)\bigr)\end{aligned}",
        why=r"$P(y_i \mid \theta, x_i)$ is the probability of the label that was observed, "
        "which is already $1 - p$ for a 0 label; the Bernoulli form $p^{y_i}(1 - p)^{1 - y_i}$ "
        r"needs $p = P(y_i = 1 \mid \theta, x_i)$. Written with $P(y_i \mid \theta, x_i)$, a "
        "0 label would contribute $\\log(1 - (1 - p)) = \\log p$. The note names "
        r"$\hat Y_i = P(Y_i = \text{dog} \mid \theta, X_i)$ after (4), so its (5) has the "
        "right probability.",
        check=_ReplaceStep(
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
        where="(3), (4) and (5)",
        note_wrote=r"-\sum_{i=1}^{n} Y_i \log P(\cdot) + (1 - Y_i) \log(1 - P(\cdot))",
        correct=r"-\sum_{i=1}^{n} \bigl[y_i \log P(\cdot) + (1 - y_i) \log(1 - P(\cdot))\bigr]",
        why="Without brackets the sum (and in (4) and (5) the minus sign) covers only the first "
        "term, and the second is left with an index $i$ that no sum binds. (3), (4) and (5) "
        "all lack the brackets; the engine is shown (4).",
        check=_ReplaceStep(
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
        where="the first line after (8)",
        note_wrote=r"\log P(\theta \mid D) \propto \log P(D \mid \theta) P(\theta)",
        correct=r"\begin{aligned}&\log P(\theta \mid D) = \log P(D \mid \theta) \\"
        r"&\quad + \log P(\theta) - \log P(D)\end{aligned}",
        why="Proportionality is a constant factor; the log turns that factor into an additive "
        r"constant, $-\log P(\mathcal D)$. The right statement is an equality up to a term "
        r"free of $\theta$, which is all the $\arg\max$ needs.",
        check=_log_proportional,
    ),
    Erratum(
        key="gaussian-density",
        title="The Gaussian's exponent needs the inverse covariance",
        equation=8,
        where="(8) and the log-prior after it",
        note_wrote=r"\log P(D \mid \theta) - \tfrac12 (\theta - \mu)^T \Sigma (\theta - \mu)",
        correct=r"\begin{aligned}P(\theta) &= \frac{1}{(2\pi)^{d/2} |\Sigma|^{1/2}} \\"
        r"&\quad \times \exp\!\left(-\tfrac12 (\theta-\mu)^T \Sigma^{-1} (\theta-\mu)\right)"
        r"\end{aligned}",
        why=r"The note's text has $\Sigma$ in the exponent, both in (8) and in the log-prior "
        r"after it, where the density has $\Sigma^{-1}$. With the note's $\Sigma = \mathbb I$ "
        r"the two agree, and (9) is right. With $\Sigma = \sigma^2 \mathbb I$ they differ: the "
        r"exponent is $-\theta^T\theta/(2\sigma^2)$, not $-\sigma^2\theta^T\theta/2$, so a "
        r"wider prior (larger $\sigma$) means a weaker penalty, not a stronger one.",
        check=_ReplaceStep(
            l2_from_prior,
            2,
            sp.Eq(
                prior,
                sp.Pow(2 * sp.pi * sigma**2, -d / 2) * sp.exp(-(sigma**2) * theta_sq / 2),
            ),
        ),
    ),
    Erratum(
        key="matrix-penalty",
        title="The per-layer penalty is a number: the squared Frobenius norm",
        equation=11,
        where="(11)",
        note_wrote=r"\frac{\lambda}{2m} \sum_{l=1}^{L} (W^{(l)})^T W^{(l)}",
        correct=r"\begin{aligned}&\frac{\lambda}{2m} \sum_{l=1}^{L} \lVert W^{(l)} \rVert_F^2 \\"
        r"&\quad = \frac{\lambda}{2m} \sum_{l=1}^{L} "
        r"\operatorname{tr}\bigl((W^{(l)})^T W^{(l)}\bigr)\end{aligned}",
        why=r"$(W^{(l)})^T W^{(l)}$ is an $n_\text{in} \times n_\text{in}$ matrix and cannot be "
        "added to the scalar loss. The sum of the squared entries is its trace, the squared "
        "Frobenius norm.",
        check=_matrix_penalty_refused,
    ),
    Erratum(
        key="decay-factor",
        title="The decay factor after (13) has a 2 too many",
        equation=13,
        where="the sentence after (13)",
        note_wrote=r"1 - \frac{\alpha\lambda}{2m}",
        correct=r"1 - \frac{\alpha\lambda}{m}",
        why=r"The 2 of $\frac{\lambda}{2m}$ cancels against the 2 of "
        r"$\frac{d}{dw} w^2 = 2w$: the gradient of the penalty is $\frac{\lambda}{m} W$, so "
        r"the update multiplies $W$ by $1 - \frac{\alpha\lambda}{m}$, as (13) itself says. The "
        "sentence after (13) brings the 2 back.",
        check=_ReplaceStep(
            weight_decay,
            4,
            sp.Eq(
                W_new,
                sp.MatAdd(
                    (1 - alpha * lam / (2 * m)) * W,
                    sp.MatMul(-1, alpha, Back(W), evaluate=False),
                    evaluate=False,
                ),
                evaluate=False,
            ),
        ),
    ),
    Erratum(
        key="dA-reused",
        title="(14) and (15) give two different quantities the same name",
        equation=15,
        where="(14) and (15)",
        note_wrote=r"dA^{(l)} = dA^{(l)} \circ D^{l} / \text{keep\_prob}",
        correct=r"dA^{(l)} = d\tilde A^{(l)} \circ D^{(l)} / \text{keep\_prob}",
        why="The note's text says what happens in order: backpropagate as if nothing were "
        "dropped, then apply the mask and rescale. (15) writes the second step as an assignment "
        r"that overwrites $dA^{(l)}$; as an equation it would force "
        r"$D^{(l)}/\text{keep\_prob} = 1$. The gradient from (14), "
        r"$(W^{(l+1)})^T dZ^{(l+1)}$, is the gradient at the dropped-out activations "
        r"$\tilde A^{(l)}$; (15) pulls it back through the mask to $A^{(l)}$.",
        check=_ReplaceStep(
            dropout_backward,
            3,
            sp.Eq(dA, sp.HadamardProduct(dA, D) / keep_prob),
        ),
    ),
    Erratum(
        key="argmax",
        title="Maximum likelihood looks for the maximiser, not the maximum",
        equation=2,
        where="(2)",
        note_wrote=r"\max_{\theta} P(D \mid \theta)",
        correct=r"\hat\theta_{\mathrm{ML}} = \mathop{\mathrm{arg\,max}}\limits_{\theta} "
        r"P(\mathcal D \mid \theta)",
        why=r"$\max_\theta$ is the largest value the likelihood reaches; what the note's text "
        r"asks for, the parameters that reach it, is the $\arg\max$. The derivation states "
        "the estimate as an $\\arg\\max$, which is what lets the later steps take the log and "
        "change the sign without moving it.",
        kind="notation",
    ),
    Erratum(
        key="partial-derivative",
        title="A partial derivative is written with a curly d",
        equation=12,
        where="(12)",
        note_wrote=r"\frac{\delta J}{\delta W^{(l)}}",
        correct=r"\frac{\partial J}{\partial W^{(l)}}",
        why="$J$ depends on every layer's weights; its derivative in one of them is a partial "
        r"derivative, $\partial$. The letter $\delta$ usually denotes a variation or an error "
        "signal.",
        kind="notation",
    ),
    Erratum(
        key="lambda-origin",
        title="The regularization strength is the prior's precision",
        equation=10,
        where="the sentence before (10)",
        note_wrote=r"\tfrac{1}{2m}\theta^T\theta \;\longrightarrow\; "
        r"\tfrac{\lambda}{2m}\theta^T\theta",
        correct=r"\lambda = \tfrac{1}{\sigma^2}\ \text{ for the prior }\ "
        r"\theta \sim \mathcal N(0, \sigma^2 \mathbb I)",
        why="The note divides (9) by $m$ and then, as it says, adds a regularization "
        r"coefficient $\lambda$ as a tunable hyperparameter, which is what $\lambda$ is. "
        r"Dividing alone gives $\frac{1}{2m}$, that is $\lambda = 1$ and the note's prior "
        r"$\mathcal N(0, \mathbb I)$. Any other $\lambda$ is a different prior, "
        r"$\mathcal N(0, \mathbb I/\lambda)$: tuning $\lambda$ chooses the prior's width. The "
        r"derivation keeps $\sigma$ general and shows $\lambda = 1/\sigma^2$.",
        kind="clarification",
    ),
    Erratum(
        key="forward-rescale",
        title="Both passes divide by keep_prob",
        equation=None,
        where="the paragraph before (14)",
        note_wrote=r"A^{l} * D^{l}",
        correct=r"\tilde A^{(l)} = A^{(l)} \circ D^{(l)} / \text{keep\_prob}",
        why="One paragraph earlier the note divides the dropped-out activations by "
        r"$\text{keep\_prob}$, to avoid smaller activations; the implementation paragraph then "
        "applies the mask and says that everything else remains unchanged. Read on its own, "
        "that paragraph would train without the rescaling. The forward pass divides by "
        r"$\text{keep\_prob}$, and the backward pass (15) by the same number. The reason is "
        r"the note's: masking alone gives $\mathbb E[A_{ij} D_{ij}] = "
        r"\text{keep\_prob} \cdot A_{ij}$, smaller activations than at test time.",
        kind="clarification",
    ),
)
