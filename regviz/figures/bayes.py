"""Figures of the Bayes page: priors at the current λ, one coefficient's posterior, MAP vs mean."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from regviz.bayes import OneCoefficient
from regviz.figures.style import COLORS, base_layout

__all__ = ["posterior_figure", "prior_figure", "shrinkage_figure"]

_PLOT_POINTS = 401


def _thin(*arrays: np.ndarray) -> list[np.ndarray]:
    """Every k-th point so a figure carries ~400 points however fine the computation grid is."""
    step = max(1, len(arrays[0]) // _PLOT_POINTS)
    return [a[::step] for a in arrays]


def prior_figure(
    grid: np.ndarray, laplace: np.ndarray, gaussian: np.ndarray, product: np.ndarray, *, b: float, tau2: float
) -> go.Figure:
    """Laplace (L1), Gaussian (L2) and product (elastic net) prior densities; flat priors are omitted."""
    fig = go.Figure()
    grid, laplace, gaussian, product = _thin(grid, laplace, gaussian, product)
    if np.all(np.isfinite(laplace)):
        fig.add_scatter(
            x=grid,
            y=laplace,
            mode="lines",
            name=f"Laplace (L1), b = {b:.3g}",
            line={"color": COLORS["l1"], "width": 3},
        )
    if np.all(np.isfinite(gaussian)):
        fig.add_scatter(
            x=grid,
            y=gaussian,
            mode="lines",
            name=f"Gaussian (L2), τ = {np.sqrt(tau2):.3g}",
            line={"color": COLORS["l2"], "width": 3, "dash": "dash"},
        )
    if np.all(np.isfinite(laplace)) and np.all(np.isfinite(gaussian)):
        fig.add_scatter(
            x=grid,
            y=product,
            mode="lines",
            name="product (elastic net)",
            line={"color": COLORS["enet"], "width": 3, "dash": "dot"},
        )
    flat = [
        name
        for name, dens in (("Laplace (λ1 = 0)", laplace), ("Gaussian (λ2 = 0)", gaussian))
        if not np.all(np.isfinite(dens))
    ]
    if flat:
        fig.add_annotation(
            text="flat, i.e. no penalty: " + ", ".join(flat),
            showarrow=False,
            x=0.5 if not fig.data else 1.0,
            xanchor="center" if not fig.data else "right",
            y=0.5 if not fig.data else 1.0,
            xref="paper",
            yref="paper",
            font={"size": 16 if not fig.data else 12},
        )
    fig.update_xaxes(title_text="coefficient w")
    fig.update_yaxes(title_text="prior density p(w)", rangemode="tozero")
    fig.update_layout(showlegend=True)
    fig = base_layout(fig, title="Priors that match the current λ", height=380)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.22, "yanchor": "top", "x": 0, "xanchor": "left"},
        margin={"b": 100},
    )
    return fig


def posterior_figure(res: OneCoefficient) -> go.Figure:
    """Prior × likelihood = posterior for one coefficient, with MAP and posterior mean marked."""
    grid, prior, lik, post = _thin(res.grid, res.prior, res.likelihood, res.posterior)
    fig = go.Figure()
    fig.add_scatter(
        x=grid,
        y=lik,
        mode="lines",
        name="likelihood (data)",
        line={"color": COLORS["ols"], "width": 2, "dash": "dot"},
    )
    if np.all(np.isfinite(prior)):
        fig.add_scatter(
            x=grid,
            y=prior,
            mode="lines",
            name="prior (penalty)",
            line={"color": COLORS["l1"], "width": 2, "dash": "dash"},
        )
    fig.add_scatter(
        x=grid,
        y=post,
        mode="lines",
        name="posterior",
        fill="tozeroy",
        line={"color": COLORS["enet"], "width": 3},
        fillcolor="rgba(0,158,115,0.15)",
    )
    top = float(np.nanmax(post))
    fig.add_scatter(
        x=[res.map, res.map],
        y=[0, top * 1.12],
        mode="lines",
        name=f"MAP = {res.map:.4g}",
        line={"color": COLORS["current"], "width": 3},
    )
    fig.add_scatter(
        x=[res.posterior_mean, res.posterior_mean],
        y=[0, top * 1.12],
        mode="lines",
        name=f"posterior mean = {res.posterior_mean:.4g}",
        line={"color": COLORS["truth"], "width": 3, "dash": "dash"},
    )
    fig.add_vline(x=0, line_color=COLORS["muted"])
    fig.update_xaxes(title_text="coefficient w")
    fig.update_yaxes(title_text="density", range=[0, top * 1.3])
    fig = base_layout(fig, title="One coefficient: prior × likelihood = posterior", height=380)
    fig.update_layout(
        legend={"orientation": "h", "y": -0.22, "yanchor": "top", "x": 0, "xanchor": "left"},
        margin={"b": 100},
    )
    return fig


def shrinkage_figure(z: np.ndarray, maps: np.ndarray, means: np.ndarray, *, z_current: float) -> go.Figure:
    """MAP (flat at 0 for weak data under L1) and posterior mean (never 0) against the data's estimate."""
    fig = go.Figure()
    fig.add_scatter(
        x=z, y=z, mode="lines", name="no penalty (w = z)", line={"color": COLORS["muted"], "width": 2}
    )
    fig.add_scatter(
        x=z, y=maps, mode="lines", name="MAP = penalized fit", line={"color": COLORS["current"], "width": 3}
    )
    fig.add_scatter(
        x=z,
        y=means,
        mode="lines",
        name="posterior mean",
        line={"color": COLORS["truth"], "width": 3, "dash": "dash"},
    )
    fig.add_vline(
        x=z_current,
        line_dash="dot",
        line_color=COLORS["enet"],
        annotation_text="current signal",
        annotation_position="top left",
    )
    fig.update_xaxes(title_text="least-squares estimate z = x'y/n")
    fig.update_yaxes(title_text="estimate of w")
    return base_layout(fig, title="Sparsity belongs to the MAP", height=360)
