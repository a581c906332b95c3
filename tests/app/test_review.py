"""Review and correct on the 300-article store (issue #17 item 7): hide a statement and fix a speaker
and countries from the Quotes and Reader pages; counts, filters, charts and the brief follow; the
Corrections panel on the Corpus page lists the log and undoes a correction.
"""

from __future__ import annotations

import json
import os
import re
import shutil

import pytest

from analysis.store import load_corpus
from tests.app.opening import open_app

NEW_SPEAKER = "Test Analyst Speaker"


@pytest.fixture(scope="module")
def review_store(shared_corpus_store, tmp_path_factory):
    """A private copy of the 300-article store: these tests write its corrections log."""
    path = str(tmp_path_factory.mktemp("review") / "store")
    shutil.copytree(shared_corpus_store, path)
    return path


def statements_in_sidebar(at) -> int:
    """The statement count of the sidebar caption ("294 articles · 4,940 statements ...")."""
    caption = next(c.value for c in at.sidebar.caption if " statements" in c.value)
    return int(re.search(r"([\d,]+) statements", caption).group(1).replace(",", ""))


def form_widget(at, kind: str, suffix: str):
    """The review form's widget whose key ends with ``suffix`` (its key names the statement)."""
    return next(w for w in getattr(at, kind) if w.key and w.key.startswith("quotes_") and w.key.endswith(suffix))


def log_table(at):
    """The Corrections panel's table of the log."""
    return next(d.value for d in at.dataframe if "Who" in d.value.columns)


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, at.exception


def log_lines(store: str) -> list[dict]:
    with open(os.path.join(store, "corrections.jsonl"), encoding="utf-8") as handle:
        return [json.loads(line) for line in handle]


def test_hide_fix_speaker_and_countries_then_undo(review_store, monkeypatch):
    at = open_app(review_store, monkeypatch, "pages/quotes.py", versions="all")
    before = statements_in_sidebar(at)
    hidden_key = form_widget(at, "text_input", "_speaker").key

    # Hide the statement shown first.
    click(at, "Hide this statement")
    assert statements_in_sidebar(at) == before - 1
    assert any("Statement hidden" in s.value for s in at.success)
    assert any("1 correction applied" in c.value for c in at.sidebar.caption)
    assert form_widget(at, "text_input", "_speaker").key != hidden_key  # the next one is shown
    assert [e["action"] for e in log_lines(review_store)] == ["hide"]

    # Fix the speaker and the countries of the one now shown first, under a name typed once.
    form_widget(at, "text_input", "_who").input("Ana Lyst").run()
    form_widget(at, "text_input", "_speaker").input(NEW_SPEAKER)
    form_widget(at, "multiselect", "_countries").set_value(["ISL"])
    click(at, "Save corrections")
    assert any("Saved: speaker, countries" in s.value for s in at.success)
    entries = log_lines(review_store)
    assert [e["action"] for e in entries] == ["hide", "speaker", "countries"]
    assert entries[1]["who"] == "Ana Lyst" and entries[1]["new"] == NEW_SPEAKER
    assert entries[2]["new"] == ["ISL"]

    # The filters, the charts and the brief see the corrected statement.
    speaker = open_app(review_store, monkeypatch, "pages/speakers.py", speaker=NEW_SPEAKER, versions="all")
    assert statements_in_sidebar(speaker) == before - 1
    assert re.search(r"\b1 statement\b", speaker.caption[0].value), speaker.caption[0].value
    assert any(NEW_SPEAKER in chart.proto.spec for chart in speaker.get("plotly_chart"))  # the speakers bar
    stored = load_corpus(review_store, texts=False).quote_countries  # as analysed, without corrections
    in_iceland = stored.loc[stored["iso3"] == "ISL", "quote_id"].nunique()
    iceland = open_app(review_store, monkeypatch, "pages/countries.py", country="ISL", versions="all")
    assert re.search(rf"\b{in_iceland + 1} statements?\b", iceland.caption[0].value), iceland.caption[0].value
    brief = open_app(review_store, monkeypatch, "pages/briefing.py", speaker=NEW_SPEAKER, versions="all")
    assert any("3 corrections applied" in c.value for c in brief.caption)

    # Undo the hide from the Corrections panel: the statement is back, nothing was deleted.
    corpus = open_app(review_store, monkeypatch, "pages/corpus.py", versions="all")
    corpus.session_state["corpus_tab"] = "Corrections"  # the tabs run lazily: open it
    corpus.run()
    table = log_table(corpus)
    assert table["Who"].tolist() == ["Ana Lyst", "Ana Lyst", "analyst"]
    assert table["Status"].tolist() == ["applied"] * 3
    hide_id = table.loc[table["What"] == "hid the statement", "Entry"].iloc[0]
    corpus.selectbox(key="corrections_undo_pick").select(hide_id)  # in a form: sent by its button
    click(corpus, "Undo")
    assert statements_in_sidebar(corpus) == before
    assert [e["action"] for e in log_lines(review_store)] == ["hide", "speaker", "countries", "undo"]
    table = log_table(corpus)
    assert table["Status"].tolist() == ["undo", "applied", "applied", "undone"]
    assert any("2 corrections applied" in c.value for c in corpus.sidebar.caption)


def test_reader_page_reviews_the_article_statements(review_store, monkeypatch):
    at = open_app(review_store, monkeypatch, "pages/reader.py", versions="all")
    before = statements_in_sidebar(at)
    key = next(s.key for s in at.selectbox if s.key.startswith("reader_review_"))
    count = len(at.selectbox(key=key).options)
    quotes = load_corpus(review_store, texts=False).quotes
    article = quotes[quotes["article_id"] == key.removeprefix("reader_review_")].sort_values("start")
    at.selectbox(key=key).set_value(article["quote_id"].iloc[-1]).run()  # the article's last statement
    assert not at.exception and at.selectbox(key=key).index == count - 1
    click(at, "Hide this statement")
    assert statements_in_sidebar(at) == before - 1
    assert log_lines(review_store)[-1]["action"] == "hide"
    assert len(at.selectbox(key=key).options) == count - 1  # gone from the list; another one picked
    assert at.selectbox(key=key).value is not None


def test_a_broken_log_line_is_reported_on_the_corpus_page(review_store, monkeypatch):
    with open(os.path.join(review_store, "corrections.jsonl"), "a", encoding="utf-8") as handle:
        handle.write('{"id": "c-000000000bad", "action": "hide", "who": "<script>alert(1)</script>"\n')
        handle.write("not json at all\n")
    at = open_app(review_store, monkeypatch, "pages/corpus.py", versions="all")
    at.session_state["corpus_tab"] = "Corrections"  # the tabs run lazily: open it
    at.run()
    warnings = [w.value for w in at.warning if "skipped" in w.value]  # Markdown source: escaped
    assert len(warnings) == 2 and all(re.search(r"line \d+: not JSON", w) for w in warnings), warnings
    assert not at.exception


HOSTILE = "[click](http://evil.example) <img src=x onerror=alert(1)> :red[boo]"


def test_hostile_corrections_are_shown_as_text(review_store, monkeypatch):
    from analysis.store.corrections import append_correction, statement_key

    row = load_corpus(review_store, texts=False).quotes.iloc[3]
    key = statement_key(row["article_id"], row["text"], row["start"], row["end"])
    append_correction(review_store, HOSTILE[:80], "speaker", key, old=None, new=HOSTILE)
    for page, params in (("pages/quotes.py", {"speaker": HOSTILE}), ("pages/corpus.py", {})):
        at = open_app(review_store, monkeypatch, page, versions="all", **params)
        if page == "pages/corpus.py":
            at.session_state["corpus_tab"] = "Corrections"  # the tabs run lazily: open it
            at.run()
        shown = [e.value for kind in ("markdown", "caption", "success", "warning", "info", "error", "title")
                 for e in getattr(at, kind)]
        # md() escapes each: an unescaped link, tag or colour directive would be markup
        assert not [v for v in shown if re.search(r"(?<!\\)\]\(http|(?<!\\)<img|(?<!\\):red\[", v)], shown
    # the Quotes page found the statement by its corrected (hostile) speaker
    quotes = open_app(review_store, monkeypatch, "pages/quotes.py", speaker=HOSTILE, versions="all")
    assert re.search(r"\b1 statement\b", quotes.caption[0].value), quotes.caption[0].value
