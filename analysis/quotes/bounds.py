"""A learned choice of where a reported-speech content starts and ends.

The rules find most contents of reported speech but often draw their edges differently
from news annotators: a trailing ", saying ..." or ", more than forecast in July" is left
out, a leading "But" or "and" is not part of the content, a noun object keeps or loses its
modifiers. For a content without quotation marks this module lists the token positions
where it could start and end instead (the words of its sentence from the rule's start to
its end), describes each by a few binary features (its distance from the rule's edge, the
words and syntax around it, whether it closes a constituent) and lets two logistic
regressions (the ``start_`` and ``end_`` heads of :mod:`analysis.quotes.scorer`), trained on
PolNeAR train by the boundary trainer under ``training/`` and shipped as
``analysis/data/models/boundary_model.json``, pick the most likely start and end. A missing
file keeps the rules' edges.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from analysis import resources
from analysis.quotes.attribution import Attribution
from analysis.quotes.scorer import head, load_weights
from analysis.quotes.syntax import EDGE_CHARACTERS

BOUNDARY_MODEL_PATH = resources.model_file("boundary_model.json")
#: How far (in tokens) a content edge may move from the rule's edge.
_REACH = 40
#: The kinds of content whose edges the boundary model may move.
_REFINED_KINDS = frozenset({"indirect", "mixed"})


def _model() -> dict | None:
    """Return the trained weights, or None when the file is missing."""
    return load_weights(BOUNDARY_MODEL_PATH)


def _is_edge_token(token: Token) -> bool:
    """Return True for a token that trimming removes (white space, quotation marks, punctuation)."""
    return all(character in EDGE_CHARACTERS for character in token.text)


def _bucket(delta: int) -> str:
    """Return a coarse class of a distance in tokens (exact up to 3, then ranges)."""
    if -3 <= delta <= 3:
        return str(delta)
    magnitude = abs(delta)
    band = "4-6" if magnitude <= 6 else "7-12" if magnitude <= 12 else "13+"
    return ("-" if delta < 0 else "+") + band


def _word(doc: Doc, index: int) -> str:
    """Return the lower-cased word at ``index``, or a marker outside the document."""
    return doc[index].lower_ if 0 <= index < len(doc) else "<edge>"


def _pos(doc: Doc, index: int) -> str:
    """Return the part of speech at ``index``, or a marker outside the document."""
    return doc[index].pos_ if 0 <= index < len(doc) else "<edge>"


def _token_span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Return the first and last word tokens of a character span (edge tokens skipped)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    words = [token.i for token in span if not _is_edge_token(token)]
    return (words[0], words[-1]) if words else None


@dataclass(frozen=True)
class ContentEdges:
    """A content as the rules drew it, with what the boundary features need.

    Attributes:
        doc: The parsed article.
        first: The first word token of the rule's content.
        last: The last word token of the rule's content.
        kind: The quote's kind ("indirect", "mixed", "direct").
        cue: Token indices of the content's own cue.
        other_cues: Token indices of the cues of the article's other attributions.
    """

    doc: Doc
    first: int
    last: int
    kind: str
    cue: frozenset[int]
    other_cues: frozenset[int]

    @property
    def cue_lemma(self) -> str:
        """Return the lemma of the cue's syntactic head, or "<none>"."""
        if not self.cue:
            return "<none>"
        tokens = [self.doc[i] for i in sorted(self.cue)]
        heads = [t for t in tokens if t.head.i not in self.cue or t.head == t]
        return (heads or tokens)[0].lemma_.lower()

    def cues_between(self, low: int, high: int) -> tuple[bool, bool]:
        """Return whether the own cue and another cue have a token in [low, high]."""
        own = any(low <= i <= high for i in self.cue)
        other = any(low <= i <= high for i in self.other_cues)
        return own, other


def content_edges(
    doc: Doc, start: int, end: int, kind: str, cue: tuple[int, int] | None, other_cues: list[tuple[int, int]] = ()
) -> ContentEdges | None:
    """Return the :class:`ContentEdges` of a content given in character offsets (None without a word)."""
    words = _token_span(doc, start, end)
    if words is None:
        return None
    return ContentEdges(
        doc,
        words[0],
        words[1],
        kind,
        _tokens_of(doc, cue),
        frozenset().union(*(_tokens_of(doc, other) for other in other_cues if other != cue)),
    )


def _tokens_of(doc: Doc, span: tuple[int, int] | None) -> frozenset[int]:
    """Return the token indices of a character span (empty for None or an empty span)."""
    if span is None or span[0] >= span[1]:
        return frozenset()
    tokens = doc.char_span(span[0], span[1], alignment_mode="expand")
    return frozenset(t.i for t in tokens) if tokens is not None else frozenset()


def _next_word(doc: Doc, index: int, step: int, stop: int) -> int:
    """Return the index of the nearest token from ``index`` in direction ``step`` that is not
    white space, or ``stop`` when there is none before it.
    """
    neighbour = index + step
    while neighbour != stop and doc[neighbour].is_space:
        neighbour += step
    return neighbour


def _edge_features(token: Token, delta: str, kind: str, lemma: str, own_cue: bool, other_cue: bool) -> list[str]:
    """Return the features a possible start and a possible end share: distance from the
    rule's edge (alone, with the kind, with the cue lemma), the word and its syntax, and
    whether the content would then hold its own cue or another attribution's.
    """
    return [
        "bias",
        f"d={delta}",
        f"kind+d={kind}|{delta}",
        f"cue+d={lemma}|{delta}",
        f"word={token.lower_}",
        f"pos={token.pos_}",
        f"dep={token.dep_}",
        f"own_cue_inside={own_cue}",
        f"other_cue_inside={other_cue}",
    ]


def _candidates(content: ContentEdges, low: int, high: int, starts: bool, side: Callable):
    """Yield (token index, features) for the words of ``low..high`` (not punctuation or
    quotation marks) as possible first (``starts``) or last words: the features both edges
    share, then ``side(index, token, delta)``'s.

    The content would run from the candidate to the rule's other edge, which decides whether
    it holds its own or another attribution's cue.
    """
    doc = content.doc
    for index in range(low, high + 1):
        token = doc[index]
        if _is_edge_token(token):
            continue
        delta = _bucket(index - (content.first if starts else content.last))
        own_cue, other_cue = content.cues_between(*((index, content.last) if starts else (content.first, index)))
        yield index, [*_edge_features(token, delta, content.kind, content.cue_lemma, own_cue, other_cue),
                      *side(index, token, delta)]


def start_candidates(content: ContentEdges):
    """Yield (token index, features) for every place the content could start (its first word)."""
    doc, first, last = content.doc, content.first, content.last
    sentence = doc[first].sent
    low = max(sentence.start, first - _REACH)
    high = min(last, first + _REACH)
    low = max([low] + [i + 1 for i in range(low, first) if "\n" in doc[i].text])  # stay in the paragraph
    rule_word = doc[first].lower_

    def side(index: int, token: Token, delta: str) -> list[str]:
        before = _next_word(doc, index, -1, sentence.start - 1)
        return [
            f"rule_word+d={rule_word}|{delta}",
            f"pos+dep={token.pos_}|{token.dep_}",
            f"prev={_word(doc, before)}",
            f"prev_pos={_pos(doc, before)}",
            f"prev+word={_word(doc, before)}|{token.lower_}",
            f"after_cue={before in content.cue}",
            f"sentence_start={index == sentence.start}",
            f"left_edge_of_head={token.head.left_edge.i == index}",
            f"own_left_edge={token.left_edge.i == index}",
            f"head_before={token.head.i < index}",
        ]

    yield from _candidates(content, low, high, True, side)


def end_candidates(content: ContentEdges):
    """Yield (token index, features) for every place the content could end (its last word)."""
    doc, first, last = content.doc, content.first, content.last
    sentence = doc[last].sent
    low = max(first, last - _REACH)
    high = min(sentence.end - 1, last + _REACH)
    high = min([high] + [i - 1 for i in range(last + 1, high + 1) if "\n" in doc[i].text])  # stay in the paragraph
    while high > low and _is_edge_token(doc[high]):
        high -= 1
    rule_next = _word(doc, last + 1)

    def side(index: int, token: Token, delta: str) -> list[str]:
        after = _next_word(doc, index, 1, len(doc))
        following = _word(doc, after)
        return [
            f"rule_next+d={rule_next}|{delta}",
            f"next={following}",
            f"next_pos={_pos(doc, after)}",
            f"next+second={following}|{_word(doc, after + 1)}",
            f"next+second_pos={following}|{_pos(doc, after + 1)}",
            f"sentence_end={index == high}",
            f"right_edge_of_head={token.head.right_edge.i == index}",
            f"own_right_edge={token.right_edge.i == index}",
            f"next_attaches_inside={after < len(doc) and first <= doc[after].head.i <= index}",
            f"before_cue={after in content.cue}",
        ]

    yield from _candidates(content, low, high, False, side)


def refine_bounds(
    doc: Doc,
    start: int,
    end: int,
    kind: str,
    cue: tuple[int, int] | None,
    protected: list[tuple[int, int]] = (),
    other_cues: list[tuple[int, int]] = (),
    move_end: bool = True,
    source: tuple[int, int] | None = None,
) -> tuple[int, int]:
    """Return the content's character span as the boundary model draws it.

    Args:
        doc: The parsed article.
        start: The rule's content start (character offset).
        end: The rule's content end (character offset).
        kind: The quote's kind.
        cue: The cue's character span, if any.
        protected: Character spans inside quotation marks: an edge never cuts through one, and
            those within the rule's span stay in the content.
        other_cues: Character spans of the cues of the article's other attributions.
        move_end: False to keep the rule's end (a quote ending with its quotation mark).
        source: The source's character span, if any: a content before its source or cue never
            runs into them ("A, US Assistant Secretary ... Victoria Nuland said on Tuesday": A).

    Returns:
        The chosen (start, end); the rule's own span when there is no model, when the span
        holds no word, or when the chosen start would fall after the chosen end.
    """
    model = _model()
    content = content_edges(doc, start, end, kind, cue, other_cues)
    if model is None or content is None:
        return start, end

    window_start = doc[content.first].sent.start_char
    window_end = doc[content.last].sent.end_char
    nearby = [(low, high) for low, high in protected if low < window_end and window_start < high]
    kept = [(low, high) for low, high in nearby if start <= low and high <= end]
    edges = [span[0] for span in (cue, source) if span is not None and span[0] >= end]
    stop = min(edges, default=doc[-1].idx + len(doc[-1]))
    latest_start = min((low for low, _ in kept), default=end)
    earliest_end = max((high for _, high in kept), default=start)

    def cuts(offset: int) -> bool:
        return any(low < offset < high for low, high in nearby)

    start_head, end_head = head(model, "start_"), head(model, "end_")
    starts = [
        (start_head.probability(features), index)
        for index, features in start_candidates(content)
        if not cuts(doc[index].idx) and doc[index].idx <= latest_start
    ]
    ends = (
        [
            (end_head.probability(features), index)
            for index, features in end_candidates(content)
            if not cuts(doc[index].idx + len(doc[index])) and doc[index].idx + len(doc[index]) >= earliest_end
            and doc[index].idx + len(doc[index]) <= stop
        ]
        if move_end
        else [(1.0, content.last)]
    )
    if not starts or not ends:
        return start, end
    # On a tie the rule's own edge wins.
    new_first = max(starts, key=lambda scored: (scored[0], scored[1] == content.first))[1]
    new_last = max(ends, key=lambda scored: (scored[0], scored[1] == content.last))[1]
    if new_first > new_last:
        return start, end
    new_start = doc[new_first].idx if new_first != content.first else start
    new_end = doc[new_last].idx + len(doc[new_last]) if new_last != content.last else end
    return new_start, new_end


def refinable(attribution: Attribution) -> bool:
    """Return True for a content whose edges the boundary model may move: reported speech,
    with or without partial quotes, but not a transcript turn or a headline "Name: ...",
    whose statement is everything after the label.
    """
    return not (attribution.transcript or attribution.headline) and attribution.kind in _REFINED_KINDS


def moves_end(attribution: Attribution) -> bool:
    """Return True when the boundary model may move the content's end: reported speech
    without quotation marks (a quote's end is its closing mark, which the rules find), not
    ending before a conjoined attribution of its source ("said A and warned B").
    """
    return attribution.kind == "indirect" and not attribution.conjoined
