"""Preparing uploads: bad files get a message, the rest goes on, duplicates are recognised."""

import pytest

from ui.upload import apply_edits, prepare_files, prepare_pasted, to_frame

GOOD = b"Scholz said on Monday that Germany would send more air defence to Ukraine."


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("photo.txt", b"\x00\x01\x02binary", "binary"),
        ("rows.csv", b"a,b\n1,2\n", "no text column"),
        ("huge.txt", None, "limit"),
    ],
)
def test_one_bad_file_does_not_stop_the_batch(name, data, message, monkeypatch):
    if data is None:
        import analysis.ingest as ingest

        monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 10)
        data = b"x" * 11
    prepared = prepare_files([(name, data), ("good.txt", GOOD)])
    assert [a.source for a in prepared.articles] == (["good.txt"] if data != b"x" * 11 else [])
    assert any(message in e and name in e for e in prepared.errors)


def test_duplicates_and_already_stored_are_flagged():
    prepared = prepare_files([("a.txt", GOOD), ("b.txt", GOOD), ("c.txt", b"Another text said nothing.")])
    stored = {prepared.articles[2].id}
    frame = to_frame(prepared.articles, stored)
    assert frame["status"].tolist() == ["new", "duplicate in upload", "already stored"]
    assert frame["add"].tolist() == [True, False, False]


def test_edits_apply_and_text_never_changes():
    prepared = prepare_files([("a.txt", GOOD)])
    frame = to_frame(prepared.articles, set())
    frame.loc[0, ["title", "date", "outlet"]] = ["Air defence", "2024-06-05", "Reuters"]
    [article] = apply_edits(prepared.articles, frame)
    assert (article.title, article.date, article.outlet) == ("Air defence", "2024-06-05", "Reuters")
    assert article.text == GOOD.decode() and article.id == prepared.articles[0].id


@pytest.mark.parametrize(("text", "ok"), [("Merkel said yes.", True), ("   ", False), ("", False)])
def test_pasted_text(text, ok):
    prepared = prepare_pasted(text, title="T")
    assert bool(prepared.articles) == ok
    assert bool(prepared.errors) == (not ok)
