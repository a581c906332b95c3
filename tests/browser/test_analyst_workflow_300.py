"""Issue #17 in a real browser on the 300-article store: one-page brief, speakers by any name,
charts at corpus size, the compare page by deep link (screenshots with QUOTE_ATLAS_SCREENSHOTS)."""

import io
import re

import pytest

from tests.browser.conftest import TIMEOUT_MS, open_page, screenshot, settle
from tests.browser.server import serve

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server300(shared_corpus_store):
    yield from serve(shared_corpus_store)


def test_one_page_brief_prints_one_page(server300, page, tmp_path):
    from ui.pdf import find_chromium

    open_page(page, f"{server300}/briefing?country=UKR")
    assert page.get_by_text("PDF: 1 page, A4 portrait, 210 × 297 mm").count() == 1
    assert page.get_by_role("heading", name="Top speakers").count() == 1
    screenshot(page, "300-briefing-ukraine")
    if find_chromium() is None:
        pytest.skip("no Chromium for the PDF")
    page.get_by_role("button", name=re.compile("Prepare PDF")).click()
    button = page.locator('[data-testid="stDownloadButton"] button').filter(has_text="Download PDF")
    button.wait_for(timeout=180_000)
    with page.expect_download(timeout=TIMEOUT_MS) as info:
        button.click()
    target = tmp_path / "brief.pdf"
    info.value.save_as(target)
    from pypdf import PdfReader

    assert len(PdfReader(io.BytesIO(target.read_bytes())).pages) == 1


def test_typing_putin_and_enter_picks_putin_only(server300, page):
    open_page(page, f"{server300}/quotes")
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text="Speakers")
    box.locator("input").click()
    box.locator("input").fill("putin")
    page.wait_for_timeout(500)
    box.locator("input").press("Enter")
    settle(page)
    page.wait_for_function("() => decodeURIComponent(location.search).includes('speaker=Vladimir+Putin')"
                           " || decodeURIComponent(location.search).includes('speaker=Vladimir Putin')")
    settle(page)
    from urllib.parse import parse_qs, urlsplit

    assert parse_qs(urlsplit(page.url).query)["speaker"] == ["Vladimir Putin"], "one speaker, not every match"
    assert box.get_by_text("Vladimir Putin").count() == 1
    page.get_by_text(re.compile(r"Statements by Vladimir Putin · \d+ statements")).wait_for()


def test_a_link_with_an_alias_and_an_unknown_value(server300, page):
    open_page(page, f"{server300}/overview?speaker=President%20Putin&country=Atlantis")
    main = page.locator('[data-testid="stMain"]')
    warning = main.locator('[data-testid="stAlertContentWarning"]')
    assert warning.count() == 1 and "“Atlantis” is not a country" in warning.inner_text()
    assert main.get_by_text(re.compile(r"Statements naming Atlantis; by Vladimir Putin · 0 statements")).count() == 1
    screenshot(page, "300-overview-alias-unknown")


def test_charts_read_at_corpus_size(server300, page):
    open_page(page, f"{server300}/speakers")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 3")
    rows = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
        .filter(g => g.data[0].type === 'heatmap').map(g => g.data[0].y.length)""")
    assert rows and max(rows) <= 20
    screenshot(page, "300-speakers")
    open_page(page, f"{server300}/countries?country=UKR")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 4")
    labels = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
        .filter(g => g.data[0].type === 'bar').flatMap(g => [...g.data[0].y])""")
    assert "Ukraine" not in labels and "Russia" in labels
    screenshot(page, "300-countries-ukraine")


def test_compare_by_deep_link(server300, page):
    open_page(page, f"{server300}/compare?by=speaker&a=Putin&b=Tony%20Blair")
    page.wait_for_function("() => document.querySelectorAll('.js-plotly-plot').length >= 3")
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text("95% interval").count() >= 1
    from urllib.parse import parse_qs, urlsplit

    assert parse_qs(urlsplit(page.url).query)["a"] == ["Vladimir Putin"], "the shared link names the canonical speaker"
    screenshot(page, "300-compare-putin-blair")
    assert page.locator('[data-testid="stException"]').count() == 0


def _statements_in_header(page) -> int:
    """The statement count of the page header ("All statements · 4,621 statements · ...")."""
    caption = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    return int(re.search(r"([\d,]+) statements?", caption).group(1).replace(",", ""))


def test_undated_statements_are_said_and_kept(server300, page):
    open_page(page, f"{server300}/overview")
    page.wait_for_function("() => [...document.querySelectorAll('.js-plotly-plot')]"
                           ".some(g => JSON.stringify(g.layout.title || {}).includes('no date'))")
    note = page.evaluate("""() => [...document.querySelectorAll('.js-plotly-plot')]
        .map(g => JSON.stringify(g.layout.title || {})).find(t => t.includes('no date'))""")
    undated, total = (int(n.replace(",", "")) for n in re.search(r"([\d,]+) of ([\d,]+) statements", note).groups())
    assert 0 < undated < total == _statements_in_header(page)
    open_page(page, f"{server300}/quotes")
    listed = page.get_by_text(re.compile(r"undated listed last")).first.inner_text()
    assert f"{undated:,} undated listed last" in listed, "the table keeps every undated statement, last"


def test_versions_of_a_story_are_counted_once_and_can_be_counted_apart(server300, page):
    open_page(page, f"{server300}/overview")
    once = _statements_in_header(page)
    sidebar = page.locator('[data-testid="stSidebar"]').inner_text()
    repeats = int(re.search(r"\(([\d,]+) repeats counted once\)", sidebar).group(1).replace(",", ""))
    open_page(page, f"{server300}/overview?versions=all")
    assert _statements_in_header(page) == once + repeats


def test_a_brief_records_its_view_store_and_version(server300, page):
    from analysis.records import ANALYSIS_VERSION

    open_page(page, f"{server300}/briefing?country=UKR")
    provenance = page.get_by_text(re.compile(r"store [0-9a-f]{12}")).first.inner_text()
    assert "/briefing?country=UKR" in provenance and f"analysis {ANALYSIS_VERSION}" in provenance
    assert "hand-checked" in provenance, "the brief states the measured accuracy"


def test_links_to_the_reader_keep_the_filters(server300, page):
    """Session 16 (qa2): the Corpus and Quotes pages' links to the Reader dropped the sidebar filters."""
    open_page(page, f"{server300}/corpus?country=UKR")
    page.get_by_role("tab", name="Search the text").click()
    settle(page)
    box = page.get_by_role("textbox", name="Words or phrase in the article text")
    box.fill("Crimea")
    box.press("Enter")
    settle(page)
    href = page.locator('[data-testid="stMain"] a').filter(has_text=re.compile(r"^read$")).first.get_attribute("href")
    assert href.startswith("/reader?article=") and "country=UKR" in href, href
    open_page(page, f"{server300}{href}")
    main = page.locator('[data-testid="stMain"]')
    assert main.get_by_text(re.compile(r"^Statements naming Ukraine · ")).count() == 1, "the Reader has the filter"
    assert main.get_by_text("statement outside the filters").count() == 1
    open_page(page, f"{server300}/quotes?country=UKR&topic=sanctions")
    button = page.locator('[data-testid="stLinkButton"] a').filter(has_text="Read the whole article in the Reader")
    href = button.first.get_attribute("href")  # Streamlit 1.67 draws it as two anchors
    assert "country=UKR" in href and "topic=sanctions" in href and "article=" in href, href
    screenshot(page, "300-quotes-reader-link")
