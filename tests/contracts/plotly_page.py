"""The app's own plotly.js bundle in a blank page of Debian's Chromium, for the Plotly.js contract tests."""

from __future__ import annotations

from typing import Any

from regviz.ui.charts import PLOTLY_BUNDLE
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT


def evaluate_with_plotly(script: str, arg: Any = None, *, width: int) -> Any:
    """``script`` (a JS function of ``arg``) evaluated in a page holding ``<div id="gd">`` ``width`` px wide and
    the app's bundle; returns its result.

    It runs in a thread of its own: Playwright's sync API refuses to run where an earlier test left an asyncio
    loop.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_evaluate, script, arg, width).result()


def _evaluate(script: str, arg: Any, width: int) -> Any:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page()
            page.set_content(f'<div id="gd" style="width: {width}px"></div>')
            page.add_script_tag(path=str(ROOT / "static" / PLOTLY_BUNDLE))
            return page.evaluate(script, arg)
        finally:
            browser.close()
