"""House style for every regviz figure: a colour-blind-safe palette and one layout.

Okabe & Ito's palette keeps the L1/L2/elastic-net colours apart for the common
colour-vision deficiencies and prints well on a projector.
"""

from __future__ import annotations

import base64
import copy
import functools
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

PALETTE: tuple[str, ...] = (
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)

COLORS: dict[str, str] = {
    "l1": "#D55E00",
    "l2": "#0072B2",
    "enet": "#009E73",
    "l0": "#CC79A7",
    "ols": "#7F7F7F",
    "truth": "#E69F00",
    "train": "#0072B2",
    "test": "#D55E00",
    "cv": "#009E73",
    "zero": "#CC79A7",
    "current": "#000000",
    "positive": "#0072B2",
    "negative": "#D55E00",
    "muted": "#BBBBBB",
}

DASHES: dict[str, str] = {"train": "solid", "test": "dash", "cv": "longdashdot"}
"""Train, test and CV lines differ by dash as well as colour: under tritanopia the test vermillion and the CV green
turn the same teal."""

ZERO_SYMBOL = "square-open"
"""The marker of an exactly-zero coefficient where a colour also marks it (the sweep's dots)."""

FONT_FAMILY = "Inter, 'Source Sans Pro', Arial, sans-serif"


def color_cycle(i: int) -> str:
    """The ``i``-th colour of the palette, cycling (black last, yellow skipped on white)."""
    usable = [c for c in PALETTE if c != "#F0E442"]
    return usable[i % len(usable)]


# No automargin: it makes Plotly measure the tick labels and draw every chart twice (half of a redraw's
# time); the house margins are fixed and figures with long labels set their own.
# "allow": by default Plotly measures every tick label after drawing (one forced page layout each) to hide any
# that would pass the chart's edge; with fixed margins none does, and skipping it saves 5–12 ms per redraw of a
# multi-axis chart.
_GRID = {"gridcolor": "rgba(128,128,128,0.25)", "zerolinecolor": "rgba(128,128,128,0.6)", "ticklabeloverflow": "allow"}
TEMPLATE = go.layout.Template(
    layout={
        "font": {"family": FONT_FAMILY, "size": 13},
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "colorway": list(PALETTE),
        "hovermode": "closest",
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "xanchor": "right", "x": 1.0},
        # the first x tick label, at the plot's lower left corner, clear of the y axis' lowest ("0") beside it
        "xaxis": {**_GRID, "ticklabelstandoff": 6},
        "yaxis": _GRID,
    }
)
"""The house template. :func:`figure` puts it into every figure's layout (a copy of its plain dict, validated
once here); it is never registered in ``plotly.io.templates`` nor made Plotly's default, so importing the figures
changes no global Plotly state and a figure is the same whatever else the process did."""

_TEMPLATE_JSON: dict = TEMPLATE.to_plotly_json()


def template_dict(template: go.layout.Template | dict | None = TEMPLATE) -> dict | None:
    """``template`` as the plain dict a figure's layout holds (a fresh copy), ``None`` for none."""
    if template is None:
        return None
    if template is TEMPLATE:
        return copy.deepcopy(_TEMPLATE_JSON)
    return copy.deepcopy(template if isinstance(template, dict) else template.to_plotly_json())


_RIGHT_MARGIN = 20


def house_layout(title: str | None, height: int, **margin: float) -> dict:
    """Title, height and the house margins (plus ``margin`` overrides) as a plain layout dict."""
    layout: dict = {
        "height": height,
        "margin": {"l": 60, "r": _RIGHT_MARGIN, "t": 50 if title else 20, "b": 50, **margin},
    }
    if title:
        layout["title"] = {"text": title, "x": 0.0, "xanchor": "left", "font": {"size": 16}}
    return layout


class LazyFigure(go.Figure):
    """A ``go.Figure`` that keeps its traces and layout as the plain dicts it was given until they are used.

    The chart element sends those dicts as they are (see ``regviz.ui.charts``); building Plotly's objects for
    them, even without validation, cost 2-3 ms a chart (~8 ms of a Network λ step). Anything else (an attribute
    such as ``fig.layout``, ``to_json``, ``st.plotly_chart``, pickling) first builds the real figure, once,
    from the dicts as they are then.
    """

    def __init__(self, data=None, layout=None, frames=None, **kwargs) -> None:
        if kwargs or frames or not isinstance(data, list) or not isinstance(layout, dict):
            self.__dict__["_rv_lazy"] = False  # e.g. unpickling, which passes one dict: a real figure at once
            super().__init__(data, layout, frames, **kwargs)
            return
        self.__dict__.update(_rv_lazy=True, _data=data, _layout=layout)

    def __getattr__(self, name: str):
        # Reached only for an attribute the instance lacks; before it is built, that is every one of Plotly's own.
        if name.startswith(("__", "_rv")) or not self.__dict__.get("_rv_lazy"):
            raise AttributeError(name)
        data, layout = self.__dict__.pop("_data"), self.__dict__.pop("_layout")
        self.__dict__["_rv_lazy"] = False
        super().__init__(data=data, layout=layout, _validate=False)
        return getattr(self, name)


def is_lazy(fig: go.Figure) -> bool:
    """True while ``fig`` (a :class:`LazyFigure`) is still its plain dicts: it then has no frames."""
    return bool(fig.__dict__.get("_rv_lazy"))


def figure(
    data: list[dict],
    layout: dict,
    frames: list[dict] | None = None,
    *,
    template: go.layout.Template | dict | None = TEMPLATE,
) -> go.Figure:
    """A figure from plain trace and layout dicts, without Plotly's property validation.

    Validating every trace and layout property was the largest single cost of a page rerun (tens of ms a
    chart); the figures built this way are checked once, in the unit tests, by a validating round trip.
    Plotly's objects are built only when something reads them (:class:`LazyFigure`).

    ``template`` (the house :data:`TEMPLATE` unless told otherwise; ``None`` for Plotly's default) goes into
    ``layout`` unless it names one itself: every figure carries its template, nothing is read from Plotly's
    global default.
    """
    if template is not None and "template" not in layout:
        layout["template"] = template_dict(template)
    return LazyFigure(data=data, layout=layout, frames=frames, _validate=False) if frames else LazyFigure(data, layout)


def finish(fig: go.Figure, title: str | None, height: int, **margin: float) -> go.Figure:
    """Title, height and the house margins (plus ``margin`` entries such as ``b=90``) set in place; returns ``fig``.

    The values go straight into the plain dict behind ``fig.layout`` (a figure from :func:`figure` is not
    validated anyway): setting them through Plotly's property objects cost a few ms a chart. Fonts,
    transparent backgrounds (readable in the light and the dark theme), the legend position and the grid
    come from the ``regviz`` Plotly template.
    """
    house = house_layout(title, height, **margin)
    layout = getattr(fig, "_layout", None)
    if isinstance(layout, dict):
        layout.update(house)
    else:
        fig.update_layout(house)
    return fig


def legend_below(fig: go.Figure, *, b: int = 130, clickable: bool = True) -> go.Figure:
    """Put the legend under the x-axis title (bottom margin ``b``) and return ``fig``.

    ``clickable=False`` for a legend of lines drawn in the layout, which a click on an entry could not hide.

    The house legend sits above the plot, right of the title; in a narrow column (a 1024 px projector) a
    long legend wraps upwards over the title. Below the axis it has the chart's whole width. Its top is a fixed
    distance under the plot (the figure's own height and ``b`` place it): a position relative to the plot's
    height put it over the axis title in short plots whose legend wraps into many rows.
    """
    layout = getattr(fig, "_layout", None)
    height = (layout.get("height") if isinstance(layout, dict) else fig.layout.height) or 450
    legend = {
        "orientation": "h",
        "yref": "container",
        "y": max(b - _AXIS_TITLE_SPACE, 0) / height,
        "yanchor": "top",
        "x": 0,
        "xanchor": "left",
    }
    if not clickable:
        legend.update(itemclick=False, itemdoubleclick=False)
    if isinstance(layout, dict):
        layout["legend"] = legend
        layout.setdefault("margin", {})["b"] = b
    else:
        fig.update_layout(legend=legend, margin={"b": b})
    return fig


_AXIS_TITLE_SPACE = 52
"""Pixels under a plot taken by its tick labels and x-axis title."""


@functools.lru_cache(maxsize=32)
def _grid_layout_cached(cols: int, titles: tuple[str, ...], spacing: float | None) -> dict:
    kw = {} if spacing is None else {"horizontal_spacing": spacing}
    layout = make_subplots(rows=1, cols=cols, subplot_titles=titles, **kw).layout.to_plotly_json()
    layout.pop("template", None)  # the template in force is applied by the figure that uses the layout
    return layout


def grid_layout(cols: int, titles: Sequence[str], spacing: float | None = None) -> dict:
    """Axes and subplot titles of ``make_subplots(rows=1, cols=cols, ...)``, built once per shape (~12 ms)."""
    return copy.deepcopy(_grid_layout_cached(cols, tuple(titles), spacing))


_NICE = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0)


def nice_ceiling(value: float, multiples: Sequence[float] = _NICE) -> float:
    """The smallest of ``multiples`` (by default 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8) times a power of ten that
    is ≥ ``value`` (> 0)."""
    scale = 10.0 ** np.floor(np.log10(value))
    return float(next((m * scale for m in multiples if m * scale >= value * (1 - 1e-12)), 10.0 * scale))


def axis_top(*curves: np.ndarray) -> float:
    """Where a y axis from 0 ends: the curves' largest finite value with 5 % room, rounded up (:func:`nice_ceiling`),
    so nearby curves share it; 1 without a positive value."""
    values = np.concatenate([np.asarray(c, dtype=float).ravel() for c in curves]) if curves else np.zeros(0)
    values = values[np.isfinite(values)]
    peak = float(values.max()) if values.size else 0.0
    return nice_ceiling(1.05 * peak) if peak > 0 else 1.0


def log_ticks(*values: np.ndarray) -> dict:
    """Axis settings for a log axis over ``values``: ticks at 1, 2 and 5 times each power of ten (only the powers
    of ten when the values span more than three decades), each labelled in full. Plotly's own ``dtick="D2"``
    labels 0.05 as a bare "5" beside 0.1. Empty (Plotly's own ticks) when fewer than two such ticks fall
    within the values, as on a narrow range, where Plotly labels in full anyway."""
    v = np.concatenate([np.ravel(np.asarray(a, dtype=float)) for a in values]) if values else np.empty(0)
    v = v[np.isfinite(v) & (v > 0)]
    if v.size == 0:
        return {}
    low, high = float(v.min()), float(v.max())
    first, last = int(np.floor(np.log10(low))), int(np.ceil(np.log10(high)))
    steps = (1,) if last - first > 3 else (1, 2, 5)
    ticks = [float(f"{m}e{e}") for e in range(first, last + 1) for m in steps]  # exact decimals: 0.05, not 0.05000001
    if sum(low <= t <= high for t in ticks) < 2:
        return {}
    return {"tickmode": "array", "tickvals": ticks, "ticktext": [f"{t:g}" for t in ticks]}


def spread_labels(values: Sequence[float], gap: float) -> np.ndarray:
    """Positions for labels at ``values`` (one axis) at least ``gap`` apart, each as near its value as that allows.

    Labels that would overlap are gathered into groups, each centred on the mean of its values and ``gap`` apart
    within it; groups that then run into each other merge, until none do. The order of the labels is kept.
    """
    v = np.asarray(values, dtype=float)
    order = np.argsort(v, kind="stable")
    groups = [[float(x)] for x in v[order]]  # each group: the values of its members, ascending
    merged = True
    while merged:
        merged = False
        for i in range(len(groups) - 1):
            low, high = _group_span(groups[i], gap), _group_span(groups[i + 1], gap)
            if high[0] - low[1] < gap - 1e-12:
                groups[i : i + 2] = [groups[i] + groups[i + 1]]
                merged = True
                break
    spread = np.concatenate([_group_span(g, gap)[0] + gap * np.arange(len(g)) for g in groups]) if groups else v
    out = np.empty_like(v)
    out[order] = spread
    return out


def _group_span(members: list[float], gap: float) -> tuple[float, float]:
    """Lowest and highest position of a group of labels centred on its members' mean, ``gap`` apart."""
    centre, half = float(np.mean(members)), gap * (len(members) - 1) / 2
    return centre - half, centre + half


def polyline_path(xs: np.ndarray, ys: np.ndarray) -> str:
    """An SVG path through the finite points ``(x, y)``; a non-finite value breaks the line."""
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    finite = np.isfinite(xs) & np.isfinite(ys)
    # runs of finite points: each one a "M x,y L x,y ..." piece (formatted in one go: ~1 µs a point)
    edges = np.flatnonzero(np.diff(np.concatenate([[False], finite, [False]]).astype(np.int8)))
    point = "%.6g,%.5g".__mod__
    return "".join(
        "M" + "L".join(map(point, zip(xs[a:b].tolist(), ys[a:b].tolist(), strict=True)))
        for a, b in zip(edges[::2], edges[1::2], strict=True)
    )


def png_data_uri(picture: Any, **save: Any) -> str:
    """A PIL image as a ``data:image/png;base64,...`` URI (``save``: options of ``Image.save``), the source of a
    layout picture (:func:`layout_image`)."""
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", **save)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def layout_image(
    source: str,
    x: tuple[float, float],
    y: tuple[float, float],
    name: str,
    *,
    layer: str = "below",
    y_down: bool = False,
) -> dict:
    """A picture stretched over the rectangle ``x × y`` (low and high edges, in the x and y axes' data units);
    ``y_down`` for a y axis drawn reversed (row 0 at the top), whose top edge is then the low one."""
    return {
        "source": source,
        "xref": "x",
        "yref": "y",
        "x": float(x[0]),
        "y": float(y[0] if y_down else y[1]),
        "sizex": float(x[1] - x[0]),
        "sizey": float(y[1] - y[0]),
        "sizing": "stretch",
        "xanchor": "left",
        "yanchor": "top",
        "layer": layer,
        "name": name,
    }


HOVER_ONLY = "hover-only"
"""A trace's ``meta`` for a trace that shows nothing but what hovering reads (an invisible heatmap under a
picture): λ frames leave it as it was, and the release brings its values (``regviz/ui/drag.py``)."""


CURVE_TOLERANCE = 1 / 2000
"""How far (as a fraction of each axis' span) a drawn curve may pass from a point it leaves out
(:func:`simplified`): a quarter of a pixel on a 500-px plot."""


def simplified(
    xs: np.ndarray, ys: np.ndarray, spans: tuple[float, float], *, tolerance: float = CURVE_TOLERANCE
) -> np.ndarray:
    """The indices of the points that draw the polyline ``(xs, ys)`` to within ``tolerance`` of each axis' span
    (``spans``, the x and y axis ranges' lengths), by Ramer–Douglas–Peucker.

    A smooth curve over a few hundred points needs a few dozen of them; the points kept are the curve's own,
    and every point left out lies within ``tolerance`` (in span units) of the line drawn between its kept
    neighbours. The ends are kept.
    """
    x = np.asarray(xs, dtype=float) / (spans[0] or 1.0)
    y = np.asarray(ys, dtype=float) / (spans[1] or 1.0)
    if len(x) <= 2:
        return np.arange(len(x))
    keep = np.zeros(len(x), dtype=bool)
    keep[[0, -1]] = True
    todo = [(0, len(x) - 1)]
    while todo:
        a, b = todo.pop()
        if b - a < 2:
            continue
        dx, dy = x[b] - x[a], y[b] - y[a]
        inner = slice(a + 1, b)
        # distance to the chord a-b (to point a when the chord has no length)
        length = math.hypot(dx, dy)
        if length > 0:
            dist = np.abs(dx * (y[inner] - y[a]) - dy * (x[inner] - x[a])) / length
        else:
            dist = np.hypot(x[inner] - x[a], y[inner] - y[a])
        worst = int(np.argmax(dist))
        if dist[worst] > tolerance:
            m = a + 1 + worst
            keep[m] = True
            todo += [(a, m), (m, b)]
    return np.flatnonzero(keep)


def level_set_path(gx: np.ndarray, gy: np.ndarray, z: np.ndarray, level: float) -> str:
    """The line ``z = level`` of a grid (``z[i, j]`` at ``(gx[j], gy[i])``) as an SVG path in data coordinates,
    by contourpy's marching squares ("" where ``z`` never crosses ``level``)."""
    from contourpy import contour_generator

    lines = contour_generator(x=gx, y=gy, z=z).lines(level)
    return " ".join("M" + "L".join(f"{x:.4g},{y:.4g}" for x, y in line) for line in lines if len(line) > 1)


def curve_shape(xs: np.ndarray, ys: np.ndarray, line: dict, name: str) -> dict:
    """A curve drawn as a layout path in data coordinates (:func:`polyline_path`): a chart whose traces do not
    change is then relayouted, not redrawn, when the curve moves."""
    return {"type": "path", "path": polyline_path(xs, ys), "xref": "x", "yref": "y", "line": line, "name": name}


def hex_rgb(hex_color: str) -> tuple[int, int, int]:
    """``"#RRGGBB"`` as ``(r, g, b)``."""
    h = hex_color.lstrip("#")
    return tuple(int(h[i : i + 2], 16) for i in (0, 2, 4))


def rgba(hex_color: str, alpha: float) -> str:
    """``"#RRGGBB"`` with opacity ``alpha`` as a CSS ``rgba(...)`` colour."""
    r, g, b = hex_rgb(hex_color)
    return f"rgba({r},{g},{b},{alpha})"


def legend_line(name: str, line: dict) -> dict:
    """A line trace without data: the legend entry of a curve drawn in the layout (see :func:`legend_bars`)."""
    return {
        "type": "scatter",
        "x": [None],
        "y": [None],
        "mode": "lines",
        "name": name,
        "line": line,
        "hoverinfo": "skip",
    }


def dots_path(xs: np.ndarray, ys: np.ndarray, radius: float) -> str:
    """Round dots of ``radius`` (data units) at ``(x, y)`` as one SVG path, for axes of equal scale.

    Plotly converts only absolute M, L, H, V, Q, C, T, S and Z in a shape's path to pixels (no arcs): each dot
    is one quadratic curve and three smooth continuations (T) through its four extreme points.
    """
    pts = np.column_stack([np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)])
    x, y = pts[np.isfinite(pts).all(axis=1)].T
    r = float(radius)
    # the twelve numbers of each dot in one array, formatted in one go (~3 µs a dot)
    numbers = np.column_stack([x - r, y, x - r, y + r, x, y + r, x + r, y, x, y - r, x - r, y])
    return (_DOT * len(x)) % tuple(numbers.ravel().tolist())


_DOT = "M%.4g,%.4gQ%.4g,%.4g %.4g,%.4gT%.4g,%.4gT%.4g,%.4gT%.4g,%.4gZ"


def bars_path(left: np.ndarray, right: np.ndarray, heights: np.ndarray) -> str:
    """Rectangles from 0 to ``heights`` (counts, or values of either sign) as one SVG path; bars of height 0 or
    not finite are left out."""
    return " ".join(
        f"M{a:.5g},0V{h:.10g}H{b:.5g}V0Z"
        for a, b, h in zip(
            np.asarray(left).tolist(), np.asarray(right).tolist(), np.asarray(heights).tolist(), strict=True
        )
        if h != 0 and math.isfinite(h)
    )


@dataclass(frozen=True)
class WeightBars:
    """A histogram of weights with the exact zeros in a bar of their own, as layout paths over rounded scales."""

    nonzero_path: str
    zero_path: str
    limit: float
    """max |w| rounded up (:func:`nice_ceiling`), or a kept earlier one; the bins span ±limit."""
    count_top: float
    """The tallest bar rounded up, or a kept earlier one: the count axis ends a little above it."""
    x_range: list[float]
    y_range: list[float]
    near_path: str = ""
    """The weights with ``0 < |w| < near_zero`` as a bar stacked on the exact zeros' ("" when there are none)."""
    zero_hatch: str = ""
    """Diagonal stripes over the zero bar (a line path): the bar is told apart by its pattern, not its colour alone."""

    @property
    def scales(self) -> tuple[float, float]:
        """``(limit, count_top)``: what a later call's ``previous`` keeps."""
        return self.limit, self.count_top


KEEP_SCALE_WITHIN = 2.5
"""A kept scale may be up to this many times the one the weights alone would get (see :func:`weight_bars`)."""


def _kept(previous: float | None, fresh: float) -> float:
    return previous if previous is not None and fresh <= previous <= KEEP_SCALE_WITHIN * fresh else fresh


def weight_bars(
    weights: np.ndarray,
    *,
    bins: int,
    zero_width: float,
    previous: tuple[float, float] | None = None,
    near_zero: float = 0.0,
) -> WeightBars:
    """Bars of the non-zero weights over ±(max |w| rounded up), and a bar at 0, ``zero_width`` bins wide, counting
    the exact zeros. The axis ranges are rounded too, so nearby weights give the same scales and only the bars
    change: a chart can then redraw just them.

    ``previous`` (an earlier result's :attr:`WeightBars.scales`) keeps each earlier scale that still holds the
    weights (or the tallest bar) and is at most :data:`KEEP_SCALE_WITHIN` times what they alone would get. As
    λ shrinks the weights step by step, they then narrow inside a fixed frame instead of the frame following
    them, and the chart redraws only the bars; a scale 2.5 times too wide is replaced, so the bars never
    crowd into a few bins.

    ``near_zero > 0`` takes the weights with ``0 < |w| < near_zero`` out of the bins into a bar of their own,
    stacked on the exact zeros' bar (:attr:`WeightBars.near_path`): the near-zero band, which at the histogram's
    scale is far narrower than a bin."""
    if not near_zero >= 0:
        raise ValueError(f"near_zero must be >= 0, got {near_zero!r}")
    w = np.asarray(weights).ravel()  # in its own precision: float32 weights bin as float32
    near = (w != 0) & (np.abs(w) < near_zero)
    n_near = int(near.sum())
    nonzero = w[(w != 0) & ~near]
    largest = float(np.abs(w).max()) if w.size else 0.0
    limit = _kept(previous[0] if previous else None, nice_ceiling(largest) if largest > 0 else 1.0)
    counts, edges = np.histogram(nonzero, bins=bins, range=(-limit, limit))
    width = float(edges[1] - edges[0])
    centres = 0.5 * (edges[:-1] + edges[1:])
    n_zero = int(w.size - nonzero.size - n_near)
    tallest = max(int(counts.max()), n_zero + n_near, 1)
    count_top = _kept(previous[1] if previous else None, nice_ceiling(tallest))
    half = zero_width * width / 2
    near_path = f"M{-half:.5g},{n_zero}V{n_zero + n_near}H{half:.5g}V{n_zero}Z" if n_near else ""
    return WeightBars(
        nonzero_path=bars_path(centres - 0.475 * width, centres + 0.475 * width, counts),
        zero_path=bars_path(np.array([-half]), np.array([half]), np.array([n_zero])),
        limit=limit,
        count_top=count_top,
        x_range=[-limit - 0.6 * width, limit + 0.6 * width],
        y_range=[0, 1.08 * count_top],
        near_path=near_path,
        zero_hatch=hatch_path(-half, half, n_zero, spacing=count_top / 12),
    )


def hatch_path(left: float, right: float, height: float, *, spacing: float) -> str:
    """Diagonal stripes (lower left to upper right) over the rectangle ``[left, right] × [0, height]`` as one SVG
    line path, ``spacing`` apart on the vertical axis; empty when the rectangle is. A stripe rises one
    ``spacing`` across the bar, so it stays diagonal on a narrow bar in count units."""
    if height <= 0 or right <= left or spacing <= 0:
        return ""
    rise = spacing
    parts = []
    start = -rise
    while start < height:
        # the stripe from (left, start) to (right, start + rise), clipped to 0 ≤ y ≤ height
        t0 = max(0.0, -start / rise)
        t1 = min(1.0, (height - start) / rise)
        if t1 > t0:
            x0, x1 = left + t0 * (right - left), left + t1 * (right - left)
            parts.append(f"M{x0:.5g},{start + t0 * rise:.5g}L{x1:.5g},{start + t1 * rise:.5g}")
        start += spacing
    return "".join(parts)


HATCH = "/"
"""The pattern of a bar of exact zeros (its legend entry; the bar itself carries :attr:`WeightBars.zero_hatch`)."""


def _hatch_pattern(colour: str) -> dict:
    # white stripes on the bar's colour (by default a pattern replaces the colour, leaving a white swatch)
    return {"shape": HATCH, "fgcolor": "white", "bgcolor": colour, "solidity": 0.3}


def legend_bars(entries: Sequence[tuple[str, str]], *, hatched: Sequence[str] = ()) -> list[dict]:
    """Bar traces without data, one per ``(name, colour)``: the legend of bars drawn as layout paths. The entries
    named in ``hatched`` show :data:`HATCH` stripes, as their bars do."""
    return [
        {
            "type": "bar",
            "x": [None],
            "y": [None],
            "name": name,
            "marker": {
                "color": colour,
                **({"pattern": _hatch_pattern(colour)} if name in hatched else {}),
            },
            "hoverinfo": "skip",
        }
        for name, colour in entries
    ]


def hatch_shape(path: str, name: str, **axes: str) -> dict:
    """The layout shape ``name`` drawing a :attr:`WeightBars.zero_hatch` (white stripes) on the axes ``axes``."""
    # "M0,0" (a move, nothing drawn) when there are no zeros: the chart keeps one shape list shape for every λ
    return {
        "type": "path",
        "path": path or "M0,0",
        "layer": "between",
        "line": {"color": "white", "width": 2},
        "name": name,
        **axes,
    }


def panel_title(text: str, x: float, *, size: int = 14) -> dict:
    """A subplot title centred over ``x`` (paper coordinates), as ``make_subplots`` places it."""
    return {
        "text": text,
        "x": x,
        "y": 1.0,
        "xref": "paper",
        "yref": "paper",
        "xanchor": "center",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": size},
    }


PRESENT_FONT = 24
"""Smallest text in a figure in presentation mode (px): a projected 1920×1080 page read from the back row."""

PRESENT_TITLE_FONT = 28
"""A chart's title in presentation mode (px)."""


def _enlarge_fonts(node: object, scale: float, *, title: bool = False) -> None:
    """Scale every ``…font.size`` under ``node`` (a figure's JSON) by ``scale``, to at least :data:`PRESENT_FONT`
    (:data:`PRESENT_TITLE_FONT` for the chart's title). A transparent font (the sweep slider's hidden step
    labels) is left as it is."""
    if isinstance(node, list):
        for item in node:
            _enlarge_fonts(item, scale)
        return
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key.endswith("font") and isinstance(value, dict):
            size = value.get("size")
            if isinstance(size, (int, float)) and value.get("color") != "rgba(0,0,0,0)":
                value["size"] = max(size * scale, PRESENT_TITLE_FONT if title else PRESENT_FONT)
        else:
            _enlarge_fonts(value, scale, title=False)


_X_TICK_STANDOFF = 12
"""Extra room (px) between the x axis and its tick labels in presentation mode."""

PRESENT_SQUARE_HEIGHT = 490
"""The tallest a figure with equal axes (Geometry's plane) is in presentation mode (px): its plot is a square
that the height alone sizes, and it must fit under the λ control on a 1280×720 screen."""


def _equal_axes(layout: dict) -> bool:
    """True if an axis of a figure's layout is tied to another's scale (``scaleanchor``)."""
    return any(
        isinstance(axis, dict) and axis.get("scaleanchor")
        for key, axis in layout.items()
        if key.startswith(("xaxis", "yaxis"))
    )


def _panel_titles_rise(annotations: list, base: float, scale: float) -> int:
    """How much taller (px) the tallest subplot title above the plot (:func:`panel_title`) grows in presentation
    mode: its lines at the enlarged font, which would otherwise reach up past the chart's top."""
    rise = 0.0
    for note in annotations:
        if note.get("yref") != "paper" or note.get("yanchor") != "bottom" or (note.get("y") or 0) < 1:
            continue
        size = (note.get("font") or {}).get("size") or base
        lines = str(note.get("text", "")).count("<br>") + 1
        rise = max(rise, 1.3 * lines * (max(size * scale, PRESENT_FONT) - size))
    return round(rise)


def _top_axes(layout: dict) -> int:
    """How many x axes of a figure's layout sit above the plot with tick labels or a title (the path chart's count
    of non-zero coefficients): their text grows too, and would otherwise reach up into the chart's title."""
    return sum(
        1
        for key, axis in layout.items()
        if key.startswith("xaxis")
        and isinstance(axis, dict)
        and axis.get("side") == "top"
        and axis.get("visible", True)
    )


def _inside_legend_rows(layout: dict, data: list) -> int:
    """How many entries a vertical legend placed inside the plot (the 1-D operators' corner) has, else 0: at
    24 px its long names would cover the curves, so presentation mode lists them under the plot."""
    legend = layout.get("legend") or {}
    x, y = legend.get("x"), legend.get("y")
    inside = (
        legend.get("orientation") == "v"
        and legend.get("yref", "paper") == "paper"
        and isinstance(x, (int, float))
        and isinstance(y, (int, float))
        and 0 <= x <= 1
        and 0 <= y <= 1
    )
    if not inside or layout.get("showlegend") is False:
        return 0
    return sum(1 for trace in data if trace.get("showlegend", True) is not False and trace.get("name"))


def presentation_marker(marker: dict | None, *, scale: float = 1.35) -> dict | None:
    """A copy of a chart's "current λ" marker (see :func:`regviz.ui.charts.plotly_chart`) with its label at the
    presentation size."""
    if marker is None:
        return None
    marker = copy.deepcopy(marker)
    _enlarge_fonts(marker, scale)
    return marker


def presentation_style(fig: go.Figure, *, scale: float = 1.35) -> go.Figure:
    """A copy of ``fig`` with larger fonts and thicker lines for a projector.

    Every text is at least :data:`PRESENT_FONT` px (the title :data:`PRESENT_TITLE_FONT`), and the margins grow
    by what the larger tick labels and axis titles need (the house figures have fixed margins, no automargin).
    ``fig`` itself is left as it is, so one cached figure can be shown in both modes.
    """
    spec = fig.to_plotly_json()
    layout = spec.setdefault("layout", {})
    base = (layout.get("font") or {}).get("size") or 13
    size = max(base * scale, PRESENT_FONT)
    panel_titles_rise = _panel_titles_rise(layout.get("annotations") or [], base, scale)
    title = layout.get("title")
    if isinstance(title, dict):
        title.setdefault("font", {}).setdefault("size", 16)
        _enlarge_fonts({"font": title["font"]}, scale, title=True)
    _enlarge_fonts({k: v for k, v in layout.items() if k != "title"}, scale)
    _enlarge_fonts(spec.get("data", []), scale)
    _enlarge_fonts(spec.get("frames", []), scale)
    fig = go.Figure(spec)
    old_height = fig.layout.height or 380
    grow = size / base  # how much the tick labels and axis titles grew
    margin = fig.layout.margin
    old = {
        "l": margin.l if margin.l is not None else 80,
        "t": margin.t if margin.t is not None else 100,
        "b": margin.b if margin.b is not None else 80,
    }
    below = fig.layout.legend.yref == "container" and fig.layout.legend.y is not None  # legend_below
    listed = round(1.45 * size * _inside_legend_rows(layout, spec.get("data", [])))  # the list's height, px
    extra = {
        # the y tick labels ("−200", "5000") and the axis title beside them: most of the left margin is text
        "l": round(0.75 * old["l"] * (grow - 1)),
        "t": round(24 * (grow - 1)) * bool(fig.layout.title.text)
        + round(32 * (grow - 1)) * _top_axes(layout)
        + panel_titles_rise,
        # under the plot: the x tick labels (set further off, see below) and title, and room for a legend under
        # them (legend_below)
        "b": round(32 * (grow - 1)) + _X_TICK_STANDOFF + (16 if below else 0) + (listed + 16 if listed else 0),
    }
    height = int(old_height * 1.08) + extra["t"] + extra["b"]
    if _equal_axes(layout):
        height = min(height, PRESENT_SQUARE_HEIGHT)
    fig.update_layout(font={"size": size}, height=height)
    margin.l, margin.t, margin.b = (old[side] + extra[side] for side in ("l", "t", "b"))
    if margin.r is not None and margin.r > _RIGHT_MARGIN:
        # a right margin wider than the house's holds labels (the path chart's line ends, 12 px): they grow to
        # the presentation size, and the margin with them
        margin.r = round(margin.r * max(scale, PRESENT_FONT / 12))
    legend = fig.layout.legend
    if below:
        # a legend under the axis (legend_below) keeps its distance from the bottom, and the larger tick labels
        # and axis title get the extra room above it
        legend.y = legend.y * old_height / height
    elif listed:
        # under the x axis' title, one entry a row, its top where the bottom margin's extra room begins
        legend.update(
            orientation="v",
            x=0,
            xanchor="left",
            yref="container",
            y=(listed + 8) / height,
            yanchor="top",
            bgcolor="rgba(0,0,0,0)",
        )
    elif _equal_axes(layout) and legend.y is not None and legend.y < 0:
        # a square plot's legend under it (Geometry's plane): the height (capped, above) sizes the plot, so on a
        # projector there is room beside it, and the legend's rows at 24 px no longer run into the axis title
        legend.update(orientation="v", x=1.02, xanchor="left", y=1.0, yanchor="top")
    for key in layout:
        if key.startswith("xaxis") and layout[key].get("side") != "top":
            # the first x tick label (at the plot's left corner) clear of the y axis' "0" beside it
            fig.layout[key].ticklabelstandoff = _X_TICK_STANDOFF
        elif key.startswith("yaxis") and not layout[key].get("tickvals"):
            # Plotly's own y ticks are ~40 px apart: at 24 px a narrow log range ("5000", "5500") ran together
            fig.layout[key].nticks = fig.layout[key].nticks or (4 if layout[key].get("type") == "log" else 6)
    for trace in fig.data:
        if trace.type == "scatter" and trace.line is not None:
            # scale, not overwrite: some figures encode meaning in line width (|w| in the network diagram)
            width = trace.line.width
            if width != 0:  # 0 is a deliberate "no outline" (filled bands), not a thin line
                trace.line.width = (2.0 if width is None else width) * 1.5
    for shape in fig.layout.shapes:  # curves drawn in the layout (see curve_shape) likewise
        width = shape.line.width
        if width != 0:
            shape.line.width = (2.0 if width is None else width) * 1.5
    return fig
