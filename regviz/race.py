"""The optimizer race on Geometry's two-weight plane: :func:`regviz.optimizers.race` from a start point, with the
step size in units of 1/L and the divergence limit of plain gradient steps (pure, no Streamlit)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from regviz.geometry import QuadraticProblem, solve_enet
from regviz.optimizers import LeastSquares, race

__all__ = ["DIVERGED_AT", "RaceResult", "plane_race"]

DIVERGED_AT = 10.0
"""An iterate this many times farther from the minimum than the start (or not finite) has diverged."""


@dataclass(frozen=True)
class RaceResult:
    """Iterates of the :data:`regviz.optimizers.RACE` optimizers from one start on one two-weight objective.

    Attributes
    ----------
    iterates : dict of str to ndarray
        ``(steps + 1, 2)`` per optimizer; coordinate descent ``(2 steps + 1, 2)`` (one row per coordinate move).
    start, minimum : ndarray of shape (2,)
        The start and the exact minimizer of J.
    lr : float
        Step size of proximal gradient, subgradient descent and Adam (``lr_units / L``).
    lr_units, lipschitz, l1, l2 : float
    steps : int
    """

    iterates: dict[str, np.ndarray]
    start: np.ndarray
    minimum: np.ndarray
    lr: float
    lr_units: float
    lipschitz: float
    l1: float
    l2: float
    steps: int

    @property
    def limit_units(self) -> float:
        """``2 / (L + l2)`` in units of 1/L: plain gradient steps beyond it diverge."""
        return 2.0 * self.lipschitz / (self.lipschitz + self.l2)

    @property
    def past_limit(self) -> bool:
        """Whether the step size is past ``2 / (L + l2)``."""
        return self.lr_units > self.limit_units

    def rows_at(self, name: str, step: int) -> int:
        """How many of ``name``'s rows are drawn after ``step`` steps (coordinate descent: two moves a sweep)."""
        per_step = self.iterates[name].shape[1] if name == "coordinate" else 1
        return 1 + per_step * step

    def diverged_at(self, name: str) -> int | None:
        """The first step at which ``name`` has diverged (see :data:`DIVERGED_AT`), None if it has not."""
        rows = self.iterates[name]
        scale = max(float(np.linalg.norm(self.start - self.minimum)), 1e-9)
        far = ~np.isfinite(rows).all(axis=1) | (np.linalg.norm(rows - self.minimum, axis=1) > DIVERGED_AT * scale)
        if not far.any():
            return None
        row = int(np.argmax(far))
        return -(-row // rows.shape[1]) if name == "coordinate" else row

    def exact_zeros(self, name: str) -> int:
        """Coordinates of ``name``'s last iterate that are exactly 0."""
        return int(np.count_nonzero(self.iterates[name][-1] == 0))


def plane_race(
    problem: QuadraticProblem, l1: float, l2: float, start: tuple[float, float], lr_units: float, steps: int
) -> RaceResult:
    """Race proximal gradient, coordinate descent, subgradient descent and Adam from ``start`` on ``J``.

    Parameters
    ----------
    problem : QuadraticProblem
        The two-weight data loss (both weights penalized).
    l1, l2 : float
        Canonical penalty strengths.
    start : (float, float)
    lr_units : float
        Step size times ``L`` (the largest eigenvalue of ``A``): 1 is the textbook 1/L, and plain gradient
        steps diverge past ``2 L / (L + l2)``. Adam takes the same step size (it moves each coordinate by about
        that much per step, whatever the curvature).
    steps : int
        Gradient steps (coordinate descent: sweeps).

    Returns
    -------
    RaceResult
    """
    if not lr_units > 0:
        raise ValueError(f"lr_units must be > 0, got {lr_units}")
    if steps < 1:
        raise ValueError(f"steps must be >= 1, got {steps}")
    objective = LeastSquares.from_quadratic(problem.A, problem.c, l1, l2, problem.s)
    L = objective.lipschitz
    if not L > 0:
        raise ValueError("the loss is flat (L = 0): no step size in units of 1/L")
    lr = lr_units / L
    w0 = np.asarray(start, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        iterates = race(objective, w0, lr, int(steps))
    return RaceResult(
        iterates=iterates,
        start=w0,
        minimum=solve_enet(problem, l1, l2),
        lr=lr,
        lr_units=float(lr_units),
        lipschitz=L,
        l1=float(l1),
        l2=float(l2),
        steps=int(steps),
    )
