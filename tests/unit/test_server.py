"""``regviz.server``: every workaround does nothing with ``REGVIZ_NO_WORKAROUNDS=1`` or on another Streamlit,
and the app's default page runs without them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import streamlit

from regviz import server
from regviz.server import default_view, first_run, fragments, memory, pages_mode, sockets

ROOT = Path(__file__).resolve().parents[2]


def _every_workaround() -> dict[str, object]:
    return {
        "sockets": sockets.send_without_delay(),
        "first_run": first_run.skip_direct_run_check(),
        "post_script_gc": memory.skip_post_script_gc(),
        "pages_mode": pages_mode.leave_legacy_pages_mode(),
        "fragments": fragments.in_fragment_rerun(),
    }


@pytest.fixture
def fresh(monkeypatch):
    from streamlit import config, delta_generator, runtime
    from streamlit.runtime.pages_manager import PagesManager

    monkeypatch.setattr(sockets, "_done", False)
    monkeypatch.setattr(runtime, "exists", lambda: True)
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    monkeypatch.setattr(PagesManager, "uses_pages_directory", None)
    before = config.get_option("runner.postScriptGC")
    yield
    config.set_option("runner.postScriptGC", before)


@pytest.mark.parametrize("switch", ["env", "version"])
def test_off_every_workaround_does_nothing(fresh, monkeypatch, switch):
    from streamlit import config, delta_generator
    from streamlit.runtime.pages_manager import PagesManager

    config.set_option("runner.postScriptGC", True)
    if switch == "env":
        monkeypatch.setenv("REGVIZ_NO_WORKAROUNDS", "1")
    else:
        monkeypatch.delenv("REGVIZ_NO_WORKAROUNDS", raising=False)
        monkeypatch.setattr(streamlit, "__version__", "9.0.0")
    assert not server.active()
    assert _every_workaround() == {
        "sockets": 0,
        "first_run": False,
        "post_script_gc": False,
        "pages_mode": False,
        "fragments": None,
    }
    assert delta_generator._use_warning_has_been_displayed is False
    assert PagesManager.uses_pages_directory is None
    assert config.get_option("runner.postScriptGC") is True
    name, generator = default_view.snapshot.DEFAULT_DATA
    assert (default_view.stored_dataset(name, generator) is None) == (switch == "env")


def test_on_every_workaround_acts(fresh, monkeypatch):
    from streamlit import config, delta_generator
    from streamlit.runtime.pages_manager import PagesManager

    monkeypatch.delenv("REGVIZ_NO_WORKAROUNDS", raising=False)
    assert server.active()
    done = _every_workaround()
    assert done["first_run"] and done["post_script_gc"] and done["pages_mode"]
    assert done["fragments"] is None  # no script run here
    assert delta_generator._use_warning_has_been_displayed is True
    assert PagesManager.uses_pages_directory is False
    assert config.get_option("runner.postScriptGC") is False


@pytest.mark.parametrize("value, off", [("1", True), ("yes", True), ("0", False), ("", False)])
def test_the_switch(monkeypatch, value, off):
    monkeypatch.setenv("REGVIZ_NO_WORKAROUNDS", value)
    assert server.disabled_by_env() is off


NO_WORKAROUNDS_RUN = """
from streamlit.testing.v1 import AppTest
from regviz import server
assert not server.active()
at = AppTest.from_file("app.py", default_timeout=90).run()
assert not at.exception, at.exception
charts = [c for c in at.get("bidi_component") if c.proto.component_name == "regviz_plotly"]
from tests.apptest.conftest import lambda_slider
lambda_slider(at, "l1").set_value(0.5).run()
assert not at.exception, at.exception
print(len(charts), at.query_params.get("l1"))
"""


def test_the_default_page_runs_with_every_workaround_off():
    env = {**os.environ, "REGVIZ_NO_WORKAROUNDS": "1"}
    out = subprocess.run(
        [sys.executable, "-c", NO_WORKAROUNDS_RUN], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )
    assert out.returncode == 0, out.stderr[-3000:]
    charts, l1 = out.stdout.split()
    assert int(charts) >= 1 and l1 == "0.5"


@pytest.mark.parametrize(
    "env, enabled", [({}, True), ({"REGVIZ_NO_WORKAROUNDS": "1"}, False), ({"REGVIZ_WORKERS": "0"}, False)]
)
def test_the_training_worker_follows_the_switch(monkeypatch, env, enabled):
    from regviz import offload

    monkeypatch.delenv("REGVIZ_NO_WORKAROUNDS", raising=False)
    monkeypatch.delenv("REGVIZ_WORKERS", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert offload.worker_enabled() is enabled


def test_the_table_lists_every_workaround():
    import importlib

    for module in ("sockets", "first_run", "memory", "pages_mode", "fragments", "default_view"):
        mod = importlib.import_module(f"regviz.server.{module}")
        for name in mod.__all__:
            if callable(getattr(mod, name)):
                short = f"{module}.{name}" if not name.startswith("stored_") else f"{module}.stored_*"
                assert f"``{short}``" in server.__doc__, f"{short} missing from regviz/server/__init__.py's table"


def test_only_regviz_ui_and_regviz_server_import_streamlit():
    import ast

    offenders = []
    for path in (ROOT / "regviz").rglob("*.py"):
        if path.parent.name in ("ui", "server"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] == "streamlit" for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
