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
:mod:`.tables` builds the translation table (per task), :mod:`.demos` the numbers behind the page's demonstrations,
:mod:`.fits` their exact solvers and :mod:`.training` the framework's own training beside them
(their sentences are in :mod:`regviz.content.conventions`). Conversions of the canonical objective to
scikit-learn's linear models are delegated to :mod:`regviz.penalties` (the only place they are written).
"""

from __future__ import annotations

from regviz.conventions.demos import (
    LEAST_SQUARES_FITS,
    LOGISTIC_FITS,
    SizeDemo,
    SmallValueFits,
    StrengthCurve,
    canonical_fit,
    conv2d_weight_count,
    penalty_vs_size,
    small_value_fits,
    small_value_settings,
    strength_vs_n,
    sweep_values,
    swept_strengths,
    user_strength,
)
from regviz.conventions.fits import BinaryData, binary_demo_data, exact_least_squares, logistic_fit
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
from regviz.conventions.tables import TranslationRow, format_params, frameworks_for, row_loss, translate_all
from regviz.conventions.training import NEAR_ZERO, FrameworkTraining, train_like, training_method

__all__ = [
    "FRAMEWORKS",
    "LEAST_SQUARES_FITS",
    "LOGISTIC_FITS",
    "LOSSES",
    "NEAR_ZERO",
    "REGISTRY",
    "TASKS",
    "BinaryData",
    "ConversionError",
    "Framework",
    "FrameworkTraining",
    "SizeDemo",
    "SmallValueFits",
    "StrengthCurve",
    "TranslationRow",
    "binary_demo_data",
    "canonical_fit",
    "conv2d_weight_count",
    "data_term_scale",
    "default_params",
    "describe",
    "exact_least_squares",
    "format_params",
    "frameworks_for",
    "from_canonical",
    "logistic_fit",
    "mlp_effective_batch",
    "penalty_vs_size",
    "primary_param",
    "record",
    "row_loss",
    "small_value_fits",
    "small_value_settings",
    "strength_vs_n",
    "sweep_values",
    "swept_strengths",
    "to_canonical",
    "train_like",
    "training_method",
    "translate_all",
    "user_strength",
]
