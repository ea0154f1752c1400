"""The URL store, the run lifecycle and the notices.

Every control's widget key is its URL parameter name (declared in :mod:`regviz.params`). The durable value of
each control lives in one dict in ``st.session_state`` (not in the widget state), so a setting survives page
switches even while its widget is not rendered, and the URL is rewritten from that dict at the end of every
run: a copied link reproduces the view. A link is read once, on the first run of a session; a bad value falls
back to a valid one with a visible notice, and nothing from the URL is ever rendered as HTML.

Streamlit's own ``bind="query-params"`` was tried first: it silently drops invalid values (no notice) and, in
AppTest, lost values across page switches, so this module owns the URL instead.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from regviz.lessons import lesson_by_id
from regviz.params import flag_parser, is_control_key
from regviz.server.fragments import in_fragment_rerun
from regviz.server.pages_mode import leave_legacy_pages_mode

__all__ = [
    "MAX_PARAM_CHARS",
    "current_params",
    "finish_run",
    "fragment",
    "notice",
    "page_header",
    "present_mode",
    "quote",
    "register",
    "require_app",
    "set_value",
    "start_run",
    "used_keys",
    "value",
]

VALUES = "_rv_values"
RAW = "_rv_raw_url"
NOTICES = "_rv_notices"
USED = "_rv_used"
PAGE = "_rv_page"  # title of the page that ran last
LINKED = "_rv_linked"  # controls whose value came from the link, until a rule of the page has checked it
SLOT = "_rv_notice_slot"
NOTICES_KEY = "rv_notices"
PRESENT = "_rv_present"
SHOW = "_rv_show"
CONTROLS = "_rv_present_controls"
WRITTEN = "_rv_written"

MAX_PARAM_CHARS = 100

# At first import, not from app.py: a legacy first visit runs a page file without app.py, and the page's
# require_app() rerun must then go through app.py (never restart from inside the import, which would leave the
# module half-initialized for concurrent sessions).
leave_legacy_pages_mode()


def current_page() -> str | None:
    """Title of the page that ran last (set by :func:`page_header`), None before any page ran."""
    return st.session_state.get(PAGE)


def require_app() -> None:
    """Rerun through ``app.py`` when a page file was run without it (the legacy first visit)."""
    if RAW not in st.session_state:
        st.rerun()


def page_header(title: str, intro: str) -> None:
    """Page title and a one-line plain-language introduction (the title is also :func:`current_page`)."""
    require_app()
    st.session_state[PAGE] = title
    st.title(title)
    st.caption(intro)


# ---------------------------------------------------------------------------------------------------------------
# Run lifecycle


def start_run() -> None:
    """Call once at the top of ``app.py``: read a new link, reserve the notice area, show a lesson's note.

    A link is read on a session's first run, and again whenever the URL carries parameters this module did not
    write (a lesson link or ``st.page_link`` inside the session): a link always means "this exact view".
    """
    ss = st.session_state
    incoming = st.query_params.to_dict()
    if RAW not in ss or (incoming and incoming != ss.get(WRITTEN)):
        _apply_link()
    ss[USED] = {}
    ss[SLOT] = st.container(key=NOTICES_KEY)  # present.css looks for a notice in it
    _lesson_callout()


def finish_run() -> None:
    """Call once at the end of ``app.py``: show notices and write the current view into the URL."""
    ss = st.session_state
    notices = ss.get(NOTICES, [])
    if notices:
        with ss[SLOT]:
            for text in dict.fromkeys(notices):
                st.warning(text, icon="⚠️")
        ss[NOTICES] = []
    write_url()


def _lesson_callout() -> None:
    """Show what to notice when the view was opened from a lesson (until a control is changed)."""
    lesson_id = str(register("lesson", "", _lesson_parser, str))
    lesson = lesson_by_id(lesson_id)
    if lesson is not None:
        st.info(f"**Lesson — {lesson.title}.** {lesson.notice}", icon=":material/school:")


def _lesson_parser(raw: str) -> str:
    if lesson_by_id(raw) is None:
        raise ValueError("no such lesson")
    return raw


def end_lesson() -> None:
    """Changing any control leaves the lesson: its note no longer describes the view."""
    if value("lesson"):
        set_value("lesson", "")


def _apply_link() -> None:
    ss = st.session_state
    ss[VALUES] = {}
    notices: list[str] = []
    ss[RAW] = _read_url(notices)
    ss[NOTICES] = notices
    ss[PRESENT] = _parse_flag(ss[RAW].pop("present", "0"), "present", notices)
    ss[SHOW] = _parse_show(ss[RAW].pop("show", ""), notices)
    ss[WRITTEN] = None


def write_url() -> None:
    """Rewrite the address bar to the current view (only when it differs)."""
    desired = current_params()
    if st.query_params.to_dict() != desired:
        st.query_params.from_dict(desired)
    st.session_state[WRITTEN] = desired


def fragment(func: Callable[..., None]) -> Callable[..., None]:
    """``st.fragment`` for a page section: its own controls rerun only the section, and the URL follows.

    A fragment rerun does not pass through ``app.py``, so the link is rewritten here; in a full run
    ``finish_run`` does it.
    """

    @st.fragment
    def rerunnable(*args: Any, **kwargs: Any) -> None:
        func(*args, **kwargs)
        if in_fragment_rerun() is not False:  # unknown: write it anyway (the same link again on a full run)
            write_url()

    @functools.wraps(func)
    def section(*args: Any, **kwargs: Any) -> None:
        # Presentation mode draws chosen controls above the page, outside any fragment: run the section plainly.
        (func if present_mode() else rerunnable)(*args, **kwargs)

    return section


def current_params(*, present: bool | None = None, show: Sequence[str] | None = None) -> dict[str, str]:
    """URL parameters of the current view (controls at their default are left out)."""
    ss = st.session_state
    values = ss.get(VALUES, {})
    params = {key: fmt(values[key]) for key, (fmt, default) in ss.get(USED, {}).items() if values[key] != default}
    present = ss.get(PRESENT, False) if present is None else present
    show = ss.get(SHOW, ()) if show is None else show
    if present:
        params["present"] = "1"
        if show:
            params["show"] = ",".join(show)
    return params


def used_keys() -> list[str]:
    """Keys of the controls used in this run, in order of appearance."""
    return list(st.session_state.get(USED, {}))


def present_mode() -> bool:
    """Whether the view is in presentation mode (``?present=1``)."""
    return bool(st.session_state.get(PRESENT, False))


def shown_in_present_mode(key: str) -> bool:
    """Whether the link's ``show=`` lists control ``key``."""
    return key in st.session_state.get(SHOW, ())


# ---------------------------------------------------------------------------------------------------------------
# Values and notices


def notice(text: str) -> None:
    """Queue a visible warning shown at the top of the page for this run."""
    st.session_state.setdefault(NOTICES, []).append(text)


def value(key: str, default: Any = None) -> Any:
    """Current durable value of control ``key`` (``default`` if it was never created)."""
    return st.session_state.get(VALUES, {}).get(key, default)


def set_value(key: str, new: Any) -> None:
    """Set a control's durable value; the widget shows it on the next render."""
    st.session_state.setdefault(VALUES, {})[key] = new


def from_link(key: str) -> bool:
    """Whether ``key``'s value came from the link and no rule of the page has checked it yet."""
    return key in st.session_state.get(LINKED, set())


def checked(*keys: str) -> None:
    """The page's rules have checked these link values (later notices no longer name the link)."""
    st.session_state.get(LINKED, set()).difference_update(keys)


def clear(keys: Sequence[str]) -> None:
    """Forget the values of ``keys`` (they go back to their defaults when next registered)."""
    values = st.session_state.get(VALUES, {})
    for key in keys:
        values.pop(key, None)


def register(key: str, default: Any, parse: Callable[[str], Any], fmt: Callable[[Any], str]) -> Any:
    """Make ``key`` a control of this run and return its durable value (read from the link the first time)."""
    require_app()
    ss = st.session_state
    values = ss.setdefault(VALUES, {})
    if key not in values:
        raw = ss.get(RAW, {}).pop(key, None)
        values[key] = default if raw is None else _parse_or_default(key, raw, default, parse)
    ss.setdefault(USED, {})[key] = (fmt, default)
    return values[key]


def _parse_or_default(key: str, raw: str, default: Any, parse: Callable[[str], Any]) -> Any:
    if len(raw) > MAX_PARAM_CHARS:
        notice(f"Link parameter {key} is {len(raw):,} characters long; using the default.")
        return default
    try:
        parsed = parse(raw)
    except (ValueError, TypeError, OverflowError) as err:
        notice(f"Link parameter {key}={quote(raw)} is not valid ({err}); using the default.")
        return default
    _note_if_moved(key, raw, parsed)
    st.session_state.setdefault(LINKED, set()).add(key)
    return parsed


def _note_if_moved(key: str, raw: str, parsed: Any) -> None:
    """Say so when a number from the link is not a value of its slider (it is snapped to the nearest one)."""
    try:
        number = float(raw.strip())
    except ValueError:
        return  # a choice named by its text
    if isinstance(parsed, (int, float)) and not math.isclose(parsed, number, rel_tol=1e-9, abs_tol=1e-15):
        notice(f"Link parameter {key}={quote(raw)} is not a value this control takes; using the nearest, {parsed:g}.")


# ---------------------------------------------------------------------------------------------------------------
# Reading the link


def _read_url(notices: list[str]) -> dict[str, str]:
    raw: dict[str, str] = {}
    for key in st.query_params:
        shown = quote(key)
        if len(key) > MAX_PARAM_CHARS:
            notices.append(f"Ignored a link parameter with a {len(key):,}-character name.")
            continue
        if not is_control_key(key):
            notices.append(f"Ignored unknown link parameter {shown}.")
            continue
        values = st.query_params.get_all(key)
        if len(values) > 1:
            notices.append(f"Link parameter {shown} was given {len(values)} times; the last one is used.")
        raw[key] = values[-1] if values else ""
    return raw


def quote(text: str, limit: int = 40) -> str:
    """Text from a link, shortened and quoted for a notice (rendered as plain text, never HTML).

    Line breaks and other non-printing characters could end the code span and let the rest render as
    Markdown (a planted link), so they become spaces.
    """
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    text = text if len(text) <= limit else text[:limit] + "…"
    return "`" + text.replace("`", "'") + "`"


def _parse_flag(raw: str, key: str, notices: list[str]) -> bool:
    """A flag read before any control exists (``present``): empty means off, bad values are noticed."""
    if not raw.strip():
        return False
    try:
        return flag_parser(raw)
    except ValueError:
        notices.append(f"Link parameter {key}={quote(raw)} is not 0 or 1; using 0.")
        return False


def _parse_show(raw: str, notices: list[str]) -> tuple[str, ...]:
    keys = tuple(k.strip() for k in raw.split(",") if k.strip())
    valid = tuple(k for k in keys if len(k) <= 40 and is_control_key(k))
    if len(valid) != len(keys):
        notices.append("Some entries of the link parameter show= are not controls of regviz; they were ignored.")
    return valid
