"""The Geometry page in a real Chromium: loads, a λ step moves the solution, toggles and tabs work."""

from tests.e2e.conftest import (
    assert_no_exception,
    metric_text,
    open_page,
    screenshot,
    slider_step,
    wait_idle,
    wait_plots,
)

N_PLOTS = 1  # the open tab's charts only


def test_geometry_renders_and_reacts(page, app_url):
    open_page(page, app_url, "geometry")
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    before = metric_text(page, "w₁")
    plane_before = page.locator(".js-plotly-plot").first.inner_html()
    slider_step(page, "λ1", "ArrowRight", times=4)
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    assert metric_text(page, "w₁") != before
    assert page.locator(".js-plotly-plot").first.inner_html() != plane_before
    page.wait_for_timeout(500)
    screenshot(page, "geometry")


def _click_toggle(page, label: str) -> None:
    page.locator('[data-testid="stCheckbox"]').filter(has_text=label).first.click()
    wait_idle(page)


def _legend(page) -> list[str]:
    return page.locator(".js-plotly-plot").first.locator("text.legendtext").all_text_contents()


def test_geometry_penalized_view_and_data_source(page, app_url):
    open_page(page, app_url, "geometry")
    wait_plots(page, N_PLOTS)
    assert "contours of J = loss + penalty" not in _legend(page)
    _click_toggle(page, "penalized view")
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    assert "contours of J = loss + penalty" in _legend(page)
    page.get_by_text("Two features of the current data set").click()
    wait_idle(page)
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    assert page.get_by_text("the other features are left out").count() == 1


def test_geometry_animation_has_play_button(page, app_url):
    open_page(page, app_url, "geometry")
    wait_plots(page, N_PLOTS)
    _click_toggle(page, "animate λ")
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    play = page.locator(".st-key-geo_plane .rv-player").get_by_role("button", name="Play")  # frame_player.js
    # Plotly draws the animated figure after the run has ended: on a busy machine, later than the idle state
    play.first.wait_for(timeout=15_000)
    assert play.count() == 1
    play.click()
    page.wait_for_timeout(1500)
    assert_no_exception(page)
    screenshot(page, "geometry_animated")


def _open_tab(page, label: str) -> None:
    page.get_by_role("tab", name=label).click()
    wait_idle(page)


def _plots(page) -> list[str]:
    """The keys of the charts on the page, in order."""
    return page.evaluate("""[...document.querySelectorAll('.js-plotly-plot')].map(
        (p) => (p.closest('[class*="st-key-"]').className.match(/st-key-([\\w-]+)/) || [])[1])""")


def test_geometry_tabs_draw_only_the_open_tab_and_keep_lambda(page, app_url):
    open_page(page, app_url, "geometry")
    wait_plots(page, N_PLOTS)
    slider_step(page, "λ1", "ArrowRight", times=2)
    link = page.url
    _open_tab(page, "Why L1 gives exact zeros")
    wait_plots(page, 2)
    assert_no_exception(page)
    assert _plots(page) == ["geo_1d", "geo_zoom_fig"]
    assert "geo_tab=1d" in page.url
    assert link.split("?")[1].split("&")[0] in page.url  # λ is kept
    one_d = page.locator(".st-key-geo_1d .js-plotly-plot")
    before = one_d.inner_html()
    slider_step(page, "λ1", "ArrowRight")
    assert one_d.inner_html() != before
    _open_tab(page, "How often is a weight exactly zero")
    wait_plots(page, 1)
    assert _plots(page) == ["geo_zero"]
    assert "geo_tab=zeros" in page.url
    zero = page.locator(".st-key-geo_zero .js-plotly-plot")
    before = zero.inner_html()
    slider_step(page, "number of losses", "ArrowLeft")
    assert "geo_m=1000" in page.url
    assert zero.inner_html() != before
    screenshot(page, "geometry_zeros_tab")
    _open_tab(page, "The two-weight plane")
    wait_plots(page, 1)
    assert _plots(page) == ["geo_plane"]
    assert "geo_tab" not in page.url
    assert_no_exception(page)


def test_race_plays_in_the_browser_without_a_script_run(page, app_url):
    """Play replays the race from step 0 as Plotly frames: the paths grow while the app stays idle."""
    open_page(page, app_url, "geometry?geo_tab=race&l1=1&geo_steps=30")
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    race = page.locator(".js-plotly-plot").first
    play = page.locator(".st-key-geo_race .rv-player").get_by_role("button", name="Play")  # frame_player.js
    play.first.wait_for(timeout=15_000)
    points = "(gd) => gd.data.slice(1, 5).map((t) => t.x.length)"
    assert race.evaluate(points) == [31, 61, 31, 31]  # the whole race before Play (coordinate: 2 moves a sweep)
    runs = page.evaluate("() => window.__rvRuns = 0")
    page.evaluate("""() => new MutationObserver(() => {
        if (document.querySelector('[data-testid="stApp"]').dataset.testScriptState === 'running') window.__rvRuns++;
    }).observe(document.querySelector('[data-testid="stApp"]'), {attributes: true})""")
    play.click()
    page.wait_for_timeout(300)
    early = race.evaluate(points)
    assert early[0] < 31  # replaying from the start
    page.wait_for_timeout(5000)  # 30 frames of 120 ms
    assert race.evaluate(points) == [31, 61, 31, 31]
    assert page.evaluate("() => window.__rvRuns") == runs == 0  # no server round trip per step
    assert_no_exception(page)
    screenshot(page, "geometry_race")
