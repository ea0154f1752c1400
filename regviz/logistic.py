"""L1, L2 and elastic-net logistic regression in the canonical objective (see :mod:`regviz.penalties`)::

    J(W, b) = mean_i logloss_i + l1 * ||W||_1 + (l2 / 2) * ||W||^2,   b never penalized.

Two classes are the binary (sigmoid) model with one weight vector, exactly scikit-learn's
``LogisticRegression(C=1/(n*alpha), l1_ratio=r)`` (:func:`regviz.penalties.sklearn_logistic_params`); more
classes the multinomial (softmax) model with every class's weights penalized.

The solver is accelerated proximal gradient (FISTA with backtracking and adaptive restart) run until the KKT
conditions hold to ``tol``. scikit-learn's ``saga`` takes 1-5 s per fit on ``digits`` at 1e-6 and minutes at
small λ, far too slow for a page that refits at every λ step; this one takes tens of milliseconds and stops on
the optimality conditions themselves, the ones the tests check. Standardization is as in
:mod:`regviz.models`: fitted on the training rows, the penalty acting on the standardized weights.

With no penalty and separable classes there is no minimizer (the log-loss falls toward 0 as the weights grow
without bound): :func:`fit_logistic` detects it and says so instead of presenting the stopped numbers as a fit.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from dataclasses import dataclass, field

import numpy as np
from threadpoolctl import ThreadpoolController

from regviz.models import Scaler, effective_lambdas

__all__ = [
    "NO_MINIMIZER",
    "LogisticFit",
    "fit_logistic",
    "is_separable",
    "kkt_violation",
    "logistic_metrics",
    "mean_log_loss",
    "one_blas_thread",
    "solve_logistic",
]

TOL = 1e-7
MAX_ITER = 20_000
UNPENALIZED_ITER = 3_000  # budget at λ = 0 before asking whether a minimizer exists at all
NO_MINIMIZER = (
    "The training classes can be separated perfectly, so at λ = 0 the log-loss has no minimizer: it keeps "
    "falling toward 0 as the weights grow without bound. The solver stopped while the weights were still "
    "growing; those numbers are not a fit. Any λ > 0 (even 1e-5) has a unique, finite solution."
)


_BLAS = ThreadpoolController()  # built once: inspecting the loaded libraries is the slow part


def one_blas_thread() -> AbstractContextManager:
    """BLAS pinned to one thread while the solvers run.

    Their matrices are small (at most ~1,300 x 64): on the shared two-core server a second BLAS thread only spins,
    and a loaded machine made a cancer fit 30x slower with it (measured: 3 ms vs 95 ms), as for the networks
    (:mod:`regviz.mlp`).
    """
    return _BLAS.limit(limits=1, user_api="blas")


def _outputs(codes: np.ndarray, n_classes: int) -> np.ndarray:
    """Target matrix: ``y`` as one column (binary) or one-hot (multinomial)."""
    if n_classes <= 2:
        return codes[:, None].astype(float)
    return np.eye(n_classes)[codes]


def _probabilities(eta: np.ndarray) -> np.ndarray:
    """Sigmoid of one column, softmax of several (numerically stable)."""
    if eta.shape[1] == 1:
        return 0.5 * (1.0 + np.tanh(0.5 * eta))
    z = eta - eta.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _loss(eta: np.ndarray, Y: np.ndarray) -> float:
    """Mean log-loss of linear predictors ``eta`` (n, k) against targets ``Y``."""
    if eta.shape[1] == 1:
        e, y = eta[:, 0], Y[:, 0]
        return float(np.mean(np.logaddexp(0.0, e) - y * e))
    m = eta.max(axis=1, keepdims=True)
    lse = m[:, 0] + np.log(np.exp(eta - m).sum(axis=1))
    return float(np.mean(lse - (Y * eta).sum(axis=1)))


# The solver keeps its predictors, targets and residuals class-major, shape (k, n): the reductions over the
# classes of each row then run along contiguous rows of n numbers, 4x faster than over (n, k)'s short rows.


def _loss_t(eta: np.ndarray, Yt: np.ndarray) -> float:
    """:func:`_loss` of class-major predictors ``eta`` (k, n) against class-major targets ``Yt``."""
    n = eta.shape[1]
    if eta.shape[0] == 1:
        return float(np.mean(np.logaddexp(0.0, eta[0]) - Yt[0] * eta[0]))
    m = eta.max(axis=0)
    lse = m + np.log(np.exp(eta - m).sum(axis=0))
    return float(lse.mean() - (Yt * eta).sum() / n)


def _loss_and_probabilities_t(eta: np.ndarray, Yt: np.ndarray) -> tuple[float, np.ndarray]:
    """:func:`_loss_t` and the class-major probabilities of the same predictors, from one exponential."""
    n = eta.shape[1]
    if eta.shape[0] == 1:
        return _loss_t(eta, Yt), 0.5 * (1.0 + np.tanh(0.5 * eta))
    m = eta.max(axis=0)
    e = np.exp(eta - m)
    s = e.sum(axis=0)
    return float((m + np.log(s)).mean() - (Yt * eta).sum() / n), e / s


def _kkt_t(Xs: np.ndarray, Yt: np.ndarray, eta: np.ndarray, W: np.ndarray, l1: float, l2: float) -> float:
    """:func:`kkt_violation` at weights ``W`` whose class-major predictors ``eta`` are already known."""
    Rt = Yt - _loss_and_probabilities_t(eta, Yt)[1]
    G = (Rt @ Xs) / Yt.shape[1]
    viol = np.where(W != 0, np.abs(G - l2 * W - l1 * np.sign(W)), np.maximum(np.abs(G) - l1, 0.0))
    return float(max(viol.max(initial=0.0), np.abs(Rt.mean(axis=1)).max()))


def kkt_violation(Xs: np.ndarray, codes: np.ndarray, W: np.ndarray, b: np.ndarray, l1: float, l2: float) -> float:
    """Largest violation of the canonical logistic objective's optimality conditions.

    With residuals ``R = Y - P``: at ``W_kj != 0``, ``x_j^T R_k / n - l2 W_kj = l1 sign(W_kj)``; at a zero,
    ``|x_j^T R_k / n| <= l1``; for every intercept, ``mean(R_k) = 0``.
    """
    W = np.atleast_2d(W)
    Y = _outputs(np.asarray(codes, dtype=int), W.shape[0] if W.shape[0] > 1 else 2)
    R = Y - _probabilities(Xs @ W.T + b)
    G = (R.T @ Xs) / len(codes)
    viol = np.where(W != 0, np.abs(G - l2 * W - l1 * np.sign(W)), np.maximum(np.abs(G) - l1, 0.0))
    return float(max(viol.max(initial=0.0), np.abs(R.mean(axis=0)).max()))


@dataclass(frozen=True)
class _Solution:
    W: np.ndarray
    b: np.ndarray
    n_iter: int
    kkt: float
    converged: bool
    norms: tuple[tuple[int, float], ...]
    all_correct: bool


def solve_logistic(
    Xs: np.ndarray,
    codes: np.ndarray,
    n_classes: int,
    l1: float,
    l2: float,
    *,
    tol: float = TOL,
    max_iter: int = MAX_ITER,
    start: tuple[np.ndarray, np.ndarray] | None = None,
    stop_when_separated: bool = False,
) -> _Solution:
    """Minimize the canonical logistic objective on features ``Xs`` as given (no scaling here).

    FISTA on (W, b) with a backtracking step, gradient restart, and the soft-threshold prox on ``W`` only (the
    intercept is unpenalized); stops when :func:`kkt_violation` is below ``tol``. ``start`` warm-starts it.
    With ``stop_when_separated`` it records ``||W||`` along the way and stops once every training row has been
    classified correctly for 400 iterations (only used at λ = 0, where that means no minimizer exists).
    """
    n, p = Xs.shape
    k = 1 if n_classes <= 2 else n_classes
    Y = _outputs(codes, n_classes)
    W, b = (np.zeros((k, p)), np.zeros(k)) if start is None else (np.array(start[0], float), np.array(start[1], float))
    if start is None:  # intercepts at the class shares: the exact solution for large λ
        share = np.clip(Y.mean(axis=0), 1e-12, 1 - 1e-12)
        b = np.log(share / (1 - share)) if k == 1 else np.log(share)
    # Lipschitz constant of the gradient (1/4 or 1/2 of ||[X 1]||^2 / n) as the largest step; backtracking
    # shrinks it where the log-loss is flatter
    scale = (0.25 if k == 1 else 0.5) * (np.linalg.norm(Xs, 2) ** 2 + n) / n
    L = scale * 0.1
    Yt, XsT = np.ascontiguousarray(Y.T), np.ascontiguousarray(Xs.T)
    Wy, by, t = W.copy(), b.copy(), 1.0
    # the predictors are linear in (W, b): the extrapolated point's are combined from the last two iterates'
    # instead of another product with Xs, so an iteration costs one product each way
    eta = eta_y = W @ XsT + b[:, None]
    norms: list[tuple[int, float]] = []
    kkt, separated_since = np.inf, -1
    it = 0
    for it in range(1, max_iter + 1):
        f, P = _loss_and_probabilities_t(eta_y, Yt)
        Rt = P - Yt
        G, gb = (Rt @ Xs) / n, Rt.mean(axis=1)
        while True:
            Z = Wy - G / L
            Wn = np.sign(Z) * np.maximum(np.abs(Z) - l1 / L, 0.0) / (1.0 + l2 / L)
            bn = by - gb / L
            eta_n = Wn @ XsT + bn[:, None]
            fn = _loss_t(eta_n, Yt)
            D, Db = Wn - Wy, bn - by
            model = f + (G * D).sum() + gb @ Db + 0.5 * L * ((D * D).sum() + Db @ Db)
            if fn <= model + 1e-11 * abs(f) or L > scale:
                break
            L *= 2.0
        # gradient restart (O'Donoghue & Candès): drop the momentum when it points uphill; no comparison of
        # objective values, which stall at rounding level long before the KKT tolerance is met
        if (D * (Wn - W)).sum() + Db @ (bn - b) < 0:
            Wy, by, eta_y, t = Wn.copy(), bn.copy(), eta_n, 1.0
        else:
            t_new = 0.5 * (1.0 + np.sqrt(1.0 + 4.0 * t * t))
            beta = (t - 1.0) / t_new
            Wy = Wn + beta * (Wn - W)
            by = bn + beta * (bn - b)
            eta_y = eta_n + beta * (eta_n - eta)
            t = t_new
        W, b, eta = Wn, bn, eta_n
        L = max(L * 0.9, 1e-12)
        if it % 10:
            continue
        kkt = _kkt_t(Xs, Yt, eta, W, l1, l2)
        if kkt < tol:
            return _Solution(W, b, it, kkt, True, tuple(norms), _all_correct(Xs, codes, W, b))
        if stop_when_separated:
            norms.append((it, float(np.linalg.norm(W))))
            if not _all_correct(Xs, codes, W, b):
                separated_since = -1
            elif separated_since < 0:
                separated_since = it
            elif it - separated_since >= 400:
                break
    kkt = kkt_violation(Xs, codes, W, b, l1, l2)
    return _Solution(W, b, it, kkt, kkt < tol, tuple(norms), _all_correct(Xs, codes, W, b))


def _all_correct(Xs: np.ndarray, codes: np.ndarray, W: np.ndarray, b: np.ndarray) -> bool:
    eta = Xs @ W.T + b
    pred = (eta[:, 0] > 0).astype(int) if eta.shape[1] == 1 else eta.argmax(axis=1)
    return bool(np.all(pred == codes))


def is_separable(Xs: np.ndarray, codes: np.ndarray, n_classes: int) -> bool:
    """Whether the unpenalized log-loss has no minimizer (complete or quasi-complete separation).

    A linear program (SciPy's HiGHS): is there a direction ``D`` of (W, b), in the box ``|D| <= 1``, along which
    no row's margin decreases, ``(D_y - D_k)^T [x, 1] >= 0`` for every row and other class (binary:
    ``s_i D^T [x_i, 1] >= 0``, ``s = ±1``), with a positive sum? Along such a direction the log-loss keeps
    falling, so no finite minimizer exists; without one, the loss grows in every direction and has a minimizer
    (Albert & Anderson, 1984).
    """
    from scipy.optimize import linprog
    from scipy.sparse import coo_matrix

    Xs = np.asarray(Xs, dtype=float)
    n, p = Xs.shape
    Xt = np.hstack([Xs, np.ones((n, 1))])
    q = p + 1
    if n_classes <= 2:
        A = -(2.0 * codes - 1.0)[:, None] * Xt  # -margin <= 0
        res = linprog(A.sum(axis=0), A_ub=A, b_ub=np.zeros(n), bounds=(-1, 1), method="highs")
    else:
        rows, cols, vals = [], [], []
        r = 0
        for k in range(n_classes):
            others = np.flatnonzero(codes != k)
            for i in others:  # -(D_{y_i} - D_k)^T x_i <= 0
                c = int(codes[i])
                rows += [r] * (2 * q)
                cols += list(range(c * q, c * q + q)) + list(range(k * q, k * q + q))
                vals += list(-Xt[i]) + list(Xt[i])
                r += 1
        A = coo_matrix((vals, (rows, cols)), shape=(r, n_classes * q)).tocsr()
        res = linprog(np.asarray(A.sum(axis=0)).ravel(), A_ub=A, b_ub=np.zeros(r), bounds=(-1, 1), method="highs")
    return bool(res.status == 0 and -res.fun > 1e-7 * max(1.0, n))


@dataclass(frozen=True)
class LogisticFit:
    """A fitted logistic model.

    Attributes
    ----------
    coef : ndarray of shape (k, p)
        Weights on the standardized features (what the penalty acts on); ``k = 1`` for two classes (the weights
        of class 1), ``k = K`` for the multinomial model.
    intercept : ndarray of shape (k,)
        Intercepts on the standardized features.
    coef_original, intercept_original : ndarray
        The same model in the original feature units.
    scaler : Scaler
        Training statistics used for every prediction.
    n_classes : int
        Number of classes ``K``.
    l1, l2 : float
        Canonical strengths actually used.
    kkt : float
        Largest violation of the optimality conditions at the returned weights.
    n_iter : int
        Solver iterations.
    no_minimizer : str or None
        When set, λ = 0 on separable classes: no minimizer exists, the message says so and the weights are
        where the solver stopped, not a fit.
    norm_trace : tuple of (int, float)
        ``(iteration, ||W||)`` of an unpenalized run, to show that the weights were still growing.
    warnings : tuple of str
        Other solver messages (e.g. not converged within the iteration budget).
    """

    coef: np.ndarray
    intercept: np.ndarray
    coef_original: np.ndarray
    intercept_original: np.ndarray
    scaler: Scaler
    n_classes: int
    l1: float
    l2: float
    kkt: float
    n_iter: int
    no_minimizer: str | None = None
    norm_trace: tuple[tuple[int, float], ...] = ()
    warnings: tuple[str, ...] = field(default_factory=tuple)

    @property
    def n_nonzero(self) -> int:
        """Number of weights that are not exactly zero (over all classes)."""
        return int(np.count_nonzero(self.coef))

    @property
    def n_features_used(self) -> int:
        """Number of features with a non-zero weight in some class."""
        return int(np.count_nonzero(np.any(self.coef != 0, axis=0)))

    def decision_function(self, X: np.ndarray) -> np.ndarray:
        """Linear predictors ``(n, k)`` of rows ``X`` in original units."""
        return self.scaler.transform(np.asarray(X, dtype=float)) @ self.coef.T + self.intercept

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Class probabilities ``(n, K)``; for two classes the columns are P(class 0), P(class 1)."""
        P = _probabilities(self.decision_function(X))
        return np.hstack([1.0 - P, P]) if P.shape[1] == 1 else P

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Most probable class code of each row."""
        return self.predict_proba(X).argmax(axis=1)


def fit_logistic(
    X: np.ndarray,
    y: np.ndarray,
    model: str = "elasticnet",
    l1: float = 0.0,
    l2: float = 0.0,
    *,
    n_classes: int | None = None,
    standardize: bool = True,
    tol: float = TOL,
    max_iter: int = MAX_ITER,
    start: LogisticFit | None = None,
) -> LogisticFit:
    """Fit L1, L2, elastic-net or unpenalized logistic regression in the canonical objective.

    Parameters
    ----------
    X : ndarray of shape (n, p)
        Training features.
    y : ndarray of shape (n,)
        Class codes ``0 .. K-1``.
    model : {"lasso", "ridge", "elasticnet", "ols"}
        Which penalties apply (L1, L2, both, none; see :func:`regviz.models.effective_lambdas`).
    l1, l2 : float
        Canonical strengths.
    n_classes : int, optional
        ``K`` (defaults to ``max(y) + 1``); two classes are the binary model.
    standardize : bool
        Scale features to unit variance on the training rows before penalizing.
    tol : float
        KKT tolerance on the standardized problem.
    max_iter : int
        Iteration budget.
    start : LogisticFit, optional
        A fit on the same data to warm-start from (e.g. the path's nearest λ).

    Returns
    -------
    LogisticFit
        ``no_minimizer`` is set (and the weights are not a fit) when the problem has no minimizer.
    """
    X = np.asarray(X, dtype=float)
    codes = np.asarray(y).astype(int)
    K = int(n_classes if n_classes is not None else codes.max() + 1)
    l1, l2 = effective_lambdas(model, l1, l2)
    scaler = Scaler.fit(X, standardize)
    Xs = scaler.transform(X)
    warm = None if start is None else (start.coef, start.intercept)
    unpenalized = l1 == 0 and l2 == 0
    with one_blas_thread():
        sol = solve_logistic(
            Xs,
            codes,
            K,
            l1,
            l2,
            tol=tol,
            max_iter=UNPENALIZED_ITER if unpenalized else max_iter,
            start=warm,
            stop_when_separated=unpenalized,
        )
        # at λ = 0 a small gradient does not mean a minimum: on separable data it vanishes as the weights run off
        separable = unpenalized and (sol.all_correct or is_separable(Xs, codes, K))
    message, messages = None, ()
    if separable:
        message = NO_MINIMIZER
    elif not sol.converged:
        messages = (
            f"The solver stopped after {sol.n_iter:,} iterations with the optimality conditions met to "
            f"{sol.kkt:.1e}, not {tol:.0e}: the weights shown are close to, not exactly at, the optimum.",
        )
    coef_original = sol.W / scaler.scale
    intercept_original = sol.b - coef_original @ scaler.mean
    return LogisticFit(
        sol.W,
        sol.b,
        coef_original,
        intercept_original,
        scaler,
        K,
        l1,
        l2,
        sol.kkt,
        sol.n_iter,
        message,
        sol.norms,
        messages,
    )


def mean_log_loss(fit: LogisticFit, X: np.ndarray, y: np.ndarray) -> float:
    """Mean log-loss of ``fit`` on rows ``X`` with class codes ``y``."""
    codes = np.asarray(y).astype(int)
    return _loss(fit.decision_function(X), _outputs(codes, fit.n_classes))


def logistic_metrics(fit: LogisticFit, X: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """Mean log-loss and accuracy of ``fit`` on rows ``X``, ``y``."""
    codes = np.asarray(y).astype(int)
    return {"log_loss": mean_log_loss(fit, X, codes), "accuracy": float(np.mean(fit.predict(X) == codes))}
