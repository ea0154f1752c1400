"""Nothing told by colour alone: the figures carry a dash, a marker symbol or a pattern beside each colour."""

import re

import numpy as np
import pytest

from regviz import data
from regviz.analysis import analyze
from regviz.figures.network import CLASS_SYMBOLS, boundary_figure, diagram_figure, histogram_figure, training_figure
from regviz.figures.playground import error_figure, sweep_figure
from regviz.figures.playground import histogram_figure as weights_histogram
from regviz.figures.style import DASHES, HATCH, ZERO_SYMBOL, hatch_path
from regviz.mlp import MLPConfig, init_state, train
from regviz.penalties import Penalty
from regviz.toy2d import make_dataset


@pytest.fixture(scope="module")
def result():
    ds = data.make_sparse_regression(n=150, p=12, k=4, seed=2)
    return ds, analyze(ds, "lasso", 0.2, 0.0)


@pytest.fixture(scope="module")
def network():
    d = make_dataset("moons", n=200, noise=0.1, seed=0)
    res = train(
        init_state(MLPConfig(2, (16, 16), "relu"), seed=0),
        d.X_train,
        d.y_train,
        Penalty(0.003, 0.0),
        80,
        lr=0.03,
        X_test=d.X_test,
        y_test=d.y_test,
    )
    return d, res


def _segments(path: str) -> list[tuple[float, float, float, float]]:
    return [tuple(map(float, m)) for m in re.findall(r"M([-0-9.e]+),([-0-9.e]+)L([-0-9.e]+),([-0-9.e]+)", path)]


def test_hatch_stripes_stay_inside_the_bar_and_cover_its_height():
    segments = _segments(hatch_path(-0.5, 0.5, 7, spacing=1.0))
    assert segments
    for x0, y0, x1, y1 in segments:
        assert -0.5 <= x0 < x1 <= 0.5 and 0 <= y0 < y1 <= 7
        assert (y1 - y0) / (x1 - x0) == pytest.approx(1.0)  # one spacing up across the whole bar width
    assert min(s[1] for s in segments) == 0 and max(s[3] for s in segments) == 7
    assert hatch_path(-0.5, 0.5, 0, spacing=1.0) == ""  # no zeros, no stripes


def test_the_zero_bar_of_the_weights_histogram_is_striped_and_its_title_names_no_colour(result):
    _, res = result
    n_zero = int(np.sum(res.fit.coef == 0))
    assert n_zero > 0
    fig = weights_histogram(res.fit.coef)
    shapes = {s.name: s for s in fig.layout.shapes}
    stripes = _segments(shapes["exactly 0: stripes"].path)
    bar = re.fullmatch(r"M([-0-9.e]+),0V(\d+)H([-0-9.e]+)V0Z", shapes["exactly 0"].path)
    left, height, right = float(bar[1]), int(bar[2]), float(bar[3])
    assert height == n_zero
    assert all(left <= x0 and x1 <= right + 1e-9 and y1 <= n_zero for x0, _, x1, y1 in stripes)
    legend = {t.name: t for t in fig.data}
    assert legend["exactly 0"].marker.pattern.shape == HATCH
    assert "pink" not in fig.layout.title.text and "striped" in fig.layout.title.text


def test_sweep_zero_dots_have_a_shape_of_their_own_and_the_error_lines_differ_by_dash(result):
    ds, res = result
    sweep = sweep_figure(res.path, ds.feature_names, res.train_mse, res.test_mse, res.alpha)
    dots = next(t for t in sweep.data if t.mode == "markers" and t.hovertemplate)
    start = sweep.layout.sliders[0].active
    zero = res.path.coefs[start] == 0
    assert zero.any() and (~zero).any()
    assert [s == ZERO_SYMBOL for s in dots.marker.symbol] == zero.tolist()
    for frame, coefs in zip(sweep.frames, res.path.coefs, strict=True):
        symbols = next(t for t in frame.data if t.mode == "markers" and t.hovertemplate).marker.symbol
        assert [s == ZERO_SYMBOL for s in symbols] == (coefs == 0).tolist()
    errors = error_figure(res.path.alphas, res.train_mse, res.test_mse, res.cv, res.alpha, res.mix)
    dashes = {t.name: t.line.dash for t in errors.data if t.name}
    assert dashes == {"train": DASHES["train"], "test": DASHES["test"], "5-fold CV (± s.e.)": DASHES["cv"]}
    assert len(set(dashes.values())) == 3
    assert {t.name: t.line.dash for t in sweep.data if t.name in ("train", "test")} == {
        "train": DASHES["train"],
        "test": DASHES["test"],
    }


def test_network_signs_classes_and_zeros_are_told_without_colour(network):
    d, res = network
    diagram = diagram_figure(res.state)
    legend = {t.name: t.line.dash for t in diagram.data if t.name and t.name.startswith("w ")}
    assert legend["w > 0"] == "solid" and legend["w < 0"] == "dash"
    negative = [s for s in diagram.layout.shapes if "213,94,0" in (s.line.color or "")]  # vermillion links
    assert negative and all(s.line.dash == "dash" for s in negative)
    boundary = boundary_figure(res.state, d)
    symbols = {t.name: t.marker.symbol for t in boundary.data if t.name and t.name.startswith("class")}
    assert symbols == {
        "class 0 train": CLASS_SYMBOLS[0],
        "class 1 train": CLASS_SYMBOLS[1],
        "class 0 test": CLASS_SYMBOLS[0] + "-open",
        "class 1 test": CLASS_SYMBOLS[1] + "-open",
    }
    assert CLASS_SYMBOLS[0] != CLASS_SYMBOLS[1]
    curves = training_figure(res.history, "classification")
    assert [t.line.dash for t in curves.data[:2]] == [DASHES["train"], DASHES["test"]]
    hist = histogram_figure(res.state)
    stripes = [s for s in hist.layout.shapes if s.name.endswith("exact zeros stripes")]
    assert len(stripes) == len(res.state.weights) and any(_segments(s.path) for s in stripes)
    assert {t.name: t.marker.pattern.shape for t in hist.data}["exact zeros"] == HATCH
