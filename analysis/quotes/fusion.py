"""Tagger fusion: the content tagger's second opinion on the rules' contents.

The content tagger (:mod:`analysis.quotes.tagger`) marks contents word by word.
:func:`tagged_contents` gives its spans for one article; :func:`tag_ahead` runs it in a
background thread ahead of the caller (onnxruntime releases the interpreter lock, so spaCy
parses the next articles meanwhile). :func:`agree_with_tagger` drops reported speech the
tagger marks no word of and moves reported contents to the edges of the tagged content they
share most with, when the move keeps the content well formed; :func:`tagged_only` adds the
long tagged contents no rule found.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from spacy.tokens import Doc

from analysis.quotes.attribution import Attribution, CharSpan
from analysis.quotes.syntax import cue_char_span, doc_text, edge_trimmed, overlaps, source_of, span_jaccard
from analysis.quotes.tagger import ContentTagger, load_tagger

_Context = TypeVar("_Context")
LOG = logging.getLogger(__name__)

#: A reported content takes the edges of the tagged content it shares at least this much with.
_TAGGER_EDGE_AGREEMENT = 0.3
#: The kinds of content that may take the tagged edges (a quotation keeps its marks).
_TAGGER_EDGE_KINDS = frozenset({"indirect", "mixed"})
#: Tagged contents no rule found are kept from this many words on (on PolNeAR dev, 8 and more
#: words match a gold content 47% of the time, shorter ones 8-33%).
_TAGGED_ONLY_WORDS = 8
#: Parts of speech a content does not end on (an edge there cuts a phrase in two).
_DANGLING_POS = frozenset({"ADP", "DET", "CCONJ", "SCONJ"})


def tagged_contents(doc: Doc, tagger: ContentTagger | None = None) -> list[CharSpan]:
    """Return the contents the content tagger marks in ``doc`` (trimmed character spans;
    empty when the tagger is off or not shipped).

    Args:
        doc: The parsed article.
        tagger: The tagger (:func:`analysis.quotes.tagger.load_tagger`); None tags nothing.
    """
    if tagger is None:
        return []
    text = doc_text(doc)
    return [span for span in (edge_trimmed(text, *found) for found in tagger.content_spans(doc)) if span[0] < span[1]]


def tag_ahead(
    pairs: Iterable[tuple[Doc, _Context]], lookahead: int = 32, enabled: bool = False
) -> Iterator[tuple[Doc, _Context, list[CharSpan]]]:
    """Yield ``(doc, context, tagged contents)`` for each pair, in order, with the content
    tagger working in a background thread up to ``lookahead`` documents ahead of the caller.

    The tagger spends its time in onnxruntime, which releases the interpreter lock, so on
    two cores spaCy can parse the next documents (when ``pairs`` comes from ``nlp.pipe``)
    while the tagger reads the last ones. The contents are empty when the tagger is off
    (``enabled`` False, the default) or not shipped.
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


def _tagged_or_nothing(doc: Doc, tagger: ContentTagger) -> list[CharSpan]:
    """Return :func:`tagged_contents`, or nothing (the rules' output) if the tagger fails:
    one article's problem must not stop the others.
    """
    try:
        return tagged_contents(doc, tagger)
    except Exception:
        LOG.exception("the content tagger failed; this article keeps the rules' contents")
        return []


def agree_with_tagger(doc: Doc, attributions: list[Attribution], tagged: list[CharSpan]) -> list[Attribution]:
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
    doc: Doc, attribution: Attribution, span: CharSpan, tagged: CharSpan, cues: list[CharSpan]
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
        gained = overlaps(start, end, *tagged) and not overlaps(start, end, *span)
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


def tagged_only(doc: Doc, attributions: list[Attribution], tagged: list[CharSpan]) -> list[Attribution]:
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
        found.append(Attribution(start, end, source, cue))
        taken.append((start, end))
    return found
