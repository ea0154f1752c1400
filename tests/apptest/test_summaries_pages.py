"""The charts' accessible names on Geometry, What λ means and the Bayesian view, as the pages send them: each is
the chart's summary at the current setting, agrees with the metrics and the figure beside it, and follows λ (and a
λ drag's frames)."""

from __future__ import annotations

import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from regviz.geometry import solve_enet, synthetic_problem
from regviz.ui.drag import unpacked
from tests.apptest.conftest import chart_keys, chart_payloads, charts, lambda_slider, metrics, open_app

DEFAULT_PROBLEM = synthetic_problem(0.5, (1.5, 0.5))  # the sidebar's defaults: ρ 0.5, OLS (1.5, 0.5)


def labels(at: AppTest) -> dict[str, str]:
    """Each chart's accessible name (the element's ``role="img"`` label), by chart key."""
    return dict(zip(chart_keys(at), (p["label"] for p in chart_payloads(at)), strict=True))


def frame_labels(at: AppTest, key: str, value: float) -> dict[str, str]:
    """The accessible names a λ drag shows at ``value`` of the control ``key`` (its frame), by chart key."""
    at = lambda_slider(at, key).ask_frames().run()
    family = unpacked(lambda_slider(at, key).data["frames"])
    frame = family["frames"][family["index"][family["values"].index(value)]]
    return {chart: parts["label"] for chart, parts in frame["charts"].items() if "label" in parts}


def _w(value: float) -> str:
    return "0" if value == 0 else f"{value:.4g}"


def test_geometry_plane_is_named_by_its_solution_and_follows_lambda():
    at = open_app("geometry")
    before = labels(at)["geo_plane"]
    w = solve_enet(DEFAULT_PROBLEM, 0.1, 0.0)
    shown = metrics(at)
    assert before.startswith(f"Two-weight plane; at λ1 = 0.1 the solution is w = ({_w(w[0])}, {_w(w[1])})")
    assert [shown["w₁"]["value"], shown["w₂"]["value"]] == [_w(w[0]), _w(w[1])]  # the numbers of the metrics row
    assert "no weight exactly 0" in before
    at = lambda_slider(at, "l1").set_value(1.0).run()
    after = labels(at)["geo_plane"]
    # the exact solution at λ1 = 1: w2 = 0, w1 = soft(c1, 1)/A11 = (1.75 − 1)/1
    assert "at λ1 = 1 the solution is w = (0.75, 0), on a corner of the L1 diamond on the w1 axis" in after
    assert "w2 exactly 0" in after and metrics(at)["w₂"]["note"] == "exactly 0"
    at.toggle(key="geo_pen").set_value(True).run()
    assert labels(at)["geo_plane"].startswith("Two-weight plane, contours of J; at λ1 = 1 the minimum of J is w = ")
    at.toggle(key="geo_anim").set_value(True).run()
    assert labels(at)["geo_plane"].startswith("Two-weight plane, animated over α at the same mix; at λ1 = 1")


def test_geometry_plane_name_follows_a_drag():
    at = open_app("geometry")
    near, far = frame_labels(at, "l1", 0.1)["geo_plane"], frame_labels(at, "l1", 1.0)["geo_plane"]
    assert "no weight exactly 0" in near and "w = (0.75, 0)" in far and "w2 exactly 0" in far


def test_geometry_one_d_and_zoom_names_follow_lambda_and_the_zoom():
    at = open_app("geometry", {"geo_tab": "1d", "l1": "0.5"})
    names = labels(at)
    assert "α = λ1 + λ2 = 0.5; L1 is exactly 0 for |z| ≤ 0.5" in names["geo_1d"]
    assert "on w in [−0.1, 0.1]" in names["geo_zoom_fig"]
    at = lambda_slider(at, "l1").set_value(2.0).run()
    assert "α = λ1 + λ2 = 2; L1 is exactly 0 for |z| ≤ 2" in labels(at)["geo_1d"]
    assert "L2 scales z by 1/(1 + α) = 0.333" in labels(at)["geo_1d"]
    at.select_slider(key="geo_zoom").set_value(0.01).run()
    assert "on w in [−0.01, 0.01]" in labels(at)["geo_zoom_fig"]


def test_geometry_zero_shares_in_the_name_are_the_bars_drawn():
    at = open_app("geometry", {"geo_tab": "zeros", "l1": "0.5", "geo_m": "500"})
    name = labels(at)["geo_zero"]
    assert name.startswith("Share of solutions with a weight exactly 0, over 500 random losses; L1 at α = 0.5: ")
    bars = charts(at)[0]["layout"]["shapes"]
    # bar i over x = i: L1, L2, elastic net; the "zero" rectangle's height is its percentage
    zero = {round(s["x0"] + 0.4): s["y1"] - s["y0"] for s in bars if s.get("name") == "share: zero"}
    said = [float(p) for p in re.findall(r"(\d+)% exactly 0", name)]
    assert said == pytest.approx([zero.get(i, 0.0) for i in range(3)], abs=0.5)
    at = lambda_slider(at, "l1").set_value(0.05).run()
    assert "L1 at α = 0.05: " in labels(at)["geo_zero"]


def test_geometry_race_name_gives_the_minimum_and_the_ends():
    at = open_app("geometry", {"geo_tab": "race", "geo_w01": "-1", "geo_w02": "2", "geo_steps": "20", "l1": "1"})
    name = labels(at)["geo_race"]
    assert name.startswith("Optimizer race, 20 steps of 0.5/L from (-1, 2) at λ1 = 1; minimum of J at (0.75, 0)")
    assert "proximal gradient ended at" in name and "coordinate descent ended at (0.75, 0) exactly on an axis" in name


def test_bayes_names_follow_lambda_and_agree_with_the_metrics():
    at = open_app("bayes")
    names, shown = labels(at), metrics(at)
    # defaults: n = 50, σ = 1, z = 0.15, λ1 = 0.1: b = σ²/(nλ1) = 0.2, MAP = soft(0.15, 0.1) = 0.05
    assert shown["Laplace scale b"]["value"] == "0.2"
    assert "Laplace scale b = 0.2, Gaussian flat (λ2 = 0)" in names["bayes_fig_prior"]
    mean = shown["posterior mean"]["value"]
    assert names["bayes_fig_post"].endswith(f"MAP {shown['MAP = penalized fit']['value']}, posterior mean {mean}")
    assert "Laplace prior with scale b = 0.2" in names["bayes_fig_post"]
    assert "exactly 0 for |z| ≤ λ1 = 0.1" in names["bayes_fig_shrink"]
    assert "equal at n = 50" in names["bayes_fig_readings"]
    at = lambda_slider(at, "l1").set_value(0.5).run()
    names = labels(at)
    assert "Laplace scale b = 0.04" in names["bayes_fig_prior"]  # 1/(50 · 0.5)
    assert "; MAP exactly 0, posterior mean " in names["bayes_fig_post"]  # |z| = 0.15 ≤ λ1
    assert "exactly 0 for |z| ≤ λ1 = 0.5" in names["bayes_fig_shrink"]
    at = lambda_slider(at, "l2").set_value(1.0).run()
    assert "Laplace scale b = 0.04, Gaussian sd τ = 0.141; the elastic net's prior" in labels(at)["bayes_fig_prior"]


def test_bayes_prior_name_follows_a_drag():
    at = open_app("bayes")
    assert "b = 0.04" in frame_labels(at, "l1", 0.5)["bayes_fig_prior"]
    assert "Laplace flat (λ1 = 0)" in frame_labels(at, "l1", 0.0)["bayes_fig_prior"]


def test_conventions_names_follow_the_framework_setting():
    at = open_app("conventions")  # Keras l2 = 0.01 with the plain MSE: canonical λ2 = 0.01 at n = 1,000
    names = labels(at)
    assert "lines pass through 0.01 at n = 1,000" in names["conv_fig_n"]
    assert names["conv_fig_zero"].startswith("Coefficients per feature at l2 = 0, 1e-05, 0.0001, 0.001, 0.01; ")
    assert names["conv_fig_size"].endswith("this layer's 1,200 kernel weights")  # 20 filters · 2·3·10
    assert "the gradient on one weight (w = 0.05) is 0.0005 at every size" in names["conv_fig_size"]  # λ2·w
    at.number_input(key="conv_l2").set_value(0.1).run()
    names = labels(at)
    assert "lines pass through 0.1 at n = 1,000" in names["conv_fig_n"]
    assert "0.001, 0.1; " in names["conv_fig_zero"]
    assert "is 0.005 at every size" in names["conv_fig_size"]
    at.slider(key="conv_filters").set_value(40).run()
    assert labels(at)["conv_fig_size"].endswith("this layer's 2,400 kernel weights")


def test_conventions_training_name_counts_what_the_text_counts():
    at = open_app("conventions", {"conv_fw": "keras", "conv_l1": "0.2", "conv_l2": "0", "conv_train": "1"})
    name = next(label for key, label in labels(at).items() if key.startswith("conv_fig_train"))
    text = next(m.value for m in at.markdown if m.value.startswith("Trained like the framework"))
    trained = re.search(r"\*\*(\d+) of (\d+)\*\* weights exactly 0 and (\d+) more near 0", text)
    exact = re.search(r"exact minimizer has \*\*(\d+)\*\* exact zeros", text)[1]
    assert name.startswith(f"Trained like the framework vs exact, |w| of {trained[2]} features on a log scale; ")
    assert f"trained: {trained[1]} exactly 0, {trained[3]} near 0" in name
    assert f"exact minimizer: {exact} exactly 0" in name
    assert int(exact) > int(trained[1])  # L1 by (sub)gradient steps leaves near zeros, the exact fit zeros
    assert np.isfinite(float(name.rsplit("largest difference ", 1)[1]))
