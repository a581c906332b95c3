"""The app on a store in a bucket (``QUOTE_ATLAS_STORE=s3://...``, a local S3 server started here):
first start analyses the seed into the empty prefix, pages draw from it, nothing is written locally."""

import os

from streamlit.testing.v1 import AppTest

from analysis.store import list_batches, load_corpus
from tests.object_store import s3_server

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STORE = "s3://briefings/quote-atlas"


def test_the_app_seeds_and_reads_a_store_in_a_bucket(monkeypatch):
    with s3_server("briefings"):
        monkeypatch.setenv("QUOTE_ATLAS_STORE", STORE)
        app = AppTest.from_file(os.path.join(REPO, "dashboard.py"), default_timeout=300).run()
        assert not app.exception
        assert len(list_batches(STORE)) == 1 and len(load_corpus(STORE).quotes) > 5
        assert app.get("plotly_chart"), "the overview draws from the bucket"
        app.switch_page(os.path.join(REPO, "pages", "quotes.py")).run()
        assert not app.exception and len(app.dataframe) == 1
