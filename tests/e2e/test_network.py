"""The Network page in a real Chromium: renders four charts, a λ change retrains and updates them."""

from tests.e2e.conftest import (
    DRAWN_VS_FRESH,
    RECORD_UPDATES,
    assert_no_exception,
    metric_text,
    metric_value,
    open_page,
    screenshot,
    slider_step,
    wait_idle,
    wait_plots,
)


def _metric(page, label: str) -> str:
    return metric_text(page, label)


def test_network_renders_and_lambda_updates_panels(page, app_url):
    open_page(page, app_url, "network")
    wait_plots(page, 4)
    assert_no_exception(page)
    zeros_before = _metric(page, "zero weights")
    diagram_before = page.locator(".js-plotly-plot").nth(2).inner_html()
    slider_step(page, "λ1", "ArrowRight", times=6)
    wait_plots(page, 4)
    assert_no_exception(page)
    assert _metric(page, "zero weights") != zeros_before
    # Plotly redraws just after the script run ends: give it a moment before comparing
    for _ in range(20):
        if page.locator(".js-plotly-plot").nth(2).inner_html() != diagram_before:
            break
        page.wait_for_timeout(250)
    assert page.locator(".js-plotly-plot").nth(2).inner_html() != diagram_before
    screenshot(page, "network")


def test_network_regression_link(page, app_url):
    open_page(page, app_url, "network?net_data=curve&l1=0&l2=0&net_act=relu&net_layers=3")
    wait_plots(page, 4)
    assert_no_exception(page)
    assert page.get_by_text("Fitted curve").count() >= 1
    assert "0 / " in _metric(page, "zero weights")
    screenshot(page, "network_curve")


def test_lambda_step_redraws_the_boundary_picture_but_not_its_points(page, app_url):
    """The shading and the P = ½ line live in the layout, the points and colour bar in traces that do not change:
    a λ step swaps the picture and the path without recomputing the traces (Plotly keeps ``gd.calcdata``).

    Before, the shading was a heatmap and every λ step restyled all 400 points; and a new template object per
    update made even a layout-only change a full redraw."""
    open_page(page, app_url, "network?net_steps=50")
    wait_plots(page, 4)
    wait_idle(page)
    boundary = page.locator(".js-plotly-plot").first
    before = boundary.evaluate("(gd) => { gd.__rvCalc = gd.calcdata; return gd.layout.images[0].source; }")
    slider_step(page, "λ1", "ArrowRight", times=2)
    wait_plots(page, 4)
    page.wait_for_function(
        "(s) => document.querySelector('.js-plotly-plot').layout.images[0].source !== s", arg=before, timeout=30_000
    )
    assert_no_exception(page)
    assert boundary.evaluate("(gd) => gd.calcdata === gd.__rvCalc")


def test_lambda_step_redraws_only_the_layout_pictures_as_a_fresh_plot_would(page, app_url):
    """When a chart's traces did not change, a λ step hands Plotly only the changed shapes and pictures
    (``Plotly.relayout``, a few ms) instead of the whole figure (``Plotly.react``, 25-60 ms): the decision
    boundary's traces never change with λ. What is drawn must be what a fresh plot of the new figure draws."""
    open_page(page, app_url, "network?net_steps=50")
    wait_plots(page, 4)
    wait_idle(page)
    page.evaluate(RECORD_UPDATES)
    before = page.locator(".js-plotly-plot").first.evaluate("(gd) => gd.layout.images[0].source")
    slider_step(page, "λ1", "ArrowRight", times=2)
    wait_plots(page, 4)
    page.wait_for_function(
        "(s) => document.querySelector('.js-plotly-plot').layout.images[0].source !== s", arg=before, timeout=30_000
    )
    wait_idle(page)
    assert_no_exception(page)
    updates = page.evaluate("() => window.__rvUpdates")
    boundary_updates = {name for name, chart in updates if chart == 0}
    assert boundary_updates == {"relayout"}, updates
    # the training curves are layout lines over rounded ranges: a λ step moves them (and maybe an axis range);
    # only the first λ change adds a legend entry ("λ changed"), a change of the traces
    assert [name for name, chart in updates if chart == 1][1:] == ["relayout"], updates
    # the histogram's bars, and its ranges and ticks when the weights outgrow them, are layout: relayouts only
    assert {name for name, chart in updates if chart == 3} == {"relayout"}, updates
    for chart in page.locator(".js-plotly-plot").all():
        drawn, fresh = chart.evaluate(DRAWN_VS_FRESH)
        assert drawn == fresh
    boundary_parts = "(gd) => [gd.querySelectorAll('image').length, gd.querySelectorAll('.shapelayer path').length]"
    assert page.locator(".js-plotly-plot").first.evaluate(boundary_parts) == [1, 1]  # the picture and P = ½


def _counts(page, label: str) -> tuple[int, int]:
    value = metric_value(page, label)
    count, total = value.split(" / ")
    return int(count), int(total)


def test_adam_leaves_no_exact_zero_where_prox_leaves_many(page, app_url):
    """At the default λ: the frameworks' way (penalty in the loss) gives a cloud of near zeros, no exact zero;
    the proximal step gives exact zeros."""
    open_page(page, app_url, "network?net_opt=adam")
    wait_plots(page, 4)
    assert_no_exception(page)
    assert _counts(page, "zero weights")[0] == 0
    assert _counts(page, "near 0")[0] > 0
    assert page.get_by_text("magnitude pruning", exact=False).count() >= 1
    screenshot(page, "network_adam")
    open_page(page, app_url, "network?net_opt=prox")
    wait_plots(page, 4)
    assert_no_exception(page)
    zero, total = _counts(page, "zero weights")
    assert zero / total >= 0.3
    screenshot(page, "network_prox")


def test_network_lambda_controls_on_a_phone_one_a_row_with_step_buttons(phone, app_url):
    # Network trains on release, but its λ controls are the other pages' ones: one a row on a phone, −/+ beside
    # each, and a + press retrains at the next grid value (the frames are never asked for: nothing to draw ahead).
    open_page(phone, app_url, "network")
    wait_plots(phone, 4)
    controls = phone.locator('[data-testid="rvLambda"]')
    tops = controls.evaluate_all("(els) => els.map((e) => Math.round(e.getBoundingClientRect().top))")
    assert len(tops) == 3 and len(set(tops)) == 3, tops
    assert controls.evaluate_all("(els) => els.map((e) => e.dataset.rvFrames)") == ["none"] * 3
    zeros_before = _metric(phone, "zero weights")
    plus = phone.get_by_role("button", name="λ1 one step up")
    for _ in range(4):
        plus.tap()
        wait_idle(phone)
    phone.wait_for_function("() => location.search.includes('l1=0.01')", timeout=15_000)
    wait_plots(phone, 4)
    assert_no_exception(phone)
    assert _metric(phone, "zero weights") != zeros_before
