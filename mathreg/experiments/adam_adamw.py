r"""Adam + L2 against AdamW on the overfitting network: the same λ, very different regularizers.

The network of :mod:`mathreg.experiments._overfit` (2-64-64-1, 80 noisy points of two moons) is
trained by :func:`mathreg.numeric.adam_step` for :data:`N_STEPS` full-batch steps of size
:data:`LR`, once with the L2 term in the gradient (``decoupled=False``, PyTorch's
``Adam(weight_decay=λ/m)``) and once with decoupled decay (``decoupled=True``, ``AdamW``), for
each λ of :data:`LAMS` and the data and initial weights of :data:`N_SEEDS` seeds. Biases are not
regularized. Reported: each layer's Frobenius norm, the train and validation cross-entropy, and,
for Adam + L2 at :data:`DECAY_LAM`, how strongly each weight is decayed compared with AdamW:
by [R12] the penalty moves coordinate :math:`i` by :math:`\frac{\alpha\lambda/m}{\sqrt{\hat v_i}
+ \epsilon}\,w_i` per step, :math:`1/(\sqrt{\hat v_i} + \epsilon)` times AdamW's
:math:`\frac{\alpha\lambda}{m} w_i`. (Exactly so on the first step; after it, with the current
:math:`\hat v`, as the form of the step.)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments import _overfit
from mathreg.experiments._plotting import panels
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap
from mathreg.experiments._spread import draw_band, mean_and_range
from mathreg.numeric import MLP, AdamState, adam_decay_factor, adam_step

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LAMS = (0.0, 1.0, 100.0, 1000.0)
N_SEEDS = 3
LR = 0.025
N_STEPS = 400
DECAY_LAM = 1.0  # where the per-coordinate decay of Adam + L2 is shown
OPTIMIZERS = ("Adam + L2", "AdamW")


def _flat(arrays) -> np.ndarray:
    return np.concatenate([a.ravel() for a in arrays])


def _split(flat: np.ndarray, like) -> tuple[np.ndarray, ...]:
    ends = np.cumsum([a.size for a in like])[:-1]
    return tuple(p.reshape(a.shape) for p, a in zip(np.split(flat, ends), like, strict=True))


def train(problem: _overfit.Problem, lam: float, *, decoupled: bool) -> tuple[MLP, AdamState]:
    """The network trained by Adam (+ L2, or AdamW) on ``problem``; also the weights' state.

    Adam works coordinate by coordinate, so all weights are stepped as one vector (and all
    biases as another, without decay): the same update as layer by layer, in fewer calls.
    """
    net = MLP(_overfit.LAYER_SIZES, np.random.default_rng(problem.init_seed))
    m = problem.X_train.shape[1]
    weights, biases = _flat(net.weights), _flat(net.biases)
    w_state = b_state = None
    for _ in range(N_STEPS):
        grads = net.backward(net.forward(problem.X_train), problem.Y_train)  # back: data only
        weights, w_state = adam_step(
            weights, _flat(grads.back), w_state, LR, lam, m, decoupled=decoupled
        )
        biases, b_state = adam_step(biases, _flat(grads.db), b_state, LR)
        net.weights, net.biases = _split(weights, net.weights), _split(biases, net.biases)
    return net, w_state


@dataclass(frozen=True, eq=False)
class AdamResult:
    """Weight norms and losses of Adam + L2 and AdamW across λ and seeds.

    Attributes
    ----------
    title : str
    lams : tuple of float
    norms : numpy.ndarray
        Shape (2, len(lams), layers, seeds): ``norms[o, j, l, s]`` is
        :math:`\\lVert W^{(l+1)} \\rVert_F` for optimizer ``o`` (0: Adam + L2, 1: AdamW), λ
        ``lams[j]`` and seed ``s``.
    train, validation : numpy.ndarray
        Shape (2, len(lams), seeds): mean binary cross-entropy.
    decay_multiple : numpy.ndarray
        For Adam + L2 at λ = :data:`DECAY_LAM`, seed 0, after training: for every weight,
        :math:`1/(\\sqrt{\\hat v_i} + \\epsilon)`, its decay per step in units of AdamW's.
    """

    title: str
    lams: tuple[float, ...]
    norms: np.ndarray
    train: np.ndarray
    validation: np.ndarray
    decay_multiple: np.ndarray

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result (for exact comparison of two runs)."""
        return [self.norms, self.train, self.validation, self.decay_multiple]

    def best(self, optimizer: int) -> int:
        """The index of the λ with the lowest mean validation loss for ``optimizer``."""
        return int(np.argmin(self.validation[optimizer].mean(axis=-1)))

    def table(self) -> str:
        """Validation loss and layer norms per λ, mean [lowest, highest] over the seeds."""
        layers = self.norms.shape[2]
        rows = [["lam", *(f"{o}: validation BCE" for o in OPTIMIZERS),
                 *(f"{o}: ||W{k + 1}||_F" for o in OPTIMIZERS for k in range(layers))]]  # fmt: skip
        for j, lam in enumerate(self.lams):
            rows.append(
                [
                    f"{lam:g}",
                    *(mean_and_range(self.validation[o, j]) for o in range(2)),
                    *(f"{self.norms[o, j, k].mean():.2f}" for o in range(2) for k in range(layers)),
                ]
            )
        lines = [format_table(rows)]
        for o, name in enumerate(OPTIMIZERS):
            j = self.best(o)
            lines.append(
                f"{name}: lowest mean validation BCE at lam = {self.lams[j]:g} "
                f"({self.validation[o, j].mean():.3f}); layer norms there "
                + ", ".join(f"{n:.2f}" for n in self.norms[o, j].mean(axis=-1))
            )
        q = np.quantile(self.decay_multiple, [0.1, 0.5, 0.9])
        lines.append(
            f"Adam + L2 at lam = {DECAY_LAM:g}, seed 0: per-weight decay in units of AdamW's "
            f"1/(sqrt(v_hat) + eps): 10% {q[0]:.3g}, median {q[1]:.3g}, 90% {q[2]:.3g}, "
            f"range {self.decay_multiple.min():.3g} to {self.decay_multiple.max():.3g}"
        )
        lines.append(f"mean [lowest, highest] over {self.validation.shape[-1]} seeds")
        return "\n".join(lines)

    def figure(self) -> Figure:
        """Validation loss and weight norms against λ, and the per-weight decay of Adam + L2."""
        return panels(self._draw, 3, (12.0, 3.9), self.title)

    def narrow_figure(self) -> Figure:
        """The same panels one above the other, for a phone's column."""
        return panels(self._draw, 3, (4.8, 10.8), self.title, stacked=True)

    def _draw(self, axes) -> None:
        ax_loss, ax_norm, ax_decay = axes
        x = np.asarray(self.lams)
        shown = x > 0
        for o, (name, marker) in enumerate(zip(OPTIMIZERS, "os", strict=True)):
            draw_band(ax_loss, x[shown], self.validation[o][shown], color=f"C{o}", label=name,
                      marker=marker)  # fmt: skip
            for k in range(self.norms.shape[2]):
                draw_band(ax_norm, x[shown], self.norms[o, :, k][shown], color=f"C{o}",
                          label=name if k == 0 else None, marker=marker,
                          linestyle=("-", "--", ":")[k])  # fmt: skip
        ax_loss.axhline(self.validation[0, 0].mean(), color="0.5", ls="--", lw=1, label="λ = 0")
        ax_loss.set(xscale="log", xlabel="λ (log scale)", ylabel="validation cross-entropy",
                    title="Validation loss")  # fmt: skip
        ax_norm.set(xscale="log", xlabel="λ (log scale)",
                    ylabel="‖W‖_F  (W1 solid, W2 dashed, W3 dotted)",
                    title="Weight norms")  # fmt: skip
        bins = np.logspace(np.log10(self.decay_multiple.min()),
                           np.log10(self.decay_multiple.max()), 50)  # fmt: skip
        ax_decay.hist(self.decay_multiple, bins=bins, color="C0", alpha=0.7)
        ax_decay.axvline(1.0, color="C1", lw=2, label="AdamW: 1 for every weight")
        ax_decay.set(xscale="log", xlabel="decay per step, in units of AdamW's",
                     ylabel="number of weights",
                     title=f"Adam + L2 (λ = {DECAY_LAM:g}), per weight")  # fmt: skip
        for ax in (ax_loss, ax_norm, ax_decay):
            ax.legend(fontsize="x-small")
            ax.grid(True, which="major", alpha=0.3)


def run(*, seed: int = 0, progress: Progress | None = None) -> AdamResult:
    """Adam + L2 vs AdamW across λ: weight norms, validation loss, per-weight decay.

    Parameters
    ----------
    seed : int, optional
        The data and initial weights are those of seeds ``seed`` … ``seed + N_SEEDS - 1`` of
        the overfitting problem (default 0).
    progress : callable, optional
        Wraps the sweep over λ, e.g. ``tqdm.tqdm``.

    Returns
    -------
    AdamResult
    """
    seed = check_run_arguments(seed, progress)
    problems = [_overfit.Problem.make(seed + s) for s in range(N_SEEDS)]
    layers = len(_overfit.LAYER_SIZES) - 1
    norms = np.empty((2, len(LAMS), layers, N_SEEDS))
    losses = np.empty((2, 2, len(LAMS), N_SEEDS))  # (train, validation), optimizer, λ, seed
    decay_multiple = np.empty(0)
    for j, lam in enumerate(wrap(LAMS, progress)):
        for s, problem in enumerate(problems):
            for o in range(1 if lam == 0 else 2):  # without decay the two are the same
                net, state = train(problem, lam, decoupled=o == 1)
                norms[o, j, :, s] = [np.linalg.norm(W) for W in net.weights]
                losses[:, o, j, s] = problem.losses(net)
                if o == 0 and lam == DECAY_LAM and s == 0:
                    m = problem.X_train.shape[1]
                    decay_multiple = (1 - adam_decay_factor(state, LR, lam, m)) / (LR * lam / m)
            if lam == 0:
                norms[1, j, :, s], losses[:, 1, j, s] = norms[0, j, :, s], losses[:, 0, j, s]
    for array in (norms, losses, decay_multiple):
        array.flags.writeable = False
    return AdamResult(
        title=f"Adam + L2 vs AdamW, same λ (2-64-64-1 MLP, 80 points, {N_SEEDS} seeds)",
        lams=LAMS,
        norms=norms,
        train=losses[0],
        validation=losses[1],
        decay_multiple=decay_multiple,
    )
