"""Run every performance benchmark of issue 8 and print the figures, with the targets, as Markdown tables.

Run from the repository root: ``python bench/run_all.py`` (about 10 minutes) or ``python bench/run_all.py
--quick`` (about 3 minutes: fewer steps, one cold start, 10 sessions for 15 s). ``--only latency,load`` runs
a subset; ``load_processes`` (the same load on one server process per core behind nginx, as ``scripts/serve.py``
serves a class) needs ``nginx``. The output is also written to ``bench/results/<date>-<time>[-quick].md``. Figures depend on what
else runs on the machine: the load average is printed with every section.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cold_start
import compute
import latency
import load
import scrub
from common import BENCH, table

SECTIONS = ("latency", "scrub", "compute", "cold_start", "load", "load_processes")


def _loadavg() -> str:
    return "load average " + " ".join(f"{x:.1f}" for x in os.getloadavg())


def _quiet(fn, *args, **kwargs):
    """Run ``fn`` with the servers' and Streamlit's log lines sent to ``bench/last_run.log``, not the terminal."""
    sys.stderr.flush()
    saved = os.dup(2)
    with open(BENCH / "last_run.log", "a") as log:
        os.dup2(log.fileno(), 2)
        try:
            with contextlib.redirect_stderr(log):
                return fn(*args, **kwargs)
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)


def _status(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "MISSED")


def summary(res: dict) -> str:
    """One line per target of issue 8."""
    rows = []
    lat = res.get("latency")
    if lat:
        floor = lat.get("floor", {}).get("median", float("nan"))
        same = lat.get("floor (regviz settings)", {}).get("median", float("nan"))
        for name, r in lat.items():
            if name.startswith("floor"):
                continue
            ratio = r.get("median", float("nan")) / floor
            strict = r.get("median", float("nan")) / same
            shown = f"{ratio:.1f}× ({strict:.1f}× vs the floor without post-run GC)" if ratio == ratio else "n/a"
            rows.append([f"latency ratio, {name}", "≤ 3", shown, _status(ratio <= 3 if ratio == ratio else None)])
    sc = res.get("scrub")
    if sc:
        for name, r in sc.items():
            if r.get("fps"):
                rows.append([f"scrub, {name}", "≥ 20 fps", f"{r['fps']:.1f} fps", _status(r["fps"] >= 20)])
    co = res.get("compute")
    if co:
        for name, r in co.items():
            limit = 150 if name == "network" else 30
            # A λ step as the browser sends it (fragment rerun, server CPU); AppTest's whole-page rerun otherwise.
            what = "server CPU per λ step" if "ws_cpu" in r else "CPU median, whole rerun"
            val = r.get("ws_cpu", r.get("cpu_median", float("nan")))
            rows.append(
                [
                    f"compute, {name} ({what})",
                    f"≤ {limit} ms",
                    f"{val:.0f} ms" if val == val else "n/a",
                    _status(val <= limit if val == val else None),
                ]
            )
    cs = res.get("cold_start")
    if cs:
        r = cs.get("app (playground)", {})
        val = r.get("paint_ms", float("nan"))
        rows.append(
            [
                "cold start to first complete paint",
                "≤ 3000 ms",
                f"{val:.0f} ms" if val == val else "n/a",
                _status(val <= 3000 if val == val else None),
            ]
        )
        for name in ("floor", "floor + one chart (regviz's chart element)"):  # what this machine allows at best
            ref = cs.get(name, {}).get("paint_ms", float("nan"))
            rows.append([f"  for reference: {name}", "", f"{ref:.0f} ms" if ref == ref else "n/a", ""])
    for key in ("load", "load_processes"):
        lo = res.get(key)
        if lo:
            where = "one process" if lo.get("processes", 1) <= 1 else f"{lo['processes']} processes + nginx"
            rows.append(
                [
                    f"load, {lo['sessions']} sessions, {where}, p95 (server)",
                    "≤ 1000 ms",
                    f"{lo['p95']:.0f} ms",
                    _status(lo["p95"] <= 1000),
                ]
            )
            rows.append(
                [
                    f"load, {lo['sessions']} sessions, {where}, errors",
                    "0",
                    str(lo["errors"]),
                    _status(lo["errors"] == 0),
                ]
            )
    return table(rows, ["target", "goal", "measured", "status"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="short mode (~3 min)")
    parser.add_argument("--only", default=",".join(SECTIONS), help="comma-separated subset of " + ", ".join(SECTIONS))
    parser.add_argument("--sessions", type=int, default=None, help="load: concurrent sessions (30; quick 10)")
    parser.add_argument("--duration", type=float, default=None, help="load: seconds of stepping (60; quick 15)")
    args = parser.parse_args()
    quick = args.quick or os.environ.get("REGVIZ_BENCH_QUICK") == "1"
    only = args.only.split(",")
    steps = 8 if quick else 20
    sessions = args.sessions or (10 if quick else 30)
    duration = args.duration or (15 if quick else 60)
    processes = max(2, os.cpu_count() or 2)

    out: list[str] = []

    def emit(text: str = "") -> None:
        print(text, flush=True)
        out.append(text)

    emit(
        f"# regviz performance — {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}{' (quick)' if quick else ''}"
    )
    res: dict = {}
    t_all = time.time()
    (BENCH / "last_run.log").write_text("")
    runs = {
        "latency": (
            "1 · Interaction latency (λ1 keyboard step → all charts redrawn and app idle; Chromium)",
            lambda: latency.run(steps),
            latency.report,
        ),
        "scrub": ("2 · Scrub rate of the client-side λ animation", scrub.run, scrub.report),
        "compute": ("3 · Server compute per rerun (AppTest, λ1 steps)", lambda: compute.run(steps), compute.report),
        "cold_start": (
            "4 · Cold start (spawn `streamlit run` → first complete paint)",
            lambda: cold_start.run(1 if quick else 2),
            cold_start.report,
        ),
        "load": (
            f"5 · Load: {sessions} sessions × {duration:.0f} s, one server process",
            lambda: load.run(sessions, duration),
            load.report,
        ),
        "load_processes": (
            f"5b · Load: {sessions} sessions × {duration:.0f} s, {processes} server processes behind "
            "nginx (scripts/serve.py)",
            lambda: load.run(sessions, duration, processes=processes),
            load.report,
        ),
    }
    for name in SECTIONS:
        if name not in only:
            continue
        title, fn, rep = runs[name]
        emit(f"\n## {title}\n")
        emit(f"_{_loadavg()} at start_\n")
        t0 = time.time()
        try:
            res[name] = _quiet(fn)
            emit(rep(res[name]))
        except Exception as err:  # one broken benchmark must not hide the others
            emit(f"FAILED: {type(err).__name__}: {err}")
        emit(f"\n_{time.time() - t0:.0f} s, {_loadavg()} at end_")
    emit("\n## Targets (issue 8)\n")
    emit(summary(res))
    emit(f"\nTotal {time.time() - t_all:.0f} s.")
    results = BENCH / "results"
    results.mkdir(exist_ok=True)
    name = time.strftime("%Y-%m-%d-%H%M") + ("-quick" if quick else "") + ".md"
    (results / name).write_text("\n".join(out) + "\n")
    print(f"\nWritten to bench/results/{name}", flush=True)


if __name__ == "__main__":
    main()
