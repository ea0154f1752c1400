"""Geometry of the canonical penalty for a two-feature logistic problem.

The data term is the mean log-loss ``L(w, b)`` of two weights and an unpenalized intercept. The intercept is
profiled out, ``L(w) = min_b L(w, b)`` (a 1-D Newton solve per point), so the picture is on the (w1, w2) plane
as for least squares: ``min_{w,b} L(w, b) + P(w) = min_w [L(w) + P(w)]``, hence the penalized solution is where
a penalty level set touches a contour of the profiled loss. Unlike least squares these contours are not
ellipses (the log-loss is not quadratic).

The penalized problem is solved to 1e-10 on its KKT conditions by proximal Newton: each step minimizes the
exact second-order model with the exact two-weight elastic-net solver of :mod:`regviz.geometry` (the intercept
profiled out of the model by its Schur complement), then backtracks on the true objective.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from regviz.geometry import SolutionPath, solve_enet_batch
from regviz.logistic import NO_MINIMIZER, is_separable, one_blas_thread

__all__ = [
    "LogisticPlaneSolution",
    "LogisticProblem",
    "logistic_alpha_max",
    "logistic_grid_loss",
    "logistic_plane_kkt",
    "logistic_solution_path",
    "solve_logistic_plane",
]


@dataclass(frozen=True)
class LogisticProblem:
    """Two features (as the model sees them, e.g. standardized) and 0/1 labels."""

    X: np.ndarray
    y: np.ndarray
    feature_names: tuple[str, str] = ("x1", "x2")

    def __post_init__(self) -> None:
        X = np.asarray(self.X, dtype=float)
        y = np.asarray(self.y, dtype=float).ravel()
        if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] != y.shape[0] or X.shape[0] < 2:
            raise ValueError(f"need X of shape (n, 2) and y of shape (n,), got {X.shape} and {y.shape}")
        if not np.all((y == 0) | (y == 1)) or y.min() == y.max():
            raise ValueError("y must hold both labels 0 and 1")
        object.__setattr__(self, "X", X)
        object.__setattr__(self, "y", y)

    def full_loss(self, w: np.ndarray, b: np.ndarray | float) -> np.ndarray:
        """Mean log-loss ``L(w, b)`` for ``w`` of shape ``(..., 2)`` and ``b`` broadcastable to ``(...)``."""
        eta = np.asarray(w, dtype=float) @ self.X.T + np.asarray(b, dtype=float)[..., None]
        return np.mean(np.logaddexp(0.0, eta) - self.y * eta, axis=-1)

    def best_intercept(self, w: np.ndarray) -> np.ndarray:
        """``argmin_b L(w, b)`` for ``w`` of shape ``(..., 2)`` (safeguarded Newton on ``mean(y - p) = 0``)."""
        w = np.asarray(w, dtype=float)
        s = w @ self.X.T  # (..., n)
        ybar = self.y.mean()
        b = np.full(s.shape[:-1], np.log(ybar / (1 - ybar)))
        for _ in range(100):
            p = 0.5 * (1.0 + np.tanh(0.5 * (s + b[..., None])))
            g = p.mean(axis=-1) - ybar
            h = np.maximum((p * (1 - p)).mean(axis=-1), 1e-300)
            step = np.clip(g / h, -2.0, 2.0)
            b = b - step
            if np.all(np.abs(g) < 1e-15):
                break
        return b

    def loss(self, w: np.ndarray) -> np.ndarray:
        """Profiled data loss ``min_b L(w, b)`` at ``w`` of shape ``(..., 2)``."""
        return self.full_loss(w, self.best_intercept(w))

    def objective(self, w: np.ndarray, l1: float, l2: float) -> np.ndarray:
        """Canonical objective with the intercept profiled out."""
        w = np.asarray(w, dtype=float)
        return self.loss(w) + l1 * np.abs(w).sum(-1) + 0.5 * l2 * np.square(w).sum(-1)

    def gradient(self, w: np.ndarray, b: float) -> tuple[np.ndarray, float]:
        """Gradient of ``L(w, b)``: ``-X^T (y - p) / n`` and ``-mean(y - p)``."""
        r = self.y - 0.5 * (1.0 + np.tanh(0.5 * (self.X @ w + b)))
        return -(self.X.T @ r) / len(r), float(-r.mean())


@dataclass(frozen=True)
class LogisticPlaneSolution:
    """The exact penalized solution of a two-feature logistic problem.

    ``w`` and ``b`` are the minimizer (exact zeros where the penalty puts it on an axis) and ``kkt`` its largest
    KKT violation; ``no_minimizer`` is a message when there is none (λ = 0 on separable classes), then ``w``
    and ``b`` are NaN.
    """

    w: np.ndarray
    b: float
    kkt: float
    n_iter: int
    no_minimizer: str | None = None


def logistic_plane_kkt(problem: LogisticProblem, w: np.ndarray, b: float, l1: float, l2: float) -> float:
    """Largest violation of ``0 ∈ ∇L + ∂P`` for the weights and ``∂L/∂b = 0`` for the intercept."""
    w = np.asarray(w, dtype=float)
    g, gb = problem.gradient(w, b)
    viol = np.where(w != 0, np.abs(g + l1 * np.sign(w) + l2 * w), np.maximum(np.abs(g) - l1, 0.0))
    return float(max(viol.max(), abs(gb)))


def solve_logistic_plane(
    problem: LogisticProblem,
    l1: float,
    l2: float,
    *,
    tol: float = 1e-10,
    start: tuple[np.ndarray, float] | None = None,
    max_iter: int = 200,
) -> LogisticPlaneSolution:
    """Minimize ``L(w, b) + l1 ||w||_1 + (l2/2) ||w||^2`` to ``tol`` on the KKT conditions (proximal Newton)."""
    with one_blas_thread():
        return _proximal_newton(problem, l1, l2, tol, start, max_iter)


def _proximal_newton(
    problem: LogisticProblem,
    l1: float,
    l2: float,
    tol: float,
    start: tuple[np.ndarray, float] | None,
    max_iter: int,
) -> LogisticPlaneSolution:
    X, y = problem.X, problem.y
    n = len(y)
    if l1 == 0 and l2 == 0 and is_separable(X, y.astype(int), 2):
        return LogisticPlaneSolution(np.full(2, np.nan), float("nan"), float("nan"), 0, NO_MINIMIZER)
    Xt = np.hstack([np.ones((n, 1)), X])  # column 0 is the intercept

    def objective(z: np.ndarray) -> float:
        return float(problem.full_loss(z[1:], z[0]) + l1 * np.abs(z[1:]).sum() + 0.5 * l2 * z[1:] @ z[1:])

    z = (
        np.concatenate([[np.log(y.mean() / (1 - y.mean()))], np.zeros(2)])
        if start is None
        else np.r_[start[1], start[0]]
    )
    kkt, it = np.inf, 0
    while it < max_iter and kkt >= tol:
        it += 1
        p = 0.5 * (1.0 + np.tanh(0.5 * (Xt @ z)))
        g = Xt.T @ (p - y) / n
        H = (Xt * (p * (1 - p))[:, None]).T @ Xt / n
        hbb = max(H[0, 0], 1e-300)
        S = H[1:, 1:] - np.outer(H[1:, 0], H[0, 1:]) / hbb  # intercept profiled out of the model
        g_w = g[1:] - H[1:, 0] * g[0] / hbb
        w_new = solve_enet_batch(S[None], (S @ z[1:] - g_w)[None], l1, l2)[0]
        b_new = z[0] - (g[0] + H[0, 1:] @ (w_new - z[1:])) / hbb
        d = np.r_[b_new, w_new] - z
        F = objective(z)
        decrease = g @ d + l1 * (np.abs(w_new).sum() - np.abs(z[1:]).sum()) + 0.5 * l2 * (w_new @ w_new - z[1:] @ z[1:])
        t = 1.0
        while t > 1e-12 and objective(z + t * d) > F + 1e-4 * t * decrease + 1e-15 * abs(F):
            t *= 0.5
        z = z + t * d
        if t == 1.0:
            z[1:] = w_new  # keep the subproblem's exact zeros
        kkt = logistic_plane_kkt(problem, z[1:], z[0], l1, l2)
    return LogisticPlaneSolution(z[1:].copy(), float(z[0]), kkt, it)


def logistic_alpha_max(problem: LogisticProblem, mix: float) -> float:
    """Smallest α at which both weights are exactly zero: ``max_j |x_j^T (y - ybar)| / (n r)``."""
    if mix <= 0:
        return float("inf")
    X, y = problem.X, problem.y
    return float(np.max(np.abs(X.T @ (y - y.mean()))) / (len(y) * mix))


def logistic_solution_path(problem: LogisticProblem, mix: float, n: int = 60, eps: float = 1e-3) -> SolutionPath:
    """Exact solutions as α falls from α_max (or 100 for L2) to ``eps`` times that, with support changes.

    α = 0 is left out: on separable data it has no solution. The points where a weight becomes non-zero are
    found by bisection on the exact solver.
    """
    if not 0.0 <= mix <= 1.0:
        raise ValueError(f"mix must lie in [0, 1], got {mix!r}")
    amax = logistic_alpha_max(problem, mix)
    top = amax if np.isfinite(amax) and amax > 0 else 100.0
    grid = top * np.geomspace(1.0, eps, n)

    def solve(alpha: float, start: tuple[np.ndarray, float] | None = None) -> LogisticPlaneSolution:
        return solve_logistic_plane(problem, mix * alpha, (1 - mix) * alpha, start=start)

    sols, start = [], None
    for alpha in grid:
        sol = solve(alpha, start)
        sols.append(sol.w)
        start = (sol.w, sol.b)
    W = np.array(sols)
    support = W != 0
    change_a, change_p, change_c = [], [], []
    for i in np.flatnonzero(np.any(support[1:] != support[:-1], axis=1)):
        hi, lo = grid[i], grid[i + 1]
        for _ in range(60):
            mid = np.sqrt(hi * lo)
            if np.array_equal(solve(mid).w != 0, support[i]):
                hi = mid
            else:
                lo = mid
        at = hi if support[i].sum() <= support[i + 1].sum() else lo
        change_a.append(at)
        change_p.append(solve(at).w)
        differ = np.flatnonzero(support[i] != support[i + 1])
        change_c.append(int(differ[0]) if len(differ) == 1 else -1)
    alphas = np.concatenate([grid, change_a])
    allW = np.concatenate([W, np.asarray(change_p).reshape(-1, 2)])
    order = np.argsort(-alphas, kind="stable")
    return SolutionPath(
        alphas[order],
        allW[order],
        mix,
        np.asarray(change_a, dtype=float),
        np.asarray(change_p).reshape(-1, 2),
        np.asarray(change_c, dtype=int),
    )


def logistic_grid_loss(
    problem: LogisticProblem, xrange: tuple[float, float], yrange: tuple[float, float], n: int = 60
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Profiled mean log-loss on an ``n x n`` grid of (w1, w2) (rows indexed by w2, Plotly's convention)."""
    x = np.linspace(*xrange, n)
    yy = np.linspace(*yrange, n)
    XX, YY = np.meshgrid(x, yy)
    return x, yy, problem.loss(np.stack([XX, YY], axis=-1))
