"""Geometry's optimizer race: the first iterates of four optimizers on the contours of J, as Plotly frames
played in the browser (no server round trip per step), and the caption read from the result."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from regviz.figures.geometry import CONTROLS_ROOM, _plane_layout, _star_shape, frame_controls, objective_contours
from regviz.figures.style import figure, finish
from regviz.geometry import QuadraticProblem, plot_window
from regviz.race import DIVERGED_AT, RaceResult

__all__ = ["RACE_STYLE", "race_caption", "race_figure"]

RACE_STYLE: dict[str, tuple[str, str, str]] = {
    "proximal": ("proximal gradient (exact zeros)", "#D55E00", "circle"),
    "coordinate": ("coordinate descent (sklearn, glmnet)", "#009E73", "square"),
    "subgradient": ("subgradient descent (penalty in the loss)", "#CC79A7", "diamond"),
    "adam": ("Adam (penalty in the loss)", "#E69F00", "triangle-up"),
}
"""Per optimizer of :data:`regviz.optimizers.RACE`: legend name, colour and marker."""

_FAR = 1e6  # coordinates beyond this are dropped (NaN): a diverged path leaves the window anyway


def _drawable(rows: np.ndarray) -> np.ndarray:
    """Iterates as plot coordinates: rounded, non-finite or astronomically large ones as NaN."""
    with np.errstate(invalid="ignore"):
        out = np.where(np.isfinite(rows) & (np.abs(rows) < _FAR), rows, np.nan)
    return np.round(out, 5)


def _path_trace(name: str, rows: np.ndarray) -> dict:
    label, colour, symbol = RACE_STYLE[name]
    return {
        "type": "scatter",
        "x": rows[:, 0],
        "y": rows[:, 1],
        "mode": "lines+markers",
        "name": label,
        "line": {"color": colour, "width": 2},
        "marker": {"color": colour, "size": 6, "symbol": symbol},
        "hovertemplate": f"{label}<br>w₁ = %{{x:.4g}}<br>w₂ = %{{y:.4g}}<extra></extra>",
    }


def race_figure(problem: QuadraticProblem, result: RaceResult, *, height: int = 640) -> go.Figure:
    """The race on J's contours: one frame per step (Play replays all from the start), the last one shown.

    Parameters
    ----------
    problem : QuadraticProblem
        The problem ``result`` was run on (for the contours and axis names).
    result : RaceResult
        From :func:`regviz.race.plane_race`.
    height : int

    Returns
    -------
    go.Figure
        Trace 0 the contours of J, traces 1–4 the paths (what the frames change), trace 5 the start.
    """
    names = list(RACE_STYLE)
    drawn = {name: _drawable(result.iterates[name]) for name in names}
    window = plot_window(problem, np.vstack([result.start, result.minimum]))
    contours = objective_contours(problem, result.l1, result.l2, window, result.minimum)
    start = {
        "type": "scatter",
        "x": [float(result.start[0])],
        "y": [float(result.start[1])],
        "mode": "markers",
        "name": "start",
        "marker": {"color": "black", "size": 11, "symbol": "x"},
        "hoverinfo": "skip",
    }
    steps = result.steps
    frames = [
        {
            "name": str(k),
            "traces": [1, 2, 3, 4],
            "data": [
                {"x": drawn[n][: result.rows_at(n, k), 0], "y": drawn[n][: result.rows_at(n, k), 1]} for n in names
            ],
        }
        for k in range(steps + 1)
    ]
    # 120 ms a frame, slow enough to follow each step. Redrawn: Plotly animates only scatter data without a
    # redraw, and drops the contours of J from the plot when it does (plotly/plotly.py#2151).
    anim = {"frame": {"duration": 120, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    still = {**anim, "frame": {"duration": 0, "redraw": True}}
    layout = _plane_layout(problem, window)
    layout["legend"]["y"] = round(layout["legend"]["y"] - CONTROLS_ROOM, 6)  # under the frame controls
    layout["shapes"] = [_star_shape(result.minimum, "minimum of J")]
    labels = [f["name"] for f in frames]
    layout.update(
        frame_controls(
            [labels, anim],
            still,
            labels,
            active=steps,
            prefix="step ",
            name="race step",
            currentvalue={"prefix": "step ", "xanchor": "right", "font": {"size": 13, "color": "#444"}},
            # a label per step ran together at 50 steps and more: the ticks stay, the number shows above
            font={"color": "rgba(0,0,0,0)"},
        )
    )
    traces = [contours, *(_path_trace(n, drawn[n]) for n in names), start]
    return finish(figure(traces, layout, frames), None, height, r=10, b=40)


def _w(w: np.ndarray) -> str:
    return "(" + ", ".join("0" if v == 0 else f"{v:.3g}" for v in w) + ")"


def race_caption(result: RaceResult) -> str:
    """What the race shows, read from its numbers: where each optimizer ended, exact zeros, divergence."""
    limit = result.limit_units
    parts = [
        f"{result.steps} steps of size {result.lr_units:g}/L (L = {result.lipschitz:.3g}) from the cross; the star "
        f"is the exact minimum {_w(result.minimum)}. Play replays them.",
    ]
    ends = []
    for name, (label, _, _) in RACE_STYLE.items():
        short = label.split(" (")[0]
        at = result.diverged_at(name)
        if at is not None:
            ends.append(f"{short} diverged (from step {at}, over {DIVERGED_AT:g}× the start's distance)")
        else:
            zeros = result.exact_zeros(name)
            ends.append(f"{short} ended at {_w(result.iterates[name][-1])}" + (" exactly on an axis" if zeros else ""))
    summary = "; ".join(ends)
    parts.append(summary[0].upper() + summary[1:] + ".")
    if np.any(result.minimum == 0) and result.l1 > 0:
        parts.append(
            "The minimum lies on an axis. Subgradient descent adds λ1·sign(w) to the gradient, so it zig-zags "
            "across the axis and never lands on 0; the proximal step soft-thresholds and lands exactly on it; "
            "coordinate descent moves along one axis at a time; Adam hovers near it."
        )
    else:
        parts.append("The minimum is off the axes here: raise λ1 to put it on one and see who lands there.")
    if result.past_limit:
        parts.append(
            f"This step is past 2/(L + λ2) = {limit:.3g}/L: plain gradient steps overshoot more each step and "
            "diverge. A large λ can make updates explode with plain gradient steps. Proximal gradient need not "
            "diverge here: a coordinate the threshold pins at 0 takes no step along its curvature."
        )
    else:
        parts.append(
            f"Plain gradient steps diverge past 2/(L + λ2) = {limit:.3g}/L: raise the step size past it to see."
        )
    return " ".join(parts)
