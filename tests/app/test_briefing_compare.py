"""AppTest on the 300-article store: the Briefing page with a comparison (issue #17, item 8), from the
Compare page's link parameters and from its own "Compare with…" choice."""

from tests.app.opening import open_app

PAGE = "pages/briefing.py"


def _html(at) -> str:
    return "\n".join(e.proto.body for e in at.get("html"))


def test_a_compare_link_makes_a_compared_brief(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, PAGE, by="speaker", a="Putin", b="Tony Blair")
    assert at.toggle(key="brief_compare_on").value is True
    assert at.selectbox(key="brief_compare_a_speaker").value == "Vladimir Putin"
    assert [h.value for h in at.header] == ["Briefing: Vladimir Putin vs Tony Blair"]
    body = _html(at)
    assert 'class="cmp"' in body and "Distinctive key phrases" in body and "95%" in body
    assert any("PDF: 1 page" in c.value for c in at.caption)
    assert not at.warning


def test_turning_the_comparison_off_gives_the_plain_brief_and_link(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, PAGE, by="country", a="UKR", b="RUS")
    assert "Ukraine vs Russia" in at.header[0].value
    at.toggle(key="brief_compare_on").set_value(False).run()
    assert not at.exception
    assert at.header[0].value == "Briefing: all statements" and 'class="cmp"' not in _html(at)
    assert "a" not in at.query_params and "by" not in at.query_params


def test_compare_with_chosen_on_the_page_goes_into_the_link(shared_corpus_store, monkeypatch):
    at = open_app(shared_corpus_store, monkeypatch, PAGE)
    assert at.toggle(key="brief_compare_on").value is False
    at.toggle(key="brief_compare_on").set_value(True).run()
    at.radio(key="brief_compare_by").set_value("topic").run()
    at.selectbox(key="brief_compare_b_topic").set_value("war").run()
    assert not at.exception
    assert at.query_params["by"] in ("topic", ["topic"]) and at.query_params["b"] in ("war", ["war"])
    assert "War & conflict" in at.header[0].value and 'class="cmp"' in _html(at)


def test_an_unknown_side_is_said_kept_and_compared_with_nothing(shared_corpus_store, monkeypatch):
    # Before session 17 the brief compared Tony Blair with Tony Blair (side A replaced by the most quoted).
    at = open_app(shared_corpus_store, monkeypatch, PAGE, by="speaker", a="Zzyzx Qwerty", b="Tony Blair")
    assert any("Speaker A: no statement in this corpus is attributed to “Zzyzx Qwerty”" in w.value
               for w in at.warning), [w.value for w in at.warning]
    assert at.selectbox(key="brief_compare_a_speaker").value == "Zzyzx Qwerty"
    assert at.query_params["a"] in ("Zzyzx Qwerty", ["Zzyzx Qwerty"]), "the link keeps what it asked for"
    assert at.header[0].value == "Briefing: all statements" and 'class="cmp"' not in _html(at)
