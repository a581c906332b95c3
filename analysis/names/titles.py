"""Titles, honorifics and first names: what stands around a name and what a name tells.

- **Titles** (one list, ``rules/names/titles.tsv``; its ``uses`` column says which of the two
  title readers below sees each entry): :func:`strip_titles` cleans an NER surface
  ("Russian President Vladimir Putin's" -> "Vladimir Putin"), :func:`strip_title_words` cleans
  the words of a speaker's name, :func:`title_words` are the words that describe a person
  ("the Russian president").
- **Honorifics** (``rules/names/honorifics.json``): :func:`honorific_gender` ("Mrs." -> "f"),
  :func:`addressed_surnames` (the surnames an article puts after "Mr", "Dr"...).
- **First names** (``generated/names/first_names.tsv``): :func:`first_name_genders`.
"""

from __future__ import annotations

import functools
import re

from analysis import resources
from analysis.countries import load_gazetteer
from analysis.names.organizations import strip_party_label

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
        "Russian President Vladimir Putin" -> "Vladimir Putin"; "Mr Putin's" -> "Putin";
        "Tory David Heathcoat-Amory" -> "David Heathcoat-Amory" (a party label before a person).
    """
    name = strip_party_label(" ".join(name.split()).strip(EDGE_PUNCT), _starts_person)
    stripped = _leading_titles().sub("", name).strip(EDGE_PUNCT)
    name = stripped or name
    name = _POSSESSIVE.sub("", name).strip(EDGE_PUNCT)
    return _TRAILING_LOWERCASE.sub("", name).strip(EDGE_PUNCT)


def _starts_person(words: str) -> bool:
    """Whether words start as a person's name does: a known first name, an initial or a title."""
    first = words.split()[0].strip(".")
    return (len(first) == 1 and first.isupper()) or first.lower() in first_name_genders() or bool(
        _leading_titles().match(words))


def ends_with_title(text: str) -> bool:
    """Tell whether ``text`` (what stands before a name) ends with a "names" title and a space."""
    return bool(_trailing_title().search(text))


@functools.cache
def title_words() -> frozenset[str]:
    """The lowercase "speakers" titles: words that precede or describe a person ("president")."""
    return frozenset(title.lower() for title in _titles("speakers"))


@functools.cache
def _single_titles() -> frozenset[str]:
    """Every one-word title of ``titles.tsv``, either use, in lower case, without a final period."""
    return frozenset(t.lower().rstrip(".") for use in ("names", "speakers") for t in _titles(use) if " " not in t)


def is_title_plural(word: str) -> bool:
    """Whether a word is the plural of a one-word title ("Lords", "Senators", "presidents"): the
    last word of a body's name ("Law Lords"), never a person's. A title ending in "s" ("Mrs") is
    no plural.
    """
    lower = word.lower()
    return len(lower) > 3 and lower.endswith("s") and lower not in _single_titles() and (
        lower[:-1] in _single_titles())


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
