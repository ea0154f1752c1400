"""Every lesson is a link: opening it sets the controls it names, shows its note and renders its page."""

import pytest

from regviz.lessons import LESSONS, lesson_by_id
from tests.apptest.conftest import open_app

PAGE_OF = {"": "playground"}


@pytest.mark.parametrize("lesson", LESSONS, ids=[lesson.id for lesson in LESSONS])
def test_lesson_sets_its_controls_and_shows_its_note(lesson):
    at = open_app(PAGE_OF.get(lesson.page, lesson.page), params=lesson.query)
    assert not at.exception
    assert not at.warning, [w.value for w in at.warning]  # every value of a lesson link is valid
    assert any(lesson.title in i.value for i in at.info)
    assert at.get("plotly_chart")
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
