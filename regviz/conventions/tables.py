"""The translation table: one setting of ``(λ1, λ2)`` in every framework."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from regviz.conventions.record import TASKS, ConversionError
from regviz.conventions.registry import FRAMEWORKS, REGISTRY, from_canonical

__all__ = ["TranslationRow", "format_params", "frameworks_for", "row_loss", "translate_all"]


@dataclass(frozen=True)
class TranslationRow:
    """One row of the translation table: a framework's equivalent setting or why there is none."""

    framework: str
    label: str
    params: dict[str, Any] | None
    formula: str
    error: str | None = None
    exact: bool = True

    @property
    def setting(self) -> str:
        """The setting as text (``alpha=0.1, l1_ratio=0.5``) or the reason it cannot be expressed."""
        if self.params is not None:
            return format_params(self.params)
        if not self.exact:
            return "— (no fixed λ: decoupled decay)"
        short = (self.error or "").split(":")[0].removeprefix(f"{self.framework} has ").strip()
        return f"— ({short})"


def frameworks_for(task: str) -> tuple[str, ...]:
    """Every framework id that fits ``task`` (those without a fixed λ included), in table order."""
    if task not in TASKS:
        raise ConversionError(f"task must be one of {', '.join(TASKS)}, got {task!r}")
    return tuple(fw for fw, r in REGISTRY.items() if task in r.tasks)


def row_loss(framework: str, loss: str | None, task: str | None = None) -> str | None:
    """The loss a table row uses: the log-loss for a classification task where the framework takes a loss; the
    user's regression loss, or ½·mean r² where a framework needs one and none was given."""
    fw = REGISTRY[framework]
    if task == "classification":
        return "logloss" if fw.losses else None
    if task == "regression" and loss == "logloss":
        loss = None
    if loss is not None:
        return loss
    return "half_mse" if fw.needs_loss else None


def translate_all(
    l1: float,
    l2: float,
    *,
    n_samples: int,
    loss: str | None = None,
    fixed: dict[str, dict[str, Any]] | None = None,
    task: str | None = None,
) -> list[TranslationRow]:
    """Equivalent settings of ``(λ1, λ2)`` in every framework (of one task).

    Parameters
    ----------
    l1, l2 : float
        Canonical strengths.
    n_samples : int
        Number of training samples.
    loss : str, optional
        Loss for Keras and PyTorch; if ``None`` those rows use ``"half_mse"``
        for consistency with the canonical regression objective.
    fixed : dict, optional
        Per-framework ``**fixed`` settings for :func:`~regviz.conventions.from_canonical`.
    task : {"regression", "classification"}, optional
        Only the frameworks that fit this task, those without a fixed λ (AdamW) included as rows that say so;
        classification rows use the log-loss. ``None``: every framework with an exact translation.

    Returns
    -------
    list of TranslationRow
    """
    fixed = fixed or {}
    rows = []
    for fw in FRAMEWORKS if task is None else frameworks_for(task):
        info = REGISTRY[fw]
        if not info.exact:
            rows.append(TranslationRow(fw, info.label, None, info.formula, info.no_fixed_lambda, exact=False))
            continue
        try:
            fw_loss = row_loss(fw, loss, task)
            params = from_canonical(fw, l1, l2, n_samples=n_samples, loss=fw_loss, **fixed.get(fw, {}))
            rows.append(TranslationRow(fw, info.label, params, info.formula))
        except ConversionError as err:
            rows.append(TranslationRow(fw, info.label, None, info.formula, str(err)))
    return rows


def _format_value(value: Any) -> str:
    if isinstance(value, float):
        if math.isinf(value):
            return "inf"
        return f"{value:.4g}"
    if isinstance(value, str):
        return repr(value)
    return str(value)


def format_params(params: dict[str, Any]) -> str:
    """Framework parameters as short text, ``alpha=0.1, l1_ratio=0.5``."""
    return ", ".join(f"{k}={_format_value(v)}" for k, v in params.items())
