"""Quotations: who said them, and the words in quotation marks of a finished quote.

Whether a quotation is speech at all is :mod:`analysis.quotes.quoted_speech`'s job. Its speaker
comes from a reporting verb next to it in its sentence (``“...,” X said``, ``X said: “...”``),
a caption byline (``“...” ― Sonya Herridge``) or the headline form ``Putin: “...”``
(:func:`sentence_cue`); a quotation inside a cue's complement takes the words before it along
(:func:`clause_lead`). :func:`merge_quotations` widens reported speech to the quotations it
touches and sets its kind (direct, mixed or indirect); :func:`quoted_segments` gives the
words in quotation marks of a finished quote (:func:`with_segments` sets them).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import replace
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from analysis.quotes.attribution import Attribution
from analysis.quotes.headlines import colon_source
from analysis.quotes.lexicon import reporting_verbs
from analysis.quotes.marks import Quotation, find_quotations
from analysis.quotes.quoted_speech import is_quoted_speech, is_statement_like, is_title
from analysis.quotes.syntax import cue_char_span, doc_text, overlaps, source_of
from analysis.records import Quote

#: A caption's byline after a quotation: “...” ― Sonya Herridge.
_CAPTION_BYLINE = re.compile(
    r"[ \t]*([―—–]|--)[ \t]*((?:[A-Z][\w.’'-]*)(?:[ \t]+(?:[A-Z][\w.’'-]*|de|van|von|da|del)){0,4})[ \t.,]*(?:\n|$)"
)


def quoted_segments(doc: Doc, quote: Quote, quotations: list[Quotation]) -> tuple[tuple[int, int], ...]:
    """Return the (start, end) of the words in quotation marks within a quote, in text order.

    A direct quote's are all its quotations but a quoted cue (“A,” he 'said', “B.”) and a
    title between two of them (“A,” he told “Meet the Press,” “B.”); with none found, its
    whole content. A mixed or indirect quote's are its partial quotes: speech-like (two words
    or more, not a Title Case name, not after "so-called"), or one word its describing verb
    applies to ("called the plan “reckless”", "described as “predictable,”"), never a scare
    quote after a verb of thinking ("thinks that cats are "cuties"").

    Args:
        doc: The parsed article.
        quote: A quote of ``doc`` (its final content span, kind and cue).
        quotations: The quotations of the article (:func:`find_quotations`).
    """
    text = doc_text(doc)
    inside = [
        q
        for q in quotations
        if quote.start - 1 <= q.start and q.end <= quote.end + 1
        and not (quote.cue_start is not None and quote.cue_start <= q.start and q.end <= quote.cue_end)
    ]
    if quote.kind == "direct":
        kept = [q for q in inside if len(inside) == 1 or not is_title(text, q)]
        return tuple((q.start, q.end) for q in kept) or ((quote.start, quote.end),)
    return tuple((q.start, q.end) for q in inside if is_quoted_speech(doc, q))


def with_segments(doc: Doc, quotes: list[Quote]) -> list[Quote]:
    """Return ``quotes`` with their :func:`quoted_segments`; reported speech is mixed when it
    holds a partial quote, else indirect (a title in quotation marks is no partial quote).
    """
    quotations = find_quotations(doc_text(doc))
    result = []
    for quote in quotes:
        segments = quoted_segments(doc, quote, quotations)
        kind = quote.kind if quote.kind == "direct" else "mixed" if segments else "indirect"
        result.append(replace(quote, kind=kind, segments=segments))
    return result


def merge_quotations(text: str, attribution: Attribution, quotations: list[Quotation]) -> None:
    """Widen an attribution's content to whole quotations it touches and set its kind."""
    touching = [q for q in quotations if overlaps(attribution.start, attribution.end, q.open_start, q.close_end)]
    for index, quotation in enumerate(touching):
        lead = text[attribution.start : quotation.open_start].rstrip()
        if quotation.open_start > attribution.start and lead.endswith(":") and len(lead) > 1:
            # "said that X: “...”": the quotation after the colon is a quote of its own.
            attribution.end = attribution.start + len(lead) - 1
            touching = touching[:index]
            break
    if not touching:
        return
    start = min(attribution.start, touching[0].open_start)
    end = max(attribution.end, touching[-1].close_end)
    attribution.quotations = touching
    first, last = touching[0], touching[-1]
    lead = text[max(0, first.open_start - 6) : first.open_start]
    cue_end = attribution.cue[1] if attribution.cue else -1
    if start == first.open_start and lead.rstrip().lower().endswith(" that") and cue_end <= first.open_start - 5:
        start = first.open_start - (len(lead) - lead.lower().rindex("that"))  # "said that “...”"
    before = text[start : first.open_start].strip(" ,:;\n")
    after = text[last.close_end : end].strip(" ,.;:\n")
    if len(touching) == 1 and not before and not after:
        attribution.kind = "direct"
        attribution.start, attribution.end = first.start, first.end
        return
    attribution.start, attribution.end = start, end
    attribution.kind = (
        "mixed" if any(is_statement_like(text, q) or len(q.inner(text).split()) >= 2 for q in touching) else "indirect"
    )


class CueVerbs(NamedTuple):
    """The reporting verbs of an article outside quotation marks, per sentence, in text order.

    Built once per article (:func:`cue_verbs`): looking for a quotation's cue then reads the few
    verbs of its sentence, not every token of it against every quotation (that was cubic: a text
    of 2,000 quoted words in one sentence took minutes).
    """

    by_sentence: dict[int, list[Token]]
    #: (first token, end token) of the sentence of each token (spaCy's ``token.sent`` walks the sentence).
    sentence: list[tuple[int, int]]
    #: The source of each verb asked for so far (a verb can have thousands of children).
    sources: dict[int, Span | None]
    #: Offsets of every "\n\n" and every "\n" of the text, ascending (looked up, not searched).
    paragraph_breaks: list[int]
    line_breaks: list[int]

    def source(self, verb: Token) -> Span | None:
        """:func:`~analysis.quotes.syntax.source_of` the verb, once per verb."""
        if verb.i not in self.sources:
            self.sources[verb.i] = source_of(verb)
        return self.sources[verb.i]


def _colon_before(text: str, offset: int) -> bool:
    """True when the last non-space character before ``offset`` is a colon (without copying the text)."""
    i = offset
    while i > 0 and text[i - 1].isspace():
        i -= 1
    return i > 0 and text[i - 1] == ":"


def cue_verbs(doc: Doc, quotations: list[Quotation]) -> CueVerbs:
    """Index the reporting verbs of ``doc`` that stand outside ``quotations``, by sentence start."""
    spans = sorted((q.open_start, q.close_end) for q in quotations)
    starts = [start for start, _end in spans]
    reach = list(itertools.accumulate((end for _start, end in spans), max))  # farthest end so far

    def inside(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset) - 1
        return i >= 0 and offset < reach[i]

    verbs = reporting_verbs()
    by_sentence: dict[int, list[Token]] = {}
    sentence: list[tuple[int, int]] = []
    for sent in doc.sents:
        sentence.extend([(sent.start, sent.end)] * len(sent))
        found = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs and not inside(t.idx)]
        if found:
            by_sentence[sent.start] = found
    text = doc_text(doc)
    return CueVerbs(by_sentence, sentence, {}, [m.start() for m in re.finditer(r"(?=\n\n)", text)],
                    [m.start() for m in re.finditer("\n", text)])


def _before(breaks: list[int], offset: int) -> int:
    """The last break that ends by ``offset`` (as ``str.rfind(break, 0, offset)``), or -1."""
    i = bisect.bisect_right(breaks, offset - 2) - 1
    return breaks[i] if i >= 0 else -1


def _after(breaks: list[int], offset: int) -> int:
    """The first break at or after ``offset`` (as ``str.find(break, offset)``), or -1."""
    i = bisect.bisect_left(breaks, offset)
    return breaks[i] if i < len(breaks) else -1


def sentence_cue(
    doc: Doc, quotation: Quotation, quotations: list[Quotation], index: CueVerbs | None = None
) -> tuple[Span | None, tuple[int, int] | None]:
    """Find a reporting verb next to a quotation in its sentence(s): ``“...,” X said``, ``X said: “...”``.

    ``index`` is the article's :func:`cue_verbs` (built here when not given).
    """
    index = index or cue_verbs(doc, quotations)
    text = doc_text(doc)
    first = doc.char_span(quotation.open_start, quotation.close_end, alignment_mode="expand")
    if first is None:
        return None, None
    byline = _CAPTION_BYLINE.match(text, quotation.close_end)
    if byline is not None:
        # Caption form: “...” ― Sonya Herridge
        source = doc.char_span(byline.start(2), byline.end(2), alignment_mode="expand")
        if source is not None:
            return source, (byline.start(1), byline.end(1))
    # Sentences to search, by their first token, with the token index each search stops at.
    opening, closing = index.sentence[first.start], index.sentence[first.end - 1]
    sents = dict([opening, closing])
    following = closing[1]
    if following < len(doc) and doc[following].idx - quotation.close_end <= 2 and closing[1] == first.end:
        # “...?” Rubio asked.  — the parser often starts a new sentence after the mark.
        sents[following] = min(index.sentence[following][1], following + 5)
    colon_lead = _colon_before(text, quotation.open_start)
    preceding = opening[0]
    if preceding > 0 and opening[0] == first.start and colon_lead:
        sents.setdefault(*index.sentence[preceding - 1])
    paragraph_start = _before(index.paragraph_breaks, quotation.open_start)
    paragraph_end = _after(index.paragraph_breaks, quotation.close_end)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    line_end = _after(index.line_breaks, quotation.close_end)
    candidates = []
    for sent_start, sent_end in sents.items():
        for token in index.by_sentence.get(sent_start, ()):
            if token.i >= sent_end:
                break
            if token.idx > paragraph_end or (token.idx < paragraph_start and not colon_lead):
                continue
            if token.idx >= quotation.close_end and 0 <= line_end < token.idx:
                continue  # a quotation that ends its line is not attributed by the next line's verb
            if token.idx < quotation.open_start and _reports_something_else(token, quotation):
                continue
            if token.idx >= quotation.close_end and _opens_next_sentence(text, token, quotation):
                continue
            after = token.idx >= quotation.close_end
            distance = token.idx - quotation.close_end if after else quotation.open_start - token.idx
            candidates.append((distance, token))
    for _distance, verb in sorted(candidates, key=lambda pair: pair[0]):
        source = index.source(verb)
        if source is not None and not overlaps(
            source.start_char, source.end_char, quotation.open_start, quotation.close_end
        ):
            return source, cue_char_span(verb)
    # Headline form "Putin: “...”".
    prefix = text[max(0, quotation.open_start - 60) : quotation.open_start].rstrip()
    if prefix.endswith(":"):
        colon = (
            quotation.open_start - (len(text[: quotation.open_start]) - len(text[: quotation.open_start].rstrip())) - 1
        )
        source = colon_source(doc, colon)
        if source is not None:
            return source, (colon, colon + 1)
    return None, None


def _opens_next_sentence(text: str, verb: Token, quotation: Quotation) -> bool:
    """Return True for a verb with its own complement after a quotation ending its sentence with a
    full stop: in “... this government.” He pointed to Tory plans. "pointed" reports the plans.
    """
    inner = quotation.inner(text).rstrip()
    if not inner.endswith(".") or inner.endswith(".."):
        return False
    return any(c.dep_ in ("dobj", "ccomp", "prep", "xcomp", "dative") and c.i > verb.i for c in verb.children)


def _reports_something_else(verb: Token, quotation: Quotation) -> bool:
    """Return True for a verb in a relative clause that has its own object, in a sentence before
    the quotation: in “A,” said X, who has not read it but *knows* its gist. “B.” the quotation
    is not what "knows" reports.
    """
    in_relative = verb.dep_ == "relcl" or (verb.dep_ == "conj" and verb.head.dep_ == "relcl")
    text = doc_text(verb.doc)
    return in_relative and any(
        c.dep_ in ("dobj", "ccomp")
        and c.right_edge.idx < quotation.open_start
        and text[c.right_edge.idx + len(c.right_edge) : quotation.open_start].strip() in (".", "!", "?")
        for c in verb.children
    )


def clause_lead(doc: Doc, cue: tuple[int, int], quotation: Quotation) -> int | None:
    """Return where the words reported with a quotation start, when the quotation opens
    inside the cue's complement ("called Trump a “pathological liar”", "found 73 percent
    ''maintained subsidiaries''"), else None.

    The lead is the first word of the cue's dependent that holds the quotation; PolNeAR
    annotates it as part of the content.
    """
    text = doc_text(doc)
    between = text[cue[1] : quotation.open_start]
    if cue[1] > quotation.open_start or "\n" in between or not any(char.isalpha() for char in between):
        return None
    cue_words = doc.char_span(cue[0], cue[1], alignment_mode="expand")
    inner = doc.char_span(quotation.start, quotation.end, alignment_mode="expand")
    if cue_words is None or inner is None or len(inner) == 0:
        return None
    verb, token = cue_words.root, inner[0]
    if token.sent != verb.sent:
        return None
    while token.head != verb and token.head != token:
        token = token.head
    if token.head != verb:
        return None
    lead = token.left_edge.idx
    return lead if cue[1] <= lead < quotation.open_start else None
