"""Resolving quote speakers to canonical names.

Local speaker mentions ("he", "the Russian leader", "Putin", "the Kremlin") are mapped to
a canonical name: people to the longest full-name form used in the article with titles
stripped ("Russian President Vladimir Putin" → "Vladimir Putin"), pronouns to the most
recent person of a compatible gender ("she" skips a man known by his first name or "Mr.";
first names from :func:`analysis.names.first_name_genders`), descriptors to the person whose title words match best.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict

from spacy.tokens import Doc, Span

from analysis import names, resources
from analysis.quotes.lexicon import word_list

_PERSON_LABELS = {"PERSON"}
_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}


@functools.cache
def pronouns() -> dict[str, frozenset[str]]:
    """Return the pronoun classes from ``pronouns.json``."""
    data = resources.read_json(resources.rules_file("quotes", "pronouns.json"))
    return {key: frozenset(values) for key, values in data.items()}


def pronoun_gender(word: str) -> str | None:
    """Return "m" for "he"/"his"..., "f" for "she"/"her"..., else None (from ``pronouns.json``)."""
    return "m" if word in pronouns()["masculine"] else "f" if word in pronouns()["feminine"] else None


def _clean_name(span: Span) -> str:
    """Return the name of a PERSON span: no punctuation, possessive marks or leading titles."""
    words = [t.text for t in span if not (t.is_punct or t.is_space) and t.tag_ != "POS" and t.text not in ("'s", "’s")]
    return " ".join(word.strip() for word in names.strip_title_words(words) if word.strip())


def canonical_person_names(doc: Doc) -> dict[str, str]:
    """Map every PERSON surface form of ``doc`` to its canonical name.

    Names sharing their last word are merged ("Putin", "Vladimir Putin", "Russian
    President Vladimir Putin"), titles stripped, by :func:`analysis.names.merge_aliases`
    with :data:`analysis.names.SPEAKER_RULES`.

    Args:
        doc: A parsed spaCy document.

    Returns:
        Surface text of each PERSON entity → canonical name.
    """
    return dict(_PersonIndex(doc).canonical_by_surface)


class _PersonIndex:
    """PERSON mentions of a document grouped into people."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.mentions: list[tuple[int, int, str]] = []  # (start_char, end_char, canonical)
        self.canonical_by_surface: dict[str, str] = {}
        self.context_words: dict[str, set[str]] = defaultdict(set)
        self.salience: Counter = Counter()
        self.honorifics: dict[str, Counter] = defaultdict(Counter)
        persons = [ent for ent in doc.ents if ent.label_ in _PERSON_LABELS]
        cleaned = Counter(name for name in map(_clean_name, persons) if name)
        canonical_of = names.merge_aliases(cleaned, names.SPEAKER_RULES)
        for ent in persons:
            name = _clean_name(ent)
            if not name:
                continue
            canonical = canonical_of[name]
            self.canonical_by_surface[ent.text] = canonical
            self.canonical_by_surface.setdefault(name, canonical)
            self.mentions.append((ent.start_char, ent.end_char, canonical))
            self.salience[canonical] += 1
            left = doc[max(ent.sent.start, ent.start - 4) : ent.start]
            words = {t.lower_ for t in ent if t.lower_ not in name.lower().split()}
            words |= {t.lower_ for t in left if t.is_alpha}
            self.context_words[canonical] |= words
            # Only the word right before the name (or its own first word) tells "Mr." from "Mrs.".
            for word in (doc[ent.start - 1].lower_ if ent.start > 0 else "", ent[0].lower_):
                if gender := names.honorific_gender(word):
                    self.honorifics[canonical][gender] += 1
        self.mentions.sort()

    def person_in(self, start: int, end: int) -> str | None:
        """Return the canonical person mentioned inside [start, end), the first if several."""
        for m_start, m_end, canonical in self.mentions:
            if m_start >= start and m_end <= end:
                return canonical
        return None

    def recent_before(self, offset: int, window: int = 1500) -> list[str]:
        """Return canonical people mentioned before ``offset`` (most recent first)."""
        found = []
        for m_start, _m_end, canonical in reversed(self.mentions):
            if m_start < offset and offset - m_start <= window and canonical not in found:
                found.append(canonical)
        return found

    def by_description(self, words: set[str]) -> str | None:
        """Return the person whose title context best matches ``words`` ("russian", "president")."""
        best, best_key = None, (0, 0)
        for canonical, context in self.context_words.items():
            key = (len(words & context), self.salience[canonical])
            if key[0] and key > best_key:
                best, best_key = canonical, key
        return best

    def by_last_name(self, word: str) -> str | None:
        """Return the canonical person whose name ends with ``word``, or None."""
        word = word.lower()
        matching = [name for name in self.salience if name.lower().split()[-1] == word]
        return max(matching, key=lambda name: self.salience[name]) if matching else None

    def mention_before(self, offset: int, window: int = 400) -> tuple[int, int, str] | None:
        """Return the last PERSON mention (start, end, canonical) before ``offset`` within ``window``."""
        for mention in reversed(self.mentions):
            if mention[1] <= offset and offset - mention[0] <= window:
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


class SpeakerResolver:
    """Resolves local speaker mentions of one document to canonical speakers."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.people = _PersonIndex(doc)
        self._ents_by_token = {}
        for ent in doc.ents:
            for token in ent:
                self._ents_by_token[token.i] = ent

    def resolve(self, span: Span, previous_speaker: str | None = None) -> tuple[str | None, str | None]:
        """Return (canonical speaker, speaker kind) for a local mention.

        Args:
            span: The local mention ("he", "the Russian president", "Putin", "the Kremlin").
            previous_speaker: Canonical person of the last attributed quote, preferred for
                pronouns when it is among the recently mentioned people.
        """
        if len(span) == 0:
            return None, None
        text_lower = span.text.lower()
        person = self.people.person_in(span.start_char, span.end_char)
        if person:
            return person, "person"
        head = span.root
        lower = head.lower_ if head.pos_ == "PRON" or head.tag_ in ("WP", "WDT", "PRP", "PRP$") else ""
        if len(span) == 1 and lower in ("it", "its"):
            return self._recent_organization(span.start_char)
        if len(span) == 1 and lower in pronouns()["person_singular"]:
            gender = pronoun_gender(lower)
            recent = [p for p in self.people.recent_before(span.start_char) if self.people.compatible(p, gender)]
            if previous_speaker and previous_speaker in recent[:3]:
                return previous_speaker, "person"
            if recent:
                return recent[0], "person"
            salient = self.people.most_salient(gender)
            return salient, "person" if salient else None
        if len(span) == 1 and lower in pronouns()["relative"]:
            return self._antecedent_of_relative(span, previous_speaker)
        if lower in pronouns()["first_person"] | pronouns()["plural"] | pronouns()["neuter"] | {"you"}:
            return None, None
        if head.pos_ == "PRON":
            return None, None
        ent = self._ents_by_token.get(head.i)
        if ent is not None and ent.label_ in _ORG_LABELS and len(span) == 1 and head.pos_ == "PROPN":
            known = self.people.by_last_name(head.text)  # "Straw said" tagged ORG by mistake
            if known:
                return known, "person"
        if ent is not None and ent.label_ in _ORG_LABELS:
            name = ent.text
            if name.lower().startswith("the "):
                name = name[4:]
            return name, "organization"
        words = {t.lower_ for t in span if t.is_alpha and t.lower_ != "the"}
        if lower in names.title_words() or words & names.title_words():
            person = self.people.by_description(words - {"former", "the"}) or (
                previous_speaker or self.people.most_salient()
            )
            return person, "person" if person else None
        if head.pos_ == "PROPN":
            name = span.text[4:] if text_lower.startswith("the ") else span.text
            words = {t.lower_ for t in span}
            if text_lower.startswith("the ") or words & word_list("organization_words.txt") or ent is not None:
                return name, "organization"
            known = self.people.by_last_name(head.text)
            return known or name, "person"
        words = span.text.split()
        if len(words) > 1 and words[0].lower() in ("the", "a", "an", "some"):
            words = words[1:]
        kind = "organization" if head.lemma_.lower() in word_list("organization_words.txt") else None
        return " ".join(words), kind

    def _recent_organization(self, offset: int, window: int = 600) -> tuple[str | None, str | None]:
        """Resolve "it" to the last organisation or country named within ``window`` characters."""
        for ent in reversed(self.doc.ents):
            if ent.end_char <= offset and offset - ent.start_char <= window and ent.label_ in ("ORG", "GPE"):
                name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
                return name, "organization"
            if offset - ent.start_char > window:
                break
        return None, None

    def _antecedent_of_relative(self, span: Span, previous_speaker: str | None):
        """Resolve "who"/"whom" to the nearest preceding noun phrase of the sentence."""
        sent = span.sent
        for token in reversed(list(self.doc[sent.start : span.start])):
            if token.pos_ in ("PROPN", "NOUN") or token.lower_ in pronouns()["person_singular"]:
                left = token.left_edge.i
                return self.resolve(self.doc[left : token.i + 1], previous_speaker)
        return previous_speaker, "person" if previous_speaker else None
