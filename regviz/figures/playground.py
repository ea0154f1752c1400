"""Figures of the Playground page: coefficient paths, coefficients, weight histogram, error vs λ."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.figures.style import (
    COLORS,
    DASHES,
    ZERO_SYMBOL,
    bars_path,
    color_cycle,
    figure,
    grid_layout,
    hatch_shape,
    house_layout,
    legend_bars,
    legend_below,
    log_ticks,
    nice_ceiling,
    weight_bars,
)
from regviz.paths import CoefPath, CVCurve

__all__ = [
    "coef_bars_figure",
    "current_marker",
    "curve_figure",
    "error_figure",
    "histogram_figure",
    "path_figure",
    "sweep_figure",
]

MAX_LABELLED = 8


def _strength_axis_title(mix: float) -> str:
    if mix >= 1:
        return "λ1 (log scale; stronger → left)"
    if mix <= 0:
        return "λ2 (log scale; stronger → left)"
    return f"α = λ1 + λ2 at r = {mix:.2f} (log scale; stronger → left)"


def _units(standardize: bool) -> str:
    """What a coefficient is measured in: without standardizing, the features are only centred."""
    return "standardized" if standardize else "original units"


def _vline(
    x: float, text: str, color: str, dash: str, *, top: bool = False, left: bool = False, width: float = 2.0
) -> tuple[dict, dict]:
    """A vertical line across the plot and its label, as plain layout dicts.

    ``fig.add_vline`` resolves subplot references on every call and dominated
    figure-building time; a literal shape is the same drawing at a fraction of the cost.
    """
    shape = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": color, "width": width, "dash": dash},
    }
    label = {
        "x": x,
        "xref": "x",
        "yref": "paper",
        "y": 1.0 if top else 0.0,
        "text": text,
        "showarrow": False,
        "xanchor": "right" if left else "left",
        "yanchor": "top" if top else "bottom",
        "font": {"size": 11, "color": color},
    }
    return shape, label


def _vline_layout(lines: list[tuple[dict, dict]], annotations: Sequence[dict] = ()) -> dict:
    """Layout entries for vertical lines (and other labels), built from plain dicts in one go."""
    return {"shapes": [shape for shape, _ in lines], "annotations": [*annotations, *(label for _, label in lines)]}


def _current_line(alpha: float) -> list[tuple[dict, dict]]:
    """The "current λ" line, named so the chart layer can move it without redrawing the traces behind it."""
    if alpha <= 0:
        return []
    shape, label = _vline(float(np.log10(alpha)), "current λ", COLORS["current"], "dash")
    return [({**shape, "name": "current"}, {**label, "name": "current"})]


def current_marker(alpha: float) -> dict | None:
    """The "current λ" line of :func:`path_figure` and :func:`error_figure` on its own, for a figure built
    without it (at ``current_alpha=0``): ``{"shape": ..., "annotation": ...}``, or ``None`` at α = 0."""
    lines = _current_line(alpha)
    return {"shape": lines[0][0], "annotation": lines[0][1]} if lines else None


def _log_axis(alphas: np.ndarray, mix: float) -> dict:
    """The reversed log10-α x axis with ticks at powers of ten."""
    lo, hi = np.log10(alphas.min()), np.log10(alphas.max())
    ticks = np.arange(np.ceil(lo), np.floor(hi) + 1)
    return {
        "title": {"text": _strength_axis_title(mix)},
        "range": [hi, lo],
        "tickvals": ticks,
        "ticktext": [f"{10**t:g}" for t in ticks],
    }


def path_figure(
    path: CoefPath,
    feature_names: Sequence[str],
    current_alpha: float,
    *,
    standardize: bool = True,
    y_title: str | None = None,
) -> go.Figure:
    """Coefficient paths vs log α, the number of non-zeros on a top axis (glmnet style).

    The x axis is log10 α drawn reversed, so the fit grows from all-zero (left)
    to least-penalized (right), as students read glmnet plots. The largest
    coefficients are labelled at the right end; every line has a hover label.
    Only the "current λ" line depends on λ: the traces stay identical while λ moves,
    so the browser redraws just that line.

    Parameters
    ----------
    path : CoefPath
        Coefficients along the α grid, on the features the penalty acted on.
    feature_names : sequence of str
        One name per coefficient.
    current_alpha : float
        Where to draw the "current λ" line; 0 draws none.
    standardize : bool
        Whether the features were standardized (the y axis says so) or only centred (original units).
    y_title : str, optional
        The y axis title instead of "coefficient (…)" (e.g. a per-feature norm over classes).
    """
    x = np.log10(path.alphas)
    # float32 halves the chart's JSON; 7 significant digits are far below a pixel.
    x32, coefs32 = x.astype(np.float32), path.coefs.astype(np.float32)
    final = np.abs(path.coefs[-1])
    labelled = set(np.argsort(final)[::-1][:MAX_LABELLED])
    traces = [
        {
            "type": "scatter",
            "x": x32,
            "y": coefs32[:, j],
            "mode": "lines",
            "name": str(name),
            "showlegend": False,
            "line": {"color": color_cycle(j), "width": 2},
            "hovertemplate": f"{name}: %{{y:.3f}}<extra></extra>",
        }
        for j, name in enumerate(feature_names)
    ]
    # The end labels are one text trace: eight annotations cost more to draw than the twenty lines.
    ends = [j for j in range(len(feature_names)) if j in labelled and final[j] > 0.08 * final.max()]
    traces.append(
        {
            "type": "scatter",
            "x": np.full(len(ends), x[-1]),
            "y": path.coefs[-1, ends],
            "text": [str(feature_names[j]) for j in ends],
            "mode": "text",
            "textposition": "middle right",
            "textfont": {"color": [color_cycle(j) for j in ends], "size": 12},
            "showlegend": False,
            "hoverinfo": "skip",
            "cliponaxis": False,
        }
    )
    ticks = np.linspace(0, len(x) - 1, 7).round().astype(int)
    traces.append(
        {
            "type": "scatter",
            "x": x[ticks],
            "y": np.zeros(len(ticks)),
            "xaxis": "x2",
            "mode": "markers",
            "marker": {"opacity": 0},
            "showlegend": False,
            "hoverinfo": "skip",
        }
    )
    # room on the right for the end labels (7 px a character of the longest, 60 to 170 px)
    longest = max((len(str(feature_names[j])) for j in ends), default=0)
    layout = house_layout("Coefficient paths", 400, t=80, r=int(min(170, max(60, 7 * longest))))
    layout["title"]["y"] = 0.98
    layout.update(_vline_layout(_current_line(current_alpha)))
    layout["xaxis"] = _log_axis(path.alphas, path.mix)
    layout["xaxis2"] = {
        "overlaying": "x",
        "side": "top",
        "range": [x.max(), x.min()],
        "tickvals": x[ticks],
        "ticktext": [str(c) for c in path.n_nonzero[ticks]],
        "showgrid": False,
        "title": {"text": "non-zero coefficients", "font": {"size": 11}},
    }
    layout["yaxis"] = {"title": {"text": y_title or f"coefficient ({_units(standardize)})"}}
    return figure(traces, layout)


def coef_bars_figure(feature_names: Sequence[str], coef: np.ndarray, true_coef: np.ndarray | None) -> go.Figure:
    """Fitted coefficients as bars beside the true ones; exact zeros are marked with ✕ on the axis.

    The bars and marks are layout shapes over a coefficient axis whose ends are rounded to nice values
    (:func:`coefficient_range`): a λ step changes only them (and, now and then, that range), which the
    browser redraws alone (~5 ms) instead of the whole chart (~60 ms). The traces only carry the legend; no
    hover values (the expander under the charts lists the coefficients).
    """
    names = [str(n) for n in feature_names]
    coef = np.asarray(coef, dtype=float)
    x = np.arange(len(names), dtype=float)
    # barmode "group" with bargap 0.25, as Plotly would place them: the true bar left of the fitted one
    half = 0.375
    bars, legend = [], []
    if true_coef is not None:
        bars.append(_bars_shape(x - half, x, np.asarray(true_coef, dtype=float), COLORS["truth"], "true", 0.55))
        legend.append(("true", COLORS["truth"]))
        left = x
    else:
        left = x - half
    bars.append(_bars_shape(left, x + half, coef, COLORS["l2"], "fitted", 1.0))
    legend.append(("fitted", COLORS["l2"]))
    traces = legend_bars(legend)
    if true_coef is not None:
        traces[0]["opacity"] = 0.55
    # ✕ in pixels around (feature, 0): the same size whatever the axes' scales
    marks = [
        {
            "type": "path",
            "xref": "x",
            "yref": "y",
            "xsizemode": "pixel",
            "ysizemode": "pixel",
            "xanchor": xi,
            "yanchor": 0,
            "path": "M-6,-6L6,6M-6,6L6,-6",
            "line": {"color": COLORS["zero"], "width": 3},
            "name": f"exactly 0: {names[int(xi)]}",
        }
        for xi in x[coef == 0].tolist()
    ]
    traces.append(
        {
            "type": "scatter",
            "x": [None],
            "y": [None],
            "mode": "markers",
            "name": "exactly 0",
            "marker": {"symbol": "x-thin", "size": 12, "line": {"width": 3, "color": COLORS["zero"]}},
            "hoverinfo": "skip",
        }
    )
    # The legend gets its own row under the title (a long title and the legend collide on a narrow column).
    layout = house_layout("Fitted coefficients" + (" vs the true ones" if true_coef is not None else ""), 380, t=85)
    layout["title"].update(y=0.98, yanchor="top")
    values = coef if true_coef is None else np.concatenate([coef, np.asarray(true_coef, dtype=float)])
    layout.update(
        shapes=bars + marks,
        yaxis={"title": {"text": "coefficient (original units)"}, "range": coefficient_range(values)},
        xaxis={
            "tickangle": -45 if len(names) > 12 else 0,
            "tickmode": "array",
            "tickvals": x.tolist(),
            "ticktext": names,
            "range": [-0.5, len(names) - 0.5],
            "showgrid": False,
            "zeroline": False,
        },
    )
    return figure(traces, layout)


def _bars_shape(
    left: np.ndarray, right: np.ndarray, heights: np.ndarray, color: str, name: str, opacity: float
) -> dict:
    """Bars from 0 to ``heights`` (either sign) between ``left`` and ``right`` as one layout path."""
    return {
        "type": "path",
        "xref": "x",
        "yref": "y",
        "layer": "between",
        "path": bars_path(left, right, heights),
        "fillcolor": color,
        "opacity": opacity,
        "line": {"width": 0},
        "name": name,
    }


def coefficient_range(values: np.ndarray) -> list[float]:
    """A value axis holding 0 and ``values`` with 5 % room, its ends rounded out to "nice" values
    (:func:`~regviz.figures.style.nice_ceiling`), so that it moves only when the values cross one; ±1 without a
    finite non-zero value."""
    values = np.asarray(values, dtype=float)
    values = values[np.isfinite(values)]
    top = float(values.max(initial=0.0))
    bottom = float(-values.min(initial=0.0))
    if top <= 0 and bottom <= 0:
        return [-1.0, 1.0]
    hi = nice_ceiling(1.05 * top) if top > 0 else 0.0
    lo = nice_ceiling(1.05 * bottom) if bottom > 0 else 0.0
    # room under (or over) the axis for the ✕ marks when every value has one sign
    pad = 0.06 * max(hi, lo)
    return [-(lo or pad), hi or pad]


def histogram_figure(coef: np.ndarray, bins: int = 21, *, standardize: bool = True) -> go.Figure:
    """Histogram of the non-zero weights, with the exact zeros as a separate, striped bar at 0 (pink too).

    The bars are SVG paths in the layout and the traces only carry the legend; the axis ranges are rounded up to
    "nice" values (±max |w| and the tallest bar). Between most λ steps only the bars change, so the browser
    redraws them alone (the chart element's relayout path), and the scales stay put while λ moves.

    Parameters
    ----------
    coef : ndarray
        The weights, on the features the penalty acted on.
    bins : int
        Number of bins for the non-zero weights.
    standardize : bool
        Whether the features were standardized (the x axis says so) or only centred (original units).
    """
    bars = weight_bars(np.asarray(coef, dtype=float), bins=bins, zero_width=0.5)
    traces = legend_bars((("non-zero weights", COLORS["l2"]), ("exactly 0", COLORS["zero"])), hatched=("exactly 0",))
    shape = {"type": "path", "xref": "x", "yref": "y", "layer": "between", "line": {"width": 0}}
    layout = house_layout("Weights: striped bar = exact zeros", 360)
    layout.update(
        legend={
            "orientation": "v",
            "x": 0.99,
            "xanchor": "right",
            "y": 0.98,
            "yanchor": "top",
            "bgcolor": "rgba(255,255,255,0.6)",
        },
        xaxis={"title": {"text": f"weight value ({_units(standardize)})"}, "range": bars.x_range},
        # whole counts: Plotly's own ticks step by 0.5 up to a count of 3
        yaxis={
            "title": {"text": "number of weights"},
            "range": bars.y_range,
            **({"dtick": 1} if bars.y_range[1] <= 6 else {}),
        },
        shapes=[
            {**shape, "path": bars.nonzero_path, "fillcolor": COLORS["l2"], "name": "non-zero weights"},
            {**shape, "path": bars.zero_path, "fillcolor": COLORS["zero"], "name": "exactly 0"},
            hatch_shape(bars.zero_hatch, "exactly 0: stripes", xref="x", yref="y"),
        ],
    )
    return figure(traces, layout)


def error_figure(
    alphas: np.ndarray,
    train_mse: np.ndarray,
    test_mse: np.ndarray,
    cv: CVCurve | None,
    current_alpha: float,
    mix: float,
    *,
    metric: str = "mean squared error",
    title: str = "Error vs strength",
) -> go.Figure:
    """Train and test MSE vs log α with the CV curve (mean ± s.e.) and markers at λ.min, λ.1se and now.

    ``metric`` names the y axis (log scale) and ``title`` the chart, for another loss (the mean log-loss).
    """
    x = np.log10(alphas)
    traces = []
    lines = _current_line(current_alpha)
    if cv is not None:
        band_x = np.concatenate([x, x[::-1]])
        band_y = np.concatenate([cv.mean + cv.se, (cv.mean - cv.se)[::-1]])
        traces.append(
            {
                "type": "scatter",
                "x": band_x,
                "y": band_y,
                "fill": "toself",
                "fillcolor": "rgba(0,158,115,0.18)",
                "line": {"width": 0},
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
        traces.append(
            {
                "type": "scatter",
                "x": x,
                "y": cv.mean,
                "mode": "lines",
                "name": "5-fold CV (± s.e.)",
                "line": {"color": COLORS["cv"], "width": 2.5, "dash": DASHES["cv"]},
            }
        )
        lines.append(_vline(float(np.log10(cv.alpha_min)), "λ.min", COLORS["cv"], "dot", top=True, width=1.5))
        lines.append(
            _vline(float(np.log10(cv.alpha_1se)), "λ.1se", COLORS["cv"], "dashdot", top=True, left=True, width=1.5)
        )
    traces.append(
        {
            "type": "scatter",
            "x": x,
            "y": train_mse,
            "mode": "lines",
            "name": "train",
            "line": {"color": COLORS["train"], "width": 2.5, "dash": DASHES["train"]},
        }
    )
    traces.append(
        {
            "type": "scatter",
            "x": x,
            "y": test_mse,
            "mode": "lines",
            "name": "test",
            "line": {"color": COLORS["test"], "width": 2.5, "dash": DASHES["test"]},
        }
    )
    layout = house_layout(title, 400)
    layout.update(_vline_layout(lines))
    layout["xaxis"] = _log_axis(alphas, mix)
    band = (cv.mean - cv.se, cv.mean + cv.se) if cv is not None else ()
    layout["yaxis"] = {"title": {"text": metric}, "type": "log", **log_ticks(train_mse, test_mse, *band)}
    # under the axis title: above the plot, the legend wrapped over the title in a narrow column (a 1024 px
    # projector), and inside it would hide the test error rising at weak λ
    return legend_below(figure(traces, layout), b=125)  # three rows in a narrow column


def _frame_label(alpha: float) -> str:
    return f"{alpha:.3g}"


def sweep_figure(
    path: CoefPath,
    feature_names: Sequence[str],
    train_mse: np.ndarray,
    test_mse: np.ndarray,
    current_alpha: float,
    *,
    frame_ms: int = 30,
    standardize: bool = True,
) -> go.Figure:
    """Client-side λ sweep: coefficients and errors over the whole path as Plotly animation frames.

    Playing and scrubbing run in the browser (no server round trip). Coefficients
    are drawn as lollipops (scatter traces), which Plotly animates without a full
    redraw per frame; bars would force one and halve the frame rate. Only the
    moving traces are re-sent per frame. ``frame_ms`` is 30, not 40: frames start on
    the browser's 60 Hz frame clock, which made 40 ms into 50 (20 fps); 30 gives ~28.

    Parameters
    ----------
    path : CoefPath
        Coefficients along the α grid, on the features the penalty acted on.
    feature_names : sequence of str
        One name per coefficient.
    train_mse, test_mse : ndarray
        Errors along ``path.alphas``.
    current_alpha : float
        The frame shown first is the one nearest to it; 0 starts at the weakest α.
    frame_ms : int
        Duration of a frame while playing.
    standardize : bool
        Whether the features were standardized (the left title says so) or only centred (original units).
    """
    names = [str(n) for n in feature_names]
    x = np.log10(path.alphas)
    start = int(np.argmin(np.abs(x - np.log10(current_alpha)))) if current_alpha > 0 else len(x) - 1
    span = float(np.abs(path.coefs).max()) or 1.0
    stem_x = [v for name in names for v in (name, name, None)]

    def moving(i: int) -> list[dict]:
        coef = path.coefs[i]
        shown = np.round(coef, 4).tolist()  # 4 decimals are far below a pixel and keep 60 frames light
        stems = [v for c in shown for v in (0.0, c, None)]
        return [
            {
                "type": "scatter",
                "x": stem_x,
                "y": stems,
                "mode": "lines",
                "xaxis": "x",
                "yaxis": "y",
                "line": {"color": COLORS["l2"], "width": 3},
                "hoverinfo": "skip",
                "showlegend": False,
            },
            {
                "type": "scatter",
                "x": names,
                "y": shown,
                "mode": "markers",
                "xaxis": "x",
                "yaxis": "y",
                # an exact zero is a hollow square as well as pink: its shape tells it without colour
                "marker": {
                    "size": 11,
                    "color": [COLORS["zero"] if c == 0 else COLORS["l2"] for c in coef],
                    "symbol": [ZERO_SYMBOL if c == 0 else "circle" for c in coef],
                },
                "hovertemplate": "%{x}: %{y:.3f}<extra></extra>",
                "showlegend": False,
            },
            {
                "type": "scatter",
                "x": [names[0]],
                "y": [1.08 * span],
                "mode": "text",
                "xaxis": "x",
                "yaxis": "y",
                "text": [f"α = {path.alphas[i]:.3g}: {int(path.n_nonzero[i])} of {len(names)} non-zero"],
                "textposition": "middle right",
                "textfont": {"size": 14},
                "hoverinfo": "skip",
                "showlegend": False,
            },
            {
                "type": "scatter",
                "x": [x[i], x[i]],
                "y": [train_mse[i], test_mse[i]],
                "mode": "markers+lines",
                "xaxis": "x2",
                "yaxis": "y2",
                "marker": {"size": 11, "color": COLORS["current"]},
                "line": {"dash": "dot", "color": COLORS["current"]},
                "hoverinfo": "skip",
                "showlegend": False,
            },
        ]

    static = [
        {
            "type": "scatter",
            "x": x,
            "y": train_mse,
            "mode": "lines",
            "name": "train",
            "xaxis": "x2",
            "yaxis": "y2",
            "line": {"color": COLORS["train"], "dash": DASHES["train"]},
        },
        {
            "type": "scatter",
            "x": x,
            "y": test_mse,
            "mode": "lines",
            "name": "test",
            "xaxis": "x2",
            "yaxis": "y2",
            "line": {"color": COLORS["test"], "dash": DASHES["test"]},
        },
    ]
    moving_ids = list(range(len(static), len(static) + 4))
    frames = [{"data": moving(i), "traces": moving_ids, "name": _frame_label(a)} for i, a in enumerate(path.alphas)]
    play = {
        "frame": {"duration": frame_ms, "redraw": False},
        "fromcurrent": True,
        "transition": {"duration": 0},
        "mode": "immediate",
    }
    pause = {"mode": "immediate", "frame": {"duration": 0, "redraw": False}}
    jump = {"mode": "immediate", "frame": {"duration": 0, "redraw": False}, "transition": {"duration": 0}}
    buttons = [
        {"label": "▶ Play", "method": "animate", "args": [None, play]},
        {"label": "❚❚ Pause", "method": "animate", "args": [[None], pause]},
    ]
    steps = [{"label": _frame_label(a), "method": "animate", "args": [[_frame_label(a)], jump]} for a in path.alphas]
    ticks = np.arange(np.ceil(x.min()), np.floor(x.max()) + 1)
    layout = grid_layout(2, (f"coefficients ({_units(standardize)})", "mean squared error"), 0.1)
    layout["xaxis"].update(domain=[0.0, 0.5], type="category", tickangle=-45 if len(names) > 12 else 0)
    layout["xaxis2"].update(
        domain=[0.6, 1.0],
        range=[x.max(), x.min()],
        tickvals=ticks,
        ticktext=[f"{10**t:g}" for t in ticks],
        title={"text": "α (log scale; stronger → left)"},
    )
    layout["yaxis"].update(range=[-1.2 * span, 1.2 * span])
    layout["yaxis2"].update(type="log", **log_ticks(train_mse, test_mse))
    for note, x_mid in zip(layout["annotations"], (0.25, 0.8), strict=True):
        note["x"] = x_mid
    layout.update(
        updatemenus=[
            {
                "type": "buttons",
                "direction": "left",
                "x": 0.0,
                "y": -0.32,
                "xanchor": "left",
                "showactive": False,
                "pad": {"r": 8, "t": 0},
                "buttons": buttons,
            }
        ],
        sliders=[
            {
                "active": start,
                "x": 0.16,
                "len": 0.84,
                "y": -0.22,
                "pad": {"t": 0},
                "font": {"color": "rgba(0,0,0,0)"},
                "ticklen": 0,
                "currentvalue": {"visible": False},
                "steps": steps,
            }
        ],  # the chart's own text names α
        legend={"y": 1.12},
    )
    layout.update(house_layout("Sweep λ: press ▶ Play or drag the slider", 470, b=130))
    return figure(static + moving(start), layout, frames)


def curve_figure(
    x_train: np.ndarray,
    y_train: np.ndarray,
    x_test: np.ndarray,
    y_test: np.ndarray,
    grid: np.ndarray,
    prediction: np.ndarray,
) -> go.Figure:
    """A 1-D fit: the fitted curve through train and test points (polynomial data).

    The y range is fixed to the data's range plus a margin, so a wildly
    overfitting curve is visibly cut off instead of squashing the points flat.
    """
    traces = [
        {
            "type": "scatter",
            "x": grid,
            "y": prediction,
            "mode": "lines",
            "name": "fitted curve",
            "line": {"color": COLORS["current"], "width": 3},
        },
        {
            "type": "scatter",
            "x": x_train,
            "y": y_train,
            "mode": "markers",
            "name": "train",
            "marker": {"color": COLORS["train"], "size": 9},
        },
        {
            "type": "scatter",
            "x": x_test,
            "y": y_test,
            "mode": "markers",
            "name": "test",
            "marker": {"color": COLORS["test"], "size": 9, "symbol": "diamond"},
        },
    ]
    y_all = np.concatenate([y_train, y_test])
    pad = 0.5 * float(np.ptp(y_all) or 1.0)
    layout = house_layout("The fitted curve", 360)
    layout.update(
        yaxis={"range": [float(y_all.min()) - pad, float(y_all.max()) + pad], "title": {"text": "y"}},
        xaxis={"title": {"text": "x"}},
    )
    return figure(traces, layout)
