"""Topics by similar meaning in a store: ``build``/``extract --similar-topics``, ``QUOTE_ATLAS_SIMILAR_TOPICS``
(issue #18: "semantic similarity where words do not say it", an option for its cost)."""

import json

import pytest

from analysis import __main__ as cli
from analysis.build import build_store
from analysis.ingest import make_article
from analysis.records import ANALYSIS_VERSION, SIMILAR_MARK
from analysis.settings import load_settings
from analysis.store import load_corpus, stored_versions
from analysis.topics.similar import SIMILAR_EVIDENCE

#: No word of the statement (nor of its sentence) triggers a topic; its meaning is energy.
TEXT = '"Renewable power from wind and sun," she said.'


def _statement_topics(out: str) -> list[tuple[str, ...]]:
    return [tuple(topics) for topics in load_corpus(out).quotes["topics"]]


@pytest.mark.parametrize(("similar", "topics", "mark"), [
    (True, [("energy",)], SIMILAR_MARK),
    (False, [()], ""),  # words only: nothing
])
def test_a_store_files_a_statement_by_meaning_only_when_asked(tmp_path, similar, topics, mark):
    out = str(tmp_path / "s")
    assert build_store(out, [make_article(TEXT, "a")], similar_topics=similar, warehouse=False).analysed == 1
    assert _statement_topics(out) == topics
    assert set(stored_versions(out).values()) == {ANALYSIS_VERSION + mark}
    evidence = {tuple(e) for e in load_corpus(out).topic_hits["evidence"]}
    assert ((SIMILAR_EVIDENCE,) in evidence) is similar


def test_switching_it_off_reanalyses_the_store(tmp_path):
    out = str(tmp_path / "s")
    build_store(out, [make_article(TEXT, "a")], similar_topics=True, warehouse=False)
    assert build_store(out, [], similar_topics=False, warehouse=False).analysed == 1  # the outdated article
    assert _statement_topics(out) == [()]


@pytest.mark.parametrize(("environ", "on"), [
    ({}, False), ({"QUOTE_ATLAS_SIMILAR_TOPICS": "1"}, True), ({"QUOTE_ATLAS_SIMILAR_TOPICS": "no"}, False),
])
def test_similar_topics_setting(environ, on):
    assert load_settings(environ).similar_topics is on


def test_extract_takes_the_switch(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    assert cli.main(["extract", "--similar-topics", str(path)]) == 0
    quotes = json.loads(capsys.readouterr().out)["quotes"]
    assert [q["topics"] for q in quotes] == [["energy"]]
    assert cli.main(["extract", "--no-similar-topics", str(path)]) == 0
    assert [q["topics"] for q in json.loads(capsys.readouterr().out)["quotes"]] == [[]]
