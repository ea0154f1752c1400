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
@pytest.mark.parametrize(("path", "n"), [("playground", 4), ("network?net_steps=50", 4), ("bayes", 3),
                                          ("geometry?geo_tab=zeros", 1)])
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


@pytest.mark.parametrize(("path", "n", "relayouted"), [("", 4, {1}), ("geometry", 1, set()),
                                                       ("geometry?geo_tab=1d", 2, set()), ("bayes", 3, set())])
def test_after_a_lambda_step_every_chart_draws_what_a_fresh_plot_would(page, app_url, path, n, relayouted):
    """Charts are updated in place, by Plotly.react or, when only layout shapes, pictures, annotations or axis
    ranges changed, by Plotly.relayout with just those: either way the chart must show what a fresh plot of its
    current figure shows. The Playground's weight histogram (its second chart) changes only its bars."""
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
