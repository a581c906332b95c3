"""The Reader on a just-added article while the warehouse takes it (tests/browser/test_fresh_counts.py).

On a private copy of ``--store`` (a store with a warehouse), one article is committed without the
warehouse, as an upload in the app does; the dashboard then reads it through the loaded corpus. The
Reader link of the new article is opened ``--opens`` times before the warehouse is appended to, in
a loop while another process appends it (:func:`analysis.store.warehouse.write_warehouse`), and
``--opens`` times after. Each open is a new tab (a new session), as a link opens; for each it
reports whether the page shows the new article's text once the run has ended (stApp's
``data-test-script-state``), the milliseconds from the page's title to the article in the DOM, and
whether Streamlit's status widget appeared at all during the run (it is mounted only 500 ms into a
run: a test that waits for it alone can look before the article is drawn).

Usage::

    .venv/bin/python benchmarks/reader_after_append.py --store /work/store300k [--opens 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from analysis.build import build_store  # noqa: E402
from analysis.ingest import read_bytes  # noqa: E402
from analysis.store.batches import article_column  # noqa: E402
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, open_page  # noqa: E402
from tests.browser.server import start_dashboard  # noqa: E402

TEXT = ("Chancellor Olaf Scholz said on Monday that Germany would send more air defence systems to Ukraine. "
        "\u201cWe will stand by Kyiv as long as it takes,\u201d Scholz told reporters in Berlin.")
SHOWN = "We will stand by Kyiv"
#: Records when the title, the status widget and the article (legend + text: two st.html) first appear.
OBSERVE = """
window.__marks = {};
const start = performance.now();
new MutationObserver(() => {
  const mark = (name, found) => {
    if (!(name in window.__marks) && found) window.__marks[name] = performance.now() - start;
  };
  mark('title', document.querySelector('[data-testid="stMainBlockContainer"] h1'));
  mark('widget', document.querySelector('[data-testid="stStatusWidget"]'));
  mark('article', document.querySelectorAll('[data-testid="stHtml"]').length >= 2);
}).observe(document, {subtree: true, childList: true});
"""


def open_reader(context, url: str, article_id: str) -> dict:
    """Open the Reader on ``article_id`` in a new tab; what it showed once its run ended."""
    tab = context.new_page()
    tab.set_default_timeout(180_000)
    try:
        open_page(tab, f"{url}/reader?article={article_id}")
        shown = tab.get_by_text(SHOWN).count() >= 1
        marks = tab.evaluate("window.__marks")
    finally:
        tab.close()
    gap = marks["article"] - marks["title"] if {"article", "title"} <= marks.keys() else None
    return {"shown": shown, "title_to_article_ms": None if gap is None else round(gap), "widget": "widget" in marks}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--store", required=True, help="a store with a warehouse (copied, never changed)")
    parser.add_argument("--opens", type=int, default=3, help="opens before and after the append")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        store = os.path.join(folder, "store")
        shutil.copytree(args.store, store)
        before = set(article_column(store, "title"))
        build_store(store, read_bytes(TEXT.encode(), "scholz.txt").articles, batch_size=10, warehouse=False)
        (article_id,) = [a for a in article_column(store, "title") if a not in before]
        process, url, _ = start_dashboard(store)
        results = []
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                context.add_init_script(OBSERVE)
                for _ in range(args.opens):
                    results.append(("before", open_reader(context, url, article_id)))
                append = subprocess.Popen([sys.executable, "-c", "import sys; from analysis.store.warehouse import "
                                           "write_warehouse; write_warehouse(sys.argv[1])", store],
                                          cwd=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
                started = time.perf_counter()
                while append.poll() is None:
                    results.append(("during", open_reader(context, url, article_id)))
                print(f"append: {time.perf_counter() - started:.1f} s, exit {append.returncode}")
                for _ in range(args.opens):
                    results.append(("after", open_reader(context, url, article_id)))
                browser.close()
        finally:
            process.terminate()
            process.wait(timeout=30)
    for phase, result in results:
        print(phase, result)
    right = sum(result["shown"] for _, result in results)
    print(f"the new article shown: {right} of {len(results)}; status widget absent in "
          f"{sum(not result['widget'] for _, result in results)} of {len(results)} runs")


if __name__ == "__main__":
    main()
