"""Key-phrase extraction.

Two entry points:

* :func:`extract_keywords` ranks the noun phrases of one article, working on the
  shared spaCy ``Doc`` of the article pipeline (no re-parsing). Candidates are
  adjective* noun+ sequences (PKE-style, hyphenated compounds kept whole, no
  comparative or superlative adjectives). Each
  candidate is scored from its words: a position-biased PageRank over a word
  co-occurrence graph (PositionRank, Florescu & Caragea 2017) multiplied by the
  words' inverse document frequency in a background of training news text
  (``analysis/data/generated/keywords/background_df.json``), a length prior and a prior for
  phrases that occur early in the article. Candidates with the same set of stems are
  merged, and a candidate whose stems are a strict subset of a better-ranked one's
  ("Putin" after "Vladimir Putin") is dropped.
* :func:`keywords_for_texts` finds key phrases of a filtered set of short statements
  in pure Python (no spaCy), fast enough to run on every filter change in the app.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from nltk.stem import PorterStemmer

from analysis import resources
from analysis.records import Keyword

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

STOPWORDS_PATH = resources.rules_file("keywords", "stopwords.txt")
GENERIC_WORDS_PATH = resources.rules_file("keywords", "generic_words.txt")
PHRASE_BREAKERS_PATH = resources.rules_file("keywords", "phrase_breakers.txt")
BACKGROUND_PATH = resources.generated_file("keywords", "background_df.json")

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
#: keywords_for_texts: score bonus per extra word of a phrase (not tuned; for display).
SHORT_TEXT_LENGTH_BONUS = 0.3

_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*")
_STEMMER = PorterStemmer()
_NOUN_TAGS = {"NOUN", "PROPN"}
_ADJ_TAGS = {"ADJ"}
_EVALUATIVE_ADJ_TAGS = {"JJR", "JJS"}


# ---------------------------------------------------------------- shared helpers


def _read_word_list(path: Path) -> frozenset[str]:
    """Lowercase words of a one-per-line list (``#`` starts a comment line)."""
    return frozenset(entry.lower() for entry in resources.entries(path))


@functools.lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """The stopword list of ``analysis/data/rules/keywords/stopwords.txt``."""
    return _read_word_list(STOPWORDS_PATH)


@functools.lru_cache(maxsize=1)
def generic_words() -> frozenset[str]:
    """Frequent news words that make poor key phrases (``generic_words.txt``)."""
    return _read_word_list(GENERIC_WORDS_PATH)


@functools.lru_cache(maxsize=1)
def phrase_breakers() -> frozenset[str]:
    """Common verbs and adverbs that end a phrase in :func:`keywords_for_texts`."""
    return _read_word_list(PHRASE_BREAKERS_PATH)


@functools.lru_cache(maxsize=500_000)
def stem_word(word: str) -> str:
    """Porter stem of the lowercased ``word`` (cached)."""
    return _STEMMER.stem(word.lower())


def word_tokens(text: str) -> list[str]:
    """Lowercase words of ``text`` split on everything but letters and digits."""
    return [w.lower() for w in re.findall(r"[A-Za-z0-9]+", text)]


@functools.lru_cache(maxsize=1)
def _background() -> tuple[int, dict[str, int]]:
    """(number of background documents, stem -> document frequency)."""
    try:
        payload = resources.read_json(BACKGROUND_PATH)
    except FileNotFoundError:
        return 1, {}
    return int(payload["n_documents"]), dict(payload["df"])


def idf(stem: str) -> float:
    """Smoothed inverse document frequency of a word stem in the background corpus."""
    n_documents, df = _background()
    return math.log((n_documents + 1) / (df.get(stem, 0) + 1)) + 1.0


# ---------------------------------------------------------------- article keywords


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


# ---------------------------------------------------------------- keywords of short texts


#: One token per match: a word (group 1) or a punctuation mark that ends a phrase.
_SHORT_TEXT_TOKEN_RE = re.compile(
    r"([A-Za-z0-9]+(?:[-'’][A-Za-z0-9]+)*)|[.,;:!?()\[\]\"“”‘’«»…–—/]|\s-\s|'(?=\s)|(?<=\s)'"
)
_PART_RE = re.compile(r"[A-Za-z0-9]+")


def phrases_of_text(text: str, max_words: int = 4) -> list[tuple[str, ...]]:
    """RAKE-style phrases of a short text: maximal runs of content words, at most ``max_words`` long.

    Runs break at punctuation, stopwords, generic news words, common verbs/adverbs,
    numbers and after a possessive ("Italy's"). The candidates of :func:`keywords_for_texts`
    (and of :func:`analysis.query.statement_keywords`, which counts them once per corpus).

    Returns:
        Each phrase as a tuple of its words as written, in text order.
    """
    stops = _breaking_words()
    phrases: list[tuple[str, ...]] = []
    run: list[str] = []
    for match in _SHORT_TEXT_TOKEN_RE.finditer(text):
        word = match.group(1)
        possessive = word is not None and word[-2:] in ("'s", "’s")
        if possessive:
            word = word[:-2]
        if word is None or len(word) < 2 or word.isdigit() or word.lower() in stops:
            if run:
                phrases.extend(_split_long(run, max_words))
                run = []
        else:
            run.append(word)
            if possessive:  # "Italy's position": the owner ends a phrase
                phrases.extend(_split_long(run, max_words))
                run = []
    if run:
        phrases.extend(_split_long(run, max_words))
    return phrases


@functools.lru_cache(maxsize=1)
def _breaking_words() -> frozenset[str]:
    """Every word that ends a phrase of short texts."""
    return stopwords() | generic_words() | phrase_breakers()


def _split_long(run: list[str], max_words: int) -> list[tuple[str, ...]]:
    """Cut a run of words into phrases of at most ``max_words`` words."""
    return [tuple(run[i : i + max_words]) for i in range(0, len(run), max_words)]


@functools.lru_cache(maxsize=200_000)
def word_stems(word: str) -> tuple[str, ...]:
    """Stems of the parts of a (possibly hyphenated) word (cached): ``"cease-fire"`` -> ``("ceas", "fire")``.

    A phrase's stem set (the stems of its words) is what merges its surface forms.
    """
    return tuple(stem_word(part) for part in _PART_RE.findall(word))


@functools.lru_cache(maxsize=200_000)
def stem_idf(stem: str) -> float:
    """:func:`idf` of a stem, cached (the rarity of a phrase is the mean over its stems)."""
    return idf(stem)


def keywords_for_texts(texts: list[str], top_n: int = 10) -> list[Keyword]:
    """Key phrases of a set of short statements, in pure Python (no spaCy).

    A phrase scores by the number of statements it occurs in, its mean background
    idf and its length; phrases with the same set of word stems are merged, and a
    single word already inside a better-ranked phrase is dropped.

    Args:
        texts: The statements (e.g. the quotes passing the current filter).
        top_n: How many phrases to return.

    Returns:
        Up to ``top_n`` keywords, best first; empty for no texts or no content words.
    """
    statement_count: Counter[frozenset[str]] = Counter()
    forms: dict[frozenset[str], Counter[str]] = defaultdict(Counter)
    stems_of: dict[frozenset[str], tuple[str, ...]] = {}
    for text in texts:
        seen: set[frozenset[str]] = set()
        for words in phrases_of_text(text or ""):
            stems = tuple(stem for word in words for stem in word_stems(word))
            group = frozenset(stems)
            forms[group][" ".join(words)] += 1
            stems_of.setdefault(group, stems)
            if group not in seen:
                seen.add(group)
                statement_count[group] += 1
    scored = []
    for group, count in statement_count.items():
        phrase = best_form(forms[group])
        stems = stems_of[group]
        rarity = sum(stem_idf(stem) for stem in stems) / len(stems)
        scored.append((phrase_score(count, rarity, phrase), phrase, group))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return drop_contained_words(scored, top_n)


def phrase_score(statements: int, rarity: float, phrase: str) -> float:
    """Score of a phrase of short texts: statements it occurs in x mean idf x a bonus per extra word.

    Args:
        statements: How many statements contain the phrase (any surface form).
        rarity: Mean :func:`stem_idf` of the phrase's stems.
        phrase: The surface form shown (its word count gives the length bonus).
    """
    n_words = phrase.count(" ") + 1
    return statements * rarity * (1.0 + SHORT_TEXT_LENGTH_BONUS * (n_words - 1))


def best_form(counter: Mapping[str, int]) -> str:
    """The surface form to show for a phrase: the most frequent; ties go to the capitalised
    (proper-noun) form, then to the alphabetically last.

    Args:
        counter: Occurrences of each surface form of one phrase (same stem set).
    """
    return max(counter.items(), key=lambda item: (item[1], item[0][:1].isupper(), item[0]))[0]


def drop_contained_words(scored: Iterable[tuple[float, str, frozenset[str]]], top_n: int) -> list[Keyword]:
    """Keep the best phrases without a single word next to a phrase containing it.

    A single word inside an already kept phrase is skipped; a phrase containing an
    already kept single word takes that word's place (and rank).

    Args:
        scored: ``(score, phrase, stem set)`` best first (sorted by score, then phrase).
        top_n: How many keywords to keep.

    Returns:
        Up to ``top_n`` keywords in rank order.
    """
    kept: list[tuple[Keyword, frozenset[str]]] = []
    for score, phrase, group in scored:
        if len(group) == 1 and any(group < other for _, other in kept):
            continue
        keyword = Keyword(phrase=phrase, score=round(score, 4))
        replaced = [i for i, (_, other) in enumerate(kept) if len(other) == 1 and other < group]
        if replaced:
            kept[replaced[0]] = (Keyword(phrase=phrase, score=kept[replaced[0]][0].score), group)
            kept = [item for i, item in enumerate(kept) if i not in replaced[1:]]
            continue
        kept.append((keyword, group))
        if len(kept) >= top_n:
            break
    return [keyword for keyword, _ in kept]
