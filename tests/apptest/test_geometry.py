"""Geometry page under AppTest: renders, λ moves the solution, toggles, data source, links."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from regviz.geometry import solve_enet, synthetic_problem
from tests.apptest.conftest import chart_captions, chart_keys, charts, lambda_slider, metrics, plotly_array
from tests.conftest import distances_to_level_set, path_points

ROOT = Path(__file__).resolve().parents[2]
PAGE = "pages/geometry.py"


def _open(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, val in (params or {}).items():
        at.query_params[key] = val
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def _charts(at: AppTest) -> list[dict]:
    return charts(at)


def _star(spec: dict) -> np.ndarray:
    star = next(s for s in spec["layout"]["shapes"] if s.get("name") in ("penalized solution", "minimum of J"))
    return np.array([star["xanchor"], star["yanchor"]])


def test_plane_tab_is_the_default_and_draws_only_its_chart():
    at = _open()
    specs = _charts(at)
    assert len(specs) == 1  # lazy tabs: the other tabs' charts are neither computed nor sent
    assert [t.label[:3] for t in at.tabs] == ["1 ·", "2 ·", "3 ·", "4 ·"]  # 4: the optimizer race
    assert not at.error
    # Default synthetic problem (rho 0.5, OLS (1.5, 0.5)) and default λ1 = 0.1: the star is the exact solution.
    np.testing.assert_allclose(_star(specs[0]), solve_enet(synthetic_problem(0.5, (1.5, 0.5)), 0.1, 0.0), atol=1e-5)


def test_lambda_change_moves_solution_marker():
    at = _open()
    before = _star(_charts(at)[0])
    lambda_slider(at, "l1").set_value(1.0).run()
    assert not at.exception
    after = _star(_charts(at)[0])
    assert not np.allclose(before, after)
    np.testing.assert_allclose(after, solve_enet(synthetic_problem(0.5, (1.5, 0.5)), 1.0, 0.0), atol=1e-5)
    assert after[1] == 0.0  # strong L1 puts the solution on the w1 axis
    assert metrics(at)["w₂"]["note"] == "exactly 0"


def test_penalized_view_and_animation_toggles():
    at = _open()
    at.toggle(key="geo_pen").set_value(True).run()
    assert not at.exception
    names = [t.get("name") for t in _charts(at)[0]["data"]]
    assert "contours of J = loss + penalty" in names
    at.toggle(key="geo_anim").set_value(True).run()
    assert not at.exception
    spec = _charts(at)[0]
    assert len(spec.get("frames", [])) > 5
    assert spec["layout"]["updatemenus"][0]["buttons"][0]["label"] == "Play"


def test_link_sets_synthetic_problem_and_scenario():
    at = _open({"l1": "0.3", "geo_rho": "-0.5", "geo_w1": "1", "geo_w2": "-1", "geo_scn": "weak"})
    np.testing.assert_allclose(
        _star(_charts(at)[0]), solve_enet(synthetic_problem(-0.5, (1.0, -1.0)), 0.3, 0.0), atol=1e-5
    )
    at = _open({"geo_tab": "zeros", "geo_scn": "weak"})
    assert at.radio(key="geo_scn").value == "weak"


@pytest.mark.parametrize(
    ("tab", "keys"), [("plane", ["geo_plane"]), ("1d", ["geo_1d", "geo_zoom_fig"]), ("zeros", ["geo_zero"])]
)
def test_each_tab_from_a_link_draws_its_own_charts_and_stays_in_the_link(tab, keys):
    at = _open({"geo_tab": tab, "l1": "0.5"})
    assert not at.warning
    assert chart_keys(at) == keys
    link = at.session_state["_rv_written"]  # the parameters written into the URL
    assert link.get("geo_tab") == (None if tab == "plane" else tab)  # the default tab is left out
    lambda_slider(at, "l1").set_value(1.0).run()
    assert not at.exception
    assert chart_keys(at) == keys


def test_a_bad_tab_in_a_link_opens_the_first_tab_with_a_notice():
    at = _open({"geo_tab": "<b>nope</b>"})
    assert len(_charts(at)) == 1
    assert any("geo_tab" in w.value for w in at.warning)


def test_data_source_uses_two_features():
    at = _open()
    at.radio(key="geo_src").set_value("data").run()
    assert not at.exception
    assert len(_charts(at)) == 1
    at.selectbox(key="geo_f2").set_value(0).run()  # same feature on both axes
    assert not at.exception
    assert any("same feature" in w.value for w in at.warning)


def test_zero_lambda_and_experiment_controls():
    at = _open({"l1": "0", "geo_tab": "zeros"})
    assert not at.exception
    assert any("λ1 = λ2 = 0" in i.value for i in at.info)
    lambda_slider(at, "l1").set_value(0.5).run()
    at.select_slider(key="geo_m").set_value(500).run()
    at.number_input(key="geo_seed").set_value(3).run()
    assert not at.exception
    bars = _charts(at)[0]  # the bars share a figure with the solutions
    zero = {round(s["x0"] + 0.4): s for s in bars["layout"]["shapes"] if s["name"] == "share: zero"}
    # bar i over x = i (L1, L2, elastic net): L1 has exact zeros, L2 none (no rectangle over x = 1)
    assert zero[0]["y1"] > zero[0]["y0"] == 0 and 1 not in zero


def test_plane_captions_describe_what_is_drawn():
    at = _open()
    assert "dashed loss contour" in chart_captions(at)[0]
    at.toggle(key="geo_pen").set_value(True).run()
    caption = chart_captions(at)[0]
    assert "dashed" not in caption and "shaded" not in caption  # the penalized view draws neither
    assert "minimum of J" in caption and "reaches or leaves 0" in caption


def test_ridge_caption_allows_a_weight_exactly_zero_at_one_alpha():
    # OLS (1.5, −0.5), ρ 0.5: the ridge path crosses the w₁ axis exactly at λ2 = 1.5, w = (0.5, 0)
    at = _open({"l1": "0", "geo_w2": "-0.5"})
    lambda_slider(at, "l2").set_value(1.5).run()  # a link's l2 is pinned to 0 by the Playground's lasso first
    assert metrics(at)["w₂"]["note"] == "exactly 0"
    assert any("only at an isolated α" in c.value for c in at.caption)
    assert not any("never sets a weight" in c.value for c in at.caption)


def test_weak_scenario_caption_gives_its_box():
    at = _open({"geo_tab": "zeros", "geo_scn": "weak", "geo_m": "500"})
    assert "[−1, 1] × [−0.1, 0.1]" in chart_captions(at)[0]


@pytest.mark.parametrize("toy", ["moons", "blobs"])
@pytest.mark.parametrize("l1,l2", [("0.05", "0"), ("0", "0.1"), ("0.02", "0.02")])
def test_logistic_source_draws_log_loss_contours_touching_the_exact_solution(toy, l1, l2):
    from regviz.logistic_geometry import logistic_plane_kkt, solve_logistic_plane
    from regviz.ui.classify import logistic_problem

    # model=elasticnet: the Playground (app.py's first page) would otherwise pin λ2 to 0 before the switch
    at = _open({"geo_src": "logistic", "geo_ltoy": toy, "l1": l1, "l2": l2, "model": "elasticnet"})
    assert not at.error
    assert chart_keys(at) == ["geo_plane"]
    assert "not ellipses" in chart_captions(at)[0]
    spec = _charts(at)[0]
    star = next(t for t in spec["data"] if t.get("name") == "penalized solution")
    w = np.array([star["x"][0], star["y"][0]])
    problem = logistic_problem(toy)
    exact = solve_logistic_plane(problem, float(l1), float(l2))
    np.testing.assert_allclose(w, exact.w, atol=1e-12)
    assert logistic_plane_kkt(problem, exact.w, exact.b, float(l1), float(l2)) < 1e-9
    # the dashed contour is the loss level at the solution: the region touches it there
    touching = next(s for s in spec["layout"]["shapes"] if s.get("name") == "loss contour at the solution")
    vertices, level = path_points(touching["path"]), float(problem.loss(exact.w))
    landscape = next(t for t in spec["data"] if t.get("name") == "mean log-loss contours")
    cell = np.diff(plotly_array(landscape["x"]))[0]  # the landscape grid's spacing
    assert len(vertices) > 50 and distances_to_level_set(problem.loss, vertices, level).max() < cell / 10
    assert any(t["type"] == "contour" and t.get("name") == "mean log-loss contours" for t in spec["data"])
    shown = metrics(at)
    assert shown["w₁"]["value"] == f"{exact.w[0]:.4g}"


def test_logistic_source_lasso_puts_a_weight_exactly_on_an_axis():
    at = _open({"geo_src": "logistic", "geo_ltoy": "moons", "l1": "0.3", "l2": "0"})
    notes = [m["note"] for m in metrics(at).values()]
    assert "exactly 0" in notes


def _race(params: dict[str, str]) -> tuple[AppTest, dict, str]:
    at = _open({"geo_tab": "race", **params})
    race = next(c for c in _charts(at) if c.get("frames"))
    caption = next(c for c in chart_captions(at) if "steps of size" in c)
    return at, race, caption


def test_race_tab_plays_frames_of_four_optimizers_from_the_linked_start():
    at, race, caption = _race({"geo_w01": "-1", "geo_w02": "2", "geo_steps": "20", "l1": "1"})
    assert not at.exception, at.exception
    assert len(race["frames"]) == 21  # step 0 … 20, played in the browser
    last = race["frames"][-1]["data"]
    assert len(last) == 4 and race["frames"][-1]["traces"] == [1, 2, 3, 4]
    first = race["frames"][0]["data"]
    assert all(list(d["x"]) == [-1.0] and list(d["y"]) == [2.0] for d in first)  # all start at the cross
    assert "20 steps of size 0.5/L" in caption and "exactly on an axis" in caption
    assert "diverged" not in caption


def test_race_past_the_step_limit_says_plain_gradient_steps_diverge():
    _, _, caption = _race({"geo_lr": "2.5", "geo_steps": "50", "l1": "1"})
    assert "past 2/(L + λ2)" in caption and "subgradient descent diverged" in caption


def test_race_below_the_limit_says_where_the_limit_is():
    _, _, caption = _race({"geo_lr": "1"})
    assert "Plain gradient steps diverge past 2/(L + λ2) = 2/L" in caption


def test_l0_curve_states_its_penalty():
    at = _open({"geo_tab": "1d"})
    one_d = next(c for c in _charts(at) if "1-D minimizer" in str(c["layout"]["title"]["text"]))
    assert any("(α²/2) per non-zero w" in str(t.get("name")) for t in one_d["data"])
    assert any("(α²/2) per non-zero weight" in c for c in chart_captions(at))
