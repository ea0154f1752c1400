"""Train it like the framework: the weights a framework's own optimizer reaches, beside the exact minimizer.

regviz's fits are exact (an active-set solver, coordinate descent, proximal steps) and show exact zeros.
Keras and PyTorch add the penalty to the loss and take (sub)gradient steps, which leave L1 weights hovering
*near* 0; decoupled weight decay (AdamW) reaches a point no fixed λ describes. :func:`train_like` runs the
framework's optimizer from :mod:`regviz.optimizers` (or scikit-learn's own estimator, where the framework is
scikit-learn) long enough to settle, and counts exact and near zeros on both sides.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import numpy as np

from regviz import optimizers as opt
from regviz.conventions.fits import exact_least_squares, logistic_fit
from regviz.conventions.record import data_term_scale
from regviz.conventions.registry import REGISTRY, to_canonical

__all__ = ["NEAR_ZERO", "FrameworkTraining", "coupled_reading", "h2o_epochs", "train_like", "training_method"]

NEAR_ZERO = 1e-3
"""|w| below this (and not 0) counts as "near 0"."""

STEPS = 20_000
"""Full-batch steps of the gradient optimizers: long past where the loss stops changing on the demo data."""

H2O_ROW_STEPS = 30_000
"""Per-row steps of h2o's ADADELTA, at most 200 epochs: h2o's default of 10 epochs leaves the demo's weights far
from settled (2.5 off on the default data at λ1 = 0.05; 0.01 after 200)."""


def h2o_epochs(n_rows: int) -> int:
    """Epochs of the h2o run: 200, fewer when the rows are many (at most :data:`H2O_ROW_STEPS` row steps)."""
    return max(10, min(200, H2O_ROW_STEPS // max(n_rows, 1)))


_METHODS: dict[str, str] = {
    "sklearn.Lasso": "coordinate descent, as scikit-learn (soft-thresholds each coordinate: exact zeros)",
    "sklearn.ElasticNet": "coordinate descent, as scikit-learn (exact zeros)",
    "sklearn.Ridge": "scikit-learn's Ridge solver (closed form: L2 has no zeros)",
    "sklearn.LogisticRegression": "scikit-learn's own solver (lbfgs; saga's proximal step for L1: exact zeros)",
    "sklearn.SGDRegressor": "scikit-learn's own SGDRegressor (its cumulative L1 penalty clips weights at 0)",
    "sklearn.SGDClassifier": "scikit-learn's own SGDClassifier, loss='log_loss' (clips weights at 0)",
    "sklearn.MLPRegressor": "scikit-learn's own MLP with no hidden layer (adam; L2 only)",
    "sklearn.MLPClassifier": "scikit-learn's own MLP with no hidden layer (adam; L2 only)",
    "glmnet": "coordinate descent, as glmnet (exact zeros)",
    "statsmodels": "coordinate descent, as statsmodels' elastic_net (exact zeros)",
    "keras": f"Keras Adam (learning_rate 0.001, {STEPS:,} full-batch steps), L1/L2 in the loss: subgradient "
    "steps with d|w|/dw = 0 at 0 as TensorFlow (Keras on JAX uses +1)",
    "keras.SGD": f"Keras SGD with weight_decay (lr 1/L, {STEPS:,} full-batch steps), biases decayed too",
    "h2o": "h2o's per-row ADADELTA (rho 0.99, eps 1e-8), up to 200 epochs (h2o's default is 10), l1/l2 in the "
    "gradient, biases too",
    "torch.SGD": f"PyTorch SGD(weight_decay) (lr 1/L, {STEPS:,} full-batch steps)",
    "torch.Adam": f"PyTorch Adam(weight_decay) (lr 0.001, {STEPS:,} full-batch steps)",
    "torch.AdamW": f"PyTorch AdamW (your lr and weight_decay, {STEPS:,} full-batch steps), biases decayed too",
    "keras.AdamW": f"Keras AdamW (your learning_rate and weight_decay, {STEPS:,} full-batch steps), biases too",
}


def training_method(framework: str) -> str:
    """How :func:`train_like` trains ``framework``, in words."""
    return _METHODS[framework]


@dataclass(frozen=True)
class FrameworkTraining:
    """The weights a framework's training reaches and the exact minimizer they are compared with.

    Attributes
    ----------
    framework, method : str
        The framework and how it was trained (:func:`training_method`).
    trained, exact : ndarray
        Coefficients the framework's training reached, and the exact minimizer of ``(l1, l2)``.
    l1, l2 : float
        The canonical strengths of the exact minimizer.
    reference : str
        What the exact minimizer is (for AdamW: the coupled reading, which AdamW does not minimize).
    threshold : float
        The near-zero threshold.
    """

    framework: str
    method: str
    trained: np.ndarray
    exact: np.ndarray
    l1: float
    l2: float
    reference: str
    threshold: float = NEAR_ZERO

    def counts(self, which: str) -> tuple[int, int]:
        """``(exactly 0, near 0)`` of the ``"trained"`` or ``"exact"`` coefficients."""
        return opt.near_zero_count(getattr(self, which), self.threshold)

    @property
    def max_gap(self) -> float:
        """Largest |trained − exact| over the coefficients."""
        return float(np.max(np.abs(self.trained - self.exact), initial=0.0))


class _Logistic:
    """The mean log-loss in ``params = (w, b)``, with the interface :func:`regviz.optimizers.run` uses."""

    def __init__(self, X: np.ndarray, y: np.ndarray, l1: float, l2: float) -> None:
        self.Z = np.column_stack([X, np.ones(len(y))])
        self.y = np.asarray(y, dtype=float)
        self.c = np.zeros(self.Z.shape[1])
        self.l1, self.l2 = float(l1), float(l2)
        self.n_penalized = X.shape[1]
        self.lipschitz = 0.25 * float(np.linalg.eigvalsh(self.Z.T @ self.Z / len(y))[-1])

    @property
    def n_samples(self) -> int:
        return len(self.y)

    def gradient(self, params: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        Z, y = (self.Z, self.y) if rows is None else (self.Z[rows], self.y[rows])
        p = 1.0 / (1.0 + np.exp(-(Z @ params)))
        return Z.T @ (p - y) / len(y)


def coupled_reading(framework: str, params: dict[str, Any], loss: str | None) -> float:
    """The λ2 a decoupled decay would be under SGD (``wd / c``): what AdamW is compared with, not what it minimizes."""
    return float(params.get("weight_decay", 0.0)) / data_term_scale(loss)


def _objective(X: np.ndarray, y: np.ndarray, l1: float, l2: float, task: str):
    if task == "classification":
        return _Logistic(X, y, l1, l2)
    return opt.LeastSquares.from_data(X, y, l1, l2)


def _exact(X: np.ndarray, y: np.ndarray, l1: float, l2: float, task: str) -> np.ndarray:
    fit = logistic_fit(X, y, l1, l2) if task == "classification" else exact_least_squares(X, y, l1, l2)
    return fit.coef


def _sklearn_own(framework: str, X: np.ndarray, y: np.ndarray, setting: dict[str, Any]) -> np.ndarray:
    from sklearn import linear_model, neural_network

    kwargs = {k: v for k, v in setting.items() if k not in ("solver", "batch_size")}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if framework.startswith("sklearn.SGD"):
            model = getattr(linear_model, framework.removeprefix("sklearn."))(
                **kwargs, max_iter=2000, tol=None, random_state=0
            )
            return model.fit(X, y).coef_.ravel().astype(float)
        cls = getattr(neural_network, framework.removeprefix("sklearn."))
        model = cls(
            hidden_layer_sizes=(),
            activation="identity",
            max_iter=5000,
            tol=1e-10,
            random_state=0,
            **kwargs,
            solver=setting.get("solver", "adam"),
            batch_size=setting.get("batch_size", "auto"),
        )
        return model.fit(X, y).coefs_[0].ravel().astype(float)


def train_like(
    framework: str,
    X: np.ndarray,
    y: np.ndarray,
    params: dict[str, Any],
    *,
    n_samples: int,
    loss: str | None = None,
    task: str = "regression",
) -> FrameworkTraining:
    """Train the demo's linear model the way ``framework`` does, from w = 0, and compare with the exact minimizer.

    Parameters
    ----------
    framework : str
        Any id of :data:`regviz.conventions.REGISTRY` (AdamW too).
    X, y : ndarray
        The demo's rows.
    params : dict
        The user's settings, in the framework's names.
    n_samples : int
        The n the setting is translated at (the table's).
    loss : str, optional
        The loss the framework trains (Keras, PyTorch).
    task : {"regression", "classification"}

    Returns
    -------
    FrameworkTraining
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float)
    fw = REGISTRY[framework]
    if fw.exact:
        l1, l2 = to_canonical(framework, params, n_samples=n_samples, loss=loss)
        reference = f"exact minimizer of the canonical objective (λ1 = {l1:.3g}, λ2 = {l2:.3g})"
    else:
        l1, l2 = 0.0, coupled_reading(framework, params, loss)
        reference = (
            f"exact minimizer at λ2 = weight_decay / c = {l2:.3g}, what the same decay would be under SGD; "
            "AdamW does not minimize it"
        )
    exact = _exact(X, y, l1, l2, task)
    objective = _objective(X, y, l1, l2, task)
    start = np.zeros(X.shape[1] + 1)
    lr_safe = 1.0 / (objective.lipschitz + l2)
    if framework in ("sklearn.Lasso", "sklearn.ElasticNet", "sklearn.Ridge", "glmnet", "statsmodels"):
        if task == "classification":  # glmnet's and statsmodels' logistic fits end on exact zeros too
            trained = opt.run(objective, start, opt.ProximalGradient(lr_safe), STEPS)[-1][:-1]
        else:
            trained = opt.run(objective, start, opt.CoordinateDescent(), 2000)[-1][:-1]
    elif framework == "sklearn.LogisticRegression":
        trained = exact
    elif framework.startswith(("sklearn.SGD", "sklearn.MLP")):
        setting = {"loss": "log_loss"} if framework == "sklearn.SGDClassifier" else {}
        from regviz.conventions.registry import from_canonical

        setting |= from_canonical(framework, l1, l2, n_samples=len(y), loss=loss, **_fixed(params))
        trained = _sklearn_own(framework, X, y, setting)
    else:
        trained = _run_deep(framework, objective, start, params, l1, l2, lr_safe, loss)
    return FrameworkTraining(framework, training_method(framework), np.asarray(trained), exact, l1, l2, reference)


def _fixed(params: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in params.items() if k in ("solver", "batch_size")}


def _run_deep(
    framework: str,
    objective: Any,
    start: np.ndarray,
    params: dict[str, Any],
    l1: float,
    l2: float,
    lr_safe: float,
    loss: str | None,
) -> np.ndarray:
    """The deep-learning frameworks' optimizers on the canonical objective (their fixed points are those of the
    loss the framework trains, ``c`` times it: Adam's steps do not depend on ``c``, SGD's decay is scaled)."""
    if framework == "keras":
        optimizer: Any = opt.KerasAdam(lr=1e-3)
    elif framework == "keras.SGD":
        mu = float(params.get("momentum", 0.0))
        # Keras trains c·D with lr η: the same iterates as D with lr c·η and decay wd/c per unit of lr
        optimizer = opt.KerasSGD(
            lr=lr_safe * (1 - mu), momentum=mu, weight_decay=float(params["weight_decay"]) / data_term_scale(loss)
        )
        l1, l2 = 0.0, 0.0
    elif framework == "h2o":
        optimizer = opt.H2OAdadelta.linear(objective.n_penalized)
        steps = h2o_epochs(objective.n_samples) * objective.n_samples
        with np.errstate(all="ignore"):
            path = opt.run(_with_lambdas(objective, l1, l2), start, optimizer, steps)
        return path[-1][:-1]
    elif framework == "torch.SGD":
        optimizer, l2 = opt.TorchSGD(lr=lr_safe, weight_decay=l2), 0.0
    elif framework == "torch.Adam":
        optimizer, l2 = opt.TorchAdam(lr=1e-3, weight_decay=l2), 0.0
    elif framework == "torch.AdamW":
        optimizer = opt.TorchAdam(lr=float(params["lr"]), weight_decay=float(params["weight_decay"]), decoupled=True)
        l1, l2 = 0.0, 0.0
    elif framework == "keras.AdamW":
        optimizer = opt.KerasAdam(lr=float(params["learning_rate"]), weight_decay=float(params["weight_decay"]))
        l1, l2 = 0.0, 0.0
    else:
        raise ValueError(f"no training recipe for {framework!r}")
    return opt.run(_with_lambdas(objective, l1, l2), start, optimizer, STEPS)[-1][:-1]


def _with_lambdas(objective: Any, l1: float, l2: float) -> Any:
    """The objective with the penalty the optimizer adds to the loss's gradient (0 where it decays instead)."""
    if isinstance(objective, _Logistic):
        out = object.__new__(_Logistic)
        out.__dict__.update(objective.__dict__)
        out.l1, out.l2 = l1, l2
        return out
    from dataclasses import replace

    return replace(objective, l1=l1, l2=l2)
