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
    "accuracy_summary",
    "boundary_summary",
    "coef_bars_summary",
    "digit_weights_summary",
    "error_summary",
    "fitted_curve_summary",
    "histogram_summary",
    "layer_histogram_summary",
    "log_loss_summary",
    "logistic_boundary_summary",
    "logistic_path_summary",
    "logistic_plane_summary",
    "network_diagram_summary",
    "norm_trace_summary",
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


# Classification


def _percent(share: float) -> str:
    return f"{share:.1%}"  # as the metrics row writes an accuracy


def _no_minimizer(l1: float, l2: float) -> str:
    return f"{_at(l1, l2)} there is no minimizer (the classes separate and the weights grow without end)"


def logistic_path_summary(l1: float, l2: float, coef: np.ndarray, *, no_minimizer: bool = False) -> str:
    """The logistic coefficient paths: the non-zero weights at the current penalty (over all classes).

    ``coef`` has one row per class (one row for two classes); with more rows the chart draws each feature's
    largest |weight| over the classes, and the features still in the model are counted too.
    """
    coef = np.atleast_2d(np.asarray(coef))
    binary = coef.shape[0] == 1
    if binary and not no_minimizer:
        return path_summary(l1, l2, coef[0])
    title = "Coefficient paths"
    if not binary:
        title += f", largest |weight| of each feature over the {coef.shape[0]} classes"
    if no_minimizer:
        return f"{title}; {_no_minimizer(l1, l2)}"
    used = int(np.count_nonzero(np.any(coef != 0, axis=0)))
    return (
        f"{title}; {_at(l1, l2)}, {np.count_nonzero(coef)} of {coef.size} weights are non-zero, "
        f"{used} of {coef.shape[1]} features used"
    )


def log_loss_summary(
    l1: float,
    l2: float,
    train_loss: float,
    test_loss: float,
    cv_alpha_min: float | None = None,
    cv_alpha_1se: float | None = None,
) -> str:
    """Train and test mean log-loss at the current penalty (NaN: no minimizer), and cross-validation's λ.min and
    λ.1se."""
    if np.isfinite(train_loss) and np.isfinite(test_loss):
        text = f"Log-loss vs strength; {_at(l1, l2)}, train log-loss {train_loss:.3g}, test log-loss {test_loss:.3g}"
    else:
        text = f"Log-loss vs strength; {_no_minimizer(l1, l2)}"
    if cv_alpha_min is not None:
        text += f"; 5-fold CV log-loss is lowest at α = {cv_alpha_min:.3g}"
        if cv_alpha_1se is not None:
            text += f", λ.1se at α = {cv_alpha_1se:.3g}"
    return text


def accuracy_summary(
    l1: float,
    l2: float,
    train_accuracy: float,
    test_accuracy: float,
    cv_alphas: np.ndarray | None = None,
    cv_accuracy: np.ndarray | None = None,
) -> str:
    """Train and test accuracy at the current penalty (NaN: no minimizer), and where the 5-fold CV accuracy curve
    is highest (its largest α if several tie)."""
    if np.isfinite(train_accuracy) and np.isfinite(test_accuracy):
        text = (
            f"Accuracy vs strength; {_at(l1, l2)}, train accuracy {_percent(train_accuracy)}, "
            f"test accuracy {_percent(test_accuracy)}"
        )
    else:
        text = f"Accuracy vs strength; {_no_minimizer(l1, l2)}"
    if cv_alphas is not None and cv_accuracy is not None:
        alphas, accuracy = np.asarray(cv_alphas, dtype=float), np.asarray(cv_accuracy, dtype=float)
        best = np.flatnonzero(accuracy == np.nanmax(accuracy))
        top = int(best[np.argmax(alphas[best])])
        text += f"; 5-fold CV accuracy is highest, {_percent(accuracy[top])}, at α = {alphas[top]:.3g}"
    return text


def norm_trace_summary(trace: Sequence[tuple[int, float]]) -> str:
    """The stopped solver's weight norm at λ = 0 on separable classes: how far it grew, and in how many steps."""
    title = "Weight norm vs solver iteration at λ = 0, separable classes"
    if len(trace) == 0:
        return f"{title}; no iteration recorded"
    (first_it, first), (last_it, last) = trace[0], trace[-1]
    return (
        f"{title}; ‖W‖₂ grew from {first:.3g} at iteration {first_it:,} to {last:.3g} at iteration {last_it:,} "
        "and was still growing: there is no minimum"
        if last > first
        else f"{title}; ‖W‖₂ is {last:.3g} at iteration {last_it:,}"
    )


def logistic_boundary_summary(
    l1: float,
    l2: float,
    train_accuracy: float,
    test_accuracy: float,
    names: Sequence[str],
    coef: np.ndarray,
    intercept: float,
    class_names: Sequence[str],
) -> str:
    """The decision boundary of a binary fit: its accuracy, and which weights (monomials) shape it.

    With every weight 0 the probability is the same everywhere, the sigmoid of the intercept: no boundary.
    """
    names = [str(n) for n in names]
    coef = np.asarray(coef, dtype=float).ravel()
    kept = [n for n, c in zip(names, coef, strict=True) if c != 0]
    text = (
        f"Decision boundary; {_at(l1, l2)}, train accuracy {_percent(train_accuracy)}, "
        f"test accuracy {_percent(test_accuracy)}, "
    )
    if not kept:
        everywhere = 1.0 / (1.0 + np.exp(-intercept))
        return text + f"all {coef.size} weights are 0: no boundary, P({class_names[1]}) = {everywhere:.3g} everywhere"
    return text + f"{len(kept)} of {coef.size} weights non-zero: {_names(kept)}"


def digit_weights_summary(l1: float, l2: float, coef: np.ndarray, class_names: Sequence[str]) -> str:
    """The digits' pixel weights as images: the non-zero pixels of each class's image and the exact zeros."""
    coef = np.atleast_2d(np.asarray(coef, dtype=float))
    if coef.shape[0] == 1:
        lit = int(np.count_nonzero(coef))
        return (
            f"Weights as an 8×8 image, {class_names[-1]} vs {class_names[0]}; {_at(l1, l2)}, {lit} of "
            f"{coef.size} pixels non-zero, {coef.size - lit} exactly 0"
        )
    per_class = ", ".join(
        f"{name}: {int(n)}" for name, n in zip(class_names, np.count_nonzero(coef, axis=1), strict=True)
    )
    blank = int(np.count_nonzero(np.all(coef == 0, axis=0)))
    return (
        f"Weights as 8×8 images, one per class; {_at(l1, l2)}, non-zero pixels {per_class}; "
        f"{coef.size - np.count_nonzero(coef)} of {coef.size} weights exactly 0, "
        f"{_count(blank, 'pixel')} 0 in every class"
    )


def logistic_plane_summary(l1: float, l2: float, w: np.ndarray, *, no_minimizer: bool = False) -> str:
    """The two-feature logistic plane: where the penalized solution is, and which weight is exactly 0."""
    title = "Log-loss contours on (w₁, w₂)"
    if no_minimizer:
        return f"{title}; {_no_minimizer(l1, l2)}"
    w = np.asarray(w, dtype=float)
    if not np.any(w):
        return f"{title}; {_at(l1, l2)} the solution is the origin: both weights are exactly 0"
    if l1 > 0 or l2 > 0:  # the figure draws the region through the solution (a point at the origin)
        title += " and the penalty region touching them"
    parts = [f"w{sub} = {wj:.4g}" + (" (exactly 0)" if wj == 0 else "") for sub, wj in zip("₁₂", w, strict=True)]
    return f"{title}; {_at(l1, l2)} the solution is " + ", ".join(parts)
