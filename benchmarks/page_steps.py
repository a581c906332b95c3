"""Where one page's memory peak comes from: every call the page makes, with the RSS before and after
it and the peak during it.

Runs the landing page and then ``PAGE`` with ``--query`` in AppTest (one process, as the server runs
them) with every method of the selection (:mod:`ui.selection`) and the page's reads and widgets named
in :data:`CALLS` wrapped; a thread samples the process's RSS every 2 ms. Each line is printed when its
call returns, nested calls indented under their caller (which is printed after them). After the page
the pyarrow pool's free pages are handed back and the RSS printed again.

Usage::

    .venv/bin/python benchmarks/page_steps.py STORE [--page quotes] [--query "?country=DEU"]
"""

from __future__ import annotations

import argparse
import functools
import importlib
import logging
import os
import sys
import threading
import time
import urllib.parse

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)

#: (module, function) of the page's reads and widgets timed besides the selection's methods.
CALLS = (("ui.components", "download_selection"), ("ui.components", "quote_in_context"),
         ("ui.components", "statements_table"), ("ui.data", "article_text"), ("ui.data", "stored_article"),
         ("ui.review", "review_statement"), ("ui.layout", "page_selection"), ("ui.filters", "sidebar_filters"),
         ("streamlit", "dataframe"))
#: Selection methods not wrapped (the sharing machinery, not answers).
SKIPPED = ("_name", "_shared", "_kept_rows")


def rss_mb() -> float:
    """The process's resident memory now, MB."""
    with open("/proc/self/statm", encoding="ascii") as handle:
        return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class Sampler:
    """The highest RSS seen since the last :meth:`start` (sampled every 2 ms on a daemon thread)."""

    def __init__(self) -> None:
        """Start sampling."""
        self.peak = rss_mb()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        while True:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.002)

    def measure(self, label: str, call, depth: int):
        """``call()`` with its seconds, RSS before and after and peak printed under ``label``; the peak
        of an enclosing call still counts what this one reached.
        """
        before, outer = rss_mb(), self.peak
        self.peak = before
        start = time.perf_counter()
        try:
            return call()
        finally:
            peak = max(self.peak, rss_mb())
            print(f"{'  ' * depth}{label}: {time.perf_counter() - start:.2f} s, {before:.0f} -> {rss_mb():.0f} MB "
                  f"(peak {peak:.0f})", flush=True)
            self.peak = max(outer, peak)


def wrap_all(sampler: Sampler) -> None:
    """Wrap the selection's methods and :data:`CALLS` so each call is measured."""
    from ui import selection

    depth = [0]

    def wrapped(label, function):
        @functools.wraps(function)
        def call(*args, **kwargs):
            depth[0] += 1
            try:
                return sampler.measure(label, lambda: function(*args, **kwargs), depth[0])
            finally:
                depth[0] -= 1
        return call

    for name in ("Selection", "EngineSelection"):
        cls = getattr(selection, name)
        for method, function in list(vars(cls).items()):
            if callable(function) and not method.startswith("__") and method not in SKIPPED:
                setattr(cls, method, wrapped(f"{name}.{method}", function))
    for module, name in CALLS:
        loaded = importlib.import_module(module)
        setattr(loaded, name, wrapped(f"{module}.{name}", getattr(loaded, name)))


def main(argv: list[str] | None = None) -> None:
    """Run the landing page, then the page, and print each call's memory."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--page", default="quotes")
    parser.add_argument("--query", default="?country=DEU")
    args = parser.parse_args(argv)
    os.environ["QUOTE_ATLAS_STORE"] = os.path.abspath(args.store)
    logging.disable(logging.CRITICAL)
    from streamlit.testing.v1 import AppTest

    sampler = Sampler()
    wrap_all(sampler)
    params = urllib.parse.parse_qs(args.query.lstrip("?"))
    dashboard = os.path.join(REPO, "dashboard.py")
    AppTest.from_file(dashboard, default_timeout=900).run()
    print(f"---- landing page: RSS {rss_mb():.0f} MB", flush=True)
    at = AppTest.from_file(dashboard, default_timeout=900)
    for key, values in params.items():
        at.query_params[key] = values if len(values) > 1 else values[0]
    at.run()
    print(f"---- landing page with {args.query}: RSS {rss_mb():.0f} MB", flush=True)
    sampler.peak = rss_mb()
    at.switch_page(f"pages/{args.page}.py").run()
    print(f"---- {args.page}: RSS {rss_mb():.0f} MB, peak {sampler.peak:.0f} MB"
          f"{' (exception)' if at.exception else ''}")
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()
        print(f"---- after pyarrow's pool released its free pages: RSS {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
