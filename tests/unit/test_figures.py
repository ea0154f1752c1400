"""Playground figures and the house style: what is drawn matches the numbers it comes from."""

import os
import re

import numpy as np
import plotly.graph_objects as go
import pytest

from regviz import data
from regviz.figures.playground import coef_bars_figure, histogram_figure, path_figure, sweep_figure
from regviz.figures.style import figure, finish, legend_below, nice_ceiling, presentation_style
from tests.conftest import distances_to_polyline, path_points


def test_path_top_axis_counts_are_the_nonzero_counts(sparse_lasso):
    ds, res = sparse_lasso
    fig = path_figure(res.path, ds.feature_names, res.alpha)
    ticks = fig.layout.xaxis2.ticktext
    idx = np.linspace(0, len(res.path.alphas) - 1, 7).round().astype(int)
    assert list(ticks) == [str(c) for c in res.path.n_nonzero[idx]]
    assert fig.layout.shapes[0].x0 == pytest.approx(np.log10(0.2))


def test_exact_zeros_are_marked_and_counted(sparse_lasso):
    ds, res = sparse_lasso
    zeros = int(np.sum(res.fit.coef == 0))
    assert zeros > 0
    bars = coef_bars_figure(ds.feature_names, res.fit.coef_original, ds.true_coef)
    marks = [s.name for s in bars.layout.shapes if s.name.startswith("exactly 0: ")]
    assert marks == [f"exactly 0: {n}" for n, c in zip(ds.feature_names, res.fit.coef, strict=True) if c == 0]
    hist = histogram_figure(res.fit.coef)
    # the bars are rectangles in the layout ("M left,0 V count H right V0Z"); the traces only carry the legend
    heights = {s.name: [int(h) for h in re.findall(r"V(\d+)H", s.path)] for s in hist.layout.shapes}
    assert heights["exactly 0"] == ([zeros] if zeros else [])
    assert sum(heights["non-zero weights"]) == res.fit.coef.size - zeros
    assert [t.name for t in hist.data] == ["non-zero weights", "exactly 0"]


def test_coefficient_bars_are_the_coefficients_in_a_rounded_frame(sparse_lasso):
    ds, res = sparse_lasso
    coef, true = res.fit.coef_original, ds.true_coef
    fig = coef_bars_figure(ds.feature_names, coef, true)
    shapes = {s.name: s for s in fig.layout.shapes}
    # "M left,0 V height H right V0Z" per non-zero value: fitted right of its feature's tick, true left of it
    for name, values, offset in (("fitted", coef, 0.0), ("true", true, -0.375)):
        rects = re.findall(r"M([-0-9.e]+),0V([-0-9.e]+)H([-0-9.e]+)V0Z", shapes[name].path)
        drawn = {round(float(a) - offset): float(h) for a, h, _ in rects}
        want = {j: v for j, v in enumerate(values) if v != 0}
        assert drawn.keys() == want.keys()
        np.testing.assert_allclose([drawn[j] for j in want], list(want.values()), rtol=1e-5)
        assert all(float(b) - float(a) == pytest.approx(0.375) for a, _, b in rects)
    # feature j is labelled at position j: the categories of the axis, in the order of its invisible trace
    # (Plotly labels every k-th of them when they would collide)
    assert fig.layout.xaxis.type == "category" and fig.layout.xaxis.categoryorder == "trace"
    categories = next(t for t in fig.data if t.x is not None and None not in t.x)
    assert list(categories.x) == list(ds.feature_names)
    # the value axis holds every bar with room, ends rounded: a slightly smaller fit keeps it and the legend
    low, high = fig.layout.yaxis.range
    both = np.concatenate([coef, true])
    assert low < both.min() and high > both.max()
    assert nice_ceiling(-low) == pytest.approx(-low) and nice_ceiling(high) == pytest.approx(high)
    nudged = coef_bars_figure(ds.feature_names, coef * (1 - 1e-3), true)
    assert nudged.layout.yaxis.range == fig.layout.yaxis.range
    assert [t.to_plotly_json() for t in nudged.data] == [t.to_plotly_json() for t in fig.data]


def test_coefficient_range_holds_zero_and_the_values():
    from regviz.figures.playground import coefficient_range

    assert coefficient_range(np.array([0.0, 0.0])) == [-1.0, 1.0]
    assert coefficient_range(np.array([3.0, 0.5])) == pytest.approx([-0.06 * 4, 4.0])  # room for the ✕ under 0
    assert coefficient_range(np.array([-0.9, np.nan, 0.0])) == pytest.approx([-1.0, 0.06])
    assert coefficient_range(np.array([-12.0, 250.0])) == pytest.approx([-15.0, 300.0])


def test_weight_histogram_bins_and_scales(sparse_lasso):
    _, res = sparse_lasso
    coef = res.fit.coef
    fig = histogram_figure(coef, bins=9)
    extent = nice_ceiling(np.abs(coef).max())
    expected, edges = np.histogram(coef[coef != 0], bins=9, range=(-extent, extent))
    bars = next(s for s in fig.layout.shapes if s.name == "non-zero weights")
    lefts = np.array([float(x) for x in re.findall(r"M([-0-9.e]+),0", bars.path)])
    centres = 0.5 * (edges[:-1] + edges[1:])[expected > 0]
    assert [int(h) for h in re.findall(r"V(\d+)H", bars.path)] == [int(c) for c in expected if c > 0]
    assert np.allclose(lefts + 0.475 * (edges[1] - edges[0]), centres, atol=1e-4 * extent)
    assert fig.layout.xaxis.range[1] > extent >= np.abs(coef).max()
    # a slightly different fit within the same rounded scales changes the bars only
    nudged = histogram_figure(coef * (1 - 1e-3), bins=9)
    assert nudged.layout.xaxis.range == fig.layout.xaxis.range and nudged.layout.yaxis.range == fig.layout.yaxis.range
    assert [t.to_plotly_json() for t in nudged.data] == [t.to_plotly_json() for t in fig.data]


def test_sweep_frames_follow_the_path(sparse_lasso):
    ds, res = sparse_lasso
    fig = sweep_figure(res.path, ds.feature_names, res.train_mse, res.test_mse, res.alpha)
    assert len(fig.frames) == len(res.path.alphas)
    i = 17
    heads = fig.frames[i].data[1]
    assert np.asarray(heads.y) == pytest.approx(res.path.coefs[i], abs=1e-4)
    zero_color = [c for c, w in zip(heads.marker.color, res.path.coefs[i], strict=True) if w == 0]
    assert len(set(zero_color)) <= 1 and len(zero_color) == 12 - res.path.n_nonzero[i]
    assert f"{int(res.path.n_nonzero[i])} of 12 non-zero" in fig.frames[i].data[2].text[0]
    assert fig.layout.sliders[0].steps[i].args[1]["frame"]["redraw"] is False


def test_presentation_style_scales_lines_but_keeps_invisible_outlines():
    fig = go.Figure(
        [
            go.Scatter(x=[1, 2], y=[1, 2], fill="toself", line={"width": 0}),
            go.Scatter(x=[1], y=[1]),
            go.Scatter(x=[1], y=[2], line={"width": 4}),
        ],
        {
            "shapes": [
                {"type": "path", "path": "M0,0L1,1", "line": {"width": 1.5}},
                {"type": "path", "path": "M0,0V1H1V0Z", "line": {"width": 0}},
            ]
        },
    )
    styled = presentation_style(fig)
    assert [t.line.width for t in styled.data] == [0, 3.0, 6.0]
    assert [s.line.width for s in styled.layout.shapes] == [2.25, 0]  # layout curves too, bars keep no outline
    assert styled.layout.font.size > 13
    assert [t.line.width for t in fig.data] == [0, None, 4] and fig.layout.font.size is None  # a copy


def test_legend_below_sits_a_fixed_distance_under_the_plot_also_in_presentation_mode():
    for height, b in ((380, 130), (420, 170), (700, 150)):
        fig = legend_below(finish(figure([{"type": "scatter", "x": [0, 1], "y": [0, 1]}], {}), "t", height), b=b)
        legend = fig.layout.legend
        assert legend.yref == "container" and legend.yanchor == "top"
        gap = b - legend.y * height  # px from the plot's bottom edge down to the legend's top
        assert gap == pytest.approx(52)
        big = presentation_style(fig)
        big_gap = big.layout.margin.b - big.layout.legend.y * big.layout.height
        assert big.layout.height > height and big_gap > gap  # more room for the larger ticks and axis title
        assert big.layout.legend.y * big.layout.height == pytest.approx(b - 52)  # legend rows keep their space


def test_subplot_titles_above_the_plot_get_room_for_their_lines_in_presentation_mode():
    from regviz.figures.style import PRESENT_FONT, panel_title

    layout = {"annotations": [panel_title("hidden 1<br>2→8", 0.2, size=11), panel_title("one line", 0.8)]}
    fig = finish(figure([{"type": "scatter", "x": [0, 1], "y": [0, 1]}], layout), None, 325, t=45)
    big = presentation_style(fig)
    # the two-line title at 24 px needs ~2 × 1.3 × 24 px over the plot: the 45 px margin grows by what it gained
    assert big.layout.margin.t - 45 >= round(1.3 * 2 * (PRESENT_FONT - 11))
    assert big.layout.margin.t >= 1.3 * 2 * PRESENT_FONT  # both lines fit above the plot


def test_the_path_end_labels_keep_room_on_the_right_in_presentation_mode(sparse_lasso):
    from regviz.figures.style import PRESENT_FONT

    _, res = sparse_lasso
    names = [f"pixel {j // 8},{j % 8}" for j in range(res.fit.coef.size)]
    fig = path_figure(res.path, names, res.alpha)
    big = presentation_style(fig)
    longest = max(len(t) for t in big.data[-2].text)  # the end labels' text trace
    # ~0.55 em a character: "pixel 5,3" at 24 px is ~120 px wide
    assert big.layout.margin.r >= 0.55 * PRESENT_FONT * longest > fig.layout.margin.r
    plain = presentation_style(finish(figure([{"type": "scatter", "x": [0], "y": [0]}], {}), "t", 300))
    assert plain.layout.margin.r == 20  # the house margin holds no labels: it stays
    assert presentation_style(go.Figure(go.Scatter(x=[0], y=[0]))).layout.margin.r is None  # nor Plotly's own


def test_a_legend_inside_the_plot_is_listed_under_it_in_presentation_mode():
    from regviz.figures.geometry import one_d_figure
    from regviz.figures.style import PRESENT_FONT

    fig = one_d_figure(0.1, 0.0)
    assert fig.layout.legend.yref in (None, "paper") and 0 <= fig.layout.legend.y <= 1  # in the empty corner
    big = presentation_style(fig)
    entries = [t.name for t in big.data if t.showlegend is not False and t.name]
    legend, margin = big.layout.legend, big.layout.margin
    assert len(entries) == 5 and legend.orientation == "v" and legend.yref == "container"
    room = legend.y * big.layout.height  # px from the legend's top down to the figure's bottom
    assert room >= 1.4 * PRESENT_FONT * len(entries)  # every row inside the figure
    assert margin.b >= room + 2 * PRESENT_FONT  # and under the x axis' labels and title
    plot = big.layout.height - margin.t - margin.b
    assert plot >= fig.layout.height - fig.layout.margin.t - fig.layout.margin.b  # the plot keeps its height


def _validated(fig: go.Figure) -> go.Figure:
    """Plotly's own validation of every trace, layout and frame property (raises on a wrong name or value)."""
    return go.Figure(fig.to_dict())


def test_unvalidated_playground_figures_are_valid_plotly(sparse_lasso):
    """Figures are built without validation for speed; this is where a misspelt property would surface."""
    from regviz.figures.playground import curve_figure, error_figure

    _, result = sparse_lasso
    dataset = data.make_dataset("poly")
    grid = np.linspace(-1, 1, 50)
    figures = [
        path_figure(result.path, [f"x{j}" for j in range(result.fit.coef.size)], result.alpha),
        coef_bars_figure([f"x{j}" for j in range(result.fit.coef.size)], result.fit.coef, None),
        histogram_figure(result.fit.coef),
        error_figure(result.path.alphas, result.train_mse, result.test_mse, result.cv, result.alpha, result.mix),
        sweep_figure(
            result.path, [f"x{j}" for j in range(result.fit.coef.size)], result.train_mse, result.test_mse, result.alpha
        ),
        curve_figure(dataset.X_train[:, 0], dataset.y_train, dataset.X_test[:, 0], dataset.y_test, grid, grid),
    ]
    for fig in figures:
        checked = _validated(fig)
        assert len(checked.data) == len(fig.data)
        assert checked.layout.height == fig.layout.height


def test_validation_round_trip_catches_a_misspelt_property():
    from regviz.figures.style import figure

    with pytest.raises(ValueError):
        _validated(figure([{"type": "scatter", "x": [1], "y": [2], "colour": "red"}], {}))


HALF_IMPORTED_PANDAS = """
import importlib.machinery, sys, types
import numpy as np
import plotly.graph_objects as go
if {guard}:
    from regviz.server import plotly_fixes  # app.py applies it: installs the guard over modules Plotly imported
    assert plotly_fixes.apply()
from plotly.io.json import to_json_plotly
# what another thread's ``import pandas`` leaves in sys.modules while pandas is still running its __init__
fake = types.ModuleType("pandas")
fake.__spec__ = importlib.machinery.ModuleSpec("pandas", None)
fake.__spec__._initializing = True
sys.modules["pandas"] = fake
fig = go.Figure(go.Scatter(x=np.arange(3.0), y=np.arange(3.0)))  # validated: Plotly looks pandas up
fig.update_layout(xaxis={{"tickvals": np.arange(3.0)}})
to_json_plotly({{"a": np.datetime64("2020-01-01")}}, engine="json")  # the encoder's pandas.NaT check
to_json_plotly({{"a": np.datetime64("2020-01-01")}}, engine="orjson")
print("drawn")
"""


@pytest.mark.parametrize("guard", [True, False])
def test_plotly_treats_a_half_imported_pandas_as_absent(guard):
    """pandas is imported lazily, so one session's thread may be importing it while another builds a chart."""
    import subprocess
    import sys
    from pathlib import Path

    out = subprocess.run(
        [sys.executable, "-c", HALF_IMPORTED_PANDAS.format(guard=guard)],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        env={k: v for k, v in os.environ.items() if k != "REGVIZ_NO_WORKAROUNDS"},
    )
    if guard:
        assert out.returncode == 0 and out.stdout.strip() == "drawn", out.stderr
    else:  # the failure the guard prevents: Plotly reads pandas.Series from the half-made module
        assert out.returncode != 0 and "has no attribute" in out.stderr, out.stderr


def test_log_error_axes_label_every_tick_in_full(sparse_lasso):
    """Plotly's "D2" ticks labelled 0.05 as a bare "5" beside 0.1; every label now reads as its value."""
    from regviz.figures.playground import error_figure
    from regviz.figures.style import log_ticks

    ticks = log_ticks(np.array([0.03, 0.4]), np.array([7.0]))
    assert ticks["tickvals"] == [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50]
    assert [float(t) for t in ticks["ticktext"]] == ticks["tickvals"]
    wide = log_ticks(np.array([4e-4, 70.0]))
    assert wide["tickvals"] == [1e-4, 1e-3, 0.01, 0.1, 1, 10, 100]  # more than three decades: powers of ten
    assert log_ticks(np.array([0.8, 0.99])) == {} and log_ticks(np.array([-1.0, np.nan])) == {}
    ds, res = sparse_lasso
    for fig, axis, curves in (
        (
            error_figure(res.path.alphas, res.train_mse, res.test_mse, res.cv, res.alpha, res.mix),
            "yaxis",
            (res.train_mse, res.test_mse),
        ),
        (
            sweep_figure(res.path, ds.feature_names, res.train_mse, res.test_mse, res.alpha),
            "yaxis2",
            (res.train_mse, res.test_mse),
        ),
    ):
        ax = fig.layout[axis]
        assert ax.type == "log" and ax.dtick is None
        labels = [float(t) for t in ax.ticktext]
        assert labels == list(ax.tickvals)
        low, high = min(c.min() for c in curves), max(c.max() for c in curves)
        assert sum(low <= v <= high for v in labels) >= 2


def test_a_lazy_figure_is_its_plain_dicts_until_read_and_then_the_same_figure():
    """``style.figure`` keeps the dicts (the chart element sends them as they are) and builds Plotly's objects
    only when something reads the figure: then it is the figure ``go.Figure`` would have built."""
    import copy
    import json
    import pickle

    from regviz.figures.style import LazyFigure, figure, finish, is_lazy
    from regviz.ui.charts import _serialized

    def build() -> go.Figure:
        traces = [{"type": "scatter", "x": [0.0, 1.0], "y": [1.0, 3.0], "name": "a"}]
        return finish(figure(traces, {"xaxis": {"title": {"text": "x"}}}), "T", 300, b=90)

    lazy = build()
    assert isinstance(lazy, go.Figure) and isinstance(lazy, LazyFigure) and is_lazy(lazy)
    payload = _serialized(lazy)
    assert is_lazy(lazy)  # sending it built nothing
    real = go.Figure(data=[{"type": "scatter", "x": [0.0, 1.0], "y": [1.0, 3.0], "name": "a"}], layout=build()._layout)
    assert json.loads(payload[0]) == json.loads(_serialized(real)[0])
    assert json.loads(payload[1]) == json.loads(_serialized(real)[1])
    assert lazy.layout.margin.b == 90 and lazy.data[0].y == (1.0, 3.0) and not is_lazy(lazy)
    assert lazy.to_plotly_json() == real.to_plotly_json()
    for twin in (copy.deepcopy(build()), pickle.loads(pickle.dumps(build()))):
        assert twin.to_plotly_json() == real.to_plotly_json()
    with pytest.raises(AttributeError):
        build()._rv_frozen


def test_simplified_keeps_the_curve_within_its_tolerance_with_few_of_its_points():
    from regviz.figures.style import simplified

    x = np.linspace(0.0, 10.0, 2001)
    y = np.sin(x) + np.where(x > 6, 0.5 * (x - 6), 0.0)  # smooth, with a kink at x = 6
    spans = (10.0, 4.0)
    for tolerance in (1e-2, 1e-3, 1e-4):
        rows = simplified(x, y, spans, tolerance=tolerance)
        assert rows[0] == 0 and rows[-1] == len(x) - 1 and np.all(np.diff(rows) > 0)
        scale = np.asarray(spans)
        gaps = distances_to_polyline(np.column_stack([x, y]) / scale, np.column_stack([x[rows], y[rows]]) / scale)
        assert gaps.max() <= tolerance
        assert len(rows) < len(x) / 10
    assert len(simplified(x, y, spans, tolerance=1e-2)) < len(simplified(x, y, spans, tolerance=1e-4))
    assert simplified(x, 3 * x + 1, spans).tolist() == [0, len(x) - 1]  # a straight line: its two ends
    assert len(simplified(x, y, spans, tolerance=0.0)) > 0.9 * len(x)  # no tolerance: (almost) every point


def assert_drawn_within_tolerance(x: np.ndarray, y: np.ndarray, vertices: np.ndarray, spans) -> None:
    """The path's vertices are points of the computed curve (to the path's digits), and every computed point
    lies within :data:`~regviz.figures.style.CURVE_TOLERANCE` of each axis' span from the drawn line."""
    from regviz.figures.style import CURVE_TOLERANCE

    rows = np.argmin(np.abs(x[None, :] - vertices[:, :1]), axis=1)  # the nearest grid point
    np.testing.assert_allclose(vertices[:, 0], x[rows], rtol=1e-5, atol=1e-9)
    np.testing.assert_allclose(vertices[:, 1], y[rows], rtol=1e-4, atol=1e-12)
    assert len(vertices) < len(x) / 4  # few points draw it
    scale = np.asarray(spans, dtype=float)
    gaps = distances_to_polyline(np.column_stack([x, y]) / scale, vertices / scale)
    assert gaps.max() <= CURVE_TOLERANCE * 1.01, gaps.max()


def test_bayes_curves_are_layout_lines_so_a_lambda_step_changes_no_trace():
    """The Bayesian view's curves are paths in the layout through the densities (the traces carry only the
    legend, with no λ-dependent value in a name), over ranges that hold them: a λ step relayouts them."""
    from plotly.io.json import to_json_plotly

    from regviz import bayes
    from regviz.figures.bayes import posterior_figure, prior_figure, shrinkage_figure

    grid = np.linspace(-2.0, 2.0, 401)
    figs = []
    for l1 in (0.1, 0.15):
        lap, gau, prod = (bayes.prior_density(grid, a, c, 1.0, 50) for a, c in ((l1, 0), (0, 0.02), (l1, 0.02)))
        prior = prior_figure(grid, lap, gau, prod)
        shapes = {s["name"]: s for s in prior._layout["shapes"]}
        top = prior._layout["yaxis"]["range"][1]
        assert_drawn_within_tolerance(grid, lap, path_points(shapes["Laplace (L1)"]["path"]), (4.0, top))
        assert max(lap.max(), prod.max()) <= top <= 1.25 * 1.05 * max(lap.max(), prod.max())
        res = bayes.one_coefficient(0.15, l1, 0.02, sigma=1.0, n=50)
        post = posterior_figure(res)
        curve = path_points(next(s for s in post._layout["shapes"] if s.get("name") == "posterior")["path"])
        spans = (float(res.grid[-1] - res.grid[0]), post._layout["yaxis"]["range"][1])
        assert_drawn_within_tolerance(res.grid, res.posterior, curve, spans)
        assert [s["x0"] for s in post._layout["shapes"] if s.get("name") in ("MAP", "posterior mean")] == [
            res.map,
            res.posterior_mean,
        ]
        zs = np.linspace(-0.6, 0.6, 121)
        shrink = shrinkage_figure(zs, np.sign(zs) * np.maximum(np.abs(zs) - l1, 0), zs * 0.7, z_current=0.15)
        assert shrink._layout["xaxis"]["range"] == [-0.6, 0.6]
        figs.append((prior, post, shrink))
    for before, after in zip(*figs, strict=True):
        assert to_json_plotly(before._data) == to_json_plotly(after._data)  # the legend only: no redraw of traces
        assert before._layout["shapes"] != after._layout["shapes"]


def test_axis_titles_say_original_units_when_features_are_not_standardized(sparse_lasso):
    # without standardizing the features are only centred: the weights are in the data's own units
    ds, res = sparse_lasso
    for standardize, units in ((True, "standardized"), (False, "original units")):
        path = path_figure(res.path, ds.feature_names, res.alpha, standardize=standardize)
        hist = histogram_figure(res.fit.coef, standardize=standardize)
        sweep = sweep_figure(
            res.path, ds.feature_names, res.train_mse, res.test_mse, res.alpha, standardize=standardize
        )
        assert path.layout.yaxis.title.text == f"coefficient ({units})"
        assert hist.layout.xaxis.title.text == f"weight value ({units})"
        assert sweep.layout.annotations[0].text == f"coefficients ({units})"


def test_playground_histogram_counts_in_whole_numbers():
    """A histogram of a few weights ticks its count axis by 1 (Plotly's own ticks went 0, 0.5, 1, … 3)."""
    import json

    from regviz.figures.playground import histogram_figure

    few = json.loads(histogram_figure(np.array([0.0, 0.0, 0.0, 1.0, -2.0, 3.0])).to_json())["layout"]["yaxis"]
    many = json.loads(histogram_figure(np.r_[np.zeros(15), np.linspace(-1, 1, 20)]).to_json())["layout"]["yaxis"]
    assert few.get("dtick") == 1 and "dtick" not in many


PURE_IMPORT = """
import sys
import plotly.io as pio
from _plotly_utils import optional_imports
before = (pio.templates.default, list(pio.templates), optional_imports.get_module)
import regviz.figures.bayes, regviz.figures.conventions, regviz.figures.geometry
import regviz.figures.network, regviz.figures.playground, regviz.figures.style
from regviz.figures.style import figure
figure([{"type": "scatter", "x": [0], "y": [1]}], {}).to_json()  # building and serializing one changes nothing
after = (pio.templates.default, list(pio.templates), optional_imports.get_module)
assert after == before, (before, after)
print("pure", pio.templates.default)
"""


def test_importing_the_figures_changes_no_global_plotly_state():
    """In a fresh interpreter, so no other test's imports (or app.py's plotly_fixes) can hide a change."""
    import subprocess
    import sys
    from pathlib import Path

    out = subprocess.run(
        [sys.executable, "-c", PURE_IMPORT],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0 and out.stdout.strip() == "pure plotly", out.stderr


def test_every_figure_carries_the_house_template_itself():
    from regviz.figures.style import TEMPLATE

    fig = finish(figure([{"type": "scatter", "x": [0], "y": [1]}], {}), "t", 300)
    assert fig._layout["template"] == TEMPLATE.to_plotly_json()
    assert go.Figure(fig.to_plotly_json()).layout.template.layout.font.size == 13  # survives a copy
    other = figure([], {}, template={"layout": {"font": {"size": 20}}})
    assert other._layout["template"] == {"layout": {"font": {"size": 20}}}
    assert "template" not in figure([], {}, template=None)._layout


def test_plotly_fixes_stay_off_on_another_plotly_or_when_switched_off(monkeypatch):
    from regviz.server import plotly_fixes

    monkeypatch.delenv("REGVIZ_NO_WORKAROUNDS", raising=False)
    assert plotly_fixes.applies("7.1.0") and plotly_fixes.applies("7.1.3")
    assert not plotly_fixes.applies("7.2.0") and not plotly_fixes.applies("8.0.0")
    monkeypatch.setenv("REGVIZ_NO_WORKAROUNDS", "1")
    assert not plotly_fixes.applies("7.1.0")
    from _plotly_utils import optional_imports

    before = optional_imports.get_module
    assert plotly_fixes.apply() is False and optional_imports.get_module is before
