"""Tone of statements: VADER compound scores, fully offline.

VADER runs through NLTK's :class:`~nltk.sentiment.vader.SentimentIntensityAnalyzer`
with the lexicon file shipped inside the ``vaderSentiment`` package, so nothing is
downloaded (``nltk.download`` is never called).
"""

from __future__ import annotations

import functools
import os
from collections import defaultdict
from collections.abc import Iterable

from analysis.records import Quote


@functools.lru_cache(maxsize=1)
def _analyzer():
    """Return the process-wide VADER analyser (built once, about 50 ms)."""
    import nltk
    import vaderSentiment
    from nltk.sentiment.vader import SentimentIntensityAnalyzer

    lexicon_dir = os.path.dirname(vaderSentiment.__file__)
    if lexicon_dir not in nltk.data.path:
        nltk.data.path.append(lexicon_dir)
    return SentimentIntensityAnalyzer(
        lexicon_file="file:" + os.path.join(lexicon_dir, "vader_lexicon.txt")
    )


@functools.lru_cache(maxsize=65536)
def tone(text: str) -> float:
    """Return the VADER compound score of ``text``.

    Args:
        text: Any English text, typically one quote or sentence.

    Returns:
        A float in [-1, 1]: below about -0.05 negative, above about 0.05 positive,
        in between neutral. Empty or whitespace-only text gives 0.0.
    """
    if not text or not text.strip():
        return 0.0
    return float(_analyzer().polarity_scores(text)["compound"])


def mean_tone(texts: Iterable[str]) -> float:
    """Mean VADER compound score of several texts (e.g. the sentences of an article).

    VADER's compound score saturates towards -1 or +1 on long texts, so the tone of a
    whole article is better summarised as the mean over its sentences.

    Args:
        texts: Sentences or quotes; empty and whitespace-only texts are ignored.

    Returns:
        The mean score in [-1, 1], or 0.0 when there is no non-empty text.
    """
    scores = [tone(text) for text in texts if text and text.strip()]
    return sum(scores) / len(scores) if scores else 0.0


def tone_by_speaker_country(quotes: Iterable[Quote]) -> list[dict]:
    """Average tone of each speaker towards each country their quotes name.

    Quotes without a speaker or without countries are skipped. The tone stored on a
    quote is used; a quote whose stored tone is exactly 0.0 is re-scored from its text
    (0.0 is also the default of an unscored record).

    Args:
        quotes: Quote records (``speaker``, ``countries``, ``tone``, ``text``).

    Returns:
        Rows ``{"speaker", "iso3", "mean_tone", "n_quotes"}`` sorted by speaker, then
        by the number of quotes (most first), then by ISO code.
    """
    sums: dict[tuple[str, str], float] = defaultdict(float)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for quote in quotes:
        if not quote.speaker or not quote.countries:
            continue
        score = quote.tone if quote.tone != 0.0 else tone(quote.text)
        for iso3 in dict.fromkeys(quote.countries):
            sums[(quote.speaker, iso3)] += score
            counts[(quote.speaker, iso3)] += 1
    rows = [
        {
            "speaker": speaker,
            "iso3": iso3,
            "mean_tone": round(sums[(speaker, iso3)] / n, 4),
            "n_quotes": n,
        }
        for (speaker, iso3), n in counts.items()
    ]
    rows.sort(key=lambda row: (row["speaker"], -row["n_quotes"], row["iso3"]))
    return rows
