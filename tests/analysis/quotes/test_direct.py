"""Tests for quotations and their words in quotation marks (analysis.quotes.direct)."""

from __future__ import annotations

import pytest

from analysis.quotes import extract_quotes
from analysis.quotes.direct import quoted_segments


def test_scare_quoted_cue_is_not_a_quoted_segment(nlp):
    text = "“Hello,” he 'said', “how are you doing?”"
    (quote,) = extract_quotes(nlp(text))
    assert [text[start:end] for start, end in quoted_segments(quote, text)] == ["Hello,", "how are you doing?"]


@pytest.mark.parametrize(
    "text, expected_segments",
    [
        ('Burton thinks that cats are "cuties".', []),
        ('Burton claims that his favorite book is "One Hundred Years of Solitude".', []),
        ("Putin warned that it would be a “dangerous step” for Europe.", ["dangerous step"]),
    ],
)
def test_partial_quote_segments(nlp, text, expected_segments):
    quotes = extract_quotes(nlp(text))
    segments = [text[s:e] for q in quotes for s, e in quoted_segments(q, text)]
    assert segments == expected_segments
