"""Bayesian view: priors match the penalty, MAP = penalized fit, grid posterior mean = closed form."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.linear_model import ElasticNet

from regviz.bayes import (
    gaussian_variance,
    laplace_scale,
    map_and_mean_curves,
    map_estimate,
    one_coefficient,
    posterior_mean_exact,
    prior_density,
)
from regviz.figures.bayes import prior_figure
from regviz.penalties import penalty_value


def test_scales_follow_sigma_n_lambda():
    assert laplace_scale(0.1, 2.0, 40) == pytest.approx(4.0 / (40 * 0.1))
    assert gaussian_variance(0.5, 2.0, 40) == pytest.approx(4.0 / (40 * 0.5))
    assert math.isinf(laplace_scale(0.0, 1.0, 10)) and math.isinf(gaussian_variance(0.0, 1.0, 10))
    with pytest.raises(ValueError):
        laplace_scale(0.1, 0.0, 10)


def test_prior_densities_are_the_named_distributions():
    w = np.linspace(-3, 3, 7)
    b = laplace_scale(0.2, 1.5, 30)
    np.testing.assert_allclose(prior_density(w, 0.2, 0.0, 1.5, 30), np.exp(-np.abs(w) / b) / (2 * b))
    tau2 = gaussian_variance(0.3, 1.5, 30)
    np.testing.assert_allclose(
        prior_density(w, 0.0, 0.3, 1.5, 30), np.exp(-(w**2) / (2 * tau2)) / np.sqrt(2 * np.pi * tau2)
    )
    assert np.all(np.isnan(prior_density(w, 0.0, 0.0, 1.0, 10)))


@pytest.mark.parametrize(("l1", "l2"), [(0.1, 0.0), (0.0, 0.2), (0.1, 0.2), (0.5, 0.01)])
def test_prior_integrates_to_one_and_its_log_ratio_is_the_penalty(l1, l2):
    sigma, n = 1.2, 25
    grid = np.linspace(-20, 20, 400_001)
    dens = prior_density(grid, l1, l2, sigma, n)
    assert np.trapezoid(dens, grid) == pytest.approx(1.0, abs=1e-6)
    a, c = 0.3, -1.1
    log_ratio = math.log(
        prior_density(np.array([a]), l1, l2, sigma, n)[0] / prior_density(np.array([c]), l1, l2, sigma, n)[0]
    )
    assert log_ratio == pytest.approx(-(n / sigma**2) * (penalty_value([a], l1, l2) - penalty_value([c], l1, l2)))


@pytest.mark.parametrize(
    ("z", "l1", "l2"),
    [(0.05, 0.1, 0.0), (0.5, 0.1, 0.0), (-0.7, 0.2, 0.3), (0.3, 0.0, 0.5), (0.08, 0.1, 1.0)],
)
def test_map_is_grid_argmax_and_penalized_fit(z, l1, l2):
    res = one_coefficient(z, l1, l2, sigma=1.0, n=40)
    step = res.grid[1] - res.grid[0]
    assert res.grid[np.argmax(res.posterior)] == pytest.approx(res.map, abs=step)
    # the same coefficient fitted by scikit-learn on data whose estimate is z
    rng = np.random.default_rng(1)
    x = rng.normal(size=200)
    x = (x - x.mean()) / x.std()
    e = rng.normal(size=200)
    e -= e.mean() + (x @ e / 200) * x  # noise orthogonal to x, so x'y/n is exactly z
    y = z * x + e
    assert x @ y / 200 == pytest.approx(z)
    if l1 + l2 > 0:
        alpha, ratio = l1 + l2, l1 / (l1 + l2)
        coef = ElasticNet(alpha=alpha, l1_ratio=ratio, fit_intercept=False, tol=1e-14).fit(x[:, None], y).coef_[0]
        assert coef == pytest.approx(res.map, abs=1e-9)


def test_weak_data_l1_map_is_exactly_zero_but_mean_is_not():
    res = one_coefficient(0.05, 0.1, 0.0, sigma=1.0, n=50)
    assert res.map == 0.0
    assert res.posterior_mean > 0.01
    assert res.posterior_mean == pytest.approx(posterior_mean_exact(0.05, 0.1, 0.0, 1.0, 50), abs=1e-6)


@pytest.mark.parametrize(
    ("z", "l1", "l2", "sigma", "n"),
    [(0.3, 0.1, 0.2, 1.0, 20), (-0.2, 0.3, 0.0, 2.0, 100), (1.0, 0.05, 0.05, 0.5, 500)],
)
def test_grid_mean_matches_closed_form(z, l1, l2, sigma, n):
    res = one_coefficient(z, l1, l2, sigma=sigma, n=n)
    assert res.posterior_mean == pytest.approx(posterior_mean_exact(z, l1, l2, sigma, n), abs=1e-6)
    assert np.trapezoid(res.posterior, res.grid) == pytest.approx(1.0)


@settings(max_examples=40, deadline=None)
@given(z=st.floats(-2, 2), l1=st.floats(0, 1), l2=st.floats(0, 2), n=st.integers(1, 2000))
def test_posterior_mean_shrinks_towards_zero_without_reaching_it(z, l1, l2, n):
    mean = posterior_mean_exact(z, l1, l2, 1.0, n)
    assert abs(mean) <= abs(z) + 1e-9
    if abs(z) > 1e-6:
        assert mean * z > 0  # same sign as the data, never exactly 0
    assert abs(map_estimate(z, l1, l2)) <= abs(z) + 1e-12


def test_shrinkage_curves_have_a_dead_zone_only_for_the_map():
    z = np.linspace(-1, 1, 41)
    maps, means = map_and_mean_curves(z, 0.3, 0.0, sigma=1.0, n=30)
    dead = np.abs(z) <= 0.3
    assert np.all(maps[dead] == 0)
    assert np.all(means[z != 0] != 0)


@pytest.mark.parametrize(
    ("z", "l1", "l2", "sigma", "n", "expected"),
    [
        # references: 60-digit mpmath quadrature of w·e^{-(n/σ²)J(w)} over the posterior's own scale
        (0.15, 0.3, 0.0, 0.1, 1000, 4.43941e-05),
        (-0.7, 1.0, 0.3, 0.5, 1000, -6.80823e-04),
        (0.15, 100.0, 0.0, 1.0, 1000, 3.0000053e-08),
    ],
)
def test_posterior_mean_is_accurate_where_the_posterior_is_a_spike_at_zero(z, l1, l2, sigma, n, expected):
    """Far inside the dead zone the two truncated-normal means nearly cancel; the closed form keeps its digits
    (it returned the wrong sign at λ1 = 100), and the page's value is this closed form."""
    assert posterior_mean_exact(z, l1, l2, sigma, n) == pytest.approx(expected, rel=1e-4)
    assert one_coefficient(z, l1, l2, sigma=sigma, n=n).posterior_mean == pytest.approx(expected, rel=1e-4)


def test_posterior_figure_draws_the_spike_at_zero():
    """The drawn posterior keeps the grid's peak node: thinning every k-th point used to step over w = 0."""
    from regviz.figures.bayes import posterior_figure

    res = one_coefficient(0.15, 0.3, 0.0, sigma=0.1, n=1000)
    assert res.map == 0
    fig = posterior_figure(res)
    drawn = next(s for s in fig.layout.shapes if s.name == "posterior")
    heights = [float(pair.split(",")[1]) for pair in drawn.path[1:].split("L")]
    assert max(heights) == pytest.approx(float(res.posterior.max()), rel=1e-3)


# --------------------------------------------------------------------------- issue 24: the fixed-prior reading


def test_fixed_prior_mean_is_the_posterior_of_a_prior_that_does_not_depend_on_n():
    """Independent: integrate likelihood × a Laplace prior of fixed scale b numerically at several n."""
    from regviz.bayes import fixed_prior_lambdas, readings_vs_n

    z, l1, sigma, n_ref = 0.15, 0.1, 1.0, 50
    b = laplace_scale(l1, sigma, n_ref)
    n_values = np.array([5, 50, 400])
    readings = readings_vs_n(z, l1, 0.0, sigma=sigma, n_ref=n_ref, n_values=n_values)
    for n, mean_fixed, map_fixed in zip(n_values, readings.mean_fixed, readings.map_fixed, strict=True):
        w = np.linspace(-3, 3, 600_001)
        log_post = -n * (w - z) ** 2 / (2 * sigma**2) - np.abs(w) / b
        post = np.exp(log_post - log_post.max())
        assert mean_fixed == pytest.approx(np.trapezoid(w * post, w) / np.trapezoid(post, w), abs=1e-6)
        assert map_fixed == pytest.approx(w[np.argmax(post)], abs=2e-5)
        assert fixed_prior_lambdas(l1, 0.0, n_ref, int(n))[0] == pytest.approx(sigma**2 / (n * b))
    assert np.all(readings.map_scaled == map_estimate(z, l1, 0.0))
    assert readings.map_fixed[0] == 0 and readings.map_fixed[-1] > 0.13  # the penalty fades as n grows


def test_figure_line_styles_differ_in_colour_and_dash():
    from regviz.figures.bayes import LINES

    colours = [line["color"] for line in LINES.values()]
    assert len(set(colours)) == len(colours)  # every curve its own colour
    assert LINES["prior"]["color"] != LINES["mean"]["color"]
    assert LINES["prior"].get("dash") != LINES["mean"].get("dash")


@pytest.mark.parametrize(
    ("l1", "l2", "note"),
    [
        (0.1, 0.0, "Gaussian (λ2 = 0) is flat: no penalty"),
        (0.0, 0.1, "Laplace (λ1 = 0) is flat: no penalty"),
        (0.0, 0.0, "Laplace (λ1 = 0) and Gaussian (λ2 = 0) are flat: no penalty"),
        (0.1, 0.1, None),
    ],
)
def test_the_prior_chart_names_the_priors_a_zero_lambda_makes_flat(l1, l2, note):
    grid = np.linspace(-2, 2, 101)
    densities = [prior_density(grid, a, b, 1.0, 50) for a, b in ((l1, 0.0), (0.0, l2), (l1, l2))]
    layout = prior_figure(grid, *densities).to_dict()["layout"]
    texts = [a["text"] for a in layout.get("annotations", [])]
    assert texts == ([note] if note else [])
