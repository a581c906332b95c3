"""Topics by similar meaning, for statements whose words trigger no topic.

Each topic's prototypes are the sentence vectors (:mod:`analysis.embeddings`) of its label
and of each phrase of its taxonomy description ("Courts", "judges and rulings", ...); a
statement is given the one topic with the nearest prototype, when the cosine
reaches the taxonomy's ``similar_min_cosine`` (measured on the tune split of the hand-labelled
PolNeAR sample, see docs/accuracy.md). Its evidence is :data:`SIMILAR_EVIDENCE` and its score
the cosine (below 1, so it never outranks a topic found by its words).

Opt-in: the encoder costs more than the rest of the topic assignment together (docs/accuracy.md).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

import numpy as np

from analysis.embeddings import encode

#: The evidence of a topic found by similar meaning.
SIMILAR_EVIDENCE = "similar meaning"


def description_phrases(label: str, description: str) -> list[str]:
    """The label and each comma-, colon- or parenthesis-separated phrase of a description."""
    phrases = [label] + [p.strip(" .") for p in re.split(r"[,:;()]", description)]
    return [p for p in dict.fromkeys(phrases) if len(p.split()) >= 1 and p]


@functools.lru_cache(maxsize=1)
def description_prototypes() -> tuple[tuple[str, ...], np.ndarray]:
    """Topic ids and unit vectors of their labels and description phrases (one row per phrase,
    so a topic's similarity is that of its nearest phrase), computed once.
    """
    from analysis.topics import load_taxonomy

    ids: list[str] = []
    texts: list[str] = []
    for topic in load_taxonomy():
        for phrase in description_phrases(topic.label, topic.description):
            ids.append(topic.id)
            texts.append(phrase)
    return tuple(ids), encode(texts)


def nearest_topics(
    texts: Sequence[str],
    min_cosine: float,
    prototypes: tuple[Sequence[str], np.ndarray] | None = None,
) -> list[tuple[str, float] | None]:
    """The nearest topic of each text and its cosine, or None when below ``min_cosine``.

    Args:
        texts: Statements or sentences.
        min_cosine: Least cosine between a text and a prototype to assign its topic.
        prototypes: (topic ids, unit vectors one row each); default the taxonomy descriptions'.
    """
    if not texts:
        return []
    ids, vectors = prototypes if prototypes is not None else description_prototypes()
    cosines = encode(list(texts)) @ np.asarray(vectors).T
    best = cosines.argmax(axis=1)
    return [
        (ids[int(j)], float(row[j])) if row[j] >= min_cosine else None
        for row, j in zip(cosines, best, strict=True)
    ]
