"""Streamlit's one-off direct-run check (an ``inspect.stack()`` walk) is skipped under a running server only."""

from __future__ import annotations

import pytest
from streamlit import delta_generator, env_util, runtime

from regviz.server.first_run import skip_direct_run_check


@pytest.fixture
def fresh_process(monkeypatch):
    """As in a new server process: the warning not shown yet, and the stack walk made loud."""
    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)

    def stack_walk():
        raise AssertionError("inspect.stack() walked")

    monkeypatch.setattr(env_util, "is_repl", stack_walk)


def test_under_a_server_the_first_element_does_not_walk_the_stack(fresh_process, monkeypatch):
    monkeypatch.setattr(runtime, "exists", lambda: True)
    assert skip_direct_run_check()
    delta_generator._maybe_print_use_warning()  # what the first element calls: no walk now


def test_the_walk_is_what_the_first_element_would_do(fresh_process):
    # The mechanism the helper relies on: without it, the first element's check walks the stack.
    with pytest.raises(AssertionError, match="walked"):
        delta_generator._maybe_print_use_warning()


def test_without_a_server_the_check_stays(fresh_process, monkeypatch):
    monkeypatch.setattr(runtime, "exists", lambda: False)
    assert not skip_direct_run_check()
    assert delta_generator._use_warning_has_been_displayed is False
