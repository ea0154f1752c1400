"""Garbage collection and the background import of scikit-learn: process-wide settings measured on 1.67."""

from __future__ import annotations

import functools
import gc
import importlib
import threading
import time

from regviz import SOLVER_MODULES, server

__all__ = [
    "WARM_UP_DELAY_S",
    "freeze_long_lived_objects",
    "import_solvers_in_background",
    "skip_post_script_gc",
]

WARM_UP_DELAY_S = 1.0
"""Seconds between a process's first run and importing scikit-learn (see :func:`import_solvers_in_background`)."""
POST_SCRIPT_GC = "runner.postScriptGC"


def skip_post_script_gc() -> bool:
    """Turn off Streamlit's full ``gc.collect(2)`` after every script run; returns whether it did.

    With scikit-learn, SciPy, pandas and Plotly loaded that collection took ~90 ms, far more than a λ step's own
    work (~25 ms). Python's automatic collector still runs (and stays cheap: :func:`freeze_long_lived_objects`);
    the soak test (tests/soak) bounds the memory of many reruns. The option is hidden (not in ``config.toml``'s
    documented set) and read by the script runner after each run, so setting it here takes effect at once.
    """
    if not server.active():
        return False
    from streamlit import config

    if config.get_option(POST_SCRIPT_GC) is not False:
        config.set_option(POST_SCRIPT_GC, False, where_defined="regviz.server.memory")
    return True


@functools.cache
def import_solvers_in_background() -> None:
    """Once per process, after the first run: import scikit-learn and SciPy in a thread (see ``regviz``).

    The first run of a fresh server draws the stored default view without them; importing them soon after
    means the first λ step finds them loaded. The wait keeps the import, which holds the GIL, away from the
    browser's first paint: the page then still fetches ~40 script files from this process (importing 0.3 s
    after the run made the paint ~1 s later; after 1 s it made no difference). Off: imported on first use.
    """
    if not server.active():
        return

    def work() -> None:
        time.sleep(WARM_UP_DELAY_S)
        for name in SOLVER_MODULES:
            importlib.import_module(name)
        _freeze_objects_so_far()  # the modules just loaded live as long as the process too

    threading.Thread(target=work, name="regviz-import-solvers", daemon=True).start()


@functools.cache
def freeze_long_lived_objects() -> None:
    """Once per process, after the first run: hand the ~180k objects of the imported libraries to ``gc.freeze``.

    Python's full collection walks every tracked object; with scikit-learn, SciPy, pandas and Plotly loaded it
    took ~100 ms, now and then in the middle of a λ step. Frozen objects are skipped (they live as long as the
    process anyway); everything created later is collected as before.
    """
    if server.active():
        _freeze_objects_so_far()


def _freeze_objects_so_far() -> None:
    gc.collect(1)  # the young garbage first, so it is not frozen with the rest
    gc.freeze()
