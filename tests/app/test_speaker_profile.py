"""AppTest: the Speakers page with one speaker filtered shows that speaker's profile (figures,
countries, topics, statements over time) instead of a chart of one bar; with none or several
speakers, the chart of the most quoted speakers and the heatmap of who speaks about whom.
"""

from __future__ import annotations

import json

import pytest

from analysis.engine import open_engine
from analysis.query import Filters
from tests.app.opening import open_app

#: The profile's charts (its timeline only when the statements span more than one month).
PROFILE = {"speakers_profile_countries", "speakers_profile_topics"}
CROWD = {"speakers_bar", "speakers_countries"}


def _chart_keys(at) -> set[str]:
    """The keys the page's charts were drawn with (Streamlit writes a chart's key into its id)."""
    known = PROFILE | CROWD | {"speakers_profile_timeline", "speakers_tone"}
    return {next((k for k in known if k in e.proto.id), e.proto.id) for e in at.get("plotly_chart")}


@pytest.mark.parametrize(("speakers", "expected", "absent"), [
    ({"speaker": "Vladimir Putin"}, PROFILE, CROWD),
    ({}, CROWD, PROFILE),
    ({"speaker": ["Vladimir Putin", "Tony Blair"]}, CROWD, PROFILE),
])
def test_one_speaker_gets_a_profile_others_the_crowd(shared_corpus_store, monkeypatch, speakers, expected, absent):
    at = open_app(shared_corpus_store, monkeypatch, "pages/speakers.py", **speakers)
    keys = _chart_keys(at)
    assert expected <= keys, keys
    assert not absent & keys, keys


def test_the_profile_counts_are_the_speakers(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, "pages/speakers.py", speaker="Vladimir Putin")
    engine = open_engine(shared_corpus_store)
    filters = Filters(speakers=("Vladimir Putin",))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Statements"] == f"{engine.count(filters):,}"
    assert int(metrics["Countries named"]) == len(engine.country_counts(filters)) > 1
    assert int(metrics["Topics"]) == len(engine.topic_counts(filters)) > 1
    bars = next(e for e in at.get("plotly_chart") if "speakers_profile_topics" in e.proto.id)
    assert json.loads(bars.proto.spec)["layout"]["title"]["text"].startswith("Topics of their statements")


@pytest.mark.parametrize(("speakers", "title"), [
    ({"speaker": "Vladimir Putin"}, "Mean tone of Vladimir Putin's statements naming each country"),
    ({"speaker": ["Vladimir Putin", "Tony Blair"]}, "Mean tone of each speaker's statements naming a country"),
])
def test_the_tone_grid_is_titled_for_the_speakers_it_draws(seed_store, monkeypatch, speakers, title):
    """With one speaker filtered the grid has their row only; it read "each speaker's" (session 19, qa5)."""
    at = open_app(seed_store, monkeypatch, "pages/speakers.py", **speakers)
    titles = [json.loads(e.proto.spec)["layout"]["title"]["text"] for e in at.get("plotly_chart")]
    assert title in titles, titles


# Speakers none of whose mentions holds a comma (Tony Blair's "Mr Blair, who last year denied…" does): the
# caption's list splits on ", ".
@pytest.mark.parametrize("speaker", ["Cormac Murphy-O'Connor", "Neil O'Brien"])
def test_a_speakers_statements_say_how_many_and_each_name_once(shared_corpus_store, monkeypatch, speaker):
    """Session 20: "13 statements · named in the text as: …, He, The cardinal, he, the Cardinal, the cardinal"
    (one name in three cases) and "1 statements".
    """
    at = open_app(shared_corpus_store, monkeypatch, "pages/speakers.py", speaker=speaker)
    if at.selectbox(key="speakers_pick").value != speaker:
        pytest.skip(f"{speaker} is not quoted in this build of the shared corpus")
    caption = next(c.value for c in at.caption if "named in the text as:" in c.value)
    count, _rest = caption.split(" · ", 1)
    number = int(count.split()[0].replace(",", ""))
    assert count == f"{number:,} {'statement' if number == 1 else 'statements'}", caption
    names = [n.replace("\\", "") for n in caption.split("named in the text as: ", 1)[1].split(" · ")[0].split(", ")]
    assert len(names) == len({n.casefold() for n in names}), names
