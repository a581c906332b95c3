"""Tests for analysis.countries: tricky country cases, regions, display names, the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.countries import (
    country_centroid,
    country_codes,
    country_name,
    country_table,
    find_places,
    load_gazetteer,
)
from analysis.nlp import load_nlp

REPO = Path(__file__).resolve().parents[2]
CASES = json.loads((Path(__file__).parent / "country_cases.json").read_text(encoding="utf-8"))["cases"]
EASY_CASES = [c for c in CASES if not c.get("hard")]
SEED = REPO / "data" / "seed" / "putin-spief-2024.txt"


@pytest.fixture(scope="module")
def nlp():
    """The spaCy pipeline, loaded once for the module."""
    return load_nlp()


def _keys(mentions, kind):
    return sorted({m.key for m in mentions if m.kind == kind})


@pytest.mark.parametrize("case", EASY_CASES, ids=[c["note"] for c in EASY_CASES])
def test_country_cases_without_doc(case):
    mentions = find_places(case["text"])
    assert _keys(mentions, "country") == sorted(case["countries"])
    assert _keys(mentions, "region") == sorted(case["regions"])


@pytest.mark.parametrize("case", EASY_CASES, ids=[c["note"] for c in EASY_CASES])
def test_country_cases_with_doc(case, nlp):
    mentions = find_places(case["text"], nlp(case["text"]))
    assert _keys(mentions, "country") == sorted(case["countries"])
    assert _keys(mentions, "region") == sorted(case["regions"])


@pytest.mark.parametrize(
    ("text", "surface", "key", "via"),
    [
        ("The Kremlin said no.", "Kremlin", "RUS", "seat"),
        ("Ukrainians fled.", "Ukrainians", "UKR", "demonym"),
        ("Talks in Berlin.", "Berlin", "DEU", "capital"),
        ("The Pentagon said.", "Pentagon", "USA", "institution"),
        ("Kharkiv was shelled.", "Kharkiv", "UKR", "city"),
        ("Russia and the US.", "US", "USA", "name"),
    ],
)
def test_mention_carries_evidence_span_and_via(text, surface, key, via):
    mention = next(m for m in find_places(text) if m.evidence == surface)
    assert (mention.key, mention.via, mention.kind) == (key, via, "country")
    assert text[mention.start : mention.end] == surface


@pytest.mark.parametrize(
    "text",
    [
        "NATO",
        "the West",
        "Western countries",
        "European countries",
        "the EU",
        "the Middle East",
        "G7",
        "the UN",
        "the Atlantic Alliance",
        "Europe",
    ],
)
def test_regions_are_never_countries(text):
    mentions = find_places(f"Officials from {text} met.")
    assert mentions, text
    assert all(m.kind == "region" for m in mentions)


@pytest.mark.parametrize(
    ("iso3", "name"),
    [
        ("DEU", "Germany"),
        ("USA", "United States"),
        ("RUS", "Russia"),
        ("GBR", "United Kingdom"),
        ("NATO", "NATO"),
        ("XYZ", "XYZ"),
    ],
)
def test_country_name(iso3, name):
    assert country_name(iso3) == name


def test_country_table_is_the_gazetteers_countries_and_regions():
    # What the app reads for names without compiling the place finder: the same codes and entries.
    table, gazetteer = country_table(), load_gazetteer()
    assert table.countries == gazetteer.countries and len(table.countries) > 200
    assert table.regions == gazetteer.regions and "NATO" in table.regions
    assert not any(key.startswith("_") for key in table.regions)


def test_country_centroid():
    lat, lon = country_centroid("DEU")
    assert 47 < lat < 55 and 6 < lon < 15
    assert country_centroid("XYZ") is None


@pytest.mark.parametrize("use_doc", [False, True])
def test_seed_article_countries_exactly(use_doc, nlp):
    text = SEED.read_text(encoding="utf-8")
    mentions = find_places(text, nlp(text) if use_doc else None)
    assert sorted(country_codes(mentions)) == ["DEU", "ITA", "RUS", "UKR", "USA"]
    by_evidence = {m.evidence: m for m in mentions}
    for surface, key in [
        ("Moscow", "RUS"),
        ("Kremlin", "RUS"),
        ("Berlin", "DEU"),
        ("Bundeswehr", "DEU"),
        ("Rome", "ITA"),
        ("Kiev", "UKR"),
        ("American", "USA"),
    ]:
        assert by_evidence[surface].key == key
    for surface, key in [
        ("West", "WEST"),
        ("European countries", "EUROPE"),
        ("NATO", "NATO"),
        ("Western countries", "WEST"),
        ("Atlantic Alliance", "NATO"),
    ]:
        assert (by_evidence[surface].kind, by_evidence[surface].key) == ("region", key)
    assert all(text[m.start : m.end] == m.evidence for m in mentions)


def test_generated_gazetteer_contains_every_hand_surface():
    """The committed gazetteer.json must be rebuilt after editing country_overrides.json."""
    data = REPO / "analysis" / "data"
    overrides = json.loads((data / "rules" / "places" / "country_overrides.json").read_text(encoding="utf-8"))
    surfaces = json.loads((data / "generated" / "places" / "gazetteer.json").read_text(encoding="utf-8"))["surfaces"]
    groups = ("extra_names", "extra_demonyms", "extra_capitals", "seats", "institutions", "extra_cities")
    hand = set()
    for group in groups:
        for iso3, names in overrides[group].items():
            for name in names:
                assert surfaces.get(name, [None])[0] == iso3, (group, name)
                hand.add(name)
    assert not (set(overrides["drop_surfaces"]) - hand) & set(surfaces)
    assert all(surface == surface.strip() for surface in surfaces)


@pytest.mark.parametrize(("text", "regions"), [
    # The Federal Republic of Yugoslavia (1992-2003) by its press abbreviation: the former state (session 14).
    ("The FRY Ministry of Foreign Affairs is denying it.", ["YUGOSLAVIA"]),
    ("Relations between Slovenia and the Federal Republic of Yugoslavia will be strenuous.", ["YUGOSLAVIA"]),
    # Stay: the verb and the noun in lower case are no place.
    ("Small fry will fry in the sun.", []),
])
def test_fry_is_yugoslavia(text, regions):
    assert _keys(find_places(text), "region") == regions
