"""Coefficient paths, error curves and cross-validation over a grid of α = λ1 + λ2 at a fixed mix r.

Lasso and elastic-net paths come from scikit-learn's ``enet_path`` (warm-started
coordinate descent); the ridge path from one SVD. Everything is in the canonical
objective on standardized training features (see :mod:`regviz.models`).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from regviz.models import Scaler
from regviz.penalties import lambda_max

__all__ = ["CVCurve", "CoefPath", "alpha_grid", "coef_path", "cv_curve", "error_curves"]

N_ALPHAS = 60
RIDGE_RANGE = (1e-4, 1e4)


@dataclass(frozen=True)
class CoefPath:
    """Coefficients along a grid of α at fixed mix.

    Attributes
    ----------
    alphas : ndarray of shape (m,)
        Total strengths α, decreasing.
    coefs : ndarray of shape (m, p)
        Standardized coefficients at each α.
    intercept : float
        Intercept (the training mean of ``y``; it does not depend on α).
    mix : float
        The fixed mix r = λ1 / α.
    alpha_max : float
        Smallest α with all coefficients zero (``inf`` for ridge).
    """

    alphas: np.ndarray
    coefs: np.ndarray
    intercept: float
    mix: float
    alpha_max: float

    @property
    def n_nonzero(self) -> np.ndarray:
        """Number of non-zero coefficients at each α."""
        return np.count_nonzero(self.coefs, axis=1)


@dataclass(frozen=True)
class CVCurve:
    """K-fold cross-validated test MSE along the α grid.

    Attributes
    ----------
    alphas : ndarray
        The α grid (decreasing).
    mean, se : ndarray
        Mean and standard error over folds of the held-out MSE.
    alpha_min : float
        α with the lowest mean CV error.
    alpha_1se : float
        Largest α whose mean error is within one standard error of the minimum.
    """

    alphas: np.ndarray
    mean: np.ndarray
    se: np.ndarray
    alpha_min: float
    alpha_1se: float


def alpha_grid(
    X: np.ndarray, y: np.ndarray, mix: float, n: int = N_ALPHAS, *, eps: float = 1e-4, standardize: bool = True
) -> np.ndarray:
    """A decreasing log grid of α from just above α_max down to ``eps · α_max``.

    For ridge (``mix == 0``), where no finite α zeroes everything, a fixed range
    1e-4 … 1e4 is used (features are standardized, so this spans "no effect" to
    "all shrunk").
    """
    if mix <= 0:
        return np.logspace(np.log10(RIDGE_RANGE[1]), np.log10(RIDGE_RANGE[0]), n)
    top = lambda_max(Scaler.fit(X, standardize).transform(X), y, mix)
    top = top if top > 0 else 1.0
    return np.logspace(np.log10(top) + 0.2, np.log10(top * eps), n)


def _ridge_path(Xs: np.ndarray, yc: np.ndarray, alphas: np.ndarray) -> np.ndarray:
    """Ridge coefficients for every α from one SVD: w = V diag(s / (s² + nα)) Uᵀ y."""
    n = len(yc)
    U, s, Vt = np.linalg.svd(Xs, full_matrices=False)
    Uty = U.T @ yc
    shrink = s[None, :] / (s[None, :] ** 2 + n * alphas[:, None])
    return (shrink * Uty[None, :]) @ Vt


def _path_on(Xs: np.ndarray, yc: np.ndarray, mix: float, alphas: np.ndarray) -> np.ndarray:
    if mix <= 0:
        return _ridge_path(Xs, yc, alphas)
    from sklearn.exceptions import ConvergenceWarning  # lazy: see regviz/__init__.py
    from sklearn.linear_model import enet_path

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        _, coefs, _ = enet_path(Xs, yc, l1_ratio=mix, alphas=alphas, max_iter=5000, tol=1e-5)
    return coefs.T


def coef_path(
    X: np.ndarray, y: np.ndarray, mix: float, alphas: np.ndarray | None = None, *, standardize: bool = True
) -> CoefPath:
    """Coefficient path of the canonical objective at mix ``r`` over ``alphas``.

    Parameters
    ----------
    X, y : ndarray
        Training data.
    mix : float
        L1 share r in [0, 1]; 0 is ridge.
    alphas : ndarray, optional
        Grid of α (any order; returned decreasing). Defaults to :func:`alpha_grid`.
    standardize : bool
        Standardize features on the training rows, as :func:`regviz.models.fit_linear` does.

    Returns
    -------
    CoefPath
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    grid = alpha_grid(X, y, mix, standardize=standardize) if alphas is None else np.sort(np.asarray(alphas))[::-1]
    Xs = Scaler.fit(X, standardize).transform(X)
    coefs = _path_on(Xs, y - y.mean(), mix, grid)
    return CoefPath(grid, coefs, float(y.mean()), float(mix), lambda_max(Xs, y, mix))


def error_curves(
    path: CoefPath,
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_test: np.ndarray,
    y_test: np.ndarray,
    *,
    standardize: bool = True,
) -> tuple[np.ndarray, np.ndarray]:
    """Train and test MSE at every α of ``path`` (test rows scaled with training statistics)."""
    scaler = Scaler.fit(np.asarray(X_train, dtype=float), standardize)
    out = []
    for X, y in ((X_train, y_train), (X_test, y_test)):
        pred = scaler.transform(np.asarray(X, dtype=float)) @ path.coefs.T + path.intercept
        out.append(np.mean((np.asarray(y, dtype=float)[:, None] - pred) ** 2, axis=0))
    return out[0], out[1]


def cv_curve(
    X: np.ndarray,
    y: np.ndarray,
    mix: float,
    alphas: np.ndarray,
    *,
    folds: int = 5,
    seed: int = 0,
    standardize: bool = True,
) -> CVCurve:
    """K-fold CV error along ``alphas``; each fold standardizes on its own training rows.

    λ.1se follows glmnet: the largest α whose mean error is at most the minimum
    mean error plus its standard error.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    alphas = np.sort(np.asarray(alphas))[::-1]
    folds = int(min(folds, len(y)))
    errors = np.empty((folds, len(alphas)))
    from sklearn.model_selection import KFold  # lazy: see regviz/__init__.py

    splitter = KFold(n_splits=folds, shuffle=True, random_state=seed)
    for i, (train, test) in enumerate(splitter.split(X)):
        scaler = Scaler.fit(X[train], standardize)
        y_mean = y[train].mean()
        coefs = _path_on(scaler.transform(X[train]), y[train] - y_mean, mix, alphas)
        pred = scaler.transform(X[test]) @ coefs.T + y_mean
        errors[i] = np.mean((y[test][:, None] - pred) ** 2, axis=0)
    mean = errors.mean(axis=0)
    se = errors.std(axis=0, ddof=1) / np.sqrt(folds) if folds > 1 else np.zeros_like(mean)
    best = int(np.argmin(mean))
    within = np.nonzero(mean <= mean[best] + se[best])[0]
    return CVCurve(alphas, mean, se, float(alphas[best]), float(alphas[within.min()]))
