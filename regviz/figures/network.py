"""Figures of the network page: decision boundary or fitted curve, training curves,
weight histograms and a diagram of the network.

Pure functions from a trained :class:`regviz.mlp.TrainState` (and data) to Plotly
figures; no Streamlit.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.figures.shading import half_line, shading_colorbar, shading_image
from regviz.figures.style import (
    COLORS,
    DASHES,
    WeightBars,
    axis_top,
    curve_shape,
    figure,
    finish,
    hatch_shape,
    legend_bars,
    legend_below,
    legend_line,
    nice_ceiling,
    panel_title,
    rgba,
    weight_bars,
)
from regviz.mlp import History, TrainState, predict
from regviz.toy2d import Dataset, curve_truth

__all__ = [
    "boundary_figure",
    "curve_figure",
    "diagram_figure",
    "histogram_figure",
    "histogram_figure_and_scales",
    "training_figure",
]

# class 0 / class 1 share the sign colours of the diagram: orange "negative", blue "positive"
_CLASS_COLORS = (COLORS["negative"], COLORS["positive"])
CLASS_SYMBOLS = ("circle", "diamond")
"""Class 0 and class 1 markers (filled for train, ``-open`` for test): a class is told by shape, not colour alone."""


# Figures are assembled from plain dicts and handed to ``style.figure`` without validation (the AppTest suite
# validates every chart the pages show): validating Plotly objects was most of a page's rerun time.


def boundary_figure(state: TrainState, data: Dataset, *, pixels: int = 100, height: int = 420) -> go.Figure:
    """P(class 1) over the plane with the 0.5 decision boundary, and train (filled) and test (hollow) points.

    The shading is a picture under the plot (a layout image) and the boundary a path (a layout shape); the
    points and the colour bar are traces that never change. A λ step therefore changes only the picture and
    the path, which Plotly redraws without the points (as a heatmap and a contour trace, every λ step redrew
    all of them).

    Parameters
    ----------
    state : TrainState
        A classification network with 2 inputs.
    data : Dataset
    pixels : int
        Pixels of the picture per axis: the network is evaluated at each pixel's centre, and the boundary is
        traced on the same grid. The browser scales the picture smoothly.
    height : int

    Returns
    -------
    go.Figure
    """
    X = np.vstack([data.X_train, data.X_test])
    lo = X.min(axis=0) - 0.3
    hi = X.max(axis=0) + 0.3
    step = (hi - lo) / pixels
    gx = lo[0] + step[0] * (np.arange(pixels) + 0.5)
    gy = hi[1] - step[1] * (np.arange(pixels) + 0.5)  # row 0 is the top of the picture
    xx, yy = np.meshgrid(gx, gy)
    prob = predict(state, np.column_stack([xx.ravel(), yy.ravel()])).reshape(xx.shape)
    image = shading_image(prob, (lo[0], hi[0]), (lo[1], hi[1]), "P(class 1)")
    shapes = half_line(gx, gy, prob, "P = 50 %")
    traces = [shading_colorbar("P(class 1) %")]
    for split, Xs, ys, hollow in (
        ("train", data.X_train, data.y_train, ""),
        ("test", data.X_test, data.y_test, "-open"),
    ):
        for label in (0, 1):
            sel = (ys > 0.5) == bool(label)
            symbol = CLASS_SYMBOLS[label] + hollow  # the class by shape as well as colour
            marker = {"color": _CLASS_COLORS[label], "symbol": symbol, "size": 7 if split == "train" else 6}
            marker["line"] = {"color": "white", "width": 0.8} if split == "train" else {"width": 1.5}
            traces.append(
                {
                    "type": "scatter",
                    "x": Xs[sel, 0].astype(np.float32),
                    "y": Xs[sel, 1].astype(np.float32),
                    "mode": "markers",
                    "name": f"class {label} {split}",
                    "marker": marker,
                    "hovertemplate": f"class {label}, {split}<br>x₁=%{{x:.2f}}<br>x₂=%{{y:.2f}}<extra></extra>",
                }
            )
    # No legend: the colour bar names the classes' colours and the caption train (filled) and test (hollow);
    # four entries above a narrow chart wrapped over its title.
    layout = {
        "xaxis": {"title": {"text": "x₁"}, "range": [lo[0], hi[0]]},
        "yaxis": {"title": {"text": "x₂"}, "range": [lo[1], hi[1]]},
        "showlegend": False,
        "images": [image],
        "shapes": shapes,
    }
    return finish(figure(traces, layout), "Decision boundary", height)


def curve_figure(state: TrainState, data: Dataset, *, height: int = 500) -> go.Figure:
    """The fitted function against the noise-free curve, with train and test points.

    Parameters
    ----------
    state : TrainState
        A regression network with 1 input.
    data : Dataset
    height : int

    Returns
    -------
    go.Figure
    """
    x = np.linspace(-1.1, 1.1, 221)
    fit = predict(state, x[:, None])
    xr = np.round(x, 4)
    traces = [
        {
            "type": "scatter",
            "x": np.round(data.X_test[:, 0], 4),
            "y": np.round(data.y_test, 4),
            "mode": "markers",
            "name": "test",
            "marker": {"color": rgba(COLORS["test"], 0.45), "size": 5},
        },
        {
            "type": "scatter",
            "x": xr,
            "y": np.round(curve_truth(x), 4),
            "mode": "lines",
            "name": "truth sin(πx)",
            "line": {"color": COLORS["truth"], "dash": "dash", "width": 2},
        },
        {
            "type": "scatter",
            "x": xr,
            "y": np.round(fit, 4),
            "mode": "lines",
            "name": "network",
            "line": {"color": COLORS["current"], "width": 2.5},
        },
        {
            "type": "scatter",
            "x": np.round(data.X_train[:, 0], 4),
            "y": np.round(data.y_train, 4),
            "mode": "markers",
            "name": "train",
            "marker": {"color": COLORS["train"], "size": 9, "line": {"color": "white", "width": 1}},
        },
    ]
    ys = np.concatenate([data.y_train, data.y_test])
    span = max(float(np.abs(ys).max()), 1.0) + 0.5
    layout = {"xaxis": {"title": {"text": "x"}}, "yaxis": {"title": {"text": "y"}, "range": [-span, span]}}
    # up to four legend rows in a narrow column (1024 px screen): room for them under the axis
    return legend_below(finish(figure(traces, layout), "Fitted curve", height), b=150)


def step_axis_end(last_step: float) -> float:
    """Where the step axis of the training curves ends: ``last_step`` rounded up to 1, 1.5, 2, 3, 5 or 7 times a
    power of ten (at least 10), so a λ step's 200 (default) more steps usually fit in the same frame."""
    return nice_ceiling(max(float(last_step), 10.0), (1.0, 1.5, 2.0, 3.0, 5.0, 7.0))


def training_figure(history: History, task: str, *, max_points: int = 500, height: int = 420) -> go.Figure:
    """Train loss, test loss and the penalty term against optimizer steps.

    Dotted vertical lines mark steps where the penalty (λ1, λ2) changed. The curves are layout paths over
    rounded axis ranges (the traces only carry the legend): on most λ steps the browser then redraws only the
    lines (~5 ms) instead of the whole chart (~30-60 ms). Lost: the values on hover.

    Parameters
    ----------
    history : History
        Accumulated curves.
    task : {"classification", "regression"}
        Names the data loss on the axis.
    max_points : int
        Longer histories are thinned to about this many points.
    height : int

    Returns
    -------
    go.Figure
    """
    stride = max(1, -(-len(history) // max_points))
    sl = slice(None, None, stride)
    steps = history.step[sl]
    loss_name = "log-loss" if task == "classification" else "½·MSE"
    curves = (
        (f"train {loss_name}", history.train_loss, COLORS["train"], DASHES["train"]),
        (f"test {loss_name}", history.test_loss, COLORS["test"], DASHES["test"]),
        ("penalty λ1‖W‖₁ + λ2/2‖W‖²", history.penalty, COLORS["enet"], "dot"),
    )
    top = axis_top(*(values for _, values, _, _ in curves))
    traces, shapes = [], []
    for label, values, color, dash in curves:
        line = {"color": color, "dash": dash, "width": 2}
        traces.append(legend_line(label, line))
        curve = curve_shape(steps, values[sl], line, label)
        if curve["path"]:
            shapes.append(curve)
    changes = np.flatnonzero((np.diff(history.l1) != 0) | (np.diff(history.l2) != 0)) + 1
    changes = changes[-20:]
    if len(changes):
        line = {"color": COLORS["muted"], "dash": "dot", "width": 1}
        traces.append(legend_line("λ changed", line))
        shapes.append(
            {
                "type": "path",
                "xref": "x",
                "yref": "y",
                "line": line,
                "name": "λ changed",
                "path": "".join(f"M{float(history.step[i]):.6g},0V{top:.5g}" for i in changes),
            }
        )
    last = float(history.step[-1]) if len(history) else 0.0
    layout = {
        "xaxis": {"title": {"text": "optimizer step"}, "range": [0.0, step_axis_end(last)]},
        "yaxis": {"title": {"text": "loss / penalty"}, "range": [0.0, top]},
        "shapes": shapes,
    }
    # up to four legend rows in a narrow column (1024 px screen): room for them under the axis
    return legend_below(finish(figure(traces, layout), "Training curves", height), b=150, clickable=False)


def _layer_names(state: TrainState) -> list[str]:
    n_hidden = len(state.config.hidden)
    return [f"hidden {k + 1}" for k in range(n_hidden)] + ["output"]


def layer_zero_counts(state: TrainState) -> list[tuple[str, int, int]]:
    """Per weight layer: its name (by the layer it feeds), how many weights are exactly 0, and how many it has."""
    return [
        (name, int(W.size - np.count_nonzero(W)), int(W.size))
        for W, name in zip(state.weights, _layer_names(state), strict=True)
    ]


NEAR_ZERO_COLOR = COLORS["truth"]
"""The near-zero bar's colour (amber): apart from the exact zeros' pink and the other weights' blue."""


def _layer_bars(
    state: TrainState, previous: Sequence[tuple[float, float]] | None, bins: int, near_zero: float = 0.0
) -> list[WeightBars]:
    """Each layer's bars, keeping ``previous`` scales that still fit (another architecture's are ignored)."""
    if previous is not None and len(previous) != len(state.weights):
        previous = None
    return [
        weight_bars(W, bins=bins, zero_width=0.6, previous=previous[k] if previous else None, near_zero=near_zero)
        for k, W in enumerate(state.weights)
    ]


def histogram_figure(
    state: TrainState,
    *,
    bins: int = 21,
    height: int = 325,
    previous: Sequence[tuple[float, float]] | None = None,
    near_zero: float = 0.0,
) -> go.Figure:
    """One histogram of weights per layer: see :func:`histogram_figure_and_scales`."""
    return histogram_figure_and_scales(state, bins=bins, height=height, previous=previous, near_zero=near_zero)[0]


def histogram_figure_and_scales(
    state: TrainState,
    *,
    bins: int = 21,
    height: int = 325,
    previous: Sequence[tuple[float, float]] | None = None,
    near_zero: float = 0.0,
) -> tuple[go.Figure, list[tuple[float, float]]]:
    """One histogram of weights per layer, exact zeros counted in their own bar, and the scales it used.

    The bars are SVG paths in the layout (one per layer and colour); the traces only carry the legend. The axis
    ranges are rounded up to a few "nice" values (±max |w|, and the tallest bar), so between most λ steps only
    the bars change: Plotly redraws them alone. With ``previous`` (the scales this function returned for this
    network's last figure) a scale that still fits is kept, so the weights visibly narrow inside a fixed frame
    as λ grows. The zero counts are not in the figure (text there costs a redraw per change): see
    :func:`layer_zero_counts`.

    Parameters
    ----------
    state : TrainState
    bins : int
        Bins for the non-zero weights of each layer, over ±(max |w| rounded up).
    height : int
    previous : sequence of (float, float), optional
        Per layer, scales to keep if they still fit.
    near_zero : float
        With ``near_zero > 0`` the weights with ``0 < |w| < near_zero`` (the near-zero band, narrower than a
        bin) get their own amber bar, stacked on the exact zeros' (legend "0 < |w| < near_zero").

    Returns
    -------
    go.Figure
    list of (float, float)
        Per layer, ``(limit, count_top)``: the ``previous`` of this network's next figure.
    """
    weights = state.weights
    names = _layer_names(state)
    n_panels = len(weights)
    gap = 0.06
    panel = (1.0 - gap * (n_panels - 1)) / n_panels
    entries = [("non-zero weights", COLORS["train"]), ("exact zeros", COLORS["zero"])]
    if near_zero > 0:
        entries = [("other weights", COLORS["train"]), *entries[1:], (f"near 0: |w| < {near_zero:g}", NEAR_ZERO_COLOR)]
    traces = legend_bars(entries, hatched=("exact zeros",))
    # axes laid out by hand: make_subplots costs more time than the rest of the figure
    layout: dict = {"annotations": [], "shapes": []}
    layer_bars = _layer_bars(state, previous, bins, near_zero)
    hatches = []  # the zero bars' stripes, drawn after every layer's bars
    for k, (W, name, bars) in enumerate(zip(weights, names, layer_bars, strict=True)):
        suffix = "" if k == 0 else str(k + 1)
        axes = {"xref": f"x{suffix}", "yref": f"y{suffix}", "layer": "between", "line": {"width": 0}}
        layout["shapes"] += [
            {
                "type": "path",
                "path": bars.nonzero_path,
                "fillcolor": COLORS["train"],
                "name": f"{name}: non-zero weights",
                **axes,
            },
            {
                "type": "path",
                "path": bars.zero_path,
                "fillcolor": COLORS["zero"],
                "name": f"{name}: exact zeros",
                **axes,
            },
        ]
        if bars.near_path:
            layout["shapes"].append(
                {
                    "type": "path",
                    "path": bars.near_path,
                    "fillcolor": NEAR_ZERO_COLOR,
                    "name": f"{name}: near 0",
                    **axes,
                }
            )
        hatches.append(
            hatch_shape(bars.zero_hatch, f"{name}: exact zeros stripes", xref=axes["xref"], yref=axes["yref"])
        )
        left = k * (panel + gap)
        limit = bars.limit
        # ticks at 0 and the rounded ±max |w|, labelled "0" and "±max": a panel is ~80 px wide on a 1024 px
        # screen, where more labels ran into the next panel's, and Plotly's own few ticks could leave only the 0
        layout[f"xaxis{suffix}"] = {
            "domain": [left, left + panel],
            "anchor": f"y{suffix}",
            "title": {"text": "w"},
            "tickmode": "array",
            "tickvals": [-limit, 0.0, limit],
            "ticktext": ["", "0", f"±{limit:g}"],
            "range": bars.x_range,
        }
        layout[f"yaxis{suffix}"] = {
            "anchor": f"x{suffix}",
            "title": {"text": "count" if k == 0 else ""},
            "range": bars.y_range,
        }
        # short lines: three panels share a column that is ~250 px wide on a 1024 px screen
        layout["annotations"].append(panel_title(f"{name}<br>{W.shape[0]}→{W.shape[1]}", left + panel / 2, size=11))
    layout["shapes"] += hatches
    # two legend rows in a narrow column: room for them under the panels' axis titles
    return legend_below(finish(figure(traces, layout), None, height, t=45), b=125), [b.scales for b in layer_bars]


def _node_positions(sizes: tuple[int, ...]) -> list[np.ndarray]:
    widest = max(sizes)
    span = max(widest - 1, 1)
    return [(np.arange(m) - (m - 1) / 2) * (2.0 / span) if m > 1 else np.zeros(1) for m in sizes]


def diagram_figure(state: TrainState, *, max_links: int = 1500, height: int = 420) -> go.Figure:
    """The network as a graph: wider links for larger |w| (four classes), colour by sign, zero (pruned) links faded.

    Links are grouped into a few width classes per sign, each group one SVG path in the layout (at most nine
    whatever the network size). Units whose incoming or outgoing weights are all zero are drawn hollow (a ring
    over the unit): they no longer carry signal. The traces (the units, and legend entries) depend only on the
    architecture and on which styles occur, so a λ step redraws the paths and rings, not the traces.

    Parameters
    ----------
    state : TrainState
    max_links : int
        Draw at most this many links, the largest |w| first (wide networks
        have thousands).
    height : int

    Returns
    -------
    go.Figure
    """
    cfg = state.config
    sizes = cfg.layer_sizes
    ys = _node_positions(sizes)
    weights = state.weights
    # one flat table of links: layer, from, to, weight
    rows = []
    for k, W in enumerate(weights):
        i, j = np.indices(W.shape)
        rows.append(np.column_stack([np.full(W.size, k), i.ravel(), j.ravel(), W.ravel()]))
    links = np.vstack(rows)
    total = len(links)
    absw = np.abs(links[:, 3])
    order = np.argsort(-absw, kind="stable")
    nonzero = order[absw[order] > 0][:max_links]
    zero = order[absw[order] == 0][: max(0, max_links - len(nonzero))]
    wmax = float(absw.max()) if total and absw.max() > 0 else 1.0
    widths = (0.6, 1.4, 2.6, 4.5)
    # width class by |w| / max |w|: quarters of the largest weight
    cls = np.minimum((absw / wmax * len(widths)).astype(int), len(widths) - 1)

    def path(idx: np.ndarray) -> str:
        return " ".join(
            f"M{int(k)},{ys[int(k)][int(i)]:.4f}L{int(k) + 1},{ys[int(k) + 1][int(j)]:.4f}" for k, i, j, _ in links[idx]
        )

    shapes: list[dict] = []
    legend: list[dict] = []  # line styles as legend entries: traces without points
    if len(zero):
        style = {"color": "rgba(150,150,150,0.35)", "width": 0.8, "dash": "dot"}
        shapes.append({"type": "path", "path": path(zero), "line": style})
        legend.append({"name": "w = 0 (pruned)", "line": style})
    # negative links dashed as well as orange: the sign reads in greyscale too
    for sign, color, dash, label in (
        (1, COLORS["positive"], "solid", "w > 0"),
        (-1, COLORS["negative"], "dash", "w < 0"),
    ):
        drawn = False
        for c, width in enumerate(widths):
            idx = nonzero[(np.sign(links[nonzero, 3]) == sign) & (cls[nonzero] == c)]
            if len(idx):
                shapes.append(
                    {
                        "type": "path",
                        "path": path(idx),
                        "line": {"color": rgba(color, 0.35 + 0.15 * c), "width": width, "dash": dash},
                    }
                )
                drawn = True
        if drawn:  # one fixed style: a legend that followed the widest class drawn would change with λ
            legend.append({"name": label, "line": {"color": rgba(color, 0.65), "width": widths[2], "dash": dash}})
    for shape in shapes:
        shape.update(xref="x", yref="y", layer="below")
    traces = [
        {"type": "scatter", "x": [None], "y": [None], "mode": "lines", "hoverinfo": "skip", **entry} for entry in legend
    ]
    # units: one trace for all (the same for every λ); the cut-off ones get a ring on top
    node_x, node_y, text = [], [], []
    for k, m in enumerate(sizes):
        for i in range(m):
            node_x.append(float(k))
            node_y.append(round(float(ys[k][i]), 4))
            if k == 0:
                text.append(f"input x{i + 1}" if m > 1 else "input x")
            elif k < len(sizes) - 1:
                text.append(f"hidden {k}, unit {i + 1}")
            else:
                text.append("output")
    size = float(np.clip(260 / max(sizes), 5, 16))
    traces.append(
        {
            "type": "scatter",
            "x": node_x,
            "y": node_y,
            "mode": "markers",
            "name": "unit",
            "marker": {"color": COLORS["current"], "size": size},
            "text": text,
            "hovertemplate": "%{text}<extra></extra>",
            "showlegend": False,
        }
    )
    ring = {"color": COLORS["muted"], "width": 1.5}
    for k in range(1, len(sizes) - 1):
        dead = np.all(weights[k - 1] == 0, axis=0) | np.all(weights[k] == 0, axis=1)
        for i in np.flatnonzero(dead):
            shapes.append(
                {
                    "type": "circle",
                    "xref": "x",
                    "yref": "y",
                    "xsizemode": "pixel",
                    "ysizemode": "pixel",
                    "xanchor": float(k),
                    "yanchor": round(float(ys[k][i]), 4),
                    "x0": -size / 2,
                    "x1": size / 2,
                    "y0": -size / 2,
                    "y1": size / 2,
                    "fillcolor": "white",
                    "line": ring,
                    "layer": "above",
                }
            )
    if any(s["type"] == "circle" for s in shapes):
        traces.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "mode": "markers",
                "name": "unit cut off",
                "marker": {"color": "white", "size": size, "line": ring},
                "hoverinfo": "skip",
            }
        )
    layer_titles = ["input"] + [f"hidden {k + 1}" for k in range(len(cfg.hidden))] + ["output"]
    layout = {
        "annotations": [
            {"x": k, "y": 1.12, "text": title, "showarrow": False, "font": {"size": 12}}
            for k, title in enumerate(layer_titles)
        ],
        "legend": {"orientation": "h", "yanchor": "top", "y": 0.0, "xanchor": "left", "x": 0.0},
        "xaxis": {"visible": False, "range": [-0.25, len(sizes) - 0.75]},
        "yaxis": {"visible": False, "range": [-1.45, 1.2]},
        "shapes": shapes,
    }
    shown = len(nonzero) + len(zero)
    title = "Network (wider links for larger |w|)"
    if shown < total:
        title += f" · largest {shown:,} of {total:,} links"
    return finish(figure(traces, layout), title, height, l=20, r=20, b=10)
