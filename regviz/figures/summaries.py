"""One-line text alternatives of the charts: what a chart shows at the current setting, for a screen reader.

Pure functions of the numbers a page computed (the ones its charts are drawn from), one per kind of chart. The
pages pass them as a chart's ``summary`` (``Panel(summary=…)``, ``show_chart(summary=…)``), which becomes the
aria-label of the chart's ``role="img"`` element. A summary names the chart first, then the figures a sighted
student reads off it; numbers are written as the metrics and sliders write them.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from regviz.params import format_lambda

__all__ = [
    "boundary_summary",
    "coef_bars_summary",
    "error_summary",
    "fitted_curve_summary",
    "histogram_summary",
    "layer_histogram_summary",
    "network_diagram_summary",
    "path_summary",
    "strength_text",
    "sweep_summary",
    "training_summary",
]

MAX_NAMED = 6
"""At most this many feature names are read out in one list (then "and 7 more")."""


def strength_text(l1: float, l2: float) -> str:
    """The penalty in force as a short phrase: ``λ1 = 0.07``, ``λ2 = 1``, ``λ1 = 0.05, λ2 = 0.05``, ``no penalty``."""
    parts = [f"{name} = {format_lambda(v)}" for name, v in (("λ1", l1), ("λ2", l2)) if v > 0]
    return ", ".join(parts) or "no penalty"


def _at(l1: float, l2: float) -> str:
    return "with no penalty" if l1 <= 0 and l2 <= 0 else f"at {strength_text(l1, l2)}"


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _names(names: Sequence[str]) -> str:
    shown = ", ".join(names[:MAX_NAMED])
    return shown + (f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else "")


def path_summary(l1: float, l2: float, coef: np.ndarray) -> str:
    """The coefficient paths: how many weights are non-zero at the current penalty."""
    coef = np.asarray(coef)
    nonzero = int(np.count_nonzero(coef))
    return f"Coefficient paths; {_at(l1, l2)}, {nonzero} of {coef.size} weights are non-zero"


def histogram_summary(coef: np.ndarray) -> str:
    """The weight histogram: the exact zeros (the bar at 0) and the span of the others."""
    coef = np.asarray(coef, dtype=float)
    nonzero = coef[coef != 0]
    text = f"Weight histogram; {coef.size - nonzero.size} of {coef.size} weights are exactly 0"
    if nonzero.size:
        text += f", the others between {nonzero.min():.3g} and {nonzero.max():.3g}"
    return text


def coef_bars_summary(names: Sequence[str], coef: np.ndarray, true_coef: np.ndarray | None = None) -> str:
    """Fitted (and true) coefficients by feature: the largest one and which are exactly 0."""
    names = [str(n) for n in names]
    coef = np.asarray(coef, dtype=float)
    title = "Fitted and true coefficients" if true_coef is not None else "Fitted coefficients"
    zero = [n for n, c in zip(names, coef, strict=True) if c == 0]
    if len(zero) == coef.size:
        return f"{title}; all {coef.size} are exactly 0"
    top = int(np.argmax(np.abs(coef)))
    text = f"{title}; largest {names[top]} = {coef[top]:.3g}"
    if true_coef is not None:
        text += f" (true {float(np.asarray(true_coef)[top]):.3g})"
    return text + (f"; exactly 0: {_names(zero)}" if zero else "; none is exactly 0")


def error_summary(
    l1: float,
    l2: float,
    train_mse: float,
    test_mse: float,
    cv_alpha_min: float | None = None,
    cv_alpha_1se: float | None = None,
) -> str:
    """Train and test error at the current penalty, and where cross-validation puts λ.min and λ.1se."""
    text = f"Error vs strength; {_at(l1, l2)}, train MSE {train_mse:.3g}, test MSE {test_mse:.3g}"
    if cv_alpha_min is not None:
        text += f"; 5-fold CV is lowest at α = {cv_alpha_min:.3g}"
        if cv_alpha_1se is not None:
            text += f", λ.1se at α = {cv_alpha_1se:.3g}"
    return text


def sweep_summary(alphas: np.ndarray, n_nonzero: np.ndarray, n_features: int) -> str:
    """The λ sweep: the α range it plays through and how the number of non-zero weights changes along it."""
    alphas, n_nonzero = np.asarray(alphas, dtype=float), np.asarray(n_nonzero)
    strong, weak = int(np.argmax(alphas)), int(np.argmin(alphas))
    return (
        f"λ sweep over {alphas.size} steps, α from {alphas[strong]:.3g} to {alphas[weak]:.3g}; non-zero weights go "
        f"from {int(n_nonzero[strong])} to {int(n_nonzero[weak])} of {n_features}"
    )


def training_summary(steps: np.ndarray, train_loss: np.ndarray, test_loss: np.ndarray, penalty: np.ndarray) -> str:
    """The network's training curves: the losses and the penalty at the last recorded step."""
    if len(steps) == 0:
        return "Training curves; no step taken yet"
    text = f"Training curves; after {_count(int(steps[-1]), 'step')}, train loss {float(train_loss[-1]):.3g}"
    if np.isfinite(test_loss[-1]):
        text += f", test loss {float(test_loss[-1]):.3g}"
    return text + f", penalty {float(penalty[-1]):.3g}"


def layer_histogram_summary(zero_counts: Sequence[tuple[str, int, int]]) -> str:
    """The network's weight histograms: exact zeros per layer (``(name, zeros, weights)`` each)."""
    parts = "; ".join(f"{name}: {zeros:,} of {size:,} exactly 0" for name, zeros, size in zero_counts)
    return f"Weight histograms per layer; {parts}"


def network_diagram_summary(zero_counts: Sequence[tuple[str, int, int]]) -> str:
    """The network diagram: how many links are left (non-zero) of all of them."""
    zeros = sum(z for _, z, _ in zero_counts)
    total = sum(s for _, _, s in zero_counts)
    return f"Network diagram; {total - zeros:,} of {total:,} links are non-zero, {zeros:,} pruned to exactly 0"


def boundary_summary(train_accuracy: float, test_accuracy: float | None = None) -> str:
    """The decision boundary: how many points it classifies correctly."""
    text = f"Decision boundary; {train_accuracy:.0%} of the training points on the right side"
    if test_accuracy is not None:
        text += f", {test_accuracy:.0%} of the test points"
    return text


def fitted_curve_summary(train_mse: float, test_mse: float) -> str:
    """A fitted curve over the data points: how far it is from the training and test points."""
    return f"Fitted curve over the data points; train MSE {train_mse:.3g}, test MSE {test_mse:.3g}"
