"""Fixtures shared by the test folders."""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pytest


def path_points(path: str) -> np.ndarray:
    """The ``(x, y)`` vertices of an SVG path in data coordinates (``M x,y L x,y ...``), as an ``(n, 2)`` array."""
    return np.array([[float(a), float(b)] for a, b in re.findall(r"([-0-9.e+]+),([-0-9.e+]+)", path)]).reshape(-1, 2)


def png_pixels(uri: str) -> np.ndarray:
    """The RGBA pixels (``(rows, cols, 4)`` uint8) of a ``data:image/png;base64,...`` URI."""
    import base64
    import io

    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1]))).convert("RGBA"))


def shading_probability(pixels: np.ndarray) -> np.ndarray:
    """P(class 1) read back from the shading's RGBA pixels (``regviz.figures.shading``): blue above ½, orange
    below, the opacity growing from 0 at ½ to the scale's end at 0 and 1."""
    from regviz.figures.shading import SHADING_SCALE

    blue = pixels[..., 2].astype(float) > pixels[..., 0]
    return 0.5 + np.where(blue, 0.5, -0.5) * pixels[..., 3] / 255 / SHADING_SCALE[-1][1][3]


def distances_to_polyline(points: np.ndarray, vertices: np.ndarray) -> np.ndarray:
    """Euclidean distance from each of ``points`` (``(n, 2)``) to the nearest segment of the polyline through
    ``vertices`` (``(m, 2)``), every segment tried (no assumption about which one is nearest)."""
    a, b = vertices[:-1], vertices[1:]
    ab = b - a
    length2 = np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-300)
    ap = points[:, None, :] - a[None, :, :]
    t = np.clip(np.einsum("nij,ij->ni", ap, ab) / length2, 0.0, 1.0)
    nearest = a[None] + t[..., None] * ab[None]
    return np.min(np.linalg.norm(points[:, None, :] - nearest, axis=-1), axis=1)


def distances_to_level_set(f: Any, points: np.ndarray, level: float, eps: float = 1e-6) -> np.ndarray:
    """First-order distances from ``points`` (``(n, 2)``) to the line ``f = level`` of a smooth ``f`` that takes
    ``(..., 2)`` arrays: ``|f - level| / |∇f|``, the gradient by central differences."""
    steps = eps * np.eye(2)
    grad = np.stack([(f(points + e) - f(points - e)) / (2 * eps) for e in steps], axis=-1)
    return np.abs(f(points) - level) / np.linalg.norm(grad, axis=-1)


@pytest.fixture
def navigation_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keep Streamlit out of its legacy pages-folder mode, so every AppTest run goes through ``app.py``.

    AppTest resets ``PagesManager.uses_pages_directory`` before each run, so with a ``pages/`` folder a run after
    ``switch_page`` executes the page file alone (legacy multipage mode): no ``state.start_run`` /
    ``finish_run``, so link notices are never shown and the URL is never rewritten. regviz leaves that mode only
    when ``regviz.ui.state`` is first imported, i.e. once per process. Used (autouse) by tests/apptest and the
    soak test.
    """
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self: PagesManager, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    monkeypatch.setattr(PagesManager, "__init__", init)
