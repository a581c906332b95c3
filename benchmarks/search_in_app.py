"""The Corpus page's text search inside the app (AppTest, no browser): seconds and the process's memory.

``page_times.py`` visits the Corpus page but types no search; this opens the dashboard on a store in one
process, switches to the Corpus page, types each query into its search box in turn and prints, per query,
the seconds of the script run and the process's resident memory after it and its high-water mark (VmHWM).

    .venv/bin/python benchmarks/search_in_app.py STORE [--query missile --query minister ...]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, REPO)


def _memory_mb() -> tuple[float, float]:
    """Resident memory of this process and its high-water mark, MB (Linux /proc)."""
    fields = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            name, _, value = line.partition(":")
            fields[name] = value
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> None:
    """Open the app on the store, search, print one JSON line per step."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("store")
    parser.add_argument("--query", action="append", help="a search (repeat; default: missile, minister, ...)")
    args = parser.parse_args()
    queries = args.query or ["missile", "minister", '"prime minister"', "zzzqqqxx"]
    os.environ["QUOTE_ATLAS_STORE"] = args.store
    from streamlit.testing.v1 import AppTest

    started = time.perf_counter()
    app = AppTest.from_file(os.path.join(REPO, "dashboard.py"), default_timeout=600)
    app.run()
    app.switch_page("pages/corpus.py").run()
    app.session_state["corpus_tab"] = "Search the text"  # pages/corpus.py TAB_KEY: the search tab opened
    app.run()
    rss, peak = _memory_mb()
    print(json.dumps({"step": "corpus page", "seconds": round(time.perf_counter() - started, 2),
                      "rss_mb": round(rss), "peak_mb": round(peak), "error": bool(app.exception)}), flush=True)
    for query in queries:
        began = time.perf_counter()
        app.text_input(key="corpus_search").input(query).run()
        rss, peak = _memory_mb()
        print(json.dumps({"step": f"search {query}", "seconds": round(time.perf_counter() - began, 2),
                          "rss_mb": round(rss), "peak_mb": round(peak), "error": bool(app.exception),
                          "captions": [c.value for c in app.caption][:2]}), flush=True)


if __name__ == "__main__":
    main()
