"""A store whose engine answers and which is larger than ``ui.selection.limits.LOADED_AT_MOST`` articles is
never loaded whole into memory (at a million a compared brief loaded it for minutes): the Briefing's
comparison and long form and the search by meaning say so and answer without it (lowered limit on the
300-article store); under the limit they load it as before.
"""

from __future__ import annotations

import pytest

from tests.app.opening import open_app
from ui.selection import limits
from ui.selection.source import Source

PAGE = "pages/briefing.py"


@pytest.fixture
def refuse_loading(monkeypatch):
    """The limit under the store's 301 articles, and any load of the whole corpus an error."""
    def refuse(_self):
        raise AssertionError("the whole corpus was loaded")

    monkeypatch.setattr(limits, "LOADED_AT_MOST", 100)
    monkeypatch.setattr(Source, "corpus", property(refuse))


def _html(at) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


@pytest.mark.parametrize(("params", "compared"), [({"by": "speaker", "a": "Putin", "b": "Tony Blair"}, True),
                                                  ({}, False)])
def test_a_compared_or_long_brief_of_a_large_store_is_the_one_page_brief_and_says_so(
        shared_corpus_store, monkeypatch, refuse_loading, params, compared):
    at = open_app(shared_corpus_store, monkeypatch, PAGE, **params)
    if not compared:  # the long form asked on the page
        at.radio(key="brief_form").set_value("long").run()
        assert not at.exception, at.exception
    notes = [i.value for i in at.info if "too large for that here" in i.value]
    assert len(notes) == 1 and ("without the comparison" in notes[0]) is compared, [i.value for i in at.info]
    assert "vs" not in at.header[0].value and 'class="cmp"' not in _html(at)
    assert any("PDF: 1 page" in c.value for c in at.caption), "the one-page brief is shown"


def test_a_meaning_search_on_a_large_store_searches_the_words_and_says_so(shared_corpus_store, monkeypatch,
                                                                          refuse_loading):
    at = open_app(shared_corpus_store, monkeypatch, "pages/quotes.py", q="~energy security")
    assert any("Search by meaning reads every statement" in w.value for w in at.sidebar.warning)
    assert "Similarity" not in list(at.dataframe[0].value.columns) if at.dataframe else True


def test_under_the_limit_the_compared_brief_is_made(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, PAGE, by="speaker", a="Putin", b="Tony Blair")
    assert not [i.value for i in at.info if "too large for that here" in i.value]
    assert 'class="cmp"' in _html(at)
