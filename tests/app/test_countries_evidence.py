"""The Countries page's evidence table: the words that named the countries the statements name, by country name.

It listed every country mention of the statements' articles (Australia and Canada under ``?country=RUS&topic=war``,
which no statement of it names) in the order of their ISO codes (United Arab Emirates after Albania). Session 18, qa4.
"""

from __future__ import annotations

import json

import pytest

from tests.app.opening import open_app


@pytest.mark.parametrize("params", [{}, {"country": "RUS", "topic": "war"}, {"speaker": "Tony Blair"},
                                    {"country": "ATA"}])  # Antarctica: named by no statement
def test_the_evidence_covers_the_countries_the_statements_name(shared_corpus_store, monkeypatch, params):
    at = open_app(shared_corpus_store, monkeypatch, "pages/countries.py", **params)
    maps = [json.loads(e.proto.spec) for e in at.get("plotly_chart")
            if json.loads(e.proto.spec)["data"][0].get("type") == "choropleth"]
    tables = [d.value for d in at.dataframe if "named as" in d.value.columns]
    if not maps:  # nothing selected: no map, no table
        assert not tables and params == {"country": "ATA"}
        return
    named = set(maps[0]["data"][0]["locations"])
    (evidence,) = tables
    assert set(evidence["ISO-3"]) == named, "every country on the map, and only those"
    assert evidence["country"].tolist() == sorted(evidence["country"], key=str), "by country name"
    assert any(c.value.startswith("The words that named") for c in at.caption)
