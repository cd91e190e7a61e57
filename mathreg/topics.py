r"""The book's topics: one record per topic, and everything that lists topics reads it.

A :class:`Topic` names its page, its place in the navigation, its derivations (registry name
and builder), the numeric functions and the proved functions they are tested against, its
experiments (each draws one figure) and its equation numbers: the lecture note's (1)–(15) as
integers, results beyond the note as strings of our own numbering (``"R1"``, ``"R2"``, …),
shown as [R1] so they are never mistaken for the note's.

Read from here: the site's navigation (``mkdocs.yml`` through :func:`mathreg.site.nav.nav`),
the home page's overview table, ``python -m mathreg list``, the API page's members,
:data:`mathreg.symbolic.DERIVATIONS`, :data:`mathreg.experiments.EXPERIMENTS`, and the
parametrisation of the derivation, agreement, corruption and site tests. Adding a topic is one
entry in :data:`TOPICS` plus the topic's own files (``CONTRIBUTING.md``).

Builders and functions are given as import paths (``"module:attribute"``) and loaded on
demand, so that reading the registry (the navigation does, at every build) imports neither
SymPy nor NumPy, and :mod:`mathreg.symbolic` can build its registry from this one without an
import cycle.

Examples
--------
>>> topic = TOPIC["l2"]
>>> topic.page, topic.section, equations_label(topic.equations)
('l2-prior.md', 'Regularizers', '(8)–(11)')
>>> [d.name for d in topic.derivations]
['l2']
>>> equations_label((14, 15, "R1"))
'(14)–(15), [R1]'
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from typing import Any

__all__ = [
    "TOPIC",
    "TOPICS",
    "Agreement",
    "DerivationEntry",
    "Experiment",
    "Topic",
    "equations_label",
    "load",
]

OWN_NUMBER = re.compile(r"R[1-9][0-9]*")


def load(path: str) -> Any:
    """The object at an import path ``"package.module:attribute"``."""
    module, _, attribute = path.partition(":")
    if not attribute:
        raise ValueError(f"import path {path!r} must be 'module:attribute'")
    return getattr(importlib.import_module(module), attribute)


@dataclass(frozen=True)
class DerivationEntry:
    """One derivation of a topic: its registry name and the function that builds it."""

    name: str
    builder: str  # "mathreg.symbolic.l2:l2_from_prior": a zero-argument function

    def load(self):
        """The builder function (imports its module)."""
        return load(self.builder)


@dataclass(frozen=True)
class Agreement:
    """A numeric function and the proved function it is tested against.

    ``numeric`` is a public name of :mod:`mathreg.numeric`; ``proved`` a function of
    :mod:`mathreg.symbolic.lambdified`, which turns a derivation's result into NumPy code.
    ``tests/test_agreement.py`` checks every pair listed here.
    """

    numeric: str
    proved: str


@dataclass(frozen=True)
class Experiment:
    """A seeded experiment of :mod:`mathreg.experiments`; it draws ``figures/<name>.svg``."""

    name: str
    run: str  # "mathreg.experiments.capacity:run"

    @property
    def figure(self) -> str:
        """The figure's path relative to ``docs/`` (written by ``python -m mathreg figures``)."""
        return f"figures/{self.name}.svg"


@dataclass(frozen=True)
class Topic:
    """One topic of the book: a page and everything on it that code produces or checks."""

    key: str
    title: str  # the navigation's and the overview table's label
    page: str  # the Markdown file in docs/
    section: str  # the navigation section it is listed under
    summary: str  # the result in one line (Markdown, inline math allowed)
    equations: tuple[int | str, ...] = ()
    derivations: tuple[DerivationEntry, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    experiments: tuple[Experiment, ...] = ()

    def __post_init__(self) -> None:
        for number in self.equations:
            if isinstance(number, str) and not OWN_NUMBER.fullmatch(number):
                raise ValueError(f"{self.key}: own equation numbers look like 'R1', not {number!r}")
            if isinstance(number, int) and not 1 <= number <= 15:
                raise ValueError(f"{self.key}: the note numbers its equations (1)-(15)")


def equations_label(equations: tuple[int | str, ...]) -> str:
    """The note's equations as ``(8)–(11)``, ours as ``[R1]``, both when a topic has both.

    Examples
    --------
    >>> equations_label((8, 9, 10, 11)), equations_label((6, 7)), equations_label(())
    ('(8)–(11)', '(6)–(7)', '—')
    >>> equations_label((3, 5)), equations_label(("R1", "R2"))
    ('(3), (5)', '[R1], [R2]')
    """
    note = [n for n in equations if isinstance(n, int)]
    ours = [n for n in equations if isinstance(n, str)]
    parts = []
    if len(note) > 1 and note == list(range(note[0], note[-1] + 1)):
        parts.append(f"({note[0]})–({note[-1]})")
    else:
        parts += [f"({n})" for n in note]
    parts += [f"[{n}]" for n in ours]
    return ", ".join(parts) or "—"


def _derivation(name: str, builder: str) -> DerivationEntry:
    return DerivationEntry(name, f"mathreg.symbolic.{builder}")


def _experiment(name: str) -> Experiment:
    return Experiment(name, f"mathreg.experiments.{name.replace('-', '_')}:run")


# The book in reading order: the navigation, the overview table and `mathreg list` follow it.
TOPICS: tuple[Topic, ...] = (
    Topic(
        key="bias-variance",
        title="Bias and variance",
        page="bias-variance.md",
        section="Background",
        summary="the expected squared error is noise + bias² + variance: too little capacity "
        "underfits, too much overfits, and regularization trades variance for bias",
        equations=("R1",),
        derivations=(_derivation("bias-variance", "bias_variance:bias_variance"),),
        agreements=(Agreement("bias_variance_decomposition", "bias_variance_terms"),),
        experiments=(
            _experiment("capacity"),
            _experiment("l2-sweep"),
            _experiment("dropout-sweep"),
            _experiment("boundaries"),
            _experiment("bias-variance-terms"),
        ),
    ),
    Topic(
        key="likelihood",
        title="Likelihood and cross-entropy",
        page="likelihood.md",
        section="Background",
        summary="maximizing the likelihood of labelled data is minimizing binary cross-entropy",
        equations=(1, 2, 3, 4, 5),
        derivations=(_derivation("cross-entropy", "likelihood:cross_entropy"),),
        agreements=(
            Agreement("bernoulli_log_likelihood", "mean_cross_entropy"),
            Agreement("binary_cross_entropy", "mean_cross_entropy"),
            Agreement("binary_cross_entropy_with_logits", "mean_cross_entropy"),
        ),
    ),
    Topic(
        key="bayes-map",
        title="Bayes and MAP",
        page="bayes-map.md",
        section="Background",
        summary='a prior turns "most likely data" into "most probable parameters"',
        equations=(6, 7),
        derivations=(_derivation("map", "bayes:map_estimate"),),
    ),
    Topic(
        key="l2",
        title="L2 from a Gaussian prior",
        page="l2-prior.md",
        section="Regularizers",
        summary=r"a zero-mean Gaussian prior on the weights *is* the "
        r"\(\frac{\lambda}{2m}\lVert W\rVert_F^2\) penalty",
        equations=(8, 9, 10, 11),
        derivations=(_derivation("l2", "l2:l2_from_prior"),),
        agreements=(Agreement("l2_penalty", "l2_penalty"),),
    ),
    Topic(
        key="weight-decay",
        title="Weight decay",
        page="weight-decay.md",
        section="Regularizers",
        summary=r"that penalty multiplies the weights by \(1-\frac{\alpha\lambda}{m}\) before "
        r"every gradient step",
        equations=(12, 13),
        derivations=(_derivation("weight-decay", "weight_decay:weight_decay"),),
        agreements=(
            Agreement("l2_gradient", "weight_decay_gradient"),
            Agreement("sgd_step", "weight_decay_update"),
        ),
        experiments=(_experiment("weight-norms"),),
    ),
    Topic(
        key="dropout",
        title="Dropout",
        page="dropout.md",
        section="Regularizers",
        summary="dividing by `keep_prob` keeps the expected activation unchanged; backprop reuses "
        "the same mask",
        equations=(14, 15),
        derivations=(
            _derivation("dropout", "dropout:dropout"),
            _derivation("dropout-backward", "dropout:dropout_backward"),
        ),
        agreements=(
            Agreement("dropout_forward", "dropout_forward"),
            Agreement("dropout_backward", "dropout_backward"),
        ),
    ),
    Topic(
        key="ridge",
        title="Ridge regression",
        page="ridge.md",
        section="Linear models",
        summary=r"\(\hat w = (X^TX + \lambda\mathbb I)^{-1}X^Ty\): each eigen-direction is shrunk "
        r"by \(\mu_i/(\mu_i + \lambda)\)",
        equations=("R2", "R3"),
        derivations=(
            _derivation("ridge", "ridge:ridge"),
            _derivation("ridge-direction", "ridge:ridge_direction"),
        ),
        agreements=(
            Agreement("ridge_fit", "ridge_solution"),
            Agreement("ridge_fit", "ridge_direction"),
            Agreement("ridge_shrinkage", "ridge_direction"),
        ),
        experiments=(_experiment("ridge-paths"),),
    ),
    Topic(
        key="l1",
        title="L1 and sparsity",
        page="l1.md",
        section="Linear models",
        summary="a Laplace prior gives an L1 penalty, whose soft-thresholding sets small weights "
        "exactly to zero",
        equations=("R4", "R5"),
        derivations=(
            _derivation("l1", "l1:l1_from_prior"),
            _derivation("soft-threshold", "l1:soft_threshold"),
        ),
        agreements=(
            Agreement("soft_threshold", "soft_threshold"),
            Agreement("lasso_fit", "soft_threshold"),
        ),
        experiments=(_experiment("lasso-paths"), _experiment("l1-ball")),
    ),
    Topic(
        key="noise-injection",
        title="Noise on the inputs",
        page="noise-injection.md",
        section="Linear models",
        summary=r"input noise of variance \(\sigma^2\) is an L2 penalty "
        r"\(\sigma^2\lVert w\rVert^2\) in expectation",
        equations=("R6",),
        derivations=(_derivation("noise-injection", "noise_injection:noise_injection"),),
        agreements=(Agreement("expected_noisy_loss", "noisy_example_loss"),),
        experiments=(_experiment("noise-vs-ridge"),),
    ),
    Topic(
        key="dropout-linear",
        title="Dropout as a penalty",
        page="dropout-linear.md",
        section="Linear models",
        summary="in expectation over the masks, input dropout on a linear model is ridge with "
        "each weight's penalty scaled by its input's norm",
        equations=("R7",),
        derivations=(_derivation("dropout-linear", "dropout_linear:dropout_linear"),),
        agreements=(Agreement("expected_dropout_loss", "dropout_linear_loss"),),
        experiments=(_experiment("dropout-masks"),),
    ),
    Topic(
        key="early-stopping",
        title="Early stopping",
        page="early-stopping.md",
        section="Linear models",
        summary=r"stopping after \(\tau\) steps of size \(\varepsilon\) acts like L2 with "
        r"\(\lambda \approx 1/(\tau\varepsilon)\), to first order",
        equations=("R8", "R9", "R10"),
        derivations=(
            _derivation("early-stopping", "early_stopping:early_stopping"),
            _derivation("early-stopping-lambda", "early_stopping:early_stopping_lambda"),
        ),
        agreements=(
            Agreement("gradient_descent_path", "gradient_descent_direction"),
            Agreement("ridge_shrinkage", "early_stopping_strength"),
        ),
        experiments=(_experiment("early-stopping-paths"),),
    ),
    Topic(
        key="decoupled-weight-decay",
        title="Weight decay in Adam",
        page="decoupled-weight-decay.md",
        section="In practice",
        summary="with Adam, L2 decays each weight by its own factor; AdamW decays them all alike",
        equations=("R11", "R12", "R13"),
        derivations=(
            _derivation("sgd-l2", "decoupled_weight_decay:sgd_l2"),
            _derivation("adam-l2", "decoupled_weight_decay:adam_l2"),
            _derivation("adamw-match", "decoupled_weight_decay:adamw_match"),
        ),
        agreements=(
            Agreement("sgd_step", "sgd_l2_update"),
            Agreement("adam_step", "adam_l2_update"),
            Agreement("adam_decay_factor", "adam_l2_decay_factor"),
            Agreement("adam_decay_factor", "adamw_matching_l2"),
        ),
        experiments=(_experiment("adam-adamw"),),
    ),
    Topic(
        key="gaussian-mse",
        title="Squared error from Gaussian noise",
        page="gaussian-mse.md",
        section="In practice",
        summary="Gaussian label noise makes maximum likelihood the least-squares fit",
        equations=("R14", "R15"),
        derivations=(
            _derivation("gaussian-mse", "gaussian_mse:gaussian_mse"),
            _derivation("gaussian-variance", "gaussian_mse:gaussian_variance"),
        ),
        agreements=(
            Agreement("mean_squared_error", "mean_squared_error"),
            Agreement("gaussian_negative_log_likelihood", "gaussian_negative_log_likelihood"),
            Agreement("noise_variance", "noise_variance"),
        ),
        experiments=(_experiment("noise-estimate"),),
    ),
    Topic(
        key="softmax-cross-entropy",
        title="Softmax cross-entropy",
        page="softmax.md",
        section="In practice",
        summary="the multi-class loss, its gradient \\(p - y\\), and the two-class case",
        equations=("R16", "R17"),
        derivations=(
            _derivation("softmax-cross-entropy", "softmax:softmax_cross_entropy"),
            _derivation("softmax-two-classes", "softmax:softmax_two_classes"),
        ),
        agreements=(
            Agreement("softmax_cross_entropy_with_logits", "softmax_cross_entropy"),
            Agreement("softmax_cross_entropy_gradient", "softmax_cross_entropy_gradient"),
            Agreement("softmax_cross_entropy_with_logits", "two_class_cross_entropy"),
        ),
        experiments=(_experiment("softmax-separable"),),
    ),
    Topic(
        key="choosing-lambda",
        title="Choosing λ honestly",
        page="choosing-lambda.md",
        section="In practice",
        summary="k-fold cross-validation with error bars: pick λ or keep_prob, and see which "
        "differences are noise",
        experiments=(_experiment("cv-ridge"), _experiment("cv-network")),
    ),
)

TOPIC: dict[str, Topic] = {topic.key: topic for topic in TOPICS}
