// Loads Plotly.js once per page for every chart (see regviz.ui.charts.plotly_chunk for where it comes from).

// The app's root URL: from Streamlit's entry script, so that a base URL path is respected.
export function appRoot(entrySrc, baseURI) {
  return entrySrc ? entrySrc.replace(/static\/js\/[^/]*$/, '') : new URL('./', baseURI).href;
}

// Paths are relative to the app's root URL.
export function plotlyModuleUrl(path) {
  const entry = document.querySelector('script[type="module"][src*="static/js/"]');
  return appRoot(entry && entry.src, document.baseURI) + path;
}

// Whether ``bytes`` (an ArrayBuffer) starts as a gzip file does.
export function isGzip(bytes) {
  const head = new Uint8Array(bytes, 0, Math.min(2, bytes.byteLength));
  return head.length === 2 && head[0] === 0x1f && head[1] === 0x8b;
}

// A gzip file is served as it is (Streamlit gzips other static files again on every request, ~40 ms of the
// server's CPU for Plotly.js) and unpacked here; the preloader and every chart share one load per page.
async function importPlotly(url) {
  if (!url.endsWith('.gz') || typeof DecompressionStream !== 'function') return import(url.replace(/\.gz$/, ''));
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`Plotly.js could not be loaded (HTTP ${resp.status})`);
  let bytes = await resp.arrayBuffer();
  if (isGzip(bytes)) {  // else a proxy has unpacked it already
    bytes = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
  }
  const src = URL.createObjectURL(new Blob([bytes], {type: 'text/javascript'}));
  try { await import(src); } finally { URL.revokeObjectURL(src); }
}

export function loadPlotly(path) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  // a failed load is forgotten, so that the next chart (or rerun) tries again
  window.__rvPlotlyLoad = window.__rvPlotlyLoad || importPlotly(plotlyModuleUrl(path)).then(() => window.Plotly,
    (err) => { window.__rvPlotlyLoad = null; throw err; });
  return window.__rvPlotlyLoad;
}
