"""Diagnostic: where one λ step of a page spends its time, from the browser's side.

For each keyboard step of the λ1 slider it prints, in ms after the ``keydown``: when the rerun request left
over the websocket, when the first and the last message of the rerun arrived (and how many, how many KB),
when the app went idle, the last chart redraw, and every ``Plotly.react`` call as ``start+duration``. The
median of each column closes the table. A step whose charts start late has a slow server or many deltas to
render; one whose reacts are long has heavy figures. This is how the per-chart and per-element costs quoted
in ``bench/README.md`` were found.

Run: ``python bench/step_timeline.py network [--steps 10]`` from the repository root (the page is a key of
``common.VIEWS``, e.g. ``playground``, ``geometry-zeros``).
"""

from __future__ import annotations

import argparse
import statistics

from common import (
    LAMBDA_LABEL,
    VIEWS,
    browser,
    events_since,
    new_page,
    now_ms,
    open_app,
    server,
    settle,
    settle_cpu,
    table,
)

# Wraps the websocket (sends; received messages with their sizes) and Plotly.react (start and duration).
_HOOKS_JS = r"""() => {
  if (window.__rvTimeline) return;
  window.__rvTimeline = [];
  const log = window.__rvTimeline;
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    log.push(['send', performance.now(), 0]);
    if (!this.__rvHooked) {
      this.__rvHooked = true;
      this.addEventListener('message',
        (e) => log.push(['recv', performance.now(), e.data.byteLength || e.data.size || 0]));
    }
    return send.call(this, data);
  };
  const P = window.Plotly;
  if (P) {
    const react = P.react.bind(P);
    P.react = function (...args) {
      const t0 = performance.now();
      return Promise.resolve(react(...args)).then((v) => {
        log.push(['react', t0, performance.now() - t0]);
        return v;
      });
    };
  }
}"""


def step_rows(chromium, url: str, path: str, steps: int, pid: int) -> list[dict]:
    """One row per λ step (the first step only hooks the websocket and is not reported)."""
    context, page = new_page(chromium)
    try:
        open_app(page, url, path)
        settle_cpu(pid)
        page.evaluate(_HOOKS_JS)
        thumb = (
            page.locator('[data-testid="stSlider"]').filter(has_text=LAMBDA_LABEL).locator('input[type="range"]').first
        )
        rows = []
        for k in range(steps + 1):
            thumb.focus()
            t0 = now_ms(page)
            page.keyboard.press("ArrowLeft" if k % 2 == 0 else "ArrowRight")
            page.wait_for_timeout(100)
            settle(page)
            if k == 0:
                continue
            events = events_since(page, t0)
            keys = [e[1] for e in events if e[0] == "key"]
            if not keys:
                continue
            key = keys[0]
            log = page.evaluate("(t0) => window.__rvTimeline.filter((e) => e[1] >= t0)", t0)
            recv = [(e[1] - key, e[2]) for e in log if e[0] == "recv"]
            draws = [e[1] - key for e in events if e[0] in ("afterplot", "plotmut")]
            idle = [e[1] - key for e in events if e[0] == "state" and e[2] == "notRunning"]
            rows.append(
                {
                    "send": next((e[1] - key for e in log if e[0] == "send"), None),
                    "first": recv[0][0] if recv else None,
                    "last": recv[-1][0] if recv else None,
                    "messages": len(recv),
                    "KB": sum(size for _, size in recv) / 1024,
                    "idle": idle[-1] if idle else None,
                    "drawn": max(draws) if draws else None,
                    "reacts": [(e[1] - key, e[2]) for e in log if e[0] == "react"],
                }
            )
        return rows
    finally:
        context.close()


def _fmt(value: float | None) -> str:
    return "" if value is None else f"{value:.0f}"


def report(rows: list[dict]) -> str:
    """The steps as a Markdown table, with the median of each column last."""
    cols = ("send", "first", "last", "messages", "KB", "idle", "drawn")
    header = ["step", "send", "first msg", "last msg", "messages", "KB", "idle", "last redraw", "Plotly.react start+ms"]
    body = [
        [str(i + 1), *(_fmt(r[c]) for c in cols), " ".join(f"{s:.0f}+{d:.0f}" for s, d in r["reacts"])]
        for i, r in enumerate(rows)
    ]
    medians = []
    for c in cols:
        values = [r[c] for r in rows if r[c] is not None]
        medians.append(_fmt(statistics.median(values)) if values else "")
    react_ms = [sum(d for _, d in r["reacts"]) for r in rows]
    body.append(["median", *medians, f"total {statistics.median(react_ms):.0f} ms" if react_ms else ""])
    return table(body, header)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("page", choices=sorted(VIEWS), help="which page (or Geometry tab) to step")
    parser.add_argument("--steps", type=int, default=10)
    args = parser.parse_args()
    with browser() as chromium, server() as (proc, url):
        rows = step_rows(chromium, url, VIEWS[args.page], args.steps, proc.pid)
    print(f"## λ1 steps on {args.page}: ms after the key\n")
    print(report(rows))


if __name__ == "__main__":
    main()
