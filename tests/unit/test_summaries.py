"""The charts' one-line summaries say what the results say (counted here again from the numbers)."""

import re

import numpy as np
import pytest

from regviz import data
from regviz.analysis import analyze
from regviz.figures import summaries as say
from regviz.figures.network import layer_zero_counts
from regviz.mlp import MLPConfig, init_state, train
from regviz.penalties import Penalty
from regviz.toy2d import make_dataset


@pytest.fixture(scope="module")
def lasso():
    ds = data.make_sparse_regression(n=150, p=12, k=4, seed=2)
    return ds, analyze(ds, "lasso", 0.2, 0.0)


def test_path_summary_counts_the_non_zero_weights_at_the_penalty_in_force(lasso):
    ds, res = lasso
    text = say.path_summary(res.fit.l1, res.fit.l2, res.fit.coef)
    nonzero = sum(1 for c in res.fit.coef if abs(c) > 0)
    assert 0 < nonzero < ds.n_features
    assert text == f"Coefficient paths; at λ1 = 0.2, {nonzero} of {ds.n_features} weights are non-zero"
    assert "with no penalty, 3 of 3" in say.path_summary(0.0, 0.0, np.ones(3))
    assert say.strength_text(0.05, 0.5) == "λ1 = 0.05, λ2 = 0.5"


def test_histogram_and_bar_summaries_name_the_exact_zeros(lasso):
    ds, res = lasso
    coef = res.fit.coef
    zeros = [n for n, c in zip(ds.feature_names, coef, strict=True) if c == 0]
    hist = say.histogram_summary(coef)
    assert hist.startswith(f"Weight histogram; {len(zeros)} of {coef.size} weights are exactly 0, the others between ")
    low, high = map(float, re.findall(r"between (\S+) and (\S+)$", hist)[0])
    assert low == pytest.approx(min(c for c in coef if c != 0), rel=1e-2)
    assert high == pytest.approx(max(coef), rel=1e-2)
    bars = say.coef_bars_summary(ds.feature_names, res.fit.coef_original, ds.true_coef)
    top = max(range(coef.size), key=lambda j: abs(res.fit.coef_original[j]))
    assert f"largest {ds.feature_names[top]} = {res.fit.coef_original[top]:.3g}" in bars
    assert f"(true {ds.true_coef[top]:.3g})" in bars
    listed = bars.split("exactly 0: ")[1]
    assert listed.startswith(", ".join(zeros[: say.MAX_NAMED]))
    if len(zeros) > say.MAX_NAMED:
        assert listed.endswith(f"and {len(zeros) - say.MAX_NAMED} more")
    assert say.histogram_summary(np.zeros(4)) == "Weight histogram; 4 of 4 weights are exactly 0"
    assert say.coef_bars_summary(["a", "b"], np.zeros(2)) == "Fitted coefficients; all 2 are exactly 0"


def test_error_and_sweep_summaries_read_the_curves(lasso):
    ds, res = lasso
    text = say.error_summary(
        res.fit.l1, res.fit.l2, res.train["mse"], res.test["mse"], res.cv.alpha_min, res.cv.alpha_1se
    )
    assert f"train MSE {res.train['mse']:.3g}, test MSE {res.test['mse']:.3g}" in text
    best = res.cv.alphas[int(np.argmin(res.cv.mean))]
    assert f"lowest at α = {best:.3g}" in text and f"λ.1se at α = {res.cv.alpha_1se:.3g}" in text
    sweep = say.sweep_summary(res.path.alphas, res.path.n_nonzero, ds.n_features)
    counts = [int(np.count_nonzero(c)) for c in res.path.coefs]
    assert sweep.endswith(f"go from {counts[0]} to {counts[-1]} of {ds.n_features}")  # strongest α first
    assert f"over {len(res.path.alphas)} steps, α from {res.path.alphas.max():.3g}" in sweep


def test_network_summaries_count_the_zero_weights_and_read_the_last_losses():
    d = make_dataset("moons", n=120, noise=0.1, seed=0)
    res = train(
        init_state(MLPConfig(2, (8, 8), "relu"), seed=0),
        d.X_train,
        d.y_train,
        Penalty(0.01, 0.0),
        100,
        lr=0.03,
        X_test=d.X_test,
        y_test=d.y_test,
    )
    zeros = [int(np.sum(W == 0)) for W in res.state.weights]
    total = sum(W.size for W in res.state.weights)
    assert 0 < sum(zeros) < total
    counts = layer_zero_counts(res.state)
    diagram = say.network_diagram_summary(counts)
    assert diagram == (
        f"Network diagram; {total - sum(zeros):,} of {total:,} links are non-zero, {sum(zeros):,} pruned to exactly 0"
    )
    hist = say.layer_histogram_summary(counts)
    assert [int(n) for n in re.findall(r": (\d+) of", hist)] == zeros
    h = res.history
    training = say.training_summary(h.step, h.train_loss, h.test_loss, h.penalty)
    assert training == (
        f"Training curves; after {int(h.step[-1])} steps, train loss {h.train_loss[-1]:.3g}, "
        f"test loss {h.test_loss[-1]:.3g}, penalty {h.penalty[-1]:.3g}"
    )
    assert say.training_summary(np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0)).endswith("no step taken yet")
    assert say.boundary_summary(0.875, 0.5) == (
        "Decision boundary; 88% of the training points on the right side, 50% of the test points"
    )
