"""Quotations joined across their attribution: ``“A,” he said, “B.”`` is one quote.

:func:`join_continuations` joins a quotation to the quote it continues (PolNeAR's convention:
one content from the first quoted word to the last, the parts given by ``segments``): around
its cue, after a statement ending a sentence, after an aside on its speaker. A word or two
quoted inside the attribution itself (“A,” said X, who will back a “yes” vote) is neither a
continuation nor a statement.
"""

from __future__ import annotations

from spacy.tokens import Doc

from analysis.quotes.attribution import Attribution
from analysis.quotes.syntax import doc_text


def join_continuations(doc: Doc, attributions: list[Attribution]) -> list[Attribution]:
    """Join a quotation to the quote it continues, as one attribution (PolNeAR convention).

    ``“A,” he said, “B.”`` is one quote with two quotation marks pairs, and so is a cue-less
    quotation that directly follows an attributed statement ending a sentence
    (``“A,” Barkley said. “B.”``; ``..., he said that A.\n\n“B.”``).
    """
    joined: list[Attribution] = []
    for attribution in attributions:
        if (attribution.kind == "direct" or attribution.lead) and attribution.quotations and joined:
            candidates = [joined[-1], _quote_before_aside(joined, attribution.quotations[0].open_start)]
            previous = next((c for c in candidates if c is not None and _continues(doc, c, attribution)), None)
            if previous is not None:
                previous.end = max(previous.end, attribution.end)
                previous.quotations = previous.quotations + attribution.quotations
                continue
            if _scare_quote_in_aside(doc, joined[-1], attribution):
                continue
        joined.append(attribution)
    return joined


def _governed_in_aside(doc: Doc, previous: Attribution, attribution: Attribution) -> bool:
    """Whether a quotation after the attribution that interrupts a quote is a noun phrase of
    that attribution's own words (“A,” said X, a “yes” man; “A!” he cried, prompting shouts of
    “Hurrah!”): the word before its opening mark is a determiner or a preposition.
    """
    if previous.cue is None or not previous.quotations:
        return False
    quotation = attribution.quotations[0]
    if not previous.quotations[-1].close_end <= previous.cue[0] < quotation.open_start:
        return False
    text = doc_text(doc)
    before = doc.char_span(0, len(text[: quotation.open_start].rstrip()), alignment_mode="contract")
    if before is None or not len(before) or "\n" in text[previous.quotations[-1].close_end : quotation.open_start]:
        return False
    word = before[-1]
    return word.tag_ in ("DT", "PRP$") or (word.tag_ == "IN" and word.dep_ == "prep")


def _scare_quote_in_aside(doc: Doc, previous: Attribution, attribution: Attribution) -> bool:
    """Whether a quotation on the cue of the quote before it is a word or two quoted inside
    that quote's attribution: no statement of its own.
    """
    return attribution.cue is not None and attribution.cue == previous.cue and _governed_in_aside(
        doc, previous, attribution)


def _continues(doc: Doc, previous: Attribution, attribution: Attribution) -> bool:
    """Whether the quotation of ``attribution`` (a direct quote, or a mixed one led by its
    cue's complement) continues the earlier ``previous`` quote.
    """
    if previous.source is None:
        return False
    text = doc_text(doc)
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
    # The attribution between two parts of one quotation ends in punctuation (“A,” he said, “B.”);
    # a quotation a word of the aside governs (“A,” he cried, prompting shouts of “Hurrah!”) is another.
    aside_closed = not _governed_in_aside(doc, previous, attribution)
    around = (
        (same_cue or (cue_in_gap and own_cue_in_gap and same_source and not second_cue))
        and "\n" not in gap
        and len(gap) < 250
        and aside_closed
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


def _quote_before_aside(joined: list[Attribution], open_start: int) -> Attribution | None:
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
