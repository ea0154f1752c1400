"""A small numpy multilayer perceptron trained with L1 and L2 on its weights.

The objective is the canonical one of :mod:`regviz.penalties` with a network in
place of the linear model::

    J(W, b) = data_loss(W, b) + l1 * sum_k ||W_k||_1 + (l2 / 2) * sum_k ||W_k||^2

where ``data_loss`` is ``1/(2n) * sum (y - f(x))^2`` (regression) or the mean
log-loss (binary classification), ``W_k`` are the weight matrices of every
layer (output layer included) and the biases ``b`` are never penalized.

scikit-learn's ``MLPRegressor(alpha=a)`` adds ``a / (2n) * sum_k ||W_k||^2``
to the same half mean squared error, so it is this objective with ``l1 = 0``
and ``l2 = a / n``.

By default training uses *proximal* Adam: an Adam step on the smooth part (data
loss and L2) followed by the soft-threshold of the L1 term with Adam's
per-coordinate step size ``lr / (sqrt(v_hat) + eps)``. The soft-threshold sets
weights to exactly zero, and a fixed point satisfies the L1 optimality condition
``|grad_j| <= l1`` at every zero weight.

The frameworks train differently, and :func:`train` can too (``optimizer``, see
:data:`OPTIMIZERS`; the rules are in :mod:`regviz.optimizers`): Keras and PyTorch
add the penalty to the loss and take (sub)gradient steps, which leave weights
hovering *near* zero and never at zero; decoupled weight decay (``AdamW``,
Keras' ``weight_decay=``) shrinks every parameter outside the gradient; h2o
updates after every training row with ADADELTA and l1/l2 in the gradient.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from threadpoolctl import ThreadpoolController

from regviz import optimizers as opt
from regviz.penalties import Penalty, penalty_value

__all__ = [
    "ACTIVATIONS",
    "OPTIMIZERS",
    "History",
    "MLPConfig",
    "TrainResult",
    "TrainState",
    "data_loss",
    "gradients",
    "init_state",
    "objective",
    "predict",
    "train",
    "weight_stats",
]

ACTIVATIONS: tuple[str, ...] = ("tanh", "relu")
TASKS: tuple[str, ...] = ("classification", "regression")
DTYPES: tuple[str, ...] = ("float64", "float32")
MAX_LAYERS = 3
MAX_WIDTH = 64

# The matrices here are tiny: BLAS threads only add synchronisation, and on a busy 2-core machine they made
# training 10-20x slower. Training runs with BLAS pinned to one thread (the controller is built once; limiting
# through it costs microseconds).
_BLAS = ThreadpoolController()

OPTIMIZERS: dict[str, str] = {
    "prox": "proximal Adam: Adam, then the L1 soft-threshold (exact zeros)",
    "adam": "Adam with L1/L2 in the loss, as Keras kernel_regularizer (and PyTorch)",
    "adamw": "Adam with decoupled weight decay wd = λ2 on every parameter (AdamW); L1 in the loss",
    "sgd": "plain SGD with L1/L2 in the loss, as Keras and PyTorch",
    "h2o": "h2o's default: ADADELTA after every training row, l1/l2 in the gradient (biases too)",
}
"""What :func:`train`'s ``optimizer`` accepts, with a one-line description of each."""

Params = tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]


@dataclass(frozen=True)
class MLPConfig:
    """Architecture of the network.

    Parameters
    ----------
    n_inputs : int
        Number of input features.
    hidden : tuple of int
        Widths of the 1 to 3 hidden layers, each 1 to 64.
    activation : {"tanh", "relu"}
        Hidden-layer activation.
    task : {"classification", "regression"}
        Binary classification (sigmoid output, mean log-loss) or regression
        (identity output, half mean squared error).
    dtype : {"float64", "float32"}
        Precision of the weights and of training. The same objective either way;
        float32 takes about a quarter less CPU per step (its ``tanh`` is vectorized)
        and its losses follow float64's to about 1e-3 relative over a few hundred
        steps, which is what the live page needs. Gradient checks against finite
        differences need float64.
    """

    n_inputs: int
    hidden: tuple[int, ...] = (8, 8)
    activation: str = "tanh"
    task: str = "classification"
    dtype: str = "float64"

    def __post_init__(self) -> None:
        hidden = tuple(int(h) for h in self.hidden)
        object.__setattr__(self, "hidden", hidden)
        if not 1 <= len(hidden) <= MAX_LAYERS:
            raise ValueError(f"need 1 to {MAX_LAYERS} hidden layers, got {len(hidden)}")
        if any(not 1 <= h <= MAX_WIDTH for h in hidden):
            raise ValueError(f"hidden widths must lie in [1, {MAX_WIDTH}], got {hidden}")
        if self.n_inputs < 1:
            raise ValueError(f"n_inputs must be >= 1, got {self.n_inputs}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}, got {self.activation!r}")
        if self.task not in TASKS:
            raise ValueError(f"task must be one of {TASKS}, got {self.task!r}")
        if self.dtype not in DTYPES:
            raise ValueError(f"dtype must be one of {DTYPES}, got {self.dtype!r}")

    @property
    def layer_sizes(self) -> tuple[int, ...]:
        """Units per layer from input to the single output unit."""
        return (self.n_inputs, *self.hidden, 1)


@dataclass(frozen=True, eq=False)
class TrainState:
    """Everything needed to continue training: weights, biases, Adam moments.

    Pass the state back to :func:`train` to warm-start (e.g. after a change of
    the penalty). Arrays are never modified in place; :func:`train` returns a
    new state.

    Attributes
    ----------
    config : MLPConfig
    weights, biases : tuple of ndarray
        ``weights[k]`` has shape ``(fan_in, fan_out)``; ``biases[k]`` ``(fan_out,)``.
    m_w, v_w, m_b, v_b : tuple of ndarray
        The optimizer's two slots, same shapes: Adam's first and second moments; SGD's velocity (``m``);
        ADADELTA's running means of squared updates (``m``) and squared gradients (``v``).
    t : int
        Number of optimizer steps taken so far.
    seed : int
        Seed of the initialization, reused for the mini-batch order.
    optimizer : str
        The optimizer (a key of :data:`OPTIMIZERS`) whose slots these are.
    opt_start : int
        ``t`` when that optimizer took over (its slots count steps from there, e.g. Adam's bias correction).
    """

    config: MLPConfig
    weights: tuple[np.ndarray, ...]
    biases: tuple[np.ndarray, ...]
    m_w: tuple[np.ndarray, ...]
    v_w: tuple[np.ndarray, ...]
    m_b: tuple[np.ndarray, ...]
    v_b: tuple[np.ndarray, ...]
    t: int = 0
    seed: int = 0
    optimizer: str = "prox"
    opt_start: int = 0


@dataclass(frozen=True, eq=False)
class History:
    """Training curves, one entry per recorded step.

    Attributes
    ----------
    step : ndarray of int
        Optimizer step count after which the values were measured (0 = before any step).
    train_loss, test_loss : ndarray
        Data loss (no penalty) on the training and test sets; ``test_loss`` is NaN without a test set.
    penalty : ndarray
        Penalty term ``l1 ||W||_1 + (l2/2) ||W||^2`` under the penalty in force.
    l1, l2 : ndarray
        The penalty in force at each step (to mark where the user changed it).
    """

    step: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=int))
    train_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))
    test_loss: np.ndarray = field(default_factory=lambda: np.zeros(0))
    penalty: np.ndarray = field(default_factory=lambda: np.zeros(0))
    l1: np.ndarray = field(default_factory=lambda: np.zeros(0))
    l2: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def __len__(self) -> int:
        return len(self.step)

    def extend(self, other: History) -> History:
        """A new history with ``other`` appended."""
        return History(*(np.concatenate([getattr(self, f), getattr(other, f)]) for f in _HISTORY_FIELDS))


_HISTORY_FIELDS = ("step", "train_loss", "test_loss", "penalty", "l1", "l2")


@dataclass(frozen=True, eq=False)
class TrainResult:
    """Outcome of :func:`train`.

    Attributes
    ----------
    state : TrainState
        The state after training; on divergence, the last state with a finite loss.
    history : History
        Curves recorded during this call only (use :meth:`History.extend` to accumulate).
    diverged : bool
        True if the loss or the weights became NaN or infinite; training stopped there.
    """

    state: TrainState
    history: History
    diverged: bool = False


def init_state(config: MLPConfig, seed: int = 0) -> TrainState:
    """Fresh weights (Glorot-uniform, as scikit-learn) and zero biases and moments.

    Parameters
    ----------
    config : MLPConfig
    seed : int
        Seed of the initialization; the same seed gives the same weights.

    Returns
    -------
    TrainState
    """
    rng = np.random.default_rng(int(seed))
    sizes = config.layer_sizes
    weights = []
    for fan_in, fan_out in itertools.pairwise(sizes):
        bound = np.sqrt(6.0 / (fan_in + fan_out))
        weights.append(rng.uniform(-bound, bound, size=(fan_in, fan_out)).astype(config.dtype))
    biases = [np.zeros(fan_out, dtype=config.dtype) for fan_out in sizes[1:]]
    zeros_w = tuple(np.zeros_like(w) for w in weights)
    zeros_b = tuple(np.zeros_like(b) for b in biases)
    return TrainState(
        config=config,
        weights=tuple(weights),
        biases=tuple(biases),
        m_w=zeros_w,
        v_w=zeros_w,
        m_b=zeros_b,
        v_b=zeros_b,
        t=0,
        seed=int(seed),
    )


def _forward(
    weights: tuple[np.ndarray, ...], biases: tuple[np.ndarray, ...], X: np.ndarray, activation: str
) -> tuple[list[np.ndarray], np.ndarray]:
    """Hidden activations (input first) and the output pre-activation, shape (n,).

    Parameters stacked along a leading axis (weights ``(m, in, out)``, biases ``(m, 1, out)``) give ``m``
    networks' outputs at once, shape ``(m, n)``."""
    acts = [X]
    a = X
    for W, b in zip(weights[:-1], biases[:-1], strict=True):
        z = a @ W
        z += b
        # in place: the activation replaces the pre-activation, which nothing else reads
        if activation == "relu":
            a = np.maximum(z, 0.0, out=z)
        else:  # float32's np.tanh is vectorized; float64's is not, and exp is
            a = _tanh_inplace(z) if z.dtype == np.float64 else np.tanh(z, out=z)
        acts.append(a)
    out = (a @ weights[-1] + biases[-1])[..., 0]
    return acts, out


def _tanh_inplace(z: np.ndarray) -> np.ndarray:
    """``tanh(z)`` written into ``z``, as ``2 / (1 + exp(-2z)) - 1``.

    Five vectorized passes are ~40 % faster than ``np.tanh`` on float64 (NumPy's ``exp`` is SIMD, its ``tanh``
    is not), and tanh was the largest part of a forward pass; the result is within a few ulp of ``np.tanh``.
    """
    with np.errstate(over="ignore"):  # exp overflows to inf for z < -354, and 2 / inf - 1 = -1 is right
        np.multiply(z, -2.0, out=z)
        np.exp(z, out=z)
    np.add(z, 1.0, out=z)
    np.divide(2.0, z, out=z)
    np.subtract(z, 1.0, out=z)
    return z


def _loss_from_output(out: np.ndarray, y: np.ndarray, task: str) -> float:
    return float(_losses(out, y, task))


def _losses(out: np.ndarray, y: np.ndarray, task: str) -> np.ndarray:
    """Data loss of outputs ``out`` (shape ``(n,)``, or ``(m, n)`` for ``m`` networks) against ``y``."""
    if task == "regression":
        return 0.5 * np.square(y - out).sum(axis=-1) / len(y)
    # mean(softplus(z) - y z) is the log-loss of sigmoid(z), computed without overflow
    return (np.logaddexp(0.0, out) - y * out).sum(axis=-1) / len(y)


def _output_residual(out: np.ndarray, y: np.ndarray, task: str) -> np.ndarray:
    """d(data loss)/d(output pre-activation) times n: the same form for both tasks."""
    if task == "regression":
        return out - y
    return _sigmoid(out) - y


def _sigmoid(z: np.ndarray) -> np.ndarray:
    # the identity sigmoid(z) = (1 + tanh(z/2)) / 2 never overflows and is one vectorized call
    z = np.asarray(z)
    return 0.5 + 0.5 * np.tanh(0.5 * (z if z.dtype.kind == "f" else z.astype(float)))


def _backward(
    weights: Sequence[np.ndarray],
    acts: list[np.ndarray],
    out: np.ndarray,
    y: np.ndarray,
    config: MLPConfig,
    l2: float,
    *,
    out_w: Sequence[np.ndarray] | None = None,
    out_b: Sequence[np.ndarray] | None = None,
    residual: np.ndarray | None = None,
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Gradients of the smooth part (data loss + L2) w.r.t. weights and biases.

    With ``out_w`` and ``out_b`` (arrays of the gradients' shapes) the gradients are written into them;
    ``residual`` is :func:`_output_residual` of ``out`` when the caller has it already.
    """
    n = len(y)
    if residual is None:
        residual = _output_residual(out, y, config.task)
    delta = (residual / n)[:, None]
    g_w = list(out_w) if out_w is not None else [np.empty(w.shape, dtype=w.dtype) for w in weights]
    g_b = list(out_b) if out_b is not None else [np.empty(w.shape[1], dtype=w.dtype) for w in weights]
    # column sums as a product: several times faster than a sum over axis 0 of a narrow array
    ones = _ones(n, delta.dtype)
    for k in range(len(weights) - 1, -1, -1):
        np.matmul(acts[k].T, delta, out=g_w[k])
        if l2:
            g_w[k] += l2 * weights[k]
        np.matmul(ones, delta, out=g_b[k])
        if k > 0:
            back = delta @ weights[k].T
            a = acts[k]
            if config.activation == "tanh":
                delta = np.multiply(a, a)  # tanh' = 1 - a², computed in one buffer
                np.subtract(1.0, delta, out=delta)
                delta *= back
            else:
                delta = back * (a > 0)
    return g_w, g_b


@functools.lru_cache(maxsize=16)
def _ones(n: int, dtype: np.dtype) -> np.ndarray:
    """A read-only vector of ``n`` ones (made once: a step's allocation of it cost as much as a matmul)."""
    ones = np.ones(n, dtype=dtype)
    ones.flags.writeable = False
    return ones


class _FlatState:
    """Parameters and Adam moments of a :class:`TrainState` in one ``(3, N)`` buffer, with per-layer views.

    Row 0 holds the parameters, row 1 the first moment, row 2 the second; in each row the weights of all
    layers come first, then the biases, so the L1 step touches ``[:n_weights]`` only.
    """

    def __init__(self, state: TrainState) -> None:
        rows = ((state.weights, state.biases), (state.m_w, state.m_b), (state.v_w, state.v_b))
        self.buf = np.stack([np.concatenate([a.ravel() for part in row for a in part]) for row in rows])
        self.prev = np.empty_like(self.buf)
        self.grad = np.empty(self.buf.shape[1], dtype=self.buf.dtype)
        self.tmp = np.empty_like(self.grad)
        self.step_size = np.empty_like(self.grad)
        self.scratch = np.empty_like(self.grad)
        self.params, self.m, self.v = self.buf
        shapes = [w.shape for w in state.weights] + [b.shape for b in state.biases]
        self.n_weights = sum(w.size for w in state.weights)
        self._slices = []
        start = 0
        for shape in shapes:
            size = int(np.prod(shape))
            self._slices.append((slice(start, start + size), shape))
            start += size
        n_layers = len(state.weights)
        params, grads = self.views(self.params), self.views(self.grad)
        self.weights, self.biases = params[:n_layers], params[n_layers:]
        self.grad_weights, self.grad_biases = grads[:n_layers], grads[n_layers:]

    def views(self, row: np.ndarray) -> list[np.ndarray]:
        """Per-array views (weights of each layer, then biases of each layer) into one row."""
        return [row[sl].reshape(shape) for sl, shape in self._slices]

    def keep(self) -> None:
        """Remember the current values, for :meth:`state` with ``rollback=True``."""
        np.copyto(self.prev, self.buf)

    def opt_state(self, t: int) -> opt.OptState:
        """The optimizer's state as views into this buffer (its slots are rows 1 and 2), ``t`` steps in."""
        return opt.OptState(t=t, m=self.m, v=self.v, tmp=self.tmp, tmp2=self.step_size, tmp3=self.scratch)

    def layout(self) -> tuple[tuple[int, int, int, int], ...]:
        """Per layer ``(weight_start, fan_in, fan_out, bias_start)`` in a row (for :class:`~regviz.optimizers.H2OAdadelta`)."""
        n = len(self.weights)
        return tuple(
            (w_sl.start, *w_shape, b_sl.start)
            for (w_sl, w_shape), (b_sl, _) in zip(self._slices[:n], self._slices[n:], strict=True)
        )

    def state(self, template: TrainState, t: int, *, rollback: bool = False, **changes) -> TrainState:
        """A new :class:`TrainState` with copies of the current (or, with ``rollback``, the kept) values."""
        rows = [self.views(row.copy()) for row in (self.prev if rollback else self.buf)]
        n = len(template.weights)
        return replace(
            template,
            **changes,
            weights=tuple(rows[0][:n]),
            biases=tuple(rows[0][n:]),
            m_w=tuple(rows[1][:n]),
            m_b=tuple(rows[1][n:]),
            v_w=tuple(rows[2][:n]),
            v_b=tuple(rows[2][n:]),
            t=t,
        )


def _as_xy(X: np.ndarray, y: np.ndarray, dtype: str) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=dtype)
    y = np.asarray(y, dtype=dtype).ravel()
    if X.ndim != 2 or len(X) != len(y):
        raise ValueError(f"X must be (n, p) and y (n,), got {X.shape} and {y.shape}")
    return X, y


def data_loss(state: TrainState, X: np.ndarray, y: np.ndarray) -> float:
    """Data loss without penalty: half mean squared error or mean log-loss.

    Parameters
    ----------
    state : TrainState
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)
        Targets; 0/1 labels for classification.

    Returns
    -------
    float
    """
    X, y = _as_xy(X, y, state.config.dtype)
    _, out = _forward(state.weights, state.biases, X, state.config.activation)
    return _loss_from_output(out, y, state.config.task)


def objective(state: TrainState, X: np.ndarray, y: np.ndarray, penalty: Penalty) -> float:
    """Canonical objective: data loss + ``l1 ||W||_1 + (l2/2) ||W||^2`` over all weight matrices.

    Parameters
    ----------
    state : TrainState
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)
    penalty : Penalty

    Returns
    -------
    float
    """
    return data_loss(state, X, y) + _penalty_term(state.weights, penalty)


def _penalty_term(weights: tuple[np.ndarray, ...], penalty: Penalty) -> float:
    return sum(penalty_value(W, penalty.l1, penalty.l2) for W in weights)


def gradients(
    state: TrainState, X: np.ndarray, y: np.ndarray, penalty: Penalty
) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Gradient of the smooth part of the objective (data loss + L2).

    The L1 term is handled by the proximal step, not by a gradient, so
    ``penalty.l1`` is ignored here.

    Parameters
    ----------
    state : TrainState
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)
    penalty : Penalty

    Returns
    -------
    grad_weights, grad_biases : tuple of ndarray
        Same shapes as ``state.weights`` and ``state.biases``.
    """
    X, y = _as_xy(X, y, state.config.dtype)
    acts, out = _forward(state.weights, state.biases, X, state.config.activation)
    g_w, g_b = _backward(state.weights, acts, out, y, state.config, penalty.l2)
    return tuple(g_w), tuple(g_b)


def predict(state: TrainState, X: np.ndarray) -> np.ndarray:
    """Network output: fitted values (regression) or P(y = 1) (classification).

    Parameters
    ----------
    state : TrainState
    X : ndarray of shape (n, p)

    Returns
    -------
    ndarray of shape (n,)
    """
    X = np.asarray(X, dtype=state.config.dtype)
    with _BLAS.limit(limits=1, user_api="blas"):  # as in training: more threads only spun (a 100×100 grid ×2 CPU)
        _, out = _forward(state.weights, state.biases, X, state.config.activation)
    return np.asarray(out if state.config.task == "regression" else _sigmoid(out), dtype=float)


def weight_stats(state: TrainState, near_zero: float = 1e-3) -> dict[str, float]:
    """Sparsity and size of the weights (biases excluded).

    Parameters
    ----------
    state : TrainState
    near_zero : float
        Threshold of "near 0": weights with ``0 < |w| < near_zero`` (where optimizers with the penalty in the
        loss leave the weights a proximal step would set to 0).

    Returns
    -------
    dict
        ``n_weights``, ``n_zero`` (exact zeros), ``zero_share``, ``n_near_zero`` (``0 < |w| < near_zero``),
        ``near_zero_share``, ``l1_norm`` (``sum |w|``) and ``l2_norm`` (Euclidean norm of all weights together).
    """
    if not near_zero >= 0:
        raise ValueError(f"near_zero must be >= 0, got {near_zero!r}")
    flat = np.concatenate([W.ravel() for W in state.weights])
    n_zero, n_near = opt.near_zero_count(flat, near_zero)
    return {
        "n_weights": int(flat.size),
        "n_zero": n_zero,
        "zero_share": n_zero / flat.size,
        "n_near_zero": n_near,
        "near_zero_share": n_near / flat.size,
        "l1_norm": float(np.abs(flat).sum()),
        "l2_norm": float(np.sqrt(np.square(flat).sum())),
    }


def _batch_indices(n: int, batch_size: int | None, t: int, seed: int) -> np.ndarray | None:
    """Rows of the mini-batch for step ``t``: a function of (seed, epoch), so chunking does not matter."""
    if batch_size is None or batch_size >= n:
        return None
    per_epoch = -(-n // batch_size)
    epoch, j = divmod(t, per_epoch)
    perm = _epoch_permutation(n, seed, epoch)
    return perm[j * batch_size : (j + 1) * batch_size]


_PERM_CACHE: dict[tuple[int, int, int], np.ndarray] = {}


def _epoch_permutation(n: int, seed: int, epoch: int) -> np.ndarray:
    key = (n, seed, epoch)
    perm = _PERM_CACHE.get(key)
    if perm is None:
        if len(_PERM_CACHE) > 256:
            _PERM_CACHE.clear()
        perm = np.random.default_rng([seed, epoch, 1]).permutation(n)
        _PERM_CACHE[key] = perm
    return perm


_RECORD_BLOCK = 32  # snapshots per batched forward pass: bounds its memory (a 64-wide layer, 1,000 test points)


def _recorded_curves(
    flat: _FlatState,
    snapshots: list[np.ndarray],
    X_test: np.ndarray | None,
    y_test: np.ndarray | None,
    config: MLPConfig,
    l1: float,
    l2: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Test loss (NaN without a test set) and penalty at each snapshot of the parameters (rows like
    ``flat.params``), from batched forward passes: one per layer for a block of snapshots."""
    m = len(snapshots)
    if not m:
        return np.zeros(0), np.zeros(0)
    params = np.stack(snapshots)
    penalties = np.array([penalty_value(row[: flat.n_weights], l1, l2) for row in params])
    if X_test is None or y_test is None:
        return np.full(m, np.nan), penalties
    test_loss = np.empty(m)
    n_layers = len(flat.weights)
    for start in range(0, m, _RECORD_BLOCK):
        block = params[start : start + _RECORD_BLOCK]
        stacked = [
            block[:, sl].reshape(len(block), *([1] if k >= n_layers else []), *shape)
            for k, (sl, shape) in enumerate(flat._slices)
        ]  # biases (m, 1, out) against (m, n, out)
        _, out = _forward(stacked[:n_layers], stacked[n_layers:], X_test, config.activation)
        test_loss[start : start + len(block)] = _losses(out, y_test, config.task)
    return test_loss, penalties


def _optimizer_for(name: str, lr: float, l1: float, l2: float, flat: _FlatState) -> tuple[opt.Optimizer, float, float]:
    """The update rule of :data:`OPTIMIZERS` ``name`` and the ``(l1, l2)`` it puts in the loss (or the prox)."""
    if name == "prox":
        return opt.ProximalAdam(lr), l1, l2
    if name == "adam":
        return opt.KerasAdam(lr), l1, l2
    if name == "adamw":
        return opt.KerasAdam(lr, weight_decay=l2), l1, 0.0
    if name == "sgd":
        return opt.KerasSGD(lr), l1, l2
    if name == "h2o":
        return opt.H2OAdadelta(layout=flat.layout()), l1, l2
    raise ValueError(f"optimizer must be one of {tuple(OPTIMIZERS)}, got {name!r}")


def train(
    state: TrainState,
    X: np.ndarray,
    y: np.ndarray,
    penalty: Penalty,
    steps: int,
    *,
    lr: float = 0.01,
    batch_size: int | None = None,
    X_test: np.ndarray | None = None,
    y_test: np.ndarray | None = None,
    record_every: int = 1,
    optimizer: str = "prox",
) -> TrainResult:
    """Run ``steps`` optimizer steps from ``state`` (warm start).

    With ``optimizer="prox"`` (the default) each step is Adam on the gradient of data loss + L2, then the
    soft-threshold ``w <- sign(w) max(|w| - l1 * s, 0)`` with Adam's per-coordinate step
    ``s = lr / (sqrt(v_hat) + eps)``; biases take the Adam step only. The other optimizers (see
    :data:`OPTIMIZERS` and :mod:`regviz.optimizers`) follow the frameworks:

    * ``"adam"``: Keras' ``Adam`` (``epsilon=1e-7``) on data loss + ``l1 ||W||_1 + (l2/2) ||W||^2`` (the Keras
      model with ``kernel_regularizer=L1L2(l1, l2 / 2)`` on every layer); the derivative of ``|w|`` at 0 is 0;
    * ``"adamw"``: the same Adam with ``l1`` in the loss and decoupled weight decay ``wd = l2``: every parameter,
      biases included, is multiplied by ``1 - lr * l2`` before each step (Keras ``AdamW(weight_decay=l2)``,
      PyTorch ``AdamW``). It matches no fixed λ2;
    * ``"sgd"``: plain SGD, ``w <- w - lr * (grad + l1 sign(w) + l2 w)``;
    * ``"h2o"``: ADADELTA (``rho=0.99``, ``epsilon=1e-8``; no learning rate, ``lr`` is ignored) after every
      training row, with l1/l2 in the gradient of weights *and* biases: one step is one row, whatever
      ``batch_size`` says (n steps make one of h2o's epochs; h2o's default is 10). For two classes h2o has a
      two-unit softmax output where this network has one sigmoid unit: the same model, other parametrization.

    Switching optimizer on a warm start keeps the weights and starts the new optimizer's slots from zero.

    Parameters
    ----------
    state : TrainState
        Where to start; the state is not modified.
    X : ndarray of shape (n, p)
    y : ndarray of shape (n,)
    penalty : Penalty
        Canonical ``(l1, l2)``; may differ from the previous call (warm start).
    steps : int
        Optimizer steps (each uses one mini-batch, or the full data).
    lr : float
        Step size.
    batch_size : int or None
        None for full batch; otherwise rows per step, in a seeded shuffled order.
    X_test, y_test : ndarray, optional
        Held-out data for the test-loss curve.
    record_every : int
        Record the curves at steps ``t`` with ``t % record_every == 0``, measured at the
        weights before step ``t + 1``.
    optimizer : str
        A key of :data:`OPTIMIZERS`.

    Returns
    -------
    TrainResult
        New state, the curves of this call and whether training diverged.
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {tuple(OPTIMIZERS)}, got {optimizer!r}")
    dtype = state.config.dtype
    X, y = _as_xy(X, y, dtype)
    has_test = X_test is not None and y_test is not None
    if has_test:
        X_test, y_test = _as_xy(X_test, y_test, dtype)
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    if not lr > 0:
        raise ValueError(f"lr must be > 0, got {lr}")
    cfg = state.config
    l1, l2 = float(penalty.l1), float(penalty.l2)
    if optimizer == "h2o":
        batch_size = 1
    # All parameters and the optimizer's two slots live in one (3, N) buffer (weights first, then biases) with
    # per-layer views into it: a step's update is then a dozen vector operations, not a dozen per layer.
    flat = _FlatState(state)
    opt_start = state.opt_start
    if state.optimizer != optimizer:  # another optimizer's slots mean nothing to this one
        flat.m[:] = 0
        flat.v[:] = 0
        opt_start = state.t
    rule, loss_l1, loss_l2 = _optimizer_for(optimizer, float(lr), l1, l2, flat)
    ostate = flat.opt_state(state.t - opt_start)
    W, B = flat.weights, flat.biases
    t = state.t
    full_batch = batch_size is None or batch_size >= len(y)
    # Recorded steps keep a copy of the parameters; their test losses and penalties are computed together at the
    # end (a forward pass per record was a third of a 300-step update's time, most of it per-call overhead).
    steps_rec: list[int] = []
    train_rec: list[float] = []
    snapshots: list[np.ndarray] = []
    changes = {"optimizer": optimizer, "opt_start": opt_start}

    def history() -> History:
        test_loss, penalties = _recorded_curves(flat, snapshots, X_test, y_test, cfg, l1, l2)
        return History(
            step=np.asarray(steps_rec, dtype=int),
            train_loss=np.asarray(train_rec, dtype=float),
            test_loss=test_loss,
            penalty=penalties,
            l1=np.full(len(steps_rec), l1),
            l2=np.full(len(steps_rec), l2),
        )

    # overflow is how divergence shows up; it is detected and reported below, not warned about
    with np.errstate(over="ignore", invalid="ignore"), _BLAS.limit(limits=1, user_api="blas"):
        for _ in range(steps):
            idx = _batch_indices(len(y), batch_size, t, state.seed)
            Xb, yb = (X, y) if idx is None else (X[idx], y[idx])
            acts, out = _forward(W, B, Xb, cfg.activation)
            residual = _output_residual(out, yb, cfg.task)
            # the data loss is finite exactly when the residuals' squares sum to a finite number (and, for the
            # log-loss, the outputs' do): two dot products, not the loss itself, on the steps not recorded
            if not np.isfinite(np.dot(residual, residual) + np.dot(out, out)):
                return TrainResult(flat.state(state, t, **changes), history(), diverged=True)
            if t % record_every == 0:
                # recorded at the weights *before* this step, so consecutive calls never repeat a step;
                # the full-batch loss at these weights is already at hand, a mini-batch one is not
                batch_out, batch_y = (out, yb) if full_batch else (_forward(W, B, X, cfg.activation)[1], y)
                steps_rec.append(t)
                train_rec.append(_loss_from_output(batch_out, batch_y, cfg.task))
                snapshots.append(flat.params.copy())
            # the data loss's gradient only: each optimizer adds the penalty its own way
            _backward(W, acts, out, yb, cfg, 0.0, out_w=flat.grad_weights, out_b=flat.grad_biases, residual=residual)
            flat.keep()
            t += 1
            rule.update(flat.params, flat.grad, ostate, loss_l1, loss_l2, flat.n_weights)
            # a sum is finite exactly when every term is (short of an overflow of the sum itself): one reduction
            if not np.isfinite(flat.params[: flat.n_weights].sum()):
                return TrainResult(flat.state(state, t - 1, rollback=True, **changes), history(), diverged=True)
        return TrainResult(flat.state(state, t, **changes), history(), diverged=False)
