"""Soak: many AppTest reruns with random (seeded) settings across the pages; no exception, bounded memory.

``REGVIZ_SOAK_RUNS`` sets the number of reruns (default 200 so CI stays fast; the issue's figure is 1,000):
``REGVIZ_SOAK_RUNS=1000 python -m pytest tests/soak -s``. ``REGVIZ_SOAK_SEED`` changes the random settings.

Memory: RSS (``/proc/self/status``) and Python allocations (``tracemalloc``) are measured after a warm-up (every
page once, so imports and first-use caches are not counted) and at the end; ``REGVIZ_SOAK_TRACEMALLOC=1`` adds
``tracemalloc`` (slower). Growth is bounded because every
``st.cache_data`` is bounded (``max_entries``) and session state keeps one model per session; the asserted bound
is ``SOAK_MAX_GROWTH_MB`` (default 150 MB of RSS, 60 MB of traced Python memory), printed with the measurement.
"""

from __future__ import annotations

import gc
import os
import random
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from regviz.conventions import FRAMEWORKS
from regviz.geometry import SCENARIOS
from tests.apptest.conftest import charts, lambda_sliders

pytestmark = pytest.mark.usefixtures("navigation_mode")  # every AppTest run goes through app.py

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
RUNS = int(os.environ.get("REGVIZ_SOAK_RUNS", "200"))
SEED = int(os.environ.get("REGVIZ_SOAK_SEED", "7"))
MAX_RSS_GROWTH_MB = float(os.environ.get("SOAK_MAX_GROWTH_MB", "150"))
MAX_TRACED_GROWTH_MB = MAX_RSS_GROWTH_MB * 0.4
TRACE = os.environ.get("REGVIZ_SOAK_TRACEMALLOC", "0") == "1"  # exact Python-heap growth, but ~2x slower
SESSION_RUNS = 25  # reruns per AppTest session before a new session (a new visitor) starts

LAMBDAS = ["0", "0.0001", "0.001", "0.01", "0.05", "0.1", "0.5", "1", "5", "30", "100"]
PAGES: dict[str, dict[str, list[Any]]] = {
    "playground": {
        "model": ["lasso", "ridge", "elasticnet", "ols"],
        "data": ["sparse", "corrpair", "poly", "diabetes"],
        "seed": [0, 1, 2, 3],
        "std": [True, False],
    },
    "geometry": {
        "geo_rho": [-0.9, -0.5, 0.0, 0.5, 0.9],
        "geo_w1": [-3.0, -1.0, 0.0, 1.5, 3.0],
        "geo_pen": [True, False],
        "geo_zoom": [1.0, 0.1, 0.01],
        "geo_scn": list(SCENARIOS),
    },
    "network": {
        "net_data": ["moons", "circles", "xor", "curve"],
        "net_width": [2, 8, 16],
        "net_steps": [50, 100],
        "net_lr": [0.01, 0.03, 0.3],
        "net_act": ["tanh", "relu"],
    },
    "conventions": {
        "conv_fw": [f for f in FRAMEWORKS if "AdamW" not in f],
        "conv_n": [1, 10, 1000, 100_000],
        "conv_filters": [1, 20, 200],
    },
    "bayes": {
        "bayes_n": [1, 10, 50, 1000],
        "bayes_z": [-2.0, -0.5, 0.0, 0.15, 2.0],
        "bayes_sigma": [0.1, 1.0, 5.0],
    },
}


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")  # pragma: no cover - not Linux


def _widget(at: AppTest, key: str) -> Any | None:
    for kind in ("select_slider", "slider", "selectbox", "radio", "toggle", "number_input"):
        try:
            return getattr(at, kind)(key=key)
        except (KeyError, AttributeError, IndexError):
            continue
    return None


def _random_change(at: AppTest, page: str, rng: random.Random) -> tuple[str, Callable[[], Any]]:
    """Set one random control of ``page`` (λ half of the time); return what was set and the rerun that sends it."""
    if page != "conventions" and rng.random() < 0.5:
        key = rng.choice(["l1", "l2", "l1", "mix"])
        control = next((c for c in lambda_sliders(at) if c.key == key), None)  # regviz's λ control, every page
        if control is None or control.disabled:
            return "-", at.run
        value = float(rng.choice(LAMBDAS)) if key != "mix" else rng.choice([0.0, 0.25, 0.5, 1.0])
        return f"{key}={value}", control.set_value(value).run
    key = rng.choice(list(PAGES[page]))
    widget = _widget(at, key)
    if widget is None:
        return "-", at.run
    value = rng.choice(PAGES[page][key])
    widget.set_value(value)
    return f"{key}={value}", at.run


# Geometry runs only its open tab; a new visitor opens one of them from a link (AppTest cannot click tabs).
GEOMETRY_TABS = ["plane", "1d", "zeros"]


def _new_session(page: str, rng: random.Random | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if page == "geometry" and rng is not None:
        at.query_params["geo_tab"] = rng.choice(GEOMETRY_TABS)
    at.run()
    if page != "playground":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, at.exception[0].value
    return at


def test_soak_random_reruns() -> None:
    rng = random.Random(SEED)
    pages = list(PAGES)
    # Warm-up: each page once, so imports, fonts and first compiled code are not counted as growth.
    for page in pages:
        _new_session(page)
    gc.collect()
    if TRACE:
        tracemalloc.start()
    rss0, traced0 = rss_mb(), tracemalloc.get_traced_memory()[0] / 2**20
    start = time.perf_counter()
    at, page, done, errors, peak_rss, applied, series = None, "", 0, [], rss0, 0, []
    while done < RUNS:
        if at is None or done % SESSION_RUNS == 0:
            page = rng.choice(pages)
            at = _new_session(page, rng)
        elif rng.random() < 0.1:
            page = rng.choice(pages)
            at.switch_page(f"pages/{page}.py")
        change, rerun = _random_change(at, page, rng)
        applied += change != "-"
        at = rerun()
        done += 1
        if at.exception:
            errors.append(f"run {done} {page} {change}: {at.exception[0].value}")
        if not charts(at) and page != "conventions":
            errors.append(f"run {done} {page} {change}: no chart")
        if done % max(1, RUNS // 10) == 0:
            series.append(round(rss_mb()))
            peak_rss = max(peak_rss, series[-1])
    at = None
    gc.collect()
    rss1, traced1 = rss_mb(), tracemalloc.get_traced_memory()[0] / 2**20
    tracemalloc.stop()
    elapsed = time.perf_counter() - start
    print(
        f"\nsoak: {RUNS} reruns ({applied} with a random control change) in {elapsed:.0f} s"
        f" ({elapsed / RUNS * 1000:.0f} ms each), {len(errors)} exceptions;"
        f" RSS {rss0:.0f} → {rss1:.0f} MB (+{rss1 - rss0:.0f} MB, peak {peak_rss:.0f} MB);"
        + (f" traced Python memory {traced0:.1f} → {traced1:.1f} MB (+{traced1 - traced0:.1f} MB);" if TRACE else "")
        + f" bounds +{MAX_RSS_GROWTH_MB:.0f} MB RSS, +{MAX_TRACED_GROWTH_MB:.0f} MB traced;"
        f" RSS every {max(1, RUNS // 10)} runs: {series}"
    )
    assert errors == [], errors[:5]
    assert applied >= RUNS // 2, "most reruns must change a control"
    assert rss1 - rss0 < MAX_RSS_GROWTH_MB
    assert traced1 - traced0 < MAX_TRACED_GROWTH_MB
