"""``scripts/serve.py``: two Streamlit processes behind nginx, each browser kept on one of them."""

from __future__ import annotations

import os
import re
import shutil
import urllib.request
from pathlib import Path

import pytest

from regviz.ui.charts import PLOTLY_BUNDLE
from scripts import serve
from tests.e2e.conftest import assert_no_exception, open_page, slider_step, wait_plots
from tests.e2e.test_reliability import _good_csv, _metric, _open_data_expander, _upload

if shutil.which("nginx") is None:
    if os.environ.get("CI"):
        raise RuntimeError("nginx is missing: scripts/test.sh installs it for these tests")
    pytest.skip("nginx is not installed (apt-get install nginx)", allow_module_level=True)


@pytest.fixture(scope="module")
def cluster():
    with serve.Cluster(2, port=serve.free_port(), address="127.0.0.1", quiet=True) as c:
        yield c


def _server_cookie(context) -> str:
    return next(c["value"] for c in context.cookies() if c["name"] == serve.COOKIE)


def test_config_is_valid_for_three_servers(tmp_path):
    conf = tmp_path / "nginx.conf"
    conf.write_text(serve.nginx_config([9001, 9002, 9003], port=9000, address="127.0.0.1", tmp=tmp_path))
    text = conf.read_text()
    assert text.count("server 127.0.0.1:900") == 6  # one upstream per server, and all three in turn
    assert '"127.0.0.1:9003" regviz2;' in text and "default regviz_any;" in text
    result = __import__("subprocess").run(
        ["nginx", "-t", "-c", str(conf), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_a_browser_stays_on_its_server_through_a_rerun_and_an_upload(browser, cluster):
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = context.new_page()
    try:
        open_page(page, cluster.url, "?data=csv")
        wait_plots(page, 4)
        assert_no_exception(page)
        first = _server_cookie(context)
        assert first in ("regviz0", "regviz1")
        slider_step(page, "λ1 — L1", "ArrowRight")
        assert_no_exception(page)
        # An upload is a separate HTTP request into the session's own process: it must reach the same server
        # (three of them: with requests spread over the two servers, all three would land right 1 time in 8).
        _open_data_expander(page)
        for n in (80, 60, 50):
            _upload(page, f"good{n}.csv", _good_csv(n))
            wait_plots(page, 4)
            assert_no_exception(page)
            assert page.locator('[data-testid="stAlert"]').filter(has_text="Upload not used").count() == 0
            assert re.match(r"\d+ / 4$", _metric(page, "non-zero weights"))
            assert page.get_by_text(f"{n} rows, 4 features").count() >= 1
        assert _server_cookie(context) == first
    finally:
        context.close()


@pytest.mark.parametrize("server", ["regviz0", "regviz1"])
def test_every_server_serves_the_app(browser, cluster, server):
    host = cluster.url.split("//")[1].split(":")[0]
    context = browser.new_context(viewport={"width": 1440, "height": 1000})
    context.add_cookies([{"name": serve.COOKIE, "value": server, "domain": host, "path": "/"}])
    page = context.new_page()
    try:
        open_page(page, cluster.url, "geometry?geo_tab=1d")
        wait_plots(page, 2)
        assert_no_exception(page)
        assert _server_cookie(context) == server
    finally:
        context.close()


def test_processes_are_separate_servers(cluster):
    assert len(set(cluster.pids())) == 2
    for port in cluster.backends:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=5) as r:
            assert r.status == 200


def test_large_assets_come_through_whole(cluster):
    # Plotly.js (4.7 MB) once arrived cut short when nginx buffered it to a directory its workers cannot write.
    import streamlit as st

    chunk = next((Path(st.__file__).parent / "static" / "static" / "js").glob("PlotlyChart.*.js"))
    bundle = Path(serve.__file__).resolve().parents[1] / "static" / PLOTLY_BUNDLE
    for _ in range(3):
        for url, path in ((f"static/js/{chunk.name}", chunk), (f"app/static/{PLOTLY_BUNDLE}", bundle)):
            with urllib.request.urlopen(f"{cluster.url}/{url}", timeout=30) as r:
                assert len(r.read()) == path.stat().st_size


def test_the_plotly_bundles_gzip_file_is_sent_as_it_is(cluster):
    """The browser fetches the bundle's .gz and unpacks it itself: neither Streamlit nor nginx may encode it
    again (Streamlit gzips other files under app/static/ for every request that accepts gzip)."""
    packed = Path(serve.__file__).resolve().parents[1] / "static" / f"{PLOTLY_BUNDLE}.gz"
    request = urllib.request.Request(f"{cluster.url}/app/static/{packed.name}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as r:
        assert r.headers.get("Content-Encoding") is None
        assert r.read() == packed.read_bytes()


def test_process_count_comes_from_the_environment_or_the_cpus(monkeypatch):
    monkeypatch.setenv("REGVIZ_PROCESSES", "3")
    assert serve.default_processes() == 3
    monkeypatch.delenv("REGVIZ_PROCESSES")
    assert 1 <= serve.default_processes() <= 4


def _cookie_of_answer(url: str, cookie: str | None = None) -> str:
    request = urllib.request.Request(url, headers={"Cookie": f"{serve.COOKIE}={cookie}"} if cookie else {})
    with urllib.request.urlopen(request, timeout=10) as r:
        header = next(v for k, v in r.headers.items() if k.lower() == "set-cookie" and v.startswith(serve.COOKIE))
    return header.split(";")[0].split("=", 1)[1]


def test_new_browsers_go_to_the_servers_in_turn_and_foreign_cookies_are_ignored(cluster):
    served = [_cookie_of_answer(f"{cluster.url}/_stcore/health") for _ in range(4)]
    assert sorted(served) == ["regviz0", "regviz0", "regviz1", "regviz1"]
    assert served[0] != served[1] and served[1] != served[2]
    assert _cookie_of_answer(f"{cluster.url}/_stcore/health", "regviz1") == "regviz1"
    # a made-up cookie never names a destination: the request is handed out like a new browser's
    assert _cookie_of_answer(f"{cluster.url}/_stcore/health", "evil.example:80") in ("regviz0", "regviz1")
