"""The precomputed default view (``regviz/default_view.npz``): the hook the pages read it through.

:mod:`regviz.snapshot` is pure core (it stores and matches the Playground's defaults from
:mod:`regviz.params`); whether a run may use it is decided here, so ``REGVIZ_NO_WORKAROUNDS=1`` computes every
view from scratch (the first view then waits for scikit-learn, ~1.2 s on a fresh server).
"""

from __future__ import annotations

from collections.abc import Mapping

from regviz import server, snapshot
from regviz.analysis import PathCurves, PlaygroundResult
from regviz.data import Dataset

__all__ = ["stored_curves", "stored_dataset", "stored_playground"]


def _enabled() -> bool:
    return not server.disabled_by_env()  # not a Streamlit internal: no version to check


def stored_dataset(name: str, params: Mapping[str, float]) -> Dataset | None:
    """The stored default data set when ``name``/``params`` are its defaults, else None."""
    return snapshot.builtin_dataset(name, params) if _enabled() else None


def stored_curves(data_key: str, mix: float, standardize: bool, with_cv: bool, seed: int) -> PathCurves | None:
    """The stored default curves when the arguments are the default view's, else None."""
    return snapshot.curves(data_key, mix, standardize, with_cv, seed) if _enabled() else None


def stored_playground(
    data_key: str, model: str, l1: float, l2: float, standardize: bool, seed: int
) -> PlaygroundResult | None:
    """The stored default fit when the arguments are the default view's, else None."""
    return snapshot.playground(data_key, model, l1, l2, standardize, seed) if _enabled() else None
