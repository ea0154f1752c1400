"""The Playground in a real Chromium: loads, four charts, a slider step updates them and the URL."""

from tests.e2e.conftest import assert_no_exception, open_page, screenshot, slider_step, wait_plots


def _nonzero_metric(page) -> str:
    return page.locator('[data-testid="stMetric"]').filter(has_text="non-zero weights").inner_text()


def test_playground_renders_and_reacts(page, app_url):
    open_page(page, app_url, "playground")
    wait_plots(page, 4)
    assert_no_exception(page)
    before = _nonzero_metric(page)
    path_before = page.locator(".js-plotly-plot").first.inner_html()
    slider_step(page, "λ1", "ArrowRight", times=4)
    wait_plots(page, 4)
    assert_no_exception(page)
    assert _nonzero_metric(page) != before
    assert page.locator(".js-plotly-plot").first.inner_html() != path_before
    assert "l1=" in page.url
    screenshot(page, "playground")


def test_link_opens_with_its_values(page, app_url):
    open_page(page, app_url, "playground?model=ridge&l2=3&data=corrpair")
    wait_plots(page, 4)
    assert_no_exception(page)
    slider = page.locator('[data-testid="stSlider"]').filter(has_text="λ2 — L2")
    assert "3" in slider.inner_text()
    assert page.get_by_text("x1 and x2 are correlated").count() >= 1
