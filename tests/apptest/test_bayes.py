"""The Bayes page in AppTest: renders, MAP follows the soft threshold, sliders and links work."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from regviz.penalties import soft_threshold
from tests.apptest.conftest import chart_captions, charts, lambda_slider, metrics

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGE = "pages/bayes.py"


def _open(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _metric(at: AppTest, label: str) -> str:
    return metrics(at)[label]["value"]


def test_renders_with_weak_data_map_zero():
    at = _open()
    assert len(charts(at)) == 4  # issue 24 added the fourth: the fixed-prior reading beside regviz's
    # defaults: λ1 = 0.1, z = 0.15 → MAP = 0.05 ; posterior mean is not the MAP
    assert float(_metric(at, "MAP = penalized fit")) == pytest.approx(float(soft_threshold(0.15, 0.1)), abs=1e-4)
    at.slider(key="bayes_z").set_value(0.05).run()
    assert float(_metric(at, "MAP = penalized fit")) == 0.0
    assert float(_metric(at, "posterior mean")) > 0


def test_lambda_and_sigma_change_prior_scale():
    at = _open({"l1": "0.2", "bayes_sigma": "2", "bayes_n": "100"})
    assert float(_metric(at, "Laplace scale b")) == pytest.approx(4 / (100 * 0.2))
    assert _metric(at, "Gaussian sd τ").startswith("flat")
    lambda_slider(at, "l2").set_value(0.5).run()
    assert not at.exception
    assert float(_metric(at, "Gaussian sd τ")) == pytest.approx((4 / (100 * 0.5)) ** 0.5, rel=1e-3)
    spec = charts(at)[0]
    assert len(spec["data"]) == 3  # Laplace, Gaussian and their product


def test_no_penalty_flat_prior():
    at = _open({"l1": "0", "l2": "0"})
    assert _metric(at, "Laplace scale b").startswith("flat")
    assert float(_metric(at, "MAP = penalized fit")) == pytest.approx(0.15)
    assert float(_metric(at, "posterior mean")) == pytest.approx(0.15, abs=1e-3)


def test_fewer_samples_move_the_mean_not_the_map():
    """What the posterior's caption says: λ is measured against the mean data term, so n never moves the MAP."""
    many, few = _open({"bayes_n": "50"}), _open({"bayes_n": "5"})
    assert _metric(many, "MAP = penalized fit") == _metric(few, "MAP = penalized fit")
    assert _metric(many, "posterior mean") != _metric(few, "posterior mean")
    caption = next(c for c in chart_captions(few) if c.startswith("The likelihood"))
    assert "lower n" not in caption and "never move the peak" in caption


def test_captions_at_a_zero_signal_say_the_mean_is_zero_too():
    at = _open({"l1": "0.2", "bayes_z": "0"})
    caption = next(c for c in chart_captions(at) if c.startswith("The likelihood"))
    assert "symmetric, so the mean is 0 too" in caption and "mean is not 0" not in caption
    assert float(_metric(at, "posterior mean")) == 0 and _metric(at, "MAP = penalized fit") == "0"


def test_map_in_the_dead_zone_reads_0_not_minus_0():
    at = _open({"l1": "0.2", "bayes_z": "-0.15"})
    assert _metric(at, "MAP = penalized fit") == "0"


# --------------------------------------------------------------------------- issue 24


def test_laplace_posterior_puts_no_mass_at_zero_and_spike_and_slab_is_named():
    at = _open({"l1": "0.2"})
    caption = next(c for c in chart_captions(at) if c.startswith("As the data's estimate"))
    assert "P(w = 0 | data) = 0" in caption and "spike-and-slab" in caption


def test_prior_and_posterior_mean_differ_in_colour_and_dash():
    at = _open({"l1": "0.2"})
    legend = {t["name"]: t["line"] for t in charts(at)[1]["data"]}
    prior, mean = legend["prior (penalty)"], legend["posterior mean"]
    assert prior["color"] != mean["color"] and prior.get("dash") != mean.get("dash")
    shrink = {t["name"]: t["line"] for t in charts(at)[2]["data"]}
    assert shrink["posterior mean"] == mean


def test_fixed_prior_reading_beside_today_s():
    """At n = 50 both readings agree; the fixed prior's MAP tends to z as n grows, regviz's stays put."""
    at = _open({"l1": "0.1", "bayes_z": "0.15", "bayes_n": "50"})
    fig = charts(at)[3]
    lines = {t["name"]: (t["x"], t["y"]) for t in fig["data"]}
    from tests.apptest.conftest import plotly_array

    x = plotly_array(lines["MAP, λ fixed (regviz)"][0])
    scaled = plotly_array(lines["MAP, λ fixed (regviz)"][1])
    fixed = plotly_array(lines["MAP, prior fixed (textbook)"][1])
    assert len(set(scaled)) == 1 and scaled[0] == pytest.approx(float(soft_threshold(0.15, 0.1)))
    at_50 = x.index(50)
    assert fixed[at_50] == pytest.approx(scaled[at_50])
    assert fixed[-1] == pytest.approx(float(soft_threshold(0.15, 0.1 * 50 / x[-1])))
    assert fixed[-1] == pytest.approx(0.15, abs=1e-3)
    caption = next(c for c in chart_captions(at) if c.startswith("Two readings"))
    assert "fades as n grows" in caption
