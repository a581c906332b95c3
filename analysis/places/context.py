"""The context rules of :func:`analysis.countries.find_places`: whether the words around a match
(titles, neighbouring name words, cue words, a line in capitals, a qualifier such as "Paris,
Texas") and spaCy's entities let it name a country, a region or a place below the country.
"""

from __future__ import annotations

import re

from analysis.places.gazetteer import Gazetteer, Target
from analysis.places.readings import MIN_POPULATION, NAME_PRIOR, Reading

#: NER labels that denote places; other labels spanning a match may veto it.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP"})
#: Kinds of evidence that are names of places, which a longer ORG name swallows
#: ("Washington Post", "New York Times", "Moscow Times").
PLACE_VIAS = frozenset({"capital", "city", "seat"})


def _previous_word(text: str, start: int) -> str:
    """Return the word right before ``start`` on the same line ('' at a sentence start)."""
    before = text[max(0, start - 40) : start]
    if not before.strip() or re.search(r"[.!?:;\n\"“”(]\s*$", before):
        return ""
    match = re.search(r"([A-Za-zÀ-ÿ'’.-]+)[ \u00a0]+$", before)
    return match.group(1) if match else ""  # "22, Palestine": no word right before


def _title_before(text: str, start: int, titles: frozenset) -> bool:
    """Tell whether a person's title ("Mr", "Dr.") stands right before ``start``."""
    before = text[max(0, start - 12) : start]
    words = before.split()
    return bool(words) and before.endswith(" ") and words[-1] in titles


def _next_word(text: str, end: int) -> str:
    """Return the word right after ``end`` when only a space separates them."""
    match = re.match(r"[ \u00a0]([A-Za-zÀ-ÿ][\w’'-]*)", text[end : end + 40])
    return match.group(1) if match else ""


def _looks_like_name_part(word: str, exceptions: frozenset) -> bool:
    """Tell whether a neighbouring word looks like part of a person's name."""
    return bool(word) and word[0].isupper() and not word.isupper() and word not in exceptions


_INITIAL_BEFORE = re.compile(r"[A-Z][a-z]+ [A-Z]\. $")


def _is_part_of_person_name(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Heuristic without NER: 'Michael Jordan', 'Chad Smith', 'Michael B. Jordan'."""
    if _INITIAL_BEFORE.search(text[max(0, start - 30) : start]):
        return True
    before = _previous_word(text, start)
    after = _next_word(text, end)
    exceptions = gazetteer.neighbour_exceptions
    return _looks_like_name_part(before, exceptions) or _looks_like_name_part(after, exceptions)


def _names_something_else(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """Tell whether a capital/city/seat is part of another name.

    Either a treaty, newspaper or team follows ("Kyoto Protocol", "Washington Post",
    "Manchester City"), or a capitalised name word precedes it ("Lopez Trujillo").
    """
    if _next_word(text, end) in gazetteer.place_followers:
        return True
    before = _previous_word(text, start)
    return _looks_like_name_part(before, gazetteer.neighbour_exceptions)


def _count_cues(cues: list[str], text: str) -> int:
    """Count case-sensitive whole-word occurrences of any cue in ``text``."""
    if not cues:
        return 0
    pattern = r"(?<![\w])(?:" + "|".join(map(re.escape, cues)) + r")(?![\w])"
    return len(re.findall(pattern, text))


def _ambiguity_score(surface: str, text: str, start: int, end: int, gazetteer: Gazetteer) -> int:
    """Score an ambiguous surface ("Georgia"): positive means the country, negative not.

    A blocking pattern right around the match ("state of Georgia") gives -100. Otherwise
    country cues minus other cues within the window, then in the whole text; 0 when neither
    decides.
    """
    rule = gazetteer.ambiguous[surface]
    near_start = max(0, start - 30)
    near = text[near_start : end + 30]
    for pattern in rule.get("other_patterns", []):
        for hit in re.finditer(re.escape(pattern), near):
            if hit.start() + near_start < end and hit.end() + near_start > start:
                return -100
    window = (
        text[max(0, start - gazetteer.window_chars) : start] + " " + text[end : end + gazetteer.window_chars]
    )
    for scope in (window, text[:start] + " " + text[end:]):
        score = _count_cues(rule["country_cues"], scope) - _count_cues(rule["other_cues"], scope)
        if score:
            return score
    return 0


def _mostly_upper_line(text: str, start: int) -> bool:
    """Tell whether the line around ``start`` is set in capitals (a shouting headline)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", start)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    letters = [ch for ch in line if ch.isalpha()]
    return len(line.split()) >= 3 and sum(ch.isupper() for ch in letters) > 0.8 * len(letters)


def _entity_veto(
    ents: list[tuple[int, int, str]],
    start: int,
    end: int,
    surface: str,
    target: Target,
    gazetteer: Gazetteer,
    context_says_country: bool,
) -> bool:
    """Tell whether spaCy's entities say the match is part of a person's or organisation's name.

    An entity covering exactly an ambiguous surface ("Jordan" as PERSON) does not veto it when
    the surrounding cue words already say it is the country (the small model often tags
    "Jordan" as a person).
    """
    for ent_start, ent_end, label in ents:
        if ent_end <= start or ent_start >= end:
            continue
        covers_more = ent_start < start or ent_end > end
        if label == "PERSON":
            if target.via == "demonym" and ent_start == start:
                continue  # "Russian President Vladimir Putin" tagged as one PERSON
            if covers_more:
                return True
            if (
                surface in gazetteer.person_like or surface in gazetteer.ambiguous
            ) and not context_says_country:
                return True
        elif label in {"ORG", "WORK_OF_ART", "PRODUCT", "EVENT"} and covers_more:
            if target.via in PLACE_VIAS and ent_start == start:
                return True  # "Washington Post", "Moscow Times"
        elif label not in PLACE_LABELS and target.via == "city" and not covers_more:
            return True
    return False


def accept_match(
    text: str,
    start: int,
    end: int,
    target: Target,
    ents: list[tuple[int, int, str]] | None,
    gazetteer: Gazetteer,
) -> bool:
    """Apply the context rules to one candidate match."""
    surface = text[start:end]
    if target.kind == "block":
        return False
    articles = gazetteer.needs_article.get(surface)
    if articles and not any(text[max(0, start - len(a)) : start] == a for a in articles):
        return False
    if surface in gazetteer.words_in_capitals and _mostly_upper_line(text, start):
        return False
    if surface in gazetteer.shout_only and not _mostly_upper_line(text, start):
        return False  # "RUSSIA" only in a headline set in capitals
    if target.kind == "country" and _title_before(text, start, gazetteer.person_titles):
        return False  # "Mr Houston", "Dr Jordan"
    if target.via in PLACE_VIAS and _names_something_else(text, start, end, gazetteer):
        return False
    if (surface in gazetteer.person_like or surface in gazetteer.ambiguous) and target.via != "demonym":
        if _is_part_of_person_name(text, start, end, gazetteer):
            return False
    score = 0
    if surface in gazetteer.ambiguous:
        score = _ambiguity_score(surface, text, start, end, gazetteer)
        default_is_country = gazetteer.ambiguous[surface].get("default", "country") == "country"
        if score < 0 or (score == 0 and not default_is_country):
            return False
    if ents is not None and _entity_veto(ents, start, end, surface, target, gazetteer, score > 0):
        return False
    return True


def qualifier_after(text: str, end: int, gazetteer: Gazetteer) -> tuple[str, str] | None:
    """The (iso3, region) of a state, province or country written right after a name ("Paris, Texas")."""
    match = gazetteer.qualifier_after.match(text, end)
    if match is None:
        return None
    word = match.group(1)
    if word.endswith(".") or len(word) > 2 or text[match.end(1) : match.end(1) + 1] in {",", ".", ")", ";", ":"}:
        return gazetteer.qualifiers[word]
    return None  # a bare postal code ("Paris, TX") only when punctuation follows: "Russia, IN 2008"


def _place_vetoed(text: str, start: int, end: int, nearby, gazetteer: Gazetteer) -> bool:
    """Tell whether a place-name match is part of another name (a person, newspaper, team)."""
    if _title_before(text, start, gazetteer.person_titles) or _names_something_else(text, start, end, gazetteer):
        return True
    for ent_start, ent_end, label in nearby or ():
        if ent_end <= start or ent_start >= end:
            continue
        covers_more = ent_start < start or ent_end > end
        if label == "PERSON" and covers_more:
            return True
        if label in {"ORG", "WORK_OF_ART", "PRODUCT", "EVENT"} and ent_start == start and ent_end > end:
            return True  # "Columbus Dispatch", "Texas Instruments"
    return False


def place_readings(text: str, start: int, end: int, readings, nearby, gazetteer, country_ok: bool, qualified: bool):
    """The readings of a place name that the local context allows (see the module docstring).

    States, provinces and counties count unless another name contains them. A city also needs
    no capitalised neighbour that would make it part of a name ("Columbus Day", "Jack London")
    and to be a name: one of spaCy's entities exactly (any label but PERSON: the small model
    often calls "Gainesville man" an ORG) or inside a place entity, or, without a doc, not first
    in its sentence ("Shaping the budget"). Other countries' states need the same.
    """
    if _place_vetoed(text, start, end, nearby, gazetteer):
        return ()
    city_ok = qualified or country_ok
    if not city_ok and not _is_part_of_person_name(text, start, end, gazetteer):
        if nearby is None:
            city_ok = bool(_previous_word(text, start))
        else:
            city_ok = any((s == start and e == end and label != "PERSON")
                          or (label in PLACE_LABELS and s <= start and e >= end) for s, e, label in nearby)
    if nearby is None:
        place_tag = bool(_previous_word(text, start))
    else:
        place_tag = any(label in PLACE_LABELS and s <= start and e >= end for s, e, label in nearby)
    return tuple(r for r in readings if _needs_no_tag(r) or (r.kind == "county" and (place_tag or qualified))
                 or (r.kind != "county" and city_ok))


def _needs_no_tag(reading: Reading) -> bool:
    """Tell whether a reading counts without spaCy's tag: a US county ("Laurel County"), a state
    or province of a country whose subdivisions are English names (US, Canada, Australia, UK).

    A UK county or district ("Kent", "Norfolk") needs spaCy's place tag (or a qualifier).
    """
    if reading.kind == "county":
        return reading.region.startswith("US")
    return reading.kind == "state" and reading.region[:2] in {"US", "CA", "AU", "GB"}


def country_reading(target: Target, readings) -> Reading:
    """The reading of a country-level surface, with its prior beside the places it shares a name with."""
    if target.via in {"name", "demonym", "seat", "institution"}:
        return Reading(target.key, "", NAME_PRIOR, target.via)
    own = [r for r in readings if r.iso3 == target.key and r.kind == "city"]
    largest = max(own, key=lambda r: r.prior, default=Reading(target.key, "", 1_000_000, "city"))
    prior = max(largest.prior, MIN_POPULATION)  # a listed capital or city counts however small ("Ramallah")
    return Reading(target.key, largest.region, 2 * prior if target.via == "capital" else prior, target.via)
