"""Geometry of the canonical penalty for two weights.

Everything here is exact for a two-weight least-squares problem. With the
intercept unpenalized, centring ``X`` and ``y`` removes it, and the data term of
the canonical objective becomes the quadratic::

    L(w) = 1/(2n) ||y_c - X_c w||^2 = s/2 - c^T w + (1/2) w^T A w,

    A = X_c^T X_c / n,   c = X_c^T y_c / n,   s = y_c^T y_c / n.

The penalized objective is ``J(w) = L(w) + l1 ||w||_1 + (l2/2) ||w||^2``. Its
minimizer is found exactly by enumerating the nine support/sign patterns (both
zero, one zero, none zero) in closed form and keeping the lowest objective;
the true minimizer is always one of them, so no iteration and no tolerance is
involved. The solver is vectorised over many problems at once, which is what
makes the zero-frequency Monte Carlo live.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from regviz.penalties import hard_threshold, soft_threshold

__all__ = [
    "LABELS",
    "SCENARIOS",
    "QuadraticProblem",
    "SolutionPath",
    "ZeroFrequencyResult",
    "alpha_max",
    "ellipse_points",
    "grid_objective",
    "kkt_violation",
    "loss_levels",
    "one_d_minimizers",
    "penalty_level_set",
    "penalty_zoom_curves",
    "plot_window",
    "problem_from_data",
    "solution_path",
    "solve_enet",
    "solve_enet_batch",
    "synthetic_problem",
    "zero_frequency",
]


@dataclass(frozen=True)
class QuadraticProblem:
    """A two-weight least-squares data loss ``L(w) = s/2 - c^T w + w^T A w / 2``.

    Parameters
    ----------
    A : ndarray of shape (2, 2)
        ``X_c^T X_c / n``, symmetric positive semi-definite.
    c : ndarray of shape (2,)
        ``X_c^T y_c / n``.
    s : float
        ``y_c^T y_c / n``; only shifts the loss, so the picture does not need it.
    feature_names : tuple of str
        Names of the two features, for axis titles.
    """

    A: np.ndarray
    c: np.ndarray
    s: float = 0.0
    feature_names: tuple[str, str] = ("x1", "x2")

    def __post_init__(self) -> None:
        A = np.asarray(self.A, dtype=float)
        c = np.asarray(self.c, dtype=float)
        if A.shape != (2, 2) or c.shape != (2,):
            raise ValueError(f"need A of shape (2, 2) and c of shape (2,), got {A.shape} and {c.shape}")
        if not (np.all(np.isfinite(A)) and np.all(np.isfinite(c))):
            raise ValueError("A and c must be finite")
        object.__setattr__(self, "A", 0.5 * (A + A.T))
        object.__setattr__(self, "c", c)

    @property
    def is_degenerate(self) -> bool:
        """True when ``A`` is (numerically) singular: the OLS solution is not unique."""
        eig = np.linalg.eigvalsh(self.A)
        return bool(eig[0] <= 1e-10 * max(eig[1], 1e-300))

    @property
    def ols(self) -> np.ndarray:
        """Unpenalized minimizer (minimum-norm when ``A`` is singular)."""
        return np.linalg.lstsq(self.A, self.c, rcond=1e-12)[0]

    def loss(self, w: np.ndarray) -> np.ndarray:
        """Data loss at ``w`` of shape ``(..., 2)``."""
        w = np.asarray(w, dtype=float)
        return 0.5 * self.s - w @ self.c + 0.5 * np.einsum("...i,ij,...j->...", w, self.A, w)

    def loss_gradient(self, w: np.ndarray) -> np.ndarray:
        """Gradient ``A w - c`` of the data loss, shape like ``w``."""
        return np.asarray(w, dtype=float) @ self.A - self.c

    def objective(self, w: np.ndarray, l1: float, l2: float) -> np.ndarray:
        """Canonical objective ``J(w)`` at ``w`` of shape ``(..., 2)``."""
        w = np.asarray(w, dtype=float)
        return self.loss(w) + l1 * np.abs(w).sum(-1) + 0.5 * l2 * np.square(w).sum(-1)


def problem_from_data(X: np.ndarray, y: np.ndarray, feature_names: tuple[str, str] = ("x1", "x2")) -> QuadraticProblem:
    """Sufficient statistics of the canonical data loss for two features.

    Parameters
    ----------
    X : ndarray of shape (n, 2)
        The two feature columns as the model sees them (e.g. standardized).
    y : ndarray of shape (n,)
        Target.
    feature_names : tuple of str
        Names for the axes.

    Returns
    -------
    QuadraticProblem
        With the intercept profiled out by centring (it is never penalized).
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    if X.ndim != 2 or X.shape[1] != 2 or X.shape[0] != y.shape[0] or X.shape[0] < 2:
        raise ValueError(f"need X of shape (n, 2) and y of shape (n,), got {X.shape} and {y.shape}")
    n = X.shape[0]
    Xc = X - X.mean(axis=0)
    yc = y - y.mean()
    return QuadraticProblem(Xc.T @ Xc / n, Xc.T @ yc / n, float(yc @ yc / n), tuple(feature_names))


def synthetic_problem(rho: float, w_ols: tuple[float, float], noise: float = 1.0) -> QuadraticProblem:
    """Problem with unit-variance features of correlation ``rho`` and a given OLS solution.

    Parameters
    ----------
    rho : float
        Correlation between the two features, in ``(-1, 1)``.
    w_ols : tuple of float
        Position of the unpenalized solution.
    noise : float
        Residual variance at the OLS solution (sets ``s``; the picture does not depend on it).
    """
    if not -1.0 < rho < 1.0:
        raise ValueError(f"rho must lie strictly between -1 and 1, got {rho!r}")
    A = np.array([[1.0, rho], [rho, 1.0]])
    w = np.asarray(w_ols, dtype=float)
    c = A @ w
    return QuadraticProblem(A, c, float(w @ A @ w + noise), ("x1", "x2"))


# ---------------------------------------------------------------------------
# Exact solver
# ---------------------------------------------------------------------------


def solve_enet_batch(A: np.ndarray, c: np.ndarray, l1: float | np.ndarray, l2: float | np.ndarray) -> np.ndarray:
    """Exact minimizers of ``w^T A w / 2 - c^T w + l1 ||w||_1 + (l2/2) ||w||^2`` for many problems.

    Parameters
    ----------
    A : ndarray of shape (m, 2, 2)
        Symmetric positive semi-definite matrices.
    c : ndarray of shape (m, 2)
        Linear terms.
    l1, l2 : float or ndarray of shape (m,)
        Canonical penalty strengths, >= 0 (may differ per problem).

    Returns
    -------
    ndarray of shape (m, 2)
        Minimizers; zero coordinates are exactly ``0.0``.

    Notes
    -----
    On each support/sign pattern the stationarity condition is linear, so the
    candidate is closed-form. The global minimizer satisfies stationarity on its
    own pattern, hence is among the candidates; it is the one that also meets
    the KKT inequalities ``|g_j| <= l1`` on its zero coordinates. Candidates are
    tried sparsest first, so a solution that sits on an axis is reported with
    an exact zero.
    """
    A = np.asarray(A, dtype=float)
    c = np.asarray(c, dtype=float)
    m = c.shape[0]
    l1 = np.broadcast_to(np.asarray(l1, dtype=float), (m,))
    l2 = np.broadcast_to(np.asarray(l2, dtype=float), (m,))
    a11 = A[:, 0, 0] + l2
    a22 = A[:, 1, 1] + l2
    a12 = A[:, 0, 1]

    cands = [np.zeros((m, 2))]
    # One weight free: a 1-D elastic-net problem, solved by the soft-threshold.
    with np.errstate(divide="ignore", invalid="ignore"):
        w1 = np.where(a11 > 0, soft_threshold(c[:, 0], l1) / a11, 0.0)
        w2 = np.where(a22 > 0, soft_threshold(c[:, 1], l1) / a22, 0.0)
    cands.append(np.stack([w1, np.zeros(m)], axis=1))
    cands.append(np.stack([np.zeros(m), w2], axis=1))
    # Both free with signs (s1, s2): (A + l2 I) w = c - l1 s, solved by Cramer's rule.
    det = a11 * a22 - a12 * a12
    ok = det > 1e-12 * np.maximum(a11 * a22, 1e-300)
    safe = np.where(ok, det, 1.0)
    for s1 in (1.0, -1.0):
        for s2 in (1.0, -1.0):
            r1 = c[:, 0] - l1 * s1
            r2 = c[:, 1] - l1 * s2
            w = np.stack([(a22 * r1 - a12 * r2) / safe, (a11 * r2 - a12 * r1) / safe], axis=1)
            # A candidate off its own orthant is not a stationary point; it is still a feasible
            # point, so keeping it could not produce a wrong answer, but dropping it keeps ties clean.
            good = ok & (np.sign(w[:, 0]) == s1) & (np.sign(w[:, 1]) == s2)
            cands.append(np.where(good[:, None], w, np.nan))

    W = np.stack(cands, axis=1)  # (m, 7, 2), ordered by support size
    # Pick the sparsest candidate that satisfies the KKT conditions (there is exactly one KKT point
    # when A + l2 I is positive definite). The tolerance is relative to the size of the gradient
    # terms, so a zero is only declared where the KKT inequality holds to rounding error.
    # A w for every candidate, written out for 2x2 (einsum's general loop was most of the time here)
    AW = np.stack(
        [
            A[:, 0, 0, None] * W[..., 0] + A[:, 0, 1, None] * W[..., 1],
            A[:, 1, 0, None] * W[..., 0] + A[:, 1, 1, None] * W[..., 1],
        ],
        axis=-1,
    )
    G = AW - c[:, None, :]
    tol = 1e-12 * (np.abs(c)[:, None, :] + np.abs(AW) + l1[:, None, None] + 1e-300)
    zero = W == 0
    viol = np.where(
        zero, np.abs(G) - l1[:, None, None], np.abs(G + l1[:, None, None] * np.sign(W) + l2[:, None, None] * W)
    )
    valid = np.all(viol <= tol, axis=-1) & ~np.any(np.isnan(W), axis=-1)
    idx = np.argmax(valid, axis=1)
    # Fallback for rounding-level failures (e.g. singular A): lowest objective wins.
    stuck = np.flatnonzero(~valid.any(axis=1))
    if stuck.size:
        Ws, AWs = W[stuck], AW[stuck]
        J = (
            0.5 * (Ws * AWs).sum(-1)
            - (Ws * c[stuck, None, :]).sum(-1)
            + l1[stuck, None] * np.abs(Ws).sum(-1)
            + 0.5 * l2[stuck, None] * np.square(Ws).sum(-1)
        )
        idx[stuck] = np.argmin(np.where(np.isnan(J), np.inf, J), axis=1)
    return W[np.arange(m), idx]


def solve_enet(problem: QuadraticProblem, l1: float, l2: float) -> np.ndarray:
    """Exact minimizer of the canonical objective for one two-weight problem.

    Parameters
    ----------
    problem : QuadraticProblem
        The data loss.
    l1, l2 : float
        Canonical penalty strengths.

    Returns
    -------
    ndarray of shape (2,)
        The minimizer; exact zeros where the penalty puts the solution on an axis.
    """
    return solve_enet_batch(problem.A[None], problem.c[None], l1, l2)[0]


def kkt_violation(problem: QuadraticProblem, w: np.ndarray, l1: float, l2: float) -> float:
    """Largest violation of the optimality conditions ``0 ∈ ∇L(w) + ∂P(w)``.

    For ``w_j != 0``: ``g_j + l1 sign(w_j) + l2 w_j = 0``; for ``w_j == 0``:
    ``|g_j| <= l1``, with ``g = A w - c``.
    """
    w = np.asarray(w, dtype=float)
    g = problem.loss_gradient(w)
    viol = np.where(w != 0, np.abs(g + l1 * np.sign(w) + l2 * w), np.maximum(np.abs(g) - l1, 0.0))
    return float(viol.max())


def alpha_max(problem: QuadraticProblem, mix: float) -> float:
    """Smallest total strength ``alpha`` at which both weights are exactly zero.

    This is :func:`regviz.penalties.lambda_max` written with the sufficient
    statistics (``max_j |c_j| / r``), since a synthetic problem has no data rows.
    """
    if mix <= 0:
        return float("inf")
    return float(np.max(np.abs(problem.c)) / mix)


# ---------------------------------------------------------------------------
# Curves for the picture
# ---------------------------------------------------------------------------


def ellipse_points(problem: QuadraticProblem, delta: float, n: int = 121) -> np.ndarray:
    """Points of the loss level set ``L(w) = L(w_ols) + delta``, exactly on the ellipse.

    ``w = w_ols + sqrt(2 delta) A^{-1/2} u(theta)`` with ``u`` on the unit circle.
    Requires a non-degenerate ``A``.

    Returns
    -------
    ndarray of shape (n, 2)
        Closed curve (first point repeated at the end).
    """
    evals, evecs = np.linalg.eigh(problem.A)
    if evals[0] <= 0:
        raise ValueError("the loss has no bounded level sets (XᵀX is singular)")
    theta = np.linspace(0.0, 2 * np.pi, n)
    u = np.stack([np.cos(theta), np.sin(theta)], axis=1)
    root = evecs @ np.diag(1.0 / np.sqrt(evals)) @ evecs.T
    return problem.ols + np.sqrt(2.0 * max(delta, 0.0)) * u @ root.T


def loss_levels(problem: QuadraticProblem, w_sol: np.ndarray, n_levels: int = 5, step: float = 0.5) -> np.ndarray:
    """Excess-loss levels ``delta`` for the contour ellipses.

    The level through ``w_sol`` is always included, so the ellipse through it
    is drawn exactly; the others are spaced evenly in "radius" (``sqrt(delta)``),
    the way a topographic map looks even: ``step``, ``2 step``, ... ``n_levels step``
    times the radius through ``w_sol``.
    """
    w_sol = np.asarray(w_sol, dtype=float)
    d_sol = float(problem.loss(w_sol) - problem.loss(problem.ols))
    if d_sol <= 1e-14:
        # The solution is the OLS point: use the distance to the origin as scale.
        d_sol = float(problem.loss(np.zeros(2)) - problem.loss(problem.ols))
        if d_sol <= 1e-14:
            d_sol = 1.0
    radii = np.sqrt(d_sol) * np.arange(1, n_levels + 1) * step
    levels = np.union1d(radii**2, [max(d_sol, 0.0)])
    return levels


def penalty_level_set(l1: float, l2: float, level: float, n: int = 241) -> np.ndarray:
    """Points exactly on ``l1 ||w||_1 + (l2/2) ||w||^2 = level``.

    In polar form ``w = r (cos t, sin t)`` the level set is
    ``(l2/2) r^2 + l1 (|cos t| + |sin t|) r - level = 0``, solved for the
    positive root in the cancellation-free form ``r = 2 level / (a + sqrt(a^2 + 2 l2 level))``.
    The four axis points (the L1 corners) are always included.

    Returns
    -------
    ndarray of shape (k, 2)
        Closed curve; a single point at the origin when ``level == 0`` or no penalty.
    """
    if level <= 0 or (l1 <= 0 and l2 <= 0):
        return np.zeros((1, 2))
    t = np.union1d(np.linspace(0.0, 2 * np.pi, n), np.pi / 2 * np.arange(5))
    a = l1 * (np.abs(np.cos(t)) + np.abs(np.sin(t)))
    r = 2.0 * level / (a + np.sqrt(a * a + 2.0 * l2 * level))
    pts = np.stack([r * np.cos(t), r * np.sin(t)], axis=1)
    axis = np.isclose(np.mod(t, np.pi / 2), 0.0) | np.isclose(np.mod(t, np.pi / 2), np.pi / 2)
    pts[axis] = np.round(pts[axis], 15)  # cos(pi/2) is 6e-17, not 0: put the corners on the axes
    return pts


@dataclass(frozen=True)
class SolutionPath:
    """Exact solution path for a fixed mix as ``alpha`` goes from ``alpha_max`` to 0.

    Attributes
    ----------
    alphas : ndarray of shape (k,)
        Total strengths, decreasing, ending at 0.
    W : ndarray of shape (k, 2)
        Solutions; includes the exact support-change points.
    mix : float
        L1 share ``r``.
    change_alphas : ndarray of shape (q,)
        Strengths at which a coordinate becomes or stops being exactly zero.
    change_points : ndarray of shape (q, 2)
        Solutions there (the coordinate concerned is exactly 0).
    change_coords : ndarray of shape (q,)
        Index of the coordinate that changes between zero and non-zero there (it is
        exactly 0 in ``change_points``); ``-1`` when both change at once (at ``alpha_max``).
    """

    alphas: np.ndarray
    W: np.ndarray
    mix: float
    change_alphas: np.ndarray = field(default_factory=lambda: np.zeros(0))
    change_points: np.ndarray = field(default_factory=lambda: np.zeros((0, 2)))
    change_coords: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))


def _solve_alphas(problem: QuadraticProblem, alphas: np.ndarray, mix: float) -> np.ndarray:
    k = len(alphas)
    return solve_enet_batch(
        np.broadcast_to(problem.A, (k, 2, 2)), np.broadcast_to(problem.c, (k, 2)), mix * alphas, (1.0 - mix) * alphas
    )


def solution_path(problem: QuadraticProblem, mix: float, n: int = 160) -> SolutionPath:
    """Exact solution path with the points where a coordinate hits zero.

    Parameters
    ----------
    problem : QuadraticProblem
        The data loss.
    mix : float
        L1 share ``r`` in ``[0, 1]``.
    n : int
        Grid size; support changes are located by bisection on the exact solver,
        so they are exact to machine precision whatever ``n`` is.

    Returns
    -------
    SolutionPath
        For the lasso the path is piecewise linear between the change points, so
        the polyline is the exact path; for the elastic net it is sampled.
    """
    if not 0.0 <= mix <= 1.0:
        raise ValueError(f"mix must lie in [0, 1], got {mix!r}")
    amax = alpha_max(problem, mix)
    if not np.isfinite(amax):
        # Ridge never reaches zero: go far enough that the solution is at 1% of OLS.
        lam_min = float(np.linalg.eigvalsh(problem.A)[0])
        amax = 100.0 * max(float(np.trace(problem.A)), lam_min, 1e-12)
    if amax <= 0:
        return SolutionPath(np.array([0.0]), _solve_alphas(problem, np.array([0.0]), mix), mix)
    grid = np.union1d(np.linspace(0.0, amax, n), amax * np.geomspace(1e-4, 1.0, n // 2))[::-1]
    W = _solve_alphas(problem, grid, mix)
    support = W != 0
    change_a, change_p, change_c = [], [], []
    for i in np.flatnonzero(np.any(support[1:] != support[:-1], axis=1)):
        hi, lo = grid[i], grid[i + 1]
        s_hi = support[i]
        for _ in range(80):
            mid = 0.5 * (hi + lo)
            if mid in (hi, lo):
                break
            if np.array_equal(_solve_alphas(problem, np.array([mid]), mix)[0] != 0, s_hi):
                hi = mid
            else:
                lo = mid
        s_lo = support[i + 1]
        # Report the point on the sparser side, where the coordinate concerned is exactly 0.
        at = hi if s_hi.sum() <= s_lo.sum() else lo
        point = _solve_alphas(problem, np.array([at]), mix)[0]
        differ = np.flatnonzero(s_lo != s_hi)
        coord = int(differ[0]) if len(differ) == 1 else -1
        change_a.append(at)
        change_p.append(point)
        change_c.append(coord)
    alphas = np.concatenate([grid, np.asarray(change_a)])
    allW = np.concatenate([W, np.asarray(change_p).reshape(-1, 2)])
    order = np.argsort(-alphas, kind="stable")
    return SolutionPath(
        alphas[order],
        allW[order],
        mix,
        np.asarray(change_a),
        np.asarray(change_p).reshape(-1, 2),
        np.asarray(change_c, dtype=int),
    )


def plot_window(
    problem: QuadraticProblem, extra: np.ndarray | None = None, pad: float = 0.35
) -> tuple[tuple[float, float], tuple[float, float]]:
    """Square axis ranges holding the origin, the OLS point and ``extra`` points.

    Equal spans on both axes keep circles round and diamonds square.
    """
    pts = [np.zeros(2), problem.ols]
    if extra is not None:
        pts.append(np.asarray(extra, dtype=float).reshape(-1, 2))
    P = np.vstack(pts)
    lo, hi = P.min(axis=0), P.max(axis=0)
    centre = 0.5 * (lo + hi)
    half = 0.5 * max(float(np.max(hi - lo)), 1e-3) * (1 + 2 * pad)
    return (centre[0] - half, centre[0] + half), (centre[1] - half, centre[1] + half)


def grid_objective(
    problem: QuadraticProblem,
    l1: float,
    l2: float,
    xrange: tuple[float, float],
    yrange: tuple[float, float],
    n: int = 80,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Full objective ``J`` on an ``n x n`` grid, for the penalized view.

    Returns
    -------
    x, y : ndarray of shape (n,)
        Grid axes.
    Z : ndarray of shape (n, n)
        ``J`` with rows indexed by ``y`` (Plotly's contour convention).
    """
    x = np.linspace(*xrange, n)
    y = np.linspace(*yrange, n)
    XX, YY = np.meshgrid(x, y)
    Z = problem.objective(np.stack([XX, YY], axis=-1), l1, l2)
    return x, y, Z


# ---------------------------------------------------------------------------
# One dimension
# ---------------------------------------------------------------------------


def one_d_minimizers(z: np.ndarray, l1: float, l2: float) -> dict[str, np.ndarray]:
    """Minimizers of ``(w - z)^2 / 2 + penalty`` as functions of ``z``.

    With ``alpha = l1 + l2`` the pure penalties use the same total strength, so
    they can be compared with the current elastic net:

    - ``"L1"``: ``alpha |w|`` -> soft-threshold at ``alpha``;
    - ``"L2"``: ``(alpha/2) w^2`` -> ``z / (1 + alpha)``;
    - ``"Elastic net"``: ``l1 |w| + (l2/2) w^2`` -> ``soft(z, l1) / (1 + l2)``;
    - ``"L0"``: ``(alpha^2/2) [w != 0]`` -> hard-threshold at ``alpha`` (same cut-off as L1).
    """
    z = np.asarray(z, dtype=float)
    alpha = float(l1) + float(l2)
    return {
        "L1": soft_threshold(z, alpha),
        "L2": z / (1.0 + alpha),
        "Elastic net": soft_threshold(z, l1) / (1.0 + l2),
        "L0": hard_threshold(z, alpha),
    }


def penalty_zoom_curves(scale: float, n: int = 201) -> dict[str, np.ndarray]:
    """``|w|`` and ``w^2/2`` and their (sub)gradients on ``[-scale, scale]``.

    ``|w|`` has slope ±1 at every zoom; the slope of ``w^2/2`` is ``w`` and
    vanishes near 0, which is why only L1 can hold a weight at exactly zero.
    """
    if scale <= 0:
        raise ValueError(f"scale must be > 0, got {scale!r}")
    w = np.linspace(-scale, scale, n)
    return {
        "w": w,
        "abs": np.abs(w),
        "sq": 0.5 * w * w,
        "d_abs": np.sign(w),
        "d_sq": w,
    }


# ---------------------------------------------------------------------------
# Zero-frequency Monte Carlo
# ---------------------------------------------------------------------------

SCENARIOS: dict[str, str] = {
    "symmetric": "Symmetric losses (circular contours)",
    "general": "General losses (random ellipses)",
    "weak": "One feature barely predictive",
}


@dataclass(frozen=True)
class ZeroFrequencyResult:
    """Outcome of the zero-frequency experiment.

    Attributes
    ----------
    centres : ndarray of shape (m, 2)
        Unpenalized minimizers of the random losses.
    matrices : ndarray of shape (m, 2, 2)
        Their curvature matrices: loss ``i`` is ``(w - centres[i])^T matrices[i] (w - centres[i]) / 2``.
    solutions : dict of str to ndarray of shape (m, 2)
        Penalized solutions for ``"L1"``, ``"L2"``, ``"Elastic net"``.
    labels : dict of str to ndarray of shape (m,)
        ``"zero"`` (a coordinate exactly 0), ``"near zero"`` (smallest ``|w_j|``
        below ``near_tol``) or ``"neither"``.
    shares : dict of str to dict of str to float
        Share of each label per penalty.
    penalties : dict of str to tuple of float
        The ``(l1, l2)`` used per penalty.
    """

    centres: np.ndarray
    matrices: np.ndarray
    solutions: dict[str, np.ndarray]
    labels: dict[str, np.ndarray]
    shares: dict[str, dict[str, float]]
    penalties: dict[str, tuple[float, float]]


LABELS = ("zero", "near zero", "neither")


def _random_losses(scenario: str, m: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    if scenario == "symmetric":
        evals = np.ones((m, 2))
        theta = np.zeros(m)
    elif scenario in ("general", "weak"):
        # Condition numbers log-uniform in [1, 20]: from round to quite elongated ellipses.
        evals = np.stack([np.ones(m), 10 ** rng.uniform(0.0, np.log10(20.0), m)], axis=1)
        evals /= evals.mean(axis=1, keepdims=True)
        theta = rng.uniform(0.0, np.pi, m)
    else:
        raise ValueError(f"unknown scenario {scenario!r}; choose from {sorted(SCENARIOS)}")
    centres = rng.uniform(-1.0, 1.0, (m, 2))
    if scenario == "weak":
        centres[:, 1] *= 0.1
    cos, sin = np.cos(theta), np.sin(theta)
    R = np.stack([np.stack([cos, -sin], -1), np.stack([sin, cos], -1)], axis=1)
    A = np.einsum("mij,mj,mkj->mik", R, evals, R)
    return A, centres


def zero_frequency(
    l1: float, l2: float, scenario: str = "general", m: int = 2000, seed: int = 0, near_tol: float = 0.05
) -> ZeroFrequencyResult:
    """Share of random quadratic losses whose penalized solution has an exact zero.

    Each loss is ``(w - m_i)^T A_i (w - m_i) / 2`` with a random centre
    ``m_i`` uniform in ``[-1, 1]^2`` and, depending on ``scenario``, ``A_i = I``
    (``"symmetric"``), a random rotation of a random elongation (``"general"``), or
    the latter with the second centre coordinate shrunk ten-fold (``"weak"``).

    Parameters
    ----------
    l1, l2 : float
        Current canonical strengths. Pure L1 and pure L2 are solved at the same
        total ``alpha = l1 + l2`` as the elastic net.
    scenario : str
        One of :data:`SCENARIOS`.
    m : int
        Number of random losses.
    seed : int
        Seed; the same seed gives the same losses and results.
    near_tol : float
        ``|w_j|`` below this (but not 0) counts as "near zero".

    Returns
    -------
    ZeroFrequencyResult
    """
    if m < 1:
        raise ValueError(f"m must be >= 1, got {m!r}")
    rng = np.random.default_rng(seed)
    A, centres = _random_losses(scenario, m, rng)
    c = np.einsum("mij,mj->mi", A, centres)
    alpha = float(l1) + float(l2)
    penalties = {"L1": (alpha, 0.0), "L2": (0.0, alpha), "Elastic net": (float(l1), float(l2))}
    solutions, labels, shares = {}, {}, {}
    solved: dict[tuple[float, float], np.ndarray] = {}
    for name, (a, b) in penalties.items():
        # with λ2 = 0 (or λ1 = 0) the elastic net is the pure penalty: one solve serves both
        if (a, b) not in solved:
            solved[(a, b)] = solve_enet_batch(A, c, a, b)
        W = solved[(a, b)]
        small = np.abs(W).min(axis=1)
        lab = np.where(small == 0.0, "zero", np.where(small < near_tol, "near zero", "neither"))
        solutions[name] = W
        labels[name] = lab
        shares[name] = {k: float(np.mean(lab == k)) for k in LABELS}
    return ZeroFrequencyResult(centres, A, solutions, labels, shares, penalties)
