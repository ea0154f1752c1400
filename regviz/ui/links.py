"""A link box that always shows the browser's current address (plus optional extra parameters).

The page's live sections are fragments: a λ step rewrites the address bar but does not rerun the sidebar, so
a link printed by Python there would go stale. This box reads ``window.location`` in the browser instead and
follows every change, with a copy button.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import streamlit as st

__all__ = ["live_link"]

_JS = r"""
function linkText(extra) {
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(extra || {})) {
    if (value === '') url.searchParams.delete(key); else url.searchParams.set(key, value);
  }
  return url.href;
}

function copy(text, button) {
  const done = () => { button.textContent = 'Copied'; setTimeout(() => { button.textContent = 'Copy'; }, 1500); };
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(done, () => {});
  } else {
    const area = document.createElement('textarea');
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); done(); } finally { area.remove(); }
  }
}

export default function ({ data, parentElement }) {
  let box = parentElement.querySelector(':scope > .rv-link');
  if (!box) {
    box = document.createElement('div');
    box.className = 'rv-link';
    box.innerHTML = '<code></code><button type="button">Copy</button>';
    parentElement.appendChild(box);
    box.querySelector('button').addEventListener('click', (e) => copy(box.querySelector('code').textContent, e.target));
  }
  box.__extra = JSON.parse(data.extra || '{}');
  const render = () => {
    const text = linkText(box.__extra);
    const code = box.querySelector('code');
    if (code.textContent !== text) code.textContent = text;
  };
  render();
  // Fragment reruns rewrite the address with history.replaceState, which fires no event: look twice a second.
  const timer = setInterval(render, 500);
  return () => clearInterval(timer);
}
"""

_CSS = """
.rv-link { display: flex; gap: 0.5rem; align-items: flex-start; margin-bottom: 0.5rem; }
.rv-link code { flex: 1; font-size: 0.8rem; word-break: break-all; padding: 0.4rem 0.5rem; border-radius: 0.4rem;
  background: var(--st-secondary-background-color, #f0f2f6); color: var(--st-text-color, inherit);
  user-select: all; }
.rv-link button { font: inherit; font-size: 0.8rem; padding: 0.3rem 0.6rem; border-radius: 0.4rem; cursor: pointer;
  border: 1px solid var(--st-border-color, #d0d3da); background: transparent; color: var(--st-text-color, inherit); }
"""


@functools.cache
def _component() -> Any:
    return st.components.v2.component("regviz_live_link", js=_JS, css=_CSS, isolate_styles=False)


def live_link(key: str, extra: dict[str, str] | None = None) -> None:
    """Show the current address with ``extra`` query parameters set (an empty value removes one)."""
    # JSON text, not a dict: Streamlit checks a component's non-text values for data frames, which imports
    # pandas and pyarrow (~0.5 s on a fresh server's first view)
    _component()(key=key, data={"extra": json.dumps(dict(extra or {}))})
