"""Stores on an object store (``s3://``), against a local S3-compatible server the test starts
(moto's server mode, no network): build, load, export, compaction, repair, the lock object, and
a writer killed between a batch's data files and its marker."""

import json
import os
import subprocess
import sys
import threading
import time

import pandas as pd
import pytest

from analysis.__main__ import main
from analysis.build import build_store, compact_store, repair_store
from analysis.ingest import make_article
from analysis.store import (
    StoreBusy,
    article_texts,
    list_batches,
    load_corpus,
    store_exists,
    store_problems,
    writer_lock,
)
from analysis.store.batches import leftovers
from analysis.store.fs import remote
from tests.object_store import s3_server

s3fs = pytest.importorskip("s3fs")

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
BUCKET = "newsroom"
ARTICLES = [make_article(f"Minister {name} said on Monday that talks with {country} would resume.", name)
            for name, country in [("Schmidt", "France"), ("Rossi", "Germany"), ("Novak", "Poland")]]


@pytest.fixture(scope="module")
def s3_env():
    """A local S3 server (moto) with the AWS variables pointing at it and one bucket."""
    with s3_server(BUCKET) as env:
        yield env


@pytest.fixture()
def url(s3_env, request):
    """A fresh store prefix in the bucket for one test."""
    return f"s3://{BUCKET}/{request.node.name}/store"


def _tables(corpus):
    return {name: getattr(corpus, name) for name in ("articles", "quotes", "mentions", "keywords", "topic_hits",
                                                      "quote_countries", "quote_topics")}


def test_a_store_on_s3_loads_exports_and_compacts_like_a_local_one(url, tmp_path):
    local = str(tmp_path / "local")
    build_store(local, ARTICLES, batch_size=1)
    assert not store_exists(url)
    report = build_store(url, ARTICLES, batch_size=1)
    assert (report.analysed, report.batches) == (3, 3) and store_exists(url)
    assert list_batches(url) == sorted(list_batches(url)) and len(list_batches(url)) == 3
    for name, frame in _tables(load_corpus(url)).items():
        pd.testing.assert_frame_equal(frame, _tables(load_corpus(local))[name], obj=name)
    app = load_corpus(url, mention_kinds=("country", "region"), texts=False, sentence_topics=False,
                      article_keywords=False, categorical=True)  # as the app loads it
    assert "text" not in app.articles and len(app.quotes) == 3
    assert article_texts(url, [ARTICLES[1].id]) == {ARTICLES[1].id: ARTICLES[1].text}
    assert build_store(url, ARTICLES).analysed == 0  # nothing new: nothing written

    exports = {}
    for name, store in (("s3", url), ("local", local)):
        out = tmp_path / f"{name}.jsonl"
        assert main(["export", "--store", store, "--out", str(out)]) == 0
        exports[name] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(exports["s3"]) == 3 and exports["s3"] == exports["local"]

    assert compact_store(url) == 3 and len(list_batches(url)) == 1
    assert sorted(load_corpus(url).articles["article_id"]) == sorted(a.id for a in ARTICLES)
    assert leftovers(url) == []  # the old batches' files are gone, not only their markers
    filesystem, root = remote(url)
    assert len(filesystem.find(f"{root}/batches")) == 5


def test_the_command_line_refreshes_and_reports_a_store_on_s3(url, capsys):
    assert main(["refresh", "--out", url]) == 1
    assert f"no store at {url}" in capsys.readouterr().err
    assert main(["build", "--out", url, "--batch-size", "2"]) == 0  # the bundled seed article
    assert main(["refresh", "--out", url]) == 0
    assert "0 re-analysed" in capsys.readouterr().err
    assert main(["build", "--out", f"s3://no-such-bucket-{os.getpid()}/store"]) == 1
    assert "error:" in capsys.readouterr().err


# In a fresh interpreter: build one article into the store, but die like kill -9 when the
# batch's marker is about to be written (its data files are all stored by then).
KILLED_BEFORE_MARKER = """
import os, sys
import s3fs
from analysis.build import build_store
from analysis.ingest import make_article
from analysis.store import lock
lock.LOCK_SECONDS = 1.0
real = s3fs.S3FileSystem.pipe_file
def dying(self, path, *args, **kwargs):
    if "/commits/" in path:
        os._exit(9)
    return real(self, path, *args, **kwargs)
s3fs.S3FileSystem.pipe_file = dying
build_store(sys.argv[1], [make_article("Chancellor Weber said on Friday that Austria would vote.", "late")])
"""


def test_a_writer_killed_before_the_marker_leaves_a_loadable_store_without_its_batch(url, s3_env):
    build_store(url, ARTICLES[:2])
    before = list_batches(url)
    killed = subprocess.run([sys.executable, "-c", KILLED_BEFORE_MARKER, url], cwd=REPO, capture_output=True,
                            text=True, timeout=300, env={**os.environ, **s3_env})
    assert killed.returncode == 9, killed.stderr[-2000:]
    filesystem, root = remote(url)
    assert len(leftovers(url)) == 1 and len(filesystem.find(f"{root}/batches/{leftovers(url)[0]}")) == 5
    assert list_batches(url) == before and store_problems(url) == []
    assert sorted(load_corpus(url).articles["article_id"]) == sorted(a.id for a in ARTICLES[:2])
    time.sleep(1.5)  # the killed writer's lock object expires (its expiry was set to 1 s)
    late = make_article("Chancellor Weber said on Friday that Austria would vote.", "late")
    assert build_store(url, [*ARTICLES[:2], late]).analysed == 1  # takes the expired lock over
    assert leftovers(url) == [], "the next writer deletes the half batch"
    assert len(load_corpus(url).articles) == 3


def test_one_writer_at_a_time_on_s3(url):
    build_store(url, ARTICLES[:1])
    holding, release = threading.Event(), threading.Event()

    def hold():
        with writer_lock(url):
            holding.set()
            release.wait(60)

    holder = threading.Thread(target=hold)
    holder.start()
    try:
        assert holding.wait(60)
        with pytest.raises(StoreBusy, match=f"process {os.getpid()} on"):
            build_store(url, ARTICLES)
        assert len(load_corpus(url).articles) == 1  # readers are never blocked
    finally:
        release.set()
        holder.join()
    filesystem, root = remote(url)
    assert not filesystem.exists(f"{root}/.writer.lock"), "released: the lock object is deleted"
    assert build_store(url, ARTICLES).analysed == 2


def test_an_expired_lock_object_is_taken_over_and_a_fresh_one_is_not(url):
    filesystem, root = remote(url)
    stale = {"owner": "process 1 on a-dead-machine", "since": "2026-01-01 00:00:00", "expires": time.time() - 1}
    filesystem.pipe_file(f"{root}/.writer.lock", json.dumps(stale).encode())
    assert build_store(url, ARTICLES[:1]).analysed == 1
    fresh = {**stale, "expires": time.time() + 600}
    filesystem.pipe_file(f"{root}/.writer.lock", json.dumps(fresh).encode())
    with pytest.raises(StoreBusy, match="a-dead-machine"):
        build_store(url, ARTICLES)


def test_a_batch_damaged_by_hand_is_reported_and_set_aside(url):
    build_store(url, ARTICLES, batch_size=1)
    damaged = list_batches(url)[0]
    filesystem, root = remote(url)
    filesystem.rm_file(f"{root}/batches/{damaged}/quotes.parquet")
    assert [damaged in problem for problem in store_problems(url)] == [True]
    assert repair_store(url).set_aside == (damaged,)
    assert store_problems(url) == [] and damaged not in list_batches(url)
    assert len(filesystem.find(f"{root}/.broken-{damaged}")) == 4  # kept, not deleted
    assert len(load_corpus(url).articles) == 2
    assert build_store(url, ARTICLES).analysed == 1  # the lost article comes back


def test_a_held_lock_object_is_renewed_beyond_its_expiry(url):
    from analysis.store.lock import object_lock

    with object_lock(url, seconds=0.9):
        time.sleep(2.0)  # more than twice the expiry: only the holder's renewals keep it fresh
        with pytest.raises(StoreBusy, match=f"process {os.getpid()} on"):
            build_store(url, ARTICLES[:1])
    assert build_store(url, ARTICLES[:1]).analysed == 1


def test_missing_credentials_are_a_clear_error(url, monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("AWS_ACCESS_KEY_ID")
    monkeypatch.delenv("AWS_SECRET_ACCESS_KEY")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "none"))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")  # no look-up of a cloud machine's role
    s3fs.S3FileSystem.clear_instance_cache()
    try:
        assert main(["build", "--out", url]) == 1
    finally:
        s3fs.S3FileSystem.clear_instance_cache()  # the next test's client has credentials again
    err = capsys.readouterr().err
    assert "error:" in err and "credentials" in err and "Traceback" not in err
