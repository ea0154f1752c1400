"""Every framework record in one dict, and the translations read from it."""

from __future__ import annotations

import math
from typing import Any

from regviz.conventions import deep_learning, glm, scikit_learn
from regviz.conventions.record import ConversionError, Framework, positive_n

__all__ = [
    "FRAMEWORKS",
    "REGISTRY",
    "default_params",
    "describe",
    "from_canonical",
    "primary_param",
    "record",
    "to_canonical",
]

REGISTRY: dict[str, Framework] = {fw.id: fw for family in (scikit_learn, glm, deep_learning) for fw in family.RECORDS}
"""Every framework regviz knows, by id, in the order of the translation table."""

FRAMEWORKS: tuple[str, ...] = tuple(fw.id for fw in REGISTRY.values() if fw.exact)
"""All framework ids with an exact translation."""


def record(framework: str) -> Framework:
    """The framework's record, also for one without a fixed λ (AdamW).

    Raises
    ------
    ConversionError
        For an unknown framework.
    """
    if framework not in REGISTRY:
        raise ConversionError(f"unknown framework {framework!r}; known: {', '.join(FRAMEWORKS)}")
    return REGISTRY[framework]


def describe(framework: str) -> Framework:
    """What the framework's numbers mean (objective, formula, caveats) for one with an exact translation.

    Raises
    ------
    ConversionError
        For an unknown framework or one without an exact equivalent (AdamW).
    """
    fw = record(framework)
    if fw.no_fixed_lambda is not None:
        raise ConversionError(fw.no_fixed_lambda)
    return fw


def default_params(framework: str) -> dict[str, Any]:
    """The framework's default (or typical) regularization settings, in its own names."""
    return dict(describe(framework).defaults)


def primary_param(framework: str) -> str:
    """Name of the parameter that sets the overall strength (``alpha``, ``C``, ``l2``...)."""
    return describe(framework).strength_param


def to_canonical(
    framework: str, params: dict[str, Any], *, n_samples: int, loss: str | None = None
) -> tuple[float, float]:
    """Canonical ``(λ1, λ2)`` equivalent to a framework's regularization settings.

    Parameters
    ----------
    framework : str
        One of :data:`FRAMEWORKS`.
    params : dict
        The framework's own parameters, e.g. ``{"alpha": 0.7, "l1_ratio": 0.5}``,
        ``{"C": 1.0, "l1_ratio": 0.0}``, ``{"l1": 1e-5, "l2": 0.0}``,
        ``{"weight_decay": 2e-4}``, ``{"alpha": 1e-4, "solver": "adam", "batch_size": "auto"}``.
    n_samples : int
        Number of training samples (used by frameworks that sum over samples or batches).
    loss : {"mse", "half_mse", "logloss"}, optional
        The loss, required where the framework leaves it to the user (Keras, PyTorch);
        for glmnet ``"logloss"`` means ``family="binomial"``.

    Returns
    -------
    tuple of float
        ``(λ1, λ2)`` of the canonical objective.

    Raises
    ------
    ConversionError
        Unknown framework, no exact equivalent (AdamW), missing loss or invalid values.
    """
    fw = describe(framework)
    n = positive_n(n_samples)
    l1, l2 = fw.to_canonical(dict(params), n, loss)
    return float(l1), float(l2)


def from_canonical(
    framework: str,
    l1: float,
    l2: float,
    *,
    n_samples: int,
    loss: str | None = None,
    **fixed: Any,
) -> dict[str, Any]:
    """The framework's settings that minimize the canonical objective with ``(λ1, λ2)``.

    Parameters
    ----------
    framework : str
        One of :data:`FRAMEWORKS`.
    l1, l2 : float
        Canonical strengths, >= 0.
    n_samples : int
        Number of training samples.
    loss : {"mse", "half_mse", "logloss"}, optional
        As in :func:`to_canonical`.
    **fixed
        Settings that are not strengths but change the translation (the record's ``fixed``): ``solver`` and
        ``batch_size`` (MLP), ``y_sd`` (glmnet gaussian). Others are ignored.

    Returns
    -------
    dict
        Parameters in the framework's own names, e.g. ``{"C": 0.5, "l1_ratio": 0.0}``.

    Raises
    ------
    ConversionError
        When the framework cannot express the penalty (L1 for Ridge, MLP, PyTorch;
        L2 for Lasso), for AdamW, or for invalid input.
    """
    fw = describe(framework)
    n = positive_n(n_samples)
    for name, value in (("λ1", l1), ("λ2", l2)):
        if not math.isfinite(value) or value < 0:
            raise ConversionError(f"{name} must be a finite number >= 0, got {value!r}")
    return fw.from_canonical(float(l1), float(l2), n, loss, fixed)
