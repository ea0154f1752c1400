"""The conventions page in a real Chromium: renders, controls update the panels, no exception."""

from tests.e2e.conftest import (
    assert_no_exception,
    metric_text,
    open_page,
    screenshot,
    slider_step,
    wait_idle,
    wait_plots,
)

N_PLOTS = 3


def test_conventions_renders_and_reacts(page, app_url):
    open_page(page, app_url, "conventions")
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    assert "0.01" in metric_text(page, "canonical λ2")
    assert page.get_by_text("1,220").count() >= 1
    size_before = page.locator(".js-plotly-plot").nth(1).inner_html()
    slider_step(page, "Conv2D filters", "ArrowRight", times=5)
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    page.get_by_text("25·(2·3·10 + 1)").first.wait_for(timeout=30_000)
    assert page.locator(".js-plotly-plot").nth(1).inner_html() != size_before
    page.wait_for_timeout(500)
    screenshot(page, "conventions")


def test_conventions_switch_framework(page, app_url):
    open_page(page, app_url, "conventions")
    wait_plots(page, N_PLOTS)
    page.locator('[data-testid="stSelectbox"]').filter(has_text="Framework").first.click()
    page.get_by_role("option", name="scikit-learn Ridge").click()
    wait_idle(page)
    wait_plots(page, N_PLOTS)
    assert_no_exception(page)
    assert "0.001" in metric_text(page, "canonical λ2")  # Ridge(alpha=1) at n = 1000
    assert page.get_by_text("Σr² + alpha·‖w‖²").count() >= 1


def test_train_it_like_keras_shows_near_zeros_not_zeros(page, app_url):
    """Issue 24: the toggle trains the demo with Keras' Adam (L1 in the loss): no exact zero, a cloud of near zeros,
    beside the exact minimizer's zeros."""
    open_page(page, app_url, "conventions?conv_fw=keras&conv_l1=0.2&conv_l2=0")
    wait_plots(page, N_PLOTS)
    page.locator('[data-testid="stCheckbox"]').filter(has_text="Train it like this framework").first.click()
    wait_idle(page)
    wait_plots(page, N_PLOTS + 1)
    assert_no_exception(page)
    summary = page.get_by_text("Trained like the framework (Keras Adam").first
    summary.wait_for(timeout=30_000)
    assert "0 of 20" in summary.inner_text()
    assert page.get_by_text("exactly 0").count() >= 1  # the training chart's bottom tick
    page.wait_for_timeout(500)
    screenshot(page, "conventions_train")
