"""The word lists quote extraction reads from ``analysis/data/rules/quotes``.

Reporting verbs, learned cue forms, verbs whose object, infinitive, question or description
is the content, "verb preposition" cues, the words a cue takes along (adverbs, days, speech
events), statement and poll nouns, verbs that are never cues or whose candidates are never
statements, and words that mark a name or scare quote before a quotation: one word or phrase
per line, edited as data (the folder's README says what each list is for), read once through
:mod:`analysis.resources`. No list is written in code.
"""

from __future__ import annotations

import functools

from analysis import names, resources


@functools.cache  # the rules ask for lists per token: skip building the path each time
def word_list(name: str) -> frozenset[str]:
    """The lowercase words of a hand-edited list of ``analysis/data/rules/quotes`` (read once)."""
    return resources.word_list(resources.rules_file("quotes", name))


def reporting_verbs() -> frozenset[str]:
    """Return the lemmas of reporting verbs."""
    return word_list("reporting_verbs.txt")


@functools.cache
def learned_cues() -> frozenset[str]:
    """Return cue word forms learned from PolNeAR train (written by the cue learner under ``training/``)."""
    return resources.word_list(resources.generated_file("quotes", "learned_cues.txt"))


def object_verbs() -> frozenset[str]:
    """Return verbs whose direct object is the reported content."""
    return word_list("object_verbs.txt")


def prepositional_cues() -> frozenset[str]:
    """Return "verb preposition" cues whose object is the content ("call for")."""
    return word_list("prepositional_cues.txt")


def prepositional_cue_verbs() -> frozenset[str]:
    """Return the verbs of the "verb preposition" cues ("call" of "call for"), cues themselves."""
    return _first_words(prepositional_cues())


@functools.cache
def _first_words(phrases: frozenset[str]) -> frozenset[str]:
    """Return the first word of each phrase (read once per list)."""
    return frozenset(phrase.split()[0] for phrase in phrases)


def speech_nouns() -> frozenset[str]:
    """Return nouns naming a statement or a stated attitude ("statement", "warning", "hope")."""
    return word_list("speech_nouns.txt")


def speech_noun_verbs() -> frozenset[str]:
    """Return verbs whose speech-noun object names the statement ("expressed hope that ...")."""
    return word_list("speech_noun_verbs.txt")


def question_verbs() -> frozenset[str]:
    """Return verbs whose content may be an embedded question ("asked if ...")."""
    return word_list("question_verbs.txt")


def describing_verbs() -> frozenset[str]:
    """Return verbs whose object with its description is the content ("called the plan “reckless”")."""
    return word_list("describing_verbs.txt")


def infinitive_verbs() -> frozenset[str]:
    """Return verbs whose infinitive complement is the content ("vowed to fight")."""
    return word_list("infinitive_verbs.txt")


def non_cue_verbs() -> frozenset[str]:
    """Return light verbs that are never cues ("be", "have", "seem")."""
    return word_list("non_cue_verbs.txt")


def cue_adverbs() -> frozenset[str]:
    """Return adverbs before a verb that belong to its cue ("also", "never")."""
    return word_list("cue_adverbs.txt")


def cue_days() -> frozenset[str]:
    """Return days after a verb that belong to its cue ("said Friday")."""
    return word_list("cue_days.txt")


def speech_events() -> frozenset[str]:
    """Return nouns naming the occasion of a statement ("said in an interview")."""
    return word_list("speech_events.txt")


def evidence_nouns() -> frozenset[str]:
    """Return nouns naming a poll ("poll", "survey"), a source in "In a CNN poll, ..."."""
    return word_list("evidence_nouns.txt")


def non_speech_verbs() -> frozenset[str]:
    """Return verb lemmas whose learned candidates are never statements by their subject."""
    return word_list("non_speech_verbs.txt")


def non_quote_cues() -> frozenset[str]:
    """Return words that, right before a quotation, mark a name or scare quote."""
    return word_list("non_quote_cues.txt")


def is_speaker_noun(token) -> bool:
    """Whether a common noun (a spaCy token) can name who speaks: a person or body
    ("spokesman", "officials", "ministry"), a title ("prime minister") or a statement, text or
    poll that states something ("report"); "crisis", "zone" cannot.
    """
    speakers = (
        word_list("unnamed_sources.txt")
        | word_list("organization_words.txt")
        | word_list("source_documents.txt")
        | speech_nouns()
        | evidence_nouns()
        | names.title_words()
    )
    return token.lemma_.lower() in speakers or token.lower_ in speakers
