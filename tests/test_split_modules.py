"""Modules split by job (sessions 18-19) keep what callers import: every name a caller imports from the old
module is still there and the same object as in its new home, and a setting or helper moved out of the old
module is gone from it, so a test patching it there fails instead of passing vacuously. Each module's
length and docstring: tests/test_module_sizes.py.
"""

from __future__ import annotations

import importlib

import pytest

#: (old module, new home, names callers import from the old module).
HOMES = [
    ("analysis.store.warehouse", "analysis.store.aggregates", ("CROSS_PAIRS", "KEYWORD_CANDIDATES")),
    ("analysis.store.warehouse", "analysis.store.clustered_copies", ("CLUSTERED", "CLUSTER_COLUMNS")),
    ("analysis.store.warehouse", "analysis.store.phrase_scoring", ("scored_phrases_sql",)),
    ("analysis.store.warehouse", "analysis.store.phrase_search_pass", ("SEARCH_TOKENIZER",)),
    ("analysis.store.warehouse", "analysis.store.slice_tables",
     ("SLICE_KEYWORDS", "SLICE_MIN_SHARE", "SLICE_MIN_STATEMENTS", "slice_threshold", "value_ranges")),
    ("analysis.store.corrections", "analysis.store.correction_entries",
     ("ACTIONS", "DEFAULT_WHO", "MAX_TEXT", "MAX_VALUES", "Correction", "Log", "in_force", "normalised",
      "statement_key", "text_hash")),
    ("analysis.store.corrections", "analysis.store.corrections_apply", ("Report", "applied_note", "apply_corrections")),
    ("analysis.query", "analysis.query.filters", ("Filters", "COUNTRY_SCOPES", "describe_filters", "filter_quotes")),
    ("analysis.query", "analysis.query.categoricals", ("strings", "plain_strings")),
    ("analysis.query", "analysis.query.counts", ("speaker_counts", "cross_counts", "option_values")),
    ("analysis.query", "analysis.query.phrases", ("REPRESENTATIVE_SAMPLE", "index_phrases", "phrase_counts")),
    ("analysis.query", "analysis.query.speakers", ("resolve_speaker", "resolve_name", "aliases_from_counts")),
    ("analysis.query", "analysis.query.tone", ("TARGET_MEASURE", "POLARITY_SCORES", "tone_by_target")),
    ("analysis.countries", "analysis.places.gazetteer", ("load_gazetteer", "country_table", "country_name")),
    ("analysis.countries", "analysis.places.context", ("PLACE_LABELS", "PLACE_VIAS")),
    ("ui.data", "ui.store_keys", ("store_dir", "batch_state", "store_state", "warehouse_stamp")),
    ("ui.data", "ui.article_reads", ("article_text", "stored_article", "corpus_with_texts", "article_index")),
    ("ui.data", "ui.cached_answers", ("cached_brief", "cached_option_values", "cached_selection_brief")),
    ("ui.charts", "ui.grids", ("limit_grid", "grid_keys", "heatmap", "grid_heatmap", "slanted_columns",
                               "MIN_GRID_PIXELS", "MAX_HEATMAP_ROWS", "MAX_HEATMAP_COLUMNS", "TONE_SCALE")),
    ("ui.charts", "ui.chart_style", ("FONT", "short_label", "others_label")),
]

#: (old module, name, its home): read in the home only, so not re-exported by the old module.
READ_WHERE_THEY_LIVE = [
    ("analysis.store.warehouse", "GROUP_ARTICLES", "analysis.store.batch_reading"),
    ("analysis.store.warehouse", "SLICE_CROSS_ROWS", "analysis.store.slice_tables"),
    ("analysis.store.warehouse", "CHUNK_ROWS", "analysis.store.phrase_search_pass"),
    ("analysis.engine.selection", "KEPT_ROWS", "analysis.engine.kept"),
    ("analysis.engine.selection", "KEPT_CHUNK", "analysis.engine.kept"),
    ("analysis.engine.selection", "UNION_MIN_STATEMENTS", "analysis.engine.unions"),
    ("ui.data", "_brief", "ui.cached_answers"),
    ("ui.data", "_options", "ui.cached_answers"),
    ("ui.data", "build_brief", "ui.cached_answers"),
    ("ui.data", "with_texts", "ui.article_reads"),
    ("ui.data", "_article_values", "ui.article_reads"),
    ("ui.charts", "GRID_CHUNK_ROWS", "ui.grids"),
]


@pytest.mark.parametrize(("old", "home", "names"), HOMES, ids=[f"{old}<-{home}" for old, home, _ in HOMES])
def test_the_old_module_still_offers_the_moved_names(old, home, names):
    before, after = importlib.import_module(old), importlib.import_module(home)
    for name in names:
        assert getattr(before, name) is getattr(after, name), name
        assert name in before.__all__, name


@pytest.mark.parametrize("old", sorted({old for old, _, _ in HOMES} | {"analysis.engine.selection"}))
def test_every_name_of_all_is_there(old):
    module = importlib.import_module(old)
    assert [name for name in module.__all__ if not hasattr(module, name)] == []


@pytest.mark.parametrize(("old", "name", "home"), READ_WHERE_THEY_LIVE,
                         ids=[f"{old}.{name}" for old, name, _ in READ_WHERE_THEY_LIVE])
def test_a_moved_name_is_patched_where_it_is_read(monkeypatch, old, name, home):
    with pytest.raises(AttributeError):
        monkeypatch.setattr(importlib.import_module(old), name, 1)
    assert hasattr(importlib.import_module(home), name)


def test_the_engine_still_answers_every_moved_question():
    from analysis.engine import Engine

    for name in ("cross_counts", "cross_grid", "tone_by_target", "tone_measure", "has_target_tones", "count",
                 "_union", "_keep", "_kept", "_source", "_surely_large", "_selected"):
        assert callable(getattr(Engine, name, None)), name
