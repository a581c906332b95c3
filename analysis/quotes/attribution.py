"""The attribution the rules build: a content, its source and cue, before speakers are resolved.

Every finder of the package (reported speech, quotations, headlines, learned candidates,
tagged contents) returns :class:`Attribution` records; assembly merges them, the learned
models move their edges, and :mod:`analysis.quotes.assembly` turns them into
:class:`analysis.records.Quote` records. Offsets are character offsets into ``doc.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from analysis.quotes.marks import Quotation

#: A (start, end) character span of the article text.
CharSpan = tuple[int, int]


@dataclass
class Attribution:
    """An attribution found in the parse, before speaker resolution.

    Attributes:
        start: Where the content starts.
        end: Where the content ends.
        source: The local mention of the speaker ("he", "the Kremlin"), if any.
        cue: The cue's character span ("said", "according to", ":"), if any.
        kind: "indirect", "mixed" (with partial quotes) or "direct" (a quotation).
        quotations: The quotations the content holds.
        filtered: Proposed by the learned candidate filter, not by a cue list.
        transcript: A transcript turn "PENCE: ...": its paragraph, whatever marks it holds.
        headline: The headline form "Name: statement": all of the line after the colon.
        lead: A quotation with the words before it in the cue's complement
            (:func:`analysis.quotes.direct.clause_lead`).
        conjoined: The content ends before a conjoined attribution of the same source ("said A
            and warned B"): the boundary model keeps that end.
    """

    start: int
    end: int
    source: Span | None
    cue: CharSpan | None
    kind: str = "indirect"
    quotations: list[Quotation] = field(default_factory=list)
    filtered: bool = False
    transcript: bool = False
    headline: bool = False
    lead: bool = False
    conjoined: bool = False
