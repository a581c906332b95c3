"""Records survive a JSON round trip and keep offsets into the exact text."""

import json

from analysis.pipeline import current_version
from analysis.records import ANALYSIS_VERSION, ArticleAnalysis, Quote


def test_seed_analysis_round_trips_through_json(seed_analysis):
    data = json.loads(json.dumps(seed_analysis.to_dict()))
    again = ArticleAnalysis.from_dict(data)
    assert again == seed_analysis
    assert again.version == current_version() and again.version.startswith(ANALYSIS_VERSION)


def test_every_offset_indexes_the_exact_text(seed_analysis):
    text = seed_analysis.article.text
    assert seed_analysis.quotes, "the seed has quotes"
    for quote in seed_analysis.quotes:
        assert text[quote.start:quote.end] == quote.text
        if quote.speaker_start is not None:
            assert 0 <= quote.speaker_start < quote.speaker_end <= len(text)
    for mention in seed_analysis.mentions:
        assert text[mention.start:mention.end] == mention.evidence


def test_quote_from_dict_ignores_unknown_fields():
    quote = Quote.from_dict({"kind": "direct", "start": 1, "end": 4, "text": "abc", "future_field": 1,
                             "countries": ["DEU"]})
    assert quote.countries == ("DEU",)
    assert quote.to_dict()["countries"] == ["DEU"]
