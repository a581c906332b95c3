"""Issue #16 items 5, 8 and 11 in headless Chromium, on the hostile store of tests/security.

No request leaves for the attacker's host, no link or image of it is drawn, the search text and
the Reader's article are shown character for character, and the XSRF cookie is set.
"""

import pytest

from tests.browser.conftest import TIMEOUT_MS, open_page, screenshot
from tests.browser.server import serve
from tests.security.conftest import HOSTILE_Q, OUTLET, TEXT, build_hostile_store
from ui.safe import WORD_JOINER

pytestmark = pytest.mark.browser
#: Every link target on the page, HTML and SVG (plotly draws chart links as <a xlink:href>).
LINKS = """() => [...document.querySelectorAll('a')]
    .map(a => a.getAttribute('href') || a.getAttribute('xlink:href') || '')"""


def evil_links(page) -> list[str]:
    """Links that lead to the attacker's host or run script (the app's own links carry the
    search text in their query string, so they are relative and do not count)."""
    return [h for h in page.evaluate(LINKS) if h.lower().startswith(("http://evil", "https://evil", "//evil",
                                                                    "javascript:"))]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    yield from serve(build_hostile_store(tmp_path_factory.mktemp("store") / "hostile"))


@pytest.fixture()
def guarded_page(browser):
    """A tab whose requests to anything but the app are refused and recorded."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    outside: list[str] = []

    def refuse(route):
        outside.append(route.request.url)
        route.abort()

    context.route(lambda url: not url.startswith(("http://127.0.0.1", "data:", "blob:")), refuse)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.outside = outside
    yield tab
    context.close()


def test_hostile_search_text_draws_no_link_no_image_and_loads_nothing(hostile_server, guarded_page):
    from urllib.parse import quote

    page = guarded_page
    # title:"..." searches article titles for the phrase, and the hostile title is the hostile text
    # itself, so its statements match and the charts draw with the hostile speaker
    typed = 'title:"' + HOSTILE_Q + '"'
    open_page(page, f"{hostile_server}/overview?q={quote(typed, safe='')}")
    screenshot(page, "security-overview-hostile-q")
    assert evil_links(page) == []
    assert page.locator('img[src*="evil.example"]').count() == 0
    assert page.locator(".js-plotly-plot").count() >= 2, "the charts, with the hostile speaker, drew"
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    assert HOSTILE_Q in caption.replace(WORD_JOINER, ""), "shown as typed (invisible word joiners aside)"
    assert page.outside == [], f"requests left the app: {page.outside}"
    assert any(c["name"] == "_streamlit_xsrf" for c in page.context.cookies()), "XSRF protection is on"


def test_reader_shows_the_stored_characters(hostile_server, guarded_page):
    page = guarded_page
    open_page(page, f"{hostile_server}/reader")
    page.wait_for_selector(".qa-doc")
    screenshot(page, "security-reader-hostile")
    meta = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').nth(1).inner_text()
    assert meta.replace(WORD_JOINER, "") == f"{OUTLET} · 2024-06-07", "the outlet as stored, no colour directive"
    doc = page.locator(".qa-doc")
    for tag in ("a", "em", "strong", "ol", "ul", "li", "code", "img", "script", "h1"):
        assert doc.locator(tag).count() == 0, f"<{tag}> inside the article"
    shown = page.evaluate("""() => {
        const doc = document.querySelector('.qa-doc').cloneNode(true);
        doc.querySelectorAll('.qa-tag').forEach(t => t.remove());
        return doc.textContent; }""")
    assert shown == TEXT
    assert evil_links(page) == []
    assert page.outside == [], f"requests left the app: {page.outside}"


#: Streamlit replaces these in Markdown text even when escaped (emoji, its logo, arrows, icons).
SHORTCODES = "a :smile: -> b :material/home: c :streamlit: d <-> e >= f ~= g $x$ ~~s~~"


def test_shortcodes_and_arrows_in_the_search_text_stay_as_typed(hostile_server, guarded_page):
    from urllib.parse import quote

    page = guarded_page
    open_page(page, f"{hostile_server}/overview?q={quote(SHORTCODES, safe='')}")
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first
    assert SHORTCODES in caption.inner_text().replace(WORD_JOINER, "")
    assert caption.locator("img, svg, span[style]").count() == 0, caption.inner_html()[:300]
