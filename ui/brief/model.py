"""What a brief holds: its records and its page formats (no streamlit, no pandas here)."""

from __future__ import annotations

from dataclasses import dataclass, field

import plotly.graph_objects as go

from analysis.compare import Distinctive, MeanDifference, ShareDifference

UNKNOWN_SPEAKER = "(unknown speaker)"
#: Order of the long form's charts: key -> title.
CHART_TITLES = {
    "map": "Countries named in statements",
    "countries": "Statements naming each country",
    "topics": "Statements per topic",
    "speakers": "Statements per speaker",
}


@dataclass(frozen=True)
class PageFormat:
    """A printed page of the brief.

    Attributes:
        key: ``a4``, ``slide`` or ``long``.
        label: As the app offers it.
        width_mm: Page width.
        height_mm: Page height.
        one_page: The content is chosen to fit one page (else it flows over as many as it needs).
        quotes_per_speaker: Most statements shown per speaker.
        quote_chars: Longest statement shown whole; longer ones are cut at a word with "…".
        max_speakers: Most speakers shown.
    """

    key: str
    label: str
    width_mm: float
    height_mm: float
    one_page: bool
    quotes_per_speaker: int
    quote_chars: int
    max_speakers: int

    @property
    def size(self) -> str:
        """The paper in words: "A4 portrait, 210 × 297 mm"."""
        name = "A4 portrait" if self.key in ("a4", "long") else "16:9 slide"
        return f"{name}, {self.width_mm:g} × {self.height_mm:g} mm"


FORMATS = {
    "a4": PageFormat("a4", "One page (A4)", 210, 297, True, 3, 220, 5),
    "slide": PageFormat("slide", "One slide (16:9)", 338.7, 190.5, True, 2, 170, 5),
    "long": PageFormat("long", "Long form (everything)", 210, 297, False, 6, 100_000, 10),
}
THEMES = ("light", "dark")


@dataclass(frozen=True)
class BriefQuote:
    """One statement as the brief shows it.

    Attributes:
        quote_id: Store id of the statement.
        text: The quoted or reported words.
        kind: ``direct``, ``indirect`` or ``mixed``.
        speaker_mention: How the text names the speaker ("the Russian president").
        cue: The reporting words ("said", ":").
        before: Context text before the statement (same paragraph, possibly cut with "…").
        after: Context text after the statement.
        countries: Display names of the countries the statement names.
        topics: Display labels of its topics.
        tone: VADER compound, -1 .. +1.
        title: Article title.
        outlet: Outlet name ("" when unknown).
        date: Article date ("" when unknown).
        url: Article URL ("" when unknown).
        segments: The words in quotation marks, as (start, end) within ``text``: a direct
            quote's quoted stretches (the attribution between them left out), a mixed
            one's partial quotes; none for reported speech.
        article_id: Store id of its article.
    """

    quote_id: str
    text: str
    kind: str
    speaker_mention: str
    cue: str
    before: str
    after: str
    countries: tuple[str, ...]
    topics: tuple[str, ...]
    tone: float
    title: str
    outlet: str
    date: str
    url: str
    segments: tuple[tuple[int, int], ...] = ()
    article_id: str = ""


@dataclass(frozen=True)
class SpeakerGroup:
    """The key statements of one canonical speaker.

    Attributes:
        speaker: Canonical name (or :data:`UNKNOWN_SPEAKER`).
        mentions: Every way the text names this speaker.
        total: All statements of this speaker under the filters.
        quotes: The statements shown.
    """

    speaker: str
    mentions: tuple[str, ...]
    total: int
    quotes: tuple[BriefQuote, ...]


@dataclass(frozen=True)
class BriefSource:
    """One article the brief's statements come from."""

    article_id: str
    title: str
    outlet: str
    date: str
    url: str
    statements: int


@dataclass(frozen=True)
class CompareSide:
    """One side of a compared brief: its name and what it holds."""

    label: str
    statements: int
    speakers: int
    articles: int
    tone: float | None


@dataclass(frozen=True)
class BriefComparison:
    """Two selections side by side in the brief (the numbers of :func:`ui.compare.compare`).

    Attributes:
        by: What is compared (``speaker``, ``country``, ``topic``, ``period``).
        value_a: Side A as the URL names it (``a=``).
        value_b: Side B (``b=``).
        a: Side A's name and counts.
        b: Side B's.
        phrases: Key phrases by log-odds z-score, A's most typical first, B's last.
        topics: Topic shares with their difference and 95% interval, largest difference first
            (the compared values themselves left out).
        countries: The same for the countries named.
        tone: Mean tone of A and B and the difference with its 95% interval.
    """

    by: str
    value_a: str
    value_b: str
    a: CompareSide
    b: CompareSide
    phrases: tuple[Distinctive, ...]
    topics: tuple[ShareDifference, ...]
    countries: tuple[ShareDifference, ...]
    tone: MeanDifference


@dataclass(frozen=True)
class Brief:
    """Everything a brief shows, ready to render in the app, as HTML or as PDF.

    Attributes:
        title: Headline of the brief.
        description: The active filters in words ("Statements naming Germany").
        generated: Date the brief was made (ISO).
        statements: Number of statements matching the filters.
        groups: Key quotes grouped by speaker, most statements first.
        countries: (iso3, name, statements) per country, most first.
        topics: (topic id, label, statements) per topic, most first.
        sources: Articles: all of them in the long form (date order), those of the quotes shown
            on one page (in the order the quotes cite them).
        figures: Chart key -> plotly figure; missing when empty. The long form has those of
            :data:`CHART_TITLES`, one page ``map`` and ``chart``.
        omitted: Statements not shown as quotes.
        form: The :data:`FORMATS` key the content was chosen for.
        phrases: Key phrases of the statements, best first.
        articles: Articles the statements come from (also those not listed in ``sources``).
        speakers: Named speakers of the statements.
        provenance: What makes the view reproducible (:func:`ui.layout.view_provenance`): its link,
            the store's content fingerprint, the analysis version and the measured accuracy.
        comparison: Two selections compared (A vs B), when the brief is made from a comparison;
            its statements are then those of A and B together.
    """

    title: str
    description: str
    generated: str
    statements: int
    groups: tuple[SpeakerGroup, ...]
    countries: tuple[tuple[str, str, int], ...]
    topics: tuple[tuple[str, str, int], ...]
    sources: tuple[BriefSource, ...]
    figures: dict[str, go.Figure] = field(default_factory=dict, compare=False)
    omitted: int = 0
    form: str = "long"
    phrases: tuple[str, ...] = ()
    articles: int = 0
    speakers: int = 0
    provenance: str = ""
    comparison: BriefComparison | None = None

    @property
    def page_format(self) -> PageFormat:
        """The :class:`PageFormat` of :attr:`form`."""
        return FORMATS[self.form]
