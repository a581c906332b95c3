"""AppTest: every page shows the same numbers on the 300-article store read through the engine
(a current warehouse) and read as pandas frames (no warehouse), for filters including ones that
match nothing, a search by meaning and corrections in force; with the engine no corpus is loaded.
"""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.app.opening import open_app

PAGES = ["pages/overview.py", "pages/quotes.py", "pages/countries.py", "pages/topics.py", "pages/speakers.py"]
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
    """The numbers and texts a page shows: metrics, captions, notices, tables and chart data."""
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
    }


@pytest.mark.parametrize("view", VIEWS)
def test_pages_show_the_same_with_and_without_the_engine(stores, monkeypatch, view):
    engine_store, frames_store = stores
    for page in PAGES:
        with_engine = open_app(engine_store, monkeypatch, page, **VIEWS[view])
        with_frames = open_app(frames_store, monkeypatch, page, **VIEWS[view])
        assert shown(with_engine) == shown(with_frames), (view, page)
        assert not with_engine.exception and not with_engine.error
        if view.startswith("no match"):
            assert any("No statements match" in i.value for i in with_engine.info), page


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
