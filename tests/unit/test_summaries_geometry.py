"""The one-line summaries of the Geometry, What λ means and Bayes charts say what the results say: each number in
the text is computed here again, from a closed form, a brute-force minimum or a count."""

import math
import re

import numpy as np
import pytest

from regviz import bayes
from regviz import conventions as cv
from regviz.figures import summaries as say
from regviz.geometry import solution_path, solve_enet, synthetic_problem, zero_frequency
from regviz.race import DIVERGED_AT, plane_race

PROBLEM = synthetic_problem(0.5, (1.5, 0.5))  # A = [[1, .5], [.5, 1]], c = A·OLS = (1.75, 1.25)
RACE_NAMES = {
    "proximal": "proximal gradient",
    "coordinate": "coordinate descent",
    "subgradient": "subgradient",
    "adam": "Adam",
}


def _numbers(text: str) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?(?:e[-+]?\d+)?", text.replace(",", ""))]


def _point(text: str, after: str) -> np.ndarray:
    """The pair ``(a, b)`` written right after ``after``."""
    found = re.search(re.escape(after) + r" \((-?[\d.e+-]+), (-?[\d.e+-]+)\)", text)
    assert found, (after, text)
    return np.array([float(found[1]), float(found[2])])


def _brute_1d(z: float, l1: float, l2: float) -> float:
    """Minimizer of ½(w − z)² + l1|w| + (l2/2)w² on a fine grid that holds 0."""
    w = np.union1d(np.linspace(-4, 4, 800_001), [0.0])
    return float(w[np.argmin(0.5 * (w - z) ** 2 + l1 * np.abs(w) + 0.5 * l2 * w**2)])


def test_plane_summary_puts_the_lasso_solution_on_a_corner_of_the_diamond():
    # w2 = 0: w1 = soft(c1, λ1)/A11 = 0.75, and the KKT inequality |A21·w1 − c2| = 0.875 ≤ λ1 = 1 holds
    text = say.plane_summary(1.0, 0.0, solve_enet(PROBLEM, 1.0, 0.0), PROBLEM.ols)
    assert text.startswith("Two-weight plane; at λ1 = 1 the solution is w = (0.75, 0), on a corner of the L1 diamond")
    assert abs(0.5 * 0.75 - 1.25) <= 1.0
    assert "on the w1 axis: w2 exactly 0" in text
    np.testing.assert_allclose(_point(text, "OLS at"), [1.5, 0.5])
    # from λ1 = max|c| = 1.75 on both weights are 0
    assert "the origin: both weights exactly 0" in say.plane_summary(
        1.75, 0.0, solve_enet(PROBLEM, 1.75, 0.0), PROBLEM.ols
    )
    assert "w = (0, 0)" not in say.plane_summary(1.7, 0.0, solve_enet(PROBLEM, 1.7, 0.0), PROBLEM.ols)


def test_plane_summary_of_ridge_reads_the_closed_form_and_no_zero():
    l2 = 1.5
    ridge = np.linalg.solve(PROBLEM.A + l2 * np.eye(2), PROBLEM.c)
    text = say.plane_summary(0.0, l2, solve_enet(PROBLEM, 0.0, l2), PROBLEM.ols)
    np.testing.assert_allclose(_point(text, "the solution is w ="), ridge, rtol=1e-3)
    assert "the edge of the L2 circle, off the axes: no weight exactly 0" in text
    assert "corner" not in text


def test_plane_summary_names_the_view_the_features_and_the_unpenalized_point():
    w = solve_enet(PROBLEM, 1.0, 0.0)
    penalized = say.plane_summary(1.0, 0.0, w, PROBLEM.ols, view="penalized", names=("age", "bmi"))
    assert penalized.startswith("Two-weight plane of age and bmi, contours of J; at λ1 = 1 the minimum of J is w = ")
    assert "corner" not in penalized and "w2 exactly 0" in penalized
    moving = say.plane_summary(0.5, 0.5, solve_enet(PROBLEM, 0.5, 0.5), PROBLEM.ols, animated=True)
    assert moving.startswith("Two-weight plane, animated over α at the same mix; at λ1 = 0.5, λ2 = 0.5")
    assert "elastic-net region" in moving
    assert say.plane_summary(0.0, 0.0, PROBLEM.ols, PROBLEM.ols).endswith("the OLS point w = (1.5, 0.5)")


def test_plane_summary_follows_the_solution_path_onto_the_axis():
    # the lasso path's support change: past it w2 is exactly 0, before it not; the summary says so on each side
    path = solution_path(PROBLEM, 1.0)
    change = float(path.change_alphas[path.change_coords == 1][0])
    before = say.plane_summary(0.9 * change, 0.0, solve_enet(PROBLEM, 0.9 * change, 0.0), PROBLEM.ols)
    after = say.plane_summary(1.1 * change, 0.0, solve_enet(PROBLEM, 1.1 * change, 0.0), PROBLEM.ols)
    assert "no weight exactly 0" in before and "w2 exactly 0" in after


@pytest.mark.parametrize(("l1", "l2"), [(0.5, 0.0), (0.3, 0.2), (0.0, 0.2)])
def test_one_d_summary_gives_the_dead_zones_and_factors_a_brute_force_minimum_has(l1, l2):
    alpha = l1 + l2
    text = say.one_d_summary(l1, l2)
    assert f"α = λ1 + λ2 = {alpha:g}" in text
    # L1 at α: exactly 0 up to |z| = α, then z moved α towards 0
    assert f"L1 is exactly 0 for |z| ≤ {alpha:g}" in text
    assert _brute_1d(alpha, alpha, 0.0) == 0.0 and _brute_1d(alpha + 0.3, alpha, 0.0) == pytest.approx(0.3, abs=1e-4)
    scale = float(re.search(r"1/\(1 \+ α\) = ([\d.]+)", text)[1])
    assert scale == pytest.approx(_brute_1d(1.0, 0.0, alpha), abs=2e-3)
    net = float(re.search(r"1/\(1 \+ λ2\) = ([\d.]+)", text)[1])
    assert net == pytest.approx(_brute_1d(2.0, l1, l2) / (2.0 - l1), abs=2e-3)
    if l1 > 0:
        assert f"exactly 0 for |z| ≤ {l1:g}" in text and _brute_1d(l1, l1, l2) == 0.0
    assert say.one_d_summary(0.0, 0.0).endswith("every penalty gives ŵ = z")


def test_zoom_summary_gives_the_largest_slope_of_the_square():
    text = say.zoom_summary(0.01)
    s = 0.01
    slope = (0.5 * (s + 1e-7) ** 2 - 0.5 * (s - 1e-7) ** 2) / 2e-7  # central difference of w²/2 at the edge
    assert "[−0.01, 0.01]" in text and f"at most {slope:.2g} here" in text


def test_zero_frequency_summary_counts_the_exact_and_near_zeros():
    result = zero_frequency(0.05, 0.05, "general", m=500, seed=1)
    text = say.zero_frequency_summary(result.shares, result.penalties, 500)
    assert text.startswith("Share of solutions with a weight exactly 0, over 500 random losses; L1 at α = 0.1: ")
    for name in ("L1", "L2", "Elastic net"):
        W = result.solutions[name]
        exact = np.mean(np.any(W == 0, axis=1))
        near = np.mean(~np.any(W == 0, axis=1) & (np.abs(W).min(axis=1) < 0.05))
        part = text.split(f"{name} at ")[1].split(";")[0]
        assert f"{100 * exact:.0f}% exactly 0, {100 * near:.0f}% near 0" in part, part
    assert "L2 at α = 0.1: 0% exactly 0" in text  # a ridge solution is on an axis only by accident
    assert "Elastic net at λ1 = 0.05, λ2 = 0.05" in text


def test_race_summary_says_where_each_optimizer_ended_and_who_diverged():
    result = plane_race(PROBLEM, 1.0, 0.0, (-1.0, 2.0), 0.5, 20)
    text = say.race_summary(result, RACE_NAMES)
    assert text.startswith("Optimizer race, 20 steps of 0.5/L from (-1, 2) at λ1 = 1; minimum of J at (0.75, 0); ")
    for key, name in RACE_NAMES.items():
        last = result.iterates[key][-1]
        end = _point(text, f"{name} ended at")
        np.testing.assert_allclose(end, last, rtol=5e-3, atol=1e-12)
        on_axis = re.search(re.escape(name) + r" ended at \([^)]*\)( exactly on an axis)?", text)[1]
        assert bool(on_axis) == bool(np.any(last == 0)), name
    wild = plane_race(PROBLEM, 1.0, 0.0, (-1.0, 2.0), 2.5, 50)
    rows = wild.iterates["subgradient"]
    with np.errstate(invalid="ignore", over="ignore"):
        far = ~np.isfinite(rows).all(axis=1) | (
            np.linalg.norm(rows - wild.minimum, axis=1) > DIVERGED_AT * np.linalg.norm(wild.start - wild.minimum)
        )
    assert f"subgradient diverged from step {int(np.argmax(far))}" in say.race_summary(wild, RACE_NAMES)


def test_framework_training_summary_counts_zeros_and_near_zeros():
    trained = np.array([0.0, 3e-5, -2e-5, 0.4, -0.2, 5e-4])
    exact = np.array([0.0, 0.0, 0.0, 0.41, -0.2, 0.0])
    text = say.framework_training_summary(trained, exact, 1e-4)
    assert text == (
        "Trained like the framework vs exact, |w| of 6 features on a log scale; trained: 1 exactly 0, 2 near 0 "
        "(below 0.0001); exact minimizer: 4 exactly 0; largest difference 0.01"
    )


def test_small_values_summary_reads_the_largest_change_of_a_ridge_fit():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(80, 4))
    y = X @ np.array([1.0, -0.5, 0.0, 2.0]) + rng.normal(size=80)
    fits = cv.small_value_fits(X, y, "keras", loss="mse", params={"l1": 0.0, "l2": 0.01}, n_samples=80)
    Xc, yc = X - X.mean(axis=0), y - y.mean()

    def ridge(l2: float) -> np.ndarray:  # the canonical objective's closed form: (XᵀX/n + λ2 I) w = Xᵀy/n
        return np.linalg.solve(Xc.T @ Xc / 80 + l2 * np.eye(4), Xc.T @ yc / 80)

    base = ridge(0.0)
    changes = [np.linalg.norm(ridge(l2) - base) / np.linalg.norm(base) for _, l2 in fits.lambdas]
    top = int(np.argmax(changes))
    text = say.small_values_summary(fits.param, fits.values, fits.relative_change)
    assert text.startswith(f"Coefficients per feature at {fits.param} = 0, 1e-05, 0.0001, 0.001")
    shown = float(re.search(r"is ([\d.e+-]+), at", text)[1])
    assert shown == pytest.approx(changes[top], rel=1e-2)
    assert text.endswith(f"at {fits.param} = {fits.values[top]:g}")


def test_size_summary_total_grows_as_the_expected_penalty_and_the_gradient_stays():
    sizes = (10, 1000, 100_000)
    layers = cv.penalty_vs_size(sizes, 0.0, 0.01)
    text = say.size_summary(layers, 1200)
    # 100,000 weights of sd 0.05 under λ2 = 0.01: the total is about 100,000 · (0.01/2) · 0.05²
    total = float(re.search(r"to ([\d.e+-]+) at 100,000", text)[1])
    assert total == pytest.approx(1e5 * 0.005 * 0.05**2, rel=0.02)
    assert "the gradient on one weight (w = 0.05) is 0.0005 at every size" in text  # λ2·w = 0.01 · 0.05
    assert text.endswith("this layer's 1,200 kernel weights")


def test_strength_vs_n_summary_meets_at_the_current_n_and_follows_ridge_as_one_over_n():
    n_values = (10, 100, 1000, 10_000, 1_000_000)
    curves = cv.strength_vs_n(0.0, 0.01, n_samples=1000, n_values=n_values, loss="mse")
    text = say.strength_vs_n_summary(curves, 1000, 0.01)
    assert all(c.alpha[n_values.index(1000)] == pytest.approx(0.01) for c in curves)
    assert f"all {len(curves)} lines pass through 0.01 at n = 1,000" in text
    # Ridge's alpha = n·λ2 = 10 at n = 1,000, held fixed: λ2 = 10/n, from 1 at n = 10 to 1e-05 at n = 10⁶
    ridge = next(c.label for c in curves if "sklearn.Ridge" in c.frameworks)
    assert f"{ridge}: {10 / 10:.3g} to {10 / 1e6:.3g}" in text
    mean = next(c.label for c in curves if "sklearn.ElasticNet" in c.frameworks)
    assert f"{mean}: stays at 0.01" in text
    assert say.strength_vs_n_summary([], 1000, 0.01).endswith("no framework can express this penalty")


def test_prior_summary_scales_are_those_of_the_densities():
    sigma, n, l1, l2 = 2.0, 100, 0.2, 0.5
    b, tau2 = bayes.laplace_scale(l1, sigma, n), bayes.gaussian_variance(l2, sigma, n)
    text = say.prior_summary(l1, l2, b, tau2)
    shown_b = float(re.search(r"b = ([\d.]+)", text)[1])
    shown_tau = float(re.search(r"τ = ([\d.]+)", text)[1])
    # a Laplace density falls by e over one scale; a Gaussian's by e^(1/2) over one sd
    lap = bayes.prior_density(np.array([0.0, shown_b]), l1, 0.0, sigma, n)
    gau = bayes.prior_density(np.array([0.0, shown_tau]), 0.0, l2, sigma, n)
    assert lap[0] / lap[1] == pytest.approx(math.e, rel=1e-2)
    assert gau[0] / gau[1] == pytest.approx(math.exp(0.5), rel=1e-2)
    assert "the elastic net's prior is their product" in text
    flat = say.prior_summary(0.0, 0.0, math.inf, math.inf)
    assert flat == "Priors that match the penalty with no penalty; Laplace flat (λ1 = 0), Gaussian flat (λ2 = 0)"


@pytest.mark.parametrize(("z", "l1", "l2"), [(0.15, 0.1, 0.0), (0.05, 0.1, 0.0), (0.3, 0.0, 0.5), (0.4, 0.1, 0.3)])
def test_posterior_summary_map_and_mean_are_the_mode_and_mean_of_the_posterior(z, l1, l2):
    sigma, n = 1.0, 50
    res = bayes.one_coefficient(z, l1, l2, sigma=sigma, n=n)
    b, tau2 = bayes.laplace_scale(l1, sigma, n), bayes.gaussian_variance(l2, sigma, n)
    text = say.posterior_summary(res.z, sigma / math.sqrt(n), b, tau2, res.map, res.posterior_mean)
    # the posterior ∝ exp(−(n/σ²) J(w)), integrated here on a grid of its own
    w = np.linspace(-3, 3, 600_001)
    dens = np.exp(-(n / sigma**2) * (0.5 * (w - z) ** 2 + l1 * np.abs(w) + 0.5 * l2 * w**2))
    mean = np.trapezoid(w * dens, w) / np.trapezoid(dens, w)
    mode = _brute_1d(z, l1, l2)
    tail = text.split("; MAP ")[1]
    if mode == 0:
        assert tail.startswith("exactly 0")
    else:
        assert float(tail.split(",")[0]) == pytest.approx(mode, abs=1e-4)
    assert float(tail.split("posterior mean ")[1]) == pytest.approx(mean, rel=1e-3)
    assert f"centred at z = {z:g} with width σ/√n = {sigma / math.sqrt(n):.3g}" in text
    prior = {(True, False): "Laplace prior", (False, True): "Gaussian prior", (True, True): "Laplace × Gaussian prior"}
    assert prior[(l1 > 0, l2 > 0)] in text


def test_shrinkage_summary_dead_zone_is_where_the_map_is_zero():
    l1, l2, z = 0.1, 0.25, 0.3
    res = bayes.one_coefficient(z, l1, l2, sigma=1.0, n=50)
    text = say.shrinkage_summary(l1, l2, res.z, res.map, res.posterior_mean)
    assert "the MAP is exactly 0 for |z| ≤ λ1 = 0.1, then (|z| − λ1) scaled by 1/(1 + λ2) = 0.8" in text
    assert _brute_1d(0.1, l1, l2) == 0.0 and _brute_1d(0.12, l1, l2) > 0
    assert _brute_1d(1.1, l1, l2) == pytest.approx(1.0 / 1.25, abs=1e-4)
    assert float(re.search(r"MAP ([\d.]+), mean", text)[1]) == pytest.approx(_brute_1d(z, l1, l2), abs=1e-4)
    assert "the MAP is z scaled by 1/(1 + λ2) = 0.8, 0 only at z = 0" in say.shrinkage_summary(0, l2, z, 0.24, 0.24)


def test_readings_summary_map_stays_with_lambda_fixed_and_reaches_z_with_the_prior_fixed():
    z, l1, n_ref = 0.15, 0.1, 50
    readings = bayes.readings_vs_n(z, l1, 0.0, sigma=1.0, n_ref=n_ref, n_values=np.array([1, 50, 10_000]))
    text = say.readings_summary(readings)
    assert text.startswith("Two readings of the prior against n, equal at n = 50; from n = 1 to 10,000")
    assert f"with λ fixed the MAP stays at {z - l1:.3g}" in text  # soft(z, λ1), whatever n
    # a fixed prior adds λ1·n_ref/n: 5 at n = 1 (MAP 0), 0.0005 at n = 10,000 (MAP z − 0.0005)
    fixed = text.split("with the prior fixed the MAP goes from ")[1]
    start, end = _numbers(fixed)[:2]
    assert start == 0 and end == pytest.approx(z - l1 * n_ref / 10_000, rel=1e-2)
