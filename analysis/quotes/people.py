"""The people of one parsed article: names grouped into persons, with what the text says of them.

:class:`PersonIndex` collects the PERSON entities of a ``Doc`` (widened to the whole proper
name the parse joins to them: "Gro Harlem" + "Brundtland"; an entity tagged ORG after a title,
"Cardinal Cormac Murphy-O'Connor", is a person too; a one-word "person" the tagger calls an
organisation or a group elsewhere in the article, "Labour", is not), merges their aliases
through :func:`analysis.names.merge_aliases`, and keeps for each person where it is named, its
title words ("the Russian president"), honorifics and salience for :mod:`analysis.quotes.speakers`.
The names themselves are found and cleaned by :mod:`analysis.quotes.person_names`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from analysis import names
from analysis.quotes.lexicon import word_list
from analysis.quotes.offices import fits_office
from analysis.quotes.person_names import clean_name, common_words_only, person_spans

#: Re-exported: other modules import these from here.
__all__ = ["Mention", "PersonIndex", "clean_name", "common_words_only"]


class Mention(NamedTuple):
    """A person named in the text: character offsets and canonical name."""

    start: int
    end: int
    canonical: str


#: Title words that name no office a person holds ("former", "Dr", "MP" sit beside any office).
_NO_OFFICE = frozenset({"former", "dr", "dr.", "mp", "mep", "qc", "vice", "candidate", "nominee", "professor"})


class PersonIndex:
    """PERSON mentions of a document grouped into people."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.mentions: list[Mention] = []
        self.canonical_by_surface: dict[str, str] = {}
        self.context: list[tuple[int, str, set[str]]] = []  # (start_char, canonical, title words)
        self.salience: Counter = Counter()
        self.honorifics: dict[str, Counter] = defaultdict(Counter)
        spans = [span for span in person_spans(doc) if clean_name(span)]
        canonical_of = names.merge_aliases(Counter(map(clean_name, spans)), names.SPEAKER_RULES,
                                           genders=_surname_genders(doc, spans))
        modifiers = word_list("title_modifiers.txt")
        for span in spans:
            name = clean_name(span)
            canonical = canonical_of[name]
            self.canonical_by_surface[span.text] = canonical
            self.canonical_by_surface.setdefault(name, canonical)
            self.mentions.append(Mention(span.start_char, span.end_char, canonical))
            self.salience[canonical] += 1
            left = _own_phrase_before(span) + list(span)
            words = set()
            for token in left:
                previous = doc[token.i - 1].lower_ if token.i > 0 else ""
                if token.is_alpha and token.lower_ not in name.lower().split() and previous not in modifiers:
                    words.add(token.lower_)
            words |= _appositive_words(span)
            self.context.append((span.start_char, canonical, words))
            # Only the word right before the name (or its own first word) tells "Mr." from "Mrs.".
            for word in (doc[span.start - 1].lower_ if span.start > 0 else "", span[0].lower_):
                if gender := names.honorific_gender(word):
                    self.honorifics[canonical][gender] += 1
        self.mentions.sort()

    def person_at(self, token: Token) -> str | None:
        """Return the canonical person whose name covers ``token``, or None."""
        for m_start, m_end, canonical in self.mentions:
            if m_start <= token.idx < m_end:
                return canonical
        return None

    def recent_before(self, offset: int, window: int = 1500, skip: tuple[int, int] = (0, 0),
                      quoted: tuple = ()) -> list[str]:
        """Return canonical people mentioned before ``offset`` (most recent first), none of
        those named inside ``skip`` (the statement's own words) or only inside ``quoted`` spans.
        """
        found = []
        for m_start, _m_end, canonical in reversed(self.mentions):
            if skip[0] <= m_start < skip[1] or any(start <= m_start < end for start, end in quoted):
                continue
            if m_start < offset and offset - m_start <= window and canonical not in found:
                found.append(canonical)
        return found

    def recent_subject(self, pronoun: Span, skip: tuple[int, int], gender: str | None) -> str | None:
        """The person who is the subject of the pronoun's sentence before it, or else of the
        sentence before, when that person is of a compatible gender; None otherwise.
        """
        sentence = pronoun.sent
        previous = self.doc[sentence.start - 1].sent if sentence.start > 0 else None
        for start, end in ((sentence.start_char, pronoun.start_char),
                           (previous.start_char, previous.end_char) if previous is not None else (0, 0)):
            for mention in self.mentions:
                if not start <= mention.start < end or skip[0] <= mention.start < skip[1]:
                    continue
                span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
                if span is not None and span.root.dep_ in ("nsubj", "nsubjpass") and self.compatible(
                        mention.canonical, gender):
                    return mention.canonical
        return None

    def named_between(self, start: int, end: int, skip: tuple[int, int] = (0, 0)) -> bool:
        """Whether a person is named in [start, end) outside ``skip``."""
        return any(start <= m.start < end and not skip[0] <= m.start < skip[1] for m in self.mentions)

    def by_description(self, words: set[str], offset: int, previous: str | None = None,
                       office: str | None = None) -> str | None:
        """Return the person whose title words best match ``words`` ("russian", "prince"),
        named before ``offset`` if any matches there; the previous speaker wins a tie.
        With ``office`` (the description's head, "general" in "Ukraine's attorney general"),
        only a person given that title counts, with every title word of the description ("prime
        minister" is not "welfare minister"): a shared place word alone fits anybody.
        """
        words = words - word_list("description_linking_words.txt")  # "the head of X", "the leader of Y"
        titles = {word for word in words if word in names.title_words()}
        for before_only in (True, False):
            scores: Counter = Counter()
            for start, canonical, context in self.context:
                if before_only and start >= offset:
                    continue
                if office is not None and office not in context and office not in canonical.lower().split():
                    continue
                if office is not None and not (titles <= context and fits_office(words, context)):
                    continue  # "the prime minister" is not "welfare minister Frank Field", nor "former PM X"
                scores[canonical] = max(scores[canonical], len(words & context))
            best = max(scores.values(), default=0)
            if best:
                if previous is not None and scores.get(previous) == best:
                    return previous
                tied = [c for c, score in scores.items() if score == best]
                return max(tied, key=lambda c: self.salience[c])
        return None

    def described_subject(self, pronoun: Span, any_office: frozenset[str]) -> tuple[str | None, Span] | None:
        """``(person or None, description)`` of a title subject of the sentence before a pronoun
        ("The chancellor is on a tour. But before doing so, he insisted ..."): the person the
        article gives that title, else None with the description (an unnamed source); None
        without such a subject. ``any_office``: title words that fit the holder of any office.
        """
        if pronoun.sent.start == 0:
            return None
        for token in self.doc[pronoun.sent.start - 1].sent:
            if (token.dep_ in ("nsubj", "nsubjpass") and token.pos_ == "NOUN" and token.lower_ in names.title_words()
                    and any(c.lower_ == "the" for c in token.lefts) and not self.person_at(token)):
                description = self.doc[token.left_edge.i : token.i + 1]
                words = {t.lower_ for t in description if t.is_alpha} - {"the"}
                office = token.lower_ if token.lower_ not in any_office else None
                return self.by_description(words, description.start_char, None, office), description
        return None

    def titles_of(self, canonical: str) -> set[str]:
        """The title words of an office the article gives a person anywhere ("prime", "minister"; not
        "Mr" or "leader", which sit beside any office, nor a former office: "former Labour
        communications director Mr Mandelson" may be "The European commissioner").
        """
        offices = names.title_words() - _NO_OFFICE - word_list("any_office_titles.txt")
        return {word for _, name, context in self.context if name == canonical and "former" not in context
                for word in context if word in offices and names.honorific_gender(word) is None}

    def by_last_name(self, word: str) -> str | None:
        """Return the canonical person whose name ends with ``word``, or None."""
        word = word.lower()
        matching = [name for name in self.salience if name.lower().split()[-1] == word]
        return max(matching, key=lambda name: self.salience[name]) if matching else None

    def mention_before(self, offset: int, window: int = 400) -> Mention | None:
        """Return the last PERSON mention before ``offset`` within ``window`` characters."""
        for mention in reversed(self.mentions):
            if mention.end <= offset and offset - mention.start <= window:
                return mention
        return None

    def most_salient(self, gender: str | None = None) -> str | None:
        """Return the most often mentioned person (not known to be of another ``gender``), or None."""
        for canonical, _count in self.salience.most_common():
            if self.compatible(canonical, gender):
                return canonical
        return None

    def gender(self, canonical: str) -> str | None:
        """Return "m" or "f" for a person from the first name ("Hillary Clinton"), else from the
        honorifics used with the name when they agree ("Mrs. Clinton"), or None.
        """
        words = canonical.split()
        known = names.first_name_genders().get(words[0].lower()) if len(words) > 1 else None
        if known is not None:
            return known
        honorifics = self.honorifics.get(canonical)
        return next(iter(honorifics)) if honorifics and len(honorifics) == 1 else None

    def compatible(self, canonical: str, gender: str | None) -> bool:
        """Return True unless the person is known to be of a gender other than ``gender``."""
        known = self.gender(canonical) if gender else None
        return known is None or known == gender


def _honorific_gender(doc: Doc, span: Span) -> str | None:
    """The gender the honorific of a name tells: the word right before it or its own first ("Mr Blair")."""
    for word in (doc[span.start - 1].lower_ if span.start > 0 else "", span[0].lower_):
        if gender := names.honorific_gender(word):
            return gender
    return None


def _surname_genders(doc: Doc, spans: list[Span]) -> dict[str, str]:
    """``{surname: gender}`` for the one-word names always given honorifics of one gender
    ("Mr Blair"), so that they join no full name of the other gender ("Cherie Blair").
    """
    seen: dict[str, set[str | None]] = defaultdict(set)
    for span in spans:
        name = clean_name(span)
        if len(name.split()) == 1:
            seen[name].add(_honorific_gender(doc, span))
    return {name: next(iter(genders)) for name, genders in seen.items() if len(genders) == 1 and None not in genders}


def _own_phrase_before(span: Span, reach: int = 4) -> list[Token]:
    """Up to ``reach`` words before a name that belong to its noun phrase ("Russian President",
    "Tory leader"), not those of another phrase before a verb or a comma ("The prime minister
    said Mr Bush ...": "prime minister" is no title of Bush).
    """
    words = []
    for token in reversed(span.doc[max(span.sent.start, span.start - reach) : span.start]):
        if token.pos_ in ("VERB", "AUX", "SCONJ", "CCONJ", "PUNCT", "PRON") or (
                token.pos_ == "ADP" and token.lower_ != "of"):  # "Mayor of London Ken Livingstone"
            break
        words.insert(0, token)
    return words


def _appositive_words(span: Span) -> set[str]:
    """The words of a description set beside a name by commas ("Charles, the 65-year-old prince"),
    but a title after "shadow" or "deputy" ("Oliver Letwin, the shadow chancellor").
    """
    root = span.root
    tokens = []
    for child in root.children:
        if child.dep_ == "appos" and child.pos_ == "NOUN":
            tokens += [t for t in child.subtree if t.pos_ in ("NOUN", "ADJ", "PROPN")]
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        tokens += [t for t in root.head.subtree if t.i < span.start and t.pos_ in ("NOUN", "ADJ")]
    modifiers = word_list("title_modifiers.txt")
    return {t.lower_ for t in tokens if t.is_alpha and not (t.i > 0 and t.doc[t.i - 1].lower_ in modifiers)}
