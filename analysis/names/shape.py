"""What a name looks like: spelling keys, name-like phrases, first-name-like and generic words.

- :func:`word_key` / :func:`name_keys`: one key for transliteration, accent, case and hyphen
  variants ("Yanukovych"/"Yanukovich", "Vitaly"/"Vitali", "Viktor"/"Victor",
  "Kilroy-Silk"/"Kilroy Silk"); compared word by word by :mod:`analysis.names.aliases`.
- :func:`is_name`: a phrase that can be a name at all (capitalised words, name particles), not
  a clause or a noun phrase that merely contains one ("senior EU", "advisory body, whose
  outspoken criticism of the Kremlin", "Among Democratic Party").
- :func:`may_be_first_name`: a word that can stand before a surname ("Vladimir", "J.", "Xi"),
  not a common English word ("Standard", "Crooked", "Outside").
- :func:`is_generic`: names of a kind of body, not of one ("government", "Police", "court",
  "Foreign Ministry"): never merged across articles.
- :func:`place_kind`: "place" for a country, region, capital or city of the gazetteer.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from analysis import resources
from analysis.countries import load_gazetteer
from analysis.keywords.words import idf, stem_word, stopwords
from analysis.names.titles import first_name_genders

#: Lowercase words that may stand inside a person's name ("Bill de Blasio").
NAME_PARTICLES = frozenset("de da di del della der den van von bin ibn al el la le du dos das ter y".split())
#: Lowercase words that may also stand inside other names ("Bank of England").
PARTICLES = NAME_PARTICLES | {"of", "the", "and", "for", "on", "in"}
#: Characters that never occur in a name (a clause, a list, a quotation).
_NOT_IN_NAMES = re.compile(r"[,;:()\[\]{}\"“”!?/\n]")
#: Hyphens and dashes inside a word: "Kilroy-Silk" has the words of "Kilroy Silk".
_HYPHENS = re.compile(r"[-‐‑–]")
#: A word is common English (not a name) when the smoothed idf of its stem in the background
#: documents (``generated/keywords/background_df.json``, 1,786 news documents) is below this:
#: "standard" (idf 4.0), "outlook" (5.6), "crooked" (6.0) are; "xi" (6.4), "abu" (6.3),
#: "dynamo" (7.1) are not. Known first names are never common words.
COMMON_WORD_IDF = 6.2
#: Most words a name has ("International Committee of the Red Cross").
MAX_WORDS = 7

GENERIC_NAMES_PATH = resources.rules_file("names", "generic_names.txt")
#: Last words of a kind of body every state has ("ministry", "court"), for :func:`is_generic`.
STATE_BODY_WORDS_PATH = resources.rules_file("names", "state_body_words.txt")


@functools.lru_cache(maxsize=100_000)
def word_key(word: str) -> str:
    """The spelling key of one word: accents, case, possessive, c/k, x/ks, y/i, double letters.

    Examples:
        "Yanukovych" and "Yanukovich" -> "ianukovich"; "Vitaly", "Vitali" -> "vitali";
        "Viktor", "Victor" -> "viktor"; "Yatsenyuk", "Yatseniuk" -> "iatseniuk".
    """
    folded = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    key = re.sub(r"['’]s$", "", folded.lower().replace("’", "'")).strip(".'")
    key = re.sub(r"x(?=[aeiouy])", "ks", key).replace("ck", "k")  # Alexander/Aleksander, not Marx/Marks
    key = re.sub(r"c(?!h)", "k", key).replace("y", "i")
    return re.sub(r"(.)\1+", r"\1", key)


def name_words(name: str) -> list[str]:
    """The words of a name, hyphenated words split ("Robert Kilroy-Silk" -> 3 words)."""
    return [word for word in _HYPHENS.sub(" ", name).split() if word]


def name_keys(name: str) -> tuple[str, ...]:
    """The spelling keys of the words of ``name``, a leading "the" dropped ("The Lib Dems" = "Lib Dems")."""
    keys = tuple(key for key in map(word_key, name_words(name)) if key)
    return keys[1:] if len(keys) > 1 and keys[0] == "the" else keys


def is_first_name(word: str) -> bool:
    """True for a known first name ("Vladimir", "Hillary") or an initial ("J.", "W")."""
    bare = word.strip(".")
    return (len(bare) == 1 and bare.isupper()) or bare.lower() in first_name_genders()


@functools.lru_cache(maxsize=100_000)
def is_common_word(word: str) -> bool:
    """True for a common English word (by its background idf) that is no known first name."""
    if is_first_name(word):
        return False
    lower = word.lower()
    return lower in stopwords() or idf(stem_word(lower)) < COMMON_WORD_IDF


def may_be_first_name(word: str) -> bool:
    """True for a word that may stand before a surname: a first name, an initial, or no common word."""
    return word[:1].isupper() and not is_common_word(word)


def is_name(name: str) -> bool:
    """True when ``name`` can be a name: up to 7 capitalised words or particles, no clause.

    Examples:
        "Vladimir Putin", "Bill de Blasio", "Bank of England", "EU" are names; "senior EU",
        "advisory body, whose outspoken criticism of the Kremlin", "Among Democratic Party",
        "his grandfather", "" are not.
    """
    words = name.split()
    if not words or len(words) > MAX_WORDS or _NOT_IN_NAMES.search(name):
        return False
    first, last = words[0], words[-1]
    if not first[:1].isupper() or not last[:1].isupper() and not last[:1].isdigit():
        return False
    if first.lower() in stopwords() and not first.isupper() and not is_first_name(first):
        return False  # "Among Democratic Party", "The Lib Dems" (the form without "The" is the name)
    return all(w[:1].isupper() or w[:1].isdigit() or w.lower() in PARTICLES for w in words)


@functools.cache
def generic_names() -> frozenset[str]:
    """Lowercase one-word names of a kind of body, not of one (``rules/names/generic_names.txt``)."""
    return resources.word_list(GENERIC_NAMES_PATH)


@functools.cache
def state_body_words() -> frozenset[str]:
    """Lowercase last words of a kind of body every state has (``rules/names/state_body_words.txt``)."""
    return resources.word_list(STATE_BODY_WORDS_PATH)


def is_generic(name: str) -> bool:
    """True for "government", "Police", "court", "MPs": a one-word name that could name many bodies;
    and for a kind of body every state has, named by common words alone ("Foreign Ministry",
    "defence ministry", "Interior Ministry": Peru's in one article, Ukraine's in another).
    "Russian Foreign Ministry", "Bank of England", "Donetsk regional government" are names.
    """
    words = name.split()
    plural_acronym = re.fullmatch(r"[A-Z]{2,}s", words[0]) if len(words) == 1 else None  # "MPs", "NGOs"
    if len(words) == 1:
        return words[0].lower() in generic_names() or words[0].islower() or bool(plural_acronym)
    targets = load_gazetteer().targets
    return (len(words) <= 3 and words[-1].lower() in state_body_words()
            and all(is_common_word(word) and word not in targets for word in words[:-1]))


@functools.cache
def _places() -> frozenset[str]:
    """Gazetteer surfaces of countries, regions, capitals and cities (not demonyms or seats)."""
    return frozenset(
        surface
        for surface, target in load_gazetteer().targets.items()
        if target.kind in {"country", "region"} and target.via in {"name", "capital", "city"}
    )


def is_place(name: str) -> bool:
    """True when ``name`` is a country, region, capital or city of the gazetteer ("Kyiv", "EU")."""
    return name in _places()
