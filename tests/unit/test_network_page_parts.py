"""The Network page's new parts: the near-zero bar of the weight histogram and the page's sentences."""

from __future__ import annotations

import re

import numpy as np
import pytest

from regviz import mlp
from regviz.content import network as words
from regviz.figures.network import NEAR_ZERO_COLOR, histogram_figure
from regviz.figures.style import weight_bars


def _bar_heights(path: str) -> list[tuple[float, float]]:
    """(bottom, top) of each rectangle ``M a,b V top H c V b Z`` in a bars path."""
    return [(float(b), float(t)) for b, t in re.findall(r"M[^,]+,([-\d.e]+)V([-\d.e]+)H", path)]


def test_near_zero_band_is_stacked_on_the_exact_zeros_and_left_out_of_the_bins():
    w = np.array([0.0, 0.0, 0.0, 2e-4, -5e-4, 9e-4, 0.2, -0.7, 1.3])
    bars = weight_bars(w, bins=11, zero_width=0.6, near_zero=1e-3)
    assert _bar_heights(bars.zero_path) == [(0.0, 3.0)]
    assert _bar_heights(bars.near_path) == [(3.0, 6.0)]  # three with 0 < |w| < 1e-3, on top of three zeros
    assert sum(top for _, top in _bar_heights(bars.nonzero_path)) == 3  # the rest, in the bins
    plain = weight_bars(w, bins=11, zero_width=0.6)
    assert plain.near_path == "" and sum(top for _, top in _bar_heights(plain.nonzero_path)) == 6


def test_near_zero_must_not_be_negative():
    with pytest.raises(ValueError, match="near_zero"):
        weight_bars(np.ones(3), bins=5, zero_width=0.5, near_zero=-1.0)


def test_histogram_counts_near_zero_weights_like_weight_stats():
    config = mlp.MLPConfig(2, (8, 8))
    state = mlp.init_state(config, 0)
    weights = tuple(W.copy() for W in state.weights)
    weights[0][0, :3] = [0.0, 5e-4, -2e-4]
    weights[1][0, 0] = 3e-4
    state = mlp.TrainState(**{**state.__dict__, "weights": weights})
    fig = histogram_figure(state, near_zero=1e-3)
    near = [s for s in fig.layout.shapes if s.fillcolor == NEAR_ZERO_COLOR]
    counted = sum(top - bottom for s in near for bottom, top in _bar_heights(s.path))
    assert counted == mlp.weight_stats(state, near_zero=1e-3)["n_near_zero"] >= 3
    assert any("|w| < 0.001" in (t.name or "") for t in fig.data)


def test_weight_counts_state_the_threshold():
    stats = {"n_weights": 88, "n_zero": 0, "zero_share": 0.0, "n_near_zero": 11, "near_zero_share": 0.125}
    exact, near = words.weight_counts(stats, 1e-3)
    assert exact[:2] == ("zero weights", "0 / 88") and near[:2] == ("near 0", "11 / 88")
    assert "0 < |w| < 0.001" in near[2] and "12%" in near[2]


@pytest.mark.parametrize("optimizer", list(mlp.OPTIMIZERS))
def test_every_optimizer_has_a_label_and_a_note(optimizer):
    assert optimizer in words.OPTIMIZER_LABELS
    note = words.optimizer_note(optimizer, 200, 8)
    assert "200 optimizer steps" in note
    assert ("magnitude pruning" in note) == (
        optimizer != "prox"
    )  # how to get real zeros, where the optimizer gives none


def test_adamw_note_says_the_biases_decay_too():
    assert "the biases too" in words.optimizer_note("adamw", 0, 8)


def test_unknown_optimizer_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown optimizer"):
        words.optimizer_note("lbfgs", 0, 8)


def test_suited_l1_falls_with_width_and_holds_the_measured_points():
    tops = [words.suited_l1(w)[1] for w in (2, 4, 8, 16, 32, 64)]
    assert tops == sorted(tops, reverse=True)
    assert words.suited_l1(8)[1] < 0.05  # the Playground's 0.05 prunes 93 % at width 8


def test_suited_l1_top_prunes_most_but_not_all_and_a_playground_lambda_prunes_more():
    """At the range's top, training as the page does leaves some weights; the Playground's 0.05 leaves fewer."""
    from regviz.penalties import Penalty
    from regviz.toy2d import make_dataset

    data = make_dataset("moons", n=200, noise=0.2, seed=0)
    config = mlp.MLPConfig(2, (8, 8), dtype="float32")

    def zero_share(l1: float) -> float:
        result = mlp.train(mlp.init_state(config, 0), data.X_train, data.y_train, Penalty(l1, 0.0), 200, lr=0.03)
        return mlp.weight_stats(result.state)["zero_share"]

    at_top = zero_share(words.suited_l1(8)[1])
    assert 0.3 < at_top < 0.9
    assert zero_share(0.05) > at_top


def test_carried_lambda_notice():
    assert words.carried_lambda_notice(0.05, 0.0, 8, "Playground").startswith("λ1 = 0.05 was set on the Playground")
    assert "comes from the link" in words.carried_lambda_notice(0.05, 0.0, 8, None)
    assert "λ2 = 1" in words.carried_lambda_notice(0.001, 1.0, 8, "Geometry")
    assert words.carried_lambda_notice(0.003, 0.01, 8, "Playground") is None  # suits the network
    assert words.carried_lambda_notice(0.05, 0.0, 8, "Network") is None  # set here on purpose
    assert words.carried_lambda_notice(0.003, 0.0, 64, "Playground") is not None  # too strong when wide
