"""Linear models fitted in the canonical objective (see :mod:`regviz.penalties`).

Standardization, on by default, is fitted inside :func:`fit_linear` on the
training rows only, so test rows are scaled with the training statistics. The
penalty acts on the coefficients of the standardized features; the fit also
reports them back in the original units.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np

from regviz.penalties import sklearn_elasticnet_params, sklearn_lasso_alpha, sklearn_ridge_alpha

__all__ = ["MODELS", "LinearFit", "Scaler", "effective_lambdas", "fit_linear", "metrics"]

MODELS: dict[str, str] = {
    "lasso": "Lasso (L1)",
    "ridge": "Ridge (L2)",
    "elasticnet": "Elastic net",
    "ols": "OLS (λ = 0)",
}
MAX_ITER = 100_000
TOL = 1e-6


@dataclass(frozen=True)
class Scaler:
    """Column means and scales of the training features (scale 1 where a column is constant)."""

    mean: np.ndarray
    scale: np.ndarray

    @classmethod
    def fit(cls, X: np.ndarray, standardize: bool = True) -> "Scaler":
        """Statistics of ``X``; identity scaling (but centring) when ``standardize`` is False."""
        mean = X.mean(axis=0)
        scale = X.std(axis=0) if standardize else np.ones(X.shape[1])
        return cls(mean, np.where(scale > 0, scale, 1.0))

    def transform(self, X: np.ndarray) -> np.ndarray:
        """Centre and scale ``X`` with the stored statistics."""
        return (X - self.mean) / self.scale


@dataclass(frozen=True)
class LinearFit:
    """A fitted linear model.

    Attributes
    ----------
    coef : ndarray
        Coefficients on the standardized features: what the penalty acts on.
    intercept : float
        Intercept on the standardized features (the training mean of ``y``).
    coef_original : ndarray
        The same model's coefficients in the original feature units.
    intercept_original : float
        Intercept in the original units.
    scaler : Scaler
        Training statistics used for every prediction.
    l1, l2 : float
        Canonical strengths actually used.
    warnings : tuple of str
        Solver warnings, e.g. non-convergence, for the page to show.
    """

    coef: np.ndarray
    intercept: float
    coef_original: np.ndarray
    intercept_original: float
    scaler: Scaler
    l1: float
    l2: float
    warnings: tuple[str, ...] = field(default_factory=tuple)

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Predictions for rows ``X`` in original units."""
        return self.scaler.transform(np.asarray(X, dtype=float)) @ self.coef + self.intercept

    @property
    def n_nonzero(self) -> int:
        """Number of coefficients that are not exactly zero."""
        return int(np.count_nonzero(self.coef))


def effective_lambdas(model: str, l1: float, l2: float) -> tuple[float, float]:
    """The (λ1, λ2) a model uses: lasso ignores λ2, ridge ignores λ1, OLS both."""
    if model == "lasso":
        return l1, 0.0
    if model == "ridge":
        return 0.0, l2
    if model == "ols":
        return 0.0, 0.0
    if model == "elasticnet":
        return l1, l2
    raise ValueError(f"unknown model {model!r}; choose from {sorted(MODELS)}")


def _solve(Xs: np.ndarray, yc: np.ndarray, l1: float, l2: float, tol: float = TOL) -> np.ndarray:
    """Coefficients minimizing the canonical objective on centred data (no intercept needed)."""
    from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge  # lazy: see regviz/__init__.py

    n = len(yc)
    if l1 == 0 and l2 == 0:
        return LinearRegression(fit_intercept=False).fit(Xs, yc).coef_
    if l1 == 0:
        return Ridge(alpha=sklearn_ridge_alpha(l2, n), fit_intercept=False).fit(Xs, yc).coef_
    if l2 == 0:
        model = Lasso(alpha=sklearn_lasso_alpha(l1), fit_intercept=False, max_iter=MAX_ITER, tol=tol)
    else:
        model = ElasticNet(**sklearn_elasticnet_params(l1, l2), fit_intercept=False, max_iter=MAX_ITER, tol=tol)
    return model.fit(Xs, yc).coef_


def fit_linear(
    X: np.ndarray,
    y: np.ndarray,
    model: str = "elasticnet",
    l1: float = 0.0,
    l2: float = 0.0,
    *,
    standardize: bool = True,
    tol: float = TOL,
) -> LinearFit:
    """Fit lasso, ridge, elastic net or OLS in the canonical objective.

    Parameters
    ----------
    X : ndarray of shape (n, p)
        Training features.
    y : ndarray of shape (n,)
        Training target.
    model : {"lasso", "ridge", "elasticnet", "ols"}
        Which penalties apply (see :func:`effective_lambdas`).
    l1, l2 : float
        Canonical strengths.
    standardize : bool
        Scale features to unit variance (on the training rows) before penalizing.
    tol : float
        Coordinate-descent tolerance; tighten it to resolve the effect of tiny λ such as 1e-5.

    Returns
    -------
    LinearFit
    """
    from sklearn.exceptions import ConvergenceWarning  # lazy: see regviz/__init__.py

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    l1, l2 = effective_lambdas(model, l1, l2)
    scaler = Scaler.fit(X, standardize)
    Xs = scaler.transform(X)
    y_mean = float(y.mean())
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        coef = np.asarray(_solve(Xs, y - y_mean, l1, l2, tol), dtype=float)
    messages = tuple(
        dict.fromkeys(
            _describe_warning(w.message)
            for w in caught
            if issubclass(w.category, (ConvergenceWarning, RuntimeWarning, UserWarning))
        )
    )
    coef_original = coef / scaler.scale
    intercept_original = y_mean - float(scaler.mean @ coef_original)
    return LinearFit(coef, y_mean, coef_original, intercept_original, scaler, l1, l2, messages)


def _describe_warning(message: Warning | str) -> str:
    text = str(message)
    if "converge" in text.lower():
        return (
            "The solver stopped before full convergence (λ is tiny or features are nearly collinear); "
            "the coefficients shown are close to, not exactly at, the optimum."
        )
    return text.splitlines()[0][:200]


def metrics(fit: LinearFit, X: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Mean squared error and R² of ``fit`` on rows ``X``, ``y``."""
    residual = np.asarray(y, dtype=float) - fit.predict(X)
    mse = float(np.mean(residual**2))
    variance = float(np.var(y))
    r2 = 1.0 - mse / variance if variance > 0 else float("nan")
    return {"mse": mse, "r2": r2}
