"""Typed, versioned analysis records with character offsets into the exact article text.

Every record is a frozen dataclass deriving from :class:`Record`, whose one generic
``to_dict``/``from_dict`` pair makes a whole :class:`ArticleAnalysis` survive a JSON round
trip unchanged (tuples become lists and back, nested records become dicts and back). All ``start``/``end``
pairs are half-open character offsets into :attr:`Article.text`.
"""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass, field, fields
from typing import Any, Literal

#: Bump when any analysis output changes; stored records with another version are re-analysed.
ANALYSIS_VERSION = "1.23.0"
#: Statements whose ``confidence`` is at least this are "confident": the brief's default and the
#: app's "confident only" filter. On speakers_dev 79% of them are right (docs/accuracy.md).
CONFIDENT = 0.5
#: Appended to the version of analyses made with the content tagger on.
TAGGER_MARK = "+tagger"
#: Appended to the version of analyses made with the tone towards targets on (``Quote.target_tones``).
TONE_MARK = "+tone"
#: Version suffix of analyses that also file statements under topics by similar meaning.
SIMILAR_MARK = "+similar"
#: Version mark of analyses whose people and organisations come from the spaCy model's own
#: recogniser (``conll_people`` off); the CoNLL-trained recogniser is the default since 1.16.0.
CONLL_MARK = "+modelner"

QuoteKind = Literal["direct", "indirect", "mixed"]
QuoteAct = Literal["speech", "stance"]
EntityKind = Literal["country", "region", "person", "organization"]


def _plain(value: Any) -> Any:
    """A JSON-ready copy of a field value: records as dicts, tuples as lists."""
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _typed(hint: Any, value: Any) -> Any:
    """Inverse of :func:`_plain` for a field annotated ``hint``."""
    if isinstance(hint, type) and issubclass(hint, Record):
        return hint.from_dict(value)
    if typing.get_origin(hint) is tuple:
        item = typing.get_args(hint)[0]
        return tuple(_typed(item, v) for v in value)
    if isinstance(value, dict):
        return dict(value)
    return value


class Record:
    """Generic dict round trip for the record dataclasses below."""

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the fields in declaration order (tuples become lists)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        """Inverse of :meth:`to_dict`; unknown keys are ignored (forward compatible), missing
        ones take their defaults.
        """
        hints = _hints(cls)
        return cls(**{f.name: _typed(hints[f.name], data[f.name]) for f in fields(cls) if f.name in data})


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, globals())


@dataclass(frozen=True)
class Quote(Record):
    """One attributed statement.

    Attributes:
        kind: "direct" (all content inside quotation marks), "indirect" (reported speech,
            no marks) or "mixed" (reported clause containing a partial quote).
        start: Start of the quoted/reported content.
        end: End of the content.
        text: ``article.text[start:end]``.
        speaker: Canonical speaker name ("Vladimir Putin") or None when unknown.
        speaker_start: Start of the local mention the text attributes the quote to
            ("he", "the Russian leader", "Putin"), or None.
        speaker_end: End of that mention, or None.
        cue_start: Start of the reporting verb or phrase ("said", "according to"), or None.
        cue_end: End of the cue, or None.
        countries: ISO 3166-1 alpha-3 codes of countries named in the content.
        topics: Topic ids assigned to the quote.
        tone: VADER compound score of the content, -1 (negative) .. +1 (positive).
        speaker_kind: "person", "organization", "country" or None.
        segments: The (start, end) of the words in quotation marks, in text order: every
            quoted stretch of a direct quote (two for ``“A,” he said, “B.”``, the attribution
            between them left out), the partial quotes of a mixed one; empty for indirect.
        speaker_description: For an unnamed source (``speaker`` None), the words the text
            uses for it ("a spokesman for the ministry", "officials"), else None.
        confidence: The probability that the statement is right and is the speaker's
            (:mod:`analysis.quotes.confidence`), or None without the confidence model.
        about: ISO-3 codes of the countries the statement is about, most named first: those
            its content names and its cue clause addresses, without places that only say where
            ("in Brussels") (:func:`analysis.places.focus.statement_about`); ``countries`` are
            all it mentions.
        target_tones: The tone of the content towards each person and country it names, as
            (kind, key, polarity): kind "person" or "country", key as in
            :class:`EntityMention`, polarity "negative", "neutral" or "positive"
            (:mod:`analysis.tone.statements`); empty when the content names neither.
        act: "speech" when the statement reports words (quoted words, a verb of saying, a
            reported clause) or "stance" when it attributes only an attitude or act ("wants X",
            "signed the treaty", "declined to comment"; :mod:`analysis.quotes.acts`). PolNeAR
            counts both; the who-said-what view shows speech. Records and stores made before
            the field read as "speech".
    """

    kind: QuoteKind
    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    countries: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    tone: float = 0.0
    speaker_kind: str | None = None
    segments: tuple[tuple[int, int], ...] = ()
    speaker_description: str | None = None
    confidence: float | None = None
    about: tuple[str, ...] = ()
    target_tones: tuple[tuple[str, str, str], ...] = ()
    act: QuoteAct = "speech"


#: Between a target's kind, key and polarity, and between targets, in a text cell (CSV exports).
TONE_PART_SEPARATOR, TONE_SEPARATOR = ":", ";"


def target_tones_text(tones: Any) -> str:
    """A statement's ``target_tones`` as one text cell, like the other list columns of a CSV
    export: ``country:RUS:negative;person:Boris Johnson:positive`` (empty when there are none).
    """
    if tones is None or isinstance(tones, (float, str)):  # a missing value, or not a list of targets
        return "" if not isinstance(tones, str) else tones
    return TONE_SEPARATOR.join(TONE_PART_SEPARATOR.join(str(part) for part in tone) for tone in tones)


@dataclass(frozen=True)
class EntityMention(Record):
    """A mention of a country, region/alliance, person or organisation.

    Attributes:
        kind: "country", "region", "person" or "organization".
        key: Canonical key: ISO-3 code for countries, a region id ("NATO", "EU", "WEST"),
            or the canonical name for people and organisations.
        name: Display name ("Germany", "Vladimir Putin").
        start: Start of the evidence span in the article text.
        end: End of the evidence span.
        evidence: The surface text, e.g. "Bundeswehr" for DEU.
        via: How it was resolved: "name", "demonym", "capital", "seat", "institution",
            "city", "ner", "alias".
    """

    kind: EntityKind
    key: str
    name: str
    start: int
    end: int
    evidence: str
    via: str = "name"



@dataclass(frozen=True)
class Keyword(Record):
    """A key phrase of the article, higher score is better."""

    phrase: str
    score: float



@dataclass(frozen=True)
class TopicHit(Record):
    """A topic assigned to a span of text, with the words that triggered it.

    Attributes:
        topic: Topic id from the taxonomy (``analysis/data/rules/topics/topics.json``).
        start: Start of the span the topic was assigned to (sentence or quote).
        end: End of that span.
        evidence: The trigger terms found in the span.
        score: Strength of the assignment (number of weighted trigger hits).
    """

    topic: str
    start: int
    end: int
    evidence: tuple[str, ...] = ()
    score: float = 1.0



@dataclass(frozen=True)
class Article(Record):
    """An input article: exact text plus metadata.

    Attributes:
        id: Stable id (content hash unless given).
        text: Decoded text, ``\\r\\n`` normalised to ``\\n``; all offsets index it.
        source: Path or origin as given.
        title: Title, or the first line when none is given.
        date: ISO date (YYYY-MM-DD) or None.
        outlet: Publisher name or None.
        url: Original URL or None.
    """

    id: str
    text: str
    source: str = ""
    title: str = ""
    date: str | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class ArticleAnalysis(Record):
    """Everything precomputed for one article.

    ``focus`` holds the ISO-3 codes of the countries the article is about, best first
    (:func:`analysis.places.focus.article_focus`; the store derives it again from the mentions).
    """

    article: Article
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    keywords: tuple[Keyword, ...] = ()
    topic_hits: tuple[TopicHit, ...] = ()
    tone: float = 0.0
    version: str = ANALYSIS_VERSION
    meta: dict[str, Any] = field(default_factory=dict)
    focus: tuple[str, ...] = ()
