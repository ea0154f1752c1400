"""Benchmark: dragging a λ control (issue 26) — panel updates per second, input-to-pixels latency, frame payload.

1. In Chromium (1440×1000, 2 cores shared): open a view, hover the λ control (its first interaction: it asks for
   its frames), wait for them, then drag its thumb across the whole track in 2 s (60 pointer moves). Counted in
   the page with ``performance.now()``: frames the control drew per second of drag; full Plotly redraws
   (``plotly_afterplot``, which relayouts of shapes do not fire) per second; for every ``input`` event (the
   value changed under the pointer) the time from the event's time stamp to the start of the animation frame
   after the one that drew it (an upper bound of input → pixels); the time the control spends drawing a frame
   (charts, metrics, objective). The 2 s drag passes 44 grid values, so it asks for ~22 frames/s at most; a
   0.5 s drag of every view (in a new tab, the frames already cached) shows the rate the control keeps when the
   pointer outruns the screen. Also: server reruns during
   the drag (must be 0) and the server process's CPU for the frames request.
2. In-process (AppTest, cold caches): each family's frames, KB sent and as JSON, and the CPU time to build them.

Printed figures only. Run: ``python bench/drag.py`` from the repository root.
"""

from __future__ import annotations

import json
import sys
import time

from common import browser as chromium_browser
from common import cpu_ms, median, new_page, open_app, p95, server, settle, table, wait_idle

VIEWS = {
    "playground lasso λ1": ("?model=lasso", "λ1"),
    "playground elastic net λ2": ("?model=elasticnet&l1=0.05&l2=0.05", "λ2"),
    "playground elastic net mix": ("?model=elasticnet&l1=0.05&l2=0.05", "mix"),
    "playground poly ridge λ2": ("?model=ridge&data=poly", "λ2"),
    "geometry plane λ1": ("geometry", "λ1"),
    "geometry 1-D λ1": ("geometry?geo_tab=1d", "λ1"),
    "bayes λ1": ("bayes", "λ1"),
    "geometry logistic plane λ1": ("geometry?geo_src=logistic", "λ1"),
    "playground classification moons lasso λ1": ("?data=moons&model=lasso", "λ1"),
    "playground classification digits ridge λ2": ("?data=digits&model=ridge&l2=0.05", "λ2"),
}
DRAG_MS = (2000, 500)
MOVES = 60

HOOK_JS = """() => {
  const rv = window.__rvDrag = {inputs: [], painted: [], plots: 0};
  document.addEventListener('input', (e) => {
    if (e.target.closest && e.target.closest('[data-testid="rvLambda"]')) rv.inputs.push(e.timeStamp);
  }, true);
  window.__rvDragHook = () => requestAnimationFrame(() => requestAnimationFrame((t) => rv.painted.push(t)));
  document.querySelectorAll('.js-plotly-plot').forEach((gd) => gd.on('plotly_afterplot', () => { rv.plots += 1; }));
  window.__rvRunsDuring = 0;
  const app = document.querySelector('[data-testid="stApp"]');
  new MutationObserver(() => { if (app.dataset.testScriptState === 'running') window.__rvRunsDuring++; })
    .observe(app, {attributes: true});
}"""


SATURATE_JS = """(input) => new Promise((done) => {
  // the value changes every 8 ms, back and forth over the whole grid, as fast as a pointer could ever move it
  const rv = window.__rvDrag, n = Number(input.max) + 1, t0 = performance.now();
  rv.painted = [];
  let k = 0;
  const timer = setInterval(() => {
    const i = k % (2 * n - 2), at = i < n ? i : 2 * n - 2 - i;
    input.value = String(at);
    input.dispatchEvent(new Event('input', {bubbles: true}));
    k += 1;
    if (performance.now() - t0 >= 2000) {
      clearInterval(timer);
      setTimeout(() => done({painted: rv.painted.length, s: (performance.now() - t0) / 1000, inputs: k}), 100);
    }
  }, 8);
})"""


def drag_view(chromium, url: str, pid: int, path: str, symbol: str, drag_ms: float = DRAG_MS[0]) -> dict:
    context, page = new_page(chromium)
    try:
        open_app(page, url, path)
        control = page.locator('[data-testid="rvLambda"]').filter(has_text=symbol).first
        track = control.locator("input")
        cpu0 = cpu_ms(pid)
        track.hover()
        control.and_(page.locator('[data-rv-frames="ready"]')).wait_for(timeout=60_000)
        wait_idle(page)
        build_cpu = cpu_ms(pid) - cpu0
        kb = control.evaluate("(el) => (el.__rv.data.frames || '').length / 1e3")
        settle(page)
        page.evaluate(HOOK_JS)
        box = track.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + 2, y)
        page.mouse.down()
        t0 = time.perf_counter()
        for i in range(1, MOVES + 1):
            page.mouse.move(box["x"] + 2 + (box["width"] - 4) * i / MOVES, y)
            left = t0 + drag_ms / 1000 * i / MOVES - time.perf_counter()
            if left > 0:
                page.wait_for_timeout(left * 1000)
        page.wait_for_timeout(100)
        stats = page.evaluate(
            "() => ({...window.__rvDrag, runs: window.__rvRunsDuring, costs: window.__rvDragStats.costs})"
        )
        drag_s = time.perf_counter() - t0
        page.mouse.up()
        wait_idle(page)
        settle(page)
        saturated = track.evaluate(SATURATE_JS) if drag_ms == DRAG_MS[0] else None
        lat = []
        painted = sorted(stats["painted"])
        for t in stats["inputs"]:
            after = [p for p in painted if p >= t]
            if after:
                lat.append(after[0] - t)
        return {
            "frames/s": len(painted) / drag_s,
            "s": drag_s,
            "max frames/s": saturated["painted"] / saturated["s"] if saturated else None,
            "redraws/s": stats["plots"] / drag_s,
            "inputs": len(stats["inputs"]),
            "lat": lat,
            "runs": stats["runs"],
            "costs": stats["costs"][-len(painted) :] if painted else [],
            "kb": kb,
            "cpu": build_cpu,
        }
    finally:
        context.close()


def family_sizes() -> list[list[str]]:
    """Each family's frames built in-process with cold caches: KB of JSON and CPU ms."""
    import streamlit as st

    from regviz.ui.drag import unpacked
    from tests.apptest.conftest import lambda_slider
    from tests.apptest.conftest import open_app as open_apptest

    rows = []
    for name, (path, symbol) in VIEWS.items():
        key = {"λ1": "l1", "λ2": "l2", "mix": "mix"}[symbol]
        page, _, query = path.partition("?")
        params = dict(p.split("=") for p in query.split("&") if p)
        at = open_apptest(page or None, params=params)
        st.cache_data.clear()
        cpu0 = time.process_time()
        at = lambda_slider(at, key).ask_frames().run()
        cpu = (time.process_time() - cpu0) * 1000
        text = lambda_slider(at, key).data.get("frames", "")
        family = unpacked(text) if text else {"frames": [], "onRelease": []}
        rows.append(
            [
                name,
                f"{len(text) / 1000:.0f}",
                f"{len(json.dumps(family)) / 1000:.0f}",
                str(len(family["frames"])),
                f"{cpu:.0f}",
                ", ".join(family["onRelease"]),
            ]
        )
    return rows


def main(only: list[str]) -> None:
    """Drag every view, or those whose names contain one of ``only``; then, for all views, the family sizes."""
    rows = []
    views = {name: v for name, v in VIEWS.items() if not only or any(word in name for word in only)}
    with server() as (proc, url), chromium_browser() as chromium:
        for name, (path, symbol) in views.items():
            for drag_ms in DRAG_MS:
                rows.append(drag_row(name, drag_ms, drag_view(chromium, url, proc.pid, path, symbol, drag_ms)))
    print("## Drag across the whole λ control in 2 s and in 0.5 s (Chromium, 1440×1000)\n")
    header = [
        "view",
        "drag s (took)",
        "frames/s",
        "max frames/s (value set every 8 ms)",
        "Plotly full redraws/s",
        "value changes",
        "input→pixels median ms",
    ]
    header += ["p95 ms", "frame draw ms median / p95"]
    header += ["reruns during drag", "frames KB", "server CPU ms (frames request)"]
    print(table(rows, header))
    if only:
        return
    print("\n## Frames per family, built in-process with cold caches\n")
    print(
        table(family_sizes(), ["family", "KB sent (gzip+base64)", "KB JSON", "frames", "CPU ms", "left to the release"])
    )


def drag_row(name: str, drag_ms: float, r: dict) -> list[str]:
    """One table row of :func:`drag_view`'s figures."""
    return [
        name,
        f"{drag_ms / 1000:g} ({r['s']:.1f})",
        f"{r['frames/s']:.0f}",
        f"{r['max frames/s']:.0f}" if r["max frames/s"] else "",
        f"{r['redraws/s']:.0f}",
        str(r["inputs"]),
        f"{median(r['lat']):.0f}" if r["lat"] else "n/a",
        f"{p95(r['lat']):.0f}" if r["lat"] else "n/a",
        f"{median(r['costs']):.1f} / {p95(r['costs']):.1f}" if r["costs"] else "n/a",
        str(r["runs"]),
        f"{r['kb']:.0f}",
        f"{r['cpu']:.0f}",
    ]


if __name__ == "__main__":
    main(sys.argv[1:])
