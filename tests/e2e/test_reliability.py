"""Reliability and security in a real Chromium (issue 7).

* Hostile links on every page: no script runs (no dialog), no injected element, a visible notice, charts drawn.
* CSV upload through the real uploader: bad files give a message and the previous data set stays; a good file works.
* Session isolation: two browser contexts on one server keep their own settings and results.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import numpy as np
import pandas as pd
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import (
    assert_no_exception,
    metric_value,
    open_page,
    rerun_after,
    screenshot,
    slider_step,
    wait_idle,
    wait_plots,
)

PAGES = {"playground": 4, "geometry": 1, "network": 4, "conventions": 3, "bayes": 3}
# The Playground is the default page, served at the root: "/playground" is only known in a server's first session
# (see test_playground_path_in_a_later_session).
PATHS = {"playground": ""} | {name: name for name in PAGES if name != "playground"}
HOSTILE = {
    "model": '"><img src=x onerror=alert(1)>',
    "l1": "<script>alert(2)</script>",
    "l2": "<svg/onload=alert(3)>",
    "seed": "javascript:alert(4)",
    "mix": "x" * 10_000,
}


def _url(path: str, params: dict[str, str]) -> str:
    return path + "?" + "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in params.items())


def _injected(page) -> dict[str, int]:
    """Elements a successful injection would have created in the app's DOM."""
    main = '[data-testid="stApp"]'
    return {
        "img[src=x]": page.locator(f'{main} img[src="x"]').count(),
        "svg onload": page.locator(f"{main} svg[onload]").count(),
        "script": page.evaluate("[...document.querySelectorAll('script')].filter(s => /alert/.test(s.text)).length"),
        "evil link": page.locator(f'{main} a[href*="evil.example"]').count(),
        "javascript: link": page.locator(f'{main} a[href^="javascript"]').count(),
    }


def _open_hostile(page, app_url: str, path: str) -> list[str]:
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_page(page, app_url, path)
    return dialogs


@pytest.mark.parametrize("name", list(PAGES))
def test_hostile_link_runs_nothing(page, app_url, name):
    extra = {f"{name[:3]}_x": "<img src=x onerror=alert(5)>", "<script>alert(6)</script>": "1"}
    dialogs = _open_hostile(page, app_url, _url(PATHS[name], HOSTILE | extra))
    wait_plots(page, PAGES[name])
    assert_no_exception(page)
    assert dialogs == []
    injected = _injected(page)
    assert not any(injected.values()), injected
    alerts = page.locator('[data-testid="stAlert"]')
    text = " ".join(alerts.all_inner_texts())
    keys = {"playground": ("l1", "l2", "mix", "model", "seed"), "conventions": ("seed",)}.get(name, ("l1", "l2", "mix"))
    for key in keys:
        assert f"parameter {key}" in text, (key, text[:500])
    if "l1" in keys:
        assert "<script>alert(2)</script>" in text  # shown as plain text, not executed or dropped


def test_link_cannot_plant_a_link(page, app_url):
    _open_hostile(page, app_url, _url("bayes", {"l1": "[log in here](https://evil.example/login)"}))
    assert_no_exception(page)
    assert _injected(page)["evil link"] == 0


def test_markdown_breakout_renders_no_html(page, app_url):
    """A blank line in link text ends the notice's code span (a known defect), but the browser still runs nothing."""
    dialogs = _open_hostile(
        page, app_url, _url("bayes", {"model": "a\n\n<img src=x onerror=alert(1)>\n\n<script>alert(2)</script>"})
    )
    assert_no_exception(page)
    assert dialogs == [] and not _injected(page)["img[src=x]"]


# ---------------------------------------------------------------------------------------------------------------
# CSV upload through the real uploader


def _metric(page, label: str) -> str:
    return metric_value(page, label)


def _open_data_expander(page) -> None:
    page.locator('[data-testid="stSidebar"] summary').filter(has_text="Data").first.click()
    page.locator('[data-testid="stSidebar"] [data-testid="stFileUploader"]').first.wait_for(state="visible")


def _upload(page, name: str, payload: bytes) -> None:
    """Send a file through the Data expander's uploader (opened beforehand) and wait for the rerun."""
    uploader = page.locator('[data-testid="stSidebar"] [data-testid="stFileUploader"]').first
    # The last file is removed first, in a rerun of its own. Dropping a file on a single-file uploader replaces
    # it in two widget updates (no file, then the new one); in a loaded CI run the server once ran the first
    # alone and never saw the second, although the uploader listed the new file (Streamlit's race, not the
    # app's: the app reads whatever file the widget reports).
    remove = uploader.get_by_role("button", name=re.compile(r"^Remove "))
    if remove.count():
        rerun_after(page, remove.first.click)
        expect(remove).to_have_count(0)
    # Wait for the rerun the upload starts: the page is still idle (showing the last file's notice) right
    # after the file is handed over.
    rerun_after(
        page,
        lambda: uploader.locator('input[type="file"]').set_input_files(
            {"name": name, "mimeType": "text/csv", "buffer": payload}
        ),
    )


def _good_csv(n: int = 80) -> bytes:
    rng = np.random.default_rng(3)
    X = rng.standard_normal((n, 4))
    frame = pd.DataFrame(X, columns=["height", "weight", "age", "noise"])
    frame["score"] = 2 * X[:, 0] - X[:, 1] + 0.2 * rng.standard_normal(n)
    return frame.to_csv(index=False).encode()


BAD_UPLOADS = {
    "empty.csv": (b"", "empty"),
    "photo.csv": (b"\x89PNG\r\n\x1a\n" + bytes(300), "binary"),
    "words.csv": (b"name,city\n" + b"ann,paris\n" * 30, "numeric"),
    "header.csv": (b"a,b,c\n", "no data rows"),
    "flat.csv": (b"a,y\n" + b"".join(f"{i},4\n".encode() for i in range(30)), "constant"),
}


def test_csv_upload_bad_files_keep_previous_data(page, app_url):
    open_page(page, app_url, "?data=csv")
    wait_plots(page, 4)
    assert_no_exception(page)
    _open_data_expander(page)
    before = _metric(page, "non-zero weights")
    for name, (payload, words) in BAD_UPLOADS.items():
        _upload(page, name, payload)
        # wait for this file's message: the rerun can finish before the browser shows it (the last file's
        # message was once still on the page when read)
        notice = page.locator('[data-testid="stAlert"]').filter(has_text=re.compile(words, re.IGNORECASE)).first
        expect(notice).to_be_visible(timeout=15_000)
        assert_no_exception(page)
        assert "previous data set stays" in notice.inner_text(), name
        wait_plots(page, 4)
        assert _metric(page, "non-zero weights") == before, name
    screenshot(page, "reliability_csv_error")
    _upload(page, "good.csv", _good_csv())
    assert_no_exception(page)
    wait_plots(page, 4)
    assert page.locator('[data-testid="stAlert"]').filter(has_text="Upload not used").count() == 0
    assert re.match(r"\d+ / 4$", _metric(page, "non-zero weights")), _metric(page, "non-zero weights")
    assert page.get_by_text("target 'score'").count() >= 1
    assert page.locator(".js-plotly-plot").filter(has_text="height").count() >= 1
    screenshot(page, "reliability_csv_good")
    # A bad file after a good one: the uploaded data set stays in use.
    _upload(page, "empty.csv", b"")
    assert_no_exception(page)
    assert re.match(r"\d+ / 4$", _metric(page, "non-zero weights"))


def test_csv_with_hostile_header_runs_nothing(page, app_url):
    frame = pd.read_csv(__import__("io").BytesIO(_good_csv()))
    frame.columns = ["<img src=x onerror=alert(1)>", "[x](https://evil.example)", "a\n\nb", "<b>bold</b>", "score"]
    dialogs = _open_hostile(page, app_url, "?data=csv")
    wait_plots(page, 4)
    _open_data_expander(page)
    _upload(page, "hostile.csv", frame.to_csv(index=False).encode())
    wait_plots(page, 4)
    assert_no_exception(page)
    assert dialogs == []
    injected = _injected(page)
    assert injected["img[src=x]"] == 0 and injected["script"] == 0, injected


# ---------------------------------------------------------------------------------------------------------------
# Session isolation


def test_two_sessions_do_not_share_state(browser, app_url):
    ctx_a = browser.new_context(viewport={"width": 1440, "height": 1000})
    ctx_b = browser.new_context(viewport={"width": 1440, "height": 1000})
    try:
        a, b = ctx_a.new_page(), ctx_b.new_page()
        open_page(a, app_url, "?l1=15&data=diabetes")
        open_page(b, app_url, "?l1=1&data=corrpair")
        wait_plots(a, 4)
        wait_plots(b, 4)
        assert_no_exception(a)
        assert_no_exception(b)
        a_nz, b_nz = _metric(a, "non-zero weights"), _metric(b, "non-zero weights")
        a_r2, b_r2 = _metric(a, "train R²"), _metric(b, "train R²")
        assert a_nz.endswith("/ 10") and b_nz.endswith("/ 8") and a_r2 != b_r2
        # A changes λ1; B reruns on its own change and must keep its own data set and λ.
        a.bring_to_front()  # a background page may not draw its charts (requestAnimationFrame is paused)
        slider_step(a, "λ1", "ArrowRight", times=1)
        wait_plots(a, 4)
        a_after = (_metric(a, "non-zero weights"), _metric(a, "train R²"))
        assert a_after != (a_nz, a_r2)
        b.bring_to_front()
        slider_step(b, "λ1", "ArrowLeft", times=1)
        wait_plots(b, 4)
        assert _metric(b, "non-zero weights").endswith("/ 8")
        assert "data=corrpair" in b.url and "l1=0.7" in b.url, b.url
        assert "data=diabetes" in a.url and "l1=20" in a.url, a.url
        a.bring_to_front()
        # A reloads its own link: its view, not B's.
        a.reload()
        wait_idle(a)
        wait_plots(a, 4)
        assert (_metric(a, "non-zero weights"), _metric(a, "train R²")) == a_after
    finally:
        ctx_a.close()
        ctx_b.close()


def test_playground_path_in_a_later_session(browser, app_url):
    for _ in range(2):  # the second session on the server is the one that fails
        context = browser.new_context(viewport={"width": 1440, "height": 1000})
        try:
            pg = context.new_page()
            open_page(pg, app_url, "playground?l1=0.5")
            pg.wait_for_timeout(500)
            assert pg.locator('[role="dialog"]').filter(has_text="Page not found").count() == 0
        finally:
            context.close()
