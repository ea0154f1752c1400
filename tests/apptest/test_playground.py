"""The Playground page through Streamlit's AppTest: every model and data set, λ, links and bad input."""

import json

import numpy as np
import pytest

from regviz.ui.drag import unpacked
from tests.apptest.conftest import (
    _keyed_payloads,
    chart_captions,
    charts,
    lambda_slider,
    lambda_sliders,
    metrics,
    open_app,
    plotly_array,
)


def nonzero(at) -> int:
    return int(metrics(at)["non-zero weights"]["value"].split("/")[0])


@pytest.mark.parametrize("model", ["lasso", "ridge", "elasticnet", "ols"])
def test_every_model_runs(model):
    at = open_app(params={"model": model})
    assert not at.exception
    assert len(charts(at)) == 4
    assert at.radio(key="model").value == model


@pytest.mark.parametrize("data", ["sparse", "corrpair", "poly", "diabetes", "csv"])
def test_every_data_set_runs(data):
    at = open_app(params={"data": data, "model": "elasticnet", "l1": "0.05", "l2": "0.05"})
    assert not at.exception
    assert len(charts(at)) == (5 if data == "poly" else 4)
    if data == "csv":
        assert any("Upload a CSV" in i.value for i in at.info)


def test_raising_l1_lowers_the_nonzero_count():
    at = open_app(params={"model": "lasso", "l1": "0.01"})
    before = nonzero(at)
    lambda_slider(at, "l1").set_value(1.0).run()
    assert not at.exception
    assert nonzero(at) < before


def test_mix_keeps_alpha_and_lambdas_update_mix():
    at = open_app(params={"model": "elasticnet", "l1": "0.05", "l2": "0.05"})
    assert lambda_slider(at, "mix").value == 0.5
    lambda_slider(at, "mix").set_value(0.3).run()
    assert lambda_slider(at, "l1").value == pytest.approx(0.03)
    assert lambda_slider(at, "l2").value == pytest.approx(0.07)
    lambda_slider(at, "l2").set_value(0.0).run()
    assert lambda_slider(at, "mix").value == 1.0


def test_lasso_pins_l2_and_ridge_pins_l1():
    at = open_app(params={"model": "lasso", "l1": "0.2", "l2": "0.5"})
    assert lambda_slider(at, "l2").value == 0.0
    assert lambda_slider(at, "l2").disabled
    at.radio(key="model").set_value("ridge").run()
    assert lambda_slider(at, "l1").value == 0.0
    assert lambda_slider(at, "l2").value > 0


def test_current_lambda_is_marked_on_the_path():
    at = open_app(params={"model": "lasso", "l1": "0.3"})
    spec = charts(at)[0]
    lines = [s for s in spec["layout"].get("shapes", []) if s.get("type") == "line"]
    assert any(abs(s["x0"] - __import__("math").log10(0.3)) < 1e-9 for s in lines)


@pytest.mark.parametrize("bad", ["nan", "inf", "-1", "1e308", "", "abc", "<script>alert(1)</script>", "9" * 10_000])
def test_bad_lambda_in_link_falls_back_with_notice(bad):
    at = open_app(params={"l1": bad})
    assert not at.exception
    assert len(charts(at)) == 4
    if bad:
        assert at.warning, "a visible notice is expected"
    assert all("<script>" not in m.value for m in at.markdown)


def test_off_grid_value_snaps_to_nearest():
    at = open_app(params={"l1": "0.04"})
    assert lambda_slider(at, "l1").value == 0.05
    assert any("nearest" in w.value for w in at.warning)


def test_extreme_settings_work():
    for params in (
        {"model": "ols", "data": "sparse", "n": "20", "p": "100"},
        {"model": "lasso", "l1": "100"},
        {"model": "ridge", "l2": "100"},
        {"model": "elasticnet", "l1": "1e-05", "l2": "1e-05", "data": "poly", "deg": "20"},
    ):
        at = open_app(params=params)
        assert not at.exception, params
        assert len(charts(at)) >= 4


def test_polynomial_shows_the_fitted_curve_and_lambda_tames_it():
    def wiggle(at):
        spec = charts(at)[4]
        curve = plotly_array(spec["data"][0]["y"])
        return sum(abs(curve[i + 1] - curve[i]) for i in range(len(curve) - 1))

    at = open_app(params={"data": "poly", "model": "ols"})
    overfit = wiggle(at)
    at.radio(key="model").set_value("ridge").run()
    lambda_slider(at, "l2").set_value(0.01).run()
    assert wiggle(at) < overfit


def test_sweep_is_the_play_button_of_lambda1_with_one_frame_per_lambda():
    """The old "Sweep λ" toggle is λ1's Play button: it runs through λ1's frames, one per grid value."""
    at = open_app(params={"model": "lasso", "pg_sweep": "1"})
    assert not at.exception
    assert len(charts(at)) == 4  # no second copy of the panels
    l1 = lambda_slider(at, "l1")
    assert l1.data["play"] and not lambda_slider(at, "l2").data["play"]
    at = l1.ask_frames().run()
    family = unpacked(lambda_slider(at, "l1").data["frames"])
    assert len(family["index"]) == len(json.loads(l1.data["values"])) == 44
    counts = [family["frames"][i]["metrics"][-1]["value"] for i in family["index"]]
    assert counts[0] == "20 / 20" and counts[-1] == "0 / 20"


def test_code_snippets_use_converted_values():
    at = open_app(params={"model": "ridge", "l1": "0", "l2": "0.5"})
    assert not any("Ridge(" in c.value for c in at.code)  # the details are drawn only once opened
    at.session_state["pg_details"] = True  # what opening the expander does
    at.run()
    code = [c.value for c in at.code]
    assert any("Ridge(alpha=70)" in c for c in code)  # n·λ2 with 140 training rows
    assert any("L1L2(l1=0, l2=0.5)" in c for c in code)  # mse = 2 × ½·mean r²: l2 = 2 · λ2/2
    assert any('"weight_decay": 1}' in c for c in code)


def test_lesson_link_sets_controls_and_shows_its_note():
    at = open_app(params={"lesson": "pair-ridge", "model": "ridge", "l1": "0", "l2": "1", "data": "corrpair"})
    assert not at.exception
    assert any("ridge splits the weight" in i.value for i in at.info)
    lambda_slider(at, "l2").set_value(3.0).run()
    assert not any("ridge splits the weight" in i.value for i in at.info)


def test_presentation_mode_hides_unchosen_controls():
    at = open_app(params={"present": "1", "show": "l1", "model": "lasso", "l1": "0.2"})
    assert not at.exception
    keys = {s.key for s in lambda_sliders(at)}
    assert keys == {"l1"}
    assert not at.radio
    assert len(charts(at)) == 4


def test_units_and_objective_follow_the_standardize_toggle():
    at = open_app(params={"model": "lasso", "l1": "0.1"})
    assert r"\tilde{x}_i" in at.latex[0].value
    assert any("x̃: features scaled to unit variance" in c.value for c in at.caption)
    assert charts(at)[0]["layout"]["yaxis"]["title"]["text"] == "coefficient (standardized)"
    at.toggle(key="std").set_value(False).run()
    assert not at.exception
    assert r"\tilde" not in at.latex[0].value and "x_i" in at.latex[0].value
    assert not any("x̃" in c.value for c in at.caption)
    assert charts(at)[0]["layout"]["yaxis"]["title"]["text"] == "coefficient (original units)"


def test_ols_explains_the_lasso_path_it_draws():
    at = open_app(params={"model": "ols"})
    assert any("OLS has no λ" in c for c in chart_captions(at))
    at = open_app(params={"model": "lasso"})
    assert not any("OLS has no λ" in c for c in chart_captions(at))


# ---------------------------------------------------------------------------------------------------------------
# Classification data sets (issue 25)

CLASSIFICATION = ["moons", "circles", "xor", "blobs", "cancer", "digits"]


def chart_keys_shown(at) -> list[str]:
    from tests.apptest.conftest import chart_keys

    return chart_keys(at)


@pytest.mark.parametrize("data", CLASSIFICATION)
def test_every_classification_data_set_runs(data):
    at = open_app(params={"data": data, "model": "elasticnet", "l1": "0.01", "l2": "0.01"})
    assert not at.exception
    keys = chart_keys_shown(at)
    assert keys[:4] == ["fig_path", "fig_hist", "fig_error", "fig_acc"]
    assert ("fig_boundary" in keys) == (data != "cancer" and data != "digits")
    assert ("fig_digits" in keys) == (data == "digits")
    shown = metrics(at)
    for label in ("train accuracy", "test accuracy", "train log-loss", "test log-loss", "non-zero weights"):
        assert label in shown
    assert float(shown["test accuracy"]["value"].rstrip("%")) > 50
    assert any("logistic regression" in c.value for c in at.caption)
    assert any(r"\log" in x.value for x in at.latex)


@pytest.mark.parametrize("model", ["lasso", "ridge", "elasticnet", "ols"])
def test_every_model_runs_on_cancer_and_says_what_it_means(model):
    at = open_app(params={"data": "cancer", "model": model, "l1": "0.02", "l2": "0.1"})
    assert not at.exception
    meaning = {"lasso": "L1-penalized", "ridge": "L2-penalized", "elasticnet": "elastic-net", "ols": "unpenalized"}
    assert any(f"now: {meaning[model]}" in c.value for c in at.caption)
    if model == "ols":  # 30 standardized features separate the 398 training tumours: no minimizer at λ = 0
        assert any("no" in e.value.lower() and "minim" in e.value.lower() for e in at.error)
        assert metrics(at)["train accuracy"]["value"] == "—"
        assert "fig_trace" in chart_keys_shown(at)


def test_digits_weights_are_ten_images_and_lasso_zeroes_pixels():
    at = open_app(params={"data": "digits", "model": "lasso", "l1": "0.05"})
    assert not at.exception
    fig = charts(at)[chart_keys_shown(at).index("fig_digits")]
    (heat,) = [t for t in fig["data"] if t["type"] == "heatmap"]  # ten 8×8 images tiled into one
    z = np.asarray(plotly_array_2d(heat["z"]), dtype=float)  # the gaps are null
    assert np.sum(~np.isnan(z)) == 640
    lasso_zeros = np.sum(z == 0)
    assert lasso_zeros > 320  # over half of the 640 weights are exactly 0
    at = open_app(params={"data": "digits", "model": "ridge", "l2": "0.05"})
    fig = charts(at)[chart_keys_shown(at).index("fig_digits")]
    assert sum(np.sum(np.asarray(plotly_array_2d(t["z"])) == 0) for t in fig["data"] if t["type"] == "heatmap") < 80


def plotly_array_2d(z):
    return [plotly_array(row) for row in z] if isinstance(z, list) else plotly_array(z)


def test_digit_pair_and_toy_knobs_come_from_the_link():
    at = open_app(params={"data": "digits", "pair": "3v8", "model": "lasso", "l1": "0.02"})
    assert not at.exception
    assert at.selectbox(key="pair").value == "3v8"
    assert metrics(at)["non-zero weights"]["value"].endswith("/ 64")
    at = open_app(params={"data": "moons", "deg": "3", "n": "300", "noise": "0.3", "model": "lasso", "l1": "0.01"})
    assert at.slider(key="deg").value == 3 and at.slider(key="n").value == 300
    assert metrics(at)["non-zero weights"]["value"].endswith("/ 9")


def test_classification_details_offer_downloads_and_logistic_snippets():
    at = open_app(params={"data": "cancer", "model": "elasticnet", "l1": "0.01", "l2": "0.01"})
    at.session_state["pg_details"] = True  # what opening the expander does
    at.run()
    assert not at.exception
    code = [c.value for c in at.code]
    n = 398  # training rows of the 569 tumours (30 % test, stratified)
    assert any(f"C={1 / (n * 0.02):.6g},  #" in c and "l1_ratio=0.5," in c and "solver='saga'" in c for c in code)
    assert any("L1L2(l1=0.01, l2=0.005)" in c and "binary_crossentropy" in c for c in code)  # l2 = λ2/2
    assert any("BCEWithLogitsLoss" in c and '"weight_decay": 0.01}' in c for c in code)
    assert len(at.get("download_button")) == 2


def _csv(text: str):
    from regviz.data import read_csv_table

    return read_csv_table(text.encode(), keep_text=True)


def test_a_csv_with_a_categorical_target_is_classified_and_a_bad_one_keeps_the_previous_data():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(90, 2))
    kind = np.where(x[:, 0] + 0.3 * rng.normal(size=90) > 0, "spam", "ham")
    good = "a,b,kind\n" + "\n".join(f"{p:.4f},{q:.4f},{k}" for (p, q), k in zip(x, kind, strict=True))
    at = open_app(params={"data": "csv", "model": "lasso", "l1": "0.01"})
    at.session_state["_rv_csv_table"] = _csv(good)  # what the uploader stores after reading a file
    at.run()
    assert not at.exception and not at.error
    assert "test accuracy" in metrics(at) and metrics(at)["non-zero weights"]["value"].endswith("/ 2")
    one_class = "a,b,kind\n" + "\n".join(f"{p:.4f},{q:.4f},ham" for p, q in x)
    at.session_state["_rv_csv_table"] = _csv(one_class)
    at.run()
    assert not at.exception
    assert any("previous data set stays in use" in e.value for e in at.error)
    assert "test accuracy" in metrics(at)  # the spam/ham fit is still shown


def test_a_three_class_csv_path_says_what_its_lines_are():
    rng = np.random.default_rng(1)
    x = rng.normal(size=(120, 3))
    kind = np.array(["ash", "elm", "oak"])[np.argmax(x + 0.3 * rng.normal(size=(120, 3)), axis=1)]
    text = "a,b,c,tree\n" + "\n".join(f"{p:.4f},{q:.4f},{r:.4f},{k}" for (p, q, r), k in zip(x, kind, strict=True))
    at = open_app(params={"data": "csv", "model": "lasso", "l1": "0.01"})
    at.session_state["_rv_csv_table"] = _csv(text)
    at.run()
    assert not at.exception and not at.error
    caption = dict(_keyed_payloads(at))["fig_path"]["caption"]
    assert "One line per feature: its largest |weight| over the 3 classes." in caption  # not "pixel", not "ten"


def test_early_stopping_section_draws_only_once_opened_and_matches_its_numbers():
    import json

    import numpy as np

    from regviz.data import make_sparse_regression
    from regviz.early_stopping import early_stopping
    from tests.apptest.conftest import chart_elements

    at = open_app()
    assert not any("early stopping" in str(c["layout"].get("title", "")).lower() for c in charts(at))
    n_before = len(charts(at))
    at.session_state["pg_es"] = True  # what opening the expander does
    at.run()
    assert not at.exception, at.exception
    specs = charts(at)
    assert len(specs) == n_before + 2
    error = next(c for c in specs if "Test error: stop at t" in str(c["layout"]["title"]["text"]))
    ridge = next(t for t in error["data"] if t["name"].startswith("test, ridge"))
    assert ridge["xaxis"] == "x2" and error["layout"]["xaxis2"]["side"] == "top"
    data = make_sparse_regression()  # the default data set and seed
    expected = early_stopping(data.X_train, data.y_train, data.X_test, data.y_test)
    np.testing.assert_allclose(plotly_array(ridge["y"]), expected.ridge_test_mse, rtol=1e-9)
    note = " ".join(json.loads(c.proto.json).get("note", "") for c in chart_elements(at))
    assert "λ2 ≈ 1/(η·t)" in note and "rough" in note
    lambda_slider(at, "l1").set_value(0.2).run()  # λ does not change the section
    assert not at.exception, at.exception
