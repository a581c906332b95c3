"""The words key phrases are made of: stop and break lists, Porter stems, background rarity (idf).

Shared by :mod:`analysis.keywords.article` and :mod:`analysis.keywords.statements`. NLTK's
Porter stemmer is imported on first use (importing NLTK costs the app's first page a second).
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path

from analysis import resources

STOPWORDS_PATH = resources.rules_file("keywords", "stopwords.txt")
GENERIC_WORDS_PATH = resources.rules_file("keywords", "generic_words.txt")
PHRASE_BREAKERS_PATH = resources.rules_file("keywords", "phrase_breakers.txt")
BACKGROUND_PATH = resources.generated_file("keywords", "background_df.json")


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


@functools.cache
def _stemmer():
    from nltk.stem import PorterStemmer

    return PorterStemmer()


@functools.lru_cache(maxsize=500_000)
def stem_word(word: str) -> str:
    """Porter stem of the lowercased ``word`` (cached)."""
    return _stemmer().stem(word.lower())


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
