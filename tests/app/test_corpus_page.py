"""AppTest of the Corpus page: pasting an article analyses it into the store."""

import os

from streamlit.testing.v1 import AppTest

DASHBOARD = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                         "dashboard.py")
PASTED = ("Chancellor Olaf Scholz said on Monday that Germany would send more air defence systems to Ukraine. "
          "\u201cWe will stand by Kyiv as long as it takes,\u201d Scholz told reporters in Berlin.")


def test_pasted_article_is_offered_with_editable_metadata(fresh_store, monkeypatch):
    # Clicking "Analyse and add" is exercised in the real browser (tests/browser/test_upload_in_browser.py):
    # AppTest loses button clicks when it re-runs a page without the entry point.
    monkeypatch.setenv("QUOTE_ATLAS_STORE", fresh_store)
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    at.switch_page("pages/corpus.py").run()
    at.text_area(key="corpus_paste_text").input(PASTED).run()
    at.text_input(key="corpus_paste_title").input("Scholz on air defence").run()
    assert not at.exception
    button = at.button(key="corpus_add")
    assert button.label == "Analyse and add 1 article(s)" and not button.disabled
    table = at.dataframe(key="corpus_editor").value
    assert table["title"].tolist() == ["Scholz on air defence"]
    assert table["status"].tolist() == ["new"]


def test_pasting_the_seed_again_is_recognised_as_stored(fresh_store, seed_text, monkeypatch):
    monkeypatch.setenv("QUOTE_ATLAS_STORE", fresh_store)
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    at.switch_page("pages/corpus.py").run()
    at.text_area(key="corpus_paste_text").input(seed_text).run()
    assert at.button(key="corpus_add").disabled
    assert any("duplicate" in c.value for c in at.caption)
