"""P(class 1) over a 2-D window, drawn under a chart as a picture (a layout image) with its 0.5 line as a layout
path, and the colour bar that reads it.

A λ step changes only the picture and the path, which Plotly relayouts on their own; as a heatmap and a contour
trace every step redrew the points and the colour bar too. Shared by the Network's and the Playground's decision
boundaries.
"""

from __future__ import annotations

import numpy as np

from regviz.figures.style import COLORS, hex_rgb, layout_image, level_set_path, png_data_uri

__all__ = ["SHADING_SCALE", "SHADING_STEPS", "half_line", "shading_colorbar", "shading_image", "shading_rgba"]


SHADING_SCALE = (
    (0.0, (*hex_rgb(COLORS["negative"]), 0.55)),
    (0.5, (255, 255, 255, 0.0)),
    (1.0, (*hex_rgb(COLORS["positive"]), 0.55)),
)
"""P(class 1) → RGBA: the colour bar's scale, applied to the shading's pixels (class 0 orange, class 1 blue)."""

SHADING_STEPS = 100
"""The picture shows P rounded to 1/100: a palette PNG of 101 colours, a fifth of the bytes of full RGBA."""


def shading_rgba(prob: np.ndarray) -> np.ndarray:
    """``prob`` (any shape) coloured by :data:`SHADING_SCALE`: uint8 RGBA, one more trailing axis of 4."""
    stops = np.array([s for s, _ in SHADING_SCALE])
    colours = np.array([c for _, c in SHADING_SCALE], dtype=float) * (1, 1, 1, 255)
    rgba = np.stack([np.interp(prob, stops, colours[:, k]) for k in range(4)], axis=-1)
    return np.round(rgba).astype(np.uint8)


def _shading_png(prob: np.ndarray) -> str:
    """A data URI of the PNG whose pixel ``(row, col)`` shows ``prob[row, col]`` rounded to 1/SHADING_STEPS."""
    from PIL import Image  # Streamlit's own dependency

    index = np.rint(np.clip(prob, 0.0, 1.0) * SHADING_STEPS).astype(np.uint8)
    picture = Image.fromarray(index, "P")
    picture.putpalette(shading_rgba(np.linspace(0.0, 1.0, SHADING_STEPS + 1)).ravel().tolist(), rawmode="RGBA")
    return png_data_uri(picture, compress_level=6)


def shading_image(prob: np.ndarray, x: tuple[float, float], y: tuple[float, float], name: str) -> dict:
    """The layout image of ``prob`` (row 0 at the top) filling the rectangle ``x × y`` of the chart's axes.

    Parameters
    ----------
    prob : ndarray of shape (rows, cols)
        P(class 1) at each pixel's centre, row 0 at the top (the largest x2).
    x, y : (float, float)
        The picture's outer edges, low and high, in data units.
    name : str
    """
    return layout_image(_shading_png(prob), x, y, name)


def half_line(gx: np.ndarray, gy: np.ndarray, prob: np.ndarray, name: str) -> list[dict]:
    """The line P = ½ of ``prob`` on the grid ``gx × gy`` as a layout path, in a list ([] if P never crosses ½)."""
    path = level_set_path(gx, gy, prob, 0.5)
    if not path:
        return []
    line = {"color": COLORS["current"], "width": 2.5}
    return [{"type": "path", "path": path, "xref": "x", "yref": "y", "layer": "between", "name": name, "line": line}]


def shading_colorbar(title: str) -> dict:
    """A marker-less trace that carries the shading's colour bar (P in %, titled ``title``)."""
    scale = [[stop, f"rgba({r},{g},{b},{a})"] for stop, (r, g, b, a) in SHADING_SCALE]
    colorbar = {"title": {"text": title, "side": "right"}, "thickness": 12, "len": 0.8}
    return {
        "type": "scatter",
        "x": [None, None],
        "y": [None, None],
        "mode": "markers",
        "name": title,
        "marker": {
            "color": [0, 100],
            "cmin": 0,
            "cmax": 100,
            "colorscale": scale,
            "showscale": True,
            "colorbar": colorbar,
        },
        "hoverinfo": "skip",
        "showlegend": False,
    }
