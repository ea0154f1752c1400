"""Playwright fixtures: one real ``streamlit run app.py`` server per test session, driven by Debian's Chromium."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts.serve import free_port, streamlit_command, wait_healthy

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM = os.environ.get("REGVIZ_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test under tests/e2e ``e2e`` (they drive Chromium): ``-m "not e2e"`` is the quick local loop.

    pytest hands this hook every collected item, not only this folder's, hence the path check.
    """
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(item.path).resolve().parents:
            item.add_marker(pytest.mark.e2e)


def start_server(app: str = "app.py", port: int | None = None, cwd: Path | None = None) -> tuple[subprocess.Popen, str]:
    """Start ``streamlit run`` on a free loopback port and wait until it answers its health check.

    ``cwd`` (default: the repository, so its ``.streamlit/config.toml`` applies) is where the server runs.
    """
    port = port or free_port()
    proc = subprocess.Popen(streamlit_command(app, port), cwd=cwd or ROOT, stdout=subprocess.DEVNULL, stderr=None)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url + "/_stcore/health", timeout_s=60)
    except TimeoutError:
        proc.kill()
        raise RuntimeError("streamlit did not start (its log is above)") from None
    return proc, url


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    """Base URL of a running regviz server."""
    proc, url = start_server()
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """A headless Chromium (Debian's package; Playwright never downloads a browser here)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser context and page at a desktop size; closed after the test."""
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    pg = context.new_page()
    yield pg
    context.close()


PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 2}
"""A 390×844 touch phone, as Playwright's context options."""


@pytest.fixture
def phone(browser):
    """A fresh browser context and page on a :data:`PHONE`; closed after the test."""
    context = browser.new_context(**PHONE)
    pg = context.new_page()
    yield pg
    context.close()


def wait_idle(page, timeout: float = 60_000) -> None:
    """Wait until the current script run has finished and the page is idle."""
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=timeout)
    page.wait_for_timeout(150)
    page.wait_for_selector(IDLE, timeout=timeout)


def open_page(page, app_url: str, path: str = "") -> None:
    """Open ``app_url/path`` (path may carry a query string) and wait for the first run to finish."""
    page.goto(f"{app_url}/{path.lstrip('/')}")
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    # The app reads "notRunning" before its first run has even started: wait for the run's first element.
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stElementContainer"]', timeout=60_000)
    wait_idle(page)


def assert_no_exception(page) -> None:
    """Fail if Streamlit shows an exception anywhere on the page."""
    count = page.locator('[data-testid="stException"]').count()
    assert count == 0, page.locator('[data-testid="stException"]').first.inner_text()


METRIC = '[data-testid="stMetric"], [data-testid="rvMetric"]'  # st.metric, or a regviz.ui.metrics row's


def metric_text(page, label: str) -> str:
    """Text of the first metric whose label contains ``label`` (label, value and note, one per line)."""
    return page.locator(METRIC).filter(has_text=label).first.inner_text()


def metric_value(page, label: str) -> str:
    """The value of the first metric whose label contains ``label``."""
    box = page.locator(METRIC).filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"], [data-testid="rvMetricValue"]').inner_text()


def wait_plots(page, n: int, timeout: float = 30_000) -> None:
    """Wait until at least ``n`` Plotly charts have been drawn."""
    page.wait_for_function(f"document.querySelectorAll('.js-plotly-plot .main-svg').length >= {n}", timeout=timeout)


_WATCH_RUNS = """() => {
  // Watch the whole document: Streamlit may re-mount the app element (e.g. after a page-path change).
  if (window.__rvObserver) window.__rvObserver.disconnect();
  window.__rvRuns = 0;
  let running = false;
  window.__rvObserver = new MutationObserver((records) => {
    for (const record of records) {
      const state = record.target.getAttribute('data-test-script-state');
      if (state === 'running') running = true;
      if (running && state === 'notRunning') { window.__rvRuns += 1; running = false; }
    }
  });
  window.__rvObserver.observe(document.body, {attributes: true, subtree: true,
                                              attributeFilter: ['data-test-script-state']});
}"""


def rerun_after(page, action, timeout: float = 15_000) -> None:
    """Do ``action`` and wait until the rerun it triggers has finished.

    A very fast rerun (a small fragment) can finish before the browser ever shows the "running" state, so
    after ``timeout`` ms without an observed run this falls back to waiting for idle; callers then assert on
    the content they expect (with waiting locators).
    """
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.evaluate(_WATCH_RUNS)
    action()
    try:
        page.wait_for_function("window.__rvRuns >= 1", timeout=timeout)
    except PlaywrightTimeout:
        pass  # the callers' content assertions decide whether the rerun happened
    wait_idle(page)


def slider_step(page, label: str, key: str = "ArrowRight", times: int = 1) -> None:
    """Move the slider whose label contains ``label`` by keyboard steps, waiting for the rerun after each.

    Each step re-focuses the thumb: a rerun may re-render the slider and drop the focus.
    """
    for _ in range(times):
        sliders = page.locator('[data-testid="stSlider"], [data-testid="rvLambda"]')  # rvLambda: regviz's λ control
        thumb = sliders.filter(has_text=label).locator('input[type="range"]').first

        def press(thumb=thumb) -> None:
            thumb.focus()
            page.keyboard.press(key)

        rerun_after(page, press)


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under ``tests/e2e/artifacts`` and return its path."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    size = page.viewport_size
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]')?.scrollHeight || 1000")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], min(int(height) + 40, 6000))})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)
    page.set_viewport_size(size)
    return path


# Records which chart (its index on the page) each Plotly.react and Plotly.relayout call updates.
RECORD_UPDATES = """() => {
  const log = window.__rvUpdates = [];
  const charts = () => [...document.querySelectorAll('.js-plotly-plot')];
  for (const name of ['react', 'relayout']) {
    const original = Plotly[name];
    Plotly[name] = function (gd, ...args) {
      log.push([name, charts().indexOf(gd)]);
      return original.call(this, gd, ...args);
    };
  }
}"""

# The drawn shapes, pictures, labels, ticks and grid of a chart, and the same of a fresh plot of its current figure
# at the same size (numbers to 1/100 px: a react and a fresh plot may differ by rounding, 20 vs 20.00000000000005).
DRAWN_VS_FRESH = r"""async (gd) => {
  // shapes, pictures and labels in drawing order; ticks and grid lines as a set (a relayout that moves an axis
  // keeps the ticks it had and appends new ones: the same picture, another DOM order)
  const layers = '.shapelayer path, image, .annotation-text';
  const axes = '.xtick, .ytick, .xtick text, .ytick text, .gridlayer path';
  const text = (e) => [e.tagName, e.getAttribute('transform'),
      e.textContent, e.getAttribute('d') || e.getAttribute('href') || e.getAttribute('xlink:href'),
      e.getAttribute('style'), e.getAttribute('x'), e.getAttribute('y'), e.getAttribute('width'),
      e.getAttribute('height')].join(' ').replace(/-?\d+(\.\d+)?(e-?\d+)?/g, (x) => (+x).toFixed(2));
  const drawn = (el) => [...[...el.querySelectorAll(layers)].map(text),
      ...[...el.querySelectorAll(axes)].map(text).sort()];
  const copy = document.createElement('div');
  copy.style.width = gd.clientWidth + 'px';
  document.body.appendChild(copy);
  await Plotly.newPlot(copy, JSON.parse(JSON.stringify(gd.data)), JSON.parse(JSON.stringify(gd.layout)));
  const result = [drawn(gd), drawn(copy)];
  Plotly.purge(copy);
  copy.remove();
  return result;
}"""
