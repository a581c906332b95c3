"""Aliases: which names of an article, or of the whole corpus, are one person or one body.

:func:`merge_aliases` is the one merging algorithm. It is used per article for people and
organisations (:mod:`analysis.entities`, through :func:`canonicalize_names`), per article for
speakers (:mod:`analysis.quotes.speakers`) and across the corpus at load time
(:func:`merge_across_articles`, called by :mod:`analysis.store`). Its rules:

1. **Kinds never mix**: callers merge people and organisations apart; across the corpus each
   name's kind (person, organisation, place) is voted by the rows that carry it.
2. **Spelling variants are one name** (same :func:`~analysis.names.shape.name_keys`:
   Yanukovych/Yanukovich, Kilroy-Silk/Kilroy Silk, Vitaly/Vitali, case), written in their most
   frequent form that looks like a name. For people, so are two full names that differ only by
   the familiar and formal forms of their first name ("Vince Cable" / "Vincent Cable", "Bill" /
   "William", :mod:`analysis.names.nicknames`), when each is the other's only such form among the
   names of that surname ("Vince Cable" never joins "Vincent Smith").
3. **A name merges only into a longer name**, never into a phrase that merely contains it
   (:func:`~analysis.names.shape.is_name`: "Clarence Thomas" never becomes "Such recent
   body-blows to Congress as Kitegate and the Clarence Thomas"). The longer name contains its
   words in order and ends with the same word; for people, a surname only into a full name whose
   added words may be first names ("Putin" -> "Vladimir Putin", not "Outside Gandhi"), a full
   name only into one with the same first name ("John Danforth" -> "John C. Danforth", not
   "Hillary Clinton" -> "Crooked Hillary Clinton"); with ``first_names`` a known first name
   alone into the most frequent "First Surname" ("Hillary" -> "Hillary Clinton", not "Universe"
   -> "Universe Alicia Machado"), unless it is also a surname there ("Clinton" never -> "Clinton Plan" beside
   "Hillary Clinton").
   A surname alone also merges into a full name whose hyphenated surname it opens ("Kilroy" ->
   "Robert Kilroy-Silk"), and, given the honorific that goes with it (``genders``: "Mr Blair"),
   never into a full name whose first name is of the other gender ("Mr Blair" beside "Tony
   Blair" and "Cherie Blair" is Tony Blair).
4. **Ambiguous names stay** when the longer names are different people or bodies ("Trump"
   beside "Donald Trump" and "Melania Trump"), unless one is ``dominance`` times as frequent as
   all the others together.
5. **Across the corpus** only people merge by surname, and a surname alone only into a full
   name of the same outlet; organisations and places only by spelling (a phrase written partly
   in lower case, "Ukrainian interior ministry", into the same words written as a name,
   "Ukrainian Interior Ministry"); generic words ("government", "police", "court") never. Only
   where it is safe (:data:`CORPUS_PEOPLE_RULES`): a surname alone stays when the corpus holds
   two or more people with it, however rare the others ("Bush" beside "George Bush" and "George
   W Bush"), or when it is also the first name of someone there ("Clinton" beside "Clinton
   Miller": an article that gives no first name may mean either); a full
   name never takes middle names or initials from another article ("George Bush" is not
   "George W Bush", "Howard Metzenbaum" stays as his article writes him).
6. **Known aliases of a party or body** are one organisation, per article and across the corpus
   ("Tories" = "Conservative Party" = "Conservatives", "Lib Dems" = "Liberal Democrats"; the list
   is :mod:`analysis.names.organizations`), whatever kind the rows voted.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from analysis.names.nicknames import are_nickname_forms
from analysis.names.organizations import organization_alias
from analysis.names.shape import (
    NAME_PARTICLES,
    is_first_name,
    is_generic,
    is_name,
    is_place,
    may_be_first_name,
    name_keys,
    name_words,
)
from analysis.names.titles import addressed_surnames, first_name_genders, strip_titles


def surname(name: str) -> str:
    """Return the last word of a name, the key that joins "Putin" to "Vladimir Putin"."""
    words = name.split()
    return words[-1] if words else name


@dataclass(frozen=True)
class MergeRules:
    """What :func:`merge_aliases` may merge besides spelling variants.

    Attributes:
        first_names: A known first name alone merges into the one full name starting with it
            ("Hillary" -> "Hillary Clinton", "Xi" -> "Xi Jinping").
        containment: A name merges into longer names containing it (rule 3); False merges only
            spelling variants (organisations and places across the corpus).
        dominance: When the longer names are not one person or body, the name merges into the
            most frequent only when it is this many times as frequent as the others together
            (``math.inf``: never).
        middle_names: A person's full name merges into one with added middle names or initials
            ("John Danforth" -> "John C. Danforth"); False keeps them apart.
        first_name_surnames: A surname alone that is also the first word of another full name
            ("Clinton" beside "Bill Clinton" and "Clinton Miller") merges; False keeps it.
        nicknames: People's full names whose first names are one name's familiar and formal
            forms are one name ("Vince Cable" = "Vincent Cable"; rule 2).
    """

    first_names: bool = True
    containment: bool = True
    dominance: float = 3.0
    middle_names: bool = True
    first_name_surnames: bool = True
    nicknames: bool = True


#: People and organisations of an article (:mod:`analysis.entities`).
ENTITY_RULES = MergeRules()
#: Speakers of an article (:mod:`analysis.quotes.speakers`): the same rules as entities.
SPEAKER_RULES = ENTITY_RULES
#: People across the corpus: no first name alone joins a full name of another article, nor an
#: ambiguous surname, nor a full name one with other middle names (rule 5).
CORPUS_PEOPLE_RULES = MergeRules(first_names=False, dominance=math.inf, middle_names=False,
                                 first_name_surnames=False)
#: Organisations, places and names of unknown kind across the corpus: spelling variants only.
SPELLING_RULES = MergeRules(first_names=False, containment=False)


def _in_order(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """True when the words of ``short`` occur in ``long`` in the same order."""
    rest = iter(long)
    return all(word in rest for word in short)


def _same_first(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when two first words agree: equal, or one an initial of the other ("J." and "John")."""
    return a[0] == b[0] or ((len(a[0]) == 1 or len(b[0]) == 1) and a[0][:1] == b[0][:1])


def _one_referent(a: tuple[str, ...], b: tuple[str, ...], kind: str, rules: MergeRules) -> bool:
    """True when two longer names may be one person or body ("Vladimir Putin" and "Vladimir V. Putin")."""
    short, long = sorted((a, b), key=len)
    if kind == "person":
        if not rules.middle_names and short != long:
            return False  # "George Bush" and "George W Bush" may be father and son
        return short[-1] == long[-1] and _same_first(short, long) and _in_order(short[1:], long[1:])
    return _in_order(short, long)


def _widens(name: str, keys: tuple[str, ...], other: str, other_keys: tuple[str, ...], kind: str,
            rules: MergeRules) -> bool:
    """True when ``other`` is a longer form of ``name`` (rule 3), both with the same last word."""
    if len(other_keys) <= len(keys) or other_keys[-1] != keys[-1] or not _in_order(keys, other_keys):
        return False
    if kind != "person":
        return True
    if len(keys) > 1 and is_first_name(name_words(name)[0]):
        # not "Hillary Clinton" -> "Crooked Hillary Clinton"; across the corpus no middle names added
        return rules.middle_names and _same_first(keys, other_keys)
    # A surname alone, maybe of several words ("De Blasio", "Munoz Rocha"): first names are added.
    added = name_words(other)[: len(other_keys) - len(keys)]
    # The first added word must be able to be a first name ("Outside Gandhi" is no name), the
    # others may be any middle name ("Abraham Rubio Canales", though "Rubio" is a common word here).
    return may_be_first_name(added[0]) and all(w.lower() in NAME_PARTICLES or w[:1].isupper() for w in added)


def merge_aliases(counts: Mapping[str, int], rules: MergeRules = ENTITY_RULES, kind: str = "person",
                  genders: Mapping[str, str] | None = None) -> dict[str, str]:
    """Map each name to its canonical form, the one alias-merging algorithm (see the module rules).

    Args:
        counts: ``{name: frequency}``, names already cleaned, of one kind (in first-seen order:
            it breaks ties).
        rules: :data:`ENTITY_RULES` (the default, also :data:`SPEAKER_RULES`),
            :data:`CORPUS_PEOPLE_RULES` or :data:`SPELLING_RULES`.
        kind: "person" (surnames and first names count) or any other kind (organisations,
            places: any longer name containing the words in order).
        genders: ``{surname: "m" | "f"}`` for people named alone always with honorifics of one
            gender ("Mr Blair"): they merge into no full name whose first name is of the other.

    Returns:
        ``{name: canonical}`` for every name of ``counts``.
    """
    order = {name: index for index, name in enumerate(counts)}
    variants: dict[tuple[str, ...], list[str]] = {}
    for name in counts:
        variants.setdefault(name_keys(name), []).append(name)
    if kind == "person" and rules.nicknames:
        variants = _join_nickname_forms(variants)
    spelled: dict[str, str] = {}
    total: Counter = Counter()
    keys: dict[str, tuple[str, ...]] = {}
    for key, members in variants.items():
        # Hyphens are the writer's, spaces for them the tokenizer's ("Kilroy-Silk", "Kilroy Silk").
        best = max(members, key=lambda n: (is_name(n), "-" in n, counts[n], -order[n]))
        spelled.update(dict.fromkeys(members, best))
        total[best], keys[best] = sum(counts[n] for n in members), key
    names = [name for name in total if keys[name] and is_name(name)] if rules.containment else []
    by_last: dict[str, list[str]] = {}
    by_first: dict[str, list[str]] = {}
    by_hyphen: dict[str, list[str]] = {}  # "kilroi" -> ["Robert Kilroy-Silk"]
    for name in names:
        by_last.setdefault(keys[name][-1], []).append(name)
        by_first.setdefault(keys[name][0], []).append(name)
        last = name.split()[-1]
        if kind == "person" and len(name.split()) > 1 and "-" in last.strip("-"):
            by_hyphen.setdefault(name_keys(last)[0], []).append(name)
    target = {name: name for name in total}
    for name in names:
        key = keys[name]
        wider = [other for other in by_last[key[-1]] if _widens(name, key, other, keys[other], kind, rules)]
        if len(key) == 1 and kind == "person":
            if not is_first_name(name):  # "Robert" is no part of "Anne Robert-Smith"
                wider += [other for other in by_hyphen.get(key[0], ()) if other not in wider]
            gender = (genders or {}).get(name)
            if gender is not None:
                wider = [other for other in wider if _first_name_gender(other) in (None, gender)]
        if wider and not rules.first_name_surnames and len(key) == 1 and any(
            len(keys[other]) > 1 and keys[other][-1] != key[0] for other in by_first.get(key[0], ())
        ):
            continue  # "Clinton" may be Bill Clinton or Clinton Miller
        if not wider and rules.first_names and kind == "person" and len(key) == 1 and is_first_name(name):
            # A first name alone: the most frequent full name with it, then the longest
            # ("Cherie" -> "Cherie Blair" beside "Cherie Booth", her maiden name).
            first = [other for other in by_first[key[0]] if len(keys[other]) > 1]
            target[name] = max(first, key=lambda other: (total[other], len(other)), default=name)
            continue
        target[name] = _choose(name, wider, total, keys, rules, kind)
    canonical = {}
    for name, best in spelled.items():
        while target[best] != best:  # each step goes to a name with more words: chains end
            best = target[best]
        canonical[name] = best
    return canonical


def _first_name_gender(name: str) -> str | None:
    """"m" or "f" for a full name whose first word is a first name of known gender ("Cherie Blair"), else None."""
    words = name_words(name)
    return first_name_genders().get(words[0].lower()) if len(words) > 1 else None


def _join_nickname_forms(variants: dict[tuple[str, ...], list[str]]) -> dict[tuple[str, ...], list[str]]:
    """Join the spelling groups of full names that differ only by the familiar and formal forms of
    their first name, when each is the other's only such form among the names of that surname
    ("Vince Cable" + "Vincent Cable"; "Bill Smith", "Billy Smith" and "William Smith" stay apart).
    """
    by_rest: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in variants:
        if len(key) > 1:
            by_rest.setdefault(key[1:], []).append(key)
    related: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for keys in by_rest.values():
        for key in keys:
            related[key] = [other for other in keys if are_nickname_forms(key[0], other[0])]
    joined = dict(variants)
    for key, others in related.items():
        if len(others) == 1 and related[others[0]] == [key] and key < others[0] and key in joined:
            joined[others[0]] = joined[others[0]] + joined.pop(key)
    return joined


def _choose(name: str, wider: list[str], total: Counter, keys: dict, rules: MergeRules, kind: str) -> str:
    """The longer name ``name`` merges into: the most frequent, if the others may be the same referent."""
    if not wider:
        return name
    wider.sort(key=lambda other: (-total[other], -len(keys[other])))
    top = wider[0]
    others = sum(total[other] for other in wider[1:] if not _one_referent(keys[top], keys[other], kind, rules))
    return top if not others or total[top] >= rules.dominance * others else name


def canonicalize_names(names: Iterable[str], rules: MergeRules = ENTITY_RULES, kind: str = "person") -> dict[str, str]:
    """Map person or organisation surfaces to canonical names (per article, and across the corpus).

    Titles and possessives are stripped (:func:`~analysis.names.titles.strip_titles`), then
    aliases merge (:func:`merge_aliases`).

    Args:
        names: Surfaces as found (duplicates count as frequency), all of one ``kind``.
        rules: See :func:`merge_aliases`.
        kind: "person" or "organization" (or "place").

    Returns:
        ``{surface: canonical}`` for every distinct input surface.
    """
    surfaces = list(names)
    cleaned = {s: strip_titles(s) or s for s in dict.fromkeys(surfaces)}  # each distinct surface once
    if kind != "person":  # "Tories", "Conservative Party" -> "Conservatives" (rules/names/organization_aliases.tsv)
        cleaned = {s: organization_alias(c) or c for s, c in cleaned.items()}
    merged = merge_aliases(Counter(cleaned[s] for s in surfaces), rules, kind)
    return {s: merged[cleaned[s]] for s in surfaces}


def _corpus_kind(name: str, kinds: Mapping[str, str]) -> tuple[str | None] | None:
    """(kind,) under which :func:`merge_across_articles` merges ``name``; None when it is no name."""
    clean = strip_titles(name)  # "Mr Lavrov" is a name; "Hutton inquiry" ("Hutton") is not
    bare = clean[4:] if clean[:4] in ("The ", "the ") else clean  # "The Lib Dems" is "Lib Dems"
    if organization_alias(name):
        return ("organization",)  # "Lib Dems", "Labour party": whatever the rows voted
    if is_name(bare) and name.endswith(clean) and not is_generic(bare):
        kind = kinds.get(name) or ("place" if is_place(name) else None)
        if addressed_surnames(name) and len(clean.split()) == 1:
            kind = "person"  # "Mr Cable", whatever the statements' speaker kind says
        return (kind,)
    return None


def merge_across_articles(names: Iterable[str], kinds: Mapping[str, str] | None = None) -> dict[str, str]:
    """The renames of the corpus-wide merge: ``{name: canonical}`` for the names that change.

    Args:
        names: The speakers and person and organisation keys of all stored articles, each as
            often as it occurs; an article that only says "Putin" joins "Vladimir Putin" of the
            others.
        kinds: ``{name: "person" | "organization" | "place"}`` as the corpus says (voted by the
            caller); a name missing there is a place when the gazetteer knows it, else of
            unknown kind (merged by spelling only).

    Only names that look like names once their titles are stripped
    (:func:`~analysis.names.shape.is_name`), and no generic words, are renamed or renamed into;
    people merge by :data:`CORPUS_PEOPLE_RULES`, the other kinds by :data:`SPELLING_RULES`.
    :func:`rename_rows` applies the renames row by row, a surname alone only where its outlet
    also has the full name.
    """
    kinds = kinds or {}
    by_kind: dict[str | None, list[str]] = {}
    decided: dict[str, tuple[str | None] | None] = {}  # a name's kind is decided once, not per occurrence
    for name in names:
        if name not in decided:
            decided[name] = _corpus_kind(name, kinds)
        if decided[name] is not None:
            by_kind.setdefault(decided[name][0], []).append(name)
    renames = {}
    for kind, members in by_kind.items():
        rules = CORPUS_PEOPLE_RULES if kind == "person" else SPELLING_RULES
        for name, canonical in canonicalize_names(members, rules, kind or "unknown").items():
            if name != canonical:
                renames[name] = canonical
    renames.update(_lower_case_variants(decided, renames, kinds))
    return renames


def _lower_case_variants(decided: Mapping[str, tuple[str | None] | None], renames: Mapping[str, str],
                         kinds: Mapping[str, str]) -> dict[str, str]:
    """Renames of the names written partly in lower case ("Ukrainian interior ministry", "Clinton
    administration") into the name of the same words written as a name elsewhere in the corpus
    ("Ukrainian Interior Ministry"), when the corpus gives them no different kinds. Names of one
    word (generic: "government") and phrases that no name spells alike stay.
    """
    named: dict[tuple[str, ...], Counter] = {}
    for name, kind in decided.items():
        if kind is not None:
            named.setdefault(name_keys(name), Counter())[(renames.get(name, name), kind[0])] += 1
    found = {}
    for name, kind in decided.items():
        keys = name_keys(name) if kind is None and len(name.split()) > 1 else ()
        if len(keys) > 1 and keys in named:
            (canonical, canonical_kind), _ = named[keys].most_common(1)[0]
            if kinds.get(name) in (None, canonical_kind) and canonical != name:
                found[name] = canonical
    return found


def rename_rows(rows: Iterable[tuple[str | None, str]], renames: Mapping[str, str]) -> list[str | None]:
    """Apply :func:`merge_across_articles` renames to ``(name, outlet)`` rows; the new names in row order.

    A surname alone is renamed only in rows of an outlet whose rows also carry the full name
    ("Kennedy" of a US paper does not become "Charles Kennedy" of the BBC, "Brown" of the Los
    Angeles Times not "Gordon Brown"); every other rename applies everywhere.
    """
    rows = list(rows)
    outlets: dict[str, set[str]] = {}
    for name, outlet in rows:
        if isinstance(name, str):
            outlets.setdefault(name, set()).add(outlet)
    renamed = []
    for name, outlet in rows:
        canonical = renames.get(name) if isinstance(name, str) else None
        alone = canonical is not None and len(name_keys(strip_titles(name))) == 1
        if canonical is None or (alone and outlet not in outlets.get(canonical, ())):
            renamed.append(name)
        else:
            renamed.append(canonical)
    return renamed
