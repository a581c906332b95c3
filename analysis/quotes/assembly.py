"""Assembly: the attributions of an article, merged, de-duplicated, joined, and made quotes.

:func:`find_attributions` runs every finder (reported speech, headlines and transcript turns,
quotations) in order, keeps each parsed content in its paragraph and before a conjoined
attribution, makes a quotation right after a cue that cue's content, widens contents to the
quotations they touch, drops contents inside others, adds the quotations no content holds,
and joins a quotation to the quote it continues (``“A,” he said, “B.”``,
:mod:`analysis.quotes.joins`).
:func:`kept_attributions` applies the learned attribution filter; :func:`resolved_quotes`
resolves speakers in text order (floating quotations inherit a neighbour's) and returns the
final :class:`analysis.records.Quote` records.
"""

from __future__ import annotations

import bisect
from typing import NamedTuple

from spacy.tokens import Doc, Span

from analysis.budget import check_budget
from analysis.quotes.antecedents import pronouns
from analysis.quotes.attribution import Attribution, CharSpan
from analysis.quotes.direct import clause_lead, cue_verbs, merge_quotations, sentence_cue
from analysis.quotes.filters import ATTRIBUTION_THRESHOLD, attribution_features, attribution_probability
from analysis.quotes.framing import cut_at_datelines, interview_turns, skip_datelines, title_attributions
from analysis.quotes.headlines import headline_attributions
from analysis.quotes.joins import join_continuations
from analysis.quotes.lexicon import evidence_nouns
from analysis.quotes.marks import Quotation, find_quotations, line_paragraph_bounds
from analysis.quotes.quoted_speech import is_floating_statement, is_title, is_title_only
from analysis.quotes.reported import is_listed_cue, reported_attributions
from analysis.quotes.source_names import after_subheading, after_time_stamp, quoted_by_document
from analysis.quotes.speakers import SpeakerResolver
from analysis.quotes.syntax import doc_text, trim_span
from analysis.records import Quote

#: How far back (characters) a floating quotation looks for the quote it continues.
_FLOATING_REACH = 1500


class FoundAttributions(NamedTuple):
    """The attributions of an article before the attribution filter, and its quotations."""

    attributions: list[Attribution]
    quotations: list[Quotation]


class KeptAttributions(NamedTuple):
    """The attributions the attribution filter keeps, with what the boundary model needs.

    Attributes:
        attributions: The kept attributions, with the rules' edges.
        cues: Their cue spans.
        protected: The spans inside the article's quotation marks, which no content edge may
            cut (a content holds a quotation whole or not at all).
    """

    attributions: list[Attribution]
    cues: list[CharSpan]
    protected: list[CharSpan]


class _Speaker(NamedTuple):
    """An attribution with its resolved speaker (canonical name, kind, local mention, and the
    description of an unnamed source).
    """

    attribution: Attribution
    speaker: str | None
    kind: str | None
    mention: Span | None
    description: str | None = None


def find_attributions(doc: Doc, tagged: list[CharSpan] = ()) -> FoundAttributions:
    """Return the attributions of a parsed article (rules and learned candidates), joined
    across their quotations and sorted by start, before the attribution filter, and the
    article's quotations.
    """
    text = doc_text(doc)
    quotations = [q for q in find_quotations(text) if not _is_quoted_cue(doc, q)]
    attributions = [
        a for a in reported_attributions(doc, tagged) if a.cue is None or not _inside_quotation(a.cue[0], quotations)
    ]
    _clip_to_paragraph(text, attributions)
    skip_datelines(text, attributions)
    listed = [a for a in attributions if not a.filtered]
    attributions = listed + [  # a filtered cue inside a listed content is part of that speech
        a for a in attributions if a.filtered and not any(o.start <= a.cue[0] < o.end for o in listed)
    ]
    attributions = [a for a in attributions if not (a.filtered and is_title_only(text, a, quotations))]
    attributions += headline_attributions(doc, quotations) + title_attributions(doc)
    cut_at_datelines(text, attributions)
    turns = interview_turns(doc)
    if turns:  # an answer holds what was said inside it
        attributions = [a for a in attributions if not any(t.start <= a.start and a.end <= t.end for t in turns)]
        attributions += [t for t in turns if not any((a.start, a.end) == (t.start, t.end) for a in attributions)]
    _prefer_adjacent_quotations(text, attributions, quotations)
    _cut_at_conjoined_attributions(doc, attributions)
    for attribution in attributions:
        if not attribution.transcript:
            merge_quotations(text, attribution, quotations)
    attributions = _dedupe(text, attributions)
    covered = [(a.start, a.end) for a in attributions]
    turns = [a.cue[0] for a in attributions if a.transcript]
    verbs = cue_verbs(doc, quotations)
    for quotation in quotations:
        check_budget()
        if any(s <= quotation.start and quotation.end <= e for s, e in covered):
            continue
        if any(quotation.start <= turn < quotation.end for turn in turns):
            continue  # a quotation mark opening a transcript turn does not make it one quote
        if is_title(text, quotation):
            continue
        source, cue = sentence_cue(doc, quotation, quotations, verbs)
        if source is None and not is_floating_statement(text, quotation):
            continue
        lead = clause_lead(doc, cue, quotation) if cue is not None else None
        if lead is None:
            attribution = Attribution(
                quotation.start, quotation.end, source, cue, kind="direct", quotations=[quotation]
            )
        else:
            attribution = Attribution(
                lead, quotation.close_end, source, cue, kind="mixed", quotations=[quotation], lead=True
            )
        attributions.append(attribution)
    attributions.sort(key=lambda a: a.start)
    return FoundAttributions(join_continuations(doc, attributions), quotations)


def kept_attributions(doc: Doc, tagged: list[CharSpan] = ()) -> KeptAttributions:
    """Return the attributions the learned attribution filter keeps, with the rules' edges,
    their cues, and the spans inside the article's quotation marks. ``tagged`` are the
    contents the content tagger marks, which confirm less likely learned candidates.
    """
    attributions, quotations = find_attributions(doc, tagged)
    kept = [
        a
        for a in attributions
        if a.filtered or a.quotations or attribution_probability(attribution_features(doc, a)) >= ATTRIBUTION_THRESHOLD
    ]
    return KeptAttributions(kept, [a.cue for a in kept if a.cue is not None], [(q.start, q.end) for q in quotations])


def _clip_to_paragraph(text: str, attributions: list[Attribution]) -> None:
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


def _prefer_adjacent_quotations(text: str, attributions: list[Attribution], quotations: list[Quotation]) -> None:
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


def _cut_at_conjoined_attributions(doc: Doc, attributions: list[Attribution]) -> None:
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
                    attribution.conjoined = joiner in (" and", " but")  # a second verb of the source
                    break


def _is_quoted_cue(doc: Doc, quotation: Quotation) -> bool:
    """Return True for a reporting verb alone between quotation marks (“Hello,” he 'said'):
    the writer's scare quotes on the cue, not a quotation.
    """
    span = doc.char_span(quotation.start, quotation.end)
    return span is not None and len(span) == 1 and span[0].pos_ in ("VERB", "AUX") and is_listed_cue(span[0])


def _is_plural(source: Span | None) -> bool | None:
    """Return whether a source phrase is plural ("Police", "they"), None without one."""
    if source is None or len(source) == 0:
        return None
    root = source.root
    return root.tag_ in ("NNS", "NNPS") or root.lower_ in pronouns()["plural"] | {"we", "us"}


def _is_source_label(label: Span | None) -> bool:
    """Whether an unresolved headline label still names a source: a poll ("Poll: ..."), or a
    word the article also uses as a name mid-sentence ("Politifact: ...").
    """
    if label is None or not len(label):
        return False
    if label.root.lemma_.lower() in evidence_nouns():
        return True
    words = {t.text for t in label if t.is_title or t.is_upper}
    return any(t.text in words and not t.is_sent_start and t.i not in range(label.start, label.end)
               for t in label.doc)


def _is_relative(mention: Span | None) -> bool:
    """Whether a source is the relative pronoun "which" (a thing, not a person)."""
    return mention is not None and len(mention) == 1 and mention[0].lower_ == "which"


def _inside_quotation(offset: int, quotations: list[Quotation]) -> bool:
    """Return True when ``offset`` lies between the marks of a quotation (speech in speech)."""
    return any(q.start <= offset < q.end for q in quotations)


def _before_colon(text: str, attribution: Attribution) -> bool:
    """Whether a reported content ends before its source with a colon between them: what comes
    before a colon is not what the subject after it says ("21 November 2013: Ukraine announces
    ..., sparking protests 17 December: Russia agrees to buy ...", "... are under way: the Senate
    last week agreed ...").
    """
    source = attribution.source
    return (attribution.kind != "direct" and source is not None and attribution.end <= source.start_char
            and ":" in text[attribution.end : source.start_char])


def _dedupe(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """Drop attributions whose content lies inside another (keep the outermost); a trailing
    comma or space left on the inner content does not make it stick out.
    """
    ordered = sorted(attributions, key=lambda a: (a.start, -a.end))
    kept: list[Attribution] = []
    for attribution in ordered:
        end = attribution.start + len(text[attribution.start : attribution.end].rstrip(" \n,;:"))
        if kept and attribution.start >= kept[-1].start and end <= kept[-1].end:
            continue
        kept.append(attribution)
    return kept


def resolved_quotes(doc: Doc, attributions: list[Attribution]) -> list[Quote]:
    """Return the final quotes of an article's attributions: speakers resolved in text order
    (floating quotes inherit the neighbouring speaker), reported contents trimmed, empty ones
    left out.
    """
    resolver = SpeakerResolver(doc)
    text = doc_text(doc)
    attributions = [a for a in attributions if not _before_colon(text, a)]
    resolved: list[_Speaker] = []
    previous_speaker, previous_kind, previous_unnamed, previous_at = None, None, None, None
    for attribution in attributions:
        if attribution.source is not None:
            # "No Invasion Before Talks Experts said", "14:24 - US Defense Secretary Chuck Hagel said"
            attribution.source = after_time_stamp(after_subheading(attribution.source))
            preferred = previous_speaker if previous_kind == "person" else None
            organization = (previous_speaker, previous_at) if previous_kind == "organization" else None
            found = resolver.resolve_source(
                attribution.source, preferred, (attribution.start, attribution.end), previous_unnamed,
                previous_at if preferred else None, organization,
            )
            speaker, kind, description = found
            previous_speaker, previous_kind, previous_at = speaker, kind, attribution.source.end_char
            # "A spokesman said ... He added": the unnamed source a later pronoun may mean
            previous_unnamed = resolver.unnamed_source(attribution.source, found, previous_unnamed)
            resolved.append(_Speaker(attribution, speaker, kind, attribution.source, description))
        else:
            resolved.append(_Speaker(attribution, None, None, None))
    # Floating quotes: the attributed quote just before (within _FLOATING_REACH characters),
    # else the person named just before, else the next attributed quote of the paragraph.
    for index, (attribution, _speaker, _kind, mention, _description) in enumerate(resolved):
        if mention is not None or attribution.kind != "direct" or quoted_by_document(doc, attribution.start):
            continue
        neighbour = next((r for r in reversed(resolved[:index]) if r.mention is not None), None)
        if neighbour is not None and attribution.start - neighbour.attribution.end > _FLOATING_REACH:
            neighbour = None
        if neighbour is None and resolver.people.mention_before(attribution.start) is None:
            following = next((r for r in resolved[index + 1 :] if r.mention is not None), None)
            if following is not None and "\n\n" not in text[attribution.end : following.attribution.start]:
                neighbour = following
        if neighbour is not None:
            resolved[index] = neighbour._replace(attribution=attribution)
            continue
        mention = resolver.people.mention_before(attribution.start)
        if mention is not None:
            span = doc.char_span(mention[0], mention[1], alignment_mode="expand")
            resolved[index] = _Speaker(attribution, mention[2], "person", span)
    quotes = []
    for attribution, speaker, kind, mention, description in resolved:
        start, end = attribution.start, attribution.end
        if attribution.kind != "direct":
            start, end = trim_span(text, start, end)
        if start >= end or (attribution.headline and speaker is None and not _is_source_label(mention)):
            continue  # a headline label that names nobody ("Ukraine crisis: ...", "Video: ...")
        if attribution.filtered and not attribution.quotations and _is_relative(mention):
            continue  # "the movement, which seeks to impose ...": an act in a relative clause, no speech
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
                speaker_description=description if speaker is None else None,
            )
        )
    return quotes
