"""AppTest on the 300-article store: the Compare page and its shareable URL (issue #17, item 8)."""

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.opening import open_app

PAGE = "pages/compare.py"


def _open(store, monkeypatch, **params) -> AppTest:
    return open_app(store, monkeypatch, PAGE, **params)


def _titles(at) -> list[str]:
    return [json.loads(e.proto.spec)["layout"]["title"]["text"] for e in at.get("plotly_chart")]


def _metrics(at) -> list[tuple[str, str]]:
    return [(m.label, m.value) for m in at.metric]


def test_two_speakers_from_the_url(shared_corpus_store, monkeypatch):
    # versions=all: every statement counted, as filter_quotes counts them on a corpus loaded plainly
    at = _open(shared_corpus_store, monkeypatch, by="speaker", a="Putin", b="tony blair", versions="all")
    assert at.selectbox(key="compare_a_speaker").value == "Vladimir Putin"
    assert at.selectbox(key="compare_b_speaker").value == "Tony Blair"
    assert at.query_params["a"] in ("Vladimir Putin", ["Vladimir Putin"]), "the URL holds the canonical names"
    from analysis.query import Filters, filter_quotes
    from analysis.store import load_corpus

    corpus = load_corpus(shared_corpus_store, mention_kinds=("country",), texts=False)
    expected = [f"{len(filter_quotes(corpus, Filters(speakers=(name,)))):,}"
                for name in ("Vladimir Putin", "Tony Blair")]
    assert [v for label, v in _metrics(at) if label == "Statements"] == expected
    titles = _titles(at)
    assert "Distinctive key phrases (log-odds, informative Dirichlet prior)" in titles
    assert {"Topics: difference of share", "Countries named: difference of share"} <= set(titles)
    phrases = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]["y"]
    assert "Russia" in phrases and "Labour" in phrases, "each side's own words"
    assert any("Tone" in m.value and "95% interval" in m.value for m in at.markdown)
    assert not at.warning


def test_countries_leave_the_compared_countries_out_of_their_shares(shared_corpus_store, monkeypatch):
    at = _open(shared_corpus_store, monkeypatch, by="country", a="UKR", b="GBR")
    assert at.selectbox(key="compare_a_country").value == "UKR"
    spec = next(json.loads(e.proto.spec) for e in at.get("plotly_chart")
                if json.loads(e.proto.spec)["layout"]["title"]["text"].startswith("Countries named"))
    assert "Ukraine" not in spec["data"][0]["y"] and "United Kingdom" not in spec["data"][0]["y"]


def test_the_filters_one_country_and_topic_are_left_out_of_the_shares(shared_corpus_store, monkeypatch):
    # Every statement of both sides names Russia and is on war: their difference of share was a dot at 0
    # (session 17).
    at = _open(shared_corpus_store, monkeypatch, country="RUS", topic="war")
    labels = {json.loads(e.proto.spec)["layout"]["title"]["text"]: json.loads(e.proto.spec)["data"][0]["y"]
              for e in at.get("plotly_chart")}
    topics = next(y for title, y in labels.items() if title.startswith("Topics"))
    countries = next(y for title, y in labels.items() if title.startswith("Countries named"))
    assert "War & conflict" not in topics and "Russia" not in countries and "Ukraine" in countries, labels


def test_periods_and_undated_statements(shared_corpus_store, monkeypatch):
    at = _open(shared_corpus_store, monkeypatch, by="period", a="1988-01-01..1991-12-31", b="2014-01-01..2014-12-31")
    assert at.radio(key="compare_by").value == "period"
    assert any("Undated statements belong to no period" in c.value for c in at.caption)
    assert not at.exception


def test_the_same_selection_twice_says_so(shared_corpus_store, monkeypatch):
    at = _open(shared_corpus_store, monkeypatch, by="topic", a="diplomacy", b="diplomacy")
    assert any("same selection" in i.value for i in at.info)


def test_a_way_to_compare_that_is_none_is_said(shared_corpus_store, monkeypatch):
    at = _open(shared_corpus_store, monkeypatch, by="astrology")
    assert any("Not a way to compare" in w.value and "by=astrology" in w.value for w in at.warning)
    assert at.radio(key="compare_by").value == "speaker"


#: (URL, the side's widget key and value, what the page says (Markdown source: values escaped), the
#: URL's a and b afterwards). Session 17:
#: before, an unknown side was dropped ("Not in this corpus, so not applied") and replaced by the most
#: quoted value, so ?a=Zzyzx&b=Tony Blair compared Tony Blair with Tony Blair and rewrote the link.
UNKNOWN_SIDES = [
    ({"by": "speaker", "a": "Zzyzx Qwerty", "b": "Tony Blair"}, ("compare_a_speaker", "Zzyzx Qwerty"),
     "Speaker A: no statement in this corpus is attributed to “Zzyzx Qwerty”", ("Zzyzx Qwerty", "Tony Blair")),
    ({"by": "speaker", "a": "Tony Blair", "b": "Nobody Atall"}, ("compare_b_speaker", "Nobody Atall"),
     "Speaker B: no statement in this corpus is attributed to “Nobody Atall”", ("Tony Blair", "Nobody Atall")),
    ({"by": "country", "a": "antarctica", "b": "RUS"}, ("compare_a_country", "ATA"),
     "Country A: no statement names Antarctica \\(ATA\\) in this corpus", ("ATA", "RUS")),
    ({"by": "country", "a": "XYZ", "b": "RUS"}, ("compare_a_country", "XYZ"),
     "Country A: “XYZ” is not a country or region", ("XYZ", "RUS")),
    ({"by": "topic", "a": "war", "b": "<b>astrology</b>"}, ("compare_b_topic", "<b>astrology</b>"),
     "Topic B: “\\<b\\>astrology\\<\\/b\\>” is not a topic", ("war", "<b>astrology</b>")),
    ({"by": "period", "a": "yesterday..today", "b": "2014-01-01..2014-12-31"}, None,
     "Period A: “yesterday\\.\\.today” is not a period", ("yesterday..today", "2014-01-01..2014-12-31")),
]


@pytest.mark.parametrize(("params", "widget", "said", "url"), UNKNOWN_SIDES, ids=[p["by"] + "-" + (w or ("",))[0]
                                                                                    for p, w, _s, _u in UNKNOWN_SIDES])
def test_an_unknown_side_selects_nothing_stays_in_the_link_and_is_said(shared_corpus_store, monkeypatch, params,
                                                                        widget, said, url):
    at = _open(shared_corpus_store, monkeypatch, **params)
    if widget:
        assert at.selectbox(key=widget[0]).value == widget[1], "kept as the side, not replaced"
    notes = [w.value for w in at.warning]
    assert len(notes) == 1 and said in notes[0] and "Kept in the link" in notes[0], notes
    assert tuple(at.query_params[side] for side in ("a", "b")) in (url, tuple([v] for v in url))
    assert not at.get("plotly_chart") and not at.metric, "nothing compared in its place"
    assert not at.get("page_link") or all("brief of this comparison" not in str(link.proto.label)
                                          for link in at.get("page_link"))


@pytest.mark.parametrize("params", [{"by": "speaker", "a": "Putin", "b": "tony blair"},
                                    {"by": "country", "a": "ukraine", "b": "United Kingdom"},
                                    {"by": "topic", "a": "War & conflict", "b": "diplomacy"}])
def test_sides_the_corpus_holds_say_nothing(shared_corpus_store, monkeypatch, params):
    at = _open(shared_corpus_store, monkeypatch, **params)
    assert not at.warning and at.get("plotly_chart")


def test_picking_a_known_side_replaces_the_unknown_one(shared_corpus_store, monkeypatch):
    at = _open(shared_corpus_store, monkeypatch, by="speaker", a="Zzyzx Qwerty", b="Tony Blair")
    at.selectbox(key="compare_a_speaker").set_value("Michael Howard").run()
    assert not at.exception and not at.warning
    assert at.query_params["a"] in ("Michael Howard", ["Michael Howard"]) and at.get("plotly_chart")
    assert "Zzyzx Qwerty" not in at.selectbox(key="compare_a_speaker").options


def test_picking_a_period_replaces_the_one_that_is_none(shared_corpus_store, monkeypatch):
    import datetime as dt

    at = _open(shared_corpus_store, monkeypatch, by="period", a="yesterday..today", b="2014-01-01..2014-12-31")
    at.date_input(key="compare_a_period").set_value((dt.date(1988, 1, 1), dt.date(1991, 12, 31))).run()
    assert not at.exception and not at.warning
    assert at.query_params["a"] in ("1988-01-01..1991-12-31", ["1988-01-01..1991-12-31"])


def test_changing_the_selection_updates_the_url(shared_corpus_store, monkeypatch):
    at = _open(shared_corpus_store, monkeypatch)
    at.radio(key="compare_by").set_value("topic").run()
    at.selectbox(key="compare_b_topic").set_value("war").run()
    assert at.query_params["by"] in ("topic", ["topic"]) and at.query_params["b"] in ("war", ["war"])


def test_default_sides_are_the_most_quoted_within_the_filters(shared_corpus_store, monkeypatch):
    # Before, the defaults were the store's two most quoted speakers (Tony Blair, Michael Howard), who
    # name Russia in no statement: "?country=RUS" opened on "nothing to compare" (session 15, qa).
    from analysis.query import Filters, filter_quotes, strings
    from analysis.store import load_corpus

    at = _open(shared_corpus_store, monkeypatch, country="RUS")
    corpus = load_corpus(shared_corpus_store, mention_kinds=("country",), texts=False)
    naming = strings(filter_quotes(corpus, Filters(countries=("RUS",)))["speaker"]).dropna().value_counts()
    a, b = at.selectbox(key="compare_a_speaker").value, at.selectbox(key="compare_b_speaker").value
    assert a == naming.index[0] and b in set(naming.index[1:3]), (a, b, naming.head(3))
    assert all(v != "0" for label, v in _metrics(at) if label == "Statements"), _metrics(at)
    assert not any("nothing to compare" in i.value for i in at.info)


def test_default_countries_leave_the_filtered_country_last(shared_corpus_store, monkeypatch):
    from analysis.query import Filters, filter_quotes
    from analysis.store import load_corpus

    at = _open(shared_corpus_store, monkeypatch, country="RUS", by="country")
    corpus = load_corpus(shared_corpus_store, mention_kinds=("country",), texts=False)
    named = filter_quotes(corpus, Filters(countries=("RUS",)))["countries"].explode().value_counts()
    others = [c for c in named.index if c != "RUS"]
    sides = (at.selectbox(key="compare_a_country").value, at.selectbox(key="compare_b_country").value)
    # The two countries most often named beside Russia (store-wide, the United Kingdom came second).
    assert sides[0] == others[0] and sides[1] in others[1:3], (sides, named.head(4))


@pytest.mark.parametrize(("by", "label"), [("country", "Country"), ("topic", "Topic")])
def test_side_labels_are_singular_words(seed_store, monkeypatch, by, label):
    at = _open(seed_store, monkeypatch, by=by)
    assert at.selectbox(key=f"compare_a_{by}").label == f"{label} A"  # not "Countrie A"
    assert at.selectbox(key=f"compare_b_{by}").label == f"{label} B"


@pytest.mark.parametrize("value", ["[click](javascript:alert(1))", ":red[loud] **bold**",
                                   "<img src=x onerror=alert(1)>"])
def test_a_hostile_side_is_shown_as_text(shared_corpus_store, monkeypatch, value):
    from ui.safe import md

    at = _open(shared_corpus_store, monkeypatch, by="speaker", a=value, b="Tony Blair")
    assert at.selectbox(key="compare_a_speaker").value == value
    notes = [w.value for w in at.warning]
    assert len(notes) == 1 and f"“{md(value)}”" in notes[0], notes
    assert not at.get("plotly_chart")


@pytest.mark.parametrize(("params", "said"), [
    ({"by": "speaker", "a": "Tony Blair", "b": "Gordon Brown"}, True),  # every |z| under 1.96 on this store
    ({"by": "country", "a": "UKR", "b": "GBR"}, False),
    ({"by": "topic", "a": "war", "b": "economy"}, False),
])
def test_key_phrases_without_a_clear_difference_are_said_to_be_none(shared_corpus_store, monkeypatch, params, said):
    """Under "What each side says that the other does not", bars all short of |z| 1.96 read as differences (qa4)."""
    at = _open(shared_corpus_store, monkeypatch, **params)
    notes = [i.value for i in at.info if "No key phrase sets the two sides apart" in i.value]
    assert len(notes) == int(said)
    spec = next(json.loads(e.proto.spec) for e in at.get("plotly_chart")
                if "Distinctive key phrases" in json.loads(e.proto.spec)["layout"]["title"]["text"])
    clear = any(abs(z) > 1.96 for z in spec["data"][0]["x"])
    assert clear is not said, "the note agrees with the bars drawn"
