"""Tests for the phrases quote rules are built from (analysis.quotes.syntax)."""

from __future__ import annotations

import pytest

from analysis.quotes.syntax import cue_char_span, source_of, span_jaccard, trim_span


def _verb(doc, word: str):
    return next(token for token in doc if token.text == word)


@pytest.mark.parametrize(
    ("sentence", "verb", "cue", "source"),
    [
        ("Merkel has repeatedly warned that the deal was dead.", "warned", "has repeatedly warned", "Merkel"),
        ("Officials in Berlin have also said the talks failed.", "said", "have also said", "Officials in Berlin"),
        (
            "Russian President Vladimir Putin said that NATO was a threat.",
            "said",
            "said",
            "Russian President Vladimir Putin",
        ),
        ("“We will win,” Smith, a top adviser, said on Tuesday.", "said", "said", "Smith"),
        ("The senator did not comment.", "comment", "did not comment", "The senator"),
        # A passive reporting verb has no source.
        ("The deal was said to be dead.", "said", "was said", None),
    ],
)
def test_cue_and_source_of_a_verb(nlp, sentence, verb, cue, source):
    token = _verb(nlp(sentence), verb)
    start, end = cue_char_span(token)
    assert sentence[start:end] == cue
    found = source_of(token)
    assert (found.text if found is not None else None) == source


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" , hello world. ", "hello world"),
        ("\n— that it failed;", "that it failed"),
        ("plain", "plain"),
        (" ,.; ", ""),  # nothing but edge characters: an empty span
    ],
)
def test_trim_span_drops_white_space_and_edge_punctuation(text, expected):
    start, end = trim_span(text, 0, len(text))
    assert text[start:end] == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [((0, 10), (0, 10), 1.0), ((0, 10), (5, 15), 5 / 15), ((0, 5), (5, 10), 0.0), ((0, 0), (0, 0), 0.0)],
)
def test_span_jaccard(a, b, expected):
    assert span_jaccard(a, b) == pytest.approx(expected)
