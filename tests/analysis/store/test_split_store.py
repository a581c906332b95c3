"""analysis/store/ split by job: every name callers import from a split module still there and the same
object, and a patch of a moved setting on the old module failing instead of passing vacuously (each
module's length and docstring: tests/test_module_sizes.py).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

STORE = Path(__file__).resolve().parents[3] / "analysis" / "store"
#: Where each name other code imports from analysis.store.warehouse now lives.
WAREHOUSE_MOVED = {
    "aggregates": ("CROSS_PAIRS", "KEYWORD_CANDIDATES"),
    "clustered_copies": ("CLUSTERED", "CLUSTER_COLUMNS"),
    "phrase_scoring": ("scored_phrases_sql",),
    "phrase_search_pass": ("SEARCH_TOKENIZER",),
    "slice_tables": ("SLICE_KEYWORDS", "SLICE_MIN_SHARE", "SLICE_MIN_STATEMENTS", "slice_threshold", "value_ranges"),
}
#: Settings tests lower, each in the module that reads it (not re-exported by the warehouse).
WAREHOUSE_SETTINGS = {"GROUP_ARTICLES": "batch_reading", "SLICE_CROSS_ROWS": "slice_tables",
                      "CHUNK_ROWS": "phrase_search_pass"}
#: Where each name other code imports from analysis.store.corrections now lives.
CORRECTIONS_MOVED = {
    "correction_entries": ("ACTIONS", "DEFAULT_WHO", "MAX_TEXT", "MAX_VALUES", "Correction", "Log", "in_force",
                           "normalised", "statement_key", "text_hash"),
    "corrections_apply": ("Report", "applied_note", "apply_corrections"),
}


def _modules() -> list[Path]:
    return sorted(STORE.glob("*.py"))


def test_the_store_has_the_split_modules():
    names = {path.stem for path in _modules()}
    assert {"warehouse", "batch_reading", "name_merge", "derived_columns", "phrase_search_pass", "phrase_scoring",
            "aggregates", "slice_tables", "clustered_copies", "corrections", "correction_entries",
            "corrections_apply"} <= names


@pytest.mark.parametrize(("split", "moved"), [("warehouse", WAREHOUSE_MOVED), ("corrections", CORRECTIONS_MOVED)])
def test_the_names_callers_import_from_a_split_module_are_still_there(split, moved):
    module = importlib.import_module(f"analysis.store.{split}")
    for name in module.__all__:
        assert hasattr(module, name), name
    for home_name, names in moved.items():
        home = importlib.import_module(f"analysis.store.{home_name}")
        for name in names:
            assert name in module.__all__ and getattr(module, name) is getattr(home, name), name


@pytest.mark.parametrize(("setting", "home"), sorted(WAREHOUSE_SETTINGS.items()))
def test_a_moved_setting_is_patched_where_it_is_read(monkeypatch, setting, home):
    # A test lowering analysis.store.warehouse.<setting> would change nothing the moved code reads:
    # the name is not re-exported, so such a monkeypatch fails.
    from analysis.store import warehouse

    with pytest.raises(AttributeError):
        monkeypatch.setattr(warehouse, setting, 1)
    assert isinstance(getattr(importlib.import_module(f"analysis.store.{home}"), setting), int)
