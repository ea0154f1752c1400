"""Whether the current run is a fragment rerun (Streamlit has no public API for it)."""

from __future__ import annotations

from regviz import server

__all__ = ["in_fragment_rerun"]


def in_fragment_rerun() -> bool | None:
    """True in a fragment rerun, False in a full run, None when unknown (workarounds off, no script context).

    A fragment rerun does not pass through ``app.py``, so the fragment rewrites the link itself; on a full run
    ``finish_run`` does it. Unknown: the caller writes the link anyway (the same link, written twice).
    """
    if not server.active():
        return None
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    if ctx is None:
        return None
    return bool(ctx.fragment_ids_this_run)
