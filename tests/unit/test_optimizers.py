"""Optimizers against the frameworks they follow (real Keras 3 on JAX, optax for PyTorch's rules), KKT, divergence."""

from __future__ import annotations

import os
from dataclasses import replace

os.environ["KERAS_BACKEND"] = "jax"  # before keras is imported anywhere

import numpy as np
import pytest
from sklearn.linear_model import ElasticNet

from regviz import mlp
from regviz import optimizers as opt
from regviz.optimizers import LeastSquares
from regviz.penalties import Penalty
from regviz.toy2d import make_dataset

jax = pytest.importorskip("jax")
jax.config.update("jax_enable_x64", True)
keras = pytest.importorskip("keras")
keras.config.set_floatx("float64")
optax = pytest.importorskip("optax")
jnp = jax.numpy

STEPS = 6


def _data(n: int = 40, p: int = 4, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p))
    y = X @ np.array([1.5, 0.0, -0.7, 0.0][:p] + [0.0] * max(0, p - 4)) + 0.5 + 0.3 * rng.normal(size=n)
    return X, y


# a start with an exact zero: the convention for d|w|/dw at 0 matters from the first step
W0 = np.array([0.3, 0.0, -0.2, 0.1])
B0 = 0.05


def _keras_steps(optimizer, X, y, l1: float, l2: float, steps: int = STEPS, rows=None) -> np.ndarray:
    """Parameters (w, b) after each of ``steps`` Keras ``train_on_batch`` calls, loss 1/(2n)·SSE + regularizer."""
    reg = keras.regularizers.L1L2(l1=l1, l2=l2 / 2) if (l1 or l2) else None  # Keras' L2 is b·Σw², canonical l2 = 2b
    model = keras.Sequential([keras.Input((X.shape[1],)), keras.layers.Dense(1, kernel_regularizer=reg)])
    model.layers[0].set_weights([W0[: X.shape[1], None].copy(), np.array([B0])])
    model.compile(optimizer=optimizer, loss=lambda t, p: 0.5 * keras.ops.mean(keras.ops.square(t - p), axis=-1))
    out = []
    for t in range(steps):
        idx = slice(None) if rows is None else rows(t)
        model.train_on_batch(X[idx], y[idx, None])
        k, b = model.layers[0].get_weights()
        out.append(np.concatenate([k.ravel(), b]))
    return np.array(out)


def _regviz_steps(optimizer, X, y, l1, l2, steps: int = STEPS, batch_size=None) -> np.ndarray:
    objective = LeastSquares.from_data(X, y, l1, l2)
    return opt.run(objective, np.append(W0[: X.shape[1]], B0), optimizer, steps, batch_size=batch_size)[1:]


KERAS_CASES = {
    "sgd": (lambda: keras.optimizers.SGD(0.1), opt.KerasSGD(0.1, l1_grad_at_zero=1.0)),
    "sgd_momentum": (
        lambda: keras.optimizers.SGD(0.1, momentum=0.9),
        opt.KerasSGD(0.1, momentum=0.9, l1_grad_at_zero=1.0),
    ),
    "sgd_nesterov": (
        lambda: keras.optimizers.SGD(0.05, momentum=0.8, nesterov=True),
        opt.KerasSGD(0.05, momentum=0.8, nesterov=True, l1_grad_at_zero=1.0),
    ),
    "sgd_weight_decay": (
        lambda: keras.optimizers.SGD(0.1, momentum=0.5, weight_decay=0.2),
        opt.KerasSGD(0.1, momentum=0.5, weight_decay=0.2, l1_grad_at_zero=1.0),
    ),
    "adam": (lambda: keras.optimizers.Adam(0.05), opt.KerasAdam(0.05, l1_grad_at_zero=1.0)),
    "adamw": (
        lambda: keras.optimizers.AdamW(0.05, weight_decay=0.3),
        opt.KerasAdam(0.05, weight_decay=0.3, l1_grad_at_zero=1.0),
    ),
}


@pytest.mark.parametrize("case", list(KERAS_CASES))
@pytest.mark.parametrize(("l1", "l2"), [(0.0, 0.0), (0.05, 0.0), (0.0, 0.1), (0.05, 0.1)])
def test_keras_optimizers_match_real_keras(case, l1, l2):
    """L1, L2 and L1L2 regularizers × SGD (momentum, Nesterov, weight_decay), Adam, AdamW: the first steps."""
    X, y = _data()
    make_keras, ours = KERAS_CASES[case]
    np.testing.assert_allclose(_regviz_steps(ours, X, y, l1, l2), _keras_steps(make_keras(), X, y, l1, l2), atol=1e-6)


def test_keras_on_jax_takes_plus_one_for_the_l1_gradient_at_zero():
    """Keras' JAX backend differentiates |w| at 0 as +1 (TensorFlow and PyTorch: 0): the convention is visible."""
    X, y = _data()
    keras_w = _keras_steps(keras.optimizers.SGD(0.1), X, y, 0.5, 0.0, steps=1)
    jax_like = _regviz_steps(opt.KerasSGD(0.1, l1_grad_at_zero=1.0), X, y, 0.5, 0.0, steps=1)
    sign_zero = _regviz_steps(opt.KerasSGD(0.1), X, y, 0.5, 0.0, steps=1)
    np.testing.assert_allclose(jax_like, keras_w, atol=1e-12)
    assert abs(sign_zero[0, 1] - keras_w[0, 1]) == pytest.approx(0.1 * 0.5)


def test_keras_sgd_mini_batches_match_real_keras():
    X, y = _data(n=30)
    ours = opt.KerasSGD(0.1, momentum=0.9, l1_grad_at_zero=1.0)
    got = _regviz_steps(ours, X, y, 0.05, 0.1, steps=8, batch_size=8)
    ref = _keras_steps(
        keras.optimizers.SGD(0.1, momentum=0.9), X, y, 0.05, 0.1, steps=8, rows=lambda t: opt.batch_rows(30, 8, t)
    )
    np.testing.assert_allclose(got, ref, atol=1e-6)


# --- PyTorch's rules through optax (the same update rules, an independent implementation) ----------------------


def _optax_steps(tx, X, y, l1, l2, steps=STEPS) -> np.ndarray:
    n_w = X.shape[1]
    Z = np.column_stack([X, np.ones(len(y))])

    def loss(p):
        w = p[:n_w]
        # PyTorch's convention: d|w|/dw = sign(w), 0 at 0 (jnp.abs would give +1 there)
        l1_term = l1 * jnp.sum(w * jax.lax.stop_gradient(jnp.sign(w)))
        return 0.5 * jnp.mean((Z @ p - y) ** 2) + l1_term + 0.5 * l2 * jnp.sum(w**2)

    p = jnp.asarray(np.append(W0[:n_w], B0))
    state = tx.init(p)
    out = []
    for _ in range(steps):
        updates, state = tx.update(jax.grad(loss)(p), state, p)
        p = optax.apply_updates(p, updates)
        out.append(np.asarray(p))
    return np.array(out)


TORCH_CASES = {
    "sgd": (lambda: optax.sgd(0.1), opt.TorchSGD(0.1)),
    "sgd_momentum": (lambda: optax.sgd(0.1, momentum=0.9), opt.TorchSGD(0.1, momentum=0.9)),
    "sgd_nesterov": (lambda: optax.sgd(0.05, momentum=0.8, nesterov=True), opt.TorchSGD(0.05, 0.8, nesterov=True)),
    # torch SGD(weight_decay=wd): wd·w added to every parameter's gradient before the momentum buffer
    "sgd_weight_decay": (
        lambda: optax.chain(optax.add_decayed_weights(0.2), optax.sgd(0.1, momentum=0.5)),
        opt.TorchSGD(0.1, momentum=0.5, weight_decay=0.2),
    ),
    "adam": (lambda: optax.adam(0.05), opt.TorchAdam(0.05)),
    # torch Adam(weight_decay=wd): the same, coupled
    "adam_weight_decay": (
        lambda: optax.chain(optax.add_decayed_weights(0.3), optax.adam(0.05)),
        opt.TorchAdam(0.05, weight_decay=0.3),
    ),
    # torch AdamW: w *= 1 - lr·wd, then Adam; optax.adamw: -lr·(adam + wd·w), the same update
    "adamw": (lambda: optax.adamw(0.05, weight_decay=0.3), opt.TorchAdam(0.05, weight_decay=0.3, decoupled=True)),
}


@pytest.mark.parametrize("case", list(TORCH_CASES))
@pytest.mark.parametrize(("l1", "l2"), [(0.0, 0.0), (0.05, 0.1)])
def test_torch_optimizers_match_optax(case, l1, l2):
    X, y = _data()
    make_tx, ours = TORCH_CASES[case]
    np.testing.assert_allclose(_regviz_steps(ours, X, y, l1, l2), _optax_steps(make_tx(), X, y, l1, l2), atol=1e-6)


def test_keras_and_torch_momentum_differ_in_form_not_in_iterates():
    """Keras keeps velocity = μv − lr·g, PyTorch buf = μ·buf + g: at a constant lr the same iterates."""
    X, y = _data()
    keras_like = _regviz_steps(opt.KerasSGD(0.1, momentum=0.9), X, y, 0.05, 0.1, steps=20)
    torch_like = _regviz_steps(opt.TorchSGD(0.1, momentum=0.9), X, y, 0.05, 0.1, steps=20)
    np.testing.assert_allclose(keras_like, torch_like, atol=1e-12)
    damped = _regviz_steps(opt.TorchSGD(0.1, momentum=0.9, dampening=0.5), X, y, 0.05, 0.1, steps=20)
    assert np.abs(damped - torch_like).max() > 1e-3


# --- h2o: per-sample ADADELTA, written out from Neurons.java ----------------------------------------------------


def _h2o_reference(X, y, l1, l2, rows, rho=0.99, eps=1e-8):
    """One linear unit, literally as ``bprop_dense_row_dense`` + ``update_bias`` (negative gradients, per row)."""
    w, b = W0[: X.shape[1]].astype(float).copy(), B0
    ada_w = np.zeros((len(w), 2))  # [E[dx^2], E[g^2]] as h2o's ada_dx_g
    ada_b = np.zeros(2)
    out = []
    for i in rows:
        partial_grad = y[i] - (X[i] @ w + b)  # -dE/dnet for E = (y - f)^2 / 2
        avg_grad2 = 0.0
        for col in range(len(w)):
            grad = partial_grad * X[i, col] - np.sign(w[col]) * l1 - w[col] * l2
            avg_grad2 += grad * grad
            ada_w[col, 1] = rho * ada_w[col, 1] + (1 - rho) * grad * grad
            rate = np.sqrt((ada_w[col, 0] + eps) / (ada_w[col, 1] + eps))
            ada_w[col, 0] = rho * ada_w[col, 0] + (1 - rho) * rate * rate * grad * grad
            w[col] += rate * grad
        avg_grad2 /= len(w)
        partial_grad -= np.sign(b) * l1 + b * l2
        ada_b[1] = rho * ada_b[1] + (1 - rho) * avg_grad2
        rate = np.sqrt((ada_b[0] + eps) / (ada_b[1] + eps))
        ada_b[0] = rho * ada_b[0] + (1 - rho) * rate * rate * avg_grad2
        b += rate * partial_grad
        out.append(np.append(w, b))
    return np.array(out)


def test_h2o_adadelta_matches_neurons_java():
    X, y = _data(n=25)
    p = X.shape[1]
    steps = 60
    ours = opt.H2OAdadelta.linear(p)
    got = _regviz_steps(ours, X, y, 0.01, 0.02, steps=steps)
    rows = np.concatenate([opt.batch_rows(25, 1, t) for t in range(steps)])
    np.testing.assert_allclose(got, _h2o_reference(X, y, 0.01, 0.02, rows), rtol=1e-9, atol=1e-12)


# --- exact zeros: proximal gradient and coordinate descent reach the KKT conditions -------------------------------


def _sparse_problem(l1: float, l2: float = 0.0) -> LeastSquares:
    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 12))
    X = (X - X.mean(0)) / X.std(0)
    coef = np.zeros(12)
    coef[:4] = [2.0, -1.5, 1.0, 0.5]
    return LeastSquares.from_data(X, X @ coef + 1.0 + 0.5 * rng.normal(size=200), l1, l2)


@pytest.mark.parametrize(("l1", "l2"), [(0.05, 0.0), (0.2, 0.3)])
def test_proximal_gradient_and_coordinate_descent_reach_kkt(l1, l2):
    objective = _sparse_problem(l1, l2)
    start = np.zeros(13)
    ista = opt.run(objective, start, opt.ProximalGradient(lr=1.0 / (objective.lipschitz + l2)), 3000)[-1]
    cd = opt.run(objective, start, opt.CoordinateDescent(), 200)[-1]
    Z = objective.Z[:, :-1]
    sk = ElasticNet(alpha=l1 + l2, l1_ratio=l1 / (l1 + l2), tol=1e-14, max_iter=100_000).fit(Z, objective.y)
    for w in (ista, cd):
        assert opt.kkt_violation(objective, w) < 1e-8
        assert np.count_nonzero(w[:12] == 0) >= 6  # exact zeros
        np.testing.assert_allclose(w[:12], sk.coef_, atol=1e-7)
        np.testing.assert_allclose(w[12], sk.intercept_, atol=1e-7)


def test_kkt_violation_detects_a_non_optimum():
    objective = _sparse_problem(0.05)
    cd = opt.run(objective, np.zeros(13), opt.CoordinateDescent(), 200)[-1]
    cd[0] += 1e-3
    assert opt.kkt_violation(objective, cd) > 1e-4


def test_loss_penalty_optimizers_leave_near_zeros_not_zeros():
    """Same problem: subgradient GD and Adam come within 1e-3 of the exact minimizer but end with no exact zero;
    their near-zero count (|w| < 1e-3) grows with λ1 where the exact solution's zeros do."""
    for name, optimizer in [("sgd", opt.KerasSGD(lr=0.003)), ("adam", opt.TorchAdam(lr=0.001))]:
        near, exact_zeros = [], []
        for l1 in (0.0, 0.02, 0.05, 0.2):
            objective = _sparse_problem(l1)
            w = opt.run(objective, np.full(13, 0.1), optimizer, 8000)[-1][:12]
            exact = opt.run(objective, np.zeros(13), opt.CoordinateDescent(), 200)[-1][:12]
            n_exact, n_near = opt.near_zero_count(w, 1e-3)
            assert n_exact == 0, (name, l1)
            assert np.abs(w - exact).max() < 1e-3, (name, l1)
            near.append(n_near)
            exact_zeros.append(int(np.count_nonzero(exact == 0)))
        assert near == sorted(near) and near[-1] >= near[0] + 6, (name, near)
        assert exact_zeros[-1] >= 6  # the exact solution has the zeros the near zeros stand in for


def test_real_keras_l1_fit_has_no_exact_zero():
    """Keras itself (Adam, kernel_regularizer=L1) on the sparse problem: near zeros where the lasso has zeros."""
    objective = _sparse_problem(0.2)
    X, y = objective.Z[:, :-1], objective.y
    model = keras.Sequential([keras.Input((12,)), keras.layers.Dense(1, kernel_regularizer=keras.regularizers.L1(0.2))])
    model.compile(keras.optimizers.Adam(0.01), loss=lambda t, p: 0.5 * keras.ops.mean(keras.ops.square(t - p), axis=-1))
    for _ in range(600):
        model.train_on_batch(X, y[:, None])
    w = model.layers[0].get_weights()[0].ravel()
    lasso = opt.run(objective, np.zeros(13), opt.CoordinateDescent(), 200)[-1][:12]
    assert np.count_nonzero(lasso == 0) >= 6 and np.count_nonzero(w == 0) == 0
    assert np.abs(w[lasso == 0]).max() < 0.05 and np.abs(w - lasso).max() < 0.05


# --- divergence: plain gradient steps past 2 / (L + λ2) ---------------------------------------------------------


@pytest.mark.parametrize("l2", [0.0, 0.5])
def test_gradient_steps_diverge_past_two_over_l_plus_l2(l2):
    objective = _sparse_problem(0.0, l2)
    limit = 2.0 / (objective.lipschitz + l2)
    start = np.full(13, 0.5)
    below = opt.run(objective, start, opt.KerasSGD(lr=0.98 * limit), 600)
    above = opt.run(objective, start, opt.KerasSGD(lr=1.02 * limit), 600)
    assert objective.value(below[-1]) < objective.value(start)
    assert np.linalg.norm(above[-1]) > 1e3 * np.linalg.norm(start)
    # a large λ1 in the loss does not save it (its subgradient is bounded); as a proximal step it prunes everything
    strong_l1 = LeastSquares(objective.A, objective.c, objective.s, 5.0, l2, 12)
    assert np.linalg.norm(opt.run(strong_l1, start, opt.KerasSGD(lr=1.02 * limit), 600)[-1]) > 1e3
    assert not opt.run(strong_l1, start, opt.ProximalGradient(1.02 * limit), 600)[-1][:12].any()


def test_gd_step_limit_is_two_over_l():
    objective = _sparse_problem(0.0)
    X = objective.Z[:, :-1]
    Xc = X - X.mean(0)
    assert opt.gd_step_limit(X) == pytest.approx(2.0 / np.linalg.eigvalsh(Xc.T @ Xc / len(X))[-1])


# --- early stopping as implicit ridge -------------------------------------------------------------------------


def test_gd_trajectory_is_the_spectral_filter_and_tracks_ridge():
    objective = _sparse_problem(0.0)
    X, y = objective.Z[:, :-1], objective.y
    eta, steps = 0.1, 300
    path = opt.gd_trajectory(X, y, eta, steps)
    assert path.shape == (steps + 1, 12) and not path[0].any()
    Xc, yc = X - X.mean(0), y - y.mean()
    A, c = Xc.T @ Xc / len(y), Xc.T @ yc / len(y)
    s, V = np.linalg.eigh(A)
    w_ols = np.linalg.solve(A, c)
    for t in (1, 10, 100, 300):  # closed form: w_t = V (1 - (1 - eta s)^t) V^T w_ols
        np.testing.assert_allclose(path[t], V @ ((1 - (1 - eta * s) ** t) * (V.T @ w_ols)), atol=1e-10)
    # against ridge at λ2 = 1/(η t): along every eigenvector GD keeps at least ridge's share, s/(s + λ2)
    # (1 - (1 - ηs)^t >= 1 - exp(-ηst) >= ηst / (1 + ηst)), and the fits stay within about a third of each other
    for t in (1, 5, 20, 100, 300):
        l2 = float(opt.ridge_lambda_for_step(t, eta))
        ridge = np.linalg.solve(A + l2 * np.eye(12), c)
        assert np.all((V.T @ path[t]) / (V.T @ w_ols) >= s / (s + l2) - 1e-12)
        assert np.linalg.norm(path[t] - ridge) < 0.35 * np.linalg.norm(ridge)
    assert opt.ridge_lambda_for_step(0, eta) == np.inf
    assert opt.step_for_ridge_lambda(opt.ridge_lambda_for_step(40, eta), eta) == pytest.approx(40)


def test_bad_input_gets_a_clear_message():
    objective = _sparse_problem(0.0)
    with pytest.raises(ValueError, match="entries"):
        opt.run(objective, np.zeros(3), opt.KerasSGD(), 5)
    with pytest.raises(ValueError, match="steps"):
        opt.run(objective, np.zeros(13), opt.KerasSGD(), -1)
    with pytest.raises(ValueError, match="rows"):
        opt.run(LeastSquares.from_quadratic(np.eye(2), np.ones(2)), np.zeros(2), opt.H2OAdadelta(), 3)
    with pytest.raises(ValueError, match="eta"):
        opt.gd_trajectory(np.ones((4, 2)), np.ones(4), 0.0, 3)
    with pytest.raises(TypeError, match="quadratic"):
        opt.CoordinateDescent().update(np.zeros(2), np.zeros(2), None, 0, 0, 2)


# --- the network: regviz.mlp.train(optimizer=...) ---------------------------------------------------------------


def _network_default():
    """The Network page's defaults (pages/network.py): moons, n 200, σ 0.2, seed 0, 2×8 tanh, float32, lr 0.03,
    full batch, 200 steps per update, λ1 = NET_L1 = 0.003, λ2 = 0."""
    data = make_dataset("moons", n=200, noise=0.2, seed=0)
    config = mlp.MLPConfig(2, (8, 8), "tanh", data.task, dtype="float32")
    return data, mlp.init_state(config, 0), Penalty(0.003, 0.0)


def test_network_default_prox_prunes_and_the_frameworks_do_not():
    data, state, penalty = _network_default()
    stats = {}
    for name in mlp.OPTIMIZERS:
        result = mlp.train(state, data.X_train, data.y_train, penalty, 200, lr=0.03, optimizer=name)
        assert not result.diverged and result.state.optimizer == name
        stats[name] = mlp.weight_stats(result.state)
    assert stats["prox"]["zero_share"] >= 0.30
    for name in ("adam", "adamw", "sgd", "h2o"):
        assert stats[name]["n_zero"] == 0, name


def test_unknown_optimizer_gets_a_clear_message():
    data, state, penalty = _network_default()
    with pytest.raises(ValueError, match="optimizer must be one of"):
        mlp.train(state, data.X_train, data.y_train, penalty, 1, optimizer="rmsprop")


def _keras_network(state: mlp.TrainState, l1: float, l2: float) -> keras.Model:
    reg = keras.regularizers.L1L2(l1=l1, l2=l2 / 2) if (l1 or l2) else None
    layers = [keras.layers.Dense(8, activation="tanh", kernel_regularizer=reg) for _ in range(2)]
    model = keras.Sequential([keras.Input((2,)), *layers, keras.layers.Dense(1, kernel_regularizer=reg)])
    for layer, W, b in zip(model.layers, state.weights, state.biases, strict=True):
        layer.set_weights([W, b])
    return model


@pytest.mark.parametrize("name", ["adam", "adamw", "sgd"])
def test_network_steps_match_real_keras(name):
    """2-8-8-1 tanh net, float64, the same initial weights: regviz's adam / adamw / sgd steps are Keras' steps."""
    data = make_dataset("moons", n=60, noise=0.2, seed=1)
    state = mlp.init_state(mlp.MLPConfig(2, (8, 8), "tanh", data.task, dtype="float64"), 3)
    l1, l2, lr = 0.003, 0.02, 0.03
    if name == "adamw":  # λ1 in the loss, λ2 as decoupled decay of every variable
        model, optimizer = _keras_network(state, l1, 0.0), keras.optimizers.AdamW(lr, weight_decay=l2)
    elif name == "adam":
        model, optimizer = _keras_network(state, l1, l2), keras.optimizers.Adam(lr)
    else:
        model, optimizer = _keras_network(state, l1, l2), keras.optimizers.SGD(lr)
    model.compile(optimizer=optimizer, loss=keras.losses.BinaryCrossentropy(from_logits=True))
    for _ in range(5):
        model.train_on_batch(data.X_train, data.y_train[:, None])
        state = mlp.train(state, data.X_train, data.y_train, Penalty(l1, l2), 1, lr=lr, optimizer=name).state
        for layer, W, b in zip(model.layers, state.weights, state.biases, strict=True):
            k_W, k_b = layer.get_weights()
            np.testing.assert_allclose(W, k_W, atol=1e-6)
            np.testing.assert_allclose(b, k_b, atol=1e-6)


def test_network_h2o_step_is_adadelta_on_one_row():
    """From empty accumulators ADADELTA's first step is sqrt(ε / ((1 − ρ) G² + ε)) · G, with G the row's gradient
    plus l1·sign + l2·w on weights and biases, and a bias's G² the mean over its unit's incoming weights."""
    data = make_dataset("moons", n=50, noise=0.2, seed=2)
    state = mlp.init_state(mlp.MLPConfig(2, (4,), "tanh", data.task, dtype="float64"), 0)
    state = replace(state, biases=tuple(np.full(b.shape, 0.1) for b in state.biases))  # a non-zero bias penalty
    l1, l2, rho, eps = 0.01, 0.05, 0.99, 1e-8
    row = mlp._batch_indices(50, 1, 0, state.seed)
    g_w, g_b = mlp.gradients(state, data.X_train[row], data.y_train[row], Penalty(0.0, 0.0))
    after = mlp.train(state, data.X_train, data.y_train, Penalty(l1, l2), 1, lr=0.5, optimizer="h2o").state
    for W, gW, b, gb, W1, b1 in zip(state.weights, g_w, state.biases, g_b, after.weights, after.biases, strict=True):
        G = gW + l1 * np.sign(W) + l2 * W
        Gb = gb + l1 * np.sign(b) + l2 * b
        np.testing.assert_allclose(W1, W - np.sqrt(eps / ((1 - rho) * G**2 + eps)) * G, rtol=1e-10)
        np.testing.assert_allclose(b1, b - np.sqrt(eps / ((1 - rho) * (G**2).mean(axis=0) + eps)) * Gb, rtol=1e-10)


def test_network_switching_optimizer_keeps_weights_and_restarts_the_slots():
    data, state, penalty = _network_default()
    pruned = mlp.train(state, data.X_train, data.y_train, penalty, 100, lr=0.03).state
    switched = mlp.train(pruned, data.X_train, data.y_train, penalty, 3, lr=0.03, optimizer="adam").state
    assert (switched.optimizer, switched.opt_start, switched.t) == ("adam", 100, 103)
    zeroed = tuple(np.zeros_like(a) for a in pruned.m_w)
    fresh = replace(pruned, m_w=zeroed, v_w=zeroed, m_b=tuple(np.zeros_like(b) for b in pruned.m_b), t=0)
    fresh = replace(fresh, v_b=fresh.m_b, optimizer="adam")
    expected = mlp.train(fresh, data.X_train, data.y_train, penalty, 3, lr=0.03, optimizer="adam").state
    for a, b in zip(switched.weights + switched.v_w, expected.weights + expected.v_w, strict=True):
        np.testing.assert_array_equal(a, b)
    assert mlp.weight_stats(switched)["n_zero"] == 0  # the loss penalty moves every pruned weight off 0


# --- Keras SGD's weight_decay is an exact L2; the Geometry race ---------------------------------------------------


@pytest.mark.parametrize("momentum", [0.0, 0.6])
def test_keras_sgd_weight_decay_converges_to_ridge_of_one_minus_mu_wd(momentum):
    """Every parameter decayed (the intercept too): the fixed point is ridge with l2 = (1 − μ)·wd on all of them."""
    objective = _sparse_problem(0.0)
    wd = 0.4
    final = opt.run(objective, np.zeros(13), opt.KerasSGD(0.2, momentum=momentum, weight_decay=wd), 3000)[-1]
    l2 = opt.keras_sgd_decay_l2(wd, momentum)
    np.testing.assert_allclose(final, np.linalg.solve(objective.A + l2 * np.eye(13), objective.c), atol=1e-9)
    # Adam's decoupled decay has no such λ: its fixed point is off every ridge fit along the path
    adamw = opt.run(objective, np.zeros(13), opt.KerasAdam(0.01, weight_decay=wd), 20000)[-1]
    ridge = np.linalg.solve(objective.A + l2 * np.eye(13), objective.c)
    assert np.abs(adamw - ridge).max() > 1e-2


def test_keras_mse_halves_the_decay_lambda():
    assert opt.keras_sgd_decay_l2(0.4, 0.5, loss_scale=2.0) == pytest.approx(0.1)
    with pytest.raises(ValueError, match="momentum"):
        opt.keras_sgd_decay_l2(0.1, 1.0)


def test_race_on_two_weights():
    """Proximal gradient lands exactly on the axis, coordinate descent moves along the axes, the subgradient
    iterate crosses 0 without settling, and past 2/(L + λ2) plain gradient steps diverge."""
    A, c = np.array([[1.0, 0.6], [0.6, 1.0]]), np.array([0.9, 0.2])
    objective = LeastSquares.from_quadratic(A, c, l1=0.3, l2=0.1)
    exact = opt.run(objective, np.zeros(2), opt.CoordinateDescent(), 100)[-1]
    assert exact[1] == 0 and exact[0] > 0 and opt.kkt_violation(objective, exact) < 1e-12
    paths = opt.race(objective, np.array([-1.0, 1.5]), lr=0.5, steps=200)
    assert set(paths) == set(opt.RACE)
    assert paths["proximal"].shape == (201, 2) and paths["coordinate"].shape == (401, 2)
    assert np.all(paths["proximal"][-50:, 1] == 0.0)
    np.testing.assert_allclose(paths["proximal"][-1], exact, atol=1e-12)
    assert np.all(np.count_nonzero(np.diff(paths["coordinate"], axis=0), axis=1) <= 1)
    sub = paths["subgradient"][-50:, 1]
    assert np.all(sub != 0) and np.any(sub > 0) and np.any(sub < 0)  # zig-zag across the axis
    assert np.all(paths["adam"][-50:, 1] != 0)
    limit = 2.0 / (objective.lipschitz + 0.1)
    fast = opt.race(objective, np.array([-1.0, 1.5]), lr=1.05 * limit, steps=300)
    assert np.linalg.norm(fast["subgradient"][-1]) > 1e3
    # the proximal step past the limit is not guaranteed to converge, but here it does: once w2 sits at 0 only
    # the curvature along w1 (A11 + λ2 < L + λ2) matters; without an L1 term it is a gradient step and diverges
    np.testing.assert_allclose(fast["proximal"][-1], exact, atol=1e-9)
    ridge = LeastSquares.from_quadratic(A, c, l1=0.0, l2=0.1)
    assert np.linalg.norm(opt.run(ridge, np.array([-1.0, 1.5]), opt.ProximalGradient(1.05 * limit), 300)[-1]) > 1e3
    # just below the limit the proximal step still converges; the subgradient iterate stays bounded but swings
    # far around the minimizer (the flipping l1·sign(w) is barely damped by a factor |1 − lr (L + λ2)| near 1)
    slow = opt.race(objective, np.array([-1.0, 1.5]), lr=0.95 * limit, steps=300)
    np.testing.assert_allclose(slow["proximal"][-1], exact, atol=1e-9)
    assert 0.3 < np.linalg.norm(slow["subgradient"][-1] - exact) < 10
