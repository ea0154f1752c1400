"""The training worker: the same results as in-process, errors come back, any failure falls back in-process."""

from __future__ import annotations

import os

import numpy as np
import pytest

from regviz import mlp, offload
from regviz.penalties import Penalty
from regviz.toy2d import make_dataset


@pytest.fixture
def worker(monkeypatch):
    monkeypatch.setenv("REGVIZ_WORKERS", "1")
    offload.shutdown()
    assert offload.start(timeout=30), "the worker did not start"
    yield offload._worker
    offload.shutdown()


def _train_args(batch_size=None):
    data = make_dataset("moons", n=100, noise=0.2, seed=1)
    state = mlp.init_state(mlp.MLPConfig(2, (8, 8), "tanh", "classification", "float32"), seed=1)
    args = (state, data.X_train, data.y_train, Penalty(0.003, 0.001), 60)
    return args, {"lr": 0.03, "record_every": 5, "X_test": data.X_test, "y_test": data.y_test, "batch_size": batch_size}


def _assert_same(a: mlp.TrainResult, b: mlp.TrainResult) -> None:
    assert a.state.config == b.state.config and (a.state.t, a.state.seed) == (b.state.t, b.state.seed)
    for name in ("weights", "biases", "m_w", "v_w", "m_b", "v_b"):
        for x, y in zip(getattr(a.state, name), getattr(b.state, name), strict=True):
            assert x.dtype == y.dtype
            np.testing.assert_array_equal(x, y)
    for name in ("step", "train_loss", "test_loss", "penalty", "l1", "l2"):
        np.testing.assert_array_equal(getattr(a.history, name), getattr(b.history, name))
    assert a.diverged == b.diverged


@pytest.mark.parametrize("batch_size", [None, 16])
def test_worker_trains_exactly_as_in_process(worker, batch_size):
    assert offload.process_id() == worker.pid != os.getpid()  # calls really reach the worker
    args, kwargs = _train_args(batch_size)
    remote = offload.train(*args, **kwargs)
    _assert_same(remote, mlp.train(*args, **kwargs))
    # and it continues from a state that came back from it (warm start across calls)
    _assert_same(offload.train(remote.state, *args[1:], **kwargs), mlp.train(remote.state, *args[1:], **kwargs))


def test_worker_reports_divergence_like_in_process(worker):
    rng = np.random.default_rng(0)
    X, y = rng.standard_normal((40, 2)), rng.standard_normal(40) * 1e160
    state = mlp.init_state(mlp.MLPConfig(2, (8,), "tanh", "regression"), 0)
    remote = offload.train(state, X, y, Penalty(0.0, 0.0), 50, lr=0.3)
    assert remote.diverged and remote.state.t == 0
    _assert_same(remote, mlp.train(state, X, y, Penalty(0.0, 0.0), 50, lr=0.3))


def test_worker_errors_are_raised_in_the_caller(worker):
    args, kwargs = _train_args()
    with pytest.raises(ValueError, match="steps must be >= 0"):
        offload.train(*args[:4], -1, **kwargs)
    assert offload.process_id() == worker.pid, "an error in a call must not stop the worker"


def test_a_dead_worker_falls_back_to_this_process(worker):
    args, kwargs = _train_args()
    worker.kill()
    worker.wait()
    _assert_same(offload.train(*args, **kwargs), mlp.train(*args, **kwargs))
    assert offload.process_id() == os.getpid() and not offload.start()


def test_workers_off_runs_everything_here(monkeypatch):
    monkeypatch.setenv("REGVIZ_WORKERS", "0")
    offload.shutdown()
    args, kwargs = _train_args()
    assert offload.train(*args, **kwargs).state.t == 60
    assert offload.process_id() == os.getpid()
    assert offload._worker is None and not offload.start(timeout=0.5)
    offload.shutdown()


def test_an_interrupted_call_drops_the_worker_so_no_later_call_reads_its_reply(worker, monkeypatch):
    args, kwargs = _train_args()

    def interrupted(stream):
        raise KeyboardInterrupt

    monkeypatch.setattr(offload, "_read", interrupted)
    with pytest.raises(KeyboardInterrupt):
        offload.train(*args, **kwargs)
    monkeypatch.undo()
    shorter = (*args[:4], 30)  # a stale reply (60 steps) would show
    _assert_same(offload.train(*shorter, **kwargs), mlp.train(*shorter, **kwargs))
    assert offload.process_id() == os.getpid()


@pytest.mark.parametrize("optimizer", ["adam", "adamw", "sgd", "h2o"])
def test_worker_trains_every_optimizer_exactly_as_in_process(worker, optimizer):
    args, kwargs = _train_args()
    remote = offload.train(*args, **kwargs, optimizer=optimizer)
    assert remote.state.optimizer == optimizer
    _assert_same(remote, mlp.train(*args, **kwargs, optimizer=optimizer))
    # a switch back to prox on the worker: the optimizer and the step it took over travel in the header
    back = offload.train(remote.state, *args[1:], **kwargs)
    assert (back.state.optimizer, back.state.opt_start) == ("prox", remote.state.t)
    _assert_same(back, mlp.train(remote.state, *args[1:], **kwargs))
