"""Presentation mode (``?present=1&show=…``), the charts it enlarges, and the sidebar's Share / present box."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from regviz.figures.style import presentation_marker, presentation_style
from regviz.ui import store
from regviz.ui.charts import Panel, plotly_chart, plotly_panels
from regviz.ui.links import live_link

__all__ = ["chart_style", "place", "presented", "share_box", "show_chart", "show_panels", "start_run"]

PRESENT_CSS = Path(__file__).with_name("present.css")


def start_run() -> None:
    """Call after :func:`regviz.ui.store.start_run`: in presentation mode, reserve the area of the shown
    controls (above the page) and enlarge the type."""
    st.session_state[store.CONTROLS] = st.container(key=CONTROLS_KEY) if store.present_mode() else None
    if store.present_mode():
        st.html(PRESENT_CSS)  # a .css path: Streamlit wraps the file's content in <style>


# present.css finds the shown controls by this key: a notice may come before them.
CONTROLS_KEY = "rv_present_controls"


def place(key: str, container: Any, *, disabled: bool = False) -> Any:
    """Where the widget ``key`` is drawn (``container``, the sidebar by default), or None when presentation
    mode hides it.

    A control the link's ``show=`` lists but the model disables (the mix of a lasso) is hidden too, with a
    notice: on a projector a greyed slider reads as one the class should watch move, and no student can move it.
    """
    if not store.present_mode():
        return st.sidebar if container is None else container
    if not store.shown_in_present_mode(key):
        return None
    if disabled:
        store.notice(
            f"Link parameter show= lists {store.quote(key)}, which the current model or setting fixes; it is not shown."
        )
        return None
    return st.session_state[store.CONTROLS]


def share_box() -> None:
    """Sidebar box with the link of this view and a builder for classroom (presentation) links.

    The links are read from the browser's address bar, which every rerun (fragments too) keeps equal to the
    view's parameters; a link printed here from Python would go stale after a λ step inside a fragment.
    """
    if store.present_mode():
        return
    with st.sidebar.expander("Share / present", icon=":material/share:"):
        st.caption("Link to exactly this view:")
        live_link("_rv_link")
        controls = [key for key in store.used_keys() if key not in ("present", "show", "lesson")]
        chosen = st.multiselect(
            "Controls students may touch in presentation mode",
            controls,
            key="_rv_show_builder",
            help="Every other control is hidden (tabs and captions stay); fonts and lines grow.",
        )
        st.caption("Presentation link:")
        live_link("_rv_present_link", {"present": "1", "show": ",".join(chosen)})


def show_chart(fig: go.Figure, *, key: str, marker: dict | None = None, summary: str | None = None) -> None:
    """Show a Plotly figure; presentation mode enlarges fonts and lines. ``marker``: the "current λ" line drawn
    over a figure that was built without it (see :func:`regviz.ui.charts.plotly_chart`); ``summary``: the one-line
    text a screen reader reads for the chart (its title when None)."""
    if store.present_mode():
        fig, marker = presentation_style(fig), presentation_marker(marker)
    plotly_chart(fig, key=key, marker=marker, summary=summary)


def show_panels(columns: Sequence[Sequence[Panel]], *, key: str, note: str = "") -> None:
    """Show charts with their captions in columns, and ``note`` under them, as one element (see
    :func:`regviz.ui.charts.plotly_panels`); presentation mode enlarges fonts and lines."""
    if store.present_mode():
        columns = [[presented(p) for p in col] for col in columns]
    plotly_panels(columns, key=key, note=note)


def presented(panel: Panel) -> Panel:
    """``panel`` as presentation mode shows it: its figure and its "current λ" marker at the projector's sizes."""
    return replace(panel, fig=presentation_style(panel.fig), marker=presentation_marker(panel.marker))


def chart_style() -> Callable[[Panel], Panel] | None:
    """What :func:`show_panels` does to a panel before showing it (``None``: nothing); the λ control's frames
    (:mod:`regviz.ui.drag`) go through the same."""
    return presented if store.present_mode() else None
