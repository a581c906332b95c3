"""AppTest on the 300-article store: chart specs stay readable at corpus size (issue #17, items 6 and 4)."""

import base64
import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.app.opening import open_app


def _open(store, monkeypatch, page, **params) -> AppTest:
    return open_app(store, monkeypatch, page, **params)


def _specs(at) -> dict[str, dict]:
    """Chart spec by title."""
    specs = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    return {(s["layout"].get("title") or {}).get("text", ""): s for s in specs}


def _array(value) -> np.ndarray:
    """A spec array, also when plotly wrote it as typed binary (``{"dtype", "bdata", "shape"}``)."""
    if isinstance(value, dict) and "bdata" in value:
        shape = [int(n) for n in str(value.get("shape", "-1")).split(",")]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).reshape(shape)
    return np.asarray(value, dtype=float)


def _bounded(spec: dict, rows: int, columns: int | None = None) -> None:
    trace = spec["data"][0]
    assert len(trace["y"]) <= rows
    if columns is not None:
        assert len(trace["x"]) <= columns
    assert spec["layout"]["height"] >= 22 * len(trace["y"]), "the height follows the rows"


def test_overview_bars_are_top_n_with_others(shared_corpus_store, monkeypatch):
    specs = _specs(_open(shared_corpus_store, monkeypatch, "pages/overview.py"))
    speakers = specs["Statements per speaker"]["data"][0]["y"]
    assert len(speakers) == 12 and speakers[0].endswith(" others"), "800+ speakers: 11 and the others"
    countries = specs["Statements naming each country"]["data"][0]["y"]
    assert len(countries) == 15 and countries[0].endswith(" others")
    timeline = specs["Statements over time"]
    assert "have no date and are not shown" in timeline["layout"]["title"]["subtitle"]["text"]


def test_a_filtered_country_does_not_crowd_out_the_rest(shared_corpus_store, monkeypatch):
    at = _open(shared_corpus_store, monkeypatch, "pages/countries.py", country="UKR")
    specs = _specs(at)
    bars = specs["Other countries named"]["data"][0]["y"]
    assert "Ukraine" not in bars and "Russia" in bars
    pairs = specs["Countries named together in a statement"]
    assert "Ukraine" not in pairs["data"][0]["x"] and "Ukraine" not in pairs["data"][0]["y"]
    _bounded(pairs, 15, 15)
    assert any("Ukraine (the filter" in c.value for c in at.caption), "the filtered country is shown apart"
    tone = specs["In what tone each speaker speaks about each country"]
    _bounded(tone, 20, 25)
    # then " · grey: no statements" (cells without a tone, qa4)
    assert tone["layout"]["title"]["subtitle"]["text"].startswith("Measure: statement tone (VADER)"), "built without it"
    assert "Ukraine" not in tone["data"][0]["x"]


def test_who_speaks_about_whom_reads_at_corpus_size(shared_corpus_store, monkeypatch):
    specs = _specs(_open(shared_corpus_store, monkeypatch, "pages/speakers.py"))
    grid = specs["Who speaks about whom"]
    _bounded(grid, 20, 25)
    assert grid["data"][0]["y"][-1].endswith(" others") and grid["data"][0]["x"][-1].endswith(" others")
    assert "(unknown)" not in grid["data"][0]["y"], "unattributed statements are nobody's"
    tone = specs["Mean tone of each speaker's statements naming a country"]
    assert tone["layout"]["title"]["subtitle"]["text"].startswith("Measure: statement tone (VADER)")
    trace = tone["data"][0]
    assert trace["zmin"] == -1 and trace["zmax"] == 1
    assert "Statements behind it: %{customdata:,d}" in trace["hovertemplate"]
    assert _array(trace["customdata"]).shape == (len(trace["y"]), len(trace["x"]))
    assert _array(trace["customdata"]).min() >= 0


def test_tone_towards_topics_is_one_click_away(shared_corpus_store, monkeypatch):
    at = _open(shared_corpus_store, monkeypatch, "pages/speakers.py", speaker="Tony Blair")
    at.radio(key="speakers_tone_target").set_value("topics").run()
    spec = _specs(at)["Mean tone of Tony Blair's statements naming each topic"]
    assert spec["data"][0]["y"] == ["Tony Blair"]
    tones = _array(spec["data"][0]["z"])
    assert np.nanmin(tones) >= -1 and np.nanmax(tones) <= 1


@pytest.mark.parametrize(("params", "title"), [({}, "Which countries each topic names"),
                                               ({"topic": "diplomacy"}, "Which countries each topic names")])
def test_topic_by_country_heatmap_is_bounded(shared_corpus_store, monkeypatch, params, title):
    spec = _specs(_open(shared_corpus_store, monkeypatch, "pages/topics.py", **params))[title]
    _bounded(spec, 20, 25)
    if params:
        assert "Diplomacy & relations" not in spec["data"][0]["y"]
