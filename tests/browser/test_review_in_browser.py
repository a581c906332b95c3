"""Review and correct in a real browser on the 300-article store: hide a statement and fix a speaker from
the Quotes page, see the sidebar count and "N corrections applied" follow, and undo from the Corrections
panel of the Corpus page (screenshots at 1400x1000 with QUOTE_ATLAS_SCREENSHOTS).
"""

import json
import os
import re
import shutil

import pytest

from tests.browser.conftest import open_page, screenshot, settle
from tests.browser.server import serve

NEW_SPEAKER = "Browser Test Speaker"


@pytest.fixture(scope="module")
def review_server(shared_corpus_store, tmp_path_factory):
    """A server on a private copy of the 300-article store (the test writes its corrections log)."""
    path = str(tmp_path_factory.mktemp("review-browser") / "store")
    shutil.copytree(shared_corpus_store, path)
    for url in serve(path):
        yield url, path


def sidebar_caption(page) -> str:
    """The sidebar line counting articles and statements (and corrections)."""
    return page.locator('[data-testid="stSidebar"] [data-testid="stCaptionContainer"]',
                        has_text="statements").first.inner_text()


def statements(page) -> int:
    return int(re.search(r"([\d,]+) statements", sidebar_caption(page)).group(1).replace(",", ""))


def rerun(page) -> None:
    """Wait until the run a click started has finished."""
    page.wait_for_timeout(500)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
    settle(page)


def alert(page, text: str) -> int:
    """Wait for the message holding ``text`` (the run a click started reruns once to show it) and count them."""
    messages = page.locator('[data-testid="stAlert"]', has_text=text)
    messages.first.wait_for(state="visible")
    rerun(page)
    return messages.count()


def open_review(page) -> None:
    """Open the "Review this statement" expander (when it is closed)."""
    summary = page.locator('[data-testid="stExpander"] summary', has_text="Review this statement")
    if not page.get_by_role("button", name="Hide this statement").is_visible():
        summary.click()
    page.get_by_role("button", name="Save corrections").wait_for(state="visible")
    page.wait_for_timeout(500)  # the expander's opening animation


def test_hide_fix_and_undo_in_the_browser(review_server, page):
    url, store = review_server
    open_page(page, f"{url}/quotes?versions=all")
    before = statements(page)
    open_review(page)
    screenshot(page, "review-quotes-panel")
    page.get_by_role("button", name="Hide this statement").click()
    assert alert(page, "Statement hidden") == 1
    assert statements(page) == before - 1 and "1 correction applied" in sidebar_caption(page)

    open_review(page)
    speaker = page.get_by_label("Speaker (empty: no named speaker)")
    speaker.fill(NEW_SPEAKER)
    page.get_by_role("button", name="Save corrections").click()
    assert alert(page, "Saved: speaker") == 1
    assert "2 corrections applied" in sidebar_caption(page)
    with open(os.path.join(store, "corrections.jsonl"), encoding="utf-8") as handle:
        entries = [json.loads(line) for line in handle]
    assert [(e["action"], e.get("new")) for e in entries] == [("hide", None), ("speaker", NEW_SPEAKER)]

    open_page(page, f"{url}/corpus?versions=all")
    page.get_by_role("tab", name="Corrections").click()  # runs the tab (lazy tabs): wait for its table
    page.get_by_role("button", name="Undo").wait_for(state="visible")
    page.locator('[data-testid="stDataFrame"]').last.wait_for(state="visible")
    settle(page)
    assert page.locator('[data-testid="stDataFrame"]').last.is_visible()  # the log (a canvas)
    screenshot(page, "review-corrections-panel")
    page.get_by_role("button", name="Undo").click()  # the most recent: the speaker fix
    assert alert(page, "Undone") == 1
    assert "1 correction applied" in sidebar_caption(page)
    assert statements(page) == before - 1  # the hide is still in force
    assert not page.locator('[data-testid="stException"]').count()
    with open(os.path.join(store, "corrections.jsonl"), encoding="utf-8") as handle:
        assert [json.loads(line)["action"] for line in handle] == ["hide", "speaker", "undo"]


def test_no_review_panel_in_presentation_mode(review_server, page):
    url, _store = review_server
    open_page(page, f"{url}/quotes?versions=all&present=1")
    screenshot(page, "review-quotes-presentation")
    assert page.locator("h3", has_text="The statement").count() == 1  # the page is drawn below the table
    assert page.locator('[data-testid="stExpander"]', has_text="Review this statement").count() == 0
