"""The first visit of a freshly started server shows the app, never Streamlit's legacy page list.

With ``pages/`` next to ``dashboard.py``, the first script run of a new server is Streamlit's
legacy multipage mode, whose menu lists the file names (``dashboard``, ``briefing``, ...).
Each test starts its own server and records, from before the first byte arrives, every state
of the page (a MutationObserver), then checks what the visitor saw along the way.
"""

import json
import os

import pytest

from tests.browser.conftest import open_page, screenshot
from ui.shell import PAGE_SPECS, PAGES_DIR

pytestmark = pytest.mark.browser

LABELS = [title for _file, title, _icon, _path in PAGE_SPECS]
RAW_NAMES = {"dashboard"} | {name[:-3] for name in os.listdir(PAGES_DIR) if name.endswith(".py")}

#: Records each distinct state: Streamlit's own navigation items, our sidebar links (labels
#: without their icon), the headings, and whether the status widget says the script runs.
RECORDER = """
window.__states = [];
const record = () => {
  const text = (el) => (el.querySelector('[data-testid="stMarkdownContainer"]') || el).innerText.trim();
  const state = JSON.stringify({
    builtin: [...document.querySelectorAll('[data-testid="stSidebarNav"], [data-testid="stSidebarNavLink"],'
                                           + ' [data-testid="stTopNavLink"]')].map(text),
    links: [...document.querySelectorAll('[data-testid="stSidebar"] a')].map(text),
    sidebar: [...document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stMarkdownContainer"]')]
      .map(text),
    h1: [...document.querySelectorAll('h1')].map((h) => h.innerText.trim()),
  });
  if (window.__states[window.__states.length - 1] !== state) window.__states.push(state);
};
new MutationObserver(record).observe(document, {subtree: true, childList: true, characterData: true});
"""


@pytest.mark.parametrize(("path", "heading", "final_path"), [
    ("/", "Quote Atlas", "/overview"),
    ("/quotes?country=DEU", "Quotes", "/quotes?country=DEU"),
])
def test_first_visit_of_a_fresh_server_shows_the_app(fresh_server, page, path, heading, final_path):
    page.add_init_script(RECORDER)
    open_page(page, fresh_server + path)
    screenshot(page, "first-visit" + path.split("?")[0].replace("/", "-"))
    states = [json.loads(s) for s in page.evaluate("window.__states")]

    # Streamlit's own (legacy) menu never showed, and no file name ever stood in the sidebar.
    assert not [s["builtin"] for s in states if s["builtin"]]
    shown = {text for s in states for text in s["links"] + s["sidebar"]}
    assert not shown & RAW_NAMES, f"file names shown: {shown & RAW_NAMES}"
    # The sidebar links are the app's labels whenever they show, and they show no later than
    # the page itself (the frame comes first, the analysis code and the corpus load under it).
    assert all(s["links"] in ([], LABELS) for s in states), [s["links"] for s in states if s["links"]]
    first_page_state = next(s for s in states if s["h1"])
    assert first_page_state["links"] == LABELS
    # The page in the end: its heading, the title, the filters from the link, the shell around it.
    assert page.locator("h1").first.inner_text().strip() == heading
    assert page.title() == "Quote Atlas"
    assert page.url.endswith(final_path)
    assert page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').count() == 3
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[role="dialog"]').count() == 0, "no 'page not found' dialog"
