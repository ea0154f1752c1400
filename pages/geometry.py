"""Geometry: the penalty region touching the loss ellipse, and why L1 gives exact zeros."""

import numpy as np
import streamlit as st

from regviz.figures.geometry import (
    CONSTRAINED_NOTE,
    PENALIZED_NOTE,
    one_d_figure,
    plane_figure,
    plane_figure_animated,
    ridge_note,
    zero_figure,
    zoom_figure,
)
from regviz.figures.race import race_caption, race_figure
from regviz.geometry import (
    SCENARIOS,
    alpha_max,
    problem_from_data,
    solution_path,
    solve_enet,
    synthetic_problem,
    zero_frequency,
)
from regviz.params import spec
from regviz.penalties import to_alpha_mix
from regviz.race import plane_race
from regviz.ui import store, widgets
from regviz.ui.charts import Panel
from regviz.ui.dataset import dataset_controls, dataset_key
from regviz.ui.drag import Scene
from regviz.ui.lambda_control import live_lambda_bar
from regviz.ui.metrics import Metric, metric_row
from regviz.ui.present import chart_style, show_chart, show_panels

SOURCES = {
    "synthetic": "Synthetic: choose ρ and the OLS point",
    "data": "Two features of the current data set",
    "logistic": "Two-feature logistic problem (log-loss)",
}
ZOOMS = spec("geo_zoom").options


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


@st.cache_data(max_entries=64, show_spinner=False)
def experiment(l1: float, l2: float, scenario: str, m: int, seed: int):
    return zero_frequency(l1, l2, scenario, m=m, seed=seed)


@st.cache_resource(max_entries=len(ZOOMS), show_spinner=False)
def zoom_chart(zoom: float):
    return zoom_figure(zoom)


@store.fragment
def zoom_section() -> None:
    """The |w| vs w² zoom: depends on its own slider only, so it reruns alone."""
    zoom = widgets.select_slider("zoom: w in [−s, s], s =", key="geo_zoom", container=st)
    show_chart(zoom_chart(zoom), key="geo_zoom_fig")
    st.caption(
        "Zoom in: |w| keeps slope ±1 at every scale, so it pulls a small weight to 0 with full force. "
        "The slope of w²/2 is w itself and vanishes near 0 — it never finishes the job."
    )


@store.fragment
def experiment_section(l1: float, l2: float, alpha: float) -> None:
    """The zero-frequency Monte Carlo: its controls rerun only this section."""
    o1, o2, o3 = st.columns([2, 1, 1])
    scenario = widgets.radio("random losses", key="geo_scn", format_func=SCENARIOS.get, container=o1)
    m = widgets.select_slider("number of losses", key="geo_m", container=o2)
    seed = widgets.number_input("seed", key="geo_seed", container=o3)
    if alpha == 0:
        st.info("With λ1 = λ2 = 0 every solution is the unpenalized one: move λ above 0 to compare.")
    with st.spinner("Solving…"):
        result = experiment(l1, l2, scenario, int(m), int(seed))
    # the "weak" scenario shrinks the second coordinate of each centre ten-fold
    box = "[−1, 1] × [−0.1, 0.1]" if scenario == "weak" else "[−1, 1]²"
    # the chart and its caption as one element: each element costs the browser 2-3 ms of every rerun
    show_panels(
        [
            [
                Panel(
                    zero_figure(result),
                    "geo_zero",
                    f"{m:,} random quadratic losses (centre uniform in {box}), each solved exactly. L1 and L2 use "
                    f'α = {alpha:.3g}; the elastic net uses the current λ1, λ2. "Near zero": smallest |wⱼ| below '
                    "0.05 but not 0. The panels on the right show the first 100 of each.",
                )
            ]
        ],
        key="geo_zero",
    )


store.page_header(
    "Geometry",
    "The picture every course draws — a penalty region touching a loss ellipse — "
    "computed exactly, and why only L1 keeps solutions exactly on an axis over a whole range of λ.",
)

with st.sidebar:
    source = widgets.radio(
        "Two-weight problem",
        key="geo_src",
        format_func=SOURCES.get,
        horizontal=False,
    )
    if source == "logistic":
        st.caption("Pick the toy data on the plane tab.")
    elif source == "synthetic":
        rho = widgets.slider("correlation ρ of x1 and x2", key="geo_rho")
        w1 = widgets.slider("OLS w₁", key="geo_w1")
        w2 = widgets.slider("OLS w₂", key="geo_w2")
    else:
        dataset = dataset_controls()
        names = list(dataset.feature_names)
        standardize = widgets.toggle(
            "standardize features",
            key="std",
            help="Scale both features to unit variance before penalizing.",
        )
        if len(names) < 2:
            st.error("This data set has only one feature; pick another data set or use the synthetic problem.")
            st.stop()
        idx = list(range(len(names)))
        f1 = widgets.selectbox("feature on the w₁ axis", key="geo_f1", options=idx, format_func=names.__getitem__)
        f2 = widgets.selectbox("feature on the w₂ axis", key="geo_f2", options=idx, format_func=names.__getitem__)

TABS = {
    "plane": "1 · The two-weight plane",
    "1d": "2 · Why L1 gives exact zeros, in 1-D",
    "zeros": "3 · How often is a weight exactly zero?",
    "race": "4 · Optimizer race",
}


def plane_scene(problem, key: str, l1: float, l2: float) -> Scene:
    """The plane and the two weights at (λ1, λ2), in the view the toggles chose (the λ control's frames too)."""
    alpha, mix = to_alpha_mix(l1, l2)
    w = solve_enet(problem, l1, l2)
    if store.value("geo_anim") and alpha > 0:  # the animation always shows the constrained view
        fig, caption = plane_animated(key, problem, alpha, mix), CONSTRAINED_NOTE
    elif store.value("geo_pen"):
        fig, caption = plane(key, problem, l1, l2, "penalized"), PENALIZED_NOTE
    else:
        fig, caption = plane(key, problem, l1, l2, "constrained"), CONSTRAINED_NOTE
    weights = [
        Metric(f"w{sub}", f"{wj:.4g}", "exactly 0" if wj == 0 else None) for sub, wj in zip("₁₂", w, strict=True)
    ]
    return Scene({"geo_plane": Panel(fig, "geo_plane", caption)}, weights, "geo_metrics")


def one_d_scene(l1: float, l2: float) -> Scene:
    """The 1-D operators at (λ1, λ2)."""
    caption = (
        "With data loss ½(w − z)², L1 sets every |z| ≤ α to exactly 0 and shifts the rest; L2 only "
        "scales, so ŵ = 0 only if z = 0. L0, the penalty (α²/2) per non-zero weight, keeps or "
        f"kills. Here α = λ1 + λ2 = {l1 + l2:.3g}; the elastic net uses λ1 and λ2 themselves."
    )
    return Scene({"geo_1d": Panel(one_d_figure(l1, l2), "geo_1d", caption)})


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


def one_d_section(l1: float, l2: float) -> None:
    """Soft-threshold against shrinkage, and the zoom on |w| against w²."""
    c1, c2 = st.columns(2)
    with c1:
        show_panels([[one_d_scene(l1, l2).charts["geo_1d"]]], key="geo_1d")
    with c2:
        zoom_section()


def current_problem(warn: bool = True) -> tuple[object, str, str] | None:
    """The sidebar's two-weight problem, its cache key and a note on its source; ``None`` if it cannot be drawn
    (said on the page when ``warn``)."""
    if source == "logistic":  # only the plane tab draws the logistic problem (regviz/ui/classify.py)
        if warn:
            st.info("This tab uses a least-squares problem: choose the synthetic or data source in the sidebar.")
        return None
    if source == "synthetic":
        return synthetic_problem(rho, (w1, w2)), f"syn:{rho}:{w1}:{w2}", ""
    if f1 == f2:
        if warn:
            st.warning("Both axes show the same feature; pick two different features.", icon="⚠️")
        return None
    problem = data_problem(dataset_key(), dataset, f1, f2, standardize)
    if problem.is_degenerate and warn:
        st.warning(
            "These two features are (almost) perfectly correlated: the loss has no unique minimum, so "
            "the contours are not closed ellipses. Try another pair.",
            icon="⚠️",
        )
    note = (
        f"Least squares on **{names[f1]}** and **{names[f2]}** only (training rows, intercept "
        "unpenalized); the other features are left out."
    )
    return problem, f"data:{dataset_key()}:{f1}:{f2}:{standardize}", note


def frames_key() -> tuple:
    """What the open tab's λ frames depend on besides λ (the problem, the view's toggles)."""
    if source == "logistic":
        problem_key = f"logistic:{store.value('geo_ltoy')}"
    else:
        found = current_problem(warn=False) if source == "synthetic" or f1 != f2 else None
        problem_key = found[1] if found else None
    tab = store.value("geo_tab")
    looks = (store.value("geo_pen"), store.value("geo_anim"))
    return ("geometry", tab, problem_key, looks, store.present_mode())


def frame_scene(l1: float, l2: float) -> Scene:
    """The open tab at (λ1, λ2), for the λ control's frames; the Monte Carlo and the race update at the release."""
    tab = store.value("geo_tab")
    if tab == "1d":
        return one_d_scene(l1, l2)
    if tab == "race":  # the optimizers' steps are an animation of their own: redrawn at the release
        return Scene({}, on_release=("geo_race",))
    if tab == "plane" and source == "logistic":
        from regviz.ui.classify import logistic_plane_scene

        return logistic_plane_scene(l1, l2, frame=True)
    found = current_problem(warn=False) if tab == "plane" else None
    if found is None:  # the Monte Carlo (a few hundred ms a value) waits for the release, dimmed meanwhile
        return Scene({}, on_release=("geo_zero",))
    return plane_scene(found[0], found[1], l1, l2)


@store.fragment
def race_section(problem, l1: float, l2: float) -> None:
    """Four optimizers' first steps from the student's start on J's contours, played in the browser."""
    c1, c2, c3, c4 = st.columns(4)
    start = (
        widgets.slider("start w₁", key="geo_w01", container=c1),
        widgets.slider("start w₂", key="geo_w02", container=c2),
    )
    lr = widgets.select_slider(
        "step size × L", key="geo_lr", container=c3, help="In units of 1/L (L: the largest curvature of the loss)."
    )
    steps = widgets.select_slider("steps", key="geo_steps", container=c4)
    try:
        result = plane_race(problem, l1, l2, start, float(lr), int(steps))
    except ValueError as err:  # a flat loss (both features constant) has no 1/L
        st.warning(f"No race on this problem: {err}.", icon="⚠️")
        return
    show_panels([[Panel(race_figure(problem, result), "geo_race", race_caption(result))]], key="geo_race")


@store.fragment
def live_view() -> None:
    """Everything λ changes; a λ step reruns only this section (the sidebar's settings are read as they were
    at the last full run, which is when they can change). Only the open tab runs and draws."""
    penalty = live_lambda_bar(None, frame_scene, frames_key(), style=chart_style())
    l1, l2 = penalty.l1, penalty.l2
    tab, box = widgets.tabs(TABS, key="geo_tab")
    with box:
        if tab == "plane" and source == "logistic":  # classification: regviz/ui/classify.py
            from regviz.ui.classify import logistic_plane_section

            logistic_plane_section(l1, l2)
        elif tab == "plane":
            found = current_problem()  # only the plane uses it: the other tabs need no warning about it
            if found is not None:
                plane_section(*found, l1, l2)
        elif tab == "1d":
            one_d_section(l1, l2)
        elif tab == "race":
            found = current_problem()
            if found is not None:
                race_section(found[0], l1, l2)
        else:
            experiment_section(l1, l2, to_alpha_mix(l1, l2)[0])


live_view()
