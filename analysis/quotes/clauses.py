"""Reported clauses the parse gets wrong: where a reported content ends, and what it takes in.

Used by :mod:`analysis.quotes.reported` on the clause a cue reports:

- :func:`continues_reported_clause`: a verb the parser made a conjunct of a past cue that goes on
  the reported clause ("said it is well organised, and will be announcing ...");
- :func:`run_on_clause`: a clause the parser made a second verb of its cue ("insisted closer
  co-operation did not mean ...");
- :func:`misattached_that_clause`: a "that" clause hung on a noun after the cue ("told parliament
  after the vote that ...");
- :func:`end_before_participle`: a content ends before a participle of saying or causing after a
  comma ("..., adding ...", "..., prompting unions to ...");
- :func:`end_before_title`: a content the parser ran up to its source ends before the source's title.

Offsets are character offsets into ``doc.text``.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from analysis.quotes.lexicon import speech_nouns, word_list
from analysis.quotes.syntax import cue_end_token, doc_text

#: Auxiliaries of a verb in the present or future: a reported clause's tense after a past cue.
_NOT_PAST = frozenset({"will", "'ll", "can", "is", "are", "has", "have", "'s", "'re", "'ve"})


def _not_past(verb: Token) -> bool:
    """Whether a verb is in the present or future ("is", "will be announcing", "has said")."""
    return verb.tag_ in ("VBZ", "VBP") or any(c.dep_ in ("aux", "auxpass") and c.lower_ in _NOT_PAST
                                              for c in verb.children)


def continues_reported_clause(verb: Token) -> bool:
    """Whether a verb the parser made a conjunct of a past cue goes on the clause that cue reports:
    "The group said it is well organised, with 350 volunteers, and will be announcing ...": no
    subject of its own, and, like the reported clause, in the present or future, which the cue's
    own acts are not ("said it was over and left", "said ... and called for talks" stay two).
    """
    cue = verb.head
    if verb.dep_ != "conj" or verb.pos_ not in ("VERB", "AUX") or cue.tag_ != "VBD" or cue.i > verb.i:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children) or not _not_past(verb):
        return False
    return any(c.dep_ == "ccomp" and cue.i < c.i < verb.i and _not_past(c) for c in cue.children)


def run_on_clause(verb: Token) -> tuple[int, int] | None:
    """The character span of a clause the parser made a second verb of a reporting verb: in "On
    Monday Tony Blair insisted closer co-operation did not mean losing control" the split
    "co - operation" turns "mean" into a conjunct of "insisted" with no "and" or comma between them.
    The span runs from the word after the cue to the end of that clause; None for a real
    coordination ("said it and left", "said so, then left") or a conjunct without a subject.
    """
    doc = verb.doc
    after = cue_end_token(verb) + 1
    for conj in verb.rights:
        if conj.dep_ != "conj" or conj.pos_ not in ("VERB", "AUX") or after >= conj.i:
            continue
        subject = next((c for c in conj.lefts if c.dep_ in ("nsubj", "nsubjpass")), None)
        between = doc[after : conj.i]
        if subject is None or any(t.dep_ == "cc" or t.is_punct and t.text != "-" or t.is_quote for t in between):
            return None
        if any(c.dep_ == "cc" for c in conj.children) or any(t.is_sent_start for t in doc[after : conj.i + 1]):
            return None
        last = conj.right_edge
        return doc[after].idx, last.idx + len(last.text)
    return None


def misattached_that_clause(verb: Token) -> Token | None:
    """The "that" clause the parser hung on a noun after a reporting verb: in "told parliament
    after the August 14 vote that Ukraine had taken a historic step" it is what was told.
    """
    for token in verb.subtree:
        if token.i > verb.i and token.dep_ in ("relcl", "acl") and token.head.lemma_.lower() not in speech_nouns():
            kids = list(token.children)
            if any(c.dep_ == "mark" and c.lower_ == "that" for c in kids) and any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in kids):
                return token
    return None


def end_before_participle(doc: Doc, start: int, end: int) -> int:
    """The end of a reported content before a participle after a comma that is no part of it:
    one of saying, which starts a statement of its own ("said the question sounded "balanced,"
    adding it would ...", "urged them to A, telling them B"), or of causing (``trailing_participles.txt``:
    "confirmed it is reviewing the system, prompting unions to ..."). A participle inside quotation
    marks stays; ``end`` when there is none.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return end
    quotes = 0
    for token in span:
        quotes += token.is_quote
        if token.i == span.start or token.tag_ != "VBG" or token.dep_ != "advcl" or quotes % 2:
            continue
        if token.i < token.head.i:
            continue
        if any(not t.is_punct for t in span[token.right_edge.i + 1 - span.start :]):
            continue  # "the suspect, shouting that he was innocent, fled": not at the end
        lemma = token.lemma_.lower()
        if lemma not in word_list("speech_verbs.txt") and lemma not in word_list("trailing_participles.txt"):
            continue
        before = doc[token.i - 1]
        closing = before.is_quote and token.i - 2 > span.start and doc[token.i - 2].text == ","
        if before.text != "," and not closing:
            continue
        last = before if closing else doc[before.i - 1]
        return last.idx + len(last.text) if last.i >= span.start else end
    return end


def end_before_title(doc: Doc, start: int, source: Span) -> int:
    """The end of a content that the parser ran up to its source ("Hundreds ... were killed in eastern
    Ukraine, US Assistant Secretary of State for European and Eurasian Affairs Victoria Nuland said",
    its words split by no-break spaces): the last comma before the source, when only the source's
    title lies between them (no verb); else the source's start.
    """
    text = doc_text(doc)
    comma = text.rfind(",", start, source.start_char)
    title = doc.char_span(comma + 1, source.start_char, alignment_mode="contract") if comma > start else None
    if title is None or any(t.pos_ in ("VERB", "AUX") for t in title):
        return start + len(text[start : source.start_char].rstrip(" ,"))
    return comma
