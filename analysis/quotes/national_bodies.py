"""State bodies as sources: one speaker per country's ministry, not one "Foreign Ministry" for all.

:func:`national_body`: a body every state has (``rules/quotes/state_bodies.txt``: "Foreign
Ministry", "Security Service", "government", "Congress") is named with the country the article
gives it, so that the ministries of Russia, Ukraine and South Korea are three sources, not one:
the country in the mention ("Russia's Foreign Ministry", "the ministry in Moscow", "the
country's Interior Ministry": the country named last before it), else the country the article
gives the same body elsewhere ("Russian Foreign Ministry spokesman ...", "South Korea's Ministry
of Foreign Affairs" for "the Foreign Ministry"; the nearest before the mention, else the first
after), else, for a ministry, the country the article is about (:func:`article_country`: its dateline,
"MOSCOW (RIA Novosti) —", or the country it names twice as often as all others: "the Interior
Ministry" of a story about Peru), written as "<adjective> <body>" ("Russian Foreign Ministry",
:func:`country_adjective`). A body the article gives no country keeps the name the article gives
it ("the defence ministry" of "Russia moved troops out of provinces that border Ukraine,
according to the defence ministry": the reader infers the country, the article does not say
it); the corpus-wide merge never joins it to another article's body of the same words
(:func:`analysis.names.shape.is_generic`). Words glued after a ministry's field are no part
of its name ("Ministry of Defense Ochakov", a sentence run on), nor the place where a body is
("Ukrainian Armed Forces in Marinka").
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from spacy.tokens import Doc, Span, Token

from analysis import resources
from analysis.countries import load_gazetteer
from analysis.names.shape import is_common_word
from analysis.quotes.lexicon import word_list

#: Words of a body's field that mean the same ("Defense"/"Defence", "Internal"/"Interior" Affairs).
_SAME_FIELD = {"defense": "defence", "internal": "interior"}
#: Words of a body's name that say nothing of its field ("Ministry of Foreign Affairs" = "Foreign Ministry").
_NO_FIELD = frozenset({"of", "the", "and", "affairs", "for"})
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")


def _country_at(words: list[str], start: int, vias: tuple[str, ...]) -> tuple[int, str, str] | None:
    """``(words used, iso3, via)`` of a country named by ``words`` from ``start`` on (up to three
    words, a possessive allowed on the last; a former state with an adjective of its own,
    ``country_adjectives.tsv``, counts: "FRY" -> "YUGOSLAVIA"), or None.
    """
    targets = load_gazetteer().targets
    for size in (3, 2, 1):
        surface = _POSSESSIVE.sub("", " ".join(words[start : start + size]))
        target = targets.get(surface) if start + size <= len(words) else None
        state = target is not None and (target.kind == "country" or target.key in _chosen_adjectives())
        if state and target.via in vias:  # a country, or a former state ("FRY", "Soviet")
            return size, target.key, target.via
    return None


def _split_body(name: str) -> tuple[str | None, str | None, list[str]] | None:
    """``(iso3, demonym as written, body words)`` of a state body's name ("Russia's Foreign Ministry"
    -> ("RUS", None, ["Foreign", "Ministry"]); "Security Service of Ukraine" -> ("UKR", None, [...])),
    or None when the name is no body of ``state_bodies.txt`` without a name of its own.
    """
    words = [w for w in name.replace("\u00a0", " ").split() if w not in ("-", "–", "—")]
    while words and (words[0].lower() in ("the", "a", "an") or any(c.isdigit() for c in words[0])):
        words = words[1:]  # "13:21 - Ukraine's Foreign Ministry": a time stamp of a live page
    iso, demonym = None, None
    found = _country_at(words, 0, ("name", "demonym")) if words else None
    if found is not None and len(words) > found[0]:
        iso, demonym = found[1], " ".join(words[: found[0]]) if found[2] == "demonym" else None
        words = words[found[0] :]
    for index in range(1, len(words) - 1):  # "Security Service of Ukraine", "the ministry in Moscow"
        if words[index].lower() in ("of", "in"):
            after = index + 1 + (words[index + 1].lower() == "the")
            found = _country_at(words, after, ("name", "capital", "seat") if words[index] == "in" else ("name",))
            if found is not None and after + found[0] == len(words) and iso is None:
                iso, words = found[1], words[:index]
                break
            if words[index] == "in" and all(w[:1].isupper() and not is_common_word(w) for w in words[after:]):
                words = words[:index]  # "Ukrainian Armed Forces in Marinka": where it is, not its name
                break
    lower = [w.lower() for w in words]
    if len(lower) >= 3 and lower[0] == "ministry" and lower[1] == "of":  # "Ministry of Defense Ochakov"
        end = 2
        while end < len(words) and (lower[end] in _NO_FIELD or is_common_word(words[end])):
            end += 1
        words, lower, field = words[:end], lower[:end], words[2:end]
    else:
        head = next((body for body in sorted(word_list("state_bodies.txt"), key=len, reverse=True)
                     if lower[-len(body.split()):] == body.split()), None) if lower else None
        if head is None:
            return None
        field = words[: len(words) - len(head.split())]
    if not words or any(w[:1].isupper() and not is_common_word(w) and w.lower() not in _NO_FIELD for w in field):
        return None  # "Blair government", "Donetsk regional government": a body with its own name
    return iso, demonym, words


def _field(words: list[str]) -> tuple[str, ...]:
    """What a body does, as a key: "Ministry of Foreign Affairs" and "Foreign Ministry" -> ("foreign", "ministry")."""
    kept = {_SAME_FIELD.get(w.lower(), w.lower()) for w in words} - _NO_FIELD
    return tuple(sorted(kept))


@functools.cache
def _chosen_adjectives() -> dict[str, str]:
    """``{iso3 or former state's region key: adjective}`` of ``rules/quotes/country_adjectives.tsv``."""
    rows = [line.split("\t") for line in resources.entries(resources.rules_file("quotes", "country_adjectives.tsv"))]
    return {iso.strip(): adjective.strip() for iso, adjective in rows}


@functools.cache
def country_adjective(iso3: str) -> str:
    """The adjective a country is named with before its bodies ("RUS" -> "Russian", "KOR" ->
    "South Korean", "USA" -> "US", the former state "YUGOSLAVIA" -> "Yugoslav"):
    ``rules/quotes/country_adjectives.tsv``, else the gazetteer's singular demonym closest in
    spelling to the country's name, else the country's name.
    """
    if iso3 in _chosen_adjectives():
        return _chosen_adjectives()[iso3]
    gazetteer = load_gazetteer()
    name = gazetteer.countries.get(iso3, {}).get("name", iso3)
    demonyms = [s for s, t in gazetteer.targets.items() if t.key == iso3 and t.via == "demonym" and t.kind == "country"
                and not s.endswith("s") and not s.isupper() and "-" not in s]

    def shared(demonym: str) -> int:
        size = min(len(demonym), len(name))
        return next((i for i in range(size) if demonym[i] != name[i]), size)

    return max(demonyms, key=shared, default=name)


def _country_before(doc: Doc, offset: int) -> str | None:
    """The country named last before ``offset`` (what "the country's" means), or None."""
    for ent in reversed([e for e in doc.ents if e.end_char <= offset and e.label_ in ("GPE", "NORP")]):
        found = _country_at(ent.text.split(), 0, ("name", "demonym"))
        if found is not None and found[0] == len(ent.text.split()):
            return found[1]
    return None


def _named_elsewhere(doc: Doc, field: tuple[str, ...], offset: int) -> tuple[str, str | None] | None:
    """``(iso3, demonym as written)`` the article gives the same body elsewhere ("Russian Foreign
    Ministry spokesman X"): the nearest before ``offset``, else the first after; None when it never does.
    """
    heads = {body.split()[-1] for body in word_list("state_bodies.txt")}
    before, after = None, None
    for token in doc:
        if token.lower_ not in heads:
            continue
        first = token.left_edge.i
        breaks = [t.i for t in doc[first : token.i] if "\n" in t.text_with_ws]
        first = breaks[-1] + 1 if breaks else first  # the parse ran over a title line
        tokens = [t for t in doc[first : token.i + 1] if not t.is_punct or t.text == "-"]
        for child in token.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "in"):
                tokens += [t for t in child.subtree if not t.is_punct]
        split = _split_body(_joined(tokens))
        if split is None or _field(split[2]) != field:
            continue
        iso, demonym = split[0], split[1]
        if iso is None and any(t.lower_ == "country" for t in tokens):
            iso = _country_before(doc, token.idx)
        if iso is None:
            continue
        if token.idx < offset:
            before = (iso, demonym)
        elif after is None:
            after = (iso, demonym)
    return before or after


#: A dateline with its agency at the start of a line: "MOSCOW, August 8 (RIA Novosti) —", "KIEV (Reuters) -".
_AGENCY_DATELINE = re.compile(r"^[ \t]*([A-Z][A-Z'.-]+(?:[ -][A-Z][A-Z'.-]+)*)(?:,[^\n(—–]{0,30}?)?[ \t]*"
                              r"\([^)\n]{2,40}\)[ \t]*[-—–―]", re.MULTILINE)
#: How far into an article a dateline is looked for (past a title of a line or two).
_DATELINE_CHARS = 400
#: How many times as often as all the others together the country an article is about is named.
_DOMINANCE = 2
#: How an entity may name the country an article is about.
_ARTICLE_VIAS = ("name", "demonym", "capital", "seat", "city")


def article_country(doc: Doc) -> str | None:
    """The country an article says it is about, for a ministry it names without one ("the
    Foreign Ministry said"): the place of a dateline with an agency at the start of the article
    ("MOSCOW, August 8 (RIA Novosti) —"), else the country its places and peoples name at least
    :data:`_DOMINANCE` times as often as all the others together ("Lima" and "Peru" twelve times,
    Bolivia, "Indians" and "American" five); None when the article names none, or several about
    as often (a Russian and a Ukrainian ministry are both "the defence ministry" to a reader who
    must infer it).
    """
    if "article_country" in doc.user_data:
        return doc.user_data["article_country"]
    found = dateline_country(doc)
    if found is None:
        ranked = country_mentions(doc).most_common()
        others = sum(count for _, count in ranked[1:])
        found = ranked[0][0] if ranked and ranked[0][1] >= _DOMINANCE * others else None
    doc.user_data["article_country"] = found
    return found


def country_mentions(doc: Doc) -> Counter:
    """How often an article's places and peoples name each country (``{iso3: count}``)."""
    countries: Counter = Counter()
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP"):
            words = ent.text.split()
            place = _country_at(words, 0, _ARTICLE_VIAS)
            if place is not None and place[0] == len(words):
                countries[place[1]] += 1
    return countries


def dateline_country(doc: Doc) -> str | None:
    """The country of the place of an agency dateline at the start of an article ("MOSCOW,
    August 8 (RIA Novosti) —" -> "RUS"), or None.
    """
    dateline = _AGENCY_DATELINE.search(doc.text, 0, _DATELINE_CHARS)
    if dateline is None:
        return None
    words = dateline.group(1).title().split()
    place = _country_at(words, 0, ("name", "capital", "seat")) if words else None
    return place[1] if place is not None and place[0] == len(words) else None


def _joined(tokens: list[Token]) -> str:
    """The text of tokens in order, a space where the parse skipped words."""
    text = ""
    for index, token in enumerate(tokens):
        gap = index and token.i != tokens[index - 1].i + 1 and not text.endswith(" ")
        text += (" " if gap else "") + token.text_with_ws
    return text


def _is_ministry(words: list[str]) -> bool:
    """Whether a body is a ministry of common words ("Interior Ministry", "Ministry of Defence"),
    the bodies :func:`article_country` names; "Congress", "the Cabinet" or "Supreme Court" also
    name a party or one country's body by custom, and "California Supreme Court" or "Greater
    Manchester Police" a place's own.
    """
    targets = load_gazetteer().targets
    return "ministry" in (words[0].lower(), words[-1].lower()) and not any(word in targets for word in words)


def national_body(name: str | None, span: Span) -> str | None:
    """The name of a state body speaker with its country ("Foreign Ministry" -> "Russian Foreign
    Ministry", "Ministry of Defense Ochakov" -> its country's "Ministry of Defense"), the body's
    own words when the article gives it no country ("Foreign Ministry"), or None for any other
    name (left as it is). ``span`` is the mention ("Russia's Foreign Ministry", "the ministry").
    """
    split = _split_body(name or "")
    if split is None:
        return None
    iso, demonym, words = split
    if iso is None:  # the mention may hold the country the name lost ("Ukraine's Defense Ministry")
        mention = _split_body(" ".join(span.text.split()))
        if mention is not None and mention[0] is not None and _field(mention[2]) == _field(words):
            iso, demonym = mention[0], mention[1]
        elif any(t.lower_ == "country" and t.dep_ == "poss" for t in span):  # "the country's Interior Ministry"
            iso = _country_before(span.doc, span.start_char)
    if iso is None and (elsewhere := _named_elsewhere(span.doc, _field(words), span.start_char)):
        iso, demonym = elsewhere
    if iso is None and _is_ministry(words):
        iso = article_country(span.doc)
    if iso is None:
        return " ".join(words)
    return f"{demonym or country_adjective(iso)} {' '.join(words)}"
