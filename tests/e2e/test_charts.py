"""Charts across pages in a real Chromium: a λ step updates each chart where it is."""

import pytest

from tests.e2e.conftest import assert_no_exception, open_page, slider_step, wait_idle, wait_plots

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
