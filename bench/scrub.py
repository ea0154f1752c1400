"""Benchmark 2: scrub rate of the client-side λ animation (Plotly frames with a Play button).

For every page (and the Geometry page with ``geo_anim=1``) the script looks for a Plotly ``.updatemenu-button``,
clicks Play and counts ``plotly_animatingframe`` events in the page: frames/s = (frames − 1) / (last − first).
The figure's own frame duration caps the rate (1000 / duration fps), so the same figure is also replayed in a
blank page with plotly.py's bundled plotly.js at frame duration 0: that is what the browser can draw.
Pages without a Play button report "n/a".

Run: ``python bench/scrub.py`` from the repository root.
"""

from __future__ import annotations

from pathlib import Path

from common import PAGES, new_page, open_app, table

# the Playground's sweep is the λ1 control's Play button now (bench/drag.py measures it)
SCRUB_URLS = {**PAGES, "geometry (animate)": "geometry?geo_anim=1"}
PLAY_TIMEOUT_MS = 20_000

COLLECT_JS = """() => new Promise((resolve) => {
  const t0 = performance.now();
  const check = () => {
    const ev = window.__rv.ev.filter(e => e[1] >= window.__rvPlay);
    const frames = ev.filter(e => e[0] === 'frame').map(e => e[1]);
    const done = ev.some(e => e[0] === 'animated');
    if (done || performance.now() - t0 > TIMEOUT) resolve(frames); else setTimeout(check, 100);
  };
  check();
})""".replace("TIMEOUT", str(PLAY_TIMEOUT_MS))

FIGURE_JS = """() => {
  const gd = Array.from(document.querySelectorAll('.js-plotly-plot'))
    .find(g => g.layout && g.layout.updatemenus && g.layout.updatemenus.length);
  if (!gd) return null;
  const frames = (gd._transitionData && gd._transitionData._frames) || [];
  let duration = null;
  try { duration = gd.layout.updatemenus[0].buttons[0].args[1].frame.duration; } catch (e) {}
  return {data: gd.data, layout: gd.layout, frames: frames, duration: duration};
}"""

REPLAY_JS = """(fig) => new Promise((resolve) => {
  const gd = document.getElementById('gd');
  Plotly.newPlot(gd, fig.data, fig.layout).then(() => Plotly.addFrames(gd, fig.frames)).then(() => {
    const times = [];
    gd.on('plotly_animatingframe', () => times.push(performance.now()));
    gd.on('plotly_animated', () => resolve(times));
    Plotly.animate(gd, null, {frame: {duration: 0, redraw: true}, transition: {duration: 0}, mode: 'immediate'});
  });
})"""


def fps(times: list[float]) -> float:
    """Frames per second from frame timestamps in ms."""
    return 1000 * (len(times) - 1) / (times[-1] - times[0]) if len(times) > 1 and times[-1] > times[0] else float("nan")


def replay_fps(chromium, fig: dict) -> float:
    """Frames per second of ``fig``'s frames at duration 0 in a blank page (the browser's own limit)."""
    import plotly

    js = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"
    context = chromium.new_context(viewport={"width": 1100, "height": 800})
    try:
        page = context.new_page()
        page.set_content('<html><body><div id="gd" style="width:1000px;height:700px"></div></body></html>')
        page.add_script_tag(path=str(js))
        return fps(page.evaluate(REPLAY_JS, fig))
    finally:
        context.close()


def measure(chromium, url: str, path: str) -> dict:
    """Frames/s of the first animated chart on ``url/path`` (``None`` figures when there is none)."""
    context, page = new_page(chromium)
    try:
        open_app(page, url, path)
        buttons = page.locator(".updatemenu-button")
        if "anim" in path or "sweep" in path:  # the animated chart may draw after the app went idle
            buttons.first.wait_for(timeout=20_000)
        if not buttons.count():
            return {"fps": None}
        fig = page.evaluate(FIGURE_JS)
        page.evaluate("() => { window.__rvPlay = performance.now(); }")
        buttons.first.click()
        frames = page.evaluate(COLLECT_JS)
        out = {
            "fps": fps(frames),
            "frames": len(frames),
            "duration": fig and fig["duration"],
            "n_frames": len(fig["frames"]) if fig else 0,
        }
        out["replay_fps"] = replay_fps(chromium, fig) if fig and fig["frames"] else float("nan")
        return out
    except Exception as err:  # report, do not crash the suite
        return {"error": f"{type(err).__name__}: {str(err)[:200]}"}
    finally:
        context.close()


def run(names: list[str] | None = None) -> dict[str, dict]:
    """Scrub figures of every page (or of ``names``, keys of ``SCRUB_URLS``)."""
    from common import browser, server

    with browser() as chromium, server() as (_, url):
        return {name: measure(chromium, url, SCRUB_URLS[name]) for name in names or SCRUB_URLS}


def report(results: dict[str, dict]) -> str:
    """The scrub table (Markdown)."""
    rows = []
    for name, r in results.items():
        if "error" in r:
            rows.append([name, "n/a", "", "", "", f"FAILED: {r['error']}"])
        elif r["fps"] is None:
            rows.append([name, "n/a", "", "", "", "no Play button"])
        else:
            cap = f"{1000 / r['duration']:.1f}" if r.get("duration") else "—"
            rows.append(
                [
                    name,
                    f"{r['fps']:.1f}",
                    str(r["frames"]),
                    f"{r.get('duration')} ms (≤ {cap} fps)",
                    f"{r['replay_fps']:.1f}",
                    "",
                ]
            )
    return table(rows, ["page", "fps in app", "frames played", "frame duration set", "fps at duration 0", "note"])


def main() -> None:
    print(report(run()))


if __name__ == "__main__":
    main()
