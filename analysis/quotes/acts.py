"""Speech or stance: does a statement report words, or only an attitude or act of its source?

PolNeAR counts as attributions what a source said and also what it wants, supports, signed or
refused ("Parliament passed *a law ...*", "the EU agreed *to impose a travel ban*", "declined
*to comment*"); an analyst asking who said what wants the first kind. Every quote record keeps
both, and its ``act`` (:data:`SPEECH` or :data:`STANCE`) tells them apart, so that the
extractor is still measured on PolNeAR's definition while the product's who-said-what view
shows speech (``python -m analysis export`` by default, stances one option away).

A statement is **speech** when

1. it holds quoted words (kind "direct" or "mixed"), or has no verb or noun cue (a headline
   "Name: ...", a transcript turn);
2. its cue is a verb of saying or writing (``rules/quotes/speech_verbs.txt``: "said", "urged X
   to", "accused X of", "denied the claims", "according to"), not in the passive ("are said to
   have ...", "been criticised by ...", "When asked about ...": the content is what others say
   of the subject, or asked it);
3. or its content is a reported clause, finite with its own subject or opened by
   "that / whether / if" ("believes that ...", "ruled that ...", "is worried the policy ..."),
   after a verb, or after a noun of ``rules/quotes/speech_nouns.txt`` ("the claim that ...").

An impersonal passive ("It is thought the overhaul could mean ...", "It is expected they will
...") is a **stance** whatever its kind: it reports what is believed, not anyone's words; so is a
question put to the reader or an interviewee ("Do you think that Bulgaria has learned ...?"); so
is an impersonal "it" with a verb of seeming ("It seems that ...", "It appears that ...", "It
became clear ...": no source at all), a single quoted word in lower case (a scare quote:
unnamed "allies", an audience clearly "warm"; not “Never,” he said), up to four quoted words inside a
noun phrase that the cue does not report (the “well-organized militia” phrase, a “firm but fair”
policy, the former “defense minister” of ...), a title after "entitled"
("an article entitled 'Who is next?'"), a credit line ("staff writers X and Y contributed to
this report") and a "that" clause of another word than the cue ("It was already using ...,
ignoring a judgement that ..., he said").

Everything else is a **stance**: attitudes and acts with an object, infinitive or topic ("wants
visas", "signed a treaty", "is seeking to overthrow", "voted against X's nomination", "talked
about the commitments"), passives of saying, and refusals to speak ("declined to comment",
"refused to say whether ...": ``rules/quotes/refusal_verbs.txt``), which report no words at all.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from analysis.quotes.framing import withholds_speech
from analysis.quotes.lexicon import speech_nouns, word_list
from analysis.records import Quote

#: The act of a statement that reports words (the who-said-what view's default).
SPEECH = "speech"
#: The act of an attributed attitude or action without reported words.
STANCE = "stance"
#: Every act, in the order the command line lists them.
ACTS = (SPEECH, STANCE)

_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj", "csubjpass"})
_CLAUSE_OPENERS = frozenset({"that", "whether", "if"})
#: Quoted words up to this many may be a scare quote or a name inside a noun phrase.
_SHORT_PHRASE = 4
#: Verbs of seeming: with an impersonal "it" they report no one's words.
_SEEMING = frozenset({"seem", "appear", "become"})
#: Words before a quotation that make it a title ("an article entitled 'Who is next?'").
_TITLE_WORDS = frozenset({"entitled", "titled", "headlined"})
#: A credit line at the end of an article: "Times staff writers X and Y contributed to this article."
_CREDIT_LINE = re.compile(r"\bcontributed\b.{0,40}\bto this (?:report|article|story)\b", re.IGNORECASE)


def speech_verbs() -> frozenset[str]:
    """Return the lemmas of verbs of saying and writing (``rules/quotes/speech_verbs.txt``)."""
    return word_list("speech_verbs.txt")


def _span(doc: Doc, start: int | None, end: int | None) -> Span | None:
    """The tokens covering characters ``start:end`` of ``doc``, or None."""
    if start is None or end is None or start >= end:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def is_passive(verb: Token) -> bool:
    """Whether a verb is in the passive ("are said to", "was criticised by"), also a bare
    participle heading an adverbial clause ("When asked about X, he said": asked by others).
    """
    if any(child.dep_ in ("auxpass", "nsubjpass") for child in verb.children):
        return True
    return (verb.tag_ == "VBN" and verb.dep_ == "advcl"
            and not any(child.dep_ in ("aux", "nsubj", "expl") for child in verb.children))


def is_impersonal(verb: Token) -> bool:
    """Whether a cue is an impersonal passive with no agent ("It is thought ...", "it was
    expected that ..."): what is believed, no one's words.
    """
    children = list(verb.children)
    return (any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in children)
            and not any(c.dep_ == "agent" for c in children))


def refuses_speech(verb: Token) -> bool:
    """Whether a cue is a refusal to speak or its infinitive ("declined to comment", "refused to
    say whether ...": :func:`analysis.quotes.framing.withholds_speech`).
    """
    return withholds_speech(verb) or (verb.dep_ == "xcomp" and withholds_speech(verb.head))


def is_reported_clause(content: Span, cue: Span) -> bool:
    """Whether a content is a clause of its own: opened by "that / whether / if", or with a
    finite verb that has its own subject (not an infinitive, not the cue's own clause).
    """
    if content[0].lower_ in _CLAUSE_OPENERS:
        return True
    root = content.root
    if cue.start <= root.i < cue.end or root.pos_ not in ("VERB", "AUX"):
        return False
    children = list(root.children)
    infinitive = any(c.tag_ == "TO" for c in children) or root.tag_ in ("VBG", "TO")
    return not infinitive and any(c.dep_ in _SUBJECTS for c in children)


def asks_addressee(verb: Token) -> bool:
    """Whether a cue is the verb of a question to "you" ("Do you think that ...?"): the
    interviewer asks what the other thinks, no one states it.
    """
    sentence = verb.sent
    last = next((t for t in reversed(sentence) if not t.is_space), None)
    return (last is not None and last.text == "?"
            and any(c.dep_ == "nsubj" and c.lower_ == "you" for c in verb.children))


def seems_impersonal(verb: Token) -> bool:
    """Whether a cue is a verb of seeming with an impersonal "it" ("It seems that ...", "it
    appears that ...", "It became clear ...").
    """
    return verb.lemma_.lower() in _SEEMING and any(
        c.dep_ in ("nsubj", "expl") and c.lower_ == "it" for c in verb.children)


def reports_no_words(doc: Doc, quote: Quote) -> bool:
    """Whether a quote's words are no one's statement: a single quoted word (a scare quote), a
    quoted title after "entitled", or a credit line ("... contributed to this report").
    """
    text = doc.text
    if _CREDIT_LINE.search(text[quote.start : quote.end]):
        return True
    if quote.kind != "direct":
        return False
    words = quote.text.strip().split()
    if len(words) == 1 and words[0][:1].islower() and words[0][-1:] not in ("!", "?"):
        return True
    before = text[max(0, quote.start - 16) : quote.start].rstrip(" \"'‘“`").split()
    if bool(before) and before[-1].lower().strip(",") in _TITLE_WORDS:
        return True
    return len(words) <= _SHORT_PHRASE and _names_a_thing(doc, quote)


def _names_a_thing(doc: Doc, quote: Quote) -> bool:
    """Whether short quoted words inside a sentence are part of a noun phrase that the cue does not
    report: a scare quote or name ("the “well-organized militia” phrase", "a “firm but fair” policy",
    "Igor Girkin, the former “defense minister” of ..., claimed"), not what the cue says
    ("admitted “big challenges”", "described as “idle speculation”", "US policy “condemns and prohibits”").
    """
    content = _span(doc, quote.start, quote.end)
    cue = _span(doc, quote.cue_start, quote.cue_end)
    if content is None or cue is None or content.start == 0 or content.text.rstrip()[-1:] in ".!?,;:":
        return False
    opening = doc[content.start - 1]
    previous = doc[content.start - 2] if content.start > 1 else None
    if not opening.is_quote or previous is None or previous.is_punct or previous.is_sent_start and previous.is_quote:
        return False  # a quotation opening its sentence or clause ("“Unbelievable,” scoffs X")
    for ancestor in content.root.ancestors:  # the nearest verb or noun it hangs on
        if cue.start <= ancestor.i < cue.end or ancestor.pos_ in ("VERB", "AUX"):
            return False  # a verb's object or complement: "admitted “big challenges”", "will be “make or break”"
        if ancestor.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and not (content.start <= ancestor.i < content.end):
            return True
    return False


def _clause_of_another(content: Span, cue: Span) -> bool:
    """Whether a content is the clause of another word than its cue: a noun that is not the cue's
    object ("there is no evidence that ...", "Asked about criticism that ...") or a verb with its
    own subject ("It was already using ..., ignoring a judgement that this contravenes ..., he
    said": the parser hangs the clause on "said").
    """
    head = content.root.head
    if cue.start <= head.i < cue.end or content.start <= head.i < content.end:
        return False
    if head.dep_ == "dobj" and head.head.i == cue.root.i:
        return False  # the cue's own object: "rejected speculation that ...", "denied claims that ..."
    return head.pos_ in ("NOUN", "PROPN") or any(c.dep_ == "nsubj" for c in head.children)


def statement_act(doc: Doc, quote: Quote) -> str:
    """:data:`SPEECH` or :data:`STANCE` for one quote of ``doc`` (rules in the module doc)."""
    cue = _span(doc, quote.cue_start, quote.cue_end)
    if cue is not None and cue.root.pos_ in ("VERB", "AUX") and (
            is_impersonal(cue.root) or asks_addressee(cue.root) or seems_impersonal(cue.root)):
        return STANCE
    if reports_no_words(doc, quote):
        return STANCE
    if quote.kind != "indirect":
        return SPEECH
    content = _span(doc, quote.start, quote.end)
    if cue is None or content is None:
        return SPEECH
    head = cue.root
    if head.pos_ not in ("VERB", "AUX", "NOUN", "PROPN", "ADP"):
        return SPEECH  # "Putin: ...": a label and its colon
    if head.pos_ in ("VERB", "AUX") and refuses_speech(head):
        return STANCE
    clause = is_reported_clause(content, cue)
    if head.pos_ in ("NOUN", "PROPN"):
        return SPEECH if clause and head.lemma_.lower() in speech_nouns() else STANCE
    if clause and not _clause_of_another(content, cue):
        return SPEECH
    if head.lemma_.lower() in speech_verbs() and not is_passive(head):
        return SPEECH
    return STANCE


def with_acts(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """Return ``quotes`` with their ``act`` set (:func:`statement_act`)."""
    return [replace(q, act=statement_act(doc, q)) for q in quotes]
