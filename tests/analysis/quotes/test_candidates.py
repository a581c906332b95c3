"""Tests for the candidate attributions offered to the learned filter (analysis.quotes.candidates)."""

from __future__ import annotations

import pytest

import analysis.quotes.candidates as quote_candidates
from analysis.quotes.candidates import best_candidate, verb_candidates
from analysis.quotes.syntax import span_jaccard


def _contents(nlp, sentence: str, verb: str) -> list[str]:
    doc = nlp(sentence)
    token = next(t for t in doc if t.text == verb)
    return [sentence[start:end] for start, end, *_ in verb_candidates(token)]


@pytest.mark.parametrize(
    ("sentence", "verb", "expected"),
    [
        # object with "for ...": the object alone, and the object with its reason
        ("The senator slammed the president for his remarks.", "slammed", "the president for his remarks"),
        ("Officials in Berlin have also said the talks failed.", "said", "the talks failed"),
        ("The deal was said to be dead.", "said", "to be dead"),
    ],
)
def test_verbs_offer_their_possible_contents(nlp, sentence, verb, expected):
    assert expected in _contents(nlp, sentence, verb)


@pytest.mark.parametrize(
    ("sentence", "verb"),
    [
        ("He is a senator.", "is"),  # a verb that never reports
        ("She left.", "left"),  # nothing after the verb
        ("Clinton would have to win Ohio, according to the polls.", "according"),
    ],
)
def test_verbs_that_offer_nothing(nlp, sentence, verb):
    assert _contents(nlp, sentence, verb) == []


def test_best_candidate_keeps_a_reported_clause(nlp):
    sentence = "Merkel has repeatedly warned that the deal was dead."
    token = next(t for t in nlp(sentence) if t.text == "warned")
    start, end, *_ = best_candidate(token, listed=True)
    assert sentence[start:end] == "that the deal was dead"


def test_tagger_confirms_a_less_likely_candidate(nlp, monkeypatch):
    text = "The senator slammed the president for his remarks."
    token = next(t for t in nlp(text) if t.text == "slammed")
    monkeypatch.setattr(quote_candidates, "keep_probability", lambda _features: 0.1)
    assert best_candidate(token) is None  # below the filter's threshold
    content = "the president for his remarks"
    tagged = [(text.index(content), text.index(content) + len(content))]
    start, end, *_ = best_candidate(token, tagged=tagged)
    assert span_jaccard((start, end), tagged[0]) >= 0.5
    monkeypatch.setattr(quote_candidates, "keep_probability", lambda _features: 0.01)
    assert best_candidate(token, tagged=tagged) is None  # too unlikely even when confirmed
