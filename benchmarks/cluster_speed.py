"""Articles per second of ``build --cluster local:N`` for N = 1, 2 (and a build without a cluster).

Each run builds the same articles into a fresh store in a temporary folder. The cluster is
started and every worker has loaded the model (:class:`analysis.cluster.ModelLoader`) before
the clock starts, so the figure is the steady analysis rate, commits by the client included;
the start-up (cluster plus model load) is reported on its own. The single-process build loads
its model before the clock too (one warm-up article). Also reported: the CPU seconds the
workers spent (a figure other load on a shared machine changes less than the wall clock), the
largest worker's memory (RSS) after the build, and the machine's load average over each run.
For each cluster run, the tasks running at once on average (compute seconds of all tasks over
the build's wall time, from Dask's task stream): the parallelism of the build itself, whatever
share of the cores it got. Before and after the builds, a calibration: a pure-Python loop timed
in one process alone and in two processes at once. Its ratio (one loop's throughput vs two) is
the most two processes of any program could gain on the machine at that moment: the ceiling for
local:2 against local:1.

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

from distributed import Client, LocalCluster, get_task_stream  # noqa: E402

from analysis.build import build_store  # noqa: E402
from analysis.cluster import WARM_UP_TEXT, prepare_workers  # noqa: E402
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


def _spin(_index: int = 0) -> float:
    start = time.perf_counter()
    sum(i * i for i in range(2 * 10**7))
    return time.perf_counter() - start


def two_process_ceiling() -> float:
    """How much faster two processes get a fixed amount of CPU work done than one, right now."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        alone = min(pool.submit(_spin).result() for _ in range(2))
        together = max(pool.map(_spin, range(2)))
    return 2 * alone / together


def _cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def _rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def on_local_cluster(articles, workers: int, batch_size: int) -> dict:
    """Start-up and build seconds, worker CPU seconds and peak RSS on a LocalCluster of ``workers``
    single-threaded processes.
    """
    start = time.perf_counter()
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as client:
        prepare_workers(client)  # returns once every worker has loaded the pipeline
        client.run(load_nlp)  # (a no-op there: checks it)
        ready = time.perf_counter() - start
        cpu_before = sum(client.run(_cpu_seconds).values())
        with get_task_stream(client) as stream:
            seconds = timed_build(articles, batch_size, cluster=client)
        cpu = sum(client.run(_cpu_seconds).values()) - cpu_before
        # Seconds tasks spent computing, over the build's wall time: how many ran at once on average
        # (the workers' parallelism, whatever share of the cores the machine gave them).
        busy = sum(part["stop"] - part["start"] for task in stream.data for part in task["startstops"]
                   if part["action"] == "compute")
        return {"ready": ready, "seconds": seconds, "cpu": cpu, "rss": max(client.run(_rss_mb).values()),
                "parallel": busy / seconds}


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
    ceiling = two_process_ceiling()
    rows = []
    if not args.no_baseline:
        build_store(tempfile.mkdtemp(prefix="cluster_speed-warm-"), [make_article(WARM_UP_TEXT, "warm-up")])
        load = os.getloadavg()[0]
        cpu = _cpu_seconds()
        seconds = timed_build(articles, args.batch_size)
        rows.append(("no cluster (one process)", {"seconds": seconds, "cpu": _cpu_seconds() - cpu, "rss": _rss_mb(),
                                                  "load": (load, os.getloadavg()[0])}))
    for workers in args.workers:
        load = os.getloadavg()[0]
        run = on_local_cluster(articles, workers, args.batch_size)
        run["load"] = (load, os.getloadavg()[0])
        rows.append((f"--cluster local:{workers}", run))
        print(f"local:{workers}: {run}", file=sys.stderr)
    ceiling = (ceiling, two_process_ceiling())
    print(f"two-process ceiling of the machine: {ceiling[0]:.2f}x before, {ceiling[1]:.2f}x after the builds")
    one = next((run["seconds"] for label, run in rows if label == "--cluster local:1"), None)
    print("| build | start-up (cluster + models) | build time | articles/s | words/s | vs local:1 "
          "| CPU s (analysis) | max RSS per process | load average before/after | tasks running at once |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for label, run in rows:
        seconds = run["seconds"]
        speedup = f"{one / seconds:.2f}x" if one else "-"
        startup = f"{run['ready']:.1f} s" if "ready" in run else "-"
        parallel = f"{run['parallel']:.2f}" if "parallel" in run else "-"
        print(f"| {label} | {startup} | {seconds:.1f} s | {len(articles) / seconds:.2f} | {words / seconds:,.0f} "
              f"| {speedup} | {run['cpu']:.1f} | {run['rss']:.0f} MB | {run['load'][0]:.1f} / {run['load'][1]:.1f} "
              f"| {parallel} |")


if __name__ == "__main__":
    main()
