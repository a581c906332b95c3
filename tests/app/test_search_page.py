"""Search on the Quotes page of the 300-article store: `?q=missile` finds statements with any form of
the word (never a title-only hit), marks the hits in the table and in context, and hostile queries
give a message, never a traceback.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.opening import DASHBOARD


def quotes_page(query: str) -> AppTest:
    """The Quotes page opened from a link carrying ``?q=query`` (every copy of a statement counted)."""
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.query_params["q"] = query
    at.query_params["versions"] = "all"
    at.run()
    return at.switch_page("pages/quotes.py").run()


def test_q_missile_shows_only_statements_with_missile_or_missiles(real_store):
    from analysis.store import load_corpus

    at = quotes_page("missile")
    assert not at.exception and not at.error
    table = at.dataframe[0].value
    statements = table["Statement"].tolist()
    assert statements, "no statement found"
    for text in statements:
        assert re.search(r"«missiles?»", text, re.I), text
        assert re.search(r"\bmissiles?\b", text.replace("«", "").replace("»", ""), re.I), text
    # Exactly the statements whose text has the word in either form (titles are not searched).
    quotes = load_corpus(real_store, texts=False).quotes
    expected = quotes["text"].str.contains(r"\bmissiles?\b", case=False, regex=True).sum()
    assert len(statements) == expected
    assert quotes_page("missiles").dataframe[0].value["Statement"].tolist() == statements
    marked = [h.proto.body for h in at.get("html") if "<mark>" in h.proto.body or "qa-hit" in h.proto.body]
    assert any("<mark>missile" in body for body in marked)  # the whole statement, hits marked
    assert any('class="qa-hit"' in body or "qa-hit " in body for body in marked)  # and in context


def test_title_search_is_an_option(real_store):
    at = quotes_page("title:missile")
    assert not at.exception
    assert "title matches" in at.caption[0].value
    assert len(at.dataframe[0].value) > 0


@pytest.mark.parametrize("query", ["NEAR(", "*", '"unbalanced', "x" * 10_000, "{text}: AND OR NOT"])
def test_hostile_queries_give_a_message_not_a_traceback(real_store, query):
    at = quotes_page(query)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error
    assert "Quotes" in [t.value for t in at.title]
    if query in ("*", "x" * 10_000, '"unbalanced'):
        assert at.info or any("ignored" in c.value for c in at.caption)


def test_corpus_page_searches_article_texts_with_the_index(real_store):
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.run()
    at.switch_page("pages/corpus.py").run()
    at.session_state["corpus_tab"] = "Search the text"  # the tabs run lazily: open it
    at.run()
    at.text_input(key="corpus_search").input("missiles").run()
    assert not at.exception
    assert any(re.match(r"\d+ articles? match", c.value) for c in at.caption)
    snippets = [h.proto.body for h in at.get("html") if "<mark>" in h.proto.body]
    assert snippets and all(re.search(r"<mark>missiles?</mark>", s, re.I) for s in snippets)
    at.text_input(key="corpus_search").input('NEAR( "unclosed').run()
    assert not at.exception and not at.error


def corpus_search_tab() -> AppTest:
    """The dashboard opened on the Corpus page's "Search the text" tab."""
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.run()
    at.switch_page("pages/corpus.py").run()
    at.session_state["corpus_tab"] = "Search the text"
    at.run()
    return at


def test_corpus_search_reads_the_warehouse_index_not_every_text(real_store, monkeypatch):
    from ui import article_reads, data

    def refuse(*_args, **_kwargs):
        raise AssertionError("every article's text was read for the search")

    monkeypatch.setattr(data, "article_texts", refuse)
    monkeypatch.setattr(article_reads, "article_texts", refuse)
    at = corpus_search_tab()
    for query, found in (("missiles", True), ("title:ukraine", True), ("zzzqqqxx", False), ("NEAR(", None)):
        at.text_input(key="corpus_search").input(query).run()
        assert not at.exception and not at.error, query
        matched = [int(m.group(1).replace(",", "")) for c in at.caption
                   if (m := re.match(r"([\d,]+) articles? match", c.value))]
        assert len(matched) == 1, (query, [c.value for c in at.caption])
        if found is not None:
            assert (matched[0] > 0) == found, (query, matched)


@pytest.mark.parametrize(("cap", "query", "capped"), [
    (5, "the", True),  # nearly every article matches: the 5 newest ranked, and the caption says so
    (5, "zzzqqqxx", False),  # nothing matches: nothing to say
    (10**6, "the", False),  # fewer matches than the cap: every match ranked, as before
])
def test_corpus_search_says_when_only_the_newest_matches_are_ranked(real_store, monkeypatch, cap, query, capped):
    from analysis.store import article_search

    monkeypatch.setattr(article_search, "RANKED_AT_MOST", cap)
    at = corpus_search_tab()
    at.text_input(key="corpus_search").input(query).run()
    assert not at.exception and not at.error
    caption = next(c.value for c in at.caption if re.match(r"[\d,]+ articles? match", c.value))
    assert ("most recently added" in caption) == capped, caption
    reads = [m for m in at.markdown if "[read]" in m.value]
    if capped:
        assert f"the {cap} best of the {cap:,} most recently added shown" in caption
        assert len(reads) == cap
    elif query == "the":
        assert "the 50 best shown" in caption and len(reads) == 50
    else:
        assert caption.startswith("0 articles match") and not reads
