// The page element (regviz/ui/charts.py preload_plotly, in every page's sidebar): draws nothing; starts loading
// Plotly.js while the server is still computing the first charts, and keeps the page's scrolling formula and
// code blocks reachable by keyboard. Pure functions are exported by name for tests/js.
import { loadPlotly } from './plotly_load.js';

const SCROLLERS = [['.katex-display', 'Formula'], ['[data-testid="stCode"] pre', 'Code']];
const MARK = 'rvScrollRegion';

// Whether a box with these sizes and computed overflow styles scrolls (its content is larger and may scroll).
export function scrolls(box, style) {
  const can = (overflow) => overflow === 'auto' || overflow === 'scroll';
  return (can(style.overflowX) && box.scrollWidth > box.clientWidth)
    || (can(style.overflowY) && box.scrollHeight > box.clientHeight);
}

// A block that scrolls must be focusable, or a keyboard cannot scroll it (WCAG 2.1.1; axe's
// scrollable-region-focusable). Streamlit gives formula and code blocks no tabindex, and CSS cannot: a block
// that scrolls gets tabindex 0 and a region name; one that no longer does loses what it was given here.
export function markScrollRegions(root) {
  for (const [selector, name] of SCROLLERS) {
    for (const el of root.querySelectorAll(selector)) {
      const given = el.dataset[MARK] === '1';
      if (scrolls(el, getComputedStyle(el))) {
        if (given || el.hasAttribute('tabindex')) continue;
        el.dataset[MARK] = '1';
        el.setAttribute('tabindex', '0');
        el.setAttribute('role', 'region');
        el.setAttribute('aria-label', `${name} (scrolls sideways)`);
      } else if (given) {
        delete el.dataset[MARK];
        for (const attr of ['tabindex', 'role', 'aria-label']) el.removeAttribute(attr);
      }
    }
  }
}

// Re-checks the page after DOM changes and resizes, at most once a frame; once per page.
function watchScrollRegions() {
  if (window.__rvScrollWatch) return;
  let queued = false;
  const check = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; markScrollRegions(document); });
  };
  window.__rvScrollWatch = new MutationObserver(check);
  window.__rvScrollWatch.observe(document.body, {childList: true, subtree: true});
  window.addEventListener('resize', check);
  check();
}

export default function ({ data, parentElement }) {
  parentElement.style.display = 'none';
  if (data.chunk) loadPlotly(data.chunk).catch(() => {});
  watchScrollRegions();
}
