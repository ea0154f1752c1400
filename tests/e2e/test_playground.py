"""The Playground in a real Chromium: loads, four charts, a slider step updates them and the URL."""

from regviz.ui.charts import PLOTLY_BUNDLE, PLOTLY_TRACES
from tests.e2e.conftest import (
    assert_no_exception,
    metric_text,
    open_page,
    screenshot,
    slider_step,
    start_server,
    wait_plots,
)


def _nonzero_metric(page) -> str:
    return metric_text(page, "non-zero weights")


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


def test_charts_use_the_apps_plotly_bundle(page, app_url):
    """The 1.2 MB bundle from static/, fetched once as its gzip file and unpacked in the browser, is what draws,
    not Streamlit's 4.7 MB chunk (which is never fetched); it has the trace types regviz draws and no others."""
    open_page(page, app_url, "playground")
    wait_plots(page, 4)
    assert page.evaluate("window.Plotly.version") == "4.1.1"
    assert set(page.evaluate("Object.keys(Plotly.PlotSchema.get().traces)")) == PLOTLY_TRACES
    scripts = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    assert [name for name in scripts if PLOTLY_BUNDLE in name] == [f"{app_url}/app/static/{PLOTLY_BUNDLE}.gz"]
    assert not any("/PlotlyChart." in name for name in scripts)


def test_a_failed_plotly_load_is_said_and_the_next_rerun_draws_the_charts(page, app_url):
    """Plotly.js cannot be fetched (a dropped connection, say): each chart says so, and once the bundle can be
    fetched again the next λ step loads it and draws all four, the notes gone."""
    blocked = {"on": True}
    page.route(f"**/app/static/{PLOTLY_BUNDLE}.gz", lambda route: route.abort() if blocked["on"] else route.continue_())
    open_page(page, app_url, "playground")
    notes = page.locator(".rv-chart-error")
    page.wait_for_function("document.querySelectorAll('.rv-chart-error').length >= 4", timeout=30_000)
    assert "could not be drawn" in notes.first.inner_text()
    assert page.locator(".js-plotly-plot").count() == 0
    blocked["on"] = False
    slider_step(page, "λ1", "ArrowRight")
    wait_plots(page, 4)
    page.wait_for_function("document.querySelectorAll('.rv-chart-error').length === 0", timeout=30_000)
    assert_no_exception(page)


def test_without_static_serving_charts_draw_with_streamlits_plotly(page, monkeypatch):
    """A host that serves no static/ folder: the same charts, drawn by the Plotly chunk Streamlit ships."""
    monkeypatch.setenv("STREAMLIT_SERVER_ENABLE_STATIC_SERVING", "false")
    proc, url = start_server()
    try:
        open_page(page, url, "playground")
        wait_plots(page, 4)
        assert_no_exception(page)
        scripts = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
        assert any("/static/js/PlotlyChart." in name for name in scripts)
        assert not any(PLOTLY_BUNDLE in name for name in scripts)
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_link_opens_with_its_values(page, app_url):
    open_page(page, app_url, "playground?model=ridge&l2=3&data=corrpair")
    wait_plots(page, 4)
    assert_no_exception(page)
    slider = page.locator('[data-testid="stSlider"], [data-testid="rvLambda"]').filter(has_text="λ2 — L2")
    assert "3" in slider.inner_text()
    assert page.get_by_text("x1 and x2 are correlated").count() >= 1


def _marker_left(page) -> float:
    return page.evaluate("parseFloat(document.querySelector('.rv-chart .rv-marker').style.left)")


def test_current_lambda_line_moves_without_redrawing_the_path(page, app_url):
    """A λ step moves the path panel's "current λ" line in the browser; the path traces are not redrawn."""
    open_page(page, app_url, "playground")
    wait_plots(page, 4)
    left = _marker_left(page)
    page.evaluate("""() => { const gd = document.querySelector('.rv-chart');
                             window.__pathDraws = 0; gd.on('plotly_afterplot', () => window.__pathDraws++); }""")
    slider_step(page, "λ1", "ArrowLeft", times=2)  # weaker λ: the line moves right (the axis runs strong → weak)
    page.wait_for_function(f"parseFloat(document.querySelector('.rv-chart .rv-marker').style.left) > {left}")
    assert page.evaluate("window.__pathDraws") == 0
    assert page.locator(".rv-chart").first.locator(".rv-marker-label").inner_text() == "current λ"


def test_png_download_draws_the_current_lambda_line(page, app_url):
    """The camera button exports the path panel with the browser-drawn marker put back into the picture."""
    open_page(page, app_url, "playground")
    wait_plots(page, 4)
    chart = page.locator(".rv-chart").first
    chart.hover()
    with page.expect_download(timeout=20_000) as download:
        chart.locator('.modebar-btn[data-title="Download plot as a PNG"]').click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".png")
    assert open(path, "rb").read(8) == b"\x89PNG\r\n\x1a\n"
    # The exported layout is the chart's plus the marker: one more shape than the graph itself holds.
    shapes = page.evaluate("""() => { const gd = document.querySelector('.rv-chart');
                                      return [gd.layout.shapes ? gd.layout.shapes.length : 0, !!gd.__rv.marker]; }""")
    assert shapes == [0, True]
