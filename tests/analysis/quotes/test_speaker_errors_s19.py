"""Who-said-what errors seen in speakers_dev (session 19): statements that report no one's words.

Table-driven: each text (shortened from the article) with the act its statement must get, and
neighbouring texts that must stay speech or return no statement at all. A stance is still an
attribution (PolNeAR counts it), but the who-said-what view and ``extract`` show speech only.
"""

from __future__ import annotations

import pytest

from analysis.quotes.acts import SPEECH, STANCE
from analysis.quotes.extract import extract_quotes

#: (text, a word of the content, its act; None when no statement may hold that word)
ACT_CASES = [
    # An impersonal passive reports what is believed, whoever believes it: no one's words.
    ("It is expected they will learn their exact destination in Romania later tonight.", "destination", STANCE),
    ('It is thought the proposed overhaul could mean pensions could be based on a "career average" salary.',
     "overhaul", STANCE),
    ("It was widely believed that the talks would fail.", "talks", STANCE),
    # Stay: a passive with its agent is someone's.
    ("It was announced by the ministry that the talks would resume.", "talks", SPEECH),
    # Stay: "it" that is a source in the active voice.
    ("The ministry said it expected the talks to fail.", "expected", SPEECH),
    # A question to the interviewee states nothing.
    ("Do you think that Bulgaria has learned from this experience?", "Bulgaria", STANCE),
    # Stay: "you" answering without a question mark.
    ('"You think that Bulgaria has learned from this experience," the minister told the paper.', "Bulgaria",
     SPEECH),
    # A bare participle heading an adverbial clause is asked of the subject, not said by it.
    ("When asked about the future leadership of the party, Mr Kinnock said he would not comment.",
     "leadership", None),
    # Nothing at all: an impersonal passive of no thinking.
    ("It is located in the south of the country.", "south", None),
]


def _acts_holding(nlp, text: str, word: str) -> list[str]:
    """The acts of the statements whose content holds ``word``."""
    return [q.act for q in extract_quotes(nlp(text)) if word in q.text]


@pytest.mark.parametrize(("text", "word", "act"), ACT_CASES, ids=[c[0][:40] for c in ACT_CASES])
def test_the_act_of_a_statement(nlp, text, word, act):
    acts = _acts_holding(nlp, text, word)
    if act is None:
        assert SPEECH not in acts, acts
    else:
        assert acts and set(acts) == {act}, acts


def test_the_speech_after_being_asked_stays(nlp):
    text = "When asked about the future leadership of the party, Mr Kinnock said he would not comment."
    quotes = [q for q in extract_quotes(nlp(text)) if q.act == SPEECH]
    assert [(q.text, q.speaker) for q in quotes] == [("he would not comment", "Kinnock")]


#: (text, words no statement may start with, words one statement must start with or None)
OCCASION_CASES = [
    # The occasion of a statement is not what was said.
    ("Bush said at a news conference outside his vacation home in Kennebunkport, Maine.", "a news conference",
     None),
    ("The minister spoke in an interview with the BBC on Monday.", "an interview", None),
    # Stay: what comes after the occasion is.
    ("Bush said at a news conference that he chose Thomas on the merits.", "a news conference", "that he chose"),
]


@pytest.mark.parametrize(("text", "banned", "start"), OCCASION_CASES, ids=[c[0][:40] for c in OCCASION_CASES])
def test_the_occasion_is_no_content(nlp, text, banned, start):
    quotes = [q.text for q in extract_quotes(nlp(text)) if q.act == SPEECH]
    assert not any(q.startswith(banned) for q in quotes), quotes
    if start is None:
        assert quotes == []
    else:
        assert any(q.startswith(start) for q in quotes), quotes


#: (text, content the statement starts with, its speaker, the mention shown)
DASH_CASES = [
    # An aside between dashes is no dateline: the source is the name before it.
    ('Ukraine\'s richest man, Rinat Akhmetov -- a key backer of President Viktor Yanukovych -- has said the use of '
     'force was "unacceptable."', "the use of force", "Rinat Akhmetov",
     "Ukraine's richest man, Rinat Akhmetov -- a key backer of President Viktor Yanukovych"),
    # A spaced hyphen ends an agency dateline as a dash does.
    ("VALDAI, Russia (Reuters) - Russian President Vladimir Putin warned Ukraine on Thursday he would retaliate "
     "with protectionist measures if it signed a landmark trade deal.", "he would retaliate", "Vladimir Putin",
     "Russian President Vladimir Putin"),
    # Stay: an aside between spaced hyphens, closed after the mention, is no dateline either.
    ("On Thursday, Lord Bingham - a senior law lord - said the rules were incompatible with the convention.",
     "the rules", "Bingham", "Lord Bingham - a senior law lord"),
    # Stay: a hyphen inside a party label is no dash.
    ("Sen. Howard Metzenbaum, D-Ohio, said he would oppose the nomination.", "he would oppose", "Howard Metzenbaum",
     "Sen. Howard Metzenbaum, D-Ohio"),
]


@pytest.mark.parametrize(("text", "start", "speaker", "mention"), DASH_CASES, ids=[c[2] for c in DASH_CASES])
def test_the_source_around_a_dash(nlp, text, start, speaker, mention):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [(q.speaker, text[q.speaker_start : q.speaker_end]) for q in quotes] == [(speaker, mention)]


#: (text, content the statement starts with, its speaker)
OFFICE_CASES = [
    # "<title> of <Body> <Name>", which the parser makes one "of" phrase: the holder is the source.
    ("Meanwhile, representative of the U.S. Treasury Department Ramin Toloui said that the international "
     "community had decided to increase support to Ukraine.", "that the international", "Ramin Toloui"),
    # Stay: someone named in the "of" phrase after a title of theirs is not the source.
    ("The spokesman of Prime Minister Tony Blair said that the talks had failed.", "that the talks", None),
    ("A representative of Tony Blair said that the talks had failed.", "that the talks", None),
]


@pytest.mark.parametrize(("text", "start", "speaker"), OFFICE_CASES, ids=[c[0][11:40] for c in OFFICE_CASES])
def test_the_holder_named_after_an_office(nlp, text, start, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [q.speaker for q in quotes] == [speaker]


#: (text, content the statement starts with, its speaker)
NAME_CASES = [
    # A name after a comma inside one PERSON entity is the person's, and no words run together.
    ("He would not submit to the military leader of the separatist Donetsk People’s Republic, Igor Girkin. "
     "Girkin, a Russian better known as Strelkov, said the rebels would fight on.", "the rebels", "Igor Girkin"),
    # A description sharing only "of" with a person's title words fits nobody.
    ("Signs of a rift became evident when the head of the influential Vostok battalion announced he would not "
     "submit to the authority of the military leader of the separatist Donetsk People’s Republic, Igor Girkin.",
     "he would not submit", None),
    # Stay: a description sharing a title word.
    ("The military leader of the separatists, Igor Girkin, arrived on Monday. The separatist leader said the "
     "rebels would fight on.", "the rebels", "Igor Girkin"),
]


@pytest.mark.parametrize(("text", "start", "speaker"), NAME_CASES, ids=[c[1] for c in NAME_CASES])
def test_a_persons_name(nlp, text, start, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    assert [q.speaker for q in quotes] == [speaker]


def test_a_spaced_hyphen_far_into_its_sentence_ends_no_dateline(nlp):
    text = ("But Mr Makarov's case has been backed by David Kahn - a former Yale historian, and a leading expert "
            "on code-breaking.")
    quotes = [q for q in extract_quotes(nlp(text)) if q.speaker_start is not None]
    assert quotes and all(text[q.speaker_start : q.speaker_end].startswith("David Kahn") for q in quotes)
    assert {q.speaker for q in quotes} == {"David Kahn"}
