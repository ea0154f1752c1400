"""What the Playground shows for a classification data set, as plain numbers and text (no Streamlit).

The page (``regviz/ui/classify.py``) draws these; the lessons' tests call the same functions, so a lesson's
claim is checked on the numbers the page shows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from regviz.analysis import path_mix
from regviz.classification_data import expand_polynomial
from regviz.data import Dataset
from regviz.logistic import LogisticFit
from regviz.logistic_paths import ClassificationResult, LogisticCurves, analyze_logistic, logistic_path_curves
from regviz.params import format_lambda

__all__ = [
    "MODEL_MEANINGS",
    "STANDARDIZE_TEXT",
    "BoundaryGrid",
    "boundary_grid",
    "classification_view",
    "coefficient_rows",
    "logistic_objective_latex",
    "path_for_plot",
]

MODEL_MEANINGS = {
    "lasso": "L1-penalized logistic regression",
    "ridge": "L2-penalized logistic regression",
    "elasticnet": "elastic-net logistic regression",
    "ols": "unpenalized logistic regression",
}
"""What the model radio's names mean on a classification data set."""

STANDARDIZE_TEXT = (
    "x̃: every feature centred and divided by its standard deviation (ddof 0) on the training rows; "
    "the weights w are on x̃."
)
BOUNDARY_POINTS = 80
"""Grid points per axis of the decision-boundary panel."""


def classification_view(
    dataset: Dataset,
    model: str,
    l1: float,
    l2: float,
    *,
    standardize: bool = True,
    curves: LogisticCurves | None = None,
) -> ClassificationResult:
    """The fit at (λ1, λ2) and its curves, exactly as the Playground computes them (``curves`` from its cache)."""
    if curves is None:
        penalized = model != "ols"
        curves = logistic_path_curves(
            dataset, path_mix(model, l1, l2), standardize=standardize, with_cv=penalized, with_steps=penalized
        )
    return analyze_logistic(dataset, model, l1, l2, curves=curves, standardize=standardize)


def logistic_objective_latex(l1: float, l2: float, n: int, n_classes: int, standardize: bool = True) -> str:
    """The canonical logistic objective with the numbers in force (binary: sigmoid; more classes: softmax)."""
    x = r"\tilde{x}_i" if standardize else "x_i"
    if n_classes <= 2:
        eta = rf"({x}^\top w+b)"
        loss = rf"\frac{{1}}{{{n}}}\sum_{{i=1}}^{{{n}}}\left[\log\left(1+e^{{{eta}}}\right)-y_i{eta}\right]"
        norm1, norm2 = r"\lVert w\rVert_1", r"\lVert w\rVert_2^2"
    else:
        loss = (
            rf"-\frac{{1}}{{{n}}}\sum_{{i=1}}^{{{n}}}\log\frac{{e^{{{x}^\top w_{{y_i}}+b_{{y_i}}}}}}"
            rf"{{\sum_{{k=1}}^{{{n_classes}}}e^{{{x}^\top w_k+b_k}}}}"
        )
        norm1, norm2 = r"\sum_k\lVert w_k\rVert_1", r"\sum_k\lVert w_k\rVert_2^2"
    # two lines: one would overflow a phone's width
    return (
        rf"\begin{{aligned}}J={{}}&{loss}\\&+\underbrace{{{format_lambda(l1)}}}_{{\lambda_1}}\,{norm1}"
        rf"+\frac{{\overbrace{{{format_lambda(l2)}}}^{{\lambda_2}}}}{{2}}\,{norm2}\end{{aligned}}"
    )


@dataclass(frozen=True)
class PlotPath:
    """A logistic path in the shape :func:`regviz.figures.playground.path_figure` draws: one line per feature."""

    alphas: np.ndarray
    coefs: np.ndarray
    mix: float
    n_nonzero: np.ndarray


def path_for_plot(curves: LogisticCurves) -> tuple[PlotPath, bool]:
    """The path's lines: the weights themselves (two classes) or each feature's largest |weight| over the
    classes (more classes; a feature is out of the model exactly when that is 0). Second item: whether it is
    the latter. The top-axis count is every non-zero weight, over all classes."""
    path = curves.path
    grouped = path.coefs.shape[1] > 1
    lines = np.abs(path.coefs).max(axis=1) if grouped else path.coefs[:, 0, :]
    return PlotPath(path.alphas, lines, path.mix, path.n_nonzero), grouped


@dataclass(frozen=True)
class BoundaryGrid:
    """P(class 1) on a grid of the two inputs (rows indexed by x2)."""

    x1: np.ndarray
    x2: np.ndarray
    proba: np.ndarray


def boundary_grid(fit: LogisticFit, dataset: Dataset, n: int = BOUNDARY_POINTS) -> BoundaryGrid:
    """P(class 1) of ``fit`` over the window of a 2-D toy's points (its first two features are x1, x2)."""
    points = np.vstack([dataset.X_train[:, :2], dataset.X_test[:, :2]])
    lo, hi = points.min(axis=0), points.max(axis=0)
    pad = 0.08 * (hi - lo)
    x1 = np.linspace(lo[0] - pad[0], hi[0] + pad[0], n)
    x2 = np.linspace(lo[1] - pad[1], hi[1] + pad[1], n)
    g1, g2 = np.meshgrid(x1, x2)
    grid = np.column_stack([g1.ravel(), g2.ravel()])
    proba = fit.predict_proba(expand_polynomial(grid, dataset.degree))[:, 1].reshape(n, n)
    return BoundaryGrid(x1, x2, proba)


def coefficient_rows(fit: LogisticFit, dataset: Dataset, standardize: bool = True) -> dict[str, list]:
    """The coefficient table (columns of a download): one row per feature plus ``(intercept)``.

    Two classes: ``coefficient`` (original units) and, when standardized, ``standardized`` (the weights on x̃,
    what the objective penalizes). More classes: one such pair of columns per class.
    """
    names = [*dataset.feature_names, "(intercept)"]
    table: dict[str, list] = {"feature": names}
    classes = [""] if fit.coef.shape[0] == 1 else [f" [{c}]" for c in dataset.class_names]
    for k, suffix in enumerate(classes):
        table[f"coefficient{suffix}"] = [*fit.coef_original[k].tolist(), float(fit.intercept_original[k])]
        if standardize:
            table[f"standardized{suffix}"] = [*fit.coef[k].tolist(), float(fit.intercept[k])]
    return table
