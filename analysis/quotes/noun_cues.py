"""Cues that are no verbs: a speech noun with its "that" clause, and a poll.

"Trump's claim that ..." reports the clause, its possessor (or "by X") the source; "In a CNN
poll, 52 percent ..." reports the rest of the sentence, the poll the source. Used by
:mod:`analysis.quotes.reported`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from analysis.quotes.asides import rest_of_sentence
from analysis.quotes.attribution import Attribution
from analysis.quotes.lexicon import evidence_nouns, reporting_verbs
from analysis.quotes.syntax import clause_span, noun_phrase


def noun_cue_attribution(noun: Token) -> Attribution | None:
    """Return "Trump's claim that ..." as an attribution (source = the possessor, if any)."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp") and any(t.lower_ == "that" and t.dep_ == "mark" for t in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is None:  # "statements by leaders of the Alliance that ..."
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        possessor = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    start, end = clause_span(clause)
    source = noun_phrase(possessor) if possessor is not None else None
    if source is not None and source[-1].tag_ == "POS":
        source = source[:-1]
    return Attribution(start, end, source, (noun.idx, noun.idx + len(noun.text)))


def in_poll(doc: Doc, preposition: Token) -> Attribution | None:
    """Build the attribution of "In a CNN poll, 52 percent ..." / "... leads in the latest survey":
    the poll is the source, "in" the cue and the rest of the clause the content. None when
    the sentence has a reporting verb of its own ("In a survey, analysts said ...").
    """
    objects = [
        c
        for c in preposition.children
        if c.dep_ == "pobj" and c.lemma_.lower() in evidence_nouns() and c.tag_ in ("NN", "NNP")
    ]
    if not objects:
        return None
    sent = preposition.sent
    if any(t.pos_ == "VERB" and t.lemma_.lower() in reporting_verbs() for t in sent):
        return None
    leading = all(t.is_punct or t.is_space or t.pos_ in ("CCONJ", "ADV") for t in doc[sent.start : preposition.i])
    content = rest_of_sentence(preposition, preposition.right_edge, leading, min_chars=10)
    if content is None:
        return None
    cue = (preposition.idx, preposition.idx + len(preposition.text))
    return Attribution(*content, noun_phrase(objects[0]), cue)
