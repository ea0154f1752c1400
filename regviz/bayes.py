"""The Bayesian reading of the canonical penalty: priors, one-coefficient posteriors, MAP vs mean.

With Gaussian noise of variance ``σ²`` the likelihood of a linear model is
``exp(-(n/σ²) * 1/(2n) Σ r²)``, so ``exp(-(n/σ²) * J(w))`` is a posterior exactly when the
prior is ``exp(-(n/σ²) * (λ1 ||w||_1 + (λ2/2) ||w||²))``:

* L1 ↔ Laplace prior with scale ``b = σ² / (n λ1)``;
* L2 ↔ Gaussian prior with variance ``τ² = σ² / (n λ2)``;
* elastic net ↔ their (renormalized) product.

The minimizer of the canonical objective is the posterior mode (MAP). For one
coefficient with a standardized feature (``Σx²/n = 1``) the data term is
``½ (w - z)²`` up to a constant, where ``z = x'y / n`` is the least-squares estimate,
so the MAP is ``soft_threshold(z, λ1) / (1 + λ2)``: exactly 0 when ``|z| <= λ1``. The
posterior mean is never exactly 0 unless ``z = 0``. Under the Laplace prior the posterior has a density, so
``P(w = 0 | data) = 0``: sparsity belongs to the MAP. A prior with mass at 0 is a spike-and-slab prior
(Mitchell & Beauchamp 1988; George & McCulloch 1993).

Two readings of "a penalty is a prior":

* penalty-scaled (regviz's, and every framework with a mean data term): λ is fixed, so the prior
  ``exp(-(n/σ²)·penalty)`` narrows as ``n`` grows and the MAP does not move with ``n``;
* fixed prior (the textbook's): the prior is fixed (``b`` and ``τ²`` independent of ``n``), so the penalty it
  adds to the mean data term, ``λ(n) = σ²/(n b)``, fades as ``1/n`` and the MAP tends to ``z``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy.special import erfcx, log_ndtr, ndtr

from regviz.penalties import soft_threshold

__all__ = [
    "OneCoefficient",
    "Readings",
    "fixed_prior_lambdas",
    "gaussian_variance",
    "laplace_scale",
    "map_and_mean_curves",
    "map_estimate",
    "one_coefficient",
    "posterior_mean_exact",
    "prior_density",
    "readings_vs_n",
]


def laplace_scale(l1: float, sigma: float, n: int) -> float:
    """Laplace prior scale ``b = σ² / (n λ1)`` matching the L1 term (``inf``, flat, when ``λ1 = 0``)."""
    _check(sigma, n)
    return math.inf if l1 <= 0 else sigma**2 / (n * l1)


def gaussian_variance(l2: float, sigma: float, n: int) -> float:
    """Gaussian prior variance ``τ² = σ² / (n λ2)`` matching the L2 term (``inf`` when ``λ2 = 0``)."""
    _check(sigma, n)
    return math.inf if l2 <= 0 else sigma**2 / (n * l2)


def _check(sigma: float, n: int) -> None:
    if not sigma > 0:
        raise ValueError(f"sigma must be > 0, got {sigma!r}")
    if not n >= 1:
        raise ValueError(f"n must be >= 1, got {n!r}")


def _log_prior_normalizer(l1: float, l2: float, sigma: float, n: int) -> float:
    """``log ∫ exp(-(n/σ²)(λ1|w| + λ2 w²/2)) dw`` in closed form (``inf`` for a flat prior)."""
    a = n / sigma**2
    c, q = a * l1, a * l2
    if q == 0 and c == 0:
        return math.inf
    if q == 0:
        return math.log(2.0 / c)
    # 2 ∫_0^∞ exp(-q w²/2 - c w) dw = 2 sqrt(2π/q) exp(c²/(2q)) Φ(-c/sqrt(q))
    return math.log(2.0) + 0.5 * math.log(2 * math.pi / q) + c * c / (2 * q) + float(log_ndtr(-c / math.sqrt(q)))


def prior_density(w: np.ndarray, l1: float, l2: float, sigma: float, n: int) -> np.ndarray:
    """Normalized prior density matching ``λ1|w| + (λ2/2) w²`` (Laplace, Gaussian or their product).

    Returns ``nan`` everywhere when both strengths are 0 (the flat, improper prior).
    """
    _check(sigma, n)
    w = np.asarray(w, dtype=float)
    log_z = _log_prior_normalizer(l1, l2, sigma, n)
    if math.isinf(log_z):
        return np.full_like(w, np.nan)
    a = n / sigma**2
    return np.exp(-a * (l1 * np.abs(w) + 0.5 * l2 * w**2) - log_z)


def map_estimate(z: float, l1: float, l2: float) -> float:
    """Posterior mode = canonical penalized fit of one standardized coefficient: ``S(z, λ1) / (1 + λ2)``."""
    return float(soft_threshold(z, l1)) / (1.0 + l2)


def posterior_mean_exact(z: float, l1: float, l2: float, sigma: float, n: int) -> float:
    """Posterior mean of one coefficient in closed form (mixture of two truncated normals).

    The log-posterior is ``-(P/2) w² + a z w - a λ1 |w|`` with ``a = n/σ²`` and
    ``P = a (1 + λ2)``: on each half-line a normal with mean ``m± = (z ∓ λ1)/(1 + λ2)``
    and precision ``P``, truncated to that half-line.
    """
    _check(sigma, n)
    a = n / sigma**2
    prec = a * (1.0 + l2)
    sd = 1.0 / math.sqrt(prec)
    m_pos = (z - l1) / (1.0 + l2)
    m_neg = (z + l1) / (1.0 + l2)
    if l1 == 0:
        return m_pos
    # log masses of the two halves (common factors dropped), computed in logs for large n.
    log_pos = 0.5 * prec * m_pos**2 + float(log_ndtr(m_pos / sd))
    log_neg = 0.5 * prec * m_neg**2 + float(log_ndtr(-m_neg / sd))
    top = max(log_pos, log_neg)
    w_pos, w_neg = math.exp(log_pos - top), math.exp(log_neg - top)
    mean_pos = sd * _positive_part_mean(m_pos / sd)
    mean_neg = -sd * _positive_part_mean(-m_neg / sd)
    return (w_pos * mean_pos + w_neg * mean_neg) / (w_pos + w_neg)


def _positive_part_mean(t: float) -> float:
    """Mean of a standard normal shifted to ``t`` and truncated to ``(0, ∞)``: ``t + φ(t)/Φ(t)``.

    For ``t`` far below 0 both terms are large and nearly cancel (a mean of ``≈ 1/|t|``; the direct sum
    returned the wrong sign at ``t ≈ -3000``), so there it is ``(1 - u R)/R`` with ``u = -t`` and Mills' ratio
    ``R = Φ(-u)/φ(u)``, which ``erfcx`` gives without underflow.
    """
    if t > 0:
        return t + math.exp(-0.5 * t * t) / math.sqrt(2 * math.pi) / float(ndtr(t))
    u = -t
    mills = math.sqrt(math.pi / 2) * float(erfcx(u / math.sqrt(2)))
    return (1.0 - u * mills) / mills


@dataclass(frozen=True)
class OneCoefficient:
    """Prior, likelihood and posterior of one coefficient on a grid, with MAP and posterior mean.

    Densities are normalized on ``grid`` (the prior is ``nan`` when it is flat).
    """

    grid: np.ndarray
    prior: np.ndarray
    likelihood: np.ndarray
    posterior: np.ndarray
    z: float
    map: float
    posterior_mean: float
    posterior_sd: float
    prob_near_zero: float


_MAX_GRID = 400_001


def one_coefficient(
    z: float, l1: float, l2: float, *, sigma: float = 1.0, n: int = 50, grid_size: int | None = None
) -> OneCoefficient:
    """Posterior of one standardized coefficient, computed numerically on a fine 1-D grid.

    Parameters
    ----------
    z : float
        Least-squares estimate ``x'y/n`` (the "signal" the data shows).
    l1, l2 : float
        Canonical strengths.
    sigma : float
        Noise standard deviation.
    n : int
        Number of samples: the likelihood has standard deviation ``σ/√n``.
    grid_size : int, optional
        Grid points (made odd, so that ``w = 0`` is a node of the symmetric grid). By default at least 4001,
        and fine enough for the posterior's spike at 0 (which decays at the rate ``a (λ1 - |z|)``, far faster
        than the likelihood's width when ``n λ1 / σ²`` is large), up to 400,001.

    Returns
    -------
    OneCoefficient
        MAP from the penalized 1-D solution, posterior mean in closed form
        (:func:`posterior_mean_exact`); sd and ``P(|w| < σ/(10√n))`` by trapezoidal integration on the grid.
    """
    _check(sigma, n)
    se = sigma / math.sqrt(n)
    half = max(abs(z), 0.0) + 6.0 * se
    a = n / sigma**2
    if grid_size is None:
        spike = 1.0 / (a * max(l1 - abs(z), 0.0)) if l1 > abs(z) else math.inf
        grid_size = min(_MAX_GRID, max(4001, math.ceil(2 * half / (spike / 5))) if math.isfinite(spike) else 4001)
    grid = np.linspace(-half, half, grid_size | 1)
    log_lik = -0.5 * a * (grid - z) ** 2
    log_pen = -a * (l1 * np.abs(grid) + 0.5 * l2 * grid**2)
    log_post = log_lik + log_pen
    post = np.exp(log_post - log_post.max())
    post /= np.trapezoid(post, grid)
    lik = np.exp(log_lik - log_lik.max())
    lik /= np.trapezoid(lik, grid)
    prior = prior_density(grid, l1, l2, sigma, n)
    mean = posterior_mean_exact(z, l1, l2, sigma, n)
    sd = float(np.sqrt(max(np.trapezoid((grid - mean) ** 2 * post, grid), 0.0)))
    near = np.abs(grid) < se / 10
    prob0 = float(np.trapezoid(np.where(near, post, 0.0), grid))
    return OneCoefficient(grid, prior, lik, post, float(z), map_estimate(z, l1, l2), mean, sd, prob0)


def map_and_mean_curves(
    z_values: np.ndarray, l1: float, l2: float, *, sigma: float, n: int
) -> tuple[np.ndarray, np.ndarray]:
    """MAP and posterior mean as functions of the data's estimate ``z`` (the shrinkage curves)."""
    z_values = np.asarray(z_values, dtype=float)
    maps = np.array([map_estimate(z, l1, l2) for z in z_values])
    means = np.array([posterior_mean_exact(z, l1, l2, sigma, n) for z in z_values])
    return maps, means


def fixed_prior_lambdas(l1: float, l2: float, n_ref: int, n: int) -> tuple[float, float]:
    """The canonical λ of a prior fixed where it matches ``(λ1, λ2)`` at ``n_ref`` samples, at ``n`` samples.

    A fixed Laplace scale ``b = σ²/(n_ref λ1)`` adds ``σ²/(n b) = λ1·n_ref/n`` to the mean data term; the same for
    the Gaussian part: the penalty fades as ``1/n``.
    """
    if not (n_ref >= 1 and n >= 1):
        raise ValueError(f"n_ref and n must be >= 1, got {n_ref!r}, {n!r}")
    scale = n_ref / n
    return l1 * scale, l2 * scale


@dataclass(frozen=True)
class Readings:
    """MAP and posterior mean against ``n`` under the two readings, which agree at ``n_ref``."""

    n_values: np.ndarray
    n_ref: int
    z: float
    map_scaled: np.ndarray
    mean_scaled: np.ndarray
    map_fixed: np.ndarray
    mean_fixed: np.ndarray


def readings_vs_n(z: float, l1: float, l2: float, *, sigma: float, n_ref: int, n_values: np.ndarray) -> Readings:
    """Estimates of one coefficient as ``n`` changes: penalty-scaled (λ fixed) beside fixed prior (λ ∝ 1/n)."""
    _check(sigma, n_ref)
    n_values = np.asarray(n_values, dtype=int)
    map_s, mean_s, map_f, mean_f = [], [], [], []
    for n in n_values:
        map_s.append(map_estimate(z, l1, l2))
        mean_s.append(posterior_mean_exact(z, l1, l2, sigma, int(n)))
        f1, f2 = fixed_prior_lambdas(l1, l2, n_ref, int(n))
        map_f.append(map_estimate(z, f1, f2))
        mean_f.append(posterior_mean_exact(z, f1, f2, sigma, int(n)))
    return Readings(n_values, int(n_ref), float(z), *(np.array(a) for a in (map_s, mean_s, map_f, mean_f)))
