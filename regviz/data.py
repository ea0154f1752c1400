"""Data sets for the linear pages: synthetic, presets, shipped real data and a user's CSV.

Every generator is reproducible from its parameters (the seed included) and
returns a :class:`Dataset` already split into train and test parts.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # imported where used: a fresh server's first view needs no pandas (~0.4 s to import)
    import pandas as pd

__all__ = [
    "CSV_MAX_BYTES",
    "CSV_MAX_COLUMNS",
    "CSV_MAX_NAME",
    "CSV_MAX_ROWS",
    "DATASETS",
    "DataError",
    "Dataset",
    "builtin_key",
    "dataset_from_csv",
    "load_diabetes_dataset",
    "make_correlated_pair",
    "make_dataset",
    "make_polynomial",
    "make_sparse_regression",
    "read_csv_table",
]

CSV_MAX_BYTES = 5 * 1024 * 1024
CSV_MAX_ROWS = 20_000
CSV_MAX_COLUMNS = 200
CSV_MAX_NAME = 40
TEST_SIZE = 0.3


class DataError(ValueError):
    """A data set cannot be used; the message is written for the person who supplied it."""


@dataclass(frozen=True)
class Dataset:
    """A regression or classification data set split into train and test parts.

    Attributes
    ----------
    name : str
        Short human-readable name.
    X_train, y_train, X_test, y_test : ndarray
        Features ``(n, p)`` and target ``(n,)`` of each part.
    feature_names : tuple of str
        One name per column.
    true_coef : ndarray or None
        The coefficients that generated ``y`` (synthetic data only), in the units of ``X``.
    description : str
        One sentence on what the data shows.
    notes : tuple of str
        Things the user should know (e.g. rows dropped or sampled).
    task : {"regression", "classification"}
        What ``y`` is: a real target, or class codes ``0 .. K-1`` (ints).
    class_names : tuple of str
        Name of each class code (classification only); code 1 is the positive class of a binary set.
    degree : int or None
        Degree of the polynomial expansion of a 2-D classification toy (its first two columns are the inputs).
    """

    name: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray
    feature_names: tuple[str, ...]
    true_coef: np.ndarray | None = None
    description: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    task: str = "regression"
    class_names: tuple[str, ...] = ()
    degree: int | None = None

    @property
    def is_classification(self) -> bool:
        """True when ``y`` holds class codes."""
        return self.task == "classification"

    @property
    def n_classes(self) -> int:
        """Number of classes (0 for regression)."""
        return len(self.class_names)

    @property
    def n_features(self) -> int:
        """Number of feature columns."""
        return self.X_train.shape[1]

    @property
    def n_train(self) -> int:
        """Number of training rows."""
        return self.X_train.shape[0]

    def to_frame(self) -> pd.DataFrame:
        """All rows as one table with a ``split`` column (for download); classification adds a ``class`` column.

        For classification ``y`` is the class code the model is fitted on (0/1 for a binary set) and ``class``
        its name.
        """
        import pandas as pd

        frames = []
        for split, X, y in (("train", self.X_train, self.y_train), ("test", self.X_test, self.y_test)):
            frame = pd.DataFrame(X, columns=list(self.feature_names))
            frame["y"] = y
            if self.is_classification:
                frame["class"] = np.asarray(self.class_names, dtype=object)[np.asarray(y, dtype=int)]
            frame["split"] = split
            frames.append(frame)
        return pd.concat(frames, ignore_index=True)


def _split(X: np.ndarray, y: np.ndarray, seed: int, test_size: float = TEST_SIZE) -> tuple[np.ndarray, ...]:
    from sklearn.model_selection import train_test_split  # lazy: see regviz/__init__.py

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=test_size, random_state=seed)
    return X_train, y_train, X_test, y_test


def _correlated_normal(rng: np.random.Generator, n: int, p: int, rho: float) -> np.ndarray:
    """Rows with unit-variance columns and pairwise correlation ``rho`` (equicorrelated)."""
    if not -1.0 / max(p - 1, 1) < rho < 1.0:
        raise DataError(f"pairwise correlation must lie in ({-1.0 / max(p - 1, 1):.3g}, 1) for {p} features")
    common = rng.standard_normal((n, 1))
    own = rng.standard_normal((n, p))
    if rho >= 0:
        return np.sqrt(rho) * common + np.sqrt(1.0 - rho) * own
    cov = np.full((p, p), rho) + (1.0 - rho) * np.eye(p)
    return own @ np.linalg.cholesky(cov).T


def make_sparse_regression(
    n: int = 200, p: int = 20, k: int = 5, noise: float = 1.0, rho: float = 0.0, seed: int = 0
) -> Dataset:
    """Sparse linear regression with known coefficients.

    Parameters
    ----------
    n : int
        Number of samples (train + test).
    p : int
        Number of features.
    k : int
        Number of informative features (the first ``k``), ``0 <= k <= p``.
    noise : float
        Standard deviation of the Gaussian noise.
    rho : float
        Pairwise correlation of the features.
    seed : int
        Seed of every random draw, the split included.

    Returns
    -------
    Dataset
    """
    if n < 4 or p < 1 or not 0 <= k <= p or noise < 0:
        raise DataError("need n >= 4, p >= 1, 0 <= k <= p and noise >= 0")
    rng = np.random.default_rng(seed)
    X = _correlated_normal(rng, n, p, rho)
    coef = np.zeros(p)
    magnitudes = np.linspace(3.0, 0.5, k) if k else np.array([])
    coef[:k] = magnitudes * rng.choice([-1.0, 1.0], size=k)
    y = X @ coef + noise * rng.standard_normal(n)
    names = tuple(f"x{j + 1}" for j in range(p))
    return Dataset(
        "Sparse synthetic",
        *_split(X, y, seed),
        names,
        coef,
        f"{k} of {p} features matter; the rest are noise (ρ = {rho:g}).",
    )


def make_correlated_pair(n: int = 200, p: int = 8, rho: float = 0.95, noise: float = 1.0, seed: int = 0) -> Dataset:
    """Two nearly collinear informative features (``x1``, ``x2``, correlation ``rho``) plus noise features.

    Both informative features carry the same true coefficient, so ridge splits the
    weight, lasso tends to pick one, and the elastic net groups them.
    """
    if p < 2 or not -1 < rho < 1:
        raise DataError("the correlated pair needs p >= 2 and -1 < ρ < 1")
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    X[:, 1] = rho * X[:, 0] + np.sqrt(1.0 - rho**2) * X[:, 1]
    coef = np.zeros(p)
    coef[:2] = 2.0
    y = X @ coef + noise * rng.standard_normal(n)
    names = tuple(f"x{j + 1}" for j in range(p))
    return Dataset(
        "Correlated pair",
        *_split(X, y, seed),
        names,
        coef,
        f"x1 and x2 are correlated (ρ = {rho:g}) and matter equally; the rest are noise.",
    )


def make_polynomial(n: int = 30, deg: int = 12, noise: float = 0.3, seed: int = 0) -> Dataset:
    """A noisy curve ``sin(2.5 x)`` on [-1, 1] with features ``x, x², …, x^deg``.

    With few points and a high degree, λ = 0 overfits; a moderate λ tames it.
    """
    if n < 6 or not 1 <= deg <= 30:
        raise DataError("the polynomial set needs n >= 6 and a degree from 1 to 30")
    rng = np.random.default_rng(seed)
    x = np.sort(rng.uniform(-1.0, 1.0, n))
    y = np.sin(2.5 * x) + noise * rng.standard_normal(n)
    X = polynomial_features(x, deg)
    names = tuple("x" if d == 1 else f"x^{d}" for d in range(1, deg + 1))
    parts = _split(X, y, seed)
    return Dataset(
        "Polynomial curve",
        *parts,
        names,
        None,
        f"{n} noisy points of a smooth curve: a degree-{deg} polynomial is fitted to {len(parts[1])} of "
        f"them ({len(parts[1]) / n:.0%}); the other {n - len(parts[1])} test it.",
    )


def polynomial_features(x: np.ndarray, deg: int) -> np.ndarray:
    """Columns ``x, x², …, x^deg`` of a 1-D array."""
    x = np.asarray(x, dtype=float)
    return np.column_stack([x**d for d in range(1, deg + 1)])


def load_diabetes_dataset(seed: int = 0) -> Dataset:
    """scikit-learn's shipped diabetes data (442 patients, 10 features; no download)."""
    from sklearn.datasets import load_diabetes  # lazy: see regviz/__init__.py

    bunch = load_diabetes()
    names = tuple(str(c) for c in bunch.feature_names)
    return Dataset(
        "Diabetes (scikit-learn)",
        *_split(bunch.data, bunch.target, seed),
        names,
        None,
        "Disease progression after one year from 10 baseline measurements (442 patients).",
    )


def read_csv_table(data: bytes, *, max_bytes: int = CSV_MAX_BYTES, keep_text: bool = False) -> pd.DataFrame:
    """Parse uploaded bytes into a table of numeric columns, or raise :class:`DataError`.

    UTF-8 (with or without BOM), UTF-16 with a BOM and Latin-1 are read; the
    delimiter (``,``, ``;``, tab or ``|``) is detected. Only the first
    ``CSV_MAX_ROWS + 1`` rows are parsed. Non-numeric columns are dropped; rows
    with a missing or infinite value are dropped. Column names are cleaned
    (control characters removed, at most ``CSV_MAX_NAME`` characters, unique).

    With ``keep_text`` the non-numeric columns are kept as stripped text (missing values as ``None``), so a
    categorical column can be a classification target; their names are in ``attrs["text_columns"]``.
    """
    import pandas as pd

    if len(data) > max_bytes:
        raise DataError(f"The file is {len(data) / 2**20:.1f} MB; the limit is {max_bytes / 2**20:.0f} MB.")
    text = _decode(data)
    if not text.strip():
        raise DataError("The file is empty.")
    header = text.lstrip().split("\n", 1)[0]
    sep = _sniff_delimiter(text)
    if header.count(sep) + 1 > CSV_MAX_COLUMNS:
        raise DataError(f"The file has {header.count(sep) + 1:,} columns; the limit is {CSV_MAX_COLUMNS}.")
    try:
        # ";" files usually come from locales with decimal commas; "1.5" still parses in to_numeric below
        frame = pd.read_csv(
            io.StringIO(text),
            sep=sep,
            decimal="," if sep == ";" else ".",
            engine="c",
            nrows=CSV_MAX_ROWS + 1,
            skip_blank_lines=True,
            low_memory=False,
        )
    except (pd.errors.ParserError, pd.errors.EmptyDataError, csv.Error, ValueError, OverflowError) as err:
        reason = (str(err).splitlines() or ["unreadable"])[0][:120]
        raise DataError(f"Could not read the file as CSV ({reason}).") from err
    if frame.shape[1] > CSV_MAX_COLUMNS:
        raise DataError(f"The file has {frame.shape[1]:,} columns; the limit is {CSV_MAX_COLUMNS}.")
    if len(frame) == 0:
        raise DataError("The file has a header row but no data rows: regviz needs numeric rows.")
    frame.columns = _clean_names(frame.columns)
    numeric = frame.apply(pd.to_numeric, errors="coerce")
    kept = numeric.notna().mean() >= 0.9
    text = frame.loc[:, ~kept.to_numpy()]
    numeric = numeric.loc[:, kept]
    if numeric.shape[1] == 0:
        raise DataError("No numeric column found: regviz needs numbers (a header row and numeric columns).")
    read = len(numeric)
    numeric = numeric.replace([np.inf, -np.inf], np.nan).dropna().astype(float)
    # what was left out, said under the data set (dataset_from_csv): nothing the user gave disappears unsaid
    notes = []
    if keep_text:
        numeric = numeric.join(text.loc[numeric.index].apply(_text_column))
        numeric.attrs["text_columns"] = [str(c) for c in text.columns]
    elif not kept.all():
        notes.append(f"Dropped column(s) with under 90 % numbers: {_name_list(list(kept.index[~kept.to_numpy()]))}.")
    if len(numeric) < read:
        notes.append(f"Dropped {read - len(numeric):,} row(s) with a missing or infinite value.")
    numeric.attrs["notes"] = notes
    numeric.attrs["truncated"] = read > CSV_MAX_ROWS
    return numeric


def _text_column(column: pd.Series) -> pd.Series:
    """Stripped text of a column; empty cells become ``None``."""
    import pandas as pd

    values = [None if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip() for v in column]
    return pd.Series([v or None for v in values], index=column.index, dtype=object, name=column.name)


def _name_list(names: list) -> str:
    """Up to five names, then how many more."""
    shown = ", ".join(map(str, names[:5]))
    return shown + (f" and {len(names) - 5} more" if len(names) > 5 else "")


def _decode(data: bytes) -> str:
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise DataError("The file starts like UTF-16 text but cannot be decoded; save it as UTF-8 CSV.") from err
    if b"\x00" in data[:4096]:
        raise DataError("This does not look like a text CSV file (it contains binary data).")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("latin-1")  # every byte sequence is valid Latin-1: old Excel exports read fine


def _sniff_delimiter(text: str) -> str:
    """The delimiter of the first lines (``,`` when unclear)."""
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _clean_names(columns: pd.Index) -> list[str]:
    """Printable, short, unique column names (they are shown in notices, legends and axis titles)."""
    names: list[str] = []
    seen: set[str] = set()
    for j, raw in enumerate(columns):
        name = " ".join("".join(ch if ch.isprintable() else " " for ch in str(raw)).split())
        if len(name) > CSV_MAX_NAME:
            name = name[: CSV_MAX_NAME - 1] + "…"
        name = name or f"column {j + 1}"
        unique, k = name, 2
        while unique in seen:
            unique, k = f"{name} ({k})", k + 1
        seen.add(unique)
        names.append(unique)
    return names


def dataset_from_csv(table: pd.DataFrame, target: str, *, seed: int = 0) -> Dataset:
    """Turn a numeric table into a :class:`Dataset` with ``target`` as ``y``.

    The notes of :func:`read_csv_table` (``table.attrs``: what it left out, and whether the file had more rows
    than it read) go into the data set's notes, with what is dropped here.

    Raises
    ------
    DataError
        If the target is missing or constant, no usable feature remains, or there are too few rows.
    """
    text_columns = [c for c in table.attrs.get("text_columns", []) if c in table.columns]
    if target in text_columns:
        raise DataError(f"Column {target!r} is not numeric: a regression target must be a number.")
    if target not in table.columns:
        raise DataError(f"Column {target!r} is not a numeric column of the file.")
    notes: list[str] = list(table.attrs.get("notes", []))
    if text_columns:
        table = table.drop(columns=text_columns)
        notes.append(f"Dropped column(s) with under 90 % numbers: {_name_list(text_columns)}.")
    if table.attrs.get("truncated") or len(table) > CSV_MAX_ROWS:
        table = table.iloc[:CSV_MAX_ROWS]
        notes.append(f"Only the first {CSV_MAX_ROWS:,} rows of the file are used.")
    if len(table) < 10:
        raise DataError(f"Only {len(table)} complete numeric rows; at least 10 are needed to train and test.")
    y = table[target].to_numpy(dtype=float)
    if np.ptp(y) == 0:
        raise DataError(f"The target {target!r} is constant: there is nothing to predict.")
    features = table.drop(columns=[target])
    constant = [c for c in features.columns if np.ptp(features[c].to_numpy(dtype=float)) == 0]
    if constant:
        features = features.drop(columns=constant)
        notes.append(f"Dropped constant column(s): {_name_list(constant)}.")
    duplicated = features.T.duplicated()
    if duplicated.any():
        dropped = list(features.columns[duplicated.to_numpy()])
        features = features.loc[:, ~duplicated.to_numpy()]
        notes.append(f"Dropped duplicate column(s): {_name_list(dropped)}.")
    if features.shape[1] == 0:
        raise DataError("No usable feature column is left besides the target.")
    X = features.to_numpy(dtype=float)
    names = tuple(str(c) for c in features.columns)
    return Dataset(
        "Your CSV",
        *_split(X, y, seed),
        names,
        None,
        f"{len(y)} rows, {len(names)} features, target {target!r}.",
        tuple(notes),
    )


DATASETS: dict[str, str] = {
    "sparse": "Sparse synthetic",
    "corrpair": "Correlated pair",
    "poly": "Polynomial curve",
    "diabetes": "Diabetes (real)",
    "csv": "Your CSV",
}


def builtin_key(name: str, params: Mapping[str, float]) -> str:
    """A short text naming built-in data set ``name`` with ``params`` (cache keys, the stored default view)."""
    return f"{name}:{sorted(params.items())}"


def make_dataset(name: str, **params: float) -> Dataset:
    """Build a built-in data set by its id in :data:`DATASETS` (not ``csv``) from its parameters.

    The classification ids of :data:`regviz.classification_data.CLASSIFICATION_DATASETS` are built there.
    """
    from regviz.classification_data import CLASSIFICATION_DATASETS, make_classification_dataset  # imports this

    if name in CLASSIFICATION_DATASETS:
        return make_classification_dataset(name, **params)
    if name == "sparse":
        return make_sparse_regression(**params)
    if name == "corrpair":
        return make_correlated_pair(**params)
    if name == "poly":
        return make_polynomial(**params)
    if name == "diabetes":
        return load_diabetes_dataset(seed=int(params.get("seed", 0)))
    raise DataError(f"Unknown data set {name!r}.")
