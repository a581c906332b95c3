"""People and organisations from spaCy NER, with aliases merged into one canonical name.

Names are the PERSON/ORG entities of the doc (:func:`name_entities`): the model's own, or with
the opt-in ``conll_people`` setting those of the CoNLL-trained recogniser that replaces the
model's ``ner`` (:mod:`analysis.nlp`; its names are already joined across hyphens there).

Within an article, "Putin", "Mr Putin", "Vladimir Putin" and "Russian President Vladimir Putin"
all become "Vladimir Putin" (:func:`analysis.names.canonicalize_names`: titles, a leading
demonym and the possessive "'s" are stripped, and a shorter name is merged into the most
frequent longer name that ends with the same words). Organisations that are really countries
or alliances ("the Kremlin", "NATO") are left to :mod:`analysis.countries` and not listed here.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from analysis import names, resources
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
#: Longest plausible name, in words; longer NER spans are usually mis-segmented clauses.
MAX_NAME_WORDS = 7


def _read_lines(name: str) -> list[str]:
    """The entries of a hand-edited list of ``analysis/data/rules/entities``."""
    return list(resources.entries(resources.rules_file("entities", name)))


@functools.lru_cache(maxsize=1)
def _not_names() -> frozenset:
    """Words that NER tags as PERSON/ORG but that name nobody (``not_names.txt``)."""
    return frozenset(_read_lines("not_names.txt"))


def is_junk_name(name: str) -> bool:
    """Tell whether an NER span is obviously not a name (lowercase word, date, number, title)."""
    words = name.split()
    if not words or len(name) < 2 or len(words) > MAX_NAME_WORDS:
        return True
    if not any(ch.isupper() for ch in name):
        return True
    if sum(ch.isdigit() for ch in name) > len(name) / 3:
        return True
    if all(w.strip(names.EDGE_PUNCT) in MONTHS for w in words):
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
    cleaned = names.strip_titles(first_line)
    if cleaned.startswith(("the ", "The ")):
        cleaned = cleaned[4:]
    offset = first_line.find(cleaned) if cleaned else -1
    if offset < 0:
        return start, start + len(first_line)
    return start + offset, start + offset + len(cleaned)


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


def name_entities(doc: Doc) -> list[tuple[str, int, int]]:
    """Return (spaCy label, start char, end char) of the doc's PERSON and ORG entities, in text order."""
    return [(e.label_, e.start_char, e.end_char) for e in doc.ents if e.label_ in LABEL_KINDS]


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
    for label, ent_start, ent_end in name_entities(doc):
        kind = LABEL_KINDS[label]
        start, end = _name_span(text, ent_start, ent_end)
        surface = text[start:end]
        if kind == "organization" and names.ends_with_title(text[max(0, ent_start - 40) : start]):
            kind = "person"  # "Chancellor Olaf Scholz" tagged ORG
        elif kind == "person" and surface.split()[-1:] and (
                surface.split()[-1] in _org_suffixes() or names.is_title_plural(surface.split()[-1])):
            kind = "organization"  # "Jones Medical Industries Inc", "Law Lords" tagged PERSON
        if is_junk_name(surface) or _is_place(text, start, end, places):
            continue
        if kind == "person" and surface in load_gazetteer().person_like and (start, end) in places:
            continue
        found.append((kind, start, end, surface))
    person_surnames = {names.surname(s) for k, _, _, s in found if k == "person" and len(s.split()) > 1}
    addressed = names.addressed_surnames(text)
    found = [
        ("person" if k == "organization" and _is_person_name(s, person_surnames, addressed) else k, a, b, s)
        for k, a, b, s in found
    ]
    person_surnames = {names.surname(s) for k, _, _, s in found if k == "person" and len(s.split()) > 1}
    found += _untagged_surnames(text, person_surnames, found, places)
    mentions: list[EntityMention] = []
    for kind in ("person", "organization"):
        surfaces = [s for k, _, _, s in found if k == kind]
        canonical = names.canonicalize_names(surfaces, names.ENTITY_RULES, kind)
        for k, start, end, surface in found:
            if k != kind:
                continue
            name = canonical[surface]
            via = "ner" if name == surface else "alias"
            mentions.append(EntityMention(kind, name, name, start, end, surface, via))
    return sorted(mentions, key=lambda m: (m.start, m.end))
