"""The tone per (statement, target): found by the pipeline, kept by the records and the store."""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from analysis.records import ANALYSIS_VERSION, TONE_MARK, Article, ArticleAnalysis, Quote
from analysis.store import SCHEMAS, load_corpus, write_batch

TONES = (("country", "UKR", "positive"), ("person", "Vladimir Putin", "negative"))


def analysis_with(tones_per_quote) -> ArticleAnalysis:
    text = "He said it. She said it too."
    quotes = tuple(Quote(kind="indirect", start=3 + 12 * i, end=10 + 12 * i, text=text[3 + 12 * i : 10 + 12 * i],
                         target_tones=tones) for i, tones in enumerate(tones_per_quote))
    return ArticleAnalysis(article=Article(id="a1", text=text, source="t"), quotes=quotes)


def test_the_store_column_is_a_list_of_string_triples():
    assert SCHEMAS["quotes"].field("target_tones").type == pa.list_(pa.list_(pa.string()))


def test_target_tones_survive_a_json_round_trip():
    analysis = analysis_with([TONES, ()])
    assert ArticleAnalysis.from_dict(json.loads(json.dumps(analysis.to_dict()))) == analysis


@pytest.mark.parametrize("categorical", [False, True])
def test_target_tones_survive_the_store(tmp_path, categorical):
    write_batch(str(tmp_path), [analysis_with([TONES, ()])])
    quotes = load_corpus(str(tmp_path), categorical=categorical).quotes
    assert quotes["target_tones"].tolist() == [TONES, ()]


TEXT = ('Chancellor Olaf Scholz said on Monday that "Russia has brought nothing but misery to Ukraine." '
        "The weather was fine, she added.")


def test_the_pipeline_gives_each_statement_its_targets_tones_when_asked():
    from analysis.ingest import make_article
    from analysis.pipeline import analyse_articles

    (analysis,) = analyse_articles([make_article(TEXT, source="t")], target_tone=True)
    assert analysis.version == ANALYSIS_VERSION + TONE_MARK  # switching it re-analyses a store
    by_text = {q.text: q for q in analysis.quotes}
    quote = next(q for t, q in by_text.items() if "misery" in t)
    assert [(kind, key) for kind, key, _p in quote.target_tones] == [("country", "RUS"), ("country", "UKR")]
    assert dict((key, p) for _k, key, p in quote.target_tones)["RUS"] == "negative"
    assert all(q.target_tones == () for t, q in by_text.items() if "weather" in t)


def test_the_tone_towards_targets_is_off_by_default():
    from analysis.pipeline import analyse_text

    analysis = analyse_text(TEXT)
    assert analysis.version == ANALYSIS_VERSION
    assert analysis.quotes and all(q.target_tones == () for q in analysis.quotes)
