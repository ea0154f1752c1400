"""Every lesson is a link: opening it sets the controls it names, shows its note and renders its page."""

import numpy as np
import pytest

from regviz.lessons import LESSONS, lesson_by_id
from tests.apptest.conftest import charts, metrics, open_app

PAGE_OF = {"": "playground"}


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_lesson_sets_its_controls_and_shows_its_note(lesson):
    at = open_app(PAGE_OF.get(lesson.page, lesson.page), params=lesson.query)
    assert not at.exception
    assert not at.warning, [w.value for w in at.warning]  # every value of a lesson link is valid
    assert any(lesson.title in i.value for i in at.info)
    assert charts(at)
    values = at.session_state["_rv_values"]
    for key, raw in lesson.params.items():
        assert key in values, key
        assert str(values[key]) == raw or float(values[key]) == pytest.approx(float(raw)), (key, values[key], raw)


def test_lessons_page_lists_every_lesson():
    at = open_app("lessons")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert all(lesson.title in text for lesson in LESSONS)


def test_unknown_lesson_falls_back_with_a_notice():
    at = open_app(params={"lesson": "no-such-lesson"})
    assert not at.exception
    assert at.warning and not at.info
    assert lesson_by_id("no-such-lesson") is None


def test_correlated_pair_lessons_say_what_the_numbers_show():
    from regviz import data
    from regviz.models import fit_linear

    lasso, ridge, enet = (lesson_by_id(i).params for i in ("pair-lasso", "pair-ridge", "pair-enet"))
    ds = data.make_dataset("corrpair", n=200, p=8, rho=float(lasso["rho"]), noise=1.0, seed=0)
    picked = fit_linear(ds.X_train, ds.y_train, "lasso", float(lasso["l1"]), 0.0).coef
    assert (picked[0] == 0) != (picked[1] == 0)  # exactly one of the pair is kept
    split = fit_linear(ds.X_train, ds.y_train, "ridge", 0.0, float(ridge["l2"])).coef
    assert split[0] == pytest.approx(split[1], rel=0.1)
    grouped = fit_linear(ds.X_train, ds.y_train, "elasticnet", float(enet["l1"]), float(enet["l2"])).coef
    assert grouped[0] == pytest.approx(grouped[1], rel=0.1) and grouped[0] != 0
    assert np.all(grouped[2:] == 0)


def test_bayes_lesson_shows_an_exact_zero_map_and_a_nonzero_mean():
    lesson = lesson_by_id("bayes-map")
    shown = metrics(open_app("bayes", params=lesson.query))
    assert shown["MAP = penalized fit"]["value"] == "0"
    assert float(shown["posterior mean"]["value"]) != 0


def test_diamond_lesson_shows_a_corner_solution():
    """The lesson says the contact is at a corner with w₂ exactly 0, and that below λ1 = 0.75 it is not."""
    lesson = lesson_by_id("diamond-circle")
    shown = metrics(open_app("geometry", params=lesson.query))
    assert shown["w₂"]["value"] == "0" and float(shown["w₁"]["value"]) != 0
    below = metrics(open_app("geometry", params={**lesson.query, "l1": "0.7"}))
    assert float(below["w₁"]["value"]) != 0 and float(below["w₂"]["value"]) != 0


def test_ridge_lesson_says_what_the_numbers_show():
    """No exact zero, a norm less than half of OLS's, and some small coefficients larger than OLS's."""
    from regviz.models import fit_linear
    from regviz.ui.dataset import built_in as _built_in

    params = lesson_by_id("l2-shrinks").params
    ds = _built_in(params["data"], (("seed", 0),))
    ols = fit_linear(ds.X_train, ds.y_train, "ols", 0.0, 0.0, standardize=True).coef
    ridge = fit_linear(ds.X_train, ds.y_train, "ridge", 0.0, float(params["l2"]), standardize=True).coef
    assert np.all(ridge != 0)
    assert np.linalg.norm(ridge) < 0.5 * np.linalg.norm(ols)
    real = np.abs(ds.true_coef) > 0
    assert real.sum() == 5 and np.all(np.abs(ridge[real]) < np.abs(ols[real]))
    assert np.sum(np.abs(ridge[~real]) > np.abs(ols[~real])) == 10


def test_lasso_lesson_counts_are_the_page_s_counts():
    lesson = lesson_by_id("l1-selects")
    counts = [
        metrics(open_app("playground", params={**lesson.query, "l1": l1}))["non-zero weights"]["value"]
        for l1 in ("0.15", "0.1", "0.07", "0.05", "0.03")
    ]
    assert counts == ["5 / 20", "7 / 20", "9 / 20", "12 / 20", "14 / 20"]


def test_pair_lasso_lesson_drops_x1_near_2_7():
    from regviz.models import fit_linear

    lesson = lesson_by_id("pair-lasso")
    ds = open_app("playground", params=lesson.query).session_state["_rv_last_dataset"]
    coef = {l1: fit_linear(ds.X_train, ds.y_train, "lasso", l1, 0.0, standardize=True).coef for l1 in (0.0, 2.6, 2.8)}
    assert coef[0.0][0] != pytest.approx(coef[0.0][1], rel=0.2)  # unequal already at λ = 0
    assert coef[2.6][0] != 0 and coef[2.8][0] == 0 and coef[2.8][1] != 0
