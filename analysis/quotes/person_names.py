"""The names of an article's persons: PERSON entities widened to the whole proper name, cleaned.

:func:`person_spans` collects the PERSON entities of a ``Doc`` widened to the proper name the
parse joins to them ("Gro Harlem" + "Brundtland"; an entity tagged ORG after a title, "Cardinal
Cormac Murphy-O'Connor", is a person too; a one-word "person" the tagger calls an organisation or
a group elsewhere in the article, "Labour", is not); :func:`clean_name` is the name of one such
span without titles or punctuation. Used by :mod:`analysis.quotes.people`.
"""

from __future__ import annotations

import weakref
from collections import Counter

from spacy.tokens import Doc, Span, Token

from analysis import names
from analysis.names.shape import NAME_PARTICLES, is_common_word
from analysis.quotes.lexicon import word_list

_PERSON_LABELS = {"PERSON"}
_GROUP_LABELS = {"ORG", "GPE", "NORP", "FAC"}
_POSSESSIVES = ("'s", "’s")


def _is_name_token(token: Token) -> bool:
    return token.pos_ == "PROPN" and not token.is_punct and (token.is_title or token.is_upper or "-" in token.text)


def name_tokens(span: Span, leftwards: bool = False) -> Span:
    """Widen a name to the proper nouns the parse joins to it ("Gro Harlem" → "Gro Harlem
    Brundtland" when "Brundtland" heads the compound; with ``leftwards``, "Murphy-O'Connor" →
    "Cardinal Cormac Murphy-O'Connor").
    """
    doc = span.doc
    start, end = span.start, span.end
    inside = set(range(start, end))
    while (end < len(doc) and _is_name_token(doc[end]) and any(doc[i].head.i == end for i in inside)
           and not _is_headline_cue(doc[end].text)):
        inside.add(end)
        end += 1
    while leftwards and start > 0 and _is_name_token(doc[start - 1]) and doc[start - 1].head.i in inside:
        start -= 1
        inside.add(start)
    return doc[start:end]


def _gap(token) -> str:
    """The space after a token, also when it is a token of its own ("Yvan\xa0Blondin": spaCy makes
    the no-break space a token, and the word before it has no trailing whitespace).
    """
    following = token.i + 1
    return token.whitespace_ or (" " if following < len(token.doc) and token.doc[following].is_space else "")


def _gap_before(token: Token, following: Token) -> str:
    """The space between two kept words of a name, also over words dropped between them
    ("People’s Republic": the "’s" dropped, not the space after it).
    """
    between = token.doc[token.i : following.i]
    return " " if any(_gap(t) for t in between) else ""


def clean_name(span: Span) -> str:
    """Return the name of a span: no punctuation (but hyphens), possessive marks or titles
    ("Commission for Racial Equality chairman Trevor Phillips" → "Trevor Phillips",
    "Frank Field MP" → "Frank Field", "Cardinal Cormac Murphy-O'Connor" → "Cormac Murphy-O'Connor").
    """
    comma = max((t.i for t in span if t.text == ","), default=None)
    if comma is not None and sum(t.is_alpha for t in span.doc[comma + 1 : span.end]) >= 2:
        span = span.doc[comma + 1 : span.end]  # "Donetsk People's Republic, Igor Girkin": the name after
    kept = [t for t in span if t.text == "-" or not (t.is_punct or t.is_space or t.tag_ == "POS"
                                                     or t.lower_ in _POSSESSIVES)]
    following = {a.i: b for a, b in zip(kept, kept[1:], strict=False)}
    text = "".join(t.text + (_gap_before(t, following[t.i]) if t.i in following else "") for t in kept)
    text = text.replace(" - ", "-")
    words = text.split()
    while len(words) > 1 and words[0].islower() and words[0] not in NAME_PARTICLES:
        words = words[1:]  # "fellow Tory David Heathcoat-Amory", "angry Labour MPs": no part of a name
    words = names.strip_titles(" ".join(words)).split() if words else []
    titles = [i for i, word in enumerate(words) if word.lower().rstrip(".") in names.title_words() or
              word.lower() in names.title_words()]
    inner = [i for i in titles if i < len(words) - 1]
    if inner and len(words) - inner[-1] - 1 >= 2:  # keep "First Last" after the last title
        words = words[inner[-1] + 1 :]
    words = names.strip_title_words(words)
    cue = next((i for i, word in enumerate(words) if i and _is_headline_cue(word)), None)
    words = words[:cue]  # "Garcia Says Shining Path ...": the headline's verb ends the name
    while len(words) > 1 and words[-1].lower() in names.title_words():
        words = words[:-1]
    return " ".join(words)


def _is_headline_cue(word: str) -> bool:
    """Whether a capitalised word after a name is the verb of a Title Case headline ("Garcia Says
    Shining Path ...": "Says"), not part of the name: "Said", or a verb of saying with its "s".
    """
    lower = word.lower()
    return word[:1].isupper() and (lower == "said" or (lower.endswith("s") and lower[:-1] in word_list(
        "speech_verbs.txt")))


def _group_names(doc: Doc) -> Counter:
    """How often each entity text is tagged as an organisation, place or group."""
    return Counter(ent.text for ent in doc.ents if ent.label_ in _GROUP_LABELS)


def _is_titled(span: Span) -> bool:
    """Whether a widened name opens with a capitalised title of a person ("Cardinal X")."""
    first = span[0]
    return first.is_title and first.lower_.rstrip(".") in names.title_words() and len(span) > 1


def person_spans(doc: Doc) -> list[Span]:
    """The names of the persons of ``doc``: PERSON entities widened by :func:`name_tokens`, and
    organisation entities after a person's title; no one-word name the tagger more often calls
    an organisation or a group ("Labour", "Conservative"), no name ending in a title's plural
    (the body "Law Lords").
    """
    groups = _group_names(doc)
    persons = Counter(ent.text for ent in doc.ents if ent.label_ in _PERSON_LABELS)
    found = []
    for ent in doc.ents:
        if ent.label_ in _PERSON_LABELS:
            if len(ent) == 1 and groups[ent.text] >= persons[ent.text]:
                continue
            found.append(name_tokens(ent))  # never leftwards: "Foreign Minister X" stays "X"
        elif ent.label_ in _GROUP_LABELS:  # "Prince Charles" tagged GPE
            widened = name_tokens(ent, leftwards=True)
            words = {t.lower_ for t in widened}
            if _is_titled(widened) and not words & word_list("organization_words.txt"):
                found.append(widened)
    found = found + _untagged_titled_names(doc)
    found = [span for span in found if not names.is_title_plural(span[-1].text)]  # "Law Lords": a body
    titled = {clean_name(span) for span in found if span.start > 0 and _title_or_honorific(doc[span.start - 1])}
    return [span for span in found if not common_words_only(clean_name(span), doc) or clean_name(span) in titled]


def _title_or_honorific(token: Token) -> bool:
    """Whether a word before a name makes it a person's ("minister", "Mr")."""
    word = token.lower_.rstrip(".")
    return word in names.title_words() or names.honorific_gender(token.lower_) is not None


def common_words_only(name: str, doc: Doc) -> bool:
    """Whether a name of two words or more is common words only, none a first name ("Age Concern"):
    a body's name, not a person's, unless a title or honorific stands before it. A
    word is common when it is a common English word and the article itself uses it in lower case
    ("concerns", "aged"), which no surname is ("Mitt Romney": both words are frequent in the
    background news, never written in lower case).
    """
    words = name.replace("-", " ").split()
    if len(words) < 2 or not all(is_common_word(w) for w in words):
        return False
    return all(w.lower() in _lower_words(doc) for w in words)


_LOWER_WORDS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _lower_words(doc: Doc) -> frozenset[str]:
    """The words and lemmas the article writes in lower case (computed once per document)."""
    words = _LOWER_WORDS.get(doc)
    if words is None:
        words = _LOWER_WORDS[doc] = frozenset(
            form for t in doc if t.is_alpha and t.is_lower for form in (t.lower_, t.lemma_.lower()))
    return words


def _untagged_titled_names(doc: Doc) -> list[Span]:
    """Names after a capitalised title that the tagger left untagged ("Prince Charles")."""
    found = []
    for token in doc[:-1]:
        if not (token.is_title and token.pos_ == "PROPN" and not token.ent_type_ and
                token.lower_.rstrip(".") in names.title_words()):
            continue
        end = token.i + 1
        while (end < len(doc) and _is_name_token(doc[end]) and not doc[end].ent_type_
               and doc[end].lower_ not in names.title_words() | word_list("organization_words.txt")):
            end += 1
        if end > token.i + 1 and end - token.i <= 4:
            found.append(doc[token.i : end])
    return found
