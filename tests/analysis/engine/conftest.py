"""Fixtures shared by the engine's tests."""

from __future__ import annotations

import shutil

import pytest

from analysis import query
from analysis.engine import open_engine
from analysis.query import Filters
from analysis.store.warehouse import write_warehouse
from tests.analysis.engine.test_answers import SETTINGS, app_corpus


@pytest.fixture(scope="session")
def sliced(shared_corpus_store, tmp_path_factory) -> tuple:
    """(app corpus, engine whose warehouse slices every value, the filters to compare)."""
    store = str(tmp_path_factory.mktemp("sliced") / "store")
    shutil.copytree(shared_corpus_store, store)
    write_warehouse(store, slice_min=1)
    corpus = app_corpus(store)
    options = query.option_values(corpus)
    chosen = ([Filters(countries=(c,)) for c in options["country"][:4]]
              + [Filters(topics=(t,)) for t in options["topic"][:3]]
              + [Filters(speakers=(s,)) for s in options["speaker"][:3]])
    chosen += [Filters(countries=f.countries, topics=f.topics, speakers=f.speakers, versions_once=False)
               for f in chosen]
    engine = open_engine(store, SETTINGS)
    engine.union_min_statements = 0  # the store's unions are small: read from the slices all the same
    return corpus, engine, chosen


@pytest.fixture(scope="session")
def partly_sliced(shared_corpus_store, tmp_path_factory) -> tuple:
    """(app corpus, engine, countries with a slice, countries without) of a copy of the store whose
    values of 200 statements or more are sliced.
    """
    store = str(tmp_path_factory.mktemp("partly_sliced") / "store")
    shutil.copytree(shared_corpus_store, store)
    write_warehouse(store, slice_min=200)
    engine = open_engine(store, SETTINGS)
    engine.union_min_statements = 0
    counts = engine.country_counts(Filters(versions_once=False))
    common = counts[counts["statements"] >= 200]["iso3"].tolist()
    rare = counts[counts["statements"] < 200]["iso3"].tolist()
    return app_corpus(store), engine, common, rare
