r"""What L2 does to the weights: their distribution with and without the penalty.

The overfitting network of :mod:`mathreg.experiments._overfit` is trained twice from the same
initial weights, with :math:`\lambda = 0` and with :math:`\lambda = 1` (near the best value of
the ``l2-sweep`` experiment). Each step of (13) shrinks the weights by
:math:`1 - \alpha\lambda/m`; at the end the regularized weights are concentrated near 0 and
every layer's Frobenius norm is smaller.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments import _overfit
from mathreg.experiments._plotting import new_figure
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LAMS = (0.0, 1.0)


@dataclass(frozen=True, eq=False)
class WeightsResult:
    """The trained weights for each λ, their norms, and the models' losses.

    Attributes
    ----------
    title : str
    lams : tuple of float
        The two values of λ, unregularized first.
    weights : tuple of tuple of numpy.ndarray
        ``weights[k][l]`` is :math:`W^{(l+1)}` trained with ``lams[k]`` (read-only arrays).
    train, validation : tuple of float
        Mean binary cross-entropy of each model.
    """

    title: str
    lams: tuple[float, ...]
    weights: tuple[tuple[np.ndarray, ...], ...]
    train: tuple[float, ...]
    validation: tuple[float, ...]

    @property
    def norms(self) -> tuple[tuple[float, ...], ...]:
        r"""``norms[k][l]`` is :math:`\lVert W^{(l+1)} \rVert_F` trained with ``lams[k]``."""
        return tuple(tuple(float(np.linalg.norm(W)) for W in ws) for ws in self.weights)

    def table(self) -> str:
        """Per-layer Frobenius norms and the losses, for each λ, as plain text."""
        header = ["", *(f"lam = {lam:g}" for lam in self.lams)]
        rows = [header]
        for l, W in enumerate(self.weights[0], start=1):  # noqa: E741
            cells = [f"{n[l - 1]:.4f}" for n in self.norms]
            rows.append([f"||W{l}||_F  {W.shape[0]}x{W.shape[1]}", *cells])
        rows.append(["train BCE", *(f"{t:.4f}" for t in self.train)])
        rows.append(["validation BCE", *(f"{v:.4f}" for v in self.validation)])
        return format_table(rows, label_column=True)

    def figure(self) -> Figure:
        """Histograms of all weights of the hidden layer :math:`W^{(2)}`, one per λ."""
        fig, (ax,) = new_figure()
        values = [ws[1].ravel() for ws in self.weights]
        bins = np.linspace(min(map(np.min, values)), max(map(np.max, values)), 61)
        for k, (lam, w) in enumerate(zip(self.lams, values, strict=True)):
            ax.hist(w, bins=bins, color=f"C{k + 2}", alpha=0.6, label=f"λ = {lam:g}")
        ax.set_yscale("log")
        ax.set_xlabel(r"weight value, $W^{(2)}$ (64 × 64)")
        ax.set_ylabel("count (log scale)")
        ax.set_title(self.title)
        ax.legend(fontsize="small")
        return fig


def run(*, seed: int = 0, progress: Progress | None = None) -> WeightsResult:
    """Weight histograms of the overfitting MLP with and without L2 (λ = 0 vs. λ = 1).

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
        title="Weights with and without L2 (2-64-64-1 MLP, 80 points)",
        lams=LAMS,
        weights=tuple(weights),
        train=tuple(train),
        validation=tuple(validation),
    )
