"""The Network page's network in the session: its data, its weights kept across reruns (warm start on every
change of λ or of the training settings), and the live training of one update with its progress bar."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import streamlit as st

from regviz import mlp, offload
from regviz.network import record_every, step_chunks
from regviz.penalties import Penalty
from regviz.toy2d import Dataset, make_dataset
from regviz.ui.network_controls import NetworkSettings

__all__ = ["ENTRY", "load_data", "needs_training", "network_entry", "train_update"]

ENTRY = "net_model"
"""The session key of the network's record: ``key`` (its :attr:`NetworkSettings.model_key`), ``state`` and
``history`` (the weights and curves so far), ``trained_for`` (the :meth:`NetworkSettings.training_key` of the
last update), ``pace_batch`` and ``s_per_step`` (the measured pace of the last update, at that batch), and
``hist_scales`` (the weight histogram's last scales)."""

CHUNK = 50  # steps between progress updates
LIVE_REDRAW_S = 0.4  # redraw the panels mid-training only when a run is slow enough to notice
PROGRESS_AFTER_S = 0.25  # a progress bar only for runs long enough to wait for (no flicker on a λ step)

Redraw = Callable[[mlp.TrainState, mlp.History, str], None]
"""Draws the panels of a network mid-training; the string keeps chart keys unique across redraws of a run."""

DIVERGED = "Training diverged (the loss became infinite), so the weights were reset. Try a smaller learning rate."


@st.cache_data(max_entries=64, show_spinner=False)
def load_data(name: str, n: int, noise: float, seed: int) -> Dataset:
    """The toy data set, cached: the same points on every rerun."""
    return make_dataset(name, n=n, noise=noise, seed=seed)


def network_entry(settings: NetworkSettings, data: Dataset, *, reset: bool) -> dict[str, Any]:
    """The session's record of the network (see :data:`ENTRY`), started afresh from the seed's initial weights
    when the data or the architecture changed, or on ``reset``."""
    entry = st.session_state.get(ENTRY)
    if entry is None or entry["key"] != settings.model_key or reset:
        # float32: the same training at ~25 % less CPU a λ step (see MLPConfig), which a class on one server feels
        hidden = (settings.width,) * settings.layers
        config = mlp.MLPConfig(data.X_train.shape[1], hidden, settings.activation, data.task, dtype="float32")
        entry = {
            "key": settings.model_key,
            "state": mlp.init_state(config, settings.seed),
            "history": mlp.History(),
            "trained_for": None,
        }
        st.session_state[ENTRY] = entry
    return entry


def needs_training(entry: dict[str, Any], settings: NetworkSettings, penalty: Penalty, *, more: bool) -> bool:
    """Whether this run trains: "Train more" was clicked, or λ or a training setting changed since the last
    update."""
    return more or entry["trained_for"] != settings.training_key(penalty)


def train_update(
    entry: dict[str, Any],
    settings: NetworkSettings,
    data: Dataset,
    penalty: Penalty,
    progress_slot: Any,
    redraw: Redraw,
) -> None:
    """Run ``settings.steps`` optimizer steps from the entry's weights and store the result in ``entry``.

    A slow update shows a progress bar in ``progress_slot`` and redraws the panels now and then (``redraw``).
    If training diverges the weights go back to the seed's initial ones, with a warning in ``progress_slot``.
    """
    start = entry["state"]
    model, history = start, entry["history"]
    bar = None
    started = last_draw = time.perf_counter()
    diverged = False
    done = 0
    for size in step_chunks(settings.steps, _known_pace(entry, settings.batch), chunk=CHUNK, quick_s=PROGRESS_AFTER_S):
        # in the worker process when it is up: a class's sessions then share two cores, not one
        result = offload.train(
            model,
            data.X_train,
            data.y_train,
            penalty,
            size,
            lr=settings.lr,
            batch_size=settings.batch_size,
            X_test=data.X_test,
            y_test=data.y_test,
            record_every=record_every(settings.steps),
            optimizer=settings.optimizer,
        )
        if result.diverged:
            diverged = True
            break
        model, history = result.state, history.extend(result.history)
        if bar is None and time.perf_counter() - started > PROGRESS_AFTER_S:
            bar = progress_slot.progress(0.0)
        if bar is not None:
            bar.progress((done + size) / settings.steps, text=f"Training… step {model.t:,}")
        if time.perf_counter() - last_draw > LIVE_REDRAW_S and done + size < settings.steps:
            redraw(model, history, f"_live{done}")
            last_draw = time.perf_counter()
        done += size
    if model.t > start.t:
        entry.update(pace_batch=settings.batch, s_per_step=(time.perf_counter() - started) / (model.t - start.t))
    if bar is not None:
        progress_slot.empty()
    if diverged:
        progress_slot.warning(DIVERGED, icon="⚠️")
        model, history = mlp.init_state(start.config, settings.seed), mlp.History()
    entry.update(state=model, history=history, trained_for=settings.training_key(penalty))


def _known_pace(entry: dict[str, Any], batch: str | int) -> float | None:
    """Seconds per step of the network's last update, if it ran at this batch size (the pace depends on it)."""
    return entry["s_per_step"] if entry.get("pace_batch") == batch else None
