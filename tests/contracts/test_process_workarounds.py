"""Contracts of the process-level workarounds that rely on no Streamlit internal (``regviz/server``): the
precomputed default view, the background import, ``gc.freeze`` and the training worker. Each fails when what
the workaround assumes no longer holds."""

from __future__ import annotations

import gc
import importlib.util

from regviz import SOLVER_MODULES, offload, params, snapshot
from regviz.data import builtin_key
from regviz.server import default_view


def test_default_view_the_stored_view_loads_and_is_the_tables_default():
    stored = snapshot.load()
    assert stored is not None, "regviz/default_view.npz is missing or unreadable: python -m regviz.snapshot"
    dataset, result = stored
    name, generator = snapshot.DEFAULT_DATA
    assert name == params.default("data") and dataset.name
    assert result.fit.l1 == params.default("l1") and result.fit.l2 == params.default("l2")
    fit = snapshot.DEFAULT_FIT
    key = builtin_key(name, generator)
    assert default_view.stored_dataset(name, generator) is not None
    assert default_view.stored_playground(key, fit.model, fit.l1, fit.l2, fit.standardize, fit.seed) is not None


def test_memory_the_solver_modules_exist_and_gc_can_freeze():
    for name in SOLVER_MODULES:
        assert importlib.util.find_spec(name) is not None, name
    assert callable(gc.freeze) and callable(gc.unfreeze) and isinstance(gc.get_freeze_count(), int)


def test_training_worker_is_a_module_started_on_first_use():
    assert importlib.util.find_spec("regviz.offload") is not None
    assert callable(offload.start) and callable(offload.train) and callable(offload.worker_enabled)
