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


CAP_MAJOR_TOPICS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23}


def test_every_topic_names_codebook_topics():
    for topic in load_taxonomy():
        assert topic.cap or topic.iptc, topic.id
        assert set(topic.cap) <= CAP_MAJOR_TOPICS, topic.id
        assert all(re.fullmatch(r"medtop:\d{8}", code) for code in topic.iptc), topic.id


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        # Issue #18: taxes are the economy, never sanctions.
        ("Labour would raise taxes in its post-election Budget.", "economy", "sanctions"),
        ("40% of all pensioners were now paying marginal tax rates of 50%", "economy", "sanctions"),
        ("The EU extended sanctions on Russian banks.", "sanctions", None),
        # "Sanction" as authorise or approve is no sanctions story (seen on the 300-article store).
        ("a culture of officially sanctioned bigotry", None, "sanctions"),
        ("the UN was unlikely to sanction military action against Iraq", "war", "sanctions"),
        ("a resolution sanctioning the use of force", None, "sanctions"),
        ("state-sanctioned discrimination against minorities", None, "sanctions"),
        ("Washington sanctioned three Russian banks on Friday", "sanctions", None),
        # Issue #18: parties and parliament are government, not elections.
        ("to challenge anti-Yanukovich steps by the central parliament", "government", "elections"),
        ("Cruz also lacks support from his Republican colleagues in Congress", "government", "elections"),
        ("The bill passed the House of Commons after MPs backed it.", "government", "elections"),
        ("the next general election will be a tough fight for New Labour", "elections", None),
        ("Clinton clinched the Democratic nomination when superdelegates pushed her over the threshold",
         "elections", "government"),
        # A Supreme Court nomination is a matter for courts and the Senate, not an election.
        ("the hearing was widely viewed as a rehearsal for a Supreme Court nomination", "courts_law", "elections"),
        # Metaphors and look-alike stems.
        ("a series of issues: combating poverty, fighting climate change", "climate", "war"),
        ("the court's ruling was in direct conflict with God's design", "courts_law", "war"),
        ("the trade war with China hurt farmers", "trade", "war"),
        ("the U.S. Constitution's right to bear arms", "courts_law", "arms"),
        ("the show is the conservative news show of record", None, "climate"),
        ("he played no role in shaping White House talking points", None, "economy"),
        ("to specify the nature of those discussions", None, "migration"),
        ("the international community and internal affairs", "diplomacy", "human_rights"),
        ("universal coverage, universally welcomed", None, "education"),
        ("the minister in charge of the railways", "government", "courts_law"),
        ("Russian attacks on Kharkiv, the heaviest attacks this month", None, "terrorism"),
        ("oil platform workers and aid workers", "energy", "elections"),
        ("immigration reform and a path to citizenship", "migration", None),
        ("federal government requires too many tests for U.S. school children", "education", None),
        ("if abortion were made illegal, women should be punished", "human_rights", None),
        ("restricting military-style rifles and gun-safety legislation", "courts_law", "arms"),
    ],
)
def test_topic_cases(text, expected, not_expected):
    topics = score_topics(text)
    if expected:
        assert expected in topics, sorted(topics)
    if not_expected:
        assert not_expected not in topics, sorted(topics)


@pytest.mark.parametrize(
    "text",
    [
        "He will crush you into the dirt to get whatever he wants.",
        "Time and again, you've picked me up and I hope I've picked you up, too.",
        "herself as someone deeply involved while raising three children",
        "she would continue the fight, she said with a smile",
        "that he does not see a path forward",
    ],
)
def test_statements_without_topic(text):
    assert score_topics(text) == {}


def test_excluded_phrase_blocks_only_its_own_topic():
    # "the party's nominee" is excluded for government, but "nominee" still counts for elections.
    topics = score_topics("He will back the party's nominee.")
    assert "elections" in topics and "government" not in topics
