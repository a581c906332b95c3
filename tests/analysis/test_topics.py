"""Tests for analysis.topics: the taxonomy file and topic assignment on the seed article."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.records import TopicHit
from analysis.topics import assign_topics, load_taxonomy, score_topics, topic_color, topic_label

SEED = Path(__file__).resolve().parents[2] / "data" / "seed" / "putin-spief-2024.txt"

REQUIRED_TOPICS = {
    "war", "arms", "nuclear", "diplomacy", "sanctions", "economy", "energy", "elections", "government",
    "courts_law", "alliances_security", "migration", "human_rights", "terrorism", "trade", "climate", "health",
    "education", "sovereignty_territory",
}


@pytest.fixture(scope="module")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def _span_of(text: str, passage: str) -> tuple[int, int]:
    start = text.index(passage)
    return start, start + len(passage)


def _topics_of(text: str, passage: str) -> dict[str, TopicHit]:
    return {hit.topic: hit for hit in assign_topics(text, [_span_of(text, passage)])}


def test_taxonomy_has_required_topics_with_unique_colours():
    topics = load_taxonomy()
    ids = [t.id for t in topics]
    assert REQUIRED_TOPICS <= set(ids)
    assert len(ids) == len(set(ids))
    colours = [t.color for t in topics]
    assert len(colours) == len(set(colours))
    assert all(re.fullmatch(r"#[0-9A-F]{6}", c) for c in colours)
    assert all(t.label and t.description and t.terms for t in topics)


@pytest.mark.parametrize(
    ("topic_id", "label"),
    [("war", "War & conflict"), ("courts_law", "Law, courts & crime"), ("no_such_topic", "no_such_topic")],
)
def test_topic_label(topic_id, label):
    assert topic_label(topic_id) == label


def test_topic_color_of_unknown_topic_is_grey():
    assert topic_color("no_such_topic") == "#BBBBBB"
    assert topic_color("nuclear") != "#BBBBBB"


@pytest.mark.parametrize(
    ("passage", "topic_id", "evidence"),
    [
        ("Russia Has No Imperial Ambitions, No Intention to Attack NATO", "alliances_security", "NATO"),
        ("“You made up that Russia wants to attack NATO.", "alliances_security", "NATO"),
        ("if the USA stops supplying arms, the conflict in Ukraine will end in 2-3 months",
         "arms", "arms"),
        ("if the USA stops supplying arms, the conflict in Ukraine will end in 2-3 months",
         "war", "conflict"),
        ("“If the Ukrainians use German missiles to hit objects on Russian territory", "arms", "missiles"),
        ("Supplying Western weapons to Ukraine is a “very dangerous step.”", "arms", "weapons"),
        ("the West believes that Russia will never use nuclear weapons", "nuclear", "nuclear weapons"),
        ("to compare the nuclear capabilities of NATO and Russia", "nuclear", "nuclear capabilities"),
        ("“Trump’s conviction in court for illegal payments to porn star Stormy Daniels",
         "courts_law", "conviction"),
        ("There is an ongoing prosecution against Trump.", "courts_law", "prosecution"),
        ("regardless of whether Joe Biden or Donald Trump wins the US presidential election",
         "elections", "presidential election"),
        ("I hope that relations between Russia and Italy can be quickly restored", "diplomacy", "relations"),
        ("that we should prepare for war against Russia", "war", "war"),
        ("the Kremlin demanded that the White House stop military aid to Kiev", "arms", "military aid"),
    ],
)
def test_seed_passages_get_expected_topic_and_evidence(seed_text, passage, topic_id, evidence):
    hits = _topics_of(seed_text, passage)
    assert topic_id in hits, f"{topic_id} missing, got {sorted(hits)}"
    assert evidence in hits[topic_id].evidence
    assert hits[topic_id].score >= 1.0


@pytest.mark.parametrize(
    ("passage", "topic_id"),
    [
        # "nuclear weapons" is evidence for nuclear only (longest match wins).
        ("the West believes that Russia will never use nuclear weapons", "arms"),
        # "according to" must not match the diplomacy term "accord".
        ("which, according to the Russian leader, “has no imperial ambitions.”", "diplomacy"),
        # A lone weak term ("attack") is not enough for war.
        ("“You made up that Russia wants to attack NATO.", "war"),
    ],
)
def test_seed_passages_do_not_get_wrong_topic(seed_text, passage, topic_id):
    assert topic_id not in _topics_of(seed_text, passage)


@pytest.mark.parametrize(
    "passage",
    [
        "Are you out of your mind?",
        "“We see that Italy’s position (towards Russia) is more restrained than in other European "
        "countries, and we make note of this,”",
        "I say this with absolute sincerity",
    ],
)
def test_seed_passages_without_topic(seed_text, passage):
    assert _topics_of(seed_text, passage) == {}


@pytest.mark.parametrize(
    "text",
    ["The weather was sunny in the afternoon.", "She smiled and went home.", "", "Important arm injury."],
)
def test_texts_without_topic(text):
    assert score_topics(text) == {}


@pytest.mark.parametrize(
    ("text", "topic_id"),
    [
        ("Voters went to the polls in the referendum.", "elections"),
        ("Refugees crossed the border seeking asylum.", "migration"),
        ("Oil and gas prices rose after the pipeline closed.", "energy"),
        ("Tariffs on steel exports hit the trade balance.", "trade"),
        ("The vaccine rollout slowed as hospitals filled.", "health"),
        ("Carbon emissions must fall to limit climate change.", "climate"),
        ("The terrorist group claimed the bombing.", "terrorism"),
        ("New sanctions froze central bank reserves.", "sanctions"),
        ("New sanctions froze central bank reserves.", "economy"),
        ("Activists decried the crackdown on press freedom and human rights.", "human_rights"),
    ],
)
def test_other_topics_trigger_on_inflected_terms(text, topic_id):
    assert topic_id in score_topics(text)


def test_assign_topics_keeps_span_offsets_and_orders_by_score(seed_text):
    spans = [_span_of(seed_text, "There is an ongoing prosecution against Trump."), (0, 0)]
    hits = assign_topics(seed_text, spans)
    assert [(h.topic, h.start, h.end) for h in hits] == [("courts_law", spans[0][0], spans[0][1])]


def test_no_term_is_both_strong_and_weak_for_one_topic():
    from analysis.topics import _matcher

    for key, entries in _matcher().stem_terms.items():
        weights: dict[str, set[float]] = {}
        for topic_id, weight, _term in entries:
            weights.setdefault(topic_id, set()).add(weight)
        assert all(len(w) == 1 for w in weights.values()), (key, entries)
