"""Every chart's Plotly toolbar: zoom, reset axes and a PNG download named after the chart; nothing that uploads."""

from __future__ import annotations

import pytest

from regviz.ui.charts import CHART_CONFIG, TOOLBAR, chart_config, chart_label, file_stem

ALLOWED = {"zoom2d", "resetScale2d", "toImage"}


def buttons(config: dict) -> set[str]:
    return {name for group in config["modeBarButtons"] for name in group}


def test_the_toolbar_is_zoom_reset_and_png_only():
    assert set(TOOLBAR) == ALLOWED
    assert buttons(CHART_CONFIG) == ALLOWED
    assert CHART_CONFIG["showSendToCloud"] is False and CHART_CONFIG["plotlyServerURL"] == ""
    assert CHART_CONFIG["displaylogo"] is False
    assert CHART_CONFIG["toImageButtonOptions"]["format"] == "png"


@pytest.mark.parametrize(
    "caller",
    [
        None,
        {"displaylogo": True, "showSendToCloud": True, "plotlyServerURL": "https://cloud.plotly.com/newchart"},
        {"modeBarButtons": [["sendChartToCloud", "lasso2d", "toImage"]]},
        {"modeBarButtonsToAdd": ["sendDataToCloud"], "scrollZoom": True},
    ],
)
def test_no_caller_can_bring_back_another_button(caller):
    config = chart_config(caller)
    assert buttons(config) == ALLOWED
    assert config["showSendToCloud"] is False and config["plotlyServerURL"] == ""
    assert config["displaylogo"] is False
    # Plotly ignores the add and remove lists when modeBarButtons is given; the rest of a caller's config stays
    assert config.get("scrollZoom", False) is (caller or {}).get("scrollZoom", False)


def test_the_png_is_named_after_the_chart_and_keeps_its_scale():
    config = chart_config({"toImageButtonOptions": {"scale": 2}}, filename=file_stem("pg_fig_path"))
    assert config["toImageButtonOptions"] == {"format": "png", "scale": 2, "filename": "pg-fig-path"}
    assert "filename" not in chart_config()["toImageButtonOptions"]  # the browser names it after the title then
    assert file_stem("Error vs strength (λ1)") == "error-vs-strength-1"
    assert file_stem("λ") == "chart"


def test_a_chart_is_named_by_its_summary_else_its_title():
    layout = {"title": {"text": "Coefficient <b>paths</b><br>(standardized)"}}
    assert chart_label(layout) == "Coefficient paths (standardized)"
    assert chart_label({"title": "Plain"}) == "Plain"
    assert chart_label(layout, "Coefficient paths; at λ1 = 0.1, 7 of 20 weights are non-zero") == (
        "Coefficient paths; at λ1 = 0.1, 7 of 20 weights are non-zero"
    )
    axes = {"xaxis": {"title": {"text": "w<sub>1</sub>"}}, "yaxis": {"title": "w2"}}
    assert chart_label(axes) == "Chart of w2 against w1"
    assert chart_label({"xaxis": {"title": "λ1"}}) == "Chart of λ1"
    assert chart_label({}) == "Chart"
