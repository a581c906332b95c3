"""In what tone speakers speak about countries and topics: target tones when a store holds them,
else the tone of the whole statements.
"""

from __future__ import annotations

import pandas as pd

from analysis.query.categoricals import strings
from analysis.query.counts import cross_counts
from analysis.store import Corpus

#: The score of each polarity the tone model gives a statement towards a target (-1 to +1, like VADER's).
POLARITY_SCORES = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}
#: What the speaker x country tone shows: the tone towards each country (the tone model, a store
#: built with ``--target-tone``), else the tone of the whole statement (VADER).
TARGET_MEASURE = "tone towards the country (model)"
STATEMENT_MEASURE = "statement tone (VADER)"


def has_target_tones(quotes: pd.DataFrame) -> bool:
    """True when any statement of ``quotes`` holds its tone towards a target (``target_tones``: a
    store built with ``--target-tone`` or ``QUOTE_ATLAS_TARGET_TONE=1``).
    """
    if quotes.empty or "target_tones" not in quotes.columns:
        return False
    return any(isinstance(tones, (tuple, list)) and len(tones) for tones in quotes["target_tones"])


def tone_measure(quotes: pd.DataFrame, row: str, column: str) -> str:
    """What :func:`tone_by_target` shows for these statements and axes: :data:`TARGET_MEASURE` for
    speaker x country when any statement holds target tones, else :data:`STATEMENT_MEASURE`.
    """
    if (row, column) == ("speaker", "countries") and has_target_tones(quotes):
        return TARGET_MEASURE
    return STATEMENT_MEASURE


def tone_by_target(quotes: pd.DataFrame, row: str, column: str, corpus: Corpus | None = None) -> pd.DataFrame:
    """In what tone each ``row`` (e.g. speaker) speaks about each ``column`` (country or topic).

    Long table ``row``, ``column``, ``statements``, ``tone`` (mean tone of the statements behind
    each cell, -1 to +1), most statements first. For speaker x country, when the statements hold
    their tone towards each country they name (:func:`has_target_tones`), a cell is the mean of
    those tones (negative -1, neutral 0, positive +1) over the statements of the speaker that name
    the country as a target, and ``statements`` counts them; otherwise (and for every other pair)
    it is the mean tone of the whole statements (VADER, ``quotes["tone"]``) naming it.
    :func:`tone_measure` says which. This is the one function the tone charts read.
    """
    if tone_measure(quotes, row, column) == TARGET_MEASURE:
        return _tone_towards_countries(quotes, row, column)
    return cross_counts(quotes, row, column, corpus)


def _tone_towards_countries(quotes: pd.DataFrame, row: str, column: str) -> pd.DataFrame:
    """Speaker x country mean of the target tones towards each country (see :func:`tone_by_target`)."""
    speakers = strings(quotes["speaker"]).fillna("(unknown)")
    pairs = [(position, speaker, key, POLARITY_SCORES[polarity])
             for position, (speaker, tones) in enumerate(zip(speakers, quotes["target_tones"], strict=True))
             if isinstance(tones, (tuple, list))
             for kind, key, polarity in tones if kind == "country" and polarity in POLARITY_SCORES]
    if not pairs:
        return pd.DataFrame(columns=[row, column, "statements", "tone"])
    long = pd.DataFrame(pairs, columns=["row", row, column, "tone"])
    grouped = long.groupby([row, column], sort=False).agg(statements=("row", "nunique"), tone=("tone", "mean"))
    return grouped.reset_index().sort_values("statements", ascending=False, ignore_index=True)
