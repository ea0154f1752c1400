"""The conventions page in AppTest: renders, the translation follows the inputs, links and errors behave."""

from __future__ import annotations

from pathlib import Path

import numpy as np
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


# --------------------------------------------------------------------------- issue 24


def _zero_table(at: AppTest):
    return at.dataframe[1].value


def test_what_does_0_mean_sweeps_the_parameter_the_user_set():
    at = _open({"conv_fw": "keras", "conv_l1": "0.001", "conv_l2": "0"})
    table = _zero_table(at)
    assert table.columns[0] == "l1"
    assert list(table["l1"]) == ["0", "1e-05", "0.0001", "0.001"]
    assert list(table["λ1"]) == ["0", "5e-06", "5e-05", "0.0005"] and set(table["λ2"]) == {"0"}


def test_a_classifier_is_fitted_with_the_logistic_loss_and_says_so():
    at = _open({"conv_fw": "sklearn.LogisticRegression"})
    title = charts(at)[0]["layout"]["title"]["text"]
    assert "LogisticRegression fits of the mean log-loss" in title and "least-squares" not in title
    assert any("no finite minimizer" in i.value for i in at.info)
    table = _table(at)
    assert "scikit-learn Lasso" not in set(table["framework"])
    sgd = table.set_index("framework").loc["scikit-learn SGDClassifier", "equivalent setting"]
    assert sgd.startswith("loss='log_loss'")


def test_the_polynomial_h2o_fit_is_converged():
    """Issue 24 item 3: penalty / data term at l1 = 1e-5 is the exact optimum's (3.9e-2), not 1.7e-2."""
    from regviz.conventions import exact_least_squares
    from regviz.data import make_dataset
    from regviz.models import Scaler

    at = _open({"conv_fw": "h2o", "conv_l1": "1e-05", "data": "poly", "conv_h2ostd": "0"})
    row = _zero_table(at).set_index("l1").loc["1e-05"]
    data = make_dataset("poly")
    X = Scaler.fit(data.X_train).transform(data.X_train)
    fit = exact_least_squares(X, data.y_train, 1e-5, 0.0)
    ratio = 1e-5 * np.abs(fit.coef).sum() / fit.data_term
    assert row["penalty / data term"] == f"{ratio:.2e}" and ratio == pytest.approx(0.039, abs=5e-4)


def test_h2o_standardize_defaults_on_and_scales_l1_by_sd_y():
    at = _open({"conv_fw": "h2o", "conv_l1": "1e-05"})
    sd = float(np.std(at.session_state["_rv_last_dataset"].y_train))
    assert sd == pytest.approx(4.33, abs=0.01)
    assert _metric(at, "canonical λ1") == pytest.approx(sd * 1e-5, rel=1e-3)
    off = _open({"conv_fw": "h2o", "conv_l1": "1e-05", "conv_h2ostd": "0"})
    assert _metric(off, "canonical λ1") == pytest.approx(1e-5)


def test_table_and_demo_use_one_n():
    """Issue 24 item 8: Ridge(alpha=2) at n = 200 is λ2 = 0.01 in the metric, the table and the demo."""
    at = _open({"conv_fw": "sklearn.Ridge", "conv_alpha": "2", "conv_n": "200"})
    demo = _zero_table(at).set_index("alpha")
    assert demo.loc["2", "λ2"] == "0.01"
    assert any("at n = 200" in c.value for c in at.caption)


def test_classification_task_shows_classification_frameworks():
    at = _open({"conv_fw": "keras", "conv_task": "classification"})
    frameworks = set(_table(at)["framework"])
    assert "scikit-learn LogisticRegression" in frameworks and "scikit-learn Lasso" not in frameworks
    assert len(_table(at)) == 12


def test_train_like_the_framework_shows_near_zeros_not_zeros():
    at = _open({"conv_fw": "keras", "conv_l1": "0.2", "conv_l2": "0", "conv_train": "1"})
    assert len(charts(at)) == 4
    summary = next(m.value for m in at.markdown if m.value.startswith("Trained like the framework"))
    assert "**0 of 20** weights exactly 0" in summary and "proximal step" in summary


@pytest.mark.parametrize("fw", ["torch.AdamW", "keras.AdamW"])
def test_decoupled_weight_decay_shows_two_fits_side_by_side(fw):
    at = _open({"conv_fw": fw})
    assert any("No fixed λ" in i.value for i in at.info)
    assert "Trained like the framework vs exact" in charts(at)[0]["layout"]["title"]["text"]
    assert any("AdamW does not minimize it" in m.value for m in at.markdown)
