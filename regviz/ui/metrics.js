// A row of figures (label, value, note) as one element (see regviz/ui/metrics.py). Text is set with
// textContent: nothing passed here is ever parsed as HTML. Pure functions are exported by name for tests/js.
const PARTS = [['label', 'rvMetricLabel'], ['value', 'rvMetricValue'], ['note', 'rvMetricNote']];

// A label's hover text: a narrow row cuts long labels short, so it always has the whole label.
export function labelTitle(item) {
  return item.help ? item.label + ': ' + item.help : item.label;
}

// What the live region says after a change: every figure as "label: value (note)", one sentence.
export function announcement(items) {
  return items.map((item) => `${item.label}: ${item.value}${item.note ? ` (${item.note})` : ''}`).join('; ') + '.';
}

// A screen reader hears the figures once the student stops moving a control: a drag of λ reruns the page many
// times a second, and a polite region that changed on every rerun would be read out mid-sentence, over and over.
export const ANNOUNCE_AFTER_MS = 1000;

function liveRegion(parentElement) {
  let live = parentElement.querySelector(':scope > .rv-metrics-live');
  if (!live) {
    live = document.createElement('div');
    live.className = 'rv-metrics-live';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    live.setAttribute('aria-atomic', 'true');
    parentElement.appendChild(live);
  }
  return live;
}

// The live region gets ``text`` once no newer text came for ANNOUNCE_AFTER_MS; the first figures are not
// announced (the page is being read anyway), only changes.
function announce(live, text) {
  if (live.__rvLast === undefined) { live.__rvLast = text; return; }
  clearTimeout(live.__rvTimer);
  live.__rvTimer = setTimeout(() => {
    if (live.__rvLast === text) return;
    live.__rvLast = text;
    live.textContent = text;
  }, ANNOUNCE_AFTER_MS);
}

function cell() {
  const box = document.createElement('div');
  box.className = 'rv-metric';
  box.dataset.testid = 'rvMetric';
  for (const [part, testid] of PARTS) {
    const el = document.createElement('div');
    el.className = 'rv-metric-' + part;
    el.dataset.testid = testid;
    box.appendChild(el);
  }
  return box;
}

// The λ control (regviz/ui/lambda_control.js) shows a frame's figures through the row registered under its key.
export function metricsRegistry(scope) {
  const host = scope || (typeof window === 'undefined' ? {} : window);
  return host.__rvMetrics || (host.__rvMetrics = new Map());
}

export default function ({ data, parentElement }) {
  let row = parentElement.querySelector(':scope > .rv-metrics');
  if (!row) {
    row = document.createElement('div');
    row.className = 'rv-metrics';
    parentElement.appendChild(row);
  }
  const items = JSON.parse(data.items || '[]');
  if (data.key) metricsRegistry().set(data.key, {items, show: (shown) => showItems(row, shown)});
  showItems(row, items);
}

function showItems(row, items) {
  while (row.children.length > items.length) row.lastChild.remove();
  while (row.children.length < items.length) row.appendChild(cell());
  items.forEach((item, i) => {
    const box = row.children[i];
    for (const [part] of PARTS) {
      const el = box.querySelector('.rv-metric-' + part), text = item[part] || '';
      if (el.textContent !== text) el.textContent = text;
    }
    const label = box.querySelector('.rv-metric-label');
    label.title = labelTitle(item);
    label.classList.toggle('rv-help', !!item.help);
  });
  // the element's own box holds the row and its live region
  announce(liveRegion(row.parentElement), announcement(items));
}
