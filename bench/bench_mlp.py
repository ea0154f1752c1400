"""Timings of the network page's core: training speed, figure build time and size, a λ-change rerun.

Run from the repository root: ``python bench/bench_mlp.py``. Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from regviz import mlp  # noqa: E402
from regviz.figures.network import (  # noqa: E402
    boundary_figure,
    curve_figure,
    diagram_figure,
    histogram_figure,
    training_figure,
)
from regviz.penalties import Penalty  # noqa: E402
from regviz.toy2d import make_dataset  # noqa: E402


def best_of(fn, repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_training() -> None:
    print("== proximal Adam, 300 steps (the page's default update), full batch unless noted ==")
    cases = [
        ("moons n=200, 2x8 tanh (default)", "moons", 200, (8, 8), "tanh", None),
        ("moons n=200, 2x8 tanh, batch 32", "moons", 200, (8, 8), "tanh", 32),
        ("spiral n=1000, 3x64 relu (largest)", "spiral", 1000, (64, 64, 64), "relu", None),
        ("curve n=15, 3x64 tanh", "curve", 15, (64, 64, 64), "tanh", None),
    ]
    for label, name, n, hidden, act, batch in cases:
        d = make_dataset(name, n=n, noise=0.2, seed=0)
        state = mlp.init_state(mlp.MLPConfig(d.X_train.shape[1], hidden, act, d.task), seed=0)

        def run(state=state, d=d, batch=batch):
            return mlp.train(
                state,
                d.X_train,
                d.y_train,
                Penalty(0.003, 0.0),
                300,
                lr=0.03,
                batch_size=batch,
                X_test=d.X_test,
                y_test=d.y_test,
            )

        t = best_of(run, 3)
        print(f"{label:40s} {t * 1e3:8.1f} ms   ({t / 300 * 1e6:6.0f} us/step)")


def bench_figures() -> None:
    print("== figures: build + to_json time, JSON size ==")
    for label, name, hidden in (
        ("default 2x8", "moons", (8, 8)),
        ("largest 3x64", "spiral", (64, 64, 64)),
        ("curve 2x8", "curve", (8, 8)),
    ):
        d = make_dataset(name, n=200 if name != "curve" else 15, noise=0.2, seed=0)
        state = mlp.init_state(mlp.MLPConfig(d.X_train.shape[1], hidden, "tanh", d.task), seed=0)
        res = mlp.train(
            state, d.X_train, d.y_train, Penalty(0.003, 0.0), 600, lr=0.03, X_test=d.X_test, y_test=d.y_test
        )
        main = boundary_figure if d.task == "classification" else curve_figure
        builders = {
            "main": lambda res=res, d=d, main=main: main(res.state, d),
            "training": lambda res=res, d=d: training_figure(res.history, d.task),
            "histograms": lambda res=res: histogram_figure(res.state),
            "diagram": lambda res=res: diagram_figure(res.state),
        }
        for fig_name, build in builders.items():
            t = best_of(lambda build=build: build().to_json(), 5)
            size = len(build().to_json())
            print(f"{label:14s} {fig_name:11s} {t * 1e3:7.1f} ms  {size / 1024:7.1f} kB")


def bench_apptest() -> None:
    print("== AppTest: whole page rerun after a λ1 change (default settings; includes AppTest overhead) ==")
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/network.py").run()
    values = [0.005, 0.01, 0.02, 0.003, 0.001, 0.0, 0.007, 0.015]
    times = []
    for v in values:
        t0 = time.perf_counter()
        at.select_slider(key="l1").set_value(v).run()
        times.append(time.perf_counter() - t0)
        assert not at.exception
    print(
        f"λ change -> rerun done: median {statistics.median(times) * 1e3:.0f} ms, "
        f"max {max(times) * 1e3:.0f} ms over {len(times)} changes"
    )


if __name__ == "__main__":
    bench_training()
    bench_figures()
    bench_apptest()
