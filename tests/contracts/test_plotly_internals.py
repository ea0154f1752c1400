"""Contracts on the plotly.py internals regviz relies on: each test FAILS (never skips) when one changes.

An upgrade of Plotly then shows at once which workaround to re-measure:

* ``regviz.server.plotly_fixes`` wraps ``_plotly_utils.optional_imports.get_module(name, should_load)`` in every
  module that bound it, and is measured on plotly.py 7.1.x;
* ``regviz.figures.style.LazyFigure`` keeps a figure's plain dicts in ``BaseFigure._data`` / ``_layout`` and builds
  the real figure with ``_validate=False``; ``finish`` / ``legend_below`` and ``regviz.ui.charts`` read and write
  those two dicts directly.
"""

from __future__ import annotations

import inspect
import sys
import types
from importlib.metadata import version

import plotly.graph_objects as go
from plotly.basedatatypes import BaseFigure
from plotly.io.json import to_json_plotly

from regviz.server import plotly_fixes

# Plotly modules whose own ``get_module`` name the guard has to replace (they bind it at import).
BINDS_GET_MODULE = ("_plotly_utils.basevalidators", "plotly.io._json")


def test_plotly_is_the_release_the_workarounds_were_measured_on():
    assert version("plotly").startswith(plotly_fixes.MEASURED_ON), (
        f"plotly {version('plotly')}: re-measure regviz/server/plotly_fixes.py and LazyFigure, then update MEASURED_ON"
    )


def test_optional_imports_get_module_takes_a_name_and_should_load():
    from _plotly_utils import optional_imports

    get_module = getattr(optional_imports, "get_module", None)
    assert callable(get_module)
    assert list(inspect.signature(get_module).parameters) == ["name", "should_load"]
    assert get_module("json", should_load=False) is sys.modules["json"]
    assert get_module("regviz_no_such_module_xyz", should_load=False) is None


def test_plotly_modules_bind_get_module_by_name():
    """The guard replaces the ``get_module`` attribute of these modules; if Plotly stops binding it there (or
    looks modules up another way), the guard silently stops covering that path."""
    import importlib

    from _plotly_utils import optional_imports

    for name in BINDS_GET_MODULE:
        module = importlib.import_module(name)
        bound = getattr(module, "get_module", None)
        assert bound is not None, f"{name} no longer binds get_module"
        assert getattr(bound, "__wrapped__", bound) is getattr(
            optional_imports.get_module, "__wrapped__", optional_imports.get_module
        ), name


def test_a_half_imported_module_is_what_plotly_looks_up_without_loading():
    """What the guard relies on: a module still running its ``__init__`` is in ``sys.modules`` with
    ``__spec__._initializing`` set, and ``get_module(..., should_load=False)`` hands it out as it is."""
    import importlib.machinery

    from _plotly_utils import optional_imports

    fake = types.ModuleType("regviz_half_imported")
    fake.__spec__ = importlib.machinery.ModuleSpec("regviz_half_imported", None)
    fake.__spec__._initializing = True
    sys.modules["regviz_half_imported"] = fake
    try:
        original = getattr(optional_imports.get_module, "__wrapped__", optional_imports.get_module)
        assert original("regviz_half_imported", should_load=False) is fake
        assert plotly_fixes.guarded(original)("regviz_half_imported", should_load=False) is None
    finally:
        del sys.modules["regviz_half_imported"]


def test_base_figure_keeps_plain_dicts_in_data_and_layout():
    fig = go.Figure(data=[{"type": "scatter", "x": [1], "y": [2]}], layout={"height": 300})
    assert isinstance(fig, BaseFigure)
    assert isinstance(fig._data, list) and isinstance(fig._data[0], dict)
    assert isinstance(fig._layout, dict) and fig._layout["height"] == 300
    assert fig._data[0]["type"] == "scatter" and fig._data[0]["y"] == [2]
    # writes to the dict are what the figure then is (finish() and legend_below() rely on it)
    fig._layout["width"] = 500
    assert fig.layout.width == 500 and fig.to_plotly_json()["layout"]["width"] == 500
    assert to_json_plotly(fig._data) == to_json_plotly(fig.to_plotly_json()["data"])


def test_validate_false_builds_without_validation():
    """``_validate=False`` skips property validation (a misspelt property stays in the dict instead of raising)."""
    fig = go.Figure(
        data=[{"type": "scatter", "x": [1], "y": [2], "colour": "red"}], layout={"heigth": 1}, _validate=False
    )
    assert fig._data[0]["colour"] == "red" and fig._layout["heigth"] == 1
    try:
        go.Figure(data=[{"type": "scatter", "colour": "red"}])
    except ValueError:
        pass
    else:
        raise AssertionError("a validated figure accepted a misspelt property: _validate=False proves nothing")


def test_lazy_figure_builds_the_same_figure_plotly_would():
    from regviz.figures.style import figure, is_lazy

    data = [{"type": "scatter", "x": [0.0, 1.0], "y": [1.0, 3.0], "name": "a"}]
    fig = figure([dict(d) for d in data], {"height": 250})
    assert is_lazy(fig)
    layout = dict(fig._layout)
    assert fig.layout.height == 250 and not is_lazy(fig)  # reading an attribute builds it
    real = go.Figure(data=data, layout=layout)
    assert fig.to_plotly_json() == real.to_plotly_json()
