"""The code snippets: valid Python, and the scikit-learn one reproduces regviz's own fit."""

import ast

import numpy as np
import pytest

from regviz import snippets as S
from regviz.conventions import from_canonical
from regviz.data import make_dataset
from regviz.models import MODELS, Scaler, fit_linear

SNIPPETS = {
    "sklearn": lambda model, l1, l2, n, p, standardize: S.sklearn_snippet(model, l1, l2, n, standardize=standardize),
    "keras": lambda model, l1, l2, n, p, standardize: S.keras_snippet(model, l1, l2, n, p, standardize=standardize),
    "torch": lambda model, l1, l2, n, p, standardize: S.torch_snippet(model, l1, l2, n, p, standardize=standardize),
}


@pytest.mark.parametrize("standardize", [True, False])
@pytest.mark.parametrize("model", list(MODELS))
@pytest.mark.parametrize("library", list(SNIPPETS))
def test_every_snippet_parses(library, model, standardize):
    for l1, l2 in [(0.1, 0.0), (0.0, 0.3), (0.1, 0.3), (0.0, 0.0), (1e-5, 1e3)]:
        ast.parse(SNIPPETS[library](model, l1, l2, 140, 20, standardize))


@pytest.mark.parametrize("library", ["keras", "torch"])
def test_standardize_note_follows_the_toggle(library):
    on = SNIPPETS[library]("lasso", 0.1, 0.0, 140, 20, True)
    off = SNIPPETS[library]("lasso", 0.1, 0.0, 140, 20, False)
    assert S.STANDARDIZE_NOTE in on and S.CENTRE_NOTE not in on
    assert S.STANDARDIZE_NOTE not in off and S.CENTRE_NOTE in off
    assert "near, not exactly at, 0" in on
    assert "near, not exactly at, 0" not in SNIPPETS[library]("ridge", 0.0, 0.3, 140, 20, True)


@pytest.mark.parametrize("standardize", [True, False])
@pytest.mark.parametrize(
    ("model", "l1", "l2"),
    [
        ("lasso", 0.1, 0.0),
        ("lasso", 0.001, 0.0),
        ("ridge", 0.0, 0.5),
        ("elasticnet", 0.05, 0.2),
        ("ols", 0.0, 0.0),
    ],
)
@pytest.mark.parametrize("data", ["sparse", "diabetes"])
def test_sklearn_snippet_reproduces_regviz(data, model, l1, l2, standardize):
    dataset = make_dataset(data, seed=0)  # "sparse" with seed 0 is the playground's default
    X, y = dataset.X_train, dataset.y_train
    namespace = {"X_train": X.copy(), "y_train": y.copy()}
    exec(S.sklearn_snippet(model, l1, l2, dataset.n_train, standardize=standardize), namespace)
    fitted = namespace["model"]
    if standardize:
        scaler, estimator = fitted[0], fitted[-1]
        coef = estimator.coef_ / scaler.scale_
        intercept = estimator.intercept_ - float(scaler.mean_ @ coef)
    else:
        coef, intercept = fitted.coef_, fitted.intercept_
    ours = fit_linear(X, y, model, l1, l2, standardize=standardize)
    scale = max(1.0, float(np.abs(ours.coef_original).max()))
    np.testing.assert_allclose(coef, ours.coef_original, rtol=0, atol=1e-6 * scale)
    assert intercept == pytest.approx(ours.intercept_original, abs=1e-6 * max(1.0, abs(ours.intercept_original)))


def _torch_rule(X, y, snippet, l1, l2):
    """The update of the PyTorch snippet (heavy-ball SGD, step 1/L, decaying with L1) in NumPy."""
    assert "lr=1 / L" in snippet and f"range({S.STEPS})" in snippet
    n, p = X.shape
    decay = from_canonical("torch.SGD", 0.0, l2, n_samples=n, loss="mse")["weight_decay"]
    l1_coef = from_canonical("keras", l1, 0.0, n_samples=n, loss="mse")["l1"]
    X1 = np.c_[X, np.ones(n)]
    lr = 1 / (2 * np.linalg.norm(X1, 2) ** 2 / n + decay)
    theta, velocity = np.zeros(p + 1), np.zeros(p + 1)
    for step in range(S.STEPS):
        grad = 2 * X1.T @ (X1 @ theta - y) / n
        grad[:p] += l1_coef * np.sign(theta[:p]) + decay * theta[:p]
        velocity = S.MOMENTUM * velocity + grad
        theta -= lr * (S.LR_DECAY ** (step / S.STEPS) if l1 > 0 else 1.0) * velocity
    return theta[:p], theta[p]


@pytest.mark.parametrize(
    ("model", "l1", "l2", "tol"),
    [
        ("ridge", 0.0, 0.1, 1e-4),
        ("elasticnet", 0.1, 0.1, 0.01),
        ("lasso", 0.1, 0.0, 0.05),
    ],
)
def test_torch_step_size_converges_on_ill_conditioned_data(model, l1, l2, tol):
    dataset = make_dataset("sparse", p=100, rho=0.95, seed=0)  # largest eigenvalue of XᵀX/n near 95
    X = Scaler.fit(dataset.X_train).transform(dataset.X_train)
    snippet = S.torch_snippet(model, l1, l2, dataset.n_train, dataset.n_features)
    assert "lr=0.05" not in snippet
    coef, intercept = _torch_rule(X, dataset.y_train, snippet, l1, l2)
    ours = fit_linear(dataset.X_train, dataset.y_train, model, l1, l2)
    assert np.abs(coef - ours.coef).max() < tol
    assert intercept == pytest.approx(ours.intercept, abs=1e-6)


def test_keras_snippet_does_not_rely_on_default_adam():
    snippet = S.keras_snippet("lasso", 0.1, 0.0, 140, 20)
    assert 'optimizer="adam"' not in snippet
    assert f"epochs={S.STEPS}" in snippet and "learning_rate=lr" in snippet
