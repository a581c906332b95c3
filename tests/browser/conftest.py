"""A real Streamlit server on the seed store and Debian's headless Chromium driven by Playwright.

Skipped (with the reason) when /usr/bin/chromium is missing; `make test` installs it.
"""

import os

import pytest

from tests.browser.server import PAGE_DONE_JS, serve

CHROMIUM = os.environ.get("QUOTE_ATLAS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
TIMEOUT_MS = 60_000


@pytest.fixture(scope="session")
def server(seed_store):
    """Base URL of a headless Streamlit server running dashboard.py on the seed store."""
    yield from _serve(seed_store)


@pytest.fixture()
def fresh_server(seed_store):
    """A server started for one test: the test's first request is the server's first visit."""
    yield from _serve(seed_store)


@pytest.fixture()
def private_server(fresh_store):
    """A server on a private copy of the seed store, for tests that add articles."""
    yield from _serve(fresh_store)


def _serve(store: str):
    yield from serve(store)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"{CHROMIUM} not installed (make test installs Debian's chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    yield tab
    context.close()


def open_page(page, url: str) -> None:
    """Go to ``url`` and wait until Streamlit has finished running the script."""
    page.goto(url)
    page.wait_for_selector('[data-testid="stApp"]')
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1')
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    settle(page)


def settle(page) -> None:
    """Wait until the script run has ended, no lazy element is still a loading skeleton and nothing is stale.

    The end of the run is read from ``stApp``'s ``data-test-script-state`` (what Streamlit's own
    browser tests wait for): the status widget alone is not enough, because Streamlit shows it only
    500 ms into a run, so a page that draws its title early (the Reader: the article comes after
    its statements and the store's story versions are read) looked finished before it was.
    """
    page.wait_for_function(PAGE_DONE_JS)
    page.wait_for_timeout(200)


def screenshot(page, name: str) -> None:
    """Save a full-page PNG when QUOTE_ATLAS_SCREENSHOTS names a folder."""
    folder = os.environ.get("QUOTE_ATLAS_SCREENSHOTS")
    if folder:
        os.makedirs(folder, exist_ok=True)
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)
