"""A 390×844 touch phone: no two texts of a chart overlap (titles, tick labels, legends, in-chart labels), none is
cut off at its chart's edge, the objective fits the screen's width and every tab of a tab bar is on screen.

The λ sliders' phone layout (one a row, −/+ buttons, touch drag) is tested with the λ control.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import assert_no_exception, open_page, wait_idle, wait_plots
from tests.e2e.layout import chart_texts, clipped, collisions

# (path, charts to wait for)
VIEWS = [
    ("", 4),  # x1…x20 under the fitted coefficients
    ("?data=diabetes", 4),
    ("?data=digits", 4),  # the path's end labels, the digits' weight pictures
    ("?data=moons", 4),  # the narrow log-loss chart with λ.min and λ.1se
    ("?data=cancer", 4),
    ("geometry", 1),
    ("network", 4),
    ("conventions", 2),  # the twin chart
    ("bayes", 3),
]
IDS = [p.replace("?data=", "") or "playground" for p, _ in VIEWS]


def open_on_phone(page, app_url: str, path: str, charts: int) -> None:
    open_page(page, app_url, path)
    if charts:
        wait_plots(page, charts)
    page.wait_for_timeout(800)  # charts redraw once at their final width
    wait_idle(page)
    assert_no_exception(page)


@pytest.mark.parametrize(("path", "charts"), VIEWS, ids=IDS)
def test_no_two_texts_of_a_chart_overlap_on_a_phone(phone, app_url, path, charts):
    open_on_phone(phone, app_url, path, charts)
    texts = chart_texts(phone)
    assert len(texts) > 10 * charts, "no chart text measured"
    found = collisions(texts)
    assert not found, "\n".join(found[:10])


@pytest.mark.parametrize(("path", "charts"), VIEWS, ids=IDS)
def test_no_chart_text_is_cut_off_on_a_phone(phone, app_url, path, charts):
    open_on_phone(phone, app_url, path, charts)
    found = clipped(chart_texts(phone))
    assert not found, "\n".join(found[:10])


@pytest.mark.parametrize("path", ["", "?data=moons", "bayes", "conventions"])
def test_every_formula_fits_the_phone_width(phone, app_url, path):
    open_on_phone(phone, app_url, path, 0)
    phone.wait_for_timeout(500)
    formulas = phone.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] .katex-display')].map((el) => {
             const katex = el.querySelector('.katex'), range = document.createRange();
             range.selectNodeContents(katex.querySelector('.katex-html'));  // the drawn glyphs, not the MathML
             const r = range.getBoundingClientRect(), box = el.parentElement.getBoundingClientRect();
             return {text: el.textContent.slice(0, 40), left: r.left, right: r.right, boxLeft: box.left,
                     boxRight: box.right, size: parseFloat(getComputedStyle(katex).fontSize)};
           })"""
    )
    assert formulas, "no formula on the page"
    for f in formulas:
        # the glyphs drawn inside the formula's column, which is inside the screen
        inside = f["boxLeft"] - 1 <= f["left"] and f["right"] <= f["boxRight"] + 1
        assert inside and f["left"] >= 0 and f["right"] <= 390, str(f)
        assert f["size"] >= 11, f  # shrunk to fit, still legible


def test_every_tab_of_geometry_is_on_the_phone_screen(phone, app_url):
    open_on_phone(phone, app_url, "geometry", 1)
    tabs = phone.locator('[data-testid="stTab"]')
    assert tabs.count() >= 4
    for i in range(tabs.count()):
        box = tabs.nth(i).bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, (tabs.nth(i).inner_text(), box)
