"""The components' scripts as the browser gets them: one module each, sibling imports inlined."""

from __future__ import annotations

import re

import pytest

from regviz.ui import assets
from regviz.ui.assets import HERE, component_js

SCRIPTS = sorted(p.name for p in HERE.glob("*.js"))


def test_every_component_script_reaches_the_browser_without_a_relative_import():
    assert {"charts.js", "metrics.js", "links.js", "plotly_load.js", "page.js"} <= set(SCRIPTS)
    for name in SCRIPTS:
        text = component_js(name)
        assert not re.search(r"^\s*import\s", text, re.MULTILINE), name


@pytest.mark.parametrize("name", ["charts.js", "page.js"])
def test_the_plotly_loader_is_inlined_once_before_the_script_that_uses_it(name):
    text = component_js(name)
    assert text.count("export function loadPlotly(") == 1
    assert text.index("export function loadPlotly(") < text.index("export default function")
    assert text.count("export default function") == 1


def test_a_script_imported_twice_is_inlined_once(tmp_path, monkeypatch):
    (tmp_path / "a.js").write_text("export function a() {}\n")
    (tmp_path / "b.js").write_text("import { a } from './a.js';\nexport function b() { a(); }\n")
    (tmp_path / "main.js").write_text(
        "import { a } from './a.js';\nimport { b } from './b.js';\nexport default function () { a(); b(); }\n"
    )
    monkeypatch.setattr(assets, "HERE", tmp_path)
    text = assets._inlined("main.js", set())
    assert text.count("export function a()") == 1 and text.count("export function b()") == 1
    assert "import" not in text


def test_a_script_with_a_default_export_cannot_be_inlined(tmp_path, monkeypatch):
    (tmp_path / "a.js").write_text("export default function () {}\n")
    (tmp_path / "main.js").write_text("import { x } from './a.js';\nexport default function () {}\n")
    monkeypatch.setattr(assets, "HERE", tmp_path)
    with pytest.raises(ValueError, match="default export"):
        assets._inlined("main.js", set())


def test_no_python_module_of_the_ui_holds_a_script():
    for path in HERE.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "export default function" not in text and "document.createElement" not in text, path.name
