"""Every page's time in a real browser and the app's memory, on a store read through the engine.

Starts ``streamlit run dashboard.py`` on ``STORE`` (``tests/browser/server.py``), opens each page
in headless Chromium (Playwright) and times it from navigation until the page has finished
(title drawn, no skeleton, no stale element, no running-status widget, still so 300 ms later;
a page with charts also until its first Plotly SVG is drawn). Three rounds in fresh sessions:

- ``first``: the first visit of every page after the server started (the first one pays for
  opening the store: the engine's connection, or loading the corpus without a warehouse);
- ``again``: the same pages again (answers shared between sessions);
- ``filtered``: every page with ``--query`` (a view no session has computed yet).

The server's RSS (the process and its children) is sampled every 50 ms; the report gives the
peak, the kernel's high-water mark (VmHWM) and the peak sampled during each view. Whether the
store's warehouse is current (the engine answers) is printed with the figures.

With ``--floor`` the same rounds time a minimal app instead (``benchmarks/floor_app.py``: a title
and a line of text, then the same with one Plotly chart), started the same way: what Streamlit
and headless Chromium cost per fresh session on this machine, the floor under every page.

With ``--breakdown`` every view is also broken down (``benchmarks/page_probe.py``): HTML and
DOM ready, when the browser asked for the script run, its first element, the end of the run
(the server's share), what came after it, the browser's main-thread seconds (script, layout,
style), the websocket's kilobytes per element type and the JavaScript loaded.

With ``--warm`` every view opens a new page (a new session) in one browser context, whose HTTP
cache and compiled scripts stay, as a returning visitor's browser keeps them; by default every
view has a context of its own (a first visitor's empty browser).

With ``--navigate`` a last round moves through the pages by their sidebar links in one session
(the app's own navigation: no new page load, the browser's scripts loaded once).

With ``--apptest`` the pages run in this process instead (Streamlit's AppTest, no browser):
the landing page's first run (imports and opening the store included), each page's first run
and a rerun (answers shared), and this process's peak RSS: the server's own share of a page.

With ``--first-chart`` the browser is started first, then the server, and the seconds from the
server's start until the Overview's first chart is drawn in a first session are measured before
the rounds (the rounds' Overview is then no longer the store's first view). The store's files are
compared before and after: the app must not write into a store whose warehouse is current.

Usage::

    .venv/bin/python benchmarks/page_times.py STORE [--query "?country=DEU"] [--pages overview,quotes,...]
    .venv/bin/python benchmarks/page_times.py STORE --first-chart [--port 8650]
    .venv/bin/python benchmarks/page_times.py STORE --apptest [--query "?country=DEU"]
    .venv/bin/python benchmarks/page_times.py STORE --floor --first-chart --breakdown [--port 8670]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from benchmarks.corpus_scale import CHROMIUM, CHROMIUM_ARGS, MemorySampler  # noqa: E402
from benchmarks.page_probe import Probe, View, breakdown_table  # noqa: E402
from benchmarks.store_check import store_files  # noqa: E402
from tests.browser.server import PAGE_DONE_JS, start_dashboard  # noqa: E402

PAGES = ["overview", "quotes", "countries", "topics", "speakers", "reader", "corpus", "compare", "briefing"]
#: Pages whose finished state has a Plotly chart (on the stores measured).
CHART_PAGES = {"overview", "countries", "topics", "speakers", "compare", "briefing"}


@dataclass
class App:
    """What is served and visited: the app file, each page's path, the pages drawing a chart."""

    script: str = "dashboard.py"
    paths: dict[str, str] = field(default_factory=lambda: {name: f"/{name}" for name in PAGES})
    chart_pages: set[str] = field(default_factory=lambda: set(CHART_PAGES))
    first_chart: str = "/overview"


#: The floor (``benchmarks/floor_app.py``): a title and a line of text; the same with one chart.
FLOOR = App(script="benchmarks/floor_app.py", paths={"text": "/", "chart": "/?chart=1"}, chart_pages={"chart"},
            first_chart="/?chart=1")
#: With ``--warm``: the one browser context every view opens a page in (its HTTP cache and compiled
#: scripts kept, as a returning visitor's browser keeps them; each view is still a new session).
WARM: dict = {}
#: Each view's breakdown as ``round/page`` -> :class:`benchmarks.page_probe.View` (with ``--breakdown``).
VIEWS: dict[str, View] = {}


def _finished(page) -> None:
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')
    page.wait_for_function(PAGE_DONE_JS)


#: How the app's last line of defence begins its message (``ui/shell.py``).
SORRY = "Sorry, this view could not be shown"
#: The pages that showed an exception or an error box, as ``round/page`` (filled by :func:`page_seconds`).
ERRORS: list[str] = []


def page_seconds(browser, url: str, name: str, query: str, app: App | None = None, probe_as: str = "") -> float:
    """Seconds from navigation to ``/name?query`` in a new session until the page has finished
    (a page showing an exception or the app's error message is noted in :data:`ERRORS`); with
    ``probe_as`` its breakdown is kept in :data:`VIEWS` under that name.
    """
    app = app or App()
    context = WARM.get("context") or browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(300_000)
    probe = Probe(context, page) if probe_as else None
    path = app.paths.get(name, f"/{name}")
    if query:
        path += ("&" if "?" in path else "?") + query.lstrip("?")
    if probe:
        probe.start()
    start = time.perf_counter()
    page.goto(f"{url}{path}")
    _finished(page)
    if name in app.chart_pages and not page.query_selector('[data-testid="stAlert"]'):
        page.wait_for_selector('[data-testid="stMain"] [data-testid="stPlotlyChart"] svg.main-svg')
    page.wait_for_timeout(300)
    _finished(page)
    took = time.perf_counter() - start - 0.3
    if probe:
        VIEWS[probe_as] = probe.view(start + took)
    if page.locator('[data-testid="stException"]').count() or page.get_by_text(SORRY).count():
        ERRORS.append(f"{name}{query}")
    if WARM:
        page.close()
    else:
        context.close()
    return took


#: The title (h1) of each page, to tell that a link's page has replaced the one before.
TITLES = {"overview": "Quote Atlas", "quotes": "Quotes", "countries": "Countries", "topics": "Topics",
          "speakers": "Speakers", "reader": "Reader", "corpus": "Corpus", "compare": "Compare",
          "briefing": "Briefing"}


def navigation_seconds(browser, url: str, pages: list[str], query: str) -> dict[str, float]:
    """Seconds from a click on each page's sidebar link until that page has finished, all in one
    session opened on the first page (not timed): how long a page takes as a user moves through
    the app (the links carry the filters; the browser's scripts are loaded once).
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(300_000)
    page.goto(f"{url}/{pages[0]}{query}")
    _finished(page)
    took = {}
    for name in [*pages[1:], pages[0]]:
        link = page.locator(f'[data-testid="stSidebar"] a[data-testid="stPageLink-NavLink"][href^="{name}"]')
        start = time.perf_counter()
        link.first.click(timeout=30_000)
        page.wait_for_function("""(title) => {
            const h1 = document.querySelector('[data-testid="stMainBlockContainer"] h1');
            return h1 && h1.textContent.trim() === title;
        }""", arg=TITLES[name])
        _finished(page)
        if name in CHART_PAGES and not page.query_selector('[data-testid="stAlert"]'):
            page.wait_for_selector('[data-testid="stMain"] [data-testid="stPlotlyChart"] svg.main-svg')
        page.wait_for_timeout(300)
        _finished(page)
        took[name] = time.perf_counter() - start - 0.3
        if page.locator('[data-testid="stException"]').count() or page.get_by_text(SORRY).count():
            ERRORS.append(f"in-app {name}{query}")
    context.close()
    return took


def first_chart_seconds(browser, url: str, started: float, path: str = "/overview", probe_as: str = "") -> float:
    """Seconds from ``started`` (the server's start, ``time.perf_counter``) until the first Plotly
    chart of /overview is drawn in a new session (the store opened by that first view); with
    ``probe_as`` its breakdown (from navigation) is kept in :data:`VIEWS` under that name.
    """
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(300_000)
    probe = Probe(context, page) if probe_as else None
    if probe:
        probe.start()
    page.goto(f"{url}{path}")
    page.wait_for_selector('[data-testid="stMain"] [data-testid="stPlotlyChart"] svg.main-svg')
    drawn = time.perf_counter()
    _finished(page)
    if probe:
        VIEWS[probe_as] = probe.view(drawn)
    context.close()
    return drawn - started


def measure(store: str, pages: list[str], query: str, first_chart: bool = False, port: int | None = None,
            app: App | None = None, breakdown: bool = False, warm: bool = False, navigate: bool = False) -> dict:
    """The three rounds of every page and the server's memory (see the module docstring); with
    ``first_chart``, first the seconds from the server's start to the Overview's first chart
    (``app``: what is served, the dashboard by default; ``breakdown``: keep each view's in :data:`VIEWS`;
    ``warm``: every view in one browser context, :data:`WARM`; ``navigate``: then a round "in-app" of
    :func:`navigation_seconds`).
    """
    app = app or App()
    from playwright.sync_api import sync_playwright

    before = store_files(store)
    rounds: dict[str, dict[str, float]] = {}
    after_page: dict[str, float] = {}  # the server's RSS after each page of the first round
    view_peaks: dict[str, dict[str, float]] = {}  # the server's peak RSS during each view
    loads = [os.getloadavg()[0]]  # the machine's 1-minute load average before and after each round
    with sync_playwright() as playwright:
        # The browser starts before the server: its own start is not the app's.
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        if warm:
            WARM["context"] = browser.new_context(viewport={"width": 1400, "height": 1000})
        started = time.perf_counter()
        process, url, health = start_dashboard(store, timeout=300, port=port, script=app.script)
        sampler = MemorySampler(process.pid)
        sampler.start()
        try:
            chart = (first_chart_seconds(browser, url, started, app.first_chart, "first chart" if breakdown else "")
                     if first_chart else None)
            for label, suffix in (("first", ""), ("again", ""), ("filtered", query)):
                rounds[label], view_peaks[label] = {}, {}
                for name in pages:
                    sampler.window_mb()
                    rounds[label][name] = page_seconds(browser, url, name, suffix, app,
                                                       f"{label}/{name}" if breakdown else "")
                    view_peaks[label][name] = sampler.window_mb()
                    if label == "first":
                        after_page[name] = sampler.current_mb()
                loads.append(os.getloadavg()[0])
            if navigate and app.script == "dashboard.py":
                rounds["in-app"] = navigation_seconds(browser, url, pages, "")
                loads.append(os.getloadavg()[0])
            browser.close()
            time.sleep(0.5)
            return {"health": health, "first_chart": chart, "rounds": rounds, "peak_mb": sampler.peak_kb / 1024,
                    "hwm_mb": sampler.hwm_kb / 1024, "end_mb": sampler.current_mb(), "loads": loads,
                    "after_page": after_page, "view_peaks": view_peaks, "store_unchanged": store_files(store) == before}
        finally:
            sampler.running = False
            process.terminate()
            process.wait(timeout=30)


def apptest_seconds(store: str, pages: list[str], query: str) -> None:
    """Print the landing run, each page's first run and rerun in AppTest, and the peak RSS."""
    import logging
    import resource
    import urllib.parse

    from streamlit.testing.v1 import AppTest

    logging.disable(logging.CRITICAL)
    os.environ["QUOTE_ATLAS_STORE"] = store
    dashboard = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "dashboard.py")
    params = urllib.parse.parse_qs(query.lstrip("?"))
    print(f"| page {query} | landing s | page s | rerun s |\n|---|---:|---:|---:|")
    for name in pages:
        at = AppTest.from_file(dashboard, default_timeout=900)
        for key, values in params.items():
            at.query_params[key] = values if len(values) > 1 else values[0]
        times = [time.perf_counter()]
        at.run()
        times.append(time.perf_counter())
        at.switch_page(f"pages/{name}.py").run()
        times.append(time.perf_counter())
        at.run()
        times.append(time.perf_counter())
        print(f"| {name} | " + " | ".join(f"{b - a:.2f}" for a, b in zip(times, times[1:], strict=False)) + " |"
              + (" exception" if at.exception else ""))
    print(f"\npeak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main(argv: list[str] | None = None) -> None:
    """Measure and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--query", default="?country=DEU", help="URL query of the filtered round")
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--apptest", action="store_true", help="run the pages in this process (no browser)")
    parser.add_argument("--first-chart", action="store_true",
                        help="first time from the server's start to the Overview's first chart (a first visit)")
    parser.add_argument("--port", type=int, default=None, help="the server's port (default: a free one)")
    parser.add_argument("--floor", action="store_true",
                        help="time the minimal app benchmarks/floor_app.py (text; one chart) instead of the pages")
    parser.add_argument("--breakdown", action="store_true",
                        help="also break every view down: server run, websocket bytes, browser main thread")
    parser.add_argument("--navigate", action="store_true",
                        help="then move through the pages by the sidebar's links in one session (round in-app)")
    parser.add_argument("--warm", action="store_true",
                        help="every view a new session in one browser context (cached, compiled scripts kept)")
    args = parser.parse_args(argv)
    if args.apptest:
        apptest_seconds(args.store, args.pages.split(","), args.query)
        return
    from analysis.engine import WarehouseMissing, open_engine
    from analysis.store import list_batches

    try:
        engine = open_engine(args.store)
        current = engine.is_current()
        statements = engine.store_facts()["statements"]
    except WarehouseMissing:
        current, statements = False, None
    app = FLOOR if args.floor else App()
    pages = list(FLOOR.paths) if args.floor else args.pages.split(",")
    result = measure(args.store, pages, args.query, first_chart=args.first_chart, port=args.port, app=app,
                     breakdown=args.breakdown, warm=args.warm, navigate=args.navigate)
    print(f"store {args.store}: {len(list_batches(args.store))} batches, {statements or '?'} statements, "
          f"warehouse current: {current}; server healthy after {result['health']:.1f} s; "
          f"the store's files unchanged by the app: {result['store_unchanged']}")
    if result["first_chart"] is not None:
        print(f"first chart (Overview) {result['first_chart']:.2f} s after the server's start")
    rounds = result["rounds"]
    labels = [r for r in ("first", "again", "filtered", "in-app") if r in rounds]
    print("\n| page | first visit s | again s | filtered " + args.query + " s"
          + (" | by the sidebar link, one session s" if "in-app" in rounds else "") + " |\n|---|"
          + "---:|" * len(labels))
    for name in rounds["first"]:
        print(f"| {name} | " + " | ".join(f"{rounds[r][name]:.2f}" for r in labels) + " |")
    print("\napp RSS after each page of the first round: "
          + ", ".join(f"{name} {mb:.0f}" for name, mb in result["after_page"].items()) + " MB")
    print(f"app RSS: peak {result['peak_mb']:.0f} MB (VmHWM {result['hwm_mb']:.0f} MB), "
          f"at the end {result['end_mb']:.0f} MB")
    for label, peaks in result["view_peaks"].items():
        print(f"app RSS peak during each view, {label}: " + ", ".join(f"{n} {mb:.0f}" for n, mb in peaks.items()))
    print("pages showing an error: " + (", ".join(ERRORS) or "none"))
    print("load average (1 min) before and after each round: " + ", ".join(f"{v:.1f}" for v in result["loads"]))
    if VIEWS:
        print("\nWhere each view's seconds went (from navigation; benchmarks/page_probe.py):\n")
        print(breakdown_table(VIEWS))


if __name__ == "__main__":
    main()
