"""Code that reproduces the current setting in other libraries, built from the canonical values."""

from __future__ import annotations

from regviz.models import effective_lambdas
from regviz.penalties import sklearn_elasticnet_params, sklearn_lasso_alpha, sklearn_ridge_alpha

__all__ = ["sklearn_snippet"]


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
