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
- :func:`is_location`: a place named as a location ("interests in Crimea"), never the source a
  later "it" means.
- :func:`written_by`: the author of a work named as the source ("Brown's Britain, by Robert
  Peston, says"), who is the speaker.
- :func:`organization_name`: an organisation without the words that only describe it ("AFP news
  agency" -> "AFP"), and no description in front of its name ("a local news portal CityNews").
"""

from __future__ import annotations

import functools

from spacy.tokens import Span, Token

from analysis import resources
from analysis.quotes.lexicon import word_list


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
