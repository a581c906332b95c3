"""The quote pipeline of one parsed article, from the rules' attributions to final quotes.

:func:`extract_quotes` finds who said what in a parsed article:

1. the attributions of the rules and the learned candidate filter
   (:func:`analysis.quotes.assembly.kept_attributions`): reported speech from the parse
   (:mod:`analysis.quotes.reported`: a cue with its content, its subject as the source,
   "according to X", polls, noun cues, parentheticals), headlines and transcript turns
   (:mod:`analysis.quotes.headlines`), quotations attributed to a cue in their sentence or
   to a neighbouring quote's speaker (:mod:`analysis.quotes.direct`), and the contents of
   verbs and nouns outside the cue lists that the candidate filter keeps
   (:mod:`analysis.quotes.candidates`), less those the attribution filter finds unlikely;
2. the edges of reported contents moved by the boundary model (:mod:`analysis.quotes.bounds`);
3. the content tagger's second opinion, when it is on (:mod:`analysis.quotes.fusion`);
4. speakers resolved to canonical names, as :class:`analysis.records.Quote` records
   (:func:`analysis.quotes.assembly.resolved_quotes`);
5. the words in quotation marks of each quote, its ``segments``
   (:func:`analysis.quotes.direct.with_segments`);
6. the probability that each statement is right and its speaker's, its ``confidence``
   (:mod:`analysis.quotes.confidence`);
7. whether it reports words or only an attitude or act of its source, its ``act``
   (:mod:`analysis.quotes.acts`).

Offsets are character offsets into ``doc.text``. A direct quote's span is the text inside
its quotation marks (from the first quotation to the last when the attribution interrupts
it: ``“A,” he said, “B.”``); reported and mixed quotes span the reported clause ("that ...").
"""
from __future__ import annotations

from spacy.tokens import Doc, Span

from analysis.quotes.acts import with_acts
from analysis.quotes.assembly import kept_attributions, resolved_quotes
from analysis.quotes.bounds import moves_end, refinable, refine_bounds
from analysis.quotes.confidence import with_confidence
from analysis.quotes.direct import with_segments
from analysis.quotes.framing import cut_at_datelines
from analysis.quotes.fusion import agree_with_tagger, tagged_only
from analysis.quotes.syntax import doc_text
from analysis.records import Quote


def extract_quotes(doc: Doc, tagged: list[tuple[int, int]] | None = None) -> list[Quote]:
    """Return the quotes of a parsed article, sorted by start.

    Args:
        doc: A spaCy Doc from :func:`analysis.nlp.load_nlp` over the exact article text.
        tagged: The content tagger's spans for ``doc``
            (:func:`analysis.quotes.fusion.tag_ahead` or :func:`~analysis.quotes.fusion.tagged_contents`);
            None runs the rules alone.

    Returns:
        :class:`analysis.records.Quote` records with content, speaker mention, cue and
        canonical speaker, quoted segments, confidence and act; countries, topics and tone are left empty.
    """
    tagged = tagged or []
    kept = kept_attributions(doc, tagged)
    attributions = kept.attributions
    for attribution in attributions:
        if refinable(attribution):
            attribution.start, attribution.end = refine_bounds(
                doc,
                attribution.start,
                attribution.end,
                attribution.kind,
                attribution.cue,
                kept.protected,
                kept.cues,
                move_end=moves_end(attribution),
                source=_char_span(attribution.source),
            )
    cut_at_datelines(doc_text(doc), attributions)  # the boundary model may have run over one again
    if tagged:
        attributions = agree_with_tagger(doc, attributions, tagged)
        attributions += tagged_only(doc, attributions, tagged)
    # The act first: each act has its own calibration of the confidence.
    return with_confidence(doc, with_acts(doc, with_segments(doc, resolved_quotes(doc, attributions))))


def _char_span(span: Span | None) -> tuple[int, int] | None:
    """The character span of a source, or None."""
    return None if span is None else (span.start_char, span.end_char)
