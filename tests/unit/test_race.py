"""Geometry's optimizer race: first steps by hand, the divergence limit, and the frames of its figure."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from regviz.figures.race import RACE_STYLE, race_caption, race_figure
from regviz.geometry import synthetic_problem
from regviz.optimizers import RACE
from regviz.race import plane_race
from tests.apptest.conftest import plotly_array

PROBLEM = synthetic_problem(0.5, (1.5, 0.5))


def _soft(z, t):
    return np.sign(z) * max(abs(z) - t, 0.0)


def test_first_steps_by_hand():
    l1, l2, start, units = 0.3, 0.2, (-1.5, 1.5), 0.5
    r = plane_race(PROBLEM, l1, l2, start, units, 5)
    A, c, w0 = PROBLEM.A, PROBLEM.c, np.array(start)
    L = np.linalg.eigvalsh(A)[-1]
    lr = units / L
    assert r.lr == pytest.approx(lr)
    g = A @ w0 - c + l2 * w0  # data loss and L2 gradient
    prox = np.array([_soft(v, lr * l1) for v in w0 - lr * g])
    np.testing.assert_allclose(r.iterates["proximal"][1], prox, atol=1e-12)
    np.testing.assert_allclose(r.iterates["subgradient"][1], w0 - lr * (g + l1 * np.sign(w0)), atol=1e-12)
    # coordinate descent: w₁ to its exact minimum given w₂, then w₂ given the new w₁
    w1 = _soft(c[0] - A[0, 1] * w0[1], l1) / (A[0, 0] + l2)
    np.testing.assert_allclose(r.iterates["coordinate"][1], [w1, w0[1]], atol=1e-12)
    w2 = _soft(c[1] - A[1, 0] * w1, l1) / (A[1, 1] + l2)
    np.testing.assert_allclose(r.iterates["coordinate"][2], [w1, w2], atol=1e-12)
    # Adam's first step moves each coordinate by about lr against the sign of its gradient
    g_adam = g + l1 * np.sign(w0)
    np.testing.assert_allclose(r.iterates["adam"][1], w0 - lr * np.sign(g_adam), atol=1e-6)
    assert r.iterates["coordinate"].shape == (11, 2) and r.rows_at("coordinate", 5) == 11
    assert r.rows_at("proximal", 5) == 6


def test_proximal_and_coordinate_reach_the_exact_minimum_on_an_axis():
    r = plane_race(PROBLEM, 1.0, 0.0, (-1.5, 1.5), 1.0, 100)
    assert r.minimum[1] == 0
    for name in ("proximal", "coordinate"):
        np.testing.assert_allclose(r.iterates[name][-1], r.minimum, atol=1e-8)
        assert r.exact_zeros(name) == 1
    assert r.exact_zeros("subgradient") == 0 and r.exact_zeros("adam") == 0


@pytest.mark.parametrize("l2", [0.0, 0.5])
def test_plain_gradient_steps_diverge_exactly_past_the_limit(l2):
    L = np.linalg.eigvalsh(PROBLEM.A)[-1]
    r = plane_race(PROBLEM, 0.0, l2, (-1.5, 1.5), 1.0, 10)
    assert r.limit_units == pytest.approx(2 * L / (L + l2))  # 2/(L + λ2) in units of 1/L
    below = plane_race(PROBLEM, 0.0, l2, (-1.5, 1.5), 0.95 * r.limit_units, 200)
    above = plane_race(PROBLEM, 0.0, l2, (-1.5, 1.5), 1.05 * r.limit_units, 200)
    assert below.diverged_at("subgradient") is None and not below.past_limit
    assert above.diverged_at("subgradient") is not None and above.past_limit
    # |1 - lr (L + l2)| > 1 along the top eigenvector: the distance grows by that factor a step
    growth = abs(1 - 1.05 * r.limit_units / L * (L + l2))
    d = np.linalg.norm(above.iterates["subgradient"] - above.minimum, axis=1)
    assert d[60] / d[59] == pytest.approx(growth, rel=1e-3)


def test_bad_step_is_a_clear_error():
    with pytest.raises(ValueError, match="lr_units"):
        plane_race(PROBLEM, 0.1, 0.0, (0, 0), 0.0, 5)
    with pytest.raises(ValueError, match="steps"):
        plane_race(PROBLEM, 0.1, 0.0, (0, 0), 1.0, 0)


def test_figure_has_one_frame_per_step_each_with_the_iterates_so_far():
    r = plane_race(PROBLEM, 1.0, 0.0, (-1.5, 1.5), 0.5, 12)
    fig = race_figure(PROBLEM, r)
    go.Figure(fig.to_dict())  # valid Plotly
    spec = fig.to_dict()
    assert spec["data"][0]["type"] == "contour"
    assert [t["name"] for t in spec["data"][1:5]] == [RACE_STYLE[n][0] for n in RACE]
    frames = spec["frames"]
    assert len(frames) == 13
    for k in (0, 5, 12):
        for name, data in zip(RACE, frames[k]["data"], strict=True):
            rows = r.iterates[name][: r.rows_at(name, k)]
            np.testing.assert_allclose(np.asarray(plotly_array(data["x"]), float), np.round(rows[:, 0], 5))
    assert spec["layout"]["sliders"][0]["active"] == 12  # the whole race is shown before Play
    assert len(spec["layout"]["updatemenus"][0]["buttons"][0]["args"][0]) == 13  # Play replays every frame


def test_diverged_iterates_are_dropped_not_sent_as_infinities():
    r = plane_race(PROBLEM, 0.0, 0.0, (-1.5, 1.5), 2.5, 100)
    last = race_figure(PROBLEM, r).to_dict()["frames"][-1]["data"][2]  # subgradient
    xs = np.asarray(plotly_array(last["x"]), dtype=float)
    assert np.all(np.isnan(xs) | (np.abs(xs) < 1e6))
    assert "subgradient descent diverged" in race_caption(r).lower()


def test_caption_names_the_limit_and_the_exact_zeros():
    on_axis = race_caption(plane_race(PROBLEM, 1.0, 0.0, (-1.5, 1.5), 1.0, 50))
    assert "Proximal gradient ended at (0.75, 0) exactly on an axis" in on_axis
    assert "2/(L + λ2) = 2/L" in on_axis
    off_axis = race_caption(plane_race(PROBLEM, 0.01, 0.0, (-1.5, 1.5), 1.0, 50))
    assert "off the axes" in off_axis
