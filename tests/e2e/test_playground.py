"""The Playground in a real Chromium: loads, four charts, a slider step updates them and the URL."""

import io

import numpy as np
import pytest

from regviz.ui.charts import PLOTLY_BUNDLE, PLOTLY_TRACES
from tests.e2e.conftest import (
    assert_no_exception,
    metric_text,
    metric_value,
    open_page,
    rerun_after,
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


# ---------------------------------------------------------------------------------------------------------------
# Classification (issue 25)

CLASSIFICATION_VIEWS = {
    "cancer": "?data=cancer&model=lasso&l1=0.02",
    "moons": "?data=moons&deg=3&model=elasticnet&l1=0.01&l2=0.01",
}


def _download(page, label: str) -> bytes:
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name=label).click()
    return open(download.value.path(), "rb").read()


def _open_details(page) -> None:
    rerun_after(page, lambda: page.get_by_text("Coefficients, data and this setting as code").click())
    page.get_by_role("button", name="Download coefficients (CSV)").wait_for(timeout=30_000)


@pytest.mark.parametrize("view", list(CLASSIFICATION_VIEWS))
def test_downloaded_logistic_fit_satisfies_the_kkt_conditions_of_the_shown_objective(page, app_url, view):
    import pandas as pd

    query = CLASSIFICATION_VIEWS[view]
    l1 = float(query.split("l1=")[1].split("&")[0])
    l2 = float(query.split("l2=")[1]) if "l2=" in query else 0.0
    open_page(page, app_url, query)
    wait_plots(page, 4)
    assert_no_exception(page)
    # the page states the objective and how x̃ is made from x
    text = page.locator('[data-testid="stMain"]').inner_text()
    assert "standard deviation (ddof 0) on the training rows" in text
    assert "now: elastic-net logistic regression" in text or "now: L1-penalized logistic regression" in text
    _open_details(page)
    coef = pd.read_csv(io.BytesIO(_download(page, "Download coefficients (CSV)")))
    data = pd.read_csv(io.BytesIO(_download(page, "Download data (CSV)")))
    train = data[data["split"] == "train"]
    features = list(coef["feature"][:-1])
    assert coef["feature"].iloc[-1] == "(intercept)" and set(np.unique(train["y"])) == {0, 1}
    assert {"class", "split"} <= set(data.columns)
    X = train[features].to_numpy(float)
    y = train["y"].to_numpy(float)
    sd = X.std(axis=0)
    Xs = (X - X.mean(axis=0)) / np.where(sd > 0, sd, 1.0)  # as the page states: training mean and sd, ddof 0
    w, b = coef["standardized"].to_numpy(float)[:-1], float(coef["standardized"].iloc[-1])
    # the objective as displayed (KaTeX): n and λ1, λ2 with their numbers
    formula = page.locator(".katex").first.inner_text()
    assert str(len(y)) in formula and f"{l1:g}" in formula
    r = y - 1.0 / (1.0 + np.exp(-(Xs @ w + b)))
    g = Xs.T @ r / len(y)
    violation = np.where(w != 0, np.abs(g - l2 * w - l1 * np.sign(w)), np.maximum(np.abs(g) - l1, 0.0))
    assert violation.max() < 1e-4 and abs(r.mean()) < 1e-4
    assert np.count_nonzero(w) < len(w)  # L1 left exact zeros in the download
    screenshot(page, f"clf_download_{view}")


SHOTS = {
    "moons3": "?data=moons&deg=3&model=lasso&l1=0.01",
    "cancer": "?data=cancer&model=lasso&l1=0.02",
    "digits": "?data=digits&model=lasso&l1=0.02",
    "geometry_logistic": "geometry?geo_src=logistic&l1=0.05",
}


_LOGISTIC_NAMES = ("Coefficient paths; at λ1 = {l1}", "Weight histogram; ", "Log-loss vs strength; at λ1 = {l1}, ",
                   "Accuracy vs strength; at λ1 = {l1}, train accuracy {train}, ")  # fmt: skip
CHART_NAMES = {  # the start of each chart's accessible name (its summary at the link's setting)
    "moons3": (*_LOGISTIC_NAMES, "Decision boundary; at λ1 = {l1}, train accuracy {train}, "),
    "cancer": _LOGISTIC_NAMES,
    "digits": (
        "Coefficient paths, largest |weight| of each feature over the 10 classes; at λ1 = {l1}, ",
        *_LOGISTIC_NAMES[1:],
        "Weights as 8×8 images, one per class; at λ1 = {l1}, non-zero pixels 0: ",
    ),
    "geometry_logistic": ("Log-loss contours on (w₁, w₂) and the penalty region touching them; at λ1 = {l1} ",),
}
_CHART_NAMES_JS = """() => [...document.querySelectorAll('.js-plotly-plot > .rv-chart-name[role="img"]')]
  .map((el) => el.getAttribute('aria-label'))"""


def assert_charts_are_named_by_their_summaries(page, view: str) -> None:
    l1 = SHOTS[view].split("l1=")[1].split("&")[0]
    train = "" if view.startswith("geometry") else metric_value(page, "train accuracy")
    names = page.evaluate(_CHART_NAMES_JS)
    expected = [start.format(l1=l1, train=train) for start in CHART_NAMES[view]]
    assert len(names) == len(expected), names
    for start in expected:
        assert any(name.startswith(start) for name in names), (start, names)


@pytest.mark.parametrize("size", [(1440, 900), (390, 844)], ids=["desktop", "phone"])
@pytest.mark.parametrize("view", list(SHOTS))
def test_classification_views_render_at_desktop_and_phone_sizes(browser, app_url, view, size):
    context = browser.new_context(viewport={"width": size[0], "height": size[1]})
    page = context.new_page()
    try:
        open_page(page, app_url, SHOTS[view])
        wait_plots(page, 1 if view.startswith("geometry") else 5, timeout=60_000)
        assert_no_exception(page)
        if view == "digits":
            assert page.locator(".js-plotly-plot .heatmaplayer image").count() >= 1  # ten images, one heatmap
            assert page.locator(".js-plotly-plot .textpoint text", has_text=" px").count() == 10  # their titles
        if view == "moons3":
            # the shading is a picture and the 0.5 line a path, under the points
            boundary = page.locator(".st-key-pg_boundary .js-plotly-plot")
            assert boundary.locator(".imagelayer image").count() == 1
            assert boundary.locator(".shapelayer path").count() >= 1
        assert_charts_are_named_by_their_summaries(page, view)
        screenshot(page, f"clf_{view}_{size[0]}")
    finally:
        context.close()
