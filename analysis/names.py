"""Names of people and organisations: titles, honorifics, aliases and how aliases merge.

The one place that decides what a name is and which names are one person:

- **Titles** (one list, ``rules/names/titles.tsv``; its ``uses`` column says which of the two
  title readers below sees each entry): :func:`strip_titles` cleans an NER surface
  ("Russian President Vladimir Putin's" -> "Vladimir Putin"), :func:`strip_title_words` cleans
  the words of a speaker's name, :func:`title_words` are the words that describe a person
  ("the Russian president").
- **Honorifics** (``rules/names/honorifics.json``): :func:`honorific_gender` ("Mrs." -> "f"),
  :func:`addressed_surnames` (the surnames an article puts after "Mr", "Dr"...).
- **Aliases**: :func:`merge_aliases` is the one merging algorithm, used per article for
  people and organisations (:mod:`analysis.entities`), per article for speakers
  (:mod:`analysis.quotes.speakers`, with :data:`SPEAKER_RULES`) and across the corpus at load
  time (:func:`merge_across_articles`, called by :mod:`analysis.store`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from analysis import resources
from analysis.countries import load_gazetteer

#: Characters trimmed from both ends of a name.
EDGE_PUNCT = " \t\n\"“”‘’'`.,;:!?()[]{}-–—*_/"
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
#: Lowercase words or dashes trailing a name ("Taras Shevchenko - the").
_TRAILING_LOWERCASE = re.compile(r"(?:\s+(?:[-–—]+|[a-z][\w'’-]*))+$")


# --- Titles -------------------------------------------------------------------------------


@functools.cache
def _titles(use: str) -> tuple[str, ...]:
    """Entries of ``titles.tsv`` whose ``uses`` column names ``use`` ("names" or "speakers")."""
    rows = (line.split("\t") for line in resources.entries(resources.rules_file("names", "titles.tsv")))
    return tuple(title.strip() for title, uses in rows if use in uses.split())


def _title_alternation() -> str:
    """Regex alternation of the "names" titles, longest first, any run of spaces inside."""
    titles = sorted(set(_titles("names")), key=len, reverse=True)
    return "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)


@functools.cache
def _leading_titles() -> re.Pattern:
    """Regex of one or more leading titles, optionally after a country name or demonym.

    "Russian President", "US Secretary of State", "Mr", "former President" all match.
    """
    places = sorted(
        (
            s
            for s, t in load_gazetteer().targets.items()
            if t.kind in {"country", "region"} and t.via in {"name", "demonym"}
        ),
        key=len,
        reverse=True,
    )
    place_alt, title_alt = "|".join(map(re.escape, places)), _title_alternation()
    return re.compile(
        rf"^(?:(?:the\s+|The\s+)?(?:{place_alt})(?:['’]s)?\s+(?=(?:{title_alt})\b))?(?:(?:{title_alt})(?:\s+|$))+"
    )


@functools.cache
def _trailing_title() -> re.Pattern:
    """Regex of a title right at the end of a text ("... Chancellor ")."""
    return re.compile(rf"(?<![\w])(?:{_title_alternation()})\s+$")


def strip_titles(name: str) -> str:
    """Remove leading titles (and a country or demonym before them), a possessive and trailing lowercase.

    Uses the "names" titles, as written (case matters). Returns ``name`` with only the
    whitespace and edge punctuation cleaned when stripping would leave nothing ("President").

    Examples:
        "Russian President Vladimir Putin" -> "Vladimir Putin"; "Mr Putin's" -> "Putin".
    """
    name = " ".join(name.split()).strip(EDGE_PUNCT)
    stripped = _leading_titles().sub("", name).strip(EDGE_PUNCT)
    name = stripped or name
    name = _POSSESSIVE.sub("", name).strip(EDGE_PUNCT)
    return _TRAILING_LOWERCASE.sub("", name).strip(EDGE_PUNCT)


def ends_with_title(text: str) -> bool:
    """Tell whether ``text`` (what stands before a name) ends with a "names" title and a space."""
    return bool(_trailing_title().search(text))


@functools.cache
def title_words() -> frozenset[str]:
    """The lowercase "speakers" titles: words that precede or describe a person ("president")."""
    return frozenset(title.lower() for title in _titles("speakers"))


def strip_title_words(words: list[str]) -> list[str]:
    """Drop the leading words of a name that are "speakers" titles ("Dr", "dr.", "President").

    Example:
        ["President", "Joe", "Biden"] -> ["Joe", "Biden"]; ["Mr."] -> [].
    """
    start = 0
    while start < len(words) and (
        words[start].lower() in title_words() or words[start].lower().rstrip(".") in title_words()
    ):
        start += 1
    return words[start:]


# --- Honorifics ---------------------------------------------------------------------------


@functools.cache
def _honorifics() -> dict:
    """The parsed ``honorifics.json``."""
    return resources.read_json(resources.rules_file("names", "honorifics.json"))


def honorific_gender(word: str) -> str | None:
    """Return "m" or "f" for a lowercase honorific ("mr." -> "m", "mrs" -> "f"), else None."""
    for gender in ("m", "f"):
        if word in _honorifics()[gender]:
            return gender
    return None


#: First names and the gender of most of their bearers (written by ``training/build_first_names.py``).
FIRST_NAMES_PATH = resources.generated_file("names", "first_names.tsv")


@functools.cache
def first_name_genders() -> dict[str, str]:
    """Return {lower-case first name: "m" or "f"} from ``first_names.tsv`` (empty without the file)."""
    if not FIRST_NAMES_PATH.exists():
        return {}
    return dict(entry.split("\t") for entry in resources.entries(FIRST_NAMES_PATH))


@functools.cache
def _before_surname() -> re.Pattern:
    """Regex of an honorific that only ever precedes a surname, and the capitalised word after it."""
    alternation = "|".join(map(re.escape, _honorifics()["before_surname"]))
    return re.compile(rf"(?<![\w])(?:{alternation})\s+([A-Z][\w'’-]+)")


def addressed_surnames(text: str) -> set[str]:
    """Return the words a text puts after "Mr", "Ms", "Dr"... (people's surnames), possessive dropped."""
    return {_POSSESSIVE.sub("", match.group(1)) for match in _before_surname().finditer(text)}


# --- Aliases ------------------------------------------------------------------------------


def surname(name: str) -> str:
    """Return the last word of a name, the key that joins "Putin" to "Vladimir Putin"."""
    words = name.split()
    return words[-1] if words else name


@dataclass(frozen=True)
class MergeRules:
    """How :func:`merge_aliases` treats first names, letter case and equally frequent candidates.

    Attributes:
        first_names: A one-word name also merges into a longer name that starts with it
            ("Hillary" -> "Hillary Clinton", "Xi" -> "Xi Jinping").
        case_sensitive: Words must match in case ("De Blasio" stays apart from
            "Bill de Blasio"); otherwise they match in any case.
        ties: When several candidates are equally frequent: "keep" leaves a one-word name
            as it is if they have different first names ("Smith" with "John Smith" and "Jane
            Smith"), otherwise takes the one with the most words, then the first in
            alphabetical order; "longest" takes the longest (in characters), then the first seen.

    The two presets below keep the output of the two merges they replaced identical, and each
    switch is needed for that on PolNeAR dev ("Hillary", "De Blasio", "Clinton" beside "Bill
    Clinton" and "Hillary Clinton"). Making them one preset is a change of behaviour (#15).
    """

    first_names: bool = False
    case_sensitive: bool = False
    ties: str = "keep"


#: People and organisations of an article (:mod:`analysis.entities`) and the corpus-wide merge.
ENTITY_RULES = MergeRules()
#: Speakers of an article (:mod:`analysis.quotes.speakers`).
SPEAKER_RULES = MergeRules(first_names=True, case_sensitive=True, ties="longest")


def merge_aliases(counts: Mapping[str, int], rules: MergeRules = ENTITY_RULES) -> dict[str, str]:
    """Map each name to its canonical form, the one alias-merging algorithm.

    A name merges into the most frequent longer name (more words) that ends with the same word
    and contains all its words ("Putin" -> "Vladimir Putin"); ``rules`` say how first names,
    case and equally frequent candidates count. Chains are followed ("Putin" -> "Vladimir
    Putin" -> "Vladimir Vladimirovich Putin").

    Args:
        counts: ``{name: frequency}``, names already cleaned (in first-seen order: it breaks ties).
        rules: :data:`ENTITY_RULES` (the default) or :data:`SPEAKER_RULES`.

    Returns:
        ``{name: canonical}`` for every name of ``counts``.
    """
    fold = (lambda word: word) if rules.case_sensitive else str.lower
    words_of = {name: [fold(w) for w in name.split()] for name in counts}

    def is_wider(other: list[str], words: list[str]) -> bool:
        if len(other) <= len(words):
            return False
        if other[-1] == words[-1] and all(w in other for w in words):
            return True
        return rules.first_names and len(words) == 1 and other[0] == words[0]

    order = {name: index for index, name in enumerate(counts)}
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    for name, words in words_of.items():
        if words:
            by_last.setdefault(words[-1], []).append(name)
            by_first.setdefault(words[0], []).append(name)
    canonical: dict[str, str] = {}
    for name, words in words_of.items():
        pool = set(by_last.get(words[-1], ())) if words else set()
        if rules.first_names and len(words) == 1:
            pool |= set(by_first.get(words[0], ()))
        wider = sorted((other for other in pool if is_wider(words_of[other], words)), key=order.__getitem__)
        top = max((counts[other] for other in wider), default=0)
        best = [other for other in wider if counts[other] == top]
        if not best:
            canonical[name] = name
        elif rules.ties == "longest":
            canonical[name] = max(best, key=len)
        else:
            best.sort(key=lambda other: (-len(other.split()), other))
            ambiguous = len(best) > 1 and best[0].split()[0] != best[1].split()[0]
            canonical[name] = name if ambiguous and len(words) == 1 else best[0]
    # Each step goes to a name with more words, so following chains ends.
    for name, target in canonical.items():
        while canonical[target] != target:
            target = canonical[target]
        canonical[name] = target
    return canonical


def canonicalize_names(names: Iterable[str]) -> dict[str, str]:
    """Map person or organisation surfaces to canonical names (per article, and across the corpus).

    Titles and possessives are stripped (:func:`strip_titles`), case variants take their most
    frequent spelling, then aliases merge (:func:`merge_aliases` with :data:`ENTITY_RULES`).

    Args:
        names: Surfaces as found (duplicates count as frequency).

    Returns:
        ``{surface: canonical}`` for every distinct input surface.
    """
    surfaces = list(names)
    cleaned = {s: strip_titles(s) or s for s in surfaces}
    by_lower: dict[str, Counter] = {}
    for surface in surfaces:
        by_lower.setdefault(cleaned[surface].lower(), Counter())[cleaned[surface]] += 1
    preferred = {low: forms.most_common(1)[0][0] for low, forms in by_lower.items()}
    counts = Counter(preferred[cleaned[s].lower()] for s in surfaces)
    merged = merge_aliases(counts)
    return {s: merged[preferred[cleaned[s].lower()]] for s in surfaces}


def merge_across_articles(names: Iterable[str]) -> dict[str, str]:
    """The renames of the corpus-wide merge: ``{name: canonical}`` for the names that change.

    ``names`` are the speakers and person keys of all stored articles, each as often as it
    occurs; an article that only says "Putin" joins "Vladimir Putin" of the others.
    """
    return {name: canonical for name, canonical in canonicalize_names(names).items() if name != canonical}
