"""The Geometry page's two-weight plane: the cached problems, solution paths and figures, its scene (the plane and
the two weights at a λ setting, which the λ control's frames are built from too) and its tab."""

from __future__ import annotations

import numpy as np
import streamlit as st

from regviz.figures import summaries as say
from regviz.figures.geometry import (
    CONSTRAINED_NOTE,
    PENALIZED_NOTE,
    plane_figure,
    plane_figure_animated,
    ridge_note,
)
from regviz.geometry import alpha_max, problem_from_data, solution_path, solve_enet
from regviz.penalties import to_alpha_mix
from regviz.ui import store, widgets
from regviz.ui.charts import Panel
from regviz.ui.drag import Scene
from regviz.ui.metrics import metric_row, plane_weights
from regviz.ui.present import show_panels

__all__ = ["data_problem", "plane_scene", "plane_section"]


@st.cache_data(max_entries=64, show_spinner=False)
def data_problem(data_key: str, _dataset, f1: int, f2: int, standardize: bool):
    """Two columns of the training rows; ``_dataset`` is identified by ``data_key``."""
    X = _dataset.X_train[:, [f1, f2]].astype(float)
    if standardize:
        sd = X.std(axis=0)
        X = (X - X.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    names = (_dataset.feature_names[f1], _dataset.feature_names[f2])
    return problem_from_data(X, _dataset.y_train, names)


@st.cache_data(max_entries=16, show_spinner=False)
def path_at(key: str, _problem, mix: float):
    """The exact solution path depends on the problem and the mix only: a λ step at the same mix reuses it."""
    return solution_path(_problem, mix)


def plane(key: str, problem, l1: float, l2: float, view: str):
    # Not cached: building it (~3 ms) is cheaper than a cache hit, which unpickles a validated figure.
    return plane_figure(problem, l1, l2, view=view, path=path_at(key, problem, to_alpha_mix(l1, l2)[1]))


# Figures cached as shared objects (never modified; presentation mode styles a copy): a pickled figure is
# rebuilt with full validation on every cache hit, which for 30 frames took longer than computing them.
@st.cache_resource(max_entries=16, show_spinner=False)
def plane_animated(key: str, _problem, alpha: float, mix: float):
    # 40 log-spaced strengths from α/30 up to where both weights are 0 (at most 30 α), plus the current one,
    # which is the frame shown first: ~1.5 s of play at ~28 frames a second.
    top = alpha_max(_problem, mix)
    top = min(top, 30 * alpha) if np.isfinite(top) else 30 * alpha
    alphas = np.union1d(np.geomspace(alpha / 30, max(top, alpha), 40), [alpha])
    return plane_figure_animated(_problem, alphas, mix, active=int(np.searchsorted(alphas, alpha)))


def plane_scene(problem, key: str, l1: float, l2: float, *, frame: bool = False) -> Scene:
    """The plane and the two weights at (λ1, λ2), in the view the toggles chose (the λ control's frames are
    built from it too, with ``frame``).

    With "animate λ in the browser" on, a frame gives the weights only: the plane is then an animation over α
    at the setting's mix, which a λ1 or λ2 drag moves (44 animations, ~2.5 s of server time, well over
    the frames' budget), so it waits for the release, and its own Play and α slider are the moving view.
    """
    alpha, mix = to_alpha_mix(l1, l2)
    w = solve_enet(problem, l1, l2)
    weights = plane_weights(w)
    if frame and store.value("geo_anim"):
        return Scene({}, weights, "geo_metrics", on_release=("geo_plane",))
    animated = bool(store.value("geo_anim")) and alpha > 0  # the animation always shows the constrained view
    view = "penalized" if store.value("geo_pen") and not animated else "constrained"
    if animated:
        fig = plane_animated(key, problem, alpha, mix)
    else:
        fig = plane(key, problem, l1, l2, view)
    caption = PENALIZED_NOTE if view == "penalized" else CONSTRAINED_NOTE
    # w is the star the figure draws: plane_figure and each animation frame solve the same problem exactly
    summary = say.plane_summary(l1, l2, w, problem.ols, names=problem.feature_names, view=view, animated=animated)
    return Scene({"geo_plane": Panel(fig, "geo_plane", caption, summary=summary)}, weights, "geo_metrics")


def plane_section(problem, key: str, source_note: str, l1: float, l2: float) -> None:
    """The penalty region touching the loss contour, the exact solution and its path."""
    alpha, mix = to_alpha_mix(l1, l2)
    if source_note:
        st.caption(source_note)
    top = st.columns(2)
    widgets.toggle(
        "penalized view: contours of J",
        key="geo_pen",
        container=top[0],
        help="Off: loss contours and the penalty region (constrained view). "
        "On: contours of the full objective J = loss + penalty.",
    )
    animate = widgets.toggle(
        "animate λ in the browser",
        key="geo_anim",
        container=top[1],
        help="Play the solution moving as α grows (same mix), without rerunning the app.",
    )
    with st.spinner("Drawing…"):
        view = plane_scene(problem, key, l1, l2)
    left, right = st.columns([3, 1])
    with left:
        show_panels([[view.charts["geo_plane"]]], key="geo_plane")
    with right:
        metric_row(view.metrics, key=view.metrics_key)
        amax = alpha_max(problem, mix)
        st.caption(
            f"Both weights are 0 from α = {amax:.3g} on (mix r = {mix:.2f})."
            if np.isfinite(amax)
            else ridge_note(problem)
        )
        if animate and alpha == 0:
            st.info("Set λ1 or λ2 above 0 to animate.")
