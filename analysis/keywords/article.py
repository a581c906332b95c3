"""Key phrases of one article: noun phrases ranked by PositionRank x background rarity.

Works on the shared spaCy ``Doc`` of the article pipeline (no re-parsing). Candidates are
adjective* noun+ sequences (PKE-style, hyphenated compounds kept whole, no comparative or
superlative adjectives). Each candidate is scored from its words: a position-biased PageRank
over a word co-occurrence graph (PositionRank, Florescu & Caragea 2017) multiplied by the
words' inverse document frequency in a background of training news text, a length prior and
a prior for phrases that occur early in the article. Candidates with the same set of stems are
merged, and a candidate whose stems are a strict subset of a better-ranked one's ("Putin"
after "Vladimir Putin") is dropped.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from analysis.keywords.words import idf, stem_word, stopwords
from analysis.records import Keyword

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

# Hyperparameters. WINDOW and DAMPING are PositionRank's published defaults; the
# others were chosen on the even-numbered half of DUC-2001 and checked on the odd half
# (docs/accuracy_keywords.md).
WINDOW = 10
DAMPING = 0.85
MAX_PHRASE_WORDS = 5
#: Exponent of the mean background idf of a phrase's words.
IDF_POWER = 0.5
#: Score divisor (1 + relative offset of first occurrence) ** POSITION_POWER.
POSITION_POWER = 3.0
#: Multiplier by number of words in the phrase.
LENGTH_PRIOR = {1: 1.0, 2: 1.0, 3: 0.8, 4: 0.5, 5: 0.3}

_NOUN_TAGS = {"NOUN", "PROPN"}
_ADJ_TAGS = {"ADJ"}
_EVALUATIVE_ADJ_TAGS = {"JJR", "JJS"}


def _candidate_spans(doc: Doc) -> list[list[int]]:
    """Token index lists of adjective* noun+ candidates (hyphen compounds kept whole).

    A candidate never crosses a sentence boundary and never contains a stopword; a
    hyphen is kept when it glues two words without spaces ("long-range weapons").
    """
    stops = stopwords()
    candidates: list[list[int]] = []
    for sent in doc.sents:
        run: list[int] = []
        for token in sent:
            if _is_candidate_word(token, stops) or _is_glue_hyphen(token, run):
                run.append(token.i)
                continue
            candidates.extend(_noun_phrases_in_run(doc, run))
            run = []
        candidates.extend(_noun_phrases_in_run(doc, run))
    return candidates


def _is_candidate_word(token, stops: frozenset[str]) -> bool:
    """True for nouns, proper nouns and adjectives that are real words.

    Comparative and superlative adjectives ("biggest oil spill") are evaluative, not
    topical, and end a candidate.
    """
    if token.pos_ not in _NOUN_TAGS and token.pos_ not in _ADJ_TAGS:
        return False
    if token.tag_ in _EVALUATIVE_ADJ_TAGS:
        return False
    text = token.lower_
    return text not in stops and len(text) > 1 and any(ch.isalpha() for ch in text)


def _is_glue_hyphen(token, run: list[int]) -> bool:
    """True for a hyphen written with no spaces between two candidate words."""
    if token.text != "-" or not run or token.whitespace_:
        return False
    doc = token.doc
    if token.i + 1 >= len(doc) or doc[token.i - 1].whitespace_:
        return False
    return _is_candidate_word(doc[token.i + 1], stopwords())


def _noun_phrases_in_run(doc: Doc, run: list[int]) -> list[list[int]]:
    """Split a run of adjectives/nouns into adjective* noun+ phrases.

    A phrase ends at its last noun; adjectives after a noun start a new phrase.
    Hyphen-glued words form one unit and take the tag of their last word.
    """
    units: list[list[int]] = []
    for index in run:
        if units and (doc[index].text == "-" or doc[units[-1][-1]].text == "-"):
            units[-1].append(index)
        else:
            units.append([index])
    phrases: list[list[int]] = []
    current: list[list[int]] = []
    seen_noun = False
    for unit in units:
        is_noun = doc[unit[-1]].pos_ in _NOUN_TAGS
        if not is_noun and seen_noun:
            phrases.append(_trim_to_last_noun(doc, current))
            current, seen_noun = [], False
        current.append(unit)
        seen_noun = seen_noun or is_noun
    if current:
        phrases.append(_trim_to_last_noun(doc, current))
    return [[i for unit in phrase for i in unit] for phrase in phrases if phrase]


def _trim_to_last_noun(doc: Doc, units: list[list[int]]) -> list[list[int]]:
    """Drop trailing adjective units; empty when there is no noun."""
    while units and doc[units[-1][-1]].pos_ not in _NOUN_TAGS:
        units = units[:-1]
    return units


def _word_key(token) -> str:
    """Graph node / scoring key of a token: its Porter stem."""
    return stem_word(token.lower_)


def _position_rank(doc: Doc, candidates: list[list[int]]) -> dict[str, float]:
    """PositionRank scores of candidate word stems.

    Nodes are the stems of words occurring in candidates; edges join nodes that
    co-occur within :data:`WINDOW` candidate words; the PageRank teleport vector is
    the sum of inverse positions of each stem's occurrences.
    """
    word_positions = sorted({i for cand in candidates for i in cand if doc[i].text != "-"})
    sequence = [_word_key(doc[i]) for i in word_positions]
    bias: dict[str, float] = defaultdict(float)
    for position, key in enumerate(sequence, start=1):
        bias[key] += 1.0 / position
    edges: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for i, key in enumerate(sequence):
        for other in sequence[i + 1 : i + WINDOW]:
            if other != key:
                edges[key][other] += 1.0
                edges[other][key] += 1.0
    return _pagerank(list(bias), edges, bias)


def _pagerank(nodes: list[str], edges, bias: dict[str, float], iterations: int = 50) -> dict[str, float]:
    """Personalised PageRank by power iteration (weighted undirected graph)."""
    if not nodes:
        return {}
    total_bias = sum(bias.values()) or 1.0
    teleport = {n: bias.get(n, 0.0) / total_bias for n in nodes}
    out_weight = {n: sum(edges[n].values()) for n in nodes}
    scores = dict(teleport)
    for _ in range(iterations):
        new = {n: (1 - DAMPING) * teleport[n] for n in nodes}
        for node in nodes:
            if out_weight[node] == 0:
                continue
            share = DAMPING * scores[node] / out_weight[node]
            for neighbour, weight in edges[node].items():
                new[neighbour] += share * weight
        delta = sum(abs(new[n] - scores[n]) for n in nodes)
        scores = new
        if delta < 1e-6:
            break
    return scores


def _surface(doc: Doc, indices: list[int]) -> str:
    """Text of a candidate as written (hyphens without spaces)."""
    return doc[indices[0] : indices[-1] + 1].text


def extract_keywords(doc: Doc, top_n: int = 10) -> list[Keyword]:
    """Rank the key phrases of an article.

    Args:
        doc: The article parsed by :func:`analysis.nlp.load_nlp` (POS tags and
            sentences are used; the doc is not re-parsed).
        top_n: How many phrases to return.

    Returns:
        Up to ``top_n`` keywords, best first. The phrase is the most frequent surface
        form of the candidate; scores are comparable within one article only.
    """
    candidates = [c for c in _candidate_spans(doc) if _n_words(doc, c) <= MAX_PHRASE_WORDS]
    if not candidates:
        return []
    word_scores = _position_rank(doc, candidates)
    forms: dict[frozenset[str], Counter[str]] = defaultdict(Counter)
    stems_of: dict[frozenset[str], list[str]] = {}
    first_offset: dict[frozenset[str], float] = {}
    for indices in candidates:
        stems = [_word_key(doc[i]) for i in indices if doc[i].text != "-"]
        group = frozenset(stems)
        forms[group][_surface(doc, indices)] += 1
        stems_of.setdefault(group, stems)
        first_offset.setdefault(group, indices[0] / len(doc))
    ranked = sorted(
        (
            (_candidate_score(stems_of[g], word_scores, first_offset[g]), forms[g].most_common(1)[0][0], g)
            for g in stems_of
        ),
        key=lambda item: (-item[0], item[1]),
    )
    return _without_sub_phrases(ranked, top_n)


def _n_words(doc: Doc, indices: list[int]) -> int:
    """Number of words of a candidate (hyphens are not words)."""
    return sum(1 for i in indices if doc[i].text != "-")


def _candidate_score(stems: list[str], word_scores: dict[str, float], first_offset: float) -> float:
    """Sum of word PositionRank scores x idf, length and first-position priors."""
    graph = sum(word_scores.get(s, 0.0) for s in stems)
    rarity = sum(idf(s) for s in stems) / len(stems)
    length_prior = LENGTH_PRIOR.get(len(stems), min(LENGTH_PRIOR.values()))
    return graph * rarity**IDF_POWER * length_prior / (1.0 + first_offset) ** POSITION_POWER


def _without_sub_phrases(ranked: Iterable[tuple[float, str, frozenset[str]]], top_n: int) -> list[Keyword]:
    """Best phrases, skipping one whose stems are a strict subset of a kept phrase's."""
    kept: list[Keyword] = []
    kept_groups: list[frozenset[str]] = []
    for score, phrase, group in ranked:
        if any(group < other for other in kept_groups):
            continue
        kept.append(Keyword(phrase=phrase, score=round(score, 6)))
        kept_groups.append(group)
        if len(kept) >= top_n:
            break
    return kept
