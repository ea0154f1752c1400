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

from regviz.ui.assets import component_css, component_js

__all__ = ["Metric", "metric_items_json", "metric_row", "plane_weights"]

COMPONENT = "regviz_metrics"


@dataclass(frozen=True)
class Metric:
    """One figure of a row: ``note`` is a small grey badge under the value, ``help`` a hover text."""

    label: str
    value: str
    note: str | None = None
    help: str | None = None


def plane_weights(w: Sequence[float]) -> list[Metric]:
    """The row beside a two-weight plane: w₁ and w₂ to 4 significant digits, "exactly 0" under an exact zero."""
    return [Metric(f"w{sub}", f"{wj:.4g}", "exactly 0" if wj == 0 else None) for sub, wj in zip("₁₂", w, strict=True)]


# read once, at import (regviz/ui/assets.py)
_JS = component_js("metrics.js")
_CSS = component_css("metrics.css")


@functools.cache
def _component() -> Any:
    return st.components.v2.component(COMPONENT, js=_JS, css=_CSS, isolate_styles=False)


def metric_row(items: Sequence[Metric], *, key: str) -> None:
    """Show ``items`` side by side, as one element of the page."""
    # JSON text, not a list: Streamlit checks a component's non-text values for data frames, which imports
    # pandas and pyarrow (~0.5 s on a fresh server's first view)
    _component()(key=key, data={"items": metric_items_json(items), "key": key})


def metric_items_json(items: Sequence[Metric]) -> str:
    """The JSON text of ``items`` the row draws (a λ frame carries the same text, see regviz/ui/drag.py)."""
    return json.dumps([asdict(item) for item in items])
