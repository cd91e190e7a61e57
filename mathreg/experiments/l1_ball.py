r"""Why L1 gives zeros and L2 does not: the corners of the L1 ball.

Minimising a quadratic loss :math:`\frac12\lVert y - Xw\rVert^2` over the weights with
:math:`\lVert w\rVert_1 \le t` or :math:`\lVert w\rVert_2 \le t` is the lasso or ridge with
some penalty strength (the Lagrange multiplier of the constraint). Top: one two-weight problem,
the loss's elliptical contours, and the two balls of radius :math:`t = 1`; the constrained
minimisers are where the smallest contour touches each ball, found by bisection on the penalty
of :func:`mathreg.numeric.lasso_fit` and :func:`mathreg.numeric.ridge_fit`. The L1 ball touches
at a corner, where one weight is exactly 0. Bottom: ``PROBLEMS`` random two-weight problems per
replicate (the unpenalised optimum standard Gaussian, the contours ellipses turned at random
with axes in a ratio of at most 3), solved with the penalty
:math:`\lambda` a fraction of :math:`\lambda_{\max} = \lVert X^Ty\rVert_\infty`: the share of
minimisers with an exact zero, for L1 and for L2.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from mathreg.experiments._linear import (
    REPLICATES,
    band,
    colour,
    column_figure,
    finish,
    legible,
    mean_sd,
    replicate_generators,
)
from mathreg.experiments._result import Progress, check_run_arguments, format_table, wrap
from mathreg.numeric import lasso_fit, ridge_fit

if TYPE_CHECKING:
    from matplotlib.figure import Figure

#: The problem drawn on top: ½‖y − Xw‖² = ½(w − w*)ᵀXᵀX(w − w*) + constant.
X_PICTURE = np.array([[1.0, 0.6], [0.0, 0.7]])
W_STAR = np.array([1.6, 0.9])
RADIUS = 1.0
PROBLEMS = 100
FRACTIONS = tuple(float(f"{x:.2g}") for x in np.geomspace(0.01, 0.9, 9))


def _on_the_ball(solve, norm, X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The penalised minimiser whose norm is RADIUS: bisection on the penalty (the norm of the
    minimiser decreases as the penalty grows)."""
    low, high = 0.0, 1.0
    while norm(solve(X, y, high)) > RADIUS:
        high *= 2
    for _ in range(40):
        middle = (low + high) / 2
        low, high = (middle, high) if norm(solve(X, y, middle)) > RADIUS else (low, middle)
    return solve(X, y, high)


@dataclass(frozen=True, eq=False)
class BallResult:
    """The constrained minimisers of the drawn problem, and the share of exact zeros.

    Attributes
    ----------
    title : str
    w_l1, w_l2 : numpy.ndarray
        The minimisers of the drawn problem within the L1 and the L2 ball of radius 1.
    fractions : tuple of float
        The penalty as a fraction of :math:`\\lambda_{\\max}`.
    l1_sparse, l2_sparse : numpy.ndarray
        Shape (replicates, len(fractions)): the share of the random problems whose minimiser
        has a weight exactly 0.
    """

    title: str
    w_l1: np.ndarray
    w_l2: np.ndarray
    fractions: tuple[float, ...]
    l1_sparse: np.ndarray
    l2_sparse: np.ndarray

    def arrays(self) -> list[np.ndarray]:
        """Every number of the result, for an exact comparison of two runs."""
        return [self.w_l1, self.w_l2, self.l1_sparse, self.l2_sparse]

    def table(self) -> str:
        """The drawn problem's minimisers, and the share of minimisers with a zero weight."""
        rows = [("lam / lam_max", "L1: share with a zero", "L2: share with a zero")]
        for k, fraction in enumerate(self.fractions):
            rows.append(
                (
                    f"{fraction:.3g}",
                    mean_sd(self.l1_sparse[:, k], 3),
                    mean_sd(self.l2_sparse[:, k], 3),
                )
            )
        return "\n".join(
            [
                f"w* = {W_STAR.tolist()}; within |w1| + |w2| <= 1: w = "
                f"({self.w_l1[0]:.4f}, {self.w_l1[1]:.4f}); within w1² + w2² <= 1: w = "
                f"({self.w_l2[0]:.4f}, {self.w_l2[1]:.4f})",
                "",
                format_table(rows),
                f"{REPLICATES} replicates of {PROBLEMS} random two-weight problems",
            ]
        )

    @legible
    def figure(self) -> Figure:
        """The two balls and the loss's contours; the share of exact zeros against λ."""
        fig, (top, bottom) = column_figure(2, height=3.6)
        H = X_PICTURE.T @ X_PICTURE
        W1, W2 = np.meshgrid(np.linspace(-1.6, 3.4, 251), np.linspace(-1.3, 3.3, 231))
        D1, D2 = W1 - W_STAR[0], W2 - W_STAR[1]
        loss = 0.5 * (H[0, 0] * D1**2 + 2 * H[0, 1] * D1 * D2 + H[1, 1] * D2**2)
        for w, color in (
            (self.w_l1, colour(0)),
            (self.w_l2, colour(1)),
        ):  # the contour touching each ball
            level = 0.5 * (w - W_STAR) @ H @ (w - W_STAR)
            top.contour(W1, W2, loss, levels=[level], colors=color, linewidths=1.0)
        top.contour(W1, W2, loss, levels=[0.02, 0.1], colors="0.6", linewidths=0.8)
        t = np.linspace(0, 2 * np.pi, 400)
        top.plot(np.cos(t), np.sin(t), color=colour(1), label="L2 ball ‖w‖₂ ≤ 1")
        top.fill(
            [1, 0, -1, 0], [0, 1, 0, -1], color=colour(0), alpha=0.25, label="L1 ball ‖w‖₁ ≤ 1"
        )
        top.plot(*W_STAR, "k*", ms=10, label="unpenalised minimum w*")
        top.plot(*self.w_l1, "o", color=colour(0), ms=7, label="L1 minimiser (a corner: w₂ = 0)")
        top.plot(*self.w_l2, "s", color=colour(1), ms=7, label="L2 minimiser (both weights ≠ 0)")
        top.set_aspect("equal")
        top.axhline(0, color="0.3", lw=0.6)
        top.axvline(0, color="0.3", lw=0.6)
        finish(top, title=self.title, xlabel="w₁", ylabel="w₂")
        # below the picture, where it hides none of the contours
        top.legend(fontsize="x-small", loc="upper center", bbox_to_anchor=(0.5, -0.2), ncol=2)
        band(
            bottom,
            self.fractions,
            self.l1_sparse,
            color=colour(0),
            label="L1 (lasso_fit)",
            marker="o",
        )
        band(
            bottom,
            self.fractions,
            self.l2_sparse,
            color=colour(1),
            label="L2 (ridge_fit)",
            marker="s",
        )
        bottom.set_xscale("log")
        finish(
            bottom, title=f"{PROBLEMS} random problems: minimisers with a zero weight",
            xlabel="penalty λ / λ_max (log scale)", ylabel="share of problems",
        )  # fmt: skip
        return fig


def _share_with_a_zero(rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    l1, l2 = np.zeros(len(FRACTIONS)), np.zeros(len(FRACTIONS))
    for _ in range(PROBLEMS):
        rotation, _ = np.linalg.qr(rng.standard_normal((2, 2)))
        X = np.diag(rng.uniform(0.5, 1.5, 2)) @ rotation  # XᵀX: a randomly turned ellipse
        y = X @ rng.standard_normal(2)  # the unpenalised minimum is standard Gaussian
        lam_max = float(np.max(np.abs(X.T @ y)))
        for k, fraction in enumerate(FRACTIONS):
            l1[k] += np.any(lasso_fit(X, y, fraction * lam_max) == 0)
            l2[k] += np.any(ridge_fit(X, y, fraction * lam_max) == 0)
    return l1 / PROBLEMS, l2 / PROBLEMS


def run(*, seed: int = 0, progress: Progress | None = None) -> BallResult:
    """The L1 ball's corners: where the L1-constrained minimum lands, and how often on a zero.

    Parameters
    ----------
    seed : int, optional
        Seeds the random problems (default 0); the drawn problem is fixed.
    progress : callable, optional
        Wraps the loop over the replicates, e.g. ``tqdm.tqdm``.

    Returns
    -------
    BallResult

    Examples
    --------
    >>> result = run(seed=0)
    >>> float(result.w_l1[1]), bool(np.all(result.w_l2 != 0))
    (0.0, True)
    """
    seed = check_run_arguments(seed, progress)
    y = X_PICTURE @ W_STAR
    w_l1 = _on_the_ball(lasso_fit, lambda w: np.sum(np.abs(w)), X_PICTURE, y)
    w_l2 = _on_the_ball(ridge_fit, np.linalg.norm, X_PICTURE, y)
    runs = [_share_with_a_zero(rng) for rng in wrap(replicate_generators(seed), progress)]
    l1, l2 = (np.stack(parts) for parts in zip(*runs, strict=True))
    return BallResult(
        title="The constrained minimum touches the L1 ball at a corner",
        w_l1=w_l1,
        w_l2=w_l2,
        fractions=FRACTIONS,
        l1_sparse=l1,
        l2_sparse=l2,
    )
