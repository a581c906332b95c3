"""Offices as speakers: which person a title fits, and an office nobody is named holding.

:func:`fits_office`: a description ("the foreign secretary", "the chancellor") fits a person the
article titles only when the title is the same office now: not "Home Secretary Charles Clarke"
for "the foreign secretary" (the field words of ``rules/quotes/office_portfolios.txt`` must
match), nor "former chancellor" or "ex-Conservative chancellor Ken Clarke" for "the chancellor".

:func:`national_role`: "the prime minister", "the chancellor", "the government" that the article
never gives a holder or a country (BBC stories of 2005 rarely write "British Prime Minister Tony
Blair") is the office of the country whose politics the article is about
(:func:`government_country`): "British Prime Minister", "British government"
(``rules/quotes/national_offices.tsv``). Without such a country it stays an unnamed source:
never a person guessed from outside the article.

:func:`spelled_out`: an abbreviated title is read as its words ("The PM" as "the prime minister",
``rules/quotes/title_abbreviations.tsv``).

:func:`named_after_office`: "Minister of Transport Maxim Sokolov" and "representative of the U.S.
Treasury Department Ramin Toloui" are a title with its body, then the holder's name, which the
parser makes one "of" phrase; "a backer of President Viktor Yanukovych" and "the wife of Tony
Blair" name someone else. A name spaCy tags as no person counts when it is a known first name
and a surname (:func:`untagged_holder`: "Maxim Sokolov"); so it does when the parser makes the name
the head at a sentence's start ("Minister of Transport Maxim Sokolov said", "Deputy Minister of
Energy Ivan Petrov", tagged an organisation: :func:`holder_at_end`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from analysis import names, resources
from analysis.quotes.lexicon import word_list
from analysis.quotes.national_bodies import country_adjective, country_mentions, dateline_country

#: Words before a title that make it an office held before, not now ("former", "ex-").
_PAST = frozenset({"former", "ex"})
#: How many times as often as all the others together an article names one country's institutions.
_DOMINANCE = 2


def fits_office(words: set[str], context: set[str]) -> bool:
    """Whether a description of an office (its words: {"the", "foreign", "secretary"}) may mean a
    person whose title words in the article are ``context``: every field word of the description
    is among them ("foreign" for "Foreign Secretary Jack Straw"), and the person's title is not a
    past one ("former chancellor") unless the description says so too.
    """
    fields = words & word_list("office_portfolios.txt")
    return fields <= context and not (context & _PAST) - words


@functools.cache
def _offices() -> dict[str, tuple[str, str]]:
    """``{description words: (office, kind)}`` of ``national_offices.tsv``."""
    rows = [line.split("\t") for line in resources.entries(resources.rules_file("quotes", "national_offices.tsv"))]
    return {words.strip(): (office.strip(), kind.strip()) for words, office, kind in rows}


@functools.cache
def _abbreviations() -> dict[str, list[str]]:
    """``{abbreviation as written: title words}`` of ``title_abbreviations.tsv`` ("PM": prime minister)."""
    rows = [line.split("\t") for line in resources.entries(resources.rules_file("quotes", "title_abbreviations.tsv"))]
    return {short.strip(): words.split() for short, words in rows}


def abbreviated_title(token: Token) -> str | None:
    """The last word of the title an abbreviation spells ("minister" for "PM"), else None."""
    words = _abbreviations().get(token.text)
    return words[-1] if words else None


def spelled_out(tokens: Iterable[Token]) -> list[str]:
    """The lower-case words of tokens with abbreviated titles spelled out: "The PM" -> the, prime, minister."""
    return [word for t in tokens for word in _abbreviations().get(t.text, [t.lower_])]


@functools.cache
def _institutions() -> tuple[re.Pattern, dict[str, str]]:
    """A pattern of the names of ``national_institutions.tsv`` (longest first) and ``{name: iso3}``."""
    rows = [line.split("\t") for line in resources.entries(resources.rules_file("quotes", "national_institutions.tsv"))]
    countries = {name.strip(): iso.strip() for name, iso in rows}
    alternatives = "|".join(re.escape(name) for name in sorted(countries, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])"), countries


def government_country(doc: Doc) -> str | None:
    """The country whose government "the government" or "the prime minister" of an article is:
    the place of an agency dateline ("MOSCOW (RIA Novosti) —"), else the country whose own
    institutions the article names (``national_institutions.tsv``: "Downing Street", "the
    Commons", "Cabinet Office") at least twice as often as all others together (named once, it
    must be a country the article's places name most), else None. A story about Iraq's war that
    names the Commons is about Britain's government; the places alone do not say whose
    government speaks (a Financial Times story naming Mexico most quotes "the administration"
    in Washington).
    """
    if "government_country" in doc.user_data:
        return doc.user_data["government_country"]
    found = dateline_country(doc)
    if found is None:
        pattern, countries = _institutions()
        ranked = Counter(countries[match.group()] for match in pattern.finditer(doc.text)).most_common()
        places = country_mentions(doc) if ranked and ranked[0][1] == 1 else Counter()
        if ranked and ranked[0][1] >= _DOMINANCE * sum(count for _, count in ranked[1:]) and (
                ranked[0][1] > 1 or places[ranked[0][0]] >= max(places.values(), default=0)):
            found = ranked[0][0]  # one "White House" in a story about Egypt is no American government
    doc.user_data["government_country"] = found
    return found


def national_role(span: Span) -> tuple[str, str] | None:
    """``(speaker, kind)`` of a bare office the article names no holder of ("the prime minister"
    -> ("British Prime Minister", "person"), "The government" -> ("British government",
    "organization")) when :func:`government_country` finds the country; None for any other
    mention ("the foreign secretary", "a government", "the Labour government") or country.
    """
    words = spelled_out(t for t in span if not t.is_punct)
    if len(words) < 2 or words[0] != "the" or " ".join(words[1:]) not in _offices():
        return None
    country = government_country(span.doc)
    if country is None:
        return None
    office, kind = _offices()[" ".join(words[1:])]
    return f"{country_adjective(country)} {office}", kind


def named_after_office(head: Token) -> Token | None:
    """The last word of the holder's name after "<title> of <Body>" (see the module doc), or
    None. The name must be a PERSON entity ending the "of" phrase, after at least one word of
    the body; the body's words all capitalised (or "the"), the one before the name no title.
    """
    if head.lemma_.lower() not in names.title_words() and head.lower_ not in names.title_words():
        return None
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i == head.i + 1), None)
    last = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if last is None or last.right_edge.i != last.i:
        return None
    name = next((e for e in head.doc.ents if e.start <= last.i < e.end), None)
    if name is None and (untagged := _untagged_name_start(last)) is not None:
        start = untagged  # "Minister of Transport Maxim Sokolov": spaCy tags no person
    elif name is None or name.label_ != "PERSON" or name.end != last.i + 1:
        return None
    else:
        start = name.start
    if start <= of.i + 1:
        return None
    body = list(head.doc[of.i + 1 : start])
    if any(not (t.is_title or t.is_upper or t.lower_ == "the") for t in body):
        return None
    return None if body[-1].lower_.rstrip(".") in names.title_words() else last


def _untagged_name_start(last: Token) -> int | None:
    """The index of the first name of "<First> <Surname>" ending at ``last`` that no entity
    covers, or None: two capitalised proper nouns, the first a known first name
    (``first_names.tsv``: "Maxim").
    """
    doc = last.doc
    if last.i < 1 or last.ent_type_ or doc[last.i - 1].ent_type_:
        return None
    first = doc[last.i - 1]
    if not all(t.pos_ == "PROPN" and t.is_title for t in (first, last)):
        return None
    return first.i if first.lower_ in names.first_name_genders() else None


def untagged_holder(last: Token) -> str | None:
    """The name of an office holder that spaCy tags as no person ("Minister of Transport Maxim
    Sokolov" -> "Maxim Sokolov"), given the last word :func:`named_after_office` returns; None
    when the name is a tagged person (then the article's people know it).
    """
    start = _untagged_name_start(last)
    return None if start is None else last.doc[start : last.i + 1].text


def holder_at_end(span: Span) -> str | None:
    """The holder named at the end of a mention "<title> of <Body> <First> <Surname>" whose head the
    parser made the surname (at a sentence's start: "Minister of Transport Maxim Sokolov said"),
    spaCy tagging no person there: a known first name and a surname after capitalised body words;
    None otherwise.
    """
    if len(span) < 5 or span.root.i != span.end - 1 or any(t.ent_type_ == "PERSON" for t in span[-2:]):
        return None
    first, last = span[-2], span[-1]
    if not all(t.pos_ == "PROPN" and t.is_title for t in (first, last)):
        return None
    if first.lower_ not in names.first_name_genders():
        return None
    of = next((t for t in span[:-3] if t.lower_ == "of" and t.i > span.start), None)
    if of is None or span.doc[of.i - 1].lower_ not in names.title_words():
        return None
    body = span.doc[of.i + 1 : first.i]
    if not len(body) or any(not (t.is_title or t.is_upper or t.lower_ == "the") for t in body):
        return None
    return f"{first.text} {last.text}"
