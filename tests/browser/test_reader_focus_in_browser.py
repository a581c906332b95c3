"""The Reader opened at one statement (the Quotes page's link): scrolled to it, outlined (session 18, qa4).

Before, the link opened the article at its top, the statement unmarked: on a long article the reader had to
find it again by eye.
"""

import pytest

from tests.browser.conftest import open_page, screenshot
from ui.annotate import FOCUS_ID

pytestmark = pytest.mark.browser

#: Where the statement's anchor is on screen: inside the window, not below it.
ON_SCREEN_JS = f"""() => {{
    const at = document.getElementById('{FOCUS_ID}');
    if (!at) return false;
    const top = at.getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight;
}}"""
SCROLLED_JS = "() => document.querySelector('[data-testid=\"stMain\"]').scrollTop"


def _statements(store: str) -> tuple[str, list[str]]:
    """The seed article's id and its statements' ids in text order."""
    from analysis.store import load_corpus

    quotes = load_corpus(store).quotes.sort_values("start")
    return str(quotes["article_id"].iloc[0]), quotes["quote_id"].astype(str).tolist()


@pytest.mark.parametrize(("which", "scrolled"), [(-1, True), (None, False)])
def test_the_reader_opens_at_the_linked_statement(server, seed_store, page, which, scrolled):
    article, quotes = _statements(seed_store)
    url = f"{server}/reader?article={article}" + (f"&quote={quotes[which]}" if which is not None else "")
    open_page(page, url)
    if scrolled:
        page.wait_for_function(ON_SCREEN_JS, timeout=10_000)
        assert page.evaluate(SCROLLED_JS) > 0, "the page scrolled down to the last statement"
        outlined = page.locator(".qa-q.qa-focus")
        assert outlined.count() >= 1 and outlined.first.is_visible()
        assert page.get_by_text("the statement opened from Quotes").count() == 1, "the legend says what it is"
        screenshot(page, "reader-at-statement")
    else:
        page.wait_for_timeout(1_000)  # what a script would have needed to scroll
        assert page.evaluate(SCROLLED_JS) == 0 and page.locator(f"#{FOCUS_ID}").count() == 0
    assert page.locator('[data-testid="stException"]').count() == 0
