"""Tests of analysis.quotes.confidence: features of finished quotes, the shipped model's scores."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.quotes import extract_quotes
from analysis.quotes.confidence import CONFIDENCE_MODEL_PATH, confidence_features, with_confidence


def _quote(nlp, text: str, content: str):
    doc = nlp(text)
    quotes = [q for q in extract_quotes(doc) if content in q.text]
    assert quotes, f"no quote holding {content!r} in {text!r}"
    return doc, quotes[0]


@pytest.mark.parametrize(
    "text, content, expected",
    [
        ('"We will not give up," Smith said.', "We will not give up", {"kind=direct", "cue=listed:say"}),
        ("Angela Merkel said that the talks had failed.", "talks had failed", {"mention=name", "place=before:<=40"}),
        ("He said that the talks had failed.", "talks had failed", {"mention=pronoun", "kind=indirect"}),
        ("A spokesman said the ministry would respond.", "ministry would respond", {"speaker=unnamed"}),
    ],
)
def test_features_describe_the_quote(nlp, text, content, expected):
    doc, quote = _quote(nlp, text, content)
    assert expected <= set(confidence_features(doc, quote))


@pytest.mark.parametrize(
    "text",
    [
        "The weather was fine and the markets were calm.",
        "The 'peace plan' was published on Tuesday.",
        "",
    ],
)
def test_no_quotes_no_confidence(nlp, text):
    assert with_confidence(nlp(text), extract_quotes(nlp(text))) == []


def test_without_the_model_every_confidence_is_none(nlp, tmp_path: Path):
    doc = nlp('"We will not give up," Smith said.')
    quotes = [q.__class__(**{**q.to_dict(), "confidence": None}) for q in extract_quotes(doc)]
    assert quotes
    assert all(q.confidence is None for q in with_confidence(doc, quotes, tmp_path / "missing.json"))


@pytest.mark.skipif(not CONFIDENCE_MODEL_PATH.exists(), reason="confidence model not shipped")
def test_shipped_model_ranks_a_named_quotation_above_a_floating_fragment(nlp):
    named = _quote(nlp, '"We will never accept this," the Prime Minister, Boris Johnson, said on Monday.',
                   "never accept")[1]
    text = ("The minister arrived late. Officials suggested that talks might resume, possibly next week, "
            "though nothing was settled.")
    vague = _quote(nlp, text, "talks might resume")[1]
    assert 0.0 <= vague.confidence < named.confidence <= 1.0


@pytest.mark.parametrize("cue", [(30, 10), (0, 0), (5, 10_000), (-3, 2)])
def test_a_cue_or_mention_span_out_of_range_is_described_as_none(nlp, cue):
    doc, quote = _quote(nlp, '"We will not give up," Smith said.', "We will not give up")
    broken = quote.__class__(**{**quote.to_dict(), "cue_start": cue[0], "cue_end": cue[1],
                                "speaker_start": cue[0], "speaker_end": cue[1]})
    features = confidence_features(doc, broken)
    assert {"cue=none", "mention=none"} <= set(features)
