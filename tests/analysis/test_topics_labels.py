"""The hand-labelled topic sample (benchmarks/data/topics_polnear_train.jsonl) is usable and honest."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.topics import load_taxonomy

LABELS = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "topics_polnear_train.jsonl"
POLNEAR_TRAIN = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "polnear" / "train"


@pytest.fixture(scope="module")
def rows() -> list[dict]:
    return [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_labels_are_offsets_and_known_topics_only(rows):
    ids = {t.id for t in load_taxonomy()}
    assert len(rows) >= 300
    for row in rows:
        assert set(row) == {"doc", "start", "end", "split", "topics"}, "no statement text in the repo"
        assert 0 <= row["start"] < row["end"]
        assert row["split"] in {"tune", "heldout"}
        assert set(row["topics"]) <= ids, row


def test_sample_is_spread_and_held_back_by_document(rows):
    tune_docs = {r["doc"] for r in rows if r["split"] == "tune"}
    held_docs = {r["doc"] for r in rows if r["split"] == "heldout"}
    assert len(tune_docs | held_docs) >= 150
    assert not tune_docs & held_docs
    assert sum(r["split"] == "heldout" for r in rows) >= 100
    assert any(not r["topics"] for r in rows), "statements with no topic are labelled too"


@pytest.mark.skipif(not POLNEAR_TRAIN.exists(), reason="../shared PolNeAR train not present")
def test_offsets_fit_polnear_texts(rows):
    for row in rows:
        text = (POLNEAR_TRAIN / "text" / f"{row['doc']}.txt").read_text(encoding="utf-8")
        assert row["end"] <= len(text)
        assert text[row["start"] : row["end"]].strip()
