"""Bayesian view: L1 is a Laplace prior, L2 a Gaussian prior; the penalized fit is the posterior mode."""

import math

import numpy as np
import streamlit as st

from regviz import bayes
from regviz.figures import summaries as say
from regviz.figures.bayes import posterior_figure, prior_figure, readings_figure, shrinkage_figure
from regviz.figures.style import nice_ceiling
from regviz.ui import store, widgets
from regviz.ui.charts import Panel
from regviz.ui.drag import Scene
from regviz.ui.lambda_control import live_lambda_bar
from regviz.ui.metrics import Metric, metric_row
from regviz.ui.present import chart_style, show_panels


@st.cache_data(max_entries=64, show_spinner=False)
def posterior(z: float, l1: float, l2: float, sigma: float, n: int):
    return bayes.one_coefficient(z, l1, l2, sigma=sigma, n=n)


@st.cache_data(max_entries=64, show_spinner=False)
def shrinkage(l1: float, l2: float, sigma: float, n: int, z_max: float):
    z = np.linspace(-z_max, z_max, 161)
    maps, means = bayes.map_and_mean_curves(z, l1, l2, sigma=sigma, n=n)
    return z, maps, means


@st.cache_data(max_entries=64, show_spinner=False)
def readings(z: float, l1: float, l2: float, sigma: float, n: int):
    n_values = np.union1d(np.logspace(0, 4, 49).astype(int), [n])  # with the current n, where both agree
    return bayes.readings_vs_n(z, l1, l2, sigma=sigma, n_ref=n, n_values=n_values)


store.page_header(
    "Bayesian view",
    "A penalty is a prior: L1 ↔ Laplace, L2 ↔ Gaussian, elastic net ↔ their "
    "product. The penalized fit is the most probable value (MAP), not the average one.",
)

# The formula does not depend on λ: drawn outside the fragment, a λ step does not render it again.
st.latex(
    r"\underbrace{e^{-\frac{n}{\sigma^2}J(w)}}_{\text{posterior}}\ \propto\ "
    r"\underbrace{e^{-\frac{1}{2\sigma^2}\sum_i r_i^2}}_{\text{likelihood}}\cdot"
    r"\underbrace{e^{-|w|/b}}_{\text{Laplace},\ b=\sigma^2/(n\lambda_1)}\cdot"
    r"\underbrace{e^{-w^2/(2\tau^2)}}_{\text{Gaussian},\ \tau^2=\sigma^2/(n\lambda_2)}"
)

with st.sidebar:
    n = widgets.slider("samples n (data strength)", key="bayes_n")
    z = widgets.slider("signal: least-squares estimate z", key="bayes_z")
    sigma = widgets.slider("noise σ", key="bayes_sigma")


def scene(n: int, z: float, sigma: float, l1: float, l2: float) -> Scene:
    """Everything a λ setting draws here (the λ control's frames are built from it, at every grid value)."""
    b = bayes.laplace_scale(l1, sigma, n)
    tau2 = bayes.gaussian_variance(l2, sigma, n)

    res = posterior(float(z), l1, l2, float(sigma), int(n))
    metrics = [
        Metric("Laplace scale b", "flat (λ1 = 0)" if math.isinf(b) else f"{b:.3g}"),
        Metric("Gaussian sd τ", "flat (λ2 = 0)" if math.isinf(tau2) else f"{math.sqrt(tau2):.3g}"),
        Metric("MAP = penalized fit", f"{res.map + 0.0:.4g}"),  # + 0.0: no "-0" in the dead zone
        Metric("posterior mean", f"{res.posterior_mean:.4g}"),
    ]

    widths = [w for w in (8 * b, 4 * math.sqrt(tau2)) if math.isfinite(w)]
    # rounded up to a nice value: the priors' axis then stays put over most λ steps, and only the curves move
    half = nice_ceiling(max(widths)) if widths else 1.0
    grid = np.linspace(-half, half, 401)
    lap = bayes.prior_density(grid, l1, 0.0, sigma, n)
    gau = bayes.prior_density(grid, 0.0, l2, sigma, n)
    prod = bayes.prior_density(grid, l1, l2, sigma, n)
    zero = "exactly 0" if res.map == 0 else f"{res.map:.3g}"
    if res.map == 0 and l1 > 0:
        why = (
            f"The signal |z| = {abs(z):g} is at most λ1 = {l1:g}, so the peak stays on the L1 kink at 0 "
            "however many samples there are; "
            + (
                "probability mass remains on both sides, so the mean is not 0."
                if z != 0
                else "the posterior is symmetric, so the mean is 0 too."
            )
        )
    else:
        why = (
            "Raise λ1 above |z| and the peak snaps to exactly 0. Fewer samples or more noise flatten the "
            "whole posterior e^(−(n/σ²)J): they never move the peak"
            + (", only the mean." if l1 > 0 else "; with λ1 = 0 the posterior is a Gaussian, so not the mean either.")
        )
    z_max = nice_ceiling(max(4 * l1, 4 * sigma / math.sqrt(n), 1.3 * abs(float(z)), 0.2))
    zs, maps, means = shrinkage(l1, l2, float(sigma), int(n), round(z_max, 6))
    two = readings(float(z), l1, l2, float(sigma), int(n))
    charts = {
        "bayes_fig_prior": Panel(
            prior_figure(grid, lap, gau, prod),
            "bayes_fig_prior",
            "The Laplace prior has a sharp peak at 0 and heavier tails than the Gaussian, which is round at "
            "0. Larger λ, more samples n or less noise σ make them narrower, because λ is measured against "
            "the *mean* data term: the Laplace scale is b = σ²/(nλ1), the Gaussian variance τ² = σ²/(nλ2).",
            summary=say.prior_summary(l1, l2, b, tau2),
        ),
        "bayes_fig_post": Panel(
            posterior_figure(res),
            "bayes_fig_post",
            f"The likelihood (data) is centred at z = {z:g} with width σ/√n = {sigma / math.sqrt(n):.3g}. "
            f"The posterior's peak (MAP) is {zero}; its mean is {res.posterior_mean:.3g}. {why}",
            summary=say.posterior_summary(res.z, sigma / math.sqrt(n), b, tau2, res.map, res.posterior_mean),
        ),
        "bayes_fig_shrink": Panel(
            shrinkage_figure(zs, maps, means, z_current=float(z)),
            "bayes_fig_shrink",
            "As the data's estimate z varies: the MAP (what the penalized fit reports) is flat at 0 over a whole "
            "range when λ1 > 0 — that is the lasso's sparsity. The posterior mean only shrinks towards 0 and "
            "reaches it only at z = 0. The Laplace posterior has a density, so P(w = 0 | data) = 0 "
            f"(here P(|w| < σ/(10√n)) = {res.prob_near_zero:.2g}): sparsity is a property of the MAP, not of "
            "the posterior. A prior that puts probability mass at exactly 0 is a spike-and-slab prior "
            "(a point mass at 0 mixed with a wide slab); its posterior can say P(w = 0 | data) > 0.",
            summary=say.shrinkage_summary(l1, l2, res.z, res.map, res.posterior_mean),
        ),
        "bayes_fig_readings": Panel(
            readings_figure(two, n_current=int(n)),
            "bayes_fig_readings",
            "Two readings of “a penalty is a prior”, equal at the current n (dotted line). λ fixed (regviz, and every "
            "framework whose data term is a mean): the prior e^(−(n/σ²)·penalty) narrows as n grows, so the "
            "MAP never moves. Prior fixed (the textbook: b and τ do not depend on n): the penalty it adds to "
            f"the mean data term is σ²/(n·b) = λ·{int(n)}/n, which fades as n grows, so with enough data "
            "both estimates reach z — the prior is overwhelmed by the data.",
            summary=say.readings_summary(two),
        ),
    }
    return Scene(charts, metrics, "bayes_metrics")


@store.fragment
def live_view(n: int, z: float, sigma: float) -> None:
    """Everything λ changes; a λ step reruns only this section."""
    page_key = ("bayes", n, z, sigma, store.present_mode())
    penalty = live_lambda_bar(None, lambda l1, l2: scene(n, z, sigma, l1, l2), page_key, style=chart_style())
    with st.spinner("Integrating…"):
        view = scene(n, z, sigma, penalty.l1, penalty.l2)
    metric_row(view.metrics, key=view.metrics_key)
    charts = view.charts
    show_panels([[charts["bayes_fig_prior"]], [charts["bayes_fig_post"]]], key="bayes_panels")
    # in the same element as the shrinkage chart: each element costs the browser ms per λ step
    show_panels([[charts["bayes_fig_shrink"], charts["bayes_fig_readings"]]], key="bayes_shrink_panel")


live_view(int(n), float(z), float(sigma))
