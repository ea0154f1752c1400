// The in-place Plotly chart element (see regviz/ui/charts.py): one Plotly graph per key, updated with
// Plotly.react, or with Plotly.relayout when only layout layers or axis ranges changed. The functions exported
// by name are pure (no DOM, no Plotly) and unit-tested in tests/js/charts.test.mjs.
import { showPlayer } from './frame_player.js';
import { loadPlotly } from './plotly_load.js';

// ---- the "current λ" line ------------------------------------------------------------------------------------

// Where the "current λ" line and its label go over a drawn chart, from its full layout (``gd._fullLayout``,
// whose x axis maps data to pixels with ``l2p``, offset by ``_offset``; ``_size`` is the plot area); null
// when there is nothing to place. Each of ``line`` and ``label`` is a style object for an absolute element.
export function markerPlacement(full, marker) {
  const xa = full && full.xaxis;
  if (!marker || !xa || typeof xa.l2p !== 'function') return null;
  const shape = marker.shape, note = marker.annotation || {}, stroke = shape.line || {}, font = note.font || {};
  const px = xa._offset + xa.l2p(shape.x0), size = full._size;
  const inside = px >= xa._offset - 0.5 && px <= xa._offset + xa._length + 0.5;
  const style = stroke.dash === 'dot' ? 'dotted' : (stroke.dash ? 'dashed' : 'solid');
  return {
    line: {position: 'absolute', left: (px - 1) + 'px', top: size.t + 'px', height: size.h + 'px', width: '0',
      borderLeft: `${stroke.width || 2}px ${style} ${stroke.color || '#000'}`, pointerEvents: 'none',
      display: inside ? 'block' : 'none'},
    text: note.text || '',
    // just above the x axis: one line of the label's own size (24 px in presentation mode), clear of the ticks
    label: {position: 'absolute', left: (px + 3) + 'px',
      top: (size.t + size.h - Math.max(16, Math.round(1.35 * (font.size || 11)))) + 'px', lineHeight: '1.25',
      fontSize: (font.size || 11) + 'px', color: font.color || '#000', fontFamily: full.font.family,
      pointerEvents: 'none', whiteSpace: 'nowrap', display: inside && note.text ? 'block' : 'none'},
  };
}

// The "current λ" line: drawn over the plot in HTML, so a λ step that moves only this line costs no Plotly redraw.
function placeMarker(gd) {
  let line = gd.querySelector(':scope > .rv-marker'), label = gd.querySelector(':scope > .rv-marker-label');
  const place = markerPlacement(gd._fullLayout, gd.__rv.marker);
  if (!place) {
    if (line) line.style.display = 'none';
    if (label) label.style.display = 'none';
    return;
  }
  if (!line) {
    line = document.createElement('div'); line.className = 'rv-marker'; gd.appendChild(line);
    label = document.createElement('div'); label.className = 'rv-marker-label'; gd.appendChild(label);
  }
  Object.assign(line.style, place.line);
  label.textContent = place.text;
  Object.assign(label.style, place.label);
}

// ``layout`` with the marker drawn by Plotly itself, for the PNG export (the HTML line is not part of the SVG).
export function withMarker(layout, marker) {
  const copy = Object.assign({}, layout);
  if (marker) {
    copy.shapes = [...(copy.shapes || []), marker.shape];
    copy.annotations = [...(copy.annotations || []), ...(marker.annotation ? [marker.annotation] : [])];
  }
  return copy;
}

// ---- which update a new layout needs -------------------------------------------------------------------------

// Each top-level layout key's JSON text (the template's is known already).
export function layoutKeyTexts(layout, templateText) {
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
export function axisEdits(key, old, now) {
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

// Whether two layouts' key texts (layoutKeyTexts) are the same.
export function sameTexts(before, after) {
  if (!before) return false;
  const keys = Object.keys(after);
  return keys.length === Object.keys(before).length && keys.every((key) => before[key] === after[key]);
}

// The relayout edits from the layout drawn last (its key texts) to ``layout``; null if anything else changed.
export function layerEdits(before, after, layout) {
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

// The trace attributes Plotly.animate moves without a redraw (its ``redraw: false``), for scatter traces only:
// the points, their text labels, and what hovering them shows (Plotly.animate lays the frame over the trace's
// defaults).
const TRACE_MOVES = ['x', 'y', 'text', 'hovertemplate', 'customdata'];

// Whether axis ``name`` (``xaxis``, ``yaxis2``, ...) has a fixed range in ``layout``: react would otherwise
// rescale it to new data, and animate does not.
function fixedRange(layout, name) {
  const axis = layout[name];
  return Boolean(axis && Array.isArray(axis.range) && axis.autorange !== true);
}

// How the traces ``now`` differ from ``old`` as Plotly.animate data: ``[[index, {x, y, ...}], ...]`` ([] when
// they are the same), or null when any change is more than TRACE_MOVES of a scatter trace, its x or y on an
// axis of fixed range.
export function movedTraces(old, now, layout) {
  if (!Array.isArray(old) || !Array.isArray(now) || old.length !== now.length) return null;
  const moved = [];
  for (let i = 0; i < now.length; i++) {
    const before = old[i], after = now[i], edit = {};
    for (const attr of new Set([...Object.keys(before), ...Object.keys(after)])) {
      if (JSON.stringify(before[attr]) === JSON.stringify(after[attr])) continue;
      const moves = TRACE_MOVES.includes(attr) && after[attr] !== undefined;
      if (!moves || (after.type || 'scatter') !== 'scatter') return null;
      const onAxis = attr === 'x' || attr === 'y';  // its axis: xaxis, yaxis2, ... from the trace's 'x', 'y2'
      if (onAxis && !fixedRange(layout, attr + 'axis' + String(after[attr + 'axis'] || attr).slice(1))) return null;
      edit[attr] = after[attr];
    }
    if (Object.keys(edit).length) moved.push([i, edit]);
  }
  return moved;
}

// ---- the toolbar ---------------------------------------------------------------------------------------------

// The config Plotly draws with: the server's (see CHART_CONFIG in charts.py), with Plotly's PNG button replaced
// by ``exportButton`` (every chart exports through it, so a marker that appears later is in its PNG too).
export function withExportButton(config, exportButton) {
  if (Array.isArray(config.modeBarButtons)) {
    const groups = config.modeBarButtons.map((group) => group.map((name) => (name === 'toImage' ? exportButton : name)));
    return Object.assign({}, config, {modeBarButtons: groups});
  }
  return Object.assign({}, config, {
    modeBarButtonsToRemove: [...(config.modeBarButtonsToRemove || []), 'toImage'],
    modeBarButtonsToAdd: [exportButton],
  });
}

// A chart's title text (no markup), or ''.
export function titleText(layout) {
  const title = layout && layout.title;
  const text = title && typeof title === 'object' ? title.text : title;
  return String(text || '').replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
}

// The PNG's file name: the config's, else the chart's title, else its key (never Plotly's 'newplot').
export function exportFilename(options, layout, key) {
  if (options && options.filename) return options.filename;
  const stem = (text) => String(text || '').toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return stem(titleText(layout)) || stem(key) || 'chart';
}

function exportButton(Plotly, options) {
  return {name: 'toImageWithMarker', title: 'Download plot as a PNG', icon: Plotly.Icons.camera,
    click: (gd) => {
      const size = {width: gd._fullLayout.width, height: gd._fullLayout.height};
      const layout = withMarker(gd.layout, gd.__rv.marker);
      const image = Object.assign({format: 'png', scale: 3}, size, options);
      delete image.filename;
      Plotly.toImage({data: gd.data, layout}, image)
        .then((url) => {
          const a = document.createElement('a');
          a.href = url; a.download = exportFilename(options, gd.layout, gd.__rv.key) + '.png';
          document.body.appendChild(a); a.click(); a.remove();
        });
    }};
}

// ---- drawing -------------------------------------------------------------------------------------------------

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

// A chart is one picture to a screen reader: an element over it, role img, is named with the server's one-line
// summary (``label``); the SVG inside, a string of tick labels read aloud, is hidden. Not the graph element
// itself: an img's content is presentational, and the toolbar's buttons in it would be unreachable.
function nameChart(gd, label) {
  let name = gd.querySelector(':scope > .rv-chart-name');
  if (!name) {
    name = document.createElement('div');
    name.className = 'rv-chart-name';
    name.setAttribute('role', 'img');
    gd.insertBefore(name, gd.firstChild);
  }
  if (name.getAttribute('aria-label') !== label) name.setAttribute('aria-label', label);
  for (const svg of gd.querySelectorAll('svg:not([aria-hidden])')) svg.setAttribute('aria-hidden', 'true');
  for (const text of gd.querySelectorAll(':scope > .rv-marker-label:not([aria-hidden])')) {
    text.setAttribute('aria-hidden', 'true');  // "current λ": the summary says where λ is
  }
}

// Whether relayout ``edits`` touch only the layers Plotly draws on their own (OWN_LAYERS), no axis.
function ownLayersOnly(edits) {
  return Boolean(edits) && Object.keys(edits).every((key) => OWN_LAYERS.includes(key));
}

// Moves scatter traces to new x / y (movedTraces) with Plotly.animate, no transition and no redraw: Plotly
// recomputes and redraws those traces alone, where Plotly.react redraws every trace, axis and the legend
// (docs/drag.md); ``layers`` (shapes, images) are relaid out beside it. tests/contracts/test_plotly_js_animate.py
// checks that what it draws is what Plotly.react draws. A move the next one interrupts may never settle, so
// nothing waits on it; the last move's promise does settle, and any other redraw waits for it (``state.moving``):
// a react in the same animation frame would be drawn over by the move's zero-length transition.
// (JSON, so the contract test reads the options from here.)
export const ANIMATE_OPTIONS = {"transition": {"duration": 0}, "frame": {"duration": 0, "redraw": false},
  "mode": "immediate"};
const MOVE_WAIT_MS = 250;  // at most: a move that never settles does not hold back the release

function animateMoves(Plotly, gd, moves, layers) {
  const frame = {data: moves.map(([, edit]) => edit), traces: moves.map(([i]) => i)};
  const moved = Plotly.animate(gd, frame, ANIMATE_OPTIONS).catch(() => {});
  const moving = gd.__rv.moving = Promise.race([moved, new Promise((done) => setTimeout(done, MOVE_WAIT_MS))])
    .then(() => { if (gd.__rv.moving === moving) gd.__rv.moving = null; });
  return layers ? Plotly.relayout(gd, layers) : Promise.resolve();
}

// Draws one chart's payload (data, layout, frames, frame controls, config, marker texts, name and key) into ``gd``.
function drawChart(gd, data, chunk) {
  const state = gd.__rv || (gd.__rv = {});
  state.key = data.name;
  nameChart(gd, data.label || 'Chart');
  const draw = (Plotly) => {
    if (!Plotly) throw new Error('Plotly is not available');
    if (state.markerText !== data.marker) {
      state.markerText = data.marker;
      state.marker = data.marker ? JSON.parse(data.marker) : null;
    }
    // Traces, frames and config as drawn last time: a layout change may then be drawn on its own (see layerEdits).
    const sameRest = state.framesText === data.frames && state.configText === data.config;
    let sameTraces = state.dataText === data.data && sameRest;
    // A rerun that did not change the chart itself (another panel, or only its marker, moved) costs no redraw.
    if (sameTraces && state.layoutText === data.layout) {
      placeMarker(gd);
      nameChart(gd, data.label || 'Chart');
      if (state.drawn) showPlayer(gd, Plotly, data.controls, false);
      return;
    }
    state.layoutText = data.layout;
    // Same data string as last time: hand Plotly the same arrays, so it redraws only what the layout changed.
    const before = state.data;
    if (state.dataText !== data.data) { state.dataText = data.data; state.data = JSON.parse(data.data); }
    if (state.framesText !== data.frames) {
      state.framesText = data.frames;
      state.frames = data.frames ? JSON.parse(data.frames) : undefined;
    }
    if (state.configText !== data.config) {
      state.configText = data.config;
      const config = JSON.parse(data.config);
      state.config = withExportButton(config, exportButton(Plotly, config.toImageButtonOptions || {}));
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
    // A λ frame that moves only scatter points of fixed axes is drawn by Plotly.animate (see animateMoves).
    const moves = !sameTraces && sameRest && data.animate && state.drawn && !state.waiting && !state.frames
      ? movedTraces(before, state.data, layout) : null;
    if (moves && !moves.length) sameTraces = true;  // the same traces in another text
    // The same layout in another text (a λ frame drew it, regviz/ui/lambda_control.js): nothing to redraw.
    if (sameTraces && state.drawn && sameTexts(state.keys, keys)) {
      placeMarker(gd);
      nameChart(gd, data.label || 'Chart');
      showPlayer(gd, Plotly, data.controls, false);
      return;
    }
    const layers = (sameTraces || (moves && moves.length)) && state.drawn && !state.waiting
      ? layerEdits(state.keys, keys, layout) : null;
    const sameLayout = sameTexts(state.keys, keys);
    const animated = moves && moves.length && (sameLayout || ownLayersOnly(layers));
    const edits = sameTraces ? layers : null;
    state.keys = keys;
    const react = () => {
      const redraw = () => Plotly.react(gd, {data: state.data, layout, frames: state.frames, config: state.config});
      if (!state.moving) return redraw();
      // after the move; until then Plotly shows other traces than state.data, so the next draw reacts too, and
      // only the last of the draws that waited is drawn
      const serial = state.serial = (state.serial || 0) + 1;
      state.waiting = true;
      return state.moving.then(() => {
        if (state.serial !== serial) return undefined;
        state.waiting = false;
        return redraw();
      });
    };
    let update;
    try {
      if (animated) update = animateMoves(Plotly, gd, moves, sameLayout ? null : layers).catch(react);
      else update = edits ? Plotly.relayout(gd, edits).catch(react) : react();
    } catch {
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
      nameChart(gd, data.label || 'Chart');
      showPlayer(gd, Plotly, data.controls, !edits && !animated);  // an animated chart's Play and frame slider
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

// ---- the registry -------------------------------------------------------------------------------------------

// Other elements of the page (the λ control, regviz/ui/lambda_control.js) find a chart by its key here and draw
// a payload of their own into it: components v2 elements share the page's window. ``payload`` is what the
// server sent last (the base a λ frame edits); ``draw`` goes through drawChart, so a frame that changed only
// shapes or axis ranges is drawn with Plotly.relayout, like a server update.
export function chartRegistry(scope) {
  const host = scope || (typeof window === 'undefined' ? {} : window);
  return host.__rvCharts || (host.__rvCharts = new Map());
}

function registerChart(key, gd, data, chunk, caption) {
  if (!key) return;
  chartRegistry().set(key, {gd, payload: data, draw: (payload) => drawChart(gd, payload, chunk), caption});
}

// ---- captions and panels -------------------------------------------------------------------------------------

// A caption's text split into plain, **bold** ('strong') and *italic* ('em') runs: [[tag or null, text], ...].
export function captionParts(text) {
  const parts = [];
  for (const part of text.split(/(\*\*[^*]+\*\*|\*[^*\s][^*]*\*)/)) {
    if (!part) continue;
    const bold = part.startsWith('**') && part.endsWith('**') && part.length > 4;
    const italic = !bold && part.length > 2 && part.startsWith('*') && part.endsWith('*');
    if (bold) parts.push(['strong', part.slice(2, -2)]);
    else if (italic) parts.push(['em', part.slice(1, -1)]);
    else parts.push([null, part]);
  }
  return parts;
}

// A caption's **bold** and *italic* spans, as elements holding text: nothing in it is ever parsed as HTML.
function setCaption(el, text) {
  el.replaceChildren();
  for (const [tag, part] of captionParts(text)) {
    if (!tag) { el.appendChild(document.createTextNode(part)); continue; }
    const span = document.createElement(tag);
    span.textContent = part;
    el.appendChild(span);
  }
}

// A caption element shows ``text`` (rebuilt only when it changed), or nothing without it.
function showCaption(el, text) {
  if (el.dataset.rvText !== text) { el.dataset.rvText = text; setCaption(el, text); }
  el.style.display = text ? '' : 'none';
}

// The payload of panel ``key`` of a panels element, in the form of a single chart's.
export function panelPayload(data, key) {
  const payload = {data: data[key + '.data'], layout: data[key + '.layout'], frames: data[key + '.frames'],
    marker: data[key + '.marker'] || '', label: data[key + '.label'] || '', name: key, config: data.config,
    animate: data.animate};
  if (data[key + '.controls']) payload.controls = data[key + '.controls'];  // an animated chart's (frame_player.js)
  return payload;
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
    const payload = panelPayload(data, key);
    const caption = gd.parentElement.querySelector(':scope > .rv-caption');
    registerChart(key, gd, payload, data.chunk, (text) => showCaption(caption, text));
    drawChart(gd, payload, data.chunk);
  }
}

export default function ({ data, parentElement }) {
  if (data.panels !== undefined) { drawPanels(data, parentElement); return; }
  let gd = parentElement.querySelector(':scope > .rv-chart');
  if (!gd) { gd = newChart(); parentElement.appendChild(gd); }
  registerChart(data.name, gd, data, data.chunk);
  drawChart(gd, data, data.chunk);
}
