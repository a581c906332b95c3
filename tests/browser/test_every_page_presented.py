"""Every page on the 300-article store at 1400x1000, normal and in presentation mode (``?present=1``),
light and dark (issue #17, "Done when"): no error or exception element, every chart drawn as SVG,
nothing wider than the window, and larger text in presentation mode.

Screenshots of each view go to ``QUOTE_ATLAS_SCREENSHOTS`` when set (``every-<page>-<mode>-<theme>.png``).
"""

import re

import pytest

from tests.browser.conftest import TIMEOUT_MS, open_page, screenshot, settle
from tests.browser.server import serve

pytestmark = pytest.mark.browser

#: Page (path and query) -> the fewest plotly charts it draws on the 300-article store.
PAGES = {
    "overview": 4, "quotes": 0, "countries": 4, "topics": 3, "speakers": 3, "reader": 0,
    "compare?by=speaker&a=Vladimir%20Putin&b=Tony%20Blair": 3, "briefing": 2,
    "briefing?by=speaker&a=Vladimir%20Putin&b=Tony%20Blair": 2, "corpus": 0,  # its chart: in a closed tab
}
BACKGROUND = {"light": "rgb(255, 255, 255)", "dark": "rgb(15, 20, 25)"}

MEASURE = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const size = (selector) => {
    const element = main.querySelector(selector);
    return element ? parseFloat(getComputedStyle(element).fontSize) : null;
  };
  const plots = [...document.querySelectorAll('.js-plotly-plot')];
  return {
    scrollWidth: document.scrollingElement.scrollWidth,
    viewport: window.innerWidth,
    errors: document.querySelectorAll('[data-testid="stException"], [data-testid="stAlertContentError"]').length,
    plots: plots.length,
    withoutSvg: plots.filter(p => !p.querySelector('svg.main-svg')).length,
    h1: size('h1'),
    metric: size('[data-testid="stMetricValue"] p, [data-testid="stMetricValue"]'),
    text: size('[data-testid="stCaptionContainer"] p, [data-testid="stMarkdownContainer"] p'),
    background: getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor,
  };
}"""


@pytest.fixture(scope="module")
def server300(shared_corpus_store):
    yield from serve(shared_corpus_store)


@pytest.fixture(scope="module", params=["light", "dark"])
def themed(request, browser):
    """A tab of a context per theme (the colour scheme the app follows by default)."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, color_scheme=request.param)
    tab = context.new_page()
    tab.set_default_timeout(3 * TIMEOUT_MS)
    yield request.param, tab
    context.close()


def _view(tab, url: str, expected_plots: int) -> dict:
    open_page(tab, url)
    if expected_plots:
        tab.wait_for_function(f"() => document.querySelectorAll('.js-plotly-plot svg.main-svg').length >= "
                              f"{expected_plots}")
    tab.wait_for_timeout(300)
    return tab.evaluate(MEASURE)


def _name(path: str) -> str:
    page, _, query = path.partition("?")
    return page + ("-compare" if "by=" in query else "")


@pytest.mark.parametrize("path", list(PAGES))
def test_page_draws_normal_and_presented(server300, themed, path):
    theme, tab = themed
    separator = "&" if "?" in path else "?"
    normal = _view(tab, f"{server300}/{path}", PAGES[path])
    screenshot(tab, f"every-{_name(path)}-normal-{theme}")
    presented = _view(tab, f"{server300}/{path}{separator}present=1", PAGES[path])
    screenshot(tab, f"every-{_name(path)}-present-{theme}")
    for mode, view in (("normal", normal), ("presentation", presented)):
        assert view["errors"] == 0, f"{mode}: an error or exception element is shown"
        assert view["plots"] >= PAGES[path] and view["withoutSvg"] == 0, f"{mode}: every chart is drawn as SVG"
        assert view["scrollWidth"] <= view["viewport"], f"{mode}: the page is wider than the window"
        assert view["background"] == BACKGROUND[theme], f"{mode}: the {theme} theme"
    assert tab.locator('[data-testid="stToolbar"]').is_hidden(), "presentation mode hides the toolbar"
    assert presented["text"] > normal["text"], "presentation mode enlarges the text"
    assert presented["h1"] >= normal["h1"]
    assert presented["metric"] is None or presented["metric"] >= normal["metric"], "metrics do not shrink"


def test_the_compare_page_links_to_the_brief_of_its_comparison(server300, page):
    open_page(page, f"{server300}/compare?by=country&a=UKR&b=RUS")
    page.get_by_role("link", name="One-page brief of this comparison").click()
    page.wait_for_url(re.compile(r"/briefing\?.*by=country"))
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')
    settle(page)
    page.get_by_role("heading", name="Briefing: Ukraine vs Russia").wait_for()
    band = page.locator(".qa-brief-compare")
    band.first.wait_for()  # st.html draws after the heading
    assert band.count() == 1 and "distinctive key phrases" in band.inner_text().lower()
    assert page.get_by_text("PDF: 1 page, A4 portrait, 210 × 297 mm").count() == 1
    screenshot(page, "every-compare-to-brief")
    assert page.locator('[data-testid="stException"]').count() == 0
