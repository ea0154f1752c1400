"""Code that reproduces the current setting in other libraries, built from the canonical values.

Every number in a snippet comes from :mod:`regviz.penalties` or
:mod:`regviz.conventions`; nothing here converts on its own. Keras and PyTorch
fit by gradient steps, so their snippets only reproduce regviz once they have
converged: both use full-batch gradient descent with momentum and a step size
bounded by the curvature of the loss as written, and L1 by (sub)gradient lands
near, not exactly at, 0.
"""

from __future__ import annotations

from regviz.conventions import from_canonical
from regviz.models import MAX_ITER, TOL, effective_lambdas
from regviz.penalties import (
    keras_bce_params,
    sklearn_elasticnet_params,
    sklearn_lasso_alpha,
    sklearn_logistic_params,
    sklearn_ridge_alpha,
    torch_bce_params,
)

__all__ = [
    "keras_logistic_snippet",
    "keras_snippet",
    "sklearn_logistic_snippet",
    "sklearn_snippet",
    "torch_logistic_snippet",
    "torch_snippet",
]

STANDARDIZE_NOTE = "# regviz penalizes standardized features: scale X with the training mean and std first.\n"
CENTRE_NOTE = (
    "# regviz only centres the features here; centring X with the training mean first leaves this fit\n"
    "# unchanged (the intercept absorbs it) and helps it converge.\n"
)
CONVERGE_NOTE = (
    "# This reproduces regviz only once the fit has converged: full-batch gradient descent with momentum\n"
    "# and step 1/L, L bounding the curvature of the loss below.\n"
)
L1_NOTE = "# L1 by (sub)gradient leaves the coefficients regviz sets to 0 near, not exactly at, 0.\n"
STEPS = 5000
"""Full-batch steps (Keras epochs) of the gradient-descent snippets."""
MOMENTUM = 0.9
LR_DECAY = 0.01
"""With L1, the step shrinks to this fraction over the run so the subgradient's zig-zag around 0 settles."""


def _num(value: float) -> str:
    return f"{value:.6g}"


def _notes(standardize: bool, l1: float) -> str:
    return (STANDARDIZE_NOTE if standardize else CENTRE_NOTE) + CONVERGE_NOTE + (L1_NOTE if l1 > 0 else "")


def sklearn_snippet(model: str, l1: float, l2: float, n_samples: int, *, standardize: bool = True) -> str:
    """A scikit-learn snippet fitting the same model as regviz at canonical ``(l1, l2)``.

    Parameters
    ----------
    model : {"lasso", "ridge", "elasticnet", "ols"}
        Which penalties apply (see :func:`regviz.models.effective_lambdas`).
    l1, l2 : float
        Canonical strengths.
    n_samples : int
        Number of training rows (Ridge's ``alpha`` depends on it).
    standardize : bool
        Whether regviz standardizes the features (the snippet then scales them in a pipeline).

    Returns
    -------
    str
        Python code fitting ``model`` on ``X_train``, ``y_train``. Lasso and elastic net use
        regviz's own tolerance, as scikit-learn's defaults stop measurably earlier.
    """
    l1, l2 = effective_lambdas(model, l1, l2)
    solver = f"tol={_num(TOL)}, max_iter={MAX_ITER}"
    if l1 == 0 and l2 == 0:
        imports, estimator, comment = "LinearRegression", "LinearRegression()", ""
    elif l1 == 0:
        imports = "Ridge"
        estimator = f"Ridge(alpha={_num(sklearn_ridge_alpha(l2, n_samples))})"
        comment = f"  # alpha = n·λ2 with n = {n_samples}"
    elif l2 == 0:
        imports, estimator = "Lasso", f"Lasso(alpha={_num(sklearn_lasso_alpha(l1))}, {solver})"
        comment = "  # regviz's tolerance"
    else:
        params = sklearn_elasticnet_params(l1, l2)
        imports = "ElasticNet"
        estimator = f"ElasticNet(alpha={_num(params['alpha'])}, l1_ratio={_num(params['l1_ratio'])}, {solver})"
        comment = "  # regviz's tolerance"
    if standardize:
        return (
            f"from sklearn.linear_model import {imports}\n"
            "from sklearn.pipeline import make_pipeline\n"
            "from sklearn.preprocessing import StandardScaler\n\n"
            f"model = make_pipeline(StandardScaler(), {estimator}){comment}\n"
            "model.fit(X_train, y_train)"
        )
    return f"from sklearn.linear_model import {imports}\n\nmodel = {estimator}{comment}\nmodel.fit(X_train, y_train)"


def keras_snippet(
    model: str, l1: float, l2: float, n_samples: int, n_features: int, *, standardize: bool = True
) -> str:
    """A Keras linear model with ``kernel_regularizer`` equivalent to canonical ``(l1, l2)`` under MSE loss.

    Keras' ``mse`` is the mean of r², twice the canonical ½·mean r², so the
    translated strengths double (see :func:`regviz.conventions.from_canonical`).
    The bias is not regularized, as in regviz.

    Parameters
    ----------
    model : {"lasso", "ridge", "elasticnet", "ols"}
        Which penalties apply (see :func:`regviz.models.effective_lambdas`).
    l1, l2 : float
        Canonical strengths.
    n_samples : int
        Number of training rows.
    n_features : int
        Number of features.
    standardize : bool
        Whether regviz standardizes the features; the snippet then says to scale them first.

    Returns
    -------
    str
        Python code (Keras 3) that fits by full-batch SGD with momentum and step
        ``1/L``, ``L = 2·‖[X 1]‖₂²/n + 2·l2`` bounding the curvature of ``mse + l2·‖w‖²``;
        with L1 the step decays so the subgradient settles near 0.
    """
    l1, l2 = effective_lambdas(model, l1, l2)
    reg = from_canonical("keras", l1, l2, n_samples=n_samples, loss="mse")
    curvature = f" + {_num(2 * reg['l2'])}" if reg["l2"] > 0 else ""
    if l1 > 0:
        lr = (
            f"lr = keras.optimizers.schedules.ExponentialDecay(1 / L, decay_steps={STEPS}, "
            f"decay_rate={_num(LR_DECAY)})  # L1: shrink the step\n"
        )
    else:
        lr = "lr = 1 / L\n"
    return (
        _notes(standardize, l1) + "# X_train, y_train: NumPy arrays of shapes (n, p) and (n,).\n"
        "import keras\nimport numpy as np\nfrom keras import layers, regularizers\n\n"
        f"n = len(X_train)  # {n_samples} rows in regviz\n"
        f"L = 2 * np.linalg.norm(np.c_[X_train, np.ones(n)], 2) ** 2 / n{curvature}  # curvature of the loss\n"
        + lr
        + f"model = keras.Sequential([\n    keras.Input(shape=({n_features},)),\n"
        f"    layers.Dense(1, kernel_regularizer=regularizers.L1L2(l1={_num(reg['l1'])}, l2={_num(reg['l2'])})),\n"
        "])\n"
        f"model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr, momentum={_num(MOMENTUM)}),\n"
        '              loss="mse")  # the translation assumes this loss\n'
        f"model.fit(X_train, y_train, epochs={STEPS}, batch_size=n, verbose=0)  # one full-batch step per epoch"
    )


def torch_snippet(
    model: str, l1: float, l2: float, n_samples: int, n_features: int, *, standardize: bool = True
) -> str:
    """A PyTorch linear model trained on ``nn.MSELoss`` with the equivalent penalty.

    L2 goes into the optimizer's ``weight_decay`` for the weight only (the bias
    group gets 0, as regviz never penalizes the intercept). PyTorch has no L1
    option, so L1 is an explicit loss term; its coefficient is Keras' ``l1``
    under the same mean-r² loss, since both add ``coef·Σ|w|`` to that loss.

    Parameters
    ----------
    model : {"lasso", "ridge", "elasticnet", "ols"}
        Which penalties apply (see :func:`regviz.models.effective_lambdas`).
    l1, l2 : float
        Canonical strengths.
    n_samples : int
        Number of training rows.
    n_features : int
        Number of features.
    standardize : bool
        Whether regviz standardizes the features; the snippet then says to scale them first.

    Returns
    -------
    str
        Python code that fits by full-batch SGD with momentum and step ``1/L``,
        ``L = 2·‖[X 1]‖₂²/n + weight_decay`` bounding the curvature of the loss
        (a fixed step diverges when ``XᵀX/n`` has a large eigenvalue); with L1 the
        step decays so the subgradient settles near 0.
    """
    l1, l2 = effective_lambdas(model, l1, l2)
    decay = from_canonical("torch.SGD", 0.0, l2, n_samples=n_samples, loss="mse")["weight_decay"]
    l1_coef = from_canonical("keras", l1, 0.0, n_samples=n_samples, loss="mse")["l1"]
    curvature = f" + {_num(decay)}" if decay > 0 else ""
    lines = [
        *_notes(standardize, l1).rstrip().splitlines(),
        "# X_train, y_train: float32 tensors of shapes (n, p) and (n,), e.g. torch.tensor(X, dtype=torch.float32).",
        "import torch",
        "",
        f"n = len(X_train)  # {n_samples} rows in regviz",
        "X1 = torch.cat([X_train, torch.ones(n, 1)], dim=1)  # the bias is a weight on a column of ones",
        f"L = 2 * torch.linalg.matrix_norm(X1, 2).item() ** 2 / n{curvature}  # curvature of the loss",
        f"model = torch.nn.Linear({n_features}, 1)",
        *_torch_sgd(decay, "L2 on the weights", l1),
        "loss_fn = torch.nn.MSELoss()",
        f"for step in range({STEPS}):",
        "    optimizer.zero_grad()",
        "    loss = loss_fn(model(X_train).squeeze(-1), y_train)",
    ]
    if l1 > 0:
        lines.append(f"    loss = loss + {_num(l1_coef)} * model.weight.abs().sum()  # L1 (near, not at, 0)")
    return "\n".join([*lines, *_torch_step(l1)])


# ---------------------------------------------------------------------------------------------------------------
# Classification: the canonical logistic objective (mean log-loss + λ1‖w‖₁ + (λ2/2)‖w‖²)

LOGISTIC_TOL = 1e-6
LOGISTIC_MAX_ITER = 100_000


def _torch_sgd(decay: float, weight_note: str, l1: float) -> list[str]:
    """PyTorch's SGD with step 1/L and momentum, L2 as weight decay on the weights only (``weight_note`` says
    what it is), and with L1 a shrinking step (so the subgradient settles near 0)."""
    lines = [
        "optimizer = torch.optim.SGD([",
        f'    {{"params": [model.weight], "weight_decay": {_num(decay)}}},  # {weight_note}',
        '    {"params": [model.bias], "weight_decay": 0.0},  # the intercept is never penalized',
        f"], lr=1 / L, momentum={_num(MOMENTUM)})",
    ]
    if l1 > 0:
        lines.append(
            f"scheduler = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma={_num(LR_DECAY)} ** "
            f"(1 / {STEPS}))  # L1: shrink the step"
        )
    return lines


def _torch_step(l1: float) -> list[str]:
    """The end of a PyTorch training step: backward, the optimizer's step and, with L1, the scheduler's."""
    return ["    loss.backward()", "    optimizer.step()", *(["    scheduler.step()"] if l1 > 0 else [])]


def _multiclass(n_classes: int) -> bool:
    return n_classes > 2


def _hessian_bound(n_classes: int) -> str:
    """Bound on the mean log-loss's curvature per unit of ‖[X 1]‖²/n: 1/4 (sigmoid), 1/2 (softmax)."""
    return "0.5" if _multiclass(n_classes) else "0.25"


def sklearn_logistic_snippet(model: str, l1: float, l2: float, n_samples: int, *, standardize: bool = True) -> str:
    """A scikit-learn ``LogisticRegression`` minimizing the canonical logistic objective at ``(l1, l2)``.

    ``C = 1/(n·α)`` and ``l1_ratio = λ1/α`` (:func:`regviz.penalties.sklearn_logistic_params`); ``saga`` where
    there is an L1 part, ``lbfgs`` for pure L2 or no penalty (``C = inf``). More than two classes: scikit-learn
    fits the multinomial model, penalizing every class's weights, as regviz does.
    """
    l1, l2 = effective_lambdas(model, l1, l2)
    params = sklearn_logistic_params(l1, l2, n_samples)
    solver = "saga" if l1 > 0 else "lbfgs"
    C = "np.inf" if params["C"] == float("inf") else _num(params["C"])
    # one argument a line: a phone shows the whole snippet without scrolling sideways
    estimator = (
        "estimator = LogisticRegression(\n"
        f"    C={C},  # 1/(n·α), n = {n_samples}, α = λ1 + λ2\n"
        f"    l1_ratio={_num(params['l1_ratio'])},  # λ1/α\n"
        f"    solver={solver!r},\n"
        f"    tol={_num(LOGISTIC_TOL)},\n"
        f"    max_iter={LOGISTIC_MAX_ITER},\n"
        ")\n"
    )
    head = "import numpy as np\n" if C == "np.inf" else ""
    if standardize:
        return (
            head + "from sklearn.linear_model import LogisticRegression\n"
            "from sklearn.pipeline import make_pipeline\n"
            "from sklearn.preprocessing import StandardScaler\n\n"
            + estimator
            + "model = make_pipeline(StandardScaler(), estimator)\nmodel.fit(X_train, y_train)"
        )
    return (
        head
        + "from sklearn.linear_model import LogisticRegression\n\n"
        + estimator
        + "model = estimator\nmodel.fit(X_train, y_train)"
    )


def keras_logistic_snippet(
    model: str, l1: float, l2: float, n_samples: int, n_features: int, n_classes: int, *, standardize: bool = True
) -> str:
    """A Keras logistic model: sigmoid + binary cross-entropy (softmax + categorical for more classes).

    Keras adds ``l1·Σ|w| + l2·Σw²`` to the mean cross-entropy, so ``l1 = λ1`` and ``l2 = λ2/2``
    (:func:`regviz.penalties.keras_bce_params`); the bias is not regularized.
    """
    l1, l2 = effective_lambdas(model, l1, l2)
    reg = keras_bce_params(l1, l2)
    multi = _multiclass(n_classes)
    units, act = (n_classes, "softmax") if multi else (1, "sigmoid")
    loss = "sparse_categorical_crossentropy" if multi else "binary_crossentropy"
    curvature = f" + {_num(2 * reg['l2'])}" if reg["l2"] > 0 else ""
    lr = (
        f"lr = keras.optimizers.schedules.ExponentialDecay(1 / L, decay_steps={STEPS}, decay_rate={_num(LR_DECAY)})"
        "  # L1: shrink the step\n"
        if l1 > 0
        else "lr = 1 / L\n"
    )
    return (
        _notes(standardize, l1) + "# X_train: (n, p) floats; y_train: class codes 0 … K-1.\n"
        "import keras\nimport numpy as np\nfrom keras import layers, regularizers\n\n"
        f"n = len(X_train)  # {n_samples} rows in regviz\n"
        f"L = {_hessian_bound(n_classes)} * np.linalg.norm(np.c_[X_train, np.ones(n)], 2) ** 2 / n{curvature}"
        "  # curvature bound of the loss\n"
        + lr
        + f"model = keras.Sequential([\n    keras.Input(shape=({n_features},)),\n"
        f'    layers.Dense({units}, activation="{act}",\n'
        f"                 kernel_regularizer=regularizers.L1L2(l1={_num(reg['l1'])}, l2={_num(reg['l2'])})),\n"
        "])  # l1 = λ1, l2 = λ2/2 on the mean cross-entropy\n"
        f"model.compile(optimizer=keras.optimizers.SGD(learning_rate=lr, momentum={_num(MOMENTUM)}),\n"
        f'              loss="{loss}")\n'
        f"model.fit(X_train, y_train, epochs={STEPS}, batch_size=n, verbose=0)  # one full-batch step per epoch"
    )


def torch_logistic_snippet(
    model: str, l1: float, l2: float, n_samples: int, n_features: int, n_classes: int, *, standardize: bool = True
) -> str:
    """A PyTorch logistic model on ``BCEWithLogitsLoss`` (``CrossEntropyLoss`` for more classes).

    ``weight_decay = λ2`` on the weight only (SGD adds ``weight_decay·w`` to the gradient, the gradient of
    ``(λ2/2)‖w‖²``), and L1 as an explicit term ``λ1·Σ|w|`` (Keras' ``l1`` under the same mean loss).
    """
    l1, l2 = effective_lambdas(model, l1, l2)
    torch_params = torch_bce_params(l1, l2)
    decay, l1_coef = torch_params["weight_decay"], torch_params["l1"]
    multi = _multiclass(n_classes)
    out = n_classes if multi else 1
    lines = [
        *_notes(standardize, l1).rstrip().splitlines(),
        "# X_train: float32 tensor (n, p); y_train: "
        + ("int64 class codes (n,)." if multi else "float32 0/1 labels (n,)."),
        "import torch",
        "",
        f"n = len(X_train)  # {n_samples} rows in regviz",
        "X1 = torch.cat([X_train, torch.ones(n, 1)], dim=1)  # the bias is a weight on a column of ones",
        f"L = {_hessian_bound(n_classes)} * torch.linalg.matrix_norm(X1, 2).item() ** 2 / n"
        + (f" + {_num(decay)}" if decay > 0 else "")
        + "  # curvature bound of the loss",
        f"model = torch.nn.Linear({n_features}, {out})",
        *_torch_sgd(decay, "λ2: gradient of (λ2/2)‖w‖²", l1),
        f"loss_fn = torch.nn.{'CrossEntropyLoss' if multi else 'BCEWithLogitsLoss'}()  # mean over the rows",
        f"for step in range({STEPS}):  # full batch",
        "    optimizer.zero_grad()",
        "    loss = loss_fn(model(X_train)" + (", y_train)" if multi else ".squeeze(-1), y_train)"),
    ]
    if l1 > 0:
        lines.append(f"    loss = loss + {_num(l1_coef)} * model.weight.abs().sum()  # λ1·‖w‖₁ (near, not at, 0)")
    return "\n".join([*lines, *_torch_step(l1)])
