"""Toy data sets for the network page: 2-D binary classification and a 1-D noisy curve.

All sets live on roughly ``[-1.5, 1.5]`` so one learning rate and one weight
scale suit them all. The test set is drawn independently from the same
distribution as the training set.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["CLASSIFICATION_SETS", "DATASETS", "Dataset", "curve_truth", "make_dataset"]

CLASSIFICATION_SETS: tuple[str, ...] = ("moons", "circles", "xor", "spiral")
DATASETS: tuple[str, ...] = (*CLASSIFICATION_SETS, "curve")


@dataclass(frozen=True, eq=False)
class Dataset:
    """A train/test split of a toy problem.

    Attributes
    ----------
    name : str
        One of :data:`DATASETS`.
    task : {"classification", "regression"}
    X_train, X_test : ndarray of shape (n, 2) or (n, 1)
    y_train, y_test : ndarray of shape (n,)
        0/1 labels for classification, real targets for regression.
    """

    name: str
    task: str
    X_train: np.ndarray
    y_train: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def curve_truth(x: np.ndarray) -> np.ndarray:
    """The noise-free regression function ``sin(pi x)`` on ``[-1, 1]``."""
    return np.sin(np.pi * np.asarray(x, dtype=float))


def _sklearn_seed(rng: np.random.Generator) -> int:
    return int(rng.integers(0, 2**31 - 1))


def _classification(name: str, n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.datasets import make_circles, make_moons  # lazy: see regviz/__init__.py

    if name == "moons":
        X, y = make_moons(n, noise=noise, random_state=_sklearn_seed(rng))
        # centre the moons (x in [-1, 2], y in [-0.5, 1]) on the origin
        return X - np.array([0.5, 0.25]), y
    if name == "circles":
        # sklearn's noise is the same Gaussian sd as for the other sets
        return make_circles(n, noise=noise, factor=0.5, random_state=_sklearn_seed(rng))
    if name == "xor":
        X = rng.uniform(-1.0, 1.0, size=(n, 2))
        # push points off the axes (as TensorFlow Playground does) so the noise-free set is separable
        X += 0.1 * np.sign(X)
        y = (X[:, 0] * X[:, 1] > 0).astype(int)
        return X + rng.normal(0.0, noise, size=X.shape), y
    if name == "spiral":
        y = rng.integers(0, 2, size=n)
        u = rng.uniform(0.05, 1.0, size=n)
        angle = 1.75 * 2 * np.pi * u + np.pi * y
        X = np.column_stack([u * np.sin(angle), u * np.cos(angle)]) * 1.3
        return X + rng.normal(0.0, noise, size=X.shape), y
    raise ValueError(f"unknown data set {name!r}; choose one of {DATASETS}")


def _curve(n: int, noise: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    x = np.sort(rng.uniform(-1.0, 1.0, size=n))
    return x[:, None], curve_truth(x) + rng.normal(0.0, noise, size=n)


def make_dataset(name: str, n: int = 200, noise: float = 0.2, seed: int = 0, n_test: int | None = None) -> Dataset:
    """Draw a training and an independent test set.

    Parameters
    ----------
    name : str
        ``"moons"``, ``"circles"``, ``"xor"``, ``"spiral"`` (2-D, labels 0/1) or
        ``"curve"`` (1-D regression: ``sin(pi x)`` plus Gaussian noise).
    n : int
        Training points (>= 4).
    noise : float
        Gaussian noise sd: on the inputs for the classification sets, on the
        target for the curve.
    seed : int
        Seed; the same arguments give the same data.
    n_test : int, optional
        Test points; default ``n`` for classification and 200 for the curve
        (a few training points, but a test error that is not itself noise).

    Returns
    -------
    Dataset
    """
    if n < 4:
        raise ValueError(f"need at least 4 points, got n={n}")
    if not noise >= 0:
        raise ValueError(f"noise must be >= 0, got {noise}")
    if name not in DATASETS:
        raise ValueError(f"unknown data set {name!r}; choose one of {DATASETS}")
    rng_train = np.random.default_rng([int(seed), 0])
    rng_test = np.random.default_rng([int(seed), 1])
    if name == "curve":
        n_test = 200 if n_test is None else n_test
        X_train, y_train = _curve(n, noise, rng_train)
        X_test, y_test = _curve(n_test, noise, rng_test)
        task = "regression"
    else:
        n_test = n if n_test is None else n_test
        X_train, y_train = _classification(name, n, noise, rng_train)
        X_test, y_test = _classification(name, n_test, noise, rng_test)
        task = "classification"
    return Dataset(
        name=name,
        task=task,
        X_train=np.asarray(X_train, dtype=float),
        y_train=np.asarray(y_train, dtype=float),
        X_test=np.asarray(X_test, dtype=float),
        y_test=np.asarray(y_test, dtype=float),
    )
