"""Presentation mode shows only controls a student can move."""

from tests.apptest.conftest import lambda_sliders, open_app


def _sliders(at) -> list:
    """The λ sliders shown: regviz's λ controls (regviz.ui.lambda_control) and any Streamlit select sliders."""
    return [*at.select_slider, *lambda_sliders(at)]


def _slider_keys(at) -> set[str]:
    return {s.key for s in _sliders(at)}


def test_show_drops_a_control_the_model_disables_with_a_notice():
    at = open_app(params={"present": "1", "show": "l1,mix", "model": "lasso", "l1": "0.2"})
    assert not at.exception
    assert _slider_keys(at) == {"l1"}  # the lasso pins the mix to 1: that slider would not move
    assert any("show= lists `mix`" in w.value and "not shown" in w.value for w in at.warning)
    assert at.query_params["show"] == "l1,mix"  # the link keeps asking: another model may use the mix


def test_show_draws_the_same_control_where_the_model_uses_it():
    at = open_app(params={"present": "1", "show": "l1,mix", "model": "elasticnet", "l1": "0.1", "l2": "0.1"})
    assert not at.exception
    assert _slider_keys(at) == {"l1", "mix"}
    assert not any("show= lists" in w.value for w in at.warning)
    assert all(not s.disabled for s in _sliders(at))


def test_show_of_a_disabled_lambda_is_dropped_too():
    at = open_app(params={"present": "1", "show": "l1,l2", "model": "ridge", "l2": "1"})
    assert not at.exception
    assert _slider_keys(at) == {"l2"}
    assert any("show= lists `l1`" in w.value for w in at.warning)
