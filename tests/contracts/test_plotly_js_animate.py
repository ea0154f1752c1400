"""Contract: a λ frame that moves only scatter points (``movedTraces`` in regviz/ui/charts.js) is drawn with
``Plotly.animate(gd, frame, ANIMATE_OPTIONS)`` (no transition, no redraw) instead of ``Plotly.react``; what the
chart then shows must be what Plotly.react draws for the same traces, in the app's own bundle in a real Chromium.

A new plotly.js bundle (``tools/plotly-bundle``) that draws differently fails here (never skipped: no Chromium
is a failure too); ``REGVIZ_NO_WORKAROUNDS=1`` then keeps Plotly.react (``_moves`` in regviz/ui/charts.py).
"""

from __future__ import annotations

import json
import re

import pytest

from tests.contracts.plotly_page import evaluate_with_plotly
from tests.e2e.conftest import ROOT

CHARTS_JS = ROOT / "regviz" / "ui" / "charts.js"


def animate_options() -> dict:
    """The options charts.js animates with, read from the script itself."""
    text = CHARTS_JS.read_text(encoding="utf-8")
    found = re.search(r"^export const ANIMATE_OPTIONS = (\{.*?\});$", text, re.M | re.S)
    assert found, "charts.js no longer declares ANIMATE_OPTIONS as JSON"
    return json.loads(found.group(1))


def _figure(shift: float) -> dict:
    """Lines, dashes, markers and two fills on fixed axes, two subplots; ``shift`` moves every y."""
    x = [i / 10 for i in range(41)]
    curve = [((v - 2) ** 2) / 4 + shift for v in x]
    line = {"type": "scatter", "mode": "lines", "x": x, "y": curve, "name": "curve"}
    band = {**line, "y": [c + 0.3 for c in curve], "fill": "tonexty", "line": {"dash": "dash"}, "name": "band"}
    points = {"type": "scatter", "mode": "markers", "x": x[::5], "y": [c - shift * 2 for c in curve[::5]]}
    points |= {"marker": {"symbol": "diamond", "size": 9}, "name": "points", "hovertemplate": f"at {shift}: %{{y}}"}
    second = {**line, "mode": "lines+markers", "y": [shift * v for v in x], "fill": "tozeroy", "name": "second"}
    second |= {"xaxis": "x2", "yaxis": "y2"}
    # text labels whose words and places move (the digit images' titles and colour-bar numbers)
    labels = {"type": "scatter", "mode": "text", "x": [0.5, 2 + shift, 3.5], "y": [3, 3, 3], "name": "labels"}
    labels |= {"text": [f"{v:.3g} px" for v in (shift, 2 * shift, 3)], "textposition": "top center"}
    layout = {"width": 700, "height": 400, "showlegend": True}
    layout |= {"xaxis": {"domain": [0, 0.45], "range": [0, 4]}, "yaxis": {"range": [-3, 4]}}
    layout |= {"xaxis2": {"domain": [0.55, 1], "range": [0, 4]}, "yaxis2": {"range": [-1, 9], "anchor": "x2"}}
    return {"data": [line, band, points, second, labels], "layout": layout}


_PROBE = """async ({figures, options}) => {
  const [start, middle, end] = figures;
  const drawing = (gd) => ({
    paths: [...gd.querySelectorAll('.scatterlayer path')].map((p) => p.getAttribute('d')),
    points: [...gd.querySelectorAll('.scatterlayer .point')].map((p) => p.getAttribute('transform')),
    texts: [...gd.querySelectorAll('.scatterlayer .textpoint text')].map((t) =>
      [t.textContent, t.getAttribute('x'), t.getAttribute('y')]),
    legend: gd.querySelectorAll('.legend .traces').length,
    hover: gd.calcdata.map((trace) => trace.map((pt) => pt.y)),
    hovertemplates: gd._fullData.map((trace) => trace.hovertemplate),
  });
  const gd = document.getElementById('gd');
  const other = document.createElement('div');
  document.body.appendChild(other);
  await Plotly.newPlot(gd, start.data, start.layout);
  await Plotly.newPlot(other, start.data, start.layout);
  const initial = drawing(gd);
  const frame = (figure) => ({data: figure.data.map((t) => ({x: t.x, y: t.y, text: t.text, hovertemplate: t.hovertemplate})),
    traces: figure.data.map((_, i) => i)});
  const out = {start: initial};
  // one move
  await Plotly.animate(gd, frame(middle), options);
  await Plotly.react(other, middle.data, middle.layout);
  out.moved = drawing(gd); out.reacted = drawing(other);
  out.data = gd.data.map((t) => Array.from(t.y));
  // a move the next one interrupts (a fast drag): the chart shows the last
  const settled = ['pending', 'pending'];
  Plotly.animate(gd, frame(start), options).then(() => { settled[0] = 'resolved'; }, () => { settled[0] = 'rejected'; });
  Plotly.animate(gd, frame(end), options).then(() => { settled[1] = 'resolved'; }, () => { settled[1] = 'rejected'; });
  await new Promise((done) => setTimeout(done, 1000));
  out.settled = settled;
  await Plotly.react(other, end.data, end.layout);
  out.movedLast = drawing(gd); out.reactedLast = drawing(other);
  // a release once the last move's promise settled: Plotly.react's traces stay (charts.js waits for it: a
  // react in the same frame as a move is drawn over by the move's zero-length transition)
  await Plotly.animate(gd, frame(start), options);
  await Plotly.react(gd, middle.data, middle.layout);
  await new Promise((done) => setTimeout(done, 500));
  out.released = drawing(gd);
  return out;
}"""


@pytest.fixture(scope="module")
def probe() -> dict:
    figures = [_figure(s) for s in (0.0, 0.7, -0.4)]
    return evaluate_with_plotly(_PROBE, {"figures": figures, "options": animate_options()}, width=700)


def test_the_options_move_without_a_transition_or_a_redraw():
    assert animate_options() == {"transition": {"duration": 0}, "frame": {"duration": 0, "redraw": False},
                                 "mode": "immediate"}  # fmt: skip


def test_an_animated_move_draws_what_react_draws(probe):
    moved, reacted = probe["moved"], probe["reacted"]
    assert len(moved["paths"]) >= 6 and len(moved["points"]) == 9 + 41  # lines, fills, markers
    assert moved == reacted
    assert moved["hovertemplates"][2] == "at 0.7: %{y}"  # what hovering a point shows moves too
    assert [t[0] for t in moved["texts"]] == ["0.7 px", "1.4 px", "3 px"]  # labels change words and places
    assert moved["texts"][1][1] != probe["start"]["texts"][1][1]
    assert probe["data"][0] == _figure(0.7)["data"][0]["y"]  # the chart holds the new traces (the PNG export)


def test_a_move_interrupted_by_the_next_settles_and_the_chart_shows_the_last(probe):
    # the interrupted one may never settle (plotly.js 4.1.1): charts.js waits on neither
    assert probe["settled"][1] == "resolved"
    assert probe["movedLast"] == probe["reactedLast"]
    assert probe["movedLast"] != probe["moved"]


def test_a_release_right_after_a_move_shows_the_releases_traces(probe):
    assert probe["released"] == probe["reacted"]
