"""The app's pages on the engine import no text-analysis library: in a fresh interpreter, every page
with and without a filter, then the modules loaded.

NLTK (the stemmer, VADER) and spaCy are what the build needs, not the pages: importing NLTK into
the app cost about 90 MB of resident memory on a 690 MB machine (docs/speed.md, session 16,
coordinator: a key-phrase query took its stems from NLTK's Porter stemmer). Nor do the pages
compile the gazetteer's place finder to show country names (session 17). A fresh interpreter,
because the test process itself has imported them for other tests.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.app.opening import DASHBOARD, REPO

#: Libraries the pages must never import on the engine path (the build's, not the app's).
HEAVY = ("nltk", "spacy", "thinc", "vaderSentiment", "yake", "torch", "sklearn", "datasketch", "scipy")

#: Runs every page in AppTest on the store (argv[1]) for each URL query (argv[2], JSON) and prints
#: the top-level packages loaded, and any page that raised.
SCRIPT = """
import json, logging, os, sys
sys.path.insert(0, {repo!r})
os.environ["QUOTE_ATLAS_STORE"] = sys.argv[1]
logging.disable(logging.CRITICAL)
from streamlit.testing.v1 import AppTest
failed = []
for query in json.loads(sys.argv[2]):
    for page in {pages!r}:
        at = AppTest.from_file({dashboard!r}, default_timeout=300)
        for name, value in query.items():
            at.query_params[name] = value
        at.run()
        at.switch_page(page).run()
        if at.exception:
            failed.append([page, query])
countries = sys.modules.get("analysis.countries")
finder = bool(countries and countries.load_gazetteer.cache_info().currsize)
print(json.dumps({{"modules": sorted({{m.split(".")[0] for m in sys.modules}}), "failed": failed,
                  "place_finder": finder}}))
"""

PAGES = ["pages/overview.py", "pages/quotes.py", "pages/countries.py", "pages/topics.py", "pages/speakers.py",
         "pages/reader.py", "pages/corpus.py", "pages/compare.py", "pages/briefing.py"]


def loaded_modules(store: str, queries: list[dict]) -> dict:
    """The top-level packages a fresh interpreter holds after every page ran on ``store`` for each of
    ``queries``, and the (page, query) pairs that raised.
    """
    script = SCRIPT.format(repo=REPO, pages=PAGES, dashboard=DASHBOARD)
    env = {**os.environ, "QUOTE_ATLAS_STORE": store}
    done = subprocess.run([sys.executable, "-c", script, store, json.dumps(queries)], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=900, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def engine_modules(shared_corpus_store) -> dict:
    """What the pages loaded on the 300-article store read through its warehouse (the engine)."""
    from analysis.store.warehouse import warehouse_path

    assert os.path.isfile(warehouse_path(shared_corpus_store))  # the pages read it, not the frames
    return loaded_modules(shared_corpus_store, [{}, {"country": "DEU"}, {"q": "minister"}])


def test_every_page_ran(engine_modules):
    assert engine_modules["failed"] == []
    assert {"streamlit", "pandas", "duckdb", "analysis", "ui"} <= set(engine_modules["modules"])


def test_the_pages_do_not_compile_the_place_finder(engine_modules):
    # Country names come from analysis.countries.country_table; the gazetteer's pattern of every
    # surface is what uploads need, not the pages (about 2 s and 10 MB, docs/speed.md, session 17).
    assert engine_modules["place_finder"] is False


@pytest.mark.parametrize("library", HEAVY)
def test_the_pages_do_not_import(engine_modules, library):
    assert library not in engine_modules["modules"]
