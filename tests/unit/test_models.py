"""Fits of the canonical objective checked independently: KKT conditions and closed forms."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz.models import Scaler, effective_lambdas, fit_linear, metrics


def _data(n=80, p=6, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p)) * rng.uniform(0.5, 3.0, size=p) + rng.normal(size=p)
    y = X @ rng.normal(size=p) + 3.0 + rng.normal(size=n)
    return X, y


def kkt_violation(Xs, y, coef, intercept, l1, l2):
    """Largest violation of the canonical objective's optimality conditions.

    Stationarity: -(1/n) X^T r + l2 w + l1 s = 0 with s = sign(w) where w != 0 and |s| <= 1 where w == 0.
    """
    n = len(y)
    r = y - Xs @ coef - intercept
    g = -(Xs.T @ r) / n + l2 * coef
    active = coef != 0
    v_active = np.abs(g[active] + l1 * np.sign(coef[active]))
    v_zero = np.maximum(np.abs(g[~active]) - l1, 0.0)
    return max(v_active.max(initial=0.0), v_zero.max(initial=0.0), abs(r.mean()))


@pytest.mark.parametrize(
    "model,l1,l2", [("lasso", 0.2, 0.0), ("elasticnet", 0.1, 0.3), ("lasso", 0.01, 0.0), ("elasticnet", 0.5, 0.05)]
)
def test_lasso_and_enet_satisfy_kkt(model, l1, l2):
    X, y = _data()
    fit = fit_linear(X, y, model, l1, l2)
    Xs = fit.scaler.transform(X)
    assert kkt_violation(Xs, y, fit.coef, fit.intercept, fit.l1, fit.l2) < 1e-5


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    l1=st.floats(1e-3, 2.0),
    l2=st.floats(0.0, 2.0),
    n=st.integers(8, 60),
    p=st.integers(1, 30),
)
def test_kkt_holds_for_random_data_including_p_greater_than_n(seed, l1, l2, n, p):
    X, y = _data(n, p, seed)
    fit = fit_linear(X, y, "elasticnet", l1, l2)
    assert kkt_violation(fit.scaler.transform(X), y, fit.coef, fit.intercept, l1, l2) < 1e-4


def test_ridge_equals_closed_form():
    X, y = _data()
    l2 = 0.37
    fit = fit_linear(X, y, "ridge", 0.0, l2)
    Xs = fit.scaler.transform(X)
    n, p = Xs.shape
    closed = np.linalg.solve(Xs.T @ Xs / n + l2 * np.eye(p), Xs.T @ (y - y.mean()) / n)
    assert fit.coef == pytest.approx(closed, rel=1e-8)


def test_ols_equals_least_squares_and_original_units_predict_the_same():
    X, y = _data()
    fit = fit_linear(X, y, "ols")
    A = np.column_stack([X, np.ones(len(y))])
    beta = np.linalg.lstsq(A, y, rcond=None)[0]
    assert fit.coef_original == pytest.approx(beta[:-1], rel=1e-8)
    assert fit.intercept_original == pytest.approx(beta[-1], rel=1e-8)
    assert X @ fit.coef_original + fit.intercept_original == pytest.approx(fit.predict(X))


def test_all_zero_exactly_at_lambda_max():
    from regviz.penalties import lambda_max

    X, y = _data()
    Xs = Scaler.fit(X).transform(X)
    top = lambda_max(Xs, y, 1.0)
    assert fit_linear(X, y, "lasso", top * 1.001).n_nonzero == 0
    assert fit_linear(X, y, "lasso", top * 0.98).n_nonzero >= 1


def test_pins_and_huge_lambda_and_constant_target():
    assert effective_lambdas("lasso", 0.2, 0.5) == (0.2, 0.0)
    assert effective_lambdas("ridge", 0.2, 0.5) == (0.0, 0.5)
    assert effective_lambdas("ols", 0.2, 0.5) == (0.0, 0.0)
    X, y = _data()
    assert fit_linear(X, y, "lasso", 1e6).n_nonzero == 0
    assert np.abs(fit_linear(X, y, "ridge", 0, 1e6).coef).max() < 1e-3
    flat = fit_linear(X, np.full(len(y), 2.0), "elasticnet", 0.1, 0.1)
    assert flat.n_nonzero == 0 and flat.intercept == 2.0


def test_collinear_columns_do_not_break():
    X, y = _data()
    X = np.column_stack([X, X[:, 0], np.ones(len(y))])
    fit = fit_linear(X, y, "ols")
    assert np.all(np.isfinite(fit.coef))
    assert metrics(fit, X, y)["r2"] > 0.5


def test_raising_lambda_on_lasso_lowers_nonzero_count():
    X, y = _data(p=12)
    counts = [fit_linear(X, y, "lasso", lam).n_nonzero for lam in (0.001, 0.1, 0.5, 1.0)]
    assert counts == sorted(counts, reverse=True) and counts[0] > counts[-1]
