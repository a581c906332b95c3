"""Every page's engine calls for a few selections, each selection in a fresh process.

    .venv/bin/python benchmarks/engine_pages.py STORE [--memory-mb 256] [--scenarios none,country,...]
        [--root CHECKOUT]

For each scenario a new Python process opens STORE's warehouse (:class:`analysis.engine.Engine`,
DuckDB memory limit ``--memory-mb``, 2 threads) and times the calls a page makes of it, method by
method (only the outermost engine call is timed: ``tone_by_target`` calling ``cross_counts``
counts once), then prints one Markdown row per method with its calls and seconds, the scenario's
total and the process's peak RSS. ``--root`` imports ``analysis`` and ``ui`` of another checkout
(e.g. main's, for the figures before a change).

Scenarios (the values are read from the store: the most quoted country, speaker and so on):

- ``none``, ``country`` (the most named country), ``country2`` (the tenth), ``speaker`` (the
  most quoted speaker), ``country_speaker`` (the top country and its top speaker): the page
  methods beyond the filter charts (``summary``, ``tone_bins``, ``tone_measure``,
  ``country_evidence``, ``date_range``, the Quotes page's recent statements, statements by
  article and by outlet; for the scenario's speaker, as the Briefing asks: the speaker's
  mentions, the key phrases and representative statements of the selection narrowed to the
  speaker, and a comparison side of that speaker) and
  the landing charts (count, first page, counts, pairs, months, crossed tables, key phrases);
- ``briefing``: the one-page brief of the confident statements (the Briefing with the sidebar's
  "Confident statements only" ticked; the brief's own default until session 20,
  :func:`ui.brief.from_selection.selection_brief` on an :class:`ui.selection.EngineSelection`):
  for each top speaker a narrowed selection's key phrases, representative statements and mentions;
- ``compare``: the Compare page of the two most quoted speakers (two sides, the compared
  phrases' background counts and the store's phrase total);
- ``reader``: the Reader page's calls (:class:`ui.selection.EngineSelection`): the articles offered,
  one article's statements and mentions, and which of them the confident selection holds;
- ``names``: resolving a typed speaker name (:meth:`ui.selection.Source.resolve_speaker`: the
  aliases of every speaker, made once per process);
- ``union``: the landing charts of the three most named countries together.

The store is only read: its files' sizes and modification times are compared before and after
each scenario, and a change is reported.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import resource
import subprocess
import sys
import time
from collections import defaultdict

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCENARIOS = ("none", "country", "country2", "speaker", "country_speaker", "briefing", "compare", "reader", "names",
             "union")


def _timer(engine_class, spent: dict) -> None:
    """Wrap the public methods of ``engine_class`` and its mixins: each outermost call adds its seconds to ``spent``."""
    depth = [0]

    def wrap(name, method):
        @functools.wraps(method)
        def timed(*args, **kwargs):
            depth[0] += 1
            started = time.perf_counter()
            try:
                return method(*args, **kwargs)
            finally:
                depth[0] -= 1
                if depth[0] == 0:
                    spent[name][0] += 1
                    spent[name][1] += time.perf_counter() - started
        return timed

    # The Engine's methods live on it and on its mixins (analysis/engine/clustered.py, kept.py, ...): the
    # attributes of every class of its MRO, the Engine's own last, are wrapped on the Engine itself.
    methods = {}
    for klass in reversed(engine_class.__mro__[:-1]):
        methods.update(vars(klass))
    for name, method in methods.items():
        if callable(method) and not name.startswith("_") and name not in ("is_current", "sample", "search_positions"):
            setattr(engine_class, name, wrap(name, method))


def _page_calls(engine, filters, speaker: str | None) -> None:
    """The engine calls of the pages for one selection (see the module docstring)."""
    engine.count(filters)
    engine.filter_quotes(filters, limit=50)
    engine.speaker_counts(filters, limit=2000)
    engine.country_counts(filters)
    engine.topic_counts(filters)
    engine.country_pairs(filters)
    for row, column in (("speaker", "countries"), ("topics", "countries"), ("speaker", "topics")):
        engine.cross_counts(filters, row, column)
    engine.statements_over_time(filters)
    engine.undated_statements(filters)
    engine.statement_keywords(filters, top_n=10)
    engine.summary(filters)
    engine.tone_bins(filters, 20)
    engine.tone_by_target(filters, "speaker", "countries")
    engine.country_evidence(filters)
    engine.date_range(filters)
    engine.statement_page(filters, ("quote_id", "text", "speaker", "date", "title"), recent=True, limit=50)
    engine.statements_by(filters, "outlet")
    engine.statements_by(filters, "article_id")
    if speaker is not None:  # the Briefing's calls for one of its speakers, the Compare page's side
        engine.statement_page(filters, ("speaker_mention",), speaker=speaker)
        narrowed = dataclasses.replace(filters, speakers=(speaker,))
        phrases = [k.phrase for k in engine.statement_keywords(narrowed, top_n=8)]
        engine.representative_page(narrowed, phrases, 4)
        engine.side_counts(filters, "speaker", speaker)


def run(store: str, scenario: str, memory_mb: int) -> dict:
    """Time one scenario in this process; the per-method seconds, total and peak RSS."""
    from analysis import engine as engine_module
    from analysis.query import Filters

    spent: dict = defaultdict(lambda: [0, 0.0])
    _timer(engine_module.Engine, spent)
    started = time.perf_counter()
    engine = engine_module.Engine(store, memory_mb, 2)
    # The values of the selections, read from the pre-counted tables (not timed as a page's).
    countries = [c for (c,) in engine._sql("SELECT iso3 FROM agg_country ORDER BY statements DESC, iso3")]  # noqa: SLF001
    speakers = [s for (s,) in engine._sql("SELECT speaker FROM agg_speaker ORDER BY statements DESC, speaker")]  # noqa: SLF001
    spent.clear()
    opened = time.perf_counter() - started
    detail = ""
    if scenario in ("none", "country", "country2", "speaker", "country_speaker"):
        filters, speaker = {
            "none": (Filters(), speakers[0]),
            "country": (Filters(countries=(countries[0],)), None),
            "country2": (Filters(countries=(countries[min(9, len(countries) - 1)],)), None),
            "speaker": (Filters(speakers=(speakers[0],)), speakers[0]),
            "country_speaker": (Filters(countries=(countries[0],)), None),
        }[scenario]
        if scenario == "country_speaker":
            top = engine_module.Engine.speaker_counts.__wrapped__(engine, filters, limit=1)["speaker"].iloc[0]
            filters = dataclasses.replace(filters, speakers=(top,))
            speaker = top
        elif scenario in ("country", "country2"):
            speaker = engine_module.Engine.speaker_counts.__wrapped__(engine, filters, limit=1)["speaker"].iloc[0]
        spent.clear()
        detail = f"{filters.countries or ''} {filters.speakers or ''}; speaker {speaker}"
        _page_calls(engine, filters, speaker)
    elif scenario == "briefing":
        from ui.brief.from_selection import selection_brief
        from ui.selection import EngineSelection

        filters = Filters(min_confidence=0.5)
        brief = selection_brief(EngineSelection(engine, filters))
        detail = f"confident statements; {len(brief.groups)} speakers, {brief.statements:,} statements"
    elif scenario == "compare":
        every = Filters()
        a = engine.side_counts(every, "speaker", speakers[0])
        b = engine.side_counts(every, "speaker", speakers[1])
        engine.phrase_counts(Filters(versions_once=False), names=sorted(set(a["phrases"]) | set(b["phrases"])))
        engine.phrase_total(Filters(versions_once=False))
        detail = f"{speakers[0]} ({a['statements']:,}) vs {speakers[1]} ({b['statements']:,})"
    elif scenario == "reader":
        from ui.selection import EngineSelection

        offered, listed, _recent = EngineSelection(engine, Filters()).article_choices(2_000)
        article_id = offered["article_id"].iloc[len(offered) // 2]
        quotes, mentions = EngineSelection(engine, Filters()).article(article_id)
        matching = EngineSelection(engine, Filters(min_confidence=0.5)).quote_ids_in(article_id)
        detail = (f"{len(offered):,} of {listed:,} articles offered; {article_id}: {len(quotes)} statements, "
                  f"{len(matching)} confident, {len(mentions)} mentions")
    elif scenario == "names":
        from ui.selection import Source

        source = Source(articles=0, statements=0, repeats=0, stories=None, load_corpus=None, engine=engine)
        typed = speakers[0].split()[-1].lower()
        detail = f"{typed!r} -> {source.resolve_speaker(typed)!r}"
    elif scenario == "union":
        filters = Filters(countries=tuple(countries[:3]))
        _page_calls(engine, filters, None)
        detail = f"{filters.countries}"
    else:
        raise ValueError(f"unknown scenario {scenario!r}")
    return {"scenario": scenario, "detail": detail, "open": opened,
            "total": time.perf_counter() - started - opened,
            "methods": {name: [n, round(s, 3)] for name, (n, s) in spent.items()},
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}


def main() -> None:
    """Run each scenario in a fresh process (or, with ``--run``, one scenario here) and print the tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--memory-mb", type=int, default=256)
    parser.add_argument("--scenarios", default=",".join(SCENARIOS))
    parser.add_argument("--root", default=HERE, help="the checkout whose analysis/ and ui/ are timed")
    parser.add_argument("--run", help=argparse.SUPPRESS)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if args.run:
        sys.path.insert(0, args.root)
        print(json.dumps(run(args.store, args.run, args.memory_mb)))
        return
    sys.path.insert(0, HERE)
    from benchmarks.store_check import store_files

    results = []
    for scenario in args.scenarios.split(","):
        before = store_files(args.store)
        load = os.getloadavg()[0]
        done = subprocess.run([sys.executable, os.path.abspath(__file__), args.store, "--run", scenario,
                               "--memory-mb", str(args.memory_mb), "--root", args.root],
                              capture_output=True, text=True, cwd=args.root)
        if done.returncode:
            print(f"{scenario}: failed\n{done.stderr[-2000:]}", flush=True)
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        result["load"] = (load, os.getloadavg()[0])
        changed = store_files(args.store) != before
        results.append(result)
        print(f"\n### {scenario}: {result['detail']}\n\ntotal {result['total']:.2f} s (open {result['open']:.2f} s), "
              f"peak RSS {result['peak_rss_mb']} MB, load {load:.1f}-{os.getloadavg()[0]:.1f}"
              f"{', STORE CHANGED' if changed else ', store unchanged'}\n", flush=True)
        print("| method | calls | seconds |\n|---|---:|---:|")
        for name, (n, seconds) in sorted(result["methods"].items(), key=lambda item: -item[1][1]):
            print(f"| {name} | {n} | {seconds:.3f} |", flush=True)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(results, handle, indent=1)


if __name__ == "__main__":
    main()
