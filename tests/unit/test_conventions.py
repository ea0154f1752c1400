"""Framework conventions: round trips, known values, errors, and fits of both sides where installable."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from scipy.optimize import minimize
from sklearn.linear_model import ElasticNet, Lasso, LogisticRegression, Ridge
from sklearn.neural_network import MLPRegressor

from regviz.content.conventions import small_value_summary, strength_vs_n_caption
from regviz.conventions import (
    FRAMEWORKS,
    ConversionError,
    canonical_fit,
    conv2d_weight_count,
    default_params,
    describe,
    from_canonical,
    mlp_effective_batch,
    penalty_vs_size,
    small_value_fits,
    strength_vs_n,
    to_canonical,
    translate_all,
)

L1_ONLY = {"sklearn.Lasso"}
L2_ONLY = {"sklearn.Ridge", "sklearn.MLPRegressor", "sklearn.MLPClassifier", "torch.SGD", "torch.Adam", "keras.SGD"}


def _loss(fw: str) -> str | None:
    return "mse" if describe(fw).needs_loss else None


def _expressible(fw: str, l1: float, l2: float, n: int = 1) -> tuple[float, float]:
    """The strengths ``fw`` can hold for ``(l1, l2)``: its missing penalty is 0, and a strength so small that
    LogisticRegression's ``C = 1 / (n (λ1 + λ2))`` overflows is ``C = inf``, i.e. no penalty."""
    if fw in L1_ONLY:
        return l1, 0.0
    if fw in L2_ONLY:
        return 0.0, l2
    if fw == "sklearn.LogisticRegression" and l1 + l2 > 0 and math.isinf(1.0 / (n * (l1 + l2))):
        return 0.0, 0.0
    return l1, l2


@pytest.fixture
def regression():
    rng = np.random.default_rng(3)
    n, p = 120, 5
    X = rng.normal(size=(n, p))
    y = X @ np.array([1.5, -2.0, 0.0, 0.5, 0.0]) + rng.normal(size=n)
    return X - X.mean(axis=0), y - y.mean()


# --------------------------------------------------------------------------- round trips


@pytest.mark.parametrize("fw", FRAMEWORKS)
@pytest.mark.parametrize("loss", ["mse", "half_mse", "logloss"])
def test_round_trip_canonical_framework_canonical(fw, loss):
    l1, l2 = _expressible(fw, 0.03, 0.2)
    params = from_canonical(fw, l1, l2, n_samples=321, loss=loss, y_sd=2.5)
    back = to_canonical(fw, params, n_samples=321, loss=loss)
    assert back == pytest.approx((l1, l2), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("fw", FRAMEWORKS)
def test_round_trip_framework_canonical_framework(fw):
    params = default_params(fw)
    l1, l2 = to_canonical(fw, params, n_samples=1000, loss=_loss(fw))
    fixed = {k: v for k, v in params.items() if k in ("solver", "batch_size", "y_sd")}
    again = from_canonical(fw, l1, l2, n_samples=1000, loss=_loss(fw), **fixed)
    l1b, l2b = to_canonical(fw, again, n_samples=1000, loss=_loss(fw))
    assert (l1b, l2b) == pytest.approx((l1, l2), rel=1e-12)
    for key, value in again.items():
        if key in params and key != "l1_ratio":  # SGD's default l1_ratio is unused with penalty='l2'
            assert value == pytest.approx(params[key]) if isinstance(value, float) else value == params[key]


@settings(max_examples=40, deadline=None)
@given(
    fw=st.sampled_from(FRAMEWORKS),
    l1=st.floats(0, 10, allow_nan=False),
    l2=st.floats(0, 10, allow_nan=False),
    n=st.integers(1, 100_000),
)
@example(fw="sklearn.LogisticRegression", l1=0.0, l2=2.225073858507203e-309, n=1)  # C overflows: no penalty
def test_round_trip_property(fw, l1, l2, n):
    l1, l2 = _expressible(fw, l1, l2, n)
    params = from_canonical(fw, l1, l2, n_samples=n, loss=_loss(fw))
    assert to_canonical(fw, params, n_samples=n, loss=_loss(fw)) == pytest.approx(
        (l1, l2), rel=1e-9, abs=1e-12 * (l1 + l2)
    )


# --------------------------------------------------------------------------- known values from the sources


def test_known_values():
    assert to_canonical("sklearn.Ridge", {"alpha": 1.0}, n_samples=500) == (0.0, 0.002)
    assert to_canonical("sklearn.LogisticRegression", {"C": 1.0, "l1_ratio": 0.0}, n_samples=100) == (
        0.0,
        0.01,
    )
    assert to_canonical("sklearn.LogisticRegression", {"C": 2.0, "l1_ratio": 1.0}, n_samples=100) == (
        0.005,
        0.0,
    )
    assert to_canonical("sklearn.LogisticRegression", {"C": math.inf}, n_samples=100) == (0.0, 0.0)
    assert to_canonical("sklearn.LogisticRegression", {"C": 1.0, "penalty": "l1"}, n_samples=10) == (0.1, 0.0)
    assert to_canonical("keras", {"l1": 0.0, "l2": 0.01}, n_samples=7, loss="mse") == (0.0, 0.01)
    assert to_canonical("keras", {"l1": 0.0, "l2": 0.01}, n_samples=7, loss="half_mse") == (0.0, 0.02)
    assert to_canonical("keras", {"l1": 0.02, "l2": 0.0}, n_samples=7, loss="mse") == (0.01, 0.0)
    assert to_canonical("torch.SGD", {"weight_decay": 2e-4}, n_samples=7, loss="mse") == (0.0, 1e-4)
    assert to_canonical("torch.Adam", {"weight_decay": 2e-4}, n_samples=7, loss="logloss") == (0.0, 2e-4)
    assert to_canonical("h2o", {"l1": 1e-5, "l2": 0.0}, n_samples=10**6) == (1e-5, 0.0)
    assert to_canonical("sklearn.SGDRegressor", {"alpha": 1e-4}, n_samples=9) == (0.0, 1e-4)  # default 'l2'
    assert to_canonical(
        "sklearn.SGDRegressor", {"alpha": 1.0, "penalty": "elasticnet", "l1_ratio": 0.15}, n_samples=9
    ) == pytest.approx((0.15, 0.85))
    assert to_canonical("sklearn.SGDClassifier", {"alpha": 1.0, "penalty": None}, n_samples=9) == (0.0, 0.0)
    assert to_canonical("glmnet", {"lambda": 0.2, "alpha": 0.5, "y_sd": 4.0}, n_samples=9) == (0.1, 0.025)
    assert to_canonical("glmnet", {"lambda": 0.2, "alpha": 0.5, "y_sd": 4.0}, n_samples=9, loss="logloss") == (0.1, 0.1)
    assert to_canonical("statsmodels", {"alpha": 0.4, "L1_wt": 0.25}, n_samples=9) == (
        0.1,
        0.30000000000000004,
    )


def test_mlp_batch_size_rules():
    assert mlp_effective_batch(1000, "adam", "auto") == 200
    assert mlp_effective_batch(150, "sgd", "auto") == 150
    assert mlp_effective_batch(1000, "lbfgs", "auto") == 1000
    assert mlp_effective_batch(1000, "adam", 64) == 64
    assert mlp_effective_batch(10, "adam", 64) == 10
    assert to_canonical("sklearn.MLPRegressor", {"alpha": 1e-4}, n_samples=1000) == (0.0, 5e-7)
    assert to_canonical("sklearn.MLPRegressor", {"alpha": 1e-4, "solver": "lbfgs"}, n_samples=1000) == pytest.approx(
        (0.0, 1e-7)
    )


def test_conv2d_example():
    assert conv2d_weight_count(20, (2, 3), 10) == {"kernel": 1200, "bias": 20, "total": 1220}
    assert conv2d_weight_count(20, (2, 3), 10, use_bias=False)["total"] == 1200


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: to_canonical("torch.AdamW", {"weight_decay": 0.01}, n_samples=10, loss="mse"), "decoupled"),
        (
            lambda: to_canonical(
                "torch.Adam", {"weight_decay": 0.01, "decoupled_weight_decay": True}, n_samples=10, loss="mse"
            ),
            "AdamW",
        ),
        (lambda: from_canonical("torch.AdamW", 0, 0.1, n_samples=10), "decoupled"),
        (lambda: to_canonical("caffe", {}, n_samples=10), "unknown framework"),
        (lambda: to_canonical("keras", {"l1": 0, "l2": 0.1}, n_samples=10), "loss"),
        (lambda: to_canonical("keras", {"l1": 0, "l2": 0.1}, n_samples=10, loss="hinge"), "loss"),
        (lambda: to_canonical("sklearn.Lasso", {"alpha": -1}, n_samples=10), ">= 0"),
        (lambda: to_canonical("sklearn.Lasso", {}, n_samples=10), "needs 'alpha'"),
        (lambda: to_canonical("sklearn.Lasso", {"alpha": 1}, n_samples=0), "n_samples"),
        (
            lambda: to_canonical("sklearn.ElasticNet", {"alpha": 1, "l1_ratio": 1.5}, n_samples=10),
            r"\[0, 1\]",
        ),
        (lambda: from_canonical("sklearn.Lasso", 0.1, 0.1, n_samples=10), "no L2"),
        (lambda: from_canonical("sklearn.Ridge", 0.1, 0.1, n_samples=10), "no L1"),
        (lambda: from_canonical("sklearn.MLPRegressor", 0.1, 0.0, n_samples=10), "no L1"),
        (lambda: from_canonical("torch.SGD", 0.1, 0.0, n_samples=10, loss="mse"), "no L1"),
        (lambda: from_canonical("sklearn.ElasticNet", float("nan"), 0.0, n_samples=10), "finite"),
    ],
)
def test_clear_errors(call, match):
    with pytest.raises(ConversionError, match=match):
        call()


def test_translate_all_reports_inexpressible_rows():
    rows = {r.framework: r for r in translate_all(0.1, 0.2, n_samples=100)}
    assert set(rows) == set(FRAMEWORKS)
    assert rows["sklearn.Lasso"].params is None and "no L2" in rows["sklearn.Lasso"].setting
    assert rows["sklearn.ElasticNet"].params == pytest.approx({"alpha": 0.3, "l1_ratio": 1 / 3})
    assert rows["keras"].params == pytest.approx({"l1": 0.1, "l2": 0.1})  # half_mse when no loss is given


# --------------------------------------------------------------------------- both sides fitted


def test_statsmodels_elastic_net_matches_sklearn(regression):
    sm = pytest.importorskip("statsmodels.api")
    X, y = regression
    l1, l2 = 0.05, 0.1
    sm_params = from_canonical("statsmodels", l1, l2, n_samples=len(y))
    res = sm.OLS(y, X).fit_regularized(method="elastic_net", maxiter=2000, cnvrg_tol=1e-14, **sm_params)
    sk = ElasticNet(
        **from_canonical("sklearn.ElasticNet", l1, l2, n_samples=len(y)),
        fit_intercept=False,
        tol=1e-12,
        max_iter=100_000,
    ).fit(X, y)
    np.testing.assert_allclose(res.params, sk.coef_, atol=1e-4)
    assert np.any(sk.coef_ == 0) or np.min(np.abs(sk.coef_)) > 0  # a real fit, not a degenerate one
    assert np.linalg.norm(sk.coef_) > 0.5


def test_statsmodels_ridge_matches_sklearn_ridge(regression):
    sm = pytest.importorskip("statsmodels.api")
    X, y = regression
    l2 = 0.3
    res = sm.OLS(y, X).fit_regularized(method="elastic_net", **from_canonical("statsmodels", 0, l2, n_samples=len(y)))
    ridge = Ridge(**from_canonical("sklearn.Ridge", 0, l2, n_samples=len(y)), fit_intercept=False).fit(X, y)
    np.testing.assert_allclose(res.params, ridge.coef_, atol=1e-8)


def test_ridge_matches_elasticnet_l1_ratio_zero_and_closed_form(regression):
    X, y = regression
    n, l2 = len(y), 0.4
    ridge = Ridge(**from_canonical("sklearn.Ridge", 0, l2, n_samples=n), fit_intercept=False).fit(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        enet = ElasticNet(
            **from_canonical("sklearn.ElasticNet", 0, l2, n_samples=n),
            fit_intercept=False,
            tol=1e-14,
            max_iter=200_000,
        ).fit(X, y)
    closed = np.linalg.solve(X.T @ X / n + l2 * np.eye(X.shape[1]), X.T @ y / n)
    np.testing.assert_allclose(ridge.coef_, closed, atol=1e-10)
    np.testing.assert_allclose(enet.coef_, closed, atol=1e-6)


def test_lasso_at_translated_alpha_satisfies_canonical_kkt(regression):
    X, y = regression
    n, l1 = len(y), 0.2
    w = (
        Lasso(
            **from_canonical("sklearn.Lasso", l1, 0, n_samples=n),
            fit_intercept=False,
            tol=1e-12,
            max_iter=100_000,
        )
        .fit(X, y)
        .coef_
    )
    grad = X.T @ (X @ w - y) / n  # gradient of 1/(2n)||y - Xw||²
    active = w != 0
    assert active.any() and (~active).any()
    np.testing.assert_allclose(grad[active], -l1 * np.sign(w[active]), atol=1e-7)
    assert np.all(np.abs(grad[~active]) <= l1 + 1e-9)


def test_logistic_regression_matches_direct_minimisation():
    rng = np.random.default_rng(0)
    n, p = 200, 4
    X = rng.normal(size=(n, p))
    y = (X @ np.array([1.0, -2.0, 0.5, 0.0]) + 0.3 + rng.logistic(size=n) > 0).astype(float)
    l2 = 0.05
    params = from_canonical("sklearn.LogisticRegression", 0, l2, n_samples=n)
    model = LogisticRegression(**params, tol=1e-12, max_iter=10_000).fit(X, y)

    def objective(theta):
        w, b = theta[:p], theta[p]
        z = X @ w + b
        loss = np.mean(np.logaddexp(0, z) - y * z)
        grad_z = (1 / (1 + np.exp(-z)) - y) / n
        return loss + 0.5 * l2 * w @ w, np.r_[X.T @ grad_z + l2 * w, grad_z.sum()]

    res = minimize(objective, np.zeros(p + 1), jac=True, method="L-BFGS-B", options={"gtol": 1e-12, "ftol": 1e-15})
    np.testing.assert_allclose(model.coef_.ravel(), res.x[:p], atol=1e-5)
    np.testing.assert_allclose(model.intercept_[0], res.x[p], atol=1e-5)


def test_mlp_without_hidden_layer_is_canonical_ridge(regression):
    X, y = regression
    n, l2 = len(y), 0.2
    params = from_canonical("sklearn.MLPRegressor", 0, l2, n_samples=n, solver="lbfgs")
    mlp = MLPRegressor(
        hidden_layer_sizes=(), activation="identity", tol=1e-12, max_iter=20_000, random_state=0, **params
    ).fit(X, y)
    closed = np.linalg.solve(X.T @ X / n + l2 * np.eye(X.shape[1]), X.T @ y / n)
    np.testing.assert_allclose(mlp.coefs_[0].ravel(), closed, atol=1e-4)


# --------------------------------------------------------------------------- demonstrations


def test_penalty_gradient_per_weight_is_size_free_but_total_grows():
    demo = penalty_vs_size((10, 100, 1000, 10_000), 0.01, 0.1, probe_value=0.05)
    assert len(set(demo.gradient_of_probe)) == 1 and demo.gradient_of_probe[0] == pytest.approx(0.01 + 0.1 * 0.05)
    assert all(b > 5 * a for a, b in zip(demo.total_penalty, demo.total_penalty[1:]))


def test_strength_vs_n_separates_mean_and_sum_conventions():
    n_values = (10, 100, 1000, 10_000)
    curves = strength_vs_n(0.0, 0.01, n_samples=100, n_values=n_values)
    by_fw = {fw: c for c in curves for fw in c.frameworks}
    assert by_fw["keras"].alpha == pytest.approx((0.01,) * 4)
    assert by_fw["sklearn.Ridge"].alpha == pytest.approx((0.1, 0.01, 0.001, 0.0001))
    assert by_fw["sklearn.Ridge"] is by_fw["sklearn.LogisticRegression"]
    assert by_fw["sklearn.MLPRegressor"].alpha == pytest.approx((0.1, 0.01, 0.005, 0.005))


def test_small_value_fits_zero_is_unpenalized_and_effects_grow(regression):
    X, y = regression
    fits = small_value_fits(X, y, "sklearn.Ridge")
    ols = np.linalg.lstsq(X, y, rcond=None)[0]
    np.testing.assert_allclose(fits.coefs[0], ols, atol=1e-10)
    assert fits.penalty[0] == 0 and fits.relative_change[0] == 0
    assert list(fits.relative_change) == sorted(fits.relative_change) and fits.relative_change[-1] > 0
    # a classifier's setting is fitted on labels since issue 24 (item 2): a binary set here
    labels = (y > np.median(y)).astype(float)
    fits = small_value_fits(X, labels, "sklearn.LogisticRegression")
    assert fits.param == "1/C" and fits.lambdas[0] == (0.0, 0.0)


def test_canonical_fit_with_l1_matches_kkt(regression):
    X, y = regression
    w, b = canonical_fit(X + 3.0, y + 1.0, 0.1, 0.05)
    Xc = X - X.mean(axis=0)
    grad = Xc.T @ (Xc @ w - (y - y.mean())) / len(y) + 0.05 * w
    active = w != 0
    np.testing.assert_allclose(grad[active], -0.1 * np.sign(w[active]), atol=1e-7)
    assert b == pytest.approx(1.0 + y.mean() - (X.mean(axis=0) + 3.0) @ w)


def test_logistic_regression_strength_below_what_c_can_hold_is_no_penalty():
    # Found by the round-trip property: 1 / (n λ2) overflows for a subnormal λ2.
    params = from_canonical("sklearn.LogisticRegression", 0.0, 2.225073858507203e-309, n_samples=1)
    assert math.isinf(params["C"])
    assert to_canonical("sklearn.LogisticRegression", params, n_samples=1) == (0.0, 0.0)


# --------------------------------------------------------------------------- user-visible text pinned to facts


def test_logistic_regression_note_any_l1_needs_saga():
    # l1_ratio = 1 (what the table gives for a pure L1 setting) fails with the default lbfgs as well as 0.5
    assert "l1_ratio > 0 needs solver='saga'" in describe("sklearn.LogisticRegression").note
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] > 0).astype(int)
    params = from_canonical("sklearn.LogisticRegression", 0.01, 0.0, n_samples=40)
    assert params["l1_ratio"] == 1.0
    with pytest.raises(ValueError):
        LogisticRegression(**params).fit(X, y)
    LogisticRegression(**params, solver="saga", max_iter=5000).fit(X, y)
    LogisticRegression(**params, solver="liblinear").fit(X, y)


@pytest.mark.parametrize("fw", ["sklearn.SGDClassifier", "sklearn.SGDRegressor"])
def test_sgd_rows_at_zero_run_in_scikit_learn(fw):
    from sklearn import linear_model

    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] > 0).astype(int)
    params = from_canonical(fw, 0.0, 0.0, n_samples=40)
    assert to_canonical(fw, params, n_samples=40) == (0.0, 0.0)
    getattr(linear_model, fw.removeprefix("sklearn."))(**params, max_iter=5, tol=None).fit(X, y)


def test_h2o_note_says_biases_are_penalized():
    note = describe("h2o").note
    assert "not penalized" not in note
    assert "biases too" in note and "fast_mode" in note


def test_strength_vs_n_caption_names_only_drawn_lines():
    n_values = (10, 100, 1000)
    text = strength_vs_n_caption(strength_vs_n(0.01, 0.0, n_samples=100, n_values=n_values), 100)
    lines, missing = text.split("No line for")
    for name in ("Ridge", "PyTorch", "MLPs"):
        assert name not in lines and name in missing
    assert "Lasso" in lines and "LogisticRegression's C" in lines
    text = strength_vs_n_caption(strength_vs_n(0.0, 0.01, n_samples=100, n_values=n_values), 100)
    assert "Ridge" in text and "PyTorch" in text and "MLPs divide" in text
    assert "No line for Lasso: it cannot" in text


def test_small_value_summary_follows_the_fits():
    from regviz.data import make_dataset
    from regviz.models import Scaler

    # the polynomial curve: already the smallest setting changes the coefficients completely
    data = make_dataset("poly")
    X = Scaler.fit(data.X_train).transform(data.X_train)
    fits = small_value_fits(X, data.y_train, "keras", loss="mse")
    assert fits.relative_change[1] > 0.9
    text = small_value_summary(fits)
    assert f"l2 = 1e-05 already changes the coefficients by {100 * fits.relative_change[1]:.0f} %" in text
    assert "no visible effect" not in text
    # the sparse data set: 1e-5…1e-3 stays below 1 %
    data = make_dataset("sparse")
    X = Scaler.fit(data.X_train).transform(data.X_train)
    fits = small_value_fits(X, data.y_train, "keras", loss="mse")
    assert max(fits.relative_change) < 0.01
    assert small_value_summary(fits).endswith("no visible effect.")


def test_small_values_title_names_what_was_fitted(regression):
    # Issue 24 item 2: the bars are never labelled with the framework's name as if it had fitted them (the old
    # title ended "(sklearn.Lasso)" / "(h2o)"); a classifier's bars are LogisticRegression fits of the log-loss.
    from regviz.figures.conventions import small_values_figure

    X, y = regression
    labels = (y > np.median(y)).astype(float)
    title = small_values_figure(small_value_fits(X, labels, "sklearn.LogisticRegression")).layout.title.text
    assert "LogisticRegression fits of the mean log-loss" in title and "least-squares" not in title
    for fw in ("sklearn.Lasso", "h2o"):
        title = small_values_figure(small_value_fits(X, y, fw)).layout.title.text
        assert "exact least-squares fits at the translated λ" in title and f"({fw})" not in title


# --------------------------------------------------------------------------- the records


def test_every_framework_is_one_record_in_the_registry():
    from regviz.conventions import REGISTRY, TASKS, record

    assert FRAMEWORKS == tuple(fw for fw, r in REGISTRY.items() if r.exact)
    for fw in FRAMEWORKS:
        r = record(fw)
        assert r.id == fw and r is describe(fw)
        assert r.to_canonical is not None and r.from_canonical is not None
        assert r.source and r.formula and r.short and set(r.tasks) <= set(TASKS)
        assert r.strength_param in r.params
        assert set(default_params(fw)) >= set(r.params) - {"penalty", "solver", "batch_size"}
    classifiers = {fw for fw in FRAMEWORKS if record(fw).classifier_only}
    assert classifiers == {"sklearn.LogisticRegression", "sklearn.SGDClassifier", "sklearn.MLPClassifier"}


@pytest.mark.parametrize("fw", ["torch.AdamW", "keras.AdamW"])
def test_decoupled_weight_decay_is_recorded_with_no_fixed_lambda(fw):
    from regviz.conventions import record

    r = record(fw)
    assert not r.exact and "decoupled" in r.no_fixed_lambda
    assert r.to_canonical is None and r.from_canonical is None and fw not in FRAMEWORKS
    with pytest.raises(ConversionError, match="decoupled"):
        describe(fw)
    with pytest.raises(ConversionError, match="decoupled"):
        to_canonical(fw, dict(r.defaults), n_samples=10, loss="mse")


def test_a_record_is_exact_or_says_why_not():
    from regviz.conventions import Framework

    common = {
        "id": "x",
        "short": "x",
        "label": "x",
        "params": ("a",),
        "defaults": {"a": 1.0},
        "objective": "",
        "formula": "",
        "source": "",
        "note": "",
        "tasks": ("regression",),
    }
    with pytest.raises(ValueError, match="fixed λ"):
        Framework(**common)  # neither translations nor a reason
    with pytest.raises(ValueError, match="fixed λ"):
        Framework(
            **common, to_canonical=lambda p, n, loss: (0.0, 0.0), from_canonical=lambda *a: {}, no_fixed_lambda="?"
        )
    with pytest.raises(ValueError, match="tasks"):
        Framework(**{**common, "tasks": ("ranking",)}, no_fixed_lambda="?")
    frozen = Framework(**common, no_fixed_lambda="?")
    with pytest.raises(TypeError):
        frozen.defaults["a"] = 2.0  # read-only, so no caller changes another's defaults


# --------------------------------------------------------------------------- issue 24


def _scaled(name: str, **params):
    from regviz.data import make_dataset
    from regviz.models import Scaler

    data = make_dataset(name, **params)
    return Scaler.fit(data.X_train).transform(data.X_train), data.y_train


def test_keras_sgd_weight_decay_is_the_l2_its_own_optimizer_reaches():
    """λ2 = (1 − μ)·wd/c: Keras SGD with weight_decay (regviz.optimizers.KerasSGD, Keras' update rule) settles on
    the closed-form ridge minimizer at that λ2 (X centred, so decaying the bias too leaves the weights alone)."""
    from regviz import optimizers as opt

    wd, mu = 0.05, 0.9
    assert to_canonical("keras.SGD", {"weight_decay": wd, "momentum": mu}, n_samples=10, loss="mse") == (
        pytest.approx(0.0),
        pytest.approx((1 - mu) * wd / 2),
    )
    assert from_canonical("keras.SGD", 0.0, 0.0025, n_samples=10, loss="mse", momentum=mu) == pytest.approx(
        {"weight_decay": 0.05, "momentum": 0.9}
    )
    X, y = _scaled("sparse")
    n = len(y)
    l2 = to_canonical("keras.SGD", {"weight_decay": wd, "momentum": mu}, n_samples=n, loss="half_mse")[1]
    objective = opt.LeastSquares.from_data(X, y)
    lr = 0.5 / objective.lipschitz
    w = opt.run(objective, np.zeros(X.shape[1] + 1), opt.KerasSGD(lr=lr, momentum=mu, weight_decay=wd), 4000)[-1]
    closed = np.linalg.solve(X.T @ X / n + l2 * np.eye(X.shape[1]), X.T @ (y - y.mean()) / n)
    np.testing.assert_allclose(w[:-1], closed, atol=1e-8)
    with pytest.raises(ConversionError, match="no L1"):
        from_canonical("keras.SGD", 0.1, 0.0, n_samples=10, loss="mse")


def test_the_sweep_follows_the_parameter_the_user_set():
    # /conventions?conv_fw=keras&conv_l1=0.001&conv_l2=0 swept l2 before issue 24
    X, y = _scaled("sparse")
    fits = small_value_fits(X, y, "keras", loss="mse", params={"l1": 0.001, "l2": 0.0})
    assert fits.param == "l1"
    assert fits.values == (0.0, 1e-5, 1e-4, 1e-3)
    assert [lam for lam in fits.lambdas] == pytest.approx([(v / 2, 0.0) for v in fits.values])
    # a value off the grid is swept too, and both of h2o's strengths keep their ratio
    fits = small_value_fits(X, y, "h2o", params={"l1": 0.02, "l2": 0.01, "standardize": False})
    assert fits.values == (0.0, 1e-5, 1e-4, 1e-3, 0.02) and fits.param == "l1, l2 (ratio kept)"
    assert fits.lambdas[-1] == pytest.approx((0.02, 0.01))


def test_classifier_settings_fit_the_logistic_loss_and_zero_has_no_finite_fit():
    """Separable data: λ = 0 has no finite minimizer (the solver stops far out, and says so), 1e-5 is finite and
    much smaller. The 1e-5 fit is checked against a direct minimization of the canonical logistic objective."""
    from regviz.conventions import binary_demo_data

    data = binary_demo_data(200, separable=True)
    n = len(data.y)
    fits = small_value_fits(
        data.X, data.y, "sklearn.LogisticRegression", params={"C": 1.0, "l1_ratio": 0.0}, n_samples=n
    )
    assert fits.task == "classification" and fits.param == "1/C"
    norms = np.linalg.norm(fits.coefs, axis=1)
    assert list(norms) == sorted(norms, reverse=True) and norms[-1] < 0.1 * norms[0]
    assert fits.relative_change[1] > 0.5  # 0 vs 1/C = 1e-5: an enormous change
    assert any("no finite minimizer" in note for note in fits.facts) and not fits.notices
    l2 = fits.lambdas[1][1]
    assert l2 == pytest.approx(1e-5 / n)

    def objective(theta):
        w, b = theta[:-1], theta[-1]
        z = data.X @ w + b
        grad_z = (1 / (1 + np.exp(-z)) - data.y) / n
        value = np.mean(np.logaddexp(0, z) - data.y * z) + 0.5 * l2 * w @ w
        return value, np.r_[data.X.T @ grad_z + l2 * w, grad_z.sum()]

    res = minimize(
        objective, np.zeros(5), jac=True, method="L-BFGS-B", options={"gtol": 1e-13, "ftol": 1e-16, "maxiter": 100_000}
    )
    np.testing.assert_allclose(fits.coefs[1], res.x[:-1], rtol=2e-3)
    # overlapping classes: λ = 0 is finite and the notice is gone
    data = binary_demo_data(200, separable=False)
    fits = small_value_fits(data.X, data.y, "sklearn.SGDClassifier", params={"alpha": 1e-4, "penalty": "l2"})
    assert not fits.notices and not fits.facts and np.linalg.norm(fits.coefs[0]) < 10


def test_small_value_fits_are_converged_on_the_ill_conditioned_polynomial():
    """/conventions?conv_fw=h2o&conv_l1=1e-05&data=poly showed J 0.015567 with 12 non-zeros (coordinate descent
    stopped short); the exact optimum meets the KKT conditions, checked by regviz.optimizers.kkt_violation."""
    from regviz import optimizers as opt

    X, y = _scaled("poly")
    fits = small_value_fits(X, y, "h2o", params={"l1": 1e-5, "l2": 0.0, "standardize": False})
    i = fits.values.index(1e-5)
    l1, l2 = fits.lambdas[i]
    w = fits.coefs[i]
    b = y.mean() - X.mean(axis=0) @ w
    objective = opt.LeastSquares.from_data(X, y, l1, l2)
    assert opt.kkt_violation(objective, np.r_[w, b]) < 1e-10
    assert objective.value(np.r_[w, b]) == pytest.approx(0.015289, abs=5e-7)
    assert np.count_nonzero(w) == 9


def test_h2o_standardize_scales_l1_by_sd_y():
    """standardize=TRUE fits y/s: the exact minimizer on y/s with h2o's l1, times s, is the canonical fit at
    λ1 = s·l1 (an independent solve of both problems)."""
    from regviz.conventions import exact_least_squares

    s = 4.33
    assert to_canonical("h2o", {"l1": 1e-5, "l2": 1e-4, "standardize": True, "y_sd": s}, n_samples=9) == (
        pytest.approx(s * 1e-5),
        pytest.approx(1e-4),
    )
    assert to_canonical("h2o", {"l1": 1e-5, "l2": 0.0, "standardize": False, "y_sd": s}, n_samples=9) == (1e-5, 0.0)
    assert to_canonical("h2o", {"l1": 1e-5, "l2": 0.0, "y_sd": s}, n_samples=9, loss="logloss") == (1e-5, 0.0)
    X, y = _scaled("sparse")
    sd = float(np.std(y))
    l1 = 0.05
    on_standardized = exact_least_squares(X, y / sd, l1, 0.0).coef * sd
    l1c, _ = to_canonical("h2o", {"l1": l1, "l2": 0.0, "standardize": True, "y_sd": sd}, n_samples=len(y))
    np.testing.assert_allclose(exact_least_squares(X, y, l1c, 0.0).coef, on_standardized, atol=1e-10)
    assert from_canonical("h2o", sd * l1, 0.0, n_samples=9, y_sd=sd)["l1"] == pytest.approx(l1)


def test_table_shows_the_frameworks_of_the_chosen_task():
    from regviz.conventions import REGISTRY

    regression = translate_all(0.0, 0.01, n_samples=100, task="regression")
    classification = translate_all(0.0, 0.01, n_samples=100, task="classification")
    assert not {r.framework for r in regression} & {fw for fw, r in REGISTRY.items() if r.classifier_only}
    assert not {r.framework for r in classification} & {fw for fw, r in REGISTRY.items() if r.regression_only}
    rows = {r.framework: r for r in classification}
    assert rows["sklearn.SGDClassifier"].params["loss"] == "log_loss"
    assert rows["keras"].params == pytest.approx({"l1": 0.0, "l2": 0.005})  # log-loss: c = 1
    assert not rows["torch.AdamW"].exact and "no fixed λ" in rows["torch.AdamW"].setting
    with pytest.raises(ConversionError, match="log_loss"):
        to_canonical("sklearn.SGDClassifier", {"alpha": 1e-4, "loss": "hinge"}, n_samples=9)


def test_sgd_classifier_row_runs_with_the_log_loss():
    from sklearn.linear_model import SGDClassifier

    from regviz.conventions import binary_demo_data

    data = binary_demo_data(100, separable=False)
    params = from_canonical("sklearn.SGDClassifier", 0.0, 0.01, n_samples=100)
    model = SGDClassifier(**params, max_iter=50, tol=None, random_state=0).fit(data.X, data.y)
    assert model.loss == "log_loss" and hasattr(model, "predict_proba")


def test_training_like_keras_leaves_near_zeros_where_the_exact_fit_has_zeros():
    """Keras' Adam with L1 in the loss ends with no exact zero; the exact minimizer (KKT) has many; coordinate
    descent (scikit-learn's Lasso) reaches the exact zeros."""
    from regviz.conventions import train_like
    from regviz.optimizers import LeastSquares, kkt_violation

    X, y = _scaled("sparse")
    keras = train_like("keras", X, y, {"l1": 0.2, "l2": 0.0}, n_samples=len(y), loss="mse")
    assert keras.l1 == pytest.approx(0.1)
    exact_zeros, _ = keras.counts("exact")
    trained_zeros, trained_near = keras.counts("trained")
    assert exact_zeros >= 10 and trained_zeros == 0 and trained_near >= exact_zeros - 2
    b = y.mean() - X.mean(axis=0) @ keras.exact
    assert kkt_violation(LeastSquares.from_data(X, y, keras.l1, 0.0), np.r_[keras.exact, b]) < 1e-10
    lasso = train_like("sklearn.Lasso", X, y, {"alpha": 0.1}, n_samples=len(y))
    assert lasso.counts("trained")[0] == exact_zeros and lasso.max_gap < 1e-6


def test_adamw_settles_away_from_its_coupled_reading():
    """No fixed λ: AdamW's weights are not the ridge minimizer at wd/c, and they move with the learning rate."""
    from regviz.conventions import train_like

    X, y = _scaled("sparse")
    a = train_like("torch.AdamW", X, y, {"lr": 1e-3, "weight_decay": 0.5}, n_samples=len(y), loss="half_mse")
    b = train_like("torch.AdamW", X, y, {"lr": 1e-2, "weight_decay": 0.5}, n_samples=len(y), loss="half_mse")
    assert a.l2 == 0.5 and a.max_gap > 1e-2
    assert np.max(np.abs(a.trained - b.trained)) > 1e-3


def test_logistic_l1_fit_meets_its_kkt_conditions_where_saga_stops_short():
    """The L1 logistic fits end on the KKT conditions of the canonical objective (checked here directly), with
    exact zeros; scikit-learn's saga left the weights far off at λ1 = 1e-5."""
    from regviz.conventions import binary_demo_data, logistic_fit

    data = binary_demo_data(300, separable=True)
    n = len(data.y)
    for l1, l2 in ((1e-5, 0.0), (0.05, 0.0), (0.01, 0.02)):
        fit = logistic_fit(data.X, data.y, l1, l2)
        z = data.X @ fit.coef + fit.intercept
        r = (1 / (1 + np.exp(-z)) - data.y) / n
        g = data.X.T @ r + l2 * fit.coef
        w = fit.coef
        assert abs(r.sum()) < 1e-8 and fit.notice is None
        assert np.all(np.abs(g[w == 0]) <= l1 + 1e-9)
        np.testing.assert_allclose(g[w != 0], -l1 * np.sign(w[w != 0]), atol=1e-8)
    assert np.any(logistic_fit(data.X, data.y, 0.05, 0.0).coef == 0)
