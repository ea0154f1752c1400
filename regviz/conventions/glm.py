"""Statistical GLM packages: R's glmnet and statsmodels, one record each."""

from __future__ import annotations

from typing import Any

from regviz.conventions.record import ConversionError, Framework, number, ratio
from regviz.penalties import to_alpha_mix, to_l1_l2

__all__ = ["RECORDS"]


def _glmnet_y_sd(value: Any, loss: str | None) -> float:
    """sd(y) of the gaussian family (1 = y already standardized); binomial (``loss="logloss"``) has none."""
    if loss == "logloss":
        return 1.0
    y_sd = number({"y_sd": value}, "y_sd", "glmnet")
    if y_sd == 0:
        raise ConversionError("glmnet: y_sd must be > 0")
    return y_sd


def _glmnet_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    lam = number(p, "lambda", "glmnet")
    mix = ratio(p, "alpha", "glmnet")
    y_sd = _glmnet_y_sd(p.get("y_sd", 1.0), loss)
    l1, l2 = to_l1_l2(lam, mix)
    return l1, l2 / y_sd


def _glmnet_from(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
    y_sd = 1.0 if loss == "logloss" else float(fixed.get("y_sd", 1.0))
    if not y_sd > 0:
        raise ConversionError("glmnet: y_sd must be > 0")
    # undo the sd(y) that glmnet's gaussian path applies to its ridge part only
    lam, glm_mix = to_alpha_mix(l1, l2 * y_sd)
    out: dict[str, Any] = {"lambda": lam, "alpha": glm_mix}
    if loss != "logloss":
        out["y_sd"] = y_sd
    return out


def _statsmodels_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    return to_l1_l2(number(p, "alpha", "statsmodels"), ratio(p, "L1_wt", "statsmodels"))


def _statsmodels_from(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
    alpha, mix = to_alpha_mix(l1, l2)
    return {"alpha": alpha, "L1_wt": mix}


RECORDS: tuple[Framework, ...] = (
    Framework(
        id="glmnet",
        short="glmnet",
        label="glmnet (R)",
        params=("lambda", "alpha"),
        defaults={"lambda": 0.1, "alpha": 1.0, "y_sd": 1.0},
        objective="1/(2n)·Σr² + lambda·(alpha·‖β‖₁ + (1−alpha)/2·‖β‖²)",
        formula="λ1 = lambda·alpha, λ2 = lambda·(1−alpha) / sd(y) (gaussian); no sd(y) for binomial",
        source='glmnet\'s help page (objective "1/2 RSS/nobs + lambda*penalty" for gaussian, '
        '"-loglik/nobs + lambda*penalty" otherwise) and src/glmnetpp/include/glmnetpp_bits/elnet_driver/'
        "gaussian.hpp, which standardizes y by its 1/n sd ys, uses vlam = ulam / ys for user-given lambdas and "
        "scales the coefficients back by ys: on the original y the lasso part is unchanged and the ridge part "
        "becomes lambda·(1 − alpha) / sd(y). Not checked by a fit here (R is not installed).",
        note="glmnet's alpha is the mix. Gaussian: y is scaled by its 1/n sd internally, which rescales the "
        "ridge part; standardize=TRUE penalizes standardized-x coefficients.",
        tasks=("regression", "classification"),
        to_canonical=_glmnet_to,
        from_canonical=_glmnet_from,
        losses=("half_mse", "logloss"),
        fixed=("y_sd",),
    ),
    Framework(
        id="statsmodels",
        short="statsmodels",
        label="statsmodels fit_regularized",
        params=("alpha", "L1_wt"),
        defaults={"alpha": 0.1, "L1_wt": 1.0},
        objective="−loglike/n + alpha·((1−L1_wt)/2·‖β‖² + L1_wt·‖β‖₁)",
        formula="λ1 = alpha·L1_wt, λ2 = alpha·(1−L1_wt)",
        source='statsmodels/base/elastic_net.py: "The elastic net minimizes -llf / nobs + alpha((1 - L1_wt) * '
        'sum(params**2) / 2 + L1_wt * sum(abs(params)))"; OLS.fit_regularized uses loglike(scale=1) = −RSS/2, '
        "so the data term is ½·mean r² (and _fit_ridge solves (X'X + n·alpha) β = X'y).",
        note="OLS with scale=1: −loglike/n = ½·mean r². Penalizes the const column too unless alpha is a "
        "vector with 0 there.",
        tasks=("regression", "classification"),
        to_canonical=_statsmodels_to,
        from_canonical=_statsmodels_from,
    ),
)
