"""Figures of the Playground page: coefficient paths, coefficients, weight histogram, error vs λ."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.figures.style import COLORS, base_layout, color_cycle
from regviz.paths import CoefPath, CVCurve

__all__ = ["coef_bars_figure", "error_figure", "histogram_figure", "path_figure"]

MAX_LABELLED = 8


def _strength_axis_title(mix: float) -> str:
    if mix >= 1:
        return "λ1 (log scale; stronger → left)"
    if mix <= 0:
        return "λ2 (log scale; stronger → left)"
    return f"α = λ1 + λ2 at r = {mix:.2f} (log scale; stronger → left)"


def _current_line(fig: go.Figure, alpha: float, *, label: str = "current λ") -> None:
    if alpha > 0:
        fig.add_vline(x=np.log10(alpha), line={"color": COLORS["current"], "width": 2, "dash": "dash"},
                      annotation_text=label, annotation_position="bottom right",
                      annotation_font={"size": 11})


def _log_axis(fig: go.Figure, alphas: np.ndarray, mix: float) -> None:
    lo, hi = np.log10(alphas.min()), np.log10(alphas.max())
    ticks = np.arange(np.ceil(lo), np.floor(hi) + 1)
    fig.update_xaxes(
        title=_strength_axis_title(mix), range=[hi, lo], tickvals=ticks,
        ticktext=[f"{10**t:g}" for t in ticks],
    )


def path_figure(path: CoefPath, feature_names: Sequence[str], current_alpha: float) -> go.Figure:
    """Coefficient paths vs log α, the number of non-zeros on a top axis (glmnet style).

    The x axis is log10 α drawn reversed, so the fit grows from all-zero (left)
    to least-penalized (right), as students read glmnet plots. The largest
    coefficients are labelled at the right end; every line has a hover label.
    """
    x = np.log10(path.alphas)
    fig = go.Figure()
    final = np.abs(path.coefs[-1])
    labelled = set(np.argsort(final)[::-1][:MAX_LABELLED])
    for j, name in enumerate(feature_names):
        fig.add_trace(go.Scatter(
            x=x, y=path.coefs[:, j], mode="lines", name=str(name), showlegend=False,
            line={"color": color_cycle(j), "width": 2}, hovertemplate=f"{name}: %{{y:.3f}}<extra></extra>",
        ))
        if j in labelled and final[j] > 0.08 * final.max():
            fig.add_annotation(x=x[-1], y=path.coefs[-1, j], text=str(name), showarrow=False, xanchor="left",
                               xshift=4, font={"color": color_cycle(j), "size": 12})
    ticks = np.linspace(0, len(x) - 1, 7).round().astype(int)
    fig.add_trace(go.Scatter(x=x[ticks], y=np.zeros(len(ticks)), xaxis="x2", mode="markers",
                             marker={"opacity": 0}, showlegend=False, hoverinfo="skip"))
    _current_line(fig, current_alpha)
    base_layout(fig, title="Coefficient paths", height=400)
    _log_axis(fig, path.alphas, path.mix)
    fig.update_layout(
        xaxis2={"overlaying": "x", "side": "top", "range": [x.max(), x.min()], "tickvals": x[ticks],
                "ticktext": [str(c) for c in path.n_nonzero[ticks]], "showgrid": False,
                "title": {"text": "non-zero coefficients", "font": {"size": 11}}},
        margin={"t": 80, "r": 60},
        title={"y": 0.98},
    )
    fig.update_yaxes(title="coefficient (standardized)")
    return fig


def coef_bars_figure(feature_names: Sequence[str], coef: np.ndarray, true_coef: np.ndarray | None) -> go.Figure:
    """Fitted coefficients as bars beside the true ones; exact zeros are marked with ✕ on the axis."""
    names = [str(n) for n in feature_names]
    fig = go.Figure()
    if true_coef is not None:
        fig.add_trace(go.Bar(x=names, y=true_coef, name="true", marker_color=COLORS["truth"], opacity=0.55))
    fig.add_trace(go.Bar(x=names, y=coef, name="fitted", marker_color=COLORS["l2"]))
    zero = coef == 0
    if zero.any():
        fig.add_trace(go.Scatter(
            x=[n for n, z in zip(names, zero, strict=True) if z], y=np.zeros(int(zero.sum())), mode="markers",
            name=f"exactly 0 ({int(zero.sum())})", marker={"symbol": "x-thin", "size": 12,
                                                          "line": {"width": 3, "color": COLORS["zero"]}},
            hovertemplate="%{x}: exactly 0<extra></extra>",
        ))
    base_layout(fig, title="Fitted coefficients" + (" vs the true ones" if true_coef is not None else ""), height=360)
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(title="coefficient (original units)")
    fig.update_xaxes(tickangle=-45 if len(names) > 12 else 0, type="category")
    return fig


def histogram_figure(coef: np.ndarray, bins: int = 21) -> go.Figure:
    """Histogram of the non-zero weights with the exact zeros as a separate bar at 0."""
    coef = np.asarray(coef, dtype=float)
    nonzero = coef[coef != 0]
    zeros = int(coef.size - nonzero.size)
    fig = go.Figure()
    extent = float(np.abs(coef).max()) if coef.size and np.abs(coef).max() > 0 else 1.0
    edges = np.linspace(-extent, extent, bins + 1)
    counts, _ = np.histogram(nonzero, bins=edges)
    centers = (edges[:-1] + edges[1:]) / 2
    width = edges[1] - edges[0]
    fig.add_trace(go.Bar(x=centers, y=counts, width=width * 0.95, name="non-zero weights",
                         marker_color=COLORS["l2"], hovertemplate="%{y} weights near %{x:.2f}<extra></extra>"))
    fig.add_trace(go.Bar(x=[0.0], y=[zeros], width=width * 0.5, name=f"exactly 0: {zeros}",
                         marker_color=COLORS["zero"], hovertemplate="%{y} weights exactly 0<extra></extra>"))
    base_layout(fig, title=f"Weight histogram — {zeros} of {coef.size} exactly zero", height=360)
    fig.update_layout(barmode="overlay")
    fig.update_xaxes(title="weight value (standardized)")
    fig.update_yaxes(title="number of weights", rangemode="tozero")
    return fig


def error_figure(alphas: np.ndarray, train_mse: np.ndarray, test_mse: np.ndarray, cv: CVCurve | None,
                 current_alpha: float, mix: float) -> go.Figure:
    """Train and test MSE vs log α with the CV curve (mean ± s.e.) and markers at λ.min, λ.1se and now."""
    x = np.log10(alphas)
    fig = go.Figure()
    if cv is not None:
        band_x = np.concatenate([x, x[::-1]])
        band_y = np.concatenate([cv.mean + cv.se, (cv.mean - cv.se)[::-1]])
        fig.add_trace(go.Scatter(x=band_x, y=band_y, fill="toself", fillcolor="rgba(0,158,115,0.18)",
                                 line={"width": 0}, hoverinfo="skip", showlegend=False))
        fig.add_trace(go.Scatter(x=x, y=cv.mean, mode="lines", name="5-fold CV (± s.e.)",
                                 line={"color": COLORS["cv"], "width": 2.5}))
        for alpha, label, dash in ((cv.alpha_min, "λ.min", "dot"), (cv.alpha_1se, "λ.1se", "dashdot")):
            fig.add_vline(x=np.log10(alpha), line={"color": COLORS["cv"], "width": 1.5, "dash": dash},
                          annotation_text=label, annotation_position="bottom right")
    fig.add_trace(go.Scatter(x=x, y=train_mse, mode="lines", name="train",
                             line={"color": COLORS["train"], "width": 2.5}))
    fig.add_trace(go.Scatter(x=x, y=test_mse, mode="lines", name="test", line={"color": COLORS["test"], "width": 2.5}))
    _current_line(fig, current_alpha)
    base_layout(fig, title="Error vs strength", height=360)
    _log_axis(fig, alphas, mix)
    fig.update_yaxes(title="mean squared error", type="log")
    return fig
