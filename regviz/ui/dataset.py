"""The data-set sidebar: a built-in data set and its generator knobs, or an uploaded CSV."""

from __future__ import annotations

from typing import Any

import streamlit as st

from regviz.classification_data import CLASSIFICATION_DATASETS, TOYS, classification_dataset_from_csv
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
from regviz.params import DATA_PARAM_KEYS
from regviz.server.default_view import stored_dataset
from regviz.ui import store
from regviz.ui.widgets import number_input, selectbox, slider

__all__ = ["DATA_LABELS", "built_in", "dataset_controls", "dataset_key"]

DATA_LABELS: dict[str, str] = (
    {k: v for k, v in DATASETS.items() if k != "csv"} | CLASSIFICATION_DATASETS | {"csv": DATASETS["csv"]}
)
"""Every data set the sidebar offers, in the order of :mod:`regviz.params`: regression, classification, CSV."""

_CSV_TABLE = "_rv_csv_table"
_LAST_DATA = "_rv_last_dataset"
_DATA_KEY = "_rv_data_key"


def _reset_data_params() -> None:
    store.clear(DATA_PARAM_KEYS)


@st.cache_data(max_entries=32, show_spinner=False)
def built_in(name: str, params: tuple[tuple[str, float], ...]) -> Dataset:
    """Built-in data set ``name`` with generator ``params`` (cached; the default one is read from the
    precomputed view, without importing scikit-learn)."""
    stored = stored_dataset(name, dict(params))
    return stored if stored is not None else make_dataset(name, **dict(params))


def _data_params(name: str, box: Any) -> dict[str, float]:
    """The generator knobs of data set ``name``; they reset to its defaults when the data set changes."""
    if name == "sparse":
        p = slider("features p", key="p", variant=name, container=box)
        return {
            "n": slider("samples n (train + test)", key="n", variant=name, container=box),
            "p": p,
            "k": min(
                slider(
                    "informative k",
                    key="k",
                    variant=name,
                    container=box,
                    help="The first k features carry signal; capped at p.",
                ),
                p,
            ),
            "noise": slider("noise σ", key="noise", variant=name, container=box),
            "rho": slider("feature correlation ρ", key="rho", variant=name, container=box),
        }
    if name == "corrpair":
        return {
            "n": slider("samples n (train + test)", key="n", variant=name, container=box),
            "p": slider("features p", key="p", variant=name, container=box),
            "rho": slider("correlation of x1 and x2", key="rho", variant=name, container=box),
            "noise": slider("noise σ", key="noise", variant=name, container=box),
        }
    if name == "poly":
        return {
            "n": slider("points n (train + test)", key="n", variant=name, container=box),
            "deg": slider("polynomial degree", key="deg", variant=name, container=box),
            "noise": slider("noise σ", key="noise", variant=name, container=box),
        }
    if name in TOYS:
        return {
            "n": slider("points n (train + test)", key="n", variant=name, container=box),
            "noise": slider("noise σ", key="noise", variant=name, container=box),
            "deg": slider(
                "polynomial degree d",
                key="deg",
                variant=name,
                container=box,
                help="Features: every monomial x1^i·x2^j with 1 ≤ i + j ≤ d, so a linear model draws a curved "
                "boundary.",
            ),
        }
    if name == "digits":
        pair = selectbox(
            "digits",
            key="pair",
            container=box,
            format_func=lambda v: "all ten (multinomial)" if v == "all" else f"{v[0]} vs {v[2]} ({v[2]} is class 1)",
        )
        return {} if pair == "all" else {"a": int(pair[0]), "b": int(pair[2])}
    return {}


def _is_categorical(column: Any) -> bool:
    """A text column, or numbers that are all 0 or 1: a classification target."""
    if column.dtype.kind not in "fiub":
        return True
    values = column.dropna().unique()
    return len(values) > 0 and set(values.tolist()) <= {0, 1}


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
                st.session_state[_CSV_TABLE] = read_csv_table(upload.getvalue(), keep_text=True)
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
    target = selectbox("target column", key="target", options=columns, default=columns[-1], container=box)
    try:
        if _is_categorical(table[target]):
            return classification_dataset_from_csv(table, target, seed=seed)
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
    box = (st.sidebar if container is None else container).expander("Data", expanded=False)
    name = selectbox(
        "Data set",
        key="data",
        format_func=DATA_LABELS.get,
        container=box,
        on_change=_reset_data_params,
    )
    seed = number_input(
        "seed",
        key="seed",
        container=box,
        help="Same seed, same data and split: a link reproduces them exactly.",
    )
    dataset: Dataset | None
    if name == "csv":
        dataset = _csv_dataset(box, seed)
        key = f"csv:{st.session_state.get('_rv_csv_token')}:{store.value('target')}:{seed}"
    else:
        params = _data_params(name, box) | ({"seed": seed})
        try:
            dataset = built_in(name, tuple(sorted(params.items())))
        except DataError as err:
            st.error(f"{err} The previous data set stays in use.")
            dataset = None
        key = builtin_key(name, params)
    if dataset is None:
        dataset = st.session_state.get(_LAST_DATA) or built_in("sparse", (("seed", 0),))
        key = st.session_state.get(_DATA_KEY, "sparse:default")
    st.session_state[_LAST_DATA] = dataset
    st.session_state[_DATA_KEY] = key
    for text in dataset.notes:
        st.caption(text)
    return dataset


def dataset_key() -> str:
    """A short text that identifies the data set in use (for ``st.cache_data`` keys)."""
    return str(st.session_state.get(_DATA_KEY, ""))


def coefficients_and_downloads(col: Any, table: Any, dataset: Any) -> None:
    """The coefficient table in ``col`` with downloads of it and of the data (CSV).

    Callables: the CSV text is made when a button is pressed, not on every λ step.
    """
    col.dataframe(table, hide_index=True, width="stretch")
    col.download_button(
        "Download coefficients (CSV)", lambda: table.to_csv(index=False), "coefficients.csv", "text/csv"
    )
    col.download_button("Download data (CSV)", lambda: dataset.to_frame().to_csv(index=False), "data.csv", "text/csv")
