"""Search by meaning on the Quotes page of the 300-article store: ``?q=~energy security`` ranks
statements by similarity (shown), ticks "By meaning", combines with the other filters, and a
search with no meaning finds nothing with a note, never a traceback.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.opening import DASHBOARD


def quotes_page(**params) -> AppTest:
    """The Quotes page opened from a link with ``params`` (every copy of a statement counted)."""
    at = AppTest.from_file(DASHBOARD, default_timeout=180)
    for name, value in {"versions": "all", **params}.items():
        at.query_params[name] = value
    at.run()
    at = at.switch_page("pages/quotes.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_meaning_link_ranks_statements_by_similarity(real_store):
    at = quotes_page(q="~energy security")
    assert at.checkbox(key="filter_meaning").value is True
    assert at.text_input(key="filter_search").value == "energy security"
    table = at.dataframe[0].value
    assert list(table.columns[:3]) == ["Speaker", "Statement", "Similarity"]
    similarity = table["Similarity"].tolist()
    assert similarity == sorted(similarity, reverse=True) and min(similarity) >= 0.3
    statements = table["Statement"].astype(str)
    # Statements about gas and pipelines that say neither "energy" nor "security".
    assert statements[~statements.str.contains("energy|security", case=False)].str.contains(
        r"\b(?:gas|oil|pipelines?)\b", case=False).any()
    assert any("close in meaning" in c.value for c in at.caption)


def test_meaning_combines_with_a_speaker_filter(real_store):
    everything = quotes_page(q="~sanctions on Russia").dataframe[0].value
    named = everything["Speaker"][~everything["Speaker"].str.contains(r"unnamed|\(unknown\)")]
    speaker = named.value_counts().index[0]
    at = quotes_page(q="~sanctions on Russia", speaker=speaker)
    assert not at.warning, [w.value for w in at.warning]  # the speaker was applied
    narrowed = at.dataframe[0].value
    assert 0 < len(narrowed) < len(everything)
    assert set(narrowed["Speaker"]) == {speaker}


def test_ticking_by_meaning_turns_a_word_search_into_a_meaning_search(real_store):
    at = quotes_page(q="climate change")
    assert "Similarity" not in at.dataframe[0].value.columns
    at.checkbox(key="filter_meaning").check().run()
    assert not at.exception
    assert at.query_params["q"] == "~climate change"
    assert "Similarity" in at.dataframe[0].value.columns


def test_a_search_without_meaning_finds_nothing_with_a_note(real_store):
    for query in ("~xqzvw blorft kramp", "~the of and"):
        at = quotes_page(q=query)
        assert not at.error
        assert not at.dataframe or at.dataframe[0].value.empty
        assert any("Search by meaning" in i.value for i in at.info), query


PAGES = ["pages/overview.py", "pages/countries.py", "pages/topics.py", "pages/speakers.py",
         "pages/compare.py", "pages/briefing.py", "pages/corpus.py"]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_draws_a_meaning_search(real_store, page):
    at = AppTest.from_file(DASHBOARD, default_timeout=180)
    at.query_params["q"] = "~sanctions on Russia"
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
