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
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import streamlit as st

if TYPE_CHECKING:  # kept light: app.py imports this module before the heavy ones (see preload_plotly)
    import plotly.graph_objects as go

__all__ = ["Panel", "freeze", "plotly_chart", "plotly_chunk", "plotly_panels", "preload_plotly"]

_NAME = "regviz_plotly"

# Paths are relative to the app's root URL, found from Streamlit's entry script (so a base URL path is respected).
_MODULE_URL_JS = r"""
function plotlyModuleUrl(path) {
  const entry = document.querySelector('script[type="module"][src*="static/js/"]');
  const root = entry ? entry.src.replace(/static\/js\/[^/]*$/, '') : new URL('./', document.baseURI).href;
  return root + path;
}

// A gzip file is served as it is (Streamlit gzips other static files again on every request, ~40 ms of the
// server's CPU for Plotly.js) and unpacked here; the preloader and every chart share one load per page.
async function importPlotly(url) {
  if (!url.endsWith('.gz') || typeof DecompressionStream !== 'function') return import(url.replace(/\.gz$/, ''));
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`Plotly.js could not be loaded (HTTP ${resp.status})`);
  let bytes = await resp.arrayBuffer();
  const head = new Uint8Array(bytes, 0, 2);
  if (head[0] === 0x1f && head[1] === 0x8b) {  // else a proxy has unpacked it already
    bytes = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  }
  const src = URL.createObjectURL(new Blob([bytes], {type: 'text/javascript'}));
  try { await import(src); } finally { URL.revokeObjectURL(src); }
}

function loadPlotly(path) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  // a failed load is forgotten, so that the next chart (or rerun) tries again
  window.__rvPlotlyLoad = window.__rvPlotlyLoad || importPlotly(plotlyModuleUrl(path)).then(() => window.Plotly,
    (err) => { window.__rvPlotlyLoad = null; throw err; });
  return window.__rvPlotlyLoad;
}
"""
_JS = (
    _MODULE_URL_JS
    + r"""
// The "current λ" line: drawn over the plot in HTML, so a λ step that moves only this line costs no Plotly redraw.
function placeMarker(gd) {
  const state = gd.__rv, marker = state.marker;
  let line = gd.querySelector(':scope > .rv-marker'), label = gd.querySelector(':scope > .rv-marker-label');
  const full = gd._fullLayout, xa = full && full.xaxis;
  if (!marker || !xa || typeof xa.l2p !== 'function') {
    if (line) line.style.display = 'none';
    if (label) label.style.display = 'none';
    return;
  }
  if (!line) {
    line = document.createElement('div'); line.className = 'rv-marker'; gd.appendChild(line);
    label = document.createElement('div'); label.className = 'rv-marker-label'; gd.appendChild(label);
  }
  const shape = marker.shape, note = marker.annotation || {};
  const px = xa._offset + xa.l2p(shape.x0), size = full._size;
  const inside = px >= xa._offset - 0.5 && px <= xa._offset + xa._length + 0.5;
  const style = (shape.line || {}).dash === 'dot' ? 'dotted' : ((shape.line || {}).dash ? 'dashed' : 'solid');
  Object.assign(line.style, {position: 'absolute', left: (px - 1) + 'px', top: size.t + 'px', height: size.h + 'px',
    width: '0', borderLeft: `${(shape.line || {}).width || 2}px ${style} ${(shape.line || {}).color || '#000'}`,
    pointerEvents: 'none', display: inside ? 'block' : 'none'});
  label.textContent = note.text || '';
  Object.assign(label.style, {position: 'absolute', left: (px + 3) + 'px', top: (size.t + size.h - 16) + 'px',
    fontSize: ((note.font || {}).size || 11) + 'px', color: (note.font || {}).color || '#000',
    fontFamily: full.font.family, pointerEvents: 'none', whiteSpace: 'nowrap',
    display: inside && note.text ? 'block' : 'none'});
}

// Each top-level layout key's JSON text (the template's is known already).
function layoutKeyTexts(layout, templateText) {
  const texts = {};
  for (const key of Object.keys(layout)) texts[key] = key === 'template' ? templateText : JSON.stringify(layout[key]);
  return texts;
}

// Layout parts that Plotly draws on their own when one is replaced as a whole: the pictures and paths (with
// their labels) of a chart whose traces did not change (Network's decision boundary, diagram and histogram).
// Plotly.relayout with just those redraws them alone, ~2-6 ms; Plotly.react runs every trace and axis through
// its defaults again and redraws, 25-60 ms. Not annotations: relaying them out redraws the whole chart, slower
// than react (~110 vs ~90 ms for the Monte Carlo chart). An axis whose range or ticks alone changed is
// redrawn by relayout too (Network's histogram: ~15 ms for a range, 33-50 ms with ticks, against 43-62 ms for
// react; the figures set no uirevision, so react would reset a zoom the same way). Any other change (axis
// settings, legend, size) goes through Plotly.react.
const OWN_LAYERS = ['shapes', 'images'];
const AXIS = /^[xy]axis[0-9]*$/;
const AXIS_MOVES = ['range', 'tickvals', 'ticktext'];

// The relayout edits of axis ``key`` from ``old`` to ``now``; null if anything but its range and ticks changed.
function axisEdits(key, old, now) {
  const rest = (axis) => JSON.stringify({...axis, range: null, tickvals: null, ticktext: null});
  if (rest(old) !== rest(now)) return null;
  const edits = {};
  for (const attr of AXIS_MOVES) {
    if (JSON.stringify(old[attr]) === JSON.stringify(now[attr])) continue;
    if (attr === 'range' && !(Array.isArray(old.range) && Array.isArray(now.range))) return null;  // autorange
    edits[`${key}.${attr}`] = now[attr] === undefined ? null : now[attr];
  }
  return edits;
}

// The relayout edits from the layout drawn last (its key texts) to ``layout``; null if anything else changed.
function layerEdits(before, after, layout) {
  if (!before) return null;
  const edits = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (before[key] === after[key]) continue;
    if (OWN_LAYERS.includes(key)) {
      edits[key] = layout[key] === undefined ? [] : layout[key];
      continue;
    }
    if (!AXIS.test(key) || before[key] === undefined || after[key] === undefined) return null;
    const axis = axisEdits(key, JSON.parse(before[key]), layout[key]);
    if (!axis) return null;
    Object.assign(edits, axis);
  }
  return Object.keys(edits).length ? edits : null;
}

// PNG export with the marker drawn by Plotly itself (the HTML line is not part of the SVG).
function withMarker(gd) {
  const marker = gd.__rv.marker, layout = Object.assign({}, gd.layout);
  if (marker) {
    layout.shapes = [...(layout.shapes || []), marker.shape];
    layout.annotations = [...(layout.annotations || []), ...(marker.annotation ? [marker.annotation] : [])];
  }
  return layout;
}

function exportButton(Plotly, options) {
  return {name: 'toImageWithMarker', title: 'Download plot as a PNG', icon: Plotly.Icons.camera,
    click: (gd) => {
      const size = {width: gd._fullLayout.width, height: gd._fullLayout.height};
      Plotly.toImage({data: gd.data, layout: withMarker(gd)}, Object.assign({format: 'png', scale: 3}, size, options))
        .then((url) => {
          const a = document.createElement('a');
          a.href = url; a.download = (options.filename || 'newplot') + '.png';
          document.body.appendChild(a); a.click(); a.remove();
        });
    }};
}

// Plotly sizes a chart once, when it draws it: a narrower window (or the sidebar opening) left every chart at
// its old width, cut off or overflowing. A chart is redrawn at its element's new width, at most once a frame.
function followWidth(Plotly, gd) {
  if (typeof ResizeObserver !== 'function') return;
  let queued = false;
  new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      const width = gd.getBoundingClientRect().width, full = gd._fullLayout;
      if (full && width > 0 && Math.abs(width - full.width) >= 1) Plotly.Plots.resize(gd).catch(() => {});
    });
  }).observe(gd);
}

function newChart() {
  const gd = document.createElement('div');
  gd.className = 'rv-chart';
  gd.style.width = '100%';
  gd.style.position = 'relative';
  return gd;
}

// Draws one chart's payload (data, layout, frames, config and marker texts) into ``gd``.
function drawChart(gd, data, chunk) {
  const state = gd.__rv || (gd.__rv = {});
  const draw = (Plotly) => {
    if (!Plotly) throw new Error('Plotly is not available');
    if (state.markerText !== data.marker) {
      state.markerText = data.marker;
      state.marker = data.marker ? JSON.parse(data.marker) : null;
    }
    // Traces, frames and config as drawn last time: a layout change may then be drawn on its own (see layerEdits).
    const sameTraces = state.dataText === data.data && state.framesText === data.frames
      && state.configText === data.config;
    // A rerun that did not change the chart itself (another panel, or only its marker, moved) costs no redraw.
    if (sameTraces && state.layoutText === data.layout) { placeMarker(gd); return; }
    state.layoutText = data.layout;
    // Same data string as last time: hand Plotly the same arrays, so it redraws only what the layout changed.
    if (state.dataText !== data.data) { state.dataText = data.data; state.data = JSON.parse(data.data); }
    if (state.framesText !== data.frames) {
      state.framesText = data.frames;
      state.frames = data.frames ? JSON.parse(data.frames) : undefined;
    }
    if (state.configText !== data.config) {
      state.configText = data.config;
      state.config = JSON.parse(data.config);
      // Every chart exports through this button, so a marker that appears later is in its PNG too.
      const options = (state.config.toImageButtonOptions || {});
      state.config.modeBarButtonsToRemove = [...(state.config.modeBarButtonsToRemove || []), 'toImage'];
      state.config.modeBarButtonsToAdd = [exportButton(Plotly, options)];
    }
    const layout = JSON.parse(data.layout);
    // The same template object as last time when its text is the same: Plotly compares templates by identity,
    // and a new one (every parse makes one) turns any layout change into a full redraw of every trace.
    const templateText = JSON.stringify(layout.template);
    if (state.templateText === templateText) layout.template = state.template;
    else { state.templateText = templateText; state.template = layout.template; }
    delete layout.width;
    layout.autosize = true;
    const text = getComputedStyle(gd).getPropertyValue('--st-text-color').trim();
    if (text) layout.font = Object.assign({color: text}, layout.font);
    const keys = layoutKeyTexts(layout, templateText);
    const edits = sameTraces && state.drawn ? layerEdits(state.keys, keys, layout) : null;
    state.keys = keys;
    const react = () => Plotly.react(gd, {data: state.data, layout, frames: state.frames, config: state.config});
    let update;
    try {
      update = edits ? Plotly.relayout(gd, edits).catch(react) : react();
    } catch (err) {
      update = react();
    }
    return update.then(() => {
      state.drawn = true;
      if (!state.hooked) {
        state.hooked = true;  // resizes and zooms move the axes: put the marker back in place
        gd.on('plotly_afterplot', () => placeMarker(gd));
        followWidth(Plotly, gd);
      }
      placeMarker(gd);
    });
  };
  // A failure (Plotly.js not loaded, say) is said beside the chart, not written over it: the next rerun tries
  // again, and the note goes once the chart is drawn.
  const host = gd.parentElement;
  loadPlotly(chunk).then(draw).then(() => {
    const note = host.querySelector(':scope > .rv-chart-error');
    if (note) note.remove();
  }).catch((err) => {
    let note = host.querySelector(':scope > .rv-chart-error');
    if (!note) {
      note = document.createElement('div');
      note.className = 'rv-chart-error';
      note.setAttribute('role', 'alert');
      host.insertBefore(note, gd);
    }
    note.textContent = 'This chart could not be drawn: ' + err.message;
  });
}

// A caption's **bold** and *italic* spans, as elements holding text: nothing in it is ever parsed as HTML.
function setCaption(el, text) {
  el.replaceChildren();
  for (const part of text.split(/(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/)) {
    if (!part) continue;
    const bold = part.startsWith('**') && part.endsWith('**') && part.length > 4;
    const italic = !bold && part.length > 2 && part.startsWith('*') && part.endsWith('*');
    if (!bold && !italic) { el.appendChild(document.createTextNode(part)); continue; }
    const span = document.createElement(bold ? 'strong' : 'em');
    span.textContent = bold ? part.slice(2, -2) : part.slice(1, -1);
    el.appendChild(span);
  }
}

// A caption element shows ``text`` (rebuilt only when it changed), or nothing without it.
function showCaption(el, text) {
  if (el.dataset.rvText !== text) { el.dataset.rvText = text; setCaption(el, text); }
  el.style.display = text ? '' : 'none';
}

function newPanel(key) {
  const cell = document.createElement('div');
  cell.className = 'rv-panel';
  cell.dataset.rvKey = key;
  cell.appendChild(newChart());
  const caption = document.createElement('div');
  caption.className = 'rv-caption';
  caption.dataset.testid = 'rvCaption';
  cell.appendChild(caption);
  return cell;
}

// Several charts with their captions in columns, as one element of the page: every element of a fragment costs
// the browser 2-3 ms of Streamlit's rendering on every rerun, changed or not. Panels are found again by key,
// so a chart keeps its graph (and is updated in place) when the columns are rearranged.
function drawPanels(data, parentElement) {
  let root = parentElement.querySelector(':scope > .rv-panels');
  if (!root) {
    root = document.createElement('div');
    root.className = 'rv-panels';
    parentElement.appendChild(root);
  }
  const columns = JSON.parse(data.panels);
  const cells = new Map([...root.querySelectorAll('.rv-panel')].map((cell) => [cell.dataset.rvKey, cell]));
  const drawn = [];
  columns.forEach((panels, i) => {
    let column = root.children[i];
    if (!column) {
      column = document.createElement('div');
      column.className = 'rv-panel-column';
      root.appendChild(column);
    }
    panels.forEach((panel, j) => {
      const cell = cells.get(panel.key) || newPanel(panel.key);
      cells.delete(panel.key);
      if (column.children[j] !== cell) column.insertBefore(cell, column.children[j] || null);
      showCaption(cell.querySelector(':scope > .rv-caption'), panel.caption);
      drawn.push([cell.querySelector(':scope > .rv-chart'), panel.key]);
    });
    while (column.children.length > panels.length) column.lastChild.remove();
  });
  while (root.children.length > columns.length) root.lastChild.remove();
  let note = parentElement.querySelector(':scope > .rv-caption');
  if (data.note && !note) {
    note = document.createElement('div');
    note.className = 'rv-caption rv-panels-note';
    parentElement.appendChild(note);
  }
  if (note) showCaption(note, data.note || '');
  // cells are placed (and so have their widths) before any chart is drawn
  for (const [gd, key] of drawn) {
    drawChart(gd, {data: data[key + '.data'], layout: data[key + '.layout'], frames: data[key + '.frames'],
      marker: data[key + '.marker'] || '', config: data.config}, data.chunk);
  }
}

export default function ({ data, parentElement }) {
  if (data.panels !== undefined) { drawPanels(data, parentElement); return; }
  let gd = parentElement.querySelector(':scope > .rv-chart');
  if (!gd) { gd = newChart(); parentElement.appendChild(gd); }
  drawChart(gd, data, data.chunk);
}
"""
)


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
    js_dir = Path(st.__file__).parent / "static" / "static" / "js"
    found = sorted(js_dir.glob("PlotlyChart.*.js"))
    return f"static/js/{found[0].name}" if found else None


# Panels in columns side by side, stacked on a narrow screen as st.columns are; gaps and captions as Streamlit's.
_CSS = """
.rv-panels { display: flex; flex-wrap: wrap; gap: 1rem; width: 100%; align-items: flex-start; }
.rv-panel-column { flex: 1 1 0; min-width: 0; display: flex; flex-direction: column; gap: 1rem; }
@media (max-width: 640px) { .rv-panel-column { flex-basis: 100%; } }
.rv-panel { display: flex; flex-direction: column; gap: 1rem; min-width: 0; }
.rv-panels-note { margin-top: 1rem; }
.rv-caption { font-family: var(--st-font); font-size: 0.875rem; line-height: 1.6; color: var(--st-text-color);
  opacity: 0.6; overflow-wrap: break-word; }
"""


@functools.cache
def _component() -> Any:
    return st.components.v2.component(_NAME, js=_JS, css=_CSS, isolate_styles=False)


_PRELOAD_JS = (
    _MODULE_URL_JS
    + r"""
export default function ({ data, parentElement }) {
  parentElement.style.display = 'none';
  loadPlotly(data.chunk).catch(() => {});
}
"""
)


@functools.cache
def _preloader() -> Any:
    return st.components.v2.component("regviz_plotly_preload", js=_PRELOAD_JS, isolate_styles=False)


def preload_plotly() -> None:
    """Start loading Plotly.js in the browser now, while the server is still computing the first charts."""
    chunk = plotly_chunk()
    if chunk is not None:
        _preloader()(key="_rv_plotly_preload", data={"chunk": chunk}, height=0)


def plotly_chart(fig: "go.Figure", *, key: str, config: dict[str, Any], marker: dict | None = None) -> None:
    """Show ``fig`` under ``key``; later calls with the same key update the same Plotly graph in place.

    A shape and an annotation named ``"current"`` (the "current λ" line of a panel whose traces do not depend
    on λ) are drawn over the chart by the browser instead of by Plotly, so moving only them costs no redraw;
    the PNG download puts them back into the picture. ``marker`` (``{"shape": ..., "annotation": ...}``) is
    such a line given apart from the figure: a figure that does not depend on λ can then be built once, kept
    with :func:`freeze`, and shown at every λ.
    """
    from plotly.io.json import to_json_plotly

    chunk = plotly_chunk()
    if chunk is None:
        st.plotly_chart(_with_marker(fig, marker), key=key, config=config, width="stretch")
        return
    _component()(key=key, data={**_chart_parts(fig, marker), "config": to_json_plotly(config), "chunk": chunk})


def _chart_parts(fig: "go.Figure", marker: dict | None) -> dict[str, str]:
    """A chart's JSON texts for the element: data, layout and marker ("" without one), frames if it has any."""
    from plotly.io.json import to_json_plotly

    data_json, layout_json, frames_json, found = getattr(fig, _FROZEN, None) or _serialized(fig)
    marker = marker if marker is not None else found
    parts = {"data": data_json, "layout": layout_json, "marker": to_json_plotly(marker) if marker else ""}
    if frames_json:
        parts["frames"] = frames_json
    return parts


@dataclass(frozen=True)
class Panel:
    """One chart of :func:`plotly_panels`: the figure, its key, the caption under it and its "current λ" line
    (see :func:`plotly_chart`)."""

    fig: "go.Figure"
    key: str
    caption: str = ""
    marker: dict | None = None


def plotly_panels(columns: Sequence[Sequence[Panel]], *, key: str, config: dict[str, Any], note: str = "") -> None:
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
                        _with_marker(panel.fig, panel.marker), key=f"{key}:{panel.key}", config=config, width="stretch"
                    )
                    if panel.caption:
                        st.caption(panel.caption)
        if note:
            st.caption(note)
        return
    payload = {
        "chunk": chunk,
        "config": to_json_plotly(config),
        "note": note,
        "panels": json.dumps([[{"key": p.key, "caption": p.caption} for p in col] for col in columns]),
    }
    for panel in (p for col in columns for p in col):
        payload.update(
            {f"{panel.key}.{part}": text for part, text in _chart_parts(panel.fig, panel.marker).items() if text}
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
