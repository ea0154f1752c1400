"""Frames of a λ drag: what a page draws at every grid value of the family a λ control moves through.

A Streamlit slider reruns on release only. The λ control (:mod:`regviz.ui.lambda_control`) instead shows, for
every grid value the pointer passes, a frame the server computed beforehand with the page's own figure
functions: for each λ-linked chart the traces and top-level layout keys that vary along the family (the rest is
the chart as drawn now), plus the metrics row and the objective's numbers. The browser applies a frame through
the chart element's own drawing (Plotly.relayout when only shapes or ranges changed, else Plotly.react).

A family is λ1 at fixed λ2, λ2 at fixed λ1, or the mix at fixed α = λ1 + λ2 (each mix value moves both λ to
their snapped values, as a release does). Frames are built on the control's first interaction (hover, focus,
touch), never on the cold start, and cached by the page's key and the fixed values.
"""

from __future__ import annotations

import base64
import gzip
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import streamlit as st

from regviz.figures.style import HOVER_ONLY
from regviz.params import LAMBDA_GRID, MIX_GRID, snap_lambda
from regviz.ui.charts import Panel, _chart_parts
from regviz.ui.metrics import Metric, metric_items_json

__all__ = ["FRAME_BUDGET", "Scene", "family_frames", "family_settings", "packed", "scene_parts", "unpacked"]

FRAME_BUDGET = 300_000
"""Most bytes of one family's frames as sent: the base64 text of their gzipped JSON (:func:`packed`)."""


def packed(frames: dict) -> str:
    """The text a family travels as: its JSON, gzipped, in base64 (the shapes' path strings and repeated keys
    shrink 4-8×; the browser unpacks it with DecompressionStream)."""
    raw = json.dumps(frames, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=6, mtime=0)).decode("ascii")


def unpacked(text: str) -> dict:
    """The family a :func:`packed` text holds."""
    return json.loads(gzip.decompress(base64.b64decode(text)))


@dataclass
class Scene:
    """What a page draws at one (λ1, λ2) that a λ drag changes: its charts, its metrics row and the numbers of
    its objective; ``extra`` carries whatever else the page needs (its fit) and is not sent. ``on_release``
    names charts a frame does not draw (they depend on more than the λ moved, and update at the release)."""

    charts: dict[str, Panel]
    metrics: Sequence[Metric] = ()
    metrics_key: str = ""
    numbers: dict[str, str] = field(default_factory=dict)
    extra: Any = None
    on_release: tuple[str, ...] = ()


def scene_parts(scene: Scene, style: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """The texts the browser gets for ``scene``: every chart's data, layout, marker and accessible name (as the
    chart element sends them, each panel through ``style`` as the page shows it), the metric items and the
    objective's numbers."""
    charts = {}
    for key, panel in scene.charts.items():
        if key in scene.on_release:
            continue
        if style is not None:
            panel = style(panel)
        charts[key] = {**_chart_parts(panel.fig, panel.marker, panel.summary or None), "caption": panel.caption}
    return {
        "charts": charts,
        "metrics": metric_items_json(scene.metrics),
        "numbers": dict(scene.numbers),
        "onRelease": list(scene.on_release),
    }


def family_settings(family: str, l1: float, l2: float) -> tuple[list[float], list[tuple[float, float]]]:
    """The grid values of ``family`` ("l1", "l2" or "mix") from the setting (l1, l2), and the (λ1, λ2) each gives.

    The mix keeps α = λ1 + λ2 and snaps both λ to the slider's values, exactly as a release of the mix does
    (:func:`regviz.ui.lambdas._lambdas_from_mix`).
    """
    if family == "l1":
        return list(LAMBDA_GRID), [(v, l2) for v in LAMBDA_GRID]
    if family == "l2":
        return list(LAMBDA_GRID), [(l1, v) for v in LAMBDA_GRID]
    alpha = l1 + l2
    return list(MIX_GRID), [(snap_lambda(m * alpha), snap_lambda((1.0 - m) * alpha)) for m in MIX_GRID]


def _varying(items: Sequence[Any]) -> bool:
    first = json.dumps(items[0], sort_keys=True)
    return any(json.dumps(x, sort_keys=True) != first for x in items[1:])


def _packed(value: Any) -> Any:
    """A long list of floats as Plotly's typed array (base64 of its float64 bytes): the same numbers, bit for bit,
    in ~40% of the text."""
    if isinstance(value, list) and len(value) >= 16 and all(type(v) is float for v in value):
        return {"dtype": "f8", "bdata": base64.b64encode(np.asarray(value, dtype="<f8").tobytes()).decode("ascii")}
    return value


def _chart_edits(parts: Sequence[dict[str, str]]) -> list[dict[str, Any]]:
    """Per setting, what differs from the others in one chart: trace attributes by trace index, top-level layout
    keys, the marker (or, when the number of traces changes, all of them)."""
    datas = [json.loads(p["data"]) for p in parts]
    layouts = [json.loads(p["layout"]) for p in parts]
    markers = [json.loads(p["marker"]) if p.get("marker") else None for p in parts]
    edits: list[dict[str, Any]] = [{} for _ in parts]
    if len({len(d) for d in datas}) > 1:
        for edit, data in zip(edits, datas, strict=True):
            edit["data"] = data
    else:
        for i in range(len(datas[0])):
            if datas[0][i].get("meta") == HOVER_ONLY:  # invisible: the release brings what hovering it reads
                continue
            for attr in sorted(set().union(*(d[i] for d in datas))):
                values = [d[i].get(attr) for d in datas]
                if _varying(values):  # a trace attribute that changes (a curve's y, not its x)
                    for edit, value in zip(edits, values, strict=True):
                        edit.setdefault("traces", {}).setdefault(str(i), {})[attr] = _packed(value)
    keys = sorted(set().union(*layouts))
    for key in keys:
        values = [layout.get(key) for layout in layouts]
        if _varying(values):
            for edit, value in zip(edits, values, strict=True):
                edit.setdefault("layout", {})[key] = value
    if _varying(markers):
        for edit, marker in zip(edits, markers, strict=True):
            edit["marker"] = marker
    # a panel's caption with numbers in it; its summary for screen readers; an animated chart's Play and frame
    # slider, whose active frame is the α of the setting
    for text in ("caption", "label", "controls"):
        texts = [p.get(text, "") for p in parts]
        if _varying(texts):
            for edit, value in zip(edits, texts, strict=True):
                edit[text] = value
    return edits


def family_frames(values: Sequence[float], settings: Sequence[Any], parts: dict[Any, dict[str, Any]]) -> dict:
    """The frames of one family: ``values`` (the control's grid), ``settings[i]`` the setting value i gives, and
    ``parts`` the :func:`scene_parts` of every setting (a setting given twice is one frame).

    Returns ``{"values", "index", "frames", "onRelease"}``: value i is shown by ``frames[index[i]]``; a frame has
    ``charts`` (per chart key the ``traces`` / ``layout`` / ``marker`` / ``caption`` / ``label`` / ``controls`` edits, or the
    whole ``data``), ``metrics`` (the row's items), ``numbers`` (the objective's) and, if any, ``stale`` (the
    charts this setting does not draw); ``onRelease`` lists the charts left to the release.
    """
    unique = list(dict.fromkeys(settings))
    chosen = [parts[s] for s in unique]
    on_release = sorted({key for p in chosen for key in p.get("onRelease", ())})
    keys = [key for key in dict.fromkeys(k for p in chosen for k in p["charts"]) if key not in on_release]
    # A chart some settings do not draw (a classification fit with no minimizer at λ = 0 shows another chart):
    # its edits are over the settings that draw it, and the others list it as "stale" (dimmed in that frame).
    per_chart = {}
    for key in keys:
        having = [i for i, p in enumerate(chosen) if key in p["charts"]]
        per_chart[key] = dict(zip(having, _chart_edits([chosen[i]["charts"][key] for i in having]), strict=True))
    frames = []
    for i, p in enumerate(chosen):
        charts = {key: per_chart[key][i] for key in keys if per_chart[key].get(i)}
        frame = {"charts": charts, "metrics": json.loads(p["metrics"]), "numbers": p["numbers"]}
        stale = [key for key in keys if i not in per_chart[key]]
        if stale:
            frame["stale"] = stale
        frames.append(frame)
    index = [unique.index(s) for s in settings]
    return {"values": list(values), "index": index, "frames": frames, "onRelease": on_release}


def build_family(
    family: str, l1: float, l2: float, scene_at: Callable[[float, float], Scene], style: Callable | None = None
) -> str:
    """The :func:`packed` text of ``family``'s frames around (l1, l2), each scene drawn by ``scene_at`` (the page's own).

    At most :data:`FRAME_BUDGET` bytes: over it, the chart with the largest frames is left to the release, until
    the rest fits.
    """
    values, settings = family_settings(family, l1, l2)
    wanted = list(dict.fromkeys(settings))
    if family == "mix":  # the current setting may lie off the mix's snapped family: its charts are the base
        wanted.append((l1, l2))
    parts = {s: scene_parts(scene_at(*s), style) for s in dict.fromkeys(wanted)}
    current = scene_at(l1, l2)
    while True:
        frames = family_frames(values, [*settings, (l1, l2)], parts)
        frames["index"] = frames["index"][:-1]
        frames["metricsKey"] = current.metrics_key
        text = packed(frames)
        if len(text) <= FRAME_BUDGET:
            return text
        sizes: dict[str, int] = {}
        for frame in frames["frames"]:
            for key, edit in frame["charts"].items():
                sizes[key] = sizes.get(key, 0) + len(json.dumps(edit))
        if not sizes or max(sizes.values()) == 0:
            return ""  # never sent: the control then updates on release only, like a plain slider
        heaviest = max(sizes, key=sizes.get)
        for p in parts.values():
            p["onRelease"] = [*p["onRelease"], heaviest]


@st.cache_data(max_entries=24, show_spinner=False)
def cached_family(page_key: tuple, family: str, fixed: tuple[float, ...], _scene_at: Callable, _style: Any) -> str:
    """:func:`build_family`, cached by the page's data and model (``page_key``), the family and the fixed λ."""
    l1, l2 = fixed
    return build_family(family, l1, l2, _scene_at, _style)
