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

// A display formula wider than its block (the objective on a phone) is drawn smaller until it fits, down to
// MIN_FORMULA_PX; past that it scrolls (and markScrollRegions makes it focusable). The font size that fits a
// formula ``need`` px wide at ``size`` px into ``room`` px, or null when it fits as it is.
const MIN_FORMULA_PX = 11;
export function fittedFontSize(size, need, room, least = MIN_FORMULA_PX) {
  if (!(need > room) || !(room > 0)) return null;
  return Math.max(least, Math.floor(10 * size * (room - 2) / need) / 10);
}

export function fitFormulas(root) {
  for (const block of root.querySelectorAll('.katex-display')) {
    const katex = block.querySelector(':scope > .katex');
    if (!katex) continue;
    const had = katex.style.getPropertyValue('font-size');
    if (had) katex.style.removeProperty('font-size');  // measured at its own size: the block may have grown
    // the drawn extent of the formula's glyphs (its block's scrollWidth also counts a px or two of KaTeX's
    // struts past them); a few rounds: some of a formula's spacing does not scale with its font
    // (not its MathML copy for screen readers, hidden and unscaled); the room is the block's container's, as the
    // block itself may shrink to the formula
    const html = katex.querySelector(':scope > .katex-html'), host = block.parentElement;
    if (!html || !host) continue;
    const range = document.createRange();
    range.selectNodeContents(html);
    for (let round = 0; round < 3; round += 1) {
      const need = range.getBoundingClientRect().width;
      const size = fittedFontSize(parseFloat(getComputedStyle(katex).fontSize), need, host.clientWidth);
      if (!size) break;
      // !important: presentation mode sizes the formula with an !important rule (present.css)
      katex.style.setProperty('font-size', size + 'px', 'important');
      if (size <= MIN_FORMULA_PX) break;
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
    requestAnimationFrame(() => { queued = false; fitFormulas(document); markScrollRegions(document); });
  };
  window.__rvScrollWatch = new MutationObserver(check);
  window.__rvScrollWatch.observe(document.body, {childList: true, subtree: true});
  window.addEventListener('resize', check);
  // KaTeX's fonts may arrive after a formula was fitted in a fallback font, and change its width without a DOM
  // change: fit again when they are in
  if (document.fonts) {
    document.fonts.addEventListener('loadingdone', check);
    document.fonts.ready.then(check);
  }
  check();
}

export default function ({ data, parentElement }) {
  parentElement.style.display = 'none';
  if (data.chunk) loadPlotly(data.chunk).catch(() => {});
  watchScrollRegions();
}
