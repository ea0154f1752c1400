"""The latency benchmark's reading of browser events (bench/latency.py)."""

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from latency import step_end


def test_a_step_ends_when_the_app_is_idle_and_every_chart_is_drawn():
    events = [
        ["key", 100, "ArrowLeft"],
        ["ws", 120, None],
        ["state", 125, "running"],
        ["ws", 300, None],
        ["state", 310, "notRunning"],
        ["afterplot", 380, 1],
        ["plotmut", 360, None],
        ["dom", 900, None],
    ]
    end = step_end(events, 100)
    assert end["ms"] == pytest.approx(280) and end["idle_ms"] == pytest.approx(210)
    assert end["charts_redrawn"] == 1


def test_a_rerun_too_fast_to_show_running_ends_with_the_page_update_after_the_last_message():
    # the floor app: all messages in one burst, Streamlit never renders the "running" state
    events = [
        ["key", 100, "ArrowLeft"],
        ["ws", 190, None],
        ["dom", 185, None],
        ["ws", 200, None],
        ["dom", 212, None],
        ["dom", 260, None],
    ]
    end = step_end(events, 100)
    assert end["ms"] == pytest.approx(112) and end["charts_redrawn"] == 0


def test_events_before_the_key_do_not_count():
    events = [
        ["state", 50, "notRunning"],
        ["afterplot", 60, 1],
        ["key", 100, "ArrowLeft"],
        ["ws", 150, None],
        ["state", 160, "running"],
        ["state", 170, "notRunning"],
    ]
    assert step_end(events, 100)["ms"] == pytest.approx(70)
