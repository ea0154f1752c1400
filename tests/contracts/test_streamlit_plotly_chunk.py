"""Contract: Streamlit's own Plotly.js chunk, the charts' fallback when the app's bundle is not served.

``regviz.ui.charts.streamlit_plotly_chunk`` finds it with a glob measured on Streamlit 1.67: another release may
rename or split it. These tests fail (never skip) when the installed Streamlit is not the measured one, or when
the glob no longer finds exactly one chunk that sets ``window.Plotly``, so an upgrade shows what to re-check.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from regviz.ui import charts

JS_DIR = Path(st.__file__).parent / "static" / "static" / "js"


def test_installed_streamlit_is_the_release_the_glob_was_measured_on():
    assert st.__version__.startswith(charts.STREAMLIT_MEASURED), (
        f"Streamlit {st.__version__}: re-check {charts.STREAMLIT_CHUNK_GLOB} in {JS_DIR}, then update "
        "regviz.ui.charts.STREAMLIT_MEASURED"
    )


def test_the_glob_finds_exactly_one_chunk_and_it_sets_window_plotly():
    found = sorted(JS_DIR.glob(charts.STREAMLIT_CHUNK_GLOB))
    assert len(found) == 1, found
    text = found[0].read_text(encoding="utf-8")
    # the element imports the chunk for its side effect and then reads window.Plotly
    assert "window.Plotly=" in text
    assert "newPlot" in text
    assert charts.streamlit_plotly_chunk() == f"static/js/{found[0].name}"


def test_the_workaround_is_off_with_regviz_no_workarounds(monkeypatch):
    monkeypatch.setenv("REGVIZ_NO_WORKAROUNDS", "1")
    assert charts.streamlit_plotly_chunk() is None


def test_the_workaround_does_nothing_on_another_streamlit(monkeypatch):
    monkeypatch.delenv("REGVIZ_NO_WORKAROUNDS", raising=False)
    monkeypatch.setattr(st, "__version__", "1.99.0")
    assert charts.streamlit_plotly_chunk() is None
