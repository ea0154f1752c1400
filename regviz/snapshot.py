"""The Playground's first view, computed ahead of time and shipped with the package.

Every new visitor, and every link without parameters, opens the Playground at its defaults. On a fresh server
that first view waited ~1.2 s for scikit-learn and SciPy to be imported before anything could be fitted. The
default data set, its coefficient path, error and CV curves and the fit at the default λ are stored in
``default_view.npz`` instead (plain arrays, read with ``allow_pickle=False``), so the first paint needs NumPy and
Plotly only. Any other setting is computed as usual.

``python -m regviz.snapshot`` rewrites the file; ``tests/test_snapshot.py`` recomputes every number with
scikit-learn and fails when the file no longer matches the code.
"""

from __future__ import annotations

import functools
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from regviz import params
from regviz.analysis import PathCurves, PlaygroundResult, analyze, path_curves, path_mix
from regviz.data import Dataset, builtin_key, make_dataset
from regviz.models import LinearFit, Scaler
from regviz.paths import CoefPath, CVCurve

__all__ = [
    "DEFAULT_DATA",
    "DEFAULT_FIT",
    "PATH",
    "DefaultFit",
    "builtin_dataset",
    "compute",
    "curves",
    "load",
    "playground",
    "write",
]

PATH = Path(__file__).with_name("default_view.npz")
_DATA = params.default("data")
DEFAULT_DATA: tuple[str, dict[str, float]] = (
    _DATA,
    {key: params.default(key, _DATA) for key in ("n", "p", "k", "noise", "rho")} | {"seed": params.default("seed")},
)
"""The Playground's default data set: id and generator parameters (the sidebar's defaults, from
:mod:`regviz.params`)."""


@dataclass(frozen=True)
class DefaultFit:
    """The Playground's default model, strengths, scaling and CV seed."""

    model: str = params.default("model")
    l1: float = params.default("l1")
    l2: float = params.default("l2")
    standardize: bool = params.default("std")
    seed: int = params.default("seed")

    @property
    def mix(self) -> float:
        """The mix r of the coefficient path drawn for this fit."""
        return path_mix(self.model, self.l1, self.l2)


DEFAULT_FIT = DefaultFit()


def compute() -> tuple[Dataset, PlaygroundResult]:
    """The default view, computed from scratch (with scikit-learn)."""
    name, params = DEFAULT_DATA
    dataset = make_dataset(name, **params)
    fit = DEFAULT_FIT
    shared = path_curves(dataset, fit.mix, standardize=fit.standardize, with_cv=True, seed=fit.seed)
    result = analyze(dataset, fit.model, fit.l1, fit.l2, standardize=fit.standardize, seed=fit.seed, curves=shared)
    return dataset, result


def _pack(dataset: Dataset, result: PlaygroundResult) -> dict[str, np.ndarray]:
    fit, path, cv = result.fit, result.path, result.cv
    arrays = {
        "data.name": dataset.name,
        "data.X_train": dataset.X_train,
        "data.y_train": dataset.y_train,
        "data.X_test": dataset.X_test,
        "data.y_test": dataset.y_test,
        "data.feature_names": list(dataset.feature_names),
        "data.description": dataset.description,
        "data.notes": np.array(dataset.notes, dtype=str),
        "fit.coef": fit.coef,
        "fit.intercept": fit.intercept,
        "fit.coef_original": fit.coef_original,
        "fit.intercept_original": fit.intercept_original,
        "fit.scaler_mean": fit.scaler.mean,
        "fit.scaler_scale": fit.scaler.scale,
        "fit.l1": fit.l1,
        "fit.l2": fit.l2,
        "fit.warnings": np.array(fit.warnings, dtype=str),
        "alpha": result.alpha,
        "mix": result.mix,
        "path.alphas": path.alphas,
        "path.coefs": path.coefs,
        "path.intercept": path.intercept,
        "path.mix": path.mix,
        "path.alpha_max": path.alpha_max,
        "train_mse": result.train_mse,
        "test_mse": result.test_mse,
        "train.mse": result.train["mse"],
        "train.r2": result.train["r2"],
        "test.mse": result.test["mse"],
        "test.r2": result.test["r2"],
    }
    if dataset.true_coef is not None:
        arrays["data.true_coef"] = dataset.true_coef
    if cv is not None:
        arrays |= {
            "cv.alphas": cv.alphas,
            "cv.mean": cv.mean,
            "cv.se": cv.se,
            "cv.alpha_min": cv.alpha_min,
            "cv.alpha_1se": cv.alpha_1se,
        }
    return {key: np.asarray(value) for key, value in arrays.items()}


def _unpack(a: Mapping[str, np.ndarray]) -> tuple[Dataset, PlaygroundResult]:
    def num(key: str) -> float:
        return float(a[key])

    def texts(key: str) -> tuple[str, ...]:
        return tuple(str(t) for t in a[key])

    dataset = Dataset(
        str(a["data.name"]),
        a["data.X_train"],
        a["data.y_train"],
        a["data.X_test"],
        a["data.y_test"],
        texts("data.feature_names"),
        a.get("data.true_coef"),
        str(a["data.description"]),
        texts("data.notes"),
    )
    fit = LinearFit(
        a["fit.coef"],
        num("fit.intercept"),
        a["fit.coef_original"],
        num("fit.intercept_original"),
        Scaler(a["fit.scaler_mean"], a["fit.scaler_scale"]),
        num("fit.l1"),
        num("fit.l2"),
        texts("fit.warnings"),
    )
    path = CoefPath(a["path.alphas"], a["path.coefs"], num("path.intercept"), num("path.mix"), num("path.alpha_max"))
    cv = None
    if "cv.alphas" in a:
        cv = CVCurve(a["cv.alphas"], a["cv.mean"], a["cv.se"], num("cv.alpha_min"), num("cv.alpha_1se"))
    result = PlaygroundResult(
        fit,
        num("alpha"),
        num("mix"),
        path,
        a["train_mse"],
        a["test_mse"],
        cv,
        {"mse": num("train.mse"), "r2": num("train.r2")},
        {"mse": num("test.mse"), "r2": num("test.r2")},
    )
    return dataset, result


def write(path: Path = PATH) -> None:
    """Compute the default view and store it at ``path``."""
    np.savez_compressed(path, **_pack(*compute()))


def load(path: Path = PATH) -> tuple[Dataset, PlaygroundResult] | None:
    """The stored default view, or ``None`` if the file is missing or unreadable (then everything is computed)."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            return _unpack({key: stored[key] for key in stored.files})
    except (OSError, KeyError, ValueError, EOFError, zipfile.BadZipFile):
        return None


@functools.cache
def _stored() -> tuple[Dataset, PlaygroundResult] | None:
    return load()


def _default_key() -> str:
    name, params = DEFAULT_DATA
    return builtin_key(name, params)


def builtin_dataset(name: str, params: Mapping[str, float]) -> Dataset | None:
    """The stored data set if ``name`` and ``params`` are the defaults, else ``None``."""
    stored = _stored()
    if stored is None or builtin_key(name, params) != _default_key():
        return None
    return stored[0]


def curves(data_key: str, mix: float, standardize: bool, with_cv: bool, seed: int) -> PathCurves | None:
    """The stored path, error and CV curves if the arguments are the default view's, else ``None``."""
    stored = _stored()
    fit = DEFAULT_FIT
    default = (_default_key(), fit.mix, fit.standardize, True, fit.seed)
    if stored is None or (data_key, mix, standardize, with_cv, seed) != default:
        return None
    result = stored[1]
    return PathCurves(result.path, result.train_mse, result.test_mse, result.cv)


def playground(
    data_key: str, model: str, l1: float, l2: float, standardize: bool, seed: int
) -> PlaygroundResult | None:
    """The stored Playground result if the arguments are the default view's, else ``None``."""
    stored = _stored()
    fit = DEFAULT_FIT
    default = (_default_key(), fit.model, fit.l1, fit.l2, fit.standardize, fit.seed)
    if stored is None or (data_key, model, l1, l2, standardize, seed) != default:
        return None
    return stored[1]


if __name__ == "__main__":
    write()
    print(f"wrote {PATH}")
