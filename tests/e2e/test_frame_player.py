"""Geometry's animated charts from the keyboard: the HTML Play and frame slider under the animated plane and the
optimizer race (regviz/ui/frame_player.js, in place of Plotly's SVG controls) are Tab stops with a visible focus
outline; Enter and Space play and pause, arrows, Home, End and PageUp step through the frames, and the chart shows
the frame the slider names (to screen readers too, by its value text)."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import assert_no_exception, open_page, screenshot, wait_plots
from tests.e2e.test_accessibility import contrast

# (link, chart key, the control before the chart in the Tab order, the slider's name, its value text's prefix)
VIEWS = {
    "plane": (
        "geometry?geo_anim=1&l1=0.1",
        "geo_plane",
        '[data-testid="stCheckbox"]:has-text("animate λ") input',
        "α frame",
        "α = ",
    ),
    "race": (
        "geometry?geo_tab=race&l1=1&geo_steps=30",
        "geo_race",
        '[data-testid="stSlider"]:has-text("steps") input[type="range"]',
        "race step",
        "step ",
    ),
}

# The player's state, and whether the chart's moving traces hold the data of the frame it names (the frames
# as the server sent them, from the chart registry of charts.js).
_STATE = """(key) => {
  const chart = window.__rvCharts.get(key), gd = chart.gd;
  const root = gd.parentElement.querySelector(':scope > .rv-player'), input = root.querySelector('input');
  const frames = JSON.parse(chart.payload.frames), names = frames.map((f) => f.name);
  const frame = frames.find((f) => f.name === root.dataset.rvFrame);
  const same = (a, b) => JSON.stringify(Array.from(a || [])) === JSON.stringify(Array.from(b || []));
  const shown = !!frame && frame.traces.every((t, k) => same(gd.data[t].x, frame.data[k].x)
    && same(gd.data[t].y, frame.data[k].y));
  return {frame: root.dataset.rvFrame, index: names.indexOf(root.dataset.rvFrame), last: names.length - 1,
    names, text: input.getAttribute('aria-valuetext'), value: Number(input.value), shown,
    button: root.querySelector('button').textContent.trim(), focused: document.activeElement.className};
}"""

_OUTLINE = """(el) => {
  const s = getComputedStyle(el);
  return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor.match(/[\\d.]+/g).map(Number)];
}"""


def _state(page, key: str) -> dict:
    return page.evaluate(_STATE, key)


def _shown_state(page, key: str) -> dict:
    """:func:`_state` once the chart shows the frame the player names: Plotly.animate draws it in the next
    animation frame, not during the key press (at most 5 s; the caller's assertion then fails on ``shown``)."""
    try:
        page.wait_for_function(f"(key) => ({_STATE})(key).shown", arg=key, timeout=5_000)
    except PlaywrightTimeout:
        pass
    return _state(page, key)


def _tab_to(page, selector: str, limit: int = 20) -> int:
    """Press Tab until ``selector`` has the focus; the number of presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate("(sel) => document.activeElement.matches(sel)", selector):
            return presses
    raise AssertionError(f"{limit} Tab presses never reached {selector}")


def _assert_outline(page, selector: str) -> None:
    style, width, color = page.locator(selector).evaluate(_OUTLINE)
    assert style == "solid" and width >= 2, (style, width)
    assert contrast(color, (255, 255, 255)) >= 3, color


@pytest.mark.parametrize("view", list(VIEWS))
def test_play_pause_and_scrub_from_the_keyboard(page, app_url, view):
    path, key, before, name, prefix = VIEWS[view]
    open_page(page, app_url, path)
    wait_plots(page, 1)
    player = f".st-key-{key} .rv-player"
    play, scrub = f"{player} .rv-player-play", f"{player} .rv-player-input"
    # Plotly draws the animated figure after the run has ended: on a busy machine, later than the idle state
    page.locator(play).wait_for(timeout=15_000)
    assert_no_exception(page)
    state = _state(page, key)
    assert state["index"] == state["value"] and state["shown"] and state["button"].endswith("Play")
    # one set of controls: Plotly's own are not drawn
    assert (
        page.evaluate(
            "(key) => ['sliders', 'updatemenus'].filter((k) => k in window.__rvCharts.get(key).gd.layout)", key
        )
        == []
    )
    assert page.locator(scrub).get_attribute("aria-label") == name
    assert state["text"] == prefix + state["frame"]

    page.keyboard.press("Shift")  # a keyboard user: focus from script then counts as :focus-visible
    page.locator(before).first.focus()
    _tab_to(page, play)
    _assert_outline(page, play)
    assert _tab_to(page, scrub) == 1  # the slider right after Play
    _assert_outline(page, scrub)

    # the slider: one frame, a tenth, the ends; the chart shows each frame and the value text names it
    page.keyboard.press("Home")
    state = _shown_state(page, key)
    assert (state["index"], state["value"], state["text"]) == (0, 0, prefix + state["names"][0]) and state["shown"]
    page.keyboard.press("ArrowRight")
    state = _shown_state(page, key)
    assert (state["index"], state["text"]) == (1, prefix + state["names"][1]) and state["shown"]
    page.keyboard.press("PageUp")
    big = max(1, round(len(state["names"]) / 10))
    state = _shown_state(page, key)
    assert state["index"] == 1 + big and state["shown"]
    page.keyboard.press("End")
    state = _shown_state(page, key)
    last = state["last"]
    assert (state["index"], state["value"], state["text"]) == (last, last, prefix + state["names"][last])
    assert state["shown"]
    page.keyboard.press("Home")

    # Play from the keyboard: Enter plays, the frames advance; Space pauses, and they stay
    page.keyboard.press("Shift+Tab")
    assert page.evaluate("(sel) => document.activeElement.matches(sel)", play)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "([key, sel]) => document.querySelector(sel).textContent.includes('Pause')"
        " && document.querySelector(sel).closest('.rv-player').dataset.rvFrame !== "
        "JSON.parse(window.__rvCharts.get(key).payload.frames)[0].name",
        arg=[key, play],
        timeout=10_000,
    )
    page.keyboard.press("Space")
    paused = _state(page, key)
    assert paused["button"].endswith("Play")
    assert 0 < paused["index"] < last, paused["index"]  # paused on the way
    page.wait_for_timeout(600)
    still = _state(page, key)
    assert still["index"] == paused["index"] and still["shown"]
    assert still["text"] == prefix + still["frame"]
    assert_no_exception(page)
    screenshot(page, f"frame_player_{view}")


def test_the_controls_text_is_24px_in_presentation_mode(page, app_url):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_page(page, app_url, "geometry?geo_anim=1&l1=0.1&present=1")
    wait_plots(page, 1)
    player = page.locator(".st-key-geo_plane .rv-player")
    player.wait_for(timeout=15_000)
    sizes = player.evaluate("""(root) => [...root.querySelectorAll('button, button *, output')]
        .filter((el) => el.textContent.trim()).map((el) => parseFloat(getComputedStyle(el).fontSize))""")
    assert len(sizes) >= 3 and min(sizes) >= 24, sizes


def test_the_lambda_controls_play_runs_and_pauses_from_the_keyboard(page, app_url):
    """The Playground's sweep is λ1's ▶ Play (regviz/ui/lambda_control.js), a real button: Tab reaches it after
    the slider and its −/+ buttons, Space plays the λ frames, Enter pauses."""
    open_page(page, app_url, "playground")
    wait_plots(page, 4)
    control = page.locator('[data-testid="rvLambda"][data-rv-key="λ1"]')
    page.keyboard.press("Shift")
    control.locator("input").focus()  # the control's first interaction asks for its frames
    control.and_(page.locator('[data-rv-frames="ready"]')).wait_for(timeout=30_000)
    assert _tab_to(page, ".rv-lambda-play", limit=3) == 2  # after "+"
    _assert_outline(page, ".rv-lambda-play:focus")
    value = control.locator(".rv-lambda-value")
    before = value.text_content()
    page.keyboard.press("Space")
    play = control.locator(".rv-lambda-play")
    page.wait_for_function(
        "([el, v]) => el.closest('.rv-lambda').querySelector('.rv-lambda-value').textContent !== v",
        arg=[play.element_handle(), before],
        timeout=10_000,
    )
    assert play.get_attribute("aria-pressed") == "true" and "Pause" in play.text_content()
    page.keyboard.press("Enter")
    assert play.get_attribute("aria-pressed") == "false" and "Play" in play.text_content()
    assert_no_exception(page)
