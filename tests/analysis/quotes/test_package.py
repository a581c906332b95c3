"""The modules of analysis.quotes import each other in one direction only, and stay small."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[3] / "analysis" / "quotes"
#: Every module of the package, bottom first: each may import only modules listed before it
#: (the order of the package docstring).
ORDER = [
    "lexicon",
    "marks",
    "syntax",
    "clauses",
    "scorer",
    "attribution",
    "national_bodies",
    "offices",
    "person_names",
    "people",
    "antecedents",
    "source_names",
    "pronoun_speakers",
    "speakers",
    "filters",
    "candidates",
    "bounds",
    "tagger",
    "framing",
    "asides",
    "noun_cues",
    "reported",
    "headlines",
    "quoted_speech",
    "direct",
    "joins",
    "assembly",
    "fusion",
    "confidence",
    "acts",
    "extract",
    "training_exports",
    "__init__",
]


def _imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("analysis.quotes."):
            found.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[2] for a in node.names if a.name.startswith("analysis.quotes.")}
    return found


def test_every_module_has_its_place_in_the_order():
    assert sorted(p.stem for p in PACKAGE.glob("*.py")) == sorted(ORDER)


@pytest.mark.parametrize("module", ORDER)
def test_modules_import_only_modules_below_them(module):
    below = set(ORDER[: ORDER.index(module)])
    assert _imported_modules(PACKAGE / f"{module}.py") <= below


@pytest.mark.parametrize("module", ORDER)
def test_modules_stay_small_and_say_what_they_hold(module):
    source = (PACKAGE / f"{module}.py").read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 400
    assert ast.get_docstring(ast.parse(source))
