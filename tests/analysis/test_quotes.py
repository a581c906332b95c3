"""Tests for quote extraction and speaker attribution (analysis.quotes)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from analysis.nlp import load_nlp
from analysis.quote_marks import find_quotations
from analysis.quotes import canonical_person_names, extract_quotes

SEED = Path(__file__).resolve().parents[2] / "data" / "seed" / "putin-spief-2024.txt"


@pytest.fixture(scope="module")
def nlp():
    """The spaCy pipeline, loaded once for the module."""
    return load_nlp()


@pytest.fixture(scope="module")
def seed_quotes(nlp):
    """Text and extracted quotes of the seed article."""
    text = SEED.read_text(encoding="utf-8")
    return text, extract_quotes(nlp(text))


def _curly_quotations(text):
    return [(m.start(1), m.end(1), m.group(1)) for m in re.finditer(r"“([^”]*)”", text)]


def test_seed_has_fourteen_curly_quotations(seed_quotes):
    text, _ = seed_quotes
    assert len(_curly_quotations(text)) == 14


@pytest.mark.parametrize("index", range(14))
def test_seed_each_curly_quotation_found_and_attributed_to_putin(seed_quotes, index):
    text, quotes = seed_quotes
    start, end, inner = _curly_quotations(text)[index]
    covering = [q for q in quotes if q.start <= start and end <= q.end]
    assert covering, f"not found: {inner[:60]}"
    assert all(q.speaker == "Vladimir Putin" for q in covering)


@pytest.mark.parametrize(
    "phrase, cue",
    [
        ("that the Russian threat was invented by the West", "said"),
        ("that Ukraine’s use of its weapons", "warned"),
        ("that relations between Moscow and Rome could be quickly restored", "expressed hope"),
        ("nothing will change regardless of whether Joe Biden", "said"),
    ],
)
def test_seed_reported_statements(seed_quotes, phrase, cue):
    text, quotes = seed_quotes
    match = [q for q in quotes if q.text.startswith(phrase)]
    assert match, phrase
    quote = match[0]
    assert quote.kind in ("indirect", "mixed")
    assert quote.speaker == "Vladimir Putin"
    assert text[quote.cue_start : quote.cue_end] == cue


def test_seed_quotes_are_sorted_and_consistent(seed_quotes):
    text, quotes = seed_quotes
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for quote in quotes:
        assert quote.text == text[quote.start : quote.end]
        assert not quote.countries and not quote.topics


def test_canonical_person_names_merges_aliases(nlp):
    doc = nlp("Russian President Vladimir Putin spoke. Putin said he was tired.")
    names = canonical_person_names(doc)
    assert names.get("Putin") == "Vladimir Putin"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He said “yes, of course.” Then he left.", ["yes, of course."]),
        ("“Russia’s attack on NATO?” he asked.", ["Russia’s attack on NATO?"]),
        ("Unclosed “quote here.\n\nNext paragraph is plain text.", []),
    ],
)
def test_find_quotations(text, expected):
    assert [q.inner(text) for q in find_quotations(text)] == expected
