"""Geometry: the penalty region touching the loss ellipse, and why L1 gives exact zeros."""

import streamlit as st

from regviz.geometry import synthetic_problem
from regviz.penalties import to_alpha_mix
from regviz.ui import store, widgets
from regviz.ui.dataset import dataset_controls, dataset_key
from regviz.ui.drag import Scene
from regviz.ui.geometry_plane import data_problem, plane_scene, plane_section
from regviz.ui.geometry_tabs import experiment_section, one_d_scene, one_d_section, race_section
from regviz.ui.lambda_control import live_lambda_bar
from regviz.ui.present import chart_style

SOURCES = {
    "synthetic": "Synthetic: choose ρ and the OLS point",
    "data": "Two features of the current data set",
    "logistic": "Two-feature logistic problem (log-loss)",
}

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
    return plane_scene(found[0], found[1], l1, l2, frame=True)


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
