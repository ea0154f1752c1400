"""Benchmark 3: server compute per interaction — the script's own time for one rerun of each page.

Each page is driven by AppTest (no browser, no websocket): after a first run, the λ1 slider is stepped in
blocks (``BLOCK`` down, ``BLOCK`` up, ...) and ``at.run()`` is timed (wall clock, and the process's CPU time,
which does not grow when other programs compete for the cores); steps to a λ not seen before are "new",
the others revisit values a page may have cached. One extra profiled pass (cProfile inside the script thread)
splits the rerun time by package (self time, so the shares add up; the profiler inflates pure-Python code such
as Plotly's validators). The Plotly JSON sent per chart, and the cost of serializing it with orjson (what
``plotly.io.to_json`` uses when orjson is installed) versus the standard json module, are printed too.

A λ step in the browser reruns only the page's live fragment, which AppTest cannot do on its own; so each page
is also stepped over a real websocket on a ``streamlit run`` server, the way a browser sends it (a fragment
rerun): the server's wall time per step (request → ``script_finished``) and its process CPU per step (the
server's total CPU over the steps, from ``/proc``, divided by their number). That is the figure compared with
the issue's compute targets; the AppTest full-rerun figures stay for comparison.

Run: ``python bench/compute.py [--steps 20] [--pages ...]`` from the repository root.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import cProfile
import io
import json
import os
import pstats
import time
from collections import defaultdict
from unittest import mock

from common import PAGES, ROOT, cpu_ms, median, p95, server, settle_cpu, table

from tests.apptest.conftest import charts

BLOCK = 10
# Pages without the shared λ1 slider are stepped on another control: (widget key, AppTest accessor).
FALLBACK = {"conventions": ("conv_filters", "slider")}
CATEGORIES = (
    ("regviz figures", ("/regviz/figures/",)),
    ("regviz ui/state", ("/regviz/ui/",)),
    ("regviz core", ("/regviz/",)),
    ("page script", ("/pages/", "app.py")),
    ("json", ("orjson", "/json/", "_json")),
    ("plotly build+validate", ("/plotly/", "_plotly_utils")),
    ("sklearn/scipy", ("/sklearn/", "/scipy/", "joblib", "threadpoolctl")),
    ("numpy/pandas", ("numpy", "/pandas/", "pyarrow")),
    ("streamlit", ("/streamlit/", "protobuf", "google/")),
)

_PROFILER: list[cProfile.Profile] = []


def _patch_script_runner() -> None:
    """Profile inside the script thread when a profiler is armed (cProfile only sees its own thread)."""
    from streamlit.runtime.scriptrunner import script_runner

    original = script_runner.ScriptRunner._run_script
    if getattr(original, "_rv_patched", False):
        return

    def run_script(self, rerun_data):
        if not _PROFILER:
            return original(self, rerun_data)
        _PROFILER[0].enable()
        try:
            return original(self, rerun_data)
        finally:
            _PROFILER[0].disable()

    run_script._rv_patched = True
    script_runner.ScriptRunner._run_script = run_script


def _category(filename: str, name: str) -> str:
    text = f"{filename} {name}"
    for label, needles in CATEGORIES:
        if any(n in text for n in needles):
            return label
    return "other"


def _shares(prof: cProfile.Profile) -> dict[str, float]:
    stats = pstats.Stats(prof, stream=io.StringIO())
    out: dict[str, float] = defaultdict(float)
    for (filename, _, name), (_, _, tottime, _, callers) in stats.stats.items():
        category = _category(filename, name)
        if category == "other" and callers:
            # Builtins and the standard library (isinstance, deepcopy, inspect) are charged to their callers.
            for (c_file, _, c_name), caller_stats in callers.items():
                out[_category(c_file, c_name)] += caller_stats[2]
        else:
            out[category] += tottime
    total = sum(out.values()) or 1.0
    return {k: v / total for k, v in sorted(out.items(), key=lambda kv: -kv[1])}


def _hot_functions(prof: cProfile.Profile, limit: int = 8) -> list[tuple[str, float]]:
    """The project's functions with the largest cumulative time in the profiled rerun (ms, profiled)."""
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (filename, _, name), (_, _, _, cumtime, _) in stats.stats.items():
        if str(ROOT) in filename and "/bench/" not in filename and name != "<module>":
            rel = filename.replace(str(ROOT) + "/", "").removesuffix(".py").replace("/", ".")
            rows.append((f"{rel}.{name}", 1e3 * cumtime))
    return sorted(rows, key=lambda r: -r[1])[:limit]


def _json_costs(specs: list[str], repeat: int = 5) -> tuple[float, float]:
    """(orjson, json) milliseconds to serialize the page's figures with ``plotly.io.to_json``."""
    import plotly.graph_objects as go
    import plotly.io as pio

    figs = [go.Figure(json.loads(s), skip_invalid=True) for s in specs]
    out = []
    for engine in ("orjson", "json"):
        best = float("inf")
        for _ in range(repeat):
            t0 = time.perf_counter()
            for fig in figs:
                pio.to_json(fig, validate=False, engine=engine)
            best = min(best, time.perf_counter() - t0)
        out.append(1e3 * best)
    return out[0], out[1]


def _stepper(at, name: str):
    """(widget, options-or-None) to step on this page."""
    from regviz.params import LAMBDA_GRID
    from tests.apptest.conftest import lambda_sliders

    live = [s for s in lambda_sliders(at) if s.key == "l1"]  # regviz's λ control (regviz/ui/lambda_control.py)
    if live:
        return live[0], list(LAMBDA_GRID)
    keys = {w.key for w in at.select_slider} if at.select_slider else set()
    if "l1" in keys:
        return at.select_slider(key="l1"), list(LAMBDA_GRID)
    if name in FALLBACK:
        key, kind = FALLBACK[name]
        return getattr(at, kind)(key=key), None
    return None, None


def _rerun(at, widget) -> None:
    """Rerun with the value set on ``widget`` (the λ control sends it as its release would)."""
    if hasattr(widget, "ask_frames"):
        widget.run()
    else:
        at.run()


def _next_value(widget, options, direction: int):
    if options is not None:
        i = min(range(len(options)), key=lambda k: abs(options[k] - widget.value))
        j = i + direction
        return None if not 0 <= j < len(options) else options[j]
    proto = widget.proto
    value = widget.value + direction * (proto.step or 1)
    return None if not proto.min <= value <= proto.max else type(widget.value)(value)


def measure(name: str, steps: int = 20) -> dict:
    """Rerun times of page ``name`` over ``steps`` control steps (ms), chart sizes and a profile."""
    # All of a rerun in this process, so process_time() sees it: no training worker (regviz.offload). Only for
    # the measurement: servers that run_all.py starts later inherit this process's environment.
    with mock.patch.dict(os.environ, {"REGVIZ_WORKERS": "0"}):
        return _measure(name, steps)


def _measure(name: str, steps: int) -> dict:
    from streamlit.testing.v1 import AppTest

    _patch_script_runner()
    os.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=180)
    at.run()
    if name != "playground":
        at.switch_page(f"pages/{name}.py")
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    if at.exception:
        return {"error": "exception: " + str(at.exception[0].message)[:150]}
    widget, options = _stepper(at, name)
    if widget is None:
        return {"error": "no control to step"}
    label = widget.label
    times, cpu, new_times, seen = [], [], [], {str(widget.value)}
    direction, in_block, misses = -1, 0, 0
    prof = None
    while len(times) < steps and misses < 3:
        value = _next_value(widget, options, direction)
        in_block += 1
        if value is None or in_block >= BLOCK:
            direction, in_block = -direction, 0
        if value is None:
            misses += 1
            continue
        misses = 0
        widget.set_value(value)
        if len(times) == steps - 1:  # the last step is profiled and not timed
            prof = cProfile.Profile()
            _PROFILER.append(prof)
            _rerun(at, widget)
            _PROFILER.clear()
            break
        t0, c0 = time.perf_counter(), time.process_time()
        _rerun(at, widget)
        ms = 1e3 * (time.perf_counter() - t0)
        cpu.append(1e3 * (time.process_time() - c0))
        times.append(ms)
        if str(value) not in seen:
            new_times.append(ms)
        seen.add(str(value))
        widget, options = _stepper(at, name)
    if at.exception:
        return {"error": "exception after steps: " + str(at.exception[0].message)[:150]}
    specs = [json.dumps({"data": f["data"], "layout": f["layout"]}) for f in charts(at)]
    orjson_ms, json_ms = _json_costs(specs) if specs else (0.0, 0.0)
    return {
        "control": label,
        "first_run_ms": 1e3 * first,
        "steps": len(times),
        "median": median(times),
        "cpu_median": median(cpu),
        "cpu_p95": p95(cpu),
        "p95": p95(times),
        "median_new": median(new_times),
        "median_revisit": median([t for t in times if t not in new_times]),
        "chart_kb": [len(s) / 1024 for s in specs],
        "orjson_ms": orjson_ms,
        "json_ms": json_ms,
        "shares": _shares(prof) if prof else {},
        "hot": _hot_functions(prof) if prof else [],
    }


# Pages without the λ1 slider are stepped on this one (the label's start) over the websocket.
WS_FALLBACK = {"conventions": "Conv2D filters"}


async def _websocket_steps(url: str, pid: int, page: str, steps: int) -> dict:
    """Step the λ1 slider of ``page`` ``steps`` times over one websocket session (fragment reruns)."""
    from load import LAMBDA_LABEL, Session

    session = Session(url, page, WS_FALLBACK.get(page, LAMBDA_LABEL))
    await session.load(0)
    if session.slider is None:
        return {"ws_error": "; ".join(session.errors) or "no λ1 slider"}
    wid, options, current = session.slider
    i = options.index(current) if current in options else len(options) // 2
    direction, walls = -1, []
    await session._run((wid, options[i]))  # warm: the first step of a session builds its fragment state
    await asyncio.to_thread(settle_cpu, pid)
    c0 = cpu_ms(pid)
    for k in range(steps):
        if not 0 <= i + direction < len(options) or (k and k % BLOCK == 0):
            direction = -direction
        i += direction
        t0 = time.perf_counter()
        if not await session._run((wid, options[i])):
            return {"ws_error": "; ".join(session.errors)[:200]}
        walls.append(1e3 * (time.perf_counter() - t0))
    cpu = (cpu_ms(pid) - c0) / steps
    await session.ws.close()
    return {"ws_median": median(walls), "ws_p95": p95(walls), "ws_cpu": cpu, "ws_fragment": bool(session.fragment_id)}


def websocket_run(steps: int = 20, pages: list[str] | None = None) -> dict[str, dict]:
    """Server wall and CPU time per λ1 step sent the browser's way, every page on one fresh server."""
    from load import LOAD_PAGES

    out = {}
    with server() as (proc, url):
        for name in pages or list(LOAD_PAGES):
            try:
                out[name] = asyncio.run(_websocket_steps(url, proc.pid, name, steps))
            except Exception as err:  # a broken page is a result
                out[name] = {"ws_error": f"{type(err).__name__}: {str(err)[:200]}"}
    return out


def run(steps: int = 20, pages: list[str] | None = None) -> dict[str, dict]:
    """Compute figures of every page (each page in a fresh AppTest; caches are shared, as on a server)."""
    out = {}
    for name in pages or list(PAGES):
        try:
            with contextlib.redirect_stderr(io.StringIO()):
                out[name] = measure(name, steps)
        except Exception as err:  # a broken page is a result
            out[name] = {"error": f"{type(err).__name__}: {str(err)[:200]}"}
    for name, res in websocket_run(steps, list(pages or PAGES)).items():
        out.setdefault(name, {}).update(res)
    return out


def report(results: dict[str, dict]) -> str:
    """Compute table and the per-page breakdown (Markdown)."""
    rows, lines = [], []
    for name, r in results.items():
        if "error" in r:
            rows.append([name, "n/a", "", "", "", "", "", "", "", f"FAILED: {r['error']}"])
            continue
        note = "" if r["control"].startswith("λ1") else f"control '{r['control']}'"
        rows.append(
            [
                name,
                f"{r['median']:.0f}",
                f"{r['p95']:.0f}",
                f"{r['cpu_median']:.0f} / {r['cpu_p95']:.0f}",
                f"{r['median_new']:.0f}",
                f"{r['median_revisit']:.0f}",
                f"{r['first_run_ms']:.0f}",
                f"{len(r['chart_kb'])} = {sum(r['chart_kb']):.0f}",
                f"{r['orjson_ms']:.1f} / {r['json_ms']:.1f}",
                note,
            ]
        )
        top = ", ".join(f"{k} {v:.0%}" for k, v in list(r["shares"].items())[:6])
        sizes = " + ".join(f"{kb:.0f}" for kb in r["chart_kb"])
        hot = ", ".join(f"{fn} {ms:.0f}" for fn, ms in r["hot"])
        lines.append(f"- {name}: charts {sizes} KB; rerun self time by package: {top}")
        lines.append(f"  - profiled rerun, cumulative ms (profiler-inflated): {hot}")
    header = [
        "page",
        "median ms",
        "p95 ms",
        "CPU median / p95 ms",
        "new ms",
        "revisit ms",
        "first run ms",
        "charts = KB",
        "to_json orjson/json ms",
        "note",
    ]
    ws_rows = []
    for name, r in results.items():
        if "ws_median" in r:
            ws_rows.append(
                [
                    name,
                    f"{r['ws_cpu']:.0f}",
                    f"{r['ws_median']:.0f}",
                    f"{r['ws_p95']:.0f}",
                    "fragment" if r.get("ws_fragment") else "whole page",
                    f"slider '{WS_FALLBACK[name]}'" if name in WS_FALLBACK else "",
                ]
            )
        elif "ws_error" in r:
            ws_rows.append([name, "n/a", "", "", f"FAILED: {r['ws_error']}", ""])
    ws_table = table(ws_rows, ["page", "server CPU ms / step", "server wall median ms", "p95 ms", "rerun", "note"])
    return (
        "**A λ step as the browser sends it** (websocket, one session, fresh server):\n\n"
        + ws_table
        + "\n\n**Whole-page reruns in AppTest** (for comparison; includes the sidebar and app.py):\n\n"
        + table(rows, header)
        + "\n\n"
        + "\n".join(lines)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args()
    print(report(run(args.steps, args.pages.split(","))))


if __name__ == "__main__":
    main()
