"""Tests for quotations and their words in quotation marks (analysis.quotes.direct)."""

from __future__ import annotations

import pytest

from analysis.quotes import extract_quotes
from analysis.quotes.direct import quoted_segments
from analysis.quotes.marks import find_quotations
from analysis.records import Quote

# (text, [(kind, quoted words of each segment)] per quote holding segments); quotes without
# segments must be indirect.
SEGMENT_CASES = [
    # a direct quote interrupted by its attribution: two stretches, the attribution left out
    ("“Hello,” he said, “how are you doing?”", [("direct", ["Hello,", "how are you doing?"])]),
    ('"Hello," he said, "how are you doing?"', [("direct", ["Hello,", "how are you doing?"])]),
    ("“Hello,” he 'said', “how are you doing?”", [("direct", ["Hello,", "how are you doing?"])]),  # quoted cue
    ("“We will win,” Barkley said. “We always do.”", [("direct", ["We will win,", "We always do."])]),
    ("He said: “We will work with any president.”", [("direct", ["We will work with any president."])]),
    # a quotation with a cue of its own after it is a statement of its own ("he cried")
    ('"We will restore justice," Aksyonov told the crowd. "Together we will build our future!" he cried.',
     [("direct", ["We will restore justice,"]), ("direct", ["Together we will build our future!"])]),
    # a quotation ending its sentence is not the content of the next sentence's verb ("pointed to")
    ('"They have been ignored," he said. "This is a failure." He pointed to Tory plans.',
     [("direct", ["They have been ignored,", "This is a failure."])]),
    # partial quotes inside reported speech
    ("Putin warned that it would be a “dangerous step” for Europe.", [("mixed", ["dangerous step"])]),
    ("The minister called the plan “reckless” on Monday.", [("mixed", ["reckless"])]),
    ("He spoke about Biden, described as an old-school politician and being “predictable,” in his reply.",
     [("mixed", ["predictable,"])]),
    ("He said Trump represents the “same rigged system that he claims he’s going to change.”",
     [("mixed", ["same rigged system that he claims he’s going to change."])]),  # long, after "the"
    # no segments: reported speech, a scare quote, a title, a name after "so-called"
    ("Scholz said Germany will help Ukraine.", []),
    ('Burton thinks that cats are "cuties".', []),
    ('Burton claims that his favorite book is "One Hundred Years of Solitude".', []),
    ("Putin said the so-called “peace plan” was a trick.", []),
    ("Putin said the “peace plan” was a trick.", []),
]


@pytest.mark.parametrize(("text", "expected"), SEGMENT_CASES)
def test_segments_of_extracted_quotes(nlp, text, expected):
    quotes = extract_quotes(nlp(text))
    with_segments = [(q.kind, [text[s:e] for s, e in q.segments]) for q in quotes if q.segments]
    assert with_segments == expected
    assert all(q.kind == "indirect" for q in quotes if not q.segments)
    for quote in quotes:  # in text order, inside the content
        assert list(quote.segments) == sorted(quote.segments)
        assert all(quote.start <= s < e <= quote.end for s, e in quote.segments)


def test_an_interrupted_quote_spans_from_the_first_stretch_to_the_last(nlp):
    text = "“Hello,” he said, “how are you doing?”"
    (quote,) = extract_quotes(nlp(text))
    assert quote.text == 'Hello,” he said, “how are you doing?'  # the content span (PolNeAR) is unchanged
    assert quote.to_dict()["segments"] == [[1, 7], [19, 37]]


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        # a direct quote the rules found without quotation marks keeps its whole content
        ("PENCE: We will win.", Quote("direct", 7, 19, "We will win."), ["We will win."]),
        ("He said “yes” today.", Quote("indirect", 3, 19, "said “yes” today"), []),  # one word, no describing verb
        ("“A, b,” he told “Meet the Press,” “c d.”",
         Quote("direct", 1, 38, "A, b,” he told “Meet the Press,” “c d."), ["A, b,", "c d."]),  # a title between
    ],
)
def test_quoted_segments_of_given_quotes(nlp, text, quote, expected):
    segments = quoted_segments(nlp(text), quote, find_quotations(text))
    assert [text[s:e] for s, e in segments] == expected
