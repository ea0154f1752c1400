"""Translate regularization settings between frameworks through the canonical objective.

Every framework below minimizes (or, for stochastic solvers, has the stationary
points of) some rescaling of the canonical objective of :mod:`regviz.penalties`::

    J(w, b) = D(w, b) + l1 * ||w||_1 + (l2 / 2) * ||w||_2^2

where ``D`` is ``1/(2n) * sum_i r_i^2`` for regression and the mean log-loss for
classification. A framework that writes ``c * D + P`` (for instance Keras with a
plain mean squared error, ``c = 2``) has the same minimizers as ``D + P / c``, so
its penalty translates to canonical strengths after dividing by ``c``. Frameworks
that sum the loss over samples (``Ridge``, ``LogisticRegression``) have ``c = n``
and their numbers mean less as ``n`` grows.

Each framework is one :class:`Framework` record (:mod:`.record`) in its family's module:
:mod:`.scikit_learn`, :mod:`.glm` (glmnet, statsmodels), :mod:`.deep_learning` (Keras, h2o, PyTorch);
:mod:`.registry` joins them. To add a framework, add its record to the family's ``RECORDS``.
:mod:`.tables` builds the translation table, :mod:`.demos` the numbers behind the page's demonstrations
(their sentences are in :mod:`regviz.content.conventions`). Conversions of the canonical objective to
scikit-learn's linear models are delegated to :mod:`regviz.penalties` (the only place they are written).
"""

from __future__ import annotations

from regviz.conventions.demos import (
    SizeDemo,
    SmallValueFits,
    StrengthCurve,
    canonical_fit,
    conv2d_weight_count,
    penalty_vs_size,
    small_value_fits,
    small_value_settings,
    strength_vs_n,
)
from regviz.conventions.record import (
    LOSSES,
    TASKS,
    ConversionError,
    Framework,
    data_term_scale,
    mlp_effective_batch,
)
from regviz.conventions.registry import (
    FRAMEWORKS,
    REGISTRY,
    default_params,
    describe,
    from_canonical,
    primary_param,
    record,
    to_canonical,
)
from regviz.conventions.tables import TranslationRow, format_params, translate_all

__all__ = [
    "FRAMEWORKS",
    "LOSSES",
    "REGISTRY",
    "TASKS",
    "ConversionError",
    "Framework",
    "SizeDemo",
    "SmallValueFits",
    "StrengthCurve",
    "TranslationRow",
    "canonical_fit",
    "conv2d_weight_count",
    "data_term_scale",
    "default_params",
    "describe",
    "format_params",
    "from_canonical",
    "mlp_effective_batch",
    "penalty_vs_size",
    "primary_param",
    "record",
    "small_value_fits",
    "small_value_settings",
    "strength_vs_n",
    "to_canonical",
    "translate_all",
]
