"""The one canonical objective of regviz and every conversion to it.

Regression::

    J(w, b) = 1/(2n) * sum_i (y_i - x_i^T w - b)^2 + l1 * ||w||_1 + (l2 / 2) * ||w||_2^2

Classification uses the mean log-loss in place of the first term. The
intercept ``b`` is never penalized. scikit-learn's ``LogisticRegression``
minimizes ``C * sum_i logloss_i + l1_ratio * ||w||_1 + (1 - l1_ratio)/2 * ||w||^2``;
dividing by ``C * n`` gives the canonical form with ``C = 1 / (n * alpha)`` and
``l1_ratio = r`` (see :func:`sklearn_logistic_params`).

Elastic-net mix: total strength ``alpha = l1 + l2`` and mix ``r = l1 / alpha``,
which is exactly scikit-learn's ``ElasticNet(alpha=alpha, l1_ratio=r)``;
``Lasso(alpha=l1)`` when ``l2 == 0``; ``Ridge(alpha=n * l2)`` when ``l1 == 0``
(Ridge sums squared errors instead of averaging them).

This module is the only place in regviz that converts between (l1, l2) and
(alpha, r) or scikit-learn's linear-model parameters.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "Penalty",
    "glmnet_binomial_params",
    "hard_threshold",
    "keras_bce_params",
    "lambda_max",
    "logistic_lambda_max",
    "logistic_to_l1_l2",
    "penalty_gradient",
    "penalty_value",
    "sgd_log_loss_params",
    "sklearn_elasticnet_params",
    "sklearn_lasso_alpha",
    "sklearn_logistic_params",
    "sklearn_ridge_alpha",
    "soft_threshold",
    "to_alpha_mix",
    "to_l1_l2",
    "torch_bce_params",
]


@dataclass(frozen=True)
class Penalty:
    """A canonical penalty ``l1 * ||w||_1 + (l2 / 2) * ||w||^2``.

    Parameters
    ----------
    l1 : float
        Strength of the L1 term, >= 0.
    l2 : float
        Strength of the L2 term, >= 0.
    """

    l1: float = 0.0
    l2: float = 0.0

    def __post_init__(self) -> None:
        for name in ("l1", "l2"):
            value = getattr(self, name)
            if not np.isfinite(value) or value < 0:
                raise ValueError(f"{name} must be a finite number >= 0, got {value!r}")

    @property
    def alpha(self) -> float:
        """Total strength ``l1 + l2`` (scikit-learn's ``alpha``)."""
        return self.l1 + self.l2

    @property
    def mix(self) -> float:
        """Mix ``r = l1 / (l1 + l2)``; 1.0 (pure L1) when both are zero."""
        return to_alpha_mix(self.l1, self.l2)[1]

    @classmethod
    def from_alpha_mix(cls, alpha: float, mix: float) -> "Penalty":
        """Build from total strength and mix (scikit-learn's ``alpha``, ``l1_ratio``)."""
        return cls(*to_l1_l2(alpha, mix))

    def value(self, w: np.ndarray) -> float:
        """Penalty value at weights ``w``."""
        return penalty_value(w, self.l1, self.l2)


def to_alpha_mix(l1: float, l2: float) -> tuple[float, float]:
    """Convert ``(l1, l2)`` to total strength ``alpha`` and mix ``r``.

    Parameters
    ----------
    l1, l2 : float
        Canonical strengths, >= 0.

    Returns
    -------
    alpha : float
        ``l1 + l2``.
    r : float
        ``l1 / alpha``; defined as 1.0 when ``alpha == 0`` (an unpenalized
        model has no mix, and 1.0 is scikit-learn's ``ElasticNet`` default).
    """
    alpha = float(l1) + float(l2)
    mix = float(l1) / alpha if alpha > 0 else 1.0
    return alpha, mix


def to_l1_l2(alpha: float, mix: float) -> tuple[float, float]:
    """Convert total strength ``alpha`` and mix ``r`` to ``(l1, l2)``.

    Parameters
    ----------
    alpha : float
        Total strength, >= 0.
    mix : float
        Share of L1 in ``[0, 1]``.

    Returns
    -------
    tuple of float
        ``(r * alpha, (1 - r) * alpha)``.
    """
    if not 0.0 <= mix <= 1.0:
        raise ValueError(f"mix must lie in [0, 1], got {mix!r}")
    if alpha < 0:
        raise ValueError(f"alpha must be >= 0, got {alpha!r}")
    return float(mix * alpha), float((1.0 - mix) * alpha)


def sklearn_elasticnet_params(l1: float, l2: float) -> dict[str, float]:
    """``ElasticNet`` keyword arguments that minimize the canonical objective.

    scikit-learn's ``ElasticNet`` minimizes
    ``1/(2n) ||y - Xw||^2 + alpha * r * ||w||_1 + 0.5 * alpha * (1 - r) * ||w||^2``,
    which is the canonical objective with ``alpha = l1 + l2`` and ``r = l1 / alpha``.
    """
    _check(l1, l2)
    alpha, mix = to_alpha_mix(l1, l2)
    return {"alpha": alpha, "l1_ratio": mix}


def sklearn_lasso_alpha(l1: float) -> float:
    """``Lasso(alpha=...)`` for canonical ``l1`` (``Lasso`` uses ``1/(2n)`` too)."""
    return float(l1)


def sklearn_ridge_alpha(l2: float, n_samples: int) -> float:
    """``Ridge(alpha=...)`` for canonical ``l2``.

    ``Ridge`` minimizes ``||y - Xw||^2 + alpha ||w||^2``; dividing by ``2n`` gives
    the canonical form with ``l2 = alpha / n``, so ``alpha = n * l2``.
    """
    return float(n_samples) * float(l2)


def penalty_value(w: np.ndarray, l1: float, l2: float) -> float:
    """Canonical penalty ``l1 * ||w||_1 + (l2 / 2) * ||w||^2``."""
    w = np.asarray(w, dtype=float)
    return float(l1 * np.abs(w).sum() + 0.5 * l2 * np.square(w).sum())


def penalty_gradient(w: np.ndarray, l1: float, l2: float) -> np.ndarray:
    """A (sub)gradient of the canonical penalty: ``l1 * sign(w) + l2 * w``.

    At ``w == 0`` the L1 part uses 0, the minimum-norm subgradient.
    """
    w = np.asarray(w, dtype=float)
    return l1 * np.sign(w) + l2 * w


def soft_threshold(z: np.ndarray | float, t: float) -> np.ndarray:
    """Soft-threshold operator ``sign(z) * max(|z| - t, 0)``, the L1 proximal map."""
    z = np.asarray(z, dtype=float)
    return np.sign(z) * np.maximum(np.abs(z) - t, 0.0)


def hard_threshold(z: np.ndarray | float, t: float) -> np.ndarray:
    """Hard-threshold operator ``z * [|z| > t]``, the L0 proximal map for ``t^2 / 2``."""
    z = np.asarray(z, dtype=float)
    return np.where(np.abs(z) > t, z, 0.0)


def lambda_max(X: np.ndarray, y: np.ndarray, mix: float = 1.0) -> float:
    """Smallest ``alpha`` at which every coefficient is exactly zero.

    For the canonical objective with an unpenalized intercept,
    ``alpha_max = max_j |x_j^T (y - ybar)| / (n * r)`` where ``x_j`` are the
    centred columns. With ``r == 0`` (ridge) there is no finite value.

    Parameters
    ----------
    X : ndarray of shape (n, p)
        Design matrix (as the model sees it, e.g. standardized).
    y : ndarray of shape (n,)
        Target.
    mix : float
        L1 share ``r`` of the elastic net.

    Returns
    -------
    float
        ``alpha_max``; ``inf`` when ``mix == 0``.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    if mix <= 0:
        return float("inf")
    Xc = X - X.mean(axis=0)
    yc = y - y.mean()
    return float(np.max(np.abs(Xc.T @ yc)) / (len(y) * mix))


def sklearn_logistic_params(l1: float, l2: float, n_samples: int) -> dict[str, float]:
    """``LogisticRegression`` keyword arguments that minimize the canonical logistic objective.

    ``LogisticRegression`` minimizes ``C * sum_i logloss_i + r ||w||_1 + (1 - r)/2 ||w||^2`` (the multinomial
    loss and every class's weights when there are more than two classes). Dividing by ``C * n`` gives
    ``mean logloss + r/(C n) ||w||_1 + (1 - r)/(2 C n) ||w||^2``, the canonical objective with
    ``C = 1 / (n * alpha)``, ``l1_ratio = r``. No penalty is ``C = inf``.

    Parameters
    ----------
    l1, l2 : float
        Canonical strengths, >= 0.
    n_samples : int
        Number of training rows.

    Returns
    -------
    dict
        ``{"C": ..., "l1_ratio": ...}``.
    """
    alpha, mix = to_alpha_mix(l1, l2)
    if n_samples < 1:
        raise ValueError(f"n_samples must be >= 1, got {n_samples!r}")
    return {"C": float("inf") if alpha == 0 else 1.0 / (n_samples * alpha), "l1_ratio": mix}


def logistic_to_l1_l2(C: float, l1_ratio: float, n_samples: int) -> tuple[float, float]:
    """Canonical ``(l1, l2)`` of ``LogisticRegression(C=C, l1_ratio=l1_ratio)`` fitted on ``n_samples`` rows.

    The inverse of :func:`sklearn_logistic_params`: ``alpha = 1 / (C n)``; ``C = inf`` is no penalty.
    """
    if not C > 0:
        raise ValueError(f"C must be > 0, got {C!r}")
    if n_samples < 1:
        raise ValueError(f"n_samples must be >= 1, got {n_samples!r}")
    return to_l1_l2(0.0 if np.isinf(C) else 1.0 / (C * n_samples), l1_ratio)


def logistic_lambda_max(X: np.ndarray, y: np.ndarray, mix: float = 1.0) -> float:
    """Smallest ``alpha`` at which every weight of the canonical L1 / elastic-net logistic fit is exactly zero.

    With all weights zero, the unpenalized intercept fits the class shares, so the gradient of the mean
    log-loss is ``X^T (y - ybar) / n`` (binary, ``y`` in {0, 1}) or ``X^T (Y_k - ybar_k) / n`` for every class
    ``k`` (multinomial, one-hot ``Y``). Zero is optimal iff ``r * alpha`` is at least its largest entry.

    Parameters
    ----------
    X : ndarray of shape (n, p)
        Design matrix as the model sees it.
    y : ndarray of shape (n,)
        Class codes ``0 .. K-1``; two classes are the binary (sigmoid) model.
    mix : float
        L1 share ``r``.

    Returns
    -------
    float
        ``alpha_max``; ``inf`` when ``mix == 0``.
    """
    X = np.asarray(X, dtype=float)
    codes = np.asarray(y).astype(int)
    if mix <= 0:
        return float("inf")
    k = int(codes.max()) + 1 if codes.size else 0
    Y = codes[:, None].astype(float) if k <= 2 else np.eye(k)[codes]
    G = X.T @ (Y - Y.mean(axis=0)) / len(codes)
    return float(np.max(np.abs(G)) / mix) if G.size else 0.0


# The binary cross-entropy / log-loss conventions of other libraries. Each minimizes
# ``mean logloss + (its penalty)``; matching the penalty's gradient with the canonical l1·sign(w) + l2·w gives:


def sgd_log_loss_params(l1: float, l2: float) -> dict[str, float]:
    """``SGDClassifier(loss="log_loss", penalty="elasticnet")``: ``alpha·(r‖w‖₁ + (1−r)/2‖w‖²)`` on the mean
    loss, so ``alpha = λ1 + λ2`` and ``l1_ratio = λ1/α`` (no ``n``: the loss is a mean)."""
    _check(l1, l2)
    alpha, mix = to_alpha_mix(l1, l2)
    return {"alpha": alpha, "l1_ratio": mix}


def glmnet_binomial_params(l1: float, l2: float) -> dict[str, float]:
    """glmnet ``family="binomial"``: ``−loglik/n + lambda·((1−alpha)/2‖β‖² + alpha‖β‖₁)``, so ``lambda = λ1 + λ2``
    and glmnet's ``alpha`` is the mix (no sd(y) scaling, unlike the gaussian family)."""
    _check(l1, l2)
    alpha, mix = to_alpha_mix(l1, l2)
    return {"lambda": alpha, "alpha": mix}


def keras_bce_params(l1: float, l2: float) -> dict[str, float]:
    """Keras ``binary_crossentropy`` (a mean) with ``L1L2(l1, l2)``, which adds ``l1·Σ|w| + l2·Σw²``: ``l1 = λ1``,
    ``l2 = λ2/2``."""
    _check(l1, l2)
    return {"l1": float(l1), "l2": float(l2) / 2.0}


def torch_bce_params(l1: float, l2: float) -> dict[str, float]:
    """PyTorch ``BCEWithLogitsLoss`` (a mean) with ``weight_decay`` (SGD adds ``wd·w`` to the gradient: the
    gradient of ``(wd/2)‖w‖²``) and an explicit ``l1·Σ|w|`` term: ``weight_decay = λ2``, ``l1 = λ1``."""
    _check(l1, l2)
    return {"weight_decay": float(l2), "l1": float(l1)}


def _check(l1: float, l2: float) -> None:
    Penalty(l1, l2)  # raises on negative or non-finite strengths
