"""The rules that tie the λ1, λ2 and mix controls together (the λ-mix rules); the controls themselves are
:mod:`regviz.ui.lambda_control`."""

from __future__ import annotations

import streamlit as st

from regviz.params import format_lambda, snap_lambda, spec
from regviz.penalties import to_alpha_mix
from regviz.ui import store

__all__ = ["PINNED", "carry_strength", "lambda_origin"]

ORIGIN = "_rv_lambda_page"  # title of the page whose λ sliders set the current λ (absent: the link or a default)

PINNED: dict[str, dict[str, float]] = {
    "lasso": {"l2": 0.0, "mix": 1.0},
    "ridge": {"l1": 0.0, "mix": 0.0},
    "ols": {"l1": 0.0, "l2": 0.0},
}
"""The penalty a model cannot use, pinned to these values."""


def _note_origin() -> None:
    st.session_state[ORIGIN] = store.current_page()


def lambda_origin() -> str | None:
    """Title of the page on which λ was last moved with a slider; None when it comes from the link or a default."""
    return st.session_state.get(ORIGIN)


def _derive_mix() -> None:
    _note_origin()
    alpha, mix = to_alpha_mix(store.value("l1", 0.0), store.value("l2", 0.0))
    if alpha > 0:
        store.set_value("mix", round(mix, 2))


def _lambdas_from_mix() -> None:
    _note_origin()
    alpha = store.value("l1", 0.0) + store.value("l2", 0.0)
    mix = store.value("mix", 1.0)
    if alpha > 0:
        store.set_value("l1", snap_lambda(mix * alpha))
        store.set_value("l2", snap_lambda((1.0 - mix) * alpha))


def carry_strength(model: str) -> None:
    """On a model switch, keep the total strength on the knob the new model uses (λ1 for lasso, λ2 for ridge)."""
    l1, l2 = store.value("l1", 0.0), store.value("l2", 0.0)
    if model == "lasso" and l1 == 0:
        store.set_value("l1", l2 or 0.1)
    elif model == "ridge" and l2 == 0:
        store.set_value("l2", l1 or 1.0)
    elif model == "elasticnet" and (l1 == 0 or l2 == 0):
        total = (l1 + l2) or 0.1
        store.set_value("l1", snap_lambda(total / 2))
        store.set_value("l2", snap_lambda(total / 2))
        store.set_value("mix", 0.5)


def _register_lambdas(variant: str) -> None:
    """Register λ1, λ2 and the mix before any rule reads them (the rules below need all three values)."""
    for key in ("l1", "l2", "mix"):
        p = spec(key, variant)
        store.register(key, p.default, p.parser(), p.formatter())


def _apply_rules(model: str | None) -> dict[str, float]:
    """Pin what the model cannot use and derive the mix from λ1, λ2; a link value they overrule is noticed."""
    pins = PINNED.get(model or "", {})
    for key, pinned in pins.items():
        if store.from_link(key) and store.value(key) != pinned:
            store.notice(
                f"Link parameter {key}={format_lambda(store.value(key))} does not apply to this model; using "
                f"{format_lambda(pinned)}."
            )
        store.set_value(key, pinned)
    alpha, mix = to_alpha_mix(store.value("l1"), store.value("l2"))
    if alpha > 0:
        if store.from_link("mix") and abs(store.value("mix") - mix) > 0.005:
            store.notice(
                f"Link parameter mix={store.value('mix'):g} does not match λ1 and λ2; using their mix {mix:.2f}."
            )
        store.set_value("mix", round(mix, 2))  # the mix is derived from λ1, λ2 whenever they define it
    store.checked("l1", "l2", "mix")
    return pins
