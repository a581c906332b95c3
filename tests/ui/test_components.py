"""Downloads of the statements: small selections as bytes at once, large ones built on click."""

import io

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
