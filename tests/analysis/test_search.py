"""Full-text search (analysis.search): word forms, phrases, titles, hostile queries, highlights."""

import html

import pandas as pd
import pytest

from analysis import search
from analysis.query import Filters, describe_filters, filter_quotes
from analysis.store import Corpus

STATEMENTS = [
    ("The missiles were fired at dawn.", "Army reports attack"),
    ("We will not accept a missile on our soil.", "Minister speaks"),
    ("An air strike hit the depot.", "Missile crisis deepens"),  # the word only in the title
    ("The strike by air crews ended.", "Unions"),  # both words, not the phrase
    ("Talks near the border went on.", "Border talks"),
    ("The U.S. envoy said nothing.", "Envoy"),
    ("Élysée officials declined to comment.", "Paris"),
    ("<script>alert(1)</script> was typed by a missile fan & friends.", "Hostile"),
]


@pytest.fixture()
def corpus():
    quotes = pd.DataFrame({"quote_id": [f"q{i}" for i in range(len(STATEMENTS))],
                           "text": [t for t, _ in STATEMENTS], "title": [h for _, h in STATEMENTS]})
    empty = pd.DataFrame()
    return Corpus(articles=empty, quotes=quotes, mentions=empty, keywords=empty, topic_hits=empty,
                  quote_countries=pd.DataFrame(columns=["quote_id", "iso3"]),
                  quote_topics=pd.DataFrame(columns=["quote_id", "topic"]))


def found(corpus, query: str) -> list[int]:
    return [int(i) for i in filter_quotes(corpus, Filters(search=query)).index]


CASES = [
    # (query, rows it must find exactly)
    ("missile", [0, 1, 7]),  # any form, statement text only: the title-only hit (row 2) is left out
    ("missiles", [0, 1, 7]),
    ("MISSILE", [0, 1, 7]),
    ("fired", [0]),
    ("fire", [0]),  # porter: fired -> fire
    ('"air strike"', [2]),  # a phrase, not the words in any order (row 3)
    ("“air strike”", [2]),  # curly quotes too
    ("air strike", [2, 3]),
    ("title:missile", [2]),  # titles as an option
    ("title:missile strike", [2]),
    ("missile OR strike", [0, 1, 2, 3, 7]),
    ("missile -dawn", [1, 7]),
    ("missi*", [0, 1, 7]),
    ("U.S.", [5]),
    ("elysee", [6]),  # diacritics removed
    ("script", [7]),  # markup in the data is just words
    # queries that must return nothing
    ("rocket", []),
    ('"strike air"', []),
    ("title:dawn", []),
    ("missile dawnx", []),
    ('"missile fan friends dawn', []),  # an unclosed quote is a phrase to the end
    ("x" * 10_000, []),
]


@pytest.mark.parametrize(("query", "rows"), CASES, ids=[c[0][:30] for c in CASES])
def test_search_finds_exactly(corpus, query, rows):
    assert found(corpus, query) == rows


HOSTILE = ["NEAR(", "NEAR(missile dawn, 2)", "*", '"', '""', "(", ")", "missile AND", "OR missile", "NOT",
           "{text}: missile", "text:missile", "^missile", "missile:", "-", "--missile", "a" * 10_000,
           "missile " * 5_000, "\x00missile", "'; DROP TABLE s; --", '"missile" "', "title:", "title:*"]


@pytest.mark.parametrize("query", HOSTILE, ids=lambda q: repr(q[:20]))
def test_hostile_queries_never_raise_and_read_as_words(corpus, query):
    rows = found(corpus, query)  # no exception
    parsed = search.parse_query(query)
    assert parsed.is_empty or parsed.expression().count('"') % 2 == 0
    if parsed.is_empty:
        assert rows == list(range(len(STATEMENTS)))  # ignored, and said so
        assert parsed.notes or not query.strip()
        assert "ignored" in describe_filters(Filters(search=query))
    assert describe_filters(Filters(search=query))  # describable


def test_operators_typed_are_words(corpus):
    assert found(corpus, "NEAR(") == [4]  # the word "near", not the operator
    assert found(corpus, "missile AND") == [0, 1, 7]
    assert found(corpus, "missile " * 5_000) == [0, 1, 7]
    assert any("characters" in n for n in search.parse_query("a" * 10_000).notes)
    assert any("terms" in n for n in search.parse_query(" ".join(f"w{i}" for i in range(40))).notes)


def test_notes_say_what_was_ignored():
    assert search.parse_query("*").notes
    assert any("unclosed" in n for n in search.parse_query('"air strike').notes)
    assert not search.parse_query('missile "air strike"').notes


def test_hit_spans_mark_every_form_and_whole_phrases():
    texts = ["The missiles hit; a missile missed.", "An air strike, then air and strike.", "Nothing here."]
    spans = search.hit_spans(texts, 'missile "air strike"')
    assert [texts[0][s:e] for s, e in spans[0]] == ["missiles", "missile"]
    assert [texts[1][s:e] for s, e in spans[1]] == ["air strike"]
    assert spans[2] == []
    assert search.hit_spans(texts, "title:missile") == [[], [], []]
    assert search.hit_spans(texts, "*") == [[], [], []]


def test_highlight_html_escapes_the_data():
    text = "<script>alert(1)</script> and a missile & more"
    spans = search.hit_spans([text], "missile script")[0]
    out = search.highlight_html(text, spans)
    assert "<script>" not in out and "&lt;" in out
    assert "<mark>missile</mark>" in out and "<mark>script</mark>" in out
    assert html.unescape(out.replace("<mark>", "").replace("</mark>", "")) == text
    assert search.highlight_html("abcdef", [(1, 2)], limit=3) == "a<mark>b</mark>c…"
    assert search.bracketed("a missile", [(2, 9)]) == "a «missile»"


def test_the_index_is_built_once_per_corpus(corpus):
    first = search.search_index(corpus)
    found(corpus, "missile")
    assert search.search_index(corpus) is first
    assert corpus.derived["search_index"] is first


def test_the_markers_in_the_data_do_not_shift_highlights():
    text = "a\ue000b missile"
    assert search.hit_spans([text], "missile")[0] == [(4, 11)]


def test_article_index_finds_forms_ranks_and_snippets():
    index = search.ArticleIndex(["a", "b", "c"], ["Missile crisis", "Budget", "Talks"],
                                ["Nothing about it here.", "The missiles flew. A missile fell. Missiles!",
                                 "The <b>envoy</b> near the border"])
    total, hits = index.search("missile")
    assert total == 1 and [h.article_id for h in hits] == ["b"]
    assert [hits[0].snippet[s:e] for s, e in hits[0].spans] == ["missiles", "missile", "Missiles"]
    assert index.search("title:missile")[0] == 1 and index.search("title:missile")[1][0].article_id == "a"
    assert index.search("NEAR(")[1][0].article_id == "c"
    assert index.search("*") == (0, [])
    assert index.search('"border near"') == (0, [])
    assert "<b>" not in search.highlight_html(index.search("envoy")[1][0].snippet,
                                              list(index.search("envoy")[1][0].spans))
