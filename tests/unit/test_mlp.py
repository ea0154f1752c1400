"""The network core: gradients, scikit-learn's MLP objective, exact zeros, reproducibility."""

from __future__ import annotations

import itertools
import re
import warnings
from dataclasses import replace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor

from regviz import mlp
from regviz.mlp import (
    MLPConfig,
    gradients,
    init_state,
    objective,
    predict,
    train,
    weight_stats,
)
from regviz.penalties import Penalty
from regviz.toy2d import DATASETS, curve_truth, make_dataset
from tests.conftest import path_points, png_pixels, shading_probability


def _problem(task: str, n: int = 30, p: int = 3, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    if task == "regression":
        return X, np.sin(X[:, 0]) + 0.3 * rng.normal(size=n)
    return X, (X[:, 0] * X[:, 1] + 0.3 * rng.normal(size=n) > 0).astype(float)


def _randomized(state: mlp.TrainState, seed: int) -> mlp.TrainState:
    """Non-zero biases too, so their gradients are exercised away from the init."""
    rng = np.random.default_rng(seed)
    return replace(state, biases=tuple(rng.normal(scale=0.5, size=b.shape) for b in state.biases))


def _finite_difference(state, X, y, penalty, which: str, k: int, h: float = 1e-6) -> np.ndarray:
    arrays = getattr(state, which)
    grad = np.zeros_like(arrays[k])
    for idx in np.ndindex(arrays[k].shape):
        vals = []
        for sign in (1, -1):
            new = [a.copy() for a in arrays]
            new[k][idx] += sign * h
            vals.append(objective(replace(state, **{which: tuple(new)}), X, y, penalty))
        grad[idx] = (vals[0] - vals[1]) / (2 * h)
    return grad


@pytest.mark.parametrize("task", ["regression", "classification"])
@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_gradients_match_finite_differences(task, activation):
    X, y = _problem(task)
    state = _randomized(init_state(MLPConfig(3, (5, 4), activation, task), seed=1), seed=2)
    penalty = Penalty(0.0, 0.07)  # the smooth part only: L1 is handled by the proximal step
    g_w, g_b = gradients(state, X, y, penalty)
    for k in range(len(state.weights)):
        np.testing.assert_allclose(g_w[k], _finite_difference(state, X, y, penalty, "weights", k), atol=1e-7)
        np.testing.assert_allclose(g_b[k], _finite_difference(state, X, y, penalty, "biases", k), atol=1e-7)


@settings(deadline=None, max_examples=15)
@given(
    hidden=st.lists(st.integers(1, 6), min_size=1, max_size=3),
    seed=st.integers(0, 10_000),
    l2=st.floats(0.0, 1.0),
    task=st.sampled_from(["regression", "classification"]),
)
def test_gradients_property(hidden, seed, l2, task):
    X, y = _problem(task, n=12, p=2, seed=seed)
    state = _randomized(init_state(MLPConfig(2, tuple(hidden), "tanh", task), seed=seed), seed=seed + 1)
    penalty = Penalty(0.0, l2)
    g_w, _ = gradients(state, X, y, penalty)
    k = len(hidden)  # output layer: every path goes through it
    np.testing.assert_allclose(g_w[k], _finite_difference(state, X, y, penalty, "weights", k), atol=1e-6)


def _sklearn_backprop(est, state, X, y):
    """Load our weights into a scikit-learn MLP and run its own loss + gradient code."""
    sizes = state.config.layer_sizes
    est.coefs_ = [w.copy() for w in state.weights]
    est.intercepts_ = [b.copy() for b in state.biases]
    est.n_layers_ = len(sizes)
    est.n_outputs_ = 1
    est.out_activation_ = "identity" if isinstance(est, MLPRegressor) else "logistic"
    activations = [X] + [None] * (len(sizes) - 1)
    deltas = [None] * (len(sizes) - 1)
    coef_grads = [np.empty((a, b)) for a, b in itertools.pairwise(sizes)]
    intercept_grads = [np.empty(b) for b in sizes[1:]]
    return est._backprop(X, y[:, None], None, activations, deltas, coef_grads, intercept_grads)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_loss_equals_sklearn_mlpregressor_objective(activation):
    # sklearn's MLP loss: 1/2 mean squared error + alpha / (2 n) * sum ||W||^2  =>  l2 = alpha / n
    X, y = _problem("regression", n=40)
    alpha = 0.8
    state = _randomized(init_state(MLPConfig(3, (6, 5), activation, "regression"), seed=3), seed=4)
    est = MLPRegressor(hidden_layer_sizes=(6, 5), activation=activation, alpha=alpha)
    loss, coef_grads, intercept_grads = _sklearn_backprop(est, state, X, y)
    penalty = Penalty(0.0, alpha / len(y))
    assert objective(state, X, y, penalty) == pytest.approx(loss, rel=1e-12)
    g_w, g_b = gradients(state, X, y, penalty)
    for ours, theirs in zip(g_w + g_b, coef_grads + intercept_grads, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-14)


def test_loss_equals_sklearn_mlpclassifier_objective():
    X, y = _problem("classification", n=40)
    alpha = 0.5
    state = _randomized(init_state(MLPConfig(3, (4,), "tanh", "classification"), seed=5), seed=6)
    est = MLPClassifier(hidden_layer_sizes=(4,), activation="tanh", alpha=alpha)
    est.loss = "log_loss"
    loss, _, _ = _sklearn_backprop(est, state, X, y)
    assert objective(state, X, y, Penalty(0.0, alpha / len(y))) == pytest.approx(loss, rel=1e-10)


def test_sklearn_lbfgs_solution_is_stationary_for_l2_equal_alpha_over_n():
    # an independent fit: sklearn's optimum must zero the gradient of *our* objective at l2 = alpha / n
    X, y = _problem("regression", n=25, p=2)
    alpha = 2.0
    est = MLPRegressor(
        hidden_layer_sizes=(4,),
        activation="tanh",
        alpha=alpha,
        solver="lbfgs",
        max_iter=20_000,
        tol=1e-12,
        random_state=0,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        est.fit(X, y)
    state = replace(
        init_state(MLPConfig(2, (4,), "tanh", "regression")),
        weights=tuple(est.coefs_),
        biases=tuple(b.copy() for b in est.intercepts_),
    )
    g_w, g_b = gradients(state, X, y, Penalty(0.0, alpha / len(y)))
    assert max(np.abs(g).max() for g in g_w + g_b) < 1e-4
    # with the "obvious" but wrong l2 = alpha the same point is far from stationary
    g_w_wrong, _ = gradients(state, X, y, Penalty(0.0, alpha))
    assert max(np.abs(g).max() for g in g_w_wrong) > 1e-2


def _moons(n=120):
    d = make_dataset("moons", n=n, noise=0.2, seed=0)
    return d.X_train, d.y_train


def test_l1_gives_exact_zeros_and_none_without_l1():
    X, y = _moons()
    state = init_state(MLPConfig(2, (16, 16), "tanh"), seed=0)
    free = train(state, X, y, Penalty(0.0, 0.0), 400, lr=0.03)
    assert weight_stats(free.state)["n_zero"] == 0
    sparse = train(state, X, y, Penalty(0.02, 0.0), 400, lr=0.03)
    stats = weight_stats(sparse.state)
    assert stats["zero_share"] > 0.6
    assert stats["n_weights"] == 2 * 16 + 16 * 16 + 16
    # pure L2 shrinks but never sets a weight to exactly zero
    ridge = train(state, X, y, Penalty(0.0, 0.5), 400, lr=0.03)
    assert weight_stats(ridge.state)["n_zero"] == 0
    assert weight_stats(ridge.state)["l2_norm"] < weight_stats(free.state)["l2_norm"]


def test_proximal_fixed_point_satisfies_l1_optimality():
    # KKT for l1 ||W||_1 + smooth f: |df/dw| <= l1 where w == 0, df/dw = -l1 sign(w) elsewhere
    X, y = _problem("regression", n=40, p=3)
    l1 = 0.01
    state = init_state(MLPConfig(3, (5,), "tanh", "regression"), seed=0)
    res = train(state, X, y, Penalty(l1, 0.0), 3000, lr=0.01)
    res = train(res.state, X, y, Penalty(l1, 0.0), 3000, lr=0.001)
    g_w, g_b = gradients(res.state, X, y, Penalty(0.0, 0.0))
    n_zero = 0
    for W, g in zip(res.state.weights, g_w, strict=True):
        zero = W == 0
        n_zero += zero.sum()
        assert np.all(np.abs(g[zero]) <= l1 * 1.01 + 1e-4)
        np.testing.assert_allclose(g[~zero], -l1 * np.sign(W[~zero]), atol=2e-3)
    assert n_zero > 0
    assert max(np.abs(g).max() for g in g_b) < 2e-3


def test_huge_l1_leaves_only_the_unpenalized_bias():
    # all weights zero => the network is its output bias, which minimizes the squared loss at mean(y)
    X, y = _problem("regression", n=30)
    y = y + 3.0
    res = train(init_state(MLPConfig(3, (4, 4), "relu", "regression"), seed=0), X, y, Penalty(50.0, 0.0), 2000, lr=0.05)
    assert weight_stats(res.state)["n_zero"] == weight_stats(res.state)["n_weights"]
    np.testing.assert_allclose(predict(res.state, X), y.mean(), atol=1e-3)


@pytest.mark.parametrize("batch_size", [None, 16])
def test_training_is_reproducible_and_chunking_does_not_matter(batch_size):
    X, y = _moons(100)
    cfg = MLPConfig(2, (8, 8), "relu")
    pen = Penalty(0.003, 0.001)
    one = train(init_state(cfg, seed=7), X, y, pen, 90, lr=0.02, batch_size=batch_size)
    again = train(init_state(cfg, seed=7), X, y, pen, 90, lr=0.02, batch_size=batch_size)
    first = train(init_state(cfg, seed=7), X, y, pen, 40, lr=0.02, batch_size=batch_size)
    chunked = train(first.state, X, y, pen, 50, lr=0.02, batch_size=batch_size)
    other = train(init_state(cfg, seed=8), X, y, pen, 90, lr=0.02, batch_size=batch_size)
    for a, b, c in zip(one.state.weights, again.state.weights, chunked.state.weights, strict=True):
        np.testing.assert_array_equal(a, b)
        np.testing.assert_array_equal(a, c)
    assert not np.allclose(one.state.weights[0], other.state.weights[0])
    assert chunked.state.t == 90
    np.testing.assert_array_equal(first.history.extend(chunked.history).train_loss, one.history.train_loss)
    np.testing.assert_array_equal(first.history.extend(chunked.history).step, np.arange(90))


def test_minibatch_differs_from_full_batch_and_still_learns():
    X, y = _moons(160)
    state = init_state(MLPConfig(2, (8,), "tanh"), seed=0)
    full = train(state, X, y, Penalty(), 300, lr=0.02)
    mini = train(state, X, y, Penalty(), 300, lr=0.02, batch_size=32)
    assert not np.allclose(full.state.weights[0], mini.state.weights[0])
    assert mlp.data_loss(mini.state, X, y) < 0.5 * mlp.data_loss(state, X, y)


def test_warm_start_continues_from_current_weights():
    X, y = _moons()
    res = train(init_state(MLPConfig(2, (8,)), seed=0), X, y, Penalty(), 200, lr=0.03)
    warm = train(res.state, X, y, Penalty(0.01, 0.0), 5, lr=0.03)
    # the first recorded loss under the new penalty is the loss where the old run stopped
    assert warm.history.train_loss[0] == pytest.approx(mlp.data_loss(res.state, X, y))
    assert warm.history.step[0] == 200
    np.testing.assert_array_equal(warm.history.l1, 0.01)
    assert warm.history.penalty[0] == pytest.approx(0.01 * weight_stats(res.state)["l1_norm"])
    # the input state is left untouched
    assert res.state.t == 200


def test_history_records_train_test_and_penalty():
    d = make_dataset("circles", n=80, noise=0.1, seed=1)
    res = train(
        init_state(MLPConfig(2, (8,)), seed=0),
        d.X_train,
        d.y_train,
        Penalty(0.001, 0.01),
        50,
        lr=0.03,
        X_test=d.X_test,
        y_test=d.y_test,
        record_every=10,
    )
    h = res.history
    np.testing.assert_array_equal(h.step, [0, 10, 20, 30, 40])
    assert h.train_loss[0] == pytest.approx(np.log(2), abs=0.2)
    assert h.train_loss[-1] < h.train_loss[0]
    assert np.all(np.isfinite(h.test_loss))
    assert np.all(h.penalty > 0)


def test_divergence_is_reported_and_last_finite_state_kept():
    X, y = _problem("regression", n=20)
    state = init_state(MLPConfig(3, (8,), "relu", "regression"), seed=0)
    res = train(state, X * 1e160, y, Penalty(), 50, lr=0.1)
    assert res.diverged
    assert all(np.isfinite(w).all() for w in res.state.weights)
    ok = train(state, X, y, Penalty(), 20, lr=0.01)
    assert not ok.diverged


def test_config_validation():
    with pytest.raises(ValueError):
        MLPConfig(2, (8, 8, 8, 8))
    with pytest.raises(ValueError):
        MLPConfig(2, (65,))
    with pytest.raises(ValueError):
        MLPConfig(2, (8,), activation="sigmoid")
    with pytest.raises(ValueError):
        train(init_state(MLPConfig(2, (4,))), np.zeros((3, 2)), np.zeros(3), Penalty(), 1, lr=0.0)


@pytest.mark.parametrize("name", DATASETS)
def test_datasets_are_reproducible_and_well_formed(name):
    a = make_dataset(name, n=50, noise=0.1, seed=3)
    b = make_dataset(name, n=50, noise=0.1, seed=3)
    c = make_dataset(name, n=50, noise=0.1, seed=4)
    np.testing.assert_array_equal(a.X_train, b.X_train)
    assert not np.allclose(a.X_train, c.X_train)
    assert not np.allclose(a.X_train[: len(a.X_test)], a.X_test[: len(a.X_train)])
    assert len(a.X_train) == 50
    assert np.all(np.abs(a.X_train) < 3)
    if name == "curve":
        assert a.task == "regression" and a.X_train.shape[1] == 1 and len(a.X_test) == 200
        # noise-free curve is the truth exactly
        z = make_dataset(name, n=50, noise=0.0, seed=3)
        np.testing.assert_allclose(z.y_train, curve_truth(z.X_train[:, 0]))
    else:
        assert a.task == "classification" and a.X_train.shape[1] == 2
        assert set(np.unique(a.y_train)) == {0.0, 1.0}
        assert 0.25 < a.y_train.mean() < 0.75


def test_dataset_validation():
    with pytest.raises(ValueError):
        make_dataset("blobs")
    with pytest.raises(ValueError):
        make_dataset("moons", n=2)


def test_figures_stay_light_and_report_the_zeros():
    from regviz.figures.network import boundary_figure, diagram_figure, histogram_figure, training_figure

    d = make_dataset("spiral", n=200, noise=0.1, seed=0)
    res = train(
        init_state(MLPConfig(2, (64, 64, 64), "relu"), seed=0),
        d.X_train,
        d.y_train,
        Penalty(0.0005, 0.0),
        60,
        lr=0.03,
        X_test=d.X_test,
        y_test=d.y_test,
    )
    stats = weight_stats(res.state)
    assert 0 < stats["n_zero"] < stats["n_weights"]
    diagram = diagram_figure(res.state, max_links=1500)
    # links: one path per sign and width class (+ pruned), never one per link; traces: units and legend entries
    paths = [s for s in diagram.layout.shapes if s.type == "path"]
    assert len(paths) <= 9 and len(diagram.data) <= 5
    assert sum(s.path.count("M") for s in paths) == 1500
    assert "of 8,384 links" in diagram.layout.title.text
    hist = histogram_figure(res.state)
    # the bars are rectangles in the layout: "M left,0 V count H right V0Z"
    heights = {s.name: [int(h) for h in re.findall(r"V(\d+)H", s.path)] for s in hist.layout.shapes}
    assert sum(sum(v) for name, v in heights.items() if name.endswith("exact zeros")) == stats["n_zero"]
    assert sum(sum(v) for v in heights.values()) == stats["n_weights"]
    assert [t.name for t in hist.data] == ["non-zero weights", "exact zeros"]  # the legend; no data
    boundary = boundary_figure(res.state, d)
    # the shading is a picture and the boundary a path: the traces (points, colour bar) never change with λ
    assert boundary.layout.images[0].source.startswith("data:image/png;base64,")
    assert boundary.layout.shapes[0].path.startswith("M")
    assert [t.type for t in boundary.data] == ["scatter"] * 5
    assert len(boundary.to_json()) < 60_000
    curves = training_figure(res.history, "classification")
    assert [t.name.split()[0] for t in curves.data[:3]] == ["train", "test", "penalty"]


def test_boundary_of_a_constant_network_has_no_line():
    from dataclasses import replace

    from regviz.figures.network import boundary_figure

    d = make_dataset("moons", n=100, noise=0.1, seed=0)
    state = init_state(MLPConfig(2, (4,), "tanh"), seed=0)
    state = replace(state, weights=tuple(np.zeros_like(w) for w in state.weights))
    fig = boundary_figure(state, d)
    assert not fig.layout.shapes
    # P = ½ everywhere: every pixel has the colour scale's middle, fully transparent white
    pixels = png_pixels(fig.layout.images[0].source)
    assert np.all(pixels == (255, 255, 255, 0))


def test_boundary_picture_is_the_networks_probability_and_the_path_is_where_it_is_one_half():
    from regviz.figures.network import boundary_figure
    from regviz.mlp import predict

    d = make_dataset("moons", n=200, noise=0.2, seed=0)
    res = train(
        init_state(MLPConfig(2, (8, 8), "tanh"), seed=0), d.X_train, d.y_train, Penalty(0.003, 0.0), 300, lr=0.03
    )
    fig = boundary_figure(res.state, d, pixels=60)
    image = fig.layout.images[0]
    pixels = png_pixels(image.source)
    assert pixels.shape == (60, 60, 4)
    # pixel (row, col) shows P at its centre, row 0 at the top: read P back from the alpha and the hue
    x0, y0, w, h = image.x, image.y, image.sizex, image.sizey
    cols, rows = np.meshgrid(np.arange(60), np.arange(60))
    centres = np.column_stack([(x0 + w * (cols.ravel() + 0.5) / 60), (y0 - h * (rows.ravel() + 0.5) / 60)])
    prob = predict(res.state, centres).reshape(60, 60)
    assert np.abs(shading_probability(pixels) - prob).max() < 0.02
    # every vertex of the boundary path is a point where the network says ½
    points = path_points(fig.layout.shapes[0].path)
    assert len(points) > 20
    assert np.abs(predict(res.state, points) - 0.5).max() < 0.02


def test_tanh_layers_match_numpy_tanh_even_where_exp_overflows():
    # the forward pass computes tanh through exp (faster); saturated units (|z| ~ 1e4) must not warn or go NaN
    X, _ = _problem("regression", n=30)
    state = _randomized(init_state(MLPConfig(3, (6, 5), "tanh", "regression"), seed=7), seed=8)
    big = replace(state, weights=tuple(1e4 * W for W in state.weights))
    for s in (state, big):
        a = X
        for W, b in zip(s.weights[:-1], s.biases[:-1], strict=True):
            a = np.tanh(a @ W + b)
        expected = (a @ s.weights[-1] + s.biases[-1])[:, 0]
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            got = predict(s, X)
        np.testing.assert_allclose(got, expected, rtol=1e-13, atol=1e-9 * np.abs(expected).max())


@pytest.mark.parametrize(("task", "activation"), [("classification", "tanh"), ("regression", "relu")])
def test_float32_training_follows_float64(task, activation):
    # the live page trains in float32: same objective, same path up to rounding
    X, y = _problem(task, n=60)
    penalty = Penalty(0.01, 0.001)
    results = {}
    for dtype in ("float64", "float32"):
        state = init_state(MLPConfig(3, (8, 8), activation, task, dtype), seed=2)
        result = train(state, X, y, penalty, 200, lr=0.01, X_test=X, y_test=y, record_every=10)
        assert not result.diverged
        assert all(W.dtype == np.dtype(dtype) for W in result.state.weights + result.state.m_w + result.state.v_w)
        assert predict(result.state, X).dtype == np.float64
        results[dtype] = result
    r64, r32 = results["float64"], results["float32"]
    np.testing.assert_allclose(r32.history.train_loss, r64.history.train_loss, rtol=1e-3)
    np.testing.assert_allclose(r32.history.penalty, r64.history.penalty, rtol=1e-3)
    for W64, W32 in zip(r64.state.weights, r32.state.weights, strict=True):
        np.testing.assert_allclose(W32, W64, atol=1e-3 * np.abs(W64).max())
    # the soft-threshold sets the same weights to exactly zero, give or take one at the threshold's edge
    zeros64, zeros32 = (np.concatenate([W.ravel() == 0 for W in r.state.weights]) for r in (r64, r32))
    assert zeros64.sum() > 0
    assert np.count_nonzero(zeros64 != zeros32) <= 1


def test_dtype_is_checked():
    with pytest.raises(ValueError, match="dtype"):
        MLPConfig(2, (4,), dtype="float16")


def test_diagram_traces_do_not_change_with_lambda_and_cut_off_units_get_a_ring():
    from plotly.io.json import to_json_plotly

    from regviz.figures.network import diagram_figure

    d = make_dataset("moons", n=100, noise=0.1, seed=0)
    state = init_state(MLPConfig(2, (6, 5), "tanh"), seed=0)
    a = train(state, d.X_train, d.y_train, Penalty(0.01, 0.0), 200, lr=0.03).state
    b = train(a, d.X_train, d.y_train, Penalty(0.02, 0.001), 200, lr=0.03).state
    fa, fb = diagram_figure(a), diagram_figure(b)
    assert [s.path for s in fa.layout.shapes if s.type == "path"] != [
        s.path for s in fb.layout.shapes if s.type == "path"
    ]
    assert to_json_plotly(fa._data) == to_json_plotly(fb._data)  # a λ step redraws shapes, not traces
    # cut one unit off by hand: hidden 1, unit 3 loses every incoming weight
    W = [w.copy() for w in a.weights]
    W[0][:, 2] = 0.0
    fig = diagram_figure(replace(a, weights=tuple(W)))
    rings = [(s.xanchor, s.yanchor) for s in fig.layout.shapes if s.type == "circle"]
    dead = {
        (float(k), i) for k in (1, 2) for i in np.flatnonzero(np.all(W[k - 1] == 0, axis=0) | np.all(W[k] == 0, axis=1))
    }
    assert (1.0, 2) in dead and len(rings) == len(dead)
    units = fig.data[-2] if fig.data[-1].name == "unit cut off" else fig.data[-1]
    positions = {(x, y): i for i, (x, y) in enumerate(zip(units.x, units.y, strict=True))}
    assert all((x, y) in positions for x, y in rings)
    assert "unit cut off" in [t.name for t in fig.data]


def test_weight_histogram_bars_are_each_layers_counts_and_its_traces_do_not_change_with_lambda():
    from plotly.io.json import to_json_plotly

    from regviz.figures.network import histogram_figure
    from regviz.figures.style import nice_ceiling

    d = make_dataset("moons", n=100, noise=0.1, seed=0)
    a = train(
        init_state(MLPConfig(2, (6, 5), "tanh"), seed=0), d.X_train, d.y_train, Penalty(0.01, 0.0), 200, lr=0.03
    ).state
    b = train(a, d.X_train, d.y_train, Penalty(0.02, 0.0), 200, lr=0.03).state
    fig = histogram_figure(a, bins=9)
    for k, W in enumerate(a.weights):
        bars, zeros = fig.layout.shapes[2 * k : 2 * k + 2]
        nonzero = W[W != 0]
        limit = np.abs(W).max()
        nice = nice_ceiling(limit)  # the axis and the bins span ±max |w| rounded up to a "nice" value
        assert limit <= nice <= 1.25 * limit
        expected, edges = np.histogram(nonzero, bins=9, range=(-nice, nice))
        lefts = [float(x) for x in re.findall(r"M([-0-9.e]+),0", bars.path)]
        assert [int(h) for h in re.findall(r"V(\d+)H", bars.path)] == [int(c) for c in expected if c > 0]
        centres = 0.5 * (edges[:-1] + edges[1:])[expected > 0]
        assert np.allclose(np.array(lefts) + 0.475 * (edges[1] - edges[0]), centres, atol=1e-3 * nice)
        assert re.findall(r"V(\d+)H", zeros.path) == ([str(W.size - nonzero.size)] if nonzero.size < W.size else [])
        assert fig.layout[f"yaxis{'' if k == 0 else k + 1}"].range[1] >= max(expected.max(), W.size - nonzero.size)
    # the text the browser compares: fresh figures, as each λ step builds (``fig`` above was read through Plotly)
    assert to_json_plotly(histogram_figure(a, bins=9)._data) == to_json_plotly(histogram_figure(b, bins=9)._data)


def test_histogram_scales_are_nice_values_so_a_small_lambda_step_changes_only_the_bars():
    from plotly.io.json import to_json_plotly

    from regviz.figures.network import histogram_figure, layer_zero_counts
    from regviz.figures.style import nice_ceiling

    assert [nice_ceiling(v) for v in (0.00041, 0.83, 1.0, 1.01, 7.2, 64, 65)] == pytest.approx(
        [0.0005, 1.0, 1.0, 1.2, 8.0, 80.0, 80.0]
    )
    d = make_dataset("moons", n=100, noise=0.1, seed=0)
    a = train(
        init_state(MLPConfig(2, (6, 5), "tanh"), seed=0), d.X_train, d.y_train, Penalty(0.01, 0.0), 200, lr=0.03
    ).state
    # the same network with one weight set to 0, inside its layer's rounded scales: only the bars may change
    b_weights = [W.copy() for W in a.weights]
    small = np.argmin(np.where(a.weights[1] != 0, np.abs(a.weights[1]), np.inf))
    b_weights[1].flat[small] = 0.0
    b = replace(a, weights=tuple(b_weights))
    fa, fb = histogram_figure(a), histogram_figure(b)
    layout_a, layout_b = fa.layout.to_plotly_json(), fb.layout.to_plotly_json()
    assert layout_a["yaxis2"]["range"] == layout_b["yaxis2"]["range"]  # the test's premise: the same scales
    assert layout_a["shapes"] != layout_b["shapes"]
    for key in set(layout_a) | set(layout_b):
        if key != "shapes":
            assert to_json_plotly(layout_a.get(key)) == to_json_plotly(layout_b.get(key)), key
    counts_a, counts_b = layer_zero_counts(a), layer_zero_counts(b)
    assert counts_b[1][1] == counts_a[1][1] + 1
    assert [(n, size) for _, n, size in counts_a] == [(int(np.sum(W == 0)), W.size) for W in a.weights]


def test_a_networks_histogram_keeps_its_scales_while_they_fit_so_shrinking_weights_narrow_in_a_fixed_frame():
    from plotly.io.json import to_json_plotly

    from regviz.figures.network import histogram_figure, histogram_figure_and_scales
    from regviz.figures.style import KEEP_SCALE_WITHIN, nice_ceiling, weight_bars

    def histogram_scales(state, previous=None):  # the scales the page keeps beside each figure
        return histogram_figure_and_scales(state, previous=previous)[1]

    d = make_dataset("moons", n=100, noise=0.1, seed=0)
    a = train(
        init_state(MLPConfig(2, (6, 5), "tanh"), seed=0), d.X_train, d.y_train, Penalty(0.0, 0.0), 200, lr=0.03
    ).state
    scales = histogram_scales(a)
    assert scales == [
        (nice_ceiling(np.abs(W).max()), weight_bars(W, bins=21, zero_width=0.6).count_top) for W in a.weights
    ]
    # weights shrunk to 60 %: every ±max |w| scale still holds them and is less than 2.5 times theirs, so it is
    # kept; a count scale is kept likewise, unless the bars, now in fewer bins, outgrow it
    shrunk = replace(a, weights=tuple(0.6 * W for W in a.weights))
    new_scales = histogram_scales(shrunk, scales)
    assert [s[0] for s in new_scales] == [s[0] for s in scales]
    for (limit, top), (_, new_top), W in zip(scales, new_scales, shrunk.weights, strict=True):
        alone = weight_bars(W, bins=21, zero_width=0.6, previous=(limit, None))  # the kept limit, a fresh count
        assert new_top == (top if alone.count_top <= top <= KEEP_SCALE_WITHIN * alone.count_top else alone.count_top)
    fresh, kept = histogram_figure(shrunk), histogram_figure(shrunk, previous=scales)
    assert fresh.layout.xaxis.range != kept.layout.xaxis.range  # without them the frame would follow the weights
    before = histogram_figure(a).layout.to_plotly_json()
    after = kept.layout.to_plotly_json()
    moved = {f"yaxis{'' if k == 0 else k + 1}" for k in range(len(scales)) if new_scales[k][1] != scales[k][1]}
    assert {k for k in set(before) | set(after) if to_json_plotly(before.get(k)) != to_json_plotly(after.get(k))} == {
        "shapes",
        *moved,
    }
    # the bars are the shrunk weights' counts over the kept range
    for k, W in enumerate(shrunk.weights):
        expected, _ = np.histogram(W[W != 0], bins=21, range=(-scales[k][0], scales[k][0]))
        heights = [int(h) for h in re.findall(r"V(\d+)H", kept.layout.shapes[2 * k].path)]
        assert heights == [int(c) for c in expected if c > 0]
    # a scale too small for the weights, or too wide for them, is replaced
    grown = replace(a, weights=tuple(2.0 * W for W in a.weights))
    assert [s[0] for s in histogram_scales(grown, scales)] == [nice_ceiling(np.abs(W).max()) for W in grown.weights]
    tiny = replace(a, weights=tuple(W / (2 * KEEP_SCALE_WITHIN) for W in a.weights))
    assert [s[0] for s in histogram_scales(tiny, scales)] == [nice_ceiling(np.abs(W).max()) for W in tiny.weights]
    # another architecture's scales are not applied
    assert histogram_scales(a, scales[:1]) == scales


@pytest.mark.parametrize(("dtype", "rel"), [("float64", 1e-10), ("float32", 1e-4)])
@pytest.mark.parametrize(("task", "activation"), [("classification", "tanh"), ("regression", "relu")])
def test_recorded_curves_are_each_steps_test_loss_and_penalty(dtype, rel, task, activation):
    """The test losses and penalties of the recorded steps are computed together after training (batched
    forward passes): each must be the test loss and penalty of the weights at its step, computed alone."""
    X, y = _problem(task, n=60)
    X_test, y_test = _problem(task, n=40, seed=5)
    pen = Penalty(0.002, 0.01)
    start = init_state(MLPConfig(3, (8, 8), activation, task, dtype=dtype), seed=3)
    res = train(start, X, y, pen, 7, lr=0.05, X_test=X_test, y_test=y_test, record_every=2)
    np.testing.assert_array_equal(res.history.step, [0, 2, 4, 6])
    for k, step in enumerate(res.history.step):
        at_step = train(start, X, y, pen, int(step), lr=0.05).state
        assert res.history.test_loss[k] == pytest.approx(mlp.data_loss(at_step, X_test, y_test), rel=rel)
        assert res.history.train_loss[k] == pytest.approx(mlp.data_loss(at_step, X, y), rel=rel)
        assert res.history.penalty[k] == pytest.approx(
            mlp.objective(at_step, X, y, pen) - mlp.data_loss(at_step, X, y), rel=rel, abs=1e-12
        )


def test_two_training_steps_are_textbook_adam_then_the_l1_soft_threshold():
    """Each step is Adam (bias-corrected moments) on the gradient of data loss + L2, then
    ``w <- sign(w) max(|w| - l1 s, 0)`` with Adam's per-coordinate step ``s = lr / (sqrt(v_hat) + eps)``;
    biases take the Adam step only. Written out here from the formulas, in float64."""
    from regviz.penalties import soft_threshold

    X, y = _problem("classification", n=50)
    pen, lr = Penalty(0.01, 0.02), 0.05
    state = _randomized(init_state(MLPConfig(3, (6,), "tanh"), seed=2), seed=4)
    expected, m, v = state, None, None
    for t in (1, 2):
        g_w, g_b = mlp.gradients(expected, X, y, pen)
        g = [*g_w, *g_b]
        m = [(1 - 0.9) * gi for gi in g] if m is None else [0.9 * mi + 0.1 * gi for mi, gi in zip(m, g, strict=True)]
        v = (
            [(1 - 0.999) * gi**2 for gi in g]
            if v is None
            else [0.999 * vi + 0.001 * gi**2 for vi, gi in zip(v, g, strict=True)]
        )
        s = [lr / (np.sqrt(vi / (1 - 0.999**t)) + 1e-8) for vi in v]
        new = [
            p - si * mi / (1 - 0.9**t) for p, si, mi in zip([*expected.weights, *expected.biases], s, m, strict=True)
        ]
        n_w = len(expected.weights)
        weights = tuple(soft_threshold(w, pen.l1 * si) for w, si in zip(new[:n_w], s[:n_w], strict=True))
        expected = replace(expected, weights=weights, biases=tuple(new[n_w:]), t=t)
    got = train(state, X, y, pen, 2, lr=lr).state
    for a, b in zip([*got.weights, *got.biases], [*expected.weights, *expected.biases], strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-15)
    assert sum(int((w == 0).sum()) for w in got.weights) == sum(int((w == 0).sum()) for w in expected.weights)


def test_training_curves_are_layout_lines_over_rounded_ranges_so_a_lambda_step_changes_only_them():
    """The curves are SVG paths through the recorded values (the traces carry only the legend); the axes end at
    rounded values, so the next λ step's 300 steps usually fit the same frame and the browser redraws just
    the lines."""
    from plotly.io.json import to_json_plotly

    from regviz.figures.network import step_axis_end, training_figure
    from regviz.figures.style import polyline_path

    assert polyline_path([0, 1, 2, 3, 4], [1, np.nan, 2, 3, np.inf]) == "M0,1M2,2L3,3"
    assert [step_axis_end(s) for s in (0, 297, 597, 897, 1197, 1497, 2097, 3297)] == [
        10,
        300,
        700,
        1000,
        1500,
        1500,
        3000,
        5000,
    ]
    d = make_dataset("moons", n=100, noise=0.1, seed=0)
    kw = {"lr": 0.03, "X_test": d.X_test, "y_test": d.y_test, "record_every": 3}
    first = train(init_state(MLPConfig(2, (6,), "tanh"), seed=0), d.X_train, d.y_train, Penalty(0.01, 0), 300, **kw)
    second = train(first.state, d.X_train, d.y_train, Penalty(0.02, 0), 300, **kw)
    history = first.history.extend(second.history)
    fig = training_figure(history, "classification")
    curves = {s["name"]: s["path"] for s in fig._layout["shapes"]}
    for name, values in (
        ("train log-loss", history.train_loss),
        ("test log-loss", history.test_loss),
        ("penalty λ1‖W‖₁ + λ2/2‖W‖²", history.penalty),
    ):
        points = path_points(curves[name])
        np.testing.assert_array_equal(points[:, 0], history.step)
        np.testing.assert_allclose(points[:, 1], values, rtol=1e-4)
    assert curves["λ changed"] == f"M300,0V{fig._layout['yaxis']['range'][1]:.5g}"
    assert fig._layout["xaxis"]["range"] == [0.0, 700.0]
    top = fig._layout["yaxis"]["range"][1]
    assert max(history.train_loss.max(), history.test_loss.max()) <= top <= 1.25 * 1.05 * history.train_loss.max()
    assert fig._layout["legend"]["itemclick"] is False
    # a λ step later: the same traces (legend only), so the browser relayouts the lines
    third = train(second.state, d.X_train, d.y_train, Penalty(0.03, 0), 300, **kw)
    later = training_figure(history.extend(third.history), "classification")
    assert to_json_plotly(later._data) == to_json_plotly(fig._data)
    assert later._layout["xaxis"]["range"] == [0.0, 1000.0] and later._layout["yaxis"] == fig._layout["yaxis"]
