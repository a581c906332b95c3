"""The warehouse file (analysis/store/warehouse.py): atomic writes, leftovers, what it holds."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb

from analysis.engine import open_engine
from analysis.query import Filters
from analysis.settings import Settings
from analysis.store import list_batches, load_corpus, write_frames
from analysis.store.warehouse import (
    TEMP_PREFIX,
    current_build_id,
    search_path,
    warehouse_batches,
    warehouse_path,
    write_warehouse,
)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SETTINGS = Settings(memory_mb=128, threads=1)


def test_build_writes_the_warehouse_from_the_batches(shared_corpus_store):
    assert warehouse_batches(shared_corpus_store) == list_batches(shared_corpus_store)
    build_id = current_build_id(shared_corpus_store)
    assert os.path.isfile(search_path(shared_corpus_store, build_id))
    with duckdb.connect(warehouse_path(shared_corpus_store), read_only=True) as con:
        positions = [p for (p,) in con.execute("SELECT pos FROM quotes ORDER BY pos").fetchall()]
        tables = {t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        listed = con.execute("SELECT typeof(phrase_groups) FROM quotes LIMIT 1").fetchone()[0]
    assert positions == list(range(len(load_corpus(shared_corpus_store).quotes)))
    assert {"quotes", "quote_countries", "quote_topics", "quote_about", "agg_speaker", "agg_country", "agg_topic",
            "agg_month", "agg_cross", "phrase_groups", "meta"} <= tables
    assert {"q0", "phr", "rep", "raw_quotes"}.isdisjoint(tables)  # build steps are dropped
    assert listed == "BIGINT[]"


def test_speakers_are_stored_after_the_corpus_wide_merge(shared_corpus_store):
    corpus = load_corpus(shared_corpus_store)  # merges names at load
    with duckdb.connect(warehouse_path(shared_corpus_store), read_only=True) as con:
        stored = [s for (s,) in con.execute("SELECT speaker FROM quotes ORDER BY pos").fetchall()]
    assert stored == [None if not isinstance(s, str) else s for s in corpus.quotes["speaker"].astype(object)]


def test_a_kill_during_the_write_leaves_the_old_warehouse_usable(store_copy):
    old_id = current_build_id(store_copy)
    before = open_engine(store_copy, SETTINGS).count(Filters(versions_once=False))
    code = f"from analysis.store.warehouse import write_warehouse; write_warehouse({store_copy!r})"
    process = subprocess.Popen([sys.executable, "-c", code], cwd=REPO)
    deadline = time.monotonic() + 120
    while not any(n.startswith(TEMP_PREFIX) for n in os.listdir(store_copy)):
        assert process.poll() is None, "the write ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.3)  # well inside the write (it takes seconds)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert any(n.startswith(TEMP_PREFIX) for n in os.listdir(store_copy))  # killed mid-write
    assert current_build_id(store_copy) == old_id
    engine = open_engine(store_copy, Settings(memory_mb=96, threads=1))
    assert engine.build_id == old_id and engine.count(Filters(versions_once=False)) == before
    assert engine.count(Filters(search="minister")) > 0  # its own search index is still there
    write_warehouse(store_copy)
    left = os.listdir(store_copy)
    assert not any(n.startswith(TEMP_PREFIX) for n in left)
    assert [n for n in left if n.endswith(".search.sqlite")] == [os.path.basename(
        search_path(store_copy, current_build_id(store_copy)))]


def test_an_object_store_has_no_warehouse_yet():
    assert write_warehouse("s3://bucket/prefix") is None


def test_a_store_without_batches_gets_none(tmp_path):
    assert write_warehouse(str(tmp_path)) is None
    assert not os.path.exists(warehouse_path(str(tmp_path)))


def test_an_older_store_without_newer_columns_still_builds(shared_corpus_store, tmp_path):
    corpus = load_corpus(shared_corpus_store)
    few = corpus.articles["article_id"].tolist()[:15]
    frames = {table: frame[frame["article_id"].isin(few)] for table, frame in
              (("articles", corpus.articles), ("quotes", corpus.quotes), ("mentions", corpus.mentions),
               ("keywords", corpus.keywords), ("topic_hits", corpus.topic_hits))}
    store = str(tmp_path / "old")
    name = write_frames(store, frames)
    quotes_file = os.path.join(store, "batches", name, "quotes.parquet")
    import pyarrow.parquet as pq

    pq.write_table(pq.read_table(quotes_file).drop_columns(["about", "target_tones", "confidence"]), quotes_file)
    write_warehouse(store)
    engine = open_engine(store, SETTINGS)
    assert engine.count(Filters(versions_once=False)) == len(frames["quotes"])
    assert engine.count(Filters(countries=("RUS",), country_scope="about")) == 0
    assert engine.count(Filters(min_confidence=0.9, versions_once=False)) == len(frames["quotes"])


def test_compaction_rewrites_the_warehouse_with_the_same_answers(store_copy):
    from analysis.build import compact_store

    before = open_engine(store_copy, SETTINGS)
    answers = (before.count(Filters()), before.country_counts(Filters(topics=("war",))).values.tolist())
    assert compact_store(store_copy) > 1
    assert warehouse_batches(store_copy) == list_batches(store_copy) and len(list_batches(store_copy)) == 1
    after = open_engine(store_copy, SETTINGS)
    assert after.build_id != before.build_id
    assert (after.count(Filters()), after.country_counts(Filters(topics=("war",))).values.tolist()) == answers


def test_the_spill_folder_of_a_killed_build_is_cleared_by_the_next(store_copy):
    spill = os.path.join(store_copy, f"{TEMP_PREFIX}deadbeef0000.spill")
    os.makedirs(spill)
    with open(os.path.join(spill, "duckdb_temp_block-1.block"), "wb") as handle:
        handle.write(b"\0" * 1024)
    write_warehouse(store_copy)
    assert not any(n.startswith(TEMP_PREFIX) for n in os.listdir(store_copy))


def _tables(store: str) -> dict[str, list[tuple]]:
    """The rows of the tables read from the batches, in a fixed order."""
    with duckdb.connect(warehouse_path(store), read_only=True) as con:
        return {table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
                for table in ("quotes", "mentions", "name_mentions", "hit_topics")}


def test_reading_the_batches_group_by_group_gives_the_same_tables(store_copy, monkeypatch):
    from analysis.store import batch_reading

    assert len(list_batches(store_copy)) > 1
    write_warehouse(store_copy, append=False)  # one group: every batch in one query
    whole = _tables(store_copy)
    monkeypatch.setattr(batch_reading, "GROUP_ARTICLES", 1)  # a query per batch (read there)
    write_warehouse(store_copy, append=False)
    assert _tables(store_copy) == whole
    assert len(whole["quotes"]) == len(load_corpus(store_copy).quotes)


def test_the_warehouse_keeps_the_statements_the_app_shows(shared_corpus_store):
    every = load_corpus(shared_corpus_store, acts=None).quotes
    assert (every["act"] == "stance").any()  # real news has stances, else this says nothing
    with duckdb.connect(warehouse_path(shared_corpus_store), read_only=True) as con:
        kept = con.execute("SELECT count(*), count(*) FILTER (WHERE act = 'stance') FROM quotes").fetchone()
    assert kept == (int((every["act"] != "stance").sum()), 0)


def test_a_warehouse_of_an_older_format_is_not_current_and_is_rewritten(store_copy):
    from analysis.build import build_store

    with duckdb.connect(warehouse_path(store_copy)) as con:
        con.execute("UPDATE meta SET value = '2' WHERE key = 'format'")
    assert warehouse_batches(store_copy) is None
    build_store(store_copy, [])  # what refresh does when nothing is re-analysed
    assert warehouse_batches(store_copy) == list_batches(store_copy)
