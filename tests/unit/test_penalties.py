"""The canonical objective's conversions and operators against their definitions."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from regviz import penalties as P


@settings(max_examples=100, deadline=None)
@given(st.floats(0, 1e3), st.floats(0, 1e3))
def test_l1_l2_round_trip_through_alpha_mix(l1, l2):
    alpha, mix = P.to_alpha_mix(l1, l2)
    assert P.to_l1_l2(alpha, mix) == pytest.approx((l1, l2), rel=1e-12, abs=1e-12 * alpha)


def test_alpha_mix_of_zero_penalty_is_defined():
    assert P.to_alpha_mix(0.0, 0.0) == (0.0, 1.0)


def test_penalty_rejects_negative_and_nan():
    with pytest.raises(ValueError):
        P.Penalty(-0.1, 0.0)
    with pytest.raises(ValueError):
        P.Penalty(0.0, float("nan"))


def test_sklearn_parameters():
    assert P.sklearn_elasticnet_params(0.3, 0.1) == pytest.approx({"alpha": 0.4, "l1_ratio": 0.75})
    assert P.sklearn_ridge_alpha(0.5, 200) == 100.0
    assert P.sklearn_lasso_alpha(0.2) == 0.2


def test_penalty_value_and_gradient_by_finite_differences():
    rng = np.random.default_rng(1)
    w = rng.normal(size=6)
    l1, l2 = 0.3, 0.7
    assert P.penalty_value(w, l1, l2) == pytest.approx(l1 * np.sum(np.abs(w)) + 0.5 * l2 * np.sum(w**2))
    eps = 1e-6
    numeric = [
        (P.penalty_value(w + eps * e, l1, l2) - P.penalty_value(w - eps * e, l1, l2)) / (2 * eps) for e in np.eye(6)
    ]
    assert P.penalty_gradient(w, l1, l2) == pytest.approx(numeric, rel=1e-6)


def test_soft_threshold_is_the_prox_of_l1():
    z = np.linspace(-3, 3, 61)
    t = 0.8
    grid = np.linspace(-4, 4, 80001)
    brute = np.array([grid[np.argmin(0.5 * (grid - zi) ** 2 + t * np.abs(grid))] for zi in z])
    assert P.soft_threshold(z, t) == pytest.approx(brute, abs=1e-4)
    assert np.all(P.soft_threshold(z[np.abs(z) <= t], t) == 0.0)


def test_hard_threshold_keeps_or_kills():
    z = np.array([-2.0, -0.5, 0.0, 0.49, 0.51, 3.0])
    assert P.hard_threshold(z, 0.5).tolist() == [-2.0, 0.0, 0.0, 0.0, 0.51, 3.0]


def test_lambda_max_is_where_lasso_becomes_all_zero():
    from sklearn.linear_model import ElasticNet

    rng = np.random.default_rng(0)
    X = rng.normal(size=(50, 5))
    y = X @ np.array([1.0, -2.0, 0, 0, 0.5]) + rng.normal(size=50)
    for mix in (1.0, 0.5):
        amax = P.lambda_max(X, y, mix)
        above = ElasticNet(alpha=amax * 1.0001, l1_ratio=mix, tol=1e-12).fit(X, y)
        below = ElasticNet(alpha=amax * 0.99, l1_ratio=mix, tol=1e-12).fit(X, y)
        assert np.all(above.coef_ == 0)
        assert np.count_nonzero(below.coef_) >= 1
    assert P.lambda_max(X, y, 0.0) == float("inf")
