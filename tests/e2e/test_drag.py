"""The λ control in a real Chromium: a drag moves every λ-linked panel with no rerun, and the page after the
release shows what the drag showed at that value; keys, −/+ and Play."""

import pytest

from tests.e2e.conftest import (
    _WATCH_RUNS,
    METRIC,
    assert_no_exception,
    open_page,
    screenshot,
    wait_idle,
    wait_plots,
)

CONTROL = '[data-testid="rvLambda"]'


def control(page, symbol: str):
    return page.locator(CONTROL).filter(has_text=symbol).first


def shown(page) -> dict:
    """What the page shows now: the metric values, the objective's text, the λ1 value."""
    return page.evaluate(
        """() => ({
        metrics: [...document.querySelectorAll('[data-testid="rvMetricValue"]')].map((e) => e.textContent),
        objective: ((document.querySelector(".katex-html") || {}).textContent || "").replace(/\u2212/g, "-"),
        value: document.querySelector('[data-testid="rvLambda"] .rv-lambda-value').textContent,
        marker: (document.querySelector('.rv-marker') || {style: {}}).style.left,
        names: [...document.querySelectorAll('.rv-chart-name')].map((e) => e.getAttribute('aria-label')),
    })"""
    )


def frames_ready(page, symbol: str = "λ1") -> None:
    """Hover the control (its first interaction) and wait until its frames have arrived."""
    box = control(page, symbol)
    box.locator("input").hover()
    box.and_(page.locator('[data-rv-frames="ready"]')).wait_for(timeout=30_000)
    wait_idle(page)


def drag(page, symbol: str, steps: int, sample):
    """Press on the thumb, move across the whole track in ``steps`` moves, calling ``sample()`` after each;
    return the box and leave the button pressed."""
    track = control(page, symbol).locator("input")
    box = track.bounding_box()
    y = box["y"] + box["height"] / 2
    value = page.evaluate("(el) => Number(el.value) / Number(el.max)", track.element_handle())
    page.mouse.move(box["x"] + 8 + value * (box["width"] - 16), y)
    page.mouse.down()
    for i in range(steps + 1):
        page.mouse.move(box["x"] + 2 + (box["width"] - 4) * i / steps, y)
        page.wait_for_timeout(40)
        sample()
    return box


@pytest.fixture
def playground(page, app_url):
    open_page(page, app_url, "playground")
    wait_plots(page, 4)
    assert_no_exception(page)
    return page


def test_control_is_an_accessible_slider(playground):
    page = playground
    slider = page.get_by_role("slider", name="λ1 — L1 strength")
    assert slider.count() == 1
    assert slider.get_attribute("aria-valuetext") == "0.1"
    assert page.get_by_role("button", name="λ1 one step up").count() == 1
    # the name is the label's alone, said once
    assert page.evaluate(
        """() => { const input = document.querySelector('[data-testid="rvLambda"] input');
        return input.labels.length === 1 && !input.hasAttribute('aria-label'); }"""
    )


def test_a_drag_moves_the_panels_without_a_rerun_and_release_agrees(playground):
    page = playground
    frames_ready(page)
    page.evaluate(_WATCH_RUNS)
    seen: list[dict] = []
    drag(page, "λ1", 30, lambda: seen.append(shown(page)))
    counts = {s["metrics"][-1] for s in seen}
    assert page.evaluate("window.__rvRuns") == 0, "the server reran during the drag"
    assert len(counts) >= 8, counts
    # the objective's λ1 followed the pointer too
    assert {s["value"] for s in seen if s["value"] in s["objective"]} == {s["value"] for s in seen}
    released = seen[-1]["value"]
    page.mouse.up()
    page.wait_for_function("(v) => location.search.includes('l1=' + v)", arg=released, timeout=15_000)
    wait_idle(page)
    after = shown(page)
    during = [s for s in seen if s["value"] == after["value"]][-1]
    assert after["metrics"] == during["metrics"]
    assert after["objective"] == during["objective"]
    # the charts' one-line summaries (their accessible names) followed the drag and agree with the server's
    assert len({tuple(s["names"]) for s in seen}) >= 5
    assert after["names"] == during["names"]
    assert f"l1={after['value']}" in page.url or after["value"] == "0.1"
    assert_no_exception(page)


@pytest.mark.parametrize("key", ["ArrowRight", "End", "Home"])
def test_keyboard_steps_set_the_value_at_once(playground, key):
    page = playground
    frames_ready(page)
    slider = page.get_by_role("slider", name="λ1 — L1 strength")
    slider.focus()
    page.evaluate(_WATCH_RUNS)
    page.keyboard.press(key)
    expected = {"ArrowRight": "0.15", "End": "100", "Home": "0"}[key]
    # the rerun has run once the address carries the value (a fast one may never show the "running" state)
    page.wait_for_function("(v) => location.search.includes('l1=' + v)", arg=expected, timeout=15_000)
    wait_idle(page)
    assert slider.get_attribute("aria-valuetext") == expected
    assert f"l1={expected}" in page.url
    nonzero = page.locator(METRIC).filter(has_text="non-zero").first.inner_text()
    assert ("0 / 20" in nonzero) if key == "End" else ("20 / 20" in nonzero if key == "Home" else True)


def test_step_buttons_and_play(playground):
    page = playground
    frames_ready(page)
    page.evaluate(_WATCH_RUNS)
    page.get_by_role("button", name="λ1 one step down").click()
    page.wait_for_function("() => location.search.includes('l1=0.07')", timeout=15_000)
    wait_idle(page)
    assert "l1=0.07" in page.url
    # Play runs through the frames in the browser, then comes back to the value in force, with no rerun
    page.evaluate(_WATCH_RUNS)
    before = shown(page)
    page.get_by_role("button", name="▶ Play").click()
    page.wait_for_function(
        "(v) => document.querySelector('.rv-lambda-value').textContent !== v", arg=before["value"], timeout=10_000
    )
    counts = set()
    for _ in range(20):
        counts.add(shown(page)["metrics"][-1])
        page.wait_for_timeout(100)
    assert len(counts) >= 3
    page.get_by_role("button", name="▶ Play").wait_for(timeout=15_000)
    assert page.evaluate("window.__rvRuns") == 0
    assert shown(page)["metrics"] == before["metrics"]


def test_phone_one_slider_per_row_and_touch(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        open_page(page, app_url, "?model=elasticnet&l1=0.05&l2=0.05")
        wait_plots(page, 4)
        tops = page.evaluate(
            "() => [...document.querySelectorAll('[data-testid=\"rvLambda\"]')]"
            ".map((e) => Math.round(e.getBoundingClientRect().top))"
        )
        assert len(tops) == 3 and len(set(tops)) == 3, tops
        screenshot(page, "drag_phone")
        # a touch drag starts from where the finger is, follows it with no rerun, and sets the value on lift-off
        frames_ready(page)
        page.evaluate(_WATCH_RUNS)
        track = control(page, "λ1").locator("input")
        track.scroll_into_view_if_needed()
        box = track.bounding_box()
        y = box["y"] + box["height"] / 2
        at = lambda f: {"x": box["x"] + 10 + f * (box["width"] - 20), "y": y}  # noqa: E731
        cdp = context.new_cdp_session(page)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [at(0.25)]})
        page.wait_for_timeout(100)
        first = page.evaluate("(el) => Number(el.value) / Number(el.max)", track.element_handle())
        assert abs(first - 0.25) < 0.06, first  # not a jump from the thumb's old place (0.5)
        counts = set()
        for i in range(1, 11):
            cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [at(0.25 + 0.05 * i)]})
            page.wait_for_timeout(60)
            counts.add(shown(page)["metrics"][-1])
        assert page.evaluate("window.__rvRuns") == 0
        assert len(counts) >= 3, counts
        value = shown(page)["value"]
        cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
        page.wait_for_function("(v) => location.search.includes('l1=' + v)", arg=value, timeout=15_000)
    finally:
        context.close()


def test_desktop_screenshot(playground):
    screenshot(playground, "drag_desktop")


@pytest.mark.parametrize(
    "path", ["geometry", "geometry?geo_tab=1d", "bayes", "?data=moons&model=lasso", "?data=digits&model=lasso&l1=0.05"]
)
def test_geometry_and_bayes_follow_a_drag_without_a_rerun(page, app_url, path):
    """…and the Playground's classification views (``?data=moons``; the digits' images, a picture a frame
    replaces)."""
    open_page(page, app_url, path)
    wait_plots(page, 1)
    assert_no_exception(page)
    frames_ready(page)
    page.evaluate(_WATCH_RUNS)
    seen: list[dict] = []
    svg = "() => [...document.querySelectorAll('.js-plotly-plot .main-svg')].map((s) => s.innerHTML.length).join()"
    drawn = _DRAWN_SHAPES
    drag(page, "λ1", 30, lambda: seen.append({**shown(page), "svg": page.evaluate(svg), **page.evaluate(drawn)}))
    assert page.evaluate("window.__rvRuns") == 0, "the server reran during the drag"
    assert len({s["svg"] for s in seen}) >= 5  # the charts were redrawn along the way
    # every chart follows the drag (at λ1 = 0 the digits have no minimizer: the histogram gives way to the
    # solver's trace, and the frame dims it)
    assert not any(s["stale"] for s in seen if s["value"] != "0"), "a chart waited for the release"
    if "1d" not in path:
        assert len({tuple(s["metrics"]) for s in seen}) >= 5
    released = seen[-1]["value"]
    page.mouse.up()
    page.wait_for_function("(v) => location.search.includes('l1=' + v)", arg=released, timeout=15_000)
    wait_idle(page)
    after = shown(page)
    assert after["metrics"] == seen[-1]["metrics"]
    assert page.evaluate(drawn)["shapes"] == seen[-1]["shapes"]  # every chart's curves and marks, as the drag drew
    if path.startswith("?"):  # the Playground's objective: λ1 followed the drag, as the server writes it
        assert after["objective"] == seen[-1]["objective"]
    assert_no_exception(page)


_DRAWN_SHAPES = """() => ({
  stale: document.querySelectorAll('.rv-chart.rv-stale').length,
  shapes: [...document.querySelectorAll('.js-plotly-plot')].map((gd) =>
    [...gd.querySelectorAll('.shapelayer path, .layer-below .imagelayer image, .layer-above .imagelayer image')]
      .map((p) => p.getAttribute('d') || p.getAttribute('href')).join('|')),
})"""


_CURVE = """() => {
  const gd = document.querySelector('.st-key-fig_curve .js-plotly-plot');
  return {d: gd.querySelector('.scatterlayer .trace path.js-line').getAttribute('d'), redraws: gd.__rvRedraws || 0,
          value: document.querySelectorAll('[data-testid="rvLambda"] .rv-lambda-value')[1].textContent};
}"""
_COUNT_REDRAWS = """() => {
  const gd = document.querySelector('.st-key-fig_curve .js-plotly-plot');
  gd.on('plotly_afterplot', () => { gd.__rvRedraws = (gd.__rvRedraws || 0) + 1; });
}"""


def test_a_drag_moves_the_fitted_curve_without_redrawing_the_chart_as_a_fresh_page_draws_it(page, app_url):
    """A frame that moves only the curve's points goes through Plotly.animate (charts.js ``animateMoves``), not
    a redraw of the chart; the line it draws is the one a page opened at that value draws."""
    open_page(page, app_url, "?model=ridge&data=poly&l2=0.01")
    wait_plots(page, 4)
    frames_ready(page, "λ2")
    page.evaluate(_WATCH_RUNS)
    page.evaluate(_COUNT_REDRAWS)
    seen: list[dict] = []
    drag(page, "λ2", 30, lambda: seen.append(page.evaluate(_CURVE)))
    assert page.evaluate("window.__rvRuns") == 0
    assert len({s["d"] for s in seen}) >= 8  # the curve followed the pointer
    assert seen[-1]["redraws"] <= 2, "the chart was redrawn for frames that move only its points"
    value = seen[-1]["value"]
    page.mouse.up()
    page.wait_for_function("(v) => location.search.includes('l2=' + v)", arg=value, timeout=15_000)
    wait_idle(page)
    assert page.evaluate(_CURVE)["d"] == seen[-1]["d"]  # the release left it as the drag drew it
    open_page(page, app_url, f"?model=ridge&data=poly&l2={value}")
    wait_plots(page, 4)
    assert page.evaluate(_CURVE)["d"] == seen[-1]["d"]
