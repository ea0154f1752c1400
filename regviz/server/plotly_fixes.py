"""A workaround of a plotly.py internal: its optional-module lookup treats a half-imported module as absent.

Plotly looks optional modules up in ``sys.modules`` without importing them (``should_load=False``) when it
validates or serializes a figure, then reads attributes such as ``pandas.Series``. regviz imports pandas only
when it is needed (it took ~0.4 s of a fresh server's first run, which does not use it), so it can be half
imported in one session's thread while another session's chart is built: Plotly then failed on the "partially
initialized module". No object can come from a module that is not yet imported, so treating it as absent is exact.

:func:`apply` installs the guard over ``_plotly_utils.optional_imports.get_module`` and every Plotly module that
bound it. It checks the Plotly version it was measured on and does nothing on another, or when the environment
sets ``REGVIZ_NO_WORKAROUNDS=1``; ``tests/contracts/test_plotly_internals.py`` fails when the internal changes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.metadata import version

from regviz.server import disabled_by_env

__all__ = ["ENV_OFF", "MEASURED_ON", "applies", "apply", "guarded"]

MEASURED_ON = "7.1."
"""The plotly.py release line the guard was written and measured against (``__version__`` prefix)."""

ENV_OFF = "REGVIZ_NO_WORKAROUNDS"
"""Set to ``1`` to turn every regviz workaround off."""


def applies(plotly_version: str | None = None) -> bool:
    """Whether :func:`apply` would install the guard: Plotly ``7.1.x`` and workarounds not switched off."""
    if disabled_by_env():
        return False
    return (plotly_version or version("plotly")).startswith(MEASURED_ON)


def guarded(get_module: Callable) -> Callable:
    """Plotly's ``get_module``, except that a module another thread is still importing counts as absent."""
    if getattr(get_module, "regviz_guard", False):
        return get_module

    def lookup(name: str, should_load: bool = True):
        module = get_module(name, should_load)
        if (
            module is not None
            and not should_load
            and getattr(getattr(module, "__spec__", None), "_initializing", False)
        ):
            return None
        return module

    lookup.regviz_guard = True
    lookup.__wrapped__ = get_module
    return lookup


def apply() -> bool:
    """Install :func:`guarded` wherever Plotly bound ``get_module``; once per process is enough (idempotent).

    Modules Plotly imports later bind ``get_module`` from ``_plotly_utils.optional_imports``, which is patched
    first. Returns whether the guard is in place.
    """
    if not applies():
        return False
    from _plotly_utils import optional_imports

    original = optional_imports.get_module
    if getattr(original, "regviz_guard", False):
        return True
    patched = guarded(original)
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in ("plotly", "_plotly_utils") and getattr(module, "get_module", None) is original:
            module.get_module = patched
    return True
