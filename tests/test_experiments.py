"""The experiments: registry contract, determinism, reproducible figure files, and the effects
each one claims (assertions that fail if, say, L2 stopped helping)."""

import inspect
import time

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.figure import Figure

from mathreg.experiments import (
    EXPERIMENTS,
    BoundariesResult,
    SweepResult,
    WeightsResult,
    save_figure,
)

NAMES = sorted(EXPERIMENTS)
# CPU seconds per experiment (processor time, not wall time: other jobs on the machine do not
# count); each sweep runs 5 seeds, ~0.2-25 s of CPU on the 2-core machine.
TIME_BUDGET = 60.0


class Recorder:
    """A ``progress`` wrapper that remembers what it wrapped and how much was consumed."""

    def __init__(self):
        self.wrapped = None
        self.consumed = 0

    def __call__(self, iterable):
        self.wrapped = list(iterable)
        for item in self.wrapped:
            self.consumed += 1
            yield item


@pytest.fixture(scope="module")
def full():
    """Each experiment as the site runs it (seed 0), with its time: the effects are tested on
    these."""
    out = {}
    for name in NAMES:
        start = time.process_time()
        result = EXPERIMENTS[name](seed=0)
        out[name] = (result, time.process_time() - start)
    return out


@pytest.fixture(scope="module")
def runs(full):
    """Each experiment run twice, plainly and through a progress wrapper, shortened (fewer
    training steps, swept values and seeds) so that the contract can be tested twice
    cheaply; ``runs[name][0]`` is the full run."""
    from mathreg.experiments import _overfit, _result, boundaries, dropout_sweep, l2_sweep

    out = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_overfit, "N_STEPS", 40)
        patch.setattr(_result, "N_SEEDS", 2)
        patch.setattr(l2_sweep, "LAMS", (0.0, 1.0, 30.0))
        patch.setattr(dropout_sweep, "KEEP_PROBS", (1.0, 0.5))
        patch.setattr(boundaries, "GRID", 11)
        for name in NAMES:
            first = EXPERIMENTS[name](seed=0)
            recorder = Recorder()
            second = EXPERIMENTS[name](seed=0, progress=recorder)
            out[name] = (full[name][0], (first, second), recorder, full[name][1])
    return out


def numbers(result):
    """Everything numeric in a result, as a flat list of arrays, for exact comparison."""
    if hasattr(result, "arrays"):  # results that list their own numbers
        return list(result.arrays())
    if isinstance(result, SweepResult):
        return [
            np.array(result.values),
            np.array(result.train_runs),
            np.array(result.validation_runs),
        ]
    if isinstance(result, WeightsResult):
        return [
            *result.initial,
            *(W for ws in result.weights for W in ws),
            np.array(result.train + result.validation),
        ]
    if isinstance(result, BoundariesResult):
        return [
            *result.probabilities,
            np.array(result.train_runs),
            np.array(result.validation_runs),
        ]
    raise AssertionError(f"unknown result type {type(result)}")


# --- contract ----------------------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_signature_is_keyword_only_seed_and_progress(name):
    params = inspect.signature(EXPERIMENTS[name]).parameters
    assert list(params) == ["seed", "progress"]
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params.values())
    assert params["seed"].default == 0 and params["progress"].default is None
    summary = inspect.getdoc(EXPERIMENTS[name]).splitlines()[0]
    assert summary.endswith(".") and len(summary) <= 100


@pytest.mark.parametrize("name", NAMES)
def test_result_has_title_table_and_figure(runs, name):
    result = runs[name][0]
    assert isinstance(result.title, str) and result.title
    table = result.table()
    assert isinstance(table, str) and len(table.splitlines()) >= 3
    fig = result.figure()
    assert isinstance(fig, Figure)
    assert all(ax.get_title() or fig.get_suptitle() for ax in fig.axes)


@pytest.mark.parametrize("name", NAMES)
def test_runs_within_budget(runs, name):
    assert runs[name][3] < TIME_BUDGET


@pytest.mark.parametrize("name", NAMES)
def test_deterministic_for_a_seed(runs, name):
    _, (first, second), _, _ = runs[name]
    assert first.table() == second.table()
    for a, b in zip(numbers(first), numbers(second), strict=True):
        np.testing.assert_array_equal(a, b)


def test_seed_changes_the_data():
    a, b = EXPERIMENTS["capacity"](seed=0), EXPERIMENTS["capacity"](seed=1)
    assert a.validation != b.validation


@pytest.mark.parametrize("name", ["capacity", "l2-sweep", "dropout-sweep", "boundaries"])
def test_sweeps_run_on_several_seeds_and_each_differs(runs, name):
    r = runs[name][0]
    assert r.seeds == (0, 1, 2, 3, 4)
    rows = np.array(r.validation_runs)
    per_seed = rows if isinstance(r, SweepResult) else rows.T  # [seed][value]
    assert len(per_seed) == 5 and len({tuple(row) for row in per_seed}) == 5


@pytest.mark.parametrize("name", NAMES)
def test_progress_wraps_the_sweep(runs, name):
    _, (first, _), recorder, _ = runs[name]
    assert recorder.wrapped and recorder.consumed == len(recorder.wrapped)
    if isinstance(first, SweepResult):
        assert tuple(recorder.wrapped) == first.values


def test_progress_accepts_tqdm():
    import tqdm

    result = EXPERIMENTS["capacity"](seed=0, progress=lambda it: tqdm.tqdm(it, disable=True))
    assert result.table() == EXPERIMENTS["capacity"](seed=0).table()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"seed": -1}, ValueError, r"seed must be an integer >= 0, got -1"),
        ({"seed": 1.5}, TypeError, r"seed must be an integer >= 0, got 1\.5 \(float\)"),
        ({"seed": True}, TypeError, r"seed must be an integer >= 0, got True \(bool\)"),
        ({"progress": 5}, TypeError, r"progress must be None or a callable .* got int"),
    ],
    ids=["seed-negative", "seed-float", "seed-bool", "progress-not-callable"],
)
def test_bad_arguments(name, kwargs, error, message):
    with pytest.raises(error, match=message):
        EXPERIMENTS[name](**kwargs)


# --- the effects ------------------------------------------------------------------------------


def test_a_sweep_says_which_values_are_within_the_noise_of_the_best():
    """Paired over seeds: a value that beats the best on some seed is as good; one that loses
    on every seed is worse."""
    r = SweepResult(
        title="t", parameter="p", axis_label="p", loss="l", values=(1.0, 2.0, 3.0),
        seeds=(0, 1, 2),
        train_runs=((0.0, 0.0, 0.0),) * 3,
        validation_runs=((1.0, 0.5, 0.6), (1.0, 0.5, 0.4), (1.0, 0.5, 0.7)),
    )  # fmt: skip
    assert r.best == 2.0 and r.as_good_as_best == (3.0,)
    assert "within the noise of the best: 3" in r.table()


def test_capacity_train_falls_validation_is_u_shaped(runs):
    r = runs["capacity"][0]
    train, val = np.array(r.train), np.array(r.validation)
    assert np.all(np.diff(train) <= 1e-12 * train[:-1])  # nested models: never worse on train
    assert train[-1] < train[0] / 10
    best = int(np.argmin(val))
    assert 0 < best < len(val) - 1  # an interior minimum
    assert val[0] > 2 * val[best]  # degree 0 underfits
    assert val[-1] > 10 * val[best]  # the highest degree overfits
    assert r.best == 3 and val[7] > 10 * val[best]  # the page: "steeply from degree 7 on"
    assert r.gap[-1] > 10 * r.gap[best]


def test_l2_narrows_the_gap_and_underfits_when_huge(runs):
    """What the bias-variance page's caption says of this figure."""
    r = runs["l2-sweep"][0]
    assert r.values[0] == 0.0 and bool(np.all(np.diff(r.values) > 0))
    i = r.values.index(r.best)
    assert r.best == 1.0 and r.as_good_as_best == ()  # every other lam is worse on every seed
    assert r.validation[i] < 0.6 * r.validation[0]  # the best lam beats lam = 0 clearly
    assert 0.7 < r.gap[0] and 0.05 < r.gap[i] < 0.15  # the gap narrows, 0.80 -> 0.10 ...
    assert max(abs(g) for g in r.gap[i + 1 :]) < 0.02  # ... and is gone for larger lam
    assert r.train[0] < r.train[i] < r.train[-1]  # the penalty costs training fit ...
    assert r.validation[-1] > r.validation[i]  # ... up to underfitting:
    # at lam = 30 the network predicts 1/2 everywhere: both losses are log 2
    assert abs(r.train[-1] - np.log(2)) < 1e-3 and abs(r.validation[-1] - np.log(2)) < 1e-3


def test_dropout_narrows_the_gap(runs):
    """What the bias-variance page's caption says of this figure."""
    r = runs["dropout-sweep"][0]
    assert r.values[0] == 1.0 and bool(np.all(np.diff(r.values) < 0))
    i = r.values.index(r.best)
    assert r.best == 0.5 and r.as_good_as_best == (0.7, 0.4, 0.3, 0.2)
    runs_ = np.array(r.validation_runs)  # every keep_prob < 1 beats none, on every seed
    assert all(np.all(runs_[:, k] < runs_[:, 0]) for k in range(1, len(r.values)))
    assert r.validation[i] < 0.75 * r.validation[0]
    assert all(g < r.gap[0] for g in r.gap[1:])  # every amount of dropout tried shrinks the gap
    assert r.gap[i] < 0.6 * r.gap[0]
    assert r.train[-1] > 2 * r.train[0]  # and costs training fit


def test_l2_shrinks_every_layer(runs):
    r = runs["weight-norms"][0]
    assert r.lams == (0.0, 1.0)
    unregularized, regularized = r.norms
    assert all(b < a for a, b in zip(unregularized, regularized, strict=True))
    assert r.validation[1] < r.validation[0]
    assert all(not W.flags.writeable for ws in (r.initial, *r.weights) for W in ws)
    # the weight-decay page: the product of the norms, a bound on the slope, about 850 -> 16
    assert 800 < np.prod(unregularized) < 900 and 14 < np.prod(regularized) < 18


def test_without_l2_the_hidden_weights_stay_near_their_initialization(runs):
    """The weight-decay page's caption: the λ = 0 histogram's spread is mostly the
    initialization's."""
    r = runs["weight-norms"][0]
    before, after = r.initial[1], r.weights[0][1]
    assert 1.0 < np.linalg.norm(after) / np.linalg.norm(before) < 1.2
    assert np.corrcoef(before.ravel(), after.ravel())[0, 1] > 0.9


def test_regularized_boundaries_generalize_and_are_less_confident(runs):
    r = runs["boundaries"][0]
    val, P = r.validation, r.probabilities
    assert val[1] < val[0] and val[2] < val[0]
    runs_ = np.array(r.validation_runs)  # [model][seed]: better on every seed, not only seed 0
    assert np.all(runs_[1] < runs_[0]) and np.all(runs_[2] < runs_[0])
    assert all(np.all((p >= 0) & (p <= 1)) for p in P)
    confident = [float(np.mean((p < 0.05) | (p > 0.95))) for p in P]
    assert confident[1] < confident[0] and confident[2] < confident[0]


# --- figures ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["capacity", "l2-sweep", "dropout-sweep"])
def test_sweep_figures_are_labelled(runs, name):
    r = runs[name][0]
    fig = r.figure()
    (ax,) = fig.axes
    assert ax.get_title() == r.title and ax.get_xlabel() and ax.get_ylabel()
    (legend,) = fig.legends
    labels = [t.get_text() for t in legend.get_texts()]
    assert labels[0] == "train" and "validation" in labels
    assert "median of 5 seeds" in legend.get_title().get_text()
    assert len(ax.collections) >= 2  # a band for each curve
    assert ax.get_xscale() == ("log" if name == "l2-sweep" else "linear")
    if name == "l2-sweep":  # lam = 0 cannot sit on a log axis: it is drawn as reference lines
        assert "validation, λ = 0" in labels


def test_the_boundary_panels_name_their_metric_and_stack_for_a_phone(runs):
    r = runs["boundaries"][0]
    for fig in (r.figure(), r.narrow_figure()):
        titles = [ax.get_title() for ax in fig.axes]
        assert len(titles) == 3 and all("cross-entropy: train" in t for t in titles)
    wide = [ax.get_position() for ax in r.figure().axes]
    narrow = [ax.get_position() for ax in r.narrow_figure().axes]
    assert wide[0].y0 == wide[1].y0 and wide[0].x0 < wide[1].x0  # side by side
    assert narrow[0].x0 == narrow[1].x0 and narrow[0].y0 > narrow[1].y0  # one above the other


def test_the_weight_histogram_shows_the_initialization_and_says_which_layer(runs):
    fig = runs["weight-norms"][0].figure()
    (ax,) = fig.axes
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == ["before training", "trained, λ = 0", "trained, λ = 1"]
    assert "W^{(2)}" in ax.get_xlabel() and "W⁽²⁾" in ax.get_title()


def test_no_pyplot_state_leaks(runs, tmp_path):
    before = plt.get_fignums()
    rc_before = dict(matplotlib.rcParams)
    for name in NAMES:
        save_figure(runs[name][0].figure(), tmp_path / f"{name}.svg")
    assert plt.get_fignums() == before
    assert dict(matplotlib.rcParams) == rc_before


@pytest.mark.parametrize("suffix", ["svg", "png", "pdf"])
def test_saving_twice_gives_identical_bytes(runs, tmp_path, suffix):
    fig = runs["l2-sweep"][0].figure()
    a = save_figure(fig, tmp_path / f"a.{suffix}").read_bytes()
    b = save_figure(fig, tmp_path / f"b.{suffix}").read_bytes()
    assert a == b and len(a) > 1000


@pytest.mark.parametrize("name", NAMES)
def test_two_builds_give_identical_svg(runs, tmp_path, name):
    # independent runs, independent figures: the files must still match byte for byte
    _, (first, second), _, _ = runs[name]
    a = save_figure(first.figure(), tmp_path / "a.svg").read_bytes()
    b = save_figure(second.figure(), tmp_path / "b.svg").read_bytes()
    assert a == b
    assert b"<dc:date>" not in a


def test_save_figure_creates_directories_and_rejects_unknown_formats(runs, tmp_path):
    fig = runs["capacity"][0].figure()
    path = save_figure(fig, tmp_path / "deep" / "er" / "capacity.svg")
    assert path.exists() and path.read_bytes().startswith(b"<?xml")
    with pytest.raises(ValueError, match=r"path must end in \.svg, \.png or \.pdf, got 'x\.jpg'"):
        save_figure(fig, tmp_path / "x.jpg")


# --- the effects the "In practice" pages claim (issue 14) ---------------------------------------


def test_adam_l2_and_adamw_are_different_regularizers(runs):
    r = runs["adam-adamw"][0]
    lams = list(r.lams)
    for lam in (1.0, 100.0):  # the same λ: L2 inside Adam shrinks every layer far more
        j = lams.index(lam)
        assert np.all(r.norms[0, j] < r.norms[1, j])
    best_l2, best_w = r.best(0), r.best(1)
    assert r.lams[best_w] >= 100 * r.lams[best_l2]  # their useful λ differ by 100x or more
    l2_norms = r.norms[0, best_l2].mean(axis=-1)
    assert l2_norms.max() < 1.05 * l2_norms.min()  # Adam + L2 balances the layers' norms
    w_norms = r.norms[1, best_w].mean(axis=-1)
    assert w_norms.max() > 3 * w_norms.min()  # AdamW keeps their differences
    unregularized = r.validation[0, 0].mean()
    for o, j in ((0, best_l2), (1, best_w)):
        assert r.validation[o, j].mean() < unregularized / 2
    # the per-weight decay of Adam + L2, in units of AdamW's, is > 1 and spans decades
    assert r.decay_multiple.min() > 1 and r.decay_multiple.max() > 100 * r.decay_multiple.min()


def test_the_ml_noise_variance_shrinks_with_capacity_and_the_corrected_one_does_not(runs):
    r = runs["noise-estimate"][0]
    ml, unbiased = r.ml.mean(axis=1), r.unbiased.mean(axis=1)
    assert np.all(np.diff(ml) < 0)  # more capacity, smaller residuals
    assert ml[-1] < 0.6 * r.true_variance
    assert np.all(np.abs(unbiased[3:] / r.true_variance - 1) < 0.1)
    assert r.best == 3 and r.validation[-1].mean() > 10 * r.validation[3].mean()


def test_softmax_weights_grow_without_l2_and_level_off_with_it(runs):
    r = runs["softmax-separable"][0]
    assert r.lams[0] == 0
    assert np.all(np.diff(r.norm[0], axis=0) > 0)  # every seed, every checkpoint
    assert np.all(r.norm[0, -1] > 1.5 * r.norm[0, 2])  # still growing after 100 steps
    for i in range(1, len(r.lams)):
        np.testing.assert_allclose(r.norm[i, -1], r.norm[i, -2], rtol=0.01)
    assert np.all(r.train[0, -1] < 0.01)  # separable: the training loss goes to 0
    assert r.validation[0, -1].mean() > r.validation[-1, -1].mean()


def test_cross_validation_of_ridge_and_of_the_capacity_degree(runs):
    r = runs["cv-ridge"][0]
    assert r.one_se >= r.cv.best and r.cv.within_one_standard_error()[r.one_se]
    assert r.cv.stderr[r.cv.best] > 0.1 * r.cv.mean[r.cv.best]  # the noise is not small
    assert r.capacity_best == 3  # the capacity experiment's best degree ...
    i = list(range(len(r.degree_cv.params)))[3]
    assert r.degree_cv.within_one_standard_error()[i]  # ... survives cross-validation


def test_which_earlier_best_settings_survive_cross_validation(runs):
    r, l2, drop = runs["cv-network"][0], runs["l2-sweep"][0], runs["dropout-sweep"][0]
    within = r.cv.within_one_standard_error()
    assert l2.best == 1.0 and within[r.index(lam=l2.best)]  # λ = 1 survives ...
    assert within[r.index(lam=0.3)] and within[r.index(lam=3.0)]  # ... but so do 0.3 and 3
    assert not within[r.index(lam=0.0)]  # L2 helps beyond the noise
    assert drop.best == 0.5 and not within[r.index(keep_prob=drop.best)]  # dropout's gain not
    assert not within[r.index(keep_prob=0.7)]  # nor its runner-up's


# --- the linear-model experiments (issue 13): what each one claims ------------------------------


def test_bias_variance_terms_add_up_to_the_test_error(runs):
    r = runs["bias-variance-terms"][0]
    assert r.worst_z < 4  # test error = bias² + variance + noise, to Monte Carlo accuracy
    bias, variance, noise, test = (r.by_lam[:, :, k].mean(axis=0) for k in range(4))
    assert np.allclose(noise, 0.09, rtol=0.05)  # σ² = 0.3²
    assert variance[-1] < variance[0] / 1000 and bias[-1] > 5 * bias[0]  # λ trades one for other
    best = int(np.argmin(test))
    assert 0 < best < len(test) - 1  # the test error is U-shaped in λ


def test_ridge_paths_shrink_each_direction_as_proved(runs):
    r = runs["ridge-paths"][0]
    assert r.largest_mismatch < 1e-8
    norms = np.linalg.norm(r.coefficients, axis=2)
    assert np.all(np.diff(norms, axis=1) < 0)  # every path shrinks as λ grows
    spread = r.coefficients.std(axis=0)  # across the data sets
    assert np.all(spread[-1] < spread[0] / 10)  # less variance
    df = r.effective_parameters.mean(axis=0)
    assert df[0] > 5.9 and df[-1] < 0.1


def test_lasso_reaches_exact_zeros_and_ridge_does_not(runs):
    r = runs["lasso-paths"][0]
    zeros = r.lasso_zeros.mean(axis=0)
    assert zeros[0] < 1 and zeros[-1] == 8 and zeros[20] > 2
    assert r.ridge_zeros.max() == 0 and np.min(np.abs(r.ridge)) > 0


def test_the_l1_ball_is_touched_at_a_corner(runs):
    r = runs["l1-ball"][0]
    assert r.w_l1[1] == 0 and abs(np.sum(np.abs(r.w_l1)) - 1) < 1e-6
    assert np.all(r.w_l2 != 0) and abs(np.linalg.norm(r.w_l2) - 1) < 1e-6
    share = r.l1_sparse.mean(axis=0)
    assert share[0] < 0.05 and share[-1] > 0.8 and np.all(np.diff(share) > 0)
    assert r.l2_sparse.max() == 0


def test_noise_training_approaches_ridge_with_lambda_m_sigma_squared(runs):
    r = runs["noise-vs-ridge"][0]
    distance = r.distance.mean(axis=0)
    assert distance[-1] < 0.02 and distance[-1] < distance[0] / 10
    assert np.allclose(r.average_loss.mean(axis=0), r.expected, rtol=0.03)
    # without the noise, training is least squares: λ = 0
    assert np.allclose(r.noisy[:, 0], r.ridge[0], rtol=1e-10)


def test_dropout_training_finds_the_adaptive_ridge_solution(runs):
    r = runs["dropout-masks"][0]
    assert r.relative_distance.max() < 0.02
    plain = np.linalg.norm(r.trained - r.plain, axis=1) / np.linalg.norm(r.plain)
    assert plain.min() > 10 * r.relative_distance.max()  # not the uniform penalty
    z = (r.running[:, -1] - r.expected) / (r.spread / np.sqrt(r.running.shape[1]))
    assert np.all(np.abs(z) < 4)


def test_early_stopping_is_ridge_to_first_order_only(runs):
    r = runs["early-stopping-paths"][0]
    assert r.distance[:, -1].max() < 0.02  # both reach least squares
    assert 0.1 < r.fraction_gap.max() < 0.3  # but they are not equal on the way
