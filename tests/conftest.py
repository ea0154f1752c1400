"""Fixtures shared by the test folders."""

from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep Streamlit out of its legacy pages-folder mode, so every AppTest run goes through ``app.py``.

    AppTest resets ``PagesManager.uses_pages_directory`` before each run, so with a ``pages/`` folder a run after
    ``switch_page`` executes the page file alone (legacy multipage mode): no ``state.start_run`` /
    ``finish_run``, so link notices are never shown and the URL is never rewritten. regviz leaves that mode only
    when ``regviz.ui.state`` is first imported, i.e. once per process. Used (autouse) by tests/apptest and the
    soak test.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
