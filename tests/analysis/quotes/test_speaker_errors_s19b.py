"""Who-said-what errors of session 19 (branch speakers12): words that are no one's speech.

Table-driven: each error's text (shortened from speakers_dev or the 300 shared articles), the
words of the statement that must not be shown as speech, and neighbouring texts whose statement
must stay speech. A stance stays in the record (PolNeAR scores it); the who-said-what view and
``extract`` show speech only.
"""

from __future__ import annotations

import pytest

from analysis.quotes.acts import SPEECH
from analysis.quotes.extract import extract_quotes

#: (text, words the statement starts with, True when it must stay speech)
CASES = [
    # A single quoted word in lower case is a scare quote, not a statement of the cue's source.
    ('The author\'s sources, all unnamed "allies" of Mr Blair and Mr Brown, said the prime minister felt '
     "the Iraq war had undermined him.", "allies", False),
    ('In the speech - which prompted a standing ovation from an audience clearly "warm" to Mr Brown - he '
     "also promised to end teenage unemployment.", "warm", False),
    # Stay: the statement beside the scare quote, a one-word answer and a shout.
    ('The author\'s sources, all unnamed "allies" of Mr Blair and Mr Brown, said the prime minister felt '
     "the Iraq war had undermined him.", "the prime minister felt", True),
    ('"Never," he said.', "Never", True),
    ('"Shame!" the crowd shouted.', "Shame!", True),
    # A quoted title after "entitled" is the title of a text, not the question its author asks.
    ("Mr Carlos Fuentes, the novelist, asked yesterday in a newspaper article entitled 'Who is next?' "
     "whether Mexico was facing a period of violence.", "Who is next?", False),
    ("Mr Carlos Fuentes, the novelist, asked yesterday in a newspaper article entitled 'Who is next?' "
     "whether Mexico was facing a period of violence.", "whether Mexico", True),
    # An impersonal "it" with a verb of seeming: nobody's words.
    ("The Shining Path met in May. It seems that the Third Central Committee Plenum's assessment was negative.",
     "that the Third", False),
    ('However it appears that he has misunderstood the term "Islamic fundamentalism".', "that he has", False),
    ("It became clear Monday night that Thomas' critics had failed to muster enough support.",
     "that Thomas", False),
    ("It has become obvious that the liberal model of globalisation has failed.", "that the liberal", False),
    # Stay: an "it" that speaks, and "it seems" inside someone's statement.
    ("The ministry issued a statement on Monday. It said the talks had failed.", "the talks had failed", True),
    ("He said it seems that the talks have failed.", "it seems that", True),
    # A "that" clause the parser hangs on another verb is no content of "using".
    ("It was already using detention without trial at Belmarsh Prison, ignoring a recent Law Lords judgement "
     "that this contravenes basic human rights, he said.", "that this contravenes", False),
    ("Asked about criticism that he did not cut short his holiday, Mr Blair told the BBC he had no regrets.",
     "that he did not cut", False),
    # Stay: a "that" clause of its own cue, with words between them, or of the cue's object.
    ("He told reporters that taxes would not rise.", "that taxes", True),
    ("He again rejected newspaper speculation that his own father entered Britain illegally.",
     "that his own father", True),
]

#: Texts that must give no speech at all: a credit line, scare quotes without a cue.
NOTHING = [
    "Times staff writers Jerry Gillam and Marcida Dodson contributed to this article.",
    "Staff writer Ann Lee contributed reporting to this report.",
    'The US was supplying "rebels" with arms, and the "terrorism" went on.',
]


@pytest.mark.parametrize(("text", "start", "speech"), CASES, ids=[f"{c[1][:16]}-{c[2]}" for c in CASES])
def test_speech_or_not(nlp, text, start, speech):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start)]
    if speech:
        assert quotes and all(q.act == SPEECH for q in quotes), [(q.text, q.act) for q in quotes]
    else:
        assert not any(q.act == SPEECH for q in quotes), [(q.text, q.act) for q in quotes]


@pytest.mark.parametrize("text", NOTHING, ids=[t[:24] for t in NOTHING])
def test_no_speech_at_all(nlp, text):
    assert [q.text for q in extract_quotes(nlp(text)) if q.act == SPEECH] == []


#: (text, words the statement starts with, its speaker): a holder named after "<title> of <Body>"
#: that spaCy tags as no person is named by a known first name and a surname.
SPEAKER_CASES = [
    ("Russian Minister of Transport Maxim Sokolov said the bridge would open in 2018.", "the bridge",
     "Maxim Sokolov"),
    # Stay: a tagged person, and words after the body that are no first name and surname.
    ("Minister of Foreign Affairs Sergei Lavrov said talks would continue.", "talks", "Sergei Lavrov"),
    ("The Minister of Transport Services Limited said the bridge would open.", "the bridge", None),
    ("The wife of Tony Blair said she was proud.", "she was proud", None),
]


@pytest.mark.parametrize(("text", "start", "speaker"), SPEAKER_CASES, ids=[c[0][:24] for c in SPEAKER_CASES])
def test_holder_of_an_office(nlp, text, start, speaker):
    assert [q.speaker for q in extract_quotes(nlp(text)) if q.text.startswith(start)] == [speaker]
