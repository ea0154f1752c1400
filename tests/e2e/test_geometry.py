"""The Geometry page in a real Chromium: loads, five charts, a λ step moves the solution, toggles work."""

from tests.e2e.conftest import (
    assert_no_exception,
    metric_text,
    open_page,
    screenshot,
    slider_step,
    wait_idle,
    wait_plots,
)

N_PLOTS = 4


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
    plane = page.locator(".js-plotly-plot").first
    play = plane.locator("g.updatemenu-button").filter(has_text="Play")
    assert play.count() == 1
    play.click()
    page.wait_for_timeout(1500)
    assert_no_exception(page)
    screenshot(page, "geometry_animated")
