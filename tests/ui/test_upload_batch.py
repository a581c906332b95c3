"""One date and outlet for an upload batch (ui.upload.set_for_batch), and the Corpus page that offers it."""

import os

import pytest
from streamlit.testing.v1 import AppTest

from analysis.ingest import make_article
from ui.upload import set_for_batch

DASHBOARD = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))),
                         "dashboard.py")
UNDATED = make_article("The minister said the talks would resume.", source="a.txt")
DATED = make_article("The minister said no.", source="b.txt", date="2014-05-01", outlet="Reuters")

CASES = [
    # (date, outlet, replace, expected (date, outlet) of UNDATED and DATED, error?)
    ("2024-06-12", "", False, [("2024-06-12", None), ("2014-05-01", "Reuters")], False),
    ("12 June 2024", "Example News", False, [("2024-06-12", "Example News"), ("2014-05-01", "Reuters")], False),
    ("12 June 2024", "Example News", True, [("2024-06-12", "Example News"), ("2024-06-12", "Example News")], False),
    ("", "  Example   News ", False, [(None, "Example News"), ("2014-05-01", "Reuters")], False),
    ("", "", True, [(None, None), ("2014-05-01", "Reuters")], False),
    ("next week", "", False, [(None, None), ("2014-05-01", "Reuters")], True),  # not a date: nothing set, said so
    ("31 February 2024", "X", False, [(None, "X"), ("2014-05-01", "Reuters")], True),
]


@pytest.mark.parametrize(("date", "outlet", "replace", "expected", "error"), CASES)
def test_set_for_batch(date, outlet, replace, expected, error):
    articles, message = set_for_batch([UNDATED, DATED], date, outlet, replace)
    assert [(a.date, a.outlet) for a in articles] == expected
    assert [a.id for a in articles] == [UNDATED.id, DATED.id]  # the text, and so the id, never changes
    assert bool(message) is error


def test_the_corpus_page_sets_a_date_and_outlet_for_the_batch(fresh_store, monkeypatch):
    monkeypatch.setenv("QUOTE_ATLAS_STORE", fresh_store)
    at = AppTest.from_file(DASHBOARD, default_timeout=120).run()
    at.switch_page("pages/corpus.py").run()
    at.text_area(key="corpus_paste_text").input("BERLIN (Reuters) - Chancellor Olaf Scholz said Germany would "
                                                "send more help.").run()
    assert any("Dated by the files: 0 of 1" in c.value and "outlet: 1 of 1" in c.value for c in at.caption)
    at.text_input(key="corpus_batch_date").input("12 June 2024").run()
    at.text_input(key="corpus_batch_outlet").input("Example News").run()
    assert not at.exception
    table = at.dataframe(key="corpus_editor").value
    assert table["date"].tolist() == ["2024-06-12"] and table["outlet"].tolist() == ["Reuters"]  # the text's kept
    at.checkbox(key="corpus_batch_replace").check().run()
    assert at.dataframe(key="corpus_editor").value["outlet"].tolist() == ["Example News"]
    at.text_input(key="corpus_batch_date").input("soon").run()
    assert any("not a date" in w.value for w in at.warning)
