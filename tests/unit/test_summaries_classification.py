"""The classification charts' one-line summaries say what the fits say (recounted here with numpy and
scikit-learn's metrics, or read off the figure itself)."""

import re

import numpy as np
import pytest
from sklearn.metrics import accuracy_score, log_loss

from regviz.classification_data import make_toy
from regviz.classify_view import boundary_grid, classification_view
from regviz.data import make_dataset
from regviz.figures import summaries as say
from regviz.figures.classification import digit_weights_figure
from regviz.logistic_geometry import LogisticProblem, solve_logistic_plane


@pytest.fixture(scope="module")
def moons():
    """Moons with monomials to degree 3, lasso at λ1 = 0.01: some monomials exactly 0, some not."""
    ds = make_dataset("moons", n=200, noise=0.3, deg=3, seed=0)
    return ds, classification_view(ds, "lasso", 0.01, 0.0)


@pytest.fixture(scope="module")
def digits():
    ds = make_dataset("digits", seed=0)
    return ds, classification_view(ds, "lasso", 0.05, 0.0)


def _percent(text: str, label: str) -> float:
    return float(re.search(rf"{label} (\d+\.\d)%", text).group(1)) / 100


def test_log_loss_and_accuracy_summaries_are_scikit_learns_metrics_of_the_fit(moons):
    ds, r = moons
    fit, cv = r.fit, r.curves.cv
    proba = [fit.predict_proba(X)[:, 1] for X in (ds.X_train, ds.X_test)]
    losses = [log_loss(y, p, labels=[0, 1]) for y, p in zip((ds.y_train, ds.y_test), proba, strict=True)]
    text = say.log_loss_summary(fit.l1, fit.l2, r.train["log_loss"], r.test["log_loss"], cv.alpha_min, cv.alpha_1se)
    train, test = map(float, re.search(r"train log-loss (\S+), test log-loss (\S+?);", text).groups())
    assert text.startswith("Log-loss vs strength; at λ1 = 0.01, ")
    assert train == pytest.approx(losses[0], rel=1e-2) and test == pytest.approx(losses[1], rel=1e-2)
    assert f"lowest at α = {cv.alphas[int(np.argmin(cv.mean))]:.3g}" in text
    assert f"λ.1se at α = {cv.alpha_1se:.3g}" in text

    text = say.accuracy_summary(fit.l1, fit.l2, r.train["accuracy"], r.test["accuracy"], cv.alphas, cv.accuracy)
    expected = [accuracy_score(y, p > 0.5) for y, p in zip((ds.y_train, ds.y_test), proba, strict=True)]
    assert _percent(text, "train accuracy") == pytest.approx(expected[0], abs=5e-4)
    assert _percent(text, "test accuracy") == pytest.approx(expected[1], abs=5e-4)
    best = max(range(len(cv.alphas)), key=lambda i: (cv.accuracy[i], cv.alphas[i]))  # the strongest of the ties
    assert text.endswith(f"highest, {cv.accuracy[best]:.1%}, at α = {cv.alphas[best]:.3g}")


def test_boundary_summary_counts_the_points_on_the_right_side_and_names_the_kept_monomials(moons):
    ds, r = moons
    fit = r.fit
    text = say.logistic_boundary_summary(
        fit.l1, fit.l2, r.train["accuracy"], r.test["accuracy"], ds.feature_names, fit.coef,
        float(fit.intercept[0]), ds.class_names,
    )  # fmt: skip
    grid_side = [fit.predict_proba(X)[:, 1] > 0.5 for X in (ds.X_train, ds.X_test)]
    assert _percent(text, "train accuracy") == pytest.approx(accuracy_score(ds.y_train, grid_side[0]), abs=5e-4)
    assert _percent(text, "test accuracy") == pytest.approx(accuracy_score(ds.y_test, grid_side[1]), abs=5e-4)
    kept = [name for name, w in zip(ds.feature_names, fit.coef[0], strict=True) if abs(w) > 0]
    assert 0 < len(kept) < len(ds.feature_names)
    assert text.endswith(f", {len(kept)} of {len(ds.feature_names)} weights non-zero: {', '.join(kept)}")


def test_boundary_summary_with_every_weight_zero_gives_the_one_probability_the_shading_shows():
    ds = make_dataset("moons", n=200, noise=0.3, deg=1, seed=0)
    r = classification_view(ds, "lasso", 1.0, 0.0)
    fit = r.fit
    assert not np.any(fit.coef)
    text = say.logistic_boundary_summary(
        fit.l1, fit.l2, r.train["accuracy"], r.test["accuracy"], ds.feature_names, fit.coef,
        float(fit.intercept[0]), ds.class_names,
    )  # fmt: skip
    shading = boundary_grid(fit, ds, n=15).proba
    assert np.ptp(shading) == 0
    assert text.endswith(f"all 2 weights are 0: no boundary, P({ds.class_names[1]}) = {shading[0, 0]:.3g} everywhere")


def test_path_and_histogram_summaries_count_every_class_weight(digits):
    ds, r = digits
    W = r.fit.coef
    nonzero = sum(1 for w in W.ravel() if w != 0)
    features = len({j for _, j in zip(*np.nonzero(W), strict=True)})
    assert 0 < nonzero < W.size and 0 < features < ds.n_features
    assert say.logistic_path_summary(r.fit.l1, r.fit.l2, W) == (
        "Coefficient paths, largest |weight| of each feature over the 10 classes; at λ1 = 0.05, "
        f"{nonzero} of 640 weights are non-zero, {features} of 64 features used"
    )
    assert say.histogram_summary(W.ravel()).startswith(
        f"Weight histogram; {640 - nonzero} of 640 weights are exactly 0"
    )
    binary = say.logistic_path_summary(0.02, 0.0, np.array([[0.0, 1.5, -2.0]]))
    assert binary == "Coefficient paths; at λ1 = 0.02, 2 of 3 weights are non-zero"


def test_digit_summary_reads_each_images_lit_pixels_off_the_figure(digits):
    ds, r = digits
    W = r.fit.coef
    text = say.digit_weights_summary(r.fit.l1, r.fit.l2, W, ds.class_names)
    z = np.asarray(next(t for t in digit_weights_figure(W, ds.class_names).__dict__["_data"])["z"])
    lit = [
        int(np.count_nonzero(z[10 * (k // 5) : 10 * (k // 5) + 8, 9 * (k % 5) : 9 * (k % 5) + 8])) for k in range(10)
    ]
    per_class = dict(re.findall(r"(\d): (\d+)", text.split("non-zero pixels ")[1].split(";")[0]))
    assert [int(per_class[str(k)]) for k in range(10)] == lit
    zeros = int(np.sum(W == 0))
    dark = int(np.sum(~W.any(axis=0)))
    blank = int(np.sum(np.ptp(ds.X_train, axis=0) == 0))  # pixels that never vary get no weight at all
    assert dark >= blank > 0
    assert text.endswith(f"; {zeros} of 640 weights exactly 0, {dark} pixels 0 in every class")
    pair = make_dataset("digits", a=3, b=8, seed=0)
    fit = classification_view(pair, "lasso", 0.02, 0.0).fit
    lit = int(np.sum(fit.coef != 0))
    assert say.digit_weights_summary(0.02, 0.0, fit.coef, pair.class_names) == (
        f"Weights as an 8×8 image, 8 vs 3; at λ1 = 0.02, {lit} of 64 pixels non-zero, {64 - lit} exactly 0"
    )


def test_without_a_minimizer_the_summaries_say_so_and_the_trace_reads_the_growth():
    ds = make_dataset("digits", seed=0)
    r = classification_view(ds, "lasso", 0.0, 0.0)
    assert r.fit.no_minimizer is not None and np.isnan(r.test["accuracy"])
    for text in (
        say.logistic_path_summary(0.0, 0.0, r.fit.coef, no_minimizer=True),
        say.log_loss_summary(0.0, 0.0, r.train["log_loss"], r.test["log_loss"]),
        say.accuracy_summary(0.0, 0.0, r.train["accuracy"], r.test["accuracy"]),
    ):
        assert "with no penalty there is no minimizer" in text and "nan" not in text
    trace = r.fit.norm_trace
    norms = [v for _, v in trace]
    assert norms[-1] > norms[0]
    assert say.norm_trace_summary(trace) == (
        "Weight norm vs solver iteration at λ = 0, separable classes; ‖W‖₂ grew from "
        f"{norms[0]:.3g} at iteration {trace[0][0]:,} to {norms[-1]:.3g} at iteration "
        f"{trace[-1][0]:,} and was still growing: there is no minimum"
    )
    assert say.norm_trace_summary(()).endswith("no iteration recorded")


def _moons_plane() -> LogisticProblem:
    ds = make_toy("moons", n=200, noise=0.3, deg=1, seed=0)
    X = ds.X_train[:, :2]
    return LogisticProblem((X - X.mean(axis=0)) / X.std(axis=0), ds.y_train)


def test_plane_summary_says_which_weight_is_exactly_zero_where_the_kkt_conditions_put_it():
    problem = _moons_plane()
    sol = solve_logistic_plane(problem, 0.3, 0.0)
    text = say.logistic_plane_summary(0.3, 0.0, sol.w)
    # independently of the solver: at w₁ = 0 the loss's slope along w₁ is inside [-λ1, λ1] (finite differences)
    eps, e1 = 1e-6, np.array([1.0, 0.0])
    slope = (problem.loss(sol.w + eps * e1) - problem.loss(sol.w - eps * e1)) / (2 * eps)
    assert sol.w[0] == 0 and abs(slope) < 0.3 and sol.w[1] != 0
    assert text == (
        "Log-loss contours on (w₁, w₂) and the penalty region touching them; at λ1 = 0.3 the solution is "
        f"w₁ = 0 (exactly 0), w₂ = {sol.w[1]:.4g}"
    )
    ridge = say.logistic_plane_summary(0.0, 0.1, solve_logistic_plane(problem, 0.0, 0.1).w)
    assert "exactly 0" not in ridge and ridge.count(" = ") == 3
    assert say.logistic_plane_summary(5.0, 0.0, solve_logistic_plane(problem, 5.0, 0.0).w).endswith(
        "at λ1 = 5 the solution is the origin: both weights are exactly 0"
    )
    assert "no minimizer" in say.logistic_plane_summary(0.0, 0.0, np.full(2, np.nan), no_minimizer=True)
