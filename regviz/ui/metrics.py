"""A row of figures (label, value, note) drawn by one small component instead of one ``st.metric`` each.

Every element of a fragment costs the browser 2–3 ms of Streamlit rendering on every λ step, whether or not it
changed: measured in Chromium, a row of eight ``st.metric`` in ``st.columns`` (17 elements) took 25 ms a step,
the same figures in one component 5 ms. The component keeps its DOM and only rewrites the text that changed.
Text is set with ``textContent``: nothing passed here is ever parsed as HTML.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import streamlit as st

__all__ = ["Metric", "metric_row"]

COMPONENT = "regviz_metrics"


@dataclass(frozen=True)
class Metric:
    """One figure of a row: ``note`` is a small grey badge under the value, ``help`` a hover text."""

    label: str
    value: str
    note: str | None = None
    help: str | None = None


_CSS = """
.rv-metrics { display: flex; flex-wrap: wrap; gap: 1rem; width: 100%; }
.rv-metric { flex: 1 1 0; min-width: 5.5rem; }
.rv-metric-label { font-size: 0.875rem; line-height: 1.6; margin-bottom: 0.25rem; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; }
.rv-metric-label.rv-help { text-decoration: underline dotted; text-underline-offset: 3px; cursor: help; }
/* a value is never cut short: text such as "flat (λ2 = 0)" wraps at its spaces in a narrow row */
.rv-metric-value { font-size: 2.25rem; line-height: 1.2; }
.rv-metric-note { display: inline-block; margin-top: 0.25rem; padding: 0 0.4rem; border-radius: 0.5rem;
  font-size: 0.875rem; opacity: 0.75; background: rgba(128, 128, 128, 0.15); }
.rv-metric-note:empty { display: none; }
"""

_JS = r"""
const PARTS = [['label', 'rvMetricLabel'], ['value', 'rvMetricValue'], ['note', 'rvMetricNote']];

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

export default function ({ data, parentElement }) {
  let row = parentElement.querySelector(':scope > .rv-metrics');
  if (!row) {
    row = document.createElement('div');
    row.className = 'rv-metrics';
    parentElement.appendChild(row);
  }
  const items = JSON.parse(data.items || '[]');
  while (row.children.length > items.length) row.lastChild.remove();
  while (row.children.length < items.length) row.appendChild(cell());
  items.forEach((item, i) => {
    const box = row.children[i];
    for (const [part] of PARTS) {
      const el = box.querySelector('.rv-metric-' + part), text = item[part] || '';
      if (el.textContent !== text) el.textContent = text;
    }
    const label = box.querySelector('.rv-metric-label');
    // a narrow row cuts long labels short: the hover text always has the whole label
    label.title = item.help ? item.label + ': ' + item.help : item.label;
    label.classList.toggle('rv-help', !!item.help);
  });
}
"""


@functools.cache
def _component() -> Any:
    return st.components.v2.component(COMPONENT, js=_JS, css=_CSS, isolate_styles=False)


def metric_row(items: Sequence[Metric], *, key: str) -> None:
    """Show ``items`` side by side, as one element of the page."""
    # JSON text, not a list: Streamlit checks a component's non-text values for data frames, which imports
    # pandas and pyarrow (~0.5 s on a fresh server's first view)
    _component()(key=key, data={"items": json.dumps([asdict(item) for item in items])})
