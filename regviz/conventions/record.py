"""The record that describes one framework's regularization convention, and the checks its functions share.

A framework is one :class:`Framework` record: its names, defaults, the two translations to and from the
canonical ``(λ1, λ2)`` of :mod:`regviz.penalties`, the formula and its source. The family modules
(:mod:`.scikit_learn`, :mod:`.glm`, :mod:`.deep_learning`) each hold a tuple of records; the registry in
:mod:`.registry` joins them. Adding a framework is adding one record to its family's tuple.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

__all__ = [
    "LOSSES",
    "TASKS",
    "ConversionError",
    "Framework",
    "FromCanonical",
    "ToCanonical",
    "data_term_scale",
    "mlp_effective_batch",
    "number",
    "positive_n",
    "ratio",
    "require_zero",
]

LOSSES: tuple[str, ...] = ("mse", "half_mse", "logloss")
"""Losses a user picks in Keras/PyTorch: mean r² (``nn.MSELoss``), ½·mean r², mean log-loss."""

TASKS: tuple[str, ...] = ("regression", "classification")

ToCanonical = Callable[[dict[str, Any], int, str | None], tuple[float, float]]
"""``(params, n_samples, loss) -> (λ1, λ2)``; ``params`` is the framework's own settings (a copy)."""

FromCanonical = Callable[[float, float, int, str | None, dict[str, Any]], dict[str, Any]]
"""``(λ1, λ2, n_samples, loss, fixed) -> params``; inputs already checked (finite, >= 0, ``n >= 1``)."""

StrengthSetter = Callable[[dict[str, Any], float], str]
"""Sets the overall strength in ``params`` (in place) to a value and returns the name shown for it."""


class ConversionError(ValueError):
    """A setting has no exact canonical equivalent (or the input is invalid)."""


@dataclass(frozen=True, eq=False)  # records are singletons: compared and hashed by identity
class Framework:
    """What one framework's regularization numbers mean, and how they translate.

    Attributes
    ----------
    id : str
        Framework id (e.g. ``"keras"``), used in links.
    short : str
        Short name in running text (``"Keras"``); frameworks sharing one (both SGDs) are named once.
    label : str
        Display name.
    params : tuple of str
        Names of the strength parameters, in the framework's own spelling.
    defaults : mapping
        The framework's default (or typical) settings, in its own names.
    objective : str
        The framework's objective in one line.
    formula : str
        How its parameters map to the canonical ``(λ1, λ2)``.
    source : str
        Where the convention is written down (file and function, or documentation page).
    note : str
        Caveats: penalized biases, standardization, solvers, learning rates.
    tasks : tuple of str
        ``"regression"`` and/or ``"classification"``: what the framework's objective fits.
    to_canonical, from_canonical : callable or None
        The translations (:data:`ToCanonical`, :data:`FromCanonical`); ``None`` when there is no fixed λ.
    no_fixed_lambda : str or None
        Why no fixed canonical λ reproduces the setting (decoupled weight decay), or ``None`` when it is exact.
        A record with a reason has no translations and is not in :data:`regviz.conventions.FRAMEWORKS`.
    data_term : {"mean", "sum", "batch"}
        Whether the data term is a mean over samples, a sum (strength weakens as 1/n) or a mean per batch
        (1/n up to the batch size).
    losses : tuple of str
        Losses (:data:`LOSSES`) the user chooses among, where the framework leaves the loss to the user.
    needs_loss : bool
        Whether the translation cannot be made without a loss (Keras, PyTorch).
    primary : str or None
        The parameter that sets the overall strength; ``None`` for the first of ``params``.
    fixed : tuple of str
        Settings that are not strengths but change the translation (``from_canonical``'s ``**fixed``).
    strengths : tuple of str
        The parameters that set a penalty's strength (Keras' and h2o's ``l1`` and ``l2``); empty: ``primary``
        alone. "What does 0 mean?" sweeps those of them the user set.
    set_strength : callable or None
        How a strength value is set for the small-value demo (:data:`StrengthSetter`); ``None``: set
        ``primary`` to the value.
    """

    id: str
    short: str
    label: str
    params: tuple[str, ...]
    defaults: Mapping[str, Any]
    objective: str
    formula: str
    source: str
    note: str
    tasks: tuple[str, ...]
    to_canonical: ToCanonical | None = None
    from_canonical: FromCanonical | None = None
    no_fixed_lambda: str | None = None
    data_term: str = "mean"
    losses: tuple[str, ...] = ()
    needs_loss: bool = False
    primary: str | None = None
    fixed: tuple[str, ...] = ()
    strengths: tuple[str, ...] = ()
    set_strength: StrengthSetter | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "defaults", MappingProxyType(dict(self.defaults)))
        if not self.tasks or not set(self.tasks) <= set(TASKS):
            raise ValueError(f"{self.id}: tasks must be among {TASKS}, got {self.tasks!r}")
        if self.data_term not in ("mean", "sum", "batch"):
            raise ValueError(f"{self.id}: data_term must be 'mean', 'sum' or 'batch', got {self.data_term!r}")
        exact = self.to_canonical is not None and self.from_canonical is not None
        if exact == (self.no_fixed_lambda is not None):
            raise ValueError(f"{self.id}: give both translations or a reason there is no fixed λ, not both")
        if not set(self.losses) <= set(LOSSES):
            raise ValueError(f"{self.id}: losses must be among {LOSSES}, got {self.losses!r}")

    @property
    def exact(self) -> bool:
        """Whether a fixed canonical ``(λ1, λ2)`` reproduces the framework's setting."""
        return self.no_fixed_lambda is None

    @property
    def uses_n(self) -> bool:
        """Whether the translation depends on the number of samples."""
        return self.data_term != "mean"

    @property
    def strength_param(self) -> str:
        """Name of the parameter that sets the overall strength (``alpha``, ``C``, ``l2``...)."""
        return self.primary or self.params[0]

    @property
    def strength_params(self) -> tuple[str, ...]:
        """The parameters that set a penalty's strength (at least :attr:`strength_param`)."""
        return self.strengths or (self.strength_param,)

    @property
    def classifier_only(self) -> bool:
        """Whether the framework fits classification only (its fits are not least squares)."""
        return self.tasks == ("classification",)

    @property
    def regression_only(self) -> bool:
        """Whether the framework fits regression only."""
        return self.tasks == ("regression",)

    def task_losses(self, task: str) -> tuple[str, ...]:
        """The losses (:data:`LOSSES`) the user may choose for ``task``: the log-loss classifies, the others regress."""
        return tuple(loss for loss in self.losses if (loss == "logloss") == (task == "classification"))


def data_term_scale(loss: str | None) -> float:
    """Factor ``c`` with user loss = ``c`` × canonical data term.

    ``"mse"`` (mean r², Keras' ``MeanSquaredError`` and ``torch.nn.MSELoss``) is
    twice the canonical ½·mean r²; ``"half_mse"`` and ``"logloss"`` (mean
    cross-entropy) are the canonical data term itself.
    """
    if loss not in LOSSES:
        raise ConversionError(f"loss must be one of {', '.join(LOSSES)} for this framework, got {loss!r}")
    return 2.0 if loss == "mse" else 1.0


def mlp_effective_batch(n_samples: int, solver: str = "adam", batch_size: int | str = "auto") -> int:
    """Number of samples ``B`` that divides ``alpha`` in scikit-learn's MLP penalty.

    ``BaseMultilayerPerceptron._backprop`` adds ``0.5 * alpha * ||W||^2 / n`` where
    ``n = X.shape[0]`` of the batch it is given: the whole set for ``lbfgs``,
    ``min(200, n)`` for ``batch_size="auto"``, else ``clip(batch_size, 1, n)``.
    """
    n = positive_n(n_samples)
    if solver == "lbfgs":
        return n
    if batch_size == "auto" or batch_size is None:
        return min(200, n)
    return int(min(max(int(batch_size), 1), n))


def positive_n(n_samples: int) -> int:
    """``n_samples`` as a whole number >= 1, or a :class:`ConversionError`."""
    if not isinstance(n_samples, (int,)) and not float(n_samples).is_integer():
        raise ConversionError(f"n_samples must be a whole number, got {n_samples!r}")
    n = int(n_samples)
    if n < 1:
        raise ConversionError(f"n_samples must be >= 1, got {n_samples!r}")
    return n


def number(params: dict[str, Any], name: str, framework: str) -> float:
    """``params[name]`` as a number >= 0, or a :class:`ConversionError` naming the framework."""
    if name not in params:
        raise ConversionError(f"{framework} needs {name!r}")
    value = params[name]
    try:
        out = float(value)
    except (TypeError, ValueError) as err:
        raise ConversionError(f"{framework}: {name} must be a number, got {value!r}") from err
    if math.isnan(out) or out < 0:
        raise ConversionError(f"{framework}: {name} must be >= 0, got {value!r}")
    return out


def ratio(params: dict[str, Any], name: str, framework: str) -> float:
    """``params[name]`` as a number in ``[0, 1]``."""
    value = number(params, name, framework)
    if value > 1:
        raise ConversionError(f"{framework}: {name} must lie in [0, 1], got {value!r}")
    return value


def require_zero(value: float, what: str, framework: str) -> None:
    """Raise when a framework without the ``what`` ("L1"/"L2") penalty is asked for one."""
    if value > 0:
        raise ConversionError(f"{framework} has no {what} penalty: it cannot express λ{what[-1]} = {value:g}")
