"""What the trainers of the learned models read: the rules' contents with their features.

The scripts under ``training/`` that fit the candidate filter, the attribution filter and the
boundary model (:mod:`analysis.quotes.filters`, :mod:`analysis.quotes.bounds`) call these on
the parsed PolNeAR train texts; the analysis itself never does.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc

from analysis.quotes.assembly import find_attributions, kept_attributions
from analysis.quotes.attribution import CharSpan
from analysis.quotes.bounds import moves_end, refinable
from analysis.quotes.candidates import noun_candidates, verb_candidates
from analysis.quotes.filters import attribution_features
from analysis.quotes.lexicon import speech_nouns
from analysis.quotes.reported import is_listed_cue, listed_content, noun_cue_attribution


class FilterExample(NamedTuple):
    """A content offered to a learned filter, with its binary features.

    Attributes:
        start: Where the content starts (character offset).
        end: Where the content ends.
        cue: The cue's character span, if any.
        features: The features the filter scores.
    """

    start: int
    end: int
    cue: CharSpan | None
    features: list[str]


class BoundaryItem(NamedTuple):
    """A content whose edges the boundary model may move, with what it needs to move them.

    Attributes:
        start: The rules' content start (character offset).
        end: The rules' content end.
        kind: The quote's kind ("indirect" or "mixed").
        cue: The content's own cue span, if any.
        protected: The spans inside the article's quotation marks (no edge cuts one).
        cues: The cue spans of all the article's kept attributions.
        move_end: Whether the end may move (not for a content ending with its quotation mark).
    """

    start: int
    end: int
    kind: str
    cue: CharSpan | None
    protected: list[CharSpan]
    cues: list[CharSpan]
    move_end: bool


def candidate_attributions(doc: Doc) -> list[FilterExample]:
    """Return every verb or noun candidate the candidate filter decides on, unfiltered (the
    contents of listed cues whose rules found something are not candidates).

    Used to train the candidate filter.
    """
    found = []
    for token in doc:
        if token.pos_ == "NOUN":
            if token.lemma_.lower() not in speech_nouns() or noun_cue_attribution(token) is None:
                found.extend(FilterExample(c.start, c.end, c.cue, c.features) for c in noun_candidates(token))
            continue
        if token.pos_ not in ("VERB", "AUX"):
            continue
        listed = is_listed_cue(token)
        if listed and listed_content(token) is not None:
            continue
        if not listed and token.pos_ != "VERB":
            continue
        found.extend(FilterExample(c.start, c.end, c.cue, c.features) for c in verb_candidates(token, listed))
    return found


def rule_attributions(doc: Doc) -> list[FilterExample]:
    """Return the attributions found by the rules (before the learned attribution filter) with
    their features, leaving out those holding quotation marks, which the filter never drops.

    Used to train the attribution filter.
    """
    return [
        FilterExample(a.start, a.end, a.cue, attribution_features(doc, a))
        for a in find_attributions(doc).attributions
        if not a.filtered and not a.quotations
    ]


def boundary_items(doc: Doc) -> list[BoundaryItem]:
    """Return the contents the boundary model may move, with the rules' edges (after the
    attribution filter, as :func:`analysis.quotes.extract.extract_quotes` sees them).

    Used to train the boundary model.
    """
    kept = kept_attributions(doc)
    return [
        BoundaryItem(a.start, a.end, a.kind, a.cue, kept.protected, kept.cues, moves_end(a))
        for a in kept.attributions
        if refinable(a)
    ]
