"""The one loader of the data files under ``analysis/data`` (read once per process).

Three kinds of file live there, each in its own folder:

- ``rules/<job>/``: hand-edited rules (word lists, JSON tables); each folder's README says
  what every list is for. Edit these.
- ``generated/<job>/``: lists and tables written by a script under ``training/`` from
  public data (never edited by hand; rebuild with ``make learned``).
- ``models/``: learned weights, written by ``training/`` and listed in ``models/MANIFEST.json``
  (file, sha256, size, training command, scores).

List files hold one entry per line; a line starting with ``#`` is a comment.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
RULES_DIR = DATA_DIR / "rules"
GENERATED_DIR = DATA_DIR / "generated"
MODELS_DIR = DATA_DIR / "models"


def rules_file(*parts: str) -> Path:
    """Path of a hand-edited rule file, e.g. ``rules_file("quotes", "reporting_verbs.txt")``."""
    return RULES_DIR.joinpath(*parts)


def generated_file(*parts: str) -> Path:
    """Path of a file written by ``training/``, e.g. ``generated_file("places", "gazetteer.json")``."""
    return GENERATED_DIR.joinpath(*parts)


def model_file(name: str) -> Path:
    """Path of a learned model file in ``models/``."""
    return MODELS_DIR / name


@functools.cache
def entries(path: Path) -> tuple[str, ...]:
    """Entries of a one-per-line list in file order, stripped, without comment and blank lines."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


@functools.cache
def word_list(path: Path) -> frozenset[str]:
    """Lowercase entries of a one-per-line list; a ``#`` inside a line starts a trailing comment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    words = (line.split("#", 1)[0].strip().lower() for line in lines if not line.startswith("#"))
    return frozenset(word for word in words if word)


def read_json(path: Path):
    """The parsed JSON of a data file (callers cache what they build from it)."""
    return json.loads(path.read_text(encoding="utf-8"))
