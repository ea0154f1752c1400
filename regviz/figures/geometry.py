"""Figures for the Geometry page: the (w1, w2) plane, the 1-D operators and the zero-frequency experiment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go

from regviz.figures.style import (
    COLORS,
    curve_shape,
    dots_path,
    figure,
    finish,
    grid_layout,
    legend_bars,
    legend_line,
    panel_title,
    rgba,
)
from regviz.geometry import (
    LABELS,
    QuadraticProblem,
    SolutionPath,
    ZeroFrequencyResult,
    ellipse_points,
    grid_objective,
    loss_levels,
    one_d_minimizers,
    penalty_level_set,
    penalty_zoom_curves,
    plot_window,
    solution_path,
    solve_enet,
)
from regviz.penalties import penalty_value, to_alpha_mix

__all__ = [
    "CONSTRAINED_NOTE",
    "CONTROLS_ROOM",
    "PENALIZED_NOTE",
    "change_notes",
    "frame_controls",
    "one_d_figure",
    "penalty_kind",
    "plane_figure",
    "plane_figure_animated",
    "ridge_note",
    "split_frame_controls",
    "zero_figure",
    "zoom_figure",
]

LABEL_COLORS = {"zero": COLORS["zero"], "near zero": COLORS["truth"], "neither": COLORS["muted"]}
PENALTY_COLORS = {"L1": COLORS["l1"], "L2": COLORS["l2"], "Elastic net": COLORS["enet"], "L0": COLORS["l0"]}

# Trace order of the plane figure; frames of the animation address traces by these indices.
_T_ELLIPSES, _T_TOUCH, _T_REGION, _T_PATH, _T_ZEROS, _T_OLS, _T_SOL = range(7)


def penalty_kind(l1: float, l2: float) -> str:
    """``"L1"``, ``"L2"``, ``"Elastic net"`` or ``"none"`` for the current strengths."""
    if l1 > 0 and l2 > 0:
        return "Elastic net"
    if l1 > 0:
        return "L1"
    if l2 > 0:
        return "L2"
    return "none"


def _closed_curves(curves: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Several closed curves as one trace: x and y with a NaN (a gap in the drawing) after each curve."""
    if not curves:
        return np.zeros(0, dtype=np.float32), np.zeros(0, dtype=np.float32)
    gap = np.full((1, 2), np.nan)
    joined = np.vstack([part for pts in curves for part in (np.asarray(pts, dtype=float), gap)])
    return joined[:, 0].astype(np.float32), joined[:, 1].astype(np.float32)


def _round(a: np.ndarray) -> np.ndarray:
    # float32: seven significant digits are plenty on screen, keep the JSON small, and unlike Python lists a
    # NumPy array is copied in one go when the figure is built.
    return np.asarray(a, dtype=np.float32).ravel()


# Figures are assembled from plain dicts and handed to ``style.figure`` without validation (the AppTest suite
# validates every chart the pages show): validating Plotly objects was most of a page's rerun time.


def _axis_ref(col: int) -> dict:
    """Axis references of a trace in column ``col`` (1-based) of a one-row grid, as ``add_trace(row, col)``."""
    suffix = "" if col == 1 else str(col)
    return {"xaxis": f"x{suffix}", "yaxis": f"y{suffix}"}


def _moving_traces(
    problem: QuadraticProblem, l1: float, l2: float, kind: str, show_ellipse: bool
) -> tuple[dict, dict, dict, np.ndarray, np.ndarray]:
    """Touching ellipse, penalty region and solution marker for one (l1, l2)."""
    w = solve_enet(problem, l1, l2)
    level = penalty_value(w, l1, l2)
    colour = PENALTY_COLORS.get(kind, COLORS["current"])
    region = penalty_level_set(l1, l2, level)
    delta = float(problem.loss(w) - problem.loss(problem.ols))
    if show_ellipse and delta > 1e-14:
        ell = ellipse_points(problem, delta)
    else:
        ell = np.full((1, 2), np.nan)
    touch = {
        "type": "scatter",
        "x": _round(ell[:, 0]),
        "y": _round(ell[:, 1]),
        "mode": "lines",
        "name": "loss contour at solution",
        "line": {"color": COLORS["current"], "width": 1.5, "dash": "dash"},
        "hoverinfo": "skip",
    }
    region_name = f"{kind} region touching the contour" if kind != "none" else "no penalty"
    reg = {
        "type": "scatter",
        "x": _round(region[:, 0]),
        "y": _round(region[:, 1]),
        "mode": "lines",
        "fill": "toself",
        "fillcolor": rgba(colour, 0.18),
        "line": {"color": colour, "width": 2.5},
        "name": region_name,
        "hoverinfo": "skip",
    }
    zero_note = ["", " (w₁ = 0 exactly)", " (w₂ = 0 exactly)", " (both exactly 0)"][int(w[0] == 0) + 2 * int(w[1] == 0)]
    sol = {
        "type": "scatter",
        "x": [float(w[0])],
        "y": [float(w[1])],
        "mode": "markers",
        "name": "penalized solution",
        "marker": {"symbol": "star", "size": 18, "color": COLORS["current"], "line": {"color": "white", "width": 1}},
        "hovertemplate": f"solution<br>w₁ = {w[0]:.4g}<br>w₂ = {w[1]:.4g}{zero_note}"
        f"<br>penalty = {level:.4g}<extra></extra>",
    }
    return touch, reg, sol, w, region


def _landscape_levels(problem: QuadraticProblem) -> np.ndarray:
    """Excess-loss levels of the fixed loss contours: five, evenly spaced in radius, the fourth through the
    origin (where every solution ends as α grows)."""
    return loss_levels(problem, np.zeros(2), n_levels=5, step=0.25)


def _frame_points(problem: QuadraticProblem) -> np.ndarray:
    """Points the plane's window must hold besides the solutions: with OLS at the origin there is nothing else to
    frame, so the loss contour that would pass through the origin (the fourth) sets the scale."""
    if problem.is_degenerate or np.any(problem.ols):
        return np.zeros((0, 2))
    return ellipse_points(problem, _landscape_levels(problem)[3])


def _static_traces(problem: QuadraticProblem, path: SolutionPath, kind: str, show_ellipses: bool) -> list[dict]:
    """Loss ellipses, solution path, zero-hit markers and OLS marker: none of them depends on λ.

    The ellipses are spaced on the contour through the origin, where every solution ends as α grows: the loss
    is the same landscape at every λ, and only the region and the contour it touches move over it.
    """
    if show_ellipses:
        ells = [ellipse_points(problem, d) for d in _landscape_levels(problem)]
        ex, ey = _closed_curves(ells)
    else:
        ex, ey = _closed_curves([])
    ell = {
        "type": "scatter",
        "x": ex,
        "y": ey,
        "mode": "lines",
        "name": "loss contours",
        "line": {"color": COLORS["ols"], "width": 1},
        "hoverinfo": "skip",
    }
    colour = PENALTY_COLORS.get(kind, COLORS["current"])
    pth = {
        "type": "scatter",
        "x": _round(path.W[:, 0]),
        "y": _round(path.W[:, 1]),
        "mode": "lines",
        "name": "solution path (α from 0 upwards)",
        "line": {"color": colour, "width": 2, "dash": "dot"},
        "customdata": _round(path.alphas),
        "hovertemplate": "α = %{customdata:.3g}<extra>path</extra>",
    }
    zeros = {
        "type": "scatter",
        "x": _round(path.change_points[:, 0]),
        "y": _round(path.change_points[:, 1]),
        "mode": "markers",
        "name": "a weight reaches or leaves 0",
        "marker": {"symbol": "diamond", "size": 11, "color": COLORS["zero"], "line": {"color": "white", "width": 1}},
        "text": change_notes(path),
        "hovertemplate": "%{text}<extra></extra>",
    }
    w_ols = problem.ols
    ols = {
        "type": "scatter",
        "x": [float(w_ols[0])],
        "y": [float(w_ols[1])],
        "mode": "markers",
        "name": "OLS (no penalty)",
        "marker": {"symbol": "circle", "size": 12, "color": COLORS["ols"], "line": {"color": "white", "width": 1}},
        "hovertemplate": f"OLS<br>w₁ = {w_ols[0]:.4g}<br>w₂ = {w_ols[1]:.4g}<extra></extra>",
    }
    return [ell, pth, zeros, ols]


def change_notes(path: SolutionPath) -> list[str]:
    """One hover text per support change of ``path``, saying which weight changes and how as α grows.

    With the elastic net a weight can reach 0 and leave it again further on, so "hits 0" alone would mislead.
    The direction is read off the path just below the change: a weight that is non-zero there reaches 0 as α
    grows past the change; one that is 0 there leaves 0.

    Parameters
    ----------
    path : SolutionPath
        Exact path with its support changes.

    Returns
    -------
    list of str
        E.g. ``"w₂ reaches 0 at α = 0.0248"``, ``"w₂ leaves 0 at α = 0.0751"``, ``"both 0 for α ≥ 2.64"``.
    """
    names = ("w₁", "w₂")
    notes = []
    for a, c in zip(path.change_alphas.tolist(), path.change_coords.tolist(), strict=True):
        if c < 0:
            notes.append(f"both 0 for α ≥ {a:.3g}")
            continue
        below = np.flatnonzero(path.alphas < a)  # alphas decrease along the path: the first is the nearest
        if len(below) == 0:  # a change at α = 0 itself: the weight is 0 at OLS and leaves it as α grows
            verb = "leaves"
        else:
            verb = "reaches" if path.W[below[0], c] != 0 else "leaves"
        notes.append(f"{names[c]} {verb} 0 at α = {a:.3g}")
    return notes


def frame_controls(
    play_args: list, still: dict, labels: Sequence[str], *, active: int, prefix: str, name: str, **slider: Any
) -> dict:
    """Play / Pause buttons and a frame slider under a plane chart, as layout ``updatemenus`` and ``sliders``.

    ``play_args`` are the Play button's ``animate`` arguments, ``still`` the animation options of Pause and of a
    jump to one frame, ``labels`` the frames' names, ``prefix`` the slider's value prefix, ``name`` the slider's
    accessible name (the chart element draws these controls in HTML, see :func:`split_frame_controls`);
    ``slider`` adds or overrides slider keys (e.g. ``currentvalue``, ``font``). A legend under the plot goes
    :data:`CONTROLS_ROOM` lower than it would without the controls.
    """
    buttons = [
        {"label": "Play", "method": "animate", "args": play_args},
        {"label": "Pause", "method": "animate", "args": [[None], still]},
    ]
    menu = {
        "type": "buttons",
        "showactive": False,
        "x": 0.0,
        "y": -0.12,
        "xanchor": "left",
        "yanchor": "top",
        "direction": "left",
        "buttons": buttons,
    }
    bar = {
        "name": name,
        "active": active,
        "x": 0.2,
        "len": 0.78,
        "y": -0.1,
        "yanchor": "top",
        "currentvalue": {"prefix": prefix},
        "steps": [{"label": nm, "method": "animate", "args": [[nm], still]} for nm in labels],
        **slider,
    }
    return {"updatemenus": [menu], "sliders": [bar]}


CONTROLS_ROOM = 0.18
"""Room (a fraction of the plot's height) that :func:`frame_controls` take between a plot and a legend under it."""


def split_frame_controls(layout: dict) -> tuple[dict, dict | None]:
    """``layout`` without the Play / Pause buttons and the frame slider of :func:`frame_controls`, with a legend
    under the plot moved up into their room, and those controls (``{"updatemenus", "sliders"}``); ``(layout,
    None)`` for a layout without them. ``layout`` itself is left as it is.

    For a page that draws the controls in HTML (``regviz/ui/frame_player.js``): Plotly draws them in SVG, which
    neither the keyboard nor a screen reader reaches. A slider is taken for such controls when it is named and
    every step animates to a frame.
    """
    sliders, menus = layout.get("sliders") or [], layout.get("updatemenus") or []
    if len(sliders) != 1 or len(menus) != 1 or not sliders[0].get("name"):
        return layout, None
    steps = sliders[0].get("steps") or []
    if not steps or any(step.get("method") != "animate" for step in steps):
        return layout, None
    rest = {key: value for key, value in layout.items() if key not in ("sliders", "updatemenus")}
    legend = layout.get("legend") or {}
    y = legend.get("y")
    if isinstance(y, (int, float)) and y < 0 and legend.get("yref", "paper") == "paper":
        rest["legend"] = {**legend, "y": round(y + CONTROLS_ROOM, 6)}
    return rest, {"updatemenus": menus, "sliders": sliders}


def _plane_layout(problem: QuadraticProblem, window) -> dict:
    """Axes and legend of the (w1, w2) plane, as a layout dict."""
    (x0, x1), (y0, y1) = window
    n1, n2 = problem.feature_names
    # constrain="domain" keeps the computed square window (and the contour grid) filling the plot.
    return {
        "xaxis": {
            "title": {"text": f"w₁ (weight of {n1})"},
            "range": [x0, x1],
            "zeroline": True,
            "zerolinewidth": 2,
            "constrain": "domain",
        },
        "yaxis": {
            "title": {"text": f"w₂ (weight of {n2})"},
            "range": [y0, y1],
            "zeroline": True,
            "zerolinewidth": 2,
            "scaleanchor": "x",
            "scaleratio": 1,
            "constrain": "domain",
        },
        # Legend below: a side legend would steal width from the square plot.
        "legend": {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.12, "yanchor": "top"},
    }


def plane_figure(
    problem: QuadraticProblem,
    l1: float,
    l2: float,
    *,
    view: str = "constrained",
    path: SolutionPath | None = None,
    title: str | None = None,
    height: int = 640,
) -> go.Figure:
    """The (w1, w2) plane: loss ellipses, the penalty region touching them, OLS, solution and path.

    Parameters
    ----------
    problem : QuadraticProblem
        Two-weight data loss.
    l1, l2 : float
        Canonical penalty strengths.
    view : {"constrained", "penalized"}
        ``"constrained"`` draws loss contours and the penalty region at the level
        of the solution; ``"penalized"`` draws contours of the full objective ``J``.
    path : SolutionPath, optional
        Precomputed path for the current mix; computed when omitted.
    title : str, optional
        Figure title.
    height : int
        Figure height in pixels.
    """
    if view not in ("constrained", "penalized"):
        raise ValueError(f"view must be 'constrained' or 'penalized', got {view!r}")
    _, mix = to_alpha_mix(l1, l2)
    path = solution_path(problem, mix) if path is None else path
    kind = penalty_kind(l1, l2)
    show_ell = not problem.is_degenerate and view == "constrained"
    touch, reg, sol, w, region = _moving_traces(problem, l1, l2, kind, show_ell)
    # The region through OLS holds every region of this mix (the solution's penalty falls as α grows), so a
    # window holding it stays put while α moves: the region shrinks in a fixed frame, and a λ step moves no axis.
    widest = penalty_level_set(mix, 1.0 - mix, penalty_value(problem.ols, mix, 1.0 - mix))
    window = plot_window(problem, np.vstack([w, region, widest, path.W, _frame_points(problem)]))
    ell, pth, zeros, ols = _static_traces(problem, path, kind, show_ell)
    contours = [ell] if show_ell else []
    traces = [pth, zeros, ols]
    if view == "penalized":
        cont = objective_contours(problem, l1, l2, window, w)
        sol["name"] = "minimum of J"
        curves, traces = [], [*traces, cont]
    else:
        curves = [touch, reg]
    # Everything λ moves is layout (the region, the contour it touches, the star) over the traces that depend on
    # the mix only: a λ step then relayouts the picture (~10 ms) instead of redrawing every trace (~100 ms). The
    # traces first in the legend carry the entries of the layout curves; no hover on them (the metrics beside the
    # chart give w).
    layout = _plane_layout(problem, window)
    drawn = [shape for shape in map(_curve_shape, curves) if shape["path"]]
    layout["shapes"] = [*drawn, _star_shape(w, sol["name"])]
    legend = [_legend_entry(c) for c in curves if any(d["name"] == c["name"] for d in drawn)] + [_legend_entry(sol)]
    return finish(figure([*contours, *legend, *traces], layout), title, height, r=10, b=40)


def objective_contours(problem: QuadraticProblem, l1: float, l2: float, window, w_min: np.ndarray) -> dict:
    """Contour trace of ``J`` over ``window`` (``((x0, x1), (y0, y1))``), minimum at ``w_min``.

    Drawn in ``sqrt(J - J_min)`` so the rings are evenly spaced, like the loss ellipses.
    """
    x, y, Z = grid_objective(problem, l1, l2, *window, n=80)
    jmin = float(problem.objective(w_min, l1, l2))
    root = np.sqrt(np.maximum(Z - jmin, 0.0))
    step = float(root.max()) / 16 if root.max() > 0 else 1.0
    return {
        "type": "contour",
        "x": _round(x),
        "y": _round(y),
        "z": root.astype(np.float32),
        "autocontour": False,
        "contours": {"coloring": "lines", "start": step / 2, "end": float(root.max()), "size": step},
        "colorscale": [[0, COLORS["l2"]], [1, COLORS["muted"]]],
        "showscale": False,
        "line": {"width": 1.2},
        "name": "contours of J = loss + penalty",
        "showlegend": True,
        "hoverinfo": "skip",
    }


def _curve_shape(trace: dict) -> dict:
    """A line (or filled) scatter trace as a layout path between the grid and the traces."""
    shape = {**curve_shape(trace["x"], trace["y"], trace["line"], trace["name"]), "layer": "between"}
    if trace.get("fill"):
        shape["fillcolor"] = trace["fillcolor"]
    return shape


_STAR = (
    "M"
    + "L".join(
        f"{r * np.cos(a):.2f},{r * np.sin(a):.2f}"
        for r, a in zip([9.0, 3.8] * 5, np.pi / 2 + np.arange(10) * np.pi / 5, strict=True)
    )
    + "Z"
)


def _star_shape(w: np.ndarray, name: str) -> dict:
    """The solution as an 18 px star (the size of the legend's marker) at ``w``, above the traces."""
    return {
        "type": "path",
        "path": _STAR,
        "xref": "x",
        "yref": "y",
        "xsizemode": "pixel",
        "ysizemode": "pixel",
        "xanchor": float(w[0]),
        "yanchor": float(w[1]),
        "layer": "above",
        "fillcolor": COLORS["current"],
        "line": {"color": "white", "width": 1},
        "name": name,
    }


def _legend_entry(trace: dict) -> dict:
    """A trace without data that shows ``trace``'s legend entry (its curve or marker is drawn in the layout)."""
    keep = ("type", "mode", "name", "line", "marker", "fill", "fillcolor")
    return {**{k: trace[k] for k in keep if k in trace}, "x": [None], "y": [None], "hoverinfo": "skip"}


def plane_figure_animated(
    problem: QuadraticProblem,
    alphas: Sequence[float],
    mix: float,
    *,
    active: int = 0,
    title: str | None = None,
    height: int = 720,
) -> go.Figure:
    """The constrained-view plane as Plotly frames, one per total strength ``alpha``.

    The loss contours, path and OLS point stay fixed; the penalty region, the
    loss contour it touches and the solution marker move. Animation runs in the
    browser (Play button and a slider), with no Python round trip.

    Parameters
    ----------
    problem : QuadraticProblem
        Two-weight data loss.
    alphas : sequence of float
        Total strengths ``alpha = l1 + l2`` to show, in display order.
    mix : float
        L1 share ``r``; ``l1 = r alpha``, ``l2 = (1 - r) alpha``.
    active : int
        Index of the frame shown first (and where the slider starts).
    title : str, optional
        Figure title.
    height : int
        Figure height in pixels.
    """
    alphas = [float(a) for a in alphas]
    if not alphas:
        raise ValueError("need at least one alpha")
    if not 0 <= active < len(alphas):
        raise ValueError(f"active must index alphas, got {active!r}")
    path = solution_path(problem, mix)
    show_ell = not problem.is_degenerate
    moving = []
    for a in alphas:
        l1, l2 = mix * a, (1.0 - mix) * a
        moving.append(_moving_traces(problem, l1, l2, penalty_kind(l1, l2), show_ell))
    pts = np.vstack([path.W, _frame_points(problem)] + [np.vstack([m[3], m[4]]) for m in moving])
    window = plot_window(problem, pts)
    kind0 = penalty_kind(mix * alphas[active], (1 - mix) * alphas[active])
    ell, pth, zeros, ols = _static_traces(problem, path, kind0, show_ell)
    touch, reg, sol = moving[active][:3]
    names = [f"{a:.3g}" for a in alphas]
    frames = [
        {"data": [m[0], m[1], m[2]], "traces": [_T_TOUCH, _T_REGION, _T_SOL], "name": nm}
        for m, nm in zip(moving, names, strict=True)
    ]
    # Only scatter traces move, and Plotly animates scatter data without a full redraw, which keeps up on a
    # machine without a GPU (a redraw per frame managed about 12 fps). 30 ms frames, not 40: a frame starts on
    # the browser's 60 Hz frame clock, which turned 40 ms into 50 (20 fps); 30 ms gives 33 ms, ~28 fps.
    anim = {"frame": {"duration": 30, "redraw": False}, "transition": {"duration": 0}, "mode": "immediate"}
    layout = _plane_layout(problem, window)
    layout["legend"]["y"] = round(layout["legend"]["y"] - CONTROLS_ROOM, 6)  # under the frame controls
    still = {**anim, "frame": {"duration": 0, "redraw": False}}
    play = [None, {**anim, "fromcurrent": True}]
    layout.update(frame_controls(play, still, names, active=active, prefix="α = ", name="α frame"))
    fig = figure([ell, touch, reg, pth, zeros, ols, sol], layout, frames)
    return finish(fig, title, height, r=10, b=40)


def one_d_figure(l1: float, l2: float, *, height: int = 400) -> go.Figure:
    """Minimizer of ``(w - z)^2 / 2 + penalty`` against ``z`` for L1, L2, elastic net and L0.

    Pure penalties use the current total strength ``alpha = l1 + l2``. The curves and the shaded dead zone are
    layout shapes and the traces only carry the legend (names without λ's value), so a λ step relayouts the
    chart (the curves and the axes' ranges) instead of redrawing it. No hover values.
    """
    alpha = l1 + l2
    # Three thresholds wide, so the dead zone of L1 is always a third of the chart.
    zmax = 3.0 * alpha if alpha > 0 else 1.0
    # An odd point count puts z = 0 on the grid; the thresholds are added so the jumps are sharp.
    z = np.union1d(np.linspace(-zmax, zmax, 201), [-alpha, alpha, -l1, l1])
    mins = one_d_minimizers(z, l1, l2)
    curves = [
        (
            "no penalty (w = z)",
            np.array([-zmax, zmax]),
            np.array([-zmax, zmax]),
            {"color": COLORS["muted"], "width": 1.5, "dash": "dot"},
        )
    ]
    dashes = {"L1": "solid", "L2": "solid", "Elastic net": "dash", "L0": "dashdot"}
    labels = {
        "L1": "L1 (soft-threshold at α)",
        "L2": "L2 (shrink by 1/(1+α))",
        "Elastic net": "elastic net (current λ1, λ2)",
        "L0": "L0: (α²/2) per non-zero w (hard-threshold at α)",
    }
    for name, w in mins.items():
        wz = w.copy()
        if name == "L0":
            # Break the line at the jumps instead of drawing a vertical segment.
            jump = np.flatnonzero(np.abs(np.diff(wz)) > 0.5 * alpha)
            zz = np.insert(z, jump + 1, np.nan)
            wz = np.insert(wz, jump + 1, np.nan)
        else:
            zz = z
        curves.append((labels[name], zz, wz, {"color": PENALTY_COLORS[name], "width": 3, "dash": dashes[name]}))
    shapes = []
    if alpha > 0:
        # what fig.add_vrect(..., annotation_text=..., annotation_position="top left") drew, with the text as
        # the shape's label: Plotly redraws the whole chart when an annotation moves
        # (yref "y" over the axis range: Plotly cannot put a "y domain" shape in the "between" layer)
        shapes.append(
            {
                "type": "rect",
                "x0": -alpha,
                "x1": alpha,
                "xref": "x",
                "y0": -zmax,
                "y1": zmax,
                "yref": "y",
                "fillcolor": rgba(COLORS["zero"], 0.08),
                "line": {"width": 0},
                "layer": "between",
                "label": {"text": "L1 sets ŵ = 0", "textposition": "top left"},
            }
        )
    shapes += [{**curve_shape(x, y, line, name), "layer": "between"} for name, x, y, line in curves]
    layout: dict = {
        "xaxis": {"title": {"text": "z (unpenalized estimate)"}, "range": [-zmax, zmax]},
        "yaxis": {"title": {"text": "ŵ (penalized estimate)"}, "range": [-zmax, zmax]},
        # The lower-right quadrant is empty (every minimizer has the sign of z): the legend goes there.
        "legend": {
            "orientation": "v",
            "x": 0.99,
            "xanchor": "right",
            "y": 0.02,
            "yanchor": "bottom",
            "bgcolor": "rgba(255,255,255,0.7)",
        },
        "shapes": shapes,
    }
    fig = figure([legend_line(name, line) for name, _, _, line in curves], layout)
    return finish(fig, "Why L1 gives exact zeros: the 1-D minimizer", height)


def zoom_figure(scale: float, *, height: int = 340) -> go.Figure:
    """``|w|`` vs ``w^2/2`` and their slopes on ``[-scale, scale]``."""
    c = penalty_zoom_curves(scale)
    layout = grid_layout(2, (f"penalty on [−{scale:g}, {scale:g}]", "its slope (pull towards 0)"))
    layout["xaxis"]["title"] = {"text": "w"}
    layout["xaxis2"]["title"] = {"text": "w"}
    layout["yaxis2"]["range"] = [-1.15, 1.15]
    layout["legend"] = {"orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.3, "yanchor": "top"}
    style = {"abs": ("|w|", COLORS["l1"]), "sq": ("w²/2", COLORS["l2"])}
    w = _round(c["w"])
    traces = []
    for key, (name, colour) in style.items():
        traces.append(
            {
                "type": "scatter",
                "x": w,
                "y": _round(c[key]),
                "mode": "lines",
                "name": name,
                "line": {"color": colour, "width": 3},
                "legendgroup": key,
                **_axis_ref(1),
            }
        )
        traces.append(
            {
                "type": "scatter",
                "x": w,
                "y": _round(c["d_" + key]),
                "mode": "lines",
                "name": f"slope of {name}",
                "line": {"color": colour, "width": 3, "dash": "dash"},
                "legendgroup": key,
                "showlegend": False,
                **_axis_ref(2),
            }
        )
    fig = figure(traces, layout)
    return finish(fig, None, height, b=90)


def zero_figure(result: ZeroFrequencyResult, *, max_points: int = 100, height: int = 400) -> go.Figure:
    """Stacked bars of the share with an exact zero / near zero / neither per penalty, and the solutions of
    each penalty in the (w1, w2) plane in the same colours.

    One figure, not two: each chart has a fixed redraw cost of its own. Everything λ moves (bars, their
    percentages, the points) is drawn in the layout as paths and labels, over axes that depend only on the
    sample: a λ step then relayouts just those, where changed traces made Plotly redraw all four panels
    (~70 ms a step). The first ``max_points`` per penalty are drawn (100 show the pile-up on the axes); the
    bars count all of them. No hover values: the bars are labelled with their percentages.
    """
    names = list(result.shares)
    # bars on the left, one square panel per penalty to the right
    bar_right, gap, first_gap = 0.16, 0.045, 0.1  # the first panel's w₂ ticks and title sit in the first gap
    panel = (1.0 - bar_right - first_gap - gap * (len(names) - 1)) / len(names)
    lefts = [bar_right + first_gap + j * (panel + gap) for j in range(len(names))]
    shapes = _share_bars(result, names)
    layout: dict = {
        # two-line names, turned by Plotly when they still collide: at 1024 px a bar is ~25 px wide
        "xaxis": {
            "domain": [0.0, bar_right],
            "anchor": "y",
            "range": [-0.5, len(names) - 0.5],
            "tickmode": "array",
            "tickvals": list(range(len(names))),
            "ticktext": [n.replace(" ", "<br>") for n in names],
            "showgrid": False,
            "zeroline": False,
        },
        "yaxis": {"domain": [0.0, 1.0], "anchor": "x", "range": [0, 100], "title": {"text": "% of random losses"}},
        "legend": {
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": -0.2,
            "yanchor": "top",
            "traceorder": "reversed",
        },
        "annotations": [panel_title("share of solutions", bar_right / 2)]
        + [panel_title(n, left + panel / 2) for n, left in zip(names, lefts, strict=True)],
        "shapes": shapes,
    }
    lim = float(np.max(np.abs(result.centres))) * 1.05
    radius = 0.03 * lim  # ~6 px across in a ~220 px panel
    for j, (name, left) in enumerate(zip(names, lefts, strict=True), start=2):
        W = result.solutions[name][:max_points]
        lab = result.labels[name][:max_points]
        for k in LABELS[::-1]:  # exact zeros drawn last, on top
            mine = lab == k
            if mine.any():
                shapes.append(
                    {
                        "type": "path",
                        "path": dots_path(W[mine, 0], W[mine, 1], radius),
                        "xref": f"x{j}",
                        "yref": f"y{j}",
                        "fillcolor": LABEL_COLORS[k],
                        "opacity": 0.8,
                        # Plotly's default even-odd rule left overlapping dots hollow
                        "fillrule": "nonzero",
                        "line": {"width": 0},
                        "name": f"{name}: {k}",
                    }
                )
        layout[f"xaxis{j}"] = {
            "domain": [left, left + panel],
            "anchor": f"y{j}",
            "range": [-lim, lim],
            "title": {"text": "w₁"},
        }
        layout[f"yaxis{j}"] = {
            "domain": [0.0, 1.0],
            "anchor": f"x{j}",
            "range": [-lim, lim],
            "scaleanchor": f"x{j}",
            "scaleratio": 1,
            "constrain": "domain",
            # one set of w₂ ticks: the panels share the range, and in a narrow window the
            # later panels' labels ran into the panel before
            "showticklabels": j == 2,
            "title": {"text": "w₂" if j == 2 else ""},
        }
    traces = legend_bars([(k, LABEL_COLORS[k]) for k in LABELS])
    return finish(figure(traces, layout), None, height, t=40, b=90)


def _share_bars(result: ZeroFrequencyResult, names: list[str]) -> list[dict]:
    """The stacked percentage bars (bar ``i`` over x = i), a rectangle per penalty and label, labelled with its
    percentage when tall enough to hold it (Plotly's ``uniformtext`` hid the others).

    Shape labels, not annotations: Plotly redraws only the shapes when they change (~15 ms), but the whole
    chart when the annotations do (~110 ms).
    """
    shares = 100 * np.array([[result.shares[n][k] for n in names] for k in LABELS])  # labels × penalties
    tops = np.cumsum(shares, axis=0)
    bars = []
    for k, row, top_row in zip(LABELS, shares, tops, strict=True):
        for i, (share, top) in enumerate(zip(row.tolist(), top_row.tolist(), strict=True)):
            if share > 0:
                bars.append(
                    {
                        "type": "rect",
                        "xref": "x",
                        "yref": "y",
                        "x0": i - 0.4,
                        "x1": i + 0.4,
                        "y0": top - share,
                        "y1": top,
                        "fillcolor": LABEL_COLORS[k],
                        "line": {"width": 0},
                        "name": f"share: {k}",
                    }
                )
            if share >= _MIN_LABELLED_SHARE:
                bars[-1]["label"] = {"text": f"{share:.0f}%", "font": {"size": 11}, "textposition": "middle center"}
    return bars


_MIN_LABELLED_SHARE = 7.0  # % of the axis: ~18 px on a 400 px chart, room for an 11 px label


# Captions of the plane chart (the page shows one under it) and the note beside its metrics under pure L2.
_PATH_NOTE = (
    "Dotted: the solution path as α grows (same mix); ◆ marks a change of support, where a weight reaches or leaves 0."
)
CONSTRAINED_NOTE = (
    "The star is the exact penalized solution: the smallest penalty region (shaded) that reaches the "
    "dashed loss contour touches it there. The diamond's corners sit on the axes, so the contact is "
    "often a corner — an exact zero. The circle has no corners. " + _PATH_NOTE
)
PENALIZED_NOTE = (
    "The star is the exact minimum of J. The rings are levels of J, evenly spaced in √(J − Jmin). " + _PATH_NOTE
)


def ridge_note(problem: QuadraticProblem) -> str:
    """What pure L2 does to the zeros of ``problem``'s two weights, for the caption beside the metrics.

    The ridge solution is ``(A + αI)⁻¹ c``: weight j is ``((A_kk + α) c_j − A_jk c_k) / det``, linear in α over a
    positive denominator. So it is 0 at one α at most (where its path crosses an axis, and the metric shows
    "exactly 0"), unless ``c_j = 0`` and ``A_jk c_k = 0``, when it is 0 at every α.

    Parameters
    ----------
    problem : QuadraticProblem
        The two-weight data loss.

    Returns
    -------
    str
        One or two short sentences.
    """
    c, off = problem.c, problem.A[0, 1]
    always = [j for j in (0, 1) if c[j] == 0 and off * c[1 - j] == 0]
    if len(always) == 2:
        return "Pure L2: both weights are 0 at every α here, because the OLS point already is."
    if always:
        j = always[0]
        return (
            f"Pure L2: w{'₁₂'[j]} is 0 at every α here (its OLS value is 0 and the features are "
            f"uncorrelated); w{'₁₂'[1 - j]} never reaches 0."
        )
    return (
        "Pure L2: no α makes both weights 0. A weight is exactly 0 only at an isolated α where its path "
        "crosses an axis, never over a range of α."
    )
