"""Tests for the app's data layer (ui.data): the brief is built once per filter and store state."""

import pytest

import ui.data as data
from analysis.query import Filters, filter_quotes
from analysis.store import load_corpus


@pytest.fixture()
def counted_builds(seed_store, monkeypatch):
    """Point the app at the seed store and count how often a brief is really built."""
    monkeypatch.setenv("QUOTE_ATLAS_STORE", seed_store)
    calls = []
    real = data.build_brief

    def counting(*args, **kwargs):
        calls.append(kwargs.get("title"))
        return real(*args, **kwargs)

    monkeypatch.setattr(data, "build_brief", counting)
    data._brief.clear()
    yield load_corpus(seed_store), calls
    data._brief.clear()


def test_brief_is_built_once_per_filter_and_headline(counted_builds):
    corpus, calls = counted_builds
    germany = Filters(countries=("DEU",))
    quotes = filter_quotes(corpus, germany)
    first = data.cached_brief(corpus, germany, quotes)
    again = data.cached_brief(corpus, germany, quotes)
    assert len(calls) == 1
    assert again.title == first.title and again.statements == first.statements == len(quotes)
    data.cached_brief(corpus, germany, quotes, "Germany in the interview")
    italy = Filters(countries=("ITA",))
    other = data.cached_brief(corpus, italy, filter_quotes(corpus, italy))
    assert len(calls) == 3
    assert other.statements != first.statements or other.title != first.title


def test_cached_brief_is_a_private_copy(counted_builds):
    corpus, _ = counted_builds
    filters = Filters(countries=("DEU",))
    quotes = filter_quotes(corpus, filters)
    first = data.cached_brief(corpus, filters, quotes)
    first.figures.clear()  # a page changing what it got must not change the next run's brief
    assert data.cached_brief(corpus, filters, quotes).figures
