"""The corrections log: reading (bad lines reported and skipped), undo and undo of undo, applying to a
loaded corpus (unknown statements reported, not applied), atomic appends, and corrections that
survive re-analysis (new quote ids, changed punctuation and spans, a real rebuild at a new version)."""

import json
import os

import pytest

from analysis import build
from analysis.build import build_store
from analysis.ingest import make_article
from analysis.store import StoreBusy, list_batches, load_corpus, write_frames, writer_lock
from analysis.store.corrections import (
    LOG_NAME,
    MAX_LINE,
    MAX_TEXT,
    Correction,
    Log,
    append_correction,
    applied_note,
    apply_corrections,
    in_force,
    parse_log,
    read_log,
    statement_key,
    text_hash,
)

KEY = {"article": "a1", "text": "0123456789abcdef", "start": 0, "end": 10, "excerpt": "x"}


def _line(**fields) -> str:
    record = {"id": "c-000000000001", "who": "ana", "when": "2026-12-05T23:00:00Z", "action": "hide",
              "statement": KEY}
    record.update(fields)
    return json.dumps({k: v for k, v in record.items() if v is not None})


GOOD = _line()
# (lines of a log, entries read, a word of each problem reported)
LOG_CASES = [
    ([GOOD], 1, []),
    ([GOOD, "", "   "], 1, []),
    ([GOOD, '{"id": "c-000000000002", "who": "a'], 1, ["line 2: not JSON"]),  # a half line
    (["[1, 2]", GOOD], 1, ["line 1: not a JSON object"]),
    ([_line(action="delete")], 0, ["unknown action"]),
    ([GOOD, GOOD], 1, ["line 2: id c-000000000001 used before"]),
    ([_line(id="42")], 0, ["no valid id"]),
    ([_line(when="yesterday")], 0, ["not ISO 8601"]),
    ([_line(statement={**KEY, "text": "nothex"})], 0, ["no text hash"]),
    ([_line(statement={**KEY, "start": -1})], 0, ["no character span"]),
    ([_line(statement=None)], 0, ["statement must be an object"]),
    ([_line(action="speaker", old="A", new="B" * (MAX_TEXT + 1))], 0, ["longer than"]),
    ([_line(action="countries", old=[], new=["<script>"])], 0, ["is not a code"]),
    ([_line(action="topics", old=[], new="war")], 0, ["must be a list of codes"]),
    ([_line(who="x" * (MAX_LINE + 10))], 0, ["longer than 4,000 characters"]),
    ([_line(id="c-000000000002", action="undo", statement=None, target="c-000000000009")], 0,
     ["not an earlier entry"]),
    ([GOOD, _line(id="c-000000000002", action="undo", statement=None, target="c-000000000001")], 2, []),
    ([_line(action="speaker", old="Putin", new=None)], 1, []),  # no named speaker is a value
]


@pytest.mark.parametrize(("lines", "entries", "problems"), LOG_CASES)
def test_a_broken_line_is_reported_and_skipped_never_a_crash(lines, entries, problems):
    log = parse_log("\n".join(lines).encode("utf-8"))
    assert len(log.entries) == entries
    assert len(log.problems) == len(problems)
    for message, word in zip(log.problems, problems, strict=True):
        assert word in message and message.startswith(LOG_NAME)


def test_bytes_that_are_not_utf8_are_a_reported_line():
    log = parse_log(GOOD.encode() + b"\n\xff\xfe{\n")
    assert len(log.entries) == 1 and "line 2" in log.problems[0]


def _entry(number: int, action: str = "hide", target: int | None = None) -> Correction:
    return Correction(f"c-{number:012x}", "ana", "2026-12-05T23:00:00Z", action,
                      None if action == "undo" else KEY, target=None if target is None else f"c-{target:012x}")


# (entries as (number, action, target), ids in force)
FORCE_CASES = [
    ([(1, "hide", None)], {1}),
    ([(1, "hide", None), (2, "undo", 1)], {2}),
    ([(1, "hide", None), (2, "undo", 1), (3, "undo", 2)], {1, 3}),  # undo of undo puts it back
    ([(1, "hide", None), (2, "undo", 1), (3, "undo", 2), (4, "undo", 3)], {2, 4}),
    ([(1, "hide", None), (2, "hide", None), (3, "undo", 2)], {1, 3}),
]


@pytest.mark.parametrize(("entries", "expected"), FORCE_CASES)
def test_undo_and_undo_of_undo(entries, expected):
    force = in_force([_entry(*e) for e in entries])
    assert {int(i[2:], 16) for i, on in force.items() if on} == expected


@pytest.mark.parametrize(("a", "b", "same"), [
    ("We will not give up.", "we will not give up", True),
    ("“We will not  give up,” ", "We will not give up", True),
    ("We will not give up.", "We will give up.", False),
    ("", " ", True),
])
def test_the_text_key_ignores_case_spacing_and_punctuation(a, b, same):
    assert (text_hash(a) == text_hash(b)) is same


def _key(row) -> dict:
    return statement_key(row["article_id"], row["text"], row["start"], row["end"])


def _append_all(store, corpus, actions):
    """Append (action, row position, new value) corrections; returns the entries."""
    entries = []
    for action, position, new in actions:
        row = corpus.quotes.iloc[position]
        old = None if action == "hide" else row[action]
        old = list(old) if isinstance(old, tuple) else old
        entries.append(append_correction(store, "ana", action, _key(row), old=old, new=new))
    return entries


def test_hide_fix_speaker_countries_and_topics(fresh_store):
    corpus = load_corpus(fresh_store)
    rows = corpus.quotes
    hidden_id, fixed_id = rows["quote_id"].iloc[0], rows["quote_id"].iloc[1]
    _append_all(fresh_store, corpus, [("hide", 0, None), ("speaker", 1, "Jane Analyst"),
                                      ("countries", 1, ["FRA"]), ("topics", 1, ["war", "diplomacy"])])
    corrected, report = apply_corrections(corpus, read_log(fresh_store))
    assert report.applied == 4 and report.hidden == 1 and not report.unmatched
    assert applied_note(report) == "4 corrections applied"
    assert len(corrected.quotes) == len(rows) - 1 and hidden_id not in set(corrected.quotes["quote_id"])
    fixed = corrected.quotes.set_index("quote_id").loc[fixed_id]
    assert fixed["speaker"] == "Jane Analyst"
    assert fixed["countries"] == ("FRA",) and fixed["topics"] == ("war", "diplomacy")
    assert set(fixed["about"]) <= {"FRA"}
    assert set(corrected.quote_countries.loc[corrected.quote_countries["quote_id"] == fixed_id, "iso3"]) == {"FRA"}
    assert hidden_id not in set(corrected.quote_topics["quote_id"])
    # rows of the long tables point at the statements' new positions
    positions = corrected.quotes["quote_id"].to_numpy()[corrected.quote_countries["row"].to_numpy()]
    assert (positions == corrected.quote_countries["quote_id"].to_numpy()).all()
    # the corpus given is not changed
    assert len(corpus.quotes) == len(rows) and corpus.quotes["speaker"].iloc[1] != "Jane Analyst"


def test_later_corrections_win_and_undo_takes_one_back(fresh_store):
    corpus = load_corpus(fresh_store)
    first, second = _append_all(fresh_store, corpus, [("speaker", 2, "First Name"), ("speaker", 2, "Second Name")])
    quote_id = corpus.quotes["quote_id"].iloc[2]

    def speaker():
        corrected, _ = apply_corrections(corpus, read_log(fresh_store))
        return corrected.quotes.set_index("quote_id").loc[quote_id, "speaker"]

    assert speaker() == "Second Name"
    undo = append_correction(fresh_store, "ana", "undo", target=second.id)
    assert speaker() == "First Name"
    append_correction(fresh_store, "ana", "undo", target=undo.id)
    assert speaker() == "Second Name"
    with pytest.raises(ValueError, match="undone already"):
        append_correction(fresh_store, "ana", "undo", target=undo.id)
    with pytest.raises(ValueError, match="no entry"):
        append_correction(fresh_store, "ana", "undo", target="c-ffffffffffff")
    assert read_log(fresh_store).entries[0].id == first.id  # nothing deleted


def test_categorical_corpus_stays_categorical(fresh_store):
    corpus = load_corpus(fresh_store, categorical=True)
    _append_all(fresh_store, corpus, [("speaker", 0, "Brand New Speaker"), ("countries", 0, ["FRA"])])
    corrected, report = apply_corrections(corpus, read_log(fresh_store))
    assert report.applied == 2
    assert corrected.quotes["speaker"].dtype == "category"
    assert corrected.quotes["speaker"].iloc[0] == "Brand New Speaker"
    assert corrected.quote_countries["iso3"].dtype == "category"


@pytest.mark.parametrize("statement", [
    {"article": "no-such-article", "text": "0123456789abcdef", "start": 0, "end": 5},
    "same article, other text and span",
])
def test_an_unknown_statement_is_reported_not_applied(fresh_store, statement):
    corpus = load_corpus(fresh_store)
    if isinstance(statement, str):
        statement = {"article": corpus.quotes["article_id"].iloc[0], "text": text_hash("never said this"),
                     "start": 999_999, "end": 1_000_000}
    entry = append_correction(fresh_store, "ana", "hide", statement)
    corrected, report = apply_corrections(corpus, read_log(fresh_store))
    assert report.applied == 0 and report.unmatched == (entry,) and report.status[entry.id] == "not found"
    assert len(corrected.quotes) == len(corpus.quotes)
    assert "not applied" in applied_note(report)


def test_no_log_changes_nothing(fresh_store):
    corpus = load_corpus(fresh_store)
    assert read_log(fresh_store) == Log()
    corrected, report = apply_corrections(corpus, read_log(fresh_store))
    assert corrected is corpus and report.applied == 0 and applied_note(report) == ""


@pytest.mark.parametrize(("action", "new", "message"), [
    ("rename", None, "unknown action"),
    ("speaker", "x" * (MAX_TEXT + 1), "longer than"),
    ("countries", ["FRA", "not a code"], "is not a code"),
    ("topics", [f"t{i}" for i in range(50)], "at most"),
])
def test_a_bad_correction_is_refused_with_a_message(fresh_store, action, new, message):
    with pytest.raises(ValueError, match=message):
        append_correction(fresh_store, "ana", action, KEY, old=None, new=new)
    assert not os.path.exists(os.path.join(fresh_store, LOG_NAME))


def test_appending_is_atomic_and_holds_the_writer_lock(fresh_store):
    corpus = load_corpus(fresh_store)
    path = os.path.join(fresh_store, LOG_NAME)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(GOOD)  # edited by hand: no final newline
    _append_all(fresh_store, corpus, [("hide", 0, None)])
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    assert lines[-1] == "" and len(lines) == 3 and all(json.loads(line) for line in lines[:2])
    assert not [name for name in os.listdir(fresh_store) if name.endswith(".tmp")]
    with writer_lock(fresh_store), pytest.raises(StoreBusy):
        _append_all(fresh_store, corpus, [("hide", 1, None)])
    assert len(read_log(fresh_store).entries) == 2


def test_corrections_survive_changed_records(fresh_store):
    """A newer batch of the same article (as a new analysis version writes it): statements numbered
    differently, one statement's punctuation and span changed, another's text changed but not its span."""
    corpus = load_corpus(fresh_store)
    _append_all(fresh_store, corpus, [("speaker", 0, "Fixed Speaker"), ("hide", 1, None), ("topics", 2, ["war"])])
    texts = corpus.quotes["text"].iloc[:3].tolist()
    quotes = corpus.quotes.iloc[::-1].reset_index(drop=True)  # renumbered: the quote ids move
    quotes["quote_id"] = [f"{a}:{i}" for i, a in enumerate(quotes["article_id"])]
    last = len(quotes) - 1
    quotes.loc[last, "text"] = "“" + texts[0].rstrip(".") + ",”"  # statement 0: new marks and span
    quotes.loc[last, "start"] += 1
    quotes.loc[last - 1, "text"] = texts[1] + " and more"  # statement 1: longer text, same span
    write_frames(fresh_store, {"articles": corpus.articles, "quotes": quotes, "mentions": corpus.mentions,
                               "keywords": corpus.keywords, "topic_hits": corpus.topic_hits})
    reloaded = load_corpus(fresh_store)
    first_id = corpus.quotes["quote_id"].iloc[0]
    assert reloaded.quotes.set_index("quote_id").loc[first_id, "text"] != texts[0]  # the id names another one
    corrected, report = apply_corrections(reloaded, read_log(fresh_store))
    assert report.applied == 3 and report.hidden == 1
    by_text = corrected.quotes.set_index("text")
    assert by_text.loc["“" + texts[0].rstrip(".") + ",”", "speaker"] == "Fixed Speaker"
    assert texts[1] + " and more" not in by_text.index
    assert by_text.loc[texts[2], "topics"] == ("war",)


ARTICLES = [make_article("Minister Schmidt said on Monday that talks with France would resume next week. "
                         "\"We are ready to talk,\" said Rossi, the Italian envoy.", "Talks")]


def test_corrections_survive_a_rebuild_at_a_new_analysis_version(tmp_path, monkeypatch):
    store = str(tmp_path / "store")
    build_store(store, ARTICLES)
    corpus = load_corpus(store)
    assert len(corpus.quotes) >= 2
    _append_all(store, corpus, [("speaker", 0, "Corrected Name"), ("hide", 1, None)])
    monkeypatch.setattr(build, "current_version", lambda *args: "99.0.0-next")
    assert build_store(store, []).analysed == 1  # the stored article re-analysed at the new version
    rebuilt = load_corpus(store)
    assert len(list_batches(store)) == 2  # the article as analysed again is the one loaded
    corrected, report = apply_corrections(rebuilt, read_log(store))
    assert report.applied == 2 and len(corrected.quotes) == len(rebuilt.quotes) - 1
    assert corrected.quotes["speaker"].iloc[0] == "Corrected Name"


def test_the_log_on_an_object_store(tmp_path):
    """A store on S3 (a local moto server): the log is one object, replaced whole on each append."""
    pytest.importorskip("s3fs")
    from analysis.store.corrections import log_token
    from tests.object_store import s3_server

    with s3_server("corrections"):
        url = "s3://corrections/store"
        build_store(url, ARTICLES)
        corpus = load_corpus(url)
        assert log_token(url) is None and read_log(url) == Log()
        first = _append_all(url, corpus, [("hide", 0, None)])[0]
        token = log_token(url)
        append_correction(url, "ana", "undo", target=first.id)
        assert log_token(url) not in (None, token)
        log = read_log(url)
        assert [e.action for e in log.entries] == ["hide", "undo"] and not log.problems
        corrected, report = apply_corrections(corpus, log)
        assert report.applied == 0 and len(corrected.quotes) == len(corpus.quotes)
