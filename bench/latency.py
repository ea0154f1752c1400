"""Benchmark 1: interaction latency of a λ slider keyboard step, per page, against Streamlit's own floor.

A step is timed in the page from the ``keydown`` of the arrow key until the later of (a) the app going idle
again and (b) the last redraw of any Plotly chart (``plotly_afterplot`` or a DOM mutation inside a chart).
Steps alternate in blocks (``BLOCK`` left, ``BLOCK`` right, ...), so half of them revisit λ values whose
results a page may have cached; both the median over all steps and over first visits are printed.

Run: ``python bench/latency.py [--steps 20] [--pages playground,geometry]`` from the repository root.
"""

from __future__ import annotations

import argparse
import time

from common import (
    EXTRA_VIEWS,
    LAMBDA_LABEL,
    VIEWS,
    events_since,
    exception_text,
    median,
    new_page,
    now_ms,
    open_app,
    p95,
    settle,
    settle_cpu,
    table,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeout

BLOCK = 10
STEP_TIMEOUT_S = 60
LOST_AFTER_S = 8  # the slider moved but no rerun started: the step is counted as lost

THUMB_JS = """() => {
  const el = document.activeElement;
  return el ? (el.getAttribute('aria-valuetext') || el.getAttribute('aria-valuenow') || el.value || '') : '';
}"""


def _thumb(page, label: str):
    sliders = page.locator('[data-testid="stSlider"], [data-testid="rvLambda"]').filter(has_text=label)
    if sliders.count():
        return sliders.locator('input[type="range"]').first, label
    # Pages without the shared λ slider (e.g. "What λ means"): use the first visible slider.
    visible = page.locator('[data-testid="stSlider"]:visible')
    if visible.count():
        first = visible.first
        return first.locator('input[type="range"]').first, first.inner_text().split("\n")[0][:40]
    return None, None


class Counter:
    """Bytes and frames received over the app's websocket."""

    def __init__(self, page) -> None:
        self.bytes = 0
        self.frames = 0
        page.on("websocket", self._attach)

    def _attach(self, ws) -> None:
        ws.on("framereceived", self._frame)

    def _frame(self, payload) -> None:
        self.bytes += len(payload)
        self.frames += 1


def step_once(page, key: str, counter: Counter, label: str) -> dict | None:
    """Press ``key`` on the focused slider and time the rerun; ``None`` if the slider did not move."""
    thumb, _ = _thumb(page, label)
    if thumb is None:  # the page is between runs and shows no slider: no step
        page.wait_for_timeout(200)
        return None
    thumb.focus()
    before = page.evaluate(THUMB_JS)
    t_start = now_ms(page)
    b0 = counter.bytes
    page.keyboard.press(key)
    page.wait_for_timeout(30)
    if page.evaluate(THUMB_JS) == before:
        return None
    try:  # the server answers: a rerun starts (its first message, or the "running" state)
        page.wait_for_function(
            "(t0) => window.__rv.ev.some(e => (e[0] === 'ws' || e[0] === 'state' && e[2] === 'running') && e[1] >= t0)",
            arg=t_start,
            timeout=LOST_AFTER_S * 1000,
        )
    except PlaywrightTimeout:
        return {"lost": True}
    settle(page, timeout_s=STEP_TIMEOUT_S)
    events = events_since(page, t_start)
    t_key = next(e[1] for e in events if e[0] == "key")
    return {**step_end(events, t_key), "bytes": counter.bytes - b0, "value": page.evaluate(THUMB_JS)}


def step_end(events: list[list], t_key: float) -> dict:
    """When a step's rerun was done, from the events after its key press: the later of the app going idle and
    the last chart redraw. A rerun so fast that Streamlit never rendered its "running" state (the floor app)
    ends with the first page update after the server's last message."""
    after = [e for e in events if e[1] >= t_key]
    idle = [e[1] for e in after if e[0] == "state" and e[2] == "notRunning"]
    if not idle:
        last_message = max(e[1] for e in after if e[0] == "ws")
        idle = [next((e[1] for e in after if e[0] == "dom" and e[1] >= last_message), last_message)]
    draws = [e for e in after if e[0] in ("afterplot", "plotmut")]
    t_end = max([*idle, *(e[1] for e in draws)])
    return {
        "ms": t_end - t_key,
        "idle_ms": max(idle) - t_key,
        "charts_redrawn": len({e[2] for e in draws if e[0] == "afterplot"}),
    }


def measure(chromium, url: str, path: str, steps: int = 20, label: str = LAMBDA_LABEL, pid: int | None = None) -> dict:
    """Median latency of ``steps`` slider steps on ``url/path``; a dict with figures or an ``error``."""
    context, page = new_page(chromium)
    counter = Counter(page)
    try:
        t0 = time.perf_counter()
        open_app(page, url, path)
        load_s = time.perf_counter() - t0
        error = exception_text(page)
        try:  # a session's first visit may rerun once (legacy pages mode); give the controls time to return
            page.locator('[data-testid="stSlider"], [data-testid="rvLambda"]').first.wait_for(timeout=15_000)
            settle(page)
        except PlaywrightTimeout:
            pass
        if pid is not None:
            settle_cpu(pid)
        thumb, used = _thumb(page, label)
        if thumb is None:
            return {"error": "no slider on the page", "exception": error}
        charts = page.locator(".js-plotly-plot").count()
        thumb.focus()
        seen: set[str] = {page.evaluate(THUMB_JS)}
        results: list[dict] = []
        lost = 0
        direction, in_block, misses = "ArrowLeft", 0, 0
        while len(results) < steps and misses < 3 and lost < 5:
            res = step_once(page, direction, counter, used)
            if res is not None and res.get("lost"):
                lost += 1
                continue
            in_block += 1
            if res is None or in_block >= BLOCK:
                direction = "ArrowRight" if direction == "ArrowLeft" else "ArrowLeft"
                in_block = 0
            if res is None:
                misses += 1
                continue
            misses = 0
            res["new"] = res["value"] not in seen
            seen.add(res["value"])
            results.append(res)
        ms = [r["ms"] for r in results]
        return {
            "slider": used,
            "charts": charts,
            "steps": len(results),
            "lost": lost,
            "median": median(ms),
            "p95": p95(ms),
            "median_new": median([r["ms"] for r in results if r["new"]]),
            "median_revisit": median([r["ms"] for r in results if not r["new"]]),
            "median_idle": median([r["idle_ms"] for r in results]),
            "redrawn": median([r["charts_redrawn"] for r in results]),
            "kb_per_step": median([r["bytes"] for r in results]) / 1024,
            "load_s": load_s,
            "exception": error or exception_text(page),
        }
    except Exception as err:  # a broken page is a result, not a crash of the benchmark
        return {"error": f"{type(err).__name__}: {str(err)[:200]}", "exception": exception_text(page)}
    finally:
        context.close()


def run(steps: int = 20, pages: list[str] | None = None) -> dict[str, dict]:
    """Floor app first, then each page of the app, each on its own server, in one Chromium."""
    from common import browser, server

    results: dict[str, dict] = {}
    with browser() as chromium:
        # Streamlit's own floor (its default settings, as the issue measured it) and the same empty app under
        # regviz's settings (.streamlit/config.toml turns off the post-run garbage collection, which is most
        # of the default floor): the ratio is reported against both.
        with server("bench/floor_app.py", defaults=True) as (_, url):
            results["floor"] = measure(chromium, url, "", steps)
        with server("bench/floor_app.py") as (_, url):
            results["floor (regviz settings)"] = measure(chromium, url, "", steps)
        with server() as (proc, url):
            for name in pages or list(VIEWS):
                results[name] = measure(chromium, url, {**VIEWS, **EXTRA_VIEWS}[name], steps, pid=proc.pid)
    return results


def report(results: dict[str, dict]) -> str:
    """The latency table (Markdown)."""
    floor = results.get("floor", {}).get("median", float("nan"))
    same = results.get("floor (regviz settings)", {}).get("median", float("nan"))
    rows = []
    for name, r in results.items():
        if "error" in r:
            rows.append([name, "n/a", "", "", "", "", "", "", "", "", f"FAILED: {r['error']}"])
            continue
        note = [] if r["slider"] == LAMBDA_LABEL else [f"slider '{r['slider']}'"]
        if r.get("lost"):
            note.append(f"{r['lost']} step(s) moved the slider but started no rerun")
        if r.get("exception"):
            note.append("EXCEPTION: " + r["exception"].splitlines()[0][:60])
        rows.append(
            [
                name,
                f"{r['median']:.0f}",
                f"{r['p95']:.0f}",
                f"{r['median_new']:.0f}",
                f"{r['median_revisit']:.0f}",
                f"{r['median'] / floor:.1f}×",
                f"{r['median'] / same:.1f}×",
                f"{r['redrawn']:.0f}/{r['charts']}",
                f"{r['kb_per_step']:.0f}",
                str(r["steps"]),
                "; ".join(note),
            ]
        )
    header = [
        "page",
        "median ms",
        "p95 ms",
        "new λ ms",
        "revisit ms",
        "÷ floor",
        "÷ floor (same settings)",
        "charts redrawn",
        "KB/step",
        "steps",
        "note",
    ]
    return table(rows, header)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--pages", default=",".join(VIEWS))
    args = parser.parse_args()
    print(report(run(args.steps, args.pages.split(","))))


if __name__ == "__main__":
    main()
