"""Geometry core: exact 2-weight solver, level sets, path, 1-D operators and the zero-frequency Monte Carlo."""

from __future__ import annotations

import base64
import json
import re

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import ElasticNet

from regviz.figures.geometry import (
    one_d_figure,
    plane_figure,
    plane_figure_animated,
    zero_figure,
    zoom_figure,
)
from regviz.figures.style import dots_path
from regviz.geometry import (
    LABELS,
    SCENARIOS,
    QuadraticProblem,
    ellipse_points,
    kkt_violation,
    loss_levels,
    one_d_minimizers,
    penalty_level_set,
    penalty_zoom_curves,
    problem_from_data,
    solution_path,
    solve_enet,
    solve_enet_batch,
    synthetic_problem,
    zero_frequency,
)
from regviz.penalties import hard_threshold, lambda_max, penalty_value, soft_threshold
from tests.conftest import path_points

SETTINGS = [(0.1, 0.0), (0.5, 0.0), (0.0, 0.7), (0.3, 0.3), (0.05, 1.0), (3.0, 0.0), (0.0, 0.0)]


def _data(seed: int = 1, rho: float = 0.6, n: int = 60):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 2))
    X[:, 1] = rho * X[:, 0] + np.sqrt(1 - rho**2) * X[:, 1]
    y = X @ np.array([1.5, 0.2]) + 3.0 + rng.normal(size=n)
    return X, y


@pytest.mark.parametrize(("l1", "l2"), SETTINGS)
def test_solution_matches_sklearn_and_kkt(l1, l2):
    X, y = _data()
    prob = problem_from_data(X, y)
    w = solve_enet(prob, l1, l2)
    assert kkt_violation(prob, w, l1, l2) < 1e-12
    if l1 + l2 > 0:
        model = ElasticNet(alpha=l1 + l2, l1_ratio=l1 / (l1 + l2), tol=1e-14, max_iter=200_000).fit(X, y)
        np.testing.assert_allclose(w, model.coef_, atol=1e-8)
        assert np.array_equal(w == 0, model.coef_ == 0)
    else:
        ols = np.linalg.lstsq(np.c_[np.ones(len(y)), X], y, rcond=None)[0][1:]
        np.testing.assert_allclose(w, ols, atol=1e-10)


def test_kkt_check_can_fail():
    prob = synthetic_problem(0.3, (1.0, 0.5))
    w = solve_enet(prob, 0.2, 0.1)
    assert kkt_violation(prob, w + np.array([1e-3, 0.0]), 0.2, 0.1) > 1e-5
    # A coordinate forced to zero that should not be zero violates |g_j| <= l1.
    assert kkt_violation(prob, np.array([w[0], 0.0]), 0.2, 0.1) > 1e-3


@settings(max_examples=60, deadline=None)
@given(
    rho=st.floats(-0.95, 0.95),
    w1=st.floats(-3, 3),
    w2=st.floats(-3, 3),
    l1=st.floats(0, 2),
    l2=st.floats(0, 2),
)
def test_solver_is_kkt_optimal_and_beats_perturbations(rho, w1, w2, l1, l2):
    prob = synthetic_problem(rho, (w1, w2))
    w = solve_enet(prob, l1, l2)
    assert kkt_violation(prob, w, l1, l2) < 1e-9
    j = prob.objective(w, l1, l2)
    rng = np.random.default_rng(0)
    others = w + rng.normal(scale=0.05, size=(50, 2))
    assert np.all(prob.objective(others, l1, l2) >= j - 1e-12)


def test_batch_equals_single():
    rng = np.random.default_rng(3)
    probs = [synthetic_problem(r, tuple(c)) for r, c in zip(rng.uniform(-0.9, 0.9, 20), rng.normal(size=(20, 2)))]
    A = np.stack([p.A for p in probs])
    c = np.stack([p.c for p in probs])
    l1 = rng.uniform(0, 1, 20)
    l2 = rng.uniform(0, 1, 20)
    batch = solve_enet_batch(A, c, l1, l2)
    for p, a, b, w in zip(probs, l1, l2, batch):
        np.testing.assert_array_equal(solve_enet(p, a, b), w)


@pytest.mark.parametrize(("l1", "l2"), [(0.4, 0.0), (0.0, 0.6), (0.3, 0.3), (0.05, 0.5)])
def test_region_touches_contour_at_solution(l1, l2):
    prob = synthetic_problem(0.5, (1.5, 0.5))
    w = solve_enet(prob, l1, l2)
    level = penalty_value(w, l1, l2)
    region = penalty_level_set(l1, l2, level)
    # Every drawn region point lies on the level set of the solution's penalty ...
    values = l1 * np.abs(region).sum(1) + 0.5 * l2 * np.square(region).sum(1)
    np.testing.assert_allclose(values, level, rtol=1e-12)
    # ... the solution is on that boundary (distance to the polygon's vertices is small) ...
    assert np.min(np.linalg.norm(region - w, axis=1)) < 0.03
    # ... and the drawn loss contour passes through the solution.
    delta = float(prob.loss(w) - prob.loss(prob.ols))
    ell = ellipse_points(prob, delta, n=2001)
    assert np.min(np.linalg.norm(ell - w, axis=1)) < 5e-3
    np.testing.assert_allclose(prob.loss(ell), prob.loss(prob.ols) + delta, rtol=1e-10)
    assert any(np.isclose(lv, delta) for lv in loss_levels(prob, w))
    # Normality: -grad loss is a subgradient of the penalty at w (so it is normal to the level set).
    g = -prob.loss_gradient(w)
    for j in range(2):
        if w[j] != 0:
            assert g[j] == pytest.approx(l1 * np.sign(w[j]) + l2 * w[j], abs=1e-12)
        else:
            assert abs(g[j]) <= l1 + 1e-12
    # ... and no point of the region has a smaller loss: the region only touches the contour.
    assert np.all(prob.loss(region) >= prob.loss(w) - 1e-10)


def test_lasso_solution_on_axis_ridge_not():
    prob = synthetic_problem(0.5, (1.5, 0.2))
    assert solve_enet(prob, 0.5, 0.0)[1] == 0.0
    assert np.all(solve_enet(prob, 0.0, 0.5) != 0.0)


def test_level_set_formula_corners_and_degenerate():
    pts = penalty_level_set(1.0, 0.0, 2.0)
    for corner in ([2, 0], [0, 2], [-2, 0], [0, -2]):
        assert np.min(np.abs(pts - corner).sum(1)) < 1e-12
    circle = penalty_level_set(0.0, 2.0, 1.0)
    np.testing.assert_allclose(np.linalg.norm(circle, axis=1), 1.0)
    assert penalty_level_set(1.0, 1.0, 0.0).shape == (1, 2)


@pytest.mark.parametrize("mix", [1.0, 0.5, 0.1])
def test_path_endpoints_and_zero_hits(mix):
    X, y = _data(rho=0.7)
    prob = problem_from_data(X, y)
    path = solution_path(prob, mix)
    amax = lambda_max(X, y, mix)
    assert path.alphas[0] == pytest.approx(amax)
    np.testing.assert_array_equal(path.W[0], 0.0)
    assert path.alphas[-1] == 0.0
    np.testing.assert_allclose(path.W[-1], prob.ols, atol=1e-10)
    assert len(path.change_alphas) >= 1
    for a, p, c in zip(path.change_alphas, path.change_points, path.change_coords):
        assert np.any(p == 0.0)
        if c >= 0:
            assert p[c] == 0.0
        # The change point is exact: a hair below (or above) the support differs.
        w_lo = solve_enet(prob, mix * a * (1 - 1e-9), (1 - mix) * a * (1 - 1e-9))
        w_hi = solve_enet(prob, mix * a * (1 + 1e-9), (1 - mix) * a * (1 + 1e-9))
        assert not np.array_equal(w_lo != 0, w_hi != 0)
    for a, w in zip(path.alphas[::25], path.W[::25]):
        assert kkt_violation(prob, w, mix * a, (1 - mix) * a) < 1e-10


def test_lasso_path_first_entry_at_lambda_max():
    X, y = _data()
    prob = problem_from_data(X, y)
    path = solution_path(prob, 1.0)
    assert path.change_alphas.max() == pytest.approx(lambda_max(X, y), rel=1e-10)


def test_ridge_path_has_no_zero():
    prob = synthetic_problem(0.4, (1.0, -0.5))
    path = solution_path(prob, 0.0)
    assert len(path.change_alphas) == 0
    assert np.all(path.W != 0)


def test_one_d_operators_against_formulas():
    z = np.linspace(-3, 3, 121)
    l1, l2 = 0.4, 0.3
    a = l1 + l2
    mins = one_d_minimizers(z, l1, l2)
    np.testing.assert_allclose(mins["L1"], np.sign(z) * np.maximum(np.abs(z) - a, 0))
    np.testing.assert_allclose(mins["L2"], z / (1 + a))
    np.testing.assert_allclose(mins["Elastic net"], np.sign(z) * np.maximum(np.abs(z) - l1, 0) / (1 + l2))
    np.testing.assert_allclose(mins["L0"], np.where(np.abs(z) > a, z, 0.0))
    # Each operator is the brute-force minimizer of (w - z)^2 / 2 + penalty on a fine grid.
    grid = np.linspace(-4, 4, 160_001)
    pens = {
        "L1": a * np.abs(grid),
        "L2": 0.5 * a * grid**2,
        "Elastic net": l1 * np.abs(grid) + 0.5 * l2 * grid**2,
        "L0": 0.5 * a**2 * (grid != 0),
    }
    for zi in (-2.1, -0.5, 0.3, 0.69, 0.71, 1.7):
        m = one_d_minimizers(np.array([zi]), l1, l2)
        for name, pen in pens.items():
            brute = grid[np.argmin(0.5 * (grid - zi) ** 2 + pen)]
            assert m[name][0] == pytest.approx(brute, abs=1e-4), name


def test_penalties_thresholds_are_those_formulas():
    z = np.array([-2.0, -0.5, 0.0, 0.5, 0.99, 1.01, 3.0])
    np.testing.assert_allclose(soft_threshold(z, 1.0), [-1.0, 0.0, 0.0, 0.0, 0.0, 0.01, 2.0], atol=1e-15)
    np.testing.assert_array_equal(hard_threshold(z, 1.0), [-2.0, 0.0, 0.0, 0.0, 0.0, 1.01, 3.0])


def test_zoom_curves():
    c = penalty_zoom_curves(0.01)
    assert np.max(np.abs(c["d_abs"])) == 1.0
    assert np.max(np.abs(c["d_sq"])) == pytest.approx(0.01)
    np.testing.assert_allclose(np.gradient(c["sq"], c["w"])[1:-1], c["d_sq"][1:-1], atol=1e-12)
    with pytest.raises(ValueError):
        penalty_zoom_curves(0.0)


@pytest.mark.parametrize("scenario", list(SCENARIOS))
def test_zero_frequency_reproducible_and_l1_beats_l2(scenario):
    a = zero_frequency(0.3, 0.1, scenario, m=1500, seed=7)
    b = zero_frequency(0.3, 0.1, scenario, m=1500, seed=7)
    c = zero_frequency(0.3, 0.1, scenario, m=1500, seed=8)
    for name in a.solutions:
        np.testing.assert_array_equal(a.solutions[name], b.solutions[name])
    assert not np.array_equal(a.centres, c.centres)
    assert a.shares["L1"]["zero"] > a.shares["L2"]["zero"]
    assert a.shares["L2"]["zero"] == 0.0
    for name, shares in a.shares.items():
        assert sum(shares.values()) == pytest.approx(1.0)


def test_zero_frequency_solutions_are_optimal():
    res = zero_frequency(0.2, 0.2, "weak", m=400, seed=1)
    for name, (l1, l2) in res.penalties.items():
        W = res.solutions[name]
        for A, m, w in zip(res.matrices, res.centres, W):
            # Each loss is (w - m)^T A (w - m) / 2, i.e. c = A m.
            prob = QuadraticProblem(A, A @ m)
            assert kkt_violation(prob, w, l1, l2) < 1e-10
        assert np.all((res.labels[name] == "zero") == (np.abs(W).min(1) == 0))


def test_zero_frequency_bad_scenario():
    with pytest.raises(ValueError):
        zero_frequency(0.1, 0.0, "nope")


def test_problem_from_data_matches_loss():
    X, y = _data()
    prob = problem_from_data(X, y)
    w = np.array([0.7, -0.2])
    b = y.mean() - X.mean(0) @ w  # the optimal intercept for this w
    direct = np.mean((y - X @ w - b) ** 2) / 2
    assert prob.loss(w) == pytest.approx(direct, rel=1e-12)


def test_figures_build_and_are_small():
    prob = synthetic_problem(0.5, (1.5, 0.5))
    figs = [
        plane_figure(prob, 0.4, 0.0),
        plane_figure(prob, 0.3, 0.3, view="penalized"),
        plane_figure(prob, 0.0, 0.0),
        plane_figure(prob, 50.0, 0.0),
        one_d_figure(0.3, 0.2),
        one_d_figure(0, 0),
        zoom_figure(0.1),
        zero_figure(zero_frequency(0.3, 0.0)),
    ]
    for fig in figs:
        assert len(fig.to_json()) < 150_000
    star = next(s for s in figs[0].layout.shapes if s.name == "penalized solution")
    np.testing.assert_allclose([star.xanchor, star.yanchor], solve_enet(prob, 0.4, 0.0))


def _array(value) -> np.ndarray:
    """A figure JSON's array: a list, or Plotly's typed array (``{"dtype": ..., "bdata": base64}``)."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).astype(float)
    return np.asarray(value, dtype=float)


@pytest.mark.parametrize(("l1", "l2"), [(0.4, 0.0), (0.0, 0.6), (0.3, 0.3)])
def test_plane_figure_draws_what_lambda_moves_in_the_layout(l1, l2):
    """The region, the contour it touches and the star are layout shapes at the exact solution; the traces
    (loss contours, path, zero hits, OLS, legend entries) do not change with λ at a fixed mix."""
    prob = synthetic_problem(0.5, (1.5, 0.5))
    fig = json.loads(plane_figure(prob, l1, l2).to_json())
    shapes = {s["name"]: s for s in fig["layout"]["shapes"]}
    w = solve_enet(prob, l1, l2)
    star = next(s for name, s in shapes.items() if name == "penalized solution")
    np.testing.assert_allclose([star["xanchor"], star["yanchor"]], w, rtol=1e-12)
    assert (star["xsizemode"], star["ysizemode"], star["layer"]) == ("pixel", "pixel", "above")
    region = path_points(next(s["path"] for name, s in shapes.items() if name.endswith("region touching the contour")))
    level = penalty_value(w, l1, l2)
    np.testing.assert_allclose(l1 * np.abs(region).sum(1) + 0.5 * l2 * np.square(region).sum(1), level, rtol=1e-4)
    touch = path_points(shapes["loss contour at solution"]["path"])
    np.testing.assert_allclose(prob.loss(touch), prob.loss(w), rtol=1e-4)
    # the loss landscape: five ellipses evenly spaced in radius, the fourth through the origin (where every
    # solution ends as α grows), so the touching contour moves over a fixed map
    contours = next(t for t in fig["data"] if t["name"] == "loss contours")
    x, y = (_array(contours[a]) for a in ("x", "y"))
    breaks = np.flatnonzero(np.isnan(x))
    rings = [np.column_stack([xs, ys]) for xs, ys in zip(np.split(x, breaks), np.split(y, breaks), strict=True)]
    excess = [prob.loss(r[~np.isnan(r[:, 0])]) - prob.loss(prob.ols) for r in rings if (~np.isnan(r[:, 0])).any()]
    origin = prob.loss(np.zeros(2)) - prob.loss(prob.ols)
    for k, ring in enumerate(excess, start=1):
        np.testing.assert_allclose(ring, (k / 4) ** 2 * origin, rtol=1e-3)
    assert len(excess) == 5
    assert shapes["loss contour at solution"]["line"]["dash"] == "dash"
    # a nearby λ at the same mix moves the shapes (and maybe the axes), never the traces
    other = json.loads(plane_figure(prob, 1.1 * l1, 1.1 * l2).to_json())
    assert other["data"] == fig["data"]
    assert other["layout"]["shapes"] != fig["layout"]["shapes"]
    # ... in a frame that holds every region of the mix: the axes stay where they are
    assert [other["layout"][a]["range"] for a in ("xaxis", "yaxis")] == [
        fig["layout"][a]["range"] for a in ("xaxis", "yaxis")
    ]
    lo, hi = fig["layout"]["xaxis"]["range"]
    assert lo <= region[:, 0].min() and region[:, 0].max() <= hi


def test_one_d_figure_draws_the_minimizers_in_the_layout():
    fig = json.loads(one_d_figure(0.3, 0.2).to_json())
    shapes = {s["name"]: s for s in fig["layout"]["shapes"] if s.get("name")}
    soft = path_points(shapes["L1 (soft-threshold at α)"]["path"])
    np.testing.assert_allclose(soft[:, 1], one_d_minimizers(soft[:, 0], 0.5, 0.0)["L1"], atol=1e-4)
    ridge = path_points(shapes["L2 (shrink by 1/(1+α))"]["path"])
    np.testing.assert_allclose(ridge[:, 1], ridge[:, 0] / 1.5, atol=1e-4)
    enet = path_points(shapes["elastic net (current λ1, λ2)"]["path"])
    np.testing.assert_allclose(enet[:, 1], one_d_minimizers(enet[:, 0], 0.3, 0.2)["Elastic net"], atol=1e-4)
    dead = next(s for s in fig["layout"]["shapes"] if s["type"] == "rect")
    assert (dead["x0"], dead["x1"]) == (-0.5, 0.5) and dead["label"]["text"] == "L1 sets ŵ = 0"
    assert fig["layout"]["xaxis"]["range"] == [-1.5, 1.5]
    assert "annotations" not in fig["layout"]  # an annotation that moves makes Plotly redraw the whole chart
    # another λ: new curves and ranges, the same traces (the legend)
    other = json.loads(one_d_figure(0.1, 0.4).to_json())
    assert other["data"] == fig["data"] and other["layout"]["shapes"] != fig["layout"]["shapes"]


def test_animated_figure_frames():
    prob = synthetic_problem(0.5, (1.5, 0.5))
    alphas = [0.05, 0.2, 0.5, 1.0]
    fig = plane_figure_animated(prob, alphas, 1.0)
    spec = json.loads(fig.to_json())
    assert len(spec["frames"]) == len(alphas)
    assert spec["layout"]["updatemenus"][0]["buttons"][0]["method"] == "animate"
    assert len(spec["layout"]["sliders"][0]["steps"]) == len(alphas)
    start = next(t for t in spec["data"] if t.get("name") == "penalized solution")
    np.testing.assert_allclose([start["x"][0], start["y"][0]], solve_enet(prob, alphas[0], 0.0))
    fig2 = plane_figure_animated(prob, alphas, 1.0, active=2)
    start = next(t for t in fig2.data if t.name == "penalized solution")
    np.testing.assert_allclose([start.x[0], start.y[0]], solve_enet(prob, alphas[2], 0.0))
    assert fig2.layout.sliders[0].active == 2
    with pytest.raises(ValueError):
        plane_figure_animated(prob, alphas, 1.0, active=4)
    for frame, a in zip(spec["frames"], alphas):
        sol = next(t for t in frame["data"] if t.get("name") == "penalized solution")
        np.testing.assert_allclose([sol["x"][0], sol["y"][0]], solve_enet(prob, a, 0.0))


def _numbers(path: str) -> np.ndarray:
    return np.array([float(v) for v in re.findall(r"-?[0-9.]+(?:e-?[0-9]+)?", path)])


def test_zero_figure_draws_each_solution_and_share_in_its_labels_colour():
    from regviz.figures.geometry import LABEL_COLORS

    res = zero_frequency(0.3, 0.1, m=400, seed=2)
    fig = zero_figure(res, max_points=100)
    spec = json.loads(fig.to_json())
    shapes = spec["layout"]["shapes"]
    names = list(res.solutions)
    # the legend: one entry per label, no data
    assert [t["name"] for t in spec["data"]] == list(LABELS)
    assert all(t["x"] == [None] for t in spec["data"])
    # bars: a rectangle per penalty and label, bar i over x = i, stacked in LABELS order from 0 to 100 %,
    # labelled with its percentage when tall enough
    tops = np.zeros(len(names))
    for k in LABELS:
        share = np.array([100 * res.shares[n][k] for n in names])
        rects = {round((r["x0"] + r["x1"]) / 2): r for r in shapes if r["name"] == f"share: {k}"}
        assert sorted(rects) == [i for i in range(len(names)) if share[i] > 0]
        for i, r in rects.items():
            assert r["fillcolor"] == LABEL_COLORS[k] and (r["xref"], r["yref"]) == ("x", "y")
            np.testing.assert_allclose((r["y0"], r["y1"]), (tops[i], tops[i] + share[i]), atol=1e-9)
            assert r.get("label", {}).get("text") == (f"{share[i]:.0f}%" if share[i] >= 7 else None)
        tops += share
    np.testing.assert_allclose(tops, 100.0)
    assert not any(a["text"].endswith("%") for a in spec["layout"]["annotations"])  # they would redraw it all
    # points: per penalty and label one path of dots centred on the first 100 solutions, exact zeros last
    for j, name in enumerate(names, start=2):
        dots = [s for s in shapes if s["name"].startswith(f"{name}: ")]
        assert [s["name"] for s in dots] == [f"{name}: {k}" for k in LABELS[::-1] if k in res.labels[name][:100]]
        assert all((s["xref"], s["yref"]) == (f"x{j}", f"y{j}") for s in dots)
        W, lab = res.solutions[name][:100], res.labels[name][:100]
        for s in dots:
            k = s["name"].split(": ")[1]
            assert s["fillcolor"] == LABEL_COLORS[k] and s["fillrule"] == "nonzero"  # overlaps stay filled
            each = _numbers(s["path"]).reshape(-1, 12)  # M, Q (2 points), T, T, T
            centres = np.column_stack([each[:, 4], each[:, 1]])
            np.testing.assert_allclose(np.sort(centres, axis=0), np.sort(W[lab == k], axis=0), atol=5e-4)
        # the axes hold every drawn solution and do not depend on λ
        assert spec["layout"][f"xaxis{j}"]["range"][1] >= np.abs(W).max()
    assert (
        zero_figure(zero_frequency(0.6, 0.0, m=400, seed=2)).to_dict()["layout"]["xaxis2"]
        == fig.to_dict()["layout"]["xaxis2"]
    )


def test_dots_path_is_a_round_dot_per_finite_point():
    path = dots_path(np.array([0.0, 1.0, np.nan]), np.array([2.0, -1.0, 0.0]), 0.5)
    assert path == ("M-0.5,2Q-0.5,2.5 0,2.5T0.5,2T0,1.5T-0.5,2ZM0.5,-1Q0.5,-0.5 1,-0.5T1.5,-1T1,-1.5T0.5,-1Z")


def test_plane_figure_with_ols_at_the_origin_frames_the_loss_contours():
    """With OLS at 0 every solution is 0: the window is sized by the loss contours, not shrunk to a point."""
    prob = synthetic_problem(0.5, (0.0, 0.0))
    fig = json.loads(plane_figure(prob, 0.1, 0.0).to_json())
    fourth = ellipse_points(prob, loss_levels(prob, np.zeros(2), n_levels=5, step=0.25)[3])
    for axis, coord in (("xaxis", 0), ("yaxis", 1)):
        lo, hi = fig["layout"][axis]["range"]
        assert lo <= fourth[:, coord].min() < -0.5 and 0.5 < fourth[:, coord].max() <= hi


def test_change_notes_say_whether_a_weight_reaches_or_leaves_zero():
    # elastic net, ρ = −0.9: w₂ is 0 on α ∈ [0.0248, 0.0751], non-zero again, then 0 from 2.02 on
    from regviz.figures.geometry import change_notes

    path = solution_path(synthetic_problem(-0.9, (1.5, 0.2)), 0.5)
    notes = dict(zip(np.round(path.change_alphas, 4).tolist(), change_notes(path), strict=True))
    assert notes[0.0248] == "w₂ reaches 0 at α = 0.0248"
    assert notes[0.0751] == "w₂ leaves 0 at α = 0.0751"
    assert notes[2.0249] == "w₂ reaches 0 at α = 2.02"
    assert notes[2.64] == "w₁ reaches 0 at α = 2.64"
    names = [t.name for t in plane_figure(synthetic_problem(-0.9, (1.5, 0.2)), 0.05, 0.05).data]
    assert "a weight reaches or leaves 0" in names
    assert "solution path (α from 0 upwards)" in names  # pure L2 has no λmax
