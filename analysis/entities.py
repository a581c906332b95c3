"""People and organisations from spaCy NER, with aliases merged into one canonical name.

Within an article, "Putin", "Mr Putin", "Vladimir Putin" and "Russian President Vladimir Putin"
all become "Vladimir Putin": titles (``analysis/data/rules/names/titles.txt``) and a leading
demonym are stripped, the possessive "'s" is dropped, and a shorter name is merged into the
most frequent longer name that ends with the same words. :func:`canonicalize_names` does the
same across a corpus. Organisations that are really countries or alliances ("the Kremlin",
"NATO") are left to :mod:`analysis.countries` and not listed here.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from analysis import resources
from analysis.countries import find_places, load_gazetteer
from analysis.records import EntityMention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


#: spaCy labels kept, and the record kind each becomes.
LABEL_KINDS = {"PERSON": "person", "ORG": "organization"}
MONTHS = frozenset(
    "January February March April May June July August September October November December "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_EDGE_PUNCT = " \t\n\"“”‘’'`.,;:!?()[]{}-–—*_/"
#: Lowercase words or dashes trailing a name ("Taras Shevchenko - the").
_TRAILING_LOWERCASE = re.compile(r"(?:\s+(?:[-–—]+|[a-z][\w'’-]*))+$")
#: Longest plausible name, in words; longer NER spans are usually mis-segmented clauses.
MAX_NAME_WORDS = 7


def _read_lines(name: str) -> list[str]:
    """The entries of a hand-edited list of ``analysis/data/rules/entities`` (titles: ``rules/names``)."""
    folder = "names" if name == "titles.txt" else "entities"
    return list(resources.entries(resources.rules_file(folder, name)))


@functools.lru_cache(maxsize=1)
def _not_names() -> frozenset:
    """Words that NER tags as PERSON/ORG but that name nobody (``not_names.txt``)."""
    return frozenset(_read_lines("not_names.txt"))


@functools.lru_cache(maxsize=1)
def _title_pattern() -> re.Pattern:
    """Regex matching one or more leading titles, optionally after a demonym/country name.

    "Russian President", "US Secretary of State", "Mr", "former President" all match.
    """
    titles = sorted(set(_read_lines("titles.txt")), key=len, reverse=True)
    title_alt = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    places = sorted(
        (
            s
            for s, t in load_gazetteer().targets.items()
            if t.kind in {"country", "region"} and t.via in {"name", "demonym"}
        ),
        key=len,
        reverse=True,
    )
    place_alt = "|".join(map(re.escape, places))
    return re.compile(
        rf"^(?:(?:the\s+|The\s+)?(?:{place_alt})(?:['’]s)?\s+(?=(?:{title_alt})\b))?(?:(?:{title_alt})(?:\s+|$))+"
    )


def strip_titles(name: str) -> str:
    """Remove leading titles, a leading demonym before a title, and a possessive ending.

    Examples:
        "Russian President Vladimir Putin" -> "Vladimir Putin"; "Mr Putin's" -> "Putin".
    """
    name = " ".join(name.split()).strip(_EDGE_PUNCT)
    stripped = _title_pattern().sub("", name).strip(_EDGE_PUNCT)
    name = stripped or name
    name = _POSSESSIVE.sub("", name).strip(_EDGE_PUNCT)
    name = _TRAILING_LOWERCASE.sub("", name).strip(_EDGE_PUNCT)
    return name


def is_junk_name(name: str) -> bool:
    """Tell whether an NER span is obviously not a name (lowercase word, date, number, title)."""
    words = name.split()
    if not words or len(name) < 2 or len(words) > MAX_NAME_WORDS:
        return True
    if not any(ch.isupper() for ch in name):
        return True
    if sum(ch.isdigit() for ch in name) > len(name) / 3:
        return True
    if all(w.strip(_EDGE_PUNCT) in MONTHS for w in words):
        return True
    if not (name[0].isupper() or name[0].isdigit()):
        return True  # "pro-Kremlin", "anti-EU"
    if any(mark in name for mark in ("\n", "@", "http", ":", "|")):
        return True
    return name in _not_names()


def _name_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Return offsets of the cleaned name inside ``text[start:end]`` (titles, 's, the stripped)."""
    surface = text[start:end]
    first_line = surface.split("\n", 1)[0]
    cleaned = strip_titles(first_line)
    if cleaned.startswith(("the ", "The ")):
        cleaned = cleaned[4:]
    offset = first_line.find(cleaned) if cleaned else -1
    if offset < 0:
        return start, start + len(first_line)
    return start + offset, start + offset + len(cleaned)


@functools.lru_cache(maxsize=1)
def _trailing_title_pattern() -> re.Pattern:
    """Regex matching a person's title right at the end of a text ("... Chancellor ")."""
    titles = sorted(set(_read_lines("titles.txt")), key=len, reverse=True)
    title_alt = "|".join(re.escape(t).replace(r"\ ", r"\s+") for t in titles)
    return re.compile(rf"(?<![\w])(?:{title_alt})\s+$")


def _has_person_title(prefix: str) -> bool:
    """Tell whether the text just before a name (or stripped from its front) ends with a title."""
    return bool(_trailing_title_pattern().search(prefix))


def _surname_key(name: str) -> str:
    """Return the last word of a name, the key that joins "Putin" to "Vladimir Putin"."""
    return name.split()[-1] if name.split() else name


def _merge_aliases(counts: Counter) -> dict[str, str]:
    """Map each name to its canonical form.

    A name is merged into the most frequent (then longest) longer name that ends with the
    same word and contains all its words ("Putin" -> "Vladimir Putin"); a shorter name shared
    by two equally frequent full names stays as it is.
    """
    by_surname: dict[str, list[str]] = {}
    for name in counts:
        by_surname.setdefault(_surname_key(name).lower(), []).append(name)
    canonical: dict[str, str] = {}
    for name in counts:
        words = [w.lower() for w in name.split()]
        candidates = [
            other
            for other in by_surname[_surname_key(name).lower()]
            if len(other.split()) > len(words) and all(w in [o.lower() for o in other.split()] for w in words)
        ]
        if not candidates:
            canonical[name] = name
            continue
        ranked = sorted(candidates, key=lambda o: (-counts[o], -len(o.split()), o))
        tied = (
            len(ranked) > 1
            and counts[ranked[0]] == counts[ranked[1]]
            and ranked[0].split()[0] != ranked[1].split()[0]
        )
        canonical[name] = name if tied and len(words) == 1 else ranked[0]
    # Follow chains ("Putin" -> "Vladimir Putin" -> "Vladimir Vladimirovich Putin").
    for name in canonical:
        seen = {name}
        while canonical[canonical[name]] != canonical[name] and canonical[name] not in seen:
            seen.add(canonical[name])
            canonical[name] = canonical[canonical[name]]
    return canonical


def canonicalize_names(names: Iterable[str]) -> dict[str, str]:
    """Map person or organisation surfaces to canonical names, for merging across a corpus.

    Titles and possessives are stripped, case variants are unified, and short forms are merged
    into the most frequent longer name ending with the same word.

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
    merged = _merge_aliases(counts)
    return {s: merged[preferred[cleaned[s].lower()]] for s in surfaces}


def _place_spans(doc: Doc, places: list[EntityMention] | None) -> dict[tuple[int, int], str]:
    """Return the spans of country/region mentions in the doc, mapped to their kind."""
    if places is None:
        places = find_places(doc.text, doc)
    return {(m.start, m.end): m.kind for m in places}


def _is_place(text: str, start: int, end: int, places: dict[tuple[int, int], str]) -> bool:
    """Tell whether the cleaned entity is exactly a country, seat of power or alliance."""
    if (start, end) in places:
        return True
    target = load_gazetteer().targets.get(text[start:end])
    return target is not None and target.kind in {"country", "region"}


#: Honorifics that only ever precede a person's surname.
_HONORIFIC_SURNAME = re.compile(r"(?<![\w])(?:Mr|Mrs|Ms|Miss|Dr|Mr\.|Mrs\.|Ms\.|Dr\.)\s+([A-Z][\w'’-]+)")


def _honorific_surnames(text: str) -> set[str]:
    """Return the words the article puts after "Mr", "Ms", "Dr"... (surnames of people)."""
    return {_POSSESSIVE.sub("", match.group(1)) for match in _HONORIFIC_SURNAME.finditer(text)}


@functools.lru_cache(maxsize=1)
def _org_suffixes() -> frozenset:
    """Words that mark an organisation name (``org_suffixes.txt``)."""
    return frozenset(_read_lines("org_suffixes.txt"))


def _is_person_name(name: str, person_surnames: set[str], addressed: set[str]) -> bool:
    """Tell whether an ORG-tagged name is really a person's.

    True when its last word is the surname of a PERSON in the article ("Scholz"), or when the
    article calls someone "Mr/Ms <last word>" and the name has no organisation word
    ("Milan Kucan" with "Mr Kucan" elsewhere; not "Kucan Foundation").
    """
    words = name.split()
    if name in person_surnames:
        return True
    if not words or len(words) > 3 or any(w in _org_suffixes() for w in words):
        return False
    return words[-1] in addressed or (len(words) == 1 and name in person_surnames)


def _untagged_surnames(
    text: str,
    surnames: set[str],
    found: list[tuple[str, int, int, str]],
    places: dict[tuple[int, int], str],
) -> list[tuple[str, int, int, str]]:
    """Find mentions of known surnames that NER left untagged ("Putin" in a sentence it missed).

    Only surnames of multi-word PERSON names in the same article count, only capitalised whole
    words outside any entity or place, and never a word that is also a place name.
    """
    targets = load_gazetteer().targets
    candidates = sorted(s for s in surnames if len(s) > 2 and s not in targets and s[0].isupper())
    if not candidates:
        return []
    covered = [(a, b) for _, a, b, _ in found] + list(places)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, candidates)) + r")(?![\w-])")
    extra = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(a < end and b > start for a, b in covered):
            continue
        extra.append(("person", start, end, match.group(0)))
    return extra


def find_people_and_organizations(doc: Doc, places: list[EntityMention] | None = None) -> list[EntityMention]:
    """Return person and organisation mentions of a spaCy doc with canonical names.

    Args:
        doc: A spaCy ``Doc`` processed with an NER component.
        places: The result of ``find_places(doc.text, doc)`` when already computed (saves
            a second pass); computed here otherwise.

    Returns:
        Mentions in text order, ``kind`` "person" or "organization", ``key`` and ``name`` the
        canonical name within this article, evidence the cleaned surface, ``via`` "ner" for
        the canonical form itself and "alias" for merged variants.
    """
    text = doc.text
    places = _place_spans(doc, places)
    found: list[tuple[str, int, int, str]] = []
    for ent in doc.ents:
        kind = LABEL_KINDS.get(ent.label_)
        if kind is None:
            continue
        start, end = _name_span(text, ent.start_char, ent.end_char)
        surface = text[start:end]
        if kind == "organization" and _has_person_title(text[max(0, ent.start_char - 40) : start]):
            kind = "person"  # "Chancellor Olaf Scholz" tagged ORG
        elif kind == "person" and surface.split()[-1:] and surface.split()[-1] in _org_suffixes():
            kind = "organization"  # "Jones Medical Industries Inc" tagged PERSON
        if is_junk_name(surface) or _is_place(text, start, end, places):
            continue
        if kind == "person" and surface in load_gazetteer().person_like and (start, end) in places:
            continue
        found.append((kind, start, end, surface))
    person_surnames = {_surname_key(s) for k, _, _, s in found if k == "person" and len(s.split()) > 1}
    addressed = _honorific_surnames(text)
    found = [
        ("person" if k == "organization" and _is_person_name(s, person_surnames, addressed) else k, a, b, s)
        for k, a, b, s in found
    ]
    person_surnames = {_surname_key(s) for k, _, _, s in found if k == "person" and len(s.split()) > 1}
    found += _untagged_surnames(text, person_surnames, found, places)
    mentions: list[EntityMention] = []
    for kind in ("person", "organization"):
        surfaces = [s for k, _, _, s in found if k == kind]
        canonical = canonicalize_names(surfaces)
        for k, start, end, surface in found:
            if k != kind:
                continue
            name = canonical[surface]
            via = "ner" if name == surface else "alias"
            mentions.append(EntityMention(kind, name, name, start, end, surface, via))
    return sorted(mentions, key=lambda m: (m.start, m.end))
