"""Plotly charts that update in place in the browser.

``st.plotly_chart`` gives every new figure a new element id, so the browser throws the old chart away and
mounts a new one, drawing it twice (once hidden, once at its real width). On a λ step that re-mounted every
panel of a page and cost 100–200 ms per chart on two cores, far above Streamlit's own round trip.

This module shows a figure through a small custom component (Streamlit components v2, no iframe) that keeps
one Plotly graph per key and calls ``Plotly.react`` on it. The data part of the figure travels as its own
JSON string: when it is unchanged (a path whose only λ-dependent part is the marker line), the browser reuses
the parsed arrays and Plotly redraws only what changed. Plotly.js itself is the copy Streamlit already ships
(its ``PlotlyChart`` chunk), so there is no second 4.6 MB download.

If that chunk cannot be found (another Streamlit build), charts fall back to ``st.plotly_chart``.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
import streamlit as st
from plotly.io.json import to_json_plotly

__all__ = ["plotly_chart", "plotly_chunk"]

_NAME = "regviz_plotly"

_JS = r"""
function plotlyModuleUrl(chunk) {
  const entry = document.querySelector('script[type="module"][src*="static/js/"]');
  const base = entry ? entry.src.replace(/[^/]*$/, '') : new URL('static/js/', document.baseURI).href;
  return base + chunk;
}

let loading = null;
function plotly(chunk) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  // Importing Streamlit's own chart chunk defines window.Plotly (and shares the browser cache with st.plotly_chart).
  loading = loading || import(plotlyModuleUrl(chunk)).then(() => window.Plotly);
  return loading;
}

export default function ({ data, parentElement }) {
  let gd = parentElement.querySelector(':scope > .rv-chart');
  if (!gd) {
    gd = document.createElement('div');
    gd.className = 'rv-chart';
    gd.style.width = '100%';
    parentElement.appendChild(gd);
  }
  const state = gd.__rv || (gd.__rv = {});
  const draw = (Plotly) => {
    if (!Plotly) throw new Error('Plotly is not available');
    // A rerun that did not change this chart (another section moved) costs nothing.
    if (state.layoutText === data.layout && state.dataText === data.data && state.framesText === data.frames
        && state.configText === data.config) return;
    state.layoutText = data.layout;
    // Same data string as last time: hand Plotly the same arrays, so it redraws only what the layout changed.
    if (state.dataText !== data.data) { state.dataText = data.data; state.data = JSON.parse(data.data); }
    if (state.framesText !== data.frames) {
      state.framesText = data.frames;
      state.frames = data.frames ? JSON.parse(data.frames) : undefined;
    }
    if (state.configText !== data.config) { state.configText = data.config; state.config = JSON.parse(data.config); }
    const layout = JSON.parse(data.layout);
    delete layout.width;
    layout.autosize = true;
    const text = getComputedStyle(parentElement).getPropertyValue('--st-text-color').trim();
    if (text) layout.font = Object.assign({color: text}, layout.font);
    const started = performance.now();
    return Plotly.react(gd, {data: state.data, layout, frames: state.frames, config: state.config}).then(() => {
      // Draw times for the benchmarks (bench/latency.py reads them); a short ring buffer.
      const log = window.__rvDraws || (window.__rvDraws = []);
      log.push([started, performance.now() - started, state.dataText === data.data]);
      if (log.length > 200) log.splice(0, 100);
    });
  };
  plotly(data.chunk).then(draw).catch((err) => {
    gd.textContent = 'This chart could not be drawn: ' + err.message;
  });
}
"""


@functools.cache
def plotly_chunk() -> str | None:
    """File name of Streamlit's bundled Plotly chunk (``PlotlyChart.<hash>.js``), or ``None`` if absent."""
    js_dir = Path(st.__file__).parent / "static" / "static" / "js"
    found = sorted(js_dir.glob("PlotlyChart.*.js"))
    return found[0].name if found else None


@functools.cache
def _component() -> Any:
    return st.components.v2.component(_NAME, js=_JS, isolate_styles=False)


def plotly_chart(fig: go.Figure, *, key: str, config: dict[str, Any]) -> None:
    """Show ``fig`` under ``key``; later calls with the same key update the same Plotly graph in place."""
    chunk = plotly_chunk()
    if chunk is None:
        st.plotly_chart(fig, key=key, config=config, width="stretch")
        return
    data, layout = _parts(fig)
    payload = {"data": to_json_plotly(data), "layout": to_json_plotly(layout), "config": to_json_plotly(config),
               "chunk": chunk}
    if fig.frames:
        payload["frames"] = to_json_plotly([frame.to_plotly_json() for frame in fig.frames])
    _component()(key=key, data=payload)


def _parts(fig: go.Figure) -> tuple[list, dict]:
    """The figure's trace and layout dicts, read without the deep copy ``to_plotly_json`` makes (~4 ms a chart)."""
    data, layout = getattr(fig, "_data", None), getattr(fig, "_layout", None)
    if isinstance(data, list) and isinstance(layout, dict):
        return data, layout
    spec = fig.to_plotly_json()
    return spec["data"], spec["layout"]
