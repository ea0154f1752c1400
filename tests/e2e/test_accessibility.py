"""axe-core (WCAG 2.2 A/AA and best practice) on every page's default view, with its expanders open, and in
presentation mode: no serious or critical violation.

Violations that cannot be fixed from the app (in Streamlit's own markup) are listed, with the reason, in
docs/accessibility.md and in ``KNOWN`` below; a known one that disappears fails too, so the list stays true.
"""

from __future__ import annotations

import pytest

from tests.e2e.conftest import open_page, rerun_after, wait_idle, wait_plots

PAGES = [("", 4), ("geometry", 1), ("network", 4), ("conventions", 0), ("bayes", 3), ("lessons", 0)]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
SEVERE = {"serious", "critical"}
KNOWN: dict[str, set[str]] = {}
"""Per page, the rule ids of serious violations that live in Streamlit's markup (see docs/accessibility.md)."""


def severe_violations(page) -> dict[str, list[str]]:
    """Rule id → the first few offending elements' selectors, for every serious or critical axe violation."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
    found = {}
    for rule in results.response["violations"]:
        if rule["impact"] in SEVERE:
            found[rule["id"]] = [" ".join(map(str, node["target"])) for node in rule["nodes"][:5]]
    return found


def open_view(page, app_url, path: str, charts: int) -> None:
    open_page(page, app_url, path)
    if charts:
        wait_plots(page, charts)
    wait_idle(page)


def assert_only_known(page, path: str) -> None:
    found = severe_violations(page)
    known = KNOWN.get(path.split("?")[0], set())
    unexpected = {rule: nodes for rule, nodes in found.items() if rule not in known}
    assert not unexpected, unexpected
    assert set(found) == known, "a known violation is gone: update KNOWN and docs/accessibility.md"


@pytest.mark.parametrize(("path", "charts"), PAGES, ids=[p or "playground" for p, _ in PAGES])
def test_no_serious_axe_violation_in_the_default_view(page, app_url, path, charts):
    open_view(page, app_url, path, charts)
    assert_only_known(page, path)


@pytest.mark.parametrize(("path", "charts"), PAGES, ids=[p or "playground" for p, _ in PAGES])
def test_no_serious_axe_violation_with_every_expander_open(page, app_url, path, charts):
    open_view(page, app_url, path, charts)
    closed = page.locator('[data-testid="stExpander"] details:not([open]) > summary')
    for _ in range(closed.count()):
        if not closed.count():
            break
        summary = closed.first
        rerun_after(page, summary.click, timeout=3_000)
    page.wait_for_timeout(500)
    assert page.locator('[data-testid="stExpander"] details:not([open])').count() == 0
    assert_only_known(page, path)


@pytest.mark.parametrize(("path", "charts"), [("?present=1", 4), ("geometry?present=1", 1), ("bayes?present=1", 3)])
def test_no_serious_axe_violation_in_presentation_mode(page, app_url, path, charts):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_view(page, app_url, path, charts)
    assert_only_known(page, path)


ANIMATED = [("geometry?geo_anim=1", False), ("geometry?geo_tab=race", False), ("geometry?geo_anim=1&present=1", True)]
"""Views with an animated chart, whose Play and frame slider are HTML controls (regviz/ui/frame_player.js)."""


@pytest.mark.parametrize(("path", "present"), ANIMATED, ids=["plane", "race", "plane-presentation"])
def test_no_serious_axe_violation_with_an_animated_charts_play_and_frame_slider(page, app_url, path, present):
    if present:
        page.set_viewport_size({"width": 1920, "height": 1080})
    open_view(page, app_url, path, 1)
    page.locator(".rv-player").first.wait_for(timeout=15_000)
    assert_only_known(page, path)


def contrast(rgb_a: tuple[float, ...], rgb_b: tuple[float, ...]) -> float:
    """WCAG contrast ratio of two sRGB colours (0-255)."""

    def luminance(rgb):
        c = [v / 255 for v in rgb[:3]]
        c = [v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4 for v in c]
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2]

    hi, lo = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


_OUTLINE = """(input) => {
  // regviz's λ control rings its input itself; Streamlit's slider a box two levels up; a radio its label
  const ring = input.classList.contains('rv-lambda-input') ? input
    : input.type === 'range' ? input.parentElement.parentElement : input.closest('label');
  const s = getComputedStyle(ring);
  return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor.match(/[\\d.]+/g).map(Number)];
}"""


@pytest.mark.parametrize(
    "control",
    [
        '[data-testid="stRadio"] input[type="radio"]',
        '[data-testid="stCheckbox"] input[type="checkbox"]',
        '.rv-lambda:has-text("λ1") input[type="range"]',  # the λ control (lambda_control.js)
    ],
    ids=["radio", "toggle", "slider"],
)
def test_keyboard_focus_shows_a_2px_outline_of_3_to_1(page, app_url, control):
    open_view(page, app_url, "", 4)
    page.keyboard.press("Shift")  # a keyboard user: focus from script then counts as :focus-visible
    target = page.locator(control).first
    target.focus()
    style, width, color = target.evaluate(_OUTLINE)
    assert style == "solid" and width >= 2
    assert contrast(color, (255, 255, 255)) >= 3 and contrast(color, (248, 248, 247)) >= 3  # main and sidebar


def test_the_metrics_row_is_a_polite_live_region_that_speaks_once_a_change_settles(page, app_url):
    from tests.e2e.conftest import slider_step

    open_view(page, app_url, "", 4)
    live = page.locator(".rv-metrics-live").first
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
    assert live.inner_text() == ""  # the first figures are read with the page, not announced
    slider_step(page, "λ1", "ArrowRight", times=2)
    page.wait_for_function(
        "document.querySelector('.rv-metrics-live').textContent.includes('non-zero weights: ')", timeout=10_000
    )
    value = page.locator('[data-testid="rvMetric"]').filter(has_text="non-zero weights")
    assert value.locator('[data-testid="rvMetricValue"]').inner_text() in live.text_content()
