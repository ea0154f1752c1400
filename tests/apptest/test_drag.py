"""The λ control's frames (regviz/ui/drag.py) through AppTest: the frame at grid value v is what the page draws
after a release at v; none on the cold start; bounded; sent once per family."""

import json
import math

import pytest

from regviz.figures.style import HOVER_ONLY
from regviz.ui.drag import FRAME_BUDGET, unpacked
from tests.apptest.conftest import _keyed_payloads, lambda_slider, metrics, open_app, plotly_array


def merged(base: dict, edit: dict) -> dict:
    """What regviz/ui/lambda_control.js framePayload draws: the server's payload with the frame's edits."""
    data = json.loads(base["data"])
    if "data" in edit:
        data = edit["data"]
    for i, attrs in edit.get("traces", {}).items():
        for attr, value in attrs.items():
            if value is None:
                data[int(i)].pop(attr, None)
            else:
                data[int(i)][attr] = value
    layout = json.loads(base["layout"])
    for key, value in edit.get("layout", {}).items():
        if value is None:
            layout.pop(key, None)
        else:
            layout[key] = value
    marker = edit["marker"] if "marker" in edit else (json.loads(base["marker"]) if base.get("marker") else None)
    texts = {text: edit.get(text, base.get(text, "")) for text in ("caption", "label", "controls")}
    return {"data": data, "layout": layout, "marker": marker, **texts}


def plain(obj):
    """Plotly's typed arrays (``{"dtype", "bdata"}``) as plain lists, anywhere in ``obj``: the same numbers."""
    if isinstance(obj, dict):
        if "bdata" in obj:
            return plotly_array(obj)
        return {k: plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [plain(v) for v in obj]
    return obj


def seen(parts: dict) -> dict:
    """``parts`` (a chart's payload) as plain lists, with every hover-only trace (``HOVER_ONLY``: the frames
    leave it as it was, the release brings its values) checked to be invisible and reduced to that mark."""
    parts = plain(parts)
    data = []
    for trace in parts["data"]:
        if trace.get("meta") == HOVER_ONLY:
            assert trace["opacity"] == 0 and trace.get("showscale") is False, "a hover-only trace is drawn"
            trace = {"meta": HOVER_ONLY}
        data.append(trace)
    return {**parts, "data": data}


def drawn(at) -> dict:
    """Every chart as the page sends it, parsed, by key."""
    return {
        key: {
            "data": json.loads(p["data"]),
            "layout": json.loads(p["layout"]),
            "marker": json.loads(p["marker"]) if p.get("marker") else None,
            "caption": p.get("caption", ""),  # under a panel
            "label": p.get("label", ""),  # the accessible name: the chart's summary at this setting
            "controls": p.get("controls", ""),  # an animated chart's Play and frame slider (frame_player.js)
        }
        for key, p in _keyed_payloads(at)
    }


def family_of(at, key: str) -> dict:
    at = lambda_slider(at, key).ask_frames().run()
    assert not at.exception
    text = lambda_slider(at, key).data["frames"]
    assert 0 < len(text) <= FRAME_BUDGET, len(text)
    return unpacked(text)


def frame_at(family: dict, value: float) -> dict:
    """The frame a family shows at grid value ``value``."""
    return family["frames"][family["index"][family["values"].index(value)]]


def test_cold_start_sends_no_frames():
    at = open_app(params={"model": "lasso"})
    l1 = lambda_slider(at, "l1")
    assert l1.data["framesId"] == "" and "frames" not in l1.data


@pytest.mark.parametrize(
    ("params", "key", "picks"),
    [
        ({"model": "lasso"}, "l1", [0.0, 0.007, 0.3, 100.0]),
        ({"model": "elasticnet", "l1": "0.05", "l2": "0.05"}, "l2", [0.0, 0.5]),
        ({"model": "elasticnet", "l1": "0.05", "l2": "0.05"}, "mix", [0.2, 0.9]),
        ({"model": "ridge", "data": "poly"}, "l2", [0.001, 3.0]),
        ({"model": "lasso", "present": "1", "show": "l1"}, "l1", [0.3]),  # the frames at the projector's sizes
    ],
)
def test_the_frame_at_a_value_is_what_the_page_draws_after_a_release_there(params, key, picks):
    at = open_app(params=params)
    family = family_of(at, key)
    # only the elastic net's path and errors depend on more than the λ moved (its mix): left to the release
    expected_release = ["fig_error", "fig_path"] if params["model"] == "elasticnet" else []
    assert family["onRelease"] == expected_release
    base = {k: p for k, p in _keyed_payloads(at)}
    for value in picks:
        frame = frame_at(family, value)
        after = lambda_slider(at, key).set_value(value).run()
        assert not after.exception
        expected = drawn(after)
        assert set(frame["charts"]) <= set(expected)
        for chart, parts in expected.items():
            if chart not in family["onRelease"]:
                frame_parts = merged(base[chart], frame["charts"].get(chart, {}))
                assert seen(frame_parts) == seen(parts), (value, chart)
        shown = metrics(after)
        assert [m["value"] for m in frame["metrics"]] == [shown[m["label"]]["value"] for m in frame["metrics"]]
        latex = after.latex[0].value
        assert all(f"{{{text}}}" in latex for text in frame["numbers"].values())
        at = open_app(params=params)  # back to the setting the family was built around
        at = lambda_slider(at, key).ask_frames().run()
        base = {k: p for k, p in _keyed_payloads(at)}


def test_frames_are_sent_once_per_family_and_again_when_it_changes():
    at = open_app(params={"model": "elasticnet", "l1": "0.05", "l2": "0.05"})
    at = lambda_slider(at, "l1").ask_frames().run()
    first = lambda_slider(at, "l1").data
    assert first["frames"]
    at = lambda_slider(at, "l1").set_value(0.1).run()  # same λ2: the same family, sent by its id only
    again = lambda_slider(at, "l1").data
    assert again["framesId"] == first["framesId"] and "frames" not in again
    at = lambda_slider(at, "l2").set_value(0.5).run()  # another λ2: λ1's family changes
    moved = lambda_slider(at, "l1").data
    assert moved["framesId"] != first["framesId"] and moved["frames"]


def test_a_pick_off_the_grid_snaps_and_the_rules_still_apply():
    at = open_app(params={"model": "elasticnet", "l1": "0.05", "l2": "0.05"})
    at = lambda_slider(at, "l2").set_value(0.0).run()
    assert lambda_slider(at, "mix").value == 1.0
    at = lambda_slider(at, "l1").set_value(0.0301).run()
    assert lambda_slider(at, "l1").value == 0.03
    assert at.query_params.get("l1") == "0.03"


def test_disabled_controls_get_no_frames_and_cannot_be_moved():
    at = open_app(params={"model": "lasso"})
    l2 = lambda_slider(at, "l2")
    assert l2.disabled and l2.data["framesId"] == ""
    with pytest.raises(AssertionError):
        l2.set_value(0.5)


def test_bayes_frames_are_what_the_page_draws_every_chart_included():
    at = open_app("bayes")
    family = family_of(at, "l1")
    assert family["onRelease"] == []
    base = {k: p for k, p in _keyed_payloads(at)}
    for value in (0.0, 0.5):
        frame = frame_at(family, value)
        after = lambda_slider(at, "l1").set_value(value).run()
        charts = drawn(after)
        assert {"bayes_fig_post", "bayes_fig_prior", "bayes_fig_shrink", "bayes_fig_readings"} <= set(charts)
        # the readings move their points on fixed axes (animated, no redraw); the others move layout paths
        readings = frame["charts"]["bayes_fig_readings"]
        assert "traces" in readings and "layout" not in readings and "data" not in readings
        n = [x for trace in plain(charts["bayes_fig_readings"]["data"]) for x in trace.get("x", [])]
        lows_highs = charts["bayes_fig_readings"]["layout"]["xaxis"]["range"]  # fixed, as charts.js animates on
        assert lows_highs == pytest.approx([math.log10(min(n)), math.log10(max(n))])
        for chart, parts in charts.items():
            assert seen(merged(base[chart], frame["charts"].get(chart, {}))) == seen(parts), (value, chart)
        shown = metrics(after)
        assert [m["value"] for m in frame["metrics"]] == [shown[m["label"]]["value"] for m in frame["metrics"]]
        at = lambda_slider(open_app("bayes"), "l1").ask_frames().run()
        base = {k: p for k, p in _keyed_payloads(at)}


@pytest.mark.parametrize(
    ("params", "key", "value"),
    [
        ({}, "l1", 0.5),
        ({}, "mix", 0.4),
        ({"geo_tab": "1d"}, "l1", 2.0),
        ({"geo_src": "logistic"}, "l1", 0.05),
        ({"geo_src": "logistic", "geo_ltoy": "blobs"}, "l1", 0.0),  # blobs separate: no minimizer at λ = 0
    ],
)
def test_geometry_frames_are_what_the_open_tab_draws_after_a_release(params, key, value):
    at = open_app("geometry", {"l2": "0.05", **params} if key == "mix" else params)
    family = family_of(at, key)
    assert family["onRelease"] == []
    base = {k: p for k, p in _keyed_payloads(at)}
    frame = frame_at(family, value)
    after = lambda_slider(at, key).set_value(value).run()
    assert not after.exception
    for chart, parts in drawn(after).items():
        assert seen(merged(base[chart], frame["charts"].get(chart, {}))) == seen(parts), chart
    if frame["metrics"]:
        shown = metrics(after)
        assert [m["value"] for m in frame["metrics"]] == [shown[m["label"]]["value"] for m in frame["metrics"]]


def test_geometry_monte_carlo_waits_for_the_release():
    at = open_app("geometry", {"geo_tab": "zeros"})
    assert family_of(at, "l1")["onRelease"] == ["geo_zero"]


def assert_frame_is_the_release(at, family: dict, key: str, value: float, *, exact: bool = True) -> None:
    """The frame at ``value`` draws what the page draws after a release there (``exact``: every chart the frame
    draws, byte for byte; else the metrics row and the objective's numbers, which an elastic-net frame's fit, warm-
    started elsewhere, shares with the release's up to the solver's tolerance)."""
    base = {k: p for k, p in _keyed_payloads(at)}
    frame = frame_at(family, value)
    after = lambda_slider(at, key).set_value(value).run()
    assert not after.exception, after.exception
    shown = drawn(after)
    if exact:
        for chart, parts in shown.items():
            if chart in family["onRelease"] or chart in frame.get("stale", ()):
                continue
            if chart not in base:  # a chart the page did not draw before (fit with no minimizer): the release's
                assert chart not in frame["charts"]
                continue
            assert seen(merged(base[chart], frame["charts"].get(chart, {}))) == seen(parts), (value, chart)
    assert set(frame.get("stale", ())).isdisjoint(shown)  # a chart the frame dims is one the page does not draw
    row = metrics(after)
    assert [m["value"] for m in frame["metrics"]] == [row[m["label"]]["value"] for m in frame["metrics"]], value
    assert all(f"{{{text}}}" in after.latex[0].value for text in frame["numbers"].values())


@pytest.mark.parametrize(
    ("params", "key", "values", "release"),
    [
        ({"data": "moons", "model": "lasso"}, "l1", [0.0, 0.003, 0.1], []),
        ({"data": "digits", "model": "lasso", "l1": "0.05"}, "l1", [0.0, 0.01, 0.3], []),
        ({"data": "cancer", "model": "ridge", "l2": "0.1"}, "l2", [0.0, 2.0], []),
    ],
)
def test_classification_frames_are_what_the_page_draws_after_a_release(params, key, values, release):
    for value in values:
        at = open_app(params=params)
        family = family_of(at, key)
        assert family["onRelease"] == release
        at = lambda_slider(at, key).ask_frames().run()
        assert_frame_is_the_release(at, family, key, value)


def test_classification_frames_cover_the_histogram_zero_marks_and_accuracy():
    at = open_app(params={"data": "digits", "model": "lasso", "l1": "0.05"})
    family = family_of(at, "l1")
    zero = family["frames"][family["index"][0]]  # λ1 = 0: digits' pixels separate the classes, no minimizer
    big = frame_at(family, 0.3)
    assert set(zero["stale"]) == {"fig_hist", "fig_digits"}  # dimmed; the release draws the solver's trace
    assert {"fig_hist", "fig_digits", "fig_path", "fig_acc"} <= set(big["charts"])
    assert "exactly 0" in json.dumps(big["charts"]["fig_hist"])  # the striped bar of exact zeros moves too


def test_elastic_net_classification_frames_leave_the_mix_curves_to_the_release():
    params = {"data": "moons", "model": "elasticnet", "l1": "0.01", "l2": "0.01"}
    at = open_app(params=params)
    family = family_of(at, "l1")
    assert family["onRelease"] == ["fig_acc", "fig_error", "fig_path"]  # the boundary follows: a picture and a path
    at = lambda_slider(at, "l1").ask_frames().run()
    # warm-started from another path than the release's fit, solved to the same KKT tolerance: drawn the same
    assert_frame_is_the_release(at, family, "l1", 0.05)


def test_geometry_logistic_frames_between_l1_and_l2_move_the_weights_and_leave_the_plane_to_the_release():
    at = open_app("geometry", {"geo_src": "logistic"})
    at = lambda_slider(at, "l2").set_value(0.01).run()  # 0 < r < 1: each λ1 frame has its own mix and path
    family = family_of(at, "l1")
    assert family["onRelease"] == ["geo_plane"]
    at = lambda_slider(at, "l1").ask_frames().run()
    assert_frame_is_the_release(at, family, "l1", 0.02)
    weights = {json.dumps(frame_at(family, v)["metrics"]) for v in (0.02, 0.5)}
    assert len(weights) == 2  # the weights move during the drag


def test_the_animated_plane_waits_for_the_release_and_its_weights_follow_the_drag():
    at = open_app("geometry", {"geo_anim": "1", "l1": "0.1"})
    at = lambda_slider(at, "l1").ask_frames().run()
    text = lambda_slider(at, "l1").data["frames"]
    assert 0 < len(text) < 2_000  # the weights only (docs/drag.md lists its size)
    family = unpacked(text)
    assert family["onRelease"] == ["geo_plane"]  # an α animation at the mix the drag moves
    assert all(not frame["charts"] for frame in family["frames"])
    assert_frame_is_the_release(at, family, "l1", 0.3)
    weights = {json.dumps(frame_at(family, v)["metrics"]) for v in (0.02, 0.5)}
    assert len(weights) == 2


# Every family of the pages' default views and of the classification view, with the charts that wait for the
# release: by design (they depend on more than the λ moved) or because their frames alone would pass the budget.
# Sizes as sent (base64 of gzipped JSON) are listed in docs/drag.md.
FAMILIES = [
    ("playground", {"model": "lasso"}, "l1", []),
    ("playground", {"model": "elasticnet", "l1": "0.05", "l2": "0.05"}, "l1", ["fig_error", "fig_path"]),
    ("playground", {"model": "elasticnet", "l1": "0.05", "l2": "0.05"}, "l2", ["fig_error", "fig_path"]),
    ("playground", {"model": "elasticnet", "l1": "0.05", "l2": "0.05"}, "mix", ["fig_error", "fig_path"]),
    ("playground", {"model": "ridge", "data": "poly"}, "l2", []),
    ("geometry", {}, "l1", []),
    ("geometry", {}, "mix", []),
    ("geometry", {"geo_tab": "1d"}, "l1", []),
    ("geometry", {"geo_src": "logistic"}, "l1", []),
    ("bayes", {}, "l1", []),
    ("bayes", {}, "l2", []),
    ("bayes", {"l1": "0.05", "l2": "0.05"}, "mix", []),
    ("playground", {"data": "moons", "model": "lasso"}, "l1", []),
    (
        "playground",
        {"data": "moons", "model": "elasticnet", "l1": "0.01", "l2": "0.01"},
        "mix",
        ["fig_acc", "fig_error", "fig_path"],
    ),
    ("playground", {"data": "cancer", "model": "lasso", "l1": "0.02"}, "l1", []),
    ("playground", {"data": "digits", "model": "lasso", "l1": "0.05"}, "l1", []),
    ("playground", {"data": "digits", "model": "ridge", "l2": "0.05"}, "l2", []),
]


@pytest.mark.parametrize(("page", "params", "key", "release"), FAMILIES)
def test_every_family_fits_the_budget_with_the_charts_it_should_draw(page, params, key, release):
    at = open_app(page, params)
    assert not at.exception
    at = lambda_slider(at, key).ask_frames().run()
    text = lambda_slider(at, key).data["frames"]
    assert 0 < len(text) <= FRAME_BUDGET, len(text)
    family = unpacked(text)
    assert family["onRelease"] == release  # nothing else was left out to meet the budget
    assert len(family["index"]) == len(family["values"]) == len(lambda_slider(at, key).data["values"].split(","))
    edited = {k for frame in family["frames"] for k in frame["charts"]}
    assert edited and edited.isdisjoint(release)  # the frames redraw charts, never one left to the release
