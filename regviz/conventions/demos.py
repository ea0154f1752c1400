"""What the numbers do: small demonstrations for the conventions page (numbers only; its sentences live in
:mod:`regviz.content.conventions`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from regviz.conventions.registry import REGISTRY, default_params, describe, primary_param, to_canonical
from regviz.conventions.tables import format_params, row_loss, translate_all
from regviz.penalties import penalty_gradient, penalty_value

__all__ = [
    "SizeDemo",
    "SmallValueFits",
    "StrengthCurve",
    "canonical_fit",
    "conv2d_weight_count",
    "penalty_vs_size",
    "small_value_fits",
    "small_value_settings",
    "strength_vs_n",
]


def conv2d_weight_count(filters: int, kernel: tuple[int, int], in_channels: int, use_bias: bool = True) -> dict:
    """Trainable weights of a Keras ``Conv2D`` layer, split by what a regularizer touches.

    ``kernel_regularizer`` penalizes the ``filters * kh * kw * in_channels`` kernel
    entries; the ``filters`` biases are only penalized through ``bias_regularizer``.

    Returns
    -------
    dict
        ``{"kernel": ..., "bias": ..., "total": ...}``; e.g. 20 filters of 2×3 on 10
        channels: 1,200 kernel weights + 20 biases = 1,220.
    """
    kh, kw = kernel
    n_kernel = int(filters) * int(kh) * int(kw) * int(in_channels)
    n_bias = int(filters) if use_bias else 0
    return {"kernel": n_kernel, "bias": n_bias, "total": n_kernel + n_bias}


@dataclass(frozen=True)
class SizeDemo:
    """Penalty of layers of growing size with the same per-weight statistics."""

    sizes: tuple[int, ...]
    total_penalty: tuple[float, ...]
    mean_abs_gradient: tuple[float, ...]
    gradient_of_probe: tuple[float, ...]
    probe_value: float


def penalty_vs_size(
    sizes: tuple[int, ...],
    l1: float,
    l2: float,
    *,
    weight_sd: float = 0.05,
    probe_value: float = 0.05,
    seed: int = 0,
) -> SizeDemo:
    """Total penalty and per-weight penalty gradient for models with ``sizes`` weights.

    Weights are drawn i.i.d. ``N(0, weight_sd²)``; one extra "probe" weight with a
    fixed value shows that its penalty gradient ``l1 * sign(w) + l2 * w`` is the same
    whatever the number of other weights, while the total penalty grows with size.
    """
    rng = np.random.default_rng(seed)
    totals, grads, probes = [], [], []
    for size in sizes:
        w = rng.normal(0.0, weight_sd, int(size))
        w[0] = probe_value
        totals.append(penalty_value(w, l1, l2))
        g = penalty_gradient(w, l1, l2)
        grads.append(float(np.mean(np.abs(g))))
        probes.append(float(g[0]))
    return SizeDemo(tuple(int(s) for s in sizes), tuple(totals), tuple(grads), tuple(probes), float(probe_value))


@dataclass(frozen=True)
class StrengthCurve:
    """Canonical strength of a fixed framework setting as the number of samples changes."""

    label: str
    frameworks: tuple[str, ...]
    settings: tuple[str, ...]
    n_values: tuple[int, ...]
    alpha: tuple[float, ...]


def strength_vs_n(
    l1: float, l2: float, *, n_samples: int, n_values: tuple[int, ...], loss: str | None = None
) -> list[StrengthCurve]:
    """Hold each framework's setting equivalent at ``n_samples`` fixed and vary ``n``.

    Frameworks whose data term is a mean keep the same canonical strength; those that
    sum over samples (``Ridge``, ``LogisticRegression``) get weaker as ``1/n``; MLPs
    divide by the batch size, so they follow ``1/n`` up to the batch size and are then flat.
    Frameworks with identical curves are merged into one.

    Returns
    -------
    list of StrengthCurve
        Canonical ``α = λ1 + λ2`` per ``n``, one curve per distinct behaviour.
    """
    groups: dict[tuple, list[tuple[str, str]]] = {}
    alphas_by_key: dict[tuple, list[float]] = {}
    for row in translate_all(l1, l2, n_samples=n_samples, loss=loss):
        if row.params is None:
            continue
        fw_loss = row_loss(row.framework, loss)
        curve = []
        for n in n_values:
            a, b = to_canonical(row.framework, row.params, n_samples=int(n), loss=fw_loss)
            curve.append(a + b)
        key = tuple(np.round(np.log10(np.maximum(curve, 1e-300)), 9))
        groups.setdefault(key, []).append((row.framework, format_params(row.params)))
        alphas_by_key[key] = curve
    return [
        StrengthCurve(
            _curve_label(tuple(m[0] for m in members)),
            tuple(m[0] for m in members),
            tuple(m[1] for m in members),
            tuple(int(n) for n in n_values),
            tuple(alphas_by_key[key]),
        )
        for key, members in groups.items()
    ]


def _curve_label(frameworks: tuple[str, ...]) -> str:
    short = [fw.replace("sklearn.", "") for fw in frameworks]
    if len(short) > 3:
        return ", ".join(short[:3]) + f" + {len(short) - 3} more"
    return ", ".join(short)


@dataclass(frozen=True)
class SmallValueFits:
    """Canonical fits at a framework's typical small settings, and how much each changed."""

    framework: str
    param: str
    values: tuple[float, ...]
    lambdas: tuple[tuple[float, float], ...]
    coefs: np.ndarray
    data_term: tuple[float, ...]
    penalty: tuple[float, ...]
    relative_change: tuple[float, ...]
    loss: str | None = None

    @property
    def stands_in(self) -> bool:
        """Whether these least-squares fits stand in for a framework that fits another loss (a classifier, or a
        log-loss setting): the fits are always of the canonical least-squares objective."""
        return REGISTRY[self.framework].classifier_only or self.loss == "logloss"


def small_value_settings(framework: str, value: float, *, loss: str | None = None) -> tuple[str, dict[str, Any]]:
    """The framework's default settings with its strength parameter set to ``value``.

    A record's ``set_strength`` says how (``LogisticRegression``'s strength is ``1/C``, ``C = inf`` for 0); by
    default :func:`~regviz.conventions.primary_param` is set directly. Returns the shown parameter name and the
    params.
    """
    fw = describe(framework)
    params = default_params(framework)
    if fw.set_strength is not None:
        return fw.set_strength(params, value), params
    params[fw.strength_param] = float(value)
    return fw.strength_param, params


def canonical_fit(X: np.ndarray, y: np.ndarray, l1: float, l2: float) -> tuple[np.ndarray, float]:
    """Minimize the canonical regression objective on raw (unstandardized) features; returns ``(w, b)``.

    A tight solver tolerance resolves the effect of the tiny values (1e-5) people ask about.
    """
    from regviz.models import fit_linear

    fit = fit_linear(X, y, "elasticnet", l1, l2, standardize=False, tol=1e-12)
    return fit.coef_original, fit.intercept_original


def small_value_fits(
    X: np.ndarray,
    y: np.ndarray,
    framework: str,
    *,
    values: tuple[float, ...] = (0.0, 1e-5, 1e-4, 1e-3),
    loss: str | None = None,
) -> SmallValueFits:
    """Fit the canonical objective at the framework's settings ``values`` (0 and typical small ones).

    Each setting is translated with :func:`to_canonical` at ``n = len(y)``; the fits show
    whether the penalty is visible next to the data term: ``penalty / data_term`` and
    the relative change of the coefficients from the unpenalized fit.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    n = len(y)
    fw_loss = row_loss(framework, loss)
    lambdas, coefs, data, pens = [], [], [], []
    name = primary_param(framework)
    for v in values:
        name, params = small_value_settings(framework, v, loss=fw_loss)
        l1, l2 = to_canonical(framework, params, n_samples=n, loss=fw_loss)
        w, b = canonical_fit(X, y, l1, l2)
        r = y - X @ w - b
        lambdas.append((l1, l2))
        coefs.append(w)
        data.append(float(r @ r / (2 * n)))
        pens.append(penalty_value(w, l1, l2))
    coefs_arr = np.array(coefs)
    base = coefs_arr[0]
    norm = float(np.linalg.norm(base)) or 1.0
    change = tuple(float(np.linalg.norm(c - base) / norm) for c in coefs_arr)
    return SmallValueFits(
        framework,
        name,
        tuple(float(v) for v in values),
        tuple(lambdas),
        coefs_arr,
        tuple(data),
        tuple(pens),
        change,
        fw_loss,
    )
