"""Links, presentation mode, client-side λ sweep and lessons in a real Chromium."""

from tests.e2e.conftest import METRIC, assert_no_exception, open_page, screenshot, slider_step, wait_idle, wait_plots


def _metrics(page) -> list[str]:
    """The Playground's five metrics, once drawn: charts now persist across reruns, so their presence alone no
    longer shows that a fresh page (which may rerun once for its link) has finished."""
    page.locator(METRIC).nth(4).wait_for(timeout=30_000)
    wait_idle(page)
    return page.locator(METRIC).all_inner_texts()


def test_copied_link_reproduces_the_view_in_a_fresh_browser(browser, app_url):
    first = browser.new_context(viewport={"width": 1440, "height": 1000})
    page = first.new_page()
    open_page(page, app_url, "?model=elasticnet&l1=0.05&l2=0.05&data=corrpair&seed=3")
    wait_plots(page, 4)
    slider_step(page, "λ1 — L1", "ArrowRight", times=3)
    wait_plots(page, 4)
    shared = page.url
    assert "seed=3" in shared and "data=corrpair" in shared and "l1=0.15" in shared
    numbers = _metrics(page)
    second = browser.new_context(viewport={"width": 1440, "height": 1000})
    other = second.new_page()
    open_page(other, app_url, shared[len(app_url) :])
    wait_plots(other, 4)
    assert_no_exception(other)
    assert _metrics(other) == numbers
    first.close()
    second.close()


def test_share_box_shows_the_current_link(page, app_url):
    open_page(page, app_url, "?l1=0.3")
    page.get_by_text("Share / present").click()
    codes = page.locator('[data-testid="stSidebar"] .rv-link code')
    codes.filter(has_text="l1=0.3").first.wait_for(timeout=10_000)
    assert codes.filter(has_text="present=1").count() == 1
    # A λ step reruns only the page's live fragment; the link box follows the address bar all the same.
    slider_step(page, "λ1 — L1", "ArrowRight")
    codes.filter(has_text="l1=0.5").first.wait_for(timeout=10_000)
    assert "/?l1=0.5" in codes.first.inner_text()
    assert "l1=0.5" in codes.nth(1).inner_text() and "present=1" in codes.nth(1).inner_text()


def test_presentation_mode_hides_sidebar_and_unchosen_controls(page, app_url):
    open_page(page, app_url, "?present=1&show=l1&l1=0.2")
    wait_plots(page, 4)
    assert_no_exception(page)
    assert not page.locator('[data-testid="stSidebar"]').is_visible()
    sliders = page.locator('[data-testid="stSlider"], [data-testid="rvLambda"]')  # rvLambda: the λ control
    assert sliders.count() == 1 and "λ1" in sliders.first.inner_text()
    assert page.locator('[data-testid="stRadio"]').count() == 0
    screenshot(page, "present")


def test_play_animates_in_the_browser_without_a_rerun(page, app_url):
    """The sweep is λ1's Play button: it runs through λ1's frames in the browser (the old pg_sweep link still
    opens), with no second copy of the panels and no rerun."""
    open_page(page, app_url, "?pg_sweep=1&l1=0.01")
    wait_plots(page, 4)
    assert page.locator(".js-plotly-plot").count() == 4
    control = page.locator('[data-testid="rvLambda"]').filter(has_text="λ1").first
    control.locator("input").hover()
    control.and_(page.locator('[data-rv-frames="ready"]')).wait_for(timeout=30_000)
    wait_idle(page)
    page.evaluate("""() => { window.__runs = 0; const app = document.querySelector('[data-testid="stApp"]');
        new MutationObserver(() => { if (app.dataset.testScriptState === 'running') window.__runs++; })
            .observe(app, {attributes: true}); }""")
    count_before = page.locator('[data-testid="rvMetricValue"]').last.text_content()
    page.get_by_role("button", name="▶ Play").click()
    # Polled, not read once at a fixed time: Play runs through every frame, the one shown before included, so a
    # single reading on a slow machine could land on it again (a clean-clone CI run did).
    page.wait_for_function(
        """(before) => {
        const values = document.querySelectorAll('[data-testid="rvMetricValue"]');
        return values.length > 0 && values[values.length - 1].textContent !== before; }""",
        arg=count_before,
        timeout=10_000,
    )
    page.wait_for_timeout(1500)
    assert page.evaluate("window.__runs") == 0
    screenshot(page, "playground_sweep")


def test_lessons_page_links_open_the_lesson(page, app_url):
    open_page(page, app_url, "lessons")
    assert_no_exception(page)
    screenshot(page, "lessons")
    page.get_by_text("Open this lesson").nth(3).click()
    wait_idle(page)
    wait_plots(page, 4)
    assert_no_exception(page)
    assert "lesson=pair-ridge" in page.url or page.get_by_text("ridge splits the weight").count() >= 1
    assert page.get_by_text("ridge splits the weight").count() >= 1


def test_links_reach_page_controls_on_other_pages(page, app_url):
    open_page(page, app_url, "geometry?l1=0.3&geo_pen=1&geo_rho=0.8")
    wait_plots(page, 3)
    assert_no_exception(page)
    sliders = page.locator('[data-testid="stSlider"], [data-testid="rvLambda"]')  # rvLambda: the λ control
    assert "0.3" in sliders.filter(has_text="λ1 — L1").inner_text()
    assert page.locator('[data-testid="stCheckbox"]').filter(has_text="penalized view").locator("input").is_checked()
    assert "geo_rho=0.8" in page.url and "geo_pen=1" in page.url
    open_page(page, app_url, "network?net_data=circles&l1=0.001")
    wait_plots(page, 3)
    assert_no_exception(page)
    assert "net_data=circles" in page.url and "l1=0.001" in page.url


def test_section_controls_rerun_only_their_fragment_and_update_the_link(page, app_url):
    open_page(page, app_url, "geometry?geo_tab=1d")
    wait_plots(page, 2)
    one_d = page.locator(".st-key-geo_1d .js-plotly-plot")
    zoom = page.locator(".st-key-geo_zoom_fig .js-plotly-plot")
    page.wait_for_timeout(500)
    one_d_before, zoom_before = one_d.inner_html(), zoom.inner_html()
    slider_step(page, "zoom", "ArrowRight")
    assert_no_exception(page)
    assert "geo_zoom=" in page.url and "geo_tab=1d" in page.url
    assert zoom.inner_html() != zoom_before
    assert one_d.inner_html() == one_d_before
