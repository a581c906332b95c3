"""Speakers that are pronouns: whom a speaking "he", "she", "it" or "who" means.

"he"/"she" is the previous statement's source when it is of a compatible gender and recently
named, else the most recent such person (not one named only inside quotation marks, nor one the
statement itself names), or a person made the main subject since; "it" a text made the main subject
of a sentence since the last organisation it could mean ("The mission report ... gave new detail.
“...,” it said": the report, or its named author), else the previous unnamed group,
else the previous organisation when nobody is named between, else the last organisation or country
that could be "it" within 600 characters (:mod:`analysis.quotes.antecedents`); "who" the noun phrase
before it. :class:`PronounResolver` holds these rules for :class:`analysis.quotes.speakers.SpeakerResolver`;
:class:`Resolved` and :class:`Unnamed` are what both return.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from spacy.tokens import Span, Token

from analysis import names
from analysis.quotes.antecedents import could_be_it, newer_subject, outside_quotation, pronoun_gender, pronouns
from analysis.quotes.lexicon import reporting_verbs, word_list
from analysis.quotes.source_names import is_document, is_location

#: A leading article, left out of the name an organisation is shown under.
LEADING_ARTICLE = re.compile(r"^(?:the|The|THE)\s+")


class Unnamed(NamedTuple):
    """An unnamed source a later pronoun may mean: mention end, description, person ("he") or group ("it")."""

    end: int
    description: str
    person: bool


class Resolved(NamedTuple):
    """A speaker: canonical name and kind ("person", "organization"), or None and the words describing it."""

    speaker: str | None
    kind: str | None
    description: str | None = None


#: No speaker and no description.
NOBODY = Resolved(None, None, None)


def describe(span: Span) -> str | None:
    """The words of an unnamed source's mention, on one line ("a spokesman for the ministry")."""
    text = " ".join(span.text.split()).strip(" ,;:")
    return text or None


class PronounResolver:
    """The pronoun rules of :class:`analysis.quotes.speakers.SpeakerResolver`, which sets ``doc``,
    ``people``, the quotations and the statement's context, and provides ``resolve``.
    """

    def _pronoun(self, span: Span, head: Token, previous_speaker: str | None) -> Resolved:
        """Resolve "he"/"she" to a person, "it" to an organisation, "who" to its antecedent."""
        lower = head.lower_
        if len(span) == 1 and lower in ("it", "its"):
            document = self._document_subject(span)
            if document is not None:  # "The mission report ... gave new detail. “...,” it said"
                return self.resolve(self.doc[document.left_edge.i : document.i + 1])
            unnamed = self._previous_unnamed
            if unnamed is not None and not unnamed.person and not self._organization_between(unnamed.end, span):
                return Resolved(None, None, unnamed.description)  # "The group said ... It added"
            previous = self._previous_organization
            if previous is not None and not self._organization_between(previous[1], span):
                return Resolved(previous[0], "organization")  # "Downing Street said ... It said"
            return self._recent_organization(span.start_char)
        if len(span) == 1 and lower in pronouns()["person_singular"]:
            gender = pronoun_gender(lower)
            skip = self._content or (0, 0)
            unnamed = self._previous_unnamed
            if unnamed is not None and unnamed.person and not self.people.named_between(
                    unnamed.end, span.start_char, skip):
                return Resolved(None, None, unnamed.description)
            # "he insisted he still trusted Mr Blair": whom the statement names is not who makes it
            inside = {m.canonical for m in self.people.mentions  # only after the pronoun, in what it governs
                      if skip[0] <= m.start < skip[1] and m.start > span.start_char}
            if previous_speaker in inside:
                previous_speaker = None
                described = self.people.described_subject(span, word_list("any_office_titles.txt"))
                if described is not None:  # "The chancellor is on a tour. But before, he insisted ..."
                    person, description = described
                    return Resolved(person, "person") if person else Resolved(None, None, describe(description))
            quoted = outside_quotation(self._quoted, span)  # "X: “... Gordon Brown ...” And he": not Brown
            recent = [p for p in self.people.recent_before(span.start_char, skip=skip, quoted=quoted)
                      if self.people.compatible(p, gender) and p not in inside]
            newer = newer_subject(self.people, span, gender, previous_speaker, self._previous_at, quoted, skip)
            if newer and newer not in inside:
                return Resolved(newer, "person")  # "X said ... Olga Kurnosova is already here. She arrived ..."
            if previous_speaker and (previous_speaker in recent[:3] or previous_speaker not in self.people.salience):
                return Resolved(previous_speaker, "person")  # not in the index: named only as a source
            if (previous_speaker and self._previous_at is not None and self.people.compatible(previous_speaker, gender)
                    and not self.people.named_between(self._previous_at, span.start_char, skip)):
                return Resolved(previous_speaker, "person")  # "the Cardinal will ask ... “...,” he will say"
            subject = self.people.recent_subject(span, skip, gender)
            if subject and subject not in inside:
                return Resolved(subject, "person")  # "Yanukovych is due to meet Mr Putin. He held talks ..."
            if recent:
                return Resolved(recent[0], "person")
            salient = self.people.most_salient(gender)
            return Resolved(salient, "person") if salient else NOBODY
        if len(span) == 1 and lower in pronouns()["relative"]:
            return self._antecedent_of_relative(span, previous_speaker)
        return NOBODY

    def _document_subject(self, span: Span, window: int = 600) -> Token | None:
        """The text ("the report", "the statement") that was the main subject of a sentence within
        ``window`` characters before "it", outside quotation marks, with no other main subject or
        subject of a reporting verb named by a noun, nor an organisation that "it" could mean, after
        it: what that "it" means. None when there is none.
        """
        first = self.doc.char_span(max(0, span.start_char - window), span.start_char, alignment_mode="contract")
        if first is None:
            return None
        for token in reversed(first):
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN") or any(
                    a <= token.idx < b for a, b in self._quoted):
                continue
            if token.head.dep_ == "ROOT" and is_document(token):
                return None if self._organization_between(token.idx, span) else token
            if token.head.dep_ == "ROOT" or token.head.lemma_.lower() in reporting_verbs():
                return None  # another subject since ("the Clinton administration said it would ..., it has yet to")
        return None

    def _organization_between(self, start: int, span: Span) -> bool:
        """Whether an organisation or country that "it" could mean is named between ``start`` and ``span``."""
        return any(start <= ent.start_char < span.start_char and could_be_it(ent, self._quoted)
                   for ent in self.doc.ents)

    def _recent_organization(self, offset: int, window: int = 600) -> Resolved:
        """Resolve "it" to the last organisation or country named within ``window`` characters."""
        skip = self._content or (0, 0)
        for ent in reversed(self.doc.ents):
            if skip[0] <= ent.start_char < skip[1]:
                continue  # named in the statement's own words
            if (ent.end_char <= offset and offset - ent.start_char <= window and could_be_it(ent, self._quoted)
                    and not is_location(ent) and not self.people.person_at(ent[0])
                    and names.honorific_gender(ent[0].lower_) is None):  # "Mr Blair" tagged ORG is no "it"
                return Resolved(LEADING_ARTICLE.sub("", ent.text), "organization")
            if offset - ent.start_char > window:
                break
        return NOBODY

    def _antecedent_of_relative(self, span: Span, previous_speaker: str | None) -> Resolved:
        """Resolve "who"/"whom" to the nearest preceding noun phrase of the sentence."""
        sent = span.sent
        for token in reversed(list(self.doc[sent.start : span.start])):
            if token.pos_ in ("PROPN", "NOUN") or token.lower_ in pronouns()["person_singular"]:
                left = token.left_edge.i
                return self.resolve(self.doc[left : token.i + 1], previous_speaker)
        return Resolved(previous_speaker, "person") if previous_speaker else NOBODY
