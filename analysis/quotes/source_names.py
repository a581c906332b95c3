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
  :func:`is_people_of_a_country` ("Ukrainians"), :func:`names_no_source` (a law, "the West"),
  :func:`quoted_by_document` (a law's words in quotation marks: no one's speech),
  :func:`after_subheading` (a mention without the subheading its sentence ran on from),
  :func:`after_time_stamp` (without a live blog's "14:24 -").
- :func:`is_location`: a place named as a location ("interests in Crimea"), never the source a
  later "it" means.
- :func:`written_by`: the author of a work named as the source ("Brown's Britain, by Robert
  Peston, says"), who is the speaker.
- :func:`organization_name`: an organisation without the words that only describe it ("AFP news
  agency" -> "AFP"), and no description in front of its name ("a local news portal CityNews").
- :func:`party_before`: the one party named shortly before "the party" ("Labour's campaign, the
  party has confirmed" -> "Labour").
- :func:`national_body` (:mod:`analysis.quotes.national_bodies`): a body every state has, named
  with the country the article gives it ("the Foreign Ministry" -> "Russian Foreign Ministry").
"""

from __future__ import annotations

import functools
import re

from spacy.tokens import Doc, Span, Token

from analysis import names, resources
from analysis.countries import load_gazetteer
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
_LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")


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


def names_no_source(span: Span, head: Token) -> bool:
    """Whether a mention names a law ("the Russian Criminal Code", ``law_names.txt``) or a region no
    one government speaks for ("the West", ``region_sources.txt``): an unnamed source, not a speaker.
    """
    if head.is_title and head.lower_ in word_list("law_names.txt"):  # not the recogniser's LAW: it tags
        return True  # "the Foreign Ministers of the Visegrad Group" so
    return " ".join(t.lower_ for t in span if t.lower_ != "the") in word_list("region_sources.txt")


def quoted_by_document(doc: Doc, start: int) -> bool:
    """Whether the quotation at character ``start`` is the wording of a law that is its clause's
    subject ("The amendments, signed by President Vladimir Putin, make “information ...” a state
    secret"): the law's words, no speech of the person named beside it.
    """
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    verb = span[0] if span is not None and len(span) else None
    while verb is not None and verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None) if verb is not None else None
    if subject is None:
        return False
    law = subject.lemma_.lower() in word_list("law_names.txt")  # "the amendments", "the decree"
    return law or names_no_source(doc[subject.left_edge.i : subject.i + 1], subject)


def is_people_of_a_country(head: Token) -> bool:
    """Whether a mention is the people of a country ("Ukrainians", "Americans"): no one source."""
    target = load_gazetteer().targets.get(head.text)
    return head.tag_ in ("NNPS", "NNS") and target is not None and target.via == "demonym"


#: Nouns by which an article names a newspaper it has already named ("the paper said").
_PAPERS = frozenset({"paper", "newspaper"})


#: Verbs whose subject made the text they are "in": "Naftohaz said in a statement".
_SAYING_IN = frozenset({"say", "state", "announce", "write", "tell", "declare", "claim", "warn", "add"})


def owners(document: Token, span: Span | None) -> list[Token]:
    """The proper nouns that may name the author of a statement or text: one before it in its
    mention ("a CNN national poll", "Naftohaz's statement"), a newspaper's name in apposition
    ("the newspaper Al-Ahram"), the object of "by", "from", "of", the subject of the saying it is in ("Naftohaz
    said in a statement").
    """
    before = span if span is not None else document.doc[document.left_edge.i : document.i]
    owners = [c for c in document.children if c.dep_ == "appos" and c.pos_ == "PROPN"  # "newspaper Al-Ahram"
              and document.lemma_.lower() in _PAPERS]  # not a book's title ("The book, Brown's Britain")
    owners += [t for t in before if t.i < document.i and t.pos_ == "PROPN"][-1:]
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


_CLOCK = re.compile(r"\d{1,2}[:.]\d{2}(?:[ap]\.?m\.?)?")


def after_time_stamp(span: Span) -> Span:
    """A mention without the live blog's time stamp in front of it ("14:24 - US Defense Secretary
    Chuck Hagel" -> "US Defense Secretary Chuck Hagel", "10.55 GMT – Russia's Foreign Ministry"):
    a clock time, the words of its zone and a dash or colon before anything else are dropped; a
    mention without the dash ("10.30 people"), or with nothing after it, is returned as it is.
    """
    if not len(span) or not _CLOCK.fullmatch(span[0].text):
        return span
    index = 1
    while index < len(span) and span[index].lower_ in word_list("clock_words.txt"):  # "GMT", "local time"
        index += 1
    if index + 1 >= len(span) or span[index].text not in ("-", "–", "—", ":"):
        return span
    return span.doc[span.start + index + 1 : span.end]


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


def newspaper_before(span: Span) -> str | None:
    """The newspaper "the paper" or "the newspaper" means: the last name before its head that ends
    with a word of ``newspaper_names.txt`` ("an interview with the Financial Times ... The paper
    said") or stands right before "newspaper" ("The Mirror newspaper said ... The paper said");
    None for any other mention or when the article names none.
    """
    head = span.root
    if head.lemma_.lower() not in _PAPERS or span[0].lower_ != "the":
        return None
    papers = word_list("newspaper_names.txt")
    doc = span.doc
    for index in range(head.i - 1, -1, -1):
        token = doc[index]
        appos = next((c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
        if token.lower_ in _PAPERS and appos is not None:  # "the state-owned newspaper Al-Ahram"
            return organization_name(doc[appos.left_edge.i : appos.i + 1].text)
        named = token.pos_ == "PROPN" and token.is_title and (
            token.lower_ in papers or (index + 1 < len(doc) and doc[index + 1].lower_ in _PAPERS))
        if named:
            start = index
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
                start -= 1
            return organization_name(doc[start : index + 1].text)
    return None


#: How far before "the party" the parties it may mean are looked for (characters).
_PARTY_REACH = 2000
_LEADING_THE = re.compile(r"^(?:the|The|THE)\s+")


def _party_name(ent: Span) -> str | None:
    """The party an entity names ("Labour", "Tory" -> "Conservatives", "Liberal Democrat" ->
    "Liberal Democrats", "the Institutional Revolutionary party"), or None.
    """
    text = _LEADING_THE.sub("", " ".join(ent.text.split()))
    alias = names.organization_alias(text) or names.organization_alias(text + "s")
    after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if alias is None and ent.label_ == "ORG" and after is not None and after.lower_ == "party":
        alias = f"{text} {after.text}"  # "the ruling Institutional Revolutionary party (PRI)"
    elif alias is None and ent.label_ == "ORG" and text.lower().endswith(" party"):
        alias = text
    return alias


def party_before(span: Span) -> str | None:
    """The party "the party" (or "the ruling party", when the article calls that party
    "ruling") means: the one party named within :data:`_PARTY_REACH` characters before it
    ("Labour's election campaign, the party has confirmed"; "Tory delegates are gathering ...
    The party goes into ..."); None when several are named there, none is, or the mention is
    another party ("the opposition party").
    """
    head = span.root
    modifiers = [t.lower_ for t in span if t.i != head.i]
    if head.lemma_.lower() != "party" or not modifiers or modifiers[0] != "the" or len(modifiers) > 2:
        return None
    doc = span.doc
    named = {}
    for ent in doc.ents:
        if span.start_char - _PARTY_REACH <= ent.start_char and ent.end_char <= span.start_char:
            if (party := _party_name(ent)) is not None:
                named[party] = ent
    if len(named) != 1:
        return None
    party, ent = next(iter(named.items()))
    if len(modifiers) == 2 and not any(  # "the ruling party": the article calls this party "ruling"
            t.lower_ == modifiers[1] for t in doc[max(0, ent.start - 2) : ent.end]):
        return None
    return party
