"""Cues set off from what they report: an aside reports the sentence around it.

"Climate change, Mr. Obama often says, is ..." (an interjection), "..., the Times said." (a
parenthetical) and "As Politico reported, ..." / "..., as X reported." (an "as" clause) report
the rest of their sentence, which PolNeAR annotates from the sentence start to its end. Used by
:mod:`analysis.quotes.reported` for listed cues; :class:`Content` is what any cue reports.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from analysis.quotes.attribution import CharSpan
from analysis.quotes.framing import says_when_or_how
from analysis.quotes.syntax import cue_char_span, doc_text, trim_span


class Content(NamedTuple):
    """What a cue reports: the content's character span and the cue's (which may take a
    preposition or noun along: "called for", "expressed hope").
    """

    start: int
    end: int
    cue: CharSpan


def interjected_content(verb: Token) -> Content | None:
    """Return the whole sentence for an attribution set off by commas inside it.

    "Climate change, Mr. Obama often says, is the greatest threat" and "But to prevent
    problems, he said, officials should be vigilant" report the sentence around the
    interjection (PolNeAR annotates it from the sentence start to its end).
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    doc = verb.doc
    if subject is None or any(t.is_quote for t in doc[subject.i + 1 : verb.i]):
        return None  # a "subject" inside the quotation before the cue is not an interjection
    sent = verb.sent
    left = subject.left_edge.i
    if left - sent.start < 2 or doc[left - 1].text != "," or "\n" in doc[left - 2].text:
        return None
    comma = next((t for t in doc[verb.i + 1 : min(sent.end, verb.i + 6)] if t.text == ","), None)
    if comma is None or any(t.pos_ in ("VERB", "AUX") for t in doc[verb.i + 1 : comma.i]):
        return None
    if sent.end - comma.i < 3:
        return None
    before = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < subject.i), None)
    after = doc[comma.i + 1] if comma.i + 1 < sent.end else None
    if before is not None and after is not None and says_when_or_how(after, verb):
        return None  # "A, Tusk said Thursday, after clashes ...": A is whole before the cue
    text = doc_text(doc)
    line_start = text.rfind("\n", sent.start_char, subject.left_edge.idx) + 1 or sent.start_char
    line_end = text.find("\n", verb.idx, sent.end_char)
    start, end = trim_span(text, max(sent.start_char, line_start), sent.end_char if line_end < 0 else line_end)
    return Content(start, end, cue_char_span(verb))


def as_clause_content(verb: Token) -> Content | None:
    """Return the clause an "as X reported" aside vouches for: "As Politico reported, Trump would
    win ..." / "Ailes met with him that day, as The New York Times reported on Tuesday".
    """
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None  # "as he said it would" reports its own object
    aside_start, aside_end = verb.left_edge, verb.right_edge
    content = rest_of_sentence(aside_start, aside_end, aside_start.i <= verb.sent.start + 1, min_chars=15)
    return None if content is None else Content(*content, cue_char_span(verb))


def parenthetical_content(verb: Token) -> Content | None:
    """Return the sentence reported by a parenthetical "..., the Times said, ..." / "..., X says."."""
    # The subject nearest the verb: the parser may hang a subject of the reported clause on
    # it too ("for people ... to organize ..., she said").
    subject = min((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i), default=None)
    if subject is None or verb.dep_ not in ("parataxis", "ROOT", "advcl"):
        return None
    doc = verb.doc
    sent = verb.sent
    phrase_start = subject.left_edge.i
    if phrase_start - sent.start < 3 or doc[phrase_start - 1].text not in (",", "—", "–"):
        return None
    if verb.dep_ == "ROOT" and not any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        tail = [t for t in doc[verb.i + 1 : sent.end] if not t.is_punct]
        if tail and tail[0].dep_ not in ("prep", "npadvmod", "advmod", "advcl"):
            return None
    text = doc_text(doc)
    rest = [t for t in doc[verb.i + 1 : sent.end] if not t.is_punct and not t.is_space]
    if rest and any(t.head.i != verb.i and t.head.i < phrase_start for t in rest):
        end = sent.end_char
    else:
        end = doc[phrase_start - 1].idx
    start, end = trim_span(text, sent.start_char, end)
    if end - start < 15:
        return None
    return Content(start, end, cue_char_span(verb))


def rest_of_sentence(first: Token, last: Token, leading: bool, min_chars: int) -> CharSpan | None:
    """Return the rest of the sentence around the phrase ``first``..``last`` when the phrase
    opens the sentence (``leading``: "In a CNN poll, ...", "As X reported, ...") or closes it
    ("... in a CNN poll.", "..., as X reported."), trimmed; None when it stands in the middle
    or leaves fewer than ``min_chars`` characters.
    """
    text = doc_text(first.doc)
    sent = first.sent
    if leading:
        start, end = trim_span(text, last.idx + len(last.text), sent.end_char)
    elif last.i >= sent.end - 2:
        start, end = trim_span(text, sent.start_char, first.idx)
    else:
        return None
    return (start, end) if end - start >= min_chars else None
