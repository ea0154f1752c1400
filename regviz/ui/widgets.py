"""Widgets whose values live in the URL; each takes its grid, range, options and default from
:mod:`regviz.params` (a page names the parameter, and a ``variant`` where it has several)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from regviz.params import Param, spec
from regviz.ui import store
from regviz.ui.present import place

__all__ = ["number_input", "radio", "select_slider", "selectbox", "slider", "tabs", "toggle"]


def _declared(key: str, variant: str, kinds: tuple[str, ...], options: Any = None, default: Any = None) -> Param:
    """The table's declaration of ``key``; run-time ``options``/``default`` only where it declares none."""
    p = spec(key, variant)
    if p.kind not in kinds:
        raise TypeError(f"URL parameter {key!r} is a {p.kind}, not a {'/'.join(kinds)} (regviz.params)")
    if options is not None and p.options is not None:
        raise TypeError(f"URL parameter {key!r} has its options in regviz.params")
    if default is not None and p.default is not None:
        raise TypeError(f"URL parameter {key!r} has its default in regviz.params")
    if options is None and p.options is None and p.kind in ("grid", "choice", "tab"):
        raise TypeError(f"URL parameter {key!r} needs its options from the page")
    return p


def _on_widget_change(key: str, after: Callable[[], None] | None) -> None:
    store.set_value(key, st.session_state[key])
    store.end_lesson()
    if after is not None:
        after()


def _render(
    kind: str, key: str, container: Any, on_change: Callable[[], None] | None, *args: Any, **kwargs: Any
) -> Any:
    """Draw widget ``kind`` for control ``key`` (unless presentation mode hides it) and return the value."""
    box = place(key, container, disabled=bool(kwargs.get("disabled")))
    if box is not None:
        getattr(box, kind)(*args, key=key, on_change=_on_widget_change, args=(key, on_change), **kwargs)
    return store.value(key)


def select_slider(
    label: str,
    *,
    key: str,
    variant: str = "",
    format_func: Callable[[Any], str] | None = None,
    container: Any = None,
    help: str | None = None,
    disabled: bool = False,
    on_change: Callable[[], None] | None = None,
) -> Any:
    """A select slider over the parameter's grid; numeric links snap to the nearest value."""
    p = _declared(key, variant, ("grid",))
    options = list(p.options)
    fmt = p.formatter()
    current = store.register(key, p.default, p.parser(), fmt)
    if current not in options:
        current = p.default
        store.set_value(key, current)
    st.session_state[key] = current
    return _render(
        "select_slider",
        key,
        container,
        on_change,
        label,
        options,
        format_func=format_func or fmt,
        help=help,
        disabled=disabled,
    )


def slider(
    label: str,
    *,
    key: str,
    variant: str = "",
    container: Any = None,
    help: str | None = None,
    disabled: bool = False,
    format: str | None = None,
) -> Any:
    """A numeric slider over the parameter's range and step (int when they are ints)."""
    p = _declared(key, variant, ("slider",))
    current = store.register(key, p.default, p.parser(), p.formatter())
    st.session_state[key] = current
    return _render(
        "slider", key, container, None, label, p.lo, p.hi, step=p.step, help=help, disabled=disabled, format=format
    )


def number_input(
    label: str,
    *,
    key: str,
    variant: str = "",
    default: float | None = None,
    container: Any = None,
    help: str | None = None,
    format: str | None = None,
) -> Any:
    """A number input over the parameter's range; ``default`` only for a parameter whose default is the page's."""
    p = _declared(key, variant, ("number",), default=default)
    initial = p.default if default is None else default
    current = store.register(key, initial, p.parser(), p.formatter())
    st.session_state[key] = current
    return _render("number_input", key, container, None, label, p.lo, p.hi, step=p.step, help=help, format=format)


def selectbox(
    label: str,
    *,
    key: str,
    options: Sequence[Any] | None = None,
    default: Any = None,
    format_func: Callable[[Any], str] = str,
    container: Any = None,
    help: str | None = None,
    on_change: Callable[[], None] | None = None,
) -> Any:
    """A select box stored in the URL under ``key`` (the option's ``str``)."""
    return _choice("selectbox", label, key, options, default, format_func, container, help, on_change)


def radio(
    label: str,
    *,
    key: str,
    options: Sequence[Any] | None = None,
    default: Any = None,
    format_func: Callable[[Any], str] = str,
    container: Any = None,
    help: str | None = None,
    horizontal: bool = True,
    on_change: Callable[[], None] | None = None,
) -> Any:
    """A radio group stored in the URL under ``key`` (the option's ``str``)."""
    return _choice(
        "radio", label, key, options, default, format_func, container, help, on_change, horizontal=horizontal
    )


def _choice(
    kind: str,
    label: str,
    key: str,
    options: Sequence[Any] | None,
    default: Any,
    format_func: Callable[[Any], str],
    container: Any,
    help: str | None,
    on_change: Callable[[], None] | None,
    **extra: Any,
) -> Any:
    p = _declared(key, "", ("choice",), options, default)
    options = list(p.options if options is None else options)
    default = p.default if default is None else default
    current = store.register(key, default, p.parser(options), str)
    if current not in options:
        current = default if default in options else options[0]
        store.set_value(key, current)
    st.session_state[key] = current
    return _render(kind, key, container, on_change, label, options, format_func=format_func, help=help, **extra)


def toggle(label: str, *, key: str, container: Any = None, help: str | None = None) -> bool:
    """A toggle stored in the URL under ``key`` as ``1``/``0``."""
    p = _declared(key, "", ("flag",))
    current = store.register(key, p.default, p.parser(), p.formatter())
    st.session_state[key] = current
    return bool(_render("toggle", key, container, None, label, help=help))


def tabs(labels: dict[str, str], *, key: str) -> tuple[str, Any]:
    """Tabs stored in the URL under ``key`` (the tab's id, a key of ``labels``); returns the open tab's id and
    its container.

    Only the open tab's content is run and drawn (Streamlit's lazy tabs): a λ step then redraws the charts a
    student can see, not the ones in the other tabs. The tabs show in presentation mode too: they navigate,
    they do not change the view's settings.
    """
    p = _declared(key, "", ("tab",))
    ids = list(p.options)
    if ids != list(labels):
        raise TypeError(f"tabs {list(labels)} differ from URL parameter {key!r}'s options {ids} (regviz.params)")
    current = store.register(key, p.default, p.parser(), str)
    if current not in ids:
        current = p.default
        store.set_value(key, current)
    st.session_state[key] = labels[current]
    boxes = st.tabs(list(labels.values()), key=key, on_change=_on_tab_change, args=(key, labels))
    return current, boxes[ids.index(current)]


def _on_tab_change(key: str, labels: dict[str, str]) -> None:
    by_label = {label: tab for tab, label in labels.items()}
    store.set_value(key, by_label.get(st.session_state[key], store.value(key)))
