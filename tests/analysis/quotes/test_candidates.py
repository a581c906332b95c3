"""Tests for the candidate attributions offered to the learned filter (analysis.quotes.candidates)."""

from __future__ import annotations

import pytest

from analysis.nlp import load_nlp
from analysis.quotes.candidates import NON_CUE_VERBS, best_candidate, verb_candidates


@pytest.fixture(scope="module")
def nlp():
    """The spaCy pipeline, loaded once for the module."""
    return load_nlp()


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


def test_non_cue_verbs_hold_be_and_have():
    assert {"be", "have"} <= NON_CUE_VERBS


def test_best_candidate_keeps_a_reported_clause(nlp):
    sentence = "Merkel has repeatedly warned that the deal was dead."
    token = next(t for t in nlp(sentence) if t.text == "warned")
    start, end, *_ = best_candidate(token, listed=True)
    assert sentence[start:end] == "that the deal was dead"
