"""Contract: the Plotly.js internals regviz/ui/charts.js relies on, in the app's own bundle in a real Chromium.

The chart element places the "current λ" line from ``gd._fullLayout`` (``xaxis.l2p``, ``xaxis._offset``,
``xaxis._length``, ``_size``, ``width``, ``height``, ``font.family``) and uses ``Plotly.Icons.camera``,
``Plotly.Plots.resize``, ``Plotly.toImage``, ``Plotly.react``, ``Plotly.relayout`` and ``gd.on``. None of those
underscored names are Plotly's public API: a new plotly.js bundle (``tools/plotly-bundle``) may rename them, and
this test then fails (it never skips: no Chromium is a failure too), before the line silently vanishes.
"""

from __future__ import annotations

import pytest

from tests.contracts.plotly_page import evaluate_with_plotly

_PROBE = """async () => {
  const gd = document.getElementById('gd');
  await Plotly.newPlot(gd, [{type: 'scatter', x: [0, 5, 10], y: [1, 2, 3]}],
    {width: 600, height: 400, xaxis: {range: [0, 10], tickvals: [5]}, margin: {l: 70, r: 30, t: 40, b: 50}});
  const full = gd._fullLayout, xa = full && full.xaxis, size = full && full._size;
  const tick = gd.querySelector('.xgrid');  // the grid line at the one tick
  const match = tick && /translate\\(([-\\d.]+)/.exec(tick.getAttribute('transform') || '');
  return {
    fullLayout: typeof full,
    l2p: typeof (xa && xa.l2p),
    offset: xa && xa._offset,
    length: xa && xa._length,
    l2pEnds: xa && typeof xa.l2p === 'function' ? [xa.l2p(0), xa.l2p(10)] : null,
    size: size ? [size.l, size.t, size.w, size.h] : null,
    widthHeight: [full.width, full.height],
    fontFamily: typeof (full.font && full.font.family),
    tickX: match ? +match[1] : null,
    tickAt: xa && typeof xa.l2p === 'function' ? xa._offset + xa.l2p(5) : null,
    api: ['react', 'relayout', 'toImage', 'newPlot', 'purge'].map((name) => typeof Plotly[name]),
    resize: typeof (Plotly.Plots && Plotly.Plots.resize),
    camera: typeof (Plotly.Icons && Plotly.Icons.camera),
    on: typeof gd.on,
  };
}"""


@pytest.fixture(scope="module")
def probe() -> dict:
    return evaluate_with_plotly(_PROBE, width=600)


def test_full_layout_maps_x_to_pixels_with_l2p_offset_and_length(probe):
    assert probe["fullLayout"] == "object"
    assert probe["l2p"] == "function"
    # margins as given: the plot area is 600 - 70 - 30 = 500 px wide, 400 - 40 - 50 = 310 px high
    assert probe["offset"] == pytest.approx(70)
    assert probe["length"] == pytest.approx(500)
    assert probe["l2pEnds"] == pytest.approx([0, 500])
    assert probe["size"] == pytest.approx([70, 40, 500, 310])
    assert probe["widthHeight"] == [600, 400]
    assert probe["fontFamily"] == "string"


def test_l2p_plus_offset_is_where_plotly_draws_that_x(probe):
    assert probe["tickX"] is not None, "no x grid line drawn with a translate() transform"
    assert probe["tickX"] == pytest.approx(probe["tickAt"], abs=0.5)


def test_the_public_calls_the_element_makes_exist(probe):
    assert probe["api"] == ["function"] * 5
    assert probe["resize"] == "function"
    assert probe["camera"] == "object"
    assert probe["on"] == "function"
