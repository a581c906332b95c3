"""The server's share of one page's first view: the landing page, then the page, in Streamlit's AppTest.

    .venv/bin/python benchmarks/page_apptest.py STORE [PAGE]    # PAGE: briefing (default), reader...

Runs ``dashboard.py`` of the current directory's checkout on ``STORE`` in this process (no browser),
then switches to ``pages/PAGE.py``, and prints the seconds of each run and whether the page raised:
what the app's own code costs a first visit, without the browser's drawing.
"""

from __future__ import annotations

import os
import sys
import time


def main() -> None:
    """Time the landing run and the page's first run."""
    store, page = sys.argv[1], (sys.argv[2] if len(sys.argv) > 2 else "briefing")
    sys.path.insert(0, os.getcwd())
    os.environ["QUOTE_ATLAS_STORE"] = store
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(os.path.join(os.getcwd(), "dashboard.py"), default_timeout=900)
    started = time.perf_counter()
    app.run()
    landing = time.perf_counter() - started
    started = time.perf_counter()
    app.switch_page(f"pages/{page}.py").run()
    print(f"landing {landing:.2f} s, {page} {time.perf_counter() - started:.2f} s, exceptions {len(app.exception)}")


if __name__ == "__main__":
    main()
