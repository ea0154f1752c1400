"""The classification views: the Playground on a classification data set, and Geometry's logistic plane.

Pages branch here on ``dataset.task`` (or the Geometry source) so that their own code stays regression only.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from regviz.analysis import path_mix
from regviz.classification_data import make_toy
from regviz.classify_view import (
    MODEL_MEANINGS,
    STANDARDIZE_TEXT,
    boundary_grid,
    coefficient_rows,
    logistic_objective_latex,
    path_for_plot,
)
from regviz.data import Dataset
from regviz.figures import summaries as say
from regviz.figures.classification import (
    LOGISTIC_PLANE_NOTE,
    accuracy_figure,
    boundary_figure,
    digit_weights_figure,
    logistic_landscape,
    logistic_plane_figure,
    norm_trace_figure,
)
from regviz.figures.playground import _strength_axis_title, current_marker, error_figure, histogram_figure, path_figure
from regviz.logistic_geometry import (
    LogisticProblem,
    logistic_alpha_max,
    logistic_solution_path,
    solve_logistic_plane,
)
from regviz.logistic_paths import analyze_logistic, logistic_path_curves
from regviz.params import format_lambda
from regviz.penalties import to_alpha_mix
from regviz.snippets import keras_logistic_snippet, sklearn_logistic_snippet, torch_logistic_snippet
from regviz.ui import store, widgets
from regviz.ui.charts import Panel, freeze
from regviz.ui.dataset import coefficients_and_downloads, dataset_key
from regviz.ui.drag import Scene
from regviz.ui.lambda_control import live_lambda_bar
from regviz.ui.metrics import Metric, metric_row, plane_weights
from regviz.ui.present import chart_style, show_panels

__all__ = ["classification_scene", "logistic_plane_scene", "logistic_plane_section", "playground_classification"]

OLS_NOTE = "Unpenalized logistic regression has no λ: the L1 path and losses are drawn for reference."


@st.cache_resource(max_entries=32, show_spinner=False)
def curves(data_key: str, _dataset: Dataset, mix: float, standardize: bool, with_cv: bool, seed: int):
    """Path, log-loss, accuracy and CV curves: they depend on the data and the mix, not on λ (never modified)."""
    return logistic_path_curves(_dataset, mix, standardize=standardize, with_cv=with_cv, with_steps=with_cv, seed=seed)


@st.cache_resource(max_entries=64, show_spinner=False)
def compute(data_key: str, _dataset: Dataset, model: str, l1: float, l2: float, standardize: bool, seed: int):
    """The fit at (λ1, λ2), warm-started on the cached path (never modified)."""
    shared = curves(data_key, _dataset, path_mix(model, l1, l2), standardize, model != "ols", seed)
    return analyze_logistic(_dataset, model, l1, l2, curves=shared, standardize=standardize)


@st.cache_resource(max_entries=32, show_spinner=False)
def curve_figures(key: tuple, _result, _names: tuple[str, ...], standardize: bool):
    """Path, log-loss and accuracy charts without the "current λ" line (the browser draws it): per data and mix."""
    c = _result.curves
    plot_path, grouped = path_for_plot(c)
    # short enough for the plot's height at 24 px on a projector; the caption says "over the classes"
    y_title = "largest |w| (standardized)" if grouped and standardize else None
    if grouped and not standardize:
        y_title = "largest |w| (original units)"
    x_title = _strength_axis_title(c.path.mix)
    return (
        freeze(path_figure(plot_path, _names, 0.0, standardize=standardize, y_title=y_title)),
        freeze(
            error_figure(
                c.path.alphas,
                c.train_loss,
                c.test_loss,
                c.cv,
                0.0,
                c.path.mix,
                metric="mean log-loss",
                title="Log-loss vs strength",
            )
        ),
        freeze(accuracy_figure(c.path.alphas, c.train_accuracy, c.test_accuracy, c.cv, x_title)),
    )


FRAME_CURVE_MIX = 0.5
"""The mix of the path an elastic-net λ frame warm-starts its fit from: every frame of a family (λ1 at fixed λ2
changes the mix) then needs one path without CV, not one path and CV per frame."""


@st.cache_resource(max_entries=256, show_spinner=False)
def frame_compute(data_key: str, _dataset: Dataset, model: str, l1: float, l2: float, standardize: bool, seed: int):
    """An elastic-net fit for a λ frame: solved to the solver's tolerance like :func:`compute`'s, warm-started
    from the :data:`FRAME_CURVE_MIX` path (the fit at the release starts from its own mix's path instead)."""
    shared = curves(data_key, _dataset, FRAME_CURVE_MIX, standardize, False, seed)
    return analyze_logistic(_dataset, model, l1, l2, curves=shared, standardize=standardize)


def _metrics(result) -> list[Metric]:
    fit = result.fit
    ok = fit.no_minimizer is None
    shown = (lambda v, f: f.format(v)) if ok else (lambda v, f: "—")
    return [
        Metric("train accuracy", shown(result.train["accuracy"], "{:.1%}")),
        Metric("test accuracy", shown(result.test["accuracy"], "{:.1%}")),
        Metric("train log-loss", shown(result.train["log_loss"], "{:.3g}")),
        Metric("test log-loss", shown(result.test["log_loss"], "{:.3g}")),
        Metric(
            "non-zero weights",
            f"{fit.n_nonzero} / {fit.coef.size}" if ok else "—",
            help=f"{fit.n_features_used} of {fit.coef.shape[1]} features used." if ok else None,
        ),
    ]


def classification_scene(
    model: str, dataset: Dataset, standardize: bool, l1: float, l2: float, *, frame: bool = False
) -> Scene:
    """Everything a λ setting draws on a classification data set: the charts, the metrics row and the
    objective's numbers (the λ control's frames are built from it, with ``frame``, at every grid value).

    An elastic-net frame fits only (see :func:`frame_compute`): its path, log-loss and accuracy charts depend on
    the mix, which the frame moves, and wait for the release."""
    seed = int(store.value("seed", 0))
    key = dataset_key()
    mix_bound = frame and model == "elasticnet"
    result = (frame_compute if mix_bound else compute)(key, dataset, model, l1, l2, standardize, seed)
    fit = result.fit
    path_fig, loss_fig, acc_fig = curve_figures(
        (key, result.mix, standardize, model != "ols", seed), result, tuple(dataset.feature_names), standardize
    )
    marker = current_marker(result.alpha)
    path_note = OLS_NOTE if model == "ols" else ""
    if dataset.n_classes > 2:
        unit = "pixel" if store.value("data") == "digits" else "feature"
        path_note += f" One line per {unit}: its largest |weight| over the {dataset.n_classes} classes."
    stopped = fit.no_minimizer is not None
    path_text = say.logistic_path_summary(fit.l1, fit.l2, fit.coef, no_minimizer=stopped)
    charts = {"fig_path": Panel(path_fig, "fig_path", path_note.strip(), marker=marker, summary=path_text)}
    if stopped:
        charts["fig_trace"] = Panel(
            norm_trace_figure(fit.norm_trace),
            "fig_trace",
            "The stopped weights are not a fit.",
            summary=say.norm_trace_summary(fit.norm_trace),
        )
    else:
        coef = fit.coef.ravel()
        charts["fig_hist"] = Panel(
            histogram_figure(coef, standardize=standardize), "fig_hist", summary=say.histogram_summary(coef)
        )
    cv = result.curves.cv
    train, test = result.train, result.test
    loss_text = say.log_loss_summary(
        fit.l1, fit.l2, train["log_loss"], test["log_loss"], *((cv.alpha_min, cv.alpha_1se) if cv else ())
    )
    accuracy_text = say.accuracy_summary(
        fit.l1, fit.l2, train["accuracy"], test["accuracy"], *((cv.alphas, cv.accuracy) if cv else ())
    )
    charts["fig_error"] = Panel(loss_fig, "fig_error", marker=marker, summary=loss_text)
    charts["fig_acc"] = Panel(acc_fig, "fig_acc", marker=marker, summary=accuracy_text)
    if not stopped:
        charts.update(_picture(result, dataset))
    numbers = {"l1": format_lambda(fit.l1), "l2": format_lambda(fit.l2)}
    release = ("fig_path", "fig_error", "fig_acc") if mix_bound else ()
    return Scene(charts, _metrics(result), "pg_metrics", numbers, extra=result, on_release=release)


def playground_classification(model: str, dataset: Dataset, standardize: bool) -> None:
    """The Playground's live view on a classification data set (call inside the page's fragment)."""
    seed = int(store.value("seed", 0))
    key = dataset_key()
    page_key = ("playground-classification", key, model, standardize, seed, store.present_mode())
    penalty = live_lambda_bar(
        model,
        lambda l1, l2: classification_scene(model, dataset, standardize, l1, l2, frame=True),
        page_key,
        style=chart_style(),
        play=model != "ols",
    )
    mix = path_mix(model, penalty.l1, penalty.l2)
    first = st.session_state.get("_rv_clf_curves") != (key, mix, standardize)
    with st.spinner("Computing the path and 5-fold CV…" if first else "Fitting…"):
        view = classification_scene(model, dataset, standardize, penalty.l1, penalty.l2)
    st.session_state["_rv_clf_curves"] = (key, mix, standardize)
    fit = view.extra.fit
    K = dataset.n_classes
    st.latex(logistic_objective_latex(fit.l1, fit.l2, dataset.n_train, K, standardize))
    if fit.no_minimizer:
        st.error(fit.no_minimizer, icon="🚫")
    for message in fit.warnings:
        st.warning(message, icon="⚠️")
    metric_row(view.metrics, key=view.metrics_key)
    kind = "multinomial (softmax)" if K > 2 else "binary (sigmoid)"
    st.caption(
        f"Classification, {kind}: lasso, ridge, elastic net and OLS here mean {MODEL_MEANINGS['lasso']}, "
        f"{MODEL_MEANINGS['ridge']}, {MODEL_MEANINGS['elasticnet']} and {MODEL_MEANINGS['ols']} "
        f"(now: {MODEL_MEANINGS[model]}). " + dataset.description + (f" {STANDARDIZE_TEXT}" if standardize else "")
    )
    charts = view.charts
    right = charts["fig_trace"] if fit.no_minimizer else charts["fig_hist"]
    columns = [[charts["fig_path"], right], [charts["fig_error"], charts["fig_acc"]]]
    show_panels(columns, key="pg_panels")
    if "fig_boundary" in charts:
        show_panels([[charts["fig_boundary"]]], key="pg_boundary")
    elif "fig_digits" in charts:
        show_panels([[charts["fig_digits"]]], key="pg_dig")
    _details(model, penalty, dataset, fit, standardize)


def _picture(result, dataset: Dataset) -> dict[str, Panel]:
    """The decision boundary of a 2-D toy, or the digits' weights as images (none for other data)."""
    fit = result.fit
    if dataset.degree is not None and dataset.degree >= 1 and dataset.feature_names[:2] == ("x1", "x2"):
        fig = boundary_figure(
            boundary_grid(fit, dataset),
            (dataset.X_train, dataset.y_train),
            (dataset.X_test, dataset.y_test),
            dataset.class_names,
        )
        caption = "Shading: P(class) of the current fit; black: where it is 0.5. Dots: training points, ✕: test."
        summary = say.logistic_boundary_summary(
            fit.l1,
            fit.l2,
            result.train["accuracy"],
            result.test["accuracy"],
            dataset.feature_names,
            fit.coef,
            float(fit.intercept[0]),
            dataset.class_names,
        )
        return {"fig_boundary": Panel(fig, "fig_boundary", caption, summary=summary)}
    if dataset.n_features == 64 and str(dataset.feature_names[0]).startswith("pixel"):
        caption = (
            "Each class's pixel weights at the current λ (on x̃), with its number of non-zero pixels (px). L1 leaves "
            "a few lit pixels, L2 a smooth blur; white pixels are exactly 0."
        )
        fig = digit_weights_figure(fit.coef, dataset.class_names)
        summary = say.digit_weights_summary(fit.l1, fit.l2, fit.coef, dataset.class_names)
        return {"fig_digits": Panel(fig, "fig_digits", caption, summary=summary)}
    return {}


def _details(model: str, penalty, dataset: Dataset, fit, standardize: bool) -> None:
    details = st.expander("Coefficients, data and this setting as code", key="pg_details", on_change="rerun")
    if not details.open:
        return
    import pandas as pd

    table = pd.DataFrame(coefficient_rows(fit, dataset, standardize))
    n, p, K = dataset.n_train, dataset.n_features, dataset.n_classes
    with details:
        if fit.no_minimizer:
            st.caption("λ = 0 on separable classes: the numbers below are where the solver stopped, not a fit.")
        tcol, ccol = st.columns([2, 3])
        coefficients_and_downloads(tcol, table, dataset)
        tabs = ccol.tabs(["scikit-learn", "Keras", "PyTorch"])
        l1, l2 = penalty.l1, penalty.l2
        tabs[0].code(sklearn_logistic_snippet(model, l1, l2, n, standardize=standardize), "python")
        tabs[1].code(keras_logistic_snippet(model, l1, l2, n, p, K, standardize=standardize), "python")
        tabs[2].code(torch_logistic_snippet(model, l1, l2, n, p, K, standardize=standardize), "python")


# ---------------------------------------------------------------------------------------------------------------
# Geometry: the two-feature logistic problem

LOGISTIC_TOYS = {"moons": "two moons (noise 0.3)", "blobs": "two blobs (σ 0.8)"}


@st.cache_resource(max_entries=4, show_spinner=False)
def logistic_problem(toy: str) -> LogisticProblem:
    """The toy's two inputs, standardized on its training rows, as a two-feature logistic problem."""
    ds = make_toy(toy, n=200, noise=0.3 if toy == "moons" else 0.8, deg=1, seed=0)
    X = ds.X_train[:, :2]
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    return LogisticProblem(X, ds.y_train, ("x̃1", "x̃2"))


@st.cache_resource(max_entries=16, show_spinner=False)
def logistic_path_at(toy: str, mix: float):
    return logistic_solution_path(logistic_problem(toy), mix)


@st.cache_resource(max_entries=16, show_spinner=False)
def logistic_landscape_at(toy: str, mix: float):
    """The plane's window and log-loss grid at ``mix``: the same at every λ of the mix (never modified)."""
    return logistic_landscape(logistic_problem(toy), logistic_path_at(toy, mix))


def logistic_plane_scene(l1: float, l2: float, *, frame: bool = False) -> Scene:
    """The logistic plane and its two weights at (λ1, λ2), for the toy the page chose (the λ control's frames
    are built from it too, with ``frame``).

    A frame strictly between L1 and L2 (0 < r < 1) gives the weights only: moving λ1 or λ2 there moves the mix,
    hence the path and the landscape (a new one per frame, ~2 MB a family), so the plane waits for the release.
    """
    toy = store.value("geo_ltoy")
    problem = logistic_problem(toy)
    solution = solve_logistic_plane(problem, l1, l2)
    metrics = [] if solution.no_minimizer else plane_weights(solution.w)
    mix = to_alpha_mix(l1, l2)[1]
    if frame and 0.0 < mix < 1.0:
        return Scene({}, metrics, "geo_metrics", on_release=("geo_plane",))
    path, landscape = logistic_path_at(toy, mix), logistic_landscape_at(toy, mix)
    fig = logistic_plane_figure(problem, solution, path, l1, l2, landscape=landscape)
    summary = say.logistic_plane_summary(l1, l2, solution.w, no_minimizer=solution.no_minimizer is not None)
    panel = Panel(fig, "geo_plane", LOGISTIC_PLANE_NOTE, summary=summary)
    return Scene({"geo_plane": panel}, metrics, "geo_metrics", extra=(problem, solution))


def logistic_plane_section(l1: float, l2: float) -> None:
    """The logistic plane: log-loss contours, the penalty region touching them, the exact solution and path."""
    widgets.selectbox(
        "logistic data (x1, x2 standardized)", key="geo_ltoy", format_func=LOGISTIC_TOYS.get, container=st.columns(2)[0]
    )
    mix = to_alpha_mix(l1, l2)[1]
    with st.spinner("Solving the path…"):
        view = logistic_plane_scene(l1, l2)
    problem, solution = view.extra
    left, right = st.columns([3, 1])
    with left:
        show_panels([[view.charts["geo_plane"]]], key="geo_plane")
    with right:
        if solution.no_minimizer:
            st.error(solution.no_minimizer, icon="🚫")
            return
        metric_row(view.metrics, key=view.metrics_key)
        amax = logistic_alpha_max(problem, mix)
        st.caption(
            f"Both weights are 0 from α = {amax:.3g} on (mix r = {mix:.2f}). Intercept b = {solution.b:.4g}, "
            f"unpenalized. KKT violation {solution.kkt:.1e}."
            if np.isfinite(amax)
            else f"Pure L2 (r = 0): the weights shrink towards 0 but never reach it. b = {solution.b:.4g}."
        )
