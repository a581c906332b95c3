"""The Corrections panel's table of the log (ui/review.py) and the corrected corpus of ui/data.py: a
correction changes the store state (filter options, briefs, the view's fingerprint) and applies on
the next load; without a log the corpus is the stored one."""

from analysis.store import load_corpus
from analysis.store.corrections import Correction, append_correction, statement_key
from ui import data
from ui.review import log_table

KEY = {"article": "a1", "text": "0123456789abcdef", "start": 0, "end": 10, "excerpt": "We will talk."}


def _entry(number, action, new=None, old=None, target=None):
    return Correction(f"c-{number:012x}", "ana", f"2026-12-05T23:0{number}:00Z", action,
                      None if action == "undo" else KEY, old=old, new=new,
                      target=None if target is None else f"c-{target:012x}")


def test_the_log_table_lists_what_who_when_most_recent_first():
    entries = (_entry(1, "hide"), _entry(2, "speaker", "Jane Doe", None), _entry(3, "countries", ("DEU",), ("RUS",)),
               _entry(4, "undo", target=1))
    status = {entries[0].id: "undone", entries[1].id: "applied", entries[2].id: "not found", entries[3].id: "undo"}
    table = log_table(entries, status, {"a1": "Talks resume"})
    assert table["When (UTC)"].tolist()[0] == "2026-12-05 23:04:00"
    assert table["What"].tolist() == ["undo: hid the statement (c-000000000001)", "countries", "speaker",
                                      "hid the statement"]
    assert table["Status"].tolist() == ["undo", "statement not in the store: not applied", "applied", "undone"]
    assert table.loc[1, "Old"] == "Russia" and table.loc[1, "New"] == "Germany"
    assert table.loc[2, "Old"] == "(no named speaker)" and table.loc[2, "New"] == "Jane Doe"
    assert set(table["Article"]) == {"Talks resume"} and set(table["Statement"]) == {"We will talk."}


def test_a_correction_changes_the_store_state_and_the_loaded_corpus(fresh_store, monkeypatch):
    monkeypatch.setenv("QUOTE_ATLAS_STORE", fresh_store)
    data.forget_corpus()
    before = data.store_state(fresh_store)
    assert before == data.batch_state(fresh_store)  # no log: the batches alone
    stored = data.get_corpus()
    assert data.corrections(stored).applied == 0
    row = load_corpus(fresh_store).quotes.iloc[0]
    append_correction(fresh_store, "ana", "speaker", statement_key(row["article_id"], row["text"], row["start"],
                                                                   row["end"]), old=None, new="Jane Doe")
    after = data.store_state(fresh_store)
    assert after != before and after[:-1] == before
    corrected = data.get_corpus()
    assert data.corrections(corrected).applied == 1
    assert corrected.quotes.set_index("quote_id").loc[row["quote_id"], "speaker"] == "Jane Doe"
    assert len(corrected.quotes) == len(stored.quotes)
    data.forget_corpus()
