"""Start the dashboard as a real headless Streamlit server on a given store.

Shared by the browser tests (``tests/browser/conftest.py``) and the scale benchmark
(``benchmarks/corpus_scale.py``), which both drive it with Debian's Chromium. It lives under
``tests/`` because tests never import ``benchmarks``; it needs no pytest.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
#: A JavaScript predicate: the page's script run has ended (``stApp``'s ``data-test-script-state``,
#: what Streamlit's own browser tests wait for), no lazy element is still a loading skeleton and
#: nothing is stale. The status widget alone is not enough: Streamlit shows it only 500 ms into a
#: run, so a page that draws its title early looked finished before it was.
PAGE_DONE_JS = """() => !!document.querySelector('[data-testid="stApp"][data-test-script-state="notRunning"]')
    && !document.querySelector('[data-testid="stSkeleton"], [data-testid="stSkeletonElement"],'
        + ' [data-testid="stAppSkeleton"], [data-stale="true"], [data-testid="stStatusWidget"]')"""


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_dashboard(store_dir: str, timeout: float = 90.0, port: int | None = None,
                    env: dict[str, str] | None = None,
                    script: str = "dashboard.py") -> tuple[subprocess.Popen, str, float]:
    """Run ``streamlit run dashboard.py`` on ``store_dir`` and wait until it answers.

    Args:
        store_dir: The store the app reads (``QUOTE_ATLAS_STORE``).
        timeout: Seconds to wait for ``/_stcore/health``.
        port: The port to serve on (default: a free one).
        env: Variables set for the server on top of this process's (e.g. ``QUOTE_ATLAS_MEMORY_MB``).
        script: The app file, relative to the repo (a benchmark's minimal app instead of the dashboard).

    Returns:
        The server process, its base URL and the seconds it took to become healthy.

    Raises:
        RuntimeError: When the server does not answer in time (it is killed).
    """
    port = port or free_port()
    env = {**os.environ, **(env or {}), "QUOTE_ATLAS_STORE": store_dir}
    start = time.perf_counter()
    # The output is not read: a pipe could fill up and stall the server.
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, url, time.perf_counter() - start
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError(f"streamlit did not answer /_stcore/health within {timeout:.0f} s")


def serve(store_dir: str):
    """For a pytest fixture: yield the URL of a fresh server on ``store_dir``, stop it afterwards
    (a server that does not start fails the test)."""
    import pytest

    try:
        process, url, _seconds = start_dashboard(store_dir, timeout=60)
    except RuntimeError as error:
        pytest.fail(str(error))
    yield url
    process.terminate()
    process.wait(timeout=20)
