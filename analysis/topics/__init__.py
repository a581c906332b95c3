"""Topic assignment for sentences and quotes from a data-file taxonomy.

The taxonomy lives in ``analysis/data/rules/topics/topics.json``: every topic has an id, a label, a
description, a colour (colour-blind-safe palette shared by the whole app) and trigger
terms. Terms are matched on Porter stems of lowercase word tokens (inflections match),
``exact`` terms on the lowercase tokens as written, and ``weak`` terms count half.
Where terms overlap, the longest one wins, so "nuclear weapons" is evidence for the
nuclear topic, not for arms. A span gets every topic whose score reaches ``min_score``.
"""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass

from analysis import resources
from analysis.keywords.words import stem_word
from analysis.records import TopicHit

TAXONOMY_PATH = resources.rules_file("topics", "topics.json")

_WORD_RE = re.compile(r"[A-Za-z0-9]+")
_WEAK_WEIGHT = 0.5


@dataclass(frozen=True)
class Topic:
    """One topic of the taxonomy.

    Attributes:
        id: Stable id ("war", "nuclear", ...).
        label: Display label.
        description: One sentence saying what belongs to the topic.
        terms: All trigger terms (stemmed, exact and weak), as written in the data file.
        color: Hex colour used for this topic everywhere in the app.
        cap: Comparative Agendas Project major topic codes the topic falls under.
        iptc: IPTC Media Topic codes ("medtop:...") the topic falls under.
    """

    id: str
    label: str
    description: str
    terms: tuple[str, ...]
    color: str
    cap: tuple[int, ...] = ()
    iptc: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Matcher:
    """Compiled term tables: token tuple -> ((topic id, weight, term), ...); stem tuple -> excluded topics."""

    stem_terms: dict[tuple[str, ...], tuple[tuple[str, float, str], ...]]
    exact_terms: dict[tuple[str, ...], tuple[tuple[str, float, str], ...]]
    excluded: dict[tuple[str, ...], frozenset[str]]
    max_len: int
    min_score: float


def _stem(word: str) -> str:
    """Porter stem of a lowercase word (the key phrases' stemmer, cached there)."""
    return stem_word(word)


def _words(text: str) -> list[str]:
    """Lowercase word tokens of ``text`` (hyphens and apostrophes split words)."""
    return [match.group(0).lower() for match in _WORD_RE.finditer(text)]


@functools.lru_cache(maxsize=1)
def _raw_taxonomy() -> dict:
    """The parsed taxonomy file."""
    with open(TAXONOMY_PATH, encoding="utf-8") as handle:
        return json.load(handle)


@functools.lru_cache(maxsize=1)
def load_taxonomy() -> list[Topic]:
    """Return the topics of ``analysis/data/rules/topics/topics.json`` in file order."""
    return [
        Topic(
            id=entry["id"],
            label=entry["label"],
            description=entry["description"],
            terms=tuple(entry.get("terms", ()) + entry.get("exact", ()) + entry.get("weak", ())),
            color=entry["color"],
            cap=tuple(entry.get("cap", ())),
            iptc=tuple(entry.get("iptc", ())),
        )
        for entry in _raw_taxonomy()["topics"]
    ]


def topic_label(topic_id: str) -> str:
    """Return the display label of ``topic_id`` (the id itself when unknown)."""
    return {topic.id: topic.label for topic in load_taxonomy()}.get(topic_id, topic_id)


def topic_color(topic_id: str) -> str:
    """Return the hex colour of ``topic_id`` (a neutral grey when unknown)."""
    return {topic.id: topic.color for topic in load_taxonomy()}.get(topic_id, "#BBBBBB")


@functools.lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    """Compile the taxonomy into lookup tables keyed by token tuples."""
    stem_terms: dict[tuple[str, ...], list[tuple[str, float, str]]] = {}
    exact_terms: dict[tuple[str, ...], list[tuple[str, float, str]]] = {}
    excluded: dict[tuple[str, ...], set[str]] = {}
    for entry in _raw_taxonomy()["topics"]:
        for term in entry.get("exclude", ()):
            excluded.setdefault(tuple(_stem(w) for w in _words(term)), set()).add(entry["id"])
        kinds = (("terms", stem_terms, 1.0, True), ("weak", stem_terms, _WEAK_WEIGHT, True),
                 ("exact", exact_terms, 1.0, False))
        for field_name, table, weight, stemmed in kinds:
            for term in entry.get(field_name, ()):
                words = _words(term)
                key = tuple(_stem(w) for w in words) if stemmed else tuple(words)
                if key:
                    table.setdefault(key, []).append((entry["id"], weight, term))
    max_len = max(len(key) for key in list(stem_terms) + list(exact_terms) + list(excluded))
    return _Matcher(
        stem_terms={k: tuple(v) for k, v in stem_terms.items()},
        exact_terms={k: tuple(v) for k, v in exact_terms.items()},
        excluded={k: frozenset(v) for k, v in excluded.items() if k},
        max_len=max_len,
        min_score=float(_raw_taxonomy().get("min_score", 1.0)),
    )


def _excluded_tokens(stems: list[str], matcher: _Matcher) -> list[set[str]]:
    """For each token, the topics it must not count for (it lies inside one of their ``exclude`` terms)."""
    blocked: list[set[str]] = [set() for _ in stems]
    if not matcher.excluded:
        return blocked
    for i in range(len(stems)):
        for length in range(1, min(matcher.max_len, len(stems) - i) + 1):
            topics = matcher.excluded.get(tuple(stems[i : i + length]))
            if topics:
                for j in range(i, i + length):
                    blocked[j] |= topics
    return blocked


def _find_terms(text: str) -> list[tuple[str, float, str]]:
    """All (topic id, weight, surface evidence) term matches in ``text``, longest first."""
    matcher = _matcher()
    spans = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD_RE.finditer(text)]
    words = [w for _, _, w in spans]
    stems = [_stem(w) for w in words]
    blocked = _excluded_tokens(stems, matcher)
    found: list[tuple[str, float, str]] = []
    i = 0
    while i < len(words):
        for length in range(min(matcher.max_len, len(words) - i), 0, -1):
            hits = matcher.exact_terms.get(tuple(words[i : i + length]), ()) + matcher.stem_terms.get(
                tuple(stems[i : i + length]), ()
            )
            if hits:
                surface = text[spans[i][0] : spans[i + length - 1][1]]
                best_weight: dict[str, float] = {}
                no_count = set().union(*blocked[i : i + length])
                for topic_id, weight, _term in hits:
                    if topic_id not in no_count:
                        best_weight[topic_id] = max(weight, best_weight.get(topic_id, 0.0))
                found.extend((topic_id, weight, surface) for topic_id, weight in best_weight.items())
                i += length
                break
        else:
            i += 1
    return found


def score_topics(text: str) -> dict[str, tuple[float, tuple[str, ...]]]:
    """Score every topic triggered in ``text``.

    Args:
        text: A sentence, quote or any short passage.

    Returns:
        ``{topic_id: (score, evidence terms)}`` for the topics reaching the taxonomy's
        ``min_score``; evidence terms are distinct surface strings in text order.
    """
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    for topic_id, weight, surface in _find_terms(text):
        scores[topic_id] = scores.get(topic_id, 0.0) + weight
        terms = evidence.setdefault(topic_id, [])
        if surface not in terms:
            terms.append(surface)
    min_score = _matcher().min_score
    return {t: (s, tuple(evidence[t])) for t, s in scores.items() if s >= min_score}


def similar_min_cosine() -> float:
    """The least cosine for a topic by similar meaning (the taxonomy's ``similar_min_cosine``)."""
    return float(_raw_taxonomy().get("similar_min_cosine", 1.0))


def assign_topics(text: str, spans: list[tuple[int, int]], similar: bool = False) -> list[TopicHit]:
    """Assign zero or more topics to each span of ``text``.

    Args:
        text: The whole article text.
        spans: Half-open (start, end) character offsets of sentences and quotes.
        similar: Give a span whose words trigger no topic the topic nearest in meaning, when
            near enough (:mod:`analysis.topics.similar`; evidence "similar meaning"). Off by
            default: it runs the sentence encoder.

    Returns:
        One :class:`TopicHit` per (span, topic) pair, in span order and, within a span,
        by descending score (ties in taxonomy order).
    """
    order = {topic.id: index for index, topic in enumerate(load_taxonomy())}
    scored_spans = [score_topics(text[start:end]) for start, end in spans]
    by_meaning: dict[int, tuple[str, float]] = {}
    if similar:
        from analysis.topics.similar import SIMILAR_EVIDENCE, nearest_topics

        empty = [i for i, scored in enumerate(scored_spans) if not scored and spans[i][1] > spans[i][0]]
        nearest = nearest_topics([text[spans[i][0] : spans[i][1]] for i in empty], similar_min_cosine())
        by_meaning = {i: hit for i, hit in zip(empty, nearest, strict=True) if hit is not None}
    hits: list[TopicHit] = []
    for index, ((start, end), scored) in enumerate(zip(spans, scored_spans, strict=True)):
        if index in by_meaning:
            topic_id, cosine = by_meaning[index]
            hits.append(TopicHit(topic=topic_id, start=start, end=end, evidence=(SIMILAR_EVIDENCE,),
                                 score=round(cosine, 4)))
            continue
        for topic_id in sorted(scored, key=lambda t: (-scored[t][0], order.get(t, 99))):
            score, evidence = scored[topic_id]
            hits.append(TopicHit(topic=topic_id, start=start, end=end, evidence=evidence, score=score))
    return hits
