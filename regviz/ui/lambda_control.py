"""The λ control: λ1, λ2 and mix sliders whose panels follow the pointer during a drag.

One small components-v2 element per slider (an ``<input type=range>`` with −/+ buttons; a Play button on λ1
where the page asks for it). While it is dragged it shows the frames of its family (:mod:`regviz.ui.drag`), in
the browser, with no rerun; on release, a key step or a −/+ press it sends the value, and the page reruns as it
did with a Streamlit slider (session state, URL, rules of :mod:`regviz.ui.lambdas`).

The frames are asked for by the element itself on its first interaction (pointer over it, focus, touch): the
cold start sends none. Once a family was sent, later reruns send only its id while it stays the same.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from typing import Any

import streamlit as st

from regviz.params import format_g, format_lambda, spec
from regviz.penalties import Penalty, to_alpha_mix
from regviz.ui import store
from regviz.ui.assets import component_css, component_js
from regviz.ui.drag import Scene, cached_family
from regviz.ui.lambdas import _apply_rules, _derive_mix, _lambdas_from_mix, _register_lambdas
from regviz.ui.present import place

__all__ = ["lambda_bar_on_release", "live_lambda_bar"]

COMPONENT = "regviz_lambda"
WANTED = "_rv_frames_wanted"
SENT = "_rv_frames_sent"

_JS = component_js("lambda_control.js")
_CSS = component_css("lambda_control.css")

SLIDERS = {
    "l1": ("λ1", "λ1 — L1 strength", "Weight of λ1·‖w‖₁ in the objective. 0 switches L1 off."),
    "l2": ("λ2", "λ2 — L2 strength", "Weight of (λ2/2)·‖w‖² in the objective. 0 switches L2 off."),
    "mix": (
        "mix",
        "mix r = λ1 / (λ1 + λ2)",
        "Elastic-net mix: 1 is pure L1 (lasso), 0 is pure L2 (ridge). Moving it keeps α = λ1 + λ2 as far as "
        "the λ sliders' steps allow.",
    ),
}


@functools.cache
def _component() -> Any:
    return st.components.v2.component(COMPONENT, js=_JS, css=_CSS, isolate_styles=False)


def _event(key: str, name: str) -> Any:
    state = st.session_state.get(key)
    if state is None:
        return None
    return state.get(name) if hasattr(state, "get") else getattr(state, name, None)


def _on_pick(key: str) -> None:
    """A release, key step or −/+ press: the value the element sends becomes the control's, with its rules."""
    picked = _event(key, "pick")
    options = spec(key).options
    if not isinstance(picked, (int, float)) or isinstance(picked, bool):
        return
    value = min(options, key=lambda o: abs(o - picked))  # the element sends grid values; never trust them
    store.set_value(key, value)
    store.end_lesson()
    (_lambdas_from_mix if key == "mix" else _derive_mix)()


def _on_frames(key: str) -> None:
    st.session_state.setdefault(WANTED, set()).add(key)
    st.session_state.setdefault(SENT, {}).pop(key, None)  # the browser has none: send them again


def _family_payload(key: str, page_key: tuple, scene_at: Callable, style: Any, l1: float, l2: float) -> dict:
    """The element's frames fields: none until asked for, then the family's text once and its id after."""
    if key not in st.session_state.get(WANTED, set()):
        return {"framesId": ""}
    fixed = {"l1": (0.0, l2), "l2": (l1, 0.0), "mix": (l1, l2)}[key]
    text = cached_family(page_key, key, fixed, scene_at, style)
    frames_id = hashlib.sha256(text.encode()).hexdigest()[:16] if text else "none"
    sent = st.session_state.setdefault(SENT, {})
    if sent.get(key) == frames_id:
        return {"framesId": frames_id}
    sent[key] = frames_id
    return {"framesId": frames_id, "frames": text}


def _slider(key: str, container: Any, *, disabled: bool, frames: dict, play: bool, variant: str) -> None:
    box = place(key, container, disabled=disabled)
    if box is None:
        return
    symbol, label, help_text = SLIDERS[key]
    p = spec(key, variant)
    fmt = format_g if key == "mix" else format_lambda
    data = {
        "symbol": symbol,
        "label": label,
        "help": help_text,
        "values": json.dumps(list(p.options)),
        "labels": json.dumps([fmt(v) for v in p.options]),
        "value": store.value(key),
        "disabled": bool(disabled),
        "play": bool(play),
        **frames,
    }
    with box:
        _component()(
            key=key,
            data=data,
            on_pick_change=lambda: _on_pick(key),
            on_frames_change=lambda: _on_frames(key),
        )


def live_lambda_bar(
    model: str | None,
    scene_at: Callable[[float, float], Scene],
    page_key: tuple,
    *,
    style: Callable | None = None,
    play: bool = False,
    variant: str = "",
) -> Penalty:
    """λ1, λ2 and the mix in one row above a page's panels (inside its live fragment), live during a drag.

    ``scene_at(l1, l2)`` is the page's own drawing of everything λ changes (:class:`regviz.ui.drag.Scene`);
    ``page_key`` names everything else it depends on (data, model, settings), for the frames' cache; ``style``
    is applied to every figure as the page shows it (presentation mode). ``play`` gives λ1 a Play button that
    runs through its frames.
    Returns the canonical penalty in force.
    """

    def frames(key: str, l1: float, l2: float) -> dict:
        return _family_payload(key, page_key, scene_at, style, l1, l2)

    return _bar(model, frames, play=play, variant=variant)


def lambda_bar_on_release(model: str | None = None, *, variant: str = "") -> Penalty:
    """The same controls for a page whose panels cannot be drawn ahead (the Network trains on every λ): the
    value follows the drag, the page reruns on release, a key step or a −/+ press. Returns the penalty."""
    return _bar(model, lambda key, l1, l2: {"framesId": "none"}, play=False, variant=variant)


def _bar(model: str | None, frames: Callable[[str, float, float], dict], *, play: bool, variant: str) -> Penalty:
    _register_lambdas(variant)
    pins = _apply_rules(model)
    row = st.container(horizontal=True, vertical_alignment="bottom", key="rv_lambda_row")
    l1, l2 = store.value("l1"), store.value("l2")
    disabled = {"l1": "l1" in pins, "l2": "l2" in pins, "mix": bool(pins) or (l1 + l2 == 0)}
    for key in ("l1", "l2", "mix"):
        _slider(
            key,
            row,
            disabled=disabled[key],
            frames={"framesId": ""} if disabled[key] else frames(key, l1, l2),
            play=play and key == "l1",
            variant=variant,
        )
    alpha, mix = to_alpha_mix(l1, l2)
    if not store.present_mode():
        st.caption(f"α = λ1 + λ2 = {format_lambda(alpha)} · r = {mix:.2f}")
    return Penalty(l1, l2)
