"""Typed, versioned analysis records with character offsets into the exact article text.

Every record is a frozen dataclass with ``to_dict``/``from_dict`` so that a whole
:class:`ArticleAnalysis` survives a JSON round trip unchanged. All ``start``/``end``
pairs are half-open character offsets into :attr:`Article.text`.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

#: Bump when any analysis output changes; stored records with another version are re-analysed.
ANALYSIS_VERSION = "1.4.0"

QuoteKind = Literal["direct", "indirect", "mixed"]
EntityKind = Literal["country", "region", "person", "organization"]


def _from_dict(cls, data: dict[str, Any]):
    """Build dataclass ``cls`` from ``data``, ignoring unknown keys (forward compatible)."""
    names = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


@dataclass(frozen=True)
class Quote:
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

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (tuples become lists)."""
        data = asdict(self)
        data["countries"] = list(self.countries)
        data["topics"] = list(self.topics)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        """Inverse of :meth:`to_dict`."""
        data = dict(data)
        data["countries"] = tuple(data.get("countries", ()))
        data["topics"] = tuple(data.get("topics", ()))
        return _from_dict(cls, data)


@dataclass(frozen=True)
class EntityMention:
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

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> EntityMention:
        """Inverse of :meth:`to_dict`."""
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Keyword:
    """A key phrase of the article, higher score is better."""

    phrase: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Keyword:
        """Inverse of :meth:`to_dict`."""
        return _from_dict(cls, data)


@dataclass(frozen=True)
class TopicHit:
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

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        data = asdict(self)
        data["evidence"] = list(self.evidence)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TopicHit:
        """Inverse of :meth:`to_dict`."""
        data = dict(data)
        data["evidence"] = tuple(data.get("evidence", ()))
        return _from_dict(cls, data)


@dataclass(frozen=True)
class Article:
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

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Inverse of :meth:`to_dict`."""
        return _from_dict(cls, data)


@dataclass(frozen=True)
class ArticleAnalysis:
    """Everything precomputed for one article."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    mentions: tuple[EntityMention, ...] = ()
    keywords: tuple[Keyword, ...] = ()
    topic_hits: tuple[TopicHit, ...] = ()
    tone: float = 0.0
    version: str = ANALYSIS_VERSION
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the whole analysis."""
        return {
            "version": self.version,
            "article": self.article.to_dict(),
            "quotes": [q.to_dict() for q in self.quotes],
            "mentions": [m.to_dict() for m in self.mentions],
            "keywords": [k.to_dict() for k in self.keywords],
            "topic_hits": [t.to_dict() for t in self.topic_hits],
            "tone": self.tone,
            "meta": dict(self.meta),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArticleAnalysis:
        """Inverse of :meth:`to_dict`."""
        return cls(
            article=Article.from_dict(data["article"]),
            quotes=tuple(Quote.from_dict(q) for q in data.get("quotes", ())),
            mentions=tuple(EntityMention.from_dict(m) for m in data.get("mentions", ())),
            keywords=tuple(Keyword.from_dict(k) for k in data.get("keywords", ())),
            topic_hits=tuple(TopicHit.from_dict(t) for t in data.get("topic_hits", ())),
            tone=data.get("tone", 0.0),
            version=data.get("version", ANALYSIS_VERSION),
            meta=dict(data.get("meta", {})),
        )
