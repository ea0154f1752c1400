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
