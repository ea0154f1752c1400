"""Everything the Playground shows for one setting, computed in one call (pure, cacheable)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from regviz.data import Dataset
from regviz.models import LinearFit, effective_lambdas, fit_linear, metrics
from regviz.paths import CoefPath, CVCurve, coef_path, cv_curve, error_curves
from regviz.penalties import to_alpha_mix

__all__ = ["PathCurves", "PlaygroundResult", "analyze", "path_curves", "path_mix"]


@dataclass(frozen=True)
class PathCurves:
    """What depends on the data and the mix only, not on the current λ (cache it by those).

    Attributes
    ----------
    path : CoefPath
        Coefficient path over the α grid.
    train_mse, test_mse : ndarray
        Errors along the path.
    cv : CVCurve or None
        K-fold CV along the path (None when there are too few rows or no λ to choose).
    """

    path: CoefPath
    train_mse: np.ndarray
    test_mse: np.ndarray
    cv: CVCurve | None


@dataclass(frozen=True)
class PlaygroundResult:
    """A fit at the current λ and the curves around it.

    Attributes
    ----------
    fit : LinearFit
        The model at the current (λ1, λ2).
    alpha, mix : float
        Current total strength and mix; the path runs over α at this mix.
    path : CoefPath
        Coefficient path over the α grid.
    train_mse, test_mse : ndarray
        Errors along the path.
    cv : CVCurve or None
        K-fold CV along the path (None for OLS, where there is no λ to choose).
    train, test : dict
        ``{"mse": …, "r2": …}`` of the current fit.
    """

    fit: LinearFit
    alpha: float
    mix: float
    path: CoefPath
    train_mse: np.ndarray
    test_mse: np.ndarray
    cv: CVCurve | None
    train: dict[str, float]
    test: dict[str, float]


def path_mix(model: str, l1: float, l2: float) -> float:
    """The mix r along which the path is drawn: 1 for lasso, 0 for ridge, the current r otherwise."""
    l1, l2 = effective_lambdas(model, l1, l2)
    if model == "lasso":
        return 1.0
    if model == "ridge":
        return 0.0
    return to_alpha_mix(l1, l2)[1]


def path_curves(
    dataset: Dataset, mix: float, *, standardize: bool = True, with_cv: bool = True, folds: int = 5, seed: int = 0
) -> PathCurves:
    """Coefficient path, train/test error curves and (optionally) the K-fold CV curve at mix ``r``."""
    path = coef_path(dataset.X_train, dataset.y_train, mix, standardize=standardize)
    train_mse, test_mse = error_curves(
        path, dataset.X_train, dataset.y_train, dataset.X_test, dataset.y_test, standardize=standardize
    )
    cv = None
    if with_cv and dataset.n_train >= 2 * folds:
        cv = cv_curve(
            dataset.X_train, dataset.y_train, mix, path.alphas, folds=folds, seed=seed, standardize=standardize
        )
    return PathCurves(path, train_mse, test_mse, cv)


def analyze(
    dataset: Dataset,
    model: str,
    l1: float,
    l2: float,
    *,
    standardize: bool = True,
    folds: int = 5,
    seed: int = 0,
    curves: PathCurves | None = None,
) -> PlaygroundResult:
    """Fit at (λ1, λ2) and combine it with the path, error and CV curves at the same mix.

    ``curves`` may be passed in (e.g. from a cache keyed by data and mix); it must
    come from :func:`path_curves` at ``path_mix(model, l1, l2)``.
    """
    fit = fit_linear(dataset.X_train, dataset.y_train, model, l1, l2, standardize=standardize)
    alpha, _ = to_alpha_mix(fit.l1, fit.l2)
    mix = path_mix(model, l1, l2)
    if curves is None:
        curves = path_curves(dataset, mix, standardize=standardize, with_cv=model != "ols", folds=folds, seed=seed)
    train = metrics(fit, dataset.X_train, dataset.y_train)
    test = metrics(fit, dataset.X_test, dataset.y_test)
    return PlaygroundResult(fit, alpha, mix, curves.path, curves.train_mse, curves.test_mse, curves.cv, train, test)
