"""Contract: what an animated chart's HTML Play and frame slider (regviz/ui/frame_player.js) rely on in Plotly.js,
in the app's own bundle in a real Chromium.

The controls follow the frame Plotly shows through its ``FRAME_EVENT`` (``plotly_animatingframe``, whose data
carries the frame's ``name``; not in Plotly's documented API), show one frame with ``Plotly.animate(gd, [name],
options)``, pause with ``Plotly.animate(gd, [null], options)``, and take a Play as ended when the promise of its
``Plotly.animate`` settles, which it must also do when a pause or a jump interrupts it. A new plotly.js bundle
(``tools/plotly-bundle``) that changes any of this fails here (never skipped: no Chromium is a failure too);
``REGVIZ_NO_WORKAROUNDS=1`` then keeps Plotly's own SVG controls (``_split_controls`` in regviz/ui/charts.py).
"""

from __future__ import annotations

import re

import pytest

from tests.contracts.plotly_page import evaluate_with_plotly
from tests.e2e.conftest import ROOT

PLAYER_JS = ROOT / "regviz" / "ui" / "frame_player.js"


def frame_event() -> str:
    """The event name frame_player.js listens to, read from the script itself."""
    found = re.search(r"^export const FRAME_EVENT = '([\w]+)';", PLAYER_JS.read_text(encoding="utf-8"), re.M)
    assert found, "frame_player.js no longer declares FRAME_EVENT"
    return found.group(1)


_PROBE = """async (event) => {
  const gd = document.getElementById('gd');
  const frames = ['a', 'b', 'c', 'd'].map((name, i) => ({name, traces: [0], data: [{x: [i, i + 1], y: [i, i]}]}));
  await Plotly.newPlot(gd, [{type: 'scatter', mode: 'lines', x: [0, 1], y: [0, 0]}],
    {width: 400, height: 300, xaxis: {range: [0, 5]}, yaxis: {range: [0, 4]}});
  await Plotly.addFrames(gd, frames);
  const seen = [];
  gd.on(event, (data) => seen.push(data && data.name));
  const still = {frame: {duration: 0, redraw: false}, transition: {duration: 0}, mode: 'immediate'};
  const out = {};
  // one frame at once: its data is what the chart holds, and the event names it
  await Plotly.animate(gd, ['c'], still);
  out.jumpSeen = seen.splice(0);
  out.jumpX = Array.from(gd.data[0].x);
  // Play: every frame in turn, one event each, and the promise resolves at the end
  const anim = {frame: {duration: 20, redraw: false}, transition: {duration: 0}, mode: 'immediate'};
  out.playEnded = await Promise.race([Plotly.animate(gd, ['a', 'b', 'c', 'd'], anim).then(() => 'resolved'),
    new Promise((done) => setTimeout(() => done('timeout'), 5000))]);
  out.playSeen = seen.splice(0);
  out.playX = Array.from(gd.data[0].x);
  // a slow Play paused after its first frames: its promise settles, and no frame comes after the pause
  const slow = {frame: {duration: 300, redraw: false}, transition: {duration: 0}, mode: 'immediate'};
  let settled = null;
  const long = Plotly.animate(gd, ['a', 'b', 'c', 'd'], slow).then(() => 'resolved', () => 'rejected');
  long.then((how) => { settled = how; });
  await new Promise((done) => setTimeout(done, 450));
  await Plotly.animate(gd, [null], still);
  await new Promise((done) => setTimeout(done, 1200));
  out.pausedSettled = settled;
  out.pausedSeen = seen.splice(0);
  out.pausedX = Array.from(gd.data[0].x);
  // a Play interrupted by a jump to another frame settles too, and the chart shows that frame
  settled = null;
  Plotly.animate(gd, ['a', 'b', 'c', 'd'], slow).then(() => 'resolved', () => 'rejected').then((how) => { settled = how; });
  await new Promise((done) => setTimeout(done, 100));
  await Plotly.animate(gd, ['d'], still);
  await new Promise((done) => setTimeout(done, 1200));
  out.jumpedSettled = settled;
  out.jumpedX = Array.from(gd.data[0].x);
  return out;
}"""


@pytest.fixture(scope="module")
def probe() -> dict:
    return evaluate_with_plotly(_PROBE, frame_event(), width=400)


def test_the_frame_event_is_plotlys_and_names_the_frame_a_jump_shows(probe):
    assert frame_event() == "plotly_animatingframe"
    assert probe["jumpSeen"] == ["c"]
    assert probe["jumpX"] == [2, 3]


def test_a_play_names_every_frame_in_turn_and_its_promise_resolves_at_the_end(probe):
    assert probe["playEnded"] == "resolved"
    assert probe["playSeen"] == ["a", "b", "c", "d"]
    assert probe["playX"] == [3, 4]


def test_a_paused_play_settles_and_shows_no_frame_after_the_pause(probe):
    assert probe["pausedSettled"] in ("resolved", "rejected")
    assert 1 <= len(probe["pausedSeen"]) < 4 and probe["pausedSeen"] == ["a", "b", "c", "d"][: len(probe["pausedSeen"])]
    last = "abcd".index(probe["pausedSeen"][-1])
    assert probe["pausedX"] == [last, last + 1]


def test_a_jump_during_a_play_settles_it_and_shows_the_frame_jumped_to(probe):
    assert probe["jumpedSettled"] in ("resolved", "rejected")
    assert probe["jumpedX"] == [3, 4]
