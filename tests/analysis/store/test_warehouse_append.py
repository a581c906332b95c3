"""Appending new batches to the warehouse (analysis/store/warehouse.py): the same tables as a whole
rewrite, atomic under a kill, and a whole rewrite whenever appending would be wrong.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from analysis.engine import open_engine
from analysis.query import Filters
from analysis.settings import Settings
from analysis.store import list_batches
from analysis.store.fs import BATCHES
from analysis.store.warehouse import (
    TEMP_PREFIX,
    WAREHOUSE,
    appendable,
    current_build_id,
    warehouse_batches,
    warehouse_path,
    write_warehouse,
)

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
SETTINGS = Settings(memory_mb=128, threads=1)


def _held_back(shared_corpus_store, folder, keep: int) -> tuple[str, list[str]]:
    """A copy of the store with only its first ``keep`` batches and their warehouse; the others
    are moved beside it (returned, to be put back as new batches).
    """
    store = str(folder / "store")
    shutil.copytree(shared_corpus_store, store)
    for name in os.listdir(store):
        if name.startswith("warehouse"):
            os.remove(os.path.join(store, name))
    later = list_batches(store)[keep:]
    for name in later:
        shutil.move(os.path.join(store, BATCHES, name), str(folder / name))
    write_warehouse(store, slice_min=40)
    return store, later


def _put_back(store: str, folder, names: list[str]) -> None:
    for name in names:
        shutil.move(str(folder / name), os.path.join(store, BATCHES, name))


def _tables(path: str) -> dict[str, list[tuple]]:
    """Every table of a warehouse but ``meta``, as sorted rows (lists as tuples, floats rounded)."""

    def plain(value):
        if isinstance(value, float):
            return round(value, 9)
        if isinstance(value, list):
            return tuple(plain(v) for v in value)
        return value

    with duckdb.connect(path, read_only=True) as con:
        names = [t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()]
        return {t: sorted((tuple(plain(v) for v in row) for row in con.execute(f'SELECT * FROM "{t}"').fetchall()),
                          key=repr) for t in names if t != "meta"}


@pytest.fixture(scope="module")
def appended(shared_corpus_store, tmp_path_factory) -> tuple[str, str]:
    """(a store whose warehouse was appended to with its last batch, one rewritten whole)."""
    folder = tmp_path_factory.mktemp("append")
    store, later = _held_back(shared_corpus_store, folder, keep=2)
    assert later
    _put_back(store, folder, later)
    assert appendable(store, list_batches(store), versions=True) == 2
    write_warehouse(store, slice_min=40)
    whole = str(tmp_path_factory.mktemp("whole") / "store")
    shutil.copytree(store, whole)
    write_warehouse(whole, slice_min=40, append=False)
    return store, whole


def test_an_append_is_recorded_as_one(appended):
    store, whole = appended
    with duckdb.connect(warehouse_path(store), read_only=True) as con:
        assert json.loads(con.execute("SELECT value FROM meta WHERE key = 'appended'").fetchone()[0]) is True
    with duckdb.connect(warehouse_path(whole), read_only=True) as con:
        assert json.loads(con.execute("SELECT value FROM meta WHERE key = 'appended'").fetchone()[0]) is False
    assert warehouse_batches(store) == list_batches(store)


def test_an_append_holds_the_tables_of_a_whole_rewrite(appended):
    store, whole = appended
    got, expected = _tables(warehouse_path(store)), _tables(warehouse_path(whole))
    assert set(got) == set(expected)
    for table in expected:
        assert got[table] == expected[table], table


@pytest.mark.parametrize("search", ["minister", '"prime minister"', "title:ukraine", "zzzzqqqq"])
def test_an_append_searches_as_a_whole_rewrite(appended, search):
    store, whole = appended
    filters = Filters(search=search, versions_once=False)
    assert open_engine(store, SETTINGS).count(filters) == open_engine(whole, SETTINGS).count(filters)


@pytest.mark.parametrize("search", ["minister", '"prime minister"', "title:ukraine", "minist* -trump", "zzzzqqqq"])
def test_an_append_searches_the_articles_as_a_whole_rewrite(appended, search):
    store, whole = appended
    got = open_engine(store, SETTINGS).article_search().search(search, limit=300)
    assert got == open_engine(whole, SETTINGS).article_search().search(search, limit=300)
    assert (got[0] > 0) == (search != "zzzzqqqq")


def test_a_kill_during_an_append_leaves_the_old_warehouse_usable(shared_corpus_store, tmp_path):
    store, later = _held_back(shared_corpus_store, tmp_path, keep=1)
    old_id = current_build_id(store)
    before = open_engine(store, SETTINGS).count(Filters(versions_once=False))
    _put_back(store, tmp_path, later)
    code = f"from analysis.store.warehouse import write_warehouse; write_warehouse({store!r}, slice_min=40)"
    process = subprocess.Popen([sys.executable, "-c", code], cwd=REPO)
    deadline = time.monotonic() + 120
    while not any(n.startswith(TEMP_PREFIX) for n in os.listdir(store)):
        assert process.poll() is None, "the append ended before it could be killed"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    time.sleep(0.3)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert any(n.startswith(TEMP_PREFIX) for n in os.listdir(store))  # killed mid-append
    assert current_build_id(store) == old_id
    engine = open_engine(store, SETTINGS)
    assert engine.build_id == old_id and engine.count(Filters(versions_once=False)) == before
    assert engine.count(Filters(search="minister", versions_once=False)) > 0
    write_warehouse(store, slice_min=40)  # the next write appends and clears the leftovers
    assert not any(n.startswith(TEMP_PREFIX) for n in os.listdir(store))
    assert open_engine(store, SETTINGS).count(Filters(versions_once=False)) > before


def _replaced_article(store: str) -> None:
    """A new batch that stores an article of the first batch again (as a re-analysis does)."""
    first = list_batches(store)[0]
    again = os.path.join(store, BATCHES, "zzzz-again")
    shutil.copytree(os.path.join(store, BATCHES, first), again)


def _compacted(store: str) -> None:
    """The first batch removed (as compaction or repair removes batches)."""
    shutil.rmtree(os.path.join(store, BATCHES, list_batches(store)[0]))


def _nothing_new(store: str) -> None:
    """No change."""


@pytest.mark.parametrize(("change", "versions"), [
    (_replaced_article, True),
    (_compacted, True),
    (_nothing_new, True),
    (None, False),  # another versions setting than the warehouse's
])
def test_what_cannot_be_appended_is_rewritten_whole(shared_corpus_store, tmp_path, change, versions):
    store, later = _held_back(shared_corpus_store, tmp_path, keep=2)
    if change is None:
        _put_back(store, tmp_path, later)
    else:
        change(store)
    assert appendable(store, list_batches(store), versions=versions) == 0
    write_warehouse(store, versions=versions, slice_min=40)
    with duckdb.connect(warehouse_path(store), read_only=True) as con:
        assert json.loads(con.execute("SELECT value FROM meta WHERE key = 'appended'").fetchone()[0]) is False
    assert warehouse_batches(store) == list_batches(store)


def test_a_warehouse_of_an_older_format_is_rewritten_whole(shared_corpus_store, tmp_path):
    store, later = _held_back(shared_corpus_store, tmp_path, keep=2)
    with duckdb.connect(os.path.join(store, WAREHOUSE)) as con:
        con.execute("DELETE FROM meta WHERE key = 'format'")
    _put_back(store, tmp_path, later)
    assert appendable(store, list_batches(store), versions=True) == 0


def test_appending_to_a_warehouse_without_statements(shared_corpus_store, tmp_path):
    from analysis.store import load_corpus, write_frames

    corpus = load_corpus(shared_corpus_store)
    tables = ("articles", "quotes", "mentions", "keywords", "topic_hits")
    ids = corpus.articles["article_id"].tolist()
    store = str(tmp_path / "store")

    def frames(chosen: list[str], statements: bool) -> dict:
        picked = {t: getattr(corpus, t)[getattr(corpus, t)["article_id"].isin(chosen)] for t in tables}
        if not statements:
            picked["quotes"] = picked["quotes"].iloc[0:0]
        return picked

    write_frames(store, frames(ids[:2], statements=False))
    write_warehouse(store, versions=False)
    assert open_engine(store, SETTINGS).count(Filters(versions_once=False)) == 0
    write_frames(store, frames(ids[2:12], statements=True))
    assert appendable(store, list_batches(store), versions=False) == 1
    write_warehouse(store, versions=False)
    expected = int(corpus.quotes["article_id"].isin(ids[2:12]).sum())
    engine = open_engine(store, SETTINGS)
    assert expected > 0 and engine.count(Filters(versions_once=False)) == expected
    assert engine.count(Filters(search="the", versions_once=False)) > 0
