"""The Overview with one speaker filtered: one bar as long as the total said nothing; it says whose the
statements are and links their profile (session 18, qa4). On the 300 shared articles."""

from __future__ import annotations

import json
import re

import pytest

from tests.app.opening import open_app

# (speaker filter, bars of "Statements per speaker" or None for the note instead, whose statements the note names)
CASES = [
    ("putin", None, "Vladimir Putin"),  # any name of one speaker
    (["Tony Blair", "Gordon Brown"], 2, None),
    (None, 12, None),
    ("Nobody Whatsoever", None, None),  # selects nothing: the empty notice, neither chart nor note
]


@pytest.mark.parametrize(("speaker", "bars", "named"), CASES)
def test_one_filtered_speaker_is_said_not_drawn_as_one_bar(shared_corpus_store, monkeypatch, speaker, bars, named):
    at = open_app(shared_corpus_store, monkeypatch, "pages/overview.py", **({"speaker": speaker} if speaker else {}))
    specs = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    speaker_charts = [s for s in specs if s["layout"]["title"]["text"] == "Statements per speaker"]
    notes = [i.value for i in at.info if "(the speaker filter)" in i.value]
    if bars is None:
        assert speaker_charts == []
    else:
        assert len(speaker_charts) == 1 and len(speaker_charts[0]["data"][0]["y"]) == bars
    if named:
        (note,) = notes
        match = re.match(r"All (\d+) statements are (.+)'s \(the speaker filter\)\.", note)
        assert match and match.group(2).replace("\\", "") == named
        assert int(match.group(1)) == int(at.metric[0].value.replace(",", "")), "as many as the headline"
        (link,) = [e.proto for e in at.get("page_link") if "Speakers page" in e.proto.label]
        assert "speakers" in link.page and "speaker=Vladimir" in link.query_string, link
    else:
        assert notes == []
