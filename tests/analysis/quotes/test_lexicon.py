"""Tests for the word lists of quote extraction (analysis.quotes.lexicon)."""

from __future__ import annotations

from analysis.quotes.lexicon import (
    evidence_nouns,
    non_cue_verbs,
    prepositional_cue_verbs,
    prepositional_cues,
    reporting_verbs,
    speech_nouns,
)


def test_shipped_lists_hold_their_words_and_not_others():
    assert {"say", "warn", "deny", "argue"} <= reporting_verbs()
    assert not {"be", "have", "eat"} & reporting_verbs()
    assert {"statement", "hope"} <= speech_nouns()
    assert "poll" in evidence_nouns() and "polls" not in evidence_nouns()


def test_non_cue_verbs_hold_be_and_have():
    assert {"be", "have"} <= non_cue_verbs()


def test_prepositional_cue_verbs_are_the_verbs_of_the_prepositional_cues():
    assert {"call", "warn"} <= prepositional_cue_verbs()
    assert prepositional_cue_verbs() == {cue.split()[0] for cue in prepositional_cues()}
