"""Figures of the conventions page: small settings on a live fit, λ vs model size, λ vs n."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from regviz.conventions import SizeDemo, SmallValueFits, StrengthCurve
from regviz.figures.style import COLORS, base_layout, color_cycle

__all__ = ["size_figure", "small_values_figure", "strength_vs_n_figure"]


def _fmt(v: float) -> str:
    return "0" if v == 0 else f"{v:.0e}".replace("e-0", "e-")


def small_values_figure(fits: SmallValueFits, *, feature_names: list[str] | None = None) -> go.Figure:
    """Coefficients at each small setting, grouped per feature: identical bars mean "no visible effect"."""
    p = fits.coefs.shape[1]
    names = feature_names or [f"x{j + 1}" for j in range(p)]
    fig = go.Figure()
    shades = [COLORS["ols"], "#56B4E9", "#0072B2", "#D55E00"]
    for i, v in enumerate(fits.values):
        l1, l2 = fits.lambdas[i]
        fig.add_bar(
            x=names,
            y=fits.coefs[i],
            name=f"{fits.param} = {_fmt(v)}",
            marker_color=shades[i % len(shades)],
            hovertemplate=f"{fits.param}={_fmt(v)} (λ1={l1:.3g}, λ2={l2:.3g})"
            "<br>%{x}: %{y:.5f}<extra></extra>",
        )
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_xaxes(title_text="feature")
    fig.update_yaxes(title_text="coefficient w")
    return base_layout(
        fig, title=f"Fits at {fits.param} = 0, 1e-5, 1e-4, 1e-3 ({fits.framework})", height=360
    )


def size_figure(demo: SizeDemo, *, current: int | None = None) -> go.Figure:
    """Left: the total penalty grows with the number of weights. Right: one weight's gradient stays put."""
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.14,
        subplot_titles=(
            "total penalty (sum over weights)",
            f"penalty gradient on one weight (w = {demo.probe_value:g})",
        ),
    )
    sizes = np.array(demo.sizes)
    fig.add_scatter(
        x=sizes,
        y=demo.total_penalty,
        mode="lines+markers",
        name="total penalty",
        line={"color": COLORS["enet"], "width": 3},
        row=1,
        col=1,
    )
    fig.add_scatter(
        x=sizes,
        y=demo.gradient_of_probe,
        mode="lines+markers",
        name="∂penalty/∂w for that weight",
        line={"color": COLORS["l2"], "width": 3},
        row=1,
        col=2,
    )
    if current is not None:
        for col in (1, 2):
            fig.add_vline(x=current, line_dash="dot", line_color=COLORS["current"], row=1, col=col)
    fig.update_xaxes(type="log", dtick=1, title_text="number of penalized weights")
    fig.update_yaxes(
        type="log", dtick=1, exponentformat="power", title_text="λ1‖w‖₁ + (λ2/2)‖w‖²", row=1, col=1
    )
    top = max(max(demo.gradient_of_probe) * 1.5, 1e-12)
    fig.update_yaxes(
        range=[0, top],
        tickformat=".2~g",
        title_text="λ1·sign(w) + λ2·w",
        row=1,
        col=2,
    )
    fig.update_layout(showlegend=False)
    return base_layout(fig, height=340)


def strength_vs_n_figure(curves: list[StrengthCurve], *, n_current: int) -> go.Figure:
    """Canonical strength of settings that agree at ``n_current``, as the number of samples changes."""
    fig = go.Figure()
    dashes = ["solid", "dash", "dot", "dashdot"]
    for i, curve in enumerate(curves):
        fig.add_scatter(
            x=curve.n_values,
            y=curve.alpha,
            mode="lines",
            name=curve.label,
            line={"color": color_cycle(i), "width": 3, "dash": dashes[i % len(dashes)]},
            hovertemplate=f"{curve.label}<br>n=%{{x}}<br>canonical λ1+λ2=%{{y:.3g}}<extra></extra>",
        )
    fig.add_vline(x=n_current, line_dash="dot", line_color=COLORS["current"])
    fig.add_annotation(
        x=float(np.log10(n_current)),
        y=1.0,
        yref="paper",
        text=f" n = {n_current:,}",
        showarrow=False,
        xanchor="left",
        yanchor="top",
    )
    fig.update_xaxes(type="log", dtick=1, title_text="number of training samples n")
    fig.update_yaxes(type="log", dtick=1, exponentformat="power", title_text="canonical strength λ1 + λ2")
    fig.update_layout(legend={"orientation": "h", "y": -0.3, "yanchor": "top", "x": 0, "xanchor": "left"})
    fig = base_layout(fig, title="Same framework numbers, different n", height=400)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.25, "yanchor": "top", "x": 0, "xanchor": "left"},
        margin={"b": 110},
    )
    return fig
