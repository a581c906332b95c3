"""AppTest: every page shows the same numbers on the 300-article store read through the engine
(a current warehouse) and read as pandas frames (no warehouse), for filters including ones that
match nothing, a search by meaning and corrections in force; with the engine no corpus is loaded.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest
import streamlit as st

from tests.app.opening import open_app

PAGES = ["pages/overview.py", "pages/quotes.py", "pages/countries.py", "pages/topics.py", "pages/speakers.py",
         "pages/reader.py", "pages/compare.py", "pages/briefing.py", "pages/corpus.py"]

#: URL parameters of the compared views (the last two match nothing).
VIEWS = {
    "all": {},
    "every copy": {"versions": "all"},
    "country": {"country": "DEU"},
    "about": {"country": ["RUS", "UKR"], "country_scope": "about"},
    "topic confident": {"topic": "elections", "confident": "1"},
    "speaker by alias": {"speaker": "blair"},
    "search": {"q": "minister"},
    "meaning": {"q": "~energy security"},
    "no match": {"q": "zzyzxqq"},
    "no match combined": {"country": "DEU", "speaker": "Tony Blair", "topic": "courts_law"},
    "compare countries": {"by": "country", "a": "RUS", "b": "UKR"},
    "compare speakers, every copy": {"by": "speaker", "a": "Tony Blair", "b": "Michael Howard", "versions": "all"},
    "compare topics in a country": {"country": "GBR", "by": "topic", "a": "elections", "b": "economy"},
    "compare periods": {"by": "period", "a": "1988-01-01..1990-12-31", "b": "1991-01-01..1994-12-31"},
    "compare an unknown speaker": {"by": "speaker", "a": "Tony Blair", "b": "Zzyzx Qqq"},
    "article": {"article": "23fdd9981f854764"},
    "article, filtered": {"article": "23fdd9981f854764", "speaker": "blair"},
}


def _without_warehouse(store: str, path: str) -> str:
    shutil.copytree(store, path)
    for name in os.listdir(path):
        if name.startswith("warehouse"):
            os.remove(os.path.join(path, name))
    return path


@pytest.fixture(scope="module")
def stores(shared_corpus_store, tmp_path_factory):
    """(a copy with its warehouse, a copy without) of the 300-article store."""
    root = tmp_path_factory.mktemp("engine_pages")
    with_warehouse = str(root / "engine")
    shutil.copytree(shared_corpus_store, with_warehouse)
    return with_warehouse, _without_warehouse(shared_corpus_store, str(root / "frames"))


def shown(at) -> dict:
    """The numbers and texts a page shows: metrics, captions, notices, tables, chart data, HTML
    (the annotated article, the brief's quotes) and the choices offered.
    """
    charts = []
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        charts.append([{k: trace.get(k) for k in ("x", "y", "z", "locations", "text", "customdata")}
                       for trace in spec["data"]])
    return {
        "metrics": [(m.label, m.value) for m in at.metric],
        "captions": [c.value for c in at.caption],
        "notices": [e.value for e in (*at.info, *at.warning, *at.error)],
        "markdown": [m.value for m in at.markdown],
        "tables": [d.value.to_csv(index=False) for d in at.dataframe],
        "charts": charts,
        "html": [e.proto.body for e in at.get("html")],
        "choices": [(b.label, list(b.options), b.value) for b in at.selectbox],
    }


@pytest.mark.parametrize("view", VIEWS)
def test_pages_show_the_same_with_and_without_the_engine(stores, monkeypatch, view):
    engine_store, frames_store = stores
    for page in PAGES:
        with_engine = open_app(engine_store, monkeypatch, page, **VIEWS[view])
        with_frames = open_app(frames_store, monkeypatch, page, **VIEWS[view])
        assert shown(with_engine) == shown(with_frames), (view, page)
        assert not with_engine.exception and not with_engine.error
        if page == "pages/corpus.py":  # its tabs run lazily: the listing's too
            for at in (with_engine, with_frames):
                at.session_state["corpus_tab"] = "Articles"
                at.run()
            assert shown(with_engine) == shown(with_frames), (view, page, "Articles")
        if view.startswith("no match"):
            said = [i.value for i in with_engine.info] + [c.value for c in with_engine.caption]
            expected = {"pages/reader.py": "No article has statements", "pages/corpus.py": " · 0 statements · "}
            assert any(expected.get(page, "No statements match") in text for text in said), page


def test_compare_and_reader_views_show_what_they_are_about(stores, monkeypatch):
    engine_store, _ = stores
    at = open_app(engine_store, monkeypatch, "pages/compare.py", **VIEWS["compare countries"])
    sides = [(m.label, int(m.value.replace(",", ""))) for m in at.metric]
    assert [label for label, _ in sides] == ["Statements", "Speakers", "Articles"] * 2
    assert sides[0][1] > 100 and sides[3][1] > 100 and len(at.get("plotly_chart")) == 3
    at = open_app(engine_store, monkeypatch, "pages/compare.py", **VIEWS["compare an unknown speaker"])
    # The unknown side stays the side and is said (qa3): nothing else compared in its place.
    assert any("attributed to “Zzyzx Qqq”" in w.value and "Kept in the link" in w.value for w in at.warning)
    at = open_app(engine_store, monkeypatch, "pages/compare.py", **VIEWS["compare periods"])
    assert any("Undated statements belong to no period" in c.value for c in at.caption)
    assert int(at.metric[0].value.replace(",", "")) > 0 and int(at.metric[3].value.replace(",", "")) > 0
    at = open_app(engine_store, monkeypatch, "pages/reader.py", **VIEWS["article"])
    assert at.selectbox(key="reader_article").value == "23fdd9981f854764"
    assert "qa-q qa-dim" not in "".join(e.proto.body for e in at.get("html"))  # nothing filtered: none dimmed
    at = open_app(engine_store, monkeypatch, "pages/reader.py", country="GBR")
    assert "qa-q qa-dim" in "".join(e.proto.body for e in at.get("html"))  # statements naming no GBR dimmed


def test_briefing_formats_and_downloads_agree_both_ways(stores, monkeypatch):
    engine_store, frames_store = stores
    for form, confident in (("slide", True), ("a4", False), ("long", True)):
        seen = []
        for store in (engine_store, frames_store):
            extra = {"confident": "1"} if confident else {}
            at = open_app(store, monkeypatch, "pages/briefing.py", country="RUS", **extra)
            at.radio(key="brief_form").set_value(form)
            at.run()
            assert not at.exception
            seen.append(shown(at))
        assert seen[0] == seen[1], (form, confident)
        assert any(" statements · " in c for c in seen[0]["captions"]), form


def test_story_versions_on_the_engine_come_from_the_warehouse_at_any_size(stores, tmp_path, monkeypatch):
    """The warehouse keeps the stories its build found: the pages list them for a store of any size;
    a warehouse built before it kept them lists them for a small store only, and says so for a large one.
    """
    import duckdb

    from analysis.store.warehouse import warehouse_path
    from ui import data

    monkeypatch.setattr(data, "VERSIONS_IN_REQUEST", 10)  # every store here counts as large
    large = str(tmp_path / "large")  # a store the app has not opened yet
    shutil.copytree(stores[0], large)
    reader = open_app(large, monkeypatch, "pages/reader.py", article="23fdd9981f854764")
    assert any("2 versions of this story are stored" in c.value for c in reader.caption)
    corpus = open_app(large, monkeypatch, "pages/corpus.py")
    corpus.session_state["corpus_tab"] = "Articles"
    corpus.run()
    assert "Versions" in corpus.dataframe[0].value.columns

    older = str(tmp_path / "older")
    shutil.copytree(stores[0], older)
    with duckdb.connect(warehouse_path(older)) as con:
        con.execute("DROP TABLE stories")
    st.cache_resource.clear()
    st.cache_data.clear()
    corpus = open_app(older, monkeypatch, "pages/corpus.py")
    corpus.session_state["corpus_tab"] = "Articles"
    corpus.run()
    assert "Versions" not in corpus.dataframe[0].value.columns
    assert any("Versions of one story are not listed" in c.value for c in corpus.caption)
    reader = open_app(older, monkeypatch, "pages/reader.py", article="23fdd9981f854764")
    assert not any("versions of this story" in c.value for c in reader.caption)
    monkeypatch.setattr(data, "VERSIONS_IN_REQUEST", 2_000)  # a small store: found from its texts
    st.cache_resource.clear()
    st.cache_data.clear()
    reader = open_app(older, monkeypatch, "pages/reader.py", article="23fdd9981f854764")
    assert any("2 versions of this story are stored" in c.value for c in reader.caption)


def test_engine_pages_never_load_the_corpus(shared_corpus_store, tmp_path, monkeypatch):
    from ui import data

    store = str(tmp_path / "engine_only")
    shutil.copytree(shared_corpus_store, store)

    def refuse(path):
        raise AssertionError(f"the corpus of {path} was loaded")

    monkeypatch.setattr(data, "load_app_corpus", refuse)
    for page in PAGES:
        at = open_app(store, monkeypatch, page, country="DEU")
        assert at.caption and not at.exception
    at = open_app(store, monkeypatch, "pages/compare.py", by="topic", a="elections", b="war")
    assert at.metric and not at.exception
    at = open_app(store, monkeypatch, "pages/corpus.py")
    at.session_state["corpus_tab"] = "Search the text"  # the tabs run lazily: open it
    at.run()
    at.text_input(key="corpus_search").input("minister").run()
    assert any("match" in c.value for c in at.caption) and not at.exception
    at = open_app(store, monkeypatch, "pages/overview.py")
    assert int(at.metric[0].value.replace(",", "")) > 1000


def test_corrections_and_a_stale_warehouse_fall_back_to_the_same_numbers(stores, tmp_path, monkeypatch):
    from analysis.engine import open_engine
    from analysis.query import Filters
    from analysis.store import list_batches
    from analysis.store.corrections import append_correction, statement_key

    engine_store, frames_store = stores
    corrected, plain = str(tmp_path / "corrected"), str(tmp_path / "corrected_frames")
    shutil.copytree(engine_store, corrected)
    shutil.copytree(frames_store, plain)
    row = open_engine(engine_store).filter_quotes(Filters(countries=("DEU",)), limit=1).iloc[0]
    for store in (corrected, plain):
        append_correction(store, "tester", "hide", statement_key(row["article_id"], row["text"], row["start"],
                                                                   row["end"]))
    before = open_app(engine_store, monkeypatch, "pages/overview.py", country="DEU")
    after = open_app(corrected, monkeypatch, "pages/overview.py", country="DEU")
    assert int(after.metric[0].value.replace(",", "")) == int(before.metric[0].value.replace(",", "")) - 1
    assert shown(after) == shown(open_app(plain, monkeypatch, "pages/overview.py", country="DEU"))

    # A batch the warehouse does not hold (as after an upload in the app): the pandas path answers.
    stale, fresh = str(tmp_path / "stale"), str(tmp_path / "stale_frames")
    shutil.copytree(engine_store, stale)
    _without_warehouse(engine_store, fresh)
    for store in (stale, fresh):
        shutil.rmtree(os.path.join(store, "batches", list_batches(store)[-1]))
    for page in ("pages/overview.py", "pages/speakers.py"):
        assert shown(open_app(stale, monkeypatch, page)) == shown(open_app(fresh, monkeypatch, page)), page


def test_representative_statements_agree_both_ways(stores):
    """The brief's pick of a speaker's statements: SQL on the engine, Python on the frames."""
    from analysis.engine import open_engine
    from analysis.query import Filters
    from analysis.store import load_corpus
    from ui.selection import EngineSelection, FrameSelection

    engine_store, frames_store = stores
    filters = Filters(versions_once=False)
    engine = EngineSelection(open_engine(engine_store), filters)
    frames = FrameSelection(load_corpus(frames_store, texts=False), filters)
    speakers = engine.speaker_counts()["speaker"].head(8).tolist()
    assert speakers == frames.speaker_counts()["speaker"].head(8).tolist()
    for speaker in speakers:
        mine, theirs = engine.narrowed(speaker), frames.narrowed(speaker)
        phrases = [k.phrase for k in mine.keywords(8)]
        assert phrases == [k.phrase for k in theirs.keywords(8)]
        for limit in (3, 500):
            got = mine.representative(phrases, limit, ("quote_id", "text"))
            assert got["quote_id"].tolist() == theirs.representative(phrases, limit, ("quote_id", "text"))[
                "quote_id"].tolist(), (speaker, limit)
        assert mine.mentions_in_order() == theirs.mentions_in_order()
    assert engine.representative(["minister"], 5, ("quote_id",)).shape == (5, 1)
    assert engine.narrowed("Nobody Atall").representative(["x"], 5, ("quote_id",)).empty
