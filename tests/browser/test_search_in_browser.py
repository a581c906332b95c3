"""Search on the 300-article store in a real browser: `/quotes?q=missile` marks the hits in the
table and the whole statement, and a hostile query draws a note, never a traceback.
"""

import re

import pytest

from tests.browser.conftest import open_page, screenshot
from tests.browser.server import serve


@pytest.fixture(scope="module")
def real_server(shared_corpus_store):
    """A server on the 300-article store."""
    yield from serve(shared_corpus_store)


def test_missile_search_marks_hits_in_the_statement_and_its_context(real_server, shared_corpus_store, page):
    from analysis.store import load_corpus

    texts = load_corpus(shared_corpus_store, texts=False).quotes["text"]
    expected = int(texts.str.contains(r"\bmissiles?\b", case=False, regex=True).sum())
    open_page(page, f"{real_server}/quotes?q=missile")
    screenshot(page, "quotes-search-missile")
    marks = page.locator("mark")
    assert marks.count() >= 1
    assert all(text.lower() in ("missile", "missiles") for text in marks.all_inner_texts())
    assert page.locator(".qa-hit").count() >= 1  # the hit in the context paragraph
    header = page.locator('[data-testid="stMain"] [data-testid="stCaptionContainer"]').first.inner_text()
    shown = int(re.search(r"([\d,]+) statements?", header).group(1))
    assert 0 < shown <= expected  # repeats of a statement are counted once
    assert page.locator('[data-testid="stDataFrame"]').first.is_visible()  # the table is drawn (a canvas)
    assert not page.locator('[data-testid="stException"]').count()


def test_a_hostile_query_gives_a_note(real_server, page):
    open_page(page, f"{real_server}/quotes?q=NEAR(%20*%20%22unclosed")
    assert not page.locator('[data-testid="stException"]').count()
    notes = page.locator('[data-testid="stAlert"]').all_inner_texts()
    assert any("unclosed" in n for n in notes) and any("nothing to search" in n for n in notes)
    assert page.locator("h1", has_text="Quotes").count() == 1
