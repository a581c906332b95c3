"""The word lists quote extraction reads from ``analysis/data/rules/quotes``.

Reporting verbs, learned cue forms, verbs whose object is the content, "verb preposition"
cues, statement and poll nouns, verbs whose candidates are never statements, and words
that mark a name or scare quote before a quotation: one word or phrase per line, edited as
data, read once.
"""

from __future__ import annotations

from analysis import resources


def word_list(name: str) -> frozenset[str]:
    """The lowercase words of a hand-edited list of ``analysis/data/rules/quotes`` (read once)."""
    return resources.word_list(resources.rules_file("quotes", name))


def reporting_verbs() -> frozenset[str]:
    """Return the lemmas of reporting verbs."""
    return word_list("reporting_verbs.txt")


def learned_cues() -> frozenset[str]:
    """Return cue word forms learned from PolNeAR train (``benchmarks/quotes_learn_cues.py``)."""
    return resources.word_list(resources.generated_file("quotes", "learned_cues.txt"))


def object_verbs() -> frozenset[str]:
    """Return verbs whose direct object is the reported content."""
    return word_list("object_verbs.txt")


def prepositional_cues() -> frozenset[str]:
    """Return "verb preposition" cues whose object is the content ("call for")."""
    return word_list("prepositional_cues.txt")


def speech_nouns() -> frozenset[str]:
    """Return nouns naming a statement ("hope", "statement", "warning")."""
    return word_list("speech_nouns.txt") | {"hope", "concern", "confidence", "fear", "doubt"}


def evidence_nouns() -> frozenset[str]:
    """Return nouns naming a poll ("poll", "survey"), a source in "In a CNN poll, ..."."""
    return word_list("evidence_nouns.txt")


def non_speech_verbs() -> frozenset[str]:
    """Return verb lemmas whose learned candidates are never statements by their subject."""
    return word_list("non_speech_verbs.txt")


def non_quote_cues() -> frozenset[str]:
    """Return words that, right before a quotation, mark a name or scare quote."""
    return word_list("non_quote_cues.txt")
