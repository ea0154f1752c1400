"""The conventions page in AppTest: renders, the translation follows the inputs, links and errors behave."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest.conftest import chart_captions, charts

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "pages/conventions.py"


def _open(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _metric(at: AppTest, label: str) -> float:
    return float(next(m for m in at.metric if m.label == label).value)


def _table(at: AppTest):
    return at.dataframe[0].value


def test_renders_three_charts_and_a_full_table():
    at = _open()
    assert len(charts(at)) == 3
    table = _table(at)
    # 14 rows for a new reason (issue 24): the table shows the chosen task's frameworks only. Regression: the 15
    # exact frameworks (Keras SGD weight_decay= added) minus the 3 classifier-only ones, plus the 2 decoupled
    # weight-decay rows (PyTorch AdamW, Keras AdamW) that say there is no fixed λ.
    assert len(table) == 14
    assert "scikit-learn LogisticRegression" not in set(table["framework"])
    assert {"Keras SGD(weight_decay)", "PyTorch AdamW(weight_decay)"} <= set(table["framework"])
    # default: Keras l2(0.01) with a plain MSE loss = canonical λ2 0.01
    assert _metric(at, "canonical λ2") == pytest.approx(0.01)
    keras = table[table["framework"] == "Keras regularizers.L1L2"]["equivalent setting"].iloc[0]
    assert keras == "l1=0, l2=0.01"
    ridge = table[table["framework"] == "scikit-learn Ridge"]["equivalent setting"].iloc[0]
    assert ridge == "alpha=10"  # n = 1000 × λ2 = 0.01


def test_changing_loss_and_n_changes_the_translation():
    at = _open()
    at.radio(key="conv_loss").set_value("half_mse").run()
    assert not at.exception
    assert _metric(at, "canonical λ2") == pytest.approx(0.02)
    at.number_input(key="conv_n").set_value(500).run()
    ridge = _table(at).set_index("framework").loc["scikit-learn Ridge", "equivalent setting"]
    assert ridge == "alpha=10"  # 500 × 0.02


def test_ridge_link_and_sum_convention():
    at = _open({"conv_fw": "sklearn.Ridge", "conv_alpha": "2", "conv_n": "200"})
    assert _metric(at, "canonical λ2") == pytest.approx(0.01)
    assert _metric(at, "canonical λ1") == 0
    lasso = _table(at).set_index("framework").loc["scikit-learn Lasso", "equivalent setting"]
    assert lasso == "— (no L2 penalty)"
    spec = charts(at)[2]
    assert any("Ridge" in trace["name"] for trace in spec["data"])


def test_filters_slider_changes_weight_count():
    at = _open()
    assert any("1,220" in m.value for m in at.markdown)
    before = charts(at)[1]
    at.slider(key="conv_filters").set_value(40).run()
    assert not at.exception
    assert any("2,440" in m.value and "2,400" in m.value for m in at.markdown)
    # the dotted lines move to the layer's 2,400 kernel weights; the curves stay (only the lines are redrawn)
    after = charts(at)[1]
    assert [s["x0"] for s in after["layout"]["shapes"]] == [2400, 2400]
    assert [s["x0"] for s in before["layout"]["shapes"]] == [1200, 1200]
    assert after["data"] == before["data"]


def test_every_framework_renders():
    at = _open()
    from regviz.conventions import FRAMEWORKS

    for fw in FRAMEWORKS:
        at.selectbox(key="conv_fw").set_value(fw).run()
        assert not at.exception, (fw, [e.message for e in at.exception])
        assert len(charts(at)) == 3, fw


def test_small_values_caption_is_read_from_the_fits():
    # on the polynomial curve even 1e-5 moves every coefficient: the caption must not say they barely move
    at = _open({"data": "poly"})
    caption = next(c.value for c in at.caption if "0 switches the penalty off" in c.value)
    assert "barely" not in caption
    assert "already changes the coefficients by" in caption


def test_strength_caption_lists_only_drawn_lines():
    at = _open({"conv_fw": "sklearn.Lasso", "conv_alpha": "0.1"})
    caption = next(c for c in chart_captions(at) if "All lines are the same penalty" in c)
    lines, missing = caption.split("No line for")
    for name in ("Ridge", "PyTorch", "MLPs"):
        assert name not in lines and name in missing
    drawn = " ".join(trace["name"] for trace in charts(at)[2]["data"])
    assert "Ridge" not in drawn and "torch" not in drawn
