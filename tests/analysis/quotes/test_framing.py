"""Tests for statements framed by layout: titles and interview turns (analysis.quotes.framing)."""

from __future__ import annotations

import pytest

from analysis.quotes import extract_quotes
from analysis.quotes.framing import title_attributions

# (text, [(content, speaker)] of the statements the title makes)
TITLE_CASES = [
    ("Nuland Claims 400-500 Russian Soldiers Killed in Eastern Ukraine\n\n"
     "US Assistant Secretary of State Victoria Nuland spoke on Tuesday.",
     [("400-500 Russian Soldiers Killed in Eastern Ukraine", "Victoria Nuland")]),
    ("Shining Path Rebels Have Formed New Urban Front, Garcia Says\n\nPresident Alan Garcia spoke on Monday.",
     [("Shining Path Rebels Have Formed New Urban Front", "Alan Garcia")]),
    # nothing: a group the article names in lower case, a verb that reports nothing, no title line
    ("Third World Countries Urge Debt Relief\n\nThird World countries led by Brazil met on Monday.", []),
    ("Washington Post Hit Piece Exploits Trump Supporter Who Was in a Hospital\n\nThe story ran on Monday.", []),
    ("Nuland Claims 400-500 Russian Soldiers Killed in Eastern Ukraine", []),
]


@pytest.mark.parametrize(("text", "expected"), TITLE_CASES, ids=[c[0][:30] for c in TITLE_CASES])
def test_title_statements(nlp, text, expected):
    title_end = text.find("\n")
    quotes = [q for q in extract_quotes(nlp(text)) if title_end >= 0 and q.end <= title_end]
    assert [(q.text, q.speaker) for q in quotes] == expected


def test_title_speaker_after_a_colon_is_a_span_of_the_title(nlp):
    text = "Ukraine leader willing to hold early elections: Polish PM\n\nDonald Tusk said so."
    (attribution,) = title_attributions(nlp(text))
    assert text[attribution.start:attribution.end] == "Ukraine leader willing to hold early elections"
    assert attribution.source.text == "Polish PM" and text[attribution.cue[0]] == ":"


INTERVIEW = (
    "Host: Our correspondent Andrei Vladov talked with Nickolay Mladenov, the foreign minister. "
    "Nickolay Mladenov: Bulgaria is participating strongly in the operation. Our contingent is 500-strong. "
    "A.Vladov: Is Bulgaria considering phasing out of Afghanistan? "
    "N.Mladenov: The government has a mandate until the mission is complete. "
    "A.Vladov: And the companies? N.Mladenov: You are absolutely right about Iraq. Host: Thank you."
)


def test_inline_interview_answers_are_statements_of_the_one_answering(nlp):
    quotes = extract_quotes(nlp(INTERVIEW))
    answers = [(q.text, q.speaker) for q in quotes if q.speaker == "Nickolay Mladenov"]
    assert answers == [
        ("Bulgaria is participating strongly in the operation. Our contingent is 500-strong", "Nickolay Mladenov"),
        ("The government has a mandate until the mission is complete", "Nickolay Mladenov"),
        ("You are absolutely right about Iraq", "Nickolay Mladenov"),
    ]
    assert not any(q.text.rstrip().endswith("?") for q in quotes)  # the questions are no statements
    assert not any(q.speaker == "Host" for q in quotes)


@pytest.mark.parametrize("text", [
    "Host: Welcome to the show. Guest: Thank you for having me. Host: Let us begin.",  # roles, no names
    "Note: the figures are provisional. Source: the ministry. Update: none.",
])
def test_labels_that_are_no_names_make_no_interview(nlp, text):
    assert [q for q in extract_quotes(nlp(text)) if q.cue_start is not None and text[q.cue_start] == ":"] == []
