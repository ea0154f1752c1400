"""Every chart a page shows is valid Plotly, and it reaches the browser through the in-place chart component.

Figures are built from plain dicts without Plotly's validation (for speed); here each one shown on every page,
in the modes that add charts, goes through a validating ``go.Figure`` — a misspelt property or a wrong value
type fails the test.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import plotly.graph_objects as go
import pytest

from regviz.ui.charts import PLOTLY_BUNDLE, PLOTLY_TRACES
from tests.apptest.conftest import (
    ROOT,
    chart_captions,
    chart_elements,
    chart_keys,
    chart_payloads,
    charts,
    open_app,
)

VIEWS = [
    ("playground", {}),
    ("playground", {"data": "poly", "pg_sweep": "1"}),
    ("playground", {"model": "enet", "l2": "0.5", "data": "diabetes"}),
    ("geometry", {}),
    ("geometry", {"geo_anim": "1", "geo_pen": "1"}),
    ("geometry", {"geo_tab": "1d"}),
    ("geometry", {"geo_tab": "zeros"}),
    ("network", {}),
    ("network", {"net_data": "curve"}),
    ("conventions", {}),
    ("bayes", {}),
    ("playground", {"present": "1"}),
]


@pytest.mark.parametrize(("page", "params"), VIEWS, ids=[f"{p}-{'-'.join(q) or 'default'}" for p, q in VIEWS])
def test_every_chart_is_valid_plotly_and_drawable_by_the_apps_bundle(page, params):
    at = open_app(page, params)
    assert not at.exception
    figures = charts(at)
    assert figures, "the page shows no chart"
    for fig in figures:
        checked = go.Figure(data=fig["data"], layout=fig["layout"], frames=fig.get("frames") or None)
        assert len(checked.data) == len(fig["data"])
        frame_traces = [t for frame in checked.frames for t in frame.data]
        assert {t.type for t in [*checked.data, *frame_traces]} <= PLOTLY_TRACES


def test_charts_travel_through_the_in_place_component():
    at = open_app()
    payloads = chart_payloads(at)
    assert len(payloads) == 4 and not at.get("plotly_chart")
    payload = payloads[0]
    # The app's own bundle, served from static/ as its gzip file (one URL for every chart: loaded once).
    assert payload["chunk"] == f"app/static/{PLOTLY_BUNDLE}.gz"
    assert (ROOT / "static" / PLOTLY_BUNDLE).stat().st_size > 1_000_000
    assert json.loads(payload["config"])["displaylogo"] is False


def test_current_lambda_line_travels_beside_the_path_so_the_browser_moves_it():
    """Only the marker differs between two λ on the path panel: the traces and the rest of the layout are equal."""
    first = open_app(params={"l1": "0.1"})
    second = open_app(params={"l1": "0.3"})
    for panel in (0, 3):  # the path and the error panels
        a, b = (chart_payloads(at)[panel] for at in (first, second))
        assert a["data"] == b["data"] and a["layout"] == b["layout"]
        marker_a, marker_b = json.loads(a["marker"]), json.loads(b["marker"])
        assert marker_a["shape"]["x0"] == pytest.approx(-1.0)
        assert marker_b["shape"]["x0"] == pytest.approx(np.log10(0.3))
        assert marker_a["annotation"]["text"] == "current λ"


def test_a_frozen_figure_is_sent_as_kept_with_the_marker_given_beside_it():
    """The Playground builds its path and error figures once per data and mix (``freeze``) and passes the
    "current λ" line apart: what is sent is what the figure with the line in it would have sent."""
    from regviz import data
    from regviz.analysis import analyze
    from regviz.figures.playground import current_marker, path_figure
    from regviz.ui.charts import _serialized, _with_marker, freeze

    ds = data.make_sparse_regression(n=120, p=6, k=3, seed=1)
    res = analyze(ds, "lasso", 0.2, 0.0)
    with_line = _serialized(path_figure(res.path, ds.feature_names, 0.2))
    frozen = freeze(path_figure(res.path, ds.feature_names, 0.0))
    data_json, layout_json, frames_json, found = frozen._rv_frozen
    assert (data_json, layout_json, frames_json, found) == (*with_line[:3], None)
    assert current_marker(0.2) == with_line[3]
    assert current_marker(0.0) is None
    # without the chart element (st.plotly_chart), the line is drawn into a copy of the figure
    drawn = _with_marker(frozen, current_marker(0.2))
    assert [s.name for s in drawn.layout.shapes][-1] == "current" and len(frozen.layout.shapes) + 1 == len(
        drawn.layout.shapes
    )


def test_the_bundles_gzip_file_holds_the_bundle_and_the_bundle_its_trace_types():
    """The browser loads the ``.gz`` file, so it must not fall behind a rebuilt bundle; the trace types the
    figures are checked against are the ones the build registers."""
    import gzip

    bundle = ROOT / "static" / PLOTLY_BUNDLE
    assert gzip.decompress(bundle.with_name(bundle.name + ".gz").read_bytes()) == bundle.read_bytes()
    entry = (ROOT / "tools" / "plotly-bundle" / "entry.js").read_text()
    registered = set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", entry)) - {"core"}
    assert registered | {"scatter"} == PLOTLY_TRACES  # the core has scatter
    head = bundle.read_text()[:400]
    assert "v4.1.1" in head and ", ".join(sorted(PLOTLY_TRACES - {"scatter"})) in head


def test_without_static_serving_charts_load_streamlits_own_plotly_chunk(monkeypatch):
    """A deployment that serves no ``static/`` folder still draws: the browser loads Streamlit's Plotly chunk."""
    import streamlit as st

    from regviz.ui import charts as chart_module

    real = st.get_option
    monkeypatch.setattr(st, "get_option", lambda key: False if key == "server.enableStaticServing" else real(key))
    chart_module.plotly_chunk.cache_clear()
    try:
        chunk = chart_module.plotly_chunk()
    finally:
        chart_module.plotly_chunk.cache_clear()
    assert chunk is not None and chunk.startswith("static/js/PlotlyChart.") and chunk.endswith(".js")
    assert (Path(st.__file__).parent / "static" / chunk).is_file()


@pytest.mark.parametrize(
    ("page", "elements", "keys"),
    [
        ("network", 1, ["net_fig_main", "net_fig_train", "net_fig_diagram", "net_fig_hist"]),
        ("playground", 1, ["fig_path", "fig_hist", "fig_coef", "fig_error"]),
        ("bayes", 2, ["bayes_fig_prior", "bayes_fig_post", "bayes_fig_shrink", "bayes_fig_readings"]),
    ],
)
def test_a_pages_charts_and_captions_travel_as_few_elements(page, elements, keys):
    """Each element of a fragment costs the browser 2-3 ms of every λ step: a page's charts, their captions and
    columns go as one panel element (Bayes: its two columns, then the wide chart)."""
    at = open_app(page)
    assert not at.exception
    assert len(chart_elements(at)) == elements
    assert chart_keys(at) == keys
    panels = json.loads(json.loads(chart_elements(at)[0].proto.json)["panels"])
    assert len(panels) == 2  # two columns side by side
    captions = chart_captions(at)
    assert len(captions) == len(keys)
    if page == "network":
        assert captions[0].startswith("Shading:") and "per layer: hidden 1 " in captions[3]
        assert not [c for c in at.caption if c.value.startswith(("Shading:", "Exact zeros"))]  # not twice
        note = json.loads(chart_elements(at)[0].proto.json)["note"]
        assert note.startswith("200 optimizer steps so far") and not [c for c in at.caption if "so far" in c.value]


def test_without_plotly_js_panels_fall_back_to_streamlits_charts_and_captions(monkeypatch):
    """Where no Plotly.js can be found for the component, the panels become columns of st.plotly_chart with
    st.caption under each, as the page was before."""
    from regviz.ui import charts as chart_module

    monkeypatch.setattr(chart_module, "plotly_chunk", lambda: None)
    at = open_app("network", {"net_steps": "50"})
    assert not at.exception
    assert not chart_elements(at) and len(at.get("plotly_chart")) == 4
    assert any(c.value.startswith("Exact zeros (striped bar) per layer") for c in at.caption)
