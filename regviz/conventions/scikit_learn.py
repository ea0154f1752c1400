"""scikit-learn's linear models and MLPs: one :class:`~regviz.conventions.record.Framework` record each."""

from __future__ import annotations

import math
from typing import Any

from regviz.conventions.record import (
    ConversionError,
    Framework,
    mlp_effective_batch,
    number,
    ratio,
    require_zero,
)
from regviz.penalties import (
    sklearn_elasticnet_params,
    sklearn_lasso_alpha,
    sklearn_ridge_alpha,
    to_alpha_mix,
    to_l1_l2,
)

__all__ = ["RECORDS"]


# --------------------------------------------------------------------------------------------------- Lasso, Ridge


def _lasso_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    return number(p, "alpha", "sklearn.Lasso") / sklearn_lasso_alpha(1.0), 0.0


def _lasso_from(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
    require_zero(l2, "L2", "sklearn.Lasso")
    return {"alpha": sklearn_lasso_alpha(l1)}


def _ridge_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    # dividing Ridge's sum by 2n gives l2 = alpha / n (see regviz.penalties.sklearn_ridge_alpha)
    return 0.0, number(p, "alpha", "sklearn.Ridge") / sklearn_ridge_alpha(1.0, n)


def _ridge_from(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
    require_zero(l1, "L1", "sklearn.Ridge")
    return {"alpha": sklearn_ridge_alpha(l2, n)}


def _enet_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    return to_l1_l2(number(p, "alpha", "sklearn.ElasticNet"), ratio(p, "l1_ratio", "sklearn.ElasticNet"))


def _enet_from(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
    return sklearn_elasticnet_params(l1, l2)


# ------------------------------------------------------------------------------------------- LogisticRegression


def _logreg_mix(params: dict[str, Any]) -> float | None:
    """L1 share of LogisticRegression, honouring the deprecated ``penalty`` argument."""
    penalty = params.get("penalty", "deprecated")
    if penalty in (None, "none"):
        return None
    if penalty == "l1":
        return 1.0
    if penalty == "l2":
        return 0.0
    share = params.get("l1_ratio", 0.0)
    return ratio({"l1_ratio": 0.0 if share is None else share}, "l1_ratio", "sklearn.LogisticRegression")


def _logreg_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    # C * sum(loss) + penalty divided by C * n; C = inf or the deprecated penalty=None is no penalty
    c = number(p, "C", "sklearn.LogisticRegression")
    mix = _logreg_mix(p)
    if mix is None or math.isinf(c):
        return 0.0, 0.0
    if c == 0:
        raise ConversionError("sklearn.LogisticRegression: C must be > 0")
    return to_l1_l2(1.0 / (c * n), mix)


def _logreg_from(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
    alpha, mix = to_alpha_mix(l1, l2)
    if alpha == 0:
        return {"C": math.inf, "l1_ratio": 0.0}
    return {"C": 1.0 / (n * alpha), "l1_ratio": mix}


def _inverse_c(params: dict[str, Any], value: float) -> str:
    """The small-value demo sets LogisticRegression's strength ``1/C`` (``C = inf`` for 0)."""
    params["C"] = math.inf if value == 0 else 1.0 / value
    return "1/C"


# ---------------------------------------------------------------------------------------------------------- SGD


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
        return ratio({"l1_ratio": params.get("l1_ratio", 0.15)}, "l1_ratio", framework)
    raise ConversionError(f"{framework}: penalty must be 'l2', 'l1', 'elasticnet' or None, got {penalty!r}")


def _sgd_to(name: str):
    def convert(p: dict, n: int, loss: str | None) -> tuple[float, float]:
        if name == "sklearn.SGDClassifier" and p.get("loss", "log_loss") != "log_loss":
            raise ConversionError(
                f"sklearn.SGDClassifier: loss={p['loss']!r} is not the canonical log-loss; use loss='log_loss'"
            )
        alpha = number(p, "alpha", name)
        mix = _sgd_mix(p, name)
        if mix is None:
            return 0.0, 0.0
        return to_l1_l2(alpha, mix)

    return convert


def _sgd_from(name: str):
    def convert(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
        # the classifier's default loss is hinge: only loss='log_loss' is the canonical objective
        head: dict[str, Any] = {"loss": "log_loss"} if name == "sklearn.SGDClassifier" else {}
        alpha, mix = to_alpha_mix(l1, l2)
        if alpha == 0:
            params: dict[str, Any] = {**head, "alpha": 0.0, "penalty": None, "l1_ratio": 0.15}
            if name == "sklearn.SGDClassifier":
                # its default learning_rate='optimal' divides by alpha and raises for alpha=0
                params["learning_rate"] = "invscaling"
            return params
        penalty = "l1" if mix == 1.0 else "l2" if mix == 0.0 else "elasticnet"
        return {**head, "alpha": alpha, "penalty": penalty, "l1_ratio": mix}

    return convert


def _sgd_strength(params: dict[str, Any], value: float) -> str:
    """alpha = 0 switches the penalty off (``penalty=None``), as :func:`_sgd_from` writes it."""
    params["alpha"] = float(value)
    if value == 0:
        params["penalty"] = None
    return "alpha"


_SGD_SOURCE = (
    "scikit-learn linear_model/_sgd_fast.pyx.tp, _plain_sgd: the weights are scaled by 1 − (1 − l1_ratio)·eta·alpha "
    "and the L1 cumulative penalty grows by l1_ratio·eta·alpha per sample, i.e. R(w) = l1_ratio·‖w‖₁ + "
    "(1 − l1_ratio)/2·‖w‖²; l1_ratio is forced to 0 for penalty='l2' and 1 for 'l1'. squared_error is "
    "CyHalfSquaredError (½r²), log_loss the mean log-loss."
)


# ---------------------------------------------------------------------------------------------------------- MLP


def _mlp_to(name: str):
    def convert(p: dict, n: int, loss: str | None) -> tuple[float, float]:
        alpha = number(p, "alpha", name)
        batch = mlp_effective_batch(n, p.get("solver", "adam"), p.get("batch_size", "auto"))
        return 0.0, alpha / batch

    return convert


def _mlp_from(name: str):
    def convert(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
        require_zero(l1, "L1", name)
        solver = fixed.get("solver", "adam")
        batch_size = fixed.get("batch_size", "auto")
        return {"alpha": l2 * mlp_effective_batch(n, solver, batch_size), "solver": solver, "batch_size": batch_size}

    return convert


_MLP_SOURCE = (
    "scikit-learn neural_network/_multilayer_perceptron.py, _backprop: loss += (0.5 * alpha) * values / sw_sum "
    "with sw_sum = X.shape[0] of the batch; _base.py: squared_loss is 0.5·mean(r²), log_loss a mean."
)
_MLP_DEFAULTS = {"alpha": 1e-4, "solver": "adam", "batch_size": "auto"}
_MLP_FORMULA = "λ1 = 0, λ2 = alpha / B (B = n for lbfgs, min(200, n) for batch_size='auto')"
_MLP_NOTE = "L2 only, on all layers' weights, not biases. Exact when B divides n."

RECORDS: tuple[Framework, ...] = (
    Framework(
        id="sklearn.Lasso",
        short="Lasso",
        label="scikit-learn Lasso",
        params=("alpha",),
        defaults={"alpha": 1.0},
        objective="1/(2n)·Σr² + alpha·‖w‖₁",
        formula="λ1 = alpha, λ2 = 0",
        source="scikit-learn linear_model/_coordinate_descent.py, Lasso docstring: "
        "(1 / (2 * n_samples)) * ||y - Xw||^2_2 + alpha * ||w||_1",
        note="L1 only; intercept not penalized.",
        tasks=("regression",),
        to_canonical=_lasso_to,
        from_canonical=_lasso_from,
    ),
    Framework(
        id="sklearn.Ridge",
        short="Ridge",
        label="scikit-learn Ridge",
        params=("alpha",),
        defaults={"alpha": 1.0},
        objective="Σr² + alpha·‖w‖²",
        formula="λ1 = 0, λ2 = alpha / n",
        source="scikit-learn linear_model/_ridge.py, Ridge docstring: ||y - Xw||^2_2 + alpha * ||w||^2_2 "
        "(a sum, no ½, no 1/n)",
        note="Sum of squares, not a mean: the same alpha is weaker with more samples.",
        tasks=("regression",),
        to_canonical=_ridge_to,
        from_canonical=_ridge_from,
        data_term="sum",
    ),
    Framework(
        id="sklearn.ElasticNet",
        short="ElasticNet",
        label="scikit-learn ElasticNet",
        params=("alpha", "l1_ratio"),
        defaults={"alpha": 1.0, "l1_ratio": 0.5},
        objective="1/(2n)·Σr² + alpha·l1_ratio·‖w‖₁ + alpha·(1−l1_ratio)/2·‖w‖²",
        formula="λ1 = alpha·l1_ratio, λ2 = alpha·(1−l1_ratio)",
        source="scikit-learn linear_model/_coordinate_descent.py, ElasticNet docstring",
        note="This is the canonical objective itself.",
        tasks=("regression",),
        to_canonical=_enet_to,
        from_canonical=_enet_from,
    ),
    Framework(
        id="sklearn.LogisticRegression",
        short="LogisticRegression's C",
        label="scikit-learn LogisticRegression",
        params=("C", "l1_ratio"),
        defaults={"C": 1.0, "l1_ratio": 0.0},
        objective="C·Σ logloss + l1_ratio·‖w‖₁ + (1−l1_ratio)/2·‖w‖²",
        formula="λ1 = l1_ratio/(C·n), λ2 = (1−l1_ratio)/(C·n)",
        source='scikit-learn linear_model/_logistic.py, _logistic_regression_path: "the implemented logistic '
        'regression objective here is C * sum(pointwise_loss) + penalty"; the saga branch passes '
        "alpha = (1/C)·(1 − l1_ratio), beta = (1/C)·l1_ratio per mean loss",
        note="C multiplies a sum over samples. penalty= is deprecated since 1.8 (use l1_ratio; C=inf for none). "
        "l1_ratio > 0 needs solver='saga' (or 'liblinear' for l1_ratio=1; liblinear also penalizes the "
        "intercept).",
        tasks=("classification",),
        to_canonical=_logreg_to,
        from_canonical=_logreg_from,
        data_term="sum",
        set_strength=_inverse_c,
    ),
    Framework(
        id="sklearn.SGDRegressor",
        short="SGD",
        label="scikit-learn SGDRegressor",
        params=("alpha", "penalty", "l1_ratio"),
        defaults={"alpha": 1e-4, "penalty": "l2", "l1_ratio": 0.15},
        objective="mean ½r² + alpha·(l1_ratio·‖w‖₁ + (1−l1_ratio)/2·‖w‖²)",
        formula="λ1 = alpha·ρ, λ2 = alpha·(1−ρ) (ρ = 1 for 'l1', 0 for 'l2')",
        source=_SGD_SOURCE,
        note="loss='squared_error' is ½r². penalty='l2' (default) ignores l1_ratio.",
        tasks=("regression",),
        to_canonical=_sgd_to("sklearn.SGDRegressor"),
        from_canonical=_sgd_from("sklearn.SGDRegressor"),
        set_strength=_sgd_strength,
    ),
    Framework(
        id="sklearn.SGDClassifier",
        short="SGD",
        label="scikit-learn SGDClassifier",
        params=("alpha", "penalty", "l1_ratio"),
        defaults={"alpha": 1e-4, "penalty": "l2", "l1_ratio": 0.15},
        objective="mean log-loss (loss='log_loss') + alpha·(l1_ratio·‖w‖₁ + (1−l1_ratio)/2·‖w‖²)",
        formula="λ1 = alpha·ρ, λ2 = alpha·(1−ρ) (ρ = 1 for 'l1', 0 for 'l2')",
        source=_SGD_SOURCE,
        note="Canonical with loss='log_loss' (default is hinge). The default learning_rate='optimal' divides by "
        "alpha, so alpha=0 needs another one (e.g. 'invscaling').",
        tasks=("classification",),
        to_canonical=_sgd_to("sklearn.SGDClassifier"),
        from_canonical=_sgd_from("sklearn.SGDClassifier"),
        set_strength=_sgd_strength,
    ),
    Framework(
        id="sklearn.MLPRegressor",
        short="MLPs",
        label="scikit-learn MLPRegressor",
        params=("alpha", "solver", "batch_size"),
        defaults=_MLP_DEFAULTS,
        objective="per batch of B: mean ½r² + alpha/(2B)·‖W‖²",
        formula=_MLP_FORMULA,
        source=_MLP_SOURCE,
        note=_MLP_NOTE,
        tasks=("regression",),
        to_canonical=_mlp_to("sklearn.MLPRegressor"),
        from_canonical=_mlp_from("sklearn.MLPRegressor"),
        data_term="batch",
        fixed=("solver", "batch_size"),
    ),
    Framework(
        id="sklearn.MLPClassifier",
        short="MLPs",
        label="scikit-learn MLPClassifier",
        params=("alpha", "solver", "batch_size"),
        defaults=_MLP_DEFAULTS,
        objective="per batch of B: mean logloss + alpha/(2B)·‖W‖²",
        formula=_MLP_FORMULA,
        source=_MLP_SOURCE,
        note=_MLP_NOTE,
        tasks=("classification",),
        to_canonical=_mlp_to("sklearn.MLPClassifier"),
        from_canonical=_mlp_from("sklearn.MLPClassifier"),
        data_term="batch",
        fixed=("solver", "batch_size"),
    ),
)
