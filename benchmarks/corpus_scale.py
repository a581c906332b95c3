"""The app at 10,000 articles: time to first page, filter latency, server memory.

How the 10,000-article store is made (scaled, not 10,000 distinct analyses): the real
articles of the shared corpus are analysed once with the real pipeline
(:func:`analysis.build.build_store`); their stored rows (articles, quotes, mentions,
keywords, topic hits) are then replicated until there are ``--articles`` articles. Each
copy gets a distinct article id (``<id>~<copy>``) and hence distinct quote ids, a date
drawn uniformly from 2017-01-01..2026-10-31 and an outlet drawn from a list of 14
outlets; texts, offsets, speakers, countries and topics are those of the real analysis.
Analysing 10,000 distinct articles would take hours on 2 shared cores (about 3,000
words/s); the data layer and the app only see rows, so replicated rows load, filter and
draw like real ones, except that the number of distinct speakers, phrases and texts
stays that of the source corpus (string dictionaries compress better than they would).

Measured:

(a) time to first page: ``streamlit run dashboard.py`` on the store, headless Chromium
    (Playwright) opens ``/overview``; seconds until the first Plotly chart has drawn its
    SVG, for the first session (cold cache: loads the store) and a second one (warm);
(b) filter latency in the data layer, on the corpus loaded as the app holds it
    (:func:`ui.data.load_app_corpus`): for ``--filters`` random :class:`Filters`
    (country/topic/speaker combinations drawn from the data) the time of
    ``filter_quotes`` plus the aggregates the pages compute (country_counts,
    speaker_counts, topic_counts, country_pairs, cross_counts x3, keywords_for_texts):
    p50/p95, with the share of each function;
(c) peak memory of the Streamlit server (RSS incl. children, sampled every 50 ms, and
    the kernel's high-water mark VmHWM) after opening every page without and with a filter.

(d) the out-of-core engine (``--engine``; :mod:`analysis.engine` on the warehouse
    :mod:`analysis.store.warehouse` writes): the store is generated streamed, one batch at a
    time, in a process of its own (so the generator never holds the store), either replicated
    as above or with realistic cardinalities (``--cardinality realistic``: each named statement
    gets one of ``--speakers`` synthetic speakers, skewed as real ones are, and each statement two
    extra two-word phrases from a synthetic vocabulary, hundreds of thousands of distinct phrases);
    then the warehouse is built in a fresh process (seconds, peak RSS), and a third fresh process
    measures the data layer: seconds from its start (interpreter start included) to the first
    answer (the unfiltered Overview: options, counts, speakers, countries, topics, months, key
    phrases), the p50/p95 of ``--filters`` random filter changes (count, the first 50 statements,
    every page aggregate of (b) and the key phrases) and its peak RSS (VmHWM).

Usage::

    .venv/bin/python benchmarks/corpus_scale.py [--articles 10000] [--corpus PATH]
        [--workdir /tmp/quote_atlas_scale] [--batch-articles 500] [--filters 300]
        [--skip-browser] [--rebuild]
    .venv/bin/python benchmarks/corpus_scale.py --engine --articles 100000
        [--cardinality replicated|realistic] [--speakers 30000] [--memory-mb 256] [--threads 2]
    .venv/bin/python benchmarks/corpus_scale.py --add-slices STORE        # slices for an older warehouse
    .venv/bin/python benchmarks/corpus_scale.py --compare-slices STORE [--filters 300]
    .venv/bin/python benchmarks/corpus_scale.py --add-clustered STORE     # format 3 -> 4, a copy only
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import threading
import time
from collections import defaultdict
from datetime import date, timedelta

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

from analysis import query  # noqa: E402
from analysis.build import build_store  # noqa: E402
from analysis.ingest import read_path  # noqa: E402
from analysis.keywords import keywords_for_texts  # noqa: E402
from analysis.store import list_batches, load_corpus, write_frames  # noqa: E402
from benchmarks.store_check import peak_rss_mb as _peak_mb  # noqa: E402
from tests.browser.server import PAGE_DONE_JS, start_dashboard  # noqa: E402

DEFAULT_CORPUS = os.path.join(REPO, "..", "shared", "corpus", "news_politics_world_300.jsonl")
OUTLETS = ["Reuters", "Associated Press", "BBC News", "The Guardian", "Financial Times", "Al Jazeera English",
           "Deutsche Welle", "France 24", "The New York Times", "The Washington Post", "NPR",
           "The Times of India", "ABC News (Australia)", "The Japan Times"]
FIRST_DAY, LAST_DAY = date(2017, 1, 1), date(2026, 10, 31)
PAGES = ["overview", "quotes", "countries", "topics", "speakers", "reader"]
CHROMIUM = os.environ.get("QUOTE_ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


# --------------------------------------------------------------------------- building the store

def build_base_store(corpus: str, base_dir: str, rebuild: bool) -> float:
    """Analyse the real articles once into ``base_dir``; returns seconds (0 when reused)."""
    if rebuild:
        shutil.rmtree(base_dir, ignore_errors=True)
    if list_batches(base_dir):
        return 0.0
    start = time.perf_counter()
    build_store(base_dir, read_path(corpus).articles, batch_size=100)
    return time.perf_counter() - start


def _copy_of(base, copy: int, ids: list[str], rng: random.Random) -> dict:
    """Rows of the base articles ``ids`` as copy number ``copy`` (new ids, dates, outlets)."""
    suffix = f"~{copy:03d}"
    span = (LAST_DAY - FIRST_DAY).days
    new_id = {aid: aid + suffix for aid in ids}
    articles = base.articles[base.articles["article_id"].isin(ids)].copy()
    articles["date"] = [(FIRST_DAY + timedelta(days=rng.randrange(span))).isoformat() for _ in ids]
    articles["outlet"] = [rng.choice(OUTLETS) for _ in ids]
    frames = {"articles": articles}
    for table in ("quotes", "mentions", "keywords", "topic_hits"):
        frame = getattr(base, table)
        frames[table] = frame[frame["article_id"].isin(ids)].copy()
    for frame in frames.values():
        frame["article_id"] = frame["article_id"].map(new_id)
    quotes = frames["quotes"]
    quotes["quote_id"] = quotes["article_id"] + ":" + quotes["quote_id"].str.rsplit(":", n=1).str[1]
    return frames


def build_scaled_store(base_dir: str, store_dir: str, n_articles: int, batch_articles: int,
                       seed: int = 7) -> dict:
    """Replicate the base store's rows into ``store_dir`` until it holds ``n_articles``."""
    shutil.rmtree(store_dir, ignore_errors=True)
    base = load_corpus(base_dir)
    rng = random.Random(seed)
    base_ids = base.articles["article_id"].tolist()
    pending: list[dict] = []
    done = 0
    copy = 0
    while done < n_articles:
        ids = base_ids[:n_articles - done]
        pending.append(_copy_of(base, copy, ids, rng))
        done += len(ids)
        copy += 1
    # Regroup copies into batches of about ``batch_articles`` articles.
    import pandas as pd

    tables = {t: pd.concat([p[t] for p in pending], ignore_index=True) for t in pending[0]}
    all_ids = tables["articles"]["article_id"].tolist()
    for offset in range(0, len(all_ids), batch_articles):
        chunk = set(all_ids[offset:offset + batch_articles])
        write_frames(store_dir, {t: f[f["article_id"].isin(chunk)] for t, f in tables.items()})
    return {t: len(f) for t, f in tables.items()}


def store_bytes(store_dir: str) -> int:
    """Bytes on disk under ``store_dir``."""
    return sum(os.path.getsize(os.path.join(root, f)) for root, _d, files in os.walk(store_dir) for f in files)


# --------------------------------------------------------------------------- (b) filter latency

def random_filters(corpus, count: int, seed: int = 11) -> list[query.Filters]:
    """Country/topic/speaker combinations drawn from the data.

    Half are read off a random statement (its country, topic and/or speaker: never an
    empty result, weighted towards frequent values as users pick them); half combine
    values drawn independently from the filter options (often a small or empty result).
    """
    rows = corpus.quotes[["countries", "topics", "speaker"]].itertuples(index=False)
    return draw_filters(query.option_values(corpus), list(rows), count, seed)


def draw_filters(options: dict, rows: list, count: int, seed: int = 11) -> list[query.Filters]:
    """The filters of :func:`random_filters` from the filter options and statements (rows with
    ``countries``, ``topics``, ``speaker``).
    """
    rng = random.Random(seed)
    countries, topics, speakers = options["country"][:60], options["topic"], options["speaker"][:200]
    statements = [r for r in rows if len(r.countries) or len(r.topics)]
    kinds = ["country", "topic", "speaker", "country+topic", "country+speaker", "country+country",
             "topic+speaker"]
    filters = []
    for number in range(count):
        kind = rng.choice(kinds)
        chosen = {"countries": (), "topics": (), "speakers": ()}
        if number % 2 == 0:
            row = rng.choice(statements)
            pool = {"country": list(row.countries), "topic": list(row.topics),
                    "speaker": [row.speaker] if isinstance(row.speaker, str) else []}
        else:
            pool = {"country": countries, "topic": topics, "speaker": speakers}
        for part in kind.split("+"):
            if pool[part]:
                key = {"country": "countries", "topic": "topics", "speaker": "speakers"}[part]
                value = rng.choice(pool[part])
                if value not in chosen[key]:
                    chosen[key] += (value,)
        if not any(chosen.values()):
            chosen["countries"] = (rng.choice(countries),)
        filters.append(query.Filters(**chosen))
    return filters


def page_aggregates(corpus):
    """(name, function(quotes)) for every aggregate a page computes from the filtered statements."""
    return [
        ("country_counts", query.country_counts),
        ("speaker_counts", lambda q: query.speaker_counts(q, limit=25)),
        ("topic_counts", query.topic_counts),
        ("country_pairs", query.country_pairs),
        ("statements_over_time", query.statements_over_time),
        ("cross_counts speaker x countries", lambda q: query.cross_counts(q, "speaker", "countries", corpus)),
        ("cross_counts topics x countries", lambda q: query.cross_counts(q, "topics", "countries", corpus)),
        ("cross_counts speaker x topics", lambda q: query.cross_counts(q, "speaker", "topics", corpus)),
        (KEYWORDS_OLD, lambda q: keywords_for_texts(q["text"].tolist(), top_n=12)),
        (KEYWORDS_NEW, lambda q: query.statement_keywords(corpus, q, top_n=12)),
    ]


KEYWORDS_OLD, KEYWORDS_NEW = "keywords_for_texts", "statement_keywords"


def time_filter_change(corpus, filters: query.Filters, parts: dict) -> dict[str, float]:
    """Seconds of filter_quotes and each aggregate (also added to ``parts``); checks both keyword paths agree."""
    took = {}
    start = time.perf_counter()
    quotes = query.filter_quotes(corpus, filters)
    took["filter_quotes"] = time.perf_counter() - start
    results = {}
    for name, function in page_aggregates(corpus):
        begin = time.perf_counter()
        results[name] = function(quotes)
        took[name] = time.perf_counter() - begin
    if results[KEYWORDS_OLD] != results[KEYWORDS_NEW]:
        raise AssertionError(f"statement_keywords differs from keywords_for_texts for {filters}")
    for name, seconds in took.items():
        parts[name] += seconds
    took["rows"] = len(quotes)
    return took


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def measure_filters(store_dir: str, count: int) -> dict:
    """Load the corpus in-process as the app does and time ``count`` random filter changes.

    A filter change is filter_quotes plus every aggregate, with the key phrases computed
    one way or the other (``keywords_for_texts`` as the overview page calls it today, or
    the precomputed ``statement_keywords``, same result).
    """
    from ui.data import load_app_corpus

    start = time.perf_counter()
    corpus = load_app_corpus(store_dir)
    load_seconds = time.perf_counter() - start
    frames_mb = sum(getattr(corpus, name).memory_usage(deep=True).sum() for name in
                    ("articles", "quotes", "mentions", "keywords", "topic_hits", "quote_countries",
                     "quote_topics")) / 2**20
    filters = random_filters(corpus, count)
    start = time.perf_counter()
    query.statement_keywords(corpus, corpus.quotes.head(1))
    index_seconds = time.perf_counter() - start
    time_filter_change(corpus, filters[0], defaultdict(float))  # warm caches (idf, stems)
    parts: dict[str, float] = defaultdict(float)
    runs = [time_filter_change(corpus, chosen, parts) for chosen in filters]

    def total(run: dict, without: str) -> float:
        return sum(v for k, v in run.items() if k not in (without, "rows"))

    old = [total(run, KEYWORDS_NEW) for run in runs]
    new = [total(run, KEYWORDS_OLD) for run in runs]
    unfiltered_parts: dict[str, float] = defaultdict(float)
    everything = time_filter_change(corpus, query.Filters(), unfiltered_parts)
    sizes = [run["rows"] for run in runs]
    return {"load_seconds": load_seconds, "frames_mb": frames_mb, "n_quotes": len(corpus.quotes),
            "n_articles": len(corpus.articles), "index_seconds": index_seconds,
            "old": (percentile(old, 0.5), percentile(old, 0.95), max(old)),
            "new": (percentile(new, 0.5), percentile(new, 0.95), max(new)),
            "median_rows": statistics.median(sizes), "max_rows": max(sizes), "parts": dict(parts),
            "unfiltered": (total(everything, KEYWORDS_NEW), total(everything, KEYWORDS_OLD)),
            "unfiltered_parts": dict(unfiltered_parts), "count": count}


# --------------------------------------------------------------------------- (a), (c) the real app

def _rss_kb(pid: int) -> tuple[int, int]:
    """(VmRSS, VmHWM) in kB of ``pid`` plus all its descendants."""
    rss = hwm = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/status") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                    elif line.startswith("VmHWM:"):
                        hwm += int(line.split()[1])
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    pending += [int(c) for c in handle.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return rss, hwm


class MemorySampler(threading.Thread):
    """Samples the RSS of a process tree every 50 ms and keeps the peak."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak_kb, self.hwm_kb, self.running = pid, 0, 0, True
        self.window_kb = 0  # the peak since the last window_mb()

    def run(self) -> None:
        """Sample until ``running`` is set to False."""
        while self.running:
            rss, hwm = _rss_kb(self.pid)
            self.peak_kb, self.hwm_kb = max(self.peak_kb, rss), max(self.hwm_kb, hwm)
            self.window_kb = max(self.window_kb, rss)
            time.sleep(0.05)

    def window_mb(self) -> float:
        """The peak RSS sampled since the last call (or the start), in MB; starts a new window."""
        peak, self.window_kb = self.window_kb, _rss_kb(self.pid)[0]
        return max(peak, self.window_kb) / 1024

    def current_mb(self) -> float:
        """The process tree's RSS now, in MB."""
        return _rss_kb(self.pid)[0] / 1024


def _wait_done(page) -> None:
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')
    page.wait_for_function(PAGE_DONE_JS)


def first_chart_seconds(browser, url: str) -> float:
    """Seconds from navigation to the first drawn Plotly SVG on /overview in a new session."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(180_000)
    start = time.perf_counter()
    page.goto(f"{url}/overview")
    page.wait_for_selector('[data-testid="stPlotlyChart"] svg.main-svg')
    took = time.perf_counter() - start
    _wait_done(page)
    context.close()
    return took


def visit_all_pages(browser, url: str, query_string: str, sampler: MemorySampler) -> dict[str, float]:
    """Open every page in one session (seconds until each has finished); returns seconds per page."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(180_000)
    seconds = {}
    for name in PAGES:
        start = time.perf_counter()
        page.goto(f"{url}/{name}{query_string}")
        _wait_done(page)
        page.wait_for_timeout(300)
        _wait_done(page)
        seconds[name] = time.perf_counter() - start
    context.close()
    return seconds


def measure_app(store_dir: str, filter_query: str) -> dict:
    """Time to first page (cold, warm) and memory after every page without and with a filter."""
    from playwright.sync_api import sync_playwright

    process, url, health = start_dashboard(store_dir)
    sampler = MemorySampler(process.pid)
    sampler.start()
    idle_mb = sampler.current_mb()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            cold = first_chart_seconds(browser, url)
            warm = first_chart_seconds(browser, url)
            plain = visit_all_pages(browser, url, "", sampler)
            after_plain = sampler.current_mb()
            filtered = visit_all_pages(browser, url, filter_query, sampler)
            browser.close()
        time.sleep(0.5)
        result = {"health": health, "cold": cold, "warm": warm, "pages": plain, "pages_filtered": filtered,
                  "idle_mb": idle_mb, "after_plain_mb": after_plain, "end_mb": sampler.current_mb(),
                  "peak_mb": sampler.peak_kb / 1024, "hwm_mb": sampler.hwm_kb / 1024}
    finally:
        sampler.running = False
        process.terminate()
        process.wait(timeout=30)
    return result


# --------------------------------------------------------------------------- (d) the engine

SYLLABLES = ["ka", "lo", "mir", "ven", "tor", "sa", "del", "ru", "zan", "bek", "ol", "tra", "vin", "gor", "pel",
             "dus", "ami", "ter", "nox", "hal", "qui", "ber", "sto", "lan"]


def pseudo_words(count: int, rng: random.Random) -> list[str]:
    """``count`` distinct made-up words of 2-3 syllables."""
    words: dict[str, None] = {}
    while len(words) < count:
        words["".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3))))] = None
    return list(words)


def skewed(pool: list, rng: random.Random):
    """An item of ``pool``, the first ones far more often (as a few speakers and phrases dominate)."""
    return pool[int(len(pool) * rng.random() ** 3)]


def generate_store(base_dir: str, store_dir: str, n_articles: int, batch_articles: int, realistic: bool,
                   n_speakers: int = 30_000, seed: int = 7) -> dict:
    """Write ``n_articles`` articles into ``store_dir`` batch by batch (never the whole store in
    memory): copies of the base articles as :func:`build_scaled_store` makes them, and with
    ``realistic`` synthetic speakers and phrases. Returns rows per table.
    """
    import pandas as pd

    shutil.rmtree(store_dir, ignore_errors=True)
    base = load_corpus(base_dir)
    base_ids = base.articles["article_id"].tolist()
    rng = random.Random(seed)
    names = pseudo_words(2 * int(n_speakers ** 0.5) + 20, rng)
    half = len(names) // 2
    speakers = [f"{a.title()} {b.title()}" for a in names[:half] for b in names[half:]][:n_speakers]
    rng.shuffle(speakers)
    vocabulary = pseudo_words(3_000, rng)
    rows: dict[str, int] = defaultdict(int)
    for begin in range(0, n_articles, batch_articles):
        segments = []
        position = begin
        while position < min(begin + batch_articles, n_articles):
            copy, first = divmod(position, len(base_ids))
            ids = base_ids[first:first + min(begin + batch_articles, n_articles) - position]
            segments.append(_copy_of(base, copy, ids, rng))
            position += len(ids)
        frames = {t: pd.concat([segment[t] for segment in segments], ignore_index=True) for t in segments[0]}
        if realistic:
            quotes = frames["quotes"]
            named = quotes["speaker"].notna().to_numpy()
            quotes.loc[named, "speaker"] = [skewed(speakers, rng) for _ in range(int(named.sum()))]
            quotes["text"] = [f"{text} {skewed(vocabulary, rng)} {skewed(vocabulary, rng)}, "
                              f"{skewed(vocabulary, rng)} {skewed(vocabulary, rng)}." for text in quotes["text"]]
        write_frames(store_dir, frames)
        for table, frame in frames.items():
            rows[table] += len(frame)
    return dict(rows)


def _seconds_since_start() -> float:
    """Seconds since this process started (the kernel's start time: interpreter start included)."""
    ticks = os.sysconf("SC_CLK_TCK")
    with open("/proc/self/stat") as handle:
        started = int(handle.read().rsplit(")", 1)[1].split()[19]) / ticks
    with open("/proc/uptime") as handle:
        return float(handle.read().split()[0]) - started


def landing_view(engine) -> dict:
    """What the unfiltered Overview asks the data layer for."""
    everything = query.Filters()
    return {"options": engine.option_values(), "count": engine.count(everything),
            "speakers": engine.speaker_counts(everything, limit=25), "countries": engine.country_counts(everything),
            "topics": engine.topic_counts(everything), "months": engine.statements_over_time(everything),
            "keywords": engine.statement_keywords(everything, top_n=12)}


#: What a filter change asks the data layer for; the crossings as the heatmaps read them (the grid
#: each draws: the Speakers page's speaker x country, the Topics page's two; session 15).
ENGINE_PARTS = [
    ("count", lambda e, f: e.count(f)),
    ("filter_quotes (first 50)", lambda e, f: e.filter_quotes(f, limit=50)),
    ("speaker_counts", lambda e, f: e.speaker_counts(f, limit=25)),
    ("country_counts", lambda e, f: e.country_counts(f)),
    ("topic_counts", lambda e, f: e.topic_counts(f)),
    ("country_pairs", lambda e, f: e.country_pairs(f)),
    ("statements_over_time", lambda e, f: e.statements_over_time(f)),
    ("cross_grid speaker x countries", lambda e, f: e.cross_grid(
        f, "speaker", "countries", max_rows=20, leave_out=("(unknown)", *f.countries, *f.topics),
        drop_columns=f.countries)),
    ("cross_grid topics x countries", lambda e, f: e.cross_grid(
        f, "topics", "countries", leave_out=(*f.countries, *f.topics), drop_columns=f.countries)),
    ("cross_grid speaker x topics", lambda e, f: e.cross_grid(
        f, "speaker", "topics", leave_out=("(unknown)", *f.topics), drop_rows=("(unknown)",))),
    ("statement_keywords", lambda e, f: e.statement_keywords(f, top_n=12)),
]
#: The crossings as the pages read them before session 15 (every pair of values; ``--crossings full``).
FULL_CROSSINGS = [
    ("cross_counts speaker x countries", lambda e, f: e.cross_counts(f, "speaker", "countries")),
    ("cross_counts topics x countries", lambda e, f: e.cross_counts(f, "topics", "countries")),
    ("cross_counts speaker x topics", lambda e, f: e.cross_counts(f, "speaker", "topics")),
]


def _filter_label(chosen: query.Filters) -> str:
    """A short label of a filter's values (which dimensions and how many of each)."""
    parts = [f"{key}={'|'.join(map(str, getattr(chosen, key)))}" for key in ("countries", "topics", "speakers")
             if getattr(chosen, key)]
    return " ".join(parts) or "(none)"


def measure_engine(store_dir: str, count: int, memory_mb: int, threads: int, slowest: int = 0,
                   crossings: str = "grid") -> dict:
    """In this (fresh) process: first answer, ``count`` filter changes, peak RSS (see (d)); with
    ``slowest``, that many slowest changes with their filter, statement count and per-function ms.

    ``crossings``: the crossings as the heatmaps read them (``grid``), as the pages read them before
    session 15 (``full``: :data:`FULL_CROSSINGS`), or ``both``, filter by filter in alternating order
    (fair under a changing load): the other calls run once and count in both totals, and the
    figures of each are reported (``variants``); the main ones are the grids'.
    """
    from analysis.engine import open_engine
    from analysis.settings import Settings

    imported = _seconds_since_start()
    engine = open_engine(store_dir, Settings(memory_mb=memory_mb, threads=threads))
    landing_view(engine)
    first_answer = _seconds_since_start()
    sample = engine.sample(20_000)
    filters = draw_filters(engine.option_values(), list(sample.itertuples(index=False)), count)
    common = [part for part in ENGINE_PARTS if not part[0].startswith("cross_grid")]
    sets = {"grid": [part for part in ENGINE_PARTS if part[0].startswith("cross_grid")], "full": FULL_CROSSINGS}
    chosen_sets = ["grid", "full"] if crossings == "both" else [crossings]
    parts: dict[str, float] = defaultdict(float)
    totals: dict[str, list[float]] = {name: [] for name in chosen_sets}
    each = []
    for number, chosen in enumerate(filters):
        own = {}
        for name, function in common:
            start = time.perf_counter()
            function(engine, chosen)
            own[name] = time.perf_counter() - start
        shared_seconds = sum(own.values())
        for variant in chosen_sets if number % 2 == 0 else chosen_sets[::-1]:
            took = 0.0
            for name, function in sets[variant]:
                start = time.perf_counter()
                function(engine, chosen)
                own[name] = time.perf_counter() - start
                took += own[name]
            totals[variant].append(shared_seconds + took)
        for name, seconds in own.items():
            parts[name] += seconds
        each.append((totals[chosen_sets[0]][-1], chosen, own))
    worst = []
    for total, chosen, own in sorted(each, key=lambda item: -item[0])[:slowest]:
        worst.append({"total": total, "filter": _filter_label(chosen), "statements": engine.count(chosen),
                      "parts": own})
    start = time.perf_counter()
    landing_view(engine)
    warm_landing = time.perf_counter() - start
    main = totals[chosen_sets[0]]
    names = [name for name, _ in common[:-1]] + [name for v in chosen_sets for name, _ in sets[v]] + [common[-1][0]]
    return {"first_answer": first_answer, "imports": imported, "p50": percentile(main, 0.5),
            "p95": percentile(main, 0.95),
            "max": max(main), "parts": {k: parts[k] / count for k in names}, "warm_landing": warm_landing,
            "peak_mb": _peak_mb(), "statements": engine.count(query.Filters(versions_once=False)),
            "slowest": worst, "part_names": names,
            "variants": {v: {"p50": percentile(t, 0.5), "p95": percentile(t, 0.95), "max": max(t)}
                         for v, t in totals.items()}}


def build_warehouse_here(store_dir: str) -> dict:
    """In this (fresh) process: build the store's warehouse (without the versions step: the copies of
    a replicated store are all versions of their originals); seconds and peak RSS.
    """
    from analysis.store.warehouse import write_warehouse

    start = time.perf_counter()
    write_warehouse(store_dir, versions=False)
    return {"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(),
            "mb": os.path.getsize(os.path.join(store_dir, "warehouse.duckdb")) / 2**20}


def add_slices(store_dir: str) -> dict:
    """In this process: add the slice tables (:mod:`analysis.store.slice_tables`) to a warehouse written
    before they existed, in place (a benchmark copy only: not atomic); seconds, values, peak RSS.
    """
    import duckdb

    from analysis.store import slice_tables, warehouse

    start = time.perf_counter()
    with duckdb.connect(warehouse.warehouse_path(store_dir)) as con:
        con.execute(f"SET memory_limit = '{warehouse.BUILD_MEMORY_MB}MB'")
        for (table,) in con.execute("SELECT table_name FROM information_schema.tables "
                                    "WHERE table_name LIKE 's\\_%' ESCAPE '\\'").fetchall():
            con.execute(f"DROP TABLE {table}")
        statements = con.execute("SELECT count(*) FROM quotes").fetchone()[0]
        slice_tables.write_slice_aggregates(con, slice_tables.slice_threshold(statements))
        con.execute("CHECKPOINT")
        values = dict(con.execute("SELECT fdim, count(*) FROM s_values GROUP BY fdim").fetchall())
    return {"seconds": time.perf_counter() - start, "values": values, "peak_mb": _peak_mb()}


def add_clustered(store_dir: str) -> dict:
    """In this process: add the clustered copies (``by_*``, :mod:`analysis.store.clustered_copies`) to a
    warehouse of format 3, in place, and stamp it format 4 (a benchmark copy only: not atomic; the
    other tables of the two formats are the same); seconds, rows, peak RSS.
    """
    import duckdb

    from analysis.store import clustered_copies, warehouse

    start = time.perf_counter()
    with duckdb.connect(warehouse.warehouse_path(store_dir)) as con:
        con.execute(f"SET memory_limit = '{warehouse.BUILD_MEMORY_MB}MB'")
        con.execute(f"SET temp_directory = '{os.path.join(store_dir, warehouse.TEMP_PREFIX + 'spill')}'")
        for table in warehouse.CLUSTERED:
            con.execute(f"DROP TABLE IF EXISTS {table}")
        clustered_copies.write_clustered(con, warehouse.QUOTE_CHUNK_ROWS)
        # Format 4 (not warehouse.FORMAT): 5 also holds the article index (benchmarks/corpus_search.py --add-index).
        con.execute("UPDATE meta SET value = '4' WHERE key = 'format'")
        con.execute("CHECKPOINT")
        rows = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in warehouse.CLUSTERED}
    return {"seconds": time.perf_counter() - start, "rows": rows, "peak_mb": _peak_mb(),
            "mb": os.path.getsize(warehouse.warehouse_path(store_dir)) / 2**20}


def compare_slices(store_dir: str, count: int, memory_mb: int, threads: int) -> dict:
    """In this process: the filter changes of (d) on two engines of one warehouse, one reading its
    slices and one ignoring them, interleaved filter by filter (the shared machine's load falls on
    both alike); p50/p95/max of each.
    """
    from analysis.engine import Engine

    sliced, plain = Engine(store_dir, memory_mb, threads), Engine(store_dir, memory_mb, threads)
    plain._slices = {}  # noqa: SLF001 (the general path only)
    sample = sliced.sample(20_000)
    filters = draw_filters(sliced.option_values(), list(sample.itertuples(index=False)), count)
    totals: dict[str, list[float]] = {"slices": [], "no slices": []}
    for number, chosen in enumerate(filters):
        pair = [("slices", sliced), ("no slices", plain)]
        for name, engine in pair if number % 2 == 0 else pair[::-1]:
            start = time.perf_counter()
            for _part, function in ENGINE_PARTS:
                function(engine, chosen)
            totals[name].append(time.perf_counter() - start)
    answered = sum(1 for f in filters if sliced._slice(f))  # noqa: SLF001
    return {name: {"p50": percentile(t, 0.5), "p95": percentile(t, 0.95), "max": max(t)}
            for name, t in totals.items()} | {"sliced_filters": answered, "filters": count}


def _in_fresh_process(argv: list[str]) -> dict:
    """Run this script with ``argv`` in a new interpreter; the JSON it prints last."""
    import json
    import subprocess

    done = subprocess.run([sys.executable, os.path.abspath(__file__), *argv], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def engine_report(args) -> None:
    """(d): generate, build the warehouse, measure the engine, each in a fresh process; print Markdown."""
    base_dir = os.path.join(args.workdir, "base")
    store_dir = os.path.join(args.workdir, f"engine_{args.cardinality}_{args.articles}")
    analysed = build_base_store(args.corpus, base_dir, args.rebuild)
    if args.reuse and os.path.isfile(os.path.join(store_dir, "warehouse.duckdb")):
        generated = {"seconds": 0.0, "peak_mb": 0.0, "rows": {}}
        built = {"seconds": 0.0, "peak_mb": 0.0, "mb": os.path.getsize(os.path.join(store_dir, "warehouse.duckdb"))
                 / 2**20}
    else:
        generated = _in_fresh_process(["--generate", store_dir, "--articles", str(args.articles),
                                       "--batch-articles", str(args.batch_articles), "--workdir", args.workdir,
                                       "--cardinality", args.cardinality, "--speakers", str(args.speakers)])
        built = _in_fresh_process(["--build-warehouse", store_dir])
    measured = _in_fresh_process(["--measure-engine", store_dir, "--filters", str(args.filters),
                                  "--memory-mb", str(args.memory_mb), "--threads", str(args.threads),
                                  "--slowest", str(args.slowest), "--crossings", args.crossings])
    print(f"base analysis: {analysed:.0f} s (0 = reused {base_dir})")
    print(f"generated {store_dir} ({args.cardinality}): {generated['seconds']:.0f} s, generator peak RSS "
          f"{generated['peak_mb']:.0f} MB, {len(list_batches(store_dir))} batches, "
          + ", ".join(f"{t} {n:,}" for t, n in generated["rows"].items()))
    print(f"warehouse: {built['seconds']:.0f} s, build peak RSS {built['peak_mb']:.0f} MB, file {built['mb']:.0f} MB")
    print(f"engine (memory_limit {args.memory_mb} MB, {args.threads} threads), {measured['statements']:,} statements: "
          f"first answer {measured['first_answer']:.2f} s from process start (of which interpreter and "
          f"imports {measured['imports']:.2f} s); filter change over {args.filters} "
          f"random filters p50 {measured['p50'] * 1000:.0f} ms, p95 {measured['p95'] * 1000:.0f} ms, "
          f"max {measured['max'] * 1000:.0f} ms; warm unfiltered landing {measured['warm_landing'] * 1000:.0f} ms; "
          f"peak RSS {measured['peak_mb']:.0f} MB")
    if len(measured["variants"]) > 1:
        for variant, figures in measured["variants"].items():
            print(f"crossings {variant}: p50 {figures['p50'] * 1000:.0f} ms, p95 {figures['p95'] * 1000:.0f} ms, "
                  f"max {figures['max'] * 1000:.0f} ms")
    print("\n| function | mean ms per filter change |\n|---|---:|")
    for name, seconds in measured["parts"].items():
        print(f"| {name} | {seconds * 1000:.1f} |")
    if measured["slowest"]:
        names = measured["part_names"]
        short = [name.replace("cross_counts ", "").replace("cross_grid ", "") for name in names]
        print(f"\n{len(measured['slowest'])} slowest filter changes, ms\n\n| filter | statements | total | "
              + " | ".join(short) + " |\n|---|---:|---:|" + "---:|" * len(short))
        for run in measured["slowest"]:
            print(f"| {run['filter']} | {run['statements']:,} | {run['total'] * 1000:.0f} | "
                  + " | ".join(f"{run['parts'][name] * 1000:.0f}" for name in names) + " |")


def engine_child(args) -> bool:
    """Run one step of (d) in this fresh process when asked to; True when one ran."""
    import json

    if args.generate:
        start = time.perf_counter()
        rows = generate_store(os.path.join(args.workdir, "base"), args.generate, args.articles, args.batch_articles,
                              args.cardinality == "realistic", args.speakers)
        print(json.dumps({"seconds": time.perf_counter() - start, "peak_mb": _peak_mb(), "rows": rows}))
    elif args.build_warehouse:
        print(json.dumps(build_warehouse_here(args.build_warehouse)))
    elif args.measure_engine:
        print(json.dumps(measure_engine(args.measure_engine, args.filters, args.memory_mb, args.threads,
                                        args.slowest, args.crossings)))
    elif args.add_slices:
        print(json.dumps(add_slices(args.add_slices)))
    elif args.add_clustered:
        print(json.dumps(add_clustered(args.add_clustered)))
    elif args.compare_slices:
        print(json.dumps(compare_slices(args.compare_slices, args.filters, args.memory_mb, args.threads)))
    else:
        return False
    return True


# --------------------------------------------------------------------------- report

def main(argv: list[str] | None = None) -> None:
    """Build (or reuse) the scaled store, measure, print a Markdown report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--workdir", default="/tmp/quote_atlas_scale")
    parser.add_argument("--batch-articles", type=int, default=500, help="articles per stored batch")
    parser.add_argument("--filters", type=int, default=300, help="random filter changes to time")
    parser.add_argument("--skip-browser", action="store_true", help="only the data-layer measurements")
    parser.add_argument("--rebuild", action="store_true", help="re-analyse the real articles")
    parser.add_argument("--engine", action="store_true", help="(d): measure the out-of-core engine")
    parser.add_argument("--cardinality", choices=("replicated", "realistic"), default="replicated")
    parser.add_argument("--speakers", type=int, default=30_000, help="distinct speakers when realistic")
    parser.add_argument("--memory-mb", type=int, default=256, help="the engine's DuckDB memory limit")
    parser.add_argument("--threads", type=int, default=2, help="the engine's DuckDB threads")
    parser.add_argument("--slowest", type=int, default=0, help="(d): print this many slowest filter changes "
                        "with their filter and per-function times")
    parser.add_argument("--crossings", choices=("grid", "full", "both"), default="grid",
                        help="(d): time the crossings as the heatmaps read them (grid), as the pages read them "
                        "before session 15 (full: every pair of values), or both, alternating filter by filter")
    parser.add_argument("--reuse", action="store_true", help="(d): measure an engine store made before "
                        "(generation and build then print 0)")
    parser.add_argument("--add-slices", metavar="STORE", help="add the slice tables to STORE's warehouse "
                        "written before they existed (in place; prints JSON)")
    parser.add_argument("--add-clustered", metavar="STORE", help="add the clustered copies (by_*) to STORE's "
                        "format-3 warehouse and stamp it format 4 (in place: a copy only; prints JSON)")
    parser.add_argument("--compare-slices", metavar="STORE", help="--filters changes with and without the "
                        "slices, interleaved in one process (prints JSON)")
    parser.add_argument("--generate", help=argparse.SUPPRESS)
    parser.add_argument("--build-warehouse", help=argparse.SUPPRESS)
    parser.add_argument("--measure-engine", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if engine_child(args):
        return
    if args.engine:
        engine_report(args)
        return

    base_dir = os.path.join(args.workdir, "base")
    store_dir = os.path.join(args.workdir, f"store_{args.articles}")
    analysed = build_base_store(args.corpus, base_dir, args.rebuild)
    rows = build_scaled_store(base_dir, store_dir, args.articles, args.batch_articles)
    print(f"base analysis: {analysed:.0f} s (0 = reused {base_dir})")
    print(f"store {store_dir}: {len(list_batches(store_dir))} batches, {store_bytes(store_dir) / 2**20:.1f} MB; "
          + ", ".join(f"{t} {n:,}" for t, n in rows.items()))

    data = measure_filters(store_dir, args.filters)
    print(f"\nload_app_corpus in-process: {data['load_seconds']:.2f} s; frames {data['frames_mb']:.0f} MB "
          f"(memory_usage deep); {data['n_articles']:,} articles, {data['n_quotes']:,} statements")
    print(f"phrase index for statement_keywords (first use, once per corpus): {data['index_seconds']:.1f} s")
    print(f"filter change over {data['count']} random filters (median {data['median_rows']:,.0f} rows, "
          f"max {data['max_rows']:,} rows):")
    for label, key, number in (("keywords_for_texts", "old", 0), ("statement_keywords", "new", 1)):
        p50, p95, most = data[key]
        print(f"  with {label}: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, max {most * 1000:.0f} ms; "
              f"no filter (all statements) {data['unfiltered'][number] * 1000:.0f} ms")
    total = sum(v for k, v in data["parts"].items() if k != KEYWORDS_NEW)
    print("\n| function | share of filter-change time (with keywords_for_texts) | mean ms | no filter ms |")
    print("|---|---:|---:|---:|")
    for name, sec in sorted(data["parts"].items(), key=lambda item: -item[1]):
        share = "-" if name == KEYWORDS_NEW else f"{sec / total:.0%}"
        print(f"| {name} | {share} | {sec / data['count'] * 1000:.1f} | "
              f"{data['unfiltered_parts'][name] * 1000:.0f} |")

    if args.skip_browser:
        return
    corpus = load_corpus(store_dir)
    options = query.option_values(corpus)
    filter_query = f"?country={options['country'][0]}&topic={options['topic'][0]}"
    del corpus
    app = measure_app(store_dir, filter_query)
    print(f"\nserver /_stcore/health after {app['health']:.1f} s")
    print(f"first chart on /overview: cold {app['cold']:.1f} s, warm (second session) {app['warm']:.1f} s")
    print("pages (s, without filter): " + ", ".join(f"{k} {v:.1f}" for k, v in app["pages"].items()))
    print(f"pages (s, with {filter_query}): " + ", ".join(f"{k} {v:.1f}" for k, v in app["pages_filtered"].items()))
    print(f"server RSS: idle {app['idle_mb']:.0f} MB, after all pages {app['after_plain_mb']:.0f} MB, "
          f"after filtered pages {app['end_mb']:.0f} MB, peak sampled {app['peak_mb']:.0f} MB, "
          f"VmHWM {app['hwm_mb']:.0f} MB")


if __name__ == "__main__":
    main()
