"""The phrases quote rules are built from: cues, sources, noun phrases, clauses.

Shared by the rules of :mod:`analysis.quotes` and the learned candidates of
:mod:`analysis.quotes.candidates`: the character span of a cue (a verb with its particle,
auxiliaries and adverbs, "said in an interview"), the subject that is its source (or the
name after a quotation: "“...,” Smith said"), the noun phrase of a name with its title, a
clause's span, and trimming of spans to their words (reported clauses the parser gets wrong are
:mod:`analysis.quotes.clauses`'s). Offsets are character offsets into
``doc.text``.
"""

from __future__ import annotations

import weakref

from spacy.tokens import Doc, Span, Token

from analysis.quotes.lexicon import cue_adverbs, cue_days, reporting_verbs, speech_events, word_list

#: Characters trimmed from the edges of a content.
_TRAILING = set(" \t\n,;:.—–-")
_SUBJECT_DEPS = ("nsubj",)


_TEXT_CACHE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """Return ``doc.text``, built once per document (spaCy joins all tokens on each call)."""
    text = _TEXT_CACHE.get(doc)
    if text is None:
        text = _TEXT_CACHE[doc] = doc.text
    return text


#: Characters the scorer trims from both edges of a content (white space, quotation marks,
#: punctuation): spans compared with each other are trimmed the same way.
EDGE_CHARACTERS = frozenset(" \t\n\r\"'“”‘’«»„‟‚‛`,.;:!?—–-()[]")


def edge_trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink [start, end) past white space, quotation marks and punctuation at its edges."""
    return trim_span(text, start, end, EDGE_CHARACTERS)


def span_jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    """Return the character Jaccard overlap of two spans (as the scorer measures overlap)."""
    shared = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - shared
    return shared / union if union > 0 else 0.0


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    """Return True when the spans [a_start, a_end) and [b_start, b_end) share a character."""
    return a_start < b_end and b_start < a_end


def trim_span(text: str, start: int, end: int, characters: set[str] | frozenset[str] = _TRAILING) -> tuple[int, int]:
    """Shrink [start, end) past white space and edge punctuation (or other ``characters``)."""
    while start < end and text[start] in characters:
        start += 1
    while end > start and text[end - 1] in characters:
        end -= 1
    return start, end


def cue_char_span(verb: Token) -> tuple[int, int]:
    """Return the cue of a reporting verb with its adjacent auxiliaries, negation, adverbs,
    particle and a following day or speech event ("has also said", "did not deny",
    "aggressively attacked", "pointed out", "said Friday", "said in an interview").
    """
    doc = verb.doc
    start = verb.i
    while start > 0:
        previous = doc[start - 1]
        if previous.head.i != verb.i or previous.dep_ not in ("aux", "auxpass", "neg", "advmod") or previous.is_punct:
            break  # a quotation mark the parser took for an auxiliary (he 'said') is not the cue
        if previous.dep_ == "advmod" and previous.lower_ not in cue_adverbs() and not previous.lower_.endswith("ly"):
            break
        start -= 1
    last = verb
    for child in verb.rights:
        if child.i != last.right_edge.i + 1:
            break
        if child.dep_ == "prt" or (child.dep_ == "npadvmod" and child.lower_ in cue_days()):
            last = child
        elif child.dep_ == "prep" and child.lower_ in ("in", "at") and _names_speech_event(child):
            last = child.right_edge
        else:
            break
    return doc[start].idx, last.idx + len(last.text)


def _names_speech_event(preposition: Token) -> bool:
    """Return True for "in an interview", "at a briefing Monday" and the like."""
    target = next((c for c in preposition.children if c.dep_ == "pobj"), None)
    return target is not None and target.lemma_.lower() in speech_events() and target.right_edge.i - preposition.i <= 6


def source_of(verb: Token) -> Span | None:
    """Return the subject of a reporting verb, following participles to their head verb."""
    current = verb
    for _ in range(4):
        subjects = [c for c in current.children if c.dep_ in _SUBJECT_DEPS and not _is_quoted_title(c)]
        if not subjects and _passive_source(current, climbed=current is not verb):
            subjects = [c for c in current.children if c.dep_ == "nsubjpass"]
        if subjects:
            before = [c for c in subjects if c.i < current.i]
            after = [c for c in subjects if c.i > current.i]
            if before and after and any(t.is_quote for t in current.doc[before[-1].i + 1 : current.i]):
                return noun_phrase(after[0])  # "Hello, everyone"--said the mayor: not "everyone"
            return noun_phrase(before[-1] if before else subjects[0])
        if current.dep_ in ("advcl", "xcomp", "conj") and current.head.pos_ in ("VERB", "AUX"):
            current = _past_reported_clause(current)
            continue
        as_head = current.head.head if current.dep_ == "pcomp" and current.head.lower_ == "as" else None
        if as_head is not None and as_head.pos_ == "VERB" and _passive_source(as_head, climbed=True):
            current = as_head  # "X was quoted as saying"
            continue
        break
    agent = _passive_agent(verb)
    if agent is not None:
        return agent
    speaker = _phrase_after_quotation(verb)
    if speaker is not None:
        return speaker
    # Inverted order: “...,” said the Russian president / emphasized Putin.
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "nsubj") and child.pos_ in ("PROPN", "NOUN", "PRON"):
            return noun_phrase(child)
    return _person_after_quotation(verb)


#: Speech verbs that say how someone speaks, so their participle describes the subject next to it.
_MANNER_OF_SPEAKING = frozenset({"shout", "cry", "yell", "scoff", "joke", "quip", "boast", "brag"})


def _past_reported_clause(verb: Token) -> Token:
    """The verb whose subject a participle's source is: "He said the question sounded fair,
    adding ...": the parser hangs "adding" on the reported clause, whose subject ("the
    question") says nothing; the speaker is the subject of the cue that reports the clause.
    Not for a verb of manner ("the suspect fled, shouting ...") or of no speech.
    """
    head = verb.head
    if (cue := conjoined_act(verb)) is not None:
        return cue  # "The Red Cross said that Ukraine was in a civil war and called on the parties to ..."
    if verb.lemma_.lower() not in word_list("speech_verbs.txt") or verb.lemma_.lower() in _MANNER_OF_SPEAKING:
        return head  # "said the suspect fled, shouting that ...": the suspect shouts
    after_comma = verb.i > 0 and (verb.doc[verb.i - 1].text == "," or verb.doc[verb.i - 1].is_quote)
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and after_comma and verb.i > head.i and head.dep_ == "ccomp" and (
            head.head.lemma_.lower() in word_list("speech_verbs.txt")
            or head.head.lemma_.lower() in reporting_verbs() and not _may_speak(head)):
        return head.head  # not "believes the Democrats will use Nafta ..., arguing": the Democrats argue
    return head


_PAST, _PRESENT = frozenset({"VBD", "VBN"}), frozenset({"VBZ", "VBP"})


def conjoined_act(verb: Token) -> Token | None:
    """Whether a verb of saying the parser made a conjunct of a reported clause is a second act of the
    cue's subject: "The Red Cross said that Ukraine was in a civil war and called on the parties to
    ...", "Moscow has warned that ... and warned its partners about ...": no subject of its own, a
    reporting verb in the cue's tense (past with past, present with present, "has" with "has").
    Returns that cue, or None.
    """
    clause = verb.head
    while clause.dep_ == "xcomp" and clause.head.i != clause.i:
        clause = clause.head  # "said workers did not want to go on strike and called for talks"
    cue = clause.head
    lemma = verb.lemma_.lower()
    if verb.dep_ != "conj" or clause.dep_ != "ccomp" or cue.i > clause.i or cue.lemma_.lower() not in reporting_verbs():
        return None
    if lemma not in reporting_verbs() and lemma not in word_list("speech_verbs.txt"):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children):
        return None
    tenses = {verb.tag_, cue.tag_}
    if tenses <= _PAST or tenses <= _PRESENT or verb.tag_ == "VBN" and cue.tag_ in _PRESENT and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children):  # "asserts ... and has expressed"
        return cue
    return None


def _may_speak(clause: Token) -> bool:
    """Whether a clause's subject may be who speaks: a name (person, organisation, group, country) or
    a pronoun for people ("he", "they"), not "abortion" or "the question".
    """
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    if subject.tag_ == "PRP":
        return subject.lower_ != "it"
    return subject.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")


def _person_after_quotation(verb: Token) -> Span | None:
    """The person named right after an inverted cue when the parser hung the name elsewhere:
    “...,” said *Mr Svyatoslav Regushevsky*, a 46-year-old who ... (made the subject of a later
    word). Only right after a closing quotation mark and the verb, a PERSON within the next
    titles; else None.
    """
    doc = verb.doc
    if not any(t.is_quote for t in doc[max(0, verb.i - 2) : verb.i]):
        return None
    index = verb.i + 1
    while index < min(len(doc), verb.i + 4) and doc[index].ent_type_ != "PERSON" and doc[index].is_title:
        index += 1
    if index >= len(doc) or doc[index].ent_type_ != "PERSON":
        return None
    while index + 1 < len(doc) and doc[index + 1].ent_iob_ == "I":
        index += 1
    return noun_phrase(doc[index])


def _passive_agent(verb: Token) -> Span | None:
    """The agent of a passive cue that reports something: "X was told by Y that ...", "X has been
    described as "..." by Y" (the parser hangs "by Y" on the quoted words); None for an active verb,
    without one, or when the agent is all the verb has ("were praised by a group of "observers"").
    """
    if not any(c.dep_ == "auxpass" for c in verb.children):
        return None
    by = [c for c in verb.children if c.dep_ == "agent" and any(o.dep_ == "ccomp" for o in verb.children)]
    by += [p for a in verb.children if a.dep_ == "prep" and a.lower_ == "as"
           for o in a.children if o.dep_ == "pobj" for p in o.children if p.dep_ == "prep" and p.lower_ == "by"]
    objects = [o for b in by for o in b.children if o.dep_ == "pobj" and o.pos_ in ("PROPN", "NOUN")]
    return noun_phrase(objects[0]) if objects else None


def _passive_source(verb: Token, climbed: bool) -> bool:
    """Whether the passive subject of ``verb`` is a source: of a verb of
    ``passive_source_verbs.txt`` that a reporting verb depends on (``climbed``) or that has one
    ("X was quoted as saying", "X is alleged to have said"), or of a cue of feeling
    (``experiencer_cues.txt``: "the agency is worried ...").
    """
    lemma = verb.lemma_.lower()
    if not any(c.dep_ == "auxpass" for c in verb.children) and verb.tag_ != "VBN":
        return False
    if lemma in word_list("passive_source_verbs.txt"):
        return climbed or any(_is_saying(c) for c in verb.children)  # the cue itself: "X is alleged to have said"
    return not climbed and lemma in word_list("experiencer_cues.txt")


def _is_saying(child: Token) -> bool:
    """Whether a verb's child reports speech: "saying", "to have said", "as saying"."""
    if child.dep_ == "prep" and child.lower_ == "as":
        return any(_is_saying(c) for c in child.children if c.dep_ == "pcomp")
    return child.dep_ in ("advcl", "xcomp", "pcomp") and child.lemma_.lower() in word_list("speech_verbs.txt")


def _is_quoted_title(token: Token) -> bool:
    """Return True for a phrase between quotation marks (a show or book title the parser took
    for a subject: "... said on Fox News's “Fox and Friends.”").
    """
    doc = token.doc
    left, right = token.left_edge.i, token.right_edge.i
    opening = left > 0 and doc[left - 1].is_quote and not doc[left - 1].whitespace_  # “Fox, not ” Fox
    return opening and any(t.is_quote for t in doc[right + 1 : right + 3])


def _phrase_after_quotation(verb: Token) -> Span | None:
    """Return the words between a closing quotation mark and the verb when the parser found
    no subject: “...,” *Flynn, a top Trump surrogate,* said (it hung the name on a word of
    the quotation). None unless they are a name or pronoun with at most an apposition.
    """
    doc = verb.doc
    end = verb.i
    while end > 0 and doc[end - 1].text in (",", "—", "–"):
        end -= 1
    start = end
    while start > 0 and not doc[start - 1].is_quote and end - start < 15:
        start -= 1
    if start == end or start == 0 or not doc[start - 1].is_quote or doc[start].pos_ not in ("PROPN", "PRON"):
        return None
    phrase = doc[start:end]
    if any(t.pos_ in ("VERB", "AUX") or t.is_quote or "\n" in t.text for t in phrase):
        return None
    return phrase


#: Dashes that end a dateline before a source ("MOSCOW — Putin", "VALDAI, Russia (Reuters) - Putin").
_DASHES = frozenset({"—", "–", "--", "-"})


def _is_dash(token: Token) -> bool:
    """Whether a token is a dash: a hyphen only with spaces around it (not "D-Ohio") and near
    the start of its sentence, where a dateline ends ("KIEV (Reuters) - ...", not "backed by X - a ...").
    """
    spaced = token.i > 0 and token.doc[token.i - 1].whitespace_ and token.whitespace_
    return token.text in _DASHES and (token.text != "-" or bool(spaced) and token.i - token.sent.start <= 8)


def noun_phrase(token: Token) -> Span:
    """Return the noun phrase headed by ``token``, in PolNeAR's convention for sources.

    The phrase keeps titles, appositions and relative clauses, also after an inverted cue
    ("said Michael Oppenheimer, a professor at Princeton": 452 of 497 such train sources),
    but drops participle modifiers ("obtained by the AP", "celebrating a victory") and a
    dateline before a dash or line break.
    """
    doc = token.doc
    dropped = {t.i for c in token.children if c.dep_ in ("acl", "advcl") for t in c.subtree}
    tokens = [t for t in token.subtree if t.i not in dropped]
    left, right = tokens[0].i, tokens[-1].i
    span = doc[left : right + 1]
    if any(t.is_quote for t in span) or len(span) > 40:
        left = min(
            [token.i] + [c.left_edge.i for c in token.lefts if c.dep_ in ("compound", "amod", "det", "poss", "nmod")]
        )
        span = doc[left : token.i + 1]
    for index in range(len(span) - 1, 0, -1):
        dash = _is_dash(span[index - 1])
        closed = span.end < len(doc) and doc[span.end].text in _DASHES
        if dash and (closed or any(t.text in _DASHES for t in span[index:])):
            break  # "Rinat Akhmetov -- a key backer of X --": an aside between dashes, no dateline
        if dash or "\n" in span[index - 1].text_with_ws:
            if any(t.pos_ in ("NOUN", "PROPN", "PRON") for t in span[index:]):
                span = span[index:]
            break
    while len(span) > 1 and span[0].lower_ in ("just", "only"):
        span = span[1:]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    while len(span) > 1 and (span[0].is_punct or span[0].is_space):
        span = span[1:]
    return span


def clause_span(token: Token, exclude: Token | None = None) -> tuple[int, int]:
    """Return the character span of ``token``'s subtree, optionally without one child subtree."""
    tokens = [t for t in token.subtree]
    if exclude is not None:
        excluded = {t.i for t in exclude.subtree}
        tokens = [t for t in tokens if t.i not in excluded]
    start = tokens[0].idx
    end = tokens[-1].idx + len(tokens[-1].text)
    return start, end


def first_word(token: Token) -> str:
    """Return the lower-cased first word of a token's subtree ("<self>" when it is the token)."""
    first = token.left_edge
    return "<self>" if first.i == token.i else first.lower_


def cue_end_token(verb: Token) -> int:
    """Return the index of the last token of a verb's cue (the verb or its particle)."""
    last = verb.i
    for child in verb.rights:
        if child.dep_ == "prt" and child.i == last + 1:
            last = child.i
    return last


#: Verbs that always take an object: one without it ends a relative clause whose object is the noun before.
_ALWAYS_TRANSITIVE = frozenset({"have", "deny", "make", "take", "give", "reject", "dismiss", "cause", "bring"})


def gapped_clause(clause: Token) -> bool:
    """Whether a clause is a relative one whose object is the noun before it, not a report: it ends
    with a verb that always takes an object and has none ("the “boomerang effect” that sanctions
    would have", "charges it has denied").
    """
    return (clause.lemma_.lower() in _ALWAYS_TRANSITIVE and clause.right_edge.i == clause.i
            and not any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "attr", "acomp") for c in clause.children))
