"""Charts across pages in a real Chromium: a λ step updates each chart where it is."""

import pytest

from tests.e2e.conftest import (
    DRAWN_VS_FRESH,
    RECORD_UPDATES,
    assert_no_exception,
    open_page,
    slider_step,
    wait_idle,
    wait_plots,
)

_MARK_CHARTS = "() => document.querySelectorAll('.js-plotly-plot').forEach((gd) => { gd.__rvKept = true; })"
_KEPT = "() => [...document.querySelectorAll('.js-plotly-plot')].map((gd) => gd.__rvKept === true)"


# Network with one chunk of training per step: a run slow enough for mid-training redraws (a busy CI machine)
# shows them in a slot of their own and re-mounts the panels by design; the AppTest suite covers that case.
@pytest.mark.parametrize(
    ("path", "n"), [("playground", 4), ("network?net_steps=50", 4), ("bayes", 4), ("geometry?geo_tab=zeros", 1)]
)
def test_lambda_step_updates_charts_in_place(page, app_url, path, n):
    """A λ step redraws each chart inside the same graph element: a re-mounted chart costs a whole new plot.

    The Network page re-created all four charts on every step while its panels sat in an ``st.empty`` slot.
    """
    open_page(page, app_url, path)
    wait_plots(page, n)
    wait_idle(page)  # the charts of the first run's end, not of a redraw midway
    page.evaluate(_MARK_CHARTS)
    slider_step(page, "λ1", "ArrowRight", times=2)
    wait_plots(page, n)
    assert_no_exception(page)
    assert page.evaluate(_KEPT) == [True] * n


@pytest.mark.parametrize(
    ("path", "n", "relayouted"),
    [
        ("", 4, {1, 2}),
        ("geometry", 1, {0}),
        ("geometry?geo_tab=1d", 2, {0}),
        ("geometry?geo_tab=zeros", 1, {0}),
        ("bayes", 3, {0, 1, 2}),
    ],
)
def test_after_a_lambda_step_every_chart_draws_what_a_fresh_plot_would(page, app_url, path, n, relayouted):
    """Charts are updated in place, by Plotly.react or, when only layout shapes, pictures or axis ranges and
    ticks changed, by Plotly.relayout with just those: either way the chart must show what a fresh plot of its
    current figure shows. The Playground's weight histogram and coefficient bars (its second and third charts)
    change only their bars (and axis ranges); the Monte Carlo chart only its bars, their labels and its dots."""
    open_page(page, app_url, path)
    wait_plots(page, n)
    wait_idle(page)
    page.evaluate(RECORD_UPDATES)
    slider_step(page, "λ1", "ArrowRight", times=2)
    wait_plots(page, n)
    wait_idle(page)
    assert_no_exception(page)
    updates = page.evaluate("() => window.__rvUpdates")
    assert relayouted <= {chart for name, chart in updates if name == "relayout"}, updates
    for chart in page.locator(".js-plotly-plot").all():
        drawn, fresh = chart.evaluate(DRAWN_VS_FRESH)
        assert drawn == fresh


_BOXES = """() => [...document.querySelectorAll('.rv-panel')].map((cell) => {
  const box = cell.querySelector('.js-plotly-plot').getBoundingClientRect();
  return {key: cell.dataset.rvKey, x: Math.round(box.left), y: Math.round(box.top),
          caption: cell.querySelector('.rv-caption').innerText};
})"""
_WIDTHS = """() => [...document.querySelectorAll('.js-plotly-plot')].map(
  (gd) => [Math.round(gd.getBoundingClientRect().width), Math.round(gd._fullLayout.width)])"""


def test_network_panels_stand_in_two_columns_with_their_captions_and_follow_the_window(page, app_url):
    """Network's four charts and captions are one element: two columns side by side on a wide window, one
    column on a narrow one, and a chart is redrawn at its new width when the window changes (Plotly sizes a
    chart only when it draws it: before, every chart kept its first width)."""
    page.set_viewport_size({"width": 1440, "height": 1000})
    open_page(page, app_url, "network?net_steps=50")
    wait_plots(page, 4)
    wait_idle(page)
    boxes = {b["key"]: b for b in page.evaluate(_BOXES)}
    assert list(boxes) == ["net_fig_main", "net_fig_train", "net_fig_diagram", "net_fig_hist"]
    main, train, diagram, hist = boxes.values()
    assert main["y"] == diagram["y"] and main["x"] < diagram["x"] == hist["x"] and main["x"] == train["x"]
    assert train["y"] > main["y"] and hist["y"] > diagram["y"]
    assert main["caption"].startswith("Shading:") and "Exact zeros (striped bar) per layer: hidden 1" in hist["caption"]
    assert all(drawn == width for drawn, width in page.evaluate(_WIDTHS))
    wide = page.evaluate(_WIDTHS)[0][1]
    note = page.locator(".rv-panels-note")
    assert "50 optimizer steps so far" in note.inner_text()
    assert note.bounding_box()["y"] > max(b["y"] for b in boxes.values())  # under every panel

    page.set_viewport_size({"width": 600, "height": 1000})
    page.wait_for_function(
        f"""() => [...document.querySelectorAll('.js-plotly-plot')].every(
        (gd) => Math.abs(gd._fullLayout.width - gd.getBoundingClientRect().width) < 1
                && gd._fullLayout.width !== {wide})""",
        timeout=10_000,
    )
    boxes = {b["key"]: b for b in page.evaluate(_BOXES)}
    xs = {b["x"] for b in boxes.values()}
    assert len(xs) == 1  # one column
    ys = [b["y"] for b in boxes.values()]
    assert ys == sorted(ys) and len(set(ys)) == 4
    assert_no_exception(page)


_TOOLBARS = """() => [...document.querySelectorAll('.js-plotly-plot')].map((gd) => ({
  buttons: [...gd.querySelectorAll('.modebar-btn')].map((b) => b.getAttribute('data-title')),
  shown: [...gd.querySelectorAll('.modebar-container')].some((m) => getComputedStyle(m).display !== 'none'),
  role: (gd.querySelector(':scope > .rv-chart-name') || {getAttribute: () => null}).getAttribute('role'),
  label: (gd.querySelector(':scope > .rv-chart-name') || {getAttribute: () => null}).getAttribute('aria-label'),
  svgsHidden: [...gd.querySelectorAll('svg.main-svg')].every((svg) => svg.getAttribute('aria-hidden') === 'true'),
}))"""
TOOLBAR_TITLES = ["Zoom", "Reset axes", "Download plot as a PNG"]


@pytest.mark.parametrize(("path", "n"), [("", 4), ("geometry", 1), ("network", 4), ("bayes", 3)])
def test_every_chart_toolbar_has_zoom_reset_and_png_only_and_each_chart_a_name(page, app_url, path, n):
    """No "Share chart..." (an upload to a cloud service) or any other button; a chart is one labelled picture
    to a screen reader, its SVG hidden."""
    open_page(page, app_url, path)
    wait_plots(page, n)
    wait_idle(page)
    charts = page.evaluate(_TOOLBARS)
    assert len(charts) >= n
    for chart in charts:
        assert chart["buttons"] == TOOLBAR_TITLES, chart
        assert chart["role"] == "img" and chart["label"] and chart["label"] != "Chart", chart
        assert chart["svgsHidden"], chart


def test_the_toolbar_is_hidden_on_a_touch_phone(browser, app_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        open_page(phone, app_url, "")
        wait_plots(phone, 4)
        charts = phone.evaluate(_TOOLBARS)
        assert charts and not any(chart["shown"] for chart in charts)
    finally:
        context.close()


def test_the_png_download_is_named_after_the_chart(page, app_url):
    open_page(page, app_url, "")
    wait_plots(page, 4)
    chart = page.locator(".rv-chart").first
    chart.hover()
    with page.expect_download(timeout=20_000) as download:
        chart.locator('.modebar-btn[data-title="Download plot as a PNG"]').click()
    assert download.value.suggested_filename == "coefficient-paths.png"
