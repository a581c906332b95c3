"""Who-said-what errors of session 20, second round (branch speakers14): speakers and one false cue.

Table-driven: each error's text (shortened from the 300 shared articles, or written after the
brief's example), the words a statement starts with and its speaker; neighbouring texts that must
stay as they were; texts where no statement may start.
"""

from __future__ import annotations

import pytest

from analysis.quotes.acts import SPEECH
from analysis.quotes.extract import extract_quotes

#: (text, words the statement starts with, its speaker)
SPEAKER_CASES = [
    # A title between an organisation and a name: the name ("Friends" is no unnamed friend).
    ('"The plan will fail," said Friends of the Earth Director Craig Bennett.', "The plan", "Craig Bennett"),
    ("Campaigners were angry. Friends of the Earth Director Craig Bennett said the plan would fail.", "the plan",
     "Craig Bennett"),
    ("Friends of the Earth director Craig Bennett said the plan would fail.", "the plan", "Craig Bennett"),
    # Stay: unnamed friends, and a title with a name after an organisation the parser reads as one.
    ("Friends of the victim said he had been threatened.", "he had", None),
    ("Human Rights Watch Director Kenneth Roth said the plan would fail.", "the plan", "Kenneth Roth"),
    # The agent of a passive cue, where the parser hangs "by X" on the quoted words, not the person
    # named inside the subject.
    ('Reports that Tony Blair will call a snap election have been described as "idle speculation" by Downing '
     "Street.", "idle", "Downing Street"),
    # A place that owns an organisation's name is not part of it.
    ("Russia's RIA news agency said on Monday that the region had invited the OSCE to send a mission.",
     "that the region", "RIA"),
    ("Earlier, officials confirmed one more protester has died. Kyiv's city health department said the man died on "
     "January 25.", "the man died", "Kyiv city health department"),
    # "the Times": the Times the article named before; stay: else Times (as the store names it).
    ("The message was first reported by The New York Times. The text came from a number identified as 111, but the "
     "Times suggests Ukrainian authorities were behind it.", "Ukrainian authorities", "New York Times"),
    ("Mr Blair's treaty would also establish a programme, the Times says.", "Mr Blair's treaty", "Times"),
    ("The Financial Times said the talks had failed.", "the talks", "Financial Times"),
    # Stay: a name whose owner is no place ("People's" is no place).
    ("The People's Liberation Army said the drill was routine.", "the drill", "People's Liberation Army"),
]


@pytest.mark.parametrize(("text", "start", "speaker"), SPEAKER_CASES, ids=[f"{c[1]}-{c[2]}" for c in SPEAKER_CASES])
def test_speaker(nlp, text, start, speaker):
    assert [q.speaker for q in extract_quotes(nlp(text)) if q.text.startswith(start) and q.act == SPEECH] == [
        speaker]


#: (text, the whole content of its statement, its speaker): the agent the parser hung on the quoted words is
#: not part of what was said.
CONTENT_CASES = [
    ('Reports that Gordon Brown would quit were described as "pure fiction" by the Treasury.', "pure fiction",
     "Treasury"),
    ('Reports that Tony Blair will call a snap election have been described as "idle speculation" by Downing '
     "Street.", "idle speculation", "Downing Street"),
]


@pytest.mark.parametrize(("text", "content", "speaker"), CONTENT_CASES, ids=[c[1] for c in CONTENT_CASES])
def test_content_without_agent(nlp, text, content, speaker):
    quotes = [q for q in extract_quotes(nlp(text)) if q.act == SPEECH]
    assert [(q.text.strip(' "'), q.speaker) for q in quotes] == [(content, speaker)]


#: (text, words no statement may start with): a noun read as a verb of saying before a relative clause;
#: a passive cue without an agent, whose subject says nothing.
NO_STATEMENT_AT = [
    ('Reports of a snap election have been described as "idle speculation".', "idle"),
    ("Ukraine says Moscow is arming and supporting the rebels, charges it has denied.", "it has denied"),
    ("Kiev accuses Moscow of backing the separatists, claims it has rejected.", "it has rejected"),
]


@pytest.mark.parametrize(("text", "start"), NO_STATEMENT_AT, ids=[c[1] for c in NO_STATEMENT_AT])
def test_no_statement_at(nlp, text, start):
    assert not [q.text for q in extract_quotes(nlp(text)) if q.text.startswith(start)]


#: Stay: the statement before the relative clause, and a verb of saying with its own complement.
KEPT = [
    ("Ukraine says Moscow is arming and supporting the rebels, charges it has denied.",
     "Moscow is arming and supporting the rebels", "Ukraine"),
    ("Police said the man was arrested and denied the theft.", "the man was arrested", None),
    ("The minister denied that he had lied.", "that he had lied", None),
]


@pytest.mark.parametrize(("text", "start", "speaker"), KEPT, ids=[c[1][:20] for c in KEPT])
def test_statements_kept(nlp, text, start, speaker):
    assert [q.speaker for q in extract_quotes(nlp(text)) if q.text.startswith(start)] == [speaker]
