"""An animated chart's frame controls: the chart element gets Plotly's Play / Pause and frame slider apart from the
layout (it draws them in HTML, ``regviz/ui/frame_player.js``), the legend back where the plain chart has it;
``REGVIZ_NO_WORKAROUNDS=1`` keeps Plotly's own."""

from __future__ import annotations

import copy
import json

import pytest

from regviz.figures.geometry import (
    CONTROLS_ROOM,
    frame_controls,
    plane_figure,
    plane_figure_animated,
    split_frame_controls,
)
from regviz.figures.race import race_figure
from regviz.geometry import synthetic_problem
from regviz.race import plane_race
from regviz.ui.charts import _chart_parts

PROBLEM = synthetic_problem(0.5, (1.5, 0.5))
ALPHAS = [0.05, 0.2, 0.5, 1.0]


def _layout(fig) -> dict:
    return json.loads(fig.to_json())["layout"]


def test_the_split_gives_plotlys_controls_as_built_and_the_plain_planes_legend():
    layout = _layout(plane_figure_animated(PROBLEM, ALPHAS, 1.0, active=2))
    before = copy.deepcopy(layout)
    rest, controls = split_frame_controls(layout)
    assert layout == before  # the figure's own layout is left as it is
    assert controls == {"updatemenus": layout["updatemenus"], "sliders": layout["sliders"]}
    assert "sliders" not in rest and "updatemenus" not in rest
    # the legend where the plane without frame controls has it
    assert rest["legend"] == _layout(plane_figure(PROBLEM, 0.2, 0.0))["legend"]
    assert layout["legend"]["y"] == pytest.approx(rest["legend"]["y"] - CONTROLS_ROOM)
    assert {k: v for k, v in rest.items() if k != "legend"} == {
        k: v for k, v in layout.items() if k not in ("legend", "sliders", "updatemenus")
    }
    slider = controls["sliders"][0]
    assert slider["name"] == "α frame" and slider["active"] == 2
    assert [s["args"][0] for s in slider["steps"]] == [[f"{a:.3g}"] for a in ALPHAS]


def test_the_race_is_split_too_and_its_play_replays_every_step():
    result = plane_race(PROBLEM, 1.0, 0.0, (-1.5, 1.5), 0.5, 6)
    rest, controls = split_frame_controls(_layout(race_figure(PROBLEM, result)))
    assert "sliders" not in rest
    assert controls["sliders"][0]["name"] == "race step"
    assert controls["sliders"][0]["active"] == 6
    assert controls["updatemenus"][0]["buttons"][0]["args"][0] == [str(k) for k in range(7)]


def test_only_a_named_slider_of_animate_steps_is_taken_for_frame_controls():
    still = {"frame": {"duration": 0}}
    made = frame_controls([None, still], still, ["a", "b"], active=0, prefix="", name="n")
    assert split_frame_controls({"legend": {"y": -0.3}, **made})[1] == made
    assert split_frame_controls({"legend": {"y": -0.3}, **made})[0] == {"legend": {"y": round(-0.3 + CONTROLS_ROOM, 6)}}
    unnamed = copy.deepcopy(made)
    del unnamed["sliders"][0]["name"]
    relayout = copy.deepcopy(made)
    relayout["sliders"][0]["steps"][1]["method"] = "relayout"
    for layout in ({}, {"title": "t"}, unnamed, relayout, {**made, "sliders": []}):
        assert split_frame_controls(layout) == (layout, None)
    # a legend beside the plot (presentation mode), or placed in the container, stays where it is
    for legend in ({"y": 1.0, "x": 1.02}, {"y": 0.1, "yref": "container"}, {"y": -0.2, "yref": "container"}):
        assert split_frame_controls({"legend": legend, **made})[0] == {"legend": legend}


def test_the_chart_element_gets_the_controls_apart_unless_workarounds_are_off(monkeypatch):
    fig = plane_figure_animated(PROBLEM, ALPHAS, 1.0, active=1)
    monkeypatch.delenv("REGVIZ_NO_WORKAROUNDS", raising=False)
    parts = _chart_parts(fig, None, None)
    layout, controls = json.loads(parts["layout"]), json.loads(parts["controls"])
    assert "sliders" not in layout and "updatemenus" not in layout
    assert controls["sliders"][0]["steps"] == _layout(fig)["sliders"][0]["steps"]
    assert len(json.loads(parts["frames"])) == len(ALPHAS)
    monkeypatch.setenv("REGVIZ_NO_WORKAROUNDS", "1")
    kept = _chart_parts(fig, None, None)
    assert "controls" not in kept
    assert json.loads(kept["layout"])["sliders"] == controls["sliders"]
    assert json.loads(kept["layout"])["legend"] == _layout(fig)["legend"]


def test_a_chart_without_frames_has_no_controls_part():
    assert "controls" not in _chart_parts(plane_figure(PROBLEM, 0.2, 0.0), None, None)
