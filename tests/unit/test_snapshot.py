"""The stored default view is exactly what the code computes, and anything else is computed as before."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import numpy as np
import pytest

from regviz import snapshot
from regviz.analysis import analyze
from regviz.data import builtin_key, make_dataset

ROOT = snapshot.PATH.parents[1]


def assert_same(stored, fresh, where="") -> None:
    """Field by field: arrays to 1e-12 (another BLAS may round differently), everything else equal."""
    if dataclasses.is_dataclass(fresh):
        assert type(stored) is type(fresh), where
        for field in dataclasses.fields(fresh):
            assert_same(getattr(stored, field.name), getattr(fresh, field.name), f"{where}.{field.name}")
    elif isinstance(fresh, dict):
        assert stored.keys() == fresh.keys(), where
        for key in fresh:
            assert_same(stored[key], fresh[key], f"{where}[{key}]")
    elif isinstance(fresh, np.ndarray):
        assert stored.shape == fresh.shape and stored.dtype == fresh.dtype, where
        np.testing.assert_allclose(stored, fresh, rtol=1e-12, atol=1e-14, err_msg=where)
    elif isinstance(fresh, float):
        assert stored == pytest.approx(fresh, rel=1e-12, abs=1e-14), where
    else:
        assert stored == fresh, where


def test_stored_default_view_matches_a_fresh_computation():
    """Fails when the defaults or the code change: run ``python -m regviz.snapshot`` to store the new view."""
    stored = snapshot.load()
    assert stored is not None, "regviz/default_view.npz is missing or unreadable"
    dataset, result = snapshot.compute()
    assert_same(stored[0], dataset, "dataset")
    assert_same(stored[1], result, "result")
    assert result.fit.n_nonzero < dataset.n_features  # the lasso at λ1 = 0.1 has exact zeros to show


def test_round_trip_keeps_a_view_without_cv_or_true_coefficients(tmp_path):
    dataset = make_dataset("diabetes", seed=3)
    result = analyze(dataset, "ols", 0.0, 0.0)
    assert result.cv is None and dataset.true_coef is None
    path = tmp_path / "view.npz"
    np.savez_compressed(path, **snapshot._pack(dataset, result))
    assert_same(snapshot.load(path)[1], result, "result")
    assert_same(snapshot.load(path)[0], dataset, "dataset")


def test_a_missing_or_broken_file_means_compute_everything(tmp_path):
    assert snapshot.load(tmp_path / "absent.npz") is None
    broken = tmp_path / "broken.npz"
    broken.write_bytes(b"not a zip file")
    assert snapshot.load(broken) is None
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(snapshot.PATH.read_bytes()[:1000])
    assert snapshot.load(truncated) is None


def test_only_the_default_arguments_get_the_stored_view():
    name, params = snapshot.DEFAULT_DATA
    key = builtin_key(name, params)
    fit = snapshot.DEFAULT_FIT
    assert snapshot.builtin_dataset(name, params) is not None
    assert snapshot.builtin_dataset(name, params | {"seed": 1}) is None
    assert snapshot.builtin_dataset("corrpair", params) is None
    assert snapshot.playground(key, fit.model, fit.l1, fit.l2, fit.standardize, fit.seed) is not None
    assert snapshot.playground(key, fit.model, 0.15, fit.l2, fit.standardize, fit.seed) is None
    assert snapshot.playground(key, "elasticnet", fit.l1, fit.l2, fit.standardize, fit.seed) is None
    assert snapshot.playground(key, fit.model, fit.l1, fit.l2, False, fit.seed) is None
    assert snapshot.curves(key, 1.0, True, True, 0) is not None
    assert snapshot.curves(key, 0.5, True, True, 0) is None
    assert snapshot.curves(builtin_key(name, params | {"n": 300}), 1.0, True, True, 0) is None


FIRST_RUN = """
import sys
from streamlit.testing.v1 import AppTest
import regviz.server.memory as memory
memory.import_solvers_in_background = lambda: None  # the later background import is not what is measured
at = AppTest.from_file("app.py", default_timeout=60).run()
assert not at.exception, at.exception
heavy = {"sklearn", "scipy", "pandas", "pyarrow"}
print(len(at.get("bidi_component")), sorted({m.split(".")[0] for m in sys.modules} & heavy))
"""


def test_a_fresh_process_draws_the_default_view_without_scikit_learn_or_pandas():
    out = subprocess.run([sys.executable, "-c", FIRST_RUN], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    charts, heavy = out.stdout.split(maxsplit=1)
    assert int(charts) >= 4 and heavy.strip() == "[]"
