"""The Overview and Topics pages under a topic filter: their topic bars show the other topics of the statements,
as the country bars show the other countries under a country filter (the filtered topic's bar was as long as
the total and said nothing); the Topics page's trigger words are shown (the column was always empty). Session
18, qa4, on the 300 shared articles."""

from __future__ import annotations

import json

import pytest

from tests.app.opening import open_app
from ui.labels import topic_label

OVERVIEW, TOPICS = "pages/overview.py", "pages/topics.py"


def _charts(at) -> dict[str, list[str]]:
    """Each chart's title and its bars' names (y values)."""
    charts = {}
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        title = spec["layout"].get("title", {}).get("text", "")
        charts[title] = [str(y) for trace in spec["data"] for y in trace.get("y", [])]
    return charts


def _only_topic(store: str) -> tuple[str, str]:
    """A speaker and a topic such that every statement of the speaker on it is on that topic only."""
    from analysis.store import load_corpus

    quotes = load_corpus(store).quotes
    quotes = quotes[quotes["speaker"].notna()].assign(on=quotes["topics"].map(len))
    for (speaker, topic), group in quotes.explode("topics").dropna(subset="topics").groupby(["speaker", "topics"]):
        if (group["on"] == 1).all():
            return str(speaker), str(topic)
    pytest.skip("no speaker has statements on one topic only")


# (URL parameters, the topics chart's title or None for the note, topics that must not be bars, whether a
# caption names the filter)
CASES = [
    ({}, "Statements per topic", (), False),
    ({"topic": "war"}, "Other topics of these statements", ("war",), True),
    ({"topic": ["war", "diplomacy"]}, "Other topics of these statements", ("war", "diplomacy"), True),
    ({"topic": "war", "country": "RUS"}, "Other topics of these statements", ("war",), True),
    ("only", None, (), True),  # every statement on the filtered topic alone: said, not an empty chart
]
#: The caption each page gives a topic filter.
CAPTIONS = {OVERVIEW: "Most common topic besides the filter: ", TOPICS: "Left out of the charts below so that"}


@pytest.mark.parametrize("page", [OVERVIEW, TOPICS])
@pytest.mark.parametrize(("params", "title", "left_out", "captioned"), CASES)
def test_the_topic_bars_leave_out_the_filtered_topics(shared_corpus_store, monkeypatch, page, params, title,
                                                      left_out, captioned):
    if params == "only":
        speaker, topic = _only_topic(shared_corpus_store)
        params = {"speaker": speaker, "topic": topic}
    at = open_app(shared_corpus_store, monkeypatch, page, **params)
    charts = _charts(at)
    topic_charts = [t for t in charts if t in ("Statements per topic", "Other topics of these statements")]
    if title is None:
        assert topic_charts == []
        assert "These statements are on no other topic." in [i.value for i in at.info]
    else:
        assert topic_charts == [title]
        bars = charts[title]
        assert bars and not {topic_label(t) for t in left_out} & set(bars), bars
    caption = CAPTIONS[page]
    captions = [c.value for c in at.caption if c.value.startswith(caption)]
    if captioned and page == TOPICS and len(left_out) > 1:  # drawn side by side above (session 20)
        assert len(captions) == 1 and "the chosen topics (above)" in captions[0]
        assert {topic_label(t) for t in left_out} <= set(charts["The chosen topics side by side"])
    elif captioned and page == TOPICS:
        assert len(captions) == 1 and all(topic_label(t) in captions[0].replace("\\", "") for t in left_out)
    elif captioned and title is not None:
        assert len(captions) == 1
        named = captions[0].removeprefix(caption).split(" in ")[0].replace("\\", "")
        assert named == charts[title][-1], "the caption names the longest bar (drawn on top: the last y)"
    elif not captioned:
        assert captions == []


@pytest.mark.parametrize("params", [{}, {"country": "RUS", "topic": "war"}, {"speaker": "Tony Blair"}])
def test_the_topics_page_shows_the_words_that_filed_each_statement(shared_corpus_store, monkeypatch, params):
    """The store gives the words as numpy arrays: a check for a list or tuple left the column empty."""
    at = open_app(shared_corpus_store, monkeypatch, TOPICS, **params)
    offered = at.selectbox(key="topics_pick").options  # labels
    picks = [t for t in ("war", "diplomacy", "government", "elections") if topic_label(t) in offered]
    assert picks
    for topic in picks:
        at.selectbox(key="topics_pick").set_value(topic).run()
        table = next(d.value for d in at.dataframe if "Trigger words" in d.value.columns)
        assert len(table) and (table["Trigger words"].str.len() > 0).all(), (topic, table.head())
        assert not table["Trigger words"].str.contains(r"\[|'", regex=True).any(), "words, not an array's repr"
