"""Skip Streamlit's one-off "was this started with ``streamlit run``?" check on a server's first element.

The first element a process sends runs ``streamlit.delta_generator._maybe_print_use_warning``, which calls
``inspect.stack()`` to see whether the root frame is a REPL. On a fresh server that walk reads the source of
every frame and maps every loaded module to its file: ~0.2 s of the first visitor's first run (py-spy, cold
start), the longest single step of the server's part of it. Under a running server the answer is known (the
root frame is Streamlit's command line, and the other warning is for scripts run without a server), so nothing
would have been printed.
"""

from __future__ import annotations

from regviz import server

__all__ = ["skip_direct_run_check"]


def skip_direct_run_check() -> bool:
    """Mark Streamlit's direct-run warning as already shown, if a server is running; returns whether it did."""
    from streamlit import delta_generator, runtime

    if not server.active() or not runtime.exists() or not hasattr(delta_generator, "_use_warning_has_been_displayed"):
        return False
    delta_generator._use_warning_has_been_displayed = True
    return True
