"""Pronouns and the people a "he" or "she" that speaks may mean.

- :func:`pronouns`, :func:`pronoun_gender`: the pronoun classes of ``rules/quotes/pronouns.json``.
- :func:`outside_quotation`: the quotations whose names may be antecedents of a pronoun are none:
  "Mr Bannatyne said: “... Gordon Brown is a great chancellor ...” ... And he branded ..." is
  Bannatyne's (a name inside another's quotation is what was said, not who speaks next); the
  quotation the pronoun itself stands in is not skipped.
- :func:`newer_subject`: the person who is the main subject of the sentence before a pronoun (or
  of its own sentence before it), named after the previous statement's speaker, is who the
  pronoun means, not that speaker ("Okuyeva said ... Olga Kurnosova is already here. She arrived
  in Ukraine ..."); a subject of a subordinate clause ("He did not think Mr Howard intended ...
  But he warned") or one named inside quotation marks is not.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Span

from analysis import resources
from analysis.quotes.people import PersonIndex


@functools.cache
def pronouns() -> dict[str, frozenset[str]]:
    """Return the pronoun classes from ``pronouns.json``."""
    data = resources.read_json(resources.rules_file("quotes", "pronouns.json"))
    return {key: frozenset(values) for key, values in data.items()}


def pronoun_gender(word: str) -> str | None:
    """Return "m" for "he"/"his"..., "f" for "she"/"her"..., else None (from ``pronouns.json``)."""
    return "m" if word in pronouns()["masculine"] else "f" if word in pronouns()["feminine"] else None


def outside_quotation(quoted: tuple[tuple[int, int], ...], pronoun: Span) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` spans of ``quoted`` (the text inside each quotation's marks) other than
    the one ``pronoun`` stands in: the names inside them are no antecedents of the pronoun.
    """
    return tuple(q for q in quoted if not q[0] <= pronoun.start_char < q[1])


def is_main_subject(doc: Doc, start: int, end: int) -> bool:
    """Whether the name at ``start``-``end`` is the subject of its sentence's main verb."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.dep_ == "ROOT"


def newer_subject(people: PersonIndex, subject: str | None, pronoun: Span, previous_speaker: str | None,
                  previous_at: int | None, quoted: tuple[tuple[int, int], ...]) -> bool:
    """Whether ``subject`` (:meth:`PersonIndex.recent_subject` of the pronoun) is a person other
    than ``previous_speaker``, named as a main subject after that speaker's mention (ending at
    ``previous_at``) and before the pronoun, outside the ``quoted`` spans.
    """
    if not subject or subject == previous_speaker or previous_at is None:
        return False
    return any(m.canonical == subject and previous_at <= m.start < pronoun.start_char
               and not any(a <= m.start < b for a, b in quoted) and is_main_subject(people.doc, m.start, m.end)
               for m in people.mentions)
