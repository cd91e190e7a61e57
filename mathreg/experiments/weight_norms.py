r"""What L2 does to the weights: their distribution with and without the penalty.

The overfitting network of :mod:`mathreg.experiments._overfit` is trained twice from the same
initial weights, with :math:`\lambda = 0` and with :math:`\lambda = 1` (the lowest median
validation loss of the ``l2-sweep`` experiment). Each step of (13) shrinks the weights by
:math:`1 - \alpha\lambda/m`; at the end the regularized weights are concentrated near 0 and
every layer's Frobenius norm is smaller. Without the penalty the weights stay close to where
they started: most of their spread is the initialization's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments import _overfit
from mathreg.experiments._plotting import BLUE, ORANGE, new_figure
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap
from mathreg.numeric import MLP

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LAMS = (0.0, 1.0)


@dataclass(frozen=True, eq=False)
class WeightsResult:
    """The initial weights, the trained weights for each λ, their norms, and the losses.

    Attributes
    ----------
    title : str
    lams : tuple of float
        The two values of λ, unregularized first.
    initial : tuple of numpy.ndarray
        ``initial[l]`` is :math:`W^{(l+1)}` before training, the same for every λ (read-only).
    weights : tuple of tuple of numpy.ndarray
        ``weights[k][l]`` is :math:`W^{(l+1)}` trained with ``lams[k]`` (read-only arrays).
    train, validation : tuple of float
        Mean binary cross-entropy of each model.
    """

    title: str
    lams: tuple[float, ...]
    initial: tuple[np.ndarray, ...]
    weights: tuple[tuple[np.ndarray, ...], ...]
    train: tuple[float, ...]
    validation: tuple[float, ...]

    @property
    def norms(self) -> tuple[tuple[float, ...], ...]:
        r"""``norms[k][l]`` is :math:`\lVert W^{(l+1)} \rVert_F` trained with ``lams[k]``."""
        return tuple(tuple(float(np.linalg.norm(W)) for W in ws) for ws in self.weights)

    def table(self) -> str:
        """Per-layer Frobenius norms, before training and for each λ, and the losses."""
        header = ["", "initial", *(f"lam = {lam:g}" for lam in self.lams)]
        rows = [header]
        for l, W in enumerate(self.initial, start=1):  # noqa: E741
            cells = [f"{n[l - 1]:.4f}" for n in self.norms]
            rows.append(
                [f"||W{l}||_F  {W.shape[0]}x{W.shape[1]}", f"{np.linalg.norm(W):.4f}", *cells]
            )
        rows.append(["train BCE", "", *(f"{t:.4f}" for t in self.train)])
        rows.append(["validation BCE", "", *(f"{v:.4f}" for v in self.validation)])
        return format_table(rows, label_column=True)

    def figure(self) -> Figure:
        """Histograms of the weights of the hidden layer :math:`W^{(2)}` (64 × 64, 4096 of
        the network's 4288 weights): before training, and trained with each λ."""
        fig, (ax,) = new_figure()
        values = [self.initial[1].ravel(), *(ws[1].ravel() for ws in self.weights)]
        bins = np.linspace(min(map(np.min, values)), max(map(np.max, values)), 61)
        ax.hist(
            values[0], bins=bins, histtype="step", color="0.35", linestyle="--", linewidth=1.2,
            label="before training",
        )  # fmt: skip
        for lam, w, color in zip(self.lams, values[1:], (BLUE, ORANGE), strict=True):
            ax.hist(w, bins=bins, histtype="stepfilled", color=color, alpha=0.35)
            ax.hist(w, bins=bins, histtype="step", color=color, linewidth=1.6,
                    label=f"trained, λ = {lam:g}")  # fmt: skip
        ax.set_yscale("log")
        ax.set_xlabel(r"weight value, entries of $W^{(2)}$ (64 × 64)")
        ax.set_ylabel("count (log scale)")
        ax.set_title(self.title, fontsize="medium")
        ax.legend(fontsize="small")
        return fig


def run(*, seed: int = 0, progress: Progress | None = None) -> WeightsResult:
    """Weight histograms of the overfitting MLP before training, with and without L2.

    Parameters
    ----------
    seed : int, optional
        Seeds the data and the initial weights (default 0).
    progress : callable, optional
        Wraps the loop over the two values of λ, e.g. ``tqdm.tqdm``.

    Returns
    -------
    WeightsResult
    """
    seed = check_run_arguments(seed, progress)
    problem = _overfit.Problem.make(seed)
    initial = tuple(
        W.copy()
        for W in MLP(_overfit.LAYER_SIZES, np.random.default_rng(problem.init_seed)).weights
    )
    for W in initial:
        W.flags.writeable = False
    weights, train, validation = [], [], []
    lams: Iterable[float] = wrap(LAMS, progress)
    for lam in lams:
        net = problem.fit(lam=lam)
        frozen = tuple(W.copy() for W in net.weights)
        for W in frozen:
            W.flags.writeable = False
        weights.append(frozen)
        t, v = problem.losses(net)
        train.append(t)
        validation.append(v)
    return WeightsResult(
        title="Hidden-layer weights W⁽²⁾ before and after training (2-64-64-1 MLP)",
        lams=LAMS,
        initial=initial,
        weights=tuple(weights),
        train=tuple(train),
        validation=tuple(validation),
    )
