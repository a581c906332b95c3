"""AppTest: on a store built with the tone towards targets, the speaker x country tone charts show
it (the model's tone towards each country) and say so; the rest of the app is unchanged."""

import base64
import json
import os

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from analysis.build import build_store
from analysis.ingest import make_article
from analysis.tone.targeted import TONE_PATH

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DASHBOARD = os.path.join(REPO, "dashboard.py")

pytestmark = pytest.mark.skipif(not TONE_PATH.exists(), reason="the tone model is not shipped")

ARTICLES = [
    '"Russia is a threat to us all," Boris Johnson said on Monday.',
    'Boris Johnson said: "Russia has brought nothing but misery to Ukraine."',
]


@pytest.fixture(scope="module")
def toned_store(tmp_path_factory):
    """A store of two short articles analysed with the tone towards targets."""
    path = str(tmp_path_factory.mktemp("toned") / "store")
    build_store(path, [make_article(text, f"a{i}") for i, text in enumerate(ARTICLES)], target_tone=True)
    return path


def _array(value) -> np.ndarray:
    """A spec array, also when plotly wrote it as typed binary (``{"dtype", "bdata", "shape"}``)."""
    if isinstance(value, dict) and "bdata" in value:
        shape = [int(n) for n in str(value.get("shape", "-1")).split(",")]
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).reshape(shape)
    return np.asarray(value, dtype=float)


def _tone_chart(store, monkeypatch, page, title):
    monkeypatch.setenv("QUOTE_ATLAS_STORE", store)
    at = AppTest.from_file(DASHBOARD, default_timeout=120)
    at.run()
    at.switch_page(page).run()
    assert not at.exception, at.exception
    specs = {(s["layout"].get("title") or {}).get("text", ""): s
             for s in (json.loads(e.proto.spec) for e in at.get("plotly_chart"))}
    return at, specs[title]


@pytest.mark.parametrize(("page", "title"), [
    ("pages/speakers.py", "Mean tone of each speaker's statements naming a country"),
    ("pages/countries.py", "In what tone each speaker speaks about each country"),
])
def test_the_tone_chart_shows_the_tone_towards_the_country(toned_store, monkeypatch, page, title):
    at, spec = _tone_chart(toned_store, monkeypatch, page, title)
    assert spec["layout"]["title"]["subtitle"]["text"].startswith("Measure: tone towards the country (model)")
    trace = spec["data"][0]
    cell = dict(zip(trace["x"], _array(trace["z"])[list(trace["y"]).index("Boris Johnson")], strict=True))
    assert cell["Russia"] == -1.0, "both statements are negative towards Russia"
    if page == "pages/speakers.py":
        assert any("tone model" in caption.value for caption in at.caption)
