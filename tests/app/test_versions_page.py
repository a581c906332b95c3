"""Versions of one story in the app (300-article store): counted once by default, listed on the
Corpus page and the Reader, and the sidebar switch (``?versions=all``) undoes it on every page.
"""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from tests.app.opening import DASHBOARD


def header_count(at: AppTest) -> int:
    """The number of statements the page header says match."""
    return int(re.search(r"([\d,]+) statements?", at.caption[0].value).group(1).replace(",", ""))


def open_page(page: str, params: dict[str, str] | None = None) -> AppTest:
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    for name, value in (params or {}).items():
        at.query_params[name] = value
    at.run()
    return at.switch_page(page).run()


def test_repeats_count_once_by_default_and_the_switch_undoes_it(real_store):
    from analysis.store import load_corpus

    total = len(load_corpus(real_store, texts=False).quotes)
    at = open_page("pages/quotes.py")
    assert not at.exception
    once = header_count(at)
    assert 0 < total - once < total // 10
    assert at.toggle(key="count_versions_once").value is True
    at.toggle(key="count_versions_once").set_value(False).run()
    assert header_count(at) == total
    assert at.query_params["versions"] in ("all", ["all"])
    linked = open_page("pages/overview.py", {"versions": "all"})
    assert linked.toggle(key="count_versions_once").value is False
    assert header_count(linked) == total


def test_the_corpus_page_and_the_reader_list_the_versions(real_store):
    at = open_page("pages/corpus.py")
    at.session_state["corpus_tab"] = "Articles"  # the tabs run lazily: open it
    at.run()
    assert not at.exception
    lines = [m.value for m in at.markdown]
    story = next(i for i, line in enumerate(lines) if "versions of “Kilroy launches 'Veritas' party”" in line)
    links = re.findall(r"/reader\?article=(\w+)", lines[story + 1] + lines[story + 2])
    assert len(links) == 2
    reader = open_page("pages/reader.py", {"article": links[1]})
    assert not reader.exception
    note = next(c.value for c in reader.caption if "versions of this story" in c.value)
    assert links[0] in note
