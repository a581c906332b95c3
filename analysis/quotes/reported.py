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
source is the cue's subject (:func:`analysis.quotes.syntax.source_of`). Asides are read by
:mod:`analysis.quotes.asides`, noun cues and polls by :mod:`analysis.quotes.noun_cues`.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from analysis.budget import check_budget
from analysis.quotes.asides import Content, as_clause_content, interjected_content, parenthetical_content
from analysis.quotes.attribution import Attribution, CharSpan
from analysis.quotes.candidates import Candidate, best_candidate
from analysis.quotes.clauses import (
    continues_reported_clause,
    end_before_participle,
    end_before_title,
    misattached_that_clause,
    run_on_clause,
)
from analysis.quotes.framing import according_to, asked_of_subject, in_asked_question
from analysis.quotes.lexicon import (
    describing_verbs,
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
from analysis.quotes.noun_cues import in_poll, noun_cue_attribution
from analysis.quotes.syntax import clause_span, conjoined_act, cue_char_span, doc_text, gapped_clause, source_of

#: Dependencies of a cue's clausal complement.
_CONTENT_DEPS = ("ccomp",)
#: Prepositions whose object is the content of a learned cue form ("railed against ...").
_CONTENT_PREPOSITIONS = frozenset({"about", "for", "against", "of", "to", "on"})
#: Re-exported: other modules import these from here.
__all__ = ["Content", "is_listed_cue", "listed_content", "noun_cue_attribution", "reported_attributions"]


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
        if continues_reported_clause(token):
            continue  # part of what its head verb reports
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
                kept = _kept_candidate(candidate)
                # "acknowledged that ... and has accused Moscow of ...": a second act of the cue's subject
                kept.filtered = conjoined_act(token) is None
                found.append(kept)
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
            attribution = in_poll(doc, token)
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
    content = interjected_content(token) if token.lemma_.lower() in reporting_verbs() else None
    if content is None:
        content = as_clause_content(token)
    if content is None:
        content = _content_of(token)
    if content is None:
        content = parenthetical_content(token)
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
    content = next((c for c in children if c.dep_ in _CONTENT_DEPS and not _relative(c) and not _set_off(c)), None)
    if content is None and lemma in reporting_verbs():
        content = misattached_that_clause(token)
    if content is not None and gapped_clause(content):
        return None  # "the “boomerang effect” that sanctions would have", "charges it has denied"
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
        joined = next((c for c in children if c.i > content.i and continues_reported_clause(c)), None)
        if joined is not None:  # "said it is well organised, and will be announcing ...": one statement
            end = clause_span(joined)[1]
        follower = next((c for c in children if c.dep_ == "ccomp" and c.left_edge.i == content.right_edge.i + 1), None)
        if follower is not None and content.right_edge.is_quote:  # 'that "A" were refused': split at the mark
            end = clause_span(follower)[1]
        return Content(start, end_before_participle(token.doc, start, end), cue)
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
            # "which she claimed to be unaware of": the relative pronoun before the cue is no content
            start = first.left_edge.idx if first.left_edge.i > token.i else token.nbor(1).idx
            return Content(start, end_before_participle(token.doc, start, last.idx + len(last.text)), cue)
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


#: Verbs that never end a clause without their object: one that does is a relative clause with a gap.
def _set_off(clause: Token) -> bool:
    """Whether a clause before its verb is a sentence of its own the parser joined to it across a
    dash, while the verb has its own object or infinitive after it: "X's comments had prompted
    censure - he told refugees to "get back home"" reports what he told, not the comments.
    """
    verb = clause.head
    if clause.i > verb.i or not any(c.dep_ in ("xcomp", "ccomp") and c.i > verb.i for c in verb.children):
        return False
    return any(t.text in ("-", "—", "–", "--") for t in verb.doc[clause.right_edge.i + 1 : verb.i])


def _relative(clause: Token) -> bool:
    """Whether a clause is a relative one the parser made a complement ("- which prompted ... -")."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in ("which", "who") for c in clause.children)
