"""Resolving quote speakers to canonical names, or to unnamed sources.

A local speaker mention ("he", "the Russian leader", "Putin", "the Kremlin", "a spokesman for the ministry") becomes
a :class:`Resolved` speaker. The word that heads the mention decides:

- a person's name (the people of :mod:`analysis.quotes.people`): the longest full-name form used in the article,
  titles stripped ("Russian President Vladimir Putin" → "Vladimir Putin");
- a pronoun: the previous statement's source when it is of a compatible gender and recently named, else the most
  recent such person ("she" skips a man known by his first name or "Mr."), not one named only inside quotation marks,
  and a person made the main subject since that statement first (:mod:`analysis.quotes.pronoun_speakers`, with
  :mod:`analysis.quotes.antecedents`);
- an organisation, country or group: its name ("the Kremlin" → "Kremlin"); "the ministry": the last one so named;
- a title or description ("the 65-year-old prince", "the chancellor"): the person whose title words match best,
  else the previous statement's source for a bare "the <title>", else the office of the article's country
  (:mod:`analysis.quotes.offices`: "British Prime Minister");
- an unnamed source (``unnamed_sources.txt``: "a spokesman for X", "officials", "an aide to X"), a text without a
  named author ("the report"), any other common noun phrase, number or clause: no speaker, and the mention is kept
  as the speaker's description.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from analysis import names
from analysis.quotes.antecedents import group_named_before
from analysis.quotes.lexicon import word_list
from analysis.quotes.marks import find_quotations
from analysis.quotes.national_bodies import national_body
from analysis.quotes.offices import (
    abbreviated_title,
    fits_office,
    holder_at_end,
    named_after_office,
    national_role,
    spelled_out,
    untagged_holder,
)
from analysis.quotes.people import PersonIndex, clean_name, common_words_only
from analysis.quotes.pronoun_speakers import LEADING_ARTICLE, NOBODY, PronounResolver, Resolved, Unnamed, describe
from analysis.quotes.source_names import (
    government_source,
    group_name,
    holders_of_body,
    is_document,
    is_institution,
    is_people_of_a_country,
    names_no_source,
    newspaper_before,
    organization_name,
    owners,
    party_before,
    relayed_source,
    written_by,
)

_ORG_LABELS = {"ORG", "GPE", "NORP", "FAC"}
#: Entity types that are never a source ("Wednesday and Garcia said": the date is not one).
_NOT_SOURCES = {"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "ORDINAL", "CARDINAL"}
_AUTHOR_AHEAD = 80  #: tokens after a text without its author where the next mention of it may name one
#: What a name looks like: words of letters, with hyphens, apostrophes, periods and "&".
#: A newspaper named "<Place> Times" ("New York Times", "Financial Times"), without its article.
_NAMED_TIMES = re.compile(r"\b((?:[A-Z][a-z]+ ){1,3}Times)\b(?<!The Times)")
#: A place that owns an organisation's name ("Russia's RIA"): the place.
_PLACE_OWNER = re.compile(r"([A-Z][\w-]+)['’]s ")
_NAME = re.compile(r"[^\W\d_][\w.'’&-]*(?:\s+[\w.'’&-]+)*")


def canonical_person_names(doc: Doc) -> dict[str, str]:
    """Map every PERSON surface form of ``doc`` to its canonical name: names sharing their last word
    merged ("Putin", "Russian President Vladimir Putin"), titles stripped (``names.SPEAKER_RULES``).
    """
    return dict(PersonIndex(doc).canonical_by_surface)


class SpeakerResolver(PronounResolver):
    """Resolves local speaker mentions of one document to canonical speakers."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.people = PersonIndex(doc)
        self._quoted = tuple((q.start, q.end) for q in find_quotations(doc.text))  # speech in the marks
        self._content: tuple[int, int] | None = None
        self._previous_unnamed: Unnamed | None = None
        self._previous_at: int | None = None
        self._previous_organization: tuple[str, int] | None = None
        self._ents_by_token = {}
        for ent in doc.ents:
            for token in ent:
                self._ents_by_token[token.i] = ent

    def resolve_source(self, span: Span, previous_speaker: str | None, content: tuple[int, int],
                       previous_unnamed: Unnamed | None = None, previous_at: int | None = None,
                       previous_organization: tuple[str, int] | None = None) -> Resolved:
        """Resolve the source of a statement in context: people and organisations named inside its ``content`` are
        no antecedents of its "he" or "it"; "he"/"she" (a person) or "it" (a group) is the ``previous_unnamed``
        source, else "he"/"she" the previous speaker (mention ending at ``previous_at``), "it" the
        ``previous_organization`` (name, end), when nobody is named between ("Downing Street said ... It said").
        """
        self._content, self._previous_unnamed, self._previous_at = content, previous_unnamed, previous_at
        self._previous_organization = previous_organization
        span = relayed_source(span)
        try:
            resolved = self.resolve(span, previous_speaker)
        finally:
            self._content, self._previous_unnamed, self._previous_at = None, None, None
            self._previous_organization = None
        if resolved.kind == "organization" and resolved.speaker:
            resolved = resolved._replace(speaker=self._full_organization_name(resolved.speaker, span))
        if resolved.speaker is not None and not _NAME.fullmatch(resolved.speaker):
            return Resolved(None, None, describe(span))
        party = names.organization_alias(resolved.speaker) if resolved.speaker is not None else None
        if party is not None:  # "the Tories", "Lib Dems" (tagged a person): the party's one name
            return Resolved(party, "organization", resolved.description)
        if resolved.kind == "organization" and (name := organization_name(resolved.speaker)) != resolved.speaker:
            return Resolved(name, "organization") if name else Resolved(None, None, describe(span))
        if resolved.kind == "organization" and (body := national_body(resolved.speaker, span)):
            return Resolved(body, "organization")  # "the Foreign Ministry": Russia's or Ukraine's, as the article says
        if resolved.kind == "person" and is_institution(resolved.speaker):  # "Downing Street" untagged
            return Resolved(resolved.speaker, "organization", resolved.description)
        # "Moscow said": Russia; not a person's surname, nor one of a group ("Kiev and the West")
        if (country := government_source(resolved.speaker)) and self.people.by_last_name(resolved.speaker) in (
                None, resolved.speaker) and not any(t.dep_ == "conj" for t in span):
            return Resolved(country, "organization", resolved.description)
        return resolved

    def _full_organization_name(self, name: str, span: Span) -> str:
        """An organisation's name without the place that owns it ("Russia's RIA": RIA; "Kyiv's city health
        department": Kyiv city health department), and "the Times" as the Times the article named before
        ("The New York Times ... the Times suggests"), else Times (the store drops a leading "The" too).
        """
        if name == "Times":
            named = _NAMED_TIMES.findall(self.doc.text[: span.start_char])
            return LEADING_ARTICLE.sub("", named[-1]) if named else name
        owner = _PLACE_OWNER.match(name)
        if owner is None or not any(t.text == owner.group(1) and t.ent_type_ in ("GPE", "LOC") for t in span):
            return name
        rest = name[owner.end() :]
        return rest if rest[:1].isupper() else f"{owner.group(1)} {rest}"

    def unnamed_source(self, span: Span, resolved: Resolved, previous: Unnamed | None) -> Unnamed | None:
        """The unnamed source a later pronoun may mean after a statement with source ``span``:
        one unnamed person ("a spokesman") or group ("the group"), or the same one again.
        """
        if resolved.speaker is not None or not resolved.description or not len(span):
            return None
        head = span.root
        if head.pos_ == "PRON":
            return previous._replace(end=span.end_char) if previous is not None else None
        if head.tag_ != "NN":
            return None
        return Unnamed(span.end_char, resolved.description, head.lemma_.lower() in word_list("unnamed_sources.txt"))

    def resolve(self, span: Span, previous_speaker: str | None = None) -> Resolved:
        """Return the resolved speaker of a local mention.

        Args:
            span: The local mention ("he", "the Russian president", "Putin", "the Kremlin").
            previous_speaker: Canonical person of the last attributed quote, preferred for
                pronouns and bare titles when it fits.
        """
        if len(span) == 0:
            return NOBODY
        head = span.root
        conjuncts = [t for t in head.children if t.dep_ == "conj" and t.i < span.end]
        conjunct = conjuncts[0] if conjuncts else None
        if len(conjuncts) > 1 or (conjunct is not None and any(c.dep_ == "conj" for c in conjunct.children)):
            return Resolved(None, None, describe(span))  # "the United States, West Germany, Japan ...": a group
        if conjunct is not None:  # "X and Y said": the first conjunct that names someone
            first = self.resolve(self.doc[span.start : conjunct.left_edge.i], previous_speaker)
            if first.speaker or len(span) > 12:
                return first
            second = self.resolve(self.doc[conjunct.left_edge.i : span.end], previous_speaker)
            return second if second.speaker else Resolved(None, None, describe(span))
        while span and span[-1].is_punct or span and span[-1].dep_ == "cc":
            span = span[:-1]
        if head.pos_ == "PRON" or head.tag_ in ("WP", "WDT", "PRP", "PRP$"):
            return self._pronoun(span, head, previous_speaker)
        if len(span) == 1 and head.lower_ in word_list("quantifier_sources.txt"):  # "Many believe ..."
            return Resolved(None, None, describe(span))
        # "Brown's Britain, by Robert Peston, says": the author, not the work's title
        if person := self.people.person_at(written_by(head) or head):
            return Resolved(person, "person")
        beside = None if is_document(head) else self._named_beside(head, previous_speaker)
        if beside is not None:
            return beside
        if holder := holder_at_end(span):  # "Minister of Transport Maxim Sokolov said" opening a sentence
            return Resolved(holder, "person")
        if _named_body_first(span) and (titled_name := self._titled_name_at_end(span)):
            return Resolved(titled_name, "person")  # "Friends of the Earth Director Craig Bennett"
        lemma = head.lemma_.lower()
        titled = lemma in names.title_words() or head.lower_ in names.title_words() or bool(abbreviated_title(head))
        ent = self._ents_by_token.get(head.i)
        if head.ent_type_ in _NOT_SOURCES or head.like_num or is_people_of_a_country(head) or names_no_source(
                span, head):  # "70%", "Ukrainians", "the Constitution", "the West"
            return Resolved(None, None, describe(span))
        if head.pos_ == "NOUN" and (lemma in word_list("unnamed_sources.txt") or head.lower_ in word_list(
                "unnamed_sources.txt")):
            return Resolved(None, None, describe(span))
        if (body := holders_of_body(span, head)) is not None:  # "the Foreign Ministers of the Visegrad Group"
            return Resolved(body, "organization")
        titled_name = self._titled_name_at_end(span)
        if titled_name:  # "Commission for Racial Equality chairman Trevor Phillips"
            return Resolved(titled_name, "person")
        if head.pos_ == "PROPN" and (known := self.people.by_last_name(head.text)):
            return Resolved(known, "person")  # "Mr Pichardo", "Straw said" tagged ORG or NORP by mistake
        if ent is not None and ent.label_ in _ORG_LABELS and not (titled and len(ent) == 1):
            return Resolved(group_name(span, ent), "organization")
        if head.pos_ == "NOUN" and head.is_title and (known := self.people.by_last_name(head.text)):
            return Resolved(known, "person")  # "Sanders: ..." tagged a plural noun
        if party := names.organization_alias(" ".join(span.text.split())):  # "The Tories" left untagged
            return Resolved(party, "organization")
        if head.tag_ == "NNS" and head.pos_ == "NOUN":  # "leaders of ...", "officials": a group, unnamed
            return Resolved(None, None, describe(span))
        if titled:
            return self._description(span, head, previous_speaker)
        if is_document(head):
            return self._author(span, head, previous_speaker)
        if head.pos_ == "NOUN" and lemma in word_list("organization_words.txt"):
            return self._definite_organization(span, head)
        if head.tag_ == "NNPS" and ent is None:  # "MPs", "Democrats" untagged: a group, unnamed
            return Resolved(None, None, describe(span))
        if head.pos_ == "PROPN" or (head.pos_ == "ADJ" and len(span) == 1 and head.is_title):  # "Issa: ..."
            return self._proper_name(span, head, ent)
        return Resolved(None, None, describe(span))

    def _titled_name_at_end(self, span: Span) -> str | None:
        """Return the person named at the end of a mention right after a title word, or None."""
        for mention in self.people.mentions:
            if mention.start < span.end_char <= mention.end and mention.start > span.start_char:
                before = self.doc.char_span(span.start_char, mention.start, alignment_mode="contract")
                if before is not None and len(before) and before[-1].lower_.rstrip(".") in names.title_words():
                    return mention.canonical
        return None

    def _named_beside(self, head: Token, previous_speaker: str | None) -> Resolved | None:
        """Return who is named in apposition to a description ("the minister, Arsen Avakov",
        "the independent magazine Si"), or None.
        """
        for child in head.children:
            if child.dep_ == "appos" and child.i > head.i and child.pos_ == "PROPN":
                resolved = self.resolve(self.doc[child.left_edge.i : child.right_edge.i + 1], previous_speaker)
                if resolved.speaker:
                    return resolved
        named = named_after_office(head)  # "representative of the U.S. Treasury Department Ramin Toloui"
        person = (self.people.person_at(named) or untagged_holder(named)) if named is not None else None
        return Resolved(person, "person") if person else None

    def _description(self, span: Span, head: Token, previous_speaker: str | None) -> Resolved:
        """Resolve a title or description ("the 65-year-old prince") to the person it fits."""
        last = self.people.person_at(span[-1])
        if last is not None:  # "the chief of Ukraine's General Staff Viktor Muzhenko"
            return Resolved(last, "person")
        words = set(spelled_out(t for t in span if t.is_alpha)) - {"the", "a", "an"}  # "the PM": prime minister
        office = abbreviated_title(head) or head.lower_
        office = office if office in names.title_words() - word_list("any_office_titles.txt") else None
        person = self.people.by_description(words, span.start_char, previous_speaker, office)
        if person:
            return Resolved(person, "person")
        bare = span[0].lower_ == "the" and not any(t.dep_ in ("prep", "poss") for t in head.children)
        # the previous speaker, unless given other titles ("Prime Minister X ... The mayor said", "Home Secretary X")
        held = self.people.titles_of(previous_speaker) if previous_speaker else set()
        skip = self._content or (0, 0)  # "X asked Mr Brown whether ... But the chancellor said Mr X was ...": not X
        named = any(skip[0] <= m.start < skip[1] and m.canonical == previous_speaker for m in self.people.mentions)
        if bare and previous_speaker and not named and (office is None or not held or (
                office in held and fits_office(words, held))):
            return Resolved(previous_speaker, "person")
        role = national_role(span)  # "the prime minister" the article never names: "British Prime Minister"
        return Resolved(*role) if role else Resolved(None, None, describe(span))

    def _author(self, span: Span, head: Token, previous_speaker: str | None) -> Resolved:
        """Resolve a statement or text to its named author ("a Greenpeace release", "a report by X");
        "the book" to the author of the last book whose author the article names, else to the one
        the next mention names soon after ("a new book ... claims. The book by X said"); "the
        statement" after "X said in a statement" to X; "the paper" to the newspaper named last.
        """
        own = [head] + ([] if span[0].lower_ != "the" else [
            t for t in reversed(self.doc[max(0, span.start - 600) : span.start]) if t.lemma_ == head.lemma_])
        own += [t for t in self.doc[span.end : span.end + _AUTHOR_AHEAD] if t.lemma_ == head.lemma_][:1]
        for document in own:
            for owner in owners(document, span if document is head else None):
                resolved = self.resolve(self.doc[owner.left_edge.i : owner.i + 1], previous_speaker)
                if resolved.speaker:
                    return resolved
        for child in head.lefts:  # "a defence ministry statement"
            if child.dep_ == "compound" and child.lemma_.lower() in word_list("organization_words.txt"):
                return Resolved(" ".join(self.doc[child.left_edge.i : child.i + 1].text.split()), "organization")
        paper = newspaper_before(span)  # "an interview with the Financial Times ... The paper said"
        return Resolved(paper, "organization") if paper else Resolved(None, None, describe(span))

    def _definite_organization(self, span: Span, head: Token) -> Resolved:
        """Resolve "the ministry" to the last organisation named with that word, else unnamed."""
        named = [t for t in head.lefts if t.i >= span.start and (t.pos_ == "PROPN" or t.ent_type_ in _ORG_LABELS)]
        if named:  # "the German government", "Ukraine's parliament" (not "a party of councillors from X")
            first = named[0].left_edge.i
            breaks = [t.i for t in self.doc[first : head.i] if "\n" in t.text_with_ws]
            first = breaks[-1] + 1 if breaks else first  # the parse ran over a title line
            return Resolved(" ".join(self.doc[first : head.i + 1].text.split()), "organization")
        words = {t.lower_ for t in span[1:] if t.is_alpha}
        if span[0].lower_ == "the" and len(words) <= 2:
            for ent in reversed(self.doc.ents):
                if ent.end_char <= span.start_char and ent.label_ in ("ORG", "GPE"):
                    if words <= set(ent.text.lower().split()) and span.start_char - ent.start_char <= 3000:
                        return Resolved(LEADING_ARTICLE.sub("", ent.text), "organization")
        if any(t.dep_ == "compound" and t.pos_ == "NOUN" for t in head.lefts):  # "the defence ministry"
            return Resolved(LEADING_ARTICLE.sub("", " ".join(span.text.split())), "organization")
        # "The government says" of a story about Britain's: "British government"; "Labour's ..., the party said"
        role = national_role(span) or ((party, "organization") if (party := party_before(span)) else None)
        if role is None and head.lemma_.lower() == "group" and len(words) == 1 and (group := group_named_before(span)):
            role = (group, "organization")  # "Save the Scottish Regiments will field ... The group said"
        return Resolved(*role) if role else Resolved(None, None, describe(span))

    def _proper_name(self, span: Span, head: Token, ent: Span | None) -> Resolved:
        """Resolve an untagged proper noun: an organisation by its words, else a person's surname."""
        name = LEADING_ARTICLE.sub("", span.text)
        if not _NAME.fullmatch(name):  # "box)If", "Reuters/Ipsos:"
            return Resolved(None, None, describe(span))
        words = {t.lower_ for t in span}
        if span[0].lower_ == "the" or words & word_list("organization_words.txt") or ent is not None:
            return Resolved(name, "organization")
        titled = span.start > 0 and span.doc[span.start - 1].lower_ in names.title_words()
        if common_words_only(name, span.doc) and not titled:
            return Resolved(name, "organization")  # "Age Concern": common words, no first name
        # "N.Mladenov": an initial written onto the surname
        known = self.people.by_last_name(head.text) or self.people.by_last_name(re.sub(r"^(?:[A-Z]\.)+", "", head.text))
        return Resolved(known or clean_name(span) or name, "person")


def _named_body_first(span: Span) -> bool:
    """Whether a mention opens with a capitalised name ("Friends of the Earth Director ..."), not an
    unnamed source ("a spokesman for President ...", "A senior adviser to ...").
    """
    if not len(span):
        return False
    first = span[0]
    return first.is_title and first.lower_ not in ("a", "an", "the") and all(
        t.is_title or t.lower_ in ("of", "the", "and", "for") or t.lower_ in names.title_words() for t in span)
