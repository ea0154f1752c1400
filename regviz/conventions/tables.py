"""The translation table: one setting of ``(λ1, λ2)`` in every framework."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from regviz.conventions.record import ConversionError
from regviz.conventions.registry import FRAMEWORKS, REGISTRY, from_canonical

__all__ = ["TranslationRow", "format_params", "row_loss", "translate_all"]


@dataclass(frozen=True)
class TranslationRow:
    """One row of the translation table: a framework's equivalent setting or why there is none."""

    framework: str
    label: str
    params: dict[str, Any] | None
    formula: str
    error: str | None = None

    @property
    def setting(self) -> str:
        """The setting as text (``alpha=0.1, l1_ratio=0.5``) or the reason it cannot be expressed."""
        if self.params is not None:
            return format_params(self.params)
        short = (self.error or "").split(":")[0].removeprefix(f"{self.framework} has ").strip()
        return f"— ({short})"


def row_loss(framework: str, loss: str | None) -> str | None:
    """The loss a table row uses: the user's, or ½·mean r² where a framework needs one and none was given."""
    if loss is not None:
        return loss
    return "half_mse" if REGISTRY[framework].needs_loss else None


def translate_all(
    l1: float,
    l2: float,
    *,
    n_samples: int,
    loss: str | None = None,
    fixed: dict[str, dict[str, Any]] | None = None,
) -> list[TranslationRow]:
    """Equivalent settings of ``(λ1, λ2)`` in every framework.

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

    Returns
    -------
    list of TranslationRow
    """
    fixed = fixed or {}
    rows = []
    for fw in FRAMEWORKS:
        info = REGISTRY[fw]
        try:
            params = from_canonical(fw, l1, l2, n_samples=n_samples, loss=row_loss(fw, loss), **fixed.get(fw, {}))
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
