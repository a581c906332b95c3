"""Tests for the word lists of quote extraction (analysis.quote_lexicon)."""

from __future__ import annotations

import analysis.quote_lexicon as quote_lexicon
from analysis.quote_lexicon import evidence_nouns, reporting_verbs, speech_nouns, word_list


def test_word_list_skips_comments_and_blank_lines(tmp_path, monkeypatch):
    (tmp_path / "words.txt").write_text("# a comment\nSay\n\nwarn  # trailing comment\n", encoding="utf-8")
    monkeypatch.setattr(quote_lexicon, "DATA_DIR", tmp_path)
    word_list.cache_clear()  # lists are read once per name
    assert word_list("words.txt") == frozenset({"say", "warn"})
    word_list.cache_clear()


def test_shipped_lists_hold_their_words_and_not_others():
    assert {"say", "warn", "deny", "argue"} <= reporting_verbs()
    assert not {"be", "have", "eat"} & reporting_verbs()
    assert {"statement", "hope"} <= speech_nouns()
    assert "poll" in evidence_nouns() and "polls" not in evidence_nouns()
