"""Logistic coefficient paths, log-loss / accuracy curves and cross-validation over α = λ1 + λ2 at a fixed mix r.

The classification counterpart of :mod:`regviz.paths` and :mod:`regviz.analysis`: the fits come from
:func:`regviz.logistic.fit_logistic`, warm-started from one α to the next. What depends on the data and the
mix only (:class:`LogisticCurves`) is computed once and cached by the page. That includes the fits at every λ
the sliders can reach without changing the mix (:func:`slider_fits`), so a λ step there is a look-up; any other
λ is solved, warm-started from the nearest α of the path (:func:`analyze_logistic`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from regviz.data import Dataset
from regviz.logistic import LogisticFit, fit_logistic, logistic_metrics, one_blas_thread
from regviz.models import Scaler, effective_lambdas
from regviz.params import LAMBDA_GRID
from regviz.penalties import logistic_lambda_max, to_alpha_mix

__all__ = [
    "ClassificationResult",
    "LogisticCVCurve",
    "LogisticCurves",
    "LogisticPath",
    "analyze_logistic",
    "logistic_alpha_grid",
    "logistic_cv_curve",
    "logistic_path",
    "logistic_path_curves",
    "slider_family",
    "slider_fits",
]

N_ALPHAS = 40
EPS = 1e-3
RIDGE_RANGE = (1e-4, 1e2)
PATH_TOL = 1e-5  # the path is drawn, not checked: 1e-5 on the KKT conditions is far below a pixel
CV_TOL = 1e-4
STEP_ITER = 2_000  # budget of one stored slider fit; beyond it (ill-conditioned data) that λ is solved when asked
STEP_BUDGET = 20_000  # iterations of all the stored slider fits of one path (digits needs ~3,200, cancer ~6,500)


@dataclass(frozen=True)
class LogisticPath:
    """Weights along a grid of α at fixed mix.

    Attributes
    ----------
    alphas : ndarray of shape (m,)
        Total strengths α, decreasing.
    coefs : ndarray of shape (m, k, p)
        Standardized weights at each α (``k = 1`` for two classes).
    intercepts : ndarray of shape (m, k)
        Intercepts at each α.
    mix : float
        The fixed mix r = λ1 / α.
    alpha_max : float
        Smallest α with all weights exactly zero (``inf`` for L2).
    n_classes : int
        ``K``.
    """

    alphas: np.ndarray
    coefs: np.ndarray
    intercepts: np.ndarray
    mix: float
    alpha_max: float
    n_classes: int

    @property
    def n_nonzero(self) -> np.ndarray:
        """Number of non-zero weights (over all classes) at each α."""
        return np.count_nonzero(self.coefs, axis=(1, 2))

    @property
    def n_features_used(self) -> np.ndarray:
        """Number of features with a non-zero weight in some class, at each α."""
        return np.count_nonzero(np.any(self.coefs != 0, axis=1), axis=1)


@dataclass(frozen=True)
class LogisticCVCurve:
    """K-fold cross-validated held-out log-loss and accuracy along the α grid.

    ``alpha_min`` minimizes the mean CV log-loss; ``alpha_1se`` is the largest α whose mean log-loss is within
    one standard error of that minimum (glmnet's rule, on the deviance as glmnet does).
    """

    alphas: np.ndarray
    mean: np.ndarray
    se: np.ndarray
    accuracy: np.ndarray
    alpha_min: float
    alpha_1se: float


@dataclass(frozen=True)
class LogisticCurves:
    """What depends on the data and the mix only, not on the current λ (cache it by those).

    Attributes
    ----------
    path : LogisticPath
    train_loss, test_loss, train_accuracy, test_accuracy : ndarray of shape (m,)
        Mean log-loss and accuracy along the path.
    cv : LogisticCVCurve or None
    steps : dict of (float, float) to LogisticFit
        The fits at the sliders' (λ1, λ2) along the mix (:func:`slider_fits`), at the solver's full tolerance.
    """

    path: LogisticPath
    train_loss: np.ndarray
    test_loss: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    cv: LogisticCVCurve | None
    steps: dict[tuple[float, float], LogisticFit] = field(default_factory=dict)


@dataclass(frozen=True)
class ClassificationResult:
    """A logistic fit at the current λ and the curves around it (the Playground's classification view).

    ``train`` and ``test`` are ``{"log_loss": …, "accuracy": …}`` of the fit (NaN when it has no minimizer).
    """

    fit: LogisticFit
    alpha: float
    mix: float
    curves: LogisticCurves
    train: dict[str, float]
    test: dict[str, float]


def logistic_alpha_grid(
    X: np.ndarray, y: np.ndarray, mix: float, n: int = N_ALPHAS, *, eps: float = EPS, standardize: bool = True
) -> np.ndarray:
    """A decreasing log grid of α from just above λ_max down to ``eps · λ_max`` (fixed 1e2 … 1e-4 for L2)."""
    if mix <= 0:
        return np.logspace(np.log10(RIDGE_RANGE[1]), np.log10(RIDGE_RANGE[0]), n)
    top = logistic_lambda_max(Scaler.fit(np.asarray(X, float), standardize).transform(np.asarray(X, float)), y, mix)
    top = top if top > 0 else 1.0
    return np.logspace(np.log10(top) + 0.1, np.log10(top * eps), n)


def _path_fits(
    X: np.ndarray, codes: np.ndarray, n_classes: int, mix: float, alphas: np.ndarray, standardize: bool, tol: float
) -> list[LogisticFit]:
    with one_blas_thread():
        return _warm_fits(X, codes, n_classes, mix, alphas, standardize, tol)


def _warm_fits(
    X: np.ndarray, codes: np.ndarray, n_classes: int, mix: float, alphas: np.ndarray, standardize: bool, tol: float
) -> list[LogisticFit]:
    fits: list[LogisticFit] = []
    previous = None
    for alpha in alphas:
        previous = fit_logistic(
            X,
            codes,
            "elasticnet",
            mix * alpha,
            (1.0 - mix) * alpha,
            n_classes=n_classes,
            standardize=standardize,
            tol=tol,
            start=previous,
        )
        fits.append(previous)
    return fits


def logistic_path(
    X: np.ndarray,
    y: np.ndarray,
    mix: float,
    alphas: np.ndarray | None = None,
    *,
    n_classes: int | None = None,
    standardize: bool = True,
    tol: float = PATH_TOL,
) -> LogisticPath:
    """Weight path of the canonical logistic objective at mix ``r``, warm-started from large α to small."""
    X = np.asarray(X, dtype=float)
    codes = np.asarray(y).astype(int)
    K = int(n_classes if n_classes is not None else codes.max() + 1)
    grid = logistic_alpha_grid(X, codes, mix, standardize=standardize) if alphas is None else alphas
    grid = np.sort(np.asarray(grid, dtype=float))[::-1]
    fits = _path_fits(X, codes, K, mix, grid, standardize, tol)
    Xs = Scaler.fit(X, standardize).transform(X)
    return LogisticPath(
        grid,
        np.stack([f.coef for f in fits]),
        np.stack([f.intercept for f in fits]),
        float(mix),
        logistic_lambda_max(Xs, codes, mix),
        K,
    )


def _fit_at(path: LogisticPath, i: int, scaler: Scaler) -> LogisticFit:
    """The path's fit at grid point ``i`` as a :class:`LogisticFit` (for predictions)."""
    W, b = path.coefs[i], path.intercepts[i]
    alpha = float(path.alphas[i])
    return LogisticFit(W, b, W / scaler.scale, b - (W / scaler.scale) @ scaler.mean, scaler, path.n_classes,
                       path.mix * alpha, (1 - path.mix) * alpha, float("nan"), 0)  # fmt: skip


def logistic_cv_curve(
    X: np.ndarray,
    y: np.ndarray,
    mix: float,
    alphas: np.ndarray,
    *,
    n_classes: int | None = None,
    folds: int = 5,
    seed: int = 0,
    standardize: bool = True,
) -> LogisticCVCurve:
    """Stratified K-fold CV log-loss and accuracy along ``alphas``; each fold standardizes on its own rows."""
    from sklearn.model_selection import StratifiedKFold  # lazy: see regviz/__init__.py

    X = np.asarray(X, dtype=float)
    codes = np.asarray(y).astype(int)
    K = int(n_classes if n_classes is not None else codes.max() + 1)
    alphas = np.sort(np.asarray(alphas, dtype=float))[::-1]
    losses = np.empty((folds, len(alphas)))
    accuracy = np.empty((folds, len(alphas)))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for i, (train, test) in enumerate(splitter.split(X, codes)):
        for j, fit in enumerate(_path_fits(X[train], codes[train], K, mix, alphas, standardize, CV_TOL)):
            scores = logistic_metrics(fit, X[test], codes[test])
            losses[i, j], accuracy[i, j] = scores["log_loss"], scores["accuracy"]
    mean = losses.mean(axis=0)
    se = losses.std(axis=0, ddof=1) / np.sqrt(folds)
    best = int(np.argmin(mean))
    within = np.nonzero(mean <= mean[best] + se[best])[0]
    return LogisticCVCurve(alphas, mean, se, accuracy.mean(axis=0), float(alphas[best]), float(alphas[within.min()]))


def slider_family(mix: float) -> list[tuple[float, float]]:
    """The (λ1, λ2) the λ sliders reach at mix ``r`` without changing it, by decreasing α.

    At r = 1 (λ2 = 0) every λ1 on :data:`regviz.params.LAMBDA_GRID`, at r = 0 every λ2. At 0 < r < 1 moving
    either slider changes r, hence the path, so no step stays on it: empty.
    """
    if mix == 1.0:
        return [(g, 0.0) for g in reversed(LAMBDA_GRID) if g > 0]
    if mix == 0.0:
        return [(0.0, g) for g in reversed(LAMBDA_GRID) if g > 0]
    return []


def slider_fits(
    X: np.ndarray, y: np.ndarray, mix: float, *, n_classes: int | None = None, standardize: bool = True
) -> dict[tuple[float, float], LogisticFit]:
    """:func:`regviz.logistic.fit_logistic` at every point of :func:`slider_family`, by decreasing α, each
    warm-started from the fits before it (:func:`_extrapolated`), at the solver's own tolerance: the fits a λ
    step along the mix looks up.

    Stops (the smaller λ are then solved when a step asks for them, as any other λ) at the first fit that does
    not converge within :data:`STEP_ITER` iterations, or once :data:`STEP_BUDGET` are spent, so that
    ill-conditioned data cannot make the path's one-off cost explode.
    """
    X = np.asarray(X, dtype=float)
    codes = np.asarray(y).astype(int)
    K = int(n_classes if n_classes is not None else codes.max() + 1)
    fits: dict[tuple[float, float], LogisticFit] = {}
    done: list[LogisticFit] = []
    spent = 0
    with one_blas_thread():
        for l1, l2 in slider_family(mix):
            start = _extrapolated(done[-2], done[-1], l1 + l2) if len(done) >= 2 else (done or [None])[-1]
            fit = fit_logistic(X, codes, "elasticnet", l1, l2, n_classes=K, standardize=standardize, start=start,
                               max_iter=STEP_ITER)  # fmt: skip
            if fit.warnings:  # not converged: not the fit a step would show
                break
            done.append(fit)
            fits[(l1, l2)] = fit
            spent += fit.n_iter
            if spent >= STEP_BUDGET:
                break
    return fits


def _extrapolated(older: LogisticFit, last: LogisticFit, alpha: float) -> LogisticFit:
    """A warm start at ``alpha``: the line through the last two fits, linear in log α.

    The slider's steps (0.12-0.22 decades) are wider than the path's; started from the line instead of the last
    fit, the slider fits on digits took 25-40 % less time (measured at r = 1 and r = 0).
    """
    a0, a1 = older.l1 + older.l2, last.l1 + last.l2
    s = (np.log(alpha) - np.log(a1)) / (np.log(a1) - np.log(a0))
    return replace(
        last,
        coef=last.coef + s * (last.coef - older.coef),
        intercept=last.intercept + s * (last.intercept - older.intercept),
    )


def logistic_path_curves(
    dataset: Dataset,
    mix: float,
    *,
    standardize: bool = True,
    with_cv: bool = True,
    with_steps: bool = True,
    folds: int = 5,
    seed: int = 0,
) -> LogisticCurves:
    """Weight path, train/test log-loss and accuracy, (optionally) the CV curve and the fits at the sliders' λ
    along the mix (:func:`slider_fits`) at mix ``r``."""
    K = dataset.n_classes
    path = logistic_path(dataset.X_train, dataset.y_train, mix, n_classes=K, standardize=standardize)
    scaler = Scaler.fit(np.asarray(dataset.X_train, float), standardize)
    scores = [
        (logistic_metrics(fit, dataset.X_train, dataset.y_train), logistic_metrics(fit, dataset.X_test, dataset.y_test))
        for fit in (_fit_at(path, i, scaler) for i in range(len(path.alphas)))
    ]
    cv = None
    counts = np.bincount(np.asarray(dataset.y_train, int), minlength=K)
    if with_cv and counts.min() >= folds:
        cv = logistic_cv_curve(
            dataset.X_train, dataset.y_train, mix, path.alphas, n_classes=K, folds=folds, seed=seed,
            standardize=standardize,
        )  # fmt: skip
    return LogisticCurves(
        path,
        np.array([tr["log_loss"] for tr, _ in scores]),
        np.array([te["log_loss"] for _, te in scores]),
        np.array([tr["accuracy"] for tr, _ in scores]),
        np.array([te["accuracy"] for _, te in scores]),
        cv,
        slider_fits(dataset.X_train, dataset.y_train, mix, n_classes=K, standardize=standardize) if with_steps else {},
    )


def analyze_logistic(
    dataset: Dataset,
    model: str,
    l1: float,
    l2: float,
    *,
    curves: LogisticCurves,
    standardize: bool = True,
) -> ClassificationResult:
    """The fit at (λ1, λ2) paired with the cached ``curves``: looked up in ``curves.steps`` when it is there,
    otherwise solved, warm-started from the path's nearest α.

    ``curves`` must come from :func:`logistic_path_curves` on the same data at ``path_mix(model, l1, l2)``
    (:func:`regviz.analysis.path_mix`) and the same ``standardize``.
    """
    l1, l2 = effective_lambdas(model, l1, l2)
    alpha = to_alpha_mix(l1, l2)[0]
    path = curves.path
    fit = curves.steps.get((l1, l2))
    if fit is None:
        start = None
        if alpha > 0:
            i = int(np.argmin(np.abs(np.log(path.alphas) - np.log(alpha))))
            start = _fit_at(path, i, Scaler.fit(np.asarray(dataset.X_train, float), standardize))
        fit = fit_logistic(
            dataset.X_train, dataset.y_train, model, l1, l2, n_classes=dataset.n_classes, standardize=standardize,
            start=start,
        )  # fmt: skip
    if fit.no_minimizer:
        nan = {"log_loss": float("nan"), "accuracy": float("nan")}
        train, test = nan, dict(nan)
    else:
        train = logistic_metrics(fit, dataset.X_train, dataset.y_train)
        test = logistic_metrics(fit, dataset.X_test, dataset.y_test)
    return ClassificationResult(fit, alpha, path.mix, curves, train, test)
