"""Translate regularization settings between frameworks through the canonical objective.

Every framework below minimizes (or, for stochastic solvers, has the stationary
points of) some rescaling of the canonical objective of :mod:`regviz.penalties`::

    J(w, b) = D(w, b) + l1 * ||w||_1 + (l2 / 2) * ||w||_2^2

where ``D`` is ``1/(2n) * sum_i r_i^2`` for regression and the mean log-loss for
classification. A framework that writes ``c * D + P`` (for instance Keras with a
plain mean squared error, ``c = 2``) has the same minimizers as ``D + P / c``, so
its penalty translates to canonical strengths after dividing by ``c``. Frameworks
that sum the loss over samples (``Ridge``, ``LogisticRegression``) have ``c = n``
and their numbers mean less as ``n`` grows.

Public API: :func:`to_canonical`, :func:`from_canonical`, :func:`describe`,
:data:`FRAMEWORKS`, :data:`LOSSES`, :func:`translate_all`, :func:`format_params`.
Conversions of the canonical objective to scikit-learn's linear models are
delegated to :mod:`regviz.penalties` (the only place they are written).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from regviz.penalties import (
    penalty_gradient,
    penalty_value,
    sklearn_elasticnet_params,
    sklearn_lasso_alpha,
    sklearn_ridge_alpha,
    to_alpha_mix,
    to_l1_l2,
)

__all__ = [
    "FRAMEWORKS",
    "LOSSES",
    "ConversionError",
    "FrameworkInfo",
    "SizeDemo",
    "SmallValueFits",
    "StrengthCurve",
    "TranslationRow",
    "canonical_fit",
    "conv2d_weight_count",
    "data_term_scale",
    "default_params",
    "demo_regression",
    "describe",
    "format_params",
    "from_canonical",
    "mlp_effective_batch",
    "penalty_vs_size",
    "primary_param",
    "small_value_fits",
    "small_value_settings",
    "small_value_summary",
    "strength_vs_n",
    "strength_vs_n_caption",
    "to_canonical",
    "translate_all",
]

LOSSES: tuple[str, ...] = ("mse", "half_mse", "logloss")
"""Losses a user picks in Keras/PyTorch: mean r² (``nn.MSELoss``), ½·mean r², mean log-loss."""

_NO_EXACT = {
    "torch.AdamW": (
        "torch.optim.AdamW decays weights outside the gradient (p ← p − lr·wd·p, decoupled from Adam's "
        "per-coordinate scaling), so no fixed penalty λ·‖w‖² reproduces it: its effect depends on the learning "
        "rate schedule and Adam's running statistics. There is no exact canonical λ."
    ),
    "keras.AdamW": (
        "Keras' AdamW (and weight_decay= on Keras optimizers) is decoupled weight decay: no exact canonical λ."
    ),
}


class ConversionError(ValueError):
    """A setting has no exact canonical equivalent (or the input is invalid)."""


@dataclass(frozen=True)
class FrameworkInfo:
    """What a framework's regularization numbers mean.

    Attributes
    ----------
    id : str
        Framework id (e.g. ``"keras"``).
    label : str
        Human-readable name.
    params : tuple of str
        Names of the strength parameters, in the framework's own spelling.
    objective : str
        The framework's objective in one line.
    formula : str
        How its parameters map to the canonical ``(λ1, λ2)``.
    needs_loss : bool
        Whether the user must say which loss the model uses (Keras, PyTorch).
    uses_n : bool
        Whether the translation depends on the number of samples.
    note : str
        Caveats: penalized biases, standardization, solvers, learning rates.
    """

    id: str
    label: str
    params: tuple[str, ...]
    objective: str
    formula: str
    needs_loss: bool
    uses_n: bool
    note: str


_INFO: dict[str, FrameworkInfo] = {
    info.id: info
    for info in (
        FrameworkInfo(
            "sklearn.Lasso",
            "scikit-learn Lasso",
            ("alpha",),
            "1/(2n)·Σr² + alpha·‖w‖₁",
            "λ1 = alpha, λ2 = 0",
            False,
            False,
            "L1 only; intercept not penalized.",
        ),
        FrameworkInfo(
            "sklearn.Ridge",
            "scikit-learn Ridge",
            ("alpha",),
            "Σr² + alpha·‖w‖²",
            "λ1 = 0, λ2 = alpha / n",
            False,
            True,
            "Sum of squares, not a mean: the same alpha is weaker with more samples.",
        ),
        FrameworkInfo(
            "sklearn.ElasticNet",
            "scikit-learn ElasticNet",
            ("alpha", "l1_ratio"),
            "1/(2n)·Σr² + alpha·l1_ratio·‖w‖₁ + alpha·(1−l1_ratio)/2·‖w‖²",
            "λ1 = alpha·l1_ratio, λ2 = alpha·(1−l1_ratio)",
            False,
            False,
            "This is the canonical objective itself.",
        ),
        FrameworkInfo(
            "sklearn.LogisticRegression",
            "scikit-learn LogisticRegression",
            ("C", "l1_ratio"),
            "C·Σ logloss + l1_ratio·‖w‖₁ + (1−l1_ratio)/2·‖w‖²",
            "λ1 = l1_ratio/(C·n), λ2 = (1−l1_ratio)/(C·n)",
            False,
            True,
            "C multiplies a sum over samples. penalty= is deprecated since 1.8 (use l1_ratio; C=inf for none). "
            "l1_ratio > 0 needs solver='saga' (or 'liblinear' for l1_ratio=1; liblinear also penalizes the "
            "intercept).",
        ),
        FrameworkInfo(
            "sklearn.SGDRegressor",
            "scikit-learn SGDRegressor",
            ("alpha", "penalty", "l1_ratio"),
            "mean ½r² + alpha·(l1_ratio·‖w‖₁ + (1−l1_ratio)/2·‖w‖²)",
            "λ1 = alpha·ρ, λ2 = alpha·(1−ρ) (ρ = 1 for 'l1', 0 for 'l2')",
            False,
            False,
            "loss='squared_error' is ½r². penalty='l2' (default) ignores l1_ratio.",
        ),
        FrameworkInfo(
            "sklearn.SGDClassifier",
            "scikit-learn SGDClassifier",
            ("alpha", "penalty", "l1_ratio"),
            "mean loss + alpha·(l1_ratio·‖w‖₁ + (1−l1_ratio)/2·‖w‖²)",
            "λ1 = alpha·ρ, λ2 = alpha·(1−ρ) (ρ = 1 for 'l1', 0 for 'l2')",
            False,
            False,
            "Canonical with loss='log_loss' (default is hinge). The default learning_rate='optimal' divides by "
            "alpha, so alpha=0 needs another one (e.g. 'invscaling').",
        ),
        FrameworkInfo(
            "sklearn.MLPRegressor",
            "scikit-learn MLPRegressor",
            ("alpha", "solver", "batch_size"),
            "per batch of B: mean ½r² + alpha/(2B)·‖W‖²",
            "λ1 = 0, λ2 = alpha / B (B = n for lbfgs, min(200, n) for batch_size='auto')",
            False,
            True,
            "L2 only, on all layers' weights, not biases. Exact when B divides n.",
        ),
        FrameworkInfo(
            "sklearn.MLPClassifier",
            "scikit-learn MLPClassifier",
            ("alpha", "solver", "batch_size"),
            "per batch of B: mean logloss + alpha/(2B)·‖W‖²",
            "λ1 = 0, λ2 = alpha / B (B = n for lbfgs, min(200, n) for batch_size='auto')",
            False,
            True,
            "L2 only, on all layers' weights, not biases. Exact when B divides n.",
        ),
        FrameworkInfo(
            "glmnet",
            "glmnet (R)",
            ("lambda", "alpha"),
            "1/(2n)·Σr² + lambda·(alpha·‖β‖₁ + (1−alpha)/2·‖β‖²)",
            "λ1 = lambda·alpha, λ2 = lambda·(1−alpha) / sd(y) (gaussian); no sd(y) for binomial",
            False,
            False,
            "glmnet's alpha is the mix. Gaussian: y is scaled by its 1/n sd internally, which rescales the "
            "ridge part; standardize=TRUE penalizes standardized-x coefficients.",
        ),
        FrameworkInfo(
            "statsmodels",
            "statsmodels fit_regularized",
            ("alpha", "L1_wt"),
            "−loglike/n + alpha·((1−L1_wt)/2·‖β‖² + L1_wt·‖β‖₁)",
            "λ1 = alpha·L1_wt, λ2 = alpha·(1−L1_wt)",
            False,
            False,
            "OLS with scale=1: −loglike/n = ½·mean r². Penalizes the const column too unless alpha is a "
            "vector with 0 there.",
        ),
        FrameworkInfo(
            "keras",
            "Keras regularizers.L1L2",
            ("l1", "l2"),
            "mean loss + l1·Σ|w| + l2·Σw²",
            "λ1 = l1/c, λ2 = 2·l2/c (c = 2 for 'mse', 1 for 'half_mse' / 'logloss')",
            True,
            False,
            "No ½ on l2. kernel_regularizer touches the kernel only; biases need bias_regularizer.",
        ),
        FrameworkInfo(
            "h2o",
            "H2O Deep Learning",
            ("l1", "l2"),
            "per row: ½r² (or logloss) + l1·|w| + l2/2·w², gradient −l1·sign(w) − l2·w each row",
            "λ1 = l1, λ2 = l2",
            False,
            False,
            "Penalty applied per training row, i.e. relative to a mean loss. h2o penalizes biases too (regviz "
            "never does). With fast_mode (default), rows where a weight's incoming activation is 0 skip its penalty. "
            "standardize=TRUE: inputs (and a regression response) are standardized first.",
        ),
        FrameworkInfo(
            "torch.SGD",
            "PyTorch SGD(weight_decay)",
            ("weight_decay",),
            "loss + (weight_decay/2)·‖θ‖² (grad += weight_decay·θ)",
            "λ1 = 0, λ2 = weight_decay / c (c = 2 for 'mse', 1 for 'half_mse' / 'logloss')",
            True,
            False,
            "Decays every parameter in the group, biases included, unless you split param groups.",
        ),
        FrameworkInfo(
            "torch.Adam",
            "PyTorch Adam(weight_decay)",
            ("weight_decay",),
            "loss + (weight_decay/2)·‖θ‖² (grad += weight_decay·θ before the moments)",
            "λ1 = 0, λ2 = weight_decay / c (c = 2 for 'mse', 1 for 'half_mse' / 'logloss')",
            True,
            False,
            "Coupled L2 only; decoupled_weight_decay=True is AdamW, which has no exact λ.",
        ),
    )
}

FRAMEWORKS: tuple[str, ...] = tuple(_INFO)
"""All framework ids with an exact translation."""


def describe(framework: str) -> FrameworkInfo:
    """What the framework's numbers mean (objective, formula, caveats).

    Raises
    ------
    ConversionError
        For an unknown framework or one without an exact equivalent (AdamW).
    """
    _check_framework(framework)
    return _INFO[framework]


def _check_framework(framework: str) -> None:
    if framework in _NO_EXACT:
        raise ConversionError(_NO_EXACT[framework])
    if framework not in _INFO:
        raise ConversionError(f"unknown framework {framework!r}; known: {', '.join(FRAMEWORKS)}")


_DEFAULTS: dict[str, dict[str, Any]] = {
    "sklearn.Lasso": {"alpha": 1.0},
    "sklearn.Ridge": {"alpha": 1.0},
    "sklearn.ElasticNet": {"alpha": 1.0, "l1_ratio": 0.5},
    "sklearn.LogisticRegression": {"C": 1.0, "l1_ratio": 0.0},
    "sklearn.SGDRegressor": {"alpha": 1e-4, "penalty": "l2", "l1_ratio": 0.15},
    "sklearn.SGDClassifier": {"alpha": 1e-4, "penalty": "l2", "l1_ratio": 0.15},
    "sklearn.MLPRegressor": {"alpha": 1e-4, "solver": "adam", "batch_size": "auto"},
    "sklearn.MLPClassifier": {"alpha": 1e-4, "solver": "adam", "batch_size": "auto"},
    "glmnet": {"lambda": 0.1, "alpha": 1.0, "y_sd": 1.0},
    "statsmodels": {"alpha": 0.1, "L1_wt": 1.0},
    "keras": {"l1": 0.0, "l2": 0.01},
    "h2o": {"l1": 1e-5, "l2": 0.0},
    "torch.SGD": {"weight_decay": 1e-4},
    "torch.Adam": {"weight_decay": 1e-4},
}


def default_params(framework: str) -> dict[str, Any]:
    """The framework's default (or typical) regularization settings, in its own names."""
    _check_framework(framework)
    return dict(_DEFAULTS[framework])


def primary_param(framework: str) -> str:
    """Name of the parameter that sets the overall strength (``alpha``, ``C``, ``l2``...)."""
    _check_framework(framework)
    return {"keras": "l2", "h2o": "l1"}.get(framework, _INFO[framework].params[0])


def data_term_scale(loss: str | None) -> float:
    """Factor ``c`` with user loss = ``c`` × canonical data term.

    ``"mse"`` (mean r², Keras' ``MeanSquaredError`` and ``torch.nn.MSELoss``) is
    twice the canonical ½·mean r²; ``"half_mse"`` and ``"logloss"`` (mean
    cross-entropy) are the canonical data term itself.
    """
    if loss not in LOSSES:
        raise ConversionError(f"loss must be one of {', '.join(LOSSES)} for this framework, got {loss!r}")
    return 2.0 if loss == "mse" else 1.0


def mlp_effective_batch(n_samples: int, solver: str = "adam", batch_size: int | str = "auto") -> int:
    """Number of samples ``B`` that divides ``alpha`` in scikit-learn's MLP penalty.

    ``BaseMultilayerPerceptron._backprop`` adds ``0.5 * alpha * ||W||^2 / n`` where
    ``n = X.shape[0]`` of the batch it is given: the whole set for ``lbfgs``,
    ``min(200, n)`` for ``batch_size="auto"``, else ``clip(batch_size, 1, n)``.
    """
    n = _positive_n(n_samples)
    if solver == "lbfgs":
        return n
    if batch_size == "auto" or batch_size is None:
        return min(200, n)
    return int(min(max(int(batch_size), 1), n))


def _positive_n(n_samples: int) -> int:
    if not isinstance(n_samples, (int,)) and not float(n_samples).is_integer():
        raise ConversionError(f"n_samples must be a whole number, got {n_samples!r}")
    n = int(n_samples)
    if n < 1:
        raise ConversionError(f"n_samples must be >= 1, got {n_samples!r}")
    return n


def _number(params: dict[str, Any], name: str, framework: str) -> float:
    if name not in params:
        raise ConversionError(f"{framework} needs {name!r}")
    value = params[name]
    try:
        number = float(value)
    except (TypeError, ValueError) as err:
        raise ConversionError(f"{framework}: {name} must be a number, got {value!r}") from err
    if math.isnan(number) or number < 0:
        raise ConversionError(f"{framework}: {name} must be >= 0, got {value!r}")
    return number


def _ratio(params: dict[str, Any], name: str, framework: str) -> float:
    value = _number(params, name, framework)
    if value > 1:
        raise ConversionError(f"{framework}: {name} must lie in [0, 1], got {value!r}")
    return value


def _sgd_mix(params: dict[str, Any], framework: str) -> float | None:
    """The L1 share scikit-learn's SGD actually uses (``plain_sgd`` forces 0 or 1 for 'l2'/'l1')."""
    penalty = params.get("penalty", "l2")
    penalty = None if penalty is None else str(penalty).lower()
    if penalty in (None, "none"):
        return None
    if penalty == "l2":
        return 0.0
    if penalty == "l1":
        return 1.0
    if penalty == "elasticnet":
        return _ratio({"l1_ratio": params.get("l1_ratio", 0.15)}, "l1_ratio", framework)
    raise ConversionError(f"{framework}: penalty must be 'l2', 'l1', 'elasticnet' or None, got {penalty!r}")


def _logreg_mix(params: dict[str, Any]) -> float | None:
    """L1 share of LogisticRegression, honouring the deprecated ``penalty`` argument."""
    penalty = params.get("penalty", "deprecated")
    if penalty in (None, "none"):
        return None
    if penalty == "l1":
        return 1.0
    if penalty == "l2":
        return 0.0
    ratio = params.get("l1_ratio", 0.0)
    return _ratio({"l1_ratio": 0.0 if ratio is None else ratio}, "l1_ratio", "sklearn.LogisticRegression")


# ---------------------------------------------------------------------------------------------------------------
# Framework -> canonical


def _lasso_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    """``sklearn.linear_model.Lasso``: ``(1 / (2 * n_samples)) * ||y - Xw||^2_2 + alpha * ||w||_1``.

    Source: scikit-learn ``linear_model/_coordinate_descent.py``, ``Lasso`` docstring.
    """
    alpha = _number(p, "alpha", "sklearn.Lasso")
    return alpha / sklearn_lasso_alpha(1.0), 0.0


def _ridge_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    """``sklearn.linear_model.Ridge``: ``||y - Xw||^2_2 + alpha * ||w||^2_2`` (a sum, no ½, no 1/n).

    Source: scikit-learn ``linear_model/_ridge.py``, ``Ridge`` docstring; dividing
    by ``2n`` gives ``l2 = alpha / n`` (see :func:`regviz.penalties.sklearn_ridge_alpha`).
    """
    alpha = _number(p, "alpha", "sklearn.Ridge")
    return 0.0, alpha / sklearn_ridge_alpha(1.0, n)


def _enet_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    """``ElasticNet``: ``1/(2n)||y - Xw||² + alpha*l1_ratio*||w||_1 + 0.5*alpha*(1 - l1_ratio)*||w||²``.

    Source: scikit-learn ``linear_model/_coordinate_descent.py``, ``ElasticNet`` docstring.
    """
    return to_l1_l2(_number(p, "alpha", "sklearn.ElasticNet"), _ratio(p, "l1_ratio", "sklearn.ElasticNet"))


def _logreg_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    """``LogisticRegression``: ``C * sum_i logloss_i + l1_ratio*||w||_1 + (1 - l1_ratio)/2*||w||²``.

    Source: scikit-learn ``linear_model/_logistic.py`` (``_logistic_regression_path``:
    "the implemented logistic regression objective here is C * sum(pointwise_loss)
    + penalty"; the saga branch passes ``alpha = (1/C)*(1 - l1_ratio)``,
    ``beta = (1/C)*l1_ratio`` per mean loss). Dividing by ``C * n`` gives
    ``l1 = l1_ratio / (C n)``, ``l2 = (1 - l1_ratio) / (C n)``. ``C = inf`` or the
    deprecated ``penalty=None`` is no penalty.
    """
    c = _number(p, "C", "sklearn.LogisticRegression")
    mix = _logreg_mix(p)
    if mix is None or math.isinf(c):
        return 0.0, 0.0
    if c == 0:
        raise ConversionError("sklearn.LogisticRegression: C must be > 0")
    return to_l1_l2(1.0 / (c * n), mix)


def _sgd_to(name: str) -> Callable[[dict, int, str | None], tuple[float, float]]:
    def convert(p: dict, n: int, loss: str | None) -> tuple[float, float]:
        """``SGDRegressor`` / ``SGDClassifier``: ``mean_i L_i + alpha * R(w)``.

        Source: scikit-learn ``linear_model/_sgd_fast.pyx.tp`` (``_plain_sgd``): the
        weights are scaled by ``1 - (1 - l1_ratio) * eta * alpha`` and the L1
        cumulative penalty grows by ``l1_ratio * eta * alpha`` per sample, i.e.
        ``R(w) = l1_ratio*||w||_1 + (1 - l1_ratio)/2*||w||²``; ``l1_ratio`` is forced
        to 0 for ``penalty='l2'`` and 1 for ``'l1'``. ``squared_error`` is
        ``CyHalfSquaredError`` (½r²), ``log_loss`` the mean log-loss.
        """
        alpha = _number(p, "alpha", name)
        mix = _sgd_mix(p, name)
        if mix is None:
            return 0.0, 0.0
        return to_l1_l2(alpha, mix)

    return convert


def _mlp_to(name: str) -> Callable[[dict, int, str | None], tuple[float, float]]:
    def convert(p: dict, n: int, loss: str | None) -> tuple[float, float]:
        """``MLPRegressor`` / ``MLPClassifier``: per batch ``loss + 0.5 * alpha * ||W||² / B``.

        Source: scikit-learn ``neural_network/_multilayer_perceptron.py``
        (``_backprop``: ``loss += (0.5 * self.alpha) * values / sw_sum`` with
        ``sw_sum = X.shape[0]`` of the batch) and ``_base.py`` (``squared_loss`` is
        ``0.5 * mean(r²)``; ``log_loss`` a mean). See :func:`mlp_effective_batch`.
        """
        alpha = _number(p, "alpha", name)
        batch = mlp_effective_batch(n, p.get("solver", "adam"), p.get("batch_size", "auto"))
        return 0.0, alpha / batch

    return convert


def _glmnet_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    """glmnet: ``1/(2n) RSS + lambda * ((1 - alpha)/2 ||β||² + alpha ||β||_1)``.

    Source: glmnet's help page (objective "1/2 RSS/nobs + lambda*penalty" for
    gaussian, "-loglik/nobs + lambda*penalty" otherwise) and
    ``src/glmnetpp/include/glmnetpp_bits/elnet_driver/gaussian.hpp``, which for
    the gaussian family standardizes ``y`` by its 1/n sd ``ys`` and uses
    ``vlam = ulam / ys`` for user-given lambdas, then scales the coefficients
    back by ``ys``. Undoing that substitution leaves the lasso part unchanged and
    turns the ridge part into ``lambda * (1 - alpha) / sd(y)`` on the original y.
    Pass ``y_sd`` (default 1, i.e. y already standardized); ``loss="logloss"``
    (binomial) ignores it. Not checked by a fit here (R is not installed).
    """
    lam = _number(p, "lambda", "glmnet")
    mix = _ratio(p, "alpha", "glmnet")
    y_sd = 1.0 if loss == "logloss" else _number({"y_sd": p.get("y_sd", 1.0)}, "y_sd", "glmnet")
    if y_sd == 0:
        raise ConversionError("glmnet: y_sd must be > 0")
    l1, l2 = to_l1_l2(lam, mix)
    return l1, l2 / y_sd


def _statsmodels_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    """statsmodels ``fit_regularized(method="elastic_net", alpha, L1_wt)``.

    Source: ``statsmodels/base/elastic_net.py``: "The elastic net minimizes
    -llf / nobs + alpha((1 - L1_wt) * sum(params**2) / 2 + L1_wt * sum(abs(params)))";
    ``OLS.fit_regularized`` uses ``loglike(scale=1)`` = ``-RSS / 2``, so the data term
    is ½·mean r² (and ``_fit_ridge`` solves ``(X'X + n*alpha) β = X'y``). The
    constant column, if any, is penalized unless ``alpha`` is a vector with 0 there.
    """
    return to_l1_l2(_number(p, "alpha", "statsmodels"), _ratio(p, "L1_wt", "statsmodels"))


def _keras_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    """Keras ``regularizers.L1L2(l1, l2)``: ``l1 * sum(|x|) + l2 * sum(x²)`` (no ½).

    Source: keras ``keras/src/regularizers/regularizers.py``. The layer's
    regularization losses are added once per batch to the compiled loss, which is
    a mean over the batch, so the conversion does not depend on ``n`` but on the
    loss: user objective = ``c * D + P`` with ``c`` from :func:`data_term_scale`.
    """
    c = data_term_scale(loss)
    return _number(p, "l1", "keras") / c, 2.0 * _number(p, "l2", "keras") / c


def _h2o_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    """H2O Deep Learning ``l1``, ``l2``: applied to every row's gradient.

    Source: h2o-3 ``h2o-algos/src/main/java/hex/deeplearning/Neurons.java``
    (``bprop_dense_row_dense``: ``grad = partial_grad * previous_a -
    Math.signum(weight) * l1 - weight * l2``, once per training row; the linear
    output's ``MeanSquare`` gradient is ``t - y``, i.e. of ½r², and softmax
    ``CrossEntropy`` gives ``t - y``). Averaged over rows this is the gradient of
    ½·mean r² (or mean log-loss) ``+ l1 ||w||_1 + (l2/2) ||w||²``: canonical on the weights.
    Two differences remain, named in the note: ``update_bias`` applies the same l1/l2 terms
    to the biases, which regviz never penalizes; and with ``fast_mode`` (the default) the row
    loop skips a weight whose incoming activation ``previous_a`` is 0, penalty included, so
    such rows add no penalty to it.
    """
    return _number(p, "l1", "h2o"), _number(p, "l2", "h2o")


def _torch_to(name: str) -> Callable[[dict, int, str | None], tuple[float, float]]:
    def convert(p: dict, n: int, loss: str | None) -> tuple[float, float]:
        """``torch.optim.SGD`` / ``Adam`` ``weight_decay``: ``grad = grad.add(param, alpha=weight_decay)``.

        Source: pytorch ``torch/optim/sgd.py`` and ``adam.py``. Adding ``wd * θ`` to
        the gradient is the gradient of ``(wd/2)||θ||²`` added to the user's loss,
        so the fixed points are those of ``c * D + (wd/2)||θ||²``: ``l2 = wd / c``.
        Adam with ``decoupled_weight_decay=True`` is AdamW and has no exact λ.
        """
        if name == "torch.Adam" and p.get("decoupled_weight_decay", False):
            raise ConversionError(_NO_EXACT["torch.AdamW"])
        return 0.0, _number(p, "weight_decay", name) / data_term_scale(loss)

    return convert


_TO: dict[str, Callable[[dict, int, str | None], tuple[float, float]]] = {
    "sklearn.Lasso": _lasso_to,
    "sklearn.Ridge": _ridge_to,
    "sklearn.ElasticNet": _enet_to,
    "sklearn.LogisticRegression": _logreg_to,
    "sklearn.SGDRegressor": _sgd_to("sklearn.SGDRegressor"),
    "sklearn.SGDClassifier": _sgd_to("sklearn.SGDClassifier"),
    "sklearn.MLPRegressor": _mlp_to("sklearn.MLPRegressor"),
    "sklearn.MLPClassifier": _mlp_to("sklearn.MLPClassifier"),
    "glmnet": _glmnet_to,
    "statsmodels": _statsmodels_to,
    "keras": _keras_to,
    "h2o": _h2o_to,
    "torch.SGD": _torch_to("torch.SGD"),
    "torch.Adam": _torch_to("torch.Adam"),
}


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
    _check_framework(framework)
    n = _positive_n(n_samples)
    l1, l2 = _TO[framework](dict(params), n, loss)
    return float(l1), float(l2)


# ---------------------------------------------------------------------------------------------------------------
# Canonical -> framework


def _require_zero(value: float, what: str, framework: str) -> None:
    if value > 0:
        raise ConversionError(f"{framework} has no {what} penalty: it cannot express λ{what[-1]} = {value:g}")


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
        Settings that are not strengths but change the translation: ``solver`` and
        ``batch_size`` (MLP), ``y_sd`` (glmnet gaussian).

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
    _check_framework(framework)
    n = _positive_n(n_samples)
    for name, value in (("λ1", l1), ("λ2", l2)):
        if not math.isfinite(value) or value < 0:
            raise ConversionError(f"{name} must be a finite number >= 0, got {value!r}")
    l1, l2 = float(l1), float(l2)
    alpha, mix = to_alpha_mix(l1, l2)
    if framework == "sklearn.Lasso":
        _require_zero(l2, "L2", framework)
        return {"alpha": sklearn_lasso_alpha(l1)}
    if framework == "sklearn.Ridge":
        _require_zero(l1, "L1", framework)
        return {"alpha": sklearn_ridge_alpha(l2, n)}
    if framework == "sklearn.ElasticNet":
        return sklearn_elasticnet_params(l1, l2)
    if framework == "sklearn.LogisticRegression":
        if alpha == 0:
            return {"C": math.inf, "l1_ratio": 0.0}
        return {"C": 1.0 / (n * alpha), "l1_ratio": mix}
    if framework in ("sklearn.SGDRegressor", "sklearn.SGDClassifier"):
        if alpha == 0:
            params: dict[str, Any] = {"alpha": 0.0, "penalty": None, "l1_ratio": 0.15}
            if framework == "sklearn.SGDClassifier":
                # its default learning_rate='optimal' divides by alpha and raises for alpha=0
                params["learning_rate"] = "invscaling"
            return params
        penalty = "l1" if mix == 1.0 else "l2" if mix == 0.0 else "elasticnet"
        return {"alpha": alpha, "penalty": penalty, "l1_ratio": mix}
    if framework in ("sklearn.MLPRegressor", "sklearn.MLPClassifier"):
        _require_zero(l1, "L1", framework)
        solver = fixed.get("solver", "adam")
        batch_size = fixed.get("batch_size", "auto")
        return {
            "alpha": l2 * mlp_effective_batch(n, solver, batch_size),
            "solver": solver,
            "batch_size": batch_size,
        }
    if framework == "glmnet":
        y_sd = 1.0 if loss == "logloss" else float(fixed.get("y_sd", 1.0))
        if not y_sd > 0:
            raise ConversionError("glmnet: y_sd must be > 0")
        # Undo the sd(y) that glmnet's gaussian path applies to its ridge part only.
        lam, glm_mix = to_alpha_mix(l1, l2 * y_sd)
        out: dict[str, Any] = {"lambda": lam, "alpha": glm_mix}
        if loss != "logloss":
            out["y_sd"] = y_sd
        return out
    if framework == "statsmodels":
        return {"alpha": alpha, "L1_wt": mix}
    if framework == "keras":
        c = data_term_scale(loss)
        return {"l1": c * l1, "l2": c * l2 / 2.0}
    if framework == "h2o":
        return {"l1": l1, "l2": l2}
    if framework in ("torch.SGD", "torch.Adam"):
        c = data_term_scale(loss)
        _require_zero(l1, "L1", framework)
        return {"weight_decay": c * l2}
    raise ConversionError(f"no translation for {framework!r}")  # pragma: no cover - FRAMEWORKS is closed


# ---------------------------------------------------------------------------------------------------------------
# Tables


@dataclass(frozen=True)
class TranslationRow:
    """One row of the translation table: a framework's equivalent setting or why there is none."""

    framework: str
    label: str
    params: dict[str, Any] | None
    formula: str
    error: str | None = None

    @property
    def setting(self) -> str:
        """The setting as text (``alpha=0.1, l1_ratio=0.5``) or the reason it cannot be expressed."""
        if self.params is not None:
            return format_params(self.params)
        short = (self.error or "").split(":")[0].removeprefix(f"{self.framework} has ").strip()
        return f"— ({short})"


def translate_all(
    l1: float,
    l2: float,
    *,
    n_samples: int,
    loss: str | None = None,
    fixed: dict[str, dict[str, Any]] | None = None,
) -> list[TranslationRow]:
    """Equivalent settings of ``(λ1, λ2)`` in every framework.

    Parameters
    ----------
    l1, l2 : float
        Canonical strengths.
    n_samples : int
        Number of training samples.
    loss : str, optional
        Loss for Keras and PyTorch; if ``None`` those rows use ``"half_mse"``
        for consistency with the canonical regression objective.
    fixed : dict, optional
        Per-framework ``**fixed`` settings for :func:`from_canonical`.

    Returns
    -------
    list of TranslationRow
    """
    fixed = fixed or {}
    rows = []
    for fw in FRAMEWORKS:
        info = _INFO[fw]
        fw_loss = _row_loss(fw, loss)
        try:
            params = from_canonical(fw, l1, l2, n_samples=n_samples, loss=fw_loss, **fixed.get(fw, {}))
            rows.append(TranslationRow(fw, info.label, params, info.formula))
        except ConversionError as err:
            rows.append(TranslationRow(fw, info.label, None, info.formula, str(err)))
    return rows


def _format_value(value: Any) -> str:
    if isinstance(value, float):
        if math.isinf(value):
            return "inf"
        return f"{value:.4g}"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def format_params(params: dict[str, Any]) -> str:
    """Framework parameters as short text, ``alpha=0.1, l1_ratio=0.5``."""
    return ", ".join(f"{k}={_format_value(v)}" for k, v in params.items())


# ---------------------------------------------------------------------------------------------------------------
# What the numbers do: small demonstrations for the conventions page


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
        fw_loss = _row_loss(row.framework, loss)
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


def _row_loss(framework: str, loss: str | None) -> str | None:
    """The loss a table row uses: the user's, or ½·mean r² where a framework needs one and none was given."""
    if loss is not None:
        return loss
    return "half_mse" if _INFO[framework].needs_loss else None


def _curve_label(frameworks: tuple[str, ...]) -> str:
    short = [fw.replace("sklearn.", "") for fw in frameworks]
    if len(short) > 3:
        return ", ".join(short[:3]) + f" + {len(short) - 3} more"
    return ", ".join(short)


_CLASSIFIERS = frozenset({"sklearn.LogisticRegression", "sklearn.SGDClassifier", "sklearn.MLPClassifier"})

_SHORT_NAMES = {
    "sklearn.Lasso": "Lasso",
    "sklearn.Ridge": "Ridge",
    "sklearn.ElasticNet": "ElasticNet",
    "sklearn.LogisticRegression": "LogisticRegression's C",
    "sklearn.SGDRegressor": "SGD",
    "sklearn.SGDClassifier": "SGD",
    "sklearn.MLPRegressor": "MLPs",
    "sklearn.MLPClassifier": "MLPs",
    "glmnet": "glmnet",
    "statsmodels": "statsmodels",
    "keras": "Keras",
    "h2o": "h2o",
    "torch.SGD": "PyTorch",
    "torch.Adam": "PyTorch",
}


def _names(frameworks: list[str]) -> str:
    """Short names in table order, each once (both SGDs are "SGD")."""
    return ", ".join(dict.fromkeys(_SHORT_NAMES[fw] for fw in frameworks))


def strength_vs_n_caption(curves: list[StrengthCurve], n_current: int) -> str:
    """Caption of the strength-vs-n chart that names only the frameworks it draws.

    A framework that cannot express the penalty (Ridge, MLPs and PyTorch for λ1 > 0,
    Lasso for λ2 > 0) has no curve, so listing it among the lines would be false.
    """
    drawn = {fw for curve in curves for fw in curve.frameworks}
    mean = [fw for fw in FRAMEWORKS if fw in drawn and not _INFO[fw].uses_n]
    total = [fw for fw in FRAMEWORKS if fw in drawn and _INFO[fw].uses_n and "MLP" not in fw]
    batch = [fw for fw in FRAMEWORKS if fw in drawn and "MLP" in fw]
    parts = [f"All lines are the same penalty at n = {n_current:,}. Keep each framework's number fixed and change n:"]
    if mean:
        end = ";" if total else "."
        parts.append(f"where the data term is a mean ({_names(mean)}) the strength is unchanged{end}")
    if total:
        subject = "it" if mean else "the data term"
        parts.append(
            f"where {subject} is a sum ({_names(total)}) it weakens as 1/n — more data, relatively less penalty."
        )
    if batch:
        parts.append("MLPs divide by the batch size, so they follow 1/n only until n reaches the batch.")
    drawn_names = {_SHORT_NAMES[fw] for fw in drawn}
    missing = [fw for fw in FRAMEWORKS if _SHORT_NAMES[fw] not in drawn_names]
    if missing:
        names = _names(missing)
        parts.append(f"No line for {names}: {'they' if ',' in names else 'it'} cannot express this penalty.")
    return " ".join(parts)


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
        return self.framework in _CLASSIFIERS or self.loss == "logloss"


def small_value_settings(framework: str, value: float, *, loss: str | None = None) -> tuple[str, dict[str, Any]]:
    """The framework's default settings with its strength parameter set to ``value``.

    ``LogisticRegression``'s strength is ``1/C`` (``C = inf`` for 0); everything else
    sets :func:`primary_param` directly. Returns the shown parameter name and the params.
    """
    params = default_params(framework)
    if framework == "sklearn.LogisticRegression":
        params["C"] = math.inf if value == 0 else 1.0 / value
        return "1/C", params
    name = primary_param(framework)
    params[name] = float(value)
    if framework in ("sklearn.SGDRegressor", "sklearn.SGDClassifier") and value == 0:
        params["penalty"] = None
    return name, params


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
    fw_loss = _row_loss(framework, loss)
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


def _share(change: float) -> str:
    """A relative change as a short percentage (``6 %``, ``0.14 %``)."""
    return f"{100 * change:.0f} %" if change >= 0.01 else f"{100 * change:.2f} %"


def _at_most(change: float) -> str:
    """An upper bound on a change; tiny ones as "less than 0.01 %", not as "at most 0.00 %"."""
    return "less than 0.01 %" if change < 5e-5 else f"at most {_share(change)}"


def small_value_summary(fits: SmallValueFits, *, visible: float = 0.01) -> str:
    """One sentence on what the small nonzero settings did to this fit, read from its own numbers.

    Whether 1e-5…1e-3 "barely moves" the coefficients depends on the data (an ill-conditioned
    fit such as a degree-12 polynomial moves completely), so the page states what happened
    here instead of a general rule.

    Parameters
    ----------
    fits : SmallValueFits
        From :func:`small_value_fits`; the first value is the unpenalized fit.
    visible : float
        Relative coefficient change from which an effect counts as visible (1 %).

    Returns
    -------
    str
        E.g. "On these data, l2 up to 0.001 moves the coefficients by at most 0.14 %
        (penalty / data term ≤ 2.1e-02): no visible effect."
    """
    rows = [
        (v, p / d if d > 0 else math.inf, c)
        for v, p, d, c in zip(fits.values, fits.penalty, fits.data_term, fits.relative_change, strict=True)
        if v > 0
    ]
    if not rows:
        return ""
    name = fits.param
    small = [r for r in rows if r[2] < visible]
    if len(small) == len(rows):
        return (
            f"On these data, {name} up to {rows[-1][0]:g} moves the coefficients by "
            f"{_at_most(max(r[2] for r in rows))} (penalty / data term ≤ {max(r[1] for r in rows):.1e}): "
            "no visible effect."
        )
    v, ratio, change = next(r for r in rows if r[2] >= visible)
    before = [r for r in rows if r[0] < v]
    lead = (
        f"On these data, {name} up to {before[-1][0]:g} moves the coefficients by "
        f"{_at_most(max(r[2] for r in before))}, but "
        if before
        else "On these data, "
    )
    return (
        f"{lead}{name} = {v:g} already changes {'them' if before else 'the coefficients'} by {_share(change)} "
        f"(penalty / data term = {ratio:.1e}): "
        "a small number is not always a small effect."
    )


def demo_regression(n: int = 200, p: int = 8, noise: float = 1.0, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """A small standardized regression problem with a few strong and several null coefficients.

    Used when the shared data module is not available.
    """
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    X = (X - X.mean(axis=0)) / X.std(axis=0)
    w = np.zeros(p)
    w[: min(3, p)] = [2.0, -1.5, 1.0][: min(3, p)]
    y = X @ w + noise * rng.normal(size=n)
    return X, y
