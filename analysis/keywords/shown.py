"""Which key phrases are worth showing an analyst, chosen after the ranking (the stored phrases and
their scores stay as built, so nothing here needs a rebuild).

- :func:`is_function_phrase`: a phrase that says nothing on its own: only number, time or filler
  words ("six", "ago": ``rules/keywords/not_news.txt``) or holding a contraction ("don't", "I'm",
  "government doesn't"). The Compare page's log-odds ranks such words high when one side uses
  them more, not because they set it apart.
- :func:`own_names` and :func:`is_own_name`: a phrase that only names what the selection is
  filtered on (``?country=RUS`` -> "Russia", "Russian Federation", "Russians"; a speaker's name or
  surname, with a title; a topic's label words): every statement of the selection is about it,
  so it is no news.

Pure Python, no NLTK (the pages import this): words are compared in lower case with a plural "s"
taken off, not stemmed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TypeVar

from analysis import resources

NOT_NEWS_PATH = resources.rules_file("keywords", "not_news.txt")
GAZETTEER_PATH = resources.generated_file("places", "gazetteer.json")
REGIONS_PATH = resources.rules_file("places", "regions.json")
TITLES_PATH = resources.rules_file("names", "titles.tsv")

_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’.-][A-Za-z0-9]+)*")
#: "don't", "can't", "I'm", "we're", "they've", "it's", "let's": words of grammar, never of content.
_CONTRACTION_RE = re.compile(r"^(?:[a-z]+n['’]t|(?:i|you|we|they|he|she|it|that|there|here|what|who|where|let)"
                             r"['’](?:m|re|ve|ll|d|s))$")

T = TypeVar("T")


def _words(phrase: str) -> list[str]:
    """The lowercase words of ``phrase`` (apostrophes, dots and hyphens inside a word kept)."""
    return [word.lower() for word in _WORD_RE.findall(phrase)]


def _singular(word: str) -> str:
    """``word`` without a plural ending ("elections" -> "election", "parties" -> "party")."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("es") and word[-3] in "sxz":
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1)
def not_news_words() -> frozenset[str]:
    """The words of ``rules/keywords/not_news.txt``."""
    return resources.word_list(NOT_NEWS_PATH)


def is_function_phrase(phrase: str) -> bool:
    """True for a key phrase that says nothing on its own: no word at all, only words of
    :func:`not_news_words` and digits ("six", "six million", "ago"), or any contraction
    ("don't", "I'm", "government doesn't").
    """
    words = _words(phrase)
    if any(_CONTRACTION_RE.match(word) for word in words):
        return True
    return all(word.isdigit() or word in not_news_words() for word in words)


@dataclass(frozen=True)
class OwnNames:
    """What names the values a selection is filtered on (see :func:`own_names`).

    Attributes:
        phrases: Whole names in lower case ("russia", "russian federation", "vladimir putin", "putin").
        label_words: Singular lowercase words of the filtered topics' labels ("election", "campaign").
    """

    phrases: frozenset[str] = frozenset()
    label_words: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        """True when there is any name to leave out."""
        return bool(self.phrases or self.label_words)


@functools.lru_cache(maxsize=1)
def _place_names() -> dict[str, tuple[str, ...]]:
    """Code -> how texts name the country or region itself: the gazetteer's names and demonyms
    (not its cities or institutions) and a region's surfaces, read once without the place finder.
    """
    written: dict[str, list[str]] = {}
    gazetteer = resources.read_json(GAZETTEER_PATH)
    for code, country in gazetteer["countries"].items():
        written.setdefault(code, []).append(country["name"])
    for surface, (code, kind) in gazetteer["surfaces"].items():
        if kind in ("name", "demonym"):
            written.setdefault(code, []).append(surface)
    for code, region in resources.read_json(REGIONS_PATH).items():
        if not code.startswith("_"):
            written.setdefault(code, []).extend([region["name"], *region.get("surfaces", ())])
    return {code: tuple(surfaces) for code, surfaces in written.items()}


@functools.lru_cache(maxsize=1)
def _titles() -> frozenset[str]:
    """One-word titles of ``rules/names/titles.tsv`` in lower case ("president", "mr", "mr.")."""
    rows = (line.split("\t")[0].strip().lower() for line in resources.entries(TITLES_PATH))
    return frozenset(title for title in rows if " " not in title)


def own_names(countries: Iterable[str] = (), speakers: Iterable[str] = (), topics: Iterable[str] = ()) -> OwnNames:
    """The names of a selection's own values: of each country or region code, its names and demonyms
    (:func:`_place_names`); of each speaker, the name and its last word; of each topic id, the
    words of its label (unknown values name nothing).
    """
    phrases = {" ".join(_words(name)) for code in countries for name in _place_names().get(code, ())}
    for speaker in speakers:
        words = [w for w in _words(speaker) if w not in _titles()]
        if words:
            phrases.update({" ".join(words), words[-1]})
    label_words = set()
    if topics:
        from analysis.topics import load_taxonomy

        labels = {topic.id: topic.label for topic in load_taxonomy()}
        label_words = {_singular(w) for topic in topics for w in _words(labels.get(topic, ""))}
    return OwnNames(frozenset(p for p in phrases if p), frozenset(label_words))


def is_own_name(phrase: str, names: OwnNames | None) -> bool:
    """True when ``phrase`` only names one of the values of ``names``: one of its whole names (a
    speaker's after leading titles: "President Putin"), or only words of a filtered topic's label
    ("elections" under Elections & campaigns; "general election" is more and stays).
    """
    words = _words(phrase)
    if not words or not names:
        return False
    untitled = words
    while len(untitled) > 1 and untitled[0] in _titles():
        untitled = untitled[1:]
    if " ".join(words) in names.phrases or " ".join(untitled) in names.phrases:
        return True
    return bool(names.label_words) and all(_singular(word) in names.label_words for word in words)


def shown_phrases(items: Iterable[T], names: OwnNames | None = None, text: Callable[[T], str] = str) -> list[T]:
    """``items`` in order without those whose phrase (``text(item)``) is a function phrase or one of
    the selection's own names.
    """
    return [item for item in items
            if not is_function_phrase(text(item)) and not is_own_name(text(item), names)]
