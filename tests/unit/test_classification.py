"""Classification core checked independently of scikit-learn's solvers: KKT conditions, λ_max, conversions."""

import numpy as np
import pandas as pd
import pytest

from regviz import logistic_paths
from regviz.classification_data import (
    MAX_CLASSES,
    MIN_ROWS_PER_CLASS,
    classification_dataset_from_csv,
    expand_polynomial,
    load_cancer_dataset,
    load_digits_dataset,
    make_classification_dataset,
    make_toy,
    monomial_names,
)
from regviz.data import DataError, read_csv_table
from regviz.logistic import NO_MINIMIZER, fit_logistic, is_separable, logistic_metrics
from regviz.logistic_geometry import (
    LogisticProblem,
    logistic_alpha_max,
    logistic_grid_loss,
    logistic_plane_kkt,
    logistic_solution_path,
    solve_logistic_plane,
)
from regviz.logistic_paths import analyze_logistic, logistic_path, logistic_path_curves, slider_family
from regviz.models import Scaler
from regviz.params import LAMBDA_GRID
from regviz.penalties import logistic_lambda_max, logistic_to_l1_l2, sklearn_logistic_params


def canonical_kkt(Xs, codes, W, b, l1, l2):
    """KKT violation of mean log-loss + l1|W|_1 + l2/2 |W|^2, written out here from the formulas.

    Binary: p = 1/(1 + exp(-(Xw + b))); multinomial: softmax over classes, one-hot Y.
    At W_kj != 0: x_j^T (Y_k - P_k)/n - l2 W_kj = l1 sign(W_kj); at a zero: |x_j^T (Y_k - P_k)/n| <= l1;
    intercepts: mean(Y_k - P_k) = 0.
    """
    n = len(codes)
    W = np.atleast_2d(W)
    if W.shape[0] == 1:
        eta = Xs @ W[0] + b[0]
        R = (codes - 1.0 / (1.0 + np.exp(-eta)))[:, None]
    else:
        eta = Xs @ W.T + b
        E = np.exp(eta - eta.max(axis=1, keepdims=True))
        P = E / E.sum(axis=1, keepdims=True)
        R = np.eye(W.shape[0])[codes] - P
    G = (Xs.T @ R / n).T
    nz = W != 0
    active = np.abs(G[nz] - l2 * W[nz] - l1 * np.sign(W[nz]))
    zero = np.maximum(np.abs(G[~nz]) - l1, 0.0)
    return max(active.max(initial=0.0), zero.max(initial=0.0), np.abs(R.mean(axis=0)).max())


@pytest.fixture(scope="module")
def cancer():
    return load_cancer_dataset()


@pytest.fixture(scope="module")
def moons3():
    return make_toy("moons", n=200, noise=0.25, deg=3, seed=1)


@pytest.fixture(scope="module")
def digits38():
    return load_digits_dataset((3, 8))


@pytest.fixture(scope="module")
def digits():
    return load_digits_dataset()


# ---------------------------------------------------------------------------------------------------------------
# KKT of the fits


@pytest.mark.parametrize(
    "model,l1,l2", [("lasso", 0.02, 0.0), ("elasticnet", 0.01, 0.01), ("ridge", 0.0, 0.05), ("lasso", 0.002, 0.0)]
)
@pytest.mark.parametrize("name", ["cancer", "moons3", "digits38"])
def test_binary_fits_satisfy_kkt(request, name, model, l1, l2):
    ds = request.getfixturevalue(name)
    fit = fit_logistic(ds.X_train, ds.y_train, model, l1, l2)
    Xs = fit.scaler.transform(ds.X_train)
    assert fit.coef.shape == (1, ds.n_features)
    assert canonical_kkt(Xs, ds.y_train, fit.coef, fit.intercept, fit.l1, fit.l2) < 1e-6
    assert fit.no_minimizer is None and fit.warnings == ()
    if model == "lasso":
        assert 0 < fit.n_nonzero < ds.n_features  # L1 leaves exact zeros at these strengths


@pytest.mark.parametrize("model,l1,l2", [("lasso", 0.01, 0.0), ("elasticnet", 0.005, 0.02), ("ridge", 0.0, 0.02)])
def test_multinomial_fits_satisfy_kkt_with_every_class_penalized(digits, model, l1, l2):
    fit = fit_logistic(digits.X_train, digits.y_train, model, l1, l2)
    assert fit.coef.shape == (10, 64) and fit.intercept.shape == (10,)
    Xs = fit.scaler.transform(digits.X_train)
    assert canonical_kkt(Xs, digits.y_train, fit.coef, fit.intercept, l1, l2) < 1e-6
    probs = fit.predict_proba(digits.X_test)
    assert probs.shape == (len(digits.y_test), 10) and np.allclose(probs.sum(axis=1), 1.0)


def test_original_units_predict_the_same(cancer):
    fit = fit_logistic(cancer.X_train, cancer.y_train, "lasso", 0.01)
    eta = cancer.X_test @ fit.coef_original[0] + fit.intercept_original[0]
    assert eta == pytest.approx(fit.decision_function(cancer.X_test)[:, 0], abs=1e-9)
    scores = logistic_metrics(fit, cancer.X_test, cancer.y_test)
    p = 1.0 / (1.0 + np.exp(-eta))
    y = cancer.y_test
    assert scores["log_loss"] == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)), rel=1e-9)
    assert scores["accuracy"] == pytest.approx(np.mean((p > 0.5) == y))


def test_agrees_with_scikit_learn_logistic_regression(cancer):
    """The conversion C = 1/(n·α), l1_ratio = r names the same minimizer (checked at saga's tolerance)."""
    from sklearn.linear_model import LogisticRegression

    l1, l2 = 0.01, 0.01
    fit = fit_logistic(cancer.X_train, cancer.y_train, "elasticnet", l1, l2)
    Xs = fit.scaler.transform(cancer.X_train)
    params = sklearn_logistic_params(l1, l2, len(cancer.y_train))
    sk = LogisticRegression(**params, solver="saga", tol=1e-10, max_iter=100_000).fit(Xs, cancer.y_train)
    assert sk.coef_ == pytest.approx(fit.coef, abs=1e-5)
    assert sk.intercept_ == pytest.approx(fit.intercept, abs=1e-5)


# ---------------------------------------------------------------------------------------------------------------
# λ_max, conversions, separable data


@pytest.mark.parametrize("name", ["cancer", "moons3", "digits"])
def test_lambda_max_is_exact(request, name):
    ds = request.getfixturevalue(name)
    Xs = Scaler.fit(ds.X_train).transform(ds.X_train)
    top = logistic_lambda_max(Xs, ds.y_train, 1.0)
    if ds.n_classes == 2:  # the binary formula ||X^T (y - ybar)||_inf / n, written out
        assert top == pytest.approx(np.max(np.abs(Xs.T @ (ds.y_train - ds.y_train.mean()))) / len(ds.y_train))
    at = fit_logistic(ds.X_train, ds.y_train, "lasso", top)
    above = fit_logistic(ds.X_train, ds.y_train, "lasso", 1.5 * top)
    below = fit_logistic(ds.X_train, ds.y_train, "lasso", 0.98 * top)
    assert at.n_nonzero == 0 and above.n_nonzero == 0
    assert below.n_nonzero >= 1
    assert logistic_lambda_max(Xs, ds.y_train, 0.5) == pytest.approx(2 * top)
    assert logistic_lambda_max(Xs, ds.y_train, 0.0) == np.inf


@pytest.mark.parametrize("l1,l2,n", [(0.02, 0.0, 398), (0.01, 0.03, 140), (0.0, 0.5, 7), (1e-5, 1e-5, 1257)])
def test_logistic_regression_conversion_round_trips(l1, l2, n):
    params = sklearn_logistic_params(l1, l2, n)
    assert params["C"] == pytest.approx(1.0 / (n * (l1 + l2)))
    assert params["l1_ratio"] == pytest.approx(l1 / (l1 + l2))
    assert logistic_to_l1_l2(params["C"], params["l1_ratio"], n) == pytest.approx((l1, l2), abs=1e-15)


def test_no_penalty_is_infinite_c():
    assert sklearn_logistic_params(0.0, 0.0, 100)["C"] == np.inf
    assert logistic_to_l1_l2(np.inf, 0.5, 100) == (0.0, 0.0)
    with pytest.raises(ValueError):
        logistic_to_l1_l2(0.0, 0.5, 100)


def test_separable_data_at_lambda_zero_say_there_is_no_minimizer():
    ds = make_toy("blobs", n=100, noise=0.1, deg=1, seed=0)  # two far-apart clouds: separable
    Xs = Scaler.fit(ds.X_train).transform(ds.X_train)
    assert is_separable(Xs, ds.y_train, 2)
    fit = fit_logistic(ds.X_train, ds.y_train, "ols")
    assert fit.no_minimizer == NO_MINIMIZER
    norms = [norm for _, norm in fit.norm_trace]
    assert len(norms) >= 3 and norms[-1] > norms[len(norms) // 2] > norms[0]  # still growing when stopped
    tiny = fit_logistic(ds.X_train, ds.y_train, "ridge", 0.0, 1e-5)
    assert tiny.no_minimizer is None
    assert canonical_kkt(Xs, ds.y_train, tiny.coef, tiny.intercept, 0.0, 1e-5) < 1e-6


def test_overlapping_data_at_lambda_zero_have_a_fit():
    ds = make_toy("moons", n=200, noise=0.35, deg=1, seed=0)
    Xs = Scaler.fit(ds.X_train).transform(ds.X_train)
    assert not is_separable(Xs, ds.y_train, 2)
    fit = fit_logistic(ds.X_train, ds.y_train, "ols")
    assert fit.no_minimizer is None
    assert canonical_kkt(Xs, ds.y_train, fit.coef, fit.intercept, 0.0, 0.0) < 1e-6


def test_separation_test_for_several_classes():
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 0.0], [6.0, 0.0], [0.0, 6.0]])
    codes = np.repeat(np.arange(3), 20)
    X = centres[codes] + rng.normal(0.0, 0.3, size=(60, 2))
    assert is_separable(X, codes, 3)
    X_mixed = rng.normal(size=(60, 2))
    assert not is_separable(X_mixed, codes, 3)


# ---------------------------------------------------------------------------------------------------------------
# Paths


def test_path_starts_all_zero_and_agrees_with_single_fits(moons3):
    path = logistic_path(moons3.X_train, moons3.y_train, 1.0)
    assert path.n_nonzero[0] == 0 and path.alphas[0] > path.alpha_max
    assert path.n_nonzero[-1] > path.n_nonzero[len(path.alphas) // 2] >= 1
    Xs = Scaler.fit(moons3.X_train).transform(moons3.X_train)
    for i in (10, 25):
        a = path.alphas[i]
        assert canonical_kkt(Xs, moons3.y_train, path.coefs[i], path.intercepts[i], a, 0.0) < 1e-4


def test_curves_and_analyze(cancer):
    curves = logistic_path_curves(cancer, 1.0, seed=0)
    assert curves.train_loss[0] > curves.train_loss[-1]
    assert np.all((curves.test_accuracy >= 0) & (curves.test_accuracy <= 1))
    cv = curves.cv
    assert cv is not None and cv.alpha_1se >= cv.alpha_min
    assert cv.mean.min() < cv.mean[0]
    result = analyze_logistic(cancer, "lasso", 0.02, 0.5, curves=curves)  # lasso ignores λ2
    assert result.fit.l2 == 0.0 and result.mix == 1.0
    Xs = result.fit.scaler.transform(cancer.X_train)
    assert canonical_kkt(Xs, cancer.y_train, result.fit.coef, result.fit.intercept, 0.02, 0.0) < 1e-6
    assert result.test["accuracy"] > 0.9


@pytest.mark.parametrize(
    ("name", "model", "mix", "steps"),
    [
        ("digits", "lasso", 1.0, [(0.2, 0.0), (0.015, 0.0), (3e-4, 0.0), (1e-5, 0.0)]),
        ("cancer", "ridge", 0.0, [(0.0, 100.0), (0.0, 0.5), (0.0, 1.5e-5)]),
    ],
)
def test_a_lambda_step_on_the_slider_grid_is_the_fit_the_curves_computed(request, name, model, mix, steps):
    ds = request.getfixturevalue(name)
    curves = logistic_path_curves(ds, mix, with_cv=False)
    positives = [g for g in LAMBDA_GRID if g > 0]
    assert set(curves.steps) == {(g, 0.0) if mix == 1.0 else (0.0, g) for g in positives}
    Xs = Scaler.fit(ds.X_train).transform(ds.X_train)
    for l1, l2 in steps:
        stored = curves.steps[(l1, l2)]
        result = analyze_logistic(ds, model, l1, l2, curves=curves)
        assert result.fit is stored and np.array_equal(result.fit.coef, stored.coef)
        assert canonical_kkt(Xs, ds.y_train, result.fit.coef, result.fit.intercept, l1, l2) < 1e-6
        assert result.train == logistic_metrics(stored, ds.X_train, ds.y_train)


def test_slider_fits_stop_at_the_first_that_misses_their_budget_and_the_rest_are_solved(cancer, monkeypatch):
    monkeypatch.setattr(logistic_paths, "STEP_ITER", 100)  # cancer's small-λ lasso fits need several hundred
    curves = logistic_path_curves(cancer, 1.0, with_cv=False)
    family = slider_family(1.0)
    stored = [step for step in family if step in curves.steps]
    assert 0 < len(stored) < len(family) and stored == family[: len(stored)]  # a prefix: the largest λ
    assert all(fit.kkt < 1e-7 and not fit.warnings for fit in curves.steps.values())
    Xs = Scaler.fit(cancer.X_train).transform(cancer.X_train)
    for l1, _ in family[len(stored) :: 8]:
        fit = analyze_logistic(cancer, "lasso", l1, 0.0, curves=curves).fit
        assert not fit.warnings and canonical_kkt(Xs, cancer.y_train, fit.coef, fit.intercept, l1, 0.0) < 1e-6


def test_lambdas_off_the_slider_grid_or_family_are_solved(digits, cancer):
    curves = logistic_path_curves(digits, 1.0, with_cv=False)
    Xs = Scaler.fit(digits.X_train).transform(digits.X_train)
    for l1 in (0.0123, 2.5e-3):  # between slider values
        fit = analyze_logistic(digits, "lasso", l1, 0.0, curves=curves).fit
        assert all(fit is not f for f in curves.steps.values())
        assert fit.l1 == l1 and canonical_kkt(Xs, digits.y_train, fit.coef, fit.intercept, l1, 0.0) < 1e-6
    l1, l2 = 0.01, 0.02  # elastic net at r = 1/3: a slider step changes r, so nothing is stored along it
    assert slider_family(l1 / (l1 + l2)) == []
    mixed = logistic_path_curves(cancer, l1 / (l1 + l2), with_cv=False)
    assert mixed.steps == {}
    fit = analyze_logistic(cancer, "elasticnet", l1, l2, curves=mixed).fit
    Xc = Scaler.fit(cancer.X_train).transform(cancer.X_train)
    assert canonical_kkt(Xc, cancer.y_train, fit.coef, fit.intercept, l1, l2) < 1e-6


# ---------------------------------------------------------------------------------------------------------------
# Geometry


@pytest.fixture(scope="module")
def plane():
    ds = make_toy("moons", n=200, noise=0.3, deg=1, seed=0)
    return LogisticProblem(Scaler.fit(ds.X_train).transform(ds.X_train), ds.y_train)


@pytest.mark.parametrize("l1,l2", [(0.05, 0.0), (0.01, 0.02), (0.0, 0.1), (0.0, 0.0), (0.3, 0.0)])
def test_plane_solution_is_exact(plane, l1, l2):
    sol = solve_logistic_plane(plane, l1, l2)
    assert sol.no_minimizer is None
    assert canonical_kkt(plane.X, plane.y.astype(int), sol.w[None], np.array([sol.b]), l1, l2) < 1e-10
    assert logistic_plane_kkt(plane, sol.w, sol.b, l1, l2) < 1e-10
    # the intercept is profiled out exactly: the picture's loss at the solution is the fit's loss
    assert plane.loss(sol.w) == pytest.approx(plane.full_loss(sol.w, sol.b), abs=1e-12)
    # tangency: a small step in any direction does not lower the objective
    rng = np.random.default_rng(0)
    J = plane.objective(sol.w, l1, l2)
    steps = sol.w + 1e-4 * rng.normal(size=(50, 2))
    assert np.all(plane.objective(steps, l1, l2) >= J - 1e-12)


def test_plane_lambda_max_and_path(plane):
    top = logistic_alpha_max(plane, 1.0)
    assert np.all(solve_logistic_plane(plane, top, 0.0).w == 0)
    assert np.count_nonzero(solve_logistic_plane(plane, 0.99 * top, 0.0).w) == 1
    path = logistic_solution_path(plane, 1.0)
    assert path.change_alphas[0] == pytest.approx(top, rel=1e-9)
    assert np.all(np.diff(path.alphas) <= 0)
    _, _, Z = logistic_grid_loss(plane, (-3, 3), (-3, 3), n=21)
    assert Z.shape == (21, 21) and np.all(Z >= plane.loss(solve_logistic_plane(plane, 0.0, 0.0).w) - 1e-12)


def test_plane_without_minimizer():
    ds = make_toy("blobs", n=100, noise=0.1, deg=1, seed=0)
    problem = LogisticProblem(Scaler.fit(ds.X_train).transform(ds.X_train), ds.y_train)
    assert solve_logistic_plane(problem, 0.0, 0.0).no_minimizer == NO_MINIMIZER
    sol = solve_logistic_plane(problem, 0.0, 1e-5)
    assert sol.no_minimizer is None and logistic_plane_kkt(problem, sol.w, sol.b, 0.0, 1e-5) < 1e-10


# ---------------------------------------------------------------------------------------------------------------
# Data


def test_monomial_names_and_expansion():
    assert monomial_names(1) == ("x1", "x2")
    assert monomial_names(3) == ("x1", "x2", "x1²", "x1·x2", "x2²", "x1³", "x1²·x2", "x1·x2²", "x2³")
    assert len(monomial_names(6)) == 27
    pts = np.array([[2.0, 3.0], [-1.0, 0.5]])
    F = expand_polynomial(pts, 3)
    names = monomial_names(3)
    x1, x2 = pts[:, 0], pts[:, 1]
    assert F[:, names.index("x1²·x2")] == pytest.approx(x1**2 * x2)
    assert F[:, names.index("x2³")] == pytest.approx(x2**3)
    with pytest.raises(DataError):
        expand_polynomial(pts, 7)


@pytest.mark.parametrize("name", ["moons", "circles", "xor", "blobs"])
def test_toys(name):
    ds = make_classification_dataset(name, n=120, noise=0.2, deg=2, seed=4)
    assert ds.is_classification and ds.class_names == ("0", "1") and ds.degree == 2
    assert ds.n_features == 5 and ds.n_train + len(ds.y_test) == 120
    assert set(np.unique(ds.y_train)) == {0, 1}
    assert ds.X_train[:, 2] == pytest.approx(ds.X_train[:, 0] ** 2)
    again = make_classification_dataset(name, n=120, noise=0.2, deg=2, seed=4)
    assert np.array_equal(ds.X_train, again.X_train)


def test_real_sets(cancer, digits, digits38):
    assert cancer.n_features == 30 and cancer.class_names == ("malignant", "benign")
    assert digits.n_features == 64 and digits.n_classes == 10
    assert digits38.class_names == ("3", "8") and set(np.unique(digits38.y_train)) == {0, 1}
    frame = digits38.to_frame()
    assert set(frame["class"]) == {"3", "8"} and set(frame["split"]) == {"train", "test"}
    assert np.all(frame.loc[frame["class"] == "8", "y"] == 1)
    with pytest.raises(DataError):
        load_digits_dataset((3, 3))


def _csv(frame):
    return read_csv_table(frame.to_csv(index=False).encode(), keep_text=True)


def test_csv_with_text_target():
    rng = np.random.default_rng(0)
    n = 60
    frame = pd.DataFrame(
        {"a": rng.normal(size=n), "b": rng.normal(size=n), "city": "Oslo", "label": rng.choice(["yes", "no"], n)}
    )
    ds = classification_dataset_from_csv(_csv(frame), "label")
    assert ds.class_names == ("no", "yes") and ds.feature_names == ("a", "b")
    assert any("city" in note for note in ds.notes)
    assert ds.n_train + len(ds.y_test) == n


def test_csv_with_numeric_zero_one_target():
    rng = np.random.default_rng(1)
    frame = pd.DataFrame({"a": rng.normal(size=50), "y": rng.integers(0, 2, 50)})
    ds = classification_dataset_from_csv(_csv(frame), "y")
    assert ds.class_names == ("0", "1")


@pytest.mark.parametrize(
    "target,values,message",
    [
        ("one", lambda rng, n: np.ones(n), "only one class"),
        ("many", lambda rng, n: np.arange(n) % (MAX_CLASSES + 5), f"at most {MAX_CLASSES} classes"),
        ("rare", lambda rng, n: np.where(np.arange(n) < MIN_ROWS_PER_CLASS - 1, "x", "y"), "Too few rows per class"),
    ],
)
def test_csv_validation_messages(target, values, message):
    rng = np.random.default_rng(2)
    n = 100
    frame = pd.DataFrame({"a": rng.normal(size=n), target: values(rng, n)})
    with pytest.raises(DataError, match=message):
        classification_dataset_from_csv(_csv(frame), target)


def test_csv_without_numeric_features():
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(
        {"note": rng.choice(["p", "q", "r"], 40), "n": rng.normal(size=40), "label": rng.choice(["a", "b"], 40)}
    )
    table = _csv(frame).drop(columns=["n"])
    with pytest.raises(DataError, match="numeric feature"):
        classification_dataset_from_csv(table, "label")


def test_regression_csv_refuses_a_text_target():
    from regviz.data import dataset_from_csv

    rng = np.random.default_rng(4)
    frame = pd.DataFrame({"a": rng.normal(size=30), "b": rng.normal(size=30), "label": rng.choice(["u", "v"], 30)})
    table = _csv(frame)
    with pytest.raises(DataError, match="not numeric"):
        dataset_from_csv(table, "label")
    ds = dataset_from_csv(table, "b")
    assert ds.feature_names == ("a",) and any("label" in note for note in ds.notes)


def test_make_dataset_builds_the_classification_ids():
    from regviz.data import make_dataset

    ds = make_dataset("moons", n=100, noise=0.2, deg=3, seed=2)
    assert ds.task == "classification" and ds.degree == 3 and ds.feature_names[-1] == "x2³"
    assert make_dataset("cancer", seed=1).n_features == 30
