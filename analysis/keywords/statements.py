"""Key phrases of a set of short statements (the current selection), in pure Python, no spaCy.

Fast enough to run on every filter change in the app: RAKE-style runs of content words,
scored by the number of statements they occur in, their background rarity and their length.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

from analysis.keywords.words import generic_words, idf, phrase_breakers, stem_word, stopwords
from analysis.records import Keyword

#: Score bonus per extra word of a phrase (not tuned; for display).
SHORT_TEXT_LENGTH_BONUS = 0.3

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


class PhraseNumbering:
    """Numbers the phrases of statements as they are read: each surface form gets an id, and each
    group of forms with the same stems ("missile test", "missile tests") an id, in order of first
    sight. The app's key-phrase index (:func:`analysis.query.statement_keywords`) numbers them this
    way; the warehouse's phrase dictionary gives the same ids from SQL (:mod:`analysis.store.phrasedict`:
    these dicts grow with every distinct phrase, too large for a build of millions).

    Attributes:
        form_ids: Surface form -> form id.
        form_group: Group id of each form id.
        group_ids: Stem set -> group id.
        group_stems: Stems of each group as first seen (their order gives a group's rarity).
        occurrences: How often each form was read.
    """

    def __init__(self) -> None:
        """Start with no phrases."""
        self.form_ids: dict[str, int] = {}
        self.form_group: list[int] = []
        self.group_ids: dict[frozenset[str], int] = {}
        self.group_stems: list[tuple[str, ...]] = []
        self.occurrences: list[int] = []

    def forms_of(self, text: str) -> list[int]:
        """The form id of every phrase occurrence of ``text`` (:func:`phrases_of_text`), in order."""
        forms = []
        for words in phrases_of_text(text or ""):
            form = " ".join(words)
            form_id = self.form_ids.get(form)
            if form_id is None:
                stems = tuple(stem for word in words for stem in word_stems(word))
                group_id = self.group_ids.setdefault(frozenset(stems), len(self.group_ids))
                if group_id == len(self.group_stems):
                    self.group_stems.append(stems)
                form_id = self.form_ids[form] = len(self.form_group)
                self.form_group.append(group_id)
                self.occurrences.append(0)
            self.occurrences[form_id] += 1
            forms.append(form_id)
        return forms

    def group_forms(self) -> list[list[int]]:
        """The form ids of each group."""
        grouped: list[list[int]] = [[] for _ in self.group_stems]
        for form_id, group_id in enumerate(self.form_group):
            grouped[group_id].append(form_id)
        return grouped

    def rarity(self) -> list[float]:
        """Mean background idf of each group's stems (:func:`stem_idf`)."""
        return [sum(stem_idf(s) for s in stems) / len(stems) for stems in self.group_stems]


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
