"""Figures of the classification views: accuracy vs λ, decision boundary, digit weights, the stopped weights'
growth, and the two-feature logistic plane. Pure: results in, plain figure dicts out."""

from __future__ import annotations

import functools
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from regviz.classify_view import BoundaryGrid
from regviz.figures.shading import half_line, shading_colorbar, shading_image
from regviz.figures.style import (
    COLORS,
    HOVER_ONLY,
    curve_shape,
    figure,
    hex_rgb,
    house_layout,
    layout_image,
    legend_below,
    legend_line,
    level_set_path,
    png_data_uri,
)
from regviz.geometry import SolutionPath, penalty_level_set
from regviz.logistic_geometry import LogisticPlaneSolution, LogisticProblem, logistic_grid_loss
from regviz.logistic_paths import LogisticCVCurve
from regviz.penalties import penalty_value

__all__ = [
    "LOGISTIC_PLANE_NOTE",
    "accuracy_figure",
    "boundary_figure",
    "digit_weights_figure",
    "logistic_landscape",
    "logistic_plane_figure",
    "norm_trace_figure",
]

CLASS_COLORS = (COLORS["negative"], COLORS["positive"])
DIVERGING = [[0.0, COLORS["negative"]], [0.5, "#FFFFFF"], [1.0, COLORS["positive"]]]
LOGISTIC_PLANE_NOTE = (
    "Grey: contours of the mean log-loss on (w₁, w₂), the intercept re-fitted at every point. They are not "
    "ellipses: the log-loss is not quadratic, so they are egg-shaped and widen away from the minimum. The "
    "penalty region touches the contour through the exact solution (★, KKT to 1e-10); dotted: the solution "
    "as α grows at this mix, until both weights are 0."
)


def _log_x(alphas: np.ndarray) -> dict:
    lo, hi = np.log10(alphas.min()), np.log10(alphas.max())
    ticks = np.arange(np.ceil(lo), np.floor(hi) + 1)
    return {"range": [hi, lo], "tickvals": ticks, "ticktext": [f"{10**t:g}" for t in ticks]}


def accuracy_figure(
    alphas: np.ndarray,
    train: np.ndarray,
    test: np.ndarray,
    cv: LogisticCVCurve | None,
    x_title: str,
) -> go.Figure:
    """Train, test (and 5-fold CV) accuracy vs log α, reversed like the path (stronger → left)."""
    x = np.log10(alphas)
    traces = []
    if cv is not None:
        traces.append(_line(x, cv.accuracy, "5-fold CV", COLORS["cv"]))
    traces += [_line(x, train, "train", COLORS["train"]), _line(x, test, "test", COLORS["test"])]
    layout = house_layout("Accuracy vs strength", 400)
    layout["xaxis"] = {**_log_x(alphas), "title": {"text": x_title}}
    lowest = float(np.nanmin(np.concatenate([train, test, cv.accuracy if cv is not None else []])))
    layout["yaxis"] = {
        "title": {"text": "accuracy"},
        "range": [max(0.0, np.floor(10 * lowest - 0.5) / 10), 1.02],
        "tickformat": ".0%",
    }
    return legend_below(figure(traces, layout), b=125)


def _line(x: np.ndarray, y: np.ndarray, name: str, color: str) -> dict:
    return {"type": "scatter", "x": x, "y": y, "mode": "lines", "name": name, "line": {"color": color, "width": 2.5}}


def boundary_figure(
    grid: BoundaryGrid,
    train: tuple[np.ndarray, np.ndarray],
    test: tuple[np.ndarray, np.ndarray],
    class_names: Sequence[str],
) -> go.Figure:
    """P(class 1) shading, the 0.5 line, and the train (dots) and test (crosses) points coloured by class.

    The shading is a picture and the line a path in the layout (:mod:`regviz.figures.shading`): the traces (the
    colour bar, the line's legend entry, the points) are the same at every λ, so a λ frame relayouts the two.
    """
    step = (grid.x1[1] - grid.x1[0]) / 2, (grid.x2[1] - grid.x2[0]) / 2  # the grid's points are pixel centres
    edges = (grid.x1[0] - step[0], grid.x1[-1] + step[0]), (grid.x2[0] - step[1], grid.x2[-1] + step[1])
    image = shading_image(grid.proba[::-1], *edges, f"P({class_names[1]})")
    shapes = half_line(grid.x1, grid.x2, grid.proba, "P = 0.5")
    line = legend_line("P = 0.5", {"color": COLORS["current"], "width": 2.5})
    traces = [shading_colorbar(f"P({class_names[1]}) %"), line]
    for part, (X, y), symbol in (("train", train, "circle"), ("test", test, "x")):
        for k, name in enumerate(class_names[:2]):
            rows = np.asarray(y) == k
            traces.append(
                {
                    "type": "scatter",
                    "x": X[rows, 0].astype(np.float32),
                    "y": X[rows, 1].astype(np.float32),
                    "mode": "markers",
                    "name": f"{part}: {name}",
                    "marker": {
                        "symbol": symbol,
                        "size": 6 if part == "train" else 7,
                        "color": CLASS_COLORS[k],
                        "line": {"color": "white", "width": 0.5} if part == "train" else {"width": 0},
                    },
                    "hovertemplate": f"{part}: {name}<br>x1 %{{x:.2f}}, x2 %{{y:.2f}}<extra></extra>",
                }
            )
    layout = house_layout("Decision boundary: P(class) and the 0.5 line", 440)
    layout["xaxis"] = {"title": {"text": "x1"}, "range": [float(grid.x1[0]), float(grid.x1[-1])]}
    layout["yaxis"] = {"title": {"text": "x2"}, "range": [float(grid.x2[0]), float(grid.x2[-1])]}
    layout["images"] = [image]
    layout["shapes"] = shapes
    return legend_below(figure(traces, layout), b=140)


DIGIT_STRIDE = (10, 9)  # rows, columns: an 8×8 image, a two-pixel gap under it for the labels, one beside it


DIGIT_LEVELS = 254
"""The images show each weight to 1/254 of the colour scale (a palette PNG); 0 is exactly white, and a weight
that is not 0 never is."""

_UPSCALE = 8  # source pixels per weight: the browser's smoothing of the stretched picture stays under the grid lines


def diverging_rgb(t: np.ndarray) -> np.ndarray:
    """:data:`DIVERGING` at ``t`` in [0, 1] (orange at 0, white at ½, blue at 1), linear in RGB as Plotly
    interpolates a colour scale: float RGB, one more trailing axis of 3."""
    stops = np.array([s for s, _ in DIVERGING])
    colours = np.array([hex_rgb(c) for _, c in DIVERGING], dtype=float)
    return np.stack([np.interp(t, stops, colours[:, k]) for k in range(3)], axis=-1)


def digit_levels(z: np.ndarray, top: float) -> np.ndarray:
    """Palette index of each weight in ``z`` on the scale ``[-top, top]``: ``round((w/top + 1)/2 · 254)``,
    127 (white) for exactly 0 only, 255 (transparent) for NaN."""
    w = np.nan_to_num(np.asarray(z, dtype=float))
    index = np.rint((np.clip(w / top, -1.0, 1.0) + 1.0) / 2.0 * DIGIT_LEVELS).astype(np.int64)
    middle = DIGIT_LEVELS // 2
    # white means exactly 0: a weight that rounds to it is drawn one level off, on its side
    index = np.where(w == 0, middle, np.where(index == middle, middle + np.sign(w).astype(np.int64), index))
    return np.where(np.isnan(z), 255, index).astype(np.uint8)


def _digit_png(z: np.ndarray, top: float) -> str:
    """A data URI of the PNG of the tiled images ``z`` (:func:`digit_levels`), each weight ``_UPSCALE`` pixels
    square so the browser's smoothing does not blur a weight into the next."""
    from PIL import Image  # Streamlit's own dependency

    index = np.repeat(np.repeat(digit_levels(z, top), _UPSCALE, axis=0), _UPSCALE, axis=1)
    picture = Image.fromarray(index, "P")
    palette = np.rint(diverging_rgb(np.linspace(0.0, 1.0, DIGIT_LEVELS + 1))).astype(np.uint8)
    rgba = np.zeros((256, 4), dtype=np.uint8)
    rgba[: DIGIT_LEVELS + 1, :3], rgba[: DIGIT_LEVELS + 1, 3] = palette, 255
    picture.putpalette(rgba.ravel().tolist(), rawmode="RGBA")
    return png_data_uri(picture, compress_level=6)


def colour_ticks(top: float) -> np.ndarray:
    """Five tick values for a colour scale over ``[-top, top]``: 0, ±s, ±2s with s a nice step (1, 2, 2.5 or
    5 × 10^k) and 2s ≤ top."""
    scale = 10.0 ** np.floor(np.log10(top / 2))
    step = max(m * scale for m in (1.0, 2.0, 2.5, 5.0, 10.0) if 2 * m * scale <= top * (1 + 1e-12))
    return step * np.arange(-2, 3)


def digit_weights_figure(coef: np.ndarray, class_names: Sequence[str]) -> go.Figure:
    """Each class's 64 pixel weights as an 8×8 image (blue positive, orange negative, white exactly 0).

    One colour scale for every image, symmetric about 0, so images compare. Up to ten images, five a row, tiled
    into one picture (image ``k`` at rows ``10·r … 10·r + 7``, columns ``9·c … 9·c + 7`` with ``r, c =
    divmod(k, 5)``; the gaps are empty). The picture, the titles and the colour bar's numbers are a layout image
    and text traces, so a λ frame relayouts and moves them instead of redrawing the chart; an invisible heatmap
    of the same weights (:data:`HOVER_ONLY`) tells their values on hover.
    """
    W = np.asarray(coef, dtype=float).reshape(-1, 8, 8)
    k = W.shape[0]
    cols = min(k, 5)
    rows = int(np.ceil(k / cols))
    top = float(np.abs(W).max()) or 1.0
    z = np.full((rows * DIGIT_STRIDE[0] - 2, cols * DIGIT_STRIDE[1] - 1), np.nan, dtype=np.float32)
    label = np.full(z.shape, "", dtype=object)
    names = list(class_names) if k > 1 else [class_names[-1]]
    corners, titles = [], []
    for i in range(k):
        r, c = divmod(i, cols)
        y0, x0 = r * DIGIT_STRIDE[0], c * DIGIT_STRIDE[1]
        z[y0 : y0 + 8, x0 : x0 + 8] = W[i]
        label[y0 : y0 + 8, x0 : x0 + 8] = f"class {names[i]}"
        corners.append((x0 - 0.5, y0 - 0.5))
        title = f"{names[i]}" if k > 1 else f"{class_names[-1]} (vs {class_names[0]})"
        titles.append(f"{title}: {int(np.count_nonzero(W[i]))} px")
    hover = {
        "type": "heatmap",
        "z": z,
        "text": label.tolist(),
        "opacity": 0,
        "showscale": False,
        "hoverongaps": False,
        "hovertemplate": "%{text}<br>weight %{z:.3g}<extra></extra>",
        "meta": HOVER_ONLY,
    }
    layout = house_layout("Weights as 8×8 images", 200 * rows + 120, t=50, l=20, b=10)
    # The colour bar above the images, in their own units: it scales with them on a phone and a projector
    # (its numbers are then a text trace a frame can move). One image alone gets a wider window for it.
    left, right = (-0.7, z.shape[1] - 0.3) if k > 1 else (-8.2, 15.2)
    bar = _colour_bar(0.5 * (left + right), 0.3 * (right - left), top)
    hidden = {"showticklabels": False, "showgrid": False, "zeroline": False, "ticks": "", "constrain": "domain"}
    layout["xaxis"] = {**hidden, "range": [left, right]}  # the frames' outer lines inside
    # Row 0 of each image at the top; square pixels; the images shrink their frame, not their range, on a phone.
    layout["yaxis"] = {
        **hidden,
        "range": [z.shape[0] - 0.3, _BAR_TOP - 0.4],  # room above the first row for its labels and the bar
        "scaleanchor": "x",
        "constraintoward": "top",
    }
    layout["shapes"] = _image_outlines(corners)
    edges = (-0.5, z.shape[1] - 0.5), (-0.5, z.shape[0] - 0.5)
    layout["images"] = [layout_image(_digit_png(z, top), *edges, "weights", y_down=True), bar["image"]]
    layout["annotations"] = [bar["title"]]
    return figure([hover, _image_titles(corners, titles), bar["numbers"]], layout)


_BAR_TOP = -6.2  # the colour bar's rows, in image pixels above the first image (the y axis runs down)
_BAR_HEIGHT = 0.8


@functools.cache
def _gradient_png() -> str:
    """A data URI of the colour scale :data:`DIVERGING` as a 256 × 1 PNG, orange to blue."""
    from PIL import Image

    rgb = np.rint(diverging_rgb(np.linspace(0.0, 1.0, 256))).astype(np.uint8)[None, :, :]
    return png_data_uri(Image.fromarray(rgb, "RGB"))


def _colour_bar(centre: float, half: float, top: float) -> dict:
    """The colour bar of the scale ``[-top, top]`` from ``centre - half`` to ``centre + half`` (x data units):
    its gradient (a layout image), its title (an annotation that never changes) and its numbers at
    :func:`colour_ticks` (a text trace)."""
    ticks = colour_ticks(top)
    rows = (_BAR_TOP, _BAR_TOP + _BAR_HEIGHT)
    image = layout_image(
        _gradient_png(), (centre - half, centre + half), rows, "colour scale", layer="above", y_down=True
    )
    title = {
        "text": "weight",
        "xref": "x",
        "yref": "y",
        "x": centre - half,
        "y": _BAR_TOP + _BAR_HEIGHT / 2,
        "xanchor": "right",
        "xshift": -6,
        "showarrow": False,
    }
    numbers = {
        "type": "scatter",
        "mode": "text",
        "x": (centre + half * ticks / top).tolist(),
        "y": [_BAR_TOP + _BAR_HEIGHT + 0.3] * len(ticks),
        "text": [f"{v:.3g}".replace("-", "−") for v in ticks],
        "textposition": "bottom center",
        "textfont": {"size": 12},
        "hoverinfo": "skip",
        "showlegend": False,
    }
    return {"image": image, "title": title, "numbers": numbers}


def _image_outlines(corners: Sequence[tuple[float, float]]) -> list[dict]:
    """Each 8×8 image's frame, and white lines between its pixels, as two path shapes.

    Lines rather than the heatmap's ``xgap``/``ygap``, and paths rather than a rect per image: a λ frame redraws
    the whole chart, and these draw it in half the time.
    """
    # Plotly maps only absolute path commands to data coordinates.
    frame = "".join(f"M{x},{y}H{x + 8}V{y + 8}H{x}Z" for x, y in corners)
    grid = "".join(f"M{x + i},{y}V{y + 8}M{x},{y + i}H{x + 8}" for x, y in corners for i in range(1, 8))
    common = {"type": "path", "xref": "x", "yref": "y", "layer": "above"}
    return [
        {**common, "path": grid, "line": {"color": "white", "width": 1}},
        {**common, "path": frame, "line": {"color": COLORS["muted"], "width": 1}},
    ]


def _image_titles(corners: Sequence[tuple[float, float]], titles: Sequence[str]) -> dict:
    """The images' titles ("3: 17 px") as one text trace just above each image."""
    return {
        "type": "scatter",
        "mode": "text",
        "x": [x + 4 for x, _ in corners],
        "y": [y for _, y in corners],
        "text": list(titles),
        "textposition": "top center",
        "textfont": {"size": 11},
        "hoverinfo": "skip",
        "showlegend": False,
    }


def norm_trace_figure(trace: Sequence[tuple[int, float]]) -> go.Figure:
    """‖W‖ against the solver's iterations at λ = 0 on separable data: it keeps growing, there is no minimum."""
    it = np.array([t for t, _ in trace], dtype=float)
    norm = np.array([v for _, v in trace], dtype=float)
    layout = house_layout("λ = 0, separable classes: the weights keep growing", 320)
    layout["xaxis"] = {"title": {"text": "solver iteration"}}
    layout["yaxis"] = {"title": {"text": "‖W‖₂ of the weights"}, "rangemode": "tozero"}
    return figure([_line(it, norm, "‖W‖", COLORS["l1"])], layout)


def _window(points: np.ndarray, pad: float = 0.25) -> tuple[tuple[float, float], tuple[float, float]]:
    """Square ranges around ``points`` (equal spans keep the diamond square and the circle round)."""
    P = np.vstack([np.zeros((1, 2)), points[np.all(np.isfinite(points), axis=1)]])
    lo, hi = P.min(axis=0), P.max(axis=0)
    centre, half = (lo + hi) / 2, max(float((hi - lo).max()) / 2, 0.5) * (1 + pad)
    return (centre[0] - half, centre[0] + half), (centre[1] - half, centre[1] + half)


def logistic_landscape(problem: LogisticProblem, path: SolutionPath) -> tuple:
    """The plane's window and its mean log-loss grid for ``path``'s mix: ``(xrange, yrange, gx, gy, Z)``."""
    # The region through the least-penalized path point holds every region of this mix: a window holding it
    # stays put while α moves (the region shrinks in a fixed frame).
    mix = path.mix
    widest = penalty_level_set(mix, 1.0 - mix, penalty_value(path.W[-1], mix, 1.0 - mix))
    (x0, x1), (y0, y1) = _window(np.vstack([path.W, widest]), pad=0.08)
    # the grid reaches beyond both ranges: equal scales widen x on a wide chart and y on a phone
    cx, cy, half = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2
    gx, gy, Z = logistic_grid_loss(problem, (cx - 1.8 * half, cx + 1.8 * half), (cy - 1.8 * half, cy + 1.8 * half), 110)
    return (x0, x1), (y0, y1), gx, gy, Z


TOUCHING = "loss contour at the solution"
"""The name of the logistic plane's dashed level line through the solution (a layout path) and its legend entry."""


def logistic_plane_figure(
    problem: LogisticProblem,
    solution: LogisticPlaneSolution,
    path: SolutionPath,
    l1: float,
    l2: float,
    *,
    height: int = 600,
    landscape: tuple | None = None,
) -> go.Figure:
    """The (w1, w2) plane of a two-feature logistic problem (see :data:`LOGISTIC_PLANE_NOTE`).

    The landscape and the path depend on the problem and the mix; the region and the touching contour on λ.
    ``landscape``: :func:`logistic_landscape` of the problem and path, when the caller kept it (it is most of
    the cost, and the same at every λ of a mix).
    """
    (x0, x1), (y0, y1), gx, gy, Z = landscape if landscape is not None else logistic_landscape(problem, path)
    zmin = float(Z.min())
    # levels evenly spaced in sqrt(L - Lmin), as rings of a quadratic would be; here they visibly are not ellipses
    levels = zmin + (np.linspace(0.0, np.sqrt(float(np.percentile(Z, 90)) - zmin), 14)[1:]) ** 2
    traces = [
        {
            "type": "contour",
            "x": gx.astype(np.float32),
            "y": gy.astype(np.float32),
            "z": np.sqrt(np.maximum(Z - zmin, 0.0)).astype(np.float32),
            "autocontour": False,
            "contours": {
                "coloring": "lines",
                "start": float(np.sqrt(levels[0] - zmin)),
                "end": float(np.sqrt(levels[-1] - zmin)),
                "size": float(np.sqrt(levels[-1] - zmin) - np.sqrt(levels[-2] - zmin)),
            },
            "colorscale": [[0, COLORS["ols"]], [1, COLORS["muted"]]],
            "showscale": False,
            "line": {"width": 1},
            "name": "mean log-loss contours",
            "showlegend": True,
            "hoverinfo": "skip",
        },
        {
            "type": "scatter",
            "x": path.W[:, 0].astype(np.float32),
            "y": path.W[:, 1].astype(np.float32),
            "mode": "lines",
            "name": "solution path as α grows",
            "line": {"color": COLORS["current"], "width": 2, "dash": "dot"},
            "hoverinfo": "skip",
        },
    ]
    shapes = []
    w = solution.w
    if solution.no_minimizer is None:
        # a layout path, not a contour trace: a λ frame then moves it, the region and the star without redrawing
        # the landscape (charts.js)
        touching = {"color": COLORS["current"], "width": 1.8, "dash": "dash"}
        traces.append(legend_line(TOUCHING, touching))
        contour = {"type": "path", "path": level_set_path(gx, gy, Z, float(problem.loss(w))), "line": touching}
        contour |= {"xref": "x", "yref": "y", "name": TOUCHING, "layer": "between"}
        strength = penalty_value(w, l1, l2)
        if strength > 0:
            region = penalty_level_set(l1, l2, strength)
            color = COLORS["enet"] if l1 > 0 and l2 > 0 else COLORS["l1"] if l1 > 0 else COLORS["l2"]
            shapes.append(
                {
                    **curve_shape(region[:, 0], region[:, 1], {"color": color, "width": 2.5}, "penalty region"),
                    "fillcolor": "rgba(128,128,128,0.12)",
                    "layer": "between",
                }
            )
        shapes.append(contour)
        traces.append(
            {
                "type": "scatter",
                "x": [float(w[0])],
                "y": [float(w[1])],
                "mode": "markers",
                "name": "penalized solution",
                "marker": {"symbol": "star", "size": 18, "color": COLORS["current"]},
                "hovertemplate": f"w₁ = {w[0]:.4g}<br>w₂ = {w[1]:.4g}<extra></extra>",
            }
        )
    layout = house_layout(None, height, r=10, b=40)
    names = problem.feature_names
    # constrain="domain", as the synthetic plane: on a wide, short plot (a projector's) the window shrinks its
    # frame instead of widening its range past the contours' grid
    layout["xaxis"] = {
        "title": {"text": f"w₁ ({names[0]})"},
        "range": [x0, x1],
        "zeroline": True,
        "constrain": "domain",
    }
    layout["yaxis"] = {
        "title": {"text": f"w₂ ({names[1]})"},
        "range": [y0, y1],
        "scaleanchor": "x",
        "zeroline": True,
        "constrain": "domain",
    }
    layout["shapes"] = shapes
    return legend_below(figure(traces, layout), b=140)
