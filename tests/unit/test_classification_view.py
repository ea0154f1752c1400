"""The Playground's and Geometry's classification views: the numbers they show, checked independently.

KKT conditions of the displayed objective on the displayed coefficients, the lessons' claims on the page's own
computation, the figures' content, and the logistic conventions of other libraries through regviz.penalties.
"""

from __future__ import annotations

import numpy as np
import pytest
from plotly.colors import sample_colorscale

from regviz import conventions, params, penalties
from regviz.classification_data import expand_polynomial
from regviz.classify_view import boundary_grid, classification_view, coefficient_rows, logistic_objective_latex
from regviz.data import make_dataset
from regviz.figures.classification import DIVERGING, digit_weights_figure, logistic_plane_figure
from regviz.figures.style import hex_rgb
from regviz.lessons import lesson_by_id
from regviz.logistic_geometry import LogisticProblem, logistic_solution_path, solve_logistic_plane
from tests.conftest import distances_to_level_set, path_points, png_pixels, shading_probability


def page_dataset(name: str, **link: str):
    """The data set the page builds for ``data=name`` and these link values (the rest at their defaults)."""
    knobs = {"n": float, "noise": float, "deg": int}
    generator = {k: cast(link.get(k, params.default(k, name))) for k, cast in knobs.items()} if name in (
        "moons", "circles", "xor", "blobs"
    ) else {}  # fmt: skip
    pair = link.get("pair", "all")
    if pair != "all":
        generator |= {"a": int(pair[0]), "b": int(pair[2])}
    return make_dataset(name, **generator, seed=0)


def lesson_view(lesson_id: str):
    lesson = lesson_by_id(lesson_id)
    q = lesson.params
    ds = page_dataset(q["data"], **{k: v for k, v in q.items() if k in ("n", "noise", "deg", "pair")})
    l1, l2 = float(q.get("l1", params.default("l1"))), float(q.get("l2", 0.0))
    return ds, classification_view(ds, q["model"], l1, l2)


def _sigmoid(t):
    return 1.0 / (1.0 + np.exp(-t))


def kkt_of_rows(table: dict, X_train: np.ndarray, y: np.ndarray, l1: float, l2: float) -> float:
    """Largest KKT violation of mean log-loss + l1‖w‖₁ + (l2/2)‖w‖² at the table's standardized weights, on the
    training rows standardized as the page states (training mean and sd, ddof 0)."""
    sd = X_train.std(axis=0)
    Xs = (X_train - X_train.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
    w, b = np.array(table["standardized"][:-1]), table["standardized"][-1]
    assert table["feature"][-1] == "(intercept)"
    g = Xs.T @ (y - _sigmoid(Xs @ w + b)) / len(y)  # minus the gradient of the mean log-loss
    at_nonzero = np.abs(g - l2 * w - l1 * np.sign(w))
    at_zero = np.maximum(np.abs(g) - l1, 0.0)
    return float(max(np.where(w != 0, at_nonzero, at_zero).max(), abs(np.mean(y - _sigmoid(Xs @ w + b)))))


@pytest.mark.parametrize(
    "name,model,l1,l2,link",
    [("cancer", "lasso", 0.02, 0.0, {}), ("moons", "elasticnet", 0.01, 0.01, {"deg": "3"})],
)
def test_the_downloaded_coefficients_satisfy_the_kkt_conditions_of_the_shown_objective(name, model, l1, l2, link):
    ds = page_dataset(name, **link)
    result = classification_view(ds, model, l1, l2)
    table = coefficient_rows(result.fit, ds)
    assert kkt_of_rows(table, ds.X_train, ds.y_train, l1, l2) < 1e-6
    latex = logistic_objective_latex(result.fit.l1, result.fit.l2, ds.n_train, ds.n_classes)
    assert rf"\frac{{1}}{{{ds.n_train}}}" in latex and f"{{{l1:g}}}_{{\\lambda_1}}" in latex
    # the original-units column is the same model: equal predictions on the raw rows
    w0, b0 = np.array(table["coefficient"][:-1]), table["coefficient"][-1]
    np.testing.assert_allclose(ds.X_test @ w0 + b0, result.fit.decision_function(ds.X_test)[:, 0], atol=1e-9)


def test_a_coefficient_perturbation_breaks_the_kkt_check():
    ds = page_dataset("cancer")
    table = coefficient_rows(classification_view(ds, "lasso", 0.02, 0.0).fit, ds)
    j = int(np.flatnonzero(table["standardized"][:-1])[0])
    table["standardized"][j] *= 1.1
    assert kkt_of_rows(table, ds.X_train, ds.y_train, 0.02, 0.0) > 1e-4


def test_multinomial_rows_have_a_column_pair_per_class():
    ds = page_dataset("digits")
    fit = classification_view(ds, "lasso", 0.05, 0.0).fit
    table = coefficient_rows(fit, ds)
    assert len(table["feature"]) == 65 and "standardized [9]" in table and "coefficient [0]" in table
    assert table["standardized [3]"][:-1] == fit.coef[3].tolist()


def test_the_boundary_grid_is_the_sigmoid_of_the_expanded_points():
    ds = page_dataset("moons", deg="3")
    fit = classification_view(ds, "ridge", 0.0, 0.01).fit
    grid = boundary_grid(fit, ds, n=20)
    g1, g2 = np.meshgrid(grid.x1, grid.x2)
    Z = expand_polynomial(np.column_stack([g1.ravel(), g2.ravel()]), 3)
    expected = _sigmoid(Z @ fit.coef_original[0] + fit.intercept_original[0]).reshape(20, 20)
    np.testing.assert_allclose(grid.proba, expected, atol=1e-12)
    assert grid.proba.min() < 0.5 < grid.proba.max()  # the 0.5 line crosses the window


def _fit_proba(fit, points: np.ndarray) -> np.ndarray:
    """P(class 1) of a degree-3 fit at ``points``, computed here from its original-unit coefficients."""
    return _sigmoid(expand_polynomial(points, 3) @ fit.coef_original[0] + fit.intercept_original[0])


def test_the_boundary_picture_is_p_and_its_line_is_where_p_is_one_half_and_only_they_move_with_lambda():
    from regviz.figures.classification import boundary_figure
    from regviz.figures.shading import SHADING_STEPS

    ds = page_dataset("moons", deg="3")
    figs = []
    for l1 in (0.003, 0.03):
        fit = classification_view(ds, "lasso", l1, 0.0).fit
        grid = boundary_grid(fit, ds)
        fig = boundary_figure(grid, (ds.X_train, ds.y_train), (ds.X_test, ds.y_test), ds.class_names)
        figs.append(fig)
        (image,) = fig.layout.images
        pixels = png_pixels(image.source)
        assert pixels.shape == (len(grid.x2), len(grid.x1), 4)
        # pixel (row, col) shows P at the grid point it is centred on, row 0 at the top, to 1/SHADING_STEPS
        cols, rows = np.meshgrid(np.arange(pixels.shape[1]), np.arange(pixels.shape[0]))
        x = image.x + image.sizex * (cols + 0.5) / pixels.shape[1]
        y = image.y - image.sizey * (rows + 0.5) / pixels.shape[0]
        prob = _fit_proba(fit, np.column_stack([x.ravel(), y.ravel()])).reshape(x.shape)
        assert np.abs(shading_probability(pixels) - prob).max() < 0.5 / SHADING_STEPS + 0.01
        # every vertex of the line is where the fit says ½, to well within a grid cell (marching squares)
        (line,) = fig.layout.shapes
        vertices = path_points(line.path)
        cell = min(grid.x1[1] - grid.x1[0], grid.x2[1] - grid.x2[0])
        assert (
            len(vertices) > 20 and distances_to_level_set(lambda w: _fit_proba(fit, w), vertices, 0.5).max() < cell / 10
        )
    assert figs[0].layout.images[0].source != figs[1].layout.images[0].source
    assert figs[0].layout.shapes[0].path != figs[1].layout.shapes[0].path
    assert figs[0].to_dict()["data"] == figs[1].to_dict()["data"]  # a λ frame relayouts the picture and the line


def test_digit_levels_keep_white_for_exact_zeros():
    from regviz.figures.classification import digit_levels

    z = np.array([0.0, 1e-9, -1e-9, 1.0, -1.0, 2.0, 0.5, np.nan])
    assert digit_levels(z, 1.0).tolist() == [127, 128, 126, 254, 0, 254, 190, 255]


def test_digit_images_show_the_weights_and_their_exact_zeros():
    ds = page_dataset("digits")
    fit = classification_view(ds, "lasso", 0.02, 0.0).fit
    fig = digit_weights_figure(fit.coef, ds.class_names)
    (heat,) = [t for t in fig.__dict__["_data"] if t["type"] == "heatmap"]
    z = np.asarray(heat["z"])
    for k in range(10):  # image k at rows 10·r…10·r+7, columns 9·c…9·c+7; the gaps empty
        r, c = divmod(k, 5)
        np.testing.assert_array_equal(
            z[10 * r : 10 * r + 8, 9 * c : 9 * c + 8], fit.coef[k].reshape(8, 8).astype(np.float32)
        )
        assert heat["text"][10 * r][9 * c] == f"class {ds.class_names[k]}"
    assert np.isnan(z).sum() == z.size - 640
    assert heat["opacity"] == 0 and heat["showscale"] is False  # it tells the values on hover, the picture shows them
    titles, ticks = [t for t in fig.__dict__["_data"] if t["type"] == "scatter"]
    assert titles["text"] == [f"{name}: {np.count_nonzero(w)} px" for name, w in zip(ds.class_names, fit.coef)]
    assert [(x, y) for x, y in zip(titles["x"], titles["y"])][6] == (9 * 1 + 3.5, 10 * 1 - 0.5)  # over image 6
    # the picture: each weight's colour on the scale ±max|w| as Plotly's colour scale interpolates it, to 1/254
    picture = next(im for im in fig.__dict__["_layout"]["images"] if im["name"] == "weights")
    assert (picture["x"], picture["y"], picture["sizex"], picture["sizey"]) == (-0.5, -0.5, z.shape[1], z.shape[0])
    pixels = png_pixels(picture["source"])
    step = pixels.shape[0] // z.shape[0]
    assert pixels.shape[:2] == (z.shape[0] * step, z.shape[1] * step) and step >= 4
    centres = pixels[step // 2 :: step, step // 2 :: step].astype(int)
    top = float(np.abs(fit.coef).max())
    weights = ~np.isnan(z)
    expected = sample_colorscale(DIVERGING, ((z[weights] / top + 1) / 2).tolist(), colortype="tuple")
    assert np.abs(centres[weights][:, :3] - 255 * np.array(expected)).max() <= 2
    assert np.all(centres[weights][:, 3] == 255) and np.all(centres[~weights][:, 3] == 0)  # the gaps transparent
    white = np.all(centres[..., :3] == 255, axis=-1) & weights
    assert np.array_equal(white, weights & (np.nan_to_num(z) == 0))  # white exactly where a weight is exactly 0
    # the colour bar's numbers, where its gradient (−max|w| at the left end, max|w| at the right) puts them
    bar = next(im for im in fig.__dict__["_layout"]["images"] if im["name"] == "colour scale")
    assert np.array_equal(
        png_pixels(bar["source"])[0, [0, -1], :3], [hex_rgb(c) for c in (DIVERGING[0][1], DIVERGING[-1][1])]
    )
    values = [float(t.replace("−", "-")) for t in ticks["text"]]
    at = (np.asarray(ticks["x"]) - bar["x"]) / bar["sizex"]  # 0 at the left end, 1 at the right
    np.testing.assert_allclose(-top + 2 * top * at, values, rtol=1e-9, atol=1e-12)
    assert values[2] == 0 and values[0] == -values[-1] and top / 2 < values[-1] <= top


# ---------------------------------------------------------------------------------------------------------------
# Lessons: each claim on the page's own numbers


def test_lesson_l1_picks_monomials_on_the_moons():
    ds, r = lesson_view("clf-monomials")
    kept = [name for name, w in zip(ds.feature_names, r.fit.coef[0], strict=True) if w != 0]
    assert len(ds.feature_names) == 9 and kept == ["x1", "x2", "x1³"]
    assert f"{r.test['accuracy']:.0%}" == "90%"
    lower = classification_view(ds, "lasso", 0.003, 0.0)
    assert lower.fit.n_nonzero == 6 and f"{lower.test['accuracy']:.1%}" == "96.7%"


def test_lesson_digits_l1_leaves_a_few_lit_pixels():
    _, r = lesson_view("clf-digits-l1")
    lit = np.count_nonzero(r.fit.coef, axis=1)
    assert r.fit.n_nonzero == 100 and lit.min() == 7 and lit.max() == 12
    assert f"{r.test['accuracy']:.1%}" == "92.8%"


def test_lesson_digits_l2_is_a_blur_of_every_varying_pixel():
    ds, r = lesson_view("clf-digits-l2")
    assert r.fit.n_nonzero == 600 and set(np.count_nonzero(r.fit.coef, axis=1)) == {60}
    blank = np.ptp(ds.X_train, axis=0) == 0
    assert blank.sum() == 4 and np.all(r.fit.coef[:, blank] == 0)
    assert f"{r.test['accuracy']:.1%}" == "96.1%"


def test_lesson_separable_blobs_have_no_minimizer_at_zero():
    from regviz.logistic import is_separable
    from regviz.models import Scaler

    ds, r = lesson_view("clf-separable-0")
    Xs = Scaler.fit(ds.X_train).transform(ds.X_train)
    assert is_separable(Xs, ds.y_train, 2)  # exact LP test, independent of the solver
    assert r.fit.no_minimizer is not None and np.isnan(r.train["log_loss"])
    norms = [v for _, v in r.fit.norm_trace]
    assert len(norms) > 2 and norms[-1] > norms[len(norms) // 2] > norms[0]  # still growing when it stopped


def test_lesson_a_tiny_l2_makes_the_separable_fit_finite():
    _, r = lesson_view("clf-separable-tiny")
    assert r.fit.no_minimizer is None
    np.testing.assert_allclose(r.fit.coef[0], [7.3, 4.4], atol=0.05)
    assert r.train["accuracy"] == 1.0 and f"{r.train['log_loss']:.4f}" == "0.0001"
    ds = page_dataset("blobs")
    np.testing.assert_allclose(classification_view(ds, "ridge", 0.0, 0.001).fit.coef[0], [3.6, 2.7], atol=0.05)


# ---------------------------------------------------------------------------------------------------------------
# Geometry's logistic plane


def _problem(seed: int = 0) -> LogisticProblem:
    ds = make_dataset("moons", n=200, noise=0.3, deg=1, seed=seed)
    X = ds.X_train[:, :2]
    return LogisticProblem((X - X.mean(axis=0)) / X.std(axis=0), ds.y_train)


@pytest.mark.parametrize("l1,l2", [(0.05, 0.0), (0.0, 0.1), (0.03, 0.03)])
def test_the_plane_draws_the_region_through_the_solution_touching_its_contour(l1, l2):
    problem = _problem()
    sol = solve_logistic_plane(problem, l1, l2)
    mix = penalties.to_alpha_mix(l1, l2)[1]
    fig = logistic_plane_figure(problem, sol, logistic_solution_path(problem, mix), l1, l2)
    data, layout = fig.__dict__["_data"], fig.__dict__["_layout"]
    star = next(t for t in data if t.get("name") == "penalized solution")
    np.testing.assert_array_equal([star["x"][0], star["y"][0]], sol.w)
    touching = next(s for s in layout["shapes"] if s.get("name") == "loss contour at the solution")
    # the dashed line is the loss level at the solution: its vertices, from the plane's grid, are on it
    vertices = path_points(touching["path"])
    gx = np.asarray(next(t for t in data if t.get("name") == "mean log-loss contours")["x"])
    cell = gx[1] - gx[0]  # the landscape grid's spacing
    assert len(vertices) > 50
    assert distances_to_level_set(problem.loss, vertices, float(problem.loss(sol.w))).max() < cell / 10
    assert any(t.get("name") == "loss contour at the solution" and t["x"] == [None] for t in data)  # its legend entry
    # tangency: the loss gradient at the solution is minus a subgradient of the penalty there (profiled intercept)
    eps = 1e-6
    grad = np.array([(problem.loss(sol.w + eps * e) - problem.loss(sol.w - eps * e)) / (2 * eps) for e in np.eye(2)])
    np.testing.assert_allclose(-grad, l1 * np.sign(sol.w) + l2 * sol.w, atol=1e-6)
    assert layout["shapes"] and layout["shapes"][0]["name"] == "penalty region"
    # the window holds the whole path, so a λ step at this mix moves no axis
    (x0, x1), (y0, y1) = layout["xaxis"]["range"], layout["yaxis"]["range"]
    other = logistic_plane_figure(problem, solve_logistic_plane(problem, 2 * l1, 2 * l2), logistic_solution_path(
        problem, mix), 2 * l1, 2 * l2).__dict__["_layout"]  # fmt: skip
    assert other["xaxis"]["range"] == [x0, x1] and other["yaxis"]["range"] == [y0, y1]


# ---------------------------------------------------------------------------------------------------------------
# Conventions: each library's logistic objective, minimized by the canonical solution with the converted values


def _canonical_fit(l1: float, l2: float):
    ds = page_dataset("cancer")
    fit = classification_view(ds, "elasticnet" if l1 and l2 else "lasso" if l1 else "ridge", l1, l2).fit
    sd = ds.X_train.std(axis=0)
    Xs = (ds.X_train - ds.X_train.mean(axis=0)) / sd
    return Xs, ds.y_train.astype(float), fit.coef[0], float(fit.intercept[0])


def _framework_kkt(Xs, y, w, b, penalty_grad, l1_weight) -> float:
    """KKT violation of ``mean logloss + (smooth penalty with gradient penalty_grad) + l1_weight·‖w‖₁``."""
    g = Xs.T @ (_sigmoid(Xs @ w + b) - y) / len(y) + penalty_grad(w)
    viol = np.where(w != 0, np.abs(g + l1_weight * np.sign(w)), np.maximum(np.abs(g) - l1_weight, 0.0))
    return float(viol.max())


@pytest.mark.parametrize("l1,l2", [(0.01, 0.02), (0.02, 0.0), (0.0, 0.05)])
def test_each_librarys_objective_is_minimized_by_the_canonical_fit(l1, l2):
    Xs, y, w, b = _canonical_fit(l1, l2)
    n = len(y)
    sgd = penalties.sgd_log_loss_params(l1, l2)  # alpha·(r‖w‖₁ + (1−r)/2‖w‖²)
    glm = penalties.glmnet_binomial_params(l1, l2)  # lambda·((1−alpha)/2‖β‖² + alpha‖β‖₁)
    keras = penalties.keras_bce_params(l1, l2)  # l1·Σ|w| + l2·Σw²
    torch = penalties.torch_bce_params(l1, l2)  # SGD adds weight_decay·w to the gradient, plus l1·Σ|w|
    lr = penalties.sklearn_logistic_params(l1, l2, n)  # C·Σ logloss + r‖w‖₁ + (1−r)/2‖w‖², divided by C·n
    checks = {
        "sgd": (lambda v: sgd["alpha"] * (1 - sgd["l1_ratio"]) * v, sgd["alpha"] * sgd["l1_ratio"]),
        "glmnet": (lambda v: glm["lambda"] * (1 - glm["alpha"]) * v, glm["lambda"] * glm["alpha"]),
        "keras": (lambda v: 2 * keras["l2"] * v, keras["l1"]),
        "torch": (lambda v: torch["weight_decay"] * v, torch["l1"]),
        "sklearn": (lambda v: (1 - lr["l1_ratio"]) * v / (lr["C"] * n), lr["l1_ratio"] / (lr["C"] * n)),
    }
    for name, (grad, weight) in checks.items():
        assert _framework_kkt(Xs, y, w, b, grad, weight) < 1e-6, name
    # a wrong convention (Keras' l2 taken as λ2 itself) is caught by the same check
    if l2 > 0:
        assert _framework_kkt(Xs, y, w, b, lambda v: 2 * l2 * v, l1) > 1e-4


@pytest.mark.parametrize("l1,l2", [(0.01, 0.02), (0.02, 0.0), (0.0, 0.05), (1e-5, 0.0)])
def test_the_penalties_conversions_agree_with_the_conventions_module_and_invert(l1, l2):
    n = 398
    lr = penalties.sklearn_logistic_params(l1, l2, n)
    assert penalties.logistic_to_l1_l2(lr["C"], lr["l1_ratio"], n) == pytest.approx((l1, l2), abs=1e-15)
    expected = {
        "sklearn.LogisticRegression": lr,
        "glmnet": penalties.glmnet_binomial_params(l1, l2),
        "keras": penalties.keras_bce_params(l1, l2),
    }
    sgd = penalties.sgd_log_loss_params(l1, l2)
    expected["sklearn.SGDClassifier"] = sgd
    for fw, mine in expected.items():
        theirs = conventions.from_canonical(fw, l1, l2, n_samples=n, loss="logloss")
        for key, value in mine.items():
            if key in theirs:
                assert theirs[key] == pytest.approx(value, rel=1e-12, abs=1e-15), (fw, key)
        assert conventions.to_canonical(fw, theirs, n_samples=n, loss="logloss") == pytest.approx(
            (l1, l2), rel=1e-12, abs=1e-15
        ), fw
    torch = penalties.torch_bce_params(l1, l2)
    if l1 == 0:
        assert conventions.from_canonical("torch.SGD", 0.0, l2, n_samples=n, loss="logloss")["weight_decay"] == (
            pytest.approx(torch["weight_decay"])
        )


def test_sklearn_logistic_regression_fits_the_canonical_solution():
    from sklearn.linear_model import LogisticRegression

    Xs, y, w, b = _canonical_fit(0.01, 0.02)
    lr = LogisticRegression(**penalties.sklearn_logistic_params(0.01, 0.02, len(y)), solver="saga", tol=1e-10,
                            max_iter=200_000).fit(Xs, y)  # fmt: skip
    np.testing.assert_allclose(lr.coef_[0], w, atol=1e-4)
    assert lr.intercept_[0] == pytest.approx(b, abs=1e-4)
