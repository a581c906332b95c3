"""Every module of analysis/, ui/, pages/ and training/, and dashboard.py, is short enough to read in
one sitting (at most 400 lines: the house rule) and says what it is (a module docstring). Where the
moved names of each split went: tests/test_split_modules.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
#: The house limit on a module's length.
MAX_LINES = 400
#: The folders whose modules are checked.
CHECKED = ("analysis", "ui", "pages", "training")


def modules() -> list[Path]:
    """The checked modules, in path order: every ``.py`` file under :data:`CHECKED`, and ``dashboard.py``."""
    found = [path for folder in CHECKED for path in (REPO / folder).rglob("*.py")]
    return sorted(found) + [REPO / "dashboard.py"]


def too_long(source: str, limit: int = MAX_LINES) -> bool:
    """True when ``source`` has more than ``limit`` lines."""
    return len(source.splitlines()) > limit


@pytest.mark.parametrize(("source", "expected"), [
    ("", False),
    ("x = 1\n" * 400, False),
    ("x = 1\n" * 401, True),
    ("x = 1\n" * 400 + "y = 2", True),  # a last line without its newline counts too
    ("\n" * 401, True),  # blank lines count
])
def test_a_module_over_the_limit_is_found(source, expected):
    assert too_long(source) is expected


def test_the_modules_checked_are_those_of_the_rule():
    found = {str(path.relative_to(REPO)) for path in modules()}
    # Vacuous if the scan missed the folders: known modules of each.
    assert {"dashboard.py", "analysis/query/filters.py", "analysis/countries.py", "analysis/engine/selection.py",
            "analysis/store/warehouse.py", "ui/data.py", "ui/charts.py", "training/train_ner_onto.py"} <= found
    assert any(name.startswith("pages/") for name in found)


@pytest.mark.parametrize("path", modules(), ids=lambda path: str(path.relative_to(REPO)))
def test_every_module_is_at_most_400_lines_and_says_what_it_is(path):
    source = path.read_text(encoding="utf-8")
    lines = len(source.splitlines())
    assert lines <= MAX_LINES, f"{path.relative_to(REPO)}: {lines} lines, split it by job"
    if path.name != "__init__.py" or source.strip():
        assert ast.get_docstring(ast.parse(source)), f"{path.relative_to(REPO)}: no module docstring"
