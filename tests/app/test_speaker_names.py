"""AppTest on the 300-article store: a speaker by any name, unknown link values said at the top (issue #17, item 3)."""


import pytest
from streamlit.testing.v1 import AppTest

from tests.app.opening import open_app


def _open(store, monkeypatch, page="pages/quotes.py", **params) -> AppTest:
    return open_app(store, monkeypatch, page, **params)

def _main_warnings(at) -> list[str]:
    return [w.value for w in at.main.warning]

@pytest.mark.parametrize("name", ["Putin", "putin", "Vladimir Putin", "President Putin", "PRESIDENT  PUTIN",
                                  "Russian President Vladimir Putin", "the Russian president"])
def test_a_link_names_a_speaker_by_any_alias(shared_corpus_store, monkeypatch, name):
    at = _open(shared_corpus_store, monkeypatch, speaker=name)
    assert at.multiselect(key="filter_speaker").value == ["Vladimir Putin"]
    assert at.query_params["speaker"] in ("Vladimir Putin", ["Vladimir Putin"]), "the URL holds the canonical name"
    assert not _main_warnings(at)
    assert any("by Vladimir Putin" in c.value for c in at.caption)

@pytest.mark.parametrize(("params", "shown"), [
    ({"speaker": "Nobody Atall"}, "“Nobody Atall”"),
    ({"country": "XYZ"}, "“XYZ”"),
    ({"topic": "<b>astrology</b>"}, "“\\<b\\>astrology\\<\\/b\\>”"),
])
def test_unknown_link_values_are_said_at_the_top_of_the_page(shared_corpus_store, monkeypatch, params, shown):
    at = _open(shared_corpus_store, monkeypatch, **params)
    warnings = _main_warnings(at)
    assert len(warnings) == 1 and "Kept in the filters" in warnings[0]
    assert shown in warnings[0], "the value is shown escaped, as text"
    assert any(" · 0 statements" in c.value for c in at.caption), "kept, so nothing is selected (session 16)"

@pytest.mark.parametrize(("params", "key", "expected"), [
    ({"country": "ukraine"}, "filter_country", ["UKR"]),
    ({"country": "ukr"}, "filter_country", ["UKR"]),
    ({"topic": "Diplomacy & relations"}, "filter_topic", ["diplomacy"]),
])
def test_countries_and_topics_by_name_or_code_in_any_case(shared_corpus_store, monkeypatch, params, key, expected):
    at = _open(shared_corpus_store, monkeypatch, **params)
    assert at.multiselect(key=key).value == expected
    assert not _main_warnings(at)

def test_a_typed_name_picks_the_one_canonical_speaker(shared_corpus_store, monkeypatch):
    at = _open(shared_corpus_store, monkeypatch)
    at.multiselect(key="filter_speaker").select("president putin").run()
    assert at.multiselect(key="filter_speaker").value == ["Vladimir Putin"]
    at.multiselect(key="filter_speaker").select("Zzyzx Qwerty").run()
    assert at.multiselect(key="filter_speaker").value == ["Vladimir Putin", "Zzyzx Qwerty"], \
        "a name of nobody is kept (it selects nobody; session 16)"
    assert any("“Zzyzx Qwerty”" in w for w in _main_warnings(at))
