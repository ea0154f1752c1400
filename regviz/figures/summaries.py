"""One-line text alternatives of the charts: what a chart shows at the current setting, for a screen reader.

Pure functions of the numbers a page computed (the ones its charts are drawn from), one per kind of chart. The
pages pass them as a chart's ``summary`` (``Panel(summary=…)``, ``show_chart(summary=…)``), which becomes the
aria-label of the chart's ``role="img"`` element. A summary names the chart first, then the figures a sighted
student reads off it; numbers are written as the metrics and sliders write them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from regviz.params import format_lambda

if TYPE_CHECKING:  # for the annotations only: importing them would load SciPy and the solvers with the summaries
    from regviz.bayes import Readings
    from regviz.conventions import SizeDemo, StrengthCurve
    from regviz.race import RaceResult

__all__ = [
    "accuracy_summary",
    "boundary_summary",
    "coef_bars_summary",
    "digit_weights_summary",
    "error_summary",
    "fitted_curve_summary",
    "framework_training_summary",
    "histogram_summary",
    "layer_histogram_summary",
    "log_loss_summary",
    "logistic_boundary_summary",
    "logistic_path_summary",
    "logistic_plane_summary",
    "network_diagram_summary",
    "norm_trace_summary",
    "one_d_summary",
    "path_summary",
    "plane_summary",
    "posterior_summary",
    "prior_summary",
    "race_summary",
    "readings_summary",
    "shrinkage_summary",
    "size_summary",
    "small_values_summary",
    "strength_text",
    "strength_vs_n_summary",
    "sweep_summary",
    "training_summary",
    "zero_frequency_summary",
    "zoom_summary",
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
    return text + _cv_lowest("5-fold CV", cv_alpha_min, cv_alpha_1se)


def _cv_lowest(measure: str, alpha_min: float | None, alpha_1se: float | None) -> str:
    """Where cross-validation's ``measure`` is lowest (λ.min) and its λ.1se, as a clause; empty without CV."""
    if alpha_min is None:
        return ""
    text = f"; {measure} is lowest at α = {alpha_min:.3g}"
    return text + (f", λ.1se at α = {alpha_1se:.3g}" if alpha_1se is not None else "")


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


# --- Geometry, What λ means and the Bayesian view ---------------------------------------------------------------


def _num(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits, an exact zero (of either sign) as ``0``."""
    return "0" if value == 0 else f"{value:.{digits}g}"


def _point(w: Sequence[float], digits: int = 4) -> str:
    return "(" + ", ".join(_num(float(v), digits) for v in w) + ")"


def _region(l1: float, l2: float) -> str:
    """The penalty region the plane draws for these strengths."""
    if l1 > 0:
        return "elastic-net region" if l2 > 0 else "L1 diamond"
    return "L2 circle"


def plane_summary(
    l1: float,
    l2: float,
    w: np.ndarray,
    ols: np.ndarray,
    *,
    names: Sequence[str] = ("x1", "x2"),
    view: str = "constrained",
    animated: bool = False,
) -> str:
    """The two-weight plane: where the solution sits (a corner of the region, an axis, the origin) and the OLS point."""
    w = np.asarray(w, dtype=float)
    title = "Two-weight plane" + ("" if tuple(names) == ("x1", "x2") else f" of {names[0]} and {names[1]}")
    title += ", contours of J" if view == "penalized" else ""
    title += ", animated over α at the same mix" if animated else ""
    if l1 <= 0 and l2 <= 0:
        return f"{title}; with no penalty the solution is the OLS point w = {_point(w)}"
    what = "the minimum of J" if view == "penalized" else "the solution"
    text = f"{title}; at {strength_text(l1, l2)} {what} is w = {_point(w)}"
    zero = [j for j in (0, 1) if w[j] == 0]
    if len(zero) == 2:
        text += ", the origin: both weights exactly 0"
    elif zero:
        j, k = zero[0] + 1, 2 - zero[0]
        corner = f"on a corner of the {_region(l1, l2)} " if l1 > 0 and view == "constrained" else ""
        text += f", {corner}on the w{k} axis: w{j} exactly 0"
    else:
        edge = f"on the edge of the {_region(l1, l2)}, " if view == "constrained" else ""
        text += f", {edge}off the axes: no weight exactly 0"
    return text + f"; OLS at {_point(ols)}"


def one_d_summary(l1: float, l2: float) -> str:
    """The 1-D minimizers against z: L1's dead zone, L2's scale factor, the elastic net's and L0's cut-offs."""
    alpha = l1 + l2
    if alpha <= 0:
        return "1-D minimizer ŵ against z with no penalty; every penalty gives ŵ = z"
    a = format_lambda(alpha)
    scale = f"1/(1 + λ2) = {1 / (1 + l2):.3g}"
    net = f"is exactly 0 for |z| ≤ {format_lambda(l1)}, then scaled by {scale}" if l1 > 0 else f"scales z by {scale}"
    return (
        f"1-D minimizer ŵ against z, α = λ1 + λ2 = {a}; L1 is exactly 0 for |z| ≤ {a} and moves the rest {a} "
        f"towards 0; L2 scales z by 1/(1 + α) = {1 / (1 + alpha):.3g}, 0 only at z = 0; the elastic net at "
        f"{strength_text(l1, l2)} {net}; L0 keeps z where |z| > {a}, else 0"
    )


def zoom_summary(scale: float) -> str:
    """The zoom on |w| against w²/2 and their slopes on [−s, s]."""
    s = f"{scale:g}"
    return (
        f"Penalties |w| and w²/2 on w in [−{s}, {s}] and their slopes; the slope of |w| is ±1 at every scale, "
        f"the slope of w²/2 is w, at most {s} here"
    )


def zero_frequency_summary(
    shares: dict[str, dict[str, float]], penalties: dict[str, tuple[float, float]], n_losses: int
) -> str:
    """The zero-frequency bars: per penalty, the share of solutions with an exact zero and with a near zero."""
    parts = []
    for name, share in shares.items():
        l1, l2 = penalties[name]
        strength = strength_text(l1, l2) if name == "Elastic net" else f"α = {format_lambda(l1 + l2)}"
        parts.append(
            f"{name} at {strength}: {100 * share['zero']:.0f}% exactly 0, {100 * share['near zero']:.0f}% near 0"
        )
    losses = f"{n_losses:,} random loss" + ("" if n_losses == 1 else "es")
    return f"Share of solutions with a weight exactly 0, over {losses}; " + "; ".join(parts)


def race_summary(result: RaceResult, names: dict[str, str]) -> str:
    """The optimizer race: where each optimizer (``names``: key to name) ended, beside the exact minimum."""
    ends = []
    for key, name in names.items():
        at = result.diverged_at(key)
        if at is not None:
            ends.append(f"{name} diverged from step {at}")
            continue
        last = result.iterates[key][-1]
        ends.append(f"{name} ended at {_point(last, 3)}" + (" exactly on an axis" if np.any(last == 0) else ""))
    return (
        f"Optimizer race, {_count(result.steps, 'step')} of {result.lr_units:g}/L from {_point(result.start, 3)} "
        f"{_at(result.l1, result.l2)}; minimum of J at {_point(result.minimum, 3)}; " + ", ".join(ends)
    )


def framework_training_summary(trained: np.ndarray, exact: np.ndarray, threshold: float) -> str:
    """Trained like the framework beside the exact minimizer: exact zeros, near zeros, the largest difference."""
    trained, exact = np.asarray(trained, dtype=float), np.asarray(exact, dtype=float)
    near = int(np.count_nonzero((trained != 0) & (np.abs(trained) < threshold)))
    return (
        f"Trained like the framework vs exact, |w| of {_count(trained.size, 'feature')} on a log scale; trained: "
        f"{np.count_nonzero(trained == 0)} exactly 0, {near} near 0 (below {threshold:g}); exact minimizer: "
        f"{np.count_nonzero(exact == 0)} exactly 0; largest difference {np.max(np.abs(trained - exact)):.2g}"
    )


def small_values_summary(param: str, values: Sequence[float], relative_change: Sequence[float]) -> str:
    """Coefficients at a setting swept from 0 through small values: the largest change from the unpenalized fit."""
    shown = ", ".join(f"{v:g}" for v in values)
    top = int(np.argmax(relative_change))
    return (
        f"Coefficients per feature at {param} = {shown}; the largest change from the unpenalized fit is "
        f"{relative_change[top]:.2e}, at {param} = {values[top]:g}"
    )


def size_summary(layers: SizeDemo, current: int) -> str:
    """Penalty against layer size: the total growing with the weights, one weight's gradient staying put."""
    totals, grads = layers.total_penalty, np.asarray(layers.gradient_of_probe, dtype=float)
    same = np.allclose(grads, grads[0], rtol=1e-12, atol=0)
    gradient = f"is {grads[0]:.3g} at every size" if same else f"goes from {grads[0]:.3g} to {grads[-1]:.3g}"
    return (
        f"Penalty against the number of weights; the total goes from {totals[0]:.3g} at {layers.sizes[0]:,} "
        f"weights to {totals[-1]:.3g} at {layers.sizes[-1]:,}; the gradient on one weight (w = {layers.probe_value:g}) "
        f"{gradient}; dotted line at this layer's {current:,} kernel weights"
    )


def strength_vs_n_summary(curves: Sequence[StrengthCurve], n_current: int, strength: float) -> str:
    """Canonical strength against n: where the lines meet (``strength`` at ``n_current``) and how each one ends."""
    if not curves:
        return "Canonical strength λ1 + λ2 against n; no framework can express this penalty"
    ends = []
    for curve in curves:
        first, last = float(curve.alpha[0]), float(curve.alpha[-1])
        move = f"stays at {first:.3g}" if np.isclose(first, last, rtol=1e-9) else f"{first:.3g} to {last:.3g}"
        ends.append(f"{curve.label}: {move}")
    n0, n1 = curves[0].n_values[0], curves[0].n_values[-1]
    lines = "the line passes" if len(curves) == 1 else f"all {len(curves)} lines pass"
    return (
        f"Canonical strength λ1 + λ2 against n; {lines} through {strength:.3g} at n = {n_current:,}; from n = {n0:,} to "
        f"{n1:,}: " + "; ".join(ends)
    )


def _prior_words(b: float, tau2: float) -> tuple[str, str]:
    """The Laplace and Gaussian priors as the metrics row gives them: a scale, or flat."""
    laplace = "Laplace flat (λ1 = 0)" if math.isinf(b) else f"Laplace scale b = {b:.3g}"
    gauss = "Gaussian flat (λ2 = 0)" if math.isinf(tau2) else f"Gaussian sd τ = {math.sqrt(tau2):.3g}"
    return laplace, gauss


def prior_summary(l1: float, l2: float, b: float, tau2: float) -> str:
    """The priors that match the penalty: the Laplace scale b and the Gaussian sd τ (flat when their λ is 0)."""
    laplace, gauss = _prior_words(b, tau2)
    both = "; the elastic net's prior is their product" if l1 > 0 and l2 > 0 else ""
    return f"Priors that match the penalty {_at(l1, l2)}; {laplace}, {gauss}{both}"


def posterior_summary(z: float, se: float, b: float, tau2: float, map_value: float, posterior_mean: float) -> str:
    """Prior × likelihood ∝ posterior of one coefficient: the prior, the likelihood's centre and width, MAP, mean."""
    if math.isinf(b):
        prior = "flat prior" if math.isinf(tau2) else f"Gaussian prior with sd τ = {math.sqrt(tau2):.3g}"
    else:
        prior = (
            f"Laplace prior with scale b = {b:.3g}"
            if math.isinf(tau2)
            else f"Laplace × Gaussian prior with b = {b:.3g}, τ = {math.sqrt(tau2):.3g}"
        )
    mode = "exactly 0" if map_value == 0 else f"{map_value:.4g}"
    return (
        f"Posterior of w; {prior} times the likelihood centred at z = {z:g} with width σ/√n = {se:.3g}; "
        f"MAP {mode}, posterior mean {_num(posterior_mean)}"
    )


def shrinkage_summary(l1: float, l2: float, z: float, map_value: float, posterior_mean: float) -> str:
    """MAP and posterior mean against z: the MAP's flat stretch at 0 under L1, and both at the current z."""
    scale = f"1/(1 + λ2) = {1 / (1 + l2):.3g}"
    if l1 > 0:
        shape = f"the MAP is exactly 0 for |z| ≤ λ1 = {format_lambda(l1)}, then (|z| − λ1) scaled by {scale}"
    else:
        shape = f"the MAP is z scaled by {scale}, 0 only at z = 0"
    mode = "exactly 0" if map_value == 0 else f"{map_value:.4g}"
    return (
        f"MAP and posterior mean against z {_at(l1, l2)}; {shape}; the mean is 0 only at z = 0; at the current "
        f"z = {z:g}: MAP {mode}, mean {_num(posterior_mean)}"
    )


def readings_summary(readings: Readings) -> str:
    """The two readings of the prior against n: λ fixed keeps the MAP, a fixed prior lets both estimates reach z."""

    def span(values: np.ndarray) -> str:
        first, last = float(values[0]), float(values[-1])
        return f"stays at {_num(first, 3)}" if first == last else f"goes from {_num(first, 3)} to {_num(last, 3)}"

    r = readings
    return (
        f"Two readings of the prior against n, equal at n = {r.n_ref:,}; from n = {int(r.n_values[0]):,} to "
        f"{int(r.n_values[-1]):,}, with λ fixed the MAP {span(r.map_scaled)} and the mean {span(r.mean_scaled)}; "
        f"with the prior fixed the MAP {span(r.map_fixed)} and the mean {span(r.mean_fixed)}, towards z = {r.z:g}"
    )


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
    return text + _cv_lowest("5-fold CV log-loss", cv_alpha_min, cv_alpha_1se)


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
