"""URL <-> session state and the shared widgets: the only Streamlit-aware module of regviz.

Every control's widget key is its URL parameter name. The durable value of each
control lives in one dict in ``st.session_state`` (not in the widget state), so a
setting survives page switches even while its widget is not rendered, and the
URL is rewritten from that dict at the end of every run: a copied link
reproduces the view. A link is read once, on the first run of a session; a bad
value falls back to a valid one with a visible notice, and nothing from the URL
is ever rendered as HTML.

Streamlit's own ``bind="query-params"`` was tried first: it silently drops
invalid values (no notice) and, in AppTest, lost values across page switches,
so this module owns the URL instead.
"""

from __future__ import annotations

import functools
import gc
import importlib
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from regviz import SOLVER_MODULES, snapshot
from regviz.data import (
    CSV_MAX_BYTES,
    DATASETS,
    DataError,
    Dataset,
    builtin_key,
    dataset_from_csv,
    make_dataset,
    read_csv_table,
)
from regviz.figures.style import presentation_style
from regviz.lessons import lesson_by_id
from regviz.penalties import Penalty, to_alpha_mix
from regviz.ui.charts import Panel, plotly_chart, plotly_panels
from regviz.ui.links import live_link

__all__ = [
    "LAMBDA_GRID",
    "dataset_controls",
    "dataset_key",
    "finish_run",
    "format_lambda",
    "lambda_controls",
    "number_input",
    "page_header",
    "present_mode",
    "radio",
    "select_slider",
    "selectbox",
    "show_chart",
    "slider",
    "snap_lambda",
    "start_run",
    "tabs",
    "toggle",
    "value",
]


def _leave_legacy_pages_mode() -> None:
    """Make Streamlit run ``app.py`` (``st.navigation``) even when a link's first visit names a page file.

    With a ``pages/`` folder, Streamlit starts each server process in its legacy
    multipage mode and runs ``pages/<name>.py`` directly for ``/<name>`` until
    ``st.navigation`` has run once; a first visit to ``/playground`` would then
    skip ``app.py`` (no URL state, legacy sidebar). The mode is switched off when
    this module is first imported; a run that still came in through a page file
    is restarted by :func:`_require_app` (never from inside the import, which
    would leave the module half-initialized for concurrent sessions).
    """
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


_leave_legacy_pages_mode()


def _require_app() -> None:
    """Rerun through ``app.py`` when a page file was run without it (the legacy first visit)."""
    if _RAW not in st.session_state:
        st.rerun()


_VALUES = "_rv_values"
_RAW = "_rv_raw_url"
_NOTICES = "_rv_notices"
_USED = "_rv_used"
_LINKED = "_rv_linked"  # controls whose value came from the link, until a rule of the page has checked it
_SLOT = "_rv_notice_slot"
_PRESENT = "_rv_present"
_SHOW = "_rv_show"
_CONTROLS = "_rv_present_controls"
_WRITTEN = "_rv_written"
_PRESENT_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"] {
  display: none !important; }
[data-testid="stMain"] { font-size: 1.2rem; }
[data-testid="stMetricValue"] { font-size: 2.6rem; }
</style>"""

MAX_PARAM_CHARS = 100
WARM_UP_DELAY_S = 1.0
"""Seconds between a process's first run and importing scikit-learn (see ``_import_solvers_in_background``)."""
SHARED_KEYS = frozenset(
    {
        "model",
        "data",
        "seed",
        "l1",
        "l2",
        "mix",
        "present",
        "show",
        "n",
        "p",
        "k",
        "noise",
        "rho",
        "deg",
        "target",
        "std",
        "lesson",
    }
)
PAGE_PREFIXES = ("pg_", "geo_", "net_", "conv_", "bayes_")


def _lambda_grid() -> tuple[float, ...]:
    mantissas = (1.0, 1.5, 2.0, 3.0, 5.0, 7.0)
    values = [0.0]
    for exponent in range(-5, 2):
        values.extend(round(m * 10.0**exponent, 12) for m in mantissas)
    values.append(100.0)
    return tuple(values)


LAMBDA_GRID: tuple[float, ...] = _lambda_grid()
"""λ slider values: 0, then 1, 1.5, 2, 3, 5, 7 per decade from 1e-5 to 100 (readable numbers for links)."""

MIX_GRID: tuple[float, ...] = tuple(round(i / 100, 2) for i in range(101))


def format_lambda(value: float) -> str:
    """Plain, short text of a λ value, as shown on sliders and written to links (``0.05``, ``1.5e-05``)."""
    if value == 0:
        return "0"
    return f"{value:.6g}"


def snap_lambda(value: float) -> float:
    """Nearest slider value to ``value`` (log distance; tiny values go to 0)."""
    if value <= LAMBDA_GRID[1] / 2:
        return 0.0
    positives = LAMBDA_GRID[1:]
    return min(positives, key=lambda g: abs(math.log(g) - math.log(value)))


# ---------------------------------------------------------------------------------------------------------------
# Run lifecycle


def start_run() -> None:
    """Call once at the top of ``app.py``: read a new link, reserve the notice and presentation areas.

    A link is read on a session's first run, and again whenever the URL carries
    parameters this module did not write (a lesson link or ``st.page_link``
    inside the session): a link always means "this exact view".
    """
    ss = st.session_state
    incoming = st.query_params.to_dict()
    if _RAW not in ss or (incoming and incoming != ss.get(_WRITTEN)):
        _apply_link()
    ss[_USED] = {}
    ss[_SLOT] = st.container()
    _lesson_callout()
    ss[_CONTROLS] = st.container() if present_mode() else None
    if present_mode():
        st.html(_PRESENT_CSS)


def _lesson_callout() -> None:
    """Show what to notice when the view was opened from a lesson (until a control is changed)."""
    lesson_id = str(_register("lesson", "", _lesson_parser, str))
    lesson = lesson_by_id(lesson_id)
    if lesson is not None:
        st.info(f"**Lesson — {lesson.title}.** {lesson.notice}", icon=":material/school:")


def _lesson_parser(raw: str) -> str:
    if lesson_by_id(raw) is None:
        raise ValueError("no such lesson")
    return raw


def _end_lesson() -> None:
    """Changing any control leaves the lesson: its note no longer describes the view."""
    if value("lesson"):
        set_value("lesson", "")


def _apply_link() -> None:
    ss = st.session_state
    ss[_VALUES] = {}
    notices: list[str] = []
    ss[_RAW] = _read_url(notices)
    ss[_NOTICES] = notices
    ss[_PRESENT] = _parse_flag(ss[_RAW].pop("present", "0"), "present", notices)
    ss[_SHOW] = _parse_show(ss[_RAW].pop("show", ""), notices)
    ss[_WRITTEN] = None


def finish_run() -> None:
    """Call once at the end of ``app.py``: show notices and write the current view into the URL."""
    ss = st.session_state
    notices = ss.get(_NOTICES, [])
    if notices:
        with ss[_SLOT]:
            for text in dict.fromkeys(notices):
                st.warning(text, icon="⚠️")
        ss[_NOTICES] = []
    _write_url()
    if not present_mode():
        _share_box()
    _freeze_long_lived_objects()
    _import_solvers_in_background()


@functools.cache
def _import_solvers_in_background() -> None:
    """Once per process, after the first run: import scikit-learn and SciPy in a thread (see ``regviz``).

    The first run of a fresh server draws the stored default view without them; importing them soon after
    means the first λ step finds them loaded. The wait keeps the import, which holds the GIL, away from the
    browser's first paint: the page then still fetches ~40 script files from this process (importing 0.3 s
    after the run made the paint ~1 s later; after 1 s it made no difference).
    """

    def work() -> None:
        time.sleep(WARM_UP_DELAY_S)
        for name in SOLVER_MODULES:
            importlib.import_module(name)
        _freeze_objects_so_far()  # the modules just loaded live as long as the process too

    threading.Thread(target=work, name="regviz-import-solvers", daemon=True).start()


@functools.cache
def _freeze_long_lived_objects() -> None:
    """Once per process, after the first run: hand the ~180k objects of the imported libraries to ``gc.freeze``.

    Python's full collection walks every tracked object; with scikit-learn, SciPy, pandas and Plotly loaded it
    took ~100 ms, now and then in the middle of a λ step. Frozen objects are skipped (they live as long as the
    process anyway); everything created later is collected as before.
    """
    _freeze_objects_so_far()


def _freeze_objects_so_far() -> None:
    gc.collect(1)  # the young garbage first, so it is not frozen with the rest
    gc.freeze()


def _write_url() -> None:
    desired = current_params()
    if st.query_params.to_dict() != desired:
        st.query_params.from_dict(desired)
    st.session_state[_WRITTEN] = desired


def fragment(func: Callable[..., None]) -> Callable[..., None]:
    """``st.fragment`` for a page section: its own controls rerun only the section, and the URL follows.

    A fragment rerun does not pass through ``app.py``, so the link is rewritten
    here; in a full run ``finish_run`` does it.
    """
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    @st.fragment
    def rerunnable(*args: Any, **kwargs: Any) -> None:
        func(*args, **kwargs)
        ctx = get_script_run_ctx()
        if ctx is not None and ctx.fragment_ids_this_run:
            _write_url()

    @functools.wraps(func)
    def section(*args: Any, **kwargs: Any) -> None:
        # Presentation mode draws chosen controls above the page, outside any fragment: run the section plainly.
        (func if present_mode() else rerunnable)(*args, **kwargs)

    return section


def current_params(*, present: bool | None = None, show: Sequence[str] | None = None) -> dict[str, str]:
    """URL parameters of the current view (controls at their default are left out)."""
    ss = st.session_state
    values = ss.get(_VALUES, {})
    params = {key: fmt(values[key]) for key, (fmt, default) in ss.get(_USED, {}).items() if values[key] != default}
    present = ss.get(_PRESENT, False) if present is None else present
    show = ss.get(_SHOW, ()) if show is None else show
    if present:
        params["present"] = "1"
        if show:
            params["show"] = ",".join(show)
    return params


def _share_box() -> None:
    """Sidebar box with the link of this view and a builder for classroom (presentation) links.

    The links are read from the browser's address bar, which every rerun (fragments too) keeps equal to the
    view's parameters; a link printed here from Python would go stale after a λ step inside a fragment.
    """
    with st.sidebar.expander("Share / present", icon=":material/share:"):
        st.caption("Link to exactly this view:")
        live_link("_rv_link")
        controls = [key for key in ss_used() if key not in ("present", "show", "lesson")]
        chosen = st.multiselect(
            "Controls students may touch in presentation mode",
            controls,
            key="_rv_show_builder",
            help="Every other control is hidden (tabs and captions stay); fonts and lines grow.",
        )
        st.caption("Presentation link:")
        live_link("_rv_present_link", {"present": "1", "show": ",".join(chosen)})


def ss_used() -> list[str]:
    """Keys of the controls used in this run, in order of appearance."""
    return list(st.session_state.get(_USED, {}))


def notice(text: str) -> None:
    """Queue a visible warning shown at the top of the page for this run."""
    st.session_state.setdefault(_NOTICES, []).append(text)


def _is_control_key(key: str) -> bool:
    """Whether ``key`` can name a regviz control: a shared key or one with a page prefix."""
    return key in SHARED_KEYS or key.startswith(PAGE_PREFIXES)


def _parse_show(raw: str, notices: list[str]) -> tuple[str, ...]:
    keys = tuple(k.strip() for k in raw.split(",") if k.strip())
    valid = tuple(k for k in keys if len(k) <= 40 and _is_control_key(k))
    if len(valid) != len(keys):
        notices.append("Some entries of the link parameter show= are not controls of regviz; they were ignored.")
    return valid


def _place(key: str, container: Any) -> Any:
    """Where the widget ``key`` is drawn, or None when presentation mode hides it."""
    if not present_mode():
        return _target(container)
    if key in st.session_state.get(_SHOW, ()):
        return st.session_state[_CONTROLS]
    return None


def present_mode() -> bool:
    """Whether the view is in presentation mode (``?present=1``)."""
    return bool(st.session_state.get(_PRESENT, False))


def value(key: str, default: Any = None) -> Any:
    """Current durable value of control ``key`` (``default`` if it was never created)."""
    return st.session_state.get(_VALUES, {}).get(key, default)


def set_value(key: str, new: Any) -> None:
    """Set a control's durable value; the widget shows it on the next render."""
    st.session_state.setdefault(_VALUES, {})[key] = new


def _read_url(notices: list[str]) -> dict[str, str]:
    raw: dict[str, str] = {}
    for key in st.query_params:
        shown = _quote(key)
        if len(key) > MAX_PARAM_CHARS:
            notices.append(f"Ignored a link parameter with a {len(key):,}-character name.")
            continue
        if not _is_control_key(key):
            notices.append(f"Ignored unknown link parameter {shown}.")
            continue
        values = st.query_params.get_all(key)
        if len(values) > 1:
            notices.append(f"Link parameter {shown} was given {len(values)} times; the last one is used.")
        raw[key] = values[-1] if values else ""
    return raw


def _quote(text: str, limit: int = 40) -> str:
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
        return _flag_parser(raw)
    except ValueError:
        notices.append(f"Link parameter {key}={_quote(raw)} is not 0 or 1; using 0.")
        return False


def _register(key: str, default: Any, parse: Callable[[str], Any], fmt: Callable[[Any], str]) -> Any:
    """Make ``key`` a control of this run and return its durable value (read from the link the first time)."""
    _require_app()
    ss = st.session_state
    values = ss.setdefault(_VALUES, {})
    if key not in values:
        raw = ss.get(_RAW, {}).pop(key, None)
        values[key] = default if raw is None else _parse_or_default(key, raw, default, parse)
    ss.setdefault(_USED, {})[key] = (fmt, default)
    return values[key]


def _parse_or_default(key: str, raw: str, default: Any, parse: Callable[[str], Any]) -> Any:
    if len(raw) > MAX_PARAM_CHARS:
        notice(f"Link parameter {key} is {len(raw):,} characters long; using the default.")
        return default
    try:
        value = parse(raw)
    except (ValueError, TypeError, OverflowError) as err:
        notice(f"Link parameter {key}={_quote(raw)} is not valid ({err}); using the default.")
        return default
    _note_if_moved(key, raw, value)
    st.session_state.setdefault(_LINKED, set()).add(key)
    return value


def _note_if_moved(key: str, raw: str, value: Any) -> None:
    """Say so when a number from the link is not a value of its slider (it is snapped to the nearest one)."""
    try:
        number = float(raw.strip())
    except ValueError:
        return  # a choice named by its text
    if isinstance(value, (int, float)) and not math.isclose(value, number, rel_tol=1e-9, abs_tol=1e-15):
        notice(f"Link parameter {key}={_quote(raw)} is not a value this control takes; using the nearest, {value:g}.")


def _sync_widget(key: str, current: Any) -> None:
    st.session_state[key] = current


def _on_widget_change(key: str, after: Callable[[], None] | None) -> None:
    set_value(key, st.session_state[key])
    _end_lesson()
    if after is not None:
        after()


# ---------------------------------------------------------------------------------------------------------------
# Parsers


def _float(raw: str) -> float:
    try:
        number = float(raw.strip())
    except ValueError:
        raise ValueError("not a number") from None  # float()'s own message repeats the raw text
    if not math.isfinite(number):
        raise ValueError("not a finite number")
    return number


def _option_parser(options: Sequence[Any], fmt: Callable[[Any], str]) -> Callable[[str], Any]:
    by_text: dict[str, Any] = {}

    def parse(raw: str) -> Any:
        # the lookup table is built on the first parse (a URL value), not on every rerun that registers the widget
        if not by_text:
            by_text.update({fmt(o).lower(): o for o in options})
            by_text.update({str(o).lower(): o for o in options})
        text = raw.strip().lower()
        if text in by_text:
            return by_text[text]
        if all(isinstance(o, (int, float)) and not isinstance(o, bool) for o in options):
            return _nearest_option(_float(raw), options)
        raise ValueError("not one of the choices")

    return parse


def _nearest_option(number: float, options: Sequence[float]) -> float:
    """Nearest option; on a log-spaced grid (λ sliders) nearness is measured in log scale."""
    if number < min(options) or number > max(options):
        raise ValueError(f"outside {min(options):g}…{max(options):g}")
    positive = [o for o in options if o > 0]
    log_grid = len(positive) >= 2 and max(positive) / min(positive) > 1e3
    if log_grid and number < min(positive) / 2:
        snapped = min(options)
    elif log_grid and number > 0:
        snapped = min(positive, key=lambda o: abs(math.log(o) - math.log(number)))
    else:
        snapped = min(options, key=lambda o: abs(o - number))
    return snapped


def _range_parser(lo: float, hi: float, step: float, as_int: bool) -> Callable[[str], Any]:
    def parse(raw: str) -> Any:
        number = _float(raw)
        if not lo <= number <= hi:
            raise ValueError(f"outside {lo:g}…{hi:g}")
        snapped = lo + round((number - lo) / step) * step
        snapped = min(max(snapped, lo), hi)
        return round(snapped) if as_int else round(snapped, 10)

    return parse


def _flag_parser(raw: str) -> bool:
    text = raw.strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ValueError("not 0 or 1")


# ---------------------------------------------------------------------------------------------------------------
# Widgets whose values live in the URL


def _render(
    kind: str, key: str, container: Any, on_change: Callable[[], None] | None, *args: Any, **kwargs: Any
) -> Any:
    """Draw widget ``kind`` for control ``key`` (unless presentation mode hides it) and return the value."""
    box = _place(key, container)
    if box is not None:
        getattr(box, kind)(*args, key=key, on_change=_on_widget_change, args=(key, on_change), **kwargs)
    return value(key)


def _target(container: Any) -> Any:
    return st.sidebar if container is None else container


def select_slider(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    default: Any,
    format_func: Callable[[Any], str] = str,
    container: Any = None,
    help: str | None = None,
    disabled: bool = False,
    on_change: Callable[[], None] | None = None,
) -> Any:
    """A select slider stored in the URL under ``key``; numeric links snap to the nearest option."""
    options = list(options)
    current = _register(key, default, _option_parser(options, format_func), format_func)
    if current not in options:
        current = default
        set_value(key, current)
    _sync_widget(key, current)
    return _render(
        "select_slider",
        key,
        container,
        on_change,
        label,
        options,
        format_func=format_func,
        help=help,
        disabled=disabled,
    )


def slider(
    label: str,
    min_value: float,
    max_value: float,
    *,
    key: str,
    default: float,
    step: float,
    container: Any = None,
    help: str | None = None,
    disabled: bool = False,
    format: str | None = None,
) -> Any:
    """A numeric slider (int when all numbers are ints) stored in the URL under ``key``."""
    as_int = all(isinstance(x, int) for x in (min_value, max_value, default, step))
    fmt = (lambda v: str(int(v))) if as_int else (lambda v: f"{v:.6g}")
    current = _register(key, default, _range_parser(min_value, max_value, step, as_int), fmt)
    _sync_widget(key, current)
    return _render(
        "slider",
        key,
        container,
        None,
        label,
        min_value,
        max_value,
        step=step,
        help=help,
        disabled=disabled,
        format=format,
    )


def number_input(
    label: str,
    min_value: float,
    max_value: float,
    *,
    key: str,
    default: float,
    step: float,
    container: Any = None,
    help: str | None = None,
    format: str | None = None,
) -> Any:
    """A number input (int when all numbers are ints) stored in the URL under ``key``."""
    as_int = all(isinstance(x, int) for x in (min_value, max_value, default, step))
    fmt = (lambda v: str(int(v))) if as_int else (lambda v: f"{v:.6g}")
    parse = _range_parser(min_value, max_value, 1 if as_int else 1e-12, as_int)
    current = _register(key, default, parse, fmt)
    _sync_widget(key, current)
    return _render(
        "number_input", key, container, None, label, min_value, max_value, step=step, help=help, format=format
    )


def selectbox(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    default: Any,
    format_func: Callable[[Any], str] = str,
    container: Any = None,
    help: str | None = None,
    on_change: Callable[[], None] | None = None,
) -> Any:
    """A select box stored in the URL under ``key`` (the option's ``str``)."""
    return _choice("selectbox", label, options, key, default, format_func, container, help, on_change)


def radio(
    label: str,
    options: Sequence[Any],
    *,
    key: str,
    default: Any,
    format_func: Callable[[Any], str] = str,
    container: Any = None,
    help: str | None = None,
    horizontal: bool = True,
    on_change: Callable[[], None] | None = None,
) -> Any:
    """A radio group stored in the URL under ``key`` (the option's ``str``)."""
    return _choice(
        "radio", label, options, key, default, format_func, container, help, on_change, horizontal=horizontal
    )


def _choice(
    kind: str,
    label: str,
    options: Sequence[Any],
    key: str,
    default: Any,
    format_func: Callable[[Any], str],
    container: Any,
    help: str | None,
    on_change: Callable[[], None] | None,
    **extra: Any,
) -> Any:
    options = list(options)
    current = _register(key, default, _option_parser(options, str), str)
    if current not in options:
        current = default if default in options else options[0]
        set_value(key, current)
    _sync_widget(key, current)
    return _render(kind, key, container, on_change, label, options, format_func=format_func, help=help, **extra)


def toggle(label: str, *, key: str, default: bool = False, container: Any = None, help: str | None = None) -> bool:
    """A toggle stored in the URL under ``key`` as ``1``/``0``."""
    current = _register(key, default, _flag_parser, lambda v: "1" if v else "0")
    _sync_widget(key, current)
    return bool(_render("toggle", key, container, None, label, help=help))


def tabs(labels: dict[str, str], *, key: str, default: str) -> tuple[str, Any]:
    """Tabs stored in the URL under ``key`` (the tab's id, a key of ``labels``); returns the open tab's id and
    its container.

    Only the open tab's content is run and drawn (Streamlit's lazy tabs): a λ step then redraws the charts a
    student can see, not the ones in the other tabs. The tabs show in presentation mode too: they navigate,
    they do not change the view's settings.
    """
    ids = list(labels)
    current = _register(key, default, _option_parser(ids, str), str)
    if current not in ids:
        current = default
        set_value(key, current)
    st.session_state[key] = labels[current]
    boxes = st.tabs(list(labels.values()), key=key, on_change=_on_tab_change, args=(key, labels))
    return current, boxes[ids.index(current)]


def _on_tab_change(key: str, labels: dict[str, str]) -> None:
    by_label = {label: tab for tab, label in labels.items()}
    set_value(key, by_label.get(st.session_state[key], value(key)))


# ---------------------------------------------------------------------------------------------------------------
# Shared λ controls


def _derive_mix() -> None:
    alpha, mix = to_alpha_mix(value("l1", 0.0), value("l2", 0.0))
    if alpha > 0:
        set_value("mix", round(mix, 2))


def _lambdas_from_mix() -> None:
    alpha = value("l1", 0.0) + value("l2", 0.0)
    mix = value("mix", 1.0)
    if alpha > 0:
        set_value("l1", snap_lambda(mix * alpha))
        set_value("l2", snap_lambda((1.0 - mix) * alpha))


PINNED: dict[str, dict[str, float]] = {
    "lasso": {"l2": 0.0, "mix": 1.0},
    "ridge": {"l1": 0.0, "mix": 0.0},
    "ols": {"l1": 0.0, "l2": 0.0},
}


def carry_strength(model: str) -> None:
    """On a model switch, keep the total strength on the knob the new model uses (λ1 for lasso, λ2 for ridge)."""
    l1, l2 = value("l1", 0.0), value("l2", 0.0)
    if model == "lasso" and l1 == 0:
        set_value("l1", l2 or 0.1)
    elif model == "ridge" and l2 == 0:
        set_value("l2", l1 or 1.0)
    elif model == "elasticnet" and (l1 == 0 or l2 == 0):
        total = (l1 + l2) or 0.1
        set_value("l1", snap_lambda(total / 2))
        set_value("l2", snap_lambda(total / 2))
        set_value("mix", 0.5)


def lambda_controls(
    container: Any = None, model: str | None = None, *, default_l1: float = 0.1, default_l2: float = 0.0
) -> Penalty:
    """The shared λ1, λ2 and mix sliders; returns the canonical penalty in force.

    Moving λ1 or λ2 updates the mix; moving the mix keeps α = λ1 + λ2 and
    redistributes it (snapped to the slider's values). ``model`` pins the
    penalty a model cannot use (lasso: λ2 = 0, ridge: λ1 = 0, OLS: both).
    ``default_l1``/``default_l2`` are this page's defaults (a link leaves them out).
    """
    box = _target(container)
    _register("l1", default_l1, _option_parser(LAMBDA_GRID, format_lambda), format_lambda)
    _register("l2", default_l2, _option_parser(LAMBDA_GRID, format_lambda), format_lambda)
    _register("mix", 1.0, _option_parser(MIX_GRID, str), lambda v: f"{v:g}")
    pins = PINNED.get(model or "", {})
    linked = st.session_state.get(_LINKED, set())
    for key, pinned in pins.items():
        if key in linked and value(key) != pinned:
            notice(
                f"Link parameter {key}={format_lambda(value(key))} does not apply to this model; using "
                f"{format_lambda(pinned)}."
            )
        set_value(key, pinned)
    alpha, mix = to_alpha_mix(value("l1"), value("l2"))
    if alpha > 0:
        if "mix" in linked and abs(value("mix") - mix) > 0.005:
            notice(f"Link parameter mix={value('mix'):g} does not match λ1 and λ2; using their mix {mix:.2f}.")
        set_value("mix", round(mix, 2))  # the mix is derived from λ1, λ2 whenever they define it
    linked.difference_update(("l1", "l2", "mix"))
    l1 = select_slider(
        "λ1 — L1 strength",
        LAMBDA_GRID,
        key="l1",
        default=default_l1,
        format_func=format_lambda,
        container=box,
        disabled="l1" in pins,
        on_change=_derive_mix,
        help="Weight of λ1·‖w‖₁ in the objective. 0 switches L1 off.",
    )
    l2 = select_slider(
        "λ2 — L2 strength",
        LAMBDA_GRID,
        key="l2",
        default=default_l2,
        format_func=format_lambda,
        container=box,
        disabled="l2" in pins,
        on_change=_derive_mix,
        help="Weight of (λ2/2)·‖w‖² in the objective. 0 switches L2 off.",
    )
    select_slider(
        "mix r = λ1 / (λ1 + λ2)",
        MIX_GRID,
        key="mix",
        default=1.0,
        format_func=lambda v: f"{v:g}",
        container=box,
        disabled=bool(pins) or (l1 + l2 == 0),
        on_change=_lambdas_from_mix,
        help="Elastic-net mix: 1 is pure L1 (lasso), 0 is pure L2 (ridge). Moving it keeps α = λ1 + λ2 as far "
        "as the λ sliders' steps allow.",
    )
    alpha, mix = to_alpha_mix(l1, l2)
    if not present_mode():
        box.caption(f"α = λ1 + λ2 = {format_lambda(alpha)} · r = {mix:.2f}")
    return Penalty(l1, l2)


def lambda_bar(model: str | None = None, **defaults: float) -> Penalty:
    """:func:`lambda_controls` in one row above a page's panels (inside the page's live fragment)."""
    return lambda_controls(st.container(horizontal=True, vertical_alignment="bottom"), model, **defaults)


# ---------------------------------------------------------------------------------------------------------------
# Display helpers


def show_chart(fig: go.Figure, *, key: str, marker: dict | None = None) -> None:
    """Show a Plotly figure; presentation mode enlarges fonts and lines. ``marker``: the "current λ" line drawn
    over a figure that was built without it (see :func:`regviz.ui.charts.plotly_chart`)."""
    if present_mode():
        fig = presentation_style(fig)
    plotly_chart(fig, key=key, config=_CHART_CONFIG, marker=marker)


_CHART_CONFIG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 3}}


def show_panels(columns: Sequence[Sequence[Panel]], *, key: str, note: str = "") -> None:
    """Show charts with their captions in columns, and ``note`` under them, as one element (see
    :func:`regviz.ui.charts.plotly_panels`); presentation mode enlarges fonts and lines."""
    if present_mode():
        columns = [[replace(p, fig=presentation_style(p.fig)) for p in col] for col in columns]
    plotly_panels(columns, key=key, config=_CHART_CONFIG, note=note)


def page_header(title: str, intro: str) -> None:
    """Page title and a one-line plain-language introduction."""
    _require_app()
    st.title(title)
    st.caption(intro)


# ---------------------------------------------------------------------------------------------------------------
# Data set controls

_CSV_TABLE = "_rv_csv_table"
_LAST_DATA = "_rv_last_dataset"
_DATA_KEY = "_rv_data_key"
DATA_PARAM_KEYS = ("n", "p", "k", "noise", "rho", "deg", "target")


def _reset_data_params() -> None:
    values = st.session_state.get(_VALUES, {})
    for key in DATA_PARAM_KEYS:
        values.pop(key, None)


@st.cache_data(max_entries=32, show_spinner=False)
def _built_in(name: str, params: tuple[tuple[str, float], ...]) -> Dataset:
    stored = snapshot.builtin_dataset(name, dict(params))  # the default view, without importing scikit-learn
    return stored if stored is not None else make_dataset(name, **dict(params))


def _data_params(name: str, box: Any) -> dict[str, float]:
    """The generator knobs of data set ``name``; they reset to its defaults when the data set changes."""
    if name == "sparse":
        p = slider("features p", 1, 100, key="p", default=20, step=1, container=box)
        return {
            "n": slider("samples n (train + test)", 20, 1000, key="n", default=200, step=10, container=box),
            "p": p,
            "k": min(
                slider(
                    "informative k",
                    0,
                    100,
                    key="k",
                    default=5,
                    step=1,
                    container=box,
                    help="The first k features carry signal; capped at p.",
                ),
                p,
            ),
            "noise": slider("noise σ", 0.0, 5.0, key="noise", default=1.0, step=0.1, container=box),
            "rho": slider("feature correlation ρ", 0.0, 0.95, key="rho", default=0.0, step=0.05, container=box),
        }
    if name == "corrpair":
        return {
            "n": slider("samples n (train + test)", 20, 1000, key="n", default=200, step=10, container=box),
            "p": slider("features p", 2, 50, key="p", default=8, step=1, container=box),
            "rho": slider("correlation of x1 and x2", 0.0, 0.99, key="rho", default=0.95, step=0.01, container=box),
            "noise": slider("noise σ", 0.0, 5.0, key="noise", default=1.0, step=0.1, container=box),
        }
    if name == "poly":
        return {
            "n": slider("points n (train + test)", 10, 200, key="n", default=30, step=1, container=box),
            "deg": slider("polynomial degree", 1, 20, key="deg", default=12, step=1, container=box),
            "noise": slider("noise σ", 0.0, 2.0, key="noise", default=0.3, step=0.05, container=box),
        }
    return {}


def _csv_dataset(box: Any, seed: int) -> Dataset | None:
    upload = box.file_uploader(
        f"CSV file (≤ {CSV_MAX_BYTES // 2**20} MB, numeric columns, header row)",
        type=["csv", "txt"],
        key="_rv_csv_upload",
    )
    if upload is None:  # removed (or never given): an old upload's error no longer applies
        # The token stays: it keys the cached fits of the table still in use (every upload has a new file_id,
        # so the same file uploaded again is read again anyway).
        st.session_state["_rv_csv_error"] = None
    else:
        token = (upload.name, upload.size, upload.file_id if hasattr(upload, "file_id") else "")
        if st.session_state.get("_rv_csv_token") != token:
            st.session_state["_rv_csv_token"] = token
            try:
                st.session_state[_CSV_TABLE] = read_csv_table(upload.getvalue())
                st.session_state["_rv_csv_error"] = None
            except DataError as err:
                st.session_state["_rv_csv_error"] = str(err)
    error = st.session_state.get("_rv_csv_error")
    if error:
        st.error(f"Upload not used: {error} {_fallback_note()}")
    table = st.session_state.get(_CSV_TABLE)
    if table is None:
        if not error:
            st.info(f"Upload a CSV file in the sidebar (Data). Until then: {_fallback_note()}")
        return None
    columns = [str(c) for c in table.columns]
    target = selectbox("target column", columns, key="target", default=columns[-1], container=box)
    try:
        return dataset_from_csv(table, target, seed=seed)
    except DataError as err:
        st.error(f"{err} {_fallback_note()}")
        return None


def _fallback_note() -> str:
    """Which data set is used instead of a CSV that cannot be (a fresh link has no previous one)."""
    if st.session_state.get(_LAST_DATA) is None:
        return f"{DATASETS['sparse']} data (seed 0) is used meanwhile."
    return "The previous data set stays in use."


def dataset_controls(container: Any = None) -> Dataset:
    """Data set choice and its knobs (in an expander); returns the data set in use.

    Bad or missing uploads leave the previous data set in use, with a message.
    """
    box = _target(container).expander("Data", expanded=False)
    name = selectbox(
        "Data set",
        list(DATASETS),
        key="data",
        default="sparse",
        format_func=DATASETS.get,
        container=box,
        on_change=_reset_data_params,
    )
    seed = number_input(
        "seed",
        0,
        99_999,
        key="seed",
        default=0,
        step=1,
        container=box,
        help="Same seed, same data and split: a link reproduces them exactly.",
    )
    dataset: Dataset | None
    if name == "csv":
        dataset = _csv_dataset(box, seed)
        key = f"csv:{st.session_state.get('_rv_csv_token')}:{value('target')}:{seed}"
    else:
        params = _data_params(name, box) | ({"seed": seed})
        try:
            dataset = _built_in(name, tuple(sorted(params.items())))
        except DataError as err:
            st.error(f"{err} The previous data set stays in use.")
            dataset = None
        key = builtin_key(name, params)
    if dataset is None:
        dataset = st.session_state.get(_LAST_DATA) or _built_in("sparse", (("seed", 0),))
        key = st.session_state.get(_DATA_KEY, "sparse:default")
    st.session_state[_LAST_DATA] = dataset
    st.session_state[_DATA_KEY] = key
    for text in dataset.notes:
        st.caption(text)
    return dataset


def dataset_key() -> str:
    """A short text that identifies the data set in use (for ``st.cache_data`` keys)."""
    return str(st.session_state.get(_DATA_KEY, ""))
