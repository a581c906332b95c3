"""ui.selection as a package: each module read in one sitting, the names other modules import
still there, and the limits tests lower living where the code reads them.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "ui" / "selection"
#: A module of the package longer than this is split further.
MAX_LINES = 300


@pytest.mark.parametrize("path", sorted(PACKAGE.glob("*.py")), ids=lambda p: p.name)
def test_each_module_is_short_and_says_what_it_is(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= MAX_LINES
    assert ast.get_docstring(ast.parse(source))


def test_the_names_other_modules_import_are_still_there():
    import ui.selection as selection

    for name in ("Source", "Selection", "EngineSelection", "FrameSelection", "evidence_rows", "evidence_words",
                 "SOURCE_FIELDS", "MAX_ROW_PAGES"):
        assert hasattr(selection, name), name
    assert selection.EngineSelection.__mro__[1] is selection.Selection
    assert selection.FrameSelection.__mro__[1] is selection.Selection


def test_the_lowered_limits_are_read_from_one_module(monkeypatch):
    # A test lowering ui.selection.LISTED_IN_FULL would change nothing the code reads: the name is
    # not exported, so such a monkeypatch fails instead of passing vacuously.
    import ui.selection
    import ui.selection.limits

    for name in ("LISTED_IN_FULL", "RECENT_STATEMENTS"):
        assert not hasattr(ui.selection, name)
        with pytest.raises(AttributeError):
            monkeypatch.setattr(ui.selection, name, 1)
        assert isinstance(getattr(ui.selection.limits, name), int)
