"""Candidate attributions for the learned filter: what a verb or noun could report.

Every verb outside the cue lists (and every listed verb whose rules found nothing, and
every noun) offers its possible contents: complement clause, infinitive, object,
prepositional object, passive subject. :func:`best_candidate` keeps those the candidate
model of :mod:`analysis.quotes.filters` finds likely to be a content of that cue and chooses
the one most likely to match exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Span, Token

from analysis.quotes.filters import THRESHOLD as FILTER_THRESHOLD
from analysis.quotes.filters import candidate_features, exact_probability, keep_probability
from analysis.quotes.lexicon import non_cue_verbs, non_speech_verbs, speech_events
from analysis.quotes.syntax import (
    cue_char_span,
    cue_end_token,
    doc_text,
    edge_trimmed,
    first_word,
    gapped_clause,
    noun_phrase,
    source_of,
    span_jaccard,
)

#: Candidates of a noun ("supporters of X", "decision to X") are kept from this probability:
#: below it, 1 in 8 was a statement on speakers_dev, 10 in 23 on PolNeAR dev.
NOUN_THRESHOLD = 0.4
#: Candidates at least this likely are kept when the content tagger marks the same words.
CONFIRMED_THRESHOLD = 0.05


class Candidate(NamedTuple):
    """A possible content of a verb or noun cue, described for the candidate filter.

    Attributes:
        start: Where the content starts (character offset).
        end: Where the content ends.
        cue: The cue's character span (the verb or noun, with a preposition it takes).
        features: The binary features the candidate filter scores.
        source: The phrase that would be the source, if any.
    """

    start: int
    end: int
    cue: tuple[int, int]
    features: list[str]
    source: Span | None


def verb_candidates(verb: Token, listed: bool = False) -> list[Candidate]:
    """Return a :class:`Candidate` for each possible content of a verb.

    Used for verbs outside the cue lists and for listed verbs whose rules found nothing.
    Possible contents: a clausal complement ("expected me to ..."), an infinitive ("vowed to
    ..."), a noun or pronoun object with a following "for/of/as ..." ("ridiculed X for Y"),
    and the object of a preposition after the verb ("railed against ..."). Which one (if
    any) is kept is up to the learned filter (:mod:`analysis.quotes.filters`).
    """
    if verb.lemma_.lower() in non_cue_verbs() or verb.lower_ == "according":
        return []
    children = [c for c in verb.children if c.i > verb.i]
    if not children:
        return []
    source = source_of(verb)
    cue = cue_char_span(verb)
    text = doc_text(verb.doc)
    found = []

    def add(kind, first, last, cue_span, extra="", speaker=source) -> None:
        start, end = first.idx, last.idx + len(last.text)
        features = candidate_features(verb, kind, speaker, text[start:end])
        features += [f"listed={listed}", f"kind+listed={kind}|{listed}"] + context
        features += [f"kind+first={kind}|{first.lower_}", f"kind+last={kind}|{last.pos_}"]
        if extra:
            features += [f"extra={extra}", f"lemma+extra={verb.lemma_.lower()}|{extra}"]
        found.append(Candidate(start, end, cue_span, features, speaker))

    lemma = verb.lemma_.lower()
    context = [
        f"lemma+dep={lemma}|{verb.dep_}",
        f"head={verb.head.lemma_.lower() if verb.dep_ in ('xcomp', 'conj', 'advcl') else '-'}",
        f"first={first_word(verb)}",
        f"children={'+'.join(sorted({c.dep_ for c in verb.children if c.dep_ not in ('punct', 'cc')}))}",
    ]
    passive_subject = next((c for c in verb.lefts if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in children if c.dep_ == "agent"), None)
    agent_object = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if passive_subject is not None and agent_object is not None and passive_subject.pos_ in ("NOUN", "PROPN"):
        # "The plan was criticized by X": the subject is the content, the agent the source.
        add(
            "passive",
            passive_subject.left_edge,
            passive_subject.right_edge,
            (cue[0], agent.idx + len(agent.text)) if agent.i == verb.i + 1 else cue,
            speaker=noun_phrase(agent_object),
        )

    obj = next((c for c in children if c.dep_ == "dobj"), None)
    for child in children:
        if child.dep_ == "ccomp" and gapped_clause(child):
            continue  # "Ukraine says ..., charges it has denied": the noun read as a verb
        if child.dep_ == "ccomp":
            add("ccomp", child.left_edge, child.right_edge, cue)
        elif child.dep_ == "xcomp" and any(t.lower_ == "to" for t in child.lefts):
            add("xcomp", child.left_edge, child.right_edge, cue)
            if obj is not None and obj.i < child.i:
                add("obj+xcomp", obj.left_edge, child.right_edge, cue)
        elif child.dep_ == "prep" and any(c.dep_ in ("pobj", "pcomp") for c in child.children):
            target = next(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            if child.lower_ in ("in", "at") and target.lemma_.lower() in speech_events():
                continue  # "said at a news conference outside ...": the occasion, not what was said
            adjacent = child.i == cue_end_token(verb) + 1
            cue_span = (cue[0], child.idx + len(child.text)) if adjacent else cue
            add("prep" if adjacent else "prep-far", target.left_edge, _before_agent(target, source), cue_span,
                child.lower_)
    if obj is not None and obj.pos_ in ("NOUN", "PROPN", "PRON"):
        add("dobj", obj.left_edge, obj.right_edge, cue, obj.pos_)
        if obj.right_edge.i > obj.i:
            add("dobj-core", obj.left_edge, obj, cue, obj.pos_)  # "my sentence" without "on Fox News"
        conjoined = next(
            (c for c in children if c.dep_ == "conj" and c.i > obj.i and c.pos_ in ("NOUN", "PROPN")), None
        )
        if conjoined is not None:
            add("dobj+conj", obj.left_edge, conjoined.right_edge, cue, obj.pos_)
        complement = next((c for c in children if c.i > obj.right_edge.i), None)
        if (
            complement is not None
            and complement.left_edge.i == obj.right_edge.i + 1
            and complement.dep_ in ("advmod", "acomp", "oprd", "npadvmod", "prep")
            and not (complement.dep_ == "prep" and complement.lower_ in ("for", "of", "as", "over"))
        ):
            # "shows Clinton ahead by 3.7 points", "show Clinton with a lead": the object and what
            # is said of it
            add("dobj+complement", obj.left_edge, complement.right_edge, cue, complement.dep_)
        role = next((c for c in children if c.dep_ == "prep" and c.i > obj.i), None)
        if role is not None and role.lower_ in ("for", "of", "as", "over"):
            add("dobj+prep", obj.left_edge, role.right_edge, cue, role.lower_)
            target = next((c for c in role.children if c.dep_ in ("pobj", "pcomp")), None)
            if target is not None:
                add("prep-of-dobj", target.left_edge, target.right_edge, cue, role.lower_)
    return found


def _before_agent(target: Token, source: Span | None) -> Token:
    """The last word of a preposition's object before the passive agent the parser hung on it:
    "described as "pure fiction" by the Treasury" says "pure fiction".
    """
    by = next((c for c in target.children if c.dep_ == "prep" and c.lower_ == "by" and source is not None
               and c.i < source.start <= c.right_edge.i), None)
    return target.doc[by.i - 1] if by is not None else target.right_edge


_NOUN_CONTENT_PREPOSITIONS = frozenset({"of", "about", "for", "on", "against", "over", "to", "with"})


def _noun_source(noun: Token) -> Span | None:
    """Return the possessor of a noun cue ("Trump's proposal"), the object of "by", or the
    subject of the verb the noun is the object of ("Clinton expressed disappointment").
    """
    possessor = next((c for c in noun.children if c.dep_ == "poss"), None)
    if possessor is not None:
        source = noun_phrase(possessor)
        return source[:-1] if len(source) > 1 and source[-1].tag_ == "POS" else source
    by = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None
    if agent is not None:
        return noun_phrase(agent)
    if noun.dep_ in ("dobj", "attr") and noun.head.pos_ in ("VERB", "AUX"):
        return source_of(noun.head)
    return None


def noun_candidates(noun: Token) -> list[Candidate]:
    """Return a :class:`Candidate` for each possible content of a noun cue:
    a clause ("proposal to ban ...", "disappointment that ...") or the object of a
    preposition right after it ("criticism of the plan", "warning about ...").
    """
    children = [c for c in noun.rights if c.dep_ in ("acl", "ccomp", "prep")]
    if not children:
        return []
    text = doc_text(noun.doc)
    source = None
    found = []
    for child in children:
        if child.dep_ == "prep":
            target = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if child.lower_ not in _NOUN_CONTENT_PREPOSITIONS or child.i != noun.i + 1 or target is None:
                continue
            kind, first, last, extra = "noun-prep", target.left_edge, target.right_edge, child.lower_
            cue_end = child.idx + len(child.text)
        else:
            kind, first, last, extra = "noun-clause", child.left_edge, child.right_edge, first_word(child)
            cue_end = noun.idx + len(noun.text)
        if source is None:
            source = _noun_source(noun)
        start, end = first.idx, last.idx + len(last.text)
        left = noun.left_edge if noun.left_edge.dep_ in ("amod", "compound") else noun
        features = candidate_features(noun, kind, source, text[start:end]) + [
            f"extra={extra}",
            f"lemma+extra={noun.lemma_.lower()}|{extra}",
            f"noun_head={noun.head.lemma_.lower()}|{noun.dep_}",
        ]
        found.append(Candidate(start, end, (left.idx, cue_end), features, source))
    return found


def best_candidate(verb: Token, listed: bool = False, tagged: Sequence[tuple[int, int]] = ()) -> Candidate | None:
    """Return the verb's candidate most likely to match a content exactly, among those the
    learned filter keeps (probability of overlapping a content at least its threshold).

    Args:
        verb: The verb (or noun) offering candidates.
        listed: Whether the verb is in the cue lists.
        tagged: Contents the tagger of :mod:`analysis.quotes.tagger` marked (trimmed
            character spans): a candidate the filter finds less likely, but still at least
            :data:`CONFIRMED_THRESHOLD`, is kept when one of them matches it (Jaccard >= 0.5).
    """
    if verb.lemma_.lower() in non_speech_verbs():
        return None
    candidates = noun_candidates(verb) if verb.pos_ == "NOUN" else verb_candidates(verb, listed)
    text = doc_text(verb.doc)
    kept = []
    threshold = NOUN_THRESHOLD if verb.pos_ == "NOUN" else FILTER_THRESHOLD
    for candidate in candidates:
        probability = keep_probability(candidate.features)
        if probability >= threshold or (
            tagged
            and probability >= CONFIRMED_THRESHOLD
            and _matches_any(edge_trimmed(text, candidate.start, candidate.end), tagged)
        ):
            kept.append(candidate)
    return max(kept, key=lambda c: exact_probability(c.features), default=None)


def _matches_any(span: tuple[int, int], tagged: Sequence[tuple[int, int]]) -> bool:
    """Return True when a non-empty span matches one of the tagged contents (Jaccard >= 0.5)."""
    return span[0] < span[1] and any(span_jaccard(span, other) >= 0.5 for other in tagged)
