"""Building the store: idempotent builds, version changes, crash safety, one failing article."""

import os
import signal
import subprocess
import sys
import time

import pytest

import analysis.store as store
from analysis.build import build_store
from analysis.ingest import make_article
from analysis.records import ANALYSIS_VERSION, TAGGER_MARK
from analysis.store import list_batches, load_corpus

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_rebuilding_the_same_input_changes_nothing(fresh_store, seed_text):
    before = list_batches(fresh_store)
    report = build_store(fresh_store, [make_article(seed_text, source="again.txt")])
    assert report.analysed == 0 and report.skipped == 1
    assert list_batches(fresh_store) == before


def test_duplicates_in_one_input_are_analysed_once(tmp_path):
    articles = [make_article("Merkel said the talks failed.", "a"), make_article("Merkel said the talks failed.", "b")]
    report = build_store(str(tmp_path / "s"), articles)
    assert (report.analysed, report.duplicates) == (1, 1)
    assert len(load_corpus(str(tmp_path / "s")).articles) == 1


def test_version_change_reanalyses_stored_articles(fresh_store, monkeypatch):
    from analysis import pipeline

    monkeypatch.setattr(pipeline, "ANALYSIS_VERSION", "999.0.0")
    report = build_store(fresh_store, [])
    assert report.analysed == 1
    corpus = load_corpus(fresh_store)
    assert len(corpus.articles) == 1  # the newest copy wins, no duplicate rows
    assert len(list_batches(fresh_store)) == 2


def test_unfinished_temporary_batches_are_invisible(fresh_store):
    os.makedirs(os.path.join(fresh_store, ".tmp-123"))
    with open(os.path.join(fresh_store, ".tmp-123", "articles.parquet"), "wb") as handle:
        handle.write(b"half a file")
    assert len(load_corpus(fresh_store).articles) == 1
    build_store(fresh_store, [])
    assert not os.path.exists(os.path.join(fresh_store, ".tmp-123"))


def test_kill_during_ingest_keeps_committed_batches(tmp_path):
    corpus_dir = tmp_path / "inputs"
    corpus_dir.mkdir()
    for i in range(40):
        (corpus_dir / f"{i:02d}.txt").write_text(
            f"Article {i}. The minister said on Monday that Germany and France would talk about trade {i}. " * 20)
    out = tmp_path / "store"
    command = [sys.executable, "-m", "analysis", "build", str(corpus_dir), "--out", str(out), "--batch-size", "1"]
    process = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    deadline = time.time() + 120
    while time.time() < deadline and len(list_batches(str(out))) < 3:
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = load_corpus(str(out))
    assert 3 <= len(stored.articles) < 40, "killed in the middle"
    assert set(stored.quotes["article_id"]) <= set(stored.articles["article_id"])
    # finishing the ingest afterwards analyses only what is missing
    report = build_store(str(out), [make_article((corpus_dir / f"{i:02d}.txt").read_text(), f"{i}")
                                    for i in range(40)])
    assert report.skipped == len(stored.articles)
    assert len(load_corpus(str(out)).articles) == 40


def test_one_failing_article_does_not_lose_the_batch(tmp_path, monkeypatch):
    import analysis.pipeline as pipeline

    real = pipeline.quotes.extract_quotes

    def flaky(doc, tagged=None):
        if "explode" in doc.text:
            raise IndexError("a bug in a rule")
        return real(doc, tagged)

    monkeypatch.setattr(pipeline.quotes, "extract_quotes", flaky)
    articles = [make_article("Merkel said the talks failed.", "a"), make_article("This one will explode.", "b"),
                make_article("Scholz said Germany would help.", "c")]
    report = build_store(str(tmp_path / "s"), articles)
    corpus = load_corpus(str(tmp_path / "s"))
    assert report.analysed == 3 and len(corpus.articles) == 3
    assert set(corpus.quotes["article_id"]) == {articles[0].id, articles[2].id}


def test_switching_the_tagger_reanalyses_the_store(tmp_path):
    from analysis.quotes.tagger import TAGGER_PATH

    if not TAGGER_PATH.exists():
        pytest.skip("the tagger is not shipped")
    out = str(tmp_path / "s")
    build_store(out, [make_article("Merkel said the talks failed.", "a")], tagger=False)
    assert set(store.stored_versions(out).values()) == {ANALYSIS_VERSION}
    assert build_store(out, [], tagger=True).analysed == 1
    assert set(store.stored_versions(out).values()) == {ANALYSIS_VERSION + TAGGER_MARK}
    assert build_store(out, [], tagger=True).analysed == 0  # up to date in this mode
