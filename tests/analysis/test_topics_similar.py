"""Tests for topics by similar meaning (analysis.topics.similar), the opt-in fallback of assign_topics."""

from __future__ import annotations

import numpy as np
import pytest

import analysis.topics as topics
from analysis.topics import assign_topics, load_taxonomy
from analysis.topics.similar import SIMILAR_EVIDENCE, description_phrases, description_prototypes, nearest_topics


def test_every_topic_has_prototypes_of_unit_length():
    ids, vectors = description_prototypes()
    assert set(ids) == {t.id for t in load_taxonomy()}
    assert vectors.shape == (len(ids), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)


def test_description_phrases_split_the_description():
    assert description_phrases("Courts & law", "Courts, judges and rulings: trials.") == [
        "Courts & law", "Courts", "judges and rulings", "trials"]


@pytest.mark.parametrize(
    ("text", "topic_id"),
    [
        ("Pupils will sit their exams in June.", "education"),
        ("Fewer and fewer people can find work in this town.", "economy"),
        ("Thousands fled across the frontier to escape the fighting.", "war"),
    ],
)
def test_nearest_topic_by_meaning_without_trigger_words(text, topic_id):
    assert topics.score_topics(text) == {}
    (hit,) = nearest_topics([text], min_cosine=0.3)
    assert hit is not None and hit[0] == topic_id


@pytest.mark.parametrize("text", ["She smiled and went home.", "I say this with absolute sincerity"])
def test_nothing_near_enough_gives_no_topic(text):
    assert nearest_topics([text], min_cosine=topics.similar_min_cosine()) == [None]
    assert assign_topics(text, [(0, len(text))], similar=True) == []


def test_assign_topics_uses_meaning_only_where_words_say_nothing(monkeypatch):
    monkeypatch.setattr(topics, "similar_min_cosine", lambda: 0.3)
    text = "Pupils will sit their exams in June. The judges threw out his appeal."
    first, second = (0, 36), (37, len(text))
    hits = assign_topics(text, [first, second], similar=True)
    by_span = {(h.start, h.end): h for h in hits}
    assert by_span[first].topic == "education"
    assert by_span[first].evidence == (SIMILAR_EVIDENCE,)
    assert 0.3 <= by_span[first].score < 1.0
    assert by_span[second].topic == "courts_law"
    assert SIMILAR_EVIDENCE not in by_span[second].evidence
    # Off by default: the same spans get no topic by meaning.
    assert [(h.start, h.topic) for h in assign_topics(text, [first, second])] == [(37, "courts_law")]


def test_no_texts_need_no_encoder():
    assert nearest_topics([], min_cosine=0.5) == []
