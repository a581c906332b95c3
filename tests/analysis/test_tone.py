"""Tests for analysis.tone: VADER compound scores, offline, and per-speaker/country tone."""

from __future__ import annotations

import pytest

from analysis.records import Quote
from analysis.tone import mean_tone, tone, tone_by_speaker_country


@pytest.mark.parametrize(
    "text",
    [
        "This is a wonderful agreement and a great success for both peoples.",
        "We are very happy with the excellent cooperation.",
        "I hope that relations can be quickly restored.",
    ],
)
def test_positive_statements_score_above_threshold(text):
    assert tone(text) > 0.3


@pytest.mark.parametrize(
    "text",
    [
        "This is nonsense, total drivel.",
        "It would be a very dangerous step and will completely spoil relations.",
        "The attack killed dozens of civilians in a horrific massacre.",
    ],
)
def test_negative_statements_score_below_threshold(text):
    assert tone(text) < -0.3


@pytest.mark.parametrize(
    "text",
    ["The meeting is scheduled for Tuesday in Geneva.", "The report has 40 pages.", "", "   "],
)
def test_neutral_or_empty_statements_score_near_zero(text):
    assert abs(tone(text)) < 0.05


def test_tone_is_bounded():
    assert -1.0 <= tone("Terrible, awful, horrible disaster!!!") <= 1.0


def _quote(text, speaker, countries, score=0.0):
    return Quote(kind="direct", start=0, end=len(text), text=text, speaker=speaker,
                 countries=countries, tone=score)


def test_tone_by_speaker_country_averages_per_pair():
    quotes = [
        _quote("a", "Vladimir Putin", ("ITA",), 0.6),
        _quote("b", "Vladimir Putin", ("ITA", "DEU"), -0.2),
        _quote("c", "Joe Biden", ("RUS",), -0.5),
    ]
    rows = tone_by_speaker_country(quotes)
    by_pair = {(r["speaker"], r["iso3"]): r for r in rows}
    assert by_pair[("Vladimir Putin", "ITA")] == {
        "speaker": "Vladimir Putin", "iso3": "ITA", "mean_tone": 0.2, "n_quotes": 2}
    assert by_pair[("Vladimir Putin", "DEU")]["mean_tone"] == -0.2
    assert by_pair[("Joe Biden", "RUS")]["n_quotes"] == 1
    assert len(rows) == 3


@pytest.mark.parametrize(
    "quote",
    [
        _quote("Great news for Italy.", None, ("ITA",), 0.6),
        _quote("Great news.", "Vladimir Putin", (), 0.6),
    ],
)
def test_tone_by_speaker_country_skips_quotes_without_speaker_or_country(quote):
    assert tone_by_speaker_country([quote]) == []


def test_tone_by_speaker_country_rescores_unscored_quotes():
    rows = tone_by_speaker_country([_quote("This is nonsense, total drivel.", "Vladimir Putin", ("DEU",))])
    assert rows[0]["mean_tone"] < -0.3


def test_mean_tone_averages_non_empty_texts():
    positive, negative = "This is a great success.", "This is a total disaster."
    assert mean_tone([positive, negative, "  "]) == pytest.approx((tone(positive) + tone(negative)) / 2)


@pytest.mark.parametrize("texts", [[], [""], ["  ", ""]])
def test_mean_tone_of_nothing_is_zero(texts):
    assert mean_tone(texts) == 0.0
