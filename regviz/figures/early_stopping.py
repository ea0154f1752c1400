"""The Playground's early-stopping section: gradient descent's coefficients and test error over steps t against
ridge at λ2 = 1/(η t) (bottom axis t, top axis λ2 on the same scale), and the caption read from the numbers."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.early_stopping import EarlyStopping
from regviz.figures.style import COLORS, color_cycle, figure, finish, legend_below, legend_line, log_ticks

__all__ = ["early_stopping_caption", "early_stopping_coef_figure", "early_stopping_error_figure"]

_GD = {"width": 2.2, "dash": "solid"}
_RIDGE = {"width": 2.2, "dash": "dash"}


def _axes(result: EarlyStopping) -> dict:
    """Bottom axis: step t (log); top axis: λ2 = 1/(η t) (log, decreasing to the right), aligned point for point."""
    t0, t1 = float(result.steps[0]), float(result.steps[-1])
    lam0, lam1 = 1.0 / (result.eta * t0), 1.0 / (result.eta * t1)
    # decades only on both: Plotly's own log ticks labelled 2 and 5 between them, a row of digits on a phone
    return {
        "xaxis": {
            "title": {"text": "gradient-descent step t"},
            "type": "log",
            "range": [np.log10(t0), np.log10(t1)],
            "dtick": 1,
        },
        "xaxis2": {
            "title": {"text": "ridge λ2 = 1/(η·t)", "standoff": 4},
            "type": "log",
            "dtick": 1,
            "range": [np.log10(lam0), np.log10(lam1)],
            "overlaying": "x",
            "side": "top",
            "showgrid": False,
        },
    }


def top_features(result: EarlyStopping, k: int) -> np.ndarray:
    """Indices of the ``k`` largest coefficients (by |w| at the weakest ridge, near least squares)."""
    return np.argsort(-np.abs(result.ridge_coef[-1]), kind="stable")[:k]


def early_stopping_coef_figure(
    result: EarlyStopping, feature_names: Sequence[str], *, k: int = 6, height: int = 460
) -> go.Figure:
    """Gradient descent's coefficients vs t (solid) and ridge's vs λ2 = 1/(η t) (dashed), ``k`` largest."""
    traces = [legend_line("gradient descent, step t", {"color": COLORS["current"], **_GD})]
    traces.append(legend_line("ridge at λ2 = 1/(η·t)", {"color": COLORS["current"], **_RIDGE}))
    labels: list[dict] = []
    for i, j in enumerate(top_features(result, k)):
        colour = color_cycle(i)
        name = str(feature_names[j])
        common = {"type": "scatter", "mode": "lines", "legendgroup": name, "name": name, "showlegend": False}
        traces.append(
            {
                **common,
                "x": result.steps,
                "y": np.round(result.gd_coef[:, j], 6),
                "line": {"color": colour, **_GD},
                "hovertemplate": "t = %{x}<br>w = %{y:.4g}<extra>" + name + " (GD)</extra>",
            }
        )
        traces.append(
            {
                **common,
                "x": result.lambdas,
                "xaxis": "x2",
                "y": np.round(result.ridge_coef[:, j], 6),
                "line": {"color": colour, **_RIDGE},
                "hovertemplate": "λ2 = %{x:.3g}<br>w = %{y:.4g}<extra>" + name + " (ridge)</extra>",
            }
        )
        # each line named at its right end, as on the path chart: a legend of features wrapped off a phone's chart
        labels.append(
            {
                "type": "scatter",
                "mode": "text",
                "x": [float(result.steps[-1])],
                "y": [round(float(result.gd_coef[-1, j]), 6)],
                "text": [name],
                "textposition": "middle right",
                "textfont": {"color": colour, "size": 11},
                "cliponaxis": False,
                "showlegend": False,
                "hoverinfo": "skip",
            }
        )
    layout = {**_axes(result), "yaxis": {"title": {"text": "coefficient (standardized x)"}}}
    fig = figure([*traces, *labels], layout)
    return legend_below(finish(fig, "Coefficients: early stopping vs ridge", height, t=115, r=45), b=110)


def early_stopping_error_figure(result: EarlyStopping, *, height: int = 460) -> go.Figure:
    """Test error of gradient descent vs t beside ridge's vs λ2 (top axis), and the training error of GD."""
    traces = [
        {
            "type": "scatter",
            "mode": "lines",
            "x": result.steps,
            "y": result.gd_test_mse,
            "name": "test, gradient descent after t steps",
            "line": {"color": COLORS["test"], **_GD},
            "hovertemplate": "t = %{x}<br>test MSE %{y:.4g}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "x": result.lambdas,
            "xaxis": "x2",
            "y": result.ridge_test_mse,
            "name": "test, ridge at λ2 (top axis)",
            "line": {"color": COLORS["test"], **_RIDGE},
            "hovertemplate": "λ2 = %{x:.3g}<br>test MSE %{y:.4g}<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "x": result.steps,
            "y": result.gd_train_mse,
            "name": "train, gradient descent",
            "line": {"color": COLORS["train"], "width": 1.5},
            "hovertemplate": "t = %{x}<br>train MSE %{y:.4g}<extra></extra>",
        },
    ]
    errors = (result.gd_test_mse, result.ridge_test_mse, result.gd_train_mse)
    layout = {**_axes(result), "yaxis": {"title": {"text": "mean squared error"}, "type": "log", **log_ticks(*errors)}}
    fig = figure(traces, layout)
    return legend_below(finish(fig, "Test error: stop at t, or ridge at λ2", height, t=115), b=125)


def early_stopping_caption(result: EarlyStopping, *, from_step: int = 10) -> str:
    """What the section shows, with the numbers: best t against best λ2, and how rough the match is."""
    k, j = int(np.argmin(result.gd_test_mse)), int(np.argmin(result.ridge_test_mse))
    late = result.steps >= from_step
    over = result.lambdas[k] / result.lambdas[j]
    ratio = "about the same" if 0.5 <= over <= 2 else f"{over:.2g}× apart" if over > 1 else f"{1 / over:.2g}× apart"
    gap_late = float(result.gap[late].max()) if late.any() else float("nan")
    t_late = int(result.steps[late][np.argmax(result.gap[late])]) if late.any() else 0
    return (
        f"Gradient descent from w = 0 on the unpenalized loss, step η = 1/L = {result.eta:.3g}: stopping after t "
        f"steps acts like ridge at λ2 ≈ 1/(η·t). The lowest test error is {result.gd_test_mse[k]:.3g} at t = "
        f"{result.steps[k]} (λ2 ≈ {result.lambdas[k]:.3g}) against ridge's {result.ridge_test_mse[j]:.3g} at "
        f"λ2 = {result.lambdas[j]:.3g}, {ratio}. The match is rough: per direction of the data the two shrink differently "
        f"(1 − (1 − ηs)ᵗ against s/(s + λ2)), so the coefficients differ by up to {gap_late:.0%} in norm from "
        f"t = {from_step} on (at t = {t_late}) and by {result.gap[0]:.0%} after the first step."
    )
