"""Every page by URL in headless Chromium: no exception, the map draws, filters and links work."""

import re

import pytest

from tests.browser.conftest import open_page, screenshot, settle

pytestmark = pytest.mark.browser

PAGES = ["overview", "quotes", "countries", "topics", "speakers", "reader"]


@pytest.mark.parametrize("path", PAGES)
def test_page_opens_by_url_without_exception(server, page, path):
    open_page(page, f"{server}/{path}")
    screenshot(page, path)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[role="dialog"]').count() == 0, "no 'page not found' dialog"
    assert page.locator('[data-testid="stAlertContentError"]').count() == 0
    assert page.locator("h1").first.inner_text().strip()
    # the shell ran (also for the very first request to a fresh server): filters in the sidebar
    assert page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').count() == 3


def test_map_draws_countries_offline(server, page):
    open_page(page, f"{server}/countries")
    page.wait_for_selector("path.choroplethlocation")
    shapes = page.locator("path.choroplethlocation")
    assert shapes.count() == 5
    assert all(len(shapes.nth(i).get_attribute("d") or "") > 50 for i in range(shapes.count()))
    assert page.locator(".geo .layer path, .geo path").count() > 5


def _statements(page) -> int:
    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Statements").first
    return int(re.search(r"\d+", metric.locator('[data-testid="stMetricValue"]').inner_text()).group())


def test_changing_a_filter_changes_the_view_and_the_link(server, page):
    open_page(page, f"{server}/overview")
    before = _statements(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first.click()
    page.get_by_role("option", name=re.compile("Italy")).click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('country=ITA')")
    settle(page)
    page.wait_for_function(f"""() => {{
        const m = [...document.querySelectorAll('[data-testid="stMetricValue"]')];
        return m.length && m[0].innerText.trim() !== '{before}';
    }}""")
    after = _statements(page)
    assert 0 < after < before
    screenshot(page, "overview-italy")
    # the sidebar link to another page carries the filter along
    page.locator('[data-testid="stSidebarNav"] a, [data-testid="stPageLink"] a').filter(has_text="Quotes").first.click()
    page.wait_for_url(re.compile(r"/quotes\?.*country=ITA"))
    settle(page)
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert "naming Italy" in caption


def test_root_url_opens_the_overview_with_its_parameters(server, page):
    open_page(page, f"{server}/?country=USA")
    page.wait_for_url(re.compile(r"/overview\?country=USA"))
    settle(page)
    assert page.locator("h1").first.inner_text().strip() == "Quote Atlas"
    assert page.locator('[role="dialog"]').count() == 0  # no "page not found"


def test_deep_link_reproduces_a_view(server, page):
    open_page(page, f"{server}/quotes?country=DEU&speaker=Vladimir+Putin")
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert "naming Germany" in caption and "by Vladimir Putin" in caption
    assert "country=DEU" in page.url
    screenshot(page, "quotes-deu")
