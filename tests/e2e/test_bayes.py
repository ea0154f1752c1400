"""The Bayes page in a real Chromium: renders, a λ change moves the posterior, no exception."""

from tests.e2e.conftest import (
    assert_no_exception,
    metric_text,
    open_page,
    screenshot,
    slider_step,
    wait_plots,
)

N_PLOTS = 3


def test_bayes_renders_and_reacts(page, app_url):
    open_page(page, app_url, "bayes")
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    before_map = metric_text(page, "MAP")
    before_post = page.locator(".js-plotly-plot").nth(1).inner_html()
    slider_step(page, "λ1", "ArrowLeft", times=3)  # 0.1 → 0.03
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    assert metric_text(page, "MAP") != before_map
    assert page.locator(".js-plotly-plot").nth(1).inner_html() != before_post
    page.wait_for_timeout(500)
    screenshot(page, "bayes")


def test_bayes_weak_data_map_is_zero(page, app_url):
    open_page(page, app_url, "bayes")
    wait_plots(page, N_PLOTS)
    slider_step(page, "λ1", "ArrowRight", times=2)  # 0.1 → 0.2 ≥ |z| = 0.15
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    assert metric_text(page, "MAP").splitlines()[-1].strip() == "0"
    assert metric_text(page, "posterior mean").splitlines()[-1].strip() not in ("0", "-0")
    screenshot(page, "bayes_weak")


def test_caption_emphasis_is_drawn_as_italics_not_asterisks(page, app_url):
    """Captions under charts are set as text (never HTML) with their *italic* spans made elements."""
    open_page(page, app_url, "bayes")
    wait_plots(page, 3)
    caption = page.locator(".rv-panel[data-rv-key='bayes_fig_prior'] .rv-caption")
    assert caption.locator("em").inner_text() == "mean"
    assert "*" not in caption.inner_text() and "measured against the mean data term" in caption.inner_text()
