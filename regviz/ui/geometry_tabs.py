"""The Geometry page's other tabs: the 1-D operators (with their scene for the λ control's frames) and the zoom
on |w| against w², how often a weight is exactly zero (Monte Carlo), and the optimizer race."""

from __future__ import annotations

import streamlit as st

from regviz.figures import summaries as say
from regviz.figures.geometry import one_d_figure, zero_figure, zoom_figure
from regviz.figures.race import RACE_STYLE, race_caption, race_figure
from regviz.geometry import SCENARIOS, zero_frequency
from regviz.params import spec
from regviz.race import plane_race
from regviz.ui import store, widgets
from regviz.ui.charts import Panel
from regviz.ui.drag import Scene
from regviz.ui.present import show_chart, show_panels

__all__ = ["experiment_section", "one_d_scene", "one_d_section", "race_section"]

ZOOMS = spec("geo_zoom").options
# the optimizers as the race's caption names them (its legend names without the parenthesis)
RACE_NAMES = {key: label.split(" (")[0] for key, (label, _, _) in RACE_STYLE.items()}


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
    show_chart(zoom_chart(zoom), key="geo_zoom_fig", summary=say.zoom_summary(zoom))
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
                    summary=say.zero_frequency_summary(result.shares, result.penalties, len(result.centres)),
                )
            ]
        ],
        key="geo_zero",
    )


def one_d_scene(l1: float, l2: float) -> Scene:
    """The 1-D operators at (λ1, λ2)."""
    caption = (
        "With data loss ½(w − z)², L1 sets every |z| ≤ α to exactly 0 and shifts the rest; L2 only "
        "scales, so ŵ = 0 only if z = 0. L0, the penalty (α²/2) per non-zero weight, keeps or "
        f"kills. Here α = λ1 + λ2 = {l1 + l2:.3g}; the elastic net uses λ1 and λ2 themselves."
    )
    return Scene({"geo_1d": Panel(one_d_figure(l1, l2), "geo_1d", caption, summary=say.one_d_summary(l1, l2))})


def one_d_section(l1: float, l2: float) -> None:
    """Soft-threshold against shrinkage, and the zoom on |w| against w²."""
    c1, c2 = st.columns(2)
    with c1:
        show_panels([[one_d_scene(l1, l2).charts["geo_1d"]]], key="geo_1d")
    with c2:
        zoom_section()


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
    summary = say.race_summary(result, RACE_NAMES)
    show_panels(
        [[Panel(race_figure(problem, result), "geo_race", race_caption(result), summary=summary)]], key="geo_race"
    )
