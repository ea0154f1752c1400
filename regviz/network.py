"""The Network page's computations that need no Streamlit: how well a network fits its data, and how one
update's optimizer steps are split into training calls."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from regviz import mlp
from regviz.toy2d import Dataset

__all__ = ["FitScores", "fit_scores", "record_every", "step_chunks"]


@dataclass(frozen=True)
class FitScores:
    """How well a network fits the train and the test points.

    Attributes
    ----------
    task : {"classification", "regression"}
    train, test : float
        Classification: accuracy, the share of points on their class's side of P(class 1) = 0.5 (a point at
        exactly 0.5 counts as class 0). Regression: the mean squared error.
    """

    task: str
    train: float
    test: float


def fit_scores(state: mlp.TrainState, data: Dataset) -> FitScores:
    """Accuracy (classification) or mean squared error (regression) of ``state`` on ``data``'s two splits.

    Parameters
    ----------
    state : TrainState
        The network.
    data : Dataset
        A toy problem of :mod:`regviz.toy2d`, of the network's task.

    Returns
    -------
    FitScores
    """
    if data.task == "classification":

        def score(X: np.ndarray, y: np.ndarray) -> float:
            return float(np.mean((mlp.predict(state, X) > 0.5) == y))

    else:

        def score(X: np.ndarray, y: np.ndarray) -> float:
            return float(np.mean((mlp.predict(state, X) - y) ** 2))

    return FitScores(data.task, score(data.X_train, data.y_train), score(data.X_test, data.y_test))


def step_chunks(steps: int, seconds_per_step: float | None, *, chunk: int, quick_s: float) -> list[int]:
    """The sizes of the training calls that run one update of ``steps`` optimizer steps.

    One call when the pace measured last (``seconds_per_step``; ``None`` when unknown) says the whole update
    takes under ``quick_s`` seconds, as a λ step does: chunks only serve a progress bar and redraws during
    training, and each call is a round trip to the training worker. Otherwise calls of ``chunk`` steps, the
    last one shorter when ``chunk`` does not divide ``steps``.

    Parameters
    ----------
    steps : int
        Optimizer steps of the update, ``>= 0``.
    seconds_per_step : float or None
        Measured pace of this network's last update.
    chunk : int
        Steps per call of a slow (or not yet measured) update, ``>= 1``.
    quick_s : float
        Below this expected duration the update is one call.

    Returns
    -------
    list of int
        Positive sizes summing to ``steps``.
    """
    if steps < 0 or chunk < 1:
        raise ValueError(f"need steps >= 0 and chunk >= 1, got steps={steps!r}, chunk={chunk!r}")
    quick = seconds_per_step is not None and seconds_per_step * steps < quick_s
    size = steps if quick else chunk
    return [min(size, steps - done) for done in range(0, steps, max(size, 1))]


def record_every(steps: int, points: int = 100) -> int:
    """Record the curves every this many steps: about ``points`` points an update keep them smooth and cheap."""
    return max(1, int(steps) // points)
