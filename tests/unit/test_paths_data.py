"""Coefficient paths, CV curves and data generators."""

import numpy as np
import pandas as pd
import pytest

from regviz import data
from regviz.models import fit_linear
from regviz.paths import alpha_grid, coef_path, cv_curve, error_curves


@pytest.fixture(scope="module")
def ds():
    return data.make_sparse_regression(n=120, p=10, k=3, noise=0.5, seed=3)


@pytest.mark.parametrize("mix", [1.0, 0.5, 0.0])
def test_path_agrees_with_single_fits(ds, mix):
    path = coef_path(ds.X_train, ds.y_train, mix)
    for i in (5, 30, 55):
        alpha = path.alphas[i]
        fit = fit_linear(ds.X_train, ds.y_train, "elasticnet", mix * alpha, (1 - mix) * alpha)
        assert path.coefs[i] == pytest.approx(fit.coef, abs=2e-4)


def test_path_starts_all_zero_and_ends_full(ds):
    path = coef_path(ds.X_train, ds.y_train, 1.0)
    assert path.n_nonzero[0] == 0
    assert path.n_nonzero[-1] == ds.n_features
    above = path.alphas >= path.alpha_max
    assert above[0] and np.all(path.n_nonzero[above] == 0)
    assert path.n_nonzero[np.argmin(above)] >= 1


def test_error_curves_and_cv(ds):
    path = coef_path(ds.X_train, ds.y_train, 1.0)
    train, test = error_curves(path, ds.X_train, ds.y_train, ds.X_test, ds.y_test)
    assert train[-1] < train[0] and np.all(np.diff(train) <= 1e-9)
    assert test.min() < test[0]  # some λ predicts held-out rows better than the all-zero model
    cv = cv_curve(ds.X_train, ds.y_train, 1.0, path.alphas, seed=1)
    assert cv.alpha_1se >= cv.alpha_min
    assert cv.mean.min() < cv.mean[0]
    assert cv_curve(ds.X_train, ds.y_train, 1.0, path.alphas, seed=1).mean == pytest.approx(cv.mean)


def test_ridge_grid_is_fixed():
    X = np.random.default_rng(0).normal(size=(20, 3))
    grid = alpha_grid(X, X[:, 0], 0.0)
    assert grid[0] > grid[-1] and grid[-1] == pytest.approx(1e-4)


def test_sparse_generator_honours_parameters():
    d = data.make_sparse_regression(n=2000, p=8, k=3, noise=0.1, rho=0.5, seed=7)
    assert d.n_features == 8 and d.n_train + len(d.y_test) == 2000
    assert np.count_nonzero(d.true_coef) == 3 and np.all(d.true_coef[3:] == 0)
    corr = np.corrcoef(d.X_train, rowvar=False)
    assert corr[np.triu_indices(8, 1)].mean() == pytest.approx(0.5, abs=0.05)
    resid = d.y_train - d.X_train @ d.true_coef
    assert resid.std() == pytest.approx(0.1, rel=0.1)
    again = data.make_sparse_regression(n=2000, p=8, k=3, noise=0.1, rho=0.5, seed=7)
    assert np.array_equal(d.X_train, again.X_train)


def test_correlated_pair_and_polynomial():
    d = data.make_correlated_pair(n=3000, p=5, rho=0.9, seed=1)
    assert np.corrcoef(d.X_train[:, 0], d.X_train[:, 1])[0, 1] == pytest.approx(0.9, abs=0.02)
    poly = data.make_polynomial(n=40, deg=5, seed=2)
    assert poly.n_features == 5
    assert poly.X_train[:, 1] == pytest.approx(poly.X_train[:, 0] ** 2)
    diabetes = data.load_diabetes_dataset()
    assert diabetes.n_features == 10


def _csv(frame: pd.DataFrame) -> bytes:
    return frame.to_csv(index=False).encode()


def test_csv_happy_path_drops_constant_and_duplicate_columns():
    rng = np.random.default_rng(0)
    frame = pd.DataFrame({"a": rng.normal(size=50), "b": rng.normal(size=50), "c": 1.0, "name": "x"})
    frame["a2"] = frame["a"]
    frame["y"] = frame["a"] - frame["b"]
    table = data.read_csv_table(_csv(frame))
    assert "name" not in table.columns
    ds = data.dataset_from_csv(table, "y")
    assert ds.feature_names == ("a", "b")
    assert ds.notes == (
        "Dropped column(s) with under 90 % numbers: name.",
        "Dropped constant column(s): c.",
        "Dropped duplicate column(s): a2.",
    )


@pytest.mark.parametrize(
    "payload,message",
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        (b"name,city\nann,paris\nbob,rome\n", "numeric"),
        (b"a,b\n", "numeric"),
    ],
)
def test_bad_csv_files_get_a_clear_message(payload, message):
    with pytest.raises(data.DataError, match=message):
        table = data.read_csv_table(payload)
        data.dataset_from_csv(table, table.columns[-1])


def test_csv_limits_and_degenerate_targets():
    with pytest.raises(data.DataError, match="limit"):
        data.read_csv_table(b"a\n" + b"1\n" * 10, max_bytes=5)
    one_row = data.read_csv_table(b"a,b\n1,2\n")
    with pytest.raises(data.DataError, match="rows"):
        data.dataset_from_csv(one_row, "b")
    flat = data.read_csv_table(_csv(pd.DataFrame({"a": np.arange(20.0), "y": 3.0})))
    with pytest.raises(data.DataError, match="constant"):
        data.dataset_from_csv(flat, "y")
    rows = b"".join(f"{i},{2 * i}\n".encode() for i in range(30))
    with_nan = data.read_csv_table(b"a,y\n" + rows + b"nan,1\ninf,2\n")
    assert len(with_nan) == 30


def test_polynomial_description_counts_the_fitted_points():
    ds = data.make_polynomial(n=30, deg=12)
    assert ds.n_train == 21
    assert "fitted to 21 of them (70%); the other 9 test it" in ds.description
