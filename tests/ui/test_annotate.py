"""The annotated article: marks from stored rows, whatever a row leaves missing (real stores hold NaN)."""

import math
import re
from html import unescape

import pandas as pd
import pytest

from ui.annotate import FOCUS_ID, SCROLL_TO_FOCUS, article_marks, render_html

TEXT = 'Putin said "we will win," he added. Berlin <script>x</script> said nothing.'
BASE = {"quote_id": "a:0", "kind": "direct", "start": 12, "end": 23, "countries": ("DEU",), "topics": (),
        "tone": 0.5, "cue_start": 6, "cue_end": 10}

CASES = [
    # (speaker, speaker_start, speaker_end, expected speaker tag or None for no speaker mark)
    ("Vladimir Putin", 0, 5, "Vladimir Putin"),
    (None, 0, 5, ""),  # a mention but no canonical speaker
    (math.nan, 0, 5, ""),  # the same, as pandas stores it
    (math.nan, math.nan, math.nan, None),  # no mention at all: no speaker mark
    ("", 0, 5, ""),
]


@pytest.mark.parametrize(("speaker", "start", "end", "tag"), CASES)
def test_marks_from_rows_with_missing_values(speaker, start, end, tag):
    quotes = pd.DataFrame([{**BASE, "speaker": speaker, "speaker_start": start, "speaker_end": end}])
    mentions = pd.DataFrame([{"kind": "country", "key": "DEU", "name": "Germany", "start": 36, "end": 42,
                              "via": "capital"}])
    marks = article_marks(quotes, mentions)
    speaker_marks = [m for m in marks if m.css == "qa-s"]
    assert [m.tag for m in speaker_marks] == ([] if tag is None else [tag])
    html = render_html(TEXT, marks)  # never fails, never passes markup through
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "nan" not in html.replace("&lt;", "")  # no NaN shown as a name


def test_every_article_of_the_shared_real_corpus_renders(shared_corpus_store):
    from analysis.store import load_corpus

    corpus = load_corpus(shared_corpus_store)
    assert len(corpus.articles) > 250
    for article in corpus.articles.itertuples():
        quotes = corpus.quotes[corpus.quotes["article_id"] == article.article_id]
        mentions = corpus.mentions[corpus.mentions["article_id"] == article.article_id]
        html = render_html(article.text, article_marks(quotes, mentions))
        assert html.count("qa-q") >= len(quotes)


SPLIT = "“Hello,” he said, “how are you doing?” He said it was a “dangerous step” for all."
# (kind, start, end, segments, expected [(text, css)] of the statement marks): a direct quote marks
# its quoted stretches, not the attribution between them; a mixed one its whole content, the
# quoted words stronger; a row without segments (an older store: missing, None, NaN) its content.
SEGMENT_MARKS = [
    ("direct", 1, 37, ((1, 7), (19, 37)), [("Hello,", "qa-q qa-w"), ("how are you doing?", "qa-q qa-w")]),
    ("direct", 19, 37, ((19, 37),), [("how are you doing?", "qa-q qa-w")]),
    ("mixed", 47, 80, ((57, 71),), [("it was a “dangerous step” for all", "qa-q"), ("dangerous step", "qa-w")]),
    ("indirect", 47, 80, (), [("it was a “dangerous step” for all", "qa-q")]),
    ("direct", 1, 37, None, [('Hello,” he said, “how are you doing?', "qa-q")]),
    ("direct", 1, 37, math.nan, [('Hello,” he said, “how are you doing?', "qa-q")]),
    ("direct", 1, 37, "missing", [('Hello,” he said, “how are you doing?', "qa-q")]),
]


@pytest.mark.parametrize(("kind", "start", "end", "segments", "expected"), SEGMENT_MARKS)
def test_statement_marks_follow_the_segments(kind, start, end, segments, expected):
    row = {**BASE, "kind": kind, "start": start, "end": end, "speaker": "Vladimir Putin",
           "speaker_start": math.nan, "speaker_end": math.nan, "cue_start": math.nan, "cue_end": math.nan}
    if segments != "missing":
        row["segments"] = segments
    marks = article_marks(pd.DataFrame([row]), pd.DataFrame(columns=["kind", "key", "name", "start", "end", "via"]))
    assert [(SPLIT[m.start:m.end], m.css) for m in marks] == expected
    html = render_html(SPLIT, marks)
    if kind == "direct" and isinstance(segments, tuple) and len(segments) == 2:
        assert 'qa-w" title="direct statement by Vladimir Putin; about DEU; topics: none; tone +0.50">' \
               'Hello,</span>” he said, “' in html  # the attribution between the stretches is not marked


@pytest.mark.parametrize(("kind", "segments", "highlighted", "expected"), [
    ("mixed", ((57, 71),), set(), ["qa-q qa-dim", "qa-w qa-dim"]),  # its quoted words stood out before
    ("direct", ((19, 37),), set(), ["qa-q qa-dim qa-w"]),
    ("mixed", ((57, 71),), {"q1"}, ["qa-q", "qa-w"]),  # matching: nothing dimmed
    ("mixed", ((57, 71),), None, ["qa-q", "qa-w"]),  # no filter: nothing dimmed
])
def test_a_statement_outside_the_filters_is_dimmed_whole(kind, segments, highlighted, expected):
    row = {**BASE, "quote_id": "q1", "kind": kind, "start": 19 if kind == "direct" else 47,
           "end": 37 if kind == "direct" else 80, "segments": segments, "speaker": "Vladimir Putin",
           "speaker_start": math.nan, "speaker_end": math.nan, "cue_start": math.nan, "cue_end": math.nan}
    marks = article_marks(pd.DataFrame([row]), pd.DataFrame(columns=["kind", "key", "name", "start", "end", "via"]),
                          highlighted)
    assert [m.css for m in marks] == expected


@pytest.mark.parametrize(("focus", "anchor", "outlined", "anchored_at"), [
    ("q1", 47, ["qa-q qa-focus", "qa-w"], "it was a “"),  # the linked statement: outlined, anchored
    ("q9", None, ["qa-q", "qa-w"], None),  # a statement the article lacks: nothing outlined
    (None, None, ["qa-q", "qa-w"], None),  # no link to a statement
    ("q1", len(SPLIT), ["qa-q qa-focus", "qa-w"], None),  # an anchor past the text is dropped
    ("q1", -1, ["qa-q qa-focus", "qa-w"], None),
])
def test_the_statement_a_link_names_is_outlined_and_anchored(focus, anchor, outlined, anchored_at):
    row = {**BASE, "quote_id": "q1", "kind": "mixed", "start": 47, "end": 80, "segments": ((57, 71),),
           "speaker": "Vladimir Putin", "speaker_start": math.nan, "speaker_end": math.nan,
           "cue_start": math.nan, "cue_end": math.nan}
    marks = article_marks(pd.DataFrame([row]), pd.DataFrame(columns=["kind", "key", "name", "start", "end", "via"]),
                          focus=focus)
    assert [m.css for m in marks] == outlined
    html = render_html(SPLIT, marks, anchor)
    assert html.count(f'id="{FOCUS_ID}"') == (1 if anchored_at else 0)
    if anchored_at:
        after = html.split(f'<span id="{FOCUS_ID}"></span>', 1)[1]
        assert after.startswith('<span class="qa-q qa-focus"') and anchored_at in after.split("</span>")[0]
    assert unescape(re.sub(r"<[^>]+>", "", html.split("</style>", 1)[1])).strip() == SPLIT, "the text is unchanged"


def test_the_scroll_script_holds_nothing_dompurify_drops():
    """DOMPurify removes a script whose text holds "<" before a letter or digit: "tries<50" never ran."""
    body = SCROLL_TO_FOCUS.removeprefix("<script>").removesuffix("</script>")
    assert "<script>" not in body and not re.search(r"<[/\w!]", body)
    assert f"getElementById('{FOCUS_ID}')" in body
