"""Who-said-what errors seen on speakers_dev and the 300 shared articles (session 15), each fixed by a rule.

Table-driven: each error's text (shortened from the article) with the speaker that must come
out, and neighbouring texts that must stay as they were.
"""

from __future__ import annotations

import pytest

from analysis.quotes.extract import extract_quotes

#: (text, content the quote starts with, the speaker it must have)
SPEAKER_CASES = [
    # A title before a blank line is not the first sentence's subject.
    ("Blair says UK tsunami aid to soar\n\nTony Blair has predicted the British Government will eventually give "
     '"hundreds of millions" of pounds in aid.', "the British Government", "Tony Blair"),
    ("Ukraine Says It Uncovered Plot to Create People's Republic in Odessa\n\nUkraine's Security Service said it "
     "has detained several people.", "it has detained", "Ukrainian Security Service"),
    # Stay: the same sentences without a title.
    ('Tony Blair has predicted the British Government will eventually give "hundreds of millions" of pounds in '
     "aid.", "the British Government", "Tony Blair"),
]


@pytest.mark.parametrize(("text", "start", "speaker"), SPEAKER_CASES, ids=[c[2] + ":" + c[1] for c in SPEAKER_CASES])
def test_the_speaker_of_a_statement(nlp, text, start, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [q.speaker for q in quotes] == [speaker]
