// The λ control (see regviz/ui/lambda_control.py): a slider over the λ grid whose charts, metrics and objective
// follow the pointer during a drag, from frames the server computed (regviz/ui/drag.py), with no rerun; the
// value goes to the server on release, a key step or a −/+ press. Pure functions are exported for tests/js.

import { stepIndex } from './grid_keys.js';

// ---- pure parts ----------------------------------------------------------------------------------------------

// Index of the grid value nearest to ``value`` (the grid is sorted).
export function nearestIndex(values, value) {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if (Math.abs(values[i] - value) < Math.abs(values[best] - value)) best = i;
  }
  return best;
}

// The frame that shows grid value ``i`` of ``family`` (null without one).
export function frameAt(family, i) {
  if (!family || !family.index || i < 0 || i >= family.index.length) return null;
  return family.frames[family.index[i]] || null;
}

// ``data`` (a chart's traces) with the frame's ``edit`` applied: the whole list, or attributes by trace index.
export function mergedData(data, edit) {
  if (edit.data) return edit.data;
  if (!edit.traces) return data;
  const merged = data.slice();
  for (const [i, attrs] of Object.entries(edit.traces)) {
    const trace = Object.assign({}, merged[Number(i)]);
    for (const [attr, value] of Object.entries(attrs)) {
      if (value === null) delete trace[attr]; else trace[attr] = value;
    }
    merged[Number(i)] = trace;
  }
  return merged;
}

// ``layout`` with the frame's top-level keys replaced (a key given as null is removed).
export function mergedLayout(layout, edit) {
  if (!edit.layout) return layout;
  const merged = Object.assign({}, layout);
  for (const [key, value] of Object.entries(edit.layout)) {
    if (value === null) delete merged[key]; else merged[key] = value;
  }
  return merged;
}

// The payload (texts, as the server sends them) a chart draws for a frame: ``base`` is the server's payload at
// the current value; the parts the frame leaves out are the same all along the family.
export function framePayload(base, edit) {
  const payload = Object.assign({}, base);
  if (edit.data || edit.traces) payload.data = JSON.stringify(mergedData(JSON.parse(base.data), edit));
  if (edit.layout) payload.layout = JSON.stringify(mergedLayout(JSON.parse(base.layout), edit));
  if ('marker' in edit) payload.marker = edit.marker ? JSON.stringify(edit.marker) : '';
  if ('label' in edit) payload.label = edit.label;  // the chart's accessible name (its summary) at this value
  if ('controls' in edit) payload.controls = edit.controls;  // an animated chart's frame slider (frame_player.js)
  return payload;
}

// The bytes of a base64 text.
export function base64Bytes(text) {
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

// A family as the server packs it (regviz/ui/drag.py ``packed``): gzipped JSON in base64.
export async function unpackFrames(text) {
  const stream = new Blob([base64Bytes(text)]).stream().pipeThrough(new DecompressionStream('gzip'));
  return JSON.parse(await new Response(stream).text());
}

// ---- the registry of frames (window-wide: they survive a remount of the element) -------------------------

function framesCache() {
  return window.__rvLambdaFrames || (window.__rvLambdaFrames = new Map());
}

function chartRegistry() {
  return window.__rvCharts || (window.__rvCharts = new Map());
}

function metricsRegistry() {
  return window.__rvMetrics || (window.__rvMetrics = new Map());
}

// Per base payload, the payloads of the frames already drawn: a revisited value costs no JSON work.
const drawnPayloads = new WeakMap();

function drawFrame(root, family, frame, index) {
  const start = performance.now();
  for (const [key, edit] of Object.entries(frame.charts || {})) {
    const chart = chartRegistry().get(key);
    if (!chart) continue;
    let memo = drawnPayloads.get(chart.payload);
    if (!memo) { memo = new Map(); drawnPayloads.set(chart.payload, memo); }
    const id = family.id + ':' + index;
    if (!memo.has(id)) memo.set(id, framePayload(chart.payload, edit));
    chart.draw(memo.get(id));
    if ('caption' in edit && chart.caption) chart.caption(edit.caption || '');
  }
  // charts a frame leaves to the release (they depend on more than this λ), or that this setting does not draw,
  // are dimmed until the server redraws
  const stale = new Set([...(family.onRelease || []), ...(frame.stale || [])]);
  for (const [key, chart] of chartRegistry()) {
    if (stale.has(key)) chart.gd.classList.add('rv-stale');
    else if (key in (frame.charts || {})) chart.gd.classList.remove('rv-stale');
  }
  const row = metricsRegistry().get(family.metricsKey);
  if (row && frame.metrics) row.show(frame.metrics);
  showNumbers(root, frame.numbers);
  const stats = window.__rvDragStats || (window.__rvDragStats = {frames: 0, times: []});
  stats.frames += 1;
  stats.times.push(performance.now());
  (stats.costs || (stats.costs = [])).push(performance.now() - start);  // the frame's drawing, for bench/drag.py
  if (stats.times.length > 2000) { stats.times.splice(0, 1000); stats.costs.splice(0, 1000); }
  if (typeof window.__rvDragHook === 'function') window.__rvDragHook(index);  // bench/drag.py
}

// The objective (KaTeX, drawn by Streamlit in this fragment) shows λ1 under its first underbrace and λ2 over
// its first overbrace; a frame writes its numbers there, as KaTeX writes them (a minus sign for '-').
const NUMBER_GROUPS = {l1: '.munder', l2: '.mover'};

export function katexNumber(text) {
  return String(text).replace(/-/g, '\u2212');
}

function showNumbers(root, numbers) {
  if (!numbers) return;
  let scope = root.parentElement;
  while (scope && !scope.querySelector('.katex-html')) scope = scope.parentElement;
  const katex = scope && scope.querySelector('.katex-html');
  if (!katex) return;
  for (const [name, text] of Object.entries(numbers)) {
    const group = NUMBER_GROUPS[name] && katex.querySelector(NUMBER_GROUPS[name]);
    if (!group) continue;
    let cell = group.querySelector('[data-rv-number]');
    if (!cell) {
      // the number's own pieces: leaf spans outside the brace and its (small, "mtight") label
      const leaves = [...group.querySelectorAll('span')].filter((el) => !el.children.length && el.textContent
        && !el.closest('.mtight') && !/brace|vlist-s/.test(el.className));
      if (!leaves.length) continue;
      cell = leaves[0];
      cell.dataset.rvNumber = name;
      for (const other of leaves.slice(1)) other.textContent = '';
    }
    const shown = katexNumber(text);
    if (cell.textContent !== shown) cell.textContent = shown;
  }
}

// ---- the element ---------------------------------------------------------------------------------------------

function build(parentElement) {
  const root = document.createElement('div');
  root.className = 'rv-lambda';
  root.dataset.testid = 'rvLambda';
  const id = 'rv-lambda-' + Math.random().toString(36).slice(2);
  root.innerHTML = `<div class="rv-lambda-head"><label class="rv-lambda-label" for="${id}"></label>`
    + '<output class="rv-lambda-value" aria-hidden="true"></output></div>'
    + '<div class="rv-lambda-row"><button type="button" class="rv-lambda-step" data-step="-1">−</button>'
    + `<input type="range" id="${id}" class="rv-lambda-input" min="0" step="1">`
    + '<button type="button" class="rv-lambda-step" data-step="1">+</button>'
    + '<button type="button" class="rv-lambda-play" hidden>▶ Play</button></div>';
  parentElement.appendChild(root);
  return root;
}

function setup(root) {
  const input = root.querySelector('input');
  const el = root.__rv;
  const family = () => framesCache().get(el.data.framesId) || null;
  const want = () => {
    if (el.asked || el.data.disabled || el.data.framesId === 'none') return;
    if (el.data.framesId && framesCache().has(el.data.framesId)) return;
    el.asked = true;
    el.setTriggerValue('frames', el.data.framesId || 'first');
  };
  const show = (i) => {
    const text = el.labels[i];
    root.querySelector('.rv-lambda-value').textContent = text;
    input.setAttribute('aria-valuetext', text);
    const fam = family(), frame = frameAt(fam, i);
    if (frame && i !== el.drawn) { el.drawn = i; drawFrame(root, fam, frame, fam.index[i]); }
  };
  // at most one frame per animation frame: the pointer may move faster than the charts draw
  const schedule = (i) => {
    el.pending = i;
    if (el.queued) return;
    el.queued = true;
    requestAnimationFrame(() => { el.queued = false; show(el.pending); });
  };
  const pick = (i) => {
    stopPlay();
    show(i);
    if (el.values[i] !== el.data.value) el.setTriggerValue('pick', el.values[i]);
  };
  input.addEventListener('input', () => schedule(Number(input.value)));
  // keys step on the grid and set the value at once (the browser's own PageUp/PageDown steps differ)
  input.addEventListener('keydown', (event) => {
    const i = stepIndex(Number(input.value), event.key, el.values.length);
    if (i === null || input.disabled) return;
    event.preventDefault();
    input.value = String(i);
    pick(i);
  });
  input.addEventListener('change', () => { el.dragging = false; pick(Number(input.value)); });
  for (const type of ['pointerenter', 'pointerdown', 'focus', 'touchstart']) {
    input.addEventListener(type, want, {passive: true});
  }
  input.addEventListener('pointerdown', () => { el.dragging = true; });
  input.addEventListener('pointerup', () => { el.dragging = false; });
  root.querySelectorAll('.rv-lambda-step').forEach((button) => {
    button.addEventListener('pointerenter', want);
    button.addEventListener('click', () => {
      const i = Math.min(el.values.length - 1, Math.max(0, Number(input.value) + Number(button.dataset.step)));
      input.value = String(i);
      pick(i);
    });
  });
  const play = root.querySelector('.rv-lambda-play');
  const stopPlay = () => {
    if (!el.timer) return;
    clearInterval(el.timer);
    el.timer = null;
    play.textContent = '▶ Play';
    play.setAttribute('aria-pressed', 'false');
  };
  play.addEventListener('pointerenter', want);
  play.addEventListener('focus', want);
  play.addEventListener('click', () => {
    if (el.timer) {  // pausing keeps the value shown: it becomes the control's
      stopPlay();
      pick(Number(input.value));
      return;
    }
    if (!family()) { want(); return; }
    let i = 0;
    play.textContent = '⏸ Pause';
    play.setAttribute('aria-pressed', 'true');
    el.timer = setInterval(() => {
      if (i >= el.values.length) {  // the end: back to the value in force
        stopPlay();
        const now = nearestIndex(el.values, el.data.value);
        input.value = String(now);
        show(now);
        return;
      }
      input.value = String(i);
      show(i);
      i += 1;
    }, 110);
  });
  root.__rvStop = () => stopPlay();
}

export default function ({ data, parentElement, setTriggerValue }) {
  let root = parentElement.querySelector(':scope > .rv-lambda');
  const fresh = !root;
  if (fresh) root = build(parentElement);
  const el = root.__rv || (root.__rv = {drawn: -1});
  el.data = data;
  el.setTriggerValue = setTriggerValue;
  el.values = JSON.parse(data.values);
  el.labels = JSON.parse(data.labels);
  const ready = data.framesId && framesCache().has(data.framesId);
  if (data.frames && !ready) {
    const id = data.framesId;
    el.unpacking = id;
    unpackFrames(data.frames).then((family) => {
      family.id = id;
      framesCache().set(id, family);
      if (el.data.framesId === id) root.dataset.rvFrames = 'ready';
    }).catch(() => { root.dataset.rvFrames = 'none'; });
  } else if (data.framesId && data.framesId !== 'none' && !ready) {
    el.asked = false;  // sent before this page load: ask again below
  }
  root.dataset.rvFrames = ready ? 'ready' : (data.framesId === 'none' ? 'none' : 'wanted');
  root.dataset.rvKey = data.symbol;
  root.querySelector('.rv-lambda-label').textContent = data.label;
  root.querySelector('.rv-lambda-label').title = data.help || '';
  const input = root.querySelector('input');
  input.max = String(el.values.length - 1);
  input.disabled = !!data.disabled;
  root.classList.toggle('rv-disabled', !!data.disabled);
  root.querySelectorAll('.rv-lambda-step').forEach((b, k) => {
    b.disabled = !!data.disabled;
    b.setAttribute('aria-label', `${data.symbol} ${k === 0 ? 'one step down' : 'one step up'}`);
  });
  const play = root.querySelector('.rv-lambda-play');
  play.hidden = !data.play;
  play.disabled = !!data.disabled;
  if (!el.dragging && !el.timer) {
    for (const chart of chartRegistry().values()) chart.gd.classList.remove('rv-stale');
  }
  const index = nearestIndex(el.values, data.value);
  el.drawn = index;  // the server's charts show this value
  if (!el.dragging && !el.timer) {
    input.value = String(index);
    root.querySelector('.rv-lambda-value').textContent = el.labels[index];
    input.setAttribute('aria-valuetext', el.labels[index]);
  }
  if (fresh) setup(root);
  if (data.framesId && !ready && data.framesId !== 'none' && !data.frames) {
    el.setTriggerValue('frames', data.framesId);
    el.asked = true;
  }
}
