"""Builds on a Dask LocalCluster: the same store as a build in one process, and a killed worker
loses nothing (its tasks rerun, every article is stored once)."""

import os
import signal

import pandas as pd
import pyarrow.parquet as pq
import pytest

from analysis.build import build_store
from analysis.cluster import ClusterVersionMismatch, analyse_on_cluster, parse_address
from analysis.ingest import make_article
from analysis.store import TABLES, list_batches, load_corpus

distributed = pytest.importorskip("distributed")


def _articles(seed_text, count, repeat=1):
    """``count`` distinct articles (the seed article's paragraphs, rotated), ``repeat`` times as long."""
    paragraphs = [p for p in seed_text.split("\n") if p.strip()]
    articles = []
    for index in range(count):
        turn = paragraphs[index % len(paragraphs):] + paragraphs[:index % len(paragraphs)]
        text = "\n\n".join(turn * repeat) + f"\n\nReported by desk {index}."
        articles.append(make_article(text, source=f"article-{index}.txt"))
    return articles


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


def test_a_cluster_build_stores_what_a_build_in_one_process_stores(seed_text, client, tmp_path):
    articles = _articles(seed_text, 10)
    alone, spread = str(tmp_path / "alone"), str(tmp_path / "cluster")
    build_store(alone, articles, batch_size=3)
    report = build_store(spread, articles, batch_size=3, cluster=client)
    assert (report.analysed, report.batches) == (10, 4)
    assert len(list_batches(spread)) == 4
    one, many = load_corpus(alone), load_corpus(spread)
    assert len(one.articles) == 10 and len(one.quotes) > 10
    for table in TABLES + ("quote_countries", "quote_topics"):
        pd.testing.assert_frame_equal(getattr(many, table), getattr(one, table), obj=table)
    assert build_store(spread, articles, cluster=client).analysed == 0  # rerun: nothing left to do


def test_a_worker_killed_mid_build_loses_no_article(seed_text, client, tmp_path):
    store = str(tmp_path / "store")
    articles = _articles(seed_text, 10, repeat=3)
    before = client.run(os.getpid)
    killed = []

    def kill_a_worker(done, total):
        if not killed:  # after the first commit, while the other chunks are queued or running
            address, pid = sorted(before.items())[0]
            os.kill(pid, signal.SIGKILL)
            killed.append(address)

    report = build_store(store, articles, batch_size=1, progress=kill_a_worker, cluster=client)
    assert killed and report.analysed == 10
    client.wait_for_workers(2, timeout=60)
    assert before[killed[0]] not in client.run(os.getpid).values(), "the worker was killed (and replaced)"
    stored = [row for batch in list_batches(store)
              for row in pq.read_table(os.path.join(store, "batches", batch, "articles.parquet"),
                                       columns=["article_id"]).column("article_id").to_pylist()]
    assert sorted(stored) == sorted(a.id for a in articles), "every article stored exactly once"


def test_a_cluster_build_with_target_tone_stores_the_tones_a_build_in_one_process_stores(client, tmp_path):
    from analysis.records import ANALYSIS_VERSION, TONE_MARK
    from analysis.store import stored_versions
    from analysis.tone.targeted import TONE_PATH

    if not TONE_PATH.exists():
        pytest.skip("the tone model is not shipped")
    articles = [make_article('"Russia is a threat to us all," Boris Johnson said.', "a"),
                make_article('Olaf Scholz said: "Ukraine deserves our support."', "b")]
    alone, spread = str(tmp_path / "alone"), str(tmp_path / "cluster")
    build_store(alone, articles, batch_size=1, target_tone=True)
    build_store(spread, articles, batch_size=1, target_tone=True, cluster=client)
    assert set(stored_versions(spread).values()) == {ANALYSIS_VERSION + TONE_MARK}
    tones = load_corpus(spread).quotes["target_tones"].tolist()
    assert tones == load_corpus(alone).quotes["target_tones"].tolist() and all(tones)


def test_a_worker_of_another_analysis_version_stops_the_build(seed_text, client, monkeypatch):
    from analysis import cluster

    monkeypatch.setattr(cluster, "current_version", lambda *options: "0.0.0-client")
    with pytest.raises(ClusterVersionMismatch, match="same checkout"):
        list(analyse_on_cluster(client, [_articles(seed_text, 1)]))


@pytest.mark.parametrize(("address", "workers"), [("local:2", 2), ("local:1", 1), ("tcp://10.0.0.5:8786", None),
                                                   ("scheduler:8786", None)])
def test_cluster_addresses(address, workers):
    assert parse_address(address) == workers


@pytest.mark.parametrize("address", ["local:", "local:0", "local:two", "local:-1"])
def test_a_wrong_local_cluster_is_refused(address):
    with pytest.raises(ValueError, match="local:N"):
        parse_address(address)


def test_the_command_line_builds_on_a_local_cluster(tmp_path, capsys):
    from analysis.__main__ import main

    store = str(tmp_path / "store")
    source = tmp_path / "article.txt"
    source.write_text("Minister Schmidt said on Monday that talks with France would resume.", encoding="utf-8")
    assert main(["build", str(source), "--out", store, "--cluster", "local:1"]) == 0
    assert "1 analysed" in capsys.readouterr().err
    assert len(load_corpus(store).articles) == 1


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, capsys):
    import dask

    from analysis.__main__ import main

    with dask.config.set({"distributed.comm.timeouts.connect": "2s"}):
        status = main(["build", "--out", str(tmp_path / "store"), "--cluster", "tcp://127.0.0.1:9"])
    err = capsys.readouterr().err
    assert status == 1 and err.startswith("error:") and "Traceback" not in err
    assert list_batches(str(tmp_path / "store")) == []


def test_a_wrong_cluster_option_is_refused_before_anything_runs(tmp_path, capsys):
    from analysis.__main__ import main

    with pytest.raises(SystemExit) as stop:
        main(["build", "--out", str(tmp_path / "store"), "--cluster", "local:0"])
    assert stop.value.code == 1 and "expected local:N" in capsys.readouterr().err
