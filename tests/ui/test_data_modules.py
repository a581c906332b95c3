"""ui.data split by job (ui.store_keys, ui.article_reads, ui.cached_answers): every name callers import
from ui.data still there and the same object, and a patch of a moved helper on ui.data fails instead of
passing vacuously (each module's length and docstring: tests/test_module_sizes.py).
"""

from __future__ import annotations

import pytest

#: Where each name the pages and ui modules import from ui.data now lives.
MOVED = {"store_keys": ("store_dir", "batch_state", "store_state", "warehouse_stamp"),
         "article_reads": ("article_text", "stored_article", "corpus_with_texts", "article_index"),
         "cached_answers": ("cached_brief", "cached_option_values", "cached_selection_brief")}


def test_the_names_callers_import_from_ui_data_are_still_there():
    import importlib

    from ui import data

    for name in data.__all__:
        assert hasattr(data, name), name
    for module, names in MOVED.items():
        home = importlib.import_module(f"ui.{module}")
        for name in names:
            assert name in data.__all__ and getattr(data, name) is getattr(home, name), name


@pytest.mark.parametrize(("helper", "home"), [("_brief", "cached_answers"), ("_options", "cached_answers"),
                                              ("build_brief", "cached_answers"), ("with_texts", "article_reads"),
                                              ("_article_values", "article_reads")])
def test_a_moved_helper_is_patched_where_it_is_read(monkeypatch, helper, home):
    # A test patching ui.data.<helper> would change nothing the moved code reads: the name is not
    # re-exported, so such a monkeypatch fails.
    import importlib

    from ui import data

    with pytest.raises(AttributeError):
        monkeypatch.setattr(data, helper, None)
    assert hasattr(importlib.import_module(f"ui.{home}"), helper)
