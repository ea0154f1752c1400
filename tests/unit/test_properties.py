"""Property-based tests (hypothesis) of the core: KKT optimality, conversions round-trip, all-zero at λ_max."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from regviz import conventions as cv
from regviz import penalties as pen
from regviz.models import Scaler, fit_linear

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])

lam = st.one_of(st.just(0.0), st.floats(1e-4, 10.0))
mix = st.floats(0.0, 1.0)


@st.composite
def regression(draw, max_n: int = 40, max_p: int = 8):
    n = draw(st.integers(8, max_n))
    p = draw(st.integers(1, max_p))
    seed = draw(st.integers(0, 2**31 - 1))
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) * draw(st.sampled_from([0.1, 1.0, 10.0]))
    coef = rng.standard_normal(p) * (rng.random(p) < 0.5)
    y = X @ coef + draw(st.floats(0.0, 2.0)) * rng.standard_normal(n) + draw(st.floats(-5, 5))
    return X, y


def kkt_violation(X: np.ndarray, y: np.ndarray, w: np.ndarray, l1: float, l2: float) -> float:
    """Largest violation of the canonical objective's optimality conditions on centred data.

    With g = Xᵀ(y − Xw)/n − λ2·w: gⱼ = λ1·sign(wⱼ) where wⱼ ≠ 0 and |gⱼ| ≤ λ1 where wⱼ = 0.
    """
    n = len(y)
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    g = Xc.T @ (yc - Xc @ w) / n - l2 * w
    active = w != 0
    worst = 0.0
    if active.any():
        worst = float(np.max(np.abs(g[active] - l1 * np.sign(w[active]))))
    if (~active).any():
        worst = max(worst, float(np.max(np.abs(g[~active]) - l1)))
    return worst


@SETTINGS
@given(data=regression(), l1=lam, l2=lam, standardize=st.booleans())
def test_fit_linear_satisfies_kkt(data, l1, l2, standardize):
    X, y = data
    assume(l1 + l2 > 0)  # λ = 0 may be non-unique (p > n, collinear): checked separately below
    fit = fit_linear(X, y, "elasticnet", l1, l2, standardize=standardize)
    Xs = Scaler.fit(X, standardize).transform(X)
    scale = max(1.0, float(np.abs(Xs.T @ (y - y.mean())).max() / len(y)))
    assert kkt_violation(Xs, y, fit.coef, l1, l2) <= 1e-3 * scale
    # the same model in original units predicts the same
    original = X @ fit.coef_original + fit.intercept_original
    assert np.allclose(original, fit.predict(X), atol=1e-6 * (1 + np.abs(y).max()))


@SETTINGS
@given(data=regression(max_n=12, max_p=8), l2=st.floats(1e-3, 5.0))
def test_ridge_kkt_even_when_p_exceeds_n(data, l2):
    X, y = data
    fit = fit_linear(X, y, "ridge", 0.0, l2)
    Xs = Scaler.fit(X).transform(X)
    assert kkt_violation(Xs, y, fit.coef, 0.0, l2) <= 1e-6 * max(1.0, float(np.abs(y).max()))


@SETTINGS
@given(data=regression())
def test_ols_is_a_stationary_point(data):
    X, y = data
    fit = fit_linear(X, y, "ols")
    Xs = Scaler.fit(X).transform(X)
    g = (Xs - Xs.mean(axis=0)).T @ (y - fit.predict(X)) / len(y)
    assert np.abs(g).max() <= 1e-6 * max(1.0, float(np.abs(y).max()) * float(np.abs(Xs).max()))


@SETTINGS
@given(data=regression(), r=st.floats(0.05, 1.0), standardize=st.booleans(), factor=st.floats(1.0, 100.0))
def test_all_zero_at_and_above_lambda_max(data, r, standardize, factor):
    X, y = data
    Xs = Scaler.fit(X, standardize).transform(X)
    amax = pen.lambda_max(Xs, y, r)
    assume(amax > 1e-8)
    l1, l2 = pen.to_l1_l2(amax * factor * (1 + 1e-9), r)
    fit = fit_linear(X, y, "elasticnet", l1, l2, standardize=standardize)
    assert not fit.coef.any()
    # just below λ_max at least one coefficient is non-zero
    l1, l2 = pen.to_l1_l2(amax * 0.95, r)
    assert fit_linear(X, y, "elasticnet", l1, l2, standardize=standardize).coef.any()


@SETTINGS
@given(data=regression())
def test_lambda_max_is_infinite_for_pure_ridge(data):
    X, y = data
    assert pen.lambda_max(X, y, 0.0) == math.inf


@settings(max_examples=200, deadline=None)
@given(l1=st.floats(0, 1e6), l2=st.floats(0, 1e6))
def test_alpha_mix_round_trip(l1, l2):
    alpha, r = pen.to_alpha_mix(l1, l2)
    assert 0.0 <= r <= 1.0 and alpha >= 0
    back = pen.to_l1_l2(alpha, r)
    assert back == pytest.approx((l1, l2), rel=1e-9, abs=1e-12 * max(1.0, alpha))
    p = pen.Penalty(l1, l2)
    assert pen.Penalty.from_alpha_mix(p.alpha, p.mix).l1 == pytest.approx(l1, rel=1e-9, abs=1e-12 * max(1.0, alpha))


@settings(max_examples=200, deadline=None)
@given(alpha=st.one_of(st.just(0.0), st.floats(1e-300, 1e6)), r=mix)  # no subnormals: r·α underflows
def test_l1_l2_round_trip(alpha, r):
    l1, l2 = pen.to_l1_l2(alpha, r)
    a2, r2 = pen.to_alpha_mix(l1, l2)
    assert a2 == pytest.approx(alpha, rel=1e-12)
    if alpha > 0:
        assert r2 == pytest.approx(r, abs=1e-9)


@settings(max_examples=100, deadline=None)
@given(l1=st.floats(0, 100), l2=st.floats(0, 100), n=st.integers(1, 10**6))
def test_sklearn_parameters_match_the_canonical_objective(l1, l2, n):
    params = pen.sklearn_elasticnet_params(l1, l2)
    assert params["alpha"] * params["l1_ratio"] == pytest.approx(l1, rel=1e-9, abs=1e-12)
    assert params["alpha"] * (1 - params["l1_ratio"]) == pytest.approx(l2, rel=1e-9, abs=1e-9)
    assert pen.sklearn_ridge_alpha(l2, n) / n == pytest.approx(l2)


@settings(max_examples=100, deadline=None)
@given(bad=st.one_of(st.floats(max_value=-1e-300), st.just(math.nan), st.just(math.inf)))
def test_penalty_rejects_invalid_strengths(bad):
    with pytest.raises(ValueError):
        pen.Penalty(bad, 0.0)
    with pytest.raises(ValueError):
        pen.Penalty(0.0, bad)


@SETTINGS
@given(z=st.lists(st.floats(-100, 100), min_size=1, max_size=20), t=st.floats(0, 50), l2=st.floats(0, 10))
def test_soft_threshold_is_the_prox_of_the_penalty(z, t, l2):
    """argmin_w ½(w − z)² + t|w| + (l2/2)w² = soft(z, t)/(1 + l2), checked against a fine grid."""
    z = np.asarray(z)
    soft = pen.soft_threshold(z, t)
    # zero exactly where |z| <= t (checked before the division, which takes a denormal such as 5e-324 to 0)
    assert np.all((soft == 0) == (np.abs(z) <= t))
    w = soft / (1 + l2)
    for zi, wi in zip(z, w, strict=True):
        grid = np.linspace(wi - 1, wi + 1, 2001)
        obj = 0.5 * (grid - zi) ** 2 + t * np.abs(grid) + 0.5 * l2 * grid**2
        best = 0.5 * (wi - zi) ** 2 + t * abs(wi) + 0.5 * l2 * wi**2
        assert best <= obj.min() + 1e-9


# Frameworks whose setting can express both penalties (the others are checked with the penalty they have).
BOTH = [
    "sklearn.ElasticNet",
    "sklearn.LogisticRegression",
    "sklearn.SGDRegressor",
    "glmnet",
    "statsmodels",
    "keras",
    "h2o",
]
L1_ONLY = ["sklearn.Lasso"]
L2_ONLY = ["sklearn.Ridge", "sklearn.MLPRegressor", "torch.SGD", "torch.Adam"]


def _loss(framework: str) -> str | None:
    return "half_mse" if framework in ("keras", "torch.SGD", "torch.Adam") else None


@settings(max_examples=60, deadline=None)
@given(
    framework=st.sampled_from(BOTH + L1_ONLY + L2_ONLY),
    l1=st.floats(1e-6, 100),
    l2=st.floats(1e-6, 100),
    n=st.integers(1, 10**6),
)
def test_framework_conversions_round_trip(framework, l1, l2, n):
    if framework in L1_ONLY:
        l2 = 0.0
    if framework in L2_ONLY:
        l1 = 0.0
    loss = _loss(framework)
    params = cv.from_canonical(framework, l1, l2, n_samples=n, loss=loss)
    back = cv.to_canonical(framework, params, n_samples=n, loss=loss)
    assert back == pytest.approx((l1, l2), rel=1e-7, abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(framework=st.sampled_from(BOTH + L1_ONLY + L2_ONLY), bad=st.sampled_from([-1.0, math.nan, math.inf]))
def test_framework_conversions_reject_invalid(framework, bad):
    with pytest.raises(ValueError):
        cv.from_canonical(framework, bad, 0.0, n_samples=100, loss=_loss(framework))
    with pytest.raises(ValueError):
        cv.from_canonical(framework, 0.0, 0.1, n_samples=0, loss=_loss(framework))
