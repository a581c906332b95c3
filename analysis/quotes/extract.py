"""Quote extraction and speaker attribution.

:func:`extract_quotes` finds who said what in a parsed article:

* reported speech from the dependency parse: a reporting verb (``said``, ``warned``,
  ``expressed hope``) with a clausal complement, its subject as the source, and
  "according to X";
* quotations between quotation marks (see :mod:`analysis.quotes.marks`), attributed to a
  cue in the same sentence (before, after or around the quotation), to the headline form
  "X: “...”", or, for floating quotations, to the speaker of the neighbouring quote;
* attributions the rules miss, proposed by a model learned on PolNeAR train
  (:mod:`analysis.quotes.candidates`, :mod:`analysis.quotes.filters`): every verb outside
  the cue lists (and every listed verb whose rules found nothing, and every noun) offers
  its possible contents (complement clause, infinitive, object, prepositional object,
  passive subject); those likely to be a content of that cue are kept, and rule
  attributions without quotation marks that a second learned model finds unlikely are
  dropped;
* speakers resolved to canonical names (:mod:`analysis.quotes.speakers`).

The phrases the rules are built from (cue spans, sources, noun phrases, clauses) live in
:mod:`analysis.quotes.syntax`, the word lists they read in :mod:`analysis.quotes.lexicon`.

Offsets are character offsets into ``doc.text``. A direct quote's span is the text inside
its quotation marks; reported and mixed quotes span the reported clause ("that ...").
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from analysis.quotes.bounds import refine_bounds
from analysis.quotes.candidates import NON_CUE_VERBS, best_candidate, noun_candidates, verb_candidates
from analysis.quotes.filters import ATTRIBUTION_THRESHOLD, attribution_probability, source_type
from analysis.quotes.lexicon import (
    evidence_nouns,
    learned_cues,
    non_quote_cues,
    object_verbs,
    prepositional_cues,
    reporting_verbs,
    speech_nouns,
    word_list,
)
from analysis.quotes.marks import Quotation, find_quotations, line_paragraph_bounds, paragraph_bounds
from analysis.quotes.speakers import SpeakerResolver, canonical_person_names, pronouns
from analysis.quotes.syntax import (
    clause_span,
    cue_char_span,
    doc_text,
    edge_trimmed,
    noun_phrase,
    source_of,
    span_jaccard,
    trim_span,
)
from analysis.quotes.tagger import ContentTagger, load_tagger
from analysis.records import Quote

_Context = TypeVar("_Context")
LOG = logging.getLogger(__name__)

__all__ = ["extract_quotes", "tag_ahead", "canonical_person_names", "is_statement_like", "quoted_segments"]

#: Verbs whose content may be an embedded question ("asked if ...", "wondered whether ...").
_QUESTION_VERBS = frozenset({"ask", "wonder", "inquire", "question"})
_INHERIT_DEPS = ("advcl", "xcomp", "conj", "ccomp")
_CONTENT_DEPS = ("ccomp",)
QUOTE_OPENERS = set("\"“„«‘'`")
_NOUN_CUE_VERBS = frozenset({"express", "voice", "reiterate", "reaffirm", "share"})
_TRANSCRIPT_SPEAKER = re.compile(r"[ \t]*[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})[ \t]*:[ \t]")
_CAPTION_BYLINE = re.compile(
    r"[ \t]*([―—–]|--)[ \t]*((?:[A-Z][\w.’'-]*)(?:[ \t]+(?:[A-Z][\w.’'-]*|de|van|von|da|del)){0,4})[ \t.,]*(?:\n|$)"
)
_TITLE_FUNCTION_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with"})
_PREPOSITIONAL_LEMMAS = frozenset({"call", "warn", "talk", "point", "complain", "argue", "push"})
#: How far back (characters) a floating quotation looks for the quote it continues.
_FLOATING_REACH = 1500
_REFINED_KINDS = frozenset({"indirect", "mixed"})
#: A reported content takes the edges of the tagged content it shares at least this much with.
_TAGGER_EDGE_AGREEMENT = 0.3
_TAGGER_EDGE_KINDS = frozenset({"indirect", "mixed"})
#: Tagged contents no rule found are kept from this many words on (on PolNeAR dev, 8 and more
#: words match a gold content 47% of the time, shorter ones 8-33%).
_TAGGED_ONLY_WORDS = 8
#: Parts of speech a content does not end on (an edge there cuts a phrase in two).
_DANGLING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ"})
_CLOSING_MARKS = " ”\"’'"
_CONTENT_PREPOSITIONS = frozenset({"about", "for", "against", "of", "to", "on"})
_DESCRIBING_VERBS = frozenset({"call", "describe", "dub", "label", "brand", "deem", "term"})
_INFINITIVE_VERBS = frozenset(
    {"promise", "pledge", "vow", "threaten", "refuse", "decline", "claim", "urge", "ask", "swear", "offer", "call"}
)


@dataclass
class _Attribution:
    """An attribution found in the parse, before speaker resolution."""

    start: int
    end: int
    source: Span | None
    cue: tuple[int, int] | None
    kind: str = "indirect"
    quotations: list[Quotation] = field(default_factory=list)
    filtered: bool = False  # proposed by the learned filter, not by a cue list
    transcript: bool = False  # a transcript turn "PENCE: ...": its paragraph, whatever marks it holds
    headline: bool = False  # the headline form "Name: statement": all of the line after the colon
    lead: bool = False  # a quotation with the words before it in the cue's complement (``_clause_lead``)


def is_statement_like(text: str, quotation: Quotation) -> bool:
    """Return True when a quotation reads like speech, not a title or scare quote.

    A quotation is statement-like when it has at least four words, or ends with sentence
    punctuation inside the marks; not when a word like "so-called" or "the" precedes it,
    nor when it is a multi-word title in Title Case.

    Args:
        text: The article text.
        quotation: A quotation found in ``text``.
    """
    inner = quotation.inner(text).strip()
    words = inner.split()
    if not words:
        return False
    before = text[max(0, quotation.open_start - 12) : quotation.open_start].split()
    if before and before[-1].lower().strip(",") in non_quote_cues():
        return False
    if _is_title(text, quotation):
        return False
    return len(words) >= 4 or (len(words) >= 2 and inner[-1:] in ".!?")


def quoted_segments(quote: Quote, text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of the words in quotation marks within a quote.

    For a direct quote these are all its quotations; for a mixed quote the partial quotes
    that are speech-like (two words or more, not a Title Case name, not after "so-called");
    an indirect quote has none.

    Args:
        quote: A quote returned by :func:`extract_quotes` for ``text``.
        text: The article text.
    """
    if quote.kind == "indirect":
        return []
    segments = []
    for quotation in find_quotations(text):
        if quotation.start < quote.start - 1 or quotation.end > quote.end + 1:
            continue
        if quote.cue_start is not None and quote.cue_start <= quotation.start and quotation.end <= quote.cue_end:
            continue  # the cue in scare quotes: “Hello,” he 'said', “...”
        inner = quotation.inner(text)
        if quote.kind == "mixed" and not (
            is_statement_like(text, quotation) or (len(inner.split()) >= 2 and _is_partial_quote(text, quotation))
        ):
            continue
        segments.append((quotation.start, quotation.end))
    return segments


def _is_floating_statement(text: str, quotation: Quotation) -> bool:
    """Return True for a cue-less quotation that stands as speech on its own.

    It must be statement-like and open with a capital letter, be long (8 words) or end a
    sentence inside its marks (three words or more);
    a short lower-case fragment inside a sentence ("the root of all evil") is a scare quote
    or a partial quote whose cue the rules missed.
    """
    inner = quotation.inner(text).strip().lstrip(".…-—\"'“‘`")
    before = text[: quotation.open_start].rstrip(" \t")
    after = text[quotation.close_end :].lstrip(" \t")
    own_paragraph = (not before or before.endswith("\n")) and (not after or after.startswith("\n"))
    if own_paragraph and inner[-1:] in (".", "!", "?"):
        return True  # a line of dialogue: "Where?"
    if not is_statement_like(text, quotation):
        return False
    ends_sentence = inner[-1:] in (".", "!", "?") and len(inner.split()) >= 3  # is a “very dangerous step.”
    return inner[:1].isupper() or len(inner.split()) >= 8 or ends_sentence


def _is_title(text: str, quotation: Quotation) -> bool:
    """Return True for a name in quotation marks: Title Case words ("Fox News Sunday.") or a
    capitalised phrase right after "on"/"in" ("said on “Meet the Press”") or after a capitalised
    possessive ("the BBC’s “Today”").
    """
    inner = quotation.inner(text).strip().rstrip(".,!?")
    words = inner.split()
    if not words:
        return True
    if re.search(r"[.!?;:] ", inner) or len(words) > 10:
        return False
    capitalised = [w for w in words if w[:1].isupper() or w.lower() in _TITLE_FUNCTION_WORDS]
    before = text[max(0, quotation.open_start - 12) : quotation.open_start].split()
    # "on “Meet the Press”", and a programme of a broadcaster: "the BBC’s “Today”"
    after_preposition = bool(before) and (
        before[-1].lower() in ("on", "in", "of") or before[-1].endswith(("’s", "'s")) and before[-1][:1].isupper()
    )
    if len(words) >= 2 and len(capitalised) == len(words) and words[-1][:1].isupper():
        return True
    return after_preposition and words[0][:1].isupper() and len(words) <= 6 and len(capitalised) >= len(words) - 1


def _is_title_only(text: str, attribution: _Attribution, quotations: list[Quotation]) -> bool:
    """Return True when a content is nothing but a title in quotation marks ("read “Dune”")."""
    start, end = trim_span(text, attribution.start, attribution.end)
    return any(
        _is_title(text, q)
        and start <= q.open_start + 1
        and q.close_end - 1 <= end
        and end - start <= q.close_end - q.open_start
        for q in quotations
    )


def _is_partial_quote(text: str, quotation: Quotation) -> bool:
    """Return True for a partial quote inside reported speech (not a name or title)."""
    before = text[max(0, quotation.open_start - 12) : quotation.open_start].split()
    if before and before[-1].lower().strip(",") in non_quote_cues():
        return False
    words = quotation.inner(text).split()
    return not all(w[:1].isupper() or w.lower() in _TITLE_FUNCTION_WORDS for w in words)


def _content_of(token: Token) -> tuple[int, int, tuple[int, int]] | None:
    """Return (start, end, cue) of what a reporting verb reports, or None.

    Tries, in order: a clausal complement ("said that ..."), a speech noun's complement
    ("expressed hope that ..."), a predicative description ("called the plan “reckless”"),
    an infinitive complement ("vowed to fight"), and the object of "say" ("said so").
    """
    lemma = token.lemma_.lower()
    learned_only = lemma not in reporting_verbs() and token.lower_ in learned_cues()
    children = list(token.children)
    cue = cue_char_span(token)
    content = next((c for c in children if c.dep_ in _CONTENT_DEPS), None)
    if content is None and lemma in _QUESTION_VERBS:
        # "asked workers if they planned to ...": the parser makes the question an adverbial clause.
        content = next(
            (
                c
                for c in children
                if c.dep_ == "advcl"
                and c.i > token.i
                and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)
            ),
            None,
        )
    if content is not None:
        start, end = clause_span(content)
        return start, end, cue
    if lemma in _NOUN_CUE_VERBS:
        for child in children:
            if child.dep_ == "dobj" and child.lemma_.lower() in speech_nouns():
                clause = next((c for c in child.children if c.dep_ in ("ccomp", "acl")), None)
                if clause is not None:
                    start, end = clause_span(clause)
                    return start, end, (token.idx, child.idx + len(child.text))
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if lemma in _DESCRIBING_VERBS and obj is not None:
        predicate = next((c for c in children if c.dep_ in ("oprd", "xcomp") and c.i > obj.i), None)
        if predicate is None:
            predicate = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i), None)
        if predicate is not None:
            start = obj.left_edge.idx
            last = predicate.right_edge
            return start, last.idx + len(last.text), cue
    for_clause = next(
        (
            c
            for c in children
            if c.dep_ == "advcl"
            and c.i > token.i
            and token.nbor(1).lower_ == "for"
            and any(m.dep_ == "mark" and m.i == token.i + 1 for m in c.children)
        ),
        None,
    )
    if for_clause is not None and f"{lemma} for" in prepositional_cues():
        # "called for Trump to drop out": the parser reads "for Trump to ..." as a clause
        last = for_clause.right_edge
        return token.nbor(2).idx, last.idx + len(last.text), (cue[0], token.nbor(1).idx + 3)
    gerund = next((c for c in children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > token.i), None)
    if gerund is not None and not learned_only:
        start, end = clause_span(gerund)  # "denied having any role", "reported raising $9 million"
        return start, end, cue
    if lemma in _INFINITIVE_VERBS or learned_only:
        clause = next((c for c in children if c.dep_ == "xcomp" and c.i > token.i), None)
        if clause is not None and any(t.lower_ == "to" for t in clause.lefts):
            first = obj if obj is not None and obj.i < clause.i else clause
            last = clause.right_edge
            return first.left_edge.idx, last.idx + len(last.text), cue
    if (
        (lemma in object_verbs() or learned_only)
        and obj is not None
        and obj.pos_ in ("NOUN", "PROPN")
        and obj.i > token.i
        and obj.lemma_.lower() not in speech_nouns()  # "issued a statement" says nothing yet
    ):
        last = obj.right_edge
        role = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i), None)
        if role is not None:
            last = role.right_edge  # "condemned the test as “provocative”"
        return obj.left_edge.idx, last.idx + len(last.text), cue
    for child in children:
        if child.dep_ == "prep" and (
            f"{lemma} {child.lower_}" in prepositional_cues()
            or (learned_only and child.i == token.i + 1 and child.lower_ in _CONTENT_PREPOSITIONS)
        ):
            target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if target is not None:
                last = target.right_edge
                return target.left_edge.idx, last.idx + len(last.text), (cue[0], child.idx + len(child.text))
    if lemma == "say":
        answer = next(
            (
                c
                for c in children
                if c.i > token.i and ((c.dep_ == "dobj" and not c.is_quote) or c.lower_ in ("so", "yes", "no"))
            ),
            None,
        )
        if answer is not None:
            last = answer.right_edge
            return answer.left_edge.idx, last.idx + len(last.text), cue
    return None


def _generic_cue(token: Token) -> bool:
    """Return True for any verb with a subject and a finite clausal complement ("feared that ...")."""
    if token.lemma_.lower() in NON_CUE_VERBS:
        return False
    has_subject = any(c.dep_ == "nsubj" for c in token.children)
    return has_subject and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)


def _is_listed_cue(token: Token) -> bool:
    """Return True for a verb in the curated or learned cue lists (or any verb with "that ...")."""
    lemma = token.lemma_.lower()
    return token.pos_ in ("VERB", "AUX") and (
        lemma in reporting_verbs()
        or lemma in object_verbs()
        or lemma in _PREPOSITIONAL_LEMMAS
        or token.lower_ in learned_cues()
        or _generic_cue(token)
    )


def _verb_attributions(doc: Doc, tagged: list[tuple[int, int]] = ()) -> list[_Attribution]:
    """Find reporting verbs with what they report, "according to X", noun cues, and other
    verbs that the learned filter (:mod:`analysis.quotes.filters`) accepts.
    """
    found = []
    for token in doc:
        listed = _is_listed_cue(token)
        if listed:
            content = _listed_content(token)
            if content is not None:
                start, end, cue = content
                source = source_of(token)
                if source is not None and start < source.start_char < end and doc[source.start - 1].is_quote:
                    # “...,” Flynn, a top Trump surrogate, said: the parser hung the speaker on a
                    # word of the quotation, so the clause ran on past its closing mark.
                    end = start + len(doc_text(doc)[start : source.start_char].rstrip(" ,"))
                found.append(_Attribution(start, end, source, cue))
                continue
        if (listed or token.pos_ == "VERB") and token.lower_ != "according":
            candidate = best_candidate(token, listed, tagged)
            if candidate is not None:
                start, end, cue, _features, source = candidate
                found.append(_Attribution(start, end, source, cue, filtered=True))
        elif token.pos_ == "NOUN":
            attribution = _noun_cue_attribution(token) if token.lemma_.lower() in speech_nouns() else None
            if attribution is None:
                candidate = best_candidate(token, tagged=tagged)
                if candidate is not None:
                    start, end, cue, _features, source = candidate
                    attribution = _Attribution(start, end, source, cue, filtered=True)
            if attribution is not None:
                found.append(attribution)
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            attribution = _according_to(doc, token)
            if attribution is not None:
                found.append(attribution)
        elif token.lower_ == "in" and token.dep_ == "prep":
            attribution = _in_poll(doc, token)
            if attribution is not None:
                found.append(attribution)
    return found


def _in_poll(doc: Doc, preposition: Token) -> _Attribution | None:
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
    content = _rest_of_sentence(preposition, preposition.right_edge, leading, min_chars=10)
    if content is None:
        return None
    cue = (preposition.idx, preposition.idx + len(preposition.text))
    return _Attribution(*content, noun_phrase(objects[0]), cue)


def _rest_of_sentence(first: Token, last: Token, leading: bool, min_chars: int) -> tuple[int, int] | None:
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


def candidate_attributions(doc: Doc) -> list[tuple[int, int, tuple[int, int], list[str]]]:
    """Return (start, end, cue, features) of every verb candidate the learned filter decides on.

    Used to train the filter (``benchmarks/quotes_train_filter.py``); not filtered.
    """
    found = []
    for token in doc:
        if token.pos_ == "NOUN":
            if token.lemma_.lower() not in speech_nouns() or _noun_cue_attribution(token) is None:
                found.extend((c[0], c[1], c[2], c[3]) for c in noun_candidates(token))
            continue
        if token.pos_ not in ("VERB", "AUX"):
            continue
        listed = _is_listed_cue(token)
        if listed and _listed_content(token) is not None:
            continue
        if not listed and token.pos_ != "VERB":
            continue
        found.extend((c[0], c[1], c[2], c[3]) for c in verb_candidates(token, listed))
    return found


def _listed_content(token: Token) -> tuple[int, int, tuple[int, int]] | None:
    """Return what the rules find for a listed cue (interjection, complement, parenthetical)."""
    content = _interjected_content(token) if token.lemma_.lower() in reporting_verbs() else None
    if content is None:
        content = _as_clause_content(token)
    if content is None:
        content = _content_of(token)
    if content is None:
        content = _parenthetical_content(token)
    return content


def _interjected_content(verb: Token) -> tuple[int, int, tuple[int, int]] | None:
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
    text = doc_text(doc)
    line_start = text.rfind("\n", sent.start_char, subject.left_edge.idx) + 1 or sent.start_char
    line_end = text.find("\n", verb.idx, sent.end_char)
    start, end = trim_span(text, max(sent.start_char, line_start), sent.end_char if line_end < 0 else line_end)
    return start, end, cue_char_span(verb)


def _noun_cue_attribution(noun: Token) -> _Attribution | None:
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
    return _Attribution(start, end, source, (noun.idx, noun.idx + len(noun.text)))


def _as_clause_content(verb: Token) -> tuple[int, int, tuple[int, int]] | None:
    """Return the clause an "as X reported" aside vouches for: "As Politico reported, Trump would
    win ..." / "Ailes met with him that day, as The New York Times reported on Tuesday".
    """
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None  # "as he said it would" reports its own object
    aside_start, aside_end = verb.left_edge, verb.right_edge
    content = _rest_of_sentence(aside_start, aside_end, aside_start.i <= verb.sent.start + 1, min_chars=15)
    return None if content is None else (*content, cue_char_span(verb))


def _parenthetical_content(verb: Token) -> tuple[int, int, tuple[int, int]] | None:
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
    return start, end, cue_char_span(verb)


def _according_to(doc: Doc, according: Token) -> _Attribution | None:
    """Build the attribution of "according to X": content is the rest of the clause."""
    to = doc[according.i + 1]
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    source = noun_phrase(objects[0])
    cue = (according.idx, to.idx + len(to.text))
    sent = according.sent
    phrase_end = source.end_char
    text = doc_text(doc)
    after_start, after_end = trim_span(text, phrase_end, sent.end_char)
    before_start, before_end = trim_span(text, sent.start_char, according.idx)
    opens_quotation = text[after_start : after_start + 1] in QUOTE_OPENERS
    set_off = text[: according.idx].rstrip().endswith(",") and text[phrase_end : phrase_end + 1] == ","
    if according.i - sent.start <= 2 or opens_quotation or before_end - before_start < 10:
        start, end = after_start, after_end
    elif set_off and after_end - after_start >= 12:
        # "At the heart of the trouble, according to X, was a decision ...": PolNeAR annotates the
        # whole sentence around the interjection (12 of 30 on train; 7 stop before it).
        start, end = before_start, after_end
    else:
        start, end = before_start, before_end
    if start >= end:
        return None
    return _Attribution(start, end, source, cue)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _merge_quotations(text: str, attribution: _Attribution, quotations: list[Quotation]) -> None:
    """Widen an attribution's content to whole quotations it touches and set its kind."""
    touching = [q for q in quotations if _overlaps(attribution.start, attribution.end, q.open_start, q.close_end)]
    for index, quotation in enumerate(touching):
        lead = text[attribution.start : quotation.open_start].rstrip()
        if quotation.open_start > attribution.start and lead.endswith(":") and len(lead) > 1:
            # "said that X: “...”": the quotation after the colon is a quote of its own.
            attribution.end = attribution.start + len(lead) - 1
            touching = touching[:index]
            break
    if not touching:
        return
    start = min(attribution.start, touching[0].open_start)
    end = max(attribution.end, touching[-1].close_end)
    attribution.quotations = touching
    first, last = touching[0], touching[-1]
    lead = text[max(0, first.open_start - 6) : first.open_start]
    cue_end = attribution.cue[1] if attribution.cue else -1
    if start == first.open_start and lead.rstrip().lower().endswith(" that") and cue_end <= first.open_start - 5:
        start = first.open_start - (len(lead) - lead.lower().rindex("that"))  # "said that “...”"
    before = text[start : first.open_start].strip(" ,:;\n")
    after = text[last.close_end : end].strip(" ,.;:\n")
    if len(touching) == 1 and not before and not after:
        attribution.kind = "direct"
        attribution.start, attribution.end = first.start, first.end
        return
    attribution.start, attribution.end = start, end
    attribution.kind = (
        "mixed" if any(is_statement_like(text, q) or len(q.inner(text).split()) >= 2 for q in touching) else "indirect"
    )


def _sentence_cue(
    doc: Doc, quotation: Quotation, quotations: list[Quotation]
) -> tuple[Span | None, tuple[int, int] | None]:
    """Find a reporting verb next to a quotation in its sentence(s): ``“...,” X said``, ``X said: “...”``."""
    text = doc_text(doc)
    first = doc.char_span(quotation.open_start, quotation.close_end, alignment_mode="expand")
    if first is None:
        return None, None
    byline = _CAPTION_BYLINE.match(text, quotation.close_end)
    if byline is not None:
        # Caption form: “...” ― Sonya Herridge
        source = doc.char_span(byline.start(2), byline.end(2), alignment_mode="expand")
        if source is not None:
            return source, (byline.start(1), byline.end(1))
    sents = {first[0].sent.start: first[0].sent, first[-1].sent.start: first[-1].sent}
    following = first[-1].sent.end
    if following < len(doc) and doc[following].idx - quotation.close_end <= 2 and first[-1].sent.end == first.end:
        # “...?” Rubio asked.  — the parser often starts a new sentence after the mark.
        sents[following] = doc[following : min(doc[following].sent.end, following + 5)]
    preceding = first[0].sent.start
    if preceding > 0 and first[0].sent.start == first.start and text[: quotation.open_start].rstrip().endswith(":"):
        sents[doc[preceding - 1].sent.start] = doc[preceding - 1].sent
    colon_lead = text[: quotation.open_start].rstrip().endswith(":")
    paragraph_start = text.rfind("\n\n", 0, quotation.open_start)
    paragraph_end = text.find("\n\n", quotation.close_end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    candidates = []
    for sent in sents.values():
        for token in sent:
            if any(q.open_start <= token.idx < q.close_end for q in quotations):
                continue
            if token.idx > paragraph_end or (token.idx < paragraph_start and not colon_lead):
                continue
            if token.idx >= quotation.close_end and "\n" in text[quotation.close_end : token.idx]:
                continue  # a quotation that ends its line is not attributed by the next line's verb
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in reporting_verbs():
                if token.idx < quotation.open_start and _reports_something_else(token, quotation):
                    continue
                distance = (
                    token.idx - quotation.close_end
                    if token.idx >= quotation.close_end
                    else quotation.open_start - token.idx
                )
                candidates.append((distance, token))
    for _distance, verb in sorted(candidates, key=lambda pair: pair[0]):
        source = source_of(verb)
        if source is not None and not _overlaps(
            source.start_char, source.end_char, quotation.open_start, quotation.close_end
        ):
            return source, cue_char_span(verb)
    # Headline form "Putin: “...”".
    prefix = text[max(0, quotation.open_start - 60) : quotation.open_start].rstrip()
    if prefix.endswith(":"):
        colon = (
            quotation.open_start - (len(text[: quotation.open_start]) - len(text[: quotation.open_start].rstrip())) - 1
        )
        source = _colon_source(doc, colon)
        if source is not None:
            return source, (colon, colon + 1)
    return None, None


def _reports_something_else(verb: Token, quotation: Quotation) -> bool:
    """Return True for a verb in a relative clause that has its own object, in a sentence before
    the quotation: in “A,” said X, who has not read it but *knows* its gist. “B.” the quotation
    is not what "knows" reports.
    """
    in_relative = verb.dep_ == "relcl" or (verb.dep_ == "conj" and verb.head.dep_ == "relcl")
    text = doc_text(verb.doc)
    return in_relative and any(
        c.dep_ in ("dobj", "ccomp")
        and c.right_edge.idx < quotation.open_start
        and text[c.right_edge.idx + len(c.right_edge) : quotation.open_start].strip() in (".", "!", "?")
        for c in verb.children
    )


def _clause_lead(doc: Doc, cue: tuple[int, int], quotation: Quotation) -> int | None:
    """Return where the words reported with a quotation start, when the quotation opens
    inside the cue's complement ("called Trump a “pathological liar”", "found 73 percent
    ''maintained subsidiaries''"), else None.

    The lead is the first word of the cue's dependent that holds the quotation; PolNeAR
    annotates it as part of the content.
    """
    text = doc_text(doc)
    between = text[cue[1] : quotation.open_start]
    if cue[1] > quotation.open_start or "\n" in between or not any(char.isalpha() for char in between):
        return None
    cue_words = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    inner = doc.char_span(quotation.start, quotation.end, alignment_mode="expand")
    if cue_words is None or inner is None or len(inner) == 0:
        return None
    verb, token = cue_words.root, inner[0]
    if token.sent != verb.sent:
        return None
    while token.head != verb and token.head != token:
        token = token.head
    if token.head != verb:
        return None
    lead = token.left_edge.idx
    return lead if cue[1] <= lead < quotation.open_start else None


def _colon_source(doc: Doc, colon: int) -> Span | None:
    """Return the short name before a colon ("Putin: ..."), or None."""
    colon_span = doc.char_span(colon, colon + 1)
    token = colon_span[0] if colon_span is not None and len(colon_span) == 1 else None
    if token is None or token.i == 0:
        return None
    end = token.i
    start = end
    while (
        start > 0
        and end - start < 5
        and doc[start - 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET")
        and "\n" not in doc[start - 1].text_with_ws
    ):
        start -= 1
    if start == end:
        return None
    span = doc[start:end]
    if not any(t.pos_ == "PROPN" or (t.pos_ in ("NOUN", "ADJ") and t.is_title) for t in span):
        return None  # ("Issa: ..." is tagged ADJ)
    if start > 0 and not (doc[start - 1].is_punct or "\n" in doc[start - 1].text_with_ws or doc[start - 1].is_space):
        return None
    return span


def _headline_lead_source(doc: Doc, line_start: int, colon: int) -> Span | None:
    """Return the speaker of a headline whose label names more than the speaker:
    "Clinton to Planned Parenthood: ...", "Former AG Mukasey at RNC: ...", "CNN President On
    Trump: ...", "EXCLUSIVE – Roger Stone: ..." (a capitalised label and a dash before the name).
    None unless the words before the colon are a name and, at most, a prepositional phrase.
    """
    words = doc.char_span(line_start, colon, alignment_mode="contract")
    if words is None or not 1 <= len(words) <= 12:
        return None
    tokens = list(words)
    labelled = len(tokens) > 2 and tokens[0].is_upper and tokens[1].text in ("–", "—", "-", "--")
    if labelled:
        tokens = tokens[2:]
    name = []
    for token in tokens:
        if token.pos_ in ("PROPN", "NOUN", "ADJ", "DET") and not token.is_punct:
            name.append(token)
        else:
            break
    rest = tokens[len(name) :]
    if not name or not any(t.pos_ == "PROPN" for t in name) or (rest and rest[0].pos_ != "ADP"):
        return None
    if not rest and not labelled:
        return None  # a plain "Name:" is _colon_source's
    if any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in rest):
        return None
    return doc[name[0].i : name[-1].i + 1]


def _headline_attributions(doc: Doc, quotations: list[Quotation]) -> list[_Attribution]:
    """Find the headline form "Name: statement" at the start of a line (without quotation marks)."""
    found = []
    text = doc_text(doc)
    for start, end in paragraph_bounds(text):
        line_end = text.find("\n", start, end)
        line_end = end if line_end < 0 else line_end
        colon = text.find(":", start, min(line_end, start + 40))
        if colon < 0:
            continue
        speaker_label = _TRANSCRIPT_SPEAKER.match(text, start)
        if speaker_label is not None:
            # Transcript form "PENCE: Well, look, ..." — the whole paragraph is the speech.
            source = doc.char_span(speaker_label.start(1), speaker_label.end(1), alignment_mode="expand")
            colon = speaker_label.end(1)
            line_end = end
        else:
            source = _colon_source(doc, colon)
            if source is None or source.start_char - start > 1:
                source = _headline_lead_source(doc, start, colon)
            if source is None or line_end - start > 250:
                continue
        if source is None or source.text.lower() in word_list("headline_non_sources.txt"):
            continue
        content_start, content_end = trim_span(text, colon + 1, line_end)
        if content_end - content_start < 10 or text[content_start].islower():
            continue
        found.append(
            _Attribution(
                content_start,
                content_end,
                source,
                (colon, colon + 1),
                transcript=speaker_label is not None,
                headline=speaker_label is None,
            )
        )
    return found


def _clip_to_paragraph(text: str, attributions: list[_Attribution]) -> None:
    """Keep each parsed content inside the paragraph of its cue (the parser may run across)."""
    bounds = line_paragraph_bounds(text)
    starts = [start for start, _ in bounds]
    for attribution in attributions:
        if attribution.cue is None:
            continue
        index = max(0, bisect.bisect_right(starts, attribution.cue[0]) - 1)
        start, end = bounds[index]
        attribution.start = max(attribution.start, start)
        attribution.end = min(attribution.end, end)
    attributions[:] = [a for a in attributions if a.start < a.end]


def _prefer_adjacent_quotations(text: str, attributions: list[_Attribution], quotations: list[Quotation]) -> None:
    """Make a quotation that opens right after a cue (``said, “...”``) the content of that cue."""
    opening = {q.open_start: q for q in quotations}
    for attribution in attributions:
        if attribution.cue is None:
            continue
        position = attribution.cue[1]
        while position < len(text) and position - attribution.cue[1] < 4 and text[position] in " ,:\n":
            position += 1
        quotation = opening.get(position)
        if quotation is not None and not (
            attribution.start <= quotation.open_start < attribution.end and attribution.start > attribution.cue[0]
        ):
            attribution.start, attribution.end = quotation.start, quotation.end


def _cut_at_conjoined_attributions(doc: Doc, attributions: list[_Attribution]) -> None:
    """End a content before a conjoined attribution ("said A and about half said B")."""
    text = doc_text(doc)
    for attribution in attributions:
        if attribution.cue is not None and text[attribution.cue[0] : attribution.cue[1]] == ":":
            continue  # "PENCE: ..." and "Poll: ..." report the whole line or paragraph
        for other in attributions:
            if other is attribution or other.cue is None:
                continue
            boundary = other.source.start_char if other.source is not None else other.cue[0]
            if boundary <= attribution.start < other.cue[0]:
                if _is_plural(attribution.source) != _is_plural(other.source):
                    continue  # "Police say he posed a threat and refused to ...": his act, not theirs
                boundary = other.cue[0]  # a shared subject: "he said A, arguing B" / "he said A and warned B"
            if not attribution.start < boundary < attribution.end or other.start < attribution.start:
                continue
            before = text[attribution.start : boundary].rstrip()
            for joiner in (" and", " but", ";", ","):
                if before.endswith(joiner):
                    attribution.end = attribution.start + len(before) - len(joiner)
                    break


def _is_quoted_cue(doc: Doc, quotation: Quotation) -> bool:
    """Return True for a reporting verb alone between quotation marks (“Hello,” he 'said'):
    the writer's scare quotes on the cue, not a quotation.
    """
    span = doc.char_span(quotation.start, quotation.end)
    return span is not None and len(span) == 1 and span[0].pos_ in ("VERB", "AUX") and _is_listed_cue(span[0])


def _is_plural(source: Span | None) -> bool | None:
    """Return whether a source phrase is plural ("Police", "they"), None without one."""
    if source is None or len(source) == 0:
        return None
    root = source.root
    return root.tag_ in ("NNS", "NNPS") or root.lower_ in pronouns()["plural"] | {"we", "us"}


def _inside_quotation(offset: int, quotations: list[Quotation]) -> bool:
    """Return True when ``offset`` lies between the marks of a quotation (speech in speech)."""
    return any(q.start <= offset < q.end for q in quotations)


def _dedupe(text: str, attributions: list[_Attribution]) -> list[_Attribution]:
    """Drop attributions whose content lies inside another (keep the outermost); a trailing
    comma or space left on the inner content does not make it stick out.
    """
    ordered = sorted(attributions, key=lambda a: (a.start, -a.end))
    kept: list[_Attribution] = []
    for attribution in ordered:
        end = attribution.start + len(text[attribution.start : attribution.end].rstrip(" \n,;:"))
        if kept and attribution.start >= kept[-1].start and end <= kept[-1].end:
            continue
        kept.append(attribution)
    return kept


def _attributions(doc: Doc, tagged: list[tuple[int, int]] = ()) -> tuple[list[_Attribution], list[Quotation]]:
    """Return the attributions of a parsed article (rules and learned candidates), joined
    across their quotations and sorted by start, before the attribution filter, and the
    article's quotations.
    """
    text = doc_text(doc)
    quotations = [q for q in find_quotations(text) if not _is_quoted_cue(doc, q)]
    attributions = [
        a for a in _verb_attributions(doc, tagged) if a.cue is None or not _inside_quotation(a.cue[0], quotations)
    ]
    _clip_to_paragraph(text, attributions)
    listed = [a for a in attributions if not a.filtered]
    attributions = listed + [  # a filtered cue inside a listed content is part of that speech
        a for a in attributions if a.filtered and not any(o.start <= a.cue[0] < o.end for o in listed)
    ]
    attributions = [a for a in attributions if not (a.filtered and _is_title_only(text, a, quotations))]
    attributions += _headline_attributions(doc, quotations)
    _prefer_adjacent_quotations(text, attributions, quotations)
    _cut_at_conjoined_attributions(doc, attributions)
    for attribution in attributions:
        if not attribution.transcript:
            _merge_quotations(text, attribution, quotations)
    attributions = _dedupe(text, attributions)
    covered = [(a.start, a.end) for a in attributions]
    turns = [a.cue[0] for a in attributions if a.transcript]
    for quotation in quotations:
        if any(s <= quotation.start and quotation.end <= e for s, e in covered):
            continue
        if any(quotation.start <= turn < quotation.end for turn in turns):
            continue  # a quotation mark opening a transcript turn does not make it one quote
        if _is_title(text, quotation):
            continue
        source, cue = _sentence_cue(doc, quotation, quotations)
        if source is None and not _is_floating_statement(text, quotation):
            continue
        lead = _clause_lead(doc, cue, quotation) if cue is not None else None
        if lead is None:
            attribution = _Attribution(
                quotation.start, quotation.end, source, cue, kind="direct", quotations=[quotation]
            )
        else:
            attribution = _Attribution(
                lead, quotation.close_end, source, cue, kind="mixed", quotations=[quotation], lead=True
            )
        attributions.append(attribution)
    attributions.sort(key=lambda a: a.start)
    return _join_continuations(text, attributions), quotations


def extract_quotes(doc: Doc, tagged: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Return the quotes of a parsed article, sorted by start.

    Args:
        doc: A spaCy Doc from :func:`analysis.nlp.load_nlp` over the exact article text.
        tagged: The content tagger's spans for ``doc`` when already computed
            (:func:`tag_ahead`); by default they are computed here (none when the tagger
            is off).

    Returns:
        :class:`analysis.records.Quote` records with content, speaker mention, cue and
        canonical speaker; countries, topics and tone are left empty.
    """
    if tagged is None:
        tagged = tagged_contents(doc)
    attributions, cues, protected = _kept_attributions(doc, tagged)
    for attribution in attributions:
        if _refinable(attribution):
            attribution.start, attribution.end = refine_bounds(
                doc,
                attribution.start,
                attribution.end,
                attribution.kind,
                attribution.cue,
                protected,
                cues,
                move_end=_moves_end(attribution),
            )
    if tagged:
        attributions = _agree_with_tagger(doc, attributions, tagged)
        attributions += _tagged_only(doc, attributions, tagged)
    return _resolve(doc, attributions)


def tagged_contents(doc: Doc, tagger: ContentTagger | None = None) -> list[tuple[int, int]]:
    """Return the contents the content tagger marks in ``doc`` (trimmed character spans;
    empty when the tagger is off or not shipped).

    Args:
        doc: The parsed article.
        tagger: The tagger to use; None loads the shipped one if it is switched on.
    """
    tagger = tagger or load_tagger()
    if tagger is None:
        return []
    text = doc_text(doc)
    return [span for span in (edge_trimmed(text, *found) for found in tagger.content_spans(doc)) if span[0] < span[1]]


def tag_ahead(
    pairs: Iterable[tuple[Doc, _Context]], lookahead: int = 32, enabled: bool | None = None
) -> Iterator[tuple[Doc, _Context, list[tuple[int, int]]]]:
    """Yield ``(doc, context, tagged contents)`` for each pair, in order, with the content
    tagger working in a background thread up to ``lookahead`` documents ahead of the caller.

    The tagger spends its time in onnxruntime, which releases the interpreter lock, so on
    two cores spaCy can parse the next documents (when ``pairs`` comes from ``nlp.pipe``)
    while the tagger reads the last ones. The contents are empty when the tagger is off
    (``enabled`` False, or None and switched off in the environment).
    """
    tagger = load_tagger(enabled)
    if tagger is None:
        for doc, context in pairs:
            yield doc, context, []
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="content-tagger") as pool:
        pending: deque = deque()
        for doc, context in pairs:
            pending.append((doc, context, pool.submit(_tagged_or_nothing, doc, tagger)))
            if len(pending) > lookahead:
                doc, context, future = pending.popleft()
                yield doc, context, future.result()
        while pending:
            doc, context, future = pending.popleft()
            yield doc, context, future.result()


def _tagged_only(doc: Doc, attributions: list[_Attribution], tagged: list[tuple[int, int]]) -> list[_Attribution]:
    """Return reported speech for the tagged contents no attribution touches that are at least
    :data:`_TAGGED_ONLY_WORDS` words long (shorter ones are mostly fragments): the content as
    tagged, the cue the verb that governs it from outside, the source that verb's subject.
    """
    text = doc_text(doc)
    taken = [edge_trimmed(text, a.start, a.end) for a in attributions]
    found = []
    for start, end in tagged:
        if any(span_jaccard((start, end), other) > 0 for other in taken):
            continue
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or sum(not t.is_punct for t in span) < _TAGGED_ONLY_WORDS:
            continue
        head = span.root.head
        verb = head if not span.start <= head.i < span.end else None
        cue = cue_char_span(verb) if verb is not None else None
        if verb is not None and verb.pos_ == "ADJ" and verb.dep_ == "acomp":
            verb = verb.head  # "the farmers are certain ...": the subject of "are"
        source = source_of(verb) if verb is not None and verb.pos_ in ("VERB", "AUX") else None
        found.append(_Attribution(start, end, source, cue))
        taken.append((start, end))
    return found


def _tagged_or_nothing(doc: Doc, tagger: ContentTagger) -> list[tuple[int, int]]:
    """Return :func:`tagged_contents`, or nothing (the rules' output) if the tagger fails:
    one article's problem must not stop the others.
    """
    try:
        return tagged_contents(doc, tagger)
    except Exception:
        LOG.exception("the content tagger failed; this article keeps the rules' contents")
        return []


def _agree_with_tagger(doc: Doc, attributions: list[_Attribution], tagged: list[tuple[int, int]]) -> list[_Attribution]:
    """Drop reported speech the tagger marks no word of, and move the edges of reported
    contents to those of the tagged content they share most with (Jaccard at least
    :data:`_TAGGER_EDGE_AGREEMENT`) when the move keeps the content well formed
    (:func:`_tagged_edges_fit`); quotations keep the edges of their marks.
    """
    text = doc_text(doc)
    cues = [a.cue for a in attributions if a.cue is not None]
    kept = []
    for attribution in attributions:
        span = edge_trimmed(text, attribution.start, attribution.end)
        best = max(tagged, key=lambda other: span_jaccard(span, other))
        overlap = span_jaccard(span, best)
        if overlap == 0 and attribution.kind == "indirect" and not attribution.quotations:
            continue
        if (
            overlap >= _TAGGER_EDGE_AGREEMENT
            and attribution.kind in _TAGGER_EDGE_KINDS
            and _tagged_edges_fit(doc, attribution, span, best, cues)
        ):
            attribution.start, attribution.end = best[0], _closed(text, *best)
        kept.append(attribution)
    return kept


def _tagged_edges_fit(
    doc: Doc, attribution: _Attribution, span: tuple[int, int], tagged: tuple[int, int], cues: list[tuple[int, int]]
) -> bool:
    """Return True when a reported content may take the edges of a tagged content: not a
    headline or transcript turn (the tagger learned from article bodies); within the
    content's sentences; no new line break; no cue (of any statement: "ordered X and warned
    against Y") or own source inside that was not inside before, and none cut in two; its
    quotations whole and its quotation marks as balanced as before; not ending on a function
    word ("a lead among").
    """
    if attribution.headline or attribution.transcript:
        return False
    text = doc_text(doc)
    first = doc.char_span(span[0], span[1], alignment_mode="expand")
    moved = doc.char_span(tagged[0], tagged[1], alignment_mode="expand")
    if first is None or moved is None:
        return False
    if not (first[0].sent.start_char <= tagged[0] and tagged[1] <= first[-1].sent.end_char):
        return False
    if "\n" in text[tagged[0] : tagged[1]] and "\n" not in text[span[0] : span[1]]:
        return False
    taken = list(cues)
    if attribution.source is not None:
        taken.append((attribution.source.start_char, attribution.source.end_char))
    for start, end in taken:
        gained = _overlaps(start, end, *tagged) and not _overlaps(start, end, *span)
        if gained or start < tagged[0] < end or start < tagged[1] < end:
            return False
    if not all(tagged[0] <= q.start and q.end <= tagged[1] for q in attribution.quotations):
        return False
    if _marks_balanced(text[span[0] : span[1]]) and not _marks_balanced(text[tagged[0] : _closed(text, *tagged)]):
        return False
    return moved[-1].pos_ not in _DANGLING_POS


def _closed(text: str, start: int, end: int) -> int:
    """Return ``end``, or one past a closing mark right after it that the content opens
    (tagged edges are trimmed of marks: "being “unbelievably dishonest" takes its ”).
    """
    inside = text[start:end]
    if end < len(text) and text[end] == "\u201d" and inside.count("\u201c") > inside.count("\u201d"):
        return end + 1
    if end < len(text) and text[end] == '"' and inside.count('"') % 2 == 1:
        return end + 1
    return end


def _marks_balanced(text: str) -> bool:
    """Return True when every curly double quotation mark opened in ``text`` is closed there
    and straight double marks come in pairs.
    """
    return text.count("\u201c") == text.count("\u201d") and text.count('"') % 2 == 0


def _kept_attributions(
    doc: Doc, tagged: list[tuple[int, int]] = ()
) -> tuple[list[_Attribution], list[tuple[int, int]], list[tuple[int, int]]]:
    """Return the attributions the learned attribution filter keeps, with the rules' edges,
    their cues, and the spans inside the article's quotation marks (which no content edge
    may cut: a content holds a quotation whole or not at all). ``tagged`` are the contents
    the content tagger marks, which confirm less likely learned candidates.
    """
    attributions, quotations = _attributions(doc, tagged)
    kept = [
        a
        for a in attributions
        if a.filtered or a.quotations or attribution_probability(attribution_features(doc, a)) >= ATTRIBUTION_THRESHOLD
    ]
    return kept, [a.cue for a in kept if a.cue is not None], [(q.start, q.end) for q in quotations]


def _refinable(attribution: _Attribution) -> bool:
    """Return True for a content whose edges the boundary model may move: reported speech,
    with or without partial quotes, but not a transcript turn or a headline "Name: ...",
    whose statement is everything after the label.
    """
    return not (attribution.transcript or attribution.headline) and attribution.kind in _REFINED_KINDS


def _moves_end(attribution: _Attribution) -> bool:
    """Return True when the boundary model may move the content's end: reported speech
    without quotation marks (a quote's end is its closing mark, which the rules find).
    """
    return attribution.kind == "indirect"


def boundary_items(doc: Doc) -> list[tuple[int, int, str, tuple[int, int] | None, list, list, bool]]:
    """Return (start, end, kind, cue, quotation spans, all cues, whether the end may move) of
    the contents the boundary model may move, with the rules' edges; used by
    ``benchmarks/quotes_train_bounds.py``.
    """
    attributions, cues, protected = _kept_attributions(doc)
    return [(a.start, a.end, a.kind, a.cue, protected, cues, _moves_end(a)) for a in attributions if _refinable(a)]


def rule_attributions(doc: Doc) -> list[tuple[int, int, tuple[int, int] | None, list[str]]]:
    """Return (start, end, cue, features) of the attributions found by the rules (before the
    learned attribution filter), leaving out those holding quotation marks, which the filter
    never drops; used by ``benchmarks/quotes_train_attribution_filter.py``.
    """
    return [
        (a.start, a.end, a.cue, attribution_features(doc, a))
        for a in _attributions(doc)[0]
        if not a.filtered and not a.quotations
    ]


def _length_bucket(words: int) -> str:
    """Return a coarse length class of a content."""
    return "1" if words <= 1 else "2-3" if words <= 3 else "4-8" if words <= 8 else "9-20" if words <= 20 else "21+"


def attribution_features(doc: Doc, attribution: _Attribution) -> list[str]:
    """Return the binary features of an attribution for the learned attribution filter:
    its kind, cue word and syntax, source type, content length and first word.
    """
    text = doc_text(doc)
    content = text[attribution.start : attribution.end]
    words = content.split()
    first = words[0].lower().strip("\"“‘'") if words else "<none>"
    kind = attribution.kind
    question = content.rstrip(_CLOSING_MARKS).endswith("?")
    line_end = text.find("\n")
    headline = line_end < 0 or attribution.start < line_end
    features = [
        "bias",
        f"kind={kind}",
        f"quotations={min(len(attribution.quotations), 3)}",
        f"length={_length_bucket(len(words))}",
        f"kind+length={kind}|{_length_bucket(len(words))}",
        f"first={first}",
        f"kind+first={kind}|{first}",
        f"question={question}",
        f"headline={headline}",
    ]
    source = attribution.source
    features.append(f"source={source_type(source)}")
    if attribution.cue is None:
        return features + ["cue=<none>", f"cue+kind=<none>|{kind}"]
    cue_text = text[attribution.cue[0] : attribution.cue[1]]
    position = (
        "before"
        if attribution.cue[1] <= attribution.start
        else "after"
        if attribution.cue[0] >= attribution.end
        else "inside"
    )
    features += [f"position={position}", f"kind+position={kind}|{position}"]
    if attribution.cue[0] >= attribution.cue[1]:  # an empty or inverted cue span carries no syntax
        return features + [f"cue={cue_text.strip().lower()[:20]}"]
    span = doc.char_span(attribution.cue[0], attribution.cue[1], alignment_mode="expand")
    if span is None or len(span) == 0 or cue_text == ":":
        return features + [f"cue={cue_text.strip().lower()[:20]}"]
    root = span.root
    lemma = root.lemma_.lower()
    modal = any(c.tag_ == "MD" for c in root.children)
    marks = sorted({c.lower_ for c in root.children if c.dep_ == "mark"})
    features += [
        f"lemma={lemma}",
        f"lemma+kind={lemma}|{kind}",
        f"lemma+position={lemma}|{position}",
        f"lemma+source={lemma}|{source_type(source)}",
        f"pos={root.pos_}",
        f"tag={root.tag_}",
        f"dep={root.dep_}",
        f"lemma+dep={lemma}|{root.dep_}",
        f"head_dep={root.head.dep_ if root.dep_ != 'ROOT' else '-'}",
        f"modal={modal}",
        f"lemma+modal={lemma}|{modal}",
        f"mark={'+'.join(marks)}",
        f"negated={any(c.dep_ == 'neg' for c in root.children)}",
        f"cue_words={min(len(span), 4)}",
        f"listed={lemma in reporting_verbs()}",
    ]
    return features


def _join_continuations(text: str, attributions: list[_Attribution]) -> list[_Attribution]:
    """Join a quotation to the quote it continues, as one attribution (PolNeAR convention).

    ``“A,” he said, “B.”`` is one quote with two quotation marks pairs, and so is a cue-less
    quotation that directly follows an attributed statement ending a sentence
    (``“A,” Barkley said. “B.”``; ``..., he said that A.\n\n“B.”``).
    """
    joined: list[_Attribution] = []
    for attribution in attributions:
        if (attribution.kind == "direct" or attribution.lead) and attribution.quotations and joined:
            candidates = [joined[-1], _quote_before_aside(joined, attribution.quotations[0].open_start)]
            previous = next((c for c in candidates if c is not None and _continues(text, c, attribution)), None)
            if previous is not None:
                previous.end = max(previous.end, attribution.end)
                previous.quotations = previous.quotations + attribution.quotations
                continue
        joined.append(attribution)
    return joined


def _continues(text: str, previous: _Attribution, attribution: _Attribution) -> bool:
    """Whether the quotation of ``attribution`` (a direct quote, or a mixed one led by its
    cue's complement) continues the earlier ``previous`` quote.
    """
    if previous.source is None:
        return False
    quotation = attribution.quotations[0]
    previous_end = previous.quotations[-1].close_end if previous.quotations else previous.end
    previous_end = max(previous_end, previous.end)
    gap = text[previous_end : quotation.open_start]
    same_cue = attribution.cue is not None and attribution.cue == previous.cue
    sentence_ended = text[max(0, previous_end - 2) : previous_end].rstrip("”\"’' ")[-1:] in (".", "!", "?")
    follows = not gap.strip() and sentence_ended and attribution.source is None
    cue_in_gap = previous.cue is not None and previous_end <= previous.cue[0] < quotation.open_start
    own_cue_in_gap = attribution.cue is None or previous_end <= attribution.cue[0] < quotation.open_start
    same_source = attribution.source is not None and (
        attribution.source.start_char,
        attribution.source.end_char,
    ) == (previous.source.start_char, previous.source.end_char)
    # “A,” Trump said, adding, “B.” is two statements (PolNeAR: 8 of 8 on train): a second cue
    # of the same speaker right before the quotation makes it that cue's content.
    second_cue = attribution.cue is not None and previous.cue is not None and attribution.cue[0] > previous.cue[1]
    around = (
        (same_cue or (cue_in_gap and own_cue_in_gap and same_source and not second_cue))
        and "\n" not in gap
        and len(gap) < 250
    )
    after_cue = (
        attribution.source is None
        and "\n" not in gap
        and len(gap) < 250
        and previous.cue is not None
        and previous_end <= previous.cue[0] < quotation.open_start
        and gap.rstrip()[-1:] in (".", ",", ":")
    )
    return follows or around or after_cue


def _quote_before_aside(joined: list[_Attribution], open_start: int) -> _Attribution | None:
    """Return the quoted attribution before an aside that a quotation may continue, or None.

    In ``“A,” said X, who has backed Y. “B.”`` the attribution of "has backed" sits in the
    words between the two quotations; it is an aside, and "B" continues "A".
    """
    if len(joined) < 2:
        return None
    before, aside = joined[-2], joined[-1]
    if aside.quotations or not before.quotations or before.cue is None or aside.cue is None:
        return None
    before_end = max(before.quotations[-1].close_end, before.end)
    between = before_end <= aside.start and aside.end <= open_start and before.cue[0] < aside.cue[0]
    return before if between else None


def _resolve(doc: Doc, attributions: list[_Attribution]) -> list[Quote]:
    """Resolve speakers in text order; floating quotes inherit the neighbouring speaker."""
    resolver = SpeakerResolver(doc)
    text = doc_text(doc)
    resolved: list[tuple[_Attribution, str | None, str | None, Span | None]] = []
    previous: tuple[str | None, str | None, Span | None] = (None, None, None)
    for attribution in attributions:
        if attribution.source is not None:
            speaker, kind = resolver.resolve(attribution.source, previous[0] if previous[1] == "person" else None)
            previous = (speaker, kind, attribution.source)
            resolved.append((attribution, speaker, kind, attribution.source))
        else:
            resolved.append((attribution, None, None, None))
    # Floating quotes: the attributed quote just before (within _FLOATING_REACH characters),
    # else the person named just before, else the next attributed quote of the paragraph.
    for index, (attribution, _speaker, _kind, mention) in enumerate(resolved):
        if mention is not None or attribution.kind != "direct":
            continue
        neighbour = next((r for r in reversed(resolved[:index]) if r[3] is not None), None)
        if neighbour is not None and attribution.start - neighbour[0].end > _FLOATING_REACH:
            neighbour = None
        if neighbour is None and resolver.people.mention_before(attribution.start) is None:
            following = next((r for r in resolved[index + 1 :] if r[3] is not None), None)
            if following is not None and "\n\n" not in text[attribution.end : following[0].start]:
                neighbour = following
        if neighbour is not None:
            resolved[index] = (attribution, neighbour[1], neighbour[2], neighbour[3])
            continue
        mention = resolver.people.mention_before(attribution.start)
        if mention is not None:
            span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
            resolved[index] = (attribution, mention[2], "person", span)
    quotes = []
    for attribution, speaker, kind, mention in resolved:
        start, end = attribution.start, attribution.end
        if attribution.kind != "direct":
            start, end = trim_span(text, start, end)
        if start >= end:
            continue
        quotes.append(
            Quote(
                kind=attribution.kind,
                start=start,
                end=end,
                text=text[start:end],
                speaker=speaker,
                speaker_start=mention.start_char if mention is not None else None,
                speaker_end=mention.end_char if mention is not None else None,
                cue_start=attribution.cue[0] if attribution.cue else None,
                cue_end=attribution.cue[1] if attribution.cue else None,
                speaker_kind=kind,
            )
        )
    return quotes
