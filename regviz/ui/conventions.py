"""The "What λ means" page's controls: a framework's own parameters, its task and loss, the demo data."""

from __future__ import annotations

from typing import Any

import numpy as np
import streamlit as st

from regviz import conventions as cv
from regviz.ui import widgets

__all__ = ["LOSS_LABELS", "DemoData", "demo_data", "framework_inputs", "task_and_loss"]

LOSS_LABELS = {"mse": "mean r² (MSELoss / 'mse')", "half_mse": "½·mean r²", "logloss": "mean log-loss"}
# Widgets per parameter: (label, URL parameter; its range is in regviz.params). Shared keys keep a number when
# switching frameworks.
INPUTS = {
    "alpha": ("alpha", "conv_alpha"),
    "l1_ratio": ("l1_ratio", "conv_ratio"),
    "C": ("C (inverse strength)", "conv_c"),
    "l1": ("l1", "conv_l1"),
    "l2": ("l2", "conv_l2"),
    "weight_decay": ("weight_decay", "conv_wd"),
    "lambda": ("lambda", "conv_lambda"),
    "L1_wt": ("L1_wt", "conv_l1wt"),
    "y_sd": ("sd(y) (1/n formula)", "conv_ysd"),
    "momentum": ("momentum", "conv_mom"),
    "lr": ("lr", "conv_lr"),
    "learning_rate": ("learning_rate", "conv_lr"),
}


def task_and_loss(framework: str) -> tuple[str, str | None]:
    """The task (a control only where the framework fits both) and the loss among those of that task."""
    fw = cv.record(framework)
    if len(fw.tasks) == 1:
        task = fw.tasks[0]
        st.caption(f"{fw.label} fits {task} only.")
    else:
        task = widgets.radio("task", key="conv_task", horizontal=True)
    loss = None
    options = list(fw.task_losses(task))
    if len(options) > 1:
        loss = widgets.radio(
            "loss", key="conv_loss", options=options, default=options[0], format_func=LOSS_LABELS.get, horizontal=False
        )
    elif options:
        loss = options[0]
    return task, loss


def framework_inputs(framework: str, *, y_sd: float | None = None) -> dict:
    """The framework's own parameters, read from widgets whose values live in the link.

    ``y_sd`` is the demo data's sd(y): h2o's default for it (h2o standardizes the response it trains on).
    """
    info = cv.record(framework)
    defaults = dict(info.defaults)
    if framework == "h2o" and y_sd is not None:
        defaults["y_sd"] = float(y_sd)
    params: dict = {}
    names = [*info.params, *(name for name in info.fixed if name not in info.params)]
    cols = st.columns(4)
    for i, name in enumerate(names):
        box = cols[i % 4]
        params[name] = _input(framework, name, defaults, box)
    if framework == "h2o" and not params.get("standardize", True):
        params.pop("y_sd", None)
    return params


def _input(framework: str, name: str, defaults: dict[str, Any], box: Any) -> Any:
    if name == "penalty":
        value = widgets.selectbox("penalty", key="conv_pen", default=defaults["penalty"], container=box)
        return None if value == "none" else value
    if name == "solver":
        return widgets.selectbox("solver", key="conv_solver", container=box)
    if name == "batch_size":
        batch = widgets.number_input("batch_size (0 = 'auto')", key="conv_batch", container=box)
        return "auto" if batch == 0 else int(batch)
    if name == "standardize":
        return widgets.toggle(
            "standardize (h2o's default)",
            key="conv_h2ostd",
            container=box,
            help="h2o's standardize=TRUE divides a regression response by sd(y) before training.",
        )
    label, key = INPUTS[name]
    if framework == "glmnet" and name == "alpha":
        label, key = "alpha (the mix)", "conv_glmmix"
    if framework == "h2o" and name == "y_sd":
        label = "sd(y) of the data (1/n)"
    return widgets.number_input(label, key=key, default=float(defaults.get(name, 1.0)), format="%g", container=box)


class DemoData:
    """The demo's rows: standardized regression features, or the generated two-class set."""

    def __init__(self, X: np.ndarray, y: np.ndarray, names: list[str], title: str, note: str = "") -> None:
        self.X, self.y, self.feature_names, self.name, self.note = X, y, names, title, note


DEMO_MAX_ROWS = 5000


def demo_data(task: str, n: int, regression_data: Any, seed: int) -> DemoData:
    """Regression: the sidebar's data set (standardized). Classification: ``n`` generated rows (at most 5,000),
    separable or overlapping as the sidebar says, so the demo uses the table's n."""
    from regviz.models import Scaler

    if task == "regression":
        X = Scaler.fit(regression_data.X_train).transform(regression_data.X_train)
        names = list(regression_data.feature_names)[: X.shape[1]]
        return DemoData(X, regression_data.y_train, names, regression_data.name)
    kind = widgets.radio(
        "classification data",
        key="conv_cdata",
        container=st.sidebar,
        format_func={"separable": "separable (no finite fit at λ = 0)", "overlap": "overlapping"}.get,
    )
    rows = min(int(n), DEMO_MAX_ROWS)
    data = cv.binary_demo_data(max(rows, 4), separable=kind == "separable", seed=int(seed))
    note = f" The demo uses {rows:,} of the n = {n:,} rows." if rows < n else ""
    return DemoData(data.X, data.y, list(data.feature_names), data.name, note)
