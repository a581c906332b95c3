"""Tests of analysis.quotes.confidence: features of finished quotes, the shipped model's scores."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from analysis.quotes import extract_quotes
from analysis.quotes.confidence import (
    CONFIDENCE_MODEL_PATH,
    calibrated,
    calibration,
    confidence_features,
    with_confidence,
)


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


PER_ACT = {"calibration_slope": 1.0, "calibration_intercept": 0.0,
           "calibration_by_act": {"speech": {"slope": 2.0, "intercept": 0.5},
                                  "stance": {"slope": 0.0, "intercept": -4.0}}}


@pytest.mark.parametrize(("model", "act", "expected"), [
    (PER_ACT, "speech", (2.0, 0.5)),
    (PER_ACT, "stance", (0.0, -4.0)),
    # An act without its own scaling, or a record without act, falls back to the single one.
    (PER_ACT, None, (1.0, 0.0)),
    ({**PER_ACT, "calibration_by_act": {"speech": {"slope": 2.0, "intercept": 0.5}}}, "stance", (1.0, 0.0)),
    ({"calibration_slope": 1.3, "calibration_intercept": 0.2}, "stance", (1.3, 0.2)),
    # No calibration at all: none, and the probability is left as it is.
    ({}, "speech", None),
    ({"calibration_slope": 1.3}, None, None),
])
def test_each_act_has_its_own_calibration(model, act, expected):
    assert calibration(model, act) == expected
    if expected is None:
        assert calibrated(0.7, model, act) == 0.7


def test_calibrated_uses_the_acts_map():
    assert calibrated(0.9, PER_ACT, "stance") == pytest.approx(1 / (1 + math.exp(4.0)))
    assert calibrated(0.5, PER_ACT, "speech") == pytest.approx(1 / (1 + math.exp(-0.5)))


@pytest.mark.skipif(not CONFIDENCE_MODEL_PATH.exists(), reason="confidence model not shipped")
def test_shipped_model_makes_a_stance_less_sure_than_speech(nlp):
    # speakers_dev counts no act without speech as who said what: 0 of its 67 stances were right.
    doc = nlp("Angela Merkel said on Monday that the talks had failed. "
              "The European Union agreed to impose a travel ban on the officials.")
    by_act = {q.act: q.confidence for q in extract_quotes(doc)}
    assert set(by_act) == {"speech", "stance"}
    assert by_act["stance"] < 0.1 < 0.5 < by_act["speech"]
