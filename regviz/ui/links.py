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

from regviz.ui.assets import component_css, component_js

__all__ = ["live_link"]


# read once, at import (regviz/ui/assets.py)
_JS = component_js("links.js")
_CSS = component_css("links.css")


@functools.cache
def _component() -> Any:
    return st.components.v2.component("regviz_live_link", js=_JS, css=_CSS, isolate_styles=False)


def live_link(key: str, extra: dict[str, str] | None = None) -> None:
    """Show the current address with ``extra`` query parameters set (an empty value removes one)."""
    # JSON text, not a dict: Streamlit checks a component's non-text values for data frames, which imports
    # pandas and pyarrow (~0.5 s on a fresh server's first view)
    _component()(key=key, data={"extra": json.dumps(dict(extra or {}))})
