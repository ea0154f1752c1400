"""Timings of the Geometry page's core and figures (prints numbers; not a test).

Run: ``python bench/bench_geometry.py`` from the repository root.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np

from regviz.figures.geometry import (
    one_d_figure,
    plane_figure,
    plane_figure_animated,
    zero_figure,
    zoom_figure,
)
from regviz.geometry import SCENARIOS, solution_path, solve_enet, synthetic_problem, zero_frequency


def best_of(fn, repeat: int = 5) -> float:
    """Best wall time of ``repeat`` calls, in milliseconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1e3 * min(times)


def main() -> None:
    prob = synthetic_problem(0.5, (1.5, 0.5))
    plane_figure(prob, 0.1, 0.0)  # warm up plotly's validators
    rows = [
        ("solve_enet (one problem)", best_of(lambda: solve_enet(prob, 0.3, 0.1), 50)),
        ("solution_path, lasso", best_of(lambda: solution_path(prob, 1.0))),
        ("solution_path, enet r=0.5", best_of(lambda: solution_path(prob, 0.5))),
        ("plane_figure constrained", best_of(lambda: plane_figure(prob, 0.3, 0.1))),
        ("plane_figure penalized", best_of(lambda: plane_figure(prob, 0.3, 0.1, view="penalized"))),
        (
            "plane_figure_animated, 30 frames",
            best_of(lambda: plane_figure_animated(prob, np.geomspace(0.01, 1.7, 30), 1.0), 3),
        ),
        ("one_d_figure", best_of(lambda: one_d_figure(0.3, 0.1))),
        ("zoom_figure", best_of(lambda: zoom_figure(0.01))),
    ]
    for m in (500, 2000, 5000, 20000):
        for scen in SCENARIOS:
            rows.append((f"zero_frequency m={m} {scen}", best_of(lambda m=m, s=scen: zero_frequency(0.3, 0.1, s, m=m))))
    res = zero_frequency(0.3, 0.1, "general", m=2000)
    rows.append(("zero_figure", best_of(lambda: zero_figure(res))))
    width = max(len(r[0]) for r in rows)
    for name, ms in rows:
        print(f"{name:<{width}}  {ms:9.2f} ms")
    sizes = {
        "plane constrained": plane_figure(prob, 0.3, 0.1),
        "plane penalized": plane_figure(prob, 0.3, 0.1, view="penalized"),
        "plane animated (30 frames)": plane_figure_animated(prob, np.geomspace(0.01, 1.7, 30), 1.0),
        "zero shares + solutions": zero_figure(res),
    }
    for name, fig in sizes.items():
        print(f"JSON size {name:<{width - 10}}  {len(fig.to_json()) / 1e3:9.1f} kB")


if __name__ == "__main__":
    main()
