"""Downloads of the statements: small selections as bytes at once, large ones built on click."""

import io
import json

import pandas as pd
import pytest

from analysis.store import load_corpus
from ui import components, layout


def test_small_selections_are_exported_at_once_and_large_ones_on_click():
    calls = []

    def make() -> bytes:
        calls.append(1)
        return b"csv"

    assert components.export_data(make, components.EAGER_EXPORT_ROWS) == b"csv"
    assert len(calls) == 1
    deferred = components.export_data(make, components.EAGER_EXPORT_ROWS + 1)
    assert callable(deferred) and len(calls) == 1  # nothing built until the button asks
    assert deferred() == b"csv"


def test_csv_bytes_hold_every_statement_with_its_speaker(seed_store):
    quotes = load_corpus(seed_store).quotes
    frame = pd.read_csv(io.BytesIO(components.csv_bytes(quotes)))
    assert len(frame) == len(quotes)
    assert set(frame["speaker"].dropna()) <= set(quotes["speaker"].dropna())


def _statement(tones) -> dict:
    row = {column: "x" for column in components.EXPORT_COLUMNS}
    row.update(countries=("RUS",), topics=(), segments=((0, 1),), tone=-0.5, start=0, end=1, target_tones=tones)
    return row


def test_downloads_carry_the_tone_towards_each_target():
    tones = (("country", "RUS", "negative"), ("person", "=Boris Johnson", "positive"))
    quotes = pd.DataFrame([_statement(tones), _statement(())])
    frame = pd.read_csv(io.BytesIO(components.csv_bytes(quotes)), keep_default_na=False)
    # a text cell like the other list columns (it starts with the kind, so never reads as a formula)
    assert frame["target_tones"].tolist() == ["country:RUS:negative;person:=Boris Johnson:positive", ""]
    records = json.loads(components.json_bytes(quotes))
    assert [r["target_tones"] for r in records] == [[list(t) for t in tones], []]


def test_downloads_of_a_store_without_target_tones_give_empty_ones():
    quotes = pd.DataFrame([_statement(())]).drop(columns="target_tones")
    assert components.export_frame(quotes)["target_tones"].tolist() == [""]


@pytest.mark.parametrize(("total", "undated", "first", "shown", "expected"), [
    (1, 0, 1, None, "1 statement, most recent first"),
    (44, 44, 1, None, "44 statements, in article order (none is dated)"),
    (50, 6, 1, None, "50 statements, most recent first; 6 undated listed last"),
    (4948, 2948, 2001, 2000, "Showing statements 2,001–4,000 of 4,948, most recent first; 2,948 undated listed last"),
    (3000, 3000, 1, 2000, "Showing statements 1–2,000 of 3,000, in article order (none is dated)"),
    (0, 0, 1, None, "0 statements, most recent first"),
])
def test_table_summary_says_order_and_undated(total, undated, first, shown, expected):
    assert layout.table_summary(total, undated, first, shown) == expected


@pytest.mark.parametrize(("undated", "expected"), [
    (0, "12 statements, most similar first"),
    (12, "12 statements, most similar first"),   # dates do not order a search by meaning
    (5, "12 statements, most similar first"),
])
def test_table_summary_by_meaning(undated, expected):
    assert layout.table_summary(12, undated, by_meaning=True) == expected


@pytest.mark.parametrize(("countries", "note"), [
    ((), "These statements name no country."),
    (("UKR",), "These statements name no other country."),
])
def test_no_country_note_says_other_when_a_country_is_filtered(countries, note):
    from analysis.query import Filters

    assert layout.no_country_note(Filters(countries=countries)) == note


@pytest.mark.parametrize(("filters", "name"), [
    ({}, "quote-atlas-statements-all-2026-12-07.csv"),
    ({"countries": ("UKR",), "speakers": ("Vladimir Putin",)},
     "quote-atlas-statements-ukraine-vladimir-putin-2026-12-07.csv"),
    ({"topics": ("war",), "search": "~energy security"},
     "quote-atlas-statements-war-conflict-energy-security-2026-12-07.csv"),
    ({"speakers": ("<b>x</b>/../../etc",)}, "quote-atlas-statements-b-x-b-etc-2026-12-07.csv"),  # no path, no markup
    ({"speakers": ("Ünal Çelik",)}, "quote-atlas-statements-ünal-çelik-2026-12-07.csv"),
    ({"speakers": ("a" * 200,)}, f"quote-atlas-statements-{'a' * 60}-2026-12-07.csv"),
])
def test_a_download_is_named_after_its_filters(filters, name):
    import datetime as dt

    from analysis.query import Filters

    assert components.statements_filename(Filters(**filters), "csv", today=dt.date(2026, 12, 7)) == name
