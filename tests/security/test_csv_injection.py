"""Issue #16, item 7: CSV downloads neutralise formulas (OWASP); JSON keeps every text exactly."""

import csv
import io
import json

import pandas as pd
import pytest

from ui.safe import FORMULA_STARTS, csv_cell

CELLS = [
    ('=HYPERLINK("http://evil.example","Click")', '\'=HYPERLINK("http://evil.example","Click")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("Putin said = fine", "Putin said = fine"),
    (" =1+1", " =1+1"),
    ("'quoted", "'quoted"),
    ("", ""),
    (-0.5, -0.5),
    (None, None),
]


@pytest.mark.parametrize("value, expected", CELLS)
def test_csv_cell_prefixes_formula_starts_with_an_apostrophe(value, expected):
    assert csv_cell(value) == expected


def _csv_rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


@pytest.fixture(scope="module")
def hostile_quotes(hostile_store):
    from analysis.store import load_corpus

    return load_corpus(hostile_store).quotes


def test_csv_download_has_no_cell_a_spreadsheet_runs(hostile_quotes):
    from ui.components import csv_bytes

    rows = _csv_rows(csv_bytes(hostile_quotes))
    texts = [row["text"] for row in rows]
    assert any(t.startswith("'+cmd|") for t in texts), texts
    numeric = {"tone", "start", "end", "speaker_start", "speaker_end", "cue_start", "cue_end"}
    for row in rows:
        for column, cell in row.items():
            if column not in numeric:
                assert not cell.startswith(FORMULA_STARTS), (column, cell)
    tones = [float(row["tone"]) for row in rows]
    assert tones == pytest.approx(list(hostile_quotes["tone"]), abs=1e-9), "tone stays a number"


def test_negative_numbers_stay_numbers_in_the_csv():
    from ui.components import EXPORT_COLUMNS, csv_bytes

    frame = pd.DataFrame({c: ["-x"] for c in EXPORT_COLUMNS})
    frame["tone"], frame["start"] = -0.75, -1
    frame["countries"], frame["topics"] = [("DEU",)], [()]
    row = _csv_rows(csv_bytes(frame))[0]
    assert row["tone"] == "-0.75" and row["start"] == "-1"
    assert row["text"] == "'-x" and row["speaker"] == "'-x"


def test_json_download_keeps_the_exact_text(hostile_quotes):
    from ui.components import json_bytes

    records = json.loads(json_bytes(hostile_quotes))
    assert sorted(r["text"] for r in records) == sorted(hostile_quotes["text"])
    assert any(r["text"].startswith("+cmd|") for r in records)
