"""Pronouns and the people (or, for "it", the organisations) a pronoun that speaks may mean.

- :func:`pronouns`, :func:`pronoun_gender`: the pronoun classes of ``rules/quotes/pronouns.json``.
- :func:`outside_quotation`: the quotations whose names may be antecedents of a pronoun are none:
  "Mr Bannatyne said: “... Gordon Brown is a great chancellor ...” ... And he branded ..." is
  Bannatyne's (a name inside another's quotation is what was said, not who speaks next); the
  quotation the pronoun itself stands in is not skipped.
- :func:`newer_subject`: the person named last as the main subject of the sentence before a pronoun (or
  of its own sentence before it), named after the previous statement's speaker, is who the
  pronoun means, not that speaker ("Okuyeva said ... Olga Kurnosova is already here. She arrived
  in Ukraine ..."); a subject of a subordinate clause ("He did not think Mr Howard intended ...
  But he warned") or one named inside quotation marks is not.
- :func:`could_be_it`: an organisation or country a later "it" may mean is a subject, not a place named in
  passing ("found in a London street. It said ..." is the paper's).
- :func:`group_named_before`: the organisation "the group" means: the one the article tags somewhere
  that opens a sentence as its subject shortly before ("Save the Scottish Regiments will field a
  candidate ... The group said", the name left untagged where it stands).
"""

from __future__ import annotations

import functools
import re

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
    """Whether the name at ``start``-``end`` is the subject of its sentence's main verb; not when
    another person's name stands in apposition to it, a signature run into the next letter
    ("Richard W. Bonds Cordova, Tenn. --- Mr. Gartner should have read ...": Gartner's sentence).
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    return (span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and span.root.head.dep_ == "ROOT"
            and not any(c.dep_ == "appos" and c.ent_type_ == "PERSON" for c in span.root.children))


def newer_subject(people: PersonIndex, pronoun: Span, gender: str | None, previous_speaker: str | None,
                  previous_at: int | None, quoted: tuple[tuple[int, int], ...], skip: tuple[int, int]) -> str | None:
    """The person named last as the main subject of the pronoun's sentence (before it) or of the
    sentence before, when that is someone other than ``previous_speaker``, of a compatible gender,
    named after that speaker's mention (ending at ``previous_at``) and outside ``quoted`` and
    ``skip`` (the statement's own words); None otherwise.
    """
    if previous_at is None:
        return None
    sentence = pronoun.sent
    start = people.doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char
    for mention in reversed(people.mentions):
        if not max(start, previous_at) <= mention.start < pronoun.start_char or skip[0] <= mention.start < skip[1]:
            continue
        if any(a <= mention.start < b for a, b in quoted) or not is_main_subject(people.doc, mention.start,
                                                                                   mention.end):
            continue
        if not people.compatible(mention.canonical, gender):
            continue
        return mention.canonical if mention.canonical != previous_speaker else None
    return None


_SUBJECTS = {"nsubj", "nsubjpass"}  #: dependency labels of a clause's subject


def could_be_it(ent: Span, quoted: tuple[tuple[int, int], ...]) -> bool:
    """Whether ``ent`` is an organisation or country a later "it" may mean: a subject (or the owner, compound or
    apposition of one) outside the ``quoted`` spans. "found in a London street", "a visit to Britain" and "“the
    Boston Globe of the airwaves”" name places and words, not what speaks next.
    """
    if ent.label_ not in ("ORG", "GPE") or any(start <= ent.start_char < end for start, end in quoted):
        return False
    root = ent.root
    if root.dep_ in ("compound", "poss", "appos") and root.head.dep_ in _SUBJECTS:
        return True
    return root.dep_ in _SUBJECTS


#: How far before "the group" the organisation it means is looked for (characters).
_GROUP_REACH = 1500
_SENTENCE_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}


def group_named_before(span: Span) -> str | None:
    """The organisation a bare "the group" (``span``) means: the last of the article's ORG names (tagged
    anywhere in it, without "the") that opens a sentence as its subject within :data:`_GROUP_REACH`
    characters before; None when there is none.
    """
    doc = span.doc
    names = {re.sub(r"^the\s+", "", " ".join(e.text.split()), flags=re.I) for e in doc.ents if e.label_ == "ORG"}
    names = {n for n in names if len(n.split()) > 1}  # one word is too easily a common noun or misread name
    text = doc.text
    window = max(0, span.start_char - _GROUP_REACH)
    found: tuple[int, str] | None = None
    for name in names:
        for match in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text[window : span.start_char]):
            named = doc.char_span(window + match.start(), window + match.end(), alignment_mode="expand")
            first = named[0] if named is not None else None
            if first is None or not (first.is_sent_start or first.i > 0 and doc[first.i - 1].is_sent_start
                                     and doc[first.i - 1].lower_ == "the"):
                continue
            if not any(t.dep_ in _SENTENCE_SUBJECTS and not named.start <= t.head.i < named.end for t in named):
                continue
            if found is None or match.start() > found[0]:
                found = (match.start(), name)
    return found[1] if found else None
