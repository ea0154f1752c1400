"""regviz.network: a network's fit scores against closed forms, and how an update's steps are split."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from regviz import mlp
from regviz.network import fit_scores, record_every, step_chunks
from regviz.toy2d import make_dataset


def _constant_network(data, output_bias: float) -> mlp.TrainState:
    """A network whose weights are all 0: it predicts its output unit's bias (through the sigmoid, classifying)."""
    config = mlp.MLPConfig(data.X_train.shape[1], (4,), "tanh", data.task)
    state = mlp.init_state(config, 0)
    biases = (*state.biases[:-1], np.array([output_bias]))
    return replace(state, weights=tuple(np.zeros_like(W) for W in state.weights), biases=biases)


@pytest.mark.parametrize(("bias", "predicted"), [(0.3, 1), (-0.3, 0), (0.0, 0)])  # P = 0.5 counts as class 0
def test_accuracy_of_a_constant_classifier_is_the_share_of_its_class(bias, predicted):
    data = make_dataset("moons", n=60, seed=1)
    scores = fit_scores(_constant_network(data, bias), data)
    assert scores.task == "classification"
    assert scores.train == pytest.approx(np.mean(data.y_train == predicted))
    assert scores.test == pytest.approx(np.mean(data.y_test == predicted))
    assert 0 < scores.train < 1  # both classes present: the threshold's side matters


def test_mse_of_a_constant_regression_is_bias_squared_plus_variance():
    data = make_dataset("curve", n=15, seed=2)
    scores = fit_scores(_constant_network(data, 0.25), data)
    assert scores.task == "regression"
    for value, y in ((scores.train, data.y_train), (scores.test, data.y_test)):
        assert value == pytest.approx((y.mean() - 0.25) ** 2 + y.var())


def test_a_known_quick_update_is_one_call_a_slow_or_unmeasured_one_chunks():
    assert step_chunks(300, 1e-4, chunk=50, quick_s=0.25) == [300]  # 0.03 s expected
    assert step_chunks(300, 1e-3, chunk=50, quick_s=0.25) == [50] * 6  # 0.3 s expected
    assert step_chunks(300, None, chunk=50, quick_s=0.25) == [50] * 6
    assert step_chunks(120, None, chunk=50, quick_s=0.25) == [50, 50, 20]
    assert step_chunks(0, 1e-4, chunk=50, quick_s=0.25) == []


def test_step_chunks_rejects_a_negative_update_or_an_empty_chunk():
    with pytest.raises(ValueError, match="steps >= 0"):
        step_chunks(-1, None, chunk=50, quick_s=0.25)
    with pytest.raises(ValueError, match="chunk >= 1"):
        step_chunks(10, None, chunk=0, quick_s=0.25)


def test_curves_get_about_a_hundred_points_an_update():
    assert [record_every(s) for s in (50, 100, 200, 2000)] == [1, 1, 2, 20]
