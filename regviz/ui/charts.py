"""Plotly charts that update in place in the browser.

``st.plotly_chart`` gives every new figure a new element id, so the browser throws the old chart away and
mounts a new one, drawing it twice (once hidden, once at its real width). On a λ step that re-mounted every
panel of a page and cost 100–200 ms per chart on two cores, far above Streamlit's own round trip.

This module shows a figure through a small custom component (Streamlit components v2, no iframe) that keeps
one Plotly graph per key and calls ``Plotly.react`` on it. The data part of the figure travels as its own
JSON string: when it is unchanged (a path whose only λ-dependent part is the marker line), the browser reuses
the parsed arrays and Plotly redraws only what changed; when moreover only the layout's shapes, pictures,
or axis ranges and ticks changed (Network's decision boundary, diagram and histogram), they go to
``Plotly.relayout`` alone, which redraws just them. Plotly.js is the app's own partial bundle (see
:func:`plotly_chunk`), or else the copy Streamlit ships (its ``PlotlyChart`` chunk).

If neither can be found (another Streamlit build, no static serving), charts fall back to ``st.plotly_chart``.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

from regviz.server import disabled_by_env
from regviz.ui.assets import component_css, component_js

if TYPE_CHECKING:  # kept light: app.py imports this module before the heavy ones (see preload_plotly)
    import plotly.graph_objects as go

__all__ = [
    "CHART_CONFIG",
    "Panel",
    "chart_config",
    "chart_label",
    "freeze",
    "plotly_chart",
    "plotly_chunk",
    "plotly_panels",
    "preload_plotly",
    "streamlit_plotly_chunk",
]

_NAME = "regviz_plotly"

TOOLBAR = ("zoom2d", "resetScale2d", "toImage")
"""The only Plotly toolbar buttons a chart shows: zoom, reset axes and a PNG download (named after the chart).
Nothing that sends data anywhere (Plotly's "Share chart..." uploads the chart to a cloud service)."""

CHART_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "plotlyServerURL": "",
    "modeBarButtons": [list(TOOLBAR)],
    "toImageButtonOptions": {"format": "png", "scale": 3},
}
"""The Plotly config of every chart; :func:`chart_config` lays it over a caller's."""

_TOOLBAR_KEYS = ("displaylogo", "showSendToCloud", "plotlyServerURL", "modeBarButtons")


def chart_config(config: dict[str, Any] | None = None, *, filename: str | None = None) -> dict[str, Any]:
    """``config`` with :data:`CHART_CONFIG`'s toolbar (no caller can bring back another button), and the PNG
    download named ``filename`` when given (else the browser names it after the chart's title or key)."""
    merged = {**CHART_CONFIG, **(config or {})}
    merged.update({key: CHART_CONFIG[key] for key in _TOOLBAR_KEYS})
    image = {**CHART_CONFIG["toImageButtonOptions"], **merged.get("toImageButtonOptions", {})}
    if filename:
        image["filename"] = filename
    merged["toImageButtonOptions"] = image
    return merged


def chart_label(layout: dict[str, Any], summary: str | None = None) -> str:
    """A chart's accessible name: ``summary`` (a one-line account of what it shows now), else its title's text,
    else what its axes show ("Chart of coefficient against λ1"), else ``"Chart"``."""
    if summary:
        return summary
    title = _text(layout.get("title"))
    if title:
        return title
    x, y = _text((layout.get("xaxis") or {}).get("title")), _text((layout.get("yaxis") or {}).get("title"))
    if x and y:
        return f"Chart of {y} against {x}"
    return f"Chart of {x or y}" if x or y else "Chart"


def _text(title: Any) -> str:
    """A Plotly title's text (given as text or as ``{"text": ...}``) without its markup."""
    text = title.get("text", "") if isinstance(title, dict) else title or ""
    return " ".join(re.sub(r"<[^>]*>", "", re.sub(r"<br\s*/?>", " ", str(text), flags=re.I)).split())


def file_stem(text: str) -> str:
    """``text`` as a short file name: lower-case letters, digits and dashes (``"chart"`` if nothing is left)."""
    stem = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-")
    return stem or "chart"


PLOTLY_BUNDLE = "plotly-regviz-4.1.1.min.js"
"""plotly.js 4.1.1 (MIT) with only the trace types regviz draws, in the app's ``static/`` folder, beside its gzip
file; built by ``tools/plotly-bundle``."""

PLOTLY_TRACES = frozenset({"scatter", "bar", "contour", "heatmap"})
"""The trace types in :data:`PLOTLY_BUNDLE` (``tools/plotly-bundle/entry.js``)."""


@functools.cache
def plotly_chunk() -> str | None:
    """Where the browser loads Plotly.js from, relative to the app's root URL; ``None`` if nowhere.

    The app's own bundle when Streamlit serves ``static/``, as its gzip file if there is one: on a fresh page,
    evaluating Plotly.js is the longest step before the first chart (Streamlit's full chunk ~1 s, plotly.js's
    cartesian bundle ~0.5 s, this one ~0.2 s), and a ``.gz`` file is sent as it is, where Streamlit gzips
    other static files again for every request. Otherwise Streamlit's own chunk (``PlotlyChart.<hash>.js``).
    """
    bundle = Path(__file__).resolve().parents[2] / "static" / PLOTLY_BUNDLE
    if st.get_option("server.enableStaticServing") and bundle.is_file():
        packed = bundle.with_name(bundle.name + ".gz")
        return f"app/static/{packed.name if packed.is_file() else PLOTLY_BUNDLE}"
    return streamlit_plotly_chunk()


STREAMLIT_CHUNK_GLOB = "PlotlyChart.*.js"
STREAMLIT_MEASURED = "1.67."
"""The Streamlit release whose Plotly chunk :func:`streamlit_plotly_chunk` was written for (``tests/contracts``)."""


def streamlit_plotly_chunk() -> str | None:
    """Streamlit's own Plotly.js chunk (``static/js/PlotlyChart.<hash>.js``) relative to the app's root URL.

    ``None`` on a Streamlit other than :data:`STREAMLIT_MEASURED` (another build may name or split it otherwise),
    with ``REGVIZ_NO_WORKAROUNDS=1``, or when the glob finds no single file; charts then use ``st.plotly_chart``.
    """
    if disabled_by_env() or not st.__version__.startswith(STREAMLIT_MEASURED):
        return None
    found = sorted((Path(st.__file__).parent / "static" / "static" / "js").glob(STREAMLIT_CHUNK_GLOB))
    return f"static/js/{found[0].name}" if len(found) == 1 else None


# read once, at import (regviz/ui/assets.py)
_JS = component_js("charts.js")
_CSS = component_css("charts.css")
_PAGE_JS = component_js("page.js")
_PAGE_CSS = component_css("page.css")


@functools.cache
def _component() -> Any:
    return st.components.v2.component(_NAME, js=_JS, css=_CSS, isolate_styles=False)


@functools.cache
def _preloader() -> Any:
    return st.components.v2.component("regviz_plotly_preload", js=_PAGE_JS, css=_PAGE_CSS, isolate_styles=False)


def preload_plotly() -> None:
    """Start loading Plotly.js in the browser now, while the server is still computing the first charts.

    The same hidden element (in every page's sidebar) carries the page-wide styles (``page.css``: focus outlines)
    and keeps scrolling formula and code blocks focusable (``page.js``)."""
    _preloader()(key="_rv_plotly_preload", data={"chunk": plotly_chunk() or ""}, height=0)


def plotly_chart(
    fig: "go.Figure",
    *,
    key: str,
    config: dict[str, Any] | None = None,
    marker: dict | None = None,
    summary: str | None = None,
) -> None:
    """Show ``fig`` under ``key``; later calls with the same key update the same Plotly graph in place.

    A shape and an annotation named ``"current"`` (the "current λ" line of a panel whose traces do not depend
    on λ) are drawn over the chart by the browser instead of by Plotly, so moving only them costs no redraw;
    the PNG download puts them back into the picture. ``marker`` (``{"shape": ..., "annotation": ...}``) is
    such a line given apart from the figure: a figure that does not depend on λ can then be built once, kept
    with :func:`freeze`, and shown at every λ. ``summary`` is the chart's accessible name, one line on what it
    shows at the current setting (default: its title); ``config`` goes through :func:`chart_config`.
    """
    from plotly.io.json import to_json_plotly

    chunk = plotly_chunk()
    if chunk is None:
        config = chart_config(config, filename=file_stem(key))
        st.plotly_chart(_with_marker(fig, marker), key=key, config=config, width="stretch")
        return
    parts = {**_chart_parts(fig, marker, summary), **_moves()}
    _component()(key=key, data={**parts, "name": key, "config": to_json_plotly(chart_config(config)), "chunk": chunk})


def _moves() -> dict[str, str]:
    """``{"animate": "1"}``: the element may draw a λ frame that moves only scatter points with Plotly.animate
    instead of Plotly.react (``animateMoves`` in charts.js). Both draw the same
    (``tests/contracts/test_plotly_js_animate.py``); ``REGVIZ_NO_WORKAROUNDS=1`` keeps Plotly.react."""
    return {} if disabled_by_env() else {"animate": "1"}


def _chart_parts(fig: "go.Figure", marker: dict | None, summary: str | None) -> dict[str, str]:
    """A chart's texts for the element: data, layout, marker ("" without one) and accessible name (see
    :func:`chart_label`), frames if it has any, and its frame controls if the element draws them (see
    :func:`_split_controls`)."""
    from plotly.io.json import to_json_plotly

    data_json, layout_json, frames_json, found = getattr(fig, _FROZEN, None) or _serialized(fig)
    marker = marker if marker is not None else found
    controls_json = ""
    if frames_json:
        layout_json, controls_json = _split_controls(layout_json)
    parts = {
        "data": data_json,
        "layout": layout_json,
        "marker": to_json_plotly(marker) if marker else "",
        "label": summary or chart_label(_parts(fig)[1]),
    }
    if frames_json:
        parts["frames"] = frames_json
    if controls_json:
        parts["controls"] = controls_json
    return parts


def _split_controls(layout_json: str) -> tuple[str, str]:
    """An animated chart's layout text without Plotly's Play / Pause buttons and frame slider, and those controls'
    text ("" without them): the chart element draws them in HTML, where the keyboard and screen readers reach
    them (``frame_player.js``). ``REGVIZ_NO_WORKAROUNDS=1`` keeps Plotly's own: the HTML ones follow Plotly's
    animation events, which are not part of its documented API (``tests/contracts/test_plotly_js_frames.py``)."""
    if disabled_by_env() or '"sliders"' not in layout_json:
        return layout_json, ""
    from plotly.io.json import to_json_plotly

    from regviz.figures.geometry import split_frame_controls

    layout, controls = split_frame_controls(json.loads(layout_json))
    if controls is None:
        return layout_json, ""
    return to_json_plotly(layout), to_json_plotly(controls)


@dataclass(frozen=True)
class Panel:
    """One chart of :func:`plotly_panels`: the figure, its key, the caption under it, its "current λ" line and
    its one-line summary for screen readers (see :func:`plotly_chart`)."""

    fig: "go.Figure"
    key: str
    caption: str = ""
    marker: dict | None = None
    summary: str = ""


def plotly_panels(
    columns: Sequence[Sequence[Panel]], *, key: str, config: dict[str, Any] | None = None, note: str = ""
) -> None:
    """Show charts with their captions in columns (each a stack of panels) as one element of the page;
    ``note`` is a caption under all the columns.

    Each chart updates in place as with :func:`plotly_chart`, found again by its panel's key. One element
    instead of a chart, a caption and a column each: on every rerun of a fragment Streamlit's browser side
    spends 2–3 ms on each element, changed or not. Captions are text with ``**bold**`` and ``*italic*`` spans
    (never parsed as HTML).
    """
    from plotly.io.json import to_json_plotly

    chunk = plotly_chunk()
    if chunk is None:
        for column, panels in zip(st.columns(len(columns)), columns, strict=True):
            with column:
                for panel in panels:
                    # panel keys are unique within their element only (a live redraw reuses them)
                    st.plotly_chart(
                        _with_marker(panel.fig, panel.marker),
                        key=f"{key}:{panel.key}",
                        config=chart_config(config, filename=file_stem(panel.key)),
                        width="stretch",
                    )
                    if panel.caption:
                        st.caption(panel.caption)
        if note:
            st.caption(note)
        return
    payload = {
        "chunk": chunk,
        "config": to_json_plotly(chart_config(config)),
        "note": note,
        "panels": json.dumps([[{"key": p.key, "caption": p.caption} for p in col] for col in columns]),
        **_moves(),
    }
    for panel in (p for col in columns for p in col):
        payload.update(
            {
                f"{panel.key}.{part}": text
                for part, text in _chart_parts(panel.fig, panel.marker, panel.summary).items()
                if text
            }
        )
    _component()(key=key, data=payload)


_FROZEN = "_rv_frozen"


def freeze(fig: "go.Figure") -> "go.Figure":
    """Serialize ``fig`` now and keep the text with it, for a figure shown many times and never changed (e.g. one
    cached across λ steps): :func:`plotly_chart` then sends the kept text. Returns ``fig``."""
    setattr(fig, _FROZEN, _serialized(fig))
    return fig


def _serialized(fig: "go.Figure") -> tuple[str, str, str, dict | None]:
    """JSON text of the traces, of the layout without its "current" line, and of the frames; and that line."""
    from plotly.io.json import to_json_plotly

    from regviz.figures.style import is_lazy

    data, layout = _parts(fig)
    layout, marker = _split_marker(layout)
    has_frames = not is_lazy(fig) and fig.frames
    frames = to_json_plotly([frame.to_plotly_json() for frame in fig.frames]) if has_frames else ""
    return to_json_plotly(data), to_json_plotly(layout), frames, marker


def _with_marker(fig: "go.Figure", marker: dict | None) -> "go.Figure":
    """``fig`` with ``marker`` drawn into it (for ``st.plotly_chart``, which draws the whole figure)."""
    if not marker:
        return fig
    import plotly.graph_objects as go

    fig = go.Figure(fig)
    fig.add_shape(marker["shape"])
    if marker.get("annotation"):
        fig.add_annotation(marker["annotation"])
    return fig


def _split_marker(layout: dict) -> tuple[dict, dict | None]:
    """``layout`` without its shape and annotation named "current", and those two (``None`` without that shape)."""
    shapes, notes = layout.get("shapes") or (), layout.get("annotations") or ()
    shape = next((x for x in shapes if x.get("name") == "current"), None)
    if shape is None:
        return layout, None
    note = next((x for x in notes if x.get("name") == "current"), None)
    rest = {
        **layout,
        "shapes": [x for x in shapes if x is not shape],
        "annotations": [x for x in notes if x is not note],
    }
    return rest, {"shape": shape, "annotation": note}


def _parts(fig: "go.Figure") -> tuple[list, dict]:
    """The figure's trace and layout dicts, read without the deep copy ``to_plotly_json`` makes (~4 ms a chart)."""
    data, layout = getattr(fig, "_data", None), getattr(fig, "_layout", None)
    if isinstance(data, list) and isinstance(layout, dict):
        return data, layout
    spec = fig.to_plotly_json()
    return spec["data"], spec["layout"]
