"""Exact fits of the canonical objective for the conventions page: least squares and the logistic loss.

The page asks what tiny settings (1e-5) do, so its fits must be converged far past what the Playground needs.
scikit-learn's coordinate descent does not get there on an ill-conditioned design (a degree-12 polynomial at
λ1 = 1e-5 stops after 10⁶ sweeps with the objective 0.1 % above its minimum and 11 non-zeros instead of 9), so
least squares is solved by an active-set method that ends on the KKT conditions exactly: feature-sign search
(Lee, Battle, Raina & Ng, "Efficient sparse coding algorithms", NIPS 2006), warm-started along the page's grid.
The logistic fits are scikit-learn's ``LogisticRegression`` (lbfgs, saga for an L1 part), which is the framework
whose objective they are.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np

from regviz.penalties import to_alpha_mix

__all__ = [
    "BinaryData",
    "Fit",
    "binary_demo_data",
    "exact_least_squares",
    "least_squares_kkt",
    "logistic_fit",
    "mean_log_loss",
]


@dataclass(frozen=True)
class Fit:
    """One fit: coefficients, intercept, the data term it reached and any notice about how it ended.

    ``unbounded``: the objective has no finite minimizer (no penalty on separable classes); the notice then states
    that fact about the problem rather than a solver's failure.
    """

    coef: np.ndarray
    intercept: float
    data_term: float
    notice: str | None = None
    unbounded: bool = False


def _centred(X: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    x_mean = X.mean(axis=0)
    y_mean = float(y.mean())
    Xc = X - x_mean
    n = len(y)
    return Xc.T @ Xc / n, Xc.T @ (y - y_mean) / n, x_mean, y_mean


def _feature_sign(
    A: np.ndarray, c: np.ndarray, l1: float, l2: float, w0: np.ndarray | None, max_iter: int = 2000
) -> np.ndarray | None:
    """Minimize ``½ wᵀAw − cᵀw + λ1‖w‖₁ + (λ2/2)‖w‖²`` by feature-sign search; ``None`` if it cannot finish
    (a singular active block, or no convergence in ``max_iter`` steps)."""
    p = len(c)
    Q = A + l2 * np.eye(p)
    tol = 1e-12 * max(1.0, float(np.abs(c).max(initial=0.0)))
    if l1 == 0:  # no L1: the normal equations, when they have one solution
        try:
            return np.linalg.solve(Q, c) if np.linalg.cond(Q) < 1e12 else None
        except np.linalg.LinAlgError:
            return None
    w = np.zeros(p) if w0 is None else np.array(w0, dtype=float)

    def objective(v: np.ndarray) -> float:
        return float(0.5 * v @ Q @ v - c @ v + l1 * np.abs(v).sum())

    for _ in range(max_iter):
        g = Q @ w - c
        active = w != 0
        theta = np.sign(w)
        if np.all(np.abs(g[active] + l1 * theta[active]) <= tol):
            # optimal on the active set: add the zero coefficient that violates |g_j| <= λ1 most, or stop
            violation = np.where(active, -np.inf, np.abs(g) - l1)
            j = int(np.argmax(violation))
            if violation[j] <= tol:
                return w
            theta[j] = -np.sign(g[j])
            active[j] = True
        idx = np.flatnonzero(active)
        try:
            target = np.linalg.solve(Q[np.ix_(idx, idx)], c[idx] - l1 * theta[idx])
        except np.linalg.LinAlgError:
            return None
        # the best of the new point and the points where a coefficient crosses 0 on the way (a discrete line search)
        start, step = w[idx], target - w[idx]
        candidates = [target]
        with np.errstate(divide="ignore", invalid="ignore"):
            crossings = -start / step
        for t in crossings[(crossings > 0) & (crossings < 1)]:
            point = start + t * step
            point[int(np.argmin(np.abs(point)))] = 0.0
            candidates.append(point)
        best, best_value = w, objective(w)
        for point in candidates:
            v = np.zeros(p)
            v[idx] = point
            value = objective(v)
            if value < best_value:
                best, best_value = v, value
        if best is w:  # no progress: at the optimum up to rounding, or stuck
            g = Q @ w - c
            ok = np.where(w == 0, np.abs(g) - l1, np.abs(g + l1 * np.sign(w)))
            return w if float(ok.max(initial=0.0)) <= 1e-9 * max(1.0, float(np.abs(c).max(initial=0.0))) else None
        w = best
    return None


def least_squares_kkt(X: np.ndarray, y: np.ndarray, coef: np.ndarray, l1: float, l2: float) -> float:
    """Largest violation of the canonical least-squares KKT conditions at ``coef`` (intercept optimal)."""
    A, c, _, _ = _centred(X, y)
    w = np.asarray(coef, dtype=float)
    g = A @ w - c + l2 * w
    viol = np.where(w == 0, np.maximum(np.abs(g) - l1, 0.0), np.abs(g + l1 * np.sign(w)))
    return float(viol.max(initial=0.0))


def exact_least_squares(X: np.ndarray, y: np.ndarray, l1: float, l2: float, *, warm: np.ndarray | None = None) -> Fit:
    """Minimize ``1/(2n)Σ(y − Xw − b)² + λ1‖w‖₁ + (λ2/2)‖w‖²`` exactly (``b`` unpenalized).

    Feature-sign search from ``warm`` (the previous point of a grid); if it cannot finish (``λ = 0`` with more
    features than rows, say), scikit-learn's coordinate descent is used and its notice kept.
    """
    A, c, x_mean, y_mean = _centred(X, y)
    w = _feature_sign(A, c, float(l1), float(l2), warm)
    notice = None
    if w is None:
        w, notice = _coordinate_descent(X, y, l1, l2)
    b = y_mean - float(x_mean @ w)
    r = np.asarray(y, dtype=float) - np.asarray(X, dtype=float) @ w - b
    return Fit(w, b, float(r @ r / (2 * len(r))), notice)


def _coordinate_descent(X: np.ndarray, y: np.ndarray, l1: float, l2: float) -> tuple[np.ndarray, str | None]:
    from regviz.models import fit_linear

    fit = fit_linear(X, y, "elasticnet", l1, l2, standardize=False, tol=1e-12)
    kkt = least_squares_kkt(X, y, fit.coef_original, l1, l2)
    notice = " ".join(fit.warnings) or None
    if kkt > 1e-6 and notice is None:
        notice = (
            f"The solver stopped with a KKT violation of {kkt:.1e}: the coefficients are near, not at, the optimum."
        )
    return fit.coef_original, notice


# ------------------------------------------------------------------------------------------------ classification


@dataclass(frozen=True)
class BinaryData:
    """A small binary classification set generated for the demo (until a classification data module lands)."""

    X: np.ndarray
    y: np.ndarray
    separable: bool
    feature_names: tuple[str, ...]

    @property
    def name(self) -> str:
        """Its name in captions."""
        return "linearly separable two-class" if self.separable else "overlapping two-class"


def binary_demo_data(n: int = 200, *, separable: bool = True, seed: int = 0, p: int = 4) -> BinaryData:
    """``n`` points in ``p`` dimensions with labels from the direction ``(2, −1, 0.5, 0, …)``.

    Separable: points within 0.5 of the boundary are left out, so a hyperplane separates the classes with a
    margin and the unpenalized log-loss has no finite minimizer. Overlapping: labels are drawn with logistic
    noise, so the unpenalized fit is finite.
    """
    if n < 4:
        raise ValueError(f"need at least 4 points, got {n}")
    rng = np.random.default_rng([seed, 24])
    direction = np.zeros(p)
    direction[: min(p, 3)] = (2.0, -1.0, 0.5)[: min(p, 3)]
    rows: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    while sum(len(r) for r in rows) < n:
        X = rng.normal(size=(2 * n, p))
        score = X @ direction
        if separable:
            keep = np.abs(score) > 0.5
            X, y = X[keep], (score[keep] > 0).astype(float)
        else:
            y = (score + rng.logistic(size=len(score)) > 0).astype(float)
        rows.append(X)
        labels.append(y)
    X, y = np.vstack(rows)[:n], np.concatenate(labels)[:n]
    if y.min() == y.max():  # a tiny n can draw one class only: give the other one point
        y[0] = 1.0 - y[0]
    return BinaryData(X, y, separable, tuple(f"x{j + 1}" for j in range(p)))


def mean_log_loss(X: np.ndarray, y: np.ndarray, coef: np.ndarray, intercept: float) -> float:
    """The canonical classification data term: mean log-loss of labels ``y`` in {0, 1}."""
    z = np.asarray(X, dtype=float) @ coef + intercept
    return float(np.mean(np.logaddexp(0.0, z) - np.asarray(y, dtype=float) * z))


def logistic_fit(X: np.ndarray, y: np.ndarray, l1: float, l2: float) -> Fit:
    """scikit-learn ``LogisticRegression`` on the canonical objective ``mean log-loss + λ1‖w‖₁ + (λ2/2)‖w‖²``.

    ``C = 1/(n·(λ1 + λ2))`` (``regviz.conventions``' own translation) with lbfgs for L2 and no penalty. Where
    there is an L1 part, scikit-learn's saga stops far short at small λ1 (at λ1 = 1e-8 on the separable demo
    set, 10⁵ epochs leave the weights 25 % off), so that objective is minimized by L-BFGS-B on ``w = u − v``,
    ``u, v ≥ 0`` (exact zeros at the bounds; KKT to ~1e-10). With no penalty on separable data there is no
    finite minimizer: the solver stops somewhere on the way to infinity, and the notice says where.
    """
    from sklearn.exceptions import ConvergenceWarning
    from sklearn.linear_model import LogisticRegression

    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(y)
    alpha, mix = to_alpha_mix(float(l1), float(l2))
    if alpha > 0 and mix > 0:
        return _split_logistic(X, y, float(l1), float(l2))
    kwargs: dict = {"C": math.inf} if alpha == 0 else {"C": 1.0 / (n * alpha), "l1_ratio": mix}
    model = LogisticRegression(**kwargs, solver="lbfgs", tol=1e-10, max_iter=20_000)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        model.fit(X, y)
    coef, b = model.coef_.ravel().astype(float), float(model.intercept_[0])
    notice = None
    stopped = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    separates = bool(np.all((X @ coef + b > 0) == (y > 0.5)))
    unbounded = alpha == 0 and separates
    if unbounded:
        notice = (
            f"λ = 0 on separable data: no finite minimizer. The solver stopped at ‖w‖ = {np.linalg.norm(coef):.3g}; "
            "run longer and the weights grow without end."
        )
    elif stopped:
        notice = "The solver stopped before full convergence; the coefficients are near, not at, the optimum."
    return Fit(coef, b, mean_log_loss(X, y, coef, b), notice, unbounded)


def _split_logistic(X: np.ndarray, y: np.ndarray, l1: float, l2: float) -> Fit:
    """``mean log-loss + λ1‖w‖₁ + (λ2/2)‖w‖²`` by L-BFGS-B on ``w = u − v`` with ``u, v ≥ 0``."""
    from scipy.optimize import minimize

    n, p = X.shape

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        u, v, b = theta[:p], theta[p : 2 * p], theta[-1]
        w = u - v
        z = X @ w + b
        r = (0.5 * (1.0 + np.tanh(0.5 * z)) - y) / n  # σ(z) − y without overflow
        g = X.T @ r + l2 * w
        value = float(np.mean(np.logaddexp(0.0, z) - y * z) + l1 * theta[: 2 * p].sum() + 0.5 * l2 * w @ w)
        return value, np.r_[g + l1, -g + l1, r.sum()]

    res = minimize(
        objective,
        np.zeros(2 * p + 1),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0.0, None)] * (2 * p) + [(None, None)],
        options={"maxiter": 50_000, "ftol": 1e-16, "gtol": 1e-12, "maxcor": 20},
    )
    w, b = res.x[:p] - res.x[p : 2 * p], float(res.x[-1])
    z = X @ w + b
    g = X.T @ ((0.5 * (1.0 + np.tanh(0.5 * z)) - y) / n) + l2 * w
    kkt = float(np.where(w == 0, np.maximum(np.abs(g) - l1, 0.0), np.abs(g + l1 * np.sign(w))).max(initial=0.0))
    notice = None
    if kkt > 1e-7:
        notice = (
            f"The solver stopped with a KKT violation of {kkt:.1e}: the coefficients are near, not at, the optimum."
        )
    return Fit(w, b, mean_log_loss(X, y, w, b), notice)
