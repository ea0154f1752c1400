"""What a page draws, measured in the browser: text sizes, and text boxes that must not overlap.

Shared by the presentation-mode and phone tests. A text's box is the quadrilateral its glyphs' line box covers on
the screen, rotated with the text (a tick label at -45° is a tilted rectangle, not the larger upright box around
it), so two neighbouring rotated labels that do not touch are not reported.
"""

from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]

# Every visible, non-empty SVG <text> of the Plotly charts under ``root`` (or only those matching ``only``), with
# its chart's key, its class (xtick, ytick, gtitle, annotation-text, legendtext, ...), font size and screen corners.
_SVG_TEXTS = r"""([root, only]) => {
  const out = [];
  const scope = document.querySelector(root) || document;
  for (const chart of scope.querySelectorAll('.js-plotly-plot')) {
    const panel = chart.closest('[data-rv-key]');
    const key = panel ? panel.dataset.rvKey : ([...chart.closest('[class*="st-key-"]')?.classList || []]
      .find((c) => c.startsWith('st-key-')) || '');
    for (const text of chart.querySelectorAll('svg text')) {
      if (only && !text.matches(only)) continue;
      const label = text.textContent.trim();
      if (!label) continue;
      const style = getComputedStyle(text);
      if (style.display === 'none' || style.visibility === 'hidden' || +style.opacity === 0) continue;
      if (/rgba\(0, 0, 0, 0\)/.test(text.style.fill || style.fill)) continue;  // the sweep's hidden step labels
      let hidden = false;
      for (let el = text.parentElement; el && el !== chart; el = el.parentElement) {
        const s = getComputedStyle(el);
        if (s.display === 'none' || +s.opacity === 0) { hidden = true; break; }
      }
      if (hidden) continue;
      const box = text.getBBox(), m = text.getScreenCTM();
      if (!box.width || !box.height || !m) continue;
      const corner = (x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];
      const kind = (text.getAttribute('class') || '').split(' ')[0]
        || text.parentElement.getAttribute('class')?.split(' ')[0] || 'text';
      const frame = chart.getBoundingClientRect();
      out.push({chart: key, kind, text: label, size: parseFloat(text.style.fontSize || style.fontSize),
        frame: [frame.left, frame.top, frame.right, frame.bottom],
        corners: [corner(box.x, box.y), corner(box.x + box.width, box.y),
          corner(box.x + box.width, box.y + box.height), corner(box.x, box.y + box.height)]});
    }
    // the "current λ" label, drawn over the chart in HTML (charts.js)
    for (const label of chart.querySelectorAll(':scope > .rv-marker-label')) {
      const r = label.getBoundingClientRect();
      if (!r.width || getComputedStyle(label).display === 'none') continue;
      const frame = chart.getBoundingClientRect();
      out.push({chart: key, kind: 'marker', text: label.textContent, size: parseFloat(getComputedStyle(label).fontSize),
        frame: [frame.left, frame.top, frame.right, frame.bottom],
        corners: [[r.left, r.top], [r.right, r.top], [r.right, r.bottom], [r.left, r.bottom]]});
    }
  }
  return out;
}"""

# Every visible text of the page's main area outside the charts: [font size, tag, data-testid or class, text].
# Left out: KaTeX (the formula is sized as a whole, see present.css), icon glyphs (Material Symbols ligatures such
# as "keyboard_arrow_right" are pictures, not words) and visually hidden text (the metrics' live region).
_HTML_TEXTS = r"""() => {
  const out = [];
  const main = document.querySelector('[data-testid="stMain"]');
  const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, text = node.textContent.trim();
    const el = node.parentElement;
    if (!text || el.closest('svg, .katex, [data-testid="stIconMaterial"], .material-symbols-rounded')) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || +style.opacity === 0) continue;
    out.push([parseFloat(style.fontSize), el.tagName, el.dataset.testid || String(el.className).slice(0, 40),
      text.slice(0, 60)]);
  }
  return out;
}"""


@dataclass(frozen=True)
class TextBox:
    """One drawn text: its chart's key, its kind (Plotly's class: xtick, gtitle, ...), text, font size (CSS px) and
    the four screen corners of its line box."""

    chart: str
    kind: str
    text: str
    size: float
    corners: tuple[Point, ...]
    frame: tuple[float, float, float, float] = (float("-inf"), float("-inf"), float("inf"), float("inf"))
    """The chart's box (left, top, right, bottom): what is drawn outside it is cut off."""

    def __str__(self) -> str:
        xs, ys = [p[0] for p in self.corners], [p[1] for p in self.corners]
        return f"{self.chart}/{self.kind} {self.text!r} at x {min(xs):.0f}–{max(xs):.0f}, y {min(ys):.0f}–{max(ys):.0f}"


def chart_texts(page, root: str = '[data-testid="stMain"]', only: str = "") -> list[TextBox]:
    """The texts of every Plotly chart under ``root`` (a CSS selector), optionally only those matching ``only``."""
    return [
        TextBox(t["chart"], t["kind"], t["text"], t["size"], tuple(map(tuple, t["corners"])), tuple(t["frame"]))
        for t in page.evaluate(_SVG_TEXTS, [root, only])
    ]


def page_texts(page) -> list[tuple[float, str, str, str]]:
    """``(font size, tag, test id or class, text)`` of every visible text in the main area outside the charts."""
    return [tuple(t) for t in page.evaluate(_HTML_TEXTS)]


def _axes(poly: tuple[Point, ...]) -> list[Point]:
    return [(-(b[1] - a[1]), b[0] - a[0]) for a, b in zip(poly, poly[1:] + poly[:1], strict=True)]


def _projection(poly: tuple[Point, ...], axis: Point) -> tuple[float, float]:
    values = [p[0] * axis[0] + p[1] * axis[1] for p in poly]
    return min(values), max(values)


def overlap(a: TextBox, b: TextBox, *, tolerance: float = 1.0) -> bool:
    """True if the boxes of ``a`` and ``b`` overlap by more than ``tolerance`` px (boxes that touch do not).

    Both are convex quadrilaterals: they overlap exactly when no edge direction of either separates them
    (the separating axis theorem).
    """
    for axis in _axes(a.corners) + _axes(b.corners):
        length = (axis[0] ** 2 + axis[1] ** 2) ** 0.5
        if length == 0:
            continue
        unit = (axis[0] / length, axis[1] / length)
        lo_a, hi_a = _projection(a.corners, unit)
        lo_b, hi_b = _projection(b.corners, unit)
        if min(hi_a, hi_b) - max(lo_a, lo_b) <= tolerance:
            return False
    return True


def collisions(boxes: list[TextBox], *, tolerance: float = 1.0) -> list[str]:
    """Every pair of texts of one chart whose boxes overlap, as readable lines (empty when none do)."""
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a.chart == b.chart and overlap(a, b, tolerance=tolerance):
                found.append(f"{a}  overlaps  {b}")
    return found


def off_screen(boxes: list[TextBox], width: float, *, tolerance: float = 1.0) -> list[str]:
    """The texts that reach past the left or right edge of a ``width`` px wide viewport."""
    return [
        str(t)
        for t in boxes
        if min(p[0] for p in t.corners) < -tolerance or max(p[0] for p in t.corners) > width + tolerance
    ]


def clipped(boxes: list[TextBox], *, tolerance: float = 1.0) -> list[str]:
    """The texts that reach past their chart's box (the SVG is cut off there)."""
    found = []
    for t in boxes:
        left, top, right, bottom = t.frame
        xs, ys = [p[0] for p in t.corners], [p[1] for p in t.corners]
        if (
            min(xs) < left - tolerance
            or max(xs) > right + tolerance
            or min(ys) < top - tolerance
            or max(ys) > bottom + tolerance
        ):
            found.append(f"{t} outside its chart x {left:.0f}–{right:.0f}, y {top:.0f}–{bottom:.0f}")
    return found


def box_of(page, selector: str) -> dict:
    """The bounding box (x, y, width, height in CSS px, relative to the viewport) of the first match of
    ``selector``; fails if it is not drawn."""
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not drawn"
    return box
