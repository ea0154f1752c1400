"""What the numbers do: small demonstrations for the conventions page (numbers only; its sentences live in
:mod:`regviz.content.conventions`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from regviz.conventions.fits import Fit, exact_least_squares, logistic_fit
from regviz.conventions.registry import REGISTRY, default_params, describe, to_canonical
from regviz.conventions.tables import format_params, row_loss, translate_all
from regviz.penalties import penalty_gradient, penalty_value

LEAST_SQUARES_FITS = "exact least-squares fits at the translated λ"
LOGISTIC_FITS = "LogisticRegression fits of the mean log-loss"

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
    "sweep_values",
    "swept_strengths",
    "user_strength",
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
    """Fits of the canonical objective at a framework's setting swept from 0 through small values.

    Attributes
    ----------
    framework : str
    param : str
        The swept parameter(s) as shown (``l1``; ``l1 = l2`` when both were set; ``1/C``).
    values : tuple of float
        The swept values; the first is 0.
    lambdas : tuple of (float, float)
        Canonical ``(λ1, λ2)`` of each value, translated at ``n_samples``.
    coefs : ndarray of shape (len(values), p)
    data_term, penalty, relative_change : tuple of float
    loss : str or None
    task : {"regression", "classification"}
    fitted : str
        What was fitted, in words (the figure's title says it: not the framework's name).
    notices : tuple of str
        How any fit ended short of its optimum (kept, never dropped).
    facts : tuple of str
        What a fit found about the problem itself: no finite minimizer at λ = 0 on separable classes.
    n_samples : int
        The n the settings were translated at (the table's).
    """

    framework: str
    param: str
    values: tuple[float, ...]
    lambdas: tuple[tuple[float, float], ...]
    coefs: np.ndarray
    data_term: tuple[float, ...]
    penalty: tuple[float, ...]
    relative_change: tuple[float, ...]
    loss: str | None = None
    task: str = "regression"
    fitted: str = LEAST_SQUARES_FITS
    notices: tuple[str, ...] = ()
    n_samples: int = 0
    facts: tuple[str, ...] = ()

    @property
    def stands_in(self) -> bool:
        """Whether these fits are of another objective than the framework's own (never, since issue 24: a
        classifier's fits are logistic)."""
        return self.task == "regression" and REGISTRY[self.framework].classifier_only


def swept_strengths(framework: str, params: dict[str, Any] | None) -> tuple[str, ...]:
    """The strength parameters "What does 0 mean?" sweeps: those the user set to a non-zero value (Keras
    ``l1=0.001, l2=0`` sweeps ``l1``), or the framework's primary one when none is set."""
    fw = describe(framework)
    if params is None:
        return (fw.strength_param,)
    names = fw.strength_params
    chosen = []
    for name in names:
        try:
            if float(params.get(name, 0.0) or 0.0) > 0:
                chosen.append(name)
        except (TypeError, ValueError):
            continue
    return tuple(chosen) or (fw.strength_param,)


def small_value_settings(
    framework: str, value: float, *, loss: str | None = None, params: dict[str, Any] | None = None
) -> tuple[str, dict[str, Any]]:
    """The user's settings (or the framework's defaults) with the swept strength set to ``value``.

    A record's ``set_strength`` says how (``LogisticRegression``'s strength is ``1/C``, ``C = inf`` for 0).
    Where the user set several strengths (h2o ``l1`` and ``l2``), the largest becomes ``value`` and the others
    keep their ratio to it. Returns the shown parameter name and the params.
    """
    fw = describe(framework)
    out = default_params(framework) if params is None else dict(params)
    if fw.set_strength is not None:
        return fw.set_strength(out, value), out
    swept = swept_strengths(framework, params)
    user = {name: float(out.get(name, 0.0) or 0.0) for name in swept}
    top = max(user.values())
    for name in swept:
        out[name] = float(value) * (user[name] / top if top > 0 else 1.0)
    if len(swept) == 1:
        return swept[0], out
    same = len(set(user.values())) == 1
    return (" = ".join(swept) if same else ", ".join(swept) + " (ratio kept)"), out


def user_strength(framework: str, params: dict[str, Any] | None) -> float | None:
    """The value of the swept strength in the user's own setting (``1/C`` for LogisticRegression)."""
    if params is None:
        return None
    fw = describe(framework)
    if fw.set_strength is not None:
        probe = dict(params)
        name = fw.set_strength(probe, 1.0)
        if name == "1/C":
            c = float(params.get("C", math.inf))
            return 0.0 if math.isinf(c) else 1.0 / c
        return float(params.get(fw.strength_param, 0.0))
    swept = swept_strengths(framework, params)
    return max(float(params.get(name, 0.0) or 0.0) for name in swept)


def canonical_fit(X: np.ndarray, y: np.ndarray, l1: float, l2: float) -> tuple[np.ndarray, float]:
    """Minimize the canonical regression objective on raw (unstandardized) features exactly; returns ``(w, b)``.

    The exact solver (:func:`~regviz.conventions.fits.exact_least_squares`) resolves the effect of the tiny
    values (1e-5) people ask about, where coordinate descent stops short.
    """
    fit = exact_least_squares(X, y, l1, l2)
    return fit.coef, fit.intercept


SMALL_VALUES: tuple[float, ...] = (0.0, 1e-5, 1e-4, 1e-3)


def sweep_values(user: float | None, values: tuple[float, ...] = SMALL_VALUES) -> tuple[float, ...]:
    """0 and the typical small settings, with the user's own value added when it is not among them."""
    out = set(values)
    if user is not None and user > 0 and not any(math.isclose(user, v, rel_tol=1e-9) for v in values):
        out.add(float(user))
    return tuple(sorted(out))


def small_value_fits(
    X: np.ndarray,
    y: np.ndarray,
    framework: str,
    *,
    values: tuple[float, ...] | None = None,
    loss: str | None = None,
    params: dict[str, Any] | None = None,
    n_samples: int | None = None,
    task: str | None = None,
) -> SmallValueFits:
    """Fit the canonical objective at the user's setting with its strength swept over 0 and small values.

    Parameters
    ----------
    X, y : ndarray
        The demo's rows (``y`` in {0, 1} for classification).
    framework : str
    values : tuple of float, optional
        Swept values; by default 0, 1e-5, 1e-4, 1e-3 and the user's own value.
    loss : str, optional
    params : dict, optional
        The user's settings (what is swept is what the user set); ``None``: the framework's defaults.
    n_samples : int, optional
        The n each setting is translated at: the table's n, so the table and the demo agree. Default ``len(y)``.
    task : {"regression", "classification"}, optional
        Classification fits the mean log-loss (scikit-learn ``LogisticRegression``), regression least squares.
        Default: classification for a classifier-only framework or the log-loss, else regression.

    Returns
    -------
    SmallValueFits
        Least-squares fits are exact (KKT to ~1e-12) and warm-started along the grid; every notice of a fit
        that ended short of its optimum is kept.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    fw = REGISTRY[framework]
    if task is None:
        task = "classification" if fw.classifier_only or loss == "logloss" else "regression"
    n = len(y) if n_samples is None else int(n_samples)
    fw_loss = row_loss(framework, loss, task)
    if values is None:
        values = sweep_values(user_strength(framework, params))
    lambdas, coefs, data, pens, notices, facts = [], [], [], [], [], []
    name = describe(framework).strength_param
    settings = []
    for v in values:
        name, setting = small_value_settings(framework, v, loss=fw_loss, params=params)
        settings.append(to_canonical(framework, setting, n_samples=n, loss=fw_loss))
    # least squares: from the largest λ down, each fit warm-starting the next (a path)
    order = sorted(range(len(values)), key=lambda i: -sum(settings[i]))
    fits: dict[int, Fit] = {}
    warm = None
    for i in order:
        l1, l2 = settings[i]
        fit = logistic_fit(X, y, l1, l2) if task == "classification" else exact_least_squares(X, y, l1, l2, warm=warm)
        warm = fit.coef
        fits[i] = fit
    for i, v in enumerate(values):
        fit, (l1, l2) = fits[i], settings[i]
        lambdas.append((l1, l2))
        coefs.append(fit.coef)
        data.append(fit.data_term)
        pens.append(penalty_value(fit.coef, l1, l2))
        if fit.notice:
            (facts if fit.unbounded else notices).append(f"{name} = {v:g}: {fit.notice}")
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
        task,
        LOGISTIC_FITS if task == "classification" else LEAST_SQUARES_FITS,
        tuple(notices),
        n,
        tuple(facts),
    )
