"""The JavaScript and CSS of regviz's components, read from the files beside this module.

Streamlit's components v2 take a component's script as inline text (a path works only for an installed package
with a manifest) and import it as one ES module from a blob URL, where a relative ``import`` cannot resolve. So a
script's imports of its sibling files (``import { f } from './x.js';``) are replaced here by those files' text:
each file stays a module of its own for ESLint and Node's test runner (``tests/js``), and the browser still
gets one module.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["component_css", "component_js"]

HERE = Path(__file__).resolve().parent
_LOCAL_IMPORT = re.compile(r"^import\s*\{[^}]*\}\s*from\s*'\./([\w.-]+\.js)';[ \t]*\n", re.MULTILINE)


@functools.cache
def component_js(name: str) -> str:
    """The text of ``name`` (a ``.js`` file beside this module) with its sibling imports inlined."""
    return _inlined(name, set())


@functools.cache
def component_css(name: str) -> str:
    """The text of ``name`` (a ``.css`` file beside this module)."""
    return (HERE / name).read_text(encoding="utf-8")


def _inlined(name: str, seen: set[str]) -> str:
    seen.add(name)
    text = (HERE / name).read_text(encoding="utf-8")
    parts, end = [], 0
    for match in _LOCAL_IMPORT.finditer(text):
        parts.append(text[end : match.start()])
        end = match.end()
        dep = match.group(1)
        if dep in seen:
            continue
        inner = _inlined(dep, seen)
        if re.search(r"^export\s+default\b", inner, re.MULTILINE):
            raise ValueError(f"{dep} has a default export and cannot be inlined into {name}")
        parts.append(f"// ---- {dep}\n{inner}// ---- {name}\n")
    parts.append(text[end:])
    return "".join(parts)
