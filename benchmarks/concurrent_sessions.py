"""Many users at once: page times with 1, 5, 10 and 20 concurrent browser sessions (issue #16, item 10).

Starts the dashboard on a store (``--store``, e.g. one built from the 300 shared articles),
opens one warm-up session, then for each crowd size N opens N browser contexts at the same
time in one headless Chromium (Playwright's async API) and lets each walk ``--visits`` pages
drawn at random from every page of the app, with a random country/topic/speaker filter from
the store in the URL half of the time. Per crowd size it reports the seconds from navigation
until the page has finished (its heading drawn, no skeleton, no stale element, no running
status widget): p50, p95 and max, and the server's peak RSS (process tree, sampled every
50 ms). The browser runs on the same two cores as the server, so the times include drawing
in Chromium: an upper bound of what the server alone takes.

``--client protocol`` measures the server alone: each session is a WebSocket client speaking
Streamlit's own protocol (the ``BackMsg``/``ForwardMsg`` protobufs the browser sends and reads),
which asks for a page run (``rerun_script`` with the page and its query string) and times it
until the server's ``script_finished``; nothing is drawn, so the client costs next to nothing.
Every visit is a new session (its own WebSocket), as a browser loading a URL starts one: the
filters in a URL are read when a session starts. (Until 2026-12-06 a protocol user kept one
session for its three visits, so only its first visit's filters applied: those runs measured
mostly unfiltered views.) The pages: every data page, Compare and the one-page brief.
It also counts page runs that failed (an exception element, the app's "could not be shown"
message, or a run that did not finish successfully).

Usage::

    .venv/bin/python benchmarks/concurrent_sessions.py --store DIR [--crowds 1 5 10 20] [--visits 3]
        [--client browser|protocol]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)
sys.path.insert(0, os.path.join(REPO, "benchmarks"))

from corpus_scale import CHROMIUM, CHROMIUM_ARGS, PAGES, MemorySampler  # noqa: E402

#: The pages a user of the crowd opens: the data pages plus Compare and the one-page brief.
CROWD_PAGES = [*PAGES, "compare", "briefing"]

from analysis.store import load_corpus  # noqa: E402
from tests.browser.server import PAGE_DONE_JS, start_dashboard  # noqa: E402

DONE = ("() => !!document.querySelector('[data-testid=\"stMainBlockContainer\"] h1') && ("
        + PAGE_DONE_JS[len("() => "):] + ")")


def filter_choices(store: str, count: int = 40, seed: int = 7) -> list[str]:
    """Return query strings of random single filters drawn from the store's own values."""
    corpus = load_corpus(store)
    rng = random.Random(seed)
    countries = corpus.quote_countries["iso3"].astype(str).value_counts().index[:30].tolist()
    topics = corpus.quote_topics["topic"].astype(str).value_counts().index[:15].tolist()
    speakers = corpus.quotes["speaker"].dropna().astype(str).value_counts().index[:30].tolist()
    choices = []
    for _ in range(count):
        key, values = rng.choice([("country", countries), ("topic", topics), ("speaker", speakers)])
        if values:
            choices.append("?" + urllib.parse.urlencode({key: rng.choice(values)}))
    return choices or [""]


async def _session(browser, url: str, visits: int, choices: list[str], rng: random.Random, times: list[float]):
    """One user: a fresh context visiting ``visits`` random pages; appends each page's seconds."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    page.set_default_timeout(300_000)
    try:
        for _ in range(visits):
            query = rng.choice(choices) if rng.random() < 0.5 else ""
            start = time.perf_counter()
            await page.goto(f"{url}/{rng.choice(CROWD_PAGES)}{query}")
            await page.wait_for_function(DONE, polling=100)
            times.append(time.perf_counter() - start)
    finally:
        await context.close()


async def _crowd(url: str, size: int, visits: int, choices: list[str], seed: int) -> list[float]:
    """Run ``size`` sessions at once; return every page's seconds."""
    from playwright.async_api import async_playwright

    times: list[float] = []
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        rngs = [random.Random(seed * 1000 + i) for i in range(size)]
        await asyncio.gather(*(_session(browser, url, visits, choices, rng, times) for rng in rngs))
        await browser.close()
    return times


async def _protocol_session(url: str, visits: int, choices: list[str], rng: random.Random, times: list[float],
                            failures: list[str], by_page: dict[str, list[float]]) -> None:
    """One user as a non-rendering protocol client: ``visits`` page loads, each timed from the request
    until the server says the script finished; failed runs go to ``failures``.

    Each visit opens its own WebSocket, as a browser loading a page's URL starts a new session: the
    filters of a URL are read when a session starts (a rerun in the same session keeps its widgets).
    """
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    stream = url.replace("http://", "ws://", 1) + "/_stcore/stream"
    for _ in range(visits):
        page = rng.choice(CROWD_PAGES)
        query = rng.choice(choices).lstrip("?") if rng.random() < 0.5 else ""
        request = BackMsg()
        request.rerun_script.page_name = page
        request.rerun_script.query_string = query
        start = time.perf_counter()
        async with websockets.connect(stream, subprotocols=["streamlit"], max_size=2 ** 28) as socket:
            await socket.send(request.SerializeToString())
            problem = ""
            while True:
                message = ForwardMsg()
                message.ParseFromString(await socket.recv())
                kind = message.WhichOneof("type")
                if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                    element = message.delta.new_element
                    if element.WhichOneof("type") == "exception":
                        problem = f"exception {element.exception.type}"
                    elif element.WhichOneof("type") == "alert" and "could not be shown" in element.alert.body:
                        problem = element.alert.body[:80]
                elif kind == "script_finished":
                    if message.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                        problem = problem or f"script_finished {message.script_finished}"
                    break
        times.append(time.perf_counter() - start)
        by_page.setdefault(page, []).append(times[-1])
        if problem:
            failures.append(f"/{page}?{query}: {problem}")


async def _protocol_crowd(url: str, size: int, visits: int, choices: list[str], seed: int,
                          failures: list[str], by_page: dict[str, list[float]]) -> list[float]:
    """Run ``size`` protocol sessions at once; return every page run's seconds (also filed by page
    in ``by_page``).
    """
    times: list[float] = []
    rngs = [random.Random(seed * 1000 + i) for i in range(size)]
    await asyncio.gather(*(_protocol_session(url, visits, choices, rng, times, failures, by_page) for rng in rngs))
    return times


def percentile(values: list[float], share: float) -> float:
    """Return the ``share`` quantile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> int:
    """Measure each crowd size and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True)
    parser.add_argument("--crowds", type=int, nargs="+", default=[1, 5, 10, 20])
    parser.add_argument("--visits", type=int, default=3)
    parser.add_argument("--client", choices=["browser", "protocol"], default="browser",
                        help="protocol: a non-rendering client, so the times are the server's alone")
    args = parser.parse_args()
    failures: list[str] = []
    by_page: dict[str, list[float]] = {}  # the largest crowd's page runs, by page (protocol client)

    def crowd(size: int, visits: int, seed: int) -> list[float]:
        if args.client == "protocol":
            by_page.clear()
            return asyncio.run(_protocol_crowd(url, size, visits, choices, seed, failures, by_page))
        return asyncio.run(_crowd(url, size, visits, choices, seed=seed))

    choices = filter_choices(args.store)
    process, url, _health = start_dashboard(args.store)
    sampler = MemorySampler(process.pid)
    sampler.start()
    rows = []
    try:
        crowd(1, 2, seed=0)  # warm the caches: the first load is not a crowd's
        for size in args.crowds:
            sampler.peak_kb = 0
            times = crowd(size, args.visits, seed=size)
            rows.append((size, len(times), statistics.median(times), percentile(times, 0.95), max(times),
                         sampler.peak_kb / 1024))
            print(f"{size} sessions: {len(times)} pages, p50 {rows[-1][2]:.2f} s, p95 {rows[-1][3]:.2f} s",
                  file=sys.stderr)
    finally:
        sampler.running = False
        process.terminate()
        process.wait(timeout=30)
    print(f"client: {args.client}; failed page runs: {len(failures)}")
    for failure in failures[:20]:
        print(f"- {failure}")
    print("| sessions at once | pages | p50 s | p95 s | max s | server peak RSS MB |")
    print("|---|---|---|---|---|---|")
    for size, pages, p50, p95, worst, peak in rows:
        print(f"| {size} | {pages} | {p50:.2f} | {p95:.2f} | {worst:.2f} | {peak:.0f} |")
    if by_page:
        print(f"\nBy page, {args.crowds[-1]} sessions at once:\n\n| page | runs | p50 s | max s |\n|---|---|---|---|")
        for page, seconds in sorted(by_page.items()):
            print(f"| {page} | {len(seconds)} | {statistics.median(seconds):.2f} | {max(seconds):.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
