"""AppTest: the sidebar lists the most quoted speakers only (a store with tens of thousands would
send them all to the browser on every run), and a speaker not listed is still picked by typing
the name or by a link.
"""

from __future__ import annotations

from tests.app.opening import open_app


def test_the_sidebar_lists_the_most_quoted_speakers_and_takes_any_other_typed(shared_corpus_store, monkeypatch):
    import ui.filters

    monkeypatch.setattr(ui.filters, "MAX_SPEAKER_OPTIONS", 3)
    at = open_app(shared_corpus_store, monkeypatch, "pages/overview.py")
    box = at.multiselect(key="filter_speaker")
    assert len(box.options) == 3 and "Vladimir Putin" not in box.options
    assert "most quoted" in box.help and "type any other name" in box.help
    box.select("president putin").run()
    assert at.multiselect(key="filter_speaker").value == ["Vladimir Putin"]
    assert len(at.multiselect(key="filter_speaker").options) == 4  # the listed three and the one picked
    assert any("Vladimir Putin" in c.value for c in at.caption)  # the filter applied
    linked = open_app(shared_corpus_store, monkeypatch, "pages/quotes.py", speaker="Vladimir Putin")
    assert linked.multiselect(key="filter_speaker").value == ["Vladimir Putin"]


def test_a_store_with_few_speakers_lists_them_all_without_a_note(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, "pages/overview.py")
    box = at.multiselect(key="filter_speaker")
    assert len(box.options) > 20 and "Vladimir Putin" in box.options and not box.help
