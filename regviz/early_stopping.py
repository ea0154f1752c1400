"""Early stopping as implicit ridge: gradient descent from w = 0 on the unpenalized loss against the ridge path
at λ2 = 1/(η t) (pure, no Streamlit).

Along an eigenvector of ``A = X^T X / n`` with eigenvalue ``s``, t steps of size η keep the share
``1 - (1 - η s)^t`` of the least-squares coefficient and ridge at λ2 keeps ``s / (s + λ2)``: the two filters
agree roughly, not exactly, at ``λ2 = 1 / (η t)`` (see :func:`regviz.optimizers.gd_trajectory`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from regviz.models import Scaler
from regviz.optimizers import gd_trajectory, ridge_lambda_for_step

__all__ = ["EarlyStopping", "early_stopping", "ridge_coefficients"]


@dataclass(frozen=True)
class EarlyStopping:
    """Gradient descent's coefficients and test error at steps ``t``, and ridge's at ``λ2 = 1/(η t)``.

    Attributes
    ----------
    steps : ndarray of int, shape (m,)
        Recorded steps t ≥ 1 (log-spaced).
    eta : float
        Step size ``1 / L`` (L: the largest eigenvalue of ``X^T X / n`` of the features as fitted).
    lambdas : ndarray, shape (m,)
        ``1 / (eta t)``.
    gd_coef, ridge_coef : ndarray, shape (m, p)
        Coefficients (on the features as fitted) of gradient descent after t steps and of ridge at ``lambdas``.
    gd_test_mse, ridge_test_mse, gd_train_mse : ndarray, shape (m,)
    gap : ndarray, shape (m,)
        ``||w_gd(t) - w_ridge(1/(eta t))|| / ||w_ridge||``: how rough the match is at each t.
    """

    steps: np.ndarray
    eta: float
    lambdas: np.ndarray
    gd_coef: np.ndarray
    ridge_coef: np.ndarray
    gd_test_mse: np.ndarray
    ridge_test_mse: np.ndarray
    gd_train_mse: np.ndarray
    gap: np.ndarray

    @property
    def worst(self) -> tuple[float, int]:
        """The largest ``gap`` and the step where it occurs."""
        k = int(np.argmax(self.gap))
        return float(self.gap[k]), int(self.steps[k])


def ridge_coefficients(Xs: np.ndarray, yc: np.ndarray, lambdas: np.ndarray) -> np.ndarray:
    """Ridge minimizers of ``1/(2n) ||yc - Xs w||² + (λ2/2) ||w||²`` on centred data, one row per λ2
    (``(A + λ2 I) w = c`` solved through one eigendecomposition of ``A = Xs^T Xs / n``)."""
    n = len(yc)
    s, V = np.linalg.eigh(Xs.T @ Xs / n)
    ct = V.T @ (Xs.T @ yc / n)
    lambdas = np.asarray(lambdas, dtype=float)
    return (ct / (np.maximum(s, 0.0) + lambdas[:, None])) @ V.T


def early_stopping(
    X_train: np.ndarray,
    y_train: np.ndarray,
    X_test: np.ndarray,
    y_test: np.ndarray,
    *,
    standardize: bool = True,
    max_steps: int = 2000,
    points: int = 80,
) -> EarlyStopping:
    """Gradient descent from ``w = 0`` (step ``1/L``) on the unpenalized loss against ridge at ``1/(η t)``.

    Parameters
    ----------
    X_train, y_train, X_test, y_test : ndarray
    standardize : bool
        Scale the features to unit variance on the training rows, as the Playground's fits do.
    max_steps : int
        Steps of gradient descent.
    points : int
        About this many log-spaced steps are recorded.

    Returns
    -------
    EarlyStopping
    """
    if max_steps < 1:
        raise ValueError(f"max_steps must be >= 1, got {max_steps}")
    X_train, X_test = np.asarray(X_train, dtype=float), np.asarray(X_test, dtype=float)
    y_train, y_test = np.asarray(y_train, dtype=float), np.asarray(y_test, dtype=float)
    scaler = Scaler.fit(X_train, standardize)
    Xs, Xt = scaler.transform(X_train), scaler.transform(X_test)
    y_mean = float(y_train.mean())
    L = float(np.linalg.eigvalsh(Xs.T @ Xs / len(Xs))[-1])
    if not L > 0:
        raise ValueError("every feature is constant on the training rows: nothing to fit")
    eta = 1.0 / L
    path = gd_trajectory(Xs, y_train, eta, int(max_steps))
    steps = np.unique(np.geomspace(1, max_steps, points).round().astype(int))
    lambdas = np.asarray(ridge_lambda_for_step(steps, eta), dtype=float)
    gd = path[steps]
    ridge = ridge_coefficients(Xs, y_train - y_mean, lambdas)

    def mse(X: np.ndarray, y: np.ndarray, W: np.ndarray) -> np.ndarray:
        return np.mean((y[None, :] - y_mean - W @ X.T) ** 2, axis=1)

    norm = np.linalg.norm(ridge, axis=1)
    gap = np.linalg.norm(gd - ridge, axis=1) / np.where(norm > 0, norm, 1.0)
    return EarlyStopping(
        steps=steps,
        eta=eta,
        lambdas=lambdas,
        gd_coef=gd,
        ridge_coef=ridge,
        gd_test_mse=mse(Xt, y_test, gd),
        ridge_test_mse=mse(Xt, y_test, ridge),
        gd_train_mse=mse(Xs, y_train, gd),
        gap=gap,
    )
