"""Quoted words: whether words in quotation marks are speech, a title or a scare quote.

A quotation is speech when it reads like a statement (:func:`is_statement_like`), not a
title ("Meet the Press", :func:`is_title`), a name or a scare quote ("so-called “peace plan”").
:func:`is_floating_statement` tells a cue-less quotation that stands as speech on its own;
:func:`is_partial_quote` and :func:`is_quoted_speech` the partial quotes inside reported speech.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from analysis.quotes.attribution import Attribution
from analysis.quotes.lexicon import describing_verbs, non_quote_cues
from analysis.quotes.marks import Quotation
from analysis.quotes.syntax import doc_text, trim_span

#: Words a Title Case name may hold in lower case ("Meet the Press").
_TITLE_FUNCTION_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "at", "with"})


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
    if is_title(text, quotation):
        return False
    return len(words) >= 4 or (len(words) >= 2 and inner[-1:] in ".!?")


def is_quoted_speech(doc: Doc, quotation: Quotation) -> bool:
    """Return True for a partial quote inside reported speech: speech-like words, four words or
    more after "the" ("the “suburbs of St. Petersburg”", not "the “peace plan”"), or one word a
    describing verb ("call", "describe") governs.
    """
    text = doc_text(doc)
    words = quotation.inner(text).split()
    if is_statement_like(text, quotation) or (len(words) >= 2 and is_partial_quote(text, quotation)):
        return True
    before = text[max(0, quotation.open_start - 12) : quotation.open_start].split()
    if before and before[-1].lower() == "the" and len(words) >= 4 and words[0][:1].islower():
        return not is_title(text, quotation)  # represents the “same rigged system that he ...”
    if len(words) != 1 or not is_partial_quote(text, quotation):
        return False
    span = doc.char_span(quotation.start, quotation.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    return any(t.lemma_.lower() in describing_verbs() for t in span.root.ancestors if t.i < span.start)


def is_floating_statement(text: str, quotation: Quotation) -> bool:
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


def is_title(text: str, quotation: Quotation) -> bool:
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


def is_title_only(text: str, attribution: Attribution, quotations: list[Quotation]) -> bool:
    """Return True when a content is nothing but a title in quotation marks ("read “Dune”")."""
    start, end = trim_span(text, attribution.start, attribution.end)
    return any(
        is_title(text, q)
        and start <= q.open_start + 1
        and q.close_end - 1 <= end
        and end - start <= q.close_end - q.open_start
        for q in quotations
    )


def is_partial_quote(text: str, quotation: Quotation) -> bool:
    """Return True for a partial quote inside reported speech (not a name or title)."""
    before = text[max(0, quotation.open_start - 12) : quotation.open_start].split()
    if before and before[-1].lower().strip(",") in non_quote_cues():
        return False
    words = quotation.inner(text).split()
    return not all(w[:1].isupper() or w.lower() in _TITLE_FUNCTION_WORDS for w in words)
