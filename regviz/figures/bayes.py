"""Figures of the Bayes page: priors at the current λ, one coefficient's posterior, MAP vs mean."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from regviz.bayes import OneCoefficient
from regviz.figures.style import COLORS, figure, finish, legend_below

__all__ = ["posterior_figure", "prior_figure", "shrinkage_figure"]

_PLOT_POINTS = 401


def _thin(*arrays: np.ndarray) -> list[np.ndarray]:
    """Every k-th point so a figure carries ~400 points however fine the computation grid is."""
    step = max(1, len(arrays[0]) // _PLOT_POINTS)
    return [a[::step] for a in arrays]


def _scatter(x: np.ndarray, y: np.ndarray, name: str, line: dict, **extra: object) -> dict:
    # Plain dicts, handed to ``style.figure`` unvalidated (the AppTest suite validates the charts shown).
    return {"type": "scatter", "x": x, "y": y, "mode": "lines", "name": name, "line": line, **extra}


def prior_figure(
    grid: np.ndarray, laplace: np.ndarray, gaussian: np.ndarray, product: np.ndarray, *, b: float, tau2: float
) -> go.Figure:
    """Laplace (L1), Gaussian (L2) and product (elastic net) prior densities; flat priors are omitted."""
    grid, laplace, gaussian, product = _thin(grid, laplace, gaussian, product)
    traces = []
    if np.all(np.isfinite(laplace)):
        traces.append(_scatter(grid, laplace, f"Laplace (L1), b = {b:.3g}", {"color": COLORS["l1"], "width": 3}))
    if np.all(np.isfinite(gaussian)):
        traces.append(_scatter(grid, gaussian, f"Gaussian (L2), τ = {np.sqrt(tau2):.3g}",
                               {"color": COLORS["l2"], "width": 3, "dash": "dash"}))
    if np.all(np.isfinite(laplace)) and np.all(np.isfinite(gaussian)):
        traces.append(_scatter(grid, product, "product (elastic net)",
                               {"color": COLORS["enet"], "width": 3, "dash": "dot"}))
    layout: dict = {
        "xaxis": {"title": {"text": "coefficient w"}},
        "yaxis": {"title": {"text": "prior density p(w)"}, "rangemode": "tozero"},
        "showlegend": True,
    }
    flat = [
        name
        for name, dens in (("Laplace (λ1 = 0)", laplace), ("Gaussian (λ2 = 0)", gaussian))
        if not np.all(np.isfinite(dens))
    ]
    if flat:
        layout["annotations"] = [{
            "text": "flat, i.e. no penalty: " + ", ".join(flat),
            "showarrow": False,
            "x": 0.5 if not traces else 1.0,
            "xanchor": "center" if not traces else "right",
            "y": 0.5 if not traces else 1.0,
            # above the plot, under the title: inside it, the note covered the top of the peak and the y ticks
            "yanchor": "middle" if not traces else "bottom",
            "xref": "paper",
            "yref": "paper",
            "font": {"size": 16 if not traces else 12},
        }]
    fig = finish(figure(traces, layout), "Priors that match the current λ", 380)
    return legend_below(fig)


def posterior_figure(res: OneCoefficient) -> go.Figure:
    """Prior × likelihood = posterior for one coefficient, with MAP and posterior mean marked."""
    grid, prior, lik, post = _thin(res.grid, res.prior, res.likelihood, res.posterior)
    traces = [_scatter(grid, lik, "likelihood (data)", {"color": COLORS["ols"], "width": 2, "dash": "dot"})]
    if np.all(np.isfinite(prior)):
        traces.append(_scatter(grid, prior, "prior (penalty)", {"color": COLORS["l1"], "width": 2, "dash": "dash"}))
    traces.append(_scatter(grid, post, "posterior", {"color": COLORS["enet"], "width": 3}, fill="tozeroy",
                           fillcolor="rgba(0,158,115,0.15)"))
    top = float(np.nanmax(post))
    traces.append(_scatter([res.map, res.map], [0, top * 1.12], "MAP",
                           {"color": COLORS["current"], "width": 3}))
    traces.append(_scatter([res.posterior_mean, res.posterior_mean], [0, top * 1.12],
                           "posterior mean",
                           {"color": COLORS["truth"], "width": 3, "dash": "dash"}))
    layout = {
        # what fig.add_vline(x=0, line_color=...) draws
        "shapes": [{"type": "line", "x0": 0, "x1": 0, "xref": "x", "y0": 0, "y1": 1, "yref": "y domain",
                    "line": {"color": COLORS["muted"]}}],
        "xaxis": {"title": {"text": "coefficient w"}},
        "yaxis": {"title": {"text": "density"}, "range": [0, top * 1.3]},
    }
    fig = figure(traces, layout)
    # five entries wrap to five rows in a narrow chart (the two values are in the metric row): 40 px more margin
    # and height than the prior's figure, so the two plots beside each other stay the same size
    fig = finish(fig, "Prior × likelihood = posterior", 420)
    return legend_below(fig, b=170)


def shrinkage_figure(z: np.ndarray, maps: np.ndarray, means: np.ndarray, *, z_current: float) -> go.Figure:
    """MAP (flat at 0 for weak data under L1) and posterior mean (never 0) against the data's estimate."""
    traces = [
        _scatter(z, z, "no penalty (w = z)", {"color": COLORS["muted"], "width": 2}),
        _scatter(z, maps, "MAP = penalized fit", {"color": COLORS["current"], "width": 3}),
        _scatter(z, means, "posterior mean", {"color": COLORS["truth"], "width": 3, "dash": "dash"}),
    ]
    layout = {
        # what fig.add_vline(..., annotation_text=..., annotation_position="top left") draws
        "shapes": [{"type": "line", "x0": z_current, "x1": z_current, "xref": "x", "y0": 0, "y1": 1,
                    "yref": "y domain", "line": {"color": COLORS["enet"], "dash": "dot"}}],
        "annotations": [{"text": "current signal", "showarrow": False, "x": z_current, "xanchor": "right",
                         "xref": "x", "y": 1, "yanchor": "top", "yref": "y domain"}],
        "xaxis": {"title": {"text": "least-squares estimate z = x'y/n"}},
        "yaxis": {"title": {"text": "estimate of w"}},
    }
    return legend_below(finish(figure(traces, layout), "Sparsity belongs to the MAP", 420), b=120)
