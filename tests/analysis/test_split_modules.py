"""analysis.query, analysis.countries and analysis.engine split by job (session 19): every name callers
import from the old module is still there and the same object as in its new home, and a constant
moved out of analysis.engine.selection is gone from it, so a patch there fails instead of passing
vacuously.
"""

from __future__ import annotations

import importlib

import pytest

#: Where names callers import from analysis.query and analysis.countries now live.
HOMES = [
    ("analysis.query", "analysis.query.filters", ("Filters", "COUNTRY_SCOPES", "describe_filters", "filter_quotes")),
    ("analysis.query", "analysis.query.categoricals", ("strings", "plain_strings")),
    ("analysis.query", "analysis.query.counts", ("speaker_counts", "cross_counts", "option_values")),
    ("analysis.query", "analysis.query.phrases", ("REPRESENTATIVE_SAMPLE", "index_phrases", "phrase_counts")),
    ("analysis.query", "analysis.query.speakers", ("resolve_speaker", "resolve_name", "aliases_from_counts")),
    ("analysis.query", "analysis.query.tone", ("TARGET_MEASURE", "POLARITY_SCORES", "tone_by_target")),
    ("analysis.countries", "analysis.places.gazetteer", ("load_gazetteer", "country_table", "country_name")),
    ("analysis.countries", "analysis.places.context", ("PLACE_LABELS", "PLACE_VIAS")),
]


@pytest.mark.parametrize(("old", "home", "names"), HOMES)
def test_the_old_module_still_offers_the_moved_names(old, home, names):
    before, after = importlib.import_module(old), importlib.import_module(home)
    for name in names:
        assert getattr(before, name) is getattr(after, name), name
        assert name in before.__all__, name


def test_every_name_of_all_is_there():
    for old in ("analysis.query", "analysis.countries", "analysis.engine.selection"):
        module = importlib.import_module(old)
        assert [name for name in module.__all__ if not hasattr(module, name)] == []


@pytest.mark.parametrize(("module", "name", "there"), [
    ("analysis.engine.selection", "KEPT_ROWS", False),  # read in analysis.engine.kept: patch it there
    ("analysis.engine.selection", "KEPT_CHUNK", False),
    ("analysis.engine.selection", "UNION_MIN_STATEMENTS", False),
    ("analysis.engine.kept", "KEPT_ROWS", True),
    ("analysis.engine.unions", "UNION_MIN_STATEMENTS", True),
    ("analysis.engine.selection", "ARTICLE_SPANS", True),
])
def test_moved_constants_live_where_they_are_read(module, name, there):
    assert hasattr(importlib.import_module(module), name) is there


def test_the_engine_still_answers_every_moved_question():
    from analysis.engine import Engine

    for name in ("cross_counts", "cross_grid", "tone_by_target", "tone_measure", "has_target_tones", "count",
                 "_union", "_keep", "_kept", "_source", "_surely_large", "_selected"):
        assert callable(getattr(Engine, name, None)), name
