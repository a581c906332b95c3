"""The name a source is shown under: one source per government, per agency.

- :func:`government_source`: news names a government by its country ("Russia said"), its
  capital ("Moscow said") or its seat ("the Kremlin said"). A country standing for its
  government is a real source and stays; a capital or seat of power listed in
  ``rules/quotes/government_seats.tsv`` is the same source as its country ("Moscow", "the
  Kremlin" -> "Russia"; "Washington", "US" -> "United States"), so that an analyst's speaker
  list counts one Russian government, not three. The offices of a head of government
  ("Downing Street", "the White House") are not listed: news and speakers_dev's annotators name
  them as sources of their own. The mention in the text is kept (``speaker_start``/``speaker_end``),
  so the reader still sees "the Kremlin".
- :func:`is_institution`: a seat of power or state institution ("Downing Street") is an
  organisation, whatever the recogniser made of it.
- What a mention names before it is resolved (used by :mod:`analysis.quotes.speakers`):
  :func:`group_name` (an organisation's capitalised words), :func:`holders_of_body` ("the Foreign
  Ministers of the Visegrad Group" -> "Visegrad Group"), :func:`relayed_source` ("X quoted Y as
  saying": Y), :func:`is_document` and :func:`owners` (a text and who may have written it),
  :func:`is_people_of_a_country` ("Ukrainians"), :func:`after_subheading` (a mention without
  the subheading its sentence ran on from).
- :func:`is_location`: a place named as a location ("interests in Crimea"), never the source a
  later "it" means.
- :func:`written_by`: the author of a work named as the source ("Brown's Britain, by Robert
  Peston, says"), who is the speaker.
- :func:`organization_name`: an organisation without the words that only describe it ("AFP news
  agency" -> "AFP"), and no description in front of its name ("a local news portal CityNews").
- :func:`national_body`: a body every state has (``rules/quotes/state_bodies.txt``: "Foreign
  Ministry", "Security Service", "government", "Congress") is named with the country the article
  gives it, so that the ministries of Russia, Ukraine and South Korea are three sources, not one:
  the country in the mention ("Russia's Foreign Ministry", "the ministry in Moscow", "the
  country's Interior Ministry": the country named last before it), else the country the article
  gives the same body elsewhere ("Russian Foreign Ministry spokesman ...", "South Korea's Ministry
  of Foreign Affairs" for "the Foreign Ministry"; the nearest before the mention, else the first
  after), else the country the article is about (:func:`article_country`: its dateline,
  "MOSCOW (RIA Novosti) —", or the one country it names: "the Interior Ministry" of an article
  that names only Peru and Lima), written as "<adjective> <body>" ("Russian Foreign Ministry",
  :func:`country_adjective`). A body the article gives no country keeps the name the article gives it ("the defence
  ministry" of "Russia moved troops, according to the defence ministry": the reader infers
  the country, the article does not say it); the corpus-wide merge never joins it to a body
  with a country (:func:`analysis.names.merge_across_articles` merges organisations by spelling
  only). Words glued after a ministry's field are no part of its name ("Ministry of Defense
  Ochakov", a sentence run on), nor the place where a body is ("Ukrainian Armed Forces in
  Marinka").
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

from analysis import names, resources
from analysis.countries import load_gazetteer
from analysis.names.shape import is_common_word
from analysis.quotes.lexicon import evidence_nouns, speech_nouns, word_list


@functools.cache
def _seats() -> dict[str, str]:
    """``{capital or seat as written: country}`` of ``government_seats.tsv``."""
    rows = [line.split("\t") for line in resources.entries(resources.rules_file("quotes", "government_seats.tsv"))]
    return {seat.strip(): country.strip() for seat, country in rows}


def government_source(name: str | None) -> str | None:
    """The country a capital or seat of power stands for as a source ("Moscow", "the Kremlin" ->
    "Russia"), or None for any other name (a country, a person, "Downing Street").
    """
    if not name:
        return None
    bare = name[4:] if name[:4] in ("the ", "The ") else name
    return _seats().get(bare.strip())


_DETERMINERS = frozenset({"a", "an", "its", "his", "her", "their", "our"})


def is_institution(name: str | None) -> bool:
    """Whether a name is a seat of power or a state institution of the gazetteer ("Downing Street",
    "White House", "Pentagon", "Foreign Office"): an organisation, never a person.
    """
    bare = (name or "")[4:] if (name or "")[:4] in ("the ", "The ") else (name or "")
    target = load_gazetteer().targets.get(bare.strip())
    return target is not None and target.via in ("seat", "institution")


def organization_name(name: str | None) -> str | None:
    """The name of an organisation speaker without the words that only describe it ("AFP news
    agency" -> "AFP", ``rules/quotes/organization_descriptors.txt``); after "a"/"its"... only the
    capitalised name at its end ("a local news portal CityNews" -> "CityNews"), None when there
    is none ("its advisory service"). Other names are returned as they are.
    """
    words = (name or "").split()
    if not words:
        return name
    if words[0] in _DETERMINERS:
        end = len(words)
        start = end
        while start > 1 and words[start - 1][:1].isupper():
            start -= 1
        if start == end:
            return None
        words = words[start:]
    lower = " ".join(words).lower()
    for descriptor in word_list("organization_descriptors.txt"):
        if lower.endswith(" " + descriptor):
            kept = words[: len(words) - len(descriptor.split())]
            if kept and kept[-1][:1].isupper():
                words = kept
            break
    return " ".join(words)


def is_location(ent: Span) -> bool:
    """Whether a place is named as a location, not as an actor: the object of a locative
    preposition ("interests in Crimea", ``rules/quotes/locative_prepositions.txt``), or the
    title of a work by someone ("Brown's Britain, by Robert Peston").
    """
    root = ent.root
    return ent.label_ == "GPE" and ((root.dep_ == "pobj" and root.head.lower_ in word_list(
        "locative_prepositions.txt")) or written_by(root) is not None)  # "Brown's Britain, by X,": a title


def written_by(head: Token) -> Token | None:
    """The author of a work that speaks ("Brown's Britain, by Robert Peston, says ..."): the object
    of a "by" set beside a capitalised source between commas, or None.
    """
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "by" and child.i > 0 and head.doc[child.i - 1].text == ",":
            return next((o for o in child.children if o.dep_ == "pobj" and o.ent_type_ == "PERSON"), None)
    return None


#: Words of a body's field that mean the same ("Defense"/"Defence", "Internal"/"Interior" Affairs).
_SAME_FIELD = {"defense": "defence", "internal": "interior"}
#: Words of a body's name that say nothing of its field ("Ministry of Foreign Affairs" = "Foreign Ministry").
_NO_FIELD = frozenset({"of", "the", "and", "affairs", "for"})
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")
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
#: How an entity may name the country an article is about.
_ARTICLE_VIAS = ("name", "demonym", "capital", "seat", "city")


def article_country(doc: Doc) -> str | None:
    """The country an article says it is about, for a state body it names without one ("the
    Foreign Ministry said"): the place of a dateline with an agency at the start of the article
    ("MOSCOW, August 8 (RIA Novosti) —"), else the one country its places and peoples all name
    ("Lima", "Peru", "Peruvian"); None when the article names none or several (a Russian and a
    Ukrainian ministry are both "the defence ministry" to a reader who must infer it).
    """
    if "article_country" in doc.user_data:
        return doc.user_data["article_country"]
    found = None
    dateline = _AGENCY_DATELINE.search(doc.text, 0, _DATELINE_CHARS)
    if dateline is not None:
        words = dateline.group(1).title().split()
        place = _country_at(words, 0, ("name", "capital", "seat")) if words else None
        found = place[1] if place is not None and place[0] == len(words) else None
    if found is None:
        countries = set()
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP"):
                words = ent.text.split()
                place = _country_at(words, 0, _ARTICLE_VIAS)
                if place is not None and place[0] == len(words):
                    countries.add(place[1])
        found = next(iter(countries)) if len(countries) == 1 else None
    doc.user_data["article_country"] = found
    return found


def _joined(tokens: list[Token]) -> str:
    """The text of tokens in order, a space where the parse skipped words."""
    text = ""
    for index, token in enumerate(tokens):
        gap = index and token.i != tokens[index - 1].i + 1 and not text.endswith(" ")
        text += (" " if gap else "") + token.text_with_ws
    return text


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
    if iso is None:
        iso = article_country(span.doc)
    if iso is None:
        return " ".join(words)
    return f"{demonym or country_adjective(iso)} {' '.join(words)}"


def group_name(span: Span, ent: Span) -> str:
    """The name of an organisation, country or group: the entity, or the longer capitalised
    words of the mention around it ("The Liberal Democrats" when only "Democrats" is tagged).
    """
    doc = span.doc
    start, end = ent.start, ent.end
    while start > span.start and doc[start - 1].pos_ in ("PROPN", "ADJ") and doc[start - 1].is_title:
        start -= 1
    while end < span.end and doc[end].pos_ == "PROPN" and doc[end].is_title:
        end += 1
    name = doc[start:end].text
    return _LEADING_ARTICLE.sub("", name).removesuffix("'s").removesuffix("’s")


def holders_of_body(span: Span, head: Token) -> str | None:
    """The body whose office holders speak together: "the Foreign Ministers of the Visegrad Group"
    -> "Visegrad Group" (plural title, "the", "of" a named organisation); else None. "A spokesman
    for X", "officials of X", "an aide to X" are unnamed sources and stay so
    (``unnamed_sources.txt``); one holder ("the foreign minister of X") is a person.
    """
    singular = head.lemma_.lower() if head.lemma_.lower() != head.lower_ else head.lower_.removesuffix("s")
    if (head.tag_ not in ("NNS", "NNPS") or span[0].lower_ != "the" or singular not in names.title_words()
            or singular in word_list("unnamed_sources.txt")):
        return None
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            body = next((c for c in child.children if c.dep_ == "pobj"), None)
            # a named organisation, or one name the recogniser made of the whole phrase (any label)
            named = body is not None and (body.ent_type_ == "ORG" or (
                body.pos_ == "PROPN" and body.ent_type_ and body.ent_type_ not in {"GPE", "NORP", "FAC"}
                and head.ent_type_ == body.ent_type_))
            if not named or any(c.dep_ == "conj" for c in body.children):
                return None
            words = [t for t in span.doc[body.left_edge.i : body.i + 1] if t.lower_ not in ("the", "a", "an")]
            if words and all(t.pos_ == "PROPN" or t.is_title or t.is_upper for t in words):
                return " ".join(t.text for t in words)
    return None


def is_document(head: Token) -> bool:
    """Whether a mention names a statement, poll or text rather than who made it ("the report")."""
    lemma = head.lemma_.lower()
    return head.pos_ == "NOUN" and lemma in speech_nouns() | evidence_nouns() | word_list("source_documents.txt")


def is_people_of_a_country(head: Token) -> bool:
    """Whether a mention is the people of a country ("Ukrainians", "Americans"): no one source."""
    target = load_gazetteer().targets.get(head.text)
    return head.tag_ in ("NNPS", "NNS") and target is not None and target.via == "demonym"


#: Verbs whose subject made the text they are "in": "Naftohaz said in a statement".
_SAYING_IN = frozenset({"say", "state", "announce", "write", "tell", "declare", "claim", "warn", "add"})


def owners(document: Token, span: Span | None) -> list[Token]:
    """The proper nouns that may name the author of a statement or text: one before it in its
    mention ("a CNN national poll", "Naftohaz's statement"), the object of "by", "from", "of",
    the subject of the saying it is in ("Naftohaz said in a statement").
    """
    before = span if span is not None else document.doc[document.left_edge.i : document.i]
    owners = [t for t in before if t.i < document.i and t.pos_ == "PROPN"][-1:]
    for child in document.children:
        if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
            owners += [c for c in child.children if c.dep_ == "pobj" and c.pos_ == "PROPN"]
    verb = document.head.head if document.dep_ == "pobj" and document.head.lower_ == "in" else None
    if verb is not None and verb.pos_ == "VERB" and verb.lemma_.lower() in _SAYING_IN:  # "X said in a statement"
        owners += [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
    return owners


def after_subheading(span: Span) -> Span:
    """A mention without the subheading a sentence ran on from ("No Invasion Before Talks Military
    and political experts polled by X" -> "Military and political experts polled by X"): at the
    start of a sentence, a run of capitalised words with a capitalised small word inside it
    ("Before", with two capitalised words or more after it) is Title Case, no name; the subject
    starts at the run's last word when lower-case words follow ("Military and ..."), or at a name
    the recogniser found inside the run. Other mentions are returned as they are.
    """
    doc = span.doc
    if len(span) < 4 or span.start != span.sent.start:
        return span
    run = 0
    while run < len(span) and (span[run].is_title or span[run].is_upper) and span[run].is_alpha:
        run += 1
    small = next((i for i in range(1, run) if span[i].is_stop and span[i].is_title), None)
    if small is None or run - small < 3 or run >= len(span) or not span[run].is_lower:  # "Secretary Of State and"
        return span
    named = next((i for i in range(small + 1, run) if span[i].ent_iob_ == "B"), None)
    start = named if named is not None else run - 1
    return doc[span.start + start : span.end] if start > small else span


def relayed_source(span: Span) -> Span:
    """The original speaker of a relayed statement: "Interfax quoted Arsen Avakov as saying"
    is Avakov's (the relaying outlet is only the subject of "quoted").
    """
    if not len(span) or span.root.dep_ != "nsubj" or span.root.head.lemma_.lower() != "quote":
        return span
    verb = span.root.head
    quoted = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if quoted is None or not any(c.dep_ in ("prep", "advcl") and c.lower_ == "as" for c in verb.children):
        return span
    return span.doc[quoted.left_edge.i : quoted.right_edge.i + 1]
