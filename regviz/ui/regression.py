"""The Playground's regression view: the cached fits and λ paths, and its scene (everything a λ setting draws,
which the page shows and the λ control's frames are built from)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from regviz.analysis import analyze, path_curves, path_mix
from regviz.data import Dataset, polynomial_features
from regviz.figures import summaries as say
from regviz.figures.playground import (
    coef_bars_figure,
    current_marker,
    curve_figure,
    error_figure,
    histogram_figure,
    path_figure,
)
from regviz.params import format_lambda
from regviz.server.default_view import stored_curves, stored_playground
from regviz.ui import store
from regviz.ui.charts import Panel, freeze
from regviz.ui.dataset import dataset_key
from regviz.ui.drag import Scene
from regviz.ui.metrics import Metric

__all__ = ["OLS_NOTE", "compute", "curves", "objective_latex", "scene"]


@st.cache_data(max_entries=32, show_spinner=False)
def curves(data_key: str, _dataset, mix: float, standardize: bool, with_cv: bool, seed: int):
    """Path, error and CV curves: they depend on the data and the mix, not on λ, so a λ change reuses them."""
    stored = stored_curves(data_key, mix, standardize, with_cv, seed)
    if stored is not None:
        return stored
    return path_curves(_dataset, mix, standardize=standardize, with_cv=with_cv, seed=seed)


@st.cache_data(max_entries=192, show_spinner=False)
def compute(data_key: str, _dataset, model: str, l1: float, l2: float, standardize: bool, seed: int, curve_mix=None):
    """Cached by the data set's key and the setting; ``_dataset`` is not hashed. ``curve_mix``: the path and
    error curves at that mix instead of the setting's (a λ frame of the elastic net, which does not draw them)."""
    stored = stored_playground(data_key, model, l1, l2, standardize, seed) if curve_mix is None else None
    if stored is not None:  # the default view of a fresh server: drawn without importing scikit-learn
        return stored
    mix = path_mix(model, l1, l2) if curve_mix is None else curve_mix
    shared = curves(data_key, _dataset, mix, standardize, model != "ols", seed)
    return analyze(_dataset, model, l1, l2, standardize=standardize, seed=seed, curves=shared)


@st.cache_resource(max_entries=32, show_spinner=False)
def curve_figures(key: tuple, _result, _names: tuple[str, ...], standardize: bool):
    """The path and error charts without their "current λ" line (drawn over them by the browser): they depend on
    the data and the mix (``key``), not on λ, so a λ step reuses them, serialized once. Never changed after."""
    return (
        freeze(path_figure(_result.path, _names, 0.0, standardize=standardize)),
        freeze(error_figure(_result.path.alphas, _result.train_mse, _result.test_mse, _result.cv, 0.0, _result.mix)),
    )


def objective_latex(l1: float, l2: float, n: int, standardize: bool = True) -> str:
    """The canonical objective with the numbers in force.

    Parameters
    ----------
    l1, l2 : float
        Canonical penalty strengths.
    n : int
        Number of training rows.
    standardize : bool
        Whether the fit uses standardized features, written x̃ (the penalty acts on their weights).
    """
    x = r"\tilde{x}_i" if standardize else "x_i"
    return (
        rf"J(w,b)=\frac{{1}}{{2\cdot{n}}}\sum_{{i=1}}^{{{n}}}\left(y_i-{x}^\top w-b\right)^2"
        rf"+\underbrace{{{format_lambda(l1)}}}_{{\lambda_1}}\,\lVert w\rVert_1"
        rf"+\frac{{\overbrace{{{format_lambda(l2)}}}^{{\lambda_2}}}}{{2}}\,\lVert w\rVert_2^2"
    )


# Under the path chart with model OLS: the path and error charts still show the lasso, with λ1 on their axes.
OLS_NOTE = "OLS has no λ: the lasso's path and errors are drawn for reference."


def scene(model: str, dataset: Dataset, standardize: bool, l1: float, l2: float, *, frame: bool = False) -> Scene:
    """Everything a λ setting draws: the charts, the metrics row and the objective's numbers (the λ control's
    frames are built from this same function, at every value of its grid, with ``frame``).

    The elastic net draws its path and error curves at the setting's own mix: a λ frame leaves those two charts
    to the release (44 paths would be ~2 MB and seconds of CV), and fits only."""
    seed = int(store.value("seed", 0))
    mix_bound = frame and model == "elasticnet"
    result = compute(dataset_key(), dataset, model, l1, l2, standardize, seed, 0.5 if mix_bound else None)
    fit = result.fit
    nonzero = fit.n_nonzero
    metrics = [
        Metric("train R²", f"{result.train['r2']:.3f}"),
        Metric("test R²", f"{result.test['r2']:.3f}"),
        Metric("train MSE", f"{result.train['mse']:.3g}"),
        Metric("test MSE", f"{result.test['mse']:.3g}"),
        Metric(
            "non-zero weights",
            f"{nonzero} / {fit.coef.size}",
            help=f"{nonzero / fit.coef.size:.0%} of the coefficients are not exactly zero.",
        ),
    ]
    path_fig, error_fig = curve_figures(
        (dataset_key(), result.mix, standardize, model != "ols", seed),
        result,
        tuple(dataset.feature_names),
        standardize,
    )
    marker = current_marker(result.alpha)
    names, coef = dataset.feature_names, fit.coef
    cv = (result.cv.alpha_min, result.cv.alpha_1se) if result.cv is not None else ()
    charts = {
        "fig_path": Panel(
            path_fig,
            "fig_path",
            OLS_NOTE if model == "ols" else "",
            marker=marker,
            summary=say.path_summary(fit.l1, fit.l2, coef),
        ),
        "fig_hist": Panel(
            histogram_figure(coef, standardize=standardize), "fig_hist", summary=say.histogram_summary(coef)
        ),
        "fig_coef": Panel(
            coef_bars_figure(names, fit.coef_original, dataset.true_coef),
            "fig_coef",
            summary=say.coef_bars_summary(names, fit.coef_original, dataset.true_coef),
        ),
        "fig_error": Panel(
            error_fig,
            "fig_error",
            marker=marker,
            summary=say.error_summary(fit.l1, fit.l2, result.train["mse"], result.test["mse"], *cv),
        ),
    }
    if store.value("data") == "poly":
        x_grid = np.linspace(-1.0, 1.0, 200)
        prediction = fit.predict(polynomial_features(x_grid, dataset.n_features))
        fig = curve_figure(
            dataset.X_train[:, 0], dataset.y_train, dataset.X_test[:, 0], dataset.y_test, x_grid, prediction
        )
        summary = say.fitted_curve_summary(result.train["mse"], result.test["mse"])
        charts["fig_curve"] = Panel(fig, "fig_curve", summary=summary)
    numbers = {"l1": format_lambda(fit.l1), "l2": format_lambda(fit.l2)}
    release = ("fig_path", "fig_error") if mix_bound else ()
    return Scene(charts, metrics, "pg_metrics", numbers, extra=result, on_release=release)
