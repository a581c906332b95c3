"""The Parquet store: idempotent builds, newest batch wins, version changes, crash safety."""

import os
import signal
import subprocess
import sys
import time

import pandas as pd
import pytest

import analysis.store as store
from analysis.ingest import make_article
from analysis.store import build_store, compact_store, list_batches, load_corpus

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def test_seed_store_loads_with_quotes_and_countries(seed_store):
    corpus = load_corpus(seed_store)
    assert len(corpus.articles) == 1
    assert len(corpus.quotes) >= 14
    assert {"RUS", "UKR", "DEU"} <= set(corpus.quote_countries["iso3"])
    assert set(corpus.quote_countries["quote_id"]) <= set(corpus.quotes["quote_id"])


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
    monkeypatch.setattr(store, "ANALYSIS_VERSION", "999.0.0")
    report = build_store(fresh_store, [])
    assert report.analysed == 1
    corpus = load_corpus(fresh_store)
    assert len(corpus.articles) == 1  # the newest copy wins, no duplicate rows
    assert len(list_batches(fresh_store)) == 2


def test_compaction_keeps_newest_copies(fresh_store):
    build_store(fresh_store, [make_article("Scholz said Germany will help.", "x")])
    before = load_corpus(fresh_store)
    assert compact_store(fresh_store) == 2
    after = load_corpus(fresh_store)
    assert len(list_batches(fresh_store)) == 1
    pd.testing.assert_frame_equal(before.articles.sort_values("article_id").reset_index(drop=True),
                                  after.articles.sort_values("article_id").reset_index(drop=True))
    assert len(after.quotes) == len(before.quotes)


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


def test_one_person_has_one_name_across_articles(tmp_path):
    articles = [make_article("Russian President Vladimir Putin said on Friday that talks were possible.", "a"),
                make_article("Putin said the West was to blame for the war.", "b")]
    build_store(str(tmp_path / "s"), articles)
    corpus = load_corpus(str(tmp_path / "s"))
    speakers = set(corpus.quotes["speaker"].dropna())
    assert "Vladimir Putin" in speakers and "Putin" not in speakers
    people = corpus.mentions[corpus.mentions["kind"] == "person"]
    assert set(people["key"]) == {"Vladimir Putin"}


def test_loading_only_some_mention_kinds(seed_store):
    full = load_corpus(seed_store)
    places = load_corpus(seed_store, mention_kinds=("country", "region"))
    assert set(full.mentions["kind"]) >= {"country", "person"}
    assert set(places.mentions["kind"]) <= {"country", "region"}
    assert len(places.mentions) == full.mentions["kind"].isin(["country", "region"]).sum()


def test_texts_can_stay_on_disk(seed_store, seed_text):
    from analysis.store import article_texts, with_texts

    corpus = load_corpus(seed_store, texts=False)
    assert "text" not in corpus.articles.columns
    article_id = corpus.articles["article_id"].iloc[0]
    assert article_texts(seed_store, [article_id]) == {article_id: seed_text}
    assert article_texts(seed_store, ["no-such-id"]) == {}
    view = with_texts(corpus, seed_store, [article_id])
    assert view.articles["text"].tolist() == [seed_text]
    assert "text" not in corpus.articles.columns  # the loaded corpus is untouched


def test_statement_topic_hits_only(seed_store):
    full = load_corpus(seed_store)
    statements = load_corpus(seed_store, sentence_topics=False)
    spans = set(zip(full.quotes["article_id"], full.quotes["start"], full.quotes["end"], strict=True))
    kept = set(zip(statements.topic_hits["article_id"], statements.topic_hits["start"],
                   statements.topic_hits["end"], strict=True))
    assert kept and kept <= spans
    assert 0 < len(statements.topic_hits) < len(full.topic_hits)


def test_categorical_loading_holds_repeated_strings_as_categories(two_article_store):
    from analysis.query import plain_strings
    from analysis.store import CATEGORICAL_COLUMNS

    plain = load_corpus(two_article_store)
    compact = load_corpus(two_article_store, categorical=True)
    assert not any(isinstance(d, pd.CategoricalDtype) for t in CATEGORICAL_COLUMNS
                   for d in getattr(plain, t).dtypes)  # the command line's default is unchanged
    for table, columns in CATEGORICAL_COLUMNS.items():
        frame = getattr(compact, table)
        assert all(isinstance(frame[c].dtype, pd.CategoricalDtype) for c in columns), table
        # Sorted categories: sorting by a categorical orders like sorting the strings.
        assert all(frame[c].cat.categories.is_monotonic_increasing for c in columns), table
        pd.testing.assert_frame_equal(plain_strings(frame), getattr(plain, table))
    assert str(compact.quotes["speaker"].cat.categories.dtype) == "str"
    assert len(compact.quotes["article_id"].cat.categories) == 2


def test_switching_the_tagger_reanalyses_the_store(tmp_path, monkeypatch):
    from analysis.quotes.tagger import TAGGER_PATH, TAGGER_SETTING

    if not TAGGER_PATH.exists():
        pytest.skip("the tagger is not shipped")
    out = str(tmp_path / "s")
    monkeypatch.setenv(TAGGER_SETTING, "0")
    build_store(out, [make_article("Merkel said the talks failed.", "a")])
    assert set(store.stored_versions(out).values()) == {store.ANALYSIS_VERSION}
    monkeypatch.setenv(TAGGER_SETTING, "1")
    assert build_store(out, []).analysed == 1
    assert set(store.stored_versions(out).values()) == {store.ANALYSIS_VERSION + store.TAGGER_MARK}
    assert build_store(out, []).analysed == 0  # up to date in this mode
