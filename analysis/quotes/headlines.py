"""Statements introduced by a colon: headlines "Name: ..." and transcript turns "PENCE: ...".

A line that opens with a short name and a colon ("Putin: Russia has no intention ...",
"Clinton to Planned Parenthood: ...") states what that name said, all of the line after the
colon; a transcript turn ("PENCE: Well, look, ...") is the whole paragraph after the upper-case
speaker label. :func:`colon_source` also serves the quotation rules of
:mod:`analysis.quotes.direct` ("Putin: “...”").
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from analysis.quotes.attribution import Attribution
from analysis.quotes.lexicon import is_speaker_noun, word_list
from analysis.quotes.marks import Quotation, paragraph_bounds
from analysis.quotes.syntax import doc_text, trim_span

#: An upper-case speaker label opening a transcript turn ("PENCE: ", "MR. TRUMP: ").
TRANSCRIPT_SPEAKER = re.compile(r"[ \t]*[\"“]?([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})[ \t]*:[ \t]")


def headline_attributions(doc: Doc, quotations: list[Quotation]) -> list[Attribution]:
    """Find the headline form "Name: statement" at the start of a line (without quotation marks)."""
    found = []
    text = doc_text(doc)
    for start, end in paragraph_bounds(text):
        line_end = text.find("\n", start, end)
        line_end = end if line_end < 0 else line_end
        colon = text.find(":", start, min(line_end, start + 40))
        if colon < 0:
            continue
        speaker_label = TRANSCRIPT_SPEAKER.match(text, start)
        if speaker_label is not None:
            # Transcript form "PENCE: Well, look, ..." — the whole paragraph is the speech.
            source = doc.char_span(speaker_label.start(1), speaker_label.end(1), alignment_mode="expand")
            colon = speaker_label.end(1)
            line_end = end
        else:
            source = colon_source(doc, colon)
            if source is None or source.start_char - start > 1:
                source = _headline_lead_source(doc, start, colon)
            if source is None or line_end - start > 250:
                continue
        if source is None or source.text.lower() in word_list("headline_non_sources.txt") or _is_rubric(source):
            continue
        content_start, content_end = trim_span(text, colon + 1, line_end)
        if content_end - content_start < 10 or text[content_start].islower():
            continue
        found.append(
            Attribution(
                content_start,
                content_end,
                source,
                (colon, colon + 1),
                transcript=speaker_label is not None,
                headline=speaker_label is None,
            )
        )
    return found


def _is_rubric(label: Span) -> bool:
    """Whether a headline label is a section of the paper or a story's topic, no speaker:
    "World Trade News: ...", "Ukraine crisis: ..." (a lower-case common noun that names nobody
    who speaks; "Polish PM: ...", "Putin adviser: ..." do).
    """
    last = label[-1]
    if len(label) > 1 and last.text == "News":
        return True
    return last.pos_ == "NOUN" and last.is_lower and not is_speaker_noun(last)


def colon_source(doc: Doc, colon: int) -> Span | None:
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
        return None  # a plain "Name:" is colon_source's
    if any(t.pos_ in ("VERB", "AUX") or t.is_punct for t in rest):
        return None
    return doc[name[0].i : name[-1].i + 1]
