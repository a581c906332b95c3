"""A filter never widens what was asked for (session 16, qa2).

Before, ``?country=ATA`` (Antarctica, a real country that no statement names) was dropped with a
"Not in this corpus, so not applied" warning and the page showed every statement. Now a value that
no statement carries stays in the filter and selects nothing, and the top of the page says why:
a real country, topic or name the corpus lacks, or a value that is none at all (shown as text).
Links between pages carry the filters, so the page opened shows the same selection.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from analysis.query import option_values
from analysis.store import load_corpus
from analysis.topics import load_taxonomy
from tests.app.opening import open_app

QUOTES = "pages/quotes.py"


def _notices(at) -> list[str]:
    return [w.value for w in at.main.warning]


def _statements(at) -> int:
    """The statement count of the page header ("Statements naming Germany · 31 statements · ...")."""
    header = at.main.caption[0].value
    return int(header.split(" · ")[1].split()[0].replace(",", ""))


def _filters(at) -> dict[str, list[str]]:
    return {key: at.multiselect(key=key).value for key in ("filter_country", "filter_topic", "filter_speaker")}


@pytest.mark.parametrize(("params", "kept", "said"), [
    ({"country": "ATA"}, {"filter_country": ["ATA"]}, r"No statement names Antarctica \(ATA\) in this corpus"),
    ({"country": "antarctica"}, {"filter_country": ["ATA"]}, r"No statement names Antarctica \(ATA\)"),
    ({"country": "ATA", "country_scope": "about"}, {"filter_country": ["ATA"]}, "No statement is about Antarctica"),
    ({"speaker": "Nobody Atall"}, {"filter_speaker": ["Nobody Atall"]},
     "No statement in this corpus is attributed to “Nobody Atall”"),
    ({"country": "XYZ"}, {"filter_country": ["XYZ"]}, "“XYZ” is not a country or region"),
    ({"topic": "<b>astrology</b>"}, {"filter_topic": ["<b>astrology</b>"]},
     "“\\<b\\>astrology\\<\\/b\\>” is not a topic"),
    ({"country": "ATA", "topic": "war"}, {"filter_country": ["ATA"], "filter_topic": ["war"]}, "Antarctica"),
])
def test_a_value_no_statement_carries_selects_nothing_and_is_said(shared_corpus_store, monkeypatch, params, kept,
                                                                   said):
    at = open_app(shared_corpus_store, monkeypatch, QUOTES, **params)
    for key, values in kept.items():
        assert at.multiselect(key=key).value == values, "kept in the filter, not dropped"
    notices = _notices(at)
    assert len(notices) == 1 and said in notices[0], notices
    assert _statements(at) == 0, "nothing selected, not the whole corpus"
    assert any("No statements match these filters" in i.value for i in at.main.info)
    for name in params:
        assert name in at.query_params, "the link keeps what it asked for"


def test_an_absent_value_beside_a_present_one_keeps_the_present_ones_statements(shared_corpus_store, monkeypatch):
    germany = _statements(open_app(shared_corpus_store, monkeypatch, QUOTES, country="DEU"))
    both = open_app(shared_corpus_store, monkeypatch, QUOTES, country=["DEU", "ATA"])
    assert germany > 0 and _statements(both) == germany
    assert _filters(both)["filter_country"] == ["DEU", "ATA"]
    assert any("Antarctica" in n for n in _notices(both))


@pytest.mark.parametrize("params", [{"country": "ukraine"}, {"topic": "Diplomacy & relations"},
                                    {"speaker": "President Putin"}, {}])
def test_values_the_corpus_holds_say_nothing(shared_corpus_store, monkeypatch, params):
    at = open_app(shared_corpus_store, monkeypatch, QUOTES, **params)
    assert not _notices(at)
    assert _statements(at) > 0


def test_a_real_topic_the_corpus_lacks(seed_store, monkeypatch):
    held = set(option_values(load_corpus(seed_store))["topic"])
    topic = next(t for t in load_taxonomy() if t.id not in held)
    at = open_app(seed_store, monkeypatch, QUOTES, topic=topic.label.upper())
    assert at.multiselect(key="filter_topic").value == [topic.id]
    assert any(f"No statement is on the topic {topic.label}" in n.replace("\\", "") for n in _notices(at))
    assert _statements(at) == 0


def test_a_typed_name_of_nobody_selects_nobody(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, QUOTES)
    at.multiselect(key="filter_speaker").select("president putin").run()
    putin = _statements(at)
    assert at.multiselect(key="filter_speaker").value == ["Vladimir Putin"] and putin > 0
    at.multiselect(key="filter_speaker").select("Zzyzx Qwerty").run()
    assert at.multiselect(key="filter_speaker").value == ["Vladimir Putin", "Zzyzx Qwerty"]
    assert _statements(at) == putin, "one speaker more of nobody adds nothing and takes nothing"
    assert any("“Zzyzx Qwerty”" in n for n in _notices(at))
    at.multiselect(key="filter_speaker").unselect("Vladimir Putin").run()
    assert _statements(at) == 0
    at.button(key="filter_clear").click().run()
    assert not _notices(at) and _statements(at) > putin


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_corpus_links_to_the_reader_carry_the_filters(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, "pages/corpus.py", country="UKR", speaker="Putin",
                  versions="all")
    at.session_state["corpus_tab"] = "Articles"
    at.run()
    table = next(d.value for d in at.dataframe if "Matching" in d.value.columns)
    link = table.sort_values("Matching", ascending=False)["Read"].iloc[0]
    query = _query(link)
    assert urlsplit(link).path == "/reader"
    assert query["country"] == ["UKR"] and query["speaker"] == ["Vladimir Putin"] and query["versions"] == ["all"]
    reader = open_app(shared_corpus_store, monkeypatch, "pages/reader.py",
                      **{k: v if len(v) > 1 else v[0] for k, v in query.items()})
    assert reader.selectbox(key="reader_article").value == query["article"][0], "the article the link names"
    assert _filters(reader)["filter_speaker"] == ["Vladimir Putin"], "read with the same filters"
    assert not reader.toggle(key="count_versions_once").value
    html = "".join(str(e.proto.body) for e in reader.get("html"))
    assert "statement outside the filters" in html and "qa-dim" in html, "the legend says what grey is"


def test_the_quotes_page_links_its_statement_to_the_reader_with_the_filters(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, QUOTES, topic="sanctions", confident="1")
    link = next(b.proto.url for b in at.get("link_button") if "Read the whole article" in b.proto.label)
    query = _query(link)
    assert query["topic"] == ["sanctions"] and query["confident"] == ["1"] and query["article"]


def test_the_topics_page_of_one_speaker_draws_no_one_row_grid(shared_corpus_store, monkeypatch):
    """Its "who speaks on what" was one row repeating the bars above, its colour bar squeezed (session 16)."""
    def titles(at) -> str:
        return " ".join(str(chart.proto.spec) for chart in at.get("plotly_chart"))

    one = open_app(shared_corpus_store, monkeypatch, "pages/topics.py", speaker="Tony Blair")
    two = open_app(shared_corpus_store, monkeypatch, "pages/topics.py", speaker=["Tony Blair", "Gordon Brown"])
    assert "Who speaks on what" not in titles(one) and "Statements per topic" in titles(one)
    assert "Who speaks on what" in titles(two)


def test_one_statement_is_one_statement_on_the_download_buttons(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, QUOTES, country="DEU", speaker="Tony Blair")
    assert _statements(at) == 1
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download CSV (1 statement)" in labels and "Download JSON (1 statement)" in labels, labels


def test_a_scope_that_is_none_is_said_until_one_is_picked(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, QUOTES, country="RUS", country_scope="garbage")
    assert at.radio(key="filter_country_scope").value == "mentioned"
    assert any("Not a country scope" in n and "garbage" in n for n in _notices(at))
    at.radio(key="filter_country_scope").set_value("about").run()
    assert not _notices(at) and at.query_params["country_scope"] in ("about", ["about"])


@pytest.mark.parametrize(("params", "said"), [
    ({"country": "RUS", "topic": "war"}, "Most named besides the filter: Ukraine in "),  # "Most named: Russia" before
    ({}, "Most named: Ukraine in "),
    ({"country": "RUS", "speaker": "Tony Blair"}, None),  # no statement at all: nothing said
])
def test_the_overview_names_the_most_named_country_besides_the_filter(shared_corpus_store, monkeypatch, params,
                                                                      said):
    at = open_app(shared_corpus_store, monkeypatch, "pages/overview.py", **params)
    notes = [c.value for c in at.main.caption if c.value.startswith("Most named")]
    assert notes == ([] if said is None else [notes[0]]) and (said is None or notes[0].startswith(said)), notes
