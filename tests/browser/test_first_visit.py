"""The first visit of a freshly started server shows the app, never Streamlit's legacy page list.

With ``pages/`` next to ``dashboard.py``, the first script run of a new server is Streamlit's
legacy multipage mode, whose menu lists the file names (``dashboard``, ``briefing``, ...).
Each test starts its own server and records, from before the first byte arrives, every state
of the page (a MutationObserver), then checks what the visitor saw along the way.

Streamlit loads the code of some elements lazily: until its page-link code has arrived, each
link sent stands in the sidebar as a loading skeleton, while a heading (in the main bundle)
already shows. On a loaded machine that code can arrive after the page's heading (CI saw it), so
"the links come first" is checked as "the links, or their skeletons, come first"; one case
delays that code on purpose so this path is always taken.
"""

import json
import os
import time

import pytest

from tests.browser.conftest import open_page, screenshot
from ui.shell import PAGE_SPECS, PAGES_DIR

pytestmark = pytest.mark.browser

LABELS = [title for _file, title, _icon, _path in PAGE_SPECS]
RAW_NAMES = {"dashboard"} | {name[:-3] for name in os.listdir(PAGES_DIR) if name.endswith(".py")}

#: Records each distinct state: Streamlit's own navigation items, our sidebar links (labels
#: without their icon), the sidebar's loading skeletons, the headings.
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
    skeletons: document.querySelectorAll('[data-testid="stSidebar"] [data-testid="stSkeleton"]').length,
    h1: [...document.querySelectorAll('h1')].map((h) => h.innerText.trim()),
  });
  if (window.__states[window.__states.length - 1] !== state) window.__states.push(state);
};
new MutationObserver(record).observe(document, {subtree: true, childList: true, characterData: true});
"""


#: Streamlit's lazily loaded page-link code (``static/js/PageLink.<hash>.js``).
PAGE_LINK_CODE = "**/PageLink.*.js"


@pytest.mark.parametrize(("path", "heading", "final_path", "link_code_delay_ms"), [
    ("/", "Quote Atlas", "/overview", 0),
    ("/quotes?country=DEU", "Quotes", "/quotes?country=DEU", 0),
    ("/quotes?country=DEU", "Quotes", "/quotes?country=DEU", 3000),
])
def test_first_visit_of_a_fresh_server_shows_the_app(fresh_server, page, path, heading, final_path,
                                                     link_code_delay_ms):
    if link_code_delay_ms:
        def late(route):
            time.sleep(link_code_delay_ms / 1000)  # only Playwright waits; the browser goes on
            route.continue_()
        page.route(PAGE_LINK_CODE, late)
    page.add_init_script(RECORDER)
    open_page(page, fresh_server + path)
    screenshot(page, "first-visit" + path.split("?")[0].replace("/", "-"))
    states = [json.loads(s) for s in page.evaluate("window.__states")]

    # Streamlit's own (legacy) menu never showed, and no file name ever stood in the sidebar.
    assert not [s["builtin"] for s in states if s["builtin"]]
    shown = {text for s in states for text in s["links"] + s["sidebar"]}
    assert not shown & RAW_NAMES, f"file names shown: {shown & RAW_NAMES}"
    # The sidebar links are the app's labels whenever they show, and they were drawn no later than
    # the page itself (the frame comes first, the analysis code and the corpus load under it):
    # shown, or standing as skeletons while Streamlit's page-link code loads.
    assert all(s["links"] in ([], LABELS) for s in states), [s["links"] for s in states if s["links"]]
    first_page_state = next(s for s in states if s["h1"])
    assert (first_page_state["links"] == LABELS
            or first_page_state["skeletons"] >= len(LABELS)), first_page_state
    assert states[-1]["links"] == LABELS
    # The page in the end: its heading, the title, the filters from the link, the shell around it.
    assert page.locator("h1").first.inner_text().strip() == heading
    assert page.title() == "Quote Atlas"
    assert page.url.endswith(final_path)
    assert page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').count() == 3
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[role="dialog"]').count() == 0, "no 'page not found' dialog"
