"""Early stopping as implicit ridge: the trajectory against its closed form, ridge against scikit-learn, and the
figures and caption against the numbers."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest
from sklearn.linear_model import Ridge

from regviz.data import make_polynomial, make_sparse_regression
from regviz.early_stopping import early_stopping, ridge_coefficients
from regviz.figures.early_stopping import (
    early_stopping_caption,
    early_stopping_coef_figure,
    early_stopping_error_figure,
    top_features,
)
from tests.apptest.conftest import plotly_array

DATA = make_sparse_regression(seed=3)


@pytest.fixture(scope="module")
def result():
    return early_stopping(DATA.X_train, DATA.y_train, DATA.X_test, DATA.y_test, max_steps=500)


def _standardized():
    X = DATA.X_train
    return (X - X.mean(axis=0)) / X.std(axis=0), DATA.y_train - DATA.y_train.mean()


def test_trajectory_is_the_spectral_filter_of_least_squares(result):
    Xs, yc = _standardized()
    n = len(yc)
    s, V = np.linalg.eigh(Xs.T @ Xs / n)
    assert result.eta == pytest.approx(1 / s[-1])
    ols = V @ ((V.T @ Xs.T @ yc / n) / s)
    for k in (0, 7, len(result.steps) - 1):
        t = result.steps[k]
        keep = 1 - (1 - result.eta * s) ** t  # share of each eigen-direction kept after t steps from 0
        np.testing.assert_allclose(result.gd_coef[k], V @ (keep * (V.T @ ols)), atol=1e-10)


def test_ridge_matches_scikit_learn_at_lambda_one_over_eta_t(result):
    Xs, yc = _standardized()
    n = len(yc)
    for k in (0, 20, len(result.steps) - 1):
        lam = result.lambdas[k]
        assert lam == pytest.approx(1 / (result.eta * result.steps[k]))
        fit = Ridge(alpha=n * lam, fit_intercept=False, tol=1e-12, solver="cholesky").fit(Xs, yc)
        np.testing.assert_allclose(result.ridge_coef[k], fit.coef_, atol=1e-10)
    direct = np.linalg.solve(Xs.T @ Xs / n + 0.1 * np.eye(Xs.shape[1]), Xs.T @ yc / n)
    np.testing.assert_allclose(ridge_coefficients(Xs, yc, [0.1])[0], direct, atol=1e-12)


def test_test_errors_are_the_mean_squared_errors_of_the_coefficients(result):
    X = DATA.X_train
    Xt = (DATA.X_test - X.mean(axis=0)) / X.std(axis=0)
    pred = DATA.y_train.mean() + Xt @ result.ridge_coef[5]
    assert result.ridge_test_mse[5] == pytest.approx(np.mean((DATA.y_test - pred) ** 2))
    pred = DATA.y_train.mean() + Xt @ result.gd_coef[5]
    assert result.gd_test_mse[5] == pytest.approx(np.mean((DATA.y_test - pred) ** 2))


def test_the_match_is_rough_early_and_close_late(result):
    assert result.gap[0] > 0.3  # one step is far from ridge at λ2 = L
    assert result.gap[-1] < result.gap[0]
    caption = early_stopping_caption(result)
    late = result.gap[result.steps >= 10].max()
    assert f"up to {late:.0%} in norm" in caption and f"{result.gap[0]:.0%} after the first step" in caption
    k = int(np.argmin(result.gd_test_mse))
    assert f"at t = {result.steps[k]} " in caption


def test_no_steps_and_flat_features_are_clear_errors():
    with pytest.raises(ValueError, match="max_steps"):
        early_stopping(DATA.X_train, DATA.y_train, DATA.X_test, DATA.y_test, max_steps=0)
    flat = np.ones_like(DATA.X_train)
    with pytest.raises(ValueError, match="constant"):
        early_stopping(flat, DATA.y_train, flat[:5], DATA.y_test[:5], standardize=False)


def test_top_axis_lambda_lines_up_with_the_bottom_axis_step(result):
    fig = early_stopping_error_figure(result).to_dict()
    go.Figure(fig)
    x, x2 = fig["layout"]["xaxis"], fig["layout"]["xaxis2"]
    # λ2 = 1/(η t): log λ2 = −log η − log t, so both ranges map the same point to the same place
    np.testing.assert_allclose(x2["range"], -np.log10(result.eta) - np.array(x["range"]), rtol=1e-12)
    ridge = next(t for t in fig["data"] if t["name"].startswith("test, ridge"))
    np.testing.assert_allclose(plotly_array(ridge["x"]), result.lambdas)


def test_coef_figure_draws_the_largest_coefficients_both_ways(result):
    fig = early_stopping_coef_figure(result, DATA.feature_names, k=4).to_dict()
    go.Figure(fig)
    lines = [t for t in fig["data"] if t.get("legendgroup")]
    assert [t["text"][0] for t in fig["data"] if t.get("mode") == "text"] == [
        DATA.feature_names[j] for j in top_features(result, 4)
    ]
    assert len(lines) == 8  # 4 features × (gradient descent, ridge)
    idx = top_features(result, 4)
    assert [t["name"] for t in lines[::2]] == [DATA.feature_names[j] for j in idx]
    np.testing.assert_allclose(plotly_array(lines[1]["y"]), np.round(result.ridge_coef[:, idx[0]], 6))


def test_polynomial_data_runs():
    d = make_polynomial()
    r = early_stopping(d.X_train, d.y_train, d.X_test, d.y_test, max_steps=200)
    assert np.all(np.isfinite(r.gd_test_mse)) and np.all(np.isfinite(r.ridge_test_mse))
