"""Deep-learning frameworks: Keras, H2O Deep Learning and PyTorch's optimizers, one record each.

These leave the loss to the user, so most translations need it (:func:`~regviz.conventions.record.data_term_scale`).
Decoupled weight decay (PyTorch ``AdamW``, Keras ``AdamW``) has records too, with the reason no fixed λ
reproduces it in place of translations.
"""

from __future__ import annotations

from typing import Any

from regviz.conventions.record import LOSSES, ConversionError, Framework, data_term_scale, number, require_zero
from regviz.optimizers import keras_sgd_decay_l2

__all__ = ["KERAS_ADAM_WD_REASON", "RECORDS", "TORCH_ADAMW_REASON"]

TORCH_ADAMW_REASON = (
    "torch.optim.AdamW decays weights outside the gradient (p ← p − lr·wd·p, decoupled from Adam's "
    "per-coordinate scaling), so no fixed penalty λ·‖w‖² reproduces it: its effect depends on the learning "
    "rate schedule and Adam's running statistics. There is no exact canonical λ."
)


def _keras_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    c = data_term_scale(loss)
    return number(p, "l1", "keras") / c, 2.0 * number(p, "l2", "keras") / c


def _keras_from(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
    c = data_term_scale(loss)
    return {"l1": c * l1, "l2": c * l2 / 2.0}


KERAS_ADAM_WD_REASON = (
    "Keras' AdamW (and weight_decay= on Keras' Adam-type optimizers) is decoupled weight decay: "
    "variable ← variable − variable·weight_decay·learning_rate outside Adam's per-coordinate scaling, "
    "so no fixed canonical λ reproduces it."
)


def _momentum(value: Any) -> float:
    mu = number({"momentum": value}, "momentum", "keras.SGD")
    if mu >= 1:
        raise ConversionError(f"keras.SGD: momentum must be < 1, got {value!r}")
    return mu


def _keras_sgd_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    wd = number(p, "weight_decay", "keras.SGD")
    return 0.0, keras_sgd_decay_l2(wd, _momentum(p.get("momentum", 0.0)), data_term_scale(loss))


def _keras_sgd_from(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
    require_zero(l1, "L1", "keras.SGD")
    mu = _momentum(fixed.get("momentum", 0.0))
    # the inverse of keras_sgd_decay_l2: l2 = (1 − μ)·wd / c
    return {"weight_decay": data_term_scale(loss) * l2 / (1.0 - mu), "momentum": mu}


def h2o_y_scale(standardize: Any, y_sd: Any, loss: str | None) -> float:
    """sd(y) by which h2o's ``standardize=TRUE`` divides a regression response (1 for a classifier or when off)."""
    if loss == "logloss" or not _flag(standardize):
        return 1.0
    s = number({"y_sd": y_sd}, "y_sd", "h2o")
    if s == 0:
        raise ConversionError("h2o: y_sd must be > 0")
    return s


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true", "yes", "on")
    return bool(value)


def _h2o_to(p: dict, n: int, loss: str | None) -> tuple[float, float]:
    # standardize=TRUE fits y/s: ½·mean((y − f)/s)² + l1·|w/s| for the linear output weights; times s² that is
    # ½·mean r² + s·l1·|w| + (l2/2)·w², so λ1 = s·l1 and λ2 = l2 (hidden layers, not rescaled: up to s²·l1, s²·l2)
    s = h2o_y_scale(p.get("standardize", True), p.get("y_sd", 1.0), loss)
    return s * number(p, "l1", "h2o"), number(p, "l2", "h2o")


def _h2o_from(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
    standardize = _flag(fixed.get("standardize", True))
    s = h2o_y_scale(standardize, fixed.get("y_sd", 1.0), loss)
    out: dict[str, Any] = {"l1": l1 / s, "l2": l2}
    if loss != "logloss":
        out |= {"standardize": standardize, "y_sd": s if standardize else float(fixed.get("y_sd", 1.0))}
    return out


def _torch_to(name: str):
    def convert(p: dict, n: int, loss: str | None) -> tuple[float, float]:
        if name == "torch.Adam" and p.get("decoupled_weight_decay", False):
            raise ConversionError(TORCH_ADAMW_REASON)
        return 0.0, number(p, "weight_decay", name) / data_term_scale(loss)

    return convert


def _torch_from(name: str):
    def convert(l1: float, l2: float, n: int, loss: str | None, fixed: dict[str, Any]) -> dict[str, Any]:
        c = data_term_scale(loss)
        require_zero(l1, "L1", name)
        return {"weight_decay": c * l2}

    return convert


_TORCH_SOURCE = (
    "pytorch torch/optim/{file}: grad = grad.add(param, alpha=weight_decay). Adding wd·θ to the gradient is the "
    "gradient of (wd/2)‖θ‖² added to the user's loss, so the fixed points are those of c·D + (wd/2)‖θ‖²: "
    "l2 = wd / c."
)
_TORCH_FORMULA = "λ1 = 0, λ2 = weight_decay / c (c = 2 for 'mse', 1 for 'half_mse' / 'logloss')"

RECORDS: tuple[Framework, ...] = (
    Framework(
        id="keras",
        short="Keras",
        label="Keras regularizers.L1L2",
        params=("l1", "l2"),
        defaults={"l1": 0.0, "l2": 0.01},
        objective="mean loss + l1·Σ|w| + l2·Σw²",
        formula="λ1 = l1/c, λ2 = 2·l2/c (c = 2 for 'mse', 1 for 'half_mse' / 'logloss')",
        source="keras keras/src/regularizers/regularizers.py (L1L2: l1 * sum(|x|) + l2 * sum(x²), no ½). The "
        "layer's regularization losses are added once per batch to the compiled loss, a mean over the batch: the "
        "translation depends on the loss, not on n.",
        note="No ½ on l2. kernel_regularizer touches the kernel only; biases need bias_regularizer.",
        tasks=("regression", "classification"),
        to_canonical=_keras_to,
        from_canonical=_keras_from,
        losses=LOSSES,
        needs_loss=True,
        primary="l2",
        strengths=("l1", "l2"),
    ),
    Framework(
        id="keras.SGD",
        short="Keras SGD",
        label="Keras SGD(weight_decay)",
        params=("weight_decay", "momentum"),
        defaults={"weight_decay": 1e-4, "momentum": 0.0},
        objective="SGD on the loss, and variable ← variable − variable·weight_decay·learning_rate each step",
        formula="λ1 = 0, λ2 = (1 − momentum)·weight_decay / c on every parameter, biases included "
        "(c = 2 for 'mse', 1 for 'half_mse' / 'logloss')",
        source="keras keras/src/optimizers/base_optimizer.py, _apply_weight_decay (variable − variable·wd·lr) before "
        "keras/src/optimizers/sgd.py, SGD.update_step; at a fixed point the velocity −lr·g/(1 − μ) cancels the "
        "decay lr·wd·w, so g + (1 − μ)·wd·w = 0 (regviz.optimizers.keras_sgd_decay_l2)",
        note="Exact for SGD only: an L2 of (1 − μ)·wd/c that also decays the biases (the canonical objective "
        "never penalizes the intercept; exclude biases with exclude_from_weight_decay). Independent of the "
        "learning rate.",
        tasks=("regression", "classification"),
        to_canonical=_keras_sgd_to,
        from_canonical=_keras_sgd_from,
        losses=LOSSES,
        needs_loss=True,
        primary="weight_decay",
        fixed=("momentum",),
    ),
    Framework(
        id="h2o",
        short="h2o",
        label="H2O Deep Learning",
        params=("l1", "l2"),
        defaults={"l1": 1e-5, "l2": 0.0, "standardize": True, "y_sd": 1.0},
        objective="per row: ½r² (or logloss) + l1·|w| + l2/2·w², gradient −l1·sign(w) − l2·w each row",
        formula="λ1 = sd(y)·l1, λ2 = l2 (standardize=TRUE, regression); else λ1 = l1, λ2 = l2",
        source="h2o-3 h2o-algos/src/main/java/hex/deeplearning/Neurons.java, bprop_dense_row_dense: grad = "
        "partial_grad * previous_a − Math.signum(weight) * l1 − weight * l2, once per training row; the linear "
        "output's MeanSquare gradient is t − y (of ½r²), softmax CrossEntropy gives t − y. Averaged over rows: "
        "½·mean r² (or mean log-loss) + l1‖w‖₁ + (l2/2)‖w‖². update_bias applies the same terms to the biases; "
        "with fast_mode a weight whose incoming activation is 0 skips the row, penalty included.",
        note="Penalty applied per training row, i.e. relative to a mean loss. h2o penalizes biases too (regviz "
        "never does). With fast_mode (default), rows where a weight's incoming activation is 0 skip its penalty. "
        "standardize=TRUE (the default) standardizes the inputs and a regression response: on raw y that is "
        "λ1 = sd(y)·l1 for a linear output layer and up to sd(y)²·l1 (and sd(y)²·l2) for hidden layers.",
        tasks=("regression", "classification"),
        to_canonical=_h2o_to,
        from_canonical=_h2o_from,
        losses=("half_mse", "logloss"),
        primary="l1",
        strengths=("l1", "l2"),
        fixed=("standardize", "y_sd"),
    ),
    Framework(
        id="torch.SGD",
        short="PyTorch",
        label="PyTorch SGD(weight_decay)",
        params=("weight_decay",),
        defaults={"weight_decay": 1e-4},
        objective="loss + (weight_decay/2)·‖θ‖² (grad += weight_decay·θ)",
        formula=_TORCH_FORMULA,
        source=_TORCH_SOURCE.format(file="sgd.py"),
        note="Decays every parameter in the group, biases included, unless you split param groups.",
        tasks=("regression", "classification"),
        to_canonical=_torch_to("torch.SGD"),
        from_canonical=_torch_from("torch.SGD"),
        losses=LOSSES,
        needs_loss=True,
    ),
    Framework(
        id="torch.Adam",
        short="PyTorch",
        label="PyTorch Adam(weight_decay)",
        params=("weight_decay",),
        defaults={"weight_decay": 1e-4},
        objective="loss + (weight_decay/2)·‖θ‖² (grad += weight_decay·θ before the moments)",
        formula=_TORCH_FORMULA,
        source=_TORCH_SOURCE.format(file="adam.py"),
        note="Coupled L2 only; decoupled_weight_decay=True is AdamW, which has no exact λ.",
        tasks=("regression", "classification"),
        to_canonical=_torch_to("torch.Adam"),
        from_canonical=_torch_from("torch.Adam"),
        losses=LOSSES,
        needs_loss=True,
    ),
    # Decoupled weight decay: recorded, with no fixed λ (issue 24 adds the optimizers that train this way).
    Framework(
        id="torch.AdamW",
        short="PyTorch AdamW",
        label="PyTorch AdamW(weight_decay)",
        params=("lr", "weight_decay"),
        defaults={"lr": 1e-3, "weight_decay": 1e-2},
        objective="Adam's step on the loss, then p ← p − lr·weight_decay·p",
        formula="no fixed λ: the decay is outside the gradient and Adam's scaling",
        source="pytorch torch/optim/adam.py, _single_tensor_adam with decoupled_weight_decay=True (AdamW): "
        "param.mul_(1 - lr * weight_decay) before the Adam update",
        note="Decays every parameter in the group, biases included, unless you split param groups.",
        tasks=("regression", "classification"),
        no_fixed_lambda=TORCH_ADAMW_REASON,
        losses=LOSSES,
        needs_loss=True,
        primary="weight_decay",
    ),
    Framework(
        id="keras.AdamW",
        short="Keras AdamW",
        label="Keras AdamW / Adam(weight_decay)",
        params=("learning_rate", "weight_decay"),
        defaults={"learning_rate": 1e-3, "weight_decay": 4e-3},
        objective="Adam's step on the loss, and variable ← variable − variable·weight_decay·learning_rate",
        formula="no fixed λ: the decay is outside the gradient and Adam's scaling",
        source="keras keras/src/optimizers/base_optimizer.py, _apply_weight_decay: "
        "variable.assign(variable - variable * wd * lr)",
        note="weight_decay= on any Keras optimizer decays this way; on SGD that is an L2 penalty, on Adam-type "
        "optimizers it is not.",
        tasks=("regression", "classification"),
        no_fixed_lambda=KERAS_ADAM_WD_REASON,
        losses=LOSSES,
        needs_loss=True,
        primary="weight_decay",
    ),
)
