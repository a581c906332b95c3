"""``python -m analysis export``: the statements of a store as the app shows them, for outside tools.

Stores here are written from hand-made records (no pipeline), so each case says exactly what
is stored; the seed store checks a real analysis end to end.
"""

import csv
import io
import json
import os

import pytest

from analysis import export
from analysis.__main__ import EXPORT_FORMATS, main
from analysis.records import Article, ArticleAnalysis, EntityMention, Quote, target_tones_text
from analysis.settings import load_settings
from analysis.store import load_corpus, write_batch

TEXT_A = 'Vladimir Putin said: "We will talk." Berlin was silent.'
TEXT_B = 'Putin said: "=HYPERLINK(1)". An aide said: "-5 is enough."'


def _analysis(aid, text, quotes, source, people=()):
    mentions = tuple(EntityMention("person", name, name, text.index(name), text.index(name) + len(name), name)
                     for name in people)
    return ArticleAnalysis(article=Article(id=aid, text=text, source=source, title=f"Title {aid}"),
                           quotes=tuple(quotes), mentions=mentions)


def _quote(text, content, speaker, mention=None, kind="direct"):
    start = text.index(content)
    speaker_start = text.index(mention) if mention else None
    return Quote(kind=kind, start=start, end=start + len(content), text=content, speaker=speaker,
                 speaker_start=speaker_start, speaker_end=speaker_start + len(mention) if mention else None,
                 countries=("RUS",) if speaker else (), topics=("diplomacy", "war") if speaker else (),
                 tone=-0.25, target_tones=(("country", "RUS", "negative"), ("person", speaker, "neutral"))
                 if speaker else ())


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """Two articles: A names "Vladimir Putin", B only "Putin" (merged across the corpus at load);
    B's statements start with characters a spreadsheet runs as formulas; one has no speaker."""
    path = str(tmp_path_factory.mktemp("export") / "store")
    write_batch(path, [
        _analysis("a", TEXT_A, [_quote(TEXT_A, "We will talk.", "Vladimir Putin", "Vladimir Putin")],
                  "folder/a.txt", people=("Vladimir Putin",)),
        _analysis("b", TEXT_B, [_quote(TEXT_B, "=HYPERLINK(1)", "Putin", "Putin"),
                                _quote(TEXT_B, "-5 is enough.", None, "An aide")],
                  "folder/b.txt", people=("Putin",)),
    ])
    return path


def run(*argv):
    """Run the command line in process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            status = main(list(argv), settings=load_settings({}))
        except SystemExit as stop:
            status = stop.code
    return status, out.getvalue(), err.getvalue()


def rows_of(fmt, text):
    """Parsed output of one format."""
    if fmt == "csv":
        return list(csv.DictReader(io.StringIO(text)))
    return [json.loads(line) for line in text.splitlines()]


def test_the_formats_of_the_parser_are_the_modules():
    assert EXPORT_FORMATS == export.FORMATS


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "articles"])
def test_every_statement_once_with_article_id_source_and_all_quote_fields(store, fmt):
    status, out, err = run("export", "--store", store, "--format", fmt)
    assert status == 0, err
    assert err.strip() == f"{store}: 3 statements of 2 articles"
    rows = rows_of(fmt, out)
    if fmt == "articles":
        assert {r["source"] for r in rows} == {"folder/a.txt", "folder/b.txt"}
        for record in rows:
            for quote in record["quotes"]:
                assert record["text"][quote["start"]:quote["end"]] == quote["text"]
                assert set(quote) == set(export.QUOTE_FIELDS)
        rows = [{"article_id": r["article_id"], **q} for r in rows for q in r["quotes"]]
    else:
        assert all(list(r) == list(export.ROW_FIELDS) for r in rows)
        assert {r["source"] for r in rows} == {"folder/a.txt", "folder/b.txt"}
    assert sorted(r["quote_id"] for r in rows) == ["a:0", "b:0", "b:1"]


@pytest.mark.parametrize(("fmt", "speakers"), [
    # after the corpus-wide merge "Putin" of article b is "Vladimir Putin", as in the app
    ("jsonl", {"a:0": "Vladimir Putin", "b:0": "Vladimir Putin", "b:1": None}),
    ("csv", {"a:0": "Vladimir Putin", "b:0": "Vladimir Putin", "b:1": ""}),
    ("articles", {"a:0": "Vladimir Putin", "b:0": "Vladimir Putin", "b:1": None}),
])
def test_speakers_are_the_apps_after_the_corpus_wide_merge(store, fmt, speakers):
    _, out, _ = run("export", "--store", store, "--format", fmt)
    rows = rows_of(fmt, out)
    if fmt == "articles":
        rows = [q for r in rows for q in r["quotes"]]
    assert {r["quote_id"]: r["speaker"] for r in rows} == speakers
    app = load_corpus(store).quotes
    assert {q: export.plain(s) for q, s in zip(app["quote_id"], app["speaker"], strict=True)} == {
        k: v or None for k, v in speakers.items()}


@pytest.mark.parametrize(("column", "quote_id", "expected"), [
    ("text", "b:0", "'=HYPERLINK(1)"),  # a formula
    ("text", "b:1", "'-5 is enough."),  # a leading minus
    ("text", "a:0", "We will talk."),  # plain text untouched
    ("tone", "a:0", "-0.25"),  # a number stays a number
    ("start", "a:0", "22"),
    ("speaker_start", "b:1", "29"),  # nullable integers are integers, not 29.0
    ("speaker_end", "b:1", "36"),
    ("cue_start", "a:0", ""),  # missing is empty
    ("countries", "a:0", "RUS"),
    ("topics", "a:0", "diplomacy;war"),
    ("target_tones", "a:0", "country:RUS:negative;person:Vladimir Putin:neutral"),  # stored key, not merged
    ("target_tones", "b:0", "country:RUS:negative;person:Putin:neutral"),
    ("target_tones", "b:1", ""),  # no target
])
def test_csv_cells(store, column, quote_id, expected):
    _, out, _ = run("export", "--store", store, "--format", "csv")
    rows = {r["quote_id"]: r for r in rows_of("csv", out)}
    assert rows[quote_id][column] == expected


@pytest.mark.parametrize("fmt", ["jsonl", "articles"])
def test_target_tones_are_lists_of_kind_key_polarity_in_json(store, fmt):
    _, out, _ = run("export", "--store", store, "--format", fmt)
    rows = rows_of(fmt, out)
    if fmt == "articles":
        rows = [q for r in rows for q in r["quotes"]]
    tones = {r["quote_id"]: r["target_tones"] for r in rows}
    assert tones == {"a:0": [["country", "RUS", "negative"], ["person", "Vladimir Putin", "neutral"]],
                     "b:0": [["country", "RUS", "negative"], ["person", "Putin", "neutral"]], "b:1": []}


@pytest.mark.parametrize(("tones", "expected"), [
    ((), ""), (None, ""), (float("nan"), ""),
    ((("country", "RUS", "negative"),), "country:RUS:negative"),
    ([["country", "UKR", "positive"], ["person", "Olaf Scholz", "neutral"]],
     "country:UKR:positive;person:Olaf Scholz:neutral"),
])
def test_target_tones_text(tones, expected):
    assert target_tones_text(tones) == expected


@pytest.mark.parametrize(("cell", "expected"), [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("a=b", "a=b"), ("", ""), (-0.5, -0.5), (3, 3),
])
def test_neutralise(cell, expected):
    assert export.neutralise(cell) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (None, ""), (["RUS", "UKR"], "RUS;UKR"), ([], ""), ([[1, 5], [9, 12]], "[[1, 5], [9, 12]]"),
    (["=x"], "'=x"), (0.5, 0.5),
])
def test_csv_cell(value, expected):
    assert export.csv_cell(value) == expected


@pytest.mark.parametrize(("fmt", "expected"), [
    ("jsonl", ""), ("csv", ",".join(export.ROW_FIELDS) + "\n"), ("articles", ""),
])
def test_an_empty_store_exports_nothing_and_succeeds(tmp_path, fmt, expected):
    status, out, err = run("export", "--store", str(tmp_path), "--format", fmt)
    assert (status, out) == (0, expected)
    assert err.strip() == f"{tmp_path}: 0 statements of 0 articles"


def test_out_writes_the_file_and_nothing_else(store, tmp_path):
    target = tmp_path / "statements.csv"
    status, out, _ = run("export", "--store", store, "--format", "csv", "--out", str(target))
    assert (status, out) == (0, "")
    assert len(rows_of("csv", target.read_text(encoding="utf-8"))) == 3
    assert os.listdir(tmp_path) == ["statements.csv"]


@pytest.mark.parametrize(("argv", "message"), [
    (["export", "--store", "{missing}"], "error: no store at {missing}"),
    (["export", "--store", "{store}", "--format", "xml"], "invalid choice: 'xml'"),
    (["export", "--store", "{store}", "--out", "{missing}/x.csv"], "error: cannot write {missing}/x.csv"),
    (["export", "--store"], "argument --store: expected one argument"),
    (["export", "--store", "{store}", "--bogus"], "unrecognized arguments: --bogus"),
    (["exports"], "invalid choice: 'exports'"),
])
def test_bad_arguments_give_one_line_and_status_1(store, tmp_path, argv, message):
    values = {"store": store, "missing": str(tmp_path / "missing")}
    status, out, err = run(*[a.format(**values) for a in argv])
    assert status == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1, err
    assert message.format(**values) in err


def test_the_seed_store_exports_what_the_app_loads(seed_store):
    status, out, _ = run("export", "--store", seed_store, "--format", "articles")
    assert status == 0
    (record,) = rows_of("articles", out)
    corpus = load_corpus(seed_store)
    assert len(record["quotes"]) == len(corpus.quotes) >= 14
    assert record["source"].endswith("putin-spief-2024.txt")
    for quote in record["quotes"]:
        assert record["text"][quote["start"]:quote["end"]] == quote["text"]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_the_export_applies_the_corrections_and_says_how_many(store, tmp_path, fmt):
    import shutil

    from analysis.store.corrections import append_correction, statement_key

    copy = str(tmp_path / "corrected")
    shutil.copytree(store, copy)
    quotes = load_corpus(copy).quotes.set_index("text")
    for text, action, new in [("-5 is enough.", "hide", None), ("We will talk.", "speaker", "Someone Else"),
                              ("=HYPERLINK(1)", "countries", ["DEU"])]:
        row = quotes.loc[text]
        append_correction(copy, "ana", action, statement_key(row["article_id"], text, row["start"], row["end"]),
                          old=None, new=new)
    status, out, err = run("export", "--store", copy, "--format", fmt)
    assert status == 0, err
    assert err.strip() == f"{copy}: 2 statements of 2 articles; 3 corrections applied"
    rows = {row["text"].lstrip("'"): row for row in rows_of(fmt, out)}
    assert set(rows) == {"We will talk.", "=HYPERLINK(1)"}
    assert rows["We will talk."]["speaker"] == "Someone Else"
    assert rows["=HYPERLINK(1)"]["countries"] in (["DEU"], "DEU")


TEXT_C = "Parliament passed a new law. The speaker said that the law was fair."


@pytest.fixture(scope="module")
def acts_store(tmp_path_factory):
    """One article with a stance ("passed a new law") and a statement of speech."""
    path = str(tmp_path_factory.mktemp("export_acts") / "store")
    stance = Quote(kind="indirect", start=TEXT_C.index("a new law"), end=TEXT_C.index(". The"),
                   text="a new law", speaker="Parliament", act="stance")
    speech = _quote(TEXT_C, "that the law was fair", None, "The speaker", kind="indirect")
    write_batch(path, [_analysis("c", TEXT_C, [stance, speech], "folder/c.txt")])
    return path


@pytest.mark.parametrize(("argv", "texts"), [
    # The who-said-what view: statements that report words, by default.
    ([], ["that the law was fair"]),
    (["--acts", "speech"], ["that the law was fair"]),
    (["--acts", "stance"], ["a new law"]),
    (["--acts", "speech,stance"], ["a new law", "that the law was fair"]),
    (["--acts", " Stance , speech "], ["a new law", "that the law was fair"]),
])
def test_acts_choose_speech_or_stance(acts_store, argv, texts):
    status, out, err = run("export", "--store", acts_store, *argv)
    assert status == 0, err
    rows = rows_of("jsonl", out)
    assert sorted(r["text"] for r in rows) == texts
    assert {r["act"] for r in rows} <= {"speech", "stance"}


@pytest.mark.parametrize("acts", ["bogus", "", ",", "speech,opinion"])
def test_unknown_acts_give_one_line_and_status_1(acts_store, acts):
    status, out, err = run("export", "--store", acts_store, "--acts", acts)
    assert (status, out) == (1, "")
    assert len(err.strip().splitlines()) == 1 and "unknown act" in err


def test_statements_of_a_store_without_acts_are_speech(acts_store, tmp_path):
    import glob
    import shutil

    import pyarrow.parquet as pq

    old = str(tmp_path / "old")
    shutil.copytree(acts_store, old)
    for path in glob.glob(os.path.join(old, "batches", "*", "quotes.parquet")):
        table = pq.read_table(path)
        pq.write_table(table.drop_columns(["act"]), path)  # a store written before the field
    status, out, err = run("export", "--store", old)
    assert status == 0, err
    rows = rows_of("jsonl", out)
    assert sorted(r["text"] for r in rows) == ["a new law", "that the law was fair"]
    assert {r["act"] for r in rows} == {None}
    status, out, _ = run("export", "--store", old, "--acts", "stance")
    assert (status, rows_of("jsonl", out)) == (0, [])
