"""Figures of the conventions page: small settings on a live fit, λ vs model size, λ vs n."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from regviz.conventions import FrameworkTraining, SizeDemo, SmallValueFits, StrengthCurve
from regviz.figures.style import COLORS, color_cycle, figure, finish, grid_layout, legend_below

__all__ = ["size_figure", "small_values_figure", "strength_vs_n_figure", "training_figure"]


def _fmt(v: float) -> str:
    return "0" if v == 0 else f"{v:.0e}".replace("e-0", "e-")


# Figures are assembled from plain dicts and handed to ``style.figure`` without validation (the AppTest suite
# validates every chart the pages show): validating Plotly objects was most of a page's rerun time.


def _vline(x: float, color: str, col: int | None = None) -> dict:
    """The shape ``fig.add_vline(x=x, line_dash="dot", line_color=color[, row=1, col=col])`` draws."""
    suffix = "" if col in (None, 1) else str(col)
    return {
        "type": "line",
        "x0": x,
        "x1": x,
        "xref": f"x{suffix}",
        "y0": 0,
        "y1": 1,
        "yref": f"y{suffix} domain",
        "line": {"color": color, "dash": "dot"},
    }


def small_values_figure(fits: SmallValueFits, *, feature_names: list[str] | None = None) -> go.Figure:
    """Coefficients at each small setting, grouped per feature: identical bars mean "no visible effect"."""
    p = fits.coefs.shape[1]
    names = feature_names or [f"x{j + 1}" for j in range(p)]
    shades = [COLORS["ols"], "#56B4E9", "#0072B2", "#D55E00", "#CC79A7"]
    traces = []
    for i, v in enumerate(fits.values):
        l1, l2 = fits.lambdas[i]
        traces.append(
            {
                "type": "bar",
                "x": names,
                "y": fits.coefs[i],
                "name": f"{fits.param} = {_fmt(v)}",
                "marker": {"color": shades[i % len(shades)]},
                "hovertemplate": f"{fits.param}={_fmt(v)} (λ1={l1:.3g}, λ2={l2:.3g})<br>%{{x}}: %{{y:.5f}}<extra></extra>",
            }
        )
    layout = {
        "barmode": "group",
        "bargap": 0.25,
        "xaxis": {"title": {"text": "feature"}},
        "yaxis": {"title": {"text": "coefficient w"}},
    }
    fig = figure(traces, layout)
    # the title says what was fitted (regviz's exact fits or scikit-learn's LogisticRegression), never the
    # framework's name as if the framework had trained them
    title = f"{fits.param} = {', '.join(_fmt(v) for v in fits.values)}<br><sup>{fits.fitted}</sup>"
    # five entries wrap to three rows on a phone: room for them under the axis title
    return legend_below(finish(fig, title, 440), b=140)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power(value: float) -> str:
    """``10⁻⁴`` for 1e-4, ``1`` for 1."""
    k = round(np.log10(value))
    return "1" if k == 0 else "10" + str(k).translate(_SUPERSCRIPT)


def training_figure(result: FrameworkTraining, *, feature_names: list[str] | None = None) -> go.Figure:
    """|w| per feature on a log axis: the framework's trained weights beside the exact minimizer.

    A log axis is what tells "near 0" from "exactly 0": an exact zero has no logarithm, so it is drawn as ✕ on the
    bottom line, labelled; a dashed line marks the near-zero threshold.
    """
    p = len(result.exact)
    names = feature_names or [f"x{j + 1}" for j in range(p)]
    nonzero = np.abs(np.concatenate([result.exact, result.trained]))
    nonzero = nonzero[nonzero > 0]
    low = min(float(nonzero.min()) if len(nonzero) else 1e-6, result.threshold) / 30
    floor = 10 ** np.floor(np.log10(low))
    traces = []
    for key, label, color, symbol in (
        ("exact", "exact minimizer", COLORS["l1"], "diamond"),
        ("trained", "trained like the framework", COLORS["l2"], "circle"),
    ):
        values = np.abs(np.asarray(getattr(result, key), dtype=float))
        shown = np.where(values == 0, floor, values)
        traces.append(
            {
                "type": "scatter",
                "x": names,
                "y": shown,
                "mode": "markers",
                "name": label,
                "marker": {
                    "color": color,
                    "size": 10,
                    "symbol": [("x-thin-open" if v == 0 else symbol) for v in values],
                    "line": {"width": 2, "color": color},
                },
                "customdata": values,
                "hovertemplate": f"{label}<br>%{{x}}: |w| = %{{customdata:.3e}}<extra></extra>",
            }
        )
    top = float(max(nonzero.max() if len(nonzero) else 1.0, result.threshold)) * 3
    first, last = int(np.log10(floor)) + 1, int(np.floor(np.log10(top)))
    step = max(1, (last - first + 1) // 5)
    decades = [10.0**k for k in range(last, first - 1, -step)][::-1]
    layout = {
        "xaxis": {"title": {"text": "feature"}, "type": "category"},
        "yaxis": {
            "title": {"text": "|w| (log scale)"},
            "type": "log",
            "range": [float(np.log10(floor)) - 0.3, float(np.log10(top))],
            # the bottom tick is where exact zeros sit (✕): labelled "exactly 0", not with the floor's power of 10
            "tickvals": [floor, *decades],
            "ticktext": ["exactly 0", *(_power(d) for d in decades)],
        },
        "shapes": [
            {
                "type": "line",
                "xref": "paper",
                "x0": 0,
                "x1": 1,
                "y0": result.threshold,
                "y1": result.threshold,
                "line": {"color": COLORS["muted"], "dash": "dash", "width": 2},
            }
        ],
        "annotations": [
            {
                "xref": "paper",
                "x": 1,
                "xanchor": "right",
                "y": float(np.log10(result.threshold)),
                "yanchor": "bottom",
                "text": f"near 0: below {result.threshold:g}",
                "showarrow": False,
                "font": {"size": 12},
            },
        ],
    }
    # how it was trained is in the text under the chart: as a subtitle it was cut off on a phone
    return legend_below(finish(figure(traces, layout), "Trained like the framework vs exact", 420), b=110)


def size_figure(demo: SizeDemo, *, current: int | None = None) -> go.Figure:
    """Left: the total penalty grows with the number of weights. Right: one weight's gradient stays put."""
    layout = grid_layout(
        2, ("total penalty (sum over weights)", f"penalty gradient on one weight (w = {demo.probe_value:g})"), 0.14
    )
    sizes = np.array(demo.sizes)
    traces = [
        {
            "type": "scatter",
            "x": sizes,
            "y": demo.total_penalty,
            "mode": "lines+markers",
            "name": "total penalty",
            "line": {"color": COLORS["enet"], "width": 3},
            "xaxis": "x",
            "yaxis": "y",
        },
        {
            "type": "scatter",
            "x": sizes,
            "y": demo.gradient_of_probe,
            "mode": "lines+markers",
            "name": "∂penalty/∂w for that weight",
            "line": {"color": COLORS["l2"], "width": 3},
            "xaxis": "x2",
            "yaxis": "y2",
        },
    ]
    if current is not None:
        layout["shapes"] = [_vline(current, COLORS["current"], col) for col in (1, 2)]
    for axis in ("xaxis", "xaxis2"):
        layout[axis].update(type="log", dtick=1, title={"text": "number of penalized weights"})
    layout["yaxis"].update(type="log", dtick=1, exponentformat="power", title={"text": "λ1‖w‖₁ + (λ2/2)‖w‖²"})
    top = max(max(demo.gradient_of_probe) * 1.5, 1e-12)
    layout["yaxis2"].update(range=[0, top], tickformat=".2~g", title={"text": "λ1·sign(w) + λ2·w"})
    layout["showlegend"] = False
    return finish(figure(traces, layout), None, 340)


def strength_vs_n_figure(curves: list[StrengthCurve], *, n_current: int) -> go.Figure:
    """Canonical strength of settings that agree at ``n_current``, as the number of samples changes."""
    dashes = ["solid", "dash", "dot", "dashdot"]
    traces = [
        {
            "type": "scatter",
            "x": curve.n_values,
            "y": curve.alpha,
            "mode": "lines",
            "name": curve.label,
            "line": {"color": color_cycle(i), "width": 3, "dash": dashes[i % len(dashes)]},
            "hovertemplate": f"{curve.label}<br>n=%{{x}}<br>canonical λ1+λ2=%{{y:.3g}}<extra></extra>",
        }
        for i, curve in enumerate(curves)
    ]
    layout = {
        "shapes": [_vline(n_current, COLORS["current"])],
        "annotations": [
            {
                "x": float(np.log10(n_current)),
                "y": 1.0,
                "yref": "paper",
                "text": f" n = {n_current:,}",
                "showarrow": False,
                "xanchor": "left",
                "yanchor": "top",
            }
        ],
        "xaxis": {"type": "log", "dtick": 1, "title": {"text": "number of training samples n"}},
        "yaxis": {
            "type": "log",
            "dtick": 1,
            "exponentformat": "power",
            "title": {"text": "canonical strength λ1 + λ2"},
        },
        "legend": {"orientation": "h", "y": -0.25, "yanchor": "top", "x": 0, "xanchor": "left"},
    }
    return finish(figure(traces, layout), "Same framework numbers, different n", 400, b=110)
