"""Who-said-what errors of session 20 (branch speakers13): content edges and speakers.

Table-driven: each error's text (shortened from speakers_dev or the 300 shared articles), the words
a statement must start with and its content or speaker, neighbouring texts that must stay as they
were, and texts that must give no statement at all.
"""

from __future__ import annotations

import pytest

from analysis.quotes.acts import SPEECH
from analysis.quotes.extract import extract_quotes

#: (text, words the statement starts with, its whole content after trimming, its speaker mention)
CONTENT_CASES = [
    # A participle of saying after a comma starts a statement of its own, by the cue's subject.
    ('He said the question sounded "very neutral" and "balanced," adding it would enable the argument.',
     "the question", 'the question sounded "very neutral" and "balanced,"', "He"),
    ('He said the question sounded "very neutral" and "balanced," adding it would enable the argument.',
     "it would", "it would enable the argument", "He"),
    ("And he also urged people from ethnic minorities to develop a sense of belonging in Britain, telling them "
     "to speak English at home.", "people", "people from ethnic minorities to develop a sense of belonging in Britain",
     "he"),
    ("And he also urged people from ethnic minorities to develop a sense of belonging in Britain, telling them "
     "to speak English at home.", "them", "them to speak English at home", "he"),
    # A participle of causing is what the statement set off, not what it says.
    ("The Cabinet Office has confirmed it is reviewing the current pension system, prompting unions "
     "representing 4.5m workers to threaten united action.", "it is", "it is reviewing the current pension system",
     "The Cabinet Office"),
    # A content never starts before its cue with the relative pronoun, nor with a sentence of its own
    # that the parser joined to the cue across a dash.
    ("Ms Hughes was forced to resign in April over abuses in the visa processing system, which she claimed to be "
     "unaware of.", "to be",
     "to be unaware of", "she"),
    ("Mr Blunkett's comments had prompted censure - he told refugees from Kosovo to \"get back home\".", "refugees",
     'refugees from Kosovo to "get back home"', "he"),
    # Stay: a clause before a dash when the cue reports nothing after it.
    ("The policy had failed - he told reporters.", "The policy", "The policy had failed", "he"),
    # A subjectless present or future verb after a past cue goes on the reported clause.
    ("The group said it is well organised, with 350 volunteers, and will be announcing at least one other "
     "candidate later.", "it is", "it is well organised, with 350 volunteers, and will be announcing at least one "
     "other candidate later", "The group"),
    # Stay: a past verb that is no verb of saying after a past reported clause.
    ("Police said the man was arrested and fled the country.", "the man",
     "the man was arrested and fled the country", "Police"),
    # The participle of a clause that only a person's belief reports is the cue's subject's when that
    # clause's subject cannot speak, else that subject's.
    ("Tony Blair does not believe abortion should be an election issue, arguing it is a matter for conscience.",
     "it is a matter", "it is a matter for conscience", "Tony Blair"),
    ("Mr Freeman believes the Democrats will use Nafta as a weapon, arguing that he wants to divert jobs.",
     "that he wants", "that he wants to divert jobs", "the Democrats"),
    # A reporting verb the parser hung on the reported clause, in the cue's tense, is a second act of the cue's subject.
    ("Mr Prentis said workers did not want to go on strike and called for talks between unions and the highest "
     "level of government.", "workers", "workers did not want to go on strike", "Mr Prentis"),
    ("Mr Prentis said workers did not want to go on strike and called for talks between unions and the highest "
     "level of government.", "talks", "talks between unions and the highest level of government", "Mr Prentis"),
    ("The International Committee of the Red Cross said on Wednesday that Ukraine was in a state of civil war and "
     "called on the parties in conflict to respect international humanitarian law.", "the parties",
     "the parties in conflict to respect international humanitarian law",
     "The International Committee of the Red Cross"),
    ("Kiev has acknowledged that Sunday's election cannot be held in parts of the Donetsk region and has accused "
     "Moscow of deliberately seeking to undermine Ukrainian democracy.", "that Sunday",
     "that Sunday's election cannot be held in parts of the Donetsk region", "Kiev"),
    # A live blog's time stamp is no part of the entry's statement.
    ("A number of people have died in Odessa. 19:31 - Two Ukrainian soldiers have been killed in renewed fighting "
     "in Slovyansk, according to the AFP news agency.", "Two",
     "Two Ukrainian soldiers have been killed in renewed fighting in Slovyansk", "the AFP news agency"),
    # Stay: a verb the reported clause's subject did that is no verb of saying.
    ("He said the minister resigned and left the country.", "the minister",
     "the minister resigned and left the country", "He"),
    # Stay: a participle inside the clause, and one of manner, which the subject next to it does.
    ("The mayor said the suspect fled, shouting that he was innocent.", "that he", "that he was innocent",
     "the suspect"),
    ("Police said the protesters, chanting slogans, marched to the square.", "the protesters",
     "the protesters, chanting slogans, marched to the square", "Police"),
]


def _content(text: str, quote) -> str:
    return text[quote.start : quote.end].strip(" .")


@pytest.mark.parametrize(("text", "start", "content", "mention"), CONTENT_CASES,
                         ids=[f"{c[1][:12]}-{c[0][:20]}" for c in CONTENT_CASES])
def test_content_and_mention(nlp, text, start, content, mention):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.startswith(start) and q.act == SPEECH]
    assert [(_content(text, q), text[q.speaker_start : q.speaker_end]) for q in quotes] == [(content, mention)]


_REGIMENTS = (
    "Save the Scottish Regiments will also field a candidate against Armed Forces Minister Adam Ingram. The group, "
    "which is unhappy at defence merger plans, is endorsing opposition candidates. Former Scots Guardsman Allan "
    "Hendry will challenge Mr Ingram. The group said it is well organised. It added that it can only be stopped "
    "if the government reverses its plan. Peter Duncan said the Save the Scottish Regiments had done a superb job."
)

#: (text, words the statement starts with, its speaker)
SPEAKER_CASES = [
    # "The group": the organisation the article tags somewhere that opened a sentence as its subject before.
    (_REGIMENTS, "it is well", "Save the Scottish Regiments"),
    (_REGIMENTS, "that it can", "Save the Scottish Regiments"),
    # "<title> of <Body> <First> <Surname>" opening the text: the parser makes the surname the head.
    ("Minister of Transport Maxim Sokolov said the bridge would open in 2018.", "the bridge", "Maxim Sokolov"),
    ("Deputy Minister of Energy Ivan Petrov said prices would rise.", "prices", "Ivan Petrov"),
    # Stay: someone else named after "of", and a body without a holder.
    ("The wife of Tony Blair said she was proud.", "she was proud", None),
    ("The Minister of Transport Services Limited said the bridge would open.", "the bridge", None),
    # A speaking "it" after a text made the main subject means that text (unnamed, or its named author).
    ("Moscow says people there should have the right to secede. The mission report, obtained by Reuters, gave new "
     "detail on how more than 40 military observers were prevented from getting to Crimea. \"Despite repeated "
     "attempts, the monitors were consistently refused access at gunpoint,\" it said.", "Despite", None),
    ("The book, by Sunday Telegraph journalist Robert Peston, said the pair had mutual animosity. It claims Tony Blair "
     "felt he had lost voters' trust.", "Tony Blair felt", "Robert Peston"),
    # Stay: an organisation that spoke after the text, and a text that is an object.
    ("An NBC/Wall Street Journal poll showed 31 per cent in favour. Although the Clinton administration said it "
     "would appoint a czar, it has yet to announce it has found anyone.", "it has found", "Clinton administration"),
    ("The Foreign Office issued a statement on Monday. It said the talks had failed.", "the talks", "Foreign Office"),
    # Stay unnamed: no organisation opens a sentence before "the group".
    ("Voters in the town met on Monday. The group said it is well organised.", "it is well", None),
    ("Police met the Save the Scottish Regiments campaigners. The group said it is well organised. Later the "
     "Save the Scottish Regiments group marched.", "it is well", None),
]


@pytest.mark.parametrize(("text", "start", "speaker"), SPEAKER_CASES, ids=[f"{c[1]}-{c[2]}" for c in SPEAKER_CASES])
def test_speaker(nlp, text, start, speaker):
    assert [q.speaker for q in extract_quotes(nlp(text)) if q.text.startswith(start)] == [speaker]


#: (text, the quoted words, True when they must stay speech)
SCARE_CASES = [
    # Short quoted words inside a noun phrase the cue does not report: a scare quote or a name.
    ('Thus the "well-organized militia" phrase in the Second Amendment was not intended to restrict it, he said.',
     "well-organized militia", False),
    ("Igor Girkin, the Russian former “defense minister” of the Donetsk People’s Republic militant organization, "
     "claimed the rebels had won.", "defense minister", False),
    ('According to the documents released at the National Archives, the "friendly and easy" first meeting indicated '
     "that both Sir Edward and Mr Thorpe thought they had the makings of a deal.", "friendly and easy", False),
    # Stay: a verb's object or complement, and a clause in quotation marks.
    ('Dr Brian Gibbons admitted "big challenges" but insisted the essentials were in place.', "big challenges", True),
    ('But the Pentagon told BBC News US policy "condemns and prohibits" torture and said there was no evidence that '
     "any British detainee was tortured or abused.", "condemns and prohibits", True),
    ('Reports of a snap election have been described as "idle speculation" by Downing Street.', "idle speculation",
     True),
]


@pytest.mark.parametrize(("text", "words", "speech"), SCARE_CASES, ids=[c[1] for c in SCARE_CASES])
def test_scare_quotes(nlp, text, words, speech):
    quotes = [q for q in extract_quotes(nlp(text)) if q.text.strip(' ",') == words]
    if speech:
        assert quotes and all(q.act == SPEECH for q in quotes), [(q.text, q.act) for q in quotes]
    else:
        assert not any(q.act == SPEECH for q in quotes), [(q.text, q.act) for q in quotes]


#: Texts that must give no speech at all.
NOTHING = [
    'A ragtag group of "international observers" watched the vote.',
    # A relative clause whose verb lacks its object (the noun before it) reports nothing.
    "Officials are wary of the boomerang effect that sanctions would have.",
    "The strike closed the port, prompting fears of shortages.",
    "Prices rose sharply, sparking protests in the capital.",
]


@pytest.mark.parametrize("text", NOTHING, ids=[t[:24] for t in NOTHING])
def test_no_speech_at_all(nlp, text):
    assert [q.text for q in extract_quotes(nlp(text)) if q.act == SPEECH] == []


#: (text, words no statement may start with): a relative clause whose verb lacks its object reports nothing.
NO_STATEMENT_AT = [
    ("Moscow has repeatedly warned that talking in the language of sanctions is “inappropriate and counterproductive” "
     "and warned its Western partners about the “boomerang effect” that sanctions would have.", "that sanctions"),
]


@pytest.mark.parametrize(("text", "start"), NO_STATEMENT_AT, ids=[c[1] for c in NO_STATEMENT_AT])
def test_no_statement_at(nlp, text, start):
    assert [q.text for q in extract_quotes(nlp(text)) if q.text.startswith(start)] == []
