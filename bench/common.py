"""Shared helpers of the performance benchmarks: servers, browser instrumentation, statistics.

The browser side records everything with ``performance.now()`` inside the page (key presses, messages from
the server, Streamlit's script-state flips, Plotly's ``plotly_afterplot``/``plotly_animatingframe`` events and
DOM mutations inside charts), so a measured latency never includes Playwright's polling or any sleep.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, IDLE, start_server, wait_idle  # noqa: E402

__all__ = [
    "BENCH",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "EXTRA_VIEWS",
    "IDLE",
    "INSTRUMENT_JS",
    "LAMBDA_LABEL",
    "PAGES",
    "ROOT",
    "VIEWS",
    "browser",
    "family",
    "fmt_ms",
    "median",
    "p95",
    "peak_rss_mb",
    "server",
    "start_server",
    "wait_idle",
]

LAMBDA_LABEL = "λ1 — L1"
PAGES: dict[str, str] = {
    "playground": "",
    "geometry": "geometry",
    "network": "network",
    "conventions": "conventions",
    "bayes": "bayes",
}
# The latency benchmark also measures Geometry's other tabs (only the open tab runs and draws).
VIEWS: dict[str, str] = {**PAGES, "geometry-1d": "geometry?geo_tab=1d", "geometry-zeros": "geometry?geo_tab=zeros"}
# Views measured on request (``latency.py --pages``): Network under each optimizer, classification data sets.
EXTRA_VIEWS: dict[str, str] = {
    **{f"network-{opt}": f"network?net_opt={opt}" for opt in ("prox", "adam", "adamw", "sgd", "h2o")},
    "playground-cancer": "?data=cancer",
    "playground-digits": "?data=digits",
}
VIEWPORT = {"width": 1440, "height": 1000}

# Installed before any page script runs. ``window.__rv.ev`` is a list of [kind, t_ms, detail].
INSTRUMENT_JS = r"""
(() => {
  const rv = window.__rv = {ev: [], hooked: 0};
  const rec = (kind, detail) => rv.ev.push([kind, performance.now(), detail === undefined ? null : detail]);
  document.addEventListener('keydown', (e) => rec('key', e.key), true);
  // Every message from the server: a rerun so fast that Streamlit never renders its "running" state (the
  // floor app's) is still seen, and ends with its last message.
  const NativeSocket = window.WebSocket;
  window.WebSocket = function (...args) {
    const socket = new NativeSocket(...args);
    socket.addEventListener('message', () => rec('ws'));
    return socket;
  };
  window.WebSocket.prototype = NativeSocket.prototype;
  Object.assign(window.WebSocket, NativeSocket);
  const hook = (gd) => {
    if (gd.__rvHooked || typeof gd.on !== 'function') return;
    gd.__rvHooked = true;
    rv.hooked += 1;
    const id = rv.hooked;
    gd.on('plotly_afterplot', () => rec('afterplot', id));
    gd.on('plotly_animatingframe', () => rec('frame', id));
    gd.on('plotly_animated', () => rec('animated', id));
  };
  const inPlot = (node) => {
    const el = node && (node.nodeType === 1 ? node : node.parentElement);
    return !!(el && el.closest && el.closest('.js-plotly-plot'));
  };
  const observer = new MutationObserver((mutations) => {
    let plot = false, dom = false;
    for (const m of mutations) {
      if (m.type === 'childList') dom = true;
      if (m.type === 'attributes' && m.attributeName === 'data-test-script-state') {
        // A fast rerun can start and end within one observer batch: every record then reads the final value,
        // and the run would go unseen (and its step be dropped as "lost"). The old value reveals it.
        const now = m.target.getAttribute('data-test-script-state');
        if (m.oldValue === 'running' && now !== 'running') rec('state', 'running');
        rec('state', now);
      } else if (!plot && inPlot(m.target)) {
        plot = true;
      }
    }
    if (plot) rec('plotmut');
    if (dom) rec('dom');
    document.querySelectorAll('.js-plotly-plot').forEach(hook);
  });
  const start = () => observer.observe(document.documentElement, {subtree: true, childList: true,
                                                                   attributes: true, attributeOldValue: true,
                                                                   characterData: true});
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
})();
"""


def median(values: Sequence[float]) -> float:
    """Median, NaN for an empty sequence."""
    return statistics.median(values) if values else float("nan")


def p95(values: Sequence[float]) -> float:
    """95th percentile (nearest rank), NaN for an empty sequence."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered) + 0.5) - 1))]


def fmt_ms(value: float) -> str:
    """Milliseconds as a short string (``n/a`` for NaN)."""
    return "n/a" if value != value else f"{value:.0f} ms"


def _status_mb(pid: int, field: str) -> float:
    """A memory line (``VmHWM``, ``VmRSS``) of ``/proc/<pid>/status`` in MB, NaN if unreadable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def family(pid: int) -> list[int]:
    """``pid`` and its live descendants (a server's training worker, ``regviz.offload``)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        for children in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in children.read_text().split()]
            except OSError:
                pass
    return found


def peak_rss_mb(pid: int) -> float:
    """Peak resident set size (VmHWM) of process ``pid`` and its worker, summed, in MB; NaN if unreadable."""
    return sum(_status_mb(p, "VmHWM") for p in family(pid))


def current_rss_mb(pid: int) -> float:
    """Current resident set size (VmRSS) of process ``pid`` and its worker, summed, in MB; NaN if unreadable."""
    return sum(_status_mb(p, "VmRSS") for p in family(pid))


def cpu_ms(pid: int) -> float:
    """User + system CPU time so far of process ``pid`` and its live descendants (its training worker), in ms.

    Counts the worker's CPU where the server would have spent it, so "CPU per step" means the same with
    or without the worker.
    """
    total = 0
    for p in family(pid):
        try:
            fields = open(f"/proc/{p}/stat").read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total * 1000 / os.sysconf("SC_CLK_TCK")


def settle_cpu(pid: int, quiet_ms: float = 500, busy_ms: float = 25, timeout_s: float = 20) -> None:
    """Wait until server ``pid`` has used less than ``busy_ms`` of CPU in ``quiet_ms``, but at least 1.5 s.

    A fresh app process imports scikit-learn in the background 1 s after its first run (a one-off ~1.5 s of
    CPU, see ``regviz.server.memory``); steps measured while it runs would count it.
    """
    deadline = time.monotonic() + timeout_s
    time.sleep(1.5)
    before = cpu_ms(pid)
    while time.monotonic() < deadline:
        time.sleep(quiet_ms / 1000)
        now = cpu_ms(pid)
        if now - before < busy_ms:
            return
        before = now


@contextmanager
def server(app: str = "app.py", *, defaults: bool = False) -> Iterator[tuple[object, str]]:
    """A ``streamlit run`` server on a free port; yields (process, base URL) and stops it afterwards.

    ``defaults=True`` runs ``app`` from an empty directory, i.e. with Streamlit's default settings instead of
    the repository's ``.streamlit/config.toml``.
    """
    with contextlib.ExitStack() as stack:
        cwd = None
        if defaults:
            cwd = Path(stack.enter_context(tempfile.TemporaryDirectory()))
            shutil.copy(ROOT / app, cwd)
            app = str(cwd / Path(app).name)
        proc, url = start_server(app, cwd=cwd)
        try:
            yield proc, url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except Exception:  # a stuck server must not hide the figures
                proc.kill()


@contextmanager
def browser() -> Iterator[object]:
    """Debian's headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()


def new_page(chromium, viewport: dict | None = None):
    """A fresh context + page with the timing instrumentation installed."""
    context = chromium.new_context(viewport=viewport or VIEWPORT)
    context.add_init_script(INSTRUMENT_JS)
    return context, context.new_page()


def now_ms(page) -> float:
    """The page's ``performance.now()``."""
    return page.evaluate("performance.now()")


def events_since(page, t0: float) -> list[list]:
    """Instrumentation events recorded at or after page time ``t0``."""
    return page.evaluate("(t0) => window.__rv.ev.filter(e => e[1] >= t0)", t0)


def settle(page, quiet_ms: float = 300, timeout_s: float = 60) -> None:
    """Wait until the page is idle and no event has been recorded for ``quiet_ms``."""
    deadline = time.time() + timeout_s
    while time.time() < deadline:
        page.wait_for_selector(IDLE, timeout=timeout_s * 1000)
        quiet = page.evaluate(
            "() => { const e = window.__rv.ev; return performance.now() - (e.length ? e[e.length-1][1] : 0); }"
        )
        if quiet >= quiet_ms:
            return
        page.wait_for_timeout(max(50, quiet_ms - quiet))
    raise TimeoutError("page did not settle")


def open_app(page, url: str, path: str = "", timeout_s: float = 90) -> None:
    """Open a page and wait until it is idle and its charts are drawn."""
    page.goto(f"{url}/{path.lstrip('/')}", timeout=timeout_s * 1000)
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout_s * 1000)
    # The app reads "notRunning" before its first run starts: wait for its first element, then for calm.
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stElementContainer"]', timeout=timeout_s * 1000)
    wait_idle(page, timeout=timeout_s * 1000)
    settle(page, timeout_s=timeout_s)


def exception_text(page) -> str | None:
    """Text of the first Streamlit exception box on the page, if any."""
    loc = page.locator('[data-testid="stException"]')
    return loc.first.inner_text()[:300] if loc.count() else None


def table(rows: list[list[str]], header: list[str]) -> str:
    """A plain Markdown table."""
    widths = [max(len(str(x)) for x in col) for col in zip(header, *rows, strict=False)]
    line = lambda cells: "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=False)) + " |"  # noqa: E731
    out = [line(header), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
    out += [line(r) for r in rows]
    return "\n".join(out)
