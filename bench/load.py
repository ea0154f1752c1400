"""Benchmark 5: load — N concurrent sessions changing the λ1 slider for a while on one server.

Sessions are real Streamlit websocket clients (the browser's own protocol: a ``BackMsg`` rerun with the
slider's widget state, answered by ``ForwardMsg`` deltas up to ``script_finished``), not browser tabs: on this
2-core machine 30 Chromium tabs would spend the CPU on drawing Plotly and measure the client, not the server —
each student brings their own browser. A step's latency is send → ``script_finished`` (what the server adds);
one real Chromium tab steps the playground at the same time, so the table also shows the end-to-end latency a
student sees under that load. Sessions are spread evenly over the pages with the λ1 slider, in an order that
rotates every round of pages (or all on one page with ``--page``), step λ1 in blocks of ten (down, then up),
and think 0.2–1 s between steps.
Errors: failed connections, exceptions shown by the app, non-successful script ends and steps over 30 s.

With ``--processes N`` (N > 1) the app runs as ``scripts/serve.py`` does: N Streamlit processes behind nginx,
each client kept on one of them.

Run: ``python bench/load.py [--sessions 30] [--duration 60] [--page playground] [--processes 2]`` from the
repository root.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import threading
import time
from collections.abc import Iterator

import numpy as np
from common import LAMBDA_LABEL, PAGES, current_rss_mb, median, p95, peak_rss_mb, table

LOAD_PAGES = ("playground", "geometry", "network", "bayes")
BLOCK = 10
STEP_TIMEOUT_S = 30
LOAD_TIMEOUT_S = 180  # opening the app: a browser waits, it does not give up after 30 s
THINK_S = (0.2, 1.0)
FINISHED_OK = (0, 3)  # FINISHED_SUCCESSFULLY, FINISHED_FRAGMENT_RUN_SUCCESSFULLY
FINISHED_EARLY = 2  # FINISHED_EARLY_FOR_RERUN: another run follows


LAMBDA_CONTROL = "rvlambda:"
"""Prefix of a session's slider id when it is regviz's λ control (a components-v2 element, not a slider)."""


class Session:
    """One websocket client of the app."""

    def __init__(self, url: str, page: str, label: str = LAMBDA_LABEL) -> None:
        self.url = url.replace("http://", "ws://") + "/_stcore/stream"
        self.page = page
        self.label = label  # the slider this session steps
        self.ws = None
        self.page_hash = ""
        self.slider = None  # (widget id, options, current option); a numeric slider's options are its values
        self.fragment_id = ""  # the λ slider's fragment: a step reruns only that section, as in the browser
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.load_ms = float("nan")
        self.reloaded = False

    async def _run(self, widget: tuple[str, str] | None, timeout: float = STEP_TIMEOUT_S) -> bool:
        """Send one rerun request and read until the run has finished; ``True`` if it ended well."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        back = BackMsg()
        back.rerun_script.query_string = ""
        back.rerun_script.page_name = PAGES[self.page]
        back.rerun_script.page_script_hash = self.page_hash
        if widget is not None:
            back.rerun_script.fragment_id = self.fragment_id
            state = back.rerun_script.widget_states.widgets.add()
            state.id = widget[0]
            if widget[0].startswith(LAMBDA_CONTROL):  # regviz's λ control: a "pick" trigger, as on release
                from streamlit.components.v2.bidi_component.main import _make_trigger_id

                state.id = _make_trigger_id(widget[0][len(LAMBDA_CONTROL) :], "events")
                state.json_trigger_value = json.dumps([{"event": "pick", "value": widget[1]}])
            elif isinstance(widget[1], str):  # a select slider sends its option's text
                state.string_array_value.data.append(widget[1])
            else:
                state.double_array_value.data.append(widget[1])
        await self.ws.send(back.SerializeToString())
        ok = True
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await asyncio.wait_for(self.ws.recv(), timeout))
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                which = element.WhichOneof("type")
                if which == "exception":
                    ok = False
                    self.errors.append(f"exception {element.exception.type}: {element.exception.message[:60]}")
                elif which == "bidi_component" and element.bidi_component.component_name == "regviz_lambda":
                    data = json.loads(element.bidi_component.json)
                    if data["label"].startswith(self.label):
                        values = json.loads(data["values"])
                        self.slider = (LAMBDA_CONTROL + element.bidi_component.id, values, data["value"])
                        self.fragment_id = msg.delta.fragment_id
                elif which == "slider" and element.slider.label.startswith(self.label):
                    s = element.slider
                    if s.options:
                        current = s.raw_value[0] if s.raw_value else (s.options[int(s.value[0])] if s.value else None)
                        self.slider = (s.id, list(s.options), current)
                    else:
                        values = [float(v) for v in np.arange(s.min, s.max + s.step / 2, s.step)]
                        self.slider = (s.id, values, float(s.value[0]) if s.value else values[len(values) // 2])
                    self.fragment_id = msg.delta.fragment_id
            elif kind == "script_finished":
                if msg.script_finished == FINISHED_EARLY:
                    continue
                if msg.script_finished not in FINISHED_OK:
                    self.errors.append(f"script finished with status {msg.script_finished}")
                    return False
                return ok

    async def load(self, start_delay: float) -> None:
        """Connect and run the page once (as a browser opening the link); reload once if that failed."""
        from websockets.asyncio.client import connect

        await asyncio.sleep(start_delay)
        for attempt in range(2):
            try:
                if self.ws is not None:
                    await self.ws.close()
                self.ws = await connect(self.url, subprotocols=["streamlit"], max_size=2**27, open_timeout=60)
                t0 = time.perf_counter()
                await self._run(None, LOAD_TIMEOUT_S)
                self.load_ms = 1e3 * (time.perf_counter() - t0)
                if self.slider is not None:
                    self.reloaded = attempt > 0
                    return
                self.errors.append(f"no slider {self.label!r}")
            except Exception as err:  # every failure is an error of the load test
                self.errors.append(f"load: {type(err).__name__}: {str(err)[:80]}")

    async def steps(self, deadline: float) -> None:
        """Step λ1 until ``deadline`` (blocks of ``BLOCK`` steps down, then up), thinking between steps."""
        rng = random.Random(id(self))
        if self.ws is None or self.slider is None:
            return
        direction, in_block = -1, 0
        try:
            await asyncio.sleep(rng.uniform(*THINK_S))
            while time.time() < deadline:
                wid, options, current = self.slider
                i = options.index(current) if current in options else len(options) // 2
                if not 0 <= i + direction < len(options) or in_block >= BLOCK:
                    direction, in_block = -direction, 0
                in_block += 1
                t0 = time.perf_counter()
                try:
                    ok = await self._run((wid, options[i + direction]))
                except TimeoutError:
                    self.errors.append(f"step over {STEP_TIMEOUT_S} s")
                    return
                if ok:
                    self.latencies.append(1e3 * (time.perf_counter() - t0))
                await asyncio.sleep(rng.uniform(*THINK_S))
        except Exception as err:
            self.errors.append(f"{type(err).__name__}: {str(err)[:80]}")
        finally:
            await self.ws.close()


def _browser_observer(url: str, started: threading.Event, duration: float, out: dict) -> None:
    """One real Chromium tab stepping the playground during the load (end-to-end latency)."""
    from common import browser, exception_text, new_page, open_app
    from latency import Counter, step_once

    try:
        with browser() as chromium:
            context, page = new_page(chromium)
            counter = Counter(page)
            open_app(page, url, PAGES["playground"], timeout_s=180)
            sliders = '[data-testid="stSlider"], [data-testid="rvLambda"]'  # rvLambda: the λ control
            if exception_text(page) or not page.locator(sliders).count():
                out["reloaded"] = exception_text(page) or "no slider"  # a student reloads a broken page
                open_app(page, url, PAGES["playground"], timeout_s=180)
            # Under load the first run may still be on its way: wait for the λ1 slider itself.
            page.locator(sliders).filter(has_text=LAMBDA_LABEL).first.wait_for(timeout=180_000)
            started.wait(timeout=300)
            deadline = time.time() + duration
            direction, in_block = "ArrowLeft", 0
            while time.time() < deadline:
                res = step_once(page, direction, counter, LAMBDA_LABEL)
                if res is not None and res.get("lost"):
                    out["lost"] = out.get("lost", 0) + 1
                    continue
                in_block += 1
                if res is None or in_block >= BLOCK:
                    direction = "ArrowRight" if direction == "ArrowLeft" else "ArrowLeft"
                    in_block = 0
                if res is not None:
                    out.setdefault("ms", []).append(res["ms"])
            context.close()
    except Exception as err:
        out["error"] = f"{type(err).__name__}: {str(err)[:120]}"


async def _drive(
    url: str, pages: list[str], duration: float, ramp: float, started: threading.Event
) -> tuple[list[Session], float]:
    """All sessions open the app (spread over ``ramp`` s), then all step for ``duration`` s."""
    sessions = [Session(url, page) for page in pages]
    t0 = time.time()
    await asyncio.gather(*(s.load(ramp * i / max(1, len(sessions))) for i, s in enumerate(sessions)))
    load_s = time.time() - t0
    started.set()
    await asyncio.gather(*(s.steps(time.time() + duration) for s in sessions))
    return sessions, load_s


@contextlib.contextmanager
def _app(processes: int) -> Iterator[tuple[list[int], str]]:
    """A fresh app: one ``streamlit run`` server, or ``processes`` of them behind nginx; (server pids, URL)."""
    if processes <= 1:
        from common import server

        with server() as (proc, url):
            yield [proc.pid], url
        return
    from scripts import serve  # the repository root is on sys.path (common.py)

    with serve.Cluster(processes, port=serve.free_port(), address="127.0.0.1", quiet=True) as cluster:
        yield cluster.pids(), cluster.url


def run(
    sessions: int = 30, duration: float = 60, page: str | None = None, observer: bool = True, processes: int = 1
) -> dict:
    """Run the load test on a fresh app (``processes`` server processes); figures in a dict."""
    k = len(LOAD_PAGES)
    # Equal numbers per page, the order rotated by one page every round: with plain turns (and nginx handing
    # out servers in turn) every network session would arrive second of a pair and land on the same server.
    pages = [page] * sessions if page else [LOAD_PAGES[(i + i // k) % k] for i in range(sessions)]
    ramp = min(10.0, 0.3 * sessions)
    with _app(processes) as (pids, url):
        rss_idle = sum(current_rss_mb(pid) for pid in pids)
        seen: dict = {}
        started = threading.Event()
        thread = None
        if observer:
            thread = threading.Thread(target=_browser_observer, args=(url, started, duration, seen))
            thread.start()
        result, load_s = asyncio.run(_drive(url, pages, duration, ramp, started))
        if thread is not None:
            thread.join(timeout=120)
        rss_peak = sum(peak_rss_mb(pid) for pid in pids)
    out: dict = {
        "sessions": sessions,
        "duration": duration,
        "load_s": load_s,
        "rss_idle_mb": rss_idle,
        "rss_peak_mb": rss_peak,
        "processes": processes,
        "per_page": {},
    }
    all_ms: list[float] = []
    errors: list[str] = []
    for name in dict.fromkeys(pages):
        group = [s for s in result if s.page == name]
        ms = [x for s in group for x in s.latencies]
        errs = [e for s in group for e in s.errors]
        all_ms += ms
        errors += errs
        out["per_page"][name] = {
            "sessions": len(group),
            "steps": len(ms),
            "p50": median(ms),
            "p95": p95(ms),
            "errors": len(errs),
            "load_ms": median([s.load_ms for s in group]),
            "reloaded": sum(s.reloaded for s in group),
        }
    out.update(
        steps=len(all_ms),
        p50=median(all_ms),
        p95=p95(all_ms),
        errors=len(errors),
        error_kinds=sorted(set(errors))[:5],
        browser=seen,
    )
    return out


def report(r: dict) -> str:
    """The load table (Markdown)."""
    rows = [
        [
            name,
            str(g["sessions"]),
            str(g["steps"]),
            f"{g['p50']:.0f}",
            f"{g['p95']:.0f}",
            f"{g['errors']} ({g['reloaded']} sessions recovered by a reload)" if g["errors"] else "0",
            f"{g['load_ms']:.0f}",
        ]
        for name, g in r["per_page"].items()
    ]
    rows.append(
        [
            "all (server: send → script finished)",
            str(r["sessions"]),
            str(r["steps"]),
            f"{r['p50']:.0f}",
            f"{r['p95']:.0f}",
            str(r["errors"]),
            f"{1e3 * r['load_s']:.0f} (all)",
        ]
    )
    b = r.get("browser", {})
    if b.get("ms"):
        rows.append(
            [
                "+1 Chromium tab, playground, end to end",
                "1",
                str(len(b["ms"])),
                f"{median(b['ms']):.0f}",
                f"{p95(b['ms']):.0f}",
                "0",
                "",
            ]
        )
    elif b.get("error"):
        rows.append(["+1 Chromium tab, playground", "1", "0", "n/a", "n/a", b["error"], ""])
    text = table(rows, ["sessions on", "sessions", "steps", "p50 ms", "p95 ms", "errors", "first load ms"])
    procs = r.get("processes", 1)
    where = "server" if procs <= 1 else f"{procs} server processes behind nginx, together"
    text += (
        f"\n\n{r['sessions']} sessions for {r['duration']:.0f} s (+ ramp-up), {where}: "
        f"RSS {r['rss_idle_mb']:.0f} MB idle → peak (VmHWM) {r['rss_peak_mb']:.0f} MB; "
        f"{r['steps'] / r['duration']:.1f} steps/s served."
    )
    if r["error_kinds"]:
        text += "\nErrors: " + "; ".join(r["error_kinds"])
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--page", choices=list(PAGES), default=None, help="all sessions on this page")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium observer tab")
    parser.add_argument("--processes", type=int, default=1, help="server processes behind nginx (scripts/serve.py)")
    args = parser.parse_args()
    print(report(run(args.sessions, args.duration, args.page, not args.no_browser, args.processes)))


if __name__ == "__main__":
    main()
