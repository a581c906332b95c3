"""Tests for the word lists of quote extraction (analysis.quotes.lexicon)."""

from __future__ import annotations

from analysis.quotes.lexicon import evidence_nouns, reporting_verbs, speech_nouns


def test_shipped_lists_hold_their_words_and_not_others():
    assert {"say", "warn", "deny", "argue"} <= reporting_verbs()
    assert not {"be", "have", "eat"} & reporting_verbs()
    assert {"statement", "hope"} <= speech_nouns()
    assert "poll" in evidence_nouns() and "polls" not in evidence_nouns()
