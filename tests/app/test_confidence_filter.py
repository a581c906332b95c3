"""AppTest on the seed store: "Confident statements only" filters, lives in the URL, and is the one
control of it on every page, the Briefing too.
"""


from streamlit.testing.v1 import AppTest

from analysis.records import CONFIDENT
from tests.app.opening import open_app


def _run(seed_store, monkeypatch, page=None, **params) -> AppTest:
    return open_app(seed_store, monkeypatch, page, timeout=90, **params)


def _table(app):
    return next(frame.value for frame in app.dataframe if "Confidence" in frame.value.columns)


def test_confident_only_from_the_url_keeps_confident_statements(seed_store, monkeypatch):
    everything = _table(_run(seed_store, monkeypatch, "pages/quotes.py"))
    confident = _run(seed_store, monkeypatch, "pages/quotes.py", confident="1")
    assert confident.checkbox(key="filter_confident").value is True
    assert confident.query_params["confident"] in ("1", ["1"])
    table = _table(confident)
    assert 0 < len(table) < len(everything)
    assert (table["Confidence"] >= CONFIDENT).all()
    assert (everything["Confidence"] < CONFIDENT).any()


def test_ticking_the_box_writes_the_url_and_unticking_removes_it(seed_store, monkeypatch):
    app = _run(seed_store, monkeypatch)
    assert "confident" not in app.query_params
    app.checkbox(key="filter_confident").check().run()
    assert app.query_params["confident"] in ("1", ["1"])
    app.checkbox(key="filter_confident").uncheck().run()
    assert "confident" not in app.query_params


def _checkboxes_named(app, label: str) -> list:
    return [box for box in app.checkbox if box.label == label]


def test_the_brief_follows_the_sidebars_one_confident_box(seed_store, monkeypatch):
    """Session 20: the Briefing had its own "Confident statements only" (ticked) beside the sidebar's
    (unticked). Now one box, the sidebar's: the brief is of the statements the header counts, and says
    how many are below 50% and where to leave them out; ticked, the brief and its link are confident.
    """
    app = _run(seed_store, monkeypatch, "pages/briefing.py")
    assert [box.key for box in _checkboxes_named(app, "Confident statements only")] == ["filter_confident"]
    everything = _table(_run(seed_store, monkeypatch, "pages/quotes.py"))
    below = int((everything["Confidence"] < CONFIDENT).sum())
    assert 0 < below < len(everything)
    header = app.caption[0].value
    assert f"{len(everything):,} statements" in header, header
    notes = [c.value for c in app.caption if "Statements of any confidence" in c.value]
    assert len(notes) == 1, [c.value for c in app.caption]
    assert f"{below:,} of the {len(everything):,} statements of this selection" in notes[0]
    assert "in the sidebar" in notes[0] and f"only the {len(everything) - below:,} confident" in notes[0]
    assert any(f"· {len(everything):,} statements ·" in c.value for c in app.caption)  # the brief's own count

    app.checkbox(key="filter_confident").check().run()
    assert not app.exception
    assert app.query_params["confident"] in ("1", ["1"])
    captions = [c.value for c in app.caption]
    assert not [c for c in captions if "Statements of any confidence" in c]
    assert any("as the sidebar's “Confident statements only” asks" in c for c in captions), captions
    assert any(f"· {len(everything) - below:,} statements ·" in c for c in captions), captions
    assert any("confident=1" in c for c in captions if "store " in c)  # the brief's link reproduces it


def test_the_brief_records_its_view_store_version_and_accuracy(seed_store, monkeypatch):
    """Reproducible views (issue #17 item 9): link, store fingerprint, analysis version, measured figures."""
    import re

    from analysis.records import ANALYSIS_VERSION

    app = _run(seed_store, monkeypatch, "pages/briefing.py", country="RUS", confident="1")
    notes = [c.value for c in app.caption if "store " in c.value and "analysis" in c.value]
    assert notes, [c.value for c in app.caption]
    note = notes[0].replace("\\", "")  # md() escapes Markdown characters
    assert "/briefing?country=RUS&confident=1" in note
    assert re.search(r"store [0-9a-f]{12}", note)
    assert f"analysis {ANALYSIS_VERSION}" in note
    from ui.filters import RIGHT_WHEN_CONFIDENT

    assert "hand-checked" in note and f"{RIGHT_WHEN_CONFIDENT}%" in note
    other = _run(seed_store, monkeypatch, "pages/briefing.py", country="RUS")
    assert "confident=1" not in next(c.value for c in other.caption if "store " in c.value)


def test_the_downloaded_brief_carries_the_provenance():
    from ui.brief import Brief, brief_html

    brief = Brief(title="t", description="d", generated="2026-12-05", statements=0, groups=(), countries=(),
                  topics=(), sources=(), provenance="View /briefing?country=RUS · store abc <b>")
    for form in ("long", "a4"):
        page = brief_html(Brief(**{**brief.__dict__, "form": form}))
        assert "View /briefing?country=RUS · store abc &lt;b&gt;" in page
