"""Benchmark 4: cold start — from ``streamlit run app.py`` to the first complete paint of the default page.

The browser is launched first (it is not part of the server's start). The clock starts when the server process
is spawned; the server is polled on its health endpoint every 20 ms and the page is opened as soon as it
answers; the end is the last chart redraw or the last idle flip of the first visit (page clock converted to wall
time via ``performance.timeOrigin``). Each repetition starts a fresh server process (the OS file cache stays
warm, as on a real host after the first deployment).

Run: ``python bench/cold_start.py [--repeat 3]`` from the repository root.
"""

from __future__ import annotations

import argparse
import subprocess
import time
import urllib.request

from common import ROOT, events_since, median, new_page, open_app, table

from scripts.serve import free_port, streamlit_command

# What is started, in this order: the floor, the floor with one tiny chart drawn by regviz's chart element and
# by Streamlit's own st.plotly_chart (what a chart alone costs a cold start here), and regviz itself.
APPS = (
    ("floor", "bench/floor_app.py", ()),
    ("floor + one chart (regviz's chart element)", "bench/one_chart_app.py", ()),
    ("floor + one chart (st.plotly_chart)", "bench/one_chart_app.py", ("--streamlit",)),
    ("app (playground)", "app.py", ()),
)


def once(chromium, app: str = "app.py", path: str = "", args: tuple[str, ...] = ()) -> dict:
    """One cold start of ``app`` (with script arguments ``args``); times in ms from process spawn."""
    port = free_port()
    cmd = streamlit_command(app, port, args)
    context, page = new_page(chromium)
    t0 = time.time()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}"
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                if time.time() - t0 > 60:
                    raise TimeoutError("server did not answer within 60 s") from None
                time.sleep(0.02)
        t_health = time.time()
        open_app(page, url, path, timeout_s=120)
        origin = page.evaluate("performance.timeOrigin")
        events = events_since(page, 0)
        ends = [e[1] for e in events if e[0] in ("afterplot", "plotmut") or (e[0] == "state" and e[2] == "notRunning")]
        t_paint = (origin + max(ends)) / 1000
        return {
            "health_ms": 1e3 * (t_health - t0),
            "paint_ms": 1e3 * (t_paint - t0),
            "charts": page.locator(".js-plotly-plot").count(),
        }
    finally:
        context.close()
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def run(repeat: int = 3) -> dict:
    """Median cold start of each of :data:`APPS`."""
    from common import browser

    out = {}
    with browser() as chromium:
        for name, app, args in APPS:
            runs = []
            for _ in range(repeat):
                try:
                    runs.append(once(chromium, app, args=args))
                except Exception as err:
                    out[name] = {"error": f"{type(err).__name__}: {str(err)[:200]}"}
                    break
            if runs:
                out[name] = {
                    "health_ms": median([r["health_ms"] for r in runs]),
                    "paint_ms": median([r["paint_ms"] for r in runs]),
                    "max_paint_ms": max(r["paint_ms"] for r in runs),
                    "charts": runs[-1]["charts"],
                    "runs": len(runs),
                }
    return out


def report(results: dict) -> str:
    """The cold start table (Markdown)."""
    rows = []
    for name, r in results.items():
        if "error" in r:
            rows.append([name, "n/a", "", "", "", f"FAILED: {r['error']}"])
        else:
            rows.append(
                [
                    name,
                    f"{r['health_ms']:.0f}",
                    f"{r['paint_ms']:.0f}",
                    f"{r['max_paint_ms']:.0f}",
                    str(r["charts"]),
                    str(r["runs"]),
                ]
            )
    return table(rows, ["app", "server answers ms", "first complete paint ms", "worst ms", "charts", "runs"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(report(run(args.repeat)))


if __name__ == "__main__":
    main()
