r"""Cross-validating λ and keep_prob of the overfitting network: which "best" survives the noise.

The l2-sweep and dropout-sweep experiments picked λ = 1 and keep_prob = 0.5 (0.7 within the
noise) by the loss on 2000 validation points that a real user does not have. Here the only data
are the 80 training points of the same problem (seed 0), and
:func:`mathreg.numeric.cross_validate` estimates each setting's cross-entropy by 4-fold
cross-validation: each fit trains the same network, by the same full-batch gradient descent
(:mod:`mathreg.experiments._overfit`), on 60 points and scores it on the other 20. The
estimates come with their fold-to-fold spread, and the one-standard-error rule picks the most
regularized setting within one standard error of the lowest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments import _overfit
from mathreg.experiments._data import child_generators
from mathreg.experiments._plotting import panels
from mathreg.experiments._result import Progress, check_run_arguments, format_table
from mathreg.numeric import MLP, CrossValidation, cross_validate

if TYPE_CHECKING:
    from matplotlib.figure import Figure

LAMS = (0.0, 0.3, 1.0, 3.0)
KEEP_PROBS = (0.5, 0.7)
K = 4


def fit(X: np.ndarray, Y: np.ndarray, *, lam: float, keep_prob: float, seeds) -> MLP:
    """The overfitting problem's network and training, on the given examples."""
    init_seed, dropout_seed = seeds
    net = MLP(_overfit.LAYER_SIZES, np.random.default_rng(init_seed))
    return net.fit(X, Y, lr=_overfit.LR, n_steps=_overfit.N_STEPS, lam=lam, keep_prob=keep_prob,
                   rng=np.random.default_rng(dropout_seed))  # fmt: skip


def cross_entropy(net: MLP, X: np.ndarray, Y: np.ndarray) -> float:
    """The score: mean binary cross-entropy on held-out points (no dropout, no penalty)."""
    return net.loss(X, Y)


def label(setting: dict) -> str:
    """``λ = 1`` or ``keep_prob = 0.7``, whichever the setting regularizes with."""
    if setting["keep_prob"] < 1:
        return f"keep_prob = {setting['keep_prob']:g}"
    return f"λ = {setting['lam']:g}"


@dataclass(frozen=True, eq=False)
class NetworkCVResult:
    """The cross-validation of every setting.

    Attributes
    ----------
    title : str
    cv : CrossValidation
        ``cv.params`` holds ``lam`` and ``keep_prob`` of each setting: first the L2 settings
        (keep_prob 1), then the dropout ones (λ 0).
    """

    title: str
    cv: CrossValidation

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result (for exact comparison of two runs)."""
        return [self.cv.scores]

    def index(self, **setting: float) -> int:
        """The index of the setting with these ``lam`` and ``keep_prob``."""
        full = {"lam": 0.0, "keep_prob": 1.0, **setting}
        return next(i for i, p in enumerate(self.cv.params) if all(p[k] == full[k] for k in full))

    def one_se(self) -> int:
        """The most regularized setting within one standard error of the lowest: the largest
        λ, or the smallest keep_prob, preferring dropout's only if no L2 setting qualifies."""
        return self.cv.one_standard_error(lambda p: (p["lam"], -p["keep_prob"]))

    def table(self) -> str:
        """Each setting's CV estimate with its spread, and the rules' choices."""
        cv = self.cv
        within = cv.within_one_standard_error()
        rows = [("setting", "CV cross-entropy", "± std err", "fold scores", "within 1 SE")]
        for i, p in enumerate(cv.params):
            rows.append((label(p), f"{cv.mean[i]:.3f}", f"{cv.stderr[i]:.3f}",
                         " ".join(f"{v:.2f}" for v in cv.scores[i]),
                         "yes" if within[i] else "no"))  # fmt: skip
        best = cv.params[cv.best]
        return "\n".join(
            [
                format_table(rows, label_column=True),
                f"lowest CV estimate: {label(best)} ({cv.mean[cv.best]:.3f} ± "
                f"{cv.stderr[cv.best]:.3f}); 1-SE rule: {label(cv.params[self.one_se()])}",
                f"{K}-fold cross-validation on the 80 training points, seed 0",
            ]
        )

    def figure(self) -> Figure:
        """CV estimates with ± 1 standard error, for λ and for keep_prob."""
        return panels(self._draw, 2, (9.6, 3.8), self.title)

    def narrow_figure(self) -> Figure:
        """The same panels one above the other, for a phone's column."""
        return panels(self._draw, 2, (4.8, 7.4), self.title, stacked=True)

    def _draw(self, axes) -> None:
        ax_l2, ax_drop = axes
        cv = self.cv
        band = cv.mean[cv.best] + cv.stderr[cv.best]
        groups = (
            (ax_l2, [i for i, p in enumerate(cv.params) if p["keep_prob"] == 1], "lam", "λ"),
            (ax_drop, [i for i, p in enumerate(cv.params) if p["keep_prob"] < 1 or p["lam"] == 0],
             "keep_prob", "keep_prob"),
        )  # fmt: skip
        for ax, indices, key, name in groups:
            x = np.arange(len(indices))
            ax.errorbar(x, cv.mean[indices], yerr=cv.stderr[indices], fmt="o", color="C0",
                        capsize=4, label=f"{K}-fold CV ± 1 standard error")  # fmt: skip
            ax.axhline(band, color="0.5", ls=":", lw=1, label="lowest CV + 1 standard error")
            ax.set_xticks(x, [f"{cv.params[i][key]:g}" for i in indices])
            ax.set(xlabel=name, ylabel="cross-entropy", title=f"Cross-validated {name}")
            # where no error bar is: above the λ > 0 points, below the keep_prob ones
            ax.legend(fontsize="x-small", loc="upper right" if ax is ax_l2 else "lower left")
            ax.grid(True, axis="y", alpha=0.3)


def run(*, seed: int = 0, progress: Progress | None = None) -> NetworkCVResult:
    """4-fold cross-validation of λ and keep_prob on the overfitting network's 80 points.

    Parameters
    ----------
    seed : int, optional
        The overfitting problem's seed (data and initial weights), also seeding the folds
        (default 0).
    progress : callable, optional
        Wraps the list of settings, e.g. ``tqdm.tqdm`` (they are all fitted fold by fold as
        the list is consumed).

    Returns
    -------
    NetworkCVResult
    """
    seed = check_run_arguments(seed, progress)
    problem = _overfit.Problem.make(seed)
    seeds = (problem.init_seed, problem.dropout_seed)
    params = [{"lam": lam, "keep_prob": 1.0, "seeds": seeds} for lam in LAMS]
    params += [{"lam": 0.0, "keep_prob": kp, "seeds": seeds} for kp in KEEP_PROBS]
    if progress is not None:
        params = list(progress(params))
    (fold_seed,) = child_generators(seed + 1, 1)
    cv = cross_validate(fit, cross_entropy, problem.X_train, problem.Y_train, params, K,
                        np.random.default_rng(fold_seed), axis=1)  # fmt: skip
    return NetworkCVResult(
        title="Cross-validated λ and keep_prob (2-64-64-1 MLP, 80 points)",
        cv=CrossValidation(
            tuple({k: v for k, v in p.items() if k != "seeds"} for p in cv.params), cv.scores
        ),
    )
