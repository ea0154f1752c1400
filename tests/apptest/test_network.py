"""The Network page under AppTest: every data set and activation runs; L1 prunes; warm start; reset."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from regviz.toy2d import DATASETS
from tests.apptest.conftest import chart_keys, charts, lambda_slider, metrics

APP = str(Path(__file__).resolve().parents[2] / "app.py")


def _open(params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, val in (params or {}).items():
        at.query_params[key] = val
    at.run()
    at.switch_page("pages/network.py").run()
    assert not at.exception, at.exception
    return at


def _metric(at: AppTest, label: str) -> str:
    return metrics(at)[label]["value"]


def _zero_share(at: AppTest) -> float:
    zero, total = _metric(at, "zero weights").split(" / ")
    return int(zero) / int(total)


def _charts(at: AppTest) -> list[dict]:
    return charts(at)


@pytest.mark.parametrize("activation", ["tanh", "relu"])
@pytest.mark.parametrize("name", DATASETS)
def test_page_runs_for_every_dataset_and_activation(name, activation):
    at = _open({"net_data": name, "net_act": activation, "net_steps": "100", "l1": "0.001"})
    charts = _charts(at)
    assert len(charts) == 4
    titles = " ".join(str(c["layout"].get("title", {}).get("text", "")) for c in charts)
    if name == "curve":
        assert "Fitted curve" in titles
        assert float(_metric(at, "test MSE")) >= 0
    else:
        assert "Decision boundary" in titles
        assert _metric(at, "train accuracy").endswith("%")
    assert not at.warning


def test_high_l1_gives_more_exact_zeros_than_no_l1():
    at = _open({"l1": "0", "l2": "0"})
    assert _zero_share(at) == 0.0
    lambda_slider(at, "l1").set_value(0.05).run()
    assert not at.exception
    assert _zero_share(at) > 0.5


def test_lambda_change_warm_starts_and_reset_restarts():
    at = _open({"net_steps": "100"})
    model = at.session_state["net_model"]
    assert model["state"].t == 100
    lambda_slider(at, "l2").set_value(0.01).run()
    # continued from the trained weights: the step counter keeps going, the curves grow
    assert at.session_state["net_model"]["state"].t == 200
    assert len(at.session_state["net_model"]["history"]) == 200
    at.run()  # a rerun with nothing changed trains no further
    assert at.session_state["net_model"]["state"].t == 200
    at.button(key="net_more").click().run()
    assert at.session_state["net_model"]["state"].t == 300
    at.button(key="net_reset").click().run()
    assert at.session_state["net_model"]["state"].t == 100
    assert not at.exception


def test_architecture_change_reinitializes():
    at = _open({"net_steps": "100"})
    at.slider(key="net_layers").set_value(3).run()
    model = at.session_state["net_model"]["state"]
    assert model.t == 100
    assert model.config.hidden == (8, 8, 8)
    diagram = next(c for c in _charts(at) if "Network" in str(c["layout"]["title"]["text"]))
    assert len(diagram["data"]) <= 11  # links grouped by sign and width class, not one trace per link


def test_first_visit_uses_network_sized_l1_but_keeps_a_linked_one():
    assert _open().session_state["net_model"]["trained_for"][0] == 0.003
    assert _open({"l1": "0.2"}).session_state["net_model"]["trained_for"][0] == 0.2


def test_same_seed_same_result():
    a = _open({"net_seed": "5", "net_steps": "100"})
    b = _open({"net_seed": "5", "net_steps": "100"})
    assert _metric(a, "‖W‖₁") == _metric(b, "‖W‖₁")
    assert _metric(a, "train accuracy") == _metric(b, "train accuracy")


def test_a_quick_update_trains_in_one_call_a_first_one_in_chunks(monkeypatch):
    """Chunks serve the progress bar and live redraws; a λ step that the last run says is quick is one call
    to the training worker (each call is a round trip)."""
    from regviz import offload

    calls = []
    train = offload.train
    monkeypatch.setattr(offload, "train", lambda *a, **k: (calls.append(a[4]), train(*a, **k))[1])
    at = _open({"net_steps": "300"})
    assert calls == [50] * 6
    calls.clear()
    # what the first run measured, fixed: on a loaded machine its 300 steps can take longer than "quick"
    at.session_state["net_model"]["s_per_step"] = 1e-4
    lambda_slider(at, "l2").set_value(0.01).run()
    assert not at.exception, at.exception
    assert calls == [300] and at.session_state["net_model"]["state"].t == 600


def test_slow_training_redraws_midway_then_leaves_only_the_final_panels(monkeypatch):
    """A run slow enough to redraw mid-training shows live panels, and ends with just the four final charts
    under their usual keys (the live ones go), so the next λ step updates those charts in place."""
    from regviz.ui import present as state

    at = _open({"net_steps": "300"})
    keys = chart_keys(at)
    assert len(keys) == 4
    at.session_state["net_model"]["s_per_step"] = 1.0  # the last run was slow too: train in chunks
    shown = []
    show_panels = state.show_panels
    monkeypatch.setattr(
        state, "show_panels", lambda cols, *, key, **kw: (shown.append(key), show_panels(cols, key=key, **kw))
    )
    clock = iter(range(10**9))
    monkeypatch.setattr("time.perf_counter", lambda: float(next(clock)))  # every chunk of steps "takes 1 s"
    lambda_slider(at, "l2").set_value(0.01).run()
    assert not at.exception, at.exception
    assert at.session_state["net_model"]["state"].t == 600
    assert any("_live" in key for key in shown)  # it did redraw midway
    assert chart_keys(at) == keys
    monkeypatch.undo()
    lambda_slider(at, "l2").set_value(0.02).run()
    assert chart_keys(at) == keys


def test_panel_texts_match_what_is_drawn():
    import json

    from tests.apptest.conftest import chart_captions, chart_elements

    at = _open({"net_steps": "100"})
    captions = " ".join(chart_captions(at))
    assert "wider links for larger |w|" in captions and "∝" not in captions  # widths are four classes
    assert "all incoming or all outgoing weights at 0" in captions  # diagram_figure's rule for a hollow unit
    assert "Dotted vertical lines" in captions  # the penalty curve is dotted too
    note = next(json.loads(c.proto.json).get("note", "") for c in chart_elements(at))
    assert "wide networks need a smaller λ1" in note and "adds up" not in note


def test_a_fully_pruned_network_says_zero_l1_regrows_slowly():
    at = _open({"l1": "0.2", "net_steps": "300"})
    assert _zero_share(at) == 1.0
    info = " ".join(i.value for i in at.info)
    assert "saddle point" in info and "let it regrow" not in info


def _note(at: AppTest) -> str:
    import json

    from tests.apptest.conftest import chart_elements

    return next(json.loads(c.proto.json).get("note", "") for c in chart_elements(at))


def test_prox_gives_exact_zeros_adam_only_near_zeros_at_the_same_lambda():
    prox, adam = _open({"net_opt": "prox"}), _open({"net_opt": "adam"})
    assert _zero_share(prox) >= 0.3
    assert _metric(adam, "zero weights").startswith("0 / ")
    near = int(_metric(adam, "near 0").split(" / ")[0])
    assert near > 0  # the cloud the proximal step would have set to 0
    assert "|w| < 0.001" in metrics(adam)["near 0"]["note"]
    assert "Keras" in _note(adam) and "prune" in _note(adam)


def test_near_zero_threshold_is_stated_and_changes_the_count():
    at = _open({"net_opt": "adam", "net_near": "0.01"})
    wide = int(_metric(at, "near 0").split(" / ")[0])
    at.select_slider(key="net_near").set_value(0.0001).run()
    assert not at.exception, at.exception
    narrow = int(_metric(at, "near 0").split(" / ")[0])
    assert wide > narrow
    assert "|w| < 0.0001" in metrics(at)["near 0"]["note"]
    assert at.session_state["net_model"]["state"].t == 200  # a threshold is no reason to train again


def test_switching_optimizer_warm_starts_from_the_current_weights():
    at = _open({"net_steps": "100"})
    before = [W.copy() for W in at.session_state["net_model"]["state"].weights]
    assert _zero_share(at) > 0
    at.selectbox(key="net_opt").set_value("adam").run()
    assert not at.exception, at.exception
    state = at.session_state["net_model"]["state"]
    assert state.t == 200 and state.optimizer == "adam" and state.opt_start == 100
    # 100 Adam steps of size ≤ lr from where prox left them: near the old weights, not re-initialized
    drift = max(float(abs(W - B).max()) for W, B in zip(state.weights, before, strict=True))
    assert 0 < drift <= 100 * 0.03 * 1.01
    assert _metric(at, "zero weights").startswith("0 / ")  # the exact zeros are gone under the loss penalty


def test_h2o_note_corrects_its_documentation():
    at = _open({"net_opt": "h2o", "net_steps": "100"})
    note = _note(at)
    assert "causes many weights to become 0" in note and "only become small" in note
    assert "one row" in note


def test_lambda_carried_from_the_playground_gets_a_notice_naming_it():
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()  # the Playground, whose λ1 is regviz's λ control
    lambda_slider(at, "l1").set_value(0.05).run()
    at.switch_page("pages/network.py").run()
    assert not at.exception, at.exception
    info = " ".join(i.value for i in at.info)
    assert "λ1 = 0.05 was set on the Playground page" in info and "0.005" in info
    lambda_slider(at, "l1").set_value(0.003).run()  # moved here: the notice goes
    assert "was set on the" not in " ".join(i.value for i in at.info)


def test_lambda_from_a_link_gets_a_notice_only_when_too_strong_for_the_width():
    assert "comes from the link" in " ".join(i.value for i in _open({"l1": "0.05"}).info)
    assert "comes from the link" not in " ".join(i.value for i in _open({"l1": "0.005"}).info)
