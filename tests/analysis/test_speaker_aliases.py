"""Speakers by any name: analysis.query.resolve_speaker on a small hand-made corpus (issue #17, item 3)."""

import pandas as pd
import pytest

from analysis.query import resolve_speaker, speaker_aliases
from analysis.store import Corpus


def _corpus(rows: list[tuple[str | None, str | None]]) -> Corpus:
    quotes = pd.DataFrame({"speaker": [r[0] for r in rows], "speaker_mention": [r[1] for r in rows]})
    empty = pd.DataFrame()
    return Corpus(articles=empty, quotes=quotes, mentions=empty, keywords=empty, topic_hits=empty,
                  quote_countries=empty, quote_topics=empty)


ROWS = ([("Vladimir Putin", "Putin")] * 5 + [("Vladimir Putin", "President Vladimir Putin")] * 2
        + [("Vladimir Putin", "the Russian president"), ("Vladimir Putin", "He"), ("Vladimir Putin", "whom")]
        + [("Tony Blair", "Mr Blair")] * 3 + [("Tony Blair", "the prime minister")]
        + [("Cherie Blair", "Cherie Blair")] + [("Gordon Brown", "the prime minister")] * 2
        + [(None, "a spokesman")])


@pytest.mark.parametrize(("typed", "expected"), [
    ("Vladimir Putin", "Vladimir Putin"),
    ("putin", "Vladimir Putin"),
    ("  PUTIN ", "Vladimir Putin"),
    ("President Putin", "Vladimir Putin"),
    ("president vladimir putin", "Vladimir Putin"),
    ("Russian President Vladimir Putin", "Vladimir Putin"),
    ("the Russian president", "Vladimir Putin"),
    ("Blair", "Tony Blair"),  # the surname goes to the most quoted Blair
    ("Cherie Blair", "Cherie Blair"),
    ("mr blair", "Tony Blair"),
    # Must return nothing: pronouns, lowercase descriptions without a shared word, unknown names.
    ("he", None),
    ("whom", None),
    ("the prime minister", None),
    ("a spokesman", None),
    ("Angela Merkel", None),
    ("", None),
    ("   ", None),
])
def test_resolve_speaker(typed, expected):
    assert resolve_speaker(_corpus(ROWS), typed) == expected


def test_aliases_are_built_once_per_corpus():
    corpus = _corpus(ROWS)
    assert speaker_aliases(corpus) is speaker_aliases(corpus)
    assert speaker_aliases(corpus)["vladimir putin"] == "Vladimir Putin"
