"""Articles per second of ``build --cluster local:N`` for N = 1, 2 (and a build without a cluster).

Each run builds the same articles into a fresh store in a temporary folder. The cluster is
started and every worker has loaded the model (:class:`analysis.cluster.ModelLoader`) before
the clock starts, so the figure is the steady analysis rate, commits by the client included;
the start-up (cluster plus model load) is reported on its own. The single-process build loads
its model before the clock too (one warm-up article).

Usage::

    .venv/bin/python benchmarks/cluster_speed.py [--corpus PATH] [--limit 60] [--batch-size 5]
        [--workers 1 2] [--no-baseline]

Results: docs/speed.md ("Builds on a cluster").
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from distributed import Client, LocalCluster  # noqa: E402

from analysis.build import build_store  # noqa: E402
from analysis.cluster import prepare_workers  # noqa: E402
from analysis.ingest import make_article, read_path  # noqa: E402
from analysis.nlp import load_nlp  # noqa: E402

DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "corpus", "news_politics_world_300.jsonl")


def timed_build(articles, batch_size: int, cluster=None) -> float:
    """Seconds to build ``articles`` into a new temporary store."""
    with tempfile.TemporaryDirectory(prefix="cluster_speed-") as folder:
        start = time.perf_counter()
        report = build_store(os.path.join(folder, "store"), articles, batch_size=batch_size, cluster=cluster)
        seconds = time.perf_counter() - start
    assert report.analysed == len(articles), report
    return seconds


def on_local_cluster(articles, workers: int, batch_size: int) -> tuple[float, float]:
    """(start-up seconds, build seconds) on a LocalCluster of ``workers`` single-threaded processes."""
    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        prepare_workers(client)
        client.run(load_nlp)  # returns once every worker holds the model
        ready = time.perf_counter() - start
        return ready, timed_build(articles, batch_size, cluster=client)


def main() -> None:
    """Measure and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=60, help="articles (the first N of the corpus)")
    parser.add_argument("--batch-size", type=int, default=5, help="articles per batch (and per task)")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--no-baseline", action="store_true", help="skip the build without a cluster")
    args = parser.parse_args()
    articles = read_path(args.corpus).articles[: args.limit]
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words:,} words, batches of {args.batch_size}, {os.cpu_count()} cores",
          file=sys.stderr)
    rows = []
    if not args.no_baseline:
        build_store(tempfile.mkdtemp(prefix="cluster_speed-warm-"), [make_article("Merkel said it.", "warm")])
        seconds = timed_build(articles, args.batch_size)
        rows.append(("no cluster (one process)", None, seconds))
    for workers in args.workers:
        ready, seconds = on_local_cluster(articles, workers, args.batch_size)
        rows.append((f"--cluster local:{workers}", ready, seconds))
        print(f"local:{workers}: ready in {ready:.1f} s, built in {seconds:.1f} s", file=sys.stderr)
    one = next((s for label, _r, s in rows if label == "--cluster local:1"), None)
    print("| build | start-up (cluster + models) | build time | articles/s | words/s | vs local:1 |")
    print("|---|---|---|---|---|---|")
    for label, ready, seconds in rows:
        speedup = f"{one / seconds:.2f}x" if one else "-"
        startup = "-" if ready is None else f"{ready:.1f} s"
        print(f"| {label} | {startup} | {seconds:.1f} s | {len(articles) / seconds:.2f} | {words / seconds:,.0f} "
              f"| {speedup} |")


if __name__ == "__main__":
    main()
