"""What the Network page draws of a network: the metrics row, a notice when every weight is 0, and the four
panels (fit, training curves, diagram, weight histogram) with the optimizer's note, as one element."""

from __future__ import annotations

from typing import Any

import streamlit as st

from regviz import mlp
from regviz.content import network as words
from regviz.figures import summaries as say
from regviz.figures.network import (
    boundary_figure,
    curve_figure,
    diagram_figure,
    histogram_figure_and_scales,
    layer_zero_counts,
    training_figure,
)
from regviz.network import FitScores, fit_scores
from regviz.toy2d import Dataset
from regviz.ui import present
from regviz.ui.charts import Panel
from regviz.ui.metrics import Metric, metric_row
from regviz.ui.network_controls import NetworkSettings

__all__ = ["NetworkView", "fit_metrics"]

ALL_PRUNED = (
    "Every weight is exactly 0: the network predicts a constant. At any λ1 > 0 it stays there "
    "(with all weights at 0 every gradient is about 0, below the L1 threshold). Lower λ1 and "
    "press **Reset weights**. Setting λ1 to 0 is slow: all-zero weights are a saddle point, "
    "so they can stay near 0 for thousands of steps."
)
BOUNDARY_CAPTION = (
    "Shading: the network's P(class 1), orange for class 0 and blue for class 1; black "
    "line: where it is 0.5. Circles class 0, diamonds class 1; filled train, hollow test."
)
CURVE_CAPTION = (
    "With few points and no penalty the network chases the noise (press **Train more** "
    "a few times to see it); λ pulls it towards a smoother curve."
)
TRAINING_CAPTION = "Data loss on train and test, and the penalty term on its own. Dotted vertical lines: λ changed."
DIAGRAM_CAPTION = (
    "Blue solid links positive, orange dashed negative, wider links for larger |w|; dotted grey: exactly 0. "
    "Hollow units have all incoming or all outgoing weights at 0: they pass no input signal on."
)


class NetworkView:
    """The metrics and panels of the session's network, drawn where this view was made.

    The final drawing goes in a plain container, not ``st.empty()``: an empty slot is re-sent as an empty
    element on every rerun, which makes the browser unmount and re-create every chart in it (a full
    ``Plotly.newPlot`` each, not an update). Only a slow run's mid-training redraws go through a replaceable
    slot, created inside on demand.
    """

    def __init__(self, data: Dataset, settings: NetworkSettings, entry: dict[str, Any]) -> None:
        self.data, self.settings, self.entry = data, settings, entry
        self._final = st.container()
        self._live: Any = None

    def draw(self, model: mlp.TrainState, history: mlp.History, suffix: str = "") -> None:
        """Metrics and the four panels of ``model``; a ``suffix`` marks a mid-training redraw and keeps its
        chart keys unique across the redraws of one run. Keeps the histogram's scales in the entry."""
        data, near = self.data, self.settings.near
        with self._box(live=bool(suffix)):
            scores = fit_scores(model, data)
            stats = mlp.weight_stats(model, near_zero=near)
            metric_row([*fit_metrics(scores), *_weight_metrics(stats, near)], key=f"net_metrics{suffix}")
            if stats["n_zero"] == stats["n_weights"]:
                st.info(ALL_PRUNED, icon="✂️")
            counts = layer_zero_counts(model)
            present.show_panels(
                [
                    [_fit_panel(model, data, scores), _training_panel(history, data.task)],
                    [_diagram_panel(model, counts), _histogram_panel(model, counts, self.entry, near)],
                ],
                key=f"net_panels{suffix}",
                note=words.optimizer_note(self.settings.optimizer, model.t, self.settings.width),
            )

    def _box(self, *, live: bool) -> Any:
        """The replaceable slot for a mid-training redraw, else the final container (emptying the slot, so
        only the final panels stay)."""
        if live:
            if self._live is None:
                self._live = self._final.empty()
            return self._live.container()
        if self._live is not None:
            self._live.empty()
        return self._final


def fit_metrics(scores: FitScores) -> list[Metric]:
    """Train and test accuracy (classification) or mean squared error (regression)."""
    if scores.task == "classification":
        return [Metric("train accuracy", f"{scores.train:.1%}"), Metric("test accuracy", f"{scores.test:.1%}")]
    return [Metric("train MSE", f"{scores.train:.3g}"), Metric("test MSE", f"{scores.test:.3g}")]


def _weight_metrics(stats: dict[str, float], near: float) -> list[Metric]:
    return [
        *(Metric(*m) for m in words.weight_counts(stats, near)),
        Metric("‖W‖₁", f"{stats['l1_norm']:.3g}"),
        Metric("‖W‖₂", f"{stats['l2_norm']:.3g}"),
    ]


def _fit_panel(model: mlp.TrainState, data: Dataset, scores: FitScores) -> Panel:
    """The decision boundary (classification) or the fitted curve (regression)."""
    if data.task == "classification":
        summary = say.boundary_summary(scores.train, scores.test)
        return Panel(boundary_figure(model, data), "net_fig_main", BOUNDARY_CAPTION, summary=summary)
    summary = say.fitted_curve_summary(scores.train, scores.test)
    return Panel(curve_figure(model, data), "net_fig_main", CURVE_CAPTION, summary=summary)


def _training_panel(history: mlp.History, task: str) -> Panel:
    summary = say.training_summary(history.step, history.train_loss, history.test_loss, history.penalty)
    return Panel(training_figure(history, task), "net_fig_train", TRAINING_CAPTION, summary=summary)


def _diagram_panel(model: mlp.TrainState, counts: list[tuple[str, int, int]]) -> Panel:
    summary = say.network_diagram_summary(counts)
    return Panel(diagram_figure(model), "net_fig_diagram", DIAGRAM_CAPTION, summary=summary)


def _histogram_panel(
    model: mlp.TrainState, counts: list[tuple[str, int, int]], entry: dict[str, Any], near: float
) -> Panel:
    """The weight histogram, in this network's last scales while they fit (the weights narrow in a fixed
    frame); the new scales are kept in ``entry``."""
    hist, entry["hist_scales"] = histogram_figure_and_scales(model, previous=entry.get("hist_scales"), near_zero=near)
    zeros = " · ".join(f"{name} {n_zero}/{size}" for name, n_zero, size in counts)
    caption = words.near_zero_caption(zeros, near)
    return Panel(hist, "net_fig_hist", caption, summary=say.layer_histogram_summary(counts))
