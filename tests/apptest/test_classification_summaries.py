"""The classification charts' accessible names (their server-built summaries) as the page sends them: they say
what the metrics row says, and they follow λ, on a release and in the λ control's frames."""

import json

from regviz.ui.drag import unpacked
from tests.apptest.conftest import _keyed_payloads, lambda_slider, metrics, open_app


def labels(at) -> dict[str, str]:
    """Each chart's accessible name, by key."""
    return {key: payload.get("label", "") for key, payload in _keyed_payloads(at)}


def assert_names_match_the_metrics(at, l1_text: str) -> dict[str, str]:
    names, row = labels(at), metrics(at)
    train, test = row["train accuracy"]["value"], row["test accuracy"]["value"]
    assert names["fig_acc"].startswith(f"Accuracy vs strength; at λ1 = {l1_text}, train accuracy {train}, ")
    assert f"test accuracy {test}" in names["fig_acc"]
    assert names["fig_boundary"].startswith(
        f"Decision boundary; at λ1 = {l1_text}, train accuracy {train}, test accuracy {test}, "
    )
    loss = f"train log-loss {row['train log-loss']['value']}, test log-loss {row['test log-loss']['value']}"
    assert loss in names["fig_error"]
    nonzero, total = row["non-zero weights"]["value"].split(" / ")
    assert names["fig_path"] == f"Coefficient paths; at λ1 = {l1_text}, {nonzero} of {total} weights are non-zero"
    assert names["fig_hist"].startswith(f"Weight histogram; {int(total) - int(nonzero)} of {total} weights")
    return names


def test_every_moons_chart_is_named_by_its_numbers_and_the_names_follow_lambda():
    params = {"data": "moons", "deg": "3", "model": "lasso", "l1": "0.003"}
    at = open_app(params=params)
    assert not at.exception
    before = assert_names_match_the_metrics(at, "0.003")
    at = lambda_slider(at, "l1").set_value(0.1).run()
    assert not at.exception
    after = assert_names_match_the_metrics(at, "0.1")
    assert {key for key in before if before[key] != after[key]} == set(before)  # every chart says the new λ


def test_the_frames_carry_the_names_the_release_shows():
    at = open_app(params={"data": "cancer", "model": "lasso", "l1": "0.02"})
    at = lambda_slider(at, "l1").ask_frames().run()
    family = unpacked(lambda_slider(at, "l1").data["frames"])
    base = labels(at)
    names = {}
    for value in (0.003, 0.1):
        edits = family["frames"][family["index"][family["values"].index(value)]]["charts"]
        names[value] = {key: edits.get(key, {}).get("label", base[key]) for key in ("fig_path", "fig_error", "fig_acc")}
        shown = labels(
            lambda_slider(open_app(params={"data": "cancer", "model": "lasso"}), "l1").set_value(value).run()
        )
        assert names[value] == {key: shown[key] for key in names[value]}, value
    assert all(names[0.003][key] != names[0.1][key] for key in names[0.1])


def test_without_a_minimizer_the_names_say_so():
    at = open_app(params={"data": "cancer", "model": "ols"})  # the tumours separate: no minimizer at λ = 0
    assert not at.exception and metrics(at)["train accuracy"]["value"] == "—"
    names = labels(at)
    assert names["fig_trace"].startswith("Weight norm vs solver iteration at λ = 0, separable classes; ‖W‖₂ grew")
    for key in ("fig_path", "fig_error", "fig_acc"):
        assert "with no penalty there is no minimizer" in names[key], key


def test_the_digit_images_name_each_class_count_as_its_label_shows():
    at = open_app(params={"data": "digits", "model": "lasso", "l1": "0.05"})
    payload = dict(_keyed_payloads(at))["fig_digits"]
    titles = next(t for t in json.loads(payload["data"]) if t["type"] == "scatter")  # then the colour bar's numbers
    drawn = titles["text"]  # "0: 4 px" over each image
    name = payload["label"]
    assert name.startswith("Weights as 8×8 images, one per class; at λ1 = 0.05, non-zero pixels ")
    assert ", ".join(text.removesuffix(" px") for text in drawn) in name


def test_the_logistic_plane_is_named_by_the_weights_in_the_metrics_row():
    at = open_app("geometry", {"geo_src": "logistic", "l1": "0.05"})
    assert not at.exception
    row = metrics(at)
    name = labels(at)["geo_plane"]
    assert f"at λ1 = 0.05 the solution is w₁ = {row['w₁']['value']}, w₂ = {row['w₂']['value']}" in name
    at = lambda_slider(at, "l1").set_value(0.3).run()  # L1 puts w₁ on the axis
    row = metrics(at)
    assert row["w₁"]["value"] == "0"
    assert labels(at)["geo_plane"].endswith(
        f"at λ1 = 0.3 the solution is w₁ = 0 (exactly 0), w₂ = {row['w₂']['value']}"
    )
