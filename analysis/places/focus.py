"""What an article and a statement are about, beyond the countries they mention.

An article's **focus** countries rank its country mentions by weight: each mention counts 1,
plus :data:`TITLE_WEIGHT` inside the title (the first line) and :data:`LEAD_WEIGHT` inside the
lead (the first :data:`LEAD_CHARS` characters after the title, where a dateline such as
"MOSCOW (Reuters) -" stands too). Countries within :data:`FOCUS_SHARE` of the best score are the
focus, at most :data:`MAX_FOCUS`. The weights were chosen on how well the body alone predicts the
countries of the headline (``benchmarks/places_focus.py``, ``docs/accuracy_places.md``).

A **statement** is about the countries named in its content, and about a country its cue clause
addresses ("Putin warned Germany that ..."), but not about a city or capital that only says where
something happened ("at a summit in Brussels", "speaking in Kyiv"), nor the speaker's own words
for themselves (the speaker span is left out). The speaker's own country is not added: nothing in
a statement says whether "we" means the speaker's country, party or company.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from analysis.records import EntityMention, Quote

TITLE_WEIGHT = 2.0
LEAD_WEIGHT = 1.0
LEAD_CHARS = 800
FOCUS_SHARE = 0.5
MAX_FOCUS = 3

#: Vias of a mention that name a place rather than a country, a people or a government.
PLACE_VIAS = frozenset({"capital", "city", "state", "county"})
_LOCATIVE = re.compile(r"(?:\b(?:in|at|near|outside|inside|from|to|across|around|visiting|visited)\s+(?:the\s+)?)$",
                       re.IGNORECASE)


def focus_scores(mentions: Iterable[tuple[str, int]], title_end: int, text_length: int) -> list[tuple[str, float]]:
    """Rank countries by focus weight.

    Args:
        mentions: (iso3, start offset) of each country mention of the article.
        title_end: End of the title in the text (0 when the text has no title line).
        text_length: Length of the article text.

    Returns:
        (iso3, score) pairs, best first (ties by first mention).
    """
    scores: dict[str, float] = {}
    lead_end = title_end + LEAD_CHARS
    for iso3, start in mentions:
        weight = 1.0
        if start < title_end:
            weight += TITLE_WEIGHT
        elif start < lead_end:
            weight += LEAD_WEIGHT
        scores[iso3] = scores.get(iso3, 0.0) + weight
    return sorted(scores.items(), key=lambda item: -item[1])


def focus_countries(mentions: Iterable[tuple[str, int]], title_end: int, text_length: int) -> tuple[str, ...]:
    """The focus countries of an article, best first (see the module docstring)."""
    ranked = focus_scores(mentions, title_end, text_length)
    if not ranked:
        return ()
    best = ranked[0][1]
    return tuple(iso3 for iso3, score in ranked[:MAX_FOCUS] if score >= FOCUS_SHARE * best)


def title_end_of(text: str, title: str) -> int:
    """End offset of the title in ``text`` when the text starts with it (else 0)."""
    first_line = text.split("\n", 1)[0]
    if title and text.startswith(title):
        return len(title)
    return len(first_line) if title and first_line.strip() == title.strip() else 0


def article_focus(text: str, title: str, places: Iterable[EntityMention]) -> tuple[str, ...]:
    """The focus countries of an article from its country mentions."""
    mentions = [(m.key, m.start) for m in places if m.kind == "country"]
    return focus_countries(mentions, title_end_of(text, title), len(text))


def _is_locative(text: str, mention: EntityMention) -> bool:
    """Tell whether a city, capital or state only says where ("in Brussels", "at a summit in Kyiv")."""
    return mention.via in PLACE_VIAS and bool(_LOCATIVE.search(text[max(0, mention.start - 20) : mention.start]))


def statement_about(quote: Quote, places: Iterable[EntityMention], text: str) -> tuple[str, ...]:
    """The countries a statement is about, most named first (see the module docstring).

    Args:
        quote: The statement, with its content, cue and speaker spans.
        places: The article's place mentions.
        text: The article text.
    """
    start, end = quote.start, quote.end
    if quote.cue_start is not None and quote.cue_end is not None:
        start, end = min(start, quote.cue_start), max(end, quote.cue_end)
    counts: dict[str, int] = {}
    for place in places:
        if place.kind != "country" or place.start < start or place.end > end:
            continue
        if quote.speaker_start is not None and quote.speaker_end is not None and (
            place.start >= quote.speaker_start and place.end <= quote.speaker_end
        ):
            continue
        if _is_locative(text, place):
            continue
        counts[place.key] = counts.get(place.key, 0) + 1
    return tuple(sorted(counts, key=lambda iso3: -counts[iso3]))
