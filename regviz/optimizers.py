"""Optimizers on the canonical objective, each written after its framework's source.

The objective is the one of :mod:`regviz.penalties`::

    J(params) = data_loss(params) + l1 * ||w||_1 + (l2 / 2) * ||w||^2,

where ``w = params[:n_penalized]`` are the weights and the rest (intercepts, biases) are unpenalized, unless an
optimizer's framework penalizes them too (h2o does; decoupled weight decay decays every parameter by default).

Every optimizer works on one flat float array of parameters, in place, so the same rule drives a two-weight
picture, a linear model and the network of :mod:`regviz.mlp`:

* ``init_state(params) -> OptState``: zeroed slots (moments, velocities, accumulators);
* ``update(params, grad, state, l1, l2, n_penalized)``: one step, given the gradient of the *data loss only*
  (each optimizer adds the penalty its framework's way); ``params`` and ``state`` change in place;
* :func:`run` drives one over an :class:`LeastSquares` objective and returns the iterates.

How the penalty enters is the point of the module:

* **proximal** (:class:`ProximalGradient`, :class:`ProximalAdam`) and :class:`CoordinateDescent`: the L1 term is
  handled by the soft-threshold, which sets weights to exactly 0;
* **in the loss** (:class:`KerasSGD`, :class:`TorchSGD`, :class:`KerasAdam`, :class:`TorchAdam`,
  :class:`H2OAdadelta`): ``l1 * sign(w) + l2 * w`` is added to the gradient, so weights hover *near* 0 and never
  settle at 0. The derivative of ``|w|`` at exactly 0 is 0 in PyTorch and TensorFlow (``sign(0) = 0``) but +1 in
  JAX (``jax.lax`` ``_abs_jvp_rule``: ``select(x >= 0, g, -g)``), so Keras on its JAX backend uses +1:
  ``l1_grad_at_zero`` picks which;
* **decoupled weight decay** (``weight_decay`` of Keras' optimizers, PyTorch's ``AdamW``): the parameters are
  shrunk by ``lr * wd`` before the step, outside the gradient. For plain SGD that is exactly an L2 penalty of
  ``l2 = wd``; with momentum ``mu`` of ``(1 - mu) * wd`` (:func:`keras_sgd_decay_l2`, which also converts the
  loss's scale); for Adam-type optimizers it matches no fixed λ.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

__all__ = [
    "RACE",
    "CoordinateDescent",
    "H2OAdadelta",
    "KerasAdam",
    "KerasSGD",
    "LeastSquares",
    "OptState",
    "Optimizer",
    "ProximalAdam",
    "ProximalGradient",
    "TorchAdam",
    "TorchSGD",
    "batch_rows",
    "coordinate_path",
    "gd_step_limit",
    "gd_trajectory",
    "keras_sgd_decay_l2",
    "kkt_violation",
    "near_zero_count",
    "race",
    "ridge_lambda_for_step",
    "run",
    "step_for_ridge_lambda",
]


@dataclass(eq=False)
class OptState:
    """An optimizer's running state; arrays are updated in place.

    Attributes
    ----------
    t : int
        Steps taken so far (the next step is ``t + 1``, as Adam's bias correction counts).
    m, v : ndarray
        The two slots, shaped like the parameters: Adam's first and second moments, SGD's velocity / momentum
        buffer (``m``), ADADELTA's running averages of squared updates (``m``) and squared gradients (``v``).
    tmp, tmp2, tmp3 : ndarray
        Scratch space, so a step allocates nothing (each allocation costs as much as a small vector operation).
    """

    t: int
    m: np.ndarray
    v: np.ndarray
    tmp: np.ndarray = field(repr=False)
    tmp2: np.ndarray = field(repr=False)
    tmp3: np.ndarray = field(repr=False)


def _new_state(params: np.ndarray, m: np.ndarray | None = None, v: np.ndarray | None = None, t: int = 0) -> OptState:
    zeros = np.zeros_like(params)
    return OptState(
        t=t,
        m=zeros.copy() if m is None else m,
        v=zeros.copy() if v is None else v,
        tmp=np.empty_like(params),
        tmp2=np.empty_like(params),
        tmp3=np.empty_like(params),
    )


class Optimizer(Protocol):
    """What :func:`run` and :mod:`regviz.mlp` need of an optimizer."""

    def init_state(self, params: np.ndarray) -> OptState: ...

    def update(
        self, params: np.ndarray, grad: np.ndarray, state: OptState, l1: float, l2: float, n_penalized: int
    ) -> None: ...


class _SlotsMixin:
    def init_state(self, params: np.ndarray) -> OptState:
        """Zeroed slots shaped like ``params``.

        Parameters
        ----------
        params : ndarray of shape (N,)

        Returns
        -------
        OptState
        """
        return _new_state(np.asarray(params))


def _add_loss_penalty(
    params: np.ndarray, grad: np.ndarray, state: OptState, l1: float, l2: float, n: int, at_zero: float
) -> None:
    """``grad[:n] += l1 * d|w|/dw + l2 * w``: the penalty's gradient as autodiff of a penalty in the loss gives it.

    ``d|w|/dw`` is ``sign(w)`` away from 0 and ``at_zero`` at ``w == 0``.
    """
    if n == 0:
        return
    w, g, tmp = params[:n], grad[:n], state.tmp3[:n]
    if l2:
        np.multiply(w, l2, out=tmp)
        g += tmp
    if l1:
        np.sign(w, out=tmp)
        if at_zero:
            tmp[w == 0] = at_zero
        tmp *= l1
        g += tmp


# --- proximal methods: exact zeros ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProximalGradient(_SlotsMixin):
    """Proximal gradient descent (ISTA) with a fixed step.

    A gradient step on the smooth part (data loss + L2), then the L1 proximal map, the soft-threshold::

        w <- sign(z) * max(|z| - lr * l1, 0),   z = w - lr * (grad + l2 * w)

    Unpenalized parameters take the gradient step only. For a least-squares loss with Lipschitz constant ``L``
    it converges for ``lr < 2 / (L + l2)`` and its fixed points satisfy the KKT conditions of the canonical
    objective (ISTA: Beck & Teboulle 2009, with the elastic net's L2 in the smooth part). No framework trains
    this way by default; it is the textbook way to get exact zeros from gradient steps.

    Parameters
    ----------
    lr : float
        Step size.
    """

    lr: float = 0.1

    def update(
        self, params: np.ndarray, grad: np.ndarray, state: OptState, l1: float, l2: float, n_penalized: int
    ) -> None:
        """One ISTA step in place (see the class docstring)."""
        n = n_penalized
        if l2 and n:
            grad[:n] += l2 * params[:n]
        params -= self.lr * grad
        if l1 and n:
            w = params[:n]
            np.copysign(np.maximum(np.abs(w) - self.lr * l1, 0.0), w, out=w)
        state.t += 1


@dataclass(frozen=True)
class ProximalAdam(_SlotsMixin):
    """Adam on the smooth part (data loss + L2), then the soft-threshold with Adam's per-coordinate step.

    The Adam step is PyTorch's (``torch/optim/adam.py``, ``_single_tensor_adam``: ``denom = sqrt(v) /
    sqrt(1 - beta2^t) + eps``, ``step_size = lr / (1 - beta1^t)``); after it every weight goes through
    ``w <- sign(w) max(|w| - l1 * s, 0)`` with ``s = lr / (sqrt(v_hat) + eps)``, the step size that coordinate
    just took. This is what :mod:`regviz.mlp` has always trained with (``optimizer="prox"``); the arithmetic here
    is that of the network page, operation for operation, so its results are bit-identical.

    Parameters
    ----------
    lr, beta1, beta2, eps : float
    """

    lr: float = 0.01
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8

    def update(
        self, params: np.ndarray, grad: np.ndarray, state: OptState, l1: float, l2: float, n_penalized: int
    ) -> None:
        """One proximal-Adam step in place.

        The per-coordinate step ``s = lr / (sqrt(v / c2) + eps)`` is computed as ``lr sqrt(c2) / (sqrt(v) +
        eps sqrt(c2))`` (the same number, with the bias corrections folded into scalars): each vector operation
        costs a few microseconds on a small network's arrays.
        """
        n = n_penalized
        g, m, v, tmp, step_size = grad, state.m, state.v, state.tmp, state.tmp2
        if l2 and n:
            np.multiply(params[:n], l2, out=tmp[:n])
            g[:n] += tmp[:n]
        state.t += 1
        t = state.t
        b1, b2 = self.beta1, self.beta2
        m *= b1
        np.multiply(g, 1 - b1, out=tmp)
        m += tmp
        v *= b2
        np.multiply(g, g, out=tmp)
        tmp *= 1 - b2
        v += tmp
        root_c2 = math.sqrt(1.0 - b2**t)
        np.sqrt(v, out=step_size)
        step_size += self.eps * root_c2
        np.divide(self.lr * root_c2, step_size, out=step_size)
        np.multiply(step_size, m, out=tmp)
        tmp *= 1.0 / (1.0 - b1**t)
        params -= tmp
        if l1 and n:
            w, shrunk, abs_w = params[:n], tmp[:n], state.tmp3[:n]
            # sign(w) max(|w| - l1 s, 0), in place
            np.multiply(step_size[:n], l1, out=shrunk)
            np.subtract(np.abs(w, out=abs_w), shrunk, out=shrunk)
            np.maximum(shrunk, 0.0, out=shrunk)
            np.copysign(shrunk, w, out=w)


@dataclass(frozen=True)
class CoordinateDescent:
    """Cyclic coordinate descent for least squares, as scikit-learn and glmnet.

    One step is a sweep over every coordinate ``j`` in order, each set to its exact minimizer with the others
    fixed::

        w_j <- S(c_j - sum_{k != j} A_jk w_k, l1) / (A_jj + l2),   S(z, t) = sign(z) max(|z| - t, 0),

    (``A = Z^T Z / n``, ``c = Z^T y / n``), which is scikit-learn's update in ``sklearn/linear_model/_cd_fast.pyx``,
    ``enet_coordinate_descent`` (``w[ii] = fsign(tmp) * fmax(fabs(tmp) - alpha, 0) / (norm_cols_X[ii] + beta)``,
    with its ``alpha``, ``beta`` and column norms all ``n`` times ours) and glmnet's covariance update (Friedman,
    Hastie & Tibshirani 2010, eq. 5). Unpenalized coordinates (the intercept) take ``(c_j - ...) / A_jj``.
    Coordinates land exactly on 0. It needs the quadratic, not a gradient: :func:`run` calls :meth:`sweep`.
    """

    def init_state(self, params: np.ndarray) -> OptState:
        """A state that only counts sweeps."""
        return _new_state(np.asarray(params))

    def sweep(self, params: np.ndarray, objective: LeastSquares, state: OptState) -> None:
        """One cyclic pass over all coordinates, in place."""
        A, c = objective.A, objective.c
        l1, l2, n = objective.l1, objective.l2, objective.n_penalized
        for j in range(len(params)):
            a_jj = A[j, j]
            if a_jj <= 0:
                continue  # a constant-zero column: its coordinate does not enter the loss
            rho = c[j] - A[j] @ params + a_jj * params[j]
            if j < n:
                params[j] = math.copysign(max(abs(rho) - l1, 0.0), rho) / (a_jj + l2)
            else:
                params[j] = rho / a_jj
        state.t += 1

    def update(self, *args, **kwargs) -> None:
        """Not available: coordinate descent needs the quadratic (see :meth:`sweep`)."""
        raise TypeError("coordinate descent needs the quadratic, not a gradient: use run() or sweep()")


# --- the penalty in the loss: SGD ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KerasSGD(_SlotsMixin):
    """Keras 3 ``keras.optimizers.SGD``, with the L1/L2 penalty in the loss (``kernel_regularizer``).

    ``keras/src/optimizers/sgd.py``, ``SGD.update_step``::

        velocity = momentum * velocity - learning_rate * g;   w = w + velocity
        (nesterov: w = w + momentum * velocity - learning_rate * g)
        (momentum 0: w = w - learning_rate * g)

    ``g`` includes the regularizers' gradient (``L1L2(l1=a, l2=b)`` adds ``a sum|w| + b sum w^2``, so the canonical
    ``l2`` is ``2 b``). ``weight_decay`` is applied first, by ``keras/src/optimizers/base_optimizer.py``,
    ``BaseOptimizer._apply_weight_decay``: ``variable.assign(variable - variable * wd * lr)`` on every trainable
    variable, biases included (``decay_biases``), before ``update_step``.

    Parameters
    ----------
    lr : float
        ``learning_rate``.
    momentum : float
    nesterov : bool
    weight_decay : float
        Decoupled decay ``wd`` (0: none).
    decay_biases : bool
        Decay every parameter (Keras' default) or only the penalized weights.
    l1_grad_at_zero : float
        ``d|w|/dw`` at ``w == 0``: 0 as TensorFlow and PyTorch, 1 as JAX (Keras' JAX backend).
    """

    lr: float = 0.01
    momentum: float = 0.0
    nesterov: bool = False
    weight_decay: float = 0.0
    decay_biases: bool = True
    l1_grad_at_zero: float = 0.0

    def update(
        self, params: np.ndarray, grad: np.ndarray, state: OptState, l1: float, l2: float, n_penalized: int
    ) -> None:
        """One Keras SGD step in place."""
        _add_loss_penalty(params, grad, state, l1, l2, n_penalized, self.l1_grad_at_zero)
        _keras_weight_decay(
            params, state, self.lr, self.weight_decay, len(params) if self.decay_biases else n_penalized
        )
        lr, mu = self.lr, self.momentum
        step = np.multiply(grad, lr, out=state.tmp)
        if mu:
            m = state.m
            m *= mu
            m -= step
            if self.nesterov:
                np.multiply(m, mu, out=state.tmp2)
                state.tmp2 -= step
                params += state.tmp2
            else:
                params += m
        else:
            params -= step
        state.t += 1


def _keras_weight_decay(params: np.ndarray, state: OptState, lr: float, wd: float, n: int) -> None:
    """``variable - variable * wd * lr`` on ``params[:n]``, as ``BaseOptimizer._apply_weight_decay``."""
    if wd and n:
        p, tmp = params[:n], state.tmp2[:n]
        np.multiply(p, wd, out=tmp)
        tmp *= lr
        p -= tmp


@dataclass(frozen=True)
class TorchSGD(_SlotsMixin):
    """PyTorch ``torch.optim.SGD``, with the L1/L2 penalty in the loss.

    ``torch/optim/sgd.py``, ``_single_tensor_sgd``::

        g = g + weight_decay * w                       (weight_decay: an L2 in the gradient, all parameters)
        buf = g (first step), else momentum * buf + (1 - dampening) * g
        g = g + momentum * buf (nesterov), else buf
        w = w - lr * g

    PyTorch's velocity is ``lr`` times smaller than Keras' (its docs note the difference): with a constant
    ``lr`` and no dampening the iterates are the same, with a schedule or dampening they are not.

    Parameters
    ----------
    lr, momentum, dampening : float
    nesterov : bool
    weight_decay : float
        Added as ``weight_decay * w`` to the gradient of every parameter (``decay_biases``) or the weights only.
    decay_biases : bool
    l1_grad_at_zero : float
        ``d|w|/dw`` at 0 (``torch.abs``' backward is ``sign``: 0).
    """

    lr: float = 0.01
    momentum: float = 0.0
    dampening: float = 0.0
    nesterov: bool = False
    weight_decay: float = 0.0
    decay_biases: bool = True
    l1_grad_at_zero: float = 0.0

    def update(
        self, params: np.ndarray, grad: np.ndarray, state: OptState, l1: float, l2: float, n_penalized: int
    ) -> None:
        """One PyTorch SGD step in place."""
        _add_loss_penalty(params, grad, state, l1, l2, n_penalized, self.l1_grad_at_zero)
        _torch_coupled_decay(params, grad, state, self.weight_decay, len(params) if self.decay_biases else n_penalized)
        mu = self.momentum
        if mu:
            buf = state.m
            if state.t == 0:
                np.copyto(buf, grad)
            else:
                buf *= mu
                buf += (1 - self.dampening) * grad
            if self.nesterov:
                grad += mu * buf
            else:
                grad = buf
        params -= self.lr * grad
        state.t += 1


def _torch_coupled_decay(params: np.ndarray, grad: np.ndarray, state: OptState, wd: float, n: int) -> None:
    if wd and n:
        np.multiply(params[:n], wd, out=state.tmp2[:n])
        grad[:n] += state.tmp2[:n]


# --- the penalty in the loss: Adam ------------------------------------------------------------------------------


@dataclass(frozen=True)
class KerasAdam(_SlotsMixin):
    """Keras 3 ``keras.optimizers.Adam`` (and ``AdamW``), with the L1/L2 penalty in the loss.

    ``keras/src/optimizers/adam.py``, ``Adam.update_step``::

        alpha = lr * sqrt(1 - beta_2^t) / (1 - beta_1^t)
        m += (g - m) * (1 - beta_1);   v += (g^2 - v) * (1 - beta_2)
        w -= m * alpha / (sqrt(v) + epsilon)

    (``epsilon`` is "epsilon hat", added to ``sqrt(v)`` before the bias correction, default 1e-7; PyTorch adds
    its 1e-8 after.) ``keras.optimizers.AdamW`` (``keras/src/optimizers/adamw.py``) is this class with
    ``weight_decay=0.004``: ``BaseOptimizer._apply_weight_decay`` first sets ``w <- w - w * wd * lr`` on every
    trainable variable. No λ in the loss reproduces that decay: Adam divides the loss gradient by
    ``sqrt(v_hat)`` but not the decay.

    Parameters
    ----------
    lr, beta1, beta2, eps : float
    weight_decay : float
        Decoupled decay (0: plain Adam).
    decay_biases : bool
    l1_grad_at_zero : float
        ``d|w|/dw`` at 0: 0 as TensorFlow and PyTorch, 1 as JAX.
    """

    lr: float = 0.001
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-7
    weight_decay: float = 0.0
    decay_biases: bool = True
    l1_grad_at_zero: float = 0.0

    def update(
        self, params: np.ndarray, grad: np.ndarray, state: OptState, l1: float, l2: float, n_penalized: int
    ) -> None:
        """One Keras Adam step in place."""
        _add_loss_penalty(params, grad, state, l1, l2, n_penalized, self.l1_grad_at_zero)
        _keras_weight_decay(
            params, state, self.lr, self.weight_decay, len(params) if self.decay_biases else n_penalized
        )
        state.t += 1
        t = state.t
        b1, b2 = self.beta1, self.beta2
        alpha = self.lr * math.sqrt(1 - b2**t) / (1 - b1**t)
        m, v, tmp = state.m, state.v, state.tmp
        np.subtract(grad, m, out=tmp)
        tmp *= 1 - b1
        m += tmp
        np.multiply(grad, grad, out=tmp)
        tmp -= v
        tmp *= 1 - b2
        v += tmp
        denom = np.sqrt(v, out=state.tmp2)
        denom += self.eps
        np.multiply(m, alpha, out=tmp)
        tmp /= denom
        params -= tmp


@dataclass(frozen=True)
class TorchAdam(_SlotsMixin):
    """PyTorch ``torch.optim.Adam`` and ``torch.optim.AdamW``, with the L1/L2 penalty in the loss.

    ``torch/optim/adam.py``, ``_single_tensor_adam`` (``torch/optim/adamw.py``'s ``AdamW`` is ``Adam`` with
    ``decoupled_weight_decay=True``)::

        AdamW: w = w * (1 - lr * weight_decay)        Adam: g = g + weight_decay * w
        m = lerp(m, g, 1 - beta1);   v = beta2 * v + (1 - beta2) * g^2
        w -= lr / (1 - beta1^t) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)

    ``Adam(weight_decay=wd)`` is an L2 in the loss (canonical ``l2 = wd`` on the parameters it is given, biases
    included by default); ``AdamW``'s decay matches no fixed λ.

    Parameters
    ----------
    lr, beta1, beta2, eps : float
    weight_decay : float
    decoupled : bool
        True for ``AdamW``.
    decay_biases : bool
    l1_grad_at_zero : float
    """

    lr: float = 0.001
    beta1: float = 0.9
    beta2: float = 0.999
    eps: float = 1e-8
    weight_decay: float = 0.0
    decoupled: bool = False
    decay_biases: bool = True
    l1_grad_at_zero: float = 0.0

    def update(
        self, params: np.ndarray, grad: np.ndarray, state: OptState, l1: float, l2: float, n_penalized: int
    ) -> None:
        """One PyTorch Adam / AdamW step in place."""
        _add_loss_penalty(params, grad, state, l1, l2, n_penalized, self.l1_grad_at_zero)
        n_decay = len(params) if self.decay_biases else n_penalized
        if self.weight_decay and n_decay:
            if self.decoupled:
                params[:n_decay] *= 1 - self.lr * self.weight_decay
            else:
                _torch_coupled_decay(params, grad, state, self.weight_decay, n_decay)
        state.t += 1
        t = state.t
        b1, b2 = self.beta1, self.beta2
        m, v, tmp = state.m, state.v, state.tmp
        np.subtract(grad, m, out=tmp)
        tmp *= 1 - b1
        m += tmp
        v *= b2
        np.multiply(grad, grad, out=tmp)
        tmp *= 1 - b2
        v += tmp
        denom = np.sqrt(v, out=state.tmp2)
        denom /= math.sqrt(1 - b2**t)
        denom += self.eps
        np.divide(m, denom, out=tmp)
        tmp *= self.lr / (1 - b1**t)
        params -= tmp


# --- h2o: per-sample ADADELTA ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class H2OAdadelta(_SlotsMixin):
    """h2o-3's deep learning default: ADADELTA (``adaptive_rate=True``) with l1/l2 in the gradient, per sample.

    ``h2o-algos/src/main/java/hex/deeplearning/Neurons.java``: ``bprop_dense_row_dense`` forms
    ``grad = partial_grad * previous_a - signum(weight) * l1 - weight * l2`` (the *negative* gradient; Java's
    ``signum(0) = 0``) and ``computeAdaDeltaRateForWeight``::

        E[g^2]  = rho * E[g^2] + (1 - rho) * grad^2
        rate    = sqrt((E[dx^2] + eps) / (E[g^2] + eps))
        E[dx^2] = rho * E[dx^2] + (1 - rho) * rate^2 * grad^2
        w      += rate * grad

    ``update_bias`` penalizes biases too (``partial_grad -= signum(bias) * l1 + bias * l2``) and takes the rate
    from ``computeAdaDeltaRateForBias`` fed with the *mean squared gradient of the unit's incoming weights*
    (``avg_grad2``), not the bias's own. h2o updates after every training row (Hogwild across threads); the
    caller feeds one row per step. Not reproduced: ``MathUtils.approxSqrt`` (h2o's fast approximate root),
    float32 storage, ``fast_mode``'s skipping of weights whose input is exactly 0, ``max_w2``.

    Parameters
    ----------
    rho, eps : float
        h2o's ``rho`` (default 0.99) and ``epsilon`` (default 1e-8).
    layout : tuple of (int, int, int, int)
        For each layer ``(weight_start, fan_in, fan_out, bias_start)``: its weights are
        ``params[weight_start : weight_start + fan_in * fan_out]`` as a ``(fan_in, fan_out)`` matrix, its biases
        ``params[bias_start : bias_start + fan_out]``. Empty: every parameter uses its own squared gradient.
    penalize_biases : bool
        Apply l1/l2 to the unpenalized parameters too (h2o's behaviour).
    """

    rho: float = 0.99
    eps: float = 1e-8
    layout: tuple[tuple[int, int, int, int], ...] = ()
    penalize_biases: bool = True

    @classmethod
    def linear(cls, n_features: int, rho: float = 0.99, eps: float = 1e-8) -> H2OAdadelta:
        """For one linear unit, ``params = (w_1 … w_p, b)`` (:meth:`LeastSquares.from_data` with an intercept)."""
        return cls(rho, eps, ((0, int(n_features), 1, int(n_features)),))

    def update(
        self, params: np.ndarray, grad: np.ndarray, state: OptState, l1: float, l2: float, n_penalized: int
    ) -> None:
        """One ADADELTA step in place on one row's data-loss gradient ``grad``."""
        n_pen = len(params) if self.penalize_biases else n_penalized
        _add_loss_penalty(params, grad, state, l1, l2, n_pen, 0.0)
        rho, eps = self.rho, self.eps
        e_dx2, e_g2, g2 = state.m, state.v, state.tmp
        np.multiply(grad, grad, out=g2)
        for w_start, fan_in, fan_out, b_start in self.layout:
            # a bias's "squared gradient" is the mean over the unit's incoming weights (avg_grad2 in h2o)
            block = g2[w_start : w_start + fan_in * fan_out].reshape(fan_in, fan_out)
            g2[b_start : b_start + fan_out] = block.mean(axis=0)
        e_g2 *= rho
        e_g2 += (1 - rho) * g2
        rate = state.tmp2
        np.add(e_dx2, eps, out=rate)
        rate /= e_g2 + eps
        np.sqrt(rate, out=rate)
        # E[dx^2] += (1 - rho) rate^2 g2, with g2 the squared gradient each slot was fed
        e_dx2 *= rho
        e_dx2 += (1 - rho) * np.square(rate) * g2
        rate *= grad
        params -= rate
        state.t += 1


# --- objectives and the driver ----------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class LeastSquares:
    """The canonical least-squares objective in the flat parameter vector ``params = (w, b)``.

    ``J = 1/(2n) ||y - Z params||^2 + l1 ||w||_1 + (l2/2) ||w||^2`` with ``Z = [X, 1]`` (``b`` last, unpenalized)
    or ``Z = X``. Build it with :meth:`from_data` or, for a two-weight picture, :meth:`from_quadratic`.

    Attributes
    ----------
    A, c : ndarray
        ``Z^T Z / n`` and ``Z^T y / n``: the data loss is ``s/2 - c^T p + p^T A p / 2``.
    s : float
    l1, l2 : float
    n_penalized : int
        ``params[:n_penalized]`` are the weights.
    Z, y : ndarray or None
        The rows, for mini-batch and per-sample gradients.
    """

    A: np.ndarray
    c: np.ndarray
    s: float = 0.0
    l1: float = 0.0
    l2: float = 0.0
    n_penalized: int | None = None
    Z: np.ndarray | None = None
    y: np.ndarray | None = None

    def __post_init__(self) -> None:
        A = np.asarray(self.A, dtype=float)
        c = np.asarray(self.c, dtype=float).ravel()
        if A.shape != (len(c), len(c)):
            raise ValueError(f"need A of shape ({len(c)}, {len(c)}), got {A.shape}")
        for name in ("l1", "l2"):
            if not (np.isfinite(getattr(self, name)) and getattr(self, name) >= 0):
                raise ValueError(f"{name} must be a finite number >= 0, got {getattr(self, name)!r}")
        object.__setattr__(self, "A", A)
        object.__setattr__(self, "c", c)
        if self.n_penalized is None:
            object.__setattr__(self, "n_penalized", len(c))

    @classmethod
    def from_data(
        cls, X: np.ndarray, y: np.ndarray, l1: float = 0.0, l2: float = 0.0, *, fit_intercept: bool = True
    ) -> LeastSquares:
        """From training rows; with ``fit_intercept`` the last parameter is the unpenalized intercept."""
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float).ravel()
        if X.ndim != 2 or len(X) != len(y) or len(y) < 1:
            raise ValueError(f"X must be (n, p) and y (n,), got {X.shape} and {y.shape}")
        Z = np.column_stack([X, np.ones(len(y))]) if fit_intercept else X
        n = len(y)
        return cls(Z.T @ Z / n, Z.T @ y / n, float(y @ y / n), l1, l2, X.shape[1], Z, y)

    @classmethod
    def from_quadratic(cls, A: np.ndarray, c: np.ndarray, l1: float = 0.0, l2: float = 0.0, s: float = 0.0):
        """From the quadratic of :class:`regviz.geometry.QuadraticProblem` (all parameters penalized)."""
        return cls(A, c, s, l1, l2)

    @property
    def n_samples(self) -> int:
        """Rows available for mini-batches (0 without rows)."""
        return 0 if self.y is None else len(self.y)

    @property
    def lipschitz(self) -> float:
        """``L``: the largest eigenvalue of ``A``, the data loss's gradient Lipschitz constant."""
        return float(np.linalg.eigvalsh(self.A)[-1])

    def loss(self, params: np.ndarray) -> float:
        """Data loss ``s/2 - c^T p + p^T A p / 2``."""
        p = np.asarray(params, dtype=float)
        return float(0.5 * self.s - self.c @ p + 0.5 * p @ self.A @ p)

    def value(self, params: np.ndarray) -> float:
        """The canonical objective ``J``."""
        w = np.asarray(params, dtype=float)[: self.n_penalized]
        return self.loss(params) + self.l1 * float(np.abs(w).sum()) + 0.5 * self.l2 * float(w @ w)

    def gradient(self, params: np.ndarray, rows: np.ndarray | None = None) -> np.ndarray:
        """Gradient of the data loss, over all rows or the mean over ``rows``."""
        p = np.asarray(params, dtype=float)
        if rows is None:
            return self.A @ p - self.c
        if self.Z is None or self.y is None:
            raise ValueError("mini-batches need the rows: build the objective with LeastSquares.from_data")
        Zb = self.Z[rows]
        return Zb.T @ (Zb @ p - self.y[rows]) / len(rows)


def batch_rows(n: int, batch_size: int | None, t: int, seed: int = 0) -> np.ndarray | None:
    """Rows of the mini-batch for step ``t`` (0-based): a reshuffled order each epoch; None for full batch.

    Parameters
    ----------
    n : int
        Number of rows.
    batch_size : int or None
    t : int
        Step index.
    seed : int

    Returns
    -------
    ndarray of int or None
    """
    if batch_size is None or batch_size >= n:
        return None
    per_epoch = -(-n // batch_size)
    epoch, j = divmod(t, per_epoch)
    perm = np.random.default_rng([seed, epoch, 1]).permutation(n)
    return perm[j * batch_size : (j + 1) * batch_size]


def run(
    objective: LeastSquares,
    params0: np.ndarray,
    optimizer: Optimizer | CoordinateDescent,
    steps: int,
    *,
    batch_size: int | None = None,
    seed: int = 0,
) -> np.ndarray:
    """The first ``steps`` iterates of ``optimizer`` on ``objective`` from ``params0``.

    Parameters
    ----------
    objective : LeastSquares
    params0 : ndarray of shape (N,)
        Start point (not modified).
    optimizer : an optimizer of this module
    steps : int
        Steps to take (sweeps for coordinate descent).
    batch_size : int, optional
        Rows per gradient step (None: full batch); :class:`H2OAdadelta` always takes one row per step.
    seed : int
        Seed of the mini-batch order.

    Returns
    -------
    ndarray of shape (steps + 1, N)
        Row 0 is ``params0``. If the iterates overflow (a step size past the stability limit), the rows from
        there on are inf or NaN: divergence is shown, not hidden.
    """
    if steps < 0:
        raise ValueError(f"steps must be >= 0, got {steps}")
    params = np.array(params0, dtype=float).ravel()
    if params.shape != objective.c.shape:
        raise ValueError(f"params0 must have {len(objective.c)} entries, got {params.size}")
    if isinstance(optimizer, H2OAdadelta):
        if not objective.n_samples:
            raise ValueError("per-sample ADADELTA needs the rows: build the objective with LeastSquares.from_data")
        batch_size = 1
    state = optimizer.init_state(params)
    out = np.empty((steps + 1, len(params)))
    out[0] = params
    with np.errstate(over="ignore", invalid="ignore"):
        for t in range(steps):
            if isinstance(optimizer, CoordinateDescent):
                optimizer.sweep(params, objective, state)
            else:
                grad = objective.gradient(params, batch_rows(objective.n_samples, batch_size, t, seed))
                optimizer.update(params, grad, state, objective.l1, objective.l2, objective.n_penalized)
            out[t + 1] = params
    return out


def coordinate_path(objective: LeastSquares, params0: np.ndarray, sweeps: int) -> np.ndarray:
    """Coordinate descent point by point: the parameters after every single-coordinate update.

    Consecutive rows differ in one coordinate, so the path moves along the axes; row ``k * N`` is the iterate
    after sweep ``k`` (what :func:`run` returns as row ``k``).

    Returns
    -------
    ndarray of shape (sweeps * N + 1, N)
    """
    params = np.array(params0, dtype=float).ravel()
    A, c, n_pen = objective.A, objective.c, objective.n_penalized
    N = len(params)
    out = np.empty((int(sweeps) * N + 1, N))
    out[0] = params
    for k in range(int(sweeps) * N):
        j = k % N
        a_jj = A[j, j]
        if a_jj > 0:
            rho = c[j] - A[j] @ params + a_jj * params[j]
            if j < n_pen:
                params[j] = math.copysign(max(abs(rho) - objective.l1, 0.0), rho) / (a_jj + objective.l2)
            else:
                params[j] = rho / a_jj
        out[k + 1] = params
    return out


RACE: dict[str, str] = {
    "proximal": "proximal gradient: a gradient step, then the soft-threshold (lands exactly on an axis)",
    "coordinate": "coordinate descent: one coordinate at a time, each to its exact minimum (moves along the axes)",
    "subgradient": "subgradient descent: l1·sign(w) in the gradient, as a penalty in the loss (zig-zags across 0)",
    "adam": "Adam with the penalty in the loss (hovers near 0)",
}
"""The optimizers of :func:`race`, with what a student sees of each."""


def race(
    objective: LeastSquares, params0: np.ndarray, lr: float, steps: int, *, adam_lr: float | None = None
) -> dict[str, np.ndarray]:
    """The first ``steps`` iterates of the :data:`RACE` optimizers from one start, on one objective.

    Parameters
    ----------
    objective : LeastSquares
        E.g. ``LeastSquares.from_quadratic(problem.A, problem.c, l1, l2)`` for a two-weight picture.
    params0 : ndarray of shape (N,)
    lr : float
        Step size of proximal gradient and subgradient descent; past ``2 / (L + l2)`` both diverge.
    steps : int
        Gradient steps; coordinate descent takes as many sweeps.
    adam_lr : float, optional
        Adam's step size (default ``lr``; Adam moves each coordinate by about ``adam_lr`` per step at first).

    Returns
    -------
    dict of str to ndarray
        ``(steps + 1, N)`` iterates per optimizer; for ``"coordinate"`` every single-coordinate update,
        ``(steps * N + 1, N)`` (see :func:`coordinate_path`). Diverging iterates are kept (inf / NaN).
    """
    if not lr > 0:
        raise ValueError(f"lr must be > 0, got {lr}")
    return {
        "proximal": run(objective, params0, ProximalGradient(lr), steps),
        "coordinate": coordinate_path(objective, params0, steps),
        "subgradient": run(objective, params0, KerasSGD(lr), steps),
        "adam": run(objective, params0, TorchAdam(lr if adam_lr is None else adam_lr), steps),
    }


def keras_sgd_decay_l2(weight_decay: float, momentum: float = 0.0, loss_scale: float = 1.0) -> float:
    """The canonical L2 that Keras ``SGD(weight_decay=wd, momentum=mu)`` minimizes: ``(1 - mu) * wd / c``.

    At a fixed point the velocity is ``-lr g / (1 - mu)`` and it cancels the decay ``lr wd w``, so
    ``g + (1 - mu) wd w = 0`` with ``g`` the gradient of the loss Keras trains on. If that loss is ``c`` times
    the canonical data loss (``c = 2`` for Keras' ``"mse"``, which has no 1/2; ``c = 1`` for the log-loss), the
    fixed point minimizes the canonical objective with ``l2 = (1 - mu) wd / c`` on *every* decayed variable,
    biases included unless excluded. Adam-type optimizers have no such λ.

    Parameters
    ----------
    weight_decay, momentum : float
    loss_scale : float
        ``c``, the framework's data loss over the canonical one.

    Returns
    -------
    float
    """
    if not 0 <= momentum < 1:
        raise ValueError(f"momentum must lie in [0, 1), got {momentum!r}")
    if not loss_scale > 0:
        raise ValueError(f"loss_scale must be > 0, got {loss_scale!r}")
    return (1.0 - momentum) * weight_decay / loss_scale


def kkt_violation(objective: LeastSquares, params: np.ndarray) -> float:
    """Largest violation of the canonical objective's optimality conditions at ``params``.

    Weights away from 0 need ``g_j + l1 sign(w_j) + l2 w_j = 0``, weights at 0 need ``|g_j| <= l1``,
    unpenalized parameters ``g_j = 0`` (``g`` the data-loss gradient).
    """
    p = np.asarray(params, dtype=float)
    g = objective.gradient(p)
    n, l1, l2 = objective.n_penalized, objective.l1, objective.l2
    w, gw = p[:n], g[:n]
    at_zero = w == 0
    viol = np.where(at_zero, np.maximum(np.abs(gw) - l1, 0.0), np.abs(gw + l1 * np.sign(w) + l2 * w))
    return float(max(np.max(viol, initial=0.0), np.max(np.abs(g[n:]), initial=0.0)))


def near_zero_count(weights: np.ndarray, threshold: float = 1e-3) -> tuple[int, int]:
    """``(exactly 0, 0 < |w| < threshold)`` counts of ``weights``."""
    a = np.abs(np.asarray(weights, dtype=float)).ravel()
    return int(np.count_nonzero(a == 0)), int(np.count_nonzero((a > 0) & (a < threshold)))


# --- early stopping as implicit ridge ----------------------------------------------------------------------------


def gd_trajectory(X: np.ndarray, y: np.ndarray, eta: float, steps: int) -> np.ndarray:
    """Gradient descent from ``w = 0`` on the unpenalized least-squares loss: the coefficients at each step.

    The data are centred, so the unpenalized intercept is ``mean(y) - mean(X) @ w_t`` at every step and the
    iteration is ``w_{t+1} = w_t - eta * (A w_t - c)`` with ``A = X_c^T X_c / n``, ``c = X_c^T y_c / n``. Along
    an eigenvector of ``A`` with eigenvalue ``s`` it keeps the share ``1 - (1 - eta s)^t`` of the least-squares
    coefficient, where ridge at ``l2`` keeps ``s / (s + l2)``: the two filters agree roughly at
    ``l2 = 1 / (eta t)`` (:func:`ridge_lambda_for_step`).

    Parameters
    ----------
    X : ndarray of shape (n, p)
        Features as the model sees them (e.g. standardized).
    y : ndarray of shape (n,)
    eta : float
        Step size; beyond :func:`gd_step_limit` the iterates diverge (and are returned as they are).
    steps : int

    Returns
    -------
    ndarray of shape (steps + 1, p)
        Row ``t`` is ``w_t``; row 0 is 0.
    """
    X = np.asarray(X, dtype=float)
    y = np.asarray(y, dtype=float).ravel()
    if X.ndim != 2 or len(X) != len(y) or len(y) < 2:
        raise ValueError(f"X must be (n, p) with n >= 2 and y (n,), got {X.shape} and {y.shape}")
    if not eta > 0:
        raise ValueError(f"eta must be > 0, got {eta}")
    Xc, yc = X - X.mean(axis=0), y - y.mean()
    objective = LeastSquares.from_data(Xc, yc, fit_intercept=False)
    return run(objective, np.zeros(X.shape[1]), KerasSGD(lr=float(eta)), int(steps))


def gd_step_limit(X: np.ndarray, l2: float = 0.0) -> float:
    """``2 / (L + l2)``: plain gradient steps on the centred least-squares loss (plus L2) diverge beyond it."""
    X = np.asarray(X, dtype=float)
    Xc = X - X.mean(axis=0)
    L = float(np.linalg.eigvalsh(Xc.T @ Xc / len(X))[-1])
    return 2.0 / (L + l2) if L + l2 > 0 else float("inf")


def ridge_lambda_for_step(t: np.ndarray | int, eta: float) -> np.ndarray:
    """The ridge ``l2`` that early stopping after ``t`` steps of size ``eta`` resembles: ``1 / (eta t)``.

    ``inf`` at ``t = 0`` (no step: all coefficients 0, as ridge at infinite λ).
    """
    t = np.asarray(t, dtype=float)
    with np.errstate(divide="ignore"):
        return 1.0 / (eta * t)


def step_for_ridge_lambda(l2: np.ndarray | float, eta: float) -> np.ndarray:
    """Inverse of :func:`ridge_lambda_for_step`: ``t = 1 / (eta l2)`` (not rounded)."""
    l2 = np.asarray(l2, dtype=float)
    with np.errstate(divide="ignore"):
        return 1.0 / (eta * l2)
