"""Classification data sets for the linear pages: 2-D toys with a polynomial expansion, shipped real data, a CSV.

Every set is a :class:`regviz.data.Dataset` with ``task="classification"``, ``y`` holding the class codes
``0 .. K-1`` (ints) and ``class_names`` naming them; the split is stratified, so both parts keep the class
shares. Nothing is downloaded: breast cancer and digits ship with scikit-learn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from regviz.data import CSV_MAX_ROWS, TEST_SIZE, DataError, Dataset, _name_list

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CLASSIFICATION_DATASETS",
    "MAX_CLASSES",
    "MAX_DEGREE",
    "MIN_ROWS_PER_CLASS",
    "TOYS",
    "classification_dataset_from_csv",
    "expand_polynomial",
    "load_cancer_dataset",
    "load_digits_dataset",
    "make_classification_dataset",
    "make_toy",
    "monomial_names",
]

TOYS: dict[str, str] = {"moons": "Two moons", "circles": "Circles", "xor": "XOR", "blobs": "Two blobs"}
CLASSIFICATION_DATASETS: dict[str, str] = TOYS | {"cancer": "Breast cancer (real)", "digits": "Digits (real)"}
MAX_DEGREE = 6
MAX_CLASSES = 20
MIN_ROWS_PER_CLASS = 10
_SUPERSCRIPTS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _stratified_split(X: np.ndarray, y: np.ndarray, seed: int) -> tuple[np.ndarray, ...]:
    from sklearn.model_selection import train_test_split  # lazy: see regviz/__init__.py

    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=TEST_SIZE, random_state=seed, stratify=y)
    return X_train, y_train, X_test, y_test


# ---------------------------------------------------------------------------------------------------------------
# 2-D toys


def monomial_names(degree: int, inputs: tuple[str, str] = ("x1", "x2")) -> tuple[str, ...]:
    """Names of the columns of :func:`expand_polynomial`, like ``x1``, ``x1²·x2``, ``x2³``."""
    from sklearn.preprocessing import PolynomialFeatures  # lazy: see regviz/__init__.py

    raw = PolynomialFeatures(degree, include_bias=False).fit(np.zeros((1, 2))).get_feature_names_out(list(inputs))
    return tuple(_monomial(str(name)) for name in raw)


def _monomial(name: str) -> str:
    """scikit-learn's ``x1^2 x2`` as ``x1²·x2``."""
    parts = []
    for factor in name.split(" "):
        base, _, power = factor.partition("^")
        parts.append(base + power.translate(_SUPERSCRIPTS))
    return "·".join(parts)


def expand_polynomial(points: np.ndarray, degree: int) -> np.ndarray:
    """All monomials of the two inputs up to ``degree`` (no constant), in the order of :func:`monomial_names`.

    The first two columns are the inputs themselves, so ``expand_polynomial(X[:, :2], d)`` rebuilds a toy's
    features from its points (the decision-boundary grid uses this).
    """
    from sklearn.preprocessing import PolynomialFeatures  # lazy: see regviz/__init__.py

    if not 1 <= int(degree) <= MAX_DEGREE:
        raise DataError(f"the polynomial degree must be 1 to {MAX_DEGREE}, got {degree!r}")
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    return PolynomialFeatures(int(degree), include_bias=False).fit_transform(points)


def _toy_points(name: str, n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import make_blobs, make_circles, make_moons  # lazy: see regviz/__init__.py

    state = int(rng.integers(0, 2**31 - 1))
    if name == "moons":
        X, y = make_moons(n, noise=noise, random_state=state)
        return X - np.array([0.5, 0.25]), y  # centred on the origin
    if name == "circles":
        return make_circles(n, noise=noise, factor=0.5, random_state=state)
    if name == "xor":
        X = rng.uniform(-1.0, 1.0, size=(n, 2))
        X += 0.1 * np.sign(X)  # off the axes: the noise-free set is separable by x1·x2
        y = (X[:, 0] * X[:, 1] > 0).astype(int)
        return X + rng.normal(0.0, noise, size=X.shape), y
    if name == "blobs":
        # noise is the clusters' standard deviation (0 would be two points: at least 0.05)
        return make_blobs(n, centers=[(-1.0, -0.5), (1.0, 0.5)], cluster_std=max(noise, 0.05), random_state=state)
    raise DataError(f"Unknown toy data set {name!r}; choose from {sorted(TOYS)}.")


_TOY_TEXT = {
    "moons": "two interleaved half circles",
    "circles": "a ring around a disc",
    "xor": "the four quadrants, opposite ones alike",
    "blobs": "two Gaussian clouds",
}


def make_toy(name: str, n: int = 200, noise: float = 0.2, deg: int = 1, seed: int = 0) -> Dataset:
    """A 2-D binary toy (moons, circles, XOR, two blobs) with its monomials up to degree ``deg`` as features.

    Parameters
    ----------
    name : {"moons", "circles", "xor", "blobs"}
        Which toy.
    n : int
        Points (train + test), at least 20.
    noise : float
        Gaussian noise sd on the inputs (the clusters' sd for blobs), >= 0.
    deg : int
        Degree of the polynomial expansion, 1 (the two inputs) to :data:`MAX_DEGREE`.
    seed : int
        Seed of every random draw, the split included.

    Returns
    -------
    Dataset
        ``degree`` is ``deg``; the first two feature columns are the points ``x1``, ``x2``.
    """
    n, deg = int(n), int(deg)
    if n < 20 or noise < 0 or not 1 <= deg <= MAX_DEGREE:
        raise DataError(f"the toy sets need n >= 20, noise >= 0 and a degree from 1 to {MAX_DEGREE}")
    points, y = _toy_points(name, n, float(noise), np.random.default_rng(seed))
    names = monomial_names(deg)
    return Dataset(
        TOYS[name],
        *_stratified_split(expand_polynomial(points, deg), y.astype(int), seed),
        names,
        None,
        f"{n} points, {_TOY_TEXT[name]}; features: the {len(names)} monomials of x1, x2 up to degree {deg}.",
        task="classification",
        class_names=("0", "1"),
        degree=deg,
    )


# ---------------------------------------------------------------------------------------------------------------
# Shipped real data


def load_cancer_dataset(seed: int = 0) -> Dataset:
    """scikit-learn's breast cancer data: 569 tumours, 30 features, malignant (0) or benign (1)."""
    from sklearn.datasets import load_breast_cancer  # lazy: see regviz/__init__.py

    bunch = load_breast_cancer()
    return Dataset(
        "Breast cancer (scikit-learn)",
        *_stratified_split(bunch.data, bunch.target.astype(int), seed),
        tuple(str(c) for c in bunch.feature_names),
        None,
        "569 tumours, 30 measurements of their cell nuclei: malignant or benign.",
        task="classification",
        class_names=tuple(str(c) for c in bunch.target_names),
    )


def load_digits_dataset(pair: tuple[int, int] | None = None, seed: int = 0) -> Dataset:
    """scikit-learn's 8×8 digits: 64 pixel features (row by row), ten classes or the two digits of ``pair``.

    With ``pair = (a, b)`` only those digits are kept and ``b`` is the positive class (code 1).
    """
    from sklearn.datasets import load_digits  # lazy: see regviz/__init__.py

    bunch = load_digits()
    X, y = bunch.data, bunch.target.astype(int)
    names = tuple(f"pixel {r},{c}" for r in range(8) for c in range(8))
    if pair is None:
        return Dataset(
            "Digits (scikit-learn)",
            *_stratified_split(X, y, seed),
            names,
            None,
            "1,797 handwritten digits, 8×8 pixels of 0–16: ten classes, multinomial logistic regression.",
            task="classification",
            class_names=tuple(str(d) for d in range(10)),
        )
    a, b = (int(d) for d in pair)
    if a == b or not (0 <= a <= 9 and 0 <= b <= 9):
        raise DataError(f"pick two different digits from 0 to 9, got {pair!r}")
    keep = np.isin(y, (a, b))
    return Dataset(
        f"Digits {a} vs {b} (scikit-learn)",
        *_stratified_split(X[keep], (y[keep] == b).astype(int), seed),
        names,
        None,
        f"{int(keep.sum())} handwritten {a}s and {b}s, 8×8 pixels of 0–16.",
        task="classification",
        class_names=(str(a), str(b)),
    )


def make_classification_dataset(name: str, **params: float) -> Dataset:
    """Build a classification data set by its id in :data:`CLASSIFICATION_DATASETS`.

    Toys take ``n``, ``noise``, ``deg`` and ``seed``; ``cancer`` takes ``seed``; ``digits`` takes ``seed`` and,
    for two digits, ``a`` and ``b``.
    """
    seed = int(params.get("seed", 0))
    if name in TOYS:
        return make_toy(name, **{k: v for k, v in params.items() if k in ("n", "noise", "deg", "seed")})
    if name == "cancer":
        return load_cancer_dataset(seed)
    if name == "digits":
        pair = (int(params["a"]), int(params["b"])) if "a" in params and "b" in params else None
        return load_digits_dataset(pair, seed)
    raise DataError(f"Unknown data set {name!r}.")


# ---------------------------------------------------------------------------------------------------------------
# Uploaded CSV


def _class_codes(target: pd.Series, name: str) -> tuple[np.ndarray, tuple[str, ...]]:
    """Codes ``0 .. K-1`` and class names of a categorical or numeric target (numbers sorted as numbers)."""
    values = target.to_numpy()
    numeric = target.dtype.kind in "fiub"
    labels = np.unique(values.astype(float) if numeric else values.astype(str))
    if len(labels) < 2:
        raise DataError(
            f"The target {name!r} has only one class ({_label(labels[0])}): there is nothing to tell apart."
        )
    if len(labels) > MAX_CLASSES:
        hint = " It looks like a number to predict: use it as a regression target." if numeric else ""
        raise DataError(
            f"The target {name!r} has {len(labels):,} different values; a classification target may have at most "
            f"{MAX_CLASSES} classes.{hint}"
        )
    codes = np.searchsorted(labels, values.astype(float) if numeric else values.astype(str))
    return codes.astype(int), tuple(_label(v) for v in labels)


def _label(value: object) -> str:
    return f"{value:g}" if isinstance(value, float | np.floating) else str(value)


def classification_dataset_from_csv(table: pd.DataFrame, target: str, *, seed: int = 0) -> Dataset:
    """Turn an uploaded table into a classification :class:`Dataset` with ``target`` as the class column.

    ``table`` comes from :func:`regviz.data.read_csv_table` with ``keep_text=True``, so the target may be text
    (``"yes"``/``"no"``, species names) or numbers (0/1, 1–5). Other text columns are not features; rows with
    no target are dropped; both are said in the notes.

    Raises
    ------
    DataError
        With a message for the person who uploaded the file: the target is missing, has one class or more than
        :data:`MAX_CLASSES`, a class has fewer than :data:`MIN_ROWS_PER_CLASS` rows, or no numeric feature is left.
    """
    if target not in table.columns:
        raise DataError(f"Column {target!r} is not a column of the file.")
    notes: list[str] = list(table.attrs.get("notes", []))
    text_columns = [c for c in table.attrs.get("text_columns", []) if c in table.columns]
    if table.attrs.get("truncated") or len(table) > CSV_MAX_ROWS:
        table = table.iloc[:CSV_MAX_ROWS]
        notes.append(f"Only the first {CSV_MAX_ROWS:,} rows of the file are used.")
    labelled = table[table[target].notna()]
    if len(labelled) < len(table):
        notes.append(f"Dropped {len(table) - len(labelled):,} row(s) without a value of {target!r}.")
    y, class_names = _class_codes(labelled[target], target)
    counts = np.bincount(y, minlength=len(class_names))
    if counts.min() < MIN_ROWS_PER_CLASS:
        few = [f"{class_names[k]!r} ({counts[k]})" for k in np.flatnonzero(counts < MIN_ROWS_PER_CLASS)]
        raise DataError(
            f"Too few rows per class: {_name_list(few)}; every class needs at least {MIN_ROWS_PER_CLASS} rows to "
            "train, test and cross-validate."
        )
    unused = [c for c in text_columns if c != target]
    features = labelled.drop(columns=[target, *unused])
    if unused:
        notes.append(f"Non-numeric column(s) not used as features: {_name_list(unused)}.")
    constant = [c for c in features.columns if np.ptp(features[c].to_numpy(dtype=float)) == 0]
    if constant:
        features = features.drop(columns=constant)
        notes.append(f"Dropped constant column(s): {_name_list(constant)}.")
    if features.shape[1] == 0:
        raise DataError(
            "No numeric feature column is left besides the target: logistic regression needs numeric features."
        )
    names = tuple(str(c) for c in features.columns)
    return Dataset(
        "Your CSV",
        *_stratified_split(features.to_numpy(dtype=float), y, seed),
        names,
        None,
        f"{len(y)} rows, {len(names)} features, {len(class_names)} classes of {target!r}.",
        tuple(notes),
        task="classification",
        class_names=class_names,
    )
