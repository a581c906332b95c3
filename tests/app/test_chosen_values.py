"""Two or more values of one filter side by side (session 20, qa6): the Countries and Topics pages leave a
filtered country or topic out of their charts, as they must for one value (its bar is the total); with two,
the split between them was only in a caption. Now a chart of the chosen values, the statements carrying
both (counted here from the Quotes table, not from the page's arithmetic) and a link to compare the two.
On the 300 shared articles.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from tests.app.opening import open_app
from ui.labels import country_name, topic_label

COUNTRIES, TOPICS, QUOTES = "pages/countries.py", "pages/topics.py", "pages/quotes.py"
TITLES = {COUNTRIES: "The chosen countries side by side", TOPICS: "The chosen topics side by side"}


def _chart(at, title: str) -> dict | None:
    """The spec of the chart titled ``title`` (None when not drawn)."""
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        if spec["layout"].get("title", {}).get("text", "") == title:
            return spec
    return None


def _values(value) -> list:
    """A spec array, also when plotly wrote it as typed binary (``{"dtype", "bdata"}``)."""
    if isinstance(value, dict) and "bdata" in value:
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def _bars(spec: dict) -> dict[str, int]:
    """Each bar's name and its whole length (its traces stacked)."""
    totals: dict[str, int] = {}
    for trace in spec["data"]:
        for name, length in zip(trace["y"], _values(trace["x"]), strict=True):
            totals[name] = totals.get(name, 0) + int(length)
    return totals


def _carrying(store, monkeypatch, param: str, value: str, column: str, other: str) -> tuple[int, int]:
    """From the Quotes table of ``param=value``: its statements, and how many of them carry ``other``
    (a name in the table's ``column``).
    """
    at = open_app(store, monkeypatch, QUOTES, **{param: value})
    table = next(d.value for d in at.dataframe if column in d.value.columns)
    assert len(table) < 2_000, "one page of the table holds them all"
    return len(table), int(table[column].map(lambda names: other in names).sum())  # "Economy, jobs & taxes"


# (page, filter, its two values, the table column naming them, name of a value)
PAIRS = [
    (COUNTRIES, "country", ("DEU", "FRA"), "Countries", country_name),
    (TOPICS, "topic", ("elections", "economy"), "Topics", topic_label),
]


@pytest.mark.parametrize(("page", "param", "values", "column", "name"), PAIRS)
def test_two_values_of_a_filter_are_drawn_side_by_side_with_what_they_share(shared_corpus_store, monkeypatch, page,
                                                                            param, values, column, name):
    a, b = values
    count_a, both = _carrying(shared_corpus_store, monkeypatch, param, a, column, name(b))
    count_b, both_again = _carrying(shared_corpus_store, monkeypatch, param, b, column, name(a))
    assert both == both_again and 0 < both < min(count_a, count_b), (both, both_again, count_a, count_b)
    at = open_app(shared_corpus_store, monkeypatch, page, **{param: list(values)})
    spec = _chart(at, TITLES[page])
    assert spec is not None, [json.loads(e.proto.spec)["layout"].get("title") for e in at.get("plotly_chart")]
    assert _bars(spec) == {name(a): count_a, name(b): count_b}
    shared = {name: int(x) for name, x in zip(spec["data"][1]["y"], _values(spec["data"][1]["x"]), strict=True)}
    assert shared == {name(a): both, name(b): both}, "the hatched part: the statements carrying both"
    notes = [c.value.replace("\\", "") for c in at.caption if " both " in c.value]
    assert len(notes) == 1 and f"{both:,} statements" in notes[0] and f"{count_a - both:,}" in notes[0], notes
    links = at.get("link_button")
    assert len(links) == 1 and links[0].proto.label == f"Compare {name(a)} and {name(b)}"
    url = links[0].proto.url
    assert url.startswith("/compare?") and f"by={param}" in url and f"a={a}" in url and f"b={b}" in url, url
    assert any("the chosen" in c.value and "(above)" in c.value for c in at.caption)


# (page, URL parameters): no side-by-side chart (fewer than two chosen values any statement carries)
NOTHING = [
    (COUNTRIES, {}),
    (COUNTRIES, {"country": "DEU"}),
    (COUNTRIES, {"country": ["DEU", "ATA"]}),  # Antarctica: no statement names it
    (COUNTRIES, {"country": ["DEU", "FRA"], "speaker": "Nobody Atall"}),  # nothing selected at all
    (TOPICS, {"topic": "elections"}),
    (TOPICS, {"topic": ["elections", "astrology"]}),
    (TOPICS, {"country": ["DEU", "FRA"]}),  # two values of another filter: not this page's chart
]


@pytest.mark.parametrize(("page", "params"), NOTHING)
def test_no_side_by_side_without_two_carried_values(shared_corpus_store, monkeypatch, page, params):
    at = open_app(shared_corpus_store, monkeypatch, page, **params)
    assert _chart(at, TITLES[page]) is None
    assert not at.get("link_button")


def test_three_values_are_drawn_without_a_shared_part(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, COUNTRIES, country=["DEU", "FRA", "GBR"])
    spec = _chart(at, TITLES[COUNTRIES])
    assert spec is not None and len(spec["data"]) == 1
    assert set(_bars(spec)) == {"Germany", "France", "United Kingdom"}
    assert any("counted in the bar of each" in c.value for c in at.caption)
    assert not at.get("link_button")  # Compare takes two sides


@pytest.mark.parametrize(("params", "said"), [
    ({"country": ["DEU", "FRA"]}, True),
    ({"topic": ["elections", "economy"]}, True),
    ({"country": "DEU"}, False),
    ({"country": ["DEU", "ATA"]}, False),
])
def test_the_overview_says_how_each_chosen_value_fares(shared_corpus_store, monkeypatch, params, said):
    at = open_app(shared_corpus_store, monkeypatch, "pages/overview.py", **params)
    notes = [c.value.replace("\\", "") for c in at.caption if c.value.startswith("The chosen ")]
    if not said:
        assert notes == []
        return
    (param, values), = params.items()
    column, name = ("Countries", country_name) if param == "country" else ("Topics", topic_label)
    counts = [_carrying(shared_corpus_store, monkeypatch, param, v, column, "")[0] for v in values]
    assert len(notes) == 1, notes
    assert f"{name(values[0])} in {counts[0]:,} statements, {name(values[1])} in {counts[1]:,} (" in notes[0], notes
