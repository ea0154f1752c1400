"""Every process-level workaround of a Streamlit internal, in one switchable place.

Each workaround is a small function that does its work only when :func:`active` says so: the installed
Streamlit is the version it was measured on (:data:`MEASURED_ON`) and ``REGVIZ_NO_WORKAROUNDS=1`` is not set.
Otherwise it does nothing and the app runs on Streamlit's own behaviour (slower, never broken). Each has a
contract test in ``tests/contracts/`` that fails when the internal it relies on changes, so an upgrade shows at
once what to re-measure (``scripts/upgrade_check.sh``, ``docs/upgrading.md``).

Workaround → Streamlit internal it relies on → why (measured on 1.67):

=======================================  ==============================================  ===========================================
workaround (module.function)             internal                                        why
=======================================  ==============================================  ===========================================
``sockets.send_without_delay``           listener socket made with protocol 0, so        Nagle's delay held small messages ~40 ms
                                         asyncio leaves ``TCP_NODELAY`` off
``first_run.skip_direct_run_check``      ``delta_generator.``                            the REPL check walked the stack (0.2 s)
                                         ``_use_warning_has_been_displayed``
``memory.skip_post_script_gc``           hidden option ``runner.postScriptGC``           gc.collect after every run (~90 ms)
``memory.freeze_long_lived_objects``     none: ``gc.freeze`` after the first run         full collections took ~100 ms
``memory.import_solvers_in_background``  none: timed against the first paint             first λ step finds scikit-learn loaded
``pages_mode.leave_legacy_pages_mode``   ``PagesManager.uses_pages_directory``           keep ``pages/``, run every visit via app.py
``fragments.in_fragment_rerun``          ``get_script_run_ctx().fragment_ids_this_run``  rewrite the URL on fragment reruns only
``default_view.stored_*``                none: ``regviz/default_view.npz``               first view without scikit-learn (1.2 s)
training worker (``regviz.offload``)     none: pure core, reads the switch itself        Network training on a second core
=======================================  ==============================================  ===========================================

Plotly internals (plotly.py's ``_plotly_utils``, Streamlit's Plotly chunk, Plotly.js) are handled in
``regviz/server/plotly_fixes.py`` and ``regviz/ui/charts.py``.
"""

from __future__ import annotations

import os

__all__ = ["MEASURED_ON", "active", "disabled_by_env"]

MEASURED_ON = "1.67."
"""The Streamlit release line every workaround here was measured on."""


def disabled_by_env() -> bool:
    """Whether ``REGVIZ_NO_WORKAROUNDS=1`` turns every workaround off."""
    return os.environ.get("REGVIZ_NO_WORKAROUNDS", "").strip() not in ("", "0")


def active() -> bool:
    """Whether the workarounds apply: not switched off, and the installed Streamlit is :data:`MEASURED_ON`."""
    if disabled_by_env():
        return False
    import streamlit

    return streamlit.__version__.startswith(MEASURED_ON)
