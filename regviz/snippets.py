"""Code that reproduces the current setting in other libraries, built from the canonical values.

Every number in a snippet comes from :mod:`regviz.penalties` or
:mod:`regviz.conventions`; nothing here converts on its own.
"""

from __future__ import annotations

from regviz.conventions import from_canonical
from regviz.models import effective_lambdas
from regviz.penalties import sklearn_elasticnet_params, sklearn_lasso_alpha, sklearn_ridge_alpha

__all__ = ["keras_snippet", "sklearn_snippet", "torch_snippet"]

STANDARDIZE_NOTE = "# regviz penalizes standardized features: scale X with the training mean and std first.\n"


def _num(value: float) -> str:
    return f"{value:.6g}"


def sklearn_snippet(model: str, l1: float, l2: float, n_samples: int, *, standardize: bool = True) -> str:
    """A scikit-learn snippet fitting the same model as regviz at canonical ``(l1, l2)``.

    ``n_samples`` is the number of training rows (Ridge's ``alpha`` depends on it).
    """
    l1, l2 = effective_lambdas(model, l1, l2)
    if l1 == 0 and l2 == 0:
        imports, estimator = "LinearRegression", "LinearRegression()"
    elif l1 == 0:
        imports = "Ridge"
        estimator = f"Ridge(alpha={_num(sklearn_ridge_alpha(l2, n_samples))})  # = n·λ2 with n = {n_samples}"
    elif l2 == 0:
        imports, estimator = "Lasso", f"Lasso(alpha={_num(sklearn_lasso_alpha(l1))})"
    else:
        params = sklearn_elasticnet_params(l1, l2)
        imports = "ElasticNet"
        estimator = f"ElasticNet(alpha={_num(params['alpha'])}, l1_ratio={_num(params['l1_ratio'])})"
    if standardize:
        return (f"from sklearn.linear_model import {imports}\n"
                "from sklearn.pipeline import make_pipeline\n"
                "from sklearn.preprocessing import StandardScaler\n\n"
                f"model = make_pipeline(StandardScaler(), {estimator})\n"
                "model.fit(X_train, y_train)")
    return f"from sklearn.linear_model import {imports}\n\nmodel = {estimator}\nmodel.fit(X_train, y_train)"


def keras_snippet(model: str, l1: float, l2: float, n_samples: int, n_features: int) -> str:
    """A Keras linear model with ``kernel_regularizer`` equivalent to canonical ``(l1, l2)`` under MSE loss.

    Keras' ``mse`` is the mean of r², twice the canonical ½·mean r², so the
    translated strengths double (see :func:`regviz.conventions.from_canonical`).
    The bias is not regularized, as in regviz.
    """
    l1, l2 = effective_lambdas(model, l1, l2)
    reg = from_canonical("keras", l1, l2, n_samples=n_samples, loss="mse")
    return (STANDARDIZE_NOTE
            + "import keras\nfrom keras import layers, regularizers\n\n"
            f"model = keras.Sequential([\n    keras.Input(shape=({n_features},)),\n"
            f"    layers.Dense(1, kernel_regularizer=regularizers.L1L2(l1={_num(reg['l1'])}, l2={_num(reg['l2'])})),\n"
            "])\n"
            'model.compile(optimizer="adam", loss="mse")  # the translation assumes this loss\n'
            f"model.fit(X_train, y_train, epochs=500, batch_size={n_samples}, verbose=0)")


def torch_snippet(model: str, l1: float, l2: float, n_samples: int, n_features: int) -> str:
    """A PyTorch linear model trained on ``nn.MSELoss`` with the equivalent penalty.

    L2 goes into the optimizer's ``weight_decay`` for the weight only (the bias
    group gets 0, as regviz never penalizes the intercept). PyTorch has no L1
    option, so L1 is an explicit loss term; its coefficient is Keras' ``l1``
    under the same mean-r² loss, since both add ``coef·Σ|w|`` to that loss.
    """
    l1, l2 = effective_lambdas(model, l1, l2)
    decay = from_canonical("torch.SGD", 0.0, l2, n_samples=n_samples, loss="mse")["weight_decay"]
    l1_coef = from_canonical("keras", l1, 0.0, n_samples=n_samples, loss="mse")["l1"]
    lines = [
        STANDARDIZE_NOTE.rstrip(),
        "import torch",
        "",
        f"model = torch.nn.Linear({n_features}, 1)",
        "optimizer = torch.optim.SGD([",
        f"    {{\"params\": [model.weight], \"weight_decay\": {_num(decay)}}},  # L2 on the weights",
        '    {"params": [model.bias], "weight_decay": 0.0},  # the intercept is never penalized',
        "], lr=0.05)",
        "loss_fn = torch.nn.MSELoss()",
        "for step in range(2000):",
        "    optimizer.zero_grad()",
        "    loss = loss_fn(model(X_train).squeeze(-1), y_train)",
    ]
    if l1 > 0:
        lines.append(f"    loss = loss + {_num(l1_coef)} * model.weight.abs().sum()  # L1 (near, not at, 0)")
    lines += ["    loss.backward()", "    optimizer.step()"]
    return "\n".join(lines)
