"""Reported speech from the dependency parse: what a cue reports, and who says it.

A listed cue (a reporting verb "said", "warned", an object verb "criticized", a "verb
preposition" cue "called for", a learned cue form, or any verb with a subject and a "that"
clause) reports its clausal complement, a speech noun's complement ("expressed hope that
..."), a description ("called the plan “reckless”"), an infinitive ("vowed to fight"), its
object or prepositional object; set off by commas it reports the sentence around it
("Climate change, Mr. Obama says, is ..."), and so does an aside "as X reported". A speech
noun reports its "that" clause ("Trump's claim that ..."), "according to X" the rest of its
clause, "In a CNN poll, ..." the rest of the sentence. Verbs and nouns the rules leave
alone offer candidates to the learned filter (:mod:`analysis.quotes.candidates`). The
source is the cue's subject (:func:`analysis.quotes.syntax.source_of`).
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

from analysis.budget import check_budget
from analysis.quotes.attribution import Attribution, CharSpan
from analysis.quotes.candidates import Candidate, best_candidate
from analysis.quotes.framing import according_to, asked_of_subject, in_asked_question, says_when_or_how
from analysis.quotes.lexicon import (
    describing_verbs,
    evidence_nouns,
    infinitive_verbs,
    learned_cues,
    non_cue_verbs,
    object_verbs,
    prepositional_cue_verbs,
    prepositional_cues,
    question_verbs,
    reporting_verbs,
    speech_noun_verbs,
    speech_nouns,
)
from analysis.quotes.syntax import (
    clause_span,
    cue_char_span,
    doc_text,
    end_before_title,
    misattached_that_clause,
    noun_phrase,
    run_on_clause,
    source_of,
    trim_span,
)

#: Dependencies of a cue's clausal complement.
_CONTENT_DEPS = ("ccomp",)
#: Prepositions whose object is the content of a learned cue form ("railed against ...").
_CONTENT_PREPOSITIONS = frozenset({"about", "for", "against", "of", "to", "on"})


class Content(NamedTuple):
    """What a cue reports: the content's character span and the cue's (which may take a
    preposition or noun along: "called for", "expressed hope").
    """

    start: int
    end: int
    cue: CharSpan


def reported_attributions(doc: Doc, tagged: list[CharSpan] = ()) -> list[Attribution]:
    """Find reporting verbs with what they report, "according to X", noun cues, and other
    verbs that the learned filter (:mod:`analysis.quotes.filters`) accepts.
    """
    found = []
    for token in doc:
        if token.i % 256 == 0:
            check_budget()
        listed = is_listed_cue(token)
        if listed and asked_of_subject(token) or in_asked_question(token):
            continue  # "He was asked if ...", "Asked why ..., X said": the question is someone else's
        if listed:
            content = listed_content(token)
            if content is not None:
                start, end, cue = content
                source = source_of(token)
                if source is not None and start < source.start_char < end and doc[source.start - 1].is_quote:
                    # “...,” Flynn, a top Trump surrogate, said: the parser hung the speaker on a
                    # word of the quotation, so the clause ran on past its closing mark.
                    end = start + len(doc_text(doc)[start : source.start_char].rstrip(" ,"))
                elif source is not None and start < end <= source.start_char <= end + 1:
                    end = end_before_title(doc, start, source)  # "A, US Assistant Secretary ... Nuland said"
                found.append(Attribution(start, end, source, cue))
                continue
        if (listed or token.pos_ == "VERB") and token.lower_ != "according":
            candidate = best_candidate(token, listed, tagged)
            if candidate is not None:
                found.append(_kept_candidate(candidate))
        elif token.pos_ == "NOUN":
            attribution = noun_cue_attribution(token) if token.lemma_.lower() in speech_nouns() else None
            if attribution is None:
                candidate = best_candidate(token, tagged=tagged)
                if candidate is not None:
                    attribution = _kept_candidate(candidate)
            if attribution is not None:
                found.append(attribution)
        elif token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
            attribution = according_to(doc, token)
            if attribution is not None:
                found.append(attribution)
        elif token.lower_ == "in" and token.dep_ == "prep":
            attribution = _in_poll(doc, token)
            if attribution is not None:
                found.append(attribution)
    return found


def _kept_candidate(candidate: Candidate) -> Attribution:
    """Return a candidate the learned filter kept as an attribution."""
    return Attribution(candidate.start, candidate.end, candidate.source, candidate.cue, filtered=True)


def is_listed_cue(token: Token) -> bool:
    """Return True for a verb in the curated or learned cue lists (or any verb with "that ...")."""
    lemma = token.lemma_.lower()
    return token.pos_ in ("VERB", "AUX") and (
        lemma in reporting_verbs()
        or lemma in object_verbs()
        or lemma in prepositional_cue_verbs()
        or token.lower_ in learned_cues()
        or _generic_cue(token)
    )


def _generic_cue(token: Token) -> bool:
    """Return True for any verb with a subject and a finite clausal complement ("feared that ...")."""
    if token.lemma_.lower() in non_cue_verbs():
        return False
    has_subject = any(c.dep_ == "nsubj" for c in token.children)
    return has_subject and any(c.dep_ == "ccomp" and c.i > token.i for c in token.children)


def listed_content(token: Token) -> Content | None:
    """Return what the rules find for a listed cue (interjection, complement, parenthetical)."""
    content = _interjected_content(token) if token.lemma_.lower() in reporting_verbs() else None
    if content is None:
        content = _as_clause_content(token)
    if content is None:
        content = _content_of(token)
    if content is None:
        content = _parenthetical_content(token)
    return content


def _content_of(token: Token) -> Content | None:
    """Return (start, end, cue) of what a reporting verb reports, or None.

    Tries, in order: a clausal complement ("said that ..."), a speech noun's complement
    ("expressed hope that ..."), a predicative description ("called the plan “reckless”"),
    an infinitive complement ("vowed to fight"), and the object of "say" ("said so").
    """
    lemma = token.lemma_.lower()
    learned_only = lemma not in reporting_verbs() and token.lower_ in learned_cues()
    children = list(token.children)
    cue = cue_char_span(token)
    content = next((c for c in children if c.dep_ in _CONTENT_DEPS and not _relative(c)), None)
    if content is None and lemma in reporting_verbs():
        content = misattached_that_clause(token)
    if content is None and lemma in question_verbs():
        # "asked workers if they planned to ...": the parser makes the question an adverbial clause.
        content = next(
            (
                c
                for c in children
                if c.dep_ == "advcl"
                and c.i > token.i
                and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.children)
            ),
            None,
        )
    if content is not None:
        start, end = clause_span(content)
        follower = next((c for c in children if c.dep_ == "ccomp" and c.left_edge.i == content.right_edge.i + 1), None)
        if follower is not None and content.right_edge.is_quote:  # 'that "A" were refused': split at the mark
            end = clause_span(follower)[1]
        return Content(start, end, cue)
    if lemma in reporting_verbs() and (run_on := run_on_clause(token)) is not None:
        return Content(*run_on, cue)  # "insisted closer co-operation did not mean ...", misparsed
    if lemma in speech_noun_verbs():
        for child in children:
            if child.dep_ == "dobj" and child.lemma_.lower() in speech_nouns():
                clause = next((c for c in child.children if c.dep_ in ("ccomp", "acl")), None)
                if clause is not None:
                    start, end = clause_span(clause)
                    return Content(start, end, (token.idx, child.idx + len(child.text)))
    obj = next((c for c in children if c.dep_ == "dobj"), None)
    if lemma in describing_verbs() and obj is not None:
        predicate = next((c for c in children if c.dep_ in ("oprd", "xcomp") and c.i > obj.i), None)
        if predicate is None:
            predicate = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i), None)
        if predicate is not None:
            start = obj.left_edge.idx
            last = predicate.right_edge
            return Content(start, last.idx + len(last.text), cue)
    for_clause = next(
        (
            c
            for c in children
            if c.dep_ == "advcl"
            and c.i > token.i
            and token.nbor(1).lower_ == "for"
            and any(m.dep_ == "mark" and m.i == token.i + 1 for m in c.children)
        ),
        None,
    )
    if for_clause is not None and f"{lemma} for" in prepositional_cues():
        # "called for Trump to drop out": the parser reads "for Trump to ..." as a clause
        last = for_clause.right_edge
        return Content(token.nbor(2).idx, last.idx + len(last.text), (cue[0], token.nbor(1).idx + 3))
    gerund = next((c for c in children if c.dep_ == "xcomp" and c.tag_ == "VBG" and c.i > token.i), None)
    if gerund is not None and not learned_only:
        start, end = clause_span(gerund)  # "denied having any role", "reported raising $9 million"
        return Content(start, end, cue)
    if lemma in infinitive_verbs() or learned_only:
        clause = next((c for c in children if c.dep_ == "xcomp" and c.i > token.i), None)
        if clause is not None and any(t.lower_ == "to" for t in clause.lefts):
            first = obj if obj is not None and obj.i < clause.i else clause
            last = clause.right_edge
            return Content(first.left_edge.idx, last.idx + len(last.text), cue)
    if (
        (lemma in object_verbs() or learned_only)
        and obj is not None
        and obj.pos_ in ("NOUN", "PROPN")
        and obj.i > token.i
        and obj.lemma_.lower() not in speech_nouns()  # "issued a statement" says nothing yet
    ):
        last = obj.right_edge
        role = next((c for c in children if c.dep_ == "prep" and c.lower_ == "as" and c.i > obj.i), None)
        if role is not None:
            last = role.right_edge  # "condemned the test as “provocative”"
        return Content(obj.left_edge.idx, last.idx + len(last.text), cue)
    for child in children:
        if child.dep_ == "prep" and child.i > token.i and (  # not "For years, Russia has called for ..."
            f"{lemma} {child.lower_}" in prepositional_cues()
            or (learned_only and child.i == token.i + 1 and child.lower_ in _CONTENT_PREPOSITIONS)
        ):
            target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if target is not None:
                last = target.right_edge
                return Content(target.left_edge.idx, last.idx + len(last.text), (cue[0], child.idx + len(child.text)))
    if lemma == "say":
        answer = next(
            (
                c
                for c in children
                if c.i > token.i and ((c.dep_ == "dobj" and not c.is_quote) or c.lower_ in ("so", "yes", "no"))
            ),
            None,
        )
        if answer is not None:
            last = answer.right_edge
            return Content(answer.left_edge.idx, last.idx + len(last.text), cue)
    return None


def _relative(clause: Token) -> bool:
    """Whether a clause is a relative one the parser made a complement ("- which prompted ... -")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who") for c in clause.children)


def _interjected_content(verb: Token) -> Content | None:
    """Return the whole sentence for an attribution set off by commas inside it.

    "Climate change, Mr. Obama often says, is the greatest threat" and "But to prevent
    problems, he said, officials should be vigilant" report the sentence around the
    interjection (PolNeAR annotates it from the sentence start to its end).
    """
    subject = next((c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i), None)
    doc = verb.doc
    if subject is None or any(t.is_quote for t in doc[subject.i + 1 : verb.i]):
        return None  # a "subject" inside the quotation before the cue is not an interjection
    sent = verb.sent
    left = subject.left_edge.i
    if left - sent.start < 2 or doc[left - 1].text != "," or "\n" in doc[left - 2].text:
        return None
    comma = next((t for t in doc[verb.i + 1 : min(sent.end, verb.i + 6)] if t.text == ","), None)
    if comma is None or any(t.pos_ in ("VERB", "AUX") for t in doc[verb.i + 1 : comma.i]):
        return None
    if sent.end - comma.i < 3:
        return None
    before = next((c for c in verb.children if c.dep_ == "ccomp" and c.i < subject.i), None)
    after = doc[comma.i + 1] if comma.i + 1 < sent.end else None
    if before is not None and after is not None and says_when_or_how(after, verb):
        return None  # "A, Tusk said Thursday, after clashes ...": A is whole before the cue
    text = doc_text(doc)
    line_start = text.rfind("\n", sent.start_char, subject.left_edge.idx) + 1 or sent.start_char
    line_end = text.find("\n", verb.idx, sent.end_char)
    start, end = trim_span(text, max(sent.start_char, line_start), sent.end_char if line_end < 0 else line_end)
    return Content(start, end, cue_char_span(verb))


def _as_clause_content(verb: Token) -> Content | None:
    """Return the clause an "as X reported" aside vouches for: "As Politico reported, Trump would
    win ..." / "Ailes met with him that day, as The New York Times reported on Tuesday".
    """
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in verb.children):
        return None  # "as he said it would" reports its own object
    aside_start, aside_end = verb.left_edge, verb.right_edge
    content = _rest_of_sentence(aside_start, aside_end, aside_start.i <= verb.sent.start + 1, min_chars=15)
    return None if content is None else Content(*content, cue_char_span(verb))


def _parenthetical_content(verb: Token) -> Content | None:
    """Return the sentence reported by a parenthetical "..., the Times said, ..." / "..., X says."."""
    # The subject nearest the verb: the parser may hang a subject of the reported clause on
    # it too ("for people ... to organize ..., she said").
    subject = min((c for c in verb.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - verb.i), default=None)
    if subject is None or verb.dep_ not in ("parataxis", "ROOT", "advcl"):
        return None
    doc = verb.doc
    sent = verb.sent
    phrase_start = subject.left_edge.i
    if phrase_start - sent.start < 3 or doc[phrase_start - 1].text not in (",", "—", "–"):
        return None
    if verb.dep_ == "ROOT" and not any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        tail = [t for t in doc[verb.i + 1 : sent.end] if not t.is_punct]
        if tail and tail[0].dep_ not in ("prep", "npadvmod", "advmod", "advcl"):
            return None
    text = doc_text(doc)
    rest = [t for t in doc[verb.i + 1 : sent.end] if not t.is_punct and not t.is_space]
    if rest and any(t.head.i != verb.i and t.head.i < phrase_start for t in rest):
        end = sent.end_char
    else:
        end = doc[phrase_start - 1].idx
    start, end = trim_span(text, sent.start_char, end)
    if end - start < 15:
        return None
    return Content(start, end, cue_char_span(verb))


def noun_cue_attribution(noun: Token) -> Attribution | None:
    """Return "Trump's claim that ..." as an attribution (source = the possessor, if any)."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp") and any(t.lower_ == "that" and t.dep_ == "mark" for t in c.children)
        ),
        None,
    )
    if clause is None:
        return None
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is None:  # "statements by leaders of the Alliance that ..."
        by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
        possessor = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    start, end = clause_span(clause)
    source = noun_phrase(possessor) if possessor is not None else None
    if source is not None and source[-1].tag_ == "POS":
        source = source[:-1]
    return Attribution(start, end, source, (noun.idx, noun.idx + len(noun.text)))


def _in_poll(doc: Doc, preposition: Token) -> Attribution | None:
    """Build the attribution of "In a CNN poll, 52 percent ..." / "... leads in the latest survey":
    the poll is the source, "in" the cue and the rest of the clause the content. None when
    the sentence has a reporting verb of its own ("In a survey, analysts said ...").
    """
    objects = [
        c
        for c in preposition.children
        if c.dep_ == "pobj" and c.lemma_.lower() in evidence_nouns() and c.tag_ in ("NN", "NNP")
    ]
    if not objects:
        return None
    sent = preposition.sent
    if any(t.pos_ == "VERB" and t.lemma_.lower() in reporting_verbs() for t in sent):
        return None
    leading = all(t.is_punct or t.is_space or t.pos_ in ("CCONJ", "ADV") for t in doc[sent.start : preposition.i])
    content = _rest_of_sentence(preposition, preposition.right_edge, leading, min_chars=10)
    if content is None:
        return None
    cue = (preposition.idx, preposition.idx + len(preposition.text))
    return Attribution(*content, noun_phrase(objects[0]), cue)


def _rest_of_sentence(first: Token, last: Token, leading: bool, min_chars: int) -> CharSpan | None:
    """Return the rest of the sentence around the phrase ``first``..``last`` when the phrase
    opens the sentence (``leading``: "In a CNN poll, ...", "As X reported, ...") or closes it
    ("... in a CNN poll.", "..., as X reported."), trimmed; None when it stands in the middle
    or leaves fewer than ``min_chars`` characters.
    """
    text = doc_text(first.doc)
    sent = first.sent
    if leading:
        start, end = trim_span(text, last.idx + len(last.text), sent.end_char)
    elif last.i >= sent.end - 2:
        start, end = trim_span(text, sent.start_char, first.idx)
    else:
        return None
    return (start, end) if end - start >= min_chars else None
