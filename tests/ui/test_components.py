"""Downloads of the statements: small selections as bytes at once, large ones built on click."""

import io
import json

import pandas as pd

from analysis.store import load_corpus
from ui import components


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
