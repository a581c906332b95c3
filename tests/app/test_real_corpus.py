"""Never crash on real data: every page, and the Reader on every article, of the 300 shared articles.

The seed article never has a speaker mention without a canonical speaker, an article without
date or outlet, or hundreds of speakers; the shared corpus has all of them (issue #15: the
Reader failed on 82 of its articles). The store is built once per test session
(``shared_corpus_store``); the app caches the loaded corpus, so after the first run each
AppTest run costs a fraction of a second. The Reader is one AppTest whose article picker is set
to each article in turn. Filters come from the store's most frequent values.

A page that raises shows "Sorry, this view could not be shown" (the shell's guard) rather
than an exception element, so both are checked, with the page's heading.
"""

from __future__ import annotations

import os

import pytest
from streamlit.testing.v1 import AppTest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")
#: page file -> its heading (``st.title``)
HEADINGS = {"pages/overview.py": "Quote Atlas", "pages/quotes.py": "Quotes", "pages/countries.py": "Countries",
            "pages/topics.py": "Topics", "pages/speakers.py": "Speakers", "pages/reader.py": "Reader",
            "pages/briefing.py": "Briefing", "pages/corpus.py": "Corpus"}


@pytest.fixture(scope="module")
def real_store(shared_corpus_store):
    """The 300-article store as the app's store for this module's tests."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("QUOTE_ATLAS_STORE", shared_corpus_store)
        yield shared_corpus_store


@pytest.fixture(scope="module")
def corpus(real_store):
    from analysis.store import load_corpus

    return load_corpus(real_store, texts=False)


def most_frequent(corpus) -> dict[str, str]:
    """The store's most frequent country, topic and named speaker, and a search word (the top
    speaker's surname)."""
    speaker = corpus.quotes["speaker"].dropna().value_counts().index[0]
    return {"country": corpus.quote_countries["iso3"].value_counts().index[0],
            "topic": corpus.quote_topics["topic"].value_counts().index[0],
            "speaker": speaker, "q": speaker.split()[-1]}


def assert_shown(at: AppTest, heading: str, context: str) -> None:
    """No exception element, no error message, and ``heading`` among the titles."""
    assert not at.exception, (context, [e.value for e in at.exception])
    assert not at.error, (context, [e.value for e in at.error])
    assert heading in [t.value for t in at.title], (context, [t.value for t in at.title])


def app_with(params: dict[str, str]) -> AppTest:
    """A fresh AppTest whose URL carries ``params`` (filters are read from the URL on a first run)."""
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    for name, value in params.items():
        at.query_params[name] = value
    return at.run()


FILTER_SETS = [(), ("country",), ("topic",), ("speaker",), ("q",), ("country", "topic")]


@pytest.mark.parametrize("names", FILTER_SETS, ids=lambda names: "+".join(names) or "unfiltered")
def test_every_page_renders_on_the_real_corpus(real_store, corpus, names):
    values = most_frequent(corpus)
    at = app_with({name: values[name] for name in names})
    assert_shown(at, HEADINGS["pages/overview.py"], names)
    for name in names:
        assert name in at.query_params, (name, "the filter was not applied")
    for page, heading in HEADINGS.items():
        at.switch_page(page).run()
        assert_shown(at, heading, (page, names))
        assert not any("No statements match" in i.value for i in at.info), (page, names)


def test_the_reader_shows_every_article(real_store, corpus):
    ids = corpus.articles["article_id"].tolist()
    per_article = corpus.quotes.groupby("article_id").size()
    assert len(ids) > 250
    at = app_with({})
    at.switch_page("pages/reader.py").run()
    assert len(at.selectbox(key="reader_article").options) == len(ids)
    for article_id in ids:
        # Streamlit tells options apart by their label: two articles of this corpus share a title
        at.selectbox(key="reader_article").select(article_id).run()
        assert_shown(at, "Reader", article_id)
        assert at.query_params["article"] in (article_id, [article_id])
        (document,) = [body for body in _html(at) if 'class="qa-doc"' in body]
        assert document.count('class="qa-q') >= per_article.get(article_id, 0), article_id


def _html(at) -> list[str]:
    """The bodies of the page's ``st.html`` elements (the annotated article and quote context)."""
    return [element.proto.body for element in at.get("html")]


def test_the_speakers_page_lists_the_statements_of_each_top_speaker(real_store, corpus):
    at = app_with({})
    at.switch_page("pages/speakers.py").run()
    names = at.selectbox(key="speakers_pick").options
    assert len(names) >= 20
    for name in names:
        at.selectbox(key="speakers_pick").select(name).run()
        assert_shown(at, "Speakers", name)


def test_the_quotes_context_panel_shows_statements_of_every_shape(real_store):
    """The context panel of one statement of each shape: with or without canonical speaker,
    speaker mention and cue, of each kind (the panel failed on a mention without speaker)."""
    at = app_with({})
    at.switch_page("pages/quotes.py").run()
    table = at.dataframe[0].value
    shapes = table.assign(unnamed=table["Speaker"] == "(unknown)", mention=table["As named"] != "",
                          cue=table["Cue"] != "")
    rows = shapes.drop_duplicates(["unnamed", "mention", "cue", "Kind"]).index.tolist() + [len(table) - 1]
    assert len(rows) >= 6
    for row in rows:
        at.session_state["quotes_table"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
        at.run()
        assert_shown(at, "Quotes", (row, table.iloc[row].to_dict()))
        speaker = table.iloc[row]["Speaker"]
        shown = [c.value.replace("\\", "") for c in at.caption]  # captions are escaped Markdown
        assert any(c.startswith("Unknown speaker" if speaker == "(unknown)" else speaker) for c in shown)
        assert any('class="qa-q' in body for body in _html(at)), row
