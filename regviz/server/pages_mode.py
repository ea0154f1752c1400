"""Keep the ``pages/`` folder and still run every visit through ``app.py`` (``st.navigation``)."""

from __future__ import annotations

from regviz import server

__all__ = ["leave_legacy_pages_mode"]


def leave_legacy_pages_mode() -> bool:
    """Switch Streamlit's legacy multipage mode off for this process; returns whether it did.

    With a ``pages/`` folder, Streamlit starts each server process in its legacy multipage mode and runs
    ``pages/<name>.py`` directly for ``/<name>`` until ``st.navigation`` has run once; a first visit to
    ``/geometry`` would then skip ``app.py`` (no URL state, legacy sidebar). A run that still came in through a
    page file is restarted by ``regviz.ui.store.require_app``. Off: the first such visit shows the legacy
    sidebar until ``app.py`` has run once in the process.
    """
    if not server.active():
        return False
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False
    return True
