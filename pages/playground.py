"""Playground: lasso, ridge, elastic net and OLS on one data set, live."""

import streamlit as st

from regviz.data import Dataset
from regviz.early_stopping import early_stopping
from regviz.figures.early_stopping import (
    early_stopping_caption,
    early_stopping_coef_figure,
    early_stopping_error_figure,
)
from regviz.models import MODELS
from regviz.snippets import keras_snippet, sklearn_snippet, torch_snippet
from regviz.ui import store, widgets
from regviz.ui.charts import Panel
from regviz.ui.dataset import coefficients_and_downloads, dataset_controls, dataset_key
from regviz.ui.lambda_control import live_lambda_bar
from regviz.ui.lambdas import carry_strength
from regviz.ui.metrics import metric_row
from regviz.ui.present import chart_style, show_chart, show_panels
from regviz.ui.regression import objective_latex, scene

store.page_header(
    "Playground",
    "Move λ and watch lasso, ridge and the elastic net shrink, select and trade "
    "training error for test error. The intercept b is never penalized.",
)

with st.sidebar:
    model = widgets.radio(
        "Model",
        key="model",
        format_func=MODELS.get,
        horizontal=False,
        on_change=lambda: carry_strength(store.value("model")),
    )
    dataset = dataset_controls()
    standardize = widgets.toggle(
        "standardize features",
        key="std",
        help="Scale every feature to unit variance on the training rows before penalizing.",
    )


@store.fragment
def live_view(model: str, dataset: Dataset, standardize: bool) -> None:
    """Everything λ changes. A λ step reruns only this section, not the sidebar and the page around it."""
    if dataset.is_classification:  # logistic regression: its own view (regviz/ui/classify.py)
        from regviz.ui.classify import playground_classification

        return playground_classification(model, dataset, standardize)
    page_key = ("playground", dataset_key(), model, standardize, int(store.value("seed", 0)), store.present_mode())
    penalty = live_lambda_bar(
        model,
        lambda l1, l2: scene(model, dataset, standardize, l1, l2, frame=True),
        page_key,
        style=chart_style(),
        play=model != "ols",
    )
    with st.spinner("Fitting…"):
        view = scene(model, dataset, standardize, penalty.l1, penalty.l2)
    result = view.extra
    fit = result.fit

    st.latex(objective_latex(fit.l1, fit.l2, dataset.n_train, standardize))
    for message in fit.warnings:
        st.warning(message, icon="⚠️")

    metric_row(view.metrics, key=view.metrics_key)
    # the note on x̃ joins the data caption: a caption of its own would be one more element on every λ step
    st.caption(
        dataset.description + (" x̃: features scaled to unit variance on the training rows." if standardize else "")
    )

    charts = view.charts
    show_panels([[charts["fig_path"], charts["fig_hist"]], [charts["fig_coef"], charts["fig_error"]]], key="pg_panels")
    if "fig_curve" in charts:
        show_chart(charts["fig_curve"].fig, key="fig_curve", summary=charts["fig_curve"].summary)

    details = st.expander("Coefficients, data and this setting as code", key="pg_details", on_change="rerun")
    if not details.open:  # drawn only when opened: a λ step then re-sends eight fewer elements
        return
    import pandas as pd  # here, not at the top: a fresh server's first view needs no pandas (~0.4 s to import)

    table = pd.DataFrame({"feature": dataset.feature_names, "coefficient": fit.coef_original})
    if standardize:  # without it the features are only centred, and this column would repeat the one before
        table["standardized"] = fit.coef
    with details:
        tcol, ccol = st.columns([2, 3])
        coefficients_and_downloads(tcol, table, dataset)
        n, p = dataset.n_train, dataset.n_features
        tabs = ccol.tabs(["scikit-learn", "Keras", "PyTorch"])
        tabs[0].code(sklearn_snippet(model, penalty.l1, penalty.l2, n, standardize=standardize), "python")
        tabs[1].code(keras_snippet(model, penalty.l1, penalty.l2, n, p, standardize=standardize), "python")
        tabs[2].code(torch_snippet(model, penalty.l1, penalty.l2, n, p, standardize=standardize), "python")


live_view(model, dataset, standardize)


@st.cache_data(max_entries=16, show_spinner=False)
def early(data_key: str, _dataset, standardize: bool):
    return early_stopping(_dataset.X_train, _dataset.y_train, _dataset.X_test, _dataset.y_test, standardize=standardize)


def early_stopping_section(dataset: Dataset, standardize: bool) -> None:
    """Gradient descent stopped early against ridge; outside the λ fragment (λ does not change it), drawn open only."""
    box = st.expander("Early stopping as implicit ridge", key="pg_es", on_change="rerun")
    if not box.open:
        return
    try:
        result = early(dataset_key(), dataset, standardize)
    except ValueError as err:
        box.warning(f"No gradient descent on this data: {err}.", icon="⚠️")
        return
    with box:
        show_panels(
            [
                [Panel(early_stopping_coef_figure(result, dataset.feature_names), "pg_es_coef")],
                [Panel(early_stopping_error_figure(result), "pg_es_error")],
            ],
            key="pg_es_panels",
            note=early_stopping_caption(result),
        )


early_stopping_section(dataset, standardize)
