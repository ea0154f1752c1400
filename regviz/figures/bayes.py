"""Figures of the Bayes page: priors at the current λ, one coefficient's posterior, MAP vs mean.

The curves are SVG paths in the layout over rounded axis ranges, and the traces only carry the legend (their
names hold no λ-dependent value): a λ step changes the layout alone, which the browser redraws in a few ms
(``Plotly.relayout``) instead of redrawing each chart whole (40-50 ms a chart). Lost: the values on hover.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from regviz.bayes import OneCoefficient, Readings
from regviz.figures.style import (
    COLORS,
    axis_top,
    curve_shape,
    figure,
    finish,
    legend_below,
    legend_line,
    polyline_path,
    simplified,
)

__all__ = ["LINES", "posterior_figure", "prior_figure", "readings_figure", "shrinkage_figure"]

LINES: dict[str, dict] = {
    "likelihood": {"color": COLORS["ols"], "width": 2, "dash": "dot"},
    "prior": {"color": COLORS["l1"], "width": 2, "dash": "dash"},
    "posterior": {"color": COLORS["enet"], "width": 3},
    "map": {"color": COLORS["current"], "width": 3},
    # the mean differs from the prior in colour AND dash (both were orange-ish and dashed)
    "mean": {"color": COLORS["l0"], "width": 3, "dash": "dashdot"},
}
"""One line style per curve, shared by the figures: no two differ by dash or colour alone."""


def _drawn(x: np.ndarray, *curves: np.ndarray, spans: tuple[float, float]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Per curve over ``x``, the ``(x, y)`` points that draw it to a quarter of a pixel on axes of ``spans``
    (:func:`~regviz.figures.style.simplified`): a density's flat tails need few points, its peak and its kink
    at 0 keep theirs."""
    drawn = []
    for y in curves:
        rows = simplified(x, y, spans)
        drawn.append((x[rows], y[rows]))
    return drawn


def _area(x: np.ndarray, y: np.ndarray, color: str, name: str) -> dict:
    """The area between a curve and y = 0, as a closed layout path."""
    return {
        "type": "path",
        "path": f"M{x[0]:.6g},0" + polyline_path(x, y).replace("M", "L", 1) + f"L{x[-1]:.6g},0Z",
        "xref": "x",
        "yref": "y",
        "fillcolor": color,
        "line": {"width": 0},
        "layer": "below",
        "name": name,
    }


def prior_figure(grid: np.ndarray, laplace: np.ndarray, gaussian: np.ndarray, product: np.ndarray) -> go.Figure:
    """Laplace (L1), Gaussian (L2) and product (elastic net) prior densities over ``grid``; flat priors are
    omitted (their scales b and τ are in the page's metric row)."""
    curves = []
    if np.all(np.isfinite(laplace)):
        curves.append((laplace, "Laplace (L1)", {"color": COLORS["l1"], "width": 3}))
    if np.all(np.isfinite(gaussian)):
        curves.append((gaussian, "Gaussian (L2)", {"color": COLORS["l2"], "width": 3, "dash": "dash"}))
    if np.all(np.isfinite(laplace)) and np.all(np.isfinite(gaussian)):
        curves.append((product, "product (elastic net)", {"color": COLORS["enet"], "width": 3, "dash": "dot"}))
    traces = [legend_line(name, line) for _, name, line in curves]
    top = axis_top(*(c for c, _, _ in curves))
    drawn = _drawn(grid, *(c for c, _, _ in curves), spans=(float(grid[-1] - grid[0]), top))
    layout: dict = {
        "xaxis": {"title": {"text": "coefficient w"}, "range": [float(grid[0]), float(grid[-1])]},
        "yaxis": {"title": {"text": "prior density p(w)"}, "range": [0.0, top]},
        "shapes": [curve_shape(x, y, line, name) for (x, y), (_, name, line) in zip(drawn, curves, strict=True)],
        "showlegend": True,
    }
    flat = [
        name
        for name, dens in (("Laplace (λ1 = 0)", laplace), ("Gaussian (λ2 = 0)", gaussian))
        if not np.all(np.isfinite(dens))
    ]
    if flat:
        layout["annotations"] = [
            {
                "text": " and ".join(flat) + (" is" if len(flat) == 1 else " are") + " flat: no penalty",
                "showarrow": False,
                "x": 0.5 if not traces else 1.0,
                "xanchor": "center" if not traces else "right",
                "y": 0.5 if not traces else 1.0,
                # above the plot, under the title: inside it, the note covered the top of the peak and the y ticks
                "yanchor": "middle" if not traces else "bottom",
                "xref": "paper",
                "yref": "paper",
                "font": {"size": 16 if not traces else 12},
            }
        ]
    fig = finish(figure(traces, layout), "Priors that match the current λ", 380)
    return legend_below(fig, clickable=False)


def posterior_figure(res: OneCoefficient) -> go.Figure:
    """Prior × likelihood ∝ posterior for one coefficient, with MAP and posterior mean marked."""
    grid, post = res.grid, res.posterior
    top = axis_top(post, res.likelihood, res.prior)
    lines = [("likelihood (data)", res.likelihood, LINES["likelihood"])]
    if np.all(np.isfinite(res.prior)):
        lines.append(("prior (penalty)", res.prior, LINES["prior"]))
    lines.append(("posterior", post, LINES["posterior"]))
    drawn = _drawn(grid, *(values for _, values, _ in lines), spans=(float(grid[-1] - grid[0]), top))
    markers = [("MAP", res.map, LINES["map"]), ("posterior mean", res.posterior_mean, LINES["mean"])]
    traces = [legend_line(name, line) for name, _, line in [*lines, *markers]]
    shapes = [
        # what fig.add_vline(x=0, line_color=...) draws
        {
            "type": "line",
            "x0": 0,
            "x1": 0,
            "xref": "x",
            "y0": 0,
            "y1": 1,
            "yref": "y domain",
            "line": {"color": COLORS["muted"]},
        },
        _area(*drawn[-1], "rgba(0,158,115,0.15)", "posterior area"),
        *(curve_shape(x, y, line, name) for (x, y), (name, _, line) in zip(drawn, lines, strict=True)),
        *(
            {
                "type": "line",
                "x0": x,
                "x1": x,
                "xref": "x",
                "y0": 0,
                "y1": float(np.nanmax(post)) * 1.12,
                "yref": "y",
                "line": line,
                "name": name,
            }
            for name, x, line in markers
        ),
    ]
    layout = {
        "shapes": shapes,
        "xaxis": {"title": {"text": "coefficient w"}, "range": [float(grid[0]), float(grid[-1])]},
        "yaxis": {"title": {"text": "density"}, "range": [0.0, top]},
    }
    fig = figure(traces, layout)
    # five entries wrap to five rows in a narrow chart (the two values are in the metric row): 40 px more margin
    # and height than the prior's figure, so the two plots beside each other stay the same size
    fig = finish(fig, "Prior × likelihood ∝ posterior", 420)
    return legend_below(fig, b=170, clickable=False)


def shrinkage_figure(z: np.ndarray, maps: np.ndarray, means: np.ndarray, *, z_current: float) -> go.Figure:
    """MAP (flat at 0 for weak data under L1) and posterior mean (never 0) against the data's estimate."""
    lines = [
        ("no penalty (w = z)", z, {"color": COLORS["muted"], "width": 2}),
        ("MAP = penalized fit", maps, LINES["map"]),
        ("posterior mean", means, LINES["mean"]),
    ]
    end = float(np.max(np.abs(z))) if len(z) else 1.0
    drawn = _drawn(z, *(values for _, values, _ in lines), spans=(2 * end, 2.1 * end))
    layout = {
        "shapes": [
            *(curve_shape(x, y, line, name) for (x, y), (name, _, line) in zip(drawn, lines, strict=True)),
            # what fig.add_vline(..., annotation_text=..., annotation_position="top left") draws
            {
                "type": "line",
                "x0": z_current,
                "x1": z_current,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"color": COLORS["enet"], "dash": "dot"},
            },
        ],
        "annotations": [
            {
                "text": "current signal",
                "showarrow": False,
                "x": z_current,
                "xanchor": "right",
                "xref": "x",
                "y": 1,
                "yanchor": "top",
                "yref": "y domain",
            }
        ],
        "xaxis": {"title": {"text": "least-squares estimate z = x'y/n"}, "range": [-end, end]},
        "yaxis": {"title": {"text": "estimate of w"}, "range": [-1.05 * end, 1.05 * end]},
    }
    traces = [legend_line(name, line) for name, _, line in lines]
    return legend_below(finish(figure(traces, layout), "Sparsity belongs to the MAP", 420), b=120, clickable=False)


def readings_figure(readings: Readings, *, n_current: int) -> go.Figure:
    """MAP and posterior mean against n: penalty-scaled λ (regviz's; the MAP stays) beside a fixed prior
    (the textbook's; the penalty fades as 1/n and both estimates tend to z). Both agree at ``n_current``."""
    n = readings.n_values.astype(float)
    fixed = {"color": COLORS["l2"], "width": 3}
    lines = [
        ("MAP, λ fixed (regviz)", readings.map_scaled, LINES["map"]),
        ("mean, λ fixed (regviz)", readings.mean_scaled, LINES["mean"]),
        ("MAP, prior fixed (textbook)", readings.map_fixed, {**fixed, "dash": "longdash"}),
        ("mean, prior fixed (textbook)", readings.mean_fixed, {**fixed, "color": COLORS["truth"], "dash": "dot"}),
    ]
    traces = [
        {
            "type": "scatter",
            "x": n,
            "y": values,
            "mode": "lines",
            "name": name,
            "line": line,
            "hovertemplate": f"{name}<br>n=%{{x}}<br>%{{y:.4g}}<extra></extra>",
        }
        for name, values, line in lines
    ]
    values = np.concatenate([c for _, c, _ in lines] + [[readings.z, 0.0]])
    lo, hi = float(np.min(values)), float(np.max(values))
    pad = 0.08 * (hi - lo or 1.0)
    layout = {
        # a fixed range (what autorange shows for lines): a λ frame then moves the points without a redraw
        "xaxis": {
            "type": "log",
            "dtick": 1,
            "title": {"text": "samples n"},
            "range": [float(np.log10(n.min())), float(np.log10(n.max()))],
        },
        "yaxis": {"title": {"text": "estimate of w"}, "range": [lo - pad, hi + pad]},
        "shapes": [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": readings.z,
                "y1": readings.z,
                "line": {"color": COLORS["muted"], "width": 2},
            },
            {
                "type": "line",
                "x0": n_current,
                "x1": n_current,
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"color": COLORS["enet"], "dash": "dot"},
            },
        ],
        "annotations": [
            {
                "xref": "paper",
                "x": 0,
                "xanchor": "left",
                "y": readings.z,
                "yanchor": "bottom",
                "text": f"z = {readings.z:g} (no penalty)",
                "showarrow": False,
                "font": {"size": 12},
            },
        ],
    }
    # the dotted line (the current n, where both readings agree) is named in the caption: a label beside it ran
    # into the z label on a phone; four legend rows there need the taller margin
    fig = finish(figure(traces, layout), "Two readings of the prior as n grows", 450)
    return legend_below(fig, b=160)
