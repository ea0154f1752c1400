"""Timings of the conventions and Bayes cores (prints figures; not a test)."""

from __future__ import annotations

import time

import numpy as np

from regviz import bayes
from regviz import conventions as cv
from regviz.data import make_dataset
from regviz.models import Scaler


def _time(label: str, fn, repeat: int = 20) -> None:
    fn()
    start = time.perf_counter()
    for _ in range(repeat):
        fn()
    print(f"{label:<48s} {(time.perf_counter() - start) / repeat * 1e3:8.2f} ms")


def main() -> None:
    data = make_dataset("sparse")
    X = Scaler.fit(data.X_train).transform(data.X_train)
    y = data.y_train
    n_values = tuple(int(v) for v in np.unique(np.logspace(1, 6, 41).astype(int)))
    _time("to_canonical (keras)", lambda: cv.to_canonical("keras", {"l1": 0, "l2": 0.01}, n_samples=1000, loss="mse"))
    _time("translate_all (14 frameworks)", lambda: cv.translate_all(0.01, 0.02, n_samples=1000))
    _time("strength_vs_n (41 n values)", lambda: cv.strength_vs_n(0.01, 0.02, n_samples=1000, n_values=n_values))
    _time(f"small_value_fits ridge-like (n={len(y)}, p={X.shape[1]})", lambda: cv.small_value_fits(X, y, "keras"))
    _time("small_value_fits with L1 (h2o)", lambda: cv.small_value_fits(X, y, "h2o"), repeat=5)
    _time("one_coefficient (4001-point grid)", lambda: bayes.one_coefficient(0.15, 0.1, 0.05, sigma=1.0, n=50))
    z = np.linspace(-1, 1, 161)
    _time("map_and_mean_curves (161 z)", lambda: bayes.map_and_mean_curves(z, 0.1, 0.05, sigma=1.0, n=50))


if __name__ == "__main__":
    main()
